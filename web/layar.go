package web

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"
)

// displayCookie holds a paired browser's device token. HttpOnly: no
// script on the page ever sees it; scoped to /layar.
const displayCookie = "loket_layar"

// displayDevice is the paired display of the request's cookie.
func (s *Site) displayDevice(r *http.Request) (string, bool) {
	if s.cfg.Devices == nil {
		return "", false
	}
	c, err := r.Cookie(displayCookie)
	if err != nil || c.Value == "" {
		return "", false
	}
	return s.cfg.Devices.DisplayDevice(c.Value)
}

// handleLayar renders the waiting-room display for a paired browser, or
// the pairing page for any other.
func (s *Site) handleLayar(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Devices == nil {
		s.message(w, http.StatusNotFound, "Layar tidak tersedia", "Layar antrean di peramban tidak diaktifkan di server kantor ini.")
		return
	}
	if _, ok := s.displayDevice(r); !ok {
		s.render(w, http.StatusOK, "pair.html", nil)
		return
	}
	snap, err := s.feed.current(r.Context())
	if err != nil {
		s.log.Error("web: display snapshot", "err", err)
		s.message(w, http.StatusServiceUnavailable, "Belum tersedia", msgUnavailble)
		return
	}
	b := snap.board()
	js, _ := json.Marshal(b)
	s.render(w, http.StatusOK, "layar.html", map[string]any{"Board": b, "BoardJSON": string(js),
		"Date": dateID(s.cfg.Now().In(snap.office.Location())), "Zone": snap.office.Location().String()})
}

type pairStart struct {
	RequestID string    `json:"request_id"`
	Code      string    `json:"code"`
	ExpiresAt time.Time `json:"expires_at"`
}

type pairStatus struct {
	Status  string `json:"status"`
	Message string `json:"message,omitempty"`
}

func (s *Site) writeJSON(w http.ResponseWriter, status int, v any) {
	secure(w)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// handleLayarPair starts a pairing request for this browser: the code goes
// on the TV and, through the hub, into the admin's desktop app.
func (s *Site) handleLayarPair(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Devices == nil {
		s.writeJSON(w, http.StatusNotFound, pairStatus{Status: "error", Message: "Layar antrean di peramban tidak diaktifkan."})
		return
	}
	if !s.rate.allow(addrOf(r)+"|pair", 10, 10*time.Minute) {
		s.writeJSON(w, http.StatusTooManyRequests, pairStatus{Status: "error", Message: msgTooMany})
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
	name := strings.TrimSpace(r.FormValue("name"))
	if name == "" {
		name = "Layar peramban"
	}
	if !utf8.ValidString(name) || utf8.RuneCountInString(name) > 64 || strings.ContainsFunc(name, func(r rune) bool { return r < ' ' }) {
		s.writeJSON(w, http.StatusBadRequest, pairStatus{Status: "error", Message: "Nama layar paling banyak 64 karakter, tanpa karakter khusus."})
		return
	}
	id, code, exp, err := s.cfg.Devices.RequestDisplayPairing(name, r.RemoteAddr)
	if err != nil {
		s.log.Info("web: display pairing refused", "err", err)
		s.writeJSON(w, http.StatusTooManyRequests, pairStatus{Status: "error",
			Message: "Permintaan pemasangan tidak dapat dibuat saat ini. Coba lagi beberapa menit lagi."})
		return
	}
	s.writeJSON(w, http.StatusAccepted, pairStart{RequestID: id, Code: code, ExpiresAt: exp})
}

// handleLayarPoll tells the pairing page whether the admin approved; on
// approval the token goes into the HttpOnly cookie, never into the page.
func (s *Site) handleLayarPoll(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Devices == nil {
		s.writeJSON(w, http.StatusNotFound, pairStatus{Status: "expired"})
		return
	}
	status, token, ok := s.cfg.Devices.PollPairing(r.PathValue("id"))
	switch {
	case !ok:
		s.writeJSON(w, http.StatusNotFound, pairStatus{Status: "expired",
			Message: "Permintaan pemasangan kedaluwarsa. Muat ulang halaman untuk kode baru."})
	case status == "approved" && token != "":
		http.SetCookie(w, &http.Cookie{Name: displayCookie, Value: token, Path: "/layar", MaxAge: 400 * 24 * 3600,
			HttpOnly: true, Secure: r.TLS != nil, SameSite: http.SameSiteStrictMode})
		s.writeJSON(w, http.StatusOK, pairStatus{Status: "approved"})
	case status == "rejected":
		s.writeJSON(w, http.StatusOK, pairStatus{Status: "rejected", Message: "Pemasangan ditolak oleh admin kantor."})
	default:
		s.writeJSON(w, http.StatusOK, pairStatus{Status: status})
	}
}

// handleLayarEvents streams the board to a paired browser; a revoked
// display is told so at the next heartbeat and shows the pairing page.
func (s *Site) handleLayarEvents(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.displayDevice(r); !ok {
		secure(w)
		http.Error(w, "Layar ini belum dipasangkan.", http.StatusUnauthorized)
		return
	}
	done, ok := s.admitStream(w, r)
	if !ok {
		return
	}
	defer done()
	snap, err := s.feed.current(r.Context())
	if err != nil {
		secure(w)
		http.Error(w, msgUnavailble, http.StatusServiceUnavailable)
		return
	}
	first, _ := json.Marshal(snap.board())
	wt, stop := s.feed.watchBoard(first)
	defer stop()
	s.stream(w, r, wt, []message{{event: "board", data: first}}, func() (string, bool) {
		if _, ok := s.displayDevice(r); !ok {
			return `{"message":"Layar ini tidak lagi terpasang."}`, false
		}
		return "", true
	})
}
