package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
)

func openTestStore(t *testing.T) *Store {
	t.Helper()
	st, err := Open(filepath.Join(t.TempDir(), "loket.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func insertSetting(ctx context.Context, tx *writeTx, key string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, 'x', 'now')`, key)
	return err
}

func settingExists(t *testing.T, st *Store, key string) bool {
	t.Helper()
	var n int
	if err := st.db.QueryRow(`SELECT count(*) FROM settings WHERE key = ?`, key).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n > 0
}

// The write transactions run as BEGIN/COMMIT on one held connection, so
// every way out of fn must leave that connection outside a transaction
// and nothing of a failed write in the file.
func TestWriteTxEndsCleanly(t *testing.T) {
	st := openTestStore(t)
	ctx := context.Background()

	errBoom := errors.New("boom")
	if err := st.tx(ctx, func(tx *writeTx) error {
		if err := insertSetting(ctx, tx, "err"); err != nil {
			return err
		}
		return errBoom
	}); !errors.Is(err, errBoom) {
		t.Fatalf("error from fn not returned: %v", err)
	}

	func() {
		defer func() {
			if recover() == nil {
				t.Fatal("panic swallowed")
			}
		}()
		_ = st.tx(ctx, func(tx *writeTx) error {
			if err := insertSetting(ctx, tx, "panic"); err != nil {
				return err
			}
			panic("fn fails hard")
		})
	}()

	cctx, cancel := context.WithCancel(ctx)
	if err := st.tx(cctx, func(tx *writeTx) error {
		if err := insertSetting(cctx, tx, "cancelled"); err != nil {
			return err
		}
		cancel()
		return nil
	}); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled before commit: %v", err)
	}

	// A statement failing inside the transaction (duplicate key) rolls
	// the whole write back, not just the statement.
	if err := st.tx(ctx, func(tx *writeTx) error { return insertSetting(ctx, tx, "dup") }); err != nil {
		t.Fatal(err)
	}
	if err := st.tx(ctx, func(tx *writeTx) error {
		if err := insertSetting(ctx, tx, "half"); err != nil {
			return err
		}
		return insertSetting(ctx, tx, "dup")
	}); err == nil {
		t.Fatal("duplicate key accepted")
	}

	for _, k := range []string{"err", "panic", "cancelled", "half"} {
		if settingExists(t, st, k) {
			t.Errorf("%s: a failed write left its row", k)
		}
	}
	if err := st.tx(ctx, func(tx *writeTx) error { return insertSetting(ctx, tx, "after") }); err != nil {
		t.Fatalf("write after the failures: %v", err)
	}
	if !settingExists(t, st, "after") || !settingExists(t, st, "dup") {
		t.Fatal("committed writes missing")
	}
}

// A write connection that broke (closed under the store) or was left
// inside a transaction is replaced on the next write, which succeeds.
func TestWriteTxReplacesBadConnection(t *testing.T) {
	st := openTestStore(t)
	ctx := context.Background()
	write := func(key string) error {
		return st.tx(ctx, func(tx *writeTx) error { return insertSetting(ctx, tx, key) })
	}
	if err := write("a"); err != nil {
		t.Fatal(err)
	}

	// Left inside a transaction: its uncommitted row must not survive.
	if _, err := st.w.c.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	stuck := st.w
	if _, err := stuck.c.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at) VALUES ('stuck', 'x', 'now')`); err != nil {
		t.Fatal(err)
	}
	if err := write("b"); err != nil {
		t.Fatalf("write on a connection left in a transaction: %v", err)
	}
	if st.w == stuck {
		t.Fatal("connection left in a transaction kept")
	}

	// Closed underneath the store.
	st.w.c.Close()
	if err := write("c"); err != nil {
		t.Fatalf("write after the connection closed: %v", err)
	}
	for k, want := range map[string]bool{"a": true, "b": true, "c": true, "stuck": false} {
		if got := settingExists(t, st, k); got != want {
			t.Errorf("%s present %v, want %v", k, got, want)
		}
	}
}
