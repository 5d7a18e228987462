package store_test

import (
	"context"
	"errors"
	"sort"
	"testing"
	"time"

	"loket/queue"
	"loket/store"
)

// TestCallNextMatchesPickOverAllWaiting checks that CallNext, which reads
// only the head of each lane, calls exactly the ticket the ordering policy
// picks from the whole waiting list: over two services, with both lanes,
// transferred tickets keeping their arrival, and with the maximum wait both
// off and passed by everyone.
func TestCallNextMatchesPickOverAllWaiting(t *testing.T) {
	for _, tc := range []struct {
		name   string
		policy queue.Policy
	}{
		{"ratio 2:1", queue.Policy{PriorityRatio: 2, NormalRatio: 1}},
		{"ratio 1:3", queue.Policy{PriorityRatio: 1, NormalRatio: 3}},
		{"max wait passed", queue.Policy{PriorityRatio: 2, NormalRatio: 1, MaxWait: time.Nanosecond}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st, svcs, ctrs, officer := newOffice(t, "A", "B", "C")
			ctx := context.Background()
			for i := range 40 {
				prio := store.PriorityNone
				if i%3 == 1 || i%7 == 0 {
					prio = store.Priorities[i%len(store.Priorities)]
				}
				if _, err := st.IssueTicket(ctx, svcs[(i*5)%3].ID, prio); err != nil {
					t.Fatal(err)
				}
			}
			// A counter on service C transfers its first two tickets to
			// A: they wait there again with their original arrival.
			other, err := st.OpenCounter(ctx, officer.ID, ctrs[2].ID, []string{svcs[2].ID})
			if err != nil {
				t.Fatal(err)
			}
			for range 2 {
				tk, err := st.CallNext(ctx, other.ID, nil)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := st.Transfer(ctx, other.ID, tk.ID, svcs[0].ID); err != nil {
					t.Fatal(err)
				}
			}
			sess, err := st.OpenCounter(ctx, officer.ID, ctrs[0].ID, []string{svcs[0].ID, svcs[1].ID})
			if err != nil {
				t.Fatal(err)
			}
			in := map[string]bool{svcs[0].ID: true, svcs[1].ID: true}
			var recent []bool // most recent first
			calls := 0
			for {
				all, err := st.TicketsOn(ctx, time.Now().In(mustZone(t)).Format("2006-01-02"))
				if err != nil {
					t.Fatal(err)
				}
				var waiting []store.Ticket
				for _, w := range all {
					if w.Status == store.StatusWaiting && in[w.ServiceID] {
						waiting = append(waiting, w)
					}
				}
				sort.SliceStable(waiting, func(i, j int) bool {
					if !waiting[i].QueuedAt.Equal(waiting[j].QueuedAt) {
						return waiting[i].QueuedAt.Before(waiting[j].QueuedAt)
					}
					return waiting[i].Number < waiting[j].Number
				})
				tk, err := st.CallNext(ctx, sess.ID, tc.policy.Pick)
				if len(waiting) == 0 {
					if !errors.Is(err, store.ErrNoTicketWaiting) {
						t.Fatalf("nothing waiting: got %v, %v", tk.Code(), err)
					}
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				want := waiting[tc.policy.Pick(waiting, recent, time.Now())]
				if tk.ID != want.ID {
					t.Fatalf("call %d: called %s, the policy over all %d waiting picks %s", calls+1, tk.Code(), len(waiting), want.Code())
				}
				recent = append([]bool{tk.IsPriority()}, recent...)
				calls++
				if _, err := st.Skip(ctx, sess.ID, tk.ID); err != nil {
					t.Fatal(err)
				}
			}
			if calls < 25 {
				t.Fatalf("only %d calls made", calls)
			}
		})
	}
}

func mustZone(t *testing.T) *time.Location {
	t.Helper()
	z, err := time.LoadLocation("Asia/Jakarta")
	if err != nil {
		t.Fatal(err)
	}
	return z
}
