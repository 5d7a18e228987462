package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"loket/office"
	"loket/store"
)

// zones are the three Indonesian time zones, as offered to people.
var zones = []struct{ label, name string }{
	{"WIB — Asia/Jakarta", "Asia/Jakarta"},
	{"WITA — Asia/Makassar", "Asia/Makassar"},
	{"WIT — Asia/Jayapura", "Asia/Jayapura"},
}

func zoneLabels() []string {
	out := make([]string, len(zones))
	for i, z := range zones {
		out[i] = z.label
	}
	return out
}

func zoneName(label string) string {
	for _, z := range zones {
		if z.label == label {
			return z.name
		}
	}
	return "Asia/Jakarta"
}

func zoneLabelOf(name string) string {
	for _, z := range zones {
		if z.name == name {
			return z.label
		}
	}
	return zones[0].label
}

// firstRunScreen asks for the office and its first admin on a new store.
type firstRunScreen struct {
	app                                *App
	code, name, address, phone         *widget.Entry
	zone                               *widget.Select
	adminUser, adminName, pass1, pass2 *widget.Entry
	demo                               *widget.Check
	save                               *widget.Button
	message                            *widget.Label
}

func newFirstRunScreen(a *App) *firstRunScreen {
	d := office.DemoOffice()
	s := &firstRunScreen{app: a,
		code: widget.NewEntry(), name: widget.NewEntry(), address: widget.NewEntry(), phone: widget.NewEntry(),
		zone:      widget.NewSelect(zoneLabels(), nil),
		adminUser: widget.NewEntry(), adminName: widget.NewEntry(),
		pass1: widget.NewPasswordEntry(), pass2: widget.NewPasswordEntry(),
		demo:    widget.NewCheck("Isi contoh layanan, loket dan petugas (dapat diubah nanti)", nil),
		message: widget.NewLabel(""),
	}
	// Only placeholders for the office: its code is part of every record
	// number and can never change, so it is typed on purpose, never
	// accepted from a prefilled example.
	s.code.SetPlaceHolder("contoh: KPPN019 (tidak dapat diubah)")
	s.name.SetPlaceHolder("contoh: KPPN Pekanbaru")
	s.address.SetPlaceHolder("contoh: Jl. Sudirman No. 249, Pekanbaru")
	s.phone.SetPlaceHolder("contoh: (0761) 22847")
	s.zone.SetSelected(zoneLabelOf(d.Zone))
	s.adminUser.SetText("admin")
	s.adminName.SetPlaceHolder("contoh: Administrator Kantor")
	s.pass1.SetPlaceHolder("minimal 6 karakter")
	s.demo.SetChecked(true)
	s.message.Wrapping = fyne.TextWrapWord
	s.message.Importance = widget.DangerImportance
	s.message.Hide()
	s.save = widget.NewButton("Simpan dan Mulai", s.onSave)
	s.save.Importance = widget.HighImportance
	return s
}

func (s *firstRunScreen) content() fyne.CanvasObject {
	title := canvas.NewText("Selamat datang di Loket", colNavy)
	title.TextSize = 26
	title.TextStyle.Bold = true
	intro := widget.NewLabel("Komputer ini belum memiliki data kantor. Lengkapi data kantor dan akun admin pertama. " +
		"Kode kantor menjadi bagian setiap nomor data dan tidak dapat diubah setelah disimpan.")
	intro.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(
		widget.NewFormItem("Kode kantor", s.code),
		widget.NewFormItem("Nama kantor", s.name),
		widget.NewFormItem("Alamat", s.address),
		widget.NewFormItem("Telepon", s.phone),
		widget.NewFormItem("Zona waktu", s.zone),
	)
	admin := widget.NewForm(
		widget.NewFormItem("Nama pengguna", s.adminUser),
		widget.NewFormItem("Nama lengkap", s.adminName),
		widget.NewFormItem("Kata sandi", s.pass1),
		widget.NewFormItem("Ulangi kata sandi", s.pass2),
	)
	body := container.NewVBox(title, intro,
		card("DATA KANTOR", form), card("AKUN ADMIN PERTAMA", admin), s.demo)
	// The form scrolls on a small screen; the message and the button
	// stay in sight below it.
	return container.New(columnLayout{width: 620},
		container.NewBorder(nil, container.NewVBox(s.message, s.save), nil, nil, container.NewVScroll(body)))
}

// columnLayout centres one object in a column of fixed width and the full
// height: a form longer than a small screen scrolls inside the window
// instead of making the window taller than the screen.
type columnLayout struct{ width float32 }

func (c columnLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w := min(c.width, size.Width)
	for _, o := range objs {
		o.Move(fyne.NewPos((size.Width-w)/2, 0))
		o.Resize(fyne.NewSize(w, size.Height))
	}
}

func (c columnLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	m := fyne.NewSize(c.width, 0)
	for _, o := range objs {
		m.Height = max(m.Height, o.MinSize().Height)
	}
	return m
}

// say shows msg above the button; with none, the line takes no room.
func (s *firstRunScreen) say(msg string) {
	s.message.SetText(msg)
	if msg == "" {
		s.message.Hide()
	} else {
		s.message.Show()
	}
}

func (s *firstRunScreen) onSave() {
	s.say("")
	if s.pass1.Text != s.pass2.Text {
		s.say("Kedua kata sandi tidak sama. Ketik ulang kata sandi admin.")
		return
	}
	if strings.TrimSpace(s.adminName.Text) == "" {
		s.say("Nama lengkap admin wajib diisi.")
		return
	}
	setup := office.Setup{
		Office: store.Office{Code: s.code.Text, Name: s.name.Text, Address: strings.TrimSpace(s.address.Text),
			Phone: strings.TrimSpace(s.phone.Text), Zone: zoneName(s.zone.Selected),
			PriorityRatio: 2, NormalRatio: 1, MaxWait: office.DemoOffice().MaxWait},
		AdminUsername: s.adminUser.Text, AdminName: s.adminName.Text, AdminPassword: s.pass1.Text,
		Demo: s.demo.Checked,
	}
	s.save.Disable()
	var admin store.Officer
	var off store.Office
	s.app.run(func(ctx context.Context) error {
		var err error
		if admin, err = office.FirstRun(ctx, s.app.svc, setup); err != nil {
			return err
		}
		off, err = s.app.svc.Office(ctx)
		return err
	}, func(err error) {
		s.save.Enable()
		if err != nil {
			s.say(errText(err))
			return
		}
		s.app.office = off
		s.app.setOfficer(admin)
		s.app.showWork()
	})
}
