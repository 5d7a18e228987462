// Package web serves the pages a visitor's browser opens on the office hub:
// the ticket on the phone (/t/<code>, from the QR on the stub) and the
// waiting-room display in any browser (/layar, for a smart TV). Pages are
// server-rendered with html/template from embedded files; a little vanilla
// JavaScript follows the Server-Sent Events and plays the same voice clips
// as the desktop display. The hub mounts Site on its mux (hub/web.go).
//
// Everything here is public on the office Wi-Fi except /layar, which a
// browser gets only after pairing as a display like any other device. A
// phone page knows one ticket and the office's counts, nothing else.
package web

import (
	"context"
	"embed"
	"html/template"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"loket/assets"
	"loket/office"
	"loket/store"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

var pages = template.Must(template.New("").Funcs(template.FuncMap{}).ParseFS(templateFS, "templates/*.html"))

// Devices is the hub's device registry as the browser display needs it:
// a pairing request shown to the admin in the desktop app, its outcome,
// and the check of a paired display's token.
type Devices interface {
	// RequestDisplayPairing asks the admin to pair a browser as a display;
	// the code is shown on the TV and in the desktop app.
	RequestDisplayPairing(name, remoteAddr string) (requestID, code string, expires time.Time, err error)
	// PollPairing tells the request's status (hub.PairPending, approved,
	// rejected) and, once approved, the device token, handed out once.
	PollPairing(requestID string) (status, token string, ok bool)
	// DisplayDevice tells whether token belongs to an active display.
	DisplayDevice(token string) (deviceID string, ok bool)
}

// PhoneTickets finds the ticket a phone link's code names: a ticket or
// store.ErrNotFound (unknown, altered or another office's code).
type PhoneTickets interface {
	TicketByPhoneCode(ctx context.Context, code string) (store.Ticket, error)
}

// Config wires a Site.
type Config struct {
	Svc office.Service
	// Tickets finds tickets by the code of their phone link (office.Local
	// answers it from its store); nil serves no phone pages.
	Tickets PhoneTickets
	// Devices pairs browser displays; nil serves no /layar.
	Devices Devices
	Log     *slog.Logger
	// Now is the clock (time.Now when nil).
	Now func() time.Time
	// PagesPerMinute bounds the page and stream requests one address
	// makes to the public pages (default 60); BadCodesPerHour bounds its
	// unknown codes (default 30), so guessing codes is slow as well as
	// hopeless.
	PagesPerMinute  int
	BadCodesPerHour int
	// StreamsPerAddr bounds the open streams of one address (default 6).
	StreamsPerAddr int
	// Heartbeat is the comment line sent on an idle stream (default 20 s).
	Heartbeat time.Duration
	// Settle is how long a burst of events is gathered before positions
	// are recomputed and pushed (default 300 ms): one read of the day's
	// tickets serves every open page.
	Settle time.Duration
}

// Site is the web side of the hub.
type Site struct {
	cfg   Config
	log   *slog.Logger
	feed  *feed
	rate  *limiter
	mu    sync.Mutex
	conns map[string]int // open streams per address
}

// New makes the site; Register mounts it.
func New(cfg Config) *Site {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.PagesPerMinute <= 0 {
		cfg.PagesPerMinute = 60
	}
	if cfg.BadCodesPerHour <= 0 {
		cfg.BadCodesPerHour = 30
	}
	if cfg.StreamsPerAddr <= 0 {
		cfg.StreamsPerAddr = 6
	}
	if cfg.Heartbeat <= 0 {
		cfg.Heartbeat = 20 * time.Second
	}
	if cfg.Settle <= 0 {
		cfg.Settle = 300 * time.Millisecond
	}
	s := &Site{cfg: cfg, log: cfg.Log, rate: newLimiter(cfg.Now), conns: map[string]int{}}
	s.feed = newFeed(cfg.Svc, cfg.Log, cfg.Now, cfg.Settle)
	return s
}

// SetLimits changes the per-address limits (Config.PagesPerMinute,
// BadCodesPerHour, StreamsPerAddr; zero keeps one) before serving: a load
// test runs hundreds of phones from one address.
func (s *Site) SetLimits(pagesPerMinute, badCodesPerHour, streamsPerAddr int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if pagesPerMinute > 0 {
		s.cfg.PagesPerMinute = pagesPerMinute
	}
	if badCodesPerHour > 0 {
		s.cfg.BadCodesPerHour = badCodesPerHour
	}
	if streamsPerAddr > 0 {
		s.cfg.StreamsPerAddr = streamsPerAddr
	}
}

// Register mounts the pages on mux.
func (s *Site) Register(mux *http.ServeMux) {
	s.RegisterPhone(mux)
	mux.HandleFunc("GET /layar", s.handleLayar)
	mux.HandleFunc("POST /layar/pair", s.handleLayarPair)
	mux.HandleFunc("GET /layar/pair/{id}", s.handleLayarPoll)
	mux.HandleFunc("GET /layar/events", s.handleLayarEvents)
}

// RegisterPhone adds only the ticket's phone page (/t/<code>, its event
// stream, the pages' static files and voice clips): what the hub also
// serves over plain HTTP for visitors' phones, which would otherwise meet
// a warning about the hub's own certificate. The page holds no secret
// beyond its own code and shows nothing of other tickets but counts.
func (s *Site) RegisterPhone(mux *http.ServeMux) {
	mux.HandleFunc("GET /t/{code}", s.handlePhone)
	mux.HandleFunc("GET /t/{code}/events", s.handlePhoneEvents)
	static, _ := fs.Sub(staticFS, "static")
	mux.Handle("GET /web/static/", http.StripPrefix("/web/static/", cacheFor(http.FileServerFS(static), time.Hour)))
	mux.HandleFunc("GET /web/voice/{clip}", s.handleClip)
}

// handleClip serves a voice clip (assets/voice) to the pages' audio.
func (s *Site) handleClip(w http.ResponseWriter, r *http.Request) {
	name, ok := strings.CutSuffix(r.PathValue("clip"), ".wav")
	b, found := assets.VoiceClip(name)
	if !ok || !found {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "audio/wav")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	_, _ = w.Write(b)
}

func cacheFor(h http.Handler, d time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age="+itoa(int(d.Seconds())))
		h.ServeHTTP(w, r)
	})
}

