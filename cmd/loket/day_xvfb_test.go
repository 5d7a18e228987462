package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"image"
	"image/png"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"loket/store"
	"loket/workday"
)

// This file is the scripted day of issue 19: the real binaries (a hub, a
// kiosk, a display and two counter PCs, each on its own Xvfb screen of
// 1366x768) driven by xdotool through a working day, with the store and
// the windows checked after every step.

// dayApp is one real Loket process on its own X screen.
type dayApp struct {
	name    string
	display string
	dir     string
	cmd     *exec.Cmd
	exited  chan error
	stdout  *syncBuffer
	stderr  *syncBuffer
}

// dayHub is `loket hub` on the office store, its console on a pipe.
type dayHub struct {
	addr    string
	db      string
	console io.Writer
	mu      sync.Mutex
	out     *syncBuffer
	exited  chan error
	reqsA   int // requirements of service A
}

// freeAddr is a loopback address nobody listens on.
func freeAddr(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// startDayHub prepares the office store (demo data, office hours all day
// every day so the kiosk issues whatever the hour the test runs) and
// serves it with the real `loket hub`.
func startDayHub(t testing.TB, bin, dir string) *dayHub {
	t.Helper()
	db, st, l := demoStore(t, nil)
	ctx := context.Background()
	admin, err := l.Login(ctx, "admin", "rahasia1")
	if err != nil {
		t.Fatal(err)
	}
	var allDay workday.WeekHours
	for d := range allDay {
		allDay[d], err = workday.ParseSpan("00:00-23:59")
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := l.SaveSetting(ctx, admin.ID, store.SettingOfficeHours, workday.FormatHours(allDay)); err != nil {
		t.Fatal(err)
	}
	// How many requirements service A's standard lists: the
	// registration form has a tick and a note field for each.
	svcs, err := l.Services(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := l.Catalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	reqs := -1
	for _, sv := range svcs {
		for _, e := range cat {
			if sv.Prefix == "A" && sv.CatalogRef != "" && e.Key == sv.CatalogRef {
				reqs = len(e.Requirements)
			}
		}
	}
	if reqs < 1 {
		t.Fatalf("service A of the demo office has no checklist (%d requirements)", reqs)
	}
	st.Close()

	h := &dayHub{addr: freeAddr(t), db: db, out: &syncBuffer{}, exited: make(chan error, 1), reqsA: reqs}
	cmd := exec.Command(bin, "hub", "--addr", h.addr, "--phone-addr", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), "LOKET_DB="+db, "HOME="+dir)
	cmd.Stdout, cmd.Stderr = h.out, h.out
	cmd.WaitDelay = 5 * time.Second
	dieWithTest(cmd)
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	h.console = in
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { h.exited <- cmd.Wait() }()
	t.Cleanup(func() {
		stopProcess(t, "loket hub", cmd, os.Interrupt, h.exited)
		if t.Failed() {
			t.Logf("hub console:\n%s", h.out.String())
		}
	})
	deadline := time.Now().Add(30 * time.Second)
	for {
		if c, err := net.Dial("tcp", h.addr); err == nil {
			c.Close()
			checkPhonePort(t, h)
			return h
		}
		select {
		case err := <-h.exited:
			t.Fatalf("loket hub exited: %v\n%s", err, h.out.String())
		case <-time.After(200 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("loket hub not listening on %s after 30 s:\n%s", h.addr, h.out.String())
		}
	}
}

// approve types `setujui CODE` on the hub's console.
func (h *dayHub) approve(t testing.TB, code string) {
	t.Helper()
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, err := fmt.Fprintf(h.console, "setujui %s\n", code); err != nil {
		t.Fatalf("hub console: %v", err)
	}
}

var pairCode = regexp.MustCompile(`Kode pemasangan: (\d{6})`)

// startDayApp starts `loket --hub ADDR mode...` on a new 1366x768 Xvfb
// screen as a PC of its own (its own folder, preferences and pairing),
// approves its pairing on the hub and waits for a window titled title.
func startDayApp(t testing.TB, bin string, h *dayHub, name, title string, mode ...string) *dayApp {
	t.Helper()
	display := startXvfbSized(t, "1366x768")
	dir := filepath.Join(t.TempDir(), name)
	// The window size the officer left it at (Fyne's preferences of the
	// app): the whole 1366x768 counter monitor.
	prefs := filepath.Join(dir, "config", "fyne", "app.loket.desktop")
	if err := os.MkdirAll(prefs, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(prefs, "preferences.json"),
		[]byte(`{"window.width":1366,"window.height":768}`), 0o600); err != nil {
		t.Fatal(err)
	}
	a := &dayApp{name: name, display: display, dir: dir, exited: make(chan error, 1),
		stdout: &syncBuffer{}, stderr: &syncBuffer{}}
	// The PC's document viewer: an xdg-open that notes what the app asked
	// it to show and leaves a "viewer" running on its streams for two
	// minutes, as a browser showing the PDF does. (CI's real xdg-open
	// started such a browser; the app handed it its own output, and the
	// app's end was never seen: the package's 20-minute timeout.) The app
	// must end cleanly all the same (stopProcess fails on a held output).
	tools := filepath.Join(dir, "bin")
	if err := os.MkdirAll(tools, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(tools, "xdg-open"),
		[]byte("#!/bin/sh\necho \"$1\" >> \""+filepath.Join(dir, "opened.txt")+"\"\nsleep 120 &\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	args := append([]string{"--hub", h.addr}, mode...)
	a.cmd = exec.Command(bin, args...)
	a.cmd.Env = append(os.Environ(), "PATH="+tools+string(os.PathListSeparator)+os.Getenv("PATH"), "DISPLAY="+display, "LOKET_DB="+filepath.Join(dir, "loket.db"),
		"HOME="+dir, "XDG_CONFIG_HOME="+filepath.Join(dir, "config"), "LIBGL_ALWAYS_SOFTWARE=1")
	a.cmd.Stdout, a.cmd.Stderr = a.stdout, a.stderr
	a.cmd.WaitDelay = 5 * time.Second
	dieWithTest(a.cmd)
	if err := a.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { a.exited <- a.cmd.Wait() }()
	t.Cleanup(func() {
		select {
		case <-a.exited:
			return
		default:
		}
		if t.Failed() {
			a.save(t, "fail-"+name) // what the screen showed when the day stopped
		}
		stopProcess(t, name, a.cmd, syscall.SIGTERM, a.exited)
		if t.Failed() {
			t.Logf("%s stdout:\n%s\nstderr:\n%s", name, a.stdout.String(), a.stderr.String())
		}
	})
	deadline := time.Now().Add(30 * time.Second)
	for {
		if m := pairCode.FindStringSubmatch(a.stdout.String()); m != nil {
			h.approve(t, m[1])
			break
		}
		select {
		case err := <-a.exited:
			t.Fatalf("%s exited before pairing: %v\n%s%s", name, err, a.stdout.String(), a.stderr.String())
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s showed no pairing code after 30 s:\n%s%s", name, a.stdout.String(), a.stderr.String())
		}
	}
	waitWindow(t, display, title, a.exited, a.stderr)
	return a
}

// xdo runs xdotool on the app's screen.
func (a *dayApp) xdo(t testing.TB, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "xdotool", args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+a.display)
	cmd.WaitDelay = time.Second
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s: xdotool %s: %v\n%s", a.name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// focus gives the app's window the keyboard: no window manager runs and
// Xvfb's focus follows the pointer, so the pointer goes into the window
// (at the top edge, where no widget reacts to hovering).
func (a *dayApp) focus(t testing.TB) {
	t.Helper()
	a.xdo(t, "mousemove", "683", "2")
}

// focusWindow gives the keyboard to the app's window whose title matches
// the regular expression title.
func (a *dayApp) focusWindow(t testing.TB, title string) {
	t.Helper()
	ids := strings.Fields(a.xdo(t, "search", "--onlyvisible", "--name", title))
	if len(ids) != 1 {
		t.Fatalf("%s: windows titled %q: %v, want one", a.name, title, ids)
	}
	a.xdo(t, "windowfocus", "--sync", ids[0])
}

// keys presses keys (xdotool names: "Tab", "F1", "ctrl+s", "Return").
func (a *dayApp) keys(t testing.TB, keys ...string) {
	t.Helper()
	a.xdo(t, append([]string{"key", "--delay", "60"}, keys...)...)
}

// tap clicks (touches) the screen at x, y.
func (a *dayApp) tap(t testing.TB, x, y int) {
	t.Helper()
	a.xdo(t, "mousemove", fmt.Sprint(x), fmt.Sprint(y), "click", "1")
	a.xdo(t, "mousemove", "683", "2")
}

// typ types text into the focused field.
func (a *dayApp) typ(t testing.TB, text string) {
	t.Helper()
	a.xdo(t, "type", "--delay", "25", text)
}

// shot is the app's screen now.
func (a *dayApp) shot(t testing.TB) image.Image { return screenshot(t, a.display) }

// raw is the app's screen now as xwd writes it: compared as bytes, not
// decoded (the day compares hundreds of screens, under -race in make test).
func (a *dayApp) raw(t testing.TB) []byte {
	t.Helper()
	return xtool(t, 30*time.Second, a.display, "xwd", "-root", "-silent")
}

// save keeps the screen as name.png in LOKET_DAY_SHOTS (when set).
func (a *dayApp) save(t testing.TB, name string) {
	t.Helper()
	dir := os.Getenv("LOKET_DAY_SHOTS")
	if dir == "" {
		return
	}
	img := a.shot(t)
	f, err := os.Create(filepath.Join(dir, name+".png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

// step does input on the app and requires its screen to change within
// 15 s: a window whose UI thread is stuck draws nothing new. It also
// checks that the process is alive.
func (a *dayApp) step(t testing.TB, what string, input func()) {
	t.Helper()
	before := a.raw(t)
	input()
	deadline := time.Now().Add(15 * time.Second)
	for {
		select {
		case err := <-a.exited:
			t.Fatalf("%s exited during %q: %v\n%s", a.name, what, err, a.stderr.String())
		default:
		}
		if !bytes.Equal(before, a.raw(t)) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: the screen did not change within 15 s of %q: the window is frozen or the input was lost", a.name, what)
		}
		time.Sleep(150 * time.Millisecond)
	}
}

// changed waits up to 15 s for the app's screen to differ from before
// (the display has no input: a call must show on it).
func (a *dayApp) changed(t testing.TB, before []byte, what string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for bytes.Equal(before, a.raw(t)) {
		if time.Now().After(deadline) {
			t.Fatalf("%s: the screen did not change within 15 s of %s: frozen, or the event did not arrive", a.name, what)
		}
		time.Sleep(150 * time.Millisecond)
	}
}

// settle waits until the app's screen stops changing, at most 3 s: two
// frames 300 ms apart that differ in fewer than 200 blocks of 64 bytes
// (16 pixels; a blinking text cursor or a ticking clock never stops).
func (a *dayApp) settle(t testing.TB) {
	t.Helper()
	prev := a.raw(t)
	for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); {
		time.Sleep(300 * time.Millisecond)
		cur := a.raw(t)
		if blocksDiffering(prev, cur) < 200 {
			return
		}
		prev = cur
	}
}

// blocksDiffering counts the 64-byte blocks in which two screen dumps
// differ.
func blocksDiffering(a, b []byte) int {
	if len(a) != len(b) {
		return 1 << 30
	}
	n := 0
	for i := 0; i < len(a); i += 64 {
		j := min(i+64, len(a))
		if !bytes.Equal(a[i:j], b[i:j]) {
			n++
		}
	}
	return n
}

// waitNoDialog waits up to 20 s until no dialog shades the working
// window: the navy of its header is back to the theme's (a dialog dims
// everything behind it).
func (a *dayApp) waitNoDialog(t testing.TB, what string) {
	t.Helper()
	start := time.Now()
	deadline := start.Add(20 * time.Second)
	for {
		r, g, b, _ := a.shot(t).At(400, 20).RGBA()
		if r>>8 == 0x0B && g>>8 == 0x3C && b>>8 == 0x73 {
			// How long a dialog outlives the store's change (the
			// escalation's stayed about 4 s while its reload ran).
			t.Logf("%s: %s gone %v after the store had the change", a.name, what, time.Since(start).Round(10*time.Millisecond))
			return
		}
		if time.Now().After(deadline) {
			a.save(t, "fail-dialog-"+a.name)
			t.Fatalf("%s: %s still covers the window after 20 s (header colour %d,%d,%d)", a.name, what, r>>8, g>>8, b>>8)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// wantOpened waits up to 20 s for the app to have asked the desktop's
// viewer (xdg-open) to show path.
func (a *dayApp) wantOpened(t testing.TB, path string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		b, _ := os.ReadFile(filepath.Join(a.dir, "opened.txt"))
		for _, l := range strings.Split(string(b), "\n") {
			if l == path {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: %s was not opened in the viewer within 20 s (opened: %q)", a.name, path, b)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// waitFile waits up to 20 s for a file matching pattern and returns it.
func waitFile(t testing.TB, pattern string) string {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		if m, _ := filepath.Glob(pattern); len(m) > 0 {
			return m[0]
		}
		if time.Now().After(deadline) {
			t.Fatalf("no file %s after 20 s", pattern)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// pdfText is the text of a PDF (pdftotext, from poppler-utils).
func pdfText(t testing.TB, path string) string {
	t.Helper()
	needXvfbTools(t, "pdftotext")
	var out []byte
	var err error
	// The app may still be writing it: a few tries.
	for range 20 {
		if out, err = xtoolErr(30*time.Second, "", "pdftotext", "-layout", path, "-"); err == nil {
			return string(out)
		}
		time.Sleep(250 * time.Millisecond)
	}
	t.Fatalf("pdftotext %s: %v", path, err)
	return ""
}

// dayStore reads the hub's store, read-only, while the hub runs.
type dayStore struct{ db *sql.DB }

func openDayStore(t testing.TB, path string) *dayStore {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return &dayStore{db: db}
}

// str is the single text (or count) a query answers.
func (s *dayStore) str(t testing.TB, q string, args ...any) string {
	t.Helper()
	var v sql.NullString
	if err := s.db.QueryRow(q, args...).Scan(&v); err != nil && err != sql.ErrNoRows {
		t.Fatalf("store: %s: %v", q, err)
	}
	return v.String
}

// want waits up to 15 s for query q to answer want (the hub writes what
// a screen asked for after the screen has changed).
func (s *dayStore) want(t testing.TB, what, want, q string, args ...any) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		got := s.str(t, q, args...)
		if got == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("store after %s: %s gave %q, want %q", what, q, got, want)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// login types the username, Return, the password, and Return on the
// login screen; the screen must change at the username and at the
// submit.
func (a *dayApp) login(t testing.TB, user, password string) {
	t.Helper()
	a.step(t, user+" types the username", func() { a.typ(t, user) })
	a.keys(t, "Return")
	a.typ(t, password)
	a.step(t, user+" logs in", func() { a.keys(t, "Return") })
	a.settle(t)
}

// wantOpen waits for user's open session at counter number n.
func (s *dayStore) wantOpen(t testing.TB, user string, n int) {
	t.Helper()
	s.want(t, fmt.Sprintf("%s opened Loket %d", user, n), user, `SELECT o.username FROM counter_sessions s
		JOIN officers o ON o.id=s.officer_id JOIN counters c ON c.id=s.counter_id WHERE s.closed_at IS NULL AND c.number=?`, n)
}

// wantClosed waits for counter number n to have no open session once
// user has closed it.
func (s *dayStore) wantClosed(t testing.TB, user string, n int) {
	t.Helper()
	s.want(t, fmt.Sprintf("%s closed Loket %d", user, n), "0", `SELECT count(*) FROM counter_sessions s
		JOIN counters c ON c.id=s.counter_id WHERE s.closed_at IS NULL AND c.number=?`, n)
}

// TestScriptedDayUnderXvfb is a day at the office with the real binaries:
// the kiosk issues tickets, the display shows the calls, front office
// officer fo1 registers a visitor at counter 1, CSO cso1 at counter 2
// escalates a consultation, logs out closing the counter, Kepala Seksi
// kasi1 logs in on the same PC and answers it, and the admin opens the
// report. LOKET_DAY_SHOTS=dir keeps a screenshot of every screen.
func TestScriptedDayUnderXvfb(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the scripted day is not run")
	}
	needXvfbTools(t, "Xvfb", "xwininfo", "xwd", "xdotool")
	started := time.Now()
	dir := t.TempDir()
	bin := buildReal(t, dir)
	h := startDayHub(t, bin, dir)
	db := openDayStore(t, h.db)

	kiosk := startDayApp(t, bin, h, "kiosk", `"Loket — Kiosk Antrean"`, "kiosk")
	display := startDayApp(t, bin, h, "display", `Layar Antrean"`, "display")
	pcA := startDayApp(t, bin, h, "loket1", `"Loket`)
	pcB := startDayApp(t, bin, h, "loket2", `"Loket`)
	for _, a := range []*dayApp{kiosk, display, pcA, pcB} {
		a.settle(t)
		a.focus(t)
	}
	kiosk.save(t, "kiosk")
	display.save(t, "display-idle")
	pcA.save(t, "login")

	// Kiosk: a visitor for A (documents), one for B (CSO).
	// The kiosk is a touch screen without a keyboard: the visitor taps
	// the tile (the 2x2 grid of the demo's four services fills the
	// 1366x768 screen; A is top left, B top right).
	kiosk.step(t, "tap service A", func() { kiosk.tap(t, 348, 322) })
	kiosk.settle(t)
	kiosk.save(t, "kiosk-ticket")
	// Selesai (its centre since the card keeps room under it) goes back
	// to the choice at once (else after 12 s).
	kiosk.step(t, "Selesai on the kiosk", func() { kiosk.tap(t, 682, 622) })
	db.want(t, "the kiosk issued A", "1", `SELECT count(*) FROM tickets WHERE prefix='A' AND status='waiting'`)

	// Counter PC 1: fo1 logs in and opens Loket 1.
	pcA.login(t, "fo1", "loket123")
	pcA.save(t, "counter-open")
	db.want(t, "fo1 logged in", "1", `SELECT count(*) FROM events e JOIN officers o ON o.id=e.officer_id
		WHERE e.kind='auth.login' AND o.username='fo1'`)
	// Loket 1 is chosen (the first); Tab past it and the four services
	// to Buka Loket.
	pcA.step(t, "open Loket 1", func() { pcA.keys(t, "Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "space") })
	db.wantOpen(t, "fo1", 1)
	pcA.settle(t) // the hub's answer reaches the screen after the store
	board := display.raw(t)
	pcA.step(t, "F1 calls A001", func() { pcA.keys(t, "F1") })
	db.want(t, "F1 on Loket 1", "called", `SELECT status FROM tickets WHERE prefix='A' AND number=1`)
	pcA.settle(t)
	pcA.save(t, "counter-called")
	display.changed(t, board, "the call of A001")
	display.settle(t)
	display.save(t, "display-call")
	pcA.step(t, "F6 starts serving", func() { pcA.keys(t, "F6") })
	db.want(t, "F6 on Loket 1", "serving", `SELECT status FROM tickets WHERE prefix='A' AND number=1`)
	pcA.settle(t)
	pcA.step(t, "F7 opens the registration", func() { pcA.keys(t, "F7") })
	pcA.settle(t)
	pcA.save(t, "registration")
	// The registration window opens over the counter with the look-up
	// field focused; Tab goes to Kode satker, Nama perwakilan, NIP/NIK,
	// Telepon/HP, Email and Keperluan.
	pcA.step(t, "type the visitor", func() {
		pcA.keys(t, "Tab", "Tab")
		pcA.typ(t, "Budi Santoso")
		pcA.keys(t, "Tab", "Tab")
		pcA.typ(t, "081234567890")
		pcA.keys(t, "Tab", "Tab")
		pcA.typ(t, "Pengajuan SPM-LS gaji Desember")
	})
	pcA.save(t, "registration-filled")
	// Each requirement is a tick and a note: Tab to the tick, Space,
	// Tab past the note; then Tab to the save button and Space.
	pcA.step(t, "tick the checklist", func() {
		for range h.reqsA {
			pcA.keys(t, "Tab", "space", "Tab")
		}
	})
	pcA.save(t, "registration-ticked")
	pcA.step(t, "save the receipt", func() { pcA.keys(t, "Tab", "space") })
	db.want(t, "the receipt was saved", "Budi Santoso|081234567890|Pengajuan SPM-LS gaji Desember|A",
		`SELECT v.name||'|'||v.phone||'|'||r.purpose||'|'||t.prefix FROM receipts r JOIN visitors v ON v.id=r.visitor_id
		JOIN tickets t ON t.id=r.ticket_id`)
	pcA.settle(t)
	pcA.save(t, "registration-saved")
	// The registration window stays open over the counter's left part;
	// the officer goes back to the counter window (no window manager
	// here: xdotool gives it the focus).
	pcA.focusWindow(t, "^Loket ")
	pcA.step(t, "F5 finishes A001", func() { pcA.keys(t, "F5") })
	db.want(t, "F5 on Loket 1", "done", `SELECT status FROM tickets WHERE prefix='A' AND number=1`)

	// The second visitor takes a CSO number.
	kiosk.step(t, "tap service B", func() { kiosk.tap(t, 1018, 322) })
	db.want(t, "the kiosk issued B", "waiting", `SELECT status FROM tickets WHERE prefix='B' AND number=1`)

	// Counter PC 2: cso1 logs in (the CSO tab shows first), goes to the
	// Loket tab (Alt+1) and opens Loket 2.
	pcB.login(t, "cso1", "loket123")
	pcB.save(t, "cso-empty")
	pcB.step(t, "Alt+1: the Loket tab", func() { pcB.keys(t, "alt+1") })
	pcB.settle(t)
	pcB.step(t, "open Loket 2", func() { pcB.keys(t, "Tab", "Right", "Tab", "Tab", "Tab", "Tab", "Tab", "space") })
	db.wantOpen(t, "cso1", 2)
	pcB.settle(t)
	board = display.raw(t)
	pcB.step(t, "F1 calls B001", func() { pcB.keys(t, "F1") })
	db.want(t, "F1 on Loket 2", "called", `SELECT status FROM tickets WHERE prefix='B' AND number=1`)
	pcB.settle(t) // the hub's answer reaches the screen after the store
	pcB.step(t, "F6 starts serving", func() { pcB.keys(t, "F6") })
	db.want(t, "F6 on Loket 2", "serving", `SELECT status FROM tickets WHERE prefix='B' AND number=1`)
	pcB.settle(t)
	display.changed(t, board, "the call of B001")
	display.settle(t)
	display.save(t, "display-two-calls")
	pcB.step(t, "Alt+3: the CSO tab", func() { pcB.keys(t, "alt+3") })
	pcB.settle(t)
	// The CSO form from the keyboard: the third Tab reaches Kanal (tatap
	// muka), then Kategori (Right: the first), Penanya, telepon, email,
	// satker, lampiran and its button, SP4N-LAPOR!, Pertanyaan,
	// Identifikasi, Jawaban and Simpan.
	pcB.step(t, "fill the consultation", func() {
		pcB.keys(t, "Tab", "Tab", "Tab", "Tab", "Right", "Tab")
		pcB.typ(t, "Ani Wijaya")
		pcB.keys(t, "Tab")
		pcB.typ(t, "081298765432")
		pcB.keys(t, "Tab", "Tab", "Tab", "Tab", "Tab", "Tab")
		pcB.typ(t, "Revisi DIPA ditolak di SAKTI karena pagu minus; bagaimana langkahnya?")
	})
	pcB.save(t, "cso-filled")
	pcB.step(t, "Simpan the consultation", func() { pcB.keys(t, "Tab", "Tab", "Tab", "space") })
	db.want(t, "the consultation was saved", "baru|Ani Wijaya|B",
		`SELECT c.status||'|'||v.name||'|'||t.prefix FROM consultations c JOIN visitors v ON v.id=c.visitor_id
		JOIN tickets t ON t.id=c.ticket_id`)
	pcB.settle(t)
	pcB.save(t, "cso-saved")
	// Ctrl+E: Eskalasi ke Kasi. The dialog proposes the one Kepala
	// Seksi; Tab to Alasan, type it, Tab past Batal to Eskalasi.
	pcB.step(t, "Ctrl+E opens the escalation", func() { pcB.keys(t, "ctrl+e") })
	pcB.settle(t)
	pcB.save(t, "cso-escalate")
	pcB.step(t, "type the reason", func() {
		pcB.keys(t, "Tab", "Tab")
		pcB.typ(t, "Perlu konfirmasi Kasi: revisi pagu minus butuh persetujuan Kanwil?")
	})
	pcB.step(t, "escalate", func() { pcB.keys(t, "Tab", "Tab", "space") })
	db.want(t, "the escalation", "eskalasi|kasi1", `SELECT c.status||'|'||o.username FROM consultations c
		JOIN officers o ON o.id=c.escalated_to`)
	pcB.waitNoDialog(t, "the escalation dialog")
	pcB.save(t, "cso-escalated")
	// With nothing focused, Shift+Tab goes to the last button of the
	// window: Keluar in the header.
	pcB.step(t, "Shift+Tab to Keluar", func() { pcB.keys(t, "shift+Tab") })
	pcB.save(t, "keluar-focused")
	pcB.step(t, "Keluar", func() { pcB.keys(t, "space") })
	pcB.settle(t)
	pcB.save(t, "logout-ask")
	// Tutup Loket dan Keluar has the focus: Space closes the counter.
	pcB.step(t, "Tutup Loket dan Keluar", func() { pcB.keys(t, "space") })
	db.wantClosed(t, "cso1", 2)
	pcB.settle(t)
	pcB.save(t, "login-after-logout")

	// kasi1 logs in on the same PC: the Kepala Seksi tab shows first.
	pcB.login(t, "kasi1", "loket123")
	pcB.waitNoDialog(t, "the login")
	pcB.save(t, "kasi")
	// Tab to the list of items escalated to kasi1, Space opens the
	// first; Tab past the overdue files list to Tanggapan; Ctrl+S sends
	// it back to the CSO.
	pcB.step(t, "open the escalated item", func() { pcB.keys(t, "Tab", "space") })
	pcB.settle(t)
	pcB.save(t, "kasi-item")
	pcB.step(t, "type the response", func() {
		pcB.keys(t, "Tab", "Tab")
		pcB.typ(t, "Disetujui: ajukan revisi ke Kanwil dengan surat usulan; CSO kabari stakeholder hari ini.")
	})
	pcB.step(t, "Ctrl+S sends the response", func() { pcB.keys(t, "ctrl+s") })
	db.want(t, "the Kepala Seksi's response", "Disetujui: ajukan revisi ke Kanwil dengan surat usulan; CSO kabari stakeholder hari ini.",
		`SELECT kasi_response FROM consultations WHERE status<>'eskalasi'`)
	pcB.settle(t)
	pcB.save(t, "kasi-answered")
	// Loket 2 was closed at Keluar: kasi1 opens it at once (this PC
	// proposes the counter it used last).
	pcB.step(t, "Alt+1: the Loket tab", func() { pcB.keys(t, "alt+1") })
	pcB.settle(t)
	pcB.step(t, "kasi1 opens Loket 2", func() { pcB.keys(t, "Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "space") })
	db.wantOpen(t, "kasi1", 2)
	pcB.settle(t)
	pcB.save(t, "counter-kasi")
	// B001 was being served when cso1 closed the counter: it stayed with
	// Loket 2, and kasi1 finishes it.
	pcB.step(t, "F5 finishes B001", func() { pcB.keys(t, "F5") })
	db.want(t, "F5 on Loket 2", "done", `SELECT status FROM tickets WHERE prefix='B' AND number=1`)
	pcB.settle(t)
	// kasi1's tabs: Loket, Standar Layanan, Kepala Seksi, Laporan, Keadilan Antrean.
	pcB.step(t, "Alt+4: the Laporan tab", func() { pcB.keys(t, "alt+4") })
	pcB.settle(t)
	pcB.save(t, "reports")
	// The day's report as PDF: Tab past the three report kinds, the
	// date, Batasi and Tampilkan to Simpan PDF.
	pcB.step(t, "Simpan PDF", func() { pcB.keys(t, "Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "space") })
	pdf := waitFile(t, filepath.Join(pcB.dir, "Dokumen Loket", "*", "*.pdf"))
	pcB.wantOpened(t, pdf)
	text := pdfText(t, pdf)
	for _, want := range []string{"KPPN PEKANBARU", "Penyampaian Dokumen", "Konsultasi Stakeholder"} {
		if !strings.Contains(text, want) {
			t.Errorf("the day's report %s lacks %q:\n%s", pdf, want, text)
		}
	}
	pcB.settle(t)
	pcB.save(t, "reports-pdf")
	// The fairness sheet of the day (Keadilan Antrean), then back.
	pcB.step(t, "Alt+5: the Keadilan Antrean tab", func() { pcB.keys(t, "alt+5") })
	pcB.settle(t)
	pcB.save(t, "kasi-fairness")
	pcB.step(t, "Alt+4: back to Laporan", func() { pcB.keys(t, "alt+4") })
	pcB.settle(t)

	// kasi1 ends the day at Loket 2; the admin logs in on the PC and
	// looks at the Admin tab (the eighth for an admin).
	pcB.step(t, "Keluar", func() { pcB.keys(t, "shift+Tab", "space") })
	pcB.step(t, "Tutup Loket dan Keluar", func() { pcB.keys(t, "space") })
	db.wantClosed(t, "kasi1", 2)
	pcB.settle(t)
	pcB.login(t, "admin", "rahasia1")
	// The admin's tabs: Loket, Standar Layanan, CSO, Kepala Seksi, Laporan,
	// Keadilan Antrean, Data Pribadi, Admin.
	pcB.step(t, "Alt+8: the Admin tab", func() { pcB.keys(t, "alt+8") })
	pcB.settle(t)
	pcB.save(t, "admin")
	db.want(t, "the day's tickets", "A1:done|B1:done", `SELECT group_concat(prefix||number||':'||status, '|') FROM
		(SELECT prefix, number, status FROM tickets ORDER BY prefix, number)`)
	display.settle(t)
	display.save(t, "display-end")
	t.Logf("scripted day: %v", time.Since(started))
}

// checkPhonePort finds the phone pages' plain-HTTP port in the hub's
// banner (--phone-addr 127.0.0.1:0) and checks it serves the pages'
// files and nothing of the API.
func checkPhonePort(t testing.TB, h *dayHub) {
	t.Helper()
	re := regexp.MustCompile(`Halaman tiket di ponsel: http://\S+:(\d+) `)
	var port string
	for deadline := time.Now().Add(15 * time.Second); port == ""; {
		if m := re.FindStringSubmatch(h.out.String()); m != nil {
			port = m[1]
		} else if time.Now().After(deadline) {
			t.Fatalf("the hub's banner names no phone port:\n%s", h.out.String())
		} else {
			time.Sleep(100 * time.Millisecond)
		}
	}
	c := &http.Client{Timeout: 10 * time.Second}
	for path, want := range map[string]int{"/web/voice/satu.wav": http.StatusOK, "/v1/services": http.StatusNotFound,
		"/layar": http.StatusNotFound} {
		resp, err := c.Get("http://127.0.0.1:" + port + path)
		if err != nil {
			t.Fatalf("phone port %s%s: %v", port, path, err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("phone port %s%s: %d, want %d", port, path, resp.StatusCode, want)
		}
	}
}
