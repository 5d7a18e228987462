package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"loket/consult"
)

const consultationColumns = `c.id, c.number, c.channel, c.category, COALESCE(cat.name, c.category), c.visitor_id,
	c.satker_code, COALESCE(sk.name, ''), COALESCE(v.name, ''), COALESCE(v.id_number, ''), COALESCE(v.phone, ''),
	COALESCE(v.email, ''), c.question, c.identification, c.answer, c.attachments, c.ticket_id, COALESCE(t.prefix, ''),
	COALESCE(t.number, 0), c.lapor_ref, c.status, c.officer_id, COALESCE(o.full_name, ''), c.escalated_to,
	COALESCE(k.full_name, ''), c.escalation_reason, c.kasi_response, c.opened_at, c.due_at, c.answered_at,
	c.resolved_at, c.closed_at, c.progress_at, c.updated_at`

const consultationFrom = ` FROM consultations c
	LEFT JOIN cso_categories cat ON cat.id = c.category
	LEFT JOIN visitors v ON v.id = c.visitor_id
	LEFT JOIN satkers sk ON sk.code = c.satker_code
	LEFT JOIN tickets t ON t.id = c.ticket_id
	LEFT JOIN officers o ON o.id = c.officer_id
	LEFT JOIN officers k ON k.id = c.escalated_to`

func (s *Store) queryConsultations(ctx context.Context, where, order string, args ...any) ([]Consultation, error) {
	// Without a schedule (office hours unreadable) progress is due after
	// 24 hours.
	now := s.now()
	sched, _ := s.Schedule(ctx)
	rows, err := s.db.QueryContext(ctx, `SELECT `+consultationColumns+consultationFrom+` WHERE `+where+` ORDER BY `+order, args...)
	if err != nil {
		return nil, fmt.Errorf("store: consultations: %w", err)
	}
	defer rows.Close()
	var out []Consultation
	for rows.Next() {
		var c Consultation
		var prefix, atts, opened, due, progress, updated string
		var num int
		var answered, resolved, closed sql.NullString
		if err := rows.Scan(&c.ID, &c.Number, &c.Channel, &c.Category, &c.CategoryName, &c.Visitor.ID, &c.Visitor.SatkerCode,
			&c.Visitor.SatkerName, &c.Visitor.Name, &c.Visitor.IDNumber, &c.Visitor.Phone, &c.Visitor.Email, &c.Question,
			&c.Identification, &c.Answer, &atts, &c.TicketID, &prefix, &num, &c.LaporRef, &c.Status, &c.OfficerID,
			&c.OfficerName, &c.EscalatedTo, &c.EscalatedToName, &c.EscalationReason, &c.KasiResponse, &opened, &due,
			&answered, &resolved, &closed, &progress, &updated); err != nil {
			return nil, fmt.Errorf("store: consultations: %w", err)
		}
		if prefix != "" {
			c.TicketCode = FormatCode(prefix, num)
		}
		_ = json.Unmarshal([]byte(atts), &c.Attachments)
		c.OpenedAt, c.DueAt, c.ProgressAt, c.UpdatedAt = parseTime(opened), parseTime(due), parseTime(progress), parseTime(updated)
		c.AnsweredAt, c.ResolvedAt, c.ClosedAt = nullTime(answered), nullTime(resolved), nullTime(closed)
		c.Overdue = consult.Overdue(c.Status, c.DueAt, now)
		c.NeedsProgress = consult.NeedsProgress(c.Status, c.ProgressAt, now, sched)
		out = append(out, c)
	}
	return out, rows.Err()
}

