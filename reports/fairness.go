package reports

import (
	"fmt"
	"time"

	"loket/queue"
)

// FairnessPDF renders the Kepala Seksi's daily fairness sheet (lembar
// keadilan antrean): calls out of the queue's order with their reasons,
// pauses, and the counters that stood idle while visitors waited. off
// heads the page; loc is the office's zone for the clock times.
func FairnessPDF(day queue.FairnessDay, off OfficeInfo, generated time.Time, loc *time.Location) ([]byte, error) {
	if loc == nil {
		loc = time.UTC
	}
	date := day.Date
	if d, err := time.Parse("2006-01-02", day.Date); err == nil {
		date = FormatDateID(d)
	}
	r := newReport("Lembar Keadilan Antrean", date, Figures{Office: off, Generated: generated})
	officer := func(id string) string {
		if n := day.OfficerNames[id]; n != "" {
			return n
		}
		if id == "" {
			return "-"
		}
		return id
	}
	counter := func(id string) string {
		if n := day.CounterNames[id]; n != "" {
			return n
		}
		return id
	}
	clock := func(t time.Time) string { return t.In(loc).Format("15:04") }
	var paused time.Duration
	for _, p := range day.Pauses {
		paused += p.Duration()
	}
	longest := "-"
	if len(day.Idle) > 0 {
		longest = FormatMinutes(day.Idle[0].Duration(), true)
	}
	r.note(fmt.Sprintf("Dihitung dari log kejadian sampai pukul %s %s. Bahan pengawasan pimpinan (Zona Integritas): "+
		"angka di sini bukan vonis; setiap panggilan di luar urutan dan jeda tercatat dengan alasan yang dipilih petugas.",
		clock(day.Until), off.ZoneLabel))
	r.heading("Ringkasan", 20)
	r.tiles([][2]string{
		{"Panggilan di luar urutan", FormatCount(len(day.OutOfOrder))},
		{"Jeda loket", FormatCount(len(day.Pauses))},
		{"Lama jeda seluruhnya", FormatMinutes(paused, true)},
		{"Loket menganggur terlama", longest},
	}, 4)

	r.heading("Per petugas", 16)
	if len(day.Officers) == 0 {
		r.note("Tidak ada panggilan di luar urutan, jeda, maupun loket menganggur saat ada antrean.")
	} else {
		var rows [][]string
		for _, o := range day.Officers {
			rows = append(rows, []string{officer(o.OfficerID), FormatCount(o.OutOfOrder), FormatCount(o.Reactivated),
				FormatCount(o.Pauses), FormatMinutes(o.Paused, o.Pauses > 0), FormatMinutes(o.Idle, o.Idle > 0)})
		}
		r.table([]tcol{{50, "L"}, {26, "R"}, {28, "R"}, {22, "R"}, {26, "R"}, {30, "R"}},
			[]string{"Petugas", "Di luar urutan", "Diaktifkan kembali", "Jeda (kali)", "Lama jeda", "Menganggur saat antre"}, rows, 7.5, nil)
	}

	r.heading("Panggilan di luar urutan", 16)
	if len(day.OutOfOrder) == 0 {
		r.note("Tidak ada: semua nomor dipanggil menurut urutan antrean.")
	} else {
		var rows [][]string
		for _, c := range day.OutOfOrder {
			rows = append(rows, []string{clock(c.At), c.Code, counter(c.CounterID), officer(c.OfficerID),
				FormatCount(c.Ahead), c.Reason})
		}
		r.table([]tcol{{13, "L"}, {15, "L"}, {20, "L"}, {38, "L"}, {22, "R"}, {74, "L"}},
			[]string{"Jam", "Nomor", "Loket", "Petugas", "Melompati", "Alasan"}, rows, 7.5, nil)
		r.note("Melompati: banyaknya nomor layanan loket itu yang sudah menunggu lebih lama saat nomor ini dipanggil.")
	}

	r.heading("Nomor tidak hadir yang diaktifkan kembali", 16)
	if len(day.Reactivations) == 0 {
		r.note("Tidak ada.")
	} else {
		var rows [][]string
		for _, a := range day.Reactivations {
			rows = append(rows, []string{clock(a.At), a.Code, officer(a.OfficerID)})
		}
		r.table([]tcol{{20, "L"}, {30, "L"}, {132, "L"}}, []string{"Jam", "Nomor", "Petugas"}, rows, 7.5, nil)
		r.note("Nomor yang diaktifkan kembali masuk antrean lagi pada urutan semula (pengunjung kembali setelah dilewati).")
	}

	r.heading("Jeda loket", 16)
	if len(day.Pauses) == 0 {
		r.note("Tidak ada loket yang dijeda.")
	} else {
		var rows [][]string
		for _, p := range day.Pauses {
			end := clock(p.End)
			if p.Ongoing {
				end += " (masih)"
			}
			rows = append(rows, []string{clock(p.Start), end, FormatMinutes(p.Duration(), true), counter(p.CounterID),
				officer(p.OfficerID), p.Reason})
		}
		r.table([]tcol{{13, "L"}, {20, "L"}, {18, "R"}, {20, "L"}, {40, "L"}, {71, "L"}},
			[]string{"Mulai", "Selesai", "Lama", "Loket", "Petugas", "Alasan"}, rows, 7.5, nil)
	}

	r.heading("Loket menganggur saat ada pengunjung menunggu", 16)
	if len(day.Idle) == 0 {
		r.note(fmt.Sprintf("Tidak ada loket terbuka yang menganggur %s atau lebih selagi ada nomor layanannya menunggu.",
			FormatMinutes(queue.IdleMin, true)))
	} else {
		var rows [][]string
		for _, w := range day.Idle {
			p := "tidak"
			if w.Paused {
				p = "ya"
			}
			rows = append(rows, []string{clock(w.Start), clock(w.End), FormatMinutes(w.Duration(), true), counter(w.CounterID),
				officer(w.OfficerID), FormatCount(w.MaxWaiting), p})
		}
		r.table([]tcol{{15, "L"}, {15, "L"}, {20, "R"}, {22, "L"}, {52, "L"}, {30, "R"}, {28, "C"}},
			[]string{"Mulai", "Selesai", "Lama", "Loket", "Petugas", "Menunggu (maks)", "Sambil dijeda"}, rows, 7.5, nil)
		r.note(fmt.Sprintf("Loket terbuka yang tidak memanggil maupun melayani siapa pun selagi ada nomor layanannya menunggu, "+
			"%s atau lebih; paling lama %d ditampilkan, terlama lebih dulu.", FormatMinutes(queue.IdleMin, true), queue.IdleShown))
	}
	return finish(r.pdf, "fairness sheet")
}
