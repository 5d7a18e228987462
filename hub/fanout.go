package hub

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"loket/store"
)

// DefaultStreamBatch is the shortest time between two batches of events
// the hub hands to its streams (with more than a hundred streams open,
// longer: feedWindow). Each write is a system call and a TLS record per
// open stream; under a burst a stream gets what arrives within this
// window as one write. A call reaches a display at most this much later
// than it could, well inside what a person notices.
const DefaultStreamBatch = 10 * time.Millisecond

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

// The hub's own fan-out. The service's feed (office.Local) reads each
// new batch of events once; the hub in turn holds ONE subscription for
// all its live streams, encodes each batch once per kind of stream (a
// handful of filters: counter PC with or without the audit trail,
// display, survey) into shared, read-only bytes, and hands the same bytes
// to every stream of that kind. A stream's per-batch cost is then one
// append to its mailbox, one wake-up and one write: no subscription, no
// goroutine in the service, no JSON, no store query of its own. A stream
// subscribes on its own only to catch up (resuming from an older seq, or
// after falling too far behind), then joins the shared feed.

// feedMaxPending (a variable for tests) is how many bytes a stream may
// have waiting before the feed drops it; it then catches up on its own
// subscription, at its own pace, so a stalled screen never holds up the
// others nor grows the hub's memory.
var feedMaxPending atomic.Int64

func init() { feedMaxPending.Store(1 << 20) }

// feedReadBatch is the most events the feed encodes as one chunk.
const feedReadBatch = 500

// chunk is one batch of events in the wire form of one stream filter.
// Its bytes are shared by every stream of that filter and never change.
type chunk struct {
	seqs []int64 // every event of the batch, kept or skipped, in order
	offs []int   // where event i's message starts in data
	data []byte
}

// from returns the bytes of c a stream that has sent up to last still
// needs: the messages of the events after last.
func (c *chunk) from(last int64) []byte {
	if len(c.seqs) == 0 || c.seqs[0] > last {
		return c.data
	}
	for i, s := range c.seqs {
		if s > last {
			return c.data[c.offs[i]:]
		}
	}
	return nil
}

// encodeChunk writes evs as stream filter f carries them: an SSE message
// per kept event and, when the batch ends with events f skips, one
// message with only the id so the client's resume point moves past them
// (a reconnect neither replays them nor sees a gap).
func encodeChunk(evs []store.Event, f streamFilter) (*chunk, error) {
	c := &chunk{seqs: make([]int64, len(evs)), offs: make([]int, len(evs))}
	skipped := int64(-1)
	for i, e := range evs {
		c.seqs[i], c.offs[i] = e.Seq, len(c.data)
		pe, keep := f.apply(e)
		if !keep {
			skipped = e.Seq
			continue
		}
		skipped = -1
		var err error
		if c.data, err = appendEvent(c.data, e.Seq, pe); err != nil {
			return nil, err
		}
	}
	if skipped >= 0 {
		c.data = appendSkip(c.data, skipped)
	}
	return c, nil
}

// appendEvent appends the SSE message of e (its seq as the id).
func appendEvent(b []byte, seq int64, e store.Event) ([]byte, error) {
	data, err := json.Marshal(e)
	if err != nil {
		return b, err
	}
	b = append(b, "id: "...)
	b = strconv.AppendInt(b, seq, 10)
	b = append(b, "\ndata: "...)
	b = append(b, data...)
	return append(b, "\n\n"...), nil
}

// appendSkip appends the id-only message that moves a client past seq.
func appendSkip(b []byte, seq int64) []byte {
	b = append(b, "event: skip\nid: "...)
	b = strconv.AppendInt(b, seq, 10)
	return append(b, "\n\n"...)
}

// hubFeed is the state of the hub's one shared subscription.
type hubFeed struct {
	mu      sync.Mutex
	subs    map[*streamSub]struct{}
	running bool
	last    int64 // newest seq handed to the subscribers (or started after)
	gen     int   // which feed goroutine is current; an old one stops
	cancel  context.CancelFunc
}

// streamSub is one live stream's mailbox on the feed.
type streamSub struct {
	filter  streamFilter
	mu      sync.Mutex
	pending []*chunk
	size    int
	dropped bool
	signal  chan struct{}
}

func newStreamSub(f streamFilter) *streamSub {
	return &streamSub{filter: f, signal: make(chan struct{}, 1)}
}

