package reports

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Table is one sheet of a spreadsheet export: a title, a header row and
// rows whose cells are strings, ints, float64s or dates (dayCell,
// timeCell). Numbers stay numbers and dates stay dates in the workbook so
// the Kepala Seksi can sum, sort and chart them; an empty string is a
// blank cell (no data), never a 0.
type Table struct {
	Name   string
	Header []string
	Rows   [][]any
}

// dateCell is a date (or date and time) cell, in the office's wall clock.
type dateCell struct {
	t     time.Time
	clock bool
}

// dayCell is a date cell from a business date "2026-11-23"; text that is
// not a date stays text.
func dayCell(date string) any {
	t, err := time.Parse("2006-01-02", date)
	if err != nil {
		return date
	}
	return dateCell{t: t}
}

// timeCell is a date-and-time cell; a zero time is a blank cell.
func timeCell(t time.Time) any {
	if t.IsZero() {
		return ""
	}
	return dateCell{t: t, clock: true}
}

// serial is the spreadsheet date number: days since 30 December 1899,
// the time of day as the fraction, read from the wall clock of t.
func (d dateCell) serial() float64 {
	y, m, dd := d.t.Date()
	days := time.Date(y, m, dd, 0, 0, 0, 0, time.UTC).Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24
	if !d.clock {
		return days
	}
	h, mi, sec := d.t.Clock()
	return days + float64(h*3600+mi*60+sec)/86400
}

// text is how the CSV writes the date: the dd/mm/yyyy Excel on Indonesian
// Windows reads as a date.
func (d dateCell) text() string {
	if d.clock {
		return d.t.Format("02/01/2006 15:04")
	}
	return d.t.Format("02/01/2006")
}

func minutes(d DurationStats, v time.Duration) any {
	if d.N == 0 {
		return ""
	}
	return roundTo(v.Minutes(), 1)
}

func roundTo(v float64, n int) float64 {
	p, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'f', n, 64), 64)
	return p
}

func statCells(name string, s Stats) []any {
	share, ok := s.NormShare()
	var norm any = ""
	if ok {
		norm = roundTo(share*100, 1)
	}
	return []any{name, s.Issued, s.Served, s.NoShow, s.Cancelled, s.Open,
		minutes(s.Wait, s.Wait.Median), minutes(s.Wait, s.Wait.P90), minutes(s.Wait, s.Wait.Max),
		minutes(s.Service, s.Service.Median), minutes(s.Service, s.Service.P90), minutes(s.Service, s.Service.Max),
		s.NormKnown, norm}
}

var statHeader = []string{"Diambil", "Dilayani", "Tidak hadir", "Batal", "Belum selesai", "Tunggu median (menit)",
	"Tunggu p90 (menit)", "Tunggu maks (menit)", "Layan median (menit)", "Layan p90 (menit)", "Layan maks (menit)",
	"Tiket bernorma", "Sesuai norma (%)"}

