package web_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"loket/hub"
)

func (o *testOffice) get(t *testing.T, path string, cookies ...*http.Cookie) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, o.base+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cookies {
		req.AddCookie(c)
	}
	resp, err := o.httpc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestPhonePageRefusals: unknown and tampered codes, yesterday's ticket,
// and an address guessing codes are refused in Indonesian; the page of a
// ticket shows nothing of other tickets but counts.
func TestPhonePageRefusals(t *testing.T) {
	o := newTestOffice(t)
	// Yesterday's ticket: issued with the store's clock a day back.
	o.st.Now = func() time.Time { return time.Now().Add(-24 * time.Hour) }
	old := o.issue(t, "A")
	o.st.Now = time.Now
	a1 := o.issue(t, "A")
	a2 := o.issue(t, "A")
	mine := o.issue(t, "A")
	code := mine.PhoneCode
	tampered := code[:len(code)-1] + map[bool]string{true: "b", false: "a"}[strings.HasSuffix(code, "a")]

	cases := []struct {
		name, path string
		status     int
		contains   string
	}{
		{"own ticket", "/t/" + code, http.StatusOK, "Posisi ke-3"},
		{"unknown code", "/t/20261205-A001-aaaaaaaaaaaaaaaa", http.StatusNotFound, "Tiket tidak ditemukan"},
		{"tampered code", "/t/" + tampered, http.StatusNotFound, "Pindai ulang kode QR"},
		{"malformed code", "/t/%3Cscript%3E", http.StatusNotFound, "Tiket tidak ditemukan"},
		{"yesterday's ticket", "/t/" + old.PhoneCode, http.StatusGone, "hanya berlaku pada hari diterbitkan"},
		{"yesterday's stream", "/t/" + old.PhoneCode + "/events", http.StatusGone, "sudah tidak berlaku"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st, body := o.get(t, c.path)
			if st != c.status || !strings.Contains(body, c.contains) {
				t.Fatalf("%s: %d %q", c.path, st, body)
			}
			if strings.Contains(body, "<script>") {
				t.Fatalf("input echoed into the page: %q", body)
			}
		})
	}

	t.Run("knows nothing of other tickets", func(t *testing.T) {
		_, body := o.get(t, "/t/"+code)
		for _, other := range []string{a1.Code(), a2.Code(), old.Code(), a1.ID, a1.PhoneCode} {
			if strings.Contains(body, other) && other != mine.Code() {
				t.Fatalf("page of %s shows %q", mine.Code(), other)
			}
		}
		// The stream's first state likewise.
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, o.base+"/t/"+code+"/events", nil)
		resp, err := o.httpc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
			t.Fatalf("content type %q", ct)
		}
		sc := bufio.NewScanner(resp.Body)
		var data string
		for sc.Scan() {
			if d, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				data = d
				break
			}
		}
		if !strings.Contains(data, `"number":"`+mine.Code()+`"`) || !strings.Contains(data, `"waiting":3`) {
			t.Fatalf("first state %q", data)
		}
		for _, other := range []string{a1.Code(), a2.Code()} {
			if strings.Contains(data, other) {
				t.Fatalf("state shows %s: %q", other, data)
			}
		}
	})

	t.Run("guessing codes is throttled", func(t *testing.T) {
		limited := false
		for i := range 40 {
			st, body := o.get(t, "/t/20261205-A"+string(rune('0'+i%10))+"01-aaaaaaaaaaaaaaaa")
			if st == http.StatusTooManyRequests {
				if !strings.Contains(body, "Terlalu banyak permintaan") {
					t.Fatalf("429 body %q", body)
				}
				limited = true
				break
			}
		}
		if !limited {
			t.Fatal("40 unknown codes from one address were all answered")
		}
		// The guesser's own valid code is refused too for a while.
		if st, _ := o.get(t, "/t/"+code); st != http.StatusTooManyRequests {
			t.Fatalf("valid code from a throttled address: %d", st)
		}
	})
}

