package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"loket/queue/lifecycle"
)

// Ticket statuses (the lifecycle's, queue/lifecycle).
const (
	StatusWaiting   = lifecycle.Waiting
	StatusCalled    = lifecycle.Called
	StatusServing   = lifecycle.Serving
	StatusDone      = lifecycle.Done
	StatusNoShow    = lifecycle.NoShow
	StatusCancelled = lifecycle.Cancelled
)

// Priority lanes (empty string is the normal lane).
const (
	PriorityNone          = ""
	PriorityLansia        = "lansia"
	PriorityDisabilitas   = "disabilitas"
	PriorityIbuHamil      = "ibu_hamil"
	PriorityAnak          = "anak"
	PriorityKorbanBencana = "korban_bencana"
	// PriorityGroup is the lane of a visitor who booked at the centre in
	// the priority share: the booking page only asks "priority group, yes
	// or no" (elderly, disabled, pregnant or nursing), so the check-in
	// cannot name the group. It is a priority lane like the others for
	// call-next, but not one the kiosk offers a walk-in.
	PriorityGroup = "kelompok_prioritas"
)

// Priorities lists the priority lanes in the order the kiosk shows them.
var Priorities = []string{PriorityLansia, PriorityDisabilitas, PriorityIbuHamil, PriorityAnak, PriorityKorbanBencana}

// PriorityLabel is the Indonesian label of a priority lane.
func PriorityLabel(p string) string {
	switch p {
	case PriorityLansia:
		return "Lansia"
	case PriorityDisabilitas:
		return "Penyandang disabilitas"
	case PriorityIbuHamil:
		return "Ibu hamil"
	case PriorityAnak:
		return "Anak / membawa balita"
	case PriorityKorbanBencana:
		return "Korban bencana"
	case PriorityGroup:
		return "Kelompok prioritas"
	}
	return ""
}

// StatusLabel is the Indonesian label of a ticket status.
func StatusLabel(st string) string { return lifecycle.StatusLabel(st) }

// Ticket is a queue ticket. Number and Prefix never change, even when the
// ticket is transferred to another service; QueuedAt (arrival) is what the
// ordering policy sees, and a transfer keeps it.
type Ticket struct {
	ID           string
	Office       string
	BusinessDate string
	Prefix       string
	Number       int
	ServiceID    string
	Priority     string
	Status       string
	IssuedAt     time.Time
	QueuedAt     time.Time
	CalledAt     time.Time
	CounterID    string
	OfficerID    string
	CallCount    int
	ServedAt     time.Time
	FinishedAt   time.Time
	UpdatedAt    time.Time
	// PhoneCode is the unguessable code of the ticket's phone page
	// (/t/<code> on the hub), set when the ticket is issued so the kiosk
	// can print it as a QR (phonecode.go).
	PhoneCode string `json:",omitempty"`
	// Booking is set on booked visitors among call-next's candidates
	// (bookings.go), for the booking rule of the queue package.
	Booking *BookingSlot `json:",omitempty"`
}

// Code is the number as printed and called: "A001".
func (t Ticket) Code() string { return FormatCode(t.Prefix, t.Number) }

// FormatCode formats a ticket number with at least three digits.
func FormatCode(prefix string, n int) string { return fmt.Sprintf("%s%03d", prefix, n) }

// IsPriority tells whether the ticket is in a priority lane.
func (t Ticket) IsPriority() bool { return t.Priority != PriorityNone }

const ticketColumns = `id, office_code, business_date, prefix, number, service_id, priority, status, issued_at,
	queued_at, called_at, COALESCE(counter_id, ''), COALESCE(officer_id, ''), call_count, served_at, finished_at, updated_at`

func scanTicket(sc interface{ Scan(...any) error }) (Ticket, error) {
	var t Ticket
	var issued, queued, updated string
	var called, served, finished sql.NullString
	err := sc.Scan(&t.ID, &t.Office, &t.BusinessDate, &t.Prefix, &t.Number, &t.ServiceID, &t.Priority, &t.Status,
		&issued, &queued, &called, &t.CounterID, &t.OfficerID, &t.CallCount, &served, &finished, &updated)
	t.IssuedAt, t.QueuedAt, t.UpdatedAt = parseTime(issued), parseTime(queued), parseTime(updated)
	t.CalledAt, t.ServedAt, t.FinishedAt = nullTime(called), nullTime(served), nullTime(finished)
	return t, err
}

