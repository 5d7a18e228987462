package office

import (
	"context"
	"errors"
	"sync"
	"time"

	"loket/queue"
	"loket/store"
)

// Local is the in-process Service over a store: a single-PC office, and
// the engine behind `loket hub`.
type Local struct {
	st *store.Store

	mu      sync.Mutex
	waiters []chan struct{}

	// feed is the one reader of new events all subscriptions share (feed.go).
	feed feed

	// Poll is how often subscribers look for events written by another
	// process on the same store (a second app on the same PC); events from
	// this process wake them at once.
	Poll time.Duration
	// FeedGap is the shortest time between two reads of the shared event
	// feed (feed.go): a burst of writes reaches the subscribers in
	// batches. A few tens of milliseconds are invisible on a screen.
	FeedGap time.Duration
}

var _ Service = (*Local)(nil)

// NewLocal wraps a store.
func NewLocal(st *store.Store) *Local {
	return &Local{st: st, Poll: time.Second, FeedGap: 20 * time.Millisecond}
}

// Store returns the underlying store (for reports and backups).
func (l *Local) Store() *store.Store { return l.st }

// notify wakes every subscriber after a committed write.
func (l *Local) notify() {
	l.mu.Lock()
	ws := l.waiters
	l.waiters = nil
	l.mu.Unlock()
	for _, w := range ws {
		close(w)
	}
}

func (l *Local) wait() <-chan struct{} {
	ch := make(chan struct{})
	l.mu.Lock()
	l.waiters = append(l.waiters, ch)
	l.mu.Unlock()
	return ch
}

// notified wakes subscribers when a write succeeded and passes err through.
func (l *Local) notified(err error) error {
	if err == nil {
		l.notify()
	}
	return err
}

// requireActive lets only an active officer (any role) act: ticket
// corrections such as Cancel and Reactivate name who made them.
func (l *Local) requireActive(ctx context.Context, actorID string) error {
	o, err := l.st.Officer(ctx, actorID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && !o.Active) {
		return store.ErrForbidden
	}
	return err
}

// Logout implements Service. In-process there is no token to revoke (the
// hub revokes it); logging out someone not logged in ends nothing and is
// no error, there as here.
func (l *Local) Logout(ctx context.Context, officerID string) error { return ctx.Err() }

// requireAdmin lets only admins change the office set-up; before any officer
// exists (first run) anyone may, so the first admin can be created.
func (l *Local) requireAdmin(ctx context.Context, actorID string) error {
	officers, err := l.st.Officers(ctx)
	if err != nil {
		return err
	}
	if len(officers) == 0 {
		return nil
	}
	for _, o := range officers {
		if o.ID == actorID && o.Active && o.Role == store.RoleAdmin {
			return nil
		}
	}
	return store.ErrForbidden
}

// Office implements Service.
func (l *Local) Office(ctx context.Context) (store.Office, error) { return l.st.Office(ctx) }

// SaveOffice implements Service.
func (l *Local) SaveOffice(ctx context.Context, actorID string, o store.Office) (store.Office, error) {
	if err := l.requireAdmin(ctx, actorID); err != nil {
		return o, err
	}
	o, err := l.st.SaveOffice(ctx, actorID, o)
	return o, l.notified(err)
}

// Login implements Service.
func (l *Local) Login(ctx context.Context, username, password string) (store.Officer, error) {
	o, err := l.st.AuthenticateFrom(ctx, username, password, DeviceOf(ctx))
	l.notify() // both outcomes are audited events
	return o, err
}

// LoginLocks implements Service.
func (l *Local) LoginLocks(ctx context.Context) ([]store.LoginLock, error) {
	return l.st.LoginLocks(ctx)
}

// UnlockLogin implements Service.
func (l *Local) UnlockLogin(ctx context.Context, actorID, subject string) error {
	if err := l.requireAdmin(ctx, actorID); err != nil {
		return err
	}
	return l.notified(l.st.UnlockLogin(ctx, actorID, subject))
}

// Services implements Service.
func (l *Local) Services(ctx context.Context) ([]store.Service, error) { return l.st.Services(ctx) }

// SaveService implements Service.
func (l *Local) SaveService(ctx context.Context, actorID string, sv store.Service) (store.Service, error) {
	if err := l.requireAdmin(ctx, actorID); err != nil {
		return sv, err
	}
	v, err := l.st.SaveService(ctx, actorID, sv)
	return v, l.notified(err)
}

// Counters implements Service.
func (l *Local) Counters(ctx context.Context) ([]store.Counter, error) { return l.st.Counters(ctx) }

// SaveCounter implements Service.
func (l *Local) SaveCounter(ctx context.Context, actorID string, c store.Counter) (store.Counter, error) {
	if err := l.requireAdmin(ctx, actorID); err != nil {
		return c, err
	}
	v, err := l.st.SaveCounter(ctx, actorID, c)
	return v, l.notified(err)
}

// Officers implements Service.
func (l *Local) Officers(ctx context.Context) ([]store.Officer, error) { return l.st.Officers(ctx) }

// SaveOfficer implements Service.
func (l *Local) SaveOfficer(ctx context.Context, actorID string, o store.Officer, password string) (store.Officer, error) {
	if err := l.requireAdmin(ctx, actorID); err != nil {
		return o, err
	}
	v, err := l.st.SaveOfficer(ctx, actorID, o, password)
	return v, l.notified(err)
}

// Setting implements Service.
func (l *Local) Setting(ctx context.Context, key string) (string, error) {
	return l.st.Setting(ctx, key)
}

