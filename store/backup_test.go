package store_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"loket/store"
)

func TestBackupTo(t *testing.T) {
	ctx := context.Background()
	st, svcs, _, _ := newOffice(t, "A")
	tk, err := st.IssueTicket(ctx, svcs[0].ID, "")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "copy.db")
	if err := st.BackupTo(ctx, path); err != nil {
		t.Fatal(err)
	}
	cp, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer cp.Close()
	got, err := cp.Ticket(ctx, tk.ID)
	if err != nil || got.Code() != tk.Code() {
		t.Fatalf("ticket in the copy = %+v, %v; want %s", got, err, tk.Code())
	}
	// SQLite refuses to overwrite: an existing backup is never clobbered.
	if err := st.BackupTo(ctx, path); err == nil {
		t.Fatal("second BackupTo onto the same path succeeded")
	}
}

// TestNoDBOutsideStore keeps SQL inside store: no production file of
// another package reaches for the raw handle.
func TestNoDBOutsideStore(t *testing.T) {
	root := ".."
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "store" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if strings.Contains(string(b), ".DB()") {
			t.Errorf("%s uses store's raw handle (.DB()); add a Store method instead", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
