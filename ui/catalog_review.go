package ui

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"loket/office"
	"loket/standards"
	"loket/workday"
)

// normUnits are the time-norm units an admin may pick, as shown.
var normUnits = []standards.Unit{standards.WorkDay, standards.Day, standards.CalendarDay, standards.WorkHour,
	standards.Hour, standards.Minute, standards.Month}

func unitLabels() []string {
	out := make([]string, len(normUnits))
	for i, u := range normUnits {
		out[i] = workday.UnitLabel(string(u))
	}
	return out
}

func unitOfLabel(label string) standards.Unit {
	for _, u := range normUnits {
		if workday.UnitLabel(string(u)) == label {
			return u
		}
	}
	return ""
}

// reviewItem is one service being reviewed: what the document reads and
// the values the admin settles on.
type reviewItem struct {
	key        string
	parsed     standards.Service
	change     standards.ChangeKind
	components []string
	had        *office.CatalogCorrection
	conflicts  []string
	missing    bool
	elsewhere  string
	manual     bool

	name        string
	reqs        []string
	normTouched bool
	normValue   string
	normUnit    standards.Unit
	fee         string
	free        bool
	products    []string
}

func newReviewItem(it office.CatalogReviewItem) *reviewItem {
	r := &reviewItem{key: it.Key, parsed: it.Parsed, change: it.Change, components: it.Components, had: it.Correction,
		conflicts: append([]string{}, it.Conflicts...), missing: it.Missing, elsewhere: it.ElsewhereIn}
	eff := it.Parsed
	if c := it.Correction; c != nil {
		r.manual = c.Manual
		if it.Missing {
			eff = c.Apply(c.Base)
		} else if !c.Manual || it.Parsed.Number != 0 {
			eff = c.Apply(it.Parsed)
		}
		r.normTouched = c.Norm != nil
	}
	r.name = eff.Name
	r.reqs = append([]string{}, eff.Requirements...)
	r.products = append([]string{}, eff.Products...)
	r.fee, r.free = eff.Fee, eff.FeeFree
	if n, ok := office.DocumentNorm(eff); ok {
		r.normValue, r.normUnit = strconv.FormatFloat(n.Value, 'f', -1, 64), n.Unit
	}
	return r
}

func sameList(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if strings.TrimSpace(a[i]) != strings.TrimSpace(b[i]) {
			return false
		}
	}
	return true
}

// corrected lists, for the list's status line, what differs from the
// document.
func (r *reviewItem) corrected() []string {
	if r.manual {
		return nil
	}
	var out []string
	if strings.TrimSpace(r.name) != r.parsed.Name {
		out = append(out, "nama")
	}
	if !sameList(r.reqs, r.parsed.Requirements) {
		out = append(out, "persyaratan")
	}
	if r.normTouched {
		out = append(out, "jangka waktu")
	}
	if strings.TrimSpace(r.fee) != r.parsed.Fee || r.free != r.parsed.FeeFree {
		out = append(out, "biaya")
	}
	if !sameList(r.products, r.parsed.Products) {
		out = append(out, "produk")
	}
	return out
}

