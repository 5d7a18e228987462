// Package printer gets paper out of the office PC: ESC/POS byte streams for
// thermal kiosk and counter printers (over TCP port 9100 or a device file)
// and PDFs handed to the operating system's print spooler.
//
// The ESC/POS side renders the same plain data as package reports
// (reports.TicketStubData, reports.ReceiptData) in the printer's own text
// mode, which is faster and crisper on a 203 dpi head than a rasterised PDF;
// Builder.Raster is there for logos and anything text mode cannot do.
//
// Every transport returns errors wrapped in *Error; Message turns any error
// from this package into a sentence in Bahasa Indonesia for the operator.
package printer
