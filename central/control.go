package central

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"loket/store"
	"loket/tlspin"
)

// ConfigFile is the name of the sync configuration beside the default
// store loket.db. It holds the office token, so it is written for the
// owner only and never enters the store (whose settings table is itself
// synced). A store of another name has its own file (ConfigPathFor), so
// two stores in one folder never share a token.
const ConfigFile = "sync.json"

// ConfigPathFor is where the sync configuration of the store at dbPath
// lives: sync.json beside loket.db, NAME.sync.json beside NAME.db.
func ConfigPathFor(dbPath string) string {
	dir, base := filepath.Split(dbPath)
	if base == "loket.db" || base == "" {
		return filepath.Join(dir, ConfigFile)
	}
	return filepath.Join(dir, strings.TrimSuffix(base, filepath.Ext(base))+"."+ConfigFile)
}

// DefaultBackupDir is the nightly backup folder beside a store: cadangan
// beside loket.db, cadangan-NAME beside NAME.db (a folder prunes its
// oldest backups, which must be of its own store).
func DefaultBackupDir(dbPath string) string {
	dir, base := filepath.Split(dbPath)
	if base == "loket.db" || base == "" {
		return filepath.Join(dir, "cadangan")
	}
	return filepath.Join(dir, "cadangan-"+strings.TrimSuffix(base, filepath.Ext(base)))
}

// Control is the sync and backup of the PC that holds the office store,
// as the office app and the command line use them: the configuration file,
// the nightly scheduler, "sync now" and "backup now".
type Control struct {
	st     *store.Store
	dbPath string
	log    *slog.Logger
	// Apply receives pushed-down updates (see Config.Apply).
	Apply func(ctx context.Context, u store.SyncUpdate) error
	// Prepare runs before every sync run (see Config.Prepare): the office's
	// day figures. Its failure is logged here and recorded in the run.
	Prepare func(ctx context.Context) error

	mu      sync.Mutex
	cfg     Config
	ctx     context.Context
	nightly *Nightly
	// bookings is the frequent booking exchange beside the nightly job.
	bookings *BookingJob
	// progress is the latest progress of a running sync (for a screen
	// opened while it runs).
	progress Progress
	running  bool
}

// NewControl reads the configuration beside dbPath (none yet is fine: the
// defaults, with no central server).
func NewControl(st *store.Store, dbPath string, logger *slog.Logger) (*Control, error) {
	if logger == nil {
		logger = slog.Default()
	}
	c := &Control{st: st, dbPath: dbPath, log: logger}
	cfg, err := LoadConfig(c.ConfigPath())
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	c.cfg = c.defaults(cfg)
	return c, nil
}

func (c *Control) defaults(cfg Config) Config {
	if cfg.BackupDir == "" {
		cfg.BackupDir = DefaultBackupDir(c.dbPath)
	}
	if cfg.Keep <= 0 {
		cfg.Keep = 14
	}
	if cfg.At == "" {
		cfg.At = "23:00"
	}
	return cfg
}

// ConfigPath is where the configuration lives.
func (c *Control) ConfigPath() string { return ConfigPathFor(c.dbPath) }

// Config returns the configuration with the token left out; TokenSet tells
// whether one is stored.
func (c *Control) Config() (cfg Config, tokenSet bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	cfg = c.cfg
	tokenSet = cfg.Token != ""
	cfg.Token = ""
	cfg.Apply, cfg.Prepare, cfg.HTTPClient = nil, nil, nil
	return cfg, tokenSet
}

// SyncSettings implements office.SyncControl: Config's on-screen part.
func (c *Control) SyncSettings() (store.SyncSettings, bool) {
	cfg, tokenSet := c.Config()
	return store.SyncSettings{URL: cfg.URL, PinSHA256: cfg.PinSHA256, CAFile: cfg.CAFile,
		At: cfg.At, BackupDir: cfg.BackupDir, Keep: cfg.Keep}, tokenSet
}

