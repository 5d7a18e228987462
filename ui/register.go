package ui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"loket/office"
	"loket/pii"
	"loket/reports"
	"loket/store"
	"loket/tracking"
)

// registerScreen is the front-office flow for one visitor (seed 002):
// identify the stakeholder, tick the requirements, decide complete or
// returned, and hand over the tanda terima.
type registerScreen struct {
	app     *App
	win     fyne.Window
	session store.CounterSession
	ticket  store.Ticket
	service store.Service
	entry   office.CatalogEntry
	linked  bool

	lookup     *widget.Entry
	found      []store.Visitor
	results    *widget.List
	visitorID  string
	satker     *widget.Entry
	satkerName *widget.Label
	name       *widget.Entry
	idNumber   *widget.Entry
	phone      *widget.Entry
	email      *widget.Entry
	purpose    *textArea
	purposeN   *widget.Label
	checks     []*widget.Check
	notes      []*widget.Entry
	decision   *widget.Label
	save       *widget.Button
	newRcpt    *widget.Button
	message    *widget.Label
	// openDir opens the folder of the receipt just printed (savedPath);
	// the message names the file only, so it never squeezes the list.
	openDir   *widget.Button
	savedPath string
	// resultsBox holds the look-up's results; hidden until a search
	// finds someone, so the form starts right under the look-up.
	resultsBox *fyne.Container
	// last is the visit's receipt once saved (or found on opening): saving
	// again updates it under the same number. another is the officer's
	// explicit choice of a second receipt for the ticket.
	last    store.Receipt
	another bool
	// satkerOK is the unlisted satker code the officer confirmed.
	satkerOK string
	// satkerLookup finds the satker's name once typing pauses, under ctx:
	// the officer's who opened the window (ends at logout).
	satkerLookup latest
	ctx          context.Context

	receipts     []store.Receipt
	receiptList  *widget.List
	reprintBtn   *widget.Button
	selectedRcpt int
	files        *receiptFiles
}

// openRegister opens the registration window for the counter's current
// ticket.
func (a *App) openRegister(sess store.CounterSession, t store.Ticket) *registerScreen {
	r := &registerScreen{app: a, session: sess, ticket: t, selectedRcpt: -1, ctx: a.ctx()}
	// The service and its checklist are read off the UI thread; the
	// window opens with them. A service that cannot be read leaves the
	// form without a checklist, as before.
	var sv store.Service
	var entry office.CatalogEntry
	var found, linked bool
	a.run(func(ctx context.Context) error {
		var err error
		if sv, err = a.serviceByID(ctx, t.ServiceID); err == nil {
			found = true
			entry, linked = a.catalogFor(ctx, sv)
		}
		return nil
	}, func(error) {
		if found {
			r.service, r.entry, r.linked = sv, entry, linked
		}
		r.show()
	})
	return r
}

// show builds and opens the registration window.
func (r *registerScreen) show() {
	a, t := r.app, r.ticket
	r.build()
	r.win = a.fa.NewWindow("Registrasi Pengunjung — " + t.Code())
	r.files.win = r.win
	r.win.SetContent(r.content())
	// Fits a 1366x768 screen; the visitor form and the checklist scroll.
	r.win.Resize(fyne.NewSize(1100, 680))
	r.win.Show()
	r.win.Canvas().Focus(r.lookup)
	bindSave(r.win.Canvas(), r.save) // Ctrl+S
	r.loadReceipts()
	a.register = r
}

// purposeCount shows how much of the keperluan is used; over the limit it
// turns red (the save then says what to shorten).
func (r *registerScreen) purposeCount(s string) {
	n := len([]rune(strings.TrimSpace(s)))
	r.purposeN.SetText(fmt.Sprintf("%d/%d karakter", n, store.MaxPurpose))
	r.purposeN.Importance = widget.MediumImportance
	if n > store.MaxPurpose {
		r.purposeN.Importance = widget.DangerImportance
	}
	r.purposeN.Refresh()
}

