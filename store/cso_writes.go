package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"loket/consult"
	"loket/workday"
)

// requireRole refuses unless actorID is an active officer with one of the
// roles (admins always pass).
func requireRole(ctx context.Context, tx *writeTx, actorID string, roles ...string) error {
	var role string
	var active bool
	err := tx.QueryRowContext(ctx, `SELECT role, active FROM officers WHERE id = ?`, actorID).Scan(&role, &active)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !active) {
		return ErrForbidden
	}
	if err != nil {
		return err
	}
	if role == RoleAdmin {
		return nil
	}
	for _, r := range roles {
		if r == role {
			return nil
		}
	}
	return ErrForbidden
}

// Schedule builds the office's working-day schedule (zone, office hours
// setting, holiday calendar) from the store, for the CSO clocks.
func (s *Store) Schedule(ctx context.Context) (*workday.Schedule, error) {
	off, err := s.Office(ctx)
	if err != nil {
		return nil, err
	}
	text, err := s.Setting(ctx, SettingOfficeHours)
	if err != nil {
		return nil, err
	}
	hours, err := workday.ParseHours(text)
	if err != nil {
		return nil, refuse("invalid", "Jam layanan kantor tidak valid: %v", err)
	}
	hs, err := s.Holidays(ctx)
	if err != nil {
		return nil, err
	}
	list := make([]workday.Holiday, 0, len(hs))
	for _, h := range hs {
		d, err := workday.ParseDate(h.Date)
		if err != nil {
			continue
		}
		list = append(list, workday.Holiday{Date: d, Kind: workday.Kind(h.Kind), Name: h.Name})
	}
	cal, err := workday.NewCalendar(list)
	if err != nil {
		return nil, refuse("invalid", "Kalender hari libur tidak valid: %v", err)
	}
	return workday.NewSchedule(off.Zone, hours, cal)
}

func validChannel(c string) bool {
	for _, x := range Channels() {
		if x == c {
			return true
		}
	}
	return false
}

// validate checks what the CSO typed and says what is wrong, in Indonesian.
func (c *Consultation) validate() error {
	c.Question = strings.TrimSpace(c.Question)
	c.Identification = strings.TrimSpace(c.Identification)
	c.Answer = strings.TrimSpace(c.Answer)
	c.LaporRef = strings.TrimSpace(c.LaporRef)
	v := &c.Visitor
	v.Name = strings.TrimSpace(v.Name)
	v.SatkerCode = strings.TrimSpace(v.SatkerCode)
	v.Phone = NormalizePhone(v.Phone)
	v.Email = strings.TrimSpace(v.Email)
	var atts []string
	for _, a := range c.Attachments {
		if a = strings.TrimSpace(a); a != "" {
			atts = append(atts, a)
		}
	}
	c.Attachments = atts
	switch {
	case !validChannel(c.Channel):
		return refuse("invalid", "Pilih kanal konsultasi (tatap muka, HAI CSO, telepon, email, WhatsApp atau surat).")
	case c.Category == "":
		return refuse("invalid", "Pilih kategori konsultasi.")
	case c.Question == "":
		return refuse("invalid", "Pertanyaan/permasalahan wajib diisi.")
	case utf8.RuneCountInString(c.Question) > 4000 || utf8.RuneCountInString(c.Answer) > 8000 ||
		utf8.RuneCountInString(c.Identification) > 4000:
		return refuse("invalid", "Teks terlalu panjang (pertanyaan maksimal 4.000, jawaban 8.000 karakter).")
	case v.SatkerCode != "" && !satkerRE.MatchString(v.SatkerCode):
		return refuse("invalid", "Kode satker harus 6 digit angka (contoh: 409294).")
	case v.ID == "" && v.Name == "" && v.SatkerCode == "":
		return refuse("invalid", "Isi nama penanya atau kode satker pemangku kepentingan.")
	case v.ID == "" && v.Phone != "" && !phoneRE.MatchString(v.Phone):
		return refuse("invalid", "Nomor telepon tidak valid. Tulis seperti 081234567890 atau +6281234567890.")
	case utf8.RuneCountInString(c.LaporRef) > 40:
		return refuse("invalid", "Nomor SP4N-LAPOR! terlalu panjang.")
	}
	return nil
}

// stakeholderTx resolves the consultation's person inside tx: an existing
// visitor by id, a new one by name, or none (satker only).
func (s *Store) stakeholderTx(ctx context.Context, tx *writeTx, office string, c *Consultation) error {
	v := &c.Visitor
	switch {
	case v.ID != "":
		var code string
		err := tx.QueryRowContext(ctx, `SELECT satker_code FROM visitors WHERE id = ?`, v.ID).Scan(&code)
		if errors.Is(err, sql.ErrNoRows) {
			return refuse("not_found", "Data penanya tidak ditemukan.")
		}
		if err != nil {
			return err
		}
		if v.SatkerCode == "" {
			v.SatkerCode = code
		}
	case v.Name != "":
		if err := s.saveVisitorTx(ctx, tx, office, v); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) checkCategoryTx(ctx context.Context, tx *writeTx, id string, current string) error {
	var active bool
	err := tx.QueryRowContext(ctx, `SELECT active FROM cso_categories WHERE id = ?`, id).Scan(&active)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !active && id != current) {
		return refuse("invalid", "Kategori konsultasi tidak dikenal atau sudah tidak aktif.")
	}
	return err
}

