package ui

import (
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"log"
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"loket/store"
)

// SurveyOptions wires the survey tablet to the PC it runs on.
type SurveyOptions struct {
	// CounterID links this screen to a counter: it shows the survey for
	// each ticket finished there. Empty: the screen asks once and this PC
	// remembers the choice.
	CounterID string
	// IdleAfter is how long an unfinished survey waits for the visitor
	// before it sends what was answered and goes back to rest.
	IdleAfter time.Duration
}

const prefSurveyCounter = "survey.counter"

// surveyScreen is the satisfaction survey (Survei Kepuasan Masyarakat) on
// a tablet or kiosk beside a counter: after the counter finishes a ticket
// the visitor rates the nine elements with big faces. Nothing on it or on
// the counter's screen shows the officer an answer.
type surveyScreen struct {
	app  *App
	opts SurveyOptions
	root *fyne.Container

	counter  store.Counter
	ticketID string
	code     string
	scores   [9]int
	zi       ziScores // IPK and IPAK (survey_zi.go)
	step     int      // 0..8 elements, then IPK and IPAK, then the comment
	comment  *widget.Entry
	status   *widget.Label
	idle     *time.Timer
	sent     int // surveys sent, for tests
	lastSent store.SurveyAnswer
}

// StartSurvey shows the survey screen full screen.
func (a *App) StartSurvey(opts SurveyOptions) { a.startSurvey(opts) }

func (a *App) startSurvey(opts SurveyOptions) *surveyScreen {
	if opts.IdleAfter <= 0 {
		opts.IdleAfter = 3 * time.Minute
	}
	if opts.CounterID == "" {
		opts.CounterID = a.fa.Preferences().String(prefSurveyCounter)
	}
	s := &surveyScreen{app: a, opts: opts, root: container.NewStack(), status: widget.NewLabel("")}
	s.status.Alignment = fyne.TextAlignCenter
	s.status.Wrapping = fyne.TextWrapWord
	a.win.SetTitle("Loket — Survei Kepuasan Masyarakat")
	a.win.SetContent(s.root)
	a.setFullScreen(a.rootCtx()) // the survey runs until the window closes
	a.win.SetCloseIntercept(s.askExit)
	var off store.Office
	a.run(func(ctx context.Context) error {
		var err error
		off, err = a.svc.Office(ctx)
		return err
	}, func(err error) {
		if err != nil {
			s.root.Objects = []fyne.CanvasObject{messagePage("Survei belum dapat dipakai", errText(err))}
			s.root.Refresh()
			return
		}
		a.office = off
		s.loadCounter()
		if a.Live {
			// Until the app stops or the window closes: the tablet has
			// no other way out.
			ctx, cancel := context.WithCancel(a.rootCtx())
			a.fa.Lifecycle().SetOnStopped(cancel)
			go follow(ctx, a.svc, func(e store.Event) { fyne.Do(func() { s.onEvent(e) }) })
		}
	})
	return s
}

// loadCounter finds the linked counter, or asks which one.
func (s *surveyScreen) loadCounter() {
	var ctrs []store.Counter
	s.app.run(func(ctx context.Context) error {
		var err error
		ctrs, err = s.app.svc.Counters(ctx)
		return err
	}, func(err error) {
		if err != nil {
			s.show(messagePage("Daftar loket tidak dapat dibaca", errText(err)))
			return
		}
		for _, c := range ctrs {
			if c.ID == s.opts.CounterID {
				s.counter = c
				s.showRest("")
				return
			}
		}
		s.showPickCounter(ctrs)
	})
}

func (s *surveyScreen) show(o fyne.CanvasObject) {
	s.root.Objects = []fyne.CanvasObject{container.NewBorder(s.header(), nil, nil, nil, o)}
	s.root.Refresh()
}

func (s *surveyScreen) header() fyne.CanvasObject {
	name := canvas.NewText(s.app.office.Name, colCard)
	name.TextSize = 26
	name.TextStyle.Bold = true
	sub := canvas.NewText("Survei Kepuasan Masyarakat", colGold)
	sub.TextSize = 18
	right := canvas.NewText("", colCard)
	right.TextSize = 18
	if s.counter.ID != "" {
		right.Text = s.counter.Label()
	}
	exit := widget.NewButton("·", s.askExit) // discreet: for the admin only
	exit.Importance = widget.LowImportance
	bg := canvas.NewRectangle(colNavy)
	band := canvas.NewRectangle(colGold)
	band.SetMinSize(fyne.NewSize(0, 6))
	return container.NewVBox(container.NewStack(bg, container.NewPadded(container.NewBorder(nil, nil,
		container.NewVBox(name, sub), container.NewHBox(container.NewCenter(right), exit)))), band)
}

