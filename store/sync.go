package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
)

// SyncRecord is one record shipped to the central office: a row of a synced
// table as a JSON object, whatever the table. New tables join the sync by
// being listed in syncTables; the wire format does not change.
type SyncRecord struct {
	// Table is the office table the row comes from ("events", "tickets" ...).
	Table string `json:"t"`
	// ID is the row's primary key, globally unique (office code + UUIDv7)
	// or unique within the office (the central server keys by office too).
	ID string `json:"id"`
	// Version orders the states of one record. An event's is its own seq
	// (events never change); a row's is the newest event seq of the read
	// snapshot it was taken in, so a later read always has a higher or
	// equal version and the central server keeps the newest state without
	// trusting any clock.
	Version int64 `json:"v"`
	// UpdatedAt is the row's own timestamp, for people; never for ordering.
	UpdatedAt string `json:"u,omitempty"`
	// Data is the row as a JSON object of its columns (secrets left out).
	Data json.RawMessage `json:"d"`
}

// SyncChunk is the content of one sync batch: the events with seq in
// (After, To] and the current state of every row they touched.
type SyncChunk struct {
	After    int64
	To       int64
	Snapshot int64 // newest event seq in the read snapshot (>= To)
	Events   int
	Records  []SyncRecord
}

// syncTable describes a table the sync ships besides events.
type syncTable struct {
	name    string
	idCol   string
	updCol  string
	exclude map[string]bool // columns that never leave the office
	// touched gives the ids of this table's rows an event changed.
	touched func(kind, ticketID, serviceID, counterID string, data map[string]string) string
	// whole tables (small master data) are sent entirely in the first
	// batch, so rows older than the event log still reach the centre.
	whole bool
	// altCol is a second unique column the touched ids may name (a
	// receipt.created event names the receipt by its number).
	altCol string
	// changed ships, besides the touched rows, every row whose updCol is
	// newer than the time of the last shipped event (less changedMargin):
	// for rows that change without an event naming them (a satker list
	// import, a holiday CSV). Needs updCol in formatTime's layout.
	changed bool
}

// changedMargin widens the updated_at window of changed tables: a row is
// written in the same transaction as its event, a little before it.
const changedMargin = 10 * time.Minute

