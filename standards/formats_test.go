package standards

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// buildPDF writes a minimal PDF with the given objects (numbered from 1,
// object 1 the catalog) and a correct cross-reference table.
func buildPDF(objs []string, trailerExtra string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, trailerExtra, xref)
	return b.Bytes()
}

func pdfStream(dict, data string) string {
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}

// textPDF is a one-page PDF whose content stream draws the given lines
// with Helvetica, one baseline each, at x positions given per cell.
func textPDF(rows [][]string) []byte {
	var c strings.Builder
	y := 780
	for _, r := range rows {
		for i, cell := range r {
			fmt.Fprintf(&c, "BT /F1 10 Tf %d %d Td (%s) Tj ET\n", 40+i*150, y, cell)
		}
		y -= 14
	}
	return buildPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		pdfStream("", c.String()),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	}, "")
}

func scannedPDF() []byte {
	return buildPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
		pdfStream("", "q 200 0 0 200 0 0 cm /Im1 Do Q"),
		pdfStream("/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8", "\x00\xff\xff\x00"),
	}, "")
}

func encryptedPDF() []byte {
	h := strings.Repeat("7a", 32)
	return buildPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
		pdfStream("", "BT /F1 10 Tf 10 10 Td (rahasia) Tj ET"),
		"<< /Filter /Standard /V 1 /R 2 /O <" + h + "> /U <" + h + "> /P -4 >>",
	}, "/Encrypt 5 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]")
}

func zipOf(files map[string]string) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for name, body := range files {
		w, _ := zw.Create(name)
		w.Write([]byte(body))
	}
	zw.Close()
	return b.Bytes()
}

// TestBadInput: every unreadable file gets its own error, whose message is
// one Indonesian sentence that reads well after office's "Dokumen X tidak
// dapat dibaca: ".
func TestBadInput(t *testing.T) {
	pdfBytes := readFixture(t, filepath.Join("testdata", "office", "table_komponen.pdf"))
	docxBytes := readFixture(t, filepath.Join("testdata", "office", "table_komponen.docx"))
	tests := []struct {
		name string
		data []byte
		want error
		msg  string
	}{
		{"scanned pdf", scannedPDF(), ErrScanned, "hasil pindaian"},
		{"encrypted pdf", encryptedPDF(), ErrEncrypted, "kata sandi"},
		{"truncated pdf", pdfBytes[:len(pdfBytes)/2], ErrCorruptPDF, "rusak"},
		{"pdf header only", []byte("%PDF-1.7\n%%EOF\n"), ErrCorruptPDF, "rusak"},
		{"truncated docx", docxBytes[:len(docxBytes)/2], ErrCorruptDOCX, "rusak"},
		{"docx with broken xml", zipOf(map[string]string{"word/document.xml": "<w:document><w:body><w:p>"}), ErrCorruptDOCX, "rusak"},
		{"empty docx", zipOf(map[string]string{"word/document.xml": `<w:document xmlns:w="x"><w:body><w:p/></w:body></w:document>`}), ErrEmpty, "kosong"},
		{"xlsx", zipOf(map[string]string{"xl/workbook.xml": "<workbook/>"}), ErrNotText, "bukan dokumen"},
		{"old word", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 64)...), ErrOldWord, ".doc"},
		{"empty", []byte{}, ErrEmpty, "kosong"},
		{"image", append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{1, 2, 3, 0}, 64)...), ErrNotText, "bukan dokumen"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _, err := Parse("x", tt.data)
			if !errors.Is(err, tt.want) || len(d.Services) != 0 {
				t.Fatalf("error %v (%d services), want %v", err, len(d.Services), tt.want)
			}
			// As office.parseDocument shows it: the error is the sentence's
			// end, without its full stop (Go's error style).
			msg := "Dokumen x tidak dapat dibaca: " + err.Error() + "."
			if !strings.Contains(msg, tt.msg) || strings.HasSuffix(err.Error(), ".") || strings.Count(msg, ".") > 3 || strings.Contains(msg, "standards:") {
				t.Errorf("message %q", msg)
			}
		})
	}
	// a readable file that is not a standard is not an error here: no
	// services and a warning (office turns that into its own message)
	d, w, err := Parse("surat.pdf", textPDF([][]string{{"Surat undangan rapat koordinasi"}, {"Hari Senin pukul 09.00"}}))
	if err != nil || len(d.Services) != 0 || len(w) == 0 {
		t.Errorf("not a standard: %v, %d services, warnings %q", err, len(d.Services), w)
	}
}

