package office

import (
	"context"
	"sort"
	"strconv"
	"time"

	"loket/queue"
	"loket/reports"
	"loket/store"
	"loket/workday"
)

// Reporting is the satisfaction survey and the period reports.
type Reporting interface {
	// SubmitSurvey stores a visitor's questionnaire (survey tablet or
	// kiosk; no officer logs in). With a TicketID the service, counter and
	// officer come from the ticket; the officer never sees single answers.
	SubmitSurvey(ctx context.Context, a store.SurveyAnswer) (store.SurveyAnswer, error)
	// ReportData computes the figures of a period, optionally for one
	// service, counter or officer. Kepala Seksi and admins only: the
	// figures hold the satisfaction index per officer.
	ReportData(ctx context.Context, actorID string, p reports.Period, f reports.Filter) (reports.Figures, error)
}

// SubmitSurvey implements Reporting.
func (l *Local) SubmitSurvey(ctx context.Context, a store.SurveyAnswer) (store.SurveyAnswer, error) {
	out, err := l.st.SubmitSurvey(ctx, a)
	return out, l.notified(err)
}

// ReportData implements Reporting.
func (l *Local) ReportData(ctx context.Context, actorID string, p reports.Period, f reports.Filter) (reports.Figures, error) {
	o, err := l.st.Officer(ctx, actorID)
	if err != nil || !o.Active || (o.Role != store.RoleKasi && o.Role != store.RoleAdmin) {
		return reports.Figures{}, &store.Error{Code: "forbidden", Message: "Laporan hanya dapat dibuat oleh Kepala Seksi atau Admin."}
	}
	return l.Figures(ctx, p, f)
}

// norm is a service's time norm from its Standar Pelayanan.
type norm struct {
	value float64
	unit  string
	label string
}

// met tells whether a service from start to end kept the norm, counted on
// working time: minutes and hours as office time (the standards say "pada
// hari dan jam kerja"), day units as the deadline on the calendar.
func (n norm) met(s *workday.Schedule, start, end time.Time) bool {
	switch n.unit {
	case workday.UnitMinute, workday.UnitHour, workday.UnitWorkHour:
		d := time.Duration(n.value * float64(time.Minute))
		if n.unit != workday.UnitMinute {
			d = time.Duration(n.value * float64(time.Hour))
		}
		return s.WorkingDuration(start, end) <= d
	}
	due, err := s.Deadline(start, n.value, n.unit)
	return err != nil || !end.After(due)
}

// norms reads the time norm of every service linked to the catalog: the
// longest of its SLA variants, as receipts promise.
func (l *Local) norms(ctx context.Context, svcs []store.Service) map[string]norm {
	out := map[string]norm{}
	for _, sv := range svcs {
		if sv.CatalogRef == "" {
			continue
		}
		e, err := l.currentEntry(ctx, sv.CatalogRef) // with the office's corrected norm
		if err != nil || !e.SLAReducible {
			continue
		}
		var best norm
		var bestDur time.Duration
		for _, v := range e.SLA {
			// Compare variants by a rough length; the units differ.
			d := roughLength(v.Max.Value, string(v.Max.Unit))
			if d > bestDur {
				bestDur = d
				best = norm{value: v.Max.Value, unit: string(v.Max.Unit),
					label: strconv.FormatFloat(v.Max.Value, 'f', -1, 64) + " " + workday.UnitLabel(string(v.Max.Unit))}
			}
		}
		if bestDur > 0 {
			out[sv.ID] = best
		}
	}
	return out
}

func roughLength(v float64, unit string) time.Duration {
	per := map[string]time.Duration{workday.UnitMinute: time.Minute, workday.UnitHour: time.Hour, workday.UnitWorkHour: time.Hour,
		workday.UnitWorkDay: 24 * time.Hour, workday.UnitDay: 24 * time.Hour, workday.UnitCalendarDay: 24 * time.Hour,
		workday.UnitMonth: 30 * 24 * time.Hour}[unit]
	return time.Duration(v * float64(per))
}

