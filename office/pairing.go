package office

import (
	"context"
	"time"
)

// PairingRequest is a device (a counter PC, a kiosk, a display PC or a
// browser display on /layar) waiting for the admin to approve its pairing
// with the office hub, by the code both screens show.
type PairingRequest struct {
	Code       string    `json:"code"`
	DeviceName string    `json:"device_name"`
	Kind       string    `json:"kind"`
	KindLabel  string    `json:"kind_label"`
	RemoteAddr string    `json:"remote_addr"`
	CreatedAt  time.Time `json:"created_at"`
	ExpiresAt  time.Time `json:"expires_at"`
}

// PairingApprover is what a desktop app connected to the hub (hub.Client)
// offers beyond Service: the hub's pairing requests, for an admin logged
// in at a counter PC to approve or reject, as on the hub's console. It is
// not part of Service: the requests live in the hub's device registry,
// which office.Local (the hub PC's own app) does not hold.
type PairingApprover interface {
	PendingPairings(ctx context.Context) ([]PairingRequest, error)
	ApprovePairing(ctx context.Context, code string) error
	RejectPairing(ctx context.Context, code string) error
}
