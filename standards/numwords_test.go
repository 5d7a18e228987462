package standards

import "testing"

func TestParseNumberWords(t *testing.T) {
	tests := []struct {
		in   string
		want int
		ok   bool
	}{
		{"nol", 0, true},
		{"satu", 1, true},
		{"sembilan", 9, true},
		{"sepuluh", 10, true},
		{"sebelas", 11, true},
		{"dua belas", 12, true},
		{"sembilan belas", 19, true},
		{"dua puluh", 20, true},
		{"tiga puluh", 30, true},
		{"empat puluh delapan", 48, true},
		{"Lima Belas", 15, true},
		{"seratus", 100, true},
		{"seratus dua puluh", 120, true},
		{"dua ratus lima", 205, true},
		{"sembilan ratus sembilan puluh sembilan", 999, true},
		{"seribu", 1000, true},
		{"seribu dua ratus", 1200, true},
		{"dua ribu dua puluh enam", 2026, true},
		{"seratus ribu", 100000, true},
		{"satu juta", 1000000, true},
		{"sejuta lima ratus ribu", 1500000, true},
		{"tiga miliar", 3000000000, true},
		{"  enam   puluh  ", 60, true},
		{"", 0, false},
		{"hari", 0, false},
		{"dua dua", 0, false},
		{"puluh", 0, false},
		{"belas", 0, false},
		{"sepuluh sepuluh", 0, false},
		{"dua ribu tiga ribu", 0, false},
		{"30", 0, false},
		{"tiga puluh hari", 0, false},
		{"ribu", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := ParseNumberWords(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("ParseNumberWords(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func FuzzParseNumberWords(f *testing.F) {
	for _, s := range []string{"tiga puluh", "seratus dua puluh", "sebelas", "dua ribu dua puluh enam", "sejuta", "nol", "x", "satu ratus ribu juta", "dua belas puluh"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := ParseNumberWords(s)
		if !ok && n != 0 {
			t.Fatalf("%q: %d with ok=false", s, n)
		}
		if ok && n < 0 {
			t.Fatalf("%q: negative %d", s, n)
		}
	})
}
