package office

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"loket/store"
)

func feedOffice(t *testing.T) (*Local, string) {
	t.Helper()
	store.BcryptCost = 4
	st, err := store.Open(filepath.Join(t.TempDir(), "loket.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	l := NewLocal(st)
	ctx := context.Background()
	if _, err := FirstRun(ctx, l, Setup{Office: DemoOffice(), AdminUsername: "admin", AdminName: "Admin",
		AdminPassword: "rahasia1", Demo: true}); err != nil {
		t.Fatal(err)
	}
	svcs, err := l.Services(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return l, svcs[0].ID
}

// collect reads n events from ch, failing on a gap, a repeat or a stall.
func collect(t *testing.T, ch <-chan store.Event, after int64, n int) []store.Event {
	t.Helper()
	var out []store.Event
	last := after
	timeout := time.After(20 * time.Second)
	for len(out) < n {
		select {
		case e, ok := <-ch:
			if !ok {
				t.Fatalf("stream closed after %d of %d events", len(out), n)
			}
			if e.Seq != last+1 {
				t.Fatalf("seq %d after %d: missed or repeated", e.Seq, last)
			}
			last = e.Seq
			out = append(out, e)
		case <-timeout:
			t.Fatalf("only %d of %d events", len(out), n)
		}
	}
	return out
}

// TestFeedSharedByAllSubscribers: many live subscribers, and one resuming
// from an old seq, each get every event once and in order, while one
// broadcaster reads them.
func TestFeedSharedByAllSubscribers(t *testing.T) {
	l, svc := feedOffice(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	start, err := l.st.LastEventSeq(ctx)
	if err != nil {
		t.Fatal(err)
	}
	const subs, tickets = 40, 60
	chans := make([]<-chan store.Event, subs)
	for i := range chans {
		if chans[i], err = l.Subscribe(ctx, start); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for range tickets {
			if _, err := l.IssueTicket(context.Background(), svc, ""); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	for _, ch := range chans {
		evs := collect(t, ch, start, tickets)
		for _, e := range evs {
			if e.Ticket == nil || e.Ticket.ID != e.TicketID || e.Waiting == nil {
				t.Fatalf("event %d without its ticket or counts", e.Seq)
			}
		}
	}
	wg.Wait()
	l.feed.mu.Lock()
	n, running := len(l.feed.subs), l.feed.running
	l.feed.mu.Unlock()
	if n != subs || !running {
		t.Fatalf("feed has %d subscribers (running %v), want %d", n, running, subs)
	}
	// A late subscriber from the start catches up from the store, then
	// joins the same feed.
	late, err := l.Subscribe(ctx, start)
	if err != nil {
		t.Fatal(err)
	}
	collect(t, late, start, tickets)
	if _, err := l.IssueTicket(ctx, svc, ""); err != nil {
		t.Fatal(err)
	}
	collect(t, late, start+tickets, 1)
	// Subscribers that end leave the feed; the broadcaster stops.
	cancel()
	deadline := time.Now().Add(10 * time.Second)
	for {
		l.feed.mu.Lock()
		n, running = len(l.feed.subs), l.feed.running
		l.feed.mu.Unlock()
		if n == 0 && !running {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after every subscriber left: %d subscribers, running %v", n, running)
		}
		l.notify()
		time.Sleep(10 * time.Millisecond)
	}
}

// TestFeedStalledSubscriber: a subscriber that stops reading is dropped
// from the feed rather than holding up the others, and when it reads
// again it catches up from the store with nothing missed.
func TestFeedStalledSubscriber(t *testing.T) {
	old := maxPending
	maxPending = 20
	t.Cleanup(func() { maxPending = old })
	l, svc := feedOffice(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	start, err := l.st.LastEventSeq(ctx)
	if err != nil {
		t.Fatal(err)
	}
	stalled, err := l.Subscribe(ctx, start)
	if err != nil {
		t.Fatal(err)
	}
	live, err := l.Subscribe(ctx, start)
	if err != nil {
		t.Fatal(err)
	}
	const tickets = 200 // far beyond the stalled one's buffer and mailbox
	for i := range tickets {
		if _, err := l.IssueTicket(ctx, svc, ""); err != nil {
			t.Fatal(err)
		}
		collect(t, live, start+int64(i), 1) // the live one keeps up throughout
	}
	l.feed.mu.Lock()
	n := len(l.feed.subs)
	l.feed.mu.Unlock()
	if n != 1 {
		t.Fatalf("%d subscribers on the feed, want only the live one (the stalled one dropped)", n)
	}
	collect(t, stalled, start, tickets)
}
