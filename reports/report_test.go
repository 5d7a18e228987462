package reports

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"
)

// sampleFigures aggregates a generated month of a small office: three
// services, three counters and officers, a few no-shows and late services,
// and questionnaires.
func sampleFigures(t testing.TB, p Period) Figures {
	t.Helper()
	rows, surveys, names := sampleRows(p, 60)
	fig := Aggregate(p, rows, surveys, names)
	fig.Office = OfficeInfo{Code: "KPPN019", Name: "KPPN Pekanbaru", Address: "Jl. Sudirman No. 249, Pekanbaru 28116",
		Hierarchy: []string{"Kementerian Keuangan Republik Indonesia", "Direktorat Jenderal Perbendaharaan"}, ZoneLabel: "WIB"}
	fig.Generated = time.Date(2026, 12, 1, 7, 30, 0, 0, wib)
	fig.CSO = &CSOFigures{Total: 41, Resolved: 35, ResolutionMedian: 95 * time.Minute, ResolutionP90: 9 * time.Hour,
		ByChannel:  []KV{{"Tatap muka", 22}, {"HAI CSO", 12}, {"Telepon", 5}, {"WhatsApp", 2}},
		ByCategory: []KV{{"Pencairan dana", 18}, {"Rekonsiliasi", 11}, {"Gaji", 8}, {"Lainnya", 4}},
		ByStatus:   []KV{{"Resolved", 30}, {"Ditutup", 5}, {"Eskalasi", 3}, {"Baru", 3}},
		Overdue: []CSOItem{{Number: "KS-2026-00412", Opened: time.Date(2026, 11, 20, 9, 12, 0, 0, wib), Due: time.Date(2026, 11, 25, 17, 0, 0, 0, wib),
			Channel: "Telepon", Category: "Rekonsiliasi", Officer: "Dewi Lestari", Status: "Eskalasi"}},
	}
	return fig
}

func sampleRows(p Period, perDay int) ([]TicketRow, []SurveyRow, Names) {
	rng := rand.New(rand.NewPCG(7, 9))
	names := Names{
		Services: map[string]string{"s1": "Pencairan Dana (SP2D)", "s2": "Konsultasi Rekonsiliasi", "s3": "Penerimaan SPM Gaji"},
		Counters: map[string]string{"c1": "Loket 1", "c2": "Loket 2", "c3": "Loket 10"},
		Officers: map[string]string{"o1": "Rina Marlina", "o2": "Budi Santoso", "o3": "Siti Rahmawati"},
	}
	var rows []TicketRow
	var surveys []SurveyRow
	a, b, _ := p.Dates()
	n := 0
	for d := a; !d.After(b); d = d.AddDate(0, 0, 1) {
		if d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
			continue
		}
		for i := 0; i < perDay; i++ {
			n++
			k := rng.IntN(3) + 1
			hour := 8 + rng.IntN(8)
			if rng.IntN(3) == 0 {
				hour = 9 + rng.IntN(2) // the morning rush
			}
			r := TicketRow{Code: fmt.Sprintf("%c%03d", 'A'+k-1, i+1), Date: d.Format("2006-01-02"),
				Issued:    time.Date(d.Year(), d.Month(), d.Day(), hour, rng.IntN(60), 0, 0, wib),
				ServiceID: fmt.Sprintf("s%d", k), CounterID: fmt.Sprintf("c%d", k), OfficerID: fmt.Sprintf("o%d", k),
				Status: StatusDone, Priority: rng.IntN(8) == 0, Norm: "20 menit"}
			switch x := rng.IntN(40); {
			case x == 0:
				r.Status = StatusCancelled
			case x < 3:
				r.Status = StatusNoShow
			}
			r.Wait, r.HasWait = time.Duration(2+rng.IntN(40))*time.Minute, r.Status != StatusCancelled
			if r.Status == StatusDone {
				r.Service, r.HasService = time.Duration(3+rng.IntN(22))*time.Minute, true
				r.NormKnown, r.NormMet = k != 3, r.Service <= 20*time.Minute
			}
			r.WaitedTooLong = r.Wait > 40*time.Minute
			rows = append(rows, r)
			if r.Status == StatusDone && rng.IntN(4) == 0 {
				var sc [9]int
				for e := range sc {
					sc[e] = 2 + rng.IntN(3)
					if e == 2 && k == 2 {
						sc[e] = 1 + rng.IntN(3)
					}
				}
				if rng.IntN(5) == 0 {
					sc[3] = 0
				}
				c := ""
				if rng.IntN(10) == 0 {
					c = "Mohon ruang tunggu ditambah kursi; antrean pagi panjang."
				}
				surveys = append(surveys, SurveyRow{ServiceID: r.ServiceID, CounterID: r.CounterID, OfficerID: r.OfficerID, Scores: sc, Comment: c, At: r.Issued})
			}
		}
	}
	return rows, surveys, names
}

