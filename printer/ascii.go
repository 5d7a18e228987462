package printer

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// asciiFallbacks spells out the non-ASCII characters Indonesian office text
// actually contains; everything else loses its accents or becomes "?".
var asciiFallbacks = map[rune]string{
	'±': "+/-", '–': "-", '—': "-", '‒': "-", '−': "-", '‐': "-", '‑': "-",
	'‘': "'", '’': "'", '‚': "'", '“': "\"", '”': "\"", '„': "\"", '«': "<<", '»': ">>",
	'…': "...", '•': "*", '·': "-", '×': "x", '÷': "/", '°': "o",
	'✓': "v", '✔': "v", '✗': "x", '✘': "x", '€': "EUR", '£': "GBP", '©': "(c)", '®': "(R)",
	'™': "TM", '½': "1/2", '¼': "1/4", '¾': "3/4", 'ß': "ss", 'æ': "ae", 'Æ': "AE", 'ø': "o",
	'Ø': "O", 'œ': "oe", 'Œ': "OE", 'đ': "d", 'Đ': "D", 'ł': "l", 'Ł': "L", 'ı': "i",
	'\u00A0': " ", '\u2009': " ", '\u202F': " ", '\u2007': " ",
}

// ASCII transliterates s to printable ASCII (0x20-0x7E plus newline), safe
// for any ESC/POS code page: accents are stripped (é -> e), typographic
// punctuation is simplified, emoji and control characters are dropped and
// anything else becomes "?".
func ASCII(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFC.String(strings.ToValidUTF8(s, "?")) {
		switch {
		case r == '\n':
			b.WriteByte('\n')
		case r == '\t':
			b.WriteByte(' ')
		case r >= 0x20 && r < 0x7F:
			b.WriteRune(r)
		case r < 0x20 || (r >= 0x7F && r < 0xA0):
			// control characters would be commands to the printer
		case r > 0xFFFF || r == '\u200D' || r == '\u200B' || r == '\uFEFF' || (r >= '\uFE00' && r <= '\uFE0F'):
			// emoji and their joiners
		default:
			if t, ok := asciiFallbacks[r]; ok {
				b.WriteString(t)
				continue
			}
			base := ""
			for _, d := range norm.NFD.String(string(r)) {
				if d < 0x7F && d >= 0x20 {
					base += string(d)
				} else if !unicode.Is(unicode.Mn, d) {
					base = ""
					break
				}
			}
			if base == "" {
				base = "?"
			}
			b.WriteString(base)
		}
	}
	return b.String()
}

// Wrap splits s into lines at most cols wide, breaking at spaces and
// hard-breaking words longer than a line. Newlines in s are kept.
func Wrap(s string, cols int) []string {
	if cols < 1 {
		cols = 1
	}
	var out []string
	for _, para := range strings.Split(s, "\n") {
		words := strings.Fields(para)
		if len(words) == 0 {
			out = append(out, "")
			continue
		}
		line := ""
		for _, w := range words {
			for len(w) > cols {
				if line != "" {
					out = append(out, line)
					line = ""
				}
				out = append(out, w[:cols])
				w = w[cols:]
			}
			switch {
			case line == "":
				line = w
			case len(line)+1+len(w) <= cols:
				line += " " + w
			default:
				out = append(out, line)
				line = w
			}
		}
		if line != "" {
			out = append(out, line)
		}
	}
	return out
}
