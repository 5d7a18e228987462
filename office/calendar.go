package office

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"loket/assets"
	"loket/store"
	"loket/workday"
)

// ScheduleFor builds the office's working-day schedule (zone, office
// hours, holiday calendar) from what the office service holds.
//
// The stored holidays are the decree (SKB) rows: imported from a CSV,
// pushed from the centre (which imports the same way, a whole year at a
// time) or entered by the admin. A year with at least one stored row
// counts as having its SKB; every other year uses the estimated national
// holidays of workday.EstimatedHolidays, marked perkiraan, and deadlines
// reaching into it are tentative. Estimates are computed, never stored, so
// importing a year's SKB replaces them without a trace.
func ScheduleFor(ctx context.Context, svc Service) (*workday.Schedule, error) {
	off, err := svc.Office(ctx)
	if err != nil {
		return nil, err
	}
	hoursText, err := svc.Setting(ctx, store.SettingOfficeHours)
	if err != nil {
		return nil, err
	}
	hours, err := workday.ParseHours(hoursText)
	if err != nil {
		return nil, &store.Error{Code: "invalid", Message: "Jam layanan kantor tidak valid: " + err.Error()}
	}
	hs, err := svc.Holidays(ctx)
	if err != nil {
		return nil, err
	}
	cal, err := workday.NewCalendar(toWorkday(hs))
	if err != nil {
		return nil, &store.Error{Code: "invalid", Message: "Kalender hari libur tidak valid: " + err.Error()}
	}
	return workday.NewSchedule(off.Zone, hours, cal)
}

// CalendarDay is one row of the holiday list on screen: a stored holiday,
// or an estimated one (perkiraan) of a year without its SKB.
type CalendarDay struct {
	store.Holiday
	// Estimated marks a computed day; Method says how it was computed.
	Estimated bool
	Method    workday.Method
}

// CalendarDays lists, in date order, the stored holidays of every year
// and the estimated holidays of the years from..to that have no SKB, so
// that the admin sees what deadlines will actually skip.
func CalendarDays(ctx context.Context, svc Service, from, to int) ([]CalendarDay, error) {
	sched, err := ScheduleFor(ctx, svc)
	if err != nil {
		return nil, err
	}
	cal := sched.Calendar()
	var out []CalendarDay
	for _, h := range cal.Holidays() {
		out = append(out, CalendarDay{Holiday: store.Holiday{Date: h.Date.String(), Kind: string(h.Kind), Name: h.Name}})
	}
	for _, y := range cal.MissingYears(from, to) {
		for _, h := range workday.EstimatedHolidays(y) {
			out = append(out, CalendarDay{Holiday: store.Holiday{Date: h.Date.String(), Kind: string(h.Kind), Name: h.Name},
				Estimated: true, Method: h.Method})
		}
	}
	slices.SortStableFunc(out, func(a, b CalendarDay) int { return strings.Compare(a.Date, b.Date) })
	return out, nil
}

// DueTentative reports whether a promise made at from and due at due
// rests on estimated holidays (a year in between without its SKB), so
// the receipt must say the date may move with cuti bersama. It is the
// Tentative of workday.Schedule.DeadlineDue, asked again when a receipt is
// printed: once the SKB is imported, a reprint no longer carries the
// caveat. A schedule that cannot be read says false, as nothing is known.
func DueTentative(ctx context.Context, svc Service, from, due time.Time) bool {
	if due.IsZero() {
		return false
	}
	sched, err := ScheduleFor(ctx, svc)
	if err != nil {
		return false
	}
	return sched.Tentative(from, due)
}

func toWorkday(hs []store.Holiday) []workday.Holiday {
	out := make([]workday.Holiday, 0, len(hs))
	for _, h := range hs {
		d, err := workday.ParseDate(h.Date)
		if err != nil {
			continue
		}
		out = append(out, workday.Holiday{Date: d, Kind: workday.Kind(h.Kind), Name: h.Name})
	}
	return out
}

