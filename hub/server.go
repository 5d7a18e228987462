// Package hub is the office LAN API: one PC runs the hub and owns the
// store; counters, kiosks and displays on other PCs use the same
// office.Service through Client, over HTTPS with a pinned self-signed
// certificate and a per-device bearer token obtained by pairing.
//
// The wire format, the errors and the trust model are described in API.md
// next to this file.
package hub

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"loket/office"
	"loket/store"
	"loket/tlspin"
	"loket/web"
)

// DefaultPort is the hub's TCP port when an address names only a host.
const DefaultPort = "8443"

// maxBody bounds every request body: the largest legitimate one (an officer
// with a password) is a few hundred bytes.
const maxBody = 1 << 20

// Server serves an office.Service to the LAN. Make it with NewServer; set
// the exported fields before serving.
type Server struct {
	svc  office.Service
	log  *slog.Logger
	reg  *registry
	cert tls.Certificate
	fp   string
	mux  *http.ServeMux

	// OnPairingRequest, when set, is called (in its own goroutine) for
	// every new pairing request, so the hub's screen or console can show
	// the code and the fingerprint to the admin.
	OnPairingRequest func(p Pairing)
	// Heartbeat is how often an idle event stream gets a comment line,
	// so clients and NAT boxes know the link is alive (default 15 s).
	Heartbeat time.Duration

	mu      sync.Mutex
	streams map[*stream]struct{}

	// writes admits one write at a time, in arrival order. SQLite takes
	// one writer anyway; letting fifty requests fight for its lock means
	// busy-handler sleeps and second-long tails, while a queue in front
	// of it keeps every write at its own few milliseconds.
	writes chan struct{}
	// WriteWait bounds a write's wait for that slot (DefaultWriteWait
	// when zero); past it the write is answered 503 busy (admission.go).
	WriteWait time.Duration
	// StreamBatch is the shortest time between two writes of one event
	// stream (DefaultStreamBatch when zero; fanout.go).
	StreamBatch time.Duration
	// BindRetry is how long ListenAndServe retries a port still in use
	// (DefaultBindRetry when zero).
	BindRetry time.Duration

	// encoded shares each event's JSON among the streams catching up,
	// feed is the one subscription of all live streams (fanout.go).
	encoded encodedEvents
	feed    hubFeed
	// calls are /v1/call's methods, looked up once; owners the
	// sessions' officers, read once (callcache.go).
	calls  callMethods
	owners sessionOwners

	// tokens are the officers logged in on devices (identity.go).
	tokens *officerTokens
	// auditBudget bounds the audit rows of refusals per device.
	auditBudget auditBudget
	// web serves the visitor's pages (web.go).
	web *web.Site
}

// stream is one open event stream, cancelled when the server shuts down or
// its device is revoked.
type stream struct {
	device string
	cancel context.CancelFunc
}

// NewServer opens the hub's state in stateDir (certificate, key and device
// registry; created on first start) and serves svc, normally an
// *office.Local over the office store.
func NewServer(stateDir string, svc office.Service, logger *slog.Logger) (*Server, error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	cert, err := loadOrCreateCert(stateDir)
	if err != nil {
		return nil, err
	}
	reg, err := openRegistry(stateDir, time.Now)
	if err != nil {
		return nil, err
	}
	s := &Server{svc: svc, log: logger, reg: reg, cert: cert, fp: tlspin.Fingerprint(cert.Certificate[0]),
		Heartbeat: 15 * time.Second, streams: map[*stream]struct{}{}, writes: make(chan struct{}, 1),
		tokens:      openOfficerTokens(stateDir, time.Now, func(err error) { logger.Error("hub: officer logins", "err", err) }),
		auditBudget: auditBudget{now: time.Now}}
	s.routes()
	return s, nil
}

// Fingerprint is the SHA-256 fingerprint of the hub's certificate (64
// lowercase hex digits). Show it, or its ShortFingerprint, on the hub's
// screen next to pairing codes.
func (s *Server) Fingerprint() string { return s.fp }

