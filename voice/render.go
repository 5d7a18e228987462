package voice

import (
	"encoding/binary"
	"fmt"
	"math"
	"sync"
	"time"

	"loket/assets"
)

// Pauses between clips. The number pieces are separate recordings, so they
// sit close together to sound like one word group; the phrases get more air
// so a listener in a noisy hall can catch the ticket and the counter apart.
const (
	gapWord   = 45 * time.Millisecond  // between the pieces of a number, or letters
	gapGroup  = 110 * time.Millisecond // letter to number, "nomor antrean" to ticket
	gapPhrase = 280 * time.Millisecond // before "silakan ke loket"
	gapChime  = 180 * time.Millisecond // after the chime, whose ring already fades out
	// Nothing is put before the first clip: a call starts with the chime.
	tailSilence = 150 * time.Millisecond // some players clip the last few ms
)

// A Renderer joins named WAV clips into one announcement. It decodes each
// clip once and is safe for concurrent use.
type Renderer struct {
	lookup func(name string) ([]byte, bool)

	mu    sync.Mutex
	cache map[string]clip
}

type clip struct {
	f   Format
	pcm []byte
}

// NewRenderer returns a Renderer that reads clips through lookup, which
// returns a clip's WAV bytes by name. Tests use it with synthetic clips;
// production code uses the package-level Render over the embedded clips.
func NewRenderer(lookup func(name string) ([]byte, bool)) *Renderer {
	return &Renderer{lookup: lookup, cache: make(map[string]clip)}
}

var defaultRenderer = NewRenderer(assets.VoiceClip)

// Render joins the embedded clips named in seq (see CallSequence) into one
// WAV with short pauses between them, scaled by volume.
func Render(seq []string, volume float64) ([]byte, error) {
	return defaultRenderer.Render(seq, volume)
}

func (r *Renderer) clip(name string) (clip, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if c, ok := r.cache[name]; ok {
		return c, nil
	}
	b, ok := r.lookup(name)
	if !ok {
		return clip{}, fmt.Errorf("voice: no clip %q", name)
	}
	f, pcm, err := DecodeWAV(b)
	if err != nil {
		return clip{}, fmt.Errorf("voice: clip %q: %w", name, err)
	}
	c := clip{f, pcm}
	r.cache[name] = c
	return c, nil
}

// Render joins the clips named in seq into one WAV. Every clip must have
// the same format, otherwise Render fails rather than play chipmunk speech.
// Samples are multiplied by volume (0 is silence, 1 leaves the clips as
// recorded; above 1 amplifies and saturates at full scale instead of
// wrapping around). A negative or non-finite volume is an error.
func (r *Renderer) Render(seq []string, volume float64) ([]byte, error) {
	if len(seq) == 0 {
		return nil, fmt.Errorf("voice: render: empty sequence")
	}
	if volume < 0 || math.IsNaN(volume) || math.IsInf(volume, 0) {
		return nil, fmt.Errorf("voice: render: volume %v out of range", volume)
	}
	clips := make([]clip, len(seq))
	size := 0
	for i, name := range seq {
		c, err := r.clip(name)
		if err != nil {
			return nil, err
		}
		if i > 0 && c.f != clips[0].f {
			return nil, fmt.Errorf("voice: render: clip %q is %v, clip %q is %v", name, c.f, seq[0], clips[0].f)
		}
		clips[i] = c
		size += len(c.pcm)
	}
	f := clips[0].f
	silence := func(d time.Duration) int {
		return int(d*time.Duration(f.SampleRate)/time.Second) * f.blockAlign()
	}
	pcm := make([]byte, 0, size+len(seq)*silence(gapChime)+silence(tailSilence))
	for i, c := range clips {
		if i > 0 {
			pcm = append(pcm, make([]byte, silence(gapBetween(seq[i-1], seq[i])))...)
		}
		pcm = append(pcm, c.pcm...)
	}
	pcm = append(pcm, make([]byte, silence(tailSilence))...)
	scale(pcm, volume)
	return EncodeWAV(f, pcm), nil
}

// Silence returns a WAV of d of silence in the format of the clip named
// like, so a player that takes the clips takes it too.
func (r *Renderer) Silence(like string, d time.Duration) ([]byte, error) {
	c, err := r.clip(like)
	if err != nil {
		return nil, err
	}
	n := int(d*time.Duration(c.f.SampleRate)/time.Second) * c.f.blockAlign()
	return EncodeWAV(c.f, make([]byte, n)), nil
}

func gapBetween(prev, next string) time.Duration {
	switch {
	case prev == ClipChime:
		return gapChime
	case next == ClipSilakanKeLoket:
		return gapPhrase
	case prev == ClipNomorAntrean || prev == ClipSilakanKeLoket:
		return gapGroup
	case isLetter(prev) != isLetter(next):
		return gapGroup
	}
	return gapWord
}

func isLetter(name string) bool { return len(name) == 1 && name[0] >= 'a' && name[0] <= 'z' }

// scale multiplies 16-bit little-endian samples in place, saturating.
func scale(pcm []byte, volume float64) {
	if volume == 1 {
		return
	}
	for i := 0; i+1 < len(pcm); i += 2 {
		s := float64(int16(binary.LittleEndian.Uint16(pcm[i:])))
		v := math.Round(s * volume)
		v = max(math.MinInt16, min(math.MaxInt16, v))
		binary.LittleEndian.PutUint16(pcm[i:], uint16(int16(v)))
	}
}
