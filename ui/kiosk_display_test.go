package ui

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"loket/office"
	"loket/store"
)

// setUpOffice runs first-run with demo data straight through the service.
func (h *harness) setUpOffice() {
	h.t.Helper()
	if _, err := office.FirstRun(context.Background(), h.svc, office.Setup{Office: office.DemoOffice(),
		AdminUsername: "admin", AdminName: "Admin", AdminPassword: "rahasia1", Demo: true}); err != nil {
		h.t.Fatal(err)
	}
}

// tapService finds the kiosk's big button for a prefix and taps it.
func tapService(t *testing.T, k *kioskScreen, prefix string) {
	t.Helper()
	for i, sv := range k.services {
		if sv.Prefix == prefix {
			stack := k.grid.Objects[i].(*fyne.Container)
			test.Tap(stack.Objects[1].(*widget.Button))
			return
		}
	}
	t.Fatalf("no kiosk button for %s", prefix)
}

func TestKioskIssuesWithPriorityLaneAndSurvivesPrinterFailure(t *testing.T) {
	h := newHarness(t)
	h.setUpOffice()
	var printed []IssuedTicket
	failPrint := true
	h.app.StartKiosk(KioskOptions{Print: func(_ context.Context, it IssuedTicket) error {
		printed = append(printed, it)
		if failPrint {
			return errors.New("printer mati")
		}
		return nil
	}})
	k := h.app.kiosk
	if len(k.services) != 4 || len(k.grid.Objects) != 4 {
		t.Fatalf("kiosk shows %d services", len(k.grid.Objects))
	}
	h.issue("A", "") // someone before us
	k.priority = store.PriorityLansia
	tapService(t, k, "A")
	if k.resNumber.Text != "A002" || !strings.Contains(k.resService.Text, "Lansia") {
		t.Fatalf("result %q %q", k.resNumber.Text, k.resService.Text)
	}
	if !strings.Contains(k.resAhead.Text, "Tidak ada antrean di depan") {
		t.Fatalf("priority ticket should wait behind no normal ticket: %q", k.resAhead.Text)
	}
	if !strings.Contains(k.resPrint.Text, "tidak dapat dicetak") || !strings.Contains(k.resPrint.Text, "A002") {
		t.Fatalf("print failure message %q", k.resPrint.Text)
	}
	today, _ := h.svc.TicketsToday(context.Background())
	if len(today) != 2 || len(printed) != 1 {
		t.Fatalf("%d tickets stored, %d print attempts", len(today), len(printed))
	}
	// Lane resets; a normal ticket now has people ahead.
	k.showChoice()
	failPrint = false
	tapService(t, k, "A")
	if k.resNumber.Text != "A003" || !strings.Contains(k.resAhead.Text, "2 orang") || !strings.Contains(k.resAhead.Text, "menit") {
		t.Fatalf("second ticket %q %q", k.resNumber.Text, k.resAhead.Text)
	}
	if !strings.Contains(k.resPrint.Text, "ambil tiket") {
		t.Fatalf("print ok message %q", k.resPrint.Text)
	}
}

func TestKioskRefusesWhenClosedOrCapped(t *testing.T) {
	h := newHarness(t)
	h.setUpOffice()
	open := false
	h.app.StartKiosk(KioskOptions{Open: func(time.Time) (bool, string) {
		return open, "Layanan antrean buka Senin-Jumat pukul 08.00-16.00 WIB."
	}})
	k := h.app.kiosk
	// Closed: the visitor reads why at once, and there is nothing to
	// touch that would take a number.
	if !strings.Contains(texts(k.root), "buka Senin-Jumat") || strings.Contains(texts(k.root), "Konsultasi Stakeholder") {
		t.Fatalf("closed kiosk shows %q", texts(k.root))
	}
	open = true
	k.checkOpen()
	if txt := texts(k.root); strings.Contains(txt, "buka Senin-Jumat") || !strings.Contains(txt, "Konsultasi Stakeholder") {
		t.Fatalf("kiosk after opening time shows %q", txt)
	}
	// Closing between two checks: the tap is refused, nothing is issued.
	open = false
	tapService(t, k, "A")
	if !strings.Contains(texts(k.root), "buka Senin-Jumat") {
		t.Fatalf("closed between checks, kiosk shows %q", texts(k.root))
	}
	open = true
	k.checkOpen()
	svcs, _ := h.svc.Services(context.Background())
	admin, _ := h.svc.Login(context.Background(), "admin", "rahasia1")
	b := svcs[1]
	b.DailyCap = 1
	if _, err := h.svc.SaveService(context.Background(), admin.ID, b); err != nil {
		t.Fatal(err)
	}
	tapService(t, k, "B")
	k.showChoice()
	tapService(t, k, "B")
	if !strings.Contains(k.notice.Text, "Kuota") {
		t.Fatalf("cap notice %q", k.notice.Text)
	}
	today, _ := h.svc.TicketsToday(context.Background())
	if len(today) != 1 {
		t.Fatalf("%d tickets issued", len(today))
	}
	k.exit("fo1", office.DemoPassword)
	if !strings.Contains(k.notice.Text, "Hanya admin") {
		t.Fatalf("non-admin exit: %q", k.notice.Text)
	}
}

