package store

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"time"
)

// Booking statuses of office_bookings (migration 0021).
const (
	BookingBooked    = "booked"
	BookingCheckedIn = "checked_in"
	BookingCancelled = "cancelled"
	BookingNoShow    = "no_show"
)

// Booking events.
const (
	EvBookingSaved     = "booking.saved"
	EvBookingCheckedIn = "booking.checked_in"
)

// Booking is an appointment (janji temu) made at the centre, as the office
// keeps it: the booking sync fills office_bookings, the kiosk checks the
// visitor in against it. Name and phone stay in the office; they are never
// shown on a public screen.
type Booking struct {
	Code        string
	Office      string
	ServiceID   string
	SlotStart   time.Time
	SlotEnd     time.Time
	Name        string
	PhoneMasked string
	Satker      string
	Priority    string
	Status      string
	// TicketID is the ticket the check-in issued.
	TicketID  string
	UpdatedAt time.Time
}

// BookingSlot marks a booked visitor's ticket among call-next's candidates:
// the slot it booked, for the booking rule of the queue package.
type BookingSlot struct {
	Code  string
	Start time.Time
	End   time.Time
	// CounterRun is how many of this counter's latest calls today, in a
	// row, were booked visitors: the share rule needs it, and it travels
	// here so that Picker keeps its signature.
	CounterRun int
}

// NormalizeBookingCode is a booking code as typed or scanned: trimmed,
// upper case. A scanned QR may carry a URL ending in the code.
func NormalizeBookingCode(code string) string {
	code = strings.TrimSpace(code)
	if i := strings.LastIndexAny(code, "/=#"); i >= 0 {
		code = code[i+1:]
	}
	return strings.ToUpper(code)
}

const bookingColumns = `code, office_code, service_id, slot_start, slot_end, name, phone_masked, satker, priority, status,
	COALESCE(checked_in_ticket_id, ''), updated_at`

func scanBooking(sc interface{ Scan(...any) error }) (Booking, error) {
	var b Booking
	var start, end, updated string
	err := sc.Scan(&b.Code, &b.Office, &b.ServiceID, &start, &end, &b.Name, &b.PhoneMasked, &b.Satker, &b.Priority,
		&b.Status, &b.TicketID, &updated)
	b.SlotStart, b.SlotEnd, b.UpdatedAt = parseTime(start), parseTime(end), parseTime(updated)
	return b, err
}

// BookingByCode finds a booking of the local copy by its code.
func (s *Store) BookingByCode(ctx context.Context, code string) (Booking, error) {
	b, err := scanBooking(s.db.QueryRowContext(ctx, `SELECT `+bookingColumns+` FROM office_bookings WHERE code = ?`,
		NormalizeBookingCode(code)))
	if errors.Is(err, sql.ErrNoRows) {
		return Booking{}, ErrNotFound
	}
	if err != nil {
		return Booking{}, wrap("booking", err)
	}
	return b, nil
}

// SaveBooking inserts or updates a booking of the local copy (the booking
// sync; tests). A booking already checked in here keeps its check-in: the
// centre learns of it on the next push, and a pull in between must not
// hand the code out again.
func (s *Store) SaveBooking(ctx context.Context, b Booking) error {
	b.Code = NormalizeBookingCode(b.Code)
	if len(b.Code) < 4 || len(b.Code) > 32 || b.ServiceID == "" || !b.SlotEnd.After(b.SlotStart) {
		return refuse("invalid", "Data janji temu tidak lengkap.")
	}
	switch b.Status {
	case "":
		b.Status = BookingBooked
	case BookingBooked, BookingCancelled, BookingNoShow:
	default:
		return refuse("invalid", "Status janji temu tidak dikenal.")
	}
	err := s.tx(ctx, func(tx *writeTx) error {
		off, err := s.officeIn(ctx, tx)
		if err != nil {
			return err
		}
		if b.Office == "" {
			b.Office = off.Code
		}
		now := s.now()
		if _, err := s.execTx(ctx, tx, `INSERT INTO office_bookings (code, office_code, service_id, slot_start, slot_end,
			name, phone_masked, satker, priority, status, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (code) DO UPDATE SET office_code = excluded.office_code, service_id = excluded.service_id,
				slot_start = excluded.slot_start, slot_end = excluded.slot_end, name = excluded.name,
				phone_masked = excluded.phone_masked, satker = excluded.satker, priority = excluded.priority,
				status = excluded.status, updated_at = excluded.updated_at
			WHERE office_bookings.status <> 'checked_in'`,
			b.Code, b.Office, b.ServiceID, formatTime(b.SlotStart), formatTime(b.SlotEnd), b.Name, b.PhoneMasked,
			b.Satker, b.Priority, b.Status, formatTime(now)); err != nil {
			return err
		}
		return s.appendEvent(ctx, tx, &Event{Office: off.Code, Kind: EvBookingSaved, ServiceID: b.ServiceID, At: now,
			Data: map[string]string{"code": b.Code, "status": b.Status, "slot_start": formatTime(b.SlotStart)}})
	})
	return wrap("save booking", err)
}