// ReportTables lays the figures out as tables for XLSX and CSV. perOfficer
// includes the IKM per counter and officer.
func ReportTables(fig Figures, perOfficer bool) []Table {
	sum := Table{Name: "Ringkasan", Header: []string{"Uraian", "Nilai"}, Rows: [][]any{
		{"Kantor", fig.Office.Name},
		{"Laporan", ReportTitle(fig.Period)},
		{"Periode", fig.Period.Label()},
	}}
	if !fig.Generated.IsZero() {
		sum.Rows = append(sum.Rows, []any{"Dibuat", timeCell(fig.Generated)})
	}
	if fig.FilterLabel != "" {
		sum.Rows = append(sum.Rows, []any{"Filter", fig.FilterLabel})
	}
	if fig.CalendarWarning != "" {
		sum.Rows = append(sum.Rows, []any{"Peringatan kalender", fig.CalendarWarning})
	}
	sc := statCells("", fig.Total)
	for i, h := range statHeader {
		sum.Rows = append(sum.Rows, []any{h, sc[i+1]})
	}
	if fig.IKM.Respondents > 0 {
		sum.Rows = append(sum.Rows, []any{"Responden IKM", fig.IKM.Respondents}, []any{"Nilai IKM", fig.IKM.Value},
			[]any{"Mutu pelayanan", fig.IKM.Grade}, []any{"Kinerja unit", IKMPerformance(fig.IKM.Grade)})
	}
	for _, z := range []struct {
		name string
		ix   ZIIndex
	}{{"IPK", fig.IPK}, {"IPAK", fig.IPAK}} {
		if z.ix.Respondents > 0 {
			sum.Rows = append(sum.Rows, []any{"Responden " + z.name, z.ix.Respondents}, []any{"Nilai " + z.name, z.ix.Value})
		}
	}
	tables := []Table{sum}
	group := func(name, first string, gs []Group) {
		t := Table{Name: name, Header: append([]string{first}, statHeader...)}
		for _, g := range gs {
			t.Rows = append(t.Rows, statCells(g.Name, g.Stats))
		}
		// Jumlah adds up the rows above it (see sumGroups).
		t.Rows = append(t.Rows, statCells("Jumlah", sumGroups(gs, fig.Total)))
		tables = append(tables, t)
	}
	group("Per layanan", "Layanan", fig.ByService)
	group("Per loket", "Loket", fig.ByCounter)
	group("Per petugas", "Petugas", fig.ByOfficer)

	what := "Tanggal"
	if fig.Period.From == fig.Period.To {
		what = "Jam"
	}
	series := Table{Name: "Per " + strings.ToLower(what), Header: []string{what, "Diambil", "Dilayani", "Tidak hadir", "Batal",
		"Tunggu median (menit)", "Tunggu p90 (menit)"}}
	for _, p := range fig.Series {
		var label any = p.Label
		if len(p.Label) == 2 {
			label = p.Label + ".00"
		} else {
			label = dayCell(p.Label)
		}
		// An hour or day without a waiting time has blank cells, not 0.
		var med, p90 any = "", ""
		if p.WaitN > 0 {
			med, p90 = roundTo(p.MedianWait.Minutes(), 1), roundTo(p.P90Wait.Minutes(), 1)
		}
		series.Rows = append(series.Rows, []any{label, p.Issued, p.Served, p.NoShow, p.Cancelled, med, p90})
	}
	tables = append(tables, series)

	heat := Table{Name: "Jam tersibuk", Header: []string{"Baris"}}
	for _, h := range fig.Heat.Hours {
		heat.Header = append(heat.Header, fmt.Sprintf("%02d.00", h))
	}
	for i, rn := range fig.Heat.Rows {
		row := []any{rn}
		for _, n := range fig.Heat.Cells[i] {
			if n == 0 {
				row = append(row, "") // an empty hour is blank, as in the PDF
				continue
			}
			row = append(row, n)
		}
		heat.Rows = append(heat.Rows, row)
	}
	tables = append(tables, heat)

	late := Table{Name: "Terlambat", Header: []string{"Nomor", "Tanggal", "Layanan", "Loket", "Petugas", "Tunggu (menit)",
		"Layan (menit)", "Norma", "Keterangan"}}
	for _, it := range fig.Late {
		late.Rows = append(late.Rows, []any{it.Code, dayCell(it.Date), it.Service, it.Counter, it.Officer, roundTo(it.Wait.Minutes(), 1),
			roundTo(it.Served.Minutes(), 1), it.Norm, it.Reason})
	}
	tables = append(tables, late)

	ikm := Table{Name: "IKM", Header: []string{"Unsur", "Uraian", "Jawaban", "Jumlah nilai", "NRR", "NRR tertimbang"}}
	for i, e := range IKMElements {
		ikm.Rows = append(ikm.Rows, []any{fmt.Sprintf("U%d", i+1), e.Name, fig.IKM.Count[i], fig.IKM.Sum[i],
			roundTo(fig.IKM.NRR[i], 3), roundTo(fig.IKM.NRR[i]*IKMWeight, 3)})
	}
	ikm.Rows = append(ikm.Rows, []any{"IKM", "Jumlah NRR tertimbang", "", "", "", roundTo(fig.IKM.Index, 3)},
		[]any{"Konversi", "IKM x 25", "", "", "", fig.IKM.Value}, []any{"Mutu", IKMPerformance(fig.IKM.Grade), "", "", "", fig.IKM.Grade})
	tables = append(tables, ikm)
	ikmGroups := func(name string, gs []Group) {
		t := Table{Name: name, Header: []string{"Nama", "Responden", "Nilai IKM", "Mutu", "U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9"}}
		for _, g := range gs {
			if g.IKM.Respondents == 0 {
				continue
			}
			row := []any{g.Name, g.IKM.Respondents, g.IKM.Value, g.IKM.Grade}
			for i := range g.IKM.NRR {
				row = append(row, roundTo(g.IKM.NRR[i], 3))
			}
			t.Rows = append(t.Rows, row)
		}
		tables = append(tables, t)
	}
	ikmGroups("IKM per layanan", fig.ByService)
	if perOfficer {
		ikmGroups("IKM per loket", fig.ByCounter)
		ikmGroups("IKM per petugas (rahasia)", fig.ByOfficer)
	}
	// The Zona Integritas indices, as the PDF's section shows them.
	tables = append(tables, ZITables(fig)...)
	if c := fig.CSO; c != nil {
		t := Table{Name: "Konsultasi CSO", Header: []string{"Kelompok", "Uraian", "Banyaknya"}}
		var median any = ""
		if c.Resolved > 0 {
			median = roundTo(c.ResolutionMedian.Minutes(), 0)
		}
		t.Rows = append(t.Rows, []any{"Ringkasan", "Konsultasi dicatat", c.Total}, []any{"Ringkasan", "Selesai (resolved)", c.Resolved},
			[]any{"Ringkasan", "Lewat tenggat tindak lanjut (akhir periode)", len(c.Overdue)},
			[]any{"Ringkasan", "Median penyelesaian (menit kerja)", median})
		for _, g := range []struct {
			n  string
			kv []KV
		}{{"Kanal", c.ByChannel}, {"Kategori", c.ByCategory}, {"Status", c.ByStatus}} {
			for _, kv := range g.kv {
				t.Rows = append(t.Rows, []any{g.n, kv.Label, kv.N})
			}
			t.Rows = append(t.Rows, []any{g.n, "Jumlah", sumKV(g.kv)})
		}
		tables = append(tables, t, overdueTable(c.Overdue, figuresEnd(fig)))
	}
	return tables
}

