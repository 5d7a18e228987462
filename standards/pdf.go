package standards

import (
	"bytes"
	"io"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

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
	if !pdfSizesSane(data) {
		return "", ErrCorruptPDF
	}
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

var (
	rePDFSize  = regexp.MustCompile(`/Size\s*(-?\d+)`)
	rePDFIndex = regexp.MustCompile(`/Index\s*\[([^\]]{0,400})\]`)
	rePDFW     = regexp.MustCompile(`/W\s*\[([^\]]{0,100})\]`)
	rePDFXref  = regexp.MustCompile(`(?:^|[\r\n])xref\s*[\r\n]`)
)

// pdfSizesSane rejects a PDF whose cross-reference sizes are larger than
// the file could hold: the reader allocates its object table from them, and
// a damaged "0 999999999" must not take the counter PC's memory.
func pdfSizesSane(data []byte) bool {
	maxObj := int64(len(data)/4 + 1024)
	ok := func(ns ...string) bool {
		var sum int64
		for _, n := range ns {
			v, err := strconv.ParseInt(n, 10, 64)
			if err != nil || v < 0 || v > maxObj {
				return false
			}
			sum += v
		}
		return sum <= maxObj
	}
	for _, m := range rePDFSize.FindAllSubmatch(data, -1) {
		if !ok(string(m[1])) {
			return false
		}
	}
	for _, m := range rePDFIndex.FindAllSubmatch(data, -1) {
		f := strings.Fields(string(m[1]))
		for i := 0; i+1 < len(f); i += 2 {
			if !ok(f[i], f[i+1]) {
				return false
			}
		}
	}
	for _, m := range rePDFW.FindAllSubmatch(data, -1) {
		for _, f := range strings.Fields(string(m[1])) {
			if v, err := strconv.Atoi(f); err != nil || v < 0 || v > 8 {
				return false
			}
		}
	}
	for _, loc := range rePDFXref.FindAllIndex(data, -1) {
		rest := data[loc[1]:]
		if end := bytes.Index(rest, []byte("trailer")); end >= 0 {
			rest = rest[:end]
		}
		for _, ln := range bytes.FieldsFunc(rest, func(r rune) bool { return r == '\n' || r == '\r' }) {
			if f := strings.Fields(string(ln)); len(f) == 2 && !ok(f[0], f[1]) {
				return false
			}
		}
	}
	return true
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
	x, end, y float64
	text      string
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
	w := &textWalker{}
	w.run(p.V.Key("Contents"), p.Resources(), ident, 0)
	return layoutPage(w.glyphs, w.rules), true
}

// finite reports whether every value is a usable coordinate: a damaged
// matrix gives NaN or ±Inf, which would never compare as on the same line.
func finite(vs ...float64) bool {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 1e7 {
			return false
		}
	}
	return true
}

// mat is a PDF transformation matrix [a b c d e f].
type mat [6]float64

var ident = mat{1, 0, 0, 1, 0, 0}

