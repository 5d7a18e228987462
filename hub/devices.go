package hub

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"

	"loket/store"
)

// Device is a paired counter PC, kiosk or display in the hub's registry.
// The registry never holds a token, only its SHA-256.
type Device struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Kind is what the device was paired as (KindCounter, KindKiosk,
	// KindDisplay, KindSurvey): it decides what it may call. Empty for a
	// device paired before kinds existed, which counts as a counter PC.
	Kind       string    `json:"kind,omitempty"`
	TokenHash  string    `json:"token_sha256"`
	RemoteAddr string    `json:"remote_addr,omitempty"`
	PairedAt   time.Time `json:"paired_at"`
	// RevokedAt is set when the admin revoked the device; revoked devices
	// stay in the file as a record but their token no longer opens
	// anything.
	RevokedAt time.Time `json:"revoked_at,omitzero"`
	// LastSeen is when the device last made a request (since the hub
	// started; not persisted, to keep request handling free of disk
	// writes).
	LastSeen time.Time `json:"-"`
}

// Revoked tells whether the device's access was revoked.
func (d Device) Revoked() bool { return !d.RevokedAt.IsZero() }

// Pairing is a device's pending request to pair, as the hub's admin sees it:
// the code and the hub's fingerprint are shown on the hub, and the device
// shows the code and the fingerprint it saw; the admin approves only when
// both screens agree.
type Pairing struct {
	// Code is the short numeric code shown on both screens.
	Code       string
	DeviceName string
	// Kind is what the device asks to be paired as; the admin approves
	// it with the code.
	Kind       string
	RemoteAddr string
	// Fingerprint is the hub's own certificate fingerprint (64 hex).
	Fingerprint string
	CreatedAt   time.Time
	ExpiresAt   time.Time
}

// Pairing request states, as the device sees them when polling.
const (
	PairPending  = "pending"
	PairApproved = "approved"
	PairRejected = "rejected"
)

// How long a pairing request waits for the admin, and how long an approved
// token waits to be collected by the device.
const (
	pairTTL = 10 * time.Minute
	// maxPendingPerSource bounds the requests waiting from one network
	// address, so one noisy or hostile machine cannot crowd out the
	// others; maxPending only bounds the hub's memory.
	maxPendingPerSource = 5
	maxPending          = 256
	tokenBytes          = 32
	requestByte         = 16
)

type pairing struct {
	Pairing
	requestID string
	status    string
	token     string // plaintext, only until the device collects it
	deviceID  string
}

// registry is the hub's device registry: paired devices (persisted as JSON
// in the state dir) and pending pairing requests (memory only).
type registry struct {
	path string
	now  func() time.Time

	mu      sync.Mutex
	devices []*Device
	byHash  map[string]*Device // active (not revoked) devices
	pending map[string]*pairing
}

type registryFile struct {
	Version int       `json:"version"`
	Devices []*Device `json:"devices"`
}

func openRegistry(dir string, now func() time.Time) (*registry, error) {
	r := &registry{path: filepath.Join(dir, devicesFile), now: now,
		byHash: map[string]*Device{}, pending: map[string]*pairing{}}
	b, err := os.ReadFile(r.path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return r, nil
	case err != nil:
		return nil, fmt.Errorf("hub: devices: %w", err)
	}
	var f registryFile
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("hub: devices %s: %w", r.path, err)
	}
	r.devices = f.Devices
	r.reindex()
	return r, nil
}

func (r *registry) reindex() {
	r.byHash = map[string]*Device{}
	for _, d := range r.devices {
		if !d.Revoked() {
			r.byHash[d.TokenHash] = d
		}
	}
}

