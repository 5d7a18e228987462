package ui

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"loket/office"
	"loket/pii"
	"loket/reports"
	"loket/store"
)

// The Data Pribadi tab (UU 27/2022) of the admin and the data protection
// officer: find a person by NIK/NIP, phone or email, see what is held and
// who viewed it, export it (PDF, JSON), restrict or erase it on request
// with the reason; the retention periods and the retention job; the record
// of processing; the breach notice letter; the backup key.

// Privacy notices: short, in the words of the person reading them.
const (
	kioskPrivacyNotice = "Nomor antrean tidak memuat data pribadi. Data yang Anda berikan di loket hanya dipakai untuk " +
		"layanan ini, disimpan sesuai masa retensi, dan dapat Anda minta salinannya atau penghapusannya kepada petugas " +
		"(UU 27/2022 tentang Pelindungan Data Pribadi)."
	registerPrivacyNotice = "Sampaikan kepada pengunjung: data yang diminta di formulir ini dipakai hanya untuk tanda terima " +
		"dan menghubungi tentang berkasnya; disimpan sesuai masa retensi; pengunjung dapat meminta salinan atau penghapusannya."
)

// privacyNotice is a small notice line for the kiosk and the
// registration form.
func privacyNotice(text string) fyne.CanvasObject {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.TextStyle.Italic = true
	l.SizeName = theme.SizeNameCaptionText
	return l
}

// backupKeyLoss is what losing the backup key means, said before one is
// made.
const backupKeyLoss = "Cadangan terenkripsi hanya dapat dipulihkan dengan kunci cadangan kantor. Jika berkas kunci hilang " +
	"dan tidak ada salinannya, semua cadangan terenkripsi tidak dapat dibuka oleh siapa pun, termasuk pembuat Loket. " +
	"Simpan berkas kunci di luar komputer ini (misalnya dua flashdisk di dua lemari terkunci) lalu hapus dari folder Dokumen."

// Search kinds of the Data Pribadi tab.
const (
	byIDNumber = "NIK/NIP"
	byPhone    = "Telepon"
	byEmail    = "Email"
)

type privacyScreen struct {
	app *App

	by      *widget.Select
	query   *widget.Entry
	purpose *widget.Entry
	findB   *widget.Button
	summary *widget.Label
	access  *widget.Label
	message *widget.Label

	pdfB, jsonB, restrictB, eraseB *widget.Button

	retention map[string]*widget.Entry
	saveRetB  *widget.Button
	dryB      *widget.Button
	purgeB    *widget.Button
	recordB   *widget.Button
	breachB   *widget.Button
	keyB      *widget.Button
	keyInfo   *widget.Label
	duty      *widget.Label

	people []store.PersonData
}

// addPrivacyTab adds the Data Pribadi tab for an admin or the DPO.
func (a *App) addPrivacyTab(tabs *container.AppTabs) {
	a.privacy = nil
	if !office.CanManagePersonalData(a.officer.Role) {
		return
	}
	p := newPrivacyScreen(a)
	a.privacy = p
	item := container.NewTabItem("Data Pribadi", p.content())
	tabs.Append(item)
	if a.officer.Role == store.RoleDPO {
		tabs.Select(item)
	}
	p.loadRetention()
}

