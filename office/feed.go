package office

import (
	"context"
	"strings"
	"sync"
	"time"

	"loket/store"
)

// The shared event feed. Every subscription used to read the store on
// every write: fifty counter screens, three displays and a thousand idle
// streams meant a thousand queries per ticket. Now one broadcaster reads
// each new batch of events once, attaches the changed tickets and the
// waiting counts (one query each per batch), and hands the same batch to
// every live subscriber. A subscriber reads the store itself only to catch
// up (resuming after a seq, or after falling behind), then joins the feed.

// feedBatch is how many events one read takes.
const feedBatch = 500

// maxPending (a variable for tests) is how many events a subscriber may have waiting before the
// broadcaster drops it from the feed; it then catches up from the store at
// its own pace, so one stalled client never holds up the others.
var maxPending = 4096

// feed is the broadcaster's state, guarded by mu.
type feed struct {
	mu      sync.Mutex
	subs    map[*feedSub]struct{}
	running bool
	// last is the newest seq the broadcaster has handed out (or started
	// after): every event after it will reach every registered subscriber.
	last int64
}

// feedSub is one subscription's mailbox on the feed.
type feedSub struct {
	mu      sync.Mutex
	pending []store.Event
	dropped bool // fell too far behind: catch up from the store
	signal  chan struct{}
}

func (s *feedSub) push(evs []store.Event) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.pending)+len(evs) > maxPending {
		s.pending, s.dropped = nil, true
	} else {
		s.pending = append(s.pending, evs...)
	}
	select {
	case s.signal <- struct{}{}:
	default:
	}
	return !s.dropped
}

func (s *feedSub) take() ([]store.Event, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	evs, dropped := s.pending, s.dropped
	s.pending = nil
	return evs, dropped
}

// join registers sub on the feed when it has caught up to the feed (its
// last seq at or past the feed's), starting the broadcaster if none runs.
// It reports false when the subscriber must read more from the store first.
func (l *Local) join(sub *feedSub, last int64) bool {
	f := &l.feed
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.running && last < f.last {
		return false
	}
	if f.subs == nil {
		f.subs = map[*feedSub]struct{}{}
	}
	f.subs[sub] = struct{}{}
	if !f.running {
		f.running, f.last = true, last
		go l.broadcast(last)
	}
	return true
}

func (l *Local) leave(sub *feedSub) {
	l.feed.mu.Lock()
	delete(l.feed.subs, sub)
	l.feed.mu.Unlock()
}

// broadcast is the one reader of new events. It stops when nobody listens.
func (l *Local) broadcast(last int64) {
	f := &l.feed
	ctx := context.Background()
	for {
		wake := l.wait() // register before reading, so no write slips between
		evs, err := l.st.EventsAfter(ctx, last, feedBatch)
		if err == nil && len(evs) > 0 {
			read := time.Now()
			l.enrich(ctx, evs)
			last = evs[len(evs)-1].Seq
			f.mu.Lock()
			f.last = last
			for sub := range f.subs {
				if !sub.push(evs) {
					delete(f.subs, sub)
				}
			}
			f.mu.Unlock()
			if len(evs) == feedBatch {
				continue
			}
			// Under a burst, the next read waits out FeedGap: the events
			// written meanwhile go to every subscriber as one batch, one
			// wake-up and one write per stream instead of one per event.
			if gap := l.FeedGap - time.Since(read); gap > 0 {
				time.Sleep(gap)
			}
		}
		f.mu.Lock()
		if len(f.subs) == 0 {
			f.running = false
			f.mu.Unlock()
			return
		}
		f.mu.Unlock()
		poll := l.Poll
		if poll <= 0 {
			poll = time.Second
		}
		t := time.NewTimer(poll)
		select {
		case <-wake:
		case <-t.C:
		}
		t.Stop()
	}
}

// enrich attaches to every ticket event its ticket and today's waiting
// counts, read once for the batch. A failed read leaves the events plain:
// screens then reload as before.
func (l *Local) enrich(ctx context.Context, evs []store.Event) {
	var ids []string
	seen := map[string]bool{}
	for _, e := range evs {
		if e.TicketID != "" && strings.HasPrefix(e.Kind, "ticket.") && !seen[e.TicketID] {
			seen[e.TicketID] = true
			ids = append(ids, e.TicketID)
		}
	}
	if len(ids) == 0 {
		return
	}
	tickets, err := l.st.TicketsByID(ctx, ids)
	if err != nil {
		return
	}
	waiting, err := l.WaitingCounts(ctx)
	if err != nil {
		return
	}
	ptrs := make(map[string]*store.Ticket, len(tickets))
	for id, t := range tickets {
		ptrs[id] = &t
		// The counts name every service of the batch's tickets, 0
		// included: an empty map would vanish from the JSON (omitempty)
		// and a screen could not tell "none waiting" from "no counts".
		if _, ok := waiting[t.ServiceID]; !ok {
			waiting[t.ServiceID] = 0
		}
	}
	for i := range evs {
		if t, ok := ptrs[evs[i].TicketID]; ok && strings.HasPrefix(evs[i].Kind, "ticket.") {
			evs[i].Ticket, evs[i].Waiting = t, waiting
		}
	}
}

// Subscribe implements Service. Events are read back from the store by Seq,
// so a subscriber sees exactly the committed log, in order, whoever wrote
// it: first from the store up to the present, then from the shared feed.
func (l *Local) Subscribe(ctx context.Context, afterSeq int64) (<-chan store.Event, error) {
	if afterSeq < 0 {
		last, err := l.st.LastEventSeq(ctx)
		if err != nil {
			return nil, err
		}
		afterSeq = last
	}
	out := make(chan store.Event, 64)
	go func() {
		defer close(out)
		last := afterSeq
		send := func(evs []store.Event) bool {
			for _, e := range evs {
				if e.Seq <= last {
					continue // the feed may start before this subscriber's point
				}
				select {
				case out <- e:
					last = e.Seq
				case <-ctx.Done():
					return false
				}
			}
			return true
		}
		sub := &feedSub{signal: make(chan struct{}, 1)}
		for {
			// Catch up from the store until the feed can take over.
			for {
				evs, err := l.st.EventsAfter(ctx, last, feedBatch)
				if err != nil {
					if ctx.Err() != nil {
						return
					}
					select { // the store is busy or closing: try again shortly
					case <-ctx.Done():
						return
					case <-time.After(100 * time.Millisecond):
					}
					continue
				}
				l.enrich(ctx, evs)
				if !send(evs) {
					return
				}
				if len(evs) < feedBatch && l.join(sub, last) {
					break
				}
			}
			// Live: what the broadcaster hands over.
			for {
				select {
				case <-ctx.Done():
					l.leave(sub)
					return
				case <-sub.signal:
				}
				evs, dropped := sub.take()
				if !send(evs) {
					l.leave(sub)
					return
				}
				if dropped {
					sub = &feedSub{signal: make(chan struct{}, 1)}
					break
				}
			}
		}
	}()
	return out, nil
}
