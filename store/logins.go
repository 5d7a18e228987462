package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"time"

	"golang.org/x/crypto/bcrypt"
)

// Login throttling. Failed logins are counted per typed username and, over
// the hub, per device, since the last success:
//
//   - a username gets LoginFreeFailures wrong passwords in a row without
//     delay; from then on each failure refuses further attempts for a
//     growing time (LoginBaseDelay, doubled per failure, at most
//     LoginMaxDelay), and at LoginLockAfter failures the account is locked
//     until an admin unlocks it (Admin → Petugas, or `loket unlock`);
//   - a device (shared by many officers) gets DeviceFreeFailures before the
//     delay starts and is locked at DeviceLockAfter.
//
// A refused attempt does not check the password at all (no bcrypt) and
// does not count as a further failure; it is audited as auth.login_refused.
const (
	LoginFreeFailures  = 5
	LoginLockAfter     = 10
	DeviceFreeFailures = 10
	DeviceLockAfter    = 30
	LoginBaseDelay     = 30 * time.Second
	LoginMaxDelay      = 15 * time.Minute
)

// Events of the login throttle.
const (
	EvLoginRefused   = "auth.login_refused"   // an attempt refused unchecked while delayed or locked
	EvLoginThrottled = "auth.login_throttled" // a failure started (or lengthened) a delay
	EvLoginLocked    = "auth.login_locked"    // a failure locked a username or device
	EvLoginUnlocked  = "auth.login_unlocked"  // an admin cleared a username's or device's count
)

// Refusal codes of the login throttle.
const (
	CodeLoginThrottled = "login_throttled"
	CodeLoginLocked    = "login_locked"
)

// Throttle subjects are "user:<username>" or "device:<hub device id>".
const (
	subjectUser   = "user:"
	subjectDevice = "device:"
)

// LoginLock is a username or device with failed logins counted: delayed
// (BlockedUntil in the future), locked, or only counting.
type LoginLock struct {
	// Subject is what UnlockLogin takes: "user:<username>" or
	// "device:<id>".
	Subject string
	// Kind is "user" or "device"; Name the username or device id.
	Kind, Name    string
	Failures      int
	BlockedUntil  time.Time
	Locked        bool
	LastFailureAt time.Time
}

// compareHash is bcrypt's check; an internal test replaces it to hold a
// verification in progress.
var compareHash = bcrypt.CompareHashAndPassword

// verifySlots bounds the bcrypt checks running at once, so a burst of
// logins (a flood of guesses, or fifty officers at opening time) leaves a
// core to the queue. A check waits for a slot without holding anything.
var verifySlots = make(chan struct{}, max(1, runtime.NumCPU()/2))

// loginDelay is how long attempts are refused after the failures-th failure
// in a row, free the count that goes undelayed.
func loginDelay(failures, free int) time.Duration {
	if failures < free {
		return 0
	}
	d := LoginBaseDelay
	for i := free; i < failures && d < LoginMaxDelay; i++ {
		d *= 2
	}
	return min(d, LoginMaxDelay)
}

// waitText says a duration the way a person reads it: "30 detik",
// "2 menit", "1 menit 30 detik".
func waitText(d time.Duration) string {
	d = d.Round(time.Second)
	if d < time.Second {
		d = time.Second
	}
	m, s := int(d/time.Minute), int((d%time.Minute)/time.Second)
	switch {
	case m == 0:
		return fmt.Sprintf("%d detik", s)
	case s == 0:
		return fmt.Sprintf("%d menit", m)
	}
	return fmt.Sprintf("%d menit %d detik", m, s)
}

type throttleRow struct {
	subject      string
	failures     int
	blockedUntil time.Time
	locked       bool
}

// refusal is the sentence for an attempt while r holds it back, or nil.
func (r throttleRow) refusal(now time.Time) *Error {
	device := strings.HasPrefix(r.subject, subjectDevice)
	switch {
	case r.locked && device:
		return refuse(CodeLoginLocked, "Perangkat ini dikunci setelah %d kali percobaan masuk yang gagal. Minta admin membuka kuncinya di Admin → Petugas.", r.failures)
	case r.locked:
		return refuse(CodeLoginLocked, "Akun ini dikunci setelah %d kali percobaan masuk yang gagal. Minta admin membuka kuncinya di Admin → Petugas.", r.failures)
	case r.blockedUntil.After(now) && device:
		return refuse(CodeLoginThrottled, "Terlalu banyak percobaan masuk yang gagal dari perangkat ini. Coba lagi dalam %s.", waitText(r.blockedUntil.Sub(now)))
	case r.blockedUntil.After(now):
		return refuse(CodeLoginThrottled, "Terlalu banyak percobaan masuk yang gagal untuk akun ini. Coba lagi dalam %s.", waitText(r.blockedUntil.Sub(now)))
	}
	return nil
}

