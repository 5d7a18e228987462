package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"loket/store"
)

// BenchmarkIssueVsBare measures, in one run on the same disk, IssueTicket
// against a bare modernc insert+commit loop with the same pragmas
// (synchronous=FULL, as the store: every commit survives power loss).
//
// Its figures:
//   - ns/op: one IssueTicket (the bare loop runs with the timer stopped).
//   - issue-ns/op: the same, timed per call as the p99 is.
//   - bare-ns/op: one bare INSERT in its own transaction.
//   - ratio: bare-ns/op ÷ issue-ns/op, the share of a bare insert's speed IssueTicket keeps (target >= 0.5).
//   - p99-ms: IssueTicket's 99th percentile (target < 5 ms).
func BenchmarkIssueVsBare(b *testing.B) {
	dir := b.TempDir()
	q := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "foreign_keys(1)", "synchronous(FULL)"} {
		q.Add("_pragma", p)
	}
	q.Add("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "bare.db")+"?"+q.Encode())
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER, at TEXT)`); err != nil {
		b.Fatal(err)
	}
	st, svcs, _, _ := newOffice(b, "A")
	ctx := context.Background()

	// Both loops run interleaved in chunks, so a machine busy with other
	// work slows them alike and the ratio stays comparable.
	const chunk = 50
	var bare, issue time.Duration
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for done := 0; done < b.N; done += chunk {
		n := min(chunk, b.N-done)
		b.StopTimer()
		t0 := time.Now()
		for i := done; i < done+n; i++ {
			tx, err := db.Begin()
			if err != nil {
				b.Fatal(err)
			}
			if _, err := tx.Exec(`INSERT INTO t (id, n, at) VALUES (?, ?, ?)`, fmt.Sprint(i), i, time.Now().String()); err != nil {
				b.Fatal(err)
			}
			if err := tx.Commit(); err != nil {
				b.Fatal(err)
			}
		}
		bare += time.Since(t0)
		b.StartTimer()
		for range n {
			t0 := time.Now()
			if _, err := st.IssueTicket(ctx, svcs[0].ID, ""); err != nil {
				b.Fatal(err)
			}
			d := time.Since(t0)
			issue += d
			lat = append(lat, d)
		}
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	p99 := lat[len(lat)*99/100]
	b.ReportMetric(float64(issue.Nanoseconds())/float64(b.N), "issue-ns/op")
	b.ReportMetric(float64(bare.Nanoseconds())/float64(b.N), "bare-ns/op")
	b.ReportMetric(bare.Seconds()/issue.Seconds(), "ratio")
	b.ReportMetric(float64(p99.Microseconds())/1000, "p99-ms")
}

// BenchmarkConcurrent8 runs 8 goroutines issuing and calling for
// LOKET_STRESS (default 10 s) once; run it with -benchtime=1x. It fails on
// any duplicate number, lost event or error surfaced to a caller, so those
// are not figures: a run that reports figures had none.
//
// Its figures:
//   - ns/op: the length of the run (LOKET_STRESS) plus its set-up and checks.
//   - issued/s: tickets issued per second by the four issuing goroutines together.
//   - called/s: tickets called and finished per second by the four counter goroutines together.
func BenchmarkConcurrent8(b *testing.B) {
	d := 10 * time.Second
	if v := getenv("LOKET_STRESS"); v != "" {
		if pd, err := time.ParseDuration(v); err == nil {
			d = pd
		}
	}
	for range b.N {
		st, svcs, ctrs, _ := newOffice(b, "A", "B", "C", "D")
		ctx := context.Background()
		var sessions []store.CounterSession
		for i := range 4 {
			o, err := st.SaveOfficer(ctx, "", store.Officer{Username: fmt.Sprintf("petugas%d", i), FullName: "P", Role: store.RoleFO, Active: true}, "rahasia1")
			if err != nil {
				b.Fatal(err)
			}
			sess, err := st.OpenCounter(ctx, o.ID, ctrs[i].ID, []string{svcs[i].ID})
			if err != nil {
				b.Fatal(err)
			}
			sessions = append(sessions, sess)
		}
		start := time.Now()
		deadline := start.Add(d)
		var issued, called, failures atomic.Int64
		var mu sync.Mutex
		codes := map[string]int{} // business date + number → tickets
		var wg sync.WaitGroup
		for w := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; time.Now().Before(deadline); i++ {
					if w%2 == 0 {
						tk, err := st.IssueTicket(ctx, svcs[(w/2+i)%4].ID, "")
						if err != nil {
							failures.Add(1)
							b.Error(err)
							continue
						}
						issued.Add(1)
						mu.Lock()
						codes[tk.BusinessDate+" "+tk.Code()]++
						mu.Unlock()
						continue
					}
					sess := sessions[w/2]
					tk, err := st.CallNext(ctx, sess.ID, nil)
					if errors.Is(err, store.ErrNoTicketWaiting) {
						continue
					}
					if err != nil {
						failures.Add(1)
						b.Error(err)
						continue
					}
					called.Add(1)
					if _, err := st.Finish(ctx, sess.ID, tk.ID); err != nil {
						failures.Add(1)
						b.Error(err)
					}
				}
			}()
		}
		wg.Wait()
		elapsed := time.Since(start)
		dups := 0
		for _, n := range codes {
			dups += n - 1
		}
		evs, err := st.EventsAfter(ctx, 0, 10_000_000)
		if err != nil {
			b.Fatal(err)
		}
		var issuedEv, calledEv int64
		for _, e := range evs {
			switch e.Kind {
			case store.EvTicketIssued:
				issuedEv++
			case store.EvTicketCalled:
				calledEv++
			}
		}
		lost := (issued.Load() - issuedEv) + (called.Load() - calledEv)
		if dups != 0 || lost != 0 || failures.Load() != 0 {
			b.Fatalf("duplicates %d, lost events %d, surfaced errors %d", dups, lost, failures.Load())
		}
		b.ReportMetric(float64(issued.Load())/elapsed.Seconds(), "issued/s")
		b.ReportMetric(float64(called.Load())/elapsed.Seconds(), "called/s")
	}
}
