package central

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// pgBookingSchema is idempotent, run at every start beside pgSchema.
// booking_slots holds one counter row per (office, service, slot): the
// conditional UPDATE of that row is what keeps a slot from overbooking.
const pgBookingSchema = `
CREATE SEQUENCE IF NOT EXISTS booking_seq;
CREATE TABLE IF NOT EXISTS booking_configs (
    office     text PRIMARY KEY,
    config     text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS booking_slots (
    office        text NOT NULL,
    service_id    text NOT NULL,
    slot_start    timestamptz NOT NULL,
    used_regular  integer NOT NULL DEFAULT 0 CHECK (used_regular >= 0),
    used_priority integer NOT NULL DEFAULT 0 CHECK (used_priority >= 0),
    PRIMARY KEY (office, service_id, slot_start)
);
CREATE TABLE IF NOT EXISTS bookings (
    code         text PRIMARY KEY,
    office       text NOT NULL,
    service_id   text NOT NULL,
    service_name text NOT NULL DEFAULT '',
    slot_start   timestamptz NOT NULL,
    slot_end     timestamptz NOT NULL,
    day          text NOT NULL,
    name         text NOT NULL,
    phone_hash   text NOT NULL,
    phone_masked text NOT NULL,
    satker       text NOT NULL DEFAULT '',
    priority     boolean NOT NULL DEFAULT false,
    status       text NOT NULL CHECK (status IN ('booked', 'checked_in', 'cancelled', 'no_show')),
    moved        boolean NOT NULL DEFAULT false,
    ticket_id    text NOT NULL DEFAULT '',
    seq          bigint NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX IF NOT EXISTS bookings_one_per_phone ON bookings (office, service_id, day, phone_hash)
    WHERE status IN ('booked', 'checked_in');
CREATE INDEX IF NOT EXISTS bookings_office_seq ON bookings (office, seq);
CREATE INDEX IF NOT EXISTS bookings_office_slot ON bookings (office, slot_start);`

const pgBookingCols = `code, office, service_id, service_name, slot_start, slot_end, day, name, phone_masked,
	satker, priority, status, moved, ticket_id, seq, created_at, updated_at`

func scanPGBooking(row rowScanner) (Booking, error) {
	var b Booking
	err := row.Scan(&b.Code, &b.Office, &b.ServiceID, &b.ServiceName, &b.SlotStart, &b.SlotEnd, &b.Day, &b.Name,
		&b.PhoneMasked, &b.Satker, &b.Priority, &b.Status, &b.Moved, &b.CheckedInTicketID, &b.Seq, &b.CreatedAt, &b.UpdatedAt)
	b.SlotStart, b.SlotEnd, b.CreatedAt, b.UpdatedAt = b.SlotStart.UTC(), b.SlotEnd.UTC(), b.CreatedAt.UTC(), b.UpdatedAt.UTC()
	return b, err
}

// pgRetryable: a deadlock or serialisation failure, worth another try.
func pgRetryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40P01" || pe.Code == "40001")
}

func pgUnique(err error, constraint string) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23505" && (constraint == "" || pe.ConstraintName == constraint)
}

// bookingTx runs fn in a transaction, again on a deadlock.
func (p *Postgres) bookingTx(ctx context.Context, fn func(bookingSteps) error) error {
	var err error
	for i := 0; i < bookingRetries; i++ {
		err = pgx.BeginFunc(ctx, p.pool, func(tx pgx.Tx) error { return fn(pgBookingSteps{ctx, tx}) })
		if !pgRetryable(err) {
			return err
		}
	}
	return err
}

func (p *Postgres) bookingDupCode(err error) bool  { return pgUnique(err, "bookings_pkey") }
func (p *Postgres) bookingDupPhone(err error) bool { return pgUnique(err, "bookings_one_per_phone") }

// pgBookingSteps is the PostgreSQL dialect of bookingSteps.
type pgBookingSteps struct {
	ctx context.Context
	tx  pgx.Tx
}