// TestPDFFlowLayout: a PDF without table borders keeps its columns apart by
// the gap between them, and reads as the same document as its text.
func TestPDFFlowLayout(t *testing.T) {
	rows := [][]string{
		{"Kantor Contoh Sepuluh"},
		{"Layanan Penerbitan Kartu Pengawasan"},
		{"Persyaratan"},
		{"1. Surat permohonan;"},
		{"2. Daftar kontrak."},
		{"Waktu Penyelesaian"},
		{"2 \\(dua\\) hari kerja"},
		{"Biaya / Tarif"},
		{"Gratis"},
		{"Produk Pelayanan"},
		{"Kartu pengawasan"},
	}
	d, _, err := Parse("x.pdf", textPDF(rows))
	if err != nil {
		t.Fatal(err)
	}
	checkServices(t, d.Services, []wantService{{name: "Layanan Penerbitan Kartu Pengawasan",
		reqs: []string{"Surat permohonan", "Daftar kontrak."}, sla: []string{"2-2 work_day"}, free: true, prods: []string{"Kartu pengawasan"}}})
	text, err := pdfText(textPDF([][]string{{"No.", "Komponen", "Uraian"}, {"1.", "Persyaratan", "KTP"}, {"", "", "NPWP"}}))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "No.\tKomponen\tUraian\n1.\tPersyaratan\tKTP NPWP\n") {
		t.Errorf("cells not kept apart: %q", text)
	}
}

