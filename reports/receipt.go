package reports

import (
	"fmt"
	"strings"
	"time"
)

// Layout selects the paper a receipt is laid out for.
type Layout int

// Receipt layouts.
const (
	// Thermal80 is an 80 mm roll; the page is as tall as the content.
	Thermal80 Layout = iota
	// A5 is a portrait A5 sheet, the usual counter printout.
	A5
	// A4 is a portrait A4 sheet.
	A4
)

// String names the layout for logs and settings screens.
func (l Layout) String() string {
	switch l {
	case Thermal80:
		return "Thermal 80 mm"
	case A5:
		return "A5"
	case A4:
		return "A4"
	}
	return fmt.Sprintf("Layout(%d)", int(l))
}

// RequirementCheck is one line of the requirement checklist: the document
// asked for, whether the visitor handed it in, and the officer's note
// (for a missing item, what exactly is missing or wrong).
type RequirementCheck struct {
	Name    string
	Present bool
	Note    string
}

// ReceiptData is what a tanda terima shows. Times are shown in the location
// they carry; callers pass them in the office's zone.
type ReceiptData struct {
	// OfficeHierarchy holds the letterhead lines above the office name,
	// e.g. "KEMENTERIAN KEUANGAN REPUBLIK INDONESIA"; optional.
	OfficeHierarchy []string
	OfficeName      string
	OfficeAddress   string
	OfficePhone     string

	ReceiptNumber string
	ReceivedAt    time.Time
	// ZoneLabel is "WIB", "WITA" or "WIT"; empty derives it from the times.
	ZoneLabel    string
	TicketNumber string

	VisitorName string
	// VisitorIDLabel is "NIP" or "NIK"; empty prints "NIP/NIK".
	VisitorIDLabel string
	VisitorID      string
	VisitorPhone   string
	SatkerCode     string
	SatkerName     string

	ServiceName  string
	Requirements []RequirementCheck

	// DueAt is the promised completion time; zero prints none. It is only
	// printed when the file is complete: a returned file has no deadline.
	DueAt time.Time
	// DueLabel introduces DueAt; empty means "Selesai paling lambat".
	DueLabel string
	// DueNote explains the deadline, e.g. "5 hari kerja sejak berkas
	// diterima lengkap"; optional.
	DueNote string
	// DueTentative says DueAt rests on estimated holidays (its year's SKB
	// not loaded): the receipt adds DueTentativeNote.
	DueTentative bool
	// Notes is free text from the officer; optional.
	Notes string

	OfficerName string
	OfficerNIP  string

	// ComplaintChannels of the service, e.g. "SMS/WA 0812-0000-0000".
	ComplaintChannels []string

	// Reprint marks the receipt "SALINAN"; ReprintedAt says when.
	Reprint     bool
	ReprintedAt time.Time
}

// Complete reports whether every requirement was handed in.
func (d ReceiptData) Complete() bool { return len(d.Missing()) == 0 }

// Missing lists the requirements not handed in, with their notes.
func (d ReceiptData) Missing() []string {
	var out []string
	for _, r := range d.Requirements {
		if r.Present || strings.TrimSpace(r.Name) == "" {
			continue
		}
		s := strings.TrimSpace(r.Name)
		if n := strings.TrimSpace(r.Note); n != "" {
			s += " (" + n + ")"
		}
		out = append(out, s)
	}
	return out
}

// StatusText is the status line: "Berkas lengkap, diproses" or "Berkas
// belum lengkap, dikembalikan".
func (d ReceiptData) StatusText() string {
	if d.Complete() {
		return "Berkas lengkap, diproses"
	}
	return "Berkas belum lengkap, dikembalikan"
}

// DueTentativeNote is the line under a tentative promised date.
const DueTentativeNote = "Tanggal ini dapat bergeser bila ada cuti bersama (SKB hari libur belum terbit)."

