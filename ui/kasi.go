package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"loket/office"
	"loket/pii"
	"loket/store"
)

// kasiScreen is the Kepala Seksi's view of the CSO log: consultations
// escalated to them (respond and return to the CSO) and every item of the
// office past its 3-working-day deadline.
type kasiScreen struct {
	app   *App
	board office.KasiBoard
	cur   store.Consultation

	escList  *widget.List
	overList *widget.List
	tabs     *container.AppTabs
	// files past their promise (receipts), listed for the Kepala Seksi.
	files      []store.Receipt
	filesList  *widget.List
	filesTitle *widget.Label
	fileDialog *receiptFiles // the file opened from the list, for tests

	title    *widget.Label
	detail   *widget.Label
	history  *widget.Label
	response *textArea
	returnB  *widget.Button
	noteB    *widget.Button
	message  *widget.Label
	reply    *fyne.Container
	// body scrolls the response panel; it is refreshed when an item
	// shows, so wrapped history lines get their height (the response
	// field was drawn over the last line).
	body *container.Scroll
}

func newKasiScreen(a *App) *kasiScreen {
	k := &kasiScreen{app: a}
	k.escList = widget.NewList(func() int { return len(k.board.Escalated) }, newItemRow,
		func(i widget.ListItemID, o fyne.CanvasObject) {
			top, sub := a.consultationRow(k.board.Escalated[i])
			setItemRow(o, top, sub, widget.MediumImportance)
		})
	k.escList.OnSelected = func(i widget.ListItemID) { k.open(k.board.Escalated[i].ID) }
	k.overList = widget.NewList(func() int { return len(k.board.Overdue) }, newItemRow,
		func(i widget.ListItemID, o fyne.CanvasObject) {
			top, sub := a.consultationRow(k.board.Overdue[i])
			setItemRow(o, top, sub, widget.DangerImportance)
		})
	k.overList.OnSelected = func(i widget.ListItemID) { k.open(k.board.Overdue[i].ID) }
	k.filesList = widget.NewList(func() int { return len(k.files) }, newItemRow,
		func(i widget.ListItemID, o fyne.CanvasObject) {
			top, sub := a.overdueFileRow(k.files[i])
			setItemRow(o, top, sub, widget.DangerImportance)
		})
	k.filesList.OnSelected = func(i widget.ListItemID) {
		k.filesList.UnselectAll()
		k.fileDialog = a.showFileDialog(k.files[i].Number, k.refresh)
	}
	k.title = widget.NewLabelWithStyle("Pilih konsultasi di sebelah kiri.", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	k.detail = widget.NewLabel("")
	k.detail.Wrapping = fyne.TextWrapWord
	k.history = widget.NewLabel("")
	k.history.Wrapping = fyne.TextWrapWord
	k.response = newTextArea()
	k.response.SetPlaceHolder("Tanggapan/arahan untuk CSO (akan disampaikan ke stakeholder)")
	k.response.Wrapping = fyne.TextWrapWord
	k.response.SetMinRowsVisible(4)
	k.returnB = widget.NewButton("Kirim tanggapan dan kembalikan ke CSO", k.onReturn)
	k.returnB.Importance = widget.HighImportance
	k.noteB = widget.NewButton("Catat sebagai progres", k.onNote)
	k.message = widget.NewLabel("")
	k.message.Wrapping = fyne.TextWrapWord
	k.setButtons()
	k.reply = container.NewVBox(widget.NewSeparator(), k.response, container.NewHBox(k.returnB, k.noteB))
	k.reply.Hide()
	return k
}

func (k *kasiScreen) content() fyne.CanvasObject {
	k.tabs = container.NewAppTabs(
		container.NewTabItem("Dieskalasi kepada saya", k.escList),
		container.NewTabItem("Lewat tenggat", k.overList),
	)
	// Files past their promise sit under the consultations, always in
	// view: a third tab would hide behind the tab bar's overflow menu.
	k.filesTitle = widget.NewLabel("")
	k.filesTitle.Wrapping = fyne.TextWrapWord
	files := card("BERKAS LEWAT JANJI TANDA TERIMA", container.NewBorder(k.filesTitle, nil, nil, nil, k.filesList))
	left := container.NewVSplit(card("KONSULTASI", k.tabs), files)
	left.Offset = 0.5
	body := container.NewVBox(k.title, k.detail, widget.NewSeparator(),
		widget.NewLabelWithStyle("Riwayat", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), k.history,
		k.reply, k.message)
	k.body = container.NewVScroll(body)
	split := container.NewHSplit(left, card("TANGGAPAN KEPALA SEKSI", k.body))
	split.Offset = 0.4
	return split
}

// refreshSoon reloads after a change elsewhere (event stream goroutine).
func (k *kasiScreen) refreshSoon() { fyne.Do(k.refresh) }

func (k *kasiScreen) refresh() {
	var b office.KasiBoard
	var files []store.Receipt
	id := k.app.officer.ID
	k.app.run(func(ctx context.Context) error {
		var err error
		if b, err = k.app.svc.KasiBoard(ctx, id); err != nil {
			return err
		}
		files, err = k.app.svc.OverdueReceipts(ctx)
		return err
	}, func(err error) {
		if err != nil {
			k.say(errText(err), true)
			return
		}
		k.board, k.files = b, files
		k.escList.Refresh()
		k.overList.Refresh()
		k.filesList.Refresh()
		if k.tabs != nil {
			mine := "Dieskalasi kepada saya"
			if k.app.officer.Role == store.RoleAdmin {
				mine = "Semua eskalasi"
			}
			k.tabs.Items[0].Text = fmt.Sprintf("%s (%d)", mine, len(b.Escalated))
			k.tabs.Items[1].Text = fmt.Sprintf("Lewat tenggat (%d)", len(b.Overdue))
			if len(files) == 0 {
				k.filesTitle.SetText("Tidak ada berkas yang belum selesai melewati janjinya.")
			} else {
				k.filesTitle.SetText(fmt.Sprintf("%d berkas belum selesai padahal janji pada tanda terimanya sudah lewat:", len(files)))
			}
			k.tabs.Refresh()
		}
	})
}

func (k *kasiScreen) open(id string) {
	var c store.Consultation
	k.app.run(func(ctx context.Context) error {
		var err error
		c, err = k.app.svc.Consultation(ctx, id)
		return err
	}, func(err error) {
		if err != nil {
			k.say(errText(err), true)
			return
		}
		k.show(c)
	})
}

func (k *kasiScreen) show(c store.Consultation) {
	k.cur = c
	k.title.SetText(fmt.Sprintf("%s · %s · %s", c.Number, consultStatus(c), c.CategoryName))
	var b strings.Builder
	var who []string
	if c.Visitor.SatkerCode != "" {
		who = append(who, strings.TrimSpace(c.Visitor.SatkerCode+" "+c.Visitor.SatkerName))
	}
	if p := strings.TrimSpace(c.Visitor.Name + " " + pii.Mask(c.Visitor.Phone)); p != "" {
		who = append(who, p)
	}
	fmt.Fprintf(&b, "Stakeholder: %s\n", firstText(strings.Join(who, " — "), "—"))
	fmt.Fprintf(&b, "Kanal: %s · CSO: %s · dicatat %s · tenggat %s\n", store.ChannelLabel(c.Channel), c.OfficerName,
		k.app.shortTime(c.OpenedAt), k.app.shortTime(c.DueAt))
	fmt.Fprintf(&b, "\nPertanyaan: %s\n", c.Question)
	if c.Identification != "" {
		fmt.Fprintf(&b, "Identifikasi: %s\n", c.Identification)
	}
	if c.Status == store.CSOEskalasi {
		fmt.Fprintf(&b, "\nAlasan eskalasi: %s\n", c.EscalationReason)
	}
	if c.Answer != "" {
		fmt.Fprintf(&b, "Jawaban CSO: %s\n", c.Answer)
	}
	k.detail.SetText(strings.TrimSpace(b.String()))
	var lines []string
	for _, n := range c.Notes {
		lines = append(lines, fmt.Sprintf("%s · %s · %s: %s", k.app.shortTime(n.CreatedAt), noteLabel(n.Kind), firstText(n.OfficerName, "sistem"), n.Body))
	}
	if len(lines) == 0 {
		lines = []string{"Belum ada riwayat."}
	}
	k.history.SetText(strings.Join(lines, "\n"))
	k.response.SetText("")
	k.reply.Show()
	k.say("", false)
	k.setButtons()
	if k.body != nil {
		k.body.Refresh()
	}
}

func (k *kasiScreen) setButtons() {
	mine := k.cur.Status == store.CSOEskalasi && (k.cur.EscalatedTo == k.app.officer.ID || k.app.officer.Role == store.RoleAdmin)
	setEnabled(k.returnB, mine)
	setEnabled(k.noteB, k.cur.ID != "" && k.cur.Status != store.CSODitutup)
}

// onReturn sends the response and hands the consultation back to the CSO.
func (k *kasiScreen) onReturn() {
	a := store.ConsultationAction{ID: k.cur.ID, To: store.CSOReturn, Note: k.response.Text}
	k.apply(func(ctx context.Context) error {
		_, err := k.app.svc.ActOnConsultation(ctx, k.app.officerID(), a)
		return err
	}, "Tanggapan terkirim; %s kembali ke CSO.")
}

func (k *kasiScreen) onNote() {
	id, body := k.cur.ID, k.response.Text
	k.apply(func(ctx context.Context) error {
		_, err := k.app.svc.AddConsultationNote(ctx, k.app.officerID(), id, body)
		return err
	}, "Progres %s tercatat.")
}

func (k *kasiScreen) apply(work func(ctx context.Context) error, okMsg string) {
	var c store.Consultation
	id := k.cur.ID
	k.app.run(func(ctx context.Context) error {
		if err := work(ctx); err != nil {
			return err
		}
		var err error
		c, err = k.app.svc.Consultation(ctx, id)
		return err
	}, func(err error) {
		if err != nil {
			k.say(errText(err), true)
			return
		}
		k.show(c)
		k.say(fmt.Sprintf(okMsg, c.Number), false)
		k.refresh()
	})
}

func (k *kasiScreen) say(msg string, isErr bool) {
	k.message.Importance = widget.MediumImportance
	if isErr {
		k.message.Importance = widget.DangerImportance
	}
	k.message.SetText(msg)
}

// addCSOTabs adds the CSO workspace (CSO officers and admins) and the
// Kepala Seksi view (Kepala Seksi and admins) to the work tabs; a CSO or a
// Kepala Seksi starts on their own tab.
func (a *App) addCSOTabs(tabs *container.AppTabs) {
	a.cso, a.kasi = nil, nil
	role := a.officer.Role
	if role == store.RoleCSO || role == store.RoleAdmin {
		a.cso = newCSOScreen(a)
		item := container.NewTabItem("CSO", a.cso.content())
		tabs.Append(item)
		a.cso.start()
		if role == store.RoleCSO {
			tabs.Select(item)
		}
	}
	if role == store.RoleKasi || role == store.RoleAdmin {
		a.kasi = newKasiScreen(a)
		item := container.NewTabItem("Kepala Seksi", a.kasi.content())
		tabs.Append(item)
		a.kasi.refresh()
		if role == store.RoleKasi {
			tabs.Select(item)
		}
	}
}

func (a *App) closeCSOTabs() {
	if a.cso != nil {
		a.cso.close()
	}
	a.cso, a.kasi = nil, nil
}

// csoEvent refreshes the CSO screens on consultation events (called from
// the event stream goroutine with the screens of this login).
func csoEvent(cs *csoScreen, ks *kasiScreen, e store.Event) {
	if ks != nil && strings.HasPrefix(e.Kind, "receipt.") {
		ks.refreshSoon() // a file moved: the list of files past their promise
		return
	}
	if !strings.HasPrefix(e.Kind, "cso.") {
		return
	}
	if cs != nil {
		cs.refreshSoon()
	}
	if ks != nil {
		ks.refreshSoon()
	}
}
