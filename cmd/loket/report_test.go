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
	for _, name := range []string{"laporan-harian-2026-11-23.pdf", "laporan-harian-2026-11-23.xlsx", "laporan-harian-2026-11-23-per-layanan.csv"} {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil || len(b) < 200 {
			t.Errorf("%s: %v (%d bytes)", name, err, len(b))
		}
		if !strings.Contains(so, name) {
			t.Errorf("output does not name %s: %s", name, so)
		}
	}
	csv, _ := os.ReadFile(filepath.Join(out, "laporan-harian-2026-11-23-per-layanan.csv"))
	if !strings.HasPrefix(string(csv), "\ufeffLayanan;Diambil;Dilayani;") || !strings.Contains(string(csv), "\r\nPenyampaian Dokumen / SPM;1;1;") {
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

// TestReportBriefingAllFormatsAndOverdue: `report briefing --format semua`
// writes the sheet, the workbook and one CSV per table; the daily
// "lewat tenggat" counts a consultation opened on an earlier day and still
// unanswered past its deadline, and stops counting it once answered.
func TestReportBriefingAllFormatsAndOverdue(t *testing.T) {
	now := time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC) // Monday 09:00 WIB
	db, st, l := demoStore(t, func() time.Time { return now })
	ctx := context.Background()
	offs, _ := l.Officers(ctx)
	var cso string
	for _, o := range offs {
		if o.Username == "cso1" {
			cso = o.ID
		}
	}
	late, err := l.CreateConsultation(ctx, cso, store.Consultation{Channel: store.ChannelTelepon, Category: "sakti",
		Question: "Akun SAKTI terkunci", OfficerID: cso, Visitor: store.Visitor{Name: "Budi"}})
	if err != nil {
		t.Fatal(err)
	}
	// Answered on Friday 27 November, after its Thursday deadline.
	now = time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC)
	if _, err := l.ActOnConsultation(ctx, cso, store.ConsultationAction{ID: late.ID, To: store.CSODijawab, Answer: "Sudah dibuka"}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	out := filepath.Join(filepath.Dir(db), "hasil")
	run := func(args ...string) string {
		t.Helper()
		var so, se bytes.Buffer
		if code := runVerb("report", append(args, "--out", out), &so, &se); code != 0 {
			t.Fatalf("%v: %d %s", args, code, se.String())
		}
		return so.String()
	}
	// Thursday's report: the item opened on Monday is late at the end of
	// Thursday. Friday's: answered that day, no longer late.
	overdue := func(day string) string {
		t.Helper()
		run("harian", "--tanggal", day, "--format", "csv")
		b, err := os.ReadFile(filepath.Join(out, "laporan-harian-"+day+"-cso-lewat-tenggat.csv"))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if got := overdue("2026-11-26"); !strings.Contains(got, late.Number+";23/11/2026 09:00;26/11/2026 17:00;") {
		t.Errorf("Thursday's overdue list:\n%s", got)
	}
	if got := overdue("2026-11-27"); strings.Contains(got, late.Number) {
		t.Errorf("Friday's overdue list still has the answered item:\n%s", got)
	}
	sum, _ := os.ReadFile(filepath.Join(out, "laporan-harian-2026-11-26-konsultasi-cso.csv"))
	if !strings.Contains(string(sum), "Ringkasan;Lewat tenggat tindak lanjut (akhir periode);1") || !strings.Contains(string(sum), "Ringkasan;Konsultasi dicatat;0") {
		t.Errorf("Thursday's consultation figures:\n%s", sum)
	}

	// The briefing on Friday morning reviews Thursday.
	so := run("briefing", "--tanggal", "2026-11-27", "--format", "semua")
	names := strings.Fields(so)
	want := map[string]bool{"pengarahan-pagi-2026-11-27.pdf": false, "pengarahan-pagi-2026-11-27.xlsx": false,
		"pengarahan-pagi-2026-11-27-angka-kemarin.csv": false, "pengarahan-pagi-2026-11-27-cso-lewat-tenggat.csv": false,
		"pengarahan-pagi-2026-11-27-petugas-kemarin.csv": false}
	for _, n := range names {
		if _, ok := want[filepath.Base(n)]; ok {
			want[filepath.Base(n)] = true
		}
		if _, err := os.Stat(n); err != nil {
			t.Errorf("listed file %s: %v", n, err)
		}
	}
	for n, seen := range want {
		if !seen {
			t.Errorf("briefing --format semua did not write %s (wrote %v)", n, names)
		}
	}
	b, _ := os.ReadFile(filepath.Join(out, "pengarahan-pagi-2026-11-27-cso-lewat-tenggat.csv"))
	if !strings.Contains(string(b), late.Number) {
		t.Errorf("briefing overdue list:\n%s", b)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "pengarahan-pagi-2026-11-27.pdf")); !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Error("briefing PDF")
	}
	// A single format writes only that one.
	os.RemoveAll(out)
	so = run("briefing", "--tanggal", "2026-11-27", "--format", "xlsx")
	if strings.TrimSpace(so) != filepath.Join(out, "pengarahan-pagi-2026-11-27.xlsx") {
		t.Errorf("briefing --format xlsx wrote %q", so)
	}
}
