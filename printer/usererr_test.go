package printer

import (
	"fmt"
	"strings"
	"syscall"
	"testing"

	"loket/usererr"
)

// A printer failure is a usererr.Error: the screen's sentence names the
// printer and what to do, the log's line the socket error.
func TestErrorIsUserError(t *testing.T) {
	perr := wrap(KindUnknown, "dial", "192.168.1.50:9100", syscall.ECONNREFUSED)
	err := fmt.Errorf("ui: print ticket: %w", perr)
	msg := usererr.Message(err)
	if msg != Message(err) || !strings.Contains(msg, "192.168.1.50:9100") || !strings.Contains(msg, "tidak dapat dihubungi") {
		t.Fatalf("sentence %q", msg)
	}
	if strings.Contains(msg, "refused") || !strings.Contains(err.Error(), "connection refused") {
		t.Fatalf("sentence %q or cause %q mixed up", msg, err.Error())
	}
}
