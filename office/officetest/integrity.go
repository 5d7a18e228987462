package officetest

import (
	"testing"
	"time"

	"loket/queue/lifecycle"
	"loket/store"
)

// testIntegrity: calling a chosen ticket and pausing a counter are refused
// without a reason from the list; with one, each is recorded with the
// reason and the session's officer, and the Kepala Seksi's fairness sheet
// shows the out-of-order call, the pauses and the counter standing idle
// while visitors waited.
func testIntegrity(t *testing.T, f Factory) {
	fx := setup(t, f)
	fo1, kasi := fx.offs["fo1"], fx.offs["kasi1"]
	sess := fx.open("fo1", 1, "A")
	t1, t2, t3 := fx.issue("A", ""), fx.issue("A", ""), fx.issue("A", "")

	for _, c := range []struct{ name, reason, code string }{
		{"no reason", "", "reason_required"},
		{"blank reason", "   ", "reason_required"},
		{"Lainnya without words", "Lainnya:", "reason_required"},
		{"reason not on the list", "kenalan kepala kantor", "reason_invalid"},
	} {
		t.Run("call refused: "+c.name, func(t *testing.T) {
			_, err := fx.svc.CallTicket(fx.ctx, sess.ID, t3.ID, c.reason)
			wantCode(t, err, c.code)
		})
	}
	if got := fx.ticket(t3.ID); got.Status != store.StatusWaiting {
		t.Fatalf("a refused call changed the ticket: %s", got.Status)
	}

	fx.tick(time.Minute)
	called, err := fx.svc.CallTicket(fx.ctx, sess.ID, t3.ID, lifecycle.CallReasons[0])
	fx.must(err)
	if called.Status != store.StatusCalled || called.OfficerID != fo1.ID {
		t.Fatalf("chosen call = %s by %s", called.Status, called.OfficerID)
	}
	// A ticket not waiting cannot be chosen.
	_, err = fx.svc.CallTicket(fx.ctx, sess.ID, t3.ID, lifecycle.CallReasons[0])
	wantCode(t, err, "bad_state")
	fx.tick(2 * time.Minute)
	_, err = fx.svc.Finish(fx.ctx, sess.ID, t3.ID)
	fx.must(err)

	// Pausing needs a reason too; a paused counter cannot pause again.
	_, err = fx.svc.CallTicket(fx.ctx, sess.ID, t1.ID, "") // still refused after a good call
	wantCode(t, err, "reason_required")
	wantCode(t, fx.svc.PauseCounter(fx.ctx, sess.ID, ""), "reason_required")
	fx.must(fx.svc.PauseCounter(fx.ctx, sess.ID, lifecycle.PauseReasons[0]))
	wantCode(t, fx.svc.PauseCounter(fx.ctx, sess.ID, lifecycle.PauseReasons[0]), "bad_state")
	fx.tick(10 * time.Minute)
	fx.must(fx.svc.ResumeCounter(fx.ctx, sess.ID))
	fx.must(fx.svc.ResumeCounter(fx.ctx, sess.ID)) // not paused: no error
	// A second pause is ended by the next call.
	fx.must(fx.svc.PauseCounter(fx.ctx, sess.ID, "Lainnya: mengambil formulir di gudang"))
	fx.tick(3 * time.Minute)
	if got := fx.callNext(sess); got.ID != t1.ID {
		t.Fatalf("next call after the pause = %s, want %s", got.Code(), t1.Code())
	}

	_, err = fx.svc.FairnessSheet(fx.ctx, fo1.ID, "")
	wantCode(t, err, "forbidden")
	_, err = fx.svc.FairnessSheet(fx.ctx, kasi.ID, "23-11-2026")
	wantCode(t, err, "invalid")
	day, err := fx.svc.FairnessSheet(fx.ctx, kasi.ID, "")
	fx.must(err)
	if day.Date != "2026-11-23" || len(day.OutOfOrder) != 1 {
		t.Fatalf("sheet %s has %d out-of-order calls, want 1", day.Date, len(day.OutOfOrder))
	}
	o := day.OutOfOrder[0]
	if o.TicketID != t3.ID || o.OfficerID != fo1.ID || o.Reason != lifecycle.CallReasons[0] || o.Ahead != 2 ||
		o.CounterID != fx.ctrs[0].ID {
		t.Errorf("out-of-order call = %+v; want %s by fo1 jumping 2 (%s, %s waited longer)", o, t3.Code(), t1.Code(), t2.Code())
	}
	if len(day.Pauses) != 2 {
		t.Fatalf("sheet has %d pauses, want 2: %+v", len(day.Pauses), day.Pauses)
	}
	p1, p2 := day.Pauses[0], day.Pauses[1]
	if p1.Reason != lifecycle.PauseReasons[0] || p1.OfficerID != fo1.ID || p1.Duration() != 10*time.Minute || p1.Ongoing {
		t.Errorf("first pause = %+v, want 10 min ishoma by fo1", p1)
	}
	if p2.Reason != "Lainnya: mengambil formulir di gudang" || p2.Duration() != 3*time.Minute+time.Second || p2.Ongoing {
		t.Errorf("second pause = %+v, want 3 min 1 s ended by the call", p2)
	}
	// From the finish of t3 to the call of t1 the counter stood open and
	// serving no one while t1 and t2 waited: 13 minutes and 1 second.
	if len(day.Idle) != 1 {
		t.Fatalf("sheet has %d idle stretches, want 1: %+v", len(day.Idle), day.Idle)
	}
	if w := day.Idle[0]; w.CounterID != fx.ctrs[0].ID || w.OfficerID != fo1.ID || w.Duration() != 13*time.Minute+time.Second ||
		w.MaxWaiting != 2 || !w.Paused {
		t.Errorf("idle stretch = %+v (%v)", w, w.Duration())
	}
	if len(day.Officers) != 1 || day.Officers[0].OfficerID != fo1.ID || day.Officers[0].OutOfOrder != 1 ||
		day.Officers[0].Pauses != 2 || day.Officers[0].Paused != 13*time.Minute+time.Second {
		t.Errorf("officer lines = %+v", day.Officers)
	}
	// Putting a no-show back in the queue is on the sheet with its officer.
	fx.tick(time.Minute)
	_, err = fx.svc.Skip(fx.ctx, sess.ID, t1.ID)
	fx.must(err)
	_, err = fx.svc.Reactivate(fx.ctx, fo1.ID, t1.ID)
	fx.must(err)
	day, err = fx.svc.FairnessSheet(fx.ctx, kasi.ID, "2026-11-23")
	fx.must(err)
	if len(day.Reactivations) != 1 || day.Reactivations[0].TicketID != t1.ID || day.Reactivations[0].OfficerID != fo1.ID ||
		day.Officers[0].Reactivated != 1 {
		t.Errorf("reactivations = %+v, officers %+v", day.Reactivations, day.Officers)
	}
	if day.OfficerNames[fo1.ID] != fo1.FullName || day.CounterNames[fx.ctrs[0].ID] == "" {
		t.Errorf("names missing: %v %v", day.OfficerNames, day.CounterNames)
	}
}

// ticket finds one of today's tickets by id.
func (fx *fixture) ticket(id string) store.Ticket {
	fx.t.Helper()
	all, err := fx.svc.TicketsToday(fx.ctx)
	fx.must(err)
	for _, tk := range all {
		if tk.ID == id {
			return tk
		}
	}
	fx.t.Fatalf("ticket %s not among today's", id)
	return store.Ticket{}
}