func (m mat) mul(n mat) mat {
	return mat{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

// pdfFont is a font of the content being read, with what placing its
// glyphs needs: how many bytes a code takes and each code's width.
type pdfFont struct {
	enc     pdf.TextEncoding
	twoByte bool
	widths  map[int]float64 // CID fonts: the W array
	dw      float64
	simple  pdf.Font
}

func (f *pdfFont) width(code int) float64 {
	if f.twoByte {
		if w, ok := f.widths[code]; ok {
			return w
		}
		return f.dw
	}
	return f.simple.Width(code)
}

func loadFont(v pdf.Value) *pdfFont {
	f := pdf.Font{V: v}
	pf := &pdfFont{enc: f.Encoder(), simple: f, dw: 1000}
	if v.Key("Subtype").Name() == "Type0" {
		pf.twoByte = true
		d := v.Key("DescendantFonts").Index(0)
		if dw := d.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
			pf.dw = dw.Float64()
		}
		pf.widths = map[int]float64{}
		warr := d.Key("W")
		for i := 0; i+1 < warr.Len() && i < 100000; {
			first := int(warr.Index(i).Int64())
			next := warr.Index(i + 1)
			if next.Kind() == pdf.Array {
				for k := 0; k < next.Len() && k < 65536 && len(pf.widths) < 1<<17; k++ {
					pf.widths[first+k] = next.Index(k).Float64()
				}
				i += 2
				continue
			}
			if i+2 >= warr.Len() {
				break
			}
			last := int(next.Int64())
			wv := warr.Index(i + 2).Float64()
			for c := first; c <= last && c-first < 65536 && len(pf.widths) < 1<<17; c++ {
				pf.widths[c] = wv
			}
			i += 3
		}
	}
	return pf
}

// textWalker interprets a content stream's text operators (and the form
// XObjects it draws) into placed glyphs. The library's own Page.Content
// adds a bogus glyph after every TJ and mis-measures two-byte fonts, so the
// walk is done here on top of its stream parser.
type textWalker struct {
	glyphs []glyph
	rules  []rule
}

// rule is a painted horizontal or vertical line: a table border.
type rule struct {
	x0, y0, x1, y1 float64
	horizontal     bool
}

type textState struct {
	ctm, tm, tlm               mat
	tc, tw, th, tl, tfs, trise float64
	font                       *pdfFont
}

func (w *textWalker) run(strm, res pdf.Value, ctm mat, depth int) {
	if depth > 8 || strm.IsNull() {
		return
	}
	fonts := map[string]*pdfFont{}
	g := textState{ctm: ctm, tm: ident, tlm: ident, th: 1}
	var stack []textState
	num := func(v pdf.Value) float64 {
		x := v.Float64()
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return 0
		}
		return x
	}
	show := func(raw string) {
		f := g.font
		if f == nil || f.enc == nil {
			return
		}
		step := 1
		if f.twoByte {
			step = 2
		}
		for i := 0; i+step <= len(raw); i += step {
			code := int(raw[i])
			if step == 2 {
				code = code<<8 | int(raw[i+1])
			}
			text := f.enc.Decode(raw[i : i+step])
			trm := mat{g.tfs * g.th, 0, 0, g.tfs, 0, g.trise}.mul(g.tm).mul(g.ctm)
			w0 := f.width(code)
			size := math.Hypot(trm[2], trm[3])
			if text != "" && len(w.glyphs) < 4_000_000 && finite(trm[4], trm[5], size, w0) && size > 0 {
				gw := w0 / 1000 * trm[0]
				if !finite(gw) {
					gw = 0
				}
				w.glyphs = append(w.glyphs, glyph{x: trm[4], y: trm[5], w: gw, size: min(max(size, 1), 500), s: text})
			}
			tx := w0/1000*g.tfs + g.tc
			if step == 1 && raw[i] == ' ' {
				tx += g.tw
			}
			g.tm = mat{1, 0, 0, 1, tx * g.th, 0}.mul(g.tm)
		}
	}
	var path []rule
	var cx, cy float64
	addSeg := func(x0, y0, x1, y1 float64) {
		p0 := mat{1, 0, 0, 1, x0, y0}.mul(g.ctm)
		p1 := mat{1, 0, 0, 1, x1, y1}.mul(g.ctm)
		ax, ay, bx, by := p0[4], p0[5], p1[4], p1[5]
		switch {
		case math.Abs(ay-by) < 1.5 && math.Abs(ax-bx) > 4:
			path = append(path, rule{math.Min(ax, bx), ay, math.Max(ax, bx), ay, true})
		case math.Abs(ax-bx) < 1.5 && math.Abs(ay-by) > 4:
			path = append(path, rule{ax, math.Min(ay, by), ax, math.Max(ay, by), false})
		}
	}
	pdf.Interpret(strm, func(stk *pdf.Stack, op string) {
		n := stk.Len()
		args := make([]pdf.Value, n)
		for i := n - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		switch op {
		case "m":
			if n == 2 {
				cx, cy = num(args[0]), num(args[1])
			}
		case "l":
			if n == 2 {
				x, y := num(args[0]), num(args[1])
				addSeg(cx, cy, x, y)
				cx, cy = x, y
			}
		case "re":
			if n == 4 {
				x, y, rw, rh := num(args[0]), num(args[1]), num(args[2]), num(args[3])
				switch {
				case math.Abs(rh) < 2.5:
					addSeg(x, y+rh/2, x+rw, y+rh/2)
				case math.Abs(rw) < 2.5:
					addSeg(x+rw/2, y, x+rw/2, y+rh)
				default:
					addSeg(x, y, x+rw, y)
					addSeg(x, y+rh, x+rw, y+rh)
					addSeg(x, y, x, y+rh)
					addSeg(x+rw, y, x+rw, y+rh)
				}
			}
		case "S", "s", "f", "F", "f*", "B", "B*", "b", "b*":
			if len(w.rules) < 20000 {
				w.rules = append(w.rules, path...)
			}
			path = path[:0]
		case "n":
			path = path[:0] // a clipping path, not drawn
		case "q":
			if len(stack) < 256 {
				stack = append(stack, g)
			}
		case "Q":
			if len(stack) > 0 {
				g = stack[len(stack)-1]
				stack = stack[:len(stack)-1]
			}
		case "cm":
			if n == 6 {
				var m mat
				for i := range m {
					m[i] = num(args[i])
				}
				g.ctm = m.mul(g.ctm)
			}
		case "BT":
			g.tm, g.tlm = ident, ident
		case "Tc":
			if n == 1 {
				g.tc = num(args[0])
			}
		case "Tw":
			if n == 1 {
				g.tw = num(args[0])
			}
		case "Tz":
			if n == 1 {
				g.th = num(args[0]) / 100
			}
		case "TL":
			if n == 1 {
				g.tl = num(args[0])
			}
		case "Ts":
			if n == 1 {
				g.trise = num(args[0])
			}
		case "Tf":
			if n == 2 {
				name := args[0].Name()
				f, ok := fonts[name]
				if !ok {
					f = loadFont(res.Key("Font").Key(name))
					fonts[name] = f
				}
				g.font = f
				g.tfs = num(args[1])
			}
		case "Td", "TD":
			if n == 2 {
				if op == "TD" {
					g.tl = -num(args[1])
				}
				g.tlm = mat{1, 0, 0, 1, num(args[0]), num(args[1])}.mul(g.tlm)
				g.tm = g.tlm
			}
		case "Tm":
			if n == 6 {
				var m mat
				for i := range m {
					m[i] = num(args[i])
				}
				g.tm, g.tlm = m, m
			}
		case "T*":
			g.tlm = mat{1, 0, 0, 1, 0, -g.tl}.mul(g.tlm)
			g.tm = g.tlm
		case "Tj":
			if n == 1 {
				show(args[0].RawString())
			}
		case "'", "\"":
			if n >= 1 {
				if op == "\"" && n == 3 {
					g.tw, g.tc = num(args[0]), num(args[1])
				}
				g.tlm = mat{1, 0, 0, 1, 0, -g.tl}.mul(g.tlm)
				g.tm = g.tlm
				show(args[n-1].RawString())
			}
		case "TJ":
			if n == 1 {
				v := args[0]
				for i := 0; i < v.Len() && i < 100000; i++ {
					x := v.Index(i)
					if x.Kind() == pdf.String {
						show(x.RawString())
					} else {
						g.tm = mat{1, 0, 0, 1, -num(x) / 1000 * g.tfs * g.th, 0}.mul(g.tm)
					}
				}
			}
		case "Do":
			if n == 1 {
				xo := res.Key("XObject").Key(args[0].Name())
				if xo.Key("Subtype").Name() == "Form" {
					m := ident
					if fm := xo.Key("Matrix"); fm.Len() == 6 {
						for i := range m {
							m[i] = num(fm.Index(i))
						}
					}
					r := xo.Key("Resources")
					if r.IsNull() {
						r = res
					}
					w.run(xo, r, m.mul(g.ctm), depth+1)
				}
			}
		}
	})
}