// CreateConsultation logs a new consultation (status baru) for the CSO
// c.OfficerID with its follow-up deadline of 3 working days.
func (s *Store) CreateConsultation(ctx context.Context, c Consultation) (Consultation, error) {
	if err := c.validate(); err != nil {
		return c, err
	}
	sched, err := s.Schedule(ctx)
	if err != nil {
		return c, err
	}
	atts, _ := json.Marshal(nonNil(c.Attachments))
	err = s.tx(ctx, func(tx *writeTx) error {
		off, err := s.officeIn(ctx, tx)
		if err != nil {
			return err
		}
		if err := requireRole(ctx, tx, c.OfficerID, RoleCSO); err != nil {
			return err
		}
		if err := s.checkCategoryTx(ctx, tx, c.Category, ""); err != nil {
			return err
		}
		if c.TicketID != "" {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM tickets WHERE id = ?`, c.TicketID).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return refuse("not_found", "Nomor antrean yang ditautkan tidak ditemukan.")
			}
		}
		if err := s.stakeholderTx(ctx, tx, off.Code, &c); err != nil {
			return err
		}
		now := s.now()
		opened := consult.OpenedAt(c.OpenedAt, now)
		c.OpenedAt, c.ProgressAt, c.UpdatedAt = opened, now, now
		c.Status = CSOBaru
		if c.DueAt, err = consult.Due(sched, opened); err != nil {
			return err
		}
		year := now.In(off.Location()).Year()
		var seq int
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(max(seq), 0) + 1 FROM consultations WHERE office_code = ? AND year = ?`,
			off.Code, year).Scan(&seq); err != nil {
			return err
		}
		c.ID = s.newID(off.Code)
		c.Number = fmt.Sprintf("KS-%s-%d-%05d", off.Code, year, seq)
		if _, err := tx.ExecContext(ctx, `INSERT INTO consultations (id, office_code, year, seq, number, channel, category,
			visitor_id, satker_code, question, identification, answer, attachments, ticket_id, lapor_ref, status, officer_id,
			opened_at, due_at, progress_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.ID, off.Code, year, seq, c.Number, c.Channel, c.Category, c.Visitor.ID, c.Visitor.SatkerCode, c.Question,
			c.Identification, c.Answer, string(atts), c.TicketID, c.LaporRef, c.Status, c.OfficerID,
			formatTime(opened), formatTime(c.DueAt), formatTime(now), formatTime(now)); err != nil {
			return err
		}
		return s.appendEvent(ctx, tx, &Event{Office: off.Code, Kind: EvCSOCreated, TicketID: c.TicketID, OfficerID: c.OfficerID,
			Data: map[string]string{"consultation": c.ID, "number": c.Number, "channel": c.Channel, "category": c.Category}})
	})
	if err != nil {
		return c, wrap("create consultation", err)
	}
	return s.Consultation(ctx, c.ID)
}

func nonNil(a []string) []string {
	if a == nil {
		return []string{}
	}
	return a
}

// UpdateConsultation saves what the CSO edited (channel, category,
// stakeholder, question, identification, answer draft, attachments,
// SP4N-LAPOR reference) without changing the status. Closed items are
// read-only.
func (s *Store) UpdateConsultation(ctx context.Context, actorID string, c Consultation) (Consultation, error) {
	if err := c.validate(); err != nil {
		return c, err
	}
	atts, _ := json.Marshal(nonNil(c.Attachments))
	err := s.tx(ctx, func(tx *writeTx) error {
		off, cur, err := s.consultationAsTx(ctx, tx, actorID, c.ID, consult.CanEdit, RoleCSO)
		if err != nil {
			return err
		}
		if err := s.checkCategoryTx(ctx, tx, c.Category, cur.category); err != nil {
			return err
		}
		if err := s.stakeholderTx(ctx, tx, off.Code, &c); err != nil {
			return err
		}
		now := formatTime(s.now())
		if _, err := tx.ExecContext(ctx, `UPDATE consultations SET channel = ?, category = ?, visitor_id = ?, satker_code = ?,
			question = ?, identification = ?, answer = ?, attachments = ?, lapor_ref = ?, updated_at = ? WHERE id = ?`,
			c.Channel, c.Category, c.Visitor.ID, c.Visitor.SatkerCode, c.Question, c.Identification, c.Answer, string(atts),
			c.LaporRef, now, c.ID); err != nil {
			return err
		}
		if cur.Status == CSOResolved {
			if err := indexAnswerTx(ctx, tx, c.ID); err != nil {
				return err
			}
		}
		return s.appendEvent(ctx, tx, &Event{Office: off.Code, Kind: EvCSOUpdated, OfficerID: actorID,
			Data: map[string]string{"consultation": c.ID, "channel": c.Channel, "category": c.Category}})
	})
	if err != nil {
		return c, wrap("update consultation", err)
	}
	return s.Consultation(ctx, c.ID)
}

// consultationState is a consultation as its lifecycle sees it, and its
// category (kept when an inactive one is still on the item).
type consultationState struct {
	consult.State
	category string
}

func consultationStateTx(ctx context.Context, tx *writeTx, id string) (consultationState, error) {
	var st consultationState
	var answered, resolved, closed sql.NullString
	var progress, updated string
	err := tx.QueryRowContext(ctx, `SELECT number, status, category, answer, escalated_to, escalation_reason, kasi_response,
		answered_at, resolved_at, closed_at, progress_at, updated_at FROM consultations WHERE id = ?`, id).
		Scan(&st.Number, &st.Status, &st.category, &st.Answer, &st.EscalatedTo, &st.EscalationReason, &st.KasiResponse,
			&answered, &resolved, &closed, &progress, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return st, refuse("not_found", "Konsultasi tidak ditemukan.")
	}
	st.AnsweredAt, st.ResolvedAt, st.ClosedAt = nullTime(answered), nullTime(resolved), nullTime(closed)
	st.ProgressAt, st.UpdatedAt = parseTime(progress), parseTime(updated)
	return st, err
}

// consultationAsTx loads, inside tx, the office and consultation id for
// actorID, who must be an active officer with one of roles (admins pass);
// check, when given, is the lifecycle's say on whether the step may go on.
func (s *Store) consultationAsTx(ctx context.Context, tx *writeTx, actorID, id string, check func(consult.State) error, roles ...string) (Office, consultationState, error) {
	off, err := s.officeIn(ctx, tx)
	if err != nil {
		return off, consultationState{}, err
	}
	if err := requireRole(ctx, tx, actorID, roles...); err != nil {
		return off, consultationState{}, err
	}
	cur, err := consultationStateTx(ctx, tx, id)
	if err != nil {
		return off, cur, err
	}
	if check != nil {
		if err := check(cur.State); err != nil {
			return off, cur, asRefusal(err)
		}
	}
	return off, cur, nil
}

// saveConsultationStateTx writes what the lifecycle changed.
func saveConsultationStateTx(ctx context.Context, tx *writeTx, id string, st consult.State) error {
	_, err := tx.ExecContext(ctx, `UPDATE consultations SET status = ?, answer = ?, escalated_to = ?, escalation_reason = ?,
		kasi_response = ?, answered_at = ?, resolved_at = ?, closed_at = ?, progress_at = ?, updated_at = ? WHERE id = ?`,
		st.Status, st.Answer, st.EscalatedTo, st.EscalationReason, st.KasiResponse, nullTimeArg(st.AnsweredAt),
		nullTimeArg(st.ResolvedAt), nullTimeArg(st.ClosedAt), formatTime(st.ProgressAt), formatTime(st.UpdatedAt), id)
	return err
}

func (s *Store) addNoteTx(ctx context.Context, tx *writeTx, office, consultationID, kind, actorID, body string) (string, error) {
	id := s.newID(office)
	_, err := tx.ExecContext(ctx, `INSERT INTO consultation_notes (id, consultation_id, kind, officer_id, body, created_at)
		VALUES (?, ?, ?, ?, ?, ?)`, id, consultationID, kind, actorID, body, formatTime(s.now()))
	return id, err
}

// AddConsultationNote records progress given to the stakeholder (or a
// reply received): it restarts the auto-close wait and the daily
// progress reminder.
func (s *Store) AddConsultationNote(ctx context.Context, actorID, id, body string) (ConsultationNote, error) {
	body = strings.TrimSpace(body)
	n := ConsultationNote{Kind: NoteProgress, OfficerID: actorID, Body: body}
	if body == "" {
		return n, refuse("invalid", "Tulis catatan progres penyelesaian.")
	}
	if utf8.RuneCountInString(body) > 4000 {
		return n, refuse("invalid", "Catatan terlalu panjang (maksimal 4.000 karakter).")
	}
	err := s.tx(ctx, func(tx *writeTx) error {
		off, cur, err := s.consultationAsTx(ctx, tx, actorID, id, nil, RoleCSO, RoleKasi)
		if err != nil {
			return err
		}
		now := s.now()
		next, err := consult.Progress(cur.State, now)
		if err != nil {
			return asRefusal(err)
		}
		if n.ID, err = s.addNoteTx(ctx, tx, off.Code, id, NoteProgress, actorID, body); err != nil {
			return err
		}
		n.CreatedAt = now
		if err := saveConsultationStateTx(ctx, tx, id, next); err != nil {
			return err
		}
		return s.appendEvent(ctx, tx, &Event{Office: off.Code, Kind: EvCSONote, OfficerID: actorID,
			Data: map[string]string{"consultation": id, "note": n.ID}})
	})
	if err != nil {
		return n, wrap("consultation note", err)
	}
	return n, nil
}
