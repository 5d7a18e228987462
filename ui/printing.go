package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"loket/office"
	"loket/printer"
	"loket/reports"
	"loket/store"
)

// Printer settings are per PC (Fyne preferences): each counter has its own
// printer beside it.
const (
	prefPrintMode   = "printer.mode"   // "pdf" (system viewer), "escpos" (thermal over TCP), "spooler"
	prefPrintTarget = "printer.target" // host:port for escpos, queue name for spooler
	prefPrintLayout = "printer.layout" // "a5", "a4", "thermal80"
)

// printSettings is this PC's printer.
type printSettings struct {
	Mode, Target, Layout string
}

func (a *App) printSettings() printSettings {
	p := a.fa.Preferences()
	return printSettings{Mode: p.StringWithFallback(prefPrintMode, "pdf"), Target: p.String(prefPrintTarget),
		Layout: p.StringWithFallback(prefPrintLayout, "a5")}
}

func (a *App) savePrintSettings(s printSettings) {
	p := a.fa.Preferences()
	p.SetString(prefPrintMode, s.Mode)
	p.SetString(prefPrintTarget, strings.TrimSpace(s.Target))
	p.SetString(prefPrintLayout, s.Layout)
}

func layoutOf(name string) reports.Layout {
	switch name {
	case "a4":
		return reports.A4
	case "thermal80":
		return reports.Thermal80
	}
	return reports.A5
}

// printDocument sends a document to this PC's printer. The PDF is always
// saved first, so a failed print loses nothing; the error says what to do.
func (a *App) printDocument(ctx context.Context, name string, pdf, escpos []byte) (string, error) {
	ps := a.printSettings()
	path, saveErr := a.writeDocument(name, pdf)
	var err error
	switch ps.Mode {
	case "escpos":
		if len(escpos) == 0 {
			return path, fmt.Errorf("dokumen ini tidak dapat dicetak ke printer thermal")
		}
		err = printer.TCPPrinter{Addr: ps.Target}.Print(ctx, printer.Job{Name: name, ESCPOS: escpos})
	case "spooler":
		err = printer.SpoolerPrinter{Name: ps.Target}.Print(ctx, printer.Job{Name: name, PDF: pdf})
	default:
		if saveErr != nil {
			return path, saveErr
		}
		if err := a.openPath(path); err != nil {
			return path, fmt.Errorf("berkas tersimpan di %s, tetapi penampil PDF tidak dapat dibuka (%v)", path, err)
		}
		return path, nil
	}
	if err != nil {
		return path, fmt.Errorf("%s", printer.Message(err))
	}
	return path, saveErr
}

// receiptData turns a stored receipt into what the PDF and the thermal
// printer show.
func (a *App) receiptData(ctx context.Context, r store.Receipt, reprint bool) reports.ReceiptData {
	loc := a.office.Location()
	d := reports.ReceiptData{
		OfficeHierarchy: []string{"KEMENTERIAN KEUANGAN REPUBLIK INDONESIA"},
		OfficeName:      a.office.Name, OfficeAddress: a.office.Address, OfficePhone: a.office.Phone,
		ReceiptNumber: r.Number, ReceivedAt: r.CreatedAt.In(loc), ZoneLabel: a.office.ZoneLabel(), TicketNumber: r.TicketCode,
		VisitorName: r.Visitor.Name, VisitorID: r.Visitor.IDNumber, VisitorPhone: r.Visitor.Phone,
		SatkerCode: r.Visitor.SatkerCode, SatkerName: r.Visitor.SatkerName, Purpose: r.Purpose,
		DueNote: r.DueNote, Reprint: reprint,
	}
	switch len(r.Visitor.IDNumber) {
	case 18:
		d.VisitorIDLabel = "NIP"
	case 16:
		d.VisitorIDLabel = "NIK"
	}
	if !r.DueAt.IsZero() {
		d.DueAt = r.DueAt.In(loc)
	}
	if reprint {
		d.ReprintedAt = a.Now().In(loc)
	}
	for _, c := range r.Checklist {
		d.Requirements = append(d.Requirements, reports.RequirementCheck{Name: c.Name, Present: c.Present, Note: c.Note})
	}
	if sv, err := a.serviceByID(ctx, r.ServiceID); err == nil {
		d.ServiceName = sv.Name
	}
	if offs, err := a.svc.Officers(ctx); err == nil {
		for _, o := range offs {
			if o.ID == r.OfficerID {
				d.OfficerName, d.OfficerNIP = o.FullName, o.NIP
			}
		}
	}
	if r.CatalogServiceID != "" {
		if e, err := a.svc.CatalogEntry(ctx, r.CatalogServiceID); err == nil {
			d.ComplaintChannels = complaintLines(e)
		}
	}
	return d
}