// layoutPage groups glyphs into lines and lines into segments, then writes
// the page as text.
func layoutPage(gs []glyph, rules []rule) []string {
	if len(gs) == 0 {
		return nil
	}
	if len(rules) >= 4 {
		if out, ok := ruledLayout(gs, rules); ok {
			return out
		}
	}
	return flowLayout(gs)
}

// flowLayout writes glyphs without table borders: lines by baseline, cells
// by wide gaps (tableLines).
func flowLayout(gs []glyph) []string {
	rows := textRows(gs)
	return tableLines(rows)
}

// textRows groups glyphs into lines by baseline and each line into
// segments.
func textRows(gs []glyph) [][]segment {
	sort.SliceStable(gs, func(i, j int) bool { return gs[i].y > gs[j].y })
	var rows [][]segment
	for i := 0; i < len(gs); {
		y := gs[i].y
		tol := gs[i].size * 0.4
		j := i
		for j < len(gs) && y-gs[j].y <= tol {
			j++
		}
		j = max(j, i+1) // always progress, whatever the numbers
		line := gs[i:j]
		sort.SliceStable(line, func(a, b int) bool { return line[a].x < line[b].x })
		rows = append(rows, segments(line))
		i = j
	}
	return rows
}

// ruledLayout uses the table borders drawn on the page: a glyph enclosed by
// rules on four sides sits in the cell they bound. Each table row (the band
// between two horizontal rules) becomes one line with its cells separated by
// tabs, each cell's text read in its own reading order; the rest of the page
// is laid out as flowing text, in page order with the rows.
func ruledLayout(gs []glyph, rules []rule) ([]string, bool) {
	var hs, vs []rule
	for _, r := range rules {
		if r.horizontal {
			hs = append(hs, r)
		} else {
			vs = append(vs, r)
		}
	}
	if len(hs) < 2 || len(vs) < 2 {
		return nil, false
	}
	type cellKey struct{ top, left int }
	type cellBox struct{ top, bot, left float64 }
	cells := map[cellKey][]glyph{}
	boxes := map[cellKey]cellBox{}
	var free []glyph
	for _, g := range gs {
		cxm := g.x + math.Max(g.w, 0)/2
		cym := g.y + g.size*0.3
		top, bot := math.Inf(1), math.Inf(-1)
		for _, h := range hs {
			if cxm < h.x0-1 || cxm > h.x1+1 {
				continue
			}
			if h.y0 > cym && h.y0 < top {
				top = h.y0
			}
			if h.y0 < cym && h.y0 > bot {
				bot = h.y0
			}
		}
		left, right := math.Inf(-1), math.Inf(1)
		for _, v := range vs {
			if cym < v.y0-1 || cym > v.y1+1 {
				continue
			}
			if v.x0 < cxm && v.x0 > left {
				left = v.x0
			}
			if v.x0 > cxm && v.x0 < right {
				right = v.x0
			}
		}
		// a glyph past the last rule (text overflowing its cell) stays in
		// the cell it started in
		if math.IsInf(top, 0) || math.IsInf(bot, 0) || math.IsInf(left, 0) || (math.IsInf(right, 0) && !hasRuleRightOf(vs, left, cym)) {
			free = append(free, g)
			continue
		}
		k := cellKey{int(math.Round(top / 2)), int(math.Round(left / 2))}
		cells[k] = append(cells[k], g)
		boxes[k] = cellBox{top, bot, left}
	}
	if len(cells) == 0 {
		return nil, false
	}
	// rows: cells with the same top rule, left to right
	byTop := map[int][]cellKey{}
	for k := range cells {
		byTop[k.top] = append(byTop[k.top], k)
	}
	type block struct {
		y    float64
		text string
	}
	var blocks []block
	for top, ks := range byTop {
		sort.Slice(ks, func(i, j int) bool { return ks[i].left < ks[j].left })
		// the row's columns are the vertical rules crossing its band, so an
		// empty cell (the "No." of a row continued on a new page) keeps its
		// place
		b0 := boxes[ks[0]]
		var xs []float64
		for _, v := range vs {
			if v.y1 > b0.bot+1 && v.y0 < b0.top-1 {
				xs = append(xs, v.x0)
			}
		}
		xs = clusterStarts(xs)
		col := func(left float64) int {
			best, d := 0, math.Inf(1)
			for i, x := range xs {
				if dd := math.Abs(x - left); dd < d {
					best, d = i, dd
				}
			}
			return best
		}
		parts := make([]string, max(len(xs)-1, 1))
		for _, k := range ks {
			var lines []string
			for _, r := range textRows(cells[k]) {
				seg := make([]string, len(r))
				for i, sgm := range r {
					seg[i] = sgm.text
				}
				lines = append(lines, strings.Join(seg, " "))
			}
			c := min(col(boxes[k].left), len(parts)-1)
			if parts[c] != "" {
				parts[c] += " "
			}
			parts[c] += joinWrapped(lines)
		}
		blocks = append(blocks, block{float64(top) * 2, strings.TrimRight(strings.Join(parts, "\t"), "\t")})
	}
	if len(free) > 0 {
		for _, r := range textRows(free) {
			seg := make([]string, len(r))
			y := math.Inf(-1)
			for i, sgm := range r {
				seg[i] = sgm.text
			}
			_ = y
			blocks = append(blocks, block{r[0].y, strings.Join(seg, "\t")})
		}
	}
	sort.SliceStable(blocks, func(i, j int) bool { return blocks[i].y > blocks[j].y })
	out := make([]string, len(blocks))
	for i, b := range blocks {
		out[i] = b.text
	}
	return out, true
}

// segments splits one line at gaps wider than about two spaces, which in a
// typeset document only appear between table cells or tab stops.
func segments(line []glyph) []segment {
	var out []segment
	var b strings.Builder
	cur := segment{x: line[0].x, y: line[0].y}
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
				cur = segment{x: g.x, y: g.y}
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

// joinWrapped joins the lines of a cell; a line broken after a hyphen
// ("hubungan-" / "kami") is joined without a space.
func joinWrapped(lines []string) string {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			prev := lines[i-1]
			r, _ := utf8.DecodeRuneInString(l)
			if !(strings.HasSuffix(prev, "-") && len(prev) > 1 && unicode.IsLetter(rune(prev[len(prev)-2])) && unicode.IsLower(r)) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
	}
	return b.String()
}

// hasRuleRightOf reports whether the cell whose left rule is at left has
// a right rule at all on the glyph's line: the table's last column has one.
func hasRuleRightOf(vs []rule, left, y float64) bool {
	for _, v := range vs {
		if v.x0 > left+1 && y >= v.y0-20 && y <= v.y1+20 {
			return true
		}
	}
	return false
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
