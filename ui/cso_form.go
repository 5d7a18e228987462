package ui

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"loket/store"
)

// satkerDelay is how long typing in the satker field must pause before
// the satker list is searched: one query per pause, not per key.
const satkerDelay = 250 * time.Millisecond

// textRows is how many lines the question and the answer show at least:
// a stakeholder's problem is read whole, not through a slit.
const textRows = 6

// satkerCode is a satker code as the office's satker list holds it.
var satkerCode = regexp.MustCompile(`^[0-9]{6}$`)

// csoForm is the consultation being typed or opened: the stakeholder's
// data on the left, the question, identification and answer on the right,
// with the 20-minute timer and the satker look-up.
type csoForm struct {
	s *csoScreen

	number *widget.Label
	status *widget.Label
	timer  *widget.Label
	due    *widget.Label
	ticket *widget.Label

	channel    *widget.Select
	category   *widget.Select
	satker     *widget.Entry
	satkerName *widget.Label
	name       *widget.Entry
	phone      *widget.Entry
	email      *widget.Entry
	lapor      *widget.Entry
	attach     *widget.Entry
	question   *textArea
	ident      *textArea
	answer     *textArea

	// begun is when the first word of a new consultation was typed: the
	// 20-minute clock runs from there, and is sent with the first save so
	// the store keeps it as the opening time.
	begun     time.Time
	saved     bool // the form holds a stored consultation
	visitorID string
	ticketID  string

	satkerLookup debouncer
}

