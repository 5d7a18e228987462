package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"loket/store"
)

// loginScreen asks an officer for username and password.
type loginScreen struct {
	app     *App
	user    *widget.Entry
	pass    *widget.Entry
	login   *widget.Button
	message *widget.Label
}

func newLoginScreen(a *App) *loginScreen {
	s := &loginScreen{app: a, user: widget.NewEntry(), pass: widget.NewPasswordEntry(), message: widget.NewLabel("")}
	s.user.SetPlaceHolder("nama pengguna")
	s.pass.SetPlaceHolder("kata sandi")
	s.pass.OnSubmitted = func(string) { s.onLogin() }
	s.user.OnSubmitted = func(string) { a.win.Canvas().Focus(s.pass) }
	s.message.Importance = widget.DangerImportance
	s.message.Wrapping = fyne.TextWrapWord
	s.login = widget.NewButton("Masuk", s.onLogin)
	s.login.Importance = widget.HighImportance
	return s
}

func (s *loginScreen) content() fyne.CanvasObject {
	band := canvas.NewRectangle(colNavy)
	band.SetMinSize(fyne.NewSize(0, 6))
	name := canvas.NewText(s.app.office.Name, colNavy)
	name.TextSize = 24
	name.TextStyle.Bold = true
	name.Alignment = fyne.TextAlignCenter
	sub := canvas.NewText("Aplikasi Layanan Loket · "+s.app.office.ZoneLabel(), colMuted)
	sub.Alignment = fyne.TextAlignCenter
	form := widget.NewForm(widget.NewFormItem("Pengguna", s.user), widget.NewFormItem("Kata sandi", s.pass))
	box := container.NewVBox(band, name, sub, widget.NewSeparator(), form, s.message, s.login)
	return container.NewCenter(container.NewGridWrap(fyne.NewSize(420, 300), card("", box)))
}

func (s *loginScreen) onLogin() {
	s.message.SetText("")
	if s.user.Text == "" || s.pass.Text == "" {
		s.message.SetText("Isi nama pengguna dan kata sandi.")
		return
	}
	user, pass := s.user.Text, s.pass.Text // read here: the worker touches no widget
	var o store.Officer
	s.app.call(s.app.ctx(), func(ctx context.Context) error {
		var err error
		o, err = s.app.svc.Login(ctx, user, pass)
		return err
	}, func(err error) {
		if err != nil {
			s.pass.SetText("")
			s.message.SetText(errText(err))
			return
		}
		s.app.setOfficer(o)
		s.app.showWork()
	})
}