// validSatker and validIDNumber give the form's hints in Indonesian as
// the officer types (the store checks the same on saving).
func validSatker(s string) error {
	s = strings.TrimSpace(s)
	if s != "" && (!isDigits(s) || len(s) != 6) {
		//lint:ignore ST1005 a form hint: Fyne shows it under the field as a sentence
		return errors.New("Kode satker harus 6 digit angka.")
	}
	return nil
}

func validIDNumber(s string) error {
	s = strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	if s != "" && (!isDigits(s) || (len(s) != 18 && len(s) != 16)) {
		//lint:ignore ST1005 a form hint: Fyne shows it under the field as a sentence
		return fmt.Errorf("NIP harus 18 digit angka (NIK 16 digit); tertulis %d.", len([]rune(s)))
	}
	return nil
}

// updateSave names the save button after what it will do: a first save,
// saving changes to the visit's receipt (and printing it again), or a new
// receipt the officer asked for.
func (r *registerScreen) updateSave() {
	switch {
	case r.another:
		r.save.SetText("Simpan dan Cetak Tanda Terima Baru")
	case r.last.ID != "":
		r.save.SetText("Simpan Perubahan dan Cetak Ulang")
	default:
		r.save.SetText("Simpan dan Cetak Tanda Terima")
	}
	if r.last.ID != "" && !r.another {
		r.newRcpt.Show()
	} else {
		r.newRcpt.Hide()
	}
	// A receipt whose file has moved on (diproses ...) is not edited any
	// more; another file of the visit gets a new receipt.
	if r.last.Steps > 0 && !r.another {
		r.save.Disable()
	} else {
		r.save.Enable()
	}
}

// resume puts the visit's saved receipt back in the form when the window
// is opened again for the same ticket.
func (r *registerScreen) resume(rc store.Receipt) {
	r.last = rc
	r.fill(rc.Visitor)
	r.purpose.SetText(rc.Purpose)
	reqs := r.requirements()
	for _, c := range rc.Checklist {
		for i, name := range reqs {
			if name == c.Name {
				r.checks[i].SetChecked(c.Present)
				r.notes[i].SetText(c.Note)
			}
		}
	}
	r.updateDecision()
	r.updateSave()
	if rc.Steps > 0 {
		r.say("Tanda terima "+rc.Number+" untuk antrean ini sudah "+strings.ToLower(tracking.Label(rc.Status))+
			"; untuk berkas lain pilih Tanda Terima Baru.", false)
	} else {
		r.say("Antrean ini sudah memiliki tanda terima "+rc.Number+"; menyimpan lagi memperbaruinya dengan nomor yang sama.", false)
	}
}

// onNewReceipt: a second receipt for the same ticket is the officer's
// explicit choice, never what a second press of the save button does.
func (r *registerScreen) onNewReceipt() {
	confirm(r.win, "Tanda terima baru?",
		"Antrean "+r.ticket.Code()+" sudah memiliki tanda terima "+r.last.Number+".\n"+
			"Buat tanda terima kedua (nomor baru) untuk berkas lain dari kunjungan ini?\n"+
			"Tanda terima "+r.last.Number+" tetap berlaku.",
		"Buat Tanda Terima Baru", func() {
			r.another = true
			r.updateSave()
			r.say("Isi data berkas kedua, lalu tekan Simpan dan Cetak Tanda Terima Baru.", false)
		})
}

