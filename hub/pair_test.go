package hub

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"loket/office"
	"loket/store"
)

func TestPairing(t *testing.T) {
	st, _ := newOffice(t)
	h := startHub(t, t.TempDir(), office.NewLocal(st), "127.0.0.1:0")
	ctx := context.Background()

	t.Run("UnpairedIs401", func(t *testing.T) {
		c := newClient(t, ClientConfig{Addr: h.addr, Fingerprint: h.srv.Fingerprint(), Token: "palsu"})
		_, err := c.Office(ctx)
		wantCode(t, err, CodeUnpaired)
		// The raw status, as curl would see it.
		hc := &http.Client{Transport: newTransport(h.srv.Fingerprint(), nil)}
		resp, err := hc.Get("https://" + h.addr + "/v1/office")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var eb errorBody
		_ = json.NewDecoder(resp.Body).Decode(&eb)
		if resp.StatusCode != http.StatusUnauthorized || eb.Code != CodeUnpaired || !strings.Contains(eb.Message, "dipasangkan") {
			t.Fatalf("status %d body %+v", resp.StatusCode, eb)
		}
	})

	var cfg ClientConfig
	t.Run("PairApproveUse", func(t *testing.T) {
		var shown PairInfo
		var err error
		cfg, err = Pair(ctx, h.addr, "Kios Lobi", func(p PairInfo) {
			shown = p
			pend := h.srv.PendingPairings()
			if len(pend) != 1 || pend[0].Code != p.Code || pend[0].DeviceName != "Kios Lobi" || pend[0].Fingerprint != p.Fingerprint {
				t.Errorf("pending %+v, shown %+v", pend, p)
			}
			if _, err := h.srv.ApprovePairing(p.Code); err != nil {
				t.Error(err)
			}
		}, PairOptions{Poll: 5 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		if len(shown.Code) != 6 || cfg.Fingerprint != h.srv.Fingerprint() || cfg.Token == "" || cfg.DeviceID == "" {
			t.Fatalf("shown %+v cfg %+v", shown, cfg)
		}
		if len(h.srv.PendingPairings()) != 0 {
			t.Fatal("request still pending after approval")
		}
		c := newClient(t, cfg)
		if _, err := c.Office(ctx); !errors.Is(err, store.ErrNoOffice) {
			t.Fatalf("paired call: %v", err) // reached the store: no office yet
		}
		// The registry holds only the token's hash.
		b, err := os.ReadFile(filepath.Join(h.dir, devicesFile))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), cfg.Token) || !strings.Contains(string(b), hashToken(cfg.Token)) {
			t.Fatalf("registry file: %s", b)
		}
		if fi, _ := os.Stat(filepath.Join(h.dir, devicesFile)); fi.Mode().Perm() != 0o600 {
			t.Fatalf("registry mode %v", fi.Mode())
		}
	})

	t.Run("Reject", func(t *testing.T) {
		_, err := Pair(ctx, h.addr, "Tak dikenal", func(p PairInfo) {
			if err := h.srv.RejectPairing(p.Code); err != nil {
				t.Error(err)
			}
		}, PairOptions{Poll: 5 * time.Millisecond})
		wantCode(t, err, "pairing_rejected")
		_, err = h.srv.ApprovePairing("000000x")
		wantCode(t, err, "not_found")
	})

	t.Run("WrongPinRefused", func(t *testing.T) {
		bad := cfg
		bad.Fingerprint = strings.Repeat("ab", 32)
		c := newClient(t, bad)
		start := time.Now()
		_, err := c.Office(ctx)
		wantCode(t, err, CodeCertMismatch)
		if time.Since(start) > 2*time.Second {
			t.Fatalf("took %v", time.Since(start))
		}
		// A stream too refuses to start.
		_, err = c.Subscribe(ctx, 0)
		wantCode(t, err, CodeCertMismatch)
		// And pairing with the fingerprint typed from the hub's screen
		// refuses a different server at the first contact.
		_, err = Pair(ctx, h.addr, "Kios", nil, PairOptions{ExpectFingerprint: bad.Fingerprint})
		wantCode(t, err, CodeCertMismatch)
	})

	t.Run("RevokeIs401AndEndsStreams", func(t *testing.T) {
		c := newClient(t, cfg)
		states := make(chan error, 16)
		c.OnStreamState = func(err error) {
			select {
			case states <- err:
			default:
			}
		}
		c.MaxBackoff = 50 * time.Millisecond
		sctx, cancel := context.WithCancel(ctx)
		defer cancel()
		ch, err := c.Subscribe(sctx, -1)
		if err != nil {
			t.Fatal(err)
		}
		devs := h.srv.Devices()
		if len(devs) != 1 || devs[0].ID != cfg.DeviceID || devs[0].Revoked() {
			t.Fatalf("devices %+v", devs)
		}
		if err := h.srv.RevokeDevice(cfg.DeviceID); err != nil {
			t.Fatal(err)
		}
		_, err = c.Office(ctx)
		wantCode(t, err, CodeUnpaired)
		// The open stream was cut and its reconnects are refused as
		// unpaired; the channel stays open until ctx ends.
		deadline := time.After(5 * time.Second)
		for got := false; !got; {
			select {
			case err := <-states:
				got = errors.Is(err, ErrUnpaired)
			case <-deadline:
				t.Fatal("stream did not report the revocation")
			}
		}
		cancel()
		for range ch {
		}
		if err := h.srv.RevokeDevice(cfg.DeviceID); err == nil {
			t.Fatal("revoked twice")
		}
		// Revocation survives a restart of the hub.
		h.stop()
		h2 := startHub(t, h.dir, h.svc, "127.0.0.1:0")
		if h2.srv.Fingerprint() != h.srv.Fingerprint() {
			t.Fatal("certificate not reused")
		}
		c2 := newClient(t, ClientConfig{Addr: h2.addr, Fingerprint: cfg.Fingerprint, Token: cfg.Token})
		_, err = c2.Office(ctx)
		wantCode(t, err, CodeUnpaired)
	})
}

func TestClientConfigFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "hub.json")
	cfg := ClientConfig{Addr: "192.168.1.10:8443", Fingerprint: strings.Repeat("AB:", 31) + "AB", Token: "t0k3n", DeviceID: "dev-1", DeviceName: "Loket 1"}
	if _, err := LoadClientConfig(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("missing file: %v", err)
	}
	if err := SaveClientConfig(path, cfg); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v %v", fi.Mode(), err)
	}
	got, err := LoadClientConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	want := cfg
	want.Fingerprint = strings.Repeat("ab", 32)
	if got != want {
		t.Fatalf("got %+v", got)
	}
	if err := os.WriteFile(path, []byte(`{"addr":"x","token":"t","fingerprint":"12"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadClientConfig(path); err == nil {
		t.Fatal("short fingerprint accepted")
	}
}

func TestUnreachable(t *testing.T) {
	fp := strings.Repeat("00", 32)
	ctx := context.Background()
	t.Run("NothingListening", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		ln.Close()
		c := newClient(t, ClientConfig{Addr: addr, Fingerprint: fp, Token: "x"})
		start := time.Now()
		_, err = c.IssueTicket(ctx, "A", "")
		wantCode(t, err, CodeUnreachable)
		if store.Message(err) != "Server kantor (hub) tidak dapat dihubungi. Periksa jaringan; data Anda tidak hilang." {
			t.Fatalf("message %q", store.Message(err))
		}
		_, err = c.Subscribe(ctx, 0)
		wantCode(t, err, CodeUnreachable)
		if d := time.Since(start); d > 2*time.Second {
			t.Fatalf("took %v", d)
		}
	})
	t.Run("SilentHub", func(t *testing.T) {
		// Accepts connections, never answers: the timeout must end the call.
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer ln.Close()
		go func() {
			for {
				conn, err := ln.Accept()
				if err != nil {
					return
				}
				defer conn.Close()
			}
		}()
		c := newClient(t, ClientConfig{Addr: ln.Addr().String(), Fingerprint: fp, Token: "x"})
		c.Timeout = 300 * time.Millisecond
		start := time.Now()
		_, err = c.CallNext(ctx, "s")
		wantCode(t, err, CodeUnreachable)
		_, err = c.Subscribe(ctx, 0)
		wantCode(t, err, CodeUnreachable)
		if d := time.Since(start); d > 2*time.Second {
			t.Fatalf("took %v", d)
		}
	})
	t.Run("CallerCancelStaysCancel", func(t *testing.T) {
		c := newClient(t, ClientConfig{Addr: "127.0.0.1:1", Fingerprint: fp, Token: "x"})
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		if _, err := c.Office(cctx); !errors.Is(err, context.Canceled) {
			t.Fatalf("got %v", err)
		}
	})
}

func TestConsole(t *testing.T) {
	st, _ := newOffice(t)
	h := startHub(t, t.TempDir(), office.NewLocal(st), "127.0.0.1:0")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	codes := make(chan string, 1)
	h.srv.OnPairingRequest = func(p Pairing) { codes <- p.Code }
	inR, inW := io.Pipe()
	var out syncBuffer
	done := make(chan error, 1)
	go func() { done <- h.srv.Console(ctx, inR, &out) }()
	paired := make(chan error, 1)
	go func() {
		_, err := Pair(ctx, h.addr, "Layar Ruang Tunggu", nil, PairOptions{Poll: 5 * time.Millisecond, Kind: KindDisplay})
		paired <- err
	}()
	code := <-codes
	for _, cmd := range []string{"permintaan", "setujui " + code, "perangkat", "sidik", "cabut tidak-ada", "apa"} {
		if _, err := io.WriteString(inW, cmd+"\n"); err != nil {
			t.Fatal(err)
		}
	}
	if err := <-paired; err != nil {
		t.Fatal(err)
	}
	inW.Close()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{code, "dipasangkan sebagai layar antrean (id dev-", "Layar Ruang Tunggu", ShortFingerprint(h.srv.Fingerprint()),
		"Gagal: Perangkat tidak ditemukan", "Perintah:"} {
		if !strings.Contains(got, want) {
			t.Errorf("console output lacks %q:\n%s", want, got)
		}
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }
