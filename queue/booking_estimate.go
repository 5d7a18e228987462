package queue

import (
	"slices"
	"time"

	"loket/store"
)

// EstimateFor is EstimateFor under the booking rule, for tickets whose
// Booking is set (the check-ins of the day; office.TicketEstimate attaches
// them). The people ahead:
//
//   - A booked visitor who checked in by the end of the slot and whose
//     slot has started waits only behind the booked visitors of the same
//     service in slot before them (earlier slot, then earlier check-in),
//     plus the walk-ins the counters call in between (one per Run booked
//     calls, no more than are waiting). Before the slot starts the
//     visitor is in the walk-in order, and the plain count (Ahead) is
//     told: the most it can be, as the slot may start before their turn.
//   - Anyone else (a walk-in, a late booked visitor) waits behind the
//     plain count plus the booked visitors in slot who checked in after
//     them, at most Run of those before each of their calls.
//
// Without bookings it is EstimateFor.
func (r BookingRule) EstimateFor(today []store.Ticket, t store.Ticket, now time.Time) Estimate {
	run := max(r.Run, 1)
	plain := Ahead(today, t)
	eligible := func(x store.Ticket) bool { return x.Booking != nil && !x.QueuedAt.After(x.Booking.End) }
	waiting := func(x store.Ticket) bool {
		return x.ID != t.ID && x.ServiceID == t.ServiceID && x.Status == store.StatusWaiting
	}
	ahead := plain
	if eligible(t) && !now.Before(t.Booking.Start) {
		booked, walkins := 0, 0
		for _, x := range today {
			if !waiting(x) {
				continue
			}
			if eligible(x) && !now.Before(x.Booking.Start) {
				if x.Booking.Start.Before(t.Booking.Start) || (x.Booking.Start.Equal(t.Booking.Start) && x.QueuedAt.Before(t.QueuedAt)) {
					booked++
				}
				continue
			}
			walkins++
		}
		ahead = booked + min(booked/run, walkins)
	} else {
		after := 0
		for _, x := range today {
			if waiting(x) && eligible(x) && !now.Before(x.Booking.Start) && !x.QueuedAt.Before(t.QueuedAt) {
				after++
			}
		}
		ahead = plain + min(after, (plain+1)*run)
	}
	return Estimate{Ahead: ahead, Wait: EstimateWait(today, t.ServiceID, ahead, now)}
}

// WithBookings sets the Booking of the tickets checked in by a booking
// (by ticket id), so EstimateFor sees the booking rule.
func WithBookings(today []store.Ticket, slots map[string]store.BookingSlot) []store.Ticket {
	if len(slots) == 0 {
		return today
	}
	out := slices.Clone(today)
	for i, x := range out {
		if b, ok := slots[x.ID]; ok {
			out[i].Booking = &b
		}
	}
	return out
}