func newPrivacyScreen(a *App) *privacyScreen {
	p := &privacyScreen{app: a, query: widget.NewEntry(), purpose: widget.NewEntry(),
		summary: widget.NewLabel("Cari seseorang untuk melihat data yang disimpan tentangnya."),
		access:  widget.NewLabel(accessHint), message: widget.NewLabel(""), keyInfo: widget.NewLabel(""), duty: widget.NewLabel(""),
		retention: map[string]*widget.Entry{}}
	p.by = widget.NewSelect([]string{byIDNumber, byPhone, byEmail}, nil)
	p.by.SetSelected(byIDNumber)
	p.query.SetPlaceHolder("3171012345670001")
	p.query.OnSubmitted = func(string) { p.onFind() }
	p.purpose.SetPlaceHolder("Dasar akses, mis. surat permohonan No. 12/2026")
	p.findB = widget.NewButton("Cari", p.onFind)
	p.findB.Importance = widget.HighImportance
	for _, l := range []*widget.Label{p.summary, p.access, p.message, p.keyInfo, p.duty} {
		l.Wrapping = fyne.TextWrapWord
	}
	p.pdfB = widget.NewButton("Ekspor PDF", p.onPDF)
	p.jsonB = widget.NewButton("Ekspor JSON", p.onJSON)
	p.restrictB = widget.NewButton("Batasi Pemrosesan…", func() { p.onRequest(false) })
	p.eraseB = widget.NewButton("Hapus Data…", func() { p.onRequest(true) })
	p.eraseB.Importance = widget.DangerImportance
	for _, k := range store.PDKinds {
		e := widget.NewEntry()
		e.Validator = validRetention
		p.retention[k] = e
	}
	p.saveRetB = widget.NewButton("Simpan Masa Retensi", p.onSaveRetention)
	p.dryB = widget.NewButton("Uji Retensi (tanpa mengubah)", func() { p.onPurge(true) })
	p.purgeB = widget.NewButton("Jalankan Retensi Sekarang…", func() { p.onPurge(false) })
	p.recordB = widget.NewButton("Catatan Pemrosesan (PDF)", p.onRecord)
	p.breachB = widget.NewButton("Pemberitahuan Kegagalan PDP…", p.onBreach)
	p.keyB = widget.NewButton("Buat Kunci Cadangan…", p.onBackupKey)
	p.duty.SetText("Permintaan subjek data dijawab paling lambat 3 x 24 jam (ps. 32); pemberitahuan kegagalan " +
		"pelindungan paling lambat 3 x 24 jam sejak diketahui (ps. 46).")
	p.showBackupKey()
	p.setPersonButtons()
	return p
}

// accessHint fills the access log panel until a person is found, so it
// is not a blank half of the screen.
const accessHint = "Setelah pencarian, di sini tampil siapa saja yang pernah melihat data orang itu, kapan, dan di layar atau untuk keperluan apa (30 terakhir)."

// showAccess shows an access log in columns, or the hint when there is
// none.
func (p *privacyScreen) showAccess(log string) {
	p.access.TextStyle.Monospace = log != ""
	if log == "" {
		log = accessHint
	}
	p.access.SetText(log)
}

// validRetention accepts a whole number of days, at least 30.
func validRetention(s string) error {
	d, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || d < 30 || d > 36500 {
		return errors.New("tulis jumlah hari, 30 sampai 36500")
	}
	return nil
}

func (p *privacyScreen) content() fyne.CanvasObject {
	search := container.NewBorder(nil, nil, p.by, p.findB, p.query)
	actions := container.NewHBox(p.pdfB, p.jsonB, p.restrictB, p.eraseB)
	person := card("CARI DATA SESEORANG", container.NewVBox(search,
		container.NewBorder(nil, nil, widget.NewLabel("Keperluan"), nil, p.purpose), p.summary, actions, p.message))
	log := card("CATATAN AKSES (siapa melihat data ini)", container.NewVScroll(p.access))
	left := container.NewBorder(person, nil, nil, nil, log)

	form := widget.NewForm()
	for _, k := range store.PDKinds {
		form.Append(store.PDKindLabel(k)+" (hari)", p.retention[k])
	}
	ret := card("MASA RETENSI", container.NewVBox(form, container.NewHBox(p.saveRetB, p.dryB, p.purgeB)))
	docs := card("KEWAJIBAN PENGENDALI DATA", container.NewVBox(p.duty, container.NewHBox(p.recordB, p.breachB)))
	backup := card("KUNCI CADANGAN", container.NewVBox(p.keyInfo, container.NewHBox(p.keyB)))
	right := container.NewVScroll(container.NewVBox(ret, docs, backup))
	split := container.NewHSplit(left, right)
	split.Offset = 0.55
	return split
}

func (p *privacyScreen) setPersonButtons() {
	for _, b := range []*widget.Button{p.pdfB, p.jsonB, p.restrictB, p.eraseB} {
		if len(p.people) == 0 {
			b.Disable()
		} else {
			b.Enable()
		}
	}
}

func (p *privacyScreen) personQuery() store.PersonQuery {
	v := strings.TrimSpace(p.query.Text)
	switch p.by.Selected {
	case byPhone:
		return store.PersonQuery{Phone: v}
	case byEmail:
		return store.PersonQuery{Email: v}
	}
	return store.PersonQuery{IDNumber: v}
}

