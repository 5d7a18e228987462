package officetest

import (
	"testing"
	"time"

	"loket/queue"
)

// testTicketEstimate checks the kiosk's figures: people ahead in the
// ticket's lane and the wait from today's average service time.
func testTicketEstimate(t *testing.T, f Factory) {
	fx := setup(t, f)
	est := func(id string) queue.Estimate {
		t.Helper()
		e, err := fx.svc.TicketEstimate(fx.ctx, id)
		fx.must(err)
		return e
	}
	a1, _, a3 := fx.issue("A", ""), fx.issue("A", ""), fx.issue("A", "")
	fx.issue("C", "") // another service's queue is not ahead
	// Nobody served yet: the default service time, one counter.
	if got, want := est(a3.ID), (queue.Estimate{Ahead: 2, Wait: 2 * queue.DefaultServiceTime}); got != want {
		t.Fatalf("before any service: %+v, want %+v", got, want)
	}
	if got := est(a1.ID); got != (queue.Estimate{}) {
		t.Fatalf("first in line: %+v, want nothing ahead", got)
	}
	sess := fx.open("fo1", 1, "A")
	called := fx.callNext(sess)
	if called.ID != a1.ID {
		t.Fatalf("called %s, want %s", called.Code(), a1.Code())
	}
	fx.tick(4 * time.Minute)
	_, err := fx.svc.Finish(fx.ctx, sess.ID, a1.ID)
	fx.must(err)
	// One finished in 4 minutes at one counter: one person ahead, 4 minutes.
	if got, want := est(a3.ID), (queue.Estimate{Ahead: 1, Wait: 4 * time.Minute}); got != want {
		t.Fatalf("after one service: %+v, want %+v", got, want)
	}
	// A priority ticket waits only behind priority tickets.
	if got := est(fx.issue("A", "lansia").ID); got != (queue.Estimate{}) {
		t.Fatalf("priority ticket: %+v, want nothing ahead", got)
	}
	_, err = fx.svc.TicketEstimate(fx.ctx, "KPPN019-tidak-ada")
	wantCode(t, err, "not_found")
}
