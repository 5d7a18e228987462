package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"loket/office"
	"loket/store"
)

// On an empty new form the status actions wait for a question; the
// resolve action reads in Indonesian; the timer's time left counts down
// from the first word, to the second.
func TestCSOActionsWaitForAQuestionAndTheTimerCountsDown(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	h.loginAs("cso1")
	cs := h.app.cso
	if cs.resolveBtn.Text != "Selesai" {
		t.Errorf("resolve button reads %q, want Selesai", cs.resolveBtn.Text)
	}
	status := map[string]*widget.Button{"Jawab": cs.answerBtn, "Selesai": cs.resolveBtn, "Eskalasi": cs.escalateBtn, "Minta dokumen": cs.docsBtn}
	for name, b := range status {
		if !b.Disabled() {
			t.Errorf("%s enabled on an empty new form", name)
		}
	}
	if cs.saveBtn.Disabled() {
		t.Error("Simpan disabled on a new form")
	}
	test.Type(cs.form.question, "Revisi DIPA ditolak")
	for name, b := range status {
		if b.Disabled() {
			t.Errorf("%s still disabled with a question typed", name)
		}
	}
	h.advance(5 * time.Second)
	cs.tick()
	if spent, left := timerParts(t, cs.form.timer.Text); spent < 5*time.Second || spent+left != store.CSOServiceNorm {
		t.Errorf("timer 5 s after the first word %q: time left does not count down", cs.form.timer.Text)
	}
	cs.form.question.SetText("")
	if !cs.answerBtn.Disabled() {
		t.Error("Jawab enabled after the question was cleared")
	}
	cs.form.question.SetText("Revisi DIPA ditolak")
	cs.form.category.SetSelected("SAKTI")
	test.Type(cs.form.name, "Ani")
	h.advance(time.Minute)
	test.Tap(cs.saveBtn)
	if cs.cur.ID == "" {
		t.Fatalf("not saved: %q", cs.message.Text)
	}
	cs.tick()
	if spent, left := timerParts(t, cs.form.timer.Text); spent < time.Minute+5*time.Second || spent+left != store.CSOServiceNorm {
		t.Errorf("timer after Simpan %q", cs.form.timer.Text)
	}
	cs.form.answer.SetText("Ajukan revisi pagu lewat SAKTI modul Penganggaran.")
	test.Tap(cs.resolveBtn)
	if cs.cur.Status != store.CSOResolved || !strings.Contains(cs.form.status.Text, "Selesai") {
		t.Errorf("after Selesai: status %s, shown %q (%q)", cs.cur.Status, cs.form.status.Text, cs.message.Text)
	}
}

// timerParts reads "MM:SS · sisa MM:SS dari 20 menit".
func timerParts(t *testing.T, text string) (spent, left time.Duration) {
	t.Helper()
	var sm, ss, lm, ls int
	if _, err := fmt.Sscanf(text, "%d:%d · sisa %d:%d dari 20 menit", &sm, &ss, &lm, &ls); err != nil {
		t.Fatalf("timer %q: %v", text, err)
	}
	return time.Duration(sm)*time.Minute + time.Duration(ss)*time.Second, time.Duration(lm)*time.Minute + time.Duration(ls)*time.Second
}

// On a new form Lampiran follows Satker: the room the messages do not
// need is not left between the fields.
func TestCSOFormKeepsTheFieldsTogether(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	h.loginAs("cso1")
	cs := h.app.cso
	relayout(h.app.win, defaultWindow)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject
	gap := func() float32 { return pos(cs.form.attach).Y - (pos(cs.form.satker).Y + cs.form.satker.Size().Height) }
	if g := gap(); g > 3*theme0() {
		t.Errorf("empty form: %.0f px between Satker and Lampiran", g)
	}
	cs.say("Konsultasi KS-KPPN019-2026-00001 tersimpan.", false)
	relayout(h.app.win, defaultWindow)
	if g, need := gap(), cs.message.MinSize().Height; g < need || g > need+4*theme0() {
		t.Errorf("with a message (%.0f px): %.0f px between Satker and Lampiran", need, g)
	}
}

