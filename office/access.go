package office

import (
	"context"

	"loket/store"
)

// The methods below serve the LAN hub's access checks (hub/identity.go):
// who an officer is, whose a counter session is, and the audit rows of
// refused calls and logouts. They are not part of Service, so no device
// can call them over the wire; the hub reaches them through a narrow
// interface of its own instead of reaching into the store.

// LastEventSeq implements Service.
func (l *Local) LastEventSeq(ctx context.Context) (int64, error) { return l.st.LastEventSeq(ctx) }

// Officer returns one officer by id (store.ErrNotFound when none).
func (l *Local) Officer(ctx context.Context, id string) (store.Officer, error) {
	return l.st.Officer(ctx, id)
}

// SessionOfficer returns the officer of a counter session, open or not
// (store.ErrCounterClosed when there is no such session). It only reads.
func (l *Local) SessionOfficer(ctx context.Context, sessionID string) (string, error) {
	return l.st.SessionOfficer(ctx, sessionID)
}

// AuditAccess writes a hub access event (a refused call, a logout).
func (l *Local) AuditAccess(ctx context.Context, a store.AccessAudit) error {
	return l.st.AuditAccess(ctx, a)
}

// TicketByPhoneCode finds the ticket of a phone link's code, for the hub's
// phone page (not on the wire: the page is the hub's own).
func (l *Local) TicketByPhoneCode(ctx context.Context, code string) (store.Ticket, error) {
	return l.st.TicketByPhoneCode(ctx, code)
}
