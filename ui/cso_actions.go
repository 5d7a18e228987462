package ui

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"loket/store"
)

// The CSO's actions: each runs its service calls off the UI thread
// (App.run) and applies the answer in fyne.Do. An action started from a
// dialog reports to the dialog (done), which stays open on a refusal.

// persist creates or updates the consultation from the form (worker side),
// resolving the satker typed (a code, or a name from the satker list).
func (s *csoScreen) persist(ctx context.Context, in store.Consultation, satkerText string) (store.Consultation, error) {
	code, err := resolveSatker(ctx, s.app.svc.SearchSatkers, satkerText)
	if err != nil {
		return store.Consultation{}, err
	}
	in.Visitor.SatkerCode = code
	if in.ID == "" {
		return s.app.svc.CreateConsultation(ctx, s.app.officerID(), in)
	}
	if in.Status == store.CSODitutup {
		return in, nil
	}
	return s.app.svc.UpdateConsultation(ctx, s.app.officerID(), in)
}

// input is the form as typed, on top of the open consultation.
func (s *csoScreen) input() (store.Consultation, string) {
	return s.form.input(s.cur, s.categoryID(s.form.category.Selected))
}

func (s *csoScreen) onSave() {
	in, satker := s.input()
	s.do(func(ctx context.Context) (store.Consultation, error) { return s.persist(ctx, in, satker) }, "Konsultasi %s tersimpan.", nil)
}

// act saves the form and then changes the status.
func (s *csoScreen) act(a store.ConsultationAction, done func(error)) {
	in, satker := s.input()
	a.Answer = in.Answer
	msg := map[string]string{
		store.CSODijawab:         "Konsultasi %s dijawab.",
		store.CSOEskalasi:        "Konsultasi %s dieskalasi ke Kepala Seksi.",
		store.CSOMenungguDokumen: "Konsultasi %s menunggu dokumen dari stakeholder.",
		store.CSOResolved:        "Konsultasi %s selesai.",
		store.CSODitutup:         "Konsultasi %s ditutup.",
	}[a.To]
	s.do(func(ctx context.Context) (store.Consultation, error) {
		c, err := s.persist(ctx, in, satker)
		if err != nil {
			return c, err
		}
		a.ID = c.ID
		out, err := s.app.svc.ActOnConsultation(ctx, s.app.officerID(), a)
		if err != nil {
			return c, err // saved, but the action refused
		}
		return out, nil
	}, msg, done)
}

// escalate sends the consultation to a Kepala Seksi with a reason.
func (s *csoScreen) escalate(kasiID, reason string, done func(error)) {
	s.act(store.ConsultationAction{To: store.CSOEskalasi, KasiID: kasiID, Note: reason}, done)
}

// waitDocuments records the supporting documents asked for.
func (s *csoScreen) waitDocuments(what string, done func(error)) {
	s.act(store.ConsultationAction{To: store.CSOMenungguDokumen, Note: what}, done)
}

// closeWith closes the consultation with an optional note.
func (s *csoScreen) closeWith(note string, done func(error)) {
	s.act(store.ConsultationAction{To: store.CSODitutup, Note: note}, done)
}

// do runs work off the UI thread and, as soon as it returns, closes the
// dialog that asked (done) and says so; the consultation is then reloaded
// and shown by a call of its own, so a dialog never waits on the reload
// with its button greyed although the store has the change. A refusal
// goes to done when a dialog asked (it stays open, showing the
// sentence), else to the screen's message line; what was typed stays.
func (s *csoScreen) do(work func(ctx context.Context) (store.Consultation, error), okMsg string, done func(error)) {
	var c store.Consultation
	s.app.call(s.ctx, func(ctx context.Context) error {
		var err error
		c, err = work(ctx)
		return err
	}, func(err error) {
		if s.closed() {
			return
		}
		if err != nil {
			if c.ID != "" && s.cur.ID == "" {
				// The new consultation was saved before the action was
				// refused: the form holds it from now on.
				s.cur.ID, s.form.saved = c.ID, true
				s.reload(c.ID)
			}
			if done != nil {
				done(err)
				return
			}
			s.say(errText(err), true)
			return
		}
		if done != nil {
			done(nil)
		}
		// Until the reload shows it whole, the form knows it is stored
		// (a second Simpan updates, never creates it again).
		if c.ID != "" && (s.cur.ID == "" || s.cur.ID == c.ID) {
			s.cur.ID = c.ID
			if c.Number != "" {
				s.cur.Number, s.cur.Status = c.Number, c.Status
			}
			if s.cur.OpenedAt.IsZero() {
				s.cur.OpenedAt = s.form.begun // the timer keeps running from the first word
			}
			s.form.saved = true
			s.setButtons()
		}
		s.say(fmt.Sprintf(okMsg, firstText(c.Number, s.cur.Number)), false)
		s.reload(c.ID)
	})
}

