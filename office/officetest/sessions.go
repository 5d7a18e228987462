package officetest

import (
	"context"
	"strings"
	"testing"
	"time"

	"loket/store"
)

// testCounterSessions: Keluar closes the counter (the next officer on that
// PC opens it at once) or hands it over; a session left open by a crash is
// taken over by its own officer or by an admin, never by another officer.
func testCounterSessions(t *testing.T, f Factory) {
	fx := setup(t, f)
	ids := []string{fx.svcs["A"].ID}
	ctr := fx.ctrs[0].ID

	// fo1 logs out closing the counter: fo2 opens it.
	s1 := fx.open("fo1", 1, "A")
	fx.must(fx.svc.CloseCounter(fx.ctx, s1.ID))
	_, err := fx.svc.CallNext(fx.ctx, s1.ID)
	wantCode(t, err, "counter_closed")
	s2 := fx.open("fo2", 1, "A")

	// fo2's PC crashes, session open: fo1 is refused with fo2's name, and
	// so is a plain TakeOverCounter by a non-admin.
	_, err = fx.svc.OpenCounter(fx.ctx, fx.offs["fo1"].ID, ctr, ids)
	wantCode(t, err, "counter_busy")
	if !strings.Contains(store.Message(err), fx.offs["fo2"].FullName) || !strings.Contains(store.Message(err), "admin") {
		t.Fatalf("busy message %q", store.Message(err))
	}
	_, err = fx.svc.TakeOverCounter(fx.ctx, fx.offs["fo1"].ID, ctr, ids)
	wantCode(t, err, "counter_busy")
	// fo2 comes back on another PC and takes the session over.
	s3 := fx.open("fo2", 1, "A")
	_, err = fx.svc.CallNext(fx.ctx, s2.ID)
	wantCode(t, err, "counter_closed")
	// An admin takes over fo2's session (gone home with it open).
	_, err = fx.svc.OpenCounter(fx.ctx, fx.admin.ID, ctr, ids)
	wantCode(t, err, "counter_busy")
	s4, err := fx.svc.TakeOverCounter(fx.ctx, fx.admin.ID, ctr, ids)
	fx.must(err)
	_, err = fx.svc.CallNext(fx.ctx, s3.ID)
	wantCode(t, err, "counter_closed")
	// The admin hands over at logout: the counter stays open (it still
	// calls) until the next officer opens it.
	fx.must(fx.svc.HandOverCounter(fx.ctx, s4.ID))
	tk := fx.issue("A", "")
	if got := fx.callNext(s4); got.ID != tk.ID {
		t.Fatalf("handed-over counter called %s, want %s", got.Code(), tk.Code())
	}
	s5 := fx.open("cso1", 1, "A")
	if cur, err := fx.svc.CurrentTicket(fx.ctx, ctr); err != nil || cur.ID != tk.ID {
		t.Fatalf("the ticket being called did not stay with the counter: %+v %v", cur, err)
	}
	fx.must(fx.svc.CloseCounter(fx.ctx, s5.ID))

	// Each take-over is an event naming who took over and why.
	evs := fx.events()
	var got []string
	for _, e := range evs {
		if e.Kind == store.EvCounterTakenOver {
			got = append(got, e.Data["reason"]+"/"+e.OfficerID)
		}
	}
	want := []string{"sesi sebelumnya tidak ditutup/" + fx.offs["fo2"].ID, "diambil alih admin/" + fx.admin.ID,
		"serah terima/" + fx.offs["cso1"].ID}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("take-over events %q, want %q", got, want)
	}
}

