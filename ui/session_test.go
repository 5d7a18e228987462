package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"loket/office"
	"loket/store"
)

// The first-run form proposes no office: code and name are empty with
// examples as placeholders, and saving it untouched is refused with the
// reason, writing nothing.
func TestFirstRunHasOnlyPlaceholders(t *testing.T) {
	h := newHarness(t)
	fr, ok := h.firstRun()
	if !ok {
		t.Fatal("no first-run screen")
	}
	for name, e := range map[string]*widgetEntry{"code": fr.code, "name": fr.name, "address": fr.address, "phone": fr.phone} {
		if e.Text != "" || e.PlaceHolder == "" {
			t.Errorf("%s: text %q, placeholder %q", name, e.Text, e.PlaceHolder)
		}
	}
	if !strings.Contains(fr.code.PlaceHolder, "contoh") {
		t.Errorf("code placeholder %q", fr.code.PlaceHolder)
	}
	test.Type(fr.adminName, "Administrator Kantor")
	test.Type(fr.pass1, "rahasia1")
	test.Type(fr.pass2, "rahasia1")
	test.Tap(fr.save)
	if !strings.Contains(fr.message.Text, "Kode kantor") {
		t.Fatalf("empty code: %q", fr.message.Text)
	}
	test.Type(fr.code, "KPPN099")
	test.Tap(fr.save)
	if !strings.Contains(fr.message.Text, "Nama kantor wajib diisi") {
		t.Fatalf("empty name: %q", fr.message.Text)
	}
	if _, err := h.svc.Office(context.Background()); err == nil {
		t.Fatal("office written despite the refusals")
	}
	// A bad admin username is refused before the office is written (the
	// code could never be corrected afterwards).
	test.Type(fr.name, "KPPN Contoh")
	fr.adminUser.SetText("A B")
	test.Tap(fr.save)
	if !strings.Contains(fr.message.Text, "Nama pengguna") {
		t.Fatalf("bad username: %q", fr.message.Text)
	}
	if _, err := h.svc.Office(context.Background()); err == nil {
		t.Fatal("office written before the admin was checked")
	}
	fr.adminUser.SetText("admin")
	test.Tap(fr.save)
	if off, err := h.svc.Office(context.Background()); err != nil || off.Code != "KPPN099" || off.Name != "KPPN Contoh" {
		t.Fatalf("office %+v %v (%q)", off, err, fr.message.Text)
	}
}

// openCounter opens the counter the screen proposes (Loket 1, every
// service) as the logged-in officer would.
func (h *harness) openCounter() *counterScreen {
	h.t.Helper()
	c := h.app.counter
	test.Tap(c.openBtn)
	if c.session.ID == "" {
		h.t.Fatalf("%s could not open the counter: %q", h.app.officer.Username, c.openMsg.Text)
	}
	return c
}

func (h *harness) loginWith(user, pass string) {
	h.t.Helper()
	ls := h.app.login
	if ls == nil {
		h.t.Fatal("login screen not shown")
	}
	test.Type(ls.user, user)
	test.Type(ls.pass, pass)
	test.Tap(ls.login)
	if h.app.officer.Username != user {
		h.t.Fatalf("%s not logged in: %q", user, ls.message.Text)
	}
}

// Keluar with the counter open asks, and "Tutup Loket dan Keluar" closes
// the session in the store: the next officer on this PC opens the same
// counter at once. "Serahkan" leaves it open for the next officer, who
// takes it over; "Batal" keeps the officer at work.
func TestKeluarClosesOrHandsOverTheCounter(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	h.loginAs("fo1")
	c := h.openCounter()
	first := c.session
	ctx := context.Background()

	test.Tap(h.app.logoutBtn)
	if h.app.logoutDlg == nil || h.app.login != nil {
		t.Fatal("Keluar with the counter open did not ask")
	}
	tapDialogButton(t, h, "Batal")
	if h.app.login != nil || h.app.counter.session.ID != first.ID {
		t.Fatal("Batal logged out")
	}
	test.Tap(h.app.logoutBtn)
	tapDialogButton(t, h, "Tutup Loket dan Keluar")
	if h.app.login == nil {
		t.Fatal("not logged out")
	}
	if sess, err := h.svc.Store().Session(ctx, first.ID); err != nil || sess.ClosedAt.IsZero() {
		t.Fatalf("session not closed in the store: %+v %v", sess, err)
	}

	h.loginWith("fo2", office.DemoPassword)
	c = h.openCounter()
	if c.session.CounterID != first.CounterID {
		t.Fatalf("fo2 opened another counter")
	}
	second := c.session
	// fo2 hands over: the counter stays open, fo1 takes it over.
	test.Tap(h.app.logoutBtn)
	tapDialogButton(t, h, "Serahkan Loket dan Keluar")
	if sess, _ := h.svc.Store().Session(ctx, second.ID); !sess.ClosedAt.IsZero() || sess.HandedOverAt.IsZero() {
		t.Fatalf("handed-over session %+v", sess)
	}
	h.loginWith("fo1", office.DemoPassword)
	c = h.openCounter()
	if sess, _ := h.svc.Store().Session(ctx, second.ID); sess.ClosedAt.IsZero() {
		t.Fatal("handed-over session not taken over")
	}
	// Without an open counter Keluar does not ask.
	test.Tap(c.bClose)
	test.Tap(h.app.logoutBtn)
	if h.app.login == nil {
		t.Fatal("Keluar without an open counter asked")
	}
}