// DueNotes is DueNote followed by DueTentativeNote when tentative: what
// every receipt layout (PDF and thermal) prints under the promised date.
func (d ReceiptData) DueNotes() string {
	if d.DueTentative {
		note := strings.TrimSpace(d.DueNote)
		if note != "" && !strings.HasSuffix(note, ".") {
			note += "."
		}
		return strings.TrimSpace(note + " " + DueTentativeNote)
	}
	return d.DueNote
}

func (d ReceiptData) dueLabel() string {
	if l := cleanLine(d.DueLabel); l != "" {
		return l
	}
	return "Selesai paling lambat"
}

func (d ReceiptData) visitorIDLabel() string {
	if l := cleanLine(d.VisitorIDLabel); l != "" {
		return l
	}
	return "NIP/NIK"
}

func (d ReceiptData) satker() string {
	code, name := cleanLine(d.SatkerCode), cleanLine(d.SatkerName)
	switch {
	case code != "" && name != "":
		return code + " - " + name
	case code != "":
		return code
	}
	return name
}

func (d ReceiptData) contactLine() string {
	var parts []string
	if a := cleanLine(d.OfficeAddress); a != "" {
		parts = append(parts, a)
	}
	if p := cleanLine(d.OfficePhone); p != "" {
		parts = append(parts, "Telepon "+p)
	}
	return strings.Join(parts, " · ")
}

// ReceiptPDF renders a tanda terima in the given layout.
func ReceiptPDF(d ReceiptData, layout Layout) ([]byte, error) {
	switch layout {
	case Thermal80:
		return receiptRoll(d, Roll80)
	case A5, A4:
		return receiptSheet(d, layout)
	}
	return nil, fmt.Errorf("reports: receipt: tata letak %d tidak dikenal", int(layout))
}

func receiptTitle(d ReceiptData) string {
	return "Tanda terima " + cleanLine(d.ReceiptNumber)
}

// receiptRoll lays the receipt out on a thermal roll: one column, content
// height, requirement ticks drawn as vector boxes.
func receiptRoll(d ReceiptData, widthMM float64) ([]byte, error) {
	pdf := newDoc(receiptTitle(d), d.ReceivedAt)
	margin, k := rollGeometry(widthMM)
	f := &flow{pdf: pdf, x: margin, w: widthMM - 2*margin}
	if err := receiptRollLayout(f, d, k); err != nil {
		return nil, err
	}
	pdf.AddPageFormat("P", sizeType(widthMM, f.y))
	*f = flow{pdf: pdf, x: margin, w: widthMM - 2*margin, draw: true}
	if err := receiptRollLayout(f, d, k); err != nil {
		return nil, err
	}
	return finish(pdf, "receipt")
}

