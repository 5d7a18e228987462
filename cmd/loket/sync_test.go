package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"loket/central"
	"loket/store"
)

// The sync, backup and restore verbs on a real store: an unconfigured
// sync fails with exit code 1 and a sentence; a backup lands beside the
// store; restore refuses an open store and puts the backup back once it
// is closed.
func TestSyncBackupRestoreVerbs(t *testing.T) {
	db, st, _ := demoStore(t, nil)
	dir := filepath.Dir(db)
	ctx := context.Background()

	var out, errb bytes.Buffer
	if code := runVerb("sync", nil, &out, &errb); code != 1 || !strings.Contains(errb.String(), "belum diatur") {
		t.Fatalf("unconfigured sync: %d %q", code, errb.String())
	}
	// The settings of a headless hub PC, from the command line.
	errb.Reset()
	if code := runVerb("sync", []string{"config", "--url", "http://pusat:8443", "--token", "t0k3n-rahasia"}, &out, &errb); code != 1 ||
		!strings.Contains(errb.String(), "https://") {
		t.Fatalf("http accepted: %d %q", code, errb.String())
	}
	pin := strings.Repeat("0f", 32)
	if code := runVerb("sync", []string{"config", "--url", "https://pusat:8443", "--token", "t0k3n-rahasia", "--pin", pin, "--at", "22:15"},
		&out, &errb); code != 0 {
		t.Fatalf("config: %d %q", code, errb.String())
	}
	out.Reset()
	if code := runVerb("sync", []string{"status"}, &out, &errb); code != 0 || strings.Contains(out.String(), "t0k3n-rahasia") ||
		!strings.Contains(out.String(), "tersimpan (tersembunyi)") || !strings.Contains(out.String(), "22:15") {
		t.Fatalf("status: %d %q", code, out.String())
	}
	if b, _ := os.ReadFile(filepath.Join(dir, central.ConfigFile)); !strings.Contains(string(b), "t0k3n-rahasia") {
		t.Fatalf("token not kept in sync.json: %s", b)
	}
	out.Reset()
	if code := runVerb("backup", []string{"--keep", "2"}, &out, &errb); code != 0 {
		t.Fatalf("backup: %d %q", code, errb.String())
	}
	list, _ := central.Backups(central.DefaultBackupDir(db))
	if len(list) != 1 || !strings.Contains(out.String(), list[0]) {
		t.Fatalf("backups %v, said %q", list, out.String())
	}
	svcs, _ := st.Services(ctx)
	if _, err := st.IssueTicket(ctx, svcs[0].ID, ""); err != nil {
		t.Fatal(err)
	}
	errb.Reset()
	if code := runVerb("restore", []string{list[0]}, &out, &errb); code != 1 || !strings.Contains(errb.String(), "sedang dipakai") {
		t.Fatalf("restore over an open store: %d %q", code, errb.String())
	}
	st.Close()
	if code := runVerb("restore", []string{list[0]}, &out, &errb); code != 0 {
		t.Fatalf("restore: %d %q", code, errb.String())
	}
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var n int
	st.DB().QueryRow(`SELECT count(*) FROM tickets`).Scan(&n)
	if n != 0 {
		t.Errorf("restored store has %d tickets; the backup had none", n)
	}
	aside, _ := filepath.Glob(db + ".sebelum-pulih-*")
	if len(aside) == 0 {
		t.Error("the replaced store was not kept aside")
	}
	if _, err := os.Stat(list[0]); err != nil {
		t.Errorf("backup consumed: %v", err)
	}
}
