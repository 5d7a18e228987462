package hub

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"syscall"
	"time"
)

// DefaultBindRetry is how long Listen keeps trying a port that is still in
// use (Server.BindRetry).
const DefaultBindRetry = 15 * time.Second

// Listen opens the hub's TCP listener on addr. Right after a crash or a
// kill -9 the port can still be held for a moment: by connections the
// kernel is closing, or by the dying process and a child it started. The
// listener sets SO_REUSEADDR (Go does on Unix; reuseAddr says so
// explicitly), so lingering connections never block it, and a port still
// bound by a process is tried again every quarter second for up to retry,
// with one log line, before the error says in Indonesian what to do.
func Listen(ctx context.Context, addr string, retry time.Duration, log *slog.Logger) (net.Listener, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	addr = withPort(addr)
	lc := net.ListenConfig{Control: reuseAddr}
	deadline := time.Now().Add(retry)
	logged := false
	for {
		ln, err := lc.Listen(ctx, "tcp", addr)
		if err == nil {
			if logged {
				log.Info("hub: port free again", "addr", addr)
			}
			return ln, nil
		}
		if !errors.Is(err, syscall.EADDRINUSE) || !time.Now().Before(deadline) {
			if errors.Is(err, syscall.EADDRINUSE) {
				return nil, fmt.Errorf("hub: listen %s: %w: port %s masih dipakai program lain; tutup hub yang masih berjalan atau pilih port lain dengan --addr", addr, err, addr)
			}
			return nil, fmt.Errorf("hub: listen %s: %w", addr, err)
		}
		if !logged {
			log.Warn("hub: port still in use, retrying", "addr", addr, "for", retry)
			logged = true
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(250 * time.Millisecond):
		}
	}
}
