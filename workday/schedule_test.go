package workday

import (
	"errors"
	"math"
	"testing"
	"time"
)

func TestIsWorkingDay(t *testing.T) {
	s := defaultSchedule(t)
	tests := []struct {
		date   string
		ok     bool
		reason string
	}{
		{"2026-03-16", true, ""},
		{"2026-03-17", true, ""},
		{"2026-03-18", false, "Hari Suci Nyepi (Tahun Baru Saka 1948)"}, // cuti bersama
		{"2026-03-19", false, "Hari Suci Nyepi (Tahun Baru Saka 1948)"}, // Nyepi
		{"2026-03-20", false, "Idul Fitri 1447 Hijriah"},                // cuti bersama
		{"2026-03-21", false, "Idul Fitri 1447 Hijriah"},                // Saturday and Lebaran: holiday wins
		{"2026-03-22", false, "Idul Fitri 1447 Hijriah"},
		{"2026-03-23", false, "Idul Fitri 1447 Hijriah"},
		{"2026-03-24", false, "Idul Fitri 1447 Hijriah"},
		{"2026-03-25", true, ""},
		{"2026-03-14", false, "Sabtu"},
		{"2026-03-15", false, "Minggu"},
		{"2026-05-31", false, "Hari Raya Waisak 2570 BE"}, // a Sunday
		{"2026-12-24", false, "Kelahiran Yesus Kristus"},
		{"2027-01-01", false, "Tahun Baru 2027 Masehi (perkiraan)"}, // 2027 SKB not loaded: estimated
		{"2027-01-04", true, ""},
		{"2027-01-02", false, "Sabtu"},
	}
	for _, tt := range tests {
		t.Run(tt.date, func(t *testing.T) {
			ok, reason := s.IsWorkingDay(date(t, tt.date))
			if ok != tt.ok || reason != tt.reason {
				t.Errorf("IsWorkingDay = %v, %q; want %v, %q", ok, reason, tt.ok, tt.reason)
			}
		})
	}
}

func TestClosedWeekdayReason(t *testing.T) {
	h := DefaultHours()
	h[time.Friday] = Span{}
	h[time.Saturday] = Span{ClockTime(8, 0), ClockTime(12, 0)}
	s, err := NewSchedule(ZoneJakarta, h, nil)
	if err != nil {
		t.Fatal(err)
	}
	if ok, reason := s.IsWorkingDay(Date{2026, 3, 13}); ok || reason != "Jumat" {
		t.Errorf("Friday = %v %q", ok, reason)
	}
	if ok, _ := s.IsWorkingDay(Date{2026, 3, 14}); !ok {
		t.Error("Saturday opening ignored")
	}
}

func TestAddWorkDays(t *testing.T) {
	s := defaultSchedule(t)
	tests := []struct {
		from string
		n    int
		want string
	}{
		{"2026-03-17", 1, "2026-03-25"}, // over Nyepi and Lebaran
		{"2026-03-17", 0, "2026-03-17"},
		{"2026-03-21", 0, "2026-03-21"}, // identity even on a holiday
		{"2026-03-21", 1, "2026-03-25"},
		{"2026-03-16", 2, "2026-03-25"},
		{"2026-03-16", 3, "2026-03-26"},
		{"2026-03-13", 1, "2026-03-16"}, // Friday to Monday
		{"2026-03-14", 1, "2026-03-16"}, // Saturday
		{"2026-05-13", 1, "2026-05-18"}, // Kenaikan + cuti bersama + weekend
		{"2026-05-26", 1, "2026-05-29"}, // Idul Adha + cuti bersama
		{"2026-05-29", 1, "2026-06-02"}, // Waisak (Sunday), Pancasila (Monday)
		{"2026-12-23", 1, "2026-12-28"},
		{"2026-12-23", 4, "2026-12-31"},
		{"2026-12-23", 5, "2027-01-04"}, // 2027 SKB unknown: 1 January estimated
		{"2026-03-25", -1, "2026-03-17"},
		{"2026-03-16", -1, "2026-03-13"},
		{"2026-01-05", 20, "2026-02-03"},
	}
	for _, tt := range tests {
		t.Run(tt.from, func(t *testing.T) {
			if got := s.AddWorkDays(date(t, tt.from), tt.n); got.String() != tt.want {
				t.Errorf("AddWorkDays(%s, %d) = %s, want %s", tt.from, tt.n, got, tt.want)
			}
		})
	}
	if got := s.NextWorkingDay(date(t, "2026-03-18")); got.String() != "2026-03-25" {
		t.Errorf("NextWorkingDay = %s", got)
	}
}