// SaveSyncSettings implements office.SyncControl: SaveConfig with the
// on-screen part changed and the rest of the configuration kept.
func (c *Control) SaveSyncSettings(s store.SyncSettings) error {
	cfg, _ := c.Config()
	cfg.URL, cfg.Token, cfg.PinSHA256, cfg.CAFile = s.URL, s.Token, s.PinSHA256, s.CAFile
	cfg.At, cfg.BackupDir, cfg.Keep = s.At, s.BackupDir, s.Keep
	return c.SaveConfig(cfg)
}

// BackupRecipient implements office.SyncControl.
func (c *Control) BackupRecipient() string {
	cfg, _ := c.Config()
	return cfg.BackupRecipient
}

// NewBackupKey implements office.SyncControl (NewBackupKey, nothing
// stored).
func (c *Control) NewBackupKey() (identity, recipient string, err error) {
	return NewBackupKey()
}

// SetBackupRecipient implements office.SyncControl: the public half saved
// in the configuration, the token kept.
func (c *Control) SetBackupRecipient(recipient string) error {
	if _, err := ParseBackupRecipient(recipient); err != nil {
		return err
	}
	cfg, _ := c.Config()
	cfg.BackupRecipient, cfg.Token = recipient, ""
	return c.SaveConfig(cfg)
}

// fullConfig is the configuration a run uses.
func (c *Control) fullConfig() Config {
	c.mu.Lock()
	defer c.mu.Unlock()
	cfg := c.cfg
	cfg.Apply = c.Apply
	if prep := c.Prepare; prep != nil {
		cfg.Prepare = func(ctx context.Context) error {
			err := prep(ctx)
			if err != nil {
				c.log.Error("sync: day figures", "err", err)
			}
			return err
		}
	}
	return cfg
}

// SetHTTPClient replaces the HTTP client of every run (tests).
func (c *Control) SetHTTPClient(hc *http.Client) {
	c.mu.Lock()
	c.cfg.HTTPClient = hc
	c.mu.Unlock()
}

// Validate checks a configuration as an admin typed it and returns the
// first problem as an Indonesian sentence.
func Validate(cfg Config) error {
	u := strings.TrimSpace(cfg.URL)
	if u != "" && !strings.HasPrefix(u, "https://") {
		return &Error{Message: "Alamat server pusat harus diawali https://, misalnya https://pusat.example.go.id:8443."}
	}
	if _, err := tlspin.Normalize(cfg.PinSHA256); err != nil {
		return &Error{Message: "Sidik jari sertifikat harus 64 digit heksadesimal (SHA-256), boleh dengan titik dua.", Err: err}
	}
	if cfg.CAFile != "" {
		if _, err := ClientTLS("", cfg.CAFile); err != nil {
			return &Error{Message: "Berkas CA tidak dapat dibaca atau tidak berisi sertifikat.", Err: err}
		}
	}
	var h, m int
	if _, err := fmt.Sscanf(cfg.At, "%d:%d", &h, &m); err != nil || h < 0 || h > 23 || m < 0 || m > 59 || len(cfg.At) != 5 {
		return &Error{Message: "Jam sinkronisasi malam harus berformat JJ:MM, misalnya 23:00."}
	}
	if cfg.Keep < 1 || cfg.Keep > 365 {
		return &Error{Message: "Jumlah cadangan yang disimpan harus 1 sampai 365."}
	}
	return nil
}

// SaveConfig validates and writes the configuration (owner-only file) and
// restarts the nightly job with it. An empty Token keeps the stored one.
func (c *Control) SaveConfig(cfg Config) error {
	cfg.URL = strings.TrimRight(strings.TrimSpace(cfg.URL), "/")
	cfg.Token = strings.TrimSpace(cfg.Token)
	cfg.PinSHA256 = strings.TrimSpace(cfg.PinSHA256)
	cfg.CAFile = strings.TrimSpace(cfg.CAFile)
	cfg.At = strings.TrimSpace(cfg.At)
	cfg.BackupDir = strings.TrimSpace(cfg.BackupDir)
	cfg = c.defaults(cfg)
	if err := Validate(cfg); err != nil {
		return err
	}
	if _, err := cfg.BackupRecipients(); err != nil {
		return err
	}
	c.mu.Lock()
	if cfg.Token == "" {
		cfg.Token = c.cfg.Token
	}
	cfg.HTTPClient = c.cfg.HTTPClient
	b, _ := json.MarshalIndent(cfg, "", "  ")
	tmp := c.ConfigPath() + ".tmp"
	err := os.WriteFile(tmp, append(b, '\n'), 0o600)
	if err == nil {
		err = os.Rename(tmp, c.ConfigPath())
	}
	if err != nil {
		c.mu.Unlock()
		return &Error{Message: "Pengaturan sinkronisasi tidak dapat disimpan; periksa izin tulis folder data Loket.", Err: err}
	}
	c.cfg = cfg
	ctx := c.ctx
	c.mu.Unlock()
	if ctx != nil {
		return c.Start(ctx)
	}
	return nil
}

