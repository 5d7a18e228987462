package store_test

import (
	"testing"
	"time"

	"loket/store"
)

// TestOverdueConsultationsWheneverOpened checks the reports' "lewat
// tenggat": a day's figures count every item late at the end of that day,
// whichever day it was opened, until it is first answered.
func TestOverdueConsultationsWheneverOpened(t *testing.T) {
	o := newCSOOffice(t) // Monday 23 November 2026 09:00 WIB
	wib := time.FixedZone("WIB", 7*3600)
	day := func(d int) (time.Time, time.Time) {
		return time.Date(2026, 11, d, 0, 0, 0, 0, wib), time.Date(2026, 11, d+1, 0, 0, 0, 0, wib)
	}
	a := o.create(store.ChannelTelepon, "sakti", "A: never answered")
	b := o.create(store.ChannelTelepon, "sakti", "B: answered on Friday, after its deadline")
	c := o.create(store.ChannelTelepon, "sakti", "C: answered on Tuesday")
	e := o.create(store.ChannelTelepon, "sakti", "E: answered on Tuesday, escalated again on Wednesday")
	if thu, _ := day(26); a.DueAt.Before(thu) || !a.DueAt.Before(thu.Add(24*time.Hour)) {
		t.Fatalf("deadline %v, want Thursday 26 November", a.DueAt.In(wib))
	}
	o.now = time.Date(2026, 11, 24, 3, 0, 0, 0, time.UTC) // Tuesday 10:00 WIB
	o.act(o.cso.ID, store.ConsultationAction{ID: c.ID, To: store.CSODijawab, Answer: "jawab"})
	o.act(o.cso.ID, store.ConsultationAction{ID: e.ID, To: store.CSODijawab, Answer: "jawab"})
	o.now = time.Date(2026, 11, 25, 3, 0, 0, 0, time.UTC) // Wednesday
	o.act(o.cso.ID, store.ConsultationAction{ID: e.ID, To: store.CSOEskalasi, KasiID: o.kasi.ID, Note: "Satker keberatan"})
	o.now = time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC) // Friday 10:00 WIB
	o.act(o.cso.ID, store.ConsultationAction{ID: b.ID, To: store.CSODijawab, Answer: "jawab"})

	ids := func(cs []store.Consultation) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.Question[:1])
		}
		return out
	}
	check := func(name string, from, to time.Time, want ...string) {
		t.Helper()
		f, err := o.st.ConsultationFigures(o.ctx, from, to)
		o.must(err)
		got := ids(f.Overdue)
		if len(got) != len(want) {
			t.Errorf("%s: overdue %v, want %v", name, got, want)
			return
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%s: overdue %v, want %v", name, got, want)
				return
			}
		}
	}
	o.now = time.Date(2026, 11, 30, 2, 0, 0, 0, time.UTC) // the next Monday
	// Nothing was opened on Wednesday, Thursday or Friday; the old figures
	// (only items opened that day) said 0 for each.
	check("Wednesday", first(day(25)), second(day(25)))
	check("Thursday", first(day(26)), second(day(26)), "A", "B")
	check("Friday", first(day(27)), second(day(27)), "A")
	check("month", time.Date(2026, 11, 1, 0, 0, 0, 0, wib), time.Date(2026, 12, 1, 0, 0, 0, 0, wib), "A", "E")
	// Seen live, an item answered and escalated again waits again (as on
	// the CSO board); the end of today is read as now.
	o.now = time.Date(2026, 11, 27, 5, 0, 0, 0, time.UTC) // Friday noon
	check("today", first(day(27)), second(day(27)), "A", "E")
	list, err := o.st.OverdueConsultations(o.ctx, o.now.Add(time.Hour))
	o.must(err)
	for _, c := range list {
		if !c.Overdue {
			t.Errorf("%s listed overdue but the board does not show it so", c.Number)
		}
	}
}

func first(a, _ time.Time) time.Time  { return a }
func second(_, b time.Time) time.Time { return b }
