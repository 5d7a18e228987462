package central

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"filippo.io/age"

	"loket/store"
)

// backupPrefix names the backup files: loket-20260102T160000Z.db, so name
// order is time order.
const backupPrefix = "loket-"

// Backup writes a consistent copy of the office store into dir with
// VACUUM INTO (a snapshot: the counters keep working meanwhile), opens the
// copy and runs PRAGMA integrity_check on it, then deletes the oldest
// backups beyond keep. It returns the new file's path. A copy that fails
// the check is deleted and reported, never kept. With recipients the
// checked copy is encrypted (backup_age.go) to loket-...db.age and the
// plaintext removed.
func Backup(ctx context.Context, st *store.Store, dir string, keep int, recipients ...age.Recipient) (string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("central: backup: %w", err)
	}
	stamp := st.Now().UTC().Format("20060102T150405Z")
	path := filepath.Join(dir, backupPrefix+stamp+".db")
	for i := 2; ; i++ {
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			break
		}
		path = filepath.Join(dir, fmt.Sprintf("%s%s-%d.db", backupPrefix, stamp, i))
	}
	if err := st.BackupTo(ctx, path); err != nil {
		os.Remove(path)
		return "", fmt.Errorf("central: backup: %w", err)
	}
	if err := CheckBackup(ctx, path); err != nil {
		os.Remove(path)
		return "", err
	}
	if len(recipients) > 0 {
		enc := path + EncryptedSuffix
		err := encryptFile(path, enc, recipients...)
		os.Remove(path)
		if err != nil {
			return "", fmt.Errorf("central: backup encrypt: %w", err)
		}
		path = enc
	}
	if keep > 0 {
		if err := prune(dir, keep, path); err != nil {
			return path, err
		}
	}
	return path, nil
}

// CheckBackup opens a backup read-only and runs SQLite's integrity check.
func CheckBackup(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("central: backup check: %w", err)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return fmt.Errorf("central: backup check: %w", err)
	}
	defer db.Close()
	var res string
	if err := db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res); err != nil {
		return fmt.Errorf("central: backup check %s: %w", path, err)
	}
	if res != "ok" {
		return fmt.Errorf("central: backup check %s: %s", path, res)
	}
	return nil
}

