package standards

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Outline marker styles, e.g. "a.", "1.", "1)", "a)", "(a)", "(1)", bullet.
const (
	styleAlphaDot = iota + 1
	styleDigitDot
	styleDigitParen
	styleAlphaParen
	styleParenAlpha
	styleParenDigit
	styleBullet
	styleParagraph // a line of its own ending in ":" that introduces a new list
)

type marker struct {
	start, end int // byte offsets of the marker and of the text after it
	style      int
	ord        int
	depth      int
	bare       bool // digits followed by a capitalised word, without "." or ")"
}

// outlineItem is one list item of a component text. Own is the item's text
// without its sub-items; Full includes them.
type outlineItem struct {
	Marker   string
	Own      string
	Full     string
	Children []*outlineItem
}

// splitOutline finds the list structure in a component text whose items may
// sit on separate lines or be flattened into one line ("a. x 1) y 2) z b. w").
// A marker only counts when it continues a list already open ("b." after
// "a.") or opens a new one at its first ordinal, which keeps "ayat (2)",
// "Tahun 2010." and "Ms. Office" out of the structure.
func splitOutline(text string) (preamble string, items []*outlineItem) {
	marks := findMarkers(text)
	if len(marks) == 0 {
		return tidyItem(text), nil
	}
	preamble = tidyItem(text[:marks[0].start])
	var build func(lo, hi, depth int) []*outlineItem
	build = func(lo, hi, depth int) []*outlineItem {
		var out []*outlineItem
		for i := lo; i < hi; {
			m := marks[i]
			j := i + 1
			for j < hi && marks[j].depth > m.depth {
				j++
			}
			end := len(text)
			if j < len(marks) {
				end = marks[j].start
			}
			ownEnd := end
			if i+1 < len(marks) && i+1 < j {
				ownEnd = marks[i+1].start
			}
			it := &outlineItem{
				Marker: strings.TrimSpace(text[m.start:m.end]),
				Own:    tidyItem(text[m.end:ownEnd]),
				Full:   tidyItem(text[m.end:end]),
			}
			it.Children = build(i+1, j, depth+1)
			out = append(out, it)
			i = j
		}
		return out
	}
	return preamble, build(0, len(marks), 0)
}

// tidyItem folds an item onto one line and drops the list punctuation that
// joins items ("; dan", "; dan/atau", trailing ";" or ",").
func tidyItem(s string) string {
	s = collapseSpaces(strings.ReplaceAll(s, "\n", " "))
	for {
		t := s
		for _, suf := range []string{"dan/atau", "dan", "atau", ";", ","} {
			if strings.HasSuffix(t, suf) {
				cut := strings.TrimSpace(strings.TrimSuffix(t, suf))
				if suf == "dan" || suf == "atau" || suf == "dan/atau" {
					// only a joining conjunction after a separator
					if !strings.HasSuffix(cut, ";") && !strings.HasSuffix(cut, ",") {
						continue
					}
				}
				t = cut
			}
		}
		if t == s {
			return s
		}
		s = t
	}
}

func findMarkers(text string) []marker {
	var stack []level
	var out []marker
	afterPara := false
	for i := 0; i < len(text); {
		_, sz := utf8.DecodeRuneInString(text[i:])
		atStart := i == 0
		prev := rune(0)
		if !atStart {
			prev, _ = utf8.DecodeLastRuneInString(text[:i])
		}
		if !atStart && !unicode.IsSpace(prev) {
			i += sz
			continue
		}
		m, ok := markerAt(text, i)
		if !ok {
			if prev == '\n' && len(stack) > 0 && introLine(text[i:]) {
				// a new intro paragraph after a list: its list starts afresh
				stack = stack[:0]
				out = append(out, marker{start: i, end: i, style: styleParagraph})
				afterPara = true
			}
			i += sz
			continue
		}
		lineStart := atStart || prev == '\n'
		if m.style == styleBullet && !lineStart {
			i += sz
			continue
		}
		accepted := false
		if m.bare {
			// "2 Nota Dinas": a number without its dot only continues an
			// open "1." list, at exactly the next ordinal
			if d := len(stack) - 1; d >= 0 && stack[d].style == styleDigitDot && m.ord == stack[d].ord+1 {
				stack[d].ord = m.ord
				m.depth = d
				out = append(out, m)
				i = m.end
				continue
			}
			i += sz
			continue
		}
		for d := len(stack) - 1; d >= 0; d-- {
			if stack[d].style != m.style {
				continue
			}
			if m.style == styleBullet || (m.ord > stack[d].ord && m.ord <= stack[d].ord+2) {
				stack = stack[:d+1]
				stack[d].ord = m.ord
				m.depth = d
				accepted = true
			}
			break
		}
		if !accepted && afterPara && len(stack) == 0 && lineStart && (m.style == styleAlphaDot || m.style == styleDigitDot) {
			// the list after an introductory paragraph, its lettering
			// continued from the list before it ("d." after "a.-c.")
			stack = append(stack, level{m.style, m.ord})
			m.depth = 0
			accepted = true
		}
		if !accepted && !inStack(stack, m.style) && (m.ord == 1 || m.style == styleBullet) {
			if m.style != styleParenDigit || boundaryBefore(text, i) {
				stack = append(stack, level{m.style, m.ord})
				m.depth = len(stack) - 1
				accepted = true
			}
		}
		if accepted {
			afterPara = false
			out = append(out, m)
			i = m.end
			continue
		}
		i += sz
	}
	return out
}

