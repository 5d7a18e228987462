package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"loket/store"
)

// tabTitles lists the tab titles of the work screen.
func (h *harness) tabTitles() []string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *container.AppTabs:
			for _, it := range v.Items {
				out = append(out, it.Text)
			}
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		}
	}
	walk(h.app.win.Content())
	return out
}

func TestReportsTab(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	var opened []string
	h.app.DocumentsDir = t.TempDir()
	h.app.OpenFile = func(p string) error { opened = append(opened, p); return nil }

	h.loginAs("fo1")
	if strings.Contains(strings.Join(h.tabTitles(), ","), "Laporan") {
		t.Errorf("front office sees the reports: %v", h.tabTitles())
	}
	// fo1 serves a ticket at counter 1 and the visitor rates it.
	ctx := context.Background()
	ctrs, _ := h.svc.Counters(ctx)
	sess, err := h.svc.OpenCounter(ctx, h.app.officer.ID, ctrs[0].ID, []string{h.issue("A", "").ServiceID})
	if err != nil {
		t.Fatal(err)
	}
	tk, _ := h.svc.CallNext(ctx, sess.ID)
	h.advance(12 * time.Minute)
	if _, err := h.svc.Finish(ctx, sess.ID, tk.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := h.svc.SubmitSurvey(ctx, store.SurveyAnswer{TicketID: tk.ID, Scores: [9]int{4, 4, 4, 4, 4, 4, 4, 4, 4}}); err != nil {
		t.Fatal(err)
	}

	h.loginAs("kasi1")
	if !strings.Contains(strings.Join(h.tabTitles(), ","), "Laporan") {
		t.Fatalf("kasi has no Laporan tab: %v", h.tabTitles())
	}
	r := newReportsScreen(h.app)
	w := test.NewWindow(r.content())
	defer w.Close()
	if len(r.filter.Options) < 8 || r.filter.Selected != filterAll {
		t.Errorf("filters %v", r.filter.Options)
	}

	r.from.SetText("23-11-2026")
	test.Tap(r.show)
	if !strings.Contains(r.message.Text, "TTTT-BB-HH") || r.haveFig {
		t.Errorf("bad date: %q", r.message.Text)
	}
	r.from.SetText("2026-11-23")
	test.Tap(r.show)
	if !r.haveFig || r.fig.Total.Issued != 1 || r.fig.Total.Served != 1 || r.fig.IKM.Grade != "A" {
		t.Fatalf("figures %+v %q", r.fig.Total, r.message.Text)
	}
	if txt := texts(r.figures); !strings.Contains(txt, "99,90 (A, 1 responden)") {
		t.Errorf("tiles: %s", txt)
	}
	if !strings.Contains(r.table.Text, "Penyampaian Dokumen / SPM") || !r.progress.Hidden {
		t.Errorf("table %q, progress hidden %v", r.table.Text, r.progress.Hidden)
	}
	if !r.calWarn.Hidden {
		t.Errorf("calendar warning for a 2026 day: %q", r.calWarn.Text)
	}

	// CSV is one file per table, in a folder of the report's name, which
	// is opened.
	for _, b := range []struct {
		tap    func()
		name   string
		opened string
	}{
		{func() { test.Tap(r.pdfB) }, "laporan-harian-2026-11-23.pdf", "laporan-harian-2026-11-23.pdf"},
		{func() { test.Tap(r.xlsxB) }, "laporan-harian-2026-11-23.xlsx", "laporan-harian-2026-11-23.xlsx"},
		{func() { test.Tap(r.csvB) }, "laporan-harian-2026-11-23-csv/laporan-harian-2026-11-23-per-layanan.csv", "laporan-harian-2026-11-23-csv"},
	} {
		b.tap()
		p := filepath.Join(h.app.DocumentsDir, b.name)
		if st, err := os.Stat(p); err != nil || st.Size() < 100 || opened[len(opened)-1] != filepath.Join(h.app.DocumentsDir, b.opened) {
			t.Errorf("%s: %v, opened %v, message %q", b.name, err, opened, r.message.Text)
		}
	}
	r.kind.SetSelected(choiceMonth)
	if r.from.Text != "2026-11" || !r.toRow.Hidden {
		t.Errorf("month choice: %q", r.from.Text)
	}
	test.Tap(r.pdfB)
	if opened[len(opened)-1] != filepath.Join(h.app.DocumentsDir, "laporan-bulanan-2026-11.pdf") {
		t.Errorf("monthly: %v %q", opened, r.message.Text)
	}
	r.kind.SetSelected(choiceRange)
	r.from.SetText("2026-11-30")
	r.to.SetText("2026-11-01")
	test.Tap(r.csvB)
	if !strings.Contains(r.message.Text, "Rentang tidak valid") {
		t.Errorf("reversed range: %q", r.message.Text)
	}
	// A range into 2027, whose holidays are not loaded, says so on screen.
	r.from.SetText("2026-12-28")
	r.to.SetText("2027-01-05")
	test.Tap(r.show)
	if r.calWarn.Hidden || !strings.Contains(r.calWarn.Text, "tahun 2027 masih perkiraan") {
		t.Errorf("no calendar warning for 2027: hidden=%v %q %q", r.calWarn.Hidden, r.calWarn.Text, r.message.Text)
	}
	test.Tap(r.briefB)
	if p := opened[len(opened)-1]; !strings.HasPrefix(filepath.Base(p), "pengarahan-pagi-2026-11-23") || !strings.Contains(r.message.Text, "tersimpan") {
		t.Errorf("briefing: %v %q", opened, r.message.Text)
	}
	// A documents folder that cannot be made: said, nothing opened.
	h.app.DocumentsDir = filepath.Join(h.app.DocumentsDir, "laporan-harian-2026-11-23.pdf", "x")
	n := len(opened)
	r.kind.SetSelected(choiceDay)
	test.Tap(r.pdfB)
	if len(opened) != n || !strings.Contains(r.message.Text, "tidak dapat disimpan") {
		t.Errorf("unwritable folder: %q", r.message.Text)
	}
}