// norm reads the time-norm fields; nil when left empty.
func (r *reviewItem) norm() (*office.TimeNorm, error) {
	v := strings.TrimSpace(strings.ReplaceAll(r.normValue, ",", "."))
	if v == "" && r.normUnit == "" {
		return nil, nil
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f <= 0 {
		return nil, fmt.Errorf("jangka waktu %q bukan angka lebih dari nol", r.normValue)
	}
	if r.normUnit == "" {
		return nil, fmt.Errorf("pilih satuan jangka waktu")
	}
	return &office.TimeNorm{Value: f, Unit: r.normUnit}, nil
}

// correction is what the admin's values say against the document; ok is
// false when there is nothing to send (no correction, none before).
func (r *reviewItem) correction() (office.CatalogCorrection, bool, error) {
	c := office.CatalogCorrection{Key: r.key, Manual: r.manual}
	if r.missing && !r.manual {
		return c, false, nil // its service is gone: the office drops it
	}
	norm, err := r.norm()
	if err != nil {
		return c, false, err
	}
	name := strings.TrimSpace(r.name)
	reqs := append([]string{}, r.reqs...)
	products := append([]string{}, r.products...)
	fee := office.CatalogFee{Free: r.free, Text: strings.TrimSpace(r.fee)}
	if r.manual {
		c.Name, c.Requirements, c.Products, c.Norm = &name, &reqs, &products, norm
		if fee.Text != "" || fee.Free {
			c.Fee = &fee
		}
		if r.had != nil && r.had.Manual {
			c.Key = r.had.Key
		} else if r.had == nil {
			c.Key = "" // made by the office from unit and name
		}
		return c, true, nil
	}
	if name != r.parsed.Name {
		c.Name = &name
	}
	if !sameList(reqs, r.parsed.Requirements) {
		c.Requirements = &reqs
	}
	if r.normTouched {
		c.Norm = norm
	}
	if fee.Text != r.parsed.Fee || fee.Free != r.parsed.FeeFree {
		c.Fee = &fee
	}
	if !sameList(products, r.parsed.Products) {
		c.Products = &products
	}
	return c, !c.Empty() || r.had != nil, nil
}

// catalogReview is the review step before an import: each service beside
// its source text, editable, with what the new version changed and the
// office's corrections kept unless dropped.
type catalogReview struct {
	app    *App
	pane   *catalogPane
	win    fyne.Window
	source string
	data   []byte
	rv     office.CatalogReview
	items  []*reviewItem
	drop   []string
	cur    int

	list      *widget.List
	srcTitle  *widget.Label
	srcText   *widget.RichText
	srcScroll *container.Scroll
	form      *fyne.Container
	formWrap  *container.Scroll
	unit      *widget.Entry
	message   *widget.Label
	importBtn *widget.Button
	addSvc    *widget.Button

	// The current item's editors (tests and the screenshot hooks use them).
	nameEntry  *widget.Entry
	reqLabels  []*widget.Label
	reqEdit    []*widget.Button
	editEntry  *widget.Entry
	editDialog *dialog.ConfirmDialog
	editDone   func(ok bool)
	reqUp      []*widget.Button
	reqDown    []*widget.Button
	reqDel     []*widget.Button
	addReq     *widget.Button
	normValue  *widget.Entry
	normUnit   *widget.Select
	feeEntry   *widget.Entry
	freeCheck  *widget.Check
	prodEntry  *widget.Entry
	useDoc     map[string]*widget.Button
	keepManual *widget.Button
	cancelBtn  *widget.Button

	// initial is the decision the review opened with: closing after a
	// change asks first.
	initial string
}

func newCatalogReview(a *App, pane *catalogPane, source string, data []byte, rv office.CatalogReview) *catalogReview {
	r := &catalogReview{app: a, pane: pane, source: source, data: data, rv: rv, cur: -1}
	for _, it := range rv.Items {
		r.items = append(r.items, newReviewItem(it))
	}
	r.build()
	r.win = a.fa.NewWindow("Tinjau sebelum impor — " + rv.Source)
	r.win.SetContent(r.content())
	// Fits a 1366x768 screen with the taskbar.
	r.win.Resize(fyne.NewSize(1300, 700))
	r.win.Show()
	switch {
	case len(r.items) > 0:
		r.list.Select(0)
	default:
		r.showNothing()
	}
	r.initial = r.snapshot()
	r.win.SetCloseIntercept(r.onCancel)
	return r
}

// snapshot is the admin's decisions so far, to tell whether anything
// would be lost on closing.
func (r *catalogReview) snapshot() string {
	d, _, err := r.decision()
	if err != nil {
		return "tidak sah: " + err.Error()
	}
	b, _ := json.Marshal(d)
	return fmt.Sprintf("%d %s", len(r.items), b)
}

// onCancel closes the review; with changes made, after a confirmation.
func (r *catalogReview) onCancel() {
	if r.snapshot() == r.initial {
		r.win.Close()
		return
	}
	dialog.ShowConfirm("Tutup tanpa mengimpor?", "Koreksi yang dibuat di tinjauan ini belum disimpan dan akan hilang.",
		func(ok bool) {
			if ok {
				r.win.Close()
			}
		}, r.win)
}

func (r *catalogReview) build() {
	r.list = widget.NewList(func() int { return len(r.items) },
		func() fyne.CanvasObject {
			title := widget.NewLabel("")
			title.TextStyle.Bold = true
			title.Truncation = fyne.TextTruncateEllipsis
			status := widget.NewLabel("")
			status.Truncation = fyne.TextTruncateEllipsis
			status.SizeName = theme.SizeNameCaptionText
			return container.NewVBox(title, status)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			it := r.items[i]
			box.Objects[0].(*widget.Label).SetText(fmt.Sprintf("%d. %s", i+1, it.name))
			st := box.Objects[1].(*widget.Label)
			text, imp := r.status(it)
			st.Importance = imp
			st.SetText(text)
		})
	r.list.OnSelected = func(i widget.ListItemID) { r.show(i) }
	r.srcTitle = widget.NewLabel("")
	r.srcTitle.TextStyle.Bold = true
	r.srcTitle.Wrapping = fyne.TextWrapWord
	r.srcText = widget.NewRichText()
	r.srcText.Wrapping = fyne.TextWrapWord
	r.srcScroll = container.NewVScroll(r.srcText)
	r.form = container.NewVBox()
	r.formWrap = container.NewVScroll(r.form)
	r.unit = widget.NewEntry()
	r.unit.SetPlaceHolder("nama unit pelayanan, mis. KPPN Pekanbaru")
	r.unit.SetText(r.rv.Unit)
	r.message = widget.NewLabel("")
	r.message.Wrapping = fyne.TextWrapWord
	r.addSvc = widget.NewButtonWithIcon("Tambah layanan manual", theme.ContentAddIcon(), r.onAddService)
	label := "Impor versi baru"
	if r.rv.Unchanged {
		label = "Simpan koreksi"
	}
	r.importBtn = widget.NewButtonWithIcon(label, theme.ConfirmIcon(), r.onImport)
	r.importBtn.Importance = widget.HighImportance
}

// status is the list's second line for an item.
func (r *catalogReview) status(it *reviewItem) (string, widget.Importance) {
	var parts []string
	imp := widget.MediumImportance
	switch {
	case it.missing && !it.manual:
		return "tidak ada di versi baru · koreksi akan dihapus", widget.DangerImportance
	case it.manual:
		parts = append(parts, "ditambahkan manual")
		imp = widget.SuccessImportance
	case it.change == standards.Added:
		parts = append(parts, "baru di versi ini")
		imp = widget.MediumImportance
	case it.change == standards.Changed:
		parts = append(parts, "berubah: "+componentTitles(it.components))
		imp = widget.MediumImportance
	}
	if c := it.corrected(); len(c) > 0 {
		parts = append(parts, "dikoreksi: "+strings.Join(c, ", "))
		imp = widget.SuccessImportance
	}
	if it.elsewhere != "" {
		parts = append([]string{"SUDAH ADA di " + it.elsewhere}, parts...)
		imp = widget.DangerImportance
	}
	if len(it.conflicts) > 0 {
		parts = append([]string{"PERIKSA: versi baru mengubah koreksi"}, parts...)
		imp = widget.DangerImportance
	}
	if len(parts) == 0 {
		return "sesuai dokumen", widget.MediumImportance
	}
	return strings.Join(parts, " · "), imp
}

func componentTitles(keys []string) string {
	var out []string
	for _, k := range keys {
		t := office.FieldTitle(k)
		if t == "" {
			t = k
		}
		out = append(out, strings.ToLower(t))
	}
	return strings.Join(out, ", ")
}

func (r *catalogReview) content() fyne.CanvasObject {
	title := canvas.NewText("Tinjau sebelum impor", colNavy)
	title.TextSize = 20
	title.TextStyle.Bold = true
	summary := widget.NewLabel(r.summary())
	summary.Wrapping = fyne.TextWrapWord
	head := container.NewVBox(title, summary)
	if r.rv.Problem != "" {
		p := widget.NewLabel(r.rv.Problem + " Anda dapat menambahkan layanannya secara manual dari teks dokumen.")
		p.Wrapping = fyne.TextWrapWord
		p.Importance = widget.DangerImportance
		head.Add(p)
	}
	if r.rv.Unit == "" {
		head.Add(container.NewBorder(nil, nil, widget.NewLabel("Unit pelayanan"), nil, r.unit))
	}
	if len(r.rv.Warnings) > 0 {
		w := widget.NewLabel(warningText(r.rv.Warnings))
		w.Wrapping = fyne.TextWrapWord
		acc := widget.NewAccordion(widget.NewAccordionItem(fmt.Sprintf("Catatan pembacaan (%d)", len(r.rv.Warnings)), w))
		head.Add(acc)
	}
	left := card("LAYANAN DALAM DOKUMEN", container.NewBorder(nil, r.addSvc, nil, nil, r.list))
	src := card("TEKS SUMBER", container.NewBorder(r.srcTitle, nil, nil, nil, r.srcScroll))
	edit := card("HASIL BACA — PERIKSA DAN KOREKSI", r.formWrap)
	right := container.NewHSplit(src, edit)
	right.Offset = 0.46
	body := container.NewHSplit(left, right)
	body.Offset = 0.24
	r.cancelBtn = widget.NewButton("Batal", r.onCancel)
	cancel := r.cancelBtn
	foot := container.NewBorder(nil, nil, nil, container.NewHBox(cancel, r.importBtn), r.message)
	return container.NewBorder(container.NewPadded(head), container.NewPadded(foot), nil, nil, body)
}

func (r *catalogReview) summary() string {
	pv := r.rv.CatalogPreview
	var added, changed, removed int
	for _, c := range pv.Changes {
		switch c.Kind {
		case standards.Added:
			added++
		case standards.Removed:
			removed++
		default:
			changed++
		}
	}
	kept := 0
	for _, it := range r.items {
		if it.had != nil {
			kept++
		}
	}
	unit := pv.Unit
	if unit == "" {
		unit = "unit belum dikenali"
	}
	s := fmt.Sprintf("%s · %s · %d layanan terbaca", pv.Source, unit, pv.Services)
	switch {
	case pv.Unchanged:
		s += " · sama dengan versi yang berlaku"
	case added+changed+removed > 0:
		s += fmt.Sprintf(" · dibanding versi berlaku: %d berubah, %d baru, %d dihapus", changed, added, removed)
	}
	if kept > 0 {
		s += fmt.Sprintf(" · %d koreksi kantor tetap dipakai kecuali Anda membatalkannya", kept)
	}
	return s + ". Periksa setiap layanan di kiri: teks sumber di tengah, hasil baca yang akan dipakai loket di kanan."
}

func warningText(ws []string) string {
	var b strings.Builder
	for i, w := range ws {
		if i == 30 {
			fmt.Fprintf(&b, "… dan %d lainnya", len(ws)-30)
			break
		}
		b.WriteString("• " + w + "\n")
	}
	return strings.TrimSpace(b.String())
}

// showNothing is the start of a review with no service read: the
// document's text, and the way to add a service by hand.
func (r *catalogReview) showNothing() {
	r.cur = -1
	r.showSource(nil)
	r.form.Objects = nil
	msg := widget.NewLabel("Tidak ada layanan yang terbaca. Tekan \"Tambah layanan manual\" dan isi nama, persyaratan, " +
		"jangka waktu, biaya dan produknya dari teks di sebelah kiri.")
	msg.Wrapping = fyne.TextWrapWord
	r.form.Add(msg)
	r.form.Refresh()
}

// showSource shows the source text of an item (nil: the whole document).
func (r *catalogReview) showSource(it *reviewItem) {
	var b strings.Builder
	switch {
	case it == nil || (it.manual && it.parsed.Number == 0 && len(it.parsed.Components) == 0):
		r.srcTitle.SetText("Teks dokumen")
		text := r.rv.Text
		if text == "" {
			text = "Teks dokumen tidak dapat ditampilkan."
		}
		if len(text) > 30000 {
			text = text[:30000] + "\n…"
		}
		for _, ln := range strings.Split(text, "\n") {
			b.WriteString(mdEscape(ln) + "\n\n")
		}
	case it.missing:
		r.srcTitle.SetText(it.name)
		b.WriteString("Layanan ini tidak ada lagi dalam versi dokumen yang diimpor.")
	default:
		r.srcTitle.SetText(it.parsed.Name)
		changed := map[string]bool{}
		for _, k := range it.components {
			changed[k] = true
		}
		seen := map[string]bool{}
		write := func(key, title string) {
			text, ok := it.parsed.Components[key]
			seen[key] = true
			if !ok {
				return
			}
			mark := ""
			if changed[key] {
				mark = " — berubah di versi ini"
			}
			fmt.Fprintf(&b, "**%s%s**\n\n", mdEscape(title), mark)
			for _, ln := range strings.Split(text, "\n") {
				if ln = strings.TrimSpace(ln); ln != "" {
					b.WriteString(mdEscape(ln) + "\n\n")
				}
			}
		}
		// The components the form edits come first, in the form's order,
		// so the text to check stands beside its field; the rest follow.
		for _, k := range []string{standards.KeyPersyaratan, standards.KeyJangkaWaktu, standards.KeyBiaya, standards.KeyProduk} {
			write(k, standards.ComponentTitle(k))
		}
		for _, c := range standards.Components {
			if !seen[c.Key] {
				write(c.Key, c.Title)
			}
		}
		for k := range it.parsed.Components {
			if !seen[k] {
				write(k, k)
			}
		}
	}
	r.srcText.ParseMarkdown(b.String())
	r.srcScroll.ScrollToTop()
}

func (r *catalogReview) show(i int) {
	if i < 0 || i >= len(r.items) {
		return
	}
	r.cur = i
	it := r.items[i]
	r.showSource(it)
	r.buildForm(it)
	r.formWrap.ScrollToTop()
}

// warnBox is a notice the admin must read, in the style of the app's
// calendar warning: pale amber, a gold bar, bold dark text, its buttons
// below.
func warnBox(text string, buttons ...fyne.CanvasObject) fyne.CanvasObject {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.TextStyle.Bold = true
	bar := canvas.NewRectangle(colGold)
	bar.SetMinSize(fyne.NewSize(5, 0))
	body := container.NewVBox(l)
	if len(buttons) > 0 {
		body.Add(container.NewHBox(buttons...))
	}
	row := container.NewBorder(nil, nil, container.NewHBox(bar, container.NewCenter(widget.NewIcon(theme.WarningIcon()))), nil, body)
	return container.NewStack(canvas.NewRectangle(colWarnBg), container.NewPadded(row))
}

func heading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return l
}