// parseHolidayCSV reads a calendar file in the SKB CSV shape, with the
// line-numbered Indonesian messages of the workday parser.
func parseHolidayCSV(data []byte) ([]store.Holiday, error) {
	hs, err := workday.ParseHolidaysCSV(bytes.NewReader(data))
	if err != nil {
		return nil, &store.Error{Code: "invalid", Message: "Berkas kalender tidak dapat dibaca: " + err.Error()}
	}
	out := make([]store.Holiday, len(hs))
	for i, h := range hs {
		out[i] = store.Holiday{Date: h.Date.String(), Kind: string(h.Kind), Name: h.Name}
	}
	return out, nil
}

// Holidays implements Service.
func (l *Local) Holidays(ctx context.Context) ([]store.Holiday, error) { return l.st.Holidays(ctx) }

// SaveHoliday implements Service.
func (l *Local) SaveHoliday(ctx context.Context, actorID string, h store.Holiday) error {
	if err := l.requireAdmin(ctx, actorID); err != nil {
		return err
	}
	return l.notified(l.st.SaveHoliday(ctx, actorID, h))
}

// DeleteHoliday implements Service.
func (l *Local) DeleteHoliday(ctx context.Context, actorID, date string) error {
	if err := l.requireAdmin(ctx, actorID); err != nil {
		return err
	}
	return l.notified(l.st.DeleteHoliday(ctx, actorID, date))
}

// ImportHolidays implements Service.
func (l *Local) ImportHolidays(ctx context.Context, actorID string, csv []byte) (int, error) {
	if err := l.requireAdmin(ctx, actorID); err != nil {
		return 0, err
	}
	hs, err := parseHolidayCSV(csv)
	if err != nil {
		return 0, err
	}
	return len(hs), l.notified(l.st.ReplaceHolidayYears(ctx, actorID, hs))
}

// importDefaultHolidays loads the embedded SKB calendars.
func importDefaultHolidays(ctx context.Context, svc Service, actorID string) error {
	for name, data := range assets.HolidayCalendars() {
		if _, err := svc.ImportHolidays(ctx, actorID, data); err != nil {
			return fmt.Errorf("office: default calendar %s: %w", name, err)
		}
	}
	return nil
}

// OpenForTickets tells whether the kiosk may issue tickets at now: a
// working day, inside office hours. When not, it says why and when the
// office opens, in Indonesian. A schedule that cannot be read never closes
// the kiosk: the queue matters more than the check.
func OpenForTickets(ctx context.Context, svc Service, now time.Time) (bool, string) {
	sched, err := ScheduleFor(ctx, svc)
	if err != nil {
		return true, ""
	}
	if sched.IsWorkingTime(now) {
		return true, ""
	}
	today := sched.Date(now)
	zone := sched.ZoneLabel()
	if ok, why := sched.IsWorkingDay(today); !ok {
		next := sched.NextWorkingDay(today)
		open, _, _ := sched.OfficeHours(next)
		return false, fmt.Sprintf("Hari ini kantor tidak melayani (%s). Layanan buka kembali %s pukul %s %s.",
			why, workday.DayName(next.Weekday()), open.Format("15.04"), zone)
	}
	open, closeAt, _ := sched.OfficeHours(today)
	if now.Before(open) {
		return false, fmt.Sprintf("Layanan antrean belum dibuka. Nomor antrean dapat diambil mulai pukul %s %s.",
			open.In(sched.Location()).Format("15.04"), zone)
	}
	next := sched.NextWorkingDay(today.AddDays(1))
	nopen, _, _ := sched.OfficeHours(next)
	return false, fmt.Sprintf("Layanan hari ini sudah ditutup pukul %s %s. Silakan datang kembali %s pukul %s %s.",
		closeAt.In(sched.Location()).Format("15.04"), zone, workday.DayName(next.Weekday()), nopen.In(sched.Location()).Format("15.04"), zone)
}
