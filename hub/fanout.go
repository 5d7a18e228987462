package hub

import (
	"encoding/json"
	"sync"
	"time"

	"loket/store"
)

// DefaultStreamBatch is the shortest time between two writes of one event
// stream. Each write is a system call and a TLS record per open stream;
// under a burst of events a stream collects what arrives within this
// window into one write. A call reaches a display at most this much later
// than it could, well inside what a person notices.
const DefaultStreamBatch = 25 * time.Millisecond

// encodedEvents keeps the wire form of recent events per stream filter.
// Every stream of the same kind sends an event in the same bytes: fifty
// counter PCs and three displays mean two encodings of each event, not
// fifty-three. The store's feed (office.Local) already reads each event
// once for all streams; this is the same sharing for the JSON.
type encodedEvents struct {
	mu   sync.RWMutex // a thousand streams look up the same event at once
	m    map[encKey][]byte
	ring []encKey // insertion order, to forget the oldest
	next int
}

type encKey struct {
	seq int64
	f   streamFilter
}

// encodedKeep is how many encodings are kept: a few thousand events
// across the handful of filters, far more than any burst.
const encodedKeep = 8192

// encode returns the data line of e as stream filter f carries it, and
// false when f skips e.
func (c *encodedEvents) encode(e store.Event, f streamFilter) ([]byte, bool, error) {
	k := encKey{seq: e.Seq, f: f}
	c.mu.RLock()
	b, ok := c.m[k]
	c.mu.RUnlock()
	if ok {
		return b, b != nil, nil
	}
	pe, keep := f.apply(e)
	if keep {
		var err error
		if b, err = json.Marshal(pe); err != nil {
			return nil, false, err
		}
	}
	c.mu.Lock()
	if c.m == nil {
		c.m = make(map[encKey][]byte, encodedKeep)
		c.ring = make([]encKey, encodedKeep)
	}
	if _, dup := c.m[k]; !dup {
		if old := c.ring[c.next]; old != (encKey{}) {
			delete(c.m, old)
		}
		c.ring[c.next] = k
		c.next = (c.next + 1) % encodedKeep
		c.m[k] = b
	}
	c.mu.Unlock()
	return b, keep, nil
}