func validPriority(p string) bool {
	if p == PriorityNone || p == PriorityGroup {
		return true
	}
	for _, q := range Priorities {
		if p == q {
			return true
		}
	}
	return false
}

// IssueTicket issues the next number of a service for today (office zone).
// The number is allocated inside the insert transaction and guarded by a
// UNIQUE index, so concurrent kiosks never share a number and a crash never
// reissues one that was committed.
func (s *Store) IssueTicket(ctx context.Context, serviceID, priority string) (Ticket, error) {
	var t Ticket
	if !validPriority(priority) {
		return t, refuse("invalid", "Kategori prioritas tidak dikenal.")
	}
	err := s.tx(ctx, func(tx *writeTx) error {
		var err error
		t, err = s.issueIn(ctx, tx, serviceID, priority, nil)
		return err
	})
	if err != nil {
		return Ticket{}, wrap("issue ticket", err)
	}
	return t, nil
}

// issueIn issues a ticket inside tx (IssueTicket; CheckIn issues the
// booked visitor's ticket in the same transaction that marks the booking
// used). extra goes into the issued event's data.
func (s *Store) issueIn(ctx context.Context, tx *writeTx, serviceID, priority string, extra map[string]string) (Ticket, error) {
	var t Ticket
	off, err := s.officeIn(ctx, tx)
	if err != nil {
		return t, err
	}
	now := s.now()
	date := off.BusinessDate(now)
	// One read for what issuing needs of the service and today's last
	// number of its prefix.
	svQ, err := s.prepared(ctx, tx, `SELECT prefix, name, daily_cap, active, (SELECT COALESCE(max(t.number), 0) FROM tickets t
		WHERE t.office_code = ? AND t.business_date = ? AND t.prefix = services.prefix)
		FROM services WHERE id = ?`)
	if err != nil {
		return t, err
	}
	sv := Service{ID: serviceID}
	var last int
	err = svQ.QueryRowContext(ctx, off.Code, date, serviceID).Scan(&sv.Prefix, &sv.Name, &sv.DailyCap, &sv.Active, &last)
	if errors.Is(err, sql.ErrNoRows) {
		return t, refuse("not_found", "Layanan tidak ditemukan.")
	}
	if err != nil {
		return t, err
	}
	if !sv.Active {
		return t, ErrServiceInactive
	}
	// Numbers are dense per prefix and day, so the last number is the
	// count issued today.
	if sv.DailyCap > 0 && last >= sv.DailyCap {
		return t, ErrDailyCap
	}
	t = Ticket{ID: s.newID(off.Code), Office: off.Code, BusinessDate: date, Prefix: sv.Prefix, Number: last + 1,
		ServiceID: sv.ID, Priority: priority, Status: StatusWaiting, IssuedAt: now, QueuedAt: now, UpdatedAt: now}
	ins, err := s.prepared(ctx, tx, `INSERT INTO tickets (id, office_code, business_date, prefix, number, service_id,
		priority, status, issued_at, queued_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return t, err
	}
	at := formatTime(now)
	_, err = ins.ExecContext(ctx, t.ID, t.Office, t.BusinessDate, t.Prefix, t.Number, t.ServiceID, t.Priority, t.Status, at, at, at)
	if err != nil {
		return t, err
	}
	data := map[string]string{"number": t.Code(), "priority": priority, "service": sv.Name}
	for k, v := range extra {
		data[k] = v
	}
	if err := s.appendEvent(ctx, tx, &Event{Office: off.Code, Kind: EvTicketIssued, TicketID: t.ID, ServiceID: sv.ID, At: now,
		Data: data}); err != nil {
		return t, err
	}
	t.PhoneCode = s.phoneCodeIn(ctx, tx, t) // the stub's link to /t/ (phonecode.go)
	return t, nil
}

// Picker chooses which waiting ticket a counter calls next. waiting is in
// arrival order; recentPriority holds, most recent first, whether each of
// the counter's latest calls today was a priority ticket. It returns an
// index into waiting, or -1 for none. The queue package provides the policy.
type Picker func(waiting []Ticket, recentPriority []bool, now time.Time) int

// CallNext calls the next ticket for a counter session, chosen by pick among
// today's waiting tickets of the session's services. pick is given the head
// of each lane (the oldest waiting priority ticket and the oldest waiting
// normal ticket, in arrival order): the only tickets an ordering by lane
// ratio and maximum wait can call, since the ticket waiting longest is one
// of them. Reading only those keeps a call as cheap at 5,000 waiting as at
// 50 (BenchmarkCallNextWaiting). A ticket still being
// served at the counter is finished first; one called but not yet served
// is refused, so a visitor walking up is never dropped silently.
func (s *Store) CallNext(ctx context.Context, sessionID string, pick Picker) (Ticket, error) {
	var t Ticket
	err := s.tx(ctx, func(tx *writeTx) error {
		off, sess, err := s.sessionCtx(ctx, tx, sessionID)
		if err != nil {
			return err
		}
		// A call ends the counter's pause (integrity.go).
		if err := s.endPauseQ(ctx, tx, off.Code, sess, "panggil"); err != nil {
			return err
		}
		now := s.now()
		act := lifecycle.Action{Kind: lifecycle.Call, CounterID: sess.CounterID, OfficerID: sess.OfficerID}
		cur, err := s.currentQ(ctx, tx, sess.CounterID)
		switch {
		case err == nil:
			if _, err := s.applyQ(ctx, tx, off, cur, now, lifecycle.MakeWay, act); err != nil {
				return err
			}
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		date := off.BusinessDate(now)
		waiting, err := s.laneHeadsQ(ctx, tx, off.Code, date, sess.ServiceIDs)
		if err != nil {
			return err
		}
		// Booked visitors checked in (bookings.go) join the candidates.
		if waiting, err = s.withBookedQ(ctx, tx, off.Code, date, sess, waiting); err != nil {
			return err
		}
		if len(waiting) == 0 {
			return ErrNoTicketWaiting
		}
		recent, err := s.recentPriorityQ(ctx, tx, date, sess.CounterID)
		if err != nil {
			return err
		}
		i := 0
		if pick != nil {
			i = pick(waiting, recent, now)
		}
		if i < 0 || i >= len(waiting) {
			return ErrNoTicketWaiting
		}
		t, err = s.applyQ(ctx, tx, off, waiting[i], now, lifecycle.Apply, act)
		return err
	})
	if err != nil {
		return Ticket{}, wrap("call next", err)
	}
	return t, nil
}

// laneHeadsQ returns, in arrival order (queued_at, then number), the
// oldest waiting normal ticket and the oldest waiting priority ticket among
// services: at most two tickets. Each service's lane is one seek in
// tickets_waiting (migration 0018); one query per service and lane, rather
// than one IN list, because an IN list over services makes SQLite read
// every waiting ticket of them to sort by arrival.
func (s *Store) laneHeadsQ(ctx context.Context, tx *writeTx, office, date string, services []string) ([]Ticket, error) {
	q, err := s.prepared(ctx, tx, `SELECT `+ticketColumns+` FROM tickets INDEXED BY tickets_waiting
		WHERE office_code = ? AND business_date = ? AND service_id = ? AND (priority <> '') = ? AND status = 'waiting'
		ORDER BY queued_at, number LIMIT 1`)
	if err != nil {
		return nil, err
	}
	var heads [2]Ticket // normal, priority
	var found [2]bool
	for _, svc := range services {
		for lane := range heads {
			t, err := scanTicket(q.QueryRowContext(ctx, office, date, svc, lane == 1))
			if errors.Is(err, sql.ErrNoRows) {
				continue
			}
			if err != nil {
				return nil, err
			}
			if !found[lane] || arrivedBefore(t, heads[lane]) {
				heads[lane], found[lane] = t, true
			}
		}
	}
	var out []Ticket
	for lane, t := range heads {
		if found[lane] {
			out = append(out, t)
		}
	}
	if len(out) == 2 && arrivedBefore(out[1], out[0]) {
		out[0], out[1] = out[1], out[0]
	}
	return out, nil
}

// arrivedBefore is the arrival order of the queue: queued_at, then number.
func arrivedBefore(a, b Ticket) bool {
	if !a.QueuedAt.Equal(b.QueuedAt) {
		return a.QueuedAt.Before(b.QueuedAt)
	}
	return a.Number < b.Number
}

func (s *Store) recentPriorityQ(ctx context.Context, tx *writeTx, date, counterID string) ([]bool, error) {
	q, err := s.prepared(ctx, tx, `SELECT priority <> '' FROM tickets WHERE counter_id = ? AND called_at IS NOT NULL
		AND business_date = ? ORDER BY called_at DESC LIMIT 32`)
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, counterID, date)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []bool
	for rows.Next() {
		var p bool
		if err := rows.Scan(&p); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// sessionCtx loads the office and an open session inside tx.
func (s *Store) sessionCtx(ctx context.Context, tx *writeTx, sessionID string) (Office, CounterSession, error) {
	off, err := s.officeIn(ctx, tx)
	if err != nil {
		return off, CounterSession{}, err
	}
	sess, err := s.openSession(ctx, tx, sessionID)
	return off, sess, err
}

func (s *Store) currentQ(ctx context.Context, tx *writeTx, counterID string) (Ticket, error) {
	q, err := s.prepared(ctx, tx, `SELECT `+ticketColumns+` FROM tickets WHERE counter_id = ?
		AND status IN ('called', 'serving') ORDER BY called_at DESC LIMIT 1`)
	if err != nil {
		return Ticket{}, err
	}
	return scanTicket(q.QueryRowContext(ctx, counterID))
}

// CurrentTicket is the ticket called or being served at a counter, or
// ErrNotFound.
func (s *Store) CurrentTicket(ctx context.Context, counterID string) (Ticket, error) {
	t, err := scanTicket(s.db.QueryRowContext(ctx, `SELECT `+ticketColumns+` FROM tickets WHERE counter_id = ?
		AND status IN ('called', 'serving') ORDER BY called_at DESC LIMIT 1`, counterID))
	return t, wrap("current ticket", notFound(err))
}

func (s *Store) ticketEvent(ctx context.Context, tx *writeTx, off Office, sess CounterSession, t Ticket, kind string, at time.Time, extra map[string]string) error {
	data := map[string]string{"number": t.Code(), "status": t.Status}
	if sess.CounterID != "" {
		var num int
		if err := s.queryRowTx(ctx, tx, `SELECT number FROM counters WHERE id = ?`, sess.CounterID).Scan(&num); err == nil {
			data["counter"] = fmt.Sprint(num)
		}
	}
	if t.Priority != "" {
		data["priority"] = t.Priority
	}
	for k, v := range extra {
		data[k] = v
	}
	return s.appendEvent(ctx, tx, &Event{Office: off.Code, Kind: kind, TicketID: t.ID, ServiceID: t.ServiceID,
		CounterID: sess.CounterID, OfficerID: sess.OfficerID, At: at, Data: data})
}

// applyQ moves t by the lifecycle transition step (lifecycle.Apply or
// MakeWay) inside tx: it writes the columns the transition changed and the
// events it asks for, and returns the ticket as stored.
func (s *Store) applyQ(ctx context.Context, tx *writeTx, off Office, t Ticket, now time.Time,
	step func(lifecycle.Ticket, lifecycle.Action, time.Time) (lifecycle.Ticket, []lifecycle.Event, error), a lifecycle.Action) (Ticket, error) {
	old := t.life()
	n, evs, err := step(old, a, now)
	if err != nil {
		return t, asRefusal(err)
	}
	var set []string
	var args []any
	col := func(changed bool, name string, v any) {
		if changed {
			set = append(set, name+" = ?")
			args = append(args, v)
		}
	}
	col(n.Status != old.Status, "status", n.Status)
	col(n.ServiceID != old.ServiceID, "service_id", n.ServiceID)
	col(n.CounterID != old.CounterID, "counter_id", nullString(n.CounterID))
	col(n.OfficerID != old.OfficerID, "officer_id", nullString(n.OfficerID))
	col(!n.CalledAt.Equal(old.CalledAt), "called_at", nullTimeArg(n.CalledAt))
	col(n.CallCount != old.CallCount, "call_count", n.CallCount)
	col(!n.ServedAt.Equal(old.ServedAt), "served_at", nullTimeArg(n.ServedAt))
	col(!n.FinishedAt.Equal(old.FinishedAt), "finished_at", nullTimeArg(n.FinishedAt))
	col(true, "updated_at", formatTime(n.UpdatedAt))
	if _, err := s.execTx(ctx, tx, `UPDATE tickets SET `+strings.Join(set, ", ")+` WHERE id = ?`, append(args, t.ID)...); err != nil {
		return t, err
	}
	for _, e := range evs {
		et := t
		et.Status, et.ServiceID = e.Status, e.ServiceID
		if err := s.ticketEvent(ctx, tx, off, CounterSession{CounterID: e.CounterID, OfficerID: e.OfficerID}, et, e.Kind, now, e.Data); err != nil {
			return t, err
		}
	}
	t.setLife(n)
	return t, nil
}

// life is the part of t the lifecycle reads and changes.
func (t Ticket) life() lifecycle.Ticket {
	return lifecycle.Ticket{Code: t.Code(), BusinessDate: t.BusinessDate, ServiceID: t.ServiceID, Status: t.Status,
		CounterID: t.CounterID, OfficerID: t.OfficerID, CallCount: t.CallCount,
		CalledAt: t.CalledAt, ServedAt: t.ServedAt, FinishedAt: t.FinishedAt, UpdatedAt: t.UpdatedAt}
}

// setLife takes the lifecycle's fields from l.
func (t *Ticket) setLife(l lifecycle.Ticket) {
	t.ServiceID, t.Status, t.CounterID, t.OfficerID, t.CallCount = l.ServiceID, l.Status, l.CounterID, l.OfficerID, l.CallCount
	t.CalledAt, t.ServedAt, t.FinishedAt, t.UpdatedAt = l.CalledAt, l.ServedAt, l.FinishedAt, l.UpdatedAt
}

// nullTimeArg is a nullable instant column's value: NULL for the zero time.
func nullTimeArg(t time.Time) sql.NullString {
	if t.IsZero() {
		return sql.NullString{}
	}
	return sql.NullString{String: formatTime(t), Valid: true}
}

func (s *Store) ticketQ(ctx context.Context, tx *writeTx, id string) (Ticket, error) {
	t, err := scanTicket(s.queryRowTx(ctx, tx, `SELECT `+ticketColumns+` FROM tickets WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return t, refuse("not_found", "Tiket tidak ditemukan.")
	}
	return t, err
}

