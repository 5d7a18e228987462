package central_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"loket/assets"
	"loket/central"
	loketoffice "loket/office"
	"loket/store"
)

// A busy office's year: 250 working days of 600 tickets (150k tickets), six
// or seven events each plus counter sessions: 1M events.
const (
	benchDays          = 250
	benchTicketsPerDay = 600
)

var (
	yearOnce sync.Once
	yearPath string
	yearErr  error
	yearDir  string
)

// yearStore returns a copy of a generated office year (generated once per
// test binary through bulk inserts, then copied per benchmark).
func yearStore(b *testing.B) *office {
	b.Helper()
	yearOnce.Do(func() {
		yearDir, yearErr = os.MkdirTemp("", "loket-bench-")
		if yearErr != nil {
			return
		}
		yearPath, yearErr = generateYear(b, filepath.Join(yearDir, "year.db"))
	})
	if yearErr != nil {
		b.Fatal(yearErr)
	}
	dst := filepath.Join(b.TempDir(), "loket.db")
	data, err := os.ReadFile(yearPath)
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(dst, data, 0o600); err != nil {
		b.Fatal(err)
	}
	st, err := store.Open(dst)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	ctx := context.Background()
	svcs, _ := st.Services(ctx)
	ctrs, _ := st.Counters(ctx)
	offs, _ := st.Officers(ctx)
	officer := offs[0].ID
	for _, of := range offs {
		if of.Username == "cso1" { // the one newOffice opened the counter for
			officer = of.ID
		}
	}
	sess, err := st.OpenCounter(ctx, officer, ctrs[0].ID, []string{svcs[0].ID})
	if err != nil {
		b.Fatal(err)
	}
	return &office{st: st, code: "KPPN019", service: svcs[0], session: sess}
}

func generateYear(b *testing.B, path string) (string, error) {
	start := time.Now()
	o := newOffice(b, "KPPN019")
	day0 := time.Date(2025, 1, 2, 1, 0, 0, 0, time.UTC) // 08:00 WIB
	if err := linkNorm(o); err != nil {
		return "", err
	}
	if err := insertDays(o.st, o.service.ID, day0, benchDays); err != nil {
		return "", err
	}
	if err := o.st.BackupTo(context.Background(), path); err != nil {
		return "", err
	}
	b.Logf("generated a year (%d tickets) in %s", benchDays*benchTicketsPerDay, time.Since(start).Round(time.Millisecond))
	return path, nil
}

// linkNorm imports the default catalog and links the office's service to
// the KPPN consultation standard (a 20-minute norm), so the day figures
// computed before each sync check every ticket against a norm on working
// time, as a real office's do.
func linkNorm(o *office) error {
	ctx := context.Background()
	admin, err := o.st.SaveOfficer(ctx, "", store.Officer{Username: "admin", FullName: "Admin", Role: store.RoleAdmin, Active: true}, "rahasia1")
	if err != nil {
		return err
	}
	l := loketoffice.NewLocal(o.st)
	docs := assets.CatalogDocuments()
	for _, name := range assets.CatalogNames() {
		if _, err := l.ImportCatalog(ctx, admin.ID, name, docs[name]); err != nil {
			var e *store.Error
			if errors.As(err, &e) && e.Code == "invalid" {
				continue
			}
			return err
		}
	}
	cat, err := l.Catalog(ctx)
	if err != nil {
		return err
	}
	for _, e := range cat {
		if strings.Contains(e.Unit, "Pekanbaru") && strings.Contains(e.Name, "Konsultasi") {
			o.service.CatalogRef = e.Key
		}
	}
	if o.service.CatalogRef == "" {
		return fmt.Errorf("no consultation standard in the default catalog")
	}
	o.service, err = o.st.SaveService(ctx, admin.ID, o.service)
	return err
}

// timedPrepare is the office's Prepare hook as cmd/loket wires it (the
// day figures before every sync), logging what it did and how long it took.
func timedPrepare(b *testing.B, st *store.Store) func(ctx context.Context) error {
	l := loketoffice.NewLocal(st)
	return func(ctx context.Context) error {
		start := time.Now()
		res, err := l.RefreshDayFigures(ctx)
		b.Logf("day figures: %d days (%d changed) in %s", res.Days, res.Changed, time.Since(start).Round(time.Millisecond))
		return err
	}
}