func receiptRollLayout(f *flow, d ReceiptData, k float64) error {
	body := 7.5 * k
	f.gap(3)
	for _, l := range d.OfficeHierarchy {
		f.text(strings.ToUpper(cleanLine(l)), "B", 6.5*k, "C")
	}
	f.text(strings.ToUpper(cleanLine(d.OfficeName)), "B", 9*k, "C")
	f.text(d.contactLine(), "", 6.5*k, "C")
	f.gap(1.5)
	f.rule(0.4)
	f.gap(2.5)
	if d.Reprint {
		f.band("SALINAN", 9*k)
		f.gap(2)
	}
	f.text("TANDA TERIMA", "B", 12*k, "C")
	f.text("Nomor: "+cleanLine(d.ReceiptNumber), "", body, "C")
	f.gap(2)
	f.dashed()
	f.gap(2)

	labelW := 19 * k
	f.labelled("Tanggal", FormatDateTimeID(d.ReceivedAt, d.ZoneLabel), labelW, body)
	f.labelled("No. antrean", d.TicketNumber, labelW, body)
	f.labelled("Layanan", d.ServiceName, labelW, body)
	f.labelled("Pemohon", d.VisitorName, labelW, body)
	if cleanLine(d.VisitorID) != "" {
		f.labelled(d.visitorIDLabel(), d.VisitorID, labelW, body)
	}
	if cleanLine(d.VisitorPhone) != "" {
		f.labelled("Telepon", d.VisitorPhone, labelW, body)
	}
	f.labelled("Satker", d.satker(), labelW, body)
	f.gap(2)
	f.dashed()
	f.gap(2)

	if len(d.Requirements) > 0 {
		f.text("KELENGKAPAN BERKAS", "B", body, "L")
		f.gap(1)
		lh := lineH(body)
		box := min(lh*0.9, 3.2)
		indent := box + 2
		for _, r := range d.Requirements {
			name := cleanPara(r.Name)
			if name == "" {
				continue
			}
			if f.draw {
				checkbox(f.pdf, f.x, f.y+(lh-box)/2, box, r.Present)
			}
			f.textAt(f.x+indent, f.w-indent, name, "", body, "L")
			if note := cleanPara(r.Note); note != "" {
				f.textAt(f.x+indent, f.w-indent, "Catatan: "+note, "", body*0.9, "L")
			}
			f.gap(0.8)
		}
		f.gap(1)
		f.dashed()
		f.gap(2)
	}

	f.text("Status: "+d.StatusText(), "B", body*1.05, "L")
	if missing := d.Missing(); len(missing) > 0 {
		f.text("Kekurangan:", "", body, "L")
		for i, m := range missing {
			f.textAt(f.x+3, f.w-3, fmt.Sprintf("%d. %s", i+1, m), "", body, "L")
		}
	} else if !d.DueAt.IsZero() {
		f.gap(1)
		f.text(d.dueLabel()+":", "", body, "L")
		f.text(FormatDateTimeID(d.DueAt, d.ZoneLabel), "B", body*1.1, "L")
		f.text(d.DueNotes(), "", body*0.9, "L")
	}
	if notes := cleanPara(d.Notes); notes != "" {
		f.gap(1)
		f.text("Catatan: "+notes, "", body, "L")
	}
	f.gap(3)

	f.text("Petugas penerima,", "", body, "C")
	f.gap(12)
	officer := cleanLine(d.OfficerName)
	if officer == "" {
		officer = "(....................................)"
	}
	f.text(officer, "B", body, "C")
	if nip := cleanLine(d.OfficerNIP); nip != "" {
		f.text("NIP "+nip, "", body*0.9, "C")
	}
	f.gap(3)

	if ch := cleanList(d.ComplaintChannels); len(ch) > 0 {
		f.dashed()
		f.gap(1.5)
		f.text("Pengaduan layanan:", "B", 6.5*k, "L")
		for _, c := range ch {
			f.textAt(f.x+2.5, f.w-2.5, "- "+c, "", 6.5*k, "L")
		}
		f.gap(2)
	}

	if num := strings.TrimSpace(d.ReceiptNumber); num != "" {
		side := 22 * k
		if f.draw {
			if err := drawQR(f.pdf, num, f.x+(f.w-side)/2, f.y, side); err != nil {
				return err
			}
		}
		f.y += side
		f.gap(1)
		f.text(num, "", 6*k, "C")
	}
	if d.Reprint {
		f.gap(1)
		f.text("Salinan, dicetak ulang "+FormatDateTimeID(d.ReprintedAt, d.ZoneLabel), "", 6*k, "C")
	}
	f.gap(1.5)
	f.text("Simpan tanda terima ini untuk mengambil hasil layanan.", "", 6*k, "C")
	f.gap(4)
	return nil
}

