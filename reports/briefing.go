package reports

import (
	"fmt"
	"sort"
	"strconv"
	"time"
)

// BriefingPDF renders the morning-briefing sheet the head of office reads
// at 07.30 on every working day (pengarahan pagi): yesterday's figures (the
// previous working day), each officer's day, late services, consultations
// past their follow-up deadline and the lowest satisfaction elements of the
// recent period, with space for the evaluation, appreciation and
// motivation notes.
func BriefingPDF(day, recent Figures, meeting time.Time) ([]byte, error) {
	sub := "Kinerja " + day.Period.Label()
	if !meeting.IsZero() {
		sub += " · pengarahan " + FormatDateID(meeting) + fmt.Sprintf(" pukul %02d.%02d", meeting.Hour(), meeting.Minute())
	}
	r := newReport("Lembar Pengarahan Pagi", sub, day)
	t := day.Total
	share, ok := t.NormShare()
	ikm := "-"
	if day.IKM.Respondents > 0 {
		ikm = FormatDecimal(day.IKM.Value, 2) + " (" + day.IKM.Grade + ")"
	}
	r.heading("Angka kemarin", 36)
	r.tiles([][2]string{
		{"Tiket diambil", FormatCount(t.Issued)},
		{"Dilayani", FormatCount(t.Served)},
		{"Tidak hadir / batal", FormatCount(t.NoShow) + " / " + FormatCount(t.Cancelled)},
		{"Sesuai norma waktu", FormatPercent(share, ok)},
		{"Median / p90 tunggu", FormatMinutes(t.Wait.Median, t.Wait.N > 0) + " / " + FormatMinutes(t.Wait.P90, t.Wait.N > 0)},
		{"Median layanan", FormatMinutes(t.Service.Median, t.Service.N > 0)},
		{"Jam tersibuk", busiestHour(day.Series)},
		{"IKM kemarin", ikm},
	}, 4)

	r.heading("Petugas kemarin", 20)
	officers := briefingOfficers(day)
	if len(officers.Rows) == 0 {
		r.note("Tidak ada tiket yang dilayani.")
	} else {
		rows := make([][]string, len(officers.Rows))
		for i, row := range officers.Rows {
			rows[i] = make([]string, len(row))
			for j, c := range row {
				switch v := c.(type) {
				case int:
					rows[i][j] = FormatCount(v)
				case time.Duration:
					rows[i][j] = FormatMinutes(v, true)
				case string:
					rows[i][j] = v
					if v == "" {
						rows[i][j] = "-"
					}
				}
			}
		}
		r.table([]tcol{{62, "L"}, {22, "R"}, {22, "R"}, {26, "R"}, {26, "R"}, {24, "R"}},
			[]string{"Petugas", "Dilayani", "Tidak hadir", "Median layanan", "Layanan terlama", "Terlambat"}, rows, 8,
			func(i int) bool { return i == len(rows)-1 })
	}

	r.heading("Layanan terlambat kemarin", 20)
	r.lateTable(day.Late, OverdueShown)

	// The consultations late at the end of the day reviewed (whenever they
	// were opened): the count, and the oldest deadlines by name.
	r.heading("Tindak lanjut konsultasi melewati tenggat", 16)
	switch {
	case day.CSO == nil:
		r.note("Data konsultasi CSO tidak tersedia.")
	case len(day.CSO.Overdue) == 0:
		r.note("Tidak ada konsultasi yang melewati tenggat tindak lanjut.")
	default:
		r.f.text(fmt.Sprintf("%s konsultasi masih menunggu jawaban setelah tenggat tindak lanjutnya (akhir %s).",
			FormatCount(len(day.CSO.Overdue)), day.Period.Label()), "B", 8.5, "L")
		r.f.gap(1)
		r.overdueList(day.CSO.Overdue, figuresEnd(day))
	}

	r.heading("Unsur IKM terendah ("+recent.Period.Label()+")", 16)
	if recent.IKM.Respondents == 0 {
		r.note("Belum ada responden survei kepuasan pada periode ini.")
	} else {
		var rows [][]string
		for _, i := range lowestElements(recent.IKM, 3) {
			rows = append(rows, []string{fmt.Sprintf("U%d", i+1), IKMElements[i].Name, FormatDecimal(recent.IKM.NRR[i], 2),
				IKMGrade(recent.IKM.NRR[i] * 25), strconv.Itoa(recent.IKM.Count[i])})
		}
		r.table([]tcol{{14, "C"}, {100, "L"}, {24, "R"}, {20, "C"}, {24, "R"}},
			[]string{"Unsur", "Uraian", "NRR", "Mutu", "Jawaban"}, rows, 8, nil)
		r.note(fmt.Sprintf("IKM periode ini %s (mutu %s, %s) dari %d responden.", FormatDecimal(recent.IKM.Value, 2),
			recent.IKM.Grade, IKMPerformance(recent.IKM.Grade), recent.IKM.Respondents))
	}

	r.heading("Materi pengarahan", 60)
	// The writing lines share the rest of the page (three to eight each),
	// so a section that starts a page does not leave it mostly blank.
	const pitch = 5.5
	per := (r.f.bottom - r.f.y - 8) / 3
	n := min(8, max(3, int((per-lineH(8.5)-3)/pitch)))
	for _, h := range []string{"Evaluasi", "Apresiasi", "Motivasi"} {
		r.f.ensure(20)
		r.f.text(h, "B", 8.5, "L")
		r.f.gap(1)
		draw(r.pdf, [3]int{180, 180, 180})
		for range n {
			r.f.gap(pitch)
			r.f.rule(0.15)
		}
		resetColours(r.pdf)
		r.f.gap(2)
	}
	return finish(r.pdf, "briefing")
}

