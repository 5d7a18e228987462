package office_test

import (
	"bytes"
	"context"
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
// interval for one that falls due later; each pass that closes something
// says how many in the log.
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
		full, err := o.l.Consultation(o.ctx, c.Number)
		if err != nil {
			t.Fatal(err)
		}
		return full.Status
	}
	waitClosed := func(c store.Consultation) {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for status(c) != store.CSODitutup {
			if time.Now().After(deadline) {
				t.Fatalf("consultation %s still %q", c.Number, status(c))
			}
			time.Sleep(10 * time.Millisecond)
		}
	}

	first := answered("Kode billing salah")
	o.tick(4 * 24 * time.Hour) // Friday: three working days without reply
	fresh := answered("Kode billing kedaluwarsa")

	var logs lockedBuffer
	logger := slog.New(slog.NewTextHandler(&logs, nil))
	ctx, cancel := context.WithCancel(o.ctx)
	defer cancel()
	// An hour's interval: only the start-up pass can close it in time.
	job, err := office.StartAutoClose(ctx, o.l, time.Hour, logger)
	if err != nil {
		t.Fatal(err)
	}
	waitClosed(first)
	if !strings.Contains(logs.String(), "closed=1") {
		t.Errorf("log %q", logs.String())
	}
	if err := job.Shutdown(); err != nil {
		t.Error(err)
	}
	job, err = office.StartAutoClose(ctx, o.l, 50*time.Millisecond, logger)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(150 * time.Millisecond) // a few passes with nothing due
	if s := status(fresh); s != store.CSODijawab {
		t.Fatalf("an item answered today is %q", s)
	}
	o.tick(5 * 24 * time.Hour) // the next Wednesday
	waitClosed(fresh)          // a later pass on the interval
	if n := strings.Count(logs.String(), "closed=1"); n != 2 {
		t.Errorf("%d passes logged a closing: %q", n, logs.String())
	}
	if err := job.Shutdown(); err != nil {
		t.Error(err)
	}
}