func newCSOForm(s *csoScreen) *csoForm {
	f := &csoForm{s: s}
	if s.app.Live {
		f.satkerLookup.delay = satkerDelay
	}
	f.number = widget.NewLabelWithStyle("Konsultasi baru", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.status = widget.NewLabel("")
	f.status.Truncation = fyne.TextTruncateEllipsis
	f.timer = widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	f.due = widget.NewLabel("")
	f.due.Truncation = fyne.TextTruncateEllipsis
	f.ticket = widget.NewLabel("")
	f.ticket.Alignment = fyne.TextAlignTrailing
	var labels []string
	for _, c := range store.Channels() {
		labels = append(labels, store.ChannelLabel(c))
	}
	f.channel = widget.NewSelect(labels, nil)
	f.channel.PlaceHolder = "Pilih kanal"
	f.category = widget.NewSelect(nil, nil)
	f.category.PlaceHolder = "Pilih kategori"
	f.satker = widget.NewEntry()
	f.satker.SetPlaceHolder("kode 6 digit atau nama satker")
	f.satkerName = widget.NewLabel("")
	f.satkerName.Wrapping = fyne.TextWrapWord
	f.satkerName.Hide()
	f.satker.OnChanged = func(q string) {
		if q != "" {
			f.markStarted()
		}
		f.onSatker(q)
	}
	f.name, f.phone, f.email, f.lapor, f.attach = widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	f.name.SetPlaceHolder("nama penanya")
	f.name.OnChanged = f.startOnText
	f.phone.SetPlaceHolder("telepon, Enter: cari")
	f.phone.OnSubmitted = func(string) { f.onFindVisitor() }
	f.email.SetPlaceHolder("email")
	f.lapor.SetPlaceHolder("opsional: nomor tiket")
	f.attach.SetPlaceHolder("rujukan, pisah dengan ;")
	f.question = newTextArea()
	f.question.SetPlaceHolder("Pertanyaan/permasalahan stakeholder")
	f.question.Wrapping = fyne.TextWrapWord
	f.question.SetMinRowsVisible(textRows)
	f.question.OnChanged = func(q string) {
		f.startOnText(q)
		s.sugg.onQuestion(q)
		s.setButtons() // the status actions wait for a question
	}
	f.ident = newTextArea()
	f.ident.SetPlaceHolder("modul, dokumen, peraturan/juknis terkait")
	f.ident.Wrapping = fyne.TextWrapWord
	f.ident.SetMinRowsVisible(1)
	f.answer = newTextArea()
	f.answer.SetPlaceHolder("Jawaban/solusi yang diberikan")
	f.answer.Wrapping = fyne.TextWrapWord
	f.answer.SetMinRowsVisible(textRows)
	return f
}

// content lays the form out: a head with number, status and timer; the
// stakeholder's data and the screen's messages on the left; question,
// identification and answer on the right; the actions along the bottom.
func (f *csoForm) content(message *widget.Label, actions fyne.CanvasObject) fyne.CanvasObject {
	head := container.NewVBox(
		container.NewBorder(nil, nil, f.number, f.timer, f.status),
		container.NewBorder(nil, nil, nil, f.ticket, f.due),
	)
	// One column of labelled rows; the screen's message (first, so the
	// answer to a tap is always in view) and the satker's name (or why
	// the text typed cannot be used) fill the room under the satker
	// field, in a scroll of their own so a long one never grows the
	// window past the screen.
	// They take only the room they need (none when there is nothing to
	// say), so Lampiran follows Satker and the spare height is left at the
	// column's foot rather than between the fields.
	notesBox := container.NewVBox(message, f.satkerName)
	notes := container.New(&capHeight{max: notesMax, inner: notesBox}, container.NewVScroll(notesBox))
	data := container.New(&textColumn{},
		formLabel("Kanal"), f.channel,
		formLabel("Kategori"), f.category,
		formLabel("Penanya"), f.name,
		formLabel("Kontak"), container.New(&ratioColumns{left: 0.58}, f.phone, f.email),
		formLabel("Satker"), f.satker,
		layout.NewSpacer(), notes,
		formLabel("Lampiran"), container.NewBorder(nil, nil, nil,
			widget.NewButtonWithIcon("", theme.FolderOpenIcon(), f.onPickFile), f.attach),
		formLabel("SP4N-LAPOR!"), f.lapor,
	)
	texts := container.New(&textColumn{grow: map[int]bool{1: true, 5: true}},
		formLabel("Pertanyaan"), f.question,
		formLabel("Identifikasi"), f.ident,
		formLabel("Jawaban"), f.answer)
	body := container.New(&ratioColumns{left: 0.46}, data, texts)
	return container.NewBorder(head, actions, nil, nil, body)
}

// formLabel is a field label styled as widget.Form styles its own.
func formLabel(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
}

// clear empties the form for a new consultation.
func (f *csoForm) clear() {
	f.saved = false
	f.begun = time.Time{} // the timer starts with the first word typed
	f.visitorID, f.ticketID = "", ""
	f.number.SetText("Konsultasi baru")
	f.status.SetText("")
	f.channel.SetSelected(store.ChannelLabel(store.ChannelTatapMuka))
	f.category.ClearSelected()
	for _, e := range []*widget.Entry{f.satker, f.name, f.phone, f.email, f.lapor, f.attach, &f.question.Entry, &f.ident.Entry, &f.answer.Entry} {
		e.SetText("")
	}
	f.setSatkerName("", widget.MediumImportance)
	f.due.Importance = widget.MediumImportance
	f.due.SetText("Tenggat tindak lanjut: 3 hari kerja sejak dicatat.")
	f.ticket.SetText("tanpa nomor antrean")
	if c := f.s.app.counter; c != nil {
		if cur := c.snap.current; cur.ID != "" {
			f.linkTicket(cur.ID, cur.Code())
		}
	}
	f.begun = time.Time{} // clearing the fields typed nothing
}

// linkTicket ties a new consultation to the ticket called at the counter.
func (f *csoForm) linkTicket(id, code string) {
	f.ticketID = id
	f.ticket.SetText("antrean " + code + " (dipanggil di loket ini)")
}

// fill shows a stored consultation.
func (f *csoForm) fill(c store.Consultation, categoryName string) {
	f.saved = true
	f.begun = c.OpenedAt
	f.visitorID, f.ticketID = c.Visitor.ID, c.TicketID
	f.number.SetText(c.Number)
	f.status.SetText("· " + consultStatus(c))
	f.channel.SetSelected(store.ChannelLabel(c.Channel))
	f.category.SetSelected(categoryName)
	f.satker.SetText(c.Visitor.SatkerCode)
	f.setSatkerName(c.Visitor.SatkerName, widget.MediumImportance)
	f.name.SetText(c.Visitor.Name)
	f.phone.SetText(c.Visitor.Phone)
	f.email.SetText(c.Visitor.Email)
	f.lapor.SetText(c.LaporRef)
	f.attach.SetText(strings.Join(c.Attachments, "; "))
	f.question.SetText(c.Question)
	f.ident.SetText(c.Identification)
	f.answer.SetText(c.Answer)
	if c.TicketCode != "" {
		f.ticket.SetText("antrean " + c.TicketCode)
	} else {
		f.ticket.SetText("tanpa nomor antrean")
	}
	loc, zone := f.s.app.office.Location(), f.s.app.office.ZoneLabel()
	due := "Tenggat tindak lanjut: " + fmtDateTime(c.DueAt.In(loc), zone)
	switch {
	case c.Overdue:
		due += " — LEWAT TENGGAT"
		f.due.Importance = widget.DangerImportance
	case c.NeedsProgress:
		due += " — saatnya menyampaikan progres"
		f.due.Importance = widget.WarningImportance
	default:
		f.due.Importance = widget.MediumImportance
	}
	f.due.SetText(due)
}

// fillCategories lists the active categories (and the item's own, even
// when retired since), keeping the choice made.
func (f *csoForm) fillCategories(cats []store.CSOCategory, current string) {
	var names []string
	for _, c := range cats {
		if c.Active || c.ID == current {
			names = append(names, c.Name)
		}
	}
	sel := f.category.Selected
	f.category.SetOptions(names)
	if sel != "" {
		f.category.SetSelected(sel)
	}
}

// input is the consultation as typed in the form, on top of cur. The
// satker field is sent as typed (satkerText); the worker resolves it.
func (f *csoForm) input(cur store.Consultation, categoryID string) (c store.Consultation, satkerText string) {
	c = cur
	c.Channel = channelCode(f.channel.Selected)
	c.Category = categoryID
	c.Visitor = store.Visitor{ID: f.visitorID, Name: f.name.Text, Phone: f.phone.Text, Email: f.email.Text}
	if f.visitorID != "" && (strings.TrimSpace(c.Visitor.Name) != cur.Visitor.Name || store.NormalizePhone(c.Visitor.Phone) != cur.Visitor.Phone) {
		c.Visitor.ID = "" // another person (or new contact details): record them anew
	}
	if c.ID == "" {
		c.TicketID = f.ticketID
		c.OpenedAt = f.begun // the clock ran from the first word typed
	}
	c.Question, c.Identification, c.Answer, c.LaporRef = f.question.Text, f.ident.Text, f.answer.Text, f.lapor.Text
	c.Attachments = strings.Split(f.attach.Text, ";")
	c.Notes, c.Callbacks = nil, nil
	return c, strings.TrimSpace(f.satker.Text)
}

// startOnText starts the clock on the first word typed in a field.
func (f *csoForm) startOnText(text string) {
	if strings.TrimSpace(text) != "" {
		f.markStarted()
	}
}

// markStarted starts the 20-minute clock of a new consultation when the
// officer starts typing it. Saving does not restart it: the store keeps
// this instant as the consultation's opening time.
func (f *csoForm) markStarted() {
	if !f.saved && f.begun.IsZero() {
		f.begun = f.s.app.Now()
		f.s.tick()
	}
}

// tick shows the 20-minute service norm: running from the first word
// until the item is answered, then how long the answer took.
func (f *csoForm) tick(cur store.Consultation, now time.Time) {
	since := f.begun
	if cur.ID != "" {
		since = cur.OpenedAt
	}
	if since.IsZero() {
		f.timer.Importance = widget.MediumImportance
		f.timer.SetText("norma 20 menit per konsultasi")
		return
	}
	if cur.ID != "" && (!cur.AnsweredAt.IsZero() || !store.IsOpenCSOStatus(cur.Status)) {
		end := cur.AnsweredAt
		if end.IsZero() {
			end = firstTime(cur.ResolvedAt, cur.ClosedAt)
		}
		d := end.Sub(since)
		f.timer.Importance = widget.SuccessImportance
		if d > store.CSOServiceNorm {
			f.timer.Importance = widget.WarningImportance
		}
		f.timer.SetText(fmt.Sprintf("dijawab dalam %s", durasi(d)))
		return
	}
	d := max(now.Sub(since), 0)
	if d >= time.Hour {
		f.timer.Importance = widget.DangerImportance
		f.timer.SetText("lewat norma · dimulai " + f.s.short(since))
		return
	}
	if d > store.CSOServiceNorm {
		f.timer.Importance = widget.DangerImportance
		f.timer.SetText(fmt.Sprintf("%02d:%02d · lewat norma 20 menit", int(d.Minutes()), int(d.Seconds())%60))
		return
	}
	f.timer.Importance = widget.HighImportance
	// The time left counts down with the time spent, to the second: a
	// minute rounded up read "sisa 20 dari 20" for the first minute.
	left := (store.CSOServiceNorm - d).Truncate(time.Second)
	f.timer.SetText(fmt.Sprintf("%02d:%02d · sisa %02d:%02d dari 20 menit", int(d.Minutes()), int(d.Seconds())%60,
		int(left.Minutes()), int(left.Seconds())%60))
}

// onSatker says, as the satker field is typed, what it will be saved as:
// the satker's name for a code, the matching satkers for a name, or why
// it cannot be used. The search waits for a pause in typing and runs off
// the UI thread.
func (f *csoForm) onSatker(q string) {
	q = strings.TrimSpace(q)
	switch {
	case len([]rune(q)) < 3:
		f.satkerLookup.cancel()
		f.setSatkerName("", widget.MediumImportance)
		return
	case allDigits(q) && len(q) != 6:
		f.satkerLookup.cancel()
		f.setSatkerName(fmt.Sprintf("Kode satker 6 digit angka (sekarang %d digit).", len(q)), widget.WarningImportance)
		return
	}
	f.satkerLookup.call(func() {
		if strings.TrimSpace(f.satker.Text) != q {
			return // typed on; a newer look-up follows
		}
		var list []store.Satker
		f.s.app.call(f.s.ctx, func(ctx context.Context) error {
			var err error
			list, err = f.s.app.svc.SearchSatkers(ctx, q)
			return err
		}, func(err error) {
			if f.s.closed() || strings.TrimSpace(f.satker.Text) != q {
				return
			}
			f.showSatkerHint(q, list, err)
		})
	})
}

func (f *csoForm) showSatkerHint(q string, list []store.Satker, err error) {
	switch {
	case err != nil:
		f.setSatkerName("Daftar satker tidak dapat dibaca: "+errText(err), widget.DangerImportance)
	case satkerCode.MatchString(q):
		for _, st := range list {
			if st.Code == q {
				f.setSatkerName(st.Name, widget.MediumImportance)
				return
			}
		}
		f.setSatkerName("Kode "+q+" belum ada di daftar satker kantor; tetap disimpan sebagai kode.", widget.WarningImportance)
	case len(list) == 0:
		f.setSatkerName(fmt.Sprintf("Tidak ada satker bernama %q. Ketik kode 6 digit atau sebagian nama satker.", q), widget.DangerImportance)
	case len(list) == 1:
		f.setSatkerName(list[0].Code+" "+list[0].Name+" (dipakai saat disimpan)", widget.MediumImportance)
	default:
		var hints []string
		for i, st := range list {
			if i == 3 {
				break
			}
			hints = append(hints, st.Code+" "+st.Name)
		}
		f.setSatkerName("Ketik kodenya: "+strings.Join(hints, " · "), widget.MediumImportance)
	}
}

// resolveSatker turns the satker field into a code (worker side): a code
// as typed, or the one satker whose name matches. Anything else is
// refused with a sentence, so nothing typed vanishes silently.
func resolveSatker(ctx context.Context, search func(context.Context, string) ([]store.Satker, error), text string) (string, error) {
	switch {
	case text == "" || satkerCode.MatchString(text):
		return text, nil
	case allDigits(text):
		return "", &store.Error{Code: "invalid", Message: "Kode satker harus 6 digit angka (contoh: 409294)."}
	}
	list, err := search(ctx, text)
	if err != nil {
		return "", err
	}
	for _, st := range list {
		if strings.EqualFold(strings.TrimSpace(st.Name), text) {
			return st.Code, nil
		}
	}
	switch len(list) {
	case 1:
		return list[0].Code, nil
	case 0:
		return "", &store.Error{Code: "invalid", Message: fmt.Sprintf(
			"Satker %q tidak dikenal: ketik kode 6 digit atau sebagian nama satker yang ada di daftar.", text)}
	}
	return "", &store.Error{Code: "invalid", Message: fmt.Sprintf(
		"Ada %d satker yang cocok dengan %q; ketik kodenya (mis. %s).", len(list), text, list[0].Code)}
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// setSatkerName shows the satker found (or the hint) under the entry, and
// takes no room when there is nothing to say.
func (f *csoForm) setSatkerName(text string, imp widget.Importance) {
	f.satkerName.Importance = imp
	f.satkerName.SetText(text)
	if text == "" {
		f.satkerName.Hide()
	} else {
		f.satkerName.Show()
	}
}

// onPickFile adds a file's path to the attachment references (the file
// itself stays where it is: the log keeps references, not copies).
func (f *csoForm) onPickFile() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		f.addAttachment(path)
	}, f.s.app.win)
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

