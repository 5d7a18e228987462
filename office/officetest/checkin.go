package officetest

import (
	"testing"
	"time"

	"loket/store"
)

// testCheckIn: a booked visitor checks in by code at the kiosk, every
// refusal says why, and call-next gives booked visitors in their slot
// every second call (queue.BookingRule).
func testCheckIn(t *testing.T, f Factory) {
	fx := setup(t, f)
	if fx.env.SaveBooking == nil {
		t.Fatal("the factory gives no way to seed bookings (Env.SaveBooking)")
	}
	off, err := fx.svc.Office(fx.ctx)
	fx.must(err)
	svcA := fx.svcs["A"]
	book := func(code string, start time.Time, mod func(*store.Booking)) {
		t.Helper()
		b := store.Booking{Code: code, Office: off.Code, ServiceID: svcA.ID, SlotStart: start,
			SlotEnd: start.Add(30 * time.Minute), Name: "Budi", PhoneMasked: "0812****890"}
		if mod != nil {
			mod(&b)
		}
		fx.must(fx.env.SaveBooking(b))
	}

	// Two walk-ins first, then two visitors booked for 09.30 and 09.45.
	n1 := fx.issue("A", "")
	n2 := fx.issue("A", "")
	book("JT0001", T0.Add(30*time.Minute), nil)
	book("JT0002", T0.Add(45*time.Minute), nil)
	fx.tick(time.Minute)
	b1, err := fx.svc.CheckIn(fx.ctx, " jt0001\n") // a scanner's newline, lower case typed
	fx.must(err)
	if b1.ServiceID != svcA.ID || b1.Status != store.StatusWaiting || b1.Prefix != "A" {
		t.Fatalf("checked-in ticket %+v", b1)
	}
	if b1.PhoneCode == "" {
		t.Fatal("checked-in ticket has no phone code for its stub")
	}
	b2, err := fx.svc.CheckIn(fx.ctx, "JT0002")
	fx.must(err)
	_, err = fx.svc.CheckIn(fx.ctx, "JT0001")
	wantCode(t, err, "booking_used")

	refusals := []struct {
		code, want string
		start      time.Time
		mod        func(*store.Booking)
	}{
		{"JT0100", "booking_other_office", T0.Add(30 * time.Minute), func(b *store.Booking) { b.Office = "KPPN999" }},
		{"JT0101", "booking_cancelled", T0.Add(30 * time.Minute), func(b *store.Booking) { b.Status = store.BookingCancelled }},
		{"JT0102", "booking_other_day", T0.Add(24 * time.Hour), nil},
		{"JT0103", "booking_too_early", T0.Add(3 * time.Hour), nil},
		{"JT0104", "booking_too_late", T0.Add(-2 * time.Hour), nil},
	}
	for _, r := range refusals {
		book(r.code, r.start, r.mod)
		_, err := fx.svc.CheckIn(fx.ctx, r.code)
		wantCode(t, err, r.want)
	}
	_, err = fx.svc.CheckIn(fx.ctx, "TIDAKADA")
	wantCode(t, err, "booking_unknown")
	_, err = fx.svc.CheckIn(fx.ctx, "  ")
	wantCode(t, err, "invalid")

	// Before 09.30 nobody is in slot: walk-in order. At 09.50 both booked
	// visitors are in slot, and take every second call.
	sess := fx.open("fo1", 1, "A")
	call := func() store.Ticket {
		t.Helper()
		got := fx.callNext(sess)
		_, err := fx.svc.StartServing(fx.ctx, sess.ID, got.ID) // the next call finishes it
		fx.must(err)
		return got
	}
	if got := call(); got.ID != n1.ID {
		t.Fatalf("before the slots: called %s, want the first walk-in %s", got.Code(), n1.Code())
	}
	fx.tick(50 * time.Minute)
	want := []store.Ticket{b1, n2, b2}
	for i, w := range want {
		got := call()
		if got.ID != w.ID {
			t.Fatalf("call %d: got %s, want %s", i+2, got.Code(), w.Code())
		}
	}
}
