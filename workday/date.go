package workday

import (
	"fmt"
	"time"
)

// Date is a civil date with no time of day and no zone. Whether a day is a
// working day is a property of the office's calendar date, not of an
// instant, so holiday lookups must never be disturbed by time zones or
// daylight rules; a comparable struct also serves directly as a map key.
// The zero Date is not a valid date (see IsZero).
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// NewDate returns the date year-month-day, normalising overflow the way
// time.Date does (March 32 becomes April 1), so callers can do arithmetic
// on the fields without checking ranges first.
func NewDate(year int, month time.Month, day int) Date {
	return DateOf(time.Date(year, month, day, 12, 0, 0, 0, time.UTC))
}

// DateOf returns the calendar date of t in t's own location. Convert t to
// the office zone first (Schedule methods do) because the business date is
// the office's date, not UTC's.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{Year: y, Month: m, Day: d}
}

// ParseDate reads a strict YYYY-MM-DD date. It is strict on purpose: the
// holiday calendar and the CLI are edited by hand and a lenient parser
// would silently accept "2026-3-1" or "2026-02-30".
func ParseDate(s string) (Date, error) {
	bad := fmt.Errorf("tanggal %q tidak valid (format YYYY-MM-DD)", s)
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, bad
	}
	num := func(part string) (int, bool) {
		n := 0
		for i := 0; i < len(part); i++ {
			c := part[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	y, ok1 := num(s[0:4])
	m, ok2 := num(s[5:7])
	d, ok3 := num(s[8:10])
	if !ok1 || !ok2 || !ok3 || y < 1 || m < 1 || m > 12 || d < 1 || d > daysIn(y, time.Month(m)) {
		return Date{}, bad
	}
	return Date{Year: y, Month: time.Month(m), Day: d}, nil
}

func daysIn(year int, m time.Month) int {
	return time.Date(year, m+1, 0, 12, 0, 0, 0, time.UTC).Day()
}

// String formats the date as YYYY-MM-DD, the form used in the CSV files
// and the CLI.
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// IsZero reports whether d is the zero Date, which callers use as "no
// date" rather than a real day.
func (d Date) IsZero() bool { return d == Date{} }

// AddDays returns the date n calendar days later (earlier if n < 0).
func (d Date) AddDays(n int) Date { return NewDate(d.Year, d.Month, d.Day+n) }

// Weekday returns the day of the week, which decides weekends and the
// office hours that apply.
func (d Date) Weekday() time.Weekday {
	return time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC).Weekday()
}

// Compare returns -1, 0 or +1 as d is before, equal to or after o, for
// sorting and range loops.
func (d Date) Compare(o Date) int {
	switch {
	case d.Year != o.Year:
		return cmpInt(d.Year, o.Year)
	case d.Month != o.Month:
		return cmpInt(int(d.Month), int(o.Month))
	default:
		return cmpInt(d.Day, o.Day)
	}
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Before reports whether d is strictly earlier than o.
func (d Date) Before(o Date) bool { return d.Compare(o) < 0 }

// After reports whether d is strictly later than o.
func (d Date) After(o Date) bool { return d.Compare(o) > 0 }

// At returns the instant at clock time t on date d in loc. It goes through
// time.Date with the wall clock fields so that a zone with daylight rules
// would still get the right instant (Indonesian zones have none, but
// callers may pass any zone).
func (d Date) At(t TimeOfDay, loc *time.Location) time.Time {
	m := int(t)
	return time.Date(d.Year, d.Month, d.Day, m/60, m%60, 0, 0, loc)
}

// TimeOfDay is a wall-clock time as minutes after midnight, 0 to 1440
// (24:00, allowed as a closing time). Office hours are set to the minute,
// so a finer unit would only invite rounding questions.
type TimeOfDay int

// ClockTime returns the TimeOfDay hour:minute.
func ClockTime(hour, minute int) TimeOfDay { return TimeOfDay(hour*60 + minute) }

// ParseTimeOfDay reads "HH:MM" or "H:MM"; the Indonesian spelling with a
// dot ("07.30") is accepted too because that is how office hours are
// written on notices and in Standar Pelayanan documents.
func ParseTimeOfDay(s string) (TimeOfDay, error) {
	bad := fmt.Errorf("jam %q tidak valid (format JJ:MM, misalnya 07:30)", s)
	sep := -1
	for i := 0; i < len(s); i++ {
		if s[i] == ':' || s[i] == '.' {
			sep = i
			break
		}
	}
	if sep < 1 || sep > 2 || len(s)-sep != 3 {
		return 0, bad
	}
	h, m := 0, 0
	for i := 0; i < len(s); i++ {
		if i == sep {
			continue
		}
		c := s[i]
		if c < '0' || c > '9' {
			return 0, bad
		}
		if i < sep {
			h = h*10 + int(c-'0')
		} else {
			m = m*10 + int(c-'0')
		}
	}
	if m > 59 || h > 24 || (h == 24 && m != 0) {
		return 0, bad
	}
	return ClockTime(h, m), nil
}

// String formats the time as HH:MM.
func (t TimeOfDay) String() string { return fmt.Sprintf("%02d:%02d", int(t)/60, int(t)%60) }

// Span is the opening and closing time of one weekday. The zero Span means
// closed, so a WeekHours literal only needs to name the open days.
type Span struct {
	Open, Close TimeOfDay
}

// ParseSpan reads "07:30-16:30"; "tutup" (closed) or "" give the closed
// Span, so hours can be kept as plain text in settings.
func ParseSpan(s string) (Span, error) {
	if s == "" || s == "tutup" {
		return Span{}, nil
	}
	for i := 0; i < len(s); i++ {
		if s[i] != '-' {
			continue
		}
		open, err := ParseTimeOfDay(s[:i])
		if err != nil {
			return Span{}, err
		}
		cl, err := ParseTimeOfDay(s[i+1:])
		if err != nil {
			return Span{}, err
		}
		sp := Span{Open: open, Close: cl}
		if !sp.IsOpen() {
			return Span{}, fmt.Errorf("jam tutup %s harus sesudah jam buka %s", cl, open)
		}
		return sp, nil
	}
	return Span{}, fmt.Errorf("jam kerja %q tidak valid (format JJ:MM-JJ:MM, misalnya 08:00-17:00)", s)
}

// IsOpen reports whether the office opens at all on a day with this Span.
func (s Span) IsOpen() bool { return s.Close > s.Open }

// Duration is the length of the working period, zero when closed.
func (s Span) Duration() time.Duration {
	if !s.IsOpen() {
		return 0
	}
	return time.Duration(s.Close-s.Open) * time.Minute
}

// String formats the span as "08:00-17:00", or "tutup" when closed, the
// inverse of ParseSpan.
func (s Span) String() string {
	if !s.IsOpen() {
		return "tutup"
	}
	return s.Open.String() + "-" + s.Close.String()
}
