-- 0010: the nightly sync to the central office (loket-pusat) and the
-- record of its runs. The position is the event seq: everything up to
-- event_seq has been acknowledged by the central server.
CREATE TABLE sync_state (
    target         TEXT PRIMARY KEY,           -- the central server's URL
    event_seq      INTEGER NOT NULL DEFAULT 0, -- last acknowledged event seq
    update_version INTEGER NOT NULL DEFAULT 0, -- last pushed-down update applied
    updated_at     TEXT NOT NULL
);

-- One row per nightly job, catch-up, "sync now" or CLI run, and backup.
CREATE TABLE sync_runs (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('sync', 'backup')),
    trigger     TEXT NOT NULL DEFAULT '',      -- nightly, catchup, manual, cli
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    batches     INTEGER NOT NULL DEFAULT 0,
    records     INTEGER NOT NULL DEFAULT 0,
    result      TEXT NOT NULL DEFAULT 'running' CHECK (result IN ('running', 'ok', 'error')),
    error       TEXT NOT NULL DEFAULT '',
    detail      TEXT NOT NULL DEFAULT ''       -- backup file, position reached ...
);
CREATE INDEX sync_runs_started ON sync_runs (kind, started_at);

-- Updates pushed down by the central office (holiday calendar, catalog
-- documents), kept as received; applied marks the ones handed to the
-- office service.
CREATE TABLE sync_updates (
    version     INTEGER PRIMARY KEY,           -- the central server's version
    kind        TEXT NOT NULL,
    name        TEXT NOT NULL DEFAULT '',
    sha256      TEXT NOT NULL,
    content     BLOB NOT NULL,
    received_at TEXT NOT NULL,
    applied_at  TEXT,
    apply_error TEXT NOT NULL DEFAULT ''
);