// nextSeq takes the office's booking lock (held to commit) and then the
// next seq, so seqs of one office are handed out in commit order and the
// office's cursor never skips a booking committed late.
func (st pgBookingSteps) nextSeq(office string) (int64, error) {
	if _, err := st.tx.Exec(st.ctx, `SELECT pg_advisory_xact_lock(7203102, hashtext($1))`, office); err != nil {
		return 0, err
	}
	var seq int64
	err := st.tx.QueryRow(st.ctx, `SELECT nextval('booking_seq')`).Scan(&seq)
	return seq, err
}

// takePlace takes one place of a slot, or fails with ErrSlotFull: the
// counter row is created empty once, then incremented only while under its
// caps. The UPDATE waits for a concurrent booking of the same slot and
// re-checks its WHERE on the committed row, so two bookings never take
// the last place.
func (st pgBookingSteps) takePlace(office, service string, start time.Time, priority bool, regularCap, totalCap int) error {
	if _, err := st.tx.Exec(st.ctx, `INSERT INTO booking_slots (office, service_id, slot_start) VALUES ($1, $2, $3)
		ON CONFLICT DO NOTHING`, office, service, start); err != nil {
		return err
	}
	q := `UPDATE booking_slots SET used_regular = used_regular + 1
		WHERE office = $1 AND service_id = $2 AND slot_start = $3 AND used_regular < $4 AND used_regular + used_priority < $5`
	if priority {
		// A priority visitor takes the reserved share first, then any
		// place left.
		q = `UPDATE booking_slots SET used_priority = used_priority + 1
			WHERE office = $1 AND service_id = $2 AND slot_start = $3 AND $4 >= 0 AND used_regular + used_priority < $5`
	}
	tag, err := st.tx.Exec(st.ctx, q, office, service, start, regularCap, totalCap)
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		return ErrSlotFull
	}
	return nil
}

func (st pgBookingSteps) freePlace(office, service string, start time.Time, priority bool) error {
	col := "used_regular"
	if priority {
		col = "used_priority"
	}
	_, err := st.tx.Exec(st.ctx, `UPDATE booking_slots SET `+col+` = `+col+` - 1
		WHERE office = $1 AND service_id = $2 AND slot_start = $3 AND `+col+` > 0`, office, service, start)
	return err
}

// lock reads a booking for update.
func (st pgBookingSteps) lock(code string) (Booking, error) {
	b, err := scanPGBooking(st.tx.QueryRow(st.ctx, `SELECT `+pgBookingCols+` FROM bookings WHERE code = $1 FOR UPDATE`, code))
	if errors.Is(err, pgx.ErrNoRows) {
		return Booking{}, ErrNotFound
	}
	return b, err
}

func (st pgBookingSteps) insert(code string, req BookingRequest, seq int64) error {
	_, err := st.tx.Exec(st.ctx, `INSERT INTO bookings (code, office, service_id, service_name, slot_start, slot_end, day, name,
		phone_hash, phone_masked, satker, priority, status, seq)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'booked', $13)`,
		code, req.Office, req.ServiceID, req.ServiceName, req.SlotStart, req.SlotEnd, req.Day, req.Name,
		req.PhoneHash, req.PhoneMasked, req.Satker, req.Priority, seq)
	return err
}

func (st pgBookingSteps) cancel(code string, seq int64) error {
	_, err := st.tx.Exec(st.ctx, `UPDATE bookings SET status = 'cancelled', seq = $2, updated_at = now() WHERE code = $1`, code, seq)
	return err
}

func (st pgBookingSteps) move(code string, to SlotMove, seq int64) error {
	_, err := st.tx.Exec(st.ctx, `UPDATE bookings SET slot_start = $2, slot_end = $3, day = $4, moved = true, seq = $5,
		updated_at = now() WHERE code = $1`, code, to.SlotStart, to.SlotEnd, to.Day, seq)
	return err
}

// lockMarked takes the rows first, then (in nextSeq) the office's seq
// lock, as every other booking transaction takes them: no waiting in a
// circle.
func (st pgBookingSteps) lockMarked(office string, codes []string) error {
	_, err := st.tx.Exec(st.ctx, `SELECT 1 FROM bookings WHERE office = $1 AND code = ANY($2) ORDER BY code FOR UPDATE`,
		office, codes)
	return err
}

