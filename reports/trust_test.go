package reports

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// generatedFigures aggregates a generated period in which some tickets
// were never called (cancelled or still waiting: no counter, no officer),
// some were transferred between counters' services, and one officer has
// no name on file: the cases where a Jumlah row used to differ from the
// rows above it.
func generatedFigures(seed uint64, p Period, perDay int) Figures {
	rng := rand.New(rand.NewPCG(seed, 3))
	names := Names{
		Services: map[string]string{"s1": "Pencairan Dana (SP2D)", "s2": "Konsultasi Rekonsiliasi", "s3": "Penerimaan SPM Gaji"},
		Counters: map[string]string{"c1": "Loket 1", "c2": "Loket 2", "c3": "Loket 10"},
		Officers: map[string]string{"o1": "Rina Marlina", "o2": "Budi Santoso"}, // o3 unknown
	}
	var rows []TicketRow
	var surveys []SurveyRow
	a, b, _ := p.Dates()
	for d := a; !d.After(b); d = d.AddDate(0, 0, 1) {
		for i := range perDay {
			k := rng.IntN(3) + 1
			r := TicketRow{Code: fmt.Sprintf("%c%03d", 'A'+k-1, i+1), Date: d.Format("2006-01-02"),
				Issued:    time.Date(d.Year(), d.Month(), d.Day(), 8+rng.IntN(8), rng.IntN(60), 0, 0, wib),
				ServiceID: fmt.Sprintf("s%d", k), Priority: rng.IntN(6) == 0}
			switch x := rng.IntN(20); {
			case x == 0:
				r.Status = StatusCancelled // before any call
			case x == 1:
				r.Status = "waiting"
			case x < 4:
				r.Status = StatusNoShow
			case x == 4:
				r.Status = StatusCancelled // cancelled at the counter
			default:
				r.Status = StatusDone
			}
			if !(r.Status == StatusCancelled && rng.IntN(2) == 0) && r.Status != "waiting" {
				c := rng.IntN(3) + 1
				r.CounterID, r.OfficerID = fmt.Sprintf("c%d", c), fmt.Sprintf("o%d", c)
				r.Wait, r.HasWait = time.Duration(rng.IntN(3000))*time.Second, true
			}
			if r.Status == StatusDone {
				r.Service, r.HasService = time.Duration(20+rng.IntN(1500))*time.Second, true
				r.NormKnown, r.NormMet = k != 3, r.Service <= 20*time.Minute
				if rng.IntN(4) == 0 {
					surveys = append(surveys, SurveyRow{ServiceID: r.ServiceID, CounterID: r.CounterID, OfficerID: r.OfficerID,
						Scores: [9]int{1 + rng.IntN(4), 1 + rng.IntN(4), 1 + rng.IntN(4), 1 + rng.IntN(4), 1 + rng.IntN(4),
							1 + rng.IntN(4), 1 + rng.IntN(4), 1 + rng.IntN(4), 1 + rng.IntN(4)}})
				}
			}
			rows = append(rows, r)
		}
	}
	fig := Aggregate(p, rows, surveys, names)
	fig.Office = OfficeInfo{Code: "KPPN019", Name: "KPPN Pekanbaru", ZoneLabel: "WIB"}
	fig.Generated = time.Date(2026, 12, 1, 7, 30, 0, 0, wib)
	return fig
}

