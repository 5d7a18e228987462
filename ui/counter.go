package ui

import (
	"context"
	"errors"
	"fmt"
	"sort"
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

// counterScreen is where an officer works all day: open the counter, call
// the next visitor, recall, skip, transfer, finish, with the queue in view.
type counterScreen struct {
	app  *App
	root *fyne.Container

	// Opening the counter.
	counterSel *widget.Select
	serviceSel *widget.CheckGroup
	openBtn    *widget.Button
	openMsg    *widget.Label
	// takeBtn appears for an admin when another officer's session holds
	// the chosen counter (a crashed PC): it takes the session over.
	takeBtn *widget.Button

	// Working.
	session     store.CounterSession
	counterName *canvas.Text
	number      *canvas.Text
	serviceName *widget.Label
	status      *widget.Label
	// statusText is the current number's state; status shows it with
	// the time since the call or the start of service.
	statusText  string
	message     *widget.Label
	bNext       *widget.Button
	bRecall     *widget.Button
	bServe      *widget.Button
	bSkip       *widget.Button
	bTransfer   *widget.Button
	bFinish     *widget.Button
	bClose      *widget.Button
	bRegister   *widget.Button
	waitingBox  *fyne.Container
	waitRows    waitingRows // the lines of waitingBox, kept between refreshes
	table       *widget.Table
	bReactivate *widget.Button
	bCancel     *widget.Button
	integ       counterIntegrity // chosen calls and pauses (counter_integrity.go)

	// The last snapshot of the office, applied to the widgets.
	counters []store.Counter
	services []store.Service
	snap     snapshot
	selected int // row in snap.tickets, -1 for none

	dirty  chan struct{}
	stop   chan struct{}
	events counterEvents // from the event stream, applied as deltas (counter_delta.go)
	// acting is set while a queue operation is out: a second F1 before
	// the first answer must not call two visitors. ignored notes that a
	// key was refused meanwhile, so the answer's message says so (it
	// replaces the "tunggu sebentar" the officer may have missed).
	acting  bool
	ignored bool
}

// snapshot is everything the working panel shows, loaded in one go.
type snapshot struct {
	current store.Ticket
	waiting map[string]int
	tickets []store.Ticket
}

const lastCounterPref = "counter.last"

func newCounterScreen(a *App) *counterScreen {
	s := &counterScreen{app: a, selected: -1, dirty: make(chan struct{}, 1), stop: make(chan struct{})}
	s.counterSel = widget.NewSelect(nil, nil)
	s.counterSel.PlaceHolder = "Pilih loket"
	s.serviceSel = widget.NewCheckGroup(nil, nil)
	s.openMsg = widget.NewLabel("")
	s.openMsg.Importance = widget.DangerImportance
	s.openMsg.Wrapping = fyne.TextWrapWord
	s.openBtn = widget.NewButton("Buka Loket", s.onOpen)
	s.openBtn.Importance = widget.HighImportance
	s.takeBtn = widget.NewButton("Ambil Alih Loket", s.onTakeOver)
	s.takeBtn.Importance = widget.WarningImportance
	s.takeBtn.Hide()

	s.counterName = canvas.NewText("", colCard)
	s.counterName.TextSize = 18
	s.counterName.TextStyle.Bold = true
	s.number = canvas.NewText("—", colNavy)
	s.number.TextSize = 104
	s.number.TextStyle.Bold = true
	s.number.Alignment = fyne.TextAlignCenter
	s.serviceName = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	s.serviceName.Wrapping = fyne.TextWrapWord
	s.status = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{})
	s.message = widget.NewLabel("")
	s.message.Wrapping = fyne.TextWrapWord

	s.bNext = widget.NewButton("Panggil Berikutnya  [F1]", s.onCallNext)
	s.bNext.Importance = widget.HighImportance
	s.bRecall = widget.NewButton("Panggil Ulang  [F2]", s.onRecall)
	s.bSkip = widget.NewButton("Lewati  [F3]", s.onSkip)
	s.bSkip.Importance = widget.WarningImportance
	s.bTransfer = widget.NewButton("Alihkan  [F4]", s.onTransfer)
	s.bFinish = widget.NewButton("Selesai  [F5]", s.onFinish)
	s.bFinish.Importance = widget.SuccessImportance
	s.bServe = widget.NewButton("Mulai Layani  [F6]", s.onServe)
	s.bClose = widget.NewButton("Tutup Loket", s.onClose)
	s.bRegister = widget.NewButton("Registrasi & Tanda Terima  [F7]", s.onRegister)
	s.bRegister.Importance = widget.HighImportance
	s.bReactivate = widget.NewButton("Aktifkan Kembali", s.onReactivate)
	s.bCancel = widget.NewButton("Batalkan Nomor", s.onCancel)
	s.bCancel.Importance = widget.DangerImportance
	s.buildIntegrity()
	s.waitingBox = container.NewVBox()
	s.table = s.newTable()
	s.root = container.NewStack()
	return s
}

