package reports

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// pdfText extracts the text of a PDF with pdftotext, whitespace collapsed so
// that wrapped phrases still match. Without poppler it fails under the ci
// tag and skips the calling test otherwise.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if requireTools {
			t.Fatal("pdftotext not installed (poppler-utils; make test installs it)")
		}
		t.Skip("pdftotext not installed; text assertions skipped")
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

var pageRE = regexp.MustCompile(`/Type /Page\b[^s]`)

func pageCount(pdf []byte) int { return len(pageRE.FindAll(pdf, -1)) }

func checkPDF(t *testing.T, b []byte, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("output does not start with %%PDF-: %q", b[:min(len(b), 16)])
	}
	if !bytes.Contains(b[max(0, len(b)-64):], []byte("%%EOF")) {
		t.Fatal("output lacks the end-of-file marker")
	}
}

func assertContains(t *testing.T, text string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("text lacks %q\n--- text ---\n%s", w, text)
		}
	}
}

func TestTicketStubPDF(t *testing.T) {
	for _, width := range []float64{Roll58, Roll80} {
		t.Run(fmt.Sprintf("%.0fmm", width), func(t *testing.T) {
			b, err := TicketStubPDF(sampleTicket(), width)
			checkPDF(t, b, err)
			if n := pageCount(b); n != 1 {
				t.Errorf("pages = %d, want 1", n)
			}
			assertContains(t, pdfText(t, b), "KPPN JAKARTA II", "NOMOR ANTREAN", "A023",
				"Konsultasi Pencairan Dana (SP2D)", "PRIORITAS: LANSIA",
				"Senin, 23 November 2026 08:15 WIB", "4 orang menunggu di depan Anda",
				"Perkiraan waktu tunggu ± 25 menit", "KPPN019-20261123-A023-01JD3Q8Z6K")
		})
	}
	t.Run("nobody ahead, no priority", func(t *testing.T) {
		d := sampleTicket()
		d.Ahead, d.EstimatedWait, d.PriorityLabel = 0, 0, ""
		b, err := TicketStubPDF(d, Roll80)
		checkPDF(t, b, err)
		text := pdfText(t, b)
		assertContains(t, text, "Tidak ada antrean di depan Anda")
		if strings.Contains(text, "PRIORITAS") || strings.Contains(text, "Perkiraan") {
			t.Errorf("unexpected priority or estimate in %q", text)
		}
	})
	t.Run("width out of range", func(t *testing.T) {
		if _, err := TicketStubPDF(sampleTicket(), 30); err == nil {
			t.Fatal("want error for 30 mm")
		}
	})
}

func TestReceiptPDF(t *testing.T) {
	for _, layout := range []Layout{Thermal80, A5, A4} {
		t.Run(layout.String(), func(t *testing.T) {
			b, err := ReceiptPDF(sampleReceipt(), layout)
			checkPDF(t, b, err)
			if n := pageCount(b); n != 1 {
				t.Errorf("pages = %d, want 1", n)
			}
			text := pdfText(t, b)
			assertContains(t, text, "TANDA TERIMA", "TT-019/2026/11/000123",
				"Senin, 23 November 2026 09:42 WIB", "A023", "Siti Rahmawati, S.E.",
				"19850412 201001 2 015", "0812-3456-7890", "415263 - Balai Besar Wilayah Sungai Ciliwung Cisadane",
				"Pengajuan Surat Perintah Membayar (SPM) Gaji Susulan",
				"Daftar nominatif gaji susulan", "Rangkap 2",
				"Status: Berkas lengkap, diproses",
				"Senin, 30 November 2026 17:00 WIB", "Budi Santoso", "NIP 19900101 201502 1 003",
				"WhatsApp 0811-1234-5678")
			if layout == Thermal80 {
				assertContains(t, text, "Selesai paling lambat:")
			} else {
				assertContains(t, text, "Selesai paling lambat: Senin")
			}
			if strings.Contains(text, "SALINAN") {
				t.Error("original receipt marked SALINAN")
			}
		})
	}
	for _, layout := range []Layout{Thermal80, A5, A4} {
		t.Run("incomplete reprint "+layout.String(), func(t *testing.T) {
			d := sampleReceipt()
			d.Requirements[1].Present = false
			d.Requirements[1].Note = "ADK tidak sesuai dengan SPM"
			d.Reprint = true
			d.ReprintedAt = time.Date(2026, 11, 24, 10, 5, 0, 0, wib)
			b, err := ReceiptPDF(d, layout)
			checkPDF(t, b, err)
			text := pdfText(t, b)
			assertContains(t, text, "SALINAN", "Berkas belum lengkap, dikembalikan",
				"Arsip Data Komputer (ADK) SPM (ADK tidak sesuai dengan SPM)",
				"Selasa, 24 November 2026 10:05 WIB")
			if strings.Contains(text, "Selesai paling lambat") {
				t.Error("returned file must not promise a completion time")
			}
		})
	}
	t.Run("unknown layout", func(t *testing.T) {
		if _, err := ReceiptPDF(sampleReceipt(), Layout(9)); err == nil {
			t.Fatal("want error")
		}
	})
}

