package ui

import (
	"context"
	"fmt"
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"loket/store"
)

// IssuedTicket is what the kiosk hands to the printer.
type IssuedTicket struct {
	Office  store.Office
	Service store.Service
	Ticket  store.Ticket
	Ahead   int
	Wait    time.Duration
}

// KioskOptions wires the kiosk to the PC it runs on.
type KioskOptions struct {
	// Print prints the ticket stub; nil uses this PC's printer settings
	// (none in PDF mode). A failure never loses the ticket: it is shown on
	// screen instead.
	Print func(ctx context.Context, t IssuedTicket) error
	// Open tells whether tickets may be issued now (office hours), with
	// the sentence to show when not. Nil means always open.
	Open func(now time.Time) (bool, string)
	// ResultFor is how long the issued number stays on screen.
	ResultFor time.Duration
}

// kioskScreen is the touch-first ticket machine in the waiting room.
//
// Its pages (choice, priority lanes, result, closed) are built once and
// swapped under one header: a page made anew for each visitor would leave
// thousands of widgets a day for Fyne's caches to carry.
type kioskScreen struct {
	app  *App
	opts KioskOptions
	root *fyne.Container
	page *fyne.Container // holds the page showing

	choicePage, lanesPage, resultPage, closedPage fyne.CanvasObject
	// gridKey is the services the grid's buttons were made for.
	gridKey   string
	lane      *fyne.Container // the lane button, or the chosen lane and its undo
	laneOpen  fyne.CanvasObject
	laneSet   fyne.CanvasObject
	closedWhy *fyne.Container

	services []store.Service
	priority string // chosen lane, "" for normal
	// closed is why tickets cannot be taken now (outside office hours,
	// a holiday), "" while open. The kiosk then shows only that.
	closed   string
	onChoice bool // the choice (or closed) page is showing

	clock    *canvas.Text
	date     *canvas.Text
	laneNote *widget.Label
	grid     *fyne.Container
	notice   *widget.Label

	// Result page.
	resNumber  *canvas.Text
	resService *widget.Label
	resAhead   *widget.Label
	resPrint   *widget.Label
	last       IssuedTicket
	backTimer  *time.Timer

	// checkIn is the check-in of booked visitors (kiosk_checkin.go).
	checkIn *kioskCheckIn

	// stop ends the clock goroutine; the app calls it when it stops.
	stop context.CancelFunc
}

// StartKiosk shows the kiosk full screen. It can be left only with an
// admin's username and password.
func (a *App) StartKiosk(opts KioskOptions) {
	if opts.ResultFor <= 0 {
		opts.ResultFor = 12 * time.Second
	}
	if opts.Print == nil && a.printSettings().Mode != "pdf" {
		opts.Print = a.printTicket
	}
	a.withOffice("Kiosk belum dapat dipakai", func() { a.startKiosk(opts) })
}

func (a *App) startKiosk(opts KioskOptions) {
	k := &kioskScreen{app: a, opts: opts, page: container.NewStack()}
	ctx, cancel := context.WithCancel(a.rootCtx()) // ends with the window too
	k.stop = cancel
	a.fa.Lifecycle().SetOnStopped(cancel)
	a.kiosk = k
	k.build()
	a.win.SetTitle("Loket — Kiosk Antrean")
	a.win.SetContent(k.root)
	a.setFullScreen(ctx)
	a.win.SetCloseIntercept(k.askExit)
	k.checkIn.listen()
	k.reload()
	k.checkOpen()
	if a.Live {
		go k.tick(ctx)
	}
}