// syncTables lists every row table the sync ships. Visitors, receipts,
// consultations, survey answers and catalog versions join by being listed
// here with the event kinds that touch them.
var syncTables = []syncTable{
	{name: "offices", idCol: "code", updCol: "updated_at", whole: true,
		touched: func(kind, _, _, _ string, _ map[string]string) string {
			if kind == EvOfficeSetup {
				return "*"
			}
			return ""
		}},
	{name: "services", idCol: "id", updCol: "updated_at", whole: true,
		touched: func(kind, _, serviceID, _ string, _ map[string]string) string {
			if kind == EvServiceSaved {
				return serviceID
			}
			return ""
		}},
	{name: "counters", idCol: "id", updCol: "updated_at", whole: true,
		touched: func(kind, _, _, counterID string, _ map[string]string) string {
			if kind == EvCounterSaved {
				return counterID
			}
			return ""
		}},
	{name: "officers", idCol: "id", updCol: "updated_at", whole: true,
		exclude: map[string]bool{"password_hash": true},
		touched: func(kind, _, _, _ string, data map[string]string) string {
			if kind == EvOfficerSaved {
				return data["officer"]
			}
			return ""
		}},
	{name: "settings", idCol: "key", updCol: "updated_at", whole: true,
		touched: func(kind, _, _, _ string, data map[string]string) string {
			if kind == EvSettingSaved {
				return data["key"]
			}
			return ""
		}},
	{name: "holidays", idCol: "date", updCol: "updated_at", whole: true, changed: true,
		touched: func(string, string, string, string, map[string]string) string { return "" }},
	{name: "satkers", idCol: "code", updCol: "updated_at", whole: true, changed: true,
		touched: func(string, string, string, string, map[string]string) string { return "" }},
	{name: "catalog_documents", idCol: "id", updCol: "imported_at", whole: true,
		touched: func(kind, _, _, _ string, data map[string]string) string {
			if kind == EvCatalogImported {
				return data["document"]
			}
			return ""
		}},
	// An import flips the current flag of the source's older versions:
	// the whole table goes again (a few hundred rows, imported rarely).
	{name: "catalog_services", idCol: "id", whole: true, // no timestamp of its own
		touched: func(kind, _, _, _ string, _ map[string]string) string {
			if kind == EvCatalogImported {
				return "*"
			}
			return ""
		}},
	{name: "catalog_corrections", idCol: "id", updCol: "updated_at", whole: true,
		touched: func(kind, _, _, _ string, data map[string]string) string {
			if kind == EvCatalogCorrected || kind == EvCatalogCorrectionDropped {
				return data["correction"]
			}
			return ""
		}},
	{name: "visitors", idCol: "id", updCol: "updated_at",
		touched: func(kind, _, _, _ string, data map[string]string) string {
			if kind == EvVisitorSaved || kind == EvPDRestricted || kind == EvPDErased {
				return data["visitor"]
			}
			return ""
		}},
	{name: "receipts", idCol: "id", updCol: "created_at", altCol: "number",
		touched: func(kind, _, _, _ string, data map[string]string) string {
			if kind == EvReceiptCreated || kind == EvReceiptPrinted || kind == EvReceiptUpdated || kind == EvReceiptStatus {
				return data["receipt"] // the number when created, the id otherwise
			}
			return ""
		}},
	{name: "tickets", idCol: "id", updCol: "updated_at",
		touched: func(kind, ticketID, _, _ string, _ map[string]string) string {
			if strings.HasPrefix(kind, "ticket.") {
				return ticketID
			}
			return ""
		}},
	{name: "cso_categories", idCol: "id", updCol: "updated_at", whole: true,
		touched: func(kind, _, _, _ string, data map[string]string) string {
			if kind == EvCSOCategorySaved {
				return data["category"]
			}
			return ""
		}},
	{name: "consultations", idCol: "id", updCol: "updated_at", touched: csoTouched("consultation")},
	{name: "consultation_notes", idCol: "id", updCol: "created_at", touched: csoTouched("note")},
	{name: "consultation_callbacks", idCol: "id", updCol: "updated_at", touched: csoTouched("callback")},
	// The office's own day figures (norm compliance on working time) for
	// the centre's report: recomputed before every sync, they change
	// without an event, so the updated_at window ships them.
	{name: "day_figures", idCol: "business_date", updCol: "updated_at", whole: true, changed: true,
		touched: func(string, string, string, string, map[string]string) string { return "" }},
	{name: "survey_answers", idCol: "id", updCol: "answered_at",
		touched: func(kind, _, _, _ string, data map[string]string) string {
			if kind == EvSurveySubmitted {
				return data["survey"]
			}
			return ""
		}},
}

// csoTouched maps a cso.* event to the row id it names under key.
func csoTouched(key string) func(kind, ticketID, serviceID, counterID string, data map[string]string) string {
	return func(kind, _, _, _ string, data map[string]string) string {
		if strings.HasPrefix(kind, "cso.") {
			return data[key]
		}
		return ""
	}
}

// SyncTableNames lists the tables the sync ships, events first.
func SyncTableNames() []string {
	out := []string{"events"}
	for _, t := range syncTables {
		out = append(out, t.name)
	}
	return out
}

var jsonExprCache sync.Map // table name -> json_object(...) expression

