package office

import (
	"context"
	"time"

	"loket/reports"
	"loket/store"
	"loket/tracking"
	"loket/workday"
)

// inDays tells whether a norm is counted in days: such a norm is about the
// file's completion (the promise printed on the receipt), never about the
// minutes the visitor spent at the counter.
func (n norm) inDays() bool {
	switch n.unit {
	case workday.UnitWorkDay, workday.UnitDay, workday.UnitCalendarDay, workday.UnitMonth:
		return true
	}
	return false
}

// verdictKey maps the tracking verdicts to the report's.
var verdictKey = map[tracking.Verdict]string{
	tracking.NoPromise:   reports.FileNoPromise,
	tracking.OnTime:      reports.FileOnTime,
	tracking.Late:        reports.FileLate,
	tracking.OpenOverdue: reports.FileOpenOverdue,
	tracking.OpenWithin:  reports.FileOpenWithin,
}

func fileRow(r store.Receipt, loc *time.Location, asOf time.Time, norms map[string]norm) reports.FileRow {
	fr := reports.FileRow{Number: r.Number, ServiceID: r.ServiceID, OfficerID: r.OfficerID, Received: r.CreatedAt.In(loc),
		Due: r.DueAt.In(loc), Status: tracking.Label(r.Status), Returned: r.Status == tracking.Dikembalikan,
		Verdict: verdictKey[tracking.Judge(r.File(), r.DueAt, asOf)], Norm: norms[r.ServiceID].label}
	if !r.CompletedAt.IsZero() {
		fr.Completed = r.CompletedAt.In(loc)
	}
	return fr
}

// fileFigures judges the files received in [from, to) against their
// promise as of now, and lists every open file past its promise. It also
// gives each ticket's verdict (met, known) for services whose norm is in
// days, so the "sesuai norma" share of those services is completion
// against the promise.
func (l *Local) fileFigures(ctx context.Context, from, to time.Time, loc *time.Location, norms map[string]norm,
	names map[string]string, keep func(serviceID, officerID string) bool) (*reports.FileFigures, map[string][2]bool, error) {
	now := l.st.Now()
	list, err := l.st.ReceiptsWithDueBetween(ctx, from, to)
	if err != nil {
		return nil, nil, err
	}
	byTicket := map[string][2]bool{} // ticket id -> {met, known}
	var rows []reports.FileRow
	for _, r := range list {
		if !keep(r.ServiceID, r.OfficerID) {
			continue
		}
		fr := fileRow(r, loc, now, norms)
		rows = append(rows, fr)
		if r.TicketID == "" {
			continue
		}
		switch fr.Verdict {
		case reports.FileOnTime, reports.FileLate, reports.FileOpenOverdue:
			v, seen := byTicket[r.TicketID]
			met := fr.Verdict == reports.FileOnTime
			if seen && v[1] {
				met = met && v[0] // a visit keeps its norm only if every file does
			}
			byTicket[r.TicketID] = [2]bool{met, true}
		}
	}
	open, err := l.st.OpenReceiptsPastDue(ctx, now)
	if err != nil {
		return nil, nil, err
	}
	var overdue []reports.FileRow
	for _, r := range open {
		if keep(r.ServiceID, r.OfficerID) {
			overdue = append(overdue, fileRow(r, loc, now, norms))
		}
	}
	return reports.AggregateFiles(rows, overdue, names, now.In(loc)), byTicket, nil
}
