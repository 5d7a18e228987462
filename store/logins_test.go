package store_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"loket/store"
)

// clock is a pinned, settable store clock; each reading is a millisecond
// later, as the store wants increasing instants.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(time.Millisecond)
	return c.now
}

func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

func countKinds(t *testing.T, st *store.Store) map[string]int {
	t.Helper()
	evs, err := st.EventsAfter(context.Background(), 0, 10000)
	if err != nil {
		t.Fatal(err)
	}
	n := map[string]int{}
	for _, e := range evs {
		n[e.Kind]++
	}
	return n
}

func refusalCode(err error) string {
	var e *store.Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// Five wrong passwords in a row are free; from the fifth on, attempts are
// refused for a delay that doubles per failure, the refusal says how long
// to wait, and at LoginLockAfter the account is locked until an admin
// unlocks it. The right password during a delay or a lock does not get in.
func TestLoginThrottleGrowsThenLocks(t *testing.T) {
	st, _, _, fo := newOffice(t, "A")
	ctx := context.Background()
	clk := &clock{now: time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)}
	st.Now = clk.Now

	for i := 1; i < store.LoginFreeFailures; i++ {
		if _, err := st.Authenticate(ctx, "fo1", "salah"); !errors.Is(err, store.ErrBadLogin) {
			t.Fatalf("failure %d: %v", i, err)
		}
	}
	// The fifth failure starts the delay.
	_, err := st.Authenticate(ctx, "fo1", "salah")
	if refusalCode(err) != store.CodeLoginThrottled || !strings.Contains(err.Error(), "Coba lagi dalam 30 detik") {
		t.Fatalf("fifth failure: %v", err)
	}
	// During the delay even the right password is refused, unchecked.
	clk.add(10 * time.Second)
	_, err = st.Authenticate(ctx, "fo1", "rahasia1")
	if refusalCode(err) != store.CodeLoginThrottled || !strings.Contains(err.Error(), "20 detik") {
		t.Fatalf("right password during the delay: %v", err)
	}
	// Each further failure doubles the delay.
	wantDelays := []string{"1 menit", "2 menit", "4 menit", "8 menit"}
	wait := store.LoginBaseDelay
	for i, want := range wantDelays {
		clk.add(wait)
		_, err := st.Authenticate(ctx, "fo1", "salah")
		if refusalCode(err) != store.CodeLoginThrottled || !strings.Contains(err.Error(), "Coba lagi dalam "+want+".") {
			t.Fatalf("failure %d: want delay %s, got %v", store.LoginFreeFailures+1+i, want, err)
		}
		wait *= 2
	}
	// The tenth failure locks the account: time alone does not help.
	clk.add(wait)
	_, err = st.Authenticate(ctx, "fo1", "salah")
	if refusalCode(err) != store.CodeLoginLocked || !strings.Contains(err.Error(), "Admin → Petugas") {
		t.Fatalf("tenth failure: %v", err)
	}
	clk.add(24 * time.Hour)
	if _, err := st.Authenticate(ctx, "fo1", "rahasia1"); refusalCode(err) != store.CodeLoginLocked {
		t.Fatalf("locked account after a day: %v", err)
	}
	locks, err := st.LoginLocks(ctx)
	if err != nil || len(locks) != 1 || !locks[0].Locked || locks[0].Kind != "user" || locks[0].Name != "fo1" ||
		locks[0].Failures != store.LoginLockAfter {
		t.Fatalf("locks %+v %v", locks, err)
	}
	if err := st.UnlockLogin(ctx, fo.ID, locks[0].Subject); err != nil {
		t.Fatal(err)
	}
	if err := st.UnlockLogin(ctx, fo.ID, locks[0].Subject); refusalCode(err) != "not_found" {
		t.Fatalf("second unlock: %v", err)
	}
	if o, err := st.Authenticate(ctx, "fo1", "rahasia1"); err != nil || o.ID != fo.ID {
		t.Fatalf("login after unlock: %+v %v", o, err)
	}
	// The count starts afresh after a success.
	if _, err := st.Authenticate(ctx, "fo1", "salah"); !errors.Is(err, store.ErrBadLogin) {
		t.Fatalf("first failure after unlock: %v", err)
	}

	n := countKinds(t, st)
	// 10 failures before the lock, 1 after the unlock; 2 refused unchecked
	// (the right password during the delay, and after the lock).
	if n[store.EvLoginFailed] != 11 || n[store.EvLoginThrottled] != 5 || n[store.EvLoginLocked] != 1 ||
		n[store.EvLoginRefused] != 2 || n[store.EvLoginUnlocked] != 1 || n[store.EvLogin] != 1 {
		t.Fatalf("audit events %v", n)
	}
}

