package reports

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"loket/queue"
)

func TestComputeZI(t *testing.T) {
	cases := []struct {
		name        string
		answers     [][]int
		respondents int
		index       float64
		value       float64
		label       string
	}{
		{"none", nil, 0, 0, 0, "-"},
		{"all skipped", [][]int{{0, 0, 0}}, 0, 0, 0, "-"},
		{"two respondents", [][]int{{4, 4, 4}, {3, 3, 3}}, 2, 3.5, 87.5, "3,50 (87,50)"},
		{"skipped item left out", [][]int{{4, 0, 2}}, 1, 3, 75, "3,00 (75,00)"},
		{"out of range ignored", [][]int{{9, 4, -1}}, 1, 4, 100, "4,00 (100,00)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := ComputeZI(c.answers, 3)
			if r.Respondents != c.respondents || r.Index != c.index || r.Value != c.value || r.Label() != c.label {
				t.Fatalf("ComputeZI = %+v (%s), want %d respondents, %v / %v (%s)", r, r.Label(), c.respondents, c.index, c.value, c.label)
			}
		})
	}
}

// ziFigures is the sample month with IPK and IPAK answers: every third
// questionnaire answers them, IPK all 3 and IPAK all 4 except a1 = 2.
func ziFigures(t *testing.T) Figures {
	p := MonthPeriod(time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
	rows, surveys, names := sampleRows(p, 60)
	for i := range surveys {
		if i%3 != 0 {
			continue
		}
		for k := range surveys[i].IPK {
			surveys[i].IPK[k] = 3
		}
		for k := range surveys[i].IPAK {
			surveys[i].IPAK[k] = 4
		}
		surveys[i].IPAK[0] = 2
	}
	fig := sampleFigures(t, p)
	agg := Aggregate(p, rows, surveys, names)
	fig.IPK, fig.IPAK = agg.IPK, agg.IPAK
	return fig
}

func TestZIIndicesInPeriodReport(t *testing.T) {
	fig := ziFigures(t)
	if fig.IPK.Respondents == 0 || fig.IPK.Index != 3 || fig.IPAK.Index != 3.6 || fig.IPAK.Value != 90 {
		t.Fatalf("IPK %+v, IPAK %+v", fig.IPK, fig.IPAK)
	}
	b, err := PeriodReportPDF(fig, false)
	checkPDF(t, b, err)
	text := pdfText(t, b)
	for _, want := range []string{"Survei Zona Integritas (IPK dan IPAK)", "Indeks Persepsi Anti Korupsi (IPAK)",
		"3,60 (90,00)", "3,00 (75,00)", "Tanpa pungutan liar"} {
		if !strings.Contains(text, want) {
			t.Errorf("period report lacks %q", want)
		}
	}
}

// The period workbook carries what the PDF's ZI section shows: the
// indices in the summary and a sheet per index with each statement.
func TestZIIndicesInPeriodWorkbook(t *testing.T) {
	fig := ziFigures(t)
	tables := ReportTables(fig, false)
	byName := map[string]Table{}
	for _, tb := range tables {
		byName[tb.Name] = tb
	}
	sum := map[string]any{}
	for _, r := range byName["Ringkasan"].Rows {
		sum[r[0].(string)] = r[1]
	}
	if sum["Nilai IPAK"] != 90.0 || sum["Nilai IPK"] != 75.0 || sum["Responden IPK"] != fig.IPK.Respondents {
		t.Errorf("summary: IPK %v (%v responden), IPAK %v", sum["Nilai IPK"], sum["Responden IPK"], sum["Nilai IPAK"])
	}
	ipak, ok := byName["IPAK"]
	if !ok || len(ipak.Rows) != len(IPAKItems)+2 {
		t.Fatalf("IPAK sheet: %+v", ipak)
	}
	if first := ipak.Rows[0]; first[0] != "A1" || first[5] != 2.0 {
		t.Errorf("IPAK A1 row: %v", first)
	}
	if idx := ipak.Rows[len(IPAKItems)]; idx[5] != 3.6 {
		t.Errorf("IPAK index row: %v", idx)
	}
	if _, ok := byName["IPK"]; !ok {
		t.Error("no IPK sheet")
	}
	if _, err := XLSX(tables); err != nil {
		t.Fatal(err)
	}
}

func TestZIPack(t *testing.T) {
	fig := ziFigures(t)
	b, err := ZIPackPDF(fig)
	checkPDF(t, b, err)
	if dir := os.Getenv("LOKET_LOOK"); dir != "" {
		_ = os.WriteFile(dir+"/zipack.pdf", b, 0o644)
	}
	text := pdfText(t, b)
	for _, want := range []string{"PAKET BUKTI ZONA INTEGRITAS", "Periode November 2026", "Indeks Kepuasan Masyarakat (IKM)",
		"Indeks Persepsi Kualitas Pelayanan (IPK)", "3,60 (90,00)", "Konsultasi CSO dan tindak lanjutnya", "KS-2026-00412"} {
		if !strings.Contains(text, want) {
			t.Errorf("evidence pack PDF lacks %q", want)
		}
	}
	x, err := ZIPackXLSX(fig)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(x), int64(len(x)))
	if err != nil {
		t.Fatal(err)
	}
	var wb string
	for _, f := range zr.File {
		if f.Name == "xl/workbook.xml" {
			rc, _ := f.Open()
			bs, _ := io.ReadAll(rc)
			wb = string(bs)
		}
	}
	for _, sheet := range []string{"Ringkasan", `name="IPK"`, `name="IPAK"`, "Saran pengunjung"} {
		if !strings.Contains(wb, sheet) {
			t.Errorf("evidence pack workbook lacks sheet %s: %s", sheet, wb)
		}
	}
	if got := ZIPackBase(fig); got != "paket-bukti-zi-november-2026" {
		t.Errorf("ZIPackBase = %q", got)
	}
}

