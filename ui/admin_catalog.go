package ui

import (
	"context"
	"fmt"
	"io"
	"log"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"loket/office"
)

// catalogDocumentTypes are the files Admin → Katalog offers to import.
var catalogDocumentTypes = []string{".txt", ".md", ".html", ".htm", ".tsv", ".pdf", ".docx"}

// catalogPane imports new versions of Standar Pelayanan documents through
// a review step (catalog_review.go) and lists the office's own
// corrections.
type catalogPane struct {
	app     *App
	summary *widget.Label
	message *widget.Label

	corrections []office.CatalogCorrection
	names       map[string]string // officer id -> name, for "who corrected"
	corrList    *widget.List
	corrSel     int
	corrEmpty   *widget.Label
	dropBtn     *widget.Button

	// review is the last review window opened (tests drive it).
	review *catalogReview
}

func newCatalogPane(a *App) *catalogPane {
	p := &catalogPane{app: a, summary: widget.NewLabel(""), message: widget.NewLabel(""), corrSel: -1}
	p.summary.Wrapping = fyne.TextWrapWord
	p.message.Wrapping = fyne.TextWrapWord
	p.corrList = widget.NewList(func() int { return len(p.corrections) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(p.describeCorrection(p.corrections[i]))
		})
	p.corrList.OnSelected = func(i widget.ListItemID) { p.corrSel = i; p.dropBtn.Enable() }
	p.corrEmpty = widget.NewLabel("Belum ada koreksi kantor: katalog dipakai persis seperti terbaca dari dokumen.")
	p.corrEmpty.Importance = widget.LowImportance
	p.dropBtn = widget.NewButton("Hapus koreksi terpilih (kembali ke teks dokumen)", p.onDrop)
	p.dropBtn.Disable()
	return p
}

func (p *catalogPane) content() fyne.CanvasObject {
	pick := widget.NewButton("Impor dokumen Standar Pelayanan…", p.onPick)
	pick.Importance = widget.HighImportance
	help := widget.NewLabel("Berkas .txt, .md, .html, .pdf (berteks) atau .docx. Sebelum diimpor, setiap layanan ditampilkan " +
		"di samping teks sumbernya: nama, persyaratan, jangka waktu, biaya dan produk dapat diperbaiki, dan layanan dapat " +
		"ditambahkan manual. Koreksi kantor disimpan terpisah dan tetap berlaku ketika versi baru dokumen diimpor. " +
		"Versi lama tetap disimpan: tanda terima memakai daftar persyaratan saat dibuat.")
	help.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(card("KATALOG LAYANAN", container.NewVBox(p.summary, help, container.NewHBox(pick))), p.message)
	corr := card("KOREKSI KANTOR YANG BERLAKU", container.NewBorder(nil, container.NewHBox(p.dropBtn), nil, nil,
		container.NewStack(p.corrList, container.NewVBox(p.corrEmpty))))
	p.reload()
	return container.NewBorder(top, nil, nil, nil, corr)
}

func (p *catalogPane) describeCorrection(c office.CatalogCorrection) string {
	name := c.Base.Name
	if c.Name != nil {
		name = *c.Name
	}
	what := componentTitles(c.Fields())
	if c.Manual {
		what = "ditambahkan manual"
	}
	who := p.names[c.UpdatedBy]
	if who == "" {
		who = c.UpdatedBy
	}
	at := ""
	if !c.UpdatedAt.IsZero() {
		at = c.UpdatedAt.In(p.app.office.Location()).Format("02-01-2006 15.04")
	}
	return fmt.Sprintf("%s: %s — %s, %s · %s", name, what, who, at, c.Unit)
}

