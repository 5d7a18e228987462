package ui

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"loket/office"
	"loket/store"
)

// adminScreen lets an admin keep services, counters, officers and the
// office settings.
type adminScreen struct {
	app      *App
	services *editor[store.Service]
	counters *editor[store.Counter]
	officers *editor[store.Officer]
	logins   *loginLockPane
	office   *officeForm
	calendar *calendarPane
	catalog  *catalogPane
	printer  *printerPane
	satkers  *satkerPane
}

func newAdminScreen(a *App) *adminScreen {
	s := &adminScreen{app: a}
	s.services = newServiceEditor(a)
	s.counters = newCounterEditor(a)
	s.officers = newOfficerEditor(a)
	s.logins = newLoginLockPane(a)
	s.office = newOfficeForm(a)
	s.calendar = newCalendarPane(a)
	s.catalog = newCatalogPane(a)
	s.printer = newPrinterPane(a)
	s.satkers = newSatkerPane(a)
	return s
}

func (s *adminScreen) content() fyne.CanvasObject {
	tabs := container.NewAppTabs(
		container.NewTabItem("Layanan", s.services.content()),
		container.NewTabItem("Loket", s.counters.content()),
		container.NewTabItem("Petugas", container.NewBorder(nil, s.logins.content(), nil, nil, s.officers.content())),
		container.NewTabItem("Kantor", s.office.content()),
		container.NewTabItem("Hari Libur", s.calendar.content()),
		container.NewTabItem("Katalog", s.catalog.content()),
		container.NewTabItem("Satker", s.satkers.content()),
		container.NewTabItem("Printer", s.printer.content()),
		container.NewTabItem("Sinkronisasi", newSyncPane(s.app).content()),
		container.NewTabItem("Janji Temu", newBookingPane(s.app).content()),
		container.NewTabItem("Perangkat", newPairingPane(s.app).content()),
	)
	tabs.SetTabLocation(container.TabLocationLeading)
	s.services.reload()
	s.counters.reload()
	s.officers.reload()
	s.logins.reload()
	s.office.reload()
	return tabs
}

// editor is a list of records beside the form that edits the selected one.
type editor[T any] struct {
	app     *App
	title   string
	items   []T
	current int // index in items, -1 for a new record
	list    *widget.List
	form    *widget.Form
	message *widget.Label
	saveBtn *widget.Button

	load  func(ctx context.Context) ([]T, error)
	label func(T) string
	fill  func(T) // show a record in the form
	clear func()  // empty the form for a new record
	// collect reads the form on the UI thread and returns the write to
	// run off it, or a refusal of what was typed.
	collect func(cur T) (func(ctx context.Context) (T, error), error)
	saved   func(T) string // the confirmation sentence
}

func (e *editor[T]) init() {
	e.current = -1
	e.message = widget.NewLabel("")
	e.message.Wrapping = fyne.TextWrapWord
	e.list = widget.NewList(func() int { return len(e.items) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(e.label(e.items[i])) })
	e.list.OnSelected = func(i widget.ListItemID) {
		e.current = i
		e.fill(e.items[i])
		e.message.SetText("")
	}
	e.saveBtn = widget.NewButton("Simpan", e.onSave)
	e.saveBtn.Importance = widget.HighImportance
}

func (e *editor[T]) content() fyne.CanvasObject {
	add := widget.NewButton("+ Tambah "+e.title, e.onNew)
	left := container.NewBorder(nil, add, nil, nil, e.list)
	right := card("", container.NewVBox(e.form, e.message, e.saveBtn))
	split := container.NewHSplit(left, container.NewVScroll(right))
	split.Offset = 0.35
	return split
}

func (e *editor[T]) onNew() {
	e.list.UnselectAll()
	e.current = -1
	e.clear()
	e.message.SetText("Mengisi " + strings.ToLower(e.title) + " baru.")
	e.message.Importance = widget.MediumImportance
}

func (e *editor[T]) reload() {
	var items []T
	e.app.run(func(ctx context.Context) error {
		var err error
		items, err = e.load(ctx)
		return err
	}, func(err error) {
		if err != nil {
			e.say(errText(err), true)
			return
		}
		e.items = items
		e.list.Refresh()
		if e.current < 0 || e.current >= len(items) {
			e.onNew()
		}
	})
}

func (e *editor[T]) say(msg string, isErr bool) {
	e.message.Importance = widget.SuccessImportance
	if isErr {
		e.message.Importance = widget.DangerImportance
	}
	e.message.SetText(msg)
}