func (r *registerScreen) build() {
	r.lookup = widget.NewEntry()
	r.lookup.SetPlaceHolder("Pengunjung lama? Ketik no. HP, kode satker atau nama, lalu Enter")
	r.lookup.OnSubmitted = func(string) { r.onLookup() }
	r.results = widget.NewList(func() int { return len(r.found) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			v := r.found[i]
			o.(*widget.Label).SetText(fmt.Sprintf("%s · %s · %s %s", v.Name, pii.Mask(v.Phone), v.SatkerCode, v.SatkerName))
		})
	r.results.OnSelected = func(i widget.ListItemID) { r.fill(r.found[i]) }
	r.satker = widget.NewEntry()
	r.satker.SetPlaceHolder("6 digit")
	r.satkerName = widget.NewLabel("")
	r.satkerName.Wrapping = fyne.TextWrapWord
	r.satker.OnChanged = func(s string) { r.onSatker(s) }
	if r.app.Live {
		r.satkerLookup.pause.delay = satkerDelay
	}
	r.name, r.idNumber, r.phone, r.email = widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	// Two wrapped lines: the keperluan is printed on the receipt, and the
	// officer sees all of it while typing, with the count below.
	r.purpose = newTextArea()
	r.purpose.Wrapping = fyne.TextWrapWord
	r.purpose.SetMinRowsVisible(2)
	r.idNumber.SetPlaceHolder("opsional: NIP 18 digit / NIK 16 digit")
	r.phone.SetPlaceHolder("08xxxxxxxxxx")
	r.email.SetPlaceHolder("opsional")
	r.purpose.SetPlaceHolder("keperluan, mis. pengajuan SPM-LS gaji November")
	r.purposeN = widget.NewLabel("")
	r.purposeN.Alignment = fyne.TextAlignTrailing
	r.purpose.OnChanged = r.purposeCount
	r.purposeCount("")
	r.satker.Validator = validSatker
	r.idNumber.Validator = validIDNumber
	for _, req := range r.requirements() {
		note := widget.NewEntry()
		note.SetPlaceHolder("bila tidak ada: apa yang kurang")
		c := widget.NewCheck(req, func(bool) { r.updateDecision() })
		r.checks = append(r.checks, c)
		r.notes = append(r.notes, note)
	}
	r.decision = widget.NewLabel("")
	r.decision.TextStyle.Bold = true
	r.message = widget.NewLabel("")
	r.message.Wrapping = fyne.TextWrapWord
	r.save = widget.NewButton("Simpan dan Cetak Tanda Terima", r.onSave)
	r.save.Importance = widget.HighImportance
	r.newRcpt = widget.NewButton("Tanda Terima Baru…", r.onNewReceipt)
	r.openDir = widget.NewButtonWithIcon("Buka folder", theme.FolderOpenIcon(), func() {
		if r.savedPath == "" {
			return
		}
		if err := r.app.openPath(filepath.Dir(r.savedPath)); err != nil {
			r.say("Folder tanda terima tidak dapat dibuka: "+filepath.Dir(r.savedPath), true)
		}
	})
	r.openDir.Hide()
	r.receiptList = widget.NewList(func() int { return len(r.receipts) }, newItemRow,
		func(i widget.ListItemID, o fyne.CanvasObject) {
			top, sub, imp := r.app.receiptRow(r.receipts[len(r.receipts)-1-i])
			setItemRow(o, top, sub, imp)
		})
	r.receiptList.OnSelected = func(i widget.ListItemID) {
		r.selectedRcpt = len(r.receipts) - 1 - i
		r.reprintBtn.Enable()
		r.files.open(r.receipts[r.selectedRcpt].Number)
	}
	r.reprintBtn = widget.NewButton("Cetak Ulang (SALINAN)", r.onReprint)
	r.reprintBtn.Disable()
	r.files = newReceiptFiles(r.app, nil, func() { r.loadReceipts() }) // window set once made
	r.updateDecision()
}

// requirements of the linked standard; a service not linked to the catalog
// gets no checklist (the receipt then records receipt only).
func (r *registerScreen) requirements() []string {
	if !r.linked {
		return nil
	}
	return r.entry.Requirements
}

// requirementsNote is the standard's note on its checklist (who may use
// the service, an introductory sentence, "Tidak ada persyaratan").
func (r *registerScreen) requirementsNote() string {
	if !r.linked {
		return ""
	}
	return r.entry.RequirementsNote
}

