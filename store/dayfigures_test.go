package store_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"loket/store"
)

// Day figures on a real store file: saved and read back field by field, a
// recomputation that changes nothing keeps updated_at (so the sync does
// not ship the row again), a changed one moves it; the sync ships every
// row in the first batch and afterwards only the rows changed since the
// last shipped event.
func TestDayFigures(t *testing.T) {
	ctx := context.Background()
	st, svcs, _, _ := newOffice(t, "A")
	now := time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)
	st.Now = func() time.Time { now = now.Add(time.Second); return now }

	if _, err := st.LastDayFiguresDate(ctx); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("no figures yet: %v", err)
	}
	if _, err := st.SaveDayFigures(ctx, []store.DayFigures{{Date: "23-11-2026"}}); err == nil {
		t.Fatal("a date not in YYYY-MM-DD was stored")
	}
	mon := store.DayFigures{Date: "2026-11-23", Issued: 12, Served: 9, NoShow: 2, Cancelled: 1, NormKnown: 8, NormMet: 6,
		// 7 min 30.7 s: stored rounded to 451 s; the same median computed
		// again must compare equal to it (it once did not, every night).
		MedianWait: 7*time.Minute + 30*time.Second + 700*time.Millisecond, HasWait: true, Respondents: 3, IKM: 87.41, HasIKM: true}
	tue := store.DayFigures{Date: "2026-11-24", Issued: 1, Cancelled: 1}
	n, err := st.SaveDayFigures(ctx, []store.DayFigures{mon, tue})
	if err != nil || n != 2 {
		t.Fatalf("save: %d %v", n, err)
	}
	got, err := st.DayFiguresBetween(ctx, "2026-11-01", "2026-11-30")
	if err != nil || len(got) != 2 {
		t.Fatalf("read: %+v %v", got, err)
	}
	g := got[0]
	if g.Office != "KPPN019" || g.Date != mon.Date || g.Issued != 12 || g.Served != 9 || g.NoShow != 2 || g.Cancelled != 1 ||
		g.NormKnown != 8 || g.NormMet != 6 || !g.HasWait || g.MedianWait != 7*time.Minute+31*time.Second || g.Respondents != 3 ||
		!g.HasIKM || g.IKM != 87.41 || g.ComputedAt.IsZero() || !g.UpdatedAt.Equal(g.ComputedAt) {
		t.Errorf("monday %+v", g)
	}
	if g := got[1]; g.HasWait || g.HasIKM || g.Issued != 1 || g.Cancelled != 1 {
		t.Errorf("tuesday %+v", g)
	}
	if last, err := st.LastDayFiguresDate(ctx); err != nil || last != "2026-11-24" {
		t.Errorf("last %q %v", last, err)
	}

	// The first batch carries every day figure.
	now = now.Add(time.Hour)
	if _, err := st.IssueTicket(ctx, svcs[0].ID, ""); err != nil {
		t.Fatal(err)
	}
	c, err := st.SyncChunk(ctx, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if ids := dayFigureIDs(t, c); len(ids) != 2 || ids["2026-11-23"]["norm_met"] != 6.0 || ids["2026-11-24"]["ikm"] != nil {
		t.Errorf("first batch day figures %v", ids)
	}

	// An hour later: the same Monday again and a changed Tuesday.
	now = now.Add(time.Hour)
	tue.Issued, tue.Served, tue.Cancelled = 2, 1, 1
	n, err = st.SaveDayFigures(ctx, []store.DayFigures{mon, tue})
	if err != nil || n != 1 {
		t.Fatalf("resave: %d changed, %v", n, err)
	}
	again, _ := st.DayFiguresBetween(ctx, "2026-11-23", "2026-11-24")
	if !again[0].UpdatedAt.Equal(got[0].UpdatedAt) || !again[0].ComputedAt.After(got[0].ComputedAt) {
		t.Errorf("unchanged monday: updated %s -> %s, computed %s -> %s", got[0].UpdatedAt, again[0].UpdatedAt,
			got[0].ComputedAt, again[0].ComputedAt)
	}
	if !again[1].UpdatedAt.After(got[1].UpdatedAt) || again[1].Issued != 2 {
		t.Errorf("changed tuesday %+v", again[1])
	}
	// The next batch carries the changed day only.
	after := c.To
	if _, err := st.IssueTicket(ctx, svcs[0].ID, ""); err != nil {
		t.Fatal(err)
	}
	c, err = st.SyncChunk(ctx, after, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if ids := dayFigureIDs(t, c); len(ids) != 1 || ids["2026-11-24"]["issued"] != 2.0 {
		t.Errorf("later batch day figures %v", ids)
	}

	dates, err := st.TicketDates(ctx, "", "2026-12-31")
	if err != nil || len(dates) != 1 || dates[0] != "2026-11-23" {
		t.Errorf("ticket dates %v %v", dates, err)
	}
	if dates, _ := st.TicketDates(ctx, "2026-11-24", "2026-12-31"); len(dates) != 0 {
		t.Errorf("ticket dates after monday %v", dates)
	}
}

func dayFigureIDs(t *testing.T, c store.SyncChunk) map[string]map[string]any {
	t.Helper()
	out := map[string]map[string]any{}
	for _, r := range c.Records {
		if r.Table != "day_figures" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal(r.Data, &m); err != nil {
			t.Fatal(err)
		}
		out[r.ID] = m
	}
	return out
}
