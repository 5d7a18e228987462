package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"loket/store"
)

// TestCheckInConcurrentGivesOneTicket: two kiosks scanning the same code
// at once give one ticket; the other is told the code was used.
func TestCheckInConcurrentGivesOneTicket(t *testing.T) {
	st, svcs, _, _ := newOffice(t, "A")
	ctx := context.Background()
	now := time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)
	st.Now = func() time.Time { return now }
	if err := st.SaveBooking(ctx, store.Booking{Code: "jt0001", ServiceID: svcs[0].ID, SlotStart: now,
		SlotEnd: now.Add(30 * time.Minute), Name: "Budi"}); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var ok, used int
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := st.CheckIn(ctx, "JT0001", nil)
			mu.Lock()
			defer mu.Unlock()
			var se *store.Error
			switch {
			case err == nil:
				ok++
			case errors.As(err, &se) && se.Code == "booking_used":
				used++
			default:
				t.Errorf("check-in: %v", err)
			}
		}()
	}
	wg.Wait()
	today, _ := st.TicketsOn(ctx, "2026-11-23")
	if ok != 1 || used != 7 || len(today) != 1 {
		t.Fatalf("%d checked in, %d refused, %d tickets", ok, used, len(today))
	}
	b, err := st.BookingByCode(ctx, "JT0001")
	if err != nil || b.Status != store.BookingCheckedIn || b.TicketID != today[0].ID || b.Office != "KPPN019" {
		t.Fatalf("booking %+v %v", b, err)
	}
	// A pull from the centre in between does not undo the check-in.
	if err := st.SaveBooking(ctx, store.Booking{Code: "JT0001", ServiceID: svcs[0].ID, SlotStart: now,
		SlotEnd: now.Add(30 * time.Minute)}); err != nil {
		t.Fatal(err)
	}
	if b, _ := st.BookingByCode(ctx, "JT0001"); b.Status != store.BookingCheckedIn {
		t.Fatalf("a later pull reset the check-in: %+v", b)
	}
	evs, _ := st.TicketEvents(ctx, today[0].ID)
	kinds := map[string]bool{}
	for _, e := range evs {
		kinds[e.Kind] = true
	}
	if !kinds[store.EvTicketIssued] || !kinds[store.EvBookingCheckedIn] {
		t.Fatalf("events of the check-in: %v", kinds)
	}
}

func TestReleaseNoShows(t *testing.T) {
	st, svcs, _, _ := newOffice(t, "A")
	ctx := context.Background()
	now := time.Date(2026, 11, 23, 4, 0, 0, 0, time.UTC)
	st.Now = func() time.Time { return now }
	for i, start := range []time.Time{now.Add(-2 * time.Hour), now.Add(-40 * time.Minute), now} {
		if err := st.SaveBooking(ctx, store.Booking{Code: "JT000" + string(rune('1'+i)), ServiceID: svcs[0].ID,
			SlotStart: start, SlotEnd: start.Add(30 * time.Minute)}); err != nil {
			t.Fatal(err)
		}
	}
	n, err := st.ReleaseNoShows(ctx, 30*time.Minute)
	if err != nil || n != 1 {
		t.Fatalf("released %d, %v", n, err)
	}
	for code, want := range map[string]string{"JT0001": store.BookingNoShow, "JT0002": store.BookingBooked, "JT0003": store.BookingBooked} {
		if b, _ := st.BookingByCode(ctx, code); b.Status != want {
			t.Fatalf("%s: %s, want %s", code, b.Status, want)
		}
	}
}

func TestPhoneCode(t *testing.T) {
	st, svcs, _, _ := newOffice(t, "A", "BC")
	ctx := context.Background()
	a, err := st.IssueTicket(ctx, svcs[0].ID, "")
	if err != nil {
		t.Fatal(err)
	}
	b, err := st.IssueTicket(ctx, svcs[1].ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if a.PhoneCode == "" || a.PhoneCode == b.PhoneCode {
		t.Fatalf("codes %q %q", a.PhoneCode, b.PhoneCode)
	}
	for _, tk := range []store.Ticket{a, b} {
		got, err := st.TicketByPhoneCode(ctx, tk.PhoneCode)
		if err != nil || got.ID != tk.ID {
			t.Fatalf("%s: %+v %v", tk.PhoneCode, got, err)
		}
		again, _ := st.PhoneCode(ctx, got)
		if again != tk.PhoneCode {
			t.Fatalf("code of a reprint %q, issued %q", again, tk.PhoneCode)
		}
	}
	// Another store has another key: a's code means nothing there.
	other, osvcs, _, _ := newOffice(t, "A")
	if _, err := other.IssueTicket(ctx, osvcs[0].ID, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := other.TicketByPhoneCode(ctx, a.PhoneCode); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("code of another office's key: %v", err)
	}
	for _, bad := range []string{"", "x", a.PhoneCode + "a", a.PhoneCode[:len(a.PhoneCode)-1] + "9",
		"20261123-A000-aaaaaaaaaaaaaaaa", "2026112-A001-aaaaaaaaaaaaaaaa", "20261123-001-aaaaaaaaaaaaaaaa"} {
		if _, err := st.TicketByPhoneCode(ctx, bad); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("%q: %v", bad, err)
		}
	}
}

// FuzzTicketByPhoneCode: any code is a ticket or ErrNotFound, never a
// panic or another error.
func FuzzTicketByPhoneCode(f *testing.F) {
	for _, s := range []string{"20261123-A001-aaaaaaaaaaaaaaaa", "20261123-ABC123-zzzzzzzzzzzzzzzz", "--", "00000000-A-", "20261123-A01x-aaaaaaaaaaaaaaaa"} {
		f.Add(s)
	}
	st, _, _, _ := newOffice(f, "A")
	f.Fuzz(func(t *testing.T, code string) {
		_, err := st.TicketByPhoneCode(context.Background(), code)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("%q: %v", code, err)
		}
	})
}
