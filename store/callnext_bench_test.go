package store_test

import (
	"context"
	"fmt"
	"sort"
	"testing"
	"time"

	"loket/queue"
	"loket/store"
)

// BenchmarkCallNextWaiting measures one CallNext with 50 and with 5,000
// tickets waiting (one in five in a priority lane) over the counter's two
// services, under the office's default ordering (2:1 priority ratio, 30
// minutes maximum wait). After each call, with the timer stopped, the
// called ticket is skipped and a new one issued, so every call sees the
// same number waiting.
//
// Its figures:
//   - ns/op: one CallNext.
//   - p50-ms, p99-ms: CallNext's median and 99th percentile, each timed
//     from the start of the call (target p99 < 10 ms at 5,000 waiting;
//     the two sizes should cost the same).
func BenchmarkCallNextWaiting(b *testing.B) {
	for _, waiting := range []int{50, 5000} {
		b.Run(fmt.Sprint(waiting), func(b *testing.B) {
			st, svcs, ctrs, officer := newOffice(b, "A", "B")
			ctx := context.Background()
			issue := func(i int) {
				prio := store.PriorityNone
				if i%5 == 0 {
					prio = store.Priorities[0]
				}
				if _, err := st.IssueTicket(ctx, svcs[i%2].ID, prio); err != nil {
					b.Fatal(err)
				}
			}
			for i := range waiting {
				issue(i)
			}
			sess, err := st.OpenCounter(ctx, officer.ID, ctrs[0].ID, []string{svcs[0].ID, svcs[1].ID})
			if err != nil {
				b.Fatal(err)
			}
			pick := queue.Policy{PriorityRatio: 2, NormalRatio: 1, MaxWait: 30 * time.Minute}.Pick
			lat := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := range b.N {
				t0 := time.Now()
				tk, err := st.CallNext(ctx, sess.ID, pick)
				d := time.Since(t0)
				if err != nil {
					b.Fatal(err)
				}
				lat = append(lat, d)
				b.StopTimer()
				if _, err := st.Skip(ctx, sess.ID, tk.ID); err != nil {
					b.Fatal(err)
				}
				issue(waiting + i)
				b.StartTimer()
			}
			b.StopTimer()
			sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
		})
	}
}
