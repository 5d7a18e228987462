package ui

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"loket/store"
)

// Every service call of the UI goes through App.call (or App.run, its
// short form): over the hub an answer may take seconds, and a window that
// waits for it on the UI thread freezes. The call runs off the UI thread
// under the context of the screen that asked, shows that something is on
// its way, and applies its answer on the UI thread — or drops it when the
// screen closed or the officer logged out meanwhile.

// busyDelay is how long a call must be out before the header shows
// "Memuat...": a local store answers in a millisecond, and a sign that
// flashes on every refresh would only distract.
var busyDelay = 150 * time.Millisecond

// doOnUI hands a function to the UI thread: fyne.Do. Fyne's test driver
// runs it at once on the calling goroutine, so the tests that run the
// app's goroutines for real put their own single UI goroutine here.
var doOnUI = fyne.Do

// lifetimes are the contexts the app's work runs under.
type lifetimes struct {
	mu sync.Mutex
	// root ends when the window closes; the kiosk, display, survey
	// tablet and the login screen run under it.
	root     context.Context
	stopRoot context.CancelFunc
	// work is the logged-in officer's; it ends at logout (Keluar), so
	// nothing asked for in their name runs on afterwards.
	work     context.Context
	stopWork context.CancelFunc

	pending atomic.Int32    // calls out
	busy    *fyne.Container // shown and hidden on the UI thread
	bar     *fyne.Container // the header bar the sign sits in
	spin    *widget.Activity
	// delay is busyDelay for this app; 0 shows the sign at once, with no
	// timer (the synchronous tests).
	delay time.Duration
}

// rootCtx is the window's context, made on first use.
func (a *App) rootCtx() context.Context {
	a.life.mu.Lock()
	defer a.life.mu.Unlock()
	if a.life.root == nil {
		a.life.root, a.life.stopRoot = context.WithCancel(context.Background())
	}
	return a.life.root
}

// ctx is the context of the screens now showing: the officer's while one
// is logged in, the window's otherwise.
func (a *App) ctx() context.Context {
	a.life.mu.Lock()
	w := a.life.work
	a.life.mu.Unlock()
	if w != nil {
		return w
	}
	return a.rootCtx()
}

// beginWork starts the logged-in officer's context.
func (a *App) beginWork() {
	root := a.rootCtx()
	a.life.mu.Lock()
	defer a.life.mu.Unlock()
	if a.life.stopWork != nil {
		a.life.stopWork()
	}
	a.life.work, a.life.stopWork = context.WithCancel(root)
}

// endWork cancels everything still running for the officer who leaves.
func (a *App) endWork() {
	a.life.mu.Lock()
	defer a.life.mu.Unlock()
	if a.life.stopWork != nil {
		a.life.stopWork()
	}
	a.life.work, a.life.stopWork = nil, nil
}

// shutdown ends every context: the window is closing.
func (a *App) shutdown() {
	a.endWork()
	a.rootCtx()
	a.life.stopRoot()
}

// busySign is the header's small "Memuat..." sign, shown while a call has
// been out longer than busyDelay.
func (a *App) busySign() fyne.CanvasObject {
	a.life.spin = widget.NewActivity()
	// Light on the navy header, like the officer's name beside it.
	text := canvas.NewText("Memuat...", colCard)
	text.TextSize = 14
	a.life.busy = container.NewHBox(a.life.spin, container.NewCenter(text))
	a.life.busy.Hide()
	if a.life.pending.Load() > 0 {
		a.showBusy(true)
	}
	return a.life.busy
}

// showBusy shows or hides the busy sign; its spinner runs only while it
// shows (an animation keeps the window redrawing, and the CPU busy).
func (a *App) showBusy(on bool) {
	b := a.life.busy
	if b == nil || b.Visible() == on {
		return
	}
	if on {
		b.Show()
		a.life.spin.Start()
	} else {
		a.life.spin.Stop()
		b.Hide()
	}
	if a.life.bar != nil {
		a.life.bar.Refresh() // an HBox gives a hidden object no room
	}
}

