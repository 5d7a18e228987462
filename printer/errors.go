package printer

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"syscall"

	"loket/usererr"
)

// Kind says what went wrong, in terms an operator can act on.
type Kind int

// Failure kinds.
const (
	KindUnknown       Kind = iota
	KindUnreachable        // no connection: wrong address, cable, power
	KindTimeout            // connected but the printer stopped taking data
	KindNotFound           // device file or spooler queue does not exist
	KindPermission         // the OS refuses access to the device
	KindNoSpooler          // no print spooler command on this PC
	KindRejected           // the spooler refused the job
	KindEmptyJob           // nothing this printer can print was given
	KindCancelled          // the caller gave up
	KindDropped            // the printer closed or reset the connection mid-job
	KindNoStatus           // the printer took the connection but never answered status
	KindPaperOut           // the printer reports its paper roll empty
	KindCoverOpen          // the printer reports its cover open
	KindOffline            // the printer reports itself offline, no cause given
	KindPrinterError       // cutter, mechanical or other error reported by the printer
	KindQueueDisabled      // the spooler queue is stopped: a job would wait there
)

// ErrEmptyJob is returned when a job has nothing the printer can print
// (for example a PDF-only job sent to a thermal printer).
var ErrEmptyJob = errors.New("job has nothing this printer can print")

// ErrNoSpooler is returned when the OS print command is missing.
var ErrNoSpooler = errors.New("print spooler command not found")

// Error is what every transport returns: the operation, the printer it was
// aimed at and the underlying cause. It is a usererr.Error: UserMessage
// for the operator, Error for the log.
type Error struct {
	Kind Kind
	// Op is the step that failed: "dial", "write", "open", "spool".
	Op string
	// Target names the printer: "192.168.1.50:9100", "/dev/usb/lp0" or a
	// spooler queue name.
	Target string
	// Detail is what the spooler said, if anything; it goes to the log,
	// never to the operator.
	Detail string
	// Status is what an ESC/POS printer reported, when it answered.
	Status Status
	Err    error
}

// Error reads "printer: dial 192.168.1.50:9100: connection refused", for logs.
func (e *Error) Error() string {
	s := fmt.Sprintf("printer: %s %s: %v", e.Op, e.Target, e.Err)
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	if e.Status.Answered {
		s += " [" + e.Status.Raw() + "]"
	}
	return s
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

var _ usererr.Error = (*Error)(nil)

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

// Message turns an error from this package into one sentence in Bahasa
// Indonesia telling the operator what happened and what to do: the
// UserMessage of an *Error (or any usererr.Error), else a general sentence
// about printing. It never contains the raw cause (an exec or socket error
// in English): that is for the log, through Error. nil gives "".
func Message(err error) string {
	if err == nil {
		return ""
	}
	if usererr.Is(err) {
		return usererr.Message(err)
	}
	if errors.Is(err, context.Canceled) {
		return "Pencetakan dibatalkan."
	}
	return "Gagal mencetak; coba lagi, dan bila masih gagal hubungi petugas TI."
}

// UserMessage implements usererr.Error: one sentence in Bahasa Indonesia
// telling the operator what happened and what to do, never the raw cause
// (that is Error's, for the log).
func (e *Error) UserMessage() string {
	t := e.Target
	during := e.Op == "write" || e.Op == "confirm"
	switch e.Kind {
	case KindUnreachable:
		return fmt.Sprintf("Printer %s tidak dapat dihubungi; periksa kabel jaringan dan daya printer.", t)
	case KindTimeout:
		if e.Op == "dial" {
			return fmt.Sprintf("Printer %s tidak dapat dihubungi; periksa kabel jaringan dan daya printer.", t)
		}
		return fmt.Sprintf("Printer %s berhenti menerima data saat mencetak; periksa kertas, tutup, dan lampu indikator printer, lalu cetak ulang.", t)
	case KindDropped:
		if during {
			return fmt.Sprintf("Printer %s memutus sambungan sebelum selesai mencetak; periksa printer lalu cetak ulang.", t)
		}
		return fmt.Sprintf("Printer %s memutus sambungan sebelum mencetak; periksa printer lalu cetak ulang.", t)
	case KindNoStatus:
		return fmt.Sprintf("Printer %s menerima sambungan tetapi tidak menjawab, jadi cetakan tidak dapat dipastikan; periksa printer (lampu galat, kertas macet) lalu cetak ulang, atau minta petugas TI menjalankan \"loket printer test\".", t)
	case KindPaperOut:
		if during {
			return fmt.Sprintf("Kertas printer %s habis saat mencetak sehingga hasilnya tidak lengkap; isi kertas lalu cetak ulang.", t)
		}
		return fmt.Sprintf("Printer %s kehabisan kertas; isi kertas lalu cetak ulang.", t)
	case KindCoverOpen:
		return fmt.Sprintf("Tutup printer %s terbuka; tutup rapat lalu cetak ulang.", t)
	case KindOffline:
		return fmt.Sprintf("Printer %s sedang luring (offline); periksa lampu indikator dan tombol printer, lalu cetak ulang.", t)
	case KindPrinterError:
		switch {
		case e.Status.CutterError:
			return fmt.Sprintf("Pemotong kertas printer %s bermasalah; buka tutup, bebaskan kertas yang tersangkut, lalu cetak ulang.", t)
		case e.Status.AutoRecoverable:
			return fmt.Sprintf("Kepala cetak printer %s terlalu panas; tunggu sebentar lalu cetak ulang.", t)
		}
		return fmt.Sprintf("Printer %s melaporkan galat (mungkin kertas macet); periksa printer, matikan dan nyalakan bila perlu, lalu cetak ulang.", t)
	case KindNotFound:
		if e.Op == "spool" {
			return fmt.Sprintf("Printer %q tidak terdaftar di komputer ini; pilih printer lain di Admin → Printer.", t)
		}
		return fmt.Sprintf("Printer di %s tidak ditemukan; pastikan kabel USB terpasang dan printer menyala.", t)
	case KindPermission:
		return fmt.Sprintf("Aplikasi tidak diizinkan memakai printer %s; minta petugas TI memberi izin akses printer.", t)
	case KindNoSpooler:
		return "Layanan cetak sistem tidak tersedia di komputer ini; minta petugas TI memasang layanan cetak (CUPS) atau gunakan printer jaringan."
	case KindRejected:
		return fmt.Sprintf("Printer %q menolak pekerjaan cetak; periksa printer di Admin → Printer dan antrean cetak sistem.", t)
	case KindQueueDisabled:
		return fmt.Sprintf("Antrean cetak %q sedang dihentikan sehingga tidak ada yang tercetak; minta petugas TI mengaktifkannya kembali lalu cetak ulang.", t)
	case KindEmptyJob:
		return fmt.Sprintf("Tidak ada yang dapat dicetak ke printer %s untuk dokumen ini.", t)
	case KindCancelled:
		return "Pencetakan dibatalkan."
	}
	return fmt.Sprintf("Gagal mencetak ke printer %s; coba lagi, dan bila masih gagal hubungi petugas TI.", t)
}
