package hub

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"time"

	"loket/store"
)

// ClientConfig is what a device keeps after pairing: where the hub is, the
// certificate it pinned and its token. It is a secret (the token opens
// the office's API): SaveClientConfig writes it readable by the owner only.
type ClientConfig struct {
	// Addr is the hub's host:port (or host alone for DefaultPort).
	Addr string `json:"addr"`
	// Fingerprint is the pinned SHA-256 of the hub's certificate.
	Fingerprint string `json:"fingerprint"`
	Token       string `json:"token"`
	DeviceID    string `json:"device_id,omitempty"`
	DeviceName  string `json:"device_name,omitempty"`
	// Kind is what this device was paired as (KindCounter when empty).
	Kind string `json:"kind,omitempty"`
}

// SaveClientConfig writes cfg to path as JSON with mode 0600, atomically.
func SaveClientConfig(path string, cfg ClientConfig) error {
	b, err := json.MarshalIndent(cfg, "", "  ")
	if err != nil {
		return fmt.Errorf("hub: client config: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("hub: client config: %w", err)
	}
	return writeFileAtomic(path, append(b, '\n'), 0o600)
}

// LoadClientConfig reads a config written by SaveClientConfig. A missing
// file gives an error matching os.ErrNotExist (the device is not paired).
func LoadClientConfig(path string) (ClientConfig, error) {
	var cfg ClientConfig
	b, err := os.ReadFile(path)
	if err != nil {
		return cfg, fmt.Errorf("hub: client config: %w", err)
	}
	if err := json.Unmarshal(b, &cfg); err != nil {
		return cfg, fmt.Errorf("hub: client config %s: %w", path, err)
	}
	if cfg.Fingerprint, err = NormalizeFingerprint(cfg.Fingerprint); err != nil {
		return cfg, fmt.Errorf("hub: client config %s: %w", path, err)
	}
	if cfg.Addr == "" || cfg.Token == "" {
		return cfg, fmt.Errorf("hub: client config %s: address or token missing", path)
	}
	return cfg, nil
}

// PairInfo is what the device shows while the admin decides: the code (the
// hub shows the same one) and the fingerprint of the certificate this
// device actually saw (the hub shows its own; they must match).
type PairInfo struct {
	Code string
	// Fingerprint is the certificate fingerprint this device saw (64 hex);
	// ShortFingerprint(Fingerprint) is what people compare.
	Fingerprint string
	ExpiresAt   time.Time
}

// PairOptions tune Pair.
type PairOptions struct {
	// ExpectFingerprint, when set (typed in from the hub's screen),
	// makes the very first contact verified too: the device then trusts
	// nothing on first use.
	ExpectFingerprint string
	// Poll is how often the device asks whether it was approved
	// (default 1 s).
	Poll   time.Duration
	Logger *slog.Logger
	// Kind is what the device pairs as: KindCounter (the default),
	// KindKiosk, KindDisplay or KindSurvey. The hub lets it call only
	// what that kind needs.
	Kind string
}

// Refusals of pairing, on the device's side.
var (
	ErrPairRejected = &store.Error{Code: "pairing_rejected",
		Message: "Permintaan pemasangan ditolak di server kantor (hub)."}
	ErrPairExpired = &store.Error{Code: "pairing_expired",
		Message: "Permintaan pemasangan kedaluwarsa sebelum disetujui. Ulangi pemasangan."}
)

// Pair asks the hub at addr to pair this device, calls show with the code
// and fingerprint to display, waits until the admin approves on the hub
// (or rejects, or the request expires, or ctx ends) and returns the config
// to save with SaveClientConfig.
//
// The first contact accepts the hub's self-signed certificate without a
// CA (there is none on an office LAN) and pins the fingerprint it saw:
// every later connection, the polls included, must present that same
// certificate. The admin approving the code on the hub is also the check
// that the fingerprint shown on this device equals the hub's own, which
// defeats a machine in the middle (see API.md, "Trust model").
func Pair(ctx context.Context, addr, deviceName string, show func(PairInfo), opt PairOptions) (ClientConfig, error) {
	log := opt.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	base, err := baseURL(addr)
	if err != nil {
		return ClientConfig{}, err
	}
	expect := ""
	if opt.ExpectFingerprint != "" {
		if expect, err = NormalizeFingerprint(opt.ExpectFingerprint); err != nil {
			return ClientConfig{}, err
		}
	}
	var mu sync.Mutex
	seen := ""
	first := &http.Client{Transport: newTransport(expect, func(fp string) { mu.Lock(); seen = fp; mu.Unlock() }),
		Timeout: 10 * time.Second}
	defer first.CloseIdleConnections()

	body, _ := json.Marshal(pairReq{DeviceName: deviceName, Kind: opt.Kind})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/v1/pair", bytes.NewReader(body))
	if err != nil {
		return ClientConfig{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := first.Do(req)
	if err != nil {
		return ClientConfig{}, linkErr(ctx, log, "pair", err)
	}
	if resp.StatusCode != http.StatusAccepted {
		defer discard(resp.Body)
		return ClientConfig{}, readErr(log, "pair", resp)
	}
	var pr pairResp
	err = json.NewDecoder(resp.Body).Decode(&pr)
	discard(resp.Body)
	if err != nil {
		return ClientConfig{}, linkErr(ctx, log, "pair", err)
	}
	mu.Lock()
	pin := seen
	mu.Unlock()
	// What the hub says its fingerprint is must be what this connection
	// saw. A crude interceptor fails here; a careful one passes, and is
	// caught by the admin comparing the fingerprints.
	if hubFP, err := NormalizeFingerprint(pr.Fingerprint); err != nil || hubFP != pin {
		log.Error("hub: pairing: certificate seen differs from the one the hub reports", "seen", pin, "reported", pr.Fingerprint)
		return ClientConfig{}, clone(ErrCertMismatch)
	}
	if show != nil {
		show(PairInfo{Code: pr.Code, Fingerprint: pin, ExpiresAt: pr.ExpiresAt})
	}

	pinned := &http.Client{Transport: newTransport(pin, nil), Timeout: 10 * time.Second}
	defer pinned.CloseIdleConnections()
	every := opt.Poll
	if every <= 0 {
		every = time.Second
	}
	for {
		select {
		case <-ctx.Done():
			return ClientConfig{}, ctx.Err()
		case <-time.After(every):
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/v1/pair/"+url.PathEscape(pr.RequestID), nil)
		if err != nil {
			return ClientConfig{}, err
		}
		resp, err := pinned.Do(req)
		if err != nil {
			err = linkErr(ctx, log, "pair poll", err)
			if errors.Is(err, ErrUnreachable) {
				continue // the hub may be restarting; the request may survive
			}
			return ClientConfig{}, err
		}
		if resp.StatusCode == http.StatusNotFound {
			discard(resp.Body)
			return ClientConfig{}, clone(ErrPairExpired)
		}
		if resp.StatusCode != http.StatusOK {
			err := readErr(log, "pair poll", resp)
			discard(resp.Body)
			return ClientConfig{}, err
		}
		var poll pollResp
		err = json.NewDecoder(resp.Body).Decode(&poll)
		discard(resp.Body)
		if err != nil {
			continue
		}
		switch poll.Status {
		case PairPending:
			// Keep asking: the hub answers 404 once the request expired
			// (its clock decides, not this device's).
		case PairApproved:
			return ClientConfig{Addr: addr, Fingerprint: pin, Token: poll.Token, DeviceID: poll.DeviceID, Kind: opt.Kind,
				DeviceName: deviceName}, nil
		case PairRejected:
			return ClientConfig{}, clone(ErrPairRejected)
		default:
			return ClientConfig{}, clone(ErrBadRequest)
		}
	}
}
