package workday

import (
	"errors"
	"fmt"
	"time"
)

// WeekHours are the office hours for each day of the week, indexed by
// time.Weekday. A closed day has the zero Span. Days are set separately
// because Friday hours often differ (longer prayer break, earlier close)
// and some offices open on Saturday.
type WeekHours [7]Span

// DefaultHours are Monday to Friday 08:00-17:00, Saturday and Sunday
// closed. Change an entry, e.g. h[time.Friday] = Span{ClockTime(7, 30),
// ClockTime(16, 30)}, for an office with other hours.
func DefaultHours() WeekHours {
	var w WeekHours
	for d := time.Monday; d <= time.Friday; d++ {
		w[d] = Span{Open: ClockTime(8, 0), Close: ClockTime(17, 0)}
	}
	return w
}

// Validate checks that every span lies within the day and that at least
// one day is open; with no open day no deadline could ever fall due.
func (w WeekHours) Validate() error {
	open := false
	for d, sp := range w {
		if sp == (Span{}) {
			continue
		}
		if sp.Open < 0 || sp.Close > ClockTime(24, 0) || !sp.IsOpen() {
			return fmt.Errorf("jam kerja hari %s (%s-%s) tidak valid: jam tutup harus sesudah jam buka, antara 00:00 dan 24:00", dayNames[d], sp.Open, sp.Close)
		}
		open = true
	}
	if !open {
		return errors.New("jam kerja tidak valid: paling sedikit satu hari harus buka")
	}
	return nil
}

// dayNames are the Indonesian weekday names, indexed by time.Weekday; they
// double as the reason a closed weekday is not a working day.
var dayNames = [7]string{"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"}

// DayName returns the Indonesian name of a weekday (Senin ... Minggu).
func DayName(d time.Weekday) string { return dayNames[d%7] }

// Schedule is everything that decides when an office works: its zone, its
// weekly hours and its holiday calendar. All methods convert instants to
// the schedule's zone first, because the business date and the office
// hours are those of the office, whatever zone the caller's time is in.
// A Schedule is immutable and safe for concurrent use. Build it with
// NewSchedule or DefaultSchedule; the zero value has no zone and panics.
type Schedule struct {
	zone  string
	loc   *time.Location
	hours WeekHours
	cal   *Calendar
}

// NewSchedule builds a schedule for an IANA zone (or WIB/WITA/WIT), the
// weekly hours and a calendar; a nil calendar means no decree loaded, so
// every year uses the estimated national holidays (see EstimatedHolidays).
func NewSchedule(zone string, hours WeekHours, cal *Calendar) (*Schedule, error) {
	loc, err := LoadZone(zone)
	if err != nil {
		return nil, err
	}
	if err := hours.Validate(); err != nil {
		return nil, err
	}
	return &Schedule{zone: loc.String(), loc: loc, hours: hours, cal: cal}, nil
}

// DefaultSchedule is Asia/Jakarta (WIB), DefaultHours and DefaultCalendar:
// what the CLI and a freshly installed office use.
func DefaultSchedule() (*Schedule, error) {
	cal, err := DefaultCalendar()
	if err != nil {
		return nil, err
	}
	return NewSchedule(ZoneJakarta, DefaultHours(), cal)
}

// Location returns the office's time zone.
func (s *Schedule) Location() *time.Location { return s.loc }

// ZoneName returns the IANA name of the office's zone, the value to store
// beside UTC timestamps.
func (s *Schedule) ZoneName() string { return s.zone }

// ZoneLabel returns WIB, WITA or WIT for display, or the IANA name for a
// zone outside Indonesia.
func (s *Schedule) ZoneLabel() string {
	if l, ok := ZoneLabel(s.zone); ok {
		return l
	}
	return s.zone
}

// Hours returns the weekly office hours (a copy; the schedule itself
// cannot be changed).
func (s *Schedule) Hours() WeekHours { return s.hours }

// Calendar returns the holiday calendar, possibly nil.
func (s *Schedule) Calendar() *Calendar { return s.cal }

// Date returns the business date of t: its date in the office's zone.
func (s *Schedule) Date(t time.Time) Date { return DateOf(t.In(s.loc)) }

// Warning returns the Indonesian warning for instants from..to that touch
// years without a holiday calendar, or "". Show it next to any deadline
// computed over that range.
func (s *Schedule) Warning(from, to time.Time) string {
	return s.cal.Warning(s.Date(from).Year, s.Date(to).Year)
}

// Tentative reports whether a deadline computed over from..to rests on
// estimated holidays (a year without its SKB), so that the date may still
// move with the cuti bersama of that year.
func (s *Schedule) Tentative(from, to time.Time) bool {
	return s.cal.Tentative(s.Date(from).Year, s.Date(to).Year)
}

