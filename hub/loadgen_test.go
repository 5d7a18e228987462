package hub

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"runtime/pprof"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"loket/reports"
	"loket/store"
)

// The benchmarks' load generator. In an office the counter PCs, kiosks
// and displays are other machines: their TLS, JSON decoding and screen
// updates are not the hub's work. So the benchmarks run the hub in the
// test process and every client in a child process (the test binary
// again, with loadgenEnv naming the load), and report the CPU of each
// side. The two talk over the child's stdin and stdout, one JSON value a
// line: the parent sends the set-up, the child says when it is ready and
// done, the parent answers with the store's own figures for the child to
// check its streams against, and the child sends its results.

// loadgenEnv selects the child's load: "office" or "idle".
const loadgenEnv = "LOKET_TEST_LOADGEN"

// loadgen is the parent's end of a running child.
type loadgen struct {
	cmd *exec.Cmd
	in  *json.Encoder
	out *json.Decoder
	pid int
}

// startLoadgen starts the child with cfg as its first message.
func startLoadgen(b *testing.B, mode string, cfg any) *loadgen {
	b.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	// LOKET_HUB_CLIENT_NICE runs the clients at that nice level: on one
	// machine they then take no CPU the hub wants, as on their own PCs
	// (0, the default, shares the CPUs evenly).
	if n := os.Getenv("LOKET_HUB_CLIENT_NICE"); n != "" && n != "0" {
		cmd = exec.Command("nice", "-n", n, os.Args[0], "-test.run=^$")
	}
	cmd.Env = append(os.Environ(), loadgenEnv+"="+mode)
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		b.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		// Let it finish (its profile, its connections), then make sure.
		stdin.Close()
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
	})
	g := &loadgen{cmd: cmd, in: json.NewEncoder(stdin), out: json.NewDecoder(bufio.NewReader(stdout)), pid: cmd.Process.Pid}
	g.send(b, cfg)
	return g
}

func (g *loadgen) send(b *testing.B, v any) {
	b.Helper()
	if err := g.in.Encode(v); err != nil {
		b.Fatalf("to the load generator: %v", err)
	}
}

func (g *loadgen) recv(b *testing.B, v any) {
	b.Helper()
	if err := g.out.Decode(v); err != nil {
		b.Fatalf("from the load generator: %v", err)
	}
}

// loadgenMain is the child: it runs the load mode names against the hub
// its stdin describes and returns the exit code.
func loadgenMain(mode string) int {
	// LOKET_TEST_LOADGEN_PROFILE names a file for the child's CPU
	// profile (the parent's is go test's -cpuprofile).
	if path := os.Getenv("LOKET_TEST_LOADGEN_PROFILE"); path != "" {
		if f, err := os.Create(path); err == nil {
			if err := pprof.StartCPUProfile(f); err == nil {
				defer pprof.StopCPUProfile()
			}
		}
	}
	in := json.NewDecoder(bufio.NewReader(os.Stdin))
	out := json.NewEncoder(os.Stdout)
	var err error
	switch mode {
	case "office":
		err = officeLoad(in, out)
	case "idle":
		err = idleLoad(in, out)
	default:
		err = fmt.Errorf("unknown load %q", mode)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "load generator:", err)
		return 1
	}
	return 0
}

func clientOf(cfg ClientConfig) (*Client, error) { return NewClient(cfg, nil) }

// officeConfig is the set-up of BenchmarkHubOffice's clients.
type officeConfig struct {
	Dur      time.Duration
	Rate     float64
	Password string
	Services []string
	Counters []struct {
		Device              ClientConfig
		Username, OfficerID string
		CounterID           string
	}
	Kiosks, Displays []ClientConfig
	Searcher, Admin  ClientConfig
	SearcherUser     string
	AdminUser        string
	AdminID          string
}

// officeReady is the child's first answer: the seq its counter screens
// loaded up to (none past the parent's start).
type officeReady struct{ MaxViewSeq int64 }

// officeStart is the parent's go: the seq the load starts after.
type officeStart struct{ StartSeq int64 }

// officeFinal is what the streams are checked against once the load
// stopped: the last seq, the seqs each kind of stream should carry, and
// the store's statuses and waiting counts.
type officeFinal struct {
	Final    int64
	Want     map[string][]int64 // stream kind → seqs after the start
	Statuses map[string]string  // ticket id → status
	Waiting  map[string]int
}

