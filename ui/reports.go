package ui

import (
	"context"
	"fmt"
	"log"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"loket/office"
	"loket/reports"
	"loket/store"
)

// Period choices of the Laporan tab.
const (
	choiceDay   = "Harian"
	choiceMonth = "Bulanan"
	choiceRange = "Rentang tanggal"
	filterAll   = "Semua layanan, loket dan petugas"
)

// reportsScreen is the Laporan tab of the Kepala Seksi and the admin: pick
// a day, a month or a range and optionally one service, counter or
// officer; see the key figures; save the report as PDF, XLSX or CSV or
// print the morning-briefing sheet.
type reportsScreen struct {
	app *App

	kind     *widget.RadioGroup
	from     *widget.Entry
	to       *widget.Entry
	fromL    *widget.Label
	toRow    *fyne.Container
	filter   *widget.Select
	filters  map[string]reports.Filter
	show     *widget.Button
	pdfB     *widget.Button
	xlsxB    *widget.Button
	csvB     *widget.Button
	briefB   *widget.Button
	zipB     *widget.Button // Paket Bukti ZI (reports_zi.go)
	progress *widget.ProgressBar
	message  *widget.Label
	figures  *fyne.Container
	table    *widget.Label
	// calWarn says the period has a year without a holiday calendar.
	calWarn *widget.Label

	fig     reports.Figures
	haveFig bool
}

func newReportsScreen(a *App) *reportsScreen {
	r := &reportsScreen{app: a, filters: map[string]reports.Filter{}}
	now := a.Now().In(a.office.Location())
	r.from = widget.NewEntry()
	r.to = widget.NewEntry()
	r.from.SetText(now.Format("2006-01-02"))
	r.to.SetText(now.Format("2006-01-02"))
	r.fromL = widget.NewLabel("Tanggal (TTTT-BB-HH)")
	r.toRow = container.NewBorder(nil, nil, widget.NewLabel("Sampai tanggal"), nil, r.to)
	r.kind = widget.NewRadioGroup([]string{choiceDay, choiceMonth, choiceRange}, r.onKind)
	r.kind.Horizontal = true
	r.kind.SetSelected(choiceDay)
	r.filter = widget.NewSelect([]string{filterAll}, nil)
	r.filter.SetSelected(filterAll)
	r.show = widget.NewButton("Tampilkan", r.onShow)
	r.show.Importance = widget.HighImportance
	r.pdfB = widget.NewButton("Simpan PDF", func() { r.export("pdf") })
	r.xlsxB = widget.NewButton("Simpan XLSX", func() { r.export("xlsx") })
	r.csvB = widget.NewButton("Simpan CSV", func() { r.export("csv") })
	r.briefB = widget.NewButton("Lembar Pengarahan Pagi", r.onBriefing)
	r.zipB = r.newZIPackButton()
	r.progress = widget.NewProgressBar()
	r.progress.Hide()
	r.message = widget.NewLabel("")
	r.message.Wrapping = fyne.TextWrapWord
	r.figures = container.NewGridWithColumns(4)
	r.table = widget.NewLabel("")
	r.table.TextStyle.Monospace = true
	r.calWarn = widget.NewLabel("")
	r.calWarn.Importance = widget.WarningImportance
	r.calWarn.Wrapping = fyne.TextWrapWord
	r.calWarn.Hide()
	r.loadFilters()
	return r
}

func (r *reportsScreen) content() fyne.CanvasObject {
	form := container.NewVBox(
		r.kind,
		container.NewBorder(nil, nil, r.fromL, nil, r.from),
		r.toRow,
		container.NewBorder(nil, nil, widget.NewLabel("Batasi"), nil, r.filter),
		container.NewHBox(r.show, layout.NewSpacer(), r.pdfB, r.xlsxB, r.csvB, r.briefB, r.zipB),
		r.progress, r.message,
	)
	body := container.NewVBox(r.calWarn, r.figures, card("Kinerja per layanan", r.table))
	return container.NewBorder(card("Laporan kinerja pelayanan dan IKM", form), nil, nil, nil, container.NewVScroll(body))
}

