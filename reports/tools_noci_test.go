//go:build !ci

package reports

// requireTools is false outside CI: a bare `go test` on a PC without
// poppler or python3 skips the checks that use them, saying so.
const requireTools = false