// insertDays writes days of busy traffic from day0 straight into the
// store (bulk inserts: the counters' hot path is measured elsewhere):
// per day 100 counter sessions and 600 tickets served to the end, six or
// seven events each.
func insertDays(st *store.Store, serviceID string, day0 time.Time, days int) error {
	ctx := context.Background()
	var officerID, counterID string
	st.DB().QueryRow(`SELECT id FROM officers`).Scan(&officerID)
	st.DB().QueryRow(`SELECT id FROM counters`).Scan(&counterID)
	tx, err := st.DB().BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	tIns, err := tx.Prepare(`INSERT INTO tickets (id, office_code, business_date, prefix, number, service_id, priority, status,
		issued_at, queued_at, called_at, counter_id, officer_id, call_count, served_at, finished_at, updated_at)
		VALUES (?, 'KPPN019', ?, 'A', ?, ?, '', 'done', ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	eIns, err := tx.Prepare(`INSERT INTO events (id, office_code, at, kind, ticket_id, service_id, counter_id, officer_id, data)
		VALUES (?, 'KPPN019', ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	ts := func(t time.Time) string { return t.UTC().Format(store.TimeLayout) }
	ev := func(at time.Time, kind, ticketID, data string) error {
		var tid any
		if ticketID != "" {
			tid = ticketID
		}
		_, err := eIns.Exec("KPPN019-"+uuid.NewString(), ts(at), kind, tid, serviceID, counterID, officerID, data)
		return err
	}
	for d := range days {
		day := day0.AddDate(0, 0, d)
		for c := range 200 { // counter sessions opened and closed
			kind := store.EvCounterOpened
			if c%2 == 1 {
				kind = store.EvCounterClosed
			}
			if err := ev(day.Add(time.Duration(c)*time.Minute), kind, "", `{}`); err != nil {
				return err
			}
		}
		for n := 1; n <= benchTicketsPerDay; n++ {
			id := "KPPN019-" + uuid.NewString()
			issued := day.Add(time.Duration(n) * 40 * time.Second)
			called := issued.Add(time.Duration(n%25) * time.Minute)
			served := called.Add(time.Minute)
			done := served.Add(8 * time.Minute)
			calls := 1
			kinds := []string{store.EvTicketIssued, store.EvTicketCalled, store.EvTicketRecalled, store.EvTicketServing,
				store.EvTicketServing, store.EvTicketDone}
			if n%3 == 0 {
				kinds = append(kinds, store.EvTicketRecalled)
				calls = 2
			}
			if _, err := tIns.Exec(id, day.Format("2006-01-02"), n, serviceID, ts(issued), ts(issued), ts(called),
				counterID, officerID, calls, ts(served), ts(done), ts(done)); err != nil {
				return err
			}
			for i, k := range kinds {
				data := `{}`
				if k == store.EvTicketIssued {
					data = fmt.Sprintf(`{"number":"A%03d","priority":"","service":"Layanan A"}`, n)
				}
				if err := ev(issued.Add(time.Duration(i)*time.Minute), k, id, data); err != nil {
					return err
				}
			}
		}
	}
	return tx.Commit()
}

func benchBackend(b *testing.B) backend {
	if os.Getenv("LOKET_PG_DSN") != "" {
		return backends[1]
	}
	b.Log("PostgreSQL tidak tersedia: benchmark memakai SQLite pusat")
	return backends[0]
}

// BenchmarkSyncYear syncs a busy office's year (150k tickets, 1M events)
// to an empty central store. Target: < 60 s on the local PostgreSQL.
//
// Figures: ns/op, one year's sync; s/year, the same in seconds (the last run's);
// records/s, records sent per second; batches, how many POSTs the year took.
func BenchmarkSyncYear(b *testing.B) {
	ctx := context.Background()
	be := benchBackend(b)
	for range b.N {
		b.StopTimer()
		o := yearStore(b)
		h := newHub(b, be, o.code, nil)
		h.cfg.BatchSize = 5000
		h.cfg.Prepare = timedPrepare(b, o.st)
		events, _ := o.st.LastEventSeq(ctx)
		b.StartTimer()
		start := time.Now()
		run, err := central.Sync(ctx, o.st, h.cfg, store.TrigCLI, nil)
		if err != nil {
			b.Fatal(err)
		}
		el := time.Since(start)
		b.StopTimer()
		n, _ := h.db.Count(ctx, o.code, "events")
		if n != events {
			b.Fatalf("centre has %d events of %d", n, events)
		}
		if n, _ := h.db.Count(ctx, o.code, "day_figures"); n != benchDays || strings.Contains(run.Detail, "angka harian") {
			b.Fatalf("centre has %d day figures of %d (%s)", n, benchDays, run.Detail)
		}
		b.ReportMetric(el.Seconds(), "s/year")
		b.ReportMetric(float64(run.Records)/el.Seconds(), "records/s")
		b.ReportMetric(float64(run.Batches), "batches")
		b.Logf("%s: %d events, %d records in %d batches: %s", be.name, events, run.Records, run.Batches, el.Round(time.Millisecond))
		b.StartTimer()
	}
}

// BenchmarkSyncDay syncs one busy day (600 tickets, ~4k events) on top of
// a year already at the centre. Target: < 2 s.
//
// Figures: ns/op and s/day, one day's sync (the mean over the runs).
func BenchmarkSyncDay(b *testing.B) {
	ctx := context.Background()
	be := benchBackend(b)
	o := yearStore(b)
	h := newHub(b, be, o.code, nil)
	h.cfg.BatchSize = 5000
	h.cfg.Prepare = timedPrepare(b, o.st)
	if _, err := central.Sync(ctx, o.st, h.cfg, store.TrigCLI, nil); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	var total time.Duration
	next := time.Date(2026, 1, 5, 1, 0, 0, 0, time.UTC)
	for i := range b.N {
		b.StopTimer()
		before, _ := o.st.LastEventSeq(ctx)
		if err := insertDays(o.st, o.service.ID, next.AddDate(0, 0, i), 1); err != nil {
			b.Fatal(err)
		}
		o.traffic(b, 5) // and a few through the store's own write path
		after, _ := o.st.LastEventSeq(ctx)
		b.StartTimer()
		start := time.Now()
		run, err := central.Sync(ctx, o.st, h.cfg, store.TrigCLI, nil)
		if err != nil {
			b.Fatal(err)
		}
		el := time.Since(start)
		total += el
		b.StopTimer()
		if n, _ := h.db.Count(ctx, o.code, "events"); n != after {
			b.Fatalf("centre has %d events of %d", n, after)
		}
		b.Logf("%s: a day of %d events, %d records in %d batches: %s", be.name, after-before, run.Records, run.Batches,
			el.Round(time.Millisecond))
		b.StartTimer()
	}
	b.ReportMetric(total.Seconds()/float64(b.N), "s/day")
}
