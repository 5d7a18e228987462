package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// Tab in a text area moves to the next field and types nothing; in
// Fyne's own multi-line entry it types a tab and keeps the focus, which
// leaves a keyboard-only officer stuck in Keperluan or Pertanyaan.
func TestTextAreaTabMovesOn(t *testing.T) {
	area, next := newTextArea(), widget.NewEntry()
	w := test.NewWindow(container.NewVBox(area, next))
	defer w.Close()
	w.Canvas().Focus(area)
	test.Type(area, "baris satu")
	if area.AcceptsTab() {
		t.Fatal("the text area accepts Tab")
	}
	var tabbable fyne.Tabbable = widget.NewMultiLineEntry()
	if !tabbable.AcceptsTab() {
		t.Fatal("Fyne's multi-line entry no longer keeps Tab: textArea may be dropped")
	}
	if !area.MultiLine || area.Text != "baris satu" {
		t.Fatalf("text area: multi-line %v, text %q", area.MultiLine, area.Text)
	}
}
