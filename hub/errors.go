package hub

import (
	"errors"
	"net/http"

	"loket/store"
)

// Refusal codes that only the LAN link produces. Every other code comes
// from the store and crosses the wire unchanged.
const (
	CodeUnreachable  = "hub_unreachable"
	CodeCertMismatch = "hub_cert_mismatch"
	CodeUnpaired     = "unpaired"
	CodeInternal     = "hub_internal"
	CodeBadRequest   = "bad_request"
	CodePairing      = "pairing"
)

// Refusals of the LAN link. The client returns fresh copies of these (the
// cause goes to the log), so compare with errors.Is, which matches by code.
var (
	// ErrUnreachable: the hub could not be reached, or did not answer in
	// time. Nothing is retried blindly, so a write either happened once
	// or not at all (for an unanswered IssueTicket the kiosk cannot know
	// which; it refuses rather than risk a duplicate number).
	ErrUnreachable = &store.Error{Code: CodeUnreachable,
		Message: "Server kantor (hub) tidak dapat dihubungi. Periksa jaringan; data Anda tidak hilang."}
	// ErrCertMismatch: the server answering is not the hub this device
	// was paired with (its certificate fingerprint differs).
	ErrCertMismatch = &store.Error{Code: CodeCertMismatch,
		Message: "Sertifikat server kantor (hub) tidak cocok dengan yang tersimpan saat pemasangan. Koneksi ditolak demi keamanan; hubungi petugas TI."}
	// ErrUnpaired: the device has no valid token (never paired, or revoked).
	ErrUnpaired = &store.Error{Code: CodeUnpaired,
		Message: "Perangkat ini belum dipasangkan dengan server kantor (hub) atau izinnya telah dicabut. Pasangkan ulang perangkat ini."}
	// ErrInternal: the hub failed in a way the person cannot act on; the
	// details are in the hub's log.
	ErrInternal = &store.Error{Code: CodeInternal,
		Message: "Terjadi kesalahan pada server kantor (hub). Data Anda aman; coba lagi, dan hubungi petugas TI bila berulang."}
	// ErrBadRequest: the request could not be read (a client bug or a
	// version mismatch between the app and the hub).
	ErrBadRequest = &store.Error{Code: CodeBadRequest,
		Message: "Permintaan ke server kantor (hub) tidak valid. Pastikan versi aplikasi sama dengan versi hub."}
)

// known lets the client hand back the store's own sentinel values, so even
// a comparison with == (not only errors.Is) behaves as in-process.
var known = map[string]*store.Error{}

func init() {
	for _, e := range []*store.Error{store.ErrNotFound, store.ErrNoOffice, store.ErrNoTicketWaiting,
		store.ErrCounterClosed, store.ErrBadLogin, store.ErrServiceInactive, store.ErrDailyCap,
		store.ErrForbidden, store.ErrBusy, ErrLoginRequired, ErrNotYourSession, ErrUnpaired, ErrInternal, ErrBadRequest} {
		known[e.Code] = e
	}
}

// refusal rebuilds a refusal received from the hub.
func refusal(code, message string) *store.Error {
	if k := known[code]; k != nil && k.Message == message {
		return k
	}
	return &store.Error{Code: code, Message: message}
}

// clone returns a fresh copy of a link refusal, so a caller that modifies
// the value cannot change the shared sentinel.
func clone(e *store.Error) *store.Error { c := *e; return &c }

// statusFor maps a refusal code to its HTTP status. The code in the body is
// what clients act on; the status is for curl users, proxies and logs.
func statusFor(code string) int {
	switch code {
	case "not_found", "no_office":
		return http.StatusNotFound
	case "invalid", CodeBadRequest:
		return http.StatusBadRequest
	case "forbidden", "bad_login", CodeLoginRequired, CodeDeviceKind, CodeNotYourCounter:
		// bad_login is 403, not 401: 401 always means "this device is
		// not paired", so a client can tell the two apart by status too.
		// The access checks of identity.go (the device's kind, the
		// officer's token, the session's owner) refuse with 403 too.
		return http.StatusForbidden
	case CodeUnpaired:
		return http.StatusUnauthorized
	case CodePairing:
		return http.StatusBadRequest
	case CodeInternal:
		return http.StatusInternalServerError
	case store.CodeLoginThrottled, store.CodeLoginLocked:
		// Too many failed logins for the username or this device; the
		// message says how long to wait or whom to ask.
		return http.StatusTooManyRequests
	case "busy":
		// The store did not give the write its turn in time; nothing was
		// written and the same request may be sent again.
		return http.StatusServiceUnavailable
	}
	// duplicate, bad_state, ticket_pending, daily_cap, already_done,
	// counter_busy, counter_closed, counter_inactive, service_inactive,
	// no_ticket_waiting, exists and any code added later: a conflict with
	// the current state of the office.
	return http.StatusConflict
}

// asRefusal reports whether err carries a refusal a person can act on.
func asRefusal(err error) (*store.Error, bool) {
	var e *store.Error
	if errors.As(err, &e) {
		return e, true
	}
	return nil, false
}
