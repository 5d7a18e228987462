package workday

import (
	"math/rand/v2"
	"testing"
	"time"
)

// propertySchedules are the offices the property tests run against: the
// default, short Fridays in WIB and in WITA (to exercise zone conversion).
func propertySchedules(t *testing.T) []*Schedule {
	return []*Schedule{
		defaultSchedule(t),
		fridayShortSchedule(t, ZoneJakarta),
		fridayShortSchedule(t, ZoneMakassar),
	}
}

// randomInstant is a UTC instant between December 2025 and February 2027,
// so runs cross year ends, Lebaran and the unloaded 2027.
func randomInstant(r *rand.Rand) time.Time {
	base := time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)
	return base.Add(time.Duration(r.Int64N(int64(430 * 24 * time.Hour))))
}

// checkInsideOfficeHours fails unless t is on a working day within
// opening..closing (closing included: a deadline may fall due at close).
func checkInsideOfficeHours(t *testing.T, s *Schedule, due time.Time, what string) {
	t.Helper()
	local := due.In(s.Location())
	open, cl, ok := s.OfficeHours(DateOf(local))
	if !ok || local.Before(open) || local.After(cl) {
		t.Fatalf("%s: %s is not inside office hours", what, local.Format(time.RFC3339))
	}
}

func TestPropertyWorkHoursRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(2026, 319))
	for _, s := range propertySchedules(t) {
		for range 1500 {
			start := randomInstant(r)
			d := time.Duration(r.Int64N(int64(60 * time.Hour)))
			if r.IntN(10) == 0 {
				d = d.Truncate(time.Hour) // whole hours hit the closing-time edge
			}
			due := s.AddWorkHours(start, d)
			if got := s.WorkingDuration(start, due); got != d {
				t.Fatalf("%s: start %v + %v = %v, but WorkingDuration = %v", s.ZoneName(), start, d, due, got)
			}
			if due.Before(start) {
				t.Fatalf("deadline %v before start %v", due, start)
			}
			checkInsideOfficeHours(t, s, due, "AddWorkHours")
			if more := s.AddWorkHours(start, d+time.Minute); !more.After(due) {
				t.Fatalf("not monotonic: %v then %v", due, more)
			}
		}
	}
}

func TestPropertyDeadlinesInsideOfficeHours(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 8))
	for _, s := range propertySchedules(t) {
		for range 1000 {
			start := randomInstant(r)
			hours := float64(r.IntN(200)) / 4 // quarter hours up to 50
			due, err := s.Deadline(start, hours, UnitWorkHour)
			if err != nil {
				t.Fatal(err)
			}
			checkInsideOfficeHours(t, s, due, "work_hour")

			n := r.IntN(25)
			due, err = s.Deadline(start, float64(n), UnitWorkDay)
			if err != nil {
				t.Fatal(err)
			}
			checkInsideOfficeHours(t, s, due, "work_day")
			_, cl, _ := s.OfficeHours(s.Date(due))
			if !due.Equal(cl) {
				t.Fatalf("work_day deadline %v is not closing time %v", due, cl)
			}
			// The effective start day is the first day whose closing time is
			// after start; the deadline is n working days later.
			startDay := s.Date(start)
			if _, c, ok := s.OfficeHours(startDay); !ok || !start.Before(c) {
				startDay = s.NextWorkingDay(startDay.AddDays(1))
			}
			if got := s.WorkingDaysBetween(startDay, s.Date(due)); got != n {
				t.Fatalf("work_day %d from %v due %v: %d working days apart", n, start, due, got)
			}
		}
	}
}

func TestPropertyAddWorkDaysInverse(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	s := defaultSchedule(t)
	for range 2000 {
		from := s.Date(randomInstant(r))
		n := r.IntN(40)
		to := s.AddWorkDays(from, n)
		if got := s.WorkingDaysBetween(from, to); got != n {
			t.Fatalf("AddWorkDays(%s, %d) = %s, but %d working days between", from, n, to, got)
		}
		if n > 0 {
			if ok, _ := s.IsWorkingDay(to); !ok {
				t.Fatalf("AddWorkDays(%s, %d) = %s, not a working day", from, n, to)
			}
			if back := s.AddWorkDays(to, -n); s.WorkingDaysBetween(back, from) < 0 || back.After(from) {
				t.Fatalf("backwards from %s by %d gave %s, after %s", to, n, back, from)
			}
		}
	}
}
