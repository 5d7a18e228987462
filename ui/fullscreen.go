package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
)

// settleFor and settleEvery: how long, and how often, a window that has
// just gone full screen is redrawn whole.
const (
	settleFor   = 10 * time.Second
	settleEvery = time.Second
)

// setFullScreen puts the window full screen and redraws it whole once a
// second for its first seconds there. On a slow PC the new size can reach
// the GL drawable after the first frame (seen under Xvfb with software GL
// on a busy machine): that frame is drawn for the old window size, the
// lower part of the board in the top-left corner, and on an idle screen,
// a display between calls or a kiosk nobody touches, nothing draws again
// until the clock's next minute or the next visitor. The redraws cost a
// frame each and end by themselves.
func (a *App) setFullScreen(ctx context.Context) {
	a.win.SetFullScreen(true)
	a.settle(ctx)
}

// settle redraws the window whole once a second for settleFor, after it
// went full screen (on this screen or the second one), or until ctx, the
// screen's, ends.
func (a *App) settle(ctx context.Context) {
	if !a.Live {
		return // the tests' synchronous apps run no timers
	}
	go func() {
		tick := time.NewTicker(settleEvery)
		defer tick.Stop()
		end := time.After(settleFor)
		for {
			select {
			case <-ctx.Done():
				return
			case <-end:
				return
			case <-tick.C:
				fyne.Do(func() {
					if c := a.win.Canvas(); c.Content() != nil {
						c.Refresh(c.Content())
					}
				})
			}
		}
	}()
}