func (s *counterScreen) content() fyne.CanvasObject { return s.root }

// start loads counters and services and shows the open-counter panel.
func (s *counterScreen) start() {
	var counters []store.Counter
	var services []store.Service
	s.app.run(func(ctx context.Context) error {
		var err error
		if counters, err = s.app.svc.Counters(ctx); err != nil {
			return err
		}
		services, err = s.app.svc.Services(ctx)
		return err
	}, func(err error) {
		if err != nil {
			s.root.Objects = []fyne.CanvasObject{messagePage("Data loket tidak dapat dimuat", errText(err))}
			s.root.Refresh()
			return
		}
		s.counters, s.services = nil, nil
		for _, c := range counters {
			if c.Active {
				s.counters = append(s.counters, c)
			}
		}
		s.services = services
		s.showOpen()
	})
}

func (s *counterScreen) activeServices() []store.Service {
	var out []store.Service
	for _, sv := range s.services {
		if sv.Active {
			out = append(out, sv)
		}
	}
	return out
}

func serviceOption(sv store.Service) string { return sv.Prefix + " — " + sv.Name }

func (s *counterScreen) showOpen() {
	var copts []string
	for _, c := range s.counters {
		copts = append(copts, c.Label())
	}
	s.counterSel.Options = copts
	last := s.app.fa.Preferences().String(lastCounterPref)
	for _, c := range s.counters {
		if c.ID == last {
			s.counterSel.SetSelected(c.Label())
		}
	}
	if s.counterSel.Selected == "" && len(copts) > 0 {
		s.counterSel.SetSelected(copts[0])
	}
	var sopts []string
	for _, sv := range s.activeServices() {
		sopts = append(sopts, serviceOption(sv))
	}
	s.serviceSel.Options = sopts
	s.serviceSel.SetSelected(sopts)
	title := canvas.NewText("Buka Loket", colNavy)
	title.TextSize = 24
	title.TextStyle.Bold = true
	hint := widget.NewLabel("Pilih loket tempat Anda bertugas dan layanan yang Anda layani hari ini.")
	hint.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(widget.NewFormItem("Loket", s.counterSel), widget.NewFormItem("Layanan", s.serviceSel))
	if len(copts) == 0 || len(sopts) == 0 {
		s.openBtn.Disable()
		s.openMsg.SetText("Belum ada loket atau layanan aktif. Minta admin menambahkannya di menu Admin.")
	} else {
		s.openBtn.Enable()
	}
	s.takeBtn.Hide()
	box := container.NewVBox(title, hint, form, s.openMsg, s.openBtn, s.takeBtn)
	s.root.Objects = []fyne.CanvasObject{container.NewCenter(container.NewGridWrap(fyne.NewSize(560, 460), card("", box)))}
	s.root.Refresh()
}

func (s *counterScreen) selectedCounter() (store.Counter, bool) {
	for _, c := range s.counters {
		if c.Label() == s.counterSel.Selected {
			return c, true
		}
	}
	return store.Counter{}, false
}

func (s *counterScreen) onOpen() { s.open(false) }

// onTakeOver is the admin's take-over of a counter another officer left
// open; the store records it as counter.taken_over.
func (s *counterScreen) onTakeOver() { s.open(true) }

