package hub

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"loket/office"
	"loket/reports"
	"loket/store"
)

// TestEveryMethodClassified: every method of office.Service is either a
// read (never waits for the write slot) or a write, never both, never
// neither, so a new method cannot slip into the wrong lane.
func TestEveryMethodClassified(t *testing.T) {
	for i := range serviceType.NumMethod() {
		name := serviceType.Method(i).Name
		t.Run(name, func(t *testing.T) {
			if readOnly[name] == writes[name] {
				t.Fatalf("%s: read %v, write %v; classify it in admission.go", name, readOnly[name], writes[name])
			}
		})
	}
	for name := range readOnly {
		if _, ok := serviceType.MethodByName(name); !ok {
			t.Errorf("readOnly names %s, which office.Service does not have", name)
		}
	}
	for name := range writes {
		if _, ok := serviceType.MethodByName(name); !ok {
			t.Errorf("writes names %s, which office.Service does not have", name)
		}
	}
}

// startHubWith starts a hub whose Server fields were set by configure
// before it serves.
func startHubWith(t *testing.T, svc office.Service, configure func(*Server)) *testHub {
	t.Helper()
	srv, err := NewServer(t.TempDir(), svc, testLogger())
	if err != nil {
		t.Fatal(err)
	}
	configure(srv)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	return &testHub{srv: srv, addr: ln.Addr().String(), svc: svc}
}

