package main

import (
	"fmt"
	"io"
	"log"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// logKeepMonths is how many monthly log files stay beside the store.
const logKeepMonths = 12

// logDir is where the app's logs live: a "logs" folder beside the office
// store (so in the per-user app folder unless LOKET_DB moves the store).
func logDir() string { return filepath.Join(filepath.Dir(dbPath()), "logs") }

// teeWriter writes every line to the log file first, then to stderr; a
// Windows GUI program has no usable stderr, and a failed stderr must not
// lose the file copy.
type teeWriter struct {
	mu   sync.Mutex
	file *os.File
	err  io.Writer
}

func (w *teeWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.file != nil {
		_, _ = w.file.Write(p)
	}
	_, _ = w.err.Write(p)
	return len(p), nil
}

// setupLog sends the standard logger and slog's default to
// logs/loket-YYYY-MM.log (and stderr), dropping files older than
// logKeepMonths. It returns the file's path ("" when it cannot be opened:
// logging then goes to stderr only) and a function that closes the file.
func setupLog(now time.Time) (string, func()) {
	dir := logDir()
	w := &teeWriter{err: os.Stderr}
	path := filepath.Join(dir, "loket-"+now.Format("2006-01")+".log")
	if err := os.MkdirAll(dir, 0o700); err == nil {
		if f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600); err == nil {
			w.file = f
		}
	}
	if w.file == nil {
		path = ""
	}
	log.SetOutput(w)
	log.SetFlags(log.LstdFlags)
	slog.SetDefault(slog.New(slog.NewTextHandler(w, nil)))
	pruneLogs(dir, now)
	return path, func() {
		w.mu.Lock()
		defer w.mu.Unlock()
		if w.file != nil {
			w.file.Close()
			w.file = nil
		}
	}
}

// pruneLogs removes monthly log files beyond the newest logKeepMonths.
func pruneLogs(dir string, now time.Time) {
	names, _ := filepath.Glob(filepath.Join(dir, "loket-*.log"))
	sort.Strings(names) // loket-YYYY-MM.log sorts by month
	oldest := now.AddDate(0, -(logKeepMonths - 1), 0).Format("2006-01")
	for _, n := range names {
		month := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(n), "loket-"), ".log")
		if month < oldest {
			os.Remove(n)
		}
	}
}

// fail tells the person at the PC why Loket cannot start: in a window (a
// Windows GUI program has no console to print to) and in the log, then
// exits with status 1.
func fail(title string, err error) {
	msg := err.Error()
	log.Printf("loket: %s: %s", title, msg)
	fmt.Fprintf(os.Stderr, "loket: %s: %s\n", title, msg)
	fa := app.NewWithID("app.loket.desktop")
	w := fa.NewWindow("Loket: " + title)
	body := widget.NewLabel(msg)
	body.Wrapping = fyne.TextWrapWord
	hint := widget.NewLabel("Catatan teknis tersimpan di " + logDir() + ". Hubungi petugas TI kantor bila masalah berlanjut.")
	hint.Wrapping = fyne.TextWrapWord
	w.SetContent(container.NewPadded(container.NewVBox(
		widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		body, hint,
		container.NewHBox(widget.NewButton("Tutup", fa.Quit)),
	)))
	w.Resize(fyne.NewSize(560, 220))
	w.ShowAndRun()
	os.Exit(1)
}
