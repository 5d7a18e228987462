package ui

import (
	"testing"

	"fyne.io/fyne/v2"
)

// The waiting counts change in place: a refresh after a ticket is issued
// and another after it is called show the new counts in the same row
// objects (new ones every refresh kept their renderers and textures in
// Fyne's caches, and the counter app grew over the day).
func TestCounterWaitingRowsAreKeptBetweenRefreshes(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	c := h.openCounter()
	rows := append([]fyne.CanvasObject(nil), c.waitingBox.Objects...)
	if len(rows) == 0 {
		t.Fatal("no waiting rows on the open counter")
	}
	a := c.waitRows.rows[c.waitRows.ids[0]]
	h.issue("A", "")
	h.issue("A", "")
	h.key(fyne.KeyF1) // reloads: one A called, one waiting
	if a.count.Text != "1" {
		t.Fatalf("A waiting %q after two issued and one called, want 1", a.count.Text)
	}
	for i, o := range c.waitingBox.Objects {
		if i >= len(rows) || o != rows[i] {
			t.Fatalf("row %d was rebuilt on a refresh", i)
		}
	}
	if a.count.Color != colNavy {
		t.Errorf("a non-zero count in %v, want navy", a.count.Color)
	}
	h.key(fyne.KeyF5)
	h.key(fyne.KeyF1)
	if a.count.Text != "0" || a.count.Color != colMuted {
		t.Errorf("A waiting %q in %v after both called, want 0 muted", a.count.Text, a.count.Color)
	}
}
