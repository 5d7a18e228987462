-- 0005: the front office: stakeholders (satker), visitors and receipts
-- (tanda terima) with the requirement checklist ticked at the counter.
CREATE TABLE satkers (
    code       TEXT PRIMARY KEY CHECK (length(code) = 6),
    name       TEXT NOT NULL CHECK (name <> ''),
    updated_at TEXT NOT NULL
);

CREATE TABLE visitors (
    id          TEXT PRIMARY KEY,
    satker_code TEXT NOT NULL DEFAULT '',
    name        TEXT NOT NULL CHECK (name <> ''),
    id_number   TEXT NOT NULL DEFAULT '', -- NIP or NIK, optional
    phone       TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX visitors_phone ON visitors (phone);
CREATE INDEX visitors_satker ON visitors (satker_code);

CREATE TABLE receipts (
    id                 TEXT PRIMARY KEY,
    office_code        TEXT NOT NULL,
    year               INTEGER NOT NULL,
    seq                INTEGER NOT NULL,
    number             TEXT NOT NULL UNIQUE,
    ticket_id          TEXT NOT NULL DEFAULT '',
    visitor_id         TEXT NOT NULL REFERENCES visitors(id),
    service_id         TEXT NOT NULL REFERENCES services(id),
    catalog_service_id TEXT NOT NULL DEFAULT '', -- the checklist version served under
    purpose            TEXT NOT NULL DEFAULT '',
    checklist          TEXT NOT NULL,            -- JSON [{name, present, note}]
    complete           INTEGER NOT NULL,
    due_at             TEXT,
    due_note           TEXT NOT NULL DEFAULT '',
    officer_id         TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    printed_at         TEXT,
    print_count        INTEGER NOT NULL DEFAULT 0,
    print_error        TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX receipts_seq ON receipts (office_code, year, seq);
CREATE INDEX receipts_created ON receipts (created_at);
