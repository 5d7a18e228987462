package hub

import (
	"errors"
	"net/http"
	"testing"

	"loket/store"
)

// A refusal keeps its meaning over the wire: its HTTP status for curl
// users, and the store's own sentinel for the client.
func TestRefusalStatusAndSentinel(t *testing.T) {
	for code, want := range map[string]int{
		"busy": http.StatusServiceUnavailable, "not_found": http.StatusNotFound, "daily_cap": http.StatusConflict,
		CodeUnpaired: http.StatusUnauthorized, "bad_login": http.StatusForbidden, CodeInternal: http.StatusInternalServerError,
	} {
		if got := statusFor(code); got != want {
			t.Errorf("%s: status %d, want %d", code, got, want)
		}
	}
	if e := refusal(store.ErrBusy.Code, store.ErrBusy.Message); e != store.ErrBusy || !errors.Is(e, store.ErrBusy) {
		t.Errorf("busy refusal not the store's sentinel: %#v", e)
	}
	if e := refusal("busy", "lain"); e == store.ErrBusy || !errors.Is(e, store.ErrBusy) {
		t.Errorf("a changed message must stay a copy that still matches: %#v", e)
	}
}
