package ui

import (
	"context"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// kioskCheckIn is the kiosk's check-in for visitors with an appointment
// (janji temu): they type the booking code, or hold its QR under the USB
// scanner, which types the code and Enter like a keyboard. The office
// looks the code up in its own copy of the bookings (office.Service
// CheckIn), so check-in works while the centre is unreachable.
type kioskCheckIn struct {
	k     *kioskScreen
	page  fyne.CanvasObject
	entry *widget.Entry
	err   *widget.Label
	// scan collects what a scanner types while the choice page shows
	// (no field has the focus there); Enter submits it.
	scan []rune
}

// maxBookingCode bounds what the scanner buffer keeps.
const maxBookingCode = 64

func newKioskCheckIn(k *kioskScreen) *kioskCheckIn {
	c := &kioskCheckIn{k: k}
	title := widget.NewLabelWithStyle("Check-in janji temu", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	hint := widget.NewLabelWithStyle("Ketik kode janji temu Anda, atau pindai kode QR pada bukti janji temu.",
		fyne.TextAlignCenter, fyne.TextStyle{})
	hint.Wrapping = fyne.TextWrapWord
	c.entry = widget.NewEntry()
	c.entry.SetPlaceHolder("Contoh: JT7K2M9Q")
	c.entry.OnSubmitted = func(s string) { c.submit(s) }
	c.err = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	c.err.Importance = widget.DangerImportance
	c.err.Wrapping = fyne.TextWrapWord
	ok := widget.NewButton("Ambil nomor antrean", func() { c.submit(c.entry.Text) })
	ok.Importance = widget.HighImportance
	back := widget.NewButton("Kembali", func() { c.entry.SetText(""); c.err.SetText(""); k.showChoice() })
	width := canvas.NewRectangle(nil)
	width.SetMinSize(fyne.NewSize(620, 0))
	c.page = container.NewCenter(card("", container.NewPadded(container.NewVBox(width, title, hint, c.entry, c.err,
		container.NewGridWithColumns(2, back, ok)))))
	return c
}

// button is the choice page's way in.
func (c *kioskCheckIn) button() fyne.CanvasObject {
	return touchButton(c.show, widget.SuccessImportance, fyne.NewSize(0, 80), nil,
		container.NewCenter(wrapText("Punya janji temu? Masukkan kode atau pindai QR", 60, 1, 26, colCard)[0]))
}

func (c *kioskCheckIn) show() {
	c.k.cancelBack()
	c.k.onChoice = false
	c.err.SetText("")
	c.k.setPage(c.page)
	c.k.app.win.Canvas().Focus(c.entry)
}

// typed collects a scanner's characters while the choice page shows.
func (c *kioskCheckIn) typed(r rune) {
	if !c.k.onChoice || unicode.IsControl(r) || len(c.scan) >= maxBookingCode {
		return
	}
	c.scan = append(c.scan, r)
}

// key submits a scanned code at Enter.
func (c *kioskCheckIn) key(ev *fyne.KeyEvent) {
	if ev.Name != fyne.KeyReturn && ev.Name != fyne.KeyEnter {
		return
	}
	code := string(c.scan)
	c.scan = c.scan[:0]
	if c.k.onChoice && strings.TrimSpace(code) != "" {
		c.show()
		c.entry.SetText(strings.TrimSpace(code))
		c.submit(code)
	}
}

// listen routes the window's typing to the scanner buffer.
func (c *kioskCheckIn) listen() {
	cv := c.k.app.win.Canvas()
	cv.SetOnTypedRune(c.typed)
	cv.SetOnTypedKey(c.key)
}

// submit checks the code in: a ticket in the booking's service, printed
// like any other; a refusal stays on the page with its reason.
func (c *kioskCheckIn) submit(code string) {
	k := c.k
	if strings.TrimSpace(code) == "" {
		c.err.SetText("Masukkan kode janji temu Anda.")
		return
	}
	c.err.SetText("")
	var it IssuedTicket
	var printErr error
	k.app.run(func(ctx context.Context) error {
		t, err := k.app.svc.CheckIn(ctx, code)
		if err != nil {
			return err
		}
		it = IssuedTicket{Office: k.app.office, Ticket: t}
		for _, sv := range k.services {
			if sv.ID == t.ServiceID {
				it.Service = sv
			}
		}
		// The booking rule's figures, computed beside the store (two
		// numbers over the LAN, not the day's tickets).
		if e, err := k.app.svc.TicketEstimate(ctx, t.ID); err == nil {
			it.Ahead, it.Wait = e.Ahead, e.Wait
		}
		if k.opts.Print != nil {
			printErr = k.opts.Print(ctx, it)
		}
		return nil
	}, func(err error) {
		if err != nil {
			c.err.SetText(errText(err))
			// Selected, so the next scan or typing replaces it whole.
			c.k.app.win.Canvas().Focus(c.entry)
			c.entry.TypedShortcut(&fyne.ShortcutSelectAll{})
			return
		}
		c.entry.SetText("")
		k.last = it
		k.showResult(printErr)
		k.resService.SetText(it.Service.Name + "\nJanji temu: check-in berhasil")
	})
}
