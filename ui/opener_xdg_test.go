//go:build linux

package ui

import (
	"bytes"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// fakeXDGOpen puts an xdg-open first on PATH that writes what it was
// given (its arguments, where its standard streams lead, its session)
// into record and exits with status code; a successful one leaves a
// long-lived "viewer" on its streams, as a browser showing a PDF does.
func fakeXDGOpen(t *testing.T, code int) (record string) {
	t.Helper()
	dir := t.TempDir()
	record = filepath.Join(dir, "record")
	viewer := "sleep 30 &" // a viewer that stays, on xdg-open's streams
	if code != 0 {
		viewer = ""
	}
	putXDGOpen(t, dir, fmt.Sprintf(`#!/bin/sh
fd0=$(readlink /proc/$$/fd/0); fd1=$(readlink /proc/$$/fd/1)
{ echo "arg=$1"; echo "fd0=$fd0"; echo "fd1=$fd1"; echo "sid=$(cut -d' ' -f6 /proc/$$/stat)"; } > %q.tmp
mv %q.tmp %q
%s
echo "tidak ada penampil" >&2
exit %d
`, record, record, record, viewer, code))
	return record
}

// putXDGOpen writes script as dir/xdg-open and puts dir first on PATH.
func putXDGOpen(t *testing.T, dir, script string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, "xdg-open"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
}

func waitRecord(t *testing.T, record string) map[string]string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if b, err := os.ReadFile(record); err == nil {
			m := map[string]string{}
			for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
				k, v, _ := strings.Cut(l, "=")
				m[k] = v
			}
			return m
		}
		if time.Now().After(deadline) {
			t.Fatal("xdg-open was not run within 10 s")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// A document opened on Linux goes to xdg-open without the app's own
// streams (a viewer that stays open must not hold the app's output) and
// in a session of its own; openInViewer returns before the viewer ends.
func TestOpenInViewerDetachesTheViewer(t *testing.T) {
	record := fakeXDGOpen(t, 0)
	pdf := filepath.Join(t.TempDir(), "laporan harian.pdf")
	start := time.Now()
	if err := openInViewer(pdf, func(err error) { t.Errorf("a viewer that opened was reported failed: %v", err) }); err != nil {
		t.Fatal(err)
	}
	if el := time.Since(start); el > 5*time.Second {
		t.Errorf("openInViewer took %v: it waited for the viewer", el)
	}
	got := waitRecord(t, record)
	if got["arg"] != pdf {
		t.Errorf("xdg-open got %q, want %q", got["arg"], pdf)
	}
	if got["fd0"] != os.DevNull || got["fd1"] != os.DevNull {
		t.Errorf("xdg-open's stdin/stdout lead to %q/%q, want %s (not the app's)", got["fd0"], got["fd1"], os.DevNull)
	}
	stat, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		t.Fatal(err)
	}
	mySid := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+2:]))[3]
	if got["sid"] == mySid {
		t.Errorf("xdg-open runs in the app's session %s", mySid)
	}
}

