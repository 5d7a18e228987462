package janji_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"loket/booking"
	"loket/web/janji"
)

// chromium starts headless Chromium (Debian's package) at phone size,
// 390×844. Under the ci tag a missing browser fails the test.
func chromium(t *testing.T) context.Context {
	t.Helper()
	var path string
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			path = p
			break
		}
	}
	if path == "" {
		if requireBrowser {
			t.Fatal("Chromium tidak ditemukan: pasang paket Debian chromium")
		}
		t.Skip("Chromium tidak ditemukan: pasang paket Debian chromium")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.WindowSize(390, 844), chromedp.UserDataDir(t.TempDir()))
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelT(); cancelC(); cancelA() })
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(1))); err != nil {
		t.Fatalf("chromium: %v", err)
	}
	return ctx
}

// shot saves a full-page screenshot to LOKET_SCREENSHOTS (when set), so a
// person can look at the page at phone size.
func shot(name string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		dir := os.Getenv("LOKET_SCREENSHOTS")
		if dir == "" {
			return nil
		}
		png, err := chromedp.FullScreenshot(90)(ctx, t)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644)
	})
}

var sumRe = regexp.MustCompile(`(\d+) \+ (\d+)`)

// solve reads the security question on the page and types its answer.
func solve() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		q, err := chromedp.Text(chromedp.CSS(`label[for="jawaban"]`))(ctx, t)
		if err != nil {
			return err
		}
		m := sumRe.FindStringSubmatch(q)
		if m == nil {
			return &textErr{"no sum in " + q}
		}
		a, _ := strconv.Atoi(m[1])
		b, _ := strconv.Atoi(m[2])
		_, err = chromedp.SendKeys(chromedp.CSS(`#jawaban`), strconv.Itoa(a+b))(ctx, t)
		return err
	})
}

type textErr struct{ s string }

func (e *textErr) Error() string { return e.s }

// TestBookingPageInChromium books through the real page in headless
// Chromium at phone size, by keyboard and taps as a visitor would: office,
// service, slot, name, phone, the security question; then reads the code
// and finds the booking in the centre's store.
func TestBookingPageInChromium(t *testing.T) {
	s := newSite(t, janji.Options{})
	ctx := chromium(t)
	css := func(sel string) chromedp.CSS { return chromedp.CSS(sel) }
	err := chromedp.Do(ctx,
		chromedp.Navigate(s.srv.URL+"/janji-temu"),
		chromedp.WaitVisible(css(`#kantor`)),
		shot("1-kantor"),
		chromedp.SetValue(css(`#kantor`), "K001"),
		chromedp.Click(css(`button[type=submit]`)),
		chromedp.WaitVisible(css(`input[name=layanan]`)),
		shot("2-layanan"),
		chromedp.Click(css(`input[name=layanan][value="K001-S1"]`)),
		chromedp.Click(css(`button[type=submit]`)),
		chromedp.WaitVisible(css(`#nama`)),
		// The slot's radio is visually hidden behind its chip: tap the chip.
		chromedp.Click(css(`details[open] label.slot:nth-of-type(2) span`)),
		chromedp.SendKeys(css(`#nama`), "Siti Aminah"),
		chromedp.SendKeys(css(`#hp`), "0812 3456 7890"),
		chromedp.SendKeys(css(`#satker`), "123456"),
		solve(),
		shot("3-form"),
		chromedp.Sleep(1200*time.Millisecond), // the form must be open a moment
		chromedp.Click(css(`form button[type=submit]`)),
		chromedp.WaitVisible(css(`.code`)),
		chromedp.WaitReady(css(`img.qr`)),
		shot("4-kode"),
	)
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	code, err := chromedp.Run(ctx, chromedp.Text(css(`.code`)))
	if err != nil {
		t.Fatal(err)
	}
	when, err := chromedp.Run(ctx, chromedp.Text(css(`dl`)))
	if err != nil {
		t.Fatal(err)
	}
	// The QR image loads after the page: wait for it.
	var qrWidth int
	for range 100 {
		if qrWidth, err = chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelector("img.qr").naturalWidth`)); err != nil {
			t.Fatal(err)
		}
		if qrWidth > 0 {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	code = strings.TrimSpace(code)
	if _, ok := booking.CleanCode(code); !ok {
		t.Fatalf("code on the page %q", code)
	}
	b, err := s.bdb.BookingByCode(context.Background(), code)
	if err != nil {
		t.Fatal(err)
	}
	if b.Name != "Siti Aminah" || b.Satker != "123456" || b.PhoneMasked != "0812****7890" ||
		b.SlotStart != time.Date(2027, 3, 1, 1, 30, 0, 0, time.UTC) {
		t.Fatalf("stored %+v", b)
	}
	if !strings.Contains(when, "08.30–09.00 WIB") || qrWidth != 320 {
		t.Fatalf("page shows %q, QR width %d", when, qrWidth)
	}

	// Move: the page offers the other slots; a wrong answer is refused
	// with the reason and the choice kept for another try.
	err = chromedp.Do(ctx,
		chromedp.Click(css(`a.btn.alt`)),
		chromedp.WaitVisible(css(`form[action="/janji-temu/ubah"]`)),
		chromedp.Click(css(`details[open] label.slot:nth-of-type(3) span`)),
		chromedp.SendKeys(css(`#jawaban`), "99"),
		chromedp.Sleep(1200*time.Millisecond),
		chromedp.Click(css(`form button[type=submit]`)),
		chromedp.WaitVisible(css(`.alert.err`)),
		shot("5-ubah-galat"),
	)
	if err != nil {
		t.Fatalf("move: %v", err)
	}
	alert, err := chromedp.Run(ctx, chromedp.Text(css(`.alert.err`)))
	if err != nil || !strings.Contains(alert, "Jawaban pertanyaan keamanan salah") {
		t.Fatalf("move refusal %q (%v)", alert, err)
	}
	err = chromedp.Do(ctx,
		solve(),
		chromedp.Sleep(1200*time.Millisecond),
		chromedp.Click(css(`form button[type=submit]`)),
		chromedp.WaitVisible(css(`.alert.ok`)),
		shot("6-diubah"),
	)
	if err != nil {
		t.Fatalf("move: %v", err)
	}
	if b, _ := s.bdb.BookingByCode(context.Background(), code); !b.Moved || b.SlotStart.Equal(time.Date(2027, 3, 1, 1, 30, 0, 0, time.UTC)) {
		t.Fatalf("after the move %+v", b)
	}

	// Keyboard only: the lookup form is reached and sent with Enter.
	err = chromedp.Do(ctx,
		chromedp.Navigate(s.srv.URL+"/janji-temu/kode"),
		chromedp.WaitVisible(css(`#kode`)),
		chromedp.Focus(css(`#kode`)),
		chromedp.SendKeys(css(`#kode`), strings.ToLower(code)+"\r"),
		chromedp.WaitVisible(css(`.code`)),
	)
	if err != nil {
		t.Fatalf("lookup by keyboard: %v", err)
	}
	final, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(final, "/janji-temu/kode/"+code) {
		t.Fatalf("lookup landed on %s", final)
	}
}
