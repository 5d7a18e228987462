package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
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

// TypedShortcut passes the window's own Ctrl and Alt shortcuts (Ctrl+S to
// save, Alt+1.. to change tabs) on to the window: a focused entry gets
// every shortcut first and Fyne's entry drops those it does not know, so
// without this they would do nothing while the officer is typing here.
// The entry's own shortcuts (copy, paste, undo, word moves) stay its own.
func (e *textArea) TypedShortcut(s fyne.Shortcut) {
	if cs, ok := s.(*desktop.CustomShortcut); ok && windowKey(cs) {
		if c, ok := fyne.CurrentApp().Driver().CanvasForObject(e).(fyne.Shortcutable); ok {
			c.TypedShortcut(s)
			return
		}
	}
	e.Entry.TypedShortcut(s)
}

// windowKey tells a window shortcut (Ctrl or Alt with a letter or digit)
// from the entry's own.
func windowKey(s *desktop.CustomShortcut) bool {
	if s.Modifier&(fyne.KeyModifierControl|fyne.KeyModifierAlt) == 0 || len(s.KeyName) != 1 {
		return false
	}
	k := s.KeyName[0]
	return (k >= 'A' && k <= 'Z') || (k >= '0' && k <= '9')
}

// bindSave makes Ctrl+S press save (while it is enabled) in window c.
func bindSave(c fyne.Canvas, save *widget.Button) {
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierControl}, func(fyne.Shortcut) {
		if !save.Disabled() && save.Visible() {
			save.OnTapped()
		}
	})
}
