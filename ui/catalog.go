package ui

import (
	"context"
	"fmt"
	"log"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"loket/office"
	"loket/reports"
	"loket/workday"
)

// catalogScreen lets any officer find a service's standard and explain it
// to the visitor: requirements, procedure, time norm, fee, complaint
// channels; and print it as a one-page sheet.
type catalogScreen struct {
	app      *App
	all      []office.CatalogEntry
	shown    []office.CatalogEntry
	search   *widget.Entry
	list     *widget.List
	detail   *widget.RichText
	printBtn *widget.Button
	message  *widget.Label
	current  int
	markdown string // what detail shows
}

func newCatalogScreen(a *App) *catalogScreen {
	s := &catalogScreen{app: a, search: widget.NewEntry(), detail: widget.NewRichText(), message: widget.NewLabel(""), current: -1}
	s.search.SetPlaceHolder("Cari layanan, unit atau persyaratan…")
	s.search.OnChanged = func(string) { s.filter() }
	s.detail.Wrapping = fyne.TextWrapWord
	s.message.Wrapping = fyne.TextWrapWord
	s.list = widget.NewList(func() int { return len(s.shown) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			e := s.shown[i]
			o.(*widget.Label).SetText(fmt.Sprintf("%s  ·  %s", e.Name, shortUnit(e.Unit)))
		})
	s.list.OnSelected = func(i widget.ListItemID) { s.show(i) }
	s.printBtn = widget.NewButton("Cetak Lembar Standar (PDF)", s.onPrint)
	s.printBtn.Importance = widget.HighImportance
	s.printBtn.Disable()
	return s
}

func shortUnit(u string) string { return shorten(u, 40) }

func (s *catalogScreen) content() fyne.CanvasObject {
	left := container.NewBorder(s.search, nil, nil, nil, s.list)
	right := container.NewBorder(nil, container.NewVBox(s.message, s.printBtn), nil, nil, container.NewVScroll(s.detail))
	split := container.NewHSplit(left, card("", right))
	split.Offset = 0.38
	s.reload()
	return split
}

func (s *catalogScreen) reload() {
	var cat []office.CatalogEntry
	s.app.run(func(ctx context.Context) error {
		var err error
		cat, err = s.app.svc.Catalog(ctx)
		return err
	}, func(err error) {
		if err != nil {
			s.message.SetText(errText(err))
			return
		}
		s.all = cat
		s.filter()
	})
}

// filter keeps the entries whose name, unit or requirements contain every
// word typed.
func (s *catalogScreen) filter() {
	words := strings.Fields(strings.ToLower(s.search.Text))
	s.shown = s.shown[:0]
	for _, e := range s.all {
		hay := strings.ToLower(e.Name + " " + e.Unit + " " + strings.Join(e.Requirements, " "))
		ok := true
		for _, w := range words {
			ok = ok && strings.Contains(hay, w)
		}
		if ok {
			s.shown = append(s.shown, e)
		}
	}
	s.list.UnselectAll()
	s.current = -1
	s.printBtn.Disable()
	s.list.Refresh()
	s.message.SetText(fmt.Sprintf("%d dari %d layanan", len(s.shown), len(s.all)))
	switch {
	case len(s.all) == 0:
		s.markdown = "Katalog Standar Pelayanan masih kosong. Admin dapat mengimpornya di tab Admin, bagian Katalog."
	case len(s.shown) == 0:
		s.markdown = "Tidak ada layanan yang cocok dengan *" + strings.TrimSpace(s.search.Text) +
			"*. Coba kata lain, misalnya nama unit atau salah satu persyaratan."
	default:
		s.markdown = "Pilih layanan di sebelah kiri untuk melihat persyaratan, prosedur, jangka waktu, biaya, " +
			"produk dan saluran pengaduannya."
	}
	s.detail.ParseMarkdown(s.markdown)
}

