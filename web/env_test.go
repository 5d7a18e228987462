package web_test

import (
	"context"
	"crypto/tls"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"loket/hub"
	"loket/office"
	"loket/store"
)

func init() { store.BcryptCost = 4 }

// office is a demo office served by a real hub on a loopback port over TLS.
type testOffice struct {
	st   *store.Store
	svc  *office.Local
	srv  *hub.Server
	base string
	// phoneBase is the hub's plain-HTTP phone port (ServePhonePages), the
	// address the stub's QR carries.
	phoneBase string
	svcs      map[string]store.Service // by prefix
	ctrs      []store.Counter
	offs      map[string]store.Officer
	httpc     *http.Client
}

func newTestOffice(t testing.TB) *testOffice { t.Helper(); return newTestOfficeAt(t, nil) }

// newTestOfficeAt is newTestOffice on the clock now (nil: the real one),
// set before the hub starts so no goroutine sees it change.
func newTestOfficeAt(t testing.TB, now func() time.Time) *testOffice {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "loket.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if now != nil {
		st.Now = now
	}
	svc := office.NewLocal(st)
	ctx := context.Background()
	if _, err := office.FirstRun(ctx, svc, office.Setup{Office: office.DemoOffice(), AdminUsername: "admin",
		AdminName: "Admin Kantor", AdminPassword: "rahasia1", Demo: true}); err != nil {
		t.Fatal(err)
	}
	srv, err := hub.NewServer(t.TempDir(), svc, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	sctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(sctx, ln) }()
	phoneLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	phoneDone := make(chan error, 1)
	go func() { phoneDone <- srv.ServePhonePages(sctx, phoneLn) }()
	t.Cleanup(func() { cancel(); <-done; <-phoneDone })
	o := &testOffice{st: st, svc: svc, srv: srv, base: "https://" + ln.Addr().String(), phoneBase: "http://" + phoneLn.Addr().String(),
		svcs: map[string]store.Service{}, offs: map[string]store.Officer{},
		httpc: &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{
			TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}} // the hub's self-signed certificate
	t.Cleanup(o.httpc.CloseIdleConnections)
	svcs, err := svc.Services(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range svcs {
		o.svcs[s.Prefix] = s
	}
	if o.ctrs, err = svc.Counters(ctx); err != nil {
		t.Fatal(err)
	}
	offs, err := svc.Officers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, of := range offs {
		o.offs[of.Username] = of
	}
	return o
}

func (o *testOffice) issue(t testing.TB, prefix string) store.Ticket {
	t.Helper()
	tk, err := o.svc.IssueTicket(context.Background(), o.svcs[prefix].ID, "")
	if err != nil {
		t.Fatal(err)
	}
	return tk
}

func (o *testOffice) open(t testing.TB, user string, counter int, prefixes ...string) store.CounterSession {
	t.Helper()
	var ids []string
	for _, p := range prefixes {
		ids = append(ids, o.svcs[p].ID)
	}
	sess, err := o.svc.OpenCounter(context.Background(), o.offs[user].ID, o.ctrs[counter-1].ID, ids)
	if err != nil {
		t.Fatal(err)
	}
	return sess
}

// call calls the next ticket at the session and starts serving it, so the
// following call finishes it.
func (o *testOffice) call(t testing.TB, sess store.CounterSession) store.Ticket {
	t.Helper()
	tk, err := o.svc.CallNext(context.Background(), sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	return tk
}

func (o *testOffice) serve(t testing.TB, sess store.CounterSession, tk store.Ticket) {
	t.Helper()
	if _, err := o.svc.StartServing(context.Background(), sess.ID, tk.ID); err != nil {
		t.Fatal(err)
	}
}

// chromium finds Debian's Chromium; without it the browser tests fail
// under the ci tag and are skipped otherwise.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if requireChromium {
		t.Fatal("chromium not found: install Debian's chromium (make deps-test)")
	}
	t.Skip("chromium not found")
	return ""
}
