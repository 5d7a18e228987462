package office

import (
	"context"
	"log/slog"
	"time"
)

// StartAutoCloseObserved is StartAutoClose with passed told the outcome of
// every pass, for the tests in office_test.
func StartAutoCloseObserved(ctx context.Context, l *Local, every time.Duration, logger *slog.Logger, passed func(closed int, err error)) (*AutoCloseJob, error) {
	return startAutoClose(ctx, l, every, logger, passed)
}