// PendingPairings lists the pairing requests waiting for the admin, oldest
// first.
func (s *Server) PendingPairings() []Pairing { return s.reg.pendingList() }

// ApprovePairing approves the pending request with this code: the device
// receives its token at its next poll.
func (s *Server) ApprovePairing(code string) (Device, error) {
	d, err := s.reg.approve(strings.TrimSpace(code))
	if err == nil {
		s.log.Info("hub: device paired", "device", d.ID, "name", d.Name, "kind", d.Kind, "remote", d.RemoteAddr)
	}
	return d, err
}

// RejectPairing turns down the pending request with this code.
func (s *Server) RejectPairing(code string) error {
	err := s.reg.reject(strings.TrimSpace(code))
	if err == nil {
		s.log.Info("hub: pairing rejected")
		s.log.Debug("hub: pairing rejected", "code", code)
	}
	return err
}

// RevokeDevice withdraws a device's access at once: its token stops
// working and its open event streams are closed.
func (s *Server) RevokeDevice(id string) error {
	if err := s.reg.revoke(id); err != nil {
		return err
	}
	s.log.Info("hub: device revoked", "device", id)
	s.tokens.revokeDevice(id)
	s.mu.Lock()
	for st := range s.streams {
		if st.device == id {
			st.cancel()
		}
	}
	s.mu.Unlock()
	return nil
}

// Devices lists every device ever paired, revoked ones included.
func (s *Server) Devices() []Device { return s.reg.list() }

// TLSConfig is the hub's server TLS configuration (its one certificate).
func (s *Server) TLSConfig() *tls.Config {
	return &tls.Config{MinVersion: tls.VersionTLS12, Certificates: []tls.Certificate{s.cert}}
}

// Handler is the HTTP API without TLS, for embedding and tests.
func (s *Server) Handler() http.Handler { return s.mux }

// ListenAndServe listens on addr (host:port, ":8443", or a host alone for
// DefaultPort) and serves until ctx ends. A port still held just after a
// crash is tried again for BindRetry (listen.go).
func (s *Server) ListenAndServe(ctx context.Context, addr string) error {
	retry := s.BindRetry
	if retry <= 0 {
		retry = DefaultBindRetry
	}
	ln, err := Listen(ctx, addr, retry, s.log)
	if err != nil {
		return err
	}
	return s.Serve(ctx, ln)
}

// Serve serves HTTPS on ln until ctx ends, then shuts down gracefully:
// requests in flight finish (up to 5 s), event streams are closed (their
// clients reconnect and resume), ln is closed.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := s.httpServer(s.mux, 64<<10)
	hs.TLSConfig = s.TLSConfig()
	hs.RegisterOnShutdown(s.dropStreams)
	s.log.Info("hub: serving", "addr", ln.Addr().String(), "fingerprint", ShortFingerprint(s.fp))
	err := serveUntil(ctx, hs, func() error { return hs.ServeTLS(ln, "", "") }, 5*time.Second, func(err error) {
		s.log.Warn("hub: shutdown not graceful", "err", err)
	})
	if err != nil {
		return fmt.Errorf("hub: serve: %w", err)
	}
	s.log.Info("hub: stopped")
	return nil
}

// ServePhonePages serves the ticket's phone page alone (web's
// RegisterPhone: /t/<code>, its events, static files and voice clips)
// over plain HTTP on ln until ctx ends. A visitor's phone does not know
// the hub's self-signed certificate: over HTTPS the QR on the stub opens
// a browser warning most visitors stop at. Nothing else of the hub is
// reachable here: no API, no pairing, no browser display.
func (s *Server) ServePhonePages(ctx context.Context, ln net.Listener) error {
	mux := http.NewServeMux()
	s.web.RegisterPhone(mux)
	hs := s.httpServer(mux, 16<<10)
	s.log.Info("hub: phone pages over http", "addr", ln.Addr().String())
	// The phones' event streams never go idle: after 2 s they are closed
	// (the pages reconnect), an expected end not worth a warning.
	if err := serveUntil(ctx, hs, func() error { return hs.Serve(ln) }, 2*time.Second, nil); err != nil {
		return fmt.Errorf("hub: phone pages: %w", err)
	}
	return nil
}

