package reports

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

var wib = time.FixedZone("WIB", 7*3600)

func sampleTicket() TicketStubData {
	return TicketStubData{
		OfficeName:    "KPPN Jakarta II",
		OfficeAddress: "Gedung Keuangan Negara, Jl. Ir. H. Juanda No. 19, Jakarta Pusat 10120",
		ServiceName:   "Konsultasi Pencairan Dana (SP2D)",
		Number:        "A023",
		PriorityLabel: "Prioritas: Lansia",
		IssuedAt:      time.Date(2026, 11, 23, 8, 15, 0, 0, wib),
		ZoneLabel:     "WIB",
		Ahead:         4,
		EstimatedWait: 25 * time.Minute,
		TicketID:      "KPPN019-20261123-A023-01JD3Q8Z6K",
	}
}

func sampleReceipt() ReceiptData {
	return ReceiptData{
		OfficeHierarchy: []string{"Kementerian Keuangan Republik Indonesia", "Direktorat Jenderal Perbendaharaan"},
		OfficeName:      "Kantor Pelayanan Perbendaharaan Negara Jakarta II",
		OfficeAddress:   "Gedung Keuangan Negara, Jl. Ir. H. Juanda No. 19, Jakarta Pusat 10120",
		OfficePhone:     "(021) 3449230",
		ReceiptNumber:   "TT-019/2026/11/000123",
		ReceivedAt:      time.Date(2026, 11, 23, 9, 42, 0, 0, wib),
		ZoneLabel:       "WIB",
		TicketNumber:    "A023",
		VisitorName:     "Siti Rahmawati, S.E.",
		VisitorIDLabel:  "NIP",
		VisitorID:       "19850412 201001 2 015",
		VisitorPhone:    "0812-3456-7890",
		SatkerCode:      "415263",
		SatkerName:      "Balai Besar Wilayah Sungai Ciliwung Cisadane",
		ServiceName:     "Pengajuan Surat Perintah Membayar (SPM) Gaji Susulan",
		Requirements: []RequirementCheck{
			{Name: "Surat Perintah Membayar (SPM) yang ditandatangani PPSPM", Present: true},
			{Name: "Arsip Data Komputer (ADK) SPM", Present: true},
			{Name: "Daftar nominatif gaji susulan", Present: true, Note: "Rangkap 2"},
			{Name: "Surat Keputusan (SK) pengangkatan / kenaikan pangkat", Present: true},
			{Name: "Surat Pernyataan Tanggung Jawab Mutlak (SPTJM)", Present: true},
		},
		DueAt:             time.Date(2026, 11, 30, 17, 0, 0, 0, wib),
		DueNote:           "1 hari kerja sejak berkas diterima lengkap",
		OfficerName:       "Budi Santoso",
		OfficerNIP:        "19900101 201502 1 003",
		ComplaintChannels: []string{"Layanan pengaduan KPPN: WhatsApp 0811-1234-5678", "Email kppnjakarta2@kemenkeu.go.id", "WISE Kemenkeu: https://www.wise.kemenkeu.go.id", "Kotak saran di ruang layanan"},
	}
}

func sampleStandard() StandardSheetData {
	return StandardSheetData{
		OfficeName:  "Kantor Pelayanan Perbendaharaan Negara Jakarta II",
		Unit:        "Seksi Pencairan Dana",
		ServiceName: "Penerbitan Surat Perintah Pencairan Dana (SP2D)",
		Reference:   "Keputusan Kepala KPPN Jakarta II Nomor KEP-12/WPB.12/KP.0203/2026",
		Requirements: []string{
			"Surat Perintah Membayar (SPM) yang telah ditandatangani secara elektronik oleh PPSPM",
			"Arsip Data Komputer (ADK) SPM yang sesuai dengan SPM",
			"Dokumen pendukung sesuai jenis SPM (SPM-LS, SPM-UP, SPM-GUP, SPM-TUP)",
			"Kartu pengenal petugas pengantar SPM",
		},
		Procedure: []string{
			"Satker mengirim SPM dan ADK melalui aplikasi SAKTI / SPAN.",
			"Petugas Front Office memeriksa kelengkapan dan kebenaran SPM.",
			"Bila lengkap, SPM diteruskan ke Seksi Pencairan Dana; bila tidak, SPM dikembalikan dengan catatan.",
			"Kepala Seksi menyetujui dan SP2D diterbitkan.",
			"SP2D dikirim ke bank operasional dan dana ditransfer ke rekening penerima.",
		},
		TimeNorm:          "1 (satu) jam sejak SPM diterima lengkap dan benar",
		Fee:               "Tidak dipungut biaya (Rp 0)",
		Product:           "Surat Perintah Pencairan Dana (SP2D)",
		ComplaintChannels: []string{"WhatsApp 0811-1234-5678", "Email kppnjakarta2@kemenkeu.go.id", "WISE Kemenkeu: https://www.wise.kemenkeu.go.id", "Kotak saran di ruang layanan"},
		PrintedAt:         time.Date(2026, 11, 23, 7, 30, 0, 0, wib),
		ZoneLabel:         "WIB",
	}
}

// TestSampleDocuments renders the sample ticket stubs, receipts (complete
// in every layout; incomplete and reprinted in the small ones) and the
// standard sheet, and checks each is a whole PDF that says what its data
// says. With $LOKET_REPORTS_OUT set it also leaves them there for a person
// to look at.
func TestSampleDocuments(t *testing.T) {
	dir := os.Getenv("LOKET_REPORTS_OUT")
	if dir == "" {
		dir = t.TempDir()
	}
	tk := sampleTicket()
	rc := sampleReceipt()
	inc := sampleReceipt()
	inc.Requirements[1].Present = false
	inc.Requirements[1].Note = "ADK tidak sesuai dengan SPM"
	inc.Requirements[4].Present = false
	inc.Reprint = true
	inc.ReprintedAt = time.Date(2026, 11, 24, 10, 5, 0, 0, wib)
	type doc struct {
		name   string
		render func() ([]byte, error)
		want   []string
	}
	docs := []doc{
		{"ticket58.pdf", func() ([]byte, error) { return TicketStubPDF(tk, Roll58) }, []string{tk.Number}},
		{"ticket80.pdf", func() ([]byte, error) { return TicketStubPDF(tk, Roll80) }, []string{tk.Number}},
		{"standard.pdf", func() ([]byte, error) { return StandardSheetPDF(sampleStandard()) }, []string{sampleStandard().Unit}},
	}
	for _, l := range []Layout{Thermal80, A5, A4} {
		docs = append(docs, doc{"receipt-" + l.String() + ".pdf", func() ([]byte, error) { return ReceiptPDF(rc, l) },
			[]string{rc.ReceiptNumber, rc.TicketNumber}})
	}
	for _, l := range []Layout{Thermal80, A5} {
		docs = append(docs, doc{"receipt-incomplete-" + l.String() + ".pdf", func() ([]byte, error) { return ReceiptPDF(inc, l) },
			[]string{inc.ReceiptNumber, "ADK tidak sesuai dengan SPM", "dicetak ulang"}})
	}
	for _, d := range docs {
		t.Run(d.name, func(t *testing.T) {
			b, err := d.render()
			checkPDF(t, b, err)
			assertContains(t, pdfText(t, b), d.want...)
			if err := os.WriteFile(filepath.Join(dir, d.name), b, 0o644); err != nil {
				t.Fatal(err)
			}
		})
	}
}
