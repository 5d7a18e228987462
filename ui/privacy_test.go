package ui

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"loket/central"
	"loket/office"
	"loket/store"
)

// The Data Pribadi tab: only the admin and the DPO have it; the DPO finds
// a visitor by NIK and sees the record masked, with the access log naming
// the front office's look-up at registration and the DPO's own search;
// the exports are written whole.
func TestPrivacyScreen(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	docs := t.TempDir()
	h.app.DocumentsDir = docs
	var opened []string
	h.app.OpenFile = func(p string) error { opened = append(opened, p); return nil }
	admin := h.app.officer
	if h.app.privacy == nil {
		t.Fatal("admin has no Data Pribadi tab")
	}
	// Service B asks the NIK too (the demo's asks name, satker, phone).
	svcs, _ := h.svc.Services(context.Background())
	for _, sv := range svcs {
		if sv.Prefix == "B" {
			sv.VisitorFields = append(sv.VisitorFields, store.FieldIDNumber)
			if _, err := h.svc.SaveService(context.Background(), admin.ID, sv); err != nil {
				t.Fatal(err)
			}
		}
	}
	r, _ := h.registerB()
	r.lookup.SetText("409294")
	r.onLookup()
	test.Type(r.name, "Siti Aminah")
	r.phone.SetText("0812-9876-5432")
	r.idNumber.SetText("3171012345670001")
	for _, c := range r.checks {
		c.SetChecked(true)
	}
	test.Tap(r.save)
	if !strings.Contains(r.message.Text, "TT-KPPN019-2026-00001") {
		t.Fatalf("receipt not saved: %q", r.message.Text)
	}
	r.lookup.SetText("081298765432")
	r.onLookup()
	if len(r.found) != 1 {
		t.Fatalf("returning visitor not found: %d", len(r.found))
	}

	ctx := context.Background()
	if _, err := h.svc.SaveOfficer(ctx, admin.ID, store.Officer{Username: "dpo1", FullName: "Dewi Lestari", NIP: "198001012005012001",
		Role: store.RoleDPO, Active: true}, office.DemoPassword); err != nil {
		t.Fatal(err)
	}
	h.loginAs("fo1")
	if h.app.privacy != nil {
		t.Fatal("a front-office officer has the Data Pribadi tab")
	}
	h.loginAs("dpo1")
	opened = nil // the receipt's PDF
	p := h.app.privacy
	if p == nil {
		t.Fatal("the DPO has no Data Pribadi tab")
	}
	if !p.pdfB.Disabled() {
		t.Fatal("export enabled before anyone is found")
	}
	p.by.SetSelected(byIDNumber)
	p.query.SetText("3171012345670001")
	p.purpose.SetText("Permohonan akses No. 12/2026")
	test.Tap(p.findB)
	if strings.Contains(p.summary.Text, "3171012345670001") || !strings.Contains(p.summary.Text, "3171********0001") ||
		!strings.Contains(p.summary.Text, "0812****5432") || !strings.Contains(p.summary.Text, "1 tanda terima") {
		t.Fatalf("summary %q", p.summary.Text)
	}
	for _, want := range []string{"Administrator Kantor", office.ScreenVisitorSearch, "Dewi Lestari", "Permohonan akses No. 12/2026"} {
		if !strings.Contains(p.access.Text, want) {
			t.Errorf("access log on screen lacks %q:\n%s", want, p.access.Text)
		}
	}
	test.Tap(p.pdfB)
	if len(opened) != 1 || !strings.HasSuffix(opened[0], ".pdf") {
		t.Fatalf("PDF export opened %v (%q)", opened, p.message.Text)
	}
	test.Tap(p.jsonB)
	jsons, _ := filepath.Glob(filepath.Join(docs, "data-pribadi-*.json"))
	if len(jsons) != 1 {
		t.Fatalf("JSON export: %v (%q)", jsons, p.message.Text)
	}
	b, _ := os.ReadFile(jsons[0])
	if !strings.Contains(string(b), "3171012345670001") || !strings.Contains(string(b), "TT-KPPN019-2026-00001") {
		t.Fatalf("JSON export lacks the NIK or the receipt")
	}
	test.Tap(p.recordB)
	if len(opened) != 2 || !strings.Contains(opened[1], "catatan-pemrosesan") {
		t.Fatalf("processing record: %v (%q)", opened, p.message.Text)
	}
	test.Tap(p.dryB)
	if !strings.Contains(p.message.Text, "Uji retensi") {
		t.Fatalf("dry run: %q", p.message.Text)
	}
	// The DPO sets the retention periods from the tab.
	p.retention[store.PDContact].SetText("400")
	test.Tap(p.saveRetB)
	if v, _ := h.svc.Setting(ctx, store.RetentionSettingKey(store.PDContact)); v != "400" || !strings.Contains(p.message.Text, "disimpan") {
		t.Fatalf("the DPO's retention period: %q (%q)", v, p.message.Text)
	}
	// Restriction on request: the record stays, the look-ups no longer offer it.
	p.request(false, "Batasi pemrosesan data", "Surat keberatan No. 13/2026")
	if !strings.Contains(p.summary.Text, "PEMROSESAN DIBATASI") {
		t.Fatalf("after restriction: %q (%q)", p.summary.Text, p.message.Text)
	}
	if found, _ := h.svc.FindVisitors(ctx, "081298765432"); len(found) != 0 {
		t.Fatal("restricted visitor still offered at registration")
	}
	if dir := os.Getenv("LOKET_SCREENSHOTS"); dir != "" {
		h.app.Window().Resize(fyne.NewSize(1366, 768))
		test.Tap(p.findB)
		f, err := os.Create(filepath.Join(dir, "data-pribadi.png"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, h.app.Window().Canvas().Capture()); err != nil {
			t.Fatal(err)
		}
		for _, pdf := range opened {
			data, _ := os.ReadFile(pdf)
			os.WriteFile(filepath.Join(dir, filepath.Base(pdf)), data, 0o644)
		}
	}
	// Erasure on request, with its reason in the event.
	p.request(true, "Hapus data pribadi", "Permohonan penghapusan No. 14/2026")
	if p.summary.Text != "Data dihapus." || !p.pdfB.Disabled() {
		t.Fatalf("after erasure: %q", p.summary.Text)
	}
	test.Tap(p.findB)
	if !strings.Contains(p.message.Text, "Tidak ada data pribadi") {
		t.Fatalf("erased person found again: %q", p.message.Text)
	}
}

// The backup key is made from the Data Pribadi tab on the PC holding the
// store: the loss is explained on the tab before, the key file lands in
// the documents folder and every later backup is encrypted to it.
func TestPrivacyBackupKey(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	docs := t.TempDir()
	h.app.DocumentsDir = docs
	ctl, err := central.NewControl(h.svc.Store(), filepath.Join(t.TempDir(), "loket.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	h.app.SetSync(ctl)
	user := h.app.officer.Username
	h.app.onLogout()
	h.loginWith(user, "rahasia1")
	p := h.app.privacy
	if !strings.Contains(p.keyInfo.Text, "BELUM dienkripsi") || !strings.Contains(p.keyInfo.Text, "tidak dapat dibuka oleh siapa pun") || p.keyB.Disabled() {
		t.Fatalf("before a key: %q", p.keyInfo.Text)
	}
	p.makeBackupKey(ctl)
	keys, _ := filepath.Glob(filepath.Join(docs, "kunci-cadangan-*.txt"))
	if len(keys) != 1 {
		t.Fatalf("key files %v (%q)", keys, p.message.Text)
	}
	b, _ := os.ReadFile(keys[0])
	cfg, _ := ctl.Config()
	if !strings.Contains(string(b), "AGE-SECRET-KEY-") || !strings.HasPrefix(cfg.BackupRecipient, "age1") ||
		!strings.Contains(p.keyInfo.Text, "dienkripsi dengan kunci kantor") {
		t.Fatalf("key %q, recipient %q, info %q", b[:20], cfg.BackupRecipient, p.keyInfo.Text)
	}
	dir := t.TempDir()
	rcp, err := cfg.BackupRecipients()
	if err != nil {
		t.Fatal(err)
	}
	path, err := central.Backup(context.Background(), h.svc.Store(), dir, 2, rcp...)
	if err != nil || !central.IsEncryptedBackup(path) {
		t.Fatalf("backup after the key: %s %v", path, err)
	}
}

// The kiosk and the registration form carry the short privacy notice.
func TestPrivacyNotices(t *testing.T) {
	h := newHarness(t)
	h.setUpOffice()
	h.app.StartKiosk(KioskOptions{Print: func(context.Context, IssuedTicket) error { return nil }})
	if !canvasHasText(h.app.Window().Content(), "Nomor antrean tidak memuat data pribadi") {
		t.Fatal("the kiosk shows no privacy notice")
	}
	shot(t, h, "kiosk-pemberitahuan.png", fyne.NewSize(1280, 800))
	h2 := newHarness(t)
	h2.setUp()
	r, _ := h2.registerB()
	if !canvasHasText(r.win.Content(), "dipakai hanya untuk tanda terima") {
		t.Fatal("the registration form shows no privacy notice")
	}
}

// canvasHasText reports whether a label under o contains s.
func canvasHasText(o fyne.CanvasObject, s string) bool {
	switch x := o.(type) {
	case *widget.Label:
		return strings.Contains(x.Text, s)
	case *fyne.Container:
		for _, c := range x.Objects {
			if canvasHasText(c, s) {
				return true
			}
		}
	case fyne.Widget:
		r := test.WidgetRenderer(x)
		for _, c := range r.Objects() {
			if canvasHasText(c, s) {
				return true
			}
		}
	}
	return false
}

// shot saves the window when LOKET_SCREENSHOTS names a folder.
func shot(t *testing.T, h *harness, name string, size fyne.Size) {
	dir := os.Getenv("LOKET_SCREENSHOTS")
	if dir == "" {
		return
	}
	h.app.Window().Resize(size)
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, h.app.Window().Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}
