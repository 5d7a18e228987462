package queue

import (
	"sort"
	"strings"
	"time"

	"loket/store"
)

// The fairness sheet is the Kepala Seksi's daily look at where a queue can
// favour someone: calls out of the queue's order (each with its reason),
// pauses, and stretches when a counter stood open but idle while visitors
// of its services waited. It is computed from the event log alone, so it
// shows what happened, whatever a screen displayed at the time.

// IdleMin is the shortest idle stretch the sheet lists: shorter ones are
// the ordinary moments between two visitors (writing up, walking back).
const IdleMin = 2 * time.Minute

// IdleShown is how many of the longest idle stretches the sheet lists.
const IdleShown = 15

// OutOfOrderCall is a ticket called by choice rather than by the queue's
// order (office CallTicket).
type OutOfOrderCall struct {
	At        time.Time
	TicketID  string
	Code      string
	CounterID string
	OfficerID string
	Reason    string
	// Ahead is how many tickets of the counter's services had waited
	// longer.
	Ahead int
}

// Reactivation is a no-show ticket put back in the queue at its original
// place: honest when the visitor came back, favouritism when not, so the
// sheet lists each with who did it.
type Reactivation struct {
	At        time.Time
	TicketID  string
	Code      string
	OfficerID string
}

// Pause is one pause of a counter.
type Pause struct {
	CounterID string
	OfficerID string
	Reason    string
	Start     time.Time
	End       time.Time
	// Ongoing: not ended by the end of the sheet (End is that instant).
	Ongoing bool
}

// Duration is how long the counter was paused.
func (p Pause) Duration() time.Duration { return p.End.Sub(p.Start) }

// IdleWait is a stretch when a counter was open, serving no one, while
// tickets of its services waited.
type IdleWait struct {
	CounterID string
	OfficerID string
	Start     time.Time
	End       time.Time
	// MaxWaiting is the most tickets of its services waiting at once
	// during the stretch.
	MaxWaiting int
	// Paused tells whether the counter was paused for part of it.
	Paused bool
}

// Duration is the length of the stretch.
func (w IdleWait) Duration() time.Duration { return w.End.Sub(w.Start) }

// OfficerFairness is one officer's line on the sheet.
type OfficerFairness struct {
	OfficerID  string
	OutOfOrder int
	// Reactivated counts the no-show tickets the officer put back.
	Reactivated int
	Pauses      int
	Paused      time.Duration
	// Idle sums the officer's idle stretches of at least IdleMin.
	Idle time.Duration
}

// FairnessDay is the fairness sheet of one business day.
type FairnessDay struct {
	Date string
	// Until is the instant the sheet covers up to (now, or the day's end).
	Until         time.Time
	OutOfOrder    []OutOfOrderCall
	Reactivations []Reactivation
	Pauses        []Pause
	// Idle lists the IdleShown longest idle stretches, longest first.
	Idle []IdleWait
	// Officers has a line for every officer with a call out of order, a
	// reactivation, a pause or an idle stretch, by name order once named (office fills
	// Names).
	Officers []OfficerFairness
	// Names of the officers and counters (by id), filled by the office.
	OfficerNames map[string]string
	CounterNames map[string]string
}

type counterState struct {
	open     bool
	officer  string
	services map[string]bool
	busy     map[string]bool
	paused   bool
	pause    Pause
	idle     bool
	span     IdleWait
}

