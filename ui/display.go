package ui

import (
	"context"
	"fmt"
	"image/color"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"loket/store"
)

// Announcer speaks a call ("Nomor antrian A seratus dua puluh tiga,
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

// call is one call shown on the board.
type call struct {
	number, counter string
	at              time.Time
}

// displayScreen is the full-screen board of the waiting room, readable
// from ten metres. It shows numbers and counters only: never a name.
type displayScreen struct {
	app  *App
	opts DisplayOptions

	services []store.Service
	waiting  map[string]int
	calls    []call // newest first

	clock, date   *canvas.Text
	number        *canvas.Text
	counter       *canvas.Text
	highlight     *canvas.Rectangle
	recent        *fyne.Container
	waitingBox    *fyne.Container
	marquee       *canvas.Text
	marqueeHolder *fyne.Container
	dirty         chan struct{}
}

// StartDisplay shows the waiting-room display full screen.
func (a *App) StartDisplay(opts DisplayOptions) {
	off, err := a.svc.Office(context.Background())
	if err != nil {
		a.win.SetContent(messagePage("Layar antrean belum dapat dipakai", store.Message(err)))
		return
	}
	a.office = off
	d := &displayScreen{app: a, opts: opts, waiting: map[string]int{}, dirty: make(chan struct{}, 1)}
	a.display = d
	a.win.SetTitle("Loket — Layar Antrean")
	a.win.SetContent(d.build())
	if dw, ok := a.win.(desktop.Window); ok && opts.Secondary {
		if drv, ok := fyne.CurrentApp().Driver().(desktop.Driver); ok && drv.HasSecondaryDisplay() {
			dw.RequestFullScreenSecondary()
		} else {
			a.win.SetFullScreen(true)
		}
	} else {
		a.win.SetFullScreen(true)
	}
	d.reload()
	if a.Live {
		d.live()
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
	d.date = canvas.NewText("", colGold)
	d.date.TextSize = 22
	name := bigText(d.app.office.Name, 34)
	name.Color = colCard
	head := container.NewStack(canvas.NewRectangle(colNavy), container.NewPadded(container.NewBorder(nil, nil,
		container.NewVBox(name, d.date), d.clockBox())))
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
	recentTitle := canvas.NewText("PANGGILAN TERAKHIR", colMuted)
	recentTitle.TextSize = 24
	recentTitle.TextStyle.Bold = true
	sideWidth := canvas.NewRectangle(color.Transparent)
	sideWidth.SetMinSize(fyne.NewSize(400, 0))
	side := container.NewStack(sideWidth, panel(), container.NewPadded(container.NewBorder(recentTitle, nil, nil, nil, d.recent)))
	centre := container.NewBorder(nil, nil, nil, container.NewPadded(side), container.NewPadded(main))

	d.waitingBox = container.NewGridWithRows(1)
	d.marquee = canvas.NewText("", colCard)
	d.marquee.TextSize = 30
	d.marquee.TextStyle.Bold = true
	d.marqueeHolder = container.New(marqueeLayout{}, d.marquee)
	strip := canvas.NewRectangle(colNavy)
	strip.SetMinSize(fyne.NewSize(0, 54))
	ticker := container.NewStack(strip, d.marqueeHolder)
	bottom := container.NewVBox(container.NewPadded(d.waitingBox), ticker)
	d.updateClock()
	return container.NewBorder(container.NewVBox(head, band), bottom, nil, nil, centre)
}

func (d *displayScreen) clockBox() fyne.CanvasObject {
	return container.NewVBox(layout.NewSpacer(), d.clock, layout.NewSpacer())
}

func panel() *canvas.Rectangle {
	r := canvas.NewRectangle(colCard)
	r.CornerRadius = 12
	r.StrokeColor = colLine
	r.StrokeWidth = 2
	return r
}

func (d *displayScreen) updateClock() {
	now := d.app.Now().In(d.app.office.Location())
	d.clock.Text = now.Format("15:04") + " " + d.app.office.ZoneLabel()
	d.date.Text = tanggal(now)
	d.clock.Refresh()
	d.date.Refresh()
}

// reload reads services, waiting counts, today's calls and the running
// text. Off the UI thread in the live app.
func (d *displayScreen) reload() {
	var svcs []store.Service
	var waiting map[string]int
	var today []store.Ticket
	var text string
	d.app.run(func() error {
		ctx := context.Background()
		var err error
		if svcs, err = d.app.svc.Services(ctx); err != nil {
			return err
		}
		if waiting, err = d.app.svc.WaitingCounts(ctx); err != nil {
			return err
		}
		if today, err = d.app.svc.TicketsToday(ctx); err != nil {
			return err
		}
		text, err = d.app.svc.Setting(ctx, store.SettingRunningText)
		return err
	}, func(err error) {
		if err != nil {
			d.marquee.Text = "Koneksi ke data antrean terputus. Mencoba lagi..."
			d.marquee.Refresh()
			return
		}
		d.services = d.services[:0]
		for _, sv := range svcs {
			if sv.Active {
				d.services = append(d.services, sv)
			}
		}
		d.waiting = waiting
		if len(d.calls) == 0 {
			d.calls = callsOf(today, d.counterNumbers())
		}
		d.marquee.Text = text
		d.marquee.Resize(d.marquee.MinSize())
		d.marquee.Refresh()
		d.render()
	})
}

// counterNumbers is filled lazily from events; tickets only know counter
// ids, so the first board after start-up shows the number from the id map.
func (d *displayScreen) counterNumbers() map[string]string {
	m := map[string]string{}
	if cs, err := d.app.svc.Counters(context.Background()); err == nil {
		for _, c := range cs {
			m[c.ID] = fmt.Sprint(c.Number)
		}
	}
	return m
}

func callsOf(today []store.Ticket, counters map[string]string) []call {
	var out []call
	for _, t := range today {
		if !t.CalledAt.IsZero() && t.CounterID != "" {
			out = append(out, call{number: t.Code(), counter: counters[t.CounterID], at: t.CalledAt})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].at.After(out[j].at) })
	if len(out) > 7 {
		out = out[:7]
	}
	return out
}

