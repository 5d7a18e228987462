package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"loket/store"
)

// Offices run Loket on 1366x768 laptops and monitors. Whatever the officer's
// role, the logged-in window must fit that screen: a window wider than the
// screen pushes the officer's name, the Keluar button and the end of every
// message off its edge. The admin's window carries the most panes, here
// with the sync controller the real counter app has.
func TestEveryRoleFitsASmallScreen(t *testing.T) {
	// Usable area of a 1366x768 screen under a taskbar and window frame.
	limit := fyne.NewSize(1366, 698)
	h := newHarness(t)
	// The first-run form on a new store, and the login screen.
	for _, step := range []string{"first run", "login"} {
		if min := h.app.win.Content().MinSize(); min.Width > limit.Width || min.Height > limit.Height {
			t.Errorf("%s: window needs %.0fx%.0f, more than %.0fx%.0f", step, min.Width, min.Height, limit.Width, limit.Height)
		}
		if step == "first run" {
			h.setUp()
			h.app.onLogout()
		}
	}
	// The sync pane filled as on a PC that has synced for a while: a
	// long server address and pin, the next nightly run, a history with
	// a long failure, a dozen backups in a deep folder.
	ctl := &fitSync{}
	h.app.SetSync(ctl)
	for _, c := range []struct{ user, pass string }{
		{"fo1", ""}, {"cso1", ""}, {"kasi1", ""}, {"admin", "rahasia1"},
	} {
		if c.pass == "" {
			h.loginAs(c.user)
		} else {
			h.app.onLogout()
			test.Type(h.app.login.user, c.user)
			test.Type(h.app.login.pass, c.pass)
			test.Tap(h.app.login.login)
		}
		check := func(what string) {
			min := h.app.win.Content().MinSize()
			if min.Width > limit.Width || min.Height > limit.Height {
				t.Errorf("%s, %s: window needs %.0fx%.0f, more than %.0fx%.0f; widest part: %s",
					c.user, what, min.Width, min.Height, limit.Width, limit.Height, widest(h.app.win.Content(), limit.Width))
			}
		}
		check("logged in")
		if c.user == "fo1" {
			// The counter at work: a queue in every service, a
			// priority ticket called twice and being served.
			for _, p := range []string{"A", "A", "B", "C", "D", "A"} {
				h.issue(p, "")
			}
			h.issue("A", "lansia")
			h.app.counter.counterSel.SetSelectedIndex(0)
			h.app.counter.onOpen()
			h.app.counter.onCallNext()
			h.app.counter.onRecall()
			h.app.counter.onServe()
			h.app.counter.tickElapsed()
			check("counter open")
			// F7 on the called ticket: the registration window, whose
			// service (A) has the longest checklist of the demo.
			h.key(fyne.KeyF7)
			if r := h.app.register; r == nil {
				t.Error("registration window not opened")
			} else if min := r.win.Content().MinSize(); min.Width > limit.Width || min.Height > limit.Height {
				t.Errorf("registration window needs %.0fx%.0f", min.Width, min.Height)
			} else if sz := r.win.Canvas().Size(); sz.Height > limit.Height {
				t.Errorf("registration window opens %.0fx%.0f", sz.Width, sz.Height)
			}
		}
	}
}

// widest names the deepest object wider than w, to say what to fix.
func widest(o fyne.CanvasObject, w float32) string {
	var kids []fyne.CanvasObject
	switch v := o.(type) {
	case *fyne.Container:
		kids = v.Objects
	case *container.AppTabs:
		for _, it := range v.Items {
			kids = append(kids, it.Content)
		}
	case *container.Split:
		kids = []fyne.CanvasObject{v.Leading, v.Trailing}
	case *container.Scroll:
		kids = []fyne.CanvasObject{v.Content}
	}
	for _, k := range kids {
		if k != nil && k.MinSize().Width > w {
			return widest(k, w)
		}
	}
	return fmt.Sprintf("%T %.0f wide", o, o.MinSize().Width)
}

// fitSync is the admin's sync controller as the layout test needs it: the
// settings, schedule, history and backups of a PC that has synced for a
// while, long values included. The sync itself is covered against a real
// central server in admin_sync_test.go.
type fitSync struct{}

func (fitSync) SyncSettings() (store.SyncSettings, bool) {
	return store.SyncSettings{URL: "https://sinkronisasi-pusat.kppn-pekanbaru.djpb.kemenkeu.go.id:8443",
		PinSHA256: strings.Repeat("3f2a9c0177b0e4d2", 4), At: "23:00",
		BackupDir: "/home/petugas/Dokumen Loket/cadangan/kantor-pelayanan-perbendaharaan-negara", Keep: 14}, true
}
func (fitSync) SaveSyncSettings(store.SyncSettings) error { return nil }
func (fitSync) NextRun() time.Time                        { return time.Now().Add(10 * time.Hour) }
func (fitSync) SyncNow(context.Context, string, func(store.SyncProgress)) (store.SyncRun, error) {
	return store.SyncRun{}, nil
}
func (fitSync) BackupRecipient() string                           { return "" }
func (fitSync) NewBackupKey() (string, string, error)             { return "", "", nil }
func (fitSync) SetBackupRecipient(string) error                   { return nil }
func (fitSync) BackupNow(context.Context, string) (string, error) { return "", nil }
func (f fitSync) Backups() ([]string, error) {
	cfg, _ := f.SyncSettings()
	var files []string
	for i := range 12 {
		files = append(files, filepath.Join(cfg.BackupDir, fmt.Sprintf("loket-2026-11-%02dT230000.db", 30-i)))
	}
	return files, nil
}
func (fitSync) Runs(context.Context, int) ([]store.SyncRun, error) {
	at := time.Now().Add(-14 * time.Hour)
	return []store.SyncRun{
		{ID: 3, Kind: store.RunSync, Trigger: store.TrigNightly, Result: store.RunError, StartedAt: at, FinishedAt: at.Add(2 * time.Minute),
			Error: "Sertifikat server pusat tidak dipercaya: sidik jari yang disematkan atau berkas CA tidak cocok."},
		{ID: 2, Kind: store.RunBackup, Trigger: store.TrigNightly, Result: store.RunOK, StartedAt: at, FinishedAt: at.Add(time.Minute),
			Detail: "/home/petugas/Dokumen Loket/cadangan/loket-2026-11-30T230000.db"},
		{ID: 1, Kind: store.RunSync, Trigger: store.TrigManual, Result: store.RunOK, StartedAt: at.Add(-24 * time.Hour),
			FinishedAt: at.Add(-24*time.Hour + 3*time.Minute), Batches: 12, Records: 58211, Detail: "12 batch terkirim"},
	}, nil
}
