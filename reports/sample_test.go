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

// TestWriteSamples writes sample documents into $LOKET_REPORTS_OUT for a
// person to look at; it is skipped otherwise.
func TestWriteSamples(t *testing.T) {
	dir := os.Getenv("LOKET_REPORTS_OUT")
	if dir == "" {
		t.Skip("LOKET_REPORTS_OUT not set")
	}
	write := func(name string, b []byte, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tk := sampleTicket()
	b, err := TicketStubPDF(tk, Roll58)
	write("ticket58.pdf", b, err)
	b, err = TicketStubPDF(tk, Roll80)
	write("ticket80.pdf", b, err)
	rc := sampleReceipt()
	for _, l := range []Layout{Thermal80, A5, A4} {
		b, err = ReceiptPDF(rc, l)
		write("receipt-"+l.String()+".pdf", b, err)
	}
	inc := sampleReceipt()
	inc.Requirements[1].Present = false
	inc.Requirements[1].Note = "ADK tidak sesuai dengan SPM"
	inc.Requirements[4].Present = false
	inc.Reprint = true
	inc.ReprintedAt = time.Date(2026, 11, 24, 10, 5, 0, 0, wib)
	for _, l := range []Layout{Thermal80, A5} {
		b, err = ReceiptPDF(inc, l)
		write("receipt-incomplete-"+l.String()+".pdf", b, err)
	}
	b, err = StandardSheetPDF(sampleStandard())
	write("standard.pdf", b, err)
}