// jsonExpr builds json_object('col', col, ...) over every column of table
// but the excluded ones, from the live schema, so a later migration that
// adds a column ships it without touching this file. BLOB columns travel
// as hex text (JSON cannot hold bytes).
func jsonExpr(ctx context.Context, q interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}, table string, exclude map[string]bool) (string, error) {
	if v, ok := jsonExprCache.Load(table); ok {
		return v.(string), nil
	}
	rows, err := q.QueryContext(ctx, `SELECT name, type FROM pragma_table_info(?) ORDER BY cid`, table)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var parts []string
	for rows.Next() {
		var name, typ string
		if err := rows.Scan(&name, &typ); err != nil {
			return "", err
		}
		if exclude[name] {
			continue
		}
		col := `"` + name + `"`
		if strings.EqualFold(typ, "BLOB") {
			col = "hex(" + col + ")"
		}
		parts = append(parts, "'"+name+"', "+col)
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	if len(parts) == 0 {
		return "", fmt.Errorf("table %s has no columns", table)
	}
	expr := "json_object(" + strings.Join(parts, ", ") + ")"
	jsonExprCache.Store(table, expr)
	return expr, nil
}

// SyncChunk reads the next batch to ship: up to limit events after seq
// after, and the current rows those events touched (all master rows when
// after is 0), in one read snapshot so the rows match the seq they carry.
// An empty chunk (Events == 0) means the centre is up to date.
func (s *Store) SyncChunk(ctx context.Context, after int64, limit int) (SyncChunk, error) {
	c := SyncChunk{After: after, To: after}
	if limit <= 0 {
		limit = 5000
	}
	// ReadOnly makes the driver begin a deferred transaction: a snapshot
	// that never takes the write lock from the counters.
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return c, fmt.Errorf("store: sync chunk: %w", err)
	}
	defer tx.Rollback()
	var snap sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT max(seq) FROM events`).Scan(&snap); err != nil {
		return c, fmt.Errorf("store: sync chunk: %w", err)
	}
	c.Snapshot = snap.Int64
	evExpr, err := jsonExpr(ctx, tx, "events", nil)
	if err != nil {
		return c, fmt.Errorf("store: sync chunk: %w", err)
	}
	rows, err := tx.QueryContext(ctx, `SELECT seq, id, at, kind, COALESCE(ticket_id, ''), COALESCE(service_id, ''),
		COALESCE(counter_id, ''), data, `+evExpr+` FROM events WHERE seq > ? ORDER BY seq LIMIT ?`, after, limit)
	if err != nil {
		return c, fmt.Errorf("store: sync chunk: %w", err)
	}
	touched := make([][]string, len(syncTables))
	seen := make([]map[string]bool, len(syncTables))
	for i := range seen {
		seen[i] = map[string]bool{}
	}
	for rows.Next() {
		var r SyncRecord
		var kind, ticketID, serviceID, counterID, data string
		var obj string
		if err := rows.Scan(&r.Version, &r.ID, &r.UpdatedAt, &kind, &ticketID, &serviceID, &counterID, &data, &obj); err != nil {
			rows.Close()
			return c, fmt.Errorf("store: sync chunk: %w", err)
		}
		r.Table, r.Data = "events", json.RawMessage(obj)
		c.Records = append(c.Records, r)
		c.Events++
		c.To = r.Version
		var dm map[string]string
		// Ticket and counter events (nearly all of them) name their rows
		// in columns; the others in their data.
		if data != "" && data != "{}" && !strings.HasPrefix(kind, "ticket.") && !strings.HasPrefix(kind, "counter.") {
			_ = json.Unmarshal([]byte(data), &dm)
		}
		for i, t := range syncTables {
			if id := t.touched(kind, ticketID, serviceID, counterID, dm); id != "" && !seen[i][id] {
				seen[i][id] = true
				touched[i] = append(touched[i], id)
			}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return c, fmt.Errorf("store: sync chunk: %w", err)
	}
	if c.Events == 0 {
		return c, nil
	}
	// The window of changed tables: from the time of the last shipped
	// event to the time of this chunk's last one (open-ended in the last
	// chunk, so nothing written since escapes).
	var fromAt, toAt string
	if after > 0 {
		var at string
		if err := tx.QueryRowContext(ctx, `SELECT at FROM events WHERE seq <= ? ORDER BY seq DESC LIMIT 1`, after).
			Scan(&at); err == nil {
			fromAt = formatTime(parseTime(at).Add(-changedMargin))
		}
		if c.To < c.Snapshot {
			toAt = c.Records[len(c.Records)-1].UpdatedAt
		}
	}
	for i, t := range syncTables {
		ids := touched[i]
		all := (after == 0 && t.whole) || seen[i]["*"]
		window := t.changed && !all && fromAt != ""
		if !all && !window && len(ids) == 0 {
			continue
		}
		expr, err := jsonExpr(ctx, tx, t.name, t.exclude)
		if err != nil {
			return c, fmt.Errorf("store: sync chunk: %w", err)
		}
		upd := `''`
		if t.updCol != "" {
			upd = `COALESCE("` + t.updCol + `", '')`
		}
		q := `SELECT "` + t.idCol + `", ` + upd + `, ` + expr + ` FROM "` + t.name + `"`
		var args []any
		if !all {
			if ids == nil {
				ids = []string{}
			}
			list, _ := json.Marshal(ids)
			cond := `"` + t.idCol + `" IN (SELECT value FROM json_each(?1))`
			if t.altCol != "" {
				cond += ` OR "` + t.altCol + `" IN (SELECT value FROM json_each(?1))`
			}
			args = append(args, string(list))
			if window {
				cond += ` OR ("` + t.updCol + `" > ?2`
				args = append(args, fromAt)
				if toAt != "" {
					cond += ` AND "` + t.updCol + `" <= ?3`
					args = append(args, toAt)
				}
				cond += `)`
			}
			q += ` WHERE ` + cond
		}
		rr, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return c, fmt.Errorf("store: sync chunk %s: %w", t.name, err)
		}
		for rr.Next() {
			r := SyncRecord{Table: t.name, Version: c.Snapshot}
			var obj string
			if err := rr.Scan(&r.ID, &r.UpdatedAt, &obj); err != nil {
				rr.Close()
				return c, fmt.Errorf("store: sync chunk %s: %w", t.name, err)
			}
			r.Data = json.RawMessage(obj)
			c.Records = append(c.Records, r)
		}
		rr.Close()
		if err := rr.Err(); err != nil {
			return c, fmt.Errorf("store: sync chunk %s: %w", t.name, err)
		}
	}
	return c, nil
}

// SyncState is how far the central office has acknowledged this store.
type SyncState struct {
	Target        string
	EventSeq      int64 // every event up to here is stored centrally
	UpdateVersion int64 // every pushed-down update up to here was received
	UpdatedAt     time.Time
}

// SyncState returns the acknowledged position for a central server; a store
// never synced to it gets the zero position (not an error: it is the start).
func (s *Store) SyncState(ctx context.Context, target string) (SyncState, error) {
	st := SyncState{Target: target}
	var upd string
	err := s.db.QueryRowContext(ctx, `SELECT event_seq, update_version, updated_at FROM sync_state WHERE target = ?`, target).
		Scan(&st.EventSeq, &st.UpdateVersion, &upd)
	if errors.Is(err, sql.ErrNoRows) {
		return st, nil
	}
	if err != nil {
		return st, fmt.Errorf("store: sync state: %w", err)
	}
	st.UpdatedAt = parseTime(upd)
	return st, nil
}

// AckSync records that the central server acknowledged every event up to
// seq. Call it only after the acknowledgement arrived.
func (s *Store) AckSync(ctx context.Context, target string, seq int64) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO sync_state (target, event_seq, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (target) DO UPDATE SET event_seq = excluded.event_seq, updated_at = excluded.updated_at`,
		target, seq, formatTime(s.now()))
	if err != nil {
		return fmt.Errorf("store: ack sync: %w", err)
	}
	return nil
}

