package workday

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestDefaultCalendar(t *testing.T) {
	c, err := DefaultCalendar()
	if err != nil {
		t.Fatal(err)
	}
	if n := len(c.Holidays()); n != 25 {
		t.Errorf("%d holidays, want 25", n)
	}
	if !c.HasYear(2026) || c.HasYear(2027) || c.HasYear(2025) {
		t.Errorf("years = %v", c.Years())
	}
	if got := c.MissingYears(2027, 2025); !reflect.DeepEqual(got, []int{2025, 2027}) {
		t.Errorf("MissingYears = %v", got)
	}
	if got := c.MissingYears(2026, 2026); got != nil {
		t.Errorf("MissingYears(2026) = %v", got)
	}
	if w := c.Warning(2026, 2026); w != "" {
		t.Errorf("warning for loaded year: %q", w)
	}
	w := c.Warning(2025, 2027)
	if !strings.HasPrefix(w, "Hari libur tahun 2025 dan 2027 masih perkiraan sampai SKB-nya diimpor;") {
		t.Errorf("warning = %q", w)
	}
}

func TestNilCalendar(t *testing.T) {
	var c *Calendar
	if c.HasYear(2026) || c.Holidays() != nil || c.Years() != nil {
		t.Error("nil calendar not empty")
	}
	// No decree loaded at all: every year answers with its estimates.
	if h, ok := c.Holiday(Date{2026, 3, 19}); !ok || !h.Estimated {
		t.Errorf("nil calendar on Nyepi 2026: %+v, %v; want the estimated holiday", h, ok)
	}
	if _, ok := c.Holiday(Date{2026, 3, 18}); ok {
		t.Error("nil calendar has the 18 March cuti bersama, which no rule can know")
	}
	s, err := NewSchedule(ZoneJakarta, DefaultHours(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if ok, why := s.IsWorkingDay(Date{2026, 3, 19}); ok || why != "Hari Suci Nyepi (Tahun Baru Saka 1948) (perkiraan)" {
		t.Errorf("without a calendar Nyepi (a Thursday) = %v, %q; want an estimated holiday", ok, why)
	}
	if ok, _ := s.IsWorkingDay(Date{2026, 3, 18}); !ok {
		t.Error("without a calendar the 18 March cuti bersama is a day off")
	}
}

func TestNewCalendarRejects(t *testing.T) {
	if _, err := NewCalendar([]Holiday{{Date: Date{2026, 1, 1}, Kind: KindLiburNasional, Name: "a"}, {Date: Date{2026, 1, 1}, Kind: KindCutiBersama, Name: "b"}}); err == nil {
		t.Error("duplicate accepted")
	}
	if _, err := NewCalendar([]Holiday{{Date: Date{2026, 1, 1}, Kind: "libur", Name: "a"}}); err == nil {
		t.Error("bad kind accepted")
	}
	if _, err := NewCalendar([]Holiday{{Date: Date{2026, 2, 31}, Kind: KindLiburNasional, Name: "a"}}); err == nil {
		t.Error("bad date accepted")
	}
}

func TestCalendarMergeReplacesWholeYears(t *testing.T) {
	c, err := DefaultCalendar()
	if err != nil {
		t.Fatal(err)
	}
	// An amended 2026 decree that drops the 18 March cuti bersama, plus 2027.
	m, err := c.Merge([]Holiday{
		{Date: Date{2026, 3, 19}, Kind: KindLiburNasional, Name: "Nyepi (amandemen)"},
		{Date: Date{2027, 1, 1}, Kind: KindLiburNasional, Name: "Tahun Baru 2027 Masehi"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := m.Holiday(Date{2026, 3, 18}); ok {
		t.Error("old 2026 entry survived the merge")
	}
	if h, _ := m.Holiday(Date{2026, 3, 19}); h.Name != "Nyepi (amandemen)" {
		t.Errorf("2026-03-19 = %v", h)
	}
	if !reflect.DeepEqual(m.Years(), []int{2026, 2027}) || len(m.Holidays()) != 2 {
		t.Errorf("merged = %v", m.Holidays())
	}
	if len(c.Holidays()) != 25 {
		t.Error("Merge modified its receiver")
	}
	// Merging another year keeps the existing ones.
	m2, err := c.Merge([]Holiday{{Date: Date{2027, 1, 1}, Kind: KindLiburNasional, Name: "Tahun Baru"}})
	if err != nil || len(m2.Holidays()) != 26 {
		t.Errorf("merge 2027: %v, %d holidays", err, len(m2.Holidays()))
	}
}

func TestZones(t *testing.T) {
	tests := []struct{ in, iana, label string }{
		{"Asia/Jakarta", "Asia/Jakarta", "WIB"},
		{"WIB", "Asia/Jakarta", "WIB"},
		{"wita", "Asia/Makassar", "WITA"},
		{"WIT", "Asia/Jayapura", "WIT"},
		{"Asia/Pontianak", "Asia/Pontianak", "WIB"},
		{"UTC", "UTC", "UTC"},
	}
	for _, tt := range tests {
		s, err := NewSchedule(tt.in, DefaultHours(), nil)
		if err != nil {
			t.Errorf("%s: %v", tt.in, err)
			continue
		}
		if s.ZoneName() != tt.iana || s.ZoneLabel() != tt.label {
			t.Errorf("%s: zone %s label %s", tt.in, s.ZoneName(), s.ZoneLabel())
		}
	}
	for _, bad := range []string{"", "Local", "Mars/Olympus"} {
		if _, err := LoadZone(bad); err == nil {
			t.Errorf("LoadZone(%q) accepted", bad)
		}
	}
	if _, ok := ZoneLabel("Europe/Amsterdam"); ok {
		t.Error("label for a foreign zone")
	}
	loc, _ := LoadZone("WITA")
	if _, off := time.Date(2026, 3, 17, 12, 0, 0, 0, loc).Zone(); off != 8*3600 {
		t.Errorf("WITA offset %d", off)
	}
}

func TestWeekHoursValidate(t *testing.T) {
	if err := DefaultHours().Validate(); err != nil {
		t.Error(err)
	}
	if err := (WeekHours{}).Validate(); err == nil {
		t.Error("all closed accepted")
	}
	h := DefaultHours()
	h[time.Friday] = Span{ClockTime(17, 0), ClockTime(8, 0)}
	if err := h.Validate(); err == nil || !strings.Contains(err.Error(), "Jumat") {
		t.Errorf("inverted Friday: %v", err)
	}
	h = DefaultHours()
	h[time.Monday] = Span{ClockTime(8, 0), ClockTime(25, 0)}
	if _, err := NewSchedule(ZoneJakarta, h, nil); err == nil {
		t.Error("25:00 accepted")
	}
}

func TestLoadZoneWithoutZoneDatabase(t *testing.T) {
	orig := loadLocation
	defer func() { loadLocation = orig }()
	loadLocation = func(string) (*time.Location, error) { return nil, errors.New("no zoneinfo") }

	loc, err := LoadZone("WIT")
	if err != nil {
		t.Fatal(err)
	}
	if loc.String() != ZoneJayapura {
		t.Errorf("fallback zone name %q", loc)
	}
	if _, off := time.Date(2026, 3, 17, 12, 0, 0, 0, loc).Zone(); off != 9*3600 {
		t.Errorf("fallback offset %d", off)
	}
	if _, err := LoadZone("Europe/Amsterdam"); err == nil {
		t.Error("non-Indonesian zone resolved without a zone database")
	}
}