func (p *privacyScreen) onFind() {
	q := p.personQuery()
	if q.Empty() {
		p.message.SetText("Isi " + p.by.Selected + " orang yang dicari.")
		return
	}
	purpose := strings.TrimSpace(p.purpose.Text)
	if purpose == "" {
		purpose = "Data Pribadi"
	}
	var people []store.PersonData
	p.findB.Disable()
	p.message.SetText("Mencari …")
	svc, actor := p.app.svc, p.app.officer.ID
	p.app.run(func(ctx context.Context) error {
		var err error
		people, err = svc.PersonalData(ctx, actor, purpose, q)
		return err
	}, func(err error) {
		p.findB.Enable()
		p.people = nil
		if errors.Is(err, store.ErrNotFound) {
			p.message.SetText("Tidak ada data pribadi dengan " + p.by.Selected + " itu.")
			p.summary.SetText("")
			p.showAccess("")
		} else if err != nil {
			p.message.SetText(errText(err))
		} else {
			p.people = people
			p.message.SetText("Akses ini tercatat atas nama Anda.")
			p.render()
		}
		p.setPersonButtons()
	})
}

// render shows what is held about the people found, identifiers masked
// (the whole values are in the exports handed to the person).
func (p *privacyScreen) render() {
	loc := p.app.office.Location()
	var b, lg strings.Builder
	for i, pd := range p.people {
		v := pd.Visitor
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%s · NIP/NIK %s · telepon %s · email %s\n", v.Name, orDash(pii.Mask(v.IDNumber)),
			orDash(pii.Mask(v.Phone)), orDash(pii.Mask(v.Email)))
		if v.SatkerCode != "" {
			fmt.Fprintf(&b, "Satker %s %s\n", v.SatkerCode, v.SatkerName)
		}
		fmt.Fprintf(&b, "%d tanda terima, %d konsultasi, %d peristiwa, %d akses tercatat",
			len(pd.Receipts), len(pd.Consultations), len(pd.Events), len(pd.AccessLog))
		switch {
		case !pd.Status.ErasedAt.IsZero():
			fmt.Fprintf(&b, "\nDIHAPUS %s", pd.Status.ErasedAt.In(loc).Format("02/01/2006 15.04"))
		case !pd.Status.RestrictedAt.IsZero():
			fmt.Fprintf(&b, "\nPEMROSESAN DIBATASI sejak %s", pd.Status.RestrictedAt.In(loc).Format("02/01/2006 15.04"))
		}
		for j := len(pd.AccessLog) - 1; j >= 0 && j >= len(pd.AccessLog)-30; j-- {
			a := pd.AccessLog[j]
			who := a.OfficerName
			if who == "" {
				who = "(tanpa petugas)"
			}
			fmt.Fprintf(&lg, "%s  %-22s %s\n", a.At.In(loc).Format("02/01 15.04"), shorten(who, 22), a.Screen)
		}
	}
	p.summary.SetText(b.String())
	p.showAccess(lg.String())
}

func (p *privacyScreen) docName(what, ext string) string {
	return fmt.Sprintf("%s-%s.%s", what, p.app.Now().In(p.app.office.Location()).Format("2006-01-02-150405"), ext)
}

func (p *privacyScreen) onPDF() {
	people, off, now, svc := p.people, p.app.office, p.app.Now(), p.app.svc
	var path string
	p.app.run(func(ctx context.Context) error {
		officers, err := svc.Officers(ctx)
		if err != nil {
			return err
		}
		b, err := reports.DocumentPDF(office.PersonalDataDocument(off, people, officers, now))
		if err != nil {
			return err
		}
		path, err = p.app.saveDocument(p.docName("data-pribadi", "pdf"), b)
		return err
	}, p.saved(&path))
}

func (p *privacyScreen) onJSON() {
	people := p.people
	var path string
	p.app.run(func(ctx context.Context) error {
		b, err := office.PersonalDataExport(people)
		if err != nil {
			return err
		}
		path, err = p.app.writeDocument(p.docName("data-pribadi", "json"), b)
		return err
	}, p.saved(&path))
}

