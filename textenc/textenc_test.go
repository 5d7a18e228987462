package textenc

import (
	"testing"
	"unicode/utf8"
)

func TestDecode(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want string
		enc  Encoding
	}{
		{"utf8", []byte("kode;nama\n012345;Satker – Pusat ±\n"), "kode;nama\n012345;Satker – Pusat ±\n", UTF8},
		{"utf8 bom", []byte("\xEF\xBB\xBFkode;nama"), "kode;nama", UTF8BOM},
		{"utf16 le", []byte{0xFF, 0xFE, 'k', 0, 0x13, 0x20, '1', 0}, "k–1", UTF16LE},
		{"utf16 be", []byte{0xFE, 0xFF, 0, 'k', 0x20, 0x13, 0, '1'}, "k–1", UTF16BE},
		// Excel on Windows: en dash 0x96, plus-minus 0xB1, e-acute 0xE9.
		{"windows-1252", []byte("1 \x96 2 hari; \xB1 45 menit; caf\xE9"), "1 – 2 hari; ± 45 menit; café", Windows1252},
		{"empty", nil, "", UTF8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, enc := Decode(tt.in)
			if got != tt.want || enc != tt.enc {
				t.Errorf("Decode = %q, %s; want %q, %s", got, enc, tt.want, tt.enc)
			}
		})
	}
}

func TestClean(t *testing.T) {
	tests := []struct{ in, want string }{
		{"biasa saja", "biasa saja"},
		{"baris\nbaru\tdan\r\n", "baris\nbaru\tdan\r\n"},
		{"ada\x00NUL", "adaNUL"},
		{"bel\x07 dan esc\x1b[0m", "bel dan esc[0m"},
		{"del\x7f", "del"},
		{"c1 \u0085 \u009f", "c1  "},
		{"rusak \xff\xfe byte", "rusak \uFFFD\uFFFD byte"},
		{"émoji 🙂 tetap", "émoji 🙂 tetap"},
	}
	for _, tt := range tests {
		if got := Clean(tt.in); got != tt.want {
			t.Errorf("Clean(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if !Valid(Clean(tt.in)) {
			t.Errorf("Clean(%q) is not Valid", tt.in)
		}
	}
	if s := "sudah bersih"; Valid(s) != true {
		t.Error("Valid of clean text")
	}
}

func FuzzClean(f *testing.F) {
	for _, s := range []string{"", "a\x00b", "\xff", "é\u0085", "\r\n\t"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := Clean(s)
		if !utf8.ValidString(c) || Clean(c) != c {
			t.Fatalf("Clean(%q) = %q: not valid or not idempotent", s, c)
		}
		for _, r := range c {
			if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r >= 0x7f && r <= 0x9f {
				t.Fatalf("Clean(%q) kept control %U", s, r)
			}
		}
	})
}

func FuzzDecode(f *testing.F) {
	for _, b := range [][]byte{nil, {0xFF, 0xFE, 'a'}, {0xFE, 0xFF}, []byte("\x96\xB1"), []byte("\xEF\xBB\xBF\xff")} {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if s, _ := Decode(b); !utf8.ValidString(s) {
			t.Fatalf("Decode(%q) = %q: not UTF-8", b, s)
		}
	})
}
