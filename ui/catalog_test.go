package ui

import (
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"loket/assets"
	"loket/standards"
)

func TestCatalogSearchAndPrintSheet(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	h.app.DocumentsDir = t.TempDir()
	var opened string
	h.app.OpenFile = func(p string) error { opened = p; return nil }
	c := h.app.catalog
	if len(c.all) != 66 {
		t.Fatalf("catalog screen lists %d services", len(c.all))
	}
	if !strings.Contains(c.markdown, "Pilih layanan di sebelah kiri") {
		t.Fatalf("nothing chosen yet, detail %q", c.markdown)
	}
	test.Type(c.search, "konsultasi stakeholder pekanbaru")
	if len(c.shown) != 1 {
		t.Fatalf("search found %d", len(c.shown))
	}
	c.list.Select(0)
	md := c.markdown
	if !strings.Contains(md, "Persyaratan") || !strings.Contains(md, "HAI CSO") {
		t.Fatalf("detail %q", md)
	}
	test.Tap(c.printBtn)
	data, err := os.ReadFile(opened)
	if err != nil || !strings.HasPrefix(string(data), "%PDF") {
		t.Fatalf("sheet %q: %v (%s)", opened, err, c.message.Text)
	}
	c.search.SetText("tidak ada layanan seperti ini")
	if len(c.shown) != 0 || !c.printBtn.Disabled() {
		t.Fatal("empty search keeps a selection")
	}
	// The last service's details do not linger beside an empty list.
	if strings.Contains(c.markdown, "HAI CSO") || !strings.Contains(c.markdown, "Tidak ada layanan yang cocok") {
		t.Fatalf("detail after a search with no match %q", c.markdown)
	}
}

func TestAdminCalendarAndCatalogImport(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	adm := h.app.admin
	cal := adm.calendar
	if storedDays(cal.days) != 25 {
		t.Fatalf("calendar pane lists %d days", len(cal.days))
	}
	cal.importCSV([]byte("tanggal,jenis,keterangan\n2027-02-30,libur_nasional,X\n"))
	if !strings.Contains(cal.message.Text, "baris") {
		t.Fatalf("bad CSV message %q", cal.message.Text)
	}
	cal.date.SetText("2026-12-31")
	cal.kind.SetSelected("Cuti bersama")
	cal.name.SetText("Cuti akhir tahun")
	cal.onSave()
	if storedDays(cal.days) != 26 {
		t.Fatalf("after save %d (%s)", len(cal.days), cal.message.Text)
	}
	cal.hours.SetText("tutup;08:00-17:00")
	cal.onSaveHours()
	if !strings.Contains(cal.message.Text, "7 hari") {
		t.Fatalf("bad hours accepted: %q", cal.message.Text)
	}
	cp := adm.catalog
	name := "003_4aa8bfc294ef9529.txt"
	doc := []byte(strings.Replace(string(assets.CatalogDocuments()[name]), "Layanan Protokoler", "Layanan Protokol", -1))
	cp.reviewDocument(name, doc)
	rv := cp.review
	if rv == nil {
		t.Fatalf("no review opened: %q", cp.message.Text)
	}
	renamed := false
	for _, it := range rv.items {
		renamed = renamed || (it.name == "Layanan Protokol" && it.change == standards.Added)
	}
	if !renamed || !strings.Contains(rv.summary(), "1 baru, 1 dihapus") {
		t.Fatalf("review of a renamed service: %q", rv.summary())
	}
	test.Tap(rv.importBtn)
	if !strings.Contains(cp.message.Text, "versi 2") {
		t.Fatalf("import %q", cp.message.Text)
	}
	cp.reviewDocument("x.txt", []byte("bukan dokumen"))
	garbage := cp.review
	if garbage == rv || !strings.Contains(garbage.rv.Problem, "Tidak ada layanan") || len(garbage.items) != 0 {
		t.Fatalf("garbage review %+v", garbage.rv)
	}
	test.Tap(garbage.importBtn)
	if !strings.Contains(garbage.message.Text, "Tidak ada layanan untuk diimpor") {
		t.Fatalf("garbage import %q", garbage.message.Text)
	}
}
