package queue

import (
	"testing"
	"time"

	"loket/store"
)

var t0 = time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)

func tk(code string, prio bool, ageMin int) store.Ticket {
	p := ""
	if prio {
		p = store.PriorityLansia
	}
	return store.Ticket{ID: code, Prefix: code[:1], Priority: p, QueuedAt: t0.Add(-time.Duration(ageMin) * time.Minute)}
}

func TestPick(t *testing.T) {
	// waiting lists are in arrival order, as the store hands them over.
	mixed := []store.Ticket{tk("N1", false, 30), tk("P1", true, 20), tk("N2", false, 10), tk("P2", true, 5)}
	for _, tc := range []struct {
		name   string
		policy Policy
		wait   []store.Ticket
		recent []bool
		want   string
	}{
		{"empty", Policy{2, 1, 0}, nil, nil, ""},
		{"only normal", Policy{2, 1, 0}, []store.Ticket{tk("N1", false, 3), tk("N2", false, 1)}, []bool{false}, "N1"},
		{"only priority", Policy{2, 1, 0}, []store.Ticket{tk("P1", true, 3)}, []bool{true, true, true}, "P1"},
		{"first call of day prefers priority", Policy{2, 1, 0}, mixed, nil, "P1"},
		{"after one priority, another", Policy{2, 1, 0}, mixed, []bool{true}, "P1"},
		{"after two priority, a normal", Policy{2, 1, 0}, mixed, []bool{true, true}, "N1"},
		{"after a normal run of 1 (ratio 2:1), priority", Policy{2, 1, 0}, mixed, []bool{false, true, true}, "P1"},
		{"ratio 1:3 keeps normals going", Policy{1, 3, 0}, mixed, []bool{false, false, true}, "N1"},
		{"ratio 1:3 third normal done, priority", Policy{1, 3, 0}, mixed, []bool{false, false, false}, "P1"},
		{"max wait jumps ahead of priority", Policy{2, 1, 25 * time.Minute}, mixed, nil, "N1"},
		{"max wait picks the oldest overdue", Policy{2, 1, 8 * time.Minute},
			[]store.Ticket{tk("P1", true, 9), tk("N1", false, 12), tk("N2", false, 1)}, nil, "N1"},
		{"max wait zero disables", Policy{2, 1, 0}, []store.Ticket{tk("N1", false, 500), tk("P1", true, 1)}, nil, "P1"},
		{"nonsense ratios behave as 1:1", Policy{0, -2, 0}, mixed, []bool{true}, "N1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			i := tc.policy.Pick(tc.wait, tc.recent, t0)
			got := ""
			if i >= 0 {
				got = tc.wait[i].ID
			}
			if got != tc.want {
				t.Fatalf("got %q want %q", got, tc.want)
			}
		})
	}
}

// TestPickNeverStarves: under a constant stream of priority tickets, a
// normal ticket is still called within NormalRatio+PriorityRatio calls.
func TestPickNeverStarves(t *testing.T) {
	p := Policy{PriorityRatio: 3, NormalRatio: 1}
	waiting := []store.Ticket{tk("N1", false, 60)}
	var recent []bool
	for call := 1; call <= 4; call++ {
		waiting = append(waiting, tk("P", true, 0))
		i := p.Pick(waiting, recent, t0)
		if !waiting[i].IsPriority() {
			if call != 4 {
				t.Fatalf("normal called at call %d, want 4", call)
			}
			return
		}
		recent = append([]bool{true}, recent...)
		waiting = append(waiting[:i], waiting[i+1:]...)
	}
	t.Fatal("normal ticket starved")
}

func ev(kind string, min float64) store.Event {
	return store.Event{Kind: kind, At: t0.Add(time.Duration(min * float64(time.Minute)))}
}

func TestDerive(t *testing.T) {
	for _, tc := range []struct {
		name string
		evs  []store.Event
		want Durations
	}{
		{"plain", []store.Event{ev(store.EvTicketIssued, 0), ev(store.EvTicketCalled, 10), ev(store.EvTicketRecalled, 11),
			ev(store.EvTicketServing, 12), ev(store.EvTicketDone, 20)},
			Durations{Wait: 10 * time.Minute, Walk: 2 * time.Minute, Service: 8 * time.Minute, Calls: 2, Done: true}},
		{"transfer counts both waits and services", []store.Event{ev(store.EvTicketIssued, 0), ev(store.EvTicketCalled, 5),
			ev(store.EvTicketServing, 6), ev(store.EvTicketTransferred, 9), ev(store.EvTicketCalled, 15),
			ev(store.EvTicketServing, 16), ev(store.EvTicketDone, 26)},
			Durations{Wait: 11 * time.Minute, Walk: 2 * time.Minute, Service: 13 * time.Minute, Calls: 2, Done: true}},
		{"no-show then reactivated", []store.Event{ev(store.EvTicketIssued, 0), ev(store.EvTicketCalled, 5),
			ev(store.EvTicketSkipped, 7), ev(store.EvTicketReactivated, 30), ev(store.EvTicketCalled, 31),
			ev(store.EvTicketServing, 32), ev(store.EvTicketDone, 40)},
			Durations{Wait: 6 * time.Minute, Walk: time.Minute, Service: 8 * time.Minute, Calls: 2, Done: true}},
		{"still waiting", []store.Event{ev(store.EvTicketIssued, 0)}, Durations{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Derive(tc.evs); got != tc.want {
				t.Fatalf("got %+v want %+v", got, tc.want)
			}
		})
	}
}

func TestEstimateWait(t *testing.T) {
	done := func(svc, counter string, calledMin, minutes int) store.Ticket {
		c := t0.Add(time.Duration(calledMin) * time.Minute)
		return store.Ticket{ServiceID: svc, CounterID: counter, Status: store.StatusDone, CalledAt: c,
			FinishedAt: c.Add(time.Duration(minutes) * time.Minute)}
	}
	today := []store.Ticket{done("A", "k1", -50, 4), done("A", "k2", -30, 8), done("B", "k1", -20, 30), done("A", "k1", -200, 6)}
	for _, tc := range []struct {
		name  string
		svc   string
		ahead int
		want  time.Duration
	}{
		{"nobody ahead", "A", 0, 0},
		{"average 6 min, two counters in the last hour", "A", 4, 12 * time.Minute},
		{"one counter", "B", 2, 60 * time.Minute},
		{"no history: default", "C", 3, 15 * time.Minute},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := EstimateWait(today, tc.svc, tc.ahead, t0); got != tc.want {
				t.Fatalf("got %v want %v", got, tc.want)
			}
		})
	}
	w := func(id string, min int) store.Ticket {
		return store.Ticket{ID: id, ServiceID: "A", Status: store.StatusWaiting, QueuedAt: t0.Add(time.Duration(min) * time.Minute)}
	}
	q := []store.Ticket{w("1", 0), w("2", 1), w("3", 2), {ID: "4", ServiceID: "B", Status: store.StatusWaiting}}
	if got := Ahead(q, q[2]); got != 2 {
		t.Fatalf("ahead %d", got)
	}
	p := w("5", 3)
	p.Priority = store.PriorityLansia
	q = append(q, p)
	if got := Ahead(q, p); got != 0 {
		t.Fatalf("priority ticket behind %d normal tickets", got)
	}
}
