package hub

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"loket/office"
	"loket/reports"
	"loket/store"
)

// benchDuration reads a duration from env, or def.
func benchDuration(b *testing.B, env string, def time.Duration) time.Duration {
	if v := os.Getenv(env); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			b.Fatalf("%s: %v", env, err)
		}
		return d
	}
	return def
}

// counterView is what one counter screen holds: today's tickets, the
// waiting counts and the seq they reflect, kept current as the screen
// now does (ui/counter_delta.go): from the ticket and counts each ticket
// event carries, and only for an event without them, the changes since
// the last seq.
type counterView struct {
	tickets map[string]store.Ticket
	waiting map[string]int
	last    int64
	seqs    []int64
	reloads int
}

func (v *counterView) applyEvent(ctx context.Context, c *Client, e store.Event, lat *latencies, count func()) {
	defer func() { v.last = e.Seq; v.seqs = append(v.seqs, e.Seq) }()
	if len(e.Kind) < 7 || e.Kind[:7] != "ticket." {
		return
	}
	if e.Ticket != nil && e.Waiting != nil {
		if old, ok := v.tickets[e.Ticket.ID]; !ok || !e.Ticket.UpdatedAt.Before(old.UpdatedAt) {
			v.tickets[e.Ticket.ID] = *e.Ticket
		}
		v.waiting = maps.Clone(e.Waiting)
		return
	}
	// No payload: the incremental form of the day's list.
	v.reloads++
	t0 := time.Now()
	changed, _, err := c.TicketsChangedSince(ctx, v.last)
	if err != nil {
		return
	}
	w, err := c.WaitingCounts(ctx)
	if err != nil {
		return
	}
	lat.add(time.Since(t0))
	count()
	for _, t := range changed {
		v.tickets[t.ID] = t
	}
	v.waiting = w
}

