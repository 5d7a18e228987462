package central

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"loket/store"
)

// pgSchema is idempotent: run at every start. Records of every table live
// in one table keyed by (office, table, id), the row as JSONB.
const pgSchema = `
CREATE TABLE IF NOT EXISTS offices (
    code       text PRIMARY KEY,
    name       text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS tokens (
    hash       text PRIMARY KEY,
    office     text NOT NULL DEFAULT '',
    role       text NOT NULL CHECK (role IN ('office', 'report')),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS positions (
    office     text PRIMARY KEY REFERENCES offices(code),
    event_seq  bigint NOT NULL DEFAULT 0,
    batches    bigint NOT NULL DEFAULT 0,
    records    bigint NOT NULL DEFAULT 0,
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS batches (
    office      text NOT NULL,
    id          text NOT NULL,
    after_seq   bigint NOT NULL,
    to_seq      bigint NOT NULL,
    records     integer NOT NULL,
    applied     integer NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (office, id)
);
CREATE TABLE IF NOT EXISTS lineages (
    office     text NOT NULL REFERENCES offices(code),
    id         text NOT NULL,
    parent     text NOT NULL DEFAULT '',
    fork_seq   bigint NOT NULL DEFAULT 0,
    generation bigint NOT NULL DEFAULT 0,
    event_seq  bigint NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (office, id)
);
CREATE TABLE IF NOT EXISTS quarantine (
    office      text NOT NULL,
    tbl         text NOT NULL,
    id          text NOT NULL,
    version     bigint NOT NULL,
    reason      text NOT NULL,
    data        text NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (office, tbl, id, version)
);
CREATE TABLE IF NOT EXISTS report_days (
    day           text NOT NULL,
    office        text NOT NULL,
    issued        integer NOT NULL DEFAULT 0,
    served        integer NOT NULL DEFAULT 0,
    called        integer NOT NULL DEFAULT 0,
    wait_under_15 integer NOT NULL DEFAULT 0,
    norm_known    integer NOT NULL DEFAULT 0,
    norm_met      integer NOT NULL DEFAULT 0,
    sla_percent   double precision,
    sla_basis     text NOT NULL DEFAULT '',
    ikm           double precision,
    computed_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (day, office)
);
-- The Zona Integritas indices (a centre of an older version has the table
-- without them; its days get them as their next batches land).
ALTER TABLE report_days ADD COLUMN IF NOT EXISTS ipk double precision;
ALTER TABLE report_days ADD COLUMN IF NOT EXISTS ipak double precision;
CREATE TABLE IF NOT EXISTS updates (
    version    bigserial PRIMARY KEY,
    kind       text NOT NULL,
    name       text NOT NULL DEFAULT '',
    sha256     text NOT NULL,
    content    bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);`

// pgRecords is the records table: every office's synced rows, keyed by
// (office, table, id), partitioned by month (declarative range
// partitioning on the month column). The month comes from the row's own
// time by loket_month: a ticket's business date, an event's time, a survey
// answer's, a receipt's or a note's creation; rows without one (services,
// settings, visitors ...) go to records_master. A row's month never
// changes (those times are written once), so its key stays in one
// partition. A month's partition is made the first time a row of it
// arrives (ensurePartitions). Old months can then be detached, archived
// or dropped as whole tables, and a report of a month reads that month.
const pgRecords = `
CREATE OR REPLACE FUNCTION loket_month(tbl text, data jsonb) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$
  SELECT CASE WHEN v ~ '^(19|20|21)[0-9]{2}-(0[1-9]|1[0-2])'
              THEN make_date(substr(v, 1, 4)::int, substr(v, 6, 2)::int, 1)
              ELSE DATE '1970-01-01' END
  FROM (SELECT CASE tbl
      WHEN 'tickets' THEN data->>'business_date'
      WHEN 'day_figures' THEN data->>'business_date'
      WHEN 'events' THEN data->>'at'
      WHEN 'survey_answers' THEN data->>'answered_at'
      WHEN 'receipts' THEN data->>'created_at'
      WHEN 'consultation_notes' THEN data->>'created_at'
      END AS v) s
$f$;
CREATE TABLE IF NOT EXISTS records (
    office      text NOT NULL,
    tbl         text NOT NULL,
    id          text NOT NULL,
    month       date NOT NULL,
    version     bigint NOT NULL,
    updated_at  text NOT NULL DEFAULT '',
    data        jsonb NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (office, tbl, id, month)
) PARTITION BY RANGE (month);
CREATE TABLE IF NOT EXISTS records_master PARTITION OF records FOR VALUES FROM (MINVALUE) TO ('1971-01-01');
CREATE INDEX IF NOT EXISTS records_ticket_day ON records (office, (data->>'business_date')) WHERE tbl = 'tickets';
CREATE INDEX IF NOT EXISTS records_day_figures ON records (id) WHERE tbl = 'day_figures';
CREATE INDEX IF NOT EXISTS records_survey_at ON records (office, (data->>'answered_at')) WHERE tbl = 'survey_answers';`

// Postgres is the central store on PostgreSQL through a pgx pool.
type Postgres struct {
	pool *pgxpool.Pool
}

// OpenPostgres connects to PostgreSQL and creates the schema if needed.
// Run-time parameters such as search_path may ride in the DSN.
func OpenPostgres(ctx context.Context, dsn string) (*Postgres, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("central: postgres: %w", err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("central: postgres: %w", err)
	}
	p := &Postgres{pool: pool}
	if err := p.migrate(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("central: postgres schema: %w", err)
	}
	return p, nil
}

// migrate creates the schema, and once turns a records table of an older
// loket-pusat (one table, no partitions) into the partitioned one, in one
// transaction, and fills the report summary from it.
func (p *Postgres) migrate(ctx context.Context) error {
	if _, err := p.pool.Exec(ctx, pgSchema); err != nil {
		return err
	}
	if _, err := p.pool.Exec(ctx, pgBookingSchema); err != nil {
		return err
	}
	var kind string
	err := p.pool.QueryRow(ctx, `SELECT relkind::text FROM pg_class WHERE oid = to_regclass('records')`).Scan(&kind)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return err
	}
	if kind != "r" {
		_, err := p.pool.Exec(ctx, pgRecords)
		return err
	}
	return pgx.BeginFunc(ctx, p.pool, func(tx pgx.Tx) error {
		for _, q := range []string{
			`ALTER TABLE records RENAME TO records_unpartitioned`,
			`DROP INDEX IF EXISTS records_ticket_day`,
			`DROP INDEX IF EXISTS records_day_figures`,
			pgRecords,
		} {
			if _, err := tx.Exec(ctx, q); err != nil {
				return err
			}
		}
		if err := createPartitions(ctx, tx, `SELECT DISTINCT loket_month(tbl, data) FROM records_unpartitioned`); err != nil {
			return err
		}
		for _, q := range []string{
			`INSERT INTO records (office, tbl, id, month, version, updated_at, data, received_at)
				SELECT office, tbl, id, loket_month(tbl, data), version, updated_at, data, received_at FROM records_unpartitioned`,
			`DROP TABLE records_unpartitioned`,
		} {
			if _, err := tx.Exec(ctx, q); err != nil {
				return err
			}
		}
		var offices []string
		rows, err := tx.Query(ctx, `SELECT code FROM offices`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var c string
			rows.Scan(&c)
			offices = append(offices, c)
		}
		rows.Close()
		for _, o := range offices {
			if err := p.summarise(ctx, tx, o, "0001-01-01", "9999-12-31"); err != nil {
				return err
			}
		}
		return nil
	})
}

