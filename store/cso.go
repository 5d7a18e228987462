package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"loket/workday"
)

// Consultation statuses (Layanan Konsultasi Stakeholder). Open ones are
// baru, dijawab, eskalasi and menunggu_dokumen; resolved and ditutup end
// the follow-up clock.
const (
	CSOBaru            = "baru"
	CSODijawab         = "dijawab"
	CSOEskalasi        = "eskalasi"
	CSOMenungguDokumen = "menunggu_dokumen"
	CSOResolved        = "resolved"
	CSODitutup         = "ditutup"
)

// Consultation channels.
const (
	ChannelTatapMuka = "tatap_muka"
	ChannelHAICSO    = "hai_cso"
	ChannelTelepon   = "telepon"
	ChannelEmail     = "email"
	ChannelWhatsApp  = "whatsapp"
	ChannelSurat     = "surat"
)

// CSO event kinds: every change of a consultation, its notes and call
// backs writes one in the same transaction. Data always holds
// "consultation" (its id); notes add "note", call backs "callback".
const (
	EvCSOCreated          = "cso.created"
	EvCSOUpdated          = "cso.updated"
	EvCSOAnswered         = "cso.answered"
	EvCSOEscalated        = "cso.escalated"
	EvCSOReturned         = "cso.returned"
	EvCSOWaitingDocuments = "cso.waiting_documents"
	EvCSOResolved         = "cso.resolved"
	EvCSOClosed           = "cso.closed"
	EvCSOAutoClosed       = "cso.autoclosed"
	EvCSONote             = "cso.note"
	EvCSOCallbackSet      = "cso.callback_scheduled"
	EvCSOCallbackDone     = "cso.callback_done"
	EvCSOCategorySaved    = "cso.category_saved"
)

// CSO clocks from the Standar Pelayanan (seed: Layanan Konsultasi
// Stakeholder): 20 minutes per consultation, an answer or confirmation at
// the latest 3 working days after it was raised.
const (
	CSOServiceNorm  = 20 * time.Minute
	CSOFollowUpDays = 3
)

// SettingCSOAutoCloseDays is how many working days an answered
// consultation waits for the stakeholder's reply before it is closed.
const SettingCSOAutoCloseDays = "cso.autoclose_days"

func init() { settingDefaults[SettingCSOAutoCloseDays] = "3" }

// Channels lists the channel codes in the order pickers show them.
func Channels() []string {
	return []string{ChannelTatapMuka, ChannelHAICSO, ChannelTelepon, ChannelEmail, ChannelWhatsApp, ChannelSurat}
}

// ChannelLabel is the Indonesian name of a channel.
func ChannelLabel(c string) string {
	switch c {
	case ChannelTatapMuka:
		return "Tatap muka"
	case ChannelHAICSO:
		return "HAI CSO (online)"
	case ChannelTelepon:
		return "Telepon"
	case ChannelEmail:
		return "Email"
	case ChannelWhatsApp:
		return "WhatsApp"
	case ChannelSurat:
		return "Surat"
	}
	return c
}

// CSOStatusLabel is the Indonesian name of a status.
func CSOStatusLabel(s string) string {
	switch s {
	case CSOBaru:
		return "Baru"
	case CSODijawab:
		return "Dijawab"
	case CSOEskalasi:
		return "Eskalasi"
	case CSOMenungguDokumen:
		return "Menunggu dokumen"
	case CSOResolved:
		return "Resolved"
	case CSODitutup:
		return "Ditutup"
	}
	return s
}

// CSOStatuses lists every status in workflow order.
func CSOStatuses() []string {
	return []string{CSOBaru, CSODijawab, CSOEskalasi, CSOMenungguDokumen, CSOResolved, CSODitutup}
}

// IsOpenCSOStatus tells whether a consultation in status s is still open.
func IsOpenCSOStatus(s string) bool { return s != CSOResolved && s != CSODitutup }

// CSOCategory is one subject a consultation is filed under; admins edit
// the list. Inactive categories stay on old consultations.
type CSOCategory struct {
	ID       string
	Name     string
	Position int
	Active   bool
}

