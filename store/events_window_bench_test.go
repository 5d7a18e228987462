package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkEventsOfOneDay: one day's events out of a year's log (250 days
// of 2,000 events, 500,000 rows), by scanning at (EventsBetween) and by the
// seq search of EventsInWindow, which the fairness sheet uses.
func BenchmarkEventsOfOneDay(b *testing.B) {
	st, err := Open(filepath.Join(b.TempDir(), "loket.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	t0 := time.Date(2025, 11, 24, 1, 0, 0, 0, time.UTC)
	tx, err := st.db.BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	ins, err := tx.PrepareContext(ctx, `INSERT INTO events (id, office_code, at, kind, ticket_id, data) VALUES (?, 'K', ?, 'ticket.issued', ?, '{"number":"A001"}')`)
	if err != nil {
		b.Fatal(err)
	}
	const days, perDay = 250, 2000
	for d := 0; d < days; d++ {
		for i := 0; i < perDay; i++ {
			at := t0.AddDate(0, 0, d).Add(time.Duration(i) * 15 * time.Second)
			if _, err := ins.ExecContext(ctx, fmt.Sprint(d, "-", i), formatTime(at), fmt.Sprint("t", d, "-", i)); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	from := t0.AddDate(0, 0, 200).Add(-time.Hour)
	to := from.Add(24 * time.Hour)
	for _, c := range []struct {
		name string
		f    func(context.Context, time.Time, time.Time) ([]Event, error)
	}{{"scan", st.EventsBetween}, {"window", st.EventsInWindow}} {
		b.Run(c.name, func(b *testing.B) {
			for range b.N {
				evs, err := c.f(ctx, from, to)
				if err != nil || len(evs) != perDay {
					b.Fatalf("%d events, %v", len(evs), err)
				}
			}
		})
	}
}
