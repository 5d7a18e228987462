package office_test

import (
	"os/exec"
	"strings"
	"testing"
	"time"

	"loket/booking"
	"loket/reports"
	"loket/store"
)

// The period report counts the appointments of the period's slots by how
// they ended and compares the wait of the ticket that came from a check-in
// with the walk-ins'.
func TestReportBookingSection(t *testing.T) {
	wib := time.FixedZone("WIB", 7*3600)
	o := newDayOffice(t, time.Date(2026, 11, 23, 8, 0, 0, 0, wib)) // Monday
	// A walk-in waits 12 minutes, the booked visitor 2.
	wait := func(d time.Duration) store.Ticket {
		tk, err := o.l.IssueTicket(o.ctx, o.svcs["B"].ID, "")
		if err != nil {
			t.Fatal(err)
		}
		o.tick(d)
		if _, err := o.l.CallNext(o.ctx, o.sess.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := o.l.StartServing(o.ctx, o.sess.ID, tk.ID); err != nil {
			t.Fatal(err)
		}
		o.tick(5 * time.Minute)
		if _, err := o.l.Finish(o.ctx, o.sess.ID, tk.ID); err != nil {
			t.Fatal(err)
		}
		return tk
	}
	wait(12 * time.Minute)
	booked := wait(2 * time.Minute)
	off, _ := o.st.Office(o.ctx)
	slot := time.Date(2026, 11, 23, 8, 30, 0, 0, wib)
	pb := func(code, status, ticket string, at time.Time) store.PulledBooking {
		return store.PulledBooking{Code: code, Office: off.Code, ServiceID: o.svcs["B"].ID, SlotStart: at,
			SlotEnd: at.Add(30 * time.Minute), Name: "Tamu " + code, Status: status, TicketID: ticket, Seq: 1}
	}
	if _, err := o.st.ApplyPulledBookings(o.ctx, []store.PulledBooking{
		pb("AAAAAAAA", booking.StatusCheckedIn, booked.ID, slot),
		pb("BBBBBBBB", booking.StatusNoShow, "", slot),
		pb("CCCCCCCC", booking.StatusCancelled, "", slot),
		pb("DDDDDDDD", booking.StatusBooked, "", slot.Add(2*time.Hour)),
		pb("EEEEEEEE", booking.StatusBooked, "", slot.AddDate(0, 0, 1)), // another day
	}, 5, nil); err != nil {
		t.Fatal(err)
	}
	fig, err := o.l.Figures(o.ctx, reports.DayPeriod(slot), reports.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	b := fig.Bookings
	if b == nil || b.Booked != 4 || b.CheckedIn != 1 || b.NoShow != 1 || b.Cancelled != 1 || b.Open != 1 {
		t.Fatalf("booking figures %+v", b)
	}
	if b.BookedWait.N != 1 || b.BookedWait.Median != 2*time.Minute || b.WalkInWait.N != 1 || b.WalkInWait.Median != 12*time.Minute {
		t.Fatalf("waits: booked %+v, walk-in %+v", b.BookedWait, b.WalkInWait)
	}
	if fig, _ := o.l.Figures(o.ctx, reports.DayPeriod(slot), reports.Filter{CounterID: o.sess.CounterID}); fig.Bookings != nil {
		t.Fatal("booking figures under a counter filter")
	}
	pdf, err := reports.PeriodReportPDF(fig, false)
	if err != nil {
		t.Fatal(err)
	}
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatalf("pdftotext is needed (apt-get install poppler-utils): %v", err)
	}
	cmd := exec.Command(bin, "-layout", "-", "-")
	cmd.Stdin = strings.NewReader(string(pdf))
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	for _, want := range []string{"Janji temu", "Janji temu dibuat", "Median tunggu: janji temu"} {
		if !strings.Contains(text, want) {
			t.Fatalf("report lacks %q:\n%s", want, text)
		}
	}
}