func (p *catalogPane) reload() {
	var cat []office.CatalogEntry
	var corr []office.CatalogCorrection
	names := map[string]string{}
	p.app.run(func(ctx context.Context) error {
		var err error
		if cat, err = p.app.svc.Catalog(ctx); err != nil {
			return err
		}
		if corr, err = p.app.svc.CatalogCorrections(ctx); err != nil {
			return err
		}
		offs, err := p.app.svc.Officers(ctx)
		for _, o := range offs {
			names[o.ID] = o.FullName
		}
		return err
	}, func(err error) {
		if err != nil {
			p.message.SetText(errText(err))
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
		sort.SliceStable(corr, func(i, j int) bool { return corr[i].UpdatedAt.After(corr[j].UpdatedAt) })
		var b strings.Builder
		fmt.Fprintf(&b, "%d layanan dari %d unit, %d dengan koreksi kantor:\n", len(cat), len(order), len(corr))
		for _, u := range order {
			fmt.Fprintf(&b, "• %s: %d layanan\n", u, units[u])
		}
		p.summary.SetText(strings.TrimSpace(b.String()))
		p.corrections, p.names = corr, names
		p.corrSel = -1
		p.corrList.UnselectAll()
		p.corrList.Refresh()
		p.corrEmpty.Hidden = len(corr) > 0
		p.corrEmpty.Refresh()
		p.dropBtn.Disable()
	})
}

func (p *catalogPane) onPick() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		defer r.Close()
		data, err := io.ReadAll(io.LimitReader(r, 32<<20))
		if err != nil {
			log.Printf("ui: read catalog document: %v", err)
			p.message.SetText(fileUnreadable)
			return
		}
		p.reviewDocument(r.URI().Name(), data)
	}, p.app.win)
	d.SetFilter(storage.NewExtensionFileFilter(catalogDocumentTypes))
	d.Show()
	// After Show: the dialog builds its content there, and resizing it
	// before has nothing to measure.
	d.Resize(fyne.NewSize(900, 600))
}

// reviewDocument reads a document and opens the review before import.
func (p *catalogPane) reviewDocument(name string, data []byte) {
	var rv office.CatalogReview
	p.message.Importance = widget.MediumImportance
	p.message.SetText("Membaca " + name + "…")
	p.app.run(func(ctx context.Context) error {
		var err error
		rv, err = p.app.svc.ReviewCatalog(ctx, name, data)
		return err
	}, func(err error) {
		if err != nil {
			p.message.Importance = widget.DangerImportance
			p.message.SetText(errText(err))
			return
		}
		p.message.SetText("")
		p.review = newCatalogReview(p.app, p, name, data, rv)
	})
}

// imported is called by the review after a successful import.
func (p *catalogPane) imported(pv office.CatalogPreview, corrections int) {
	p.message.Importance = widget.SuccessImportance
	msg := fmt.Sprintf("%s versi %d diterapkan", pv.Source, pv.Version)
	if corrections > 0 {
		msg += fmt.Sprintf(", dengan %d koreksi kantor", corrections)
	}
	p.message.SetText(msg + ".")
	p.reload()
}

func (p *catalogPane) onDrop() {
	if p.corrSel < 0 || p.corrSel >= len(p.corrections) {
		return
	}
	c := p.corrections[p.corrSel]
	what := "Layanan kembali memakai teks dokumen untuk " + componentTitles(c.Fields()) + "."
	if c.Manual {
		what = "Layanan yang ditambahkan manual ini keluar dari katalog."
	}
	dialog.ShowConfirm("Hapus koreksi kantor?", p.describeCorrection(c)+"\n\n"+what, func(ok bool) {
		if ok {
			p.drop(c)
		}
	}, p.app.win)
}

// drop takes a correction out of force.
func (p *catalogPane) drop(c office.CatalogCorrection) {
	p.app.run(func(ctx context.Context) error {
		return p.app.svc.DropCatalogCorrection(ctx, p.app.officerID(), c.Key)
	}, func(err error) {
		if err != nil {
			p.message.Importance = widget.DangerImportance
			p.message.SetText(errText(err))
			return
		}
		p.message.Importance = widget.SuccessImportance
		p.message.SetText("Koreksi dihapus; layanan kembali memakai teks dokumen.")
		p.reload()
	})
}
