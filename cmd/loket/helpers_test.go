package main

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"loket/office"
	"loket/store"
)

// demoStore opens a store as LOKET_DB in a fresh folder and sets up the
// demo office (admin password rahasia1), as the verbs under test find it.
// A non-nil clock becomes the store's clock before the set-up. The caller
// closes the store (a verb may need it closed first).
func demoStore(t testing.TB, clock func() time.Time) (db string, st *store.Store, l *office.Local) {
	t.Helper()
	store.BcryptCost = 4
	db = filepath.Join(t.TempDir(), "loket.db")
	t.Setenv("LOKET_DB", db)
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	if clock != nil {
		st.Now = clock
	}
	l = office.NewLocal(st)
	if _, err := office.FirstRun(context.Background(), l, office.Setup{Office: office.DemoOffice(), AdminUsername: "admin",
		AdminName: "Admin", AdminPassword: "rahasia1", Demo: true}); err != nil {
		st.Close()
		t.Fatal(err)
	}
	return db, st, l
}
