package janji_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"loket/booking"
	"loket/central"
	"loket/web/janji"
	"loket/workday"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// monday0700 is a Monday 07:00 WIB: the day's slots from 08:00 are open.
var monday0700 = time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)

// site is the booking page over a SQLite central store with two offices
// open for bookings, on a clock that starts at monday0700 and runs.
type site struct {
	db  central.DB
	bdb central.BookingDB
	h   *janji.Handler
	srv *httptest.Server
}

func newSite(t testing.TB, opt janji.Options) *site {
	t.Helper()
	ctx := context.Background()
	db, err := central.OpenDB(ctx, filepath.Join(t.TempDir(), "pusat.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	bdb := db.(central.BookingDB)
	for _, o := range []struct{ code, name string }{{"K001", "KPPN Jakarta I"}, {"K002", "KPPN Bandung"}} {
		_, hash, _ := central.NewToken()
		if err := db.AddOffice(ctx, o.code, o.name, hash); err != nil {
			t.Fatal(err)
		}
		c := booking.DefaultConfig()
		c.Enabled = true
		c.Hours = "tutup;08:00-12:00;08:00-12:00;08:00-12:00;08:00-12:00;08:00-11:00;tutup"
		c.DaysAhead = 7
		c.Services = []booking.ServiceQuota{{ID: o.code + "-S1", Name: "Konsultasi SP2D", Quota: 2},
			{ID: o.code + "-S2", Name: "Pengembalian Dokumen", Quota: 4}}
		if err := bdb.PutBookingConfig(ctx, o.code, c.Format()); err != nil {
			t.Fatal(err)
		}
	}
	cal, err := workday.DefaultCalendar()
	if err != nil {
		t.Fatal(err)
	}
	if opt.MinFormAge == 0 {
		opt.MinFormAge = time.Second
	}
	h, err := janji.New(db, cal, quiet, opt)
	if err != nil {
		t.Fatal(err)
	}
	mux := serveFrom(h, monday0700)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return &site{db: db, bdb: bdb, h: h, srv: srv}
}

// serveFrom starts h's clock at at (then running in real time, so the
// form's minimum age passes) and registers its routes on a new mux.
func serveFrom(h *janji.Handler, at time.Time) *http.ServeMux {
	started := time.Now()
	h.Now = func() time.Time { return at.Add(time.Since(started)) }
	mux := http.NewServeMux()
	h.Register(mux)
	return mux
}

var (
	questionRe = regexp.MustCompile(`Berapa hasil (\d+) (?:\+|&#43;) (\d+)\?`)
	tokenRe    = regexp.MustCompile(`name="token" value="([^"]+)"`)
	slotRe     = regexp.MustCompile(`name="slot" value="([^"]+)" required><span>[^<]*<small>sisa`)
)

// answer solves the page's security question.
func answer(t testing.TB, body string) (token, sum string) {
	t.Helper()
	q := questionRe.FindStringSubmatch(body)
	tok := tokenRe.FindStringSubmatch(body)
	if q == nil || tok == nil {
		t.Fatalf("no security question in the page:\n%s", body)
	}
	a, _ := strconv.Atoi(q[1])
	b, _ := strconv.Atoi(q[2])
	return tok[1], strconv.Itoa(a + b)
}

func get(t testing.TB, c *http.Client, u string) (int, string) {
	t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func post(t testing.TB, c *http.Client, u string, v url.Values) (int, string, *url.URL) {
	t.Helper()
	resp, err := c.PostForm(u, v)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Request.URL
}

func client() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar}
}

// bookForm fetches step 3 for K001-S1, answers its question and returns
// the values to post with the first slot with a regular place left.
func (s *site) bookForm(t testing.TB, c *http.Client, name, phone string) url.Values {
	t.Helper()
	code, body := get(t, c, s.srv.URL+"/janji-temu?kantor=K001&layanan=K001-S1")
	if code != 200 {
		t.Fatalf("step 3: %d\n%s", code, body)
	}
	tok, sum := answer(t, body)
	slot := slotRe.FindStringSubmatch(body)
	if slot == nil {
		t.Fatalf("no free slot:\n%s", body)
	}
	return url.Values{"kantor": {"K001"}, "layanan": {"K001-S1"}, "slot": {slot[1]}, "nama": {name}, "hp": {phone},
		"satker": {""}, "token": {tok}, "jawaban": {sum}}
}

func TestBookingPageFlow(t *testing.T) {
	s := newSite(t, janji.Options{})
	c := client()
	// Step 1 lists the open offices, step 2 their services.
	code, body := get(t, c, s.srv.URL+"/janji-temu")
	if code != 200 || !strings.Contains(body, "KPPN Jakarta I") || !strings.Contains(body, "KPPN Bandung") {
		t.Fatalf("step 1: %d\n%s", code, body)
	}
	code, body = get(t, c, s.srv.URL+"/janji-temu?kantor=K001")
	if code != 200 || !strings.Contains(body, "Konsultasi SP2D") || !strings.Contains(body, `value="K001-S2"`) {
		t.Fatalf("step 2: %d\n%s", code, body)
	}
	v := s.bookForm(t, c, "  Siti   Aminah ", "+62 812-3456-7890")
	if !strings.Contains(v.Get("slot"), "2027-03-01T01:00:00Z") {
		t.Fatalf("first slot %s, want Monday 08:00 WIB", v.Get("slot"))
	}
	time.Sleep(time.Second)
	code, body, final := post(t, c, s.srv.URL+"/janji-temu", v)
	if code != 200 || !strings.HasPrefix(final.Path, "/janji-temu/kode/") {
		t.Fatalf("booking: %d at %s\n%s", code, final, body)
	}
	bcode := strings.TrimPrefix(final.Path, "/janji-temu/kode/")
	b, err := s.bdb.BookingByCode(context.Background(), bcode)
	if err != nil {
		t.Fatal(err)
	}
	if b.Name != "Siti Aminah" || b.PhoneMasked != "0812****7890" || b.Office != "K001" || b.ServiceID != "K001-S1" {
		t.Fatalf("stored %+v", b)
	}
	for _, want := range []string{bcode, "Senin, 1 Maret 2027, pukul 08.00–08.30 WIB", "KPPN Jakarta I", "/janji-temu/qr/" + bcode + ".png"} {
		if !strings.Contains(body, want) {
			t.Fatalf("booking page lacks %q:\n%s", want, body)
		}
	}
	resp, err := c.Get(s.srv.URL + "/janji-temu/qr/" + bcode + ".png")
	if err != nil {
		t.Fatal(err)
	}
	png, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.Header.Get("Content-Type") != "image/png" || len(png) < 200 || string(png[1:4]) != "PNG" {
		t.Fatalf("QR: %s, %d bytes", resp.Header.Get("Content-Type"), len(png))
	}

	// The same phone again for the same service and day is refused, the
	// form keeps what was typed.
	v2 := s.bookForm(t, c, "Siti Aminah", "081234567890")
	time.Sleep(time.Second)
	code, body, _ = post(t, c, s.srv.URL+"/janji-temu", v2)
	if code != http.StatusConflict || !strings.Contains(body, "sudah memiliki janji temu") || !strings.Contains(body, `value="081234567890"`) {
		t.Fatalf("second booking of the phone: %d\n%s", code, body[strings.Index(body, "<main"):])
	}

	// Move once, then no more; cancel.
	code, body = get(t, c, s.srv.URL+"/janji-temu/ubah?kode="+strings.ToLower(bcode))
	if code != 200 || strings.Contains(body, `value="2027-03-01T01:00:00Z"`) {
		t.Fatalf("move page: %d (the current slot must not be offered)\n%s", code, body)
	}
	tok, sum := answer(t, body)
	time.Sleep(time.Second)
	code, body, final = post(t, c, s.srv.URL+"/janji-temu/ubah", url.Values{"kode": {bcode}, "slot": {"2027-03-01T02:00:00Z"},
		"token": {tok}, "jawaban": {sum}})
	if code != 200 || final.Query().Get("ok") != "ubah" || !strings.Contains(body, "pukul 09.00–09.30 WIB") {
		t.Fatalf("move: %d %s\n%s", code, final, body)
	}
	code, body = get(t, c, s.srv.URL+"/janji-temu/ubah?kode="+bcode)
	if code != http.StatusConflict || !strings.Contains(body, "hanya boleh satu kali") {
		t.Fatalf("second move: %d\n%s", code, body)
	}
	tok, sum = answer(t, body)
	time.Sleep(time.Second)
	code, body, final = post(t, c, s.srv.URL+"/janji-temu/batal", url.Values{"kode": {bcode}, "token": {tok}, "jawaban": {sum}})
	if code != 200 || final.Query().Get("ok") != "batal" || !strings.Contains(body, "Dibatalkan") {
		t.Fatalf("cancel: %d\n%s", code, body)
	}
}

func TestBookingPageRefusesBadInput(t *testing.T) {
	s := newSite(t, janji.Options{PostBurst: 100})
	c := client()
	cases := []struct {
		name   string
		edit   func(v url.Values)
		wait   bool
		status int
		want   string
	}{
		{"no name", func(v url.Values) { v.Set("nama", " ") }, true, 400, "Nama wajib diisi"},
		{"landline", func(v url.Values) { v.Set("hp", "021-3449230") }, true, 400, "nomor seluler Indonesia"},
		{"letters in phone", func(v url.Values) { v.Set("hp", "0812abc") }, true, 400, "hanya boleh berisi angka"},
		{"satker of 5 digits", func(v url.Values) { v.Set("satker", "12345") }, true, 400, "6 angka"},
		{"slot not offered", func(v url.Values) { v.Set("slot", "2027-03-01T01:10:00Z") }, true, 400, "sudah tidak tersedia"},
		{"slot garbage", func(v url.Values) { v.Set("slot", "besok") }, true, 400, "Pilih salah satu waktu"},
		{"unknown service", func(v url.Values) { v.Set("layanan", "X") }, true, 400, "Layanan yang dipilih"},
		{"wrong answer", func(v url.Values) { v.Set("jawaban", "99") }, true, 400, "Jawaban pertanyaan keamanan salah"},
		{"forged token", func(v url.Values) { v.Set("token", v.Get("token")[:10]+"x") }, true, 400, "Jawaban pertanyaan keamanan salah"},
		{"honeypot filled", func(v url.Values) { v.Set("situs", "http://spam") }, true, 400, "Jawaban pertanyaan keamanan salah"},
		{"sent at once", func(url.Values) {}, false, 400, "terlalu cepat"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v := s.bookForm(t, c, "Budi Santoso", "081298765432")
			tc.edit(v)
			if tc.wait {
				time.Sleep(1100 * time.Millisecond)
			}
			code, body, _ := post(t, c, s.srv.URL+"/janji-temu", v)
			if code != tc.status || !strings.Contains(body, tc.want) {
				t.Fatalf("%d, want %d with %q:\n%s", code, tc.status, tc.want, body)
			}
			if tc.name == "no name" && !strings.Contains(body, `value="081298765432"`) {
				t.Fatal("the phone typed was lost")
			}
		})
	}
	// A question answered once cannot be replayed.
	v := s.bookForm(t, c, "Budi Santoso", "081298765432")
	time.Sleep(1100 * time.Millisecond)
	if code, body, _ := post(t, c, s.srv.URL+"/janji-temu", v); code != 200 {
		t.Fatalf("good booking: %d\n%s", code, body)
	}
	v.Set("hp", "081200000001")
	if code, body, _ := post(t, c, s.srv.URL+"/janji-temu", v); code != 400 || !strings.Contains(body, "keamanan salah") {
		t.Fatalf("replayed question: %d\n%s", code, body)
	}
	// A body far larger than any form is refused without being read.
	big := url.Values{"nama": {strings.Repeat("x", 100<<10)}}
	if code, body, _ := post(t, c, s.srv.URL+"/janji-temu", big); code != 400 || !strings.Contains(body, "Formulir tidak dapat dibaca") {
		t.Fatalf("large body: %d\n%s", code, body)
	}
	// Lookups: a code of the wrong shape, an unknown one.
	if code, body := get(t, c, s.srv.URL+"/janji-temu/kode?kode=abc"); code != 400 || !strings.Contains(body, "8 huruf dan angka") {
		t.Fatalf("bad code: %d\n%s", code, body)
	}
	if code, body := get(t, c, s.srv.URL+"/janji-temu/kode/ABCDEFGH"); code != 404 || !strings.Contains(body, "tidak ditemukan") {
		t.Fatalf("unknown code: %d\n%s", code, body)
	}
	if code, _ := get(t, c, s.srv.URL+"/janji-temu?kantor=K999"); code != 404 {
		t.Fatalf("unknown office: %d", code)
	}
}

