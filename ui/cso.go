package ui

import (
	"context"
	"fmt"
	"image/color"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"loket/office"
	"loket/store"
)

// suggestDelay is how long typing must pause before the knowledge search
// runs, so a fast typist does not send a query per key.
const suggestDelay = 400 * time.Millisecond

// csoScreen is the CSO's consultation log (Standar Pelayanan "Layanan
// Konsultasi Stakeholder"): overdue items on top, the open list, call
// backs, and the form of the selected consultation with its 20-minute
// timer, status actions and live suggestions from earlier answers.
type csoScreen struct {
	app   *App
	board office.CSOBoard
	cats  []store.CSOCategory
	kasis []store.Officer
	cur   store.Consultation // ID empty: a new one being typed
	begun time.Time          // when the new form was started (timer)
	stop  chan struct{}
	dirty chan struct{}

	overdueTitle *canvas.Text
	overdueList  *widget.List
	overdueBox   *fyne.Container
	overdueBg    *canvas.Rectangle
	overdueSize  *canvas.Rectangle
	openList     *widget.List
	cbList       *widget.List
	recentList   *widget.List
	listTabs     *container.AppTabs

	number     *widget.Label
	status     *widget.Label
	timer      *widget.Label
	due        *widget.Label
	ticket     *widget.Label
	channel    *widget.Select
	category   *widget.Select
	satker     *widget.Entry
	satkerName *widget.Label
	name       *widget.Entry
	phone      *widget.Entry
	email      *widget.Entry
	lapor      *widget.Entry
	question   *widget.Entry
	ident      *widget.Entry
	answer     *widget.Entry
	attach     *widget.Entry
	kasiNote   *widget.Label
	visitorID  string
	ticketID   string

	sugg        []store.AnswerSuggestion
	suggList    *widget.List
	suggPick    int
	useSugg     *widget.Button
	suggTimer   *time.Timer
	suggHeading *widget.Label
	suggSize    *canvas.Rectangle

	history  *widget.Label
	formTabs *container.AppTabs
	noteText *widget.Entry
	noteBtn  *widget.Button
	cbBtn    *widget.Button

	newBtn, saveBtn, answerBtn, escalateBtn, docsBtn, resolveBtn, closeBtn *widget.Button
	message                                                                *widget.Label
	autoClosed                                                             *widget.Label
}

