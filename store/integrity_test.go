package store_test

import (
	"context"
	"testing"
	"time"

	"loket/queue/lifecycle"
	"loket/store"
)

// TestCallTicketAndPauseEvents: a chosen call and every pause and resume
// write their event with the reason and the session's officer, in the
// same transaction as the change; refused steps write nothing.
func TestCallTicketAndPauseEvents(t *testing.T) {
	ctx := context.Background()
	st, svcs, ctrs, off := newOffice(t, "A", "B")
	advance := clockAt(st, time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC))
	sess, err := st.OpenCounter(ctx, off.ID, ctrs[0].ID, []string{svcs[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	a1, _ := st.IssueTicket(ctx, svcs[0].ID, "")
	b1, _ := st.IssueTicket(ctx, svcs[1].ID, "")
	a2, _ := st.IssueTicket(ctx, svcs[0].ID, "")
	before, _ := st.LastEventSeq(ctx)

	cases := []struct {
		name, ticket, reason, code string
	}{
		{"no reason", a2.ID, "", "reason_required"},
		{"reason not listed", a2.ID, "saudara", "reason_invalid"},
		{"other service", b1.ID, lifecycle.CallReasons[0], "bad_state"},
		{"unknown ticket", "nope", lifecycle.CallReasons[0], "not_found"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := st.CallTicket(ctx, sess.ID, c.ticket, c.reason)
			if e, ok := err.(*store.Error); !ok || e.Code != c.code {
				t.Fatalf("CallTicket = %v, want %s", err, c.code)
			}
		})
	}
	if seq, _ := st.LastEventSeq(ctx); seq != before {
		t.Fatalf("refused calls wrote %d events", seq-before)
	}
	tk, err := st.CallTicket(ctx, sess.ID, a2.ID, "Lainnya: pengunjung tunanetra didampingi")
	if err != nil {
		t.Fatal(err)
	}
	evs, _ := st.TicketEvents(ctx, tk.ID)
	last := evs[len(evs)-1]
	if last.Kind != store.EvTicketCalled || last.OfficerID != off.ID || last.Data["out_of_order"] != "1" ||
		last.Data["reason"] != "Lainnya: pengunjung tunanetra didampingi" || last.Data["ahead"] != "1" {
		t.Fatalf("chosen call event = %+v", last)
	}
	_ = a1

	if err := st.PauseCounter(ctx, sess.ID, lifecycle.PauseReasons[3]); err != nil {
		t.Fatal(err)
	}
	if p, r, _ := st.CounterPause(ctx, sess.ID); !p || r != lifecycle.PauseReasons[3] {
		t.Fatalf("pause state %v %q", p, r)
	}
	advance(7 * time.Minute)
	if err := st.CloseCounter(ctx, sess.ID); err != nil { // the close ends the pause
		t.Fatal(err)
	}
	all, _ := st.EventsAfter(ctx, before, 100)
	var kinds []string
	for _, e := range all {
		kinds = append(kinds, e.Kind)
		if e.Kind == store.EvCounterPaused || e.Kind == store.EvCounterResumed {
			if e.OfficerID != off.ID || e.CounterID != ctrs[0].ID || e.Data["reason"] != lifecycle.PauseReasons[3] {
				t.Errorf("pause event = %+v", e)
			}
		}
		if e.Kind == store.EvCounterResumed && e.Data["by"] != "ditutup" {
			t.Errorf("resume by %q, want ditutup", e.Data["by"])
		}
	}
	want := []string{store.EvTicketCalled, store.EvCounterPaused, store.EvCounterResumed, store.EvCounterClosed}
	if len(kinds) != len(want) {
		t.Fatalf("events %v, want %v", kinds, want)
	}
	for i := range want {
		if kinds[i] != want[i] {
			t.Fatalf("events %v, want %v", kinds, want)
		}
	}
	if err := st.PauseCounter(ctx, sess.ID, lifecycle.PauseReasons[0]); err == nil {
		t.Error("a closed session paused")
	}
}

// TestSurveyZIAnswersStored: the IPK and IPAK answers are kept beside the
// IKM's and read back; out of range is refused; IPK alone is an answer.
func TestSurveyZIAnswersStored(t *testing.T) {
	ctx := context.Background()
	st, svcs, ctrs, off := newOffice(t, "A")
	clockAt(st, time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC))
	sess, _ := st.OpenCounter(ctx, off.ID, ctrs[0].ID, []string{svcs[0].ID})
	tk, _ := st.IssueTicket(ctx, svcs[0].ID, "")
	st.CallNext(ctx, sess.ID, nil)
	st.Finish(ctx, sess.ID, tk.ID)
	if _, err := st.SubmitSurvey(ctx, store.SurveyAnswer{TicketID: tk.ID, IPAK: [5]int{5}}); err == nil {
		t.Fatal("IPAK score 5 accepted")
	}
	in := store.SurveyAnswer{TicketID: tk.ID, IPK: [8]int{1, 2, 3, 4, 0, 4, 3, 2}, IPAK: [5]int{4, 0, 3, 2, 1}}
	if _, err := st.SubmitSurvey(ctx, in); err != nil {
		t.Fatal(err)
	}
	got, err := st.SurveyAnswersBetween(ctx, time.Time{}, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil || len(got) != 1 {
		t.Fatalf("answers %v %v", got, err)
	}
	if got[0].IPK != in.IPK || got[0].IPAK != in.IPAK || got[0].Scores != [9]int{} || got[0].Answered() != 11 {
		t.Fatalf("read back %+v", got[0])
	}
}

// TestEventsInWindow: the seq-searched window holds exactly the events
// EventsBetween finds by scanning, for windows before, across and after
// the log, over three days of events.
func TestEventsInWindow(t *testing.T) {
	ctx := context.Background()
	st, svcs, _, _ := newOffice(t, "A")
	// The office was set up on the real clock; the log's clock goes on
	// from there, as a PC's does.
	day := time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, 1)
	now := day
	st.Now = func() time.Time { return now }
	for d := 0; d < 3; d++ {
		for i := 0; i < 20; i++ {
			now = day.AddDate(0, 0, d).Add(time.Duration(i) * 37 * time.Minute)
			if _, err := st.IssueTicket(ctx, svcs[0].ID, ""); err != nil {
				t.Fatal(err)
			}
		}
	}
	windows := []struct {
		name     string
		from, to time.Time
	}{
		{"before the log", day.AddDate(0, 0, -5), day.AddDate(0, 0, -4)},
		{"first day", day, day.AddDate(0, 0, 1)},
		{"middle day", day.AddDate(0, 0, 1), day.AddDate(0, 0, 2)},
		{"part of a day", day.AddDate(0, 0, 2).Add(2 * time.Hour), day.AddDate(0, 0, 2).Add(5 * time.Hour)},
		{"across days", day.Add(20 * time.Hour), day.AddDate(0, 0, 1).Add(3 * time.Hour)},
		{"after the log", day.AddDate(0, 0, 10), day.AddDate(0, 0, 11)},
	}
	for _, w := range windows {
		t.Run(w.name, func(t *testing.T) {
			want, err := st.EventsBetween(ctx, w.from, w.to)
			if err != nil {
				t.Fatal(err)
			}
			got, err := st.EventsInWindow(ctx, w.from, w.to)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("%d events, want %d", len(got), len(want))
			}
			for i := range want {
				if got[i].Seq != want[i].Seq {
					t.Fatalf("event %d = seq %d, want %d", i, got[i].Seq, want[i].Seq)
				}
			}
		})
	}
}