func (f *csoForm) addAttachment(ref string) {
	cur := strings.TrimSpace(f.attach.Text)
	if cur != "" {
		cur += "; "
	}
	f.attach.SetText(cur + ref)
}

// onFindVisitor fills a returning stakeholder's data from the phone typed
// (the visitors shared with the front office).
func (f *csoForm) onFindVisitor() {
	q := f.phone.Text
	var found []store.Visitor
	f.s.app.call(f.s.ctx, func(ctx context.Context) error {
		var err error
		found, err = f.s.app.svc.FindVisitors(ctx, q)
		return err
	}, func(err error) {
		if f.s.closed() {
			return
		}
		switch {
		case err != nil:
			f.s.say(errText(err), true)
		case len(found) == 0:
			f.s.say("Nomor ini belum pernah tercatat; isi data penanya baru.", false)
		default:
			v := found[0]
			f.name.SetText(v.Name)
			f.phone.SetText(v.Phone)
			f.email.SetText(v.Email)
			if v.SatkerCode != "" {
				f.satker.SetText(v.SatkerCode)
			}
			f.visitorID = v.ID
			f.s.cur.Visitor = v // the person as recorded: unchanged fields keep the id
			f.s.say("Data "+v.Name+" diisi dari catatan sebelumnya; periksa kembali.", false)
		}
	})
}