// Figures computes a period's figures without checking who asks: for the
// in-process callers that already hold the store (the command line, the
// benchmarks). Screens go through ReportData.
func (l *Local) Figures(ctx context.Context, p reports.Period, f reports.Filter) (reports.Figures, error) {
	first, last, err := p.Dates()
	if err != nil {
		return reports.Figures{}, &store.Error{Code: "invalid", Message: "Periode laporan tidak valid: " + err.Error() + "."}
	}
	off, err := l.st.Office(ctx)
	if err != nil {
		return reports.Figures{}, err
	}
	sched, err := ScheduleFor(ctx, l)
	if err != nil {
		return reports.Figures{}, err
	}
	loc := sched.Location()
	from := time.Date(first.Year(), first.Month(), first.Day(), 0, 0, 0, 0, loc)
	to := time.Date(last.Year(), last.Month(), last.Day()+1, 0, 0, 0, 0, loc)

	svcs, err := l.st.Services(ctx)
	if err != nil {
		return reports.Figures{}, err
	}
	ctrs, err := l.st.Counters(ctx)
	if err != nil {
		return reports.Figures{}, err
	}
	offs, err := l.st.Officers(ctx)
	if err != nil {
		return reports.Figures{}, err
	}
	names := reports.Names{Services: map[string]string{}, Counters: map[string]string{}, Officers: map[string]string{}}
	for _, s := range svcs {
		names.Services[s.ID] = s.Name
	}
	for _, c := range ctrs {
		names.Counters[c.ID] = c.Label()
	}
	for _, o := range offs {
		names.Officers[o.ID] = o.FullName
	}
	norms := l.norms(ctx, svcs)

	facts, err := l.st.TicketFacts(ctx, p.From, p.To)
	if err != nil {
		return reports.Figures{}, err
	}
	// Tickets finish on their business day; a day's margin covers a
	// ticket left open past midnight.
	reworked, err := l.st.ReworkedTicketEvents(ctx, from, to.Add(24*time.Hour))
	if err != nil {
		return reports.Figures{}, err
	}
	keep := func(serviceID, counterID, officerID string) bool {
		return (f.ServiceID == "" || f.ServiceID == serviceID) && (f.CounterID == "" || f.CounterID == counterID) &&
			(f.OfficerID == "" || f.OfficerID == officerID)
	}
	var files *reports.FileFigures
	var fileVerdicts map[string][2]bool
	if f.CounterID == "" { // receipts are not recorded per counter
		files, fileVerdicts, err = l.fileFigures(ctx, from, to, loc, norms, names.Services,
			func(sv, off string) bool { return keep(sv, "", off) })
		if err != nil {
			return reports.Figures{}, err
		}
	}
	rows := make([]reports.TicketRow, 0, len(facts))
	for _, t := range facts {
		if !keep(t.ServiceID, t.CounterID, t.OfficerID) {
			continue
		}
		r := reports.TicketRow{Code: t.Code, Date: t.BusinessDate, Issued: t.IssuedAt.In(loc),
			ServiceID: t.ServiceID, CounterID: t.CounterID, OfficerID: t.OfficerID, Status: t.Status, Priority: t.Priority != ""}
		if evs, ok := reworked[t.ID]; ok {
			d := queue.Derive(evs)
			r.Wait, r.HasWait = d.Wait, d.Calls > 0
			r.Service, r.HasService = d.Service, d.Done
		} else {
			if !t.CalledAt.IsZero() {
				r.Wait, r.HasWait = t.CalledAt.Sub(t.QueuedAt), true
			}
			if t.Status == store.StatusDone && !t.ServedAt.IsZero() {
				r.Service, r.HasService = t.FinishedAt.Sub(t.ServedAt), true
			}
		}
		if n, ok := norms[t.ServiceID]; ok && n.inDays() {
			// A norm in days is kept or broken by the file's completion
			// against the receipt's promise (office/files.go), known once
			// the file is done or its promise has passed.
			if v, ok := fileVerdicts[t.ID]; ok && v[1] {
				r.NormKnown, r.NormMet, r.Norm = true, v[0], n.label+" (berkas)"
			}
		} else if ok && r.HasService {
			r.NormKnown, r.Norm = true, n.label
			r.NormMet = n.met(sched, t.FinishedAt.Add(-r.Service), t.FinishedAt)
		}
		r.WaitedTooLong = off.MaxWait > 0 && r.HasWait && r.Wait > off.MaxWait
		rows = append(rows, r)
	}
	answers, err := l.st.SurveyAnswersBetween(ctx, from, to)
	if err != nil {
		return reports.Figures{}, err
	}
	var surveys []reports.SurveyRow
	for _, a := range answers {
		if !keep(a.ServiceID, a.CounterID, a.OfficerID) {
			continue
		}
		surveys = append(surveys, reports.SurveyRow{ServiceID: a.ServiceID, CounterID: a.CounterID, OfficerID: a.OfficerID,
			Scores: a.Scores, IPK: a.IPK, IPAK: a.IPAK, Comment: a.Comment, At: a.AnsweredAt.In(loc)})
	}
	fig := reports.Aggregate(p, rows, surveys, names)
	fig.Office = reports.OfficeInfo{Code: off.Code, Name: off.Name, Address: off.Address, ZoneLabel: sched.ZoneLabel(),
		Hierarchy: []string{"Kementerian Keuangan Republik Indonesia"}, MaxWait: off.MaxWait}
	fig.Filter = f
	fig.Files = files
	if f.CounterID == "" && f.OfficerID == "" { // office/booking_report.go
		if fig.Bookings, err = l.bookingFigures(ctx, from, to, facts, f.ServiceID); err != nil {
			return fig, err
		}
	}
	fig.Generated = l.st.Now().In(loc)
	fig.CalendarWarning = sched.Warning(from, to.Add(-time.Nanosecond))
	switch {
	case f.ServiceID != "":
		fig.FilterLabel = "Layanan: " + names.Services[f.ServiceID]
	case f.CounterID != "":
		fig.FilterLabel = "Loket: " + names.Counters[f.CounterID]
	case f.OfficerID != "":
		fig.FilterLabel = "Petugas: " + names.Officers[f.OfficerID]
	}
	if f.Empty() {
		cso, err := l.csoFigures(ctx, from, to, loc)
		if err != nil {
			return fig, err
		}
		fig.CSO = cso
	}
	return fig, nil
}

