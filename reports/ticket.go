package reports

import (
	"fmt"
	"strings"
	"time"
)

// TicketStubData is what a kiosk ticket shows. Times are shown in the
// location they carry, so callers pass IssuedAt in the office's zone.
type TicketStubData struct {
	OfficeName    string
	OfficeAddress string
	ServiceName   string
	// Number is the code as called, e.g. "A023".
	Number string
	// PriorityLabel names the priority lane ("Prioritas: Lansia"); empty
	// for the regular lane.
	PriorityLabel string
	IssuedAt      time.Time
	// ZoneLabel is "WIB", "WITA" or "WIT"; empty derives it from IssuedAt.
	ZoneLabel string
	// Ahead is how many visitors wait before this ticket.
	Ahead int
	// EstimatedWait is the expected wait; zero prints no estimate unless
	// someone is ahead.
	EstimatedWait time.Duration
	// TicketID goes into the QR code so the visitor can check the queue
	// on a phone and staff can scan the ticket; empty prints no QR.
	TicketID string
	// QRCaption, when set, is printed under the QR instead of TicketID
	// (the QR then carries the link to the ticket's phone page).
	QRCaption string
	// Footer replaces the default closing note when not empty.
	Footer string
}

// Common thermal roll widths, in millimetres.
const (
	Roll58 = 58.0
	Roll80 = 80.0
)

// defaultTicketFooter is printed when TicketStubData.Footer is empty.
const defaultTicketFooter = "Mohon menunggu sampai nomor Anda dipanggil. Tiket berlaku untuk hari ini saja."

// rollGeometry returns the side margin and a type scale for a roll width:
// 58 mm printers print about 48 mm, 80 mm printers about 72 mm.
func rollGeometry(widthMM float64) (margin, scale float64) {
	if widthMM < 70 {
		return (widthMM - 48) / 2, 0.85
	}
	return (widthMM - 72) / 2, 1
}

// TicketStubPDF renders a kiosk ticket on a roll widthMM wide (Roll58 or
// Roll80; anything from 50 to 120 mm works). The page is exactly as tall as
// its content, so the printer cuts right after it.
func TicketStubPDF(d TicketStubData, widthMM float64) ([]byte, error) {
	if widthMM == 0 {
		widthMM = Roll80
	}
	if widthMM < 50 || widthMM > 120 {
		return nil, fmt.Errorf("reports: ticket: lebar kertas %.0f mm tidak didukung (50-120 mm)", widthMM)
	}
	pdf := newDoc("Tiket antrean "+d.Number, d.IssuedAt)
	margin, k := rollGeometry(widthMM)
	f := &flow{pdf: pdf, x: margin, w: widthMM - 2*margin}
	if err := ticketLayout(f, d, k); err != nil {
		return nil, err
	}
	height := f.y
	pdf.AddPageFormat("P", sizeType(widthMM, height))
	*f = flow{pdf: pdf, x: margin, w: widthMM - 2*margin, draw: true}
	if err := ticketLayout(f, d, k); err != nil {
		return nil, err
	}
	return finish(pdf, "ticket")
}

func ticketLayout(f *flow, d TicketStubData, k float64) error {
	f.gap(3)
	if office := cleanLine(d.OfficeName); office != "" {
		f.text(strings.ToUpper(office), "B", 9.5*k, "C")
	}
	f.text(d.OfficeAddress, "", 7*k, "C")
	f.gap(2)
	f.rule(0.3)
	f.gap(2.5)

	f.text("NOMOR ANTREAN", "", 8*k, "C")
	number := cleanLine(d.Number)
	if number == "" {
		number = "-"
	}
	size := f.fitSize(number, "B", 64*k, f.w)
	f.font("B", size)
	h := size * ptToMM * 1.05
	if f.draw {
		f.pdf.SetXY(f.x, f.y)
		f.pdf.CellFormat(f.w, h, number, "", 0, "CM", false, 0, "")
	}
	f.y += h
	f.gap(0.5)
	f.text(d.ServiceName, "B", 10*k, "C")
	if label := cleanLine(d.PriorityLabel); label != "" {
		f.gap(1.5)
		f.band(strings.ToUpper(label), 8.5*k)
	}
	f.gap(1.5)
	f.text(FormatDateTimeID(d.IssuedAt, d.ZoneLabel), "", 7.5*k, "C")
	f.gap(2)
	f.dashed()
	f.gap(2)

	if d.Ahead > 0 {
		f.text(fmt.Sprintf("%d orang menunggu di depan Anda", d.Ahead), "B", 8*k, "C")
	} else {
		f.text("Tidak ada antrean di depan Anda", "B", 8*k, "C")
	}
	if d.EstimatedWait > 0 || d.Ahead > 0 {
		f.text("Perkiraan waktu tunggu "+FormatWaitID(d.EstimatedWait), "", 7.5*k, "C")
	}

	if id := strings.TrimSpace(d.TicketID); id != "" {
		f.gap(3)
		side := 22 * k
		if f.draw {
			if err := drawQR(f.pdf, id, f.x+(f.w-side)/2, f.y, side); err != nil {
				return err
			}
		}
		f.y += side
		f.gap(1)
		if c := cleanLine(d.QRCaption); c != "" {
			id = c
		}
		f.text(id, "", 6*k, "C")
	}
	f.gap(2)
	footer := d.Footer
	if strings.TrimSpace(footer) == "" {
		footer = defaultTicketFooter
	}
	f.text(footer, "", 6.5*k, "C")
	f.gap(4)
	return nil
}
