package standards

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file reads documents whose components are not rows of a pipe or
// tab table: component titles on their own lines ("Persyaratan:"), numbered
// or lettered component rows with the value on the same line ("3. Jangka
// waktu pelayanan Paling lambat 3 (tiga) hari", "D. Biaya / tarif retribusi :
// GRATIS"), a "No. Komponen Uraian" table flattened by PDF extraction (cells
// run together or one per line), a header row of component names with the
// values below, and web pages with "01. <name>" / "Persyaratan:" / "- item".

var (
	reStrongHash   = regexp.MustCompile(`^#+\s*\d{1,4}\.?\s+(\S.*)$`)
	reStrongJenis  = regexp.MustCompile(`(?i)^(?:(?:[IVXLC]{1,6}|\d{1,4}|[A-Z])[.)]\s*)?(?:jenis|nama)\s+(?:pe)?layanan\s*:\s*(\S.*)$`)
	reStrongStd    = regexp.MustCompile(`^\d{1,4}\.\s*STANDAR PELAYANAN\s*:?\s+(\S.*)$`)
	reWeakNumbered = regexp.MustCompile(`^(?:#\s*)?(\d{1,4})[.)]\s+(\S.{2,200})$`)
	reWeakLettered = regexp.MustCompile(`^(?:[A-Z]|[IVX]{1,4})\.\s+((?:Layanan|Pelayanan|LAYANAN|PELAYANAN)\s.{2,200})$`)
	reHeadPrefix   = regexp.MustCompile(`^(?:\d{1,2}[.)]?|[A-Z][.)]|[IVX]{1,4}\.)\s*`)
	reLoneNumber   = regexp.MustCompile(`^\d{1,2}\.?$`)
	rePageNumber   = regexp.MustCompile(`(?i)^(?:-\s*\d{1,4}\s*-|(?:halaman|hal\.?|page)\s*\d{1,4}(?:\s*(?:dari|/|of)\s*\d{1,4})?)$`)
	reKomponenHdr  = regexp.MustCompile(`(?i)^no\.?\s+komponen(?:\s+standar)?(?:\s+pelayanan)?\s+uraian$`)
	reNoRequire    = regexp.MustCompile(`(?i)^(?:tidak ada|tanpa)(?: persyaratan(?: khusus)?)?\.?$`)
)

// titleWords are the words component titles are made of; a title at the
// start of a line with its value after it ends at the first other word.
var titleWords = map[string]bool{
	"persyaratan": true, "pelayanan": true, "layanan": true, "administrasi": true, "teknis": true,
	"dan": true, "ketentuan": true, "sistem": true, "mekanisme": true, "prosedur": true, "alur": true,
	"jangka": true, "waktu": true, "penyelesaian": true, "norma": true, "biaya": true, "tarif": true,
	"retribusi": true, "produk": true, "spesifikasi": true, "jenis": true, "penanganan": true,
	"pengaduan": true, "pengelolaan": true, "saran": true, "masukan": true, "dasar": true,
	"hukum": true, "sarana": true, "prasarana": true, "atau": true, "fasilitas": true, "dan/atau": true,
	"kompetensi": true, "pelaksana": true, "petugas": true, "pengawasan": true, "internal": true,
	"jumlah": true, "jaminan": true, "keamanan": true, "keselamatan": true, "evaluasi": true,
	"kinerja": true, "metode": true, "penyampaian": true, "/": true, "&": true,
}

// strongHeading recognises headings that always open a service: "#1. X",
// "I. JENIS PELAYANAN : X", "1. STANDAR PELAYANAN X", "Jenis Pelayanan : X".
func strongHeading(t string) (string, bool) {
	c := t[0]
	if c == '#' {
		if m := reStrongHash.FindStringSubmatch(t); m != nil {
			return headingName(m[1]), true
		}
		return "", false
	}
	if strings.Contains(t, "STANDAR PELAYANAN") {
		if m := reStrongStd.FindStringSubmatch(t); m != nil {
			return headingName(m[1]), true
		}
	}
	if i := strings.IndexByte(t[:min(len(t), 40)], ':'); i > 0 {
		if m := reStrongJenis.FindStringSubmatch(t); m != nil {
			return headingName(m[1]), true
		}
	}
	return "", false
}

