package hub

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"os"
	"sync"
	"testing"
	"time"

	"loket/office"
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

// benchRate reads a pace (operations a second) from env, or def; zero
// is allowed when allowZero (no pacing).
func benchRate(b *testing.B, env string, def float64, allowZero bool) float64 {
	v := os.Getenv(env)
	if v == "" {
		return def
	}
	var r float64
	if _, err := fmt.Sscan(v, &r); err != nil || r < 0 || (r == 0 && !allowZero) {
		b.Fatalf("%s: %q is not a rate", env, v)
	}
	return r
}

// benchOffice is a hub on loopback over a fresh office, set up through
// the admin API as the hub's admin screen would: the first run (admin
// "admin", password "rahasia1") and four services A..D.
type benchOffice struct {
	st       *store.Store
	h        *testHub
	local    *office.Local
	adminDev *Client
	admin    store.Officer
	services []string
}

func newBenchOffice(b *testing.B) benchOffice {
	b.Helper()
	st, _ := newOffice(b)
	st.Now = time.Now
	o := benchOffice{st: st, local: office.NewLocal(st)}
	o.h = startHub(b, b.TempDir(), o.local, "127.0.0.1:0")
	o.adminDev = newClient(b, pair(b, o.h, "Admin"))
	ctx := context.Background()
	var err error
	o.admin, err = office.FirstRun(ctx, o.adminDev, office.Setup{Office: office.DemoOffice(), AdminUsername: "admin",
		AdminName: "Admin", AdminPassword: "rahasia1"})
	if err != nil {
		b.Fatal(err)
	}
	for i, p := range []string{"A", "B", "C", "D"} {
		sv, err := o.adminDev.SaveService(ctx, o.admin.ID, store.Service{Prefix: p, Name: "Layanan " + p, Active: true, SortOrder: i})
		if err != nil {
			b.Fatal(err)
		}
		o.services = append(o.services, sv.ID)
	}
	return o
}

