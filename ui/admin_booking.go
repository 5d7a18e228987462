package ui

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"loket/booking"
	"loket/store"
)

// bookingPane sets the office's appointments (janji temu): whether the
// public booking page offers the office, the booking hours per weekday,
// the slot length, each service's quota per slot and the share kept for
// the priority groups. It is kept as one setting, so it travels up with
// the nightly sync and with the booking exchange every few minutes.
type bookingPane struct {
	app      *App
	enabled  *widget.Check
	hours    *widget.Entry
	slot     *widget.Entry
	priority *widget.Entry
	ahead    *widget.Entry
	quotas   *fyne.Container
	message  *widget.Label
	// phoneURL is the hub's address for phones (store.SettingPhoneURL),
	// printed with each ticket's code as the stub's QR; phoneMsg says
	// whether it was saved.
	phoneURL *widget.Entry
	phoneMsg *widget.Label

	services []store.Service
	entries  []*widget.Entry
	zone     string
}

func newBookingPane(a *App) *bookingPane {
	p := &bookingPane{app: a, enabled: widget.NewCheck("Terima janji temu dari halaman publik pusat", nil),
		hours: widget.NewEntry(), slot: widget.NewEntry(), priority: widget.NewEntry(), ahead: widget.NewEntry(),
		quotas: container.NewVBox(), message: widget.NewLabel(""), phoneURL: widget.NewEntry(), phoneMsg: widget.NewLabel("")}
	p.message.Wrapping = fyne.TextWrapWord
	p.phoneMsg.Wrapping = fyne.TextWrapWord
	p.phoneURL.SetPlaceHolder("http://192.168.1.10:8080")
	return p
}

func (p *bookingPane) content() fyne.CanvasObject {
	save := widget.NewButton("Simpan pengaturan janji temu", p.onSave)
	save.Importance = widget.HighImportance
	help := widget.NewLabel("Jam janji temu Minggu sampai Sabtu, dipisah titik koma; \"tutup\" untuk hari tanpa janji temu. " +
		"Hari libur mengikuti kalender kantor. Kuota 0: layanan tidak menerima janji temu.")
	help.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(
		widget.NewFormItem("Jam janji temu", p.hours),
		widget.NewFormItem("Panjang slot (menit)", p.slot),
		widget.NewFormItem("Porsi prioritas (%)", p.priority),
		widget.NewFormItem("Pesan paling jauh (hari)", p.ahead),
	)
	savePhone := widget.NewButton("Simpan alamat halaman tiket", p.onSavePhoneURL)
	phoneHelp := widget.NewLabel("Alamat server kantor (hub) di Wi-Fi kantor. Kios mencetaknya sebagai kode QR pada karcis, " +
		"sehingga pengunjung dapat memantau nomornya di ponsel (alamat/t/kode). Pakai port halaman ponsel (http, 8080): " +
		"dengan https ponsel pengunjung menampilkan peringatan sertifikat. Kosongkan bila kantor tidak memakai hub.")
	phoneHelp.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(
		card("JANJI TEMU", container.NewVBox(p.enabled, form, help)),
		card("KUOTA PER SLOT", p.quotas),
		save, p.message,
		card("HALAMAN TIKET DI PONSEL", container.NewVBox(
			widget.NewForm(widget.NewFormItem("Alamat server kantor", p.phoneURL)), phoneHelp, savePhone, p.phoneMsg)))
	p.reload()
	return container.NewVScroll(body)
}

func (p *bookingPane) say(msg string, isErr bool) {
	p.message.Importance = widget.SuccessImportance
	if isErr {
		p.message.Importance = widget.DangerImportance
	}
	p.message.SetText(msg)
}

