package officetest

import (
	"strings"
	"testing"
	"time"

	"loket/office"
	"loket/reports"
	"loket/store"
)

// testReporting serves three consultation tickets (one within the 20-minute
// norm of its Standar Pelayanan, one over it, one no-show), lets two
// visitors rate their service, and reads the day's figures as the Kepala
// Seksi; a front-office officer may not.
func testReporting(t *testing.T, f Factory) {
	fx := setup(t, f)
	sess := fx.open("fo1", 1, "B")
	t1, t2, t3 := fx.issue("B", ""), fx.issue("B", ""), fx.issue("B", "")
	serve := func(want store.Ticket, d time.Duration) {
		tk := fx.callNext(sess)
		if tk.ID != want.ID {
			t.Fatalf("called %s, want %s", tk.Code(), want.Code())
		}
		_, err := fx.svc.StartServing(fx.ctx, sess.ID, tk.ID)
		fx.must(err)
		fx.tick(d)
		_, err = fx.svc.Finish(fx.ctx, sess.ID, tk.ID)
		fx.must(err)
	}
	serve(t1, 10*time.Minute)
	serve(t2, 25*time.Minute)
	fx.callNext(sess)
	_, err := fx.svc.Skip(fx.ctx, sess.ID, t3.ID)
	fx.must(err)

	_, err = fx.svc.SubmitSurvey(fx.ctx, store.SurveyAnswer{TicketID: t3.ID, Scores: [9]int{4}})
	wantCode(t, err, "bad_state")
	_, err = fx.svc.SubmitSurvey(fx.ctx, store.SurveyAnswer{TicketID: t1.ID})
	wantCode(t, err, "invalid")
	a, err := fx.svc.SubmitSurvey(fx.ctx, store.SurveyAnswer{TicketID: t1.ID, Scores: [9]int{4, 4, 4, 4, 4, 4, 4, 4, 4}})
	fx.must(err)
	if a.OfficerID != fx.offs["fo1"].ID || a.CounterID != fx.ctrs[0].ID {
		t.Errorf("survey not linked to the ticket's officer and counter: %+v", a)
	}
	_, err = fx.svc.SubmitSurvey(fx.ctx, store.SurveyAnswer{TicketID: t1.ID, Scores: [9]int{1}})
	wantCode(t, err, "already_rated")
	_, err = fx.svc.SubmitSurvey(fx.ctx, store.SurveyAnswer{TicketID: t2.ID, Scores: [9]int{3, 3, 3, 3, 3, 3, 3, 3, 3}, Comment: "Antrean lama"})
	fx.must(err)

	day := reports.DayPeriod(time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC))
	_, err = fx.svc.ReportData(fx.ctx, fx.offs["fo1"].ID, day, reports.Filter{})
	wantCode(t, err, "forbidden")
	_, err = fx.svc.ReportData(fx.ctx, fx.offs["kasi1"].ID, reports.Period{From: "2026-11-30", To: "2026-11-01"}, reports.Filter{})
	wantCode(t, err, "invalid")
	fig, err := fx.svc.ReportData(fx.ctx, fx.offs["kasi1"].ID, day, reports.Filter{})
	fx.must(err)
	tt := fig.Total
	if tt.Issued != 3 || tt.Served != 2 || tt.NoShow != 1 || tt.NormKnown != 2 || tt.NormMet != 1 {
		t.Errorf("totals %+v", tt)
	}
	if tt.Service.Max < 25*time.Minute || tt.Service.Max > 26*time.Minute || tt.Wait.N != 3 {
		t.Errorf("durations %+v %+v", tt.Service, tt.Wait)
	}
	// NRR 3.5 on every element: 31.5 x 0.111 x 25 = 87.41, grade B.
	if fig.IKM.Respondents != 2 || fig.IKM.Value != 87.41 || fig.IKM.Grade != "B" || len(fig.Comments) != 1 {
		t.Errorf("ikm %+v", fig.IKM)
	}
	if len(fig.Late) != 1 || fig.Late[0].Code != t2.Code() || fig.Late[0].Norm != "20 menit" {
		t.Errorf("late %+v", fig.Late)
	}
	if fig.CSO == nil || fig.Office.Name == "" || fig.Office.ZoneLabel != "WIB" {
		t.Errorf("office %+v cso %v", fig.Office, fig.CSO)
	}
	if fig.CalendarWarning != "" {
		t.Errorf("calendar warning for a day of 2026, whose calendar ships: %q", fig.CalendarWarning)
	}
	// A range reaching into 2027, which has no calendar loaded, carries
	// the warning (over the wire too).
	cross, err := fx.svc.ReportData(fx.ctx, fx.offs["kasi1"].ID, reports.Period{From: "2026-12-28", To: "2027-01-04"}, reports.Filter{})
	fx.must(err)
	if !strings.Contains(cross.CalendarWarning, "tahun 2027 masih perkiraan") || strings.Contains(cross.CalendarWarning, "2026") {
		t.Errorf("calendar warning %q", cross.CalendarWarning)
	}
	var fo1 *reports.Group
	for i := range fig.ByOfficer {
		if fig.ByOfficer[i].ID == fx.offs["fo1"].ID {
			fo1 = &fig.ByOfficer[i]
		}
	}
	if fo1 == nil || fo1.Stats.Served != 2 || fo1.IKM.Respondents != 2 || fo1.Name != fx.offs["fo1"].FullName {
		t.Errorf("per officer %+v", fig.ByOfficer)
	}
	// A filter on another counter leaves nothing, and no CSO section.
	other, err := fx.svc.ReportData(fx.ctx, fx.offs["admin"].ID, day, reports.Filter{CounterID: fx.ctrs[1].ID})
	fx.must(err)
	if other.Total.Issued != 0 || other.IKM.Respondents != 0 || other.CSO != nil || other.FilterLabel == "" {
		t.Errorf("filtered %+v", other.Total)
	}
	// Monday's briefing reviews Friday.
	d, recent, err := office.BriefingPeriods(fx.ctx, fx.svc, fx.now)
	fx.must(err)
	if d.From != "2026-11-20" || d.To != "2026-11-20" || recent.From != "2026-10-22" || recent.To != "2026-11-20" {
		t.Errorf("briefing periods %+v %+v", d, recent)
	}
}
