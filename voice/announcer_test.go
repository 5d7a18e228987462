package voice

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakePlayer records what it plays and when; each Play "lasts" hold unless
// ctx ends first. It names what it hears by looking the WAV up in known.
type fakePlayer struct {
	hold  time.Duration
	known map[string]string // WAV bytes -> label

	mu     sync.Mutex
	events []string // "start X", "end X"
	active int
	over   bool // two Plays overlapped
	played chan string
	err    error
}

func newFakePlayer(hold time.Duration) *fakePlayer {
	return &fakePlayer{hold: hold, known: map[string]string{}, played: make(chan string, 100)}
}

// expect teaches the fake what the call of ticket/counter sounds like.
func (p *fakePlayer) expect(t *testing.T, label string, seq []string, volume float64) {
	t.Helper()
	wav, err := Render(seq, volume)
	if err != nil {
		t.Fatal(err)
	}
	p.known[string(wav)] = label
}

func (p *fakePlayer) Play(ctx context.Context, wav []byte) error {
	label, ok := p.known[string(wav)]
	if !ok {
		label = "unknown"
	}
	p.mu.Lock()
	p.active++
	p.over = p.over || p.active > 1
	p.events = append(p.events, "start "+label)
	p.mu.Unlock()

	var err error
	select {
	case <-time.After(p.hold):
	case <-ctx.Done():
		err = ctx.Err()
	}

	p.mu.Lock()
	p.active--
	p.events = append(p.events, "end "+label)
	if err == nil {
		err = p.err
	}
	p.mu.Unlock()
	p.played <- label
	return err
}

func (p *fakePlayer) wait(t *testing.T, n int) []string {
	t.Helper()
	var got []string
	for range n {
		select {
		case l := <-p.played:
			got = append(got, l)
		case <-time.After(5 * time.Second):
			t.Fatalf("only %d of %d calls played: %v", len(got), n, got)
		}
	}
	return got
}

func call(t *testing.T, ticket, counter string) []string {
	t.Helper()
	seq, err := CallSequence(ticket, counter)
	if err != nil {
		t.Fatal(err)
	}
	return seq
}

func quietLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func TestAnnouncerSerialOrder(t *testing.T) {
	p := newFakePlayer(20 * time.Millisecond)
	tickets := []string{"A001", "A002", "B003", "A004", "C005"}
	for _, tk := range tickets {
		p.expect(t, tk, call(t, tk, "1"), 1)
	}
	a := NewAnnouncer(p, Options{Logger: quietLogger()})
	defer a.Close()
	for _, tk := range tickets {
		if err := a.Announce(tk, "1"); err != nil {
			t.Fatal(err)
		}
	}
	if got := p.wait(t, len(tickets)); strings.Join(got, " ") != strings.Join(tickets, " ") {
		t.Errorf("played %v, want %v", got, tickets)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.over {
		t.Errorf("plays overlapped: %v", p.events)
	}
}

// Two counters call at the same moment: both are spoken, whole, one after
// the other; the second never cuts into the first.
func TestAnnouncerConcurrentCallsDoNotOverlap(t *testing.T) {
	p := newFakePlayer(30 * time.Millisecond)
	p.expect(t, "A123", call(t, "A123", "1"), 1)
	p.expect(t, "B045", call(t, "B045", "2"), 1)
	a := NewAnnouncer(p, Options{Logger: quietLogger()})
	defer a.Close()

	var wg sync.WaitGroup
	start := make(chan struct{})
	for _, c := range [][2]string{{"A123", "1"}, {"B045", "2"}} {
		wg.Go(func() {
			<-start
			if err := a.Announce(c[0], c[1]); err != nil {
				t.Error(err)
			}
		})
	}
	close(start)
	wg.Wait()
	got := p.wait(t, 2)

	p.mu.Lock()
	defer p.mu.Unlock()
	want := []string{"start " + got[0], "end " + got[0], "start " + got[1], "end " + got[1]}
	if strings.Join(p.events, ",") != strings.Join(want, ",") || got[0] == got[1] || p.over {
		t.Errorf("events %v, want %v", p.events, want)
	}
}

func TestAnnouncerVoiceOffPlaysChimeOnly(t *testing.T) {
	p := newFakePlayer(0)
	p.expect(t, "chime", []string{ClipChime}, 1)
	p.expect(t, "chime@0.25", []string{ClipChime}, 0.25)
	p.expect(t, "A7", call(t, "A7", "3"), 0.25)
	a := NewAnnouncer(p, Options{Logger: quietLogger()})
	defer a.Close()

	if !a.Voice() || a.Volume() != 1 {
		t.Fatalf("defaults: voice %v volume %v, want true 1", a.Voice(), a.Volume())
	}
	a.SetVoice(false)
	if err := a.Announce("A7", "3"); err != nil {
		t.Fatal(err)
	}
	if got := p.wait(t, 1); got[0] != "chime" {
		t.Errorf("voice off played %q, want the chime alone", got[0])
	}
	a.SetVolume(0.25)
	if err := a.Announce("A7", "3"); err != nil {
		t.Fatal(err)
	}
	if got := p.wait(t, 1); got[0] != "chime@0.25" {
		t.Errorf("voice off at 0.25 played %q", got[0])
	}
	a.SetVoice(true)
	if err := a.Announce("A7", "3"); err != nil {
		t.Fatal(err)
	}
	if got := p.wait(t, 1); got[0] != "A7" {
		t.Errorf("voice on played %q, want the full call", got[0])
	}
}

func TestAnnouncerSetVolumeClamps(t *testing.T) {
	a := NewAnnouncer(newFakePlayer(0), Options{Logger: quietLogger()})
	defer a.Close()
	for _, tt := range []struct{ in, want float64 }{{0.4, 0.4}, {-1, 0}, {7, 1}, {0, 0}, {1, 1}} {
		a.SetVolume(tt.in)
		if got := a.Volume(); got != tt.want {
			t.Errorf("SetVolume(%v): Volume() = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestAnnouncerRejectsBadCall(t *testing.T) {
	a := NewAnnouncer(newFakePlayer(0), Options{Logger: quietLogger()})
	defer a.Close()
	if err := a.Announce("A#1", "1"); err == nil {
		t.Error("Announce(A#1) succeeded")
	}
}

// Failing players (none installed, a broken device, a panic) must cost only
// the call they were playing, not the rest of the queue.
func TestAnnouncerSurvivesPlayerFailures(t *testing.T) {
	tests := []struct {
		name string
		fail func(context.Context, []byte) error
	}{
		{"no player", func(context.Context, []byte) error { return ErrNoPlayer }},
		{"error", func(context.Context, []byte) error { return errors.New("device busy") }},
		{"panic", func(context.Context, []byte) error { panic("boom") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var mu sync.Mutex
			calls := 0
			done := make(chan struct{})
			p := playerFunc(func(ctx context.Context, wav []byte) error {
				mu.Lock()
				calls++
				n := calls
				mu.Unlock()
				if n == 3 {
					close(done)
				}
				return tt.fail(ctx, wav)
			})
			var logs strings.Builder
			var logMu sync.Mutex
			a := NewAnnouncer(p, Options{Logger: slog.New(slog.NewTextHandler(lockedWriter{&logMu, &logs}, nil))})
			for range 3 {
				if err := a.Announce("A1", "1"); err != nil {
					t.Fatal(err)
				}
			}
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("queue stalled after a failing play")
			}
			a.Close()
			logMu.Lock()
			defer logMu.Unlock()
			if !strings.Contains(logs.String(), "call dropped") {
				t.Errorf("failure not logged: %q", logs.String())
			}
		})
	}
}

type playerFunc func(context.Context, []byte) error

func (f playerFunc) Play(ctx context.Context, wav []byte) error { return f(ctx, wav) }

type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l lockedWriter) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(b)
}

func TestAnnouncerQueueFull(t *testing.T) {
	block := make(chan struct{})
	started := make(chan struct{}, 10)
	p := playerFunc(func(ctx context.Context, _ []byte) error {
		started <- struct{}{}
		select {
		case <-block:
		case <-ctx.Done():
		}
		return nil
	})
	a := NewAnnouncer(p, Options{Logger: quietLogger(), QueueSize: 2})
	defer a.Close()
	defer close(block)
	if err := a.Announce("A1", "1"); err != nil {
		t.Fatal(err)
	}
	<-started // A1 is playing; two more fit in the queue
	for _, tk := range []string{"A2", "A3"} {
		if err := a.Announce(tk, "1"); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.Announce("A4", "1"); !errors.Is(err, ErrQueueFull) {
		t.Errorf("fourth call: %v, want ErrQueueFull", err)
	}
}

// Close cuts the call in progress, drops waiting ones and returns promptly.
func TestAnnouncerClose(t *testing.T) {
	p := newFakePlayer(time.Hour)
	p.expect(t, "A1", call(t, "A1", "1"), 1)
	a := NewAnnouncer(p, Options{Logger: quietLogger()})
	for _, tk := range []string{"A1", "A2", "A3"} {
		if err := a.Announce(tk, "1"); err != nil {
			t.Fatal(err)
		}
	}
	for {
		p.mu.Lock()
		n := len(p.events)
		p.mu.Unlock()
		if n > 0 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	closed := make(chan struct{})
	go func() { a.Close(); close(closed) }()
	select {
	case <-closed:
	case <-time.After(5 * time.Second):
		t.Fatal("Close did not return")
	}
	if err := a.Announce("A4", "1"); !errors.Is(err, ErrClosed) {
		t.Errorf("Announce after Close: %v, want ErrClosed", err)
	}
	if err := a.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if got := strings.Join(p.events, ","); got != "start A1,end A1" {
		t.Errorf("events %s, want only A1 started and cut", got)
	}
}

// A display learns whether its sound reaches a speaker: the probe plays a
// short silence in the clips' format before any call, and every outcome,
// failure or success, reaches the WatchPlayback function.
func TestProbeAndWatchPlayback(t *testing.T) {
	p := newFakePlayer(0)
	silence, err := defaultRenderer.Silence(ClipChime, probeLength)
	if err != nil {
		t.Fatal(err)
	}
	p.known[string(silence)] = "probe"
	p.expect(t, "A1@2", mustSeq(t, "A1", "2"), 1)
	p.err = errors.New("aplay: no sound card")
	a := NewAnnouncer(p, Options{Logger: quietLogger()})
	defer a.Close()
	outcomes := make(chan error, 10)
	a.WatchPlayback(func(err error) { outcomes <- err })
	next := func() error {
		t.Helper()
		select {
		case err := <-outcomes:
			return err
		case <-time.After(5 * time.Second):
			t.Fatal("no playback outcome reported")
			return nil
		}
	}
	if err := a.Probe(); err != nil {
		t.Fatal(err)
	}
	if got := p.wait(t, 1); got[0] != "probe" {
		t.Fatalf("the probe played %v", got)
	}
	if err := next(); err == nil || !strings.Contains(err.Error(), "no sound card") {
		t.Fatalf("probe outcome %v, want the player's error", err)
	}
	f, pcm, err := DecodeWAV(silence)
	if err != nil || f.SampleRate != 22050 || len(pcm) != 2*2205 || slices.ContainsFunc(samples16(pcm), func(v int16) bool { return v != 0 }) {
		t.Fatalf("probe WAV %v, %d bytes, err %v: want 100 ms of silence at 22050 Hz", f, len(pcm), err)
	}
	p.mu.Lock()
	p.err = nil // the speaker is plugged in
	p.mu.Unlock()
	if err := a.Announce("A1", "2"); err != nil {
		t.Fatal(err)
	}
	p.wait(t, 1)
	if err := next(); err != nil {
		t.Fatalf("call outcome %v, want nil once it played", err)
	}
	// With no audio tool at all the outcome says so too.
	none := NewAnnouncer(&SystemPlayer{}, Options{Logger: quietLogger()})
	defer none.Close()
	none.WatchPlayback(func(err error) { outcomes <- err })
	if err := none.Probe(); err != nil {
		t.Fatal(err)
	}
	if err := next(); !errors.Is(err, ErrNoPlayer) {
		t.Fatalf("outcome without players %v, want ErrNoPlayer", err)
	}
}

func mustSeq(t *testing.T, ticket, counter string) []string {
	t.Helper()
	seq, err := CallSequence(ticket, counter)
	if err != nil {
		t.Fatal(err)
	}
	return seq
}
