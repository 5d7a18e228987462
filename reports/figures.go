package reports

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Ticket statuses as the figures count them (the store's values).
const (
	StatusDone      = "done"
	StatusNoShow    = "no_show"
	StatusCancelled = "cancelled"
)

// Period kinds.
const (
	PeriodDay   = "harian"
	PeriodMonth = "bulanan"
	PeriodRange = "rentang"
)

// Period is a run of business dates, From..To inclusive (YYYY-MM-DD, the
// office's dates).
type Period struct {
	Kind string
	From string
	To   string
}

// DayPeriod, MonthPeriod and RangePeriod build periods.
func DayPeriod(d time.Time) Period {
	s := d.Format("2006-01-02")
	return Period{Kind: PeriodDay, From: s, To: s}
}

// MonthPeriod is the calendar month of d.
func MonthPeriod(d time.Time) Period {
	first := time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC)
	return Period{Kind: PeriodMonth, From: first.Format("2006-01-02"), To: first.AddDate(0, 1, -1).Format("2006-01-02")}
}

// RangePeriod is from..to inclusive.
func RangePeriod(from, to time.Time) Period {
	return Period{Kind: PeriodRange, From: from.Format("2006-01-02"), To: to.Format("2006-01-02")}
}

// Dates returns the first and last date (midnight UTC dates, for arithmetic
// on calendar days only).
func (p Period) Dates() (time.Time, time.Time, error) {
	a, err := time.Parse("2006-01-02", p.From)
	if err != nil {
		return a, a, fmt.Errorf("tanggal awal %q tidak valid (format TTTT-BB-HH)", p.From)
	}
	b, err := time.Parse("2006-01-02", p.To)
	if err != nil {
		return a, b, fmt.Errorf("tanggal akhir %q tidak valid (format TTTT-BB-HH)", p.To)
	}
	if b.Before(a) {
		return a, b, fmt.Errorf("tanggal akhir %s sebelum tanggal awal %s", p.To, p.From)
	}
	if b.Sub(a) > 366*24*time.Hour {
		return a, b, fmt.Errorf("rentang laporan paling panjang satu tahun")
	}
	return a, b, nil
}

// Label is the period as a heading: "Senin, 23 November 2026",
// "November 2026" or "1 November 2026 s.d. 15 November 2026".
func (p Period) Label() string {
	a, b, err := p.Dates()
	if err != nil {
		return p.From + " s.d. " + p.To
	}
	switch {
	case p.From == p.To:
		return FormatDateID(a)
	case p.Kind == PeriodMonth:
		return MonthNameID(a.Month()) + " " + fmt.Sprint(a.Year())
	}
	return fmt.Sprintf("%d %s %d s.d. %d %s %d", a.Day(), MonthNameID(a.Month()), a.Year(), b.Day(), MonthNameID(b.Month()), b.Year())
}

// Filter narrows a report to one service, counter or officer (empty: all).
type Filter struct {
	ServiceID string
	CounterID string
	OfficerID string
}

// Empty tells whether the filter selects everything.
func (f Filter) Empty() bool { return f == Filter{} }

// TicketRow is one ticket as the figures see it. The office service fills
// it from the store: durations derived from the ticket's timestamps (or its
// events when it was transferred), the norm check on working time.
type TicketRow struct {
	Code      string
	Date      string    // business date
	Issued    time.Time // in the office's zone
	ServiceID string
	CounterID string
	OfficerID string
	Status    string
	Priority  bool
	// Wait (issued to first call) and Service (start to finish) with
	// whether each is known.
	Wait       time.Duration
	HasWait    bool
	Service    time.Duration
	HasService bool
	// NormKnown: the service has a time norm in its Standar Pelayanan;
	// NormMet: finished within it (working time). Norm is its words.
	NormKnown bool
	NormMet   bool
	Norm      string
	// WaitedTooLong: waited beyond the office's maximum wait.
	WaitedTooLong bool
}

