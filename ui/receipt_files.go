package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"loket/reports"
	"loket/store"
	"loket/tracking"
)

// receiptFiles is the counter's view of one receipt's file: found by its
// number or by the QR on the receipt (a USB scanner types the payload and
// Enter into the scan field), with its history and a button for each step
// its life allows next (diproses, selesai, diambil ...).
type receiptFiles struct {
	app     *App
	win     fyne.Window
	changed func()
	cur     store.Receipt
	names   map[string]string // officer id -> name

	scan    *widget.Entry
	title   *widget.Label
	detail  *widget.Label
	history *widget.Label
	steps   *fyne.Container
	message *widget.Label
}

func newReceiptFiles(a *App, win fyne.Window, changed func()) *receiptFiles {
	f := &receiptFiles{app: a, win: win, changed: changed}
	f.scan = widget.NewEntry()
	f.scan.SetPlaceHolder("Pindai QR tanda terima atau ketik nomornya, lalu Enter")
	f.scan.OnSubmitted = func(s string) { f.open(s) }
	f.title = widget.NewLabelWithStyle("Pilih tanda terima di daftar, atau pindai QR-nya.", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.title.Wrapping = fyne.TextWrapWord
	f.detail = widget.NewLabel("")
	f.detail.Wrapping = fyne.TextWrapWord
	f.history = widget.NewLabel("")
	f.history.Wrapping = fyne.TextWrapWord
	f.steps = container.NewHBox()
	f.message = widget.NewLabel("")
	f.message.Wrapping = fyne.TextWrapWord
	return f
}

func (f *receiptFiles) content() fyne.CanvasObject {
	body := container.NewVBox(f.title, f.detail, widget.NewSeparator(),
		widget.NewLabelWithStyle("Riwayat berkas", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), f.history)
	return container.NewBorder(nil, container.NewVBox(f.message, f.steps), nil, nil, container.NewVScroll(body))
}

// open finds a receipt by what was typed or scanned and shows it.
func (f *receiptFiles) open(q string) {
	var rc store.Receipt
	var names map[string]string
	f.app.run(func(ctx context.Context) error {
		var err error
		if rc, err = f.app.svc.FindReceipt(ctx, q); err != nil {
			return err
		}
		names, err = f.officerNames(ctx)
		return err
	}, func(err error) {
		if err != nil {
			f.say(errText(err), true)
			f.win.Canvas().Focus(f.scan)
			return
		}
		f.names = names
		f.scan.SetText("")
		f.show(rc)
		f.say("", false)
	})
}

func (f *receiptFiles) officerNames(ctx context.Context) (map[string]string, error) {
	if f.names != nil {
		return f.names, nil
	}
	offs, err := f.app.svc.Officers(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, o := range offs {
		out[o.ID] = o.FullName
	}
	return out, nil
}

// show fills the panel with rc and the buttons of its next steps.
func (f *receiptFiles) show(rc store.Receipt) {
	f.cur = rc
	loc, zone := f.app.office.Location(), f.app.office.ZoneLabel()
	f.title.SetText(rc.Number + " — " + tracking.Label(rc.Status))
	var b strings.Builder
	fmt.Fprintf(&b, "Pemohon: %s", rc.Visitor.Name)
	if rc.Visitor.SatkerCode != "" {
		fmt.Fprintf(&b, " (satker %s %s)", rc.Visitor.SatkerCode, rc.Visitor.SatkerName)
	}
	if rc.TicketCode != "" {
		fmt.Fprintf(&b, "\nAntrean: %s", rc.TicketCode)
	}
	if rc.Purpose != "" {
		fmt.Fprintf(&b, "\nKeperluan: %s", rc.Purpose)
	}
	fmt.Fprintf(&b, "\nDiterima: %s", reports.FormatDateTimeID(rc.CreatedAt.In(loc), zone))
	if !rc.DueAt.IsZero() {
		fmt.Fprintf(&b, "\nJanji selesai: %s", reports.FormatDateTimeID(rc.DueAt.In(loc), zone))
		switch tracking.Judge(rc.File(), rc.DueAt, f.app.Now()) {
		case tracking.OnTime:
			b.WriteString(" — selesai tepat waktu")
		case tracking.Late:
			b.WriteString(" — selesai terlambat")
		case tracking.OpenOverdue:
			b.WriteString(" — LEWAT JANJI, belum selesai")
		}
	} else if !rc.Complete {
		b.WriteString("\nBerkas belum lengkap, dikembalikan kepada pemohon (tanpa janji penyelesaian).")
	}
	if rc.PrintCount == 0 {
		b.WriteString("\nTanda terima BELUM TERCETAK")
		if rc.PrintError != "" {
			b.WriteString(": " + rc.PrintError)
		}
	}
	f.detail.SetText(b.String())
	var h strings.Builder
	for _, st := range rc.History {
		what := tracking.Label(st.Status)
		switch st.Kind {
		case store.EvReceiptCreated:
			what = "Tanda terima dibuat · " + strings.ToLower(what)
		case store.EvReceiptUpdated:
			what = "Disimpan ulang · " + strings.ToLower(what)
		}
		who := f.names[st.OfficerID]
		if who == "" {
			who = "-"
		}
		fmt.Fprintf(&h, "%s  %s  (%s)\n", shortTime(st.At.In(loc)), what, who)
	}
	f.history.SetText(strings.TrimSpace(h.String()))
	f.steps.RemoveAll()
	for _, next := range tracking.Next(rc.Status) {
		next := next
		btn := widget.NewButton(tracking.Action(next), func() { f.onStep(next) })
		if next != tracking.Dikembalikan {
			btn.Importance = widget.HighImportance
		}
		f.steps.Add(btn)
	}
	f.steps.Refresh()
}

func shortTime(t time.Time) string {
	return fmt.Sprintf("%02d/%02d/%d %02d:%02d", t.Day(), int(t.Month()), t.Year(), t.Hour(), t.Minute())
}

// onStep moves the shown file one step; returning a file asks first (it
// ends the office's work on it).
func (f *receiptFiles) onStep(to tracking.Status) {
	do := func() {
		number := f.cur.Number
		var rc store.Receipt
		f.app.run(func(ctx context.Context) error {
			var err error
			rc, err = f.app.svc.SetReceiptStatus(ctx, f.app.officerID(), number, string(to))
			return err
		}, func(err error) {
			if err != nil {
				f.say(errText(err), true)
				return
			}
			f.show(rc)
			f.say(number+": "+strings.ToLower(tracking.Label(to))+" dicatat.", false)
			if f.changed != nil {
				f.changed()
			}
		})
	}
	if to == tracking.Dikembalikan {
		confirm(f.win, "Kembalikan berkas?", "Berkas "+f.cur.Number+" dikembalikan kepada pemohon tanpa diselesaikan.",
			"Kembalikan", do)
		return
	}
	do()
}

func (f *receiptFiles) say(msg string, isErr bool) {
	f.message.Importance = widget.MediumImportance
	if isErr {
		f.message.Importance = widget.DangerImportance
	}
	f.message.SetText(msg)
}

// receiptRow is a receipt in a list: number, ticket and visitor above;
// status, promise and print state below. Files past their promise are red.
func (a *App) receiptRow(x store.Receipt) (string, string, widget.Importance) {
	top := x.Number
	if x.TicketCode != "" {
		top += " · " + x.TicketCode
	}
	top += " · " + x.Visitor.Name
	sub := tracking.Label(x.Status)
	imp := widget.MediumImportance
	if !x.DueAt.IsZero() {
		sub += " · janji " + shortTime(x.DueAt.In(a.office.Location()))
		if tracking.Judge(x.File(), x.DueAt, a.Now()) == tracking.OpenOverdue {
			sub += " · LEWAT JANJI"
			imp = widget.DangerImportance
		}
	}
	if x.PrintCount == 0 {
		sub += " · BELUM TERCETAK"
		imp = widget.DangerImportance
	}
	return top, sub, imp
}

// overdueFileRow is an open file past its promise in the Kepala Seksi's
// list: how late, for whom, and where it stands.
func (a *App) overdueFileRow(x store.Receipt) (string, string) {
	late := a.Now().Sub(x.DueAt)
	lateText := "kurang dari 1 hari"
	if late >= 24*time.Hour {
		lateText = fmt.Sprintf("%d hari", int(late.Hours()/24))
	}
	top := fmt.Sprintf("%s · lewat %s", x.Number, lateText)
	sub := fmt.Sprintf("%s · %s · janji %s", tracking.Label(x.Status), x.Visitor.Name, shortTime(x.DueAt.In(a.office.Location())))
	if x.Visitor.SatkerCode != "" {
		sub += " · satker " + x.Visitor.SatkerCode
	}
	return top, sub
}

// confirm asks a yes/no question with Indonesian buttons (Fyne's own say
// Yes/No).
func confirm(win fyne.Window, title, message, yes string, then func()) {
	d := dialog.NewConfirm(title, message, func(ok bool) {
		if ok {
			then()
		}
	}, win)
	d.SetConfirmText(yes)
	d.SetDismissText("Batal")
	d.Show()
}

// showFileDialog opens a receipt's file panel over the main window (the
// Kepala Seksi's list): the same history and step buttons as at the
// counter, so whoever chases a late file can record its progress.
func (a *App) showFileDialog(number string, changed func()) *receiptFiles {
	f := newReceiptFiles(a, a.win, changed)
	d := dialog.NewCustom("Berkas "+number, "Tutup", f.content(), a.win)
	d.Resize(fyne.NewSize(720, 520))
	d.Show()
	f.open(number)
	return f
}
