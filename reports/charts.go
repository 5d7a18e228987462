package reports

import (
	"fmt"
	"math"

	"github.com/jung-kurt/gofpdf"
)

// Report colours: the ministry's navy and gold, and greys.
var (
	colNavy  = [3]int{16, 42, 84}
	colGold  = [3]int{214, 160, 24}
	colGrey  = [3]int{150, 150, 150}
	colLight = [3]int{235, 238, 243}
	colWarn  = [3]int{253, 243, 214}
)

func fill(pdf *gofpdf.Fpdf, c [3]int) { pdf.SetFillColor(c[0], c[1], c[2]) }
func draw(pdf *gofpdf.Fpdf, c [3]int) { pdf.SetDrawColor(c[0], c[1], c[2]) }
func ink(pdf *gofpdf.Fpdf, c [3]int)  { pdf.SetTextColor(c[0], c[1], c[2]) }

func resetColours(pdf *gofpdf.Fpdf) {
	pdf.SetFillColor(0, 0, 0)
	pdf.SetDrawColor(0, 0, 0)
	pdf.SetTextColor(0, 0, 0)
	pdf.SetLineWidth(0.2)
}

// wholeAxis rounds v up to an axis top with at most five intervals whose
// step is a whole number (1, 2, 5, 10, 20, 25, 50, ...): tickets and
// minutes read "0, 1, 2, 3", never "1,25" or "2,5" tickets.
func wholeAxis(v float64) (top, step float64) {
	if !(v > 0) || math.IsInf(v, 0) {
		return 4, 1
	}
	for mag := 1.0; ; mag *= 10 {
		for _, m := range []float64{1, 2, 2.5, 5} {
			step = m * mag
			if step != math.Trunc(step) {
				continue // 2,5 only from 25 up
			}
			if n := math.Ceil(v / step); n <= 5 {
				return n * step, step
			}
		}
	}
}

// axisLabel writes an axis number without needless decimals.
func axisLabel(v float64) string {
	if v == math.Trunc(v) {
		return fmt.Sprintf("%.0f", v)
	}
	return FormatDecimal(v, 1)
}

type series struct {
	name   string
	colour [3]int
	values []float64
}

// chartFrame draws the plot area with horizontal grid lines and y labels;
// it returns the plot rectangle and the y scale top.
func chartFrame(pdf *gofpdf.Fpdf, x, y, w, h, maxV float64, unit string) (px, py, pw, ph, top float64) {
	top, step := wholeAxis(maxV)
	px, py, pw, ph = x+11, y+2, w-13, h-9
	pdf.SetFont(family, "", 6.5)
	ink(pdf, [3]int{90, 90, 90})
	pdf.SetLineWidth(0.1)
	draw(pdf, [3]int{205, 205, 205})
	for v := 0.0; v <= top+step/2; v += step {
		yy := py + ph - v/top*ph
		pdf.Line(px, yy, px+pw, yy)
		pdf.SetXY(x, yy-1.5)
		pdf.CellFormat(10, 3, axisLabel(v), "", 0, "RM", false, 0, "")
	}
	if unit != "" {
		pdf.SetXY(x, py-4.5)
		pdf.CellFormat(40, 3, unit, "", 0, "LM", false, 0, "")
	}
	draw(pdf, [3]int{80, 80, 80})
	pdf.SetLineWidth(0.25)
	pdf.Line(px, py+ph, px+pw, py+ph)
	return
}

// xLabels writes the category labels under the plot, thinning them when
// they would collide.
func xLabels(pdf *gofpdf.Fpdf, px, py, pw, ph float64, labels []string) {
	n := len(labels)
	if n == 0 {
		return
	}
	slot := pw / float64(n)
	pdf.SetFont(family, "", 6.5)
	ink(pdf, [3]int{60, 60, 60})
	every := 1
	for every < n && slot*float64(every) < pdf.GetStringWidth("00")+2.5 {
		every++
	}
	for i, l := range labels {
		if i%every != 0 {
			continue
		}
		// Centred under its slot; wide enough for the label even when
		// slots are thinned.
		cw := max(slot, pdf.GetStringWidth(l)+1)
		pdf.SetXY(px+(float64(i)+0.5)*slot-cw/2, py+ph+0.8)
		pdf.CellFormat(cw, 3, l, "", 0, "CM", false, 0, "")
	}
}

