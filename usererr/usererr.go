// Package usererr is the one shape of an error a person is shown: a
// sentence in Bahasa Indonesia for the screen (UserMessage), kept apart from
// the cause an engineer reads in the log (Error, and what it wraps).
//
// The store's refusals (store.Error), the printer's failures
// (printer.Error), the nightly sync's (central.Error) and the hub link's
// refusals all implement Error. A screen shows Message(err) and logs the
// cause once, at the UI edge; nothing below the UI logs an error it
// returns.
package usererr

import (
	"errors"
)

// Error is an error that carries the sentence to show a person.
type Error interface {
	error
	// UserMessage is one clear sentence in Bahasa Indonesia: what
	// happened and, where there is one, what to do. It never holds an
	// English cause or a stack of wrapped messages.
	UserMessage() string
}

// Generic is shown for a failure that carries no sentence of its own (a
// bug, a disk error): the details are in the log.
const Generic = "Terjadi kesalahan sistem. Data Anda aman; coba lagi, dan hubungi petugas TI bila berulang."

// Message returns the sentence to show for err: the UserMessage of the
// first error in its chain that has one, else Generic. nil gives "".
func Message(err error) string {
	if err == nil {
		return ""
	}
	var ue Error
	if errors.As(err, &ue) {
		return ue.UserMessage()
	}
	return Generic
}

// Is reports whether err carries a sentence of its own (something a person
// can act on), as opposed to a failure only an engineer can read.
func Is(err error) bool {
	var ue Error
	return errors.As(err, &ue)
}
