package ui

import (
	"image/color"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"
)

// fitText shows a text in a box a fixed number of lines tall, wrapped at
// word boundaries and shrunk step by step until it fits the box it is
// given. It never cuts: at the smallest size a word too long for the width
// is broken across lines, and the last line may run past the box rather
// than lose letters. The display's waiting tiles use it for service names
// ("Konsultasi Stakeholder dan Pengaduan Layanan Perbendaharaan") that a
// fixed size would have to cut with "…".
type fitText struct {
	widget.BaseWidget
	text     string
	color    color.Color
	style    fyne.TextStyle
	max, min float32 // text sizes tried, largest first
	lines    int     // the box is this many lines of size max tall
}

func newFitText(text string, c color.Color, max, min float32, lines int) *fitText {
	f := &fitText{text: text, color: c, style: fyne.TextStyle{Bold: true}, max: max, min: min, lines: lines}
	f.ExtendBaseWidget(f)
	return f
}

// SetText changes the text; an unchanged text costs no redraw.
func (f *fitText) SetText(s string) {
	if s == f.text {
		return
	}
	f.text = s
	f.Refresh()
}

// CreateRenderer implements fyne.Widget.
func (f *fitText) CreateRenderer() fyne.WidgetRenderer { return &fitTextRenderer{f: f} }

type fitTextRenderer struct {
	f     *fitText
	texts []*canvas.Text // a pool, one per line laid out so far
	objs  []fyne.CanvasObject
}

func lineHeight(size float32, style fyne.TextStyle) float32 {
	return fyne.MeasureText("Hg", size, style).Height
}

func (r *fitTextRenderer) MinSize() fyne.Size {
	// Narrow on purpose: the layout shrinks and wraps to whatever width it
	// gets, so one long word must not widen a grid of tiles.
	return fyne.NewSize(40, float32(r.f.lines)*lineHeight(r.f.max, r.f.style))
}

func (r *fitTextRenderer) Layout(size fyne.Size) {
	lines, ts := fitLines(r.f.text, size, r.f.max, r.f.min, r.f.style)
	for len(r.texts) < len(lines) {
		t := canvas.NewText("", r.f.color)
		t.TextStyle = r.f.style
		r.texts = append(r.texts, t)
		r.objs = append(r.objs, t)
	}
	lh := lineHeight(ts, r.f.style)
	for i, t := range r.texts {
		if i >= len(lines) {
			t.Hide()
			continue
		}
		if t.Text != lines[i] || t.TextSize != ts || t.Color != r.f.color {
			t.Text, t.TextSize, t.Color = lines[i], ts, r.f.color
			t.Refresh()
		}
		t.Move(fyne.NewPos(0, float32(i)*lh))
		t.Resize(fyne.NewSize(size.Width, lh))
		t.Show()
	}
}

func (r *fitTextRenderer) Refresh()                     { r.Layout(r.f.Size()) }
func (r *fitTextRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *fitTextRenderer) Destroy()                     {}

// fitLines wraps text into box at the largest size from max down to min
// (whole points) at which the lines fit in the box's height with no word
// broken. When none does, it returns the lines at size min, with words too
// long for the width broken by letters: smaller than min is unreadable
// across a hall, and cutting would hide the name.
func fitLines(text string, box fyne.Size, max, min float32, style fyne.TextStyle) ([]string, float32) {
	words := strings.Fields(text)
	for s := max; s > min; s-- {
		lines, broken := wrapWords(words, box.Width, s, style)
		if !broken && float32(len(lines))*lineHeight(s, style) <= box.Height {
			return lines, s
		}
	}
	lines, _ := wrapWords(words, box.Width, min, style)
	return lines, min
}

// wrapWords fills lines greedily up to width; broken reports whether a word
// wider than a line had to be split between two letters (a split after a
// hyphen or slash is a normal line break).
func wrapWords(words []string, width, size float32, style fyne.TextStyle) (lines []string, broken bool) {
	fits := func(s string) bool { return fyne.MeasureText(s, size, style).Width <= width }
	cur := ""
	for _, w := range words {
		if cur != "" && fits(cur+" "+w) {
			cur += " " + w
			continue
		}
		if cur != "" {
			lines = append(lines, cur)
			cur = ""
		}
		for !fits(w) {
			// The longest head that fits, at least one letter; after a
			// '-' or '/' if there is one ("Rekonsiliasi-Laporan-"), which
			// reads as a word break, else anywhere, which does not.
			rs := []rune(w)
			n := 1
			for n < len(rs) && fits(string(rs[:n+1])) {
				n++
			}
			head := string(rs[:n])
			if k := strings.LastIndexAny(head, "-/"); k > 0 {
				n = utf8.RuneCountInString(head[:k+1])
			} else {
				broken = true
			}
			lines = append(lines, string(rs[:n]))
			w = string(rs[n:])
		}
		cur = w
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines, broken
}
