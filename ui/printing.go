package ui

import (
	"context"
	"fmt"
	"log"
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
	prefPrintMode     = "printer.mode"     // "pdf" (system viewer), "escpos" (thermal over TCP), "spooler"
	prefPrintTarget   = "printer.target"   // host:port for escpos, queue name for spooler
	prefPrintLayout   = "printer.layout"   // "a5", "a4", "thermal80"
	prefPrintNoStatus = "printer.nostatus" // thermal printer that never answers status (see printer.TCPPrinter)
)

// printSettings is this PC's printer.
type printSettings struct {
	Mode, Target, Layout string
	// NoStatus: the thermal printer never answers status, so a completed
	// write counts as printed.
	NoStatus bool
}

func (a *App) printSettings() printSettings {
	p := a.fa.Preferences()
	return printSettings{Mode: p.StringWithFallback(prefPrintMode, "pdf"), Target: p.String(prefPrintTarget),
		Layout: p.StringWithFallback(prefPrintLayout, "a5"), NoStatus: p.Bool(prefPrintNoStatus)}
}

func (a *App) savePrintSettings(s printSettings) {
	p := a.fa.Preferences()
	p.SetString(prefPrintMode, s.Mode)
	p.SetString(prefPrintTarget, strings.TrimSpace(s.Target))
	p.SetString(prefPrintLayout, s.Layout)
	p.SetBool(prefPrintNoStatus, s.NoStatus)
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

// thermalTimeouts are the waits of a thermal print; zero fields take the
// printer package's defaults. Tests shorten them.
var thermalTimeouts printer.TCPPrinter

// thermalPrinter is this PC's network thermal printer.
func thermalPrinter(ps printSettings) printer.TCPPrinter {
	p := thermalTimeouts
	p.Addr, p.NoStatus = ps.Target, ps.NoStatus
	return p
}

// printFailure is a print error for the officer: Error is one sentence in
// Bahasa Indonesia, the raw cause (an exec or socket error in English)
// stays behind Unwrap and goes to the log.
type printFailure struct {
	msg   string
	cause error
}

func (e *printFailure) Error() string { return e.msg }
func (e *printFailure) Unwrap() error { return e.cause }

// printFailed logs the cause once, here at the UI edge, and returns the
// sentence for the officer.
func printFailed(what, msg string, cause error) error {
	if cause != nil {
		log.Printf("ui: print %s: %v", what, cause)
	}
	return &printFailure{msg: msg, cause: cause}
}

// printed is the outcome of sending one document to this PC's printer.
type printed struct {
	// Path is where the PDF copy was kept ("" if it could not be saved).
	Path string
	// Err is nil when the printer (or the PDF viewer) took the document;
	// otherwise a *printFailure.
	Err error
	// SaveErr says the PDF copy could not be kept, although the print
	// itself may have worked.
	SaveErr error
}

// printDocument sends a document to this PC's printer. The PDF is always
// saved first, so a failed print loses nothing. A thermal print counts
// only when the printer confirmed it (printer.TCPPrinter).
func (a *App) printDocument(ctx context.Context, name string, pdf, escpos []byte) printed {
	ps := a.printSettings()
	var out printed
	path, saveErr := a.writeDocument(name, pdf)
	out.Path = path
	if saveErr != nil {
		out.SaveErr = printFailed(name, "Salinan PDF "+name+" tidak dapat disimpan; periksa ruang disk dan folder Dokumen Loket.", saveErr)
	}
	switch ps.Mode {
	case "escpos":
		if len(escpos) == 0 {
			out.Err = printFailed(name, "Dokumen ini tidak dapat dicetak ke printer thermal; pilih printer sistem di Admin → Printer.", nil)
			return out
		}
		rep, err := thermalPrinter(ps).PrintReport(ctx, printer.Job{Name: name, ESCPOS: escpos})
		if err != nil {
			out.Err = printFailed(name, printer.Message(err), err)
		} else if rep.After.PaperNearEnd || rep.Before.PaperNearEnd {
			// Not a failure: the paper came out. The log tells whoever
			// looks after the printer to bring a roll.
			log.Printf("ui: printer %s: paper near end [%s]", ps.Target, rep.After.Raw())
		}
	case "spooler":
		if err := (printer.SpoolerPrinter{Name: ps.Target}).Print(ctx, printer.Job{Name: name, PDF: pdf}); err != nil {
			out.Err = printFailed(name, printer.Message(err), err)
		}
	default:
		if saveErr != nil {
			out.Err = out.SaveErr
			return out
		}
		if err := a.openPath(path); err != nil {
			out.Err = printFailed(name, "Berkas tersimpan di "+path+", tetapi penampil PDF tidak dapat dibuka.", err)
		}
	}
	return out
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
		d.DueTentative = office.DueTentative(ctx, a.svc, r.CreatedAt, r.DueAt)
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
		perr := printFailed(r.Number, "Tanda terima "+r.Number+" tidak dapat disusun untuk dicetak; hubungi petugas TI.", err)
		if merr := a.svc.MarkReceiptPrinted(ctx, a.officerID(), r.ID, perr.Error()); merr != nil {
			log.Printf("ui: mark receipt %s unprinted: %v", r.Number, merr)
		}
		return "", perr
	}
	name := r.Number + ".pdf"
	if reprint {
		name = fmt.Sprintf("%s-salinan-%d.pdf", r.Number, time.Now().Unix())
	}
	out := a.printDocument(ctx, name, pdf, printer.ReceiptESCPOS(d, printer.Paper80))
	// The receipt's printed state follows the printer alone: a missing
	// PDF copy does not unprint paper that came out.
	reason := ""
	if out.Err != nil {
		reason = out.Err.Error()
	}
	perr := out.Err
	if err := a.svc.MarkReceiptPrinted(ctx, a.officerID(), r.ID, reason); err != nil {
		log.Printf("ui: mark receipt %s printed (%q): %v", r.Number, reason, err)
		if perr == nil {
			perr = &printFailure{msg: "Tanda terima tercetak, tetapi statusnya tidak dapat dicatat; periksa sambungan ke server kantor.", cause: err}
		}
	}
	if perr == nil && out.SaveErr != nil {
		perr = out.SaveErr
	}
	return out.Path, perr
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
	if link := a.phoneLink(ctx, it.Ticket); link != "" {
		d.TicketID, d.QRCaption = link, "Pindai untuk memantau antrean di ponsel"
	}
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
		return printFailed(it.Ticket.Code(), "Tiket tidak dapat disusun untuk dicetak.", err)
	}
	return a.printDocument(ctx, "tiket-"+it.Ticket.Code()+".pdf", pdf, printer.TicketESCPOS(d, paper)).Err
}

