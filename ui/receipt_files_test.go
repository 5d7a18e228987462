package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"loket/tracking"
)

// dialogButtons lists the buttons under o, inside widgets' renderers too
// (a dialog's buttons sit in its renderer).
func dialogButtons(o fyne.CanvasObject) []*widget.Button {
	var out []*widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Button:
			out = append(out, v)
		case *fyne.Container:
			for _, k := range v.Objects {
				walk(k)
			}
		case fyne.Widget:
			r := test.WidgetRenderer(v)
			for _, k := range r.Objects() {
				walk(k)
			}
		}
	}
	walk(o)
	return out
}

// confirmDialog taps the confirming (high-importance) button of the
// dialog on top of win.
func confirmDialog(t *testing.T, win fyne.Window) {
	t.Helper()
	top := win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog shown")
	}
	for _, b := range dialogButtons(top) {
		if b.Importance == widget.HighImportance {
			test.Tap(b)
			return
		}
	}
	t.Fatal("the dialog has no confirming button")
}

// stepButton finds the lifecycle button with the given text.
func stepButton(t *testing.T, f *receiptFiles, text string) *widget.Button {
	t.Helper()
	var have []string
	for _, o := range f.steps.Objects {
		b := o.(*widget.Button)
		if b.Text == text {
			return b
		}
		have = append(have, b.Text)
	}
	t.Fatalf("no button %q; buttons: %v", text, have)
	return nil
}

// The file walked at the counter from diterima to diambil: found by the
// scanner's payload (QR + Enter), each step a button, recorded with the
// officer; the purpose counter and the form's hints on the way.
func TestReceiptWalkedAtTheCounter(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	h.app.DocumentsDir = t.TempDir()
	h.app.OpenFile = func(string) error { return nil }
	r, _ := h.registerB()
	if r.save.Text != "Simpan dan Cetak Tanda Terima" || !r.newRcpt.Hidden {
		t.Fatalf("first save button %q", r.save.Text)
	}
	test.Type(r.purpose, "Konsultasi revisi DIPA")
	if r.purposeN.Text != "22/160 karakter" {
		t.Fatalf("purpose counter %q", r.purposeN.Text)
	}
	r.purpose.SetText(strings.Repeat("a", 161))
	if r.purposeN.Importance != widget.DangerImportance {
		t.Fatal("an over-long purpose is not shown in red")
	}
	r.purpose.SetText("Konsultasi revisi DIPA")
	r.satker.SetText("40929")
	if err := r.satker.Validate(); err == nil || !strings.Contains(err.Error(), "6 digit") {
		t.Fatalf("satker hint: %v", err)
	}
	r.idNumber.SetText("19850101201001200")
	if err := r.idNumber.Validate(); err == nil || !strings.Contains(err.Error(), "18 digit") {
		t.Fatalf("NIP hint: %v", err)
	}
	r.idNumber.SetText("198501012010012003")
	// An unknown satker asks first; confirmed, the receipt is saved.
	r.satker.SetText("123456")
	r.name.SetText("Budi Santoso")
	r.phone.SetText("081234567890")
	for _, ch := range r.checks {
		ch.SetChecked(true)
	}
	test.Tap(r.save)
	confirmDialog(t, r.win)
	if !strings.Contains(r.message.Text, "TT-KPPN019-2026-00001 tersimpan") {
		t.Fatalf("after confirming the satker: %q", r.message.Text)
	}

	f := r.files
	f.scan.SetText("tt-kppn019-2026-00001") // a scanner with Caps Lock on
	f.scan.OnSubmitted(f.scan.Text)
	if f.cur.Number != "TT-KPPN019-2026-00001" || !strings.Contains(f.title.Text, "Diterima") {
		t.Fatalf("scanned receipt: %q %q", f.cur.Number, f.title.Text)
	}
	for _, step := range []tracking.Status{tracking.Diproses, tracking.Selesai, tracking.Diambil} {
		test.Tap(stepButton(t, f, tracking.Action(step)))
		if f.cur.Status != step || !strings.Contains(f.message.Text, "dicatat") {
			t.Fatalf("after %s: %s %q", step, f.cur.Status, f.message.Text)
		}
	}
	if len(f.steps.Objects) != 0 {
		t.Fatalf("a collected file still offers %d steps", len(f.steps.Objects))
	}
	if !strings.Contains(f.history.Text, "Diambil pemohon") || !strings.Contains(f.history.Text, "(Administrator Kantor)") {
		t.Fatalf("history %q", f.history.Text)
	}
	rc, err := h.svc.FindReceipt(context.Background(), "TT-KPPN019-2026-00001")
	if err != nil || rc.Status != tracking.Diambil || len(rc.History) != 4 {
		t.Fatalf("stored receipt %+v %v", rc, err)
	}
	// An unknown number says so and keeps the field for the next scan.
	f.scan.SetText("TT-KPPN019-2026-09999")
	f.scan.OnSubmitted(f.scan.Text)
	if !strings.Contains(f.message.Text, "tidak ditemukan") {
		t.Fatalf("unknown number: %q", f.message.Text)
	}
	// Saving again after the file moved on is refused in Indonesian.
	test.Tap(r.save)
	if !strings.Contains(r.message.Text, "sudah diambil pemohon") {
		t.Fatalf("saving a collected receipt again: %q", r.message.Text)
	}
	// The form opened again for the ticket shows the visit's receipt; its
	// file has moved on, so only a new receipt can be made.
	r.win.Close()
	h.key(fyne.KeyF7)
	r2 := h.app.register
	if r2 == r || r2.last.Number != "TT-KPPN019-2026-00001" || r2.name.Text != "Budi Santoso" || r2.purpose.Text != "Konsultasi revisi DIPA" {
		t.Fatalf("reopened form: last %q, name %q, purpose %q", r2.last.Number, r2.name.Text, r2.purpose.Text)
	}
	if !r2.save.Disabled() || r2.newRcpt.Hidden || !strings.Contains(r2.message.Text, "Tanda Terima Baru") {
		t.Fatalf("reopened form for a collected file: save disabled %v, %q", r2.save.Disabled(), r2.message.Text)
	}
}

