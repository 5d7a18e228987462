package queue

import (
	"fmt"
	"time"

	"loket/store"
)

// BookingRule is how booked visitors (janji temu) and walk-ins share the
// counters, and when a booking may be used at the kiosk.
//
// The rule, in order:
//
//  1. A booked visitor is "in slot" from the start of the booked slot, if
//     they checked in no later than the slot's end. Visitors in slot go
//     before walk-ins, earliest slot first, but at most Run booked calls in
//     a row at a counter while anyone else waits: with Run 1 booked and
//     walk-in visitors alternate, so bookings take at most every 2nd call
//     and a full appointment book never stops the walk-in queue.
//  2. A visitor who checked in after the slot ended is late: their ticket
//     simply joins the walk-in order by arrival. One who checks in early
//     waits in the walk-in order until the slot starts, then goes first.
//  3. The office's maximum wait (Policy.MaxWait) outranks bookings: a
//     walk-in who has waited that long is called before anyone in slot.
//  4. A booking not checked in NoShowAfter past its slot's end is a
//     no-show: check-in refuses it and the office releases it
//     (store.ReleaseNoShows), so the centre can give the seat again.
//
// Check-in opens Early before the slot and closes NoShowAfter after it.
type BookingRule struct {
	// Run is how many booked visitors a counter may call in a row while
	// others wait (1 by default).
	Run int
	// Early is how long before the slot check-in opens.
	Early time.Duration
	// NoShowAfter is how long after the slot's end a booking not
	// checked in is released.
	NoShowAfter time.Duration
}

// DefaultBookingRule: alternate booked and walk-in calls, check in from an
// hour before the slot until 30 minutes after it.
var DefaultBookingRule = BookingRule{Run: 1, Early: time.Hour, NoShowAfter: 30 * time.Minute}

// InSlot tells whether t is a booked visitor who goes before walk-ins now.
func (r BookingRule) InSlot(t store.Ticket, now time.Time) bool {
	b := t.Booking
	return b != nil && !now.Before(b.Start) && !t.QueuedAt.After(b.End)
}

// Picker combines the rule with the office's ordering policy p into the
// store.Picker of call-next.
func (r BookingRule) Picker(p Policy) store.Picker {
	return func(waiting []store.Ticket, recent []bool, now time.Time) int {
		var slot []int   // in slot, into waiting
		var others []int // everyone else, into waiting
		for i, t := range waiting {
			if r.InSlot(t, now) {
				slot = append(slot, i)
			} else {
				others = append(others, i)
			}
		}
		if len(slot) == 0 {
			return p.Pick(waiting, recent, now)
		}
		best := slot[0]
		for _, i := range slot[1:] {
			a, b := waiting[i], waiting[best]
			if a.Booking.Start.Before(b.Booking.Start) ||
				(a.Booking.Start.Equal(b.Booking.Start) && a.QueuedAt.Before(b.QueuedAt)) {
				best = i
			}
		}
		if len(others) == 0 {
			return best
		}
		rest := make([]store.Ticket, len(others))
		for k, i := range others {
			rest[k] = waiting[i]
		}
		overdue := false
		if p.MaxWait > 0 {
			for _, t := range rest {
				if now.Sub(t.QueuedAt) >= p.MaxWait {
					overdue = true
				}
			}
		}
		if !overdue && waiting[best].Booking.CounterRun < max(r.Run, 1) {
			return best
		}
		k := p.Pick(rest, recent, now)
		if k < 0 {
			return best
		}
		return others[k]
	}
}

// Admit decides whether booking b may be checked in at office off now;
// the refusal says why in Indonesian (store.CheckIn calls it).
func (r BookingRule) Admit(b store.Booking, off store.Office, now time.Time) error {
	loc := off.Location()
	switch {
	case b.Office != off.Code:
		return &store.Error{Code: "booking_other_office",
			Message: "Kode janji temu ini untuk kantor lain. Silakan datang ke kantor yang Anda pilih saat membuat janji temu."}
	case b.Status == store.BookingCancelled:
		return &store.Error{Code: "booking_cancelled", Message: "Janji temu ini sudah dibatalkan. Silakan ambil nomor antrean biasa."}
	case b.Status == store.BookingCheckedIn:
		return &store.Error{Code: "booking_used", Message: "Kode janji temu ini sudah dipakai untuk mengambil nomor antrean."}
	case b.Status == store.BookingNoShow:
		return &store.Error{Code: "booking_too_late",
			Message: "Jadwal janji temu ini sudah lewat. Silakan ambil nomor antrean biasa."}
	case b.Status != store.BookingBooked:
		return &store.Error{Code: "booking_unknown", Message: "Status janji temu ini tidak dikenal. Silakan hubungi petugas."}
	case off.BusinessDate(b.SlotStart) != off.BusinessDate(now):
		return &store.Error{Code: "booking_other_day", Message: fmt.Sprintf(
			"Janji temu ini untuk %s, bukan hari ini. Silakan datang pada tanggal tersebut.", dateID(b.SlotStart.In(loc)))}
	}
	if opens := b.SlotStart.Add(-r.Early); now.Before(opens) {
		return &store.Error{Code: "booking_too_early", Message: fmt.Sprintf(
			"Terlalu awal: jadwal Anda pukul %s %s. Check-in dibuka mulai pukul %s.",
			clockID(b.SlotStart.In(loc)), off.ZoneLabel(), clockID(opens.In(loc)))}
	}
	if now.After(b.SlotEnd.Add(r.NoShowAfter)) {
		return &store.Error{Code: "booking_too_late", Message: fmt.Sprintf(
			"Terlambat: jadwal Anda pukul %s-%s %s sudah lewat. Silakan ambil nomor antrean biasa.",
			clockID(b.SlotStart.In(loc)), clockID(b.SlotEnd.In(loc)), off.ZoneLabel())}
	}
	return nil
}

var monthsID = [...]string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
	"September", "Oktober", "November", "Desember"}

func dateID(t time.Time) string {
	return fmt.Sprintf("%d %s %d", t.Day(), monthsID[t.Month()-1], t.Year())
}

func clockID(t time.Time) string { return t.Format("15.04") }