func (s *streamSub) push(c *chunk) bool {
	s.mu.Lock()
	if int64(s.size+len(c.data)) > feedMaxPending.Load() {
		s.pending, s.size, s.dropped = nil, 0, true
	} else {
		s.pending = append(s.pending, c)
		s.size += len(c.data)
	}
	ok := !s.dropped
	s.mu.Unlock()
	select {
	case s.signal <- struct{}{}:
	default:
	}
	return ok
}

func (s *streamSub) take() ([]*chunk, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs, dropped := s.pending, s.dropped
	s.pending, s.size = nil, 0
	return cs, dropped
}

// join puts sub on the shared feed when the stream has sent everything up
// to the feed's position (last at or past it), starting the feed if none
// runs. It reports false when the stream must catch up first.
func (s *Server) join(sub *streamSub, last int64) bool {
	f := &s.feed
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.running && last < f.last {
		return false
	}
	if !f.running {
		ctx, cancel := context.WithCancel(context.Background())
		ch, err := s.svc.Subscribe(ctx, last)
		if err != nil {
			cancel()
			s.log.Error("hub: shared event feed", "err", err)
			return false
		}
		f.gen++
		f.running, f.last, f.cancel = true, last, cancel
		go s.runFeed(ch, f.gen)
	}
	if f.subs == nil {
		f.subs = map[*streamSub]struct{}{}
	}
	f.subs[sub] = struct{}{}
	return true
}

// leave takes sub off the feed, stopping the feed when nobody is left.
func (s *Server) leave(sub *streamSub) {
	f := &s.feed
	f.mu.Lock()
	delete(f.subs, sub)
	if len(f.subs) == 0 && f.running {
		s.stopFeedLocked()
	}
	f.mu.Unlock()
}

func (s *Server) stopFeedLocked() {
	f := &s.feed
	f.cancel()
	f.running = false
	f.gen++
	for sub := range f.subs { // they catch up on their own
		sub.mu.Lock()
		sub.pending, sub.size, sub.dropped = nil, 0, true
		sub.mu.Unlock()
		select {
		case sub.signal <- struct{}{}:
		default:
		}
		delete(f.subs, sub)
	}
}

// feedWindow is the shortest time between two batches of the shared
// feed with n streams on it: StreamBatch for an office's few dozen, and
// longer the more streams there are (one more StreamBatch per 100, at
// most 100 ms), because each batch costs one write per stream: a
// thousand screens then get a batch every 100 ms, a tenth of the writes
// at a hundred events a second, and a call still reaches the last of
// them within about 150 ms (the window and the staggered wake-up).
func feedWindow(batch time.Duration, n int) time.Duration {
	return min(batch*time.Duration(1+n/100), 100*time.Millisecond)
}

// runFeed is the shared feed: each batch the service hands over is
// encoded once per filter among the subscribers and given to all of them.
func (s *Server) runFeed(ch <-chan store.Event, gen int) {
	f := &s.feed
	evs := make([]store.Event, 0, feedReadBatch)
	batch := s.StreamBatch
	if batch <= 0 {
		batch = DefaultStreamBatch
	}
	var handed time.Time
	for {
		e, ok := <-ch
		// The feed hands over at most one batch per StreamBatch: what
		// arrives within the window goes to every stream as one write.
		// Pacing here, once, spares each stream a timer per batch.
		if ok {
			f.mu.Lock()
			n := len(f.subs)
			f.mu.Unlock()
			if wait := feedWindow(batch, n) - time.Since(handed); wait > 0 {
				time.Sleep(wait)
			}
		}
		if !ok {
			f.mu.Lock()
			if f.gen == gen {
				s.stopFeedLocked()
			}
			f.mu.Unlock()
			return
		}
		evs = append(evs[:0], e)
		for len(evs) < feedReadBatch && len(ch) > 0 {
			if e, ok = <-ch; !ok {
				break
			}
			evs = append(evs, e)
		}
		f.mu.Lock()
		if f.gen != gen {
			f.mu.Unlock()
			return
		}
		var chunks [4]struct {
			f streamFilter
			c *chunk
		}
		n := 0
		var err error
		to := make([]delivery, 0, len(f.subs))
		for sub := range f.subs {
			var c *chunk
			for i := range n {
				if chunks[i].f == sub.filter {
					c = chunks[i].c
				}
			}
			if c == nil {
				if c, err = encodeChunk(evs, sub.filter); err != nil {
					break
				}
				if n < len(chunks) {
					chunks[n].f, chunks[n].c = sub.filter, c
					n++
				}
			}
			to = append(to, delivery{sub, c})
		}
		if err != nil {
			s.log.Error("hub: encode events", "first", evs[0].Seq, "err", err)
			s.stopFeedLocked()
			f.mu.Unlock()
			return
		}
		f.last = evs[len(evs)-1].Seq
		f.mu.Unlock()
		// Hand over outside the lock, a group at a time: every stream
		// woken at once would queue a thousand writes ahead of the
		// requests waiting for a CPU; spread over a few milliseconds
		// they leave room between groups.
		var dropped []*streamSub
		for i, d := range to {
			if i > 0 && i%feedGroup == 0 {
				time.Sleep(time.Millisecond)
			}
			if !d.sub.push(d.c) {
				dropped = append(dropped, d.sub)
			}
		}
		handed = time.Now()
		f.mu.Lock()
		if f.gen != gen {
			f.mu.Unlock()
			return
		}
		for _, sub := range dropped {
			delete(f.subs, sub)
		}
		if len(f.subs) == 0 {
			s.stopFeedLocked()
			f.mu.Unlock()
			return
		}
		f.mu.Unlock()
	}
}

