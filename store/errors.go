package store

import (
	"errors"
	"fmt"

	"loket/refusal"
	"loket/usererr"
)

// ErrNotFound is returned when a looked-up record does not exist.
var ErrNotFound = &Error{Code: "not_found", Message: "Data tidak ditemukan."}

// Error is a refusal a person can act on: a stable code (for the LAN API and
// tests) and a sentence in Bahasa Indonesia (for the screen). It is a
// usererr.Error; a refusal has no cause beyond its sentence, so Error and
// UserMessage say the same.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Message }

// UserMessage implements usererr.Error.
func (e *Error) UserMessage() string { return e.Message }

var _ usererr.Error = (*Error)(nil)

// Is matches errors by code so wrapped copies still compare equal.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code
}

// asRefusal hands a rule package's refusal (queue/lifecycle, consult) on
// as the store's own, with the same code and sentence, so callers and the
// LAN API see one refusal type.
func asRefusal(err error) error {
	var e *refusal.Error
	if errors.As(err, &e) {
		return &Error{Code: e.Code, Message: e.Message}
	}
	return err
}

func refuse(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Refusals the queue and admin operations can return.
var (
	ErrNoOffice        = &Error{Code: "no_office", Message: "Kantor belum diatur. Lengkapi data kantor terlebih dahulu."}
	ErrNoTicketWaiting = &Error{Code: "no_ticket_waiting", Message: "Tidak ada antrean yang menunggu untuk layanan di loket ini."}
	ErrCounterClosed   = &Error{Code: "counter_closed", Message: "Loket belum dibuka atau sudah ditutup. Buka loket terlebih dahulu."}
	ErrBadLogin        = &Error{Code: "bad_login", Message: "Nama pengguna atau kata sandi salah."}
	ErrServiceInactive = &Error{Code: "service_inactive", Message: "Layanan ini sedang tidak aktif."}
	ErrDailyCap        = &Error{Code: "daily_cap", Message: "Kuota antrean harian layanan ini sudah habis."}
	ErrForbidden       = &Error{Code: "forbidden", Message: "Anda tidak memiliki hak untuk tindakan ini."}
	ErrBusy            = &Error{Code: "busy", Message: "Data kantor sedang sibuk; tidak ada yang tersimpan. Coba lagi sebentar lagi."}
)

// Message returns the sentence to show a person for err: usererr.Message,
// kept here for the store's many callers.
func Message(err error) string { return usererr.Message(err) }
