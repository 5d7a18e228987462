package usererr_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"loket/usererr"
)

type refusal struct{ msg, cause string }

func (r *refusal) Error() string       { return r.cause }
func (r *refusal) UserMessage() string { return r.msg }

func TestMessage(t *testing.T) {
	r := &refusal{msg: "Kuota antrean harian layanan ini sudah habis.", cause: "store: daily cap 120 reached"}
	tests := []struct {
		name string
		err  error
		want string
		is   bool
	}{
		{"nil", nil, "", false},
		{"refusal", r, r.msg, true},
		{"wrapped refusal: the sentence, not the chain", fmt.Errorf("office: issue: %w", r), r.msg, true},
		{"joined", errors.Join(errors.New("x"), r), r.msg, true},
		{"plain error", errors.New("disk I/O error"), usererr.Generic, false},
		{"cancelled", context.Canceled, usererr.Generic, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := usererr.Message(tt.err); got != tt.want {
				t.Errorf("Message = %q, want %q", got, tt.want)
			}
			if got := usererr.Is(tt.err); got != tt.is {
				t.Errorf("Is = %v, want %v", got, tt.is)
			}
		})
	}
}
