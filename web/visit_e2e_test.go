package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"loket/booking"
	"loket/central"
	"loket/store"
	"loket/tlspin"
	"loket/web/janji"
	"loket/workday"
)

// visitDay is Monday 1 March 2027, 07:30 WIB: the day's first slot (08:00)
// is bookable (15 minutes ahead) and its check-in is open (an hour before).
var visitDay = time.Date(2027, 3, 1, 0, 30, 0, 0, time.UTC)

var sumRe = regexp.MustCompile(`(\d+) \+ (\d+)`)

// TestVisitorEndToEndInChromium is issue 23's "done when", both halves
// together: a visitor books on the centre's /janji-temu page in Chromium;
// the office's booking exchange brings the booking to the hub; the kiosk
// checks the visitor in by the code (office.Service.CheckIn, what the
// kiosk calls); the stub's phone link opens /t/<code> in one tab while a
// browser display paired on /layar (approved as the admin does) runs in
// another; a counter calls the ticket and both pages show the call.
func TestVisitorEndToEndInChromium(t *testing.T) {
	ctx0 := context.Background()
	started := time.Now()
	clock := func() time.Time { return visitDay.Add(time.Since(started)) }
	o := newTestOfficeAt(t, clock)
	svA := o.svcs["A"]
	conf := booking.DefaultConfig()
	conf.Enabled, conf.DaysAhead = true, 3
	conf.Services = []booking.ServiceQuota{{ID: svA.ID, Name: svA.Name, Quota: 2}}
	if err := o.st.SaveSetting(ctx0, "", store.SettingBookingConfig, conf.Format()); err != nil {
		t.Fatal(err)
	}
	off, err := o.st.Office(ctx0)
	if err != nil {
		t.Fatal(err)
	}

	// The centre: its sync API and the booking page on one TLS server.
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	db, err := central.OpenDB(ctx0, filepath.Join(t.TempDir(), "pusat.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	tok, hash, _ := central.NewToken()
	if err := db.AddOffice(ctx0, off.Code, off.Name, hash); err != nil {
		t.Fatal(err)
	}
	cal, _ := workday.DefaultCalendar()
	h, err := janji.New(db, cal, quiet, janji.Options{MinFormAge: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	h.Now = clock
	mux := http.NewServeMux()
	h.Register(mux)
	mux.Handle("/", (&central.Server{DB: db, Logger: quiet}).Handler())
	centre := httptest.NewTLSServer(mux)
	t.Cleanup(centre.Close)
	cfg := central.Config{URL: centre.URL, Token: tok, PinSHA256: tlspin.Fingerprint(centre.Certificate().Raw), Attempts: 1}
	// The first exchange sends the office's slots and quotas up.
	if _, err := central.ExchangeBookings(ctx0, o.st, cfg); err != nil {
		t.Fatalf("first exchange: %v", err)
	}

	ctx := browser(t)
	css := func(sel string) chromedp.CSS { return chromedp.CSS(sel) }
	solve := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		q, err := chromedp.Text(css(`label[for="jawaban"]`))(ctx, tg)
		if err != nil {
			return err
		}
		m := sumRe.FindStringSubmatch(q)
		if m == nil {
			t.Fatalf("no security question in %q", q)
		}
		a, _ := strconv.Atoi(m[1])
		b, _ := strconv.Atoi(m[2])
		_, err = chromedp.SendKeys(css(`#jawaban`), strconv.Itoa(a+b))(ctx, tg)
		return err
	})
	if err := chromedp.Do(ctx,
		chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(1), chromedp.EmulateMobile),
		chromedp.Navigate(centre.URL+"/janji-temu"),
		chromedp.WaitVisible(css(`#kantor`)),
		chromedp.SetValue(css(`#kantor`), off.Code),
		chromedp.Click(css(`button[type=submit]`)),
		chromedp.WaitVisible(css(`input[name=layanan]`)),
		chromedp.Click(css(`input[name=layanan][value="`+svA.ID+`"]`)),
		chromedp.Click(css(`button[type=submit]`)),
		chromedp.WaitVisible(css(`#nama`)),
		chromedp.Click(css(`details[open] label.slot span`)), // the first slot, 08.00
		chromedp.SendKeys(css(`#nama`), "Siti Aminah"),
		chromedp.SendKeys(css(`#hp`), "0812 3456 7890"),
		solve,
		chromedp.Sleep(1200*time.Millisecond),
		chromedp.Click(css(`form button[type=submit]`)),
		chromedp.WaitVisible(css(`.code`)),
	); err != nil {
		html, _ := chromedp.Run(ctx, chromedp.OuterHTML(css("body")))
		t.Fatalf("booking in the browser: %v\n%s", err, html)
	}
	code := text(t, ctx, ".code")
	if _, ok := booking.CleanCode(code); !ok {
		t.Fatalf("booking code on the page %q", code)
	}

	// The office's exchange brings it down.
	if n, err := central.ExchangeBookings(ctx0, o.st, cfg); err != nil || n != 1 {
		t.Fatalf("exchange after the booking: %d, %v", n, err)
	}
	// Check-in at the kiosk, by the code as a scanner types it.
	tk, err := o.svc.CheckIn(ctx0, " "+strings.ToLower(code)+"\n")
	if err != nil {
		t.Fatalf("check-in: %v", err)
	}
	if tk.ServiceID != svA.ID || tk.PhoneCode == "" || tk.Booking == nil || tk.Booking.Code != code {
		t.Fatalf("checked-in ticket %+v", tk)
	}
	wantSlot := time.Date(2027, 3, 1, 1, 0, 0, 0, time.UTC)
	if !tk.Booking.Start.Equal(wantSlot) {
		t.Fatalf("ticket's slot %v, want 08.00 WIB", tk.Booking.Start)
	}

	// The display pairs on /layar and is approved.
	if err := chromedp.Do(ctx,
		chromedp.EmulateViewport(1920, 1080, chromedp.EmulateScale(1)),
		chromedp.Navigate(o.base+"/layar"),
		chromedp.WaitVisible(css("#pairform")),
		chromedp.SetValue(css("#name"), "TV ruang tunggu"),
		chromedp.Click(css("#pairform button")),
		chromedp.WaitVisible(css("#code")),
	); err != nil {
		t.Fatal(err)
	}
	if _, err := o.srv.ApprovePairing(text(t, ctx, "#code")); err != nil {
		t.Fatal(err)
	}
	// The pairing page reloads itself into the board: poll across the
	// reload, which aborts an evaluation in flight.
	for i := 0; ; i++ {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!document.querySelector(".board")`))
		if err == nil && ok {
			break
		}
		if i == 150 {
			t.Fatalf("no board after the approval: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	waitJS(t, ctx, `document.getElementById("total").textContent === "1"`, "the booked visitor waiting on the display")

	// The phone page of the ticket, in another tab.
	phone, cancel := chromedp.NewContext(ctx)
	defer cancel()
	if err := chromedp.Do(phone,
		chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(1), chromedp.EmulateMobile),
		chromedp.Navigate(o.base+"/t/"+tk.PhoneCode),
		chromedp.WaitVisible(css("#headline")),
	); err != nil {
		t.Fatal(err)
	}
	if got := text(t, phone, "#number"); got != tk.Code() {
		t.Fatalf("phone page number %q, want %q", got, tk.Code())
	}
	if got := text(t, phone, "#headline"); got != "Posisi ke-1" {
		t.Fatalf("phone page headline %q", got)
	}

	// A counter calls: the booked visitor.
	sess := o.open(t, "fo1", 1, "A")
	called := o.call(t, sess)
	if called.ID != tk.ID {
		t.Fatalf("called %s, want the booked visitor %s", called.Code(), tk.Code())
	}
	waitJS(t, phone, `document.body.dataset.status === "called"`, "the call on the phone page")
	if got := text(t, phone, "#headline"); got != "Silakan ke Loket 1" {
		t.Fatalf("phone page after the call %q", got)
	}
	waitJS(t, ctx, `document.body.dataset.call === "`+tk.Code()+`@1"`, "the call on the browser display")
	if got := text(t, ctx, "#latest-number"); got != tk.Code() {
		t.Fatalf("display's latest call %q, want %q", got, tk.Code())
	}
	if b, err := o.st.BookingByCode(ctx0, code); err != nil || b.Status != store.BookingCheckedIn || b.TicketID != tk.ID {
		t.Fatalf("booking after the check-in %+v %v", b, err)
	}
	// The next exchange pushes the check-in up.
	if _, err := central.ExchangeBookings(ctx0, o.st, cfg); err != nil {
		t.Fatal(err)
	}
	if cb, err := db.(central.BookingDB).BookingByCode(ctx0, code); err != nil || cb.Status != store.BookingCheckedIn ||
		cb.CheckedInTicketID != tk.ID {
		t.Fatalf("centre's booking after the push %+v %v", cb, err)
	}
}