func note(text string, imp widget.Importance) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = imp
	if imp == widget.LowImportance {
		// Explanations: italic in the normal colour, which stays readable
		// where the theme's low-importance grey is faint.
		l.Importance = widget.MediumImportance
		l.TextStyle.Italic = true
	}
	return l
}

// touched refreshes the list row of the current item after an edit.
func (r *catalogReview) touched() {
	if r.cur >= 0 {
		r.list.RefreshItem(r.cur)
	}
}

func (r *catalogReview) buildForm(it *reviewItem) {
	f := r.form
	f.Objects = nil
	r.useDoc = map[string]*widget.Button{}
	r.keepManual = nil
	if it.missing && !it.manual {
		r.keepManual = widget.NewButton("Simpan sebagai layanan manual", func() {
			it.manual, it.missing = true, false
			r.touched()
			r.buildForm(it)
		})
		f.Add(warnBox("Layanan ini tidak ada lagi di versi baru dokumen. Koreksi kantor untuknya "+
			"dihapus saat impor, kecuali disimpan sebagai layanan manual.", r.keepManual))
	}
	if it.elsewhere != "" {
		f.Add(warnBox("Layanan ini sudah ada di katalog dari dokumen " + it.elsewhere + ". Bila ini dokumen yang sama dengan " +
			"nama berkas lain, batalkan dan impor dengan nama berkas " + it.elsewhere + " agar menjadi versi barunya; " +
			"bila diteruskan, layanan tercantum dua kali."))
	}
	if len(it.conflicts) > 0 {
		var buttons []fyne.CanvasObject
		for _, field := range it.conflicts {
			field := field
			b := widget.NewButtonWithIcon("Pakai versi dokumen: "+strings.ToLower(office.FieldTitle(field)), theme.ContentUndoIcon(),
				func() { r.useDocument(it, field) })
			r.useDoc[field] = b
			buttons = append(buttons, b)
		}
		f.Add(warnBox("Versi baru dokumen mengubah bagian yang sudah dikoreksi kantor: "+componentTitles(it.conflicts)+
			". Koreksi kantor tetap dipakai, kecuali Anda memilih teks dokumen.", buttons...))
	}
	switch {
	case it.manual:
		f.Add(note("Layanan ditambahkan manual oleh kantor.", widget.SuccessImportance))
	case it.change == standards.Added:
		f.Add(note("Layanan baru di versi ini.", widget.MediumImportance))
	case it.change == standards.Changed:
		f.Add(note("Berubah di versi ini: "+componentTitles(it.components)+".", widget.MediumImportance))
	}

	r.nameEntry = widget.NewEntry()
	r.nameEntry.SetText(it.name)
	r.nameEntry.OnChanged = func(s string) { it.name = s; r.touched() }
	f.Add(heading("Nama layanan"))
	f.Add(r.nameEntry)

	var undoReq fyne.CanvasObject
	if !it.manual && !sameList(it.reqs, it.parsed.Requirements) {
		b := widget.NewButtonWithIcon("Kembalikan ke dokumen", theme.ContentUndoIcon(), func() {
			it.reqs = append([]string{}, it.parsed.Requirements...)
			r.dropConflict(it, office.FieldRequirements)
			r.touched()
			r.buildForm(it)
		})
		b.Importance = widget.LowImportance
		undoReq = b
	}
	f.Add(container.NewBorder(nil, nil, heading("Persyaratan — daftar periksa di loket"), undoReq))
	if it.parsed.RequirementsNote != "" {
		// Read from the document as the checklist's note (who may use
		// the service, an introduction): shown at the counter above the
		// items, never ticked.
		n := widget.NewLabel("Catatan (tidak dicentang): " + it.parsed.RequirementsNote)
		n.Wrapping = fyne.TextWrapWord
		n.TextStyle.Italic = true
		f.Add(n)
	}
	r.reqLabels, r.reqEdit, r.reqUp, r.reqDown, r.reqDel = nil, nil, nil, nil, nil
	// Each item reads as the counter will show it: a wrapped line,
	// edited in a dialog. (Editors inline would swallow the mouse wheel
	// that scrolls this form.)
	for i := range it.reqs {
		i := i
		text := widget.NewLabel(it.reqs[i])
		text.Wrapping = fyne.TextWrapWord
		if strings.TrimSpace(it.reqs[i]) == "" {
			text.SetText("(kosong — akan dilewati)")
			text.TextStyle.Italic = true
		}
		edit := widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { r.openEditor(it, i) })
		up := widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { r.moveReq(it, i, -1) })
		down := widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { r.moveReq(it, i, 1) })
		del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
			it.reqs = append(it.reqs[:i:i], it.reqs[i+1:]...)
			r.touched()
			r.buildForm(it)
		})
		if i == 0 {
			up.Disable()
		}
		if i == len(it.reqs)-1 {
			down.Disable()
		}
		for _, b := range []*widget.Button{edit, up, down, del} {
			b.Importance = widget.LowImportance
		}
		num := widget.NewLabel(fmt.Sprintf("%d.", i+1))
		row := container.NewBorder(nil, nil, num, container.NewHBox(edit, up, down, del), text)
		bg := canvas.NewRectangle(colPaper)
		bg.CornerRadius = 4
		f.Add(container.NewStack(bg, row))
		r.reqLabels = append(r.reqLabels, text)
		r.reqEdit = append(r.reqEdit, edit)
		r.reqUp, r.reqDown, r.reqDel = append(r.reqUp, up), append(r.reqDown, down), append(r.reqDel, del)
	}
	if len(it.reqs) == 0 {
		f.Add(note("Tidak ada persyaratan: loket tidak menampilkan daftar periksa untuk layanan ini.", widget.LowImportance))
	}
	r.addReq = widget.NewButtonWithIcon("Tambah butir persyaratan", theme.ContentAddIcon(), func() {
		it.reqs = append(it.reqs, "")
		r.touched()
		r.buildForm(it)
		r.openEditor(it, len(it.reqs)-1)
	})
	f.Add(container.NewHBox(r.addReq))
	f.Add(heading("Jangka waktu penyelesaian"))
	doc := strings.TrimSpace(strings.ReplaceAll(it.parsed.SLAText, "\n", " "))
	switch {
	case it.manual && it.parsed.Number == 0:
	case doc == "":
		f.Add(note("Dokumen tidak menyebut jangka waktu.", widget.LowImportance))
	default:
		read := "tidak terbaca sebagai durasi"
		if n, ok := office.DocumentNorm(it.parsed); ok {
			read = n.String()
		}
		f.Add(note(fmt.Sprintf("Dokumen: \"%s\" — terbaca: %s", clipText(doc, 160), read), widget.LowImportance))
	}
	r.normValue = widget.NewEntry()
	r.normValue.SetPlaceHolder("angka")
	r.normValue.SetText(it.normValue)
	r.normValue.OnChanged = func(s string) { it.normValue, it.normTouched = s, true; r.touched() }
	r.normUnit = widget.NewSelect(unitLabels(), func(s string) {
		if u := unitOfLabel(s); u != it.normUnit {
			it.normUnit, it.normTouched = u, true
			r.touched()
		}
	})
	r.normUnit.PlaceHolder = "satuan"
	if it.normUnit != "" {
		r.normUnit.SetSelected(workday.UnitLabel(string(it.normUnit)))
	}
	normRow := container.NewHBox(container.NewGridWrap(fyne.NewSize(90, r.normValue.MinSize().Height), r.normValue),
		container.NewGridWrap(fyne.NewSize(170, r.normUnit.MinSize().Height), r.normUnit))
	if it.normTouched && !it.manual {
		normRow.Add(widget.NewButtonWithIcon("Kembalikan ke dokumen", theme.ContentUndoIcon(), func() {
			it.normTouched = false
			it.normValue, it.normUnit = "", ""
			if n, ok := office.DocumentNorm(it.parsed); ok {
				it.normValue, it.normUnit = strconv.FormatFloat(n.Value, 'f', -1, 64), n.Unit
			}
			r.dropConflict(it, office.FieldNorm)
			r.touched()
			r.buildForm(it)
		}))
	}
	f.Add(normRow)
	f.Add(note("Tanggal janji selesai pada tanda terima dihitung dari jangka waktu ini, pada kalender hari kerja kantor.", widget.LowImportance))

	f.Add(heading("Biaya/tarif"))
	r.feeEntry = widget.NewEntry()
	r.feeEntry.SetText(it.fee)
	r.feeEntry.OnChanged = func(s string) { it.fee = s; r.touched() }
	r.freeCheck = widget.NewCheck("Tidak dipungut biaya (gratis)", func(b bool) { it.free = b; r.touched() })
	r.freeCheck.SetChecked(it.free)
	f.Add(container.NewBorder(nil, nil, nil, r.freeCheck, r.feeEntry))

	f.Add(heading("Produk layanan (satu per baris)"))
	r.prodEntry = widget.NewMultiLineEntry()
	r.prodEntry.Wrapping = fyne.TextWrapWord
	r.prodEntry.SetMinRowsVisible(3)
	r.prodEntry.SetText(strings.Join(it.products, "\n"))
	r.prodEntry.OnChanged = func(s string) {
		var ps []string
		for _, ln := range strings.Split(s, "\n") {
			if ln = strings.TrimSpace(ln); ln != "" {
				ps = append(ps, ln)
			}
		}
		it.products = ps
		r.touched()
	}
	f.Add(r.prodEntry)
	if it.manual {
		rm := widget.NewButtonWithIcon("Hapus layanan manual ini", theme.DeleteIcon(), func() { r.removeItem(r.cur) })
		rm.Importance = widget.DangerImportance
		f.Add(container.NewHBox(rm))
	}
	f.Refresh()
}

