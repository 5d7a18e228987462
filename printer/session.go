package printer

import (
	"context"
	"errors"
	"io"
	"net"
	"os"
	"syscall"
	"time"
)

// Report is what happened on the wire during one ESC/POS job.
type Report struct {
	// Before and After are the printer's status around the job (zero when
	// not asked or not answered).
	Before, After Status
	// Sent counts the job bytes written.
	Sent int
	// Confirmed is true when the printer answered after the job, so the
	// job is known to have reached a working printer; false means the
	// write completed but the printer said nothing (NoStatus printers).
	Confirmed bool
}

// conn is what a status session needs from its transport: a TCP socket,
// or a device file that supports deadlines.
type conn interface {
	io.ReadWriter
	SetReadDeadline(time.Time) error
	SetWriteDeadline(time.Time) error
}

// session talks to one printer over one connection: status requests and
// their answers, and the job.
type session struct {
	ctx     context.Context
	c       conn
	target  string
	pending []byte // bytes read but not yet matched to a request
	buf     [64]byte
}

// errNoAnswer is the cause when a status request times out.
var errNoAnswer = errors.New("no status answer before the deadline")

// dropped reports whether err means the other end closed or reset.
func dropped(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, syscall.EPIPE) || errors.Is(err, syscall.ECONNABORTED) || errors.Is(err, net.ErrClosed)
}

// fail wraps a transport error from op, naming drops and stalls.
func (s *session) fail(op string, err error) *Error {
	ctx := s.ctx
	switch {
	case ctx.Err() != nil && errors.Is(ctx.Err(), context.Canceled):
		return wrap(KindCancelled, op, s.target, errors.Join(ctx.Err(), err))
	case dropped(err):
		return wrap(KindDropped, op, s.target, err)
	case errors.Is(err, errNoAnswer) && op == "status":
		return wrap(KindNoStatus, op, s.target, err)
	case errors.Is(err, errNoAnswer):
		return wrap(KindTimeout, op, s.target, err)
	}
	return wrap(KindUnknown, op, s.target, err)
}

// write sends p whole before the deadline.
func (s *session) write(p []byte, deadline time.Time) error {
	if err := s.ctx.Err(); err != nil {
		return err
	}
	if err := s.c.SetWriteDeadline(deadline); err != nil {
		return err
	}
	_, err := s.c.Write(p)
	return err
}

// ask sends req and waits until timeout for one byte that fits accept;
// bytes that do not fit (stale answers, automatic status blocks) are
// skipped.
func (s *session) ask(req []byte, accept func(byte) bool, timeout time.Duration) (byte, error) {
	deadline := time.Now().Add(timeout)
	if err := s.write(req, deadline); err != nil {
		return 0, err
	}
	if err := s.c.SetReadDeadline(deadline); err != nil {
		return 0, err
	}
	for {
		if err := s.ctx.Err(); err != nil {
			return 0, err
		}
		for i, b := range s.pending {
			if accept(b) {
				s.pending = s.pending[i+1:]
				return b, nil
			}
		}
		s.pending = s.pending[:0]
		n, err := s.c.Read(s.buf[:])
		s.pending = append(s.pending, s.buf[:n]...)
		if n > 0 {
			continue
		}
		if err == nil {
			continue
		}
		if errors.Is(err, os.ErrDeadlineExceeded) {
			return 0, errNoAnswer
		}
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			return 0, errNoAnswer
		}
		return 0, err
	}
}

// status asks DLE EOT 1 to 4. A printer that does not answer DLE EOT 1 is
// not asked the rest (it would cost a timeout each); one that answers 1
// but not a later n is fine, that part is just unknown.
func (s *session) status(timeout time.Duration) (Status, error) {
	var st Status
	for n, req := range [][]byte{reqPrinterStatus, reqOfflineCause, reqErrorCause, reqPaperSensor} {
		b, err := s.ask(req, isRealtimeReply, timeout)
		if errors.Is(err, errNoAnswer) && n > 0 {
			continue
		}
		if err != nil {
			return st, err
		}
		st.set(n+1, b)
	}
	return st, nil
}
