package ui

import (
	"context"
	"fmt"
	"log"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"loket/queue"
	"loket/reports"
)

// fairnessScreen is the Kepala Seksi's daily fairness sheet (Keadilan
// Antrean): calls out of the queue's order with their reasons, pauses, and
// counters idle while visitors waited, per officer; saved as PDF for the
// Zona Integritas file. The figures come from office.Service.FairnessSheet.
type fairnessScreen struct {
	app     *App
	date    *widget.Entry
	show    *widget.Button
	pdfB    *widget.Button
	message *widget.Label
	summary *widget.Label
	// Sections of the sheet, one line per row.
	officers *widget.Label
	calls    *widget.Label
	reacts   *widget.Label
	pauses   *widget.Label
	idle     *widget.Label

	day  queue.FairnessDay
	have bool
}

// addFairnessTab adds the Keadilan Antrean tab after Laporan (same roles).
func (a *App) addFairnessTab(tabs *container.AppTabs) {
	a.fairness = newFairnessScreen(a)
	tabs.Append(container.NewTabItem("Keadilan Antrean", a.fairness.content()))
	a.fairness.onShow()
}

func newFairnessScreen(a *App) *fairnessScreen {
	f := &fairnessScreen{app: a}
	f.date = widget.NewEntry()
	f.date.SetText(a.office.BusinessDate(a.Now()))
	f.date.SetPlaceHolder("TTTT-BB-HH")
	f.show = widget.NewButton("Tampilkan", f.onShow)
	f.show.Importance = widget.HighImportance
	f.pdfB = widget.NewButton("Simpan PDF", f.onPDF)
	f.pdfB.Disable()
	f.message = widget.NewLabel("")
	f.message.Wrapping = fyne.TextWrapWord
	f.summary = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.summary.Wrapping = fyne.TextWrapWord
	for _, l := range []**widget.Label{&f.officers, &f.calls, &f.reacts, &f.pauses, &f.idle} {
		*l = widget.NewLabel("")
		(*l).Wrapping = fyne.TextWrapWord
	}
	return f
}

func (f *fairnessScreen) content() fyne.CanvasObject {
	form := container.NewVBox(
		container.NewBorder(nil, nil, widget.NewLabel("Tanggal"), container.NewHBox(f.show, layout.NewSpacer(), f.pdfB), f.date),
		f.message, f.summary)
	body := container.NewVBox(
		card("PER PETUGAS", f.officers),
		card("PANGGILAN DI LUAR URUTAN", f.calls),
		card("NOMOR TIDAK HADIR YANG DIAKTIFKAN KEMBALI", f.reacts),
		card("JEDA LOKET", f.pauses),
		card("LOKET MENGANGGUR SAAT ADA YANG MENUNGGU", f.idle),
	)
	return container.NewBorder(card("Lembar keadilan antrean (Zona Integritas)", form), nil, nil, nil, container.NewVScroll(body))
}

func (f *fairnessScreen) onShow() {
	date := strings.TrimSpace(f.date.Text)
	id := f.app.officer.ID
	var day queue.FairnessDay
	f.show.Disable()
	f.app.run(func(ctx context.Context) error {
		var err error
		day, err = f.app.svc.FairnessSheet(ctx, id, date)
		return err
	}, func(err error) {
		f.show.Enable()
		if err != nil {
			f.message.SetText(errText(err))
			return
		}
		f.message.SetText("")
		f.day, f.have = day, true
		f.pdfB.Enable()
		f.render()
	})
}