// httpServer is an http.Server for the hub's listeners: its timeouts
// (event streams lift the read deadline and set their own per write) and
// its errors at debug level (TLS handshake failures from a device with a
// wrong pin or a port scanner are expected on a LAN).
func (s *Server) httpServer(h http.Handler, maxHeader int) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    maxHeader,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelDebug),
	}
}

// serveUntil runs serve (hs serving its listener) until ctx ends, then
// shuts hs down: requests in flight get grace to finish, what is left is
// closed and forced (when not nil) told so. It returns serve's error, if
// serve stopped on its own or with anything but the shutdown.
func serveUntil(ctx context.Context, hs *http.Server, serve func() error, grace time.Duration, forced func(error)) error {
	errc := make(chan error, 1)
	go func() { errc <- serve() }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		if forced != nil {
			forced(err)
		}
		hs.Close()
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// Run is the whole `loket hub` server: it opens the state in stateDir,
// logs pairing requests (their codes only at DEBUG) and serves svc on addr until
// ctx ends. Use NewServer when a screen or console approves pairings.
func Run(ctx context.Context, addr, stateDir string, svc office.Service, logger *slog.Logger) error {
	s, err := NewServer(stateDir, svc, logger)
	if err != nil {
		return err
	}
	return s.ListenAndServe(ctx, addr)
}

// dropStreams closes every open event stream (shutdown; tests).
func (s *Server) dropStreams() {
	s.mu.Lock()
	for st := range s.streams {
		st.cancel()
	}
	s.mu.Unlock()
}

func withPort(addr string) string {
	if _, _, err := net.SplitHostPort(addr); err == nil {
		return addr
	}
	return net.JoinHostPort(strings.Trim(addr, "[]"), DefaultPort)
}

type ctxKey struct{}

// deviceOf is the paired device making the request.
func deviceOf(r *http.Request) Device { return deviceIn(r.Context()) }

// deviceIn is the paired device a request's context belongs to.
func deviceIn(ctx context.Context) Device {
	d, _ := ctx.Value(ctxKey{}).(Device)
	return d
}

// auth lets a request through only with the bearer token of an active
// device.
func (s *Server) auth(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		d, found := s.reg.authenticate(strings.TrimSpace(tok))
		if !ok || !found {
			w.Header().Set("WWW-Authenticate", `Bearer realm="loket-hub"`)
			s.writeErr(w, r, ErrUnpaired)
			return
		}
		// The device, from its token, also goes to the service: Login
		// throttles failed attempts per device.
		ctx := office.WithDevice(context.WithValue(r.Context(), ctxKey{}, d), d.ID)
		h(w, r.WithContext(ctx))
	}
}

func (s *Server) writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if err := json.NewEncoder(w).Encode(v); err != nil {
		s.log.Debug("hub: write response", "err", err)
	}
}

// errorBody is the JSON of every refusal.
type errorBody struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// writeErr sends a refusal as is; any other error becomes the generic
// Indonesian sentence, with the details only in the log.
func (s *Server) writeErr(w http.ResponseWriter, r *http.Request, err error) {
	e, ok := asRefusal(err)
	if !ok {
		s.log.Error("hub: request failed", "method", r.Method, "path", r.URL.Path,
			"device", deviceOf(r).ID, "err", err)
		e = ErrInternal
	}
	s.writeJSON(w, statusFor(e.Code), errorBody{Code: e.Code, Message: e.Message})
}

