package ui

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"loket/store"
)

// boardDriver works a counter while the display follows the event log.
type boardDriver struct {
	t    *testing.T
	h    *harness
	d    *displayScreen
	ch   <-chan store.Event
	sess store.CounterSession
	svcs []store.Service
}

func newBoardDriver(t *testing.T, opts DisplayOptions) *boardDriver {
	h := newHarness(t)
	h.setUpOffice()
	ctx := context.Background()
	h.app.StartDisplay(opts)
	ch, err := h.svc.Subscribe(ctx, -1)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(h.app.display.stop)
	svcs, _ := h.svc.Services(ctx)
	ctrs, _ := h.svc.Counters(ctx)
	offs, _ := h.svc.Officers(ctx)
	var fo store.Officer
	for _, o := range offs {
		if o.Username == "fo1" {
			fo = o
		}
	}
	sess, err := h.svc.OpenCounter(ctx, fo.ID, ctrs[1].ID, []string{svcs[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	return &boardDriver{t: t, h: h, d: h.app.display, ch: ch, sess: sess, svcs: svcs}
}

// pump hands events to the display until one of kind has been applied.
func (b *boardDriver) pump(kind string) {
	b.t.Helper()
	for {
		select {
		case e := <-b.ch:
			b.d.onEvent(e)
			if e.Kind == kind {
				return
			}
		case <-time.After(5 * time.Second):
			b.t.Fatalf("no %s event", kind)
		}
	}
}

func (b *boardDriver) recentNumbers() []string {
	var out []string
	for _, r := range b.d.rows {
		if r.box.Visible() {
			out = append(out, r.number.Text)
		}
	}
	return out
}

// The big panel shows a call only while it lasts: skipping, transferring
// or finishing that ticket clears it (the issue saw a skipped number stay
// as the current call). A finished or skipped call stays in the recent
// list; a transferred ticket waits again and is not a call any more.
func TestDisplayClearsTheCallWhenItEnds(t *testing.T) {
	tests := []struct {
		name       string
		end        func(b *boardDriver, tk store.Ticket) error
		event      string
		wantRecent bool
	}{
		{"skip", func(b *boardDriver, tk store.Ticket) error {
			_, err := b.h.svc.Skip(context.Background(), b.sess.ID, tk.ID)
			return err
		}, store.EvTicketSkipped, true},
		{"finish", func(b *boardDriver, tk store.Ticket) error {
			_, err := b.h.svc.Finish(context.Background(), b.sess.ID, tk.ID)
			return err
		}, store.EvTicketDone, true},
		{"finish while serving", func(b *boardDriver, tk store.Ticket) error {
			if _, err := b.h.svc.StartServing(context.Background(), b.sess.ID, tk.ID); err != nil {
				return err
			}
			_, err := b.h.svc.Finish(context.Background(), b.sess.ID, tk.ID)
			return err
		}, store.EvTicketDone, true},
		{"transfer", func(b *boardDriver, tk store.Ticket) error {
			_, err := b.h.svc.Transfer(context.Background(), b.sess.ID, tk.ID, b.svcs[1].ID)
			return err
		}, store.EvTicketTransferred, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newBoardDriver(t, DisplayOptions{})
			tk := b.h.issue("A", "")
			if _, err := b.h.svc.CallNext(context.Background(), b.sess.ID); err != nil {
				t.Fatal(err)
			}
			b.pump(store.EvTicketCalled)
			if b.d.number.Text != tk.Code() || b.d.counter.Text != "LOKET 2" {
				t.Fatalf("after the call the board shows %q %q", b.d.number.Text, b.d.counter.Text)
			}
			if err := tt.end(b, tk); err != nil {
				t.Fatal(err)
			}
			b.pump(tt.event)
			if b.d.number.Text != "—" || b.d.counter.Text != "Silakan menunggu" {
				t.Errorf("after %s the board still shows %q %q", tt.name, b.d.number.Text, b.d.counter.Text)
			}
			recent := strings.Join(b.recentNumbers(), ",")
			if got := recent == tk.Code(); got != tt.wantRecent {
				t.Errorf("after %s the recent calls are %q, want %s there: %v", tt.name, recent, tk.Code(), tt.wantRecent)
			}
			if b.d.none.Visible() == tt.wantRecent {
				t.Errorf("after %s the \"no earlier calls\" line shows: %v", tt.name, b.d.none.Visible())
			}
		})
	}
}

// Ending an older call leaves the current one alone, and a display started
// later reads the same state from the store: the ended call is not current.
func TestDisplayEndsOnlyThatCallAndRestartsTheSame(t *testing.T) {
	b := newBoardDriver(t, DisplayOptions{})
	ctx := context.Background()
	first := b.h.issue("A", "")
	second := b.h.issue("A", "")
	if _, err := b.h.svc.CallNext(ctx, b.sess.ID); err != nil {
		t.Fatal(err)
	}
	b.pump(store.EvTicketCalled)
	if _, err := b.h.svc.Skip(ctx, b.sess.ID, first.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := b.h.svc.CallNext(ctx, b.sess.ID); err != nil {
		t.Fatal(err)
	}
	b.pump(store.EvTicketCalled)
	// A recall of the first from the list is not possible (skipped), so
	// the board: second current, first in the list.
	if b.d.number.Text != second.Code() || strings.Join(b.recentNumbers(), ",") != first.Code() {
		t.Fatalf("board %q, recent %v", b.d.number.Text, b.recentNumbers())
	}
	// A fresh display (a restart) shows the same from the store.
	b.h.app.StartDisplay(DisplayOptions{})
	d := b.h.app.display
	t.Cleanup(d.stop)
	if d.number.Text != second.Code() || d.counter.Text != "LOKET 2" {
		t.Errorf("restarted board shows %q %q", d.number.Text, d.counter.Text)
	}
	if _, err := b.h.svc.Finish(ctx, b.sess.ID, second.ID); err != nil {
		t.Fatal(err)
	}
	b.h.app.StartDisplay(DisplayOptions{})
	d = b.h.app.display
	t.Cleanup(d.stop)
	if d.number.Text != "—" {
		t.Errorf("restarted board after the finish shows %q as current", d.number.Text)
	}
	var recent []string
	for _, r := range d.rows {
		if r.box.Visible() {
			recent = append(recent, r.number.Text)
		}
	}
	if strings.Join(recent, ",") != second.Code()+","+first.Code() {
		t.Errorf("restarted board's recent calls %v", recent)
	}
}

// A long service name on a waiting tile is wrapped and shrunk, never cut:
// every letter is on screen, each line fits the tile's width, and the
// lines fit the tile's height, at 1366x768 and at 1920x1080.
func TestDisplayTilesFitLongServiceNames(t *testing.T) {
	h := newHarness(t)
	h.setUpOffice()
	ctx := context.Background()
	admin, err := h.svc.Login(ctx, "admin", "rahasia1")
	if err != nil {
		t.Fatal(err)
	}
	svcs, _ := h.svc.Services(ctx)
	long := map[string]string{
		svcs[0].ID: "Konsultasi Stakeholder dan Pengaduan Layanan Perbendaharaan Negara Wilayah Timur",
		svcs[1].ID: "Penerbitan SP2D/Pengesahan",
		svcs[2].ID: "Rekonsiliasi-Laporan-Keuangan-Satuan-Kerja-Kementerian-Negara-Lembaga",
	}
	for _, sv := range svcs {
		if name, ok := long[sv.ID]; ok {
			sv.Name = name
			if _, err := h.svc.SaveService(ctx, admin.ID, sv); err != nil {
				t.Fatal(err)
			}
		}
	}
	h.app.StartDisplay(DisplayOptions{})
	d := h.app.display
	t.Cleanup(d.stop)
	for _, size := range []fyne.Size{{Width: 1366, Height: 768}, {Width: 1920, Height: 1080}} {
		h.app.win.Resize(size)
		if len(d.tiles) != len(svcs) {
			t.Fatalf("%d tiles for %d services", len(d.tiles), len(svcs))
		}
		for i, tile := range d.tiles {
			sv := d.services[i]
			want := sv.Prefix + " · " + sv.Name
			box := tile.title.Size()
			var lines []string
			var bottom float32
			r := test.WidgetRenderer(tile.title)
			for _, o := range r.Objects() {
				tx := o.(*canvas.Text)
				if !tx.Visible() {
					continue
				}
				lines = append(lines, tx.Text)
				if w := tx.MinSize().Width; w > box.Width+0.5 {
					t.Errorf("%v: %q line %q is %v wide in a %v tile", size, sv.Name, tx.Text, w, box.Width)
				}
				bottom = tx.Position().Y + tx.MinSize().Height
				if tx.TextSize < 11 {
					t.Errorf("%v: %q drawn at %v pt", size, sv.Name, tx.TextSize)
				}
			}
			// Never cut: the lines hold every letter of the name in order.
			if got := strings.ReplaceAll(strings.Join(lines, ""), " ", ""); got != strings.ReplaceAll(want, " ", "") {
				t.Errorf("%v: tile shows %q, want all of %q", size, lines, want)
			}
			if strings.Contains(strings.Join(lines, ""), "…") {
				t.Errorf("%v: tile cuts the name: %q", size, lines)
			}
			if bottom > box.Height+1 {
				t.Errorf("%v: %q needs %v px in a %v px title box", size, sv.Name, bottom, box.Height)
			}
			t.Logf("%v: tile %d (%v wide) shows %q", size, i, box.Width, lines)
		}
	}
}

// auditAnnouncer is an announcer that reports whether sound worked, as
// voice.Announcer does.
type auditAnnouncer struct {
	fakeAnnouncer
	mu     sync.Mutex
	watch  func(error)
	probes int
}

func (a *auditAnnouncer) WatchPlayback(f func(error)) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.watch = f
}

func (a *auditAnnouncer) Probe() error {
	a.mu.Lock()
	a.probes++
	a.mu.Unlock()
	return nil
}

func (a *auditAnnouncer) report(err error) {
	a.mu.Lock()
	f := a.watch
	a.mu.Unlock()
	if f != nil {
		f(err)
	}
}

// With no working audio the display says so on screen ("suara tidak
// aktif"), and the sign goes once a call plays again.
func TestDisplayShowsWhenSoundIsOff(t *testing.T) {
	h := newHarness(t)
	h.setUpOffice()
	ann := &auditAnnouncer{}
	h.app.StartDisplay(DisplayOptions{Announcer: ann})
	d := h.app.display
	t.Cleanup(d.stop)
	if ann.probes != 1 {
		t.Errorf("%d audio probes at start, want 1", ann.probes)
	}
	if d.audioOff.Visible() {
		t.Fatal("the sound sign shows before anything failed")
	}
	ann.report(errors.New("voice: no audio player found"))
	if !d.audioOff.Visible() || !strings.Contains(texts(h.app.win.Canvas().Content()), "suara tidak aktif") {
		t.Fatal("no \"suara tidak aktif\" sign after playback failed")
	}
	ann.report(nil)
	if d.audioOff.Visible() {
		t.Fatal("the sign stays after a call played")
	}
	d.stop()
	ann.mu.Lock()
	defer ann.mu.Unlock()
	if ann.watch != nil {
		t.Error("the stopped display still watches the announcer")
	}
}

// The running text never scrolls (a marquee redraws the screen thirty times
// a second): a text wider than the screen is shown in pages that each fit,
// turned on the clock's ticks, and every word is shown.
func TestDisplayRunningTextPages(t *testing.T) {
	h := newHarness(t)
	h.setUpOffice()
	ctx := context.Background()
	admin, _ := h.svc.Login(ctx, "admin", "rahasia1")
	var long string
	for i := range 6 { // sentences of their own: a page repeated would read as one
		long += fmt.Sprintf("Layanan SP2D ditutup pukul 15.%02d WIB setiap hari kerja ke-%d. ", i, i+1)
	}
	if err := h.svc.SaveSetting(ctx, admin.ID, store.SettingRunningText, long); err != nil {
		t.Fatal(err)
	}
	h.app.StartDisplay(DisplayOptions{})
	d := h.app.display
	t.Cleanup(d.stop)
	// The pages follow the width: made again when the window changes
	// size (it goes full screen after start).
	h.app.win.Resize(fyne.NewSize(1920, 1080))
	wide := len(d.tickerPages)
	h.app.win.Resize(fyne.NewSize(1366, 768))
	if len(d.tickerPages) <= wide {
		t.Errorf("%d pages at 1366 px, %d at 1920 px: not made again for the width", len(d.tickerPages), wide)
	}
	if len(d.tickerPages) < 2 {
		t.Fatalf("%d pages for a text of %d characters", len(d.tickerPages), len(long))
	}
	var shown []string
	for range len(d.tickerPages) * tickerPageEvery {
		if len(shown) == 0 || shown[len(shown)-1] != d.ticker.Text {
			shown = append(shown, d.ticker.Text)
		}
		if w := d.ticker.MinSize().Width; w > d.tickerBox.Size().Width {
			t.Errorf("page %q is %v wide on a %v screen", d.ticker.Text, w, d.tickerBox.Size().Width)
		}
		d.tick()
	}
	if got, want := strings.Join(shown, " "), strings.Join(strings.Fields(long), " "); got != want {
		t.Errorf("pages show %q\nwant %q", got, want)
	}
}

// The live display and kiosk follow the event log and tick their clocks on
// goroutines of their own; all of them end when the screen stops (the
// issue found them running forever).
func TestDisplayAndKioskGoroutinesStop(t *testing.T) {
	for _, screen := range []string{"display", "kiosk"} {
		t.Run(screen, func(t *testing.T) {
			h := newHarness(t)
			h.setUpOffice()
			settle := func(ok func(int) bool) int {
				n := runtime.NumGoroutine()
				for deadline := time.Now().Add(5 * time.Second); !ok(n) && time.Now().Before(deadline); {
					time.Sleep(50 * time.Millisecond)
					n = runtime.NumGoroutine()
				}
				return n
			}
			before := runtime.NumGoroutine()
			h.app.Live = true
			var stop func()
			if screen == "display" {
				h.app.StartDisplay(DisplayOptions{})
				stop = h.app.display.stop
			} else {
				h.app.StartKiosk(KioskOptions{})
				stop = h.app.kiosk.stop
			}
			want := before + 1 // the kiosk's clock; the display adds its stream
			if running := settle(func(n int) bool { return n >= want }); running < want {
				t.Fatalf("%d goroutines while live, %d before: the screen runs none", running, before)
			}
			stop()
			if after := settle(func(n int) bool { return n <= before }); after > before {
				buf := make([]byte, 1<<16)
				t.Fatalf("%d goroutines after stop, %d before:\n%s", after, before, buf[:runtime.Stack(buf, true)])
			}
		})
	}
}
