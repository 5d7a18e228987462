package printer

import (
	"context"
	"errors"
	"net"
	"os"
	"time"
)

// Job is one thing to print. A thermal printer takes ESCPOS; the OS
// spooler prefers PDF and falls back to ESCPOS as a raw job. Fill both
// when the caller does not know which printer the office configured.
type Job struct {
	// Name labels the job in the spooler queue, e.g. "Tiket A023".
	Name   string
	PDF    []byte
	ESCPOS []byte
	// Copies is how many copies to print; 0 means 1.
	Copies int
}

func (j Job) copies() int { return max(1, j.Copies) }

// Printer gets a job onto paper. Implementations honour ctx cancellation
// and deadlines and return *Error.
type Printer interface {
	Print(ctx context.Context, job Job) error
}

// Default timeouts.
const (
	DefaultDialTimeout  = 3 * time.Second
	DefaultWriteTimeout = 10 * time.Second
)

// TCPPrinter sends ESC/POS to a network thermal printer's raw port
// (JetDirect, 9100).
type TCPPrinter struct {
	// Addr is "host:port"; a bare host gets port 9100.
	Addr string
	// DialTimeout bounds connecting; 0 means DefaultDialTimeout.
	DialTimeout time.Duration
	// WriteTimeout bounds sending the job once connected; a printer out
	// of paper stops reading and would otherwise hang the counter. 0
	// means DefaultWriteTimeout.
	WriteTimeout time.Duration
}

func (p TCPPrinter) addr() string {
	if _, _, err := net.SplitHostPort(p.Addr); err != nil {
		return net.JoinHostPort(p.Addr, "9100")
	}
	return p.Addr
}

// Print sends job.ESCPOS, job.Copies times, over one connection.
func (p TCPPrinter) Print(ctx context.Context, job Job) error {
	addr := p.addr()
	if len(job.ESCPOS) == 0 {
		return wrap(KindEmptyJob, "print", addr, ErrEmptyJob)
	}
	dialTimeout := p.DialTimeout
	if dialTimeout <= 0 {
		dialTimeout = DefaultDialTimeout
	}
	writeTimeout := p.WriteTimeout
	if writeTimeout <= 0 {
		writeTimeout = DefaultWriteTimeout
	}
	d := net.Dialer{Timeout: dialTimeout}
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return wrap(KindUnknown, "dial", addr, err)
	}
	defer conn.Close()
	// Cancelling ctx must unblock a write stuck on a full socket.
	stop := context.AfterFunc(ctx, func() { conn.SetWriteDeadline(time.Unix(1, 0)) })
	defer stop()
	deadline := time.Now().Add(writeTimeout)
	if dl, ok := ctx.Deadline(); ok && dl.Before(deadline) {
		deadline = dl
	}
	if err := conn.SetWriteDeadline(deadline); err != nil {
		return wrap(KindUnknown, "write", addr, err)
	}
	for range job.copies() {
		if _, err := conn.Write(job.ESCPOS); err != nil {
			if ctx.Err() != nil {
				err = errors.Join(ctx.Err(), err)
				if errors.Is(err, context.Canceled) {
					return wrap(KindCancelled, "write", addr, err)
				}
			}
			return wrap(KindUnknown, "write", addr, err)
		}
	}
	// Half-close so the printer sees the end of the job before the socket
	// goes away; some firmware drops the tail of a job on RST.
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.CloseWrite()
	}
	return nil
}

// FilePrinter writes ESC/POS to a path: a printer device such as
// /dev/usb/lp0 or \\.\COM3, or an ordinary file when debugging.
type FilePrinter struct {
	Path string
	// Create allows creating Path when it does not exist; leave it off for
	// devices, so an unplugged printer is reported instead of silently
	// filling a file named like the device.
	Create bool
	// WriteTimeout bounds the write; 0 means DefaultWriteTimeout.
	WriteTimeout time.Duration
}

// Print writes job.ESCPOS, job.Copies times, appending to the file.
func (p FilePrinter) Print(ctx context.Context, job Job) error {
	if len(job.ESCPOS) == 0 {
		return wrap(KindEmptyJob, "print", p.Path, ErrEmptyJob)
	}
	flags := os.O_WRONLY | os.O_APPEND
	if p.Create {
		flags |= os.O_CREATE
	}
	f, err := os.OpenFile(p.Path, flags, 0o644)
	if err != nil {
		return wrap(KindUnknown, "open", p.Path, err)
	}
	timeout := p.WriteTimeout
	if timeout <= 0 {
		timeout = DefaultWriteTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	// Device writes block when the printer is offline and most drivers
	// offer no deadline, so the write runs aside and closing the file is
	// the way to abandon it.
	done := make(chan error, 1)
	go func() {
		var err error
		for range job.copies() {
			if _, err = f.Write(job.ESCPOS); err != nil {
				break
			}
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			return wrap(KindUnknown, "write", p.Path, err)
		}
		return nil
	case <-ctx.Done():
		_ = f.Close()
		return wrap(KindUnknown, "write", p.Path, ctx.Err())
	}
}