// atCounter applies a counter's action to a ticket: it loads the session
// and the ticket, and the lifecycle decides.
func (s *Store) atCounter(ctx context.Context, op, sessionID, ticketID string, a lifecycle.Action, prepare func(*writeTx, *lifecycle.Action) error) (Ticket, error) {
	var t Ticket
	err := s.tx(ctx, func(tx *writeTx) error {
		off, sess, err := s.sessionCtx(ctx, tx, sessionID)
		if err != nil {
			return err
		}
		cur, err := s.ticketQ(ctx, tx, ticketID)
		if err != nil {
			return err
		}
		a.CounterID, a.OfficerID = sess.CounterID, sess.OfficerID
		if prepare != nil {
			if err := prepare(tx, &a); err != nil {
				return err
			}
		}
		t, err = s.applyQ(ctx, tx, off, cur, s.now(), lifecycle.Apply, a)
		return err
	})
	if err != nil {
		return Ticket{}, wrap(op, err)
	}
	return t, nil
}

// Recall calls the current ticket again (the display and voice repeat it).
func (s *Store) Recall(ctx context.Context, sessionID, ticketID string) (Ticket, error) {
	return s.atCounter(ctx, "recall", sessionID, ticketID, lifecycle.Action{Kind: lifecycle.Recall}, nil)
}