// reply sends v, or the refusal err.
func (s *Server) reply(w http.ResponseWriter, r *http.Request, v any, err error) {
	if err != nil {
		s.writeErr(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, v)
}

// decode reads a JSON body into v, answering 400 itself when it cannot.
func (s *Server) decode(w http.ResponseWriter, r *http.Request, v any) bool {
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	if err := json.NewDecoder(r.Body).Decode(v); err != nil {
		s.log.Debug("hub: bad request body", "path", r.URL.Path, "err", err)
		s.writeErr(w, r, ErrBadRequest)
		return false
	}
	return true
}

// admit checks method's policy for r and decodes its JSON body into q (a
// pointer). It answers a refusal itself and returns false; else the
// request carries the token's officer in its context.
func (s *Server) admit(w http.ResponseWriter, r *http.Request, method string, q any) (*http.Request, bool) {
	ctx, err := s.guard(r, method)
	if err != nil {
		s.writeErr(w, r, err)
		return r, false
	}
	r = r.WithContext(ctx)
	return r, s.decode(w, r, q)
}

// post wires a POST endpoint: decode Req, wait for the write slot, call
// fn, reply.
func post[Req any](s *Server, method, pattern string, fn func(ctx context.Context, q Req) (any, error)) {
	handleJSON(s, method, pattern, true, fn)
}

// handleJSON wires a POST endpoint serving the office.Service method
// named; queued says whether fn waits for the write slot (every write but
// login, which queues its own short write). The method's policy is
// checked first; fn gets the officer of the token in its context.
func handleJSON[Req any](s *Server, method, pattern string, queued bool, fn func(ctx context.Context, q Req) (any, error)) {
	mustPolicy(method)
	s.mux.HandleFunc("POST "+pattern, s.auth(func(w http.ResponseWriter, r *http.Request) {
		var q Req
		r, ok := s.admit(w, r, method, &q)
		if !ok {
			return
		}
		release := func() {}
		if queued {
			var err error
			if release, err = s.admitWrite(r.Context()); err != nil {
				s.writeErr(w, r, err)
				return
			}
		}
		v, err := fn(r.Context(), q)
		release()
		s.reply(w, r, v, err)
	}))
}

// get wires a GET endpoint serving the office.Service method named,
// after its policy.
func (s *Server) get(method, pattern string, fn func(r *http.Request) (any, error)) {
	mustPolicy(method)
	s.mux.HandleFunc("GET "+pattern, s.auth(func(w http.ResponseWriter, r *http.Request) {
		ctx, err := s.guard(r, method)
		if err != nil {
			s.writeErr(w, r, err)
			return
		}
		v, err := fn(r.WithContext(ctx))
		s.reply(w, r, v, err)
	}))
}

// Request bodies of the API (see API.md).
type (
	saveOfficeReq struct {
		ActorID string       `json:"actor_id"`
		Office  store.Office `json:"office"`
	}
	loginReq struct {
		Username string `json:"username"`
		Password string `json:"password"`
	}
	saveServiceReq struct {
		ActorID string        `json:"actor_id"`
		Service store.Service `json:"service"`
	}
	saveCounterReq struct {
		ActorID string        `json:"actor_id"`
		Counter store.Counter `json:"counter"`
	}
	saveOfficerReq struct {
		ActorID  string        `json:"actor_id"`
		Officer  store.Officer `json:"officer"`
		Password string        `json:"password"`
	}
	saveSettingReq struct {
		ActorID string `json:"actor_id"`
		Key     string `json:"key"`
		Value   string `json:"value"`
	}
	openCounterReq struct {
		OfficerID  string   `json:"officer_id"`
		CounterID  string   `json:"counter_id"`
		ServiceIDs []string `json:"service_ids"`
	}
	sessionReq struct {
		SessionID string `json:"session_id"`
	}
	issueReq struct {
		ServiceID string `json:"service_id"`
		Priority  string `json:"priority"`
	}
	ticketReq struct {
		SessionID   string `json:"session_id,omitempty"`
		ActorID     string `json:"actor_id,omitempty"`
		TicketID    string `json:"ticket_id"`
		ToServiceID string `json:"to_service_id,omitempty"`
		Reason      string `json:"reason,omitempty"`
	}
	okResp struct {
		OK bool `json:"ok"`
	}
	settingResp struct {
		Key   string `json:"key"`
		Value string `json:"value"`
	}
)

func (s *Server) routes() {
	s.mux = http.NewServeMux()
	svc := s.svc

	s.mux.HandleFunc("GET /v1/health", func(w http.ResponseWriter, r *http.Request) {
		s.writeJSON(w, http.StatusOK, map[string]string{"status": "ok", "fingerprint": s.fp})
	})
	s.mux.HandleFunc("POST /v1/pair", s.handlePair)
	s.mux.HandleFunc("GET /v1/pair/{id}", s.handlePairPoll)
	mustPolicy("Subscribe")
	s.mux.HandleFunc("GET /v1/events", s.auth(s.handleEvents))
	s.mux.HandleFunc("POST /v1/call/{method}", s.auth(s.handleCall))
	// Pairing approval from an admin's desktop app (pair_admin.go).
	s.pairingAdminRoutes()

	// Every endpoint is one office.Service method under its policy
	// (identity.go). Actor fields of the bodies are ignored: the actor is
	// the officer of the request's token. Session ids must be the token
	// officer's own.
	s.get("Office", "/v1/office", func(r *http.Request) (any, error) { return svc.Office(r.Context()) })
	post(s, "SaveOffice", "/v1/office", func(ctx context.Context, q saveOfficeReq) (any, error) {
		return svc.SaveOffice(ctx, actor(ctx), q.Office)
	})
	// Login checks a bcrypt hash, tens of milliseconds by design: it must
	// not hold the write queue every ticket waits in. The store writes
	// only the outcome, in its own short turn. A success issues the
	// device an officer token.
	mustPolicy("Login")
	s.mux.HandleFunc("POST /v1/login", s.auth(func(w http.ResponseWriter, r *http.Request) {
		var q loginReq
		r, ok := s.admit(w, r, "Login", &q)
		if !ok {
			return
		}
		o, err := s.login(w, r, q.Username, q.Password)
		s.reply(w, r, o, err)
	}))
	s.get("Services", "/v1/services", func(r *http.Request) (any, error) { return svc.Services(r.Context()) })
	post(s, "SaveService", "/v1/services", func(ctx context.Context, q saveServiceReq) (any, error) {
		return svc.SaveService(ctx, actor(ctx), q.Service)
	})
	s.get("Counters", "/v1/counters", func(r *http.Request) (any, error) { return svc.Counters(r.Context()) })
	post(s, "SaveCounter", "/v1/counters", func(ctx context.Context, q saveCounterReq) (any, error) {
		return svc.SaveCounter(ctx, actor(ctx), q.Counter)
	})
	s.get("CurrentTicket", "/v1/counters/{id}/current", func(r *http.Request) (any, error) {
		return svc.CurrentTicket(r.Context(), r.PathValue("id"))
	})
	s.get("Officers", "/v1/officers", func(r *http.Request) (any, error) { return svc.Officers(r.Context()) })
	post(s, "SaveOfficer", "/v1/officers", func(ctx context.Context, q saveOfficerReq) (any, error) {
		return svc.SaveOfficer(ctx, actor(ctx), q.Officer, q.Password)
	})
	s.get("Setting", "/v1/settings/{key}", func(r *http.Request) (any, error) {
		v, err := svc.Setting(r.Context(), r.PathValue("key"))
		return settingResp{Key: r.PathValue("key"), Value: v}, err
	})
	post(s, "SaveSetting", "/v1/settings", func(ctx context.Context, q saveSettingReq) (any, error) {
		return okResp{true}, svc.SaveSetting(ctx, actor(ctx), q.Key, q.Value)
	})
	post(s, "OpenCounter", "/v1/sessions/open", func(ctx context.Context, q openCounterReq) (any, error) {
		return svc.OpenCounter(ctx, actor(ctx), q.CounterID, q.ServiceIDs)
	})
	post(s, "CloseCounter", "/v1/sessions/close", func(ctx context.Context, q sessionReq) (any, error) {
		if err := s.ownSession(ctx, "CloseCounter", q.SessionID); err != nil {
			return nil, err
		}
		return okResp{true}, svc.CloseCounter(ctx, q.SessionID)
	})
	post(s, "IssueTicket", "/v1/tickets/issue", func(ctx context.Context, q issueReq) (any, error) {
		return svc.IssueTicket(ctx, q.ServiceID, q.Priority)
	})
	post(s, "CallNext", "/v1/tickets/call-next", func(ctx context.Context, q sessionReq) (any, error) {
		if err := s.ownSession(ctx, "CallNext", q.SessionID); err != nil {
			return nil, err
		}
		return svc.CallNext(ctx, q.SessionID)
	})
	sessionOp := func(method, path string, fn func(ctx context.Context, q ticketReq) (store.Ticket, error)) {
		post(s, method, path, func(ctx context.Context, q ticketReq) (any, error) {
			if err := s.ownSession(ctx, method, q.SessionID); err != nil {
				return nil, err
			}
			return fn(ctx, q)
		})
	}
	sessionOp("Recall", "/v1/tickets/recall", func(ctx context.Context, q ticketReq) (store.Ticket, error) {
		return svc.Recall(ctx, q.SessionID, q.TicketID)
	})
	sessionOp("StartServing", "/v1/tickets/start", func(ctx context.Context, q ticketReq) (store.Ticket, error) {
		return svc.StartServing(ctx, q.SessionID, q.TicketID)
	})
	sessionOp("Skip", "/v1/tickets/skip", func(ctx context.Context, q ticketReq) (store.Ticket, error) {
		return svc.Skip(ctx, q.SessionID, q.TicketID)
	})
	sessionOp("Finish", "/v1/tickets/finish", func(ctx context.Context, q ticketReq) (store.Ticket, error) {
		return svc.Finish(ctx, q.SessionID, q.TicketID)
	})
	sessionOp("Transfer", "/v1/tickets/transfer", func(ctx context.Context, q ticketReq) (store.Ticket, error) {
		return svc.Transfer(ctx, q.SessionID, q.TicketID, q.ToServiceID)
	})
	post(s, "Reactivate", "/v1/tickets/reactivate", func(ctx context.Context, q ticketReq) (any, error) {
		return svc.Reactivate(ctx, actor(ctx), q.TicketID)
	})
	post(s, "Cancel", "/v1/tickets/cancel", func(ctx context.Context, q ticketReq) (any, error) {
		return svc.Cancel(ctx, actor(ctx), q.TicketID, q.Reason)
	})
	s.get("TicketsToday", "/v1/tickets/today", func(r *http.Request) (any, error) { return svc.TicketsToday(r.Context()) })
	s.get("WaitingCounts", "/v1/tickets/waiting", func(r *http.Request) (any, error) { return svc.WaitingCounts(r.Context()) })

	// The visitor's pages: phone ticket and browser display (web.go).
	s.mountWeb()

	// Anything else: a JSON 404 rather than the mux's plain text.
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.writeErr(w, r, &store.Error{Code: "not_found", Message: "Alamat API tidak dikenal oleh server kantor (hub)."})
	})
}

