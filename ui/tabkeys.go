package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
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
