package store_test

import (
	"context"
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