// TestDocxNumbering: Word list numbering (numbering.xml) comes out as the
// markers Word shows, tabs split table cells, Symbol bullets become "•".
func TestDocxNumbering(t *testing.T) {
	const w = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	num := `<w:numbering ` + w + `><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1."/></w:lvl>` +
		`<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2)"/></w:lvl></w:abstractNum>` +
		`<w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num></w:numbering>`
	p := func(text string, ilvl int) string {
		return `<w:p><w:pPr><w:numPr><w:ilvl w:val="` + fmt.Sprint(ilvl) + `"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
	}
	body := `<w:document ` + w + `><w:body>` +
		`<w:p><w:r><w:t>Persyaratan</w:t></w:r></w:p>` + p("KTP;", 0) + p("Surat kuasa:", 0) + p("asli", 1) + p("fotokopi", 1) + p("NPWP.", 0) +
		`<w:p><w:r><w:sym w:font="Symbol" w:char="F0B7"/><w:tab/><w:t>butir</w:t></w:r></w:p>` +
		`<w:tbl><w:tr><w:tc><w:p><w:r><w:t>1.</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Biaya</w:t></w:r></w:p></w:tc>` +
		`<w:tc><w:p><w:r><w:t>Gratis</w:t><w:tab/><w:t>sekali</w:t></w:r></w:p><w:p><w:r><w:t>lagi</w:t></w:r></w:p></w:tc></w:tr></w:tbl>` +
		`</w:body></w:document>`
	// a "List Bullet" style paragraph is numbered through its style
	styles := `<w:styles ` + w + `><w:style w:type="paragraph" w:styleId="ListBullet"><w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr></w:style></w:styles>`
	num = strings.Replace(num, `</w:numbering>`, `<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="`+"\uf0b7"+`"/></w:lvl></w:abstractNum><w:num w:numId="4"><w:abstractNumId w:val="1"/></w:num></w:numbering>`, 1)
	body = strings.Replace(body, `</w:body>`, `<w:p><w:pPr><w:pStyle w:val="ListBullet"/></w:pPr><w:r><w:t>Surat tugas</w:t></w:r></w:p></w:body>`, 1)
	got, err := docxText(zipOf(map[string]string{"word/document.xml": body, "word/numbering.xml": num, "word/styles.xml": styles}))
	if err != nil {
		t.Fatal(err)
	}
	want := "Persyaratan\na. KTP;\nb. Surat kuasa:\n1) asli\n2) fotokopi\nc. NPWP.\n•\tbutir\n1.\tBiaya\tGratis sekali lagi\n\n• Surat tugas\n"
	if got != want {
		t.Errorf("docxText =\n%q\nwant\n%q", got, want)
	}
}

func FuzzParsePDF(f *testing.F) {
	for _, name := range []string{"table_komponen.pdf", "seed004.pdf", "seed000.pdf"} {
		data, err := os.ReadFile(filepath.Join("testdata", "office", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
		f.Add(data[:len(data)*2/3])
	}
	f.Add(scannedPDF())
	f.Add(encryptedPDF())
	f.Add(textPDF([][]string{{"No.", "Komponen", "Uraian"}, {"1.", "Persyaratan", "KTP"}}))
	f.Fuzz(func(t *testing.T, data []byte) {
		if !bytes.HasPrefix(data, []byte("%PDF")) {
			data = append([]byte("%PDF-1.4\n"), data...)
		}
		checkParseResult(t, data)
	})
}

func FuzzParseDOCX(f *testing.F) {
	for _, name := range []string{"table_komponen.docx", "seed004.docx", "seed000.docx"} {
		data, err := os.ReadFile(filepath.Join("testdata", "office", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add(zipOf(map[string]string{"word/document.xml": `<w:document><w:body><w:tbl><w:tr><w:tc><w:p><w:r><w:t>1.</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>`}))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkParseResult(t, data)
	})
}

// FuzzDocxXML fuzzes the document.xml walk itself (the zip layer would
// otherwise reject almost every mutation by its checksum).
func FuzzDocxXML(f *testing.F) {
	f.Add([]byte(`<w:document><w:body><w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>a</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>1.</w:t><w:tab/></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>`),
		[]byte(`<w:numbering><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="1"><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1.%2"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`))
	f.Fuzz(func(t *testing.T, doc, num []byte) {
		checkParseResult(t, zipOf(map[string]string{"word/document.xml": string(doc), "word/numbering.xml": string(num)}))
	})
}

func checkParseResult(t *testing.T, data []byte) {
	t.Helper()
	d, _, err := Parse("fuzz", data)
	if err != nil {
		// One of Parse's sentences (without its full stop) and no services.
		if len(d.Services) != 0 || err.Error() == "" || strings.HasSuffix(err.Error(), ".") {
			t.Fatalf("error %q with %d services", err, len(d.Services))
		}
		return
	}
	if d.Services == nil {
		t.Fatal("nil services")
	}
	for i, s := range d.Services {
		if s.Number != i+1 || s.Components == nil || s.Requirements == nil || s.SLA == nil {
			t.Fatalf("service %d malformed: %+v", i, s)
		}
	}
}

// TestDocxTables: services as Word tables under headings with and without
// a number, a "Komponen | Uraian" table without its "No." column.
func TestDocxTables(t *testing.T) {
	const w = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	para := func(s string) string { return `<w:p><w:r><w:t>` + s + `</w:t></w:r></w:p>` }
	row := func(cells ...string) string {
		var b strings.Builder
		b.WriteString("<w:tr>")
		for _, c := range cells {
			b.WriteString("<w:tc>" + para(c) + "</w:tc>")
		}
		return b.String() + "</w:tr>"
	}
	table := func(rows ...string) string { return "<w:tbl>" + strings.Join(rows, "") + "</w:tbl>" }
	body := `<w:document ` + w + `><w:body>` + para("Kantor Contoh Sebelas") +
		para("Layanan Penerbitan Surat Izin") +
		table(row("Komponen", "Uraian"), row("Persyaratan", "a. Surat permohonan; b. KTP."), row("Jangka Waktu Pelayanan", "2 (dua) hari kerja"),
			row("Biaya/Tarif", "Gratis"), row("Produk Pelayanan", "Surat izin")) +
		para("Jenis Pelayanan : Konsultasi Perizinan") +
		table(row("No.", "Komponen", "Uraian"), row("1.", "Persyaratan", "Identitas pemohon"), row("2.", "Jangka Waktu Pelayanan", "30 menit"),
			row("3.", "Biaya/Tarif", "Gratis"), row("4.", "Produk Pelayanan", "Jawaban konsultasi")) +
		`</w:body></w:document>`
	d, _, err := Parse("x.docx", zipOf(map[string]string{"word/document.xml": body}))
	if err != nil {
		t.Fatal(err)
	}
	checkServices(t, d.Services, []wantService{
		{name: "Layanan Penerbitan Surat Izin", reqs: []string{"Surat permohonan", "KTP."}, sla: []string{"2-2 work_day"}, free: true, prods: []string{"Surat izin"}},
		{name: "Konsultasi Perizinan", reqs: []string{"Identitas pemohon"}, sla: []string{"30-30 minute"}, free: true, prods: []string{"Jawaban konsultasi"}},
	})
}
