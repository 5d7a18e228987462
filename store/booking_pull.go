package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"loket/booking"
)

// SettingBookingConfig holds the office's appointment configuration (hours
// per weekday, slot length, quota per service per slot, priority share) as
// the JSON of booking.Config. A setting, so the nightly sync ships it up
// like any other; the frequent booking exchange sends it too.
const SettingBookingConfig = "booking.config"

// EvBookingsPulled is written when bookings pulled from the centre change
// the office's list.
const EvBookingsPulled = "booking.pulled"

func init() {
	settingDefaults[SettingBookingConfig] = ""
	settingMaxLen[SettingBookingConfig] = 8000
	settingCheck[SettingBookingConfig] = func(v string) error {
		_, err := booking.Parse(v)
		if err != nil {
			return errors.New(upperFirst(err.Error()) + ".")
		}
		return nil
	}
}

func upperFirst(s string) string {
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+len(string(r)):]
	}
	return s
}

// PulledBooking is a booking as the office holds it in office_bookings.
type PulledBooking struct {
	Code        string
	Office      string
	ServiceID   string
	SlotStart   time.Time
	SlotEnd     time.Time
	Name        string
	PhoneMasked string
	Satker      string
	Priority    bool
	Status      string
	TicketID    string
	// Seq is the centre's seq of this state (0 for a local row).
	Seq int64
}

// BookingMarkRow is a check-in or no-show the office recorded that the
// centre has not acknowledged yet.
type BookingMarkRow struct {
	Code, Status, TicketID string
}

// BookingPullState is the office's side of the booking exchange.
type BookingPullState struct {
	Cursor    int64
	PulledAt  time.Time
	LastError string
}

// BookingPullState returns the cursor and the outcome of the last
// exchange.
func (s *Store) BookingPullState(ctx context.Context) (BookingPullState, error) {
	var st BookingPullState
	var at string
	err := s.db.QueryRowContext(ctx, `SELECT cursor, pulled_at, last_error FROM booking_pull WHERE id = 1`).
		Scan(&st.Cursor, &at, &st.LastError)
	if err != nil {
		return st, fmt.Errorf("store: booking pull state: %w", err)
	}
	if at != "" {
		st.PulledAt = parseTime(at)
	}
	return st, nil
}

// BookingMarks lists the check-ins and no-shows to push to the centre:
// those whose state differs from what the centre last said.
func (s *Store) BookingMarks(ctx context.Context) ([]BookingMarkRow, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT ob.code, ob.status, COALESCE(ob.checked_in_ticket_id, '')
		FROM office_bookings ob LEFT JOIN booking_pulled bp ON bp.code = ob.code
		WHERE ob.status IN ('checked_in', 'no_show')
		  AND (bp.code IS NULL OR bp.status <> ob.status OR bp.ticket_id <> COALESCE(ob.checked_in_ticket_id, ''))
		ORDER BY ob.code`)
	if err != nil {
		return nil, fmt.Errorf("store: booking marks: %w", err)
	}
	defer rows.Close()
	var out []BookingMarkRow
	for rows.Next() {
		var m BookingMarkRow
		if err := rows.Scan(&m.Code, &m.Status, &m.TicketID); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// ApplyPulledBookings writes bookings pulled from the centre into
// office_bookings, moves the cursor and records the pushed marks as
// acknowledged, in one transaction with its event. What the office did
// wins over what the centre says: a visitor checked in (or marked a
// no-show) here stays so whatever the centre still believes; a booking
// still "booked" here takes the centre's state (cancelled, moved).
func (s *Store) ApplyPulledBookings(ctx context.Context, list []PulledBooking, cursor int64, pushed []BookingMarkRow) (int, error) {
	changed := 0
	err := s.tx(ctx, func(tx *writeTx) error {
		off, err := s.officeIn(ctx, tx)
		if err != nil {
			return err
		}
		now := formatTime(s.now())
		for _, b := range list {
			if b.Office != off.Code {
				continue // never another office's booking
			}
			res, err := tx.ExecContext(ctx, `INSERT INTO office_bookings (code, office_code, service_id, slot_start, slot_end,
				name, phone_masked, satker, priority, status, checked_in_ticket_id, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, ''), ?)
				ON CONFLICT (code) DO UPDATE SET service_id = excluded.service_id, slot_start = excluded.slot_start,
					slot_end = excluded.slot_end, name = excluded.name, phone_masked = excluded.phone_masked,
					satker = excluded.satker, priority = excluded.priority, status = excluded.status,
					updated_at = excluded.updated_at
				WHERE office_bookings.status IN ('booked', 'cancelled')
				  AND (office_bookings.status <> excluded.status OR office_bookings.slot_start <> excluded.slot_start
				       OR office_bookings.name <> excluded.name)`,
				b.Code, off.Code, b.ServiceID, formatTime(b.SlotStart), formatTime(b.SlotEnd), b.Name, b.PhoneMasked,
				b.Satker, b.Priority, b.Status, b.TicketID, now)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n > 0 {
				changed++
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO booking_pulled (code, status, ticket_id, seq) VALUES (?, ?, ?, ?)
				ON CONFLICT (code) DO UPDATE SET status = excluded.status, ticket_id = excluded.ticket_id, seq = excluded.seq
				WHERE excluded.seq >= booking_pulled.seq`, b.Code, b.Status, b.TicketID, b.Seq); err != nil {
				return err
			}
		}
		for _, m := range pushed {
			if _, err := tx.ExecContext(ctx, `INSERT INTO booking_pulled (code, status, ticket_id, seq) VALUES (?, ?, ?, 0)
				ON CONFLICT (code) DO UPDATE SET status = excluded.status, ticket_id = excluded.ticket_id`,
				m.Code, m.Status, m.TicketID); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE booking_pull SET cursor = max(cursor, ?), pulled_at = ?, last_error = '' WHERE id = 1`,
			cursor, now); err != nil {
			return err
		}
		if changed == 0 && len(pushed) == 0 {
			return nil
		}
		return s.appendEvent(ctx, tx, &Event{Office: off.Code, Kind: EvBookingsPulled,
			Data: map[string]string{"changed": strconv.Itoa(changed), "pushed": strconv.Itoa(len(pushed)),
				"cursor": strconv.FormatInt(cursor, 10)}})
	})
	if err != nil {
		return 0, wrap("apply pulled bookings", err)
	}
	return changed, nil
}

// NoteBookingPullError keeps why the last exchange failed (the admin's
// sync tab shows it); the list pulled before stays as it is.
func (s *Store) NoteBookingPullError(ctx context.Context, msg string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE booking_pull SET last_error = ? WHERE id = 1`, strings.TrimSpace(msg))
	if err != nil {
		return fmt.Errorf("store: note booking pull: %w", err)
	}
	return nil
}