// TestJumlahRowsAddUp checks every table with a Jumlah row, in the
// workbook and on paper, on generated data: the row is the sum of the rows
// above it, and (since the never-called tickets have their own row) equal
// to the period's totals.
func TestJumlahRowsAddUp(t *testing.T) {
	for seed := uint64(1); seed <= 5; seed++ {
		for _, p := range []Period{DayPeriod(time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)), MonthPeriod(time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))} {
			t.Run(fmt.Sprintf("%s-%d", p.Kind, seed), func(t *testing.T) {
				fig := generatedFigures(seed, p, 40+int(seed)*7)
				fig.CSO = &CSOFigures{Total: 9, ByChannel: []KV{{"Telepon", 5}, {"Tatap muka", 4}}, ByCategory: []KV{{"SAKTI", 9}},
					ByStatus: []KV{{"Baru", 2}, {"Resolved", 6}, {"Ditutup", 1}}}
				tables := ReportTables(fig, true)
				checked := 0
				for _, tb := range tables {
					switch tb.Name {
					case "Per layanan", "Per loket", "Per petugas":
						checked++
						last := tb.Rows[len(tb.Rows)-1]
						if last[0] != "Jumlah" {
							t.Fatalf("%s: last row %v", tb.Name, last)
						}
						want := []int{fig.Total.Issued, fig.Total.Served, fig.Total.NoShow, fig.Total.Cancelled, fig.Total.Open}
						for col := 1; col <= 5; col++ {
							sum := 0
							for _, r := range tb.Rows[:len(tb.Rows)-1] {
								sum += r[col].(int)
							}
							if last[col].(int) != sum || sum != want[col-1] {
								t.Errorf("%s %s: Jumlah %v, rows add up to %d, period total %d", tb.Name, tb.Header[col], last[col], sum, want[col-1])
							}
						}
					case "Konsultasi CSO":
						checked++
						sums := map[string]int{}
						for _, r := range tb.Rows {
							if r[0] == "Ringkasan" {
								continue
							}
							if r[1] == "Jumlah" {
								if r[2].(int) != sums[r[0].(string)] {
									t.Errorf("CSO %s: Jumlah %v, rows %d", r[0], r[2], sums[r[0].(string)])
								}
								checked++
								continue
							}
							sums[r[0].(string)] += r[2].(int)
						}
					}
				}
				if checked != 7 {
					t.Errorf("checked %d tables and CSO groups, want 7", checked)
				}
				if fig.ByCounter[len(fig.ByCounter)-1].Name != UnassignedName {
					t.Errorf("no row for the tickets never called: %+v", fig.ByCounter)
				}
				// The briefing's officer table.
				ot := briefingOfficers(fig)
				last := ot.Rows[len(ot.Rows)-1]
				for _, col := range []int{1, 2, 5} {
					sum := 0
					for _, r := range ot.Rows[:len(ot.Rows)-1] {
						sum += r[col].(int)
					}
					if last[col].(int) != sum {
						t.Errorf("briefing %s: Jumlah %v, rows %d", ot.Header[col], last[col], sum)
					}
				}
				if last[1].(int) != fig.Total.Served || last[5].(int) != len(fig.Late) {
					t.Errorf("briefing Jumlah %v, served %d, late %d", last, fig.Total.Served, len(fig.Late))
				}
			})
		}
	}
	// On paper: the per-counter table's Jumlah line reads the sum of the
	// rows printed above it.
	fig := generatedFigures(9, DayPeriod(time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)), 80)
	b, err := PeriodReportPDF(fig, true)
	checkPDF(t, b, err)
	text := pdfText(t, b)
	sum := 0
	for _, g := range fig.ByCounter {
		sum += g.Stats.Issued
		if !strings.Contains(text, g.Name+" "+FormatCount(g.Stats.Issued)+" ") {
			t.Errorf("PDF lacks the row %q %d", g.Name, g.Stats.Issued)
		}
	}
	if !strings.Contains(text, "Jumlah "+FormatCount(sum)+" ") || sum != fig.Total.Issued {
		t.Errorf("PDF Jumlah is not %d", sum)
	}
	if strings.Contains(text, "Baris Jumlah menjumlahkan") {
		t.Error("mismatch note printed for tables that add up")
	}
}

// TestTotalNoteExplainsAMismatch: a table whose rows do not cover the
// period (not produced by Aggregate, but possible for a caller) says so.
func TestTotalNoteExplainsAMismatch(t *testing.T) {
	all := Stats{Issued: 10, Served: 8, Cancelled: 2}
	gs := []Group{{Name: "Loket 1", Stats: Stats{Issued: 8, Served: 8}}}
	sum := sumGroups(gs, all)
	if sum.Issued != 8 || sum.Served != 8 {
		t.Fatalf("sum %+v", sum)
	}
	if n := totalNote(sum, all); !strings.Contains(n, "(8 tiket)") || !strings.Contains(n, "10 tiket") {
		t.Errorf("note %q", n)
	}
	if n := totalNote(all, all); n != "" {
		t.Errorf("note for agreeing totals: %q", n)
	}
}