// weakHeading recognises a line that may name the next service: "01. Name",
// "2) Name", "B. Layanan ...", "Layanan ...". Whether it does depends on
// what follows (a component title), so it is only remembered.
func weakHeading(t string) (name string, num int, ok bool) {
	if len(t) > 220 || strings.HasSuffix(t, ":") || strings.HasSuffix(t, ";") || strings.HasSuffix(t, ",") {
		return "", 0, false
	}
	c := t[0]
	switch {
	case c >= '0' && c <= '9' || c == '#':
		m := reWeakNumbered.FindStringSubmatch(t)
		if m == nil {
			return "", 0, false
		}
		r, _ := utf8.DecodeRuneInString(m[2])
		if !unicode.IsUpper(r) {
			return "", 0, false
		}
		n, _ := strconv.Atoi(m[1])
		return headingName(m[2]), n, true
	case c >= 'A' && c <= 'Z':
		if m := reWeakLettered.FindStringSubmatch(t); m != nil {
			return headingName(m[1]), 0, true
		}
		lt := strings.ToLower(t)
		if (strings.HasPrefix(lt, "layanan ") || strings.HasPrefix(lt, "pelayanan ")) && !strings.HasSuffix(t, ".") && len(t) < 160 {
			return headingName(t), 0, true
		}
	}
	return "", 0, false
}

func headingName(s string) string {
	s = strings.TrimSpace(strings.TrimRight(oneLine(s), " :"))
	return s
}

// componentHead recognises a line that opens a component: the title alone
// ("Persyaratan:", "A. Persyaratan Pelayanan"), or the title with its value
// on the same line ("3. Jangka waktu pelayanan Paling lambat 3 hari",
// "D. Biaya / tarif retribusi : GRATIS", "Biaya/ tarif Tidak ada biaya").
func componentHead(t string) (key, rest string, ok bool) {
	body := t
	prefixed := false
	if loc := reHeadPrefix.FindStringIndex(t); loc != nil && loc[1] > 0 {
		body = t[loc[1]:]
		prefixed = true
	}
	if body == "" {
		return "", "", false
	}
	if !startsWithTitleWord(body) {
		return "", "", false
	}
	if len(body) <= 120 { // a longer line is never a title alone
		if k := componentKey(normTitle(body)); k != "" {
			return k, "", true
		}
	}
	if i := strings.IndexByte(body[:min(len(body), 70)], ':'); i > 0 {
		if k := componentKey(normTitle(body[:i])); k != "" {
			return k, strings.TrimSpace(body[i+1:]), true
		}
	}
	// the longest run of title words that is a title
	end, words := 0, 0
	bestKey, bestEnd := "", 0
	for end < len(body) && words < 8 {
		// next word: letters (and / , -) up to a space or a digit glued on
		j := end
		for j < len(body) && body[j] == ' ' {
			j++
		}
		k := j
		for k < len(body) && body[k] != ' ' && !(body[k] >= '0' && body[k] <= '9') {
			k++
		}
		if k == j {
			break
		}
		w := strings.ToLower(strings.Trim(body[j:k], ",.;"))
		ok := titleWords[w]
		if !ok && strings.Contains(w, "/") {
			ok = true
			for _, p := range strings.Split(w, "/") {
				if p != "" && !titleWords[p] {
					ok = false
				}
			}
		}
		if !ok {
			break
		}
		words++
		end = k
		if key := componentKey(normTitle(body[:end])); key != "" {
			bestKey, bestEnd = key, end
		}
	}
	if bestKey == "" {
		return "", "", false
	}
	rest = strings.TrimSpace(strings.TrimLeft(body[bestEnd:], " :"))
	if rest == "" {
		return bestKey, "", true
	}
	r, _ := utf8.DecodeRuneInString(rest)
	startsValue := unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("(\"“-•±", r) || isItemStart(rest)
	multiWord := strings.Count(strings.TrimSpace(body[:bestEnd]), " ") >= 1 || strings.ContainsRune(body[:bestEnd], '/')
	if !startsValue || !(prefixed || multiWord) {
		return "", "", false
	}
	return bestKey, rest, true
}

