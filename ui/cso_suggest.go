package ui

import (
	"context"
	"fmt"
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"loket/store"
)

// suggestDelay is how long typing must pause before the knowledge search
// runs, so a fast typist does not send a query per key.
const suggestDelay = 400 * time.Millisecond

// suggRowHeight is one two-line row of the suggestion list.
const suggRowHeight = 56

// csoSuggestions is the panel of earlier resolved answers that match the
// question being typed (full-text search in the store); one picked is
// shown whole and can be copied into the answer.
type csoSuggestions struct {
	s *csoScreen

	items   []store.AnswerSuggestion
	pick    int
	list    *widget.List
	heading *widget.Label
	use     *widget.Button
	size    *canvas.Rectangle

	search debouncer
}

func newCSOSuggestions(s *csoScreen) *csoSuggestions {
	g := &csoSuggestions{s: s, pick: -1}
	if s.app.Live {
		g.search.delay = suggestDelay
	}
	g.heading = widget.NewLabel("")
	g.heading.TextStyle.Italic = true
	g.heading.Truncation = fyne.TextTruncateEllipsis
	g.list = widget.NewList(func() int { return len(g.items) }, newItemRow,
		func(i widget.ListItemID, o fyne.CanvasObject) {
			a := g.items[i]
			setItemRow(o, fmt.Sprintf("%s · %s · %s", a.Number, a.Category, oneLine(a.Snippet)),
				"Jawaban: "+oneLine(a.Answer), widget.MediumImportance)
		})
	g.list.OnSelected = func(i widget.ListItemID) {
		g.pick = i
		g.use.Enable()
		s.say("Jawaban "+g.items[i].Number+": "+oneLine(g.items[i].Answer), false)
	}
	g.use = widget.NewButton("Pakai", g.onUse)
	g.use.Disable()
	g.size = canvas.NewRectangle(color.Transparent)
	return g
}

// content is the panel: heading and "Pakai" button, the list under them.
func (g *csoSuggestions) content() fyne.CanvasObject {
	g.list.Hide()
	return card("JAWABAN TERDAHULU", container.NewBorder(container.NewBorder(nil, nil, nil, g.use, g.heading), nil, nil, nil,
		container.NewStack(g.size, g.list)))
}

// onQuestion searches once typing pauses.
func (g *csoSuggestions) onQuestion(string) {
	g.search.call(func() { g.run(g.s.form.question.Text) })
}

func (g *csoSuggestions) run(text string) {
	var list []store.AnswerSuggestion
	g.s.app.call(g.s.ctx, func(ctx context.Context) error {
		var err error
		list, err = g.s.app.svc.SuggestAnswers(ctx, text)
		return err
	}, func(err error) {
		if err != nil || g.s.closed() || text != g.s.form.question.Text {
			return // a newer search is on its way
		}
		var out []store.AnswerSuggestion
		for _, a := range list {
			if a.ConsultationID != g.s.cur.ID {
				out = append(out, a)
			}
		}
		g.items, g.pick = out, -1
		g.use.Disable()
		g.list.UnselectAll()
		g.show()
		switch {
		case strings.TrimSpace(text) == "":
			g.heading.SetText("Muncul di sini saat pertanyaan diketik.")
		case len(out) == 0:
			g.heading.SetText("Belum ada jawaban terdahulu yang mirip.")
		default:
			g.heading.SetText(fmt.Sprintf("%d mirip; pilih untuk membaca:", len(out)))
		}
	})
}

// clear empties the panel (a new form, or another item opened).
func (g *csoSuggestions) clear() {
	g.search.cancel()
	g.items, g.pick = nil, -1
	g.use.Disable()
	g.show()
	g.heading.SetText("Muncul di sini saat pertanyaan diketik.")
}

// show sizes the list to what it holds (none takes no room).
func (g *csoSuggestions) show() {
	g.size.SetMinSize(fyne.NewSize(0, float32(min(len(g.items), 2))*suggRowHeight))
	if len(g.items) == 0 {
		g.list.Hide()
	} else {
		g.list.Show()
	}
	g.list.Refresh()
}

func (g *csoSuggestions) onUse() {
	if g.pick < 0 || g.pick >= len(g.items) {
		return
	}
	a := g.items[g.pick]
	g.s.form.answer.SetText(a.Answer)
	g.s.say("Jawaban "+a.Number+" disalin ke kolom jawaban; sesuaikan bila perlu.", false)
}
