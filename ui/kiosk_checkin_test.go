package ui

import (
	"context"
	"image/png"
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"loket/store"
)

// TestKioskCheckInByScannerAndByHand: a USB scanner types the booking
// code and Enter on the choice page and the visitor gets a ticket in the
// booking's service; a used or unknown code is refused on the check-in
// page with its reason; the stub's QR links to the phone page once the
// office set the hub's address.
func TestKioskCheckInByScannerAndByHand(t *testing.T) {
	h := newHarness(t)
	h.setUpOffice()
	ctx := context.Background()
	st := h.svc.Store()
	off, err := h.svc.Office(ctx)
	if err != nil {
		t.Fatal(err)
	}
	svcs, _ := h.svc.Services(ctx)
	var svcB store.Service
	for _, sv := range svcs {
		if sv.Prefix == "B" {
			svcB = sv
		}
	}
	start := time.Date(2026, 11, 23, 2, 15, 0, 0, time.UTC) // 09.15 WIB, the harness's day
	if err := st.SaveBooking(ctx, store.Booking{Code: "JT7K2M9Q", Office: off.Code, ServiceID: svcB.ID,
		SlotStart: start, SlotEnd: start.Add(30 * time.Minute), Name: "Budi"}); err != nil {
		t.Fatal(err)
	}
	var printed []IssuedTicket
	h.app.StartKiosk(KioskOptions{Print: func(_ context.Context, it IssuedTicket) error {
		printed = append(printed, it)
		return nil
	}})
	k := h.app.kiosk
	if !strings.Contains(texts(k.root), "Punya janji temu? Masukkan kode atau pindai QR") {
		t.Fatalf("choice page lacks the check-in entry: %q", texts(k.root))
	}
	scan := func(code string) {
		cv := h.app.win.Canvas()
		for _, r := range code {
			cv.OnTypedRune()(r)
		}
		h.key(fyne.KeyReturn)
	}

	scan("jt7k2m9q")
	if k.resNumber.Text != "B001" || !strings.Contains(k.resService.Text, svcB.Name) ||
		!strings.Contains(k.resService.Text, "Janji temu") {
		t.Fatalf("result after scanning %q / %q; check-in error %q", k.resNumber.Text, k.resService.Text, k.checkIn.err.Text)
	}
	if len(printed) != 1 || printed[0].Service.ID != svcB.ID || printed[0].Ticket.PhoneCode == "" {
		t.Fatalf("printed %+v", printed)
	}
	b, err := st.BookingByCode(ctx, "JT7K2M9Q")
	if err != nil || b.Status != store.BookingCheckedIn || b.TicketID != printed[0].Ticket.ID {
		t.Fatalf("booking after check-in %+v, %v", b, err)
	}

	// The same code again, scanned: refused with the reason, no ticket.
	k.showChoice()
	scan("JT7K2M9Q")
	if k.page.Objects[0] != k.checkIn.page || !strings.Contains(k.checkIn.err.Text, "sudah dipakai") {
		t.Fatalf("reused code: page %v, error %q", k.page.Objects[0] == k.checkIn.page, k.checkIn.err.Text)
	}
	// Typed by hand: an unknown code, replacing the refused one.
	test.Type(k.checkIn.entry, "SALAH123")
	if k.checkIn.entry.Text != "SALAH123" {
		t.Fatalf("typing after a refusal gives %q", k.checkIn.entry.Text)
	}
	k.checkIn.entry.OnSubmitted(k.checkIn.entry.Text)
	if !strings.Contains(k.checkIn.err.Text, "tidak ditemukan") || len(printed) != 1 {
		t.Fatalf("unknown code: %q, %d printed", k.checkIn.err.Text, len(printed))
	}
	if dir := os.Getenv("LOKET_SCREENSHOTS"); dir != "" {
		h.app.win.Resize(fyne.NewSize(1280, 800))
		capture(t, h, dir+"/kiosk-checkin-refused.png")
		k.showChoice()
		capture(t, h, dir+"/kiosk-choice-with-checkin.png")
	}

	// The stub's QR: the ticket id until the office sets the address
	// phones reach the hub at, then the phone page.
	tk := printed[0].Ticket
	if got := h.app.phoneLink(ctx, tk); got != "" {
		t.Fatalf("phone link without an address: %q", got)
	}
	var admin store.Officer
	offs, _ := h.svc.Officers(ctx)
	for _, o := range offs {
		if o.Role == store.RoleAdmin {
			admin = o
		}
	}
	if err := h.svc.SaveSetting(ctx, admin.ID, store.SettingPhoneURL, "https://192.168.1.10:8443/"); err != nil {
		t.Fatal(err)
	}
	if got, want := h.app.phoneLink(ctx, tk), "https://192.168.1.10:8443/t/"+tk.PhoneCode; got != want {
		t.Fatalf("phone link %q, want %q", got, want)
	}
}

func capture(t *testing.T, h *harness, path string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, h.app.Window().Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}
