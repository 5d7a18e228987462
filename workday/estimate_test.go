package workday

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

// skbDay is one libur nasional of a published SKB 3 Menteri and the method
// that should compute it.
type skbDay struct {
	date   string
	method Method
	name   string
}

// skb2024 and skb2025 are the national holidays (libur nasional, not cuti
// bersama) of the SKB 3 Menteri for 2024 (as amended) and 2025, written
// from the published decrees. 2026 is read from the shipped CSV instead.
var skb2024 = []skbDay{
	{"2024-01-01", MethodFixed, "Tahun Baru 2024 Masehi"},
	{"2024-02-08", MethodHijri, "Isra Mikraj"},
	{"2024-02-10", MethodChinese, "Imlek 2575"},
	{"2024-03-11", MethodNyepi, "Nyepi Saka 1946"},
	{"2024-03-29", MethodEaster, "Wafat Yesus Kristus"},
	{"2024-03-31", MethodEaster, "Paskah"},
	{"2024-04-10", MethodHijri, "Idul Fitri 1445"},
	{"2024-04-11", MethodHijri, "Idul Fitri 1445"},
	{"2024-05-01", MethodFixed, "Hari Buruh"},
	{"2024-05-09", MethodEaster, "Kenaikan Yesus Kristus"},
	{"2024-05-23", MethodWaisak, "Waisak 2568"},
	{"2024-06-01", MethodFixed, "Hari Lahir Pancasila"},
	{"2024-06-17", MethodHijri, "Idul Adha 1445"},
	{"2024-07-07", MethodHijri, "1 Muharam 1446"},
	{"2024-08-17", MethodFixed, "Proklamasi"},
	{"2024-09-16", MethodHijri, "Maulid"},
	{"2024-12-25", MethodFixed, "Natal"},
}

var skb2025 = []skbDay{
	{"2025-01-01", MethodFixed, "Tahun Baru 2025 Masehi"},
	{"2025-01-27", MethodHijri, "Isra Mikraj"},
	{"2025-01-29", MethodChinese, "Imlek 2576"},
	{"2025-03-29", MethodNyepi, "Nyepi Saka 1947"},
	{"2025-03-31", MethodHijri, "Idul Fitri 1446"},
	{"2025-04-01", MethodHijri, "Idul Fitri 1446"},
	{"2025-04-18", MethodEaster, "Wafat Yesus Kristus"},
	{"2025-04-20", MethodEaster, "Paskah"},
	{"2025-05-01", MethodFixed, "Hari Buruh"},
	{"2025-05-12", MethodWaisak, "Waisak 2569"},
	{"2025-05-29", MethodEaster, "Kenaikan Yesus Kristus"},
	{"2025-06-01", MethodFixed, "Hari Lahir Pancasila"},
	{"2025-06-06", MethodHijri, "Idul Adha 1446"},
	{"2025-06-27", MethodHijri, "1 Muharam 1447"},
	{"2025-08-17", MethodFixed, "Proklamasi"},
	{"2025-09-05", MethodHijri, "Maulid"},
	{"2025-12-25", MethodFixed, "Natal"},
}

// methodOfName classifies a keterangan of the shipped CSV by method.
func methodOfName(name string) Method {
	n := strings.ToLower(name)
	switch {
	case strings.Contains(n, "imlek"):
		return MethodChinese
	case strings.Contains(n, "nyepi"):
		return MethodNyepi
	case strings.Contains(n, "waisak"):
		return MethodWaisak
	case strings.Contains(n, "wafat"), strings.Contains(n, "paskah"), strings.Contains(n, "kenaikan"):
		return MethodEaster
	case strings.Contains(n, "isra"), strings.Contains(n, "idul"), strings.Contains(n, "muharam"), strings.Contains(n, "maulid"):
		return MethodHijri
	}
	return MethodFixed
}

