package ui

import (
	"context"
	"testing"
)

// TestDisplayCountsFromEvents: the board's waiting counts follow ticket
// events from the counts they carry, with no reload per event.
func TestDisplayCountsFromEvents(t *testing.T) {
	b := newBoardDriver(t, DisplayOptions{})
	rc := &reloadCounter{Local: b.h.svc}
	b.h.app.svc = rc
	ctx := context.Background()
	for range 3 {
		if _, err := b.h.svc.IssueTicket(ctx, b.svcs[0].ID, ""); err != nil {
			t.Fatal(err)
		}
		b.pump("ticket.issued")
	}
	if _, err := b.h.svc.CallNext(ctx, b.sess.ID); err != nil {
		t.Fatal(err)
	}
	b.pump("ticket.called")
	if got := b.d.tiles[0].count.Text; got != "2" {
		t.Fatalf("waiting tile shows %q, want 2", got)
	}
	if n := rc.reloads.Load(); n != 0 {
		t.Fatalf("%d reloads of counts or tickets for events that carried the counts", n)
	}
}