// SaveSetting implements Service.
func (l *Local) SaveSetting(ctx context.Context, actorID, key, value string) error {
	if err := l.requireSettingActor(ctx, actorID, key); err != nil {
		return err
	}
	return l.notified(l.st.SaveSetting(ctx, actorID, key, value))
}

// OpenCounter implements Service.
func (l *Local) OpenCounter(ctx context.Context, officerID, counterID string, serviceIDs []string) (store.CounterSession, error) {
	v, err := l.st.OpenCounter(ctx, officerID, counterID, serviceIDs)
	return v, l.notified(err)
}

// TakeOverCounter implements Service.
func (l *Local) TakeOverCounter(ctx context.Context, officerID, counterID string, serviceIDs []string) (store.CounterSession, error) {
	v, err := l.st.TakeOverCounter(ctx, officerID, counterID, serviceIDs)
	return v, l.notified(err)
}

// HandOverCounter implements Service.
func (l *Local) HandOverCounter(ctx context.Context, sessionID string) error {
	return l.notified(l.st.HandOverCounter(ctx, sessionID))
}

// CloseCounter implements Service.
func (l *Local) CloseCounter(ctx context.Context, sessionID string) error {
	return l.notified(l.st.CloseCounter(ctx, sessionID))
}

// IssueTicket implements Service.
func (l *Local) IssueTicket(ctx context.Context, serviceID, priority string) (store.Ticket, error) {
	v, err := l.st.IssueTicket(ctx, serviceID, priority)
	return v, l.notified(err)
}

// CallNext implements Service, applying the office's ordering policy.
func (l *Local) CallNext(ctx context.Context, sessionID string) (store.Ticket, error) {
	off, err := l.st.Office(ctx)
	if err != nil {
		return store.Ticket{}, err
	}
	v, err := l.st.CallNext(ctx, sessionID, queue.DefaultBookingRule.Picker(queue.PolicyFor(off)))
	return v, l.notified(err)
}

// Recall implements Service.
func (l *Local) Recall(ctx context.Context, sessionID, ticketID string) (store.Ticket, error) {
	v, err := l.st.Recall(ctx, sessionID, ticketID)
	return v, l.notified(err)
}

// StartServing implements Service.
func (l *Local) StartServing(ctx context.Context, sessionID, ticketID string) (store.Ticket, error) {
	v, err := l.st.StartServing(ctx, sessionID, ticketID)
	return v, l.notified(err)
}

// Skip implements Service.
func (l *Local) Skip(ctx context.Context, sessionID, ticketID string) (store.Ticket, error) {
	v, err := l.st.Skip(ctx, sessionID, ticketID)
	return v, l.notified(err)
}

// Finish implements Service.
func (l *Local) Finish(ctx context.Context, sessionID, ticketID string) (store.Ticket, error) {
	v, err := l.st.Finish(ctx, sessionID, ticketID)
	return v, l.notified(err)
}

// Transfer implements Service.
func (l *Local) Transfer(ctx context.Context, sessionID, ticketID, toServiceID string) (store.Ticket, error) {
	v, err := l.st.Transfer(ctx, sessionID, ticketID, toServiceID)
	return v, l.notified(err)
}

// Reactivate implements Service.
func (l *Local) Reactivate(ctx context.Context, actorID, ticketID string) (store.Ticket, error) {
	if err := l.requireActive(ctx, actorID); err != nil {
		return store.Ticket{}, err
	}
	v, err := l.st.Reactivate(ctx, actorID, ticketID)
	return v, l.notified(err)
}

// Cancel implements Service.
func (l *Local) Cancel(ctx context.Context, actorID, ticketID, reason string) (store.Ticket, error) {
	if err := l.requireActive(ctx, actorID); err != nil {
		return store.Ticket{}, err
	}
	v, err := l.st.Cancel(ctx, actorID, ticketID, reason)
	return v, l.notified(err)
}

// CurrentTicket implements Service.
func (l *Local) CurrentTicket(ctx context.Context, counterID string) (store.Ticket, error) {
	return l.st.CurrentTicket(ctx, counterID)
}

// dayStart is midnight of today in the office's time zone.
func (l *Local) dayStart(ctx context.Context) (time.Time, error) {
	off, err := l.st.Office(ctx)
	if err != nil {
		return time.Time{}, err
	}
	now := l.st.Now().In(off.Location())
	return time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location()), nil
}

func (l *Local) today(ctx context.Context) (string, error) {
	off, err := l.st.Office(ctx)
	if err != nil {
		return "", err
	}
	return off.BusinessDate(l.st.Now()), nil
}

// TicketsToday implements Service.
func (l *Local) TicketsToday(ctx context.Context) ([]store.Ticket, error) {
	d, err := l.today(ctx)
	if err != nil {
		return nil, err
	}
	return l.st.TicketsOn(ctx, d)
}

// TicketsChangedSince implements Service.
func (l *Local) TicketsChangedSince(ctx context.Context, seq int64) ([]store.Ticket, int64, error) {
	d, err := l.today(ctx)
	if err != nil {
		return nil, 0, err
	}
	return l.st.TicketsChangedSince(ctx, d, seq)
}

// WaitingCounts implements Service.
func (l *Local) WaitingCounts(ctx context.Context) (map[string]int, error) {
	d, err := l.today(ctx)
	if err != nil {
		return nil, err
	}
	return l.st.WaitingCounts(ctx, d)
}
