package ui

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"loket/office"
	"loket/store"
)

func init() { store.BcryptCost = 4 }

type harness struct {
	t   *testing.T
	app *App
	svc *office.Local
	mu  sync.Mutex
	now time.Time
}

// newHarness builds the real app on a real store in a temp dir, with work
// run synchronously and the clock pinned to Monday 23 Nov 2026 09:00 WIB.
func newHarness(t *testing.T) *harness {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "loket.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	h := &harness{t: t, now: time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)}
	st.Now = h.clock
	h.svc = office.NewLocal(st)
	fa := test.NewTempApp(t)
	h.app = New(fa, h.svc)
	h.app.Go = func(f func()) { f() }
	h.app.life.delay = 0 // the busy sign at once: no timer beside the synchronous test
	h.app.Live = false
	h.app.Now = h.clock
	h.app.Start()
	return h
}

func (h *harness) clock() time.Time {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.now = h.now.Add(time.Second)
	return h.now
}

func (h *harness) key(name fyne.KeyName) {
	h.app.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: name})
}

// setUp completes the first-run screen with demo data, as a person would.
func (h *harness) setUp() *firstRunScreen {
	h.t.Helper()
	fr, ok := h.firstRun()
	if !ok {
		h.t.Fatal("first-run screen not shown on a new store")
	}
	d := office.DemoOffice()
	test.Type(fr.code, d.Code)
	test.Type(fr.name, d.Name)
	test.Type(fr.adminName, "Administrator Kantor")
	test.Type(fr.pass1, "rahasia1")
	test.Type(fr.pass2, "rahasia1")
	test.Tap(fr.save)
	return fr
}

func (h *harness) firstRun() (*firstRunScreen, bool) {
	// The first-run screen is the only thing on a new store; find its
	// save button by walking the canvas.
	var found *firstRunScreen
	if h.app.counter == nil && h.app.login == nil {
		found = h.app.firstRunForTest
	}
	return found, found != nil
}

func (h *harness) issue(prefix, prio string) store.Ticket {
	h.t.Helper()
	svcs, _ := h.svc.Services(context.Background())
	for _, sv := range svcs {
		if sv.Prefix == prefix {
			tk, err := h.svc.IssueTicket(context.Background(), sv.ID, prio)
			if err != nil {
				h.t.Fatal(err)
			}
			return tk
		}
	}
	h.t.Fatalf("no service %s", prefix)
	return store.Ticket{}
}

func TestFirstRunRefusesMismatchedPasswords(t *testing.T) {
	h := newHarness(t)
	fr, _ := h.firstRun()
	test.Type(fr.pass1, "rahasia1")
	test.Type(fr.pass2, "rahasia2")
	test.Tap(fr.save)
	if !strings.Contains(fr.message.Text, "tidak sama") {
		t.Fatalf("message %q", fr.message.Text)
	}
	if _, err := h.svc.Office(context.Background()); err == nil {
		t.Fatal("office written despite the refusal")
	}
	test.Type(fr.name, "KPPN Pekanbaru")
	test.Type(fr.adminName, "Administrator Kantor")
	fr.code.SetText("KPPN 019")
	test.Type(fr.pass2, "") // keep
	fr.pass2.SetText("rahasia1")
	test.Tap(fr.save)
	if !strings.Contains(fr.message.Text, "Kode kantor") {
		t.Fatalf("bad code accepted: %q", fr.message.Text)
	}
}