// askExit asks for an admin's credentials before the screen closes or is
// linked to another counter: visitors must not be able to leave it.
func (s *surveyScreen) askExit() {
	user, pass := widget.NewEntry(), widget.NewPasswordEntry()
	relink := widget.NewCheck("Pindahkan ke loket lain (jangan tutup)", nil)
	dialog.ShowForm("Tutup layar survei", "Lanjut", "Batal",
		[]*widget.FormItem{widget.NewFormItem("Admin", user), widget.NewFormItem("Kata sandi", pass), widget.NewFormItem("", relink)},
		func(ok bool) {
			if ok {
				s.exit(user.Text, pass.Text, relink.Checked)
			}
		}, s.app.win)
}

// exit closes the screen, or unlinks it from its counter, for an admin.
func (s *surveyScreen) exit(user, pass string, relink bool) {
	var o store.Officer
	s.app.run(func(ctx context.Context) error {
		var err error
		o, err = s.app.svc.Login(ctx, user, pass)
		if err == nil {
			// The login only proves an admin is here: no officer
			// token stays behind on this screen.
			_ = s.app.svc.Logout(ctx, o.ID)
		}
		return err
	}, func(err error) {
		switch {
		case err != nil:
			s.status.SetText(errText(err))
		case o.Role != store.RoleAdmin:
			s.status.SetText("Hanya admin yang dapat menutup atau memindahkan layar survei.")
		case relink:
			s.app.fa.Preferences().SetString(prefSurveyCounter, "")
			s.opts.CounterID, s.counter = "", store.Counter{}
			s.ticketID = ""
			s.loadCounter()
		default:
			s.app.win.SetCloseIntercept(nil)
			s.app.win.Close()
		}
	})
}

