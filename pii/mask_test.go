package pii

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestMask(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"081312345432", "0813****5432"},
		{"+6281234565432", "+628******5432"},
		{"3171012345670001", "3171********0001"},
		{"198501012010012003", "1985**********2003"},
		{"siti.aminah@kemenkeu.go.id", "si*********@kemenkeu.go.id"},
		{"a@b.id", "*@b.id"},
		{"12345", "***45"},
		{"", ""},
		{"  0813 ", "**13"},
	} {
		t.Run(c.in, func(t *testing.T) {
			if got := Mask(c.in); got != c.want {
				t.Errorf("Mask(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

// FuzzMask: the mask never shows more than eight characters of the value,
// keeps its length (in runes) and never panics.
func FuzzMask(f *testing.F) {
	for _, s := range []string{"081312345432", "a@b", "@", "ééééééééééé", "x@"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		got := Mask(s)
		in := strings.TrimSpace(s)
		if utf8.RuneCountInString(got) != utf8.RuneCountInString(in) {
			t.Fatalf("Mask(%q) = %q changes the length", s, got)
		}
		// Positions kept as typed (a masked position is always '*').
		shown, gr, ir := 0, []rune(got), []rune(in)
		for i := range gr {
			if gr[i] != '*' {
				if gr[i] != ir[i] {
					t.Fatalf("Mask(%q) = %q changes position %d", s, got, i)
				}
				shown++
			}
		}
		local, _, isMail := strings.Cut(in, "@")
		limit := 8
		if isMail {
			limit = utf8.RuneCountInString(in) - utf8.RuneCountInString(local) + 2
		}
		if shown > limit {
			t.Fatalf("Mask(%q) = %q shows %d characters", s, got, shown)
		}
	})
}
