package hub

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"loket/office"
	"loket/store"
	"loket/tlspin"
)

// Client is office.Service over the LAN: every call goes to the hub over
// HTTPS, pinned to the hub's certificate and authorised by this device's
// token. Refusals come back as *store.Error with the hub's code and
// message; a hub that cannot be reached gives ErrUnreachable. Writes are
// never retried on the client's own initiative, so a ticket is issued at
// most once.
type Client struct {
	base  string
	token string
	pin   string
	hc    *http.Client // calls
	sc    *http.Client // event streams (no overall deadline)
	log   *slog.Logger

	// Timeout bounds each call, from sending to the whole answer read
	// (default 10 s). For event streams it bounds connecting.
	Timeout time.Duration
	// StreamIdle is how long an event stream may stay silent before the
	// client drops it and reconnects (default 45 s, three hub
	// heartbeats).
	StreamIdle time.Duration
	// MaxBackoff caps the wait between reconnection attempts of an event
	// stream (default 5 s).
	MaxBackoff time.Duration
	// OnStreamState, when set, is told when an event stream is lost
	// (err != nil: a refusal such as ErrUnreachable, ErrUnpaired or
	// ErrCertMismatch) and when it is back (err == nil), so a display can
	// show that it is reconnecting. It must not block.
	OnStreamState func(err error)

	// The officer logins of this device (identity.go): the hub's token
	// for each officer logged in, the officer of each counter session
	// opened here, and the latest login (sent with calls that name
	// nobody, such as the admin's lists).
	offMu       sync.Mutex
	offTokens   map[string]string // officer id -> token
	offSessions map[string]string // session id -> officer id
	offLast     string
	// offAdmin is the token of the latest admin login still live here:
	// it opens the audit trail (the stream's auth.* events, LoginLocks).
	offAdmin string
}

var _ office.Service = (*Client)(nil)

// NewClient makes a client from a saved pairing. logger may be nil.
func NewClient(cfg ClientConfig, logger *slog.Logger) (*Client, error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	pin, err := NormalizeFingerprint(cfg.Fingerprint)
	if err != nil {
		return nil, err
	}
	base, err := baseURL(cfg.Addr)
	if err != nil {
		return nil, err
	}
	if cfg.Token == "" {
		return nil, errors.New("hub: client config has no token (device not paired)")
	}
	c := &Client{base: base, token: cfg.Token, pin: pin, log: logger,
		offTokens: map[string]string{}, offSessions: map[string]string{}}
	c.hc = &http.Client{Transport: newTransport(pin, nil)}
	c.sc = &http.Client{Transport: newTransport(pin, nil)}
	return c, nil
}

// Close releases idle connections. Event streams end with their contexts.
func (c *Client) Close() {
	c.hc.CloseIdleConnections()
	c.sc.CloseIdleConnections()
}

// baseURL turns "192.168.1.10", "pc-hub:8443" or "https://pc-hub:8443" into
// the API's base URL.
func baseURL(addr string) (string, error) {
	addr = strings.TrimSpace(addr)
	if addr == "" {
		return "", errors.New("hub: no hub address")
	}
	if strings.Contains(addr, "://") {
		u, err := url.Parse(addr)
		if err != nil || u.Scheme != "https" || u.Host == "" {
			return "", fmt.Errorf("hub: bad hub address %q (want host:port or https://host:port)", addr)
		}
		addr = u.Host
	}
	return "https://" + withPort(addr), nil
}

