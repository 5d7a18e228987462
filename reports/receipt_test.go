package reports

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// pagesText is the text of each page of a PDF (pdftotext separates pages
// with form feeds), whitespace collapsed.
func pagesText(t *testing.T, pdf []byte) []string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatalf("pdftotext is needed for this test (apt-get install poppler-utils): %v", err)
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	var pages []string
	for _, p := range strings.Split(string(out), "\f") {
		if s := strings.Join(strings.Fields(p), " "); s != "" {
			pages = append(pages, s)
		}
	}
	return pages
}

// twelveRequirements is a heavy but ordinary checklist: the SPM-LS
// requirements of a KPPN, some long, some with notes.
func twelveRequirements() []RequirementCheck {
	names := []string{
		"Surat Perintah Membayar (SPM) yang ditandatangani Pejabat Penandatangan SPM (PPSPM)",
		"Arsip Data Komputer (ADK) SPM dari aplikasi SAKTI",
		"Surat Pernyataan Tanggung Jawab Mutlak (SPTJM) bermeterai",
		"Daftar nominatif penerima pembayaran",
		"Kuitansi/bukti pembayaran yang disahkan Pejabat Pembuat Komitmen",
		"Berita Acara Serah Terima (BAST) pekerjaan",
		"Berita Acara Pembayaran (BAP)",
		"Faktur pajak dan Surat Setoran Pajak (SSP) yang telah divalidasi",
		"Salinan kontrak/Surat Perintah Kerja beserta adendum bila ada",
		"Jaminan pelaksanaan atau jaminan uang muka dari bank penerbit",
		"Ringkasan kontrak yang telah dicatat dalam Kartu Pengawasan Kontrak",
		"Surat kuasa pengambilan bila diwakilkan",
	}
	var out []RequirementCheck
	for i, n := range names {
		rc := RequirementCheck{Name: n, Present: true}
		if i%4 == 2 {
			rc.Note = "rangkap dua, asli diperlihatkan"
		}
		out = append(out, rc)
	}
	return out
}

// An A5 receipt with up to 12 checklist items, the longest purpose and
// four complaint channels fits one page; the purpose is printed as
// Keperluan.
func TestReceiptA5TwelveItemsOnePage(t *testing.T) {
	for n := 0; n <= 12; n++ {
		d := sampleReceipt()
		d.Requirements = twelveRequirements()[:n]
		d.Purpose = strings.Repeat("Pengajuan SPM-LS kontrak pekerjaan fisik termin ", 4)[:160]
		d.Reprint = n%2 == 1
		b, err := ReceiptPDF(d, A5)
		checkPDF(t, b, err)
		pages := pagesText(t, b)
		if len(pages) != 1 || pageCount(b) != 1 {
			t.Fatalf("%d items: %d pages, want 1", n, len(pages))
		}
		assertContains(t, pages[0], "Keperluan", "Pengajuan SPM-LS kontrak", "Petugas penerima,", "Budi Santoso")
		if n > 0 {
			assertContains(t, pages[0], d.Requirements[n-1].Name)
		}
	}
	// Twelve items with a wrong one (the missing list is printed too).
	d := sampleReceipt()
	d.Requirements = twelveRequirements()
	d.Requirements[4].Present, d.Requirements[4].Note = false, "belum disahkan PPK"
	b, err := ReceiptPDF(d, A5)
	checkPDF(t, b, err)
	if n := pageCount(b); n != 1 {
		t.Fatalf("incomplete 12-item receipt: %d pages, want 1", n)
	}
}

// However long the checklist, the signature block (both captions, both
// names, the officer's NIP) is on one page.
func TestReceiptSignatureNeverSplits(t *testing.T) {
	for _, layout := range []Layout{A5, A4} {
		for n := 10; n <= 45; n++ {
			d := sampleReceipt()
			d.Requirements = nil
			for i := 0; i < n; i++ {
				d.Requirements = append(d.Requirements, twelveRequirements()[i%12])
			}
			b, err := ReceiptPDF(d, layout)
			checkPDF(t, b, err)
			found := 0
			for _, p := range pagesText(t, b) {
				has := []bool{strings.Contains(p, "Pemohon,"), strings.Contains(p, "Petugas penerima,"),
					strings.Contains(p, "Siti Rahmawati, S.E. Budi Santoso") || strings.Contains(p, "Budi Santoso"),
					strings.Contains(p, "NIP 19900101 201502 1 003")}
				if has[0] || has[1] || has[3] {
					if !(has[0] && has[1] && has[2] && has[3]) {
						t.Fatalf("%v, %d items: signature block split; page text: %s", layout, n, p)
					}
					found++
				}
			}
			if found != 1 {
				t.Fatalf("%v, %d items: signature block on %d pages", layout, n, found)
			}
		}
	}
}
