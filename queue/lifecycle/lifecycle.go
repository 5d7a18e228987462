// Package lifecycle is the ticket lifecycle of the queue as pure transition
// functions: which action may move a ticket from which status, at which
// counter, which fields change and which events record the change. The
// store applies a transition inside its write transaction and keeps only
// the SQL; nothing here reads a database or a clock, so every status ×
// action pair is unit-tested without SQLite.
//
// It is a leaf package (the store imports it); the rest of the queue's
// rules, which read store types, live in the parent package queue.
package lifecycle

import (
	"fmt"
	"strings"
	"time"

	"loket/refusal"
)

// Ticket statuses, as stored.
const (
	Waiting   = "waiting"
	Called    = "called"
	Serving   = "serving"
	Done      = "done"
	NoShow    = "no_show"
	Cancelled = "cancelled"
)

// Statuses lists every status, in the order a ticket usually meets them.
var Statuses = []string{Waiting, Called, Serving, Done, NoShow, Cancelled}

// StatusLabel is the Indonesian label of a ticket status.
func StatusLabel(st string) string {
	switch st {
	case Waiting:
		return "Menunggu"
	case Called:
		return "Dipanggil"
	case Serving:
		return "Dilayani"
	case Done:
		return "Selesai"
	case NoShow:
		return "Tidak hadir"
	case Cancelled:
		return "Dibatalkan"
	}
	return st
}

// Event kinds of the lifecycle, as stored in the event log.
const (
	EvCalled      = "ticket.called"
	EvRecalled    = "ticket.recalled"
	EvServing     = "ticket.serving"
	EvDone        = "ticket.done"
	EvSkipped     = "ticket.skipped"
	EvReactivated = "ticket.reactivated"
	EvTransferred = "ticket.transferred"
	EvCancelled   = "ticket.cancelled"
)

// Ticket is the part of a queue ticket the lifecycle reads and changes.
// An empty id or a zero time is "none" (NULL in the store).
type Ticket struct {
	// Code is the number as printed ("A001"), for messages.
	Code string
	// BusinessDate is the office-zone date the ticket was issued on.
	BusinessDate string
	ServiceID    string
	Status       string
	// CounterID and OfficerID are who called the ticket.
	CounterID  string
	OfficerID  string
	CallCount  int
	CalledAt   time.Time
	ServedAt   time.Time
	FinishedAt time.Time
	UpdatedAt  time.Time
}

// Kind names what an action does.
type Kind int

// The actions on a ticket.
const (
	// Call: a counter calls a waiting ticket (the ordering policy chose it).
	Call Kind = iota + 1
	// Recall: the display and voice repeat a called or served ticket.
	Recall
	// Start: the called visitor arrived at the counter.
	Start
	// Skip: the called visitor did not come (no-show).
	Skip
	// Finish: service ended; a called ticket is served and finished at once.
	Finish
	// Transfer: the ticket waits again, for another service, keeping its
	// place.
	Transfer
	// Reactivate: a no-show visitor came back the same day.
	Reactivate
	// Cancel: a ticket that was never served is given up.
	Cancel
)

// Kinds lists every action.
var Kinds = []Kind{Call, Recall, Start, Skip, Finish, Transfer, Reactivate, Cancel}