// SurveyRow is one answered questionnaire.
type SurveyRow struct {
	ServiceID string
	CounterID string
	OfficerID string
	Scores    [9]int
	// IPK and IPAK are the Zona Integritas answers (reports/zi.go).
	IPK     [8]int
	IPAK    [5]int
	Comment string
	At      time.Time
}

// OfficeInfo heads every report.
type OfficeInfo struct {
	Code      string
	Name      string
	Address   string
	Hierarchy []string // "Kementerian Keuangan Republik Indonesia", ...
	ZoneLabel string
	MaxWait   time.Duration
}

// Names maps ids to what people read.
type Names struct {
	Services map[string]string
	Counters map[string]string
	Officers map[string]string
}

// DurationStats summarises durations.
type DurationStats struct {
	N      int
	Mean   time.Duration
	Median time.Duration
	P90    time.Duration
	Max    time.Duration
}

// Stats are the queue figures of a group of tickets.
type Stats struct {
	Issued    int
	Served    int
	NoShow    int
	Cancelled int
	// Open were still waiting or at a counter at the end of the day.
	Open      int
	Priority  int
	Wait      DurationStats
	Service   DurationStats
	NormKnown int
	NormMet   int
}

// NormShare is the share of finished tickets with a norm served within it
// (0..1), and false when no ticket had a norm.
func (s Stats) NormShare() (float64, bool) {
	if s.NormKnown == 0 {
		return 0, false
	}
	return float64(s.NormMet) / float64(s.NormKnown), true
}

// Unassigned is the group ID of the tickets with no counter or officer
// (never called: cancelled or still waiting) in ByCounter and ByOfficer;
// UnassignedName is how the tables name that row.
const (
	Unassigned     = ""
	UnassignedName = "Belum dipanggil"
)

// Group is the figures of one service, counter or officer.
type Group struct {
	ID    string
	Name  string
	Stats Stats
	IKM   IKMResult
}

// Point is one bar of a chart: a date or an hour.
type Point struct {
	Label      string
	Issued     int
	Served     int
	NoShow     int
	Cancelled  int
	MedianWait time.Duration
	P90Wait    time.Duration
	// --- reports helper (issue 18.5): WaitN is how many of the tickets had
	// a waiting time, so an hour without any shows blank, not 0 minutes.
	WaitN int
	// --- end reports helper
}

// Heat is the busiest-hours table: tickets issued per row (weekday or
// service) and hour of the day.
type Heat struct {
	Rows  []string
	Hours []int
	Cells [][]int
	Max   int
}

// LateItem is a ticket served beyond its norm or after waiting too long.
type LateItem struct {
	Code    string
	Date    string
	Service string
	Counter string
	Officer string
	// OfficerID links the item to its officer's row (names can repeat or
	// be missing); reports helper, issue 18.5.
	OfficerID string
	Wait      time.Duration
	Served    time.Duration
	Norm      string
	Reason    string
}

// KV is a labelled count.
type KV struct {
	Label string
	N     int
}

// CSOItem is an overdue consultation.
type CSOItem struct {
	Number   string
	Opened   time.Time
	Due      time.Time
	Channel  string
	Category string
	Officer  string
	Status   string
}

// CSOFigures are the consultation figures of the period.
type CSOFigures struct {
	Total      int
	ByChannel  []KV
	ByCategory []KV
	ByStatus   []KV
	Overdue    []CSOItem
	Resolved   int
	// ResolutionMedian and P90 are in working time (office hours).
	ResolutionMedian time.Duration
	ResolutionP90    time.Duration
}

