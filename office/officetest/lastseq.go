package officetest

import (
	"context"
	"testing"
	"time"

	"loket/store"
)

// testLastEventSeq: LastEventSeq is the newest event's Seq, so a stream
// started there gets exactly the events written after it.
func testLastEventSeq(t *testing.T, f Factory) {
	fx := setup(t, f)
	before, err := fx.svc.LastEventSeq(fx.ctx)
	fx.must(err)
	if before <= 0 {
		t.Fatalf("LastEventSeq after set-up = %d, want the set-up's events", before)
	}
	ctx, cancel := context.WithCancel(fx.ctx)
	defer cancel()
	ch, err := fx.svc.Subscribe(ctx, before)
	fx.must(err)
	tk := fx.issue("A", "")
	after, err := fx.svc.LastEventSeq(fx.ctx)
	fx.must(err)
	if after <= before {
		t.Fatalf("LastEventSeq %d after issuing, %d before", after, before)
	}
	select {
	case e := <-ch:
		if e.Seq != before+1 || e.Kind != store.EvTicketIssued || e.TicketID != tk.ID {
			t.Fatalf("first event after LastEventSeq %d: %d %s %s", before, e.Seq, e.Kind, e.TicketID)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no event after LastEventSeq")
	}
}