// StartServing marks that the called visitor has arrived at the counter.
func (s *Store) StartServing(ctx context.Context, sessionID, ticketID string) (Ticket, error) {
	return s.atCounter(ctx, "start serving", sessionID, ticketID, lifecycle.Action{Kind: lifecycle.Start}, nil)
}

// Skip marks a called visitor as not present (no-show). The ticket can be
// reactivated if the visitor turns up later.
func (s *Store) Skip(ctx context.Context, sessionID, ticketID string) (Ticket, error) {
	return s.atCounter(ctx, "skip", sessionID, ticketID, lifecycle.Action{Kind: lifecycle.Skip}, nil)
}

// Finish ends the service of a ticket. Finishing a called ticket directly
// records the start of service at the same instant (service time zero).
func (s *Store) Finish(ctx context.Context, sessionID, ticketID string) (Ticket, error) {
	return s.atCounter(ctx, "finish", sessionID, ticketID, lifecycle.Action{Kind: lifecycle.Finish}, nil)
}

// Transfer hands a ticket at the counter to another service. It waits there
// again with its original arrival time, so it keeps its place.
func (s *Store) Transfer(ctx context.Context, sessionID, ticketID, toServiceID string) (Ticket, error) {
	return s.atCounter(ctx, "transfer", sessionID, ticketID, lifecycle.Action{Kind: lifecycle.Transfer}, func(tx *writeTx, a *lifecycle.Action) error {
		to, err := scanService(tx.QueryRowContext(ctx, `SELECT `+serviceColumns+` FROM services WHERE id = ?`, toServiceID))
		if errors.Is(err, sql.ErrNoRows) {
			return nil // the lifecycle refuses a transfer to no service
		}
		a.To = lifecycle.Service{ID: to.ID, Name: to.Name, Active: to.Active}
		return err
	})
}

