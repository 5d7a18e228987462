package ui

import (
	"context"
	"sync"
	"testing"
	"time"

	"loket/office"
	"loket/store"
)

// dropper is an office whose event stream drops after two events each
// time; it records where each subscription asked to resume.
type dropper struct {
	office.Service
	mu      sync.Mutex
	afters  []int64
	newest  int64
	failFor int // the first failFor subscriptions fail outright
}

func (d *dropper) Subscribe(ctx context.Context, after int64) (<-chan store.Event, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.afters = append(d.afters, after)
	if d.failFor > 0 {
		d.failFor--
		return nil, context.DeadlineExceeded
	}
	if after < 0 {
		after = d.newest
	}
	ch := make(chan store.Event, 2)
	for seq := after + 1; seq <= after+2; seq++ {
		ch <- store.Event{Seq: seq, Kind: store.EvTicketIssued}
	}
	close(ch)
	return ch, nil
}

// follow starts live, resumes after every drop exactly where it left off
// (nothing missed, nothing twice), retries a failed subscription, and
// stops when its context ends.
func TestFollowResumesWithoutGapsAndStops(t *testing.T) {
	old := resubscribeWait
	resubscribeWait = time.Millisecond
	t.Cleanup(func() { resubscribeWait = old })
	svc := &dropper{newest: 40, failFor: 1}
	ctx, cancel := context.WithCancel(context.Background())
	var got []int64
	done := make(chan struct{})
	go func() {
		defer close(done)
		follow(ctx, svc, func(e store.Event) {
			got = append(got, e.Seq)
			if len(got) == 6 {
				cancel()
			}
		})
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("follow did not stop when its context ended")
	}
	want := []int64{41, 42, 43, 44, 45, 46}
	for i := range want {
		if i >= len(got) || got[i] != want[i] {
			t.Fatalf("events %v, want %v", got, want)
		}
	}
	svc.mu.Lock()
	defer svc.mu.Unlock()
	// A failed live start, a live start, then resumes at 42 and 44.
	if len(svc.afters) < 4 || svc.afters[0] != -1 || svc.afters[1] != -1 || svc.afters[2] != 42 || svc.afters[3] != 44 {
		t.Errorf("subscribed after %v", svc.afters)
	}
}
