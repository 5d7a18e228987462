package officetest

import (
	"strings"
	"testing"
	"time"

	"loket/office"
	"loket/reports"
	"loket/store"
	"loket/tracking"
)

// counterReceipt is fo1 at Loket 1 calling a fresh A ticket and
// registering its SPM file: the receipt, with its visitor.
func (fx *fixture) counterReceipt() store.Receipt {
	fx.t.Helper()
	sess := fx.open("fo1", 1, "A")
	tk := fx.issue("A", "")
	fx.callNext(sess)
	r, err := fx.svc.CreateReceipt(fx.ctx, sess.ID, fx.spmInput(tk))
	fx.must(err)
	return r
}

// spmInput is a complete SPM file (service A: 1 to 5 working days in the
// demo catalog) for the ticket.
func (fx *fixture) spmInput(tk store.Ticket) office.ReceiptInput {
	fx.t.Helper()
	cat, err := fx.svc.Catalog(fx.ctx)
	fx.must(err)
	var e office.CatalogEntry
	for _, x := range cat {
		if x.Key == fx.svcs["A"].CatalogRef {
			e = x
		}
	}
	if len(e.Requirements) == 0 {
		fx.t.Fatalf("service A (%q) has no catalog requirements", fx.svcs["A"].CatalogRef)
	}
	in := office.ReceiptInput{TicketID: tk.ID, Purpose: "Pengajuan SPM-LS gaji November",
		Visitor: store.Visitor{SatkerCode: "409294", Name: "Siti Aminah", Phone: "081298765432", IDNumber: "198501012010012003"}}
	for _, req := range e.Requirements {
		in.Checklist = append(in.Checklist, store.CheckItem{Name: req, Present: true})
	}
	return in
}

// Saving twice yields one receipt number: the second press of "Simpan dan
// Cetak Tanda Terima" (after a printer jam, say) updates the visit's
// receipt, keeps its promise and its print count (the reprint is then a
// SALINAN); a second receipt for the ticket needs Another.
func testReceiptOnce(t *testing.T, f Factory) {
	fx := setup(t, f)
	sess := fx.open("fo1", 1, "A")
	tk := fx.issue("A", "")
	fx.callNext(sess)
	in := fx.spmInput(tk)
	first, err := fx.svc.CreateReceipt(fx.ctx, sess.ID, in)
	fx.must(err)
	if first.Updated || first.Saves != 1 || first.Status != tracking.Diterima || first.DueAt.IsZero() {
		t.Fatalf("first save %+v", first)
	}
	fx.must(fx.svc.MarkReceiptPrinted(fx.ctx, fx.offs["fo1"].ID, first.ID, ""))

	fx.tick(3 * time.Minute)
	in.Purpose = "Pengajuan SPM-LS gaji November (revisi)"
	second, err := fx.svc.CreateReceipt(fx.ctx, sess.ID, in)
	fx.must(err)
	if second.Number != first.Number || second.ID != first.ID {
		t.Fatalf("saving again made %s, want %s", second.Number, first.Number)
	}
	if !second.Updated || second.Saves != 2 || second.PrintCount != 1 || second.Purpose != in.Purpose {
		t.Fatalf("second save %+v", second)
	}
	if !second.DueAt.Equal(first.DueAt) || !second.CreatedAt.Equal(first.CreatedAt) {
		t.Fatalf("the promise moved on saving again: %v -> %v", first.DueAt, second.DueAt)
	}
	// With the receipt's id (what the form sends after its first save).
	in.ReceiptID = first.ID
	third, err := fx.svc.CreateReceipt(fx.ctx, sess.ID, in)
	fx.must(err)
	if third.Number != first.Number || third.Saves != 3 {
		t.Fatalf("third save %+v", third)
	}
	today, err := fx.svc.ReceiptsToday(fx.ctx)
	fx.must(err)
	if len(today) != 1 {
		t.Fatalf("%d receipts after saving three times, want 1", len(today))
	}
	// An explicit new receipt for the same ticket.
	in.ReceiptID, in.Another = "", true
	other, err := fx.svc.CreateReceipt(fx.ctx, sess.ID, in)
	fx.must(err)
	if other.Number == first.Number || other.Updated {
		t.Fatalf("explicit new receipt %+v", other)
	}
	// Saving again now updates the newest receipt of the ticket.
	in.Another = false
	again, err := fx.svc.CreateReceipt(fx.ctx, sess.ID, in)
	fx.must(err)
	if again.Number != other.Number {
		t.Fatalf("saving again after a new receipt updated %s, want %s", again.Number, other.Number)
	}
	// Another ticket's receipt is not edited through this one.
	tk2 := fx.issue("A", "")
	in2 := fx.spmInput(tk2)
	in2.ReceiptID = first.ID
	_, err = fx.svc.CreateReceipt(fx.ctx, sess.ID, in2)
	wantCode(t, err, "invalid")
	// Once the file moved on, saving again is refused, nothing changed.
	_, err = fx.svc.SetReceiptStatus(fx.ctx, fx.offs["fo1"].ID, first.Number, string(tracking.Diproses))
	fx.must(err)
	in.ReceiptID, in.Purpose = first.ID, "diubah setelah diproses"
	_, err = fx.svc.CreateReceipt(fx.ctx, sess.ID, in)
	wantCode(t, err, "bad_state")
	got, err := fx.svc.FindReceipt(fx.ctx, first.Number)
	fx.must(err)
	if got.Purpose == "diubah setelah diproses" || got.Saves != 3 {
		t.Fatalf("refused save changed the receipt: %+v", got)
	}
	// Becoming complete on a later save starts the promise then.
	tk3 := fx.issue("A", "")
	in3 := fx.spmInput(tk3)
	in3.Checklist[0].Present, in3.Checklist[0].Note = false, "belum ditandatangani"
	inc, err := fx.svc.CreateReceipt(fx.ctx, sess.ID, in3)
	fx.must(err)
	if inc.Status != tracking.Dikembalikan || !inc.DueAt.IsZero() {
		t.Fatalf("incomplete file %+v", inc)
	}
	in3.Checklist[0].Present = true
	comp, err := fx.svc.CreateReceipt(fx.ctx, sess.ID, in3)
	fx.must(err)
	if comp.Number != inc.Number || comp.Status != tracking.Diterima || comp.DueAt.IsZero() {
		t.Fatalf("completed on saving again %+v", comp)
	}
}

