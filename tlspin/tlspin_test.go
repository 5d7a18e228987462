package tlspin_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"loket/tlspin"
)

// authority is a test CA: its certificate, key and PEM file.
type authority struct {
	cert *x509.Certificate
	key  *ecdsa.PrivateKey
	file string
}

func newKey(t *testing.T) *ecdsa.PrivateKey {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func newAuthority(t *testing.T, name string) authority {
	t.Helper()
	key := newKey(t)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: name},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		KeyUsage: x509.KeyUsageCertSign, BasicConstraintsValid: true, IsCA: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	file := filepath.Join(t.TempDir(), name+".pem")
	if err := os.WriteFile(file, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
		t.Fatal(err)
	}
	return authority{cert: cert, key: key, file: file}
}

// leaf issues a server certificate for host, valid from notBefore to
// notAfter, signed by ca (self-signed when ca is nil).
func leaf(t *testing.T, ca *authority, host string, notBefore, notAfter time.Time) tls.Certificate {
	t.Helper()
	key := newKey(t)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: host},
		NotBefore: notBefore, NotAfter: notAfter, DNSNames: []string{host},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	parent, signer := tmpl, key
	if ca != nil {
		parent, signer = ca.cert, ca.key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, &key.PublicKey, signer)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}

// serve runs a TLS server on the loopback with cert and returns its
// address; it answers each handshake and closes.
func serve(t *testing.T, cert tls.Certificate) string {
	t.Helper()
	ln, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{Certificates: []tls.Certificate{cert}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			_ = c.(*tls.Conn).Handshake()
			c.Close()
		}
	}()
	return ln.Addr().String()
}

// dial connects to addr as host with cfg and returns the handshake's error.
func dial(addr, host string, cfg *tls.Config) error {
	cfg = cfg.Clone()
	cfg.ServerName = host
	c, err := tls.DialWithDialer(&net.Dialer{Timeout: 5 * time.Second}, "tcp", addr, cfg)
	if err == nil {
		c.Close()
	}
	return err
}

func TestConfig(t *testing.T) {
	const host = "pusat.loket.test"
	now := time.Now()
	good := newAuthority(t, "ca-baik")
	other := newAuthority(t, "ca-lain")
	issued := leaf(t, &good, host, now.Add(-time.Hour), now.Add(time.Hour))
	expired := leaf(t, &good, host, now.Add(-48*time.Hour), now.Add(-24*time.Hour))
	self := leaf(t, nil, host, now.Add(-time.Hour), now.Add(time.Hour))
	selfExpired := leaf(t, nil, host, now.Add(-48*time.Hour), now.Add(-24*time.Hour))
	fp := func(c tls.Certificate) string { return tlspin.Fingerprint(c.Certificate[0]) }
	wrongPin := fp(leaf(t, nil, host, now.Add(-time.Hour), now.Add(time.Hour)))

	var (
		mismatch = func(err error) bool { var e *tlspin.MismatchError; return errors.As(err, &e) }
		expiry   = func(err error) bool { var e *tlspin.ExpiredError; return errors.As(err, &e) }
		chain    = func(err error) bool { var e *tls.CertificateVerificationError; return errors.As(err, &e) }
	)
	tests := []struct {
		name string
		cert tls.Certificate
		host string
		opt  tlspin.Options
		// ok is nil for a handshake that must pass, else the kind of
		// refusal it must end in.
		fail func(error) bool
	}{
		{"pin only, good pin", self, host, tlspin.Options{Pin: fp(self)}, nil},
		{"pin only, pin typed with colons and capitals", self, host, tlspin.Options{Pin: colons(fp(self))}, nil},
		{"pin only, wrong pin", self, host, tlspin.Options{Pin: wrongPin}, mismatch},
		{"pin only, expired", selfExpired, host, tlspin.Options{Pin: fp(selfExpired)}, expiry},
		{"pin only, other host name: the pin names the certificate", self, "lain.loket.test", tlspin.Options{Pin: fp(self)}, nil},
		{"CA only, good", issued, host, tlspin.Options{CAFile: good.file}, nil},
		{"CA only, wrong CA", issued, host, tlspin.Options{CAFile: other.file}, chain},
		{"CA only, expired", expired, host, tlspin.Options{CAFile: good.file}, chain},
		{"CA only, wrong host", issued, "lain.loket.test", tlspin.Options{CAFile: good.file}, chain},
		{"CA ok and pin ok", issued, host, tlspin.Options{CAFile: good.file, Pin: fp(issued)}, nil},
		{"CA ok, pin wrong", issued, host, tlspin.Options{CAFile: good.file, Pin: wrongPin}, mismatch},
		{"CA wrong, pin ok: the pin does not replace the CA", issued, host, tlspin.Options{CAFile: other.file, Pin: fp(issued)}, chain},
		{"CA ok and pin ok, expired", expired, host, tlspin.Options{CAFile: good.file, Pin: fp(expired)}, chain},
		{"CA ok and pin ok, wrong host", issued, "lain.loket.test", tlspin.Options{CAFile: good.file, Pin: fp(issued)}, chain},
		{"self-signed with a CA file only", self, host, tlspin.Options{CAFile: good.file}, chain},
		{"nothing given: system roots refuse a self-signed certificate", self, host, tlspin.Options{}, chain},
		{"accept any (pairing)", self, host, tlspin.Options{AcceptAny: true}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := tlspin.Config(tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			err = dial(serve(t, tt.cert), tt.host, cfg)
			switch {
			case tt.fail == nil && err != nil:
				t.Fatalf("handshake refused: %v", err)
			case tt.fail != nil && err == nil:
				t.Fatal("handshake passed, want refused")
			case tt.fail != nil && !tt.fail(err):
				t.Fatalf("refused for the wrong reason: %v (%T)", err, err)
			}
			if err != nil && !tlspin.IsTrustFailure(err) {
				t.Errorf("IsTrustFailure(%v) = false", err)
			}
		})
	}
}