// openEditor edits checklist item i in a dialog; a new item left empty
// is removed again.
func (r *catalogReview) openEditor(it *reviewItem, i int) {
	if i < 0 || i >= len(it.reqs) {
		return
	}
	e := widget.NewMultiLineEntry()
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(5)
	e.SetText(it.reqs[i])
	e.SetPlaceHolder("satu persyaratan yang dapat dicentang petugas, mis. Surat permohonan yang ditandatangani KPA")
	r.editEntry = e
	done := false // hiding the dialog calls back too
	r.editDone = func(ok bool) {
		if done {
			return
		}
		done = true
		if ok {
			it.reqs[i] = strings.Join(strings.Fields(e.Text), " ")
		}
		if strings.TrimSpace(it.reqs[i]) == "" {
			it.reqs = append(it.reqs[:i:i], it.reqs[i+1:]...)
		}
		r.editDialog.Hide()
		r.touched()
		r.buildForm(it)
	}
	hint := widget.NewLabel("Tulis satu persyaratan saja; kalimat pengantar (\"sebagai berikut:\") bukan butir yang dicentang.")
	hint.Wrapping = fyne.TextWrapWord
	body := container.NewBorder(nil, hint, nil, nil, e)
	r.editDialog = dialog.NewCustomConfirm(fmt.Sprintf("Butir persyaratan %d", i+1), "Simpan", "Batal", body,
		func(ok bool) { r.editDone(ok) }, r.win)
	r.editDialog.Show()
	r.editDialog.Resize(fyne.NewSize(640, 320))
	r.win.Canvas().Focus(e)
}

