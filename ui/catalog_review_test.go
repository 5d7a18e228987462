package ui

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"loket/assets"
	"loket/office"
	"loket/standards"
)

const kppnSource = "004_e57612875302efc1.txt"

func kppnDocument(edits ...string) []byte {
	s := string(assets.CatalogDocuments()[kppnSource])
	for i := 0; i+1 < len(edits); i += 2 {
		s = strings.Replace(s, edits[i], edits[i+1], 1)
	}
	return []byte(s)
}

// TestCatalogReviewCorrectionSurvivesReimport is the admin's whole path:
// import, fix one checklist item and the time norm, re-import a changed
// version, keep the correction, and the receipt carries the corrected
// checklist and the promise from the corrected norm.
func TestCatalogReviewCorrectionSurvivesReimport(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	h.app.DocumentsDir = t.TempDir()
	h.app.OpenFile = func(string) error { return nil }
	ctx := context.Background()
	cp := h.app.admin.catalog

	cp.reviewDocument(kppnSource, kppnDocument())
	rv := cp.review
	if rv == nil || len(rv.items) != 1 || !rv.rv.Unchanged {
		t.Fatalf("review %+v (%s)", rv, cp.message.Text)
	}
	if rv.importBtn.Text != "Simpan koreksi" {
		t.Fatalf("same version: button %q", rv.importBtn.Text)
	}
	// The source text sits beside what was read.
	if !strings.Contains(rv.srcText.String(), "20 Menit") || !strings.Contains(rv.srcText.String(), "Persyaratan") {
		t.Fatalf("source text %q", rv.srcText.String())
	}
	parsed := rv.items[0].parsed.Requirements
	if len(rv.reqLabels) != len(parsed) || rv.normValue.Text != "20" || rv.normUnit.Selected != "menit" {
		t.Fatalf("form: %d items, norm %q %q", len(rv.reqLabels), rv.normValue.Text, rv.normUnit.Selected)
	}
	// Fix one item, add one and move it first, then remove the second.
	test.Tap(rv.reqEdit[0])
	rv.editEntry.SetText("Pertanyaan konsultasi\ntatap muka di KPPN ")
	rv.editDone(true)
	if rv.reqLabels[0].Text != "Pertanyaan konsultasi tatap muka di KPPN" {
		t.Fatalf("edited item shown as %q", rv.reqLabels[0].Text)
	}
	// A new item left empty goes again.
	test.Tap(rv.addReq)
	rv.editDone(false)
	if len(rv.reqLabels) != 2 {
		t.Fatalf("empty new item kept: %d items", len(rv.reqLabels))
	}
	test.Tap(rv.addReq)
	rv.editEntry.SetText("Identitas petugas satker")
	rv.editDone(true)
	test.Tap(rv.reqUp[2])
	test.Tap(rv.reqUp[1])
	if rv.reqLabels[0].Text != "Identitas petugas satker" {
		t.Fatalf("moved item: %q", rv.reqLabels[0].Text)
	}
	test.Tap(rv.reqDel[2])
	want := []string{"Identitas petugas satker", "Pertanyaan konsultasi tatap muka di KPPN"}
	if !slices.Equal(rv.items[0].reqs, want) {
		t.Fatalf("checklist %q", rv.items[0].reqs)
	}
	// A bad norm is refused with the service named, nothing stored.
	rv.normValue.SetText("satu")
	test.Tap(rv.importBtn)
	if !strings.Contains(rv.message.Text, "bukan angka") {
		t.Fatalf("bad norm: %q", rv.message.Text)
	}
	rv.normValue.SetText("1")
	rv.normUnit.SetSelected("hari kerja")
	// Closing now would lose the corrections: it asks first.
	test.Tap(rv.cancelBtn)
	if rv.win.Canvas().Overlays().Top() == nil {
		t.Fatal("closing a changed review did not ask")
	}
	rv.win.Canvas().Overlays().Top().Hide()
	if text, _ := rv.status(rv.items[0]); !strings.Contains(text, "dikoreksi: persyaratan, jangka waktu") {
		t.Fatalf("list status %q", text)
	}
	test.Tap(rv.importBtn)
	if !strings.Contains(cp.message.Text, "versi 1 diterapkan, dengan 1 koreksi kantor") {
		t.Fatalf("import: %q / %q", cp.message.Text, rv.message.Text)
	}
	if len(cp.corrections) != 1 || !strings.Contains(cp.describeCorrection(cp.corrections[0]), "persyaratan, jangka waktu pelayanan") {
		t.Fatalf("pane corrections %+v", cp.corrections)
	}

	// A newer version changes the time and the product.
	doc2 := kppnDocument("20 Menit", "25 Menit", "20 menit per satu", "25 menit per satu",
		"Layanan yang diberikan secara langsung/online.", "Layanan yang diberikan secara langsung atau online.")
	cp.reviewDocument(kppnSource, doc2)
	rv = cp.review
	it := rv.items[0]
	if !slices.Equal(it.conflicts, []string{office.FieldNorm}) || it.change != standards.Changed {
		t.Fatalf("re-import review: conflicts %v, change %q", it.conflicts, it.change)
	}
	if rv.useDoc[office.FieldNorm] == nil || rv.normValue.Text != "1" || rv.normUnit.Selected != "hari kerja" ||
		!slices.Equal(it.reqs, want) {
		t.Fatalf("correction not carried into the review: %q %q %q", rv.normValue.Text, rv.normUnit.Selected, it.reqs)
	}
	if text, _ := rv.status(it); !strings.HasPrefix(text, "PERIKSA") {
		t.Fatalf("status of a conflict %q", text)
	}
	if !strings.Contains(rv.srcText.String(), "25 Menit") || !strings.Contains(rv.summary(), "1 berubah") {
		t.Fatalf("new version not shown: %q", rv.summary())
	}
	test.Tap(rv.importBtn) // keep the correction
	if !strings.Contains(cp.message.Text, "versi 2 diterapkan") {
		t.Fatalf("re-import: %q / %q", cp.message.Text, rv.message.Text)
	}
	cat, err := h.svc.Catalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var e office.CatalogEntry
	for _, x := range cat {
		if x.Source == kppnSource {
			e = x
		}
	}
	if e.Version != 2 || !slices.Equal(e.Requirements, want) || e.SLAText != "1 hari kerja" ||
		!slices.Contains(e.Products, "Layanan yang diberikan secara langsung atau online.") {
		t.Fatalf("catalog after re-import %+v", e)
	}
	if timeNorm(e) != "1 hari kerja" {
		t.Fatalf("time norm shown as %q", timeNorm(e))
	}

	// At the counter: the corrected checklist, the promise from 1 working day.
	r, _ := h.registerB()
	if r == nil || len(r.checks) != 2 {
		t.Fatalf("registration checklist: %+v", r)
	}
	test.Type(r.name, "Budi Santoso")
	r.phone.SetText("0812-3456-7890")
	for _, ch := range r.checks {
		ch.SetChecked(true)
	}
	test.Tap(r.save)
	if !strings.Contains(r.message.Text, "TT-KPPN019-2026-00001") {
		t.Fatalf("receipt not saved: %q", r.message.Text)
	}
	rc, err := h.svc.FindReceipt(ctx, "TT-KPPN019-2026-00001")
	if err != nil {
		t.Fatal(err)
	}
	d := h.app.receiptData(ctx, rc, false)
	var names []string
	for _, req := range d.Requirements {
		names = append(names, req.Name)
	}
	sched, err := office.ScheduleFor(ctx, h.svc)
	if err != nil {
		t.Fatal(err)
	}
	due, _ := sched.Deadline(rc.CreatedAt, 1, "work_day")
	if !slices.Equal(names, want) || !d.DueAt.Equal(due) || !strings.HasPrefix(d.DueNote, "1 hari kerja") {
		t.Fatalf("receipt data: %q, due %v (%s), want %v", names, d.DueAt, d.DueNote, due)
	}
}