func TestOnSeen(t *testing.T) {
	now := time.Now()
	cert := leaf(t, nil, "hub", now.Add(-time.Hour), now.Add(time.Hour))
	var seen string
	cfg, err := tlspin.Config(tlspin.Options{AcceptAny: true, OnSeen: func(fp string) { seen = fp }})
	if err != nil {
		t.Fatal(err)
	}
	if err := dial(serve(t, cert), "hub", cfg); err != nil {
		t.Fatal(err)
	}
	if want := tlspin.Fingerprint(cert.Certificate[0]); seen != want {
		t.Fatalf("OnSeen got %q, want %q", seen, want)
	}
}

func TestConfigRefusesBadInput(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "kosong.pem")
	if err := os.WriteFile(empty, []byte("bukan sertifikat"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, opt := range map[string]tlspin.Options{
		"short pin":       {Pin: "abcd"},
		"non-hex pin":     {Pin: string(make([]byte, 64))},
		"missing CA file": {CAFile: filepath.Join(dir, "tidak-ada.pem")},
		"CA file w/o PEM": {CAFile: empty},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := tlspin.Config(opt); err == nil {
				t.Fatal("accepted")
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	want := "3f2a9c01" + "00000000" + "00000000" + "00000000" + "00000000" + "00000000" + "00000000" + "0000abcd"
	for _, in := range []string{want, colons(want), "sha256/" + want, "  " + want + "\n", "3F2A-9C01-" + want[8:]} {
		got, err := tlspin.Normalize(in)
		if err != nil || got != want {
			t.Errorf("Normalize(%q) = %q, %v", in, got, err)
		}
	}
	if got, err := tlspin.Normalize("  "); got != "" || err != nil {
		t.Errorf("blank: %q, %v", got, err)
	}
}

func TestSelfSigned(t *testing.T) {
	certPEM, keyPEM, err := tlspin.SelfSigned{CommonName: "uji", Hosts: []string{"localhost", "127.0.0.1", " "}, Valid: time.Hour, IsCA: true}.Create()
	if err != nil {
		t.Fatal(err)
	}
	cert, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		t.Fatal(err)
	}
	// Its own fingerprint pins it, and as a CA file it verifies itself.
	file := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(file, certPEM, 0o644); err != nil {
		t.Fatal(err)
	}
	addr := serve(t, cert)
	for _, opt := range []tlspin.Options{{Pin: tlspin.Fingerprint(cert.Certificate[0])}, {CAFile: file}} {
		cfg, err := tlspin.Config(opt)
		if err != nil {
			t.Fatal(err)
		}
		if err := dial(addr, "localhost", cfg); err != nil {
			t.Errorf("%+v: %v", opt, err)
		}
	}
}

// colons writes a fingerprint as people paste it: "3F:2A:...".
func colons(fp string) string {
	var parts []string
	for i := 0; i < len(fp); i += 2 {
		parts = append(parts, strings.ToUpper(fp[i:i+2]))
	}
	return strings.Join(parts, ":")
}
