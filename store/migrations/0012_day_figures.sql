-- 0012: the office's own figures per business day, computed by the office
-- (office.(*Local).RefreshDayFigures, with its working calendar and the
-- service norms of its Standar Pelayanan) before every sync and shipped to
-- the central office, which has neither and must not re-implement them.
-- business_date is the sync id (the centre keys records by office too).
CREATE TABLE day_figures (
    office_code      TEXT NOT NULL REFERENCES offices(code),
    business_date    TEXT NOT NULL,              -- YYYY-MM-DD, office zone
    issued           INTEGER NOT NULL DEFAULT 0,
    served           INTEGER NOT NULL DEFAULT 0,
    no_show          INTEGER NOT NULL DEFAULT 0,
    cancelled        INTEGER NOT NULL DEFAULT 0,
    norm_known       INTEGER NOT NULL DEFAULT 0, -- finished tickets whose service has a time norm
    norm_met         INTEGER NOT NULL DEFAULT 0, -- of those, finished within it (working time)
    median_wait_s    INTEGER,                    -- NULL: no ticket was called
    respondents      INTEGER NOT NULL DEFAULT 0,
    ikm              REAL,                       -- 25..100; NULL: no survey answer
    computed_at      TEXT NOT NULL,              -- last computation
    updated_at       TEXT NOT NULL,              -- last change of a figure (drives the sync)
    PRIMARY KEY (office_code, business_date)
);
CREATE INDEX day_figures_updated ON day_figures (updated_at);
