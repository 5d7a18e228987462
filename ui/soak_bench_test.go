package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"loket/office"
	"loket/store"
)

// soakTickets is a busy office's day and more: the kiosk issues them, two
// counters call and finish them, the display follows every event.
const soakTickets = 2000

// memSample is the process's memory after a GC.
type memSample struct {
	tickets    int
	heap, rss  uint64 // bytes
	goroutines int
	objects    int // canvas objects in the kiosk and display trees
}

func sampleMem(tickets, objects int) memSample {
	// A GC, and freed memory handed back to the OS, so that RSS counts
	// what is in use rather than what the runtime keeps for later.
	debug.FreeOSMemory()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return memSample{tickets: tickets, heap: ms.HeapAlloc, rss: rss(), goroutines: runtime.NumGoroutine(), objects: objects}
}

// rss is the resident set size from /proc/self/statm (0 where there is none).
func rss() uint64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0
	}
	pages, _ := strconv.ParseUint(f[1], 10, 64)
	return pages * uint64(os.Getpagesize())
}

func countObjects(a *App) int {
	n := 0
	walk(a.win.Canvas().Content(), func(fyne.CanvasObject) { n++ })
	return n
}

// BenchmarkKioskDisplaySoak runs a day at the waiting room in the Fyne test
// app: the kiosk screen issues soakTickets tickets (touch, result page,
// back to the choice), two counters call and finish them, and the display
// screen applies every event (calls, finishes, waiting counts, reloads),
// as the live screens do. Memory is sampled every 100 tickets after a GC.
// It reports the growth from the first quarter to the end, per 1000
// tickets: heap-KB, rss-KB, goroutines and canvas objects. Flat means
// none grows with the tickets; the benchmark fails when the heap grows by
// more than 1 MB, RSS by more than 8 MB, or the goroutines or objects by
// any. (Before the kiosk kept its pages, the heap grew 24 KB a ticket:
// every visitor's page left its widgets in Fyne's renderer cache.)
//
// Figures: ns/op, the whole day's run; heap-KB/1000tickets and rss-KB/1000tickets,
// the heap and resident memory grown per 1000 tickets; goroutines-grown and
// objects-grown, the goroutines and canvas objects added from the first quarter to the end.
func BenchmarkKioskDisplaySoak(b *testing.B) {
	for range b.N {
		soak(b)
	}
}

// soakDay is the office a soak benchmark runs a day in: a fresh demo
// office on a store file, a clock that ticks a second a call from 08:00
// WIB, and the admin who set it up.
type soakDay struct {
	st    *store.Store
	svc   *office.Local
	clock func() time.Time
	admin store.Officer
	fa    fyne.App
}

// newSoakDay sets up the demo office of a soak; the caller closes day.st
// at the end of its run, so that no run's store outlives it into the
// next run's memory samples.
func newSoakDay(b *testing.B, ctx context.Context) soakDay {
	b.Helper()
	store.BcryptCost = 4
	st, err := store.Open(filepath.Join(b.TempDir(), "loket.db"))
	if err != nil {
		b.Fatal(err)
	}
	var mu sync.Mutex
	now := time.Date(2026, 11, 23, 1, 0, 0, 0, time.UTC) // 08:00 WIB
	clock := func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		now = now.Add(time.Second)
		return now
	}
	st.Now = clock
	svc := office.NewLocal(st)
	admin, err := office.FirstRun(ctx, svc, office.Setup{Office: office.DemoOffice(), AdminUsername: "admin",
		AdminName: "Admin", AdminPassword: "rahasia1", Demo: true})
	if err != nil {
		st.Close()
		b.Fatal(err)
	}
	return soakDay{st: st, svc: svc, clock: clock, admin: admin, fa: test.NewTempApp(b)}
}

// screen is a 1366x768 window of the office's app that runs its service
// calls inline and reads the soak's clock; start puts the screen on it.
func (day soakDay) screen(start func(a *App)) *App {
	a := New(day.fa, day.svc)
	a.Go = func(f func()) { f() }
	a.life.delay = 0
	a.Live = false
	a.Now = day.clock
	start(a)
	a.win.Resize(fyne.NewSize(1366, 768))
	return a
}

