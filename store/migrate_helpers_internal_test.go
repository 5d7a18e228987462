package store

import (
	"context"
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
