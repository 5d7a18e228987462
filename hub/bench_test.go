package hub

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"

	"loket/store"
)

// latencies collects durations from many goroutines.
type latencies struct {
	mu sync.Mutex
	d  []time.Duration
}

func (l *latencies) add(d time.Duration) { l.mu.Lock(); l.d = append(l.d, d); l.mu.Unlock() }

func (l *latencies) pct(p float64) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.d) == 0 {
		return 0
	}
	sort.Slice(l.d, func(i, j int) bool { return l.d[i] < l.d[j] })
	return l.d[min(len(l.d)-1, int(float64(len(l.d))*p))]
}

// BenchmarkHubLoad is an office under load over loopback TLS: 50
// counters (each its own paired device, officer and session) looping
// CallNext/Finish, 5 kiosks issuing tickets, 3 displays subscribed, for
// LOKET_HUB_LOAD (default 30s). Run with -benchtime=1x.
//
// LOKET_HUB_RATE (default 600) paces the clients to that many operations
// per second in all (a third issues, a third calls, a third finishes), so
// latency is measured at a stated load rather than being the queueing
// delay of 55 clients that never pause; LOKET_HUB_RATE=0 runs them flat
// out to find the hub's ceiling.
//
// Its figures:
//   - target_ops/s: the pace asked for (LOKET_HUB_RATE).
//   - ops/s: requests answered without error per second (issue, call, empty call, finish).
//   - p99_ms: 99th percentile of one request's round trip, from sending it to its answer.
//   - call→display_p50_ms, call→display_p99_ms: from the moment a counter sends CallNext to the
//     moment a display receives that ticket's ticket.called event, one sample per display and call.
//   - dup_tickets: tickets of today that share a number with another (the store's list, counted once).
//   - failures: requests that failed while the load ran.
//   - display<N>_lost+dup: events display N missed or received twice.
func BenchmarkHubLoad(b *testing.B) {
	dur := benchDuration(b, "LOKET_HUB_LOAD", 30*time.Second)
	const nCounters, nKiosks, nDisplays = 50, 5, 3
	rate := benchRate(b, "LOKET_HUB_RATE", 600, true)
	// Each client waits for its next slot; a client that falls behind
	// starts again from now rather than bursting to catch up.
	// A counter that finds the queue empty tries again after a pause, as
	// an officer pressing F1 again would (LOKET_HUB_EMPTY_PAUSE, default
	// 200ms). Each empty call is still a write transaction on the hub.
	emptyPause := benchDuration(b, "LOKET_HUB_EMPTY_PAUSE", 200*time.Millisecond)
	o := newBenchOffice(b)
	st, h, local, svcIDs := o.st, o.h, o.local, o.services
	ctx := context.Background()
	type counterDev struct {
		c       *Client
		officer store.Officer
		counter store.Counter
	}
	counters := make([]counterDev, nCounters)
	for i := range counters {
		ct, of := o.counterOfficer(b, i+1)
		counters[i] = counterDev{c: newClient(b, pair(b, h, fmt.Sprintf("Loket %d", i+1))), officer: of, counter: ct}
	}
	kiosks := make([]*Client, nKiosks)
	for i := range kiosks {
		kiosks[i] = newClient(b, pairAs(b, h, fmt.Sprintf("Kios %d", i+1), KindKiosk))
	}
	startSeq, err := st.LastEventSeq(ctx)
	if err != nil {
		b.Fatal(err)
	}

	// Displays: every event after startSeq, with arrival times of calls.
	type display struct {
		seqs   []int64
		called map[string]time.Time
	}
	displays := make([]*display, nDisplays)
	dctx, dcancel := context.WithCancel(ctx)
	defer dcancel()
	var dwg sync.WaitGroup
	lastSeq := make(chan int64, 1) // the final seq, once the load stops
	for i := range displays {
		d := &display{called: map[string]time.Time{}}
		displays[i] = d
		c := newClient(b, pairAs(b, h, fmt.Sprintf("Layar %d", i+1), KindDisplay))
		ch, err := c.Subscribe(dctx, startSeq)
		if err != nil {
			b.Fatal(err)
		}
		dwg.Add(1)
		go func() {
			defer dwg.Done()
			final := int64(-1)
			lastSeq := lastSeq
			for {
				select {
				case e, ok := <-ch:
					if !ok {
						return
					}
					d.seqs = append(d.seqs, e.Seq)
					if e.Kind == store.EvTicketCalled {
						d.called[e.TicketID] = time.Now()
					}
					if final >= 0 && e.Seq >= final {
						return
					}
				case f := <-lastSeq:
					lastSeq <- f // for the other displays
					final = f
					if len(d.seqs) > 0 && d.seqs[len(d.seqs)-1] >= final {
						return
					}
					lastSeq = nil // wait for events only
				}
			}
		}()
	}

	tally := newLoadTally()
	pause := time.Duration(0)
	if rate == 0 {
		pause = emptyPause
	}

	b.ResetTimer()
	lctx, lcancel := context.WithTimeout(ctx, dur)
	defer lcancel()
	start := time.Now()
	var wg sync.WaitGroup
	for i := range counters {
		cd := counters[i]
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := cd.c.Login(lctx, cd.officer.Username, "rahasia1"); err != nil {
				b.Error(err)
				return
			}
			sess, err := cd.c.OpenCounter(lctx, cd.officer.ID, cd.counter.ID, svcIDs)
			if err != nil {
				b.Error(err)
				return
			}
			tally.callAndFinish(lctx, cd.c, sess.ID, pacer(rate, nCounters), pause)
		}()
	}
	for i, k := range kiosks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tally.issueTickets(lctx, k, svcIDs, i, pacer(rate, nKiosks))
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()

	final, err := st.LastEventSeq(ctx)
	if err != nil {
		b.Fatal(err)
	}
	lastSeq <- final
	waited := make(chan struct{})
	go func() { dwg.Wait(); close(waited) }()
	select {
	case <-waited:
	case <-time.After(30 * time.Second):
		b.Error("displays did not catch up within 30 s")
		dcancel()
		<-waited
	}

	// Duplicates are counted once, from the store's own list of today's
	// tickets: every ticket a kiosk was given is in it.
	dups := 0
	today, err := local.TicketsToday(ctx)
	if err != nil {
		b.Fatal(err)
	}
	seen := map[string]bool{}
	for _, tk := range today {
		key := tk.BusinessDate + " " + tk.Code()
		if seen[key] {
			dups++
		}
		seen[key] = true
	}
	// What a display's stream carries: not the audit trail (the
	// counters' logins), whose seqs it skips (streamFilter).
	want := int64(0)
	for after := startSeq; after < final; {
		evs, err := st.EventsAfter(ctx, after, 1000)
		if err != nil {
			b.Fatal(err)
		}
		if len(evs) == 0 {
			break
		}
		for _, e := range evs {
			if _, keep := (streamFilter{kind: KindDisplay}).apply(e); keep && e.Seq <= final {
				want++
			}
		}
		after = evs[len(evs)-1].Seq
	}
	var c2d latencies
	for i, d := range displays {
		uniq := map[int64]bool{}
		ordered := true
		for j, s := range d.seqs {
			uniq[s] = true
			if j > 0 && s <= d.seqs[j-1] {
				ordered = false
			}
		}
		lost := want - int64(len(uniq))
		dup := len(d.seqs) - len(uniq)
		b.Logf("display %d: %d events, lost %d, duplicated %d, in order %v", i+1, len(d.seqs), lost, dup, ordered)
		if lost != 0 || dup != 0 || !ordered {
			b.Errorf("display %d: lost %d, duplicated %d, in order %v", i+1, lost, dup, ordered)
		}
		b.ReportMetric(float64(lost+int64(dup)), fmt.Sprintf("display%d_lost+dup", i+1))
		for id, at := range d.called {
			sent, ok := tally.callStarted[id]
			if !ok {
				continue // a call whose answer was lost to the end of the run
			}
			// The event is written inside the call, so it cannot reach a
			// display before the call was sent; a negative sample would be
			// a bug in this benchmark, not a fast hub.
			if at.Before(sent) {
				b.Errorf("display %d received the call of %s %v before it was sent", i+1, id, sent.Sub(at))
			}
			c2d.add(at.Sub(sent))
		}
	}
	opsPerSec := float64(tally.ops) / elapsed.Seconds()
	p50, p99 := tally.lat.pct(0.50), tally.lat.pct(0.99)
	b.Logf("%v: %d ops (%.0f ops/s): %d issued, %d called (+finished), %d empty calls, %d failures",
		elapsed.Round(time.Millisecond), tally.ops, opsPerSec, tally.issued, tally.calls, tally.empty, tally.failures)
	for _, p := range tally.problems {
		b.Log(p)
	}
	b.Logf("latency p50 %v p99 %v; call→display p50 %v p99 %v; duplicate ticket numbers %d",
		p50, p99, c2d.pct(0.50), c2d.pct(0.99), dups)
	b.ReportMetric(rate, "target_ops/s")
	b.ReportMetric(opsPerSec, "ops/s")
	b.ReportMetric(float64(p99.Microseconds())/1000, "p99_ms")
	b.ReportMetric(float64(c2d.pct(0.50).Microseconds())/1000, "call→display_p50_ms")
	b.ReportMetric(float64(c2d.pct(0.99).Microseconds())/1000, "call→display_p99_ms")
	b.ReportMetric(float64(dups), "dup_tickets")
	b.ReportMetric(float64(tally.failures), "failures")
	if dups != 0 {
		b.Errorf("%d duplicate ticket numbers", dups)
	}
}
