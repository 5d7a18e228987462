package central_test

import (
	"bytes"
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"loket/central"
	"loket/store"
)

// nightOffices is the number of offices of the national night: about 185
// KPPN and the other units, planned as 300.
const nightOffices = 300

// BenchmarkCentreNight300 is the centre's night at national scale: 300
// offices each send a busy day (600 tickets, about 4,000 events, with
// their master data) to one loket-pusat process on PostgreSQL, each
// starting at its own place in the spread window (SyncDelay, the hour
// compressed to a minute), two batches in flight per office as the real
// client keeps. Reported: time to drain (first batch sent to last
// acknowledged), p99 of a batch's request time, and the loket-pusat
// process's peak RSS (VmHWM). Targets: all 300 in under 10 minutes, RSS
// under 500 MB.
//
// Figures: ns/op, the whole night with its set-up; s-drain, first batch sent to last
// acknowledged; ms-p99-batch, 99th percentile of one batch's request; MB-centre-rss, loket-pusat's VmHWM.
func BenchmarkCentreNight300(b *testing.B) {
	if os.Getenv("LOKET_PG_DSN") == "" {
		b.Fatal("PostgreSQL tidak tersedia: benchmark ini memerlukan LOKET_PG_DSN (make bench memulainya)")
	}
	ctx := context.Background()
	// One office's busy day, read as the sync reads it.
	o := newOffice(b, "KPPN019") // the office insertDays writes for
	if err := insertDays(o.st, o.service.ID, time.Date(2026, 12, 1, 1, 0, 0, 0, time.UTC), 1); err != nil {
		b.Fatal(err)
	}
	lin, _ := o.st.Lineage(ctx)
	var chunks []store.SyncChunk
	for after := int64(0); ; {
		c, err := o.st.SyncChunk(ctx, after, 5000)
		if err != nil {
			b.Fatal(err)
		}
		if c.Events == 0 {
			break
		}
		chunks = append(chunks, c)
		after = c.To
	}
	events, _ := o.st.LastEventSeq(ctx)
	// Every office's batches, encoded before the clock starts: the offices
	// are other machines.
	codes := make([]string, nightOffices)
	bodies := make([][][]byte, nightOffices)
	for i := range codes {
		codes[i] = fmt.Sprintf("K%06d", i+1)
		for _, c := range chunks {
			var buf bytes.Buffer
			if err := central.EncodeBatch(&buf, &central.Batch{ID: uuid.NewString(), Office: codes[i], After: c.After, To: c.To,
				Records: c.Records, Lineage: &lin}); err != nil {
				b.Fatal(err)
			}
			bodies[i] = append(bodies[i], buf.Bytes())
		}
	}

	dsn := pgDSN(b)
	db := openDB(b, dsn)
	defer db.Close()
	tokens := make([]string, nightOffices)
	for i, c := range codes {
		tok, hash, _ := central.NewToken()
		if err := db.AddOffice(ctx, c, c, hash); err != nil {
			b.Fatal(err)
		}
		tokens[i] = tok
	}
	addr, pid, stop := startPusat(b, dsn)
	defer stop()
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}, // loopback bench
		MaxIdleConnsPerHost: 64}}

	b.ResetTimer()
	var mu sync.Mutex
	var lat []time.Duration
	var drain time.Duration
	retries := 0
	for range b.N {
		start := time.Now()
		var wg sync.WaitGroup
		for i := range codes {
			wg.Add(1)
			go func() {
				defer wg.Done()
				// The hour of SyncDelay, compressed to a minute.
				time.Sleep(central.SyncDelay(codes[i], 60) / 60)
				var inner sync.WaitGroup
				window := make(chan struct{}, 2)
				for _, body := range bodies[i] {
					window <- struct{}{}
					inner.Add(1)
					go func() {
						defer inner.Done()
						defer func() { <-window }()
						for {
							t0 := time.Now()
							req, _ := http.NewRequest(http.MethodPost, "https://"+addr+"/v1/offices/"+codes[i]+"/batches",
								bytes.NewReader(body))
							req.Header.Set("Authorization", "Bearer "+tokens[i])
							req.Header.Set("Content-Encoding", "gzip")
							resp, err := client.Do(req)
							if err != nil {
								b.Error(err)
								return
							}
							resp.Body.Close()
							d := time.Since(t0)
							mu.Lock()
							if resp.StatusCode == http.StatusOK {
								lat = append(lat, d)
								drain = max(drain, time.Since(start))
								mu.Unlock()
								return
							}
							retries++
							mu.Unlock()
							if resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode != http.StatusConflict {
								b.Errorf("office %s: %s", codes[i], resp.Status)
								return
							}
							time.Sleep(200 * time.Millisecond)
						}
					}()
				}
				inner.Wait()
			}()
		}
		wg.Wait()
	}
	b.StopTimer()
	for _, c := range []string{codes[0], codes[nightOffices-1]} {
		if n, _ := db.Count(ctx, c, "events"); n != events {
			b.Fatalf("office %s: centre holds %d events of %d", c, n, events)
		}
	}
	slices.Sort(lat)
	p99 := lat[len(lat)*99/100]
	rss := vmHWM(b, pid)
	b.ReportMetric(drain.Seconds(), "s-drain")
	b.ReportMetric(float64(p99.Milliseconds()), "ms-p99-batch")
	b.ReportMetric(float64(rss>>20), "MB-centre-rss")
	b.Logf("%d offices, %d batches (%d events each office), drain %s, batch p50 %s p99 %s, %d retries, loket-pusat VmHWM %d MB",
		nightOffices, len(lat), events, drain.Round(time.Millisecond), lat[len(lat)/2].Round(time.Millisecond),
		p99.Round(time.Millisecond), retries, rss>>20)
	if drain > 10*time.Minute || rss > 500<<20 {
		b.Errorf("targets: drain %s (< 10 min), centre RSS %d MB (< 500 MB)", drain, rss>>20)
	}
}

