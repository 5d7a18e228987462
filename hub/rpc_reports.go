package hub

import (
	"context"

	"loket/reports"
	"loket/store"
)

// The satisfaction survey and the period reports over /v1/call (see rpc.go).

// SubmitSurvey implements office.Reporting.
func (c *Client) SubmitSurvey(ctx context.Context, a store.SurveyAnswer) (store.SurveyAnswer, error) {
	return invoke1[store.SurveyAnswer](c, ctx, "SubmitSurvey", a)
}

// ReportData implements office.Reporting.
func (c *Client) ReportData(ctx context.Context, actorID string, p reports.Period, f reports.Filter) (reports.Figures, error) {
	return invoke1[reports.Figures](c, ctx, "ReportData", actorID, p, f)
}
