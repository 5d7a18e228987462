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

	"loket/printer"
	"loket/store"
)

var printModes = []struct{ label, mode string }{
	{"Tanpa printer: buka PDF di penampil", "pdf"},
	{"Printer thermal ESC/POS (jaringan, port 9100)", "escpos"},
	{"Printer sistem (antrean cetak)", "spooler"},
}

var printLayouts = []struct{ label, layout string }{
	{"A5", "a5"}, {"A4", "a4"}, {"Thermal 80 mm", "thermal80"}, {"Thermal 58 mm (tiket)", "thermal58"},
}

// printerPane sets this PC's printer and prints a test page.
type printerPane struct {
	app    *App
	voice  *widget.Check
	volume *widget.Slider
	mode   *widget.Select
	target *widget.Entry
	layout *widget.Select
	// noStatus marks a thermal printer that never answers status.
	noStatus *widget.Check
	// answer shows what the printer said to Cetak Uji, under the buttons.
	answer  *widget.Label
	queues  *widget.Label
	message *widget.Label
}

func newPrinterPane(a *App) *printerPane {
	p := &printerPane{app: a, target: widget.NewEntry(), queues: widget.NewLabel(""), message: widget.NewLabel("")}
	var modes, layouts []string
	for _, m := range printModes {
		modes = append(modes, m.label)
	}
	for _, l := range printLayouts {
		layouts = append(layouts, l.label)
	}
	p.mode = widget.NewSelect(modes, nil)
	p.layout = widget.NewSelect(layouts, nil)
	p.target.SetPlaceHolder("192.168.1.50:9100 atau nama antrean cetak")
	p.message.Wrapping = fyne.TextWrapWord
	p.queues.Wrapping = fyne.TextWrapWord
	ps := a.printSettings()
	for _, m := range printModes {
		if m.mode == ps.Mode {
			p.mode.SetSelected(m.label)
		}
	}
	for _, l := range printLayouts {
		if l.layout == ps.Layout {
			p.layout.SetSelected(l.label)
		}
	}
	p.target.SetText(ps.Target)
	p.noStatus = widget.NewCheck("Printer thermal tidak menjawab status", nil)
	p.answer = widget.NewLabel("")
	p.answer.Wrapping = fyne.TextWrapWord
	p.noStatus.SetChecked(ps.NoStatus)
	on, vol := a.VoiceSettings()
	p.voice = widget.NewCheck("Umumkan panggilan dengan suara (bel tetap berbunyi bila dimatikan)", nil)
	p.voice.SetChecked(on)
	p.volume = widget.NewSlider(0, 100)
	p.volume.SetValue(vol * 100)
	return p
}

func (p *printerPane) settings() printSettings {
	s := printSettings{Mode: "pdf", Layout: "a5", Target: strings.TrimSpace(p.target.Text), NoStatus: p.noStatus.Checked}
	for _, m := range printModes {
		if m.label == p.mode.Selected {
			s.Mode = m.mode
		}
	}
	for _, l := range printLayouts {
		if l.label == p.layout.Selected {
			s.Layout = l.layout
		}
	}
	return s
}

func (p *printerPane) content() fyne.CanvasObject {
	save := widget.NewButton("Simpan", p.onSave)
	save.Importance = widget.HighImportance
	test := widget.NewButton("Cetak Uji", p.onTest)
	list := widget.NewButton("Lihat printer sistem", p.onList)
	help := widget.NewLabel("Pengaturan ini berlaku untuk komputer ini saja: setiap loket dan kiosk memakai printer di sampingnya. " +
		"Tanda terima selalu disimpan sebagai PDF; printer thermal ditanya keadaannya sebelum dan sesudah mencetak, " +
		"dan bila pencetakan gagal (kertas habis, tutup terbuka, sambungan putus, printer macet) tanda terima ditandai belum tercetak " +
		"beserta alasannya dan dapat dicetak ulang. Cetak Uji menampilkan jawaban printer. Centang \"tidak menjawab status\" hanya bila " +
		"Cetak Uji melaporkan printer tidak menjawab tetapi halaman uji keluar dengan baik: cetakan lalu dianggap berhasil bila datanya terkirim.")
	help.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(widget.NewFormItem("Jenis printer", p.mode), widget.NewFormItem("Alamat / nama", p.target),
		widget.NewFormItem("Ukuran kertas", p.layout), widget.NewFormItem("Status printer", p.noStatus))
	saveVoice := widget.NewButton("Simpan pengaturan suara", func() {
		p.app.SaveVoiceSettings(p.voice.Checked, p.volume.Value/100)
		p.message.Importance = widget.SuccessImportance
		p.message.SetText("Pengaturan suara tersimpan; berlaku saat layar antrean dijalankan ulang.")
	})
	voice := widget.NewForm(widget.NewFormItem("Suara", p.voice), widget.NewFormItem("Volume", p.volume))
	return container.NewVScroll(container.NewVBox(card("PRINTER KOMPUTER INI", container.NewVBox(form, help,
		container.NewHBox(save, test, list), p.answer, p.queues)),
		card("SUARA LAYAR ANTREAN (bila komputer ini menjalankan loket display)", container.NewVBox(voice, saveVoice)),
		p.message))
}