// normTitle prepares a title for componentKey: "mekanisme,dan" gets its
// space back.
func normTitle(s string) string {
	if strings.Contains(s, ",") {
		s = strings.ReplaceAll(s, ",", ", ")
	}
	return collapseSpaces(s)
}

func isItemStart(s string) bool {
	m, ok := markerAt(s, 0)
	return ok && !m.bare
}

var headerRowSpacer = strings.NewReplacer("/", " / ", ",", " ")

// headerRowKeys reads a line made only of component titles ("DASAR HUKUM
// PERSYARATAN PROSEDUR BIAYA WAKTU PRODUK") into their keys, in order.
func headerRowKeys(t string) []string {
	if len(t) > 300 || !startsWithTitleWord(t) {
		return nil
	}
	words := strings.Fields(strings.ToLower(headerRowSpacer.Replace(t)))
	var keys []string
	for i := 0; i < len(words); {
		best := 0
		key := ""
		for n := 1; n <= 6 && i+n <= len(words); n++ {
			if k := componentKey(strings.Join(words[i:i+n], " ")); k != "" {
				best, key = n, k
			}
		}
		if best == 0 {
			return nil
		}
		keys = append(keys, key)
		i += best
	}
	if len(keys) < 3 {
		return nil
	}
	return keys
}

// splitGlued cuts a line where a flattened "No. Komponen Uraian" table ran
// its rows together: "3 Jangka waktu layanan5 hari kerja.4 Biaya /tarif
// Tidak ada." becomes two lines. A row number only cuts after the end of a
// cell (".", ";", ":", ")") or when it continues the numbering of the row
// before, so "sebanyak 2 persyaratan" stays whole.
func splitGlued(t string) []string {
	var cuts []int
	last := 0
	if m := reHeadPrefix.FindString(t); m != "" {
		last = atoiSmall(strings.TrimRight(strings.TrimSpace(m), ".)"))
	}
	for i := 1; i < len(t)-2; i++ {
		c := t[i]
		if c < '0' || c > '9' || (t[i-1] >= '0' && t[i-1] <= '9') {
			continue
		}
		k := i
		for k < len(t) && k-i < 2 && t[k] >= '0' && t[k] <= '9' {
			k++
		}
		if k < len(t) && t[k] >= '0' && t[k] <= '9' {
			continue
		}
		n := atoiSmall(t[i:k])
		j := k
		if j < len(t) && (t[j] == '.' || t[j] == ')') {
			j++
		}
		for j < len(t) && t[j] == ' ' {
			j++
		}
		if j >= len(t) || !startsWithTitleWord(t[j:]) {
			continue
		}
		before := strings.TrimRight(t[:i], " ")
		lastc := byte(' ')
		if before != "" {
			lastc = before[len(before)-1]
		}
		if !(strings.IndexByte(".;:)", lastc) >= 0 || (last > 0 && n == last+1)) {
			continue
		}
		if key, _, ok := componentHead(t[i:]); !ok || key == "" {
			continue
		}
		cuts = append(cuts, i)
		last = n
	}
	if len(cuts) == 0 {
		return []string{t}
	}
	out := make([]string, 0, len(cuts)+1)
	prev := 0
	for _, c := range cuts {
		if s := strings.TrimSpace(t[prev:c]); s != "" {
			out = append(out, s)
		}
		prev = c
	}
	return append(out, strings.TrimSpace(t[prev:]))
}