// TestLayarNeedsAPairedDisplay: without a display's token the browser gets
// the pairing page and no stream; a counter PC's token is no display's.
func TestLayarNeedsAPairedDisplay(t *testing.T) {
	o := newTestOffice(t)
	st, body := o.get(t, "/layar")
	if st != http.StatusOK || !strings.Contains(body, "Pasangkan layar antrean") || strings.Contains(body, "Nomor dipanggil") {
		t.Fatalf("unpaired /layar: %d %q", st, body)
	}
	if st, _ := o.get(t, "/layar/events"); st != http.StatusUnauthorized {
		t.Fatalf("unpaired stream: %d", st)
	}
	if st, _ := o.get(t, "/layar/events", &http.Cookie{Name: "loket_layar", Value: "tebakan"}); st != http.StatusUnauthorized {
		t.Fatalf("guessed token: %d", st)
	}
	if st, _ := o.get(t, "/layar/pair/tidak-ada"); st != http.StatusNotFound {
		t.Fatalf("unknown pairing: %d", st)
	}
}

// TestLayarPairingByHTTP: the browser's pairing flow gives the display
// token only as an HttpOnly cookie; the board then opens; a counter PC's
// token is no display's; a revoked display is back at the pairing page.
func TestLayarPairingByHTTP(t *testing.T) {
	o := newTestOffice(t)
	resp, err := o.httpc.PostForm(o.base+"/layar/pair", map[string][]string{"name": {"TV lobi"}})
	if err != nil {
		t.Fatal(err)
	}
	var start struct {
		RequestID string `json:"request_id"`
		Code      string `json:"code"`
	}
	err = json.NewDecoder(resp.Body).Decode(&start)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusAccepted || start.Code == "" {
		t.Fatalf("pair: %d %+v %v", resp.StatusCode, start, err)
	}
	if st, body := o.get(t, "/layar/pair/"+start.RequestID); st != http.StatusOK || !strings.Contains(body, `"pending"`) {
		t.Fatalf("poll before approval: %d %s", st, body)
	}
	d, err := o.srv.ApprovePairing(start.Code)
	if err != nil || d.Kind != "display" || d.Name != "TV lobi" {
		t.Fatalf("approve: %+v %v", d, err)
	}
	resp, err = o.httpc.Get(o.base + "/layar/pair/" + start.RequestID)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var cookie *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == "loket_layar" {
			cookie = c
		}
	}
	if cookie == nil || !cookie.HttpOnly || !cookie.Secure || cookie.SameSite != http.SameSiteStrictMode ||
		strings.Contains(string(body), cookie.Value) {
		t.Fatalf("approval answer %s, cookie %+v", body, cookie)
	}
	if st, page := o.get(t, "/layar", cookie); st != http.StatusOK || !strings.Contains(page, "Nomor dipanggil") {
		t.Fatalf("paired /layar: %d", st)
	}
	// The token was handed out once.
	if st, _ := o.get(t, "/layar/pair/"+start.RequestID); st != http.StatusNotFound {
		t.Fatalf("second collection: %d", st)
	}

	// A counter PC's token opens the API, not the board.
	pctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cfg, err := hub.Pair(pctx, strings.TrimPrefix(o.base, "https://"), "Loket 1", func(p hub.PairInfo) {
		if _, err := o.srv.ApprovePairing(p.Code); err != nil {
			t.Error(err)
		}
	}, hub.PairOptions{Poll: 5 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if st, _ := o.get(t, "/layar/events", &http.Cookie{Name: "loket_layar", Value: cfg.Token}); st != http.StatusUnauthorized {
		t.Fatalf("counter token on the board stream: %d", st)
	}

	if err := o.srv.RevokeDevice(d.ID); err != nil {
		t.Fatal(err)
	}
	if st, page := o.get(t, "/layar", cookie); st != http.StatusOK || !strings.Contains(page, "Pasangkan layar antrean") {
		t.Fatalf("revoked /layar: %d", st)
	}
	if st, _ := o.get(t, "/layar/events", cookie); st != http.StatusUnauthorized {
		t.Fatalf("revoked stream: %d", st)
	}
}
