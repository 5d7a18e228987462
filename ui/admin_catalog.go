package ui

import (
	"context"
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"loket/office"
	"loket/standards"
	"loket/store"
)

// catalogPane imports new versions of Standar Pelayanan documents, with a
// preview of what changes.
type catalogPane struct {
	app     *App
	summary *widget.Label
	message *widget.Label
	// pending is the document waiting for confirmation after a preview.
	pendingName string
	pendingData []byte
	preview     *widget.Label
	confirm     *widget.Button
}

func newCatalogPane(a *App) *catalogPane {
	p := &catalogPane{app: a, summary: widget.NewLabel(""), message: widget.NewLabel(""), preview: widget.NewLabel("")}
	p.summary.Wrapping = fyne.TextWrapWord
	p.message.Wrapping = fyne.TextWrapWord
	p.preview.Wrapping = fyne.TextWrapWord
	p.confirm = widget.NewButton("Terapkan versi baru", p.onConfirm)
	p.confirm.Importance = widget.HighImportance
	p.confirm.Disable()
	return p
}

func (p *catalogPane) content() fyne.CanvasObject {
	pick := widget.NewButton("Pilih dokumen Standar Pelayanan…", p.onPick)
	help := widget.NewLabel("Dokumen baru dibaca dan dibandingkan dengan katalog yang berlaku. Versi lama tetap disimpan: " +
		"tiket yang sudah dilayani tetap memakai daftar persyaratan versinya.")
	help.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(card("KATALOG LAYANAN", container.NewVBox(p.summary, help, pick)),
		card("PRATINJAU PERUBAHAN", container.NewVBox(p.preview, p.confirm)), p.message)
	p.reload()
	return container.NewVScroll(body)
}

func (p *catalogPane) reload() {
	var cat []office.CatalogEntry
	p.app.run(func() error {
		var err error
		cat, err = p.app.svc.Catalog(context.Background())
		return err
	}, func(err error) {
		if err != nil {
			p.message.SetText(store.Message(err))
			return
		}
		units := map[string]int{}
		var order []string
		for _, e := range cat {
			if units[e.Unit] == 0 {
				order = append(order, e.Unit)
			}
			units[e.Unit]++
		}
		var b strings.Builder
		fmt.Fprintf(&b, "%d layanan dari %d unit:\n", len(cat), len(order))
		for _, u := range order {
			fmt.Fprintf(&b, "• %s: %d layanan\n", u, units[u])
		}
		p.summary.SetText(b.String())
	})
}

func (p *catalogPane) onPick() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		defer r.Close()
		data, err := io.ReadAll(io.LimitReader(r, 16<<20))
		if err != nil {
			p.message.SetText("Berkas tidak dapat dibaca: " + err.Error())
			return
		}
		p.previewDocument(r.URI().Name(), data)
	}, p.app.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".txt", ".md", ".html", ".htm", ".tsv", ".pdf", ".docx"}))
	d.Show()
}

// previewDocument shows what importing data would change.
func (p *catalogPane) previewDocument(name string, data []byte) {
	var pv office.CatalogPreview
	p.app.run(func() error {
		var err error
		pv, err = p.app.svc.PreviewCatalog(context.Background(), name, data)
		return err
	}, func(err error) {
		p.confirm.Disable()
		if err != nil {
			p.preview.SetText(store.Message(err))
			return
		}
		p.preview.SetText(describePreview(pv))
		if !pv.Unchanged {
			p.pendingName, p.pendingData = name, data
			p.confirm.Enable()
		}
	})
}

func describePreview(pv office.CatalogPreview) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s — %s: %d layanan dikenali.\n", pv.Source, pv.Unit, pv.Services)
	if pv.Unchanged {
		b.WriteString("Dokumen ini sama dengan versi yang berlaku; tidak ada perubahan.\n")
	}
	for _, c := range pv.Changes {
		switch c.Kind {
		case standards.Added:
			fmt.Fprintf(&b, "+ baru: %s\n", c.Name)
		case standards.Removed:
			fmt.Fprintf(&b, "− dihapus: %s\n", c.Name)
		default:
			fmt.Fprintf(&b, "~ berubah: %s (%s)\n", c.Name, strings.Join(c.Components, ", "))
		}
	}
	if len(pv.Warnings) > 0 {
		fmt.Fprintf(&b, "\nCatatan pembacaan (%d):\n", len(pv.Warnings))
		for i, w := range pv.Warnings {
			if i == 5 {
				fmt.Fprintf(&b, "… dan %d lainnya\n", len(pv.Warnings)-5)
				break
			}
			b.WriteString("• " + w + "\n")
		}
	}
	return b.String()
}

func (p *catalogPane) onConfirm() {
	name, data := p.pendingName, p.pendingData
	var pv office.CatalogPreview
	p.app.run(func() error {
		var err error
		pv, err = p.app.svc.ImportCatalog(context.Background(), p.app.officer.ID, name, data)
		return err
	}, func(err error) {
		if err != nil {
			p.message.SetText(store.Message(err))
			return
		}
		p.confirm.Disable()
		p.pendingData = nil
		p.message.SetText(fmt.Sprintf("%s versi %d diterapkan.", pv.Source, pv.Version))
		p.reload()
	})
}
