package officetest

import (
	"context"
	"testing"
	"time"

	"loket/store"
)

// testTicketDeltas: a screen loads the day once and then keeps it current
// from what ticket events carry (the ticket, the waiting counts) or from
// TicketsChangedSince, never reloading the whole day.
func testTicketDeltas(t *testing.T, f Factory) {
	fx := setup(t, f)
	ctx, cancel := context.WithCancel(fx.ctx)
	defer cancel()

	all, seq0, err := fx.svc.TicketsChangedSince(fx.ctx, -1)
	fx.must(err)
	if len(all) != 0 || seq0 <= 0 {
		t.Fatalf("first load of an empty day: %d tickets, seq %d", len(all), seq0)
	}
	ch, err := fx.svc.Subscribe(ctx, seq0)
	fx.must(err)

	sess := fx.open("fo1", 1, "A")
	a := fx.issue("A", "")
	b := fx.issue("B", "")
	called := fx.callNext(sess)
	if called.ID != a.ID {
		t.Fatalf("called %s, want %s", called.Code(), a.Code())
	}

	// The stream: every ticket event names its ticket and carries it with
	// today's waiting counts.
	timeout := time.After(10 * time.Second)
	var ev store.Event
	for ev.Kind != store.EvTicketCalled {
		select {
		case e, ok := <-ch:
			if !ok {
				t.Fatal("stream closed")
			}
			if e.TicketID != "" && e.Ticket == nil {
				t.Fatalf("%s event without its ticket", e.Kind)
			}
			if e.Ticket != nil && (e.Ticket.ID != e.TicketID || e.Waiting == nil) {
				t.Fatalf("%s event carries ticket %q, waiting %v", e.Kind, e.Ticket.ID, e.Waiting)
			}
			ev = e
		case <-timeout:
			t.Fatal("no ticket.called event")
		}
	}
	if ev.Ticket.Code() != "A001" || ev.Ticket.Status != store.StatusCalled || ev.Ticket.CounterID != fx.ctrs[0].ID {
		t.Fatalf("called event carries %s %s at %q", ev.Ticket.Code(), ev.Ticket.Status, ev.Ticket.CounterID)
	}
	if n := ev.Waiting[fx.svcs["A"].ID]; n != 0 {
		t.Fatalf("waiting for A after the call: %d, want 0", n)
	}
	if n := ev.Waiting[fx.svcs["B"].ID]; n != 1 {
		t.Fatalf("waiting for B: %d, want 1", n)
	}

	// Changes since the first load: the two tickets, in issue order, as
	// they are now.
	changed, seq1, err := fx.svc.TicketsChangedSince(fx.ctx, seq0)
	fx.must(err)
	if len(changed) != 2 || changed[0].ID != a.ID || changed[1].ID != b.ID ||
		changed[0].Status != store.StatusCalled || changed[1].Status != store.StatusWaiting || seq1 <= seq0 {
		t.Fatalf("changed since %d: %+v (seq %d)", seq0, changed, seq1)
	}
	if seq1 < ev.Seq {
		t.Fatalf("changes reflect seq %d, older than the event seen (%d)", seq1, ev.Seq)
	}
	// Nothing new: nothing changed, same seq.
	none, seq2, err := fx.svc.TicketsChangedSince(fx.ctx, seq1)
	fx.must(err)
	if len(none) != 0 || seq2 != seq1 {
		t.Fatalf("no change since %d: %d tickets, seq %d", seq1, len(none), seq2)
	}
	// One more change: only that ticket.
	fx.tick(time.Minute)
	_, err = fx.svc.Finish(fx.ctx, sess.ID, a.ID)
	fx.must(err)
	done, seq3, err := fx.svc.TicketsChangedSince(fx.ctx, seq2)
	fx.must(err)
	if len(done) != 1 || done[0].ID != a.ID || done[0].Status != store.StatusDone || seq3 <= seq2 {
		t.Fatalf("changed after finish: %+v (seq %d)", done, seq3)
	}
	// Nothing left waiting: the counts still come, with a zero.
	sess2 := fx.open("fo2", 2, "B")
	if tk := fx.callNext(sess2); tk.ID != b.ID {
		t.Fatalf("counter 2 called %s, want %s", tk.Code(), b.Code())
	}
	ev = store.Event{}
	for ev.Kind != store.EvTicketCalled || ev.TicketID != b.ID {
		select {
		case e, ok := <-ch:
			if !ok {
				t.Fatal("stream closed")
			}
			ev = e
		case <-timeout:
			t.Fatal("no ticket.called event for B001")
		}
	}
	if n, ok := ev.Waiting[fx.svcs["B"].ID]; ev.Waiting == nil || !ok || n != 0 {
		t.Fatalf("with nothing waiting the event carries counts %v", ev.Waiting)
	}
	// The full form agrees with TicketsToday.
	all, _, err = fx.svc.TicketsChangedSince(fx.ctx, -1)
	fx.must(err)
	today, err := fx.svc.TicketsToday(fx.ctx)
	fx.must(err)
	if len(all) != len(today) || len(all) != 2 || all[0].ID != today[0].ID || all[1].ID != today[1].ID {
		t.Fatalf("full list %d tickets, TicketsToday %d", len(all), len(today))
	}
}
