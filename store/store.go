// Package store is the office's data: the SQLite schema (embedded numbered
// migrations), the domain structs and every query. It has no UI and no
// policy: the rules of the queue live in package queue and are handed in.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
	_ "modernc.org/sqlite" // the pure-Go SQLite driver
)

//go:embed migrations/*.sql
var migrationsFS embed.FS

// TimeLayout is how instants are stored: UTC, fixed width, so text order is
// time order.
const TimeLayout = "2006-01-02T15:04:05.000000000Z"

// DateLayout is how business dates are stored.
const DateLayout = "2006-01-02"

// Store is an open office store. It is safe for concurrent use.
type Store struct {
	db *sql.DB
	// wdb holds the connection every write transaction uses (w, see
	// writeConn): a counter's call reads today's queue from its warm
	// page cache rather than from the file again on every call.
	wdb *sql.DB
	w   *writeConn // guarded by the write turn (writer)
	// Now is the clock. Tests pin it; it must return increasing instants
	// for event order to match time order.
	Now func() time.Time
	// NewID makes the random part of record ids (UUIDv7 by default, so ids
	// sort by creation time).
	NewID func() string
	path  string

	stmtMu sync.Mutex
	stmts  map[string]*sql.Stmt // on db

	// writer admits one write transaction of this process at a time, in
	// arrival order. Writers queue here instead of in SQLite's busy
	// handler, which sleeps in steps of up to 100 ms and so made a hub's
	// slowest calls wait tens of milliseconds for a lock that was free
	// sooner. Other processes on the same file still meet busy_timeout.
	writer chan struct{}

	// office caches the office row: read by every write, changed almost
	// never, and only through SaveOffice (which refreshes it).
	office atomic.Pointer[Office]
	// phoneKey caches the key of the phone links (phonecode.go).
	phoneKey atomic.Pointer[[]byte]
}

// idleConns is how many pooled connections stay open between bursts.
const idleConns = 16

// writerWait bounds the wait for the write turn, like busy_timeout.
var writerWait = 10 * time.Second

