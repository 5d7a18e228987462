package ui

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"loket/central"
	"loket/store"
	"loket/tlspin"
)

// pusat is a real loket-pusat server (SQLite trial backend) over TLS.
type pusat struct {
	db    central.DB
	srv   *httptest.Server
	token string
	pin   string
}

func newPusat(t *testing.T, officeCode string) *pusat {
	t.Helper()
	ctx := context.Background()
	db, err := central.OpenDB(ctx, filepath.Join(t.TempDir(), "pusat.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	tok, hash, err := central.NewToken()
	if err != nil {
		t.Fatal(err)
	}
	if err := db.AddOffice(ctx, officeCode, "Kantor uji", hash); err != nil {
		t.Fatal(err)
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv := httptest.NewTLSServer((&central.Server{DB: db, Logger: quiet}).Handler())
	t.Cleanup(srv.Close)
	return &pusat{db: db, srv: srv, token: tok, pin: tlspin.Fingerprint(srv.Certificate().Raw)}
}

func findTabs(o fyne.CanvasObject) []string {
	var names []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *container.AppTabs:
			for _, it := range w.Items {
				names = append(names, it.Text)
				walk(it.Content)
			}
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		case *container.Split:
			walk(w.Leading)
			walk(w.Trailing)
		case *container.Scroll:
			walk(w.Content)
		}
	}
	walk(o)
	return names
}

func TestSyncTabSyncsToARealCentralServer(t *testing.T) {
	ctx := context.Background()
	h := newHarness(t)
	h.setUp()
	st := h.svc.Store()
	off, err := st.Office(ctx)
	if err != nil {
		t.Fatal(err)
	}
	pu := newPusat(t, off.Code)
	ctl, err := central.NewControl(st, st.Path(), nil)
	if err != nil {
		t.Fatal(err)
	}
	h.app.SetSync(ctl)

	// The admin sees the tab.
	h.app.onLogout()
	test.Type(h.app.login.user, "admin")
	test.Type(h.app.login.pass, "rahasia1")
	test.Tap(h.app.login.login)
	if h.app.admin == nil {
		t.Fatal("admin not logged in")
	}
	if tabs := strings.Join(findTabs(h.app.win.Content()), ","); !strings.Contains(tabs, "Sinkronisasi") {
		t.Fatalf("admin tabs %s", tabs)
	}

	p := newSyncPane(h.app)
	w := test.NewWindow(p.content())
	defer w.Close()
	w.Resize(fyne.NewSize(1200, 900))
	if !strings.Contains(p.next.Text, "belum diatur") || p.at.Text != "23:00" || p.keep.Text != "14" {
		t.Fatalf("defaults: %q at %q keep %q", p.next.Text, p.at.Text, p.keep.Text)
	}
	test.Tap(p.syncBtn)
	if !strings.Contains(p.message.Text, "belum diatur") || p.message.Importance != widget.DangerImportance {
		t.Fatalf("unconfigured sync: %q", p.message.Text)
	}

	p.url.SetText(strings.Replace(pu.srv.URL, "https", "http", 1))
	p.token.SetText(pu.token)
	test.Tap(widgetButton(t, w.Content(), "Simpan pengaturan"))
	if !strings.Contains(p.message.Text, "https://") {
		t.Fatalf("http accepted: %q", p.message.Text)
	}
	p.url.SetText(pu.srv.URL)
	p.pin.SetText(pu.pin)
	p.at.SetText("22:00")
	test.Tap(widgetButton(t, w.Content(), "Simpan pengaturan"))
	if !strings.Contains(p.message.Text, "tersimpan") {
		t.Fatalf("save: %q", p.message.Text)
	}
	if p.token.Text != "" || !strings.Contains(p.token.PlaceHolder, "tersimpan") {
		t.Fatalf("token shown back: %q / %q", p.token.Text, p.token.PlaceHolder)
	}

	// Work at the counter, then "Sinkronkan sekarang".
	for range 3 {
		h.issue("A", "")
	}
	test.Tap(p.syncBtn)
	if !strings.Contains(p.message.Text, "Sinkronisasi selesai") || p.bar.Value != 1 || p.syncBtn.Disabled() {
		t.Fatalf("sync now: %q bar %v", p.message.Text, p.bar.Value)
	}
	last, _ := st.LastEventSeq(ctx)
	if n, err := pu.db.Count(ctx, off.Code, "events"); err != nil || n != last {
		t.Fatalf("centre has %d events of %d (%v)", n, last, err)
	}
	if n, _ := pu.db.Count(ctx, off.Code, "tickets"); n != 3 {
		t.Errorf("centre has %d tickets", n)
	}
	if len(p.runs) != 1 || p.cell(p.runs[0], 1) != "Sinkronisasi" || p.cell(p.runs[0], 2) != "manual" ||
		p.cell(p.runs[0], 5) != "berhasil" {
		t.Fatalf("history %+v", p.runs)
	}

	// "Cadangkan sekarang": a checked backup, listed.
	test.Tap(p.backupBtn)
	if !strings.Contains(p.message.Text, "Cadangan dibuat") || !strings.Contains(p.backups.Text, "1 cadangan") {
		t.Fatalf("backup: %q / %q", p.message.Text, p.backups.Text)
	}
	if len(p.runs) != 2 || p.cell(p.runs[0], 1) != "Cadangan" || p.cell(p.runs[0], 5) != "berhasil" {
		t.Fatalf("history after backup %+v", p.runs)
	}

	// A revoked token: the run fails with a sentence for the admin.
	p.token.SetText("token-salah")
	test.Tap(widgetButton(t, w.Content(), "Simpan pengaturan"))
	h.issue("A", "")
	test.Tap(p.syncBtn)
	if !strings.Contains(p.message.Text, "Token kantor ditolak") {
		t.Fatalf("bad token: %q", p.message.Text)
	}
	if p.cell(p.runs[0], 5) != "gagal" || !strings.Contains(p.cell(p.runs[0], 6), "Token kantor ditolak") {
		t.Fatalf("failed run in history: %+v", p.runs[0])
	}
	if r := p.runs[0]; r.Result != store.RunError {
		t.Errorf("run result %q", r.Result)
	}
}

// On a hub client there is no store here: the tab says where to set it.
func TestSyncTabOnAHubClient(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	p := newSyncPane(h.app)
	w := test.NewWindow(p.content())
	defer w.Close()
	if l, ok := w.Content().(*fyne.Container).Objects[0].(*widget.Label); !ok || !strings.Contains(l.Text, "loket hub") {
		t.Fatalf("hub client content %#v", w.Content())
	}
}

// widgetButton finds a button by its text.
func widgetButton(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if found != nil {
			return
		}
		switch w := o.(type) {
		case *widget.Button:
			if w.Text == text {
				found = w
			}
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		case *container.Split:
			walk(w.Leading)
			walk(w.Trailing)
		case *container.Scroll:
			walk(w.Content)
		case fyne.Widget:
			r := test.WidgetRenderer(w)
			for _, c := range r.Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	return found
}
