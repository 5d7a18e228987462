package hub

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"loket/office"
	"loket/store"
)

// demoHub is a hub over a real store set up with the demo office, its
// admin "admin"/"rahasia1" and the demo officers (password
// office.DemoPassword).
func demoHub(t *testing.T, logger *slog.Logger) (*testHub, *office.Local, *store.Store, store.Officer) {
	t.Helper()
	st, _ := newOffice(t)
	local := office.NewLocal(st)
	adm, err := office.FirstRun(context.Background(), local, office.Setup{Office: office.DemoOffice(),
		AdminUsername: "admin", AdminName: "Admin", AdminPassword: "rahasia1", Demo: true})
	if err != nil {
		t.Fatal(err)
	}
	if logger == nil {
		logger = testLogger()
	}
	return startHubLog(t, t.TempDir(), local, "127.0.0.1:0", logger), local, st, adm
}

// TestStreamSkipMessage: when the newest events are ones a display may
// not see, its stream still ends with their seq, in a message with an id
// and no data, so the device resumes after them.
func TestStreamSkipMessage(t *testing.T) {
	h, local, st, _ := demoHub(t, nil)
	ctx := context.Background()
	svcs, err := local.Services(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := local.IssueTicket(ctx, svcs[0].ID, ""); err != nil {
		t.Fatal(err)
	}
	_, _ = local.Login(ctx, "fo1", "salah") // auth.login_failed: the newest event
	last, err := st.LastEventSeq(ctx)
	if err != nil {
		t.Fatal(err)
	}

	// A counter PC without an admin token skips the audit trail too.
	for _, kind := range []string{KindDisplay, KindKiosk, KindSurvey, KindCounter} {
		t.Run(kind, func(t *testing.T) {
			cfg := pairAs(t, h, "Perangkat "+kind, kind)
			hc := &http.Client{Transport: newTransport(cfg.Fingerprint, nil)}
			defer hc.CloseIdleConnections()
			rctx, cancel := context.WithTimeout(ctx, 10*time.Second)
			defer cancel()
			req, _ := http.NewRequestWithContext(rctx, http.MethodGet, "https://"+cfg.Addr+"/v1/events?after=0", nil)
			req.Header.Set("Authorization", "Bearer "+cfg.Token)
			resp, err := hc.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			sc := bufio.NewScanner(resp.Body)
			var event, id string
			var data []byte
			for sc.Scan() {
				line := sc.Text()
				if line != "" {
					k, v, _ := strings.Cut(line, ": ")
					switch k {
					case "event":
						event = v
					case "id":
						id = v
					case "data":
						data = []byte(v)
					}
					continue
				}
				switch event {
				case "skip":
					if len(data) != 0 {
						t.Fatalf("skip message with data %s", data)
					}
					if n, _ := strconv.ParseInt(id, 10, 64); n == last {
						return // the resume point reached the newest event
					}
				case "":
					var e store.Event
					if err := json.Unmarshal(data, &e); err != nil {
						t.Fatal(err)
					}
					if strings.HasPrefix(e.Kind, "auth.") {
						t.Fatalf("%s stream carried %s", kind, e.Kind)
					}
					if e.Seq == last {
						t.Fatalf("the newest event %d (%s) was sent", e.Seq, e.Kind)
					}
				}
				event, id, data = "", "", nil
			}
			t.Fatalf("stream ended without a skip to %d: %v", last, sc.Err())
		})
	}
}

// TestAuditTrailAdminOnly: the audit trail (auth.* on the stream,
// LoginLocks) is an admin's on a counter PC. An officer who is not an
// admin, or a display, is refused LoginLocks and sees no auth.* event; an
// admin logged in at a counter PC gets both.
func TestAuditTrailAdminOnly(t *testing.T) {
	h, _, _, _ := demoHub(t, nil)
	ctx := context.Background()

	counter := newClient(t, pair(t, h, "PC Loket"))
	if _, err := counter.Login(ctx, "fo1", office.DemoPassword); err != nil {
		t.Fatal(err)
	}
	_, err := counter.LoginLocks(ctx)
	wantCode(t, err, "forbidden")
	display := newClient(t, pairAs(t, h, "Layar", KindDisplay))
	_, err = display.LoginLocks(ctx)
	wantCode(t, err, CodeDeviceKind)

	// Streams opened now: the counter's with only fo1 logged in.
	sctx, cancel := context.WithCancel(ctx)
	defer cancel()
	plain, err := counter.Subscribe(sctx, -1)
	if err != nil {
		t.Fatal(err)
	}
	screen, err := display.Subscribe(sctx, -1)
	if err != nil {
		t.Fatal(err)
	}
	adminPC := newClient(t, pair(t, h, "PC Admin"))
	if _, err := adminPC.Login(ctx, "admin", "rahasia1"); err != nil {
		t.Fatal(err)
	}
	if _, err := adminPC.LoginLocks(ctx); err != nil {
		t.Fatalf("admin LoginLocks: %v", err)
	}
	audit, err := adminPC.Subscribe(sctx, -1)
	if err != nil {
		t.Fatal(err)
	}
	// A wrong password (auth.*), then a ticket as the end marker.
	_, err = counter.Login(ctx, "cso1", "salah")
	wantCode(t, err, "bad_login")
	kiosk := newClient(t, pairAs(t, h, "Kiosk", KindKiosk))
	svcs, err := kiosk.Services(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tk, err := kiosk.IssueTicket(ctx, svcs[0].ID, "")
	if err != nil {
		t.Fatal(err)
	}
	until := func(ch <-chan store.Event) (auth int) {
		t.Helper()
		timeout := time.After(10 * time.Second)
		for {
			select {
			case e := <-ch:
				if strings.HasPrefix(e.Kind, "auth.") {
					auth++
				}
				if e.Kind == store.EvTicketIssued && e.TicketID == tk.ID {
					return auth
				}
			case <-timeout:
				t.Fatal("the ticket never arrived")
			}
		}
	}
	if n := until(plain); n != 0 {
		t.Errorf("a counter PC without an admin saw %d audit events", n)
	}
	if n := until(screen); n != 0 {
		t.Errorf("a display saw %d audit events", n)
	}
	if n := until(audit); n == 0 {
		t.Error("the admin's counter PC saw no audit event")
	}
}

// TestPairingPerSource: one machine sending many pairing requests fills
// only its own share; another machine still pairs.
func TestPairingPerSource(t *testing.T) {
	h, _, _, _ := demoHub(t, nil)
	// A noisy machine at 127.0.0.2 (loopback, another source address).
	noisy := &http.Client{Timeout: 10 * time.Second, Transport: newTransport("", nil)}
	noisy.Transport.(*http.Transport).DialContext = (&net.Dialer{
		LocalAddr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 2)}}).DialContext
	defer noisy.CloseIdleConnections()
	ask := func(name string) (int, string) {
		b, _ := json.Marshal(pairReq{DeviceName: name, Kind: KindKiosk})
		resp, err := noisy.Post("https://"+h.addr+"/v1/pair", "application/json", bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var e errorBody
		_ = json.NewDecoder(resp.Body).Decode(&e)
		return resp.StatusCode, e.Code
	}
	for i := range maxPendingPerSource {
		if status, code := ask("Bising " + strconv.Itoa(i)); status != http.StatusAccepted {
			t.Fatalf("request %d refused: %d %s", i, status, code)
		}
	}
	for range 3 {
		if status, code := ask("Bising lagi"); status != http.StatusBadRequest || code != CodePairing {
			t.Fatalf("request past the source's share: %d %s", status, code)
		}
	}
	// Another machine (127.0.0.1) pairs as usual.
	cfg := pairAs(t, h, "Layar", KindDisplay)
	if cfg.Token == "" {
		t.Fatal("no token")
	}
	if n := len(h.srv.PendingPairings()); n != maxPendingPerSource {
		t.Fatalf("%d pending, want the noisy machine's %d", n, maxPendingPerSource)
	}
	// Once the admin turns its requests down the noisy machine may ask
	// again.
	for _, p := range h.srv.PendingPairings() {
		if err := h.srv.RejectPairing(p.Code); err != nil {
			t.Fatal(err)
		}
	}
	if status, code := ask("Bising baru"); status != http.StatusAccepted {
		t.Fatalf("after rejection: %d %s", status, code)
	}
}

// TestPairingCodeNotLoggedAtInfo: a hub logging at INFO never writes a
// pairing code (approved or rejected); at DEBUG it does, which shows the
// capture would see one.
func TestPairingCodeNotLoggedAtInfo(t *testing.T) {
	cases := []struct {
		level    slog.Level
		wantCode bool
	}{
		{slog.LevelInfo, false},
		{slog.LevelDebug, true},
	}
	for _, tc := range cases {
		t.Run(tc.level.String(), func(t *testing.T) {
			var buf syncBuffer
			h, _, _, _ := demoHub(t, slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: tc.level})))
			var codes []string
			var mu sync.Mutex
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			// One approved, one rejected.
			for i, approve := range []bool{true, false} {
				_, err := Pair(ctx, h.addr, "Perangkat "+strconv.Itoa(i), func(p PairInfo) {
					mu.Lock()
					codes = append(codes, p.Code)
					mu.Unlock()
					if approve {
						_, err := h.srv.ApprovePairing(p.Code)
						if err != nil {
							t.Error(err)
						}
					} else if err := h.srv.RejectPairing(p.Code); err != nil {
						t.Error(err)
					}
				}, PairOptions{Poll: 5 * time.Millisecond, Kind: KindDisplay})
				if approve != (err == nil) || (!approve && !errors.Is(err, ErrPairRejected)) {
					t.Fatalf("pairing %d (approve %v): %v", i, approve, err)
				}
			}
			h.stop()
			out := buf.String()
			if !strings.Contains(out, "pairing requested") {
				t.Fatalf("the pairing was not logged at all:\n%s", out)
			}
			for _, c := range codes {
				// Bounded, so a run of digits in a hex id is no match.
				re := regexp.MustCompile(`(^|[^0-9A-Za-z])` + c + `([^0-9A-Za-z]|$)`)
				if got := re.MatchString(out); got != tc.wantCode {
					t.Errorf("code %s in the %s log: %v, want %v\n%s", c, tc.level, got, tc.wantCode, out)
				}
			}
		})
	}
}
