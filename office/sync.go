package office

import (
	"context"
	"time"

	"loket/store"
)

// SyncControl is the nightly sync to the central office and the backup of
// the PC that holds the store, as the admin's Sinkronisasi tab drives it.
// central.Control implements it; cmd/loket hands it to the UI on that PC
// only (a hub client has none). The UI sees this interface, never the
// sync's package.
type SyncControl interface {
	// SyncSettings returns the settings with the token left out, and
	// whether one is stored.
	SyncSettings() (s store.SyncSettings, tokenSet bool)
	// SaveSyncSettings checks and stores the settings (an empty Token
	// keeps the stored one) and restarts the nightly job with them.
	SaveSyncSettings(s store.SyncSettings) error
	// NextRun is when the nightly job runs next (zero when not scheduled).
	NextRun() time.Time
	// SyncNow runs a sync at once; progress, if not nil, is called after
	// every acknowledged batch, from the run's goroutine.
	SyncNow(ctx context.Context, trigger string, progress func(store.SyncProgress)) (store.SyncRun, error)
	// BackupNow makes a checked backup at once and returns its path.
	BackupNow(ctx context.Context, trigger string) (string, error)
	// Backups lists the backup files, newest first.
	Backups() ([]string, error)
	// BackupRecipient is the public half of the office's backup key
	// (age1...), "" while backups are not encrypted.
	BackupRecipient() string
	// NewBackupKey makes a new backup key: the secret half (the key
	// file's text, for the office to keep off this PC) and the public
	// half. Nothing is stored: the caller saves the secret first, then
	// hands the public half to SetBackupRecipient, so no backup is ever
	// encrypted to a key whose secret was not kept.
	NewBackupKey() (identity, recipient string, err error)
	// SetBackupRecipient stores the public half; every backup after it
	// is encrypted to it.
	SetBackupRecipient(recipient string) error
	// Runs is the history of sync and backup runs, newest first.
	Runs(ctx context.Context, limit int) ([]store.SyncRun, error)
}
