package ui

import (
	"context"
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"loket/central"
)

// Offices run Loket on 1366x768 laptops and monitors. Whatever the officer's
// role, the logged-in window must fit that screen: a window wider than the
// screen pushes the officer's name, the Keluar button and the end of every
// message off its edge. The admin's window carries the most panes, here
// with the sync controller the real counter app has.
func TestEveryRoleFitsASmallScreen(t *testing.T) {
	// Usable area of a 1366x768 screen under a taskbar and window frame.
	limit := fyne.NewSize(1366, 698)
	h := newHarness(t)
	// The first-run form on a new store, and the login screen.
	for _, step := range []string{"first run", "login"} {
		if min := h.app.win.Content().MinSize(); min.Width > limit.Width || min.Height > limit.Height {
			t.Errorf("%s: window needs %.0fx%.0f, more than %.0fx%.0f", step, min.Width, min.Height, limit.Width, limit.Height)
		}
		if step == "first run" {
			h.setUp()
			h.app.onLogout()
		}
	}
	st := h.svc.Store()
	ctl, err := central.NewControl(st, st.Path(), nil)
	if err != nil {
		t.Fatal(err)
	}
	// Started as in the counter app, so the sync pane says when the
	// next nightly run is, as it does there.
	if err := ctl.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ctl.Stop)
	h.app.SetSync(ctl)
	for _, c := range []struct{ user, pass string }{
		{"fo1", ""}, {"cso1", ""}, {"kasi1", ""}, {"admin", "rahasia1"},
	} {
		if c.pass == "" {
			h.loginAs(c.user)
		} else {
			h.app.onLogout()
			test.Type(h.app.login.user, c.user)
			test.Type(h.app.login.pass, c.pass)
			test.Tap(h.app.login.login)
		}
		check := func(what string) {
			min := h.app.win.Content().MinSize()
			if min.Width > limit.Width || min.Height > limit.Height {
				t.Errorf("%s, %s: window needs %.0fx%.0f, more than %.0fx%.0f; widest part: %s",
					c.user, what, min.Width, min.Height, limit.Width, limit.Height, widest(h.app.win.Content(), limit.Width))
			}
		}
		check("logged in")
		if c.user == "fo1" {
			// The counter at work: a queue in every service, a
			// priority ticket called twice and being served.
			for _, p := range []string{"A", "A", "B", "C", "D", "A"} {
				h.issue(p, "")
			}
			h.issue("A", "lansia")
			h.app.counter.counterSel.SetSelectedIndex(0)
			h.app.counter.onOpen()
			h.app.counter.onCallNext()
			h.app.counter.onRecall()
			h.app.counter.onServe()
			h.app.counter.tickElapsed()
			check("counter open")
			// F7 on the called ticket: the registration window, whose
			// service (A) has the longest checklist of the demo.
			h.key(fyne.KeyF7)
			if r := h.app.register; r == nil {
				t.Error("registration window not opened")
			} else if min := r.win.Content().MinSize(); min.Width > limit.Width || min.Height > limit.Height {
				t.Errorf("registration window needs %.0fx%.0f", min.Width, min.Height)
			} else if sz := r.win.Canvas().Size(); sz.Height > limit.Height {
				t.Errorf("registration window opens %.0fx%.0f", sz.Width, sz.Height)
			}
		}
	}
}

// widest names the deepest object wider than w, to say what to fix.
func widest(o fyne.CanvasObject, w float32) string {
	var kids []fyne.CanvasObject
	switch v := o.(type) {
	case *fyne.Container:
		kids = v.Objects
	case *container.AppTabs:
		for _, it := range v.Items {
			kids = append(kids, it.Content)
		}
	case *container.Split:
		kids = []fyne.CanvasObject{v.Leading, v.Trailing}
	case *container.Scroll:
		kids = []fyne.CanvasObject{v.Content}
	}
	for _, k := range kids {
		if k != nil && k.MinSize().Width > w {
			return widest(k, w)
		}
	}
	return fmt.Sprintf("%T %.0f wide", o, o.MinSize().Width)
}