func (p *bookingPane) reload() {
	var text, zone, phone string
	var services []store.Service
	p.app.run(func(ctx context.Context) error {
		var err error
		if text, err = p.app.svc.Setting(ctx, store.SettingBookingConfig); err != nil {
			return err
		}
		if phone, err = p.app.svc.Setting(ctx, store.SettingPhoneURL); err != nil {
			return err
		}
		off, err := p.app.svc.Office(ctx)
		if err != nil {
			return err
		}
		zone = off.Zone
		services, err = p.app.svc.Services(ctx)
		return err
	}, func(err error) {
		if err != nil {
			p.say(errText(err), true)
			return
		}
		c, perr := booking.Parse(text)
		if perr != nil {
			c = booking.DefaultConfig()
		}
		p.zone = zone
		p.phoneURL.SetText(phone)
		p.enabled.SetChecked(c.Enabled)
		p.hours.SetText(c.Hours)
		p.slot.SetText(strconv.Itoa(c.SlotMinutes))
		p.priority.SetText(strconv.Itoa(c.PriorityPercent))
		p.ahead.SetText(strconv.Itoa(c.DaysAhead))
		p.services, p.entries = nil, nil
		p.quotas.RemoveAll()
		for _, sv := range services {
			if !sv.Active {
				continue
			}
			e := widget.NewEntry()
			e.SetText("0")
			for _, q := range c.Services {
				if q.ID == sv.ID {
					e.SetText(strconv.Itoa(q.Quota))
				}
			}
			p.services = append(p.services, sv)
			p.entries = append(p.entries, e)
			p.quotas.Add(widget.NewForm(widget.NewFormItem(sv.Prefix+" · "+sv.Name, e)))
		}
		if len(p.services) == 0 {
			p.quotas.Add(widget.NewLabel("Belum ada layanan aktif."))
		}
	})
}

// bookingNumber reads a whole number the admin typed, or says which field is
// wrong.
func bookingNumber(e *widget.Entry, field string) (int, string) {
	n, err := strconv.Atoi(strings.TrimSpace(e.Text))
	if err != nil {
		return 0, field + " harus berupa angka bulat."
	}
	return n, ""
}

// config is the configuration on screen, or a sentence saying what is
// wrong with it.
func (p *bookingPane) config() (booking.Config, string) {
	c := booking.Config{Enabled: p.enabled.Checked, Zone: p.zone, Hours: strings.TrimSpace(p.hours.Text)}
	var msg string
	if c.SlotMinutes, msg = bookingNumber(p.slot, "Panjang slot"); msg != "" {
		return c, msg
	}
	if c.PriorityPercent, msg = bookingNumber(p.priority, "Porsi prioritas"); msg != "" {
		return c, msg
	}
	if c.DaysAhead, msg = bookingNumber(p.ahead, "Pesan paling jauh"); msg != "" {
		return c, msg
	}
	for i, sv := range p.services {
		q, msg := bookingNumber(p.entries[i], "Kuota "+sv.Name)
		if msg != "" {
			return c, msg
		}
		if q > 0 {
			c.Services = append(c.Services, booking.ServiceQuota{ID: sv.ID, Name: sv.Name, Quota: q})
		}
	}
	if c.Enabled && len(c.Services) == 0 {
		return c, "Isi kuota paling sedikit satu layanan untuk menerima janji temu."
	}
	if err := c.Validate(); err != nil {
		return c, strings.ToUpper(err.Error()[:1]) + err.Error()[1:] + "."
	}
	return c, ""
}

func (p *bookingPane) onSave() {
	c, msg := p.config()
	if msg != "" {
		p.say(msg, true)
		return
	}
	text := c.Format()
	p.app.run(func(ctx context.Context) error {
		return p.app.svc.SaveSetting(ctx, p.app.officerID(), store.SettingBookingConfig, text)
	}, func(err error) {
		if err != nil {
			p.say(errText(err), true)
			return
		}
		p.say("Pengaturan janji temu tersimpan; dikirim ke pusat pada pertukaran janji temu berikutnya.", false)
	})
}

// onSavePhoneURL saves the phone page's address; the store checks it
// (store.CheckPhoneURL) and its refusal is shown as it is.
func (p *bookingPane) onSavePhoneURL() {
	v := strings.TrimRight(strings.TrimSpace(p.phoneURL.Text), "/")
	p.app.run(func(ctx context.Context) error {
		return p.app.svc.SaveSetting(ctx, p.app.officerID(), store.SettingPhoneURL, v)
	}, func(err error) {
		p.phoneMsg.Importance = widget.DangerImportance
		if err != nil {
			p.phoneMsg.SetText(errText(err))
			return
		}
		p.phoneURL.SetText(v)
		p.phoneMsg.Importance = widget.SuccessImportance
		if v == "" {
			p.phoneMsg.SetText("Alamat dikosongkan: karcis tidak memuat tautan halaman tiket.")
			return
		}
		p.phoneMsg.SetText("Alamat halaman tiket tersimpan. Karcis berikutnya memuat kode QR ke " + v + "/t/...")
	})
}
