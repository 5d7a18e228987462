package central_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"loket/booking"
	"loket/central"
	"loket/web/janji"
	"loket/workday"
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
				ok, full, other, burst := bookBurst(ctx, bdb, tries, func(i int) central.BookingRequest {
					at := slot0.Add(time.Duration(i%slots) * 30 * time.Minute)
					return req(office, "S1", phone(i), at, (i/slots)%4 == 0, quota, percent)
				})
				took += burst
				booked = ok
				if len(other) > 0 {
					b.Fatalf("%d unexpected errors, first: %v", len(other), other[0])
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

// BenchmarkBookingPage200rps requests the booking page's heaviest step
// (the free slots of a service over the days ahead, with its security
// question) at a steady 200 requests per second for 5 s, open loop (a
// request starts on time whether or not the earlier ones have answered),
// over a centre store that already holds bookings, on each central store,
// and fails when the 99th percentile reaches 200 ms.
func BenchmarkBookingPage200rps(b *testing.B) {
	const rate, seconds = 200, 5
	for _, be := range backends {
		b.Run(be.name, func(b *testing.B) {
			ctx := context.Background()
			db, bdb := bookingDB(b, be, "K001")
			c := booking.DefaultConfig()
			c.Enabled = true
			c.Services = []booking.ServiceQuota{{ID: "S1", Name: "Konsultasi SP2D", Quota: 4}}
			if err := bdb.PutBookingConfig(ctx, "K001", c.Format()); err != nil {
				b.Fatal(err)
			}
			monday := time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC) // 07:00 WIB
			for i := range 60 {
				at := monday.Add(time.Hour + time.Duration(i%12)*30*time.Minute)
				if _, err := bdb.Book(ctx, req("K001", "S1", phone(i), at, false, 4, 20)); err != nil && !errors.Is(err, central.ErrSlotFull) {
					b.Fatal(err)
				}
			}
			cal, _ := workday.DefaultCalendar()
			h, err := janji.New(db, cal, quiet, janji.Options{})
			if err != nil {
				b.Fatal(err)
			}
			started := time.Now()
			h.Now = func() time.Time { return monday.Add(time.Since(started)) }
			mux := http.NewServeMux()
			h.Register(mux)
			srv := httptest.NewServer(mux)
			defer srv.Close()
			url := srv.URL + "/janji-temu?kantor=K001&layanan=S1"
			hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 256}}
			var p50, p99 time.Duration
			for n := 0; n < b.N; n++ {
				var mu sync.Mutex
				var lat []time.Duration
				failed := 0
				var wg sync.WaitGroup
				tick := time.NewTicker(time.Second / rate)
				for range rate * seconds {
					<-tick.C
					wg.Add(1)
					go func() {
						defer wg.Done()
						t0 := time.Now()
						resp, err := hc.Get(url)
						ok := err == nil && resp.StatusCode == 200
						if err == nil {
							_, _ = io.Copy(io.Discard, resp.Body)
							resp.Body.Close()
						}
						d := time.Since(t0)
						mu.Lock()
						lat = append(lat, d)
						if !ok {
							failed++
						}
						mu.Unlock()
					}()
				}
				tick.Stop()
				wg.Wait()
				if failed > 0 {
					b.Fatalf("%d of %d requests failed", failed, len(lat))
				}
				slices.Sort(lat)
				p50, p99 = lat[len(lat)/2], lat[len(lat)*99/100]
			}
			b.ReportMetric(float64(p50.Microseconds())/1000, "ms-p50")
			b.ReportMetric(float64(p99.Microseconds())/1000, "ms-p99")
			if p99 >= 200*time.Millisecond {
				b.Errorf("p99 %v at %d requests/s, want < 200 ms", p99, rate)
			}
		})
	}
}
