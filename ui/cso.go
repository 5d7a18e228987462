package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"loket/office"
	"loket/pii"
	"loket/store"
)

// csoScreen is the CSO's consultation log (Standar Pelayanan "Layanan
// Konsultasi Stakeholder"). It is laid out for a 1366x768 counter monitor:
// on the left the overdue band (cso_overdue.go), the list of items, the
// Kepala Seksi's response to the open one or else the earlier answers
// that match its question (cso_suggest.go); on the right the form
// (cso_form.go) with the question and the answer side by side with the
// stakeholder's data, and the status actions. The dialogs that collect
// what an action needs live in cso_dialogs.go.
type csoScreen struct {
	app *App
	// ctx is cancelled when the screen closes (logout), so a look-up
	// still running then is abandoned.
	ctx    context.Context
	cancel context.CancelFunc
	board  office.CSOBoard
	cats   []store.CSOCategory
	kasis  []store.Officer
	cur    store.Consultation // ID empty: a new one being typed
	stop   chan struct{}
	dirty  chan struct{}

	form    *csoForm
	sugg    *csoSuggestions
	overdue *csoOverdue

	openList   *widget.List // overdue items first, in red
	cbList     *widget.List
	recentList *widget.List
	listTabs   *container.AppTabs

	// kasiNote is the Kepala Seksi's response (or the pending
	// escalation) of the open item, wrapped in a box of its own.
	kasiNote *widget.Label
	kasiBox  *fyne.Container
	suggBox  fyne.CanvasObject

	history  *widget.Label
	noteText *widget.Entry

	newBtn, saveBtn, answerBtn, escalateBtn, docsBtn, resolveBtn, closeBtn, historyBtn *widget.Button
	message                                                                            *widget.Label
	autoClosed                                                                         *widget.Label

	// dialog is the form dialog last opened (tests reach its fields).
	dialog *formDialog
}

func newCSOScreen(a *App) *csoScreen {
	s := &csoScreen{app: a, stop: make(chan struct{}), dirty: make(chan struct{}, 1)}
	s.ctx, s.cancel = context.WithCancel(s.app.ctx()) // ends at logout too
	s.form = newCSOForm(s)
	s.sugg = newCSOSuggestions(s)
	s.overdue = newCSOOverdue(func() {
		if len(s.board.Overdue) > 0 {
			s.open(s.board.Overdue[0].ID)
		}
	})
	s.build()
	return s
}

// newItemRow is a two-line list row: what and when on top, subject and
// stakeholder below.
func newItemRow() fyne.CanvasObject {
	top := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	top.Truncation = fyne.TextTruncateEllipsis
	sub := widget.NewLabel("")
	sub.Truncation = fyne.TextTruncateEllipsis
	return container.New(layout.NewCustomPaddedVBoxLayout(-14), top, sub)
}

// setItemRow fills a row made by newItemRow.
func setItemRow(o fyne.CanvasObject, top, sub string, imp widget.Importance) {
	objs := o.(*fyne.Container).Objects
	t, b := objs[0].(*widget.Label), objs[1].(*widget.Label)
	t.Importance = imp
	t.SetText(top)
	b.SetText(sub)
}

// openItems is the "Terbuka" list: overdue items first, then the others.
func (s *csoScreen) openItems() []store.Consultation {
	return append(append([]store.Consultation(nil), s.board.Overdue...), s.board.Open...)
}

