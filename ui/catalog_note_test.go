package ui

import (
	"image/png"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
)

// TestCatalogRequirementsNote: who may use the service is shown under
// Persyaratan as a note, not as the first numbered requirement (issue 17).
func TestCatalogRequirementsNote(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	c := h.app.catalog
	test.Type(c.search, "permintaan informasi publik")
	if len(c.shown) == 0 {
		t.Fatal("service not found")
	}
	c.list.Select(0)
	md := c.markdown
	note := "Yang dapat menggunakan layanan permintaan informasi publik kepada PPID, yaitu:"
	i, j := strings.Index(md, "**Persyaratan**"), strings.Index(md, note)
	// who may ask (a list of its own) and the sentence that introduces the
	// documents are the note; the documents are the numbered checklist
	if i < 0 || j < i || strings.Contains(md, "1. "+note) || !strings.Contains(md[j:], "badan hukum Indonesia.\n\nDengan melengkapi") ||
		!strings.Contains(md[j:], "1. Orang perseorangan (warga negara Indonesia) melengkapi") {
		t.Fatalf("detail %q", md)
	}
	if dir := os.Getenv("LOKET_SCREENSHOTS"); dir != "" {
		h.app.Window().Resize(fyne.NewSize(1200, 800))
		var walk func(o fyne.CanvasObject)
		walk = func(o fyne.CanvasObject) {
			switch x := o.(type) {
			case *container.AppTabs:
				x.SelectIndex(1) // Standar Layanan
			case *fyne.Container:
				for _, c := range x.Objects {
					walk(c)
				}
			}
		}
		walk(h.app.Window().Content())
		f, err := os.Create(dir + "/catalog-note.png")
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		png.Encode(f, h.app.Window().Canvas().Capture())
	}
}
