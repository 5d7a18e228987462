package central

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver

	"loket/store"
)

const sqliteSchema = `
CREATE TABLE IF NOT EXISTS offices (
    code       TEXT PRIMARY KEY,
    name       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS tokens (
    hash       TEXT PRIMARY KEY,
    office     TEXT NOT NULL DEFAULT '',
    role       TEXT NOT NULL CHECK (role IN ('office', 'report')),
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS positions (
    office     TEXT PRIMARY KEY REFERENCES offices(code),
    event_seq  INTEGER NOT NULL DEFAULT 0,
    batches    INTEGER NOT NULL DEFAULT 0,
    records    INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS batches (
    office      TEXT NOT NULL,
    id          TEXT NOT NULL,
    after_seq   INTEGER NOT NULL,
    to_seq      INTEGER NOT NULL,
    records     INTEGER NOT NULL,
    applied     INTEGER NOT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (office, id)
);
CREATE TABLE IF NOT EXISTS lineages (
    office     TEXT NOT NULL REFERENCES offices(code),
    id         TEXT NOT NULL,
    parent     TEXT NOT NULL DEFAULT '',
    fork_seq   INTEGER NOT NULL DEFAULT 0,
    generation INTEGER NOT NULL DEFAULT 0,
    event_seq  INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (office, id)
);
CREATE TABLE IF NOT EXISTS quarantine (
    office      TEXT NOT NULL,
    tbl         TEXT NOT NULL,
    id          TEXT NOT NULL,
    version     INTEGER NOT NULL,
    reason      TEXT NOT NULL,
    data        TEXT NOT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (office, tbl, id, version)
);
CREATE TABLE IF NOT EXISTS records (
    office      TEXT NOT NULL,
    tbl         TEXT NOT NULL,
    id          TEXT NOT NULL,
    version     INTEGER NOT NULL,
    updated_at  TEXT NOT NULL DEFAULT '',
    data        TEXT NOT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (office, tbl, id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS records_day_figures ON records (id) WHERE tbl = 'day_figures';
CREATE TABLE IF NOT EXISTS updates (
    version    INTEGER PRIMARY KEY AUTOINCREMENT,
    kind       TEXT NOT NULL,
    name       TEXT NOT NULL DEFAULT '',
    sha256     TEXT NOT NULL,
    content    BLOB NOT NULL,
    created_at TEXT NOT NULL
);`

// SQLite is the central store in one SQLite file: for a trial of
// loket-pusat with no database server. Same schema and rules as Postgres.
type SQLite struct {
	db *sql.DB
}

// OpenSQLite opens (creating) the central store file at path.
func OpenSQLite(ctx context.Context, path string) (*SQLite, error) {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("central: sqlite: %w", err)
	}
	if _, err := db.ExecContext(ctx, sqliteSchema+sqliteBookingSchema); err != nil {
		db.Close()
		return nil, fmt.Errorf("central: sqlite schema: %w", err)
	}
	return &SQLite{db: db}, nil
}

// Close closes the file.
func (s *SQLite) Close() error { return s.db.Close() }

func sqlNow() string { return time.Now().UTC().Format(time.RFC3339Nano) }

func (s *SQLite) tx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// AddOffice implements DB.
func (s *SQLite) AddOffice(ctx context.Context, code, name, tokenHash string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		now := sqlNow()
		if _, err := tx.ExecContext(ctx, `INSERT INTO offices (code, name, created_at) VALUES (?, ?, ?)`, code, name, now); err != nil {
			if strings.Contains(err.Error(), "UNIQUE") {
				return ErrOfficeExists
			}
			return fmt.Errorf("central: add office: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO positions (office, updated_at) VALUES (?, ?)`, code, now); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO tokens (hash, office, role, created_at) VALUES (?, ?, 'office', ?)`,
			tokenHash, code, now)
		return err
	})
}

// SetToken implements DB.
func (s *SQLite) SetToken(ctx context.Context, office, role, tokenHash string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if role == RoleOffice {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM offices WHERE code = ?`, office).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return ErrUnknownOffice
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM tokens WHERE office = ? AND role = 'office'`, office); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO tokens (hash, office, role, created_at) VALUES (?, ?, ?, ?)`,
			tokenHash, office, role, sqlNow())
		return err
	})
}

// Token implements DB.
func (s *SQLite) Token(ctx context.Context, tokenHash string) (string, string, error) {
	var office, role string
	err := s.db.QueryRowContext(ctx, `SELECT office, role FROM tokens WHERE hash = ?`, tokenHash).Scan(&office, &role)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", ErrUnauthorized
	}
	return office, role, err
}

func parseSQLTime(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}

// Offices implements DB.
func (s *SQLite) Offices(ctx context.Context) ([]OfficeInfo, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT o.code, o.name, p.event_seq, p.batches, p.records, p.updated_at
		FROM offices o JOIN positions p ON p.office = o.code ORDER BY o.code`)
	if err != nil {
		return nil, fmt.Errorf("central: offices: %w", err)
	}
	defer rows.Close()
	var out []OfficeInfo
	for rows.Next() {
		var o OfficeInfo
		var upd string
		if err := rows.Scan(&o.Code, &o.Name, &o.Position.EventSeq, &o.Position.Batches, &o.Position.Records, &upd); err != nil {
			return nil, err
		}
		o.Position.Office, o.Position.UpdatedAt = o.Code, parseSQLTime(upd)
		out = append(out, o)
	}
	return out, rows.Err()
}