// TestCatalogReviewManualService: a document with nothing readable; the
// admin types a service from its text.
func TestCatalogReviewManualService(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	cp := h.app.admin.catalog
	text := []byte("Layanan Legalisir Dokumen\nSyarat: surat permohonan\nSelesai 2 hari kerja\n")
	cp.reviewDocument("legalisir.txt", text)
	rv := cp.review
	if rv == nil || len(rv.items) != 0 || !strings.Contains(rv.srcText.String(), "Selesai 2 hari kerja") {
		t.Fatalf("review of an unreadable document: %+v", rv)
	}
	test.Tap(rv.addSvc)
	if len(rv.items) != 1 || rv.nameEntry == nil {
		t.Fatal("no manual service added")
	}
	rv.nameEntry.SetText("Legalisir Dokumen")
	test.Tap(rv.addReq)
	rv.editEntry.SetText("Surat permohonan")
	rv.editDone(true)
	rv.normValue.SetText("2")
	test.Tap(rv.importBtn)
	if !strings.Contains(rv.message.Text, "unit pelayanan") {
		t.Fatalf("no unit accepted: %q", rv.message.Text)
	}
	rv.unit.SetText("Subbagian Umum")
	test.Tap(rv.importBtn)
	if !strings.Contains(cp.message.Text, "legalisir.txt versi 1 diterapkan") {
		t.Fatalf("manual import: %q / %q", cp.message.Text, rv.message.Text)
	}
	cat, _ := h.svc.Catalog(context.Background())
	var m office.CatalogEntry
	for _, e := range cat {
		if e.Manual {
			m = e
		}
	}
	if m.Name != "Legalisir Dokumen" || m.Unit != "Subbagian Umum" || !slices.Equal(m.Requirements, []string{"Surat permohonan"}) ||
		m.SLAText != "2 hari kerja" {
		t.Fatalf("manual entry %+v", m)
	}
	// The Standar Layanan tab shows it, marked as the office's own.
	s := h.app.catalog
	s.reload()
	s.search.SetText("legalisir dokumen")
	at := slices.IndexFunc(s.shown, func(e office.CatalogEntry) bool { return e.Manual })
	if at < 0 {
		t.Fatalf("search found %d, not the manual service", len(s.shown))
	}
	s.list.Select(at)
	if !strings.Contains(s.markdown, "Ditambahkan manual") || !strings.Contains(s.markdown, "2 hari kerja") {
		t.Fatalf("detail %q", s.markdown)
	}
}