func (p *privacyScreen) saved(path *string) func(error) {
	return func(err error) {
		if err != nil {
			p.message.SetText("Dokumen tidak dapat dibuat: " + errText(err))
			return
		}
		p.message.SetText("Disimpan: " + *path)
	}
}

// onRequest restricts (erase false) or erases the people found, with the
// reason asked first.
func (p *privacyScreen) onRequest(erase bool) {
	title, verb, warn := "Batasi pemrosesan data", "Batasi", "Data tetap disimpan tetapi tidak lagi ditawarkan pada pencarian pengunjung."
	if erase {
		title, verb = "Hapus data pribadi", "Hapus"
		warn = "Nama, NIP/NIK, telepon, email, catatan CSO tentang orang ini dan isi tanda terimanya dihapus untuk " +
			"selamanya. Nomor, tanggal, status dan jumlah untuk laporan tetap. Tindakan ini tidak dapat dibatalkan."
	}
	reason := widget.NewMultiLineEntry()
	reason.SetPlaceHolder("Alasan / nomor surat permohonan")
	reason.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New("alasan wajib diisi")
		}
		return nil
	}
	w := widget.NewLabel(warn)
	w.Wrapping = fyne.TextWrapWord
	d := dialog.NewForm(title, verb, "Batal", []*widget.FormItem{
		widget.NewFormItem("", w), widget.NewFormItem("Alasan", reason)}, func(ok bool) {
		if ok {
			p.request(erase, title, reason.Text)
		}
	}, p.app.win)
	d.Resize(fyne.NewSize(560, 320))
	d.Show()
}

// request restricts or erases the people found, for the reason given.
func (p *privacyScreen) request(erase bool, title, why string) {
	people, svc, actor := p.people, p.app.svc, p.app.officer.ID
	p.app.run(func(ctx context.Context) error {
		for _, pd := range people {
			var err error
			if erase {
				err = svc.ErasePerson(ctx, actor, pd.Visitor.ID, why)
			} else {
				err = svc.RestrictPerson(ctx, actor, pd.Visitor.ID, why)
			}
			if err != nil {
				return err
			}
		}
		return nil
	}, func(err error) {
		if err != nil {
			p.message.SetText(errText(err))
			return
		}
		p.message.SetText(fmt.Sprintf("%s: %d orang, alasan tercatat.", title, len(people)))
		if !erase {
			p.onFind()
		} else {
			p.people = nil
			p.summary.SetText("Data dihapus.")
			p.showAccess("")
			p.setPersonButtons()
		}
	})
}

func (p *privacyScreen) loadRetention() {
	svc := p.app.svc
	vals := map[string]string{}
	p.app.run(func(ctx context.Context) error {
		for _, k := range store.PDKinds {
			v, err := svc.Setting(ctx, store.RetentionSettingKey(k))
			if err != nil {
				return err
			}
			vals[k] = v
		}
		return nil
	}, func(err error) {
		if err != nil {
			p.message.SetText(errText(err))
			return
		}
		for k, v := range vals {
			p.retention[k].SetText(v)
		}
	})
}

func (p *privacyScreen) onSaveRetention() {
	vals := map[string]string{}
	for _, k := range store.PDKinds {
		e := p.retention[k]
		if err := validRetention(e.Text); err != nil {
			p.message.SetText(store.PDKindLabel(k) + ": tulis jumlah hari, paling sedikit 30.")
			return
		}
		vals[k] = strings.TrimSpace(e.Text)
	}
	svc, actor := p.app.svc, p.app.officer.ID
	p.app.run(func(ctx context.Context) error {
		for _, k := range store.PDKinds {
			if err := svc.SaveSetting(ctx, actor, store.RetentionSettingKey(k), vals[k]); err != nil {
				return err
			}
		}
		return nil
	}, func(err error) {
		if err != nil {
			p.message.SetText(errText(err))
			return
		}
		p.message.SetText("Masa retensi disimpan; berlaku pada proses retensi berikutnya (setiap hari pukul 01.30).")
	})
}