// delivery is one stream's chunk of a batch.
type delivery struct {
	sub *streamSub
	c   *chunk
}

// feedGroup is how many streams the feed wakes at once.
const feedGroup = 25

// streamOut is where a stream's messages go.
type streamOut interface {
	// write sends b, reporting false when the client is gone.
	write(b []byte) bool
	// flush pushes what write buffered onto the network.
	flush() bool
}

// connOut writes straight to the stream's TLS connection: each write is
// one TLS record (up to 16 KB) and one system call, with no chunked
// framing and no buffer to flush.
type connOut struct{ c net.Conn }

func (o connOut) write(b []byte) bool {
	_ = o.c.SetWriteDeadline(time.Now().Add(30 * time.Second)) // a dead client is dropped
	_, err := o.c.Write(b)
	return err == nil
}

func (connOut) flush() bool { return true }

// httpOut writes through the ResponseWriter (HTTP/2, tests without a
// connection to take over).
type httpOut struct {
	w  http.ResponseWriter
	rc *http.ResponseController
}

func (o httpOut) write(b []byte) bool {
	_ = o.rc.SetWriteDeadline(time.Now().Add(30 * time.Second))
	_, err := o.w.Write(b)
	return err == nil
}

func (o httpOut) flush() bool { return o.rc.Flush() == nil }

// streamHead is the response head of an event stream over a connection
// the hub has taken over: the body runs until either side closes.
const streamHead = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\n" +
	"X-Accel-Buffering: no\r\nConnection: close\r\n\r\n"

// openStream answers 200 and sends first (the ready message). Over
// HTTP/1.1 it takes the connection over from net/http, so that a batch
// is one write to the TLS connection rather than a chunk header, the
// data and a trailer through two buffers (three records when the batch
// is bigger than a buffer); the client's closing its end then cancels
// the stream. It returns nil when the client is already gone, and what
// to call when the stream ends.
func (s *Server) openStream(w http.ResponseWriter, r *http.Request, cancel context.CancelFunc, first []byte) (streamOut, func()) {
	rc := http.NewResponseController(w)
	if r.ProtoMajor == 1 {
		if conn, brw, err := rc.Hijack(); err == nil {
			_ = conn.SetReadDeadline(time.Time{}) // a stream lives beyond ReadTimeout
			go func() {
				// A stream's client sends nothing more: a read ends
				// only when it closes its end.
				_, _ = io.Copy(io.Discard, brw)
				cancel()
			}()
			out := connOut{conn}
			if !out.write(append([]byte(streamHead), first...)) {
				conn.Close()
				return nil, nil
			}
			return out, func() { conn.Close() }
		}
	}
	_ = rc.SetReadDeadline(time.Time{})
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	out := httpOut{w, rc}
	if !out.write(first) || !out.flush() {
		return nil, nil
	}
	return out, func() {}
}

