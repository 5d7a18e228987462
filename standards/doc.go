// Package standards reads Standar Pelayanan documents (the service standards
// that every Kementerian Keuangan office publishes under UU 25/2009 and
// PermenPANRB 15/2014) into Loket's service catalog.
//
// The documents arrive in whatever shape the office has them: a PDF with a
// text layer or a Word .docx (documentText turns both into text, tables as
// tab-separated rows), or text in UTF-8, UTF-16 or Windows-1252 from a
// website export: markdown pipe tables with HTML inside the cells,
// tab-separated tables with three or four columns, HTML fragments, mermaid
// diagrams, or free text broken by repeated page headers, with component
// titles on their own lines or leading their values (lines.go lists the
// layouts). Parse turns each of them into a Document:
// the office unit, its services in document order, the fourteen components of
// every service as clean text, the requirement checklist, products, fee,
// complaint channels and the service-level time (Jangka Waktu) reduced to
// durations by ReduceSLA.
//
// Nothing here touches the store or the UI: callers get plain values and a
// list of warnings written for people (in Bahasa Indonesia), and decide what
// to keep. Diff compares two versions of a catalog for the import preview.
// RunCLI is the `loket standards` verb; SCHEMA.md documents its JSON.
package standards
