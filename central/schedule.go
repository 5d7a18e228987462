package central

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/go-co-op/gocron/v2"

	"loket/store"
)

// ErrBusy is returned by RunNow while another run is going.
var ErrBusy = &Error{Message: "Sinkronisasi sedang berjalan; tunggu hingga selesai."}

// Nightly is the scheduled backup-then-sync of an office.
type Nightly struct {
	st     *store.Store
	cfg    Config
	log    *slog.Logger
	ctx    context.Context
	sched  gocron.Scheduler
	mu     sync.Mutex // one run at a time: job, catch-up and "sync now"
	loc    *time.Location
	hour   int
	minute int

	// progress receives the progress of every run (the admin's bar).
	progMu   sync.Mutex
	progress func(Progress)
}

// Schedule starts the nightly job: at cfg.At (default 23:00) in the
// office's zone (or cfg.Zone), in gocron's singleton mode, a backup (when
// cfg.BackupDir is set) then a sync. If the last successful nightly run is
// older than the last scheduled time (the PC was off at 23:00), a catch-up
// run starts at once. The job stops when ctx ends or on Shutdown.
func Schedule(ctx context.Context, st *store.Store, cfg Config, logger *slog.Logger) (*Nightly, error) {
	cfg = cfg.withDefaults()
	if logger == nil {
		logger = slog.Default()
	}
	var h, m int
	if _, err := fmt.Sscanf(cfg.At, "%d:%d", &h, &m); err != nil || h < 0 || h > 23 || m < 0 || m > 59 {
		return nil, &Error{Message: "Jam sinkronisasi malam harus berformat JJ:MM, misalnya 23:00.", Err: err}
	}
	zone := cfg.Zone
	if zone == "" {
		if off, err := st.Office(ctx); err == nil {
			zone = off.Zone
		}
	}
	loc := store.LoadZone(zone)
	n := &Nightly{st: st, cfg: cfg, log: logger, ctx: ctx, loc: loc, hour: h, minute: m}
	s, err := gocron.NewScheduler(gocron.WithLocation(loc))
	if err != nil {
		return nil, err
	}
	_, err = s.NewJob(
		gocron.DailyJob(1, gocron.NewAtTimes(gocron.NewAtTime(uint(h), uint(m), 0))),
		gocron.NewTask(func() { n.run(store.TrigNightly) }),
		gocron.WithSingletonMode(gocron.LimitModeReschedule),
		gocron.WithName("loket-nightly-sync"),
	)
	if err != nil {
		_ = s.Shutdown()
		return nil, err
	}
	n.sched = s
	s.Start()
	go func() {
		<-ctx.Done()
		_ = s.Shutdown()
	}()
	if n.catchUpDue(ctx) {
		go n.run(store.TrigCatchUp)
	}
	return n, nil
}

// OnProgress sets the callback that receives the progress of every run.
func (n *Nightly) OnProgress(fn func(Progress)) {
	n.progMu.Lock()
	n.progress = fn
	n.progMu.Unlock()
}

func (n *Nightly) progressFn() func(Progress) {
	n.progMu.Lock()
	defer n.progMu.Unlock()
	return n.progress
}

// LastScheduled is the newest nightly time at or before now.
func LastScheduled(now time.Time, hour, minute int, loc *time.Location) time.Time {
	l := now.In(loc)
	t := time.Date(l.Year(), l.Month(), l.Day(), hour, minute, 0, 0, loc)
	if t.After(l) {
		t = time.Date(l.Year(), l.Month(), l.Day()-1, hour, minute, 0, 0, loc)
	}
	return t
}

// catchUpDue tells whether the last successful nightly run started before
// the last scheduled time. A clock moved back makes that run look recent,
// so nothing runs twice; a missed night always runs.
func (n *Nightly) catchUpDue(ctx context.Context) bool {
	kind := store.RunSync
	if n.cfg.URL == "" {
		kind = store.RunBackup // backup only: no central server set
	}
	last, err := n.st.LastSyncRun(ctx, kind, store.RunOK, store.TrigNightly, store.TrigCatchUp)
	if errors.Is(err, store.ErrNotFound) {
		return true
	}
	if err != nil {
		n.log.Warn("nightly: last run", "err", err)
		return false
	}
	due := LastScheduled(n.st.Now(), n.hour, n.minute, n.loc)
	return last.StartedAt.Before(due)
}

