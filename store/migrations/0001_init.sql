-- 0001: the office store. Times are UTC RFC 3339 text; business dates are
-- YYYY-MM-DD in the office's zone. Shipped migrations are never edited.

CREATE TABLE offices (
    code             TEXT PRIMARY KEY CHECK (length(code) BETWEEN 2 AND 20),
    name             TEXT NOT NULL,
    address          TEXT NOT NULL DEFAULT '',
    phone            TEXT NOT NULL DEFAULT '',
    zone             TEXT NOT NULL DEFAULT 'Asia/Jakarta',
    priority_ratio   INTEGER NOT NULL DEFAULT 2 CHECK (priority_ratio >= 1),
    normal_ratio     INTEGER NOT NULL DEFAULT 1 CHECK (normal_ratio >= 1),
    max_wait_minutes INTEGER NOT NULL DEFAULT 60 CHECK (max_wait_minutes >= 0),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);

CREATE TABLE services (
    id          TEXT PRIMARY KEY,
    office_code TEXT NOT NULL REFERENCES offices(code),
    prefix      TEXT NOT NULL CHECK (length(prefix) BETWEEN 1 AND 3),
    name        TEXT NOT NULL CHECK (name <> ''),
    daily_cap   INTEGER NOT NULL DEFAULT 0 CHECK (daily_cap >= 0),
    active      INTEGER NOT NULL DEFAULT 1,
    catalog_ref TEXT NOT NULL DEFAULT '',
    sort_order  INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX services_prefix ON services (office_code, prefix);

CREATE TABLE counters (
    id          TEXT PRIMARY KEY,
    office_code TEXT NOT NULL REFERENCES offices(code),
    number      INTEGER NOT NULL CHECK (number >= 1),
    name        TEXT NOT NULL,
    active      INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX counters_number ON counters (office_code, number);

CREATE TABLE officers (
    id            TEXT PRIMARY KEY,
    office_code   TEXT NOT NULL REFERENCES offices(code),
    username      TEXT NOT NULL COLLATE NOCASE,
    full_name     TEXT NOT NULL,
    nip           TEXT NOT NULL DEFAULT '',
    role          TEXT NOT NULL CHECK (role IN ('fo', 'cso', 'kasi', 'admin')),
    password_hash TEXT NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE UNIQUE INDEX officers_username ON officers (username);

CREATE TABLE counter_sessions (
    id         TEXT PRIMARY KEY,
    counter_id TEXT NOT NULL REFERENCES counters(id),
    officer_id TEXT NOT NULL REFERENCES officers(id),
    opened_at  TEXT NOT NULL,
    closed_at  TEXT
);
-- A counter is staffed by at most one open session.
CREATE UNIQUE INDEX counter_sessions_open ON counter_sessions (counter_id) WHERE closed_at IS NULL;

CREATE TABLE counter_session_services (
    session_id TEXT NOT NULL REFERENCES counter_sessions(id),
    service_id TEXT NOT NULL REFERENCES services(id),
    PRIMARY KEY (session_id, service_id)
);

CREATE TABLE tickets (
    id            TEXT PRIMARY KEY,
    office_code   TEXT NOT NULL REFERENCES offices(code),
    business_date TEXT NOT NULL,
    prefix        TEXT NOT NULL,
    number        INTEGER NOT NULL CHECK (number >= 1),
    service_id    TEXT NOT NULL REFERENCES services(id),
    priority      TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL CHECK (status IN ('waiting', 'called', 'serving', 'done', 'no_show', 'cancelled')),
    issued_at     TEXT NOT NULL,
    queued_at     TEXT NOT NULL,
    called_at     TEXT,
    counter_id    TEXT REFERENCES counters(id),
    officer_id    TEXT REFERENCES officers(id),
    call_count    INTEGER NOT NULL DEFAULT 0,
    served_at     TEXT,
    finished_at   TEXT,
    updated_at    TEXT NOT NULL
) WITHOUT ROWID; -- the id index is the table: one page less per write
-- Numbers never repeat within a day and prefix, whatever the issuer. The
-- index also finds a day's tickets, so the write path keeps no other.
CREATE UNIQUE INDEX tickets_number ON tickets (office_code, business_date, prefix, number);

-- The append-only event log: every state change, with a globally unique id.
CREATE TABLE events (
    seq         INTEGER PRIMARY KEY, -- rowid: monotonic, since events are never deleted
    -- Minted here only (office code + UUIDv7), so unique by construction;
    -- the central server enforces uniqueness across offices. No local
    -- index: the write path of every ticket pays for each one.
    id          TEXT NOT NULL,
    office_code TEXT NOT NULL,
    at          TEXT NOT NULL,
    kind        TEXT NOT NULL,
    ticket_id   TEXT,
    service_id  TEXT,
    counter_id  TEXT,
    officer_id  TEXT,
    data        TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX events_ticket ON events (ticket_id);

CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only');
END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only');
END;
