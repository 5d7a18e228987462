package reports

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/boombuler/barcode/qr"
	"github.com/jung-kurt/gofpdf"

	"loket/assets"
)

// family is the name the embedded font is registered under in every document.
const family = "dejavu"

// compress is switched off by tests that look for text in the raw PDF.
var compress = true

// ptToMM converts a font size in points to millimetres.
const ptToMM = 25.4 / 72

// newDoc starts a document in millimetres with the embedded fonts loaded,
// no automatic page breaks (layouts place everything themselves) and zero
// cell margins so that measured widths are the drawn widths.
func newDoc(title string, created time.Time) *gofpdf.Fpdf {
	pdf := gofpdf.NewCustom(&gofpdf.InitType{UnitStr: "mm", SizeStr: "A4"})
	pdf.SetCompression(compress)
	pdf.AddUTF8FontFromBytes(family, "", assets.FontRegular())
	pdf.AddUTF8FontFromBytes(family, "B", assets.FontBold())
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetCellMargin(0)
	pdf.SetMargins(0, 0, 0)
	pdf.SetTitle(cleanLine(title), true)
	pdf.SetCreator("Loket", true)
	pdf.SetProducer("Loket", true)
	if !created.IsZero() {
		// A fixed date keeps output reproducible for the same input.
		pdf.SetCreationDate(created)
		pdf.SetModificationDate(created)
	}
	pdf.SetFont(family, "", 10)
	pdf.SetTextColor(0, 0, 0)
	pdf.SetDrawColor(0, 0, 0)
	pdf.SetFillColor(0, 0, 0)
	pdf.SetLineCapStyle("butt")
	return pdf
}

// finish writes the document out, turning gofpdf's sticky error into ours.
func finish(pdf *gofpdf.Fpdf, what string) ([]byte, error) {
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("reports: %s: %w", what, err)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("reports: %s: %w", what, err)
	}
	return buf.Bytes(), nil
}

// flow lays content out top to bottom in one column. In measure mode
// (draw == false) it only advances y, so a roll layout can learn its height
// before the page exists; in draw mode it paints. With paged set it starts a
// new page when content would cross the bottom limit.
type flow struct {
	pdf    *gofpdf.Fpdf
	draw   bool
	x, w   float64 // content column
	y      float64
	top    float64 // y to restart at on a new page
	bottom float64 // lowest y content may reach (paged mode)
	paged  bool
	page   gofpdf.SizeType // size of continuation pages (paged mode)
	onPage func()          // draws repeated page furniture (paged mode)
}

// lineH is the line pitch for a font size, in mm.
func lineH(size float64) float64 { return size * ptToMM * 1.22 }

func (f *flow) font(style string, size float64) { f.pdf.SetFont(family, style, size) }

// split wraps already-cleaned text to width w with the current font,
// breaking only between words (see wrapWords). Empty text gives no lines;
// explicit newlines are honoured.
func (f *flow) split(s string, w float64) []string {
	if s == "" {
		return nil
	}
	var out []string
	for _, para := range strings.Split(s, "\n") {
		if strings.TrimSpace(para) == "" {
			out = append(out, "")
			continue
		}
		out = append(out, wrapWords(para, w, f.pdf.GetStringWidth)...)
	}
	return out
}

// ensure starts a new page when h more millimetres would not fit.
func (f *flow) ensure(h float64) {
	if !f.paged || f.y+h <= f.bottom {
		return
	}
	if f.draw {
		f.pdf.AddPageFormat("P", f.page)
		if f.onPage != nil {
			f.onPage()
		}
	}
	f.y = f.top
}

// text writes wrapped text in the column and advances.
func (f *flow) text(s, style string, size float64, align string) {
	f.textAt(f.x, f.w, s, style, size, align)
}

// textAt writes wrapped text in a sub-column [x, x+w] and advances.
func (f *flow) textAt(x, w float64, s, style string, size float64, align string) {
	f.font(style, size)
	lh := lineH(size)
	lines := f.split(cleanPara(s), w)
	if len(lines) <= 4 {
		f.ensure(lh * float64(len(lines))) // keep short paragraphs together
	}
	for _, l := range lines {
		f.ensure(lh)
		if f.draw && l != "" {
			f.font(style, size) // page furniture may have changed it
			f.pdf.SetXY(x, f.y)
			f.pdf.CellFormat(w, lh, l, "", 0, align+"M", false, 0, "")
		}
		f.y += lh
	}
}

// textHeight measures what textAt would take.
func (f *flow) textHeight(w float64, s, style string, size float64) float64 {
	f.font(style, size)
	return float64(len(f.split(cleanPara(s), w))) * lineH(size)
}

