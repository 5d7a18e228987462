package workday

import (
	"fmt"
	"math"
	"slices"
	"sync"
	"time"
)

// Method names how an estimated holiday was computed; the tests count
// misses per method and the editor could show it.
type Method string

// Estimation methods.
const (
	MethodFixed   Method = "tetap"
	MethodEaster  Method = "paskah"
	MethodHijri   Method = "hijriah"
	MethodChinese Method = "imlek"
	MethodNyepi   Method = "nyepi"
	MethodWaisak  Method = "waisak"
)

const (
	estimateMinYear = 1950
	estimateMaxYear = 2150
)

// Reference places and zones of the estimates.
var (
	// hilalPlaces are where the crescent is checked (latitude, east
	// longitude): the west coast of Sumatra and the south coast of Java,
	// from Sabang to Cilacap, where the young moon stands highest and
	// farthest from the Sun in Indonesia at sunset (the west in every
	// season, the south-west in December). The criterion counts when it is
	// met at any of them.
	hilalPlaces = [][2]float64{
		{5.89, 95.32},   // Sabang
		{5.55, 95.32},   // Banda Aceh
		{4.14, 96.13},   // Meulaboh
		{1.74, 98.78},   // Sibolga
		{-0.95, 100.35}, // Padang
		{-3.80, 102.27}, // Bengkulu
		{-5.19, 103.93}, // Krui
		{-5.43, 105.26}, // Bandar Lampung
		{-7.00, 106.55}, // Pelabuhan Ratu
		{-7.73, 109.00}, // Cilacap
	}
	zoneWIB   = time.FixedZone("WIB", 7*3600)
	zoneWITA  = time.FixedZone("WITA", 8*3600)
	zoneChina = time.FixedZone("CST", 8*3600)
)

// MABIMS limits in degrees.
const (
	mabimsAltitude   = 3.0
	mabimsElongation = 6.4
)

// estimateCache holds computed years: the computation is a few hundred
// microseconds, but working-day loops ask for the same year thousands of
// times. Values are map[Date]Holiday, never modified after storing.
var estimateCache sync.Map

// EstimatedHolidays returns the computed national holidays of year y in
// date order, each with Estimated set and Kind libur nasional. Two
// holidays on one date are merged into one entry whose name joins both
// (the decree lists such days once too). Years outside the supported range
// have none.
//
// The SKB 3 Menteri for a year is often signed in the autumn before, but
// receipts printed in December already promise dates in January, and a
// promise that counts Tahun Baru as a working day is wrong. So for a year
// with no loaded decree the calendar computes the national holidays that
// follow a rule, marked Estimated (perkiraan), and replaces all of them the
// moment the decree for that year is imported. Cuti bersama follow no rule
// and are never estimated; that is why a deadline in such a year is
// Tentative and the receipt says the date may move.
//
// Methods, and how each was checked against the decrees of 2024-2026
// (see TestEstimatesAgainstSKB for the day-by-day comparison):
//
//   - Fixed dates: 1 January, 1 May, 1 June, 17 August, 25 December.
//   - Easter (Wafat Yesus Kristus = Good Friday, Easter Sunday, Kenaikan =
//     Easter + 39 days): the Gregorian computus in the form of Meeus,
//     Astronomical Algorithms ch. 8 (the "anonymous" algorithm of 1876).
//     Exact by definition.
//   - Hijri (Isra Mikraj 27 Rajab, Idul Fitri 1-2 Syawal, Idul Adha 10
//     Zulhijah, 1 Muharam, Maulid 12 Rabiul Awal): astronomical. Each month
//     starts the day after the first evening on which the young moon, after
//     the conjunction (Meeus ch. 49), stands at least 3 degrees high
//     (apparent altitude: topocentric with refraction) with an elongation
//     of at least 6.4 degrees from the Sun at sunset: the MABIMS criterion
//     the Ministry of Religious Affairs has used since 2022 for its
//     calendar (which the SKB copies) and its isbat. The criterion counts
//     when it is met anywhere in Indonesia, so it is checked along the west
//     coast of Sumatra and the south coast of Java (hilalPlaces), where the
//     crescent is highest. A tabular (arithmetic) calendar was rejected: it
//     runs a day or two off the Ministry's dates in most years, which is
//     the error this is meant to remove. A first version that checked
//     Banda Aceh alone with the airless altitude missed Idul Adha 2025 and
//     Isra Mikraj 2026, both evenings within 0.05 degree of a limit; the
//     Ministry's published "tinggi hilal" includes refraction and its map
//     covers the whole country. The isbat may still differ from any
//     calculation by a day when the moon is that close to a limit.
//   - Imlek: the second new moon after the December solstice, as a civil
//     date in UTC+8 (China's reckoning), or the third when a leap month
//     falls right after month 11 (next in 2033, giving 19 February 2034).
//   - Nyepi: the day after Tilem Kesanga, the new moon of the ninth
//     Balinese month: the first new moon from 1 March (WITA). The Balinese
//     calendar computes tilem arithmetically, so it lands on or before the
//     astronomical one; Nyepi is taken as the first day whose midday (WITA)
//     follows the astronomical new moon, which matched every Nyepi from
//     2019 to 2026 but 2025, where Bali's tilem fell a day early.
//   - Waisak: the full moon of Waisak as the Indonesian Buddhist councils
//     set it: the first full moon from 6 May 00:00 UTC. The Theravada
//     calendar's leap months push Waisak into June after an early-May full
//     moon (2015, 2023, 2026) but not after a full moon on 6 or 7 May (2012,
//     2020); this cut-off reproduces those years.
//
// Estimates are computed for estimateMinYear..estimateMaxYear, the range
// where the astronomy is checked and ΔT is known well enough.
func EstimatedHolidays(y int) []Holiday {
	m := estimatedYear(y)
	out := make([]Holiday, 0, len(m))
	for _, h := range m {
		out = append(out, h)
	}
	slices.SortFunc(out, func(a, b Holiday) int { return a.Date.Compare(b.Date) })
	return out
}