func testReceiptValidation(t *testing.T, f Factory) {
	fx := setup(t, f)
	sess := fx.open("fo1", 1, "A")
	tk := fx.issue("A", "")
	fx.callNext(sess)
	cases := []struct {
		name string
		edit func(*office.ReceiptInput)
		code string
		want string
	}{
		{"satker 5 digits", func(in *office.ReceiptInput) { in.Visitor.SatkerCode = "40929" }, "invalid", "6 digit"},
		{"satker letters", func(in *office.ReceiptInput) { in.Visitor.SatkerCode = "40929A" }, "invalid", "6 digit"},
		{"NIP 17 digits", func(in *office.ReceiptInput) { in.Visitor.IDNumber = "19850101201001200" }, "invalid", "NIP harus 18 digit"},
		{"NIP with letters", func(in *office.ReceiptInput) { in.Visitor.IDNumber = "19850101201001200X" }, "invalid", "NIP harus 18 digit"},
		{"purpose too long", func(in *office.ReceiptInput) { in.Purpose = strings.Repeat("pengajuan ", 20) }, "invalid", "Keperluan terlalu panjang"},
		{"unknown satker", func(in *office.ReceiptInput) { in.Visitor.SatkerCode = "123456" }, "unknown_satker", "123456"},
	}
	base := fx.spmInput(tk)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := base
			in.Visitor = base.Visitor
			c.edit(&in)
			_, err := fx.svc.CreateReceipt(fx.ctx, sess.ID, in)
			wantCode(t, err, c.code)
			if !strings.Contains(store.Message(err), c.want) {
				t.Fatalf("message %q lacks %q", store.Message(err), c.want)
			}
		})
	}
	today, err := fx.svc.ReceiptsToday(fx.ctx)
	fx.must(err)
	if len(today) != 0 {
		t.Fatalf("refused saves stored %d receipts", len(today))
	}
	// Confirmed by the officer, the unknown satker is kept.
	in := fx.spmInput(tk)
	in.Visitor.SatkerCode, in.SatkerConfirmed = "123456", true
	in.Purpose = strings.Repeat("x", store.MaxPurpose)
	r, err := fx.svc.CreateReceipt(fx.ctx, sess.ID, in)
	fx.must(err)
	if r.Visitor.SatkerCode != "123456" || r.Visitor.SatkerName != "" {
		t.Fatalf("confirmed unknown satker %+v", r.Visitor)
	}
	// NIK (16 digits) is still accepted in the NIP/NIK field.
	in.Visitor.IDNumber = "1471010101850001"
	_, err = fx.svc.CreateReceipt(fx.ctx, sess.ID, in)
	fx.must(err)
}