// Figures is everything a period report shows. It travels over the LAN as
// JSON, so it holds only plain values.
type Figures struct {
	Office      OfficeInfo
	Period      Period
	Filter      Filter
	FilterLabel string
	Generated   time.Time
	Total       Stats
	ByService   []Group
	ByCounter   []Group
	ByOfficer   []Group
	// Series is per date (several days) or per hour (one day).
	Series []Point
	Heat   Heat
	IKM    IKMResult
	// IPK and IPAK are the Zona Integritas perception indices
	// (reports/zi.go).
	IPK  ZIIndex
	IPAK ZIIndex
	// Comments are the visitors' suggestions, newest first (at most 30).
	Comments []string
	Late     []LateItem
	// CSO is nil when the consultation log is not part of the report
	// (a filter on a queue service or counter).
	CSO *CSOFigures
	// Files is the completion of received files against the promise on
	// their receipts (reports/files.go); nil under a counter filter.
	Files *FileFigures `json:",omitempty"`
	// Bookings are the period's appointments (reports/bookings.go); nil
	// under a counter or officer filter.
	Bookings *BookingFigures `json:",omitempty"`
	// CalendarWarning is set when part of the period falls in a year with
	// no holiday calendar loaded: norm compliance then counted only
	// weekends as days off, and every rendering shows the warning.
	CalendarWarning string `json:",omitempty"`
}

