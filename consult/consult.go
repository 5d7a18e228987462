// Package consult is the lifecycle of a stakeholder consultation (Layanan
// Konsultasi Stakeholder) as pure functions: which status change a CSO or
// a Kepala Seksi may make from which status, what it writes (answer,
// escalation, response, timestamps), the note that explains it and its
// event; when a consultation opened, its follow-up deadline of three
// working days, when it is overdue, when progress is due and when an
// answered item closes itself. The store applies these inside its
// transactions and keeps only the SQL; nothing here reads a database or a
// clock, so every status × action pair is unit-tested without SQLite.
package consult

import (
	"fmt"
	"strings"
	"time"

	"loket/refusal"
	"loket/workday"
)

// Statuses. Open ones are baru, dijawab, eskalasi and menunggu_dokumen;
// resolved and ditutup end the follow-up clock.
const (
	Baru            = "baru"
	Dijawab         = "dijawab"
	Eskalasi        = "eskalasi"
	MenungguDokumen = "menunggu_dokumen"
	Resolved        = "resolved"
	Ditutup         = "ditutup"
)

// Return is the action of a Kepala Seksi handing an escalated item back to
// the CSO with a response; the item becomes baru again.
const Return = "kembali"

// Statuses lists every status in workflow order.
func Statuses() []string {
	return []string{Baru, Dijawab, Eskalasi, MenungguDokumen, Resolved, Ditutup}
}

// Actions lists every status change an officer can ask for (the target
// statuses and Return), for tests and pickers.
func Actions() []string {
	return []string{Dijawab, Eskalasi, Return, MenungguDokumen, Resolved, Ditutup}
}

// StatusLabel is the Indonesian name of a status.
func StatusLabel(s string) string {
	switch s {
	case Baru:
		return "Baru"
	case Dijawab:
		return "Dijawab"
	case Eskalasi:
		return "Eskalasi"
	case MenungguDokumen:
		return "Menunggu dokumen"
	case Resolved:
		return "Selesai"
	case Ditutup:
		return "Ditutup"
	}
	return s
}

// IsOpen tells whether a consultation in status s is still open.
func IsOpen(s string) bool { return s != Resolved && s != Ditutup }

// Awaiting tells whether a consultation in status s still waits for an
// answer: the follow-up deadline and the progress reminder apply to it.
func Awaiting(s string) bool { return s == Baru || s == Eskalasi || s == MenungguDokumen }

// Event kinds the lifecycle writes.
const (
	EvAnswered         = "cso.answered"
	EvEscalated        = "cso.escalated"
	EvReturned         = "cso.returned"
	EvWaitingDocuments = "cso.waiting_documents"
	EvResolved         = "cso.resolved"
	EvClosed           = "cso.closed"
	EvAutoClosed       = "cso.autoclosed"
)

// Note kinds: each status change writes one note explaining it.
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

// Clocks from the Standar Pelayanan (seed: Layanan Konsultasi
// Stakeholder): 20 minutes per consultation, an answer or confirmation at
// the latest 3 working days after it was raised.
const (
	ServiceNorm  = 20 * time.Minute
	FollowUpDays = 3
)

// MaxFormAge bounds how long before its first save a consultation may say
// it was opened.
const MaxFormAge = 12 * time.Hour

// refuse is the refusal of a step the rules do not allow (*refusal.Error).
var refuse = refusal.New

// forbidden is the refusal of an officer without the role; the same code
// and sentence as the store's ErrForbidden.
var forbidden = &refusal.Error{Code: "forbidden", Message: "Anda tidak memiliki hak untuk tindakan ini."}

// State is the part of a consultation the lifecycle reads and changes. A
// zero time is "none" (NULL in the store).
type State struct {
	Number           string
	Status           string
	Answer           string
	EscalatedTo      string
	EscalationReason string
	KasiResponse     string
	AnsweredAt       time.Time
	ResolvedAt       time.Time
	ClosedAt         time.Time
	ProgressAt       time.Time
	UpdatedAt        time.Time
}

// Actor is who asks for a change, as the store found them: whether they
// may act as a CSO and as a Kepala Seksi (an active officer of that role,
// or an admin), and whether they are an admin.
type Actor struct {
	ID    string
	CSO   bool
	Kasi  bool
	Admin bool
}

