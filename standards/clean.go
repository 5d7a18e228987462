package standards

import (
	"html"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	reMermaidFence = regexp.MustCompile("(?s)```\\s*mermaid.*?```")
	reEmphasis     = regexp.MustCompile(`\*{1,2}([^*\n]+?)\*{1,2}`)
	reBulletMarker = regexp.MustCompile(`^• (?:\(?[a-zA-Z0-9]{1,2}[.)]|•)\s`)
	reBulletBare   = regexp.MustCompile(`^• ([a-z]|\d{1,2}) (\p{Lu})`)
)

// cleanText turns a cell or block of document text (HTML fragments,
// markdown emphasis, entities) into plain text: one line per paragraph or
// list item, spaces collapsed, diagrams dropped. List items written as <li>
// without their own marker get a "• " bullet so the list survives.
func cleanText(raw string) string {
	if raw == "" {
		return ""
	}
	s := raw
	if strings.IndexByte(s, '<') >= 0 {
		s = stripTags(s)
	}
	if strings.Contains(s, "```") {
		s = reMermaidFence.ReplaceAllString(s, "\n")
	}
	if strings.ContainsRune(s, ')') {
		// "dipenuhi2) Kolektif": the export glued an item to the one before
		s = unglueMarkers(s)
	}
	if strings.ContainsRune(s, '&') {
		s = html.UnescapeString(s)
	}
	if strings.ContainsRune(s, '*') {
		s = reEmphasis.ReplaceAllString(s, "$1")
	}
	lines := strings.Split(s, "\n")
	out := lines[:0]
	for _, ln := range lines {
		ln = collapseSpaces(ln)
		if ln == "" || ln == "•" {
			continue
		}
		if strings.HasPrefix(ln, "• ") {
			if reBulletMarker.MatchString(ln + " ") {
				ln = strings.TrimPrefix(ln, "• ")
			} else if m := reBulletBare.FindStringSubmatchIndex(ln); m != nil {
				// "<li>a Nota dinas": a marker written without its dot
				ln = ln[m[2]:m[3]] + ". " + ln[m[4]:]
			}
		}
		out = append(out, ln)
	}
	return strings.Join(out, "\n")
}

// collapseSpaces trims s and folds every run of white space (tabs,
// no-break spaces included) into one space.
func collapseSpaces(s string) string {
	s = strings.Trim(s, " ")
	if !needsCollapse(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch r {
		case ' ', '\t', '\u00a0', '\u2007', '\u202f', '\r', '\f', '\v', '\u200b':
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// needsCollapse reports whether collapseSpaces would change s; most lines
// need nothing, and the free-text reader calls it on every line.
func needsCollapse(s string) bool {
	if s == "" {
		return false
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return true
	}
	prevSpace := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ':
			if prevSpace {
				return true
			}
			prevSpace = true
		case c == '\t' || c == '\r' || c == '\f' || c == '\v' || c >= 0x80:
			// tabs, and possibly a no-break or zero-width space
			if c < 0x80 || strings.ContainsAny(s[i:], "\u00a0\u2007\u202f\u200b") {
				return true
			}
			prevSpace = false
			if c >= 0x80 {
				return false
			}
		default:
			prevSpace = false
		}
	}
	return false
}

// oneLine is cleanText folded onto a single line.
func oneLine(raw string) string {
	return strings.ReplaceAll(cleanText(raw), "\n", " ")
}

var blockTags = map[string]bool{
	"p": true, "br": true, "div": true, "tr": true, "ol": true, "ul": true, "table": true,
	"tbody": true, "thead": true, "pre": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"h5": true, "h6": true, "blockquote": true, "hr": true,
}

var inlineTags = map[string]bool{"i": true, "em": true, "b": true, "strong": true, "span": true, "u": true}

var mermaidStarts = []string{"graph", "flowchart", "sequencediagram", "statediagram", "classdiagram", "gantt"}

// stripTags turns HTML into text in one pass: block tags become line breaks,
// <li> a bullet, cells spaces; a cell holding only a list number ("<td>1</td>")
// becomes the marker "1."; mermaid <pre> blocks are dropped; "<https://x>"
// autolinks keep their address. A "<" that opens no tag is kept as text.
func stripTags(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c != '<' {
			b.WriteByte(c)
			i++
			continue
		}
		j := i + 1
		closing := j < len(s) && s[j] == '/'
		if closing {
			j++
		}
		k := j
		for k < len(s) && (s[k] >= 'a' && s[k] <= 'z' || s[k] >= 'A' && s[k] <= 'Z' || s[k] >= '0' && s[k] <= '9' && k > j) {
			k++
		}
		window := s[i+1 : min(len(s), i+1+2000)] // a tag is never longer; keeps "<" without ">" linear
		end := strings.IndexByte(window, '>')
		if end < 0 {
			b.WriteByte(c)
			i++
			continue
		}
		end += i + 1
		if strings.IndexByte(s[i+1:end], '<') >= 0 {
			b.WriteByte(c)
			i++
			continue
		}
		name := strings.ToLower(s[j:k])
		if name == "" || (k < len(s) && s[k] != '>' && s[k] != ' ' && s[k] != '/' && s[k] != '\t' && s[k] != '\n') {
			inner := s[i+1 : end]
			if !closing && (strings.HasPrefix(inner, "http://") || strings.HasPrefix(inner, "https://") || strings.HasPrefix(inner, "www.")) {
				b.WriteByte(' ')
				b.WriteString(inner)
				b.WriteByte(' ')
				i = end + 1
				continue
			}
			b.WriteByte(c)
			i++
			continue
		}
		next := end + 1
		switch {
		case name == "pre" && !closing && isMermaid(s[next:]):
			if e := indexFold(s[next:], "</pre>"); e >= 0 {
				next += e + len("</pre>")
			} else {
				next = len(s)
			}
			b.WriteByte('\n')
		case name == "li" && !closing:
			b.WriteString("\n• ")
		case blockTags[name]:
			b.WriteByte('\n')
		case name == "td" || name == "th":
			if !closing {
				if m, n := markerCell(s[next:]); n > 0 {
					b.WriteString(" " + m + ". ")
					next += n
					break
				}
			}
			b.WriteByte(' ')
		case closing && inlineTags[name]:
			// "notebook</i>b) BAST": keep the glued item marker apart
			if t := s[next:]; len(t) >= 3 && t[0] >= 'a' && t[0] <= 'z' && t[1] == ')' && (t[2] == ' ' || t[2] == '\n') {
				b.WriteByte(' ')
			}
		}
		i = next
	}
	return b.String()
}

