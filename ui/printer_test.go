package ui

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"loket/office"
	"loket/printer"
	"loket/printer/printertest"
	"loket/store"
)

// shortThermalWaits keeps the fault tests to a second or two a fault:
// far below the production waits, long enough that a fake printer's
// answer delayed by a loaded machine is never taken for silence.
func shortThermalWaits(t *testing.T) {
	old := thermalTimeouts
	thermalTimeouts = printer.TCPPrinter{DialTimeout: 2 * time.Second, WriteTimeout: 2 * time.Second,
		StatusTimeout: time.Second, JobTimeout: 2 * time.Second}
	t.Cleanup(func() { thermalTimeouts = old })
}

// TestKioskPrintsToThermalPrinter sends the kiosk ticket to a fake ESC/POS
// printer on loopback and checks the bytes that arrive.
func TestKioskPrintsToThermalPrinter(t *testing.T) {
	f := printertest.Start(t, printertest.Config{})
	h := newHarness(t)
	h.setUpOffice()
	h.app.savePrintSettings(printSettings{Mode: "escpos", Target: f.Addr, Layout: "thermal80"})
	h.app.StartKiosk(KioskOptions{})
	k := h.app.kiosk
	tapService(t, k, "C")
	if !strings.Contains(k.resPrint.Text, "ambil tiket") {
		t.Fatalf("print result %q", k.resPrint.Text)
	}
	f.Stop()
	select {
	case b := <-f.Jobs:
		if !bytes.HasPrefix(b, []byte{0x1b, '@'}) || !bytes.Contains(b, []byte("C001")) || !bytes.Contains(b, []byte{0x1d, 'V'}) {
			t.Fatalf("ticket bytes % x", b[:min(len(b), 64)])
		}
	default:
		t.Fatal("printer received nothing")
	}
	// The admin printer pane refuses a thermal printer without an address.
	p := newPrinterPane(h.app)
	p.mode.SetSelected(printModes[1].label)
	p.target.SetText("")
	p.onSave()
	if !strings.Contains(p.message.Text, "alamat printer") {
		t.Fatalf("empty target accepted: %q", p.message.Text)
	}
}

// TestKioskPaperOut: a kiosk whose printer is out of paper says so to the
// visitor instead of pretending the ticket came out.
func TestKioskPaperOut(t *testing.T) {
	shortThermalWaits(t)
	f := printertest.Start(t, printertest.Config{State: printertest.PaperOut()})
	h := newHarness(t)
	h.setUpOffice()
	h.app.savePrintSettings(printSettings{Mode: "escpos", Target: f.Addr, Layout: "thermal80"})
	h.app.StartKiosk(KioskOptions{})
	tapService(t, h.app.kiosk, "C")
	if !strings.Contains(h.app.kiosk.resPrint.Text, "tidak dapat dicetak") {
		t.Fatalf("print result %q", h.app.kiosk.resPrint.Text)
	}
}

// receiptFixture opens a counter as the admin after first run and makes
// one receipt per call, each for a new ticket.
type receiptFixture struct {
	h       *harness
	session string
}

func newReceiptFixture(t *testing.T) *receiptFixture {
	h := newHarness(t)
	h.setUp()
	h.app.DocumentsDir = t.TempDir()
	h.app.OpenFile = func(string) error { return nil }
	c := h.app.counter
	c.serviceSel.SetSelected([]string{"B — Konsultasi Stakeholder (CSO)"})
	test.Tap(c.openBtn)
	if c.session.ID == "" {
		t.Fatal("counter not opened")
	}
	return &receiptFixture{h: h, session: c.session.ID}
}

func (fx *receiptFixture) receipt(t *testing.T) store.Receipt {
	t.Helper()
	tk := fx.h.issue("B", "")
	rc, err := fx.h.svc.CreateReceipt(context.Background(), fx.session, office.ReceiptInput{TicketID: tk.ID,
		Visitor: store.Visitor{Name: "Siti Rahmawati", Phone: "0812-3456-7890"}, Purpose: "Konsultasi SPM"})
	if err != nil {
		t.Fatal(err)
	}
	return rc
}

func (fx *receiptFixture) stored(t *testing.T, number string) store.Receipt {
	t.Helper()
	rc, err := fx.h.svc.FindReceipt(context.Background(), number)
	if err != nil {
		t.Fatal(err)
	}
	return rc
}