// byOfficer applies an officer's action that needs no counter session.
func (s *Store) byOfficer(ctx context.Context, op, ticketID string, a lifecycle.Action) (Ticket, error) {
	var t Ticket
	err := s.tx(ctx, func(tx *writeTx) error {
		off, err := s.officeIn(ctx, tx)
		if err != nil {
			return err
		}
		cur, err := s.ticketQ(ctx, tx, ticketID)
		if err != nil {
			return err
		}
		now := s.now()
		a.Today = off.BusinessDate(now)
		t, err = s.applyQ(ctx, tx, off, cur, now, lifecycle.Apply, a)
		return err
	})
	if err != nil {
		return Ticket{}, wrap(op, err)
	}
	return t, nil
}

// Reactivate puts a no-show ticket back in the queue at its original place
// (the visitor came back).
func (s *Store) Reactivate(ctx context.Context, actorID, ticketID string) (Ticket, error) {
	return s.byOfficer(ctx, "reactivate", ticketID, lifecycle.Action{Kind: lifecycle.Reactivate, OfficerID: actorID})
}

// Cancel cancels a ticket that has not been served (the visitor left, or a
// mistaken issue).
func (s *Store) Cancel(ctx context.Context, actorID, ticketID, reason string) (Ticket, error) {
	return s.byOfficer(ctx, "cancel", ticketID, lifecycle.Action{Kind: lifecycle.Cancel, OfficerID: actorID, Reason: reason})
}

