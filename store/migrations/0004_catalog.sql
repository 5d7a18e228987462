-- 0004: the service catalog read from Standar Pelayanan documents. Every
-- import of a document is a new version; earlier versions stay, so a
-- ticket keeps the checklist it was served under.
CREATE TABLE catalog_documents (
    id          TEXT PRIMARY KEY,
    source      TEXT NOT NULL,           -- file base name
    version     INTEGER NOT NULL,
    unit        TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    content     BLOB NOT NULL,
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX catalog_documents_version ON catalog_documents (source, version);

CREATE TABLE catalog_services (
    id          TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES catalog_documents(id),
    key         TEXT NOT NULL,           -- stable across versions: unit + name, normalised
    number      INTEGER NOT NULL,
    name        TEXT NOT NULL,
    data        TEXT NOT NULL,           -- the parsed service as JSON (standards.Service)
    current     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX catalog_services_key ON catalog_services (key, current);
