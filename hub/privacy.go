package hub

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"loket/office"
	"loket/store"
)

// ScreenHeader names the screen a request comes from, for the personal
// data access log (office.WithViewer). Who is looking always comes from
// the officer token, never from this header; it only says why.
const ScreenHeader = "X-Loket-Screen"

// setScreen sends the screen the context names (query-escaped: header
// values are ASCII).
func setScreen(ctx context.Context, req *http.Request) {
	if _, screen := office.ViewerFrom(ctx); screen != "" {
		req.Header.Set(ScreenHeader, url.QueryEscape(screen))
	}
}

// screenOf reads the screen a request names, at most 80 characters.
func screenOf(r *http.Request) string {
	s, err := url.QueryUnescape(r.Header.Get(ScreenHeader))
	if err != nil {
		return ""
	}
	s = strings.ToValidUTF8(strings.TrimSpace(s), "")
	if len([]rune(s)) > 80 {
		s = string([]rune(s)[:80])
	}
	return s
}

// PersonalData implements office.Service.
func (c *Client) PersonalData(ctx context.Context, actorID, purpose string, q store.PersonQuery) ([]store.PersonData, error) {
	return invoke1[[]store.PersonData](c, ctx, "PersonalData", actorID, purpose, q)
}

// RestrictPerson implements office.Service.
func (c *Client) RestrictPerson(ctx context.Context, actorID, visitorID, reason string) error {
	return c.invoke(ctx, "RestrictPerson", []any{actorID, visitorID, reason})
}

// ErasePerson implements office.Service.
func (c *Client) ErasePerson(ctx context.Context, actorID, visitorID, reason string) error {
	return c.invoke(ctx, "ErasePerson", []any{actorID, visitorID, reason})
}

// PurgeRetention implements office.Service.
func (c *Client) PurgeRetention(ctx context.Context, actorID string, dryRun bool) (store.PurgeResult, error) {
	return invoke1[store.PurgeResult](c, ctx, "PurgeRetention", actorID, dryRun)
}

// ProcessingRecord implements office.Service.
func (c *Client) ProcessingRecord(ctx context.Context, actorID string) ([]store.ProcessingItem, error) {
	return invoke1[[]store.ProcessingItem](c, ctx, "ProcessingRecord", actorID)
}

// AccessLog implements office.Service.
func (c *Client) AccessLog(ctx context.Context, actorID, visitorID string) ([]store.AccessEntry, error) {
	return invoke1[[]store.AccessEntry](c, ctx, "AccessLog", actorID, visitorID)
}
