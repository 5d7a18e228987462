package ui

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"loket/office"
	"loket/store"
)

// relayout lays the whole window out again at size (a resize to the same
// size would not reach the containers whose content changed).
func relayout(w fyne.Window, size fyne.Size) {
	w.Resize(size.AddWidthHeight(1, 1))
	w.Resize(size)
}

// parentsOf is the chain of containers from root down to o (nil if o is
// not in the tree).
func parentsOf(root, o fyne.CanvasObject) []fyne.CanvasObject {
	if root == o {
		return []fyne.CanvasObject{root}
	}
	var kids []fyne.CanvasObject
	switch v := root.(type) {
	case *fyne.Container:
		kids = v.Objects
	case *container.AppTabs:
		if sel := v.Selected(); sel != nil {
			kids = []fyne.CanvasObject{sel.Content}
		}
	case *container.Split:
		kids = []fyne.CanvasObject{v.Leading, v.Trailing}
	case *container.Scroll:
		kids = []fyne.CanvasObject{v.Content}
	case *widget.Form:
		for _, it := range v.Items {
			kids = append(kids, it.Widget)
		}
	}
	for _, k := range kids {
		if chain := parentsOf(k, o); chain != nil {
			return append([]fyne.CanvasObject{root}, chain...)
		}
	}
	return nil
}