func (s *csoScreen) build() {
	s.openList = widget.NewList(func() int { return len(s.board.Overdue) + len(s.board.Open) }, newItemRow,
		func(i widget.ListItemID, o fyne.CanvasObject) {
			items := s.openItems()
			if i >= len(items) {
				return
			}
			imp := widget.MediumImportance
			if i < len(s.board.Overdue) {
				imp = widget.DangerImportance
			}
			top, sub := s.rowText(items[i])
			setItemRow(o, top, sub, imp)
		})
	s.openList.OnSelected = func(i widget.ListItemID) {
		if items := s.openItems(); i < len(items) {
			s.open(items[i].ID)
		}
		s.openList.UnselectAll()
	}
	s.cbList = widget.NewList(func() int { return len(s.board.Callbacks) }, newItemRow,
		func(i widget.ListItemID, o fyne.CanvasObject) {
			cb := s.board.Callbacks[i]
			imp := widget.MediumImportance
			if s.app.Now().After(cb.DueAt) {
				imp = widget.DangerImportance
			}
			who := firstText(cb.StakeholderName, cb.SatkerName)
			setItemRow(o, fmt.Sprintf("Hubungi %s · %s", s.short(cb.DueAt), pii.Mask(cb.Phone)),
				fmt.Sprintf("%s · %s · %s", who, cb.ConsultationNumber, cb.Note), imp)
		})
	s.cbList.OnSelected = func(i widget.ListItemID) { s.onCallbackDialog(s.board.Callbacks[i]); s.cbList.UnselectAll() }
	s.recentList = widget.NewList(func() int { return len(s.board.Recent) }, newItemRow,
		func(i widget.ListItemID, o fyne.CanvasObject) {
			top, sub := s.rowText(s.board.Recent[i])
			setItemRow(o, top, sub, widget.MediumImportance)
		})
	s.recentList.OnSelected = func(i widget.ListItemID) { s.open(s.board.Recent[i].ID); s.recentList.UnselectAll() }

	s.kasiNote = widget.NewLabel("")
	s.kasiNote.Wrapping = fyne.TextWrapWord
	s.kasiNote.Importance = widget.HighImportance
	s.kasiNote.TextStyle.Bold = true

	s.history = widget.NewLabel("")
	s.history.Wrapping = fyne.TextWrapWord
	s.noteText = widget.NewEntry()
	s.noteText.SetPlaceHolder("Progres yang disampaikan ke stakeholder (wajib berkala)")

	s.newBtn = widget.NewButtonWithIcon("Konsultasi baru", theme.ContentAddIcon(), s.onNew)
	s.newBtn.Importance = widget.HighImportance
	s.saveBtn = widget.NewButtonWithIcon("Simpan", theme.DocumentSaveIcon(), s.onSave)
	s.answerBtn = widget.NewButton("Jawab", func() { s.act(store.ConsultationAction{To: store.CSODijawab}, nil) })
	s.answerBtn.Importance = widget.HighImportance
	s.resolveBtn = widget.NewButton("Selesai", func() { s.act(store.ConsultationAction{To: store.CSOResolved}, nil) })
	s.resolveBtn.Importance = widget.SuccessImportance
	s.escalateBtn = widget.NewButton("Eskalasi ke Kasi…", s.onEscalateDialog)
	s.docsBtn = widget.NewButton("Minta dokumen…", s.onDocsDialog)
	s.closeBtn = widget.NewButton("Tutup…", s.onCloseDialog)
	s.historyBtn = widget.NewButtonWithIcon("Riwayat", theme.HistoryIcon(), s.onHistoryDialog)
	s.message = widget.NewLabel("")
	s.message.Wrapping = fyne.TextWrapWord
	s.message.Hide() // shown with the first thing to say
	s.autoClosed = widget.NewLabel("")
	s.autoClosed.Importance = widget.LowImportance
	s.autoClosed.Truncation = fyne.TextTruncateEllipsis
}

// kasiBoxMax is the most height the Kepala Seksi's response takes on the
// left (about ten wrapped lines at the list's width): a usual response is
// shown whole; a longer one scrolls inside its box rather than push the
// form off a 768-pixel screen.
const kasiBoxMax = 220