// TestCatalogPickOpensFileDialog: the import button opens the file dialog
// (sized for the documents' long names) without failing.
func TestCatalogPickOpensFileDialog(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	h.app.admin.catalog.onPick()
	overlay := h.app.win.Canvas().Overlays().Top()
	if overlay == nil || overlay.Size().Width < 900 {
		t.Fatalf("file dialog overlay %v", overlay)
	}
}

// TestCatalogPaneDropsACorrection: the pane lists the correction with who
// made it, and dropping it (after a confirmation) brings the document's
// text back.
func TestCatalogPaneDropsACorrection(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	ctx := context.Background()
	cp := h.app.admin.catalog
	cp.reviewDocument(kppnSource, kppnDocument())
	rv := cp.review
	rv.normValue.SetText("2")
	rv.normUnit.SetSelected("jam")
	test.Tap(rv.importBtn)
	if len(cp.corrections) != 1 || !strings.Contains(cp.describeCorrection(cp.corrections[0]), "Admin") {
		t.Fatalf("pane corrections %+v", cp.corrections)
	}
	if cp.corrEmpty.Visible() || !cp.dropBtn.Disabled() {
		t.Fatal("list with a correction says it is empty, or drop enabled without a selection")
	}
	cp.corrList.Select(0)
	test.Tap(cp.dropBtn)
	if h.app.win.Canvas().Overlays().Top() == nil {
		t.Fatal("no confirmation before dropping")
	}
	cp.drop(cp.corrections[0])
	if len(cp.corrections) != 0 || !cp.corrEmpty.Visible() || !strings.Contains(cp.message.Text, "teks dokumen") {
		t.Fatalf("after drop: %d corrections, %q", len(cp.corrections), cp.message.Text)
	}
	cs, err := h.svc.CatalogCorrections(ctx)
	if err != nil || len(cs) != 0 {
		t.Fatalf("store still has %+v %v", cs, err)
	}
}

// TestCatalogReviewWarnsOfAnotherFileName: the same standard saved under
// another file name would list its services twice; the review says so.
func TestCatalogReviewWarnsOfAnotherFileName(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	cp := h.app.admin.catalog
	cp.reviewDocument("Standar KPPN Pekanbaru.txt", kppnDocument())
	rv := cp.review
	if text, _ := rv.status(rv.items[0]); !strings.HasPrefix(text, "SUDAH ADA di "+kppnSource) {
		t.Fatalf("status %q", text)
	}
	// Nothing changed: closing does not ask.
	test.Tap(rv.cancelBtn)
	if rv.win.Canvas().Overlays().Top() != nil {
		t.Fatal("closing an unchanged review asked")
	}
	cp.reviewDocument(kppnSource, kppnDocument())
	if text, _ := cp.review.status(cp.review.items[0]); strings.Contains(text, "SUDAH ADA") {
		t.Fatalf("own document flagged: %q", text)
	}
}

// A checklist's note read from the document (who may use the service) is
// shown in the review beside the items, marked as never ticked.
func TestCatalogReviewShowsRequirementsNote(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	cp := h.app.admin.catalog
	var name string
	var content []byte
	for n, c := range assets.CatalogDocuments() {
		if strings.HasPrefix(n, "001_") {
			name, content = n, c
		}
	}
	cp.reviewDocument(name, content)
	rv := cp.review
	at := -1
	for i, it := range rv.items {
		if it.parsed.RequirementsNote != "" {
			at = i
			break
		}
	}
	if at < 0 {
		t.Fatal("seed 001 reviewed without any requirements note")
	}
	rv.list.Select(at)
	if shown := texts(rv.form); !strings.Contains(shown, "Catatan (tidak dicentang): "+strings.SplitN(rv.items[at].parsed.RequirementsNote, "\n", 2)[0]) {
		t.Errorf("the note of %q is not shown in the review form", rv.items[at].name)
	}
}