// IsWorkingDay reports whether the office works on d. When it does not,
// reason says why: the holiday's keterangan, with "(perkiraan)" for an
// estimated one (a holiday wins over a weekend because it is the more
// informative answer), otherwise the weekday name ("Sabtu", "Minggu", or
// any weekday the hours close).
func (s *Schedule) IsWorkingDay(d Date) (bool, string) {
	if h, ok := s.cal.Holiday(d); ok {
		return false, h.Label()
	}
	wd := d.Weekday()
	if !s.hours[wd].IsOpen() {
		return false, dayNames[wd]
	}
	return true, ""
}

func (s *Schedule) working(d Date) bool {
	ok, _ := s.IsWorkingDay(d)
	return ok
}

// OfficeHours returns the opening and closing instants on d, and false
// when d is not a working day.
func (s *Schedule) OfficeHours(d Date) (open, close time.Time, ok bool) {
	if !s.working(d) {
		return time.Time{}, time.Time{}, false
	}
	sp := s.hours[d.Weekday()]
	return d.At(sp.Open, s.loc), d.At(sp.Close, s.loc), true
}

// IsWorkingTime reports whether the office is open at t: a working day and
// opening <= t < closing. Closing time itself counts as closed, matching
// how a counter stops taking visitors.
func (s *Schedule) IsWorkingTime(t time.Time) bool {
	t = t.In(s.loc)
	open, cl, ok := s.OfficeHours(DateOf(t))
	return ok && !t.Before(open) && t.Before(cl)
}

// AddWorkDays returns the date n working days after from, counting only
// days strictly after from (from itself never counts, working or not): the
// 1st working day after Tuesday 2026-03-17 is Wednesday 2026-03-25, past
// Nyepi and Lebaran. n == 0 returns from unchanged, even on a holiday, so
// that WorkingDaysBetween(from, AddWorkDays(from, n)) == n for every n >= 0;
// callers wanting "today or the next working day" use NextWorkingDay.
// A negative n counts backwards over days strictly before from.
func (s *Schedule) AddWorkDays(from Date, n int) Date {
	d := from
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		d = d.AddDays(step)
		if s.working(d) {
			n--
		}
	}
	return d
}

// NextWorkingDay returns d if it is a working day, else the first working
// day after it.
func (s *Schedule) NextWorkingDay(d Date) Date {
	for !s.working(d) {
		d = d.AddDays(1)
	}
	return d
}

// WorkingDaysBetween counts the working days in the half-open range
// (a, b]: after a, up to and including b. It is the inverse of AddWorkDays
// for n >= 0, and negative (minus the count over (b, a]) when b is before a.
func (s *Schedule) WorkingDaysBetween(a, b Date) int {
	if b.Before(a) {
		return -s.WorkingDaysBetween(b, a)
	}
	n := 0
	for d := a.AddDays(1); !d.After(b); d = d.AddDays(1) {
		if s.working(d) {
			n++
		}
	}
	return n
}

// AddWorkHours returns the instant when d of office time has elapsed after
// start. Time outside office hours and on non-working days does not count:
// a request at 16:30 with one work hour is due 08:30 on the next working
// day, and a start before opening counts from opening. A deadline that uses
// up the day exactly falls due at closing time, not the next morning.
// d <= 0 returns start moved forward to office hours (itself when already
// within opening..closing), because an SLA clock never runs backwards.
// The result is in the office's zone.
func (s *Schedule) AddWorkHours(start time.Time, d time.Duration) time.Time {
	t := start.In(s.loc)
	day := DateOf(t)
	for {
		if open, cl, ok := s.OfficeHours(day); ok {
			from := t
			if from.Before(open) {
				from = open
			}
			if d <= 0 && !from.After(cl) {
				return from
			}
			if avail := cl.Sub(from); avail > 0 {
				if d <= avail {
					return from.Add(d)
				}
				d -= avail
			}
		}
		day = day.AddDays(1)
		t = day.At(0, s.loc)
	}
}

// WorkingDuration returns the office time between a and b: the part of
// [a, b] that lies inside office hours of working days. It is what an SLA
// compliance check compares with a work_hour target, and the inverse of
// AddWorkHours. It is negative when b is before a.
func (s *Schedule) WorkingDuration(a, b time.Time) time.Duration {
	if b.Before(a) {
		return -s.WorkingDuration(b, a)
	}
	a, b = a.In(s.loc), b.In(s.loc)
	var total time.Duration
	last := DateOf(b)
	for day := DateOf(a); !day.After(last); day = day.AddDays(1) {
		open, cl, ok := s.OfficeHours(day)
		if !ok {
			continue
		}
		if a.After(open) {
			open = a
		}
		if b.Before(cl) {
			cl = b
		}
		if cl.After(open) {
			total += cl.Sub(open)
		}
	}
	return total
}
