package office_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"loket/office"
	"loket/reports"
	"loket/store"
	"loket/tracking"
)

// pdfText is the text of a PDF as pdftotext reads it (poppler-utils is in
// the Makefile's TEST_DEPS; a missing tool fails the test).
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// TestPurgeKeepsReportsIdentical fills a day of the office (served and
// no-show tickets, receipts followed to the end, consultations answered
// with notes and a call back, questionnaires), reads the daily and monthly
// figures and PDFs, runs the retention job as if years had passed, and
// reads them again at the same instant: the figures (every count and
// duration) and the PDFs' text are identical, while the personal fields
// are gone.
// pdOffice is a day of an office with personal data in every place it
// can be: receipts (with checklist notes), consultations with notes and
// call backs, questionnaires.
type pdOffice struct {
	ctx      context.Context
	st       *store.Store
	l        *office.Local
	admin    store.Officer
	receipts []store.Receipt
	now      *time.Time
}

func newPDOffice(t *testing.T) *pdOffice {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(filepath.Join(t.TempDir(), "loket.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	now := new(time.Time)
	*now = time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC) // 09.00 WIB
	st.Now = func() time.Time { return *now }
	l := office.NewLocal(st)
	admin, err := office.FirstRun(ctx, l, office.Setup{Office: office.DemoOffice(), AdminUsername: "admin",
		AdminName: "Admin", AdminPassword: "rahasia1", Demo: true})
	if err != nil {
		t.Fatal(err)
	}
	offs := map[string]store.Officer{}
	all, _ := l.Officers(ctx)
	for _, o := range all {
		offs[o.Username] = o
	}
	svcs, _ := l.Services(ctx)
	ctrs, _ := l.Counters(ctx)
	var svA store.Service
	for _, s := range svcs {
		if s.Prefix == "A" {
			svA = s
		}
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	sess, err := l.OpenCounter(ctx, offs["fo1"].ID, ctrs[0].ID, []string{svA.ID})
	must(err)
	cat, err := l.Catalog(ctx)
	must(err)
	var entry office.CatalogEntry
	for _, e := range cat {
		if e.Key == svA.CatalogRef {
			entry = e
		}
	}
	if len(entry.Requirements) == 0 {
		t.Fatalf("service A has no requirements in the demo catalog")
	}
	people := []store.Visitor{
		{SatkerCode: "409294", Name: "Siti Aminah", Phone: "081298765432", IDNumber: "198501012010012003", Email: "siti@contoh.go.id"},
		{SatkerCode: "409295", Name: "Budi Santoso", Phone: "081311112222", IDNumber: "3171012345670001"},
		{SatkerCode: "409296", Name: "Ani Lestari", Phone: "085277778888"},
	}
	var receipts []store.Receipt
	for i, v := range people {
		tk, err := l.IssueTicket(ctx, svA.ID, "")
		must(err)
		*now = (*now).Add(4 * time.Minute)
		_, err = l.CallNext(ctx, sess.ID)
		must(err)
		_, err = l.StartServing(ctx, sess.ID, tk.ID)
		must(err)
		in := office.ReceiptInput{TicketID: tk.ID, Visitor: v, Purpose: "Pengajuan SPM a.n. " + v.Name, SatkerConfirmed: true}
		for j, req := range entry.Requirements {
			in.Checklist = append(in.Checklist, store.CheckItem{Name: req, Present: j != 0 || i != 2, Note: map[bool]string{true: "", false: "menyusul, kata " + v.Name}[j != 0 || i != 2]})
		}
		r, err := l.CreateReceipt(ctx, sess.ID, in)
		must(err)
		receipts = append(receipts, r)
		*now = (*now).Add(time.Duration(7+i*9) * time.Minute)
		_, err = l.Finish(ctx, sess.ID, tk.ID)
		must(err)
		_, err = l.SubmitSurvey(ctx, store.SurveyAnswer{TicketID: tk.ID, Scores: [9]int{4, 3, 4, 3, 4, 4, 4, 3, 4}, Comment: "Cepat"})
		must(err)
	}
	noShow, err := l.IssueTicket(ctx, svA.ID, "lansia")
	must(err)
	_, err = l.CallNext(ctx, sess.ID)
	must(err)
	_, err = l.Skip(ctx, sess.ID, noShow.ID)
	must(err)
	for _, r := range receipts[:2] {
		*now = (*now).Add(time.Hour)
		for _, s := range []tracking.Status{tracking.Diproses, tracking.Selesai, tracking.Diambil} {
			_, err = l.SetReceiptStatus(ctx, admin.ID, r.ID, string(s))
			must(err)
		}
	}
	cso := offs["cso1"]
	for i, v := range people[:2] {
		c, err := l.CreateConsultation(ctx, cso.ID, store.Consultation{Channel: "telepon", Category: "sakti", OfficerID: cso.ID,
			Question: "Akun SAKTI terblokir", Identification: "Pemohon " + v.Name + " lupa sandi", Visitor: receipts[i].Visitor})
		must(err)
		_, err = l.AddConsultationNote(ctx, cso.ID, c.ID, "Sudah ditelepon "+v.Name)
		must(err)
		_, err = l.ScheduleCallback(ctx, cso.ID, store.Callback{ConsultationID: c.ID, DueAt: (*now).Add(2 * time.Hour), Note: "Telepon " + v.Name})
		must(err)
		*now = (*now).Add(30 * time.Minute)
		_, err = l.ActOnConsultation(ctx, cso.ID, store.ConsultationAction{ID: c.ID, To: store.CSOResolved, Answer: "Reset lewat admin satker."})
		must(err)
	}

	return &pdOffice{ctx: ctx, st: st, l: l, admin: admin, receipts: receipts, now: now}
}

func TestPurgeKeepsReportsIdentical(t *testing.T) {
	o := newPDOffice(t)
	ctx, st, l, admin, receipts, now := o.ctx, o.st, o.l, o.admin, o.receipts, o.now
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	reportAt := time.Date(2026, 12, 20, 3, 0, 0, 0, time.UTC)
	day := reports.DayPeriod(time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC))
	month := reports.MonthPeriod(time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
	read := func() (figs [2][]byte, texts [2]string) {
		t.Helper()
		*now = reportAt // the same instant before and after
		for i, p := range []reports.Period{day, month} {
			fig, err := l.ReportData(ctx, admin.ID, p, reports.Filter{})
			must(err)
			if figs[i], err = json.Marshal(fig); err != nil {
				t.Fatal(err)
			}
			pdf, err := reports.PeriodReportPDF(fig, true)
			must(err)
			texts[i] = pdfText(t, pdf)
		}
		return figs, texts
	}
	beforeFig, beforeText := read()

	*now = reportAt.AddDate(6, 0, 0) // past every retention period
	res, err := l.PurgeRetention(ctx, admin.ID, false)
	must(err)
	for _, k := range res.Kinds {
		if k.Rows == 0 {
			t.Errorf("retention job touched no %s record: %+v", k.Kind, res)
		}
	}
	afterFig, afterText := read()
	for i, name := range []string{"harian", "bulanan"} {
		if !bytes.Equal(beforeFig[i], afterFig[i]) {
			t.Errorf("%s: figures changed by the purge:\nbefore %s\nafter  %s", name, beforeFig[i], afterFig[i])
		}
		if beforeText[i] != afterText[i] {
			t.Errorf("%s: PDF text changed by the purge", name)
		}
		if len(beforeText[i]) < 500 {
			t.Errorf("%s: PDF text too short to compare (%d bytes)", name, len(beforeText[i]))
		}
	}
	// And the personal fields are gone.
	for _, r := range receipts {
		p, err := st.PersonData(ctx, r.Visitor.ID)
		must(err)
		if p.Visitor.Name != store.ErasedName || p.Visitor.Phone != "" || p.Visitor.IDNumber != "" || p.Visitor.Email != "" {
			t.Errorf("visitor kept personal fields: %+v", p.Visitor)
		}
		for _, rc := range p.Receipts {
			if rc.Purpose != "" {
				t.Errorf("receipt %s kept its purpose %q", rc.Number, rc.Purpose)
			}
			for _, it := range rc.Checklist {
				if it.Note != "" {
					t.Errorf("receipt %s kept a checklist note %q", rc.Number, it.Note)
				}
			}
		}
		for _, c := range p.Consultations {
			if c.Identification != "" {
				t.Errorf("consultation %s kept its identification", c.Number)
			}
			for _, n := range c.Notes {
				if bytes.Contains([]byte(n.Body), []byte(r.Visitor.Name)) {
					t.Errorf("consultation %s kept a note naming the person: %q", c.Number, n.Body)
				}
			}
			for _, cb := range c.Callbacks {
				if cb.Phone != "" || cb.Note != "" {
					t.Errorf("call back kept phone/note: %+v", cb)
				}
			}
		}
	}
}

// TestPersonalDataDocuments: a person's export (PDF text and JSON) holds
// every personal value stored about them and the access log; the record
// of processing names every personal column; the breach notice refuses an
// incomplete form and carries the 3 x 24 hour deadline.
func TestPersonalDataDocuments(t *testing.T) {
	o := newPDOffice(t)
	off, err := o.l.Office(o.ctx)
	if err != nil {
		t.Fatal(err)
	}
	people, err := o.l.PersonalData(o.ctx, o.admin.ID, "Permohonan 7/2026", store.PersonQuery{Phone: "0812-9876-5432"})
	if err != nil {
		t.Fatal(err)
	}
	officers, _ := o.l.Officers(o.ctx)
	pdf, err := reports.DocumentPDF(office.PersonalDataDocument(off, people, officers, *o.now))
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(pdfText(t, pdf)), " ")
	js, err := office.PersonalDataExport(people)
	if err != nil {
		t.Fatal(err)
	}
	savePDF(t, "data-pribadi", pdf)
	// Every value stored about Siti Aminah, read back from the store.
	var stored []string
	rows, err := o.st.DB().QueryContext(o.ctx, `SELECT name, id_number, phone, email FROM visitors WHERE phone = '081298765432'
		UNION ALL SELECT number, purpose, '', '' FROM receipts WHERE visitor_id = ?
		UNION ALL SELECT number, identification, question, answer FROM consultations WHERE visitor_id = ?
		UNION ALL SELECT n.body, '', '', '' FROM consultation_notes n JOIN consultations c ON c.id = n.consultation_id WHERE c.visitor_id = ?
		UNION ALL SELECT cb.note, '', '', '' FROM consultation_callbacks cb JOIN consultations c ON c.id = cb.consultation_id WHERE c.visitor_id = ?`,
		people[0].Visitor.ID, people[0].Visitor.ID, people[0].Visitor.ID, people[0].Visitor.ID)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var a, b, c, d string
		if err := rows.Scan(&a, &b, &c, &d); err != nil {
			t.Fatal(err)
		}
		for _, v := range []string{a, b, c, d} {
			if v != "" {
				stored = append(stored, v)
			}
		}
	}
	rows.Close()
	if len(stored) < 10 {
		t.Fatalf("fixture holds too little to prove anything: %v", stored)
	}
	for _, v := range append(stored, "Permohonan 7/2026") {
		jv, _ := json.Marshal(v)
		if !bytes.Contains(js, jv) {
			t.Errorf("JSON export lacks %q", v)
		}
		// The PDF wraps long values across lines; compare word by word.
		if !strings.Contains(text, strings.Join(strings.Fields(v), " ")) && !allWords(text, v) {
			t.Errorf("PDF export lacks %q", v)
		}
	}

	items, err := o.l.ProcessingRecord(o.ctx, o.admin.ID)
	if err != nil {
		t.Fatal(err)
	}
	ret, _ := o.st.Retention(o.ctx)
	pdf, err = reports.DocumentPDF(office.ProcessingRecordDocument(off, items, ret, *o.now))
	if err != nil {
		t.Fatal(err)
	}
	savePDF(t, "catatan-pemrosesan", pdf)
	text = pdfText(t, pdf)
	for _, it := range items {
		if !strings.Contains(text, it.Table+"."+it.Column) {
			t.Errorf("processing record PDF lacks %s.%s", it.Table, it.Column)
		}
	}

	n := office.BreachNotice{Recipient: "Para perwakilan satker terdampak", DiscoveredAt: o.now.Add(-2 * time.Hour),
		What: "Laptop berisi salinan cadangan tidak terenkripsi hilang.", Data: "Nama, NIP, nomor telepon perwakilan satker",
		Affected: 3, Measures: "Kata sandi petugas diganti; cadangan kini terenkripsi.", Signer: store.Officer{FullName: "Dewi Lestari", NIP: "198001012005012001"}}
	bad := n
	bad.Measures = ""
	if err := bad.Validate(*o.now); err == nil || !strings.Contains(store.Message(err), "penanganan") {
		t.Fatalf("incomplete notice accepted: %v", err)
	}
	if err := n.Validate(*o.now); err != nil {
		t.Fatal(err)
	}
	pdf, err = reports.DocumentPDF(office.BreachNoticeDocument(off, n, *o.now))
	if err != nil {
		t.Fatal(err)
	}
	savePDF(t, "pemberitahuan", pdf)
	text = pdfText(t, pdf)
	for _, want := range []string{"Laptop berisi salinan", "3 orang", "Dewi Lestari", n.BreachDeadline().In(off.Location()).Format("02/01/2006 15.04")} {
		if !strings.Contains(text, want) {
			t.Errorf("breach notice lacks %q", want)
		}
	}
}

