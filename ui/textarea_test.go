package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
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

// shortcutCanvas is the part of a window canvas the key bindings use
// (Fyne's test canvas does not dispatch shortcuts).
type shortcutCanvas struct {
	fyne.Canvas
	fyne.ShortcutHandler
}

func (c *shortcutCanvas) AddShortcut(s fyne.Shortcut, h func(fyne.Shortcut)) {
	c.ShortcutHandler.AddShortcut(s, h)
}

func (c *shortcutCanvas) RemoveShortcut(s fyne.Shortcut) { c.ShortcutHandler.RemoveShortcut(s) }

// Alt+n picks the n-th tab and Ctrl+S presses an enabled save button; a
// text area passes Ctrl/Alt with a letter or digit on to the window (the
// real app under Xvfb shows it working: TestScriptedDayUnderXvfb) and
// keeps the entry's own shortcuts.
func TestWindowKeys(t *testing.T) {
	tabs := container.NewAppTabs(container.NewTabItem("Loket", widget.NewLabel("a")),
		container.NewTabItem("Standar Layanan", widget.NewLabel("b")), container.NewTabItem("CSO", widget.NewLabel("c")))
	saved := 0
	save := widget.NewButton("Simpan", func() { saved++ })
	w := test.NewWindow(container.NewVBox(tabs, save))
	defer w.Close()
	c := &shortcutCanvas{Canvas: w.Canvas()}
	bindTabKeys(c, tabs)
	bindSave(c, save)
	c.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.Key3, Modifier: fyne.KeyModifierAlt})
	if got := tabs.SelectedIndex(); got != 2 {
		t.Fatalf("Alt+3 selected tab %d, want 2", got)
	}
	c.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.Key9, Modifier: fyne.KeyModifierAlt})
	if got := tabs.SelectedIndex(); got != 2 {
		t.Fatalf("Alt+9 with three tabs moved to tab %d", got)
	}
	c.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierControl})
	save.Disable()
	c.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierControl})
	if saved != 1 {
		t.Fatalf("Ctrl+S saved %d times (once enabled, once disabled), want 1", saved)
	}
	for _, tc := range []struct {
		s    *desktop.CustomShortcut
		want bool
	}{
		{&desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierControl}, true},
		{&desktop.CustomShortcut{KeyName: fyne.Key1, Modifier: fyne.KeyModifierAlt}, true},
		{&desktop.CustomShortcut{KeyName: fyne.KeyLeft, Modifier: fyne.KeyModifierControl}, false}, // word move
		{&desktop.CustomShortcut{KeyName: fyne.KeyBackspace, Modifier: fyne.KeyModifierControl}, false},
		{&desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShift}, false},
	} {
		if got := windowKey(tc.s); got != tc.want {
			t.Errorf("windowKey(%s) = %v, want %v", tc.s.ShortcutName(), got, tc.want)
		}
	}
}
