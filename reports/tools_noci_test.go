//go:build !ci

package reports

// requireTools is false outside CI: a bare `go test` on a PC without
// poppler skips the text assertions, saying so.
const requireTools = false
