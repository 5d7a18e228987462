package standards

import (
	"html"
	"regexp"
	"strings"
)

var (
	reAutolink     = regexp.MustCompile(`<((?:https?://|www\.)[^<>\s]+)>`)
	reMermaidFence = regexp.MustCompile("(?s)```\\s*mermaid.*?```")
	reMermaidPre   = regexp.MustCompile(`(?is)<pre[^>]*>\s*(?:graph|flowchart|sequenceDiagram|stateDiagram|classDiagram|gantt)\b.*?</pre>`)
	reMarkerCell   = regexp.MustCompile(`(?i)<td[^>]*>\s*(\d{1,2}|[a-z])\.?\s*</td>`)
	reBlockTag     = regexp.MustCompile(`(?i)</?(?:p|br|div|tr|ol|ul|table|tbody|thead|pre|h[1-6]|blockquote)(?:\s[^<>]*)?/?>`)
	reCellTag      = regexp.MustCompile(`(?i)</?t[dh](?:\s[^<>]*)?>`)
	reLiTag        = regexp.MustCompile(`(?i)<li(?:\s[^<>]*)?>`)
	reAnyTag       = regexp.MustCompile(`</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>`)
	reEmphasis     = regexp.MustCompile(`\*{1,2}([^*\n]+?)\*{1,2}`)
	reBulletMarker = regexp.MustCompile(`^• (?:\(?[a-zA-Z0-9]{1,2}[.)]|•)\s`)
	reBulletBare   = regexp.MustCompile(`^• ([a-z]|\d{1,2}) (\p{Lu})`)
	reGluedMarker  = regexp.MustCompile(`(\p{Ll})(\d{1,2}\)\s+\p{Lu})`)
	reGluedAfterI  = regexp.MustCompile(`(?i)(</(?:i|em|b|strong|span)>)([a-z]\)\s)`)
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
	if strings.ContainsRune(s, '<') {
		s = reAutolink.ReplaceAllString(s, " $1 ")
		s = reGluedAfterI.ReplaceAllString(s, "$1 $2")
		s = reMermaidPre.ReplaceAllString(s, "\n")
		s = reMarkerCell.ReplaceAllString(s, " $1. ")
		s = reLiTag.ReplaceAllString(s, "\n• ")
		s = reBlockTag.ReplaceAllString(s, "\n")
		s = reCellTag.ReplaceAllString(s, " ")
		s = reAnyTag.ReplaceAllString(s, "")
	}
	if strings.Contains(s, "```") {
		s = reMermaidFence.ReplaceAllString(s, "\n")
	}
	if strings.ContainsRune(s, ')') {
		// "dipenuhi2) Kolektif": the export glued an item to the one before
		s = reGluedMarker.ReplaceAllString(s, "$1 $2")
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

// oneLine is cleanText folded onto a single line.
func oneLine(raw string) string {
	return strings.ReplaceAll(cleanText(raw), "\n", " ")
}
