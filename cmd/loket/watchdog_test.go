package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
	"time"
)

// The real-app tests drive X programs and child processes; any of them
// can stop answering on a slow or odd machine. Two guards keep such a
// stall from becoming a silent 20-minute timeout whose goroutine dump
// (hundreds of lines) CI cuts off before the line that matters:
//   - every X tool runs under a deadline (xtool), and every started
//     process gets a WaitDelay, so no wait in this package is unbounded;
//   - TestMain's watchdog, two minutes before -timeout, prints only what
//     the tests were doing (their own frames, a few lines) and exits.

// TestMain runs the tests under the watchdog.
func TestMain(m *testing.M) {
	flag.Parse()
	if f := flag.Lookup("test.timeout"); f != nil {
		if d, err := time.ParseDuration(f.Value.String()); err == nil && d > 4*time.Minute {
			stop := watchdog(d-2*time.Minute, os.Stdout, func() { os.Exit(3) })
			defer stop()
		}
	}
	code := m.Run()
	os.Exit(code)
}

// watchdog calls report-then-die after d unless stopped.
func watchdog(d time.Duration, w *os.File, die func()) (stop func()) {
	t := time.AfterFunc(d, func() {
		fmt.Fprintf(w, "\nWATCHDOG: the tests of cmd/loket still run after %v; where they wait:\n%s", d, stalledFrames(allStacks()))
		die()
	})
	return func() { t.Stop() }
}

// allStacks is every goroutine's stack.
func allStacks() []byte {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			return buf[:n]
		}
		buf = make([]byte, 2*len(buf))
	}
}

// stalledFrames keeps, of a goroutine dump, the goroutines that stand in
// this package's test files, and of each only its header and those frames
// (function and file:line), innermost first: what a test is waiting on.
func stalledFrames(dump []byte) string {
	var out strings.Builder
	for _, g := range bytes.Split(dump, []byte("\n\n")) {
		lines := strings.Split(strings.TrimSpace(string(g)), "\n")
		if len(lines) < 3 || strings.Contains(lines[0], "watchdog") {
			continue
		}
		var frames []string
		for i := 2; i < len(lines); i++ {
			at := strings.TrimSpace(lines[i])
			if !strings.HasPrefix(lines[i], "\t") || at == "" {
				continue
			}
			file := strings.Fields(at)[0] // /path/x_test.go:123
			colon := strings.LastIndexByte(file, ':')
			if colon < 0 || !strings.HasSuffix(file[:colon], "_test.go") || strings.Contains(file, "watchdog_test.go") {
				continue
			}
			fn := strings.TrimSpace(lines[i-1])
			if p := strings.LastIndexByte(fn, '('); p > 0 && strings.HasSuffix(fn, ")") {
				fn = fn[:p] // the arguments
			}
			fn = strings.TrimPrefix(fn, "loket/cmd/loket.")
			if s := strings.LastIndexByte(file, '/'); s >= 0 {
				file = file[s+1:]
			}
			frames = append(frames, "    "+fn+" "+file)
		}
		if len(frames) == 0 {
			continue
		}
		fmt.Fprintf(&out, "  %s\n%s\n", lines[0], strings.Join(frames, "\n"))
	}
	return out.String()
}

// xtool runs an X or PDF tool on display (none when "") under a deadline
// and returns its standard output: a tool that stops answering fails the
// test with its name instead of hanging the package.
func xtool(t testing.TB, timeout time.Duration, display, name string, args ...string) []byte {
	t.Helper()
	out, err := xtoolErr(timeout, display, name, args...)
	if err != nil {
		t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	return out
}

// xtoolErr is xtool returning the error (for polling and for logs).
func xtoolErr(timeout time.Duration, display, name string, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	if display != "" {
		cmd.Env = append(os.Environ(), "DISPLAY="+display)
	}
	cmd.WaitDelay = time.Second
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if ctx.Err() != nil {
		return out, fmt.Errorf("no answer within %v (killed)", timeout)
	}
	if err != nil {
		return out, fmt.Errorf("%w: %s", err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}

// waitExit waits for a started process's end at most d. A process that
// ended while one it started still holds its output (WaitDelay expired:
// a viewer left running by xdg-open did that to the scripted day, whose
// wait then never ended) or that does not end fails the test.
func waitExit(t testing.TB, what string, exited <-chan error, d time.Duration) {
	t.Helper()
	if !ended(t, what, exited, d) {
		t.Errorf("%s did not end within %v", what, d)
	}
}

// stopProcess asks cmd to stop with sig, and kills it after 10 s.
func stopProcess(t testing.TB, what string, cmd *exec.Cmd, sig os.Signal, exited <-chan error) {
	t.Helper()
	cmd.Process.Signal(sig)
	if !ended(t, what, exited, 10*time.Second) {
		cmd.Process.Kill()
		waitExit(t, what, exited, 15*time.Second)
	}
}

// ended reports whether the process ended within d, failing the test
// when its output was still held by a process it started.
func ended(t testing.TB, what string, exited <-chan error, d time.Duration) bool {
	t.Helper()
	select {
	case err := <-exited:
		if errors.Is(err, exec.ErrWaitDelay) {
			t.Errorf("%s ended, but a process it started still held its output open", what)
		}
		return true
	case <-time.After(d):
		return false
	}
}

// The watchdog's report names a stalled test's own frames (and no
// runtime frames), and xtool gives up on a tool that does not answer.
func TestWatchdogReportAndBoundedTools(t *testing.T) {
	release := make(chan struct{})
	parked := make(chan struct{})
	go stalledForTheWatchdog(parked, release)
	<-parked
	defer close(release)
	report := stalledFrames(allStacks())
	if !strings.Contains(report, "stalledForTheWatchdog watchdog_helper_test.go:") {
		t.Errorf("the report lacks the stalled frame:\n%s", report)
	}
	if strings.Contains(report, "runtime.") || strings.Contains(report, "/usr/local/go") {
		t.Errorf("the report carries runtime frames:\n%s", report)
	}
	start := time.Now()
	if _, err := xtoolErr(300*time.Millisecond, "", "sleep", "30"); err == nil || !strings.Contains(err.Error(), "no answer within") {
		t.Errorf("a tool that sleeps: %v, want no answer", err)
	}
	if el := time.Since(start); el > 10*time.Second {
		t.Errorf("xtool gave up after %v", el)
	}
}