// lineState carries the free-text reading from line to line.
type lineState struct {
	p       *parser
	cur     *serviceBuilder
	before  []string
	pending string // a strong heading waiting for its first component
	hasPend bool
	// the last weak heading seen since the last component title, where it
	// was appended (so it can be taken back out of the previous service)
	cand               string
	candNum, candSince int
	candKey            string
	candPos            int
	candSvc            *serviceBuilder
	curNum             int
	wide               []string // keys of a component header row being filled
	wideIdx            int      // next value of a header row; -1 for a table with one service a row
	wideItem           bool     // the current header-row value is a list
	wideName           int      // the service-name column of a table with one service a row
	title              string   // the current component's title as written
}

// parseFreeText reads documents in which each component is a title (on its
// own line or leading its value) rather than a table row, interrupted by
// page headers (office name, address, breadcrumb) that repeat on every page.
func (p *parser) parseFreeText() {
	header := pageHeaderLines(p.lines)
	st := &lineState{p: p}
	n := len(p.lines)
	prevHeader := false
	for i := 0; i < n; i++ {
		l := p.lines[i]
		t := collapseSpaces(l.text)
		if t == "" {
			continue
		}
		if header[t] || (prevHeader && l.cells == nil && strings.Contains(t, " / ") && len(t) < 200 && !headingLike(t) && !isHead(t)) {
			// a header line, or the rest of a breadcrumb the page wrapped
			prevHeader = true
			continue
		}
		prevHeader = false
		if l.cells != nil {
			if st.tableRow(l.cells) {
				continue
			}
			t = collapseSpaces(strings.Join(l.cells, " "))
			if t == "" {
				continue
			}
		}
		t = normBullet(t)
		if rePageNumber.MatchString(t) || reKomponenHdr.MatchString(t) {
			continue
		}
		if reLoneNumber.MatchString(t) {
			// the "No." cell of a table flattened one cell per line
			if j := nextText(p.lines, i+1, header); j >= 0 {
				if _, _, ok := componentHead(collapseSpaces(p.lines[j].text)); ok || titleStart(p.lines, j, header) > 0 {
					continue
				}
			}
		}
		if n := titleStart(p.lines, i, header); n > 0 {
			// a component title wrapped over two or three lines
			parts := []string{t}
			for k := 1; k < n; k++ {
				if j := nextText(p.lines, i+1, header); j >= 0 {
					parts = append(parts, collapseSpaces(p.lines[j].text))
					i = j
				}
			}
			t = strings.Join(parts, " ")
		}
		for _, piece := range splitGlued(t) {
			st.line(piece)
		}
	}
	p.keepServices()
}

// titleStart reports how many lines, starting at i, make up one component
// title that the layout wrapped ("Sistem, mekanisme, dan" / "prosedur"):
// 2 or 3, or 0 when line i is not the start of a wrapped title.
func titleStart(lines []line, i int, header map[string]bool) int {
	if lines[i].cells != nil {
		return 0
	}
	t := collapseSpaces(lines[i].text)
	if !startsWithTitleWord(t) || !allTitleWords(t) {
		return 0
	}
	joined := t
	k := i
	for n := 2; n <= 3; n++ {
		j := nextText(lines, k+1, header)
		if j < 0 || lines[j].cells != nil {
			return 0
		}
		nt := collapseSpaces(lines[j].text)
		if !allTitleWords(nt) {
			return 0
		}
		joined += " " + nt
		if key := componentKey(normTitle(joined)); key != "" {
			if k0 := componentKey(normTitle(t)); k0 != "" && k0 != key {
				return 0 // two titles, one after the other
			}
			return n
		}
		k = j
	}
	return 0
}

func isHead(t string) bool {
	_, _, ok := componentHead(t)
	return ok
}

func nextText(lines []line, from int, header map[string]bool) int {
	for j := from; j < len(lines) && j < from+4; j++ {
		t := collapseSpaces(lines[j].text)
		if t != "" && !header[t] {
			return j
		}
	}
	return -1
}

