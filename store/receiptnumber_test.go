package store_test

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"loket/store"
)

func TestNormalizeReceiptNumber(t *testing.T) {
	cases := []struct{ in, want string }{
		{"TT-KPPN019-2026-00001", "TT-KPPN019-2026-00001"},
		{"tt-kppn019-2026-00001\r\n", "TT-KPPN019-2026-00001"},
		{"  TT-KPPN019-2026-00001\t", "TT-KPPN019-2026-00001"},
		{"TT-KPPN019- 2026-00001", "TT-KPPN019-2026-00001"},
		{"KPPN019-01JD8X", "KPPN019-01JD8X"}, // an id keeps its case
		{"", ""},
	}
	for _, c := range cases {
		if got := store.NormalizeReceiptNumber(c.in); got != c.want {
			t.Errorf("NormalizeReceiptNumber(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// Whatever a scanner or a keyboard sends, the search key has no spaces or
// control characters and normalising it again changes nothing.
func FuzzNormalizeReceiptNumber(f *testing.F) {
	for _, s := range []string{"TT-KPPN019-2026-00001", "tt-x\n", "\x00\x1b[A", " \u00a0TT-1 ", "ǆ-TT", "tt-ǆ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := store.NormalizeReceiptNumber(s)
		if strings.IndexFunc(got, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0 {
			t.Fatalf("%q -> %q keeps a space or control character", s, got)
		}
		if utf8.ValidString(s) && store.NormalizeReceiptNumber(got) != got {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, got, store.NormalizeReceiptNumber(got))
		}
	})
}
