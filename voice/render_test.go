package voice

import (
	"math"
	"os"
	"strings"
	"testing"
	"time"
)

func rms(pcm []byte) float64 {
	var sum float64
	s := samples16(pcm)
	for _, v := range s {
		sum += float64(v) * float64(v)
	}
	return math.Sqrt(sum/float64(len(s))) / 32768
}

// TestRenderAnnouncement renders a real call from the embedded clips and
// checks it by its header and samples, the nearest a test gets to listening.
// Set LOKET_ANNOUNCE_WAV=/tmp/announce.wav to keep the file for your ears.
func TestRenderAnnouncement(t *testing.T) {
	seq, err := CallSequence("A123", "2")
	if err != nil {
		t.Fatal(err)
	}
	wav, err := Render(seq, 1)
	if err != nil {
		t.Fatal(err)
	}
	if out := os.Getenv("LOKET_ANNOUNCE_WAV"); out != "" {
		if err := os.WriteFile(out, wav, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, pcm, err := DecodeWAV(wav)
	if err != nil {
		t.Fatal(err)
	}
	if want := (Format{Channels: 1, SampleRate: 22050, BitsPerSample: 16}); f != want {
		t.Errorf("format %v, want %v", f, want)
	}
	d, _ := Duration(wav)
	if d < 2*time.Second || d > 10*time.Second {
		t.Errorf("announcement lasts %v, want 2s..10s", d)
	}
	if r := rms(pcm); r < 0.03 {
		t.Errorf("announcement RMS %.4f: too quiet", r)
	}
	t.Logf("A123 at loket 2: %v, RMS %.3f, %d bytes", d, rms(pcm), len(wav))

	// Half volume halves the energy's square root, give or take rounding.
	half, err := Render(seq, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	_, hpcm, _ := DecodeWAV(half)
	if r, h := rms(pcm), rms(hpcm); math.Abs(h-r/2) > 0.001 {
		t.Errorf("volume 0.5: RMS %.4f, want %.4f", h, r/2)
	}
}

// Each embedded clip must have sound in it and a sane length, so a broken
// generate.sh run (empty text, over-eager silence trim) cannot slip in.
func TestClipsAudible(t *testing.T) {
	for _, name := range Clips() {
		wav, err := Render([]string{name}, 1)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		_, pcm, _ := DecodeWAV(wav)
		d, _ := Duration(wav)
		d -= tailSilence
		if d < 150*time.Millisecond || d > 2*time.Second {
			t.Errorf("clip %s lasts %v", name, d)
		}
		if r := rms(pcm); r < 0.05 {
			t.Errorf("clip %s RMS %.4f: too quiet", name, r)
		}
	}
}

func testRenderer(clips map[string][]byte) *Renderer {
	return NewRenderer(func(name string) ([]byte, bool) {
		b, ok := clips[name]
		return b, ok
	})
}

func TestRenderJoinsWithGaps(t *testing.T) {
	mono := Format{Channels: 1, SampleRate: 1000, BitsPerSample: 16}
	r := testRenderer(map[string][]byte{
		"chime": EncodeWAV(mono, pcm16(9, 9)),
		"dua":   EncodeWAV(mono, pcm16(2)),
		"puluh": riff(chunk("fmt ", fmtBody(1, 1, 1000, 16)), chunk("LIST", []byte("x")), chunk("data", pcm16(3, 4))),
	})
	wav, err := r.Render([]string{"chime", "dua", "puluh"}, 1)
	if err != nil {
		t.Fatal(err)
	}
	_, pcm, err := DecodeWAV(wav)
	if err != nil {
		t.Fatal(err)
	}
	got := samples16(pcm)
	at := func(d time.Duration) int { return int(d / time.Millisecond) } // 1 sample per ms
	want := make([]int16, 2+at(gapChime)+1+at(gapWord)+2+at(tailSilence))
	want[0], want[1] = 9, 9
	i := 2 + at(gapChime)
	want[i] = 2
	i += 1 + at(gapWord)
	want[i], want[i+1] = 3, 4
	if len(got) != len(want) {
		t.Fatalf("%d samples, want %d", len(got), len(want))
	}
	for k := range want {
		if got[k] != want[k] {
			t.Fatalf("sample %d = %d, want %d", k, got[k], want[k])
		}
	}
}

func TestRenderVolumeClips(t *testing.T) {
	mono := Format{Channels: 1, SampleRate: 1000, BitsPerSample: 16}
	r := testRenderer(map[string][]byte{"x": EncodeWAV(mono, pcm16(1000, -1000, 20000, -20000, 32767, -32768, 3))})
	tests := []struct {
		volume float64
		want   []int16
	}{
		{1, []int16{1000, -1000, 20000, -20000, 32767, -32768, 3}},
		{0.5, []int16{500, -500, 10000, -10000, 16384, -16384, 2}},
		{0, []int16{0, 0, 0, 0, 0, 0, 0}},
		{2, []int16{2000, -2000, 32767, -32768, 32767, -32768, 6}},
	}
	for _, tt := range tests {
		wav, err := r.Render([]string{"x"}, tt.volume)
		if err != nil {
			t.Fatal(err)
		}
		_, pcm, _ := DecodeWAV(wav)
		got := samples16(pcm)[:len(tt.want)]
		for i := range tt.want {
			if got[i] != tt.want[i] {
				t.Errorf("volume %v: samples %v, want %v", tt.volume, got, tt.want)
				break
			}
		}
	}
}

func TestRenderErrors(t *testing.T) {
	r := testRenderer(map[string][]byte{
		"a":      EncodeWAV(Format{Channels: 1, SampleRate: 22050, BitsPerSample: 16}, pcm16(1)),
		"fast":   EncodeWAV(Format{Channels: 1, SampleRate: 44100, BitsPerSample: 16}, pcm16(1)),
		"stereo": EncodeWAV(Format{Channels: 2, SampleRate: 22050, BitsPerSample: 16}, pcm16(1, 1)),
		"junk":   []byte("not a wav at all, not even close"),
	})
	tests := []struct {
		seq     []string
		volume  float64
		wantErr string
	}{
		{nil, 1, "empty"},
		{[]string{"a", "fast"}, 1, "44100 Hz"},
		{[]string{"a", "stereo"}, 1, "2 ch"},
		{[]string{"a", "missing"}, 1, `no clip "missing"`},
		{[]string{"junk"}, 1, "bad WAV"},
		{[]string{"a"}, -0.1, "volume"},
		{[]string{"a"}, math.NaN(), "volume"},
		{[]string{"a"}, math.Inf(1), "volume"},
	}
	for _, tt := range tests {
		if _, err := r.Render(tt.seq, tt.volume); err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("Render(%v, %v) error = %v, want it to mention %q", tt.seq, tt.volume, err, tt.wantErr)
		}
	}
}