// busyShown reports whether the header shows that a call is out.
func (a *App) busyShown() bool { return a.life.busy != nil && a.life.busy.Visible() }

// run is call under the context of the screens now showing, with no
// widget to disable.
func (a *App) run(work func(ctx context.Context) error, apply func(error)) {
	a.call(a.ctx(), work, apply)
}

// call runs work off the UI thread under ctx, and then apply with its
// error on the UI thread. While it runs the given widgets are disabled (a
// second tap cannot send the request twice) and, after busyDelay, the
// header shows "Memuat...". When ctx has ended by the time the answer
// comes (the screen closed, the officer logged out), apply is not run:
// the screen it would change is gone. work must not touch widgets: what
// it needs from them is read before call, on the UI thread. call itself
// is called on the UI thread, like every widget callback.
func (a *App) call(ctx context.Context, work func(ctx context.Context) error, apply func(error), busy ...fyne.Disableable) {
	var disabled []fyne.Disableable
	for _, w := range busy {
		if w != nil && !w.Disabled() {
			w.Disable()
			disabled = append(disabled, w)
		}
	}
	a.life.pending.Add(1)
	var shown *time.Timer
	if a.life.delay <= 0 {
		a.showBusy(true)
	} else {
		shown = time.AfterFunc(a.life.delay, func() {
			doOnUI(func() {
				if a.life.pending.Load() > 0 {
					a.showBusy(true)
				}
			})
		})
	}
	a.Go(func() {
		var err error
		if err = ctx.Err(); err == nil {
			err = work(ctx)
		}
		doOnUI(func() {
			if shown != nil {
				shown.Stop()
			}
			if a.life.pending.Add(-1) <= 0 {
				a.showBusy(false)
			}
			for _, w := range disabled {
				w.Enable()
			}
			if ctx.Err() != nil {
				return
			}
			apply(err)
		})
	})
}

// latest runs a look-up as the officer types: it waits for a pause in
// typing, cancels the look-up still out when a newer one starts, and
// applies only the newest answer (a slow answer to "Sekr" never replaces
// the one to "Sekretariat"). Used on the UI thread only.
type latest struct {
	pause  debouncer
	seq    uint64
	cancel context.CancelFunc
}

// run schedules a look-up under parent: work runs off the UI thread after
// the pause, apply on the UI thread if no newer look-up was asked for.
func (l *latest) run(a *App, parent context.Context, work func(ctx context.Context) error, apply func(error)) {
	l.stop()
	l.seq++
	seq := l.seq
	l.pause.call(func() {
		if seq != l.seq {
			return
		}
		ctx, cancel := context.WithCancel(parent)
		l.cancel = cancel
		a.call(ctx, work, func(err error) {
			if seq == l.seq {
				apply(err)
			}
		})
	})
}

// stop drops the scheduled look-up and cancels the one out.
func (l *latest) stop() {
	l.pause.cancel()
	if l.cancel != nil {
		l.cancel()
		l.cancel = nil
	}
}

// setOfficer changes who is logged in (on the UI thread); workers read
// the ID through officerID while a logout may be changing it.
func (a *App) setOfficer(o store.Officer) {
	a.life.mu.Lock()
	defer a.life.mu.Unlock()
	a.officer = o
}

// officerID is the logged-in officer's ID, safe to read off the UI
// thread (the actor of a service call running in a worker).
func (a *App) officerID() string {
	a.life.mu.Lock()
	defer a.life.mu.Unlock()
	return a.officer.ID
}

// withOffice reads the office off the UI thread, a "Memuat..." page
// showing meanwhile, and then runs then on the UI thread; when the office
// cannot be read, the page says so under failTitle.
func (a *App) withOffice(failTitle string, then func()) {
	a.win.SetContent(messagePage("Memuat...", ""))
	var off store.Office
	a.run(func(ctx context.Context) error {
		var err error
		off, err = a.svc.Office(ctx)
		return err
	}, func(err error) {
		if err != nil {
			a.win.SetContent(messagePage(failTitle, errText(err)))
			return
		}
		a.office = off
		then()
	})
}
