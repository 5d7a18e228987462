package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestRealAppStartsUnderXvfb builds the real binary (OpenGL driver, not the
// test driver), starts it on a new store under Xvfb and checks that its
// window appears, that the store and the log file are created, and that it
// stops on SIGTERM. `make test` installs Xvfb and x11-utils; without them
// the test fails under the ci tag and is skipped, saying so, otherwise.
func TestRealAppStartsUnderXvfb(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the real-app start is not run")
	}
	needXvfbTools(t, "Xvfb", "xwininfo")
	dir := t.TempDir()
	bin := buildReal(t, dir)
	display := startXvfb(t)
	db := filepath.Join(dir, "data", "loket.db")
	app, exited, stderr := startRealApp(t, bin, display, dir, db)
	waitWindow(t, display, `"Loket"`, exited, stderr)
	if _, err := os.Stat(db); err != nil {
		t.Errorf("store not created at %s: %v", db, err)
	}
	logs, _ := filepath.Glob(filepath.Join(dir, "data", "logs", "loket-*.log"))
	if len(logs) != 1 {
		t.Fatalf("log files %v, want one beside the store", logs)
	}
	if data, _ := os.ReadFile(logs[0]); !strings.Contains(string(data), "mulai") {
		t.Errorf("log %s lacks the start line: %q", logs[0], data)
	}

	if err := app.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-exited:
	case <-time.After(20 * time.Second):
		t.Error("the app did not stop within 20 s of SIGTERM")
		app.Process.Kill()
	}
}

// TestRealAppExplainsAnUnwritableStore: when the store's folder cannot be
// made, the real app says so in a window (a Windows GUI program has no
// console) instead of vanishing.
func TestRealAppExplainsAnUnwritableStore(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the real-app start is not run")
	}
	needXvfbTools(t, "Xvfb", "xwininfo")
	dir := t.TempDir()
	bin := buildReal(t, dir)
	display := startXvfb(t)
	blocker := filepath.Join(dir, "not-a-folder")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	app, exited, stderr := startRealApp(t, bin, display, dir, filepath.Join(blocker, "loket.db"))
	waitWindow(t, display, `"Loket: Data kantor tidak dapat dibuka"`, exited, stderr)
	if !strings.Contains(stderr.String(), "tidak dapat dibuat") {
		t.Errorf("stderr %q lacks the reason", stderr.String())
	}
	app.Process.Kill()
	waitExit(t, "loket", exited, 15*time.Second)
}

// startRealApp starts the real binary on display with its home in dir and
// its store at db, killed after two minutes at the latest; exited gets
// Wait's answer.
func startRealApp(t testing.TB, bin, display, dir, db string) (app *exec.Cmd, exited chan error, stderr *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	app = exec.CommandContext(ctx, bin)
	app.Env = append(os.Environ(), "DISPLAY="+display, "LOKET_DB="+db, "HOME="+dir,
		"XDG_CONFIG_HOME="+filepath.Join(dir, "config"), "LIBGL_ALWAYS_SOFTWARE=1")
	stderr = &syncBuffer{}
	app.Stderr = stderr
	app.WaitDelay = 5 * time.Second
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	exited = make(chan error, 1)
	go func() { exited <- app.Wait() }()
	return app, exited, stderr
}

// syncBuffer collects a child's stderr while the test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// buildReal builds cmd/loket as shipped (GL driver) into dir.
func buildReal(t testing.TB, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "loket")
	build := exec.Command("go", "build", "-tags", "migrated_fynedo", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

// waitWindow waits up to 90 s for a top-level window whose quoted name is
// title, failing early when the app exits.
func waitWindow(t testing.TB, display, title string, exited <-chan error, stderr *syncBuffer) {
	t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	for {
		out, _ := xtoolErr(20*time.Second, display, "xwininfo", "-root", "-tree")
		if bytes.Contains(out, []byte(title)) {
			return
		}
		select {
		case err := <-exited:
			t.Fatalf("the app exited before showing window %s: %v\n%s", title, err, stderr.String())
		case <-time.After(300 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("no window %s on %s after 90 s; windows:\n%s\nstderr:\n%s", title, display, out, stderr.String())
		}
	}
}

// startXvfb starts a virtual X server on a free display number and stops it
// when the test ends.
func startXvfb(t testing.TB) string {
	t.Helper()
	return startXvfbSized(t, "1280x800")
}

// startXvfbSized is startXvfb with a screen of size ("1366x768").
// xLockHeld tells whether display n is taken: its lock file names a live
// process. A lock left by an Xvfb that was killed (a test run cut short)
// is removed with its socket, as Xvfb itself would on start.
func xLockHeld(n int) bool {
	lock := fmt.Sprintf("/tmp/.X%d-lock", n)
	data, err := os.ReadFile(lock)
	if err != nil {
		return false
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(data)))
	if err == nil && pid > 0 {
		if syscall.Kill(pid, 0) == nil || errors.Is(syscall.Kill(pid, 0), syscall.EPERM) {
			return true
		}
	}
	os.Remove(lock)
	os.Remove(fmt.Sprintf("/tmp/.X11-unix/X%d", n))
	return false
}

func startXvfbSized(t testing.TB, size string) string {
	t.Helper()
	for n := 140; n < 200; n++ {
		if xLockHeld(n) {
			continue
		}
		display := fmt.Sprintf(":%d", n)
		x := exec.Command("Xvfb", display, "-screen", "0", size+"x24", "-nolisten", "tcp")
		dieWithTest(x)
		if err := x.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan struct{})
		go func() { x.Wait(); close(done) }()
		t.Cleanup(func() {
			// SIGTERM lets Xvfb remove its lock file and socket; a
			// killed one leaves them behind for the next run.
			x.Process.Signal(syscall.SIGTERM)
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				x.Process.Kill()
				select {
				case <-done:
				case <-time.After(15 * time.Second):
					t.Errorf("Xvfb %s did not end within 15 s of SIGKILL", display)
				}
			}
		})
		socket := fmt.Sprintf("/tmp/.X11-unix/X%d", n)
		for i := 0; i < 300; i++ {
			select {
			case <-done:
				i = 300 // lost the race for this number; try the next
				continue
			default:
			}
			// The socket appears before the server answers: an app started
			// then cannot open the display (GLFW: "Failed to detect any
			// supported platform"). Ready is a client that got an answer.
			if _, err := os.Stat(socket); err == nil &&
				func() bool { _, err := xtoolErr(5*time.Second, display, "xwininfo", "-root"); return err == nil }() {
				return display
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	t.Fatal("no free X display number for Xvfb")
	return ""
}
