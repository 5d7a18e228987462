package ui

import (
	"context"
	"fmt"
	"image/color"
	"log/slog"
	"slices"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"loket/store"
)

// Announcer speaks a call ("Nomor antrean A seratus dua puluh tiga,
// silakan ke loket dua"); voice.Announcer implements it.
type Announcer interface {
	Announce(ticket, counter string) error
}

// DisplayOptions wires the waiting-room display to its PC.
type DisplayOptions struct {
	// Announcer speaks each call and recall; nil for a silent display.
	Announcer Announcer
	// Secondary puts the display on the second monitor when there is one.
	Secondary bool
}

// AudioStatus is an Announcer that can tell whether its sound reaches a
// speaker (voice.Announcer is one). The display then shows a small "suara
// tidak aktif" sign while it does not, instead of only logging it.
type AudioStatus interface {
	// WatchPlayback sets a function told the outcome of every call: nil
	// when it played, the error when not. It runs off the UI thread.
	WatchPlayback(func(error))
	// Probe plays a moment of silence, so a missing device is found
	// before the first call.
	Probe() error
}

// call is one call shown on the board.
type call struct {
	ticketID        string
	number, counter string
	at              time.Time
	// ended: the ticket was finished or skipped since. It leaves the big
	// panel but stays in the list of recent calls.
	ended bool
}

// maxCalls is how many calls the board keeps: the current one and the
// recent ones beside it.
const maxCalls = 7

// tickerPageEvery is how long one page of a running text too wide for the
// screen stays before the next. The text changes in whole pages, on clock
// ticks: a scrolling marquee redraws the full screen thirty times a second
// (74% of a core under software OpenGL) for a line people glance at.
const tickerPageEvery = 6

// displayScreen is the full-screen board of the waiting room, readable
// from ten metres. It shows numbers and counters only: never a name.
//
// It redraws only when something changes: a call, a waiting count, the
// clock's minute, a page of the running text. Objects are made once and
// updated in place, so a day of calls leaves nothing behind.
type displayScreen struct {
	app    *App
	opts   DisplayOptions
	ctx    context.Context
	cancel context.CancelFunc

	services []store.Service
	waiting  map[string]int
	calls    []call // newest first
	loaded   bool   // today's earlier calls have been read

	clock, date *canvas.Text
	audioOff    fyne.CanvasObject // the "suara tidak aktif" sign
	number      *canvas.Text
	counter     *canvas.Text
	highlight   *canvas.Rectangle
	flashTimer  *time.Timer
	recent      *fyne.Container
	rows        []recentRow
	none        *canvas.Text
	waitingBox  *fyne.Container
	tiles       []waitTile
	ticker      *canvas.Text
	tickerBox   *fyne.Container
	tickerText  string
	tickerWidth float32 // the width the pages were made for
	tickerPages []string
	tickerPage  int
	ticks       int
	dirty       chan struct{}
}

// recentRow is one line of the recent calls list.
type recentRow struct {
	box             *fyne.Container
	number, counter *canvas.Text
	line            *widget.Separator
}

// waitTile is one service's waiting count.
type waitTile struct {
	serviceID string
	title     *fitText
	count     *canvas.Text
}

// StartDisplay shows the waiting-room display full screen.
func (a *App) StartDisplay(opts DisplayOptions) {
	a.withOffice("Layar antrean belum dapat dipakai", func() { a.startDisplay(opts) })
}

func (a *App) startDisplay(opts DisplayOptions) {
	d := &displayScreen{app: a, opts: opts, waiting: map[string]int{}, dirty: make(chan struct{}, 1)}
	d.ctx, d.cancel = context.WithCancel(a.rootCtx()) // ends with the window too
	a.display = d
	a.fa.Lifecycle().SetOnStopped(d.stop)
	a.win.SetTitle("Loket — Layar Antrean")
	a.win.SetContent(d.build())
	if dw, ok := a.win.(desktop.Window); ok && opts.Secondary && hasSecondaryDisplay() {
		dw.RequestFullScreenSecondary()
		a.settle(d.ctx)
	} else {
		a.setFullScreen(d.ctx)
	}
	if as, ok := opts.Announcer.(AudioStatus); ok {
		as.WatchPlayback(func(err error) {
			fyne.Do(func() { d.setAudio(err) }) // the announcer logs the failure
		})
		if err := as.Probe(); err != nil {
			slog.Warn("ui: display: audio probe", "err", err)
		}
	}
	d.reload()
	if a.Live {
		d.live()
	}
}