// showPickCounter links this screen to a counter (once per PC).
func (s *surveyScreen) showPickCounter(ctrs []store.Counter) {
	grid := container.NewGridWithColumns(3)
	for _, c := range ctrs {
		if !c.Active {
			continue
		}
		grid.Add(touchButton(func() { s.pickCounter(c) }, widget.HighImportance, fyne.NewSize(260, 90), nil,
			wrapText(c.Label(), 20, 1, 26, colCard)...))
	}
	title := widget.NewLabelWithStyle("Tablet survei ini dipasang di loket mana?", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	s.show(container.NewPadded(container.NewVBox(title, grid, s.status)))
}

func (s *surveyScreen) pickCounter(c store.Counter) {
	s.counter = c
	s.opts.CounterID = c.ID
	s.app.fa.Preferences().SetString(prefSurveyCounter, c.ID)
	s.showRest("")
}

// showRest is the page between visitors.
func (s *surveyScreen) showRest(note string) {
	s.stopIdle()
	s.ticketID, s.code, s.scores, s.step = "", "", [9]int{}, 0
	big := canvas.NewText("Terima kasih atas kunjungan Anda", colNavy)
	big.TextSize = 40
	big.TextStyle.Bold = true
	big.Alignment = fyne.TextAlignCenter
	small := widget.NewLabelWithStyle("Setelah layanan Anda selesai, mohon luangkan waktu sebentar untuk menilai pelayanan kami di layar ini.\n"+
		"Penilaian Anda bersifat rahasia dan tidak dapat dilihat oleh petugas loket.", fyne.TextAlignCenter, fyne.TextStyle{})
	small.Wrapping = fyne.TextWrapWord
	s.status.SetText(note)
	s.show(container.NewCenter(container.NewVBox(big, small, s.status)))
}

// onEvent starts the survey of a ticket finished at the linked counter.
func (s *surveyScreen) onEvent(e store.Event) {
	if e.Kind != store.EvTicketDone || s.counter.ID == "" || e.CounterID != s.counter.ID {
		return
	}
	if s.ticketID != "" && s.answered() > 0 {
		s.submit() // the previous visitor left half-way: keep what they said
	}
	s.begin(e.TicketID, e.Data["number"])
}

func (s *surveyScreen) begin(ticketID, code string) {
	s.ticketID, s.code, s.scores, s.zi, s.step = ticketID, code, [9]int{}, ziScores{}, 0
	s.comment = widget.NewMultiLineEntry()
	s.comment.SetPlaceHolder("Tulis saran atau masukan Anda (boleh dikosongkan)")
	s.comment.Wrapping = fyne.TextWrapWord
	s.comment.OnChanged = func(string) { s.touch() }
	s.showStep()
}

func (s *surveyScreen) answered() int {
	n := s.ziAnswered()
	for _, v := range s.scores {
		if v != 0 {
			n++
		}
	}
	return n
}

// touch restarts the idle clock.
func (s *surveyScreen) touch() {
	s.stopIdle()
	if !s.app.Live {
		return // tests call onIdle themselves
	}
	s.idle = time.AfterFunc(s.opts.IdleAfter, func() { fyne.Do(s.onIdle) })
}

func (s *surveyScreen) stopIdle() {
	if s.idle != nil {
		s.idle.Stop()
		s.idle = nil
	}
}

// onIdle: the visitor walked away. What was answered is sent.
func (s *surveyScreen) onIdle() {
	if s.ticketID == "" {
		return
	}
	if s.answered() > 0 {
		s.submit()
		return
	}
	s.showRest("")
}

// showStep shows element s.step (or the comment page after the ninth).
func (s *surveyScreen) showStep() {
	s.touch()
	if s.step >= surveyItemCount() {
		s.showComment()
		return
	}
	e := surveyItemAt(s.step)
	progressText := fmt.Sprintf("Nomor antrean %s · Pertanyaan %d dari %d", s.code, s.step+1, surveyItemCount())
	if e.Section != "" {
		progressText += " · Survei " + e.Section
	}
	progress := widget.NewLabelWithStyle(progressText, fyne.TextAlignCenter, fyne.TextStyle{})
	name := canvas.NewText(e.Name, colNavy)
	name.TextSize = 30
	name.TextStyle.Bold = true
	name.Alignment = fyne.TextAlignCenter
	q := container.NewVBox()
	for _, l := range wrapText(e.Question, 70, 3, 22, colInk) {
		if t, ok := l.(*canvas.Text); ok {
			t.Alignment = fyne.TextAlignCenter
			t.TextStyle.Bold = false
		}
		q.Add(l)
	}
	faces := container.NewGridWithColumns(4)
	for v := 1; v <= 4; v++ {
		faces.Add(s.faceButton(v, e.Answers[v-1]))
	}
	back := widget.NewButton("Kembali", s.onBack)
	if s.step == 0 {
		back.Disable()
	}
	skip := widget.NewButton("Lewati pertanyaan ini", func() { s.choose(0) })
	nav := container.NewHBox(back, layout.NewSpacer(), skip)
	body := container.NewVBox(progress, name, q, layout.NewSpacer(), faces, layout.NewSpacer(), nav)
	s.show(container.NewPadded(body))
}

// faceButton is a big face with its answer below it.
func (s *surveyScreen) faceButton(v int, answer string) fyne.CanvasObject {
	face := canvas.NewImageFromImage(faceImage(v))
	face.FillMode = canvas.ImageFillContain
	face.SetMinSize(fyne.NewSize(150, 150))
	label := wrapText(answer, 18, 2, 22, colInk)
	b := widget.NewButton("", func() { s.choose(v) })
	if s.scoreAt(s.step) == v {
		b.Importance = widget.HighImportance // the answer given before Kembali
	}
	size := canvas.NewRectangle(color.Transparent)
	size.SetMinSize(fyne.NewSize(220, 250))
	inner := container.NewVBox(container.NewCenter(face))
	for _, l := range label {
		if t, ok := l.(*canvas.Text); ok {
			t.Alignment = fyne.TextAlignCenter
		}
		inner.Add(l)
	}
	return container.NewStack(size, b, container.NewPadded(inner))
}

func (s *surveyScreen) choose(v int) {
	s.setScore(s.step, v)
	s.step++
	s.showStep()
}

func (s *surveyScreen) onBack() {
	if s.step > 0 {
		s.step--
	}
	s.showStep()
}

func (s *surveyScreen) showComment() {
	title := canvas.NewText("Saran dan masukan", colNavy)
	title.TextSize = 30
	title.TextStyle.Bold = true
	title.Alignment = fyne.TextAlignCenter
	sendText := canvas.NewText("Kirim penilaian", colCard)
	sendText.TextSize = 28
	sendText.TextStyle.Bold = true
	sendText.Alignment = fyne.TextAlignCenter
	send := touchButton(s.submit, widget.HighImportance, fyne.NewSize(420, 90), nil, sendText)
	back := widget.NewButton("Kembali", s.onBack)
	back.Importance = widget.LowImportance
	s.comment.SetMinRowsVisible(4)
	body := container.NewVBox(title, s.comment, container.NewCenter(send), s.status, back)
	s.show(container.NewPadded(body))
}

// submit sends the answers; a refusal is shown and nothing is lost.
func (s *surveyScreen) submit() {
	s.stopIdle()
	a := s.withZI(store.SurveyAnswer{TicketID: s.ticketID, Scores: s.scores})
	if s.comment != nil {
		a.Comment = s.comment.Text
	}
	var out store.SurveyAnswer
	s.app.run(func(ctx context.Context) error {
		var err error
		out, err = s.app.svc.SubmitSurvey(ctx, a)
		return err
	}, func(err error) {
		if err != nil {
			var e *store.Error
			if errors.As(err, &e) && (e.Code == "already_rated" || e.Code == "bad_state") {
				s.showRest(e.Message)
				return
			}
			log.Printf("ui: survey: %v", err)
			s.status.SetText(errText(err))
			return
		}
		s.sent++
		s.lastSent = out
		s.showThanks()
	})
}

func (s *surveyScreen) showThanks() {
	s.ticketID = ""
	big := canvas.NewText("Terima kasih!", colSuccess)
	big.TextSize = 56
	big.TextStyle.Bold = true
	big.Alignment = fyne.TextAlignCenter
	small := widget.NewLabelWithStyle("Penilaian Anda membantu kami memperbaiki pelayanan.", fyne.TextAlignCenter, fyne.TextStyle{})
	s.show(container.NewCenter(container.NewVBox(big, small)))
	if s.app.Live {
		time.AfterFunc(8*time.Second, func() {
			fyne.Do(func() {
				if s.ticketID == "" {
					s.showRest("")
				}
			})
		})
	}
}

// faceImage paints the face of a score once, at a size that stays sharp
// on a tablet.
func faceImage(v int) image.Image {
	const side = 240
	img := image.NewNRGBA(image.Rect(0, 0, side, side))
	px := facePixels(v)
	for y := 0; y < side; y++ {
		for x := 0; x < side; x++ {
			img.Set(x, y, px(x, y, side, side))
		}
	}
	return img
}

// facePixels draws a face for a score: red frown (1) to green smile (4).
func facePixels(v int) func(x, y, w, h int) color.Color {
	fill := [5]color.NRGBA{{}, {0xD6, 0x45, 0x3D, 0xFF}, {0xF0, 0x9A, 0x2E, 0xFF}, {0x8C, 0xC0, 0x4B, 0xFF}, {0x2E, 0xA0, 0x5A, 0xFF}}[v]
	dark := color.NRGBA{0x22, 0x22, 0x22, 0xFF}
	curve := []float64{0, -0.6, -0.3, 0.3, 0.65}[v] // mouth bend: negative frowns
	return func(x, y, w, h int) color.Color {
		side := float64(min(w, h))
		cx, cy := float64(w)/2, float64(h)/2
		r := side / 2 * 0.95
		dx, dy := (float64(x)-cx)/r, (float64(y)-cy)/r
		d := math.Hypot(dx, dy)
		switch {
		case d > 1:
			return color.Transparent
		case d > 0.94:
			return dark
		}
		for _, ex := range []float64{-0.35, 0.35} {
			if math.Hypot(dx-ex, dy+0.28) < 0.11 {
				return dark
			}
		}
		if math.Abs(dx) < 0.5 {
			my := 0.35 + curve*(0.25-dx*dx)*1.2 - curve*0.15
			if math.Abs(dy-my) < 0.06 {
				return dark
			}
		}
		return fill
	}
}