func allWords(text, v string) bool {
	for _, w := range strings.Fields(v) {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}

// savePDF keeps a rendered document for a person to look at when
// LOKET_PDF_DIR is set.
func savePDF(t *testing.T, name string, pdf []byte) {
	if dir := os.Getenv("LOKET_PDF_DIR"); dir != "" {
		if err := os.WriteFile(filepath.Join(dir, name+".pdf"), pdf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestRetentionJobRunsAtStartUp: the owner's job purges at start-up (a PC
// off at 01.30 still purges) and reports the pass.
func TestRetentionJobRunsAtStartUp(t *testing.T) {
	o := newPDOffice(t)
	*o.now = o.now.AddDate(6, 0, 0)
	ctx, cancel := context.WithCancel(o.ctx)
	defer cancel()
	got := make(chan store.PurgeResult, 4)
	job, err := office.StartRetention(ctx, o.l, nil, func(r store.PurgeResult, err error) {
		if err != nil {
			t.Error(err)
		}
		got <- r
	})
	if err != nil {
		t.Fatal(err)
	}
	defer job.Shutdown()
	select {
	case r := <-got:
		if r.Total() == 0 || r.DryRun {
			t.Fatalf("start-up pass purged nothing: %+v", r)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no retention pass at start-up")
	}
	p, err := o.st.PersonData(o.ctx, o.receipts[0].Visitor.ID)
	if err != nil {
		t.Fatal(err)
	}
	if p.Visitor.Name != store.ErasedName {
		t.Fatalf("visitor not pseudonymised by the job: %+v", p.Visitor)
	}
}

// TestExportNamesTheReceiptEvents: the export's events include the
// receipt's creation (named by its number) and its status steps.
func TestExportNamesTheReceiptEvents(t *testing.T) {
	o := newPDOffice(t)
	people, err := o.l.PersonalData(o.ctx, o.admin.ID, "", store.PersonQuery{IDNumber: "198501012010012003"})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, e := range people[0].Events {
		kinds[e.Kind]++
	}
	if kinds[store.EvReceiptCreated] != 1 || kinds[store.EvReceiptStatus] != 3 || kinds[store.EvCSOCreated] != 1 {
		t.Fatalf("events of the export: %v", kinds)
	}
}