// hasSecondaryDisplay tells whether the driver sees a second screen (a
// television beside the PC's own monitor).
func hasSecondaryDisplay() bool {
	drv, ok := fyne.CurrentApp().Driver().(desktop.Driver)
	return ok && drv.HasSecondaryDisplay()
}

// stop ends the display's goroutines (event stream, clock); the app calls
// it when it stops.
func (d *displayScreen) stop() {
	d.cancel()
	if as, ok := d.opts.Announcer.(AudioStatus); ok {
		as.WatchPlayback(nil)
	}
}

func bigText(s string, size float32) *canvas.Text {
	t := canvas.NewText(s, colInk)
	t.TextSize = size
	t.TextStyle.Bold = true
	return t
}

func (d *displayScreen) build() fyne.CanvasObject {
	d.clock = bigText("", 40)
	d.clock.Color = colCard
	d.clock.Alignment = fyne.TextAlignTrailing
	d.date = canvas.NewText("", colGold)
	d.date.TextSize = 22
	name := bigText(d.app.office.Name, 34)
	name.Color = colCard
	d.audioOff = audioOffSign()
	d.audioOff.Hide()
	right := container.NewVBox(layout.NewSpacer(), d.clock, container.NewHBox(layout.NewSpacer(), d.audioOff), layout.NewSpacer())
	head := container.NewStack(canvas.NewRectangle(colNavy), container.NewPadded(container.NewBorder(nil, nil,
		container.NewVBox(name, d.date), right)))
	band := canvas.NewRectangle(colGold)
	band.SetMinSize(fyne.NewSize(0, 8))

	label := canvas.NewText("NOMOR ANTREAN", colMuted)
	label.TextSize = 32
	label.TextStyle.Bold = true
	label.Alignment = fyne.TextAlignCenter
	d.number = bigText("—", 220)
	d.number.Color = colNavy
	d.number.Alignment = fyne.TextAlignCenter
	d.counter = bigText("", 72)
	d.counter.Color = colInk
	d.counter.Alignment = fyne.TextAlignCenter
	d.highlight = canvas.NewRectangle(colCard)
	d.highlight.CornerRadius = 12
	d.highlight.StrokeColor = colLine
	d.highlight.StrokeWidth = 2
	main := container.NewStack(d.highlight, container.New(callLayout{}, label, d.number, d.counter))

	d.recent = container.NewVBox()
	for range maxCalls - 1 {
		n := bigText("", 44)
		n.Color = colNavy
		l := bigText("", 36)
		l.Color = colInk
		r := recentRow{box: container.NewBorder(nil, nil, n, l), number: n, counter: l, line: widget.NewSeparator()}
		r.box.Hide()
		r.line.Hide()
		d.rows = append(d.rows, r)
		d.recent.Add(r.box)
		d.recent.Add(r.line)
	}
	d.none = canvas.NewText("Belum ada panggilan sebelumnya", colMuted)
	d.none.TextSize = 22
	d.recent.Add(d.none)
	recentTitle := canvas.NewText("PANGGILAN TERAKHIR", colMuted)
	recentTitle.TextSize = 24
	recentTitle.TextStyle.Bold = true
	sideWidth := canvas.NewRectangle(color.Transparent)
	sideWidth.SetMinSize(fyne.NewSize(400, 0))
	side := container.NewStack(sideWidth, panel(), container.NewPadded(container.NewBorder(recentTitle, nil, nil, nil, d.recent)))
	centre := container.NewBorder(nil, nil, nil, container.NewPadded(side), container.NewPadded(main))

	d.waitingBox = container.NewGridWithRows(1)
	d.ticker = canvas.NewText("", colCard)
	d.ticker.TextSize = 30
	d.ticker.TextStyle.Bold = true
	d.ticker.Alignment = fyne.TextAlignCenter
	strip := canvas.NewRectangle(colNavy)
	strip.SetMinSize(fyne.NewSize(0, 54))
	d.tickerBox = container.New(tickerLayout{d}, strip, d.ticker)
	bottom := container.NewVBox(container.NewPadded(d.waitingBox), d.tickerBox)
	d.updateClock()
	return container.NewBorder(container.NewVBox(head, band), bottom, nil, nil, centre)
}

// audioOffSign is the small notice that calls are not heard: a hall that
// hears nothing should know to watch the board, and the staff to check the
// speaker.
func audioOffSign() fyne.CanvasObject {
	bg := canvas.NewRectangle(colDanger)
	bg.CornerRadius = 6
	t := canvas.NewText("suara tidak aktif", colCard)
	t.TextSize = 16
	t.TextStyle.Bold = true
	return container.NewStack(bg, container.NewPadded(t))
}

