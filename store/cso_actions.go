package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ActOnConsultation changes a consultation's status (see
// ConsultationAction), writes the note that explains it and its event.
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
		if !IsOpenCSOStatus(cur.status) && !(a.To == CSODitutup && cur.status == CSOResolved) {
			return refuse("closed", "Konsultasi %s sudah %s.", cur.number, strings.ToLower(CSOStatusLabel(cur.status)))
		}
		now := formatTime(s.now())
		var kind, noteKind, note string
		set := `status = ?, updated_at = ?, progress_at = ?`
		args := []any{a.To, now, now}
		data := map[string]string{"consultation": a.ID, "from": cur.status, "to": a.To}
		role := RoleCSO
		switch a.To {
		case CSODijawab:
			if a.Answer == "" {
				return refuse("invalid", "Tulis jawaban/solusi yang diberikan kepada pemangku kepentingan.")
			}
			kind, noteKind, note = EvCSOAnswered, NoteAnswer, a.Answer
			set += `, answer = ?, answered_at = COALESCE(answered_at, ?)`
			args = append(args, a.Answer, now)
		case CSOEskalasi:
			if cur.status == CSOEskalasi {
				return refuse("invalid", "Konsultasi %s sudah dieskalasi.", cur.number)
			}
			if a.Note == "" {
				return refuse("invalid", "Tulis alasan eskalasi kepada Kepala Seksi.")
			}
			var krole string
			var active bool
			err := tx.QueryRowContext(ctx, `SELECT role, active FROM officers WHERE id = ?`, a.KasiID).Scan(&krole, &active)
			if errors.Is(err, sql.ErrNoRows) || (err == nil && (krole != RoleKasi || !active)) {
				return refuse("invalid", "Pilih Kepala Seksi yang dituju.")
			}
			if err != nil {
				return err
			}
			kind, noteKind, note = EvCSOEscalated, NoteEscalation, a.Note
			set += `, escalated_to = ?, escalation_reason = ?, kasi_response = ''`
			args = append(args, a.KasiID, a.Note)
			data["kasi"] = a.KasiID
		case CSOReturn:
			if cur.status != CSOEskalasi {
				return refuse("invalid", "Konsultasi %s tidak sedang dieskalasi.", cur.number)
			}
			if a.Note == "" {
				return refuse("invalid", "Tulis tanggapan/arahan untuk CSO.")
			}
			if err := requireRole(ctx, tx, actorID, RoleKasi); err != nil {
				return err
			}
			var isAdmin int
			_ = tx.QueryRowContext(ctx, `SELECT count(*) FROM officers WHERE id = ? AND role = 'admin'`, actorID).Scan(&isAdmin)
			if actorID != cur.escalatedTo && isAdmin == 0 {
				return refuse("forbidden", "Konsultasi ini dieskalasi kepada Kepala Seksi lain.")
			}
			role = RoleKasi
			kind, noteKind, note = EvCSOReturned, NoteKasi, a.Note
			args[0] = CSOBaru
			data["to"] = CSOBaru
			set += `, kasi_response = ?`
			args = append(args, a.Note)
		case CSOMenungguDokumen:
			if a.Note == "" {
				return refuse("invalid", "Tulis dokumen pendukung yang diminta dari pemangku kepentingan.")
			}
			kind, noteKind, note = EvCSOWaitingDocuments, NoteDocuments, a.Note
		case CSOResolved:
			ans := a.Answer
			if ans == "" {
				ans = cur.answer
			}
			if ans == "" {
				return refuse("invalid", "Konsultasi hanya dapat di-resolve dengan jawaban/solusi yang tertulis.")
			}
			kind, noteKind, note = EvCSOResolved, NoteResolved, firstNonEmpty(a.Note, "Diselesaikan (resolved).")
			set += `, answer = ?, answered_at = COALESCE(answered_at, ?), resolved_at = ?`
			args = append(args, ans, now, now)
		case CSODitutup:
			kind, noteKind, note = EvCSOClosed, NoteClosed, firstNonEmpty(a.Note, "Ditutup.")
			set += `, closed_at = ?`
			args = append(args, now)
		default:
			return refuse("invalid", "Status %q tidak dikenal.", a.To)
		}
		if role == RoleCSO {
			if err := requireRole(ctx, tx, actorID, RoleCSO); err != nil {
				return err
			}
		}
		args = append(args, a.ID)
		if _, err := tx.ExecContext(ctx, `UPDATE consultations SET `+set+` WHERE id = ?`, args...); err != nil {
			return err
		}
		noteID, err := s.addNoteTx(ctx, tx, off.Code, a.ID, noteKind, actorID, note)
		if err != nil {
			return err
		}
		data["note"] = noteID
		if a.To == CSOResolved {
			if err := indexAnswerTx(ctx, tx, a.ID); err != nil {
				return err
			}
		}
		return s.appendEvent(ctx, tx, &Event{Office: off.Code, Kind: kind, OfficerID: actorID, Data: data})
	})
	if err != nil {
		return Consultation{}, wrap("consultation action", err)
	}
	return s.Consultation(ctx, a.ID)
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
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
	today := sched.Date(now)
	rows, err := s.db.QueryContext(ctx, `SELECT id, updated_at FROM consultations WHERE status = ?`, CSODijawab)
	if err != nil {
		return 0, fmt.Errorf("store: auto-close: %w", err)
	}
	type item struct{ id, updated string }
	var due []item
	for rows.Next() {
		var it item
		if err := rows.Scan(&it.id, &it.updated); err != nil {
			rows.Close()
			return 0, fmt.Errorf("store: auto-close: %w", err)
		}
		if sched.WorkingDaysBetween(sched.Date(parseTime(it.updated)), today) >= days {
			due = append(due, it)
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
			ts := formatTime(s.now())
			// Only if nothing happened since we looked.
			res, err := tx.ExecContext(ctx, `UPDATE consultations SET status = ?, closed_at = ?, updated_at = ?
				WHERE id = ? AND status = ? AND updated_at = ?`, CSODitutup, ts, ts, it.id, CSODijawab, it.updated)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return nil
			}
			noteID, err := s.addNoteTx(ctx, tx, off.Code, it.id, NoteClosed,
				"", fmt.Sprintf("Ditutup otomatis: tidak ada balasan %d hari kerja setelah dijawab.", days))
			if err != nil {
				return err
			}
			closed++
			return s.appendEvent(ctx, tx, &Event{Office: off.Code, Kind: EvCSOAutoClosed,
				Data: map[string]string{"consultation": it.id, "note": noteID, "days": strconv.Itoa(days)}})
		})
		if err != nil {
			return closed, wrap("auto-close", err)
		}
	}
	return closed, nil
}
