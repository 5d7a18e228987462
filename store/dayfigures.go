package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// DayFigures are the office's figures of one business day, as its own
// reports compute them (office.(*Local).RefreshDayFigures), kept so the
// nightly sync can ship them: the central office has no working calendar
// and no service norms of its own.
type DayFigures struct {
	Office string
	Date   string // business date, YYYY-MM-DD in the office's zone
	// Ticket counts by outcome.
	Issued    int
	Served    int
	NoShow    int
	Cancelled int
	// NormKnown counts the finished tickets whose service has a time norm
	// in its Standar Pelayanan; NormMet those finished within it, counted
	// on working time.
	NormKnown int
	NormMet   int
	// MedianWait is the median wait from issue to first call; HasWait is
	// false when no ticket was called.
	MedianWait time.Duration
	HasWait    bool
	// Respondents and IKM (25..100) of the day's survey answers; HasIKM is
	// false without an answer.
	Respondents int
	IKM         float64
	HasIKM      bool
	// ComputedAt is the last computation; UpdatedAt the last one that
	// changed a figure (a recomputation that changes nothing does not
	// move it, so the sync does not ship the row again).
	ComputedAt time.Time
	UpdatedAt  time.Time
}

// same tells whether two computations of a day agree on every figure.
func (d DayFigures) same(o DayFigures) bool {
	return d.Issued == o.Issued && d.Served == o.Served && d.NoShow == o.NoShow && d.Cancelled == o.Cancelled &&
		d.NormKnown == o.NormKnown && d.NormMet == o.NormMet && d.HasWait == o.HasWait &&
		(!d.HasWait || waitSeconds(d.MedianWait) == waitSeconds(o.MedianWait)) &&
		d.Respondents == o.Respondents && d.HasIKM == o.HasIKM && (!d.HasIKM || d.IKM == o.IKM)
}

// waitSeconds is a median wait as stored: whole seconds, rounded. The
// comparison with the stored day uses the same rounding, or a median of
// 10.7 s (stored 11) would differ from itself every night and the day be
// shipped again.
func waitSeconds(d time.Duration) int64 { return int64((d + time.Second/2) / time.Second) }

const dayFiguresColumns = `office_code, business_date, issued, served, no_show, cancelled, norm_known, norm_met,
	median_wait_s, respondents, ikm, computed_at, updated_at`

func scanDayFigures(sc interface{ Scan(...any) error }) (DayFigures, error) {
	var d DayFigures
	var wait sql.NullInt64
	var ikm sql.NullFloat64
	var computed, updated string
	err := sc.Scan(&d.Office, &d.Date, &d.Issued, &d.Served, &d.NoShow, &d.Cancelled, &d.NormKnown, &d.NormMet,
		&wait, &d.Respondents, &ikm, &computed, &updated)
	d.MedianWait, d.HasWait = time.Duration(wait.Int64)*time.Second, wait.Valid
	d.IKM, d.HasIKM = ikm.Float64, ikm.Valid
	d.ComputedAt, d.UpdatedAt = parseTime(computed), parseTime(updated)
	return d, err
}

// SaveDayFigures stores the figures of some days of this office in one
// transaction, replacing earlier computations. A day whose figures did not
// change keeps its updated_at (only computed_at moves). It returns how
// many days changed.
func (s *Store) SaveDayFigures(ctx context.Context, days []DayFigures) (int, error) {
	if len(days) == 0 {
		return 0, nil
	}
	off, err := s.Office(ctx)
	if err != nil {
		return 0, fmt.Errorf("store: save day figures: %w", err)
	}
	changed := 0
	err = s.tx(ctx, func(tx *writeTx) error {
		now := formatTime(s.now())
		for _, d := range days {
			if _, err := time.Parse(DateLayout, d.Date); err != nil {
				return fmt.Errorf("business date %q: %w", d.Date, err)
			}
			old, err := scanDayFigures(tx.QueryRowContext(ctx, `SELECT `+dayFiguresColumns+` FROM day_figures
				WHERE office_code = ? AND business_date = ?`, off.Code, d.Date))
			switch {
			case err == nil && old.same(d):
				if _, err := tx.ExecContext(ctx, `UPDATE day_figures SET computed_at = ? WHERE office_code = ? AND business_date = ?`,
					now, off.Code, d.Date); err != nil {
					return err
				}
				continue
			case err != nil && !errors.Is(err, sql.ErrNoRows):
				return err
			}
			var wait, ikm any
			if d.HasWait {
				wait = waitSeconds(d.MedianWait)
			}
			if d.HasIKM {
				ikm = d.IKM
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO day_figures (`+dayFiguresColumns+`)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (office_code, business_date) DO UPDATE SET issued = excluded.issued, served = excluded.served,
					no_show = excluded.no_show, cancelled = excluded.cancelled, norm_known = excluded.norm_known,
					norm_met = excluded.norm_met, median_wait_s = excluded.median_wait_s, respondents = excluded.respondents,
					ikm = excluded.ikm, computed_at = excluded.computed_at, updated_at = excluded.updated_at`,
				off.Code, d.Date, d.Issued, d.Served, d.NoShow, d.Cancelled, d.NormKnown, d.NormMet, wait, d.Respondents, ikm,
				now, now); err != nil {
				return err
			}
			changed++
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store: save day figures: %w", err)
	}
	return changed, nil
}

// DayFiguresBetween lists this office's stored day figures from..to
// (business dates, inclusive), oldest first.
func (s *Store) DayFiguresBetween(ctx context.Context, from, to string) ([]DayFigures, error) {
	off, err := s.Office(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: day figures: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+dayFiguresColumns+` FROM day_figures
		WHERE office_code = ? AND business_date BETWEEN ? AND ? ORDER BY business_date`, off.Code, from, to)
	if err != nil {
		return nil, fmt.Errorf("store: day figures: %w", err)
	}
	defer rows.Close()
	var out []DayFigures
	for rows.Next() {
		d, err := scanDayFigures(rows)
		if err != nil {
			return nil, fmt.Errorf("store: day figures: %w", err)
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: day figures: %w", err)
	}
	return out, nil
}

// LastDayFiguresDate is the newest business date with stored figures, or
// ErrNotFound before the first computation.
func (s *Store) LastDayFiguresDate(ctx context.Context) (string, error) {
	off, err := s.Office(ctx)
	if err != nil {
		return "", fmt.Errorf("store: last day figures: %w", err)
	}
	var d sql.NullString
	if err := s.db.QueryRowContext(ctx, `SELECT max(business_date) FROM day_figures WHERE office_code = ?`, off.Code).
		Scan(&d); err != nil {
		return "", fmt.Errorf("store: last day figures: %w", err)
	}
	if !d.Valid {
		return "", fmt.Errorf("store: last day figures: %w", ErrNotFound)
	}
	return d.String, nil
}

// TicketDates lists the business dates from..to (inclusive) on which this
// office issued at least one ticket, oldest first; empty from means from
// the first ticket.
func (s *Store) TicketDates(ctx context.Context, from, to string) ([]string, error) {
	off, err := s.Office(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: ticket dates: %w", err)
	}
	// The tickets key leads with (office_code, business_date):
	// the distinct dates come off it in order, with no sort.
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT business_date FROM tickets
		WHERE office_code = ? AND business_date BETWEEN ? AND ? ORDER BY business_date`, off.Code, from, to)
	if err != nil {
		return nil, fmt.Errorf("store: ticket dates: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			return nil, fmt.Errorf("store: ticket dates: %w", err)
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: ticket dates: %w", err)
	}
	return out, nil
}
