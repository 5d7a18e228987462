package main

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"loket/store"
)

// The jobs of the process that owns the store: an answered consultation
// overdue for auto-close is closed at start-up with no CSO screen open,
// and the sync control computes the day figures before a run.
func TestOwnerJobs(t *testing.T) {
	var mu sync.Mutex
	now := time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC) // Monday 09:00 WIB
	_, st, local := demoStore(t, func() time.Time { mu.Lock(); defer mu.Unlock(); now = now.Add(time.Millisecond); return now })
	defer st.Close()
	ctx := context.Background()
	offs, _ := st.Officers(ctx)
	var cso string
	for _, o := range offs {
		if o.Username == "cso1" {
			cso = o.ID
		}
	}
	c, err := local.CreateConsultation(ctx, cso, store.Consultation{Channel: store.ChannelEmail, Category: "pajak",
		Question: "Kode billing salah", Visitor: store.Visitor{SatkerCode: "409294"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := local.ActOnConsultation(ctx, cso, store.ConsultationAction{ID: c.ID, To: store.CSODijawab, Answer: "Buat ulang."}); err != nil {
		t.Fatal(err)
	}
	svcs, _ := st.Services(ctx)
	if _, err := local.IssueTicket(ctx, svcs[0].ID, ""); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	now = now.Add(4 * 24 * time.Hour) // Friday
	mu.Unlock()

	var logs syncBuffer
	jctx, cancel := context.WithCancel(ctx)
	ctl := startOwnerJobs(jctx, st, local, slog.New(slog.NewTextHandler(&logs, nil)))
	defer func() {
		cancel()
		ctl.Stop()
	}()
	deadline := time.Now().Add(5 * time.Second)
	for {
		full, err := local.Consultation(ctx, c.Number)
		if err != nil {
			t.Fatal(err)
		}
		if full.Status == store.CSODitutup {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("not auto-closed: %q; log %q", full.Status, logs.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	for !strings.Contains(logs.String(), "cso: auto-close") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if !strings.Contains(logs.String(), "closed=1") {
		t.Errorf("log %q", logs.String())
	}

	// The day figures hook the Control runs before every sync.
	if ctl == nil || ctl.Prepare == nil {
		t.Fatal("no day-figures hook on the sync control")
	}
	if err := ctl.Prepare(ctx); err != nil {
		t.Fatal(err)
	}
	days, err := st.DayFiguresBetween(ctx, "2026-11-23", "2026-11-23")
	if err != nil || len(days) != 1 || days[0].Issued != 1 {
		t.Errorf("day figures %+v %v", days, err)
	}
	// The catch-up backup at start-up finishes before the folder goes.
	for time.Now().Before(deadline) {
		if runs, _ := ctl.Runs(ctx, 5); len(runs) > 0 && runs[0].Result != store.RunRunning {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
}