func (s *csoScreen) content() fyne.CanvasObject {
	s.listTabs = container.NewAppTabs(
		container.NewTabItem("Terbuka", s.openList),
		container.NewTabItem("Hubungi kembali", s.cbList),
		container.NewTabItem("Selesai", s.recentList),
	)
	s.kasiBox = container.NewStack(card("TANGGAPAN KEPALA SEKSI",
		container.New(&fitHeight{max: kasiBoxMax, text: s.kasiNote}, container.NewVScroll(s.kasiNote))))
	s.kasiBox.Hide()
	var adminBtn fyne.CanvasObject = layout.NewSpacer()
	if s.app.officer.Role == store.RoleAdmin {
		adminBtn = widget.NewButtonWithIcon("Pengaturan", theme.SettingsIcon(), s.onSettingsDialog)
	}
	bottomRow := container.NewBorder(nil, nil, s.newBtn, adminBtn, s.autoClosed)
	// The Kepala Seksi's response to the open item takes the place of
	// the earlier answers: the CSO has the Kasi's word for this one.
	s.suggBox = s.sugg.content()
	left := container.NewBorder(s.overdue.content(), container.NewVBox(s.kasiBox, s.suggBox, bottomRow), nil, nil,
		card("DAFTAR KONSULTASI", s.listTabs))

	actions := container.NewHBox(s.saveBtn, s.answerBtn, s.resolveBtn, layout.NewSpacer(),
		s.escalateBtn, s.docsBtn, s.closeBtn, s.historyBtn)
	right := container.NewPadded(s.form.content(s.message, actions))
	rightCard := container.NewStack(cardBackground(), right)

	split := container.NewHSplit(left, rightCard)
	split.Offset = 0.3
	return split
}

// cardBackground is the white rounded panel behind a card.
func cardBackground() fyne.CanvasObject {
	bg := canvas.NewRectangle(colCard)
	bg.StrokeColor = colLine
	bg.StrokeWidth = 1
	bg.CornerRadius = 6
	return bg
}

// start loads the categories, officers and the board and starts the timers.
func (s *csoScreen) start() {
	s.onNew()
	s.refresh()
	if !s.app.Live {
		return
	}
	stop, dirty, ctx := s.stop, s.dirty, s.ctx
	go func() {
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		n := 0
		for {
			select {
			case <-stop:
				return
			case <-ctx.Done(): // logout
				return
			case <-dirty:
				fyne.Do(s.refresh)
			case <-tick.C:
				n++
				fyne.Do(s.tick)
				if n%60 == 0 { // overdue and auto-close move with the clock
					fyne.Do(s.refresh)
				}
			}
		}
	}()
}

func (s *csoScreen) close() {
	select {
	case <-s.stop:
	default:
		close(s.stop)
		s.cancel()
		s.form.satkerLookup.stop()
		s.sugg.search.stop()
	}
}

// refreshSoon asks for a reload after a change elsewhere (event stream).
func (s *csoScreen) refreshSoon() {
	select {
	case s.dirty <- struct{}{}:
	default:
	}
}

// refresh reloads the board (closing answered items left without reply).
func (s *csoScreen) refresh() {
	var b office.CSOBoard
	var cats []store.CSOCategory
	var offs []store.Officer
	s.app.call(s.ctx, func(ctx context.Context) error {
		var err error
		if cats, err = s.app.svc.CSOCategories(ctx); err != nil {
			return err
		}
		if offs, err = s.app.svc.Officers(ctx); err != nil {
			return err
		}
		b, err = s.app.svc.CSOBoard(ctx)
		return err
	}, func(err error) {
		if s.closed() {
			return
		}
		if err != nil {
			s.say(errText(err), true)
			return
		}
		s.board, s.cats = b, cats
		s.kasis = s.kasis[:0]
		for _, o := range offs {
			if o.Role == store.RoleKasi && o.Active {
				s.kasis = append(s.kasis, o)
			}
		}
		s.form.fillCategories(s.cats, s.cur.Category)
		s.showBoard()
	})
}

// closed tells a late answer that the screen is gone (the officer logged
// out while it ran).
func (s *csoScreen) closed() bool { return s.ctx.Err() != nil }

func (s *csoScreen) showBoard() {
	s.overdue.show(s.board.Overdue)
	s.openList.Refresh()
	s.cbList.Refresh()
	s.recentList.Refresh()
	if s.listTabs != nil {
		s.listTabs.Items[0].Text = fmt.Sprintf("Terbuka (%d)", len(s.board.Open)+len(s.board.Overdue))
		s.listTabs.Items[1].Text = fmt.Sprintf("Hubungi kembali (%d)", len(s.board.Callbacks))
		s.listTabs.Refresh()
	}
	if s.board.AutoClosed > 0 {
		s.autoClosed.SetText(fmt.Sprintf("%d dijawab ditutup otomatis (tanpa balasan).", s.board.AutoClosed))
	}
}

func (s *csoScreen) categoryID(name string) string {
	for _, c := range s.cats {
		if c.Name == name {
			return c.ID
		}
	}
	return ""
}