func (e *editor[T]) onSave() {
	var cur T
	if e.current >= 0 {
		cur = e.items[e.current]
	}
	write, err := e.collect(cur)
	if err != nil {
		e.say(errText(err), true)
		return
	}
	var saved T
	var items []T
	e.saveBtn.Disable()
	e.app.run(func(ctx context.Context) error {
		var err error
		if saved, err = write(ctx); err != nil {
			return err
		}
		items, err = e.load(ctx)
		return err
	}, func(err error) {
		e.saveBtn.Enable()
		if err != nil {
			e.say(errText(err), true)
			return
		}
		e.items = items
		e.list.Refresh()
		for i, it := range items {
			if e.label(it) == e.label(saved) {
				e.current = i
				e.list.Select(i)
			}
		}
		e.say(e.saved(saved), false)
	})
}

func yesNo(b bool) string {
	if b {
		return ""
	}
	return "  (nonaktif)"
}

func intEntry(e *widget.Entry, what string) (int, error) {
	v := strings.TrimSpace(e.Text)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, &store.Error{Code: "invalid", Message: what + " harus berupa angka bulat."}
	}
	return n, nil
}

func newServiceEditor(a *App) *editor[store.Service] {
	prefix, name, cap, order := widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	active := widget.NewCheck("Aktif (tampil di kiosk dan dapat dipanggil)", nil)
	// The catalog link: which Standar Pelayanan gives this service its
	// requirement checklist and time norm.
	const noLink = "(tidak ditautkan)"
	var catalog []office.CatalogEntry
	link := widget.NewSelect([]string{noLink}, nil)
	// The catalog is read off the UI thread; until it comes the choice
	// offers only "not linked".
	loadCatalog := func() {
		var cat []office.CatalogEntry
		a.run(func(ctx context.Context) error {
			var err error
			cat, err = a.svc.Catalog(ctx)
			return err
		}, func(err error) {
			if err != nil {
				return
			}
			catalog = cat
			opts := []string{noLink}
			for _, e := range cat {
				opts = append(opts, shorten(e.Name, 60)+" · "+shorten(e.Unit, 30))
			}
			link.Options = opts
			link.Refresh()
		})
	}
	linkKey := func() string {
		for i, o := range link.Options {
			if o == link.Selected && i > 0 {
				return catalog[i-1].Key
			}
		}
		return ""
	}
	showLink := func(key string) {
		link.SetSelected(noLink)
		for i, e := range catalog {
			if e.Key == key {
				link.SetSelected(link.Options[i+1])
			}
		}
	}
	// The visitor data its registration asks (UU PDP minimisation); the
	// name is always asked.
	var fieldOpts []string
	for _, f := range store.VisitorFieldList[1:] {
		fieldOpts = append(fieldOpts, store.VisitorFieldLabel(f))
	}
	fields := widget.NewCheckGroup(fieldOpts, nil)
	fields.Horizontal = true
	showFields := func(fs []string) {
		var sel []string
		for _, f := range fs {
			if f != store.FieldName {
				sel = append(sel, store.VisitorFieldLabel(f))
			}
		}
		fields.SetSelected(sel)
	}
	chosenFields := func() []string {
		out := []string{store.FieldName}
		for _, f := range store.VisitorFieldList[1:] {
			for _, s := range fields.Selected {
				if s == store.VisitorFieldLabel(f) {
					out = append(out, f)
				}
			}
		}
		return out
	}
	fieldsNote := widget.NewLabel("Nama selalu diminta. Pilih hanya data yang benar-benar diperlukan layanan ini (UU PDP).")
	fieldsNote.Wrapping = fyne.TextWrapWord
	fieldsNote.TextStyle.Italic = true
	prefix.SetPlaceHolder("A")
	cap.SetPlaceHolder("0 = tanpa batas")
	e := &editor[store.Service]{app: a, title: "Layanan",
		load:  a.svc.Services,
		label: func(s store.Service) string { return s.Prefix + " — " + s.Name + yesNo(s.Active) },
		fill: func(s store.Service) {
			prefix.SetText(s.Prefix)
			name.SetText(s.Name)
			cap.SetText(strconv.Itoa(s.DailyCap))
			order.SetText(strconv.Itoa(s.SortOrder))
			active.SetChecked(s.Active)
			showLink(s.CatalogRef)
			showFields(s.VisitorFields)
		},
		clear: func() {
			for _, w := range []*widget.Entry{prefix, name, cap, order} {
				w.SetText("")
			}
			active.SetChecked(true)
			showLink("")
			showFields(store.DefaultVisitorFields)
		},
		collect: func(cur store.Service) (func(context.Context) (store.Service, error), error) {
			c, err := intEntry(cap, "Kuota harian")
			if err != nil {
				return nil, err
			}
			o, err := intEntry(order, "Urutan")
			if err != nil {
				return nil, err
			}
			cur.Prefix, cur.Name, cur.DailyCap, cur.SortOrder, cur.Active = prefix.Text, name.Text, c, o, active.Checked
			cur.CatalogRef = linkKey()
			cur.VisitorFields = chosenFields()
			return func(ctx context.Context) (store.Service, error) { return a.svc.SaveService(ctx, a.officerID(), cur) }, nil
		},
		saved: func(s store.Service) string { return fmt.Sprintf("Layanan %s — %s tersimpan.", s.Prefix, s.Name) },
	}
	e.init()
	e.form = widget.NewForm(
		widget.NewFormItem("Awalan nomor", prefix),
		widget.NewFormItem("Nama layanan", name),
		widget.NewFormItem("Kuota harian", cap),
		widget.NewFormItem("Urutan tampil", order),
		widget.NewFormItem("Standar Pelayanan", link),
		widget.NewFormItem("Data pengunjung", container.NewVBox(fields, fieldsNote)),
		widget.NewFormItem("", active),
	)
	loadCatalog()
	return e
}

