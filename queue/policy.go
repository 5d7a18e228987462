// Package queue holds the rules of the queue: which waiting ticket a counter
// calls next (priority lanes, their ratio to the normal lane, the maximum
// wait) and the durations derived from a ticket's events. It is pure logic
// over store types, the part of Loket most worth unit-testing. The ticket
// lifecycle itself is the subpackage lifecycle, a leaf the store imports
// (this package imports the store, so the store could not import it).
package queue

import (
	"time"

	"loket/store"
)

// Policy is the ordering policy of an office.
type Policy struct {
	// PriorityRatio:NormalRatio is how many priority tickets a counter
	// calls for each run of normal tickets while both lanes are waiting
	// (2:1 by default: two priority, one normal, two priority ...).
	PriorityRatio int
	NormalRatio   int
	// MaxWait, when non-zero, lets a ticket that has waited longer than
	// this jump ahead of everything else (oldest first), so the normal lane
	// is never starved by a stream of priority tickets.
	MaxWait time.Duration
}

// PolicyFor builds the policy from the office settings.
func PolicyFor(o store.Office) Policy {
	return Policy{PriorityRatio: o.PriorityRatio, NormalRatio: o.NormalRatio, MaxWait: o.MaxWait}
}

// Pick implements store.Picker. waiting is in arrival order; recent holds
// the counter's latest calls, most recent first (true = priority).
func (p Policy) Pick(waiting []store.Ticket, recent []bool, now time.Time) int {
	if len(waiting) == 0 {
		return -1
	}
	if p.MaxWait > 0 {
		oldest := -1
		for i, t := range waiting {
			if now.Sub(t.QueuedAt) >= p.MaxWait && (oldest < 0 || t.QueuedAt.Before(waiting[oldest].QueuedAt)) {
				oldest = i
			}
		}
		if oldest >= 0 {
			return oldest
		}
	}
	firstPrio, firstNormal := -1, -1
	for i, t := range waiting {
		if t.IsPriority() && firstPrio < 0 {
			firstPrio = i
		}
		if !t.IsPriority() && firstNormal < 0 {
			firstNormal = i
		}
	}
	switch {
	case firstPrio < 0:
		return firstNormal
	case firstNormal < 0:
		return firstPrio
	}
	pr, nr := max(p.PriorityRatio, 1), max(p.NormalRatio, 1)
	// Length and kind of the run of calls just made at this counter.
	run := 0
	runPrio := len(recent) > 0 && recent[0]
	for _, r := range recent {
		if r != runPrio {
			break
		}
		run++
	}
	switch {
	case run == 0: // first call of the day: priority lane first
		return firstPrio
	case runPrio && run < pr:
		return firstPrio
	case runPrio:
		return firstNormal
	case run < nr:
		return firstNormal
	default:
		return firstPrio
	}
}
