package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"loket/textenc"
)

// writeConn is the one connection this process writes through, held for
// the store's life. Its page cache stays valid from one write to the next
// (SQLite drops a connection's cache whenever another connection has
// written), and its statements stay prepared on it.
//
// Transactions on it are plain BEGIN IMMEDIATE / COMMIT statements,
// prepared once, rather than database/sql's Tx: a Tx starts a goroutine
// and a cancellable context per transaction, re-binds every cached
// statement to itself, and has the driver parse BEGIN and COMMIT afresh
// each time. On a ticket issue that bookkeeping cost as much as the
// ticket's own two inserts (BenchmarkIssueVsBare). s.writer guarantees
// one transaction at a time on the connection, which is what Tx would
// otherwise guarantee.
type writeConn struct {
	c     *sql.Conn
	stmts map[string]*sql.Stmt // bound to c
}

// writeTx is a transaction of s.tx in progress. It offers the statement
// methods of sql.Tx that the store uses.
type writeTx struct {
	w *writeConn
}

func (t *writeTx) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return t.w.c.ExecContext(ctx, q, cleanArgs(args)...)
}

func (t *writeTx) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return t.w.c.QueryContext(ctx, q, cleanArgs(args)...)
}

func (t *writeTx) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	return t.w.c.QueryRowContext(ctx, q, cleanArgs(args)...)
}

// cleanArgs makes every text a write stores valid UTF-8 without NUL or
// control characters (textenc.Clean), whatever path it came by: a form, a
// CSV import, the hub's API, a survey tablet. One NUL in a survey comment
// once made the central PostgreSQL refuse the office's every later batch.
// The args are copied only when a text changes.
func cleanArgs(args []any) []any {
	out, copied := args, false
	for i, a := range args {
		s, ok := a.(string)
		if !ok {
			continue
		}
		if c := textenc.Clean(s); c != s {
			if !copied {
				out, copied = append([]any(nil), args...), true
			}
			out[i] = c
		}
	}
	return out
}

// stmt returns q prepared on the connection, preparing it the first time.
func (w *writeConn) stmt(ctx context.Context, q string) (*sql.Stmt, error) {
	if st, ok := w.stmts[q]; ok {
		return st, nil
	}
	st, err := w.c.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	w.stmts[q] = st
	return st, nil
}

func (w *writeConn) close() {
	for _, st := range w.stmts {
		st.Close()
	}
	w.c.Close()
}

// discard closes the connection for good instead of returning it to the
// pool: it may still hold a transaction that could not be rolled back.
func (w *writeConn) discard() {
	for _, st := range w.stmts {
		st.Close()
	}
	_ = w.c.Raw(func(any) error { return driver.ErrBadConn })
	w.c.Close()
}

// writeConnLocked returns the write connection, opening it on first use
// or after it was discarded. The caller holds the write turn.
func (s *Store) writeConnLocked(ctx context.Context) (*writeConn, error) {
	if s.w != nil {
		return s.w, nil
	}
	c, err := s.wdb.Conn(ctx)
	if err != nil {
		return nil, err
	}
	s.w = &writeConn{c: c, stmts: map[string]*sql.Stmt{}}
	return s.w, nil
}

// takeTurn waits for this process's write turn: as long as SQLite's own
// busy_timeout would have waited, or until the caller's context ends (the
// hub's request gave up or passed its deadline), then refuses rather than
// hang.
func (s *Store) takeTurn(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return busy(err)
	}
	select {
	case s.writer <- struct{}{}:
		return nil
	default:
	}
	wait := time.NewTimer(writerWait)
	defer wait.Stop()
	select {
	case s.writer <- struct{}{}:
		return nil
	case <-ctx.Done():
		return busy(ctx.Err())
	case <-wait.C:
		return ErrBusy
	}
}

// busy is the refusal of a write that did not get its turn in time:
// ErrBusy for the person (the hub answers 503 busy, nothing was written,
// the same request may be sent again), with its cause kept for errors.Is
// and the log.
func busy(cause error) error { return fmt.Errorf("%w (%w)", ErrBusy, cause) }

// isBusy tells whether err is SQLite's SQLITE_BUSY (another process held
// the database past busy_timeout), in any of its extended forms.
func isBusy(err error) bool {
	var e *sqlite.Error
	return errors.As(err, &e) && e.Code()&0xff == sqlite3.SQLITE_BUSY
}

