package central

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// sqliteBookingSchema is the SQLite twin of pgBookingSchema. Every write
// transaction of this store is BEGIN IMMEDIATE, so one booking at a time
// reads and increments a slot's counter.
const sqliteBookingSchema = `
CREATE TABLE IF NOT EXISTS booking_seq (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL
);
INSERT OR IGNORE INTO booking_seq (id, seq) VALUES (1, 0);
CREATE TABLE IF NOT EXISTS booking_configs (
    office     TEXT PRIMARY KEY,
    config     TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS booking_slots (
    office        TEXT NOT NULL,
    service_id    TEXT NOT NULL,
    slot_start    TEXT NOT NULL,
    used_regular  INTEGER NOT NULL DEFAULT 0 CHECK (used_regular >= 0),
    used_priority INTEGER NOT NULL DEFAULT 0 CHECK (used_priority >= 0),
    PRIMARY KEY (office, service_id, slot_start)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS bookings (
    code         TEXT PRIMARY KEY,
    office       TEXT NOT NULL,
    service_id   TEXT NOT NULL,
    service_name TEXT NOT NULL DEFAULT '',
    slot_start   TEXT NOT NULL,
    slot_end     TEXT NOT NULL,
    day          TEXT NOT NULL,
    name         TEXT NOT NULL,
    phone_hash   TEXT NOT NULL,
    phone_masked TEXT NOT NULL,
    satker       TEXT NOT NULL DEFAULT '',
    priority     INTEGER NOT NULL DEFAULT 0,
    status       TEXT NOT NULL CHECK (status IN ('booked', 'checked_in', 'cancelled', 'no_show')),
    moved        INTEGER NOT NULL DEFAULT 0,
    ticket_id    TEXT NOT NULL DEFAULT '',
    seq          INTEGER NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS bookings_one_per_phone ON bookings (office, service_id, day, phone_hash)
    WHERE status IN ('booked', 'checked_in');
CREATE INDEX IF NOT EXISTS bookings_office_seq ON bookings (office, seq);
CREATE INDEX IF NOT EXISTS bookings_office_slot ON bookings (office, slot_start);`

const sqliteBookingCols = `code, office, service_id, service_name, slot_start, slot_end, day, name, phone_masked,
	satker, priority, status, moved, ticket_id, seq, created_at, updated_at`

func scanSQLiteBooking(row rowScanner) (Booking, error) {
	var b Booking
	var start, end, created, updated string
	err := row.Scan(&b.Code, &b.Office, &b.ServiceID, &b.ServiceName, &start, &end, &b.Day, &b.Name,
		&b.PhoneMasked, &b.Satker, &b.Priority, &b.Status, &b.Moved, &b.CheckedInTicketID, &b.Seq, &created, &updated)
	if err != nil {
		return b, err
	}
	b.SlotStart, _ = time.Parse(bookingTime, start)
	b.SlotEnd, _ = time.Parse(bookingTime, end)
	b.CreatedAt, _ = time.Parse(time.RFC3339Nano, created)
	b.UpdatedAt, _ = time.Parse(time.RFC3339Nano, updated)
	return b, nil
}

func bt(t time.Time) string { return t.UTC().Format(bookingTime) }

// bookingTx runs fn in one write transaction; the store's single writer
// leaves no deadlock to retry.
func (s *SQLite) bookingTx(ctx context.Context, fn func(bookingSteps) error) error {
	return s.tx(ctx, func(tx *sql.Tx) error { return fn(sqliteBookingSteps{ctx, tx, sqlNow()}) })
}

func (s *SQLite) bookingDupCode(err error) bool {
	return err != nil && strings.Contains(err.Error(), "UNIQUE") && strings.Contains(err.Error(), "bookings.code")
}

// bookingDupPhone reads any other unique violation as the phone's: the
// only other unique index of bookings.
func (s *SQLite) bookingDupPhone(err error) bool {
	return err != nil && strings.Contains(err.Error(), "UNIQUE")
}

