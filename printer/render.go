package printer

import (
	"fmt"
	"strings"

	"loket/reports"
)

// Paper is a thermal roll width in text-mode terms.
type Paper int

// Roll widths.
const (
	// Paper58 is a 58 mm roll: 384 dots, 32 columns of font A.
	Paper58 Paper = 58
	// Paper80 is an 80 mm roll: 576 dots, 48 columns of font A.
	Paper80 Paper = 80
)

// Columns is how many font A characters fit a line.
func (p Paper) Columns() int {
	if p == Paper58 {
		return 32
	}
	return 48
}

// Dots is the printable width in dots, the limit for Builder.Raster.
func (p Paper) Dots() int {
	if p == Paper58 {
		return 384
	}
	return 576
}

// labelled writes "label : value" with value lines hanging under the value
// column.
func labelled(b *Builder, label, value string, labelW, cols int) {
	value = strings.TrimSpace(ASCII(value))
	if value == "" {
		value = "-"
	}
	label = ASCII(label)
	if len(label) > labelW {
		label = label[:labelW]
	}
	pad := strings.Repeat(" ", labelW+3)
	for i, l := range Wrap(value, cols-labelW-3) {
		if i == 0 {
			b.Line(fmt.Sprintf("%-*s : %s", labelW, label, l))
		} else {
			b.Line(pad + l)
		}
	}
}

// hanging writes s with the first line after prefix and the rest indented
// to line up under it.
func hanging(b *Builder, prefix, s string, cols int) {
	pad := strings.Repeat(" ", len(prefix))
	for i, l := range Wrap(ASCII(s), cols-len(prefix)) {
		if i == 0 {
			b.Line(prefix + l)
		} else {
			b.Line(pad + l)
		}
	}
}

// bigSize is the largest magnification, up to 4, at which n characters fit
// cols columns.
func bigSize(n, cols int) int {
	if n == 0 {
		return 4
	}
	return clamp(cols/n, 1, 4)
}

// TicketESCPOS renders a kiosk ticket in ESC/POS text mode, ending with a
// partial cut. It shows what reports.TicketStubPDF shows.
func TicketESCPOS(d reports.TicketStubData, p Paper) []byte {
	cols := p.Columns()
	b := new(Builder)
	b.Init().Align(AlignCenter)
	if s := strings.TrimSpace(d.OfficeName); s != "" {
		b.Bold(true).Wrapped(strings.ToUpper(s), cols).Bold(false)
	}
	if s := strings.TrimSpace(d.OfficeAddress); s != "" {
		b.Wrapped(s, cols)
	}
	b.Rule(cols)
	b.Line("NOMOR ANTREAN")
	num := strings.TrimSpace(ASCII(d.Number))
	if num == "" {
		num = "-"
	}
	big := bigSize(len(num), cols)
	b.Bold(true).Size(big, big).Line(num).Size(1, 1)
	if s := strings.TrimSpace(d.ServiceName); s != "" {
		b.Wrapped(s, cols)
	}
	b.Bold(false)
	if s := strings.TrimSpace(d.PriorityLabel); s != "" {
		b.Feed(1).Reverse(true).Bold(true).Size(2, 2)
		for _, l := range Wrap(" "+ASCII(strings.ToUpper(s))+" ", cols/2) {
			b.Line(l)
		}
		b.Size(1, 1).Bold(false).Reverse(false)
	}
	b.Wrapped(reports.FormatDateTimeID(d.IssuedAt, d.ZoneLabel), cols)
	b.Rule(cols)
	if d.Ahead > 0 {
		b.Bold(true).Wrapped(fmt.Sprintf("%d orang menunggu di depan Anda", d.Ahead), cols).Bold(false)
	} else {
		b.Bold(true).Wrapped("Tidak ada antrean di depan Anda", cols).Bold(false)
	}
	if d.EstimatedWait > 0 || d.Ahead > 0 {
		b.Wrapped("Perkiraan waktu tunggu "+reports.FormatWaitID(d.EstimatedWait), cols)
	}
	if id := strings.TrimSpace(d.TicketID); id != "" {
		caption := id
		if c := strings.TrimSpace(ASCII(d.QRCaption)); c != "" {
			caption = c
		}
		b.Feed(1).QR(id, qrModule(p), QRLevelM).Wrapped(caption, cols)
	}
	footer := strings.TrimSpace(d.Footer)
	if footer == "" {
		footer = "Mohon menunggu sampai nomor Anda dipanggil. Tiket berlaku untuk hari ini saja."
	}
	b.Feed(1).Wrapped(footer, cols)
	return b.Feed(4).Cut(true).Bytes()
}

func qrModule(p Paper) int {
	if p == Paper58 {
		return 5
	}
	return 6
}