func (p *printerPane) onSave() {
	s := p.settings()
	if s.Mode != "pdf" && s.Target == "" {
		p.message.Importance = widget.DangerImportance
		p.message.SetText("Isi alamat printer thermal (mis. 192.168.1.50:9100) atau nama antrean cetak.")
		return
	}
	p.app.savePrintSettings(s)
	p.message.Importance = widget.SuccessImportance
	p.message.SetText("Pengaturan printer tersimpan.")
}

// onTest saves the settings on screen, prints a test page and shows what
// the printer answered (status before and after, decoded).
func (p *printerPane) onTest() {
	p.onSave()
	if p.message.Importance == widget.DangerImportance {
		return
	}
	p.answer.Importance = widget.MediumImportance
	p.answer.SetText("Mencetak halaman uji…")
	var lines []string
	var err error
	p.app.run(func(ctx context.Context) error {
		ctx, cancel := context.WithTimeout(ctx, time.Minute)
		defer cancel()
		lines, err = p.app.testPrint(ctx)
		return nil
	}, func(error) {
		text := strings.Join(lines, "\n")
		if err != nil {
			p.answer.Importance = widget.DangerImportance
			if text == "" {
				text = err.Error()
			}
			p.answer.SetText(text)
			return
		}
		p.answer.Importance = widget.SuccessImportance
		p.answer.SetText(text + "\nPeriksa hasilnya di printer.")
	})
}

func (p *printerPane) onList() {
	qs, err := printer.ListSpoolerPrinters()
	if err != nil {
		p.queues.SetText("Daftar printer tidak dapat dibaca: " + printer.Message(err))
		return
	}
	if len(qs) == 0 {
		p.queues.SetText("Tidak ada printer sistem yang terpasang.")
		return
	}
	var b strings.Builder
	for _, q := range qs {
		def := ""
		if q.Default {
			def = " (bawaan)"
		}
		fmt.Fprintf(&b, "• %s%s\n", q.Name, def)
	}
	p.queues.SetText(b.String())
}

// satkerPane imports the satker master list.
type satkerPane struct {
	app     *App
	search  *widget.Entry
	result  *widget.Label
	message *widget.Label
	// lookups searches once typing pauses, newest answer only, under
	// ctx: the officer's who opened the pane (ends at logout).
	lookups latest
	ctx     context.Context
}

func newSatkerPane(a *App) *satkerPane {
	p := &satkerPane{app: a, search: widget.NewEntry(), result: widget.NewLabel(""), message: widget.NewLabel(""), ctx: a.ctx()}
	if a.Live {
		p.lookups.pause.delay = satkerDelay
	}
	p.search.SetPlaceHolder("cari kode atau nama satker")
	p.search.OnChanged = func(q string) { p.lookup(q) }
	p.result.Wrapping = fyne.TextWrapWord
	p.message.Wrapping = fyne.TextWrapWord
	return p
}

func (p *satkerPane) content() fyne.CanvasObject {
	imp := widget.NewButton("Impor daftar satker (CSV kode,nama)…", p.onImport)
	return container.NewVScroll(card("DAFTAR SATKER", container.NewVBox(imp, p.message, p.search, p.result)))
}

func (p *satkerPane) lookup(q string) {
	if len(strings.TrimSpace(q)) < 2 {
		p.lookups.stop()
		p.result.SetText("")
		return
	}
	var list []store.Satker
	p.lookups.run(p.app, p.ctx, func(ctx context.Context) error {
		var err error
		list, err = p.app.svc.SearchSatkers(ctx, q)
		return err
	}, func(err error) {
		if err != nil {
			p.result.SetText(errText(err))
			return
		}
		var b strings.Builder
		for _, s := range list {
			fmt.Fprintf(&b, "%s  %s\n", s.Code, s.Name)
		}
		if len(list) == 0 {
			b.WriteString("Tidak ditemukan.")
		}
		p.result.SetText(b.String())
	})
}

func (p *satkerPane) onImport() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		defer r.Close()
		data, err := io.ReadAll(io.LimitReader(r, 8<<20))
		if err != nil {
			log.Printf("ui: read satker file: %v", err)
			p.message.SetText(fileUnreadable)
			return
		}
		p.importCSV(data)
	}, p.app.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv"}))
	d.Show()
}

func (p *satkerPane) importCSV(data []byte) {
	var n int
	p.app.run(func(ctx context.Context) error {
		var err error
		n, err = p.app.svc.ImportSatkers(ctx, p.app.officerID(), data)
		return err
	}, func(err error) {
		if err != nil {
			p.message.Importance = widget.DangerImportance
			p.message.SetText(errText(err))
			return
		}
		p.message.Importance = widget.SuccessImportance
		p.message.SetText(fmt.Sprintf("%d satker diimpor.", n))
	})
}
