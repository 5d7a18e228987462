package standards

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// line is one physical line of the document, split into cells when it is a
// row of a markdown pipe table or a tab-separated table.
type line struct {
	text  string
	cells []string // nil for a text line
}

var (
	reHeading   = regexp.MustCompile(`^\s{0,3}(\d{1,3})\.\s*([A-Za-z*<"“].*)$`)
	reDeclared  = regexp.MustCompile(`(?i)(?:meliputi|memiliki|menyediakan|terdiri\s+(?:dari|atas))\s+(\d{1,4})?\s*(?:\(([a-z ]+)\))?\s*([a-z ]*?)\s*jenis\s+(?:pe)?layanan`)
	reLetterHdr = regexp.MustCompile(`^[A-Z]{1,2}\.\s+(\S.{2,})$`)
	reUnitPhr   = regexp.MustCompile(`(?i)standar pelayanan pada\s+(.+?)\s+(?:\([^)]*\)\s+)?meliputi`)
	reOfficeRef = regexp.MustCompile(`\b(?:KPPN|KPP Pratama|KPP Madya|KPKNL|Kanwil DJPb|KPU Bea dan Cukai|KPPBC)\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?`)
	reSepCell   = regexp.MustCompile(`^:?-{2,}:?$`)
	reNumCell   = regexp.MustCompile(`^(?:<p>)?\s*([0-9]{1,2}|[a-zA-Z])\.?\s*(?:</p>)?$`)
	reStdPrefix = regexp.MustCompile(`(?i)^(?:lembar kerja\s+)?standar pelayanan(?:\s+(?:pada|di))?\s*[-:–]?\s*`)
	reCellLead  = regexp.MustCompile(`^(\d{1,2}) +([A-Z][a-z]+)`)
)

// Parse reads one Standar Pelayanan document: text (UTF-8 with or without
// BOM, UTF-16 with BOM, Windows-1252), a PDF with a text layer, or a Word
// .docx, told apart by their content. source is the file's base name,
// kept in the Document. Warnings describe, for people, what looked wrong:
// a declared service count that differs from what was read, heading numbers
// that drift, components that are missing. A document in which no service is
// recognised is not an error: it yields no services and a warning. Input
// that cannot be read (empty, binary, a scanned or encrypted PDF, a damaged
// file) returns one of the Err* errors, whose message is one sentence in
// Bahasa Indonesia.
func Parse(source string, data []byte) (Document, []string, error) {
	doc := Document{Source: source, Services: []Service{}}
	text, err := documentText(data)
	if err != nil {
		return doc, nil, err
	}
	text = strings.TrimPrefix(text, "\uFEFF")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	lines := splitLines(text)
	// the unit and the announced count are named near the top; searching
	// all of a 20 MB document for them would cost more than parsing it
	top := text[:min(len(text), 1<<20)]

	p := &parser{lines: lines}
	p.findIndex()
	doc.Unit = findUnit(lines, top)
	doc.DeclaredServices = findDeclared(top)
	if doc.DeclaredServices == 0 {
		doc.DeclaredServices = len(p.index)
	}
	if p.tableMode() {
		p.parseTables()
	} else {
		p.parseFreeText()
	}
	p.lines = nil
	for i, b := range p.services {
		doc.Services = append(doc.Services, b.finish(i+1, &p.warnings))
		p.services[i] = nil // its raw text is no longer needed
	}
	if len(doc.Services) == 0 {
		p.warn("tidak ada layanan yang dikenali dalam dokumen ini")
	} else if doc.DeclaredServices > 0 && doc.DeclaredServices != len(doc.Services) {
		p.warn(fmt.Sprintf("dokumen menyatakan %d jenis layanan, tetapi yang terbaca %d", doc.DeclaredServices, len(doc.Services)))
	}
	return doc, p.warnings, nil
}

