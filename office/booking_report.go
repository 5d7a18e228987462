package office

import (
	"context"
	"time"

	"loket/booking"
	"loket/reports"
	"loket/store"
)

// bookingFigures counts the appointments whose slot starts in [from, to)
// by how they ended, and splits the waits of the period's tickets into
// those that came from a booking's check-in and the walk-ins. serviceID
// narrows both to one service ("" for all).
func (l *Local) bookingFigures(ctx context.Context, from, to time.Time, facts []store.TicketFact, serviceID string) (*reports.BookingFigures, error) {
	list, err := l.st.PulledBookings(ctx, from, to)
	if err != nil {
		return nil, err
	}
	var b reports.BookingFigures
	fromBooking := map[string]bool{}
	for _, bk := range list {
		if serviceID != "" && bk.ServiceID != serviceID {
			continue
		}
		b.Booked++
		switch bk.Status {
		case booking.StatusCheckedIn:
			b.CheckedIn++
		case booking.StatusNoShow:
			b.NoShow++
		case booking.StatusCancelled:
			b.Cancelled++
		default:
			b.Open++
		}
		if bk.TicketID != "" {
			fromBooking[bk.TicketID] = true
		}
	}
	// A booking checked in for a slot just before the period still marks
	// its ticket as booked: look its ticket up without the slot bound.
	if len(facts) > 0 {
		all, err := l.st.PulledBookings(ctx, from.Add(-24*time.Hour), from)
		if err != nil {
			return nil, err
		}
		for _, bk := range all {
			if bk.TicketID != "" {
				fromBooking[bk.TicketID] = true
			}
		}
	}
	var booked, walkIn []time.Duration
	for _, t := range facts {
		if (serviceID != "" && t.ServiceID != serviceID) || t.CalledAt.IsZero() {
			continue
		}
		w := t.CalledAt.Sub(t.QueuedAt)
		if fromBooking[t.ID] {
			booked = append(booked, w)
		} else {
			walkIn = append(walkIn, w)
		}
	}
	b.BookedWait, b.WalkInWait = reports.BookingWaits(booked, walkIn)
	return &b, nil
}
