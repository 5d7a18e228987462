package voice

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestPlayCommands(t *testing.T) {
	has := func(names ...string) func(string) (string, error) {
		return func(n string) (string, error) {
			for _, h := range names {
				if h == n {
					return "/usr/bin/" + n, nil
				}
			}
			return "", errors.New("not found")
		}
	}
	tests := []struct {
		name, goos string
		look       func(string) (string, error)
		want       []string // command lines for file "f.wav"
	}{
		{"linux both", "linux", has("paplay", "aplay"), []string{"/usr/bin/paplay f.wav", "/usr/bin/aplay -q f.wav"}},
		{"linux alsa only", "linux", has("aplay"), []string{"/usr/bin/aplay -q f.wav"}},
		{"linux none", "linux", has(), nil},
		{"mac", "darwin", has("afplay", "aplay"), []string{"/usr/bin/afplay f.wav"}},
		{"windows", "windows", has("powershell.exe"), []string{
			"/usr/bin/powershell.exe -NoProfile -NonInteractive -Command (New-Object Media.SoundPlayer 'f.wav').PlaySync()"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, c := range playCommands(tt.goos, tt.look) {
				got = append(got, strings.Join(append([]string{c.path}, c.args("f.wav")...), " "))
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestPowerShellQuotesPath(t *testing.T) {
	cmds := playCommands("windows", func(n string) (string, error) { return n, nil })
	args := cmds[0].args(`C:\Users\O'Brien\AppData\Local\Temp\loket-voice-1.wav`)
	want := `(New-Object Media.SoundPlayer 'C:\Users\O''Brien\AppData\Local\Temp\loket-voice-1.wav').PlaySync()`
	if args[len(args)-1] != want {
		t.Errorf("got  %s\nwant %s", args[len(args)-1], want)
	}
}

func TestSystemPlayerNone(t *testing.T) {
	p := &SystemPlayer{}
	if p.Available() {
		t.Error("empty player claims to be available")
	}
	if err := p.Play(context.Background(), []byte("RIFF")); !errors.Is(err, ErrNoPlayer) {
		t.Errorf("Play = %v, want ErrNoPlayer", err)
	}
}

// script writes an executable shell script for the fallback tests.
func script(t *testing.T, dir, name, body string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte("#!/bin/sh\n"+body+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

func fileArg(f string) []string { return []string{f} }

func TestSystemPlayerFallsBack(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("uses shell scripts")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "played.wav")
	p := &SystemPlayer{cmds: []playCommand{
		{path: script(t, dir, "broken", "echo 'Connection failure' >&2; exit 1"), args: fileArg},
		{path: script(t, dir, "works", `cp "$1" `+out+`; echo "$1" > `+out+`.name`), args: fileArg},
	}}
	wav := EncodeWAV(Format{Channels: 1, SampleRate: 8000, BitsPerSample: 16}, pcm16(1, 2, 3))
	if err := p.Play(context.Background(), wav); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(out); !bytes.Equal(got, wav) {
		t.Error("player did not get the WAV bytes")
	}
	if p.good != 1 {
		t.Errorf("remembered player %d, want 1", p.good)
	}
	name, _ := os.ReadFile(out + ".name")
	if tmp := strings.TrimSpace(string(name)); tmp == "" {
		t.Error("player got no file name")
	} else if _, err := os.Stat(tmp); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("temp file %s left behind (%v)", tmp, err)
	}

	p.cmds = p.cmds[:1]
	p.good = 0
	err := p.Play(context.Background(), wav)
	if err == nil || !strings.Contains(err.Error(), "Connection failure") {
		t.Errorf("all players failing: %v, want the tool's stderr in the error", err)
	}
}

func TestSystemPlayerCancel(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("uses shell scripts")
	}
	p := &SystemPlayer{cmds: []playCommand{{path: script(t, t.TempDir(), "slow", "exec sleep 30"), args: fileArg}}}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	if err := p.Play(ctx, []byte("RIFF")); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Play = %v, want DeadlineExceeded", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Play took %v after cancel", d)
	}
}
