package store

import (
	"context"
	"database/sql"
	"errors"
)

// Events of the hub's access checks (see hub/identity.go).
const (
	// EvAccessRefused: the hub refused a request because the device's
	// kind may not make it, no valid officer token came with it, or the
	// counter session named is another officer's.
	EvAccessRefused = "auth.access_refused"
	// EvLogout: an officer's token was revoked at logout.
	EvLogout = "auth.logout"
)

// AccessAudit is what the hub records about a refused request or a logout.
type AccessAudit struct {
	Kind       string // EvAccessRefused or EvLogout
	Device     string // the paired device's id
	DeviceKind string // counter, kiosk, display, survey
	Method     string // the office.Service method asked for
	Reason     string // the refusal code
	OfficerID  string // the officer of the token, when there was one
}

// AuditAccess writes a hub access event. Before first-run set-up there is
// no office to file it under and nothing is written.
func (s *Store) AuditAccess(ctx context.Context, a AccessAudit) error {
	err := s.tx(ctx, func(tx *writeTx) error {
		off, err := s.officeIn(ctx, tx)
		if err != nil {
			return err
		}
		d := map[string]string{"device": a.Device, "device_kind": a.DeviceKind, "method": a.Method}
		if a.Reason != "" {
			d["reason"] = a.Reason
		}
		return s.appendEvent(ctx, tx, &Event{Office: off.Code, Kind: a.Kind, OfficerID: a.OfficerID, Data: d})
	})
	if errors.Is(err, ErrNoOffice) {
		return nil
	}
	return wrap("audit access", err)
}

// SessionOfficer returns the officer of a counter session (open or not),
// ErrCounterClosed when there is no such session (what acting with it
// would answer). It only reads: the hub asks it before every counter
// action, which must not take an extra turn of the write lock.
func (s *Store) SessionOfficer(ctx context.Context, id string) (string, error) {
	var officer string
	err := s.db.QueryRowContext(ctx, `SELECT officer_id FROM counter_sessions WHERE id = ?`, id).Scan(&officer)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrCounterClosed
	}
	return officer, wrap("session officer", err)
}
