package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The layouts and the debouncer the CSO screen is built with.

// textColumn lays out label/field pairs as rows (labels in a column of
// their own, like widget.Form) and shares the height left over between the
// fields marked to grow, so the question and the answer get the room.
type textColumn struct {
	grow map[int]bool // object index of a growing field
}

func (l *textColumn) sizes(objs []fyne.CanvasObject) (labelW, fieldW, h float32, growing int) {
	pad := theme.Padding()
	for i := 0; i+1 < len(objs); i += 2 {
		lm, fm := objs[i].MinSize(), objs[i+1].MinSize()
		labelW = max(labelW, lm.Width)
		fieldW = max(fieldW, fm.Width)
		h += max(lm.Height, fm.Height)
		if i > 0 {
			h += pad
		}
		if l.grow[i+1] {
			growing++
		}
	}
	return labelW, fieldW, h, growing
}

// MinSize implements fyne.Layout.
func (l *textColumn) MinSize(objs []fyne.CanvasObject) fyne.Size {
	lw, fw, h, _ := l.sizes(objs)
	return fyne.NewSize(lw+theme.Padding()+fw, h)
}

// Layout implements fyne.Layout.
func (l *textColumn) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	lw, _, h, growing := l.sizes(objs)
	pad := theme.Padding()
	extra := float32(0)
	if growing > 0 && size.Height > h {
		extra = (size.Height - h) / float32(growing)
	}
	y := float32(0)
	for i := 0; i+1 < len(objs); i += 2 {
		lab, field := objs[i], objs[i+1]
		rh := max(lab.MinSize().Height, field.MinSize().Height)
		if l.grow[i+1] {
			rh += extra
		}
		lab.Move(fyne.NewPos(0, y))
		lab.Resize(fyne.NewSize(lw, lab.MinSize().Height))
		field.Move(fyne.NewPos(lw+pad, y))
		field.Resize(fyne.NewSize(size.Width-lw-pad, rh))
		y += rh + pad
	}
}

// ratioColumns puts two objects side by side, the first taking the given
// share of the width (at least its minimum).
type ratioColumns struct{ left float32 }

// MinSize implements fyne.Layout.
func (r *ratioColumns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	a, b := objs[0].MinSize(), objs[1].MinSize()
	return fyne.NewSize(a.Width+theme.Padding()+b.Width, max(a.Height, b.Height))
}

// Layout implements fyne.Layout.
func (r *ratioColumns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	w := max(objs[0].MinSize().Width, (size.Width-pad)*r.left)
	w = min(w, size.Width-pad-objs[1].MinSize().Width)
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(fyne.NewSize(w, size.Height))
	objs[1].Move(fyne.NewPos(w+pad, 0))
	objs[1].Resize(fyne.NewSize(size.Width-w-pad, size.Height))
}

// fitHeight sizes its one object to the height the object asks for at the
// width it is given, up to a maximum.
type fitHeight struct {
	max  float32
	text *widget.Label // the wrapped text whose height is asked
}

// MinSize implements fyne.Layout.
func (l *fitHeight) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := l.text.MinSize().Height
	return fyne.NewSize(objs[0].MinSize().Width, min(h, l.max))
}

// Layout implements fyne.Layout.
func (l *fitHeight) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// notesMax is the most height the CSO form's messages take under the
// satker field before they scroll.
const notesMax = 220

// capHeight sizes its one object (a scroll around inner) to inner's
// height, up to max: a short message takes its own lines, a long one
// scrolls, nothing takes no room.
type capHeight struct {
	max   float32
	inner fyne.CanvasObject
}

// MinSize implements fyne.Layout.
func (l *capHeight) MinSize(objs []fyne.CanvasObject) fyne.Size {
	if !l.inner.Visible() {
		return fyne.NewSize(0, 0)
	}
	m := l.inner.MinSize()
	return fyne.NewSize(objs[0].MinSize().Width, min(m.Height, l.max))
}

// Layout implements fyne.Layout.
func (l *capHeight) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// visibleLines is how many text lines a multi-line entry shows at its
// current size.
func visibleLines(e *widget.Entry) int {
	line := fyne.MeasureText("M", theme.TextSize(), e.TextStyle).Height
	return int((e.Size().Height - 2*theme.InnerPadding()) / line)
}

// debouncer runs the last of a burst of calls once the burst pauses (a
// search per pause in typing, not per key), on the UI thread. With no
// delay it runs at once: tests drive the screen synchronously.
type debouncer struct {
	delay time.Duration
	timer *time.Timer
}

// call schedules f, replacing what was scheduled before. Called on the UI
// thread only, like every widget callback.
func (d *debouncer) call(f func()) {
	d.cancel()
	if d.delay <= 0 {
		f()
		return
	}
	d.timer = time.AfterFunc(d.delay, func() { doOnUI(f) })
}

// cancel drops what is scheduled.
func (d *debouncer) cancel() {
	if d.timer != nil {
		d.timer.Stop()
		d.timer = nil
	}
}

// stop drops what is scheduled when the screen closes.
func (d *debouncer) stop() { d.cancel() }

var (
	_ fyne.Layout = (*textColumn)(nil)
	_ fyne.Layout = (*ratioColumns)(nil)
	_ fyne.Layout = (*fitHeight)(nil)
	_ fyne.Layout = (*capHeight)(nil)
)