// labelled writes "label  : value" with the value wrapping in its own
// column, as in Indonesian forms.
func (f *flow) labelled(label, value string, labelW, size float64) {
	value = cleanPara(value)
	if value == "" {
		value = "-"
	}
	f.font("", size)
	lines := f.split(value, f.w-labelW-3)
	lh := lineH(size)
	f.ensure(lh * float64(len(lines)))
	if f.draw {
		f.font("", size)
		f.pdf.SetXY(f.x, f.y)
		f.pdf.CellFormat(labelW, lh, cleanLine(label), "", 0, "LM", false, 0, "")
		f.pdf.SetXY(f.x+labelW, f.y)
		f.pdf.CellFormat(3, lh, ":", "", 0, "LM", false, 0, "")
	}
	for _, l := range lines {
		if f.draw {
			f.pdf.SetXY(f.x+labelW+3, f.y)
			f.pdf.CellFormat(f.w-labelW-3, lh, l, "", 0, "LM", false, 0, "")
		}
		f.y += lh
	}
}

// gap advances by mm.
func (f *flow) gap(mm float64) { f.y += mm }

// rule draws a horizontal line across the column with the given weight.
func (f *flow) rule(weight float64) {
	if f.draw {
		f.pdf.SetLineWidth(weight)
		f.pdf.Line(f.x, f.y, f.x+f.w, f.y)
	}
	f.y += weight
}

// dashed draws a dashed rule, the tear-line look of a roll receipt.
func (f *flow) dashed() {
	if f.draw {
		f.pdf.SetLineWidth(0.2)
		f.pdf.SetDashPattern([]float64{1, 0.8}, 0)
		f.pdf.Line(f.x, f.y, f.x+f.w, f.y)
		f.pdf.SetDashPattern(nil, 0)
	}
	f.y += 0.2
}

// band draws s in white on a black band across the column: the look used
// for the priority lane and the SALINAN mark, which must stand out on a
// one-colour thermal print.
func (f *flow) band(s string, size float64) {
	s = cleanLine(s)
	f.font("B", size)
	lines := f.split(s, f.w-4)
	lh := lineH(size)
	h := float64(len(lines))*lh + 2
	f.ensure(h)
	if f.draw {
		f.pdf.SetFillColor(0, 0, 0)
		f.pdf.Rect(f.x, f.y, f.w, h, "F")
		f.pdf.SetTextColor(255, 255, 255)
		for i, l := range lines {
			f.pdf.SetXY(f.x+2, f.y+1+float64(i)*lh)
			f.pdf.CellFormat(f.w-4, lh, l, "", 0, "CM", false, 0, "")
		}
		f.pdf.SetTextColor(0, 0, 0)
	}
	f.y += h
}

// fitSize returns the largest size at most max (points) at which the single
// line s fits width w in the given style.
func (f *flow) fitSize(s, style string, max, w float64) float64 {
	f.font(style, max)
	sw := f.pdf.GetStringWidth(s)
	if sw <= w || sw == 0 {
		return max
	}
	return max * w / sw
}

// drawQR paints the QR code of content as vector squares with its top-left
// corner at (x, y) and side size mm (quiet zone not included: callers leave
// white space around it).
func drawQR(pdf *gofpdf.Fpdf, content string, x, y, size float64) error {
	code, err := qr.Encode(content, qr.M, qr.Auto)
	if err != nil {
		return fmt.Errorf("reports: qr: %w", err)
	}
	b := code.Bounds()
	n := b.Dx()
	m := size / float64(n)
	// Each row is painted as runs of dark modules; a hair of overlap keeps
	// anti-aliasing viewers from showing seams between rows.
	const hair = 0.03
	for row := 0; row < n; row++ {
		start := -1
		for col := 0; col <= n; col++ {
			dark := false
			if col < n {
				r, _, _, _ := code.At(b.Min.X+col, b.Min.Y+row).RGBA()
				dark = r < 0x8000
			}
			switch {
			case dark && start < 0:
				start = col
			case !dark && start >= 0:
				pdf.Rect(x+float64(start)*m, y+float64(row)*m, float64(col-start)*m+hair, m+hair, "F")
				start = -1
			}
		}
	}
	return nil
}

// tick draws a check mark inside a box of side s at (x, y), stroked so it
// prints the same whatever the font.
func tick(pdf *gofpdf.Fpdf, x, y, s float64) {
	pdf.SetLineWidth(s * 0.12)
	pdf.SetLineJoinStyle("round")
	pdf.SetLineCapStyle("round")
	pdf.MoveTo(x+s*0.18, y+s*0.55)
	pdf.LineTo(x+s*0.42, y+s*0.78)
	pdf.LineTo(x+s*0.84, y+s*0.22)
	pdf.DrawPath("D")
	pdf.SetLineCapStyle("butt")
	pdf.SetLineJoinStyle("miter")
}

// cross draws an X inside a box of side s at (x, y): the mark for a missing
// requirement.
func cross(pdf *gofpdf.Fpdf, x, y, s float64) {
	pdf.SetLineWidth(s * 0.1)
	pdf.SetLineCapStyle("round")
	pdf.Line(x+s*0.25, y+s*0.25, x+s*0.75, y+s*0.75)
	pdf.Line(x+s*0.75, y+s*0.25, x+s*0.25, y+s*0.75)
	pdf.SetLineCapStyle("butt")
}

