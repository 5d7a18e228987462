package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// textArea is a multi-line entry in which Tab moves to the next field, as
// in every other field of a form, instead of typing a tab character: an
// officer who fills the registration or CSO form from the keyboard can
// then leave Keperluan, Pertanyaan or Jawaban and reach the checklist and
// the save button without the mouse (a tab in those texts is never
// wanted; the receipt and the reports print them as one paragraph).
type textArea struct{ widget.Entry }

// newTextArea is widget.NewMultiLineEntry whose Tab leaves the field.
func newTextArea() *textArea {
	e := &textArea{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip) // as widget.NewMultiLineEntry
	e.ExtendBaseWidget(e)
	return e
}

// AcceptsTab implements fyne.Tabbable: Tab and Shift+Tab move the focus.
func (e *textArea) AcceptsTab() bool { return false }