// Start runs the nightly job (backup, then sync when a server is set) and
// the catch-up of a missed night; it restarts it when already running.
// It ends with ctx.
func (c *Control) Start(ctx context.Context) error {
	c.mu.Lock()
	old := c.nightly
	c.nightly, c.ctx = nil, ctx
	c.mu.Unlock()
	if old != nil {
		_ = old.Shutdown()
	}
	n, err := Schedule(ctx, c.st, c.fullConfig(), c.log)
	if err != nil {
		return err
	}
	n.OnProgress(c.setProgress)
	c.mu.Lock()
	c.nightly = n
	c.mu.Unlock()
	c.restartBookings(ctx)
	return nil
}

// Stop ends the nightly job.
func (c *Control) Stop() {
	c.mu.Lock()
	n := c.nightly
	c.nightly = nil
	c.mu.Unlock()
	if n != nil {
		_ = n.Shutdown()
	}
	c.stopBookings()
}

// NextRun is when the nightly job runs next (zero when not started).
func (c *Control) NextRun() time.Time {
	c.mu.Lock()
	n := c.nightly
	c.mu.Unlock()
	if n == nil {
		return time.Time{}
	}
	return n.NextRun()
}

func (c *Control) setProgress(p Progress) {
	c.mu.Lock()
	c.progress = p
	c.mu.Unlock()
}

// Progress is the progress of the running sync and whether one runs.
func (c *Control) Progress() (Progress, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.progress, c.running
}

var controlBusy sync.Mutex // one manual run at a time when no scheduler runs

// SyncNow runs a sync at once (trigger manual or cli). With the nightly
// job running it shares its lock: ErrBusy while the nightly run goes.
func (c *Control) SyncNow(ctx context.Context, trigger string, progress func(Progress)) (store.SyncRun, error) {
	cfg := c.fullConfig()
	if cfg.URL == "" || cfg.Token == "" {
		return store.SyncRun{}, &Error{Message: "Sinkronisasi belum diatur: isi alamat server pusat dan token kantor lalu simpan."}
	}
	c.mu.Lock()
	n := c.nightly
	c.running = true
	c.progress = Progress{}
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		c.running = false
		c.mu.Unlock()
	}()
	report := func(p Progress) {
		c.setProgress(p)
		if progress != nil {
			progress(p)
		}
	}
	if n != nil {
		return n.RunNow(ctx, report)
	}
	if !controlBusy.TryLock() {
		return store.SyncRun{}, ErrBusy
	}
	defer controlBusy.Unlock()
	return Sync(ctx, c.st, cfg, trigger, report)
}

// BackupNow makes a backup into the configured folder and records it.
func (c *Control) BackupNow(ctx context.Context, trigger string) (string, error) {
	cfg := c.fullConfig()
	rcp, err := cfg.BackupRecipients()
	if err != nil {
		return "", err
	}
	return BackupRun(ctx, c.st, cfg.BackupDir, cfg.Keep, trigger, rcp...)
}

// Backups lists the backups in the configured folder, newest first.
func (c *Control) Backups() ([]string, error) {
	cfg := c.fullConfig()
	list, err := Backups(cfg.BackupDir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	for i, j := 0, len(list)-1; i < j; i, j = i+1, j-1 {
		list[i], list[j] = list[j], list[i]
	}
	return list, err
}

// Runs lists the latest sync and backup runs, newest first.
func (c *Control) Runs(ctx context.Context, limit int) ([]store.SyncRun, error) {
	return c.st.SyncRuns(ctx, limit)
}
