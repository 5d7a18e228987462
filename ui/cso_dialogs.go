package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"loket/store"
)

// formDialog is a form in a dialog that closes only when its action
// succeeds: a refusal (an empty reason, a time that cannot be read, the
// store saying no) is said inside the dialog in Indonesian, and everything
// typed stays where it is.
type formDialog struct {
	d       *dialog.CustomDialog
	message *widget.Label
	confirm *widget.Button
	cancel  *widget.Button
	items   []*widget.FormItem
	shown   bool
}

// showForm opens a form dialog. submit runs on the UI thread when the
// officer confirms and calls done (on the UI thread) with the outcome.
func (s *csoScreen) showForm(title, confirm string, items []*widget.FormItem, submit func(done func(error))) *formDialog {
	fd := &formDialog{message: widget.NewLabel(""), items: items}
	fd.message.Wrapping = fyne.TextWrapWord
	fd.message.Importance = widget.DangerImportance
	fd.message.Hide()
	fd.cancel = widget.NewButtonWithIcon("Batal", theme.CancelIcon(), nil)
	fd.confirm = widget.NewButtonWithIcon(confirm, theme.ConfirmIcon(), nil)
	fd.confirm.Importance = widget.HighImportance
	fd.d = dialog.NewCustomWithoutButtons(title, container.NewVBox(widget.NewForm(items...), fd.message), s.app.win)
	fd.d.SetButtons([]fyne.CanvasObject{fd.cancel, fd.confirm})
	fd.d.SetOnClosed(func() { fd.shown = false })
	fd.cancel.OnTapped = fd.d.Hide
	fd.confirm.OnTapped = func() {
		fd.confirm.Disable() // one submission at a time
		submit(func(err error) {
			fd.confirm.Enable()
			if err != nil {
				fd.message.SetText(errText(err))
				fd.message.Show()
				fd.d.Resize(fyne.NewSize(620, 0)) // room for the sentence
				return
			}
			fd.d.Hide()
		})
	}
	fd.d.Resize(fyne.NewSize(620, 0))
	fd.shown = true
	fd.d.Show()
	s.dialog = fd
	return fd
}

// refusal is a check made in the dialog before any service call.
func refusal(msg string) error { return &store.Error{Code: "invalid", Message: msg} }

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
	reason := newTextArea()
	reason.SetPlaceHolder("apa yang perlu dikonfirmasi Kepala Seksi")
	reason.Wrapping = fyne.TextWrapWord
	reason.SetMinRowsVisible(3)
	s.showForm("Eskalasi ke Kepala Seksi", "Eskalasi", []*widget.FormItem{
		widget.NewFormItem("Kepala Seksi", pick), widget.NewFormItem("Alasan", reason)}, func(done func(error)) {
		s.escalate(s.kasis[pick.SelectedIndex()].ID, reason.Text, done)
	})
}

func (s *csoScreen) onDocsDialog() {
	what := newTextArea()
	what.SetPlaceHolder("mis. salinan SK bendahara, screenshot error SAKTI")
	what.Wrapping = fyne.TextWrapWord
	what.SetMinRowsVisible(3)
	s.showForm("Menunggu dokumen pendukung", "Simpan", []*widget.FormItem{
		widget.NewFormItem("Dokumen diminta", what)}, func(done func(error)) {
		s.waitDocuments(what.Text, done)
	})
}

func (s *csoScreen) onCloseDialog() {
	note := widget.NewEntry()
	note.SetPlaceHolder("opsional: alasan ditutup")
	s.showForm("Tutup konsultasi "+s.cur.Number, "Tutup", []*widget.FormItem{
		widget.NewFormItem("Catatan", note)}, func(done func(error)) {
		s.closeWith(note.Text, done)
	})
}