func isMermaid(s string) bool {
	t := strings.TrimLeft(s, " \t\n")
	t = strings.ToLower(t[:min(len(t), 20)])
	for _, m := range mermaidStarts {
		if strings.HasPrefix(t, m) {
			return true
		}
	}
	return false
}

// markerCell reads "1</td>" or " a. </td>" at the start of s.
func markerCell(s string) (string, int) {
	i := 0
	for i < len(s) && s[i] == ' ' {
		i++
	}
	st := i
	for i < len(s) && i-st < 2 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == st && i < len(s) && s[i] >= 'a' && s[i] <= 'z' {
		i++
	}
	if i == st || i-st > 2 {
		return "", 0
	}
	m := s[st:i]
	if i < len(s) && s[i] == '.' {
		i++
	}
	for i < len(s) && s[i] == ' ' {
		i++
	}
	if len(s)-i >= 5 && strings.EqualFold(s[i:i+5], "</td>") {
		return m, i + 5
	}
	return "", 0
}

// containsFold reports whether s contains the lower-case ASCII sub in any
// case, without the copy strings.ToLower would make of every cell.
func containsFold(s, sub string) bool {
	n := len(sub)
	if n == 0 {
		return true
	}
	c0, c1 := sub[0], sub[0]
	if c0 >= 'a' && c0 <= 'z' {
		c1 = c0 - 'a' + 'A'
	}
	for i := 0; i+n <= len(s); i++ {
		if (s[i] == c0 || s[i] == c1) && strings.EqualFold(s[i:i+n], sub) {
			return true
		}
	}
	return false
}

func indexFold(s, sub string) int {
	n := len(sub)
	for i := 0; i+n <= len(s); i++ {
		if strings.EqualFold(s[i:i+n], sub) {
			return i
		}
	}
	return -1
}

// unglueMarkers puts a space back between a word and an item marker the
// export glued to it ("dipenuhi2) Kolektif" -> "dipenuhi 2) Kolektif").
func unglueMarkers(s string) string {
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); i++ {
		if s[i] != ')' {
			continue
		}
		d := i
		for d > 0 && i-d < 2 && s[d-1] >= '0' && s[d-1] <= '9' {
			d--
		}
		if d == i || d == 0 {
			continue
		}
		prev, _ := utf8.DecodeLastRuneInString(s[:d])
		if !unicode.IsLower(prev) {
			continue
		}
		k := i + 1
		for k < len(s) && (s[k] == ' ' || s[k] == '\n') {
			k++
		}
		if k == i+1 || k >= len(s) {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(s[k:]); !unicode.IsUpper(r) {
			continue
		}
		b.WriteString(s[last:d])
		b.WriteByte(' ')
		last = d
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}
