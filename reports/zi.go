package reports

import (
	"fmt"
	"math"
	"strconv"
)

// The Zona Integritas questionnaires answered beside the IKM: the
// service-quality perception index (IPK, Indeks Persepsi Kualitas
// Pelayanan) and the corruption-perception index (IPAK, Indeks Persepsi
// Anti Korupsi). The unit's WBK/WBBM evaluation asks for both. There is no
// one mandated wording: the items follow the indicators KemenPANRB's
// evaluation and the BPS-style perception surveys use (information,
// requirements, procedure, time, cost, facilities, staff, complaints;
// discrimination, shortcuts, gratuities, illegal levies, brokers), each a
// positive statement rated on a 4-point agreement scale (README:
// "Survei Zona Integritas").

// ZIItem is one statement of a perception questionnaire: a short name for
// tables and the statement as the visitor reads it.
type ZIItem struct {
	Name      string
	Statement string
}

// ZIScale are the four answers of every statement, score 1..4.
var ZIScale = [4]string{"Tidak setuju", "Kurang setuju", "Setuju", "Sangat setuju"}

// IPKItems are the service-quality perception statements (k1..k8).
var IPKItems = [8]ZIItem{
	{"Informasi pelayanan", "Informasi pelayanan mudah diperoleh, baik di kantor maupun melalui media elektronik."},
	{"Persyaratan", "Persyaratan pelayanan mudah dipenuhi dan sesuai dengan jenis layanannya."},
	{"Prosedur", "Prosedur pelayanan mudah dan tidak berbelit-belit."},
	{"Waktu penyelesaian", "Pelayanan selesai dalam waktu yang dijanjikan dalam standar pelayanan."},
	{"Biaya", "Biaya pelayanan sesuai ketentuan; layanan yang gratis benar-benar tidak dipungut biaya."},
	{"Sarana dan prasarana", "Ruang dan sarana pelayanan nyaman, bersih dan memadai."},
	{"Petugas", "Petugas pelayanan cepat tanggap, cakap dan ramah."},
	{"Pengaduan", "Tersedia sarana pengaduan dan pengaduan ditindaklanjuti."},
}

// IPAKItems are the corruption-perception statements (a1..a5).
var IPAKItems = [5]ZIItem{
	{"Tanpa diskriminasi", "Semua pengguna layanan diperlakukan sama, tanpa membedakan kenalan atau pihak tertentu."},
	{"Tanpa jalan pintas", "Tidak ada pelayanan di luar prosedur (jalan pintas) untuk mempercepat urusan pihak tertentu."},
	{"Tanpa imbalan", "Petugas tidak meminta atau menerima imbalan uang, barang atau fasilitas di luar ketentuan."},
	{"Tanpa pungutan liar", "Tidak ada pungutan liar dalam pelayanan di kantor ini."},
	{"Tanpa calo", "Tidak ada calo atau perantara tidak resmi dalam pelayanan di kantor ini."},
}

// ZIIndex is a perception index over a set of questionnaires.
type ZIIndex struct {
	// Respondents counts questionnaires with at least one answer.
	Respondents int
	// Sum, Count and NRR (average score) per statement.
	Sum   []int
	Count []int
	NRR   []float64
	// Index is the mean of the statements' NRR (1..4 scale, every
	// statement weighted alike, unanswered ones left out); Value is
	// Index x 25 (the 25..100 conversion the IKM also uses).
	Index float64
	Value float64
}

// ComputeZI computes the index of questionnaires of n statements given as
// score slices (0 = not answered, 1..4; others ignored).
func ComputeZI(answers [][]int, n int) ZIIndex {
	r := ZIIndex{Sum: make([]int, n), Count: make([]int, n), NRR: make([]float64, n)}
	for _, a := range answers {
		any := false
		for i := 0; i < n && i < len(a); i++ {
			if a[i] >= 1 && a[i] <= 4 {
				r.Sum[i] += a[i]
				r.Count[i]++
				any = true
			}
		}
		if any {
			r.Respondents++
		}
	}
	items := 0
	total := 0.0
	for i := range r.Sum {
		if r.Count[i] > 0 {
			r.NRR[i] = float64(r.Sum[i]) / float64(r.Count[i])
			total += r.NRR[i]
			items++
		}
	}
	if items > 0 {
		r.Index = math.Round(total/float64(items)*1000) / 1000
		r.Value = math.Round(r.Index*25*100) / 100
	}
	return r
}

