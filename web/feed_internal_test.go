package web

import (
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"loket/queue"
	"loket/store"
)

// TestIndexMatchesQueue: the per-snapshot index gives every phone the
// position and estimate the queue package's rules give.
func TestIndexMatchesQueue(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	t0 := time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)
	statuses := []string{store.StatusWaiting, store.StatusWaiting, store.StatusDone, store.StatusCalled, store.StatusCancelled}
	var today []store.Ticket
	for i := range 400 {
		tk := store.Ticket{ID: strconv.Itoa(i), ServiceID: "s" + strconv.Itoa(r.IntN(3)), Prefix: "A", Number: i + 1,
			Status: statuses[r.IntN(len(statuses))], QueuedAt: t0.Add(time.Duration(r.IntN(3600)) * time.Second)}
		if r.IntN(4) == 0 {
			tk.Priority = store.PriorityLansia
		}
		if tk.Status == store.StatusDone {
			tk.CalledAt = tk.QueuedAt.Add(10 * time.Minute)
			tk.FinishedAt = tk.CalledAt.Add(time.Duration(1+r.IntN(15)) * time.Minute)
			tk.CounterID = "c" + strconv.Itoa(r.IntN(3))
		}
		today = append(today, tk)
	}
	now := t0.Add(2 * time.Hour)
	s := &snapshot{at: now, today: today, services: map[string]store.Service{}}
	for _, tk := range today {
		if tk.Status != store.StatusWaiting {
			continue
		}
		st := s.phoneOf(tk)
		ahead := queue.Ahead(today, tk)
		if st.Position != ahead+1 {
			t.Fatalf("ticket %s: position %d, queue says %d ahead", tk.ID, st.Position, ahead)
		}
		if want := waitText(queue.EstimateWait(today, tk.ServiceID, ahead, now)); st.Wait != want {
			t.Fatalf("ticket %s: wait %q, queue says %q", tk.ID, st.Wait, want)
		}
	}
}
