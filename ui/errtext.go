package ui

import (
	"log/slog"

	"loket/usererr"
)

// errText is the UI edge of a failure: it returns the sentence to show the
// person (usererr.Message: the refusal's own Indonesian sentence, or the
// general one) and logs the cause, once, here. Nothing below the UI logs
// an error it returns, so a screen that shows errText(err) leaves exactly
// one log line per failure. A refusal the person can act on is logged at
// INFO, anything else (a bug, a disk error) at ERROR.
func errText(err error) string {
	if err == nil {
		return ""
	}
	msg := usererr.Message(err)
	if usererr.Is(err) {
		uiLog().Info("ui: refused", "shown", msg, "cause", err.Error())
	} else {
		uiLog().Error("ui: failed", "shown", msg, "err", err)
	}
	return msg
}

// uiLog is the logger of the UI edge (slog's default; tests replace it).
var uiLog = slog.Default
