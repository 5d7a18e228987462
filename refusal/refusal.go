// Package refusal is the one refusal the pure rule packages
// (queue/lifecycle, consult) return: a stable code (for the LAN API and
// tests) and a sentence in Bahasa Indonesia (for the screen). It is a leaf
// so the store, which imports those packages, can import it too; the store
// hands a refusal on as its own store.Error with the same code and message.
package refusal

import "fmt"

// Error is a step the rules do not allow.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Message }

// UserMessage is the sentence for the screen (a refusal has no cause
// beyond it), the method of the project's user-facing error interface.
func (e *Error) UserMessage() string { return e.Message }

// New is a refusal with code and the sentence format filled with args.
func New(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}
