-- 0023: personal data duties (UU 27/2022 Pelindungan Data Pribadi).
-- The access log: every view of a visitor's or stakeholder's personal data
-- (who, when, which record, on which screen). Append-only like events; it
-- holds no personal data itself, only record ids.
CREATE TABLE pd_access_log (
    id           TEXT PRIMARY KEY,
    at           TEXT NOT NULL,
    officer_id   TEXT NOT NULL DEFAULT '',  -- from the login (officer token over the hub)
    subject_kind TEXT NOT NULL,             -- visitor, consultation, receipt
    subject_id   TEXT NOT NULL,
    visitor_id   TEXT NOT NULL DEFAULT '',  -- the person, for the subject's own export
    screen       TEXT NOT NULL DEFAULT ''   -- why: the screen or command that showed it
);
CREATE INDEX pd_access_log_visitor ON pd_access_log (visitor_id, at);
CREATE INDEX pd_access_log_at ON pd_access_log (at);

-- A person's processing restricted (ps. 41) or their data erased (ps. 43)
-- on request or when the retention period ended; the reason is in the
-- event. A restricted visitor is no longer offered by the look-ups.
ALTER TABLE visitors ADD COLUMN restricted_at TEXT;
ALTER TABLE visitors ADD COLUMN erased_at TEXT;
-- When each kind of personal field was pseudonymised by the retention job
-- (NULL: still held).
ALTER TABLE consultations ADD COLUMN purged_at TEXT;
ALTER TABLE receipts ADD COLUMN purged_at TEXT;

-- The data protection officer (ps. 53) is an officer role. Only the CHECK
-- constraint's text changes: the rows' format does not, and rebuilding the
-- table would break the foreign keys of counter_sessions and tickets inside
-- the migration's transaction (SQLite's documented writable_schema
-- procedure for changing a CHECK; the CREATE INDEX after it bumps the
-- schema cookie so every connection reloads the schema).
PRAGMA writable_schema = ON;
UPDATE sqlite_master SET sql = replace(sql, 'role IN (''fo'', ''cso'', ''kasi'', ''admin'')',
    'role IN (''fo'', ''cso'', ''kasi'', ''admin'', ''dpo'')')
    WHERE type = 'table' AND name = 'officers';
PRAGMA writable_schema = OFF;
CREATE INDEX visitors_restricted ON visitors (restricted_at) WHERE restricted_at IS NOT NULL;
PRAGMA writable_schema = RESET;