// secure sets the headers every page carries: no framing, no sniffing,
// scripts and styles only from the hub itself, no referrer (the phone
// link is the ticket's key).
func secure(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; media-src 'self'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store")
}

// render writes a page; a template error is the engineers' problem, the
// visitor sees a plain sentence.
func (s *Site) render(w http.ResponseWriter, status int, name string, data any) {
	secure(w)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	if err := pages.ExecuteTemplate(w, name, data); err != nil {
		s.log.Error("web: render", "page", name, "err", err)
	}
}

// message renders the plain page of a refusal or an error.
func (s *Site) message(w http.ResponseWriter, status int, title, text string) {
	s.render(w, status, "message.html", map[string]string{"Title": title, "Text": text})
}

// addrOf is the client's address without the port: limits are per device
// on the office Wi-Fi.
func addrOf(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// admitStream opens a stream for r's address, or answers the refusal
// (429, the Indonesian message) when the address holds its limit: both
// live pages refuse alike. done ends the stream.
func (s *Site) admitStream(w http.ResponseWriter, r *http.Request) (done func(), ok bool) {
	done, ok = s.openStream(addrOf(r))
	if !ok {
		secure(w)
		http.Error(w, msgTooMany, http.StatusTooManyRequests)
	}
	return done, ok
}

// openStream counts a stream of addr, refusing beyond the limit.
func (s *Site) openStream(addr string) (func(), bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.conns[addr] >= s.cfg.StreamsPerAddr {
		return nil, false
	}
	s.conns[addr]++
	return func() {
		s.mu.Lock()
		if s.conns[addr]--; s.conns[addr] <= 0 {
			delete(s.conns, addr)
		}
		s.mu.Unlock()
	}, true
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
