package central_test

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"loket/central"
	loketoffice "loket/office"
	"loket/store"
)

// demoOffice is an office set up as the first-run dialog does (the demo
// services are linked to the default catalog: service B has a 20-minute
// norm), with a pinned clock and an open counter for B.
type demoOffice struct {
	t    *testing.T
	st   *store.Store
	l    *loketoffice.Local
	code string
	mu   sync.Mutex
	now  time.Time
	svc  store.Service
	sess store.CounterSession
}

func newDemoOffice(t *testing.T, start time.Time) *demoOffice {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(filepath.Join(t.TempDir(), "loket.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	o := &demoOffice{t: t, st: st, l: loketoffice.NewLocal(st), now: start}
	st.Now = func() time.Time { o.mu.Lock(); defer o.mu.Unlock(); o.now = o.now.Add(time.Millisecond); return o.now }
	if _, err := loketoffice.FirstRun(ctx, o.l, loketoffice.Setup{Office: loketoffice.DemoOffice(), AdminUsername: "admin",
		AdminName: "Admin", AdminPassword: "rahasia1", Demo: true}); err != nil {
		t.Fatal(err)
	}
	off, _ := st.Office(ctx)
	o.code = off.Code
	svcs, _ := st.Services(ctx)
	for _, s := range svcs {
		if s.Prefix == "B" {
			o.svc = s
		}
	}
	ctrs, _ := st.Counters(ctx)
	offs, _ := st.Officers(ctx)
	var fo1 string
	for _, of := range offs {
		if of.Username == "fo1" {
			fo1 = of.ID
		}
	}
	if o.sess, err = o.l.OpenCounter(ctx, fo1, ctrs[0].ID, []string{o.svc.ID}); err != nil {
		t.Fatal(err)
	}
	return o
}

func (o *demoOffice) set(t time.Time) { o.mu.Lock(); o.now = t; o.mu.Unlock() }

func (o *demoOffice) tick(d time.Duration) { o.mu.Lock(); o.now = o.now.Add(d); o.mu.Unlock() }

// serve issues a B ticket, calls it after two minutes' wait and serves it
// for d.
func (o *demoOffice) serve(d time.Duration) store.Ticket {
	o.t.Helper()
	ctx := context.Background()
	tk, err := o.l.IssueTicket(ctx, o.svc.ID, "")
	if err != nil {
		o.t.Fatal(err)
	}
	o.tick(2 * time.Minute)
	if _, err := o.l.CallNext(ctx, o.sess.ID); err != nil {
		o.t.Fatal(err)
	}
	if _, err := o.l.StartServing(ctx, o.sess.ID, tk.ID); err != nil {
		o.t.Fatal(err)
	}
	o.tick(d)
	if _, err := o.l.Finish(ctx, o.sess.ID, tk.ID); err != nil {
		o.t.Fatal(err)
	}
	o.tick(time.Minute)
	return tk
}

func rowOf(t *testing.T, rep []central.ReportRow, date string) central.ReportRow {
	t.Helper()
	for _, r := range rep {
		if r.Date == date {
			return r
		}
	}
	t.Fatalf("no report row for %s in %+v", date, rep)
	return central.ReportRow{}
}

func pct(p *float64) float64 {
	if p == nil {
		return -1
	}
	return *p
}

// The centre's SLA % is the office's norm compliance (from the day figures
// computed before the sync and synced with it); a day without figures
// (the figures step failed, or an office on an older version) keeps the
// wait-based measure, labelled so; a later sync replaces the figures of a
// day that changed. The centre's own IKM agrees with the office's.
func TestReportSLAFromDayFigures(t *testing.T) {
	for _, be := range backends {
		t.Run(be.name, func(t *testing.T) {
			ctx := context.Background()
			wib := time.FixedZone("WIB", 7*3600)
			o := newDemoOffice(t, time.Date(2026, 11, 23, 9, 0, 0, 0, wib)) // Monday
			h := newHub(t, be, o.code, nil)
			ctl, err := central.NewControl(o.st, o.st.Path(), quiet)
			if err != nil {
				t.Fatal(err)
			}
			if err := ctl.SaveConfig(central.Config{URL: h.cfg.URL, Token: h.token, PinSHA256: h.cfg.PinSHA256, At: "23:00", Keep: 3}); err != nil {
				t.Fatal(err)
			}
			prepErr := error(nil)
			ctl.Prepare = func(ctx context.Context) error {
				if prepErr != nil {
					return prepErr
				}
				_, err := o.l.RefreshDayFigures(ctx)
				return err
			}

			// Monday: one ticket within the 20-minute norm, one beyond;
			// both waited two minutes (the wait measure would say 100%).
			t1, t2 := o.serve(10*time.Minute), o.serve(25*time.Minute)
			for tk, score := range map[string]int{t1.ID: 4, t2.ID: 3} {
				a := store.SurveyAnswer{TicketID: tk}
				for i := range a.Scores {
					a.Scores[i] = score
				}
				if _, err := o.l.SubmitSurvey(ctx, a); err != nil {
					t.Fatal(err)
				}
			}
			if run, err := ctl.SyncNow(ctx, store.TrigManual, nil); err != nil || strings.Contains(run.Detail, "angka harian") {
				t.Fatalf("monday sync %+v %v", run, err)
			}
			rep, err := h.db.Report(ctx, "2026-11-01", "2026-11-30")
			if err != nil {
				t.Fatal(err)
			}
			mon := rowOf(t, rep, "2026-11-23")
			if len(rep) != 1 || mon.Office != o.code || mon.Issued != 2 || mon.Served != 2 || mon.SLABasis != central.SLABasisNorm ||
				mon.NormKnown != 2 || mon.NormMet != 1 || pct(mon.SLAPercent) != 50 {
				t.Errorf("monday %+v sla %v", mon, pct(mon.SLAPercent))
			}
			// The centre's IKM (from the synced answers) and the office's
			// day figure agree: NRR 3.5 on every element, 87.41.
			rec, err := h.db.Record(ctx, o.code, "day_figures", "2026-11-23")
			if err != nil {
				t.Fatal(err)
			}
			var fig struct {
				IKM         *float64 `json:"ikm"`
				Respondents int      `json:"respondents"`
				NormMet     int      `json:"norm_met"`
			}
			if err := json.Unmarshal(rec.Data, &fig); err != nil {
				t.Fatal(err)
			}
			if fig.IKM == nil || mon.IKM == nil || *fig.IKM != *mon.IKM || *mon.IKM != 87.41 || fig.Respondents != 2 || fig.NormMet != 1 {
				t.Errorf("ikm: office %v, centre %v (%s)", fig.IKM, mon.IKM, rec.Data)
			}

			// Tuesday: the figures step fails; the raw data goes all the
			// same, the run says so, and the centre falls back to the wait.
			o.set(time.Date(2026, 11, 24, 9, 0, 0, 0, wib))
			o.serve(30 * time.Minute)
			prepErr = errors.New("disk penuh")
			run, err := ctl.SyncNow(ctx, store.TrigManual, nil)
			if err != nil || run.Result != store.RunOK || !strings.Contains(run.Detail, "angka harian kantor tidak dapat dihitung") {
				t.Fatalf("tuesday sync %+v %v", run, err)
			}
			rep, _ = h.db.Report(ctx, "2026-11-01", "2026-11-30")
			tue := rowOf(t, rep, "2026-11-24")
			if len(rep) != 2 || tue.Issued != 1 || tue.SLABasis != central.SLABasisWait || pct(tue.SLAPercent) != 100 ||
				tue.NormKnown != 0 {
				t.Errorf("tuesday without figures %+v sla %v", tue, pct(tue.SLAPercent))
			}
			if mon2 := rowOf(t, rep, "2026-11-23"); mon2.SLABasis != central.SLABasisNorm || pct(mon2.SLAPercent) != 50 {
				t.Errorf("monday after tuesday %+v", mon2)
			}

			// Wednesday: figures work again. The refresh covers Tuesday
			// too (the day before the last computed one, Monday, onwards).
			o.set(time.Date(2026, 11, 25, 9, 0, 0, 0, wib))
			o.serve(5 * time.Minute)
			prepErr = nil
			if run, err := ctl.SyncNow(ctx, store.TrigManual, nil); err != nil || strings.Contains(run.Detail, "angka harian") {
				t.Fatalf("wednesday sync %+v %v", run, err)
			}
			rep, _ = h.db.Report(ctx, "2026-11-01", "2026-11-30")
			tue, wed := rowOf(t, rep, "2026-11-24"), rowOf(t, rep, "2026-11-25")
			if len(rep) != 3 || tue.SLABasis != central.SLABasisNorm || pct(tue.SLAPercent) != 0 || tue.NormKnown != 1 {
				t.Errorf("tuesday with figures %+v sla %v", tue, pct(tue.SLAPercent))
			}
			if wed.SLABasis != central.SLABasisNorm || pct(wed.SLAPercent) != 100 || wed.IKM != nil {
				t.Errorf("wednesday %+v sla %v", wed, pct(wed.SLAPercent))
			}

			// A late change to a day already at the centre (Wednesday
			// gets a ticket served beyond the norm) reaches it on the next
			// sync; a sync that changes nothing ships no figure again.
			o.serve(40 * time.Minute)
			if _, err := ctl.SyncNow(ctx, store.TrigManual, nil); err != nil {
				t.Fatal(err)
			}
			rep, _ = h.db.Report(ctx, "2026-11-25", "2026-11-25")
			if wed := rowOf(t, rep, "2026-11-25"); len(rep) != 1 || wed.Issued != 2 || wed.NormKnown != 2 || pct(wed.SLAPercent) != 50 {
				t.Errorf("wednesday updated %+v sla %v", wed, pct(wed.SLAPercent))
			}
		})
	}
}
