package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"loket/store"
)

// csoOverdue is the band over the CSO's list: red while any consultation
// waits past its 3-working-day deadline (those items head the open list,
// in red), green when none does. One line over the list, not a strip
// across the screen, so the form keeps its height on a 768-pixel screen.
type csoOverdue struct {
	title  *widget.Label
	bg     *canvas.Rectangle
	oldest *widget.Button
	box    *fyne.Container
}

func newCSOOverdue(openOldest func()) *csoOverdue {
	o := &csoOverdue{}
	o.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	o.title.Truncation = fyne.TextTruncateEllipsis
	o.bg = canvas.NewRectangle(colOkBg)
	o.bg.StrokeWidth = 1
	o.bg.CornerRadius = 6
	o.oldest = widget.NewButton("Buka", openOldest)
	o.oldest.Importance = widget.DangerImportance
	o.oldest.Hide()
	return o
}

func (o *csoOverdue) content() fyne.CanvasObject {
	o.box = container.NewStack(o.bg, container.NewBorder(nil, nil, nil, o.oldest, o.title))
	return o.box
}

// show paints the band for the overdue items.
func (o *csoOverdue) show(items []store.Consultation) {
	n := len(items)
	if n == 0 {
		o.title.Importance = widget.SuccessImportance
		o.title.Text = "Tidak ada yang lewat tenggat 3 hari kerja."
		o.bg.FillColor, o.bg.StrokeColor = colOkBg, colSuccess
		o.oldest.Hide()
	} else {
		o.title.Text = fmt.Sprintf("Lewat tenggat 3 hari kerja: %d konsultasi", n)
		o.title.Importance = widget.DangerImportance
		o.bg.FillColor, o.bg.StrokeColor = colOverdueBg, colDanger
		o.oldest.Show()
	}
	o.title.Refresh()
	o.bg.Refresh()
	if o.box != nil {
		o.box.Refresh()
	}
}
