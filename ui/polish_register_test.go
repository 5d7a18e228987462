package ui

import (
	"image/color"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
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

// The running text's pages end where sentences end when the sentences
// fit; a sentence longer than the screen is broken between words and its
// pages say it goes on ("…"). Every word is shown, in order.
func TestRunningTextPagesFollowSentences(t *testing.T) {
	style := fyne.TextStyle{Bold: true}
	text := "Selamat datang. Budayakan antre. Layanan ini tidak dipungut biaya. Laporkan pungutan liar melalui SP4N-LAPOR! (lapor.go.id)."
	width := fyne.MeasureText("Selamat datang. Budayakan antre. Layanan ini tidak dipungut biaya. Laporkan pungutan", 30, style).Width
	pages := runningPages(text, width, 30, style)
	want := []string{"Selamat datang. Budayakan antre. Layanan ini tidak dipungut biaya.", "Laporkan pungutan liar melalui SP4N-LAPOR! (lapor.go.id)."}
	if strings.Join(pages, "|") != strings.Join(want, "|") {
		t.Errorf("pages %q\nwant %q", pages, want)
	}
	long := "Mulai 1 Januari 2027 seluruh pengajuan SPM wajib melalui aplikasi SAKTI dengan ADK yang ditandatangani secara elektronik oleh PPSPM."
	narrow := fyne.MeasureText("Mulai 1 Januari 2027 seluruh pengajuan SPM", 30, style).Width
	pages = runningPages(long, narrow, 30, style)
	if len(pages) < 3 {
		t.Fatalf("%d pages for a long sentence: %q", len(pages), pages)
	}
	var words []string
	for i, p := range pages {
		if fyne.MeasureText(p, 30, style).Width > narrow {
			t.Errorf("page %q wider than the strip", p)
		}
		if (i < len(pages)-1) != strings.HasSuffix(p, " …") || (i > 0) != strings.HasPrefix(p, "… ") {
			t.Errorf("page %d %q: continuation marks wrong", i, p)
		}
		words = append(words, strings.Fields(strings.Trim(p, "… "))...)
	}
	if strings.Join(words, " ") != long {
		t.Errorf("words shown %q", strings.Join(words, " "))
	}
}
