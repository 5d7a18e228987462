package officetest

import (
	"testing"

	"loket/office"
)

// testActorChecks: Cancel and Reactivate name an officer who must be an
// active one (an unknown actor is refused, in-process by the role check,
// over the hub already for lack of a login); Logout ends a login and a
// new login acts again.
func testActorChecks(t *testing.T, f Factory) {
	fx := setup(t, f)
	sess := fx.open("fo1", 1, "A")
	fo1 := fx.offs["fo1"].ID
	tk := fx.issue("A", "")
	fx.callNext(sess)
	_, err := fx.svc.Skip(fx.ctx, sess.ID, tk.ID)
	fx.must(err)
	_, err = fx.svc.Reactivate(fx.ctx, "nobody", tk.ID)
	wantNotActor(t, err)
	_, err = fx.svc.Cancel(fx.ctx, "nobody", tk.ID, "uji")
	wantNotActor(t, err)
	_, err = fx.svc.Reactivate(fx.ctx, fo1, tk.ID)
	fx.must(err)

	fx.must(fx.svc.Logout(fx.ctx, "nobody"))
	fx.must(fx.svc.Logout(fx.ctx, fo1))
	_, err = fx.svc.Login(fx.ctx, "fo1", office.DemoPassword)
	fx.must(err)
	if _, err := fx.svc.Cancel(fx.ctx, fo1, tk.ID, "dibatalkan pengunjung"); err != nil {
		t.Fatalf("cancel after logging in again: %v", err)
	}
}
