//go:build ci

package reports

// requireTools makes a missing pdftotext or python3 fail the tests that use
// them under CI (`make test` installs poppler-utils and python3) instead of
// skipping them.
const requireTools = true