// sqliteBookingSteps is the SQLite dialect of bookingSteps; now is the
// transaction's one timestamp.
type sqliteBookingSteps struct {
	ctx context.Context
	tx  *sql.Tx
	now string
}

// nextSeq: one counter for every office, which the single writer hands
// out in commit order.
func (st sqliteBookingSteps) nextSeq(string) (int64, error) {
	var seq int64
	err := st.tx.QueryRowContext(st.ctx, `UPDATE booking_seq SET seq = seq + 1 WHERE id = 1 RETURNING seq`).Scan(&seq)
	return seq, err
}

// takePlace: the SQLite twin of pgBookingSteps.takePlace.
func (st sqliteBookingSteps) takePlace(office, service string, start time.Time, priority bool, regularCap, totalCap int) error {
	if _, err := st.tx.ExecContext(st.ctx, `INSERT INTO booking_slots (office, service_id, slot_start) VALUES (?, ?, ?)
		ON CONFLICT DO NOTHING`, office, service, bt(start)); err != nil {
		return err
	}
	q := `UPDATE booking_slots SET used_regular = used_regular + 1
		WHERE office = ?1 AND service_id = ?2 AND slot_start = ?3 AND used_regular < ?4 AND used_regular + used_priority < ?5`
	if priority {
		q = `UPDATE booking_slots SET used_priority = used_priority + 1
			WHERE office = ?1 AND service_id = ?2 AND slot_start = ?3 AND ?4 >= 0 AND used_regular + used_priority < ?5`
	}
	res, err := st.tx.ExecContext(st.ctx, q, office, service, bt(start), regularCap, totalCap)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrSlotFull
	}
	return nil
}

func (st sqliteBookingSteps) freePlace(office, service string, start time.Time, priority bool) error {
	col := "used_regular"
	if priority {
		col = "used_priority"
	}
	_, err := st.tx.ExecContext(st.ctx, `UPDATE booking_slots SET `+col+` = `+col+` - 1
		WHERE office = ? AND service_id = ? AND slot_start = ? AND `+col+` > 0`, office, service, bt(start))
	return err
}

// lock reads a booking; the write transaction already excludes others.
func (st sqliteBookingSteps) lock(code string) (Booking, error) {
	b, err := scanSQLiteBooking(st.tx.QueryRowContext(st.ctx, `SELECT `+sqliteBookingCols+` FROM bookings WHERE code = ?`, code))
	if errors.Is(err, sql.ErrNoRows) {
		return Booking{}, ErrNotFound
	}
	return b, err
}

func (st sqliteBookingSteps) insert(code string, req BookingRequest, seq int64) error {
	_, err := st.tx.ExecContext(st.ctx, `INSERT INTO bookings (code, office, service_id, service_name, slot_start, slot_end, day, name,
		phone_hash, phone_masked, satker, priority, status, seq, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'booked', ?, ?, ?)`,
		code, req.Office, req.ServiceID, req.ServiceName, bt(req.SlotStart), bt(req.SlotEnd), req.Day, req.Name,
		req.PhoneHash, req.PhoneMasked, req.Satker, req.Priority, seq, st.now, st.now)
	return err
}

func (st sqliteBookingSteps) cancel(code string, seq int64) error {
	_, err := st.tx.ExecContext(st.ctx, `UPDATE bookings SET status = 'cancelled', seq = ?, updated_at = ? WHERE code = ?`, seq, st.now, code)
	return err
}

func (st sqliteBookingSteps) move(code string, to SlotMove, seq int64) error {
	_, err := st.tx.ExecContext(st.ctx, `UPDATE bookings SET slot_start = ?, slot_end = ?, day = ?, moved = 1, seq = ?,
		updated_at = ? WHERE code = ?`, bt(to.SlotStart), bt(to.SlotEnd), to.Day, seq, st.now, code)
	return err
}

// lockMarked: nothing to lock under the single writer.
func (st sqliteBookingSteps) lockMarked(string, []string) error { return nil }

