package ui

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"loket/office"
	"loket/store"
)

// pairingsOf is the hub's side as the pane sees it through its service:
// office.Local with a list of requests (the hub's registry and its access
// rule are tested in hub/pair_admin_test.go against the real client).
type pairingsOf struct {
	office.Service
	mu       sync.Mutex
	pending  []office.PairingRequest
	approved []string
	rejected []string
}

func (f *pairingsOf) PendingPairings(context.Context) ([]office.PairingRequest, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]office.PairingRequest(nil), f.pending...), nil
}

func (f *pairingsOf) take(code string) bool {
	for i, p := range f.pending {
		if p.Code == code {
			f.pending = append(f.pending[:i], f.pending[i+1:]...)
			return true
		}
	}
	return false
}

func (f *pairingsOf) ApprovePairing(_ context.Context, code string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.take(code) {
		return &store.Error{Code: "not_found", Message: "Permintaan pemasangan tidak ditemukan atau sudah kedaluwarsa."}
	}
	f.approved = append(f.approved, code)
	return nil
}

func (f *pairingsOf) RejectPairing(_ context.Context, code string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.take(code) {
		return &store.Error{Code: "not_found", Message: "Permintaan pemasangan tidak ditemukan atau sudah kedaluwarsa."}
	}
	f.rejected = append(f.rejected, code)
	return nil
}

// The Perangkat tab: on a PC connected to the hub the admin sees a browser
// display's request and approves it, rejects another, and is told when a
// request is gone; on the hub PC (office.Local) the pane says the console
// approves.
func TestAdminPairingPane(t *testing.T) {
	h := newHarness(t)
	h.setUp()
	local := newPairingPane(h.app)
	local.content()
	if len(local.list.Objects) != 1 || !strings.Contains(local.list.Objects[0].(*widget.Label).Text, "konsol") {
		t.Fatalf("on the hub PC: %d rows", len(local.list.Objects))
	}

	exp := time.Now().Add(10 * time.Minute)
	f := &pairingsOf{Service: h.svc, pending: []office.PairingRequest{
		{Code: "482913", DeviceName: "TV ruang tunggu", Kind: "display", KindLabel: "layar antrean", RemoteAddr: "192.168.1.50", ExpiresAt: exp},
		{Code: "175300", DeviceName: "Android box", Kind: "display", KindLabel: "layar antrean", RemoteAddr: "192.168.1.51", ExpiresAt: exp},
	}}
	h.app.svc = f
	p := newPairingPane(h.app)
	p.content()
	if len(p.list.Objects) != 2 {
		t.Fatalf("%d rows, want 2", len(p.list.Objects))
	}
	row := p.list.Objects[0].(*fyne.Container).Objects[0].(*widget.Label).Text
	if !strings.Contains(row, "482913") || !strings.Contains(row, "TV ruang tunggu") || !strings.Contains(row, "layar antrean") {
		t.Fatalf("row %q", row)
	}
	p.decide(p.items[0], true)
	if len(f.approved) != 1 || f.approved[0] != "482913" || !strings.Contains(p.message.Text, "TV ruang tunggu") ||
		len(p.list.Objects) != 1 {
		t.Fatalf("approve: %v, message %q, %d rows", f.approved, p.message.Text, len(p.list.Objects))
	}
	gone := p.items[0]
	p.decide(gone, false)
	if len(f.rejected) != 1 || !strings.Contains(p.message.Text, "ditolak") {
		t.Fatalf("reject: %v, message %q", f.rejected, p.message.Text)
	}
	p.decide(gone, true) // expired meanwhile
	if !strings.Contains(p.message.Text, "tidak ditemukan") || p.message.Importance != widget.DangerImportance {
		t.Fatalf("a request gone: %q", p.message.Text)
	}
	if !strings.Contains(p.list.Objects[0].(*widget.Label).Text, "Tidak ada permintaan") {
		t.Fatal("the empty list is not said")
	}
}
