package central_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"loket/booking"
	"loket/central"
)

// BenchmarkBooking1000Concurrent sends 1,000 bookings at once at one slot
// set (8 slots of quota 25, 20% kept for priority: 200 places) and checks
// that exactly 200 are taken, 25 per slot, none beyond a slot's quota or
// its regular share. On PostgreSQL every booking is its own transaction
// from a pool; on SQLite they queue for the one writer.
func BenchmarkBooking1000Concurrent(b *testing.B) {
	const tries, slots, quota, percent = 1000, 8, 25, 20
	for _, be := range backends {
		b.Run(be.name, func(b *testing.B) {
			ctx := context.Background()
			_, bdb := bookingDB(b, be, "K0")
			reg, _ := booking.Caps(quota, percent)
			var took time.Duration
			booked := 0
			for n := 0; n < b.N; n++ {
				office := fmt.Sprintf("B%d", n)
				var wg sync.WaitGroup
				var mu sync.Mutex
				ok, full := 0, 0
				var other error
				start := make(chan struct{})
				for i := range tries {
					wg.Add(1)
					go func() {
						defer wg.Done()
						<-start
						at := slot0.Add(time.Duration(i%slots) * 30 * time.Minute)
						_, err := bdb.Book(ctx, req(office, "S1", phone(i), at, (i/slots)%4 == 0, quota, percent))
						mu.Lock()
						defer mu.Unlock()
						switch {
						case err == nil:
							ok++
						case errors.Is(err, central.ErrSlotFull):
							full++
						default:
							other = err
						}
					}()
				}
				t0 := time.Now()
				close(start)
				wg.Wait()
				took += time.Since(t0)
				booked = ok
				if other != nil {
					b.Fatalf("unexpected error: %v", other)
				}
				if ok != slots*quota || full != tries-slots*quota {
					b.Fatalf("%d booked, %d refused; want %d and %d", ok, full, slots*quota, tries-slots*quota)
				}
				uses, err := bdb.SlotUses(ctx, office, "S1", slot0, slot0.Add(slots*30*time.Minute))
				if err != nil {
					b.Fatal(err)
				}
				for s := range slots {
					u := uses[slot0.Add(time.Duration(s)*30*time.Minute)]
					if u.Regular+u.Priority != quota || u.Regular > reg {
						b.Fatalf("slot %d holds %+v: total must be %d, regular at most %d", s, u, quota, reg)
					}
				}
				stored, err := bdb.CountBookings(ctx, office, booking.StatusBooked, slot0, slot0.Add(24*time.Hour))
				if err != nil || stored != slots*quota {
					b.Fatalf("%d bookings stored (%v), want %d", stored, err, slots*quota)
				}
			}
			b.ReportMetric(float64(took.Milliseconds())/float64(b.N), "ms/1000-bookings")
			b.ReportMetric(float64(booked), "booked-of-200")
		})
	}
}
