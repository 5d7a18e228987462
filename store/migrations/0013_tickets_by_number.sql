-- 0013: tickets stored in (office, business date, prefix, number) order.
-- The table's key was the id, so a counter's "call next" read today's
-- tickets through tickets_number and looked every one of them up by id
-- to see its status: a few thousand random seeks per call on a busy day,
-- the hub's largest cost under load. Keyed by number, today's tickets are
-- one contiguous run of rows that carry their status; the number stays
-- unique (it is the key), and the id gets the unique index the number had,
-- so a write still touches two B-trees.
-- The status check is spelled as comparisons: an IN list of six values
-- made SQLite build a temporary b-tree on every insert.
-- No table references tickets, so the rebuild needs no foreign-key dance.
CREATE TABLE tickets_new (
    id            TEXT NOT NULL,
    office_code   TEXT NOT NULL REFERENCES offices(code),
    business_date TEXT NOT NULL,
    prefix        TEXT NOT NULL,
    number        INTEGER NOT NULL CHECK (number >= 1),
    service_id    TEXT NOT NULL REFERENCES services(id),
    priority      TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL CHECK (status = 'waiting' OR status = 'called' OR status = 'serving'
                                       OR status = 'done' OR status = 'no_show' OR status = 'cancelled'),
    issued_at     TEXT NOT NULL,
    queued_at     TEXT NOT NULL,
    called_at     TEXT,
    counter_id    TEXT REFERENCES counters(id),
    officer_id    TEXT REFERENCES officers(id),
    call_count    INTEGER NOT NULL DEFAULT 0,
    served_at     TEXT,
    finished_at   TEXT,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (office_code, business_date, prefix, number)
) WITHOUT ROWID;
INSERT INTO tickets_new (id, office_code, business_date, prefix, number, service_id, priority, status, issued_at,
    queued_at, called_at, counter_id, officer_id, call_count, served_at, finished_at, updated_at)
SELECT id, office_code, business_date, prefix, number, service_id, priority, status, issued_at,
    queued_at, called_at, counter_id, officer_id, call_count, served_at, finished_at, updated_at
FROM tickets;
DROP TABLE tickets;
ALTER TABLE tickets_new RENAME TO tickets;
CREATE UNIQUE INDEX tickets_id ON tickets (id);
CREATE INDEX tickets_counter ON tickets (counter_id, called_at) WHERE counter_id IS NOT NULL;
CREATE INDEX tickets_counter_active ON tickets (counter_id, called_at) WHERE status IN ('called', 'serving');