// Apply implements DB. The immediate transaction holds the write lock, so
// batches of one office (or any) never interleave.
func (s *SQLite) Apply(ctx context.Context, b *Batch) (Ack, error) {
	ack := Ack{Office: b.Office}
	all := dedupe(b.Records)
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var hwm int64
		err := tx.QueryRowContext(ctx, `SELECT event_seq FROM positions WHERE office = ?`, b.Office).Scan(&hwm)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrUnknownOffice
		}
		if err != nil {
			return err
		}
		if b.Lineage != nil {
			m, isNew, err := lineageMark(ctx, b.Lineage, hwm, sqliteMark(tx, b.Office))
			if err != nil {
				return err
			}
			if isNew {
				l, now := b.Lineage, sqlNow()
				if _, err := tx.ExecContext(ctx, `INSERT INTO lineages (office, id, parent, fork_seq, generation, event_seq,
					created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
					b.Office, l.ID, l.Parent, l.ForkSeq, l.Generation, m, now, now); err != nil {
					return err
				}
			}
			hwm = m
		}
		ack.EventSeq = hwm
		var seen int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM batches WHERE office = ? AND id = ?`, b.Office, b.ID).Scan(&seen); err != nil {
			return err
		}
		if seen > 0 {
			ack.Replay = true
			return nil
		}
		if b.After > hwm {
			return &GapError{EventSeq: hwm}
		}
		now := sqlNow()
		applied := 0
		if b.To > hwm {
			st, err := tx.PrepareContext(ctx, `INSERT INTO records (office, tbl, id, version, updated_at, data, received_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (office, tbl, id) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at,
					data = excluded.data, received_at = excluded.received_at
				WHERE records.version < excluded.version`)
			if err != nil {
				return err
			}
			defer st.Close()
			recs, bad := screen(all)
			for _, q := range bad {
				if _, err := tx.ExecContext(ctx, `INSERT INTO quarantine (office, tbl, id, version, reason, data, received_at)
					VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
					b.Office, q.Table, q.ID, q.Version, q.Reason, quarantineData(dataOf(all, q)), now); err != nil {
					return fmt.Errorf("quarantine %s/%s: %w", q.Table, q.ID, err)
				}
			}
			ack.Quarantined = bad
			for _, r := range recs {
				res, err := st.ExecContext(ctx, b.Office, r.Table, r.ID, r.Version, r.UpdatedAt, string(r.Data), now)
				if err != nil {
					return fmt.Errorf("upsert %s/%s: %w", r.Table, r.ID, err)
				}
				n, _ := res.RowsAffected()
				applied += int(n)
			}
			hwm = b.To
		} else {
			ack.Replay = true
		}
		if _, err := tx.ExecContext(ctx, `UPDATE positions SET event_seq = ?, batches = batches + 1, records = records + ?,
			updated_at = ? WHERE office = ?`, hwm, applied, now, b.Office); err != nil {
			return err
		}
		if b.Lineage != nil {
			if _, err := tx.ExecContext(ctx, `UPDATE lineages SET event_seq = ?, updated_at = ? WHERE office = ? AND id = ?`,
				hwm, now, b.Office, b.Lineage.ID); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO batches (office, id, after_seq, to_seq, records, applied, received_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, b.Office, b.ID, b.After, b.To, len(b.Records), applied, now); err != nil {
			return err
		}
		// Bounded as on PostgreSQL (see there).
		if _, err := tx.ExecContext(ctx, `DELETE FROM batches WHERE office = ? AND received_at < ?`, b.Office,
			time.Now().UTC().AddDate(0, 0, -batchRetentionDays).Format(time.RFC3339Nano)); err != nil {
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

// Position implements DB.
func (s *SQLite) Position(ctx context.Context, office string, l *store.Lineage) (Position, error) {
	pos := Position{Office: office}
	var upd string
	err := s.db.QueryRowContext(ctx, `SELECT event_seq, batches, records, updated_at FROM positions WHERE office = ?`, office).
		Scan(&pos.EventSeq, &pos.Batches, &pos.Records, &upd)
	if errors.Is(err, sql.ErrNoRows) {
		return pos, ErrUnknownOffice
	}
	if err == nil && l != nil {
		pos.Lineage = l.ID
		pos.EventSeq, _, err = lineageMark(ctx, l, pos.EventSeq, sqliteMark(s.db, office))
	}
	if err != nil {
		return pos, fmt.Errorf("central: position: %w", err)
	}
	pos.UpdatedAt = parseSQLTime(upd)
	return pos, nil
}

// PutUpdate implements DB.
func (s *SQLite) PutUpdate(ctx context.Context, kind, name string, content []byte) (Update, error) {
	u := Update{Kind: kind, Name: name, Content: content, SHA256: sha256Hex(content), CreatedAt: time.Now().UTC()}
	res, err := s.db.ExecContext(ctx, `INSERT INTO updates (kind, name, sha256, content, created_at) VALUES (?, ?, ?, ?, ?)`,
		kind, name, u.SHA256, content, u.CreatedAt.Format(time.RFC3339Nano))
	if err != nil {
		return u, fmt.Errorf("central: put update: %w", err)
	}
	u.Version, err = res.LastInsertId()
	return u, err
}

// Updates implements DB.
func (s *SQLite) Updates(ctx context.Context, after int64) ([]Update, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT version, kind, name, sha256, content, created_at FROM updates
		WHERE version > ? ORDER BY version`, after)
	if err != nil {
		return nil, fmt.Errorf("central: updates: %w", err)
	}
	defer rows.Close()
	var out []Update
	for rows.Next() {
		var u Update
		var created string
		if err := rows.Scan(&u.Version, &u.Kind, &u.Name, &u.SHA256, &u.Content, &created); err != nil {
			return nil, err
		}
		u.CreatedAt = parseSQLTime(created)
		out = append(out, u)
	}
	return out, rows.Err()
}

// Report implements DB.
func (s *SQLite) Report(ctx context.Context, from, to string) ([]ReportRow, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT office, data->>'business_date' AS day, count(*),
			count(*) FILTER (WHERE data->>'status' = 'done'),
			count(*) FILTER (WHERE data->>'called_at' IS NOT NULL),
			count(*) FILTER (WHERE data->>'called_at' IS NOT NULL
				AND (julianday(data->>'called_at') - julianday(data->>'queued_at')) * 86400 < 900)
		FROM records WHERE tbl = 'tickets' AND data->>'business_date' BETWEEN ? AND ?
		GROUP BY 1, 2 ORDER BY 1, 2`, from, to)
	if err != nil {
		return nil, fmt.Errorf("central: report: %w", err)
	}
	defer rows.Close()
	out := []ReportRow{}
	for rows.Next() {
		var r ReportRow
		if err := rows.Scan(&r.Office, &r.Date, &r.Issued, &r.Served, &r.Called, &r.WaitUnder15); err != nil {
			return nil, err
		}
		slaPercent(&r)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("central: report: %w", err)
	}
	rows.Close()
	query := func(ctx context.Context, q string, args ...any) (rowSource, func(), error) {
		r, err := s.db.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, nil, err
		}
		return r, func() { r.Close() }, nil
	}
	if out, err = reportDayFigures(ctx, query, "", from, to, out); err != nil {
		return nil, fmt.Errorf("central: report day figures: %w", err)
	}
	out, err = reportIKM(ctx, query, "", from, to, out)
	if err != nil {
		return nil, fmt.Errorf("central: report ikm: %w", err)
	}
	return out, nil
}

// Count implements DB.
func (s *SQLite) Count(ctx context.Context, office, table string) (int64, error) {
	var n int64
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM records WHERE office = ? AND tbl = ?`, office, table).Scan(&n)
	return n, err
}

// Record implements DB.
func (s *SQLite) Record(ctx context.Context, office, table, id string) (store.SyncRecord, error) {
	r := store.SyncRecord{Table: table, ID: id}
	var data string
	err := s.db.QueryRowContext(ctx, `SELECT version, updated_at, data FROM records WHERE office = ? AND tbl = ? AND id = ?`,
		office, table, id).Scan(&r.Version, &r.UpdatedAt, &data)
	if errors.Is(err, sql.ErrNoRows) {
		return r, ErrNotFound
	}
	r.Data = []byte(data)
	return r, err
}

// Quarantine implements DB.
func (s *SQLite) Quarantine(ctx context.Context, office string) ([]QuarantineRow, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT office, tbl, id, version, reason, received_at FROM quarantine
		WHERE ?1 = '' OR office = ?1 ORDER BY received_at, office, tbl, id`, office)
	if err != nil {
		return nil, fmt.Errorf("central: quarantine: %w", err)
	}
	defer rows.Close()
	var out []QuarantineRow
	for rows.Next() {
		var q QuarantineRow
		var at string
		if err := rows.Scan(&q.Office, &q.Table, &q.ID, &q.Version, &q.Reason, &at); err != nil {
			return nil, err
		}
		q.ReceivedAt = parseSQLTime(at)
		out = append(out, q)
	}
	return out, rows.Err()
}

// sqliteMark looks up the stored mark of one of an office's lineages.
func sqliteMark(q interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}, office string) func(ctx context.Context, id string) (int64, bool, error) {
	return func(ctx context.Context, id string) (int64, bool, error) {
		var m int64
		err := q.QueryRowContext(ctx, `SELECT event_seq FROM lineages WHERE office = ? AND id = ?`, office, id).Scan(&m)
		if errors.Is(err, sql.ErrNoRows) {
			return 0, false, nil
		}
		return m, err == nil, err
	}
}