func (s *counterScreen) open(takeover bool) {
	s.openMsg.SetText("")
	s.takeBtn.Hide()
	c, ok := s.selectedCounter()
	if !ok {
		s.openMsg.SetText("Pilih loket terlebih dahulu.")
		return
	}
	var ids []string
	for _, sv := range s.activeServices() {
		for _, sel := range s.serviceSel.Selected {
			if sel == serviceOption(sv) {
				ids = append(ids, sv.ID)
			}
		}
	}
	if len(ids) == 0 {
		s.openMsg.SetText("Pilih minimal satu layanan.")
		return
	}
	s.openBtn.Disable()
	var sess store.CounterSession
	var snap snapshot
	s.app.run(func(ctx context.Context) error {
		var err error
		openFn := s.app.svc.OpenCounter
		if takeover {
			openFn = s.app.svc.TakeOverCounter
		}
		if sess, err = openFn(ctx, s.app.officerID(), c.ID, ids); err != nil {
			return err
		}
		snap, err = s.load(ctx, c.ID)
		return err
	}, func(err error) {
		s.openBtn.Enable()
		if err == nil {
			s.session = sess
		}
		if err != nil {
			s.openMsg.SetText(errText(err))
			var e *store.Error
			if errors.As(err, &e) && e.Code == "counter_busy" && s.app.officer.Role == store.RoleAdmin {
				s.takeBtn.Show()
			}
			return
		}
		s.app.fa.Preferences().SetString(lastCounterPref, c.ID)
		s.counterName.Text = c.Label()
		s.showWork()
		s.apply(snap)
		s.say("Loket dibuka. Tekan F1 untuk memanggil nomor berikutnya.", false)
		s.startTimers()
	})
}

func (s *counterScreen) showWork() {
	big := container.NewVBox(
		layout.NewSpacer(), // the number sits in the middle of the room above the buttons
		container.NewCenter(s.number),
		// The state and its clock share one label (two labels side
		// by side left a gap of two paddings), so the panel fits a
		// 768-pixel-high screen with the warning strip shown.
		s.serviceName, s.status,
		layout.NewSpacer(),
	)
	actions := container.NewGridWithColumns(3, s.bRecall, s.bServe, s.bSkip, s.bTransfer, s.bFinish,
		container.NewGridWithColumns(2, s.integ.bPause, s.bClose))
	nextRow := container.NewGridWithRows(1, s.bNext, s.bRegister)
	current := card("NOMOR SAAT INI", container.NewBorder(nil, container.NewVBox(nextRow, actions), nil, nil, big))
	msg := card("", s.message)
	left := container.NewBorder(nil, msg, nil, nil, current)
	waiting := card("ANTREAN MENUNGGU", container.NewVScroll(s.waitingBox))
	todayBtns := container.NewHBox(layout.NewSpacer(), s.integ.bCallThis, s.bReactivate, s.bCancel)
	today := card("NOMOR HARI INI", container.NewBorder(nil, todayBtns, nil, nil, s.table))
	right := container.NewVSplit(waiting, today)
	right.Offset = 0.4
	split := container.NewHSplit(left, right)
	// A little more than half for the lists: the service names in the
	// table are read whole on a 1366-pixel monitor.
	split.Offset = 0.48
	band := canvas.NewRectangle(colGold)
	band.SetMinSize(fyne.NewSize(0, 4))
	hdrBg := canvas.NewRectangle(colNavy)
	counterHdr := container.NewStack(hdrBg, container.NewPadded(container.NewHBox(s.counterName)))
	s.root.Objects = []fyne.CanvasObject{container.NewBorder(container.NewVBox(counterHdr, band), nil, nil, nil, split)}
	s.root.Refresh()
}

// load reads everything the working panel shows, with the current ticket
// of counterID (none when ""). It runs off the UI thread and so reads no
// screen state: the caller captures the counter on the UI thread.
func (s *counterScreen) load(ctx context.Context, counterID string) (snapshot, error) {
	var snap snapshot
	var err error
	if snap.waiting, err = s.app.svc.WaitingCounts(ctx); err != nil {
		return snap, err
	}
	if snap.tickets, err = s.app.svc.TicketsToday(ctx); err != nil {
		return snap, err
	}
	if counterID != "" {
		cur, err := s.app.svc.CurrentTicket(ctx, counterID)
		if err != nil && err != store.ErrNotFound && !isNotFound(err) {
			return snap, err
		}
		snap.current = cur
	}
	return snap, nil
}

func isNotFound(err error) bool {
	e, ok := err.(*store.Error)
	return ok && e.Code == "not_found"
}

func (s *counterScreen) counterOf(id string) (store.Counter, bool) {
	for _, c := range s.counters {
		if c.ID == id {
			return c, true
		}
	}
	return store.Counter{}, false
}

func (s *counterScreen) serviceOf(id string) store.Service {
	for _, sv := range s.services {
		if sv.ID == id {
			return sv
		}
	}
	return store.Service{Name: "(layanan dihapus)"}
}