func (r *registerScreen) content() fyne.CanvasObject {
	head := canvas.NewText(r.ticket.Code()+" · "+r.service.Name, colNavy)
	head.TextSize = 22
	head.TextStyle.Bold = true
	std := "Layanan ini belum ditautkan ke Standar Pelayanan (admin: menu Admin, tab Layanan)."
	if r.linked {
		std = "Standar: " + r.entry.Name + " — jangka waktu: " + timeNorm(r.entry)
	}
	stdLabel := widget.NewLabel(std)
	stdLabel.Wrapping = fyne.TextWrapWord
	// Only the visitor data this service asks (admin: tab Layanan).
	who := widget.NewForm()
	if r.service.Asks(store.FieldSatker) {
		who.Append("Kode satker", r.satker)
		who.Append("Nama satker", r.satkerName)
	}
	who.Append("Nama perwakilan", r.name)
	for _, it := range []struct {
		field string
		entry *widget.Entry
	}{{store.FieldIDNumber, r.idNumber}, {store.FieldPhone, r.phone}, {store.FieldEmail, r.email}} {
		if r.service.Asks(it.field) {
			who.Append(store.VisitorFieldLabel(it.field), it.entry)
		}
	}
	who.Append("Keperluan", container.New(layout.NewCustomPaddedVBoxLayout(-10), r.purpose, r.purposeN))
	r.resultsBox = container.NewGridWrap(fyne.NewSize(480, 110), r.results)
	r.resultsBox.Hide() // shown when a search finds someone
	left := container.NewVBox(card("PENGUNJUNG", container.NewVBox(r.lookup, r.resultsBox, who)))
	checklist := container.NewVBox()
	if note := r.requirementsNote(); note != "" {
		// Who may use the service, or an introduction: read to the
		// visitor, never ticked.
		n := widget.NewLabel(note)
		n.Wrapping = fyne.TextWrapWord
		n.TextStyle.Italic = true
		checklist.Add(n)
	}
	for i, c := range r.checks {
		// The check carries no text: long requirement texts wrap in a label
		// beside it instead of widening the window.
		text := widget.NewLabel(fmt.Sprintf("%d. %s", i+1, c.Text))
		text.Wrapping = fyne.TextWrapWord
		c.Text = ""
		checklist.Add(container.NewBorder(nil, nil, c, nil, text))
		checklist.Add(container.NewPadded(r.notes[i]))
	}
	if len(r.checks) == 0 {
		checklist.Add(widget.NewLabel("Tidak ada daftar persyaratan untuk layanan ini."))
	}
	r.updateSave()
	msgRow := container.NewBorder(nil, nil, nil, container.NewVBox(r.openDir), r.message)
	right := container.NewBorder(nil, container.NewVBox(r.decision, msgRow, container.NewBorder(nil, nil, nil, r.newRcpt, r.save)), nil, nil,
		card("PERSYARATAN (centang yang diserahkan)", container.NewVScroll(checklist)))
	form := container.NewHSplit(container.NewVScroll(left), right)
	form.Offset = 0.45
	today := container.NewHSplit(
		card("TANDA TERIMA HARI INI", container.NewBorder(r.files.scan, r.reprintBtn, nil, nil, r.receiptList)),
		card("BERKAS", r.files.content()))
	today.Offset = 0.45
	tabs := container.NewAppTabs(container.NewTabItem("Registrasi", form), container.NewTabItem("Tanda terima hari ini", today))
	return container.NewBorder(container.NewVBox(head, stdLabel), privacyNotice(registerPrivacyNotice), nil, nil, tabs)
}

