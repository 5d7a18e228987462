package hub

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"loket/office"
)

// The phone pages over plain HTTP: a phone opens its ticket and follows
// it live without meeting the hub's certificate, and nothing else of the
// hub answers on that port (no API, no pairing, no browser display).
func TestPhonePagesOverPlainHTTP(t *testing.T) {
	st, _ := newOffice(t)
	local := office.NewLocal(st)
	h := startHub(t, t.TempDir(), local, "127.0.0.1:0")
	ctx := context.Background()
	if _, err := office.FirstRun(ctx, local, office.Setup{Office: office.DemoOffice(), AdminUsername: "admin",
		AdminName: "Admin", AdminPassword: "rahasia1", Demo: true}); err != nil {
		t.Fatal(err)
	}
	svcs, err := local.Services(ctx)
	if err != nil || len(svcs) == 0 {
		t.Fatalf("services %v, %v", svcs, err)
	}
	tk, err := local.IssueTicket(ctx, svcs[0].ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if tk.PhoneCode == "" {
		t.Fatal("the ticket has no phone code")
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	sctx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- h.srv.ServePhonePages(sctx, ln) }()
	base := "http://" + ln.Addr().String()
	get := func(path string) (int, string) {
		t.Helper()
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}

	code, body := get("/t/" + tk.PhoneCode)
	if code != http.StatusOK || !strings.Contains(body, tk.Code()) {
		t.Fatalf("phone page: %d\n%.600s", code, body)
	}
	if code, _ := get("/web/voice/nomor-antrean.wav"); code != http.StatusOK && code != http.StatusNotFound {
		t.Errorf("voice clip: %d", code)
	}
	altered := []byte(tk.PhoneCode)
	altered[len(altered)-1] ^= 1
	if code, _ := get("/t/" + string(altered)); code != http.StatusNotFound {
		t.Errorf("an altered code: %d, want 404", code)
	}
	for _, path := range []string{"/v1/services", "/v1/events", "/layar", "/pair", "/v1/call"} {
		if code, _ := get(path); code != http.StatusNotFound && code != http.StatusMethodNotAllowed {
			t.Errorf("%s answers %d on the phone port", path, code)
		}
	}

	// The live stream: the first state, then the call as it happens.
	resp, err := http.Get(base + "/t/" + tk.PhoneCode + "/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("events: %s", ct)
	}
	lines := make(chan string, 64)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	waitFor := func(want string) {
		t.Helper()
		deadline := time.After(10 * time.Second)
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					t.Fatalf("the stream ended before %q", want)
				}
				if strings.Contains(l, want) {
					return
				}
			case <-deadline:
				t.Fatalf("no %q within 10 s", want)
			}
		}
	}
	waitFor("event: state")
	sess := openAsFO1(t, local, svcs[0].ID)
	if _, err := local.CallNext(ctx, sess.ID); err != nil {
		t.Fatal(err)
	}
	waitFor(`"called"`)

	// The hub stops: the phone port closes with it.
	stop()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("phone pages: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the phone port did not close within 10 s of the hub stopping")
	}
	if _, err := http.Get(base + "/t/" + tk.PhoneCode); err == nil {
		t.Error("the phone port still answers after the hub stopped")
	}
}