// TestReceiptStateAfterPrinterFaults prints receipts through the path the
// registration screen uses (App.printReceipt over office.Local on a temp
// store) to a fake printer with each fault, and asserts the receipt's
// stored state afterwards: printed with no reason, or belum tercetak with
// the reason named in one Indonesian sentence.
func TestReceiptStateAfterPrinterFaults(t *testing.T) {
	shortThermalWaits(t)
	fx := newReceiptFixture(t)
	tests := []struct {
		name     string
		cfg      printertest.Config
		noStatus bool
		reason   string // "" means printed
	}{
		{name: "answers status and prints", cfg: printertest.Config{}},
		{name: "paper near end still prints", cfg: printertest.Config{State: printertest.NearEnd()}},
		{name: "closes after 0 bytes", cfg: printertest.Config{Close: true, CloseAfter: 0}, reason: "memutus sambungan sebelum mencetak"},
		{name: "closes after 100 bytes", cfg: printertest.Config{Close: true, CloseAfter: 100}, reason: "memutus sambungan sebelum selesai mencetak"},
		{name: "never reads", cfg: printertest.Config{NeverRead: true}, reason: "menerima sambungan tetapi tidak menjawab"},
		{name: "hangs mid-job", cfg: printertest.Config{SilentAfter: 10}, reason: "berhenti menerima data"},
		{name: "paper out", cfg: printertest.Config{State: printertest.PaperOut()}, reason: "kehabisan kertas"},
		{name: "cover open", cfg: printertest.Config{State: printertest.CoverOpen()}, reason: "Tutup printer"},
		{name: "paper runs out during the job", cfg: printertest.Config{FaultAfter: 200, FaultState: printertest.PaperOut()},
			reason: "habis saat mencetak"},
		{name: "silent clone", cfg: printertest.Config{Silent: true}, reason: "tidak menjawab"},
		{name: "silent clone, set as no-status", cfg: printertest.Config{Silent: true}, noStatus: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := printertest.Start(t, tt.cfg)
			fx.h.app.savePrintSettings(printSettings{Mode: "escpos", Target: f.Addr, Layout: "thermal80", NoStatus: tt.noStatus})
			rc := fx.receipt(t)
			start := time.Now()
			path, err := fx.h.app.printReceipt(context.Background(), rc, false)
			if d := time.Since(start); d > 3*time.Second {
				t.Errorf("print took %v", d)
			}
			if path == "" {
				t.Error("the PDF copy was not kept")
			}
			got := fx.stored(t, rc.Number)
			if tt.reason == "" {
				if err != nil {
					t.Fatalf("print: %v", err)
				}
				if got.PrintCount != 1 || got.PrintedAt.IsZero() || got.PrintError != "" {
					t.Fatalf("stored %d prints at %v, reason %q; want printed", got.PrintCount, got.PrintedAt, got.PrintError)
				}
				return
			}
			if err == nil {
				t.Fatal("print reported success")
			}
			if got.PrintCount != 0 || !got.PrintedAt.IsZero() {
				t.Fatalf("receipt marked printed (%d, %v) after %q", got.PrintCount, got.PrintedAt, err)
			}
			if got.PrintError != err.Error() || !strings.Contains(got.PrintError, tt.reason) {
				t.Fatalf("stored reason %q, returned %q, want it to name %q", got.PrintError, err, tt.reason)
			}
			if !strings.Contains(got.PrintError, f.Addr) {
				t.Errorf("reason %q does not name the printer", got.PrintError)
			}
			assertOneSentence(t, got.PrintError)
			var pf *printFailure
			if !errors.As(err, &pf) || pf.cause == nil {
				t.Errorf("raw cause lost for the log: %#v", err)
			}
		})
	}

	// A receipt that failed, reprinted on a working printer: printed, the
	// reason cleared. Then a reprint on a printer out of paper keeps the
	// paper already handed out counted, with the last failure's reason.
	rc := fx.receipt(t)
	bad := printertest.Start(t, printertest.Config{State: printertest.CoverOpen()})
	fx.h.app.savePrintSettings(printSettings{Mode: "escpos", Target: bad.Addr, Layout: "thermal80"})
	if _, err := fx.h.app.printReceipt(context.Background(), rc, false); err == nil {
		t.Fatal("cover open printed")
	}
	good := printertest.Start(t, printertest.Config{})
	fx.h.app.savePrintSettings(printSettings{Mode: "escpos", Target: good.Addr, Layout: "thermal80"})
	if _, err := fx.h.app.printReceipt(context.Background(), rc, false); err != nil {
		t.Fatal(err)
	}
	if got := fx.stored(t, rc.Number); got.PrintCount != 1 || got.PrintError != "" {
		t.Fatalf("after the good print: %d prints, reason %q", got.PrintCount, got.PrintError)
	}
	out := printertest.Start(t, printertest.Config{State: printertest.PaperOut()})
	fx.h.app.savePrintSettings(printSettings{Mode: "escpos", Target: out.Addr, Layout: "thermal80"})
	if _, err := fx.h.app.printReceipt(context.Background(), fx.stored(t, rc.Number), true); err == nil {
		t.Fatal("paper out reprinted")
	}
	if got := fx.stored(t, rc.Number); got.PrintCount != 1 || !strings.Contains(got.PrintError, "kehabisan kertas") {
		t.Fatalf("after the failed reprint: %d prints, reason %q", got.PrintCount, got.PrintError)
	}
}