// receiptSheet lays the receipt out on an A5 or A4 sheet, letterhead style.
func receiptSheet(d ReceiptData, layout Layout) ([]byte, error) {
	pdf := newDoc(receiptTitle(d), d.ReceivedAt)
	pw, ph, margin, k := 148.0, 210.0, 10.0, 0.8
	if layout == A4 {
		pw, ph, margin, k = 210, 297, 20, 1
	}
	pdf.AliasNbPages("{nb}")
	num := cleanLine(d.ReceiptNumber)
	pdf.SetFooterFunc(func() {
		pdf.SetFont(family, "", 7*k)
		pdf.SetXY(margin, ph-margin+2)
		pdf.CellFormat(pw-2*margin, 4, "Tanda terima "+num, "", 0, "LM", false, 0, "")
		pdf.SetXY(margin, ph-margin+2)
		pdf.CellFormat(pw-2*margin, 4, fmt.Sprintf("Halaman %d dari {nb}", pdf.PageNo()), "", 0, "RM", false, 0, "")
	})
	pdf.AddPageFormat("P", sizeType(pw, ph))
	f := &flow{pdf: pdf, draw: true, paged: true, x: margin, w: pw - 2*margin,
		y: margin, top: margin, bottom: ph - margin, page: sizeType(pw, ph)}
	f.onPage = func() {
		f.y = margin
		f.text("TANDA TERIMA "+num+" (lanjutan)", "B", 8*k, "L")
		f.gap(1)
		f.rule(0.2)
		f.gap(3)
		f.top = f.y
	}
	if err := receiptSheetLayout(f, d, k); err != nil {
		return nil, err
	}
	return finish(pdf, "receipt")
}

