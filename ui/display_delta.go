package ui

import (
	"maps"
	"strings"

	"loket/store"
)

// applyCounts takes the waiting counts a ticket event carries
// (store.Event.Waiting) and redraws the tiles, so the board follows a
// busy office without asking the hub for the counts after every call.
// It reports false when the event has none (a hub of an older version,
// or not a ticket event): the caller reloads as before. UI thread.
func (d *displayScreen) applyCounts(e store.Event) bool {
	if !d.loaded || e.Waiting == nil || !strings.HasPrefix(e.Kind, "ticket.") {
		return false
	}
	d.waiting = maps.Clone(e.Waiting)
	d.render()
	return true
}
