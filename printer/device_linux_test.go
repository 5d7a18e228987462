//go:build linux

package printer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"loket/printer/printertest"
)

// openPTY makes a pseudo-terminal in raw mode: the master plays the
// printer, the slave path stands in for /dev/usb/lp0 (both talk back and
// support poll, so reads can time out).
func openPTY(t *testing.T) (master *os.File, slave string) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatalf("no pseudo-terminals here: %v", err)
	}
	t.Cleanup(func() { m.Close() })
	rc, err := m.SyscallConn()
	if err != nil {
		t.Fatal(err)
	}
	var n uint32
	var ioErr syscall.Errno
	if err := rc.Control(func(fd uintptr) {
		unlock := int32(0)
		if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, fd, syscall.TIOCSPTLCK, uintptr(unsafe.Pointer(&unlock))); e != 0 {
			ioErr = e
			return
		}
		_, _, ioErr = syscall.Syscall(syscall.SYS_IOCTL, fd, syscall.TIOCGPTN, uintptr(unsafe.Pointer(&n)))
	}); err != nil || ioErr != 0 {
		t.Fatalf("pty: %v %v", err, ioErr)
	}
	slave = fmt.Sprintf("/dev/pts/%d", n)
	// Raw mode on the slave, kept by this fd for the whole test: no echo,
	// no line editing, no CR/LF translation, 8-bit bytes.
	s, err := os.OpenFile(slave, os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	var tio syscall.Termios
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, s.Fd(), syscall.TCGETS, uintptr(unsafe.Pointer(&tio))); e != 0 {
		t.Fatal(e)
	}
	tio.Iflag &^= syscall.IGNBRK | syscall.BRKINT | syscall.PARMRK | syscall.ISTRIP | syscall.INLCR | syscall.IGNCR | syscall.ICRNL | syscall.IXON
	tio.Oflag &^= syscall.OPOST
	tio.Lflag &^= syscall.ECHO | syscall.ECHONL | syscall.ICANON | syscall.ISIG | syscall.IEXTEN
	tio.Cflag &^= syscall.CSIZE | syscall.PARENB
	tio.Cflag |= syscall.CS8
	tio.Cc[syscall.VMIN], tio.Cc[syscall.VTIME] = 1, 0
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, s.Fd(), syscall.TCSETS, uintptr(unsafe.Pointer(&tio))); e != 0 {
		t.Fatal(e)
	}
	return m, slave
}

// TestDevicePrinterStatus runs the status-checked job over a device file.
func TestDevicePrinterStatus(t *testing.T) {
	job := sampleReceipt()
	tests := []struct {
		name string
		cfg  printertest.Config
		kind Kind
	}{
		{"ready", printertest.Config{}, KindUnknown},
		{"paper out", printertest.Config{State: printertest.PaperOut()}, KindPaperOut},
		{"cover open", printertest.Config{State: printertest.CoverOpen()}, KindCoverOpen},
		{"silent", printertest.Config{Silent: true}, KindNoStatus},
		{"hangs mid-job", printertest.Config{SilentAfter: 10}, KindTimeout},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			master, slave := openPTY(t)
			f := printertest.StartDevice(t, master, tt.cfg)
			// The timeouts of fast (fault_test.go).
			p := FilePrinter{Path: slave, CheckStatus: true, StatusTimeout: time.Second, JobTimeout: 2 * time.Second,
				WriteTimeout: 2 * time.Second}
			start := time.Now()
			err := p.Print(context.Background(), Job{ESCPOS: job})
			if d := time.Since(start); d > faultBound {
				t.Errorf("took %v", d)
			}
			if tt.kind == KindUnknown {
				if err != nil {
					t.Fatalf("Print: %v", err)
				}
			} else {
				var pe *Error
				if !errors.As(err, &pe) || pe.Kind != tt.kind {
					t.Fatalf("err = %v, want kind %d", err, tt.kind)
				}
				checkSentence(t, Message(err))
			}
			f.Stop()
			got := <-f.Jobs
			if printed := bytes.Equal(got, job); printed != (tt.kind == KindUnknown || tt.kind == KindTimeout) {
				t.Errorf("device received %d of %d job bytes", len(got), len(job))
			}
		})
	}
	// A plain file cannot answer: asked for status, it says so instead of
	// hanging.
	plain := t.TempDir() + "/lp0"
	if err := os.WriteFile(plain, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	err := (FilePrinter{Path: plain, CheckStatus: true}).Print(context.Background(), Job{ESCPOS: job})
	var pe *Error
	if !errors.As(err, &pe) || pe.Kind != KindNoStatus {
		t.Fatalf("plain file with status: %v", err)
	}
}

// TestCLIDevice: `loket printer test --device PATH` on a device that
// answers, then on one out of paper.
func TestCLIDevice(t *testing.T) {
	master, slave := openPTY(t)
	f := printertest.StartDevice(t, master, printertest.Config{})
	code, out, errs := runCLI("test", "--device", slave, "--batas-waktu", "0.3")
	if code != 0 || !bytes.Contains([]byte(out), []byte("Printer "+slave)) ||
		!bytes.Contains([]byte(out), []byte("Hasil: printer mengonfirmasi")) {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	f.Stop()
	var page []byte
	for len(f.Jobs) > 0 {
		if j := <-f.Jobs; len(j) > 0 {
			page = j
		}
	}
	if !bytes.Contains(page, []byte("CETAK UJI")) {
		t.Errorf("test page not on the device: %q", page)
	}

	master, slave = openPTY(t)
	printertest.StartDevice(t, master, printertest.Config{State: printertest.PaperOut()})
	code, out, _ = runCLI("test", "--device="+slave, "--batas-waktu", "0.3")
	if code != 1 || !bytes.Contains([]byte(out), []byte("kehabisan kertas")) {
		t.Fatalf("paper out: exit %d\n%s", code, out)
	}
	if code, _, errs := runCLI("test", "--device"); code != 2 || !bytes.Contains([]byte(errs), []byte("--device perlu")) {
		t.Errorf("--device without a path: %d %q", code, errs)
	}
	if code, _, errs := runCLI("test", "a:9100", "--device", slave); code != 2 || !bytes.Contains([]byte(errs), []byte("salah satu")) {
		t.Errorf("address and device: %d %q", code, errs)
	}
}
