package standards

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// serviceBuilder collects the raw text of one service's components while the
// document is read.
type serviceBuilder struct {
	name      string
	raw       map[string]string
	order     []string
	cur       string
	lastTable string // normalised text of the last nested <table> in the current component
	free      bool
	explicit  bool                // opened by an explicit service heading
	lines     map[string][]string // free-text lines per component, joined by flushLines
}

var (
	timeWords = map[string]bool{"menit": true, "jam": true, "hari": true, "minggu": true, "bulan": true, "tahun": true, "orang": true, "perangkat": true}
)

func (b *serviceBuilder) has(key string) bool { _, ok := b.raw[key]; return ok }

func (b *serviceBuilder) startComponent(key string, cells []string) {
	b.cur = key
	b.lastTable = ""
	text := b.joinCells(cells)
	if old, ok := b.raw[key]; ok {
		if text != "" {
			b.raw[key] = joinRaw(old, text)
		}
		return
	}
	b.order = append(b.order, key)
	b.raw[key] = text
}

func (b *serviceBuilder) continueComponent(cells []string) {
	if b.cur == "" {
		return
	}
	if b.lastTable != "" {
		body := cells
		if len(body) > 0 && (body[0] == "" || reNumCell.MatchString(body[0])) {
			body = body[1:]
		}
		for i, c := range body {
			if containsFold(c, "<table") {
				body = body[:i+1] // the cells after a nested table repeat it
				break
			}
		}
		n := normName(oneLine(strings.Join(body, " ")))
		if n == "" || strings.Contains(b.lastTable, n) {
			return // a flattened copy of the nested table's rows
		}
	}
	text := b.joinCells(cells)
	if text == "" {
		return
	}
	b.raw[b.cur] = joinRaw(b.raw[b.cur], text)
}

// appendLine adds a free-text line to the current component. Lines are
// kept in a slice and joined once (flushLines): appending to a string would
// make one huge component quadratic.
func (b *serviceBuilder) appendLine(t string) {
	if b.cur == "" {
		return
	}
	if b.lines == nil {
		b.lines = map[string][]string{}
	}
	b.lines[b.cur] = append(b.lines[b.cur], t)
}

func (b *serviceBuilder) lineCount(key string) int { return len(b.lines[key]) }

// truncate takes back the lines of key from n on: they turned out to be the
// heading of the next service.
func (b *serviceBuilder) truncate(key string, n int) {
	if ls, ok := b.lines[key]; ok && n < len(ls) {
		b.lines[key] = ls[:n]
	}
}

// flushLines joins the free-text lines into the raw component texts.
func (b *serviceBuilder) flushLines() {
	for k, ls := range b.lines {
		if len(ls) == 0 {
			continue
		}
		j := strings.Join(ls, "\n")
		if b.raw[k] != "" {
			j = b.raw[k] + "\n" + j
		}
		b.raw[k] = j
	}
	b.lines = nil
}

// joinCells joins the content cells of a row. A cell that is only a list
// number ("1", "a.") becomes a marker for the cell after it; cells that
// repeat a nested table's content in the same row are dropped.
func (b *serviceBuilder) joinCells(cells []string) string {
	var parts []string
	table := ""
	for _, c := range cells {
		if c == "" {
			continue
		}
		if table != "" {
			if n := normName(oneLine(c)); n == "" || strings.Contains(table, n) {
				continue
			}
		}
		if containsFold(c, "<table") {
			table = normName(oneLine(c))
			b.lastTable = table
		}
		if m := reNumCell.FindStringSubmatch(c); m != nil {
			parts = append(parts, m[1]+".")
			continue
		}
		if m := reCellLead.FindStringSubmatch(c); m != nil && !timeWords[strings.ToLower(m[2])] {
			c = m[1] + ". " + c[len(m[1])+1:]
		}
		parts = append(parts, c)
	}
	return strings.Join(parts, " ")
}