// apply shows a snapshot. UI thread only.
func (s *counterScreen) apply(snap snapshot) {
	s.snap = snap
	cur := snap.current
	if cur.ID == "" {
		s.number.Text = "—"
		s.number.Color = colLine
		s.serviceName.SetText("Belum ada nomor dipanggil")
		s.statusText = ""
	} else {
		s.number.Text = cur.Code()
		s.number.Color = colNavy
		name := s.serviceOf(cur.ServiceID).Name
		if cur.IsPriority() {
			name += "  ·  Prioritas: " + store.PriorityLabel(cur.Priority)
		}
		s.serviceName.SetText(name)
		st := store.StatusLabel(cur.Status)
		if cur.CallCount > 1 {
			st += fmt.Sprintf(" · dipanggil %d kali", cur.CallCount)
		}
		s.statusText = st
	}
	s.number.Refresh()
	s.tickElapsed()
	s.fitColumns()
	has := cur.ID != ""
	setEnabled(s.bRecall, has)
	setEnabled(s.bSkip, has && cur.Status == store.StatusCalled)
	setEnabled(s.bServe, has && cur.Status == store.StatusCalled)
	setEnabled(s.bTransfer, has)
	setEnabled(s.bFinish, has)
	setEnabled(s.bRegister, has)
	setEnabled(s.bNext, !has || cur.Status == store.StatusServing)

	mine := map[string]bool{}
	for _, id := range s.session.ServiceIDs {
		mine[id] = true
	}
	s.waitRows.show(s.waitingBox, s.activeServices(), mine, snap.waiting)
	if s.selected >= len(snap.tickets) {
		s.selected = -1
	}
	s.table.Refresh()
	s.updateRowButtons()
}

func setEnabled(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

// tickElapsed shows how long the current visitor has been called or served.
func (s *counterScreen) tickElapsed() {
	cur := s.snap.current
	if cur.ID == "" {
		s.status.SetText(s.statusText)
		return
	}
	since := cur.CalledAt
	if cur.Status == store.StatusServing && !cur.ServedAt.IsZero() {
		since = cur.ServedAt
	}
	d := s.app.Now().Sub(since)
	if d < 0 {
		d = 0
	}
	s.status.SetText(fmt.Sprintf("%s · sejak %s · %02d:%02d", s.statusText, since.In(s.app.office.Location()).Format("15:04"),
		int(d.Minutes()), int(d.Seconds())%60))
}

func (s *counterScreen) startTimers() {
	if !s.app.Live {
		return
	}
	// The goroutine lives for this session: it keeps its counter, its
	// stop channel and the officer's context (logout ends it too), read
	// here on the UI thread.
	stop, ctx, counterID := s.stop, s.app.ctx(), s.liveCounterID()
	go func() {
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-ctx.Done():
				return
			case <-tick.C:
				fyne.Do(s.tickElapsed)
			case <-s.dirty:
				// Coalesce a burst of events into one reload.
				time.Sleep(150 * time.Millisecond)
				select {
				case <-s.dirty:
				default:
				}
				s.refreshFromEvents(ctx, counterID, stop)
			}
		}
	}()
}

// liveCounterID is the open session's counter, "" when none is open
// (read on the UI thread, handed to load).
func (s *counterScreen) liveCounterID() string {
	if c, ok := s.counterOf(s.session.CounterID); ok {
		return c.ID
	}
	return ""
}

// refreshSoon asks for a reload; safe from any goroutine.
func (s *counterScreen) refreshSoon() {
	select {
	case s.dirty <- struct{}{}:
	default:
	}
}

// say shows a line under the current number; errors in red.
func (s *counterScreen) say(msg string, isErr bool) {
	if isErr {
		s.message.Importance = widget.DangerImportance
	} else {
		s.message.Importance = widget.MediumImportance
	}
	s.message.SetText(msg)
}

