package janji_test

import (
	"context"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"loket/booking"
	"loket/central"
	"loket/store"
	"loket/tlspin"
	"loket/web/janji"
	"loket/workday"
)

// From the office's admin setting to the office's list: the office sends
// its configuration on its exchange, the page offers its service, a
// visitor books, and the next exchange brings the booking to the office.
func TestOfficeConfigToPageToOffice(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(filepath.Join(t.TempDir(), "loket.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.SaveOffice(ctx, "", store.Office{Code: "K777", Name: "KPPN Medan II", Zone: "Asia/Jakarta"}); err != nil {
		t.Fatal(err)
	}
	sv, err := st.SaveService(ctx, "", store.Service{Prefix: "A", Name: "Penerbitan SP2D", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	conf := booking.DefaultConfig()
	conf.Enabled, conf.DaysAhead = true, 5
	conf.Services = []booking.ServiceQuota{{ID: sv.ID, Name: sv.Name, Quota: 3}}
	if err := st.SaveSetting(ctx, "", store.SettingBookingConfig, conf.Format()); err != nil {
		t.Fatal(err)
	}

	db, err := central.OpenDB(ctx, filepath.Join(t.TempDir(), "pusat.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tok, hash, _ := central.NewToken()
	if err := db.AddOffice(ctx, "K777", "KPPN Medan II", hash); err != nil {
		t.Fatal(err)
	}
	cal, _ := workday.DefaultCalendar()
	h, err := janji.New(db, cal, quiet, janji.Options{MinFormAge: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	mux := serveFrom(h, monday0700)
	mux.Handle("/", (&central.Server{DB: db, Logger: quiet}).Handler())
	srv := newTLSServer(t, mux)
	cfg := central.Config{URL: srv.URL, Token: tok, PinSHA256: tlspin.Fingerprint(srv.Certificate().Raw), Attempts: 1}

	if _, err := central.ExchangeBookings(ctx, st, cfg); err != nil {
		t.Fatal(err)
	}
	c := srv.Client()
	_, body := get(t, c, srv.URL+"/janji-temu?kantor=K777")
	if !strings.Contains(body, "Penerbitan SP2D") {
		t.Fatalf("the office's service is not offered:\n%s", body)
	}
	_, body = get(t, c, srv.URL+"/janji-temu?kantor=K777&layanan="+url.QueryEscape(sv.ID))
	tokn, sum := answer(t, body)
	slot := regexp.MustCompile(`name="slot" value="([^"]+)"`).FindStringSubmatch(body)
	if slot == nil {
		t.Fatalf("no slot:\n%s", body)
	}
	time.Sleep(1100 * time.Millisecond)
	code, body, final := post(t, c, srv.URL+"/janji-temu", url.Values{"kantor": {"K777"}, "layanan": {sv.ID},
		"slot": {slot[1]}, "nama": {"Rahmat Hidayat"}, "hp": {"085277001122"}, "token": {tokn}, "jawaban": {sum}})
	if code != 200 || !strings.HasPrefix(final.Path, "/janji-temu/kode/") {
		t.Fatalf("booking: %d\n%s", code, body)
	}
	bcode := strings.TrimPrefix(final.Path, "/janji-temu/kode/")

	if n, err := central.ExchangeBookings(ctx, st, cfg); err != nil || n != 1 {
		t.Fatalf("exchange: %d, %v", n, err)
	}
	list, _ := st.PulledBookings(ctx, time.Time{}, time.Time{})
	if len(list) != 1 || list[0].Code != bcode || list[0].Name != "Rahmat Hidayat" || list[0].ServiceID != sv.ID ||
		list[0].PhoneMasked != "0852****1122" || list[0].SlotStart.Format(time.RFC3339) != slot[1] {
		t.Fatalf("office list %+v", list)
	}
}
