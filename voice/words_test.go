package voice

import (
	"slices"
	"strings"
	"testing"

	"loket/assets"
)

func TestWords(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{
		{0, "nol"},
		{7, "tujuh"},
		{10, "sepuluh"},
		{11, "sebelas"},
		{12, "dua belas"},
		{19, "sembilan belas"},
		{20, "dua puluh"},
		{21, "dua puluh satu"},
		{99, "sembilan puluh sembilan"},
		{100, "seratus"},
		{101, "seratus satu"},
		{110, "seratus sepuluh"},
		{111, "seratus sebelas"},
		{115, "seratus lima belas"},
		{123, "seratus dua puluh tiga"},
		{200, "dua ratus"},
		{999, "sembilan ratus sembilan puluh sembilan"},
		{1000, "seribu"},
		{1001, "seribu satu"},
		{1011, "seribu sebelas"},
		{1100, "seribu seratus"},
		{2020, "dua ribu dua puluh"},
		{3405, "tiga ribu empat ratus lima"},
		{9999, "sembilan ribu sembilan ratus sembilan puluh sembilan"},
	}
	for _, tt := range tests {
		if got := strings.Join(Words(tt.n), " "); got != tt.want {
			t.Errorf("Words(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestWordsOutOfRange(t *testing.T) {
	for _, n := range []int{-1, 10000, 1 << 40} {
		if got := Words(n); got != nil {
			t.Errorf("Words(%d) = %v, want nil", n, got)
		}
	}
}

// Every number must be said with known clips only, never "nol" inside a
// longer number, and never two identical clips in a row.
func TestWordsAllNumbersUseKnownClips(t *testing.T) {
	known := make(map[string]bool)
	for _, c := range Clips() {
		known[c] = true
	}
	for n := 0; n <= MaxNumber; n++ {
		w := Words(n)
		if len(w) == 0 || len(w) > 7 {
			t.Fatalf("Words(%d) = %v", n, w)
		}
		for i, c := range w {
			if !known[c] {
				t.Fatalf("Words(%d) uses unknown clip %q", n, c)
			}
			if c == "nol" && n != 0 {
				t.Fatalf("Words(%d) = %v says nol", n, w)
			}
			if i > 0 && w[i-1] == c {
				t.Fatalf("Words(%d) = %v repeats %q", n, w, c)
			}
		}
	}
}

func TestCallSequence(t *testing.T) {
	tests := []struct {
		ticket, counter string
		want            string
	}{
		{"A123", "2", "chime nomor_antrean a seratus dua puluh tiga silakan_ke_loket dua"},
		{"B007", "1", "chime nomor_antrean b tujuh silakan_ke_loket satu"},
		{"c000", "10", "chime nomor_antrean c nol silakan_ke_loket sepuluh"},
		{" A-012 ", "03", "chime nomor_antrean a dua belas silakan_ke_loket tiga"},
		{"PR2020", "3A", "chime nomor_antrean p r dua ribu dua puluh silakan_ke_loket tiga a"},
		{"Z9999", "11", "chime nomor_antrean z sembilan ribu sembilan ratus sembilan puluh sembilan silakan_ke_loket sebelas"},
		{"Q1", "Loket 4", "chime nomor_antrean q satu silakan_ke_loket empat"},
		{"Q1", "loket-2B", "chime nomor_antrean q satu silakan_ke_loket dua b"},
		{"123", "2", "chime nomor_antrean seratus dua puluh tiga silakan_ke_loket dua"},
		{"X00012", "2", "chime nomor_antrean x dua belas silakan_ke_loket dua"},
	}
	for _, tt := range tests {
		t.Run(tt.ticket+"@"+tt.counter, func(t *testing.T) {
			got, err := CallSequence(tt.ticket, tt.counter)
			if err != nil {
				t.Fatal(err)
			}
			if s := strings.Join(got, " "); s != tt.want {
				t.Errorf("got  %s\nwant %s", s, tt.want)
			}
		})
	}
}

func TestCallSequenceErrors(t *testing.T) {
	tests := []struct{ ticket, counter, wantErr string }{
		{"", "1", "ticket"},
		{"A123", "", "counter"},
		{"A10000", "1", "above 9999"},
		{"A123", "-", "nothing to say"},
		{"A123", "Loket", "nothing to say"},
		{"A12#", "1", "cannot say"},
		{"É12", "1", `'É'`},
		{"A1", "Loket Prioritas!", "cannot say"},
	}
	for _, tt := range tests {
		_, err := CallSequence(tt.ticket, tt.counter)
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("CallSequence(%q, %q) error = %v, want it to mention %q", tt.ticket, tt.counter, err, tt.wantErr)
		}
		if err != nil && strings.Count(err.Error(), "voice:") != 1 {
			t.Errorf("error %q repeats its prefix", err)
		}
	}
}

// The embedded clip set and the clips the code asks for must agree exactly:
// a missing clip breaks calls, an extra one is dead weight in the binary.
func TestClipsEmbedded(t *testing.T) {
	want := Clips()
	slices.Sort(want)
	if got := assets.VoiceClipNames(); !slices.Equal(got, want) {
		t.Errorf("embedded clips %v\nwant %v", got, want)
	}
	total := 0
	for _, name := range want {
		b, ok := assets.VoiceClip(name)
		if !ok {
			t.Fatalf("clip %q not embedded", name)
		}
		total += len(b)
	}
	if total > 2<<20 {
		t.Errorf("clips weigh %d bytes, budget is 2 MiB", total)
	}
}

func FuzzSpell(f *testing.F) {
	for _, s := range []string{"A123", "B007", "3A", "Loket 4", "", "9999", "10000", "é"} {
		f.Add(s)
	}
	known := make(map[string]bool)
	for _, c := range Clips() {
		known[c] = true
	}
	f.Fuzz(func(t *testing.T, s string) {
		w, err := Spell(s)
		if err != nil {
			return
		}
		if len(w) == 0 {
			t.Fatalf("Spell(%q) = no clips and no error", s)
		}
		for _, c := range w {
			if !known[c] {
				t.Fatalf("Spell(%q) uses unknown clip %q", s, c)
			}
		}
	})
}