// officeResult is the child's figures.
type officeResult struct {
	Ops, Issued, Calls, Empty, Searches, Reports, Failures int
	Elapsed                                                time.Duration
	Lat, C2D, ReportLat                                    []time.Duration
	Lost, DupEvents, Reloads, Stale, EarlyCalls            int
	Problems                                               []string
	CPU                                                    time.Duration // the child's, during the load
}

func officeLoad(in *json.Decoder, out *json.Encoder) error {
	var cfg officeConfig
	if err := in.Decode(&cfg); err != nil {
		return err
	}
	ctx := context.Background()
	type counterDev struct {
		c    *Client
		sess store.CounterSession
		view *counterView
		ch   <-chan store.Event
	}
	dctx, dcancel := context.WithCancel(ctx)
	defer dcancel()
	counters := make([]*counterDev, len(cfg.Counters))
	for i, cc := range cfg.Counters {
		c, err := clientOf(cc.Device)
		if err != nil {
			return err
		}
		defer c.Close()
		cd := &counterDev{c: c}
		if _, err := c.Login(ctx, cc.Username, cfg.Password); err != nil {
			return err
		}
		if cd.sess, err = c.OpenCounter(ctx, cc.OfficerID, cc.CounterID, cfg.Services); err != nil {
			return err
		}
		counters[i] = cd
	}
	searcher, err := clientOf(cfg.Searcher)
	if err != nil {
		return err
	}
	defer searcher.Close()
	if _, err := searcher.Login(ctx, cfg.SearcherUser, cfg.Password); err != nil {
		return err
	}
	admin, err := clientOf(cfg.Admin)
	if err != nil {
		return err
	}
	defer admin.Close()
	if _, err := admin.Login(ctx, cfg.AdminUser, cfg.Password); err != nil {
		return err
	}
	kiosks := make([]*Client, len(cfg.Kiosks))
	for i, kc := range cfg.Kiosks {
		if kiosks[i], err = clientOf(kc); err != nil {
			return err
		}
		defer kiosks[i].Close()
	}
	// Every counter screen opens as the app does: the day's list once,
	// the counts, its current ticket; then its own stream from there.
	var maxSeq int64
	for _, cd := range counters {
		all, seq, err := cd.c.TicketsChangedSince(ctx, -1)
		if err != nil {
			return err
		}
		w, err := cd.c.WaitingCounts(ctx)
		if err != nil {
			return err
		}
		if _, err := cd.c.CurrentTicket(ctx, cd.sess.CounterID); err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
		cd.view = &counterView{tickets: map[string]store.Ticket{}, waiting: w, last: seq}
		for _, t := range all {
			cd.view.tickets[t.ID] = t
		}
		if cd.ch, err = cd.c.Subscribe(dctx, seq); err != nil {
			return err
		}
		maxSeq = max(maxSeq, seq)
	}
	if err := out.Encode(officeReady{MaxViewSeq: maxSeq}); err != nil {
		return err
	}
	var start officeStart
	if err := in.Decode(&start); err != nil {
		return err
	}

	type display struct {
		seqs   []int64
		called map[string]time.Time
	}
	displays := make([]*display, len(cfg.Displays))
	var dwg sync.WaitGroup
	finalc := make(chan struct{})
	var final int64
	for i, dc := range cfg.Displays {
		d := &display{called: map[string]time.Time{}}
		displays[i] = d
		c, err := clientOf(dc)
		if err != nil {
			return err
		}
		defer c.Close()
		ch, err := c.Subscribe(dctx, start.StartSeq)
		if err != nil {
			return err
		}
		dwg.Add(1)
		go streamUntil(&dwg, dctx, ch, finalc, &final, func(e store.Event) {
			d.seqs = append(d.seqs, e.Seq)
			if e.Kind == store.EvTicketCalled {
				d.called[e.TicketID] = time.Now()
			}
		})
	}

	var res officeResult
	var reportLat latencies
	tally := newLoadTally()
	lctx, lcancel := context.WithTimeout(ctx, cfg.Dur)
	defer lcancel()
	t0 := time.Now()
	cpu0 := processCPU()
	for _, cd := range counters {
		dwg.Add(1)
		go streamUntil(&dwg, dctx, cd.ch, finalc, &final, func(e store.Event) {
			cd.view.applyEvent(dctx, cd.c, e, &tally.lat, func() { tally.count(nil) })
		})
	}
	var wg sync.WaitGroup
	for _, cd := range counters {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tally.callAndFinish(lctx, cd.c, cd.sess.ID, pacer(cfg.Rate, len(counters)), 0)
		}()
	}
	for i, k := range kiosks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tally.issueTickets(lctx, k, cfg.Services, i, pacer(cfg.Rate, len(kiosks)))
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
				tally.fail(lctx, "search", err)
				continue
			}
			tally.lat.add(time.Since(t0))
			tally.count(&res.Searches)
		}
	}()
	go func() { // the Kepala Seksi's monthly report, every minute
		defer wg.Done()
		for {
			t0 := time.Now()
			if _, err := admin.ReportData(lctx, cfg.AdminID, reports.MonthPeriod(time.Now()), reports.Filter{}); err != nil {
				tally.fail(lctx, "report", err)
			} else {
				d := time.Since(t0)
				tally.lat.add(d)
				reportLat.add(d)
				tally.count(&res.Reports)
			}
			select {
			case <-lctx.Done():
				return
			case <-time.After(time.Minute - time.Since(t0)):
			}
		}
	}()
	wg.Wait()
	res.Elapsed = time.Since(t0)
	// What was answered while the load ran (the streams' last reloads
	// after it are not counted).
	tally.mu.Lock()
	res.Ops, res.Issued, res.Calls, res.Empty, res.Failures = tally.ops, tally.issued, tally.calls, tally.empty, tally.failures
	res.Problems = append(res.Problems, tally.problems...)
	tally.mu.Unlock()
	res.CPU = processCPU() - cpu0
	if err := out.Encode(struct{ Done bool }{true}); err != nil {
		return err
	}
	var fin officeFinal
	if err := in.Decode(&fin); err != nil {
		return err
	}
	final = fin.Final
	close(finalc)
	waited := make(chan struct{})
	go func() { dwg.Wait(); close(waited) }()
	select {
	case <-waited:
	case <-time.After(60 * time.Second):
		res.Problems = append(res.Problems, "streams did not catch up within 60 s")
		dcancel()
		<-waited
	}

	want := map[string]map[int64]bool{}
	for kind, seqs := range fin.Want {
		want[kind] = map[int64]bool{}
		for _, s := range seqs {
			want[kind][s] = true
		}
	}
	lostDup := func(what string, seqs []int64, want map[int64]bool) {
		got := map[int64]bool{}
		lost, dup := 0, 0
		for _, s := range seqs {
			if s <= start.StartSeq {
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
		if lost+dup > 0 {
			res.Problems = append(res.Problems, fmt.Sprintf("%s: lost %d, duplicated %d", what, lost, dup))
		}
		res.Lost, res.DupEvents = res.Lost+lost, res.DupEvents+dup
	}
	for i, d := range displays {
		lostDup(fmt.Sprintf("display %d", i+1), d.seqs, want[KindDisplay])
	}
	for i, cd := range counters {
		lostDup(fmt.Sprintf("counter %d", i+1), cd.view.seqs, want[KindCounter])
		res.Reloads += cd.view.reloads
		ok := len(cd.view.tickets) == len(fin.Statuses)
		diff := 0
		for id, status := range fin.Statuses {
			if cd.view.tickets[id].Status != status {
				ok = false
				diff++
			}
		}
		for id, n := range fin.Waiting {
			if cd.view.waiting[id] != n {
				ok = false
			}
		}
		if !ok {
			if res.Stale == 0 {
				res.Problems = append(res.Problems, fmt.Sprintf("counter %d: %d tickets seen, %d in the store, %d statuses differ; waiting %v, store %v",
					i+1, len(cd.view.tickets), len(fin.Statuses), diff, cd.view.waiting, fin.Waiting))
			}
			res.Stale++
		}
	}
	var c2d latencies
	for _, d := range displays {
		for id, at := range d.called {
			sent, ok := tally.callStarted[id]
			if !ok {
				continue // a call whose answer was lost to the end of the run
			}
			if at.Before(sent) {
				res.EarlyCalls++
			}
			c2d.add(at.Sub(sent))
		}
	}
	res.Lat, res.C2D, res.ReportLat = tally.lat.d, c2d.d, reportLat.d
	return out.Encode(res)
}

// idleConfig is the set-up of BenchmarkHubIdleStreams's clients.
type idleConfig struct {
	Dur      time.Duration
	Rate     float64
	Services []string
	Kiosks   []ClientConfig
	Display  ClientConfig
	Streams  int
}

// idleRun is one run's figures: the issues answered, their latencies
// and the child's CPU meanwhile.
type idleRun struct {
	N        int
	Elapsed  time.Duration
	Lat      []time.Duration
	CPU      time.Duration
	Received int64 // events the streams had received by the end
	Problems []string
}

// idleLoad runs the kiosks at the rate asked, once with no stream and
// once with the streams open. Before each run it says "start" and waits
// for the parent's go, so the parent measures its own CPU over the run.
func idleLoad(in *json.Decoder, out *json.Encoder) error {
	var cfg idleConfig
	if err := in.Decode(&cfg); err != nil {
		return err
	}
	ctx := context.Background()
	kiosks := make([]*Client, len(cfg.Kiosks))
	for i, kc := range cfg.Kiosks {
		var err error
		if kiosks[i], err = clientOf(kc); err != nil {
			return err
		}
		defer kiosks[i].Close()
	}
	var got atomic.Int64
	run := func() (idleRun, error) {
		var goAhead struct{ Go bool }
		if err := out.Encode(struct{ Start bool }{true}); err != nil {
			return idleRun{}, err
		}
		if err := in.Decode(&goAhead); err != nil {
			return idleRun{}, err
		}
		var r idleRun
		var lat latencies
		var mu sync.Mutex
		cpu0 := processCPU()
		lctx, cancel := context.WithTimeout(ctx, cfg.Dur)
		defer cancel()
		var wg sync.WaitGroup
		start := time.Now()
		for i, k := range kiosks {
			wg.Add(1)
			go func() {
				defer wg.Done()
				period := time.Duration(float64(time.Second) * float64(len(kiosks)) / cfg.Rate)
				next := time.Now().Add(time.Duration(rand.Int64N(int64(period))))
				for j := 0; lctx.Err() == nil; j++ {
					if d := time.Until(next); d > 0 {
						time.Sleep(d)
					}
					next = next.Add(period)
					t0 := time.Now()
					if _, err := k.IssueTicket(lctx, cfg.Services[(i+j)%len(cfg.Services)], ""); err != nil {
						if lctx.Err() == nil {
							mu.Lock()
							if len(r.Problems) < 20 {
								r.Problems = append(r.Problems, fmt.Sprintf("issue: %v", err))
							}
							mu.Unlock()
						}
						continue
					}
					lat.add(time.Since(t0))
					mu.Lock()
					r.N++
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		r.Elapsed, r.CPU, r.Lat, r.Received = time.Since(start), processCPU()-cpu0, lat.d, got.Load()
		return r, out.Encode(r)
	}
	if _, err := run(); err != nil {
		return err
	}
	// The screens: one display device's token, each stream its own TLS
	// connection, as a thousand displays would have. They read the raw
	// stream and count its events.
	pin, err := NormalizeFingerprint(cfg.Display.Fingerprint)
	if err != nil {
		return err
	}
	tr := newTransport(pin, nil)
	tr.MaxIdleConnsPerHost = cfg.Streams
	hc := &http.Client{Transport: tr}
	sctx, scancel := context.WithCancel(ctx)
	defer scancel()
	var received sync.WaitGroup
	defer received.Wait()
	defer scancel()
	for range cfg.Streams {
		req, err := http.NewRequestWithContext(sctx, http.MethodGet, "https://"+cfg.Display.Addr+"/v1/events", nil)
		if err != nil {
			return err
		}
		req.Header.Set("Authorization", "Bearer "+cfg.Display.Token)
		resp, err := hc.Do(req)
		if err != nil {
			return err
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("stream: %s", resp.Status)
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
			_, _ = io.Copy(io.Discard, resp.Body)
		}()
	}
	_, err = run()
	return err
}
