package printer

import (
	"context"
	"errors"
	"os/exec"
	"strings"
	"testing"
)

// TestSpoolerErrorsAreSentences runs the lp path with the failures a PC
// meets and checks each reaches the operator as one Indonesian sentence
// while Error keeps the raw cause for the log.
func TestSpoolerErrorsAreSentences(t *testing.T) {
	oldLook, oldRun, oldOS := lookPath, runCmd, goos
	t.Cleanup(func() { lookPath, runCmd, goos = oldLook, oldRun, oldOS })
	goos = "linux"
	tests := []struct {
		name    string
		look    func(string) (string, error)
		run     func(ctx context.Context, stdin []byte, name string, args ...string) ([]byte, []byte, error)
		kind    Kind
		message string
		raw     string // in Error(), never in Message
		lpRan   bool
	}{
		{name: "no lp on this PC", look: func(n string) (string, error) {
			return "", &exec.Error{Name: n, Err: exec.ErrNotFound}
		}, kind: KindNoSpooler, message: "Layanan cetak sistem tidak tersedia", raw: `exec: "lp": executable file not found`},
		{name: "lp vanished before the run", run: func(ctx context.Context, stdin []byte, name string, args ...string) ([]byte, []byte, error) {
			if strings.HasSuffix(name, "lpstat") {
				return nil, nil, errors.New("exit status 1")
			}
			return nil, nil, &exec.Error{Name: name, Err: exec.ErrNotFound}
		}, kind: KindNoSpooler, message: "Layanan cetak sistem tidak tersedia", raw: "executable file not found", lpRan: true},
		{name: "queue stopped", run: func(ctx context.Context, stdin []byte, name string, args ...string) ([]byte, []byte, error) {
			if strings.HasSuffix(name, "lpstat") {
				return []byte("printer Kasir disabled since Sun 22 Nov 2026 05:00:00 PM WIB -\n\tPaused\n"), nil, nil
			}
			t.Error("lp ran for a stopped queue")
			return nil, nil, nil
		}, kind: KindQueueDisabled, message: `Antrean cetak "Kasir" sedang dihentikan`, raw: "Paused"},
		{name: "scheduler down", run: func(ctx context.Context, stdin []byte, name string, args ...string) ([]byte, []byte, error) {
			return nil, []byte("lp: Scheduler is not running.\n"), errors.New("exit status 1")
		}, kind: KindNoSpooler, message: "Layanan cetak sistem tidak tersedia", raw: "Scheduler is not running", lpRan: true},
		{name: "rejected", run: func(ctx context.Context, stdin []byte, name string, args ...string) ([]byte, []byte, error) {
			return nil, []byte("lp: Destination \"Kasir\" is not accepting jobs.\n"), errors.New("exit status 1")
		}, kind: KindRejected, message: `Printer "Kasir" menolak pekerjaan cetak`, raw: "not accepting jobs", lpRan: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lookPath = func(name string) (string, error) { return "/usr/bin/" + name, nil }
			if tt.look != nil {
				lookPath = tt.look
			}
			ran := false
			runCmd = func(ctx context.Context, stdin []byte, name string, args ...string) ([]byte, []byte, error) {
				if strings.HasSuffix(name, "/lp") {
					ran = true
				}
				if tt.run == nil {
					return nil, nil, nil
				}
				return tt.run(ctx, stdin, name, args...)
			}
			err := (SpoolerPrinter{Name: "Kasir"}).Print(context.Background(), Job{Name: "TT-1", PDF: []byte("%PDF")})
			var pe *Error
			if !errors.As(err, &pe) || pe.Kind != tt.kind {
				t.Fatalf("err = %v, want kind %d", err, tt.kind)
			}
			msg := Message(err)
			if !strings.Contains(msg, tt.message) {
				t.Errorf("Message = %q, want %q", msg, tt.message)
			}
			checkSentence(t, msg)
			if strings.Contains(msg, tt.raw) {
				t.Errorf("Message %q shows the raw %q", msg, tt.raw)
			}
			if !strings.Contains(err.Error(), tt.raw) {
				t.Errorf("Error() %q lost the raw cause %q for the log", err.Error(), tt.raw)
			}
			if ran != tt.lpRan {
				t.Errorf("lp ran = %v", ran)
			}
		})
	}
}