func TestIKMRoundingNote(t *testing.T) {
	var ik IKMResult
	for i := range ik.NRR {
		ik.NRR[i] = 3.0045 // x 0,111 = 0,3334995: each prints 0,333 (sum 2,997), the index is 3,0015
		ik.Index += ik.NRR[i] * IKMWeight
	}
	if n := ikmRoundingNote(ik); !strings.Contains(n, "2,997") || !strings.Contains(n, "sebelum pembulatan") {
		t.Errorf("note %q (index %v)", n, ik.Index)
	}
	ik = ComputeIKM([][9]int{{4, 4, 4, 4, 4, 4, 4, 4, 4}})
	if n := ikmRoundingNote(ik); n != "" {
		t.Errorf("note for an exact sum: %q", n)
	}
}

func TestFormatMinutes(t *testing.T) {
	for _, c := range []struct {
		d    time.Duration
		ok   bool
		want string
	}{
		{0, false, "-"},
		{0, true, "0 dtk"},
		{400 * time.Millisecond, true, "0 dtk"},
		{20 * time.Second, true, "20 dtk"},
		{59*time.Second + 400*time.Millisecond, true, "59 dtk"},
		{59*time.Second + 600*time.Millisecond, true, "1 mnt"},
		{89 * time.Second, true, "1 mnt"},
		{12 * time.Minute, true, "12 mnt"},
		{65 * time.Minute, true, "1 j 05 mnt"},
		{-time.Second, true, "0 dtk"},
	} {
		if got := FormatMinutes(c.d, c.ok); got != c.want {
			t.Errorf("FormatMinutes(%v, %v) = %q, want %q", c.d, c.ok, got, c.want)
		}
	}
	// A quiet day whose visitors were called within seconds: the tiles
	// say seconds, never "0 mnt".
	fig := sampleFigures(t, DayPeriod(time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)))
	fig.Total.Wait.Median = 25 * time.Second
	b, err := PeriodReportPDF(fig, false)
	checkPDF(t, b, err)
	text := pdfText(t, b)
	assertContains(t, text, "Median waktu tunggu Median waktu layanan", " 25 dtk 13 mnt ")
	if regexp.MustCompile(`(^|\s)0 mnt`).MatchString(text) {
		t.Error(`"0 mnt" printed`)
	}
}