func (n *Nightly) run(trigger string) {
	if !n.mu.TryLock() {
		n.log.Info("nightly: a run is already going", "trigger", trigger)
		return
	}
	n.backup(n.ctx, trigger)
	if n.cfg.URL == "" {
		n.mu.Unlock()
		return // backup only: no central server set
	}
	if trigger == store.TrigNightly {
		// Hundreds of offices share one nightly time; each waits its
		// own share of the window before it syncs (the backup, which
		// needs nobody, ran on time). "Sync now" may run meanwhile.
		n.mu.Unlock()
		wait := SyncDelay(n.officeCode(), n.cfg.JitterMinutes)
		n.log.Info("nightly: sync after the spread delay", "delay", wait.Round(time.Second))
		select {
		case <-n.ctx.Done():
			return
		case <-time.After(wait):
		}
		if !n.mu.TryLock() {
			n.log.Info("nightly: a run is already going", "trigger", trigger)
			return
		}
	}
	defer n.mu.Unlock()
	n.sync(n.ctx, trigger, n.progressFn())
}

func (n *Nightly) officeCode() string {
	off, err := n.st.Office(n.ctx)
	if err != nil {
		return ""
	}
	return off.Code
}

// SyncDelay is how long an office waits after the nightly time before it
// syncs: its place in a window of jitterMinutes (default 60), fixed by its
// code so 300 offices spread evenly over the hour, plus up to 30 s at
// random so two offices whose codes land together do not start in step.
func SyncDelay(officeCode string, jitterMinutes int) time.Duration {
	if jitterMinutes < 0 {
		return 0
	}
	if jitterMinutes == 0 {
		jitterMinutes = 60
	}
	window := time.Duration(jitterMinutes) * time.Minute
	sum := sha256.Sum256([]byte(officeCode))
	d := time.Duration(binary.BigEndian.Uint64(sum[:8])%uint64(window/time.Second)) * time.Second
	return min(window, d+rand.N(30*time.Second))
}

// backup is the nightly (or catch-up) backup, when a backup folder is set.
func (n *Nightly) backup(ctx context.Context, trigger string) {
	if n.cfg.BackupDir == "" || (trigger != store.TrigNightly && trigger != store.TrigCatchUp) {
		return
	}
	var path string
	rcp, err := n.cfg.BackupRecipients()
	if err == nil {
		path, err = BackupRun(ctx, n.st, n.cfg.BackupDir, n.cfg.Keep, trigger, rcp...)
	}
	if err != nil {
		n.log.Error("nightly: backup", "err", err)
	} else {
		n.log.Info("nightly: backup", "path", path)
	}
}

func (n *Nightly) sync(ctx context.Context, trigger string, progress func(Progress)) (store.SyncRun, error) {
	run, err := Sync(ctx, n.st, n.cfg, trigger, progress)
	if err != nil {
		n.log.Error("nightly: sync", "trigger", trigger, "err", err)
	} else {
		n.log.Info("nightly: sync", "trigger", trigger, "batches", run.Batches, "records", run.Records)
	}
	return run, err
}

// RunNow is the admin's "sync now": a sync (no backup) unless one is
// already running, in which case it returns ErrBusy at once.
func (n *Nightly) RunNow(ctx context.Context, progress func(Progress)) (store.SyncRun, error) {
	if !n.mu.TryLock() {
		return store.SyncRun{}, ErrBusy
	}
	defer n.mu.Unlock()
	if progress == nil {
		progress = n.progressFn()
	}
	return n.sync(ctx, store.TrigManual, progress)
}

// NextRun is when the nightly job runs next.
func (n *Nightly) NextRun() time.Time {
	jobs := n.sched.Jobs()
	if len(jobs) == 0 {
		return time.Time{}
	}
	t, _ := jobs[0].NextRun()
	return t
}

// Shutdown stops the scheduler, waiting for a running job.
func (n *Nightly) Shutdown() error { return n.sched.Shutdown() }
