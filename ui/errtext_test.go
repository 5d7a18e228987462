package ui

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"loket/store"
	"loket/usererr"
)

// errText shows the sentence and logs the cause once, at the level its kind
// deserves.
func TestErrText(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	old := uiLog
	uiLog = func() *slog.Logger { return logger }
	t.Cleanup(func() { uiLog = old })

	tests := []struct {
		name      string
		err       error
		shown     string
		level     string
		inTheLogs string
	}{
		{"refusal", fmt.Errorf("office: call next: %w", store.ErrNoTicketWaiting), store.ErrNoTicketWaiting.Message,
			"level=INFO", "office: call next"},
		{"failure", errors.New("database disk image is malformed"), usererr.Generic, "level=ERROR", "malformed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			buf.Reset()
			if got := errText(tt.err); got != tt.shown {
				t.Errorf("shown %q, want %q", got, tt.shown)
			}
			logged := buf.String()
			if strings.Count(logged, "\n") != 1 || !strings.Contains(logged, tt.level) || !strings.Contains(logged, tt.inTheLogs) {
				t.Errorf("log %q: want one %s line with %q", logged, tt.level, tt.inTheLogs)
			}
		})
	}
	buf.Reset()
	if errText(nil) != "" || buf.Len() != 0 {
		t.Error("nil shown or logged")
	}
}
