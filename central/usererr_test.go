package central_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"loket/central"
	"loket/store"
	"loket/usererr"
)

// A sync failure shows its sentence and logs its cause: UserMessage never
// carries the English cause, Error always does.
func TestErrorSentenceAndCause(t *testing.T) {
	cause := errors.New("dial tcp 10.0.0.9:8443: connect: connection refused")
	err := fmt.Errorf("sync: %w", &central.Error{Message: "Server pusat tidak dapat dihubungi.", Err: cause})
	if got := usererr.Message(err); got != "Server pusat tidak dapat dihubungi." {
		t.Errorf("UserMessage %q", got)
	}
	if !strings.Contains(err.Error(), cause.Error()) {
		t.Errorf("Error %q lacks the cause", err.Error())
	}
	if !errors.Is(err, cause) {
		t.Error("cause not unwrapped")
	}
	for _, tt := range []struct {
		err  error
		want string
	}{
		{store.ErrBusy, store.ErrBusy.Message},
		{fmt.Errorf("x: %w", context.Canceled), "Sinkronisasi dibatalkan."},
		{errors.New("disk full"), "Sinkronisasi gagal: " + usererr.Generic},
	} {
		if got := central.Message(tt.err); got != tt.want {
			t.Errorf("Message(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}