// setAudio shows or hides the "suara tidak aktif" sign after a playback.
func (d *displayScreen) setAudio(err error) {
	if off := err != nil; off != d.audioOff.Visible() {
		if off {
			d.audioOff.Show()
		} else {
			d.audioOff.Hide()
		}
	}
}

func panel() *canvas.Rectangle {
	r := canvas.NewRectangle(colCard)
	r.CornerRadius = 12
	r.StrokeColor = colLine
	r.StrokeWidth = 2
	return r
}

// setText changes t and redraws it only when the text is new.
func setText(t *canvas.Text, s string) {
	if t.Text != s {
		t.Text = s
		t.Refresh()
	}
}

func (d *displayScreen) updateClock() {
	now := d.app.Now().In(d.app.office.Location())
	setText(d.clock, now.Format("15:04")+" "+d.app.office.ZoneLabel())
	setText(d.date, tanggal(now))
}

// tick runs once a second: the clock, and the next page of a long running
// text every tickerPageEvery seconds. It draws only what changed.
func (d *displayScreen) tick() {
	d.updateClock()
	d.ticks++
	if len(d.tickerPages) > 1 && d.ticks%tickerPageEvery == 0 {
		d.tickerPage = (d.tickerPage + 1) % len(d.tickerPages)
		setText(d.ticker, d.tickerPages[d.tickerPage])
	}
}

// setRunningText shows the admin's running text, in pages that each fit
// the width when it is too long for one line.
func (d *displayScreen) setRunningText(text string) {
	text = strings.Join(strings.Fields(text), " ")
	if text == d.tickerText && len(d.tickerPages) > 0 {
		return
	}
	d.tickerText = text
	d.repage()
}

// repage splits the running text into pages for the strip's width: again
// whenever the width changes (the window goes full screen after start).
func (d *displayScreen) repage() {
	w := d.tickerBox.Size().Width - 2*theme.Padding()
	if w <= 0 {
		w = d.app.win.Canvas().Size().Width - 2*theme.Padding()
	}
	d.tickerWidth = d.tickerBox.Size().Width
	d.tickerPages = runningPages(d.tickerText, w, d.ticker.TextSize, d.ticker.TextStyle)
	if len(d.tickerPages) == 0 {
		d.tickerPages = []string{""}
	}
	d.tickerPage = 0
	setText(d.ticker, d.tickerPages[0])
}

// runningPages splits the running text into pages that each fit width:
// whole sentences where they fit (a page that stopped at "Laporkan
// pungutan" read as a text cut at the screen's edge); a sentence too long
// for one page is broken between words, its pages marked "…" where it
// goes on and where it resumes.
func runningPages(text string, width, size float32, style fyne.TextStyle) []string {
	fits := func(s string) bool { return fyne.MeasureText(s, size, style).Width <= width }
	var pages []string
	cur := ""
	for _, sentence := range sentences(text) {
		if cur != "" && fits(cur+" "+sentence) {
			cur += " " + sentence
			continue
		}
		if cur != "" {
			pages = append(pages, cur)
			cur = ""
		}
		if fits(sentence) {
			cur = sentence
			continue
		}
		marks := fyne.MeasureText("… …", size, style).Width
		lines, _ := wrapWords(strings.Fields(sentence), width-marks, size, style)
		for i, l := range lines {
			if i > 0 {
				l = "… " + l
			}
			if i < len(lines)-1 {
				l += " …"
			}
			pages = append(pages, l)
		}
	}
	if cur != "" {
		pages = append(pages, cur)
	}
	return pages
}

// sentences splits text after each ".", "!" or "?" that ends a word.
func sentences(text string) []string {
	var out []string
	cur := ""
	for _, w := range strings.Fields(text) {
		if cur != "" {
			cur += " "
		}
		cur += w
		if strings.ContainsAny(w[len(w)-1:], ".!?") {
			out = append(out, cur)
			cur = ""
		}
	}
	if cur != "" {
		out = append(out, cur)
	}
	return out
}