// onEvent updates the board for one event; UI thread.
func (d *displayScreen) onEvent(e store.Event) {
	switch e.Kind {
	case store.EvTicketCalled, store.EvTicketRecalled:
		c := call{number: e.Data["number"], counter: e.Data["counter"], at: e.At}
		kept := []call{c}
		for _, o := range d.calls {
			if o.number != c.number {
				kept = append(kept, o)
			}
		}
		if len(kept) > 7 {
			kept = kept[:7]
		}
		d.calls = kept
		d.render()
		d.flash()
		if d.opts.Announcer != nil {
			_ = d.opts.Announcer.Announce(c.number, c.counter)
		}
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

func (d *displayScreen) render() {
	if len(d.calls) > 0 {
		d.number.Text = d.calls[0].number
		d.counter.Text = "LOKET " + d.calls[0].counter
	} else {
		d.number.Text = "—"
		d.counter.Text = "Silakan menunggu"
	}
	d.number.Refresh()
	d.counter.Refresh()
	d.recent.Objects = nil
	for i, c := range d.calls {
		if i == 0 {
			continue
		}
		n := bigText(c.number, 44)
		n.Color = colNavy
		l := bigText("Loket "+c.counter, 36)
		l.Color = colInk
		d.recent.Add(container.NewBorder(nil, nil, n, l))
		d.recent.Add(widget.NewSeparator())
	}
	if len(d.calls) < 2 {
		none := canvas.NewText("Belum ada panggilan sebelumnya", colMuted)
		none.TextSize = 22
		d.recent.Add(none)
	}
	d.recent.Refresh()
	d.waitingBox.Objects = nil
	for _, sv := range d.services {
		title := canvas.NewText(sv.Prefix+" · "+shorten(sv.Name, 22), colMuted)
		title.TextSize = 17
		title.TextStyle.Bold = true
		n := bigText(fmt.Sprint(d.waiting[sv.ID]), 40)
		n.Color = colNavy
		sub := canvas.NewText("menunggu", colMuted)
		sub.TextSize = 18
		d.waitingBox.Add(container.NewStack(panel(), container.NewPadded(container.NewVBox(title,
			container.NewHBox(n, container.NewVBox(layout.NewSpacer(), sub))))))
	}
	d.waitingBox.Refresh()
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
	time.AfterFunc(3*time.Second, func() {
		fyne.Do(func() {
			d.highlight.FillColor = colCard
			d.highlight.Refresh()
		})
	})
}

// live follows the event stream (resuming after drops), ticks the clock and
// scrolls the running text.
func (d *displayScreen) live() {
	go func() {
		ctx := context.Background()
		last := int64(-1)
		for {
			ch, err := d.app.svc.Subscribe(ctx, last)
			if err != nil {
				time.Sleep(2 * time.Second)
				continue
			}
			for e := range ch {
				last = e.Seq
				fyne.Do(func() { d.onEvent(e) })
			}
			time.Sleep(time.Second)
		}
	}()
	go func() {
		clock := time.NewTicker(time.Second)
		frame := time.NewTicker(33 * time.Millisecond)
		for {
			select {
			case <-clock.C:
				fyne.Do(d.updateClock)
			case <-frame.C:
				fyne.Do(d.scroll)
			case <-d.dirty:
				time.Sleep(200 * time.Millisecond)
				fyne.Do(d.reload)
			}
		}
	}()
}

// scroll moves the running text one step to the left, wrapping around.
func (d *displayScreen) scroll() {
	w := d.marqueeHolder.Size().Width
	tw := d.marquee.MinSize().Width
	x := d.marquee.Position().X - 3
	if x < -tw {
		x = w
	}
	d.marquee.Move(fyne.NewPos(x, (d.marqueeHolder.Size().Height-d.marquee.MinSize().Height)/2))
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

// marqueeLayout lets the running text be wider than the screen: it asks
// only for the text's height and leaves the position to scroll.
type marqueeLayout struct{}

func (marqueeLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(0, h)
}

func (marqueeLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(o.MinSize())
		o.Move(fyne.NewPos(o.Position().X, (size.Height-o.MinSize().Height)/2))
	}
}