// A user who stops at four failures and then gets the password right
// starts from zero again; an unknown username is throttled the same way
// (a guesser cannot tell it from a real one).
func TestLoginThrottleResetsAndCoversUnknownNames(t *testing.T) {
	st, _, _, _ := newOffice(t, "A")
	ctx := context.Background()
	clk := &clock{now: time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)}
	st.Now = clk.Now
	for round := 0; round < 2; round++ {
		for i := 1; i < store.LoginFreeFailures; i++ {
			if _, err := st.Authenticate(ctx, "FO1 ", "salah"); !errors.Is(err, store.ErrBadLogin) {
				t.Fatalf("round %d failure %d: %v", round, i, err)
			}
		}
		if _, err := st.Authenticate(ctx, "fo1", "rahasia1"); err != nil {
			t.Fatalf("round %d: right password after 4 failures: %v", round, err)
		}
	}
	for i := 1; i <= store.LoginFreeFailures; i++ {
		_, err := st.Authenticate(ctx, "tidakada", "salah")
		if want := i < store.LoginFreeFailures; want != errors.Is(err, store.ErrBadLogin) {
			t.Fatalf("unknown user failure %d: %v", i, err)
		}
		if i == store.LoginFreeFailures && refusalCode(err) != store.CodeLoginThrottled {
			t.Fatalf("unknown user not throttled: %v", err)
		}
	}
}

// Over the hub the device is counted too: wrong passwords spread over many
// usernames from one device delay that device (for every username) after
// DeviceFreeFailures, and lock it at DeviceLockAfter.
func TestLoginThrottlePerDevice(t *testing.T) {
	st, _, _, _ := newOffice(t, "A")
	ctx := context.Background()
	clk := &clock{now: time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)}
	st.Now = clk.Now
	for i := 1; i < store.DeviceFreeFailures; i++ {
		user := "tebak" + string(rune('a'+i))
		if _, err := st.AuthenticateFrom(ctx, user, "salah", "dev1"); !errors.Is(err, store.ErrBadLogin) {
			t.Fatalf("device failure %d: %v", i, err)
		}
	}
	_, err := st.AuthenticateFrom(ctx, "tebakz", "salah", "dev1")
	if refusalCode(err) != store.CodeLoginThrottled || !strings.Contains(err.Error(), "dari perangkat ini") {
		t.Fatalf("device delay: %v", err)
	}
	// The same officer on another device is not held back.
	if _, err := st.AuthenticateFrom(ctx, "fo1", "rahasia1", "dev2"); err != nil {
		t.Fatalf("other device: %v", err)
	}
	if _, err := st.AuthenticateFrom(ctx, "fo1", "rahasia1", "dev1"); refusalCode(err) != store.CodeLoginThrottled {
		t.Fatalf("delayed device let fo1 in: %v", err)
	}
	for i := store.DeviceFreeFailures + 1; i <= store.DeviceLockAfter; i++ {
		clk.add(store.LoginMaxDelay)
		_, err = st.AuthenticateFrom(ctx, "tebak"+string(rune('a'+i%26))+"x", "salah", "dev1")
	}
	if refusalCode(err) != store.CodeLoginLocked || !strings.Contains(err.Error(), "Perangkat ini dikunci") {
		t.Fatalf("device lock: %v", err)
	}
	locks, _ := st.LoginLocks(ctx)
	if len(locks) == 0 || locks[0].Subject != "device:dev1" || !locks[0].Locked {
		t.Fatalf("locks %+v", locks)
	}
	if err := st.UnlockLogin(ctx, "", "device:dev1"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AuthenticateFrom(ctx, "fo1", "rahasia1", "dev1"); err != nil {
		t.Fatalf("unlocked device: %v", err)
	}
}

