package office_test

import (
	"bytes"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"loket/office"
	"loket/store"
)

// lockedBuffer is a log sink the job's goroutine and the test share.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (w *lockedBuffer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (w *lockedBuffer) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

// The auto-close job closes an answered consultation left without reply
// with no CSO screen open: at once when it starts, and again on its
// interval for one that falls due later; a pass with nothing due closes
// nothing; each pass that closes something says how many in the log. The
// test waits for each pass the job reports (never a sleep), so every
// "nothing happened" is about a pass that did run.
func TestAutoCloseJob(t *testing.T) {
	wib := time.FixedZone("WIB", 7*3600)
	o := newDayOffice(t, time.Date(2026, 11, 23, 9, 0, 0, 0, wib)) // Monday
	offs, _ := o.st.Officers(o.ctx)
	var cso string
	for _, of := range offs {
		if of.Username == "cso1" {
			cso = of.ID
		}
	}
	answered := func(q string) store.Consultation {
		t.Helper()
		c, err := o.l.CreateConsultation(o.ctx, cso, store.Consultation{Channel: store.ChannelEmail, Category: "pajak",
			Question: q, Visitor: store.Visitor{SatkerCode: "409294"}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := o.l.ActOnConsultation(o.ctx, cso, store.ConsultationAction{ID: c.ID, To: store.CSODijawab,
			Answer: "Buat ulang kode billing."}); err != nil {
			t.Fatal(err)
		}
		return c
	}
	status := func(c store.Consultation) string {
		t.Helper()
		full, err := o.l.Consultation(o.ctx, c.Number)
		if err != nil {
			t.Fatal(err)
		}
		return full.Status
	}
	type pass struct {
		closed int
		err    error
	}
	// start runs a job whose passes are reported on the returned channel
	// until stop is called (which also shuts the job down).
	var logs lockedBuffer
	logger := slog.New(slog.NewTextHandler(&logs, nil))
	start := func(every time.Duration) (next func() pass, stop func()) {
		t.Helper()
		passes := make(chan pass)
		done := make(chan struct{})
		job, err := office.StartAutoCloseObserved(o.ctx, o.l, every, logger, func(n int, err error) {
			select {
			case passes <- pass{n, err}:
			case <-done:
			}
		})
		if err != nil {
			t.Fatal(err)
		}
		next = func() pass {
			t.Helper()
			select {
			case p := <-passes:
				if p.err != nil {
					t.Fatalf("auto-close pass: %v", p.err)
				}
				return p
			case <-time.After(10 * time.Second):
				t.Fatal("no auto-close pass within 10 s")
			}
			return pass{}
		}
		stop = func() {
			close(done)
			if err := job.Shutdown(); err != nil {
				t.Error(err)
			}
		}
		return next, stop
	}

	first := answered("Kode billing salah")
	o.tick(4 * 24 * time.Hour) // Friday: three working days without reply
	fresh := answered("Kode billing kedaluwarsa")

	// An hour's interval: only the start-up pass runs within the test.
	next, stop := start(time.Hour)
	if p := next(); p.closed != 1 {
		t.Errorf("start-up pass closed %d, want 1 (the overdue item)", p.closed)
	}
	stop()
	if s := status(first); s != store.CSODitutup {
		t.Errorf("overdue item is %q after the start-up pass, want %q", s, store.CSODitutup)
	}
	if !strings.Contains(logs.String(), "closed=1") {
		t.Errorf("log %q", logs.String())
	}

	next, stop = start(50 * time.Millisecond)
	defer stop()
	// The start-up pass and one on the interval, with nothing yet due.
	for i := range 2 {
		if p := next(); p.closed != 0 {
			t.Fatalf("pass %d closed %d with nothing due", i+1, p.closed)
		}
		if s := status(fresh); s != store.CSODijawab {
			t.Fatalf("after pass %d an item answered today is %q", i+1, s)
		}
	}
	o.tick(5 * 24 * time.Hour) // the next Wednesday
	// A pass that began before the tick may still find nothing; the
	// one after it must close the item.
	closed := 0
	for i := 0; closed == 0 && i < 3; i++ {
		closed = next().closed
	}
	if closed != 1 {
		t.Errorf("a later pass on the interval closed %d, want 1", closed)
	}
	if s := status(fresh); s != store.CSODitutup {
		t.Errorf("item due by Wednesday is %q, want %q", s, store.CSODitutup)
	}
	if n := strings.Count(logs.String(), "closed=1"); n != 2 {
		t.Errorf("%d passes logged a closing: %q", n, logs.String())
	}
}
