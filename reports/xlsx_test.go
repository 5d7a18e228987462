package reports

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestXLSXIsAWellFormedWorkbook(t *testing.T) {
	fig := sampleFigures(t, MonthPeriod(time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)))
	tables := ReportTables(fig, true)
	tables = append(tables, Table{Name: "Aneh: [a/b]*? nama yang sangat panjang sekali", Header: []string{"x"},
		Rows: [][]any{{"<&> \x01kontrol"}}}, Table{Name: "Per layanan", Header: []string{"dup"}})
	b, err := XLSX(tables)
	if err != nil {
		t.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, f := range z.File {
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		files[f.Name] = string(data)
		// Every part must parse as XML.
		d := xml.NewDecoder(bytes.NewReader(data))
		for {
			if _, err := d.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
		}
	}
	for _, need := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/worksheets/sheet1.xml"} {
		if _, ok := files[need]; !ok {
			t.Errorf("missing part %s", need)
		}
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := xml.Unmarshal([]byte(files["xl/workbook.xml"]), &wb); err != nil {
		t.Fatal(err)
	}
	if len(wb.Sheets) != len(tables) {
		t.Fatalf("%d sheets, want %d", len(wb.Sheets), len(tables))
	}
	seen := map[string]bool{}
	for _, s := range wb.Sheets {
		if len([]rune(s.Name)) > 31 || strings.ContainsAny(s.Name, `[]:*?/\`) || seen[strings.ToLower(s.Name)] {
			t.Errorf("bad sheet name %q", s.Name)
		}
		seen[strings.ToLower(s.Name)] = true
	}
	// Numbers stay numbers; text is escaped.
	if s := files["xl/worksheets/sheet2.xml"]; !strings.Contains(s, `<c r="B2"><v>`) || !strings.Contains(s, "Pencairan Dana (SP2D)") {
		t.Errorf("per-service sheet: %.400s", s)
	}
	if s := files["xl/worksheets/sheet"+itoa(len(tables)-1)+".xml"]; !strings.Contains(s, "&lt;&amp;&gt; kontrol") {
		t.Errorf("escaping: %s", s)
	}
	// Python's zipfile (the brief's structure check): required under the
	// ci tag (`make test` installs python3), skipped with a note otherwise.
	if py, err := exec.LookPath("python3"); err != nil {
		if requireTools {
			t.Fatalf("python3 is needed for the zip structure check (make deps-test installs it): %v", err)
		}
		t.Logf("python3 not installed: zip structure check skipped: %v", err)
	} else {
		path := filepath.Join(t.TempDir(), "r.xlsx")
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(py, "-c", `import sys, zipfile
z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None
import xml.dom.minidom as m
for n in z.namelist(): m.parseString(z.read(n))
print(len(z.namelist()))`, path).CombinedOutput()
		if err != nil {
			t.Errorf("python zipfile: %v %s", err, out)
		}
	}
	if dir := os.Getenv("LOKET_REPORT_SAMPLES"); dir != "" {
		os.WriteFile(filepath.Join(dir, "bulanan.xlsx"), b, 0o644)
	}
}

func itoa(i int) string { return string(rune('0'+i/10)) + string(rune('0'+i%10)) }

func TestBriefingPDF(t *testing.T) {
	day := sampleFigures(t, DayPeriod(time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)))
	recent := sampleFigures(t, RangePeriod(time.Date(2026, 10, 29, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)))
	b, err := BriefingPDF(day, recent, time.Date(2026, 11, 30, 7, 30, 0, 0, wib))
	checkPDF(t, b, err)
	text := pdfText(t, b)
	assertContains(t, text, "LEMBAR PENGARAHAN PAGI", "Jumat, 27 November 2026", "Senin, 30 November 2026 pukul 07.30",
		"Petugas kemarin", "Rina Marlina", "Layanan terlambat kemarin", "KS-2026-00412", "Unsur IKM terendah", "Evaluasi", "Apresiasi", "Motivasi")
	if dir := os.Getenv("LOKET_REPORT_SAMPLES"); dir != "" {
		os.WriteFile(filepath.Join(dir, "briefing.pdf"), b, 0o644)
	}
}
