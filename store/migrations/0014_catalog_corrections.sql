-- 0014: the office's own corrections of its service catalog. A parsed
-- document version is never edited; a correction sits beside it, keyed by
-- the catalog key (unit + name, normalised), so it applies to whichever
-- version of the document is current and survives a newer import. A
-- dropped correction keeps its row (dropped_at set) for the record; saving
-- the key again revives it.
CREATE TABLE catalog_corrections (
    id          TEXT PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,
    source      TEXT NOT NULL,              -- the document the service belongs to
    unit        TEXT NOT NULL,
    manual      INTEGER NOT NULL DEFAULT 0, -- 1: a service added by hand
    data        TEXT NOT NULL,              -- the correction as JSON (office.CatalogCorrection)
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    dropped_at  TEXT                        -- NULL: in force
);
CREATE INDEX catalog_corrections_source ON catalog_corrections (source);
