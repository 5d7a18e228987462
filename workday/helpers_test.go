package workday

import (
	"testing"
	"time"
)

// defaultSchedule is Asia/Jakarta, 08:00-17:00 Monday to Friday, with the
// shipped 2026 calendar.
func defaultSchedule(t testing.TB) *Schedule {
	t.Helper()
	s, err := DefaultSchedule()
	if err != nil {
		t.Fatalf("DefaultSchedule: %v", err)
	}
	return s
}

// fridayShortSchedule is an office working 07:30-17:00 Monday to Thursday
// and 07:30-16:30 on Friday, in the given zone.
func fridayShortSchedule(t testing.TB, zone string) *Schedule {
	t.Helper()
	h := DefaultHours()
	for d := time.Monday; d <= time.Thursday; d++ {
		h[d] = Span{ClockTime(7, 30), ClockTime(17, 0)}
	}
	h[time.Friday] = Span{ClockTime(7, 30), ClockTime(16, 30)}
	cal, err := DefaultCalendar()
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSchedule(zone, h, cal)
	if err != nil {
		t.Fatalf("NewSchedule: %v", err)
	}
	return s
}

// wall parses "YYYY-MM-DD HH:MM" as wall-clock time in loc.
func wall(t testing.TB, loc *time.Location, s string) time.Time {
	t.Helper()
	tm, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		t.Fatalf("bad test time %q: %v", s, err)
	}
	return tm
}

func date(t testing.TB, s string) Date {
	t.Helper()
	d, err := ParseDate(s)
	if err != nil {
		t.Fatalf("bad test date %q: %v", s, err)
	}
	return d
}

const layout = "2006-01-02 15:04"
