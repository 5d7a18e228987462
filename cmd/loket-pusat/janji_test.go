package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"loket/central"
)

// The server answers the offices' API and the public booking page side by
// side.
func TestPublicHandlerServesBookingPageAndAPI(t *testing.T) {
	ctx := context.Background()
	db, err := central.OpenDB(ctx, filepath.Join(t.TempDir(), "pusat.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	h, err := publicHandler(ctx, db, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	for _, tc := range []struct{ path, want string }{
		{"/janji-temu", "Belum ada kantor yang menerima janji temu"},
		{"/janji-temu/kode", "Kode janji temu"},
		{"/healthz", "ok"},
	} {
		resp, err := http.Get(srv.URL + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(body), tc.want) {
			t.Fatalf("%s: %d\n%s", tc.path, resp.StatusCode, body)
		}
	}
	resp, err := http.Post(srv.URL+"/v1/offices/K1/bookings", "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("booking exchange without a token: %d, want 401", resp.StatusCode)
	}
}
