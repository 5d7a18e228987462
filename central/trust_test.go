package central_test

import (
	"context"
	"encoding/pem"
	"os"
	"path/filepath"
	"testing"
	"time"

	"loket/central"
	"loket/store"
	"loket/tlspin"
)

// An office trusts the centre by pin, by CA file, or by both; with both,
// both must hold: a right pin no longer lets a CA check be skipped, and a
// CA no longer lets a wrong pin pass. A refused certificate is the
// admin's sentence about it, and nothing reaches the centre.
func TestSyncTrustPinAndCA(t *testing.T) {
	h := newHub(t, backends[0], "KPPN031", nil)
	dir := t.TempDir()
	// httptest's certificate is its own CA: as a CA file it verifies the
	// server (127.0.0.1 is among its addresses).
	serverCA := filepath.Join(dir, "server-ca.pem")
	if err := os.WriteFile(serverCA, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: h.srv.Certificate().Raw}), 0o644); err != nil {
		t.Fatal(err)
	}
	otherPEM, _, err := tlspin.SelfSigned{CommonName: "ca lain", Valid: time.Hour, IsCA: true}.Create()
	if err != nil {
		t.Fatal(err)
	}
	otherCA := filepath.Join(dir, "other-ca.pem")
	if err := os.WriteFile(otherCA, otherPEM, 0o644); err != nil {
		t.Fatal(err)
	}
	rightPin := h.cfg.PinSHA256
	wrongPin := tlspin.Fingerprint(otherPEM) // any other 64 hex digits

	const refused = "Sertifikat server pusat tidak dipercaya: sidik jari yang disematkan atau berkas CA tidak cocok."
	tests := []struct {
		name, pin, ca string
		ok            bool
	}{
		{"pin only", rightPin, "", true},
		{"CA only", "", serverCA, true},
		{"pin and CA", rightPin, serverCA, true},
		{"wrong pin", wrongPin, "", false},
		{"CA right, pin wrong", wrongPin, serverCA, false},
		{"pin right, CA wrong", rightPin, otherCA, false},
		{"CA wrong only", "", otherCA, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := newOffice(t, "KPPN031")
			o.traffic(t, 3)
			cfg := h.cfg
			cfg.PinSHA256, cfg.CAFile = tt.pin, tt.ca
			_, err := central.Sync(context.Background(), o.st, cfg, store.TrigCLI, nil)
			if tt.ok {
				if err != nil {
					t.Fatalf("sync refused: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("synced through an untrusted certificate")
			}
			if got := central.Message(err); got != refused {
				t.Fatalf("shown %q, want %q (cause %v)", got, refused, err)
			}
		})
	}
}