type fakeAnnouncer struct {
	mu    sync.Mutex
	calls []string
}

func (f *fakeAnnouncer) Announce(ticket, counter string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, ticket+"@"+counter)
	return nil
}

func TestDisplayShowsCallsAnnouncesAndNoNames(t *testing.T) {
	h := newHarness(t)
	h.setUpOffice()
	ann := &fakeAnnouncer{}
	h.app.StartDisplay(DisplayOptions{Announcer: ann})
	d := h.app.display
	ctx := context.Background()
	ch, err := h.svc.Subscribe(ctx, -1)
	if err != nil {
		t.Fatal(err)
	}
	tk := h.issue("A", "")
	offs, _ := h.svc.Officers(ctx)
	ctrs, _ := h.svc.Counters(ctx)
	svcs, _ := h.svc.Services(ctx)
	var fo store.Officer
	for _, o := range offs {
		if o.Username == "fo1" {
			fo = o
		}
	}
	sess, err := h.svc.OpenCounter(ctx, fo.ID, ctrs[1].ID, []string{svcs[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.svc.CallNext(ctx, sess.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := h.svc.Recall(ctx, sess.ID, tk.ID); err != nil {
		t.Fatal(err)
	}
	seen := 0
	for seen < 2 {
		select {
		case e := <-ch:
			d.onEvent(e)
			if e.Kind == store.EvTicketCalled || e.Kind == store.EvTicketRecalled {
				seen++
			}
		case <-time.After(5 * time.Second):
			t.Fatal("no call event")
		}
	}
	if d.number.Text != "A001" || d.counter.Text != "LOKET 2" {
		t.Fatalf("board shows %q %q", d.number.Text, d.counter.Text)
	}
	if got := strings.Join(ann.calls, ","); got != "A001@2,A001@2" {
		t.Fatalf("announced %q", got)
	}
	if d.waiting[svcs[0].ID] != 0 {
		t.Fatalf("waiting count not refreshed: %v", d.waiting)
	}
	// Nothing personal on the public screen: no officer name anywhere.
	var texts []string
	walk(h.app.win.Canvas().Content(), func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *canvas.Text:
			texts = append(texts, x.Text)
		case *widget.Label:
			texts = append(texts, x.Text)
		}
	})
	all := strings.Join(texts, "|")
	for _, o := range offs {
		if strings.Contains(all, o.FullName) {
			t.Fatalf("officer name %q on the public display", o.FullName)
		}
	}
	if !strings.Contains(all, "A001") {
		t.Fatalf("walk found no call text: %q", all)
	}
}

func walk(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	f(o)
	if c, ok := o.(*fyne.Container); ok {
		for _, ch := range c.Objects {
			walk(ch, f)
		}
	}
}

// The board fits the common 1366x768 television as well as 1080p: the
// waiting counts stay on screen and the number grows with the room.
func TestDisplayFitsSmallAndLargeScreens(t *testing.T) {
	h := newHarness(t)
	h.setUpOffice()
	h.app.StartDisplay(DisplayOptions{})
	d := h.app.display
	if !strings.Contains(texts(d.recent), "Belum ada panggilan sebelumnya") {
		t.Errorf("empty recent calls: %q", texts(d.recent))
	}
	for _, c := range []struct {
		w, h     float32
		min, max float32
	}{{1366, 768, 150, 230}, {1920, 1080, 300, 320}} {
		h.app.win.Resize(fyne.NewSize(c.w, c.h))
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(d.waitingBox)
		if bottom := pos.Y + d.waitingBox.Size().Height; d.waitingBox.Size().Height < 60 || bottom > c.h {
			t.Errorf("%vx%v: waiting counts at %v, %v high, beyond the screen", c.w, c.h, pos.Y, d.waitingBox.Size().Height)
		}
		if n := d.number.TextSize; n < c.min || n > c.max {
			t.Errorf("%vx%v: number at %v pt, want %v-%v", c.w, c.h, n, c.min, c.max)
		}
	}
}