func (p *privacyScreen) onPurge(dry bool) {
	run := func() {
		svc, actor := p.app.svc, p.app.officer.ID
		var res store.PurgeResult
		p.app.run(func(ctx context.Context) error {
			var err error
			res, err = svc.PurgeRetention(ctx, actor, dry)
			return err
		}, func(err error) {
			if err != nil {
				p.message.SetText(errText(err))
				return
			}
			var b strings.Builder
			if dry {
				b.WriteString("Uji retensi (tidak ada yang diubah):\n")
			} else {
				b.WriteString("Retensi dijalankan:\n")
			}
			for _, k := range res.Kinds {
				fmt.Fprintf(&b, "%s, %d hari: %d rekaman\n", k.Label, k.Days, k.Rows)
			}
			p.message.SetText(strings.TrimSpace(b.String()))
		})
	}
	if dry {
		run()
		return
	}
	dialog.ShowConfirm("Jalankan retensi sekarang?", "Data pribadi yang lewat masa retensinya dihapus atau disamarkan "+
		"sekarang (biasanya otomatis setiap malam). Jumlah dan waktu layanan untuk laporan tetap.", func(ok bool) {
		if ok {
			run()
		}
	}, p.app.win)
}

func (p *privacyScreen) onRecord() {
	svc, actor, off, now := p.app.svc, p.app.officer.ID, p.app.office, p.app.Now()
	var path string
	p.app.run(func(ctx context.Context) error {
		items, err := svc.ProcessingRecord(ctx, actor)
		if err != nil {
			return err
		}
		ret := map[string]int{}
		for _, k := range store.PDKinds {
			v, err := svc.Setting(ctx, store.RetentionSettingKey(k))
			if err != nil {
				return err
			}
			ret[k], _ = strconv.Atoi(v)
		}
		b, err := reports.DocumentPDF(office.ProcessingRecordDocument(off, items, ret, now))
		if err != nil {
			return err
		}
		path, err = p.app.saveDocument(p.docName("catatan-pemrosesan", "pdf"), b)
		return err
	}, p.saved(&path))
}

// onBreach is the breach notice form: the letter comes out as a PDF.
func (p *privacyScreen) onBreach() {
	loc := p.app.office.Location()
	number, to := widget.NewEntry(), widget.NewEntry()
	to.SetText("Para pengunjung yang data pribadinya terdampak")
	found, happened := widget.NewEntry(), widget.NewEntry()
	found.SetText(p.app.Now().In(loc).Format("2006-01-02 15:04"))
	happened.SetPlaceHolder("TTTT-BB-HH JJ:MM (kosong: belum diketahui)")
	what, data, measures, advice := widget.NewMultiLineEntry(), widget.NewMultiLineEntry(), widget.NewMultiLineEntry(), widget.NewMultiLineEntry()
	what.SetPlaceHolder("Bagaimana data pribadi terungkap")
	data.SetPlaceHolder("Data pribadi apa saja")
	measures.SetPlaceHolder("Upaya penanganan dan pemulihan")
	advice.SetPlaceHolder("Yang dapat dilakukan orang terdampak (opsional)")
	affected, contact := widget.NewEntry(), widget.NewEntry()
	affected.SetPlaceHolder("0 = belum diketahui")
	msg := widget.NewLabel("")
	msg.Wrapping = fyne.TextWrapWord
	msg.Importance = widget.DangerImportance
	form := widget.NewForm(
		widget.NewFormItem("Nomor surat", number), widget.NewFormItem("Kepada", to),
		widget.NewFormItem("Diketahui", found), widget.NewFormItem("Terjadi", happened),
		widget.NewFormItem("Kejadian", what), widget.NewFormItem("Data terungkap", data),
		widget.NewFormItem("Orang terdampak", affected), widget.NewFormItem("Penanganan", measures),
		widget.NewFormItem("Saran", advice), widget.NewFormItem("Narahubung", contact))
	var d *dialog.CustomDialog
	build := func() {
		n := office.BreachNotice{Number: number.Text, Recipient: to.Text, What: what.Text, Data: data.Text,
			Measures: measures.Text, Advice: advice.Text, Contact: contact.Text, Signer: p.app.officer}
		var err error
		if n.DiscoveredAt, err = time.ParseInLocation("2006-01-02 15:04", strings.TrimSpace(found.Text), loc); err != nil {
			msg.SetText("Tulis waktu diketahui sebagai TTTT-BB-HH JJ:MM, misalnya 2026-11-23 09:30.")
			return
		}
		if s := strings.TrimSpace(happened.Text); s != "" {
			if n.OccurredAt, err = time.ParseInLocation("2006-01-02 15:04", s, loc); err != nil {
				msg.SetText("Tulis waktu terjadi sebagai TTTT-BB-HH JJ:MM, atau kosongkan.")
				return
			}
		}
		if s := strings.TrimSpace(affected.Text); s != "" {
			if n.Affected, err = strconv.Atoi(s); err != nil {
				msg.SetText("Jumlah orang terdampak ditulis dengan angka.")
				return
			}
		}
		now := p.app.Now()
		if err := n.Validate(now); err != nil {
			msg.SetText(errText(err))
			return
		}
		off := p.app.office
		var path string
		p.app.run(func(ctx context.Context) error {
			b, err := reports.DocumentPDF(office.BreachNoticeDocument(off, n, now))
			if err != nil {
				return err
			}
			path, err = p.app.saveDocument(p.docName("pemberitahuan-kegagalan-pdp", "pdf"), b)
			return err
		}, func(err error) {
			if err != nil {
				msg.SetText("Surat tidak dapat dibuat: " + errText(err))
				return
			}
			d.Hide()
			p.message.SetText("Surat pemberitahuan disimpan: " + path + ". Kirim paling lambat " +
				n.BreachDeadline().In(loc).Format("02/01/2006 15.04") + ".")
		})
	}
	makeB := widget.NewButton("Buat Surat (PDF)", build)
	makeB.Importance = widget.HighImportance
	body := container.NewBorder(nil, container.NewVBox(msg, container.NewHBox(makeB)), nil, nil, container.NewVScroll(form))
	d = dialog.NewCustom("Pemberitahuan Kegagalan Pelindungan Data Pribadi", "Tutup", body, p.app.win)
	d.Resize(fyne.NewSize(760, 640))
	d.Show()
}

