package ui

import (
	"os/exec"
	"strings"
	"testing"
)

// The UI talks to the office only through office.Service (and the small
// interfaces beside it, such as office.SyncControl): it never depends on
// the hub or the nightly sync, and never imports SQL or the PDF library
// itself. Tests may (admin_sync_test.go syncs to a real central
// server); go list without -test leaves them out.
func TestUIImportsOnlyTheOfficeSeam(t *testing.T) {
	// Never, not even through another package: the hub and the sync.
	never := []string{"loket/central", "loket/hub"}
	// Not directly: SQL and PDF (the store and reports use them for the
	// UI, which uses only their types and functions).
	notDirect := []string{"database/sql", "modernc.org/sqlite", "github.com/jung-kurt/gofpdf"}
	// goList runs go list on the ui package with the tests' build tags.
	goList := func(args ...string) []string {
		t.Helper()
		args = append(append([]string{"list", "-tags", "ci,migrated_fynedo"}, args...), "loket/ui")
		out, err := exec.Command("go", args...).Output()
		if err != nil {
			t.Fatalf("go %s: %v", strings.Join(args, " "), err)
		}
		return strings.Fields(string(out))
	}
	direct := goList("-f", "{{range .Imports}}{{.}} {{end}}")
	deps := goList("-deps", "-f", "{{.ImportPath}}")
	if len(direct) == 0 || len(deps) <= len(direct) {
		t.Fatalf("go list found %d imports, %d dependencies: not the ui package", len(direct), len(deps))
	}
	match := func(pkg, prefix string) bool { return pkg == prefix || strings.HasPrefix(pkg, prefix+"/") }
	for _, f := range never {
		for _, d := range deps {
			if match(d, f) {
				t.Errorf("ui depends on %s", d)
			}
		}
	}
	for _, f := range append(never, notDirect...) {
		for _, d := range direct {
			if match(d, f) {
				t.Errorf("ui imports %s", d)
			}
		}
	}
	// store's types (Ticket, Officer ...) are the domain's words and
	// allowed; office must be there, as the one way in.
	found := false
	for _, d := range direct {
		found = found || d == "loket/office"
	}
	if !found {
		t.Error("ui does not import loket/office")
	}
}