func TestFormatCount(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1.000", 1260: "1.260", 50000: "50.000", 1234567: "1.234.567", -4500: "-4.500"} {
		if got := FormatCount(n); got != want {
			t.Errorf("FormatCount(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestWholeAxis: a count axis steps by whole numbers, reaches the largest
// value, and has at most five intervals.
func TestWholeAxis(t *testing.T) {
	check := func(v float64) {
		top, step := wholeAxis(v)
		n := top / step
		if step < 1 || step != math.Trunc(step) || top < v || n != math.Trunc(n) || n > 5 || n < 1 {
			t.Fatalf("wholeAxis(%v) = %v, %v", v, top, step)
		}
		if v >= 1 && top > 2.5*v+step {
			t.Fatalf("wholeAxis(%v) = %v: too much empty space", v, top)
		}
	}
	for v := 0.0; v <= 5000; v++ {
		check(v)
	}
	for _, v := range []float64{0.01, 0.4, 1.5, 2.2, 3.7, 12.5, 99.9, 123456, math.NaN(), -3} {
		check(v)
	}
	if top, step := wholeAxis(3); top != 3 || step != 1 {
		t.Errorf("3 tickets: %v/%v", top, step)
	}
	if top, step := wholeAxis(60); top != 60 || step != 20 {
		t.Errorf("60 tickets: %v/%v", top, step)
	}
}

// TestWrapWordsKeepsWords: lines break at spaces; only a word wider than
// the line on its own is broken, after a slash or hyphen when it has one.
func TestWrapWordsKeepsWords(t *testing.T) {
	runes := func(s string) float64 { return float64(utf8.RuneCountInString(s)) }
	for _, c := range []struct {
		s    string
		w    float64
		want []string
	}{
		{"Konsultasi Rekonsiliasi", 12, []string{"Konsultasi", "Rekonsiliasi"}},
		{"Pencairan Dana (SP2D)", 15, []string{"Pencairan Dana", "(SP2D)"}},
		{"a b c d e", 3, []string{"a b", "c d", "e"}},
		{"Pembayaran/SPM lain", 12, []string{"Pembayaran/", "SPM lain"}},
		{"KPPN-Jakarta-II", 8, []string{"KPPN-", "Jakarta-", "II"}},
		{"Supercalifragilistik", 8, []string{"Supercal", "ifragili", "stik"}},
		{"ab", 0.5, []string{"a", "b"}}, // narrower than a letter: still ends
		{"  ", 5, nil},
	} {
		got := wrapWords(c.s, c.w, runes)
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("wrapWords(%q, %v) = %q, want %q", c.s, c.w, got, c.want)
		}
	}
	// With the real font, in the narrow cells of the report tables: every
	// line fits, and every word is whole unless it alone is too wide.
	pdf := newDoc("t", time.Time{})
	f := &flow{pdf: pdf}
	rng := rand.New(rand.NewPCG(1, 2))
	words := []string{"Konsultasi", "Rekonsiliasi", "Penerimaan", "SPM", "Gaji", "Pencairan", "Dana", "(SP2D)", "Tidak", "hadir",
		"Menunggu", "terlalu", "lama", "dan", "melebihi", "norma", "waktu", "Pembayaran/SPM", "Perlengkapan", "Kesekretariatan"}
	for i := range 400 {
		var ws []string
		for range 1 + rng.IntN(8) {
			ws = append(ws, words[rng.IntN(len(words))])
		}
		s := strings.Join(ws, " ")
		w := 8 + float64(i%30)
		f.font("", 7)
		lines := f.split(s, w)
		var tokens []string
		for _, l := range lines {
			if pdf.GetStringWidth(l) > w+1e-9 {
				t.Fatalf("%q at %vmm: line %q is %.2fmm", s, w, l, pdf.GetStringWidth(l))
			}
			tokens = append(tokens, strings.Fields(l)...)
		}
		// Walk the words: one that fits the cell must come out as one
		// token; one too wide may come out in pieces that join up to it.
		k := 0
		for _, x := range ws {
			if k < len(tokens) && tokens[k] == x {
				k++
				continue
			}
			if pdf.GetStringWidth(x) <= w {
				t.Fatalf("%q at %vmm: %q, which fits, was broken (lines %q)", s, w, x, lines)
			}
			if i := strings.LastIndexAny(x, "/-"); i > 0 && pdf.GetStringWidth(x[:i+1]) <= w && tokens[k] != x[:i+1] {
				t.Fatalf("%q at %vmm: %q not broken after its slash (lines %q)", s, w, x, lines)
			}
			joined := ""
			for k < len(tokens) && len(joined) < len(x) {
				joined += tokens[k]
				k++
			}
			if joined != x {
				t.Fatalf("%q at %vmm: %q came out as %q (lines %q)", s, w, x, joined, lines)
			}
		}
		if k != len(tokens) {
			t.Fatalf("%q at %vmm: extra text %q", s, w, tokens[k:])
		}
	}
}

func TestShortenWords(t *testing.T) {
	runes := func(s string) float64 { return float64(utf8.RuneCountInString(s)) }
	for _, c := range []struct {
		s    string
		w    float64
		want string
	}{
		{"Penerimaan SPM Gaji", 18, "Penerimaan SPM …"},
		{"Penerimaan SPM Gaji", 13, "Penerimaan …"},
		{"Kesekretariatan", 6, "Kesek…"},
		{"ab", 4, "ab …"},
	} {
		if got := shortenWords(c.s, c.w, runes); got != c.want {
			t.Errorf("shortenWords(%q, %v) = %q, want %q", c.s, c.w, got, c.want)
		}
	}
}

// overdueItems makes n overdue consultations, shuffled; KS-00001 has the
// oldest deadline.
func overdueItems(n int) []CSOItem {
	var out []CSOItem
	for i := range n {
		due := time.Date(2026, 10, 1, 17, 0, 0, 0, wib).AddDate(0, 0, i)
		out = append(out, CSOItem{Number: fmt.Sprintf("KS-%05d", i+1), Opened: due.AddDate(0, 0, -3), Due: due,
			Channel: "Telepon", Category: "SAKTI", Officer: "Dewi Lestari", Status: "Baru"})
	}
	rand.New(rand.NewPCG(4, 4)).Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// TestLongOverdueList: the PDFs give the count and the ten oldest; the
// workbook lists every item, oldest first, with real dates.
func TestLongOverdueList(t *testing.T) {
	fig := sampleFigures(t, DayPeriod(time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)))
	fig.CSO.Overdue = overdueItems(25)
	recent := sampleFigures(t, RangePeriod(time.Date(2026, 10, 29, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)))
	recent.CSO.Overdue = nil
	pb, err := PeriodReportPDF(fig, true)
	checkPDF(t, pb, err)
	bb, err := BriefingPDF(fig, recent, time.Date(2026, 11, 30, 7, 30, 0, 0, wib))
	checkPDF(t, bb, err)
	for name, b := range map[string][]byte{"report": pb, "briefing": bb} {
		text := pdfText(t, b)
		for i := 1; i <= 25; i++ {
			num := fmt.Sprintf("KS-%05d", i)
			if got := strings.Contains(text, num); got != (i <= 10) {
				t.Errorf("%s: %s printed = %v", name, num, got)
			}
		}
		assertContains(t, text, "Ditampilkan 10 konsultasi dengan tenggat paling lama dari 25")
		// The oldest first: KS-00001 before KS-00010.
		if strings.Index(text, "KS-00001") > strings.Index(text, "KS-00010") {
			t.Errorf("%s: not oldest first", name)
		}
	}
	assertContains(t, pdfText(t, bb), "25 konsultasi masih menunggu jawaban")
	assertContains(t, pdfText(t, pb), "Lewat tenggat tindak lanjut Median selesai (jam kerja) 41 35 25 ")
	for name, tables := range map[string][]Table{"report": ReportTables(fig, true), "briefing": BriefingTables(fig, recent)} {
		var o *Table
		for i := range tables {
			if tables[i].Name == "CSO lewat tenggat" {
				o = &tables[i]
			}
		}
		if o == nil || len(o.Rows) != 25 {
			t.Fatalf("%s: overdue sheet %+v", name, o)
		}
		for i, r := range o.Rows {
			if r[0] != fmt.Sprintf("KS-%05d", i+1) {
				t.Fatalf("%s: row %d is %v", name, i, r[0])
			}
			if _, ok := r[2].(dateCell); !ok {
				t.Fatalf("%s: deadline %T", name, r[2])
			}
		}
	}
}

// sheets unzips a workbook into its parts.
func sheets(t *testing.T, b []byte) map[string]string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range z.File {
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		out[f.Name] = string(data)
	}
	return out
}

var cellRE = regexp.MustCompile(`<c r="([A-Z]+)(\d+)"([^>]*)>(?:<v>([^<]*)</v>|<is><t[^>]*>([^<]*)</t></is>)</c>`)

// sheetCells reads a worksheet's cells as ref -> (style attributes, value).
func sheetCells(xml string) map[string][2]string {
	out := map[string][2]string{}
	for _, m := range cellRE.FindAllStringSubmatch(xml, -1) {
		out[m[1]+m[2]] = [2]string{m[3], m[4] + m[5]}
	}
	return out
}

// TestXLSXDatesAndBlanks: dates are date numbers with a date format; an
// hour without tickets has blank waiting cells and blank heat cells.
func TestXLSXDatesAndBlanks(t *testing.T) {
	day := Period{Kind: PeriodDay, From: "2026-11-23", To: "2026-11-23"}
	at := func(h, m int) time.Time { return time.Date(2026, 11, 23, h, m, 0, 0, wib) }
	rows := []TicketRow{
		{Code: "A001", Date: day.From, Issued: at(8, 5), ServiceID: "s1", CounterID: "c1", OfficerID: "o1", Status: StatusDone,
			Wait: 40 * time.Second, HasWait: true, Service: 50 * time.Minute, HasService: true, NormKnown: true, Norm: "20 menit"},
		{Code: "A002", Date: day.From, Issued: at(10, 0), ServiceID: "s1", Status: "waiting"}, // 10.00: issued, no wait yet
	}
	names := Names{Services: map[string]string{"s1": "Layanan A"}, Counters: map[string]string{"c1": "Loket 1"}, Officers: map[string]string{"o1": "Rina"}}
	fig := Aggregate(day, rows, nil, names)
	fig.Generated = time.Date(2026, 11, 23, 17, 45, 0, 0, wib)
	fig.CSO = &CSOFigures{Overdue: []CSOItem{{Number: "KS-1", Opened: time.Date(2026, 11, 17, 9, 30, 0, 0, wib), Due: time.Date(2026, 11, 20, 17, 0, 0, 0, wib)}}}
	tables := ReportTables(fig, false)
	b, err := XLSX(tables)
	if err != nil {
		t.Fatal(err)
	}
	parts := sheets(t, b)
	if s := parts["xl/styles.xml"]; !strings.Contains(s, `<numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>`) ||
		!strings.Contains(s, `<xf numFmtId="164"`) || !strings.Contains(s, `<xf numFmtId="165"`) {
		t.Fatalf("styles lack the date formats: %s", s)
	}
	sheet := func(name string) map[string][2]string {
		for i, tb := range tables {
			if tb.Name == name {
				return sheetCells(parts[fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1)])
			}
		}
		t.Fatalf("no sheet %s", name)
		return nil
	}
	// 23 November 2026 is day 46349 of the spreadsheet calendar.
	late := sheet("Terlambat")
	if c := late["B2"]; c[0] != ` s="2"` || c[1] != "46349" {
		t.Errorf("late date cell %q", c)
	}
	over := sheet("CSO lewat tenggat")
	if c := over["C2"]; c[0] != ` s="3"` || c[1] != strconv.FormatFloat(46346+17.0/24, 'f', -1, 64) {
		t.Errorf("deadline cell %q", c)
	}
	if c := over["D2"]; c[1] != "3" { // Friday 17.00 to Monday 17.00 (report made then)
		t.Errorf("days late %q", c)
	}
	sum := sheet("Ringkasan")
	found := false
	for _, c := range sum {
		if c[0] == ` s="3"` && c[1] == strconv.FormatFloat(46349+17.75/24, 'f', -1, 64) {
			found = true
		}
	}
	if !found {
		t.Errorf("Dibuat is not a date-time cell: %v", sum)
	}
	// Per hour: 08.00 had a 40-second wait; 09.00 nothing; 10.00 a ticket
	// still waiting. Only 08.00 has waiting cells.
	hours := sheet("Per jam")
	if hours["A2"][1] != "08.00" || hours["F2"][1] != "0.7" || hours["B3"][1] != "0" || hours["B4"][1] != "1" {
		t.Errorf("per hour %v", hours)
	}
	for _, ref := range []string{"F3", "G3", "F4", "G4"} {
		if c, ok := hours[ref]; ok {
			t.Errorf("empty hour has %s = %q", ref, c)
		}
	}
	heat := sheet("Jam tersibuk")
	if heat["B2"][1] != "1" {
		t.Errorf("heat 08.00 %v", heat)
	}
	if c, ok := heat["C2"]; ok {
		t.Errorf("heat 09.00 (no tickets) = %q, want blank", c)
	}
	// A month: the per-date sheet has date cells.
	month := Aggregate(MonthPeriod(time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)), rows, nil, names)
	mb, _ := XLSX(ReportTables(month, false))
	var perDate string
	for i, tb := range ReportTables(month, false) {
		if tb.Name == "Per tanggal" {
			perDate = sheets(t, mb)[fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1)]
		}
	}
	if c := sheetCells(perDate)["A2"]; c[0] != ` s="2"` || c[1] != "46327" { // 1 November 2026
		t.Errorf("per date first cell %q", c)
	}
}