// skb2026 reads the libur nasional of the shipped 2026 decree.
func skb2026(t *testing.T) []skbDay {
	t.Helper()
	data, err := os.ReadFile("../assets/calendar/hari-libur-2026.csv")
	if err != nil {
		t.Fatal(err)
	}
	hs, err := ParseHolidaysCSV(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var out []skbDay
	for _, h := range hs {
		if h.Kind == KindLiburNasional {
			out = append(out, skbDay{h.Date.String(), methodOfName(h.Name), h.Name})
		}
	}
	if len(out) != 17 {
		t.Fatalf("2026 CSV has %d libur nasional, want 17", len(out))
	}
	return out
}

var methods = []Method{MethodFixed, MethodEaster, MethodHijri, MethodChinese, MethodNyepi, MethodWaisak}

// methodHolidays runs one method for year y.
func methodHolidays(m Method, y int) []Holiday {
	switch m {
	case MethodFixed:
		return fixedHolidays(y)
	case MethodEaster:
		return easterHolidays(y)
	case MethodHijri:
		return hijriHolidays(y)
	case MethodChinese:
		return imlekHolidays(y)
	case MethodNyepi:
		return nyepiHolidays(y)
	case MethodWaisak:
		return waisakHolidays(y)
	}
	return nil
}

// knownMisses is how many decree days each method is allowed to miss per
// year: the honest result of the comparison, kept here so that a change
// making an estimate worse fails. Nyepi 2025 is the one miss: Bali's
// arithmetic tilem fell a day before the astronomical new moon (see
// estimate.go).
var knownMisses = map[int]map[Method]int{
	2024: {},
	2025: {MethodNyepi: 1},
	2026: {},
}

// TestEstimatesAgainstSKB compares every method with the decrees of 2024,
// 2025 and 2026 and logs, per year and method, the days it misses (a
// decree day it does not produce) and the days it adds (a day it produces
// that the decree does not have). Run with -v to see the table.
func TestEstimatesAgainstSKB(t *testing.T) {
	years := map[int][]skbDay{2024: skb2024, 2025: skb2025, 2026: skb2026(t)}
	var report strings.Builder
	fmt.Fprintf(&report, "%-6s", "tahun")
	for _, m := range methods {
		fmt.Fprintf(&report, " %-10s", m)
	}
	report.WriteString("  (meleset/hari di SKB)\n")
	for _, y := range []int{2024, 2025, 2026} {
		fmt.Fprintf(&report, "%-6d", y)
		for _, m := range methods {
			want := map[string]bool{}
			for _, d := range years[y] {
				if d.method == m {
					want[d.date] = true
				}
			}
			got := map[string]bool{}
			for _, h := range methodHolidays(m, y) {
				if !h.Estimated || h.Method != m || h.Kind != KindLiburNasional {
					t.Errorf("%d %s: %+v not marked as an estimate of its method", y, m, h)
				}
				got[h.Date.String()] = true
			}
			var missed, extra []string
			for d := range want {
				if !got[d] {
					missed = append(missed, d)
				}
			}
			for d := range got {
				if !want[d] {
					extra = append(extra, d)
				}
			}
			slices.Sort(missed)
			slices.Sort(extra)
			fmt.Fprintf(&report, " %d/%-8d", len(missed), len(want))
			if len(missed) != knownMisses[y][m] {
				t.Errorf("%d %s misses %v (computed instead %v); expected %d misses", y, m, missed, extra, knownMisses[y][m])
			}
			if len(extra) != len(missed) {
				t.Errorf("%d %s computes extra days %v beside the misses %v", y, m, extra, missed)
			}
			if len(missed) > 0 {
				t.Logf("%d %s: SKB %v, computed %v", y, m, missed, extra)
			}
		}
		report.WriteString("\n")
	}
	t.Log("\n" + report.String())
}

// TestEstimatedHolidaysMergeAndName checks the whole-year list: sorted,
// one entry a date, all estimated, and the names as the decree writes them.
func TestEstimatedHolidaysMergeAndName(t *testing.T) {
	hs := EstimatedHolidays(2027)
	want := map[string]string{
		"2027-01-01": "Tahun Baru 2027 Masehi",
		"2027-02-06": "Tahun Baru Imlek 2578 Kongzili",
		"2027-03-26": "Wafat Yesus Kristus",
		"2027-05-20": "Hari Raya Waisak 2571 BE",
		"2027-08-17": "Proklamasi Kemerdekaan",
	}
	for i, h := range hs {
		if i > 0 && !hs[i-1].Date.Before(h.Date) {
			t.Errorf("not sorted or duplicate date at %s", h.Date)
		}
		if !h.Estimated || h.Date.Year != 2027 {
			t.Errorf("%+v", h)
		}
		if n, ok := want[h.Date.String()]; ok && n != h.Name {
			t.Errorf("%s = %q, want %q", h.Date, h.Name, n)
		}
		delete(want, h.Date.String())
	}
	if len(want) != 0 {
		t.Errorf("missing %v", want)
	}
	// 2027: Isra Mikraj falls twice (5 January and 26 December), a
	// Gregorian year being longer than a Hijri one.
	n := 0
	for _, h := range hs {
		if strings.HasPrefix(h.Name, "Isra Mikraj") {
			n++
		}
	}
	if n != 2 {
		t.Errorf("Isra Mikraj %d times in 2027, want 2", n)
	}
	// Two holidays on one date become one entry naming both.
	for _, h := range EstimatedHolidays(2008) { // Kenaikan on 1 May 2008
		if h.Date == NewDate(2008, time.May, 1) && h.Name != "Hari Buruh Internasional; Kenaikan Yesus Kristus" {
			t.Errorf("1 May 2008 = %q", h.Name)
		}
	}
	if got := EstimatedHolidays(estimateMaxYear + 1); len(got) != 0 {
		t.Errorf("estimates beyond the supported range: %v", got)
	}
}

// TestEaster checks the computus against published Easter dates,
// including the extremes of its range.
func TestEaster(t *testing.T) {
	tests := []struct {
		year int
		want string
	}{
		{1818, "1818-03-22"}, // earliest possible
		{1943, "1943-04-25"}, // latest possible
		{2000, "2000-04-23"},
		{2019, "2019-04-21"},
		{2024, "2024-03-31"},
		{2025, "2025-04-20"},
		{2026, "2026-04-05"},
		{2027, "2027-03-28"},
		{2038, "2038-04-25"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.year), func(t *testing.T) {
			if got := Easter(tt.year).String(); got != tt.want {
				t.Errorf("Easter(%d) = %s, want %s", tt.year, got, tt.want)
			}
		})
	}
}

