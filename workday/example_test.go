package workday_test

import (
	"fmt"
	"os"
	"time"

	"loket/workday"
)

// A request received on the Tuesday before Nyepi and Lebaran 2026: the
// office is closed from 18 to 24 March.
func ExampleSchedule_Deadline() {
	s, err := workday.DefaultSchedule()
	if err != nil {
		panic(err)
	}
	start := time.Date(2026, 3, 17, 16, 30, 0, 0, s.Location())
	for _, sla := range []struct {
		value float64
		unit  string
	}{{1, workday.UnitHour}, {1, workday.UnitWorkHour}, {1, workday.UnitWorkDay}, {14, workday.UnitCalendarDay}} {
		due, err := s.Deadline(start, sla.value, sla.unit)
		if err != nil {
			panic(err)
		}
		fmt.Printf("%v %s: %s %s\n", sla.value, workday.UnitLabel(sla.unit), due.Format("2006-01-02 15:04"), s.ZoneLabel())
	}
	// Output:
	// 1 jam: 2026-03-17 17:30 WIB
	// 1 jam kerja: 2026-03-25 08:30 WIB
	// 1 hari kerja: 2026-03-25 17:00 WIB
	// 14 hari kalender: 2026-03-31 16:30 WIB
}

func ExampleSchedule_IsWorkingDay() {
	s, err := workday.DefaultSchedule()
	if err != nil {
		panic(err)
	}
	for _, d := range []workday.Date{{Year: 2026, Month: 3, Day: 19}, {Year: 2026, Month: 3, Day: 15}, {Year: 2026, Month: 3, Day: 25}} {
		ok, reason := s.IsWorkingDay(d)
		fmt.Println(d, ok, reason)
	}
	// Output:
	// 2026-03-19 false Hari Suci Nyepi (Tahun Baru Saka 1948)
	// 2026-03-15 false Minggu
	// 2026-03-25 true
}

// The CLI as `loket workday` runs it.
func ExampleRunCLI() {
	workday.RunCLI([]string{"add", "--from", "2026-03-17", "--days", "1"}, os.Stdout, os.Stderr)
	workday.RunCLI([]string{"is", "2026-03-19"}, os.Stdout, os.Stderr)
	// Output:
	// 2026-03-25
	// libur: Hari Suci Nyepi (Tahun Baru Saka 1948)
}

// An office whose Friday ends at 16:30.
func ExampleWeekHours() {
	h := workday.DefaultHours()
	h[time.Friday] = workday.Span{Open: workday.ClockTime(7, 30), Close: workday.ClockTime(16, 30)}
	s, err := workday.NewSchedule("WITA", h, nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(s.ZoneName(), s.ZoneLabel(), s.Hours()[time.Friday])
	// Output: Asia/Makassar WITA 07:30-16:30
}
