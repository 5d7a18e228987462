package refusal

import (
	"errors"
	"fmt"
	"testing"
)

func TestNew(t *testing.T) {
	err := fmt.Errorf("store: call next: %w", New("bad_state", "Nomor %s berstatus %s.", "A001", "selesai"))
	var e *Error
	if !errors.As(err, &e) {
		t.Fatal("a wrapped refusal is not found")
	}
	if e.Code != "bad_state" || e.Message != "Nomor A001 berstatus selesai." || e.UserMessage() != e.Message || e.Error() != e.Message {
		t.Fatalf("refusal %+v", e)
	}
}