// legend draws coloured keys in a row at (x, y).
func legend(pdf *gofpdf.Fpdf, x, y float64, ss []series, line bool) {
	pdf.SetFont(family, "", 7)
	ink(pdf, [3]int{40, 40, 40})
	for _, s := range ss {
		fill(pdf, s.colour)
		draw(pdf, s.colour)
		if line {
			pdf.SetLineWidth(0.6)
			pdf.Line(x, y+1.5, x+5, y+1.5)
			pdf.Circle(x+2.5, y+1.5, 0.6, "F")
		} else {
			pdf.Rect(x, y+0.4, 3, 2.4, "F")
		}
		x += 6
		pdf.SetXY(x, y)
		w := pdf.GetStringWidth(s.name)
		pdf.CellFormat(w, 3, s.name, "", 0, "LM", false, 0, "")
		x += w + 5
	}
}

// stackedBars draws one stacked bar per label.
func stackedBars(pdf *gofpdf.Fpdf, x, y, w, h float64, labels []string, ss []series, unit string) {
	maxV := 0.0
	for i := range labels {
		sum := 0.0
		for _, s := range ss {
			sum += s.values[i]
		}
		maxV = max(maxV, sum)
	}
	px, py, pw, ph, top := chartFrame(pdf, x, y, w, h, maxV, unit)
	slot := pw / float64(max(1, len(labels)))
	bw := slot * 0.7
	for i := range labels {
		base := py + ph
		for _, s := range ss {
			v := s.values[i]
			if v <= 0 {
				continue
			}
			bh := v / top * ph
			fill(pdf, s.colour)
			pdf.Rect(px+float64(i)*slot+(slot-bw)/2, base-bh, bw, bh, "F")
			base -= bh
		}
	}
	xLabels(pdf, px, py, pw, ph, labels)
	legend(pdf, px, y+h-2.6, ss, false)
	resetColours(pdf)
}

// lines draws each series as a polyline with dots; NaN values break the
// line (no data that day).
func lines(pdf *gofpdf.Fpdf, x, y, w, h float64, labels []string, ss []series, unit string) {
	maxV := 0.0
	for _, s := range ss {
		for _, v := range s.values {
			if !math.IsNaN(v) {
				maxV = max(maxV, v)
			}
		}
	}
	px, py, pw, ph, top := chartFrame(pdf, x, y, w, h, maxV, unit)
	slot := pw / float64(max(1, len(labels)))
	for _, s := range ss {
		draw(pdf, s.colour)
		fill(pdf, s.colour)
		pdf.SetLineWidth(0.5)
		var lx, ly float64
		have := false
		for i, v := range s.values {
			if math.IsNaN(v) {
				have = false
				continue
			}
			cx, cy := px+(float64(i)+0.5)*slot, py+ph-v/top*ph
			if have {
				pdf.Line(lx, ly, cx, cy)
			}
			pdf.Circle(cx, cy, 0.55, "F")
			lx, ly, have = cx, cy, true
		}
	}
	xLabels(pdf, px, py, pw, ph, labels)
	legend(pdf, px, y+h-2.6, ss, true)
	resetColours(pdf)
}

// ikmBars draws the nine NRR values as horizontal bars on the 1..4 scale.
func ikmBars(pdf *gofpdf.Fpdf, x, y, w float64, r IKMResult, names []string) float64 {
	const rowH = 5.2
	labelW := 62.0
	px, pw := x+labelW, w-labelW-14
	scale := func(v float64) float64 { return px + (v-1)/3*pw }
	pdf.SetFont(family, "", 6.5)
	ink(pdf, [3]int{90, 90, 90})
	draw(pdf, [3]int{205, 205, 205})
	pdf.SetLineWidth(0.1)
	h := rowH * float64(len(names))
	for v := 1.0; v <= 4; v += 0.5 {
		pdf.Line(scale(v), y, scale(v), y+h)
		pdf.SetXY(scale(v)-5, y+h+0.5)
		pdf.CellFormat(10, 3, FormatDecimal(v, 1), "", 0, "CM", false, 0, "")
	}
	for i, n := range names {
		yy := y + float64(i)*rowH
		pdf.SetFont(family, "", 7)
		ink(pdf, [3]int{30, 30, 30})
		pdf.SetXY(x, yy)
		pdf.CellFormat(labelW-2, rowH, fmt.Sprintf("U%d %s", i+1, n), "", 0, "RM", false, 0, "")
		v := r.NRR[i]
		if r.Count[i] == 0 {
			pdf.SetXY(px+1, yy)
			pdf.CellFormat(30, rowH, "belum ada jawaban", "", 0, "LM", false, 0, "")
			continue
		}
		c := colNavy
		if g := IKMGrade(v * 25); g == "C" || g == "D" {
			c = colGold
		}
		fill(pdf, c)
		pdf.Rect(px, yy+1, max(0.4, scale(v)-px), rowH-2, "F")
		pdf.SetFont(family, "B", 7)
		pdf.SetXY(scale(v)+1, yy)
		pdf.CellFormat(12, rowH, FormatDecimal(v, 2), "", 0, "LM", false, 0, "")
	}
	resetColours(pdf)
	return h + 4
}