// TestEasterProperties: always a Sunday between 22 March and 25 April.
func TestEasterProperties(t *testing.T) {
	lo, hi := func(y int) Date { return NewDate(y, time.March, 22) }, func(y int) Date { return NewDate(y, time.April, 25) }
	for y := 1583; y <= 4099; y++ {
		e := Easter(y)
		if e.Weekday() != time.Sunday || e.Before(lo(y)) || e.After(hi(y)) {
			t.Fatalf("Easter(%d) = %s (%s)", y, e, e.Weekday())
		}
	}
}

// TestMoonPhases checks the chapter-49 phases against Meeus's worked
// example and against published new and full moons (USNO, to the minute).
func TestMoonPhases(t *testing.T) {
	// Meeus example 49.a: new moon of February 1977, JDE 2443192.65118.
	if got := jdeOf(newMoon(-283)); got < 2443192.6511 || got > 2443192.6513 {
		t.Errorf("example 49.a: JDE %f, want 2443192.65118", got)
	}
	tests := []struct {
		name string
		got  time.Time
		want string // UTC, USNO
	}{
		{"new 2024-02", newMoon(lunationNear(time.Date(2024, 2, 9, 0, 0, 0, 0, time.UTC))), "2024-02-09 22:59"},
		{"new 2025-03", newMoon(lunationNear(time.Date(2025, 3, 29, 0, 0, 0, 0, time.UTC))), "2025-03-29 10:58"},
		{"new 2026-02", newMoon(lunationNear(time.Date(2026, 2, 17, 0, 0, 0, 0, time.UTC))), "2026-02-17 12:01"},
		{"full 2026-05", fullMoon(lunationNear(time.Date(2026, 5, 16, 0, 0, 0, 0, time.UTC))), "2026-05-31 08:45"},
		{"full 2024-05", fullMoon(lunationNear(time.Date(2024, 5, 8, 0, 0, 0, 0, time.UTC))), "2024-05-23 13:53"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, err := time.Parse("2006-01-02 15:04", tt.want)
			if err != nil {
				t.Fatal(err)
			}
			if d := tt.got.Sub(want); d < -90*time.Second || d > 90*time.Second {
				t.Errorf("got %s, want %s UTC", tt.got.Format("2006-01-02 15:04:05"), tt.want)
			}
		})
	}
}

