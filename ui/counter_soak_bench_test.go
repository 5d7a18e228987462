package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"loket/office"
)

// counterSoakTickets is a long day at one counter.
const counterSoakTickets = 1000

// BenchmarkCounterSoak runs a day at the counter app's screen in the Fyne
// test app: fo1 logs in on the login screen and opens Loket 1; the kiosk's
// tickets come in through the service, and every other one is called (F1)
// and finished (F5) at this counter, the other half at a second counter,
// whose events the screen reloads for. Memory is sampled every 100
// tickets after a GC, as in BenchmarkKioskDisplaySoak.
//
// Figures: heap-KB/1000tickets and rss-KB/1000tickets, grown from the
// first quarter to the end per 1000 tickets; goroutines-grown and
// objects-grown (canvas objects in the window). The objects and
// goroutines must stay flat. The heap figure is reported, not judged: the
// screen holds the day's ticket list, and Fyne's test driver, unlike the
// real one, never expires the renderers and text measures it caches.
// (Before the waiting counts were kept between refreshes, the counter
// built new rows on every refresh.) The real app's resident memory after
// such a day (500 tickets called at another counter, 500 called with F1
// and finished with F5 here, driven by xdotool) under Xvfb with the real
// driver was 239 MB before those changes and 204-210 MB after them: 55 MB
// of it is LLVM, loaded by Mesa's software OpenGL, 36 MB the binary's own
// pages, about 40 MB the C heap (GL textures), the Go heap 21 MB live.
func BenchmarkCounterSoak(b *testing.B) {
	for range b.N {
		counterSoak(b)
	}
}

func counterSoak(b *testing.B) {
	b.StopTimer()
	ctx := context.Background()
	day := newSoakDay(b, ctx)
	defer day.st.Close()
	svc := day.svc
	svcs, _ := svc.Services(ctx)
	for _, sv := range svcs {
		sv.DailyCap = 0 // a long day: no service runs out of numbers
		if _, err := svc.SaveService(ctx, day.admin.ID, sv); err != nil {
			b.Fatal(err)
		}
	}
	a := day.screen((*App).Start)
	ls := a.login
	test.Type(ls.user, "fo1")
	test.Type(ls.pass, office.DemoPassword)
	test.Tap(ls.login)
	c := a.counter
	if c == nil {
		b.Fatalf("fo1 not logged in: %q", ls.message.Text)
	}
	test.Tap(c.openBtn)
	if c.session.ID == "" {
		b.Fatalf("fo1 could not open the counter: %q", c.openMsg.Text)
	}
	key := func(k fyne.KeyName) { a.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: k}) }
	o, err := svc.Login(ctx, "fo2", office.DemoPassword)
	if err != nil {
		b.Fatal(err)
	}
	ctrs, _ := svc.Counters(ctx)
	var ids []string
	for _, sv := range svcs {
		ids = append(ids, sv.ID)
	}
	other, err := svc.OpenCounter(ctx, o.ID, ctrs[1].ID, ids)
	if err != nil {
		b.Fatal(err)
	}
	var samples []memSample
	b.StartTimer()
	for i := 1; i <= counterSoakTickets; i++ {
		if _, err := svc.IssueTicket(ctx, svcs[i%len(svcs)].ID, ""); err != nil {
			b.Fatalf("ticket %d: issue: %v", i, err)
		}
		if i%2 == 0 {
			key(fyne.KeyF1)
			if c.snap.current.ID == "" {
				b.Fatalf("ticket %d: the counter did not call: %q", i, c.message.Text)
			}
			key(fyne.KeyF5)
		} else {
			tk, err := svc.CallNext(ctx, other.ID)
			if err != nil {
				b.Fatalf("ticket %d: call: %v", i, err)
			}
			if _, err := svc.Finish(ctx, other.ID, tk.ID); err != nil {
				b.Fatalf("ticket %d: finish: %v", i, err)
			}
			// The event stream's reload, as refreshSoon's goroutine does.
			snap, err := c.load(ctx, c.liveCounterID())
			if err != nil {
				b.Fatal(err)
			}
			c.apply(snap)
		}
		if i%100 == 0 {
			b.StopTimer()
			samples = append(samples, sampleMem(i, countObjects(a)))
			b.StartTimer()
		}
	}
	b.StopTimer()
	if got := len(c.snap.tickets); got != counterSoakTickets {
		b.Errorf("the counter lists %d tickets at the end of the day, want %d", got, counterSoakTickets)
	}
	soakGrowth(b, samples, 200)
}