// createPartitions makes the month partitions of records for the months
// the query lists (first days of months), under a lock so that two
// batches arriving with a new month do not both make it.
func createPartitions(ctx context.Context, tx pgx.Tx, months string, args ...any) error {
	rows, err := tx.Query(ctx, months, args...)
	if err != nil {
		return err
	}
	var list []time.Time
	for rows.Next() {
		var m time.Time
		if err := rows.Scan(&m); err != nil {
			rows.Close()
			return err
		}
		list = append(list, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(7203101)`); err != nil {
		return err
	}
	for _, m := range list {
		if m.Year() < 1971 {
			continue // records_master
		}
		name := fmt.Sprintf("records_%04d_%02d", m.Year(), int(m.Month()))
		q := fmt.Sprintf(`CREATE TABLE IF NOT EXISTS %s PARTITION OF records FOR VALUES FROM ('%s') TO ('%s')`,
			name, m.Format("2006-01-02"), m.AddDate(0, 1, 0).Format("2006-01-02"))
		if _, err := tx.Exec(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// ensurePartitions makes the month partitions that the records of a batch
// need (run in its own transaction before the batch, the first time a
// month appears).
func (p *Postgres) ensurePartitions(ctx context.Context, recs []store.SyncRecord) error {
	recs, _ = screen(recs)
	const q = `SELECT DISTINCT loket_month(t, d::jsonb) FROM unnest($1::text[], $2::text[]) AS x(t, d)`
	args := func(recs []store.SyncRecord) []any {
		tbls := make([]string, len(recs))
		datas := make([]string, len(recs))
		for i, r := range recs {
			tbls[i], datas[i] = r.Table, string(r.Data)
		}
		return []any{tbls, datas}
	}
	err := pgx.BeginFunc(ctx, p.pool, func(tx pgx.Tx) error { return createPartitions(ctx, tx, q, args(recs)...) })
	var pe *pgconn.PgError
	if err == nil || !errors.As(err, &pe) || !strings.HasPrefix(pe.Code, "22") {
		return err
	}
	// A record PostgreSQL cannot read (it will be quarantined): the
	// months of the others, one by one.
	for _, r := range recs {
		err := pgx.BeginFunc(ctx, p.pool, func(tx pgx.Tx) error {
			return createPartitions(ctx, tx, q, args([]store.SyncRecord{r})...)
		})
		if err != nil && (!errors.As(err, &pe) || !strings.HasPrefix(pe.Code, "22")) {
			return err
		}
	}
	return nil
}

// Close closes the pool.
func (p *Postgres) Close() error { p.pool.Close(); return nil }

// AddOffice implements DB.
func (p *Postgres) AddOffice(ctx context.Context, code, name, tokenHash string) error {
	return pgx.BeginFunc(ctx, p.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO offices (code, name) VALUES ($1, $2)`, code, name); err != nil {
			var pe *pgconn.PgError
			if errors.As(err, &pe) && pe.Code == "23505" {
				return ErrOfficeExists
			}
			return fmt.Errorf("central: add office: %w", err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO positions (office) VALUES ($1)`, code); err != nil {
			return fmt.Errorf("central: add office: %w", err)
		}
		_, err := tx.Exec(ctx, `INSERT INTO tokens (hash, office, role) VALUES ($1, $2, 'office')`, tokenHash, code)
		return err
	})
}

// SetToken implements DB.
func (p *Postgres) SetToken(ctx context.Context, office, role, tokenHash string) error {
	return pgx.BeginFunc(ctx, p.pool, func(tx pgx.Tx) error {
		if role == RoleOffice {
			var n int
			if err := tx.QueryRow(ctx, `SELECT count(*) FROM offices WHERE code = $1`, office).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return ErrUnknownOffice
			}
			if _, err := tx.Exec(ctx, `DELETE FROM tokens WHERE office = $1 AND role = 'office'`, office); err != nil {
				return err
			}
		}
		_, err := tx.Exec(ctx, `INSERT INTO tokens (hash, office, role) VALUES ($1, $2, $3)`, tokenHash, office, role)
		return err
	})
}

// Token implements DB.
func (p *Postgres) Token(ctx context.Context, tokenHash string) (string, string, error) {
	var office, role string
	err := p.pool.QueryRow(ctx, `SELECT office, role FROM tokens WHERE hash = $1`, tokenHash).Scan(&office, &role)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", "", ErrUnauthorized
	}
	return office, role, err
}

// Offices implements DB.
func (p *Postgres) Offices(ctx context.Context) ([]OfficeInfo, error) {
	rows, err := p.pool.Query(ctx, `SELECT o.code, o.name, p.event_seq, p.batches, p.records, p.updated_at
		FROM offices o JOIN positions p ON p.office = o.code ORDER BY o.code`)
	if err != nil {
		return nil, fmt.Errorf("central: offices: %w", err)
	}
	defer rows.Close()
	var out []OfficeInfo
	for rows.Next() {
		var o OfficeInfo
		if err := rows.Scan(&o.Code, &o.Name, &o.Position.EventSeq, &o.Position.Batches, &o.Position.Records,
			&o.Position.UpdatedAt); err != nil {
			return nil, err
		}
		o.Position.Office = o.Code
		out = append(out, o)
	}
	return out, rows.Err()
}

// Apply implements DB: one transaction, the office's position row locked
// so two syncs of one office never interleave. A batch with a row of a
// month that has no partition yet makes it, then is applied again.
func (p *Postgres) Apply(ctx context.Context, b *Batch) (Ack, error) {
	ack, err := p.apply(ctx, b)
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "23514" { // no partition of relation "records" found for row
		if err := p.ensurePartitions(ctx, b.Records); err != nil {
			return ack, fmt.Errorf("central: partitions: %w", err)
		}
		ack, err = p.apply(ctx, b)
	}
	return ack, err
}

func (p *Postgres) apply(ctx context.Context, b *Batch) (Ack, error) {
	ack := Ack{Office: b.Office}
	all := dedupe(b.Records)
	err := pgx.BeginFunc(ctx, p.pool, func(tx pgx.Tx) error {
		// No wait for the WAL flush: a batch lost in a crash of the
		// centre leaves its mark lower, and every office resumes from the
		// lower of both marks, so it is sent again.
		if _, err := tx.Exec(ctx, `SET LOCAL synchronous_commit = off`); err != nil {
			return err
		}
		var hwm int64
		err := tx.QueryRow(ctx, `SELECT event_seq FROM positions WHERE office = $1 FOR UPDATE`, b.Office).Scan(&hwm)
		if errors.Is(err, pgx.ErrNoRows) {
			return ErrUnknownOffice
		}
		if err != nil {
			return err
		}
		if b.Lineage != nil {
			m, isNew, err := lineageMark(ctx, b.Lineage, hwm, p.mark(tx, b.Office))
			if err != nil {
				return err
			}
			if isNew {
				l := b.Lineage
				if _, err := tx.Exec(ctx, `INSERT INTO lineages (office, id, parent, fork_seq, generation, event_seq)
					VALUES ($1, $2, $3, $4, $5, $6)`, b.Office, l.ID, l.Parent, l.ForkSeq, l.Generation, m); err != nil {
					return err
				}
			}
			hwm = m
		}
		ack.EventSeq = hwm
		var seen int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM batches WHERE office = $1 AND id = $2`, b.Office, b.ID).Scan(&seen); err != nil {
			return err
		}
		if seen > 0 {
			ack.Replay = true
			return nil
		}
		if b.After > hwm {
			return &GapError{EventSeq: hwm}
		}
		applied := 0
		if b.To > hwm {
			recs, bad := screen(all)
			n, rejected, err := p.upsert(ctx, tx, b.Office, recs)
			if err != nil {
				return err
			}
			bad = append(bad, rejected...)
			if err := p.quarantine(ctx, tx, b.Office, all, bad); err != nil {
				return err
			}
			if from, to, ok := reportSpan(recs); ok {
				if err := p.summarise(ctx, tx, b.Office, from, to); err != nil {
					return err
				}
			}
			applied, hwm, ack.Quarantined = n, b.To, bad
		} else {
			ack.Replay = true
		}
		if _, err := tx.Exec(ctx, `UPDATE positions SET event_seq = $2, batches = batches + 1, records = records + $3,
			updated_at = now() WHERE office = $1`, b.Office, hwm, applied); err != nil {
			return err
		}
		if b.Lineage != nil {
			if _, err := tx.Exec(ctx, `UPDATE lineages SET event_seq = $3, updated_at = now() WHERE office = $1 AND id = $2`,
				b.Office, b.Lineage.ID, hwm); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(ctx, `INSERT INTO batches (office, id, after_seq, to_seq, records, applied)
			VALUES ($1, $2, $3, $4, $5, $6)`, b.Office, b.ID, b.After, b.To, len(b.Records), applied); err != nil {
			return err
		}
		// Batch ids serve to recognise a replay of a batch whose answer
		// was lost: minutes. Kept BatchRetention, so the table stays
		// bounded at 300 offices over years.
		if _, err := tx.Exec(ctx, `DELETE FROM batches WHERE office = $1 AND received_at < now() - make_interval(days => $2)`,
			b.Office, batchRetentionDays); err != nil {
			return err
		}
		ack.EventSeq, ack.Applied = hwm, applied
		return nil
	})
	if err != nil {
		var gap *GapError
		if errors.As(err, &gap) || errors.Is(err, ErrUnknownOffice) {
			return ack, err
		}
		return ack, fmt.Errorf("central: apply batch: %w", err)
	}
	return ack, nil
}

// upsert stores recs, each kept only if newer than what the centre holds,
// in one statement. Should the database refuse the statement for a value
// (a data exception, SQLSTATE class 22: a character jsonb refuses, a
// number out of range), the records are stored one by one, each under a
// savepoint, and the ones it refuses come back to be quarantined.
func (p *Postgres) upsert(ctx context.Context, tx pgx.Tx, office string, recs []store.SyncRecord) (int, []Quarantined, error) {
	if len(recs) == 0 {
		return 0, nil, nil
	}
	const q = `INSERT INTO records (office, tbl, id, month, version, updated_at, data)
		SELECT $1, t, i, loket_month(t, j), v, u, j
		FROM (SELECT t, i, v, u, d::jsonb AS j
			FROM unnest($2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[]) AS x(t, i, v, u, d)) y
		ON CONFLICT (office, tbl, id, month) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at,
			data = excluded.data, received_at = now()
		WHERE records.version < excluded.version`
	exec := func(recs []store.SyncRecord) (int, error) {
		tbls := make([]string, len(recs))
		ids := make([]string, len(recs))
		vers := make([]int64, len(recs))
		upds := make([]string, len(recs))
		datas := make([]string, len(recs))
		for i, r := range recs {
			tbls[i], ids[i], vers[i], upds[i], datas[i] = r.Table, r.ID, r.Version, r.UpdatedAt, string(r.Data)
		}
		tag, err := tx.Exec(ctx, q, office, tbls, ids, vers, upds, datas)
		return int(tag.RowsAffected()), err
	}
	if _, err := tx.Exec(ctx, `SAVEPOINT batch`); err != nil {
		return 0, nil, err
	}
	n, err := exec(recs)
	var pe *pgconn.PgError
	if err == nil || !errors.As(err, &pe) || !strings.HasPrefix(pe.Code, "22") {
		if err != nil {
			return 0, nil, fmt.Errorf("upsert records: %w", err)
		}
		return n, nil, nil
	}
	if _, err := tx.Exec(ctx, `ROLLBACK TO SAVEPOINT batch`); err != nil {
		return 0, nil, err
	}
	n = 0
	var bad []Quarantined
	for _, r := range recs {
		if _, err := tx.Exec(ctx, `SAVEPOINT rec`); err != nil {
			return 0, nil, err
		}
		k, err := exec([]store.SyncRecord{r})
		if err != nil {
			if !errors.As(err, &pe) || !strings.HasPrefix(pe.Code, "22") {
				return 0, nil, fmt.Errorf("upsert %s/%s: %w", r.Table, r.ID, err)
			}
			if _, err := tx.Exec(ctx, `ROLLBACK TO SAVEPOINT rec`); err != nil {
				return 0, nil, err
			}
			bad = append(bad, Quarantined{Table: r.Table, ID: r.ID, Version: r.Version, Reason: "ditolak basis data pusat: " + pe.Message})
			continue
		}
		n += k
	}
	return n, bad, nil
}

// quarantine keeps the refused records aside with their reasons.
func (p *Postgres) quarantine(ctx context.Context, tx pgx.Tx, office string, all []store.SyncRecord, bad []Quarantined) error {
	for _, q := range bad {
		if _, err := tx.Exec(ctx, `INSERT INTO quarantine (office, tbl, id, version, reason, data) VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT DO NOTHING`, office, q.Table, q.ID, q.Version, q.Reason, quarantineData(dataOf(all, q))); err != nil {
			return fmt.Errorf("quarantine %s/%s: %w", q.Table, q.ID, err)
		}
	}
	return nil
}

// Quarantine implements DB.
func (p *Postgres) Quarantine(ctx context.Context, office string) ([]QuarantineRow, error) {
	rows, err := p.pool.Query(ctx, `SELECT office, tbl, id, version, reason, received_at FROM quarantine
		WHERE $1 = '' OR office = $1 ORDER BY received_at, office, tbl, id`, office)
	if err != nil {
		return nil, fmt.Errorf("central: quarantine: %w", err)
	}
	defer rows.Close()
	var out []QuarantineRow
	for rows.Next() {
		var q QuarantineRow
		if err := rows.Scan(&q.Office, &q.Table, &q.ID, &q.Version, &q.Reason, &q.ReceivedAt); err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	return out, rows.Err()
}

// Position implements DB.
func (p *Postgres) Position(ctx context.Context, office string, l *store.Lineage) (Position, error) {
	pos := Position{Office: office}
	err := p.pool.QueryRow(ctx, `SELECT event_seq, batches, records, updated_at FROM positions WHERE office = $1`, office).
		Scan(&pos.EventSeq, &pos.Batches, &pos.Records, &pos.UpdatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return pos, ErrUnknownOffice
	}
	if err == nil && l != nil {
		pos.Lineage = l.ID
		pos.EventSeq, _, err = lineageMark(ctx, l, pos.EventSeq, p.mark(p.pool, office))
	}
	if err != nil {
		return pos, fmt.Errorf("central: position: %w", err)
	}
	return pos, nil
}

// mark looks up the stored mark of one of an office's lineages.
func (p *Postgres) mark(q interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}, office string) func(ctx context.Context, id string) (int64, bool, error) {
	return func(ctx context.Context, id string) (int64, bool, error) {
		var m int64
		err := q.QueryRow(ctx, `SELECT event_seq FROM lineages WHERE office = $1 AND id = $2`, office, id).Scan(&m)
		if errors.Is(err, pgx.ErrNoRows) {
			return 0, false, nil
		}
		return m, err == nil, err
	}
}

// PutUpdate implements DB.
func (p *Postgres) PutUpdate(ctx context.Context, kind, name string, content []byte) (Update, error) {
	u := Update{Kind: kind, Name: name, Content: content, SHA256: sha256Hex(content)}
	err := p.pool.QueryRow(ctx, `INSERT INTO updates (kind, name, sha256, content) VALUES ($1, $2, $3, $4)
		RETURNING version, created_at`, kind, name, u.SHA256, content).Scan(&u.Version, &u.CreatedAt)
	if err != nil {
		return u, fmt.Errorf("central: put update: %w", err)
	}
	return u, nil
}

// Updates implements DB.
func (p *Postgres) Updates(ctx context.Context, after int64) ([]Update, error) {
	rows, err := p.pool.Query(ctx, `SELECT version, kind, name, sha256, content, created_at FROM updates
		WHERE version > $1 ORDER BY version`, after)
	if err != nil {
		return nil, fmt.Errorf("central: updates: %w", err)
	}
	defer rows.Close()
	var out []Update
	for rows.Next() {
		var u Update
		if err := rows.Scan(&u.Version, &u.Kind, &u.Name, &u.SHA256, &u.Content, &u.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// pgQuerier is a pool or a transaction.
type pgQuerier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

// Report implements DB: read from report_days, the summary kept as
// batches land (summarise), so a month at 300 offices reads 6,600 rows
// instead of scanning millions of tickets and answers.
func (p *Postgres) Report(ctx context.Context, from, to string) ([]ReportRow, error) {
	rows, err := p.pool.Query(ctx, `SELECT office, day, issued, served, called, wait_under_15, norm_known, norm_met,
		sla_percent, sla_basis, ikm, ipk, ipak FROM report_days WHERE day BETWEEN $1 AND $2 ORDER BY office, day`, from, to)
	if err != nil {
		return nil, fmt.Errorf("central: report: %w", err)
	}
	defer rows.Close()
	out := []ReportRow{}
	for rows.Next() {
		var r ReportRow
		if err := rows.Scan(&r.Office, &r.Date, &r.Issued, &r.Served, &r.Called, &r.WaitUnder15, &r.NormKnown, &r.NormMet,
			&r.SLAPercent, &r.SLABasis, &r.IKM, &r.IPK, &r.IPAK); err != nil {
			return nil, fmt.Errorf("central: report: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("central: report: %w", err)
	}
	return out, nil
}

// reportLive computes the report rows of one office ("" for all) from the
// records themselves: what summarise stores, and what the tests compare
// the summary with.
func (p *Postgres) reportLive(ctx context.Context, q pgQuerier, office, from, to string) ([]ReportRow, error) {
	rows, err := q.Query(ctx, `SELECT office, data->>'business_date' AS day, count(*),
			count(*) FILTER (WHERE data->>'status' = 'done'),
			count(*) FILTER (WHERE data->>'called_at' IS NOT NULL),
			count(*) FILTER (WHERE data->>'called_at' IS NOT NULL
				AND (data->>'called_at')::timestamptz - (data->>'queued_at')::timestamptz < interval '15 minutes')
		FROM records WHERE tbl = 'tickets' AND data->>'business_date' BETWEEN $1 AND $2 AND ($3 = '' OR office = $3)
			AND month BETWEEN date_trunc('month', $1::date)::date AND $2::date
		GROUP BY 1, 2 ORDER BY 1, 2`, from, to, office)
	if err != nil {
		return nil, err
	}
	out := []ReportRow{}
	for rows.Next() {
		var r ReportRow
		if err := rows.Scan(&r.Office, &r.Date, &r.Issued, &r.Served, &r.Called, &r.WaitUnder15); err != nil {
			rows.Close()
			return nil, err
		}
		slaPercent(&r)
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	query := func(ctx context.Context, sql string, args ...any) (rowSource, func(), error) {
		r, err := q.Query(ctx, sql, args...)
		if err != nil {
			return nil, nil, err
		}
		return r, r.Close, nil
	}
	if out, err = reportDayFigures(ctx, query, office, from, to, out); err != nil {
		return nil, fmt.Errorf("day figures: %w", err)
	}
	if out, err = reportIKM(ctx, query, office, from, to, out); err != nil {
		return nil, fmt.Errorf("ikm: %w", err)
	}
	return out, nil
}

// summarise recomputes an office's report rows for business days
// from..to from its records and stores them in report_days, in the
// batch's transaction (so the summary never disagrees with the records).
func (p *Postgres) summarise(ctx context.Context, tx pgx.Tx, office, from, to string) error {
	rows, err := p.reportLive(ctx, tx, office, from, to)
	if err != nil {
		return fmt.Errorf("summarise %s %s..%s: %w", office, from, to, err)
	}
	for _, r := range rows {
		if _, err := tx.Exec(ctx, `INSERT INTO report_days (day, office, issued, served, called, wait_under_15, norm_known,
			norm_met, sla_percent, sla_basis, ikm, ipk, ipak, computed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, now())
			ON CONFLICT (day, office) DO UPDATE SET issued = excluded.issued, served = excluded.served, called = excluded.called,
				wait_under_15 = excluded.wait_under_15, norm_known = excluded.norm_known, norm_met = excluded.norm_met,
				sla_percent = excluded.sla_percent, sla_basis = excluded.sla_basis, ikm = excluded.ikm,
				ipk = excluded.ipk, ipak = excluded.ipak, computed_at = now()`,
			r.Date, r.Office, r.Issued, r.Served, r.Called, r.WaitUnder15, r.NormKnown, r.NormMet, r.SLAPercent, r.SLABasis,
			r.IKM, r.IPK, r.IPAK); err != nil {
			return fmt.Errorf("summarise %s %s: %w", office, r.Date, err)
		}
	}
	return nil
}

// Count implements DB.
func (p *Postgres) Count(ctx context.Context, office, table string) (int64, error) {
	var n int64
	err := p.pool.QueryRow(ctx, `SELECT count(*) FROM records WHERE office = $1 AND tbl = $2`, office, table).Scan(&n)
	return n, err
}

// Record implements DB.
func (p *Postgres) Record(ctx context.Context, office, table, id string) (store.SyncRecord, error) {
	r := store.SyncRecord{Table: table, ID: id}
	var data []byte
	err := p.pool.QueryRow(ctx, `SELECT version, updated_at, data::text FROM records WHERE office = $1 AND tbl = $2 AND id = $3`,
		office, table, id).Scan(&r.Version, &r.UpdatedAt, &data)
	if errors.Is(err, pgx.ErrNoRows) {
		return r, ErrNotFound
	}
	r.Data = data
	return r, err
}
