package ui

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"loket/queue/lifecycle"
	"loket/store"
)

// look saves what window w shows as a PNG under $LOKET_LOOK, for a person
// to look at (no assertion on pixels).
func look(t *testing.T, w fyne.Window, name string) {
	dir := os.Getenv("LOKET_LOOK")
	if dir == "" {
		return
	}
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// Fyne's software painter panics on some layouts with negative sizes;
	// a picture for people is not worth failing the test over.
	defer func() {
		if r := recover(); r != nil {
			t.Logf("no picture of %s: %v", name, r)
		}
	}()
	if err := png.Encode(f, w.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}

// fo1Session opens counter 1 for fo1 on service A and returns the session.
func (h *harness) fo1Session(t *testing.T) (store.CounterSession, store.Officer) {
	t.Helper()
	ctx := context.Background()
	offs, _ := h.svc.Officers(ctx)
	var fo1 store.Officer
	for _, o := range offs {
		if o.Username == "fo1" {
			fo1 = o
		}
	}
	ctrs, _ := h.svc.Counters(ctx)
	svcs, _ := h.svc.Services(ctx)
	sess, err := h.svc.OpenCounter(ctx, fo1.ID, ctrs[0].ID, []string{svcs[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	return sess, fo1
}

// TestKasiFairnessTab: the Kepala Seksi's Keadilan Antrean tab shows the
// day's out-of-order call with its reason and officer, the pause and the
// idle counter, and saves the sheet as PDF.
func TestKasiFairnessTab(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	h.app.DocumentsDir = t.TempDir()
	var opened []string
	h.app.OpenFile = func(p string) error { opened = append(opened, p); return nil }
	ctx := context.Background()
	sess, _ := h.fo1Session(t)
	h.issue("A", "")
	a2 := h.issue("A", "")
	if _, err := h.svc.CallTicket(ctx, sess.ID, a2.ID, lifecycle.CallReasons[1]); err != nil {
		t.Fatal(err)
	}
	h.advance(4 * time.Minute)
	if _, err := h.svc.Finish(ctx, sess.ID, a2.ID); err != nil {
		t.Fatal(err)
	}
	if err := h.svc.PauseCounter(ctx, sess.ID, lifecycle.PauseReasons[2]); err != nil {
		t.Fatal(err)
	}
	h.advance(25 * time.Minute)
	if err := h.svc.ResumeCounter(ctx, sess.ID); err != nil {
		t.Fatal(err)
	}

	h.loginAs("fo1")
	if strings.Contains(strings.Join(h.tabTitles(), ","), "Keadilan Antrean") {
		t.Errorf("front office sees the fairness sheet: %v", h.tabTitles())
	}
	h.loginAs("kasi1")
	if !strings.Contains(strings.Join(h.tabTitles(), ","), "Keadilan Antrean") || h.app.fairness == nil {
		t.Fatalf("kasi has no Keadilan Antrean tab: %v", h.tabTitles())
	}
	f := newFairnessScreen(h.app)
	w := test.NewWindow(f.content())
	defer w.Close()
	w.Resize(fyne.NewSize(1100, 760))
	f.date.SetText("23/11/2026")
	test.Tap(f.show)
	if !strings.Contains(f.message.Text, "tidak valid") {
		t.Errorf("bad date: %q", f.message.Text)
	}
	f.date.SetText("2026-11-23")
	test.Tap(f.show)
	for _, c := range []struct{ what, text, want string }{
		{"summary", f.summary.Text, "1 panggilan di luar urutan · 1 jeda (25 mnt)"},
		{"per officer", f.officers.Text, "Rina Marlina — di luar urutan 1 · diaktifkan kembali 0 · jeda 1 kali (25 mnt)"},
		{"calls", f.calls.Text, "A002  Loket 1  Rina Marlina — melompati 1 nomor — Berkas lanjutan dari loket lain"},
		{"pauses", f.pauses.Text, "Rapat atau dipanggil atasan"},
		{"idle", f.idle.Text, "(sebagian dijeda)"},
	} {
		if !strings.Contains(c.text, c.want) {
			t.Errorf("%s = %q, want %q", c.what, c.text, c.want)
		}
	}
	look(t, w, "kasi_fairness.png")
	test.Tap(f.pdfB)
	want := filepath.Join(h.app.DocumentsDir, "keadilan-antrean-2026-11-23.pdf")
	if st, err := os.Stat(want); err != nil || st.Size() < 1000 || len(opened) == 0 || opened[len(opened)-1] != want {
		t.Fatalf("fairness PDF: %v, opened %v, %q", err, opened, f.message.Text)
	}
}

// TestReportsZIPack: the Laporan tab shows IPK and IPAK and its Paket
// Bukti ZI button saves the PDF and the workbook together and opens their
// folder.
func TestReportsZIPack(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	h.app.DocumentsDir = t.TempDir()
	var opened []string
	h.app.OpenFile = func(p string) error { opened = append(opened, p); return nil }
	ctx := context.Background()
	sess, _ := h.fo1Session(t)
	h.issue("A", "")
	tk, err := h.svc.CallNext(ctx, sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	h.advance(5 * time.Minute)
	if _, err := h.svc.Finish(ctx, sess.ID, tk.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := h.svc.SubmitSurvey(ctx, store.SurveyAnswer{TicketID: tk.ID, Scores: [9]int{4, 4, 4, 4, 4, 4, 4, 4, 4},
		IPK: [8]int{3, 3, 3, 3, 3, 3, 3, 3}, IPAK: [5]int{4, 4, 4, 4, 2}}); err != nil {
		t.Fatal(err)
	}
	h.loginAs("kasi1")
	r := newReportsScreen(h.app)
	w := test.NewWindow(r.content())
	defer w.Close()
	test.Tap(r.show)
	if txt := texts(r.figures); !strings.Contains(txt, "IPK 3,00 (75,00) · IPAK 3,60 (90,00)") {
		t.Errorf("tiles: %s (%q)", txt, r.message.Text)
	}
	test.Tap(r.zipB)
	dir := filepath.Join(h.app.DocumentsDir, "paket-bukti-zi-senin-23-november-2026")
	for _, name := range []string{".pdf", ".xlsx"} {
		p := filepath.Join(dir, filepath.Base(dir)+name)
		if st, err := os.Stat(p); err != nil || st.Size() < 1000 {
			entries, _ := os.ReadDir(h.app.DocumentsDir)
			t.Fatalf("evidence pack %s: %v (%v) %q", p, err, entries, r.message.Text)
		}
	}
	if len(opened) == 0 || opened[len(opened)-1] != dir {
		t.Errorf("opened %v, want the pack's folder", opened)
	}
}
