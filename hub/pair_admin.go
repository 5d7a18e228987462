package hub

import (
	"context"
	"net/http"
	"strings"

	"loket/office"
	"loket/store"
)

// Pairing approval from a desktop app: an admin logged in at a counter
// PC lists the requests waiting (browser displays included: they are in
// the same registry) and approves or rejects one by its code, as on the
// hub's console. Not office.Service methods (the registry is the hub's),
// so their access rule is here, the audit policy's: a counter PC and an
// active admin's officer token.

type pairCodeReq struct {
	Code string `json:"code"`
}

func (s *Server) pairingAdminRoutes() {
	s.mux.HandleFunc("GET /v1/pairings", s.auth(func(w http.ResponseWriter, r *http.Request) {
		if err := s.guardPairingAdmin(r, "PendingPairings"); err != nil {
			s.writeErr(w, r, err)
			return
		}
		out := []office.PairingRequest{}
		for _, p := range s.PendingPairings() {
			out = append(out, office.PairingRequest{Code: p.Code, DeviceName: p.DeviceName, Kind: p.Kind,
				KindLabel: kindLabel(p.Kind), RemoteAddr: p.RemoteAddr, CreatedAt: p.CreatedAt, ExpiresAt: p.ExpiresAt})
		}
		s.writeJSON(w, http.StatusOK, out)
	}))
	for _, m := range []struct {
		method, path string
		do           func(code string) error
	}{
		{"ApprovePairing", "/v1/pairings/approve", func(code string) error { _, err := s.ApprovePairing(code); return err }},
		{"RejectPairing", "/v1/pairings/reject", s.RejectPairing},
	} {
		s.mux.HandleFunc("POST "+m.path, s.auth(func(w http.ResponseWriter, r *http.Request) {
			if err := s.guardPairingAdmin(r, m.method); err != nil {
				s.writeErr(w, r, err)
				return
			}
			var q pairCodeReq
			if !s.decode(w, r, &q) {
				return
			}
			if err := m.do(strings.TrimSpace(q.Code)); err != nil {
				s.writeErr(w, r, err)
				return
			}
			s.writeJSON(w, http.StatusOK, okResp{OK: true})
		}))
	}
}

// guardPairingAdmin is guard under the audit policy for the pairing
// endpoints: a counter PC, an active admin's token.
func (s *Server) guardPairingAdmin(r *http.Request, method string) error {
	ctx := r.Context()
	d := deviceOf(r)
	if !audit.kinds.has(kindOf(d)) {
		return s.refuse(ctx, d, method, "", errDeviceKind(kindOf(d)))
	}
	id, ok := s.tokens.check(strings.TrimSpace(r.Header.Get(OfficerHeader)), d.ID)
	if !ok {
		return s.refuse(ctx, d, method, "", ErrLoginRequired)
	}
	if !s.isAdmin(context.WithValue(ctx, officerKey{}, id), id) {
		return s.refuse(ctx, d, method, id, store.ErrForbidden)
	}
	return nil
}

// PendingPairings implements office.PairingApprover with the token of the
// latest admin login on this client.
func (c *Client) PendingPairings(ctx context.Context) ([]office.PairingRequest, error) {
	var out []office.PairingRequest
	err := c.do(context.WithValue(ctx, officerSelKey{}, c.adminToken()), http.MethodGet, "/v1/pairings", nil, &out)
	return out, err
}

// ApprovePairing implements office.PairingApprover.
func (c *Client) ApprovePairing(ctx context.Context, code string) error {
	return c.do(context.WithValue(ctx, officerSelKey{}, c.adminToken()), http.MethodPost, "/v1/pairings/approve",
		pairCodeReq{Code: code}, &okResp{})
}

// RejectPairing implements office.PairingApprover.
func (c *Client) RejectPairing(ctx context.Context, code string) error {
	return c.do(context.WithValue(ctx, officerSelKey{}, c.adminToken()), http.MethodPost, "/v1/pairings/reject",
		pairCodeReq{Code: code}, &okResp{})
}

var _ office.PairingApprover = (*Client)(nil)
