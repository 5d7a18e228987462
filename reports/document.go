package reports

import (
	"time"
)

// Document is a plain paged document on the office letterhead: sections of
// paragraphs, labelled fields and tables, with an optional signature
// block. The personal data documents (a person's data export, the record
// of processing, the breach notice letter) are built from it by package
// office, so reports stays free of the store's types.
type Document struct {
	Office    OfficeInfo
	Title     string
	Subtitle  string
	Generated time.Time
	// Notice is a boxed warning under the title ("" for none).
	Notice    string
	Sections  []Section
	Signature *Signature
}

// Section is one numbered part of a Document; any of its parts may be
// empty, and they are drawn in the order fields, paragraphs, table.
type Section struct {
	Heading    string
	Fields     [][2]string
	Paragraphs []string
	Table      *DocTable
}

// DocTable is a table whose column widths (mm, summing to at most 182)
// are given; the header repeats on every page.
type DocTable struct {
	Header []string
	Widths []float64
	Rows   [][]string
}

// Signature closes a letter: place and date, the position, room to sign,
// the name and NIP.
type Signature struct {
	PlaceDate string
	Position  string
	Name      string
	NIP       string
}

// DocumentPDF renders d as an A4 PDF.
func DocumentPDF(d Document) ([]byte, error) {
	r := newReport(d.Title, d.Subtitle, Figures{Office: d.Office, Generated: d.Generated})
	if d.Notice != "" {
		r.warning("Perhatian", d.Notice)
	}
	for _, s := range d.Sections {
		need := 12.0
		if s.Table != nil {
			need = 20
		}
		r.heading(s.Heading, need)
		for _, fl := range s.Fields {
			r.f.labelled(fl[0], fl[1], 48, 8.5)
		}
		if len(s.Fields) > 0 {
			r.f.gap(2)
		}
		for _, p := range s.Paragraphs {
			r.f.text(p, "", 8.5, "L")
			r.f.gap(1.5)
		}
		if s.Table != nil {
			cols := make([]tcol, len(s.Table.Widths))
			for i, w := range s.Table.Widths {
				cols[i] = tcol{w: w, align: "L"}
			}
			if len(s.Table.Rows) == 0 {
				r.note("Tidak ada data.")
			} else {
				r.table(cols, s.Table.Header, s.Table.Rows, 7, nil)
			}
			r.f.gap(2)
		}
	}
	if sg := d.Signature; sg != nil {
		f := r.f
		f.ensure(lineH(9) * 8)
		f.gap(6)
		x, w := f.x+f.w*0.55, f.w*0.45
		f.textAt(x, w, sg.PlaceDate, "", 9, "L")
		f.textAt(x, w, sg.Position, "", 9, "L")
		f.gap(18)
		f.textAt(x, w, sg.Name, "B", 9, "L")
		if sg.NIP != "" {
			f.textAt(x, w, "NIP "+sg.NIP, "", 9, "L")
		}
	}
	return finish(r.pdf, "document")
}