// act runs one queue operation, then shows its outcome (afterAct), then
// reports.
func (s *counterScreen) act(op func(ctx context.Context) (store.Ticket, error), ok func(store.Ticket) string) {
	var t store.Ticket
	var show func()
	var opErr error
	if s.acting {
		s.ignored = true
		s.say("Perintah sebelumnya masih diproses; tunggu sebentar.", false)
		return
	}
	s.acting = true // ignored is false here: the answer below and close clear it
	counterID := s.liveCounterID()
	// The action buttons are off until the answer is in (call turns them
	// back on; apply then sets them for the new state).
	s.app.call(s.app.ctx(), func(ctx context.Context) error {
		t, opErr = op(ctx)
		var err error
		show, err = s.afterAct(ctx, counterID, t, opErr)
		return err
	}, func(err error) {
		s.acting = false
		if err == nil {
			show()
		}
		switch {
		case opErr != nil:
			s.say(errText(opErr), true)
		case err != nil:
			s.say(errText(err), true)
		case s.ignored:
			s.say(ok(t)+" Tombol yang ditekan selama proses tadi diabaikan; tekan lagi bila perlu.", false)
		default:
			s.say(ok(t), false)
		}
		s.ignored = false
	}, s.bNext, s.bRecall, s.bServe, s.bSkip, s.bTransfer, s.bFinish, s.bRegister)
}

func (s *counterScreen) counterLabel() string {
	c, _ := s.counterOf(s.session.CounterID)
	return c.Label()
}

func (s *counterScreen) onCallNext() {
	sess := s.session.ID
	s.act(func(ctx context.Context) (store.Ticket, error) { return s.app.svc.CallNext(ctx, sess) },
		func(t store.Ticket) string {
			s.pauseEnded() // a call ends the pause
			return fmt.Sprintf("Memanggil %s ke %s.", t.Code(), s.counterLabel())
		})
}

func (s *counterScreen) currentID() string { return s.snap.current.ID }

func (s *counterScreen) needCurrent() bool {
	if s.currentID() == "" {
		s.say("Belum ada nomor yang dipanggil. Tekan F1 untuk memanggil.", true)
		return false
	}
	return true
}

func (s *counterScreen) onRecall() {
	if !s.needCurrent() {
		return
	}
	id := s.currentID()
	sess := s.session.ID
	s.act(func(ctx context.Context) (store.Ticket, error) { return s.app.svc.Recall(ctx, sess, id) },
		func(t store.Ticket) string {
			return fmt.Sprintf("Memanggil ulang %s (panggilan ke-%d).", t.Code(), t.CallCount)
		})
}

func (s *counterScreen) onServe() {
	if !s.needCurrent() {
		return
	}
	id := s.currentID()
	sess := s.session.ID
	s.act(func(ctx context.Context) (store.Ticket, error) { return s.app.svc.StartServing(ctx, sess, id) },
		func(t store.Ticket) string { return fmt.Sprintf("%s sedang dilayani.", t.Code()) })
}

func (s *counterScreen) onSkip() {
	if !s.needCurrent() {
		return
	}
	id := s.currentID()
	sess := s.session.ID
	s.act(func(ctx context.Context) (store.Ticket, error) { return s.app.svc.Skip(ctx, sess, id) },
		func(t store.Ticket) string {
			return fmt.Sprintf("%s dilewati (tidak hadir). Dapat diaktifkan kembali dari daftar bila pengunjung datang.", t.Code())
		})
}

func (s *counterScreen) onFinish() {
	if !s.needCurrent() {
		return
	}
	id := s.currentID()
	sess := s.session.ID
	s.act(func(ctx context.Context) (store.Ticket, error) { return s.app.svc.Finish(ctx, sess, id) },
		func(t store.Ticket) string { return fmt.Sprintf("%s selesai dilayani.", t.Code()) })
}

// transferTargets are the active services a ticket can be handed to.
func (s *counterScreen) transferTargets() []store.Service {
	var out []store.Service
	for _, sv := range s.activeServices() {
		if sv.ID != s.snap.current.ServiceID {
			out = append(out, sv)
		}
	}
	return out
}

func (s *counterScreen) onTransfer() {
	if !s.needCurrent() {
		return
	}
	targets := s.transferTargets()
	if len(targets) == 0 {
		s.say("Tidak ada layanan lain yang aktif untuk tujuan pengalihan.", true)
		return
	}
	var opts []string
	for _, sv := range targets {
		opts = append(opts, serviceOption(sv))
	}
	sel := widget.NewSelect(opts, nil)
	sel.SetSelected(opts[0])
	dialog.ShowForm("Alihkan "+s.snap.current.Code(), "Alihkan", "Batal",
		[]*widget.FormItem{widget.NewFormItem("Ke layanan", sel)}, func(ok bool) {
			if !ok {
				return
			}
			for _, sv := range targets {
				if serviceOption(sv) == sel.Selected {
					s.transferTo(sv.ID)
				}
			}
		}, s.app.win)
}

