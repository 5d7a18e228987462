//go:build ci

package reports

// requireTools makes a missing pdftotext fail the text assertions under CI
// (`make test` installs poppler-utils) instead of skipping them.
const requireTools = true
