package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"loket/consult"
)

// ActOnConsultation changes a consultation's status (see
// ConsultationAction and consult.Apply), writes the note that explains it
// and its event.
func (s *Store) ActOnConsultation(ctx context.Context, actorID string, a ConsultationAction) (Consultation, error) {
	a.Answer, a.Note, a.KasiID = strings.TrimSpace(a.Answer), strings.TrimSpace(a.Note), strings.TrimSpace(a.KasiID)
	err := s.tx(ctx, func(tx *writeTx) error {
		off, err := s.officeIn(ctx, tx)
		if err != nil {
			return err
		}
		cur, err := consultationStateTx(ctx, tx, a.ID)
		if err != nil {
			return err
		}
		act := consult.Action{To: a.To, Answer: a.Answer, Note: a.Note, KasiID: a.KasiID}
		if act.Actor, err = consultActorTx(ctx, tx, actorID); err != nil {
			return err
		}
		if a.To == CSOEskalasi && a.KasiID != "" {
			kasi, err := consultActorTx(ctx, tx, a.KasiID)
			if err != nil {
				return err
			}
			act.KasiOK = kasi.Kasi && !kasi.Admin
		}
		next, change, err := consult.Apply(cur.State, act, s.now())
		if err != nil {
			return asRefusal(err)
		}
		if err := saveConsultationStateTx(ctx, tx, a.ID, next); err != nil {
			return err
		}
		return s.recordChangeTx(ctx, tx, off, a.ID, actorID, change)
	})
	if err != nil {
		return Consultation{}, wrap("consultation action", err)
	}
	return s.Consultation(ctx, a.ID)
}

// recordChangeTx writes the note and the event of a lifecycle change, and
// puts a resolved answer into the search index.
func (s *Store) recordChangeTx(ctx context.Context, tx *writeTx, off Office, id, actorID string, change consult.Change) error {
	noteID, err := s.addNoteTx(ctx, tx, off.Code, id, change.NoteKind, actorID, change.Note)
	if err != nil {
		return err
	}
	data := map[string]string{"consultation": id, "note": noteID}
	for k, v := range change.Data {
		data[k] = v
	}
	if change.Reindex {
		if err := indexAnswerTx(ctx, tx, id); err != nil {
			return err
		}
	}
	return s.appendEvent(ctx, tx, &Event{Office: off.Code, Kind: change.Event, OfficerID: actorID, Data: data})
}

// consultActorTx is what the consultation lifecycle needs to know of an
// officer: the roles they may act in (an inactive or unknown officer in
// none; an admin in every one).
func consultActorTx(ctx context.Context, tx *writeTx, id string) (consult.Actor, error) {
	var role string
	var active bool
	err := tx.QueryRowContext(ctx, `SELECT role, active FROM officers WHERE id = ?`, id).Scan(&role, &active)
	if errors.Is(err, sql.ErrNoRows) {
		return consult.Actor{ID: id}, nil
	}
	if err != nil {
		return consult.Actor{}, err
	}
	admin := role == RoleAdmin
	return consult.Actor{ID: id, CSO: active && (admin || role == RoleCSO), Kasi: active && (admin || role == RoleKasi), Admin: admin}, nil
}

// indexAnswerTx puts a resolved consultation's question and answer into
// the full-text index (replacing an earlier entry).
func indexAnswerTx(ctx context.Context, tx *writeTx, id string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM consultation_fts WHERE consultation_id = ?`, id); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO consultation_fts (consultation_id, question, identification, answer)
		SELECT id, question, identification, answer FROM consultations WHERE id = ?`, id)
	return err
}

// AutoCloseConsultations closes answered consultations whose stakeholder
// has not replied (no note, no change) for the configured number of
// working days (SettingCSOAutoCloseDays, default 3). It returns how many
// it closed; each gets a note and a cso.autoclosed event.
func (s *Store) AutoCloseConsultations(ctx context.Context) (int, error) {
	days := 3
	if v, err := s.Setting(ctx, SettingCSOAutoCloseDays); err == nil {
		if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && n > 0 {
			days = n
		}
	}
	sched, err := s.Schedule(ctx)
	if err != nil {
		return 0, err
	}
	now := s.now()
	rows, err := s.db.QueryContext(ctx, `SELECT id, updated_at FROM consultations WHERE status = ?`, CSODijawab)
	if err != nil {
		return 0, fmt.Errorf("store: auto-close: %w", err)
	}
	type item struct {
		id      string
		updated time.Time
	}
	var due []item
	for rows.Next() {
		var id, updated string
		if err := rows.Scan(&id, &updated); err != nil {
			rows.Close()
			return 0, fmt.Errorf("store: auto-close: %w", err)
		}
		if consult.AutoCloseDue(CSODijawab, parseTime(updated), now, days, sched) {
			due = append(due, item{id, parseTime(updated)})
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("store: auto-close: %w", err)
	}
	closed := 0
	for _, it := range due {
		err := s.tx(ctx, func(tx *writeTx) error {
			off, err := s.officeIn(ctx, tx)
			if err != nil {
				return err
			}
			cur, err := consultationStateTx(ctx, tx, it.id)
			if err != nil {
				return err
			}
			// Only if nothing happened since we looked.
			if cur.Status != CSODijawab || !cur.UpdatedAt.Equal(it.updated) {
				return nil
			}
			next, change, err := consult.AutoClose(cur.State, days, s.now())
			if err != nil {
				return asRefusal(err)
			}
			if err := saveConsultationStateTx(ctx, tx, it.id, next); err != nil {
				return err
			}
			closed++
			return s.recordChangeTx(ctx, tx, off, it.id, "", change)
		})
		if err != nil {
			return closed, wrap("auto-close", err)
		}
	}
	return closed, nil
}