// Consultation is one stakeholder consultation handled by a CSO.
type Consultation struct {
	ID      string
	Number  string
	Channel string
	// Category is the category id; CategoryName its name.
	Category     string
	CategoryName string
	// Visitor is the person asking (shared with the front office's
	// visitors); Visitor.ID empty with a name creates one. SatkerCode may
	// be set without a person (a letter from a satker).
	Visitor          Visitor
	Question         string
	Identification   string
	Answer           string
	Attachments      []string // file references (path, email id, letter number)
	TicketID         string
	TicketCode       string
	LaporRef         string
	Status           string
	OfficerID        string
	OfficerName      string
	EscalatedTo      string
	EscalatedToName  string
	EscalationReason string
	KasiResponse     string
	OpenedAt         time.Time // the first word typed (sent on create, at most 12 h back), else the first save
	DueAt            time.Time // follow-up deadline (3 working days)
	AnsweredAt       time.Time
	ResolvedAt       time.Time
	ClosedAt         time.Time
	ProgressAt       time.Time // last progress given to the stakeholder
	UpdatedAt        time.Time

	// Derived when read, at the store's clock.
	Overdue       bool // open, not answered, past DueAt
	NeedsProgress bool // awaiting an answer and a working day passed since the last progress

	// Filled only by Consultation (one item): its history.
	Notes     []ConsultationNote
	Callbacks []Callback
}

// ConsultationNote is one line of a consultation's history: progress, an
// escalation, a Kepala Seksi's response, a status change with its reason.
type ConsultationNote struct {
	ID          string
	Kind        string
	OfficerID   string
	OfficerName string
	Body        string
	CreatedAt   time.Time
}

// Note kinds.
const (
	NoteProgress   = "progress"
	NoteAnswer     = "answer"
	NoteEscalation = "escalation"
	NoteKasi       = "kasi"
	NoteDocuments  = "documents"
	NoteResolved   = "resolved"
	NoteClosed     = "closed"
	NoteCallback   = "callback"
)

// Callback is a promised call back (seed: etika bertelepon): a task with
// a due time, done when the officer records the call with the
// stakeholder's data and problem verified and the solution given.
type Callback struct {
	ID                 string
	ConsultationID     string
	ConsultationNumber string
	StakeholderName    string
	SatkerName         string
	OfficerID          string
	Phone              string
	DueAt              time.Time
	Note               string
	DoneAt             time.Time
	DoneBy             string
	VerifiedData       bool
	VerifiedProblem    bool
	Solution           string
}

// CallbackResult is what an officer records after calling back.
type CallbackResult struct {
	CallbackID      string
	VerifiedData    bool
	VerifiedProblem bool
	Solution        string
}

// ConsultationAction moves a consultation to another status. To is the
// new status, or "kembali" for a Kepala Seksi returning an escalation to
// the CSO with a response.
type ConsultationAction struct {
	ID     string
	To     string
	Answer string // dijawab, resolved: the answer (kept when empty on resolved)
	KasiID string // eskalasi: the Kepala Seksi
	Note   string // reason of eskalasi, documents asked, response, closing note
}

// CSOReturn is the action a Kepala Seksi takes to hand an item back.
const CSOReturn = "kembali"

// AnswerSuggestion is an earlier resolved consultation that matches a
// question being typed.
type AnswerSuggestion struct {
	ConsultationID string
	Number         string
	Category       string
	Question       string
	Answer         string
	Snippet        string // the matching words marked with [ ]
	ResolvedAt     time.Time
}

// ConsultationFigures summarises consultations opened in [from, to) (office time).
type ConsultationFigures struct {
	Total      int
	ByChannel  map[string]int
	ByCategory map[string]int
	ByStatus   map[string]int
	Overdue    []Consultation // items (opened any time) awaiting an answer past their follow-up deadline at `to`
	// ResolvedCount counts items resolved (before `to`).
	ResolvedCount int
	// ResolutionWorkMinutes holds, per resolved item, the working minutes
	// (office hours of working days, the office's holiday calendar) from
	// opened to resolved.
	ResolutionWorkMinutes []int
}

