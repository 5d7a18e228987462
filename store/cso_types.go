package store

import (
	"time"

	"loket/consult"
)

// Consultation statuses (Layanan Konsultasi Stakeholder). Open ones are
// baru, dijawab, eskalasi and menunggu_dokumen; resolved and ditutup end
// the follow-up clock. The lifecycle itself is the package consult.
const (
	CSOBaru            = consult.Baru
	CSODijawab         = consult.Dijawab
	CSOEskalasi        = consult.Eskalasi
	CSOMenungguDokumen = consult.MenungguDokumen
	CSOResolved        = consult.Resolved
	CSODitutup         = consult.Ditutup
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
	EvCSOAnswered         = consult.EvAnswered
	EvCSOEscalated        = consult.EvEscalated
	EvCSOReturned         = consult.EvReturned
	EvCSOWaitingDocuments = consult.EvWaitingDocuments
	EvCSOResolved         = consult.EvResolved
	EvCSOClosed           = consult.EvClosed
	EvCSOAutoClosed       = consult.EvAutoClosed
	EvCSONote             = "cso.note"
	EvCSOCallbackSet      = "cso.callback_scheduled"
	EvCSOCallbackDone     = "cso.callback_done"
	EvCSOCategorySaved    = "cso.category_saved"
)

// CSO clocks from the Standar Pelayanan (seed: Layanan Konsultasi
// Stakeholder): 20 minutes per consultation, an answer or confirmation at
// the latest 3 working days after it was raised.
const (
	CSOServiceNorm  = consult.ServiceNorm
	CSOFollowUpDays = consult.FollowUpDays
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
func CSOStatusLabel(s string) string { return consult.StatusLabel(s) }

// CSOStatuses lists every status in workflow order.
func CSOStatuses() []string { return consult.Statuses() }

// IsOpenCSOStatus tells whether a consultation in status s is still open.
func IsOpenCSOStatus(s string) bool { return consult.IsOpen(s) }

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
	NoteProgress   = consult.NoteProgress
	NoteAnswer     = consult.NoteAnswer
	NoteEscalation = consult.NoteEscalation
	NoteKasi       = consult.NoteKasi
	NoteDocuments  = consult.NoteDocuments
	NoteResolved   = consult.NoteResolved
	NoteClosed     = consult.NoteClosed
	NoteCallback   = consult.NoteCallback
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
const CSOReturn = consult.Return

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
