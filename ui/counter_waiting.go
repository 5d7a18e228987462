package ui

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"loket/store"
)

// waitingRows are the counter's "ANTREAN MENUNGGU" lines, one per active
// service, kept from one refresh to the next. Building new labels on every
// refresh (several a second on a busy day) left each old one's renderer
// and GL texture in Fyne's caches for a minute: the counter app grew by
// tens of MB over a day. Now a refresh changes only the texts that
// changed.
type waitingRows struct {
	box  *fyne.Container // the box the rows are in
	ids  []string        // the services shown, in order
	rows map[string]*waitingRow
}

type waitingRow struct {
	label *widget.Label
	count *canvas.Text
}

// show puts the waiting counts of services into box, in bold for the
// services this counter serves (mine). It rebuilds box only when the
// services themselves changed.
func (w *waitingRows) show(box *fyne.Container, services []store.Service, mine map[string]bool, waiting map[string]int) {
	if w.box != box || !w.sameServices(services) {
		w.box, w.ids, w.rows = box, nil, map[string]*waitingRow{}
		box.Objects = nil
		for _, sv := range services {
			r := &waitingRow{label: widget.NewLabel(""), count: canvas.NewText("", colNavy)}
			r.label.Truncation = fyne.TextTruncateEllipsis
			r.count.TextSize = 22
			r.count.TextStyle.Bold = true
			// Clear of the scroll bar, which overlays the right edge when
			// the services do not all fit.
			gap := canvas.NewRectangle(color.Transparent)
			gap.SetMinSize(fyne.NewSize(theme.ScrollBarSize(), 0))
			box.Add(container.NewBorder(nil, nil, nil, container.NewHBox(r.count, gap), r.label))
			w.ids = append(w.ids, sv.ID)
			w.rows[sv.ID] = r
		}
		box.Refresh()
	}
	for _, sv := range services {
		r := w.rows[sv.ID]
		text, bold := sv.Prefix+"  "+sv.Name, mine[sv.ID]
		if r.label.Text != text || r.label.TextStyle.Bold != bold {
			r.label.TextStyle.Bold = bold
			r.label.SetText(text)
		}
		n := waiting[sv.ID]
		col := colNavy
		if n == 0 {
			col = colMuted
		}
		if s := fmt.Sprint(n); r.count.Text != s || r.count.Color != col {
			r.count.Text, r.count.Color = s, col
			r.count.Refresh()
		}
	}
}

func (w *waitingRows) sameServices(services []store.Service) bool {
	if w.rows == nil || len(services) != len(w.ids) {
		return false
	}
	for i, sv := range services {
		if w.ids[i] != sv.ID {
			return false
		}
	}
	return true
}
