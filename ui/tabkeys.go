package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// bindTabKeys lets the officer change tabs from the keyboard: Alt+1 is
// the first tab (Loket), Alt+2 the second, and so on, as in a browser.
// Fyne's tab bar takes no keyboard focus, so without these an officer
// working with the F-keys had to reach for the mouse to go from Loket
// to CSO, Kepala Seksi or Laporan. (A shortcut reaches the window while
// no text field has the focus; a field keeps its own keys.)
func bindTabKeys(c fyne.Canvas, tabs *container.AppTabs) {
	keys := []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6, fyne.Key7, fyne.Key8, fyne.Key9}
	for i, k := range keys {
		c.RemoveShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierAlt})
		c.AddShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierAlt}, func(fyne.Shortcut) {
			if i < len(tabs.Items) {
				tabs.SelectIndex(i)
			}
		})
	}
}

// bindWorkKeys adds the keys of the working screens to the main window:
// Alt+1.. for the tabs; on the CSO tab Ctrl+S is Simpan and Ctrl+E
// Eskalasi ke Kasi; on the Kepala Seksi tab Ctrl+S sends the response
// back to the CSO. They act only while no dialog is open over the window
// (its own buttons answer then) and the button is enabled.
func (a *App) bindWorkKeys(tabs *container.AppTabs) {
	c := a.win.Canvas()
	bindTabKeys(c, tabs)
	press := func(tab string, button func() *widget.Button) func(fyne.Shortcut) {
		return func(fyne.Shortcut) {
			if c.Overlays().Top() != nil || tabs.Selected() == nil || tabs.Selected().Text != tab {
				return
			}
			if b := button(); b != nil && !b.Disabled() && b.Visible() && b.OnTapped != nil {
				b.OnTapped()
			}
		}
	}
	cso := func(b func(s *csoScreen) *widget.Button) func() *widget.Button {
		return func() *widget.Button {
			if a.cso == nil {
				return nil
			}
			return b(a.cso)
		}
	}
	ctrlS := &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierControl}
	ctrlE := &desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: fyne.KeyModifierControl}
	c.RemoveShortcut(ctrlS)
	c.RemoveShortcut(ctrlE)
	saveCSO := press("CSO", cso(func(s *csoScreen) *widget.Button { return s.saveBtn }))
	sendKasi := press("Kepala Seksi", func() *widget.Button {
		if a.kasi == nil || !a.kasi.reply.Visible() {
			return nil
		}
		return a.kasi.returnB
	})
	c.AddShortcut(ctrlS, func(s fyne.Shortcut) { saveCSO(s); sendKasi(s) })
	c.AddShortcut(ctrlE, press("CSO", cso(func(s *csoScreen) *widget.Button { return s.escalateBtn })))
}