// normBullet writes Word's bullet glyphs (Symbol and Wingdings characters
// in the private-use area, "", "▪", "➢", "✓" ...) as "•".
func normBullet(t string) string {
	r, sz := utf8.DecodeRuneInString(t)
	if (r >= 0xE000 && r <= 0xF8FF) || strings.ContainsRune("▪■□◦○●➢➤►▸✓✔◆◇❖", r) {
		return "•" + t[sz:]
	}
	return t
}

// line reads one line (or one piece of a line splitGlued cut): a header
// row value, a service heading, a component title (with its value), a
// possible name for the next service, or content of the current component.
func (st *lineState) line(t string) {
	if st.wide != nil && st.wideLine(t) {
		return
	}
	if name, ok := strongHeading(t); ok {
		st.pending, st.hasPend = name, true
		st.cand = ""
		return
	}
	if containsFold(t, "komponen standar pelayanan") {
		return
	}
	if keys := headerRowKeys(t); keys != nil {
		st.startService(keys[0], true)
		st.wide, st.wideIdx, st.wideItem = keys, 0, false
		return
	}
	if key, rest, ok := componentHead(t); ok && !(st.cur != nil && st.cur.cur == key && !st.hasPend) {
		st.startService(key, false)
		st.title = strings.TrimSpace(strings.TrimSuffix(t, rest))
		st.cur.startComponent(key, nil)
		st.cur.free = true
		if rest != "" {
			st.cur.appendLine(rest)
		}
		return
	}
	if st.cur != nil && st.cur.free && st.cur.lineCount(st.cur.cur) == 0 && st.cur.cur != "" {
		// a title wrapped onto a second line ("Jangka waktu" / "layanan")
		if k := componentKey(normTitle(strings.TrimLeft(reHeadPrefix.ReplaceAllString(st.title, ""), " ") + " " + t)); k == st.cur.cur && allTitleWords(t) {
			return
		}
	}
	if name, num, ok := weakHeading(t); ok {
		st.cand, st.candNum, st.candSince = name, num, 0
		st.candSvc = st.cur
		if st.cur != nil {
			st.candKey = st.cur.cur
			st.candPos = st.cur.lineCount(st.cur.cur)
		}
	} else if st.cand != "" {
		st.candSince++
		if st.candSince > 3 {
			st.cand = ""
		}
	}
	if st.cur == nil {
		st.before = append(st.before, t)
		return
	}
	st.cur.appendLine(t)
}

func allTitleWords(t string) bool {
	if len(t) > 200 {
		return false
	}
	var buf [32]byte
	for i := 0; i < len(t); {
		for i < len(t) && strings.IndexByte(" ,.:;", t[i]) >= 0 {
			i++
		}
		j := i
		for j < len(t) && strings.IndexByte(" ,.:;", t[j]) < 0 {
			j++
		}
		if j == i {
			break
		}
		if j-i > len(buf) {
			return false
		}
		w := buf[:j-i]
		for k := range w {
			c := t[i+k]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			w[k] = c
		}
		if !titleWords[string(w)] {
			return false
		}
		i = j
	}
	return true
}

// startService decides whether a component title opens a new service: a
// strong heading is waiting, no service has started, the current one
// already has this component, or a numbered heading continuing the
// numbering stands right before it.
func (st *lineState) startService(key string, wide bool) {
	cur := st.cur
	switch {
	case st.hasPend:
		st.newService(st.pending, true, 0)
		st.hasPend, st.pending = false, ""
	case cur == nil:
		name := st.cand
		if name == "" {
			name = pickName(st.before)
		}
		st.newService(name, false, st.candNum)
	case cur.has(key) || (wide && len(cur.order) > 0) ||
		(st.cand != "" && st.candSince == 0 && st.curNum > 0 && st.candNum == st.curNum+1 && st.candSvc == cur &&
			(key == KeyPersyaratan || key == KeyDasarHukum)):
		name := ""
		if st.cand != "" && st.candSvc == cur {
			name = st.cand
			cur.truncate(st.candKey, st.candPos)
		}
		st.newService(name, false, st.candNum)
	}
	st.cand = ""
}

