package workday

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"loket/assets"
)

// Calendar is the set of holidays an office observes, together with the
// years it covers. Knowing the covered years matters because the decree is
// published one year at a time: a year with no calendar loaded still has
// its holidays, we just do not know them exactly. For such a year the
// calendar answers with the estimated national holidays (EstimatedHolidays,
// marked Estimated, "perkiraan") and callers warn that cuti bersama are
// unknown and dates may move (see MissingYears, Warning, Tentative).
//
// A year counts as loaded (its SKB known) as soon as the calendar holds any
// holiday from a decree or from people in that year: an imported or pushed
// decree replaces its year whole, so one row of a year means its list was
// given. The estimates for that year then disappear entirely; they are
// never mixed with decree rows, because the decree may have moved a day the
// rule would keep.
//
// A Calendar is immutable once built and safe for concurrent use. The nil
// *Calendar is valid and holds no decree: no years loaded, estimates only.
type Calendar struct {
	byDate map[Date]Holiday
	years  map[int]bool
}

// NewCalendar builds a calendar from holidays. The years covered are the
// years that appear among the holidays, since every Indonesian year has
// some. A date listed twice or an unknown kind is an error, as in the CSV
// parser.
func NewCalendar(holidays []Holiday) (*Calendar, error) {
	c := &Calendar{byDate: make(map[Date]Holiday, len(holidays)), years: map[int]bool{}}
	for _, h := range holidays {
		if err := c.add(h); err != nil {
			return nil, err
		}
	}
	return c, nil
}

func (c *Calendar) add(h Holiday) error {
	if _, err := ParseDate(h.Date.String()); err != nil {
		return err
	}
	if !h.Kind.Valid() {
		return fmt.Errorf("jenis %q untuk tanggal %s tidak dikenal (pilih %s atau %s)", h.Kind, h.Date, KindLiburNasional, KindCutiBersama)
	}
	if h.Estimated {
		return fmt.Errorf("tanggal %s adalah perkiraan dan tidak dapat dimuat sebagai hari libur resmi", h.Date)
	}
	if _, dup := c.byDate[h.Date]; dup {
		return fmt.Errorf("tanggal %s tercantum dua kali dalam kalender", h.Date)
	}
	c.byDate[h.Date] = h
	c.years[h.Date.Year] = true
	return nil
}

// DefaultCalendar is the calendar shipped with the application: every
// embedded hari-libur-*.csv file merged. It returns an error rather than
// panicking because the embedded files are edited by people every year and
// the app should say what is wrong instead of crashing; the package tests
// make sure the shipped files parse.
func DefaultCalendar() (*Calendar, error) {
	files := assets.HolidayCalendars()
	var all []Holiday
	for _, name := range slices.Sorted(maps.Keys(files)) {
		hs, err := ParseHolidaysCSV(bytes.NewReader(files[name]))
		if err != nil {
			return nil, fmt.Errorf("kalender bawaan %s: %w", name, err)
		}
		all = append(all, hs...)
	}
	c, err := NewCalendar(all)
	if err != nil {
		return nil, fmt.Errorf("kalender bawaan: %w", err)
	}
	return c, nil
}

// Merge returns a new calendar where every year present in holidays is
// replaced wholesale by those holidays and other years are kept. Whole-year
// replacement is deliberate: an imported file is a (possibly amended)
// decree for that year, and mixing its entries with the old ones would
// keep cuti bersama days that the amendment moved.
func (c *Calendar) Merge(holidays []Holiday) (*Calendar, error) {
	incoming, err := NewCalendar(holidays)
	if err != nil {
		return nil, err
	}
	out := &Calendar{byDate: maps.Clone(incoming.byDate), years: maps.Clone(incoming.years)}
	for _, h := range c.Holidays() {
		if !incoming.years[h.Date.Year] {
			out.byDate[h.Date] = h
			out.years[h.Date.Year] = true
		}
	}
	return out, nil
}

// Holiday returns the holiday on d, if any: from the loaded decree when
// d's year is loaded, else the estimated holiday (Estimated set). The nil
// calendar has no decree at all, so it answers with estimates only.
func (c *Calendar) Holiday(d Date) (Holiday, bool) {
	if c.HasYear(d.Year) {
		h, ok := c.byDate[d]
		return h, ok
	}
	h, ok := estimatedYear(d.Year)[d]
	return h, ok
}

// YearHolidays returns the holidays of year y in date order as the office
// will observe them: the loaded decree, or the estimates when the year is
// not loaded. It is what the holiday list on screen shows.
func (c *Calendar) YearHolidays(y int) []Holiday {
	if !c.HasYear(y) {
		return EstimatedHolidays(y)
	}
	var out []Holiday
	for _, h := range c.Holidays() {
		if h.Date.Year == y {
			out = append(out, h)
		}
	}
	return out
}

// Tentative reports whether dates in years from..to (either order) rest on
// estimates: some year has no decree loaded, so holidays there are
// computed and cuti bersama unknown.
func (c *Calendar) Tentative(from, to int) bool { return len(c.MissingYears(from, to)) > 0 }

// Holidays returns the loaded (decree) holidays in date order, e.g. for
// export with WriteHolidaysCSV or for the calendar editor; estimates are
// not included (see YearHolidays).
func (c *Calendar) Holidays() []Holiday {
	if c == nil {
		return nil
	}
	out := slices.Collect(maps.Values(c.byDate))
	slices.SortFunc(out, func(a, b Holiday) int { return a.Date.Compare(b.Date) })
	return out
}

// HasYear reports whether a calendar for year y is loaded.
func (c *Calendar) HasYear(y int) bool { return c != nil && c.years[y] }

// Years lists the loaded years in ascending order.
func (c *Calendar) Years() []int {
	if c == nil {
		return nil
	}
	return slices.Sorted(maps.Keys(c.years))
}

// MissingYears lists the years from..to (inclusive, either order) with no
// calendar loaded, so that a deadline spanning into such a year can carry
// a warning.
func (c *Calendar) MissingYears(from, to int) []int {
	if from > to {
		from, to = to, from
	}
	var out []int
	for y := from; y <= to; y++ {
		if !c.HasYear(y) {
			out = append(out, y)
		}
	}
	return out
}

// Warning returns the Indonesian warning to show when dates in from..to
// fall in years without a calendar, or "" when every year is loaded.
func (c *Calendar) Warning(from, to int) string {
	return MissingYearsWarning(c.MissingYears(from, to))
}

// MissingYearsWarning phrases the warning for the given missing years
// (as returned by MissingYears); it is "" for none. The wording tells the
// officer what the consequence is, not just that data is missing.
func MissingYearsWarning(years []int) string {
	if len(years) == 0 {
		return ""
	}
	parts := make([]string, len(years))
	for i, y := range years {
		parts[i] = strconv.Itoa(y)
	}
	list := strings.Join(parts, ", ")
	if len(parts) > 1 {
		list = strings.Join(parts[:len(parts)-1], ", ") + " dan " + parts[len(parts)-1]
	}
	return fmt.Sprintf("Hari libur tahun %s masih perkiraan sampai SKB-nya diimpor; cuti bersama belum dihitung, sehingga tenggat bisa bergeser.", list)
}