type queryRower interface {
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}

func readThrottle(ctx context.Context, q queryRower, subject string) (throttleRow, error) {
	r := throttleRow{subject: subject}
	if subject == "" {
		return r, nil
	}
	var blocked, locked sql.NullString
	err := q.QueryRowContext(ctx, `SELECT failures, blocked_until, locked_at FROM login_throttle WHERE subject = ?`, subject).
		Scan(&r.failures, &blocked, &locked)
	if errors.Is(err, sql.ErrNoRows) {
		return r, nil
	}
	r.blockedUntil, r.locked = nullTime(blocked), locked.Valid
	return r, err
}

// loginSubjects are the throttle keys of an attempt: the username always
// (known or not, so a guesser learns nothing), the device when known.
func loginSubjects(username, device string) (user, dev string) {
	if len(username) > 64 {
		username = username[:64]
	}
	user = subjectUser + username
	if device != "" {
		dev = subjectDevice + device
	}
	return user, dev
}

// Authenticate checks a username and password (no device: the counter
// app on its own store). See AuthenticateFrom.
func (s *Store) Authenticate(ctx context.Context, username, password string) (Officer, error) {
	return s.AuthenticateFrom(ctx, username, password, "")
}

// AuthenticateFrom checks a username and password typed on device (a hub
// device id, or "" for this PC), writing an audit event either way and
// applying the login throttle. Unknown users and wrong passwords get the
// same refusal.
//
// The password is checked on a read, outside the write turn: bcrypt takes
// tens of milliseconds by design, and the one write turn is what every
// ticket waits for. Only the outcome is written, in a short transaction.
func (s *Store) AuthenticateFrom(ctx context.Context, username, password, device string) (Officer, error) {
	username = strings.ToLower(strings.TrimSpace(username))
	userSub, devSub := loginSubjects(username, device)
	now := s.now()
	// Held back: refused before any bcrypt, audited in a short write.
	for _, sub := range []string{userSub, devSub} {
		r, err := readThrottle(ctx, s.db, sub)
		if err != nil {
			return Officer{}, fmt.Errorf("store: authenticate: %w", err)
		}
		if ref := r.refusal(now); ref != nil {
			if err := s.auditRefusedLogin(ctx, username, device, ref); err != nil {
				return Officer{}, wrap("authenticate", err)
			}
			return Officer{}, ref
		}
	}

	var o Officer
	var hash string
	row := s.db.QueryRowContext(ctx, `SELECT `+officerColumns+`, password_hash FROM officers WHERE username = ?`, username)
	var created, updated string
	err := row.Scan(&o.ID, &o.Office, &o.Username, &o.FullName, &o.NIP, &o.Role, &o.Active, &created, &updated, &hash)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return o, fmt.Errorf("store: authenticate: %w", err)
	}
	o.CreatedAt, o.UpdatedAt = parseTime(created), parseTime(updated)
	ok := false
	if err == nil && o.Active {
		select {
		case verifySlots <- struct{}{}:
		case <-ctx.Done():
			return Officer{}, ctx.Err()
		}
		ok = compareHash([]byte(hash), []byte(password)) == nil
		<-verifySlots
	}

	var result error
	aerr := s.tx(ctx, func(tx *writeTx) error {
		off, err := s.officeIn(ctx, tx)
		if err != nil {
			return err
		}
		now := s.now()
		if ok {
			// A failure recorded while this password was being checked
			// may have locked the account: the lock wins.
			for _, sub := range []string{userSub, devSub} {
				r, err := readThrottle(ctx, tx, sub)
				if err != nil {
					return err
				}
				if r.locked {
					result = r.refusal(now)
					return s.appendEvent(ctx, tx, &Event{Office: off.Code, Kind: EvLoginRefused,
						Data: loginData(username, device, map[string]string{"reason": result.(*Error).Code})})
				}
			}
			for _, sub := range []string{userSub, devSub} {
				if sub == "" {
					continue
				}
				if _, err := tx.ExecContext(ctx, `DELETE FROM login_throttle WHERE subject = ?`, sub); err != nil {
					return err
				}
			}
			return s.appendEvent(ctx, tx, &Event{Office: off.Code, Kind: EvLogin, OfficerID: o.ID,
				Data: loginData(username, device, nil)})
		}
		result = ErrBadLogin
		var events []*Event
		for _, sub := range []struct {
			key        string
			free, lock int
		}{{userSub, LoginFreeFailures, LoginLockAfter}, {devSub, DeviceFreeFailures, DeviceLockAfter}} {
			if sub.key == "" {
				continue
			}
			r, err := readThrottle(ctx, tx, sub.key)
			if err != nil {
				return err
			}
			r.failures++
			var blocked, locked sql.NullString
			if d := loginDelay(r.failures, sub.free); d > 0 {
				r.blockedUntil = now.Add(d)
				blocked = nullString(formatTime(r.blockedUntil))
			}
			if r.failures >= sub.lock {
				r.locked = true
				locked = nullString(formatTime(now))
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO login_throttle (subject, failures, blocked_until, locked_at, last_failure_at)
				VALUES (?, ?, ?, ?, ?) ON CONFLICT (subject) DO UPDATE SET failures = excluded.failures,
				blocked_until = excluded.blocked_until, locked_at = COALESCE(login_throttle.locked_at, excluded.locked_at),
				last_failure_at = excluded.last_failure_at`,
				sub.key, r.failures, blocked, locked, formatTime(now)); err != nil {
				return err
			}
			data := map[string]string{"subject": sub.key, "failures": fmt.Sprint(r.failures)}
			switch {
			case r.locked:
				events = append(events, &Event{Kind: EvLoginLocked, Data: loginData(username, device, data)})
			case !r.blockedUntil.IsZero():
				data["blocked_until"] = formatTime(r.blockedUntil)
				events = append(events, &Event{Kind: EvLoginThrottled, Data: loginData(username, device, data)})
			}
			// The caller hears the strongest hold: a lock, else a delay.
			if ref := r.refusal(now); ref != nil {
				if cur, isRef := result.(*Error); !isRef || cur.Code != CodeLoginLocked {
					result = ref
				}
			}
		}
		if err := s.appendEvent(ctx, tx, &Event{Office: off.Code, Kind: EvLoginFailed,
			Data: loginData(username, device, nil)}); err != nil {
			return err
		}
		for _, e := range events {
			e.Office = off.Code
			if err := s.appendEvent(ctx, tx, e); err != nil {
				return err
			}
		}
		return nil
	})
	if aerr != nil {
		return Officer{}, wrap("authenticate", aerr)
	}
	if result != nil {
		if result == ErrBadLogin {
			return Officer{}, ErrBadLogin
		}
		return Officer{}, result
	}
	return o, nil
}

func loginData(username, device string, extra map[string]string) map[string]string {
	d := map[string]string{"username": username}
	if device != "" {
		d["device"] = device
	}
	for k, v := range extra {
		d[k] = v
	}
	return d
}

// auditRefusedLogin records an attempt refused without a check.
func (s *Store) auditRefusedLogin(ctx context.Context, username, device string, ref *Error) error {
	return s.tx(ctx, func(tx *writeTx) error {
		off, err := s.officeIn(ctx, tx)
		if err != nil {
			return err
		}
		return s.appendEvent(ctx, tx, &Event{Office: off.Code, Kind: EvLoginRefused,
			Data: loginData(username, device, map[string]string{"reason": ref.Code})})
	})
}

// LoginLocks lists the usernames and devices with failed logins counted,
// locked ones first.
func (s *Store) LoginLocks(ctx context.Context) ([]LoginLock, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT subject, failures, blocked_until, locked_at, last_failure_at
		FROM login_throttle ORDER BY locked_at IS NULL, last_failure_at DESC`)
	if err != nil {
		return nil, fmt.Errorf("store: login locks: %w", err)
	}
	defer rows.Close()
	var out []LoginLock
	for rows.Next() {
		var l LoginLock
		var blocked, locked sql.NullString
		var last string
		if err := rows.Scan(&l.Subject, &l.Failures, &blocked, &locked, &last); err != nil {
			return nil, fmt.Errorf("store: login locks: %w", err)
		}
		l.BlockedUntil, l.Locked, l.LastFailureAt = nullTime(blocked), locked.Valid, parseTime(last)
		if name, ok := strings.CutPrefix(l.Subject, subjectDevice); ok {
			l.Kind, l.Name = "device", name
		} else {
			l.Kind, l.Name = "user", strings.TrimPrefix(l.Subject, subjectUser)
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// UnlockLogin clears the failed-login count of a subject ("user:<name>" or
// "device:<id>", as LoginLocks gives it): its delay and lock end at once.
func (s *Store) UnlockLogin(ctx context.Context, actorID, subject string) error {
	err := s.tx(ctx, func(tx *writeTx) error {
		off, err := s.officeIn(ctx, tx)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM login_throttle WHERE subject = ?`, subject)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return refuse("not_found", "Tidak ada percobaan masuk gagal yang tercatat untuk pengguna atau perangkat ini.")
		}
		return s.appendEvent(ctx, tx, &Event{Office: off.Code, Kind: EvLoginUnlocked, OfficerID: actorID,
			Data: map[string]string{"subject": subject}})
	})
	return wrap("unlock login", err)
}
