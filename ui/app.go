// Package ui is everything a person sees: the first-run set-up, login, the
// counter screen and the admin screens, in Bahasa Indonesia. It talks to
// the office only through office.Service; it holds no SQL and no PDF code.
package ui

import (
	"context"
	"errors"
	"fmt"
	"log"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"loket/office"
	"loket/store"
)

// App is the counter application: one window whose content moves from
// set-up to login to work.
type App struct {
	fa  fyne.App
	win fyne.Window
	svc office.Service

	// Go runs blocking work off the UI thread; tests make it synchronous.
	Go func(func())
	// Now is the clock of timers on screen.
	Now func() time.Time
	// DocumentsDir is where generated PDFs go (default: ~/Dokumen Loket/YYYY-MM).
	DocumentsDir string
	// OpenFile shows a saved document; nil opens it through Fyne's
	// OpenURL (a no-op under the test driver). The real app calls
	// UseSystemOpener.
	OpenFile func(path string) error
	// Live subscribes screens to the office event stream (off in tests,
	// which drive every change themselves).
	Live bool

	officer  store.Officer
	office   store.Office
	counter  *counterScreen
	login    *loginScreen
	admin    *adminScreen
	kiosk    *kioskScreen
	display  *displayScreen
	catalog  *catalogScreen
	register *registerScreen
	cso      *csoScreen
	kasi     *kasiScreen
	fairness *fairnessScreen    // Keadilan Antrean (kasi_fairness.go)
	syncCtl  office.SyncControl // nightly sync and backup of this PC's store; nil on hub clients
	privacy  *privacyScreen     // the Data Pribadi tab (privacy.go); nil for other roles
	// calBanner warns every officer when a holiday calendar is missing.
	calBanner *fyne.Container
	calText   *widget.Label
	// calSign is the small header sign that stands in for the banner for
	// officers who cannot act on it (every role but admin); tapping it
	// shows the whole warning.
	calSign *widget.Button
	calWarn string
	// logoutBtn is the header's Keluar; logoutDlg the question it asks
	// while a counter is open.
	logoutBtn *widget.Button
	logoutDlg dialog.Dialog
	// logoutFinish is the dialog's offer to finish the number still at
	// the counter (hidden when there is none).
	logoutFinish *widget.Check
	// firstRunForTest is the set-up screen while it shows.
	firstRunForTest *firstRunScreen
	cancel          context.CancelFunc
	// life holds the window's and the officer's contexts and the busy
	// sign (async.go).
	life lifetimes
}

// New builds the app around a Fyne app and an office service.
func New(fa fyne.App, svc office.Service) *App {
	fa.Settings().SetTheme(Theme())
	win := fa.NewWindow("Loket")
	win.Resize(windowSize(fa.Preferences()))
	a := &App{fa: fa, win: win, svc: svc, Go: func(f func()) { go f() }, Now: time.Now, Live: true}
	a.life.delay = busyDelay
	win.SetOnClosed(func() {
		a.shutdown() // nothing runs on for a closed window
		// The kiosk and display run full screen; their size is the
		// screen's, not a window size to come back to.
		if !win.FullScreen() {
			sz := win.Canvas().Size()
			fa.Preferences().SetFloat(prefWinWidth, float64(sz.Width))
			fa.Preferences().SetFloat(prefWinHeight, float64(sz.Height))
		}
	})
	return a
}

const (
	prefWinWidth  = "window.width"
	prefWinHeight = "window.height"
)

// defaultWindow fits the smallest screens offices use, 1366x768 laptops,
// under a taskbar and the window's title bar. Fyne cannot maximise a
// window, so the size the officer leaves it at is kept for next time.
var defaultWindow = fyne.NewSize(1280, 680)

func windowSize(p fyne.Preferences) fyne.Size {
	w, h := float32(p.Float(prefWinWidth)), float32(p.Float(prefWinHeight))
	if w < 800 || h < 560 || w > 10000 || h > 10000 {
		return defaultWindow
	}
	return fyne.NewSize(w, h)
}

// Service is the office service the app talks to.
func (a *App) Service() office.Service { return a.svc }

// Window is the main window.
func (a *App) Window() fyne.Window { return a.win }

// Start shows the first screen: set-up on a new store, otherwise login.
func (a *App) Start() {
	a.win.SetContent(messagePage("Memuat...", ""))
	a.win.SetCloseIntercept(a.onCloseRequest)
	a.win.SetMaster()
	var off store.Office
	a.run(func(ctx context.Context) error {
		var err error
		off, err = a.svc.Office(ctx)
		return err
	}, func(err error) { a.startWith(off, err) })
}

