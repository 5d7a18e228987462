package web_test

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// browser starts headless Chromium for the test: the hub's certificate
// is self-signed (phones accept it once; here the flag does), and sound
// may play without a tap, as on a TV set to allow it.
func browser(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.NoSandbox,
		chromedp.Flag("ignore-certificate-errors", true),
		chromedp.Flag("autoplay-policy", "no-user-gesture-required"),
		chromedp.Flag("lang", "id-ID"),
		chromedp.WindowSize(1920, 1080),
	)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	ctx, cancel3 := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(cancel3)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// shot saves a screenshot of the viewport as name.png in LOKET_WEB_SHOTS
// (or the test's temp dir) and checks it is a picture of that size.
func shot(t *testing.T, ctx context.Context, name string, w, h int) {
	t.Helper()
	buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	img, err := png.Decode(bytes.NewReader(buf))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if b := img.Bounds(); b.Dx() != w || b.Dy() != h {
		t.Fatalf("screenshot %s is %dx%d, want %dx%d", name, b.Dx(), b.Dy(), w, h)
	}
	dir := os.Getenv("LOKET_WEB_SHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), buf, 0o644); err != nil {
		t.Fatal(err)
	}
}

func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return strings.TrimSpace(s)
}

// waitJS waits until the expression is true in the page.
func waitJS(t *testing.T, ctx context.Context, expr, what string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(15*time.Second))); err != nil {
		html, _ := chromedp.Run(ctx, chromedp.OuterHTML(chromedp.CSS("body")))
		t.Fatalf("%s: %v\n%s", what, err, html)
	}
}

// TestPhoneAndDisplayInChromium: a visitor opens the stub's link on a
// phone and sees the position; the counter calls the ticket through the
// office service and the phone page shows (and would sound) the call. A TV
// browser pairs as a display, is approved by the admin, shows the call
// and the waiting counts.
func TestPhoneAndDisplayInChromium(t *testing.T) {
	o := newTestOffice(t)
	ctx := browser(t)

	// Three walk-ins of service A; the visitor holds the third.
	o.issue(t, "A")
	o.issue(t, "A")
	mine := o.issue(t, "A")
	o.issue(t, "B")
	if mine.PhoneCode == "" {
		t.Fatal("issued ticket carries no phone code")
	}

	t.Run("phone", func(t *testing.T) {
		if err := chromedp.Do(ctx,
			chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(1), chromedp.EmulateMobile),
			// Over the plain-HTTP phone port, as the stub's QR opens it:
			// no certificate warning, the same live page.
			chromedp.Navigate(o.phoneBase+"/t/"+mine.PhoneCode),
			chromedp.WaitVisible(chromedp.CSS("#headline")),
		); err != nil {
			t.Fatal(err)
		}
		if got := text(t, ctx, "#number"); got != mine.Code() {
			t.Fatalf("number %q, want %q", got, mine.Code())
		}
		if got := text(t, ctx, "#headline"); got != "Posisi ke-3" {
			t.Fatalf("headline %q, want Posisi ke-3", got)
		}
		if got := text(t, ctx, "#detail"); !strings.Contains(got, "2 orang menunggu di depan Anda") {
			t.Fatalf("detail %q", got)
		}
		shot(t, ctx, "phone-waiting-390x844", 390, 844)

		sess := o.open(t, "fo1", 1, "A")
		first := o.call(t, sess)
		o.serve(t, sess, first)
		// The position moves without a reload.
		waitJS(t, ctx, `document.getElementById("headline").textContent === "Posisi ke-2"`, "position after a call")
		second := o.call(t, sess)
		o.serve(t, sess, second)
		called := o.call(t, sess)
		if called.ID != mine.ID {
			t.Fatalf("called %s, want %s", called.Code(), mine.Code())
		}
		waitJS(t, ctx, `document.body.dataset.status === "called"`, "call on the phone page")
		if got := text(t, ctx, "#headline"); got != "Silakan ke Loket 1" {
			t.Fatalf("headline %q after the call", got)
		}
		call, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.dataset.call || ""`))
		if err != nil {
			t.Fatal(err)
		}
		played, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.dataset.played || ""`))
		if err != nil {
			t.Fatal(err)
		}
		if call != mine.Code()+"@1" {
			t.Fatalf("call event %q", call)
		}
		if !strings.HasPrefix(played, "chime nomor_antrean a ") || !strings.HasSuffix(played, "silakan_ke_loket satu") {
			t.Fatalf("clips played %q", played)
		}
		// Let the flash animation end before the picture.
		time.Sleep(3500 * time.Millisecond)
		shot(t, ctx, "phone-called-390x844", 390, 844)
		o.serve(t, sess, called)
	})

	t.Run("display", func(t *testing.T) {
		if err := chromedp.Do(ctx,
			chromedp.EmulateViewport(1920, 1080, chromedp.EmulateScale(1)),
			chromedp.Navigate(o.base+"/layar"),
			chromedp.WaitVisible(chromedp.CSS("#pairform")),
		); err != nil {
			t.Fatal(err)
		}
		shot(t, ctx, "layar-pairing-1920x1080", 1920, 1080)
		if err := chromedp.Do(ctx,
			chromedp.SetValue(chromedp.CSS("#name"), "TV ruang tunggu"),
			chromedp.Click(chromedp.CSS("#pairform button")),
			chromedp.WaitVisible(chromedp.CSS("#code")),
		); err != nil {
			t.Fatal(err)
		}
		code := text(t, ctx, "#code")
		pend := o.srv.PendingPairings()
		if len(pend) != 1 || pend[0].Kind != "display" || pend[0].DeviceName != "TV ruang tunggu" || pend[0].Code != code {
			t.Fatalf("pending pairings %+v, page shows %q", pend, code)
		}
		shot(t, ctx, "layar-code-1920x1080", 1920, 1080)
		if _, err := o.srv.ApprovePairing(code); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(".board"))); err != nil {
			t.Fatal(err)
		}
		// The latest call is the phone's ticket; only B001 waits.
		if got := text(t, ctx, "#latest-number"); got != mine.Code() {
			t.Fatalf("latest call %q, want %q", got, mine.Code())
		}
		if got := text(t, ctx, "#total"); got != "1" {
			t.Fatalf("total waiting %q, want 1", got)
		}
		o.issue(t, "A")
		waitJS(t, ctx, `document.getElementById("total").textContent === "2"`, "waiting count after an issue")
		sess := o.open(t, "fo2", 2, "A", "B")
		// fo1's session at counter 1 still serves A003; counter 2 calls.
		got := o.call(t, sess)
		want := got.Code() + "@2"
		waitJS(t, ctx, `document.body.dataset.call === "`+want+`"`, "call on the display")
		if n := text(t, ctx, "#latest-number"); n != got.Code() {
			t.Fatalf("latest number %q, want %q", n, got.Code())
		}
		if c := text(t, ctx, "#latest-counter"); c != "Silakan ke Loket 2" {
			t.Fatalf("latest counter %q", c)
		}
		waitJS(t, ctx, `document.getElementById("total").textContent === "1"`, "waiting count after the call")
		waitJS(t, ctx, `document.querySelector("#recent li .n") && document.querySelector("#recent li .n").textContent === "`+mine.Code()+`"`, "recent calls")
		counts := text(t, ctx, "#counts")
		if !strings.Contains(counts, o.svcs["A"].Name) {
			t.Fatalf("counts %q lack service A", counts)
		}
		time.Sleep(4500 * time.Millisecond)
		shot(t, ctx, "layar-board-1920x1080", 1920, 1080)
	})
}
