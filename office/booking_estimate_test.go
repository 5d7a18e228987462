package office_test

import (
	"testing"
	"time"

	"loket/store"
)

// TicketEstimate follows the booking rule: the booked visitor checked in
// within the slot is told nobody is ahead; the last walk-in also counts
// the booked visitor who goes before them.
func TestTicketEstimateCountsBookings(t *testing.T) {
	wib := time.FixedZone("WIB", 7*3600)
	o := newDayOffice(t, time.Date(2026, 11, 23, 8, 40, 0, 0, wib)) // Monday
	sv := o.svcs["B"].ID
	var walk []store.Ticket
	for range 3 {
		tk, err := o.l.IssueTicket(o.ctx, sv, "")
		if err != nil {
			t.Fatal(err)
		}
		walk = append(walk, tk)
		o.tick(time.Minute)
	}
	slot := time.Date(2026, 11, 23, 8, 30, 0, 0, wib)
	if err := o.st.SaveBooking(o.ctx, store.Booking{Code: "JT000001", ServiceID: sv, SlotStart: slot,
		SlotEnd: slot.Add(30 * time.Minute), Name: "Tamu"}); err != nil {
		t.Fatal(err)
	}
	booked, err := o.l.CheckIn(o.ctx, "JT000001")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		id   string
		want int
	}{
		{"booked in slot", booked.ID, 0},
		{"first walk-in", walk[0].ID, 0 + 1},
		{"last walk-in", walk[2].ID, 2 + 1},
	} {
		e, err := o.l.TicketEstimate(o.ctx, c.id)
		if err != nil || e.Ahead != c.want {
			t.Fatalf("%s: %d ahead (%v), want %d", c.name, e.Ahead, err, c.want)
		}
	}
}