// startWith shows the first screen for the office read (or its error).
func (a *App) startWith(off store.Office, err error) {
	switch {
	case errors.Is(err, store.ErrNoOffice):
		fr := newFirstRunScreen(a)
		a.firstRunForTest = fr
		a.win.SetContent(fr.content())
	case err != nil:
		log.Printf("ui: office: %v", err)
		a.win.SetContent(messagePage("Data kantor tidak dapat dibaca", errText(err)))
	default:
		a.office = off
		a.showLogin()
	}
}

func (a *App) showLogin() {
	a.stopLive()
	// The registration window belongs to the officer who logs out.
	if a.register != nil && a.register.win != nil {
		a.register.win.Close()
	}
	a.register = nil
	a.setOfficer(store.Officer{})
	a.counter = nil
	a.win.SetTitle("Loket — " + a.office.Name)
	ls := newLoginScreen(a)
	a.login = ls
	a.win.SetContent(ls.content())
	a.win.Canvas().SetOnTypedKey(nil)
	a.win.Canvas().Focus(ls.user)
}

// showWork shows the working screens for the logged-in officer.
func (a *App) showWork() {
	a.svc = office.Viewed(a.svc, a.officer.ID) // personal data views logged with who (office/privacy.go)
	tabs := container.NewAppTabs()
	a.firstRunForTest = nil
	a.login = nil
	a.admin = nil
	a.beginWork()
	a.counter = newCounterScreen(a)
	tabs.Append(container.NewTabItem("Loket", a.counter.content()))
	a.catalog = newCatalogScreen(a)
	tabs.Append(container.NewTabItem("Standar Layanan", a.catalog.content()))
	a.addCSOTabs(tabs)
	a.addReportTab(tabs)
	a.addPrivacyTab(tabs) // Data Pribadi: admin and DPO (privacy.go)
	if a.officer.Role == store.RoleAdmin {
		a.admin = newAdminScreen(a)
		tabs.Append(container.NewTabItem("Admin", a.admin.content()))
	}
	header := container.NewVBox(a.header(), a.newCalendarBanner())
	a.win.SetContent(container.NewBorder(header, nil, nil, nil, tabs))
	a.win.Canvas().SetOnTypedKey(a.counter.onKey)
	a.bindWorkKeys(tabs) // Alt+1.., Ctrl+S, Ctrl+E
	a.counter.start()
	a.startLive()
}

func (a *App) header() fyne.CanvasObject {
	title := canvas.NewText(a.office.Name, colCard)
	title.TextSize = 20
	title.TextStyle.Bold = true
	who := canvas.NewText(a.officer.FullName+" · "+store.RoleLabel(a.officer.Role), colCard)
	who.TextSize = 14
	a.logoutBtn = widget.NewButton("Keluar", a.askLogout)
	a.calSign = widget.NewButtonWithIcon("Hari libur masih perkiraan", theme.WarningIcon(), func() {
		dialog.ShowInformation("Kalender hari libur", a.calWarn, a.win)
	})
	a.calSign.Importance = widget.WarningImportance
	a.calSign.Hide()
	bg := canvas.NewRectangle(colNavy)
	bar := container.NewHBox(title, layout.NewSpacer(), a.busySign(), a.calSign, who, a.logoutBtn)
	a.life.bar = bar // laid out again when the busy sign shows or goes
	return container.NewStack(bg, container.NewPadded(bar))
}

// newCalendarBanner is the strip under the header that tells everyone, not
// only the admin, when this year's or the coming two months' SKB is not
// loaded: the holidays are then estimates and cuti bersama unknown, so
// promised completion dates may still move.
func (a *App) newCalendarBanner() fyne.CanvasObject {
	a.calText = widget.NewLabel("")
	a.calText.Wrapping = fyne.TextWrapWord
	a.calText.TextStyle.Bold = true
	bar := canvas.NewRectangle(colGold)
	bar.SetMinSize(fyne.NewSize(6, 0))
	icon := widget.NewIcon(theme.WarningIcon())
	row := container.NewBorder(nil, nil, container.NewHBox(bar, container.NewCenter(icon)), nil, a.calText)
	a.calBanner = container.NewStack(canvas.NewRectangle(colWarnBg), container.NewPadded(row))
	a.calBanner.Hide()
	a.refreshCalendarBanner()
	return a.calBanner
}