// A file left open past its promise is listed for the Kepala Seksi, and
// leaves the list once it is done.
func TestKasiSeesFilesPastTheirPromise(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	h.app.DocumentsDir = t.TempDir()
	h.app.OpenFile = func(string) error { return nil }
	c := h.app.counter
	c.serviceSel.SetSelected([]string{"A — Penyampaian Dokumen / SPM"})
	test.Tap(c.openBtn)
	h.issue("A", "")
	h.key(fyne.KeyF1)
	h.key(fyne.KeyF7)
	r := h.app.register
	r.satker.SetText("409294")
	r.name.SetText("Siti Aminah")
	r.phone.SetText("081298765432")
	for _, ch := range r.checks {
		ch.SetChecked(true)
	}
	test.Tap(r.save)
	if r.last.DueAt.IsZero() {
		t.Fatalf("no promise on the SPM receipt: %q", r.message.Text)
	}
	h.advance(r.last.DueAt.Sub(h.now) + time.Hour)
	h.loginAs("kasi1")
	if h.app.register != nil {
		t.Fatal("the registration window outlived its officer's logout")
	}
	k := h.app.kasi
	if len(k.files) != 1 || k.files[0].Number != r.last.Number || !strings.Contains(k.filesTitle.Text, "1 berkas") {
		t.Fatalf("kasi files %d, %q", len(k.files), k.filesTitle.Text)
	}
	top, _ := h.app.overdueFileRow(k.files[0])
	if !strings.Contains(top, "lewat kurang dari 1 hari") {
		t.Fatalf("row %q", top)
	}
	// Opened from the list, the file is moved on by the Kepala Seksi.
	k.filesList.Select(0)
	f := k.fileDialog
	if f == nil || f.cur.Number != r.last.Number {
		t.Fatal("the file did not open from the Kepala Seksi's list")
	}
	for _, st := range []tracking.Status{tracking.Diproses, tracking.Selesai} {
		test.Tap(stepButton(t, f, tracking.Action(st)))
	}
	if !strings.Contains(f.history.Text, "Ahmad Fauzi") || !strings.Contains(f.detail.Text, "selesai terlambat") {
		t.Fatalf("file after the Kepala Seksi's steps: %q / %q", f.history.Text, f.detail.Text)
	}
	if len(k.files) != 0 || !strings.Contains(k.filesTitle.Text, "Tidak ada berkas") {
		t.Fatalf("a done file still listed: %d, %q", len(k.files), k.filesTitle.Text)
	}
}