// overdueTable is the full list of overdue consultations, oldest deadline
// first (the PDFs show the first OverdueShown).
func overdueTable(items []CSOItem, at time.Time) Table {
	o := Table{Name: "CSO lewat tenggat", Header: []string{"Nomor", "Dibuka", "Tenggat", "Lewat (hari)", "Kanal", "Kategori",
		"Petugas CSO", "Status"}}
	for _, it := range OldestOverdue(items) {
		var days any = ""
		if !it.Due.IsZero() && at.After(it.Due) {
			days = roundTo(at.Sub(it.Due).Hours()/24, 1)
		}
		o.Rows = append(o.Rows, []any{it.Number, timeCell(it.Opened), timeCell(it.Due), days, it.Channel, it.Category, it.Officer, it.Status})
	}
	return o
}

// File is one exported file: a name (without folder) and its bytes.
type File struct {
	Name string
	Data []byte
}

// CSVFiles writes one CSV file per table, named base-<table>.csv, in the
// dialect Excel on an Indonesian Windows opens by double-click: UTF-8 with
// a byte-order mark (so "Rp" and names with accents survive), ";" between
// fields (the list separator where "," is the decimal comma), numbers with
// a decimal comma and dates as dd/mm/yyyy. One table per file because a
// spreadsheet opens a CSV as one sheet; several tables stacked in one file
// cannot be sorted or summed.
func CSVFiles(base string, tables []Table) ([]File, error) {
	var out []File
	seen := map[string]bool{}
	for _, t := range tables {
		name := slug(t.Name)
		for k := 2; seen[name]; k++ {
			name = fmt.Sprintf("%s-%d", slug(t.Name), k)
		}
		seen[name] = true
		var buf bytes.Buffer
		buf.WriteString("\ufeff")
		w := csv.NewWriter(&buf)
		w.Comma = ';'
		w.UseCRLF = true // Windows line ends, as Excel writes them
		w.Write(t.Header)
		for _, r := range t.Rows {
			rec := make([]string, len(r))
			for j, c := range r {
				rec[j] = csvText(c)
			}
			w.Write(rec)
		}
		w.Flush()
		if err := w.Error(); err != nil {
			return nil, fmt.Errorf("reports: csv %s: %w", t.Name, err)
		}
		out = append(out, File{Name: base + "-" + name + ".csv", Data: buf.Bytes()})
	}
	return out, nil
}

// csvText writes a cell for the Indonesian CSV dialect. Text that a
// spreadsheet would run as a formula (a visitor's comment starting with
// "=") gets a leading apostrophe.
func csvText(c any) string {
	switch v := c.(type) {
	case float64:
		return strings.Replace(strconv.FormatFloat(v, 'f', -1, 64), ".", ",", 1)
	case dateCell:
		return v.text()
	case string:
		if v != "" && strings.ContainsRune("=+@", rune(v[0])) {
			return "'" + v
		}
		return v
	}
	return cellText(c)
}

// slug makes a file-name part of a table name: "IKM per petugas
// (rahasia)" -> "ikm-per-petugas-rahasia".
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	if b.Len() == 0 {
		return "tabel"
	}
	return b.String()
}

