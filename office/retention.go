package office

import (
	"context"
	"log/slog"

	"github.com/go-co-op/gocron/v2"

	"loket/store"
)

// RetentionAt is the office-zone time of the daily retention job: at night,
// before the nightly backup of the next evening copies what it removed.
const RetentionAt = "01:30"

// RetentionJob pseudonymises, once a day, the personal fields past their
// retention period (store.PurgeRetention) on the PC that owns the store.
type RetentionJob struct {
	sched gocron.Scheduler
}

// StartRetention starts the daily job at 01.30 in the office's zone, and
// runs one pass at start-up so a PC switched off at night still purges
// (a pass is idempotent: records already pseudonymised are not counted
// again). passed, when not nil, is told each pass's outcome after it is
// logged. It stops when ctx ends or on Shutdown.
func StartRetention(ctx context.Context, l *Local, logger *slog.Logger, passed func(store.PurgeResult, error)) (*RetentionJob, error) {
	if logger == nil {
		logger = slog.Default()
	}
	loc := store.LoadZone("")
	if off, err := l.st.Office(ctx); err == nil {
		loc = off.Location()
	}
	s, err := gocron.NewScheduler(gocron.WithLocation(loc))
	if err != nil {
		return nil, err
	}
	run := func() {
		r, err := l.st.PurgeRetention(ctx, "", false)
		switch {
		case err != nil && ctx.Err() == nil:
			logger.Error("pdp: retention", "err", err)
		case r.Total() > 0:
			logger.Info("pdp: retention", "records", r.Total())
		}
		if passed != nil {
			passed(r, err)
		}
	}
	_, err = s.NewJob(gocron.DailyJob(1, gocron.NewAtTimes(gocron.NewAtTime(1, 30, 0))), gocron.NewTask(run),
		gocron.WithSingletonMode(gocron.LimitModeReschedule), gocron.WithName("loket-pdp-retention"))
	if err == nil {
		_, err = s.NewJob(gocron.OneTimeJob(gocron.OneTimeJobStartImmediately()), gocron.NewTask(run),
			gocron.WithName("loket-pdp-retention-startup"))
	}
	if err != nil {
		_ = s.Shutdown()
		return nil, err
	}
	s.Start()
	go func() {
		<-ctx.Done()
		_ = s.Shutdown()
	}()
	return &RetentionJob{sched: s}, nil
}

// Shutdown stops the job, waiting for a running pass.
func (j *RetentionJob) Shutdown() error { return j.sched.Shutdown() }
