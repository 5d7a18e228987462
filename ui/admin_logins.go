package ui

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"loket/store"
)

// loginLockPane sits under the officer editor (Admin → Petugas): the
// usernames and hub devices held back after failed logins, each with a
// button that lifts the delay or lock at once.
type loginLockPane struct {
	app     *App
	rows    *fyne.Container
	message *widget.Label
	locks   []store.LoginLock
	// unlock holds the row buttons, by subject, for tests.
	unlock map[string]*widget.Button
}

func newLoginLockPane(a *App) *loginLockPane {
	p := &loginLockPane{app: a, rows: container.NewVBox(), message: widget.NewLabel(""), unlock: map[string]*widget.Button{}}
	p.message.Wrapping = fyne.TextWrapWord
	return p
}

func (p *loginLockPane) content() fyne.CanvasObject {
	reload := widget.NewButton("Muat ulang", p.reload)
	rule := widget.NewLabel(fmt.Sprintf(
		"Setelah %d kali salah kata sandi berturut-turut, percobaan berikutnya ditunda (makin lama); setelah %d kali akun dikunci sampai dibuka di sini.",
		store.LoginFreeFailures, store.LoginLockAfter))
	rule.Wrapping = fyne.TextWrapWord
	head := container.NewBorder(nil, nil, nil, reload, rule)
	return card("PERCOBAAN MASUK GAGAL", container.NewVBox(head, p.rows, p.message))
}

// lockText describes one held-back username or device at now.
func lockText(l store.LoginLock, now time.Time) string {
	who := "Pengguna " + l.Name
	if l.Kind == "device" {
		who = "Perangkat " + l.Name
	}
	state := fmt.Sprintf("%d kali gagal", l.Failures)
	switch {
	case l.Locked:
		state += ", DIKUNCI"
	case l.BlockedUntil.After(now):
		state += ", ditunda sampai " + l.BlockedUntil.Local().Format("15.04.05")
	case !l.BlockedUntil.IsZero():
		state += ", penundaan sudah berakhir"
	}
	return who + " — " + state
}

func (p *loginLockPane) reload() {
	var locks []store.LoginLock
	p.app.run(func(ctx context.Context) error {
		var err error
		locks, err = p.app.svc.LoginLocks(ctx)
		return err
	}, func(err error) {
		if err != nil {
			p.say(errText(err), true)
			return
		}
		p.locks = locks
		p.unlock = map[string]*widget.Button{}
		p.rows.Objects = nil
		if len(locks) == 0 {
			p.rows.Add(widget.NewLabel("Tidak ada pengguna atau perangkat yang tertunda atau terkunci."))
		}
		for _, l := range locks {
			subject := l.Subject
			b := widget.NewButton("Buka Blokir", func() { p.onUnlock(subject) })
			if l.Locked {
				b.Importance = widget.WarningImportance
			}
			p.unlock[subject] = b
			p.rows.Add(container.NewBorder(nil, nil, nil, b, widget.NewLabel(lockText(l, p.app.Now()))))
		}
		p.rows.Refresh()
	})
}

func (p *loginLockPane) onUnlock(subject string) {
	p.app.run(func(ctx context.Context) error {
		return p.app.svc.UnlockLogin(ctx, p.app.officerID(), subject)
	}, func(err error) {
		if err != nil {
			p.say(errText(err), true)
			return
		}
		p.reload()
		p.say("Blokir dibuka; percobaan masuk dihitung dari nol lagi.", false)
	})
}

func (p *loginLockPane) say(msg string, isErr bool) {
	p.message.Importance = widget.SuccessImportance
	if isErr {
		p.message.Importance = widget.DangerImportance
	}
	p.message.SetText(msg)
}