// checkbox draws an empty box of side s, then a tick or a cross.
func checkbox(pdf *gofpdf.Fpdf, x, y, s float64, present bool) {
	pdf.SetLineWidth(0.2)
	pdf.Rect(x, y, s, s, "D")
	if present {
		tick(pdf, x, y, s)
	} else {
		cross(pdf, x, y, s)
	}
}

// sizeType builds a page size in millimetres.
func sizeType(w, h float64) gofpdf.SizeType { return gofpdf.SizeType{Wd: w, Ht: h} }

// tcol is a table column: width in mm and alignment ("L", "C", "R").
type tcol struct {
	w     float64
	align string
}

// tcell is a table cell: text, a list (numbered or bulleted, with hanging
// indent) or a check box.
type tcell struct {
	text     string
	style    string
	items    []string
	numbered bool
	check    *bool
}

// cline is one wrapped line of a cell; prefix ("1." or "•") hangs left of
// the text on the first line of a list item.
type cline struct{ prefix, text string }

const cellPad = 1.3

// cellLines wraps a cell to width w at the current font, keeping at most
// maxLines (0 = all) and marking a cut with "…".
func (f *flow) cellLines(c tcell, w float64, size float64, maxLines int) (lines []cline, cut bool) {
	f.font(c.style, size)
	if c.items != nil {
		indent := f.listIndent(c, size)
		for i, it := range c.items {
			prefix := "•"
			if c.numbered {
				prefix = fmt.Sprintf("%d.", i+1)
			}
			for j, l := range f.split(cleanPara(it), w-indent) {
				if j > 0 {
					prefix = ""
				}
				lines = append(lines, cline{prefix, l})
			}
		}
	} else {
		for _, l := range f.split(cleanPara(c.text), w) {
			lines = append(lines, cline{text: l})
		}
	}
	if maxLines > 0 && len(lines) > maxLines {
		lines = lines[:maxLines]
		last := &lines[maxLines-1]
		avail := w
		if c.items != nil {
			avail -= f.listIndent(c, size)
		}
		last.text = shortenWords(last.text, avail, f.pdf.GetStringWidth)
		cut = true
	}
	return lines, cut
}

// listIndent is the hanging indent of a list cell: wide enough for its
// largest number.
func (f *flow) listIndent(c tcell, size float64) float64 {
	if !c.numbered {
		return size * ptToMM * 1.1
	}
	return f.pdf.GetStringWidth(fmt.Sprintf("%d.", len(c.items))) + size*ptToMM*0.6
}

// row draws one bordered table row whose height fits the tallest cell.
// In paged mode a row that would cross the bottom goes to a new page and
// header (if any) is repeated there. maxLines caps every cell (0 = no cap);
// the result says whether any cell was cut.
func (f *flow) row(cols []tcol, cells []tcell, size float64, fill bool, maxLines int, header func()) bool {
	lh := lineH(size)
	wrapped := make([][]cline, len(cells))
	n, cut := 1, false
	for i, c := range cells {
		if c.check != nil {
			continue
		}
		var cc bool
		wrapped[i], cc = f.cellLines(c, cols[i].w-2*cellPad, size, maxLines)
		cut = cut || cc
		n = max(n, len(wrapped[i]))
	}
	h := float64(n)*lh + 2*cellPad
	if f.paged && f.y+h > f.bottom {
		f.ensure(h)
		if header != nil {
			header()
		}
	}
	if f.draw {
		x := f.x
		f.pdf.SetLineWidth(0.2)
		if fill {
			f.pdf.SetFillColor(232, 232, 232)
		}
		for i, c := range cells {
			w := cols[i].w
			style := "D"
			if fill {
				style = "FD"
			}
			f.pdf.SetLineWidth(0.2) // a check mark may have changed it
			f.pdf.Rect(x, f.y, w, h, style)
			if c.check != nil {
				s := min(lh*0.95, 3.6)
				checkbox(f.pdf, x+(w-s)/2, f.y+cellPad+(lh-s)/2, s, *c.check)
				x += w
				continue
			}
			f.font(c.style, size)
			indent := 0.0
			if c.items != nil {
				indent = f.listIndent(c, size)
			}
			for j, l := range wrapped[i] {
				y := f.y + cellPad + float64(j)*lh
				if l.prefix != "" {
					f.pdf.SetXY(x+cellPad, y)
					f.pdf.CellFormat(indent, lh, l.prefix, "", 0, "LM", false, 0, "")
				}
				f.pdf.SetXY(x+cellPad+indent, y)
				f.pdf.CellFormat(w-2*cellPad-indent, lh, l.text, "", 0, cols[i].align+"M", false, 0, "")
			}
			x += w
		}
		f.pdf.SetFillColor(0, 0, 0)
	}
	f.y += h
	return cut
}