// transferTo hands the current ticket to another service.
func (s *counterScreen) transferTo(serviceID string) {
	id := s.currentID()
	to := s.serviceOf(serviceID)
	sess := s.session.ID
	s.act(func(ctx context.Context) (store.Ticket, error) {
		return s.app.svc.Transfer(ctx, sess, id, serviceID)
	}, func(t store.Ticket) string {
		return fmt.Sprintf("%s dialihkan ke %s dan tetap pada urutan kedatangannya.", t.Code(), to.Name)
	})
}

// onRegister opens the visitor registration for the current ticket; the
// visitor is being served from then on.
func (s *counterScreen) onRegister() {
	if !s.needCurrent() {
		return
	}
	cur := s.snap.current
	if cur.Status == store.StatusCalled {
		s.onServe()
	}
	s.app.openRegister(s.session, cur)
}

func (s *counterScreen) onClose() {
	id := s.session.ID
	s.app.run(func(ctx context.Context) error { return s.app.svc.CloseCounter(ctx, id) }, func(err error) {
		if err != nil {
			s.say(errText(err), true)
			return
		}
		s.close()
		s.showOpen()
	})
}

// close stops the screen's timers; the session stays as the store has it.
func (s *counterScreen) close() {
	select {
	case <-s.stop:
	default:
		close(s.stop)
	}
	s.stop = make(chan struct{})
	s.session = store.CounterSession{}
	s.acting, s.ignored = false, false
	s.pauseEnded() // a closed session's pause ended with it
}

func (s *counterScreen) selectedTicket() (store.Ticket, bool) {
	if s.selected < 0 || s.selected >= len(s.snap.tickets) {
		return store.Ticket{}, false
	}
	return s.snap.tickets[s.rowIndex(s.selected)], true
}

func (s *counterScreen) updateRowButtons() {
	t, ok := s.selectedTicket()
	setEnabled(s.bReactivate, ok && t.Status == store.StatusNoShow)
	setEnabled(s.bCancel, ok && (t.Status == store.StatusWaiting || t.Status == store.StatusNoShow))
	s.updateIntegrityRow()
}

func (s *counterScreen) onReactivate() {
	t, ok := s.selectedTicket()
	if !ok {
		return
	}
	s.act(func(ctx context.Context) (store.Ticket, error) {
		return s.app.svc.Reactivate(ctx, s.app.officerID(), t.ID)
	},
		func(t store.Ticket) string {
			return fmt.Sprintf("%s kembali masuk antrean pada urutan semula.", t.Code())
		})
}

func (s *counterScreen) onCancel() {
	t, ok := s.selectedTicket()
	if !ok {
		return
	}
	reason := widget.NewEntry()
	reason.SetPlaceHolder("contoh: pengunjung pulang")
	dialog.ShowForm("Batalkan "+t.Code()+"?", "Batalkan Nomor", "Kembali",
		[]*widget.FormItem{widget.NewFormItem("Alasan", reason)}, func(ok bool) {
			if ok {
				s.cancelTicket(t.ID, reason.Text)
			}
		}, s.app.win)
}

func (s *counterScreen) cancelTicket(id, reason string) {
	s.act(func(ctx context.Context) (store.Ticket, error) {
		return s.app.svc.Cancel(ctx, s.app.officerID(), id, reason)
	},
		func(t store.Ticket) string { return fmt.Sprintf("%s dibatalkan.", t.Code()) })
}

// onKey maps the function keys the officers know by heart.
func (s *counterScreen) onKey(ev *fyne.KeyEvent) {
	if s.session.ID == "" {
		return
	}
	switch ev.Name {
	case fyne.KeyF1:
		s.onCallNext()
	case fyne.KeyF2:
		s.onRecall()
	case fyne.KeyF3:
		s.onSkip()
	case fyne.KeyF4:
		s.onTransfer()
	case fyne.KeyF5:
		s.onFinish()
	case fyne.KeyF6:
		s.onServe()
	case fyne.KeyF7:
		s.onRegister()
	}
}

// The today table shows the newest tickets first. The widths are the
// least each column takes; Layanan and Prioritas are then sized to what
// they hold (fitColumns).
var tableCols = []struct {
	title string
	width float32
}{{"Nomor", 72}, {"Layanan", 190}, {"Prioritas", 100}, {"Status", 100}, {"Ambil", 60}, {"Loket", 56}}