// PulledBookings lists the office's bookings of slots starting in
// [from, to), in slot order (zero times: all).
func (s *Store) PulledBookings(ctx context.Context, from, to time.Time) ([]PulledBooking, error) {
	lo, hi := "", "~"
	if !from.IsZero() {
		lo = formatTime(from)
	}
	if !to.IsZero() {
		hi = formatTime(to)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT ob.code, ob.office_code, ob.service_id, ob.slot_start, ob.slot_end, ob.name,
		ob.phone_masked, ob.satker, ob.priority, ob.status, COALESCE(ob.checked_in_ticket_id, ''), coalesce(bp.seq, 0)
		FROM office_bookings ob LEFT JOIN booking_pulled bp ON bp.code = ob.code
		WHERE ob.slot_start >= ? AND ob.slot_start < ? ORDER BY ob.slot_start, ob.code`, lo, hi)
	if err != nil {
		return nil, fmt.Errorf("store: pulled bookings: %w", err)
	}
	defer rows.Close()
	var out []PulledBooking
	for rows.Next() {
		var b PulledBooking
		var start, end string
		var prio sql.NullInt64
		if err := rows.Scan(&b.Code, &b.Office, &b.ServiceID, &start, &end, &b.Name, &b.PhoneMasked, &b.Satker,
			&prio, &b.Status, &b.TicketID, &b.Seq); err != nil {
			return nil, err
		}
		b.SlotStart, b.SlotEnd, b.Priority = parseTime(start), parseTime(end), prio.Int64 != 0
		out = append(out, b)
	}
	return out, rows.Err()
}

// EvBookingsReleased is written when bookings of past days nobody checked
// in are marked no-shows.
const EvBookingsReleased = "booking.released"

// ReleasePastBookings marks as no-shows the bookings still booked whose
// slot ended before `before` (the start of the office's business day: a
// visitor of an earlier day can no longer come), with one event, and
// returns how many. The queue may release a missed slot sooner within
// the day; this is the floor the reports and the centre rely on.
func (s *Store) ReleasePastBookings(ctx context.Context, before time.Time) (int, error) {
	n := 0
	err := s.tx(ctx, func(tx *writeTx) error {
		off, err := s.officeIn(ctx, tx)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE office_bookings SET status = 'no_show', updated_at = ?
			WHERE status = 'booked' AND slot_end < ?`, formatTime(s.now()), formatTime(before))
		if err != nil {
			return err
		}
		k, _ := res.RowsAffected()
		if n = int(k); n == 0 {
			return nil
		}
		return s.appendEvent(ctx, tx, &Event{Office: off.Code, Kind: EvBookingsReleased,
			Data: map[string]string{"released": strconv.Itoa(n), "before": formatTime(before)}})
	})
	if err != nil {
		return 0, wrap("release past bookings", err)
	}
	return n, nil
}
