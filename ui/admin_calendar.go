package ui

import (
	"context"
	"fmt"
	"io"
	"log"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"loket/office"
	"loket/store"
)

var kindOptions = []string{"Libur nasional", "Cuti bersama"}

func kindOf(label string) string {
	if label == "Cuti bersama" {
		return "cuti_bersama"
	}
	return "libur_nasional"
}

func kindLabel(kind string) string {
	if kind == "cuti_bersama" {
		return "Cuti bersama"
	}
	return "Libur nasional"
}

// calendarPane keeps the holiday calendar and the office hours. The list
// shows the stored (SKB) days and, for this year and the next when their
// SKB is not loaded, the estimated days marked perkiraan, so the admin
// sees what deadlines skip.
type calendarPane struct {
	app      *App
	days     []office.CalendarDay
	list     *widget.List
	date     *widget.Entry
	kind     *widget.Select
	name     *widget.Entry
	hours    *widget.Entry
	warning  *widget.Label
	message  *widget.Label
	selected int
}

func newCalendarPane(a *App) *calendarPane {
	p := &calendarPane{app: a, date: widget.NewEntry(), kind: widget.NewSelect(kindOptions, nil), name: widget.NewEntry(),
		hours: widget.NewEntry(), warning: widget.NewLabel(""), message: widget.NewLabel(""), selected: -1}
	p.date.SetPlaceHolder("YYYY-MM-DD")
	p.kind.SetSelected(kindOptions[0])
	p.warning.Importance = widget.WarningImportance
	p.warning.Wrapping = fyne.TextWrapWord
	p.message.Wrapping = fyne.TextWrapWord
	p.list = widget.NewList(func() int { return len(p.days) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			h := p.days[i]
			o.(*widget.Label).SetText(calendarRow(h))
		})
	p.list.OnSelected = func(i widget.ListItemID) {
		p.selected = i
		h := p.days[i]
		p.date.SetText(h.Date)
		p.kind.SetSelected(kindLabel(h.Kind))
		p.name.SetText(h.Name)
		if h.Estimated {
			p.say(fmt.Sprintf("Tanggal ini perkiraan, bukan dari SKB. Menyimpan hari libur tahun %s menjadikan daftar tahun itu "+
				"yang berlaku dan semua perkiraannya tidak dipakai lagi; sebaiknya impor CSV SKB tahun itu.", h.Date[:4]), false)
		}
	}
	return p
}

// calendarRow is one line of the holiday list; an estimated day says
// "perkiraan" in its kind so nobody takes it for the decree.
func calendarRow(h office.CalendarDay) string {
	t, _ := time.Parse(store.DateLayout, h.Date)
	kind := kindLabel(h.Kind)
	if h.Estimated {
		kind += " (perkiraan)"
	}
	return fmt.Sprintf("%s  ·  %s  ·  %s", tanggal(t), kind, h.Name)
}

func (p *calendarPane) content() fyne.CanvasObject {
	save := widget.NewButton("Simpan hari libur", p.onSave)
	save.Importance = widget.HighImportance
	del := widget.NewButton("Hapus", p.onDelete)
	del.Importance = widget.DangerImportance
	imp := widget.NewButton("Impor CSV SKB…", p.onImport)
	saveHours := widget.NewButton("Simpan jam layanan", p.onSaveHours)
	form := widget.NewForm(widget.NewFormItem("Tanggal", p.date), widget.NewFormItem("Jenis", p.kind),
		widget.NewFormItem("Keterangan", p.name))
	hoursHelp := widget.NewLabel("Jam layanan Minggu sampai Sabtu, dipisah titik koma; \"tutup\" untuk hari libur. " +
		"Contoh: tutup;08:00-17:00;08:00-17:00;08:00-17:00;08:00-17:00;08:00-16:30;tutup")
	hoursHelp.Wrapping = fyne.TextWrapWord
	right := container.NewVBox(card("HARI LIBUR", container.NewVBox(form, container.NewHBox(save, del, imp))),
		card("JAM LAYANAN", container.NewVBox(p.hours, hoursHelp, saveHours)), p.warning, p.message)
	split := container.NewHSplit(p.list, container.NewVScroll(right))
	split.Offset = 0.5
	p.reload()
	return split
}