func TestCounterDayAtTheKeyboard(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	c := h.app.counter
	if c == nil {
		t.Fatal("no counter screen after set-up")
	}
	if c.counterSel.Selected != "Loket 1" || len(c.serviceSel.Selected) != 4 {
		t.Fatalf("open panel: %q %v", c.counterSel.Selected, c.serviceSel.Selected)
	}
	test.Tap(c.openBtn)
	if c.session.ID == "" {
		t.Fatalf("counter not opened: %q", c.openMsg.Text)
	}
	// Nothing waiting: a clear sentence, nothing called.
	h.key(fyne.KeyF1)
	if !strings.Contains(c.message.Text, "Tidak ada antrean") || c.number.Text != "—" {
		t.Fatalf("empty queue: %q %q", c.message.Text, c.number.Text)
	}
	a1 := h.issue("A", "")
	h.issue("A", "")
	p := h.issue("B", store.PriorityLansia)
	h.key(fyne.KeyF1) // priority lane first
	if c.number.Text != p.Code() || !strings.Contains(c.serviceName.Text, "Lansia") {
		t.Fatalf("called %q (%q), want %s", c.number.Text, c.serviceName.Text, p.Code())
	}
	if !c.bNext.Disabled() || c.bServe.Disabled() {
		t.Fatal("buttons not following the called state")
	}
	h.key(fyne.KeyF2)
	if !strings.Contains(c.status.Text, "2 kali") {
		t.Fatalf("recall status %q", c.status.Text)
	}
	h.key(fyne.KeyF6)
	if !strings.HasPrefix(c.status.Text, "Dilayani") || c.bNext.Disabled() {
		t.Fatalf("serving status %q", c.status.Text)
	}
	h.key(fyne.KeyF5)
	if c.number.Text != "—" || !strings.Contains(c.message.Text, "selesai") {
		t.Fatalf("after finish: %q %q", c.number.Text, c.message.Text)
	}
	h.key(fyne.KeyF5) // nothing to finish
	if !strings.Contains(c.message.Text, "Belum ada nomor") {
		t.Fatalf("double finish: %q", c.message.Text)
	}
	h.key(fyne.KeyF1)
	if c.number.Text != a1.Code() {
		t.Fatalf("second call %q want %s", c.number.Text, a1.Code())
	}
	h.key(fyne.KeyF3) // visitor not there
	if c.number.Text != "—" {
		t.Fatalf("after skip %q", c.number.Text)
	}
	// Waiting panel and today's list follow.
	if got := c.waitingSummary(); got != "A:1 B:0 C:0 D:0" {
		t.Fatalf("waiting %q", got)
	}
	if n, _ := c.table.Length(); n != 3 {
		t.Fatalf("today table rows %d", n)
	}
	// The skipped ticket is the oldest, last row (newest first); reactivate it.
	c.table.Select(widgetCell(2))
	if c.bReactivate.Disabled() {
		tk, _ := c.selectedTicket()
		t.Fatalf("reactivate disabled for %s %s", tk.Code(), tk.Status)
	}
	test.Tap(c.bReactivate)
	if got := c.waitingSummary(); got != "A:2 B:0 C:0 D:0" {
		t.Fatalf("after reactivate %q (%q)", got, c.message.Text)
	}
	// Transfer keeps the number and sends it to the other service.
	h.key(fyne.KeyF1)
	if c.number.Text != a1.Code() {
		t.Fatalf("reactivated ticket not first: %q", c.number.Text)
	}
	svcs, _ := h.svc.Services(context.Background())
	c.transferTo(svcs[2].ID) // C
	if !strings.Contains(c.message.Text, "dialihkan") {
		t.Fatalf("transfer: %q", c.message.Text)
	}
	if got := c.waitingSummary(); got != "A:1 B:0 C:1 D:0" {
		t.Fatalf("after transfer %q", got)
	}
	// Closing the counter returns to the open panel; calls are refused.
	test.Tap(c.bClose)
	if c.session.ID != "" {
		t.Fatal("session kept after close")
	}
}

func TestLoginAndAdmin(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	h.app.onLogout()
	ls := h.app.login
	if ls == nil {
		t.Fatal("no login screen after logout")
	}
	test.Type(ls.user, "fo1")
	test.Type(ls.pass, "salah")
	test.Tap(ls.login)
	if ls.message.Text != "Nama pengguna atau kata sandi salah." {
		t.Fatalf("bad login message %q", ls.message.Text)
	}
	test.Type(ls.pass, office.DemoPassword)
	ls.pass.OnSubmitted(ls.pass.Text) // Enter
	if h.app.officer.Username != "fo1" || h.app.counter == nil {
		t.Fatalf("fo1 not logged in: %q", ls.message.Text)
	}
	if h.app.admin != nil {
		t.Fatal("front-office officer sees the admin screen")
	}
	h.app.onLogout()
	ls = h.app.login
	test.Type(ls.user, "admin")
	test.Type(ls.pass, "rahasia1")
	test.Tap(ls.login)
	adm := h.app.admin
	if adm == nil {
		t.Fatal("admin screen missing for admin")
	}
	se := adm.services
	if len(se.items) != 4 {
		t.Fatalf("services listed %d", len(se.items))
	}
	se.onNew()
	test.Tap(se.saveBtn)
	if !strings.Contains(strings.ToLower(se.message.Text), "awalan") {
		t.Fatalf("empty service saved: %q", se.message.Text)
	}
	forms := se.form.Items
	forms[0].Widget.(*widgetEntry).SetText("a")
	forms[1].Widget.(*widgetEntry).SetText("Duplikat")
	test.Tap(se.saveBtn)
	if !strings.Contains(se.message.Text, "sudah dipakai") {
		t.Fatalf("duplicate prefix: %q", se.message.Text)
	}
	forms[0].Widget.(*widgetEntry).SetText("E")
	forms[1].Widget.(*widgetEntry).SetText("Layanan Informasi Gaji")
	forms[2].Widget.(*widgetEntry).SetText("lima")
	test.Tap(se.saveBtn)
	if !strings.Contains(se.message.Text, "angka") {
		t.Fatalf("non-numeric cap: %q", se.message.Text)
	}
	forms[2].Widget.(*widgetEntry).SetText("50")
	test.Tap(se.saveBtn)
	if len(se.items) != 5 || !strings.Contains(se.message.Text, "tersimpan") {
		t.Fatalf("after save %d items, %q", len(se.items), se.message.Text)
	}
	svcs, _ := h.svc.Services(context.Background())
	var e store.Service
	for _, sv := range svcs {
		if sv.Prefix == "E" {
			e = sv
		}
	}
	if e.DailyCap != 50 || !e.Active {
		t.Fatalf("stored %+v", e)
	}
}

// registerB opens the counter on service B (linked to the KPPN
// consultation standard in the demo), issues and calls a B ticket, and
// opens its registration window (F7) as the officer would.
func (h *harness) registerB() (*registerScreen, store.Ticket) {
	h.t.Helper()
	c := h.app.counter
	c.serviceSel.SetSelected([]string{"B — Konsultasi Stakeholder (CSO)"})
	test.Tap(c.openBtn)
	tk := h.issue("B", "")
	h.key(fyne.KeyF1)
	h.key(fyne.KeyF7)
	return h.app.register, tk
}