func (st sqliteBookingSteps) mark(office string, m BookingMark, seq int64) error {
	_, err := st.tx.ExecContext(st.ctx, `UPDATE bookings SET status = ?3, ticket_id = ?4, seq = ?5, updated_at = ?6
		WHERE code = ?1 AND office = ?2 AND status IN ('booked', 'checked_in', 'no_show') AND (status <> ?3 OR ticket_id <> ?4)`,
		m.Code, office, m.Status, m.TicketID, seq, st.now)
	return err
}

// PutBookingConfig implements BookingDB.
func (s *SQLite) PutBookingConfig(ctx context.Context, office, config string) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO booking_configs (office, config, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (office) DO UPDATE SET config = excluded.config, updated_at = excluded.updated_at`, office, config, sqlNow())
	if err != nil {
		return fmt.Errorf("central: booking config: %w", err)
	}
	return nil
}

// BookingConfigs implements BookingDB.
func (s *SQLite) BookingConfigs(ctx context.Context) (map[string]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT office, config FROM booking_configs`)
	if err != nil {
		return nil, fmt.Errorf("central: booking configs: %w", err)
	}
	defer rows.Close()
	return bookingConfigRows(rows)
}

// Book implements BookingDB.
func (s *SQLite) Book(ctx context.Context, req BookingRequest) (Booking, error) {
	return bookWith(ctx, s, req)
}

// BookingByCode implements BookingDB.
func (s *SQLite) BookingByCode(ctx context.Context, code string) (Booking, error) {
	b, err := scanSQLiteBooking(s.db.QueryRowContext(ctx, `SELECT `+sqliteBookingCols+` FROM bookings WHERE code = ?`, code))
	if errors.Is(err, sql.ErrNoRows) {
		return Booking{}, ErrNotFound
	}
	if err != nil {
		return Booking{}, fmt.Errorf("central: booking: %w", err)
	}
	return b, nil
}

// CancelBooking implements BookingDB.
func (s *SQLite) CancelBooking(ctx context.Context, code string) (Booking, error) {
	return cancelWith(ctx, s, code)
}

// MoveBooking implements BookingDB.
func (s *SQLite) MoveBooking(ctx context.Context, code string, to SlotMove) (Booking, error) {
	return moveWith(ctx, s, code, to)
}

// SlotUses implements BookingDB.
func (s *SQLite) SlotUses(ctx context.Context, office, serviceID string, from, to time.Time) (map[time.Time]SlotUse, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT slot_start, used_regular, used_priority FROM booking_slots
		WHERE office = ? AND service_id = ? AND slot_start >= ? AND slot_start < ?`, office, serviceID, bt(from), bt(to))
	if err != nil {
		return nil, fmt.Errorf("central: slot uses: %w", err)
	}
	defer rows.Close()
	out := map[time.Time]SlotUse{}
	err = eachRow(rows, func(r rowScanner) error {
		var ts string
		var u SlotUse
		if err := r.Scan(&ts, &u.Regular, &u.Priority); err != nil {
			return err
		}
		t, _ := time.Parse(bookingTime, ts)
		out[t] = u
		return nil
	})
	return out, err
}

// BookingsSince implements BookingDB.
func (s *SQLite) BookingsSince(ctx context.Context, office string, after int64, limit int) ([]Booking, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+sqliteBookingCols+` FROM bookings WHERE office = ? AND seq > ? ORDER BY seq LIMIT ?`,
		office, after, limit)
	if err != nil {
		return nil, fmt.Errorf("central: bookings since: %w", err)
	}
	defer rows.Close()
	return bookingRows(rows, scanSQLiteBooking)
}

// MarkBookings implements BookingDB.
func (s *SQLite) MarkBookings(ctx context.Context, office string, marks []BookingMark) error {
	return markWith(ctx, s, office, marks)
}

// CountBookings implements BookingDB.
func (s *SQLite) CountBookings(ctx context.Context, office, status string, from, to time.Time) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM bookings WHERE office = ?1 AND (?2 = '' OR status = ?2)
		AND slot_start >= ?3 AND slot_start < ?4`, office, status, bt(from), bt(to)).Scan(&n)
	return n, err
}
