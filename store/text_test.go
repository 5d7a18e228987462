package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"loket/store"
)

// Whatever path a text comes by, the store keeps it as valid UTF-8 without
// NUL or control characters (a NUL in a survey comment once blocked the
// office's sync for good).
func TestTextIsCleanedBeforeItIsStored(t *testing.T) {
	ctx := context.Background()
	st, svcs, ctrs, off := newOffice(t, "A")
	clockAt(st, time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC))
	sess, err := st.OpenCounter(ctx, off.ID, ctrs[0].ID, []string{svcs[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	tk, _ := st.IssueTicket(ctx, svcs[0].ID, "")
	if _, err := st.CallNext(ctx, sess.ID, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Finish(ctx, sess.ID, tk.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SubmitSurvey(ctx, store.SurveyAnswer{TicketID: tk.ID, Scores: [9]int{4}, Comment: "Bagus\x00 sekali\x1b \xff"}); err != nil {
		t.Fatal(err)
	}
	if err := st.ImportSatkers(ctx, off.ID, []store.Satker{{Code: "012345", Name: "Satker\x00 Uji\x07"}}); err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]string{
		`SELECT comment FROM survey_answers`:             "Bagus sekali \uFFFD",
		`SELECT name FROM satkers WHERE code = '012345'`: "Satker Uji",
	} {
		var got string
		if err := st.DB().QueryRow(q).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s = %q, want %q", q, got, want)
		}
	}
	// The events carry the cleaned text too: nothing with a NUL escape.
	var n int
	st.DB().QueryRow(`SELECT count(*) FROM events WHERE instr(data, '\u0000') > 0`).Scan(&n)
	if n != 0 {
		t.Errorf("%d events carry a NUL escape", n)
	}
}

// One sync at a time per store, across processes: a second start is
// refused while the first beats its heartbeat, and taken over (the first
// closed as cut) once the heartbeat has stopped for SyncRunStale.
func TestOneSyncRunAtATime(t *testing.T) {
	ctx := context.Background()
	st, _, _, _ := newOffice(t, "A")
	advance := clockAt(st, time.Date(2026, 11, 23, 16, 0, 0, 0, time.UTC))
	first, err := st.StartSyncRun(ctx, store.RunSync, store.TrigNightly)
	if err != nil {
		t.Fatal(err)
	}
	advance(time.Minute)
	if _, err := st.StartSyncRun(ctx, store.RunSync, store.TrigCLI); !errors.Is(err, store.ErrBusy) {
		t.Fatalf("second start while the first runs: %v", err)
	}
	// A backup is another kind: it may run beside a sync.
	if _, err := st.StartSyncRun(ctx, store.RunBackup, store.TrigCLI); err != nil {
		t.Fatal(err)
	}
	// The first keeps beating: still refused after SyncRunStale in all.
	advance(store.SyncRunStale - 30*time.Second)
	if err := st.HeartbeatSyncRun(ctx, first.ID); err != nil {
		t.Fatal(err)
	}
	advance(time.Minute)
	if _, err := st.StartSyncRun(ctx, store.RunSync, store.TrigCLI); err == nil {
		t.Fatal("second start while the first beats its heartbeat")
	}
	// The first's process died: its heartbeat stops, the next start takes over.
	advance(store.SyncRunStale)
	next, err := st.StartSyncRun(ctx, store.RunSync, store.TrigCLI)
	if err != nil {
		t.Fatal(err)
	}
	runs, _ := st.SyncRuns(ctx, 10)
	for _, r := range runs {
		if r.ID == first.ID && (r.Result != store.RunError || r.Error == "") {
			t.Errorf("the cut run %+v is not closed as an error", r)
		}
	}
	if err := st.FinishSyncRun(ctx, next.ID, 0, 0, "", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := st.StartSyncRun(ctx, store.RunSync, store.TrigCLI); err != nil {
		t.Fatalf("start after the run finished: %v", err)
	}
}
