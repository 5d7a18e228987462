package office

import (
	"context"
	"log/slog"
	"time"

	"github.com/go-co-op/gocron/v2"
)

// AutoCloseEvery is how often the process that owns the store closes
// answered consultations left without reply.
const AutoCloseEvery = 30 * time.Minute

// AutoCloseJob closes answered consultations left without reply
// (AutoCloseConsultations) on the PC that owns the store, whether or not a
// CSO or Kepala Seksi screen is open: once at start-up, then every
// interval.
type AutoCloseJob struct {
	sched gocron.Scheduler
}

// StartAutoClose starts the job (gocron, singleton: a slow run is never
// overlapped) with every as the interval (AutoCloseEvery when zero). It
// logs how many items each run closed and stops when ctx ends or on
// Shutdown. Only the process that owns the store starts it (the counter
// app on its own store and `loket hub`), never a kiosk, display or survey
// screen, nor a hub client.
func StartAutoClose(ctx context.Context, l *Local, every time.Duration, logger *slog.Logger) (*AutoCloseJob, error) {
	return startAutoClose(ctx, l, every, logger, nil)
}

// startAutoClose is StartAutoClose with passed, when not nil, told the
// outcome of every pass after it is logged: the tests wait on it instead
// of sleeping and guessing whether a pass ran.
func startAutoClose(ctx context.Context, l *Local, every time.Duration, logger *slog.Logger, passed func(closed int, err error)) (*AutoCloseJob, error) {
	if every <= 0 {
		every = AutoCloseEvery
	}
	if logger == nil {
		logger = slog.Default()
	}
	s, err := gocron.NewScheduler()
	if err != nil {
		return nil, err
	}
	_, err = s.NewJob(
		gocron.DurationJob(every),
		gocron.NewTask(func() {
			n, err := l.AutoCloseConsultations(ctx)
			switch {
			case err != nil && ctx.Err() == nil:
				logger.Error("cso: auto-close", "closed", n, "err", err)
			case n > 0:
				logger.Info("cso: auto-close", "closed", n)
			}
			if passed != nil {
				passed(n, err)
			}
		}),
		gocron.WithSingletonMode(gocron.LimitModeReschedule),
		gocron.WithStartAt(gocron.WithStartImmediately()),
		gocron.WithName("loket-cso-autoclose"),
	)
	if err != nil {
		_ = s.Shutdown()
		return nil, err
	}
	s.Start()
	go func() {
		<-ctx.Done()
		_ = s.Shutdown()
	}()
	return &AutoCloseJob{sched: s}, nil
}

// Shutdown stops the job, waiting for a running pass.
func (j *AutoCloseJob) Shutdown() error { return j.sched.Shutdown() }