// testLoginThrottle: five wrong passwords in a row refuse further attempts
// for a while, with an Indonesian sentence that says how long; the lock
// after store.LoginLockAfter holds until an admin unlocks; every step is
// audited.
func testLoginThrottle(t *testing.T, f Factory) {
	fx := setup(t, f)
	for i := 1; i < store.LoginFreeFailures; i++ {
		_, err := fx.svc.Login(fx.ctx, "fo1", "salah")
		wantCode(t, err, "bad_login")
	}
	_, err := fx.svc.Login(fx.ctx, "fo1", "salah")
	wantCode(t, err, store.CodeLoginThrottled)
	if !strings.Contains(store.Message(err), "Coba lagi dalam 30 detik") {
		t.Fatalf("delay message %q", store.Message(err))
	}
	_, err = fx.svc.Login(fx.ctx, "fo1", "loket123")
	wantCode(t, err, store.CodeLoginThrottled)
	// Other officers are not held back.
	if _, err := fx.svc.Login(fx.ctx, "fo2", "loket123"); err != nil {
		t.Fatalf("fo2 during fo1's delay: %v", err)
	}
	// Past the delay, more failures until the lock.
	for i := store.LoginFreeFailures + 1; i <= store.LoginLockAfter; i++ {
		fx.tick(store.LoginMaxDelay)
		_, err = fx.svc.Login(fx.ctx, "fo1", "salah")
	}
	wantCode(t, err, store.CodeLoginLocked)
	fx.tick(24 * time.Hour)
	_, err = fx.svc.Login(fx.ctx, "fo1", "loket123")
	wantCode(t, err, store.CodeLoginLocked)

	locks, err := fx.svc.LoginLocks(fx.ctx)
	fx.must(err)
	var subject string
	for _, l := range locks {
		if l.Kind == "user" && l.Name == "fo1" && l.Locked {
			subject = l.Subject
		}
	}
	if subject == "" {
		t.Fatalf("fo1 not listed as locked: %+v", locks)
	}
	err = fx.svc.UnlockLogin(fx.ctx, fx.offs["fo2"].ID, subject)
	wantCode(t, err, "forbidden")
	fx.must(fx.svc.UnlockLogin(fx.ctx, fx.admin.ID, subject))
	if o, err := fx.svc.Login(fx.ctx, "fo1", "loket123"); err != nil || o.ID != fx.offs["fo1"].ID {
		t.Fatalf("login after unlock: %v", err)
	}
	n := map[string]int{}
	for _, e := range fx.events() {
		n[e.Kind]++
	}
	if n[store.EvLoginFailed] != store.LoginLockAfter || n[store.EvLoginLocked] != 1 || n[store.EvLoginUnlocked] != 1 ||
		n[store.EvLoginThrottled] != store.LoginLockAfter-store.LoginFreeFailures || n[store.EvLoginRefused] != 2 {
		t.Fatalf("audit events %v", n)
	}
}

// events reads every event so far through Subscribe. The end is marked by
// a login of the admin, seen first on a live-only stream (the admin also
// logs in at first-run set-up, so the marker is known by its seq); the
// marker is not returned.
func (fx *fixture) events() []store.Event {
	fx.t.Helper()
	ctx, cancel := context.WithCancel(fx.ctx)
	defer cancel()
	ch, err := fx.svc.Subscribe(ctx, 0)
	fx.must(err)
	live, err := fx.svc.Subscribe(ctx, -1)
	fx.must(err)
	_, err = fx.svc.Login(fx.ctx, "admin", "rahasia1")
	fx.must(err)
	timeout := time.After(10 * time.Second)
	marker := int64(-1)
	for marker < 0 {
		select {
		case e, ok := <-live:
			if !ok {
				fx.t.Fatal("event stream closed")
			}
			if e.Kind == store.EvLogin && e.Data["username"] == "admin" {
				marker = e.Seq
			}
		case <-timeout:
			fx.t.Fatal("the marker event never arrived")
		}
	}
	var out []store.Event
	for {
		select {
		case e, ok := <-ch:
			if !ok {
				fx.t.Fatal("event stream closed")
			}
			if e.Seq == marker {
				return out
			}
			out = append(out, e)
		case <-timeout:
			fx.t.Fatal("the marker event never arrived")
		}
	}
}
