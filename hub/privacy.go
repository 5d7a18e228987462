package hub

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"loket/office"
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