// csoFigures turns the consultation log's figures into the report's.
func (l *Local) csoFigures(ctx context.Context, from, to time.Time, loc *time.Location) (*reports.CSOFigures, error) {
	cf, err := l.ConsultationFigures(ctx, from, to)
	if err != nil {
		return nil, err
	}
	out := &reports.CSOFigures{Total: cf.Total, Resolved: cf.ResolvedCount,
		ByChannel:  reports.SortedKV(cf.ByChannel, store.ChannelLabel),
		ByCategory: reports.SortedKV(cf.ByCategory, nil),
		ByStatus:   reports.SortedKV(cf.ByStatus, store.CSOStatusLabel)}
	for _, c := range cf.Overdue {
		out.Overdue = append(out.Overdue, reports.CSOItem{Number: c.Number, Opened: c.OpenedAt.In(loc), Due: c.DueAt.In(loc),
			Channel: store.ChannelLabel(c.Channel), Category: c.CategoryName, Officer: c.OfficerName, Status: store.CSOStatusLabel(c.Status)})
	}
	if m := cf.ResolutionWorkMinutes; len(m) > 0 {
		s := append([]int(nil), m...)
		sort.Ints(s)
		med := float64(s[len(s)/2])
		if len(s)%2 == 0 {
			med = float64(s[len(s)/2-1]+s[len(s)/2]) / 2
		}
		out.ResolutionMedian = time.Duration(med * float64(time.Minute))
		out.ResolutionP90 = time.Duration(s[(9*len(s)+9)/10-1]) * time.Minute
	}
	return out, nil
}

// BriefingPeriods gives the periods of the morning briefing held at now:
// the previous working day, and the 30 days up to it for the satisfaction
// elements and overdue follow-ups.
func BriefingPeriods(ctx context.Context, svc Service, now time.Time) (day, recent reports.Period, err error) {
	sched, err := ScheduleFor(ctx, svc)
	if err != nil {
		return day, recent, err
	}
	d := sched.AddWorkDays(sched.Date(now), -1)
	t := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
	return reports.DayPeriod(t), reports.RangePeriod(t.AddDate(0, 0, -29), t), nil
}

// BriefingFigures reads the figures of the morning briefing held at
// meeting: the previous working day and the 30 days up to it; figures
// reads a period (ReportData on a screen, Local.Figures on the command
// line).
func BriefingFigures(ctx context.Context, svc Service, figures func(reports.Period) (reports.Figures, error), meeting time.Time) (day, recent reports.Figures, err error) {
	dp, rp, err := BriefingPeriods(ctx, svc, meeting)
	if err != nil {
		return day, recent, err
	}
	if day, err = figures(dp); err != nil {
		return day, recent, err
	}
	recent, err = figures(rp)
	return day, recent, err
}

// BriefingSheet renders the morning-briefing sheet for a meeting at
// meeting (see BriefingFigures).
func BriefingSheet(ctx context.Context, svc Service, figures func(reports.Period) (reports.Figures, error), meeting time.Time) ([]byte, error) {
	df, rf, err := BriefingFigures(ctx, svc, figures, meeting)
	if err != nil {
		return nil, err
	}
	return reports.BriefingPDF(df, rf, meeting)
}