func (k Kind) String() string {
	switch k {
	case Call:
		return "call"
	case Recall:
		return "recall"
	case Start:
		return "start"
	case Skip:
		return "skip"
	case Finish:
		return "finish"
	case Transfer:
		return "transfer"
	case Reactivate:
		return "reactivate"
	case Cancel:
		return "cancel"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Service is the target of a transfer as the store found it; a zero
// Service means none was found.
type Service struct {
	ID     string
	Name   string
	Active bool
}

// Action is one request to move a ticket.
type Action struct {
	Kind Kind
	// CounterID and OfficerID are who acts: the counter session for the
	// counter's actions, only the officer for Reactivate and Cancel.
	CounterID string
	OfficerID string
	// To is the target service of a Transfer.
	To Service
	// Today is the office's business date now, for Reactivate.
	Today string
	// Reason is why a ticket is cancelled, or why a chosen ticket is
	// called out of order (ChooseCall).
	Reason string
	// Ahead is, for ChooseCall, how many tickets of the counter's services
	// were waiting longer than the chosen one: what the call jumped.
	Ahead int
}

// Event is one event row a transition writes.
type Event struct {
	Kind string
	// Status and ServiceID are the ticket's as the event records them.
	Status    string
	ServiceID string
	// CounterID and OfficerID are the event's actor.
	CounterID string
	OfficerID string
	// Data holds the kind's own fields (beyond number, status, counter and
	// priority, which the store adds to every ticket event).
	Data map[string]string
}

// refuse is the refusal of a step the rules do not allow (*refusal.Error).
var refuse = refusal.New

// badState is the refusal of an action the ticket's status does not allow.
func badState(t Ticket) *refusal.Error {
	return refuse("bad_state", "Nomor %s berstatus %s; tindakan ini tidak dapat dilakukan.", t.Code, strings.ToLower(StatusLabel(t.Status)))
}

// atCounter checks that t is in one of the allowed statuses and is held by
// the acting counter: the counter's own actions never touch a ticket
// another counter called.
func atCounter(t Ticket, a Action, allowed ...string) error {
	ok := false
	for _, st := range allowed {
		ok = ok || t.Status == st
	}
	if !ok {
		return badState(t)
	}
	if t.CounterID != a.CounterID {
		return refuse("bad_state", "Nomor %s tidak sedang dilayani di loket ini.", t.Code)
	}
	return nil
}

// Apply moves t by action a at instant now. It returns the ticket as it
// must be stored and the events that record the change, in order, or a
// refusal (*refusal.Error) and t unchanged.
func Apply(t Ticket, a Action, now time.Time) (Ticket, []Event, error) {
	at := func(status string) Event {
		return Event{Status: status, ServiceID: t.ServiceID, CounterID: a.CounterID, OfficerID: a.OfficerID}
	}
	n := t
	n.UpdatedAt = now
	switch a.Kind {
	case Call:
		if t.Status != Waiting {
			return t, nil, badState(t)
		}
		n.Status, n.CalledAt, n.CounterID, n.OfficerID, n.CallCount = Called, now, a.CounterID, a.OfficerID, 1
		e := at(Called)
		e.Kind = EvCalled
		return n, []Event{e}, nil

	case Recall:
		if err := atCounter(t, a, Called, Serving); err != nil {
			return t, nil, err
		}
		n.CallCount++
		e := at(t.Status)
		e.Kind, e.Data = EvRecalled, map[string]string{"call_count": fmt.Sprint(n.CallCount)}
		return n, []Event{e}, nil

	case Start:
		if err := atCounter(t, a, Called); err != nil {
			return t, nil, err
		}
		n.Status, n.ServedAt = Serving, now
		e := at(Serving)
		e.Kind = EvServing
		return n, []Event{e}, nil

	case Skip:
		if err := atCounter(t, a, Called); err != nil {
			return t, nil, err
		}
		n.Status, n.FinishedAt = NoShow, now
		e := at(NoShow)
		e.Kind = EvSkipped
		return n, []Event{e}, nil

	case Finish:
		if err := atCounter(t, a, Called, Serving); err != nil {
			if t.Status == Done {
				return t, nil, refuse("already_done", "Nomor %s sudah selesai dilayani.", t.Code)
			}
			return t, nil, err
		}
		var evs []Event
		if t.Status == Called {
			// Finishing straight from a call records the start of service
			// at the same instant: service time zero, walk time kept.
			n.ServedAt = now
			e := at(Serving)
			e.Kind = EvServing
			evs = append(evs, e)
		}
		n.Status, n.FinishedAt = Done, now
		e := at(Done)
		e.Kind = EvDone
		return n, append(evs, e), nil

	case Transfer:
		if err := atCounter(t, a, Called, Serving); err != nil {
			return t, nil, err
		}
		if a.To.ID == "" {
			return t, nil, refuse("not_found", "Layanan tujuan tidak ditemukan.")
		}
		if !a.To.Active {
			return t, nil, refuse("service_inactive", "Layanan tujuan \"%s\" sedang tidak aktif.", a.To.Name)
		}
		// The ticket waits again with its arrival time (not changed here),
		// so it keeps its place in the new service's queue.
		n.Status, n.ServiceID, n.CounterID, n.OfficerID = Waiting, a.To.ID, "", ""
		n.CalledAt, n.ServedAt, n.CallCount = time.Time{}, time.Time{}, 0
		// The event records the ticket as it was handed over.
		e := at(t.Status)
		e.Kind = EvTransferred
		e.Data = map[string]string{"from_service": t.ServiceID, "to_service": a.To.ID, "to_service_name": a.To.Name}
		return n, []Event{e}, nil

	case Reactivate:
		if t.Status != NoShow {
			return t, nil, refuse("bad_state", "Hanya nomor berstatus tidak hadir yang dapat diaktifkan kembali (%s berstatus %s).", t.Code, strings.ToLower(StatusLabel(t.Status)))
		}
		if t.BusinessDate != a.Today {
			return t, nil, refuse("bad_state", "Nomor %s berasal dari hari lain dan tidak dapat diaktifkan kembali.", t.Code)
		}
		// Back in the queue at its original place; the officer who called
		// it stays recorded.
		n.Status, n.CounterID, n.CalledAt, n.FinishedAt, n.CallCount = Waiting, "", time.Time{}, time.Time{}, 0
		e := Event{Kind: EvReactivated, Status: Waiting, ServiceID: t.ServiceID, OfficerID: a.OfficerID}
		return n, []Event{e}, nil

	case Cancel:
		if t.Status != Waiting && t.Status != Called && t.Status != NoShow {
			return t, nil, refuse("bad_state", "Nomor %s berstatus %s dan tidak dapat dibatalkan.", t.Code, strings.ToLower(StatusLabel(t.Status)))
		}
		n.Status, n.FinishedAt = Cancelled, now
		// The counter that called it (if any) is where it was given up.
		e := Event{Kind: EvCancelled, Status: Cancelled, ServiceID: t.ServiceID, CounterID: t.CounterID, OfficerID: a.OfficerID,
			Data: map[string]string{"reason": strings.TrimSpace(a.Reason)}}
		return n, []Event{e}, nil
	}
	return t, nil, fmt.Errorf("lifecycle: unknown action %v", a.Kind)
}

// MakeWay clears the counter before it calls the next number: the ticket
// cur it still holds is finished if it is being served, while one called
// but not yet served refuses the call, so a visitor walking up is never
// dropped silently.
func MakeWay(cur Ticket, a Action, now time.Time) (Ticket, []Event, error) {
	if cur.Status == Called {
		return cur, nil, refuse("ticket_pending", "Nomor %s masih dipanggil. Tekan Mulai Layani, Selesai (F5) atau Lewati (F3) terlebih dahulu.", cur.Code)
	}
	a.Kind = Finish
	return Apply(cur, a, now)
}
