package standards

import (
	"html"
	"regexp"
	"strings"
)

var (
	reEmail    = regexp.MustCompile(`^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}`)
	reURL      = regexp.MustCompile(`(?i)\b(?:https?://[^\s<>"'()]+|www\.[a-z0-9\-]+(?:\.[a-z0-9\-]+)+[^\s<>"'()]*)`)
	reHref     = regexp.MustCompile(`(?i)href\s*=\s*"([^"]*)"`)
	rePhoneNum = regexp.MustCompile(`\+62[ .\-]?\d{2,3}(?:[ .\-]?\d{2,4}){2,4}|\(0\d{1,3}\)\s?\d{3,8}(?:-\d{1,4})?|\b08\d{1,2}(?:[ .\-]?\d{3,4}){2,3}\b|\b0\d{2,3}[ .\-]\d{5,8}\b`)
	rePhoneKey = regexp.MustCompile(`(?i)\b(?:telepon|telp\.?|tel\.?|call cent(?:er|re)|hotline|contact center|whatsapp|wa|sms)\s*:?\s*(\d{3,6})\b`)
)

// extractChannels finds the phone numbers, e-mail addresses and web
// addresses of a Penanganan Pengaduan component (raw text, so link targets
// inside href attributes count too).
func extractChannels(raw string) Channels {
	c := Channels{Phones: []string{}, Emails: []string{}, URLs: []string{}}
	if raw == "" {
		return c
	}
	var hrefs []string
	for _, m := range reHref.FindAllStringSubmatch(raw, -1) {
		hrefs = append(hrefs, html.UnescapeString(m[1]))
	}
	text := oneLine(raw) + " " + strings.Join(hrefs, " ")
	seen := map[string]bool{}
	add := func(list *[]string, v string) {
		key := strings.ToLower(v)
		if v == "" || seen[key] {
			return
		}
		seen[key] = true
		*list = append(*list, v)
	}
	for _, e := range findEmails(text) {
		add(&c.Emails, strings.TrimRight(e, "."))
	}
	for _, u := range reURL.FindAllString(text, -1) {
		u = strings.TrimRight(u, ".,;:")
		if strings.HasPrefix(strings.ToLower(u), "mailto:") || strings.Contains(u, "@") {
			continue
		}
		// "www.x" and "https://www.x/" are the same channel
		k := strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(strings.ToLower(u), "https://"), "http://"), "/")
		if seen["url:"+k] {
			continue
		}
		seen["url:"+k] = true
		add(&c.URLs, u)
	}
	// strip what was already read as e-mail or URL so its digits are not
	// mistaken for phone numbers
	rest := text
	for _, e := range c.Emails {
		rest = strings.ReplaceAll(rest, e, " ")
	}
	rest = reURL.ReplaceAllString(rest, " ")
	for _, p := range rePhoneNum.FindAllString(rest, -1) {
		add(&c.Phones, strings.TrimSpace(p))
	}
	for _, m := range rePhoneKey.FindAllStringSubmatch(rest, -1) {
		dup := false
		for _, p := range c.Phones {
			if strings.Contains(p, m[1]) {
				dup = true
				break
			}
		}
		if !dup {
			add(&c.Phones, m[1])
		}
	}
	return c
}

func emailLocal(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("._%+-", c) >= 0
}

// findEmails finds e-mail addresses around each "@" (a regular expression
// that starts with a broad class is slow on long texts).
func findEmails(text string) []string {
	var out []string
	for i := 0; i < len(text); i++ {
		if text[i] != '@' {
			continue
		}
		st := i
		for st > 0 && emailLocal(text[st-1]) {
			st--
		}
		for st < i && (text[st] == '.' || text[st] == '-') {
			st++
		}
		if st == i {
			continue
		}
		if m := reEmail.FindString(text[st:min(len(text), i+256)]); m != "" {
			out = append(out, m)
			i = st + len(m) - 1
		}
	}
	return out
}
