package voice

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"sync"
	"sync/atomic"
	"time"
)

// ErrClosed is returned by Announce after Close.
var ErrClosed = errors.New("voice: announcer closed")

// ErrQueueFull is returned by Announce when too many calls are waiting to be
// spoken; dropping is better than freezing the counter screen.
var ErrQueueFull = errors.New("voice: announcement queue full")

// DefaultQueueSize is how many calls may wait behind the one being spoken.
const DefaultQueueSize = 32

// playSlack is added to a clip's own length to bound one Play call, so a
// wedged audio tool costs one call, not the rest of the day's queue.
const playSlack = 10 * time.Second

// probeLength is the silence Probe plays: long enough for a player to
// open the device, too short to hold up a call behind it.
const probeLength = 100 * time.Millisecond

// Options tunes an Announcer. The zero value is ready to use.
type Options struct {
	// Logger receives playback failures; nil means slog.Default().
	Logger *slog.Logger
	// QueueSize is how many calls may wait; 0 means DefaultQueueSize.
	QueueSize int
	// Renderer builds the WAVs; nil means the embedded clips (Render).
	Renderer *Renderer
}

// An Announcer speaks calls one at a time, in the order they were made: a
// call made while another is being spoken waits for it to finish instead of
// cutting it off. All methods are safe for concurrent use.
type Announcer struct {
	player   Player
	renderer *Renderer
	log      *slog.Logger

	voice  atomic.Bool
	volume atomic.Uint64 // math.Float64bits

	mu     sync.Mutex // guards closed and sends on jobs
	closed bool
	jobs   chan []string // a nil sequence is a probe (see Probe)

	watch atomic.Pointer[func(error)]

	ctx    context.Context
	cancel context.CancelFunc
	done   chan struct{}
}

// NewAnnouncer starts an Announcer that plays through p, with the voice on
// and volume 1. Call Close when done with it.
func NewAnnouncer(p Player, opts Options) *Announcer {
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.QueueSize <= 0 {
		opts.QueueSize = DefaultQueueSize
	}
	if opts.Renderer == nil {
		opts.Renderer = defaultRenderer
	}
	ctx, cancel := context.WithCancel(context.Background())
	a := &Announcer{
		player:   p,
		renderer: opts.Renderer,
		log:      opts.Logger,
		jobs:     make(chan []string, opts.QueueSize),
		ctx:      ctx,
		cancel:   cancel,
		done:     make(chan struct{}),
	}
	a.voice.Store(true)
	a.volume.Store(math.Float64bits(1))
	go a.run()
	return a
}

// Announce queues a call of ticket to counter (see CallSequence) and returns
// at once; it does not wait for the call to be spoken. A recall is simply
// another Announce. Voice and volume are read when the call's turn comes,
// so a change applies to calls still waiting too. Errors: an unsayable
// ticket or counter, ErrQueueFull, ErrClosed.
func (a *Announcer) Announce(ticket, counter string) error {
	seq, err := CallSequence(ticket, counter)
	if err != nil {
		return err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.closed {
		return ErrClosed
	}
	select {
	case a.jobs <- seq:
		return nil
	default:
		return ErrQueueFull
	}
}

// Probe queues a tenth of a second of silence through the player, so that
// a machine without a working audio device is found (and reported to the
// WatchPlayback function) before the first call instead of at it. Errors
// are those of Announce.
func (a *Announcer) Probe() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.closed {
		return ErrClosed
	}
	select {
	case a.jobs <- nil:
		return nil
	default:
		return ErrQueueFull
	}
}

// WatchPlayback sets f to be told the outcome of every call and probe:
// nil when it played, the error when it did not (no audio tool, no sound
// device). f runs on the playback goroutine, after the sound has finished,
// and must not block; nil stops watching. The display shows a small "suara
// tidak aktif" sign with it instead of leaving the failure to the log.
func (a *Announcer) WatchPlayback(f func(error)) {
	if f == nil {
		a.watch.Store(nil)
		return
	}
	a.watch.Store(&f)
}

// SetVoice turns the spoken words on or off. With the voice off a call still
// plays the chime, so the hall knows to look at the display.
func (a *Announcer) SetVoice(on bool) { a.voice.Store(on) }

// Voice reports whether calls are spoken.
func (a *Announcer) Voice() bool { return a.voice.Load() }

// SetVolume sets the playback volume, clamped to 0..1 (NaN counts as 0).
func (a *Announcer) SetVolume(v float64) {
	if !(v >= 0) { // also catches NaN
		v = 0
	}
	a.volume.Store(math.Float64bits(min(v, 1)))
}

// Volume returns the playback volume in 0..1.
func (a *Announcer) Volume() float64 { return math.Float64frombits(a.volume.Load()) }

// Close stops the Announcer: the call being spoken is cut short, waiting
// calls are dropped, and Close returns once the playback goroutine has
// exited. Later calls to Announce return ErrClosed. Close is idempotent.
func (a *Announcer) Close() error {
	a.mu.Lock()
	if !a.closed {
		a.closed = true
		close(a.jobs)
	}
	a.mu.Unlock()
	a.cancel()
	<-a.done
	return nil
}

func (a *Announcer) run() {
	defer close(a.done)
	for seq := range a.jobs {
		if a.ctx.Err() != nil {
			continue // closing: drain without playing
		}
		err := a.play(seq)
		if a.ctx.Err() != nil {
			continue // cut short by Close: says nothing about the device
		}
		if f := a.watch.Load(); f != nil {
			(*f)(err)
		}
		if err != nil {
			level := slog.LevelError
			if errors.Is(err, ErrNoPlayer) {
				level = slog.LevelWarn
			}
			what := "voice: call dropped"
			if seq == nil {
				what = "voice: audio probe failed"
			}
			a.log.Log(context.Background(), level, what, "seq", seq, "err", err)
		}
	}
}

// play renders and plays one call. A panicking Player is contained here so
// that the queue keeps running.
func (a *Announcer) play(seq []string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("voice: player panicked: %v", r)
		}
	}()
	var wav []byte
	if seq == nil {
		// The probe: silence in the clips' own format.
		if wav, err = a.renderer.Silence(ClipChime, probeLength); err != nil {
			return err
		}
	} else {
		if !a.Voice() {
			seq = []string{ClipChime}
		}
		if wav, err = a.renderer.Render(seq, a.Volume()); err != nil {
			return err
		}
	}
	d, err := Duration(wav)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(a.ctx, d+playSlack)
	defer cancel()
	return a.player.Play(ctx, wav)
}