// calendarWarning is the warning for a missing holiday calendar in this
// year or the coming two months, or "" (blocking: call off the UI thread).
func (a *App) calendarWarning(ctx context.Context) (string, error) {
	sched, err := office.ScheduleFor(ctx, a.svc)
	if err != nil {
		return "", err
	}
	now := a.Now()
	return sched.Warning(now, now.AddDate(0, 2, 0)), nil
}

// refreshCalendarBanner shows or hides the calendar warning; the holiday
// pane calls it after every change.
func (a *App) refreshCalendarBanner() {
	if a.calBanner == nil {
		return
	}
	var warn string
	a.run(func(ctx context.Context) error {
		var err error
		warn, err = a.calendarWarning(ctx)
		return err
	}, func(err error) {
		if err != nil {
			log.Printf("ui: calendar check: %v", err)
			return
		}
		if warn == "" {
			a.calBanner.Hide()
			a.calSign.Hide()
			return
		}
		if a.officer.Role == store.RoleAdmin {
			warn += " Impor SKB-nya di tab Admin, bagian Hari Libur."
		} else {
			warn += " Minta admin mengimpor SKB-nya (tab Admin, bagian Hari Libur)."
		}
		a.calText.SetText(warn)
		a.showCalendarWarning(warn)
	})
}

// showCalendarWarning shows the full banner to admins, who can import the
// calendar; everyone else gets the small sign in the header (70 pixels of
// a 768-pixel screen are too much for a warning they cannot act on).
func (a *App) showCalendarWarning(warn string) {
	a.calWarn = warn
	if a.officer.Role == store.RoleAdmin {
		a.calSign.Hide()
		a.calBanner.Show()
		return
	}
	a.calBanner.Hide()
	a.calSign.Show()
}

// onCloseRequest is the window's close button. Closing the app at the
// end of the day is leaving the counter too: with the counter open it asks
// as Keluar does, then closes; otherwise it closes at once.
func (a *App) onCloseRequest() {
	if c := a.counter; c == nil || c.session.ID == "" {
		a.win.Close()
		return
	}
	a.askLogoutThen(a.win.Close)
}

// askLogout is Keluar: with the counter open it asks whether to close it
// or hand it over to the next officer (the counter stays open for them);
// otherwise it logs out at once.
func (a *App) askLogout() { a.askLogoutThen(nil) }

// askLogoutThen is askLogout that runs then (when not nil) once the
// officer is logged out.
func (a *App) askLogoutThen(then func()) {
	c := a.counter
	if c == nil || c.session.ID == "" {
		a.onLogout()
		if then != nil {
			then()
		}
		return
	}
	label := c.counterLabel()
	text := label + " masih dibuka. Tutup loket sebelum keluar, atau serahkan loket kepada petugas berikutnya " +
		"(loket tetap melayani dan petugas berikutnya melanjutkannya saat membuka loket ini)."
	// A number still called or served here would stay with the counter
	// unseen: the question says so and offers to finish it on the way
	// out (left unticked, the number stays as it is).
	finish := widget.NewCheck("", nil)
	finish.Hide()
	finishID := ""
	if cur := c.snap.current; cur.ID != "" {
		text = fmt.Sprintf("Nomor %s masih %s di %s. ", cur.Code(), strings.ToLower(store.StatusLabel(cur.Status)), label) + text
		finish.Text = "Selesaikan " + cur.Code() + " sebelum keluar"
		finish.Show()
		finishID = cur.ID
	}
	msg := widget.NewLabel(text)
	msg.Wrapping = fyne.TextWrapWord
	a.logoutFinish = finish
	leave := func(handOver bool) {
		id := ""
		if finish.Checked {
			id = finishID
		}
		a.logoutFinishing(handOver, id, then)
	}
	var d dialog.Dialog
	closeBtn := widget.NewButton("Tutup Loket dan Keluar", func() { d.Hide(); leave(false) })
	closeBtn.Importance = widget.HighImportance
	handBtn := widget.NewButton("Serahkan Loket dan Keluar", func() { d.Hide(); leave(true) })
	cancelBtn := widget.NewButton("Batal", func() { d.Hide() })
	body := container.NewBorder(nil, container.NewVBox(finish, container.NewGridWithColumns(3, cancelBtn, handBtn, closeBtn)), nil, nil, msg)
	d = dialog.NewCustomWithoutButtons("Keluar dari Loket", body, a.win)
	d.Resize(fyne.NewSize(620, 220))
	a.logoutDlg = d
	d.Show()
	// The usual end of a shift is one key away: Keluar, then Space
	// closes the counter (Tab reaches Batal and Serahkan).
	a.win.Canvas().Focus(closeBtn)
}

