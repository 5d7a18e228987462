package ui

import (
	"context"
	"strings"

	"loket/store"
)

// phoneLink is the link to the ticket's page on the hub
// (https://<hub>/t/<code>) for the stub's QR, or "" when the office has
// not set the address phones reach the hub at (store.SettingPhoneURL):
// the QR then carries the ticket id, as before, for staff to scan.
func (a *App) phoneLink(ctx context.Context, t store.Ticket) string {
	if t.PhoneCode == "" {
		return ""
	}
	base, err := a.svc.Setting(ctx, store.SettingPhoneURL)
	base = strings.TrimRight(strings.TrimSpace(base), "/")
	if err != nil || !(strings.HasPrefix(base, "https://") || strings.HasPrefix(base, "http://")) {
		return ""
	}
	return base + "/t/" + t.PhoneCode
}
