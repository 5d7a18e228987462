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

// SystemOpener is what the real app shows documents with (App.OpenFile):
// openInViewer here; nil (Fyne's OpenURL) where Fyne's opener returns at
// once without sharing the app's streams (Windows, macOS).
var SystemOpener func(path string) error = openInViewer

// openInViewer asks the desktop (xdg-open) to show path and returns at
// once. Fyne's OpenURL hands xdg-open the app's own standard streams and
// never waits for it: a viewer that stays open (a browser showing the PDF)
// then holds the app's output for as long as it runs, and every opened
// document leaves a zombie process. Here xdg-open gets no terminal
// streams of the app, runs in a session of its own (a Ctrl+C meant for
// the app does not close the officer's PDF), and is waited for in the
// background, its complaint (no viewer installed) going to the log.
func openInViewer(path string) error {
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
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("ui: open %s: %w", path, err)
	}
	go func() {
		if err := cmd.Wait(); err != nil && !errors.Is(err, exec.ErrWaitDelay) {
			log.Printf("ui: open %s: xdg-open: %v: %s", path, err, strings.TrimSpace(stderr.String()))
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
