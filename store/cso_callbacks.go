package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"loket/consult"
)

// ScheduleCallback records a promised call back as a task due at cb.DueAt.
func (s *Store) ScheduleCallback(ctx context.Context, actorID string, cb Callback) (Callback, error) {
	cb.Phone = NormalizePhone(cb.Phone)
	cb.Note = strings.TrimSpace(cb.Note)
	switch {
	case cb.DueAt.IsZero():
		return cb, refuse("invalid", "Tentukan waktu janji menghubungi kembali.")
	case cb.DueAt.Before(s.now().Add(-time.Minute)):
		return cb, refuse("invalid", "Waktu janji menghubungi kembali sudah lewat.")
	case cb.Phone != "" && !phoneRE.MatchString(cb.Phone):
		return cb, refuse("invalid", "Nomor telepon tidak valid. Tulis seperti 081234567890 atau +6281234567890.")
	}
	err := s.tx(ctx, func(tx *writeTx) error {
		off, _, err := s.consultationAsTx(ctx, tx, actorID, cb.ConsultationID, consult.CanPromiseCallback, RoleCSO)
		if err != nil {
			return err
		}
		if cb.Phone == "" {
			_ = tx.QueryRowContext(ctx, `SELECT COALESCE(v.phone, '') FROM consultations c LEFT JOIN visitors v ON v.id = c.visitor_id
				WHERE c.id = ?`, cb.ConsultationID).Scan(&cb.Phone)
		}
		if cb.Phone == "" {
			return refuse("invalid", "Nomor telepon yang akan dihubungi wajib diisi.")
		}
		cb.ID, cb.OfficerID = s.newID(off.Code), actorID
		now := formatTime(s.now())
		if _, err := tx.ExecContext(ctx, `INSERT INTO consultation_callbacks (id, consultation_id, officer_id, phone, due_at, note, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, cb.ID, cb.ConsultationID, actorID, cb.Phone, formatTime(cb.DueAt), cb.Note, now); err != nil {
			return err
		}
		return s.appendEvent(ctx, tx, &Event{Office: off.Code, Kind: EvCSOCallbackSet, OfficerID: actorID,
			Data: map[string]string{"consultation": cb.ConsultationID, "callback": cb.ID, "due": formatTime(cb.DueAt)}})
	})
	if err != nil {
		return cb, wrap("schedule callback", err)
	}
	return cb, nil
}

// RecordCallback closes a call-back task: the officer confirms the
// stakeholder's data and problem were verified and says what solution was
// given; it also counts as progress on the consultation.
func (s *Store) RecordCallback(ctx context.Context, actorID string, r CallbackResult) error {
	r.Solution = strings.TrimSpace(r.Solution)
	switch {
	case !r.VerifiedData || !r.VerifiedProblem:
		return refuse("invalid", "Verifikasi dahulu data pemangku kepentingan dan permasalahannya (etika call back).")
	case r.Solution == "":
		return refuse("invalid", "Tulis solusi yang diberikan saat menghubungi kembali.")
	}
	err := s.tx(ctx, func(tx *writeTx) error {
		off, err := s.officeIn(ctx, tx)
		if err != nil {
			return err
		}
		if err := requireRole(ctx, tx, actorID, RoleCSO); err != nil {
			return err
		}
		var cid string
		var done sql.NullString
		err = tx.QueryRowContext(ctx, `SELECT consultation_id, done_at FROM consultation_callbacks WHERE id = ?`, r.CallbackID).Scan(&cid, &done)
		if errors.Is(err, sql.ErrNoRows) {
			return refuse("not_found", "Janji menghubungi kembali tidak ditemukan.")
		}
		if err != nil {
			return err
		}
		if done.Valid {
			return refuse("invalid", "Panggilan kembali ini sudah dicatat.")
		}
		now := formatTime(s.now())
		if _, err := tx.ExecContext(ctx, `UPDATE consultation_callbacks SET done_at = ?, done_by = ?, verified_data = 1,
			verified_problem = 1, solution = ?, updated_at = ? WHERE id = ?`, now, actorID, r.Solution, now, r.CallbackID); err != nil {
			return err
		}
		noteID, err := s.addNoteTx(ctx, tx, off.Code, cid, NoteCallback, actorID, "Dihubungi kembali: "+r.Solution)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE consultations SET progress_at = ?, updated_at = ? WHERE id = ?`, now, now, cid); err != nil {
			return err
		}
		return s.appendEvent(ctx, tx, &Event{Office: off.Code, Kind: EvCSOCallbackDone, OfficerID: actorID,
			Data: map[string]string{"consultation": cid, "callback": r.CallbackID, "note": noteID}})
	})
	return wrap("record callback", err)
}

func (s *Store) queryCallbacks(ctx context.Context, where string, args ...any) ([]Callback, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT cb.id, cb.consultation_id, c.number, COALESCE(v.name, ''), COALESCE(sk.name, ''),
		cb.officer_id, cb.phone, cb.due_at, cb.note, cb.done_at, cb.done_by, cb.verified_data, cb.verified_problem, cb.solution
		FROM consultation_callbacks cb JOIN consultations c ON c.id = cb.consultation_id
		LEFT JOIN visitors v ON v.id = c.visitor_id LEFT JOIN satkers sk ON sk.code = c.satker_code
		WHERE `+where+` ORDER BY cb.due_at`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: callbacks: %w", err)
	}
	defer rows.Close()
	var out []Callback
	for rows.Next() {
		var cb Callback
		var due string
		var done sql.NullString
		if err := rows.Scan(&cb.ID, &cb.ConsultationID, &cb.ConsultationNumber, &cb.StakeholderName, &cb.SatkerName,
			&cb.OfficerID, &cb.Phone, &due, &cb.Note, &done, &cb.DoneBy, &cb.VerifiedData, &cb.VerifiedProblem, &cb.Solution); err != nil {
			return nil, fmt.Errorf("store: callbacks: %w", err)
		}
		cb.DueAt, cb.DoneAt = parseTime(due), nullTime(done)
		out = append(out, cb)
	}
	return out, rows.Err()
}

// OpenCallbacks lists call backs not yet made, earliest due first.
func (s *Store) OpenCallbacks(ctx context.Context) ([]Callback, error) {
	return s.queryCallbacks(ctx, `cb.done_at IS NULL`)
}