// ErrBookingUnknown refuses a code the office does not know (yet).
var ErrBookingUnknown = &Error{Code: "booking_unknown",
	Message: "Kode janji temu tidak ditemukan. Periksa kembali kode Anda atau ambil nomor antrean biasa."}

// CheckIn checks a booked visitor in: admit (the queue package's booking
// rule) decides whether the booking may be used now; then, in one
// transaction, the visitor's ticket is issued in the booking's service and
// lane and the booking is marked used, so a code never gives two tickets.
func (s *Store) CheckIn(ctx context.Context, code string, admit func(b Booking, off Office, now time.Time) error) (Ticket, error) {
	code = NormalizeBookingCode(code)
	if code == "" {
		return Ticket{}, refuse("invalid", "Masukkan kode janji temu Anda.")
	}
	var t Ticket
	err := s.tx(ctx, func(tx *writeTx) error {
		off, err := s.officeIn(ctx, tx)
		if err != nil {
			return err
		}
		b, err := scanBooking(s.queryRowTx(ctx, tx, `SELECT `+bookingColumns+` FROM office_bookings WHERE code = ?`, code))
		if errors.Is(err, sql.ErrNoRows) {
			return ErrBookingUnknown
		}
		if err != nil {
			return err
		}
		now := s.now()
		if admit != nil {
			if err := admit(b, off, now); err != nil {
				return err
			}
		}
		priority := b.Priority
		if !validPriority(priority) {
			priority = PriorityNone
		}
		if t, err = s.issueIn(ctx, tx, b.ServiceID, priority, map[string]string{"booking": b.Code}); err != nil {
			return err
		}
		res, err := s.execTx(ctx, tx, `UPDATE office_bookings SET status = 'checked_in', checked_in_ticket_id = ?,
			updated_at = ? WHERE code = ? AND status = 'booked'`, t.ID, formatTime(now), b.Code)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return refuse("booking_used", "Kode janji temu ini sudah dipakai.")
		}
		t.Booking = &BookingSlot{Code: b.Code, Start: b.SlotStart, End: b.SlotEnd}
		return s.appendEvent(ctx, tx, &Event{Office: off.Code, Kind: EvBookingCheckedIn, TicketID: t.ID,
			ServiceID: t.ServiceID, At: now, Data: map[string]string{"code": b.Code, "number": t.Code()}})
	})
	if err != nil {
		return Ticket{}, wrap("check in", err)
	}
	return t, nil
}