func newCounterEditor(a *App) *editor[store.Counter] {
	number, name := widget.NewEntry(), widget.NewEntry()
	active := widget.NewCheck("Aktif", nil)
	name.SetPlaceHolder("kosongkan untuk \"Loket <nomor>\"")
	e := &editor[store.Counter]{app: a, title: "Loket",
		load:  a.svc.Counters,
		label: func(c store.Counter) string { return c.Label() + yesNo(c.Active) },
		fill: func(c store.Counter) {
			number.SetText(strconv.Itoa(c.Number))
			name.SetText(c.Name)
			active.SetChecked(c.Active)
		},
		clear: func() {
			number.SetText("")
			name.SetText("")
			active.SetChecked(true)
		},
		collect: func(cur store.Counter) (func(context.Context) (store.Counter, error), error) {
			n, err := intEntry(number, "Nomor loket")
			if err != nil {
				return nil, err
			}
			cur.Number, cur.Name, cur.Active = n, name.Text, active.Checked
			return func(ctx context.Context) (store.Counter, error) { return a.svc.SaveCounter(ctx, a.officerID(), cur) }, nil
		},
		saved: func(c store.Counter) string { return c.Label() + " tersimpan." },
	}
	e.init()
	e.form = widget.NewForm(widget.NewFormItem("Nomor loket", number), widget.NewFormItem("Nama tampilan", name),
		widget.NewFormItem("", active))
	return e
}

var roleOptions = []string{store.RoleFO, store.RoleCSO, store.RoleKasi, store.RoleAdmin, store.RoleDPO}

func roleLabels() []string {
	out := make([]string, len(roleOptions))
	for i, r := range roleOptions {
		out[i] = store.RoleLabel(r)
	}
	return out
}

func roleOf(label string) string {
	for _, r := range roleOptions {
		if store.RoleLabel(r) == label {
			return r
		}
	}
	return ""
}

func newOfficerEditor(a *App) *editor[store.Officer] {
	user, name, nip, pass := widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewPasswordEntry()
	role := widget.NewSelect(roleLabels(), nil)
	active := widget.NewCheck("Aktif (dapat masuk)", nil)
	e := &editor[store.Officer]{app: a, title: "Petugas",
		load: a.svc.Officers,
		label: func(o store.Officer) string {
			return o.FullName + " (" + o.Username + ", " + store.RoleLabel(o.Role) + ")" + yesNo(o.Active)
		},
		fill: func(o store.Officer) {
			user.SetText(o.Username)
			name.SetText(o.FullName)
			nip.SetText(o.NIP)
			role.SetSelected(store.RoleLabel(o.Role))
			active.SetChecked(o.Active)
			pass.SetText("")
			pass.SetPlaceHolder("kosongkan bila tidak diganti")
		},
		clear: func() {
			for _, w := range []*widget.Entry{user, name, nip, pass} {
				w.SetText("")
			}
			pass.SetPlaceHolder("minimal 6 karakter")
			role.SetSelected(store.RoleLabel(store.RoleFO))
			active.SetChecked(true)
		},
		collect: func(cur store.Officer) (func(context.Context) (store.Officer, error), error) {
			cur.Username, cur.FullName, cur.NIP, cur.Role, cur.Active = user.Text, name.Text, nip.Text, roleOf(role.Selected), active.Checked
			password := pass.Text
			return func(ctx context.Context) (store.Officer, error) {
				return a.svc.SaveOfficer(ctx, a.officerID(), cur, password)
			}, nil
		},
		saved: func(o store.Officer) string {
			pass.SetText("")
			return "Petugas " + o.FullName + " tersimpan."
		},
	}
	e.init()
	e.form = widget.NewForm(
		widget.NewFormItem("Nama pengguna", user), widget.NewFormItem("Nama lengkap", name),
		widget.NewFormItem("NIP", nip), widget.NewFormItem("Peran", role),
		widget.NewFormItem("Kata sandi", pass), widget.NewFormItem("", active))
	return e
}

