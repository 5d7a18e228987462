package office

import (
	"context"
	"time"

	"loket/queue"
	"loket/store"
)

// Integrity is the anti-favouritism side of the counter (issue 24, Zona
// Integritas): calling a chosen ticket and pausing need a reason from the
// lists in queue/lifecycle, every such step is an event naming the officer,
// and the Kepala Seksi reads the day's fairness sheet.
type Integrity interface {
	// CallTicket calls the ticket the officer chose instead of the next
	// one, with a reason from lifecycle.CallReasons (or "Lainnya: ...");
	// refused without one (code reason_required). The officer is the
	// session's, over the hub the token's.
	CallTicket(ctx context.Context, sessionID, ticketID, reason string) (store.Ticket, error)
	// PauseCounter pauses the session's counter with a reason from
	// lifecycle.PauseReasons: it stays open but calls no one until
	// ResumeCounter, its next call or its close.
	PauseCounter(ctx context.Context, sessionID, reason string) error
	// ResumeCounter ends the pause (no error when not paused).
	ResumeCounter(ctx context.Context, sessionID string) error
	// FairnessSheet is one business day's fairness sheet ("" = today):
	// calls out of order, pauses and idle counters while visitors waited.
	// Kepala Seksi and admins only.
	FairnessSheet(ctx context.Context, actorID, date string) (queue.FairnessDay, error)
}

// CallTicket implements Integrity.
func (l *Local) CallTicket(ctx context.Context, sessionID, ticketID, reason string) (store.Ticket, error) {
	v, err := l.st.CallTicket(ctx, sessionID, ticketID, reason)
	return v, l.notified(err)
}

// PauseCounter implements Integrity.
func (l *Local) PauseCounter(ctx context.Context, sessionID, reason string) error {
	return l.notified(l.st.PauseCounter(ctx, sessionID, reason))
}

// ResumeCounter implements Integrity.
func (l *Local) ResumeCounter(ctx context.Context, sessionID string) error {
	return l.notified(l.st.ResumeCounter(ctx, sessionID))
}

// FairnessSheet implements Integrity.
func (l *Local) FairnessSheet(ctx context.Context, actorID, date string) (queue.FairnessDay, error) {
	o, err := l.st.Officer(ctx, actorID)
	if err != nil || !o.Active || (o.Role != store.RoleKasi && o.Role != store.RoleAdmin) {
		return queue.FairnessDay{}, &store.Error{Code: "forbidden", Message: "Lembar keadilan antrean hanya dapat dibuka oleh Kepala Seksi atau Admin."}
	}
	off, err := l.st.Office(ctx)
	if err != nil {
		return queue.FairnessDay{}, err
	}
	loc := off.Location()
	now := l.st.Now()
	if date == "" {
		date = off.BusinessDate(now)
	}
	d, err := time.ParseInLocation(store.DateLayout, date, loc)
	if err != nil {
		return queue.FairnessDay{}, &store.Error{Code: "invalid", Message: "Tanggal lembar keadilan antrean tidak valid (contoh: 2026-11-23)."}
	}
	from, to := d, d.AddDate(0, 0, 1)
	until := to
	if now.Before(until) {
		until = now
	}
	evs, err := l.st.EventsInWindow(ctx, from, to)
	if err != nil {
		return queue.FairnessDay{}, err
	}
	day := queue.Fairness(date, evs, until)
	day.OfficerNames, day.CounterNames = map[string]string{}, map[string]string{}
	offs, err := l.st.Officers(ctx)
	if err != nil {
		return day, err
	}
	for _, o := range offs {
		day.OfficerNames[o.ID] = o.FullName
	}
	ctrs, err := l.st.Counters(ctx)
	if err != nil {
		return day, err
	}
	for _, c := range ctrs {
		day.CounterNames[c.ID] = c.Label()
	}
	return day, nil
}
