package office_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
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
func TestPurgeKeepsReportsIdentical(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(filepath.Join(t.TempDir(), "loket.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	now := time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC) // 09.00 WIB
	st.Now = func() time.Time { return now }
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
		now = now.Add(4 * time.Minute)
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
		now = now.Add(time.Duration(7+i*9) * time.Minute)
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
		now = now.Add(time.Hour)
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
		_, err = l.ScheduleCallback(ctx, cso.ID, store.Callback{ConsultationID: c.ID, DueAt: now.Add(2 * time.Hour), Note: "Telepon " + v.Name})
		must(err)
		now = now.Add(30 * time.Minute)
		_, err = l.ActOnConsultation(ctx, cso.ID, store.ConsultationAction{ID: c.ID, To: store.CSOResolved, Answer: "Reset lewat admin satker."})
		must(err)
	}

	reportAt := time.Date(2026, 12, 20, 3, 0, 0, 0, time.UTC)
	day := reports.DayPeriod(time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC))
	month := reports.MonthPeriod(time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
	read := func() (figs [2][]byte, texts [2]string) {
		t.Helper()
		now = reportAt // the same instant before and after
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

	now = reportAt.AddDate(6, 0, 0) // past every retention period
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