// Table columns sized by content.
const (
	colService  = 1
	colPriority = 2
	// maxServiceCol keeps a very long service name from pushing Status,
	// Ambil and Loket out of a half-screen table (it is cut with "…")
	// while the table's width is not known yet.
	maxServiceCol = 320
)

// fitColumns gives every column the width of what it holds: Layanan the
// longest service name (as far as the table's width allows once the
// others have theirs), Prioritas its longest label in today's tickets
// (or its title when none has one), so names are read whole and an
// empty column takes no more than its title.
func (s *counterScreen) fitColumns() {
	if s.table == nil {
		return
	}
	for i, w := range s.columnWidths() {
		s.table.SetColumnWidth(i, w)
	}
}

// columnWidths is the width of each column for what it holds.
func (s *counterScreen) columnWidths() []float32 {
	pad := 2 * theme.InnerPadding() // a label's own padding
	width := func(bold bool, texts ...string) float32 {
		w := float32(0)
		for _, t := range texts {
			w = max(w, fyne.MeasureText(t, theme.TextSize(), fyne.TextStyle{Bold: bold}).Width+pad)
		}
		return w
	}
	out := make([]float32, len(tableCols))
	for i, c := range tableCols {
		out[i] = width(true, c.title)
	}
	out[0] = max(out[0], width(true, "A000"))
	var names, prios, states []string
	for _, sv := range s.services {
		names = append(names, sv.Name)
	}
	for _, t := range s.snap.tickets {
		if t.IsPriority() {
			prios = append(prios, store.PriorityLabel(t.Priority))
		}
		states = append(states, store.StatusLabel(t.Status))
	}
	out[colService] = max(out[colService], width(false, names...))
	out[colPriority] = max(out[colPriority], width(false, prios...))
	out[3] = max(out[3], width(false, states...))
	out[4] = max(out[4], width(false, "00:00"))
	room := float32(maxServiceCol)
	if w := s.table.Size().Width; w > 0 {
		others := float32(len(out)) * theme.Padding() // the lines between the columns
		for i, x := range out {
			if i != colService {
				others += x
			}
		}
		room = max(w-others, width(true, tableCols[colService].title))
	}
	out[colService] = min(out[colService], room)
	return out
}

func (s *counterScreen) rowIndex(row int) int { return len(s.snap.tickets) - 1 - row }

func (s *counterScreen) newTable() *widget.Table {
	t := widget.NewTableWithHeaders(
		func() (int, int) { return len(s.snap.tickets), len(tableCols) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			if id.Row >= len(s.snap.tickets) {
				l.SetText("")
				return
			}
			tk := s.snap.tickets[s.rowIndex(id.Row)]
			l.TextStyle.Bold = id.Col == 0
			l.SetText(s.cell(tk, id.Col))
		})
	t.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		if id.Row < 0 && id.Col >= 0 {
			l.SetText(tableCols[id.Col].title)
		} else {
			l.SetText("")
		}
	}
	t.ShowHeaderColumn = false
	for i, c := range tableCols {
		t.SetColumnWidth(i, c.width)
	}
	t.OnSelected = func(id widget.TableCellID) {
		s.selected = id.Row
		s.updateRowButtons()
	}
	t.OnUnselected = func(widget.TableCellID) {
		s.selected = -1
		s.updateRowButtons()
	}
	return t
}

func (s *counterScreen) cell(t store.Ticket, col int) string {
	switch col {
	case 0:
		return t.Code()
	case 1:
		return s.serviceOf(t.ServiceID).Name
	case 2:
		return store.PriorityLabel(t.Priority)
	case 3:
		return store.StatusLabel(t.Status)
	case 4:
		return t.IssuedAt.In(s.app.office.Location()).Format("15:04")
	case 5:
		if c, ok := s.counterOf(t.CounterID); ok {
			return fmt.Sprint(c.Number)
		}
	}
	return ""
}

// waitingSummary is the waiting count text for a service (used in tests
// and the status line).
func (s *counterScreen) waitingSummary() string {
	var parts []string
	for _, sv := range s.activeServices() {
		parts = append(parts, fmt.Sprintf("%s:%d", sv.Prefix, s.snap.waiting[sv.ID]))
	}
	sort.Strings(parts)
	return strings.Join(parts, " ")
}
