package central_test

import (
	"context"
	"flag"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"loket/central"
)

// TestMain starts a throwaway PostgreSQL cluster on loopback when
// LOKET_PG_DSN is empty and the Debian package postgresql is installed, so
// `go test ./central` runs against the real engine with no set-up. As root
// the cluster runs as the postgres user (initdb refuses root).
//
// A fuzzing worker (go test -fuzz starts several) runs only the fuzz
// target, which needs no database, so it starts none.
func TestMain(m *testing.M) {
	flag.Parse()
	if f := flag.Lookup("test.fuzzworker"); f != nil && f.Value.String() == "true" {
		os.Exit(m.Run())
	}
	stop, err := startPostgres()
	if err != nil {
		fmt.Fprintln(os.Stderr, "central tests: PostgreSQL not started:", err)
		if requirePostgres {
			// Under CI (tag ci) a missing PostgreSQL is a failure, never
			// a quiet skip: `make test` installs the Debian package.
			os.Exit(1)
		}
	}
	code := m.Run()
	if yearDir != "" {
		os.RemoveAll(yearDir)
	}
	if stop != nil {
		stop()
	}
	os.Exit(code)
}

func startPostgres() (func(), error) {
	if os.Getenv("LOKET_PG_DSN") != "" {
		return nil, nil
	}
	bins, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	if len(bins) == 0 {
		return nil, fmt.Errorf("initdb not found (apt-get install postgresql)")
	}
	sort.Strings(bins)
	bin := filepath.Dir(bins[len(bins)-1])
	dir, err := os.MkdirTemp("", "loket-pg-")
	if err != nil {
		return nil, err
	}
	var wrap []string
	if os.Getuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("running as root and no postgres user: %w", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
		wrap = []string{"runuser", "-u", "postgres", "--"}
	}
	run := func(args ...string) error {
		full := append(append([]string{}, wrap...), args...)
		out, err := exec.Command(full[0], full[1:]...).CombinedOutput()
		if err != nil {
			return fmt.Errorf("%s: %w\n%s", strings.Join(args, " "), err, out)
		}
		return nil
	}
	data := filepath.Join(dir, "data")
	if err := run(filepath.Join(bin, "initdb"), "-D", data, "-A", "trust", "-U", "loket", "-E", "UTF8", "--no-sync"); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	opts := fmt.Sprintf("-h 127.0.0.1 -p %d -k %s", port, dir)
	if err := run(filepath.Join(bin, "pg_ctl"), "-D", data, "-l", filepath.Join(dir, "log"), "-o", opts, "-w", "start"); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	dsn := fmt.Sprintf("postgres://loket@127.0.0.1:%d/postgres?sslmode=disable", port)
	os.Setenv("LOKET_PG_DSN", dsn)
	return func() {
		_ = run(filepath.Join(bin, "pg_ctl"), "-D", data, "-m", "fast", "-w", "stop")
		os.RemoveAll(dir)
	}, nil
}

var schemaN int

// pgDSN returns a DSN on a fresh schema, or skips the test.
func pgDSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv("LOKET_PG_DSN")
	if dsn == "" {
		if requirePostgres {
			t.Fatal("PostgreSQL tidak tersedia: set LOKET_PG_DSN atau pasang paket Debian postgresql")
		}
		t.Skip("PostgreSQL tidak tersedia: set LOKET_PG_DSN atau pasang paket Debian postgresql")
	}
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	schemaN++
	schema := fmt.Sprintf("t%d_%d", time.Now().UnixNano(), schemaN)
	if _, err := pool.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		p, err := pgxpool.New(context.Background(), dsn)
		if err == nil {
			p.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
			p.Close()
		}
	})
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	return dsn + sep + "search_path=" + schema
}

// backend opens a central store: "postgres" or "sqlite".
type backend struct {
	name string
	dsn  func(t testing.TB) string
}

var backends = []backend{
	{"sqlite", func(t testing.TB) string { return filepath.Join(t.TempDir(), "pusat.db") }},
	{"postgres", pgDSN},
}

func openDB(t testing.TB, dsn string) central.DB {
	t.Helper()
	db, err := central.OpenDB(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	return db
}
