package store

import (
	"context"
	"path/filepath"
	"testing"
)

// oldSchemaService adds a service the way a release before 0028 wrote it
// (SaveService now writes visitor_fields, which an old schema lacks).
func oldSchemaService(t *testing.T, st *Store, prefix, name string) Service {
	t.Helper()
	ctx := context.Background()
	off, err := st.Office(ctx)
	if err != nil {
		t.Fatal(err)
	}
	now := formatTime(st.now())
	sv := Service{ID: st.newID(off.Code), Office: off.Code, Prefix: prefix, Name: name, Active: true}
	if _, err := st.db.ExecContext(ctx, `INSERT INTO services (id, office_code, prefix, name, active, created_at, updated_at)
		VALUES (?, ?, ?, ?, 1, ?, ?)`, sv.ID, sv.Office, prefix, name, now, now); err != nil {
		t.Fatal(err)
	}
	return sv
}

// openAt opens a new store file migrated only up to migration upTo: the
// schema an older release left behind. It returns the file's path for
// reopen.
func openAt(t *testing.T, upTo int) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "loket.db")
	migrateUpTo = upTo
	st, err := Open(path)
	migrateUpTo = 0
	if err != nil {
		t.Fatal(err)
	}
	return st, path
}

// openAtWithFO is openAt with the office KPPN019 and its front-office
// officer fo1 saved, which most upgrade tests start from.
func openAtWithFO(t *testing.T, upTo int) (*Store, string, Officer) {
	t.Helper()
	st, path := openAt(t, upTo)
	ctx := context.Background()
	if _, err := st.SaveOffice(ctx, "", Office{Code: "KPPN019", Name: "KPPN Pekanbaru", Zone: "Asia/Jakarta"}); err != nil {
		t.Fatal(err)
	}
	fo, err := st.SaveOfficer(ctx, "", Officer{Username: "fo1", FullName: "Rina", Role: RoleFO, Active: true}, "rahasia1")
	if err != nil {
		t.Fatal(err)
	}
	return st, path, fo
}

// reopen closes st and opens its file again with every migration: the
// upgrade under test. The reopened store is closed when the test ends.
func reopen(t *testing.T, st *Store, path string) *Store {
	t.Helper()
	st.Close()
	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}
