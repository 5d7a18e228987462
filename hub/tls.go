package hub

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// File names inside the hub's state directory.
const (
	certFile    = "hub-cert.pem"
	keyFile     = "hub-key.pem"
	devicesFile = "devices.json"
)

// loadOrCreateCert returns the hub's certificate from dir, making a
// self-signed ECDSA P-256 one on first start. It is reused on every later
// start: paired devices pin its fingerprint, so a new certificate would
// unpair every device in the office.
func loadOrCreateCert(dir string) (tls.Certificate, error) {
	cp, kp := filepath.Join(dir, certFile), filepath.Join(dir, keyFile)
	cert, err := tls.LoadX509KeyPair(cp, kp)
	if err == nil {
		return cert, nil
	}
	_, cErr := os.Stat(cp)
	_, kErr := os.Stat(kp)
	if !errors.Is(cErr, os.ErrNotExist) || !errors.Is(kErr, os.ErrNotExist) {
		// A damaged or half-present pair is not silently replaced: that
		// would unpair every device. An engineer decides.
		return tls.Certificate{}, fmt.Errorf("hub: certificate in %s unreadable (delete both %s and %s to make a new one and re-pair every device): %w",
			dir, certFile, keyFile, err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return tls.Certificate{}, fmt.Errorf("hub: state dir: %w", err)
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("hub: key: %w", err)
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("hub: serial: %w", err)
	}
	host, _ := os.Hostname()
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: "Loket hub " + host, Organization: []string{"Loket"}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.AddDate(30, 0, 0), // pinned, never renewed by a CA
		KeyUsage:              x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		DNSNames:              []string{"localhost", "loket-hub"},
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
	}
	if host != "" {
		tmpl.DNSNames = append(tmpl.DNSNames, host)
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("hub: certificate: %w", err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("hub: key: %w", err)
	}
	if err := writeFileAtomic(kp, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		return tls.Certificate{}, err
	}
	if err := writeFileAtomic(cp, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
		return tls.Certificate{}, err
	}
	return tls.LoadX509KeyPair(cp, kp)
}

// Fingerprint is the SHA-256 of a DER certificate as 64 lowercase hex
// digits: the value devices pin.
func Fingerprint(der []byte) string {
	sum := sha256.Sum256(der)
	return hex.EncodeToString(sum[:])
}

// NormalizeFingerprint accepts a fingerprint typed or pasted by a person
// (any case, with colons, spaces or dashes) and returns the 64-digit
// lowercase form, or an error.
func NormalizeFingerprint(s string) (string, error) {
	s = strings.Map(func(r rune) rune {
		switch r {
		case ':', ' ', '-', '\t':
			return -1
		}
		return r
	}, strings.ToLower(strings.TrimSpace(s)))
	if len(s) != 64 {
		return "", fmt.Errorf("hub: fingerprint must be 64 hex digits, got %d", len(s))
	}
	if _, err := hex.DecodeString(s); err != nil {
		return "", fmt.Errorf("hub: fingerprint: %w", err)
	}
	return s, nil
}

// ShortFingerprint is the part of a fingerprint people compare by eye at
// pairing: the first 64 bits in four groups ("3F2A 9C01 ..."). 64 bits are
// far beyond what an attacker can match by generating certificates.
func ShortFingerprint(fp string) string {
	fp = strings.ToUpper(fp)
	if len(fp) < 16 {
		return fp
	}
	return fp[0:4] + " " + fp[4:8] + " " + fp[8:12] + " " + fp[12:16]
}

// pinnedTLS is the client's TLS configuration: no CA, no host name, only
// the exact certificate whose fingerprint was pinned at pairing.
// InsecureSkipVerify turns off chain verification, which a self-signed
// certificate cannot pass; VerifyConnection then does the real check.
// With pin == "" it accepts any certificate (first contact during pairing
// only); onSeen, when set, learns the fingerprint of every certificate seen.
func pinnedTLS(pin string, onSeen func(fp string)) *tls.Config {
	return &tls.Config{
		MinVersion:         tls.VersionTLS12,
		InsecureSkipVerify: true, //nolint:gosec // verified by fingerprint below
		VerifyConnection: func(cs tls.ConnectionState) error {
			if len(cs.PeerCertificates) == 0 {
				return errCertMismatch{got: "none", want: pin}
			}
			got := Fingerprint(cs.PeerCertificates[0].Raw)
			if onSeen != nil {
				onSeen(got)
			}
			if pin != "" && got != pin {
				return errCertMismatch{got: got, want: pin}
			}
			return nil
		},
	}
}

// errCertMismatch is the TLS-level failure; the client turns it into
// ErrCertMismatch.
type errCertMismatch struct{ got, want string }

func (e errCertMismatch) Error() string {
	return fmt.Sprintf("hub: certificate fingerprint %s does not match the pinned %s", e.got, e.want)
}

// writeFileAtomic writes data to path through a temporary file in the same
// directory and a rename, so a crash leaves the old file or the new one,
// never half of one.
func writeFileAtomic(path string, data []byte, perm os.FileMode) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("hub: write %s: %w", path, err)
	}
	tmp := f.Name()
	defer os.Remove(tmp) // no-op after a successful rename
	if err := f.Chmod(perm); err != nil {
		f.Close()
		return fmt.Errorf("hub: write %s: %w", path, err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("hub: write %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("hub: write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("hub: write %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("hub: write %s: %w", path, err)
	}
	if d, err := os.Open(dir); err == nil { // make the rename durable
		_ = d.Sync()
		d.Close()
	}
	return nil
}
