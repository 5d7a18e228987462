package reports

import "time"

// BookingFigures are the appointments (janji temu) of a period: the
// bookings whose slot fell in it, how they ended, and how long booked
// visitors waited against walk-ins (issued to first call).
type BookingFigures struct {
	Booked    int // every booking of the period's slots, cancelled ones included
	CheckedIn int
	NoShow    int
	Cancelled int
	// Open are still booked (a slot later today, or not yet released).
	Open       int
	BookedWait DurationStats
	WalkInWait DurationStats
}

// BookingWaits summarises the waits of the booked and walk-in tickets.
func BookingWaits(booked, walkIn []time.Duration) (DurationStats, DurationStats) {
	return durationStats(booked), durationStats(walkIn)
}

// bookingSection is the report's appointments part; nothing when the
// period had no booking.
func (r *report) bookingSection(b *BookingFigures) {
	if b == nil || b.Booked == 0 {
		r.note("Tidak ada janji temu pada periode ini.")
		return
	}
	r.tiles([][2]string{
		{"Janji temu dibuat", FormatCount(b.Booked)},
		{"Hadir (check-in)", FormatCount(b.CheckedIn)},
		{"Tidak hadir", FormatCount(b.NoShow)},
		{"Dibatalkan", FormatCount(b.Cancelled)},
		{"Median tunggu: janji temu", FormatMinutes(b.BookedWait.Median, b.BookedWait.N > 0)},
		{"Median tunggu: tanpa janji", FormatMinutes(b.WalkInWait.Median, b.WalkInWait.N > 0)},
		{"P90 tunggu: janji temu", FormatMinutes(b.BookedWait.P90, b.BookedWait.N > 0)},
		{"P90 tunggu: tanpa janji", FormatMinutes(b.WalkInWait.P90, b.WalkInWait.N > 0)},
	}, 4)
	note := "Janji temu dihitung menurut slot yang jatuh dalam periode. Waktu tunggu: sejak tiket diambil sampai dipanggil; " +
		"janji temu = tiket dari check-in janji temu, tanpa janji = tiket lainnya."
	if b.Open > 0 {
		note += " " + FormatCount(b.Open) + " janji temu belum check-in pada akhir periode."
	}
	r.note(note)
}
