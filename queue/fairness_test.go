package queue

import (
	"fmt"
	"sort"
	"testing"
	"time"

	"loket/store"
)

func TestFairness(t *testing.T) {
	t0 := time.Date(2026, 11, 23, 1, 0, 0, 0, time.UTC)
	at := func(min int) time.Time { return t0.Add(time.Duration(min) * time.Minute) }
	ev := func(min int, kind, ticket, svc, ctr, off string, data map[string]string) store.Event {
		return store.Event{At: at(min), Kind: kind, TicketID: ticket, ServiceID: svc, CounterID: ctr, OfficerID: off, Data: data}
	}
	cases := []struct {
		name   string
		events []store.Event
		until  int
		idle   []IdleWait
		pauses []Pause
	}{
		{"idle while a ticket of its service waits",
			[]store.Event{
				ev(0, store.EvCounterOpened, "", "", "c1", "o1", map[string]string{"services": "A"}),
				ev(1, store.EvTicketIssued, "t1", "A", "", "", nil),
				ev(6, store.EvTicketCalled, "t1", "A", "c1", "o1", nil),
			}, 60,
			[]IdleWait{{CounterID: "c1", OfficerID: "o1", Start: at(1), End: at(6), MaxWaiting: 1}}, nil},
		{"a ticket of another service does not make the counter idle",
			[]store.Event{
				ev(0, store.EvCounterOpened, "", "", "c1", "o1", map[string]string{"services": "A"}),
				ev(1, store.EvTicketIssued, "t1", "B", "", "", nil),
			}, 60, nil, nil},
		{"serving is not idle; a transfer moves the waiting ticket to the other counter",
			[]store.Event{
				ev(0, store.EvCounterOpened, "", "", "c1", "o1", map[string]string{"services": "A"}),
				ev(0, store.EvCounterOpened, "", "", "c2", "o2", map[string]string{"services": "B"}),
				ev(1, store.EvTicketIssued, "t1", "A", "", "", nil),
				ev(1, store.EvTicketIssued, "t2", "A", "", "", nil),
				ev(1, store.EvTicketCalled, "t1", "A", "c1", "o1", nil),
				ev(20, store.EvTicketTransferred, "t1", "A", "c1", "o1", map[string]string{"to_service": "B"}),
				ev(21, store.EvTicketCalled, "t1", "B", "c2", "o2", nil),
				ev(21, store.EvTicketCalled, "t2", "A", "c1", "o1", nil),
			}, 60, nil, nil},
		{"closed counter is not idle; an open pause runs to the end of the sheet",
			[]store.Event{
				ev(0, store.EvCounterOpened, "", "", "c1", "o1", map[string]string{"services": "A"}),
				ev(1, store.EvCounterPaused, "", "", "c1", "o1", map[string]string{"reason": "Rapat atau dipanggil atasan"}),
				ev(2, store.EvTicketIssued, "t1", "A", "", "", nil),
				ev(5, store.EvCounterResumed, "", "", "c1", "o1", nil),
				ev(9, store.EvCounterClosed, "", "", "c1", "o1", nil),
				ev(10, store.EvCounterOpened, "", "", "c1", "o2", map[string]string{"services": "A"}),
				ev(11, store.EvCounterPaused, "", "", "c1", "o2", map[string]string{"reason": "Gangguan perangkat atau aplikasi"}),
			}, 30,
			[]IdleWait{
				{CounterID: "c1", OfficerID: "o2", Start: at(10), End: at(30), MaxWaiting: 1, Paused: true},
				{CounterID: "c1", OfficerID: "o1", Start: at(2), End: at(9), MaxWaiting: 1, Paused: true},
			},
			[]Pause{
				{CounterID: "c1", OfficerID: "o1", Reason: "Rapat atau dipanggil atasan", Start: at(1), End: at(5)},
				{CounterID: "c1", OfficerID: "o2", Reason: "Gangguan perangkat atau aplikasi", Start: at(11), End: at(30), Ongoing: true},
			}},
		{"a stretch under IdleMin is ordinary",
			[]store.Event{
				ev(0, store.EvCounterOpened, "", "", "c1", "o1", map[string]string{"services": "A"}),
				ev(1, store.EvTicketIssued, "t1", "A", "", "", nil),
				ev(2, store.EvTicketCalled, "t1", "A", "c1", "o1", nil),
				ev(3, store.EvTicketSkipped, "t1", "A", "c1", "o1", nil),
				ev(4, store.EvTicketReactivated, "t1", "A", "", "o1", nil),
				ev(5, store.EvTicketCalled, "t1", "A", "c1", "o1", nil),
			}, 60, nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			day := Fairness("2026-11-23", c.events, at(c.until))
			if len(day.Idle) != len(c.idle) {
				t.Fatalf("idle = %+v, want %+v", day.Idle, c.idle)
			}
			for i := range c.idle {
				if day.Idle[i] != c.idle[i] {
					t.Errorf("idle[%d] = %+v, want %+v", i, day.Idle[i], c.idle[i])
				}
			}
			if len(day.Pauses) != len(c.pauses) {
				t.Fatalf("pauses = %+v, want %+v", day.Pauses, c.pauses)
			}
			for i := range c.pauses {
				if day.Pauses[i] != c.pauses[i] {
					t.Errorf("pause[%d] = %+v, want %+v", i, day.Pauses[i], c.pauses[i])
				}
			}
		})
	}
}

