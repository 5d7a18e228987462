package hub

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"loket/office"
	"loket/store"
)

// BenchmarkIssueDuringLogins is opening time at an office: 5 kiosks issue
// tickets flat out over the hub, first alone (baseline), then while 50
// officers log in at once on 10 counter PCs with the production bcrypt
// cost and a guessing device sends wrong passwords. It reports the issue
// p50/p99 of both phases and the logins' p99. Run with -benchtime=1x.
func BenchmarkIssueDuringLogins(b *testing.B) {
	old := store.BcryptCost
	store.BcryptCost = bcrypt.DefaultCost
	b.Cleanup(func() { store.BcryptCost = old })
	st, _ := newOffice(b)
	st.Now = time.Now
	local := office.NewLocal(st)
	ctx := context.Background()
	admin, err := office.FirstRun(ctx, local, office.Setup{Office: office.DemoOffice(), AdminUsername: "admin",
		AdminName: "Admin", AdminPassword: "rahasia1", Demo: true})
	if err != nil {
		b.Fatal(err)
	}
	const nOfficers, nPCs, nKiosks = 50, 10, 5
	for i := range nOfficers {
		if _, err := local.SaveOfficer(ctx, admin.ID, store.Officer{Username: fmt.Sprintf("pg%02d", i), FullName: "Petugas",
			Role: store.RoleFO, Active: true}, "rahasia1"); err != nil {
			b.Fatal(err)
		}
	}
	h := startHub(b, b.TempDir(), local, "127.0.0.1:0")
	pcs := make([]*Client, nPCs)
	for i := range pcs {
		pcs[i] = newClient(b, pair(b, h, fmt.Sprintf("Loket %d", i+1)))
	}
	guesser := newClient(b, pair(b, h, "Penebak"))
	kiosks := make([]*Client, nKiosks)
	for i := range kiosks {
		kiosks[i] = newClient(b, pairAs(b, h, fmt.Sprintf("Kios %d", i+1), KindKiosk))
	}
	svcs, err := local.Services(ctx)
	if err != nil {
		b.Fatal(err)
	}

	issueFor := func(stop <-chan struct{}, lat *latencies) {
		var wg sync.WaitGroup
		for i, k := range kiosks {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for n := 0; ; n++ {
					select {
					case <-stop:
						return
					default:
					}
					t0 := time.Now()
					if _, err := k.IssueTicket(ctx, svcs[(i+n)%len(svcs)].ID, ""); err != nil {
						b.Error(err)
						return
					}
					lat.add(time.Since(t0))
				}
			}()
		}
		wg.Wait()
	}

	b.ResetTimer()
	for range b.N {
		var base, during, logins latencies
		stop := make(chan struct{})
		time.AfterFunc(2*time.Second, func() { close(stop) })
		issueFor(stop, &base)

		stop = make(chan struct{})
		done := make(chan struct{})
		go func() { issueFor(stop, &during); close(done) }()
		var wg sync.WaitGroup
		var mu sync.Mutex
		loginErrs := 0
		for i := range nOfficers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				t0 := time.Now()
				// A login that misses the client's 10 s deadline on a
				// starved machine is counted, not fatal.
				if _, err := pcs[i%nPCs].Login(ctx, fmt.Sprintf("pg%02d", i), "rahasia1"); err != nil {
					b.Logf("login pg%02d: %v", i, err)
					mu.Lock()
					loginErrs++
					mu.Unlock()
				}
				logins.add(time.Since(t0))
			}()
		}
		gstop := make(chan struct{})
		var gwg sync.WaitGroup
		gwg.Add(1)
		go func() { // 20 guesses a second until the officers are in
			defer gwg.Done()
			tick := time.NewTicker(50 * time.Millisecond)
			defer tick.Stop()
			for n := 0; ; n++ {
				select {
				case <-gstop:
					return
				case <-tick.C:
					_, _ = guesser.Login(ctx, fmt.Sprintf("pg%02d", n%nOfficers), "tebakan")
				}
			}
		}()
		wg.Wait()
		close(gstop)
		gwg.Wait()
		close(stop)
		<-done
		b.ReportMetric(float64(base.pct(0.5).Microseconds())/1000, "base-issue-p50-ms")
		b.ReportMetric(float64(base.pct(0.99).Microseconds())/1000, "base-issue-p99-ms")
		b.ReportMetric(float64(during.pct(0.5).Microseconds())/1000, "login-issue-p50-ms")
		b.ReportMetric(float64(during.pct(0.99).Microseconds())/1000, "login-issue-p99-ms")
		b.ReportMetric(float64(logins.pct(0.99).Microseconds())/1000, "login-p99-ms")
		b.ReportMetric(float64(loginErrs), "login-errors")
	}
}
