package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"loket/office"
	"loket/store"
)

// `loket setup` applies the first-run form's checks before writing
// anything (a refused set-up leaves no store behind to be half-made), then
// sets up the office with its admin, who can log in with the password
// read from standard input.
func TestSetupHeadless(t *testing.T) {
	store.BcryptCost = 4
	db := filepath.Join(t.TempDir(), "loket.db")
	t.Setenv("LOKET_DB", db)
	for _, c := range []struct {
		name  string
		args  []string
		stdin string
		want  string
	}{
		{"no code", []string{"--name", "KPPN Contoh"}, "rahasia1\n", "Kode kantor"},
		{"bad code", []string{"--office-code", "KPPN 01", "--name", "KPPN Contoh"}, "rahasia1\n", "Kode kantor"},
		{"no name", []string{"--office-code", "KPPN099"}, "rahasia1\n", "Nama kantor wajib diisi"},
		{"bad zone", []string{"--office-code", "KPPN099", "--name", "KPPN Contoh", "--zone", "GMT"}, "rahasia1\n", "Zona waktu"},
		{"bad admin", []string{"--office-code", "KPPN099", "--name", "KPPN Contoh", "--admin", "A B"}, "rahasia1\n", "Nama pengguna"},
		{"short password", []string{"--office-code", "KPPN099", "--name", "KPPN Contoh"}, "abc\n", "minimal 6"},
		{"no password", []string{"--office-code", "KPPN099", "--name", "KPPN Contoh"}, "", "minimal 6"},
		{"password as argument", []string{"--office-code", "KPPN099", "--name", "KPPN Contoh", "rahasia1"}, "", "masukan standar"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			if rc := runSetup(c.args, strings.NewReader(c.stdin), &out, &errb); rc == 0 || !strings.Contains(errb.String(), c.want) {
				t.Fatalf("rc %d, stderr %q, want %q", rc, errb.String(), c.want)
			}
			if m, _ := filepath.Glob(db); len(m) != 0 {
				t.Fatal("a refused set-up created the store")
			}
		})
	}
	var out, errb bytes.Buffer
	args := []string{"--office-code", "kppn099", "--name", "KPPN Contoh", "--zone", "WITA", "--admin", "kepala.it"}
	if rc := runSetup(args, strings.NewReader("rahasia1\r\n"), &out, &errb); rc != 0 {
		t.Fatalf("setup: rc %d: %s", rc, errb.String())
	}
	if !strings.Contains(out.String(), "KPPN099") || !strings.Contains(out.String(), "WITA") {
		t.Fatalf("stdout %q", out.String())
	}
	if rc := runSetup(args, strings.NewReader("rahasia1\n"), &out, &errb); rc == 0 || !strings.Contains(errb.String(), "sudah diatur") {
		t.Fatalf("second setup: rc %d %q", rc, errb.String())
	}
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	l := office.NewLocal(st)
	o, err := l.Login(context.Background(), "kepala.it", "rahasia1")
	if err != nil || o.Role != store.RoleAdmin {
		t.Fatalf("admin login: %+v %v", o, err)
	}
	off, _ := l.Office(context.Background())
	if off.Zone != "Asia/Makassar" {
		t.Fatalf("zone %q", off.Zone)
	}
}

// `loket unlock` lists what is held back and lifts a lock from the PC
// holding the store, for when the locked-out user is the only admin.
func TestUnlockVerb(t *testing.T) {
	now := time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)
	db, st, l := demoStore(t, func() time.Time { now = now.Add(time.Millisecond); return now })
	ctx := context.Background()
	for range store.LoginLockAfter {
		_, _ = l.Login(ctx, "admin", "salah")
		now = now.Add(store.LoginMaxDelay) // each try after the last one's delay
	}
	if _, err := l.Login(ctx, "admin", "rahasia1"); err == nil {
		t.Fatal("admin not locked")
	}
	st.Close()
	var out, errb bytes.Buffer
	if rc := runUnlock(nil, &out, &errb); rc != 0 || !strings.Contains(out.String(), "user admin: 10 kali gagal, DIKUNCI") {
		t.Fatalf("list: rc %d %q %q", rc, out.String(), errb.String())
	}
	out.Reset()
	if rc := runUnlock([]string{"ADMIN"}, &out, &errb); rc != 0 || !strings.Contains(out.String(), "dibuka") {
		t.Fatalf("unlock: rc %d %q %q", rc, out.String(), errb.String())
	}
	if rc := runUnlock([]string{"admin"}, &out, &errb); rc == 0 {
		t.Fatal("second unlock succeeded")
	}
	st2, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	if _, err := office.NewLocal(st2).Login(ctx, "admin", "rahasia1"); err != nil {
		t.Fatalf("login after unlock: %v", err)
	}
}