func TestAggregate(t *testing.T) {
	p := Period{Kind: PeriodDay, From: "2026-11-23", To: "2026-11-23"}
	at := func(h, m int) time.Time { return time.Date(2026, 11, 23, h, m, 0, 0, wib) }
	rows := []TicketRow{
		{Code: "A001", Date: p.From, Issued: at(8, 5), ServiceID: "s1", CounterID: "c1", OfficerID: "o1", Status: StatusDone,
			Wait: 10 * time.Minute, HasWait: true, Service: 5 * time.Minute, HasService: true, NormKnown: true, NormMet: true},
		{Code: "A002", Date: p.From, Issued: at(8, 10), ServiceID: "s1", CounterID: "c1", OfficerID: "o1", Status: StatusDone,
			Wait: 20 * time.Minute, HasWait: true, Service: 30 * time.Minute, HasService: true, NormKnown: true, Norm: "20 menit"},
		{Code: "A003", Date: p.From, Issued: at(9, 0), ServiceID: "s1", CounterID: "c2", OfficerID: "o2", Status: StatusNoShow,
			Wait: 40 * time.Minute, HasWait: true, WaitedTooLong: true},
		{Code: "B001", Date: p.From, Issued: at(9, 30), ServiceID: "s2", Status: StatusCancelled},
		{Code: "B002", Date: p.From, Issued: at(11, 0), ServiceID: "s2", Status: "waiting"},
	}
	surveys := []SurveyRow{
		{ServiceID: "s1", CounterID: "c1", OfficerID: "o1", Scores: [9]int{4, 4, 4, 4, 4, 4, 4, 4, 4}, Comment: "Cepat"},
		{ServiceID: "s1", CounterID: "c1", OfficerID: "o1", Scores: [9]int{3, 3, 3, 3, 3, 3, 3, 3, 3}},
	}
	names := Names{Services: map[string]string{"s1": "Layanan A", "s2": "Layanan B"}, Counters: map[string]string{"c1": "Loket 1", "c2": "Loket 2"},
		Officers: map[string]string{"o1": "Rina", "o2": "Budi"}}
	f := Aggregate(p, rows, surveys, names)
	tt := f.Total
	if tt.Issued != 5 || tt.Served != 2 || tt.NoShow != 1 || tt.Cancelled != 1 || tt.Open != 1 {
		t.Errorf("counts %+v", tt)
	}
	// Waits 10, 20, 40: median 20, p90 by nearest rank = the 3rd = 40.
	if tt.Wait.N != 3 || tt.Wait.Median != 20*time.Minute || tt.Wait.P90 != 40*time.Minute || tt.Wait.Max != 40*time.Minute {
		t.Errorf("wait %+v", tt.Wait)
	}
	// Service 5 and 30: median is the mean of the two, 17.5 minutes.
	if tt.Service.Median != 17*time.Minute+30*time.Second || tt.Service.Max != 30*time.Minute {
		t.Errorf("service %+v", tt.Service)
	}
	if s, ok := tt.NormShare(); !ok || s != 0.5 {
		t.Errorf("norm share %v %v", s, ok)
	}
	if len(f.ByService) != 2 || f.ByService[0].Name != "Layanan A" || f.ByService[0].Stats.Issued != 3 || f.ByService[1].Stats.Cancelled != 1 {
		t.Errorf("by service %+v", f.ByService)
	}
	// The two tickets never called make the last row of the counter and
	// officer tables, so that each table adds up to the total.
	if len(f.ByCounter) != 3 || f.ByCounter[0].Stats.Served != 2 || f.ByOfficer[1].Name != "Rina" || f.ByOfficer[1].IKM.Respondents != 2 ||
		f.ByCounter[2].ID != Unassigned || f.ByCounter[2].Name != UnassignedName || f.ByCounter[2].Stats.Issued != 2 ||
		f.ByCounter[2].Stats.Cancelled != 1 || f.ByCounter[2].Stats.Open != 1 || f.ByOfficer[2].Stats.Issued != 2 {
		t.Errorf("by counter/officer %+v %+v", f.ByCounter, f.ByOfficer)
	}
	// One day: the series is per office hour 08..16, the heat rows are services.
	if len(f.Series) != 9 || f.Series[0].Label != "08" || f.Series[0].Issued != 2 || f.Series[0].MedianWait != 15*time.Minute {
		t.Errorf("series %+v", f.Series)
	}
	if len(f.Heat.Rows) != 2 || f.Heat.Rows[0] != "Layanan A" || f.Heat.Cells[0][0] != 2 || f.Heat.Max != 2 {
		t.Errorf("heat %+v", f.Heat)
	}
	if len(f.Late) != 2 || f.Late[0].Code != "A002" || f.Late[1].Reason != "Menunggu terlalu lama" {
		t.Errorf("late %+v", f.Late)
	}
	// IKM: NRR 3.5 everywhere, 31.5 x 0.111 x 25 = 87.4125 -> 87.41, B.
	if f.IKM.Value != 87.41 || f.IKM.Grade != "B" || len(f.Comments) != 1 {
		t.Errorf("ikm %+v comments %v", f.IKM, f.Comments)
	}
	// A month: one point per date, weekdays as heat rows.
	m := Aggregate(Period{Kind: PeriodMonth, From: "2026-11-01", To: "2026-11-30"}, rows, nil, names)
	if len(m.Series) != 30 || m.Series[22].Issued != 5 || m.Heat.Rows[0] != "Senin" {
		t.Errorf("month series %d, heat %v", len(m.Series), m.Heat.Rows)
	}
}

