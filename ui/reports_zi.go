package ui

import (
	"context"
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2/widget"

	"loket/reports"
)

// The Paket Bukti ZI button of the Laporan tab: the period's evidence
// pack for the unit's Zona Integritas evaluation, a PDF and a workbook
// (reports/zipack.go) saved together in a folder of the documents folder,
// which is what opens. It always covers the whole office: the evaluators
// judge the unit, not one counter.

func (r *reportsScreen) newZIPackButton() *widget.Button {
	return widget.NewButton("Paket Bukti ZI", r.onZIPack)
}

func (r *reportsScreen) onZIPack() {
	p, msg := r.period()
	if msg != "" {
		r.message.SetText(msg)
		return
	}
	var path string
	saving := false
	r.busy(true, 0.1, "Mengambil data paket bukti ZI …")
	r.app.run(func(ctx context.Context) error {
		fig, err := r.app.svc.ReportData(ctx, r.app.officerID(), p, reports.Filter{})
		if err != nil {
			return err
		}
		r.stepTo(0.5, "Menyusun PDF dan XLSX …")
		pdf, err := reports.ZIPackPDF(fig)
		if err != nil {
			return err
		}
		xlsx, err := reports.ZIPackXLSX(fig)
		if err != nil {
			return err
		}
		r.stepTo(0.9, "Menyimpan …")
		saving = true
		base := reports.ZIPackBase(fig)
		for _, f := range []reports.File{{Name: base + ".pdf", Data: pdf}, {Name: base + ".xlsx", Data: xlsx}} {
			if path, err = r.app.writeDocumentIn(base, f.Name, f.Data); err != nil {
				return err
			}
		}
		path = filepath.Dir(path)
		return nil
	}, func(err error) {
		r.finishExport(path, err, saving)
	})
}

// ziTile is the IPK and IPAK of the figures shown, for the key figures.
func ziTile(f reports.Figures) string {
	return fmt.Sprintf("IPK %s · IPAK %s", f.IPK.Label(), f.IPAK.Label())
}