// Counter sessions: Keluar closes (closed_at set) or hands over; the same
// officer takes over a session left open by a crash; an admin takes over
// anybody's with TakeOverCounter; nobody else does. Each take-over writes
// counter.taken_over.
func TestCounterSessionLife(t *testing.T) {
	st, svcs, ctrs, fo1 := newOffice(t, "A")
	ctx := context.Background()
	fo2, err := st.SaveOfficer(ctx, "", store.Officer{Username: "fo2", FullName: "Budi", Role: store.RoleFO, Active: true}, "rahasia1")
	if err != nil {
		t.Fatal(err)
	}
	admin, err := st.SaveOfficer(ctx, "", store.Officer{Username: "admin", FullName: "Admin", Role: store.RoleAdmin, Active: true}, "rahasia1")
	if err != nil {
		t.Fatal(err)
	}
	ids := []string{svcs[0].ID}
	c := ctrs[0].ID

	// Keluar, tutup loket: the session is closed and fo2 opens the counter.
	s1, err := st.OpenCounter(ctx, fo1.ID, c, ids)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.CloseCounter(ctx, s1.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.Session(ctx, s1.ID); got.ClosedAt.IsZero() {
		t.Fatal("closed_at not set")
	}
	s2, err := st.OpenCounter(ctx, fo2.ID, c, ids)
	if err != nil {
		t.Fatalf("next officer after close: %v", err)
	}
	// A session fo2 left open (a crash): fo1 is refused, fo2 takes it over.
	if _, err := st.OpenCounter(ctx, fo1.ID, c, ids); refusalCode(err) != "counter_busy" || !strings.Contains(err.Error(), "Budi") {
		t.Fatalf("other officer: %v", err)
	}
	if _, err := st.TakeOverCounter(ctx, fo1.ID, c, ids); refusalCode(err) != "counter_busy" {
		t.Fatalf("take-over by a non-admin: %v", err)
	}
	s3, err := st.OpenCounter(ctx, fo2.ID, c, ids)
	if err != nil {
		t.Fatalf("same officer after a crash: %v", err)
	}
	if got, _ := st.Session(ctx, s2.ID); got.ClosedAt.IsZero() {
		t.Fatal("crashed session still open")
	}
	// The admin takes over fo2's session.
	if _, err := st.OpenCounter(ctx, admin.ID, c, ids); refusalCode(err) != "counter_busy" {
		t.Fatalf("plain open by an admin: %v", err)
	}
	s4, err := st.TakeOverCounter(ctx, admin.ID, c, ids)
	if err != nil {
		t.Fatalf("admin take-over: %v", err)
	}
	if _, err := st.CallNext(ctx, s3.ID, nil); !errors.Is(err, store.ErrCounterClosed) {
		t.Fatalf("taken-over session still calls: %v", err)
	}
	// Handed over at logout: the counter stays open until any officer opens it.
	if err := st.HandOverCounter(ctx, s4.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.Session(ctx, s4.ID); !got.ClosedAt.IsZero() || got.HandedOverAt.IsZero() {
		t.Fatalf("handed-over session %+v", got)
	}
	if _, err := st.OpenCounter(ctx, fo1.ID, c, ids); err != nil {
		t.Fatalf("open after hand-over: %v", err)
	}
	if err := st.HandOverCounter(ctx, s4.ID); !errors.Is(err, store.ErrCounterClosed) {
		t.Fatalf("hand over a closed session: %v", err)
	}

	evs, _ := st.EventsAfter(ctx, 0, 1000)
	var reasons []string
	var handed int
	for _, e := range evs {
		switch e.Kind {
		case store.EvCounterTakenOver:
			reasons = append(reasons, e.Data["reason"]+"/"+e.OfficerID)
		case store.EvCounterHandedOver:
			handed++
		}
	}
	want := []string{"sesi sebelumnya tidak ditutup/" + fo2.ID, "diambil alih admin/" + admin.ID, "serah terima/" + fo1.ID}
	if strings.Join(reasons, ",") != strings.Join(want, ",") || handed != 1 {
		t.Fatalf("take-over events %q, hand-overs %d", reasons, handed)
	}
}