// Open opens (creating if needed) the store at path and brings its schema up
// to date. Every pragma is in the DSN so each pooled connection gets it.
func Open(path string) (*Store, error) {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	// FULL: every commit waits for the WAL to reach the disk. Counter PCs
	// lose power; under NORMAL a committed ticket could vanish with the
	// last WAL pages and its number be handed to a second person. The cost
	// (BenchmarkIssueVsBare): an IssueTicket of about 190 µs instead of
	// 50 µs on this VM's disk, thousands a second, far beyond an office.
	q.Add("_pragma", "synchronous(FULL)")
	q.Add("_txlock", "immediate")
	dsn := "file:" + path + "?" + q.Encode()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	// A new connection parses the whole schema (a few milliseconds at
	// this many tables); database/sql keeps only 2 idle by default, so a
	// hub serving dozens of devices would open and close connections on
	// every burst. Keep enough of them.
	db.SetMaxIdleConns(idleConns)
	wdb, err := sql.Open("sqlite", dsn)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	// One connection, held by the store (writeConn) for its life.
	wdb.SetMaxOpenConns(1)
	wdb.SetMaxIdleConns(1)
	s := &Store{db: db, wdb: wdb, Now: time.Now, NewID: newUUID, path: path, writer: make(chan struct{}, 1)}
	if err := s.migrate(context.Background()); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func newUUID() string {
	id, err := uuid.NewV7()
	if err != nil {
		return uuid.NewString()
	}
	return id.String()
}

// Path is the file the store lives in.
func (s *Store) Path() string { return s.path }

// Close closes the database.
func (s *Store) Close() error {
	s.stmtMu.Lock()
	for _, st := range s.stmts {
		st.Close()
	}
	s.stmts = nil
	s.stmtMu.Unlock()
	// The write connection is returned before the pool closes; a write
	// still running at Close (none should) keeps it until it ends.
	if s.takeTurn(context.Background()) == nil {
		if s.w != nil {
			s.w.close()
			s.w = nil
		}
		<-s.writer
	}
	werr := s.wdb.Close()
	if err := s.db.Close(); err != nil {
		return err
	}
	return werr
}

// DB exposes the read handle so other packages' tests can inspect rows
// directly. Production code outside store never uses it (every query and
// the backup live here, see BackupTo); TestNoDBOutsideStore keeps it so.
func (s *Store) DB() *sql.DB { return s.db }

func (s *Store) now() time.Time { return s.Now().UTC() }

// newID returns a globally unique id: office code, a dash and a UUIDv7.
func (s *Store) newID(office string) string {
	if office == "" {
		return s.NewID()
	}
	return office + "-" + s.NewID()
}

// migrateUpTo stops the migrations after this version when set: tests
// build a store as an older release left it, then upgrade it.
var migrateUpTo int

func (s *Store) migrate(ctx context.Context) error {
	// What is applied is read first, without the write lock: a kiosk,
	// display or CLI opening a store that is already current must not
	// wait for the write turn of a busy office just to learn that.
	applied := map[int]bool{}
	rows, err := s.db.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err != nil && !strings.Contains(err.Error(), "no such table") {
		return fmt.Errorf("store: migrate: %w", err)
	}
	if err == nil {
		for rows.Next() {
			var v int
			if err := rows.Scan(&v); err != nil {
				rows.Close()
				return fmt.Errorf("store: migrate: %w", err)
			}
			applied[v] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("store: migrate: %w", err)
		}
	} else if err := s.tx(ctx, func(tx *writeTx) error {
		_, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`)
		return err
	}); err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	entries, err := fs.ReadDir(migrationsFS, "migrations")
	if err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	for _, name := range names {
		v, err := strconv.Atoi(strings.SplitN(name, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("store: migration %q has no number", name)
		}
		if migrateUpTo > 0 && v > migrateUpTo {
			break
		}
		if applied[v] {
			continue
		}
		body, err := migrationsFS.ReadFile("migrations/" + name)
		if err != nil {
			return fmt.Errorf("store: migrate: %w", err)
		}
		err = s.tx(ctx, func(tx *writeTx) error {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, v).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return nil
			}
			if _, err := tx.ExecContext(ctx, string(body)); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
				v, name, s.now().Format(TimeLayout))
			return err
		})
		if err != nil {
			return fmt.Errorf("store: migrate: %w", err)
		}
	}
	return nil
}

// stmt returns q prepared once per store: the hot paths (issue, call,
// finish, the event stream) skip SQLite's parse and plan, which costs more
// than running these small statements. Only constant query texts (or a
// few variants of one) belong here: the cache is never trimmed.
func (s *Store) stmt(ctx context.Context, q string) (*sql.Stmt, error) {
	s.stmtMu.Lock()
	defer s.stmtMu.Unlock()
	if st, ok := s.stmts[q]; ok {
		return st, nil
	}
	st, err := s.db.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	if s.stmts == nil {
		s.stmts = map[string]*sql.Stmt{}
	}
	s.stmts[q] = st
	return st, nil
}

func formatTime(t time.Time) string { return t.UTC().Format(TimeLayout) }

func parseTime(s string) time.Time {
	t, err := time.Parse(TimeLayout, s)
	if err != nil {
		t, _ = time.Parse(time.RFC3339Nano, s)
	}
	return t
}

func nullTime(ns sql.NullString) time.Time {
	if !ns.Valid || ns.String == "" {
		return time.Time{}
	}
	return parseTime(ns.String)
}

func nullString(s string) sql.NullString {
	return sql.NullString{String: s, Valid: s != ""}
}

func isUniqueViolation(err error) bool {
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed")
}

// Integrity runs SQLite's integrity check and returns an error unless the
// database reports "ok".
func (s *Store) Integrity(ctx context.Context) error {
	var res string
	if err := s.db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res); err != nil {
		return fmt.Errorf("store: integrity: %w", err)
	}
	if res != "ok" {
		return fmt.Errorf("store: integrity: %s", res)
	}
	return nil
}

var errNoRows = sql.ErrNoRows

func notFound(err error) error {
	if errors.Is(err, errNoRows) {
		return ErrNotFound
	}
	return err
}