func splitLines(text string) []line {
	raw := strings.Split(text, "\n")
	out := make([]line, 0, len(raw))
	for _, r := range raw {
		l := line{text: r}
		t := strings.TrimSpace(r)
		switch {
		case strings.HasPrefix(t, "|") && strings.Count(t, "|") >= 3:
			t = strings.TrimSuffix(strings.TrimPrefix(t, "|"), "|")
			l.cells = trimCells(strings.Split(t, "|"))
		case strings.Contains(r, "\t"):
			cells := trimCells(strings.Split(r, "\t"))
			if nonEmpty(cells) >= 1 && len(cells) >= 2 {
				l.cells = cells
			}
		}
		if len(l.cells) >= 2 && l.cells[0] != "" && !reNumCell.MatchString(l.cells[0]) && componentKey(l.cells[0]) != "" {
			// a "Komponen | Uraian" table without its "No." column
			l.cells = append([]string{""}, l.cells...)
		}
		out = append(out, l)
	}
	return out
}

func trimCells(cells []string) []string {
	for i := range cells {
		cells[i] = strings.TrimSpace(cells[i])
	}
	// trailing empty cells carry no meaning (rows padded to 16 columns)
	for len(cells) > 0 && cells[len(cells)-1] == "" {
		cells = cells[:len(cells)-1]
	}
	return cells
}

func nonEmpty(cells []string) int {
	n := 0
	for _, c := range cells {
		if c != "" {
			n++
		}
	}
	return n
}

func findDeclared(text string) int {
	m := reDeclared.FindStringSubmatch(text)
	if m == nil {
		return 0
	}
	if m[1] != "" {
		n, err := strconv.Atoi(m[1])
		if err == nil {
			return n
		}
	}
	for _, w := range []string{m[2], m[3]} {
		if n, ok := ParseNumberWords(w); ok {
			return n
		}
	}
	return 0
}

// findUnit names the office or unit the document belongs to: the lettered
// chapter heading ("H. Biro Umum"), the "Standar pelayanan pada X meliputi"
// sentence, the page header repeated on every page, or the office most often
// mentioned.
func findUnit(lines []line, text string) string {
	for _, l := range lines {
		if l.cells != nil {
			continue
		}
		t := strings.TrimSpace(l.text)
		if t == "" {
			continue
		}
		if m := reLetterHdr.FindStringSubmatch(t); m != nil && !strings.Contains(strings.ToLower(t), "komponen") {
			return oneLine(m[1])
		}
		break
	}
	if m := reUnitPhr.FindStringSubmatch(text); m != nil {
		return oneLine(m[1])
	}
	for _, l := range lines {
		// the office's name as the document's first line
		t := collapseSpaces(l.text)
		if t == "" {
			continue
		}
		if l.cells == nil && len(t) < 120 && looksLikeOffice(t) && !strings.HasSuffix(t, ".") && !strings.HasSuffix(t, ":") {
			if m := reStdPrefix.FindStringIndex(t); m != nil && m[1] < len(t) {
				t = t[m[1]:]
			}
			return t
		}
		break
	}
	counts := map[string]int{}
	first := ""
	for _, l := range lines {
		t := collapseSpaces(l.text)
		if l.cells != nil || len(t) < 15 || len(t) > 120 || strings.HasSuffix(t, ".") || strings.HasSuffix(t, ":") || headingLike(t) {
			continue
		}
		counts[t]++
		if counts[t] == 3 && first == "" && looksLikeOffice(t) {
			first = t
		}
	}
	if first != "" {
		return first
	}
	refs := map[string]int{}
	best, bestN := "", 0
	for _, r := range reOfficeRef.FindAllString(text, -1) {
		refs[r]++
		if refs[r] > bestN {
			best, bestN = r, refs[r]
		}
	}
	return best
}

