package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

// The password check (bcrypt, slow by design) runs outside the write turn:
// while a login is inside it, another write commits. With the check inside
// s.tx the write below would wait for the turn until its deadline.
func TestPasswordCheckHoldsNoWriteTurn(t *testing.T) {
	st := openTestStore(t)
	ctx := context.Background()
	if _, err := st.SaveOffice(ctx, "", Office{Code: "KPPN019", Name: "KPPN Pekanbaru", Zone: "Asia/Jakarta"}); err != nil {
		t.Fatal(err)
	}
	BcryptCost = 4
	if _, err := st.SaveOfficer(ctx, "", Officer{Username: "fo1", FullName: "Rina", Role: RoleFO, Active: true}, "rahasia1"); err != nil {
		t.Fatal(err)
	}
	inside, release := make(chan struct{}), make(chan struct{})
	orig := compareHash
	compareHash = func(hash, pw []byte) error {
		close(inside)
		<-release
		return orig(hash, pw)
	}
	t.Cleanup(func() { compareHash = orig })

	done := make(chan error, 1)
	go func() {
		_, err := st.Authenticate(ctx, "fo1", "salah")
		done <- err
	}()
	<-inside
	wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := st.tx(wctx, func(tx *writeTx) error { return insertSetting(wctx, tx, "during-login") }); err != nil {
		t.Fatalf("write while a password is being checked: %v", err)
	}
	select {
	case err := <-done:
		t.Fatalf("login finished before its check was released: %v", err)
	default:
	}
	close(release)
	if err := <-done; !errors.Is(err, ErrBadLogin) {
		t.Fatalf("login: %v", err)
	}
}
