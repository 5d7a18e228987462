package central

import (
	"context"
	"errors"
	"fmt"
	"time"

	"loket/booking"
)

// bookingSteps is one backend's SQL for the steps of a booking
// transaction, bound to a transaction the backend opened. The order of
// the steps and the rules between them (what may be cancelled or moved,
// in which order a move touches its two slots, which marks apply) are
// written once, below; a backend writes only its dialect.
type bookingSteps interface {
	// lock reads a booking for update, or ErrNotFound.
	lock(code string) (Booking, error)
	// takePlace takes one place of a slot under its caps, or ErrSlotFull.
	takePlace(office, service string, start time.Time, priority bool, regularCap, totalCap int) error
	// freePlace gives one place of a slot back.
	freePlace(office, service string, start time.Time, priority bool) error
	// nextSeq hands out the office's next seq, in commit order.
	nextSeq(office string) (int64, error)
	// insert writes a new booked booking.
	insert(code string, req BookingRequest, seq int64) error
	// cancel marks a booking cancelled under seq.
	cancel(code string, seq int64) error
	// move writes a booking's new slot and spends its one move.
	move(code string, to SlotMove, seq int64) error
	// lockMarked locks the office's marked bookings before the seq, as
	// every other booking transaction takes them (no-op where one writer
	// runs at a time).
	lockMarked(office string, codes []string) error
	// mark applies one check-in or no-show of the office's booking.
	mark(office string, m BookingMark, seq int64) error
}

// bookingBackend is what a backend adds around its steps: its
// transaction (with its own retries) and how its unique violations read.
type bookingBackend interface {
	bookingTx(ctx context.Context, fn func(bookingSteps) error) error
	// bookingDupCode: err is a booking code drawn twice.
	bookingDupCode(err error) bool
	// bookingDupPhone: err is a phone's second active booking of a
	// service's day.
	bookingDupPhone(err error) bool
	BookingByCode(ctx context.Context, code string) (Booking, error)
}

// bookWith is BookingDB.Book for either backend: a fresh code each try,
// again only when the code was drawn twice.
func bookWith(ctx context.Context, db bookingBackend, req BookingRequest) (Booking, error) {
	for i := 0; i < bookingRetries; i++ {
		code := booking.NewCode()
		err := db.bookingTx(ctx, func(st bookingSteps) error {
			if err := st.takePlace(req.Office, req.ServiceID, req.SlotStart, req.Priority, req.RegularCap, req.TotalCap); err != nil {
				return err
			}
			seq, err := st.nextSeq(req.Office)
			if err != nil {
				return err
			}
			return st.insert(code, req, seq)
		})
		switch {
		case err == nil:
			return db.BookingByCode(ctx, code)
		case db.bookingDupCode(err):
			continue // a code drawn twice: draw another
		case db.bookingDupPhone(err):
			return Booking{}, ErrAlreadyBooked
		case errors.Is(err, ErrSlotFull):
			return Booking{}, err
		default:
			return Booking{}, fmt.Errorf("central: book: %w", err)
		}
	}
	return Booking{}, errors.New("central: book: no free code")
}

// cancelWith is BookingDB.CancelBooking for either backend.
func cancelWith(ctx context.Context, db bookingBackend, code string) (Booking, error) {
	err := db.bookingTx(ctx, func(st bookingSteps) error {
		b, err := st.lock(code)
		if err != nil {
			return err
		}
		if b.Status != booking.StatusBooked {
			return ErrNotActive
		}
		if err := st.freePlace(b.Office, b.ServiceID, b.SlotStart, b.Priority); err != nil {
			return err
		}
		seq, err := st.nextSeq(b.Office)
		if err != nil {
			return err
		}
		return st.cancel(code, seq)
	})
	if err != nil {
		return Booking{}, bookingErr("cancel", err)
	}
	return db.BookingByCode(ctx, code)
}

// moveWith is BookingDB.MoveBooking for either backend.
func moveWith(ctx context.Context, db bookingBackend, code string, to SlotMove) (Booking, error) {
	err := db.bookingTx(ctx, func(st bookingSteps) error {
		b, err := st.lock(code)
		if err != nil {
			return err
		}
		switch {
		case b.Status != booking.StatusBooked:
			return ErrNotActive
		case b.Moved:
			return ErrAlreadyMoved
		}
		// Counter rows in slot order, so two moves between the same two
		// slots never wait on each other in a circle.
		take := func() error {
			return st.takePlace(b.Office, b.ServiceID, to.SlotStart, b.Priority, to.RegularCap, to.TotalCap)
		}
		free := func() error { return st.freePlace(b.Office, b.ServiceID, b.SlotStart, b.Priority) }
		first, second := take, free
		if b.SlotStart.Before(to.SlotStart) {
			first, second = free, take
		}
		if err := first(); err != nil {
			return err
		}
		if err := second(); err != nil {
			return err
		}
		seq, err := st.nextSeq(b.Office)
		if err != nil {
			return err
		}
		return st.move(code, to, seq)
	})
	if db.bookingDupPhone(err) {
		return Booking{}, ErrAlreadyBooked
	}
	if err != nil {
		return Booking{}, bookingErr("move", err)
	}
	return db.BookingByCode(ctx, code)
}

// markWith is BookingDB.MarkBookings for either backend: only check-ins
// and no-shows apply, all under one seq.
func markWith(ctx context.Context, db bookingBackend, office string, marks []BookingMark) error {
	if len(marks) == 0 {
		return nil
	}
	codes := make([]string, 0, len(marks))
	for _, m := range marks {
		codes = append(codes, m.Code)
	}
	err := db.bookingTx(ctx, func(st bookingSteps) error {
		if err := st.lockMarked(office, codes); err != nil {
			return err
		}
		seq, err := st.nextSeq(office)
		if err != nil {
			return err
		}
		for _, m := range marks {
			if m.Status != booking.StatusCheckedIn && m.Status != booking.StatusNoShow {
				continue
			}
			if err := st.mark(office, m, seq); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("central: mark bookings: %w", err)
	}
	return nil
}

// bookingErr keeps the booking errors the page answers, wraps the rest.
func bookingErr(op string, err error) error {
	for _, e := range []error{ErrNotFound, ErrNotActive, ErrAlreadyMoved, ErrSlotFull, ErrAlreadyBooked} {
		if errors.Is(err, e) {
			return e
		}
	}
	return fmt.Errorf("central: %s booking: %w", op, err)
}

// rowScanner is one result row of either backend.
type rowScanner interface {
	Scan(dest ...any) error
}

// eachRow hands every row of either backend's result to scan, then the
// result's own error.
func eachRow(rows rowSource, scan func(r rowScanner) error) error {
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// bookingConfigRows reads BookingConfigs' (office, config) rows.
func bookingConfigRows(rows rowSource) (map[string]string, error) {
	out := map[string]string{}
	err := eachRow(rows, func(r rowScanner) error {
		var o, c string
		if err := r.Scan(&o, &c); err != nil {
			return err
		}
		out[o] = c
		return nil
	})
	return out, err
}

// bookingRows reads BookingsSince's rows with the backend's scan.
func bookingRows(rows rowSource, scan func(rowScanner) (Booking, error)) ([]Booking, error) {
	var out []Booking
	err := eachRow(rows, func(r rowScanner) error {
		b, err := scan(r)
		if err != nil {
			return err
		}
		out = append(out, b)
		return nil
	})
	return out, err
}
