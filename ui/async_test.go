package ui

import (
	"context"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"loket/office"
	"loket/store"
)

// uiThread is the one goroutine that plays the UI thread in the tests that
// run the app's goroutines for real. Fyne's test driver runs fyne.Do at
// once on the calling goroutine, which would let workers touch widgets
// beside the test; here everything the app hands to the UI thread (doOnUI)
// and everything the test does to widgets runs on this goroutine, one
// thing at a time, as on the real app's main loop.
type uiThread struct{ ch chan func() }

func startUIThread(t *testing.T) *uiThread {
	t.Helper()
	u := &uiThread{ch: make(chan func(), 1024)}
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		for f := range u.ch {
			f()
		}
	}()
	old := doOnUI
	doOnUI = func(f func()) { u.ch <- f }
	t.Cleanup(func() {
		doOnUI = old
		close(u.ch)
		<-stopped
	})
	return u
}

// run runs f on the UI thread and waits for it.
func (u *uiThread) run(f func()) {
	done := make(chan struct{})
	u.ch <- func() { defer close(done); f() }
	<-done
}

// roundTrip is how long the UI thread takes to run an empty function
// handed to it: what a tap waits before it is handled.
func (u *uiThread) roundTrip() time.Duration {
	t0 := time.Now()
	u.run(func() {})
	return time.Since(t0)
}

// slowService answers like a hub on a bad day: each satker search and
// queue call waits delay first (or until its context ends, as the hub
// client's HTTP request does).
type slowService struct {
	office.Service
	delay    time.Duration
	started  atomic.Int32
	inFlight atomic.Int32
	canceled atomic.Int32
	answered atomic.Int32
}

func (s *slowService) wait(ctx context.Context) error {
	s.started.Add(1)
	s.inFlight.Add(1)
	defer s.inFlight.Add(-1)
	select {
	case <-time.After(s.delay):
		s.answered.Add(1)
		return nil
	case <-ctx.Done():
		s.canceled.Add(1)
		return ctx.Err()
	}
}

func (s *slowService) SearchSatkers(ctx context.Context, q string) ([]store.Satker, error) {
	if err := s.wait(ctx); err != nil {
		return nil, err
	}
	return s.Service.SearchSatkers(ctx, q)
}

func (s *slowService) CallNext(ctx context.Context, sessionID string) (store.Ticket, error) {
	if err := s.wait(ctx); err != nil {
		return store.Ticket{}, err
	}
	return s.Service.CallNext(ctx, sessionID)
}

// liveApp turns the harness's synchronous app into one whose work runs on
// real goroutines against svc, with the UI thread u; wg counts the work.
func liveApp(h *harness, svc office.Service) (*uiThread, *sync.WaitGroup) {
	u := startUIThread(h.t)
	var wg sync.WaitGroup
	h.app.Go = func(f func()) {
		wg.Add(1)
		go func() { defer wg.Done(); f() }()
	}
	h.app.svc = svc
	h.t.Cleanup(wg.Wait)
	return u, &wg
}

func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(10 * time.Second); !cond(); time.Sleep(2 * time.Millisecond) {
		if time.Now().After(end) {
			t.Fatalf("not within 10 s: %s", what)
		}
	}
}

// Typing in the satker search with the look-ups on real goroutines: a
// look-up overtaken by more typing is cancelled and its answer never
// shown, the last one's is; then Keluar while a look-up is out cancels it
// at once (nothing runs on in the name of the officer who left) and its
// answer never reaches the screen. Run under -race, it also shows that no
// worker touches a widget or the screen's state.
func TestSatkerTypingAndLogoutWithCallsInFlight(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	if h.app.admin == nil {
		t.Fatal("the admin is not at work after set-up")
	}
	slow := &slowService{Service: h.svc, delay: 300 * time.Millisecond}
	u, wg := liveApp(h, slow)
	p := h.app.admin.satkers
	u.run(func() { p.lookups.pause.delay = 20 * time.Millisecond })

	t.Run("newest answer only", func(t *testing.T) {
		u.run(func() { test.Type(p.search, "Sekr") })
		waitUntil(t, "the first look-up is out", func() bool { return slow.inFlight.Load() == 1 })
		u.run(func() { test.Type(p.search, "etariat") })
		waitUntil(t, "the second look-up starts after the pause", func() bool { return slow.started.Load() == 2 })
		wg.Wait()
		if s, c, a := slow.started.Load(), slow.canceled.Load(), slow.answered.Load(); s != 2 || c != 1 || a != 1 {
			t.Fatalf("look-ups started %d, cancelled %d, answered %d; want 2, 1 (the overtaken one), 1", s, c, a)
		}
		var text string
		u.run(func() { text = p.result.Text })
		if !strings.Contains(text, "409294") {
			t.Fatalf("result after typing %q", text)
		}
	})

	t.Run("Keluar cancels the look-up out", func(t *testing.T) {
		slow.delay = 5 * time.Second // set while no worker runs
		var before string
		u.run(func() {
			before = p.result.Text
			test.Type(p.search, "x") // "Sekretariatx": a new look-up
		})
		waitUntil(t, "the look-up is out", func() bool { return slow.inFlight.Load() == 1 })
		canceled := slow.canceled.Load()
		out := time.Now()
		u.run(h.app.askLogout)
		wg.Wait()
		if took := time.Since(out); took > 2*time.Second {
			t.Errorf("the look-up ran on %v after Keluar (the service waits %v)", took, slow.delay)
		}
		if slow.canceled.Load() != canceled+1 {
			t.Fatalf("the look-up out at Keluar was not cancelled (%d cancelled before, %d after)", canceled, slow.canceled.Load())
		}
		var text string
		var atLogin bool
		u.run(func() { text, atLogin = p.result.Text, h.app.login != nil && h.app.officer.ID == "" })
		if !atLogin {
			t.Fatal("the login screen does not show after Keluar")
		}
		if text != before {
			t.Fatalf("an answer reached the screen after Keluar: %q (was %q)", text, before)
		}
		// A call asked for after Keluar under the old officer's context
		// never reaches the service.
		started := slow.started.Load()
		u.run(func() { p.lookup("Sekretariat Jenderal") })
		time.Sleep(100 * time.Millisecond)
		wg.Wait()
		if slow.started.Load() != started {
			t.Fatal("a look-up for the logged-out officer reached the service")
		}
	})
}