// tx runs fn in one immediate transaction and commits it, or rolls back on
// error (or panic). Writers of this process take turns on s.writer, then
// on the one write connection; immediate transactions take SQLite's write
// lock up front, so a writer of another process waits (busy_timeout)
// instead of failing half-way. A write whose caller's context ends before
// the commit, or that cannot get the turn or the lock in time, commits
// nothing and is refused with ErrBusy (wrapping the cause); a refusal fn
// returned itself is kept.
func (s *Store) tx(ctx context.Context, fn func(tx *writeTx) error) (err error) {
	if err := s.takeTurn(ctx); err != nil {
		return err
	}
	defer func() { <-s.writer }()
	w, err := s.begin(ctx)
	if err != nil {
		if cerr := ctx.Err(); cerr != nil {
			return busy(cerr)
		}
		if isBusy(err) {
			return busy(err)
		}
		return err
	}
	done := false
	defer func() {
		if !done {
			// fn panicked: leave no transaction open on the connection.
			s.rollback(w)
		}
	}()
	err = fn(&writeTx{w: w})
	if err == nil {
		// As sql.Tx does: a caller that gave up gets nothing committed.
		err = ctx.Err()
	}
	if err == nil {
		err = s.commit(w)
	}
	if err != nil {
		s.rollback(w)
		var refusal *Error
		if cerr := ctx.Err(); cerr != nil && !errors.As(err, &refusal) {
			err = busy(cerr)
		}
	}
	done = true
	return err
}

// begin starts the transaction, replacing a connection database/sql has
// found broken.
func (s *Store) begin(ctx context.Context) (*writeConn, error) {
	for attempt := 0; ; attempt++ {
		w, err := s.writeConnLocked(ctx)
		if err != nil {
			return nil, err
		}
		st, err := w.stmt(ctx, "BEGIN IMMEDIATE")
		if err == nil {
			_, err = st.ExecContext(ctx)
		}
		if err == nil {
			return w, nil
		}
		// A connection database/sql found broken, or one somehow left
		// inside a transaction, is replaced once; anything else (another
		// process holding the lock past busy_timeout) is the caller's.
		if attempt == 0 && (errors.Is(err, sql.ErrConnDone) || errors.Is(err, driver.ErrBadConn) ||
			strings.Contains(err.Error(), "within a transaction")) {
			w.discard()
			s.w = nil
			continue
		}
		return nil, err
	}
}

func (s *Store) commit(w *writeConn) error {
	// Not the caller's context: a commit is not interrupted half-way.
	st, err := w.stmt(context.Background(), "COMMIT")
	if err != nil {
		return err
	}
	_, err = st.ExecContext(context.Background())
	return err
}

// rollback ends a failed transaction. SQLite has already rolled back after
// some errors (a full disk, an interrupt); a rollback that fails for any
// other reason takes the connection out of service, so the next write
// starts on a clean one.
func (s *Store) rollback(w *writeConn) {
	st, err := w.stmt(context.Background(), "ROLLBACK")
	if err == nil {
		_, err = st.ExecContext(context.Background())
	}
	if err != nil && !strings.Contains(err.Error(), "no transaction is active") {
		w.discard()
		if s.w == w {
			s.w = nil
		}
	}
}

// prepared returns q as a statement prepared once on the write connection
// that tx runs on.
func (s *Store) prepared(ctx context.Context, tx *writeTx, q string) (*sql.Stmt, error) {
	st, err := tx.w.stmt(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("store: prepare: %w", err)
	}
	return st, nil
}

// queryRowTx runs a cached q in tx; a query that cannot be prepared runs
// unprepared so that its error surfaces from Scan as usual.
func (s *Store) queryRowTx(ctx context.Context, tx *writeTx, q string, args ...any) *sql.Row {
	st, err := s.prepared(ctx, tx, q)
	if err != nil {
		return tx.QueryRowContext(ctx, q, args...)
	}
	return st.QueryRowContext(ctx, cleanArgs(args)...)
}

// queryTx runs a cached q in tx.
func (s *Store) queryTx(ctx context.Context, tx *writeTx, q string, args ...any) (*sql.Rows, error) {
	st, err := s.prepared(ctx, tx, q)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, cleanArgs(args)...)
}

// execTx runs a cached q in tx.
func (s *Store) execTx(ctx context.Context, tx *writeTx, q string, args ...any) (sql.Result, error) {
	st, err := s.prepared(ctx, tx, q)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, cleanArgs(args)...)
}
