package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// EvSurveySubmitted is written when a visitor answers the satisfaction
// survey. Its data names only the answer row (for the sync): no scores, no
// officer, so nothing on the office's event stream tells an officer how
// they were rated.
const EvSurveySubmitted = "survey.submitted"

// SurveyElements is the number of elements (unsur) of the PermenPANRB
// 14/2017 questionnaire.
const SurveyElements = 9

// IPKItems and IPAKItems are the number of items of the service-quality
// perception (IPK) and corruption-perception (IPAK) questionnaires.
const (
	IPKItems  = 8
	IPAKItems = 5
)

// SurveyWindow is how long after a ticket is finished its visitor may still
// rate it.
const SurveyWindow = 24 * time.Hour

// SurveyAnswer is one answered questionnaire. Scores[i] is element i+1 on
// the 1..4 scale, 0 when skipped. TicketID links it to the service given;
// the service, counter and officer are taken from the ticket, never from the
// caller.
type SurveyAnswer struct {
	ID        string
	Office    string
	TicketID  string
	ServiceID string
	CounterID string
	OfficerID string
	Scores    [SurveyElements]int
	// IPK and IPAK are the Zona Integritas questionnaires answered beside
	// the IKM (migration 0026), 1..4, 0 when skipped; the items are in
	// reports (IPKItems, IPAKItems).
	IPK        [IPKItems]int
	IPAK       [IPAKItems]int
	Comment    string
	AnsweredAt time.Time
}

// Answered counts the elements given a score, in all three
// questionnaires.
func (a SurveyAnswer) Answered() int {
	n := 0
	for _, v := range a.allScores() {
		if v != 0 {
			n++
		}
	}
	return n
}

// allScores is every score in column order: u1..u9, k1..k8, a1..a5.
func (a SurveyAnswer) allScores() []int {
	out := append([]int{}, a.Scores[:]...)
	out = append(out, a.IPK[:]...)
	return append(out, a.IPAK[:]...)
}

// SubmitSurvey stores a visitor's answers. A ticket is rated once, only
// after it was finished and within SurveyWindow.
func (s *Store) SubmitSurvey(ctx context.Context, a SurveyAnswer) (SurveyAnswer, error) {
	for i, v := range a.Scores {
		if v < 0 || v > 4 {
			return a, refuse("invalid", "Nilai unsur %d harus 1 sampai 4.", i+1)
		}
	}
	for i, v := range a.IPK {
		if v < 0 || v > 4 {
			return a, refuse("invalid", "Nilai pernyataan IPK %d harus 1 sampai 4.", i+1)
		}
	}
	for i, v := range a.IPAK {
		if v < 0 || v > 4 {
			return a, refuse("invalid", "Nilai pernyataan IPAK %d harus 1 sampai 4.", i+1)
		}
	}
	if a.Answered() == 0 {
		return a, refuse("invalid", "Pilih paling sedikit satu penilaian sebelum mengirim survei.")
	}
	a.Comment = strings.TrimSpace(a.Comment)
	if utf8.RuneCountInString(a.Comment) > 1000 {
		return a, refuse("invalid", "Saran dan masukan terlalu panjang (maksimal 1.000 karakter).")
	}
	a.ServiceID, a.CounterID, a.OfficerID = "", "", ""
	err := s.tx(ctx, func(tx *writeTx) error {
		off, err := s.officeIn(ctx, tx)
		if err != nil {
			return err
		}
		now := s.now()
		if a.TicketID != "" {
			t, err := s.ticketQ(ctx, tx, a.TicketID)
			if err != nil {
				return err
			}
			if t.Status != StatusDone {
				return refuse("bad_state", "Survei untuk nomor %s dapat diisi setelah layanan selesai.", t.Code())
			}
			if now.Sub(t.FinishedAt) > SurveyWindow {
				return refuse("bad_state", "Waktu pengisian survei untuk nomor %s sudah lewat.", t.Code())
			}
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM survey_answers WHERE ticket_id = ?`, t.ID).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return refuse("already_rated", "Layanan nomor %s sudah dinilai. Terima kasih.", t.Code())
			}
			a.ServiceID, a.CounterID, a.OfficerID = t.ServiceID, t.CounterID, t.OfficerID
		}
		a.ID, a.Office, a.AnsweredAt = s.newID(off.Code), off.Code, now
		args := []any{a.ID, a.Office, a.TicketID, a.ServiceID, a.CounterID, a.OfficerID}
		for _, v := range a.allScores() {
			args = append(args, sql.NullInt64{Int64: int64(v), Valid: v != 0})
		}
		args = append(args, a.Comment, formatTime(now))
		if _, err := tx.ExecContext(ctx, `INSERT INTO survey_answers (id, office_code, ticket_id, service_id, counter_id,
			officer_id, u1, u2, u3, u4, u5, u6, u7, u8, u9, k1, k2, k3, k4, k5, k6, k7, k8, a1, a2, a3, a4, a5,
			comment, answered_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, args...); err != nil {
			if isUniqueViolation(err) {
				return refuse("already_rated", "Layanan ini sudah dinilai. Terima kasih.")
			}
			return err
		}
		return s.appendEvent(ctx, tx, &Event{Office: off.Code, Kind: EvSurveySubmitted, At: now,
			Data: map[string]string{"survey": a.ID}})
	})
	if err != nil {
		return SurveyAnswer{}, wrap("submit survey", err)
	}
	return a, nil
}

// SurveyAnswersBetween returns the answers given at or after from and
// before to, oldest first.
func (s *Store) SurveyAnswersBetween(ctx context.Context, from, to time.Time) ([]SurveyAnswer, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, office_code, ticket_id, service_id, counter_id, officer_id,
		COALESCE(u1, 0), COALESCE(u2, 0), COALESCE(u3, 0), COALESCE(u4, 0), COALESCE(u5, 0), COALESCE(u6, 0),
		COALESCE(u7, 0), COALESCE(u8, 0), COALESCE(u9, 0),
		COALESCE(k1, 0), COALESCE(k2, 0), COALESCE(k3, 0), COALESCE(k4, 0), COALESCE(k5, 0), COALESCE(k6, 0),
		COALESCE(k7, 0), COALESCE(k8, 0), COALESCE(a1, 0), COALESCE(a2, 0), COALESCE(a3, 0), COALESCE(a4, 0),
		COALESCE(a5, 0), comment, answered_at
		FROM survey_answers WHERE answered_at >= ? AND answered_at < ? ORDER BY answered_at`, formatTime(from), formatTime(to))
	if err != nil {
		return nil, fmt.Errorf("store: survey answers: %w", err)
	}
	defer rows.Close()
	var out []SurveyAnswer
	for rows.Next() {
		var a SurveyAnswer
		var at string
		sc := []any{&a.ID, &a.Office, &a.TicketID, &a.ServiceID, &a.CounterID, &a.OfficerID}
		for i := range a.Scores {
			sc = append(sc, &a.Scores[i])
		}
		for i := range a.IPK {
			sc = append(sc, &a.IPK[i])
		}
		for i := range a.IPAK {
			sc = append(sc, &a.IPAK[i])
		}
		sc = append(sc, &a.Comment, &at)
		if err := rows.Scan(sc...); err != nil {
			return nil, fmt.Errorf("store: survey answers: %w", err)
		}
		a.AnsweredAt = parseTime(at)
		out = append(out, a)
	}
	return out, rows.Err()
}
