package ui

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"loket/office"
	"loket/store"
)

// reloadCounter is the office with the counter screen's full reload
// (today's list, waiting counts, the current ticket) counted.
type reloadCounter struct {
	*office.Local
	reloads atomic.Int32
}

func (r *reloadCounter) TicketsToday(ctx context.Context) ([]store.Ticket, error) {
	r.reloads.Add(1)
	return r.Local.TicketsToday(ctx)
}

func (r *reloadCounter) WaitingCounts(ctx context.Context) (map[string]int, error) {
	r.reloads.Add(1)
	return r.Local.WaitingCounts(ctx)
}

func (r *reloadCounter) CurrentTicket(ctx context.Context, counterID string) (store.Ticket, error) {
	r.reloads.Add(1)
	return r.Local.CurrentTicket(ctx, counterID)
}

// feedUntil passes the stream's events to the counter screen, as the live
// app does, until an event of kind arrives, then lets the screen refresh.
func feedUntil(t *testing.T, c *counterScreen, ch <-chan store.Event, kind string) {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case e := <-ch:
			c.onEvent(e)
			if e.Kind != kind {
				continue
			}
			c.refreshFromEvents(context.Background(), c.liveCounterID(), c.stop)
			return
		case <-timeout:
			t.Fatalf("no %s event", kind)
		}
	}
}

// TestCounterAppliesEventDeltas: calls made at other counters and tickets
// issued at the kiosk reach the counter screen as deltas from the events
// themselves: the waiting counts, today's list and the current ticket
// follow without one reload of the day.
func TestCounterAppliesEventDeltas(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	c := h.app.counter
	test := func(cond bool, format string, args ...any) {
		t.Helper()
		if !cond {
			t.Fatalf(format, args...)
		}
	}
	c.openBtn.OnTapped()
	test(c.session.ID != "", "counter not opened: %q", c.openMsg.Text)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ch, err := h.svc.Subscribe(ctx, -1)
	if err != nil {
		t.Fatal(err)
	}
	rc := &reloadCounter{Local: h.svc}
	h.app.svc = rc
	h.app.Live = true // as the live app: its own calls show their answer, the events the rest

	a1 := h.issue("A", "")
	h.issue("A", "")
	h.issue("B", "")
	feedUntil(t, c, ch, store.EvTicketIssued)
	feedUntil(t, c, ch, store.EvTicketIssued)
	feedUntil(t, c, ch, store.EvTicketIssued)
	test(c.waitingSummary() == "A:2 B:1 C:0 D:0", "waiting after issuing: %q", c.waitingSummary())
	n, _ := c.table.Length()
	test(n == 3, "today's list has %d rows, want 3", n)

	// Another officer calls A001 at counter 2.
	var other store.Officer
	offs, _ := h.svc.Officers(ctx)
	for _, o := range offs {
		if o.Role == store.RoleFO && o.Active {
			other = o
			break
		}
	}
	test(other.ID != "", "no front-office officer in the demo data")
	svcs, _ := h.svc.Services(ctx)
	var ids []string
	for _, sv := range svcs {
		ids = append(ids, sv.ID)
	}
	sess2, err := h.svc.OpenCounter(ctx, other.ID, c.counters[1].ID, ids)
	if err != nil {
		t.Fatal(err)
	}
	called, err := h.svc.CallNext(ctx, sess2.ID)
	if err != nil || called.ID != a1.ID {
		t.Fatalf("counter 2 called %s, %v", called.Code(), err)
	}
	feedUntil(t, c, ch, store.EvTicketCalled)
	test(c.waitingSummary() == "A:1 B:1 C:0 D:0", "waiting after counter 2's call: %q", c.waitingSummary())
	test(c.number.Text == "—", "another counter's call shown here: %q", c.number.Text)
	row := -1
	for i, tk := range c.snap.tickets {
		if tk.ID == a1.ID {
			row = i
		}
	}
	test(row >= 0 && c.snap.tickets[row].Status == store.StatusCalled, "A001 not shown as called")

	// This counter calls: the answer shows at once, the event brings
	// the counts.
	h.key(fyne.KeyF1)
	test(c.number.Text == "A002", "this counter's call shows %q", c.number.Text)
	feedUntil(t, c, ch, store.EvTicketCalled)
	test(c.waitingSummary() == "A:0 B:1 C:0 D:0", "waiting after this counter's call: %q", c.waitingSummary())
	test(c.number.Text == "A002", "current after the event: %q", c.number.Text)
	h.key(fyne.KeyF5)
	feedUntil(t, c, ch, store.EvTicketDone)
	test(c.number.Text == "—", "after finish: %q", c.number.Text)
	test(rc.reloads.Load() == 0, "%d reloads of the day during deltas", rc.reloads.Load())

	// An event without its ticket (a hub of an older version): the
	// screen falls back to one full reload.
	c.onEvent(store.Event{Kind: store.EvTicketIssued, TicketID: "x"})
	c.refreshFromEvents(context.Background(), c.liveCounterID(), c.stop)
	test(rc.reloads.Load() == 3, "fallback made %d reload calls, want 3", rc.reloads.Load())
}
