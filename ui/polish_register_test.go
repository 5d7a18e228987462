package ui

import (
	"image/color"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// The registration window: no empty results area before a search; after
// saving, the message names the receipt's file (not its whole path) and
// "Buka folder" opens the folder it is in.
func TestRegisterSavedMessageIsShortAndOpensTheFolder(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	h.app.DocumentsDir = t.TempDir()
	var opened []string
	h.app.OpenFile = func(p string) error { opened = append(opened, p); return nil }
	r, _ := h.registerB()
	if r.resultsBox.Visible() {
		t.Error("the look-up's results take room before any search")
	}
	r.lookup.SetText("Budi")
	r.onLookup()
	if r.resultsBox.Visible() {
		t.Error("results shown for a search that found no one")
	}
	r.satker.SetText("409294")
	test.Type(r.name, "Budi Santoso")
	r.phone.SetText("0812-3456-7890")
	for _, c := range r.checks {
		c.SetChecked(true)
	}
	if r.openDir.Visible() {
		t.Error("Buka folder shown before anything was saved")
	}
	test.Tap(r.save)
	if len(opened) != 1 {
		t.Fatalf("receipt not printed: %q", r.message.Text)
	}
	file := opened[0]
	if !strings.Contains(r.message.Text, "("+filepath.Base(file)+")") || strings.Contains(r.message.Text, filepath.Dir(file)) {
		t.Errorf("message %q, want the file name %s without its folder", r.message.Text, filepath.Base(file))
	}
	if !r.openDir.Visible() {
		t.Fatal("no Buka folder after saving")
	}
	test.Tap(r.openDir)
	if len(opened) != 2 || opened[1] != filepath.Dir(file) {
		t.Errorf("Buka folder opened %v, want %s", opened[1:], filepath.Dir(file))
	}
}

// luminance is the WCAG relative luminance of c.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xFFFF
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// An unticked check box (drawn in the input border colour) stands out
// from the card it sits on as a control must: 3:1 at least (WCAG 1.4.11),
// not the faint grey that looked disabled.
func TestCheckBoxOutlineContrast(t *testing.T) {
	th := Theme()
	border := th.Color(theme.ColorNameInputBorder, theme.VariantLight)
	for name, bg := range map[string]color.Color{"card": th.Color(theme.ColorNameInputBackground, theme.VariantLight),
		"background": th.Color(theme.ColorNameBackground, theme.VariantLight)} {
		a, b := luminance(border), luminance(bg)
		if a > b {
			a, b = b, a
		}
		if ratio := (b + 0.05) / (a + 0.05); ratio < 3 {
			t.Errorf("check box outline on %s: contrast %.2f:1, want at least 3:1", name, ratio)
		}
	}
}
