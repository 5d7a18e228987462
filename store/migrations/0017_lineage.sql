-- 0017: the store's lineage. A store restored from a backup rewinds its
-- event seq: the numbers after the backup are handed out again to new
-- events. The central office keeps its marks per lineage, so a restore
-- starts a new lineage (parent = the backup's, fork_seq = the backup's
-- last event) and the centre takes everything after the fork again instead
-- of taking the reused numbers for events it already holds. The newest row
-- is the current lineage. generation orders lineages in time (seconds
-- since 2024-01-01 UTC at the restore, 0 for the first): a row synced from
-- a later lineage wins over the same row from an earlier one.
CREATE TABLE lineage (
    id         TEXT PRIMARY KEY,
    parent     TEXT NOT NULL DEFAULT '',
    fork_seq   INTEGER NOT NULL DEFAULT 0,
    generation INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
INSERT INTO lineage (id, parent, fork_seq, generation, created_at)
VALUES (lower(hex(randomblob(16))), '', (SELECT COALESCE(max(seq), 0) FROM events), 0,
        strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

-- One sync (or backup) at a time per store, across processes (the counter
-- app's nightly job and `loket sync` from a terminal): a running run beats
-- its heartbeat every 30 s; a run whose heartbeat stopped was cut by a
-- crash or power loss.
ALTER TABLE sync_runs ADD COLUMN heartbeat_at TEXT;