// Backups lists the backup files in dir, oldest first.
func Backups(dir string) ([]string, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range ents {
		if !e.IsDir() && strings.HasPrefix(e.Name(), backupPrefix) &&
			(strings.HasSuffix(e.Name(), ".db") || strings.HasSuffix(e.Name(), ".db"+EncryptedSuffix)) {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	sort.Strings(out)
	return out, nil
}

// prune deletes the oldest backups beyond keep; the one just made is never
// deleted, even if a clock moved back makes its name sort first.
func prune(dir string, keep int, newest string) error {
	all, err := Backups(dir)
	if err != nil {
		return err
	}
	var others []string
	for _, p := range all {
		if p != newest {
			others = append(others, p)
		}
	}
	for len(others) > keep-1 {
		if err := os.Remove(others[0]); err != nil {
			return fmt.Errorf("central: backup prune: %w", err)
		}
		others = others[1:]
	}
	return nil
}

// Restore puts a backup back as the office store at dbPath. Loket must be
// closed (no process may hold the store). The backup is checked first;
// the current store, if any, is kept beside it as
// dbPath.sebelum-pulih-<time> together with its -wal/-shm files.
func Restore(backupPath, dbPath string) error {
	ctx := context.Background()
	if IsEncryptedBackup(backupPath) {
		return ErrBackupNeedsKey
	}
	if err := CheckBackup(ctx, backupPath); err != nil {
		return err
	}
	if err := checkNotInUse(ctx, dbPath); err != nil {
		return err
	}
	tmp := dbPath + ".pulih-tmp"
	if err := copyFile(backupPath, tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("central: restore: %w", err)
	}
	// The restored store hands out again the event numbers that followed
	// the backup: it starts a new lineage so the central office does not
	// take the new events for ones it already holds.
	if err := forkLineage(ctx, tmp); err != nil {
		removeStore(tmp)
		return fmt.Errorf("central: restore: %w", err)
	}
	if _, err := os.Stat(dbPath); err == nil {
		aside := dbPath + ".sebelum-pulih-" + time.Now().UTC().Format("20060102T150405Z")
		if err := os.Rename(dbPath, aside); err != nil {
			os.Remove(tmp)
			return fmt.Errorf("central: restore: %w", err)
		}
		for _, sfx := range []string{"-wal", "-shm"} {
			if _, err := os.Stat(dbPath + sfx); err == nil {
				if err := os.Rename(dbPath+sfx, aside+sfx); err != nil {
					return fmt.Errorf("central: restore: %w", err)
				}
			}
		}
	}
	if err := os.Rename(tmp, dbPath); err != nil {
		return fmt.Errorf("central: restore: %w", err)
	}
	return nil
}

// forkLineage opens the copied store (running any migration the backup
// predates) and starts its new lineage.
func forkLineage(ctx context.Context, path string) error {
	st, err := store.Open(path)
	if err != nil {
		return err
	}
	if _, err := st.Fork(ctx); err != nil {
		st.Close()
		return err
	}
	return st.Close()
}

func removeStore(path string) {
	for _, sfx := range []string{"", "-wal", "-shm"} {
		os.Remove(path + sfx)
	}
}

// ErrStoreInUse: a process (Loket) has the store open; restore refuses.
var ErrStoreInUse = errors.New("central: the office store is in use")

// checkNotInUse tells whether another connection has the store open. In
// WAL mode every open connection holds a shared lock on the database file,
// so an exclusive lock is only granted when nobody else has it open (the
// same test SQLite makes on close before it removes the WAL).
func checkNotInUse(ctx context.Context, dbPath string) error {
	if _, err := os.Stat(dbPath); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	db, err := sql.Open("sqlite", "file:"+dbPath+"?_pragma=busy_timeout(0)&_pragma=locking_mode(EXCLUSIVE)")
	if err != nil {
		return fmt.Errorf("central: restore: %w", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("central: restore: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `BEGIN EXCLUSIVE`); err != nil {
		if strings.Contains(err.Error(), "locked") || strings.Contains(err.Error(), "busy") {
			return ErrStoreInUse
		}
		return fmt.Errorf("central: restore: %w", err)
	}
	// Reading takes the lock for real in WAL mode.
	var n int
	err = conn.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master`).Scan(&n)
	_, _ = conn.ExecContext(ctx, `ROLLBACK`)
	if err != nil && (strings.Contains(err.Error(), "locked") || strings.Contains(err.Error(), "busy")) {
		return ErrStoreInUse
	}
	return nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	return writeFile0600(dst, func(out io.Writer) error {
		_, err := io.Copy(out, in)
		return err
	})
}

// writeFile0600 creates dst (0600, truncated), lets fill write it, then
// syncs and closes it: the one way the backup code writes a file. It
// leaves a failed file in place; the caller decides whether to remove it.
func writeFile0600(dst string, fill func(out io.Writer) error) error {
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	err = fill(out)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return err
}

// BackupRun makes a backup and records it as a run in the store's history.
func BackupRun(ctx context.Context, st *store.Store, dir string, keep int, trigger string, recipients ...age.Recipient) (string, error) {
	run, err := st.StartSyncRun(ctx, store.RunBackup, trigger)
	if err != nil {
		return "", err
	}
	stop := heartbeat(ctx, st, run.ID)
	path, err := Backup(ctx, st, dir, keep, recipients...)
	stop()
	msg := ""
	if err != nil {
		msg = "Cadangan gagal: " + err.Error()
	}
	if ferr := st.FinishSyncRun(context.WithoutCancel(ctx), run.ID, 0, 0, msg, path); ferr != nil && err == nil {
		err = ferr
	}
	return path, err
}
