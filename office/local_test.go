package office_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"loket/office"
	"loket/office/officetest"
	"loket/store"
)

func init() { store.BcryptCost = 4 } // keep the suite fast; production uses the default

func TestLocalContract(t *testing.T) {
	officetest.Run(t, func(t *testing.T) officetest.Env {
		st, err := store.Open(filepath.Join(t.TempDir(), "loket.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		var mu sync.Mutex
		now := time.Now()
		st.Now = func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
		return officetest.Env{Svc: office.NewLocal(st), SetNow: func(t time.Time) { mu.Lock(); now = t; mu.Unlock() },
			SaveBooking: func(b store.Booking) error { return st.SaveBooking(context.Background(), b) }}
	})
}
