-- 0016: counter hand-over and login throttling.
--
-- A session handed over by its officer (Keluar, "Serahkan loket") stays
-- open, so the counter keeps serving, until the next officer opens the
-- counter and takes it over.
ALTER TABLE counter_sessions ADD COLUMN handed_over_at TEXT;

-- Failed logins since the last success, per typed username ('user:<name>')
-- and per hub device ('device:<id>'). A row exists only while something is
-- counted; a success or an admin's unlock deletes it.
CREATE TABLE login_throttle (
    subject         TEXT PRIMARY KEY,
    failures        INTEGER NOT NULL CHECK (failures >= 0),
    blocked_until   TEXT,
    locked_at       TEXT,
    last_failure_at TEXT NOT NULL
);
