package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// The kiosk's exit, reached by Tab, shows that it has the focus; the
// result card keeps room under its Selesai button.
func TestKioskExitFocusShowsAndSelesaiHasRoom(t *testing.T) {
	h := newHarness(t)
	h.setUpOffice()
	h.app.StartKiosk(KioskOptions{})
	k := h.app.kiosk
	h.app.win.Resize(fyne.NewSize(1366, 768))
	var exit *kioskExit
	for _, o := range test.LaidOutObjects(h.app.win.Content()) {
		if e, ok := o.(*kioskExit); ok {
			exit = e
		}
	}
	if exit == nil {
		t.Fatal("no exit button in the kiosk header")
	}
	c := h.app.win.Canvas()
	c.Focus(exit)
	if exit.Text == "·" || exit.Importance == widget.LowImportance {
		t.Errorf("focused exit reads %q (importance %v): the focus does not show on the navy header", exit.Text, exit.Importance)
	}
	c.Unfocus()
	if exit.Text != "·" {
		t.Errorf("unfocused exit reads %q", exit.Text)
	}

	tapService(t, k, "A")
	var done *widget.Button
	for _, o := range test.LaidOutObjects(k.resultPage) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Selesai" {
			done = b
		}
	}
	if done == nil {
		t.Fatal("no Selesai on the result page")
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject
	cardObj := k.resultPage.(*fyne.Container).Objects[0]
	gap := pos(cardObj).Y + cardObj.Size().Height - (pos(done).Y + done.Size().Height)
	if gap < kioskCardFoot {
		t.Errorf("Selesai ends %.0f px above the card's bottom edge, want at least %d", gap, kioskCardFoot)
	}
}

// The Kepala Seksi's Laporan is the fourth tab (Alt+4), Keadilan Antrean
// after it.
func TestKasiTabsKeepLaporanOnAlt4(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	h.loginAs("kasi1")
	got := h.tabTitles()
	if len(got) < 5 || got[3] != "Laporan" || got[4] != "Keadilan Antrean" {
		t.Errorf("kasi tabs %v: want Laporan fourth and Keadilan Antrean fifth", got)
	}
}