func estimatedYear(y int) map[Date]Holiday {
	if v, ok := estimateCache.Load(y); ok {
		return v.(map[Date]Holiday)
	}
	m := map[Date]Holiday{}
	if y >= estimateMinYear && y <= estimateMaxYear {
		for _, list := range [][]Holiday{fixedHolidays(y), easterHolidays(y), hijriHolidays(y),
			imlekHolidays(y), nyepiHolidays(y), waisakHolidays(y)} {
			for _, h := range list {
				if prev, ok := m[h.Date]; ok {
					h.Name = prev.Name + "; " + h.Name
				}
				m[h.Date] = h
			}
		}
	}
	v, _ := estimateCache.LoadOrStore(y, m)
	return v.(map[Date]Holiday)
}

func estimate(d Date, m Method, name string) Holiday {
	return Holiday{Date: d, Kind: KindLiburNasional, Name: name, Estimated: true, Method: m}
}

// fixedHolidays are the holidays on the same date every year.
func fixedHolidays(y int) []Holiday {
	return []Holiday{
		estimate(NewDate(y, time.January, 1), MethodFixed, fmt.Sprintf("Tahun Baru %d Masehi", y)),
		estimate(NewDate(y, time.May, 1), MethodFixed, "Hari Buruh Internasional"),
		estimate(NewDate(y, time.June, 1), MethodFixed, "Hari Lahir Pancasila"),
		estimate(NewDate(y, time.August, 17), MethodFixed, "Proklamasi Kemerdekaan"),
		estimate(NewDate(y, time.December, 25), MethodFixed, "Kelahiran Yesus Kristus"),
	}
}

// Easter returns the date of Easter Sunday in the Gregorian calendar of
// year y, by the computus Meeus gives in Astronomical Algorithms ch. 8
// (valid for every Gregorian year).
func Easter(y int) Date {
	a := y % 19
	b, c := y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	n := h + l - 7*m + 114
	return NewDate(y, time.Month(n/31), n%31+1)
}

// easterHolidays are Wafat Yesus Kristus (Good Friday), Easter Sunday and
// Kenaikan Yesus Kristus (Ascension, forty days from Easter counted
// inclusively).
func easterHolidays(y int) []Holiday {
	e := Easter(y)
	return []Holiday{
		estimate(e.AddDays(-2), MethodEaster, "Wafat Yesus Kristus"),
		estimate(e, MethodEaster, "Kebangkitan Yesus Kristus (Paskah)"),
		estimate(e.AddDays(39), MethodEaster, "Kenaikan Yesus Kristus"),
	}
}

// hijriOffset maps Meeus's lunation number to a count of Hijri months
// since 1 Muharam 1 AH (0-based): the month that starts after the
// conjunction of lunation k is month k+hijriOffset. Fixed by 1 Ramadan
// 1445 (conjunction of 10 March 2024, lunation 299) = month 1444*12+8.
const hijriOffset = 1444*12 + 8 - 299

// hijriMonthStart returns the first day of the Hijri month that follows
// the conjunction of lunation k: the day after the first evening on which
// the MABIMS criterion holds at one of hilalPlaces. The third evening
// always ends the search; a month has at most 30 days (istikmal).
func hijriMonthStart(k int) Date {
	conj := newMoon(k)
	evening := DateOf(conj.In(zoneWIB))
	for i := 0; i < 2 && !crescentVisible(conj, evening); i++ {
		evening = evening.AddDays(1)
	}
	return evening.AddDays(1)
}

// crescentVisible reports whether the MABIMS criterion holds on the
// evening of d somewhere in hilalPlaces for the moon born at conj.
// The altitude is apparent (topocentric plus refraction, Meeus 16.4),
// the "tinggi hilal mar'i" the Ministry publishes.
func crescentVisible(conj time.Time, d Date) bool {
	for _, p := range hilalPlaces {
		set := sunset(d, p[0], p[1])
		if !conj.Before(set) {
			continue
		}
		c := crescentAt(set, p[0], p[1])
		h := c.altitude + refraction(c.altitude)
		if h >= mabimsAltitude && c.elongation >= mabimsElongation {
			return true
		}
	}
	return false
}

