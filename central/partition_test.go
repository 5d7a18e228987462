package central_test

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"loket/central"
	"loket/store"
)

// On PostgreSQL the records are partitioned by month and the report reads
// a summary kept as batches land: after syncs with tickets, day figures
// and survey answers of several days, the summary equals the report
// computed from the records, and each month's rows sit in its partition.
func TestSummaryMatchesRecordsAndMonthsArePartitioned(t *testing.T) {
	ctx := context.Background()
	pg := backends[1]
	o := newOffice(t, "KPPN050")
	h := newHub(t, pg, o.code, nil)
	days := []time.Time{
		time.Date(2026, 11, 30, 2, 0, 0, 0, time.UTC),
		time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC),
		time.Date(2026, 12, 2, 2, 0, 0, 0, time.UTC),
	}
	for i, d := range days {
		now := d
		o.st.Now = func() time.Time { now = now.Add(time.Second); return now }
		o.traffic(t, 3+i)
		tk, err := o.st.IssueTicket(ctx, o.service.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		if i == 1 { // a survey answer on the middle day
			called, err := o.st.CallNext(ctx, o.session.ID, func([]store.Ticket, []bool, time.Time) int { return 0 })
			if err != nil {
				t.Fatal(err)
			}
			if _, err := o.st.Finish(ctx, o.session.ID, called.ID); err != nil {
				t.Fatal(err)
			}
			if _, err := o.st.SubmitSurvey(ctx, store.SurveyAnswer{TicketID: tk.ID, Scores: [9]int{4, 3, 4, 4, 3, 4, 4, 4, 3}}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := o.st.SaveDayFigures(ctx, []store.DayFigures{{Date: d.Format("2006-01-02"), Issued: 4 + i, Served: 3 + i,
			NormKnown: 2, NormMet: 1 + i%2}}); err != nil {
			t.Fatal(err)
		}
		if _, err := central.Sync(ctx, o.st, h.cfg, store.TrigCLI, nil); err != nil {
			t.Fatal(err)
		}
	}
	got, err := h.db.Report(ctx, "2026-11-01", "2026-12-31")
	if err != nil {
		t.Fatal(err)
	}
	live, err := central.ReportLive(ctx, h.db, "2026-11-01", "2026-12-31")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || !reflect.DeepEqual(got, live) {
		a, _ := json.Marshal(got)
		b, _ := json.Marshal(live)
		t.Fatalf("summary %s\nrecords %s", a, b)
	}
	if got[1].IKM == nil || got[0].SLABasis != central.SLABasisNorm {
		t.Errorf("summary rows %+v", got)
	}

	pool, err := pgxpool.New(ctx, h.dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	counts := map[string]int{}
	rows, err := pool.Query(ctx, `SELECT tableoid::regclass::text, count(*) FROM records WHERE tbl = 'tickets' GROUP BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var part string
		var n int
		rows.Scan(&part, &n)
		counts[part] = n
	}
	rows.Close()
	if counts["records_2026_11"] != 4 || counts["records_2026_12"] != 11 || len(counts) != 2 {
		t.Errorf("tickets by partition %v, want 4 in records_2026_11 and 11 in records_2026_12", counts)
	}
}

// A centre whose records table predates partitioning is migrated at start:
// the same records, now partitioned, and the report summary filled.
func TestUnpartitionedRecordsAreMigrated(t *testing.T) {
	ctx := context.Background()
	dsn := backends[1].dsn(t)
	pool, err := pgxpool.New(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	for _, q := range []string{
		`CREATE TABLE offices (code text PRIMARY KEY, name text NOT NULL DEFAULT '', created_at timestamptz NOT NULL DEFAULT now())`,
		`INSERT INTO offices (code) VALUES ('KPPN060')`,
		`CREATE TABLE records (office text NOT NULL, tbl text NOT NULL, id text NOT NULL, version bigint NOT NULL,
			updated_at text NOT NULL DEFAULT '', data jsonb NOT NULL, received_at timestamptz NOT NULL DEFAULT now(),
			PRIMARY KEY (office, tbl, id))`,
		`CREATE INDEX records_ticket_day ON records (office, (data->>'business_date')) WHERE tbl = 'tickets'`,
		`INSERT INTO records (office, tbl, id, version, data) VALUES
			('KPPN060', 'tickets', 't1', 3, '{"business_date":"2025-06-02","status":"done","queued_at":"2025-06-02T01:00:00Z","called_at":"2025-06-02T01:05:00Z"}'),
			('KPPN060', 'tickets', 't2', 4, '{"business_date":"2025-07-01","status":"waiting","queued_at":"2025-07-01T01:00:00Z"}'),
			('KPPN060', 'services', 's1', 1, '{"name":"Layanan A"}')`,
	} {
		if _, err := pool.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	db := openDB(t, dsn)
	defer db.Close()
	var kind string
	pool.QueryRow(ctx, `SELECT relkind::text FROM pg_class WHERE oid = to_regclass('records')`).Scan(&kind)
	if kind != "p" {
		t.Fatalf("records relkind %q, want p (partitioned)", kind)
	}
	for _, id := range []string{"t1", "t2"} {
		if _, err := db.Record(ctx, "KPPN060", "tickets", id); err != nil {
			t.Errorf("ticket %s after migration: %v", id, err)
		}
	}
	if n, _ := db.Count(ctx, "KPPN060", "services"); n != 1 {
		t.Errorf("%d services after migration", n)
	}
	rep, err := db.Report(ctx, "2025-01-01", "2025-12-31")
	if err != nil {
		t.Fatal(err)
	}
	if len(rep) != 2 || rep[0].Issued != 1 || rep[0].Served != 1 || rep[0].Called != 1 || rep[0].WaitUnder15 != 1 || rep[1].Date != "2025-07-01" {
		t.Errorf("report after migration %+v", rep)
	}
	// Opening again changes nothing.
	db2 := openDB(t, dsn)
	db2.Close()
}