// theme0 is the theme's padding, the unit the gaps are measured in.
func theme0() float32 { return 4 }

// A consultation the Kepala Seksi has answered reads "Dikembalikan Kasi"
// on the CSO's list, the form and the Kepala Seksi's detail, and every
// screen shows it under the same full number with times as HH:MM.
func TestReturnedConsultationReadsTheSameEverywhere(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	c := seedReturned(t, h)
	h.loginAs("cso1")
	cs := h.app.cso
	top, sub := cs.rowText(cs.openItems()[0])
	if !strings.HasPrefix(top, c.Number+" · Dikembalikan Kasi") {
		t.Errorf("list row %q, want the full number %s and the returned status", top, c.Number)
	}
	if !strings.HasPrefix(sub, "tenggat ") || !strings.Contains(sub[:30], ":") || strings.Contains(sub[:30], ".") {
		t.Errorf("list row's deadline %q is not HH:MM", sub)
	}
	cs.open(c.ID)
	if cs.form.number.Text != c.Number || cs.form.status.Text != "· Dikembalikan Kasi" {
		t.Errorf("form: %q %q", cs.form.number.Text, cs.form.status.Text)
	}
	if !strings.Contains(cs.kasiNote.Text, c.Number) {
		t.Errorf("Kasi note names %q", cs.kasiNote.Text)
	}
	h.loginAs("kasi1")
	k := h.app.kasi
	k.open(c.ID)
	if !strings.HasPrefix(k.title.Text, c.Number+" · Dikembalikan Kasi") {
		t.Errorf("Kepala Seksi's detail %q", k.title.Text)
	}
	if strings.Contains(k.detail.Text, ".0") || !strings.Contains(k.detail.Text, "dicatat ") {
		t.Errorf("Kepala Seksi's times %q", k.detail.Text)
	}
	if got := h.app.shortTime(time.Date(2026, 12, 8, 16, 59, 0, 0, time.UTC)); !strings.HasSuffix(got, "23:59") {
		t.Errorf("shortTime %q, want HH:MM", got)
	}
}

// slowReload answers Consultation (the reload after an action) only when
// released: the action itself is at the store already.
type slowReload struct {
	office.Service
	release chan struct{}
}

func (s *slowReload) Consultation(ctx context.Context, id string) (store.Consultation, error) {
	select {
	case <-s.release:
	case <-ctx.Done():
		return store.Consultation{}, ctx.Err()
	}
	return s.Service.Consultation(ctx, id)
}

// The escalation dialog closes as soon as the escalation is stored, not
// after the reload of the consultation that follows.
func TestCSOEscalationDialogClosesWhenTheCallReturns(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	h.loginAs("cso1")
	cs := h.app.cso
	cs.form.category.SetSelected("SAKTI")
	test.Type(cs.form.name, "Ani")
	test.Type(cs.form.question, "Revisi DIPA ditolak")
	slow := &slowReload{Service: h.svc, release: make(chan struct{})}
	u, _ := liveApp(h, slow)
	var fd *formDialog
	u.run(func() {
		test.Tap(cs.escalateBtn)
		fd = cs.dialog
		test.Type(&fd.items[1].Widget.(*textArea).Entry, "Perlu konfirmasi pagu")
		test.Tap(fd.confirm)
	})
	waitUntil(t, "the dialog closes with the reload still out", func() bool {
		var shown bool
		u.run(func() { shown = fd.shown })
		return !shown
	})
	var id string
	u.run(func() { id = cs.cur.ID })
	got, err := h.svc.Consultation(context.Background(), id)
	if err != nil || got.Status != store.CSOEskalasi {
		t.Fatalf("store after the escalation: %v %v", got.Status, err)
	}
	close(slow.release)
	waitUntil(t, "the form shows the escalated item", func() bool {
		var st string
		u.run(func() { st = cs.form.status.Text })
		return strings.Contains(st, "Eskalasi")
	})
	u.run(func() {
		if !cs.escalateBtn.Disabled() || cs.saveBtn.Disabled() {
			t.Errorf("after the escalation: Eskalasi enabled %v, Simpan disabled %v", !cs.escalateBtn.Disabled(), cs.saveBtn.Disabled())
		}
	})
}
