package reports

import (
	"fmt"
	"strings"
)

// The evidence pack (Paket Bukti ZI) is what the unit hands its Zona
// Integritas evaluators for a period in one click: a PDF to read and a
// workbook to check the figures, both from the same Figures so they agree.

// ZIPackBase is the file name (without extension) of a period's pack.
func ZIPackBase(fig Figures) string {
	return "paket-bukti-zi-" + slug(fig.Period.Label())
}

// ZIPackPDF renders the pack's PDF: the period's service figures, the IKM,
// IPK and IPAK with every statement, the visitors' suggestions, the CSO
// consultations and their follow-up, and the late services.
func ZIPackPDF(fig Figures) ([]byte, error) {
	r := newReport("Paket Bukti Zona Integritas", "Periode "+fig.Period.Label(), fig)
	t := fig.Total
	share, ok := t.NormShare()
	ikm := "-"
	if fig.IKM.Respondents > 0 {
		ikm = FormatDecimal(fig.IKM.Value, 2) + " (" + fig.IKM.Grade + ")"
	}
	r.note("Bahan evaluasi pembangunan Zona Integritas menuju WBK/WBBM (area penguatan kualitas pelayanan publik dan " +
		"penguatan pengawasan). Seluruh angka dihitung oleh Loket dari catatan antrean, survei dan log konsultasi kantor ini; " +
		"rincian per baris ada pada berkas XLSX yang menyertai dokumen ini.")
	r.heading("Ringkasan", 36)
	r.tiles([][2]string{
		{"Tiket diambil", FormatCount(t.Issued)},
		{"Dilayani", FormatCount(t.Served)},
		{"Median waktu tunggu", FormatMinutes(t.Wait.Median, t.Wait.N > 0)},
		{"Sesuai norma waktu", FormatPercent(share, ok)},
		{"Indeks Kepuasan (IKM)", ikm},
		{"Persepsi Kualitas (IPK)", fig.IPK.Label()},
		{"Persepsi Anti Korupsi (IPAK)", fig.IPAK.Label()},
		{"Konsultasi CSO", csoTotal(fig.CSO)},
	}, 4)
	r.heading("Kinerja pelayanan per layanan", 20)
	r.groupTable("Layanan", fig.ByService, t)
	r.heading("Indeks Kepuasan Masyarakat (IKM)", 40)
	r.ikmSection(fig, false)
	r.heading("Survei Zona Integritas (IPK dan IPAK)", 40)
	r.ziSection(fig)
	r.heading("Konsultasi CSO dan tindak lanjutnya", 40)
	if fig.CSO == nil {
		r.note("Log konsultasi CSO tidak termasuk dalam data periode ini.")
	} else {
		r.csoSection(fig.CSO, figuresEnd(fig))
	}
	r.heading("Layanan terlambat", 20)
	r.lateTable(fig.Late, 40)
	return finish(r.pdf, "zi evidence pack")
}

func csoTotal(c *CSOFigures) string {
	if c == nil {
		return "-"
	}
	return fmt.Sprintf("%s (%s selesai)", FormatCount(c.Total), FormatCount(c.Resolved))
}

// ZIPackTables are the pack's workbook sheets: the period report's tables,
// the IPK and IPAK per statement, and the visitors' suggestions.
func ZIPackTables(fig Figures) []Table {
	tables := ReportTables(fig, false)
	tables = append(tables, ZITables(fig)...)
	sug := Table{Name: "Saran pengunjung", Header: []string{"No", "Saran dan masukan"}}
	for i, c := range fig.Comments {
		sug.Rows = append(sug.Rows, []any{i + 1, strings.TrimSpace(c)})
	}
	return append(tables, sug)
}

// ZIPackXLSX is the pack's workbook.
func ZIPackXLSX(fig Figures) ([]byte, error) { return XLSX(ZIPackTables(fig)) }
