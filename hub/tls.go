package hub

import (
	"crypto/tls"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"loket/tlspin"
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
	host, _ := os.Hostname()
	certPEM, keyPEM, err := tlspin.SelfSigned{
		CommonName: "Loket hub " + host,
		Hosts:      []string{"localhost", "loket-hub", "127.0.0.1", "::1", host},
		Valid:      30 * 365 * 24 * time.Hour, // pinned, never renewed by a CA
	}.Create()
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("hub: %w", err)
	}
	if err := writeFileAtomic(kp, keyPEM, 0o600); err != nil {
		return tls.Certificate{}, err
	}
	if err := writeFileAtomic(cp, certPEM, 0o644); err != nil {
		return tls.Certificate{}, err
	}
	return tls.LoadX509KeyPair(cp, kp)
}

// NormalizeFingerprint accepts a fingerprint typed or pasted by a person
// (any case, with colons, spaces or dashes) and returns the 64-digit
// lowercase form, or an error; a paired device always has one.
func NormalizeFingerprint(s string) (string, error) {
	fp, err := tlspin.Normalize(s)
	if err == nil && fp == "" {
		err = errors.New("hub: no certificate fingerprint")
	}
	return fp, err
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
// the exact certificate whose fingerprint was pinned at pairing (the rules
// are tlspin's). With pin == "" it accepts any certificate (first contact
// during pairing only); onSeen, when set, learns the fingerprint of every
// certificate seen.
func pinnedTLS(pin string, onSeen func(fp string)) *tls.Config {
	cfg, err := tlspin.Config(tlspin.Options{Pin: pin, AcceptAny: pin == "", OnSeen: onSeen})
	if err != nil {
		// Only a malformed pin fails, and every caller normalised it
		// first; should one slip through, refuse every server rather
		// than trust one.
		return &tls.Config{MinVersion: tls.VersionTLS12, InsecureSkipVerify: true, //nolint:gosec // refuses below
			VerifyConnection: func(tls.ConnectionState) error { return err }}
	}
	return cfg
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