// reload reads services, waiting counts, the running text and, the first
// time, today's calls. Off the UI thread in the live app.
func (d *displayScreen) reload() {
	var svcs []store.Service
	var waiting map[string]int
	var today []store.Ticket
	var counters map[string]string
	var text string
	first := !d.loaded
	d.app.call(d.ctx, func(ctx context.Context) error {
		var err error
		if svcs, err = d.app.svc.Services(ctx); err != nil {
			return err
		}
		if waiting, err = d.app.svc.WaitingCounts(ctx); err != nil {
			return err
		}
		if first {
			if today, err = d.app.svc.TicketsToday(ctx); err != nil {
				return err
			}
			cs, err := d.app.svc.Counters(ctx)
			if err != nil {
				return err
			}
			counters = map[string]string{}
			for _, c := range cs {
				counters[c.ID] = fmt.Sprint(c.Number)
			}
		}
		text, err = d.app.svc.Setting(ctx, store.SettingRunningText)
		return err
	}, func(err error) {
		if d.ctx.Err() != nil {
			return
		}
		if err != nil {
			d.tickerText = ""
			d.tickerPages = []string{"Koneksi ke data antrean terputus. Mencoba lagi..."}
			d.tickerPage = 0
			setText(d.ticker, d.tickerPages[0])
			return
		}
		d.services = d.services[:0]
		for _, sv := range svcs {
			if sv.Active {
				d.services = append(d.services, sv)
			}
		}
		d.waiting = waiting
		if first && !d.loaded {
			d.loaded = true
			// Calls that arrived as events while this was read are newer.
			d.calls = mergeCalls(d.calls, callsOf(today, counters))
		}
		d.setRunningText(text)
		d.render()
	})
}

// callsOf lists today's calls, newest first, from the tickets: a ticket no
// longer called or served counts as ended; one sent back to the queue
// (transferred) has no counter and is not a call any more.
func callsOf(today []store.Ticket, counters map[string]string) []call {
	var out []call
	for _, t := range today {
		if !t.CalledAt.IsZero() && t.CounterID != "" {
			out = append(out, call{ticketID: t.ID, number: t.Code(), counter: counters[t.CounterID], at: t.CalledAt,
				ended: t.Status != store.StatusCalled && t.Status != store.StatusServing})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].at.After(out[j].at) })
	if len(out) > maxCalls {
		out = out[:maxCalls]
	}
	return out
}

// mergeCalls puts the calls seen as events (newer) before the ones read
// from the store, without duplicates.
func mergeCalls(live, stored []call) []call {
	out := append([]call(nil), live...)
	for _, c := range stored {
		if !slices.ContainsFunc(out, func(o call) bool { return o.ticketID == c.ticketID }) {
			out = append(out, c)
		}
	}
	if len(out) > maxCalls {
		out = out[:maxCalls]
	}
	return out
}

// onEvent updates the board for one event; UI thread.
func (d *displayScreen) onEvent(e store.Event) {
	switch e.Kind {
	case store.EvTicketCalled, store.EvTicketRecalled:
		c := call{ticketID: e.TicketID, number: e.Data["number"], counter: e.Data["counter"], at: e.At}
		kept := []call{c}
		for _, o := range d.calls {
			if o.ticketID != c.ticketID {
				kept = append(kept, o)
			}
		}
		if len(kept) > maxCalls {
			kept = kept[:maxCalls]
		}
		d.calls = kept
		d.render()
		d.flash()
		if d.opts.Announcer != nil {
			_ = d.opts.Announcer.Announce(c.number, c.counter)
		}
	case store.EvTicketDone, store.EvTicketSkipped:
		// Served or not there: the call is over, the panel clears.
		for i := range d.calls {
			if d.calls[i].ticketID == e.TicketID {
				d.calls[i].ended = true
			}
		}
		d.render()
	case store.EvTicketTransferred, store.EvTicketCancelled:
		// Back in a queue (or gone): it was not a call that holds.
		d.calls = slices.DeleteFunc(d.calls, func(c call) bool { return c.ticketID == e.TicketID })
		d.render()
	}
	if d.applyCounts(e) { // the counts came with the event (display_delta.go)
		return
	}
	if strings.HasPrefix(e.Kind, "ticket.") || strings.HasPrefix(e.Kind, "service.") || e.Kind == store.EvSettingSaved {
		d.reloadSoon()
	}
}

func (d *displayScreen) reloadSoon() {
	if !d.app.Live {
		d.reload()
		return
	}
	select {
	case d.dirty <- struct{}{}:
	default:
	}
}

// current is the call in the big panel, if one is still going on.
func (d *displayScreen) current() (call, bool) {
	if len(d.calls) > 0 && !d.calls[0].ended {
		return d.calls[0], true
	}
	return call{}, false
}