func (r *catalogReview) moveReq(it *reviewItem, i, d int) {
	j := i + d
	if j < 0 || j >= len(it.reqs) {
		return
	}
	it.reqs[i], it.reqs[j] = it.reqs[j], it.reqs[i]
	r.touched()
	r.buildForm(it)
}

// useDocument drops the office's correction of one field in favour of
// the new version's text.
func (r *catalogReview) useDocument(it *reviewItem, field string) {
	p := it.parsed
	switch field {
	case office.FieldName:
		it.name = p.Name
	case office.FieldRequirements:
		it.reqs = append([]string{}, p.Requirements...)
	case office.FieldNorm:
		it.normTouched = false
		it.normValue, it.normUnit = "", ""
		if n, ok := office.DocumentNorm(p); ok {
			it.normValue, it.normUnit = strconv.FormatFloat(n.Value, 'f', -1, 64), n.Unit
		}
	case office.FieldFee:
		it.fee, it.free = p.Fee, p.FeeFree
	case office.FieldProducts:
		it.products = append([]string{}, p.Products...)
	}
	r.dropConflict(it, field)
	r.touched()
	r.buildForm(it)
}

func (r *catalogReview) dropConflict(it *reviewItem, field string) {
	out := it.conflicts[:0]
	for _, c := range it.conflicts {
		if c != field {
			out = append(out, c)
		}
	}
	it.conflicts = out
}

