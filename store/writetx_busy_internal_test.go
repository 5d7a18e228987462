package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

// A write whose caller's deadline passes while another write holds the
// turn is refused with ErrBusy well before the store's own 10 s wait, and
// commits nothing: no ticket row, no number used, no event. The same holds
// for a caller that has already given up, and for one that gives up inside
// its transaction.
func TestWriteRefusedBusyWhenContextEnds(t *testing.T) {
	for _, tc := range []struct {
		name  string
		hold  bool // another writer holds the turn meanwhile
		ctx   func() (context.Context, context.CancelFunc)
		cause error
	}{
		{"deadline while waiting for the turn", true, func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), 50*time.Millisecond)
		}, context.DeadlineExceeded},
		{"caller already gone", false, func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			return ctx, cancel
		}, context.Canceled},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := openTestStore(t)
			ctx := context.Background()
			if _, err := st.SaveOffice(ctx, "", Office{Code: "KPPN019", Name: "KPPN Pekanbaru", Zone: "Asia/Jakarta"}); err != nil {
				t.Fatal(err)
			}
			sv, err := st.SaveService(ctx, "", Service{Prefix: "A", Name: "Layanan A", Active: true})
			if err != nil {
				t.Fatal(err)
			}
			seq := lastSeq(t, st)

			release := make(chan struct{})
			held := make(chan struct{})
			blocker := make(chan error, 1)
			if tc.hold {
				go func() {
					blocker <- st.tx(ctx, func(tx *writeTx) error {
						close(held)
						<-release
						return insertSetting(ctx, tx, "blocker")
					})
				}()
				<-held
			}
			wctx, cancel := tc.ctx()
			defer cancel()
			start := time.Now()
			tk, err := st.IssueTicket(wctx, sv.ID, PriorityNone)
			waited := time.Since(start)
			close(release)
			if tc.hold {
				if err := <-blocker; err != nil {
					t.Fatalf("blocking writer: %v", err)
				}
			}
			if !errors.Is(err, ErrBusy) || !errors.Is(err, tc.cause) {
				t.Fatalf("got ticket %q, err %v; want ErrBusy caused by %v", tk.ID, err, tc.cause)
			}
			if Message(err) != ErrBusy.Message {
				t.Fatalf("message %q", Message(err))
			}
			if waited > 2*time.Second {
				t.Fatalf("refused after %v: the caller's deadline was not honoured", waited)
			}
			var n int
			if err := st.db.QueryRow(`SELECT count(*) FROM tickets`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != 0 {
				t.Fatalf("%d ticket rows written by a refused write", n)
			}
			if got := lastSeq(t, st); got != seq {
				t.Fatalf("events after the refused write: last seq %d, want %d", got, seq)
			}
			if tc.hold && !settingExists(t, st, "blocker") {
				t.Fatal("the blocking writer's row is missing")
			}
			// The turn is free afterwards and the number was not used up.
			tk, err = st.IssueTicket(ctx, sv.ID, PriorityNone)
			if err != nil || tk.Number != 1 {
				t.Fatalf("next issue: %v %v", tk.Code(), err)
			}
		})
	}

	// A caller that gives up inside its transaction is refused the same
	// way, and the rows it wrote are rolled back.
	st := openTestStore(t)
	cctx, cancel := context.WithCancel(context.Background())
	err := st.tx(cctx, func(tx *writeTx) error {
		if err := insertSetting(cctx, tx, "gave-up"); err != nil {
			return err
		}
		cancel()
		return nil
	})
	if !errors.Is(err, ErrBusy) || !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled inside the transaction: %v", err)
	}
	if settingExists(t, st, "gave-up") {
		t.Fatal("row of a cancelled write committed")
	}
}

// lastSeq is the newest event's seq, 0 if none.
func lastSeq(t *testing.T, st *Store) int64 {
	t.Helper()
	var seq int64
	if err := st.db.QueryRow(`SELECT COALESCE(max(seq), 0) FROM events`).Scan(&seq); err != nil {
		t.Fatal(err)
	}
	return seq
}