func (a *App) serviceByID(ctx context.Context, id string) (store.Service, error) {
	svcs, err := a.svc.Services(ctx)
	if err != nil {
		return store.Service{}, err
	}
	for _, sv := range svcs {
		if sv.ID == id {
			return sv, nil
		}
	}
	return store.Service{}, store.ErrNotFound
}

// printReceipt renders and prints a receipt, recording the outcome.
func (a *App) printReceipt(ctx context.Context, r store.Receipt, reprint bool) (string, error) {
	d := a.receiptData(ctx, r, reprint)
	ps := a.printSettings()
	layout := layoutOf(ps.Layout)
	if ps.Mode == "escpos" {
		layout = reports.Thermal80
	}
	pdf, err := reports.ReceiptPDF(d, layout)
	if err != nil {
		return "", err
	}
	name := r.Number + ".pdf"
	if reprint {
		name = fmt.Sprintf("%s-salinan-%d.pdf", r.Number, time.Now().Unix())
	}
	path, perr := a.printDocument(ctx, name, pdf, printer.ReceiptESCPOS(d, printer.Paper80))
	msg := ""
	if perr != nil {
		msg = perr.Error()
	}
	if err := a.svc.MarkReceiptPrinted(ctx, a.officer.ID, r.ID, msg); err != nil && perr == nil {
		perr = err
	}
	return path, perr
}

// catalogFor finds the current catalog entry linked to a queue service.
func (a *App) catalogFor(ctx context.Context, sv store.Service) (office.CatalogEntry, bool) {
	if sv.CatalogRef == "" {
		return office.CatalogEntry{}, false
	}
	cat, err := a.svc.Catalog(ctx)
	if err != nil {
		return office.CatalogEntry{}, false
	}
	for _, e := range cat {
		if e.Key == sv.CatalogRef {
			return e, true
		}
	}
	return office.CatalogEntry{}, false
}

// printTicket prints a kiosk ticket stub on this PC's printer. With no
// printer set up (PDF mode) nothing is printed: a kiosk has no one to
// close a PDF viewer.
func (a *App) printTicket(ctx context.Context, it IssuedTicket) error {
	ps := a.printSettings()
	if ps.Mode == "pdf" {
		return nil
	}
	d := reports.TicketStubData{OfficeName: it.Office.Name, OfficeAddress: it.Office.Address, ServiceName: it.Service.Name,
		Number: it.Ticket.Code(), IssuedAt: it.Ticket.IssuedAt.In(it.Office.Location()), ZoneLabel: it.Office.ZoneLabel(),
		Ahead: it.Ahead, EstimatedWait: it.Wait, TicketID: it.Ticket.ID}
	if it.Ticket.IsPriority() {
		d.PriorityLabel = "Prioritas: " + store.PriorityLabel(it.Ticket.Priority)
	}
	width := reports.Roll80
	paper := printer.Paper80
	if ps.Layout == "thermal58" {
		width, paper = reports.Roll58, printer.Paper58
	}
	pdf, err := reports.TicketStubPDF(d, width)
	if err != nil {
		return err
	}
	_, err = a.printDocument(ctx, "tiket-"+it.Ticket.Code()+".pdf", pdf, printer.TicketESCPOS(d, paper))
	return err
}

// mustTicketPDF renders a ticket stub for a test print in PDF mode.
func mustTicketPDF(it IssuedTicket) []byte {
	pdf, _ := reports.TicketStubPDF(reports.TicketStubData{OfficeName: it.Office.Name, ServiceName: it.Service.Name,
		Number: it.Ticket.Code(), IssuedAt: it.Ticket.IssuedAt, TicketID: it.Ticket.ID}, reports.Roll80)
	return pdf
}

// Voice settings of this PC's waiting-room display.
const (
	prefVoiceOn     = "voice.on"
	prefVoiceVolume = "voice.volume"
)

// VoiceSettings says whether calls are spoken on this PC and how loud (0-1).
func (a *App) VoiceSettings() (bool, float64) {
	p := a.fa.Preferences()
	return p.BoolWithFallback(prefVoiceOn, true), p.FloatWithFallback(prefVoiceVolume, 1)
}

// SaveVoiceSettings keeps this PC's voice settings.
func (a *App) SaveVoiceSettings(on bool, volume float64) {
	p := a.fa.Preferences()
	p.SetBool(prefVoiceOn, on)
	p.SetFloat(prefVoiceVolume, min(max(volume, 0), 1))
}
