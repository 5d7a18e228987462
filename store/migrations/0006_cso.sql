-- 0006: the CSO consultation log (Layanan Konsultasi Stakeholder):
-- consultations with their status clock, notes (progress, escalation,
-- Kepala Seksi responses), promised call backs, the editable category
-- list and a full-text index of resolved answers for the CSO's look-up.
CREATE TABLE cso_categories (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE CHECK (name <> ''),
    position   INTEGER NOT NULL,
    active     INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL
);
INSERT INTO cso_categories (id, name, position, updated_at) VALUES
    ('sakti', 'SAKTI', 1, '2026-01-01T00:00:00.000000000Z'),
    ('pembayaran', 'Pembayaran/SPM', 2, '2026-01-01T00:00:00.000000000Z'),
    ('supplier', 'Supplier', 3, '2026-01-01T00:00:00.000000000Z'),
    ('kontrak', 'Kontrak', 4, '2026-01-01T00:00:00.000000000Z'),
    ('bendahara', 'Bendahara', 5, '2026-01-01T00:00:00.000000000Z'),
    ('pelaporan', 'Pelaporan/Rekonsiliasi', 6, '2026-01-01T00:00:00.000000000Z'),
    ('gaji', 'Gaji', 7, '2026-01-01T00:00:00.000000000Z'),
    ('aset', 'Aset', 8, '2026-01-01T00:00:00.000000000Z'),
    ('pajak', 'Pajak', 9, '2026-01-01T00:00:00.000000000Z'),
    ('hibah', 'Hibah', 10, '2026-01-01T00:00:00.000000000Z'),
    ('lainnya', 'Lainnya', 11, '2026-01-01T00:00:00.000000000Z');

CREATE TABLE consultations (
    id                TEXT PRIMARY KEY,
    office_code       TEXT NOT NULL,
    year              INTEGER NOT NULL,
    seq               INTEGER NOT NULL,
    number            TEXT NOT NULL UNIQUE,             -- KS-<office>-<year>-<seq>
    channel           TEXT NOT NULL CHECK (channel IN ('tatap_muka', 'hai_cso', 'telepon', 'email', 'whatsapp', 'surat')),
    category          TEXT NOT NULL,                    -- cso_categories.id at the time
    visitor_id        TEXT NOT NULL DEFAULT '',         -- the person (visitors.id), shared with the front office
    satker_code       TEXT NOT NULL DEFAULT '',
    question          TEXT NOT NULL CHECK (question <> ''),
    identification    TEXT NOT NULL DEFAULT '',
    answer            TEXT NOT NULL DEFAULT '',
    attachments       TEXT NOT NULL DEFAULT '[]',       -- JSON list of file references
    ticket_id         TEXT NOT NULL DEFAULT '',
    lapor_ref         TEXT NOT NULL DEFAULT '',         -- SP4N-LAPOR! tracking number
    status            TEXT NOT NULL CHECK (status IN ('baru', 'dijawab', 'eskalasi', 'menunggu_dokumen', 'resolved', 'ditutup')),
    officer_id        TEXT NOT NULL,                    -- the CSO who owns it
    escalated_to      TEXT NOT NULL DEFAULT '',         -- the Kepala Seksi while escalated (and after, for history)
    escalation_reason TEXT NOT NULL DEFAULT '',
    kasi_response     TEXT NOT NULL DEFAULT '',
    opened_at         TEXT NOT NULL,
    due_at            TEXT NOT NULL,                    -- follow-up deadline: 3 working days
    answered_at       TEXT,
    resolved_at       TEXT,
    closed_at         TEXT,
    progress_at       TEXT NOT NULL,                    -- last progress shown to the stakeholder
    updated_at        TEXT NOT NULL
);
CREATE UNIQUE INDEX consultations_seq ON consultations (office_code, year, seq);
CREATE INDEX consultations_opened ON consultations (opened_at);
CREATE INDEX consultations_open ON consultations (status) WHERE status NOT IN ('resolved', 'ditutup');

CREATE TABLE consultation_notes (
    id              TEXT PRIMARY KEY,
    consultation_id TEXT NOT NULL REFERENCES consultations(id),
    kind            TEXT NOT NULL,  -- progress, answer, escalation, kasi, documents, resolved, closed, callback
    officer_id      TEXT NOT NULL DEFAULT '',
    body            TEXT NOT NULL,
    created_at      TEXT NOT NULL
);
CREATE INDEX consultation_notes_c ON consultation_notes (consultation_id, created_at);

CREATE TABLE consultation_callbacks (
    id               TEXT PRIMARY KEY,
    consultation_id  TEXT NOT NULL REFERENCES consultations(id),
    officer_id       TEXT NOT NULL,
    phone            TEXT NOT NULL DEFAULT '',
    due_at           TEXT NOT NULL,
    note             TEXT NOT NULL DEFAULT '',
    done_at          TEXT,
    done_by          TEXT NOT NULL DEFAULT '',
    verified_data    INTEGER NOT NULL DEFAULT 0,
    verified_problem INTEGER NOT NULL DEFAULT 0,
    solution         TEXT NOT NULL DEFAULT '',
    updated_at       TEXT NOT NULL
);
CREATE INDEX consultation_callbacks_open ON consultation_callbacks (due_at) WHERE done_at IS NULL;

-- Resolved answers, searchable while the CSO types a new question. Rows
-- are keyed by the consultation id and replaced when it is resolved again.
CREATE VIRTUAL TABLE consultation_fts USING fts5(
    consultation_id UNINDEXED, question, identification, answer,
    tokenize = 'unicode61 remove_diacritics 2'
);