func (s *csoScreen) categoryName(id string) string {
	for _, c := range s.cats {
		if c.ID == id {
			return c.Name
		}
	}
	return ""
}

func channelCode(label string) string {
	for _, c := range store.Channels() {
		if store.ChannelLabel(c) == label {
			return c
		}
	}
	return ""
}

// rowText describes an item for the lists: number, status and deadline;
// then category, stakeholder and the question's start.
func (s *csoScreen) rowText(c store.Consultation) (top, sub string) {
	return s.app.consultationRow(c)
}

func (a *App) consultationRow(c store.Consultation) (top, sub string) {
	// The number as the detail, the letter and the report show it: one
	// item has one id on every screen. The deadline goes to the second
	// line so the full number keeps room on the first.
	top = c.Number + " · " + consultStatus(c)
	if c.NeedsProgress {
		top += " · PERLU PROGRES"
	}
	who := c.Visitor.Name
	if c.Visitor.SatkerCode != "" {
		who = strings.TrimSpace(c.Visitor.SatkerCode + " " + c.Visitor.Name)
	}
	sub = fmt.Sprintf("%s · %s · %s", c.CategoryName, firstText(who, "—"), oneLine(c.Question))
	if store.IsOpenCSOStatus(c.Status) {
		sub = "tenggat " + a.shortTime(c.DueAt) + " · " + sub
	}
	return top, sub
}

// consultStatus is the status an officer reads: an item the Kepala Seksi
// has answered is back with the CSO ("Baru" in the store, so it counts as
// awaiting an answer), and says so rather than look untouched.
func consultStatus(c store.Consultation) string {
	if c.Status == store.CSOBaru && c.KasiResponse != "" {
		return "Dikembalikan Kasi"
	}
	return store.CSOStatusLabel(c.Status)
}

func (s *csoScreen) short(t time.Time) string { return s.app.shortTime(t) }

// shortTime is "Kam 26/11 17:00" in the office's zone, for lists (HH:MM
// with a colon, as the counter, the display and the kiosk write times).
func (a *App) shortTime(t time.Time) string {
	t = t.In(a.office.Location())
	return fmt.Sprintf("%s %02d/%02d %02d:%02d", hariID[t.Weekday()][:3], t.Day(), int(t.Month()), t.Hour(), t.Minute())
}