// pairReq / pairResp / pollResp are the pairing messages (see API.md).
type (
	pairReq struct {
		DeviceName string `json:"device_name"`
		// Kind is counter (the default), kiosk, display or survey.
		Kind string `json:"kind,omitempty"`
	}
	pairResp struct {
		RequestID   string    `json:"request_id"`
		Code        string    `json:"code"`
		Fingerprint string    `json:"fingerprint"`
		ExpiresAt   time.Time `json:"expires_at"`
	}
	pollResp struct {
		Status      string `json:"status"`
		Token       string `json:"token,omitempty"`
		DeviceID    string `json:"device_id,omitempty"`
		Fingerprint string `json:"fingerprint"`
	}
)

func (s *Server) handlePair(w http.ResponseWriter, r *http.Request) {
	var q pairReq
	if !s.decode(w, r, &q) {
		return
	}
	name := strings.TrimSpace(q.DeviceName)
	if name == "" || len([]rune(name)) > 64 {
		s.writeErr(w, r, errPairing("Nama perangkat wajib diisi (paling banyak 64 karakter)."))
		return
	}
	kind := q.Kind
	if kind == "" {
		kind = KindCounter
	}
	if !ValidKind(kind) {
		s.writeErr(w, r, errPairing("Jenis perangkat tidak dikenal; pilih loket, kiosk, layar antrean atau layar survei."))
		return
	}
	p, err := s.reg.request(name, kind, r.RemoteAddr, s.fp)
	if err != nil {
		s.writeErr(w, r, err)
		return
	}
	// The code is the admin's proof that the device in front of them is
	// the one asking: it goes to the hub's screen (OnPairingRequest),
	// never into INFO logs that others may read or ship.
	s.log.Info("hub: pairing requested", "device", name, "kind", kind, "remote", r.RemoteAddr,
		"fingerprint", ShortFingerprint(s.fp))
	s.log.Debug("hub: pairing code", "code", p.Code, "device", name, "remote", r.RemoteAddr)
	if cb := s.OnPairingRequest; cb != nil {
		go cb(p.Pairing)
	}
	s.writeJSON(w, http.StatusAccepted, pairResp{RequestID: p.requestID, Code: p.Code,
		Fingerprint: s.fp, ExpiresAt: p.ExpiresAt})
}

