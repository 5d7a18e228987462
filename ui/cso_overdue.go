package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"loket/store"
)

// csoOverdue is the band on top of the CSO screen: red while any
// consultation waits past its 3-working-day deadline (those items head
// the open list, in red), green when none does. One line, so the form
// below keeps its room on a 768-pixel screen.
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
	o.oldest = widget.NewButton("Buka yang terlama", openOldest)
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
		o.title.Text = "Tidak ada konsultasi yang lewat tenggat 3 hari kerja."
		o.bg.FillColor, o.bg.StrokeColor = colOkBg, colSuccess
		o.oldest.Hide()
	} else {
		var nums []string
		for i, c := range items {
			if i == 3 {
				nums = append(nums, "…")
				break
			}
			nums = append(nums, shortNumber(c.Number))
		}
		o.title.Text = fmt.Sprintf("LEWAT TENGGAT 3 HARI KERJA: %d konsultasi (%s, merah di daftar) — segera beri solusi atau progres",
			n, strings.Join(nums, ", "))
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
