// Package office is the one seam between what a person sees and where the
// data lives: the Service interface every screen calls (issue a ticket, call
// next, log in, subscribe to events ...). Local implements it in-process
// over the store; the LAN client of `loket hub` implements it over the
// network. One contract suite (package officetest) runs against both.
package office

import (
	"context"

	"loket/queue"
	"loket/store"
)

// Service is everything the counter, kiosk, display and admin screens may
// ask of an office. Refusals come back as *store.Error with an Indonesian
// message (store.Message(err) gives the sentence for any error).
type Service interface {
	CSO       // the CSO consultation log (office/cso.go)
	Reporting // the satisfaction survey and period reports (office/reporting.go)
	Privacy   // personal data duties, UU 27/2022 (office/privacy.go)
	Integrity // reasons for out-of-order calls and pauses, the fairness sheet (office/integrity.go)

	// Office returns the office, or store.ErrNoOffice before first-run setup.
	Office(ctx context.Context) (store.Office, error)
	// SaveOffice sets up (first run) or updates the office.
	SaveOffice(ctx context.Context, actorID string, o store.Office) (store.Office, error)

	// Login checks an officer's username and password. Failed logins are
	// throttled per username and, over the hub, per device (WithDevice):
	// a growing delay after store.LoginFreeFailures, a lock after
	// store.LoginLockAfter that only an admin lifts (UnlockLogin).
	Login(ctx context.Context, username, password string) (store.Officer, error)
	// LoginLocks lists usernames and devices with failed logins counted.
	LoginLocks(ctx context.Context) ([]store.LoginLock, error)
	// UnlockLogin clears a username's or device's failed logins, ending
	// its delay or lock (admins only).
	UnlockLogin(ctx context.Context, actorID, subject string) error
	// Logout ends the officer's login on this device: over the hub it
	// revokes the officer token the login issued, so nothing more can be
	// done with it; in-process there is nothing to revoke. Logging out
	// someone not logged in is no error.
	Logout(ctx context.Context, officerID string) error

	Services(ctx context.Context) ([]store.Service, error)
	SaveService(ctx context.Context, actorID string, sv store.Service) (store.Service, error)
	Counters(ctx context.Context) ([]store.Counter, error)
	SaveCounter(ctx context.Context, actorID string, c store.Counter) (store.Counter, error)
	Officers(ctx context.Context) ([]store.Officer, error)
	SaveOfficer(ctx context.Context, actorID string, o store.Officer, password string) (store.Officer, error)

	// Setting reads an office setting (store.Setting* keys); SaveSetting
	// changes one (admins only).
	Setting(ctx context.Context, key string) (string, error)
	SaveSetting(ctx context.Context, actorID, key, value string) error

	// The holiday calendar (admins change it; everyone reads it).
	Holidays(ctx context.Context) ([]store.Holiday, error)
	SaveHoliday(ctx context.Context, actorID string, h store.Holiday) error
	DeleteHoliday(ctx context.Context, actorID, date string) error
	// ImportHolidays replaces the years present in a SKB CSV file.
	ImportHolidays(ctx context.Context, actorID string, csv []byte) (int, error)

	// The service catalog from the Standar Pelayanan documents.
	Catalog(ctx context.Context) ([]CatalogEntry, error)
	CatalogEntry(ctx context.Context, id string) (CatalogEntry, error)
	PreviewCatalog(ctx context.Context, source string, content []byte) (CatalogPreview, error)
	ImportCatalog(ctx context.Context, actorID, source string, content []byte) (CatalogPreview, error)
	// ReviewCatalog is the review step before an import: every service
	// the document reads beside its source text, the office's correction
	// and what the new version changed (office/catalog_corrections.go).
	ReviewCatalog(ctx context.Context, source string, content []byte) (CatalogReview, error)
	// ImportCatalogReviewed imports with the admin's corrections and drops.
	ImportCatalogReviewed(ctx context.Context, actorID, source string, content []byte, d CatalogDecision) (CatalogPreview, error)
	// The office's own corrections, kept apart from the parsed versions.
	CatalogCorrections(ctx context.Context) ([]CatalogCorrection, error)
	SaveCatalogCorrection(ctx context.Context, actorID string, c CatalogCorrection) (CatalogCorrection, error)
	DropCatalogCorrection(ctx context.Context, actorID, key string) error

	// The front office: stakeholders, visitors and receipts.
	SearchSatkers(ctx context.Context, q string) ([]store.Satker, error)
	ImportSatkers(ctx context.Context, actorID string, csv []byte) (int, error)
	FindVisitors(ctx context.Context, q string) ([]store.Visitor, error)
	// CreateReceipt saves the visit's receipt: the first save makes it,
	// saving again for the same ticket updates it under the same number
	// (in.Another asks for a second receipt).
	CreateReceipt(ctx context.Context, sessionID string, in ReceiptInput) (store.Receipt, error)
	ReceiptsToday(ctx context.Context) ([]store.Receipt, error)
	// FindReceipt finds a receipt by number, id or the QR on it.
	FindReceipt(ctx context.Context, number string) (store.Receipt, error)
	// SetReceiptStatus moves the receipt's file one step in its life
	// (tracking.Diproses, Selesai, Diambil, Diserahkan, Dikembalikan).
	SetReceiptStatus(ctx context.Context, actorID, receipt, status string) (store.Receipt, error)
	// OverdueReceipts lists the open files past their promise, oldest
	// promise first.
	OverdueReceipts(ctx context.Context) ([]store.Receipt, error)
	// MarkReceiptPrinted records a print attempt (printErr empty: printed).
	MarkReceiptPrinted(ctx context.Context, actorID, id, printErr string) error

	// OpenCounter starts an officer's session at a counter for some
	// services, taking over a session the same officer left open or one
	// handed over at logout; another officer's open session refuses
	// (counter_busy).
	OpenCounter(ctx context.Context, officerID, counterID string, serviceIDs []string) (store.CounterSession, error)
	// TakeOverCounter is OpenCounter that lets an admin take over another
	// officer's open session (a crashed PC), with a counter.taken_over event.
	TakeOverCounter(ctx context.Context, officerID, counterID string, serviceIDs []string) (store.CounterSession, error)
	// HandOverCounter leaves a session open for the next officer (logout
	// without closing the counter).
	HandOverCounter(ctx context.Context, sessionID string) error
	CloseCounter(ctx context.Context, sessionID string) error

	// IssueTicket is the kiosk's one call.
	IssueTicket(ctx context.Context, serviceID, priority string) (store.Ticket, error)
	// CheckIn checks in a visitor with an appointment (janji temu) by the
	// booking code typed or scanned at the kiosk: the ticket is issued in
	// the booking's service, under queue.BookingRule (office/checkin.go).
	CheckIn(ctx context.Context, code string) (store.Ticket, error)

	// The counter's calls (F1..F5 and friends).
	CallNext(ctx context.Context, sessionID string) (store.Ticket, error)
	Recall(ctx context.Context, sessionID, ticketID string) (store.Ticket, error)
	StartServing(ctx context.Context, sessionID, ticketID string) (store.Ticket, error)
	Skip(ctx context.Context, sessionID, ticketID string) (store.Ticket, error)
	Finish(ctx context.Context, sessionID, ticketID string) (store.Ticket, error)
	Transfer(ctx context.Context, sessionID, ticketID, toServiceID string) (store.Ticket, error)
	// Reactivate and Cancel need an active officer as actor.
	Reactivate(ctx context.Context, actorID, ticketID string) (store.Ticket, error)
	Cancel(ctx context.Context, actorID, ticketID, reason string) (store.Ticket, error)

	// CurrentTicket is the ticket called or served at a counter
	// (store.ErrNotFound when none), so a restarted counter resumes.
	CurrentTicket(ctx context.Context, counterID string) (store.Ticket, error)
	// TicketsToday lists today's tickets (office zone) in issue order.
	TicketsToday(ctx context.Context) ([]store.Ticket, error)
	// WaitingCounts counts today's waiting tickets per service id.
	WaitingCounts(ctx context.Context) (map[string]int, error)
	// TicketEstimate is what the kiosk prints under a new number: people
	// waiting before it and the estimated wait (queue.EstimateFor).
	TicketEstimate(ctx context.Context, ticketID string) (queue.Estimate, error)
	// TicketsChangedSince is the incremental form of TicketsToday: today's
	// tickets an event after seq touched, in issue order, and the newest
	// seq they reflect (pass it next time). A screen loads the day once,
	// then keeps it current with this or the tickets its events carry.
	// A negative seq lists all of today's tickets with their seq: the
	// first load, in one consistent read.
	TicketsChangedSince(ctx context.Context, seq int64) ([]store.Ticket, int64, error)

	// Subscribe streams every event after afterSeq, in order, then live
	// ones, until ctx ends. Resuming with the last Seq seen misses nothing
	// and repeats nothing. A negative afterSeq starts at the newest event
	// (live only).
	Subscribe(ctx context.Context, afterSeq int64) (<-chan store.Event, error)
	// LastEventSeq is the Seq of the newest event (0 for none): the exact
	// resume point of a stream that starts live only.
	LastEventSeq(ctx context.Context) (int64, error)
}
