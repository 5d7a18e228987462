package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"loket/store"
)

// TestReportVerb runs `loket report` on a store with a served ticket and a
// rated visit, and checks the files it writes and its refusals.
func TestReportVerb(t *testing.T) {
	now := time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC) // Monday 09:00 WIB
	db, st, l := demoStore(t, func() time.Time { now = now.Add(time.Second); return now })
	dir := filepath.Dir(db)
	ctx := context.Background()
	svcs, _ := l.Services(ctx)
	ctrs, _ := l.Counters(ctx)
	offs, _ := l.Officers(ctx)
	sess, err := l.OpenCounter(ctx, offs[1].ID, ctrs[0].ID, []string{svcs[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	tk, _ := l.IssueTicket(ctx, svcs[0].ID, "")
	l.CallNext(ctx, sess.ID)
	if _, err := l.Finish(ctx, sess.ID, tk.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := l.SubmitSurvey(ctx, store.SurveyAnswer{TicketID: tk.ID, Scores: [9]int{4, 4, 3, 4, 4, 4, 4, 3, 4}}); err != nil {
		t.Fatal(err)
	}
	st.Close()

	out := filepath.Join(dir, "hasil")
	run := func(args ...string) (int, string, string) {
		var so, se bytes.Buffer
		code := runVerb("report", args, &so, &se)
		return code, so.String(), se.String()
	}
	code, so, se := run("harian", "--tanggal", "2026-11-23", "--format", "semua", "--out", out)
	if code != 0 {
		t.Fatalf("harian: %d %s", code, se)
	}
	for _, name := range []string{"laporan-harian-2026-11-23.pdf", "laporan-harian-2026-11-23.xlsx", "laporan-harian-2026-11-23.csv"} {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil || len(b) < 200 {
			t.Errorf("%s: %v (%d bytes)", name, err, len(b))
		}
		if !strings.Contains(so, name) {
			t.Errorf("output does not name %s: %s", name, so)
		}
	}
	csv, _ := os.ReadFile(filepath.Join(out, "laporan-harian-2026-11-23.csv"))
	if !strings.Contains(string(csv), "Penyampaian Dokumen / SPM,1,1,") {
		t.Errorf("csv lacks the served ticket:\n%s", csv)
	}
	if code, _, se := run("bulanan", "--bulan", "2026-11", "--out", out, "--layanan", "A"); code != 0 {
		t.Errorf("bulanan: %s", se)
	}
	if _, err := os.Stat(filepath.Join(out, "laporan-bulanan-2026-11.pdf")); err != nil {
		t.Error(err)
	}
	if code, _, se := run("briefing", "--tanggal", "2026-11-24", "--out", out); code != 0 {
		t.Errorf("briefing: %s", se)
	}
	if b, err := os.ReadFile(filepath.Join(out, "pengarahan-pagi-2026-11-24.pdf")); err != nil || !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Errorf("briefing file: %v", err)
	}
	for _, bad := range [][]string{
		{"harian", "--tanggal", "23-11-2026"},
		{"bulanan", "--bulan", "November"},
		{"rentang", "--dari", "2026-11-30", "--sampai", "2026-11-01"},
		{"rentang"},
		{"mingguan"},
		{"harian", "--format", "docx"},
		{"harian", "--loket", "99"},
	} {
		code, _, se := run(append(bad, "--out", out)...)
		if code == 0 || se == "" {
			t.Errorf("%v accepted", bad)
		}
	}
}
