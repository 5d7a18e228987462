package office

import (
	"context"

	"loket/queue"
)

// TicketEstimate implements Service: the figures are computed here, beside
// the store, so a kiosk on the LAN receives two numbers instead of every
// ticket of the day.
func (l *Local) TicketEstimate(ctx context.Context, ticketID string) (queue.Estimate, error) {
	t, err := l.st.Ticket(ctx, ticketID)
	if err != nil {
		return queue.Estimate{}, err
	}
	today, err := l.st.TicketsOn(ctx, t.BusinessDate)
	if err != nil {
		return queue.Estimate{}, err
	}
	return queue.EstimateFor(today, t, l.st.Now()), nil
}
