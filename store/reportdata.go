package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// TicketFact is the slice of a ticket the reports need: who served it,
// how it ended and its timestamps. Reading these rather than whole tickets
// keeps a month of a busy office to one index range scan.
type TicketFact struct {
	ID           string
	BusinessDate string
	// Code is the number as called ("A001").
	Code       string
	ServiceID  string
	CounterID  string
	OfficerID  string
	Priority   string
	Status     string
	IssuedAt   time.Time
	QueuedAt   time.Time
	CalledAt   time.Time
	ServedAt   time.Time
	FinishedAt time.Time
}

// TicketFacts returns the tickets of the business dates fromDate..toDate
// (YYYY-MM-DD, inclusive) in issue order. The (office, business date)
// prefix of the tickets key bounds the scan.
func (s *Store) TicketFacts(ctx context.Context, fromDate, toDate string) ([]TicketFact, error) {
	off, err := s.Office(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, business_date, prefix, number, service_id, COALESCE(counter_id, ''),
		COALESCE(officer_id, ''), priority, status, issued_at, queued_at, called_at, served_at, finished_at
		FROM tickets WHERE office_code = ? AND business_date BETWEEN ? AND ?`, off.Code, fromDate, toDate)
	if err != nil {
		return nil, fmt.Errorf("store: ticket facts: %w", err)
	}
	defer rows.Close()
	out := make([]TicketFact, 0, 1024)
	for rows.Next() {
		var f TicketFact
		var prefix string
		var number int
		var issued, queued string
		var called, served, finished sql.NullString
		if err := rows.Scan(&f.ID, &f.BusinessDate, &prefix, &number, &f.ServiceID, &f.CounterID, &f.OfficerID, &f.Priority, &f.Status,
			&issued, &queued, &called, &served, &finished); err != nil {
			return nil, fmt.Errorf("store: ticket facts: %w", err)
		}
		f.Code = FormatCode(prefix, number)
		f.IssuedAt, f.QueuedAt = parseTime(issued), parseTime(queued)
		f.CalledAt, f.ServedAt, f.FinishedAt = nullTime(called), nullTime(served), nullTime(finished)
		out = append(out, f)
	}
	return out, rows.Err()
}

// ReworkedTicketEvents returns, per ticket, the events of the tickets that
// were transferred or reactivated between from and to. Their row keeps only
// the last call and service, so the reports derive their times from these
// events instead. The events table has no time index (the write path pays
// for each index); its seq grows with time, so the range is found by binary
// search on seq and then read as one rowid range.
func (s *Store) ReworkedTicketEvents(ctx context.Context, from, to time.Time) (map[string][]Event, error) {
	lo, err := s.firstSeqAtOrAfter(ctx, from)
	if err != nil {
		return nil, err
	}
	hi, err := s.firstSeqAtOrAfter(ctx, to)
	if err != nil {
		return nil, err
	}
	out := map[string][]Event{}
	if hi <= lo {
		return out, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+eventColumns+` FROM events WHERE seq >= ?1 AND seq < ?2
		AND ticket_id IN (SELECT ticket_id FROM events WHERE seq >= ?1 AND seq < ?2
			AND kind IN ('ticket.transferred', 'ticket.reactivated'))
		ORDER BY seq`, lo, hi)
	if err != nil {
		return nil, fmt.Errorf("store: reworked tickets: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, fmt.Errorf("store: reworked tickets: %w", err)
		}
		out[e.TicketID] = append(out[e.TicketID], e)
	}
	return out, rows.Err()
}

// firstSeqAtOrAfter is the smallest seq whose event is at or after t (one
// past the newest when none is), by binary search over rowids.
func (s *Store) firstSeqAtOrAfter(ctx context.Context, t time.Time) (int64, error) {
	last, err := s.LastEventSeq(ctx)
	if err != nil {
		return 0, err
	}
	want := formatTime(t)
	lo, hi := int64(1), last+1
	for lo < hi {
		mid := lo + (hi-lo)/2
		var seq int64
		var at string
		err := s.db.QueryRowContext(ctx, `SELECT seq, at FROM events WHERE seq >= ? ORDER BY seq LIMIT 1`, mid).Scan(&seq, &at)
		if errors.Is(err, sql.ErrNoRows) {
			hi = mid
			continue
		}
		if err != nil {
			return 0, fmt.Errorf("store: event range: %w", err)
		}
		if at >= want {
			hi = mid
		} else {
			lo = seq + 1
		}
	}
	return lo, nil
}

// OverdueConsultations returns the consultations that at `at` were waiting
// for an answer past their follow-up deadline, oldest deadline first,
// whenever they were opened: a report of one day must count the items
// opened last week that are still unanswered, not only that day's own.
//
// For a moment in the past the state is read from the first-answer,
// resolution and closing times (an item counts until the first of them).
// For now or later it is the live state the CSO board shows: an item
// answered and then escalated again waits for an answer once more.
// A time in the future is read as now; nobody can be late yet then.
func (s *Store) OverdueConsultations(ctx context.Context, at time.Time) ([]Consultation, error) {
	now := s.now()
	if !at.Before(now) {
		return s.queryConsultations(ctx, `c.status IN (?, ?, ?) AND c.due_at < ?`, `c.due_at, c.opened_at`,
			CSOBaru, CSOEskalasi, CSOMenungguDokumen, formatTime(now))
	}
	t := formatTime(at)
	return s.queryConsultations(ctx, `c.opened_at < ?1 AND c.due_at < ?1
		AND (c.answered_at IS NULL OR c.answered_at >= ?1)
		AND (c.resolved_at IS NULL OR c.resolved_at >= ?1)
		AND (c.closed_at IS NULL OR c.closed_at >= ?1)`, `c.due_at, c.opened_at`, t)
}