// A counter left open by a crashed PC: another officer is told who holds
// it, an admin gets "Ambil Alih Loket" and takes it over.
func TestAdminTakesOverACrashedCounter(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	h.loginAs("fo1")
	crashed := h.openCounter().session
	// The PC crashes: no Keluar. A new app on the same store.
	h.app.counter.close()
	h.app.showLogin()
	h.loginWith("fo2", office.DemoPassword)
	c := h.app.counter
	test.Tap(c.openBtn)
	if c.session.ID != "" || !strings.Contains(c.openMsg.Text, "sedang dibuka oleh") || !c.takeBtn.Hidden {
		t.Fatalf("fo2 on a held counter: %q, take-over shown %v", c.openMsg.Text, !c.takeBtn.Hidden)
	}
	h.app.onLogout()
	h.loginWith("admin", "rahasia1")
	c = h.app.counter
	test.Tap(c.openBtn)
	if c.takeBtn.Hidden {
		t.Fatalf("no take-over for the admin: %q", c.openMsg.Text)
	}
	test.Tap(c.takeBtn)
	if c.session.ID == "" || c.session.CounterID != crashed.CounterID {
		t.Fatalf("admin take-over: %q", c.openMsg.Text)
	}
	evs, _ := h.svc.Store().EventsAfter(context.Background(), 0, 10000)
	var took bool
	for _, e := range evs {
		took = took || (e.Kind == store.EvCounterTakenOver && e.Data["reason"] == "diambil alih admin")
	}
	if !took {
		t.Fatal("no counter.taken_over event")
	}
}

// tapDialogButton taps the button with this text in the Keluar dialog.
func tapDialogButton(t *testing.T, h *harness, text string) {
	t.Helper()
	for _, o := range test.LaidOutObjects(h.app.win.Canvas().Overlays().Top()) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && b.Visible() {
			test.Tap(b)
			return
		}
	}
	t.Fatalf("no %q button in the dialog", text)
}

// Five wrong passwords at the login screen: the sixth attempt is refused
// with how long to wait; after the lock the admin sees fo1 in Admin →
// Petugas and unlocks it, and fo1 logs in.
func TestLoginThrottleAndAdminUnlock(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	h.app.onLogout()
	ls := h.app.login
	for i := 1; i <= store.LoginLockAfter; i++ {
		if i > store.LoginFreeFailures {
			h.advance(store.LoginMaxDelay)
		}
		test.Type(ls.user, "fo1")
		test.Type(ls.pass, "salah")
		test.Tap(ls.login)
		ls.user.SetText("")
		if i == store.LoginFreeFailures && !strings.Contains(ls.message.Text, "Coba lagi dalam 30 detik") {
			t.Fatalf("fifth failure: %q", ls.message.Text)
		}
	}
	if !strings.Contains(ls.message.Text, "dikunci") {
		t.Fatalf("after %d failures: %q", store.LoginLockAfter, ls.message.Text)
	}
	h.loginWith("admin", "rahasia1")
	p := h.app.admin.logins
	b := p.unlock["user:fo1"]
	if b == nil || len(p.locks) != 1 || !p.locks[0].Locked {
		t.Fatalf("lock list %+v", p.locks)
	}
	test.Tap(b)
	if len(p.locks) != 0 || !strings.Contains(p.message.Text, "Blokir dibuka") {
		t.Fatalf("after unlock %+v %q", p.locks, p.message.Text)
	}
	h.loginAs("fo1")
}

// Closing the window with the counter open asks as Keluar does; the
// counter is closed before the window goes.
func TestClosingTheWindowClosesTheCounter(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	h.loginAs("fo1")
	sess := h.openCounter().session
	h.app.onCloseRequest()
	if h.app.logoutDlg == nil || h.app.login != nil {
		t.Fatal("closing with the counter open did not ask")
	}
	tapDialogButton(t, h, "Tutup Loket dan Keluar")
	if got, err := h.svc.Store().Session(context.Background(), sess.ID); err != nil || got.ClosedAt.IsZero() {
		t.Fatalf("session after closing the window: %+v %v", got, err)
	}
}

// An officer whose hub login has ended is let out at Keluar (the counter
// cannot be closed without a login); other refusals keep them in.
func TestLoginEndedLetsOfficerOut(t *testing.T) {
	for _, c := range []struct {
		err  error
		want bool
	}{
		{&store.Error{Code: "login_required", Message: "Tindakan ini memerlukan petugas yang masuk di perangkat ini; silakan masuk kembali."}, true},
		{store.ErrForbidden, false},
		{store.ErrCounterClosed, false},
		{nil, false},
	} {
		if got := loginEnded(c.err); got != c.want {
			t.Errorf("loginEnded(%v) = %v, want %v", c.err, got, c.want)
		}
	}
}