// officeForm edits the office record and its queue policy.
type officeForm struct {
	app                                  *App
	code                                 *widget.Label
	name, address, phone, prio, norm, mw *widget.Entry
	zone                                 *widget.Select
	message                              *widget.Label
	save                                 *widget.Button
}

func newOfficeForm(a *App) *officeForm {
	f := &officeForm{app: a, code: widget.NewLabel(""), name: widget.NewEntry(), address: widget.NewEntry(),
		phone: widget.NewEntry(), prio: widget.NewEntry(), norm: widget.NewEntry(), mw: widget.NewEntry(),
		zone: widget.NewSelect(zoneLabels(), nil), message: widget.NewLabel("")}
	f.message.Wrapping = fyne.TextWrapWord
	f.save = widget.NewButton("Simpan", f.onSave)
	f.save.Importance = widget.HighImportance
	return f
}

func (f *officeForm) content() fyne.CanvasObject {
	help := widget.NewLabel("Rasio prioritas: berapa nomor jalur prioritas (lansia, disabilitas, ibu hamil, anak, korban bencana) " +
		"dipanggil untuk setiap nomor biasa bila keduanya menunggu. Nomor yang menunggu lebih lama dari batas tunggu " +
		"dipanggil lebih dahulu.")
	help.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(
		widget.NewFormItem("Kode kantor", f.code), widget.NewFormItem("Nama kantor", f.name),
		widget.NewFormItem("Alamat", f.address), widget.NewFormItem("Telepon", f.phone),
		widget.NewFormItem("Zona waktu", f.zone),
		widget.NewFormItem("Rasio prioritas", container.NewGridWithColumns(3, f.prio, widget.NewLabel(": biasa"), f.norm)),
		widget.NewFormItem("Batas tunggu (menit)", f.mw),
	)
	return container.NewVScroll(card("DATA KANTOR DAN ATURAN ANTREAN", container.NewVBox(form, help, f.message, f.save)))
}

func (f *officeForm) reload() {
	var off store.Office
	f.app.run(func(ctx context.Context) error {
		var err error
		off, err = f.app.svc.Office(ctx)
		return err
	}, func(err error) {
		if err != nil {
			f.message.SetText(errText(err))
			return
		}
		f.code.SetText(off.Code)
		f.name.SetText(off.Name)
		f.address.SetText(off.Address)
		f.phone.SetText(off.Phone)
		f.zone.SetSelected(zoneLabelOf(off.Zone))
		f.prio.SetText(strconv.Itoa(off.PriorityRatio))
		f.norm.SetText(strconv.Itoa(off.NormalRatio))
		f.mw.SetText(strconv.Itoa(int(off.MaxWait / time.Minute)))
	})
}

func (f *officeForm) onSave() {
	f.message.Importance = widget.DangerImportance
	p, err1 := intEntry(f.prio, "Rasio prioritas")
	n, err2 := intEntry(f.norm, "Rasio biasa")
	mw, err3 := intEntry(f.mw, "Batas tunggu")
	for _, err := range []error{err1, err2, err3} {
		if err != nil {
			f.message.SetText(errText(err))
			return
		}
	}
	if p < 1 || n < 1 {
		f.message.SetText("Rasio prioritas dan biasa minimal 1.")
		return
	}
	o := store.Office{Code: f.code.Text, Name: f.name.Text, Address: f.address.Text, Phone: f.phone.Text,
		Zone: zoneName(f.zone.Selected), PriorityRatio: p, NormalRatio: n, MaxWait: time.Duration(mw) * time.Minute}
	var saved store.Office
	f.app.run(func(ctx context.Context) error {
		var err error
		saved, err = f.app.svc.SaveOffice(ctx, f.app.officerID(), o)
		return err
	}, func(err error) {
		if err != nil {
			f.message.SetText(errText(err))
			return
		}
		f.app.office = saved
		f.message.Importance = widget.SuccessImportance
		f.message.SetText("Data kantor tersimpan.")
	})
}