func TestWorkingDaysBetween(t *testing.T) {
	s := defaultSchedule(t)
	tests := []struct {
		a, b string
		want int
	}{
		{"2026-03-17", "2026-03-25", 1},
		{"2026-03-16", "2026-03-27", 4},
		{"2026-03-27", "2026-03-16", -4},
		{"2026-03-17", "2026-03-17", 0},
		{"2026-03-17", "2026-03-24", 0},
		{"2026-03-13", "2026-03-16", 1},
		{"2026-12-31", "2027-01-08", 4}, // estimated 1 Jan and Isra Mikraj 5 Jan 2027
	}
	for _, tt := range tests {
		if got := s.WorkingDaysBetween(date(t, tt.a), date(t, tt.b)); got != tt.want {
			t.Errorf("WorkingDaysBetween(%s, %s) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestAddWorkHours(t *testing.T) {
	std := defaultSchedule(t)
	short := fridayShortSchedule(t, ZoneJakarta)
	wita := fridayShortSchedule(t, ZoneMakassar)
	tests := []struct {
		name  string
		s     *Schedule
		start string
		hours float64
		want  string
	}{
		{"after close to next morning", std, "2026-03-16 16:30", 1, "2026-03-17 08:30"},
		{"over Nyepi and Lebaran", std, "2026-03-17 16:30", 1, "2026-03-25 08:30"},
		{"before opening counts from opening", std, "2026-03-16 06:00", 1, "2026-03-16 09:00"},
		{"ends exactly at close", std, "2026-03-16 16:00", 1, "2026-03-16 17:00"},
		{"start at close", std, "2026-03-16 17:00", 1, "2026-03-17 09:00"},
		{"start at night", std, "2026-03-16 22:00", 1, "2026-03-17 09:00"},
		{"fraction", std, "2026-03-16 10:00", 1.5, "2026-03-16 11:30"},
		{"full day", std, "2026-03-16 08:00", 9, "2026-03-16 17:00"},
		{"more than a day", std, "2026-03-16 08:00", 10, "2026-03-17 09:00"},
		{"Friday to Monday", std, "2026-03-13 16:30", 1, "2026-03-16 08:30"},
		{"weekend start", std, "2026-03-14 11:00", 2, "2026-03-16 10:00"},
		{"zero on weekend moves to opening", std, "2026-03-14 11:00", 0, "2026-03-16 08:00"},
		{"zero inside hours stays", std, "2026-03-16 11:00", 0, "2026-03-16 11:00"},
		{"into 2027 (estimated 1 January)", std, "2026-12-31 16:00", 2, "2027-01-04 09:00"},
		{"short Friday closes 16:30", short, "2026-03-13 16:00", 1, "2026-03-16 08:00"},
		{"short Friday full day", short, "2026-03-13 07:30", 9, "2026-03-13 16:30"},
		{"long Thursday", short, "2026-03-12 16:30", 0.5, "2026-03-12 17:00"},
		{"WITA wall clock", wita, "2026-03-16 16:30", 1, "2026-03-17 08:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := wall(t, tt.s.Location(), tt.start)
			d := time.Duration(tt.hours * float64(time.Hour))
			got := tt.s.AddWorkHours(start, d)
			if got.Format(layout) != tt.want || got.Location() != tt.s.Location() {
				t.Errorf("AddWorkHours(%s, %v) = %s (%v), want %s", tt.start, d, got.Format(layout), got.Location(), tt.want)
			}
			if back := tt.s.WorkingDuration(start, got); back != d {
				t.Errorf("WorkingDuration back = %v, want %v", back, d)
			}
		})
	}
}

func TestSchedulesConvertToOfficeZone(t *testing.T) {
	s := defaultSchedule(t)
	// 09:30 UTC is 16:30 WIB.
	got := s.AddWorkHours(time.Date(2026, 3, 16, 9, 30, 0, 0, time.UTC), time.Hour)
	if want := time.Date(2026, 3, 17, 1, 30, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("got %v, want %v", got, want)
	}
	wita := fridayShortSchedule(t, "WITA")
	// 00:30 UTC is 08:30 WITA, open; still 07:30 WIB, closed in Jakarta.
	at := time.Date(2026, 3, 17, 0, 30, 0, 0, time.UTC)
	if !wita.IsWorkingTime(at) || s.IsWorkingTime(at) {
		t.Error("IsWorkingTime ignores the office zone")
	}
	// Business date: 18:00 UTC on the 24th is 01:00 WIB on the 25th.
	if d := s.Date(time.Date(2026, 3, 24, 18, 0, 0, 0, time.UTC)); d.String() != "2026-03-25" {
		t.Errorf("Date = %s", d)
	}
}

func TestIsWorkingTime(t *testing.T) {
	s := defaultSchedule(t)
	loc := s.Location()
	for in, want := range map[string]bool{
		"2026-03-16 07:59": false, "2026-03-16 08:00": true, "2026-03-16 16:59": true,
		"2026-03-16 17:00": false, "2026-03-19 10:00": false, "2026-03-14 10:00": false,
	} {
		if got := s.IsWorkingTime(wall(t, loc, in)); got != want {
			t.Errorf("IsWorkingTime(%s) = %v", in, got)
		}
	}
}

func TestWorkingDuration(t *testing.T) {
	s := defaultSchedule(t)
	loc := s.Location()
	tests := []struct {
		a, b string
		want time.Duration
	}{
		{"2026-03-16 16:00", "2026-03-17 09:00", 2 * time.Hour},
		{"2026-03-17 16:00", "2026-03-25 09:00", 2 * time.Hour},
		{"2026-03-17 09:00", "2026-03-16 16:00", -2 * time.Hour},
		{"2026-03-16 10:00", "2026-03-16 10:00", 0},
		{"2026-03-14 00:00", "2026-03-15 23:59", 0},
		{"2026-03-16 00:00", "2026-03-21 00:00", 18 * time.Hour}, // Mon, Tue; Wed-Fri off
		{"2026-03-16 18:00", "2026-03-17 07:00", 0},
	}
	for _, tt := range tests {
		if got := s.WorkingDuration(wall(t, loc, tt.a), wall(t, loc, tt.b)); got != tt.want {
			t.Errorf("WorkingDuration(%s, %s) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestDeadline(t *testing.T) {
	std := defaultSchedule(t)
	short := fridayShortSchedule(t, ZoneJakarta)
	tests := []struct {
		name  string
		s     *Schedule
		start string
		value float64
		unit  string
		want  string
	}{
		{"minutes", std, "2026-03-16 16:30", 90, UnitMinute, "2026-03-16 18:00"},
		{"fractional minutes", std, "2026-03-16 16:30", 0.5, UnitMinute, "2026-03-16 16:30"},
		{"hours run after close", std, "2026-03-16 16:30", 1.5, UnitHour, "2026-03-16 18:00"},
		{"hours run over holidays", std, "2026-03-17 10:00", 48, UnitHour, "2026-03-19 10:00"},
		{"work hour after close", std, "2026-03-16 16:30", 1, UnitWorkHour, "2026-03-17 08:30"},
		{"work hours fraction", std, "2026-03-16 16:30", 1.25, UnitWorkHour, "2026-03-17 08:45"},
		{"work hour over Lebaran", std, "2026-03-17 16:30", 1, UnitWorkHour, "2026-03-25 08:30"},
		{"work day over Lebaran", std, "2026-03-17 10:00", 1, UnitWorkDay, "2026-03-25 17:00"},
		{"work day before opening", std, "2026-03-17 07:00", 1, UnitWorkDay, "2026-03-25 17:00"},
		{"work day after close", std, "2026-03-17 17:30", 1, UnitWorkDay, "2026-03-26 17:00"},
		{"work day at close", std, "2026-03-16 17:00", 1, UnitWorkDay, "2026-03-25 17:00"},
		{"work day from Saturday", std, "2026-03-14 10:00", 1, UnitWorkDay, "2026-03-17 17:00"},
		{"work day from holiday", std, "2026-03-19 10:00", 3, UnitWorkDay, "2026-03-30 17:00"},
		{"same-day service", std, "2026-03-16 10:00", 0, UnitWorkDay, "2026-03-16 17:00"},
		{"same-day service after close", std, "2026-03-16 18:00", 0, UnitWorkDay, "2026-03-17 17:00"},
		{"work day due short Friday", short, "2026-03-12 10:00", 1, UnitWorkDay, "2026-03-13 16:30"},
		{"five work days", std, "2026-05-11 09:00", 5, UnitWorkDay, "2026-05-20 17:00"},
		{"plain day is calendar", std, "2026-03-17 10:00", 3, UnitDay, "2026-03-20 10:00"},
		{"calendar days", std, "2026-03-17 10:00", 14, UnitCalendarDay, "2026-03-31 10:00"},
		{"month", std, "2026-03-17 10:00", 1, UnitMonth, "2026-04-17 10:00"},
		{"month clamps", std, "2026-01-31 10:00", 1, UnitMonth, "2026-02-28 10:00"},
		{"months over year end", std, "2026-11-30 10:00", 3, UnitMonth, "2027-02-28 10:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.s.Deadline(wall(t, tt.s.Location(), tt.start), tt.value, tt.unit)
			if err != nil {
				t.Fatal(err)
			}
			if got.Format(layout) != tt.want {
				t.Errorf("Deadline(%s, %v %s) = %s, want %s", tt.start, tt.value, tt.unit, got.Format(layout), tt.want)
			}
		})
	}
}

func TestDeadlineErrors(t *testing.T) {
	s := defaultSchedule(t)
	start := wall(t, s.Location(), "2026-03-16 10:00")
	tests := []struct {
		value float64
		unit  string
		want  string
	}{
		{1, "fortnight", `satuan waktu tidak dikenal: "fortnight" (pilihan: minute, hour, work_hour, work_day, day, calendar_day, month)`},
		{-1, UnitHour, "nilai tenggat -1 jam tidak boleh negatif"},
		{math.NaN(), UnitMinute, "nilai tenggat NaN menit tidak valid"},
		{math.Inf(1), UnitWorkHour, "nilai tenggat +Inf jam kerja tidak valid"},
		{1.5, UnitWorkDay, "nilai tenggat 1.5 hari kerja harus bilangan bulat"},
		{0.5, UnitMonth, "nilai tenggat 0.5 bulan harus bilangan bulat"},
		{1e6, UnitWorkDay, "nilai tenggat 1000000 hari kerja terlalu besar (paling banyak 3660)"},
	}
	for _, tt := range tests {
		_, err := s.Deadline(start, tt.value, tt.unit)
		if err == nil || err.Error() != tt.want {
			t.Errorf("Deadline(%v, %s) error = %v, want %s", tt.value, tt.unit, err, tt.want)
		}
	}
	if _, err := s.Deadline(start, 1, "week"); !errors.Is(err, ErrUnknownUnit) {
		t.Errorf("unknown unit not ErrUnknownUnit: %v", err)
	}
	for _, u := range Units() {
		if _, err := s.Deadline(start, 2, u); err != nil {
			t.Errorf("unit %s: %v", u, err)
		}
		if UnitLabel(u) == u {
			t.Errorf("unit %s has no label", u)
		}
	}
}

func TestScheduleWarning(t *testing.T) {
	s := defaultSchedule(t)
	loc := s.Location()
	if w := s.Warning(wall(t, loc, "2026-03-16 10:00"), wall(t, loc, "2026-03-25 10:00")); w != "" {
		t.Errorf("warning inside 2026: %q", w)
	}
	if w := s.Warning(wall(t, loc, "2026-12-31 16:00"), wall(t, loc, "2027-01-01 09:00")); w == "" {
		t.Error("no warning reaching into 2027")
	}
}

func TestDeadlineDueTentative(t *testing.T) {
	s := defaultSchedule(t)
	loc := s.Location()
	tests := []struct {
		name, start string
		value       float64
		unit        string
		want        string
		tentative   bool
	}{
		{"inside 2026", "2026-02-02 10:00", 3, UnitWorkDay, "2026-02-05 17:00", false},
		// Issue 18: 24 Dec cuti bersama, 25 Dec, weekend, 28-31 Dec, estimated 1 Jan, weekend.
		{"over the new year", "2026-12-23 10:00", 5, UnitWorkDay, "2027-01-04 17:00", true},
		{"ends 31 December", "2026-12-23 10:00", 4, UnitWorkDay, "2026-12-31 17:00", false},
		{"wall clock into 2027", "2026-12-31 20:00", 6, UnitHour, "2027-01-01 02:00", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			due, err := s.DeadlineDue(wall(t, loc, tt.start), tt.value, tt.unit)
			if err != nil {
				t.Fatal(err)
			}
			if got := due.At.Format("2006-01-02 15:04"); got != tt.want || due.Tentative != tt.tentative {
				t.Errorf("DeadlineDue = %s tentative %v, want %s tentative %v", got, due.Tentative, tt.want, tt.tentative)
			}
		})
	}
	if _, err := s.DeadlineDue(wall(t, loc, "2026-12-23 10:00"), 1, "fortnight"); !errors.Is(err, ErrUnknownUnit) {
		t.Errorf("unknown unit: %v", err)
	}
}

// BenchmarkAddWorkHours adds 40 working hours from a Tuesday afternoon,
// over the default schedule's weekends and hours.
// Figure: ns/op, one addition.
func BenchmarkAddWorkHours(b *testing.B) {
	s := defaultSchedule(b)
	start := wall(b, s.Location(), "2026-03-17 16:30")
	for b.Loop() {
		s.AddWorkHours(start, 40*time.Hour)
	}
}

// BenchmarkDeadlineWorkDay computes a 14-working-day deadline from a
// Tuesday afternoon on the default schedule.
// Figure: ns/op, one deadline.
func BenchmarkDeadlineWorkDay(b *testing.B) {
	s := defaultSchedule(b)
	start := wall(b, s.Location(), "2026-03-17 16:30")
	for b.Loop() {
		if _, err := s.Deadline(start, 14, UnitWorkDay); err != nil {
			b.Fatal(err)
		}
	}
}
