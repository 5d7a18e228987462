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
	// DefaultStatusTimeout bounds one status answer. Printers answer DLE
	// EOT within milliseconds; 2 s leaves room for a busy Wi-Fi bridge.
	DefaultStatusTimeout = 2 * time.Second
	// DefaultJobTimeout bounds the wait for the printer to process a job
	// (the GS r answer comes after the last line is printed): a 60 cm
	// receipt at a slow 50 mm/s takes 12 s.
	DefaultJobTimeout = 15 * time.Second
)

// TCPPrinter sends ESC/POS to a network thermal printer's raw port
// (JetDirect, 9100), checking with the printer before and after the job.
//
// Before the job it asks the real-time status (DLE EOT 1 to 4) and
// whether the printer answers GS r 1. Paper out, cover open, offline or an
// error stop the job there: nothing is sent, so nothing prints later by
// surprise. After the job it sends GS r 1, which the printer answers only
// once everything before it is processed, then asks DLE EOT again; paper
// that ran out or a cover opened during the job is caught there. A printer
// that answered before the job but not after it has stalled.
//
// Printers that never answer status (some cheap clones) cannot confirm
// anything, and on the wire they look exactly like a printer that accepts
// the connection and never reads: a receipt is a few kilobytes, which the
// socket buffers take whole either way. So by default such a printer is an
// error (KindNoStatus) and the job is not sent; an office with such a
// printer sets NoStatus, and then the job counts as printed when the write
// completes and one final status request neither sees the connection
// dropped nor gets a bad status back.
type TCPPrinter struct {
	// Addr is "host:port"; a bare host gets port 9100.
	Addr string
	// DialTimeout bounds connecting; 0 means DefaultDialTimeout.
	DialTimeout time.Duration
	// WriteTimeout bounds sending the job once connected; a printer out
	// of paper stops reading and would otherwise hang the counter. 0
	// means DefaultWriteTimeout.
	WriteTimeout time.Duration
	// StatusTimeout bounds each status answer; 0 means
	// DefaultStatusTimeout.
	StatusTimeout time.Duration
	// JobTimeout bounds the wait for the printer to confirm it processed
	// the job; 0 means DefaultJobTimeout.
	JobTimeout time.Duration
	// NoStatus is for printers that never answer status: see the type's
	// documentation.
	NoStatus bool
}

func (p TCPPrinter) addr() string {
	if _, _, err := net.SplitHostPort(p.Addr); err != nil {
		return net.JoinHostPort(p.Addr, "9100")
	}
	return p.Addr
}

func orDefault(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}

// Print sends job.ESCPOS, job.Copies times, over one connection, and
// returns nil only when the printer confirmed it (see the type).
func (p TCPPrinter) Print(ctx context.Context, job Job) error {
	_, err := p.PrintReport(ctx, job)
	return err
}

// Status connects and asks the printer's status without printing.
func (p TCPPrinter) Status(ctx context.Context) (Status, error) {
	addr := p.addr()
	c, err := p.dial(ctx, addr)
	if err != nil {
		return Status{}, err
	}
	defer c.Close()
	stop := interruptOnCancel(ctx, c)
	defer stop()
	s := &session{ctx: ctx, c: c, target: addr}
	st, err := s.status(orDefault(p.StatusTimeout, DefaultStatusTimeout))
	if err != nil {
		return st, s.fail("status", err)
	}
	if b, err := s.ask(reqBarrier, isBarrierReply, orDefault(p.StatusTimeout, DefaultStatusTimeout)); err == nil {
		st.setBarrier(b)
	}
	return st, nil
}

func (p TCPPrinter) dial(ctx context.Context, addr string) (net.Conn, error) {
	d := net.Dialer{Timeout: orDefault(p.DialTimeout, DefaultDialTimeout)}
	c, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, wrap(KindUnknown, "dial", addr, err)
	}
	return c, nil
}

