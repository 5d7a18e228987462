package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"loket/office"
	"loket/pii"
	"loket/store"
)

// renderedTexts lays o out at size and returns every text its rendered
// tree draws (labels, rich texts and entries all end as canvas.Text).
func renderedTexts(o fyne.CanvasObject, size fyne.Size) string {
	o.Resize(size)
	o.Refresh()
	var b strings.Builder
	for _, x := range test.LaidOutObjects(o) {
		if t, ok := x.(*canvas.Text); ok && t.Text != "" {
			b.WriteString(t.Text + "\n")
		}
	}
	return b.String()
}

// The lists that show people (today's receipts, the CSO board and its
// call backs, the Kepala Seksi's escalated, overdue items and overdue
// files) never show a NIK/NIP and show a phone only masked.
func TestPeopleListsMaskPhoneAndHideNIK(t *testing.T) {
	const phone, nik = "081298765432", "198501012010012003"
	h := newHarness(t)
	h.setUp()
	ctx := context.Background()
	offs, _ := h.svc.Officers(ctx)
	byUser := map[string]store.Officer{}
	for _, o := range offs {
		byUser[o.Username] = o
	}
	ctrs, _ := h.svc.Counters(ctx)
	svcs, _ := h.svc.Services(ctx)
	var spm store.Service
	for _, sv := range svcs {
		if sv.Prefix == "A" {
			spm = sv
		}
	}
	if !spm.Asks(store.FieldIDNumber) || !spm.Asks(store.FieldPhone) {
		t.Fatalf("demo service A should ask NIP/NIK and phone: %v", spm.VisitorFields)
	}
	// A receipt for a person with NIP and phone, at another counter.
	sess, err := h.svc.OpenCounter(ctx, byUser["fo1"].ID, ctrs[3].ID, []string{spm.ID})
	if err != nil {
		t.Fatal(err)
	}
	tk := h.issue("A", "")
	if _, err := h.svc.CallNext(ctx, sess.ID); err != nil {
		t.Fatal(err)
	}
	cat, _ := h.svc.Catalog(ctx)
	var checklist []store.CheckItem
	for _, e := range cat {
		if e.Key == spm.CatalogRef {
			for _, req := range e.Requirements {
				checklist = append(checklist, store.CheckItem{Name: req, Present: true})
			}
		}
	}
	rc, err := h.svc.CreateReceipt(ctx, sess.ID, office.ReceiptInput{TicketID: tk.ID, Purpose: "Pengajuan SPM-LS gaji",
		Checklist: checklist, Visitor: store.Visitor{SatkerCode: "409294", Name: "Siti Aminah", Phone: phone, IDNumber: nik}})
	if err != nil {
		t.Fatal(err)
	}
	if rc.DueAt.IsZero() {
		t.Fatal("the receipt has no promise; it cannot become overdue")
	}
	// A consultation of the same person, escalated, with a call back.
	cso := byUser["cso1"]
	c, err := h.svc.CreateConsultation(ctx, cso.ID, store.Consultation{Channel: store.ChannelTelepon, Category: "sakti",
		Question: "Akun SAKTI terblokir", OfficerID: cso.ID, Visitor: rc.Visitor})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.svc.ScheduleCallback(ctx, cso.ID, store.Callback{ConsultationID: c.ID, DueAt: h.now.Add(time.Hour),
		Phone: phone, Note: "Konfirmasi reset"}); err != nil {
		t.Fatal(err)
	}
	r, _ := h.registerB()
	r.loadReceipts()
	today := renderedTexts(r.receiptList, fyne.NewSize(1200, 500))
	h.advance(15 * 24 * time.Hour) // the consultation and the file are overdue
	h.app.cso.refresh()
	h.app.kasi.refresh()
	k := h.app.kasi
	if len(r.receipts) == 0 || len(h.app.cso.board.Callbacks) != 1 || len(k.board.Overdue) == 0 || len(k.files) == 0 {
		t.Fatalf("lists not filled: %d receipts, %d call backs, %d overdue, %d overdue files",
			len(r.receipts), len(h.app.cso.board.Callbacks), len(k.board.Overdue), len(k.files))
	}
	size := fyne.NewSize(1200, 500)
	for _, l := range []struct {
		name string
		list *widget.List
		want string // shows the person, so the check means something
	}{
		{"tanda terima hari ini", nil, "Siti Aminah"},
		{"CSO terbuka", h.app.cso.openList, "Siti Aminah"},
		{"CSO hubungi kembali", h.app.cso.cbList, pii.Mask(phone)},
		{"Kasi lewat tenggat", k.overList, "Siti Aminah"},
		{"Kasi berkas lewat janji", k.filesList, "Siti Aminah"},
		{"Kasi eskalasi", k.escList, ""},
	} {
		t.Run(l.name, func(t *testing.T) {
			text := today
			if l.list != nil {
				text = renderedTexts(l.list, size)
			}
			if !strings.Contains(text, l.want) {
				t.Fatalf("list does not show %q:\n%s", l.want, text)
			}
			for _, secret := range []string{phone, nik, "0812-9876", "198501012010"} {
				if strings.Contains(text, secret) {
					t.Fatalf("list shows %q unmasked:\n%s", secret, text)
				}
			}
		})
	}
}

// Registration shows only the visitor fields the service asks; the admin
// chooses them in the service editor.
func TestRegisterAsksOnlyTheServiceFields(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	r, _ := h.registerB() // the demo consultation service: name, satker, phone
	text := renderedTexts(r.win.Content(), fyne.NewSize(1100, 680))
	for _, want := range []string{"Kode satker", "Nama perwakilan", "Telepon/HP"} {
		if !strings.Contains(text, want) {
			t.Fatalf("registration lacks %q:\n%s", want, text)
		}
	}
	for _, not := range []string{"NIP/NIK", "Email"} {
		if strings.Contains(text, not) {
			t.Fatalf("registration asks %q, which service B does not need", not)
		}
	}
	r.win.Close()

	// The admin adds NIP/NIK to service B in the service editor.
	ed := h.app.admin.services
	for i, sv := range ed.items {
		if sv.Prefix == "B" {
			ed.list.Select(i)
		}
	}
	fields := findCheckGroup(t, ed.form)
	fields.SetSelected(append(fields.Selected, store.VisitorFieldLabel(store.FieldIDNumber)))
	ed.onSave()
	svcs, _ := h.svc.Services(context.Background())
	for _, sv := range svcs {
		if sv.Prefix == "B" && !sv.Asks(store.FieldIDNumber) {
			t.Fatalf("service B asks %v after the editor saved NIP/NIK", sv.VisitorFields)
		}
	}
}

// findCheckGroup is the form's only check group (the visitor fields).
func findCheckGroup(t *testing.T, f *widget.Form) *widget.CheckGroup {
	t.Helper()
	for _, it := range f.Items {
		for _, o := range test.LaidOutObjects(it.Widget) {
			if g, ok := o.(*widget.CheckGroup); ok {
				return g
			}
		}
	}
	t.Fatal("the service editor has no visitor fields")
	return nil
}