// onLogout logs the officer out, closing the counter first if it is open.
func (a *App) onLogout() { a.logout(false) }

// logout ends the counter session (closed, or handed over to the next
// officer) and shows the login screen. When the office cannot be told,
// the officer stays in with the reason on screen: a counter left open
// without a word would block the next officer.
func (a *App) logout(handOver bool) { a.logoutThen(handOver, nil) }

// logoutThen is logout that runs then (when not nil) after a logout that
// happened; a refused one keeps the officer in, and the window open.
func (a *App) logoutThen(handOver bool, then func()) { a.logoutFinishing(handOver, "", then) }

// logoutFinishing is logoutThen that first finishes the ticket finishID
// (when not empty) still called or served at the counter.
func (a *App) logoutFinishing(handOver bool, finishID string, then func()) {
	c := a.counter
	if c == nil || c.session.ID == "" {
		a.finishLogout()
		if then != nil {
			then()
		}
		return
	}
	id := c.session.ID
	a.run(func(ctx context.Context) error {
		if finishID != "" {
			if _, err := a.svc.Finish(ctx, id, finishID); err != nil {
				return err
			}
		}
		if handOver {
			return a.svc.HandOverCounter(ctx, id)
		}
		return a.svc.CloseCounter(ctx, id)
	}, func(err error) {
		// A session already closed (taken over elsewhere) is no reason
		// to keep the officer in; nor is a login the hub no longer
		// knows (expired after 12 hours): the officer could never close
		// the counter then, so it stays open for their next login (or
		// an admin's take-over).
		if err != nil && !errors.Is(err, store.ErrCounterClosed) && !loginEnded(err) {
			c.say("Loket belum dapat ditutup, Anda belum keluar: "+errText(err), true)
			return
		}
		a.finishLogout()
		if then != nil {
			then()
		}
	})
}

// loginEnded reports the hub's refusal of an officer whose login has
// ended (code login_required; the UI knows the hub only through
// office.Service and its refusal codes).
func loginEnded(err error) bool {
	var e *store.Error
	return errors.As(err, &e) && e.Code == "login_required"
}

func (a *App) finishLogout() {
	if id := a.officer.ID; id != "" {
		// Over the hub this revokes the officer's token, so nothing more
		// can be done in their name from this PC; nobody waits for it.
		// Not under the officer's context, which ends now.
		svc := a.svc
		go func() {
			ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
			defer cancel()
			if err := svc.Logout(ctx, id); err != nil {
				log.Printf("ui: logout %s: %v", id, err)
			}
		}()
	}
	if a.counter != nil {
		a.counter.close()
	}
	a.closeCSOTabs()
	a.endWork() // whatever still runs for this officer is cancelled
	a.showLogin()
}

// startLive follows the office's events so the counter sees tickets issued
// at the kiosk and calls made at other counters.
func (a *App) startLive() {
	if !a.Live {
		return
	}
	ctx, cancel := context.WithCancel(a.ctx()) // ends at logout too
	a.cancel = cancel
	c := a.counter
	cs, ks := a.cso, a.kasi
	go follow(ctx, a.svc, func(e store.Event) {
		if c != nil && !strings.HasPrefix(e.Kind, "auth.") { // logins change nothing on the counter
			c.onEvent(e) // applied as a delta (counter_delta.go)
		}
		csoEvent(cs, ks, e)
	})
}

func (a *App) stopLive() {
	if a.cancel != nil {
		a.cancel()
		a.cancel = nil
	}
}

// messagePage is a full-window notice.
func messagePage(title, body string) fyne.CanvasObject {
	t := widget.NewLabelWithStyle(title, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	b := widget.NewLabel(body)
	b.Wrapping = fyne.TextWrapWord
	b.Alignment = fyne.TextAlignCenter
	return container.NewCenter(container.NewVBox(t, b))
}

// card wraps content in a white panel with a heading.
func card(title string, content fyne.CanvasObject) fyne.CanvasObject {
	bg := canvas.NewRectangle(colCard)
	bg.StrokeColor = colLine
	bg.StrokeWidth = 1
	bg.CornerRadius = 6
	if title == "" {
		return container.NewStack(bg, container.NewPadded(content))
	}
	h := canvas.NewText(title, colMuted)
	h.TextStyle.Bold = true
	h.TextSize = 13
	return container.NewStack(bg, container.NewPadded(container.NewBorder(h, nil, nil, nil, content)))
}
