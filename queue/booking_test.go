package queue

import (
	"errors"
	"strings"
	"testing"
	"time"

	"loket/store"
)

// bk is a booked ticket checked in ageMin minutes before t0 for a slot
// starting startMin minutes after t0 (negative: before), 30 minutes long;
// run is the counter's latest run of booked calls.
func bk(code string, ageMin, startMin, run int) store.Ticket {
	t := tk(code, false, ageMin)
	start := t0.Add(time.Duration(startMin) * time.Minute)
	t.Booking = &store.BookingSlot{Code: "JT-" + code, Start: start, End: start.Add(30 * time.Minute), CounterRun: run}
	return t
}

func TestBookingPicker(t *testing.T) {
	pol := Policy{PriorityRatio: 2, NormalRatio: 1}
	rule := DefaultBookingRule
	run2 := rule
	run2.Run = 2
	for _, tc := range []struct {
		name   string
		rule   BookingRule
		policy Policy
		wait   []store.Ticket
		recent []bool
		want   string
	}{
		{"no bookings: the policy alone", rule, pol, []store.Ticket{tk("N1", false, 20), tk("P1", true, 10)}, nil, "P1"},
		{"in slot goes before older walk-ins", rule, pol,
			[]store.Ticket{tk("N1", false, 40), tk("N2", false, 30), bk("B1", 5, -10, 0)}, []bool{false}, "B1"},
		{"share: after a booked call, a walk-in", rule, pol,
			[]store.Ticket{tk("N1", false, 40), bk("B1", 5, -10, 1)}, []bool{false}, "N1"},
		{"share with run 2 allows a second booked call", run2, pol,
			[]store.Ticket{tk("N1", false, 40), bk("B1", 5, -10, 1)}, []bool{false}, "B1"},
		{"nobody else waiting: booked even past the share", rule, pol,
			[]store.Ticket{bk("B1", 5, -10, 3)}, nil, "B1"},
		{"earliest slot first among those in slot", rule, pol,
			[]store.Ticket{bk("B2", 20, -5, 0), bk("B1", 2, -25, 0), tk("N1", false, 40)}, nil, "B1"},
		{"early arrival waits in walk-in order until the slot starts", rule, pol,
			[]store.Ticket{tk("N1", false, 40), bk("B1", 30, 15, 0)}, []bool{false}, "N1"},
		{"late arrival (checked in after slot end) joins walk-in order", rule, pol,
			[]store.Ticket{tk("N1", false, 40), bk("B1", 2, -45, 0)}, []bool{false}, "N1"},
		{"late arrival still called in its arrival turn", rule, pol,
			[]store.Ticket{bk("B1", 50, -90, 0), tk("N1", false, 40)}, []bool{false}, "B1"},
		{"max wait outranks bookings", rule, Policy{PriorityRatio: 2, NormalRatio: 1, MaxWait: 30 * time.Minute},
			[]store.Ticket{tk("N1", false, 40), bk("B1", 5, -10, 0)}, nil, "N1"},
		{"priority lane keeps its ratio among walk-ins after a booked call", rule, pol,
			[]store.Ticket{tk("N1", false, 40), tk("P1", true, 30), bk("B1", 5, -10, 1)}, []bool{false}, "P1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			i := tc.rule.Picker(tc.policy)(tc.wait, tc.recent, t0)
			got := ""
			if i >= 0 {
				got = tc.wait[i].ID
			}
			if got != tc.want {
				t.Fatalf("picked %q, want %q", got, tc.want)
			}
		})
	}
}

func TestBookingAdmit(t *testing.T) {
	off := store.Office{Code: "KPPN019", Zone: "Asia/Jakarta"}
	// Slot 09.00-09.30 WIB on 23 November 2026 (t0 is 09.00 WIB).
	base := store.Booking{Code: "AB12CD", Office: "KPPN019", Status: store.BookingBooked,
		SlotStart: t0, SlotEnd: t0.Add(30 * time.Minute)}
	with := func(f func(*store.Booking)) store.Booking { b := base; f(&b); return b }
	for _, tc := range []struct {
		name     string
		b        store.Booking
		now      time.Time
		code     string
		contains string
	}{
		{"on time", base, t0.Add(5 * time.Minute), "", ""},
		{"an hour early is fine", base, t0.Add(-time.Hour), "", ""},
		{"late but before release", base, t0.Add(59 * time.Minute), "", ""},
		{"other office", with(func(b *store.Booking) { b.Office = "KPPN020" }), t0, "booking_other_office", "kantor lain"},
		{"cancelled", with(func(b *store.Booking) { b.Status = store.BookingCancelled }), t0, "booking_cancelled", "dibatalkan"},
		{"already used", with(func(b *store.Booking) { b.Status = store.BookingCheckedIn }), t0, "booking_used", "sudah dipakai"},
		{"released as no-show", with(func(b *store.Booking) { b.Status = store.BookingNoShow }), t0, "booking_too_late", "sudah lewat"},
		{"other day", base, t0.Add(24 * time.Hour), "booking_other_day", "23 November 2026"},
		{"too early", base, t0.Add(-61 * time.Minute), "booking_too_early", "pukul 09.00 WIB"},
		{"too late", base, t0.Add(61 * time.Minute), "booking_too_late", "09.00-09.30 WIB"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := DefaultBookingRule.Admit(tc.b, off, tc.now)
			if tc.code == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			var se *store.Error
			if !errors.As(err, &se) || se.Code != tc.code || !strings.Contains(se.Message, tc.contains) {
				t.Fatalf("got %v, want %s containing %q", err, tc.code, tc.contains)
			}
		})
	}
}