// interruptOnCancel makes cancelling ctx unblock any read or write stuck
// on c.
func interruptOnCancel(ctx context.Context, c conn) (stop func() bool) {
	return context.AfterFunc(ctx, func() {
		_ = c.SetWriteDeadline(time.Unix(1, 0))
		_ = c.SetReadDeadline(time.Unix(1, 0))
	})
}

// PrintReport is Print that also returns what the printer said.
func (p TCPPrinter) PrintReport(ctx context.Context, job Job) (Report, error) {
	addr := p.addr()
	if len(job.ESCPOS) == 0 {
		return Report{}, wrap(KindEmptyJob, "print", addr, ErrEmptyJob)
	}
	c, err := p.dial(ctx, addr)
	if err != nil {
		return Report{}, err
	}
	defer c.Close()
	stop := interruptOnCancel(ctx, c)
	defer stop()
	rep, err := runJob(ctx, &session{ctx: ctx, c: c, target: addr}, job, p.jobOptions())
	if err == nil {
		// Half-close so the printer sees the end of the job before the
		// socket goes away; some firmware drops the tail of a job on RST.
		if tc, ok := c.(*net.TCPConn); ok {
			_ = tc.CloseWrite()
		}
	}
	return rep, err
}

// jobOptions are the timeouts and policy of one job.
type jobOptions struct {
	write, status, job time.Duration
	noStatus           bool
}

func (p TCPPrinter) jobOptions() jobOptions {
	return jobOptions{write: orDefault(p.WriteTimeout, DefaultWriteTimeout),
		status: orDefault(p.StatusTimeout, DefaultStatusTimeout), job: orDefault(p.JobTimeout, DefaultJobTimeout),
		noStatus: p.NoStatus}
}

// problem makes the typed error for a status that forbids printing.
func problem(op, target string, st Status) error {
	k := st.Problem()
	if k == KindUnknown {
		return nil
	}
	e := wrap(k, op, target, errors.New("printer reports a fault"))
	e.Status = st
	return e
}

// runJob is the status-checked job on an open session (see TCPPrinter).
func runJob(ctx context.Context, s *session, job Job, o jobOptions) (Report, error) {
	var rep Report
	if !o.noStatus {
		st, err := s.status(o.status)
		rep.Before = st
		if err != nil {
			return rep, s.fail("status", err)
		}
		if b, err := s.ask(reqBarrier, isBarrierReply, o.status); err == nil {
			rep.Before.setBarrier(b)
		} else if !errors.Is(err, errNoAnswer) {
			return rep, s.fail("status", err)
		}
		if err := problem("status", s.target, rep.Before); err != nil {
			return rep, err
		}
	}
	deadline := time.Now().Add(o.write)
	if dl, ok := ctx.Deadline(); ok && dl.Before(deadline) {
		deadline = dl
	}
	for range job.copies() {
		if err := s.write(job.ESCPOS, deadline); err != nil {
			return rep, s.fail("write", timeoutAsNoAnswer(err))
		}
		rep.Sent += len(job.ESCPOS)
	}
	if o.noStatus {
		// One last try: a reply confirms, a reset or close means the job
		// was dropped, silence is what these printers always give.
		b, err := s.ask(reqPrinterStatus, isRealtimeReply, o.status)
		switch {
		case err == nil:
			rep.After.set(1, b)
			rep.Confirmed = true
			return rep, problem("confirm", s.target, rep.After)
		case errors.Is(err, errNoAnswer):
			return rep, nil
		}
		return rep, s.fail("confirm", err)
	}
	var after Status
	if rep.Before.Barrier {
		b, err := s.ask(reqBarrier, isBarrierReply, o.job)
		if err != nil {
			return rep, s.fail("confirm", err)
		}
		after.setBarrier(b)
	}
	wait := o.status
	if !rep.Before.Barrier {
		wait = o.job
	}
	st, err := s.status(wait)
	if err != nil {
		return rep, s.fail("confirm", err)
	}
	if after.Barrier {
		st.setBarrier(after.BarrierByte)
	}
	rep.After, rep.Confirmed = st, true
	return rep, problem("confirm", s.target, st)
}

