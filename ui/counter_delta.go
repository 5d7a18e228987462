package ui

import (
	"context"
	"maps"
	"slices"
	"strings"
	"sync"

	"fyne.io/fyne/v2"

	"loket/store"
)

// Deltas on the counter screen. Each ticket event from the office carries
// the ticket as it now stands and the waiting counts per service
// (store.Event.Ticket, Waiting), so a burst of events updates the working
// panel in place: no reload of the day's list (1.2 MB at two thousand
// tickets), the waiting counts and the current ticket on every call made
// anywhere in the office. The full reload (load) stays for opening the
// counter, for events that carry no ticket (a hub of an older version) and
// for changes to this counter itself.

// counterEvents is the queue of events waiting for the screen's next
// refresh; the event goroutine fills it, the refresh loop empties it.
type counterEvents struct {
	mu   sync.Mutex
	evs  []store.Event
	full bool // some event needs a full reload
}

// onEvent takes one event from the office's stream (follow's goroutine)
// and asks for a refresh.
func (s *counterScreen) onEvent(e store.Event) {
	q := &s.events
	q.mu.Lock()
	switch {
	case strings.HasPrefix(e.Kind, "ticket."):
		if e.Ticket == nil || e.Waiting == nil {
			q.full = true
		} else {
			q.evs = append(q.evs, e)
		}
	case e.CounterID != "" && strings.HasPrefix(e.Kind, "counter."):
		// A session opened, closed or taken over: only this counter's
		// own changes what the panel shows (applyEvents decides, on the
		// UI thread where the session lives).
		q.evs = append(q.evs, e)
	}
	// Anything else (services, settings, officers, receipts, logins)
	// does not change the waiting counts, today's list or the current
	// ticket.
	refresh := q.full || len(q.evs) > 0
	q.mu.Unlock()
	if refresh {
		s.refreshSoon()
	}
}

// takeEvents empties the queue: the events to apply, or full when the
// panel must be loaded again.
func (s *counterScreen) takeEvents() ([]store.Event, bool) {
	q := &s.events
	q.mu.Lock()
	defer q.mu.Unlock()
	evs, full := q.evs, q.full
	q.evs, q.full = nil, false
	return evs, full
}

// refreshFromEvents is the refresh loop's step after a burst: the deltas
// when they suffice, else the full reload. It runs off the UI thread, for
// the session whose loop it is (counterID, stop closed when that session's
// panel goes; ctx ends at logout).
func (s *counterScreen) refreshFromEvents(ctx context.Context, counterID string, stop <-chan struct{}) {
	evs, full := s.takeEvents()
	if !full {
		if len(evs) > 0 {
			fyne.Do(func() {
				if closed(stop) {
					return
				}
				if !s.applyEvents(evs) {
					s.reloadAsync(ctx, counterID, stop)
				}
			})
		}
		return
	}
	s.reload(ctx, counterID, stop)
}

// reload loads the panel and shows it unless the session's panel closed
// meanwhile. Off the UI thread.
func (s *counterScreen) reload(ctx context.Context, counterID string, stop <-chan struct{}) {
	snap, err := s.load(ctx, counterID)
	if err != nil {
		return
	}
	fyne.Do(func() {
		if !closed(stop) {
			s.apply(snap)
		}
	})
}

// reloadAsync is reload started from the UI thread.
func (s *counterScreen) reloadAsync(ctx context.Context, counterID string, stop <-chan struct{}) {
	go s.reload(ctx, counterID, stop)
}

// closed reports whether stop is closed (the session's panel is gone).
func closed(stop <-chan struct{}) bool {
	select {
	case <-stop:
		return true
	default:
		return false
	}
}

// applyEvents applies ticket events to the snapshot shown and shows it;
// false when they do not fit it (another business day), so the caller
// reloads. UI thread only.
func (s *counterScreen) applyEvents(evs []store.Event) bool {
	if s.session.ID == "" {
		return true // the counter closed meanwhile: nothing shown
	}
	snap := snapshot{current: s.snap.current, waiting: s.snap.waiting, tickets: slices.Clone(s.snap.tickets)}
	day := ""
	if len(snap.tickets) > 0 {
		day = snap.tickets[0].BusinessDate
	}
	row := make(map[string]int, len(snap.tickets))
	for i, t := range snap.tickets {
		row[t.ID] = i
	}
	changed := false
	for _, e := range evs {
		if e.Ticket == nil { // a counter event
			if e.CounterID == s.session.CounterID {
				return false
			}
			continue
		}
		changed = true
		t := *e.Ticket
		if day == "" {
			day = t.BusinessDate
		}
		if t.BusinessDate != day {
			return false
		}
		if i, ok := row[t.ID]; ok {
			if t.UpdatedAt.Before(snap.tickets[i].UpdatedAt) {
				continue // an older view of the ticket than the one shown
			}
			snap.tickets[i] = t
		} else {
			row[t.ID] = len(snap.tickets)
			snap.tickets = append(snap.tickets, t)
		}
		snap.current = currentAfter(snap.current, t, s.session.CounterID)
		snap.waiting = maps.Clone(e.Waiting) // the newest counts win
	}
	if !changed {
		return true
	}
	// New tickets go where TicketsToday would list them: issue order.
	slices.SortStableFunc(snap.tickets, func(a, b store.Ticket) int { return a.IssuedAt.Compare(b.IssuedAt) })
	s.apply(snap)
	return true
}

// currentAfter is the counter's current ticket after ticket t changed:
// t when it is called or served here, none when the current one left the
// counter (finished, skipped, transferred, cancelled).
func currentAfter(cur, t store.Ticket, counterID string) store.Ticket {
	here := t.CounterID == counterID && (t.Status == store.StatusCalled || t.Status == store.StatusServing)
	switch {
	case here:
		return t
	case cur.ID == t.ID:
		return store.Ticket{}
	}
	return cur
}

// afterAct is what the counter shows after its own queue operation: with
// the event stream running, the ticket the operation answered (its event
// brings the waiting counts and the list a moment later); without it, a
// full reload. It runs off the UI thread; show runs on it.
func (s *counterScreen) afterAct(ctx context.Context, counterID string, t store.Ticket, opErr error) (show func(), err error) {
	if opErr == nil && s.app.Live && t.ID != "" {
		return func() {
			snap := s.snap
			snap.current = currentAfter(snap.current, t, s.session.CounterID)
			s.apply(snap)
		}, nil
	}
	snap, err := s.load(ctx, counterID)
	if err != nil {
		return func() {}, err
	}
	return func() { s.apply(snap) }, nil
}
