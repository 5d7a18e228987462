package store

import (
	"context"
	"fmt"
)

// BackupTo writes a consistent copy of the whole database to path with
// VACUUM INTO: a snapshot taken inside one read transaction, so counters
// keep issuing and calling while it runs. path must not exist yet (SQLite
// refuses to overwrite); checking and pruning backups is the caller's
// business (central.Backup).
func (s *Store) BackupTo(ctx context.Context, path string) error {
	if _, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		return fmt.Errorf("store: backup to %s: %w", path, err)
	}
	return nil
}
