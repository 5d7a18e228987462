package standards

import (
	"bytes"
	"io"
	"math"
	"sort"
	"strings"

	"github.com/ledongthuc/pdf"
)

// pdfText extracts the text layer of a PDF in reading order: the glyphs of
// each page are grouped into lines by their baseline and sorted left to
// right; a wide horizontal gap inside a line is a table cell boundary and
// becomes a tab. On a page with a table, a line whose first glyph starts in
// a later column gets leading tabs, and the visual lines of one table row
// (cells that wrapped) are joined back into one tab-separated row, so the
// parser reads the table as it reads a tab-separated export.
func pdfText(data []byte) (text string, err error) {
	defer func() {
		if recover() != nil {
			text, err = "", ErrCorruptPDF
		}
	}()
	r, err := pdf.NewReader(pdfHeaderFix(data), int64(len(data)))
	if err != nil {
		if bytes.Contains(data, []byte("/Encrypt")) {
			return "", ErrEncrypted
		}
		return "", ErrCorruptPDF
	}
	// An encrypted PDF that opened here had an empty user password (only
	// copying or printing restricted): its text is readable.
	n := r.NumPage()
	if n == 0 {
		return "", ErrCorruptPDF
	}
	var out strings.Builder
	failed := 0
	for i := 1; i <= n; i++ {
		lines, ok := pageLines(r, i)
		if !ok {
			failed++
			continue
		}
		for _, l := range lines {
			out.WriteString(l)
			out.WriteByte('\n')
		}
		out.WriteByte('\n')
	}
	s := out.String()
	if isBlank(s) {
		if failed == n {
			return "", ErrCorruptPDF
		}
		return "", ErrScanned
	}
	return s, nil
}

// pdfHeaderFix lets the reader open PDF 2.0 files, whose header it rejects
// although the syntax it reads is the same.
func pdfHeaderFix(data []byte) io.ReaderAt {
	if len(data) > 9 && bytes.HasPrefix(data, []byte("%PDF-2.")) {
		fixed := make([]byte, len(data))
		copy(fixed, data)
		copy(fixed, "%PDF-1.7")
		return bytes.NewReader(fixed)
	}
	return bytes.NewReader(data)
}

// glyph is one character placed on the page.
type glyph struct {
	x, y, w, size float64
	s             string
}

// segment is a run of glyphs on one line without a wide gap.
type segment struct {
	x, end float64
	text   string
}

func pageLines(r *pdf.Reader, num int) (lines []string, ok bool) {
	defer func() {
		if recover() != nil {
			lines, ok = nil, false
		}
	}()
	p := r.Page(num)
	if p.V.IsNull() {
		return nil, false
	}
	var gs []glyph
	for _, t := range p.Content().Text {
		if t.S == "" || t.S == "\n" {
			continue
		}
		if math.IsNaN(t.X) || math.IsNaN(t.Y) || math.IsInf(t.X, 0) || math.IsInf(t.Y, 0) {
			continue
		}
		size := math.Abs(t.FontSize)
		if size < 1 || size > 200 {
			size = 10
		}
		gs = append(gs, glyph{x: t.X, y: t.Y, w: math.Max(t.W, 0), size: size, s: t.S})
	}
	return layoutPage(gs), true
}

// layoutPage groups glyphs into lines and lines into segments, then writes
// the page as text.
func layoutPage(gs []glyph) []string {
	if len(gs) == 0 {
		return nil
	}
	sort.SliceStable(gs, func(i, j int) bool { return gs[i].y > gs[j].y })
	var rows [][]segment
	for i := 0; i < len(gs); {
		y := gs[i].y
		tol := gs[i].size * 0.4
		j := i
		for j < len(gs) && y-gs[j].y <= tol {
			j++
		}
		line := gs[i:j]
		sort.SliceStable(line, func(a, b int) bool { return line[a].x < line[b].x })
		rows = append(rows, segments(line))
		i = j
	}
	return tableLines(rows)
}

// segments splits one line at gaps wider than about two spaces, which in a
// typeset document only appear between table cells or tab stops.
func segments(line []glyph) []segment {
	var out []segment
	var b strings.Builder
	cur := segment{x: line[0].x}
	prevEnd := line[0].x
	for k, g := range line {
		if k > 0 {
			gap := g.x - prevEnd
			switch {
			case gap > g.size*1.2:
				cur.text = strings.TrimSpace(b.String())
				cur.end = prevEnd
				if cur.text != "" {
					out = append(out, cur)
				}
				b.Reset()
				cur = segment{x: g.x}
			case gap > g.size*0.15 && !strings.HasSuffix(b.String(), " ") && g.s != " ":
				b.WriteByte(' ')
			}
		}
		if g.s == " " && strings.HasSuffix(b.String(), " ") {
			// a space glyph after a gap already written
		} else {
			b.WriteString(g.s)
		}
		end := g.x + g.w
		if g.w <= 0 {
			end = g.x + g.size*0.5
		}
		prevEnd = math.Max(prevEnd, end)
		if g.s == " " && k == 0 {
			cur.x = end
		}
	}
	cur.text = strings.TrimSpace(b.String())
	cur.end = prevEnd
	if cur.text != "" {
		out = append(out, cur)
	}
	return out
}

// tableLines writes the rows of one page. When at least two lines have
// several cells, the cells' left edges give the table's columns; a line is
// then written with each segment in its column, and lines that only
// continue the cells of the row above (no text in the first column) are
// merged into that row.
func tableLines(rows [][]segment) []string {
	var starts []float64
	multi := 0
	for _, r := range rows {
		if len(r) >= 2 {
			multi++
			for _, s := range r {
				starts = append(starts, s.x)
			}
		}
	}
	if multi < 2 {
		out := make([]string, 0, len(rows))
		for _, r := range rows {
			parts := make([]string, len(r))
			for i, s := range r {
				parts[i] = s.text
			}
			out = append(out, strings.Join(parts, "\t"))
		}
		return out
	}
	cols := clusterStarts(starts)
	colOf := func(x float64) int {
		c := 0
		for i, cx := range cols {
			if cx <= x+3 {
				c = i
			}
		}
		return c
	}
	var out []string
	var row []string // the table row being assembled
	flush := func() {
		if row != nil {
			out = append(out, strings.TrimRight(strings.Join(row, "\t"), "\t"))
			row = nil
		}
	}
	for _, r := range rows {
		if len(r) == 0 {
			continue
		}
		first := colOf(r[0].x)
		inTable := len(r) >= 2 || first > 0
		if !inTable {
			flush()
			out = append(out, r[0].text)
			continue
		}
		if first == 0 || row == nil {
			flush()
			row = make([]string, len(cols))
		}
		for _, s := range r {
			c := colOf(s.x)
			if row[c] != "" {
				row[c] += " "
			}
			row[c] += s.text
		}
	}
	flush()
	return out
}

// clusterStarts merges left edges within a few points of each other.
func clusterStarts(xs []float64) []float64 {
	sort.Float64s(xs)
	var out []float64
	count := 0
	for _, x := range xs {
		if len(out) > 0 && x-out[len(out)-1] <= 4 {
			count++
			continue
		}
		out = append(out, x)
		count = 1
	}
	return out
}
