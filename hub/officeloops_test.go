package hub

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"

	"loket/store"
)

// The office's load loops, one copy for both load tests: BenchmarkHubLoad
// (clients in the test's process, counters without streams) and the
// office load generator of BenchmarkHubOffice (its own process, every
// counter with its stream and screen).

// pacer paces one of clients clients so that together they make rate
// requests a second, a third each of issues, calls and finishes; the
// first slot is at a random point of the period, so clients do not start
// in step. Rate 0: no pause (the hub's ceiling).
func pacer(rate float64, clients int) func() {
	if rate == 0 {
		return func() {}
	}
	period := time.Duration(float64(time.Second) * float64(clients) / (rate / 3))
	next := time.Now().Add(time.Duration(rand.Int64N(int64(period))))
	return func() {
		if d := time.Until(next); d > 0 {
			time.Sleep(d)
			next = next.Add(period)
		} else {
			next = time.Now().Add(period)
		}
	}
}

// loadTally is what the load loops count and time.
type loadTally struct {
	lat latencies // every answered request's round trip

	mu                                  sync.Mutex
	ops, issued, calls, empty, failures int
	problems                            []string             // the first 20 failures
	callStarted                         map[string]time.Time // ticket id → when its CallNext was sent
}

func newLoadTally() *loadTally { return &loadTally{callStarted: map[string]time.Time{}} }

// count adds an answered request, and one to n when n is not nil.
func (t *loadTally) count(n *int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.ops++
	if n != nil {
		*n++
	}
}

// fail counts a request that failed while the load ran; one cut short by
// the end of the load (ctx done) is not a failure.
func (t *loadTally) fail(ctx context.Context, what string, err error) {
	if ctx.Err() != nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.failures++
	if len(t.problems) < 20 {
		t.problems = append(t.problems, fmt.Sprintf("%s: %v", what, err))
	}
}

// callAndFinish is a counter until ctx ends: CallNext, then Finish the
// ticket called, each call paced by wait. An empty queue is an answered
// request too; the counter then waits emptyPause (0: only its pace)
// before it calls again, as an officer pressing F1 again would.
func (t *loadTally) callAndFinish(ctx context.Context, c *Client, sessID string, wait func(), emptyPause time.Duration) {
	for ctx.Err() == nil {
		wait()
		t0 := time.Now()
		tk, err := c.CallNext(ctx, sessID)
		t1 := time.Now()
		switch {
		case errors.Is(err, store.ErrNoTicketWaiting):
			t.lat.add(t1.Sub(t0))
			t.count(&t.empty)
			if emptyPause > 0 {
				time.Sleep(emptyPause)
			}
			continue
		case err != nil:
			t.fail(ctx, "call next", err)
			continue
		}
		t.lat.add(t1.Sub(t0))
		t.mu.Lock()
		t.callStarted[tk.ID] = t0
		t.mu.Unlock()
		t.count(&t.calls)
		t0 = time.Now()
		if _, err := c.Finish(ctx, sessID, tk.ID); err != nil {
			t.fail(ctx, "finish", err)
			continue
		}
		t.lat.add(time.Since(t0))
		t.count(nil)
	}
}

// issueTickets is kiosk number i until ctx ends: a ticket per slot of
// wait, the services in turn from the i-th, every fifth in the lansia
// lane.
func (t *loadTally) issueTickets(ctx context.Context, k *Client, services []string, i int, wait func()) {
	for n := 0; ctx.Err() == nil; n++ {
		wait()
		prio := ""
		if n%5 == 0 {
			prio = store.PriorityLansia
		}
		t0 := time.Now()
		if _, err := k.IssueTicket(ctx, services[(i+n)%len(services)], prio); err != nil {
			t.fail(ctx, "issue", err)
			continue
		}
		t.lat.add(time.Since(t0))
		t.count(&t.issued)
	}
}
