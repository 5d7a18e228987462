-- 0003: the holiday calendar (libur nasional, cuti bersama), editable by
-- the office admin and importable from the SKB 3 Menteri CSV.
CREATE TABLE holidays (
    date       TEXT PRIMARY KEY, -- YYYY-MM-DD
    kind       TEXT NOT NULL CHECK (kind IN ('libur_nasional', 'cuti_bersama')),
    name       TEXT NOT NULL CHECK (name <> ''),
    updated_at TEXT NOT NULL
);