// joinRaw appends a continuation to a component's raw text. When the page
// break fell mid-sentence, the paragraph tags around the break are dropped so
// the sentence reads on.
func joinRaw(prev, next string) string {
	if prev == "" {
		return next
	}
	pc := oneLine(tail(prev, 400))
	nc := oneLine(head(next, 400))
	last, _ := utf8.DecodeLastRuneInString(pc)
	first, _ := utf8.DecodeRuneInString(nc)
	mid := (pc != "" && !strings.ContainsRune(".:;!?", last)) || unicode.IsLower(first)
	if mid && nc != "" {
		first5 := strings.TrimSpace(next)
		isItem := reBulletMarker.MatchString("• "+first5+" ") && !unicode.IsLower(first)
		if !isItem {
			prev = trimTrailingBlocks(prev)
			next = trimLeadingBlocks(next)
			return prev + " " + next
		}
	}
	return prev + "\n" + next
}

// finish turns the collected raw text into a Service.
func (b *serviceBuilder) finish(number int, warnings *[]string) Service {
	s := Service{
		Number:       number,
		Name:         b.name,
		Requirements: []string{},
		Products:     []string{},
		SLA:          []SLAVariant{},
		SLAUnreduced: []string{},
		Complaint:    Channels{Phones: []string{}, Emails: []string{}, URLs: []string{}},
		Components:   map[string]string{},
	}
	for _, k := range b.order {
		s.Components[k] = cleanText(b.raw[k])
	}
	note, items := requirementItems(s.Components[KeyPersyaratan])
	s.RequirementsNote = note
	s.Requirements = append(s.Requirements, items...)
	s.Products = append(s.Products, listItems(s.Components[KeyProduk])...)
	s.Fee = strings.ReplaceAll(s.Components[KeyBiaya], "\n", " ")
	s.FeeFree = isFree(s.Fee)
	s.Complaint = extractChannels(b.raw[KeyPengaduan])
	s.SLAText = s.Components[KeyJangkaWaktu]
	r := ReduceSLA(s.SLAText)
	s.SLA = append(s.SLA, r.Variants...)
	s.SLAUnreduced = append(s.SLAUnreduced, r.Unreduced...)
	s.SLAReducible = r.Reducible
	for _, k := range []string{KeyPersyaratan, KeyProsedur, KeyJangkaWaktu, KeyBiaya, KeyProduk, KeyPengaduan} {
		if _, ok := b.raw[k]; !ok {
			*warnings = append(*warnings, fmt.Sprintf("layanan %d (%s): komponen %q tidak ditemukan", number, s.Name, ComponentTitle(k)))
		}
	}
	if s.SLAText != "" && !s.SLAReducible {
		*warnings = append(*warnings, fmt.Sprintf("layanan %d (%s): jangka waktu tidak dapat diubah menjadi durasi: %q", number, s.Name, shorten(s.SLAText, 100)))
	}
	return s
}

func shorten(s string, n int) string {
	s = strings.ReplaceAll(s, "\n", " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut + "…"
}

var (
	reFree = regexp.MustCompile(`(?i)tidak dipungut|gratis|tidak ada|tanpa biaya|bebas biaya|tidak dikenakan|nihil|rp\.?\s*0(?:[.,]0+)?(?:[^0-9.,]|$)|^-$`)
	reRp   = regexp.MustCompile(`(?i)rp\.?\s*[1-9]`)
)

// isFree reports whether a Biaya/Tarif text says the service costs nothing.
func isFree(fee string) bool {
	if fee == "" {
		return false
	}
	return reFree.MatchString(strings.TrimSpace(fee)) && !reRp.MatchString(fee)
}

// tail returns about the last n bytes of an HTML-ish text, cut after a tag
// boundary so no half tag is left.
func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	t := s[len(s)-n:]
	if gt, lt := strings.IndexByte(t, '>'), strings.IndexByte(t, '<'); gt >= 0 && (lt < 0 || gt < lt) {
		t = t[gt+1:]
	}
	return t
}

// head returns about the first n bytes of s, cut before a tag.
func head(s string, n int) string {
	if len(s) <= n {
		return s
	}
	h := s[:n]
	if lt := strings.LastIndexByte(h, '<'); lt >= 0 && strings.IndexByte(h[lt:], '>') < 0 {
		h = h[:lt]
	}
	return h
}