// withBookedQ adds to call-next's candidates the booked visitors checked in
// and waiting for the session's services, each with its slot (at most one
// per slot start is needed, but they are few: a day's check-ins of one
// office). Without any, it costs one seek of an empty partial index.
func (s *Store) withBookedQ(ctx context.Context, tx *writeTx, office, date string, sess CounterSession, waiting []Ticket) ([]Ticket, error) {
	q, err := s.prepared(ctx, tx, `SELECT t.id, t.office_code, t.business_date, t.prefix, t.number, t.service_id, t.priority, t.status,
		t.issued_at, t.queued_at, t.called_at, COALESCE(t.counter_id, ''), COALESCE(t.officer_id, ''), t.call_count, t.served_at,
		t.finished_at, t.updated_at, b.code, b.slot_start, b.slot_end
		FROM office_bookings b INDEXED BY office_bookings_checked_in JOIN tickets t ON t.id = b.checked_in_ticket_id
		WHERE b.office_code = ? AND b.status = 'checked_in' AND t.status = 'waiting' AND t.business_date = ?
		ORDER BY b.slot_start, t.queued_at LIMIT 64`)
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, office, date)
	if err != nil {
		return nil, err
	}
	var booked []Ticket
	for rows.Next() {
		var bs BookingSlot
		var start, end string
		t, err := scanTicket(scanPlus{rows, []any{&bs.Code, &start, &end}})
		if err != nil {
			rows.Close()
			return nil, err
		}
		if !slices.Contains(sess.ServiceIDs, t.ServiceID) {
			continue
		}
		bs.Start, bs.End = parseTime(start), parseTime(end)
		t.Booking = &bs
		booked = append(booked, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(booked) == 0 {
		return waiting, err
	}
	run, err := s.bookedRunQ(ctx, tx, date, sess.CounterID)
	if err != nil {
		return nil, err
	}
	out := make([]Ticket, 0, len(waiting)+len(booked))
	for _, w := range waiting {
		if !slices.ContainsFunc(booked, func(b Ticket) bool { return b.ID == w.ID }) {
			out = append(out, w)
		}
	}
	for i := range booked {
		booked[i].Booking.CounterRun = run
		out = append(out, booked[i])
	}
	slices.SortStableFunc(out, func(a, b Ticket) int {
		switch {
		case arrivedBefore(a, b):
			return -1
		case arrivedBefore(b, a):
			return 1
		}
		return 0
	})
	return out, nil
}

// bookedRunQ counts the counter's latest calls today, in a row, that were
// booked visitors.
func (s *Store) bookedRunQ(ctx context.Context, tx *writeTx, date, counterID string) (int, error) {
	q, err := s.prepared(ctx, tx, `SELECT EXISTS (SELECT 1 FROM office_bookings b WHERE b.checked_in_ticket_id = t.id)
		FROM tickets t WHERE t.counter_id = ? AND t.called_at IS NOT NULL AND t.business_date = ?
		ORDER BY t.called_at DESC LIMIT 16`)
	if err != nil {
		return 0, err
	}
	rows, err := q.QueryContext(ctx, counterID, date)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	run := 0
	for rows.Next() {
		var booked bool
		if err := rows.Scan(&booked); err != nil {
			return 0, err
		}
		if !booked {
			break
		}
		run++
	}
	return run, rows.Err()
}

// ReleaseNoShows marks as no-show the bookings of the office never checked
// in whose slot ended more than after ago, with their events, and returns
// how many. The booking sync tells the centre; the slot's seat is then
// free for the centre to give again.
func (s *Store) ReleaseNoShows(ctx context.Context, after time.Duration) (int, error) {
	n := 0
	err := s.tx(ctx, func(tx *writeTx) error {
		off, err := s.officeIn(ctx, tx)
		if err != nil {
			return err
		}
		now := s.now()
		cut := formatTime(now.Add(-after))
		rows, err := tx.QueryContext(ctx, `SELECT code, service_id FROM office_bookings
			WHERE office_code = ? AND status = 'booked' AND slot_end < ?`, off.Code, cut)
		if err != nil {
			return err
		}
		type bk struct{ code, service string }
		var due []bk
		for rows.Next() {
			var b bk
			if err := rows.Scan(&b.code, &b.service); err != nil {
				rows.Close()
				return err
			}
			due = append(due, b)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, b := range due {
			if _, err := s.execTx(ctx, tx, `UPDATE office_bookings SET status = 'no_show', updated_at = ? WHERE code = ?`,
				formatTime(now), b.code); err != nil {
				return err
			}
			if err := s.appendEvent(ctx, tx, &Event{Office: off.Code, Kind: EvBookingSaved, ServiceID: b.service, At: now,
				Data: map[string]string{"code": b.code, "status": BookingNoShow}}); err != nil {
				return err
			}
		}
		n = len(due)
		return nil
	})
	return n, wrap("release no-shows", err)
}

// scanPlus scans a row of ticket columns followed by more columns.
type scanPlus struct {
	rows  *sql.Rows
	extra []any
}

func (p scanPlus) Scan(dest ...any) error { return p.rows.Scan(append(dest, p.extra...)...) }