// render writes the sheet into the section labels. UI thread only.
func (f *fairnessScreen) render() {
	d := f.day
	loc := f.app.office.Location()
	clock := func(t time.Time) string { return t.In(loc).Format("15:04") }
	name := func(id string) string {
		if n := d.OfficerNames[id]; n != "" {
			return n
		}
		return id
	}
	ctr := func(id string) string {
		if n := d.CounterNames[id]; n != "" {
			return n
		}
		return id
	}
	var paused time.Duration
	for _, p := range d.Pauses {
		paused += p.Duration()
	}
	f.summary.SetText(fmt.Sprintf("%d panggilan di luar urutan · %d jeda (%s) · %d kali loket menganggur saat ada yang menunggu (sampai pukul %s)",
		len(d.OutOfOrder), len(d.Pauses), reports.FormatMinutes(paused, true), len(d.Idle), clock(d.Until)))
	lines := func(empty string, rows []string) string {
		if len(rows) == 0 {
			return empty
		}
		return strings.Join(rows, "\n")
	}
	var rows []string
	for _, o := range d.Officers {
		rows = append(rows, fmt.Sprintf("%s — di luar urutan %d · diaktifkan kembali %d · jeda %d kali (%s) · menganggur saat antre %s",
			name(o.OfficerID), o.OutOfOrder, o.Reactivated, o.Pauses, reports.FormatMinutes(o.Paused, o.Pauses > 0), reports.FormatMinutes(o.Idle, o.Idle > 0)))
	}
	f.officers.SetText(lines("Tidak ada catatan untuk petugas mana pun.", rows))
	rows = nil
	for _, c := range d.OutOfOrder {
		rows = append(rows, fmt.Sprintf("%s  %s  %s  %s — melompati %d nomor — %s", clock(c.At), c.Code, ctr(c.CounterID),
			name(c.OfficerID), c.Ahead, c.Reason))
	}
	f.calls.SetText(lines("Tidak ada: semua nomor dipanggil menurut urutan antrean.", rows))
	rows = nil
	for _, a := range d.Reactivations {
		rows = append(rows, fmt.Sprintf("%s  %s  %s", clock(a.At), a.Code, name(a.OfficerID)))
	}
	f.reacts.SetText(lines("Tidak ada.", rows))
	rows = nil
	for _, p := range d.Pauses {
		end := clock(p.End)
		if p.Ongoing {
			end += " (masih dijeda)"
		}
		rows = append(rows, fmt.Sprintf("%s–%s  %s  %s  %s — %s", clock(p.Start), end, reports.FormatMinutes(p.Duration(), true),
			ctr(p.CounterID), name(p.OfficerID), p.Reason))
	}
	f.pauses.SetText(lines("Tidak ada loket yang dijeda.", rows))
	rows = nil
	for _, w := range d.Idle {
		note := ""
		if w.Paused {
			note = " (sebagian dijeda)"
		}
		rows = append(rows, fmt.Sprintf("%s–%s  %s  %s  %s — menunggu sampai %d nomor%s", clock(w.Start), clock(w.End),
			reports.FormatMinutes(w.Duration(), true), ctr(w.CounterID), name(w.OfficerID), w.MaxWaiting, note))
	}
	f.idle.SetText(lines(fmt.Sprintf("Tidak ada loket terbuka yang menganggur %s atau lebih selagi ada yang menunggu.",
		reports.FormatMinutes(queue.IdleMin, true)), rows))
}

// onPDF saves the sheet shown as PDF in the documents folder and opens it.
func (f *fairnessScreen) onPDF() {
	if !f.have {
		return
	}
	day, off, now := f.day, f.app.office, f.app.Now()
	var path string
	f.pdfB.Disable()
	f.app.run(func(ctx context.Context) error {
		info := reports.OfficeInfo{Code: off.Code, Name: off.Name, Address: off.Address, ZoneLabel: off.ZoneLabel(),
			Hierarchy: []string{"Kementerian Keuangan Republik Indonesia"}}
		data, err := reports.FairnessPDF(day, info, now, off.Location())
		if err != nil {
			return err
		}
		path, err = f.app.writeDocument("keadilan-antrean-"+day.Date+".pdf", data)
		return err
	}, func(err error) {
		f.pdfB.Enable()
		if err != nil {
			log.Printf("ui: fairness sheet pdf: %v", err)
			f.message.SetText("Lembar keadilan antrean tidak dapat disimpan; periksa bahwa folder Dokumen Loket ada dan dapat ditulisi.")
			return
		}
		f.message.SetText("Tersimpan di " + path + ".")
		if err := f.app.openPath(path); err != nil {
			log.Printf("ui: open %s: %v", path, err)
		}
	})
}