func (s *Server) handlePairPoll(w http.ResponseWriter, r *http.Request) {
	status, token, deviceID, ok := s.reg.poll(r.PathValue("id"))
	if !ok {
		s.writeErr(w, r, errNoPairing)
		return
	}
	s.writeJSON(w, http.StatusOK, pollResp{Status: status, Token: token, DeviceID: deviceID, Fingerprint: s.fp})
}

// handleEvents streams events as Server-Sent Events. The resume point is
// Last-Event-ID (a reconnecting EventSource) or ?after=SEQ; without either
// the stream is live only. The first message ("event: ready") carries the
// resolved resume point as its id, so a client that is cut off before any
// event arrives still resumes without a gap.
func (s *Server) handleEvents(w http.ResponseWriter, r *http.Request) {
	if _, err := s.guard(r, "Subscribe"); err != nil {
		s.writeErr(w, r, err)
		return
	}
	after := int64(-1)
	raw := r.Header.Get("Last-Event-ID")
	if raw == "" {
		raw = r.URL.Query().Get("after")
	}
	if raw != "" {
		v, err := strconv.ParseInt(raw, 10, 64)
		if err != nil {
			s.writeErr(w, r, ErrBadRequest)
			return
		}
		after = v
	}
	if after < 0 { // live only, with an exact resume point all the same
		last, err := s.svc.LastEventSeq(r.Context())
		if err != nil {
			s.writeErr(w, r, err)
			return
		}
		after = last
	}
	filter := s.streamFilterFor(r)
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	st := &stream{device: deviceOf(r).ID, cancel: cancel}
	s.mu.Lock()
	s.streams[st] = struct{}{}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.streams, st)
		s.mu.Unlock()
	}()

	ready := fmt.Appendf(nil, "event: ready\nid: %d\ndata: {\"after\":%d}\n\n", after, after)
	out, done := s.openStream(w, r, cancel, ready) // fanout.go
	if out == nil {
		return
	}
	defer done()
	s.serveStream(ctx, out, after, filter)
}

// discard drains and closes a response body so its connection is reused.
func discard(rc io.ReadCloser) {
	_, _ = io.Copy(io.Discard, io.LimitReader(rc, 64<<10))
	rc.Close()
}