// timeoutAsNoAnswer maps a write deadline to errNoAnswer, so a printer
// that stopped reading is a stall (KindTimeout), not an unknown error.
func timeoutAsNoAnswer(err error) error {
	var ne net.Error
	if errors.Is(err, os.ErrDeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) {
		return errors.Join(errNoAnswer, err)
	}
	return err
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
	// CheckStatus asks the printer's status before and after the job as
	// TCPPrinter does, for a device that talks back: /dev/usb/lp0 on Linux
	// (usblp reads the printer's answers and supports poll). A device
	// without read deadlines (most Windows COM ports) cannot be asked
	// safely and gives KindNoStatus. Off, the write completing is all that
	// is checked.
	CheckStatus bool
	// StatusTimeout and JobTimeout are as for TCPPrinter.
	StatusTimeout, JobTimeout time.Duration
}

// Print writes job.ESCPOS, job.Copies times, appending to the file.
func (p FilePrinter) Print(ctx context.Context, job Job) error {
	if p.CheckStatus {
		_, err := p.PrintReport(ctx, job)
		return err
	}
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

// openDevice opens Path for reading and writing and makes sure reads can
// time out.
func (p FilePrinter) openDevice() (*os.File, error) {
	f, err := os.OpenFile(p.Path, os.O_RDWR, 0)
	if err != nil {
		return nil, wrap(KindUnknown, "open", p.Path, err)
	}
	if err := f.SetReadDeadline(time.Time{}); err != nil {
		f.Close()
		return nil, wrap(KindNoStatus, "status", p.Path, err)
	}
	return f, nil
}

// Status asks a bidirectional device its status without printing.
func (p FilePrinter) Status(ctx context.Context) (Status, error) {
	f, err := p.openDevice()
	if err != nil {
		return Status{}, err
	}
	defer f.Close()
	stop := interruptOnCancel(ctx, f)
	defer stop()
	s := &session{ctx: ctx, c: f, target: p.Path}
	timeout := orDefault(p.StatusTimeout, DefaultStatusTimeout)
	st, err := s.status(timeout)
	if err != nil {
		return st, s.fail("status", err)
	}
	if b, err := s.ask(reqBarrier, isBarrierReply, timeout); err == nil {
		st.setBarrier(b)
	}
	return st, nil
}

// PrintReport prints with status checks when CheckStatus is set, and
// returns what the printer said.
func (p FilePrinter) PrintReport(ctx context.Context, job Job) (Report, error) {
	if len(job.ESCPOS) == 0 {
		return Report{}, wrap(KindEmptyJob, "print", p.Path, ErrEmptyJob)
	}
	if !p.CheckStatus {
		if err := p.Print(ctx, job); err != nil {
			return Report{}, err
		}
		return Report{Sent: len(job.ESCPOS) * job.copies()}, nil
	}
	f, err := p.openDevice()
	if err != nil {
		return Report{}, err
	}
	defer f.Close()
	stop := interruptOnCancel(ctx, f)
	defer stop()
	return runJob(ctx, &session{ctx: ctx, c: f, target: p.Path}, job, jobOptions{
		write: orDefault(p.WriteTimeout, DefaultWriteTimeout), status: orDefault(p.StatusTimeout, DefaultStatusTimeout),
		job: orDefault(p.JobTimeout, DefaultJobTimeout)})
}

// checkedPrinter is a thermal printer that can be asked its status: over
// the network or a device file.
type checkedPrinter interface {
	Status(ctx context.Context) (Status, error)
	PrintReport(ctx context.Context, job Job) (Report, error)
	// where names the printer for people.
	where() string
	// asksStatus is false for printers set up as never answering.
	asksStatus() bool
}

func (p TCPPrinter) where() string     { return p.addr() }
func (p TCPPrinter) asksStatus() bool  { return !p.NoStatus }
func (p FilePrinter) where() string    { return p.Path }
func (p FilePrinter) asksStatus() bool { return p.CheckStatus }
