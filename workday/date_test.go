package workday

import (
	"testing"
	"testing/quick"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want Date
		ok   bool
	}{
		{"2026-03-19", Date{2026, time.March, 19}, true},
		{"2024-02-29", Date{2024, time.February, 29}, true},
		{"2026-02-29", Date{}, false},
		{"2026-13-01", Date{}, false},
		{"2026-00-10", Date{}, false},
		{"2026-04-31", Date{}, false},
		{"2026-3-19", Date{}, false},
		{"2026/03/19", Date{}, false},
		{"0000-01-01", Date{}, false},
		{" 2026-03-19", Date{}, false},
		{"2026-03-1x", Date{}, false},
		{"", Date{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDate(tt.in)
			if (err == nil) != tt.ok || got != tt.want {
				t.Fatalf("ParseDate(%q) = %v, %v; want %v ok=%v", tt.in, got, err, tt.want, tt.ok)
			}
			if err != nil && err.Error() != `tanggal "`+tt.in+`" tidak valid (format YYYY-MM-DD)` {
				t.Errorf("message %q", err)
			}
			if err == nil && got.String() != tt.in {
				t.Errorf("String() = %q", got.String())
			}
		})
	}
}

func TestDateArithmetic(t *testing.T) {
	d := Date{2026, time.March, 17}
	if got := d.AddDays(15); got != (Date{2026, time.April, 1}) {
		t.Errorf("AddDays(15) = %v", got)
	}
	if got := (Date{2026, time.December, 31}).AddDays(1); got != (Date{2027, time.January, 1}) {
		t.Errorf("year rollover = %v", got)
	}
	if d.Weekday() != time.Tuesday {
		t.Errorf("2026-03-17 weekday = %v", d.Weekday())
	}
	if !d.Before(d.AddDays(1)) || !d.After(d.AddDays(-1)) || d.Compare(d) != 0 {
		t.Error("ordering broken")
	}
	if !(Date{}).IsZero() || d.IsZero() {
		t.Error("IsZero broken")
	}
	jkt, _ := LoadZone(ZoneJakarta)
	// 23:30 UTC on the 16th is already the 17th in Jakarta.
	if got := DateOf(time.Date(2026, 3, 16, 23, 30, 0, 0, time.UTC).In(jkt)); got != d {
		t.Errorf("DateOf in WIB = %v", got)
	}
}

// TestDateQuick checks Date against time.Time over random day offsets.
func TestDateQuick(t *testing.T) {
	base := time.Date(2000, 1, 1, 12, 0, 0, 0, time.UTC)
	f := func(a, b int16) bool {
		ta, tb := base.AddDate(0, 0, int(a)), base.AddDate(0, 0, int(b))
		da, db := DateOf(ta), DateOf(tb)
		if da.AddDays(int(b)-int(a)) != db || db.AddDays(int(a)-int(b)) != da {
			return false
		}
		if da.Weekday() != ta.Weekday() {
			return false
		}
		want := ta.Compare(tb)
		if p, err := ParseDate(da.String()); err != nil || p != da {
			return false
		}
		return da.Compare(db) == want
	}
	if err := quick.Check(f, nil); err != nil {
		t.Error(err)
	}
}

func TestParseTimeOfDayAndSpan(t *testing.T) {
	good := map[string]TimeOfDay{"07:30": ClockTime(7, 30), "7:30": ClockTime(7, 30), "16.30": ClockTime(16, 30), "24:00": ClockTime(24, 0), "00:00": 0}
	for in, want := range good {
		if got, err := ParseTimeOfDay(in); err != nil || got != want {
			t.Errorf("ParseTimeOfDay(%q) = %v, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "7", "07:60", "25:00", "24:01", "ab:cd", "07:3", "007:30", ":30"} {
		if _, err := ParseTimeOfDay(in); err == nil {
			t.Errorf("ParseTimeOfDay(%q) accepted", in)
		}
	}
	sp, err := ParseSpan("07:30-16:30")
	if err != nil || sp != (Span{ClockTime(7, 30), ClockTime(16, 30)}) || sp.String() != "07:30-16:30" || sp.Duration() != 9*time.Hour {
		t.Errorf("ParseSpan = %v, %v", sp, err)
	}
	if sp, err := ParseSpan("tutup"); err != nil || sp.IsOpen() || sp.String() != "tutup" {
		t.Errorf("closed span = %v, %v", sp, err)
	}
	for _, in := range []string{"17:00-08:00", "08:00", "08:00-", "x-17:00"} {
		if _, err := ParseSpan(in); err == nil {
			t.Errorf("ParseSpan(%q) accepted", in)
		}
	}
}
