package voice

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"time"
)

// A Player plays one complete WAV file and returns when it has finished or
// ctx is done. Play is never called concurrently by an Announcer.
type Player interface {
	Play(ctx context.Context, wav []byte) error
}

// ErrNoPlayer is returned by SystemPlayer.Play when the machine has no known
// command-line audio player.
var ErrNoPlayer = errors.New("voice: no audio player found (paplay, aplay, afplay or PowerShell)")

// SystemPlayer plays WAV files with the operating system's own tools, so
// Loket needs no cgo audio library: paplay or aplay on Linux, afplay on
// macOS, and PowerShell's Media.SoundPlayer on Windows. Each call writes the
// WAV to a temporary file, runs the tool and removes the file.
type SystemPlayer struct {
	cmds []playCommand

	mu   sync.Mutex
	good int // index into cmds of the command that last worked
}

type playCommand struct {
	path string
	args func(file string) []string
}

// NewSystemPlayer looks for the platform's audio tools on PATH. The result
// works even when none is found: Play then returns ErrNoPlayer.
func NewSystemPlayer() *SystemPlayer {
	return &SystemPlayer{cmds: playCommands(runtime.GOOS, exec.LookPath)}
}

// Available reports whether at least one audio tool was found.
func (p *SystemPlayer) Available() bool { return len(p.cmds) > 0 }

// playCommands lists the usable players for goos in order of preference.
// paplay comes before aplay because on PulseAudio/PipeWire desktops aplay's
// default ALSA device can be busy or routed to the wrong output.
func playCommands(goos string, lookPath func(string) (string, error)) []playCommand {
	type candidate struct {
		name string
		args func(file string) []string
	}
	var cands []candidate
	switch goos {
	case "windows":
		ps := func(file string) []string {
			quoted := "'" + strings.ReplaceAll(file, "'", "''") + "'"
			return []string{"-NoProfile", "-NonInteractive", "-Command",
				"(New-Object Media.SoundPlayer " + quoted + ").PlaySync()"}
		}
		cands = []candidate{{"powershell.exe", ps}, {"pwsh.exe", ps}}
	case "darwin":
		cands = []candidate{{"afplay", func(f string) []string { return []string{f} }}}
	default:
		cands = []candidate{
			{"paplay", func(f string) []string { return []string{f} }},
			{"aplay", func(f string) []string { return []string{"-q", f} }},
		}
	}
	var out []playCommand
	for _, c := range cands {
		if path, err := lookPath(c.name); err == nil {
			out = append(out, playCommand{path: path, args: c.args})
		}
	}
	return out
}

// Play writes wav to a temporary file and plays it with the first tool that
// works, remembering that tool for next time. Cancelling ctx kills the tool.
func (p *SystemPlayer) Play(ctx context.Context, wav []byte) error {
	if len(p.cmds) == 0 {
		return ErrNoPlayer
	}
	f, err := os.CreateTemp("", "loket-voice-*.wav")
	if err != nil {
		return fmt.Errorf("voice: play: %w", err)
	}
	name := f.Name()
	defer os.Remove(name)
	if _, err := f.Write(wav); err != nil {
		f.Close()
		return fmt.Errorf("voice: play: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("voice: play: %w", err)
	}

	p.mu.Lock()
	first := p.good
	p.mu.Unlock()
	var errs []error
	for k := range p.cmds {
		i := (first + k) % len(p.cmds)
		c := p.cmds[i]
		cmd := exec.CommandContext(ctx, c.path, c.args(name)...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		cmd.WaitDelay = time.Second // a stray grandchild must not hold the stderr pipe forever
		hideWindow(cmd)
		err := cmd.Run()
		if err == nil {
			p.mu.Lock()
			p.good = i
			p.mu.Unlock()
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		errs = append(errs, fmt.Errorf("%s: %w: %s", c.path, err, strings.TrimSpace(stderr.String())))
	}
	return fmt.Errorf("voice: play: %w", errors.Join(errs...))
}
