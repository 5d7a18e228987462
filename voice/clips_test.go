package voice

import (
	"bufio"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"loket/assets"
)

// quiet is the level below which a stretch of a clip counts as silence:
// 1% of full scale (-40 dBFS), far under speech in a waiting hall.
const quiet = 328

// embedded decodes the embedded clip name.
func embedded(t *testing.T, name string) (Format, []int16) {
	t.Helper()
	b, ok := assets.VoiceClip(name)
	if !ok {
		t.Fatalf("clip %s not embedded", name)
	}
	f, pcm, err := DecodeWAV(b)
	if err != nil {
		t.Fatalf("clip %s: %v", name, err)
	}
	return f, samples16(pcm)
}

func abs16(v int16) int {
	if v < 0 {
		return -int(v)
	}
	return int(v)
}

// leadingSilence is how long s stays below quiet before the first sound.
func leadingSilence(s []int16, rate int) time.Duration {
	i := slices.IndexFunc(s, func(v int16) bool { return abs16(v) >= quiet })
	if i < 0 {
		i = len(s)
	}
	return time.Duration(i) * time.Second / time.Duration(rate)
}

// longestQuiet is the longest run of samples below quiet in s.
func longestQuiet(s []int16, rate int) time.Duration {
	best, run := 0, 0
	for _, v := range s {
		if abs16(v) < quiet {
			run++
			best = max(best, run)
		} else {
			run = 0
		}
	}
	return time.Duration(best) * time.Second / time.Duration(rate)
}

// Every clip starts with its sound, not with dead air: a hall waits for
// the chime, and a pause inside a number ("dua ... belas") sounds like
// two numbers.
func TestClipsStartAtOnce(t *testing.T) {
	names := assets.VoiceClipNames()
	if len(names) != len(Clips()) {
		t.Errorf("%d clips embedded, %d used: %v", len(names), len(Clips()), names)
	}
	for _, name := range names {
		f, s := embedded(t, name)
		if d := leadingSilence(s, f.SampleRate); d >= 150*time.Millisecond {
			t.Errorf("clip %s starts with %v of silence, want under 150 ms", name, d)
		}
	}
}

// A rendered call starts at once with the chime, and the words follow the
// chime without a stretch of dead air (the issue heard 0.67 s).
func TestCallHasNoDeadAirBeforeTheWords(t *testing.T) {
	seq, err := CallSequence("A123", "2")
	if err != nil {
		t.Fatal(err)
	}
	wav, err := Render(seq, 1)
	if err != nil {
		t.Fatal(err)
	}
	f, pcm, err := DecodeWAV(wav)
	if err != nil {
		t.Fatal(err)
	}
	s := samples16(pcm)
	if d := leadingSilence(s, f.SampleRate); d >= 150*time.Millisecond {
		t.Errorf("the call starts with %v of silence, want under 150 ms", d)
	}
	// Up to the end of "nomor antrean": the chime, its gap and the phrase.
	_, chime := embedded(t, ClipChime)
	_, phrase := embedded(t, ClipNomorAntrean)
	end := len(chime) + int(gapChime*time.Duration(f.SampleRate)/time.Second) + len(phrase)
	if d := longestQuiet(s[:end], f.SampleRate); d > 300*time.Millisecond {
		t.Errorf("%v of silence between the chime and the words, want at most 300 ms", d)
	}
}

// envelope is the peak level of s in windows of w samples.
func envelope(s []int16, w int) []int {
	var env []int
	for i := 0; i < len(s); i += w {
		p := 0
		for _, v := range s[i:min(i+w, len(s))] {
			p = max(p, abs16(v))
		}
		env = append(env, p)
	}
	return env
}

// The chime rings like a bell: each of its two tones strikes at full
// strength and then only decays. Played backwards (the bug) it
// swells out of silence, which this test catches at the first window.
func TestChimeStrikesThenDecays(t *testing.T) {
	f, s := embedded(t, ClipChime)
	env := envelope(s, f.SampleRate/50) // 20 ms windows
	peak := slices.Max(env)
	if env[0] < peak*8/10 {
		t.Fatalf("the chime's first 20 ms peak at %d of %d: it swells instead of striking (envelope %v)", env[0], peak, env)
	}
	// Onsets are windows at least 50% louder than the one before; between
	// them the level may only fall (5% slack for the partials beating).
	var onsets []int
	for i := 1; i < len(env); i++ {
		switch {
		case env[i] > env[i-1]*3/2:
			onsets = append(onsets, i)
		case env[i] > env[i-1]*105/100:
			t.Errorf("the chime grows from %d to %d at %v (envelope %v)", env[i-1], env[i], time.Duration(i)*20*time.Millisecond, env)
		}
	}
	if len(onsets) != 1 {
		t.Fatalf("the chime has %d strikes after the first at windows %v, want the one dong (envelope %v)", len(onsets), onsets, env)
	}
	if at := time.Duration(onsets[0]) * 20 * time.Millisecond; at < 400*time.Millisecond || at > 500*time.Millisecond {
		t.Errorf("the dong strikes at %v, want 0.45 s after the ding", at)
	}
	if last := env[len(env)-1]; last > peak/10 {
		t.Errorf("the chime ends at %d of %d: it is cut off, not rung out", last, peak)
	}
	if d := time.Duration(len(s)) * time.Second / time.Duration(f.SampleRate); d > 1200*time.Millisecond {
		t.Errorf("the chime lasts %v: a tail of near silence delays the words", d)
	}
}