func firstText(xs ...string) string {
	for _, x := range xs {
		if strings.TrimSpace(x) != "" {
			return x
		}
	}
	return "—"
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func firstTime(ts ...time.Time) time.Time {
	for _, t := range ts {
		if !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}

// onNew clears the form for a new consultation; one started while the
// counter has a ticket called is linked to it.
func (s *csoScreen) onNew() {
	s.cur = store.Consultation{}
	s.form.clear()
	s.form.fillCategories(s.cats, "")
	s.noteText.SetText("")
	s.showKasiNote("")
	s.history.SetText("Belum ada riwayat.")
	s.historyBtn.SetText("Riwayat")
	s.sugg.clear()
	s.setButtons()
	s.tick()
}

// open loads one consultation into the form.
func (s *csoScreen) open(id string) {
	s.loadConsultation(id, func(c store.Consultation) {
		s.show(c)
		s.say("", false)
	})
}

// loadConsultation reads consultation id off the UI thread and hands it to
// apply on it, unless the screen closed meanwhile; a failure is said on
// the screen.
func (s *csoScreen) loadConsultation(id string, apply func(store.Consultation)) {
	var c store.Consultation
	s.app.call(s.ctx, func(ctx context.Context) error {
		var err error
		c, err = s.app.svc.Consultation(ctx, id)
		return err
	}, func(err error) {
		if s.closed() {
			return
		}
		if err != nil {
			s.say(errText(err), true)
			return
		}
		apply(c)
	})
}

func (s *csoScreen) show(c store.Consultation) {
	s.cur = c
	s.form.fillCategories(s.cats, c.Category)
	s.form.fill(c, firstText(s.categoryName(c.Category), c.CategoryName))
	s.noteText.SetText("")
	switch {
	case c.KasiResponse != "":
		s.showKasiNote("Tanggapan " + c.EscalatedToName + " untuk " + c.Number + ": " + c.KasiResponse)
	case c.Status == store.CSOEskalasi:
		s.showKasiNote("Menunggu tanggapan " + c.EscalatedToName + " untuk " + c.Number + ". Alasan: " + c.EscalationReason)
	default:
		s.showKasiNote("")
	}
	var lines []string
	for _, n := range c.Notes {
		who := firstText(n.OfficerName, "sistem")
		lines = append(lines, fmt.Sprintf("%s · %s · %s: %s", s.short(n.CreatedAt), noteLabel(n.Kind), who, n.Body))
	}
	for _, cb := range c.Callbacks {
		state := "belum dilakukan"
		if !cb.DoneAt.IsZero() {
			state = "sudah (" + s.short(cb.DoneAt) + ")"
		}
		lines = append(lines, fmt.Sprintf("Janji hubungi kembali %s ke %s: %s", s.short(cb.DueAt), cb.Phone, state))
	}
	if len(lines) == 0 {
		lines = []string{"Belum ada riwayat."}
	}
	s.history.SetText(strings.Join(lines, "\n"))
	s.historyBtn.SetText(fmt.Sprintf("Riwayat (%d)", len(c.Notes)+len(c.Callbacks)))
	s.sugg.clear()
	s.setButtons()
	s.tick()
}

// showKasiNote shows the Kepala Seksi's word on the open item above the
// list, or takes the box away when there is none.
func (s *csoScreen) showKasiNote(text string) {
	s.kasiNote.SetText(text)
	if s.kasiBox == nil {
		return
	}
	if text == "" {
		s.kasiBox.Hide()
		s.suggBox.Show()
	} else {
		s.kasiBox.Show()
		s.suggBox.Hide()
		s.kasiBox.Refresh() // the wrapped height at the box's width
	}
}

func noteLabel(kind string) string {
	switch kind {
	case store.NoteProgress:
		return "Progres"
	case store.NoteAnswer:
		return "Jawaban"
	case store.NoteEscalation:
		return "Eskalasi"
	case store.NoteKasi:
		return "Tanggapan Kasi"
	case store.NoteDocuments:
		return "Minta dokumen"
	case store.NoteResolved:
		return "Selesai"
	case store.NoteClosed:
		return "Ditutup"
	case store.NoteCallback:
		return "Call back"
	}
	return kind
}

func fmtDateTime(t time.Time, zone string) string {
	return fmt.Sprintf("%s %02d:%02d %s", tanggal(t), t.Hour(), t.Minute(), zone)
}

func (s *csoScreen) setButtons() {
	saved := s.cur.ID != ""
	open := !saved || store.IsOpenCSOStatus(s.cur.Status)
	// A status can only move for something asked: on an empty new form
	// Jawab, Selesai, Eskalasi and Minta dokumen wait for the question.
	asked := saved || strings.TrimSpace(s.form.question.Text) != ""
	setEnabled(s.saveBtn, s.cur.Status != store.CSODitutup)
	setEnabled(s.answerBtn, open && asked)
	setEnabled(s.resolveBtn, open && asked)
	setEnabled(s.escalateBtn, open && asked && s.cur.Status != store.CSOEskalasi)
	setEnabled(s.docsBtn, open && asked)
	setEnabled(s.closeBtn, saved && s.cur.Status != store.CSODitutup)
	setEnabled(s.historyBtn, saved)
}

// tick updates the 20-minute service-norm timer of the form, and links a
// new consultation to the ticket the counter has just called.
func (s *csoScreen) tick() {
	if s.cur.ID == "" && s.form.ticketID == "" && s.app.counter != nil {
		if cur := s.app.counter.snap.current; cur.ID != "" {
			s.form.linkTicket(cur.ID, cur.Code())
		}
	}
	s.form.tick(s.cur, s.app.Now())
}

func (s *csoScreen) say(msg string, isErr bool) {
	s.message.Importance = widget.MediumImportance
	if isErr {
		s.message.Importance = widget.DangerImportance
	}
	s.message.SetText(msg)
	if msg == "" {
		s.message.Hide() // takes no room under the satker's name
	} else {
		s.message.Show()
	}
}