// AckUpdates records that every pushed-down update up to version was saved.
func (s *Store) AckUpdates(ctx context.Context, target string, version int64) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO sync_state (target, update_version, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (target) DO UPDATE SET update_version = excluded.update_version, updated_at = excluded.updated_at`,
		target, version, formatTime(s.now()))
	if err != nil {
		return fmt.Errorf("store: ack updates: %w", err)
	}
	return nil
}

// Sync run kinds, results and triggers.
const (
	RunSync     = "sync"
	RunBackup   = "backup"
	RunRunning  = "running"
	RunOK       = "ok"
	RunError    = "error"
	TrigNightly = "nightly"
	TrigCatchUp = "catchup"
	TrigManual  = "manual"
	TrigCLI     = "cli"
	TrigStartup = "startup"
)

// SyncRun is one run of the sync or the backup, for the admin's history.
type SyncRun struct {
	ID         int64
	Kind       string // RunSync or RunBackup
	Trigger    string // TrigNightly, TrigCatchUp, TrigManual, TrigCLI
	StartedAt  time.Time
	FinishedAt time.Time
	Batches    int
	Records    int
	Result     string // RunRunning, RunOK, RunError
	Error      string // in Indonesian, for the admin
	Detail     string
}

const syncRunColumns = `id, kind, trigger, started_at, finished_at, batches, records, result, error, detail`

func scanSyncRun(sc interface{ Scan(...any) error }) (SyncRun, error) {
	var r SyncRun
	var started string
	var finished sql.NullString
	err := sc.Scan(&r.ID, &r.Kind, &r.Trigger, &started, &finished, &r.Batches, &r.Records, &r.Result, &r.Error, &r.Detail)
	r.StartedAt, r.FinishedAt = parseTime(started), nullTime(finished)
	return r, err
}

// SyncRunStale is how long a running run may go without a heartbeat
// before it counts as cut (the run beats every SyncHeartbeat).
const (
	SyncHeartbeat = 30 * time.Second
	SyncRunStale  = 2 * time.Minute
)

// StartSyncRun records the start of a run. Only one run of a kind goes at
// a time on a store, whichever process started it: while another is
// running (its heartbeat younger than SyncRunStale) the start is refused
// with code "busy". A run still marked running without a heartbeat was cut
// by a crash or power loss; it is closed as an error first so the history
// never shows two runs at once.
func (s *Store) StartSyncRun(ctx context.Context, kind, trigger string) (SyncRun, error) {
	r := SyncRun{Kind: kind, Trigger: trigger, StartedAt: s.now(), Result: RunRunning}
	err := s.tx(ctx, func(tx *writeTx) error {
		now := formatTime(r.StartedAt)
		var other SyncRun
		var beat string
		err := tx.QueryRowContext(ctx, `SELECT trigger, COALESCE(heartbeat_at, started_at) FROM sync_runs
			WHERE kind = ? AND result = 'running' ORDER BY id DESC LIMIT 1`, kind).Scan(&other.Trigger, &beat)
		if err == nil && r.StartedAt.Sub(parseTime(beat)) < SyncRunStale {
			what := "Sinkronisasi"
			if kind == RunBackup {
				what = "Pencadangan"
			}
			off, _ := s.officeIn(ctx, tx)
			return refuse("busy", "%s lain sedang berjalan untuk data kantor ini (%s, terakhir aktif pukul %s); tunggu sampai selesai.",
				what, other.Trigger, parseTime(beat).In(off.Location()).Format("15.04.05"))
		}
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE sync_runs SET result = 'error', finished_at = ?,
			error = 'terputus: aplikasi berhenti sebelum selesai' WHERE kind = ? AND result = 'running'`, now, kind); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO sync_runs (kind, trigger, started_at, heartbeat_at) VALUES (?, ?, ?, ?)`,
			kind, trigger, now, now)
		if err != nil {
			return err
		}
		r.ID, err = res.LastInsertId()
		return err
	})
	if err != nil {
		return r, fmt.Errorf("store: start sync run: %w", err)
	}
	return r, nil
}

// ProgressSyncRun updates a running run's counters (the admin screen shows
// them while it runs).
func (s *Store) ProgressSyncRun(ctx context.Context, id int64, batches, records int, detail string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE sync_runs SET batches = ?, records = ?, detail = ?, heartbeat_at = ? WHERE id = ?`,
		batches, records, detail, formatTime(s.now()), id)
	if err != nil {
		return fmt.Errorf("store: sync run progress: %w", err)
	}
	return nil
}