// BenchmarkCrossOfficeReportMonth reads a month's cross-office report at
// 300 offices (22 working days: 6,600 office days) from the summary
// report_days, as the centre keeps it. Target: under 2 s.
//
// Figure: ns/op, one month's cross-office report read.
func BenchmarkCrossOfficeReportMonth(b *testing.B) {
	if os.Getenv("LOKET_PG_DSN") == "" {
		b.Fatal("PostgreSQL tidak tersedia: benchmark ini memerlukan LOKET_PG_DSN (make bench memulainya)")
	}
	ctx := context.Background()
	dsn := pgDSN(b)
	db := openDB(b, dsn)
	defer db.Close()
	// Five years of summary rows of 300 offices (what five years of
	// nights leave), so the month is read among them.
	pool := pgPool(b, dsn)
	if _, err := pool.Exec(ctx, `INSERT INTO report_days (day, office, issued, served, called, wait_under_15, norm_known, norm_met,
			sla_percent, sla_basis, ikm)
		SELECT to_char(d, 'YYYY-MM-DD'), 'K' || lpad(o::text, 6, '0'), 600, 580, 590, 500, 560, 520, 92.8, $1, 88.5
		FROM generate_series(DATE '2022-01-03', DATE '2026-12-31', interval '1 day') d, generate_series(1, $2) o
		WHERE extract(isodow FROM d) < 6`, central.SLABasisNorm, nightOffices); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	var rows []central.ReportRow
	for range b.N {
		var err error
		rows, err = db.Report(ctx, "2026-11-01", "2026-11-30")
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if len(rows) != nightOffices*21 { // November 2026 has 21 weekdays
		b.Fatalf("%d rows", len(rows))
	}
}

// startPusat builds and starts loket-pusat on a free loopback port over
// dsn, and returns its address, pid and a stop function.
func startPusat(b *testing.B, dsn string) (string, int, func()) {
	b.Helper()
	dir := b.TempDir()
	bin := filepath.Join(dir, "loket-pusat")
	if out, err := exec.Command("go", "build", "-o", bin, "loket/cmd/loket-pusat").CombinedOutput(); err != nil {
		b.Fatalf("build loket-pusat: %v\n%s", err, out)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	cmd := exec.Command(bin, "serve", "--addr", addr, "--data", dir, "--db", dsn, "--host", "127.0.0.1")
	cmd.Stdout, cmd.Stderr = nil, nil
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	for i := 0; ; i++ {
		c, err := net.Dial("tcp", addr)
		if err == nil {
			c.Close()
			break
		}
		if i > 100 {
			cmd.Process.Kill()
			b.Fatal("loket-pusat did not start")
		}
		time.Sleep(50 * time.Millisecond)
	}
	return addr, cmd.Process.Pid, func() { cmd.Process.Signal(os.Interrupt); cmd.Wait() }
}

// vmHWM is a process's peak resident set, from /proc.
func vmHWM(b *testing.B, pid int) int64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		b.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb << 10
		}
	}
	b.Fatal("no VmHWM")
	return 0
}
