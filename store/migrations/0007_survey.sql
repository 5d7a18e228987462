-- 0007: the public satisfaction survey (Survei Kepuasan Masyarakat,
-- PermenPANRB 14/2017). One row per answered questionnaire. The ticket,
-- service, counter and officer are kept so the Kepala Seksi can read the
-- index per service and per officer; the officer never sees a single answer.
-- Element scores are 1..4, NULL when the visitor skipped the question.
CREATE TABLE survey_answers (
    id          TEXT PRIMARY KEY,
    office_code TEXT NOT NULL,
    ticket_id   TEXT NOT NULL DEFAULT '',
    service_id  TEXT NOT NULL DEFAULT '',
    counter_id  TEXT NOT NULL DEFAULT '',
    officer_id  TEXT NOT NULL DEFAULT '',
    u1 INTEGER CHECK (u1 BETWEEN 1 AND 4),
    u2 INTEGER CHECK (u2 BETWEEN 1 AND 4),
    u3 INTEGER CHECK (u3 BETWEEN 1 AND 4),
    u4 INTEGER CHECK (u4 BETWEEN 1 AND 4),
    u5 INTEGER CHECK (u5 BETWEEN 1 AND 4),
    u6 INTEGER CHECK (u6 BETWEEN 1 AND 4),
    u7 INTEGER CHECK (u7 BETWEEN 1 AND 4),
    u8 INTEGER CHECK (u8 BETWEEN 1 AND 4),
    u9 INTEGER CHECK (u9 BETWEEN 1 AND 4),
    comment     TEXT NOT NULL DEFAULT '',
    answered_at TEXT NOT NULL
);
-- A ticket is rated once.
CREATE UNIQUE INDEX survey_answers_ticket ON survey_answers (ticket_id) WHERE ticket_id <> '';
CREATE INDEX survey_answers_at ON survey_answers (answered_at);