func (s *catalogScreen) show(i int) {
	if i < 0 || i >= len(s.shown) {
		return
	}
	s.current = i
	e := s.shown[i]
	var b strings.Builder
	fmt.Fprintf(&b, "## %s\n\n*%s*\n\n", e.Name, e.Unit)
	switch {
	case e.Manual:
		b.WriteString("*Ditambahkan manual oleh kantor.*\n\n")
	case len(e.Corrected) > 0:
		fmt.Fprintf(&b, "*Dikoreksi kantor: %s.*\n\n", componentTitles(e.Corrected))
	}
	section := func(title string, items []string) {
		if len(items) == 0 {
			return
		}
		if title != "" {
			fmt.Fprintf(&b, "**%s**\n\n", title)
		}
		for n, it := range items {
			fmt.Fprintf(&b, "%d. %s\n", n+1, mdEscape(it))
		}
		b.WriteString("\n")
	}
	if e.RequirementsNote != "" {
		// who may use the service, the sentence before the list: not items
		b.WriteString("**Persyaratan**\n\n")
		for _, line := range strings.Split(e.RequirementsNote, "\n") {
			fmt.Fprintf(&b, "%s\n\n", mdEscape(line))
		}
		section("", e.Requirements)
	} else {
		section("Persyaratan", e.Requirements)
	}
	fmt.Fprintf(&b, "**Jangka waktu**\n\n%s\n\n", mdEscape(timeNorm(e)))
	fee := "Tidak dipungut biaya"
	if !e.FeeFree && strings.TrimSpace(e.Fee) != "" {
		fee = e.Fee
	}
	fmt.Fprintf(&b, "**Biaya/tarif**\n\n%s\n\n", mdEscape(fee))
	section("Produk layanan", e.Products)
	if steps := procedureSteps(e); len(steps) > 0 {
		// The procedure carries its own numbering (a., 1), ...): shown as
		// paragraphs, not as a list of ours.
		fmt.Fprintf(&b, "**Prosedur**\n\n")
		for _, line := range strings.Split(steps[0], "\n") {
			if line = strings.TrimSpace(line); line != "" {
				fmt.Fprintf(&b, "%s\n\n", mdEscape(line))
			}
		}
	}
	section("Pengaduan, saran dan masukan", complaintLines(e))
	s.markdown = b.String()
	s.detail.ParseMarkdown(s.markdown)
	s.printBtn.Enable()
}

func mdEscape(s string) string {
	r := strings.NewReplacer("*", "\\*", "_", "\\_", "#", "\\#", "`", "\\`")
	return r.Replace(s)
}

// timeNorm explains the SLA: the reduced durations when the text could be
// read, and the document's own words.
func timeNorm(e office.CatalogEntry) string {
	var parts []string
	for _, v := range e.SLA {
		d := fmt.Sprintf("%g %s", v.Max.Value, workday.UnitLabel(string(v.Max.Unit)))
		if v.Min != v.Max {
			d = fmt.Sprintf("%g %s s.d. %s", v.Min.Value, workday.UnitLabel(string(v.Min.Unit)), d)
		}
		if v.Label != "" {
			d = v.Label + ": " + d
		}
		parts = append(parts, d)
	}
	text := strings.TrimSpace(e.SLAText)
	if len(parts) == 0 {
		return text
	}
	if len(parts) == 1 && (text == "" || text == parts[0]) {
		return parts[0] // a norm the office set has no other words
	}
	if len(parts) == 1 && len(text) < 80 {
		return parts[0] + " (" + text + ")"
	}
	return strings.Join(parts, "; ")
}

func procedureSteps(e office.CatalogEntry) []string {
	p := strings.TrimSpace(e.Components["prosedur"])
	if p == "" {
		return nil
	}
	return []string{p}
}

func complaintLines(e office.CatalogEntry) []string {
	var out []string
	for _, p := range e.Complaint.Phones {
		out = append(out, "Telepon/WA: "+p)
	}
	for _, m := range e.Complaint.Emails {
		out = append(out, "Email: "+m)
	}
	for _, u := range e.Complaint.URLs {
		out = append(out, "Laman: "+u)
	}
	if len(out) == 0 {
		if t := strings.TrimSpace(e.Components["pengaduan"]); t != "" {
			out = append(out, t)
		}
	}
	return out
}

func (s *catalogScreen) onPrint() {
	if s.current < 0 {
		return
	}
	e := s.shown[s.current]
	d := reports.StandardSheetData{OfficeName: s.app.office.Name, Unit: e.Unit, ServiceName: e.Name,
		Reference: fmt.Sprintf("%s, versi %d", e.Source, e.Version), Requirements: e.Requirements,
		Procedure: procedureSteps(e), TimeNorm: timeNorm(e), Fee: e.Fee, Product: strings.Join(e.Products, "; "),
		ComplaintChannels: complaintLines(e), PrintedAt: s.app.Now().In(s.app.office.Location()), ZoneLabel: s.app.office.ZoneLabel()}
	if e.FeeFree || d.Fee == "" {
		d.Fee = "Tidak dipungut biaya"
	}
	var path string
	s.app.run(func(ctx context.Context) error {
		pdf, err := reports.StandardSheetPDF(d)
		if err != nil {
			return err
		}
		path, err = s.app.saveDocument(fmt.Sprintf("standar-%s-%d.pdf", shorten(e.Name, 50), time.Now().Unix()), pdf)
		return err
	}, func(err error) {
		if err != nil {
			log.Printf("ui: standard sheet: %v", err)
			s.message.SetText("Lembar standar tidak dapat dibuat atau dibuka; periksa folder Dokumen Loket dan penampil PDF di PC ini.")
			return
		}
		s.message.SetText("Lembar standar disimpan di " + path)
	})
}
