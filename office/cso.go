package office

import (
	"context"
	"time"

	"loket/store"
)

// CSO is the consultation log of the Customer Service Officer and the
// Kepala Seksi's side of it (Layanan Konsultasi Stakeholder). Refusals are
// *store.Error with Indonesian messages; every change is a cso.* event.
type CSO interface {
	// CSOCategories lists the consultation categories (inactive too);
	// SaveCSOCategory adds or edits one (admins only).
	CSOCategories(ctx context.Context) ([]store.CSOCategory, error)
	SaveCSOCategory(ctx context.Context, actorID string, c store.CSOCategory) (store.CSOCategory, error)

	// CreateConsultation logs a new consultation owned by actorID (a CSO);
	// UpdateConsultation saves edits without changing the status.
	CreateConsultation(ctx context.Context, actorID string, c store.Consultation) (store.Consultation, error)
	UpdateConsultation(ctx context.Context, actorID string, c store.Consultation) (store.Consultation, error)
	// ActOnConsultation answers, escalates, asks for documents, resolves,
	// closes, or (a Kepala Seksi) returns an escalation with a response.
	ActOnConsultation(ctx context.Context, actorID string, a store.ConsultationAction) (store.Consultation, error)
	// AddConsultationNote records progress given to the stakeholder.
	AddConsultationNote(ctx context.Context, actorID, id, body string) (store.ConsultationNote, error)
	// Consultation returns one item (by id or number) with its history.
	Consultation(ctx context.Context, id string) (store.Consultation, error)

	// CSOBoard is the CSO screen's data; it first closes answered items
	// left without reply (see AutoCloseConsultations).
	CSOBoard(ctx context.Context) (CSOBoard, error)
	// KasiBoard is what a Kepala Seksi sees: items escalated to them and
	// every overdue item of the office.
	KasiBoard(ctx context.Context, kasiID string) (KasiBoard, error)

	// ScheduleCallback records a promised call back; RecordCallback closes
	// it once made (data and problem verified, solution given).
	ScheduleCallback(ctx context.Context, actorID string, cb store.Callback) (store.Callback, error)
	RecordCallback(ctx context.Context, actorID string, r store.CallbackResult) error

	// SuggestAnswers finds earlier resolved answers for a question as typed.
	SuggestAnswers(ctx context.Context, text string) ([]store.AnswerSuggestion, error)
	// ConsultationFigures summarises consultations opened in [from, to).
	ConsultationFigures(ctx context.Context, from, to time.Time) (store.ConsultationFigures, error)
	// AutoCloseConsultations closes answered items without reply for the
	// office's setting (store.SettingCSOAutoCloseDays) and says how many.
	AutoCloseConsultations(ctx context.Context) (int, error)
}

// CSOBoard is everything the CSO screen shows at once.
type CSOBoard struct {
	// Overdue are open items past their follow-up deadline (shown red, on top).
	Overdue []store.Consultation
	// Open are the other open items, nearest deadline first.
	Open []store.Consultation
	// Callbacks are promised call backs not yet made, earliest first.
	Callbacks []store.Callback
	// Recent are the latest resolved or closed items.
	Recent []store.Consultation
	// AutoClosed is how many items this load closed for lack of reply.
	AutoClosed int
}

// KasiBoard is the Kepala Seksi's view.
type KasiBoard struct {
	Escalated []store.Consultation
	Overdue   []store.Consultation
}

// CSOCategories implements CSO.
func (l *Local) CSOCategories(ctx context.Context) ([]store.CSOCategory, error) {
	return l.st.CSOCategories(ctx)
}

// SaveCSOCategory implements CSO.
func (l *Local) SaveCSOCategory(ctx context.Context, actorID string, c store.CSOCategory) (store.CSOCategory, error) {
	out, err := l.st.SaveCSOCategory(ctx, actorID, c)
	return out, l.notified(err)
}

// CreateConsultation implements CSO.
func (l *Local) CreateConsultation(ctx context.Context, actorID string, c store.Consultation) (store.Consultation, error) {
	c.OfficerID = actorID
	out, err := l.st.CreateConsultation(ctx, c)
	return out, l.notified(err)
}

// UpdateConsultation implements CSO.
func (l *Local) UpdateConsultation(ctx context.Context, actorID string, c store.Consultation) (store.Consultation, error) {
	out, err := l.st.UpdateConsultation(ctx, actorID, c)
	return out, l.notified(err)
}

// ActOnConsultation implements CSO.
func (l *Local) ActOnConsultation(ctx context.Context, actorID string, a store.ConsultationAction) (store.Consultation, error) {
	out, err := l.st.ActOnConsultation(ctx, actorID, a)
	return out, l.notified(err)
}