// Consultation returns one consultation with its notes and call backs.
func (s *Store) Consultation(ctx context.Context, id string) (Consultation, error) {
	list, err := s.queryConsultations(ctx, `c.id = ? OR c.number = ?`, `c.opened_at`, id, strings.TrimSpace(id))
	if err != nil {
		return Consultation{}, err
	}
	if len(list) == 0 {
		return Consultation{}, refuse("not_found", "Konsultasi tidak ditemukan.")
	}
	c := list[0]
	rows, err := s.db.QueryContext(ctx, `SELECT n.id, n.kind, n.officer_id, COALESCE(o.full_name, ''), n.body, n.created_at
		FROM consultation_notes n LEFT JOIN officers o ON o.id = n.officer_id WHERE n.consultation_id = ? ORDER BY n.created_at, n.rowid`, c.ID)
	if err != nil {
		return c, fmt.Errorf("store: consultation notes: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var n ConsultationNote
		var at string
		if err := rows.Scan(&n.ID, &n.Kind, &n.OfficerID, &n.OfficerName, &n.Body, &at); err != nil {
			return c, fmt.Errorf("store: consultation notes: %w", err)
		}
		n.CreatedAt = parseTime(at)
		c.Notes = append(c.Notes, n)
	}
	if err := rows.Err(); err != nil {
		return c, err
	}
	c.Callbacks, err = s.queryCallbacks(ctx, `cb.consultation_id = ?`, c.ID)
	return c, err
}

// OpenConsultations lists every open consultation, nearest deadline first.
func (s *Store) OpenConsultations(ctx context.Context) ([]Consultation, error) {
	return s.queryConsultations(ctx, `c.status NOT IN ('resolved', 'ditutup')`, `c.due_at, c.opened_at`)
}

// EscalatedTo lists the consultations escalated to a Kepala Seksi and not
// yet returned, oldest first.
func (s *Store) EscalatedTo(ctx context.Context, kasiID string) ([]Consultation, error) {
	return s.queryConsultations(ctx, `c.status = 'eskalasi' AND c.escalated_to = ?`, `c.updated_at`, kasiID)
}

// RecentConsultations lists the newest finished (resolved or closed)
// consultations, newest first.
func (s *Store) RecentConsultations(ctx context.Context, limit int) ([]Consultation, error) {
	return s.queryConsultations(ctx, `c.status IN ('resolved', 'ditutup')`, `c.updated_at DESC LIMIT ?`, limit)
}

// ConsultationsBetween lists consultations opened in [from, to).
func (s *Store) ConsultationsBetween(ctx context.Context, from, to time.Time) ([]Consultation, error) {
	return s.queryConsultations(ctx, `c.opened_at >= ? AND c.opened_at < ?`, `c.opened_at`, formatTime(from), formatTime(to))
}

// ConsultationFigures summarises consultations opened in [from, to) for
// the reports: counts by channel, category (by name) and current status;
// the items, whenever opened, that at `to` were still awaiting an answer
// past their follow-up deadline; and for each resolved item the working minutes from
// opening to resolution, on the office's schedule (hours and holidays).
func (s *Store) ConsultationFigures(ctx context.Context, from, to time.Time) (ConsultationFigures, error) {
	f := ConsultationFigures{ByChannel: map[string]int{}, ByCategory: map[string]int{}, ByStatus: map[string]int{}}
	list, err := s.ConsultationsBetween(ctx, from, to)
	if err != nil {
		return f, err
	}
	sched, err := s.Schedule(ctx)
	if err != nil {
		return f, err
	}
	before := func(t time.Time) bool { return !t.IsZero() && t.Before(to) }
	for _, c := range list {
		f.Total++
		f.ByChannel[c.Channel]++
		f.ByCategory[c.CategoryName]++
		f.ByStatus[c.Status]++
		if before(c.ResolvedAt) {
			f.ResolvedCount++
			f.ResolutionWorkMinutes = append(f.ResolutionWorkMinutes, int(sched.WorkingDuration(c.OpenedAt, c.ResolvedAt)/time.Minute))
		}
	}
	// Overdue counts every item late at `to`, not only those opened in
	// the period (see OverdueConsultations).
	if f.Overdue, err = s.OverdueConsultations(ctx, to); err != nil {
		return f, err
	}
	return f, nil
}
