package hub

import (
	"time"

	"loket/web"
)

// mountWeb serves the visitor's pages (package web) beside the API: the
// phone ticket at /t/<code> (public on the office network, rate limited)
// and the browser display at /layar, paired like any display.
func (s *Server) mountWeb() {
	cfg := web.Config{Svc: s.svc, Devices: webDevices{s}, Log: s.log}
	if pt, ok := s.svc.(web.PhoneTickets); ok {
		cfg.Tickets = pt
	}
	// The pages' "today" is the office's business day: the store's clock
	// when the service has one (office.Local), not the hub host's.
	if c, ok := s.svc.(interface{ Now() time.Time }); ok {
		cfg.Now = c.Now
	}
	s.web = web.New(cfg)
	s.web.Register(s.mux)
}

// Web is the site of the visitor's pages, to tune its limits before
// serving (web.Site.SetLimits).
func (s *Server) Web() *web.Site { return s.web }

// webDevices lets a browser pair as a display through the registry, with
// the same code, limits and admin approval as a display PC.
type webDevices struct{ s *Server }

func (d webDevices) RequestDisplayPairing(name, remote string) (string, string, time.Time, error) {
	p, err := d.s.reg.request(name, KindDisplay, remote, d.s.fp)
	if err != nil {
		return "", "", time.Time{}, err
	}
	d.s.log.Info("hub: pairing requested", "device", name, "kind", KindDisplay, "remote", remote, "via", "browser")
	d.s.log.Debug("hub: pairing code", "code", p.Code, "device", name, "remote", remote)
	if cb := d.s.OnPairingRequest; cb != nil {
		go cb(p.Pairing)
	}
	return p.requestID, p.Code, p.ExpiresAt, nil
}

func (d webDevices) PollPairing(id string) (string, string, bool) {
	status, token, _, ok := d.s.reg.poll(id)
	return status, token, ok
}

func (d webDevices) DisplayDevice(token string) (string, bool) {
	dev, ok := d.s.reg.authenticate(token)
	if !ok || dev.Kind != KindDisplay {
		return "", false
	}
	return dev.ID, true
}