// showBackupKey says whether backups are encrypted on this PC.
func (p *privacyScreen) showBackupKey() {
	ctl := p.app.syncCtl
	if ctl == nil {
		p.keyInfo.SetText("Cadangan dibuat di komputer yang menyimpan data kantor (hub). Di sana: loket backup --kunci-baru BERKAS.\n\n" + backupKeyLoss)
		p.keyB.Disable()
		return
	}
	if rcpt := ctl.BackupRecipient(); rcpt != "" {
		p.keyInfo.SetText("Cadangan dienkripsi dengan kunci kantor (" + shorten(rcpt, 20) + ").\n\n" + backupKeyLoss)
		p.keyB.SetText("Ganti Kunci Cadangan…")
		return
	}
	p.keyInfo.SetText("Cadangan BELUM dienkripsi: siapa pun yang memegang berkas cadangan dapat membaca data pengunjung.\n\n" + backupKeyLoss)
}

// onBackupKey makes the office's backup key after the loss is explained:
// the secret into the documents folder (to be moved off this PC), the
// public half into the sync settings.
func (p *privacyScreen) onBackupKey() {
	ctl := p.app.syncCtl
	if ctl == nil {
		return
	}
	dialog.ShowConfirm("Buat kunci cadangan kantor?", backupKeyLoss+"\n\nCadangan yang sudah ada tidak berubah. Lanjutkan?", func(ok bool) {
		if ok {
			p.makeBackupKey(ctl)
		}
	}, p.app.win)
}

// makeBackupKey writes a new key file and puts its public half into the
// sync settings.
func (p *privacyScreen) makeBackupKey(ctl office.SyncControl) {
	var path string
	p.app.run(func(ctx context.Context) error {
		idText, recipient, err := ctl.NewBackupKey()
		if err != nil {
			return err
		}
		// The secret is written first: a key whose file could not be
		// written is never used.
		path, err = p.app.writeDocument(p.docName("kunci-cadangan-"+p.app.office.Code, "txt"), []byte(idText))
		if err != nil {
			return err
		}
		return ctl.SetBackupRecipient(recipient)
	}, func(err error) {
		if err != nil {
			p.message.SetText("Kunci cadangan tidak dapat dibuat: " + errText(err))
			return
		}
		p.showBackupKey()
		p.message.SetText("Kunci cadangan disimpan di " + path + ". Pindahkan ke dua flashdisk sekarang, lalu hapus dari komputer ini.")
	})
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