// AddConsultationNote implements CSO.
func (l *Local) AddConsultationNote(ctx context.Context, actorID, id, body string) (store.ConsultationNote, error) {
	out, err := l.st.AddConsultationNote(ctx, actorID, id, body)
	return out, l.notified(err)
}

// Consultation implements CSO.
func (l *Local) Consultation(ctx context.Context, id string) (store.Consultation, error) {
	c, err := l.st.Consultation(ctx, id)
	if err != nil || c.Visitor.ID == "" {
		return c, err
	}
	return c, l.logView(ctx, ScreenConsultation, []store.AccessSubject{{Kind: store.SubjectConsultation, ID: c.ID, VisitorID: c.Visitor.ID}})
}

// CSOBoard implements CSO.
func (l *Local) CSOBoard(ctx context.Context) (CSOBoard, error) {
	var b CSOBoard
	n, err := l.AutoCloseConsultations(ctx)
	if err != nil {
		return b, err
	}
	b.AutoClosed = n
	open, err := l.st.OpenConsultations(ctx)
	if err != nil {
		return b, err
	}
	for _, c := range open {
		if c.Overdue {
			b.Overdue = append(b.Overdue, c)
		} else {
			b.Open = append(b.Open, c)
		}
	}
	if b.Callbacks, err = l.st.OpenCallbacks(ctx); err != nil {
		return b, err
	}
	if b.Recent, err = l.st.RecentConsultations(ctx, 20); err != nil {
		return b, err
	}
	return b, l.logListView(ctx, ScreenCSOBoard, consultationSubjects(b.Callbacks, b.Overdue, b.Open, b.Recent))
}

// consultationSubjects are the access log subjects of board lists: each
// consultation with its stakeholder, and each call back (the phone it
// shows) under its consultation.
func consultationSubjects(callbacks []store.Callback, lists ...[]store.Consultation) []store.AccessSubject {
	var subs []store.AccessSubject
	visitorOf := map[string]string{}
	for _, list := range lists {
		for _, c := range list {
			visitorOf[c.ID] = c.Visitor.ID
			subs = append(subs, store.AccessSubject{Kind: store.SubjectConsultation, ID: c.ID, VisitorID: c.Visitor.ID})
		}
	}
	for _, cb := range callbacks {
		if _, listed := visitorOf[cb.ConsultationID]; !listed {
			subs = append(subs, store.AccessSubject{Kind: store.SubjectConsultation, ID: cb.ConsultationID})
		}
	}
	return subs
}

// KasiBoard implements CSO. An admin (never an escalation target) sees
// every escalated item, so one can step in for an absent Kepala Seksi.
func (l *Local) KasiBoard(ctx context.Context, kasiID string) (KasiBoard, error) {
	var b KasiBoard
	var err error
	if b.Escalated, err = l.st.EscalatedTo(ctx, kasiID); err != nil {
		return b, err
	}
	admin := false
	if o, err := l.st.Officer(ctx, kasiID); err == nil && o.Role == store.RoleAdmin {
		admin = true
	}
	open, err := l.st.OpenConsultations(ctx)
	if err != nil {
		return b, err
	}
	for _, c := range open {
		if c.Overdue {
			b.Overdue = append(b.Overdue, c)
		}
		if admin && c.Status == store.CSOEskalasi {
			b.Escalated = append(b.Escalated, c)
		}
	}
	return b, l.logListView(ctx, ScreenKasiBoard, consultationSubjects(nil, b.Escalated, b.Overdue))
}

// ScheduleCallback implements CSO.
func (l *Local) ScheduleCallback(ctx context.Context, actorID string, cb store.Callback) (store.Callback, error) {
	out, err := l.st.ScheduleCallback(ctx, actorID, cb)
	return out, l.notified(err)
}

// RecordCallback implements CSO.
func (l *Local) RecordCallback(ctx context.Context, actorID string, r store.CallbackResult) error {
	return l.notified(l.st.RecordCallback(ctx, actorID, r))
}

// SuggestAnswers implements CSO.
func (l *Local) SuggestAnswers(ctx context.Context, text string) ([]store.AnswerSuggestion, error) {
	return l.st.SuggestAnswers(ctx, text, 5)
}

// ConsultationFigures implements CSO.
func (l *Local) ConsultationFigures(ctx context.Context, from, to time.Time) (store.ConsultationFigures, error) {
	return l.st.ConsultationFigures(ctx, from, to)
}

// AutoCloseConsultations implements CSO.
func (l *Local) AutoCloseConsultations(ctx context.Context) (int, error) {
	n, err := l.st.AutoCloseConsultations(ctx)
	if n > 0 {
		l.notify()
	}
	return n, err
}
