package tlspin

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"strings"
	"time"
)

// SelfSigned describes a self-signed server certificate: the hub makes one
// on first start and the central server when no CA-issued one is given.
// Both are pinned, so they are kept on disk and never renewed.
type SelfSigned struct {
	CommonName string
	// Hosts are DNS names or IP addresses; blanks are skipped.
	Hosts []string
	// Valid is how long from now the certificate is good (it is also
	// back-dated an hour for clocks a little behind).
	Valid time.Duration
	// IsCA marks it as its own CA, so a client may also put it in a CA
	// file instead of pinning it.
	IsCA bool
}

// Create makes the key and certificate (ECDSA P-256) and returns both as
// PEM.
func (s SelfSigned) Create() (certPEM, keyPEM []byte, err error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, fmt.Errorf("tlspin: key: %w", err)
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return nil, nil, fmt.Errorf("tlspin: serial: %w", err)
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: s.CommonName, Organization: []string{"Loket"}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(s.Valid),
		KeyUsage:              x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  s.IsCA,
	}
	if s.IsCA {
		tmpl.KeyUsage |= x509.KeyUsageCertSign
	}
	for _, h := range s.Hosts {
		if h = strings.TrimSpace(h); h == "" {
			continue
		}
		if ip := net.ParseIP(h); ip != nil {
			tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
		} else {
			tmpl.DNSNames = append(tmpl.DNSNames, h)
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, nil, fmt.Errorf("tlspin: certificate: %w", err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return nil, nil, fmt.Errorf("tlspin: key: %w", err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), nil
}