// TestCSVFiles: one file per table in the dialect Excel on Indonesian
// Windows opens: BOM, ";" separators, decimal comma, dd/mm/yyyy dates.
func TestCSVFiles(t *testing.T) {
	fig := sampleFigures(t, DayPeriod(time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)))
	fig.Comments = []string{"=HYPERLINK(\"http://x\")"}
	fig.Late[0].Wait = 12*time.Minute + 30*time.Second
	tables := ReportTables(fig, false)
	files, err := CSVFiles("laporan-harian-2026-11-23", tables)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(tables) {
		t.Fatalf("%d files for %d tables", len(files), len(tables))
	}
	seen := map[string]bool{}
	byName := map[string][][]string{}
	for i, f := range files {
		if !strings.HasPrefix(f.Name, "laporan-harian-2026-11-23-") || !strings.HasSuffix(f.Name, ".csv") || seen[f.Name] {
			t.Errorf("file name %q", f.Name)
		}
		seen[f.Name] = true
		if !bytes.HasPrefix(f.Data, []byte("\ufeff")) {
			t.Errorf("%s: no BOM", f.Name)
		}
		r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(f.Data, []byte("\ufeff"))))
		r.Comma = ';'
		recs, err := r.ReadAll() // also checks every record has the header's field count
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if strings.Join(recs[0], "|") != strings.Join(tables[i].Header, "|") || len(recs) != len(tables[i].Rows)+1 {
			t.Errorf("%s: header %v, %d records", f.Name, recs[0], len(recs))
		}
		byName[strings.TrimSuffix(strings.TrimPrefix(f.Name, "laporan-harian-2026-11-23-"), ".csv")] = recs
	}
	for _, want := range []string{"ringkasan", "per-layanan", "per-loket", "per-petugas", "per-jam", "jam-tersibuk", "terlambat", "ikm",
		"ikm-per-layanan", "konsultasi-cso", "cso-lewat-tenggat"} {
		if _, ok := byName[want]; !ok {
			t.Errorf("no file for %s (have %v)", want, seen)
		}
	}
	if _, ok := byName["ikm-per-petugas-rahasia"]; ok {
		t.Error("per-officer IKM exported without permission")
	}
	late := byName["terlambat"]
	if late[1][1] != "23/11/2026" {
		t.Errorf("late date %q", late[1][1])
	}
	if !strings.Contains(strings.Join(late[1], ";"), ";12,5;") {
		t.Errorf("late wait without a decimal comma: %v", late[1])
	}
	over := byName["cso-lewat-tenggat"]
	if over[1][1] != "20/11/2026 09:12" || over[1][2] != "25/11/2026 17:00" {
		t.Errorf("overdue dates %v", over[1])
	}
	// Formula-looking text is kept as text.
	guard := Table{Name: "x", Header: []string{"a"}, Rows: [][]any{{"=1+1"}, {"-"}, {"+62 812"}, {3.25}}}
	gf, _ := CSVFiles("b", []Table{guard})
	if got := string(gf[0].Data); !strings.Contains(got, "'=1+1") || !strings.Contains(got, "\r\n-\r\n") ||
		!strings.Contains(got, "'+62 812") || !strings.Contains(got, "3,25") {
		t.Errorf("guarded csv %q", got)
	}
	// The morning briefing's tables, too.
	bt := BriefingTables(fig, fig)
	bf, err := CSVFiles("pengarahan-pagi-2026-11-24", bt)
	if err != nil || len(bf) != len(bt) || len(bt) != 5 {
		t.Fatalf("briefing csv: %v, %d files, %d tables", err, len(bf), len(bt))
	}
}

