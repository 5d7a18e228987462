package store

import (
	"context"
	"testing"
)

// A store from before 0023 is upgraded in place: its officers (referenced
// by sessions and tickets) stay, the role list takes the DPO, the CHECK
// still refuses anything else, and the file passes SQLite's integrity and
// foreign key checks.
func TestMigration0023UpgradesOfficers(t *testing.T) {
	ctx := context.Background()
	st, path, fo := openAtWithFO(t, 18)
	sv := oldSchemaService(t, st, "A", "Layanan A")
	ctr, _ := st.SaveCounter(ctx, "", Counter{Number: 1, Active: true})
	sess, err := st.OpenCounter(ctx, fo.ID, ctr.ID, []string{sv.ID})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.IssueTicket(ctx, sv.ID, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := st.db.ExecContext(ctx, `UPDATE officers SET role = 'dpo' WHERE id = ?`, fo.ID); err == nil {
		t.Fatal("the old schema already took the DPO role")
	}
	st = reopen(t, st, path)
	dpo, err := st.SaveOfficer(ctx, fo.ID, Officer{Username: "dpo1", FullName: "Dewi", Role: RoleDPO, Active: true}, "rahasia1")
	if err != nil {
		t.Fatalf("DPO after the upgrade: %v", err)
	}
	if _, err := st.db.ExecContext(ctx, `UPDATE officers SET role = 'raja' WHERE id = ?`, dpo.ID); err == nil {
		t.Fatal("role CHECK lost in the upgrade")
	}
	if o, err := st.Officer(ctx, fo.ID); err != nil || o.Username != "fo1" {
		t.Fatalf("old officer after the upgrade: %+v %v", o, err)
	}
	var sessions int
	st.db.QueryRowContext(ctx, `SELECT count(*) FROM counter_sessions WHERE id = ?`, sess.ID).Scan(&sessions)
	if sessions != 1 {
		t.Fatal("session lost")
	}
	var ic string
	if err := st.db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&ic); err != nil || ic != "ok" {
		t.Fatalf("integrity %q %v", ic, err)
	}
	rows, err := st.db.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	if rows.Next() {
		t.Fatal("foreign key violations after the upgrade")
	}
}