func (d *displayScreen) render() {
	recent := d.calls
	if c, ok := d.current(); ok {
		setText(d.number, c.number)
		setText(d.counter, "LOKET "+c.counter)
		recent = recent[1:]
	} else {
		setText(d.number, "—")
		setText(d.counter, "Silakan menunggu")
		if d.highlight.FillColor != colCard {
			d.highlight.FillColor = colCard
			d.highlight.Refresh()
		}
	}
	for i, r := range d.rows {
		if i < len(recent) {
			setText(r.number, recent[i].number)
			setText(r.counter, "Loket "+recent[i].counter)
			r.box.Show()
			r.line.Show()
		} else {
			r.box.Hide()
			r.line.Hide()
		}
	}
	if len(recent) == 0 {
		d.none.Show()
	} else {
		d.none.Hide()
	}
	d.renderTiles()
}

// renderTiles updates the waiting counts in place; the tiles are made
// again only when the list of services changed.
func (d *displayScreen) renderTiles() {
	same := len(d.tiles) == len(d.services)
	for i := 0; same && i < len(d.tiles); i++ {
		same = d.tiles[i].serviceID == d.services[i].ID
	}
	if !same {
		d.tiles = d.tiles[:0]
		d.waitingBox.Objects = nil
		for _, sv := range d.services {
			title := newFitText("", colMuted, 18, 11, 2)
			n := bigText("", 40)
			n.Color = colNavy
			sub := canvas.NewText("menunggu", colMuted)
			sub.TextSize = 18
			d.tiles = append(d.tiles, waitTile{serviceID: sv.ID, title: title, count: n})
			d.waitingBox.Add(container.NewStack(panel(), container.NewPadded(container.NewVBox(title,
				container.NewHBox(n, container.NewVBox(layout.NewSpacer(), sub))))))
		}
		d.waitingBox.Refresh()
	}
	for i, sv := range d.services {
		d.tiles[i].title.SetText(sv.Prefix + " · " + sv.Name)
		setText(d.tiles[i].count, fmt.Sprint(d.waiting[sv.ID]))
	}
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// flash marks a new call for a few seconds so eyes find it.
func (d *displayScreen) flash() {
	d.highlight.FillColor = colGold
	d.highlight.Refresh()
	if !d.app.Live {
		return
	}
	if d.flashTimer != nil {
		d.flashTimer.Stop()
	}
	d.flashTimer = time.AfterFunc(3*time.Second, func() {
		fyne.Do(func() {
			d.highlight.FillColor = colCard
			d.highlight.Refresh()
		})
	})
}

// live follows the event stream (resuming after drops) and ticks the
// clock, until the display stops.
func (d *displayScreen) live() {
	ctx := d.ctx
	go follow(ctx, d.app.svc, func(e store.Event) { fyne.Do(func() { d.onEvent(e) }) })
	go func() {
		clock := time.NewTicker(time.Second)
		defer clock.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-clock.C:
				fyne.Do(d.tick)
			case <-d.dirty:
				// Events come in bursts (a call finishes the previous
				// ticket first): one reload for the burst.
				select {
				case <-ctx.Done():
					return
				case <-time.After(200 * time.Millisecond):
				}
				fyne.Do(d.reload)
			}
		}
	}()
}

// callLayout sizes the latest call to the room the screen leaves it: the
// number as large as fits (about 320 pt on a 1080p television, 200 on a
// 1366x768 one) with the label and the counter in proportion, centred as
// one block. Its objects are the label, the number and the counter.
type callLayout struct{}

func (callLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(240, 200) }

func (callLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	label, number, counter := objs[0].(*canvas.Text), objs[1].(*canvas.Text), objs[2].(*canvas.Text)
	// The number's line is about 1.4 of its size; five characters ("A123"
	// plus margin) are about 3 sizes wide.
	n := min(320, size.Height/2.4, size.Width/3)
	sizes := []float32{n * 0.145, n, n * 0.33}
	total := float32(0)
	for i, t := range []*canvas.Text{label, number, counter} {
		if t.TextSize != sizes[i] {
			t.TextSize = sizes[i]
			t.Refresh()
		}
		total += t.MinSize().Height
	}
	y := (size.Height - total) / 2
	for _, t := range []*canvas.Text{label, number, counter} {
		h := t.MinSize().Height
		t.Resize(fyne.NewSize(size.Width, h))
		t.Move(fyne.NewPos(0, y))
		y += h
	}
}

// tickerLayout stacks the running-text strip and its text, and makes the
// pages again when the strip's width changes.
type tickerLayout struct{ d *displayScreen }

func (tickerLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return fyne.NewSize(0, s.Height) // the text is paged, so any width will do
}

func (l tickerLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(size)
		o.Move(fyne.NewPos(0, 0))
	}
	if d := l.d; size.Width != d.tickerWidth && d.tickerText != "" {
		d.repage()
	}
}