func (k *kioskScreen) build() {
	k.clock = canvas.NewText("", colCard)
	k.clock.TextSize = 34
	k.clock.TextStyle.Bold = true
	k.date = canvas.NewText("", colCard)
	k.date.TextSize = 18
	k.laneNote = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	k.notice = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	k.notice.Importance = widget.DangerImportance
	k.notice.Wrapping = fyne.TextWrapWord
	k.grid = container.NewGridWithColumns(2)
	k.resNumber = canvas.NewText("", colNavy)
	k.resNumber.TextSize = 180
	k.resNumber.TextStyle.Bold = true
	k.resNumber.Alignment = fyne.TextAlignCenter
	k.resService = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	k.resService.Wrapping = fyne.TextWrapWord
	k.resAhead = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{})
	k.resPrint = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Italic: true})
	k.resPrint.Wrapping = fyne.TextWrapWord
	k.updateClock()
	k.root = container.NewBorder(k.header(), privacyNotice(kioskPrivacyNotice), nil, nil, k.page)
	k.buildPages()
}

// buildPages makes the four pages once.
func (k *kioskScreen) buildPages() {
	// Choice.
	title := widget.NewLabelWithStyle("Silakan pilih layanan", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	k.laneOpen = touchButton(k.showLanes, widget.WarningImportance, fyne.NewSize(0, 80), nil,
		container.NewCenter(wrapText("Jalur Prioritas — lansia, penyandang disabilitas, ibu hamil, anak", 80, 1, 26, colInk)[0]))
	back := widget.NewButton("Batalkan jalur prioritas", func() { k.priority = ""; k.showChoice() })
	k.laneSet = container.NewVBox(k.laneNote, back)
	k.lane = container.NewStack(k.laneOpen)
	k.checkIn = newKioskCheckIn(k)
	k.choicePage = container.NewPadded(container.NewBorder(container.NewVBox(title, k.notice),
		container.NewVBox(container.NewPadded(k.lane), container.NewPadded(k.checkIn.button())), nil, nil,
		container.NewVScroll(container.NewPadded(k.grid))))

	// Priority lanes.
	lanesTitle := widget.NewLabelWithStyle("Pilih alasan jalur prioritas", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	lanesTitle.SizeName = theme.SizeNameHeadingText
	grid := container.NewGridWithColumns(2)
	for _, p := range kioskLanes {
		grid.Add(touchButton(func() { k.priority = p; k.showChoice() }, widget.WarningImportance, fyne.NewSize(380, 120), nil,
			container.NewCenter(wrapText(store.PriorityLabel(p), 30, 1, 32, colInk)[0])))
	}
	lanesBack := widget.NewButton("Kembali", func() { k.priority = ""; k.showChoice() })
	note := widget.NewLabelWithStyle("Petugas dapat meminta Anda menunjukkan kondisi tersebut.", fyne.TextAlignCenter, fyne.TextStyle{Italic: true})
	k.lanesPage = container.NewCenter(container.NewVBox(lanesTitle, container.NewCenter(grid), note, container.NewCenter(lanesBack)))

	// Result.
	resTitle := widget.NewLabelWithStyle("Nomor antrean Anda", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	resTitle.SizeName = theme.SizeNameHeadingText
	done := widget.NewButton("Selesai", k.showChoice)
	done.Importance = widget.HighImportance
	size := canvas.NewRectangle(color.Transparent)
	size.SetMinSize(fyne.NewSize(320, 70))
	// Room under Selesai as above the title: the button no longer
	// touches the card's bottom edge.
	foot := canvas.NewRectangle(color.Transparent)
	foot.SetMinSize(fyne.NewSize(0, kioskCardFoot))
	k.resultPage = container.NewCenter(card("", container.NewVBox(resTitle, k.resNumber, k.resService, k.resAhead, k.resPrint,
		container.NewCenter(container.NewStack(size, done)), foot)))

	// Closed.
	closedTitle := widget.NewLabelWithStyle("Pengambilan nomor antrean sedang tutup", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	closedTitle.SizeName = theme.SizeNameHeadingText
	k.closedWhy = container.NewVBox()
	k.closedPage = container.NewCenter(card("", container.NewPadded(container.NewVBox(closedTitle, k.closedWhy, k.notice))))
}

// kioskCardFoot is the room under the result card's Selesai button.
const kioskCardFoot = 12

// kioskExit is the kiosk header's discreet exit for the admin: a "·" on
// the navy header. Reached by Tab it says what it is on a gold face (the
// theme's translucent focus tint is invisible on navy).
type kioskExit struct{ widget.Button }

func newKioskExit(tapped func()) *kioskExit {
	b := &kioskExit{}
	b.Text, b.OnTapped, b.Importance = "·", tapped, widget.LowImportance
	b.ExtendBaseWidget(b)
	return b
}

// FocusGained implements fyne.Focusable: the focus shows.
func (b *kioskExit) FocusGained() {
	b.Text, b.Importance = "Keluar kios", widget.WarningImportance
	b.Button.FocusGained()
}

// FocusLost implements fyne.Focusable: back to the discreet dot.
func (b *kioskExit) FocusLost() {
	b.Text, b.Importance = "·", widget.LowImportance
	b.Button.FocusLost()
}

// setPage shows p under the header; the same page again costs nothing.
func (k *kioskScreen) setPage(p fyne.CanvasObject) {
	if len(k.page.Objects) == 1 && k.page.Objects[0] == p {
		return
	}
	k.page.Objects = []fyne.CanvasObject{p}
	k.page.Refresh()
}

func (k *kioskScreen) header() fyne.CanvasObject {
	name := canvas.NewText(k.app.office.Name, colCard)
	name.TextSize = 30
	name.TextStyle.Bold = true
	sub := canvas.NewText("Ambil nomor antrean", colGold)
	sub.TextSize = 18
	left := container.NewVBox(name, sub)
	right := container.NewVBox(container.NewHBox(layout.NewSpacer(), k.clock), container.NewHBox(layout.NewSpacer(), k.date))
	exit := newKioskExit(k.askExit) // discreet: for the admin only
	bg := canvas.NewRectangle(colNavy)
	band := canvas.NewRectangle(colGold)
	band.SetMinSize(fyne.NewSize(0, 6))
	return container.NewVBox(container.NewStack(bg, container.NewPadded(container.NewBorder(nil, nil, left,
		container.NewHBox(right, exit)))), band)
}

// updateClock redraws the clock only when the minute changed.
func (k *kioskScreen) updateClock() {
	now := k.app.Now().In(k.app.office.Location())
	setText(k.clock, now.Format("15:04")+" "+k.app.office.ZoneLabel())
	setText(k.date, tanggal(now))
}

// tick keeps the clock and the open/closed state current until ctx ends.
func (k *kioskScreen) tick(ctx context.Context) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for n := 1; ; n++ {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		fyne.Do(k.updateClock)
		if n%30 == 0 {
			fyne.Do(k.checkOpen)
		}
	}
}

// checkOpen asks whether tickets may be taken now and, when that changed,
// turns the choice page into the closed page or back: a visitor arriving
// after hours reads why at once instead of after touching a service.
func (k *kioskScreen) checkOpen() {
	if k.opts.Open == nil {
		return
	}
	var ok bool
	var why string
	now := k.app.Now()
	k.app.run(func(ctx context.Context) error {
		ok, why = k.opts.Open(now)
		return nil
	}, func(error) {
		if ok {
			why = ""
		}
		if why == k.closed {
			return
		}
		k.closed = why
		k.notice.SetText("")
		if k.onChoice {
			k.showChoice()
		}
	})
}

// showClosed replaces the service buttons while tickets cannot be taken.
func (k *kioskScreen) showClosed() {
	k.closedWhy.Objects = nil
	for _, l := range wrapText(k.closed, 60, 4, 30, colInk) {
		l.(*canvas.Text).Alignment = fyne.TextAlignCenter
		k.closedWhy.Add(l)
	}
	k.closedWhy.Refresh()
	k.setPage(k.closedPage)
}

// reload fetches the active services and shows the choice page.
func (k *kioskScreen) reload() {
	var svcs []store.Service
	k.app.run(func(ctx context.Context) error {
		var err error
		svcs, err = k.app.svc.Services(ctx)
		return err
	}, func(err error) {
		if err != nil {
			k.notice.SetText(errText(err))
		}
		k.services = k.services[:0]
		for _, sv := range svcs {
			if sv.Active {
				k.services = append(k.services, sv)
			}
		}
		k.showChoice()
	})
}

// serviceButton is a big touch target: the letter and the service name.
func (k *kioskScreen) serviceButton(sv store.Service) fyne.CanvasObject {
	letter := canvas.NewText(sv.Prefix, colGold)
	letter.TextSize = 60
	letter.TextStyle.Bold = true
	return touchButton(func() { k.issue(sv) }, widget.HighImportance, fyne.NewSize(420, 130),
		container.NewPadded(letter), wrapText(sv.Name, 30, 3, 26, colCard)...)
}

// touchButton is a large button whose face is drawn by the caller (Fyne's
// own button label is too small to read from a step away).
func touchButton(tap func(), imp widget.Importance, min fyne.Size, left fyne.CanvasObject, lines ...fyne.CanvasObject) fyne.CanvasObject {
	b := widget.NewButton("", tap)
	b.Importance = imp
	size := canvas.NewRectangle(color.Transparent)
	size.SetMinSize(min)
	text := container.NewVBox(layout.NewSpacer())
	for _, l := range lines {
		text.Add(l)
	}
	text.Add(layout.NewSpacer())
	return container.NewStack(size, b, container.NewPadded(container.NewBorder(nil, nil, left, nil, text)))
}

// wrapText breaks s into at most maxLines lines of about width runes, as
// bold canvas texts; the last line ends with "…" if s is longer.
func wrapText(s string, width, maxLines int, size float32, c color.Color) []fyne.CanvasObject {
	var lines []string
	cur := ""
	for _, w := range strings.Fields(s) {
		if cur != "" && len([]rune(cur))+1+len([]rune(w)) > width {
			lines = append(lines, cur)
			cur = w
		} else if cur == "" {
			cur = w
		} else {
			cur += " " + w
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	if len(lines) > maxLines {
		lines = lines[:maxLines]
		lines[maxLines-1] = shorten(lines[maxLines-1]+" …", width)
	}
	out := make([]fyne.CanvasObject, len(lines))
	for i, l := range lines {
		t := canvas.NewText(l, c)
		t.TextSize = size
		t.TextStyle.Bold = true
		out[i] = t
	}
	return out
}

func (k *kioskScreen) showChoice() {
	k.cancelBack()
	k.onChoice = true
	if k.closed != "" {
		k.priority = ""
		k.showClosed()
		return
	}
	// The buttons are made again only when the services changed.
	var key strings.Builder
	for _, sv := range k.services {
		key.WriteString(sv.ID + "\x00" + sv.Prefix + "\x00" + sv.Name + "\x00")
	}
	if key.String() != k.gridKey {
		k.gridKey = key.String()
		k.grid.Objects = nil
		for _, sv := range k.services {
			k.grid.Add(k.serviceButton(sv))
		}
		k.grid.Refresh()
	}
	if len(k.services) == 0 {
		k.notice.SetText("Belum ada layanan yang dibuka. Silakan hubungi petugas.")
	}
	lane := k.laneOpen
	if k.priority == "" {
		k.laneNote.SetText("")
	} else {
		k.laneNote.SetText("Jalur prioritas: " + store.PriorityLabel(k.priority))
		lane = k.laneSet
	}
	if k.lane.Objects[0] != lane {
		k.lane.Objects = []fyne.CanvasObject{lane}
		k.lane.Refresh()
	}
	k.setPage(k.choicePage)
}

// lanes offered at the kiosk (korban bencana is given at the counter).
var kioskLanes = []string{store.PriorityLansia, store.PriorityDisabilitas, store.PriorityIbuHamil, store.PriorityAnak}

func (k *kioskScreen) showLanes() {
	k.onChoice = false
	k.setPage(k.lanesPage)
}

// issue takes a number for sv and shows it; printing happens after the
// ticket is safely stored.
func (k *kioskScreen) issue(sv store.Service) {
	k.notice.SetText("")
	if k.opts.Open != nil {
		if ok, why := k.opts.Open(k.app.Now()); !ok {
			// Closed since the last check: say so the same way.
			k.closed = why
			k.showChoice()
			return
		}
	}
	prio := k.priority
	var it IssuedTicket
	var printErr error
	k.app.run(func(ctx context.Context) error {
		t, err := k.app.svc.IssueTicket(ctx, sv.ID, prio)
		if err != nil {
			return err
		}
		it = IssuedTicket{Office: k.app.office, Service: sv, Ticket: t}
		if e, err := k.app.svc.TicketEstimate(ctx, t.ID); err == nil {
			it.Ahead, it.Wait = e.Ahead, e.Wait
		}
		if k.opts.Print != nil {
			printErr = k.opts.Print(ctx, it)
		}
		return nil
	}, func(err error) {
		if err != nil {
			k.notice.SetText(errText(err))
			return
		}
		k.priority = ""
		k.last = it
		k.showResult(printErr)
	})
}

func (k *kioskScreen) showResult(printErr error) {
	k.onChoice = false
	it := k.last
	k.resNumber.Text = it.Ticket.Code()
	k.resNumber.Refresh()
	svc := it.Service.Name
	if it.Ticket.IsPriority() {
		svc += "\nJalur prioritas: " + store.PriorityLabel(it.Ticket.Priority)
	}
	k.resService.SetText(svc)
	if it.Ahead == 0 {
		k.resAhead.SetText("Tidak ada antrean di depan Anda. Silakan tunggu panggilan.")
	} else {
		k.resAhead.SetText(fmt.Sprintf("%d orang menunggu di depan Anda · perkiraan waktu tunggu %s", it.Ahead, durasi(it.Wait)))
	}
	switch {
	case k.opts.Print == nil:
		k.resPrint.SetText("Catat atau foto nomor Anda, lalu tunggu panggilan di layar.")
	case printErr != nil:
		k.resPrint.SetText("Tiket tidak dapat dicetak. Nomor Anda tetap tercatat: ingat nomor " + it.Ticket.Code() + " dan tunggu panggilan.")
	default:
		k.resPrint.SetText("Silakan ambil tiket Anda dan tunggu panggilan di layar.")
	}
	k.setPage(k.resultPage)
	if k.app.Live {
		k.cancelBack()
		k.backTimer = time.AfterFunc(k.opts.ResultFor, func() { fyne.Do(k.showChoice) })
	}
}

func (k *kioskScreen) cancelBack() {
	if k.backTimer != nil {
		k.backTimer.Stop()
		k.backTimer = nil
	}
}

// askExit lets an admin leave the kiosk.
func (k *kioskScreen) askExit() {
	user, pass := widget.NewEntry(), widget.NewPasswordEntry()
	dialog.ShowForm("Keluar dari kiosk", "Keluar", "Batal",
		[]*widget.FormItem{widget.NewFormItem("Admin", user), widget.NewFormItem("Kata sandi", pass)},
		func(ok bool) {
			if ok {
				k.exit(user.Text, pass.Text)
			}
		}, k.app.win)
}

// exit closes the kiosk if the credentials are an admin's.
func (k *kioskScreen) exit(user, pass string) {
	var o store.Officer
	k.app.run(func(ctx context.Context) error {
		var err error
		o, err = k.app.svc.Login(ctx, user, pass)
		if err == nil {
			// The login only proves an admin is here: no officer
			// token stays behind on this screen.
			_ = k.app.svc.Logout(ctx, o.ID)
		}
		return err
	}, func(err error) {
		switch {
		case err != nil:
			k.notice.SetText(errText(err))
		case o.Role != store.RoleAdmin:
			k.notice.SetText("Hanya admin yang dapat menutup kiosk.")
		default:
			k.app.win.SetCloseIntercept(nil)
			k.app.win.Close()
		}
	})
}
