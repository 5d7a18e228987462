package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"loket/queue/lifecycle"
)

// Event kinds. Every state change of a ticket, a counter session or an admin
// record writes one of these in the same transaction as the change.
const (
	EvOfficeSetup       = "office.setup"
	EvServiceSaved      = "service.saved"
	EvCounterSaved      = "counter.saved"
	EvOfficerSaved      = "officer.saved"
	EvLogin             = "auth.login"
	EvLoginFailed       = "auth.login_failed"
	EvCounterOpened     = "counter.opened"
	EvCounterClosed     = "counter.closed"
	EvCounterHandedOver = "counter.handed_over" // left open at logout for the next officer
	EvCounterTakenOver  = "counter.taken_over"  // an open session replaced by a new one
	EvTicketIssued      = "ticket.issued"
	EvTicketCalled      = lifecycle.EvCalled
	EvTicketRecalled    = lifecycle.EvRecalled
	EvTicketServing     = lifecycle.EvServing
	EvTicketDone        = lifecycle.EvDone
	EvTicketSkipped     = lifecycle.EvSkipped
	EvTicketReactivated = lifecycle.EvReactivated
	EvTicketTransferred = lifecycle.EvTransferred
	EvTicketCancelled   = lifecycle.EvCancelled
)

// Event is one row of the append-only event log. Seq orders events within
// this store (a subscriber resumes after the last Seq it saw); ID is unique
// across every office, for the nightly sync.
type Event struct {
	Seq       int64             `json:"seq"`
	ID        string            `json:"id"`
	Office    string            `json:"office"`
	At        time.Time         `json:"at"`
	Kind      string            `json:"kind"`
	TicketID  string            `json:"ticket_id,omitempty"`
	ServiceID string            `json:"service_id,omitempty"`
	CounterID string            `json:"counter_id,omitempty"`
	OfficerID string            `json:"officer_id,omitempty"`
	Data      map[string]string `json:"data,omitempty"`

	// Ticket and Waiting are not in the log: a subscription
	// (office.Local.Subscribe) attaches them to ticket events so a screen
	// applies the change without reloading the day. Ticket is the event's
	// ticket as it stood when the event was read out for the streams (at
	// or after the event: apply it by ID, newest wins); Waiting counts
	// today's waiting tickets per service id at the same moment. Both are
	// shared by every subscriber: read them, never change them.
	Ticket  *Ticket        `json:"ticket,omitempty"`
	Waiting map[string]int `json:"waiting,omitempty"`
}

// appendEvent writes e inside tx, filling ID, At and Seq.
func (s *Store) appendEvent(ctx context.Context, tx *writeTx, e *Event) error {
	if e.At.IsZero() {
		e.At = s.now()
	}
	if e.ID == "" {
		e.ID = s.newID(e.Office)
	}
	data := []byte("{}")
	if len(e.Data) > 0 {
		var err error
		if data, err = json.Marshal(e.Data); err != nil {
			return err
		}
	}
	ins, err := s.prepared(ctx, tx, `INSERT INTO events
		(id, office_code, at, kind, ticket_id, service_id, counter_id, officer_id, data)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return fmt.Errorf("append event %s: %w", e.Kind, err)
	}
	res, err := ins.ExecContext(ctx, e.ID, e.Office, formatTime(e.At), e.Kind, nullString(e.TicketID), nullString(e.ServiceID),
		nullString(e.CounterID), nullString(e.OfficerID), string(data))
	if err != nil {
		return fmt.Errorf("append event %s: %w", e.Kind, err)
	}
	e.Seq, err = res.LastInsertId()
	return err
}

const eventColumns = `seq, id, office_code, at, kind, COALESCE(ticket_id, ''), COALESCE(service_id, ''),
	COALESCE(counter_id, ''), COALESCE(officer_id, ''), data`

func scanEvent(sc interface{ Scan(...any) error }) (Event, error) {
	var e Event
	var at, data string
	if err := sc.Scan(&e.Seq, &e.ID, &e.Office, &at, &e.Kind, &e.TicketID, &e.ServiceID,
		&e.CounterID, &e.OfficerID, &data); err != nil {
		return e, err
	}
	e.At = parseTime(at)
	if data != "" && data != "{}" {
		_ = json.Unmarshal([]byte(data), &e.Data)
	}
	return e, nil
}

// EventsAfter returns up to limit events with Seq greater than after, in
// order: the resume point of displays, the LAN stream and the sync.
func (s *Store) EventsAfter(ctx context.Context, after int64, limit int) ([]Event, error) {
	return s.queryEvents(ctx, `SELECT `+eventColumns+` FROM events WHERE seq > ? ORDER BY seq LIMIT ?`, after, limit)
}

// TicketEvents returns every event of one ticket in order. It scans the
// log (no index on ticket_id keeps the write path lean): for a ticket's
// history screen or an audit, not for hot paths.
func (s *Store) TicketEvents(ctx context.Context, ticketID string) ([]Event, error) {
	return s.queryEvents(ctx, `SELECT `+eventColumns+` FROM events WHERE ticket_id = ? ORDER BY seq`, ticketID)
}

// EventsBetween returns the events of the given kinds (all kinds when none
// given) at or after from and before to.
func (s *Store) EventsBetween(ctx context.Context, from, to time.Time) ([]Event, error) {
	return s.queryEvents(ctx, `SELECT `+eventColumns+` FROM events WHERE at >= ? AND at < ? ORDER BY seq`,
		formatTime(from), formatTime(to))
}

// LastEventSeq is the newest Seq, 0 for an empty log.
func (s *Store) LastEventSeq(ctx context.Context) (int64, error) {
	var n sql.NullInt64
	if err := s.db.QueryRowContext(ctx, `SELECT max(seq) FROM events`).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: last event: %w", err)
	}
	return n.Int64, nil
}

func (s *Store) queryEvents(ctx context.Context, q string, args ...any) ([]Event, error) {
	st, err := s.stmt(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("store: events: %w", err)
	}
	rows, err := st.QueryContext(ctx, args...)
	if err != nil {
		return nil, fmt.Errorf("store: events: %w", err)
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, fmt.Errorf("store: events: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
