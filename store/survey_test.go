package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"loket/store"
)

// clockAt pins the store's clock to start and returns a function that
// moves it on.
func clockAt(st *store.Store, start time.Time) func(d time.Duration) {
	now := start
	st.Now = func() time.Time { now = now.Add(time.Millisecond); return now }
	return func(d time.Duration) { now = now.Add(d) }
}

func TestSurveySubmit(t *testing.T) {
	ctx := context.Background()
	st, svcs, ctrs, off := newOffice(t, "A")
	advance := clockAt(st, time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC))
	sess, err := st.OpenCounter(ctx, off.ID, ctrs[0].ID, []string{svcs[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	tk, _ := st.IssueTicket(ctx, svcs[0].ID, "")
	if _, err := st.CallNext(ctx, sess.ID, nil); err != nil {
		t.Fatal(err)
	}
	full := store.SurveyAnswer{TicketID: tk.ID, Scores: [9]int{4, 3, 3, 4, 4, 4, 4, 0, 3}, Comment: "  Ruang tunggu nyaman  ",
		ServiceID: "forged", OfficerID: "forged"}
	if _, err := st.SubmitSurvey(ctx, full); err == nil || !strings.Contains(store.Message(err), "setelah layanan selesai") {
		t.Fatalf("survey of a called ticket: %v", err)
	}
	if _, err := st.Finish(ctx, sess.ID, tk.ID); err != nil {
		t.Fatal(err)
	}
	for name, bad := range map[string]store.SurveyAnswer{
		"no score":       {TicketID: tk.ID},
		"score 5":        {TicketID: tk.ID, Scores: [9]int{5}},
		"negative":       {TicketID: tk.ID, Scores: [9]int{1, -1}},
		"long comment":   {TicketID: tk.ID, Scores: [9]int{1}, Comment: strings.Repeat("x", 1001)},
		"unknown ticket": {TicketID: "nope", Scores: [9]int{1}},
	} {
		if _, err := st.SubmitSurvey(ctx, bad); err == nil {
			t.Errorf("%s: accepted", name)
		} else if errors.As(err, new(*store.Error)) == false {
			t.Errorf("%s: not a refusal: %v", name, err)
		}
	}
	a, err := st.SubmitSurvey(ctx, full)
	if err != nil {
		t.Fatal(err)
	}
	if a.ServiceID != svcs[0].ID || a.CounterID != ctrs[0].ID || a.OfficerID != off.ID || a.Comment != "Ruang tunggu nyaman" {
		t.Errorf("links from the ticket, not the caller: %+v", a)
	}
	if _, err := st.SubmitSurvey(ctx, full); err == nil || !strings.Contains(store.Message(err), "sudah dinilai") {
		t.Errorf("second rating of one ticket: %v", err)
	}
	// Anonymous survey without a ticket.
	if _, err := st.SubmitSurvey(ctx, store.SurveyAnswer{Scores: [9]int{2, 2, 2, 2, 2, 2, 2, 2, 2}}); err != nil {
		t.Fatal(err)
	}
	// The rating window closes a day after the service.
	tk2, _ := st.IssueTicket(ctx, svcs[0].ID, "")
	st.CallNext(ctx, sess.ID, nil)
	st.Finish(ctx, sess.ID, tk2.ID)
	advance(25 * time.Hour)
	if _, err := st.SubmitSurvey(ctx, store.SurveyAnswer{TicketID: tk2.ID, Scores: [9]int{3}}); err == nil {
		t.Error("late rating accepted")
	}

	got, err := st.SurveyAnswersBetween(ctx, time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Scores != full.Scores || got[0].TicketID != tk.ID || got[1].Answered() != 9 {
		t.Fatalf("answers %+v", got)
	}
	// The event stream carries no score and no officer.
	evs, _ := st.EventsAfter(ctx, 0, 1000)
	n := 0
	for _, e := range evs {
		if e.Kind == store.EvSurveySubmitted {
			n++
			if e.OfficerID != "" || e.TicketID != "" || e.CounterID != "" || len(e.Data) != 1 {
				t.Errorf("survey event tells too much: %+v", e)
			}
		}
	}
	if n != 2 {
		t.Errorf("%d survey events", n)
	}
	// The nightly sync ships the answers.
	c, err := st.SyncChunk(ctx, 0, 10000)
	if err != nil {
		t.Fatal(err)
	}
	shipped := 0
	for _, r := range c.Records {
		if r.Table == "survey_answers" {
			shipped++
		}
	}
	if shipped != 2 {
		t.Errorf("%d survey rows shipped", shipped)
	}
}

func TestTicketFactsAndReworkedEvents(t *testing.T) {
	ctx := context.Background()
	st, svcs, ctrs, off := newOffice(t, "A", "B")
	advance := clockAt(st, time.Date(2026, 11, 23, 1, 0, 0, 0, time.UTC)) // 08:00 WIB
	sess, err := st.OpenCounter(ctx, off.ID, ctrs[0].ID, []string{svcs[0].ID, svcs[1].ID})
	if err != nil {
		t.Fatal(err)
	}
	// Monday: a plain ticket and one transferred from A to B.
	moved, _ := st.IssueTicket(ctx, svcs[0].ID, store.PriorityLansia)
	plain, _ := st.IssueTicket(ctx, svcs[0].ID, "")
	advance(5 * time.Minute)
	st.CallNext(ctx, sess.ID, nil) // nil picker: the first waiting
	st.StartServing(ctx, sess.ID, moved.ID)
	advance(3 * time.Minute)
	if _, err := st.Transfer(ctx, sess.ID, moved.ID, svcs[1].ID); err != nil {
		t.Fatal(err)
	}
	advance(time.Minute)
	st.CallNext(ctx, sess.ID, nil)
	st.StartServing(ctx, sess.ID, moved.ID)
	advance(4 * time.Minute)
	st.Finish(ctx, sess.ID, moved.ID)
	st.CallNext(ctx, sess.ID, nil)
	st.Skip(ctx, sess.ID, plain.ID)
	// Tuesday: one ticket.
	advance(24 * time.Hour)
	tue, _ := st.IssueTicket(ctx, svcs[1].ID, "")

	facts, err := st.TicketFacts(ctx, "2026-11-23", "2026-11-23")
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]store.TicketFact{}
	for _, f := range facts {
		byID[f.ID] = f
	}
	if len(facts) != 2 || byID[plain.ID].Status != store.StatusNoShow || byID[moved.ID].ServiceID != svcs[1].ID ||
		byID[moved.ID].Priority != store.PriorityLansia || byID[moved.ID].OfficerID != off.ID {
		t.Fatalf("monday facts %+v", facts)
	}
	if f := byID[moved.ID]; f.FinishedAt.Sub(f.ServedAt) != 4*time.Minute+time.Millisecond {
		t.Errorf("last service stretch %v", f.FinishedAt.Sub(f.ServedAt))
	}
	if both, _ := st.TicketFacts(ctx, "2026-11-23", "2026-11-24"); len(both) != 3 {
		t.Errorf("two days: %d facts", len(both))
	}
	if f, _ := st.TicketFacts(ctx, "2026-11-24", "2026-11-24"); len(f) != 1 || f[0].ID != tue.ID {
		t.Errorf("tuesday facts %+v", f)
	}

	mon := time.Date(2026, 11, 22, 17, 0, 0, 0, time.UTC) // 00:00 WIB Monday
	rw, err := st.ReworkedTicketEvents(ctx, mon, mon.Add(24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(rw) != 1 || len(rw[moved.ID]) < 6 || rw[moved.ID][0].Kind != store.EvTicketIssued {
		t.Fatalf("reworked %v", rw)
	}
	if rw2, _ := st.ReworkedTicketEvents(ctx, mon.Add(24*time.Hour), mon.Add(48*time.Hour)); len(rw2) != 0 {
		t.Errorf("tuesday has no transfers: %v", rw2)
	}
	if rw3, _ := st.ReworkedTicketEvents(ctx, mon.Add(-48*time.Hour), mon.Add(-24*time.Hour)); len(rw3) != 0 {
		t.Errorf("before any event: %v", rw3)
	}
}