func TestPeriodLabels(t *testing.T) {
	d := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		p    Period
		want string
	}{
		{DayPeriod(d), "Senin, 23 November 2026"},
		{MonthPeriod(d), "November 2026"},
		{RangePeriod(d, d.AddDate(0, 0, 9)), "23 November 2026 s.d. 2 Desember 2026"},
	} {
		if got := c.p.Label(); got != c.want {
			t.Errorf("%+v: %q, want %q", c.p, got, c.want)
		}
	}
	if m := MonthPeriod(time.Date(2026, 2, 14, 0, 0, 0, 0, time.UTC)); m.From != "2026-02-01" || m.To != "2026-02-28" {
		t.Errorf("february %+v", m)
	}
	for _, bad := range []Period{{From: "2026-13-01", To: "2026-12-01"}, {From: "2026-12-02", To: "2026-12-01"}, {From: "2025-01-01", To: "2026-12-01"}} {
		if _, _, err := bad.Dates(); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
}

func TestPeriodReportPDF(t *testing.T) {
	fig := sampleFigures(t, MonthPeriod(time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)))
	b, err := PeriodReportPDF(fig, true)
	checkPDF(t, b, err)
	if n := pageCount(b); n < 3 {
		t.Errorf("pages = %d", n)
	}
	text := pdfText(t, b)
	assertContains(t, text, "KEMENTERIAN KEUANGAN REPUBLIK INDONESIA", "KPPN PEKANBARU", "LAPORAN BULANAN KINERJA PELAYANAN",
		"Periode November 2026", "Kinerja per layanan", "Pencairan Dana (SP2D)", "Jam tersibuk", "Konsultasi CSO",
		"KS-2026-00412", "Indeks Kepuasan Masyarakat", "Mutu pelayanan", "RAHASIA", "Halaman 1 dari")
	if strings.Contains(text, "{nb}") {
		t.Error("page total alias not replaced")
	}
	if strings.Contains(text, "Peringatan kalender") {
		t.Error("calendar warning printed without one")
	}
	fig.CalendarWarning = "Kalender hari libur tahun 2027 belum dimuat; hanya Sabtu dan Minggu yang dihitung sebagai hari libur, sehingga tenggat bisa terlalu awal."
	b, err = PeriodReportPDF(fig, true)
	checkPDF(t, b, err)
	assertContains(t, pdfText(t, b), "Peringatan kalender", "tahun 2027 belum dimuat")
	files, err := CSVFiles("x", ReportTables(fig, true))
	if err != nil || files[0].Name != "x-ringkasan.csv" || !strings.Contains(string(files[0].Data), "Peringatan kalender") {
		t.Errorf("CSV without the calendar warning: %v", err)
	}
	fig.CalendarWarning = ""
	fig.CSO = nil
	b, err = PeriodReportPDF(fig, false)
	checkPDF(t, b, err)
	text = pdfText(t, b)
	if strings.Contains(text, "RAHASIA") || strings.Contains(text, "Konsultasi CSO") {
		t.Error("per-officer IKM or CSO section printed when left out")
	}
	if dir := os.Getenv("LOKET_REPORT_SAMPLES"); dir != "" {
		day := sampleFigures(t, DayPeriod(time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)))
		db, _ := PeriodReportPDF(day, true)
		mb, _ := PeriodReportPDF(sampleFigures(t, MonthPeriod(time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))), true)
		os.WriteFile(dir+"/bulanan.pdf", mb, 0o644)
		os.WriteFile(dir+"/harian.pdf", db, 0o644)
	}
}