func (r *catalogReview) onAddService() {
	it := &reviewItem{manual: true, name: "Layanan baru", normUnit: standards.WorkDay}
	r.items = append(r.items, it)
	r.list.Refresh()
	r.list.Select(len(r.items) - 1)
	r.win.Canvas().Focus(r.nameEntry)
}

func (r *catalogReview) removeItem(i int) {
	if i < 0 || i >= len(r.items) {
		return
	}
	if it := r.items[i]; it.had != nil {
		r.drop = append(r.drop, it.had.Key)
	}
	r.items = append(r.items[:i:i], r.items[i+1:]...)
	r.list.UnselectAll()
	r.list.Refresh()
	if len(r.items) > 0 {
		r.list.Select(0)
	} else {
		r.showNothing()
	}
}

// decision gathers the admin's decisions; an error names the service to
// fix.
func (r *catalogReview) decision() (office.CatalogDecision, int, error) {
	d := office.CatalogDecision{Unit: strings.TrimSpace(r.unit.Text), Drop: append([]string{}, r.drop...)}
	for i, it := range r.items {
		c, ok, err := it.correction()
		if err != nil {
			return d, i, fmt.Errorf("%s: %s", it.name, err.Error())
		}
		if ok {
			d.Corrections = append(d.Corrections, c)
		}
	}
	return d, -1, nil
}

func (r *catalogReview) onImport() {
	d, bad, err := r.decision()
	if err != nil {
		r.message.Importance = widget.DangerImportance
		r.message.SetText("Periksa layanan " + err.Error() + ".")
		r.list.Select(bad)
		return
	}
	if len(r.items) == 0 {
		r.message.Importance = widget.DangerImportance
		r.message.SetText("Tidak ada layanan untuk diimpor. Tambahkan layanan manual atau pilih dokumen lain.")
		return
	}
	r.importBtn.Disable()
	var pv office.CatalogPreview
	r.app.run(func(ctx context.Context) error {
		var err error
		pv, err = r.app.svc.ImportCatalogReviewed(ctx, r.app.officerID(), r.source, r.data, d)
		return err
	}, func(err error) {
		r.importBtn.Enable()
		if err != nil {
			r.message.Importance = widget.DangerImportance
			r.message.SetText(errText(err))
			return
		}
		if r.pane != nil {
			r.pane.imported(pv, len(d.Corrections))
		}
		r.win.Close()
	})
}

// clipText cuts s to about n characters at a word boundary.
func clipText(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut + "…"
}
