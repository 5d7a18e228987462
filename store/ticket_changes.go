package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// TicketsByID returns the tickets with these ids, by id; ids not found are
// left out. The event stream attaches each ticket event's ticket with it
// (one query per batch of events, shared by every stream).
func (s *Store) TicketsByID(ctx context.Context, ids []string) (map[string]Ticket, error) {
	out := make(map[string]Ticket, len(ids))
	for len(ids) > 0 {
		// SQLite's default limit of host parameters is far above this;
		// chunks keep each statement one of a few cached shapes.
		n := min(len(ids), 64)
		chunk := ids[:n]
		ids = ids[n:]
		q := `SELECT ` + ticketColumns + ` FROM tickets WHERE id IN (?` + strings.Repeat(",?", n-1) + `)`
		args := make([]any, n)
		for i, id := range chunk {
			args[i] = id
		}
		if err := s.collectTickets(ctx, s.db, q, args, func(t Ticket) { out[t.ID] = t }); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// TicketsChangedSince lists the tickets of one business date that an
// event after seq touched (issued, called, finished, moved ...), in issue
// order, with the newest seq they reflect: the incremental form of
// TicketsOn. A screen that loaded the day's list once keeps it current by
// asking again with the seq it got, and never reloads the whole day. It
// reads one snapshot, so the tickets are exactly as of the seq returned.
// A negative seq lists every ticket of the date: the first load and its
// seq in one consistent read.
func (s *Store) TicketsChangedSince(ctx context.Context, date string, seq int64) ([]Ticket, int64, error) {
	off, err := s.Office(ctx)
	if err != nil {
		return nil, 0, err
	}
	// ReadOnly: a deferred transaction, one snapshot for both reads.
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, 0, fmt.Errorf("store: tickets changed: %w", err)
	}
	defer tx.Rollback()
	var last sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT max(seq) FROM events`).Scan(&last); err != nil {
		return nil, 0, fmt.Errorf("store: tickets changed: %w", err)
	}
	out := []Ticket{}
	if seq < 0 {
		err = s.collectTickets(ctx, tx, `SELECT `+ticketColumns+` FROM tickets WHERE office_code = ? AND business_date = ?
			ORDER BY issued_at, prefix, number`, []any{off.Code, date}, func(t Ticket) { out = append(out, t) })
		if err != nil {
			return nil, 0, err
		}
		return out, last.Int64, nil
	}
	if last.Int64 <= seq {
		return out, max(seq, last.Int64), nil
	}
	err = s.collectTickets(ctx, tx, `SELECT `+ticketColumns+` FROM tickets
		WHERE id IN (SELECT ticket_id FROM events WHERE seq > ? AND seq <= ? AND ticket_id IS NOT NULL)
		AND office_code = ? AND business_date = ? ORDER BY issued_at, prefix, number`,
		[]any{seq, last.Int64, off.Code, date}, func(t Ticket) { out = append(out, t) })
	if err != nil {
		return nil, 0, err
	}
	return out, last.Int64, nil
}

type querier interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}

func (s *Store) collectTickets(ctx context.Context, db querier, q string, args []any, fn func(Ticket)) error {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("store: tickets: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		t, err := scanTicket(rows)
		if err != nil {
			return fmt.Errorf("store: tickets: %w", err)
		}
		fn(t)
	}
	return rows.Err()
}