// testPrint prints a test page on this PC's printer and says, in lines for
// the person at Admin → Printer, what the printer answered.
func (a *App) testPrint(ctx context.Context) (lines []string, err error) {
	ps := a.printSettings()
	switch ps.Mode {
	case "escpos":
		paper := printer.Paper80
		if ps.Layout == "thermal58" {
			paper = printer.Paper58
		}
		res := printer.TestTCP(ctx, thermalPrinter(ps), paper, a.Now())
		if !res.OK {
			return res.Lines, printFailed("cetak uji", "Cetak uji gagal.", res.Err)
		}
		return res.Lines, nil
	case "spooler":
		res := printer.TestQueue(ctx, printer.SpoolerPrinter{Name: ps.Target}, a.Now())
		if !res.OK {
			return res.Lines, printFailed("cetak uji", "Cetak uji gagal.", res.Err)
		}
		return res.Lines, nil
	}
	it := IssuedTicket{Office: a.office, Service: store.Service{Name: "Cetak uji"},
		Ticket: store.Ticket{Prefix: "X", Number: 1, IssuedAt: a.Now(), ID: "cetak-uji"}}
	path, err := a.writeDocument("cetak-uji.pdf", mustTicketPDF(it))
	if err != nil {
		return nil, printFailed("cetak uji", "Halaman uji tidak dapat disimpan; periksa folder Dokumen Loket.", err)
	}
	if err := a.openPath(path); err != nil {
		return nil, printFailed("cetak uji", "Halaman uji tersimpan di "+path+", tetapi penampil PDF tidak dapat dibuka.", err)
	}
	return []string{"Halaman uji dibuka di penampil PDF: " + path}, nil
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
