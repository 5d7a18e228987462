package office

import (
	"context"
	"time"

	"loket/queue"
	"loket/store"
)

// TicketEstimate implements Service: the figures are computed here, beside
// the store, so a kiosk on the LAN receives two numbers instead of every
// ticket of the day. The booked visitors checked in today are marked on
// their tickets, so the figures follow the booking rule
// (queue.BookingRule.EstimateFor): a booked visitor in slot is told the
// few ahead of them, a walk-in also counts the booked ones going first.
func (l *Local) TicketEstimate(ctx context.Context, ticketID string) (queue.Estimate, error) {
	t, err := l.st.Ticket(ctx, ticketID)
	if err != nil {
		return queue.Estimate{}, err
	}
	today, err := l.st.TicketsOn(ctx, t.BusinessDate)
	if err != nil {
		return queue.Estimate{}, err
	}
	now := l.st.Now()
	// The check-ins of slots around today: a handful of rows.
	bks, err := l.st.PulledBookings(ctx, now.Add(-36*time.Hour), now.Add(36*time.Hour))
	if err != nil {
		return queue.Estimate{}, err
	}
	slots := map[string]store.BookingSlot{}
	for _, b := range bks {
		if b.Status == store.BookingCheckedIn && b.TicketID != "" {
			slots[b.TicketID] = store.BookingSlot{Code: b.Code, Start: b.SlotStart, End: b.SlotEnd}
		}
	}
	today = queue.WithBookings(today, slots)
	if b, ok := slots[t.ID]; ok {
		t.Booking = &b
	}
	return queue.DefaultBookingRule.EstimateFor(today, t, now), nil
}
