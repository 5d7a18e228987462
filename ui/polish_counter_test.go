package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"loket/store"
)

// Keluar with a number still called at the counter says which one and
// offers to finish it; Space on the focused "Tutup Loket dan Keluar"
// still closes the counter (the number left as it is unless ticked).
func TestKeluarWarnsOfTheNumberStillAtTheCounter(t *testing.T) {
	for _, tick := range []bool{false, true} {
		h := newHarness(t)
		h.setUp()
		h.loginAs("fo1")
		c := h.openCounter()
		tk := h.issue("A", "")
		h.key(fyne.KeyF1)
		if c.snap.current.ID != tk.ID {
			t.Fatalf("not called: %q", c.message.Text)
		}
		test.Tap(h.app.logoutBtn)
		var text string
		for _, o := range test.LaidOutObjects(h.app.win.Canvas().Overlays().Top()) {
			if l, ok := o.(*widget.Label); ok {
				text += l.Text
			}
		}
		if !strings.Contains(text, "Nomor "+tk.Code()+" masih dipanggil") {
			t.Fatalf("the question does not name %s: %q", tk.Code(), text)
		}
		fin := h.app.logoutFinish
		if fin == nil || !fin.Visible() || fin.Checked || !strings.Contains(fin.Text, tk.Code()) {
			t.Fatalf("no offer to finish %s", tk.Code())
		}
		if b, ok := h.app.win.Canvas().Focused().(*widget.Button); !ok || b.Text != "Tutup Loket dan Keluar" {
			t.Fatalf("focus on %T, want Tutup Loket dan Keluar", h.app.win.Canvas().Focused())
		}
		if tick {
			test.Tap(fin)
		}
		tapDialogButton(t, h, "Tutup Loket dan Keluar")
		if h.app.login == nil {
			t.Fatal("not logged out")
		}
		got, err := h.svc.Store().Ticket(context.Background(), tk.ID)
		if err != nil {
			t.Fatal(err)
		}
		if finished := got.Status == store.StatusDone; finished != tick {
			t.Errorf("ticked %v: %s left %s", tick, tk.Code(), got.Status)
		}
	}
}

// The counter's state reads as one line; Layanan is as wide as the
// longest service name and Prioritas no wider than its title when no
// number has a priority.
func TestCounterStateLineAndColumnsByContent(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	h.loginAs("fo1")
	c := h.openCounter()
	h.issue("A", "")
	h.key(fyne.KeyF1)
	if !strings.HasPrefix(c.status.Text, "Dipanggil · sejak ") {
		t.Errorf("state line %q", c.status.Text)
	}
	pad := 2 * theme.InnerPadding()
	var longest float32
	for _, sv := range c.services {
		longest = max(longest, fyne.MeasureText(sv.Name, theme.TextSize(), fyne.TextStyle{}).Width+pad)
	}
	title := fyne.MeasureText("Prioritas", theme.TextSize(), fyne.TextStyle{Bold: true}).Width + pad
	relayout(h.app.win, fyne.NewSize(1366, 768)) // the usual counter monitor
	c.fitColumns()
	ws := c.columnWidths()
	svcW, prioW := ws[colService], ws[colPriority]
	var total float32
	for _, w := range ws {
		total += w + theme.Padding()
	}
	if total > c.table.Size().Width {
		t.Errorf("columns take %.0f px of a %.0f px table: the last is cut", total, c.table.Size().Width)
	}
	if svcW < longest {
		t.Errorf("Layanan %.0f px, the longest name needs %.0f (table %.0f px, widths %v)", svcW, longest, c.table.Size().Width, ws)
	}
	if prioW > title+4 {
		t.Errorf("an empty Prioritas takes %.0f px, its title %.0f", prioW, title)
	}
}