// Ticket returns one ticket.
func (s *Store) Ticket(ctx context.Context, id string) (Ticket, error) {
	t, err := scanTicket(s.db.QueryRowContext(ctx, `SELECT `+ticketColumns+` FROM tickets WHERE id = ?`, id))
	return t, wrap("ticket", notFound(err))
}

// TicketsOn lists the tickets of one business date in number order.
func (s *Store) TicketsOn(ctx context.Context, date string) ([]Ticket, error) {
	off, err := s.Office(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+ticketColumns+` FROM tickets WHERE office_code = ? AND business_date = ?
		ORDER BY issued_at, prefix, number`, off.Code, date)
	if err != nil {
		return nil, fmt.Errorf("store: tickets: %w", err)
	}
	defer rows.Close()
	var out []Ticket
	for rows.Next() {
		t, err := scanTicket(rows)
		if err != nil {
			return nil, fmt.Errorf("store: tickets: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// WaitingCounts counts today's waiting tickets per service id.
func (s *Store) WaitingCounts(ctx context.Context, date string) (map[string]int, error) {
	off, err := s.Office(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT service_id, count(*) FROM tickets WHERE office_code = ? AND business_date = ?
		AND status = 'waiting' GROUP BY service_id`, off.Code, date)
	if err != nil {
		return nil, fmt.Errorf("store: waiting counts: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, fmt.Errorf("store: waiting counts: %w", err)
		}
		out[id] = n
	}
	return out, rows.Err()
}
