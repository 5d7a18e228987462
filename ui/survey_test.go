package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"loket/office"
	"loket/store"
)

// buttons lists the buttons under o in drawing order.
func buttons(o fyne.CanvasObject) []*widget.Button {
	var out []*widget.Button
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Button:
			out = append(out, v)
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

// texts collects the label and canvas texts under o, inside containers,
// cards, scrolls, splits and tabs.
func texts(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Label:
			b.WriteString(v.Text + "\n")
		case *canvas.Text:
			b.WriteString(v.Text + "\n")
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		case *widget.Card:
			walk(v.Content)
		case *container.Scroll:
			walk(v.Content)
		case *container.Split:
			walk(v.Leading)
			walk(v.Trailing)
		case *container.AppTabs:
			for _, it := range v.Items {
				walk(it.Content)
			}
		}
	}
	walk(o)
	return b.String()
}

// serveAt opens a counter for fo1, serves one ticket of prefix A to the end
// and returns it with the ticket.done event the counter wrote.
func (h *harness) serveAt(counter store.Counter, sess *store.CounterSession) (store.Ticket, store.Event) {
	h.t.Helper()
	ctx := context.Background()
	tk := h.issue("A", "")
	if _, err := h.svc.CallNext(ctx, sess.ID); err != nil {
		h.t.Fatal(err)
	}
	if _, err := h.svc.Finish(ctx, sess.ID, tk.ID); err != nil {
		h.t.Fatal(err)
	}
	evs, _ := h.svc.Store().EventsAfter(ctx, 0, 100000)
	for i := len(evs) - 1; i >= 0; i-- {
		if evs[i].Kind == store.EvTicketDone && evs[i].TicketID == tk.ID {
			return tk, evs[i]
		}
	}
	h.t.Fatal("no ticket.done event")
	return tk, store.Event{}
}

func TestSurveyTabletRatesTheTicketJustFinished(t *testing.T) {
	h := newHarness(t)
	h.setUpOffice()
	ctx := context.Background()
	ctrs, _ := h.svc.Counters(ctx)
	svcs, _ := h.svc.Services(ctx)
	offs, _ := h.svc.Officers(ctx)
	var fo1 store.Officer
	for _, o := range offs {
		if o.Username == "fo1" {
			fo1 = o
		}
	}
	sess, err := h.svc.OpenCounter(ctx, fo1.ID, ctrs[1].ID, []string{svcs[0].ID})
	if err != nil {
		t.Fatal(err)
	}

	// A new tablet asks for its counter and remembers it.
	s := h.app.startSurvey(SurveyOptions{})
	if !strings.Contains(texts(s.root), "dipasang di loket mana") {
		t.Fatalf("no counter choice: %s", texts(s.root))
	}
	test.Tap(buttons(s.root)[1]) // the second counter
	if s.counter.ID != ctrs[1].ID || h.app.fa.Preferences().String(prefSurveyCounter) != ctrs[1].ID {
		t.Fatalf("linked to %q", s.counter.ID)
	}
	if !strings.Contains(texts(s.root), "tidak dapat dilihat oleh petugas") {
		t.Errorf("rest page: %s", texts(s.root))
	}

	tk, done := h.serveAt(ctrs[1], &sess)
	other := done
	other.CounterID = ctrs[0].ID
	s.onEvent(other)
	if s.ticketID != "" {
		t.Fatal("survey started for another counter's ticket")
	}
	s.onEvent(done)
	if s.ticketID != tk.ID || !strings.Contains(texts(s.root), "Nomor antrean "+tk.Code()+" · Pertanyaan 1 dari 22") ||
		!strings.Contains(texts(s.root), "Sangat sesuai") {
		t.Fatalf("first question: %s", texts(s.root))
	}
	face := func(v int) { test.Tap(buttons(s.root)[v-1]) }
	face(4)                      // U1
	face(3)                      // U2
	test.Tap(buttons(s.root)[4]) // Kembali: U2 again
	if s.step != 1 || !strings.Contains(texts(s.root), "Pertanyaan 2 dari 22") {
		t.Fatalf("back: step %d", s.step)
	}
	face(4)                      // U2
	face(2)                      // U3
	test.Tap(buttons(s.root)[5]) // Lewati U4 (fee)
	for range 5 {
		face(4)
	}
	// Then the Zona Integritas statements (survey_zi.go): IPK, then IPAK.
	if !strings.Contains(texts(s.root), "Pertanyaan 10 dari 22 · Survei Persepsi Kualitas Pelayanan") ||
		!strings.Contains(texts(s.root), "Sangat setuju") {
		t.Fatalf("first IPK statement: %s", texts(s.root))
	}
	h.app.win.Resize(fyne.NewSize(1280, 800))
	look(t, h.app.win, "survey_ipk.png")
	for range 8 {
		face(3)
	}
	if !strings.Contains(texts(s.root), "Survei Persepsi Anti Korupsi") || !strings.Contains(texts(s.root), "Tanpa diskriminasi") {
		t.Fatalf("first IPAK statement: %s", texts(s.root))
	}
	test.Tap(buttons(s.root)[5]) // Lewati A1
	for range 4 {
		face(4)
	}
	if !strings.Contains(texts(s.root), "Saran dan masukan") {
		t.Fatalf("comment page: %s", texts(s.root))
	}
	test.Type(s.comment, "Petugas ramah, antrean pagi panjang")
	test.Tap(buttons(s.root)[0]) // Kirim penilaian
	if s.sent != 1 || !strings.Contains(texts(s.root), "Terima kasih!") {
		t.Fatalf("not sent: %s", texts(s.root))
	}
	want := [9]int{4, 4, 2, 0, 4, 4, 4, 4, 4}
	got, err := h.svc.Store().SurveyAnswersBetween(ctx, time.Time{}, time.Now().Add(100*24*time.Hour))
	if err != nil || len(got) != 1 || got[0].Scores != want || got[0].OfficerID != fo1.ID || got[0].CounterID != ctrs[1].ID ||
		got[0].Comment != "Petugas ramah, antrean pagi panjang" || got[0].IPK != [8]int{3, 3, 3, 3, 3, 3, 3, 3} ||
		got[0].IPAK != [5]int{0, 4, 4, 4, 4} {
		t.Fatalf("stored %+v %v", got, err)
	}

	// The same ticket again (a replayed event): refused kindly.
	s.onEvent(done)
	face(1)
	s.onIdle()
	if s.sent != 1 || !strings.Contains(texts(s.root), "sudah dinilai") {
		t.Errorf("second rating: %s", texts(s.root))
	}

	// A visitor who walks away after two answers: those two are kept.
	_, done2 := h.serveAt(ctrs[1], &sess)
	s.onEvent(done2)
	face(3)
	face(3)
	s.onIdle()
	if s.sent != 2 || s.lastSent.Answered() != 2 {
		t.Errorf("partial survey: sent %d, %+v", s.sent, s.lastSent)
	}

	// Only an admin moves the screen to another counter.
	s.exit("fo1", office.DemoPassword, true)
	if s.counter.ID != ctrs[1].ID || !strings.Contains(s.status.Text, "Hanya admin") {
		t.Errorf("front office relinked the screen: %q", s.status.Text)
	}
	s.exit("admin", "salah", true)
	if s.counter.ID != ctrs[1].ID {
		t.Error("wrong password relinked the screen")
	}
	s.exit("admin", "rahasia1", true)
	if s.counter.ID != "" || h.app.fa.Preferences().String(prefSurveyCounter) != "" ||
		!strings.Contains(texts(s.root), "dipasang di loket mana") {
		t.Errorf("admin relink: %q", s.counter.ID)
	}
}
