package hub

import (
	"context"
	"time"

	"loket/office"
	"loket/store"
)

// The CSO consultation log over /v1/call (see rpc.go).

// CSOCategories implements office.CSO.
func (c *Client) CSOCategories(ctx context.Context) ([]store.CSOCategory, error) {
	return invoke1[[]store.CSOCategory](c, ctx, "CSOCategories")
}

// SaveCSOCategory implements office.CSO.
func (c *Client) SaveCSOCategory(ctx context.Context, actorID string, cat store.CSOCategory) (store.CSOCategory, error) {
	return invoke1[store.CSOCategory](c, ctx, "SaveCSOCategory", actorID, cat)
}

// CreateConsultation implements office.CSO.
func (c *Client) CreateConsultation(ctx context.Context, actorID string, in store.Consultation) (store.Consultation, error) {
	return invoke1[store.Consultation](c, ctx, "CreateConsultation", actorID, in)
}

// UpdateConsultation implements office.CSO.
func (c *Client) UpdateConsultation(ctx context.Context, actorID string, in store.Consultation) (store.Consultation, error) {
	return invoke1[store.Consultation](c, ctx, "UpdateConsultation", actorID, in)
}

// ActOnConsultation implements office.CSO.
func (c *Client) ActOnConsultation(ctx context.Context, actorID string, a store.ConsultationAction) (store.Consultation, error) {
	return invoke1[store.Consultation](c, ctx, "ActOnConsultation", actorID, a)
}

// AddConsultationNote implements office.CSO.
func (c *Client) AddConsultationNote(ctx context.Context, actorID, id, body string) (store.ConsultationNote, error) {
	return invoke1[store.ConsultationNote](c, ctx, "AddConsultationNote", actorID, id, body)
}

// Consultation implements office.CSO.
func (c *Client) Consultation(ctx context.Context, id string) (store.Consultation, error) {
	return invoke1[store.Consultation](c, ctx, "Consultation", id)
}

// CSOBoard implements office.CSO.
func (c *Client) CSOBoard(ctx context.Context) (office.CSOBoard, error) {
	return invoke1[office.CSOBoard](c, ctx, "CSOBoard")
}

// KasiBoard implements office.CSO.
func (c *Client) KasiBoard(ctx context.Context, kasiID string) (office.KasiBoard, error) {
	return invoke1[office.KasiBoard](c, ctx, "KasiBoard", kasiID)
}

// ScheduleCallback implements office.CSO.
func (c *Client) ScheduleCallback(ctx context.Context, actorID string, cb store.Callback) (store.Callback, error) {
	return invoke1[store.Callback](c, ctx, "ScheduleCallback", actorID, cb)
}

// RecordCallback implements office.CSO.
func (c *Client) RecordCallback(ctx context.Context, actorID string, r store.CallbackResult) error {
	return c.invoke(ctx, "RecordCallback", []any{actorID, r})
}

// SuggestAnswers implements office.CSO.
func (c *Client) SuggestAnswers(ctx context.Context, text string) ([]store.AnswerSuggestion, error) {
	return invoke1[[]store.AnswerSuggestion](c, ctx, "SuggestAnswers", text)
}

// ConsultationFigures implements office.CSO.
func (c *Client) ConsultationFigures(ctx context.Context, from, to time.Time) (store.ConsultationFigures, error) {
	return invoke1[store.ConsultationFigures](c, ctx, "ConsultationFigures", from, to)
}

// AutoCloseConsultations implements office.CSO.
func (c *Client) AutoCloseConsultations(ctx context.Context) (int, error) {
	return invoke1[int](c, ctx, "AutoCloseConsultations")
}