func receiptSheetLayout(f *flow, d ReceiptData, k float64) error {
	body := 10 * k
	// Letterhead.
	for _, l := range d.OfficeHierarchy {
		f.text(strings.ToUpper(cleanLine(l)), "B", 9*k, "C")
	}
	f.text(strings.ToUpper(cleanLine(d.OfficeName)), "B", 12*k, "C")
	f.text(d.contactLine(), "", 8*k, "C")
	f.gap(1.5)
	f.rule(0.7)
	f.gap(0.5)
	f.rule(0.2)
	f.gap(5 * k)

	// Title, with the copy stamp to its right.
	titleY := f.y
	f.text("TANDA TERIMA", "B", 14*k, "C")
	f.text("Nomor: "+cleanLine(d.ReceiptNumber), "", body, "C")
	if d.Reprint {
		f.pdf.SetFont(family, "B", 11*k)
		sw := f.pdf.GetStringWidth("SALINAN") + 5
		sh := 7 * k
		x := f.x + f.w - sw
		f.pdf.SetLineWidth(0.5)
		f.pdf.Rect(x, titleY, sw, sh, "D")
		f.pdf.SetXY(x, titleY)
		f.pdf.CellFormat(sw, sh, "SALINAN", "", 0, "CM", false, 0, "")
	}
	f.gap(5 * k)

	// Particulars on the left, QR on the right.
	qrSide := 26 * k
	top := f.y
	full := f.w
	f.w = full - qrSide - 6
	labelW := 34 * k
	f.labelled("Tanggal diterima", FormatDateTimeID(d.ReceivedAt, d.ZoneLabel), labelW, body)
	f.labelled("Nomor antrean", d.TicketNumber, labelW, body)
	f.labelled("Layanan", d.ServiceName, labelW, body)
	f.labelled("Nama pemohon", d.VisitorName, labelW, body)
	f.labelled(d.visitorIDLabel(), d.VisitorID, labelW, body)
	f.labelled("Telepon", d.VisitorPhone, labelW, body)
	f.labelled("Satuan kerja", d.satker(), labelW, body)
	f.w = full
	if num := strings.TrimSpace(d.ReceiptNumber); num != "" {
		qx := f.x + f.w - qrSide
		if err := drawQR(f.pdf, num, qx, top, qrSide); err != nil {
			return err
		}
		f.pdf.SetFont(family, "", 6.5*k)
		f.pdf.SetXY(qx-3, top+qrSide+1)
		f.pdf.CellFormat(qrSide+6, 3, cleanLine(num), "", 0, "CM", false, 0, "")
		f.y = max(f.y, top+qrSide+4)
	}
	f.gap(5 * k)

	// Checklist.
	if len(d.Requirements) > 0 {
		f.text("Kelengkapan berkas", "B", body*1.05, "L")
		f.gap(1.5)
		noW, boxW := 9*k, 13*k
		noteW := f.w * 0.3
		cols := []tcol{{noW, "C"}, {f.w - noW - boxW - noteW, "L"}, {boxW, "C"}, {noteW, "L"}}
		head := func() {
			f.row(cols, []tcell{{text: "No", style: "B"}, {text: "Persyaratan", style: "B"},
				{text: "Ada", style: "B"}, {text: "Keterangan", style: "B"}}, body*0.9, true, 0, nil)
		}
		f.ensure(lineH(body)*3 + 4)
		head()
		maxLines := int((f.bottom - f.top - 30) / lineH(body*0.9))
		i := 0
		for _, r := range d.Requirements {
			if cleanLine(r.Name) == "" {
				continue
			}
			i++
			present := r.Present
			note := r.Note
			if !present && strings.TrimSpace(note) == "" {
				note = "Belum ada"
			}
			f.row(cols, []tcell{{text: fmt.Sprint(i)}, {text: r.Name}, {check: &present}, {text: note}},
				body*0.9, false, maxLines, head)
		}
		f.gap(5 * k)
	}

	// Status and deadline.
	f.ensure(lineH(body) * 3)
	f.text("Status: "+d.StatusText(), "B", body*1.05, "L")
	if missing := d.Missing(); len(missing) > 0 {
		f.text("Berkas dikembalikan kepada pemohon untuk dilengkapi. Kekurangan:", "", body, "L")
		for i, m := range missing {
			f.textAt(f.x+5, f.w-5, fmt.Sprintf("%d. %s", i+1, m), "", body, "L")
		}
	} else if !d.DueAt.IsZero() {
		f.gap(1)
		f.text(d.dueLabel()+": "+FormatDateTimeID(d.DueAt, d.ZoneLabel), "B", body, "L")
		f.text(d.DueNotes(), "", body*0.9, "L")
	}
	if notes := cleanPara(d.Notes); notes != "" {
		f.gap(1.5)
		f.text("Catatan: "+notes, "", body, "L")
	}
	f.gap(6 * k)

	// Signatures: visitor left, officer right.
	sigH := lineH(body)*4 + 14*k
	f.ensure(sigH)
	colW := f.w * 0.42
	left, right := f.x, f.x+f.w-colW
	y0 := f.y
	f.textAt(left, colW, "Pemohon,", "", body, "C")
	f.y = y0
	f.textAt(right, colW, "Petugas penerima,", "", body, "C")
	f.gap(14 * k)
	y1 := f.y
	visitor := cleanLine(d.VisitorName)
	if visitor == "" {
		visitor = "(....................................)"
	}
	f.textAt(left, colW, visitor, "B", body, "C")
	f.y = y1
	officer := cleanLine(d.OfficerName)
	if officer == "" {
		officer = "(....................................)"
	}
	f.textAt(right, colW, officer, "B", body, "C")
	if nip := cleanLine(d.OfficerNIP); nip != "" {
		f.textAt(right, colW, "NIP "+nip, "", body*0.9, "C")
	}
	f.gap(6 * k)

	// Complaint channels and closing note.
	ch := cleanList(d.ComplaintChannels)
	if len(ch) > 0 {
		size := body * 0.85
		h := f.textHeight(f.w-4, "Pengaduan layanan:", "B", size) + 3
		for _, c := range ch {
			h += f.textHeight(f.w-8, c, "", size)
		}
		f.ensure(h + 2)
		if f.draw {
			f.pdf.SetLineWidth(0.2)
			f.pdf.Rect(f.x, f.y, f.w, h, "D")
		}
		f.gap(1.5)
		f.textAt(f.x+2, f.w-4, "Pengaduan layanan:", "B", size, "L")
		for _, c := range ch {
			if f.draw {
				f.font("", size)
				f.pdf.SetXY(f.x+2, f.y)
				f.pdf.CellFormat(3, lineH(size), "•", "", 0, "LM", false, 0, "")
			}
			f.textAt(f.x+5, f.w-7, c, "", size, "L")
		}
		f.gap(1.5)
		f.gap(2)
	}
	closing := "Simpan tanda terima ini dan tunjukkan saat mengambil hasil layanan."
	if d.Reprint {
		closing = "Salinan tanda terima, dicetak ulang " + FormatDateTimeID(d.ReprintedAt, d.ZoneLabel) + ". " + closing
	}
	f.text(closing, "", body*0.8, "L")
	return nil
}
