package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"time"

	"loket/store"
)

// Refusals of the phone page, in Indonesian.
const (
	msgTooMany    = "Terlalu banyak permintaan dari perangkat ini. Tunggu sebentar, lalu muat ulang halaman."
	msgNoTicket   = "Tiket tidak ditemukan. Pindai ulang kode QR pada tiket Anda."
	msgExpired    = "Tiket ini sudah tidak berlaku. Tiket antrean hanya berlaku pada hari diterbitkan; silakan ambil nomor baru di kiosk."
	msgUnavailble = "Layanan sedang tidak tersedia. Silakan coba lagi sebentar lagi."
)

// phoneTicket resolves the code of a /t/ request, answering the refusal
// itself (false) when there is no live ticket to show.
func (s *Site) phoneTicket(w http.ResponseWriter, r *http.Request, page bool) (store.Ticket, *snapshot, bool) {
	addr := addrOf(r)
	fail := func(status int, title, text string) {
		if page {
			s.message(w, status, title, text)
			return
		}
		secure(w)
		http.Error(w, text, status)
	}
	if !s.rate.allow(addr+"|t", s.cfg.PagesPerMinute, time.Minute) ||
		s.rate.count(addr+"|bad", time.Hour) >= s.cfg.BadCodesPerHour {
		w.Header().Set("Retry-After", "60")
		fail(http.StatusTooManyRequests, "Terlalu banyak permintaan", msgTooMany)
		return store.Ticket{}, nil, false
	}
	if s.cfg.Tickets == nil {
		fail(http.StatusNotFound, "Tiket tidak ditemukan", msgNoTicket)
		return store.Ticket{}, nil, false
	}
	t, err := s.cfg.Tickets.TicketByPhoneCode(r.Context(), r.PathValue("code"))
	if errors.Is(err, store.ErrNotFound) {
		s.rate.allow(addr+"|bad", s.cfg.BadCodesPerHour, time.Hour)
		fail(http.StatusNotFound, "Tiket tidak ditemukan", msgNoTicket)
		return store.Ticket{}, nil, false
	}
	if err != nil {
		s.log.Error("web: phone ticket", "err", err)
		fail(http.StatusServiceUnavailable, "Belum tersedia", msgUnavailble)
		return store.Ticket{}, nil, false
	}
	snap, err := s.feed.current(r.Context())
	if err != nil {
		s.log.Error("web: phone snapshot", "err", err)
		fail(http.StatusServiceUnavailable, "Belum tersedia", msgUnavailble)
		return store.Ticket{}, nil, false
	}
	if t.BusinessDate != snap.office.BusinessDate(s.cfg.Now()) {
		fail(http.StatusGone, "Tiket tidak berlaku", msgExpired)
		return store.Ticket{}, nil, false
	}
	return t, snap, true
}

// handlePhone renders the ticket's page: everything is in the HTML, so a
// phone without JavaScript still sees its position (and reloads it); the
// script keeps it live and sounds the call.
func (s *Site) handlePhone(w http.ResponseWriter, r *http.Request) {
	t, snap, ok := s.phoneTicket(w, r, true)
	if !ok {
		return
	}
	st := snap.phoneOf(t)
	js, _ := json.Marshal(st)
	s.render(w, http.StatusOK, "phone.html", map[string]any{
		"Office": snap.office.Name, "State": st, "StateJSON": template.JS(js),
		"Events": "/t/" + r.PathValue("code") + "/events",
		"Date":   dateID(t.IssuedAt.In(snap.office.Location())),
	})
}

// handlePhoneEvents streams one ticket's state and its call.
func (s *Site) handlePhoneEvents(w http.ResponseWriter, r *http.Request) {
	t, snap, ok := s.phoneTicket(w, r, false)
	if !ok {
		return
	}
	done, ok := s.admitStream(w, r)
	if !ok {
		return
	}
	defer done()
	first, _ := json.Marshal(snap.phoneOf(t))
	wt, stop := s.feed.watchTicket(t.ID, first)
	defer stop()
	loc, date := snap.office.Location(), t.BusinessDate
	s.stream(w, r, wt, []message{{event: "state", data: first}}, func() (string, bool) {
		if s.cfg.Now().In(loc).Format(store.DateLayout) != date {
			return `{"message":` + quote(msgExpired) + `}`, false
		}
		return "", true
	})
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// stream serves Server-Sent Events: the first messages, then what the
// watcher receives, with a heartbeat; alive is asked at each heartbeat and
// ends the stream with an "end" event carrying its data when false.
func (s *Site) stream(w http.ResponseWriter, r *http.Request, wt *watcher, first []message, alive func() (string, bool)) {
	rc := http.NewResponseController(w)
	_ = rc.SetReadDeadline(time.Time{})
	h := w.Header()
	secure(w)
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	write := func(ms ...message) bool {
		_ = rc.SetWriteDeadline(time.Now().Add(30 * time.Second))
		for _, m := range ms {
			if _, err := fmt.Fprintf(w, "event: %s\ndata: %s\n\n", m.event, m.data); err != nil {
				return false
			}
		}
		return rc.Flush() == nil
	}
	// retry: a phone that lost the Wi-Fi comes back within seconds.
	if _, err := fmt.Fprint(w, "retry: 3000\n\n"); err != nil || !write(first...) {
		return
	}
	tick := time.NewTicker(s.cfg.Heartbeat)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case m := <-wt.ch:
			if !write(m) {
				return
			}
		case <-tick.C:
			if data, ok := alive(); !ok {
				write(message{event: "end", data: []byte(data)})
				return
			}
			_ = rc.SetWriteDeadline(time.Now().Add(30 * time.Second))
			if _, err := fmt.Fprint(w, ": ping\n\n"); err != nil || rc.Flush() != nil {
				return
			}
		}
	}
}

var monthsID = [...]string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
	"September", "Oktober", "November", "Desember"}

var daysID = [...]string{"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"}

func dateID(t time.Time) string {
	return fmt.Sprintf("%s, %d %s %d", daysID[t.Weekday()], t.Day(), monthsID[t.Month()-1], t.Year())
}