// Action is a status change asked for: To is the new status, or Return.
type Action struct {
	To     string
	Answer string // dijawab, resolved: the answer (resolved keeps the old one when empty)
	Note   string // reason of eskalasi, documents asked, response, closing note
	// KasiID is the Kepala Seksi an item is escalated to; KasiOK tells
	// whether the store found an active Kepala Seksi by that id.
	KasiID string
	KasiOK bool
	Actor  Actor
}

// Change is what a transition writes beside the new state: the note that
// explains it and the event that records it.
type Change struct {
	Event    string
	NoteKind string
	Note     string
	// Data are the event's fields (consultation, from, to, kasi); the
	// store adds the consultation and note ids.
	Data map[string]string
	// Reindex tells the store to put the answer into the search index.
	Reindex bool
}

// Apply makes the status change a on s at instant now. It returns the new
// state and what to write, or a refusal (*refusal.Error) and s unchanged.
// Answer, Note and KasiID are taken trimmed.
func Apply(s State, a Action, now time.Time) (State, Change, error) {
	a.Answer, a.Note, a.KasiID = strings.TrimSpace(a.Answer), strings.TrimSpace(a.Note), strings.TrimSpace(a.KasiID)
	if !IsOpen(s.Status) && !(a.To == Ditutup && s.Status == Resolved) {
		return s, Change{}, refuse("closed", "Konsultasi %s sudah %s.", s.Number, strings.ToLower(StatusLabel(s.Status)))
	}
	n := s
	n.Status, n.UpdatedAt, n.ProgressAt = a.To, now, now
	c := Change{Data: map[string]string{"from": s.Status, "to": a.To}}
	asCSO := true
	answered := func() {
		if n.AnsweredAt.IsZero() {
			n.AnsweredAt = now
		}
	}
	switch a.To {
	case Dijawab:
		if a.Answer == "" {
			return s, Change{}, refuse("invalid", "Tulis jawaban/solusi yang diberikan kepada pemangku kepentingan.")
		}
		c.Event, c.NoteKind, c.Note = EvAnswered, NoteAnswer, a.Answer
		n.Answer = a.Answer
		answered()
	case Eskalasi:
		if s.Status == Eskalasi {
			return s, Change{}, refuse("invalid", "Konsultasi %s sudah dieskalasi.", s.Number)
		}
		if a.Note == "" {
			return s, Change{}, refuse("invalid", "Tulis alasan eskalasi kepada Kepala Seksi.")
		}
		if !a.KasiOK || a.KasiID == "" {
			return s, Change{}, refuse("invalid", "Pilih Kepala Seksi yang dituju.")
		}
		c.Event, c.NoteKind, c.Note = EvEscalated, NoteEscalation, a.Note
		n.EscalatedTo, n.EscalationReason, n.KasiResponse = a.KasiID, a.Note, ""
		c.Data["kasi"] = a.KasiID
	case Return:
		if s.Status != Eskalasi {
			return s, Change{}, refuse("invalid", "Konsultasi %s tidak sedang dieskalasi.", s.Number)
		}
		if a.Note == "" {
			return s, Change{}, refuse("invalid", "Tulis tanggapan/arahan untuk CSO.")
		}
		if !a.Actor.Kasi {
			return s, Change{}, forbidden
		}
		if a.Actor.ID != s.EscalatedTo && !a.Actor.Admin {
			return s, Change{}, refuse("forbidden", "Konsultasi ini dieskalasi kepada Kepala Seksi lain.")
		}
		asCSO = false
		c.Event, c.NoteKind, c.Note = EvReturned, NoteKasi, a.Note
		n.Status, n.KasiResponse = Baru, a.Note
		c.Data["to"] = Baru
	case MenungguDokumen:
		if a.Note == "" {
			return s, Change{}, refuse("invalid", "Tulis dokumen pendukung yang diminta dari pemangku kepentingan.")
		}
		c.Event, c.NoteKind, c.Note = EvWaitingDocuments, NoteDocuments, a.Note
	case Resolved:
		ans := a.Answer
		if ans == "" {
			ans = s.Answer
		}
		if ans == "" {
			return s, Change{}, refuse("invalid", "Konsultasi hanya dapat di-resolve dengan jawaban/solusi yang tertulis.")
		}
		c.Event, c.NoteKind, c.Note = EvResolved, NoteResolved, firstNonEmpty(a.Note, "Diselesaikan (resolved).")
		n.Answer, n.ResolvedAt = ans, now
		answered()
		c.Reindex = true
	case Ditutup:
		c.Event, c.NoteKind, c.Note = EvClosed, NoteClosed, firstNonEmpty(a.Note, "Ditutup.")
		n.ClosedAt = now
	default:
		return s, Change{}, refuse("invalid", "Status %q tidak dikenal.", a.To)
	}
	if asCSO && !a.Actor.CSO {
		return s, Change{}, forbidden
	}
	return n, c, nil
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// CanEdit refuses editing the content of a closed consultation.
func CanEdit(s State) error {
	if s.Status == Ditutup {
		return refuse("closed", "Konsultasi %s sudah ditutup dan tidak dapat diubah.", s.Number)
	}
	return nil
}

// Progress records progress given to the stakeholder (or a reply received)
// at now: it restarts the auto-close wait and the daily progress reminder.
// A closed consultation takes no more notes.
func Progress(s State, now time.Time) (State, error) {
	if s.Status == Ditutup {
		return s, refuse("closed", "Konsultasi %s sudah ditutup.", s.Number)
	}
	s.ProgressAt, s.UpdatedAt = now, now
	return s, nil
}

// CanPromiseCallback refuses a call back on a consultation that is no
// longer open.
func CanPromiseCallback(s State) error {
	if !IsOpen(s.Status) {
		return refuse("closed", "Konsultasi %s sudah %s.", s.Number, strings.ToLower(StatusLabel(s.Status)))
	}
	return nil
}

// OpenedAt is when a new consultation opened: the instant the CSO typed
// its first word (sent by the form, so the 20-minute clock does not
// restart at the first save), or now when that is missing, in the future
// or implausibly old (beyond MaxFormAge).
func OpenedAt(typed, now time.Time) time.Time {
	if typed.IsZero() || typed.After(now) || now.Sub(typed) > MaxFormAge {
		return now
	}
	return typed
}

// Due is the follow-up deadline of a consultation opened at opened:
// FollowUpDays working days on the office's schedule.
func Due(sched *workday.Schedule, opened time.Time) (time.Time, error) {
	return sched.Deadline(opened, FollowUpDays, workday.UnitWorkDay)
}

// Overdue tells whether a consultation in status, due at due, waits for
// an answer past its deadline at now.
func Overdue(status string, due, now time.Time) bool { return Awaiting(status) && now.After(due) }

// NeedsProgress tells whether a consultation awaiting an answer owes the
// stakeholder progress at now: a working day has passed since the last
// (a weekend or holiday does not make an item late). Without a schedule a
// day is 24 hours.
func NeedsProgress(status string, progressAt, now time.Time, sched *workday.Schedule) bool {
	if !Awaiting(status) {
		return false
	}
	if sched == nil {
		return now.Sub(progressAt) > 24*time.Hour
	}
	return sched.WorkingDaysBetween(sched.Date(progressAt), sched.Date(now)) >= 1
}

// AutoCloseDue tells whether a consultation in status, last changed at
// updated, has waited days working days for the stakeholder's reply after
// its answer at now, so it closes itself.
func AutoCloseDue(status string, updated, now time.Time, days int, sched *workday.Schedule) bool {
	return status == Dijawab && sched.WorkingDaysBetween(sched.Date(updated), sched.Date(now)) >= days
}

// AutoClose closes an answered consultation that waited days working days
// for a reply: its new state and the note and event that record it.
func AutoClose(s State, days int, now time.Time) (State, Change, error) {
	if s.Status != Dijawab {
		return s, Change{}, refuse("invalid", "Konsultasi %s berstatus %s; hanya yang dijawab dapat ditutup otomatis.", s.Number, strings.ToLower(StatusLabel(s.Status)))
	}
	n := s
	n.Status, n.ClosedAt, n.UpdatedAt = Ditutup, now, now
	return n, Change{Event: EvAutoClosed, NoteKind: NoteClosed,
		Note: fmt.Sprintf("Ditutup otomatis: tidak ada balasan %d hari kerja setelah dijawab.", days),
		Data: map[string]string{"days": fmt.Sprint(days)}}, nil
}