// seedReturned makes a consultation escalated by cso1 and returned by
// kasi1 with a long response, as the Kepala Seksi writes them.
func seedReturned(t *testing.T, h *harness) store.Consultation {
	t.Helper()
	ctx := context.Background()
	offs, _ := h.svc.Officers(ctx)
	ids := map[string]string{}
	for _, o := range offs {
		ids[o.Username] = o.ID
	}
	c, err := h.svc.CreateConsultation(ctx, ids["cso1"], store.Consultation{Channel: store.ChannelTatapMuka, Category: "sakti",
		Visitor:  store.Visitor{Name: "Ani Lestari", SatkerCode: "999001"},
		Question: "User SAKTI terkunci setelah pergantian operator; bagaimana prosedur reset dan dokumen apa yang diperlukan?"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.svc.ActOnConsultation(ctx, ids["cso1"], store.ConsultationAction{ID: c.ID, To: store.CSOEskalasi,
		KasiID: ids["kasi1"], Note: "Perlu konfirmasi apakah reset bisa tanpa surat kuasa KPA"}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.svc.ActOnConsultation(ctx, ids["kasi1"], store.ConsultationAction{ID: c.ID, To: store.CSOReturn,
		Note: "Reset boleh dilakukan setelah satker mengirim surat permohonan yang ditandatangani KPA; minta juga tangkapan " +
			"layar pesan galat dan nomor NIP operator lama serta operator baru agar Seksi MSKI dapat memverifikasi sebelum akun dibuka kembali."}); err != nil {
		t.Fatal(err)
	}
	return c
}

// On the counter monitor (1366x768; the window opens at 1280x680 and the
// calendar banner is showing) the CSO sees the list and the whole form side
// by side, question and answer at least six lines each, nothing of the
// form in a scroll, and the Kepala Seksi's response whole; no state makes
// the window need more than the screen.
func TestCSOScreenFitsTheCounterMonitor(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	id := seedReturned(t, h).ID
	h.loginAs("cso1")
	cs := h.app.cso
	w := h.app.win
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject
	for _, size := range []fyne.Size{defaultWindow, fyne.NewSize(1366, 698)} {
		check := func(state string) {
			t.Helper()
			relayout(w, size)
			if min := w.Content().MinSize(); min.Width > size.Width || min.Height > size.Height {
				t.Errorf("%v, %s: window needs %.0fx%.0f", size, state, min.Width, min.Height)
			}
			for name, e := range map[string]*widget.Entry{"pertanyaan": &cs.form.question.Entry, "jawaban": &cs.form.answer.Entry} {
				if n := visibleLines(e); n < textRows {
					t.Errorf("%v, %s: %s shows %d lines (%.0f px high), want at least %d", size, state, name, n, e.Size().Height, textRows)
				}
			}
			for _, o := range []fyne.CanvasObject{cs.form.channel, cs.form.satker, cs.form.question, cs.form.answer, cs.form.lapor, cs.saveBtn, cs.historyBtn} {
				chain := parentsOf(w.Content(), o)
				if chain == nil {
					t.Fatalf("%s: %T not in the window", state, o)
				}
				for _, p := range chain {
					if _, ok := p.(*container.Scroll); ok {
						t.Errorf("%v, %s: %T sits in a scroll", size, state, o)
					}
				}
				if p, s := pos(o), o.Size(); p.Y+s.Height > size.Height || p.X+s.Width > size.Width || !o.Visible() {
					t.Errorf("%v, %s: %T at %v size %v is off the window", size, state, o, p, s)
				}
			}
			lp, qp := pos(cs.openList), pos(cs.form.question)
			if lp.X+cs.openList.Size().Width > qp.X || lp.Y > qp.Y+cs.form.question.Size().Height {
				t.Errorf("%v, %s: list at %v and question at %v are not side by side", size, state, lp, qp)
			}
		}
		test.Tap(cs.newBtn)
		check("new form")
		test.Type(cs.form.satker, "ABC123XYZ!!")
		test.Tap(cs.saveBtn)
		if cs.message.Text == "" || !cs.form.satkerName.Visible() {
			t.Fatalf("refusal not shown: %q", cs.message.Text)
		}
		check("satker refused")
		cs.open(id)
		if !cs.kasiBox.Visible() || !strings.Contains(cs.kasiNote.Text, "dibuka kembali") {
			t.Fatalf("Kasi response not shown: %q", cs.kasiNote.Text)
		}
		check("returned by the Kepala Seksi")
		// The response is whole: its box is as tall as the wrapped text.
		if need, got := cs.kasiNote.MinSize().Height, cs.kasiNote.Size().Height; got < need || need < 3*20 {
			t.Errorf("%v: Kasi response needs %.0f px, shown in %.0f", size, need, got)
		}
		if box := parentsOf(w.Content(), cs.kasiNote); box[len(box)-2].Size().Height < cs.kasiNote.MinSize().Height {
			t.Errorf("%v: Kasi response clipped to %.0f of %.0f px", size, box[len(box)-2].Size().Height, cs.kasiNote.MinSize().Height)
		}
	}
}

// The 20-minute clock starts with the first word and keeps running through
// Simpan (and a reopening) until the answer, which is timed from that word.
func TestCSOTimerRunsFromTheFirstWordUntilAnswered(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	h.loginAs("cso1")
	cs := h.app.cso
	if !strings.Contains(cs.form.timer.Text, "norma 20 menit") {
		t.Fatalf("timer before typing %q", cs.form.timer.Text)
	}
	test.Type(cs.form.question, "Cara membuat ADK SPM gaji susulan")
	begun := cs.form.begun
	if begun.IsZero() || !strings.Contains(cs.form.timer.Text, "00:0") {
		t.Fatalf("clock not started by the first word: %q", cs.form.timer.Text)
	}
	cs.form.category.SetSelected("Gaji")
	test.Type(cs.form.name, "Rudi")
	h.advance(7 * time.Minute)
	test.Tap(cs.saveBtn)
	if cs.cur.ID == "" {
		t.Fatalf("not saved: %q", cs.message.Text)
	}
	if !cs.cur.OpenedAt.Equal(begun) || !strings.HasPrefix(cs.form.timer.Text, "07:") {
		t.Fatalf("clock restarted by Simpan: opened %v, first word %v, timer %q", cs.cur.OpenedAt, begun, cs.form.timer.Text)
	}
	id := cs.cur.ID
	test.Tap(cs.newBtn)
	h.advance(5 * time.Minute)
	cs.open(id)
	if !strings.HasPrefix(cs.form.timer.Text, "12:") {
		t.Fatalf("reopened item's clock %q, want 12 minutes since the first word", cs.form.timer.Text)
	}
	cs.form.answer.SetText("Gunakan menu SPM Gaji Susulan di SAKTI modul Pembayaran.")
	test.Tap(cs.answerBtn)
	if cs.cur.Status != store.CSODijawab || !strings.Contains(cs.form.timer.Text, "dijawab dalam ± 12 menit") {
		t.Fatalf("answered: %s, timer %q", cs.cur.Status, cs.form.timer.Text)
	}
	h.advance(30 * time.Minute)
	cs.tick()
	if !strings.Contains(cs.form.timer.Text, "dijawab dalam ± 12 menit") {
		t.Fatalf("clock kept running after the answer: %q", cs.form.timer.Text)
	}
}

// A dialog keeps what was typed when its action is refused and says why
// inside itself; it closes when the action succeeds.
func TestCSODialogsKeepTheirTextOnARefusal(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	h.loginAs("cso1")
	cs := h.app.cso
	overlay := func() fyne.CanvasObject { return h.app.win.Canvas().Overlays().Top() }
	cs.form.category.SetSelected("SAKTI")
	test.Type(cs.form.name, "Ani")
	test.Type(cs.form.question, "User SAKTI terkunci")

	test.Tap(cs.escalateBtn)
	fd := cs.dialog
	if fd == nil || overlay() == nil {
		t.Fatal("escalation dialog not shown")
	}
	reason := &fd.items[1].Widget.(*textArea).Entry
	test.Type(reason, "   ")
	test.Tap(fd.confirm)
	if !fd.shown || overlay() == nil || reason.Text != "   " {
		t.Fatalf("refused escalation closed the dialog (shown %v) or lost the text %q", fd.shown, reason.Text)
	}
	if !fd.message.Visible() || !strings.Contains(fd.message.Text, "alasan") {
		t.Fatalf("no reason given inside the dialog: %q", fd.message.Text)
	}
	if fd.confirm.Disabled() {
		t.Fatal("confirm left disabled after the refusal")
	}
	test.Type(reason, "Perlu konfirmasi Seksi MSKI")
	test.Tap(fd.confirm)
	if fd.shown || overlay() != nil || cs.cur.Status != store.CSOEskalasi {
		t.Fatalf("accepted escalation: shown %v, status %s, %q", fd.shown, cs.cur.Status, fd.message.Text)
	}

	// The history opens over the screen, the escalation in it.
	test.Tap(cs.historyBtn)
	if overlay() == nil || !strings.Contains(cs.history.Text, "Eskalasi") || cs.historyBtn.Text != "Riwayat (1)" {
		t.Fatalf("history: %q (%q)", cs.history.Text, cs.historyBtn.Text)
	}
	h.app.win.Canvas().Overlays().Remove(overlay())

	// A time that cannot be read: the dialog stays with all three fields.
	cs.onCallbackPromise()
	fd = cs.dialog
	when, phone, note := fd.items[0].Widget.(*widget.Entry), fd.items[1].Widget.(*widget.Entry), fd.items[2].Widget.(*widget.Entry)
	when.SetText("besok jam dua")
	phone.SetText("081299990000")
	test.Type(note, "Kabari hasil reset")
	test.Tap(fd.confirm)
	if !fd.shown || when.Text != "besok jam dua" || phone.Text != "081299990000" || note.Text != "Kabari hasil reset" ||
		!strings.Contains(fd.message.Text, "Waktu tidak dapat dibaca") {
		t.Fatalf("callback dialog after a bad time: shown %v, %q %q %q, message %q", fd.shown, when.Text, phone.Text, note.Text, fd.message.Text)
	}
	when.SetText("2026-11-23 14:30")
	test.Tap(fd.confirm)
	if fd.shown || len(cs.board.Callbacks) != 1 {
		t.Fatalf("callback not recorded: %q", fd.message.Text)
	}
}

// Satker text that is neither a 6-digit code nor a satker's name is said
// to be unusable as it is typed and refused at Simpan, and stays in the
// field; a name with one match is saved as its code.
func TestCSOSatkerInputNeverVanishes(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	h.loginAs("cso1")
	cs := h.app.cso
	cs.form.category.SetSelected("SAKTI")
	test.Type(cs.form.name, "Ani")
	test.Type(cs.form.question, "Cara reset user SAKTI")
	for _, c := range []struct{ typed, hint string }{
		{"12345", "6 digit"},
		{"ABC123XYZ!!", "Tidak ada satker bernama"},
	} {
		cs.form.satker.SetText("")
		test.Type(cs.form.satker, c.typed)
		if !strings.Contains(cs.form.satkerName.Text, c.hint) || !cs.form.satkerName.Visible() {
			t.Fatalf("%q: hint %q", c.typed, cs.form.satkerName.Text)
		}
		test.Tap(cs.saveBtn)
		if cs.cur.ID != "" || cs.form.satker.Text != c.typed || cs.message.Importance != widget.DangerImportance ||
			!strings.Contains(cs.message.Text, "atker") {
			t.Fatalf("%q: saved %q, field %q, message %q", c.typed, cs.cur.ID, cs.form.satker.Text, cs.message.Text)
		}
	}
	if !strings.Contains(cs.message.Text, "tidak dikenal") {
		t.Fatalf("message %q", cs.message.Text)
	}
	cs.form.satker.SetText("Sekretariat Jenderal")
	test.Tap(cs.saveBtn)
	if cs.cur.ID == "" || cs.cur.Visitor.SatkerCode != "409294" || cs.form.satker.Text != "409294" {
		t.Fatalf("name not saved as its code: %q %q (%q)", cs.cur.Visitor.SatkerCode, cs.form.satker.Text, cs.message.Text)
	}
}

// slowSatkers is the office service with a satker search that waits until
// released, like a hub answering slowly.
type slowSatkers struct {
	office.Service
	release chan struct{}
	calls   atomic.Int32
}

func (s *slowSatkers) SearchSatkers(ctx context.Context, q string) ([]store.Satker, error) {
	s.calls.Add(1)
	<-s.release
	return s.Service.SearchSatkers(ctx, q)
}

// The satker look-up waits for a pause in typing and runs off the UI
// thread: typing into the field returns while the search is still
// waiting for the (slow) service, and only the last text is searched.
func TestCSOSatkerLookupIsDebouncedAndOffTheUIThread(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	h.loginAs("cso1")
	cs := h.app.cso
	slow := &slowSatkers{Service: h.svc, release: make(chan struct{})}
	h.app.svc = slow
	var wg sync.WaitGroup
	h.app.Go = func(f func()) {
		wg.Add(1)
		go func() { defer wg.Done(); f() }()
	}
	cs.form.satkerLookup.delay = 200 * time.Millisecond
	// One goroutine plays the UI thread: the typing and what the
	// debouncer and the look-up hand to the UI thread run on it in turn.
	u := startUIThread(t)
	var watchdog atomic.Bool
	guard := time.AfterFunc(10*time.Second, func() { watchdog.Store(true); close(slow.release) })
	u.run(func() { test.Type(cs.form.satker, "Sekretariat") }) // nine look-up-worthy texts in a burst
	if watchdog.Load() {
		t.Fatal("typing waited for the satker search: the look-up runs on the UI thread")
	}
	// The burst's one search starts after the pause.
	for slow.calls.Load() == 0 && !watchdog.Load() {
		time.Sleep(5 * time.Millisecond)
	}
	if guard.Stop() {
		close(slow.release)
	}
	wg.Wait()
	if n := slow.calls.Load(); n != 1 || watchdog.Load() {
		t.Fatalf("%d searches for one burst of typing (watchdog %v)", n, watchdog.Load())
	}
	var hint string
	u.run(func() { hint = cs.form.satkerName.Text })
	if !strings.Contains(hint, "409294") {
		t.Fatalf("hint after the search %q", hint)
	}
}