// reload reads the consultation again and shows it, with the board.
func (s *csoScreen) reload(id string) {
	s.loadConsultation(id, func(c store.Consultation) {
		if s.cur.ID == c.ID { // the officer has not opened or begun another meanwhile
			s.show(c)
		}
		s.refresh()
	})
}

func (s *csoScreen) addNote(body string, done func(error)) {
	id := s.cur.ID
	s.do(func(ctx context.Context) (store.Consultation, error) {
		_, err := s.app.svc.AddConsultationNote(ctx, s.app.officerID(), id, body)
		return store.Consultation{ID: id}, err
	}, "Progres %s tercatat.", done)
}

// promiseCallback records a promised call back due at the given time.
func (s *csoScreen) promiseCallback(due time.Time, phone, note string, done func(error)) {
	id := s.cur.ID
	s.do(func(ctx context.Context) (store.Consultation, error) {
		_, err := s.app.svc.ScheduleCallback(ctx, s.app.officerID(), store.Callback{ConsultationID: id, DueAt: due, Phone: phone, Note: note})
		return store.Consultation{ID: id}, err
	}, "Janji hubungi kembali untuk %s tercatat.", done)
}

// recordCallback closes a call-back task.
func (s *csoScreen) recordCallback(cb store.Callback, verifiedData, verifiedProblem bool, solution string, done func(error)) {
	s.do(func(ctx context.Context) (store.Consultation, error) {
		err := s.app.svc.RecordCallback(ctx, s.app.officerID(), store.CallbackResult{CallbackID: cb.ID,
			VerifiedData: verifiedData, VerifiedProblem: verifiedProblem, Solution: solution})
		return store.Consultation{ID: cb.ConsultationID}, err
	}, "Call back %s tercatat.", done)
}

// saveSettings adds a category (name not empty), flips the active state of
// category toggle (>= 0) and saves the auto-close days.
func (s *csoScreen) saveSettings(newCategory string, toggle int, days string, done func(error)) {
	cats := s.cats
	actor := s.app.officer.ID
	s.app.call(s.ctx, func(ctx context.Context) error {
		n, err := strconv.Atoi(strings.TrimSpace(days))
		if err != nil || n < 1 || n > 30 {
			return &store.Error{Code: "invalid", Message: "Tutup otomatis harus 1 sampai 30 hari kerja."}
		}
		if strings.TrimSpace(newCategory) != "" {
			if _, err := s.app.svc.SaveCSOCategory(ctx, actor, store.CSOCategory{Name: newCategory}); err != nil {
				return err
			}
		}
		if toggle >= 0 && toggle < len(cats) {
			c := cats[toggle]
			c.Active = !c.Active
			if _, err := s.app.svc.SaveCSOCategory(ctx, actor, c); err != nil {
				return err
			}
		}
		return s.app.svc.SaveSetting(ctx, actor, store.SettingCSOAutoCloseDays, strconv.Itoa(n))
	}, func(err error) {
		if s.closed() {
			return
		}
		if err != nil {
			if done != nil {
				done(err)
			} else {
				s.say(errText(err), true)
			}
			return
		}
		s.say("Pengaturan CSO tersimpan.", false)
		s.refresh()
		if done != nil {
			done(nil)
		}
	})
}