// HeartbeatSyncRun tells that a running run is still alive (every
// SyncHeartbeat while it runs).
func (s *Store) HeartbeatSyncRun(ctx context.Context, id int64) error {
	_, err := s.db.ExecContext(ctx, `UPDATE sync_runs SET heartbeat_at = ? WHERE id = ? AND result = 'running'`,
		formatTime(s.now()), id)
	if err != nil {
		return fmt.Errorf("store: sync run heartbeat: %w", err)
	}
	return nil
}

// FinishSyncRun closes a run: ok when errMsg is empty.
func (s *Store) FinishSyncRun(ctx context.Context, id int64, batches, records int, errMsg, detail string) error {
	result := RunOK
	if errMsg != "" {
		result = RunError
	}
	_, err := s.db.ExecContext(ctx, `UPDATE sync_runs SET finished_at = ?, batches = ?, records = ?, result = ?, error = ?,
		detail = ? WHERE id = ?`, formatTime(s.now()), batches, records, result, errMsg, detail, id)
	if err != nil {
		return fmt.Errorf("store: finish sync run: %w", err)
	}
	return nil
}

// SyncRuns lists the latest runs, newest first.
func (s *Store) SyncRuns(ctx context.Context, limit int) ([]SyncRun, error) {
	if limit <= 0 {
		limit = 50
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+syncRunColumns+` FROM sync_runs ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("store: sync runs: %w", err)
	}
	defer rows.Close()
	var out []SyncRun
	for rows.Next() {
		r, err := scanSyncRun(rows)
		if err != nil {
			return nil, fmt.Errorf("store: sync runs: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// LastSyncRun returns the newest run of a kind with a result, among the
// given triggers (any trigger when none), or ErrNotFound.
func (s *Store) LastSyncRun(ctx context.Context, kind, result string, triggers ...string) (SyncRun, error) {
	q := `SELECT ` + syncRunColumns + ` FROM sync_runs WHERE kind = ? AND result = ?`
	args := []any{kind, result}
	if len(triggers) > 0 {
		q += ` AND trigger IN (?` + strings.Repeat(", ?", len(triggers)-1) + `)`
		for _, t := range triggers {
			args = append(args, t)
		}
	}
	r, err := scanSyncRun(s.db.QueryRowContext(ctx, q+` ORDER BY id DESC LIMIT 1`, args...))
	if err != nil {
		return r, fmt.Errorf("store: last sync run: %w", notFound(err))
	}
	return r, nil
}

// SyncUpdate is an update pushed down by the central office: a holiday
// calendar CSV or a catalog document, kept as received.
type SyncUpdate struct {
	Version    int64
	Kind       string // "holidays" or "catalog"
	Name       string
	SHA256     string
	Content    []byte
	ReceivedAt time.Time
	AppliedAt  time.Time
	ApplyError string
}

// SaveSyncUpdate keeps a received update; receiving it again changes nothing.
func (s *Store) SaveSyncUpdate(ctx context.Context, u SyncUpdate) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO sync_updates (version, kind, name, sha256, content, received_at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (version) DO NOTHING`,
		u.Version, u.Kind, u.Name, u.SHA256, u.Content, formatTime(s.now()))
	if err != nil {
		return fmt.Errorf("store: save sync update: %w", err)
	}
	return nil
}