// busiestHour names the hour with most tickets issued: "09.00-10.00 (34)".
func busiestHour(ps []Point) string {
	best := -1
	for i, p := range ps {
		if len(p.Label) == 2 && (best < 0 || p.Issued > ps[best].Issued) {
			best = i
		}
	}
	if best < 0 || ps[best].Issued == 0 {
		return "-"
	}
	h, _ := strconv.Atoi(ps[best].Label)
	return fmt.Sprintf("%02d.00-%02d.00 (%d)", h, h+1, ps[best].Issued)
}

// SortedKV turns counts into labelled rows, largest first (for filling
// CSOFigures); label maps a code to its words (nil keeps the code).
func SortedKV(m map[string]int, label func(string) string) []KV {
	out := make([]KV, 0, len(m))
	for k, n := range m {
		l := k
		if label != nil {
			l = label(k)
		}
		out = append(out, KV{l, n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].N != out[j].N {
			return out[i].N > out[j].N
		}
		return out[i].Label < out[j].Label
	})
	return out
}

// briefingOfficers is the "Petugas kemarin" table: each officer who served
// or missed a visitor, and a Jumlah row added up from those rows (the
// median and longest service of the Jumlah row are the day's). Cells are
// ints, durations, or "" for no figure.
func briefingOfficers(day Figures) Table {
	late := map[string]int{}
	for _, it := range day.Late {
		late[it.OfficerID]++
	}
	t := Table{Name: "Petugas kemarin", Header: []string{"Petugas", "Dilayani", "Tidak hadir", "Median layanan", "Layanan terlama", "Terlambat"}}
	dur := func(d time.Duration, ok bool) any {
		if !ok {
			return ""
		}
		return d
	}
	var served, noShow, nLate int
	for _, g := range day.ByOfficer {
		st := g.Stats
		if st.Served+st.NoShow+late[g.ID] == 0 {
			continue // never called, or only cancelled: nothing of the officer's day to review
		}
		t.Rows = append(t.Rows, []any{g.Name, st.Served, st.NoShow, dur(st.Service.Median, st.Service.N > 0),
			dur(st.Service.Max, st.Service.N > 0), late[g.ID]})
		served, noShow, nLate = served+st.Served, noShow+st.NoShow, nLate+late[g.ID]
	}
	if len(t.Rows) > 0 {
		s := day.Total.Service
		t.Rows = append(t.Rows, []any{"Jumlah", served, noShow, dur(s.Median, s.N > 0), dur(s.Max, s.N > 0), nLate})
	}
	return t
}

// BriefingTables lays the morning briefing out as tables for XLSX and
// CSV: the day's figures, each officer's day, every late service, every
// consultation past its follow-up deadline (the PDF lists the ten oldest)
// and the satisfaction elements of the recent period, lowest first.
func BriefingTables(day, recent Figures) []Table {
	t := day.Total
	share, ok := t.NormShare()
	var norm any = ""
	if ok {
		norm = roundTo(share*100, 1)
	}
	sum := Table{Name: "Angka kemarin", Header: []string{"Uraian", "Nilai"}, Rows: [][]any{
		{"Kantor", day.Office.Name}, {"Hari yang ditinjau", dayCell(day.Period.From)},
	}}
	if !day.Generated.IsZero() {
		sum.Rows = append(sum.Rows, []any{"Dibuat", timeCell(day.Generated)})
	}
	sum.Rows = append(sum.Rows, []any{"Tiket diambil", t.Issued}, []any{"Dilayani", t.Served}, []any{"Tidak hadir", t.NoShow},
		[]any{"Batal", t.Cancelled}, []any{"Sesuai norma waktu (%)", norm},
		[]any{"Tunggu median (menit)", minutes(t.Wait, t.Wait.Median)}, []any{"Tunggu p90 (menit)", minutes(t.Wait, t.Wait.P90)},
		[]any{"Layan median (menit)", minutes(t.Service, t.Service.Median)}, []any{"Jam tersibuk", busiestHour(day.Series)})
	if day.CSO != nil {
		sum.Rows = append(sum.Rows, []any{"Konsultasi lewat tenggat", len(day.CSO.Overdue)})
	}
	officers := briefingOfficers(day)
	officers.Header = []string{"Petugas", "Dilayani", "Tidak hadir", "Median layanan (menit)", "Layanan terlama (menit)", "Terlambat"}
	for _, row := range officers.Rows {
		for j, c := range row {
			if d, ok := c.(time.Duration); ok {
				row[j] = roundTo(d.Minutes(), 1)
			}
		}
	}
	late := Table{Name: "Terlambat", Header: []string{"Nomor", "Tanggal", "Layanan", "Loket", "Petugas", "Tunggu (menit)",
		"Layan (menit)", "Norma", "Keterangan"}}
	for _, it := range day.Late {
		late.Rows = append(late.Rows, []any{it.Code, dayCell(it.Date), it.Service, it.Counter, it.Officer, roundTo(it.Wait.Minutes(), 1),
			roundTo(it.Served.Minutes(), 1), it.Norm, it.Reason})
	}
	tables := []Table{sum, officers, late}
	if day.CSO != nil {
		tables = append(tables, overdueTable(day.CSO.Overdue, figuresEnd(day)))
	}
	ikm := Table{Name: "IKM terendah", Header: []string{"Unsur", "Uraian", "NRR", "Mutu", "Jawaban"}}
	for _, i := range lowestElements(recent.IKM, 9) {
		ikm.Rows = append(ikm.Rows, []any{fmt.Sprintf("U%d", i+1), IKMElements[i].Name, roundTo(recent.IKM.NRR[i], 3),
			IKMGrade(recent.IKM.NRR[i] * 25), recent.IKM.Count[i]})
	}
	return append(tables, ikm)
}