// TestMoonPhaseProperties: consecutive new moons are 29.27 to 29.83 days
// apart and the full moon lies between them.
func TestMoonPhaseProperties(t *testing.T) {
	for k := -300; k < 1800; k++ {
		a, b, f := newMoon(k), newMoon(k+1), fullMoon(k)
		gap := b.Sub(a).Hours() / 24
		if gap < 29.26 || gap > 29.84 {
			t.Fatalf("lunation %d lasts %.3f days", k, gap)
		}
		if !f.After(a) || !f.Before(b) {
			t.Fatalf("full moon of lunation %d at %s outside %s..%s", k, f, a, b)
		}
	}
}

// TestPositions checks the Sun and the Moon against Meeus's worked
// examples 25.a and 47.a, and the December solstice against published
// times.
func TestPositions(t *testing.T) {
	if got := sunLongitude(2448908.5); got < 199.905 || got > 199.913 {
		t.Errorf("example 25.a: Sun at %f, want 199.90895", got)
	}
	lon, lat, dist := moonPosition(2448724.5)
	if lon < 133.15 || lon > 133.18 || lat < -3.245 || lat > -3.215 || dist < 368380 || dist > 368440 {
		t.Errorf("example 47.a: Moon at %f, %f, %f km; want 133.1627, -3.2291, 368409.7", lon, lat, dist)
	}
	sol := sunLongitudeTime(270, time.Date(2023, 12, 21, 0, 0, 0, 0, time.UTC))
	want := time.Date(2023, 12, 22, 3, 27, 0, 0, time.UTC)
	if d := sol.Sub(want); d < -30*time.Minute || d > 30*time.Minute {
		t.Errorf("solstice 2023 at %s, want about %s", sol, want)
	}
}

// TestHijriMonthStarts checks the MABIMS reckoning against the start of
// months the Ministry's isbat decided, including the years before the
// decrees compared above.
func TestHijriMonthStarts(t *testing.T) {
	tests := []struct {
		name string
		near string // a date in the conjunction's lunation
		want string
	}{
		{"1 Syawal 1443", "2022-05-01", "2022-05-02"},
		{"1 Ramadan 1444", "2023-03-22", "2023-03-23"},
		{"1 Syawal 1444 (hilal too low on 20 April)", "2023-04-20", "2023-04-22"},
		{"1 Zulhijah 1444", "2023-06-18", "2023-06-20"},
		{"1 Ramadan 1445", "2024-03-10", "2024-03-12"},
		{"1 Ramadan 1446 (met at Aceh, elongation 6.4)", "2025-02-28", "2025-03-01"},
		{"1 Syawal 1446", "2025-03-29", "2025-03-31"},
		{"1 Zulhijah 1446", "2025-05-27", "2025-05-28"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := date(t, tt.near)
			got := hijriMonthStart(lunationNear(d.At(0, time.UTC)))
			if got.String() != tt.want {
				t.Errorf("month starts %s, want %s", got, tt.want)
			}
		})
	}
}

// TestSunsetJakarta checks sunset against published times for Jakarta
// (BMKG/timeanddate, to two minutes).
func TestSunsetJakarta(t *testing.T) {
	tests := []struct{ day, want string }{
		{"2024-04-09", "17:54"},
		{"2025-12-20", "18:04"},
	}
	for _, tt := range tests {
		got := sunset(date(t, tt.day), -6.2, 106.8).In(zoneWIB)
		want, err := time.ParseInLocation("2006-01-02 15:04", tt.day+" "+tt.want, zoneWIB)
		if err != nil {
			t.Fatal(err)
		}
		if d := got.Sub(want); d < -2*time.Minute || d > 2*time.Minute {
			t.Errorf("sunset %s = %s, want %s", tt.day, got.Format("15:04"), tt.want)
		}
	}
}

