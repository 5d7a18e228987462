package reports

import (
	"strconv"
	"strings"
	"time"
)

// StandardSheetData is one service of the catalog as posted at the counter:
// the service delivery components of a Standar Pelayanan.
type StandardSheetData struct {
	// OfficeName heads the sheet; optional.
	OfficeName string
	// Unit is the unit that delivers the service.
	Unit        string
	ServiceName string
	// Reference is the decree or catalog code the standard comes from;
	// optional.
	Reference    string
	Requirements []string
	Procedure    []string
	TimeNorm     string
	Fee          string
	Product      string
	// ComplaintChannels lists how to complain, suggest or ask.
	ComplaintChannels []string
	// PrintedAt dates the footer; zero prints no date.
	PrintedAt time.Time
	// ZoneLabel is "WIB", "WITA" or "WIT" for PrintedAt; empty derives it.
	ZoneLabel string
}

// standardSizes are the body sizes tried, largest first, until the sheet
// fits one page.
var standardSizes = []float64{10.5, 10, 9.5, 9, 8.5, 8, 7.5, 7, 6.5}

const truncatedNote = "Sebagian uraian dipersingkat (…) agar muat satu halaman; lihat dokumen Standar Pelayanan lengkap."

// StandardSheetPDF renders a one-page A4 standard sheet. Long text wraps;
// if it does not fit even at the smallest type size, the longest cells are
// cut with "…" and a note says so.
func StandardSheetPDF(d StandardSheetData) ([]byte, error) {
	pdf := newDoc("Standar Pelayanan "+d.ServiceName, d.PrintedAt)
	const pw, ph, margin = 210.0, 297.0, 18.0
	bottom := ph - margin - 6 // room for the footer line
	fits := func(size float64, maxLines int) (bool, bool) {
		f := &flow{pdf: pdf, x: margin, w: pw - 2*margin, y: margin}
		cut := standardLayout(f, d, size, maxLines, false)
		return f.y <= bottom, cut
	}
	size, maxLines := standardSizes[len(standardSizes)-1], 0
	found := false
	for _, s := range standardSizes {
		if ok, _ := fits(s, 0); ok {
			size, found = s, true
			break
		}
	}
	cut := false
	if !found {
		// Shrink the per-cell line budget until the page holds.
		for maxLines = 60; maxLines > 2; maxLines-- {
			ok, _ := fits(size, maxLines)
			if ok {
				break
			}
		}
		cut = true
	}
	pdf.AddPageFormat("P", sizeType(pw, ph))
	f := &flow{pdf: pdf, draw: true, x: margin, w: pw - 2*margin, y: margin}
	standardLayout(f, d, size, maxLines, cut)
	pdf.SetFont(family, "", 7)
	pdf.SetLineWidth(0.2)
	pdf.Line(margin, ph-margin-2, pw-margin, ph-margin-2)
	footer := "Standar Pelayanan · " + cleanLine(d.ServiceName)
	pdf.SetXY(margin, ph-margin-1)
	pdf.CellFormat(pw-2*margin, 4, footer, "", 0, "LM", false, 0, "")
	if !d.PrintedAt.IsZero() {
		pdf.SetXY(margin, ph-margin-1)
		pdf.CellFormat(pw-2*margin, 4, "Dicetak "+FormatDateTimeID(d.PrintedAt, d.ZoneLabel), "", 0, "RM", false, 0, "")
	}
	return finish(pdf, "standard sheet")
}

// standardLayout lays the sheet out at body size; it reports whether any
// cell was cut to maxLines. note adds the truncation note.
func standardLayout(f *flow, d StandardSheetData, size float64, maxLines int, note bool) bool {
	if office := cleanLine(d.OfficeName); office != "" {
		f.text(strings.ToUpper(office), "B", 10, "C")
		f.gap(1)
		f.rule(0.6)
		f.gap(0.5)
		f.rule(0.2)
		f.gap(5)
	}
	f.text("STANDAR PELAYANAN", "B", 15, "C")
	f.gap(1)
	f.text(d.ServiceName, "B", 12.5, "C")
	f.text(d.Unit, "", 10, "C")
	if ref := cleanLine(d.Reference); ref != "" {
		f.text(ref, "", 8.5, "C")
	}
	f.gap(5)

	noW, compW := 9.0, 44.0
	cols := []tcol{{noW, "C"}, {compW, "L"}, {f.w - noW - compW, "L"}}
	f.row(cols, []tcell{{text: "No", style: "B"}, {text: "Komponen", style: "B"}, {text: "Uraian", style: "B"}},
		size, true, 0, nil)

	dash := func(s string) string {
		if strings.TrimSpace(s) == "" {
			return "-"
		}
		return s
	}
	list := func(items []string, numbered bool) tcell {
		items = cleanList(items)
		if len(items) == 0 {
			return tcell{text: "-"}
		}
		return tcell{items: items, numbered: numbered}
	}
	rows := []struct {
		name string
		cell tcell
	}{
		{"Persyaratan pelayanan", list(d.Requirements, true)},
		{"Sistem, mekanisme, dan prosedur", list(d.Procedure, true)},
		{"Jangka waktu penyelesaian", tcell{text: dash(d.TimeNorm)}},
		{"Biaya/tarif", tcell{text: dash(d.Fee)}},
		{"Produk pelayanan", tcell{text: dash(d.Product)}},
		{"Penanganan pengaduan, saran, dan masukan", list(d.ComplaintChannels, false)},
	}
	cut := false
	for i, r := range rows {
		c := f.row(cols, []tcell{{text: strconv.Itoa(i + 1)}, {text: r.name, style: "B"}, r.cell}, size, false, maxLines, nil)
		cut = cut || c
	}
	if note {
		f.gap(3)
		f.text(truncatedNote, "", 7.5, "L")
	}
	return cut
}