func (r *registerScreen) onLookup() {
	q := r.lookup.Text
	var found []store.Visitor
	r.app.run(func(ctx context.Context) error {
		var err error
		found, err = r.app.svc.FindVisitors(ctx, q)
		return err
	}, func(err error) {
		if err != nil {
			r.say(errText(err), true)
			return
		}
		r.found = found
		r.results.Refresh()
		if r.resultsBox != nil {
			if len(found) > 0 {
				r.resultsBox.Show()
			} else {
				r.resultsBox.Hide()
			}
		}
		switch len(found) {
		case 0:
			// Someone new: the form no longer belongs to a visitor
			// found before, whatever it still shows.
			r.visitorID = ""
			// What was typed is not wasted: a satker code or a phone
			// number goes into its field of the new visitor's form.
			q := strings.TrimSpace(q)
			switch {
			case isDigits(q) && len(q) == 6:
				r.satker.SetText(q)
				r.say("Pengunjung belum pernah tercatat. Kode satker sudah diisi; lengkapi data lainnya.", false)
				r.win.Canvas().Focus(r.name)
			case looksLikePhone(q):
				r.phone.SetText(q)
				r.say("Pengunjung belum pernah tercatat. Nomor telepon sudah diisi; lengkapi data lainnya.", false)
				r.win.Canvas().Focus(r.satker)
			default:
				r.say("Pengunjung belum pernah tercatat; isi data baru.", false)
			}
		case 1:
			r.results.Select(0)
		}
	})
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// looksLikePhone: an Indonesian number as officers type it (08…, 62…,
// +62…, with spaces or dashes).
func looksLikePhone(s string) bool {
	d := strings.NewReplacer(" ", "", "-", "", "+", "").Replace(s)
	return isDigits(d) && len(d) >= 9 && (strings.HasPrefix(d, "08") || strings.HasPrefix(d, "62"))
}

// fill puts a returning visitor's data in the form.
func (r *registerScreen) fill(v store.Visitor) {
	r.visitorID = v.ID
	r.name.SetText(v.Name)
	// Only what this service asks is shown again.
	if r.service.Asks(store.FieldSatker) {
		r.satker.SetText(v.SatkerCode)
		r.satkerName.SetText(v.SatkerName)
	}
	if r.service.Asks(store.FieldIDNumber) {
		r.idNumber.SetText(v.IDNumber)
	}
	if r.service.Asks(store.FieldPhone) {
		r.phone.SetText(v.Phone)
	}
	if r.service.Asks(store.FieldEmail) {
		r.email.SetText(v.Email)
	}
	r.say("Data "+v.Name+" diisi dari kunjungan sebelumnya; periksa kembali.", false)
}

// onSatker looks the satker name up as the code is typed.
func (r *registerScreen) onSatker(code string) {
	code = strings.TrimSpace(code)
	if len(code) != 6 {
		r.satkerLookup.stop()
		r.satkerName.SetText("")
		return
	}
	var list []store.Satker
	r.satkerLookup.run(r.app, r.ctx, func(ctx context.Context) error {
		var err error
		list, err = r.app.svc.SearchSatkers(ctx, code)
		return err
	}, func(err error) {
		if err != nil || len(list) == 0 || list[0].Code != code {
			r.satkerName.SetText("(satker belum ada di daftar)")
			return
		}
		r.satkerName.SetText(list[0].Name)
	})
}

func (r *registerScreen) complete() bool {
	for _, c := range r.checks {
		if !c.Checked {
			return false
		}
	}
	return true
}

func (r *registerScreen) updateDecision() {
	if r.complete() {
		r.decision.Importance = widget.SuccessImportance
		r.decision.SetText("Berkas lengkap — diproses")
	} else {
		r.decision.Importance = widget.DangerImportance
		r.decision.SetText("Berkas belum lengkap — dikembalikan (yang kurang dicetak di tanda terima)")
	}
}

func (r *registerScreen) say(msg string, isErr bool) {
	r.message.Importance = widget.MediumImportance
	if isErr {
		r.message.Importance = widget.DangerImportance
	}
	r.message.SetText(msg)
}

func (r *registerScreen) input() office.ReceiptInput {
	in := office.ReceiptInput{TicketID: r.ticket.ID, ServiceID: r.service.ID, Purpose: r.purpose.Text,
		ReceiptID: r.last.ID, Another: r.another,
		Visitor: store.Visitor{ID: r.visitorID, SatkerCode: r.satker.Text, Name: r.name.Text, IDNumber: r.idNumber.Text,
			Phone: r.phone.Text, Email: r.email.Text}}
	if r.another {
		in.ReceiptID = "" // a new number, not the visit's first receipt
	}
	for i, c := range r.checks {
		in.Checklist = append(in.Checklist, store.CheckItem{Name: r.requirements()[i], Present: c.Checked, Note: strings.TrimSpace(r.notes[i].Text)})
	}
	return in
}

// onSave stores the receipt first, then prints: a failed print leaves a
// saved receipt marked unprinted, reprintable from today's list. Saving
// again updates the visit's receipt (same number) and prints it again,
// marked SALINAN once it had come out of the printer.
func (r *registerScreen) onSave() { r.saveWith(false) }

func (r *registerScreen) saveWith(satkerConfirmed bool) {
	in := r.input()
	code := strings.TrimSpace(in.Visitor.SatkerCode)
	if satkerConfirmed {
		r.satkerOK = code
	}
	in.SatkerConfirmed = code != "" && code == r.satkerOK
	if n := len([]rune(strings.TrimSpace(in.Purpose))); n > store.MaxPurpose {
		r.say(fmt.Sprintf("Keperluan terlalu panjang (%d karakter); persingkat menjadi paling banyak %d karakter.", n, store.MaxPurpose), true)
		return
	}
	r.save.Disable()
	r.newRcpt.Disable()
	var rc store.Receipt
	var path string
	var printErr error
	r.app.run(func(ctx context.Context) error {
		var err error
		if rc, err = r.app.svc.CreateReceipt(ctx, r.session.ID, in); err != nil {
			return err
		}
		path, printErr = r.app.printReceipt(ctx, rc, rc.Updated && rc.PrintCount > 0)
		return nil
	}, func(err error) {
		r.save.Enable()
		r.newRcpt.Enable()
		var se *store.Error
		if errors.As(err, &se) && se.Code == "unknown_satker" {
			d := dialog.NewConfirm("Satker tidak ada di daftar", se.Message+"\n\nSimpan dengan kode satker "+
				strings.TrimSpace(in.Visitor.SatkerCode)+"?", func(ok bool) {
				if ok {
					r.saveWith(true)
				} else {
					r.say("Periksa kode satker, lalu simpan kembali.", true)
					r.win.Canvas().Focus(r.satker)
				}
			}, r.win)
			d.SetConfirmText("Ya, kodenya benar")
			d.SetDismissText("Periksa lagi")
			d.Show()
			return
		}
		if err != nil {
			r.say(errText(err), true)
			return
		}
		r.last, r.another = rc, false
		r.visitorID = rc.Visitor.ID
		r.updateSave()
		msg := "Tanda terima " + rc.Number + " tersimpan"
		if rc.Updated {
			msg = "Perubahan tanda terima " + rc.Number + " tersimpan (nomor tetap)"
		}
		if !rc.DueAt.IsZero() {
			msg += "; selesai paling lambat " + reports.FormatDateTimeID(rc.DueAt.In(r.app.office.Location()), r.app.office.ZoneLabel())
		}
		// The file's name only: the full path took three lines and
		// squeezed the checklist; "Buka folder" shows where it is.
		r.savedPath = path
		if path != "" && printErr == nil {
			r.openDir.Show()
		} else {
			r.openDir.Hide()
		}
		switch {
		case printErr != nil:
			r.say(msg+". Tetapi gagal dicetak: "+printErr.Error()+" Cetak ulang dari tab \"Tanda terima hari ini\".", true)
		case rc.Updated && rc.PrintCount > 0:
			r.say(msg+" dan dicetak ulang sebagai SALINAN ("+filepath.Base(path)+").", false)
		default:
			r.say(msg+" dan dicetak ("+filepath.Base(path)+").", false)
		}
		r.loadReceipts()
	})
}

func (r *registerScreen) loadReceipts() {
	var list []store.Receipt
	r.app.run(func(ctx context.Context) error {
		var err error
		list, err = r.app.svc.ReceiptsToday(ctx)
		return err
	}, func(err error) {
		if err != nil {
			return
		}
		r.receipts = list
		r.receiptList.Refresh()
		// Reopening the form for a ticket that has a receipt: saving
		// updates that one, and the button says so.
		if r.last.ID == "" && !r.another {
			for i := len(list) - 1; i >= 0; i-- {
				if list[i].TicketID == r.ticket.ID && r.ticket.ID != "" {
					r.resume(list[i])
					break
				}
			}
		}
	})
}

func (r *registerScreen) onReprint() {
	if r.selectedRcpt < 0 || r.selectedRcpt >= len(r.receipts) {
		return
	}
	rc := r.receipts[r.selectedRcpt]
	var printErr error
	r.app.run(func(ctx context.Context) error {
		_, printErr = r.app.printReceipt(ctx, rc, rc.PrintCount > 0)
		return nil
	}, func(error) {
		if printErr != nil {
			r.say("Gagal mencetak "+rc.Number+": "+printErr.Error(), true)
		} else {
			r.say(rc.Number+" dicetak ulang.", false)
		}
		r.loadReceipts()
	})
}