func newTransport(pin string, onSeen func(string)) *http.Transport {
	d := &net.Dialer{Timeout: 3 * time.Second, KeepAlive: 30 * time.Second}
	return &http.Transport{
		DialContext:         d.DialContext,
		TLSClientConfig:     pinnedTLS(pin, onSeen),
		TLSHandshakeTimeout: 5 * time.Second,
		MaxIdleConnsPerHost: 8,
		// Shorter than the hub's IdleTimeout, so the client retires an
		// idle connection before the hub closes it under a request.
		IdleConnTimeout:       90 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
}

func (c *Client) timeout() time.Duration {
	if c.Timeout > 0 {
		return c.Timeout
	}
	return 10 * time.Second
}

// linkErr turns a transport failure into the refusal a person sees; the
// cause goes to the log. A caller's own cancellation stays ctx.Err().
func linkErr(ctx context.Context, log *slog.Logger, op string, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if tlspin.IsTrustFailure(err) {
		log.Error("hub: certificate mismatch: refusing to talk to this server", "op", op, "err", err)
		return clone(ErrCertMismatch)
	}
	log.Warn("hub: unreachable", "op", op, "err", err)
	return clone(ErrUnreachable)
}

// readErr decodes a refusal body.
func readErr(log *slog.Logger, op string, resp *http.Response) error {
	var eb errorBody
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if err := json.Unmarshal(b, &eb); err == nil && eb.Code != "" {
		return refusal(eb.Code, eb.Message)
	}
	log.Error("hub: unexpected answer", "op", op, "status", resp.Status, "body", string(b))
	return clone(ErrInternal)
}

// do makes one call: method and path, in as the JSON body (nil for none),
// the answer decoded into out.
func (c *Client) do(ctx context.Context, method, path string, in, out any) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	cctx, cancel := context.WithTimeout(ctx, c.timeout())
	defer cancel()
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return fmt.Errorf("hub: %s: %w", path, err)
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(cctx, method, c.base+path, body)
	if err != nil {
		return fmt.Errorf("hub: %s: %w", path, err)
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	if tok := c.officerToken(ctx); tok != "" {
		req.Header.Set(OfficerHeader, tok)
	}
	req.Header.Set("Accept", "application/json")
	setScreen(ctx, req) // the access log's "why" (privacy.go)
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return linkErr(ctx, c.log, path, err)
	}
	defer discard(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return readErr(c.log, path, resp)
	}
	if h, ok := ctx.Value(respHeaderKey{}).(*http.Header); ok {
		*h = resp.Header
	}
	if out == nil {
		return nil
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		// Cut off mid-answer: the hub did the work, but we cannot show
		// its result. Same refusal as no answer at all.
		return linkErr(ctx, c.log, path, err)
	}
	return nil
}

// Login implements office.Service. The hub answers a successful login
// with the officer's token (OfficerHeader), which this client keeps and
// sends with that officer's calls.
func (c *Client) Login(ctx context.Context, username, password string) (store.Officer, error) {
	var h http.Header
	o, err := invoke1[store.Officer](c, context.WithValue(ctx, respHeaderKey{}, &h), "Login", username, password)
	if err != nil {
		return o, err
	}
	if tok := h.Get(OfficerHeader); tok != "" {
		c.offMu.Lock()
		c.offTokens[o.ID], c.offLast = tok, tok
		if o.Role == store.RoleAdmin {
			c.offAdmin = tok
		}
		c.offMu.Unlock()
	}
	return o, nil
}

// Logout implements office.Service: the hub revokes the officer's token
// and this client forgets it.
func (c *Client) Logout(ctx context.Context, officerID string) error {
	err := c.invoke(ctx, "Logout", []any{officerID})
	c.offMu.Lock()
	if tok, ok := c.offTokens[officerID]; ok {
		delete(c.offTokens, officerID)
		if c.offLast == tok {
			c.offLast = ""
		}
		if c.offAdmin == tok {
			c.offAdmin = ""
		}
	}
	c.offMu.Unlock()
	return err
}

// OpenCounter implements office.Service.
func (c *Client) OpenCounter(ctx context.Context, officerID, counterID string, serviceIDs []string) (store.CounterSession, error) {
	sess, err := invoke1[store.CounterSession](c, ctx, "OpenCounter", officerID, counterID, serviceIDs)
	c.openedSession(sess, err)
	return sess, err
}