// ReceiptESCPOS renders a tanda terima in ESC/POS text mode, ending with a
// full cut. It shows what reports.ReceiptPDF shows on a roll.
func ReceiptESCPOS(d reports.ReceiptData, p Paper) []byte {
	cols := p.Columns()
	b := new(Builder)
	b.Init().Align(AlignCenter).Bold(true)
	for _, l := range d.OfficeHierarchy {
		b.Wrapped(strings.ToUpper(l), cols)
	}
	b.Wrapped(strings.ToUpper(d.OfficeName), cols).Bold(false)
	var contact []string
	if s := strings.TrimSpace(d.OfficeAddress); s != "" {
		contact = append(contact, s)
	}
	if s := strings.TrimSpace(d.OfficePhone); s != "" {
		contact = append(contact, "Telp. "+s)
	}
	if len(contact) > 0 {
		b.Wrapped(strings.Join(contact, " - "), cols)
	}
	b.Rule(cols)
	if d.Reprint {
		b.Reverse(true).Bold(true).Size(2, 1).Line(" SALINAN ").Size(1, 1).Bold(false).Reverse(false)
	}
	b.Bold(true).Size(2, 2).Line("TANDA TERIMA").Size(1, 1).Bold(false)
	b.Wrapped("Nomor: "+d.ReceiptNumber, cols)
	b.Align(AlignLeft).Rule(cols)

	const labelW = 11
	labelled(b, "Tanggal", reports.FormatDateTimeID(d.ReceivedAt, d.ZoneLabel), labelW, cols)
	labelled(b, "No. antrean", d.TicketNumber, labelW, cols)
	labelled(b, "Layanan", d.ServiceName, labelW, cols)
	if strings.TrimSpace(d.Purpose) != "" {
		labelled(b, "Keperluan", d.Purpose, labelW, cols)
	}
	labelled(b, "Pemohon", d.VisitorName, labelW, cols)
	if strings.TrimSpace(d.VisitorID) != "" {
		idLabel := strings.TrimSpace(d.VisitorIDLabel)
		if idLabel == "" {
			idLabel = "NIP/NIK"
		}
		labelled(b, idLabel, d.VisitorID, labelW, cols)
	}
	if strings.TrimSpace(d.VisitorPhone) != "" {
		labelled(b, "Telepon", d.VisitorPhone, labelW, cols)
	}
	satker := strings.TrimSpace(d.SatkerCode)
	if n := strings.TrimSpace(d.SatkerName); n != "" {
		if satker != "" {
			satker += " - "
		}
		satker += n
	}
	labelled(b, "Satker", satker, labelW, cols)
	b.Rule(cols)

	if len(d.Requirements) > 0 {
		b.Bold(true).Line("KELENGKAPAN BERKAS").Bold(false)
		for _, r := range d.Requirements {
			if strings.TrimSpace(r.Name) == "" {
				continue
			}
			mark := "[x] "
			if r.Present {
				mark = "[v] "
			}
			hanging(b, mark, r.Name, cols)
			if n := strings.TrimSpace(r.Note); n != "" {
				hanging(b, "    ", "Catatan: "+n, cols)
			}
		}
		b.Rule(cols)
	}
	b.Bold(true).Wrapped("Status: "+d.StatusText(), cols).Bold(false)
	if missing := d.Missing(); len(missing) > 0 {
		b.Line("Kekurangan:")
		for i, m := range missing {
			hanging(b, fmt.Sprintf("%d. ", i+1), m, cols)
		}
	} else if !d.DueAt.IsZero() {
		label := strings.TrimSpace(d.DueLabel)
		if label == "" {
			label = "Selesai paling lambat"
		}
		b.Line(label + ":")
		b.Bold(true).Wrapped(reports.FormatDateTimeID(d.DueAt, d.ZoneLabel), cols).Bold(false)
		if n := strings.TrimSpace(d.DueNotes()); n != "" {
			b.Wrapped(n, cols)
		}
	}
	if n := strings.TrimSpace(d.Notes); n != "" {
		b.Wrapped("Catatan: "+n, cols)
	}
	b.Feed(1).Align(AlignCenter).Line("Petugas penerima,").Feed(3)
	officer := strings.TrimSpace(d.OfficerName)
	if officer == "" {
		officer = "(............................)"
	}
	b.Bold(true).Wrapped(officer, cols).Bold(false)
	if nip := strings.TrimSpace(d.OfficerNIP); nip != "" {
		b.Wrapped("NIP "+nip, cols)
	}
	b.Align(AlignLeft)
	var channels []string
	for _, c := range d.ComplaintChannels {
		if c = strings.TrimSpace(c); c != "" {
			channels = append(channels, c)
		}
	}
	if len(channels) > 0 {
		b.Rule(cols).Line("Pengaduan layanan:")
		for _, c := range channels {
			hanging(b, "- ", c, cols)
		}
	}
	b.Align(AlignCenter)
	if num := strings.TrimSpace(d.ReceiptNumber); num != "" {
		b.Feed(1).QR(num, qrModule(p), QRLevelM).Line(num)
	}
	if d.Reprint {
		b.Wrapped("Salinan, dicetak ulang "+reports.FormatDateTimeID(d.ReprintedAt, d.ZoneLabel), cols)
	}
	b.Wrapped("Simpan tanda terima ini untuk mengambil hasil layanan.", cols)
	return b.Feed(4).Cut(false).Bytes()
}