// clipRow is one line of assets/voice/clips.tsv.
type clipRow struct{ name, words, input, phonemes string }

func readClipTable(t *testing.T) []clipRow {
	t.Helper()
	f, err := os.Open("../assets/voice/clips.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []clipRow
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		c := strings.Split(line, "\t")
		if len(c) != 4 {
			t.Fatalf("clips.tsv: %q has %d tab-separated columns, want 4", line, len(c))
		}
		rows = append(rows, clipRow{c[0], c[1], c[2], c[3]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// espeakPhonemes is what espeak-ng's Indonesian voice says for text.
func espeakPhonemes(t *testing.T, text string) string {
	t.Helper()
	out, err := exec.Command("espeak-ng", "-v", "id", "-q", "-x", text).Output()
	if err != nil {
		t.Fatalf("espeak-ng %q: %v", text, err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

func needEspeak(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("espeak-ng"); err != nil {
		if requireTools {
			t.Fatalf("espeak-ng is needed to check the pronunciation (make deps-test installs it): %v", err)
		}
		t.Skipf("espeak-ng not installed (make deps-test installs it): %v", err)
	}
}

// Every clip is generated from input that espeak-ng pronounces as the
// table says, and an override in [[phonemes]] is kept only where espeak-ng's
// own reading of the words is wrong (belas: b'Elas, the e is a schwa).
func TestClipPronunciation(t *testing.T) {
	needEspeak(t)
	rows := readClipTable(t)
	var names []string
	for _, r := range rows {
		names = append(names, r.name)
		t.Run(r.name, func(t *testing.T) {
			plain := espeakPhonemes(t, r.words)
			if r.input == "=" {
				if plain != r.phonemes {
					t.Errorf("espeak-ng says %q as %s, want %s: give it phonemes in [[...]]", r.words, plain, r.phonemes)
				}
				return
			}
			if got := espeakPhonemes(t, r.input); got != r.phonemes {
				t.Errorf("input %s gives %s, want %s", r.input, got, r.phonemes)
			}
			if plain == r.phonemes {
				t.Errorf("espeak-ng says %q right by itself (%s): drop the override", r.words, plain)
			}
		})
	}
	want := Clips()
	slices.Sort(want)
	want = slices.DeleteFunc(want, func(n string) bool { return n == ClipChime })
	slices.Sort(names)
	if !slices.Equal(names, want) {
		t.Errorf("clips.tsv has %v, the voice uses %v", names, want)
	}
}

// Indonesian number words have no e but the schwa (empat, enam, delapan,
// sembilan, sepuluh, sebelas, dua belas, seratus, seribu): every e spelled
// in a number from 0 to 999 must be said [@], and no [e] or [E] may appear.
// The phonemes are the table's, which TestClipPronunciation ties to what
// espeak-ng really says for each clip's input.
func TestNumberWordsSaySchwa(t *testing.T) {
	rows := readClipTable(t)
	ph := map[string]clipRow{}
	for _, r := range rows {
		ph[r.name] = r
	}
	for n := 0; n <= 999; n++ {
		var words, phon []string
		for _, w := range Words(n) {
			r, ok := ph[w]
			if !ok {
				t.Fatalf("%d: clip %s is not in clips.tsv", n, w)
			}
			words = append(words, r.words)
			phon = append(phon, r.phonemes)
		}
		ws, ps := strings.Join(words, " "), strings.Join(phon, " ")
		if strings.ContainsAny(ps, "eE") || strings.Count(ws, "e") != strings.Count(ps, "@") {
			t.Errorf("%d (%s) is said %s: every e should be the schwa @", n, ws, ps)
		}
	}
	// The phrases: "ke" has the schwa, "loket" the open e.
	if got := ph[ClipSilakanKeLoket].phonemes; got != "sil'akan k@ l'okEt" {
		t.Errorf("silakan ke loket is said %s", got)
	}
}