// soakGrowth reports a soak's figures from its samples: heap and RSS
// grown from the first quarter to the end per 1000 tickets, goroutines
// and canvas objects grown; it logs every logEvery-th sample, fails when
// goroutines or objects grew, and returns the first and last sample
// compared.
func soakGrowth(b *testing.B, samples []memSample, logEvery int) (first, last memSample) {
	b.Helper()
	first, last = samples[len(samples)/4-1], samples[len(samples)-1]
	per := 1000 / float64(last.tickets-first.tickets)
	growth := func(a, z uint64) float64 { return (float64(z) - float64(a)) / 1024 * per }
	b.ReportMetric(growth(first.heap, last.heap), "heap-KB/1000tickets")
	b.ReportMetric(growth(first.rss, last.rss), "rss-KB/1000tickets")
	b.ReportMetric(float64(last.goroutines-first.goroutines), "goroutines-grown")
	b.ReportMetric(float64(last.objects-first.objects), "objects-grown")
	var lines []string
	for _, s := range samples {
		if s.tickets%logEvery != 0 {
			continue // go test shows ten lines of a benchmark's log
		}
		lines = append(lines, fmt.Sprintf("%d: heap %.1f MB, rss %.1f MB, %d goroutines, %d objects",
			s.tickets, float64(s.heap)/(1<<20), float64(s.rss)/(1<<20), s.goroutines, s.objects))
	}
	b.Logf("samples after GC:\n%s", strings.Join(lines, "\n"))
	if last.goroutines > first.goroutines {
		b.Errorf("goroutines grew from %d to %d", first.goroutines, last.goroutines)
	}
	if last.objects > first.objects {
		b.Errorf("canvas objects grew from %d to %d", first.objects, last.objects)
	}
	return first, last
}

func soak(b *testing.B) {
	b.StopTimer()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	day := newSoakDay(b, ctx)
	defer day.st.Close()
	defer cancel() // the screens' subscriptions end before the store closes
	svc := day.svc
	if err := svc.SaveSetting(ctx, day.admin.ID, store.SettingRunningText, strings.Repeat("Selamat datang di KPPN. ", 8)); err != nil {
		b.Fatal(err)
	}
	ann := &countingAnnouncer{}
	kioskApp := day.screen(func(a *App) { a.StartKiosk(KioskOptions{}) })
	displayApp := day.screen(func(a *App) { a.StartDisplay(DisplayOptions{Announcer: ann}) })
	k, d := kioskApp.kiosk, displayApp.display
	events, err := svc.Subscribe(ctx, -1)
	if err != nil {
		b.Fatal(err)
	}
	svcs, _ := svc.Services(ctx)
	ctrs, _ := svc.Counters(ctx)
	var sessions []store.CounterSession
	for i, user := range []string{"fo1", "fo2"} {
		o, err := svc.Login(ctx, user, office.DemoPassword)
		if err != nil {
			b.Fatal(err)
		}
		ids := []string{svcs[0].ID, svcs[1].ID, svcs[2].ID, svcs[3].ID}
		s, err := svc.OpenCounter(ctx, o.ID, ctrs[i].ID, ids)
		if err != nil {
			b.Fatal(err)
		}
		sessions = append(sessions, s)
	}
	// pump applies every event written so far to the display.
	pump := func() {
		for {
			select {
			case e := <-events:
				d.onEvent(e)
				continue
			case <-time.After(20 * time.Millisecond):
			}
			return
		}
	}
	objects := func() int { return countObjects(kioskApp) + countObjects(displayApp) }
	var samples []memSample
	b.StartTimer()
	for i := 1; i <= soakTickets; i++ {
		sv := k.services[i%len(k.services)]
		k.issue(sv) // the touch on the service button
		if k.onChoice {
			b.Fatalf("ticket %d: the kiosk did not issue: %q", i, k.notice.Text)
		}
		k.showChoice() // the visitor taps Selesai (or the page times out)
		s := sessions[i%2]
		tk, err := svc.CallNext(ctx, s.ID)
		if err != nil {
			b.Fatalf("ticket %d: call: %v", i, err)
		}
		if _, err := svc.Finish(ctx, s.ID, tk.ID); err != nil {
			b.Fatalf("ticket %d: finish: %v", i, err)
		}
		if i%20 == 0 {
			pump()
		}
		if i%100 == 0 {
			b.StopTimer()
			samples = append(samples, sampleMem(i, objects()))
			b.StartTimer()
		}
	}
	b.StopTimer()
	pump()
	if got := d.tiles[0].count.Text; got != "0" {
		b.Errorf("display shows %s waiting at the end of the day, want 0", got)
	}
	if ann.n != soakTickets {
		b.Errorf("%d calls announced, want %d", ann.n, soakTickets)
	}
	first, last := soakGrowth(b, samples, 250)
	if g := float64(last.heap) - float64(first.heap); g > 1<<20 {
		b.Errorf("heap grew %.1f MB from ticket %d to %d: not flat", g/(1<<20), first.tickets, last.tickets)
	}
	// RSS also holds the in-process store's SQLite page caches, which fill
	// up to their bound as the day's tables grow: a looser limit.
	if g := float64(last.rss) - float64(first.rss); g > 8<<20 {
		b.Errorf("RSS grew %.1f MB from ticket %d to %d: not flat", g/(1<<20), first.tickets, last.tickets)
	}
	d.stop()
	k.stop()
}

// countingAnnouncer counts calls without keeping them, so that the soak
// measures the screens and not a test double's list.
type countingAnnouncer struct{ n int }

func (c *countingAnnouncer) Announce(string, string) error { c.n++; return nil }
