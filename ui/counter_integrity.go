package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"loket/queue/lifecycle"
	"loket/store"
)

// counterIntegrity is the counter's anti-favouritism controls: calling the
// ticket chosen in the today list instead of the next one, and pausing the
// counter. Both ask for a reason from the lists in queue/lifecycle; the
// store records it with the officer, and the Kepala Seksi reads it on the
// fairness sheet (kasi_fairness.go).
type counterIntegrity struct {
	bCallThis *widget.Button
	bPause    *widget.Button
	paused    bool
}

// otherChoice is the reason list's last entry: the officer writes the
// reason.
const otherChoice = "Lainnya (tulis alasannya)"

func (s *counterScreen) buildIntegrity() {
	s.integ.bCallThis = widget.NewButton("Panggil Nomor Ini", s.onCallChosen)
	s.integ.bCallThis.Disable()
	s.integ.bPause = widget.NewButton("Jeda", s.onPause)
}

// updateIntegrityRow enables "Panggil Nomor Ini" for a waiting ticket of
// the counter's services.
func (s *counterScreen) updateIntegrityRow() {
	if s.integ.bCallThis == nil {
		return
	}
	t, ok := s.selectedTicket()
	setEnabled(s.integ.bCallThis, ok && s.session.ID != "" && t.Status == store.StatusWaiting &&
		slices.Contains(s.session.ServiceIDs, t.ServiceID))
}

func (s *counterScreen) onCallChosen() {
	t, ok := s.selectedTicket()
	if !ok {
		return
	}
	askReason(s.app.win, "Panggil "+t.Code()+" di luar urutan?", "Panggil",
		"Memanggil nomor tertentu di luar urutan antrean tercatat atas nama Anda beserta alasannya.",
		lifecycle.CallReasons, func(reason string) { s.callChosen(t.ID, reason) })
}

// callChosen calls ticket id out of order with reason.
func (s *counterScreen) callChosen(id, reason string) {
	sess := s.session.ID
	s.act(func(ctx context.Context) (store.Ticket, error) {
		return s.app.svc.CallTicket(ctx, sess, id, reason)
	},
		func(t store.Ticket) string {
			s.pauseEnded()
			return fmt.Sprintf("Memanggil %s ke %s di luar urutan (%s).", t.Code(), s.counterLabel(), reason)
		})
}

func (s *counterScreen) onPause() {
	if s.integ.paused {
		s.resumeCounter()
		return
	}
	askReason(s.app.win, "Jeda loket?", "Jeda",
		"Selama dijeda loket tetap terbuka tetapi tidak memanggil. Jeda tercatat atas nama Anda beserta alasannya.",
		lifecycle.PauseReasons, s.pauseCounter)
}

// pauseCounter pauses the counter with reason.
func (s *counterScreen) pauseCounter(reason string) {
	id := s.session.ID
	s.app.run(func(ctx context.Context) error { return s.app.svc.PauseCounter(ctx, id, reason) }, func(err error) {
		if err != nil {
			s.say(errText(err), true)
			return
		}
		s.integ.paused = true
		s.integ.bPause.SetText("Lanjutkan")
		s.integ.bPause.Importance = widget.WarningImportance
		s.integ.bPause.Refresh()
		s.say("Loket dijeda: "+reason+". Tekan Lanjutkan atau F1 untuk melayani lagi.", false)
	})
}

// resumeCounter ends the pause.
func (s *counterScreen) resumeCounter() {
	id := s.session.ID
	s.app.run(func(ctx context.Context) error { return s.app.svc.ResumeCounter(ctx, id) }, func(err error) {
		if err != nil {
			s.say(errText(err), true)
			return
		}
		s.pauseEnded()
		s.say("Loket melayani kembali. Tekan F1 untuk memanggil nomor berikutnya.", false)
	})
}

// pauseEnded shows the counter unpaused: after a resume, or a call (the
// store ends the pause with it).
func (s *counterScreen) pauseEnded() {
	if s.integ.bPause == nil || !s.integ.paused {
		return
	}
	s.integ.paused = false
	s.integ.bPause.SetText("Jeda")
	s.integ.bPause.Importance = widget.MediumImportance
	s.integ.bPause.Refresh()
}

// askReason asks for a reason from reasons, or the officer's own words
// after "Lainnya", and passes it on as the store records it.
func askReason(win fyne.Window, title, confirm, note string, reasons []string, onOK func(string)) {
	choice := widget.NewSelect(append(slices.Clone(reasons), otherChoice), nil)
	choice.PlaceHolder = "Pilih alasan"
	other := widget.NewEntry()
	other.SetPlaceHolder("Tulis alasan bila memilih Lainnya")
	other.Disable()
	choice.OnChanged = func(v string) { setEntryEnabled(other, v == otherChoice) }
	info := widget.NewLabel(note)
	info.Wrapping = fyne.TextWrapWord
	d := dialog.NewForm(title, confirm, "Batal", []*widget.FormItem{
		widget.NewFormItem("", info),
		widget.NewFormItem("Alasan", choice),
		widget.NewFormItem("Keterangan", other),
	}, func(ok bool) {
		if ok {
			onOK(reasonText(choice.Selected, other.Text))
		}
	}, win)
	d.Resize(fyne.NewSize(560, 300))
	d.Show()
}

// reasonText is the reason as the store expects it; the store refuses an
// empty or unlisted one with a sentence the counter shows.
func reasonText(choice, other string) string {
	if choice == otherChoice {
		return lifecycle.OtherPrefix + strings.TrimSpace(other)
	}
	return choice
}

func setEntryEnabled(e *widget.Entry, on bool) {
	if on {
		e.Enable()
	} else {
		e.Disable()
	}
}