func (r *reportsScreen) onKind(k string) {
	if r.fromL == nil {
		return
	}
	now := r.app.Now().In(r.app.office.Location())
	switch k {
	case choiceMonth:
		r.fromL.SetText("Bulan (TTTT-BB)")
		r.from.SetText(now.Format("2006-01"))
		r.toRow.Hide()
	case choiceRange:
		r.fromL.SetText("Dari tanggal (TTTT-BB-HH)")
		r.from.SetText(now.AddDate(0, 0, -6).Format("2006-01-02"))
		r.toRow.Show()
	default:
		r.fromL.SetText("Tanggal (TTTT-BB-HH)")
		r.from.SetText(now.Format("2006-01-02"))
		r.toRow.Hide()
	}
	r.haveFig = false
}

// loadFilters fills the filter choice with the services, counters and
// officers.
func (r *reportsScreen) loadFilters() {
	var svcs []store.Service
	var ctrs []store.Counter
	var offs []store.Officer
	r.app.run(func(ctx context.Context) error {
		var err error
		if svcs, err = r.app.svc.Services(ctx); err != nil {
			return err
		}
		if ctrs, err = r.app.svc.Counters(ctx); err != nil {
			return err
		}
		offs, err = r.app.svc.Officers(ctx)
		return err
	}, func(err error) {
		if err != nil {
			r.message.SetText(errText(err))
			return
		}
		opts := []string{filterAll}
		r.filters = map[string]reports.Filter{filterAll: {}}
		add := func(label string, f reports.Filter) {
			opts = append(opts, label)
			r.filters[label] = f
		}
		for _, s := range svcs {
			add("Layanan: "+s.Prefix+" — "+s.Name, reports.Filter{ServiceID: s.ID})
		}
		for _, c := range ctrs {
			add("Loket: "+c.Label(), reports.Filter{CounterID: c.ID})
		}
		for _, o := range offs {
			if o.Role == store.RoleFO || o.Role == store.RoleCSO {
				add("Petugas: "+o.FullName, reports.Filter{OfficerID: o.ID})
			}
		}
		r.filter.Options = opts
		r.filter.SetSelected(filterAll)
	})
}

// period reads the chosen period; the message says what is wrong.
func (r *reportsScreen) period() (reports.Period, string) {
	from := strings.TrimSpace(r.from.Text)
	switch r.kind.Selected {
	case choiceMonth:
		m, err := time.Parse("2006-01", from)
		if err != nil {
			return reports.Period{}, "Tulis bulan sebagai TTTT-BB, misalnya 2026-11."
		}
		return reports.MonthPeriod(m), ""
	case choiceRange:
		a, err1 := time.Parse("2006-01-02", from)
		b, err2 := time.Parse("2006-01-02", strings.TrimSpace(r.to.Text))
		if err1 != nil || err2 != nil {
			return reports.Period{}, "Tulis tanggal sebagai TTTT-BB-HH, misalnya 2026-11-23."
		}
		p := reports.RangePeriod(a, b)
		if _, _, err := p.Dates(); err != nil {
			return p, "Rentang tidak valid: " + err.Error() + "."
		}
		return p, ""
	}
	d, err := time.Parse("2006-01-02", from)
	if err != nil {
		return reports.Period{}, "Tulis tanggal sebagai TTTT-BB-HH, misalnya 2026-11-23."
	}
	return reports.DayPeriod(d), ""
}