// CSOCategories lists the categories in order (inactive ones too).
func (s *Store) CSOCategories(ctx context.Context) ([]CSOCategory, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, name, position, active FROM cso_categories ORDER BY position, name`)
	if err != nil {
		return nil, fmt.Errorf("store: cso categories: %w", err)
	}
	defer rows.Close()
	var out []CSOCategory
	for rows.Next() {
		var c CSOCategory
		if err := rows.Scan(&c.ID, &c.Name, &c.Position, &c.Active); err != nil {
			return nil, fmt.Errorf("store: cso categories: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// SaveCSOCategory adds (empty ID) or renames/orders/deactivates a
// category. Admins only.
func (s *Store) SaveCSOCategory(ctx context.Context, actorID string, c CSOCategory) (CSOCategory, error) {
	c.Name = strings.TrimSpace(c.Name)
	if c.Name == "" {
		return c, refuse("invalid", "Nama kategori wajib diisi.")
	}
	if utf8.RuneCountInString(c.Name) > 60 {
		return c, refuse("invalid", "Nama kategori terlalu panjang (maksimal 60 karakter).")
	}
	err := s.tx(ctx, func(tx *writeTx) error {
		off, err := s.officeIn(ctx, tx)
		if err != nil {
			return err
		}
		if err := requireRole(ctx, tx, actorID, RoleAdmin); err != nil {
			return err
		}
		now := formatTime(s.now())
		if c.ID == "" {
			c.ID = s.newID(off.Code)
			c.Active = true
			if c.Position == 0 {
				if err := tx.QueryRowContext(ctx, `SELECT COALESCE(max(position), 0) + 1 FROM cso_categories`).Scan(&c.Position); err != nil {
					return err
				}
			}
			_, err = tx.ExecContext(ctx, `INSERT INTO cso_categories (id, name, position, active, updated_at) VALUES (?, ?, ?, 1, ?)`,
				c.ID, c.Name, c.Position, now)
		} else {
			var res sql.Result
			res, err = tx.ExecContext(ctx, `UPDATE cso_categories SET name = ?, position = ?, active = ?, updated_at = ? WHERE id = ?`,
				c.Name, c.Position, c.Active, now, c.ID)
			if err == nil {
				if n, _ := res.RowsAffected(); n == 0 {
					return refuse("not_found", "Kategori tidak ditemukan.")
				}
			}
		}
		if isUniqueViolation(err) {
			return refuse("invalid", "Kategori %q sudah ada.", c.Name)
		}
		if err != nil {
			return err
		}
		return s.appendEvent(ctx, tx, &Event{Office: off.Code, Kind: EvCSOCategorySaved, OfficerID: actorID,
			Data: map[string]string{"category": c.ID, "name": c.Name, "active": fmt.Sprint(c.Active)}})
	})
	if err != nil {
		return c, wrap("save cso category", err)
	}
	return c, nil
}

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
		opened := openedAt(c.OpenedAt, now)
		c.OpenedAt, c.ProgressAt, c.UpdatedAt = opened, now, now
		c.Status = CSOBaru
		if c.DueAt, err = sched.Deadline(opened, CSOFollowUpDays, workday.UnitWorkDay); err != nil {
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

// maxFormAge bounds how long before its first save a consultation may
// say it was opened.
const maxFormAge = 12 * time.Hour

// openedAt is when a new consultation opened: the instant the CSO typed
// its first word (sent by the form, so the 20-minute clock does not
// restart at the first save), or now when that is missing, in the future
// or implausibly old.
func openedAt(typed, now time.Time) time.Time {
	if typed.IsZero() || typed.After(now) || now.Sub(typed) > maxFormAge {
		return now
	}
	return typed
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
		off, err := s.officeIn(ctx, tx)
		if err != nil {
			return err
		}
		if err := requireRole(ctx, tx, actorID, RoleCSO); err != nil {
			return err
		}
		cur, err := consultationStateTx(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		if cur.status == CSODitutup {
			return refuse("closed", "Konsultasi %s sudah ditutup dan tidak dapat diubah.", cur.number)
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
		if cur.status == CSOResolved {
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

type consultationState struct {
	number, status, category, answer, escalatedTo, officerID string
}

func consultationStateTx(ctx context.Context, tx *writeTx, id string) (consultationState, error) {
	var st consultationState
	err := tx.QueryRowContext(ctx, `SELECT number, status, category, answer, escalated_to, officer_id FROM consultations WHERE id = ?`, id).
		Scan(&st.number, &st.status, &st.category, &st.answer, &st.escalatedTo, &st.officerID)
	if errors.Is(err, sql.ErrNoRows) {
		return st, refuse("not_found", "Konsultasi tidak ditemukan.")
	}
	return st, err
}

func (s *Store) addNoteTx(ctx context.Context, tx *writeTx, office, consultationID, kind, actorID, body string) (string, error) {
	id := s.newID(office)
	_, err := tx.ExecContext(ctx, `INSERT INTO consultation_notes (id, consultation_id, kind, officer_id, body, created_at)
		VALUES (?, ?, ?, ?, ?, ?)`, id, consultationID, kind, actorID, body, formatTime(s.now()))
	return id, err
}

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
		off, err := s.officeIn(ctx, tx)
		if err != nil {
			return err
		}
		if err := requireRole(ctx, tx, actorID, RoleCSO, RoleKasi); err != nil {
			return err
		}
		cur, err := consultationStateTx(ctx, tx, id)
		if err != nil {
			return err
		}
		if cur.status == CSODitutup {
			return refuse("closed", "Konsultasi %s sudah ditutup.", cur.number)
		}
		if n.ID, err = s.addNoteTx(ctx, tx, off.Code, id, NoteProgress, actorID, body); err != nil {
			return err
		}
		now := s.now()
		n.CreatedAt = now
		if _, err := tx.ExecContext(ctx, `UPDATE consultations SET progress_at = ?, updated_at = ? WHERE id = ?`,
			formatTime(now), formatTime(now), id); err != nil {
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
		off, err := s.officeIn(ctx, tx)
		if err != nil {
			return err
		}
		if err := requireRole(ctx, tx, actorID, RoleCSO); err != nil {
			return err
		}
		cur, err := consultationStateTx(ctx, tx, cb.ConsultationID)
		if err != nil {
			return err
		}
		if !IsOpenCSOStatus(cur.status) {
			return refuse("closed", "Konsultasi %s sudah %s.", cur.number, strings.ToLower(CSOStatusLabel(cur.status)))
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
	// Progress is due once a working day has passed without any (a
	// weekend or holiday does not make an item late).
	now := s.now()
	sched, _ := s.Schedule(ctx)
	progressDue := func(c *Consultation) bool {
		if sched == nil {
			return now.Sub(c.ProgressAt) > 24*time.Hour
		}
		return sched.WorkingDaysBetween(sched.Date(c.ProgressAt), sched.Date(now)) >= 1
	}
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
		awaiting := c.Status == CSOBaru || c.Status == CSOEskalasi || c.Status == CSOMenungguDokumen
		c.Overdue = awaiting && now.After(c.DueAt)
		c.NeedsProgress = awaiting && progressDue(&c)
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

// stopWords are common Indonesian words that say nothing about the
// subject of a question.
var stopWords = map[string]bool{
	"yang": true, "dan": true, "untuk": true, "dengan": true, "bagaimana": true, "apakah": true, "cara": true,
	"ini": true, "itu": true, "ada": true, "tidak": true, "saya": true, "kami": true, "mohon": true, "bisa": true,
	"dari": true, "pada": true, "akan": true, "sudah": true, "belum": true, "atau": true, "kenapa": true,
	"mengapa": true, "apa": true, "bapak": true, "ibu": true, "karena": true, "kalau": true, "jika": true,
	"dalam": true, "oleh": true, "agar": true, "juga": true, "kah": true, "nya": true, "tersebut": true,
}

// ftsQuery turns what the CSO typed into an FTS5 query: each meaningful
// word as a quoted prefix term, any of them matching (bm25 ranks items
// matching more words higher). Empty when nothing meaningful was typed.
func ftsQuery(text string) string {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	seen := map[string]bool{}
	var terms []string
	for _, w := range words {
		if utf8.RuneCountInString(w) < 3 || stopWords[w] || seen[w] {
			continue
		}
		seen[w] = true
		terms = append(terms, `"`+w+`"*`)
		if len(terms) == 12 {
			break
		}
	}
	return strings.Join(terms, " OR ")
}

// SuggestAnswers finds resolved consultations whose question, identification
// or answer match the words of text, best first.
func (s *Store) SuggestAnswers(ctx context.Context, text string, limit int) ([]AnswerSuggestion, error) {
	q := ftsQuery(text)
	if q == "" {
		return nil, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT c.id, c.number, COALESCE(cat.name, c.category), c.question, c.answer,
		snippet(consultation_fts, -1, '[', ']', '…', 10), COALESCE(c.resolved_at, '')
		FROM consultation_fts f JOIN consultations c ON c.id = f.consultation_id
		LEFT JOIN cso_categories cat ON cat.id = c.category
		WHERE consultation_fts MATCH ? ORDER BY bm25(consultation_fts, 0, 3, 1, 2) LIMIT ?`, q, limit)
	if err != nil {
		return nil, fmt.Errorf("store: suggest answers: %w", err)
	}
	defer rows.Close()
	var out []AnswerSuggestion
	for rows.Next() {
		var a AnswerSuggestion
		var at string
		if err := rows.Scan(&a.ConsultationID, &a.Number, &a.Category, &a.Question, &a.Answer, &a.Snippet, &at); err != nil {
			return nil, fmt.Errorf("store: suggest answers: %w", err)
		}
		a.ResolvedAt = parseTime(at)
		out = append(out, a)
	}
	return out, rows.Err()
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
