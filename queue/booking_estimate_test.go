package queue_test

import (
	"testing"
	"time"

	"loket/queue"
	"loket/store"
)

// The people-ahead figure under the booking rule (Run 1): a booked visitor
// in slot is told only the booked ones before them and the walk-ins called
// in between; a walk-in also counts the booked visitors in slot who go
// first; without bookings it is the plain count.
func TestBookingRuleEstimate(t *testing.T) {
	now := time.Date(2026, 12, 7, 2, 0, 0, 0, time.UTC)
	slot := &store.BookingSlot{Code: "S1", Start: now.Add(-10 * time.Minute), End: now.Add(20 * time.Minute)}
	later := &store.BookingSlot{Code: "S2", Start: now.Add(time.Hour), End: now.Add(90 * time.Minute)}
	tk := func(id string, minAgo int, b *store.BookingSlot) store.Ticket {
		return store.Ticket{ID: id, ServiceID: "A", Status: store.StatusWaiting, QueuedAt: now.Add(-time.Duration(minAgo) * time.Minute), Booking: b}
	}
	w1, w2, w3 := tk("w1", 30, nil), tk("w2", 25, nil), tk("w3", 20, nil)
	b1, b2 := tk("b1", 5, slot), tk("b2", 4, slot)
	early := tk("e1", 3, later)
	cases := []struct {
		name  string
		today []store.Ticket
		t     store.Ticket
		want  int
	}{
		{"no bookings: the plain count", []store.Ticket{w1, w2, w3}, w3, 2},
		{"first booked in slot goes next", []store.Ticket{w1, w2, w3, b1, b2}, b1, 0},
		{"second booked: one booked and one walk-in between", []store.Ticket{w1, w2, w3, b1, b2}, b2, 2},
		{"booked before the slot: the plain count", []store.Ticket{w1, w2, w3, b1, early}, early, 4},
		{"walk-in counts the booked in slot behind them", []store.Ticket{w1, w2, w3, b1, b2}, w2, 1 + 2},
		{"at most Run booked per call", []store.Ticket{w1, w2, w3, b1, b2}, w1, 0 + 1},
		{"a booked visitor not yet in slot does not go first", []store.Ticket{w1, early}, w1, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := queue.DefaultBookingRule.EstimateFor(c.today, c.t, now)
			if e.Ahead != c.want {
				t.Fatalf("ahead %d, want %d", e.Ahead, c.want)
			}
			if e.Wait != time.Duration(c.want)*queue.DefaultServiceTime {
				t.Fatalf("wait %v for %d ahead", e.Wait, c.want)
			}
		})
	}
	// WithBookings marks tickets by id, leaving the input as it was.
	plain := []store.Ticket{tk("x", 1, nil)}
	got := queue.WithBookings(plain, map[string]store.BookingSlot{"x": *slot})
	if got[0].Booking == nil || got[0].Booking.Code != "S1" || plain[0].Booking != nil {
		t.Fatalf("WithBookings: %+v / %+v", got[0].Booking, plain[0].Booking)
	}
}