func cellText(c any) string {
	switch v := c.(type) {
	case string:
		return v
	case int:
		return strconv.Itoa(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case dateCell:
		return v.text()
	}
	return fmt.Sprint(c)
}

// XLSX writes the tables as a workbook, one sheet per table, with a bold
// frozen header row. It is the minimal Office Open XML a spreadsheet
// program accepts: content types, relationships, workbook, styles and the
// sheets with inline strings.
func XLSX(tables []Table) ([]byte, error) {
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	put := func(name, body string) error {
		w, err := z.Create(name)
		if err != nil {
			return err
		}
		_, err = w.Write([]byte(xml.Header + body))
		return err
	}
	names := sheetNames(tables)
	var ct, wbSheets, wbRels strings.Builder
	for i := range tables {
		fmt.Fprintf(&ct, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, i+1)
		fmt.Fprintf(&wbSheets, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, esc(names[i]), i+1, i+1)
		fmt.Fprintf(&wbRels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, i+1)
	}
	n := len(tables)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
			`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
			ct.String() + `</Types>`},
		{"_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
			`</Relationships>`},
		{"xl/workbook.xml", `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ` +
			`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>` + wbSheets.String() + `</sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + wbRels.String() +
			fmt.Sprintf(`<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`, n+1) +
			`</Relationships>`},
		{"xl/styles.xml", `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
			// Styles 2 and 3 are the date and date-time cells.
			`<numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="dd/mm/yyyy hh:mm"/></numFmts>` +
			`<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>` +
			`<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
			`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
			`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
			`<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
			`<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>` +
			`<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
			`<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>` +
			`</styleSheet>`},
	}
	for _, p := range parts {
		if err := put(p.name, p.body); err != nil {
			return nil, fmt.Errorf("reports: xlsx: %w", err)
		}
	}
	for i, t := range tables {
		if err := put(fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), sheetXML(t)); err != nil {
			return nil, fmt.Errorf("reports: xlsx: %w", err)
		}
	}
	if err := z.Close(); err != nil {
		return nil, fmt.Errorf("reports: xlsx: %w", err)
	}
	return buf.Bytes(), nil
}

func sheetXML(t Table) string {
	var b strings.Builder
	b.WriteString(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
	b.WriteString(`<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>`)
	cols := len(t.Header)
	for _, r := range t.Rows {
		cols = max(cols, len(r))
	}
	if cols > 0 {
		fmt.Fprintf(&b, `<cols><col min="1" max="1" width="38" customWidth="1"/>`)
		if cols > 1 {
			fmt.Fprintf(&b, `<col min="2" max="%d" width="16" customWidth="1"/>`, cols)
		}
		b.WriteString(`</cols>`)
	}
	b.WriteString(`<sheetData>`)
	row := func(n int, cells []any, style int) {
		fmt.Fprintf(&b, `<row r="%d">`, n)
		for j, c := range cells {
			ref := colName(j) + strconv.Itoa(n)
			s := ""
			if style > 0 {
				s = fmt.Sprintf(` s="%d"`, style)
			}
			switch v := c.(type) {
			case int:
				fmt.Fprintf(&b, `<c r="%s"%s><v>%d</v></c>`, ref, s, v)
			case float64:
				fmt.Fprintf(&b, `<c r="%s"%s><v>%s</v></c>`, ref, s, strconv.FormatFloat(v, 'f', -1, 64))
			case dateCell:
				st := 2
				if v.clock {
					st = 3
				}
				fmt.Fprintf(&b, `<c r="%s" s="%d"><v>%s</v></c>`, ref, st, strconv.FormatFloat(v.serial(), 'f', -1, 64))
			default:
				txt := cellText(c)
				if txt == "" {
					continue
				}
				fmt.Fprintf(&b, `<c r="%s"%s t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>`, ref, s, esc(txt))
			}
		}
		b.WriteString(`</row>`)
	}
	hdr := make([]any, len(t.Header))
	for i, h := range t.Header {
		hdr[i] = h
	}
	row(1, hdr, 1)
	for i, r := range t.Rows {
		row(i+2, r, 0)
	}
	b.WriteString(`</sheetData></worksheet>`)
	return b.String()
}

// colName is the spreadsheet column letter of a 0-based index: A, Z, AA.
func colName(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}

// esc escapes XML text and drops characters XML 1.0 cannot hold.
func esc(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r != 0xFFFE && r != 0xFFFF) {
			return r
		}
		return -1
	}, s)
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// sheetNames makes the tables' names valid and unique sheet names: at most
// 31 characters, none of []:*?/\ .
func sheetNames(tables []Table) []string {
	seen := map[string]bool{}
	out := make([]string, len(tables))
	for i, t := range tables {
		n := strings.Map(func(r rune) rune {
			if strings.ContainsRune(`[]:*?/\`, r) {
				return '-'
			}
			return r
		}, t.Name)
		if n == "" {
			n = "Lembar"
		}
		if r := []rune(n); len(r) > 31 {
			n = string(r[:31])
		}
		base := n
		for k := 2; seen[strings.ToLower(n)]; k++ {
			suffix := fmt.Sprintf(" (%d)", k)
			r := []rune(base)
			n = string(r[:min(len(r), 31-len(suffix))]) + suffix
		}
		seen[strings.ToLower(n)] = true
		out[i] = n
	}
	return out
}
