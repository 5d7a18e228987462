package hub

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"loket/office"
	"loket/office/officetest"
	"loket/store"
)

func init() { store.BcryptCost = 4 } // keep the suites fast; production uses the default

func testLogger() *slog.Logger {
	if os.Getenv("LOKET_HUB_LOG") != "" {
		return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

// testHub is a hub serving real TLS on a loopback port.
type testHub struct {
	srv  *Server
	addr string
	dir  string
	svc  office.Service
	stop func()
}

// startHub serves svc from state dir on addr ("127.0.0.1:0" for any port).
func startHub(t testing.TB, dir string, svc office.Service, addr string) *testHub {
	t.Helper()
	return startHubLog(t, dir, svc, addr, testLogger())
}

// startHubLog is startHub with the hub logging to logger.
func startHubLog(t testing.TB, dir string, svc office.Service, addr string, logger *slog.Logger) *testHub {
	t.Helper()
	srv, err := NewServer(dir, svc, logger)
	if err != nil {
		t.Fatal(err)
	}
	var ln net.Listener
	for i := 0; ; i++ { // a restart on the same port may race the old socket
		if ln, err = net.Listen("tcp", addr); err == nil || i == 50 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	h := &testHub{srv: srv, addr: ln.Addr().String(), dir: dir, svc: svc}
	var once sync.Once
	h.stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("serve: %v", err)
			}
		})
	}
	t.Cleanup(h.stop)
	return h
}

// newOffice opens a fresh store with a pinnable clock.
func newOffice(t testing.TB) (*store.Store, func(time.Time)) {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "loket.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var mu sync.Mutex
	now := time.Now()
	st.Now = func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	return st, func(t time.Time) { mu.Lock(); now = t; mu.Unlock() }
}

// pair pairs a counter PC with h, approving on the hub as the admin would.
func pair(t testing.TB, h *testHub, name string) ClientConfig {
	t.Helper()
	return pairAs(t, h, name, KindCounter)
}

// pairAs pairs a device of the kind given with h.
func pairAs(t testing.TB, h *testHub, name, kind string) ClientConfig {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cfg, err := Pair(ctx, h.addr, name, func(p PairInfo) {
		if p.Fingerprint != h.srv.Fingerprint() {
			t.Errorf("device saw %s, hub has %s", p.Fingerprint, h.srv.Fingerprint())
		}
		if _, err := h.srv.ApprovePairing(p.Code); err != nil {
			t.Errorf("approve: %v", err)
		}
	}, PairOptions{Poll: 5 * time.Millisecond, Kind: kind})
	if err != nil {
		t.Fatalf("pair: %v", err)
	}
	return cfg
}

func newClient(t testing.TB, cfg ClientConfig) *Client {
	t.Helper()
	c, err := NewClient(cfg, testLogger())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c
}

// TestClientContract runs the office contract against the LAN client
// talking to a hub over real TLS, backed by office.Local.
func TestClientContract(t *testing.T) {
	officetest.Run(t, func(t *testing.T) officetest.Env {
		st, setNow := newOffice(t)
		h := startHub(t, t.TempDir(), office.NewLocal(st), "127.0.0.1:0")
		return officetest.Env{Svc: newClient(t, pair(t, h, "Loket uji")), SetNow: setNow,
			SaveBooking: func(b store.Booking) error { return st.SaveBooking(context.Background(), b) }}
	})
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	var e *store.Error
	if !errors.As(err, &e) || e.Code != code {
		t.Fatalf("want refusal %q, got %v", code, err)
	}
	if e.Message == "" || store.Message(err) != e.Message {
		t.Fatalf("refusal %q: message %q", code, e.Message)
	}
}

// openAsFO1 opens the demo office's first counter for its officer fo1 on
// services, straight on the store (no device, no login).
func openAsFO1(t testing.TB, l *office.Local, services ...string) store.CounterSession {
	t.Helper()
	ctx := context.Background()
	offs, err := l.Officers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ctrs, err := l.Counters(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range offs {
		if o.Username == "fo1" {
			sess, err := l.OpenCounter(ctx, o.ID, ctrs[0].ID, services)
			if err != nil {
				t.Fatal(err)
			}
			return sess
		}
	}
	t.Fatal("the demo office has no fo1")
	return store.CounterSession{}
}
