package queue

import (
	"time"

	"loket/store"
)

// Durations are the times of one ticket derived from its events.
type Durations struct {
	// Wait: issued (or re-queued by a transfer) until first called.
	Wait time.Duration
	// Walk: called until the visitor arrived and service started.
	Walk time.Duration
	// Service: service start until done (summed over transfers).
	Service time.Duration
	// Calls counts calls and recalls.
	Calls int
	// Done tells whether the ticket was finished.
	Done bool
}

// Derive computes a ticket's durations from its events in order. Wait sums
// every stretch spent waiting (before the first call and again after a
// transfer or reactivation), Walk every called-to-serving stretch and
// Service every serving-to-done-or-transfer stretch.
func Derive(events []store.Event) Durations {
	var d Durations
	var waitingSince, calledAt, servingSince time.Time
	for _, e := range events {
		switch e.Kind {
		case store.EvTicketIssued, store.EvTicketReactivated:
			waitingSince = e.At
		case store.EvTicketCalled:
			d.Calls++
			if !waitingSince.IsZero() {
				d.Wait += e.At.Sub(waitingSince)
				waitingSince = time.Time{}
			}
			calledAt = e.At
		case store.EvTicketRecalled:
			d.Calls++
		case store.EvTicketServing:
			if !calledAt.IsZero() {
				d.Walk += e.At.Sub(calledAt)
				calledAt = time.Time{}
			}
			servingSince = e.At
		case store.EvTicketTransferred:
			if !servingSince.IsZero() {
				d.Service += e.At.Sub(servingSince)
				servingSince = time.Time{}
			}
			calledAt = time.Time{}
			waitingSince = e.At
		case store.EvTicketDone:
			if !servingSince.IsZero() {
				d.Service += e.At.Sub(servingSince)
				servingSince = time.Time{}
			}
			d.Done = true
		case store.EvTicketSkipped, store.EvTicketCancelled:
			calledAt, servingSince = time.Time{}, time.Time{}
		}
	}
	return d
}
