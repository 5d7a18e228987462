// Package printer gets paper out of the office PC: ESC/POS byte streams for
// thermal kiosk and counter printers (over TCP port 9100 or a device file)
// and PDFs handed to the operating system's print spooler.
//
// The ESC/POS side renders the same plain data as package reports
// (reports.TicketStubData, reports.ReceiptData) in the printer's own text
// mode, which is faster and crisper on a 203 dpi head than a rasterised PDF;
// Builder.Raster is there for logos and anything text mode cannot do.
//
// A network thermal print is confirmed by the printer (TCPPrinter): real-
// time status (DLE EOT 1 to 4) before the job, and after it GS r 1, which
// the printer answers only once the job ahead of it is processed, then DLE
// EOT again. Paper out, cover open, offline, a reported error, a connection
// the printer closes or resets, and a printer that stops reading or
// answering each become a typed *Error (Kind). Printers that never answer
// status are refused unless TCPPrinter.NoStatus is set, because a job of a
// few kilobytes fits the socket buffers and such a printer is then
// indistinguishable from one that accepts the connection and never reads;
// see TCPPrinter for the policy. The spooler can only confirm that a queue
// took the job.
//
// Every transport returns errors wrapped in *Error; Message turns any error
// from this package into one sentence in Bahasa Indonesia for the operator,
// and Error keeps the raw cause for the log. RunCLI is `loket printer`, the
// IT person's test print. Package printertest has fake printers for tests.
package printer
