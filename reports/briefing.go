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
		{"Tiket diambil", strconv.Itoa(t.Issued)},
		{"Dilayani", strconv.Itoa(t.Served)},
		{"Tidak hadir / batal", fmt.Sprintf("%d / %d", t.NoShow, t.Cancelled)},
		{"Sesuai norma waktu", FormatPercent(share, ok)},
		{"Median / p90 tunggu", FormatMinutes(t.Wait.Median, t.Wait.N > 0) + " / " + FormatMinutes(t.Wait.P90, t.Wait.N > 0)},
		{"Median layanan", FormatMinutes(t.Service.Median, t.Service.N > 0)},
		{"Jam tersibuk", busiestHour(day.Series)},
		{"IKM kemarin", ikm},
	}, 4)

	r.heading("Petugas kemarin", 20)
	late := map[string]int{}
	for _, it := range day.Late {
		late[it.Officer]++
	}
	var rows [][]string
	for _, g := range day.ByOfficer {
		rows = append(rows, []string{g.Name, strconv.Itoa(g.Stats.Served), strconv.Itoa(g.Stats.NoShow),
			FormatMinutes(g.Stats.Service.Median, g.Stats.Service.N > 0), FormatMinutes(g.Stats.Service.Max, g.Stats.Service.N > 0),
			strconv.Itoa(late[g.Name])})
	}
	if len(rows) == 0 {
		r.note("Tidak ada tiket yang dilayani.")
	} else {
		r.table([]tcol{{62, "L"}, {22, "R"}, {22, "R"}, {26, "R"}, {26, "R"}, {24, "R"}},
			[]string{"Petugas", "Dilayani", "Tidak hadir", "Median layanan", "Layanan terlama", "Terlambat"}, rows, 8, nil)
	}

	r.heading("Layanan terlambat kemarin", 20)
	r.lateTable(day.Late, 25)

	r.heading("Berkas melewati janji penyelesaian", 16) // reports/files.go
	r.overdueFilesBrief(recent.Files)

	r.heading("Tindak lanjut konsultasi melewati tenggat", 16)
	switch {
	case recent.CSO == nil:
		r.note("Data konsultasi CSO tidak tersedia.")
	case len(recent.CSO.Overdue) == 0:
		r.note("Tidak ada konsultasi yang melewati tenggat tindak lanjut.")
	default:
		var rows [][]string
		for _, o := range recent.CSO.Overdue {
			rows = append(rows, []string{o.Number, shortDateTime(o.Due), o.Category, o.Officer, o.Status})
		}
		r.table([]tcol{{32, "L"}, {30, "L"}, {50, "L"}, {40, "L"}, {30, "L"}},
			[]string{"Nomor", "Tenggat", "Kategori", "Petugas CSO", "Status"}, rows, 8, nil)
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
	for _, h := range []string{"Evaluasi", "Apresiasi", "Motivasi"} {
		r.f.ensure(20)
		r.f.text(h, "B", 8.5, "L")
		r.f.gap(1)
		draw(r.pdf, [3]int{180, 180, 180})
		for range 3 {
			r.f.gap(5.5)
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
