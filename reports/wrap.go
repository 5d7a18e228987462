package reports

import (
	"strings"
	"unicode/utf8"
)

// wrapWords breaks one paragraph into lines no wider than w, as measured by
// width. Lines break only at spaces; a word that alone is wider than w is
// first broken after a slash or hyphen inside it ("Pembayaran/" "SPM") and
// only then, as a last resort, between letters. gofpdf's SplitText breaks
// inside a word whenever a line has no space left to break at, which prints
// "Rekonsilias" / "i" in narrow table cells; this keeps words whole.
func wrapWords(s string, w float64, width func(string) float64) []string {
	words := strings.Fields(s)
	if len(words) == 0 {
		return nil
	}
	// Widths add up (gofpdf does not kern), so each word is measured once
	// and a line's width is kept as a sum.
	space := width(" ")
	var lines []string
	line, lw := "", 0.0
	for _, word := range words {
		ww := width(word)
		if line != "" {
			if lw+space+ww <= w {
				line, lw = line+" "+word, lw+space+ww
				continue
			}
			lines = append(lines, line)
			line = ""
		}
		if ww <= w {
			line, lw = word, ww
			continue
		}
		pieces := breakLongWord(word, w, width)
		lines = append(lines, pieces[:len(pieces)-1]...)
		line = pieces[len(pieces)-1]
		lw = width(line)
	}
	return append(lines, line)
}

// breakLongWord splits a word wider than w: at the last slash or hyphen
// that leaves a fitting head, else at the last rune that fits (at least one
// rune per line, so a column narrower than a letter still terminates).
func breakLongWord(word string, w float64, width func(string) float64) []string {
	var out []string
	for width(word) > w && utf8.RuneCountInString(word) > 1 {
		cut := 0
		for i, r := range word {
			end := i + utf8.RuneLen(r)
			if end == len(word) {
				break
			}
			if (r == '/' || r == '-') && width(word[:end]) <= w {
				cut = end
			}
		}
		if cut == 0 {
			for i, r := range word {
				end := i + utf8.RuneLen(r)
				if cut > 0 && width(word[:end]) > w {
					break
				}
				cut = end
			}
		}
		out = append(out, word[:cut])
		word = word[cut:]
	}
	return append(out, word)
}

// shortenWords drops whole words from the end of line until it fits w with
// " …" after it, so a cut cell reads "Penerimaan SPM …" rather than
// "Penerimaan SP …". A first word too wide on its own is cut by letters.
func shortenWords(line string, w float64, width func(string) float64) string {
	const more = " …"
	line = strings.TrimSpace(line)
	for line != "" && width(line+more) > w {
		i := strings.LastIndexByte(line, ' ')
		if i < 0 {
			r := []rune(line)
			for len(r) > 1 && width(string(r)+"…") > w {
				r = r[:len(r)-1]
			}
			return string(r) + "…"
		}
		line = strings.TrimSpace(line[:i])
	}
	if line == "" {
		return "…"
	}
	return line + more
}