// trimTrailingBlocks drops the closing paragraph tags at the end of s.
func trimTrailingBlocks(s string) string {
	for {
		t := strings.TrimRightFunc(s, unicode.IsSpace)
		cut := false
		for _, c := range []string{"</p>", "</li>", "</div>"} {
			if len(t) >= len(c) && strings.EqualFold(t[len(t)-len(c):], c) {
				t = t[:len(t)-len(c)]
				cut = true
				break
			}
		}
		if !cut {
			return s
		}
		s = t
	}
}

// trimLeadingBlocks drops the opening paragraph tags at the start of s.
func trimLeadingBlocks(s string) string {
	for {
		t := strings.TrimLeftFunc(s, unicode.IsSpace)
		lt := strings.ToLower(t[:min(4, len(t))])
		if !(strings.HasPrefix(lt, "<p>") || strings.HasPrefix(lt, "<p ") || strings.HasPrefix(lt, "<li>") || strings.HasPrefix(lt, "<li ")) {
			return s
		}
		gt := strings.IndexByte(t, '>')
		if gt < 0 {
			return s
		}
		s = t[gt+1:]
	}
}

// reWhoMay matches a paragraph about who may use the service ("Pemohon
// layanan adalah ...", "Yang dapat menggunakan layanan ... yaitu:").
var reWhoMay = regexp.MustCompile(`(?i)^(?:yang (?:dapat|berhak) (?:menggunakan|mengajukan|memanfaatkan)|(?:calon )?(?:stakeholder )?(?:pemohon|pengguna|penerima)(?: layanan| jasa)?\b.{0,160}?\b(?:adalah|merupakan|ialah|yaitu|meliputi|terdiri)\b|stakeholder(?: penerima)?(?: layanan)?\b.{0,160}?\b(?:adalah|merupakan|ialah)\b)`)

// reIntro matches a sentence that only announces the list after it.
var reIntro = regexp.MustCompile(`(?i)(?:sebagai berikut|berikut ini|antara lain|yaitu|meliputi|diantaranya|di antaranya|terdiri (?:dari|atas))\s*:$`)

// requirementItems splits the Persyaratan text into the checklist a person
// ticks and the note that goes with it. The note holds what is not a thing
// to bring: the introductory sentence before the list ("... sebagai
// berikut:"), a paragraph about who may use the service, and "Tidak ada
// persyaratan". Every top-level item is one requirement, its sub-items
// inline.
func requirementItems(text string) (note string, items []string) {
	pre, its := splitOutline(text)
	var notes []string
	if len(its) == 0 {
		if pre == "" {
			return "", []string{}
		}
		if reWhoMay.MatchString(pre) || reNoRequire.MatchString(pre) {
			return pre, []string{}
		}
		return "", []string{pre}
	}
	// a "who may use" sentence before the list makes the list that follows
	// it (up to a new introductory paragraph) part of the note too
	whoList := pre != "" && reWhoMay.MatchString(pre)
	if pre != "" {
		notes = append(notes, pre)
	}
	items = make([]string, 0, len(its))
	leading := true
	var who []string
	for _, it := range its {
		if it.Full == "" {
			continue
		}
		if it.Marker == "" { // a paragraph of its own that opens a new list
			whoList = false
			if len(items) == 0 && (reIntro.MatchString(it.Full) || reIntroDot.MatchString(it.Full) || strings.HasSuffix(it.Full, ":")) {
				notes = append(notes, strings.Join(who, "; "), it.Full)
				who = nil
				continue
			}
		}
		if whoList {
			who = append(who, it.Full)
			continue
		}
		if leading && (reWhoMay.MatchString(it.Own) || (len(it.Children) == 0 && reIntro.MatchString(it.Full))) {
			notes = append(notes, it.Full)
			continue
		}
		leading = false
		items = append(items, it.Full)
	}
	if len(who) > 0 {
		// the list never gave way to requirements: it was the checklist
		items = append(who, items...)
	}
	kept := notes[:0]
	for _, n := range notes {
		if n != "" {
			kept = append(kept, n)
		}
	}
	return strings.Join(kept, "\n"), items
}
