package web_test

import (
	"bufio"
	"context"
	"crypto/tls"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"loket/hub"
	"loket/office"
	"loket/store"
)

// BenchmarkPhonesWatching measures what phones following their tickets on
// /t/<code>/events cost the counters: a counter PC paired with the hub
// calls the next ticket over the LAN API (CallNext, then StartServing, as
// an officer does), with 0 and with 300 phones watching tickets of the
// same service, whose positions change at every call.
//
//	p50_ms, p99_ms: one CallNext round trip at the counter.
//	states/call: state messages the phones received per call (0 without
//	phones; proves the phones were live and pushed to).
func BenchmarkPhonesWatching(b *testing.B) {
	for _, phones := range []int{0, 300} {
		b.Run(fmt.Sprintf("phones=%d", phones), func(b *testing.B) { benchPhones(b, phones) })
	}
}

func benchPhones(b *testing.B, phones int) {
	o := newTestOffice(b)
	o.srv.Web().SetLimits(1_000_000, 0, 10_000) // every phone comes from 127.0.0.1 here
	ctx := context.Background()
	calls := b.N
	// The counter's tickets first, then the phones' (behind them, so
	// every call moves every phone one place up).
	for range calls {
		o.issue(b, "A")
	}
	watched := make([]store.Ticket, phones)
	for i := range watched {
		watched[i] = o.issue(b, "A")
	}

	// The counter PC: paired over TLS, officer logged in, counter open.
	addr := strings.TrimPrefix(o.base, "https://")
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	cfg, err := hub.Pair(pctx, addr, "Loket 1", func(p hub.PairInfo) {
		if _, err := o.srv.ApprovePairing(p.Code); err != nil {
			b.Error(err)
		}
	}, hub.PairOptions{Poll: 5 * time.Millisecond})
	cancel()
	if err != nil {
		b.Fatal(err)
	}
	cl, err := hub.NewClient(cfg, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer cl.Close()
	if _, err := cl.Login(ctx, "fo1", office.DemoPassword); err != nil {
		b.Fatal(err)
	}
	sess, err := cl.OpenCounter(ctx, o.offs["fo1"].ID, o.ctrs[0].ID, []string{o.svcs["A"].ID})
	if err != nil {
		b.Fatal(err)
	}

	// The phones: one HTTP/1.1 connection each, as separate phones have.
	var states atomic.Int64
	tr := &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true},
		TLSNextProto: map[string]func(string, *tls.Conn) http.RoundTripper{}, MaxIdleConnsPerHost: phones + 1}
	defer tr.CloseIdleConnections()
	hc := &http.Client{Transport: tr}
	sctx, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	ready := make(chan struct{}, phones)
	for _, t := range watched {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequestWithContext(sctx, http.MethodGet, o.base+"/t/"+t.PhoneCode+"/events", nil)
			resp, err := hc.Do(req)
			if err != nil {
				ready <- struct{}{}
				return
			}
			defer resp.Body.Close()
			sc := bufio.NewScanner(resp.Body)
			first := true
			for sc.Scan() {
				if strings.HasPrefix(sc.Text(), "event: state") {
					if first {
						first = false
						ready <- struct{}{}
						continue
					}
					states.Add(1)
				}
			}
		}()
	}
	for range phones {
		<-ready
	}
	defer func() { stop(); wg.Wait() }()

	lat := make([]time.Duration, 0, calls)
	b.ResetTimer()
	for range calls {
		t0 := time.Now()
		tk, err := cl.CallNext(ctx, sess.ID)
		lat = append(lat, time.Since(t0))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := cl.StartServing(ctx, sess.ID, tk.ID); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	time.Sleep(500 * time.Millisecond) // the last push after the last call
	slices.Sort(lat)
	pct := func(p float64) time.Duration { return lat[min(len(lat)-1, int(float64(len(lat))*p))] }
	b.ReportMetric(float64(pct(0.50).Microseconds())/1000, "p50_ms")
	b.ReportMetric(float64(pct(0.99).Microseconds())/1000, "p99_ms")
	b.ReportMetric(float64(states.Load())/float64(calls), "states/call")
	if phones > 0 && calls >= 50 && states.Load() == 0 {
		b.Fatal("the phones received no state after the calls")
	}
}
