package hub

import (
	"context"
	"testing"
	"time"

	"loket/store"
)

// TestTicketEventsOnStreams: over the hub, a ticket event reaches a
// counter PC with its ticket (officer included) and the waiting counts,
// and a display with the same ticket but no officer.
func TestTicketEventsOnStreams(t *testing.T) {
	h, local, st, _ := demoHub(t, nil)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	from, err := st.LastEventSeq(ctx)
	if err != nil {
		t.Fatal(err)
	}
	counterDev := newClient(t, pair(t, h, "Loket"))
	display := newClient(t, pairAs(t, h, "Layar", KindDisplay))
	cch, err := counterDev.Subscribe(ctx, from)
	if err != nil {
		t.Fatal(err)
	}
	dch, err := display.Subscribe(ctx, from)
	if err != nil {
		t.Fatal(err)
	}
	svcs, _ := local.Services(ctx)
	if _, err := local.IssueTicket(ctx, svcs[0].ID, ""); err != nil {
		t.Fatal(err)
	}
	sess := openAsFO1(t, local, svcs[0].ID)
	called, err := local.CallNext(ctx, sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	calledEvent := func(ch <-chan store.Event) store.Event {
		t.Helper()
		timeout := time.After(10 * time.Second)
		for {
			select {
			case e := <-ch:
				if e.Kind == store.EvTicketCalled {
					return e
				}
			case <-timeout:
				t.Fatal("no ticket.called event")
			}
		}
	}
	for _, tc := range []struct {
		name    string
		ch      <-chan store.Event
		officer string
	}{{"counter PC", cch, sess.OfficerID}, {"display", dch, ""}} {
		t.Run(tc.name, func(t *testing.T) {
			e := calledEvent(tc.ch)
			if e.Ticket == nil || e.Ticket.ID != called.ID || e.Ticket.Status != store.StatusCalled ||
				e.Ticket.CounterID != sess.CounterID || e.Ticket.Code() != called.Code() {
				t.Fatalf("called event carries ticket %+v", e.Ticket)
			}
			if e.Ticket.OfficerID != tc.officer {
				t.Fatalf("ticket's officer on the stream %q, want %q", e.Ticket.OfficerID, tc.officer)
			}
			if n, ok := e.Waiting[svcs[0].ID]; !ok || n != 0 {
				t.Fatalf("waiting counts %v", e.Waiting)
			}
		})
	}
}
