package office_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"loket/office"
	"loket/store"
)

// dayOffice is a demo office on a real store file with a pinned clock.
type dayOffice struct {
	t    *testing.T
	ctx  context.Context
	l    *office.Local
	st   *store.Store
	mu   sync.Mutex
	now  time.Time
	svcs map[string]store.Service
	sess store.CounterSession
}

func newDayOffice(t *testing.T, start time.Time) *dayOffice {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "loket.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	o := &dayOffice{t: t, ctx: context.Background(), st: st, l: office.NewLocal(st), now: start, svcs: map[string]store.Service{}}
	st.Now = func() time.Time { o.mu.Lock(); defer o.mu.Unlock(); return o.now }
	if _, err := office.FirstRun(o.ctx, o.l, office.Setup{Office: office.DemoOffice(), AdminUsername: "admin",
		AdminName: "Admin", AdminPassword: "rahasia1", Demo: true}); err != nil {
		t.Fatal(err)
	}
	svcs, _ := st.Services(o.ctx)
	for _, s := range svcs {
		o.svcs[s.Prefix] = s
	}
	ctrs, _ := st.Counters(o.ctx)
	offs, _ := st.Officers(o.ctx)
	var fo1 string
	for _, of := range offs {
		if of.Username == "fo1" {
			fo1 = of.ID
		}
	}
	o.sess, err = o.l.OpenCounter(o.ctx, fo1, ctrs[0].ID, []string{o.svcs["B"].ID})
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func (o *dayOffice) set(t time.Time) { o.mu.Lock(); o.now = t; o.mu.Unlock() }
func (o *dayOffice) tick(d time.Duration) {
	o.mu.Lock()
	o.now = o.now.Add(d)
	o.mu.Unlock()
}

// serve issues a B ticket (a 20-minute norm in the demo catalog), calls it
// and serves it for d; skip instead leaves it as a no-show.
func (o *dayOffice) serve(d time.Duration, skip bool) store.Ticket {
	o.t.Helper()
	tk, err := o.l.IssueTicket(o.ctx, o.svcs["B"].ID, "")
	if err != nil {
		o.t.Fatal(err)
	}
	o.tick(2 * time.Minute)
	if _, err := o.l.CallNext(o.ctx, o.sess.ID); err != nil {
		o.t.Fatal(err)
	}
	o.tick(time.Minute)
	if skip {
		if _, err := o.l.Skip(o.ctx, o.sess.ID, tk.ID); err != nil {
			o.t.Fatal(err)
		}
		return tk
	}
	if _, err := o.l.StartServing(o.ctx, o.sess.ID, tk.ID); err != nil {
		o.t.Fatal(err)
	}
	o.tick(d)
	if _, err := o.l.Finish(o.ctx, o.sess.ID, tk.ID); err != nil {
		o.t.Fatal(err)
	}
	o.tick(time.Minute)
	return tk
}

// A day of known tickets gives the norm compliance the office's own day
// report shows, counted on working time; the next refresh recomputes only
// the days that can have changed.
func TestRefreshDayFigures(t *testing.T) {
	wib := time.FixedZone("WIB", 7*3600)
	o := newDayOffice(t, time.Date(2026, 11, 23, 9, 0, 0, 0, wib)) // Monday

	if res, err := o.l.RefreshDayFigures(o.ctx); err != nil || res.Days != 0 {
		t.Fatalf("no tickets yet: %+v %v", res, err)
	}
	t1 := o.serve(10*time.Minute, false) // within the 20-minute norm
	t2 := o.serve(25*time.Minute, false) // beyond it
	o.serve(0, true)                     // no-show: no norm to keep
	// Started at 16:50 and finished at 17:25, after closing time (17:00):
	// 35 minutes on the clock, 10 of them working time, so within.
	o.set(time.Date(2026, 11, 23, 16, 47, 0, 0, wib))
	o.serve(35*time.Minute, false)
	for tk, score := range map[string]int{t1.ID: 4, t2.ID: 3} {
		a := store.SurveyAnswer{TicketID: tk}
		for i := range a.Scores {
			a.Scores[i] = score
		}
		if _, err := o.l.SubmitSurvey(o.ctx, a); err != nil {
			t.Fatal(err)
		}
	}

	res, err := o.l.RefreshDayFigures(o.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if res.From != "" || res.To != "2026-11-23" || res.Days != 1 || res.Changed != 1 {
		t.Errorf("first refresh %+v", res)
	}
	days, err := o.st.DayFiguresBetween(o.ctx, "2026-11-01", "2026-11-30")
	if err != nil || len(days) != 1 {
		t.Fatalf("figures %+v %v", days, err)
	}
	d := days[0]
	// NRR 3.5 on every element: 31.5 x 0.111 x 25 = 87.41.
	if d.Date != "2026-11-23" || d.Issued != 4 || d.Served != 3 || d.NoShow != 1 || d.NormKnown != 3 || d.NormMet != 2 ||
		!d.HasWait || d.MedianWait != 2*time.Minute || d.Respondents != 2 || !d.HasIKM || d.IKM != 87.41 {
		t.Errorf("monday %+v", d)
	}

	// Tuesday: one more ticket within the norm. The refresh looks from
	// the day before the last computed one: Monday is computed again but
	// unchanged, Tuesday is new.
	o.set(time.Date(2026, 11, 24, 9, 0, 0, 0, wib))
	o.serve(5*time.Minute, false)
	res, err = o.l.RefreshDayFigures(o.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if res.From != "2026-11-22" || res.To != "2026-11-24" || res.Days != 2 || res.Changed != 1 {
		t.Errorf("second refresh %+v", res)
	}
	days, _ = o.st.DayFiguresBetween(o.ctx, "2026-11-01", "2026-11-30")
	if len(days) != 2 || days[0].UpdatedAt != d.UpdatedAt || days[1].Issued != 1 || days[1].NormKnown != 1 ||
		days[1].NormMet != 1 || days[1].HasIKM {
		t.Errorf("after tuesday %+v", days)
	}
	if res, err := o.l.RefreshDayFigures(o.ctx); err != nil || res.Changed != 0 || res.From != "2026-11-23" {
		t.Errorf("idle refresh %+v %v", res, err)
	}
}