func (st pgBookingSteps) mark(office string, m BookingMark, seq int64) error {
	_, err := st.tx.Exec(st.ctx, `UPDATE bookings SET status = $3, ticket_id = $4, seq = $5, updated_at = now()
		WHERE code = $1 AND office = $2 AND status IN ('booked', 'checked_in', 'no_show') AND (status <> $3 OR ticket_id <> $4)`,
		m.Code, office, m.Status, m.TicketID, seq)
	return err
}

// PutBookingConfig implements BookingDB.
func (p *Postgres) PutBookingConfig(ctx context.Context, office, config string) error {
	_, err := p.pool.Exec(ctx, `INSERT INTO booking_configs (office, config, updated_at) VALUES ($1, $2, now())
		ON CONFLICT (office) DO UPDATE SET config = excluded.config, updated_at = now()`, office, config)
	if err != nil {
		return fmt.Errorf("central: booking config: %w", err)
	}
	return nil
}

// BookingConfigs implements BookingDB.
func (p *Postgres) BookingConfigs(ctx context.Context) (map[string]string, error) {
	rows, err := p.pool.Query(ctx, `SELECT office, config FROM booking_configs`)
	if err != nil {
		return nil, fmt.Errorf("central: booking configs: %w", err)
	}
	defer rows.Close()
	return bookingConfigRows(rows)
}

// Book implements BookingDB.
func (p *Postgres) Book(ctx context.Context, req BookingRequest) (Booking, error) {
	return bookWith(ctx, p, req)
}

// BookingByCode implements BookingDB.
func (p *Postgres) BookingByCode(ctx context.Context, code string) (Booking, error) {
	b, err := scanPGBooking(p.pool.QueryRow(ctx, `SELECT `+pgBookingCols+` FROM bookings WHERE code = $1`, code))
	if errors.Is(err, pgx.ErrNoRows) {
		return Booking{}, ErrNotFound
	}
	if err != nil {
		return Booking{}, fmt.Errorf("central: booking: %w", err)
	}
	return b, nil
}

// CancelBooking implements BookingDB.
func (p *Postgres) CancelBooking(ctx context.Context, code string) (Booking, error) {
	return cancelWith(ctx, p, code)
}

// MoveBooking implements BookingDB.
func (p *Postgres) MoveBooking(ctx context.Context, code string, to SlotMove) (Booking, error) {
	return moveWith(ctx, p, code, to)
}

// SlotUses implements BookingDB.
func (p *Postgres) SlotUses(ctx context.Context, office, serviceID string, from, to time.Time) (map[time.Time]SlotUse, error) {
	rows, err := p.pool.Query(ctx, `SELECT slot_start, used_regular, used_priority FROM booking_slots
		WHERE office = $1 AND service_id = $2 AND slot_start >= $3 AND slot_start < $4`, office, serviceID, from, to)
	if err != nil {
		return nil, fmt.Errorf("central: slot uses: %w", err)
	}
	defer rows.Close()
	out := map[time.Time]SlotUse{}
	err = eachRow(rows, func(r rowScanner) error {
		var t time.Time
		var u SlotUse
		if err := r.Scan(&t, &u.Regular, &u.Priority); err != nil {
			return err
		}
		out[t.UTC()] = u
		return nil
	})
	return out, err
}

// BookingsSince implements BookingDB.
func (p *Postgres) BookingsSince(ctx context.Context, office string, after int64, limit int) ([]Booking, error) {
	rows, err := p.pool.Query(ctx, `SELECT `+pgBookingCols+` FROM bookings WHERE office = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
		office, after, limit)
	if err != nil {
		return nil, fmt.Errorf("central: bookings since: %w", err)
	}
	defer rows.Close()
	return bookingRows(rows, scanPGBooking)
}

// MarkBookings implements BookingDB.
func (p *Postgres) MarkBookings(ctx context.Context, office string, marks []BookingMark) error {
	return markWith(ctx, p, office, marks)
}

// CountBookings implements BookingDB.
func (p *Postgres) CountBookings(ctx context.Context, office, status string, from, to time.Time) (int, error) {
	var n int
	err := p.pool.QueryRow(ctx, `SELECT count(*) FROM bookings WHERE office = $1 AND ($2 = '' OR status = $2)
		AND slot_start >= $3 AND slot_start < $4`, office, status, from, to).Scan(&n)
	return n, err
}
