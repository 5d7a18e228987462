package hub

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"loket/office"
	"loket/store"
)

// heldLogin is the office with every Login held inside the password check
// until released: a stand-in for bcrypt under a burst of guesses, made
// deterministic so the test asserts order, not speed.
type heldLogin struct {
	*office.Local
	inside  chan struct{}
	release chan struct{}
	pass    string // a username whose login is not held (the counter's officer)
}

func (h *heldLogin) Login(ctx context.Context, username, password string) (store.Officer, error) {
	if username == h.pass {
		return h.Local.Login(ctx, username, password)
	}
	h.inside <- struct{}{}
	select {
	case <-h.release:
	case <-ctx.Done():
		return store.Officer{}, ctx.Err()
	}
	return h.Local.Login(ctx, username, password)
}

func demoOffice(t testing.TB, l *office.Local) {
	t.Helper()
	if _, err := office.FirstRun(context.Background(), l, office.Setup{Office: office.DemoOffice(), AdminUsername: "admin",
		AdminName: "Admin", AdminPassword: "rahasia1", Demo: true}); err != nil {
		t.Fatal(err)
	}
}

// A burst of wrong logins in progress does not hold ticket issuing: while
// eight logins (over /v1/login and /v1/call/Login) are inside their
// password check, a kiosk issues a ticket and a counter calls it. Were
// logins in the hub's write queue, the issue would wait behind them until
// its deadline.
func TestLoginBurstDoesNotBlockTickets(t *testing.T) {
	st, _ := newOffice(t)
	local := office.NewLocal(st)
	demoOffice(t, local)
	held := &heldLogin{Local: local, inside: make(chan struct{}), release: make(chan struct{}), pass: "fo2"}
	h := startHub(t, t.TempDir(), held, "127.0.0.1:0")
	guesser := newClient(t, pair(t, h, "Perangkat penebak"))
	kiosk := newClient(t, pairAs(t, h, "Kiosk", KindKiosk))
	counter := newClient(t, pair(t, h, "Loket 1"))
	if _, err := counter.Login(context.Background(), "fo2", office.DemoPassword); err != nil {
		t.Fatal(err)
	}

	const burst = 8
	errs := make(chan error, burst)
	var wg sync.WaitGroup
	for i := range burst {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i%2 == 0 {
				_, err := guesser.Login(context.Background(), "fo1", "tebakan")
				errs <- err
				return
			}
			err := guesser.invoke(context.Background(), "Login", []any{"fo1", "tebakan"}, new(store.Officer))
			errs <- err
		}()
	}
	// All eight reach the check together; queued logins would come one
	// at a time (the deadline only turns a hang into a failure).
	deadline := time.After(10 * time.Second)
	for n := range burst {
		select {
		case <-held.inside:
		case <-deadline:
			close(held.release)
			t.Fatalf("only %d of %d logins reached the password check at once: logins wait in a queue", n, burst)
		}
	}

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	svcs, err := kiosk.Services(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tk, err := kiosk.IssueTicket(ctx, svcs[0].ID, "")
	if err != nil {
		t.Fatalf("issue during the login burst: %v", err)
	}
	ctrs, err := counter.Counters(ctx)
	if err != nil {
		t.Fatal(err)
	}
	offs, err := counter.Officers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var fo2 string
	for _, o := range offs {
		if o.Username == "fo2" {
			fo2 = o.ID
		}
	}
	sess, err := counter.OpenCounter(ctx, fo2, ctrs[0].ID, []string{svcs[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	if called, err := counter.CallNext(ctx, sess.ID); err != nil || called.ID != tk.ID {
		t.Fatalf("call during the login burst: %+v %v", called, err)
	}
	select {
	case err := <-errs:
		t.Fatalf("a login finished before it was released: %v", err)
	default:
	}

	close(held.release)
	wg.Wait()
	close(errs)
	for err := range errs {
		var e *store.Error
		if !errors.As(err, &e) || (e.Code != "bad_login" && e.Code != store.CodeLoginThrottled) {
			t.Fatalf("wrong login answered %v", err)
		}
	}
	// Every attempt is audited: checked and failed, or (once five had
	// failed) refused unchecked. The checked ones are counted for fo1 and
	// for the guessing device, which the hub knows from its token.
	evs, err := st.EventsAfter(context.Background(), 0, 10000)
	if err != nil {
		t.Fatal(err)
	}
	var failed, refused int
	for _, e := range evs {
		switch e.Kind {
		case store.EvLoginFailed:
			failed++
		case store.EvLoginRefused:
			refused++
		}
	}
	if failed+refused != burst || failed < store.LoginFreeFailures {
		t.Fatalf("%d failed and %d refused of %d attempts", failed, refused, burst)
	}
	locks, err := local.LoginLocks(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, l := range locks {
		got[l.Subject] = l.Failures
	}
	device := ""
	for _, d := range h.srv.Devices() {
		if d.Name == "Perangkat penebak" {
			device = d.ID
		}
	}
	if got["user:fo1"] != failed || got["device:"+device] != failed || len(got) != 2 {
		t.Fatalf("failures counted %v, want %d for fo1 and device %s", got, failed, device)
	}
}

// The device is the one in the token: a device that has guessed wrong ten
// times is held back for every username, with the refusal's sentence and
// a 429 over the wire, while another device logs in as usual.
func TestLoginThrottledPerDeviceOverTheHub(t *testing.T) {
	st, _ := newOffice(t)
	local := office.NewLocal(st)
	demoOffice(t, local)
	h := startHub(t, t.TempDir(), local, "127.0.0.1:0")
	bad := newClient(t, pair(t, h, "Perangkat penebak"))
	good := newClient(t, pair(t, h, "Loket 2"))
	ctx := context.Background()
	users := []string{"fo1", "fo2", "cso1", "kasi1", "admin"}
	for i := 1; i < store.DeviceFreeFailures; i++ {
		_, err := bad.Login(ctx, users[i%len(users)], "tebakan")
		wantCode(t, err, "bad_login")
	}
	_, err := bad.Login(ctx, "tidakada", "tebakan")
	wantCode(t, err, store.CodeLoginThrottled)
	_, err = bad.Login(ctx, "fo1", office.DemoPassword)
	wantCode(t, err, store.CodeLoginThrottled)
	if o, err := good.Login(ctx, "fo1", office.DemoPassword); err != nil || o.Username != "fo1" {
		t.Fatalf("login from another device: %v", err)
	}
}
