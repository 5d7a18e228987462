// Package pii holds the one masking rule for personal identifiers shown in
// lists (UU 27/2022 minimisation): a list shows enough of a phone number,
// NIK/NIP or email to tell people apart, never the whole value. Forms that
// edit a record, the receipt the person takes home and the subject's own
// export show it whole.
package pii

import (
	"strings"
	"unicode/utf8"
)

// Mask hides the middle of a phone number, NIK/NIP or email address:
// "081234565432" → "0812****5432", "3171012345670001" → "3171********0001",
// "siti.aminah@kemenkeu.go.id" → "si*********@kemenkeu.go.id". Values of
// eight characters or fewer keep only their last two. Empty stays empty.
func Mask(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if local, domain, ok := strings.Cut(s, "@"); ok {
		n := utf8.RuneCountInString(local)
		keep := min(2, n-1)
		if keep < 0 {
			keep = 0
		}
		r := []rune(local)
		return string(r[:keep]) + strings.Repeat("*", n-keep) + "@" + domain
	}
	r := []rune(s)
	n := len(r)
	if n <= 8 {
		keep := min(2, n)
		return strings.Repeat("*", n-keep) + string(r[n-keep:])
	}
	return string(r[:4]) + strings.Repeat("*", n-8) + string(r[n-4:])
}
