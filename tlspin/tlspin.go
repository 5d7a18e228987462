// Package tlspin is the one place Loket decides whether to trust a server's
// TLS certificate: the office hub's (pinned at pairing) and the central
// server's (pinned, or verified against a CA file, or both).
//
// The rules, in one table:
//
//	pin   CA      what must hold
//	----  ------  ---------------------------------------------------------
//	 -     -      the system roots verify the chain and the host name
//	 -     yes    the CA verifies the chain and the host name
//	yes    -      the leaf is exactly the pinned certificate and is within
//	              its validity period (no chain, no host name: a pinned
//	              self-signed certificate is the whole point)
//	yes    yes    both of the above: the CA verifies the chain and the host
//	              name, and the leaf is the pinned one
//
// A pin never turns off the CA's verification when both are given: that
// would let a certificate someone copied past a CA the admin set up.
package tlspin

import (
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"
)

// Fingerprint is the SHA-256 of a DER certificate as 64 lowercase hex
// digits: the value offices and devices pin.
func Fingerprint(der []byte) string {
	sum := sha256.Sum256(der)
	return hex.EncodeToString(sum[:])
}

// Normalize accepts a fingerprint typed or pasted by a person (any case,
// with colons, spaces or dashes, with or without a "sha256/" prefix) and
// returns the 64-digit lowercase form. "" stays "" (no pin).
func Normalize(s string) (string, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimPrefix(s, "sha256/")
	s = strings.Map(func(r rune) rune {
		switch r {
		case ':', ' ', '-', '\t':
			return -1
		}
		return r
	}, s)
	if s == "" {
		return "", nil
	}
	if len(s) != 64 {
		return "", fmt.Errorf("tlspin: fingerprint must be 64 hex digits, got %d", len(s))
	}
	if _, err := hex.DecodeString(s); err != nil {
		return "", fmt.Errorf("tlspin: fingerprint: %w", err)
	}
	return s, nil
}

// MismatchError is the refusal of a server whose certificate is not the
// pinned one. Callers tell it apart with errors.As (it survives the TLS and
// HTTP layers' wrapping).
type MismatchError struct {
	Got, Want string
}

func (e *MismatchError) Error() string {
	return fmt.Sprintf("tlspin: certificate fingerprint %s does not match the pinned %s", e.Got, e.Want)
}

// ExpiredError is the refusal of a pinned certificate outside its validity
// period. A pin says which certificate; it does not make an expired one
// good again (with a CA the chain check refuses it the same way).
type ExpiredError struct {
	NotBefore, NotAfter, Now time.Time
}

func (e *ExpiredError) Error() string {
	return fmt.Sprintf("tlspin: pinned certificate valid %s to %s, now %s",
		e.NotBefore.UTC().Format(time.RFC3339), e.NotAfter.UTC().Format(time.RFC3339), e.Now.UTC().Format(time.RFC3339))
}

// ErrNoCertificate: the server sent no certificate at all.
var ErrNoCertificate = errors.New("tlspin: server sent no certificate")

// Options says what to trust.
type Options struct {
	// Pin is the server certificate's SHA-256 fingerprint, in any form
	// Normalize accepts; "" for none.
	Pin string
	// CAFile is a PEM file of CA certificates; "" for none. Roots, when
	// set, is used instead (tests, callers holding the pool already).
	CAFile string
	Roots  *x509.CertPool
	// AcceptAny, with no Pin and no CA, accepts whatever certificate the
	// server shows: only for the hub's first contact at pairing, where the
	// person compares the fingerprint by eye (OnSeen reports it).
	AcceptAny bool
	// OnSeen, when set, learns the fingerprint of every leaf certificate
	// the server shows, before it is judged.
	OnSeen func(fp string)
	// Time is the clock for the validity check of a pinned certificate
	// (default time.Now); it is also the tls.Config's Time.
	Time func() time.Time
}

// Config builds the client TLS configuration for opt (see the package's
// table). It fails only on a malformed pin or an unreadable CA file.
func Config(opt Options) (*tls.Config, error) {
	pin, err := Normalize(opt.Pin)
	if err != nil {
		return nil, err
	}
	roots := opt.Roots
	if roots == nil && opt.CAFile != "" {
		if roots, err = LoadCAFile(opt.CAFile); err != nil {
			return nil, err
		}
	}
	now := opt.Time
	if now == nil {
		now = time.Now
	}
	cfg := &tls.Config{MinVersion: tls.VersionTLS12, RootCAs: roots, Time: opt.Time}
	// Without a CA a pinned (self-signed) certificate cannot pass chain
	// verification, so the standard check is off and VerifyConnection is
	// the whole check. With a CA the standard check stays on and
	// VerifyConnection runs after it, adding the pin.
	skipChain := roots == nil && (pin != "" || opt.AcceptAny)
	cfg.InsecureSkipVerify = skipChain //nolint:gosec // pin verified in VerifyConnection
	if pin == "" && opt.OnSeen == nil {
		return cfg, nil
	}
	cfg.VerifyConnection = func(cs tls.ConnectionState) error {
		if len(cs.PeerCertificates) == 0 {
			return ErrNoCertificate
		}
		leaf := cs.PeerCertificates[0]
		got := Fingerprint(leaf.Raw)
		if opt.OnSeen != nil {
			opt.OnSeen(got)
		}
		if pin == "" {
			return nil
		}
		if got != pin {
			return &MismatchError{Got: got, Want: pin}
		}
		if t := now(); t.Before(leaf.NotBefore) || t.After(leaf.NotAfter) {
			return &ExpiredError{NotBefore: leaf.NotBefore, NotAfter: leaf.NotAfter, Now: t}
		}
		return nil
	}
	return cfg, nil
}

// LoadCAFile reads a PEM file of CA certificates into a pool.
func LoadCAFile(path string) (*x509.CertPool, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("tlspin: CA file: %w", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(b) {
		return nil, fmt.Errorf("tlspin: CA file %s has no certificate", path)
	}
	return pool, nil
}

// IsTrustFailure reports whether err (from a TLS handshake, possibly
// wrapped by net/http) means the server's certificate was not trusted:
// a pin mismatch, an expired pinned certificate, or a chain or host name
// the CA or the system roots refuse. Such a failure is not retried: the
// next attempt meets the same certificate.
func IsTrustFailure(err error) bool {
	var (
		mm  *MismatchError
		exp *ExpiredError
		cve *tls.CertificateVerificationError
		ua  x509.UnknownAuthorityError
		hn  x509.HostnameError
		inv x509.CertificateInvalidError
	)
	return errors.As(err, &mm) || errors.As(err, &exp) || errors.Is(err, ErrNoCertificate) ||
		errors.As(err, &cve) || errors.As(err, &ua) || errors.As(err, &hn) || errors.As(err, &inv)
}