// TestCalendarEstimatesReplacedBySKB: a year without a decree answers with
// estimates; once any decree row of that year is loaded, the estimates of
// that year vanish entirely and the decree answers alone.
func TestCalendarEstimatesReplacedBySKB(t *testing.T) {
	c, err := DefaultCalendar()
	if err != nil {
		t.Fatal(err)
	}
	if h, ok := c.Holiday(NewDate(2027, time.January, 1)); !ok || !h.Estimated || h.Label() != "Tahun Baru 2027 Masehi (perkiraan)" {
		t.Errorf("1 Jan 2027 = %+v %v", h, ok)
	}
	if h, ok := c.Holiday(NewDate(2026, time.March, 18)); !ok || h.Estimated || h.Kind != KindCutiBersama {
		t.Errorf("18 Mar 2026 = %+v %v; want the decree's cuti bersama", h, ok)
	}
	if !c.Tentative(2026, 2027) || c.Tentative(2026, 2026) {
		t.Error("Tentative wrong")
	}
	ys := c.YearHolidays(2027)
	if len(ys) != len(EstimatedHolidays(2027)) || !ys[0].Estimated {
		t.Errorf("YearHolidays(2027) = %v", ys)
	}
	// A 2027 decree that (say) moved Isra Mikraj to 7 January.
	isra := ys[1]
	if isra.Date != NewDate(2027, time.January, 5) || !strings.HasPrefix(isra.Name, "Isra Mikraj") {
		t.Fatalf("estimated Isra Mikraj 2027 = %+v", isra)
	}
	if _, ok := c.Holiday(isra.Date); !ok {
		t.Fatal("estimated Isra Mikraj not a holiday before the 2027 decree")
	}
	m, err := c.Merge([]Holiday{
		{Date: NewDate(2027, time.January, 1), Kind: KindLiburNasional, Name: "Tahun Baru 2027 Masehi"},
		{Date: NewDate(2027, time.January, 7), Kind: KindLiburNasional, Name: "Isra Mikraj Nabi Muhammad SAW"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := m.Holiday(isra.Date); ok {
		t.Error("estimated Isra Mikraj kept after the 2027 decree was loaded")
	}
	if h, ok := m.Holiday(NewDate(2027, time.January, 7)); !ok || h.Estimated {
		t.Errorf("7 January = %+v %v", h, ok)
	}
	if m.Tentative(2027, 2027) || len(m.YearHolidays(2027)) != 2 {
		t.Errorf("2027 still tentative or list %v", m.YearHolidays(2027))
	}
	if _, err := NewCalendar(EstimatedHolidays(2027)); err == nil {
		t.Error("estimates accepted as decree rows")
	}
}

// BenchmarkEstimatedYear is the cost of computing one year (uncached).
//
// Figure: ns/op, computing one year's estimate with no cache.
func BenchmarkEstimatedYear(b *testing.B) {
	y := estimateMinYear
	for b.Loop() {
		for _, list := range [][]Holiday{hijriHolidays(y), imlekHolidays(y), nyepiHolidays(y), waisakHolidays(y)} {
			_ = list
		}
		y++
		if y > estimateMaxYear {
			y = estimateMinYear
		}
	}
}

// TestEstimatesEarlierYears checks the lunar methods on the holidays of
// earlier years, out of the 2024-2026 sample: the Nyepi and Waisak rules
// were chosen with these years in mind (see EstimatedHolidays), Imlek is
// astronomy alone.
func TestEstimatesEarlierYears(t *testing.T) {
	tests := []struct {
		method Method
		year   int
		want   string
	}{
		{MethodNyepi, 2019, "2019-03-07"},
		{MethodNyepi, 2020, "2020-03-25"},
		{MethodNyepi, 2021, "2021-03-14"},
		{MethodNyepi, 2022, "2022-03-03"},
		{MethodNyepi, 2023, "2023-03-22"},
		{MethodWaisak, 2012, "2012-05-06"},
		{MethodWaisak, 2015, "2015-06-02"},
		{MethodWaisak, 2020, "2020-05-07"},
		{MethodWaisak, 2023, "2023-06-04"},
		{MethodChinese, 2020, "2020-01-25"},
		{MethodChinese, 2021, "2021-02-12"},
		{MethodChinese, 2022, "2022-02-01"},
		{MethodChinese, 2023, "2023-01-22"},
		{MethodChinese, 2033, "2033-01-31"},
		{MethodChinese, 2034, "2034-02-19"}, // after the leap 11th month of 2033
		{MethodChinese, 2035, "2035-02-08"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s %d", tt.method, tt.year), func(t *testing.T) {
			hs := methodHolidays(tt.method, tt.year)
			if len(hs) != 1 || hs[0].Date.String() != tt.want {
				t.Errorf("got %v, want %s", hs, tt.want)
			}
		})
	}
}

// TestEstimateProperties checks every supported year for what the rules
// guarantee: Hijri months of 29 or 30 days, Imlek between 21 January and
// 20 February, Nyepi in March or early April, Waisak between 6 May and
// 5 June, Idul Fitri two consecutive days, and every estimate in its year.
func TestEstimateProperties(t *testing.T) {
	first := lunationNear(time.Date(estimateMinYear, 1, 1, 0, 0, 0, 0, time.UTC))
	last := lunationNear(time.Date(estimateMaxYear, 12, 31, 0, 0, 0, 0, time.UTC))
	prev := hijriMonthStart(first)
	for k := first + 1; k <= last; k++ {
		start := hijriMonthStart(k)
		if n := start.Compare(prev); n <= 0 {
			t.Fatalf("lunation %d starts %s, not after %s", k, start, prev)
		}
		days := 0
		for d := prev; d.Before(start); d = d.AddDays(1) {
			days++
		}
		if days != 29 && days != 30 {
			t.Fatalf("Hijri month from %s has %d days", prev, days)
		}
		prev = start
	}
	between := func(d Date, lo, hi Date) bool { return !d.Before(lo) && !d.After(hi) }
	for y := estimateMinYear; y <= estimateMaxYear; y++ {
		if d := imlekHolidays(y)[0].Date; !between(d, NewDate(y, 1, 21), NewDate(y, 2, 20)) {
			t.Errorf("Imlek %d on %s", y, d)
		}
		if d := nyepiHolidays(y)[0].Date; !between(d, NewDate(y, 3, 1), NewDate(y, 4, 1)) {
			t.Errorf("Nyepi %d on %s", y, d)
		}
		if d := waisakHolidays(y)[0].Date; !between(d, NewDate(y, 5, 6), NewDate(y, 6, 5)) {
			t.Errorf("Waisak %d on %s", y, d)
		}
		var fitri []Date
		for _, h := range hijriHolidays(y) {
			if h.Date.Year != y {
				t.Errorf("%s of %d dated %s", h.Name, y, h.Date)
			}
			if strings.HasPrefix(h.Name, "Idul Fitri") {
				fitri = append(fitri, h.Date)
			}
		}
		for i := 1; i < len(fitri); i++ {
			if fitri[i] == fitri[i-1].AddDays(1) {
				fitri = slices.Delete(fitri, i-1, i+1)
				i = 0
			}
		}
		// Pairs removed; what is left is a year-boundary split (none in range
		// since Idul Fitri never falls on 31 December here).
		if len(fitri) != 0 {
			t.Errorf("Idul Fitri %d not in consecutive pairs: %v", y, fitri)
		}
	}
}

// TestEstimatesConcurrent: the year cache is safe when counters compute
// deadlines at the same time (run with -race).
func TestEstimatesConcurrent(t *testing.T) {
	done := make(chan []Holiday)
	for i := 0; i < 8; i++ {
		go func() { done <- EstimatedHolidays(2031) }()
	}
	want := EstimatedHolidays(2031)
	for i := 0; i < 8; i++ {
		if got := <-done; len(got) != len(want) {
			t.Fatalf("concurrent call got %d holidays, want %d", len(got), len(want))
		}
	}
}
