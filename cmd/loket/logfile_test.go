package main

import (
	"log"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestLogFileBesideTheStoreKeepsTwelveMonths(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("LOKET_DB", filepath.Join(dir, "loket.db"))
	logs := filepath.Join(dir, "logs")
	if err := os.MkdirAll(logs, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{"2025-11", "2025-12", "2026-01"} {
		if err := os.WriteFile(filepath.Join(logs, "loket-"+m+".log"), []byte("old\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	path, closeLog := setupLog(now)
	defer log.SetOutput(os.Stderr)
	if want := filepath.Join(logs, "loket-2026-11.log"); path != want {
		t.Fatalf("log file %q, want %q", path, want)
	}
	log.Printf("tiket A001 dipanggil")
	closeLog()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "tiket A001 dipanggil") {
		t.Errorf("log file holds %q", data)
	}
	// Twelve months back from 2026-11 is 2025-12: 2025-11 goes, the rest stay.
	if _, err := os.Stat(filepath.Join(logs, "loket-2025-11.log")); !os.IsNotExist(err) {
		t.Errorf("log of 2025-11 kept (err %v)", err)
	}
	for _, m := range []string{"2025-12", "2026-01"} {
		if _, err := os.Stat(filepath.Join(logs, "loket-"+m+".log")); err != nil {
			t.Errorf("log of %s removed: %v", m, err)
		}
	}
}

func TestLogFallsBackToStderrWhenFolderIsUnwritable(t *testing.T) {
	dir := t.TempDir()
	blocker := filepath.Join(dir, "file")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	// The store's folder is a file: no logs folder can be made inside it.
	t.Setenv("LOKET_DB", filepath.Join(blocker, "loket.db"))
	path, closeLog := setupLog(time.Now())
	defer closeLog()
	defer log.SetOutput(os.Stderr)
	if path != "" {
		t.Errorf("log file %q reported in an unwritable folder", path)
	}
	log.Printf("still logging") // must not panic
}