// Fairness computes the sheet of date from the day's events in log order,
// up to until.
func Fairness(date string, events []store.Event, until time.Time) FairnessDay {
	day := FairnessDay{Date: date, Until: until}
	ctrs := map[string]*counterState{}
	ctr := func(id string) *counterState {
		c := ctrs[id]
		if c == nil {
			c = &counterState{services: map[string]bool{}, busy: map[string]bool{}}
			ctrs[id] = c
		}
		return c
	}
	waitingSvc := map[string]string{} // ticket -> service it waits for
	waitingN := map[string]int{}      // service -> tickets waiting
	heldBy := map[string]string{}     // ticket -> counter that called it
	var idle []IdleWait
	wait := func(ticket, svc string) {
		if old, ok := waitingSvc[ticket]; ok {
			waitingN[old]--
		}
		waitingSvc[ticket] = svc
		waitingN[svc]++
	}
	unwait := func(ticket string) {
		if old, ok := waitingSvc[ticket]; ok {
			waitingN[old]--
			delete(waitingSvc, ticket)
		}
	}
	release := func(ticket string) {
		if c, ok := heldBy[ticket]; ok {
			delete(ctrs[c].busy, ticket)
			delete(heldBy, ticket)
		}
	}
	endPause := func(c *counterState, at time.Time, ongoing bool) {
		if !c.paused {
			return
		}
		c.pause.End, c.pause.Ongoing = at, ongoing
		day.Pauses = append(day.Pauses, c.pause)
		c.paused = false
	}
	// settle re-reads every counter's idle state at instant at.
	settle := func(at time.Time) {
		for id, c := range ctrs {
			n := 0
			for svc := range c.services {
				n += waitingN[svc]
			}
			now := c.open && len(c.busy) == 0 && n > 0
			switch {
			case now && !c.idle:
				c.idle, c.span = true, IdleWait{CounterID: id, OfficerID: c.officer, Start: at, MaxWaiting: n, Paused: c.paused}
			case now:
				c.span.MaxWaiting = max(c.span.MaxWaiting, n)
				c.span.Paused = c.span.Paused || c.paused
			case c.idle:
				c.idle = false
				c.span.End = at
				if c.span.Duration() >= IdleMin {
					idle = append(idle, c.span)
				}
			}
		}
	}
	for _, e := range events {
		if e.At.After(until) {
			break
		}
		switch e.Kind {
		case store.EvTicketIssued:
			wait(e.TicketID, e.ServiceID)
		case store.EvTicketReactivated:
			wait(e.TicketID, e.ServiceID)
			day.Reactivations = append(day.Reactivations, Reactivation{At: e.At, TicketID: e.TicketID, Code: e.Data["number"], OfficerID: e.OfficerID})
		case store.EvTicketCalled:
			unwait(e.TicketID)
			release(e.TicketID)
			if e.CounterID != "" {
				ctr(e.CounterID).busy[e.TicketID] = true
				heldBy[e.TicketID] = e.CounterID
			}
			if e.Data["out_of_order"] == "1" {
				day.OutOfOrder = append(day.OutOfOrder, OutOfOrderCall{At: e.At, TicketID: e.TicketID, Code: e.Data["number"],
					CounterID: e.CounterID, OfficerID: e.OfficerID, Reason: e.Data["reason"], Ahead: atoi(e.Data["ahead"])})
			}
		case store.EvTicketDone, store.EvTicketSkipped, store.EvTicketCancelled:
			unwait(e.TicketID)
			release(e.TicketID)
		case store.EvTicketTransferred:
			release(e.TicketID)
			if to := e.Data["to_service"]; to != "" {
				wait(e.TicketID, to)
			}
		case store.EvCounterOpened:
			c := ctr(e.CounterID)
			c.open, c.officer, c.services = true, e.OfficerID, map[string]bool{}
			for _, s := range strings.Split(e.Data["services"], ",") {
				if s != "" {
					c.services[s] = true
				}
			}
		case store.EvCounterClosed:
			c := ctr(e.CounterID)
			endPause(c, e.At, false)
			c.open = false
		case store.EvCounterPaused:
			c := ctr(e.CounterID)
			endPause(c, e.At, false)
			c.paused = true
			c.pause = Pause{CounterID: e.CounterID, OfficerID: e.OfficerID, Reason: e.Data["reason"], Start: e.At}
		case store.EvCounterResumed:
			endPause(ctr(e.CounterID), e.At, false)
		default:
			continue
		}
		settle(e.At)
	}
	for _, c := range ctrs {
		endPause(c, until, true)
		if c.idle {
			c.span.End = until
			if c.span.Duration() >= IdleMin {
				idle = append(idle, c.span)
			}
		}
	}
	sort.SliceStable(day.Pauses, func(i, j int) bool { return day.Pauses[i].Start.Before(day.Pauses[j].Start) })
	per := map[string]*OfficerFairness{}
	off := func(id string) *OfficerFairness {
		if per[id] == nil {
			per[id] = &OfficerFairness{OfficerID: id}
		}
		return per[id]
	}
	for _, c := range day.OutOfOrder {
		off(c.OfficerID).OutOfOrder++
	}
	for _, r := range day.Reactivations {
		off(r.OfficerID).Reactivated++
	}
	for _, p := range day.Pauses {
		o := off(p.OfficerID)
		o.Pauses++
		o.Paused += p.Duration()
	}
	for _, w := range idle {
		off(w.OfficerID).Idle += w.Duration()
	}
	sort.SliceStable(idle, func(i, j int) bool {
		if a, b := idle[i].Duration(), idle[j].Duration(); a != b {
			return a > b
		}
		return idle[i].Start.Before(idle[j].Start)
	})
	day.Idle = idle[:min(len(idle), IdleShown)]
	for _, o := range per {
		day.Officers = append(day.Officers, *o)
	}
	sort.Slice(day.Officers, func(i, j int) bool { return day.Officers[i].OfficerID < day.Officers[j].OfficerID })
	return day
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return n
		}
		n = n*10 + int(r-'0')
	}
	return n
}
