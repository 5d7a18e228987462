//go:build linux || freebsd || openbsd || netbsd || dragonfly

package ui

import (
	"bytes"
	"errors"
	"fmt"
	"log"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// SystemOpener is what the real app shows documents with (through
// App.UseSystemOpener): openInViewer here; nil (Fyne's OpenURL) where
// Fyne's opener returns at once without sharing the app's streams
// (Windows, macOS). failed, when not nil, hears from another goroutine
// that the desktop could not show the document after all.
var SystemOpener func(path string, failed func(error)) error = openInViewer

// viewerFailWindow is how soon after the start a failing xdg-open counts
// as "could not show it" for the officer. xdg-open may wait for the
// viewer it started (its generic mode does), so an exit status much later
// is the viewer's own ending, not a failed open: only the log hears of it.
var viewerFailWindow = 15 * time.Second

// openInViewer asks the desktop (xdg-open) to show path and returns at
// once. Fyne's OpenURL hands xdg-open the app's own standard streams and
// never waits for it: a viewer that stays open (a browser showing the PDF)
// then holds the app's output for as long as it runs, and every opened
// document leaves a zombie process. Here xdg-open gets no terminal
// streams of the app, runs in a session of its own (a Ctrl+C meant for
// the app does not close the officer's PDF), and is waited for in the
// background, its complaint (no viewer installed) going to the log and,
// when it came within viewerFailWindow, to failed.
func openInViewer(path string, failed func(error)) error {
	xdg, err := exec.LookPath("xdg-open")
	if err != nil {
		return fmt.Errorf("ui: open %s: xdg-open not installed: %w", path, err)
	}
	cmd := exec.Command(xdg, path)
	var stderr bytes.Buffer
	cmd.Stderr = &limitedBuffer{b: &stderr, max: 4 << 10}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	// A viewer started by xdg-open inherits its stderr; the app stops
	// reading it a few seconds after xdg-open itself ends.
	cmd.WaitDelay = 5 * time.Second
	start, window := time.Now(), viewerFailWindow
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("ui: open %s: %w", path, err)
	}
	go func() {
		err := cmd.Wait()
		if err == nil || errors.Is(err, exec.ErrWaitDelay) {
			return
		}
		err = fmt.Errorf("xdg-open: %w: %s", err, strings.TrimSpace(stderr.String()))
		log.Printf("ui: open %s: %v", path, err)
		if failed != nil && time.Since(start) < window {
			failed(err)
		}
	}()
	return nil
}

// limitedBuffer keeps the first max bytes written and drops the rest.
type limitedBuffer struct {
	b   *bytes.Buffer
	max int
}

func (l *limitedBuffer) Write(p []byte) (int, error) {
	if room := l.max - l.b.Len(); room > 0 {
		l.b.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}