// BenchmarkHubOffice is a real office's traffic over loopback TLS, each
// device behaving as its app does: 50 counter PCs, each with its own
// event stream applied to its screen's view (counterView) and an officer
// calling the next visitor and finishing; 5 kiosks issuing; 3 displays
// following the stream; a monthly report generated every minute; 5
// satker searches a second (the registration form's look-up). The day
// starts with 1,000 tickets waiting. LOKET_HUB_OFFICE sets the length
// (default 60s, what `make bench` runs); LOKET_HUB_RATE (default 600) the
// pace of the queue operations, a third each issue, call and finish.
//
// Its figures:
//   - ops/s: requests answered without error per second, of every kind
//     (issue, call, empty call, finish, search, report, the counters'
//     changes-since calls).
//   - p99_ms: 99th percentile of one request's round trip, all of them.
//   - call→display_p99_ms: from a counter sending CallNext to a display
//     receiving that ticket's ticket.called event.
//   - report_ms: the slowest monthly report.
//   - dup_tickets: tickets of today sharing a number.
//   - lost_events, dup_events: over every stream (50 counters, 3
//     displays), events the stream should carry and did not, or twice.
//   - reloads: counter screens' fall-backs to the changes-since call.
//   - stale_views: counter screens whose view, at the end, differs from
//     the store's (waiting counts or any ticket's status).
//   - cpu_ms/op, cpu_cores: CPU time of this process (hub and all its
//     clients) per answered request, and the cores it got on average: on
//     a shared machine, how much of the latency is waiting for a CPU.
func BenchmarkHubOffice(b *testing.B) {
	dur := benchDuration(b, "LOKET_HUB_OFFICE", 60*time.Second)
	const nCounters, nKiosks, nDisplays, preload = 50, 5, 3, 1000
	rate := 600.0
	if v := os.Getenv("LOKET_HUB_RATE"); v != "" {
		if _, err := fmt.Sscan(v, &rate); err != nil || rate <= 0 {
			b.Fatalf("LOKET_HUB_RATE: %q is not a rate", v)
		}
	}
	pacer := func(clients int) func() {
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
	st, _ := newOffice(b)
	st.Now = time.Now
	local := office.NewLocal(st)
	h := startHub(b, b.TempDir(), local, "127.0.0.1:0")
	ctx := context.Background()
	adminDev := newClient(b, pair(b, h, "Admin"))
	admin, err := office.FirstRun(ctx, adminDev, office.Setup{Office: office.DemoOffice(), AdminUsername: "admin",
		AdminName: "Admin", AdminPassword: "rahasia1"})
	if err != nil {
		b.Fatal(err)
	}
	var svcIDs []string
	for i, p := range []string{"A", "B", "C", "D"} {
		sv, err := adminDev.SaveService(ctx, admin.ID, store.Service{Prefix: p, Name: "Layanan " + p, Active: true, SortOrder: i})
		if err != nil {
			b.Fatal(err)
		}
		svcIDs = append(svcIDs, sv.ID)
	}
	var csv bytes.Buffer
	csv.WriteString("kode,nama\n")
	for i := range 3000 {
		fmt.Fprintf(&csv, "%06d,Satuan Kerja %s %d\n", 100000+i, []string{"Dinas", "Kantor", "Balai", "Badan"}[i%4], i)
	}
	if _, err := adminDev.ImportSatkers(ctx, admin.ID, csv.Bytes()); err != nil {
		b.Fatal(err)
	}
	for i := range preload {
		if _, err := local.IssueTicket(ctx, svcIDs[i%len(svcIDs)], ""); err != nil {
			b.Fatal(err)
		}
	}

	type counterDev struct {
		c    *Client
		sess store.CounterSession
		view *counterView
		ch   <-chan store.Event
	}
	dctx, dcancel := context.WithCancel(ctx)
	defer dcancel()
	counters := make([]*counterDev, nCounters)
	for i := range counters {
		ct, err := adminDev.SaveCounter(ctx, admin.ID, store.Counter{Number: i + 1, Active: true})
		if err != nil {
			b.Fatal(err)
		}
		of, err := adminDev.SaveOfficer(ctx, admin.ID, store.Officer{Username: fmt.Sprintf("fo%02d", i+1),
			FullName: fmt.Sprintf("Petugas %d", i+1), Role: store.RoleFO, Active: true}, "rahasia1")
		if err != nil {
			b.Fatal(err)
		}
		cd := &counterDev{c: newClient(b, pair(b, h, fmt.Sprintf("Loket %d", i+1)))}
		if _, err := cd.c.Login(ctx, of.Username, "rahasia1"); err != nil {
			b.Fatal(err)
		}
		if cd.sess, err = cd.c.OpenCounter(ctx, of.ID, ct.ID, svcIDs); err != nil {
			b.Fatal(err)
		}
		counters[i] = cd
	}
	searcher := newClient(b, pair(b, h, "Loket registrasi"))
	if _, err := searcher.Login(ctx, "fo01", "rahasia1"); err != nil {
		b.Fatal(err)
	}
	if _, err := adminDev.Login(ctx, "admin", "rahasia1"); err != nil {
		b.Fatal(err)
	}
	kiosks := make([]*Client, nKiosks)
	for i := range kiosks {
		kiosks[i] = newClient(b, pairAs(b, h, fmt.Sprintf("Kios %d", i+1), KindKiosk))
	}
	// Every counter screen opens as the app does: the day's list once,
	// the counts, its current ticket; then its own stream from there.
	for _, cd := range counters {
		all, seq, err := cd.c.TicketsChangedSince(ctx, -1)
		if err != nil {
			b.Fatal(err)
		}
		w, err := cd.c.WaitingCounts(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := cd.c.CurrentTicket(ctx, cd.sess.CounterID); err != nil && !errors.Is(err, store.ErrNotFound) {
			b.Fatal(err)
		}
		cd.view = &counterView{tickets: map[string]store.Ticket{}, waiting: w, last: seq}
		for _, t := range all {
			cd.view.tickets[t.ID] = t
		}
		if cd.ch, err = cd.c.Subscribe(dctx, seq); err != nil {
			b.Fatal(err)
		}
	}
	startSeq, err := st.LastEventSeq(ctx)
	if err != nil {
		b.Fatal(err)
	}
	// The counters' views started at their own seqs (at or before
	// startSeq): only events after startSeq are counted.
	for _, cd := range counters {
		if cd.view.last > startSeq {
			b.Fatalf("a counter started after the load's start")
		}
	}

	type display struct {
		seqs   []int64
		called map[string]time.Time
	}
	displays := make([]*display, nDisplays)
	var dwg sync.WaitGroup
	finalc := make(chan struct{})
	var final int64
	for i := range displays {
		d := &display{called: map[string]time.Time{}}
		displays[i] = d
		c := newClient(b, pairAs(b, h, fmt.Sprintf("Layar %d", i+1), KindDisplay))
		ch, err := c.Subscribe(dctx, startSeq)
		if err != nil {
			b.Fatal(err)
		}
		dwg.Add(1)
		go streamUntil(&dwg, dctx, ch, finalc, &final, func(e store.Event) {
			d.seqs = append(d.seqs, e.Seq)
			if e.Kind == store.EvTicketCalled {
				d.called[e.TicketID] = time.Now()
			}
		})
	}

	var lat, reportLat latencies
	var mu sync.Mutex
	var ops, issued, calls, empty, searches, nReports, failures int
	callStarted := map[string]time.Time{}
	count := func(n *int) { mu.Lock(); *n++; ops++; mu.Unlock() }
	fail := func(what string, err error, lctx context.Context) {
		if lctx.Err() == nil {
			b.Logf("%s: %v", what, err)
			mu.Lock()
			failures++
			mu.Unlock()
		}
	}

	b.ResetTimer()
	lctx, lcancel := context.WithTimeout(ctx, dur)
	defer lcancel()
	start := time.Now()
	cpu0 := processCPU()
	for _, cd := range counters {
		dwg.Add(1)
		go streamUntil(&dwg, dctx, cd.ch, finalc, &final, func(e store.Event) {
			cd.view.applyEvent(dctx, cd.c, e, &lat, func() { count(new(int)) })
		})
	}
	var wg sync.WaitGroup
	for _, cd := range counters {
		wg.Add(1)
		go func() {
			defer wg.Done()
			wait := pacer(nCounters)
			for lctx.Err() == nil {
				wait()
				t0 := time.Now()
				tk, err := cd.c.CallNext(lctx, cd.sess.ID)
				t1 := time.Now()
				switch {
				case errors.Is(err, store.ErrNoTicketWaiting):
					lat.add(t1.Sub(t0))
					count(&empty)
					continue
				case err != nil:
					fail("call next", err, lctx)
					continue
				}
				lat.add(t1.Sub(t0))
				mu.Lock()
				callStarted[tk.ID] = t0
				mu.Unlock()
				count(&calls)
				t0 = time.Now()
				if _, err := cd.c.Finish(lctx, cd.sess.ID, tk.ID); err != nil {
					fail("finish", err, lctx)
					continue
				}
				lat.add(time.Since(t0))
				count(new(int))
			}
		}()
	}
	for i, k := range kiosks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			wait := pacer(nKiosks)
			for n := 0; lctx.Err() == nil; n++ {
				wait()
				prio := ""
				if n%5 == 0 {
					prio = store.PriorityLansia
				}
				t0 := time.Now()
				if _, err := k.IssueTicket(lctx, svcIDs[(i+n)%len(svcIDs)], prio); err != nil {
					fail("issue", err, lctx)
					continue
				}
				lat.add(time.Since(t0))
				count(&issued)
			}
		}()
	}
	wg.Add(2)
	go func() { // the registration form's satker look-up, 5 a second
		defer wg.Done()
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		words := []string{"dinas", "kantor", "balai", "badan", "1001", "satuan kerja 2"}
		for {
			select {
			case <-lctx.Done():
				return
			case <-tick.C:
			}
			t0 := time.Now()
			if _, err := searcher.SearchSatkers(lctx, words[rand.IntN(len(words))]); err != nil {
				fail("search", err, lctx)
				continue
			}
			lat.add(time.Since(t0))
			count(&searches)
		}
	}()
	go func() { // the Kepala Seksi's monthly report, every minute
		defer wg.Done()
		for {
			t0 := time.Now()
			if _, err := adminDev.ReportData(lctx, admin.ID, reports.MonthPeriod(time.Now()), reports.Filter{}); err != nil {
				fail("report", err, lctx)
			} else {
				d := time.Since(t0)
				lat.add(d)
				reportLat.add(d)
				count(&nReports)
			}
			select {
			case <-lctx.Done():
				return
			case <-time.After(time.Minute - time.Since(t0)):
			}
		}
	}()
	wg.Wait()
	elapsed := time.Since(start)
	cpu := processCPU() - cpu0
	b.StopTimer()

	// Requests the clients gave up on at the end may still commit on
	// the hub: the final seq is the one that stays put.
	for {
		if final, err = st.LastEventSeq(ctx); err != nil {
			b.Fatal(err)
		}
		time.Sleep(300 * time.Millisecond)
		again, err := st.LastEventSeq(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if again == final {
			break
		}
	}
	close(finalc)
	waited := make(chan struct{})
	go func() { dwg.Wait(); close(waited) }()
	select {
	case <-waited:
	case <-time.After(60 * time.Second):
		b.Error("streams did not catch up within 60 s")
		dcancel()
		<-waited
	}

	// What each kind of stream should have carried after startSeq.
	want := map[string]map[int64]bool{KindCounter: {}, KindDisplay: {}}
	for after := startSeq; ; {
		evs, err := st.EventsAfter(ctx, after, 1000)
		if err != nil {
			b.Fatal(err)
		}
		if len(evs) == 0 {
			break
		}
		for _, e := range evs {
			if e.Seq > final {
				break
			}
			for kind, set := range want {
				if _, keep := (streamFilter{kind: kind}).apply(e); keep {
					set[e.Seq] = true
				}
			}
		}
		after = evs[len(evs)-1].Seq
	}
	lostDup := func(seqs []int64, want map[int64]bool, from int64) (lost, dup int) {
		got := map[int64]bool{}
		for _, s := range seqs {
			if s <= from {
				continue
			}
			if got[s] || !want[s] {
				dup++
			}
			got[s] = true
		}
		for s := range want {
			if !got[s] {
				lost++
			}
		}
		return lost, dup
	}
	var lost, dupEv int
	for i, d := range displays {
		l, dd := lostDup(d.seqs, want[KindDisplay], startSeq)
		if l+dd > 0 {
			b.Errorf("display %d: lost %d, duplicated %d", i+1, l, dd)
		}
		lost, dupEv = lost+l, dupEv+dd
	}
	// The store's own view, for the counters' to match.
	today, err := local.TicketsToday(ctx)
	if err != nil {
		b.Fatal(err)
	}
	waitingNow, err := local.WaitingCounts(ctx)
	if err != nil {
		b.Fatal(err)
	}
	reloads, stale := 0, 0
	for i, cd := range counters {
		l, dd := lostDup(cd.view.seqs, want[KindCounter], startSeq)
		if l+dd > 0 {
			b.Errorf("counter %d: lost %d, duplicated %d", i+1, l, dd)
		}
		lost, dupEv = lost+l, dupEv+dd
		reloads += cd.view.reloads
		ok := len(cd.view.tickets) == len(today)
		for _, t := range today {
			if cd.view.tickets[t.ID].Status != t.Status {
				ok = false
			}
		}
		for _, id := range svcIDs {
			if cd.view.waiting[id] != waitingNow[id] {
				ok = false
			}
		}
		if !ok {
			if stale == 0 {
				diff := 0
				for _, t := range today {
					if cd.view.tickets[t.ID].Status != t.Status {
						diff++
					}
				}
				b.Logf("counter %d: %d tickets seen, %d in the store, %d statuses differ; waiting %v, store %v",
					i+1, len(cd.view.tickets), len(today), diff, cd.view.waiting, waitingNow)
			}
			stale++
		}
	}
	if stale > 0 {
		b.Errorf("%d counter screens ended with a view that differs from the store", stale)
	}
	dups := 0
	seen := map[string]bool{}
	for _, tk := range today {
		key := tk.BusinessDate + " " + tk.Code()
		if seen[key] {
			dups++
		}
		seen[key] = true
	}
	if dups != 0 {
		b.Errorf("%d duplicate ticket numbers", dups)
	}
	var c2d latencies
	for i, d := range displays {
		for id, at := range d.called {
			sent, ok := callStarted[id]
			if !ok {
				continue
			}
			if at.Before(sent) {
				b.Errorf("display %d received the call of %s before it was sent", i+1, id)
			}
			c2d.add(at.Sub(sent))
		}
	}
	opsPerSec := float64(ops) / elapsed.Seconds()
	b.Logf("%v: %d ops (%.0f ops/s): %d issued, %d called (+finished), %d empty calls, %d searches, %d reports, %d failures",
		elapsed.Round(time.Millisecond), ops, opsPerSec, issued, calls, empty, searches, nReports, failures)
	b.Logf("latency p50 %v p99 %v; call→display p50 %v p99 %v; report %v; dup numbers %d; events lost %d dup %d; reloads %d; stale views %d",
		lat.pct(0.50), lat.pct(0.99), c2d.pct(0.50), c2d.pct(0.99), reportLat.pct(1), dups, lost, dupEv, reloads, stale)
	b.ReportMetric(opsPerSec, "ops/s")
	b.ReportMetric(ms(lat.pct(0.99)), "p99_ms")
	b.ReportMetric(ms(c2d.pct(0.99)), "call→display_p99_ms")
	b.ReportMetric(ms(reportLat.pct(1)), "report_ms")
	b.ReportMetric(float64(dups), "dup_tickets")
	b.ReportMetric(float64(lost), "lost_events")
	b.ReportMetric(float64(dupEv), "dup_events")
	b.ReportMetric(float64(reloads), "reloads")
	b.ReportMetric(float64(stale), "stale_views")
	b.ReportMetric(float64(failures), "failures")
	b.ReportMetric(ms(cpu)/float64(max(ops, 1)), "cpu_ms/op")
	b.ReportMetric(cpu.Seconds()/elapsed.Seconds(), "cpu_cores")
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// streamUntil hands a stream's events to on until it has passed the final
// seq (published by closing finalc once the load stops).
func streamUntil(wg *sync.WaitGroup, ctx context.Context, ch <-chan store.Event, finalc <-chan struct{}, final *int64, on func(store.Event)) {
	defer wg.Done()
	last := int64(-1)
	stopping := false // finalc closed: *final may be read
	for {
		if stopping && last >= *final {
			return
		}
		wait := finalc
		if stopping {
			wait = nil
		}
		select {
		case e, ok := <-ch:
			if !ok {
				return
			}
			on(e)
			last = e.Seq
		case <-wait:
			stopping = true
		case <-ctx.Done():
			return
		}
	}
}

// BenchmarkHubIdleStreams measures what open event streams cost the
// writes: kiosks issue tickets at a steady pace (LOKET_HUB_IDLE_RATE a
// second, default 100) for LOKET_HUB_IDLE (default 20s), first with no
// stream open, then with 1,000 display streams open that only receive.
// Its figures: issue p99 without (p99_base_ms) and with the streams
// (p99_1000_ms), their difference (p99_delta_ms), and the answered
// issues a second of each run.
func BenchmarkHubIdleStreams(b *testing.B) {
	dur := benchDuration(b, "LOKET_HUB_IDLE", 20*time.Second)
	rate := 100.0
	if v := os.Getenv("LOKET_HUB_IDLE_RATE"); v != "" {
		if _, err := fmt.Sscan(v, &rate); err != nil || rate <= 0 {
			b.Fatalf("LOKET_HUB_IDLE_RATE: %q is not a rate", v)
		}
	}
	const nKiosks, nStreams = 5, 1000
	st, _ := newOffice(b)
	st.Now = time.Now
	local := office.NewLocal(st)
	h := startHub(b, b.TempDir(), local, "127.0.0.1:0")
	ctx := context.Background()
	adminDev := newClient(b, pair(b, h, "Admin"))
	admin, err := office.FirstRun(ctx, adminDev, office.Setup{Office: office.DemoOffice(), AdminUsername: "admin",
		AdminName: "Admin", AdminPassword: "rahasia1"})
	if err != nil {
		b.Fatal(err)
	}
	var svcIDs []string
	for i, p := range []string{"A", "B", "C", "D"} {
		sv, err := adminDev.SaveService(ctx, admin.ID, store.Service{Prefix: p, Name: "Layanan " + p, Active: true, SortOrder: i})
		if err != nil {
			b.Fatal(err)
		}
		svcIDs = append(svcIDs, sv.ID)
	}
	kiosks := make([]*Client, nKiosks)
	for i := range kiosks {
		kiosks[i] = newClient(b, pairAs(b, h, fmt.Sprintf("Kios %d", i+1), KindKiosk))
	}
	run := func() (p99 time.Duration, perSec, cpuPerIssue float64) {
		cpu0 := processCPU()
		var lat latencies
		var mu sync.Mutex
		n := 0
		lctx, cancel := context.WithTimeout(ctx, dur)
		defer cancel()
		var wg sync.WaitGroup
		start := time.Now()
		for i, k := range kiosks {
			wg.Add(1)
			go func() {
				defer wg.Done()
				period := time.Duration(float64(time.Second) * nKiosks / rate)
				next := time.Now().Add(time.Duration(rand.Int64N(int64(period))))
				for j := 0; lctx.Err() == nil; j++ {
					if d := time.Until(next); d > 0 {
						time.Sleep(d)
					}
					next = next.Add(period)
					t0 := time.Now()
					if _, err := k.IssueTicket(lctx, svcIDs[(i+j)%len(svcIDs)], ""); err != nil {
						if lctx.Err() == nil {
							b.Errorf("issue: %v", err)
						}
						continue
					}
					lat.add(time.Since(t0))
					mu.Lock()
					n++
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		return lat.pct(0.99), float64(n) / time.Since(start).Seconds(), ms(processCPU()-cpu0) / float64(max(n, 1))
	}

	b.ResetTimer()
	base, baseRate, baseCPU := run()
	// 1,000 screens: one display device's token, each stream its own
	// TLS connection, as a thousand displays would have. They read the
	// raw stream and count its events: the hub does all its work for
	// each (the feed, the filter, the TLS write), while the benchmark
	// process, which shares the CPUs with the hub, spends no more on a
	// stream than TLS and a line count.
	displayCfg := pairAs(b, h, "Layar", KindDisplay)
	pin, err := NormalizeFingerprint(displayCfg.Fingerprint)
	if err != nil {
		b.Fatal(err)
	}
	tr := newTransport(pin, nil)
	tr.MaxIdleConnsPerHost = nStreams
	hc := &http.Client{Transport: tr}
	sctx, scancel := context.WithCancel(ctx)
	defer scancel()
	var received sync.WaitGroup
	var got atomic.Int64
	for range nStreams {
		req, err := http.NewRequestWithContext(sctx, http.MethodGet, "https://"+h.addr+"/v1/events", nil)
		if err != nil {
			b.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+displayCfg.Token)
		resp, err := hc.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("stream: %s", resp.Status)
		}
		received.Add(1)
		go func() {
			defer received.Done()
			defer resp.Body.Close()
			sc := bufio.NewScanner(resp.Body)
			for sc.Scan() {
				if bytes.HasPrefix(sc.Bytes(), []byte("data: {\"seq\"")) {
					got.Add(1)
				}
			}
		}()
	}
	with, withRate, withCPU := run()
	b.StopTimer()
	scancel()
	received.Wait()
	if got.Load() == 0 {
		b.Error("the 1,000 streams received nothing: they did not measure what they should")
	}
	b.Logf("issue p99 %v without streams (%.0f/s, %.2f ms CPU each), %v with %d streams (%.0f/s, %.2f ms CPU each), %d events delivered to them",
		base, baseRate, baseCPU, with, nStreams, withRate, withCPU, got.Load())
	b.ReportMetric(ms(base), "p99_base_ms")
	b.ReportMetric(ms(with), "p99_1000_ms")
	b.ReportMetric(ms(with-base), "p99_delta_ms")
	b.ReportMetric(baseRate, "base_issues/s")
	b.ReportMetric(withRate, "issues/s_1000")
	b.ReportMetric(baseCPU, "cpu_ms/issue_base")
	b.ReportMetric(withCPU, "cpu_ms/issue_1000")
}