// TestPrintErrorsWithoutExecText: the spooler and the PDF viewer fail the
// way they do on a PC without CUPS or xdg-open; the officer reads one
// Indonesian sentence, never exec's English, and the receipt records it.
func TestPrintErrorsWithoutExecText(t *testing.T) {
	fx := newReceiptFixture(t)
	t.Setenv("PATH", t.TempDir()) // no lp here
	fx.h.app.savePrintSettings(printSettings{Mode: "spooler", Target: "Kasir", Layout: "a5"})
	rc := fx.receipt(t)
	_, err := fx.h.app.printReceipt(context.Background(), rc, false)
	if err == nil {
		t.Fatal("spooled without lp")
	}
	got := fx.stored(t, rc.Number)
	if got.PrintCount != 0 || got.PrintError != err.Error() || !strings.Contains(got.PrintError, "Layanan cetak sistem tidak tersedia") {
		t.Fatalf("stored %d prints, reason %q; returned %q", got.PrintCount, got.PrintError, err)
	}
	assertOneSentence(t, got.PrintError)
	if !errors.Is(err, printer.ErrNoSpooler) {
		t.Errorf("cause lost: %#v", err)
	}

	fx.h.app.savePrintSettings(printSettings{Mode: "pdf", Layout: "a5"})
	fx.h.app.OpenFile = func(string) error {
		return errors.New(`exec: "xdg-open": executable file not found in $PATH`)
	}
	rc = fx.receipt(t)
	_, err = fx.h.app.printReceipt(context.Background(), rc, false)
	if err == nil || !strings.Contains(err.Error(), "penampil PDF tidak dapat dibuka") {
		t.Fatalf("viewer failure: %v", err)
	}
	assertOneSentence(t, err.Error())
	if got := fx.stored(t, rc.Number); got.PrintError != err.Error() {
		t.Fatalf("stored reason %q", got.PrintError)
	}
}

// assertOneSentence: one sentence, no raw error text.
func assertOneSentence(t *testing.T, msg string) {
	t.Helper()
	if !strings.HasSuffix(msg, ".") || strings.Contains(strings.TrimSuffix(msg, "."), ". ") {
		t.Errorf("%q is not one sentence", msg)
	}
	for _, raw := range []string{"exec:", "executable file", "dial tcp", "i/o timeout", "connection reset", "broken pipe", "EOF"} {
		if strings.Contains(msg, raw) {
			t.Errorf("%q contains raw %q", msg, raw)
		}
	}
}

// TestAdminTestPrintShowsPrinterAnswer: Cetak Uji in Admin → Printer
// prints the test page and shows the decoded status.
func TestAdminTestPrintShowsPrinterAnswer(t *testing.T) {
	shortThermalWaits(t)
	h := newHarness(t)
	h.setUpOffice()
	f := printertest.Start(t, printertest.Config{})
	p := newPrinterPane(h.app)
	p.mode.SetSelected(printModes[1].label)
	p.target.SetText(f.Addr)
	p.onTest()
	if p.answer.Importance != widget.SuccessImportance || !strings.Contains(p.answer.Text, "kertas cukup") ||
		!strings.Contains(p.answer.Text, "mengonfirmasi") {
		t.Fatalf("test print answer %q", p.answer.Text)
	}
	bad := printertest.Start(t, printertest.Config{State: printertest.PaperOut()})
	p.target.SetText(bad.Addr)
	p.onTest()
	if p.answer.Importance != widget.DangerImportance || !strings.Contains(p.answer.Text, "kertas habis") ||
		!strings.Contains(p.answer.Text, "kehabisan kertas") {
		t.Fatalf("paper-out test print answer %q", p.answer.Text)
	}
	// A cheap clone that never answers: the test says so, and with the
	// no-status box ticked the page goes out, unconfirmed.
	clone := printertest.Start(t, printertest.Config{Silent: true})
	p.target.SetText(clone.Addr)
	p.onTest()
	if p.answer.Importance != widget.DangerImportance || !strings.Contains(p.answer.Text, "tidak menjawab permintaan status") {
		t.Fatalf("silent printer answer %q", p.answer.Text)
	}
	p.noStatus.SetChecked(true)
	p.onTest()
	if p.answer.Importance != widget.SuccessImportance || !strings.Contains(p.answer.Text, "tidak dikonfirmasi printer") {
		t.Fatalf("no-status test print answer %q", p.answer.Text)
	}
	if !h.app.printSettings().NoStatus {
		t.Error("no-status setting not saved")
	}
	clone.Stop()
	var page []byte
	for j := range clone.Jobs {
		if len(j) > 0 {
			page = j
		}
	}
	if !bytes.Contains(page, []byte("CETAK UJI")) {
		t.Errorf("test page not sent to the no-status printer: %q", page)
	}
}

func TestVoiceSettingsPerPC(t *testing.T) {
	h := newHarness(t)
	if on, vol := h.app.VoiceSettings(); !on || vol != 1 {
		t.Fatalf("defaults %v %v", on, vol)
	}
	h.app.SaveVoiceSettings(false, 1.7)
	if on, vol := h.app.VoiceSettings(); on || vol != 1 {
		t.Fatalf("saved %v %v", on, vol)
	}
}
