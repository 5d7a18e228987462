package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Counter is a service counter (loket).
type Counter struct {
	ID        string
	Office    string
	Number    int
	Name      string
	Active    bool
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Label is how the counter is named to the public: "Loket 2".
func (c Counter) Label() string {
	if c.Name != "" {
		return c.Name
	}
	return fmt.Sprintf("Loket %d", c.Number)
}

// CounterSession is an officer staffing a counter for a set of services.
type CounterSession struct {
	ID         string
	CounterID  string
	OfficerID  string
	ServiceIDs []string
	OpenedAt   time.Time
	ClosedAt   time.Time
	// HandedOverAt is when the officer handed the open session over at
	// logout; the next officer to open the counter takes it over.
	HandedOverAt time.Time
}

const counterColumns = `id, office_code, number, name, active, created_at, updated_at`

func scanCounter(sc interface{ Scan(...any) error }) (Counter, error) {
	var c Counter
	var created, updated string
	err := sc.Scan(&c.ID, &c.Office, &c.Number, &c.Name, &c.Active, &created, &updated)
	c.CreatedAt, c.UpdatedAt = parseTime(created), parseTime(updated)
	return c, err
}

// Counters lists every counter by number.
func (s *Store) Counters(ctx context.Context) ([]Counter, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+counterColumns+` FROM counters ORDER BY number`)
	if err != nil {
		return nil, fmt.Errorf("store: counters: %w", err)
	}
	defer rows.Close()
	var out []Counter
	for rows.Next() {
		c, err := scanCounter(rows)
		if err != nil {
			return nil, fmt.Errorf("store: counters: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Counter returns one counter.
func (s *Store) Counter(ctx context.Context, id string) (Counter, error) {
	c, err := scanCounter(s.db.QueryRowContext(ctx, `SELECT `+counterColumns+` FROM counters WHERE id = ?`, id))
	return c, wrap("counter", notFound(err))
}

// SaveCounter creates (empty ID) or updates a counter.
func (s *Store) SaveCounter(ctx context.Context, actorID string, c Counter) (Counter, error) {
	c.Name = strings.TrimSpace(c.Name)
	if c.Number < 1 || c.Number > 999 {
		return c, refuse("invalid", "Nomor loket harus antara 1 dan 999.")
	}
	err := s.tx(ctx, func(tx *writeTx) error {
		off, err := s.officeIn(ctx, tx)
		if err != nil {
			return err
		}
		c.Office = off.Code
		now := s.now()
		var other string
		err = tx.QueryRowContext(ctx, `SELECT id FROM counters WHERE number = ? AND id <> ?`, c.Number, c.ID).Scan(&other)
		if err == nil {
			return refuse("duplicate", "Loket nomor %d sudah ada.", c.Number)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if c.ID == "" {
			c.ID = s.newID(off.Code)
			c.CreatedAt = now
			_, err = tx.ExecContext(ctx, `INSERT INTO counters (`+counterColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?)`,
				c.ID, c.Office, c.Number, c.Name, c.Active, formatTime(now), formatTime(now))
		} else {
			_, err = tx.ExecContext(ctx, `UPDATE counters SET number = ?, name = ?, active = ?, updated_at = ? WHERE id = ?`,
				c.Number, c.Name, c.Active, formatTime(now), c.ID)
		}
		if err != nil {
			return err
		}
		c.UpdatedAt = now
		return s.appendEvent(ctx, tx, &Event{Office: off.Code, Kind: EvCounterSaved, CounterID: c.ID, OfficerID: actorID,
			Data: map[string]string{"number": fmt.Sprint(c.Number), "name": c.Name, "active": fmt.Sprint(c.Active)}})
	})
	if err != nil {
		return c, wrap("save counter", err)
	}
	return c, nil
}

// OpenCounter starts a session of officerID at counterID serving the given
// services. A session still open at the counter is taken over (closed, with
// a counter.taken_over event) when its own officer comes back (a crash, a
// closed laptop) or when it was handed over at logout; any other officer's
// open session refuses with counter_busy.
func (s *Store) OpenCounter(ctx context.Context, officerID, counterID string, serviceIDs []string) (CounterSession, error) {
	return s.openCounter(ctx, officerID, counterID, serviceIDs, false)
}

// TakeOverCounter is OpenCounter that may also take over another officer's
// open session: allowed to an admin (the PC that held it crashed, the
// officer went home), refused to others as OpenCounter refuses.
func (s *Store) TakeOverCounter(ctx context.Context, officerID, counterID string, serviceIDs []string) (CounterSession, error) {
	return s.openCounter(ctx, officerID, counterID, serviceIDs, true)
}

func (s *Store) openCounter(ctx context.Context, officerID, counterID string, serviceIDs []string, takeover bool) (CounterSession, error) {
	sess := CounterSession{CounterID: counterID, OfficerID: officerID, ServiceIDs: serviceIDs}
	if len(serviceIDs) == 0 {
		return sess, refuse("invalid", "Pilih minimal satu layanan yang dilayani loket ini.")
	}
	err := s.tx(ctx, func(tx *writeTx) error {
		off, err := s.officeIn(ctx, tx)
		if err != nil {
			return err
		}
		var active bool
		var number int
		if err := tx.QueryRowContext(ctx, `SELECT active, number FROM counters WHERE id = ?`, counterID).Scan(&active, &number); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return refuse("not_found", "Loket tidak ditemukan.")
			}
			return err
		}
		if !active {
			return refuse("counter_inactive", "Loket %d dinonaktifkan oleh admin.", number)
		}
		var role string
		var officerActive bool
		if err := tx.QueryRowContext(ctx, `SELECT role, active FROM officers WHERE id = ?`, officerID).Scan(&role, &officerActive); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return refuse("not_found", "Petugas tidak ditemukan.")
			}
			return err
		}
		if !officerActive {
			return ErrForbidden
		}
		now := s.now()
		var openID, openBy, openByName string
		var handed sql.NullString
		err = tx.QueryRowContext(ctx, `SELECT cs.id, cs.officer_id, o.full_name, cs.handed_over_at FROM counter_sessions cs
			JOIN officers o ON o.id = cs.officer_id WHERE cs.counter_id = ? AND cs.closed_at IS NULL`, counterID).
			Scan(&openID, &openBy, &openByName, &handed)
		if err == nil {
			// Who may take the open session over, and why.
			var reason string
			switch {
			case handed.Valid:
				reason = "serah terima"
			case openBy == officerID:
				reason = "sesi sebelumnya tidak ditutup"
			case takeover && role == RoleAdmin:
				reason = "diambil alih admin"
			default:
				return refuse("counter_busy", "Loket %d sedang dibuka oleh %s. Minta petugas tersebut menutup atau menyerahkan loketnya; "+
					"bila komputernya mati atau petugasnya sudah pulang, admin dapat mengambil alih loket ini.", number, openByName)
			}
			if err := closeSession(ctx, s, tx, off.Code, openID, counterID, officerID, now, "diambil alih"); err != nil {
				return err
			}
			if err := s.appendEvent(ctx, tx, &Event{Office: off.Code, Kind: EvCounterTakenOver, CounterID: counterID, OfficerID: officerID,
				Data: map[string]string{"from_officer": openBy, "reason": reason, "counter": fmt.Sprint(number)}}); err != nil {
				return err
			}
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		// One officer staffs one counter at a time.
		rows, err := tx.QueryContext(ctx, `SELECT id, counter_id FROM counter_sessions WHERE officer_id = ? AND closed_at IS NULL`, officerID)
		if err != nil {
			return err
		}
		type open struct{ id, counter string }
		var others []open
		for rows.Next() {
			var o open
			if err := rows.Scan(&o.id, &o.counter); err != nil {
				rows.Close()
				return err
			}
			others = append(others, o)
		}
		rows.Close()
		for _, o := range others {
			if err := closeSession(ctx, s, tx, off.Code, o.id, o.counter, officerID, now, "pindah loket"); err != nil {
				return err
			}
		}
		sess.ID = s.newID(off.Code)
		sess.OpenedAt = now
		if _, err := tx.ExecContext(ctx, `INSERT INTO counter_sessions (id, counter_id, officer_id, opened_at) VALUES (?, ?, ?, ?)`,
			sess.ID, counterID, officerID, formatTime(now)); err != nil {
			return err
		}
		for _, sid := range serviceIDs {
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO counter_session_services (session_id, service_id) VALUES (?, ?)`, sess.ID, sid); err != nil {
				if strings.Contains(err.Error(), "FOREIGN KEY") {
					return refuse("not_found", "Layanan yang dipilih tidak ditemukan.")
				}
				return err
			}
		}
		return s.appendEvent(ctx, tx, &Event{Office: off.Code, Kind: EvCounterOpened, CounterID: counterID, OfficerID: officerID,
			Data: map[string]string{"session": sess.ID, "services": strings.Join(serviceIDs, ","), "counter": fmt.Sprint(number)}})
	})
	if err != nil {
		return sess, wrap("open counter", err)
	}
	return sess, nil
}

func closeSession(ctx context.Context, s *Store, tx *writeTx, office, sessionID, counterID, officerID string, now time.Time, reason string) error {
	// A paused counter's pause ends with it (integrity.go).
	if err := s.endPauseQ(ctx, tx, office, CounterSession{ID: sessionID, CounterID: counterID, OfficerID: officerID}, "ditutup"); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE counter_sessions SET closed_at = ? WHERE id = ?`, formatTime(now), sessionID); err != nil {
		return err
	}
	return s.appendEvent(ctx, tx, &Event{Office: office, Kind: EvCounterClosed, CounterID: counterID, OfficerID: officerID,
		Data: map[string]string{"session": sessionID, "reason": reason}})
}

// HandOverCounter leaves an open session to the next officer: the
// counter stays open (its waiting visitors are still called) until the next
// officer opens it and takes the session over. Handing over a closed session
// refuses with counter_closed.
func (s *Store) HandOverCounter(ctx context.Context, sessionID string) error {
	err := s.tx(ctx, func(tx *writeTx) error {
		sess, err := s.openSession(ctx, tx, sessionID)
		if err != nil {
			return err
		}
		off, err := s.officeIn(ctx, tx)
		if err != nil {
			return err
		}
		if !sess.HandedOverAt.IsZero() {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE counter_sessions SET handed_over_at = ? WHERE id = ?`, formatTime(s.now()), sess.ID); err != nil {
			return err
		}
		return s.appendEvent(ctx, tx, &Event{Office: off.Code, Kind: EvCounterHandedOver, CounterID: sess.CounterID, OfficerID: sess.OfficerID})
	})
	return wrap("hand over counter", err)
}

// CloseCounter ends a session. Closing a closed session is a no-op.
func (s *Store) CloseCounter(ctx context.Context, sessionID string) error {
	err := s.tx(ctx, func(tx *writeTx) error {
		sess, err := s.sessionQ(ctx, tx, sessionID)
		if err != nil {
			return err
		}
		if !sess.ClosedAt.IsZero() {
			return nil
		}
		off, err := s.officeIn(ctx, tx)
		if err != nil {
			return err
		}
		return closeSession(ctx, s, tx, off.Code, sess.ID, sess.CounterID, sess.OfficerID, s.now(), "ditutup petugas")
	})
	return wrap("close counter", err)
}

// Session returns a counter session with its services.
func (s *Store) Session(ctx context.Context, id string) (CounterSession, error) {
	var sess CounterSession
	err := s.tx(ctx, func(tx *writeTx) error {
		var err error
		sess, err = s.sessionQ(ctx, tx, id)
		return err
	})
	return sess, wrap("session", err)
}

func (s *Store) sessionQ(ctx context.Context, tx *writeTx, id string) (CounterSession, error) {
	var sess CounterSession
	var opened string
	var closed, handed sql.NullString
	err := s.queryRowTx(ctx, tx, `SELECT id, counter_id, officer_id, opened_at, closed_at, handed_over_at FROM counter_sessions WHERE id = ?`, id).
		Scan(&sess.ID, &sess.CounterID, &sess.OfficerID, &opened, &closed, &handed)
	if errors.Is(err, sql.ErrNoRows) {
		return sess, ErrCounterClosed
	}
	if err != nil {
		return sess, err
	}
	sess.OpenedAt, sess.ClosedAt, sess.HandedOverAt = parseTime(opened), nullTime(closed), nullTime(handed)
	rows, err := s.queryTx(ctx, tx, `SELECT service_id FROM counter_session_services WHERE session_id = ? ORDER BY service_id`, id)
	if err != nil {
		return sess, err
	}
	defer rows.Close()
	for rows.Next() {
		var sid string
		if err := rows.Scan(&sid); err != nil {
			return sess, err
		}
		sess.ServiceIDs = append(sess.ServiceIDs, sid)
	}
	return sess, rows.Err()
}

// openSession loads a session and refuses if it is closed.
func (s *Store) openSession(ctx context.Context, tx *writeTx, id string) (CounterSession, error) {
	sess, err := s.sessionQ(ctx, tx, id)
	if err != nil {
		return sess, err
	}
	if !sess.ClosedAt.IsZero() {
		return sess, ErrCounterClosed
	}
	return sess, nil
}