// The file's life from the counter: every step an event with officer and
// time, the scanner's QR payload finds the receipt, and files past their
// promise are listed until they are done.
func testReceiptLifecycle(t *testing.T, f Factory) {
	fx := setup(t, f)
	r := fx.counterReceipt()
	fo1, fo2 := fx.offs["fo1"].ID, fx.offs["fo2"].ID

	// What a USB scanner types: the QR payload, maybe lower case, + Enter.
	for _, q := range []string{r.Number, strings.ToLower(r.Number) + "\n", "  " + r.Number + "\r\n"} {
		got, err := fx.svc.FindReceipt(fx.ctx, q)
		fx.must(err)
		if got.ID != r.ID {
			t.Fatalf("FindReceipt(%q) = %s", q, got.Number)
		}
	}
	_, err := fx.svc.FindReceipt(fx.ctx, "   ")
	wantCode(t, err, "invalid")

	over, err := fx.svc.OverdueReceipts(fx.ctx)
	fx.must(err)
	if len(over) != 0 {
		t.Fatalf("overdue before the promise: %+v", over)
	}
	_, err = fx.svc.SetReceiptStatus(fx.ctx, fo1, r.ID, string(tracking.Selesai))
	wantCode(t, err, "bad_state")
	_, err = fx.svc.SetReceiptStatus(fx.ctx, fo1, r.ID, "hilang")
	wantCode(t, err, "bad_state")
	_, err = fx.svc.SetReceiptStatus(fx.ctx, "no-such-officer", r.ID, string(tracking.Diproses))
	wantNotActor(t, err)
	_, err = fx.svc.SetReceiptStatus(fx.ctx, fo1, "TT-X", string(tracking.Diproses))
	wantCode(t, err, "not_found")

	fx.tick(time.Hour)
	p, err := fx.svc.SetReceiptStatus(fx.ctx, fo2, r.Number, string(tracking.Diproses))
	fx.must(err)
	if p.Status != tracking.Diproses || !p.ProcessedAt.Equal(fx.now) {
		t.Fatalf("diproses %+v", p)
	}
	// Past the promise and still open: listed.
	fx.tick(r.DueAt.Sub(fx.now) + time.Minute)
	over, err = fx.svc.OverdueReceipts(fx.ctx)
	fx.must(err)
	if len(over) != 1 || over[0].ID != r.ID {
		t.Fatalf("overdue after the promise: %+v", over)
	}
	done, err := fx.svc.SetReceiptStatus(fx.ctx, fo2, r.Number, string(tracking.Selesai))
	fx.must(err)
	if !done.CompletedAt.Equal(fx.now) || tracking.Judge(done.File(), done.DueAt, fx.now) != tracking.Late {
		t.Fatalf("selesai after the promise %+v", done)
	}
	over, err = fx.svc.OverdueReceipts(fx.ctx)
	fx.must(err)
	if len(over) != 0 {
		t.Fatalf("a done file still overdue: %+v", over)
	}
	fx.tick(24 * time.Hour)
	taken, err := fx.svc.SetReceiptStatus(fx.ctx, fo1, r.Number, string(tracking.Diambil))
	fx.must(err)
	if taken.Status != tracking.Diambil || taken.ClosedAt.IsZero() || taken.Steps != 3 {
		t.Fatalf("diambil %+v", taken)
	}
	_, err = fx.svc.SetReceiptStatus(fx.ctx, fo1, r.Number, string(tracking.Dikembalikan))
	wantCode(t, err, "bad_state")

	got, err := fx.svc.FindReceipt(fx.ctx, r.Number)
	fx.must(err)
	want := []struct {
		st      tracking.Status
		officer string
	}{{tracking.Diterima, fo1}, {tracking.Diproses, fo2}, {tracking.Selesai, fo2}, {tracking.Diambil, fo1}}
	if len(got.History) != len(want) {
		t.Fatalf("history %+v", got.History)
	}
	for i, w := range want {
		h := got.History[i]
		if h.Status != w.st || h.OfficerID != w.officer || h.At.IsZero() || (i > 0 && h.At.Before(got.History[i-1].At)) {
			t.Fatalf("step %d: %+v, want %s by %s", i, h, w.st, w.officer)
		}
	}
}

