package printer

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"syscall"
)

// Kind says what went wrong, in terms an operator can act on.
type Kind int

// Failure kinds.
const (
	KindUnknown     Kind = iota
	KindUnreachable      // no connection: wrong address, cable, power
	KindTimeout          // connected but the printer stopped taking data
	KindNotFound         // device file or spooler queue does not exist
	KindPermission       // the OS refuses access to the device
	KindNoSpooler        // no print spooler command on this PC
	KindRejected         // the spooler refused the job
	KindEmptyJob         // nothing this printer can print was given
	KindCancelled        // the caller gave up
)

// ErrEmptyJob is returned when a job has nothing the printer can print
// (for example a PDF-only job sent to a thermal printer).
var ErrEmptyJob = errors.New("job has nothing this printer can print")

// ErrNoSpooler is returned when the OS print command is missing.
var ErrNoSpooler = errors.New("print spooler command not found")

// Error is what every transport returns: the operation, the printer it was
// aimed at and the underlying cause. Use Message for the operator.
type Error struct {
	Kind Kind
	// Op is the step that failed: "dial", "write", "open", "spool".
	Op string
	// Target names the printer: "192.168.1.50:9100", "/dev/usb/lp0" or a
	// spooler queue name.
	Target string
	// Detail is what the spooler said, if anything.
	Detail string
	Err    error
}

// Error reads "printer: dial 192.168.1.50:9100: connection refused", for logs.
func (e *Error) Error() string {
	s := fmt.Sprintf("printer: %s %s: %v", e.Op, e.Target, e.Err)
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	return s
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// wrap builds an *Error, classifying err when kind is KindUnknown.
func wrap(kind Kind, op, target string, err error) *Error {
	if kind == KindUnknown {
		kind = classify(err)
	}
	return &Error{Kind: kind, Op: op, Target: target, Err: err}
}

func classify(err error) Kind {
	var ne net.Error
	var dnsErr *net.DNSError
	switch {
	case errors.Is(err, ErrEmptyJob):
		return KindEmptyJob
	case errors.Is(err, ErrNoSpooler):
		return KindNoSpooler
	case errors.Is(err, context.Canceled):
		return KindCancelled
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded),
		errors.As(err, &ne) && ne.Timeout():
		return KindTimeout
	case errors.Is(err, os.ErrNotExist), errors.Is(err, syscall.ENODEV), errors.Is(err, syscall.ENXIO):
		return KindNotFound
	case errors.Is(err, os.ErrPermission):
		return KindPermission
	case errors.As(err, &dnsErr), errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.EHOSTUNREACH),
		errors.Is(err, syscall.ENETUNREACH), errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE):
		return KindUnreachable
	}
	return KindUnknown
}

// Message turns an error from this package into a sentence in Bahasa
// Indonesia telling the operator what to check. nil gives "".
func Message(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if !errors.As(err, &e) {
		if errors.Is(err, context.Canceled) {
			return "Pencetakan dibatalkan."
		}
		return "Gagal mencetak. Coba lagi; bila masih gagal, hubungi petugas TI."
	}
	t := e.Target
	switch e.Kind {
	case KindUnreachable:
		return fmt.Sprintf("Printer %s tidak dapat dihubungi. Periksa kabel dan daya printer.", t)
	case KindTimeout:
		if e.Op == "dial" {
			return fmt.Sprintf("Printer %s tidak dapat dihubungi. Periksa kabel dan daya printer.", t)
		}
		return fmt.Sprintf("Printer %s tidak merespons saat mencetak. Periksa kertas, tutup printer, dan lampu indikatornya, lalu coba lagi.", t)
	case KindNotFound:
		if e.Op == "spool" {
			return fmt.Sprintf("Printer %q tidak terdaftar di komputer ini. Pilih printer lain di Pengaturan.", t)
		}
		return fmt.Sprintf("Printer di %s tidak ditemukan. Pastikan kabel USB terpasang dan printer menyala.", t)
	case KindPermission:
		return fmt.Sprintf("Aplikasi tidak diizinkan memakai printer %s. Minta petugas TI memberi izin akses printer.", t)
	case KindNoSpooler:
		return "Layanan cetak sistem tidak tersedia di komputer ini. Minta petugas TI memasang layanan cetak (CUPS), atau gunakan printer jaringan."
	case KindRejected:
		msg := fmt.Sprintf("Printer %q menolak pekerjaan cetak. Periksa printer di Pengaturan dan antrean cetak sistem.", t)
		if e.Detail != "" {
			msg += " Keterangan sistem: " + e.Detail
		}
		return msg
	case KindEmptyJob:
		return fmt.Sprintf("Tidak ada yang dapat dicetak ke printer %s untuk dokumen ini.", t)
	case KindCancelled:
		return "Pencetakan dibatalkan."
	}
	return fmt.Sprintf("Gagal mencetak ke printer %s. Coba lagi; bila masih gagal, hubungi petugas TI.", t)
}