// refraction is the atmospheric refraction in degrees for a true altitude
// h in degrees, by Sæmundsson's formula (Meeus 16.4), at standard
// pressure and temperature.
func refraction(h float64) float64 {
	if h < -1 {
		return 0
	}
	return 1.02 / math.Tan((h+10.3/(h+5.11))*deg) / 60
}

// hijriHolidays are the Islamic holidays falling in Gregorian year y.
func hijriHolidays(y int) []Holiday {
	first := lunationNear(time.Date(y, time.January, 1, 0, 0, 0, 0, time.UTC)) - 1
	last := lunationNear(time.Date(y, time.December, 31, 0, 0, 0, 0, time.UTC))
	var out []Holiday
	for k := first; k <= last; k++ {
		idx := k + hijriOffset
		hYear, month := idx/12+1, idx%12+1
		start := hijriMonthStart(k)
		switch month {
		case 1:
			out = append(out, estimate(start, MethodHijri, fmt.Sprintf("1 Muharam Tahun Baru Islam %d Hijriah", hYear)))
		case 3:
			out = append(out, estimate(start.AddDays(11), MethodHijri, "Maulid Nabi Muhammad SAW"))
		case 7:
			out = append(out, estimate(start.AddDays(26), MethodHijri, "Isra Mikraj Nabi Muhammad SAW"))
		case 10:
			name := fmt.Sprintf("Idul Fitri %d Hijriah", hYear)
			out = append(out, estimate(start, MethodHijri, name), estimate(start.AddDays(1), MethodHijri, name))
		case 12:
			out = append(out, estimate(start.AddDays(9), MethodHijri, fmt.Sprintf("Idul Adha %d Hijriah", hYear)))
		}
	}
	return inYear(out, y)
}

func inYear(hs []Holiday, y int) []Holiday {
	return slices.DeleteFunc(hs, func(h Holiday) bool { return h.Date.Year != y })
}

// imlekHolidays is Chinese New Year: month 11 is the lunar month holding
// the December solstice (a new moon on the solstice's date starts it); the
// year begins two new moons later, or three when the year from this month
// 11 to the next has 13 months and its leap month (the first month with no
// principal term, zhongqi) is month 11 or 12 itself, as in 2033-2034. All
// dates are civil dates in UTC+8, China's reckoning.
func imlekHolidays(y int) []Holiday {
	k11 := month11(y - 1)
	k := k11 + 2
	if month11(y) == k11+13 && (!hasZhongqi(k11+1) || !hasZhongqi(k11+2)) {
		k++
	}
	d := DateOf(newMoon(k).In(zoneChina))
	return []Holiday{estimate(d, MethodChinese, fmt.Sprintf("Tahun Baru Imlek %d Kongzili", d.Year+551))}
}

// month11 returns the lunation that starts the Chinese month 11 of year
// y: the last new moon dated on or before the December solstice of y.
func month11(y int) int {
	sol := sunLongitudeTime(270, time.Date(y, time.December, 21, 12, 0, 0, 0, time.UTC))
	solDay := DateOf(sol.In(zoneChina))
	k := lunationNear(sol) + 1
	for DateOf(newMoon(k).In(zoneChina)).After(solDay) {
		k--
	}
	return k
}

// hasZhongqi reports whether the Chinese month starting with lunation k
// contains a principal term: the Sun crossing a multiple of 30 degrees of
// longitude between the first day of the month and the first day of the
// next (UTC+8 midnights).
func hasZhongqi(k int) bool {
	midnight := func(k int) float64 {
		d := DateOf(newMoon(k).In(zoneChina))
		return sunLongitude(jdeOf(d.At(0, zoneChina)))
	}
	a, b := midnight(k), midnight(k+1)
	if b < a {
		b += 360
	}
	return int(b/30) != int(a/30)
}

// nyepiHolidays is Hari Suci Nyepi, the Saka new year (see the method
// notes above for the midday rule).
func nyepiHolidays(y int) []Holiday {
	from := time.Date(y, time.March, 1, 0, 0, 0, 0, zoneWITA)
	k := lunationNear(from) - 1
	for newMoon(k).Before(from) {
		k++
	}
	d := DateOf(newMoon(k).In(zoneWITA).Add(12 * time.Hour))
	return []Holiday{estimate(d, MethodNyepi, fmt.Sprintf("Hari Suci Nyepi (Tahun Baru Saka %d)", y-78))}
}

// waisakHolidays is Hari Raya Waisak, on the date (WIB) of the Waisak full
// moon.
func waisakHolidays(y int) []Holiday {
	from := time.Date(y, time.May, 6, 0, 0, 0, 0, time.UTC)
	k := lunationNear(from) - 2
	for fullMoon(k).Before(from) {
		k++
	}
	d := DateOf(fullMoon(k).In(zoneWIB))
	return []Holiday{estimate(d, MethodWaisak, fmt.Sprintf("Hari Raya Waisak %d BE", y+544))}
}