func TestFairnessPDF(t *testing.T) {
	at := func(h, m int) time.Time { return time.Date(2026, 11, 23, h, m, 0, 0, wib) }
	day := queue.FairnessDay{Date: "2026-11-23", Until: at(16, 0),
		OutOfOrder: []queue.OutOfOrderCall{{At: at(9, 12), Code: "A017", CounterID: "c1", OfficerID: "o1",
			Reason: "Berkas lanjutan dari loket lain", Ahead: 4}},
		Pauses: []queue.Pause{{CounterID: "c1", OfficerID: "o1", Reason: "Istirahat, salat dan makan (ishoma)", Start: at(12, 0), End: at(12, 55)},
			{CounterID: "c2", OfficerID: "o2", Reason: "Lainnya: printer macet", Start: at(15, 40), End: at(16, 0), Ongoing: true}},
		Idle:          []queue.IdleWait{{CounterID: "c2", OfficerID: "o2", Start: at(10, 5), End: at(10, 31), MaxWaiting: 7}},
		Reactivations: []queue.Reactivation{{At: at(11, 7), Code: "B004", OfficerID: "o1"}},
		Officers: []queue.OfficerFairness{{OfficerID: "o1", OutOfOrder: 1, Reactivated: 1, Pauses: 1, Paused: 55 * time.Minute},
			{OfficerID: "o2", Pauses: 1, Paused: 20 * time.Minute, Idle: 26 * time.Minute}},
		OfficerNames: map[string]string{"o1": "Rina Marlina", "o2": "Dedi Kurniawan"},
		CounterNames: map[string]string{"c1": "Loket 1", "c2": "Loket 2"},
	}
	off := OfficeInfo{Name: "KPPN Pekanbaru", ZoneLabel: "WIB"}
	b, err := FairnessPDF(day, off, at(16, 0), wib)
	checkPDF(t, b, err)
	if dir := os.Getenv("LOKET_LOOK"); dir != "" {
		_ = os.WriteFile(dir+"/fairness.pdf", b, 0o644)
	}
	text := pdfText(t, b)
	for _, want := range []string{"LEMBAR KEADILAN ANTREAN", "Senin, 23 November 2026", "A017", "Berkas lanjutan dari loket lain",
		"Rina Marlina", "55 mnt", "15:40", "16:00 (masih)", "Lainnya: printer macet", "26 mnt", "Loket 2",
		"Nomor tidak hadir yang diaktifkan kembali", "11:07 B004 Rina Marlina"} {
		if !strings.Contains(text, want) {
			t.Errorf("fairness sheet lacks %q:\n%s", want, text)
		}
	}
	empty, err := FairnessPDF(queue.FairnessDay{Date: "2026-11-23", Until: at(8, 0)}, off, at(8, 0), wib)
	checkPDF(t, empty, err)
	if text := pdfText(t, empty); !strings.Contains(text, "semua nomor dipanggil menurut urutan antrean") {
		t.Errorf("empty sheet does not say so: %s", text)
	}
}
