package ui

import (
	"context"
	"time"

	"loket/office"
	"loket/store"
)

// resubscribeWait is how long a screen waits before it subscribes again
// after its event stream failed or ended (the hub restarting, a dropped
// network).
var resubscribeWait = 2 * time.Second

// follow streams the office's events to fn, from the newest on (a screen
// loads the present state itself), resuming after a dropped stream where
// it left off, so nothing is missed and nothing repeated, until ctx ends.
// fn runs on follow's goroutine, not the UI thread: it touches widgets
// only through fyne.Do. Every live screen (counter, display, survey
// tablet) follows the office this one way.
func follow(ctx context.Context, svc office.Service, fn func(store.Event)) {
	last := int64(-1)
	for ctx.Err() == nil {
		if ch, err := svc.Subscribe(ctx, last); err == nil {
			for e := range ch {
				last = e.Seq
				fn(e)
			}
		}
		select {
		case <-ctx.Done():
		case <-time.After(resubscribeWait):
		}
	}
}
