package central

import (
	"crypto/tls"
	"os"
	"time"

	"loket/tlspin"
)

// EnsureSelfSigned returns the certificate at certPath/keyPath, generating
// a self-signed ECDSA one (ten years, for the given host names and IPs plus
// localhost) when neither file exists. Kept on disk so the fingerprint the
// offices pin stays the same across restarts; it is its own CA, so an
// office may put it in a CA file instead of (or as well as) pinning it.
func EnsureSelfSigned(certPath, keyPath string, hosts []string) (tls.Certificate, error) {
	if _, err := os.Stat(certPath); err == nil {
		return tls.LoadX509KeyPair(certPath, keyPath)
	}
	certPEM, keyPEM, err := tlspin.SelfSigned{
		CommonName: "loket-pusat",
		Hosts:      append(append([]string(nil), hosts...), "localhost", "127.0.0.1", "::1"),
		Valid:      10 * 365 * 24 * time.Hour,
		IsCA:       true,
	}.Create()
	if err != nil {
		return tls.Certificate{}, err
	}
	if err := os.WriteFile(keyPath, keyPEM, 0o600); err != nil {
		return tls.Certificate{}, err
	}
	if err := os.WriteFile(certPath, certPEM, 0o644); err != nil {
		return tls.Certificate{}, err
	}
	return tls.LoadX509KeyPair(certPath, keyPath)
}

// ClientTLS is the office side's TLS, by tlspin's rules: with pin only,
// the server's leaf certificate must have that SHA-256 fingerprint
// (self-signed is fine); with caFile only, the chain and host name must
// verify against that CA; with both, both must hold (the pin never
// switches the CA check off); with neither, the system roots.
func ClientTLS(pin, caFile string) (*tls.Config, error) {
	return tlspin.Config(tlspin.Options{Pin: pin, CAFile: caFile})
}