// MarkSyncUpdate records the outcome of applying an update (applyErr empty:
// applied).
func (s *Store) MarkSyncUpdate(ctx context.Context, version int64, applyErr string) error {
	var at any
	if applyErr == "" {
		at = formatTime(s.now())
	}
	_, err := s.db.ExecContext(ctx, `UPDATE sync_updates SET applied_at = ?, apply_error = ? WHERE version = ?`,
		at, applyErr, version)
	if err != nil {
		return fmt.Errorf("store: mark sync update: %w", err)
	}
	return nil
}

// SyncUpdates lists received updates, newest first.
func (s *Store) SyncUpdates(ctx context.Context, limit int) ([]SyncUpdate, error) {
	if limit <= 0 {
		limit = 50
	}
	rows, err := s.db.QueryContext(ctx, `SELECT version, kind, name, sha256, content, received_at, applied_at, apply_error
		FROM sync_updates ORDER BY version DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("store: sync updates: %w", err)
	}
	defer rows.Close()
	var out []SyncUpdate
	for rows.Next() {
		var u SyncUpdate
		var recv string
		var applied sql.NullString
		if err := rows.Scan(&u.Version, &u.Kind, &u.Name, &u.SHA256, &u.Content, &recv, &applied, &u.ApplyError); err != nil {
			return nil, fmt.Errorf("store: sync updates: %w", err)
		}
		u.ReceivedAt, u.AppliedAt = parseTime(recv), nullTime(applied)
		out = append(out, u)
	}
	return out, rows.Err()
}
