package office

import (
	"context"

	"loket/queue"
	"loket/store"
)

// CheckIn implements Service: the booking is looked up in the office's
// local copy (filled by the booking sync, so check-in works while the
// centre is unreachable) and admitted by the queue's booking rule.
func (l *Local) CheckIn(ctx context.Context, code string) (store.Ticket, error) {
	v, err := l.st.CheckIn(ctx, code, queue.DefaultBookingRule.Admit)
	return v, l.notified(err)
}