func (s *csoScreen) onCallbackPromise() {
	loc := s.app.office.Location()
	when := widget.NewEntry()
	when.SetText(s.app.Now().In(loc).Add(time.Hour).Truncate(15 * time.Minute).Format("2006-01-02 15:04"))
	phone := widget.NewEntry()
	phone.SetText(s.form.phone.Text)
	note := widget.NewEntry()
	note.SetPlaceHolder("opsional: apa yang akan disampaikan")
	s.showForm("Janji menghubungi kembali", "Simpan", []*widget.FormItem{
		widget.NewFormItem("Waktu (TTTT-BB-HH JJ:MM)", when), widget.NewFormItem("Telepon", phone),
		widget.NewFormItem("Catatan", note)}, func(done func(error)) {
		due, err := time.ParseInLocation("2006-01-02 15:04", strings.TrimSpace(when.Text), loc)
		if err != nil {
			done(refusal("Waktu tidak dapat dibaca. Tulis seperti 2026-11-23 14:30."))
			return
		}
		s.promiseCallback(due, phone.Text, note.Text, done)
	})
}

func (s *csoScreen) onCallbackDialog(cb store.Callback) {
	vd := widget.NewCheck("Data stakeholder sudah diverifikasi (nama, satker)", nil)
	vp := widget.NewCheck("Permasalahan sudah diverifikasi ulang", nil)
	sol := newTextArea()
	sol.SetPlaceHolder("solusi yang diberikan")
	sol.Wrapping = fyne.TextWrapWord
	sol.SetMinRowsVisible(3)
	info := widget.NewLabel(fmt.Sprintf("%s · %s · %s\n%s\n\nEtika call back: salam, sebut nama dan %s; pastikan berbicara dengan orang yang benar; "+
		"ulangi permasalahannya; berikan solusi; akhiri dengan terima kasih dan salam.",
		cb.ConsultationNumber, firstText(cb.StakeholderName, cb.SatkerName), cb.Phone, cb.Note, s.app.office.Name))
	info.Wrapping = fyne.TextWrapWord
	s.showForm("Catat panggilan kembali", "Selesai", []*widget.FormItem{
		widget.NewFormItem("", info), widget.NewFormItem("", vd), widget.NewFormItem("", vp),
		widget.NewFormItem("Solusi", sol)}, func(done func(error)) {
		s.recordCallback(cb, vd.Checked, vp.Checked, sol.Text, done)
	})
	s.open(cb.ConsultationID)
}

// onHistoryDialog shows the item's history, and records a progress note
// or a promised call back from it.
func (s *csoScreen) onHistoryDialog() {
	noteBtn := widget.NewButton("Catat progres", nil)
	cbBtn := widget.NewButton("Janji hubungi kembali…", s.onCallbackPromise)
	msg := widget.NewLabel("")
	msg.Wrapping = fyne.TextWrapWord
	msg.Importance = widget.DangerImportance
	msg.Hide()
	noteBtn.OnTapped = func() {
		s.addNote(s.noteText.Text, func(err error) {
			if err != nil {
				msg.SetText(errText(err))
				msg.Show()
				return
			}
			msg.Hide()
			s.noteText.SetText("")
		})
	}
	open := s.cur.ID != "" && store.IsOpenCSOStatus(s.cur.Status)
	setEnabled(noteBtn, s.cur.ID != "" && s.cur.Status != store.CSODitutup)
	setEnabled(cbBtn, open)
	progress := container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(noteBtn, cbBtn), s.noteText), msg)
	d := dialog.NewCustom("Riwayat dan progres "+s.cur.Number, "Tutup",
		container.NewBorder(progress, nil, nil, nil, container.NewVScroll(s.history)), s.app.win)
	d.Resize(fyne.NewSize(900, 520))
	d.Show()
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
	days.SetPlaceHolder("memuat…")
	s.showForm("Pengaturan CSO", "Simpan", []*widget.FormItem{
		widget.NewFormItem("Tambah kategori", add),
		widget.NewFormItem("Aktif/nonaktif", toggle),
		widget.NewFormItem("Tutup otomatis (hari kerja)", days)}, func(done func(error)) {
		s.saveSettings(add.Text, toggle.SelectedIndex(), days.Text, done)
	})
	// The current setting is read off the UI thread, like every call.
	var v string
	s.app.call(s.ctx, func(ctx context.Context) error {
		var err error
		v, err = s.app.svc.Setting(ctx, store.SettingCSOAutoCloseDays)
		return err
	}, func(err error) {
		if err == nil && days.Text == "" {
			days.SetText(v)
		}
		days.SetPlaceHolder("1 sampai 30")
	})
}