// Aggregate computes the figures of rows and surveys (already filtered)
// for a period. Groups are sorted by name; the series runs over every
// date of the period (or every office hour of a single day).
func Aggregate(period Period, rows []TicketRow, surveys []SurveyRow, names Names) Figures {
	f := Figures{Period: period}
	type acc struct {
		s           Stats
		waits, svcs []time.Duration
		ikm         [][9]int
	}
	newAcc := func() *acc { return &acc{} }
	total := newAcc()
	bySvc, byCtr, byOff := map[string]*acc{}, map[string]*acc{}, map[string]*acc{}
	get := func(m map[string]*acc, id string) *acc {
		a, ok := m[id]
		if !ok {
			a = newAcc()
			m[id] = a
		}
		return a
	}
	oneDay := period.From == period.To
	series := map[string]*acc{}
	seriesCounts := map[string]*Point{}
	heat := map[string]map[int]int{}
	for _, r := range rows {
		targets := []*acc{total, get(bySvc, r.ServiceID)}
		// A ticket never called has no counter or officer; it goes to the
		// Unassigned row so that the rows of every table add up to its
		// Jumlah (reports helper, issue 18.5).
		targets = append(targets, get(byCtr, r.CounterID), get(byOff, r.OfficerID))
		key := r.Date
		if oneDay {
			key = fmt.Sprintf("%02d", r.Issued.Hour())
		}
		sa := get(series, key)
		targets = append(targets, sa)
		p, ok := seriesCounts[key]
		if !ok {
			p = &Point{Label: key}
			seriesCounts[key] = p
		}
		p.Issued++
		for _, a := range targets {
			a.s.Issued++
			if r.Priority {
				a.s.Priority++
			}
			switch r.Status {
			case StatusDone:
				a.s.Served++
			case StatusNoShow:
				a.s.NoShow++
			case StatusCancelled:
				a.s.Cancelled++
			default:
				a.s.Open++
			}
			if r.HasWait {
				a.waits = append(a.waits, r.Wait)
			}
			if r.HasService {
				a.svcs = append(a.svcs, r.Service)
			}
			if r.NormKnown {
				a.s.NormKnown++
				if r.NormMet {
					a.s.NormMet++
				}
			}
		}
		switch r.Status {
		case StatusDone:
			p.Served++
		case StatusNoShow:
			p.NoShow++
		case StatusCancelled:
			p.Cancelled++
		}
		rowKey := DayNameID(r.Issued.Weekday())
		if oneDay {
			rowKey = names.Services[r.ServiceID]
		}
		if heat[rowKey] == nil {
			heat[rowKey] = map[int]int{}
		}
		heat[rowKey][r.Issued.Hour()]++
		late := r.Status == StatusDone && r.NormKnown && !r.NormMet
		if late || r.WaitedTooLong {
			reason := "Melebihi norma waktu"
			switch {
			case late && r.WaitedTooLong:
				reason = "Menunggu terlalu lama dan melebihi norma waktu"
			case r.WaitedTooLong:
				reason = "Menunggu terlalu lama"
			}
			f.Late = append(f.Late, LateItem{Code: r.Code, Date: r.Date, Service: names.Services[r.ServiceID],
				Counter: names.Counters[r.CounterID], Officer: names.Officers[r.OfficerID], OfficerID: r.OfficerID, Wait: r.Wait,
				Served: r.Service, Norm: r.Norm, Reason: reason})
		}
	}
	for _, sv := range surveys {
		total.ikm = append(total.ikm, sv.Scores)
		if sv.ServiceID != "" {
			a := get(bySvc, sv.ServiceID)
			a.ikm = append(a.ikm, sv.Scores)
		}
		if sv.CounterID != "" {
			a := get(byCtr, sv.CounterID)
			a.ikm = append(a.ikm, sv.Scores)
		}
		if sv.OfficerID != "" {
			a := get(byOff, sv.OfficerID)
			a.ikm = append(a.ikm, sv.Scores)
		}
	}
	fin := func(a *acc) Stats {
		a.s.Wait = durationStats(a.waits)
		a.s.Service = durationStats(a.svcs)
		return a.s
	}
	f.Total = fin(total)
	f.IKM = ComputeIKM(total.ikm)
	f.IPK, f.IPAK = ziIndices(surveys)
	groups := func(m map[string]*acc, nm map[string]string) []Group {
		out := make([]Group, 0, len(m))
		for id, a := range m {
			name := nm[id]
			switch {
			case id == Unassigned:
				name = UnassignedName
			case name == "":
				name = "(tidak diketahui)"
			}
			out = append(out, Group{ID: id, Name: name, Stats: fin(a), IKM: ComputeIKM(a.ikm)})
		}
		sort.Slice(out, func(i, j int) bool {
			if (out[i].ID == Unassigned) != (out[j].ID == Unassigned) {
				return out[j].ID == Unassigned // the unassigned row comes last
			}
			return naturalLess(out[i].Name, out[j].Name)
		})
		return out
	}
	f.ByService = groups(bySvc, names.Services)
	f.ByCounter = groups(byCtr, names.Counters)
	f.ByOfficer = groups(byOff, names.Officers)

	// The series covers every date (or office hour) even without tickets,
	// so a quiet day shows as a gap in the chart rather than vanishing.
	var keys []string
	if oneDay {
		lo, hi := 8, 16
		for k := range seriesCounts {
			h, _ := strconv.Atoi(k)
			lo, hi = min(lo, h), max(hi, h)
		}
		for h := lo; h <= hi; h++ {
			keys = append(keys, fmt.Sprintf("%02d", h))
		}
	} else if a, b, err := period.Dates(); err == nil {
		for d := a; !d.After(b); d = d.AddDate(0, 0, 1) {
			keys = append(keys, d.Format("2006-01-02"))
		}
	}
	for _, k := range keys {
		p := Point{Label: k}
		if c, ok := seriesCounts[k]; ok {
			p = *c
			st := durationStats(series[k].waits)
			p.MedianWait, p.P90Wait, p.WaitN = st.Median, st.P90, st.N
		}
		f.Series = append(f.Series, p)
	}

	// Heat rows: weekdays in week order, or services by name.
	var rowNames []string
	for k := range heat {
		rowNames = append(rowNames, k)
	}
	if oneDay {
		sort.Slice(rowNames, func(i, j int) bool { return naturalLess(rowNames[i], rowNames[j]) })
	} else {
		order := map[string]int{"Senin": 1, "Selasa": 2, "Rabu": 3, "Kamis": 4, "Jumat": 5, "Sabtu": 6, "Minggu": 7}
		sort.Slice(rowNames, func(i, j int) bool { return order[rowNames[i]] < order[rowNames[j]] })
	}
	lo, hi := 8, 16
	for _, m := range heat {
		for h := range m {
			lo, hi = min(lo, h), max(hi, h)
		}
	}
	for h := lo; h <= hi; h++ {
		f.Heat.Hours = append(f.Heat.Hours, h)
	}
	for _, rn := range rowNames {
		cells := make([]int, len(f.Heat.Hours))
		for i, h := range f.Heat.Hours {
			cells[i] = heat[rn][h]
			f.Heat.Max = max(f.Heat.Max, cells[i])
		}
		f.Heat.Rows = append(f.Heat.Rows, rn)
		f.Heat.Cells = append(f.Heat.Cells, cells)
	}

	for i := len(surveys) - 1; i >= 0 && len(f.Comments) < 30; i-- {
		if c := strings.TrimSpace(surveys[i].Comment); c != "" {
			f.Comments = append(f.Comments, c)
		}
	}
	sort.SliceStable(f.Late, func(i, j int) bool { return f.Late[i].Served > f.Late[j].Served })
	return f
}