// Label is the index as reports show it: "3,42 (85,50)", "-" with no
// respondent.
func (r ZIIndex) Label() string {
	if r.Respondents == 0 {
		return "-"
	}
	return FormatDecimal(r.Index, 2) + " (" + FormatDecimal(r.Value, 2) + ")"
}

// ziIndices computes the IPK and IPAK of the surveys.
func ziIndices(surveys []SurveyRow) (ipk, ipak ZIIndex) {
	var k, a [][]int
	for _, s := range surveys {
		k = append(k, s.IPK[:])
		a = append(a, s.IPAK[:])
	}
	return ComputeZI(k, len(IPKItems)), ComputeZI(a, len(IPAKItems))
}

// ziSection shows the IPK and IPAK of the period per statement.
func (r *report) ziSection(fig Figures) {
	if fig.IPK.Respondents == 0 && fig.IPAK.Respondents == 0 {
		r.note("Belum ada responden survei persepsi kualitas pelayanan (IPK) maupun anti korupsi (IPAK) pada periode ini.")
		return
	}
	r.tiles([][2]string{
		{"Responden IPK", strconv.Itoa(fig.IPK.Respondents)},
		{"IPK (skala 4 / konversi)", fig.IPK.Label()},
		{"Responden IPAK", strconv.Itoa(fig.IPAK.Respondents)},
		{"IPAK (skala 4 / konversi)", fig.IPAK.Label()},
	}, 4)
	part := func(title, code string, items []ZIItem, ix ZIIndex) {
		r.f.gap(2)
		r.f.ensure(20)
		r.f.text(title, "B", 8.5, "L")
		r.f.gap(1)
		var rows [][]string
		for i, it := range items {
			nrr := "-"
			if ix.Count[i] > 0 {
				nrr = FormatDecimal(ix.NRR[i], 2)
			}
			rows = append(rows, []string{fmt.Sprintf("%s%d", code, i+1), it.Name + ": " + it.Statement,
				strconv.Itoa(ix.Count[i]), nrr})
		}
		rows = append(rows, []string{"", "Indeks (rata-rata NRR) / konversi x 25", "", ix.Label()})
		r.table([]tcol{{12, "C"}, {120, "L"}, {22, "R"}, {28, "R"}}, []string{"Butir", "Pernyataan", "Jawaban", "NRR"}, rows, 7.5,
			func(i int) bool { return i == len(rows)-1 })
	}
	if fig.IPK.Respondents > 0 {
		part("Indeks Persepsi Kualitas Pelayanan (IPK)", "K", IPKItems[:], fig.IPK)
	}
	if fig.IPAK.Respondents > 0 {
		part("Indeks Persepsi Anti Korupsi (IPAK)", "A", IPAKItems[:], fig.IPAK)
	}
	r.note("Skala jawaban 1 = tidak setuju, 2 = kurang setuju, 3 = setuju, 4 = sangat setuju. NRR = jumlah nilai / jumlah jawaban; " +
		"indeks = rata-rata NRR butir yang terjawab (skala 1-4), konversi = indeks x 25.")
}

// ZITables are the IPK and IPAK per statement, for the workbook.
func ZITables(fig Figures) []Table {
	t := func(name, code string, items []ZIItem, ix ZIIndex) Table {
		tb := Table{Name: name, Header: []string{"Butir", "Uraian", "Pernyataan", "Jawaban", "Jumlah nilai", "NRR"}}
		for i, it := range items {
			var nrr any = ""
			if ix.Count[i] > 0 {
				nrr = roundTo(ix.NRR[i], 3)
			}
			tb.Rows = append(tb.Rows, []any{fmt.Sprintf("%s%d", code, i+1), it.Name, it.Statement, ix.Count[i], ix.Sum[i], nrr})
		}
		var idx, val any = "", ""
		if ix.Respondents > 0 {
			idx, val = ix.Index, ix.Value
		}
		tb.Rows = append(tb.Rows, []any{"", "Indeks (skala 4)", "", ix.Respondents, "", idx}, []any{"", "Nilai konversi (x 25)", "", "", "", val})
		return tb
	}
	return []Table{t("IPK", "K", IPKItems[:], fig.IPK), t("IPAK", "A", IPAKItems[:], fig.IPAK)}
}
