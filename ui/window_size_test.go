package ui

import (
	"testing"

	"fyne.io/fyne/v2"
)

// The counter window opens at a size that fits a 1366x768 laptop, then at
// whatever size the officer last left it on this PC; nonsense in the
// preferences falls back to the default.
func TestWindowSizeIsKept(t *testing.T) {
	h := newHarness(t)
	fa := h.app.fa
	if got := h.app.win.Canvas().Size(); got != defaultWindow {
		t.Fatalf("first start %v, want %v", got, defaultWindow)
	}
	if defaultWindow.Width > 1366 || defaultWindow.Height > 698 {
		t.Fatalf("default %v does not fit 1366x768 under a taskbar", defaultWindow)
	}
	h.app.win.Resize(fyne.NewSize(1600, 900))
	h.app.win.Close()
	again := New(fa, h.svc)
	if got := again.win.Canvas().Size(); got != fyne.NewSize(1600, 900) {
		t.Fatalf("after closing at 1600x900 reopened at %v", got)
	}
	again.win.Close()

	fa.Preferences().SetFloat(prefWinWidth, 20)
	fa.Preferences().SetFloat(prefWinHeight, 1e9)
	third := New(fa, h.svc)
	defer third.win.Close()
	if got := third.win.Canvas().Size(); got != defaultWindow {
		t.Fatalf("bad preference gave %v", got)
	}
}