// serveStream sends the events after `after` to out until ctx ends or
// the client is gone: from its own subscription while it catches up,
// from the shared feed once it has.
func (s *Server) serveStream(ctx context.Context, out streamOut, after int64, filter streamFilter) {
	write, flush := out.write, out.flush
	hb := s.Heartbeat
	if hb <= 0 {
		hb = 15 * time.Second
	}
	tick := time.NewTicker(hb)
	defer tick.Stop()
	batch := s.StreamBatch
	if batch <= 0 {
		batch = DefaultStreamBatch
	}
	// A stream writes at most once per StreamBatch: under a burst what
	// arrives within the window goes out as one write and one TLS record,
	// so a thousand open screens cost the hub a thousand writes per
	// window rather than per event. The first write after a quiet spell
	// goes out at once. On the shared feed the feed paces (runFeed); a
	// stream catching up on its own paces itself.
	var lastWrite time.Time
	pace := func() bool {
		wait := batch - time.Since(lastWrite)
		if wait <= 0 {
			return true
		}
		t := time.NewTimer(wait)
		defer t.Stop()
		select {
		case <-t.C:
			return true
		case <-ctx.Done():
			return false
		}
	}
	sent := func() { lastWrite = time.Now(); tick.Reset(hb) }
	ping := func() bool { return write([]byte(": ping\n\n")) && flush() }

	last := after
	var buf []byte
	dropped := false
	for {
		sub := newStreamSub(filter)
		// A stream the feed dropped catches up on its own first: were
		// it the only one, rejoining would restart the feed at its
		// point and drop it again, never moving on.
		if dropped || !s.join(sub, last) {
			// Catch up on a subscription of its own, then join.
			var ok bool
			if last, ok = s.catchUp(ctx, write, flush, pace, sent, ping, tick.C, last, filter, &buf); !ok {
				return
			}
			dropped = false
			continue
		}
		for live := true; live; {
			select {
			case <-ctx.Done():
				s.leave(sub)
				return
			case <-tick.C:
				if !ping() {
					s.leave(sub)
					return
				}
				continue
			case <-sub.signal:
			}
			// No pacing here: the feed hands over at most one batch
			// per StreamBatch (runFeed).
			var chunks []*chunk
			chunks, dropped = sub.take()
			// One write for the batch: the shared bytes as they are
			// when one chunk waits, else copied together.
			var b []byte
			if len(chunks) == 1 {
				b = chunks[0].from(last)
			} else {
				buf = buf[:0]
				for _, c := range chunks {
					buf = append(buf, c.from(last)...)
					last = max(last, c.seqs[len(c.seqs)-1])
				}
				b = buf
			}
			for _, c := range chunks {
				last = max(last, c.seqs[len(c.seqs)-1])
			}
			if len(b) > 0 {
				if !write(b) {
					s.leave(sub)
					return
				}
				if !flush() {
					s.leave(sub)
					return
				}
				sent()
			}
			live = !dropped
		}
	}
}

// catchUp streams from a subscription of the stream's own until it has
// sent all there is (its channel empty) and the shared feed takes it: it
// returns the seq it reached.
func (s *Server) catchUp(ctx context.Context, write func([]byte) bool, flush, pace func() bool, sent func(), ping func() bool,
	tick <-chan time.Time, last int64, filter streamFilter, buf *[]byte) (int64, bool) {
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ch, err := s.svc.Subscribe(cctx, last)
	if err != nil {
		s.log.Error("hub: subscribe", "err", err)
		return last, false
	}
	for {
		select {
		case <-ctx.Done():
			return last, false
		case <-tick:
			if !ping() {
				return last, false
			}
			continue
		case e, ok := <-ch:
			if !ok {
				return last, false
			}
			if !pace() {
				return last, false
			}
			b := (*buf)[:0]
			skipped := int64(-1)
			for {
				data, keep, err := s.encoded.encode(e, filter)
				if err != nil {
					s.log.Error("hub: encode event", "seq", e.Seq, "err", err)
					return last, false
				}
				if keep {
					b = append(b, "id: "...)
					b = strconv.AppendInt(b, e.Seq, 10)
					b = append(b, "\ndata: "...)
					b = append(b, data...)
					b = append(b, "\n\n"...)
					skipped = -1
				} else {
					skipped = e.Seq
				}
				last = e.Seq
				if len(ch) == 0 || len(b) > 32<<10 {
					break
				}
				if e, ok = <-ch; !ok {
					break
				}
			}
			if skipped >= 0 {
				b = appendSkip(b, skipped)
			}
			*buf = b
			if !write(b) || !flush() {
				return last, false
			}
			sent()
			if len(ch) == 0 {
				return last, true // try the shared feed
			}
		}
	}
}