func TestBookingPageFullSlotAndRateLimit(t *testing.T) {
	s := newSite(t, janji.Options{PostBurst: 3, PostEvery: time.Hour})
	c := client()
	// Quota 2 with 20% for priority: one regular place, one kept.
	v := s.bookForm(t, c, "Budi Santoso", "081200000001")
	slot := v.Get("slot")
	time.Sleep(1100 * time.Millisecond)
	if code, body, _ := post(t, c, s.srv.URL+"/janji-temu", v); code != 200 {
		t.Fatalf("first: %d\n%s", code, body)
	}
	_, body := get(t, c, s.srv.URL+"/janji-temu?kantor=K001&layanan=K001-S1")
	if !strings.Contains(body, `value="`+slot+`" required><span>08.00–08.30<small>khusus prioritas`) {
		t.Fatalf("the slot with only the priority place left is not marked:\n%s", body)
	}
	v = s.bookForm(t, c, "Ani", "081200000002")
	v.Set("slot", slot)
	time.Sleep(1100 * time.Millisecond)
	if code, body, _ := post(t, c, s.srv.URL+"/janji-temu", v); code != http.StatusConflict || !strings.Contains(body, "sudah penuh") {
		t.Fatalf("regular into the kept place: %d\n%s", code, body)
	}
	v = s.bookForm(t, c, "Ani", "081200000002")
	v.Set("slot", slot)
	v.Set("prioritas", "1")
	time.Sleep(1100 * time.Millisecond)
	if code, body, _ := post(t, c, s.srv.URL+"/janji-temu", v); code != 200 {
		t.Fatalf("priority into the kept place: %d\n%s", code, body)
	}
	// The fourth form from the address within the hour is refused.
	v = s.bookForm(t, c, "Citra", "081200000003")
	time.Sleep(1100 * time.Millisecond)
	if code, body, _ := post(t, c, s.srv.URL+"/janji-temu", v); code != http.StatusTooManyRequests || !strings.Contains(body, "Terlalu banyak permintaan") {
		t.Fatalf("rate limit: %d\n%s", code, body)
	}
}

func newTLSServer(t testing.TB, h http.Handler) *httptest.Server {
	t.Helper()
	srv := httptest.NewTLSServer(h)
	t.Cleanup(srv.Close)
	return srv
}