// durationStats sorts ds in place and summarises it: median (mean of the
// middle two for an even count), 90th percentile by nearest rank, maximum.
func durationStats(ds []time.Duration) DurationStats {
	n := len(ds)
	if n == 0 {
		return DurationStats{}
	}
	slices.Sort(ds)
	var sum time.Duration
	for _, d := range ds {
		sum += d
	}
	med := ds[n/2]
	if n%2 == 0 {
		med = (ds[n/2-1] + ds[n/2]) / 2
	}
	rank := (9*n + 9) / 10 // ceil(0.9 n)
	return DurationStats{N: n, Mean: sum / time.Duration(n), Median: med, P90: ds[rank-1], Max: ds[n-1]}
}

// naturalLess orders "Loket 2" before "Loket 10", ignoring case.
func naturalLess(a, b string) bool {
	a, b = strings.ToLower(a), strings.ToLower(b)
	for a != "" && b != "" {
		na, nb := digitRun(a), digitRun(b)
		if na > 0 && nb > 0 {
			va, vb := strings.TrimLeft(a[:na], "0"), strings.TrimLeft(b[:nb], "0")
			if len(va) != len(vb) {
				return len(va) < len(vb)
			}
			if va != vb {
				return va < vb
			}
			a, b = a[na:], b[nb:]
			continue
		}
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		a, b = a[1:], b[1:]
	}
	return len(a) < len(b)
}

func digitRun(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

// FormatMinutes writes a duration for tables: "12 mnt", "1 j 05 mnt",
// "-" for none. Under a minute it gives seconds ("40 dtk"): a median wait
// of 20 seconds printed as "0 mnt" reads as no wait, or as an error.
func FormatMinutes(d time.Duration, ok bool) string {
	if !ok {
		return "-"
	}
	d = max(d, 0)
	if d < 59500*time.Millisecond {
		return fmt.Sprintf("%d dtk", int((d+500*time.Millisecond)/time.Second))
	}
	m := int((d + 30*time.Second) / time.Minute)
	if m < 60 {
		return fmt.Sprintf("%d mnt", m)
	}
	return fmt.Sprintf("%d j %02d mnt", m/60, m%60)
}

// FormatPercent writes a share as "87,5%" (Indonesian decimal comma).
func FormatPercent(share float64, ok bool) string {
	if !ok {
		return "-"
	}
	return strings.Replace(fmt.Sprintf("%.1f%%", share*100), ".", ",", 1)
}

// FormatDecimal writes v with n decimals and a decimal comma.
func FormatDecimal(v float64, n int) string {
	return strings.Replace(fmt.Sprintf("%.*f", n, v), ".", ",", 1)
}

// FileBase names a report's files: laporan-harian-2026-11-23,
// laporan-bulanan-2026-11, laporan-2026-11-01_2026-11-15.
func FileBase(p Period) string {
	switch {
	case p.Kind == PeriodDay || p.From == p.To:
		return "laporan-harian-" + p.From
	case p.Kind == PeriodMonth && len(p.From) >= 7:
		return "laporan-bulanan-" + p.From[:7]
	}
	return "laporan-" + p.From + "_" + p.To
}