// Subscribe implements office.Service over Server-Sent Events. The first
// connection is made before it returns, so an unpaired device or an
// unreachable hub is reported at once. After that the stream reconnects by
// itself (with back-off) whenever the link drops, resuming after the last
// Seq delivered: the channel sees every event once, in order, and closes
// only when ctx ends.
func (c *Client) Subscribe(ctx context.Context, afterSeq int64) (<-chan store.Event, error) {
	if afterSeq < -1 {
		afterSeq = -1
	}
	conn, err := c.openStream(ctx, afterSeq)
	if err != nil {
		return nil, err
	}
	out := make(chan store.Event, 64)
	go c.streamLoop(ctx, conn, afterSeq, out)
	return out, nil
}

// streamConn is one open event stream.
type streamConn struct {
	resp   *http.Response
	cancel context.CancelFunc
}

func (c *Client) openStream(ctx context.Context, after int64) (*streamConn, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	cctx, cancel := context.WithCancel(ctx)
	path := "/v1/events"
	if after >= 0 {
		path += "?after=" + strconv.FormatInt(after, 10)
	}
	req, err := http.NewRequestWithContext(cctx, http.MethodGet, c.base+path, nil)
	if err != nil {
		cancel()
		return nil, fmt.Errorf("hub: events: %w", err)
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Accept", "text/event-stream")
	if tok := c.adminToken(); tok != "" {
		// With an admin logged in here a counter PC's stream also
		// carries the audit trail (auth.*); the hub checks the token.
		req.Header.Set(OfficerHeader, tok)
	}
	if after >= 0 {
		req.Header.Set("Last-Event-ID", strconv.FormatInt(after, 10))
	}
	// Connecting is bounded like a call; the stream itself is not.
	guard := time.AfterFunc(c.timeout(), cancel)
	resp, err := c.sc.Do(req)
	stopped := guard.Stop()
	if err != nil || !stopped {
		cancel()
		if err == nil {
			discard(resp.Body)
			err = context.DeadlineExceeded
		}
		return nil, linkErr(ctx, c.log, path, err)
	}
	if resp.StatusCode != http.StatusOK {
		defer cancel()
		defer discard(resp.Body)
		return nil, readErr(c.log, path, resp)
	}
	return &streamConn{resp: resp, cancel: cancel}, nil
}

func (c *Client) streamLoop(ctx context.Context, conn *streamConn, last int64, out chan<- store.Event) {
	defer close(out)
	maxBackoff := c.MaxBackoff
	if maxBackoff <= 0 {
		maxBackoff = 5 * time.Second
	}
	const minBackoff = 100 * time.Millisecond
	backoff := minBackoff
	for {
		healthy, err := c.readStream(ctx, conn, &last, out)
		conn.cancel()
		conn.resp.Body.Close()
		if ctx.Err() != nil {
			return
		}
		c.log.Info("hub: event stream lost, reconnecting", "after", last, "err", err)
		if healthy {
			backoff = minBackoff
		}
		lost := clone(ErrUnreachable)
		for {
			if c.OnStreamState != nil {
				c.OnStreamState(lost)
			}
			// Full jitter, so displays restarted together do not
			// reconnect in lock step.
			wait := backoff/2 + rand.N(backoff/2+1)
			backoff = min(backoff*2, maxBackoff)
			select {
			case <-time.After(wait):
			case <-ctx.Done():
				return
			}
			conn, err = c.openStream(ctx, last)
			if err == nil {
				break
			}
			if ctx.Err() != nil {
				return
			}
			if e, ok := asRefusal(err); ok {
				lost = e
			}
		}
		if c.OnStreamState != nil {
			c.OnStreamState(nil)
		}
	}
}

// readStream delivers the events of one connection. It reports whether the
// connection was healthy (got its ready message) and why it ended.
func (c *Client) readStream(ctx context.Context, conn *streamConn, last *int64, out chan<- store.Event) (bool, error) {
	idle := c.StreamIdle
	if idle <= 0 {
		idle = 45 * time.Second
	}
	watchdog := time.AfterFunc(idle, conn.cancel) // a silent hub is a lost hub
	defer watchdog.Stop()

	sc := bufio.NewScanner(conn.resp.Body)
	sc.Buffer(make([]byte, 0, 64<<10), 4<<20)
	var id, event string
	var data []byte
	healthy := false
	for sc.Scan() {
		watchdog.Reset(idle)
		line := sc.Bytes()
		if len(line) == 0 { // dispatch
			if event == "ready" {
				healthy = true
				if n, err := strconv.ParseInt(id, 10, 64); err == nil && *last < 0 {
					*last = n // live-only start: now we know where "now" was
				}
			} else if event == "skip" {
				// Events this device does not receive: resume after
				// them, they are no gap.
				if n, err := strconv.ParseInt(id, 10, 64); err == nil && n > *last {
					*last = n
				}
			} else if len(data) > 0 {
				e, err := decodeEvent(data)
				if err != nil {
					return healthy, fmt.Errorf("hub: events: bad event: %w", err)
				}
				if e.Seq < 0 {
					// Seqs count from 1; a negative one would move the
					// resume position backwards.
					return healthy, fmt.Errorf("hub: events: bad event: seq %d", e.Seq)
				}
				if *last >= 0 && e.Seq <= *last {
					// Already delivered (a resume that overlapped).
				} else {
					watchdog.Stop()
					select {
					case out <- e:
					case <-ctx.Done():
						return healthy, ctx.Err()
					}
					watchdog.Reset(idle)
					*last = e.Seq
				}
			}
			id, event, data = "", "", data[:0]
			continue
		}
		if line[0] == ':' { // comment: heartbeat
			continue
		}
		field, value, _ := bytes.Cut(line, []byte(":"))
		value = bytes.TrimPrefix(value, []byte(" "))
		switch string(field) {
		case "id":
			id = string(value)
		case "event":
			event = string(value)
		case "data":
			if len(data) > 0 {
				data = append(data, '\n')
			}
			data = append(data, value...)
		}
	}
	if err := sc.Err(); err != nil {
		return healthy, err
	}
	return healthy, io.ErrUnexpectedEOF
}

type (
	officerSelKey struct{}
	respHeaderKey struct{}
)

// as makes ctx carry the token of officerID's login on this client, or
// no officer token at all when officerID never logged in here (the hub
// then refuses an officer action rather than act as someone else).
func (c *Client) as(ctx context.Context, officerID string) context.Context {
	c.offMu.Lock()
	tok := c.offTokens[officerID]
	c.offMu.Unlock()
	return context.WithValue(ctx, officerSelKey{}, tok)
}

// asSession makes ctx carry the token of the officer who opened
// sessionID here; a session opened elsewhere goes with the latest login
// (the hub checks whose it is).
func (c *Client) asSession(ctx context.Context, sessionID string) context.Context {
	c.offMu.Lock()
	id, ok := c.offSessions[sessionID]
	c.offMu.Unlock()
	if !ok {
		return ctx
	}
	return c.as(ctx, id)
}

// adminToken is the token of the latest admin login here, or "".
func (c *Client) adminToken() string {
	c.offMu.Lock()
	defer c.offMu.Unlock()
	return c.offAdmin
}

// officerToken is the officer token to send with a call.
func (c *Client) officerToken(ctx context.Context) string {
	if tok, ok := ctx.Value(officerSelKey{}).(string); ok {
		return tok
	}
	c.offMu.Lock()
	defer c.offMu.Unlock()
	return c.offLast
}

// openedSession remembers whose a session opened here is.
func (c *Client) openedSession(sess store.CounterSession, err error) {
	if err != nil || sess.ID == "" {
		return
	}
	c.offMu.Lock()
	c.offSessions[sess.ID] = sess.OfficerID
	c.offMu.Unlock()
}
