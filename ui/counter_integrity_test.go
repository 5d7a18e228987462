package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"loket/office"
	"loket/queue/lifecycle"
	"loket/store"
)

// TestCounterChosenCallAndPauseNeedReason: the counter calls a ticket
// picked in the today list only with a reason, and pauses only with one;
// a call ends the pause.
func TestCounterChosenCallAndPauseNeedReason(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	c := h.app.counter
	test.Tap(c.openBtn)
	if c.session.ID == "" {
		t.Fatalf("counter not opened: %q", c.openMsg.Text)
	}
	h.issue("A", "")
	h.issue("A", "")
	a3 := h.issue("A", "")
	snap, err := c.load(context.Background(), c.liveCounterID()) // the kiosk issued them: reload as the event stream would
	if err != nil {
		t.Fatal(err)
	}
	c.apply(snap)
	c.table.Select(widgetCell(0)) // newest first: A003
	if tk, _ := c.selectedTicket(); tk.ID != a3.ID || c.integ.bCallThis.Disabled() {
		t.Fatalf("selected %s, call-this disabled=%v", tk.Code(), c.integ.bCallThis.Disabled())
	}
	test.Tap(c.integ.bCallThis)
	if h.app.win.Canvas().Overlays().Top() == nil {
		t.Fatal("no reason dialog for a chosen call")
	}
	h.app.win.Canvas().Overlays().Remove(h.app.win.Canvas().Overlays().Top())

	c.callChosen(a3.ID, "")
	if !strings.Contains(c.message.Text, "Alasan wajib dipilih") || c.number.Text != "—" {
		t.Fatalf("call without reason: %q, number %q", c.message.Text, c.number.Text)
	}
	c.callChosen(a3.ID, reasonText(otherChoice, "  "))
	if !strings.Contains(c.message.Text, "minimal 5 karakter") {
		t.Fatalf("Lainnya without words: %q", c.message.Text)
	}
	c.callChosen(a3.ID, reasonText(lifecycle.CallReasons[2], ""))
	if c.number.Text != a3.Code() || !strings.Contains(c.message.Text, "di luar urutan") {
		t.Fatalf("chosen call: number %q, %q", c.number.Text, c.message.Text)
	}
	h.key(fyne.KeyF5)

	c.pauseCounter("")
	if !strings.Contains(c.message.Text, "Alasan wajib dipilih") || c.integ.paused {
		t.Fatalf("pause without reason: %q", c.message.Text)
	}
	c.pauseCounter(lifecycle.PauseReasons[1])
	if !c.integ.paused || c.integ.bPause.Text != "Lanjutkan" {
		t.Fatalf("paused=%v button %q (%q)", c.integ.paused, c.integ.bPause.Text, c.message.Text)
	}
	h.app.win.Resize(fyne.NewSize(1280, 760))
	look(t, h.app.win, "counter_paused.png")
	h.key(fyne.KeyF1) // a call ends the pause
	if c.integ.paused || c.integ.bPause.Text != "Jeda" || c.number.Text == "—" {
		t.Fatalf("after call: paused=%v %q number %q", c.integ.paused, c.integ.bPause.Text, c.number.Text)
	}
}

// TestCounterWaitingListShowsNoNames: nothing on the counter screen shows
// a visitor's name, even for a waiting ticket whose visitor registered
// (UU 27/2022 minimisation; the screen may face the room).
func TestCounterWaitingListShowsNoNames(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	c := h.app.counter
	test.Tap(c.openBtn)
	a1 := h.issue("A", "")
	h.issue("B", "")
	h.key(fyne.KeyF1)
	if c.number.Text != a1.Code() {
		t.Fatalf("called %q", c.number.Text)
	}
	ctx := context.Background()
	in := receiptInputFor(t, h, a1)
	if _, err := h.svc.CreateReceipt(ctx, c.session.ID, in); err != nil {
		t.Fatal(err)
	}
	svcs, _ := h.svc.Services(ctx)
	c.transferTo(svcs[2].ID) // the registered visitor waits again, for C
	const name, phone = "Siti Aminah", "081298765432"
	var texts []string
	for _, o := range test.LaidOutObjects(h.app.win.Content()) {
		switch w := o.(type) {
		case *widget.Label:
			texts = append(texts, w.Text)
		case *canvas.Text:
			texts = append(texts, w.Text)
		case *widget.Button:
			texts = append(texts, w.Text)
		}
	}
	for _, tk := range c.snap.tickets {
		for col := range tableCols {
			texts = append(texts, c.cell(tk, col))
		}
	}
	if len(texts) < 10 {
		t.Fatalf("only %d texts found on the counter screen", len(texts))
	}
	for _, s := range texts {
		if strings.Contains(s, name) || strings.Contains(s, phone) || strings.Contains(s, "Aminah") {
			t.Errorf("counter screen shows personal data: %q", s)
		}
	}
	if got := c.waitingSummary(); got != "A:0 B:1 C:1 D:0" {
		t.Fatalf("waiting %q", got)
	}
}

// receiptInputFor is a complete receipt of service A for ticket tk.
func receiptInputFor(t *testing.T, h *harness, tk store.Ticket) office.ReceiptInput {
	t.Helper()
	ctx := context.Background()
	cat, err := h.svc.Catalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sv, err := h.svc.Services(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ref string
	for _, s := range sv {
		if s.ID == tk.ServiceID {
			ref = s.CatalogRef
		}
	}
	in := office.ReceiptInput{TicketID: tk.ID, Purpose: "Pengajuan SPM-LS gaji November",
		Visitor: store.Visitor{SatkerCode: "409294", Name: "Siti Aminah", Phone: "081298765432", IDNumber: "198501012010012003"}}
	for _, e := range cat {
		if e.Key == ref {
			for _, req := range e.Requirements {
				in.Checklist = append(in.Checklist, store.CheckItem{Name: req, Present: true})
			}
		}
	}
	return in
}