func TestReceiptLongChecklistBreaksPages(t *testing.T) {
	d := sampleReceipt()
	d.Requirements = nil
	for i := 0; i < 60; i++ {
		d.Requirements = append(d.Requirements, RequirementCheck{
			Name:    strings.Repeat("Dokumen pendukung yang cukup panjang namanya ", 2),
			Present: i%7 != 0,
		})
	}
	d.Requirements[3].Name = strings.Repeat("Sangatpanjangtanpaspasi", 200) // one unbreakable word
	for _, layout := range []Layout{A5, A4, Thermal80} {
		b, err := ReceiptPDF(d, layout)
		checkPDF(t, b, err)
		if layout != Thermal80 && pageCount(b) < 2 {
			t.Errorf("%v: pages = %d, want a page break", layout, pageCount(b))
		}
		if layout != Thermal80 {
			assertContains(t, pdfText(t, b), "(lanjutan)", "Halaman 2 dari")
		}
	}
}

func TestStandardSheetPDF(t *testing.T) {
	b, err := StandardSheetPDF(sampleStandard())
	checkPDF(t, b, err)
	if n := pageCount(b); n != 1 {
		t.Errorf("pages = %d, want 1", n)
	}
	text := pdfText(t, b)
	assertContains(t, text, "STANDAR PELAYANAN", "Penerbitan Surat Perintah Pencairan Dana (SP2D)",
		"Seksi Pencairan Dana", "Persyaratan pelayanan", "1. Surat Perintah Membayar (SPM)",
		"5. SP2D dikirim ke bank operasional", "Jangka waktu penyelesaian",
		"1 (satu) jam sejak SPM diterima lengkap dan benar", "Tidak dipungut biaya (Rp 0)",
		"Produk pelayanan", "Email kppnjakarta2@kemenkeu.go.id")
	if strings.Contains(text, "dipersingkat") {
		t.Error("short sheet must not be truncated")
	}

	t.Run("too long for one page", func(t *testing.T) {
		d := sampleStandard()
		for i := 0; i < 80; i++ {
			d.Requirements = append(d.Requirements, "Persyaratan tambahan yang panjang sekali uraiannya sehingga memakan dua baris pada lembar standar pelayanan ini")
			d.Procedure = append(d.Procedure, "Langkah prosedur tambahan yang juga panjang uraiannya agar lembar tidak muat satu halaman")
		}
		b, err := StandardSheetPDF(d)
		checkPDF(t, b, err)
		if n := pageCount(b); n != 1 {
			t.Errorf("pages = %d, want 1", n)
		}
		assertContains(t, pdfText(t, b), "…", "dipersingkat", "Tidak dipungut biaya (Rp 0)")
	})
}

// emoji carries runes above U+FFFF, a ZWJ sequence, a variation selector,
// a control character, a CJK ideograph the font lacks and invalid UTF-8:
// gofpdf panics on the first kind.
const emoji = "Budi 👨‍👩‍👧 Santoso ✌️ \x07 日本 \xff 𝔘𝔫𝔦"

func TestHostileTextDoesNotPanic(t *testing.T) {
	tk := TicketStubData{OfficeName: emoji, OfficeAddress: emoji, ServiceName: emoji, Number: "A0😀",
		PriorityLabel: emoji, TicketID: emoji, Footer: emoji}
	b, err := TicketStubPDF(tk, Roll58)
	checkPDF(t, b, err)
	assertContains(t, pdfText(t, b), "Budi Santoso")

	rc := ReceiptData{OfficeName: emoji, OfficeHierarchy: []string{emoji}, ReceiptNumber: emoji,
		VisitorName: emoji, Requirements: []RequirementCheck{{Name: emoji, Note: emoji}},
		ComplaintChannels: []string{emoji}, Notes: emoji, OfficerName: emoji, Reprint: true}
	for _, l := range []Layout{Thermal80, A5, A4} {
		b, err := ReceiptPDF(rc, l)
		checkPDF(t, b, err)
	}
	sd := StandardSheetData{ServiceName: emoji, Unit: emoji, Requirements: []string{emoji},
		Procedure: []string{emoji}, ComplaintChannels: []string{emoji}, Fee: emoji}
	b, err = StandardSheetPDF(sd)
	checkPDF(t, b, err)
}