// TestTrustSamples renders the reports of generated data (never-called
// tickets, a quiet day with sub-minute waits, 25 overdue consultations) as
// PDF, XLSX and CSV and checks each is a whole document of its kind. With
// $LOKET_REPORT_SAMPLES set it also leaves them there for a person to look
// at.
func TestTrustSamples(t *testing.T) {
	dir := os.Getenv("LOKET_REPORT_SAMPLES")
	if dir == "" {
		dir = t.TempDir()
	}
	cso := func() *CSOFigures {
		return &CSOFigures{Total: 41, Resolved: 35, ResolutionMedian: 95 * time.Minute, ResolutionP90: 9 * time.Hour,
			ByChannel:  []KV{{"Tatap muka", 22}, {"HAI CSO", 12}, {"Telepon", 5}, {"WhatsApp", 2}},
			ByCategory: []KV{{"Pembayaran/SPM", 18}, {"Rekonsiliasi", 11}, {"Kesekretariatan", 8}, {"Lainnya", 4}},
			ByStatus:   []KV{{"Resolved", 30}, {"Ditutup", 5}, {"Eskalasi", 3}, {"Baru", 3}}, Overdue: overdueItems(25)}
	}
	day := generatedFigures(3, DayPeriod(time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)), 7)
	day.CSO = cso()
	month := generatedFigures(3, MonthPeriod(time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)), 60)
	month.CSO = cso()
	recent := generatedFigures(4, RangePeriod(time.Date(2026, 10, 29, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)), 30)
	for name, f := range map[string]func() ([]byte, error){
		"harian-gen.pdf":   func() ([]byte, error) { return PeriodReportPDF(day, true) },
		"bulanan-gen.pdf":  func() ([]byte, error) { return PeriodReportPDF(month, true) },
		"briefing-gen.pdf": func() ([]byte, error) { return BriefingPDF(day, recent, time.Date(2026, 11, 30, 7, 30, 0, 0, wib)) },
		"bulanan-gen.xlsx": func() ([]byte, error) { return XLSX(ReportTables(month, true)) },
	} {
		b, err := f()
		if strings.HasSuffix(name, ".pdf") {
			checkPDF(t, b, err)
		} else {
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if _, err := zip.NewReader(bytes.NewReader(b), int64(len(b))); err != nil {
				t.Fatalf("%s is not a zip package: %v", name, err)
			}
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files, err := CSVFiles("bulanan-gen", ReportTables(month, true))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no CSV files")
	}
	for _, f := range files {
		r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(f.Data, []byte("\ufeff"))))
		r.Comma = ';'
		if rows, err := r.ReadAll(); err != nil || len(rows) == 0 {
			t.Errorf("%s: %d rows, %v", f.Name, len(rows), err)
		}
		if err := os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestWaitChartUnit: waits all under two minutes are charted in seconds,
// longer ones in minutes.
func TestWaitChartUnit(t *testing.T) {
	day := Period{Kind: PeriodDay, From: "2026-11-23", To: "2026-11-23"}
	rows := []TicketRow{{Code: "A001", Date: day.From, Issued: time.Date(2026, 11, 23, 8, 5, 0, 0, wib), ServiceID: "s1", CounterID: "c1",
		OfficerID: "o1", Status: StatusDone, Wait: 40 * time.Second, HasWait: true, Service: 50 * time.Second, HasService: true}}
	names := Names{Services: map[string]string{"s1": "Layanan A"}, Counters: map[string]string{"c1": "Loket 1"}, Officers: map[string]string{"o1": "Rina"}}
	b, err := PeriodReportPDF(Aggregate(day, rows, nil, names), false)
	checkPDF(t, b, err)
	assertContains(t, pdfText(t, b), "Waktu tunggu per jam tiket detik", "40 dtk")
	b, err = PeriodReportPDF(sampleFigures(t, day), false)
	checkPDF(t, b, err)
	assertContains(t, pdfText(t, b), "Waktu tunggu per jam tiket menit")
}