func (r *reportsScreen) busy(on bool, step float64, text string) {
	for _, b := range []*widget.Button{r.show, r.pdfB, r.xlsxB, r.csvB, r.briefB, r.zipB} {
		if on {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	if on {
		r.progress.Show()
	} else {
		r.progress.Hide()
	}
	r.progress.SetValue(step)
	r.message.SetText(text)
}

// stepTo moves the progress bar from the worker goroutine.
func (r *reportsScreen) stepTo(v float64, text string) {
	fyne.Do(func() {
		r.progress.SetValue(v)
		r.message.SetText(text)
	})
}

// fetch reads the figures off the UI thread; the filter is read on it,
// before the worker starts (filterNow).
func (r *reportsScreen) fetch(ctx context.Context, p reports.Period, f reports.Filter) (reports.Figures, error) {
	return r.app.svc.ReportData(ctx, r.app.officerID(), p, f)
}

// filterNow is the chosen filter (on the UI thread).
func (r *reportsScreen) filterNow() reports.Filter { return r.filters[r.filter.Selected] }

func (r *reportsScreen) onShow() {
	p, msg := r.period()
	if msg != "" {
		r.message.SetText(msg)
		return
	}
	var fig reports.Figures
	r.busy(true, 0.2, "Menghitung angka laporan …")
	filter := r.filterNow()
	r.app.run(func(ctx context.Context) error {
		var err error
		fig, err = r.fetch(ctx, p, filter)
		return err
	}, func(err error) {
		r.busy(false, 1, "")
		if err != nil {
			r.message.SetText(errText(err))
			return
		}
		r.fig, r.haveFig = fig, true
		r.render()
	})
}

// render shows the key figures and the per-service table.
func (r *reportsScreen) render() {
	f := r.fig
	t := f.Total
	share, ok := t.NormShare()
	ikm := "-"
	if f.IKM.Respondents > 0 {
		ikm = fmt.Sprintf("%s (%s, %d responden)", reports.FormatDecimal(f.IKM.Value, 2), f.IKM.Grade, f.IKM.Respondents)
	}
	tile := func(label, value string) fyne.CanvasObject {
		v := widget.NewLabelWithStyle(value, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		return card(label, v)
	}
	r.figures.Objects = []fyne.CanvasObject{
		tile("Tiket diambil", strconv.Itoa(t.Issued)),
		tile("Dilayani", strconv.Itoa(t.Served)),
		tile("Tidak hadir / batal", fmt.Sprintf("%d / %d", t.NoShow, t.Cancelled)),
		tile("Sesuai norma waktu", reports.FormatPercent(share, ok)),
		tile("Tunggu median / p90 / maks", fmt.Sprintf("%s / %s / %s", reports.FormatMinutes(t.Wait.Median, t.Wait.N > 0),
			reports.FormatMinutes(t.Wait.P90, t.Wait.N > 0), reports.FormatMinutes(t.Wait.Max, t.Wait.N > 0))),
		tile("Layanan median / p90 / maks", fmt.Sprintf("%s / %s / %s", reports.FormatMinutes(t.Service.Median, t.Service.N > 0),
			reports.FormatMinutes(t.Service.P90, t.Service.N > 0), reports.FormatMinutes(t.Service.Max, t.Service.N > 0))),
		tile("Indeks Kepuasan Masyarakat", ikm),
		tile("Layanan terlambat", strconv.Itoa(len(f.Late))),
		tile("Survei Zona Integritas", ziTile(f)),
	}
	r.figures.Refresh()
	r.calWarn.SetText(f.CalendarWarning)
	if f.CalendarWarning == "" {
		r.calWarn.Hide()
	} else {
		r.calWarn.Show()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%-34s %7s %8s %9s %10s %8s\n", "Layanan", "Diambil", "Dilayani", "Tdk hadir", "Tunggu med", "Norma")
	for _, g := range f.ByService {
		s, ok := g.Stats.NormShare()
		name := []rune(g.Name)
		if len(name) > 34 {
			name = append(name[:33], '…')
		}
		fmt.Fprintf(&b, "%-34s %7d %8d %9d %10s %8s\n", string(name), g.Stats.Issued, g.Stats.Served, g.Stats.NoShow,
			reports.FormatMinutes(g.Stats.Wait.Median, g.Stats.Wait.N > 0), reports.FormatPercent(s, ok))
	}
	r.table.SetText(b.String())
}

// export renders the chosen format, saves it under the documents folder
// and opens it.
func (r *reportsScreen) export(format string) {
	p, msg := r.period()
	if msg != "" {
		r.message.SetText(msg)
		return
	}
	var path string
	saving := false
	r.busy(true, 0.1, "Mengambil data laporan …")
	filter := r.filterNow()
	r.app.run(func(ctx context.Context) error {
		fig, err := r.fetch(ctx, p, filter)
		if err != nil {
			return err
		}
		r.stepTo(0.5, "Menyusun berkas "+strings.ToUpper(format)+" …")
		var files []reports.File
		sub := "" // the CSV files of a report go together into their own folder
		switch format {
		case "pdf":
			data, err := reports.PeriodReportPDF(fig, true)
			files = []reports.File{{Name: reports.FileBase(p) + ".pdf", Data: data}}
			if err != nil {
				return err
			}
		case "xlsx":
			data, err := reports.XLSX(reports.ReportTables(fig, true))
			files = []reports.File{{Name: reports.FileBase(p) + ".xlsx", Data: data}}
			if err != nil {
				return err
			}
		default:
			// One CSV file per table, in a folder of their own, which is
			// what gets opened.
			sub = reports.FileBase(p) + "-csv"
			if files, err = reports.CSVFiles(reports.FileBase(p), reports.ReportTables(fig, true)); err != nil {
				return err
			}
		}
		r.stepTo(0.9, "Menyimpan …")
		saving = true
		for _, f := range files {
			if path, err = r.app.writeDocumentIn(sub, f.Name, f.Data); err != nil {
				return err
			}
		}
		if len(files) > 1 {
			path = filepath.Dir(path)
		}
		return nil
	}, func(err error) {
		r.finishExport(path, err, saving)
	})
}

func (r *reportsScreen) onBriefing() {
	now := r.app.Now().In(r.app.office.Location())
	meeting := time.Date(now.Year(), now.Month(), now.Day(), 7, 30, 0, 0, now.Location())
	var path string
	saving := false
	r.busy(true, 0.1, "Menyusun lembar pengarahan pagi …")
	r.app.run(func(ctx context.Context) error {
		steps := 0
		data, err := office.BriefingSheet(ctx, r.app.svc, func(p reports.Period) (reports.Figures, error) {
			steps++
			r.stepTo(0.1+0.35*float64(steps), "Menghitung angka "+p.Label()+" …")
			return r.app.svc.ReportData(ctx, r.app.officerID(), p, reports.Filter{})
		}, meeting)
		if err != nil {
			return err
		}
		r.stepTo(0.9, "Menyimpan …")
		saving = true
		path, err = r.app.writeDocument("pengarahan-pagi-"+now.Format("2006-01-02")+".pdf", data)
		return err
	}, func(err error) {
		r.finishExport(path, err, saving)
	})
}

// finishExport opens a saved report or says what went wrong; a failure
// while saving carries its own Indonesian sentence (folder or file).
func (r *reportsScreen) finishExport(path string, err error, saving bool) {
	r.busy(false, 1, "")
	if err != nil {
		if saving {
			log.Printf("ui: save report: %v", err)
			r.message.SetText("Laporan tidak dapat disimpan; periksa bahwa folder Dokumen Loket ada dan dapat ditulisi.")
			return
		}
		log.Printf("ui: report: %v", err)
		r.message.SetText(errText(err))
		return
	}
	if err := r.app.openPath(path); err != nil {
		log.Printf("ui: open report %s: %v", path, err)
		r.message.SetText("Laporan tersimpan di " + path + ", tetapi penampil berkas di PC ini tidak dapat membukanya.")
		return
	}
	r.message.SetText("Laporan tersimpan di " + path)
}

// addReportTab adds the Laporan tab for Kepala Seksi and admins.
func (a *App) addReportTab(tabs *container.AppTabs) {
	if a.officer.Role != store.RoleKasi && a.officer.Role != store.RoleAdmin {
		return
	}
	r := newReportsScreen(a)
	tabs.Append(container.NewTabItem("Laporan", r.content()))
	r.onShow() // today's figures at once, as the head of office expects
	// Keadilan Antrean (kasi_fairness.go) after Laporan, not before:
	// Laporan stays Alt+4 for the Kepala Seksi, as the scripted day and
	// the officers' habit expect.
	a.addFairnessTab(tabs)
}