// A desktop with no viewer: xdg-open's complaint reaches the log.
func TestOpenInViewerLogsAFailedOpen(t *testing.T) {
	record := fakeXDGOpen(t, 3)
	logPath := filepath.Join(t.TempDir(), "loket.log")
	logFile, err := os.Create(logPath) // the logger writes, the test reads the file
	if err != nil {
		t.Fatal(err)
	}
	defer logFile.Close()
	log.SetOutput(logFile)
	defer log.SetOutput(os.Stderr)
	if err := openInViewer("/tmp/tidak-ada.pdf", nil); err != nil {
		t.Fatal(err)
	}
	waitRecord(t, record)
	deadline := time.Now().Add(15 * time.Second)
	for logged, _ := os.ReadFile(logPath); !strings.Contains(string(logged), "tidak ada penampil"); logged, _ = os.ReadFile(logPath) {
		if time.Now().After(deadline) {
			t.Fatalf("the log lacks xdg-open's complaint: %q", logged)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// xdg-open may wait for the viewer it started: its exit status long after
// the start is the viewer's ending (the officer closed it), not a failed
// open, and goes to the log only.
func TestOpenInViewerLateExitIsNotAFailedOpen(t *testing.T) {
	dir := t.TempDir()
	done := filepath.Join(dir, "done")
	putXDGOpen(t, dir, fmt.Sprintf("#!/bin/sh\nsleep 1\ntouch %q\nexit 4\n", done))
	defer func(w time.Duration) { viewerFailWindow = w }(viewerFailWindow)
	viewerFailWindow = 300 * time.Millisecond
	failed := make(chan error, 1)
	if err := openInViewer("/tmp/x.pdf", func(err error) { failed <- err }); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for _, err := os.Stat(done); err != nil; _, err = os.Stat(done) {
		if time.Now().After(deadline) {
			t.Fatal("xdg-open did not end")
		}
		time.Sleep(20 * time.Millisecond)
	}
	select {
	case err := <-failed:
		t.Errorf("a late exit was reported as a failed open: %v", err)
	case <-time.After(500 * time.Millisecond):
	}
}

// Without xdg-open, openPath's caller gets an error (and says the file
// is saved but no viewer opened it).
func TestOpenInViewerWithoutXDGOpen(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	if err := openInViewer("/tmp/x.pdf", nil); err == nil {
		t.Fatal("no xdg-open, no error")
	}
}

// A desktop without a PDF viewer: the Kepala Seksi saves the day's report,
// the screen says where it is saved, and when xdg-open then gives up a
// dialog says the document did not open and where to find it. A viewer
// that opens brings no dialog.
func TestSavedReportWithoutViewerSaysSo(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	h.app.DocumentsDir = t.TempDir()
	// The real opener, its late word handed to the test's goroutine (the
	// test driver's fyne.Do runs where it is called).
	late := make(chan func(), 1)
	defer func(o func(string, func(error)) error) { SystemOpener = o }(SystemOpener)
	SystemOpener = func(path string, failed func(error)) error {
		return openInViewer(path, func(err error) { late <- func() { failed(err) } })
	}
	h.app.UseSystemOpener()
	h.app.win.Resize(fyne.NewSize(1366, 768)) // a counter PC's screen: the dialog's width follows it
	h.loginAs("kasi1")
	r := newReportsScreen(h.app)
	w := test.NewWindow(r.content())
	defer w.Close()
	r.from.SetText("2026-11-23")
	pdf := filepath.Join(h.app.DocumentsDir, "laporan-harian-2026-11-23.pdf")

	// A viewer that opens (and stays): no word from the opener.
	record := fakeXDGOpen(t, 0)
	test.Tap(r.pdfB)
	if got := waitRecord(t, record); got["arg"] != pdf {
		t.Fatalf("xdg-open got %q, want %q", got["arg"], pdf)
	}
	select {
	case <-late:
		t.Fatal("a viewer that opened was reported failed")
	case <-time.After(500 * time.Millisecond):
	}
	if top := h.app.win.Canvas().Overlays().Top(); top != nil {
		t.Fatalf("a dialog after a viewer opened: %q", renderedTexts(top, top.MinSize()))
	}

	// No viewer: xdg-open exits 3 after openPath returned.
	record = fakeXDGOpen(t, 3)
	test.Tap(r.pdfB)
	if !strings.Contains(r.message.Text, "Laporan tersimpan di "+pdf) {
		t.Errorf("message %q", r.message.Text)
	}
	waitRecord(t, record)
	select {
	case f := <-late:
		f()
	case <-time.After(15 * time.Second):
		t.Fatal("no word 15 s after xdg-open failed")
	}
	top := h.app.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog after xdg-open failed")
	}
	txt := renderedTexts(top, h.app.win.Canvas().Size())
	for _, want := range []string{"Dokumen tidak terbuka", "Berkas: laporan-harian-2026-11-23.pdf",
		"Folder: " + h.app.DocumentsDir, "penampil PDF"} {
		if !strings.Contains(txt, want) {
			t.Errorf("dialog lacks %q:\n%s", want, txt)
		}
	}
}
