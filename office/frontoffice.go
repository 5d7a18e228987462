package office

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"loket/standards"
	"loket/store"
	"loket/textenc"
	"loket/tracking"
	"loket/workday"
)

// ReceiptInput is what the officer enters at the counter.
type ReceiptInput struct {
	// TicketID is the ticket being served; ServiceID is used when the
	// receipt is made without a ticket.
	TicketID  string
	ServiceID string
	Visitor   store.Visitor
	Purpose   string
	Checklist []store.CheckItem
	// ReceiptID is the receipt being edited (saved again); empty finds
	// the ticket's receipt, so a second press of the save button updates
	// the visit's receipt instead of making a second number.
	ReceiptID string
	// Another asks for a new receipt although the ticket has one: an
	// explicit choice of the officer (a second file in the same visit).
	Another bool
	// SatkerConfirmed: the officer confirmed a satker code that is not in
	// the office's list (the save is refused with code "unknown_satker"
	// until then).
	SatkerConfirmed bool
}

// SearchSatkers implements Service.
func (l *Local) SearchSatkers(ctx context.Context, q string) ([]store.Satker, error) {
	return l.st.SearchSatkers(ctx, q, 20)
}

// ImportSatkers implements Service: a CSV with columns kode,nama (a header
// row is recognised and skipped).
func (l *Local) ImportSatkers(ctx context.Context, actorID string, data []byte) (int, error) {
	if err := l.requireAdmin(ctx, actorID); err != nil {
		return 0, err
	}
	list, err := parseSatkerCSV(data)
	if err != nil {
		return 0, err
	}
	return len(list), l.notified(l.st.ImportSatkers(ctx, actorID, list))
}

func parseSatkerCSV(data []byte) ([]store.Satker, error) {
	// Excel on Windows saves Windows-1252 or UTF-16; the store keeps UTF-8.
	text, _ := textenc.Decode(data)
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	if strings.Count(strings.SplitN(text, "\n", 2)[0], ";") > 0 {
		r.Comma = ';'
	}
	var out []store.Satker
	for line := 1; ; line++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, &store.Error{Code: "invalid", Message: fmt.Sprintf("Baris %d tidak dapat dibaca: %v", line, err)}
		}
		if len(rec) < 2 {
			return nil, &store.Error{Code: "invalid", Message: fmt.Sprintf("Baris %d: harus berisi kode dan nama satker.", line)}
		}
		code, name := strings.TrimSpace(rec[0]), strings.TrimSpace(rec[1])
		if line == 1 && !strings.ContainsAny(code, "0123456789") {
			continue // header
		}
		out = append(out, store.Satker{Code: code, Name: name})
	}
	if len(out) == 0 {
		return nil, &store.Error{Code: "invalid", Message: "Berkas satker kosong."}
	}
	return out, nil
}

// FindVisitors implements Service.
func (l *Local) FindVisitors(ctx context.Context, q string) ([]store.Visitor, error) {
	vs, err := l.st.FindVisitors(ctx, q, 10)
	if err != nil {
		return nil, err
	}
	subs := make([]store.AccessSubject, 0, len(vs))
	for _, v := range vs {
		subs = append(subs, store.AccessSubject{Kind: store.SubjectVisitor, ID: v.ID, VisitorID: v.ID})
	}
	return vs, l.logView(ctx, ScreenVisitorSearch, subs)
}

// CreateReceipt implements Service: registers the visitor, stores the
// checklist under the catalog version the service has now and computes the
// promised completion on the working-day calendar (complete files only).
// Saving again for the same ticket updates its receipt (same number, same
// promise while the file stays complete); in.Another makes a new one.
func (l *Local) CreateReceipt(ctx context.Context, sessionID string, in ReceiptInput) (store.Receipt, error) {
	sess, err := l.st.Session(ctx, sessionID)
	if err != nil {
		return store.Receipt{}, err
	}
	if !sess.ClosedAt.IsZero() {
		return store.Receipt{}, store.ErrCounterClosed
	}
	r := store.Receipt{ID: in.ReceiptID, TicketID: in.TicketID, ServiceID: in.ServiceID, Visitor: in.Visitor, Purpose: in.Purpose,
		Checklist: in.Checklist, OfficerID: sess.OfficerID}
	if in.TicketID != "" {
		t, err := l.st.Ticket(ctx, in.TicketID)
		if err != nil {
			return r, err
		}
		r.ServiceID = t.ServiceID
		r.TicketCode = t.Code()
	}
	sv, err := l.st.Service(ctx, r.ServiceID)
	if err != nil {
		return r, &store.Error{Code: "not_found", Message: "Layanan untuk tanda terima tidak ditemukan."}
	}
	r.Complete = true
	for _, c := range r.Checklist {
		r.Complete = r.Complete && c.Present
	}
	if sv.CatalogRef != "" {
		// The catalog as the office uses it: its corrected time norm
		// makes the promise.
		if e, err := l.currentEntry(ctx, sv.CatalogRef); err == nil {
			r.CatalogServiceID = e.ID
			if r.Complete {
				r.DueAt, r.DueNote = l.due(ctx, e.Service, l.st.Now())
			}
		}
	}
	out, err := l.st.SaveReceipt(ctx, r, store.ReceiptOptions{Another: in.Another, SatkerConfirmed: in.SatkerConfirmed})
	if err == nil && out.TicketCode == "" {
		out.TicketCode = r.TicketCode
	}
	return out, l.notified(err)
}