func TestFairnessOutOfOrderPerOfficer(t *testing.T) {
	t0 := time.Date(2026, 11, 23, 1, 0, 0, 0, time.UTC)
	evs := []store.Event{
		{At: t0, Kind: store.EvTicketIssued, TicketID: "t1", ServiceID: "A"},
		{At: t0, Kind: store.EvTicketCalled, TicketID: "t1", ServiceID: "A", CounterID: "c1", OfficerID: "o1",
			Data: map[string]string{"number": "A001", "out_of_order": "1", "reason": "Berkas lanjutan dari loket lain", "ahead": "3"}},
		{At: t0, Kind: store.EvTicketIssued, TicketID: "t2", ServiceID: "A"},
		{At: t0, Kind: store.EvTicketCalled, TicketID: "t2", ServiceID: "A", CounterID: "c1", OfficerID: "o1",
			Data: map[string]string{"number": "A002"}},
	}
	evs = append(evs, store.Event{At: t0, Kind: store.EvTicketSkipped, TicketID: "t2", CounterID: "c1", OfficerID: "o1"},
		store.Event{At: t0, Kind: store.EvTicketReactivated, TicketID: "t2", ServiceID: "A", OfficerID: "o2", Data: map[string]string{"number": "A002"}})
	day := Fairness("2026-11-23", evs, t0.Add(time.Hour))
	if len(day.Reactivations) != 1 || day.Reactivations[0].Code != "A002" || day.Reactivations[0].OfficerID != "o2" {
		t.Fatalf("reactivations = %+v", day.Reactivations)
	}
	if len(day.Officers) != 2 || day.Officers[1].Reactivated != 1 {
		t.Fatalf("officers = %+v", day.Officers)
	}
	if len(day.OutOfOrder) != 1 || day.OutOfOrder[0].Code != "A001" || day.OutOfOrder[0].Ahead != 3 {
		t.Fatalf("out of order = %+v", day.OutOfOrder)
	}
	if day.Officers[0].OutOfOrder != 1 {
		t.Fatalf("officers = %+v", day.Officers)
	}
}

// BenchmarkFairnessDay: a busy office day, 10 counters on 4 services and
// 3,000 tickets (about 12,000 events), into the fairness sheet.
func BenchmarkFairnessDay(b *testing.B) {
	t0 := time.Date(2026, 11, 23, 1, 0, 0, 0, time.UTC)
	svcs := []string{"A", "B", "C", "D"}
	var evs []store.Event
	for c := 0; c < 10; c++ {
		evs = append(evs, store.Event{At: t0, Kind: store.EvCounterOpened, CounterID: fmt.Sprint("c", c), OfficerID: fmt.Sprint("o", c),
			Data: map[string]string{"services": svcs[c%4] + "," + svcs[(c+1)%4]}})
	}
	for i := 0; i < 3000; i++ {
		at := t0.Add(time.Duration(i) * 8 * time.Second)
		id, svc, ctr := fmt.Sprint("t", i), svcs[i%4], fmt.Sprint("c", i%10)
		evs = append(evs,
			store.Event{At: at, Kind: store.EvTicketIssued, TicketID: id, ServiceID: svc},
			store.Event{At: at.Add(3 * time.Minute), Kind: store.EvTicketCalled, TicketID: id, ServiceID: svc, CounterID: ctr, OfficerID: "o"},
			store.Event{At: at.Add(4 * time.Minute), Kind: store.EvTicketServing, TicketID: id, ServiceID: svc, CounterID: ctr},
			store.Event{At: at.Add(9 * time.Minute), Kind: store.EvTicketDone, TicketID: id, ServiceID: svc, CounterID: ctr})
	}
	sort.SliceStable(evs, func(i, j int) bool { return evs[i].At.Before(evs[j].At) })
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		Fairness("2026-11-23", evs, t0.Add(10*time.Hour))
	}
}
