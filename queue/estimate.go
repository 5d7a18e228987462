package queue

import (
	"time"

	"loket/store"
)

// DefaultServiceTime is assumed before a service has finished any ticket
// today.
const DefaultServiceTime = 5 * time.Minute

// EstimateWait guesses how long a newly issued ticket of serviceID will
// wait, from today's tickets: the average service time (call to finish) of
// the service's finished tickets, times the people ahead, divided by the
// counters that called that service in the last hour (at least one).
func EstimateWait(today []store.Ticket, serviceID string, ahead int, now time.Time) time.Duration {
	if ahead <= 0 {
		return 0
	}
	var total time.Duration
	var n int
	counters := map[string]bool{}
	for _, t := range today {
		if t.ServiceID != serviceID {
			continue
		}
		if t.Status == store.StatusDone && !t.CalledAt.IsZero() && t.FinishedAt.After(t.CalledAt) {
			total += t.FinishedAt.Sub(t.CalledAt)
			n++
		}
		if t.CounterID != "" && !t.CalledAt.IsZero() && now.Sub(t.CalledAt) <= time.Hour {
			counters[t.CounterID] = true
		}
	}
	avg := DefaultServiceTime
	if n > 0 {
		avg = total / time.Duration(n)
	}
	c := max(len(counters), 1)
	return time.Duration(ahead) * avg / time.Duration(c)
}

// Ahead counts the tickets of a service waiting before t (by arrival). A
// priority ticket only waits behind other priority tickets.
func Ahead(today []store.Ticket, t store.Ticket) int {
	n := 0
	for _, o := range today {
		if t.IsPriority() && !o.IsPriority() {
			continue
		}
		if o.ID != t.ID && o.ServiceID == t.ServiceID && o.Status == store.StatusWaiting && o.QueuedAt.Before(t.QueuedAt) {
			n++
		}
	}
	return n
}

// Estimate is what a visitor is told when taking a number: how many
// people wait before them and a guess of the wait.
type Estimate struct {
	Ahead int
	Wait  time.Duration
}

// EstimateFor combines Ahead and EstimateWait for ticket t among today's
// tickets, so every screen tells the same figures.
func EstimateFor(today []store.Ticket, t store.Ticket, now time.Time) Estimate {
	ahead := Ahead(today, t)
	return Estimate{Ahead: ahead, Wait: EstimateWait(today, t.ServiceID, ahead, now)}
}