// due computes the promised completion of a catalog service started at
// from: the latest deadline over its SLA variants (ranges use the
// maximum). Irreducible time norms promise nothing.
func (l *Local) due(ctx context.Context, sv standards.Service, from time.Time) (time.Time, string) {
	sched, err := ScheduleFor(ctx, l)
	if err != nil || !sv.SLAReducible {
		return time.Time{}, ""
	}
	var best time.Time
	var note string
	for _, v := range sv.SLA {
		d, err := sched.Deadline(from, v.Max.Value, string(v.Max.Unit))
		if err != nil {
			continue
		}
		if d.After(best) {
			best = d
			note = fmt.Sprintf("%g %s sejak berkas diterima lengkap, sesuai Standar Pelayanan", v.Max.Value, workday.UnitLabel(string(v.Max.Unit)))
			if v.Label != "" {
				note += " (" + shortLabel(v.Label) + ")"
			}
		}
	}
	return best, note
}

func shortLabel(s string) string {
	r := []rune(s)
	if len(r) > 60 {
		return string(r[:59]) + "…"
	}
	return s
}

// ReceiptsToday implements Service.
func (l *Local) ReceiptsToday(ctx context.Context) ([]store.Receipt, error) {
	start, err := l.dayStart(ctx)
	if err != nil {
		return nil, err
	}
	rs, err := l.st.ReceiptsBetween(ctx, start, start.AddDate(0, 0, 1))
	if err != nil {
		return nil, err
	}
	return rs, l.logListView(ctx, ScreenReceiptsToday, receiptSubjects(rs))
}

// receiptSubjects are the access log subjects of a receipt list.
func receiptSubjects(rs []store.Receipt) []store.AccessSubject {
	subs := make([]store.AccessSubject, 0, len(rs))
	for _, r := range rs {
		subs = append(subs, store.AccessSubject{Kind: store.SubjectReceipt, ID: r.ID, VisitorID: r.Visitor.ID})
	}
	return subs
}

// FindReceipt implements Service: by number, id or the QR payload the
// receipt carries (a USB scanner types it), with the file's history.
func (l *Local) FindReceipt(ctx context.Context, number string) (store.Receipt, error) {
	r, err := l.st.FindReceipt(ctx, number)
	if err != nil {
		return r, err
	}
	return r, l.logView(ctx, ScreenReceipt, []store.AccessSubject{{Kind: store.SubjectReceipt, ID: r.ID, VisitorID: r.Visitor.ID}})
}

// SetReceiptStatus implements Service: any active officer moves a file
// one step (the counter hands results over, the back office marks them
// done); the rules are package tracking's.
func (l *Local) SetReceiptStatus(ctx context.Context, actorID, receipt, status string) (store.Receipt, error) {
	o, err := l.st.Officer(ctx, actorID)
	if err != nil || !o.Active {
		return store.Receipt{}, store.ErrForbidden
	}
	out, err := l.st.SetReceiptStatus(ctx, actorID, receipt, tracking.Status(status))
	return out, l.notified(err)
}

// OverdueReceipts implements Service.
func (l *Local) OverdueReceipts(ctx context.Context) ([]store.Receipt, error) {
	rs, err := l.st.OpenReceiptsPastDue(ctx, l.st.Now())
	if err != nil {
		return nil, err
	}
	return rs, l.logListView(ctx, ScreenOverdueReceipts, receiptSubjects(rs))
}

// MarkReceiptPrinted implements Service.
func (l *Local) MarkReceiptPrinted(ctx context.Context, actorID, id, printErr string) error {
	return l.notified(l.st.MarkReceiptPrinted(ctx, actorID, id, printErr))
}
