package office_test

import (
	"context"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"loket/office"
	"loket/store"
)

// BenchmarkCallToDisplay measures, in-process, the time from a counter
// pressing F1 (CallNext starts) to a subscribed display receiving the
// ticket.called event. Target: p99 < 100 ms.
//
// Figures: ns/op, one call to its display (issuing and finishing untimed); p50-ms and
// p99-ms, the median and 99th percentile of the same, from CallNext's start.
func BenchmarkCallToDisplay(b *testing.B) {
	st, err := store.Open(filepath.Join(b.TempDir(), "loket.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	l := office.NewLocal(st)
	ctx := context.Background()
	admin, err := office.FirstRun(ctx, l, office.Setup{Office: office.DemoOffice(), AdminUsername: "admin",
		AdminName: "Admin", AdminPassword: "rahasia1", Demo: true})
	if err != nil {
		b.Fatal(err)
	}
	svcs, _ := l.Services(ctx)
	ctrs, _ := l.Counters(ctx)
	sess, err := l.OpenCounter(ctx, admin.ID, ctrs[0].ID, []string{svcs[0].ID})
	if err != nil {
		b.Fatal(err)
	}
	sub, cancel := context.WithCancel(ctx)
	defer cancel()
	ch, err := l.Subscribe(sub, -1)
	if err != nil {
		b.Fatal(err)
	}
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		if _, err := l.IssueTicket(ctx, svcs[0].ID, ""); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		tk, err := l.CallNext(ctx, sess.ID)
		if err != nil {
			b.Fatal(err)
		}
		for e := range ch {
			if e.Kind == store.EvTicketCalled && e.TicketID == tk.ID {
				break
			}
		}
		lat = append(lat, time.Since(start))
		b.StopTimer()
		if _, err := l.Finish(ctx, sess.ID, tk.ID); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
}