func (p *calendarPane) reload() {
	var days []office.CalendarDay
	var hours, warn string
	p.app.run(func(ctx context.Context) error {
		var err error
		y := p.app.Now().Year()
		if days, err = office.CalendarDays(ctx, p.app.svc, y, y+1); err != nil {
			return err
		}
		if hours, err = p.app.svc.Setting(ctx, store.SettingOfficeHours); err != nil {
			return err
		}
		warn, err = p.app.calendarWarning(ctx)
		return err
	}, func(err error) {
		if err != nil {
			p.say(errText(err), true)
			return
		}
		p.days = days
		p.list.Refresh()
		if hours == "" {
			hours = "tutup;08:00-17:00;08:00-17:00;08:00-17:00;08:00-17:00;08:00-17:00;tutup"
		}
		p.hours.SetText(hours)
		p.warning.SetText(warn)
		p.app.refreshCalendarBanner()
	})
}

func (p *calendarPane) say(msg string, isErr bool) {
	p.message.Importance = widget.SuccessImportance
	if isErr {
		p.message.Importance = widget.DangerImportance
	}
	p.message.SetText(msg)
}

func (p *calendarPane) write(ok string, fn func(ctx context.Context) error) {
	p.app.run(func(ctx context.Context) error { return fn(ctx) }, func(err error) {
		if err != nil {
			p.say(errText(err), true)
			return
		}
		p.say(ok, false)
		p.reload()
	})
}

func (p *calendarPane) onSave() {
	h := store.Holiday{Date: strings.TrimSpace(p.date.Text), Kind: kindOf(p.kind.Selected), Name: p.name.Text}
	ok := "Hari libur " + h.Date + " tersimpan."
	for _, d := range p.days {
		if d.Estimated && len(h.Date) >= 4 && d.Date[:4] == h.Date[:4] {
			ok += " Tahun " + h.Date[:4] + " kini memakai daftar yang tersimpan; perkiraannya tidak dipakai lagi."
			break
		}
	}
	p.write(ok, func(ctx context.Context) error {
		return p.app.svc.SaveHoliday(ctx, p.app.officerID(), h)
	})
}

func (p *calendarPane) onDelete() {
	date := strings.TrimSpace(p.date.Text)
	for _, d := range p.days {
		if d.Date == date && d.Estimated {
			p.say("Tanggal "+date+" adalah perkiraan dan tidak dapat dihapus; perkiraan tahun itu diganti seluruhnya dengan mengimpor CSV SKB-nya.", true)
			return
		}
	}
	p.write("Hari libur "+date+" dihapus; tanggal itu kembali menjadi hari kerja.", func(ctx context.Context) error {
		return p.app.svc.DeleteHoliday(ctx, p.app.officerID(), date)
	})
}

func (p *calendarPane) onSaveHours() {
	text := strings.TrimSpace(p.hours.Text)
	p.write("Jam layanan tersimpan.", func(ctx context.Context) error {
		return p.app.svc.SaveSetting(ctx, p.app.officerID(), store.SettingOfficeHours, text)
	})
}

func (p *calendarPane) onImport() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		defer r.Close()
		data, err := io.ReadAll(io.LimitReader(r, 1<<20))
		if err != nil {
			log.Printf("ui: read holiday file: %v", err)
			p.say(fileUnreadable, true)
			return
		}
		p.importCSV(data)
	}, p.app.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv"}))
	d.Show()
}

// importCSV replaces the years in a SKB CSV file.
func (p *calendarPane) importCSV(data []byte) {
	var n int
	p.app.run(func(ctx context.Context) error {
		var err error
		n, err = p.app.svc.ImportHolidays(ctx, p.app.officerID(), data)
		return err
	}, func(err error) {
		if err != nil {
			p.say(errText(err), true)
			return
		}
		p.say(fmt.Sprintf("%d hari libur diimpor; tahun yang ada di berkas diganti seluruhnya.", n), false)
		p.reload()
	})
}
