package workday

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"time"
)

// SLA duration units. They are plain strings because the standards parser
// stores them as read from a Standar Pelayanan document ("3 hari kerja"
// becomes 3, "work_day") and the catalog is data, not code.
const (
	// UnitMinute is wall-clock minutes ("menit").
	UnitMinute = "minute"
	// UnitHour is wall-clock hours ("jam"): the clock keeps running after
	// closing time.
	UnitHour = "hour"
	// UnitWorkHour counts only office hours on working days ("jam kerja").
	UnitWorkHour = "work_hour"
	// UnitWorkDay counts working days ("hari kerja"); due at closing time.
	UnitWorkDay = "work_day"
	// UnitDay is a plain "hari" with no qualifier. It is kept apart from
	// UnitCalendarDay because the documents are ambiguous: several
	// regulations define "hari" as hari kerja. It is computed as calendar
	// days (the literal reading) for now; keeping the unit distinct lets an
	// office or a later decision change that in one place without
	// re-reading the catalog.
	UnitDay = "day"
	// UnitCalendarDay is explicitly calendar days ("hari kalender").
	UnitCalendarDay = "calendar_day"
	// UnitMonth is calendar months ("bulan").
	UnitMonth = "month"
)

// ErrUnknownUnit is wrapped by Deadline for a unit it does not know, so
// the standards parser can tell a catalog error from a bad value.
var ErrUnknownUnit = errors.New("satuan waktu tidak dikenal")

// unitInfo holds what Deadline needs per unit: the Indonesian label, the
// largest value accepted (an SLA of a century is a typing error, and the
// bound keeps the day-by-day loops short) and whether fractions make sense.
var unitInfo = map[string]struct {
	label     string
	max       float64
	fractions bool
}{
	UnitMinute:      {"menit", 100 * 366 * 24 * 60, true},
	UnitHour:        {"jam", 100 * 366 * 24, true},
	UnitWorkHour:    {"jam kerja", 10 * 366 * 24, true},
	UnitWorkDay:     {"hari kerja", 10 * 366, false},
	UnitDay:         {"hari", 100 * 366, false},
	UnitCalendarDay: {"hari kalender", 100 * 366, false},
	UnitMonth:       {"bulan", 100 * 12, false},
}

// Units lists the known units in a stable order, for validation messages
// and pickers.
func Units() []string {
	return []string{UnitMinute, UnitHour, UnitWorkHour, UnitWorkDay, UnitDay, UnitCalendarDay, UnitMonth}
}

// UnitLabel returns the Indonesian words for a unit ("hari kerja"), or the
// unit itself when unknown, for showing an SLA to people.
func UnitLabel(unit string) string {
	if u, ok := unitInfo[unit]; ok {
		return u.label
	}
	return unit
}

// Deadline returns when an SLA of value units, started at start, falls
// due, in the office's zone.
//
//   - minute, hour: wall-clock time; fractions allowed (1.5 hours).
//   - work_hour: office time only, via AddWorkHours; fractions allowed.
//   - work_day: value working days after the start day, due at closing
//     time of that day. A start after closing or on a non-working day
//     counts as received on the next working day (a request left on
//     Saturday with 1 work day is due Tuesday at closing); 0 means closing
//     time of the (effective) start day, i.e. same-day service.
//   - day, calendar_day: calendar days at the same clock time
//     (see UnitDay for why day is separate).
//   - month: calendar months at the same clock time; a day missing in the
//     target month is clamped to its last day (31 January + 1 month =
//     28 February), where time.AddDate would overflow into March and
//     quietly lengthen the SLA.
//
// Day and month units need whole numbers. A negative, non-finite or
// absurdly large value and an unknown unit (wrapping ErrUnknownUnit) are
// errors with Indonesian messages.
func (s *Schedule) Deadline(start time.Time, value float64, unit string) (time.Time, error) {
	info, ok := unitInfo[unit]
	if !ok {
		return time.Time{}, fmt.Errorf("%w: %q (pilihan: minute, hour, work_hour, work_day, day, calendar_day, month)", ErrUnknownUnit, unit)
	}
	num := strconv.FormatFloat(value, 'f', -1, 64)
	switch {
	case math.IsNaN(value) || math.IsInf(value, 0):
		return time.Time{}, fmt.Errorf("nilai tenggat %s %s tidak valid", num, info.label)
	case value < 0:
		return time.Time{}, fmt.Errorf("nilai tenggat %s %s tidak boleh negatif", num, info.label)
	case value > info.max:
		return time.Time{}, fmt.Errorf("nilai tenggat %s %s terlalu besar (paling banyak %s)", num, info.label, strconv.FormatFloat(info.max, 'f', -1, 64))
	case !info.fractions && value != math.Trunc(value):
		return time.Time{}, fmt.Errorf("nilai tenggat %s %s harus bilangan bulat", num, info.label)
	}
	t := start.In(s.loc)
	n := int(value)
	switch unit {
	case UnitMinute:
		return t.Add(scale(value, time.Minute)), nil
	case UnitHour:
		return t.Add(scale(value, time.Hour)), nil
	case UnitWorkHour:
		return s.AddWorkHours(t, scale(value, time.Hour)), nil
	case UnitWorkDay:
		day := DateOf(t)
		if _, cl, ok := s.OfficeHours(day); !ok || !t.Before(cl) {
			day = s.NextWorkingDay(day.AddDays(1))
		}
		_, cl, _ := s.OfficeHours(s.AddWorkDays(day, n))
		return cl, nil
	case UnitDay, UnitCalendarDay:
		return t.AddDate(0, 0, n), nil
	default: // UnitMonth
		return addMonths(t, n), nil
	}
}

// Due is a deadline together with how firm it is.
type Due struct {
	// At is the deadline in the office's zone, as Deadline returns it.
	At time.Time
	// Tentative is set when a day between the start and At lies in a year
	// whose SKB is not loaded: the holidays there are estimates and the cuti
	// bersama unknown, so the date may still move. A receipt says so.
	Tentative bool
}

// DeadlineDue is Deadline with the Tentative flag for the promise made
// to a visitor.
func (s *Schedule) DeadlineDue(start time.Time, value float64, unit string) (Due, error) {
	at, err := s.Deadline(start, value, unit)
	if err != nil {
		return Due{}, err
	}
	return Due{At: at, Tentative: s.Tentative(start, at)}, nil
}

// scale converts a fractional count of unit to a Duration, rounded to the
// nanosecond rather than truncated so 1.1 hours is not a hair short.
func scale(value float64, unit time.Duration) time.Duration {
	return time.Duration(math.Round(value * float64(unit)))
}

// addMonths adds n calendar months keeping the clock time and clamping the
// day to the target month's length.
func addMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, 12, 0, 0, 0, time.UTC)
	if last := daysIn(first.Year(), first.Month()); d > last {
		d = last
	}
	return time.Date(first.Year(), first.Month(), d, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
}