// For a service whose norm is in working days, the report's "sesuai
// norma" is the files' completion against the receipt's promise, not the
// minutes at the counter; open files past their promise are listed.
func testReceiptCompletionInReport(t *testing.T, f Factory) {
	fx := setup(t, f)
	sess := fx.open("fo1", 1, "A")
	serve := func() (store.Ticket, store.Receipt) {
		fx.issue("A", "")
		tk := fx.callNext(sess)
		_, err := fx.svc.StartServing(fx.ctx, sess.ID, tk.ID)
		fx.must(err)
		fx.tick(4 * time.Minute)
		r, err := fx.svc.CreateReceipt(fx.ctx, sess.ID, fx.spmInput(tk))
		fx.must(err)
		_, err = fx.svc.Finish(fx.ctx, sess.ID, tk.ID)
		fx.must(err)
		return tk, r
	}
	_, onTime := serve()
	_, open := serve()
	if onTime.DueAt.IsZero() || open.DueAt.Sub(fx.now) < 24*time.Hour {
		t.Fatalf("service A should promise days: %v (%s)", open.DueAt, open.DueNote)
	}
	kasi := fx.offs["kasi1"].ID
	for _, st := range []tracking.Status{tracking.Diproses, tracking.Selesai} {
		fx.tick(time.Hour)
		_, err := fx.svc.SetReceiptStatus(fx.ctx, kasi, onTime.Number, string(st))
		fx.must(err)
	}
	period := reports.MonthPeriod(fx.now.In(time.FixedZone("WIB", 7*3600)))
	// Before the second promise: one judged file, on time.
	fig, err := fx.svc.ReportData(fx.ctx, kasi, period, reports.Filter{})
	fx.must(err)
	if fig.Files == nil || fig.Files.Total.Received != 2 || fig.Files.Total.OnTime != 1 || fig.Files.Total.OpenWithin != 1 {
		t.Fatalf("files before the promise: %+v", fig.Files)
	}
	svcA := groupOf(t, fig.ByService, fx.svcs["A"].ID)
	if svcA.Stats.NormKnown != 1 || svcA.Stats.NormMet != 1 {
		t.Fatalf("service A norm before the promise: %d of %d", svcA.Stats.NormMet, svcA.Stats.NormKnown)
	}
	// After it: the open file breaks the promise and is listed.
	fx.tick(open.DueAt.Sub(fx.now) + time.Hour)
	fig, err = fx.svc.ReportData(fx.ctx, kasi, period, reports.Filter{})
	fx.must(err)
	ft := fig.Files.Total
	if ft.OnTime != 1 || ft.OpenOverdue != 1 || len(fig.Files.Overdue) != 1 || fig.Files.Overdue[0].Number != open.Number {
		t.Fatalf("files after the promise: %+v", fig.Files)
	}
	if share, ok := ft.Share(); !ok || share != 0.5 {
		t.Fatalf("share %v %v", share, ok)
	}
	svcA = groupOf(t, fig.ByService, fx.svcs["A"].ID)
	if svcA.Stats.NormKnown != 2 || svcA.Stats.NormMet != 1 {
		t.Fatalf("service A norm after the promise: %d of %d (minutes at the counter would say 2 of 2)", svcA.Stats.NormMet, svcA.Stats.NormKnown)
	}
	over, err := fx.svc.OverdueReceipts(fx.ctx)
	fx.must(err)
	if len(over) != 1 || over[0].Number != open.Number {
		t.Fatalf("overdue receipts %+v", over)
	}
	// The briefing sheet renders with the count.
	if _, err := office.BriefingSheet(fx.ctx, fx.svc, func(p reports.Period) (reports.Figures, error) {
		return fx.svc.ReportData(fx.ctx, kasi, p, reports.Filter{})
	}, fx.now); err != nil {
		t.Fatal(err)
	}
}

func groupOf(t *testing.T, gs []reports.Group, id string) reports.Group {
	t.Helper()
	for _, g := range gs {
		if g.ID == id {
			return g
		}
	}
	t.Fatalf("no group %s in %+v", id, gs)
	return reports.Group{}
}
