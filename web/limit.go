package web

import (
	"sync"
	"time"
)

// limiter counts requests per address in fixed windows: enough to keep
// one phone (or one script on the Wi-Fi) from flooding the hub, with no
// state beyond a map entry per address, dropped when its window ends.
type limiter struct {
	now func() time.Time
	mu  sync.Mutex
	w   map[string]*window
}

type window struct {
	start time.Time
	n     int
}

func newLimiter(now func() time.Time) *limiter { return &limiter{now: now, w: map[string]*window{}} }

// allow counts one event of key and tells whether it is within limit per
// period.
func (l *limiter) allow(key string, limit int, period time.Duration) bool {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.w) > 10000 { // a sweep now and then keeps the map small
		for k, w := range l.w {
			if now.Sub(w.start) > time.Hour {
				delete(l.w, k)
			}
		}
	}
	w := l.w[key]
	if w == nil || now.Sub(w.start) >= period {
		w = &window{start: now}
		l.w[key] = w
	}
	w.n++
	return w.n <= limit
}

// count tells how many events key has in its current window.
func (l *limiter) count(key string, period time.Duration) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	w := l.w[key]
	if w == nil || l.now().Sub(w.start) >= period {
		return 0
	}
	return w.n
}