// TestWriteBusyAndReadsDoNotWait: while the write slot is taken, a write
// waits WriteWait, then is answered 503 busy with nothing committed; reads
// (today's tickets, a satker search, a report, settings) answer at once.
func TestWriteBusyAndReadsDoNotWait(t *testing.T) {
	st, _ := newOffice(t)
	st.Now = time.Now
	local := office.NewLocal(st)
	const wait = 300 * time.Millisecond
	h := startHubWith(t, local, func(s *Server) { s.WriteWait = wait })
	ctx := context.Background()
	adminDev := newClient(t, pair(t, h, "Admin"))
	admin, err := office.FirstRun(ctx, adminDev, office.Setup{Office: office.DemoOffice(), AdminUsername: "admin",
		AdminName: "Admin", AdminPassword: "rahasia1", Demo: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := adminDev.Login(ctx, "admin", "rahasia1"); err != nil {
		t.Fatal(err)
	}
	svcs, err := adminDev.Services(ctx)
	if err != nil {
		t.Fatal(err)
	}
	kioskCfg := pairAs(t, h, "Kios", KindKiosk)
	kiosk := newClient(t, kioskCfg)
	display := newClient(t, pairAs(t, h, "Layar", KindDisplay))

	h.srv.writes <- struct{}{} // a write that holds the slot
	held := true
	defer func() {
		if held {
			<-h.srv.writes
		}
	}()

	t.Run("write answers busy", func(t *testing.T) {
		t0 := time.Now()
		_, err := kiosk.IssueTicket(ctx, svcs[0].ID, "")
		took := time.Since(t0)
		wantCode(t, err, "busy")
		if took < wait || took > wait+5*time.Second {
			t.Fatalf("busy after %v, want about %v", took, wait)
		}
		if e, _ := asRefusal(err); !strings.Contains(e.Message, "tidak ada yang tersimpan") {
			t.Fatalf("busy message %q does not say nothing was saved", e.Message)
		}
		n, err := local.TicketsToday(ctx)
		if err != nil || len(n) != 0 {
			t.Fatalf("a busy write committed: %d tickets (%v)", len(n), err)
		}
	})
	t.Run("status 503", func(t *testing.T) {
		code, body := rawPost(t, h, kioskCfg, "/v1/tickets/issue", fmt.Sprintf(`{"service_id":%q}`, svcs[0].ID))
		if code != http.StatusServiceUnavailable || !strings.Contains(body, `"busy"`) {
			t.Fatalf("status %d body %s", code, body)
		}
	})
	reads := []struct {
		name string
		fn   func() error
	}{
		{"TicketsToday", func() error { _, err := adminDev.TicketsToday(ctx); return err }},
		{"TicketsChangedSince", func() error { _, _, err := display.TicketsChangedSince(ctx, -1); return err }},
		{"SearchSatkers", func() error { _, err := adminDev.SearchSatkers(ctx, "kppn"); return err }},
		{"ReportData", func() error {
			_, err := adminDev.ReportData(ctx, admin.ID, reports.MonthPeriod(time.Now()), reports.Filter{})
			return err
		}},
		{"Setting by a display", func() error { _, err := display.Setting(ctx, store.SettingRunningText); return err }},
		{"Holidays", func() error { _, err := display.Holidays(ctx); return err }},
	}
	for _, r := range reads {
		t.Run("read "+r.name, func(t *testing.T) {
			t0 := time.Now()
			if err := r.fn(); err != nil {
				t.Fatal(err)
			}
			if took := time.Since(t0); took >= wait {
				t.Fatalf("read took %v: it waited for the write slot", took)
			}
		})
	}
	<-h.srv.writes
	held = false
	if _, err := kiosk.IssueTicket(ctx, svcs[0].ID, ""); err != nil {
		t.Fatalf("issue once the slot is free: %v", err)
	}
}

// TestSettingsReadByAnyWrittenByAdmin: every paired kind reads settings
// (the kiosk and the display show the office's name and running text);
// only an admin changes them.
func TestSettingsReadByAnyWrittenByAdmin(t *testing.T) {
	st, _ := newOffice(t)
	local := office.NewLocal(st)
	h := startHub(t, t.TempDir(), local, "127.0.0.1:0")
	ctx := context.Background()
	adminDev := newClient(t, pair(t, h, "Admin"))
	admin, err := office.FirstRun(ctx, adminDev, office.Setup{Office: office.DemoOffice(), AdminUsername: "admin",
		AdminName: "Admin", AdminPassword: "rahasia1", Demo: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := adminDev.Login(ctx, "admin", "rahasia1"); err != nil {
		t.Fatal(err)
	}
	if err := adminDev.SaveSetting(ctx, admin.ID, store.SettingRunningText, "Selamat datang"); err != nil {
		t.Fatal(err)
	}
	for _, kind := range []string{KindKiosk, KindDisplay, KindSurvey, KindCounter} {
		c := newClient(t, pairAs(t, h, "Perangkat "+kind, kind))
		v, err := c.Setting(ctx, store.SettingRunningText)
		if err != nil || v != "Selamat datang" {
			t.Fatalf("%s reads %q, %v", kind, v, err)
		}
		if kind != KindCounter {
			err := c.SaveSetting(ctx, admin.ID, store.SettingRunningText, "diubah")
			wantCode(t, err, CodeDeviceKind)
		}
	}
	// A counter PC with a front-office officer logged in: refused too.
	offs, err := local.Officers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range offs {
		if o.Role == store.RoleFO && o.Active {
			fo := newClient(t, pair(t, h, "Loket FO"))
			if _, err := fo.Login(ctx, o.Username, office.DemoPassword); err != nil {
				t.Fatal(err)
			}
			wantCode(t, fo.SaveSetting(ctx, o.ID, store.SettingRunningText, "diubah"), "forbidden")
			break
		}
	}
	if v, _ := local.Setting(ctx, store.SettingRunningText); v != "Selamat datang" {
		t.Fatalf("running text became %q", v)
	}
}

// rawPost sends one JSON POST with the device's token and answers the
// status and body.
func rawPost(t *testing.T, h *testHub, cfg ClientConfig, path, body string) (int, string) {
	t.Helper()
	c := newClient(t, cfg)
	req, err := http.NewRequest(http.MethodPost, "https://"+h.addr+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+cfg.Token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	return resp.StatusCode, readAll(resp)
}

func readAll(resp *http.Response) string {
	var sb strings.Builder
	buf := make([]byte, 4096)
	for {
		n, err := resp.Body.Read(buf)
		sb.Write(buf[:n])
		if err != nil {
			return sb.String()
		}
	}
}

// listenChildEnv makes the test binary a hub that only listens (the
// process killed in TestListenAfterKill).
const listenChildEnv = "LOKET_TEST_LISTEN_CHILD"

func TestMain(m *testing.M) {
	if mode := os.Getenv(loadgenEnv); mode != "" { // the benchmarks' clients (loadgen_test.go)
		os.Exit(loadgenMain(mode))
	}
	if addr := os.Getenv(listenChildEnv); addr != "" {
		ln, err := Listen(context.Background(), addr, time.Second, nil)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		fmt.Println("ready")
		for {
			c, err := ln.Accept()
			if err != nil {
				os.Exit(3)
			}
			go func() { _, _ = c.Write([]byte("halo\n")) }() // keep it open
		}
	}
	os.Exit(m.Run())
}

// TestListenAfterKill: a hub killed with -9 while a device is connected
// leaves its connections to the kernel; a new hub binds the same port at
// once.
func TestListenAfterKill(t *testing.T) {
	probe, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := probe.Addr().String()
	probe.Close()
	for round := range 3 {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), listenChildEnv+"="+addr)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		buf := make([]byte, 6)
		if _, err := out.Read(buf); err != nil || string(buf) != "ready\n" {
			t.Fatalf("round %d: child said %q, %v", round, buf, err)
		}
		// Devices connected at the moment of the kill.
		var conns []net.Conn
		for range 5 {
			c, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			conns = append(conns, c)
			line := make([]byte, 5)
			if _, err := c.Read(line); err != nil {
				t.Fatal(err)
			}
		}
		if err := cmd.Process.Kill(); err != nil { // SIGKILL
			t.Fatal(err)
		}
		_ = cmd.Wait()
		t0 := time.Now()
		ln, err := Listen(context.Background(), addr, 5*time.Second, testLogger())
		if err != nil {
			t.Fatalf("round %d: rebind after kill -9: %v", round, err)
		}
		t.Logf("round %d: bound again after %v", round, time.Since(t0))
		// The new hub is really listening: a device reconnects.
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := ln.Accept()
			if err == nil {
				c.Close()
			}
		}()
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatalf("round %d: dial the new hub: %v", round, err)
		}
		c.Close()
		wg.Wait()
		ln.Close() // this side closes first: its connections linger in TIME_WAIT
		for _, c := range conns {
			c.Close()
		}
	}
}

// TestListenRetriesPortInUse: a port still held (the old hub still dying)
// is tried again until free; held past the retry window, the error says
// in Indonesian what to do.
func TestListenRetriesPortInUse(t *testing.T) {
	holder, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := holder.Addr().String()
	t.Run("gives up with a clear message", func(t *testing.T) {
		_, err := Listen(context.Background(), addr, 300*time.Millisecond, testLogger())
		if err == nil || !strings.Contains(err.Error(), "masih dipakai") {
			t.Fatalf("want a port-in-use message, got %v", err)
		}
	})
	t.Run("binds once freed", func(t *testing.T) {
		time.AfterFunc(400*time.Millisecond, func() { holder.Close() })
		ln, err := Listen(context.Background(), addr, 10*time.Second, testLogger())
		if err != nil {
			t.Fatal(err)
		}
		ln.Close()
	})
	t.Run("other errors at once", func(t *testing.T) {
		_, err := Listen(context.Background(), "256.0.0.1:1", 10*time.Second, testLogger())
		if err == nil || errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("want an immediate error, got %v", err)
		}
	})
}