// With a service that takes 3 s to answer F1 (a hub on a slow link), the
// window stays responsive: while the call is out the UI thread runs
// whatever is handed to it within 200 ms, a second F1 is answered at once
// (the officer is told to wait, and no second visitor is called), the
// action buttons are off and the header shows "Memuat...". When the answer
// comes the called number shows and the sign goes.
func TestSlowServiceKeepsTheWindowResponsive(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	if h.app.admin == nil {
		t.Fatal("the admin is not at work after set-up")
	}
	c := h.openCounter()
	tk := h.issue("A", "")
	h.issue("A", "")
	h.app.life.delay = 20 * time.Millisecond // the sign waits, as in the app
	slow := &slowService{Service: h.svc, delay: 3 * time.Second}
	u, wg := liveApp(h, slow)

	u.run(func() { h.key(fyne.KeyF1) })
	waitUntil(t, "the call is out", func() bool { return slow.inFlight.Load() == 1 })

	var trips []time.Duration
	for range 10 {
		trips = append(trips, u.roundTrip())
		time.Sleep(20 * time.Millisecond)
	}
	var second time.Duration
	var msg string
	u.run(func() {
		t0 := time.Now()
		h.key(fyne.KeyF1) // the officer, impatient
		second = time.Since(t0)
		msg = c.message.Text
	})
	waitUntil(t, "the busy sign shows", func() bool {
		var on bool
		u.run(func() { on = h.app.busyShown() })
		return on
	})
	var nextOff, finishOff bool
	u.run(func() { nextOff, finishOff = c.bNext.Disabled(), c.bFinish.Disabled() })
	pending := slow.inFlight.Load() == 1 && slow.answered.Load() == 0
	wg.Wait()

	sort.Slice(trips, func(i, j int) bool { return trips[i] < trips[j] })
	t.Logf("UI-thread round trips while the call was out: median %v, max %v; second F1 handled in %v", trips[len(trips)/2], trips[len(trips)-1], second)
	if !pending {
		t.Fatal("the call was answered before the checks: they did not run while it was out")
	}
	if trips[len(trips)/2] > 200*time.Millisecond || trips[len(trips)-1] > time.Second {
		t.Errorf("the UI thread was held while the call was out: round trips %v", trips)
	}
	if !strings.Contains(msg, "masih diproses") {
		t.Errorf("a second F1 while the first is out says %q", msg)
	}
	if !nextOff || !finishOff {
		t.Errorf("action buttons while the call is out: next disabled %v, finish disabled %v", nextOff, finishOff)
	}
	if n := slow.started.Load(); n != 1 {
		t.Errorf("%d calls reached the service; the second F1 must not call another visitor", n)
	}
	var number, after string
	var busy bool
	u.run(func() { number, busy, after = c.number.Text, h.app.busyShown(), c.message.Text })
	if number != tk.Code() {
		t.Errorf("number after the answer %q, want %s", number, tk.Code())
	}
	// The answer's message replaces "tunggu sebentar": it says the second
	// F1 was not run.
	if !strings.Contains(after, tk.Code()) || !strings.Contains(after, "diabaikan; tekan lagi") {
		t.Errorf("message after the answer %q: want the call and that the key pressed meanwhile was not run", after)
	}
	if busy {
		t.Error("the busy sign stays after the answer")
	}
}

// Contexts end with what they belong to: Keluar ends the officer's (and
// the CSO screen's, made under it), closing the window ends the display's,
// whose event stream and clock goroutines select on it.
func TestContextsEndAtLogoutAndWindowClose(t *testing.T) {
	t.Run("Keluar", func(t *testing.T) {
		h := newHarness(t)
		h.setUp()
		h.loginAs("cso1")
		work, cso := h.app.ctx(), h.app.cso.ctx
		if work.Err() != nil || cso.Err() != nil {
			t.Fatal("contexts ended while the officer works")
		}
		h.app.askLogout()
		if work.Err() == nil || cso.Err() == nil {
			t.Fatalf("after Keluar: officer's context %v, CSO screen's %v; want both cancelled", work.Err(), cso.Err())
		}
		if h.app.ctx().Err() != nil {
			t.Fatal("the login screen runs under an ended context")
		}
	})
	t.Run("display window closed", func(t *testing.T) {
		h := newHarness(t)
		h.setUpOffice()
		h.app.StartDisplay(DisplayOptions{})
		d := h.app.display
		if d == nil || d.ctx.Err() != nil {
			t.Fatal("display not started")
		}
		h.app.win.Close()
		if d.ctx.Err() == nil {
			t.Fatal("the display's context runs on after its window closed")
		}
	})
}