func (st *lineState) newService(name string, explicit bool, num int) {
	b := &serviceBuilder{name: name, raw: map[string]string{}, free: true, explicit: explicit}
	st.p.services = append(st.p.services, b)
	st.cur = b
	st.curNum = num
	st.before = nil
	st.wide = nil
}

// wideLine puts a line under the header row's components, in order: a value
// is one line, or a list whose items follow one another.
func (st *lineState) wideLine(t string) bool {
	item := false
	if m, ok := markerAt(t, 0); ok && !m.bare {
		item = true
		if st.wideIdx > 0 && st.wideItem && (m.ord > 1 || m.style == styleBullet) {
			st.cur.appendLine(t)
			return true
		}
	}
	if st.wideIdx >= len(st.wide) {
		st.wide = nil
		return false
	}
	if _, ok := strongHeading(t); ok {
		st.wide = nil
		return false
	}
	key := st.wide[st.wideIdx]
	st.wideIdx++
	st.wideItem = item
	st.cur.startComponent(key, nil)
	st.cur.appendLine(t)
	return true
}

// tableRow handles the cells of a row in a document otherwise read as free
// text: a header row of component names (one service per row below it) or a
// row of that table. It reports whether the row was used.
func (st *lineState) tableRow(cells []string) bool {
	if st.wide != nil && st.wideIdx == -1 {
		return st.wideRow(cells)
	}
	var keys []string
	nameCol := -1
	for i, c := range cells {
		lc := strings.ToLower(oneLine(c))
		switch {
		case lc == "no" || lc == "no." || lc == "":
			keys = append(keys, "")
		case strings.Contains(lc, "layanan") && !strings.Contains(lc, "/") && componentKey(lc) == "" && nameCol < 0:
			keys = append(keys, "")
			nameCol = i
		default:
			k := componentKey(c)
			if k == "" {
				return false
			}
			keys = append(keys, k)
		}
	}
	if nameCol < 0 {
		return false
	}
	n := 0
	for _, k := range keys {
		if k != "" {
			n++
		}
	}
	if n < 3 {
		return false
	}
	st.wide, st.wideIdx = keys, -1
	st.wideName = nameCol
	return true
}

// wideRow reads one service from a row under a component header row.
func (st *lineState) wideRow(cells []string) bool {
	if st.wideName >= len(cells) || strings.TrimSpace(cells[st.wideName]) == "" {
		// a row continued (page break): its cells add to the last service
		if st.cur == nil || nonEmpty(cells) == 0 {
			return nonEmpty(cells) == 0
		}
		for i, c := range cells {
			if i < len(st.wide) && st.wide[i] != "" && c != "" {
				st.cur.startComponent(st.wide[i], nil)
				st.cur.appendLine(c)
			}
		}
		return true
	}
	keys := st.wide
	nameCol := st.wideName
	st.newService(oneLine(cells[nameCol]), true, 0)
	st.wide, st.wideIdx, st.wideName = keys, -1, nameCol
	for i, c := range cells {
		if i < len(keys) && keys[i] != "" {
			st.cur.startComponent(keys[i], nil)
			if c != "" {
				st.cur.appendLine(c)
			}
		}
	}
	return true
}

// keepServices drops "services" that are not: a free-text service needs
// most of the service-delivery components (a policy page with a "Dasar
// Hukum" heading is not a service), or two of them under an explicit
// service heading.
func (p *parser) keepServices() {
	kept := p.services[:0]
	for _, s := range p.services {
		s.flushLines()
		n := 0
		for _, k := range []string{KeyPersyaratan, KeyProsedur, KeyJangkaWaktu, KeyBiaya, KeyProduk, KeyPengaduan} {
			if s.has(k) {
				n++
			}
		}
		if n >= 3 || (n >= 2 && s.explicit && s.name != "") {
			if s.name == "" {
				s.name = fmt.Sprintf("Layanan %d", len(kept)+1)
				p.warn(fmt.Sprintf("nama layanan ke-%d tidak ditemukan", len(kept)+1))
			}
			kept = append(kept, s)
		}
	}
	p.services = kept
}