// level is one open list while scanning markers.
type level struct{ style, ord int }

func inStack(stack []level, style int) bool {
	for _, l := range stack {
		if l.style == style {
			return true
		}
	}
	return false
}

// introLine reports whether the line starting at s is a short paragraph of
// its own that ends in a colon ("Pihak yang dapat menyewa BMN meliputi:").
func introLine(s string) bool {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimSpace(s)
	if len(s) == 0 || len(s) >= 200 {
		return false
	}
	// "Dengan melengkapi persyaratan ... sebagai berikut." announces a list
	// as surely as a colon does
	return strings.HasSuffix(s, ":") || reIntroDot.MatchString(s)
}

var reIntroDot = regexp.MustCompile(`(?i)(?:sebagai berikut|berikut ini)\s*\.$`)

// boundaryBefore reports whether the text before i ends a sentence or clause,
// so that "(1)" there opens a list rather than citing "ayat (1)".
func boundaryBefore(text string, i int) bool {
	t := strings.TrimRightFunc(text[:i], unicode.IsSpace)
	if t == "" || strings.HasSuffix(text[:i], "\n") {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(t)
	return strings.ContainsRune(".:;", last)
}

// markerAt recognises a list marker starting at byte i, followed by white
// space or the end of the text.
func markerAt(text string, i int) (marker, bool) {
	n := len(text)
	followed := func(j int) bool {
		if j >= n {
			return true
		}
		r, _ := utf8.DecodeRuneInString(text[j:])
		return unicode.IsSpace(r)
	}
	c := text[i]
	switch {
	case c == '(' && i+2 < n:
		j := i + 1
		k := j
		for k < n && k-j < 2 && text[k] >= '0' && text[k] <= '9' {
			k++
		}
		if k > j && k < n && text[k] == ')' && followed(k+1) {
			return marker{start: i, end: k + 1, style: styleParenDigit, ord: atoiSmall(text[j:k])}, true
		}
		if text[j] >= 'a' && text[j] <= 'z' && text[j+1] == ')' && followed(j+2) {
			return marker{start: i, end: j + 2, style: styleParenAlpha, ord: int(text[j]-'a') + 1}, true
		}
	case c >= '0' && c <= '9':
		k := i
		for k < n && k-i < 2 && text[k] >= '0' && text[k] <= '9' {
			k++
		}
		if k < n && text[k] >= '0' && text[k] <= '9' {
			return marker{}, false
		}
		if k < n && text[k] == '.' && followed(k+1) {
			return marker{start: i, end: k + 1, style: styleDigitDot, ord: atoiSmall(text[i:k])}, true
		}
		if k+2 < n && text[k] == ' ' && text[k+1] >= 'A' && text[k+1] <= 'Z' {
			w := k + 1
			for w < n && text[w] != ' ' {
				w++
			}
			if !timeWords[strings.ToLower(text[k+1:w])] {
				return marker{start: i, end: k + 1, style: styleDigitDot, ord: atoiSmall(text[i:k]), bare: true}, true
			}
		}
		if k < n && text[k] == ')' {
			e := k + 1
			if e < n && text[e] == '.' {
				e++
			}
			if followed(e) {
				return marker{start: i, end: e, style: styleDigitParen, ord: atoiSmall(text[i:k])}, true
			}
		}
	case c >= 'a' && c <= 'z':
		if i+1 < n && (text[i+1] == '.' || text[i+1] == ')') && followed(i+2) {
			st := styleAlphaDot
			if text[i+1] == ')' {
				st = styleAlphaParen
			}
			return marker{start: i, end: i + 2, style: st, ord: int(c-'a') + 1}, true
		}
	case c == '-' || c == '*':
		if followed(i + 1) {
			return marker{start: i, end: i + 1, style: styleBullet, ord: 1}, true
		}
	default:
		r, sz := utf8.DecodeRuneInString(text[i:])
		if (r == '•' || r == '·' || r == '▪' || r == '●' || r == '–') && followed(i+sz) {
			return marker{start: i, end: i + sz, style: styleBullet, ord: 1}, true
		}
	}
	return marker{}, false
}

func atoiSmall(s string) int {
	v := 0
	for i := 0; i < len(s); i++ {
		v = v*10 + int(s[i]-'0')
	}
	return v
}

// listItems splits a component text into checklist items: the preamble (when
// there is one) followed by the top-level items, each with its sub-items kept
// inline. A text without list markers is one item.
func listItems(text string) []string {
	pre, items := splitOutline(text)
	out := make([]string, 0, len(items)+1)
	if pre != "" {
		out = append(out, pre)
	}
	for _, it := range items {
		if it.Full != "" {
			out = append(out, it.Full)
		}
	}
	return out
}
