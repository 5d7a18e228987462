package store_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"loket/store"
)

// Pulled bookings: another office's are never stored; a booking still
// booked here takes the centre's state (moved, cancelled); what the
// office recorded (a check-in, a no-show) stays whatever the centre says;
// each pull that changes something writes its event; the cursor only
// moves forward.
func TestApplyPulledBookings(t *testing.T) {
	st, svcs, _, _ := newOffice(t, "A")
	ctx := context.Background()
	at := time.Date(2026, 12, 7, 1, 0, 0, 0, time.UTC)
	pb := func(code, office, status string, seq int64, start time.Time) store.PulledBooking {
		return store.PulledBooking{Code: code, Office: office, ServiceID: svcs[0].ID, SlotStart: start,
			SlotEnd: start.Add(30 * time.Minute), Name: "Tamu", PhoneMasked: "0812****0001", Status: status, Seq: seq}
	}
	n, err := st.ApplyPulledBookings(ctx, []store.PulledBooking{
		pb("AAAAAAAA", "KPPN019", "booked", 1, at),
		pb("BBBBBBBB", "KPPN019", "booked", 2, at),
		pb("ZZZZZZZZ", "KPPN999", "booked", 3, at),
	}, 3, nil)
	if err != nil || n != 2 {
		t.Fatalf("first pull: %d (%v), want 2", n, err)
	}
	list, _ := st.PulledBookings(ctx, time.Time{}, time.Time{})
	if len(list) != 2 {
		t.Fatalf("%d bookings stored, want 2 (never another office's)", len(list))
	}
	if n := countKinds(t, st)[store.EvBookingsPulled]; n != 1 {
		t.Fatalf("%d booking.pulled events, want 1", n)
	}

	// The office checks B in (the kiosk's write) ...
	markCheckedIn(t, st, "BBBBBBBB", "T-1")
	marks, _ := st.BookingMarks(ctx)
	if len(marks) != 1 || marks[0] != (store.BookingMarkRow{Code: "BBBBBBBB", Status: "checked_in", TicketID: "T-1"}) {
		t.Fatalf("marks %+v", marks)
	}
	// ... while the centre moved A and cancelled B.
	later := at.Add(time.Hour)
	n, err = st.ApplyPulledBookings(ctx, []store.PulledBooking{
		pb("AAAAAAAA", "KPPN019", "booked", 4, later),
		pb("BBBBBBBB", "KPPN019", "cancelled", 5, at),
	}, 5, marks)
	if err != nil || n != 1 {
		t.Fatalf("second pull: %d (%v), want 1 (the move)", n, err)
	}
	got := map[string]store.PulledBooking{}
	list, _ = st.PulledBookings(ctx, time.Time{}, time.Time{})
	for _, b := range list {
		got[b.Code] = b
	}
	if !got["AAAAAAAA"].SlotStart.Equal(later) || got["BBBBBBBB"].Status != "checked_in" || got["BBBBBBBB"].TicketID != "T-1" {
		t.Fatalf("after the second pull: %+v", got)
	}
	if marks, _ := st.BookingMarks(ctx); len(marks) != 0 {
		t.Fatalf("acknowledged marks still pending: %+v", marks)
	}
	// A stale answer does not move the cursor back.
	if _, err := st.ApplyPulledBookings(ctx, nil, 2, nil); err != nil {
		t.Fatal(err)
	}
	if ps, _ := st.BookingPullState(ctx); ps.Cursor != 5 {
		t.Fatalf("cursor %d, want 5", ps.Cursor)
	}
	if err := st.NoteBookingPullError(ctx, "Server pusat tidak dapat dihubungi."); err != nil {
		t.Fatal(err)
	}
	if ps, _ := st.BookingPullState(ctx); !strings.Contains(ps.LastError, "tidak dapat dihubungi") {
		t.Fatalf("note %q", ps.LastError)
	}
	// Slot window: only the bookings of slots in [from, to).
	if list, _ := st.PulledBookings(ctx, later, later.Add(time.Minute)); len(list) != 1 || list[0].Code != "AAAAAAAA" {
		t.Fatalf("window: %+v", list)
	}
}

// The booking configuration is a setting checked before it is saved, and
// may be longer than the other settings.
func TestBookingConfigSetting(t *testing.T) {
	st, svcs, _, _ := newOffice(t, "A")
	ctx := context.Background()
	for _, bad := range []string{`{`, `{"enabled":true,"zone":"Asia/Jakarta","hours":"","slot_minutes":1,"priority_percent":0,"days_ahead":7}`} {
		err := st.SaveSetting(ctx, "", store.SettingBookingConfig, bad)
		if err == nil || !strings.HasSuffix(store.Message(err), ".") {
			t.Fatalf("%s: %v", bad, err)
		}
	}
	long := `{"enabled":true,"zone":"Asia/Jakarta","hours":"","slot_minutes":30,"priority_percent":20,"days_ahead":14,"services":[` +
		`{"id":"` + svcs[0].ID + `","name":"` + strings.Repeat("Layanan ", 80) + `","quota":3}]}`
	if err := st.SaveSetting(ctx, "", store.SettingBookingConfig, long); err != nil {
		t.Fatalf("a configuration of %d characters: %v", len(long), err)
	}
}

// markCheckedIn writes a check-in into office_bookings the way the kiosk's
// side does, through its own connection to the store file.
func markCheckedIn(t *testing.T, st *store.Store, code, ticket string) {
	t.Helper()
	ctx := context.Background()
	var path string
	if err := st.DB().QueryRowContext(ctx, `SELECT file FROM pragma_database_list WHERE name = 'main'`).Scan(&path); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `UPDATE office_bookings SET status = 'checked_in', checked_in_ticket_id = ? WHERE code = ?`,
		ticket, code); err != nil {
		t.Fatal(err)
	}
}

// Bookings of earlier days nobody checked in become no-shows (once, with
// an event) and are then marks to push; today's stay booked.
func TestReleasePastBookings(t *testing.T) {
	st, svcs, _, _ := newOffice(t, "A")
	ctx := context.Background()
	day := time.Date(2026, 12, 7, 17, 0, 0, 0, time.UTC) // 8 Dec 00:00 WIB
	pb := func(code string, start time.Time) store.PulledBooking {
		return store.PulledBooking{Code: code, Office: "KPPN019", ServiceID: svcs[0].ID, SlotStart: start,
			SlotEnd: start.Add(30 * time.Minute), Status: "booked", Seq: 1}
	}
	if _, err := st.ApplyPulledBookings(ctx, []store.PulledBooking{
		pb("AAAAAAAA", day.Add(-8*time.Hour)), pb("BBBBBBBB", day.Add(2*time.Hour)),
	}, 1, nil); err != nil {
		t.Fatal(err)
	}
	for i, want := range []int{1, 0} {
		n, err := st.ReleasePastBookings(ctx, day)
		if err != nil || n != want {
			t.Fatalf("release %d: %d (%v), want %d", i, n, err, want)
		}
	}
	marks, _ := st.BookingMarks(ctx)
	if len(marks) != 1 || marks[0].Code != "AAAAAAAA" || marks[0].Status != "no_show" {
		t.Fatalf("marks %+v", marks)
	}
	if n := countKinds(t, st)[store.EvBookingsReleased]; n != 1 {
		t.Fatalf("%d release events, want 1", n)
	}
}