func TestEmptyInputs(t *testing.T) {
	b, err := TicketStubPDF(TicketStubData{}, Roll80)
	checkPDF(t, b, err)
	for _, l := range []Layout{Thermal80, A5, A4} {
		b, err := ReceiptPDF(ReceiptData{}, l)
		checkPDF(t, b, err)
	}
	b, err = StandardSheetPDF(StandardSheetData{})
	checkPDF(t, b, err)
}

func TestClean(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Rp 1.500.000 – lunas", "Rp 1.500.000 – lunas"},
		{"Nama 😀 Orang", "Nama  Orang"},
		{"tab\there", "tab here"},
		{"a\r\nb", "a\nb"},
		{"e\u0301", "é"},           // NFC
		{"日本", "??"},               // not in DejaVu Sans
		{"\xff", "?"},              // invalid UTF-8
		{"✓ selesai", "✓ selesai"}, // check mark is in the font
		{"❤️", "❤"},                // variation selector dropped
	}
	for _, tt := range tests {
		if got := clean(tt.in); got != tt.want {
			t.Errorf("clean(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := cleanLine("  dua\n baris  "); got != "dua baris" {
		t.Errorf("cleanLine = %q", got)
	}
}

func TestDates(t *testing.T) {
	jkt := time.FixedZone("WIB", 7*3600)
	mks, err := time.LoadLocation("Asia/Makassar")
	if err != nil {
		mks = time.FixedZone("WITA", 8*3600)
	}
	tests := []struct {
		t    time.Time
		zone string
		date string
		full string
	}{
		{time.Date(2026, 11, 23, 8, 15, 0, 0, jkt), "WIB", "Senin, 23 November 2026", "Senin, 23 November 2026 08:15 WIB"},
		{time.Date(2026, 8, 17, 10, 0, 0, 0, jkt), "", "Senin, 17 Agustus 2026", "Senin, 17 Agustus 2026 10:00 WIB"},
		{time.Date(2026, 3, 1, 23, 59, 0, 0, mks), "", "Minggu, 1 Maret 2026", "Minggu, 1 Maret 2026 23:59 WITA"},
		{time.Date(2026, 2, 6, 7, 5, 0, 0, time.FixedZone("", 9*3600)), "WIT", "Jumat, 6 Februari 2026", "Jumat, 6 Februari 2026 07:05 WIT"},
		{time.Time{}, "WIB", "", ""},
	}
	for _, tt := range tests {
		if got := FormatDateID(tt.t); got != tt.date {
			t.Errorf("FormatDateID(%v) = %q, want %q", tt.t, got, tt.date)
		}
		if got := FormatDateTimeID(tt.t, tt.zone); got != tt.full {
			t.Errorf("FormatDateTimeID(%v) = %q, want %q", tt.t, got, tt.full)
		}
	}
	waits := map[time.Duration]string{
		0: "kurang dari 1 menit", -time.Hour: "kurang dari 1 menit", 25 * time.Minute: "± 25 menit",
		90 * time.Second: "± 2 menit", time.Hour: "± 1 jam", 70 * time.Minute: "± 1 jam 10 menit",
	}
	for d, want := range waits {
		if got := FormatWaitID(d); got != want {
			t.Errorf("FormatWaitID(%v) = %q, want %q", d, got, want)
		}
	}
}

// BenchmarkTicketStubPDF renders the sample ticket stub on 80 mm roll.
// Figure: ns/op, one stub PDF.
func BenchmarkTicketStubPDF(b *testing.B) {
	d := sampleTicket()
	for b.Loop() {
		if _, err := TicketStubPDF(d, Roll80); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReceiptPDF renders the sample receipt on thermal 80 mm and A5.
// Figure: ns/op per layout, one receipt PDF.
func BenchmarkReceiptPDF(b *testing.B) {
	d := sampleReceipt()
	for _, l := range []Layout{Thermal80, A5} {
		b.Run(l.String(), func(b *testing.B) {
			for b.Loop() {
				if _, err := ReceiptPDF(d, l); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkStandardSheetPDF renders the sample Standar Pelayanan sheet.
// Figure: ns/op, one sheet PDF.
func BenchmarkStandardSheetPDF(b *testing.B) {
	d := sampleStandard()
	for b.Loop() {
		if _, err := StandardSheetPDF(d); err != nil {
			b.Fatal(err)
		}
	}
}