// save writes the registry; callers hold mu.
func (r *registry) save() error {
	b, err := json.MarshalIndent(registryFile{Version: 1, Devices: r.devices}, "", "  ")
	if err != nil {
		return fmt.Errorf("hub: devices: %w", err)
	}
	return writeFileAtomic(r.path, append(b, '\n'), 0o600)
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// authenticate returns the active device holding token.
func (r *registry) authenticate(token string) (Device, bool) {
	if token == "" {
		return Device{}, false
	}
	h := hashToken(token)
	r.mu.Lock()
	defer r.mu.Unlock()
	d, ok := r.byHash[h]
	// The map lookup already matched; the constant-time compare keeps the
	// check honest should the index ever become a prefix or a scan.
	if !ok || subtle.ConstantTimeCompare([]byte(d.TokenHash), []byte(h)) != 1 {
		return Device{}, false
	}
	d.LastSeen = r.now()
	return *d, true
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
	return hex.EncodeToString(b)
}

func errPairing(msg string) *store.Error { return &store.Error{Code: CodePairing, Message: msg} }

var errNoPairing = &store.Error{Code: "not_found",
	Message: "Kode pemasangan tidak ditemukan atau sudah kedaluwarsa. Minta perangkat mengulang pemasangan."}

// expire drops pairing requests past their time; callers hold mu.
func (r *registry) expire() {
	now := r.now()
	for id, p := range r.pending {
		if now.After(p.ExpiresAt) {
			delete(r.pending, id)
		}
	}
}

// request records a device's request to pair and returns it with its
// secret request id (the device polls with it).
func (r *registry) request(deviceName, kind, remote, fingerprint string) (pairing, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.expire()
	n, fromSource := 0, 0
	src := sourceOf(remote)
	for _, p := range r.pending {
		if p.status == PairPending {
			n++
			if sourceOf(p.RemoteAddr) == src {
				fromSource++
			}
		}
	}
	if fromSource >= maxPendingPerSource {
		return pairing{}, errPairing("Terlalu banyak permintaan pemasangan dari perangkat ini yang masih menunggu. Setujui atau tolak permintaan sebelumnya di server kantor (hub), atau tunggu 10 menit.")
	}
	if n >= maxPending {
		return pairing{}, errPairing("Terlalu banyak permintaan pemasangan yang menunggu di server kantor (hub). Coba lagi nanti.")
	}
	var code string
	for {
		v, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
		if err != nil {
			return pairing{}, err
		}
		code = fmt.Sprintf("%06d", v.Int64())
		if r.byCode(code) == nil {
			break
		}
	}
	now := r.now()
	p := &pairing{Pairing: Pairing{Code: code, DeviceName: deviceName, Kind: kind, RemoteAddr: remote,
		Fingerprint: fingerprint, CreatedAt: now, ExpiresAt: now.Add(pairTTL)},
		requestID: randomHex(requestByte), status: PairPending}
	r.pending[p.requestID] = p
	return *p, nil
}

// sourceOf is the network address a request came from, without its port
// (each connection has its own port; the machine is what is limited).
func sourceOf(remote string) string {
	if host, _, err := net.SplitHostPort(remote); err == nil {
		return host
	}
	return remote
}

// byCode finds a pending request; callers hold mu.
func (r *registry) byCode(code string) *pairing {
	for _, p := range r.pending {
		if p.Code == code && p.status == PairPending {
			return p
		}
	}
	return nil
}

func (r *registry) pendingList() []Pairing {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.expire()
	var out []Pairing
	for _, p := range r.pending {
		if p.status == PairPending {
			out = append(out, p.Pairing)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].CreatedAt.Before(out[j].CreatedAt) })
	return out
}

func (r *registry) approve(code string) (Device, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.expire()
	p := r.byCode(code)
	if p == nil {
		return Device{}, errNoPairing
	}
	tb := make([]byte, tokenBytes)
	if _, err := rand.Read(tb); err != nil {
		return Device{}, err
	}
	token := base64.RawURLEncoding.EncodeToString(tb)
	now := r.now()
	d := &Device{ID: "dev-" + randomHex(6), Name: p.DeviceName, Kind: p.Kind, TokenHash: hashToken(token),
		RemoteAddr: p.RemoteAddr, PairedAt: now}
	r.devices = append(r.devices, d)
	if err := r.save(); err != nil {
		r.devices = r.devices[:len(r.devices)-1]
		return Device{}, err
	}
	r.byHash[d.TokenHash] = d
	p.status, p.token, p.deviceID = PairApproved, token, d.ID
	p.ExpiresAt = now.Add(pairTTL) // time for the device to collect it
	return *d, nil
}

func (r *registry) reject(code string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.expire()
	p := r.byCode(code)
	if p == nil {
		return errNoPairing
	}
	p.status = PairRejected
	return nil
}

// poll is the device's view of its request. An approved token is handed
// out once; afterwards the request is gone.
func (r *registry) poll(requestID string) (status, token, deviceID string, ok bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.expire()
	p := r.pending[requestID]
	if p == nil {
		return "", "", "", false
	}
	switch p.status {
	case PairApproved, PairRejected:
		delete(r.pending, requestID)
	}
	return p.status, p.token, p.deviceID, true
}

func (r *registry) revoke(id string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, d := range r.devices {
		if d.ID == id && !d.Revoked() {
			d.RevokedAt = r.now()
			if err := r.save(); err != nil {
				d.RevokedAt = time.Time{}
				return err
			}
			delete(r.byHash, d.TokenHash)
			return nil
		}
	}
	return &store.Error{Code: "not_found", Message: "Perangkat tidak ditemukan atau sudah dicabut."}
}

func (r *registry) list() []Device {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]Device, 0, len(r.devices))
	for _, d := range r.devices {
		out = append(out, *d)
	}
	return out
}