func newCSOScreen(a *App) *csoScreen {
	s := &csoScreen{app: a, stop: make(chan struct{}), dirty: make(chan struct{}, 1), suggPick: -1}
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

func (s *csoScreen) build() {
	row := func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	s.overdueTitle = canvas.NewText("", colDanger)
	s.overdueTitle.TextStyle.Bold = true
	s.overdueTitle.TextSize = 14
	s.overdueList = widget.NewList(func() int { return len(s.board.Overdue) }, row,
		func(i widget.ListItemID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.Importance = widget.DangerImportance
			top, sub := s.rowText(s.board.Overdue[i])
			l.SetText(top + " · " + sub)
		})
	s.overdueList.OnSelected = func(i widget.ListItemID) { s.open(s.board.Overdue[i].ID); s.overdueList.UnselectAll() }
	s.openList = widget.NewList(func() int { return len(s.board.Open) }, newItemRow,
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := s.board.Open[i]
			top, sub := s.rowText(c)
			setItemRow(o, top, sub, widget.MediumImportance)
		})
	s.openList.OnSelected = func(i widget.ListItemID) { s.open(s.board.Open[i].ID); s.openList.UnselectAll() }
	s.cbList = widget.NewList(func() int { return len(s.board.Callbacks) }, newItemRow,
		func(i widget.ListItemID, o fyne.CanvasObject) {
			cb := s.board.Callbacks[i]
			imp := widget.MediumImportance
			if s.app.Now().After(cb.DueAt) {
				imp = widget.DangerImportance
			}
			who := firstText(cb.StakeholderName, cb.SatkerName)
			setItemRow(o, fmt.Sprintf("Hubungi %s · %s", s.short(cb.DueAt), cb.Phone),
				fmt.Sprintf("%s · %s · %s", who, shortNumber(cb.ConsultationNumber), cb.Note), imp)
		})
	s.cbList.OnSelected = func(i widget.ListItemID) { s.onCallbackDialog(s.board.Callbacks[i]); s.cbList.UnselectAll() }
	s.recentList = widget.NewList(func() int { return len(s.board.Recent) }, newItemRow,
		func(i widget.ListItemID, o fyne.CanvasObject) {
			top, sub := s.rowText(s.board.Recent[i])
			setItemRow(o, top, sub, widget.MediumImportance)
		})
	s.recentList.OnSelected = func(i widget.ListItemID) { s.open(s.board.Recent[i].ID); s.recentList.UnselectAll() }

	s.number = widget.NewLabelWithStyle("Konsultasi baru", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.status = widget.NewLabel("")
	s.timer = widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	s.due = widget.NewLabel("")
	s.due.Wrapping = fyne.TextWrapWord
	s.ticket = widget.NewLabel("")
	var labels []string
	for _, c := range store.Channels() {
		labels = append(labels, store.ChannelLabel(c))
	}
	s.channel = widget.NewSelect(labels, nil)
	s.channel.PlaceHolder = "Pilih kanal"
	s.category = widget.NewSelect(nil, nil)
	s.category.PlaceHolder = "Pilih kategori"
	s.satker = widget.NewEntry()
	s.satker.SetPlaceHolder("kode 6 digit atau nama satker")
	s.satkerName = widget.NewLabel("")
	s.satkerName.Wrapping = fyne.TextWrapWord
	s.satker.OnChanged = func(q string) {
		if q != "" {
			s.markStarted()
		}
		s.onSatker(q)
	}
	s.satkerName.Hide()
	s.name, s.phone, s.email, s.lapor, s.attach = widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	s.name.SetPlaceHolder("nama penanya")
	s.phone.SetPlaceHolder("08xxxxxxxxxx, Enter: cari penanya lama")
	s.phone.OnSubmitted = func(string) { s.onFindVisitor() }
	s.email.SetPlaceHolder("opsional")
	s.lapor.SetPlaceHolder("opsional: nomor tiket SP4N-LAPOR!")
	s.attach.SetPlaceHolder("opsional: rujukan berkas, pisahkan dengan ;")
	s.question = widget.NewMultiLineEntry()
	s.question.SetPlaceHolder("Pertanyaan/permasalahan stakeholder")
	s.question.Wrapping = fyne.TextWrapWord
	s.question.SetMinRowsVisible(3)
	s.question.OnChanged = s.onQuestionChanged
	s.ident = widget.NewMultiLineEntry()
	s.ident.SetPlaceHolder("Identifikasi masalah: modul, dokumen, peraturan/juknis terkait")
	s.ident.Wrapping = fyne.TextWrapWord
	s.ident.SetMinRowsVisible(2)
	s.answer = widget.NewMultiLineEntry()
	s.answer.SetPlaceHolder("Jawaban/solusi yang diberikan")
	s.answer.Wrapping = fyne.TextWrapWord
	s.answer.SetMinRowsVisible(3)
	s.kasiNote = widget.NewLabel("")
	s.kasiNote.Wrapping = fyne.TextWrapWord
	s.kasiNote.Importance = widget.HighImportance
	s.kasiNote.TextStyle.Bold = true

	s.suggHeading = widget.NewLabel("")
	s.suggHeading.TextStyle.Italic = true
	s.suggList = widget.NewList(func() int { return len(s.sugg) }, newItemRow,
		func(i widget.ListItemID, o fyne.CanvasObject) {
			a := s.sugg[i]
			setItemRow(o, fmt.Sprintf("%s · %s · %s", shortNumber(a.Number), a.Category, oneLine(a.Snippet)),
				"Jawaban: "+oneLine(a.Answer), widget.MediumImportance)
		})
	s.suggList.OnSelected = func(i widget.ListItemID) {
		s.suggPick = i
		s.useSugg.Enable()
		s.say("Jawaban "+s.sugg[i].Number+": "+oneLine(s.sugg[i].Answer), false)
	}
	s.useSugg = widget.NewButton("Pakai jawaban terpilih", s.onUseSuggestion)
	s.useSugg.Disable()

	s.history = widget.NewLabel("")
	s.history.Wrapping = fyne.TextWrapWord
	s.noteText = widget.NewEntry()
	s.noteText.SetPlaceHolder("Progres yang disampaikan ke stakeholder (wajib berkala)")
	s.noteBtn = widget.NewButton("Catat progres", s.onNote)
	s.cbBtn = widget.NewButton("Janji hubungi kembali…", s.onCallbackPromise)

	s.newBtn = widget.NewButtonWithIcon("Konsultasi baru", theme.ContentAddIcon(), s.onNew)
	s.newBtn.Importance = widget.HighImportance
	s.saveBtn = widget.NewButton("Simpan", s.onSave)
	s.answerBtn = widget.NewButton("Jawab", func() { s.act(store.ConsultationAction{To: store.CSODijawab}) })
	s.answerBtn.Importance = widget.HighImportance
	s.escalateBtn = widget.NewButton("Eskalasi ke Kepala Seksi…", s.onEscalateDialog)
	s.docsBtn = widget.NewButton("Menunggu dokumen…", s.onDocsDialog)
	s.resolveBtn = widget.NewButton("Resolved", func() { s.act(store.ConsultationAction{To: store.CSOResolved}) })
	s.resolveBtn.Importance = widget.SuccessImportance
	s.closeBtn = widget.NewButton("Tutup…", s.onCloseDialog)
	s.message = widget.NewLabel("")
	s.message.Wrapping = fyne.TextWrapWord
	s.autoClosed = widget.NewLabel("")
	s.autoClosed.Importance = widget.LowImportance
}

func (s *csoScreen) content() fyne.CanvasObject {
	// Overdue band on top: red while anything is overdue, green when not.
	bg := canvas.NewRectangle(colOverdueBg)
	bg.StrokeColor = colDanger
	bg.StrokeWidth = 1
	bg.CornerRadius = 6
	s.overdueBg = bg
	s.overdueSize = canvas.NewRectangle(color.Transparent)
	sized := container.NewStack(s.overdueSize, s.overdueList)
	s.overdueBox = container.NewStack(bg, container.NewPadded(container.NewBorder(s.overdueTitle, nil, nil, nil, sized)))

	s.listTabs = container.NewAppTabs(
		container.NewTabItem("Terbuka", s.openList),
		container.NewTabItem("Hubungi kembali", s.cbList),
		container.NewTabItem("Selesai", s.recentList),
	)
	var adminBtn fyne.CanvasObject = layout.NewSpacer()
	if s.app.officer.Role == store.RoleAdmin {
		adminBtn = widget.NewButton("Pengaturan CSO…", s.onSettingsDialog)
	}
	left := container.NewBorder(nil, container.NewVBox(s.autoClosed, container.NewHBox(s.newBtn, layout.NewSpacer(), adminBtn)),
		nil, nil, card("DAFTAR KONSULTASI", s.listTabs))

	// The status truncates rather than widen the panel (the split keeps
	// its proportions); the timer's texts are short and always whole.
	s.status.Truncation = fyne.TextTruncateEllipsis
	head := container.NewBorder(nil, nil, s.number, s.timer, s.status)
	s.suggSize = canvas.NewRectangle(color.Transparent)
	suggBox := container.NewBorder(container.NewBorder(nil, nil, nil, s.useSugg, s.suggHeading), nil, nil, nil,
		container.NewStack(s.suggSize, s.suggList))
	s.suggList.Hide()
	form := widget.NewForm(
		widget.NewFormItem("Kanal", s.channel),
		widget.NewFormItem("Kategori", s.category),
		widget.NewFormItem("Satker", container.NewBorder(nil, s.satkerName, nil, nil, s.satker)),
		widget.NewFormItem("Penanya", container.NewGridWithColumns(3, s.name, s.phone, s.email)),
		widget.NewFormItem("Antrean", s.ticket),
		widget.NewFormItem("Pertanyaan", s.question),
		widget.NewFormItem("Identifikasi", s.ident),
		widget.NewFormItem("Jawaban", s.answer),
		widget.NewFormItem("Lampiran", container.NewBorder(nil, nil, nil, widget.NewButton("Pilih berkas…", s.onPickFile), s.attach)),
		widget.NewFormItem("SP4N-LAPOR!", s.lapor),
	)
	actions := container.NewGridWithColumns(3, s.saveBtn, s.answerBtn, s.resolveBtn, s.escalateBtn, s.docsBtn, s.closeBtn)
	progress := container.NewBorder(nil, nil, nil, container.NewHBox(s.noteBtn, s.cbBtn), s.noteText)
	historyTab := container.NewBorder(progress, nil, nil, nil, container.NewVScroll(s.history))
	s.formTabs = container.NewAppTabs(
		container.NewTabItem("Data konsultasi", container.NewVScroll(form)),
		container.NewTabItem("Riwayat dan progres", historyTab),
	)
	top := container.NewVBox(head, s.due, s.kasiNote)
	right := card("KONSULTASI", container.NewBorder(top, container.NewVBox(card("", suggBox), s.message, actions), nil, nil, s.formTabs))
	split := container.NewHSplit(left, right)
	split.Offset = 0.36
	return container.NewBorder(s.overdueBox, nil, nil, nil, split)
}

// start loads the categories, officers and the board and starts the timers.
func (s *csoScreen) start() {
	s.onNew()
	s.refresh()
	if !s.app.Live {
		return
	}
	stop, dirty := s.stop, s.dirty
	go func() {
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		n := 0
		for {
			select {
			case <-stop:
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

// refreshSoon asks for a reload after a change elsewhere (event stream).
func (s *csoScreen) refreshSoon() {
	select {
	case s.dirty <- struct{}{}:
	default:
	}
}

func (s *csoScreen) close() {
	select {
	case <-s.stop:
	default:
		close(s.stop)
	}
}

// refresh reloads the board (closing answered items left without reply).
func (s *csoScreen) refresh() {
	var b office.CSOBoard
	var cats []store.CSOCategory
	var offs []store.Officer
	s.app.run(func() error {
		ctx := context.Background()
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
		if err != nil {
			s.say(store.Message(err), true)
			return
		}
		s.board, s.cats = b, cats
		s.kasis = s.kasis[:0]
		for _, o := range offs {
			if o.Role == store.RoleKasi && o.Active {
				s.kasis = append(s.kasis, o)
			}
		}
		s.fillCategories()
		s.showBoard()
	})
}

func (s *csoScreen) showBoard() {
	n := len(s.board.Overdue)
	if n == 0 {
		s.overdueTitle.Text = "Tidak ada konsultasi yang lewat tenggat 3 hari kerja."
		s.overdueTitle.Color = colSuccess
		s.overdueBg.FillColor, s.overdueBg.StrokeColor = colOkBg, colSuccess
	} else {
		s.overdueTitle.Text = fmt.Sprintf("LEWAT TENGGAT 3 HARI KERJA: %d konsultasi — segera beri solusi atau progres", n)
		s.overdueTitle.Color = colDanger
		s.overdueBg.FillColor, s.overdueBg.StrokeColor = colOverdueBg, colDanger
	}
	s.overdueTitle.Refresh()
	s.overdueBg.Refresh()
	rows := min(n, 3)
	s.overdueSize.SetMinSize(fyne.NewSize(0, float32(rows)*36))
	if n == 0 {
		s.overdueList.Hide()
	} else {
		s.overdueList.Show()
	}
	s.overdueBox.Refresh()
	s.overdueList.Refresh()
	s.openList.Refresh()
	s.cbList.Refresh()
	s.recentList.Refresh()
	if s.listTabs != nil {
		s.listTabs.Items[0].Text = fmt.Sprintf("Terbuka (%d)", len(s.board.Open)+n)
		s.listTabs.Items[1].Text = fmt.Sprintf("Hubungi kembali (%d)", len(s.board.Callbacks))
		s.listTabs.Refresh()
	}
	if s.board.AutoClosed > 0 {
		s.autoClosed.SetText(fmt.Sprintf("%d konsultasi dijawab ditutup otomatis (tidak ada balasan).", s.board.AutoClosed))
	}
}

func (s *csoScreen) fillCategories() {
	var names []string
	for _, c := range s.cats {
		if c.Active || c.ID == s.cur.Category {
			names = append(names, c.Name)
		}
	}
	sel := s.category.Selected
	s.category.SetOptions(names)
	if sel != "" {
		s.category.SetSelected(sel)
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
	top = shortNumber(c.Number) + " · " + store.CSOStatusLabel(c.Status)
	if store.IsOpenCSOStatus(c.Status) {
		top += " · tenggat " + a.shortTime(c.DueAt)
	}
	if c.NeedsProgress {
		top += " · PERLU PROGRES"
	}
	who := c.Visitor.Name
	if c.Visitor.SatkerCode != "" {
		who = strings.TrimSpace(c.Visitor.SatkerCode + " " + c.Visitor.Name)
	}
	sub = fmt.Sprintf("%s · %s · %s", c.CategoryName, firstText(who, "—"), oneLine(c.Question))
	return top, sub
}

// shortNumber drops the office part of KS-KPPN019-2026-00012 in lists.
func shortNumber(n string) string {
	if p := strings.Split(n, "-"); len(p) == 4 {
		return p[0] + "-" + p[2] + "-" + p[3]
	}
	return n
}

func (s *csoScreen) short(t time.Time) string { return s.app.shortTime(t) }

// shortTime is "Kam 26/11 17.00" in the office's zone, for lists.
func (a *App) shortTime(t time.Time) string {
	t = t.In(a.office.Location())
	return fmt.Sprintf("%s %02d/%02d %02d.%02d", hariID[t.Weekday()][:3], t.Day(), int(t.Month()), t.Hour(), t.Minute())
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

// onNew clears the form for a new consultation; one started while the
// counter has a ticket called is linked to it.
func (s *csoScreen) onNew() {
	s.cur = store.Consultation{}
	s.begun = time.Time{} // the timer starts with the first word typed
	s.visitorID, s.ticketID = "", ""
	s.number.SetText("Konsultasi baru")
	s.status.SetText("")
	s.channel.SetSelected(store.ChannelLabel(store.ChannelTatapMuka))
	s.category.ClearSelected()
	for _, e := range []*widget.Entry{s.satker, s.name, s.phone, s.email, s.lapor, s.attach, s.ident, s.answer, s.noteText} {
		e.SetText("")
	}
	s.question.SetText("")
	s.setSatkerName("")
	s.kasiNote.SetText("")
	s.kasiNote.Hide()
	s.history.SetText("Belum ada riwayat.")
	s.setHistoryTab("Riwayat dan progres")
	s.due.SetText("Tenggat tindak lanjut: 3 hari kerja sejak dicatat (dihitung saat disimpan).")
	s.ticket.SetText("tanpa nomor antrean")
	if s.app.counter != nil {
		if cur := s.app.counter.snap.current; cur.ID != "" {
			s.ticketID = cur.ID
			s.ticket.SetText(cur.Code() + " (sedang dipanggil di loket ini)")
		}
	}
	s.sugg = nil
	s.showSuggestions()
	s.suggHeading.SetText("Jawaban terdahulu muncul di sini saat pertanyaan diketik.")
	s.setButtons()
	s.tick()
}

// open loads one consultation into the form.
func (s *csoScreen) open(id string) {
	var c store.Consultation
	s.app.run(func() error {
		var err error
		c, err = s.app.svc.Consultation(context.Background(), id)
		return err
	}, func(err error) {
		if err != nil {
			s.say(store.Message(err), true)
			return
		}
		s.show(c)
		s.say("", false)
	})
}

func (s *csoScreen) show(c store.Consultation) {
	s.cur = c
	s.fillCategories()
	s.visitorID, s.ticketID = c.Visitor.ID, c.TicketID
	s.number.SetText(c.Number)
	status := "· " + store.CSOStatusLabel(c.Status)
	if c.Status == store.CSOBaru && c.KasiResponse != "" {
		status += " (dikembalikan Kepala Seksi)"
	}
	s.status.SetText(status)
	s.channel.SetSelected(store.ChannelLabel(c.Channel))
	s.category.SetSelected(firstText(s.categoryName(c.Category), c.CategoryName))
	s.satker.SetText(c.Visitor.SatkerCode)
	s.setSatkerName(c.Visitor.SatkerName)
	s.name.SetText(c.Visitor.Name)
	s.phone.SetText(c.Visitor.Phone)
	s.email.SetText(c.Visitor.Email)
	s.lapor.SetText(c.LaporRef)
	s.attach.SetText(strings.Join(c.Attachments, "; "))
	s.question.SetText(c.Question)
	s.ident.SetText(c.Identification)
	s.answer.SetText(c.Answer)
	s.noteText.SetText("")
	if c.TicketCode != "" {
		s.ticket.SetText(c.TicketCode)
	} else {
		s.ticket.SetText("tanpa nomor antrean")
	}
	loc, zone := s.app.office.Location(), s.app.office.ZoneLabel()
	due := "Tenggat tindak lanjut: " + fmtDateTime(c.DueAt.In(loc), zone)
	switch {
	case c.Overdue:
		due += " — LEWAT TENGGAT"
		s.due.Importance = widget.DangerImportance
	case c.NeedsProgress:
		due += " — saatnya menyampaikan progres ke stakeholder"
		s.due.Importance = widget.WarningImportance
	default:
		s.due.Importance = widget.MediumImportance
	}
	s.due.SetText(due)
	if c.KasiResponse != "" {
		s.kasiNote.SetText("Tanggapan Kepala Seksi (" + c.EscalatedToName + "): " + c.KasiResponse)
		s.kasiNote.Show()
	} else if c.Status == store.CSOEskalasi {
		s.kasiNote.SetText("Menunggu tanggapan " + c.EscalatedToName + ": " + c.EscalationReason)
		s.kasiNote.Show()
	} else {
		s.kasiNote.Hide()
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
	s.setHistoryTab(fmt.Sprintf("Riwayat dan progres (%d)", len(c.Notes)+len(c.Callbacks)))
	s.setButtons()
	s.tick()
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
		return "Resolved"
	case store.NoteClosed:
		return "Ditutup"
	case store.NoteCallback:
		return "Call back"
	}
	return kind
}

func fmtDateTime(t time.Time, zone string) string {
	return fmt.Sprintf("%s %02d.%02d %s", tanggal(t), t.Hour(), t.Minute(), zone)
}

func (s *csoScreen) setButtons() {
	saved := s.cur.ID != ""
	open := !saved || store.IsOpenCSOStatus(s.cur.Status)
	setEnabled(s.saveBtn, s.cur.Status != store.CSODitutup)
	setEnabled(s.answerBtn, open)
	setEnabled(s.resolveBtn, open)
	setEnabled(s.escalateBtn, open && s.cur.Status != store.CSOEskalasi)
	setEnabled(s.docsBtn, open)
	setEnabled(s.closeBtn, saved && s.cur.Status != store.CSODitutup)
	setEnabled(s.noteBtn, saved && s.cur.Status != store.CSODitutup)
	setEnabled(s.cbBtn, saved && open)
}

// tick updates the 20-minute service-norm timer of the form, and links a
// new consultation to the ticket the counter has just called.
func (s *csoScreen) tick() {
	if s.cur.ID == "" && s.ticketID == "" && s.app.counter != nil {
		if cur := s.app.counter.snap.current; cur.ID != "" {
			s.ticketID = cur.ID
			s.ticket.SetText(cur.Code() + " (sedang dipanggil di loket ini)")
		}
	}
	since := s.begun
	if s.cur.ID == "" && since.IsZero() {
		s.timer.Importance = widget.MediumImportance
		s.timer.SetText("norma 20 menit per konsultasi")
		return
	}
	if s.cur.ID != "" {
		since = s.cur.OpenedAt
	}
	if s.cur.ID != "" && (!s.cur.AnsweredAt.IsZero() || !store.IsOpenCSOStatus(s.cur.Status)) {
		end := s.cur.AnsweredAt
		if end.IsZero() {
			end = firstTime(s.cur.ResolvedAt, s.cur.ClosedAt)
		}
		d := end.Sub(since)
		s.timer.Importance = widget.SuccessImportance
		if d > store.CSOServiceNorm {
			s.timer.Importance = widget.WarningImportance
		}
		s.timer.SetText(fmt.Sprintf("dijawab dalam %s", durasi(d)))
		return
	}
	d := s.app.Now().Sub(since)
	if d < 0 {
		d = 0
	}
	norm := store.CSOServiceNorm
	if d >= time.Hour {
		s.timer.Importance = widget.DangerImportance
		s.timer.SetText("lewat norma · dicatat " + s.short(since))
		return
	}
	if d > norm {
		s.timer.Importance = widget.DangerImportance
		s.timer.SetText(fmt.Sprintf("%02d:%02d · lewat norma 20 menit", int(d.Minutes()), int(d.Seconds())%60))
		return
	}
	s.timer.Importance = widget.HighImportance
	left := norm - d
	s.timer.SetText(fmt.Sprintf("%02d:%02d · sisa %d dari 20 menit", int(d.Minutes()), int(d.Seconds())%60,
		int((left+time.Minute-1)/time.Minute)))
}

func firstTime(ts ...time.Time) time.Time {
	for _, t := range ts {
		if !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}

// onSatker looks the satker up as it is typed: by code, or by name part.
func (s *csoScreen) onSatker(q string) {
	q = strings.TrimSpace(q)
	if len([]rune(q)) < 3 {
		s.setSatkerName("")
		return
	}
	list, err := s.app.svc.SearchSatkers(context.Background(), q)
	switch {
	case err != nil || len(list) == 0:
		s.setSatkerName("(satker belum ada di daftar)")
	case list[0].Code == q:
		s.setSatkerName(list[0].Name)
	default:
		var hints []string
		for i, st := range list {
			if i == 3 {
				break
			}
			hints = append(hints, st.Code+" "+st.Name)
		}
		s.setSatkerName("Ketik kodenya: " + strings.Join(hints, " · "))
	}
}

// onQuestionChanged searches earlier answers once typing pauses.
func (s *csoScreen) onQuestionChanged(q string) {
	if q != "" {
		s.markStarted()
	}
	if s.suggTimer != nil {
		s.suggTimer.Stop()
	}
	if !s.app.Live {
		s.suggest(s.question.Text)
		return
	}
	s.suggTimer = time.AfterFunc(suggestDelay, func() { fyne.Do(func() { s.suggest(s.question.Text) }) })
}

func (s *csoScreen) suggest(text string) {
	var list []store.AnswerSuggestion
	s.app.run(func() error {
		var err error
		list, err = s.app.svc.SuggestAnswers(context.Background(), text)
		return err
	}, func(err error) {
		if err != nil || text != s.question.Text {
			return // a newer search is on its way
		}
		var out []store.AnswerSuggestion
		for _, a := range list {
			if a.ConsultationID != s.cur.ID {
				out = append(out, a)
			}
		}
		s.sugg, s.suggPick = out, -1
		s.useSugg.Disable()
		s.suggList.UnselectAll()
		s.showSuggestions()
		switch {
		case strings.TrimSpace(text) == "":
			s.suggHeading.SetText("Jawaban terdahulu muncul di sini saat pertanyaan diketik.")
		case len(out) == 0:
			s.suggHeading.SetText("Belum ada jawaban terdahulu yang mirip.")
		default:
			s.suggHeading.SetText(fmt.Sprintf("%d jawaban terdahulu yang mirip (pilih untuk melihat):", len(out)))
		}
	})
}

func (s *csoScreen) onUseSuggestion() {
	if s.suggPick < 0 || s.suggPick >= len(s.sugg) {
		return
	}
	a := s.sugg[s.suggPick]
	s.answer.SetText(a.Answer)
	s.say("Jawaban "+a.Number+" disalin ke kolom jawaban; sesuaikan bila perlu.", false)
}

// input is the consultation as typed in the form.
func (s *csoScreen) input() store.Consultation {
	c := s.cur
	c.Channel = channelCode(s.channel.Selected)
	c.Category = s.categoryID(s.category.Selected)
	code := strings.TrimSpace(s.satker.Text)
	if len(code) != 6 {
		if _, err := strconv.Atoi(code); err != nil {
			code = "" // a name typed for the look-up, not a code
		}
	}
	c.Visitor = store.Visitor{ID: s.visitorID, SatkerCode: code, Name: s.name.Text, Phone: s.phone.Text, Email: s.email.Text}
	if s.visitorID != "" && (strings.TrimSpace(c.Visitor.Name) != s.cur.Visitor.Name || store.NormalizePhone(c.Visitor.Phone) != s.cur.Visitor.Phone) {
		c.Visitor.ID = "" // another person (or new contact details): record them anew
	}
	if c.ID == "" {
		c.TicketID = s.ticketID
	}
	c.Question, c.Identification, c.Answer, c.LaporRef = s.question.Text, s.ident.Text, s.answer.Text, s.lapor.Text
	c.Attachments = strings.Split(s.attach.Text, ";")
	c.Notes, c.Callbacks = nil, nil
	return c
}

// persist creates or updates the consultation from the form (worker side).
func (s *csoScreen) persist(ctx context.Context, in store.Consultation) (store.Consultation, error) {
	if in.ID == "" {
		return s.app.svc.CreateConsultation(ctx, s.app.officer.ID, in)
	}
	if in.Status == store.CSODitutup {
		return in, nil
	}
	return s.app.svc.UpdateConsultation(ctx, s.app.officer.ID, in)
}

func (s *csoScreen) onSave() {
	in := s.input()
	s.do(func(ctx context.Context) (store.Consultation, error) { return s.persist(ctx, in) }, "Konsultasi %s tersimpan.")
}

// act saves the form and then changes the status.
func (s *csoScreen) act(a store.ConsultationAction) {
	in := s.input()
	a.Answer = in.Answer
	msg := map[string]string{
		store.CSODijawab:         "Konsultasi %s dijawab.",
		store.CSOEskalasi:        "Konsultasi %s dieskalasi ke Kepala Seksi.",
		store.CSOMenungguDokumen: "Konsultasi %s menunggu dokumen dari stakeholder.",
		store.CSOResolved:        "Konsultasi %s selesai (resolved).",
		store.CSODitutup:         "Konsultasi %s ditutup.",
	}[a.To]
	s.do(func(ctx context.Context) (store.Consultation, error) {
		c, err := s.persist(ctx, in)
		if err != nil {
			return c, err
		}
		a.ID = c.ID
		out, err := s.app.svc.ActOnConsultation(ctx, s.app.officer.ID, a)
		if err != nil {
			return c, err // saved, but the action refused
		}
		return out, nil
	}, msg)
}

// escalate sends the consultation to a Kepala Seksi with a reason.
func (s *csoScreen) escalate(kasiID, reason string) {
	s.act(store.ConsultationAction{To: store.CSOEskalasi, KasiID: kasiID, Note: reason})
}

// waitDocuments records the supporting documents asked for.
func (s *csoScreen) waitDocuments(what string) {
	s.act(store.ConsultationAction{To: store.CSOMenungguDokumen, Note: what})
}

// closeWith closes the consultation with an optional note.
func (s *csoScreen) closeWith(note string) {
	s.act(store.ConsultationAction{To: store.CSODitutup, Note: note})
}

func (s *csoScreen) do(work func(ctx context.Context) (store.Consultation, error), okMsg string) {
	var c store.Consultation
	s.app.run(func() error {
		var err error
		c, err = work(context.Background())
		if err == nil {
			c, err = s.app.svc.Consultation(context.Background(), c.ID)
		}
		return err
	}, func(err error) {
		if err != nil {
			if c.ID != "" && s.cur.ID == "" {
				s.show(c) // the new consultation was saved before the action was refused
				s.refresh()
			}
			s.say(store.Message(err), true)
			return
		}
		s.show(c)
		s.say(fmt.Sprintf(okMsg, c.Number), false)
		s.refresh()
	})
}

func (s *csoScreen) onNote() {
	id, body := s.cur.ID, s.noteText.Text
	s.do(func(ctx context.Context) (store.Consultation, error) {
		_, err := s.app.svc.AddConsultationNote(ctx, s.app.officer.ID, id, body)
		return store.Consultation{ID: id}, err
	}, "Progres %s tercatat.")
}

// promiseCallback records a promised call back due at the given time.
func (s *csoScreen) promiseCallback(due time.Time, phone, note string) {
	id := s.cur.ID
	s.do(func(ctx context.Context) (store.Consultation, error) {
		_, err := s.app.svc.ScheduleCallback(ctx, s.app.officer.ID, store.Callback{ConsultationID: id, DueAt: due, Phone: phone, Note: note})
		return store.Consultation{ID: id}, err
	}, "Janji hubungi kembali untuk %s tercatat.")
}

// recordCallback closes a call-back task.
func (s *csoScreen) recordCallback(cb store.Callback, verifiedData, verifiedProblem bool, solution string) {
	s.do(func(ctx context.Context) (store.Consultation, error) {
		err := s.app.svc.RecordCallback(ctx, s.app.officer.ID, store.CallbackResult{CallbackID: cb.ID,
			VerifiedData: verifiedData, VerifiedProblem: verifiedProblem, Solution: solution})
		return store.Consultation{ID: cb.ConsultationID}, err
	}, "Call back %s tercatat.")
}

func (s *csoScreen) say(msg string, isErr bool) {
	s.message.Importance = widget.MediumImportance
	if isErr {
		s.message.Importance = widget.DangerImportance
	}
	s.message.SetText(msg)
	if msg == "" {
		s.message.Hide()
	} else {
		s.message.Show()
	}
}

// The dialogs collect what an action needs and call the methods above.

func (s *csoScreen) onEscalateDialog() {
	var names []string
	for _, k := range s.kasis {
		names = append(names, k.FullName)
	}
	if len(names) == 0 {
		s.say("Belum ada petugas dengan peran Kepala Seksi (admin: menu Admin, tab Petugas).", true)
		return
	}
	pick := widget.NewSelect(names, nil)
	pick.SetSelectedIndex(0)
	reason := widget.NewMultiLineEntry()
	reason.SetPlaceHolder("apa yang perlu dikonfirmasi Kepala Seksi")
	reason.SetMinRowsVisible(3)
	s.showForm("Eskalasi ke Kepala Seksi", "Eskalasi", "Batal", []*widget.FormItem{
		widget.NewFormItem("Kepala Seksi", pick), widget.NewFormItem("Alasan", reason)}, func(ok bool) {
		if ok {
			s.escalate(s.kasis[pick.SelectedIndex()].ID, reason.Text)
		}
	})
}

func (s *csoScreen) onDocsDialog() {
	what := widget.NewMultiLineEntry()
	what.SetPlaceHolder("mis. salinan SK bendahara, screenshot error SAKTI")
	what.SetMinRowsVisible(3)
	s.showForm("Menunggu dokumen pendukung", "Simpan", "Batal", []*widget.FormItem{
		widget.NewFormItem("Dokumen diminta", what)}, func(ok bool) {
		if ok {
			s.waitDocuments(what.Text)
		}
	})
}

func (s *csoScreen) onCloseDialog() {
	note := widget.NewEntry()
	note.SetPlaceHolder("opsional: alasan ditutup")
	s.showForm("Tutup konsultasi "+s.cur.Number, "Tutup", "Batal", []*widget.FormItem{
		widget.NewFormItem("Catatan", note)}, func(ok bool) {
		if ok {
			s.closeWith(note.Text)
		}
	})
}

func (s *csoScreen) onCallbackPromise() {
	loc := s.app.office.Location()
	when := widget.NewEntry()
	when.SetText(s.app.Now().In(loc).Add(time.Hour).Truncate(15 * time.Minute).Format("2006-01-02 15:04"))
	phone := widget.NewEntry()
	phone.SetText(s.phone.Text)
	note := widget.NewEntry()
	note.SetPlaceHolder("opsional: apa yang akan disampaikan")
	s.showForm("Janji menghubungi kembali", "Simpan", "Batal", []*widget.FormItem{
		widget.NewFormItem("Waktu (TTTT-BB-HH JJ:MM)", when), widget.NewFormItem("Telepon", phone),
		widget.NewFormItem("Catatan", note)}, func(ok bool) {
		if !ok {
			return
		}
		due, err := time.ParseInLocation("2006-01-02 15:04", strings.TrimSpace(when.Text), loc)
		if err != nil {
			s.say("Waktu tidak dapat dibaca. Tulis seperti 2026-11-23 14:30.", true)
			return
		}
		s.promiseCallback(due, phone.Text, note.Text)
	})
}

func (s *csoScreen) onCallbackDialog(cb store.Callback) {
	vd := widget.NewCheck("Data stakeholder sudah diverifikasi (nama, satker)", nil)
	vp := widget.NewCheck("Permasalahan sudah diverifikasi ulang", nil)
	sol := widget.NewMultiLineEntry()
	sol.SetPlaceHolder("solusi yang diberikan")
	sol.SetMinRowsVisible(3)
	info := widget.NewLabel(fmt.Sprintf("%s · %s · %s\n%s\n\nEtika call back: salam, sebut nama dan %s; pastikan berbicara dengan orang yang benar; "+
		"ulangi permasalahannya; berikan solusi; akhiri dengan terima kasih dan salam.",
		cb.ConsultationNumber, firstText(cb.StakeholderName, cb.SatkerName), cb.Phone, cb.Note, s.app.office.Name))
	info.Wrapping = fyne.TextWrapWord
	s.showForm("Catat panggilan kembali", "Selesai", "Batal", []*widget.FormItem{
		widget.NewFormItem("", info), widget.NewFormItem("", vd), widget.NewFormItem("", vp),
		widget.NewFormItem("Solusi", sol)}, func(ok bool) {
		if ok {
			s.recordCallback(cb, vd.Checked, vp.Checked, sol.Text)
		}
	})
	s.open(cb.ConsultationID)
}

// onSettingsDialog lets an admin add or retire categories and set the
// auto-close wait.
func (s *csoScreen) onSettingsDialog() {
	add := widget.NewEntry()
	add.SetPlaceHolder("nama kategori baru")
	var names []string
	for _, c := range s.cats {
		state := ""
		if !c.Active {
			state = " (nonaktif)"
		}
		names = append(names, c.Name+state)
	}
	toggle := widget.NewSelect(names, nil)
	toggle.PlaceHolder = "pilih untuk aktif/nonaktifkan"
	days := widget.NewEntry()
	if v, err := s.app.svc.Setting(context.Background(), store.SettingCSOAutoCloseDays); err == nil {
		days.SetText(v)
	}
	s.showForm("Pengaturan CSO", "Simpan", "Batal", []*widget.FormItem{
		widget.NewFormItem("Tambah kategori", add),
		widget.NewFormItem("Aktif/nonaktif", toggle),
		widget.NewFormItem("Tutup otomatis (hari kerja)", days)}, func(ok bool) {
		if !ok {
			return
		}
		idx := toggle.SelectedIndex()
		s.saveSettings(add.Text, idx, days.Text)
	})
}

// saveSettings adds a category (name not empty), flips the active state of
// category toggle (>= 0) and saves the auto-close days.
func (s *csoScreen) saveSettings(newCategory string, toggle int, days string) {
	cats := s.cats
	actor := s.app.officer.ID
	s.app.run(func() error {
		ctx := context.Background()
		n, err := strconv.Atoi(strings.TrimSpace(days))
		if err != nil || n < 1 || n > 30 {
			return &store.Error{Code: "invalid", Message: "Tutup otomatis harus 1 sampai 30 hari kerja."}
		}
		if strings.TrimSpace(newCategory) != "" {
			if _, err := s.app.svc.SaveCSOCategory(ctx, actor, store.CSOCategory{Name: newCategory}); err != nil {
				return err
			}
		}
		if toggle >= 0 && toggle < len(cats) {
			c := cats[toggle]
			c.Active = !c.Active
			if _, err := s.app.svc.SaveCSOCategory(ctx, actor, c); err != nil {
				return err
			}
		}
		return s.app.svc.SaveSetting(ctx, actor, store.SettingCSOAutoCloseDays, strconv.Itoa(n))
	}, func(err error) {
		if err != nil {
			s.say(store.Message(err), true)
			return
		}
		s.say("Pengaturan CSO tersimpan.", false)
		s.refresh()
	})
}

// setSatkerName shows the satker found (or the hint) under the entry, and
// takes no room when there is nothing to say.
func (s *csoScreen) setSatkerName(text string) {
	s.satkerName.SetText(text)
	if text == "" {
		s.satkerName.Hide()
	} else {
		s.satkerName.Show()
	}
}

// showSuggestions sizes the suggestion list to what it holds (up to three
// rows; none takes no room).
func (s *csoScreen) showSuggestions() {
	if s.suggSize != nil {
		s.suggSize.SetMinSize(fyne.NewSize(0, float32(min(len(s.sugg), 2))*56))
	}
	if len(s.sugg) == 0 {
		s.suggList.Hide()
	} else {
		s.suggList.Show()
	}
	s.suggList.Refresh()
}

func (s *csoScreen) setHistoryTab(text string) {
	if s.formTabs != nil {
		s.formTabs.Items[1].Text = text
		s.formTabs.Refresh()
	}
}

// markStarted starts the 20-minute clock of a new consultation when the
// officer starts typing it.
func (s *csoScreen) markStarted() {
	if s.cur.ID == "" && s.begun.IsZero() {
		s.begun = s.app.Now()
		s.tick()
	}
}

// showForm opens a form dialog wide enough for sentences.
func (s *csoScreen) showForm(title, confirm, dismiss string, items []*widget.FormItem, cb func(bool)) {
	d := dialog.NewForm(title, confirm, dismiss, items, cb, s.app.win)
	d.Resize(fyne.NewSize(620, 0))
	d.Show()
}

// onPickFile adds a file's path to the attachment references (the file
// itself stays where it is: the log keeps references, not copies).
func (s *csoScreen) onPickFile() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		s.addAttachment(path)
	}, s.app.win)
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

func (s *csoScreen) addAttachment(ref string) {
	cur := strings.TrimSpace(s.attach.Text)
	if cur != "" {
		cur += "; "
	}
	s.attach.SetText(cur + ref)
}

// onFindVisitor fills a returning stakeholder's data from the phone typed
// (the visitors shared with the front office).
func (s *csoScreen) onFindVisitor() {
	q := s.phone.Text
	var found []store.Visitor
	s.app.run(func() error {
		var err error
		found, err = s.app.svc.FindVisitors(context.Background(), q)
		return err
	}, func(err error) {
		switch {
		case err != nil:
			s.say(store.Message(err), true)
		case len(found) == 0:
			s.say("Nomor ini belum pernah tercatat; isi data penanya baru.", false)
		default:
			v := found[0]
			s.name.SetText(v.Name)
			s.phone.SetText(v.Phone)
			s.email.SetText(v.Email)
			if v.SatkerCode != "" {
				s.satker.SetText(v.SatkerCode)
			}
			s.visitorID = v.ID
			s.cur.Visitor = v // the person as recorded: unchanged fields keep the id
			s.say("Data "+v.Name+" diisi dari catatan sebelumnya; periksa kembali.", false)
		}
	})
}