func looksLikeOffice(s string) bool {
	l := strings.ToLower(s)
	for _, w := range []string{"kantor", "biro", "direktorat", "sekretariat", "badan", "pusat", "balai", "inspektorat", "kppn", "kanwil", "dinas", "puskesmas", "kecamatan", "kelurahan", "pengadilan", "kabupaten"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

type parser struct {
	lines    []line
	index    []string // service names from the document's own index table
	services []*serviceBuilder
	warnings []string
}

func (p *parser) warn(msg string) { p.warnings = append(p.warnings, msg) }

// findIndex reads the "No. | Nama Layanan" table some documents open with.
func (p *parser) findIndex() {
	in := false
	for _, l := range p.lines {
		if l.cells == nil {
			if in && strings.TrimSpace(l.text) != "" {
				return
			}
			continue
		}
		if len(l.cells) >= 2 && strings.EqualFold(oneLine(l.cells[1]), "Nama Layanan") {
			in = true
			continue
		}
		if in && len(l.cells) >= 2 && reNumCell.MatchString(l.cells[0]) {
			p.index = append(p.index, oneLine(l.cells[1]))
		}
	}
}

// tableMode reports whether the components sit in table rows (pipe or tab
// tables) rather than under free-standing titles.
func (p *parser) tableMode() bool {
	for _, l := range p.lines {
		if len(l.cells) >= 2 && componentKey(l.cells[1]) != "" {
			return true
		}
	}
	return false
}

func normName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// headingAt reports whether line i opens a service: "N. Name" followed by the
// "Komponen standar pelayanan ..." lead-in, or naming a service of the index.
func (p *parser) headingAt(i int) (num int, name string, ok bool) {
	l := p.lines[i]
	if l.cells != nil {
		return 0, "", false
	}
	m := reHeading.FindStringSubmatch(l.text)
	if m == nil {
		if t := collapseSpaces(l.text); t != "" {
			if sn, ok := strongHeading(t); ok && p.tableBelow(i) {
				return 0, sn, true
			}
			// "Layanan X" without a number, right above its table
			if wn, _, ok := weakHeading(t); ok && p.tableBelow(i) {
				return 0, wn, true
			}
		}
		return 0, "", false
	}
	if containsFold(l.text, "komponen standar") {
		return 0, "", false
	}
	num, _ = strconv.Atoi(m[1])
	name = oneLine(m[2])
	if name == "" {
		return 0, "", false
	}
	var more []string // the name wrapped onto the next line (a PDF)
	for j := i + 1; j < len(p.lines) && j < i+8; j++ {
		t := collapseSpaces(p.lines[j].text)
		if t == "" {
			continue
		}
		if containsFold(t, "komponen standar") {
			if len(more) > 0 {
				name = oneLine(name + " " + strings.Join(more, " "))
			}
			return num, name, true
		}
		if p.lines[j].cells != nil || len(more) == 2 || len(t) > 120 || strings.HasSuffix(t, ".") || strings.HasSuffix(t, ":") {
			break
		}
		more = append(more, t)
	}
	n := normName(name)
	for _, x := range p.index {
		if normName(x) == n {
			return num, name, true
		}
	}
	if p.tableBelow(i) {
		return num, name, true
	}
	return 0, "", false
}

// tableBelow reports whether a component table (a .docx or PDF table)
// starts right below line i.
func (p *parser) tableBelow(i int) bool {
	for j := i + 1; j < len(p.lines) && j < i+4; j++ {
		nl := p.lines[j]
		if nl.cells == nil {
			if strings.TrimSpace(nl.text) == "" {
				continue
			}
			return false
		}
		return isHeaderRow(nl.cells) || (len(nl.cells) >= 2 && componentKey(nl.cells[1]) != "")
	}
	return false
}

func isHeaderRow(cells []string) bool {
	if len(cells) < 2 {
		return false
	}
	c0 := strings.ToLower(oneLine(cells[0]))
	c1 := strings.ToLower(oneLine(cells[1]))
	return (c0 == "no" || c0 == "no.") && (c1 == "komponen" || c1 == "nama layanan" || c1 == "uraian") ||
		c0 == "komponen" && (c1 == "uraian" || c1 == "keterangan")
}

func rowMentions(cells []string, phrase string) bool {
	for _, c := range cells {
		if containsFold(c, phrase) {
			return true
		}
	}
	return false
}

func isSeparatorRow(cells []string) bool {
	for _, c := range cells {
		if c != "" && !reSepCell.MatchString(c) {
			return false
		}
	}
	return true
}

func (p *parser) parseTables() {
	var cur *serviceBuilder
	heads := 0
	for i, l := range p.lines {
		if num, name, ok := p.headingAt(i); ok {
			heads++
			if num != 0 && num != heads {
				p.warn(fmt.Sprintf("judul layanan ke-%d (%q) bernomor %d; nomor urut dokumen yang dipakai", heads, name, num))
			}
			cur = &serviceBuilder{name: name, raw: map[string]string{}}
			p.services = append(p.services, cur)
			continue
		}
		if cur == nil || l.cells == nil {
			continue
		}
		cells := l.cells
		if isHeaderRow(cells) || isSeparatorRow(cells) {
			continue
		}
		if rowMentions(cells, "komponen standar pelayanan") {
			continue
		}
		if len(cells) >= 2 && (cells[0] == "" || reNumCell.MatchString(cells[0])) {
			if key := componentKey(cells[1]); key != "" {
				cur.startComponent(key, cells[2:])
				continue
			}
			if cells[0] == "" && cells[1] != "" && allTitleWords(cells[1]) {
				// the rest of a component title wrapped across a page
				// break ("Jangka Waktu" / "Penyelesaian"): not content
				cells = append([]string{"", ""}, cells[2:]...)
			}
		}
		cur.continueComponent(cells)
	}
}

// pageHeaderLines finds the lines that are page furniture in a free-text
// document: lines repeated on several pages that also stand at the top of
// the document (before the first component title), breadcrumb trails
// ("Kementerian Keuangan / Direktorat Jenderal ... / Kantor"), and the
// fragments of those the page layout broke onto several lines. A sentence
// repeated only inside services ("1 (satu) hari kerja setelah dokumen
// diterima secara lengkap dan benar.") is content, and so is anything that
// reads like a heading or a list item.
func pageHeaderLines(lines []line) map[string]bool {
	first := len(lines)
	for i, l := range lines {
		if l.cells != nil {
			continue
		}
		if t := collapseSpaces(l.text); t != "" {
			if _, _, ok := componentHead(t); ok {
				first = i
				break
			}
		}
	}
	counts := map[string]int{}
	top := map[string]bool{}
	for i, l := range lines {
		if l.cells != nil {
			continue
		}
		if t := collapseSpaces(l.text); len(t) >= 15 {
			counts[t]++
			if i < first {
				top[t] = true
			}
		}
	}
	var base []string
	header := map[string]bool{}
	for t, n := range counts {
		if componentKey(t) != "" || headingLike(t) {
			continue
		}
		if (n >= 2 && top[t]) || (strings.Count(t, " / ") >= 2 && len(t) < 300) {
			header[t] = true
			if len(base) < 64 {
				base = append(base, t)
			}
		}
	}
	if len(base) == 0 {
		return header
	}
	for t := range counts {
		if header[t] || componentKey(t) != "" || len(t) > 200 {
			continue
		}
		for _, b := range base {
			if len(b) > len(t) && strings.Contains(b, t) {
				header[t] = true
				break
			}
		}
	}
	return header
}

// headingLike reports lines that are never page furniture: numbered or
// bulleted lines and service names.
func headingLike(t string) bool {
	if _, ok := markerAt(t, 0); ok {
		return true
	}
	if _, ok := strongHeading(t); ok {
		return true
	}
	lt := strings.ToLower(t)
	return strings.HasPrefix(lt, "layanan ") || strings.HasPrefix(lt, "pelayanan ") || strings.HasPrefix(lt, "jenis ")
}

// pickName chooses the service name among the free-text lines before the
// first component title: preferably one that reads "Layanan ...".
func pickName(before []string) string {
	name := ""
	for _, t := range before {
		if strings.HasSuffix(t, ":") || len(t) > 200 {
			continue
		}
		lt := strings.ToLower(t)
		if strings.HasPrefix(lt, "layanan") || strings.HasPrefix(lt, "pelayanan") {
			return t
		}
		if name == "" && strings.IndexFunc(t, unicode.IsLetter) >= 0 {
			name = t
		}
	}
	return name
}