// counterOfficer adds counter number n and its front-office officer
// fo<n> (password rahasia1), through the hub as the admin would.
func (o benchOffice) counterOfficer(b *testing.B, n int) (store.Counter, store.Officer) {
	b.Helper()
	ctx := context.Background()
	ct, err := o.adminDev.SaveCounter(ctx, o.admin.ID, store.Counter{Number: n, Active: true})
	if err != nil {
		b.Fatal(err)
	}
	of, err := o.adminDev.SaveOfficer(ctx, o.admin.ID, store.Officer{Username: fmt.Sprintf("fo%02d", n),
		FullName: fmt.Sprintf("Petugas %d", n), Role: store.RoleFO, Active: true}, "rahasia1")
	if err != nil {
		b.Fatal(err)
	}
	return ct, of
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
//   - hub_cpu_ms/op, hub_cpu_cores: CPU time of the hub (this process;
//     every client runs in a child process, loadgen_test.go, as the
//     office's PCs are other machines) per answered request, and the
//     cores it got on average: on a shared machine, how much of the
//     latency is waiting for a CPU.
//   - client_cpu_ms/op: the child's CPU per request (TLS, decoding the
//     53 streams, the screens' views), which a real office spends on its
//     own PCs.
func BenchmarkHubOffice(b *testing.B) {
	dur := benchDuration(b, "LOKET_HUB_OFFICE", 60*time.Second)
	const nCounters, nKiosks, nDisplays, preload = 50, 5, 3, 1000
	rate := benchRate(b, "LOKET_HUB_RATE", 600, false)
	o := newBenchOffice(b)
	st, h, local, adminDev, admin, svcIDs := o.st, o.h, o.local, o.adminDev, o.admin, o.services
	ctx := context.Background()
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

	// The clients run in a child process (loadgen_test.go), as the
	// office's PCs are other machines: this process is the hub alone.
	cfg := officeConfig{Dur: dur, Rate: rate, Password: "rahasia1", Services: svcIDs, SearcherUser: "fo01",
		AdminUser: "admin", AdminID: admin.ID}
	for i := range nCounters {
		ct, of := o.counterOfficer(b, i+1)
		cfg.Counters = append(cfg.Counters, struct {
			Device              ClientConfig
			Username, OfficerID string
			CounterID           string
		}{pair(b, h, fmt.Sprintf("Loket %d", i+1)), of.Username, of.ID, ct.ID})
	}
	cfg.Searcher = pair(b, h, "Loket registrasi")
	cfg.Admin = pair(b, h, "Admin Kasi")
	for i := range nKiosks {
		cfg.Kiosks = append(cfg.Kiosks, pairAs(b, h, fmt.Sprintf("Kios %d", i+1), KindKiosk))
	}
	for i := range nDisplays {
		cfg.Displays = append(cfg.Displays, pairAs(b, h, fmt.Sprintf("Layar %d", i+1), KindDisplay))
	}
	g := startLoadgen(b, "office", cfg)
	var ready officeReady
	g.recv(b, &ready)
	startSeq, err := st.LastEventSeq(ctx)
	if err != nil {
		b.Fatal(err)
	}
	// The counters' views started at their own seqs (at or before
	// startSeq): only events after startSeq are counted.
	if ready.MaxViewSeq > startSeq {
		b.Fatalf("a counter started after the load's start")
	}

	b.ResetTimer()
	cpu0 := processCPU()
	g.send(b, officeStart{StartSeq: startSeq})
	var done struct{ Done bool }
	g.recv(b, &done)
	cpu := processCPU() - cpu0
	b.StopTimer()

	// Requests the clients gave up on at the end may still commit on
	// the hub: the final seq is the one that stays put.
	var final int64
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
	// What each kind of stream should have carried after startSeq, and
	// the store's own view for the counters' to match.
	fin := officeFinal{Final: final, Want: map[string][]int64{}, Statuses: map[string]string{}}
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
			for _, kind := range []string{KindCounter, KindDisplay} {
				if _, keep := (streamFilter{kind: kind}).apply(e); keep {
					fin.Want[kind] = append(fin.Want[kind], e.Seq)
				}
			}
		}
		after = evs[len(evs)-1].Seq
	}
	today, err := local.TicketsToday(ctx)
	if err != nil {
		b.Fatal(err)
	}
	for _, t := range today {
		fin.Statuses[t.ID] = t.Status
	}
	if fin.Waiting, err = local.WaitingCounts(ctx); err != nil {
		b.Fatal(err)
	}
	g.send(b, fin)
	var res officeResult
	g.recv(b, &res)
	for _, p := range res.Problems {
		b.Log(p)
	}
	if res.Lost+res.DupEvents > 0 {
		b.Errorf("streams: %d events lost, %d duplicated", res.Lost, res.DupEvents)
	}
	if res.Stale > 0 {
		b.Errorf("%d counter screens ended with a view that differs from the store", res.Stale)
	}
	if res.EarlyCalls > 0 {
		b.Errorf("%d calls reached a display before they were sent", res.EarlyCalls)
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
	childCPU := res.CPU
	lat, c2d, reportLat := latencies{d: res.Lat}, latencies{d: res.C2D}, latencies{d: res.ReportLat}
	elapsed, ops := res.Elapsed, res.Ops
	opsPerSec := float64(ops) / elapsed.Seconds()
	b.Logf("%v: %d ops (%.0f ops/s): %d issued, %d called (+finished), %d empty calls, %d searches, %d reports, %d failures",
		elapsed.Round(time.Millisecond), ops, opsPerSec, res.Issued, res.Calls, res.Empty, res.Searches, res.Reports, res.Failures)
	b.Logf("latency p50 %v p99 %v; call→display p50 %v p99 %v; report %v; dup numbers %d; events lost %d dup %d; reloads %d; stale views %d",
		lat.pct(0.50), lat.pct(0.99), c2d.pct(0.50), c2d.pct(0.99), reportLat.pct(1), dups, res.Lost, res.DupEvents, res.Reloads, res.Stale)
	b.Logf("CPU: hub %.2f ms/op (%.2f cores), clients %.2f ms/op (%.2f cores)",
		ms(cpu)/float64(max(ops, 1)), cpu.Seconds()/elapsed.Seconds(), ms(childCPU)/float64(max(ops, 1)), childCPU.Seconds()/elapsed.Seconds())
	b.ReportMetric(opsPerSec, "ops/s")
	b.ReportMetric(ms(lat.pct(0.99)), "p99_ms")
	b.ReportMetric(ms(c2d.pct(0.99)), "call→display_p99_ms")
	b.ReportMetric(ms(reportLat.pct(1)), "report_ms")
	b.ReportMetric(float64(dups), "dup_tickets")
	b.ReportMetric(float64(res.Lost), "lost_events")
	b.ReportMetric(float64(res.DupEvents), "dup_events")
	b.ReportMetric(float64(res.Reloads), "reloads")
	b.ReportMetric(float64(res.Stale), "stale_views")
	b.ReportMetric(float64(res.Failures), "failures")
	b.ReportMetric(ms(cpu)/float64(max(ops, 1)), "hub_cpu_ms/op")
	b.ReportMetric(cpu.Seconds()/elapsed.Seconds(), "hub_cpu_cores")
	b.ReportMetric(ms(childCPU)/float64(max(ops, 1)), "client_cpu_ms/op")
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
// The kiosks and the screens run in a child process (loadgen_test.go).
// Its figures: issue p99 without (p99_base_ms) and with the streams
// (p99_1000_ms), their difference (p99_delta_ms), the answered issues a
// second of each run, the hub's CPU per issue in each
// (hub_cpu_ms/issue_*) and what one open stream adds to an issue
// (hub_cpu_us/stream/issue).
func BenchmarkHubIdleStreams(b *testing.B) {
	dur := benchDuration(b, "LOKET_HUB_IDLE", 20*time.Second)
	rate := benchRate(b, "LOKET_HUB_IDLE_RATE", 100, false)
	const nKiosks, nStreams = 5, 1000
	o := newBenchOffice(b)
	h, svcIDs := o.h, o.services
	cfg := idleConfig{Dur: dur, Rate: rate, Services: svcIDs, Streams: nStreams,
		Display: pairAs(b, h, "Layar", KindDisplay)}
	for i := range nKiosks {
		cfg.Kiosks = append(cfg.Kiosks, pairAs(b, h, fmt.Sprintf("Kios %d", i+1), KindKiosk))
	}
	// The kiosks and the 1,000 screens run in a child process
	// (loadgen_test.go): this process is the hub alone, and its CPU per
	// issue is the hub's.
	g := startLoadgen(b, "idle", cfg)
	run := func() (p99 time.Duration, perSec, hubCPU, clientCPU float64, r idleRun) {
		var start struct{ Start bool }
		g.recv(b, &start)
		cpu0 := processCPU()
		g.send(b, struct{ Go bool }{true})
		g.recv(b, &r)
		cpu := processCPU() - cpu0
		for _, p := range r.Problems {
			b.Error(p)
		}
		n := max(r.N, 1)
		lat := latencies{d: r.Lat}
		return lat.pct(0.99), float64(r.N) / r.Elapsed.Seconds(), ms(cpu) / float64(n), ms(r.CPU) / float64(n), r
	}

	b.ResetTimer()
	base, baseRate, baseCPU, baseClient, _ := run()
	with, withRate, withCPU, withClient, r := run()
	b.StopTimer()
	if r.Received == 0 {
		b.Error("the 1,000 streams received nothing: they did not measure what they should")
	}
	b.Logf("issue p99 %v without streams (%.0f/s, hub %.3f ms CPU each, clients %.3f), %v with %d streams (%.0f/s, hub %.3f ms CPU each, clients %.3f), %d events delivered to them",
		base, baseRate, baseCPU, baseClient, with, nStreams, withRate, withCPU, withClient, r.Received)
	b.ReportMetric(ms(base), "p99_base_ms")
	b.ReportMetric(ms(with), "p99_1000_ms")
	b.ReportMetric(ms(with-base), "p99_delta_ms")
	b.ReportMetric(baseRate, "base_issues/s")
	b.ReportMetric(withRate, "issues/s_1000")
	b.ReportMetric(baseCPU, "hub_cpu_ms/issue_base")
	b.ReportMetric(withCPU, "hub_cpu_ms/issue_1000")
	b.ReportMetric((withCPU-baseCPU)*1000/float64(nStreams), "hub_cpu_us/stream/issue")
}
