package reports

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/norm"

	"loket/assets"
)

// coverage is a bitset over the Basic Multilingual Plane: bit r is set when
// both embedded faces (regular and bold) have a glyph for rune r. Runes
// outside it would print as an empty box, so clean replaces them.
var (
	coverageOnce sync.Once
	coverage     [0x10000 / 64]uint64
)

func loadCoverage() {
	var faces []*sfnt.Font
	for _, b := range [][]byte{assets.FontRegular(), assets.FontBold()} {
		f, err := sfnt.Parse(b)
		if err != nil {
			panic("reports: embedded font: " + err.Error()) // embedded at build time
		}
		faces = append(faces, f)
	}
	var buf sfnt.Buffer
	for r := rune(0x20); r < 0x10000; r++ {
		ok := true
		for _, f := range faces {
			g, err := f.GlyphIndex(&buf, r)
			if err != nil || g == 0 {
				ok = false
				break
			}
		}
		if ok {
			coverage[r/64] |= 1 << (uint(r) % 64)
		}
	}
}

// covered reports whether the embedded fonts can draw r.
func covered(r rune) bool {
	if r < 0 || r >= 0x10000 {
		return false
	}
	coverageOnce.Do(loadCoverage)
	return coverage[r/64]&(1<<(uint(r)%64)) != 0
}

// fallbacks maps runes that people paste from word processors and phones to
// something the font can draw, before the generic "strip the accent" rule.
var fallbacks = map[rune]string{
	'\u00A0': " ", '\u2007': " ", '\u202F': " ", '\u2009': " ",
	'\u2010': "-", '\u2011': "-", '\u2212': "-",
	'\u2018': "'", '\u2019': "'", '\u201C': "\"", '\u201D': "\"",
	'\u2022': "-", '\u2026': "...",
}

// clean makes s safe for gofpdf and drawable with the embedded font: NFC
// normalised, control characters and zero-width joiners removed, runes above
// U+FFFF (emoji) dropped, tabs turned into spaces, and anything the font lacks
// replaced by its unaccented base letter or "?". Newlines are kept; callers
// that want one line use cleanLine.
func clean(s string) string {
	if s == "" {
		return ""
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "?")
	}
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteByte('\n')
		case r == '\t':
			b.WriteByte(' ')
		case r < 0x20 || (r >= 0x7F && r < 0xA0):
			// other control characters, including \r: drop
		case r > 0xFFFF:
			// emoji and other astral runes: gofpdf would index past its
			// width table and panic
		case r == '\u200B' || r == '\u200C' || r == '\u200D' || r == '\u2060' || r == '\uFEFF' ||
			(r >= '\uFE00' && r <= '\uFE0F') || (r >= '\u20D0' && r <= '\u20FF'):
			// zero-width characters, variation selectors and combining
			// marks for symbols are the remains of emoji sequences
		case covered(r):
			b.WriteRune(r)
		default:
			if t, ok := fallbacks[r]; ok {
				b.WriteString(t)
				continue
			}
			b.WriteString(baseLetters(r))
		}
	}
	return b.String()
}

// baseLetters strips combining marks from r (ǹ -> n) and returns "?" when
// nothing drawable remains.
func baseLetters(r rune) string {
	var out strings.Builder
	for _, d := range norm.NFD.String(string(r)) {
		if unicode.Is(unicode.Mn, d) {
			continue
		}
		if covered(d) {
			out.WriteRune(d)
		}
	}
	if out.Len() == 0 {
		return "?"
	}
	return out.String()
}

// cleanLine is clean for single-line fields: newlines become spaces, runs of
// spaces collapse and the ends are trimmed.
func cleanLine(s string) string {
	return strings.Join(strings.Fields(clean(s)), " ")
}

// cleanPara is clean for wrapped text: each line's spaces collapse, blank
// lines are kept as paragraph breaks but not repeated.
func cleanPara(s string) string {
	lines := strings.Split(clean(s), "\n")
	out := lines[:0]
	for _, l := range lines {
		l = strings.Join(strings.Fields(l), " ")
		if l == "" && (len(out) == 0 || out[len(out)-1] == "") {
			continue
		}
		out = append(out, l)
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return strings.Join(out, "\n")
}

// cleanList cleans every item and drops the empty ones.
func cleanList(items []string) []string {
	out := make([]string, 0, len(items))
	for _, it := range items {
		if c := cleanPara(it); c != "" {
			out = append(out, c)
		}
	}
	return out
}
