package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"loket/queue"
	"loket/store"
)

// The two halves of issue 23 meet in office_bookings: the booking pull
// (booking_pull.go) writes it, the kiosk's check-in and call-next
// (bookings.go) read it. One representation: checked_in_ticket_id is NULL
// until a check-in, priority is the lane name (” for none; a centre
// booking in the priority share is store.PriorityGroup), slots are UTC
// RFC 3339.
func TestPulledBookingsCheckInAndCall(t *testing.T) {
	st, svcs, ctrs, officer := newOffice(t, "A")
	ctx := context.Background()
	now := time.Date(2026, 12, 7, 2, 0, 0, 0, time.UTC) // 09.00 WIB
	st.Now = func() time.Time { return now }
	slot := now.Add(10 * time.Minute)
	pb := func(code string, prio bool, start time.Time, seq int64) store.PulledBooking {
		return store.PulledBooking{Code: code, Office: "KPPN019", ServiceID: svcs[0].ID, SlotStart: start.In(time.FixedZone("WIB", 7*3600)),
			SlotEnd: start.Add(30 * time.Minute), Name: "Tamu " + code, PhoneMasked: "0812****0001", Priority: prio,
			Status: store.BookingBooked, Seq: seq}
	}
	list := []store.PulledBooking{
		pb("REGU0001", false, slot, 1),
		pb("PRIO0001", true, slot, 2),
		pb("EARL0001", false, now.Add(3*time.Hour), 3),
		pb("LATE0001", false, now.Add(-2*time.Hour), 4),
	}
	if n, err := st.ApplyPulledBookings(ctx, list, 4, nil); err != nil || n != 4 {
		t.Fatalf("pulling four bookings: %d, %v", n, err)
	}
	// A booking saved the kiosk side's way, with a lane name, reads back
	// through the pull's reader.
	if err := st.SaveBooking(ctx, store.Booking{Code: "LANS0001", ServiceID: svcs[0].ID, SlotStart: slot,
		SlotEnd: slot.Add(30 * time.Minute), Priority: store.PriorityLansia}); err != nil {
		t.Fatal(err)
	}
	got := map[string]store.PulledBooking{}
	all, err := st.PulledBookings(ctx, time.Time{}, time.Time{})
	if err != nil {
		t.Fatalf("reading the pulled list: %v", err)
	}
	for _, b := range all {
		got[b.Code] = b
	}
	if len(got) != 5 || !got["PRIO0001"].Priority || got["REGU0001"].Priority || !got["LANS0001"].Priority {
		t.Fatalf("pulled list %+v", got)
	}
	if b, err := st.BookingByCode(ctx, "PRIO0001"); err != nil || b.Priority != store.PriorityGroup ||
		!b.SlotStart.Equal(slot) || b.SlotStart.Location() != time.UTC {
		t.Fatalf("priority booking as the kiosk reads it: %+v %v", b, err)
	}

	admit := queue.DefaultBookingRule.Admit
	for _, c := range []struct{ code, refusal string }{{"EARL0001", "booking_too_early"}, {"LATE0001", "booking_too_late"}} {
		_, err := st.CheckIn(ctx, c.code, admit)
		var se *store.Error
		if !errors.As(err, &se) || se.Code != c.refusal {
			t.Fatalf("%s: %v, want %s", c.code, err, c.refusal)
		}
	}
	walk, err := st.IssueTicket(ctx, svcs[0].ID, store.PriorityNone)
	if err != nil {
		t.Fatal(err)
	}
	tickets := map[string]store.Ticket{}
	for _, code := range []string{"PRIO0001", "REGU0001", "LANS0001"} {
		now = now.Add(time.Second)
		tk, err := st.CheckIn(ctx, code, admit)
		if err != nil {
			t.Fatalf("check-in %s: %v", code, err)
		}
		tickets[code] = tk
	}
	if tickets["PRIO0001"].Priority != store.PriorityGroup || !tickets["PRIO0001"].IsPriority() ||
		tickets["REGU0001"].Priority != store.PriorityNone || tickets["LANS0001"].Priority != store.PriorityLansia {
		t.Fatalf("lanes: prio %q, regular %q, lansia %q", tickets["PRIO0001"].Priority, tickets["REGU0001"].Priority, tickets["LANS0001"].Priority)
	}
	if store.PriorityLabel(store.PriorityGroup) == "" {
		t.Fatal("the priority group lane has no label")
	}
	marks, err := st.BookingMarks(ctx)
	if err != nil || len(marks) != 3 {
		t.Fatalf("marks %+v %v", marks, err)
	}
	for _, m := range marks {
		if m.TicketID != tickets[m.Code].ID {
			t.Fatalf("mark %+v, ticket %s", m, tickets[m.Code].ID)
		}
	}
	// The next pull (the centre acknowledging) keeps the check-ins and
	// their tickets; a booked row still has no ticket.
	if _, err := st.ApplyPulledBookings(ctx, list, 8, marks); err != nil {
		t.Fatal(err)
	}
	all, _ = st.PulledBookings(ctx, time.Time{}, time.Time{})
	for _, b := range all {
		if tk, ok := tickets[b.Code]; ok && (b.Status != store.BookingCheckedIn || b.TicketID != tk.ID) {
			t.Fatalf("after the acknowledgement: %+v", b)
		}
		if _, ok := tickets[b.Code]; !ok && b.TicketID != "" {
			t.Fatalf("a booking not checked in has ticket %q", b.TicketID)
		}
	}

	// Call-next: the slot has started; the booked visitors in slot go
	// first, one booked call then a walk-in (Run 1).
	now = slot.Add(time.Minute)
	sess, err := st.OpenCounter(ctx, officer.ID, ctrs[0].ID, []string{svcs[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	pick := queue.DefaultBookingRule.Picker(queue.Policy{PriorityRatio: 2, NormalRatio: 1})
	first, err := st.CallNext(ctx, sess.ID, pick)
	if err != nil {
		t.Fatal(err)
	}
	if first.ID != tickets["PRIO0001"].ID {
		t.Fatalf("first call %s (%s), want the first booked visitor in slot %s; walk-in %s", first.Code(), first.ID,
			tickets["PRIO0001"].Code(), walk.Code())
	}
	if _, err := st.Skip(ctx, sess.ID, first.ID); err != nil {
		t.Fatal(err)
	}
	second, err := st.CallNext(ctx, sess.ID, pick)
	if err != nil {
		t.Fatal(err)
	}
	if second.ID != walk.ID {
		t.Fatalf("second call %s, want the walk-in %s after one booked call", second.Code(), walk.Code())
	}
}
