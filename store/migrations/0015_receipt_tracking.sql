-- 0015: one receipt per visit, and the file tracked to completion.
-- A receipt saved again for the same ticket is updated in place
-- (updated_at, saves); its file walks diterima → diproses → selesai →
-- diambil/diserahkan (or dikembalikan), each step also an event
-- receipt.status carrying officer and time.
ALTER TABLE receipts ADD COLUMN status TEXT NOT NULL DEFAULT 'diterima';
ALTER TABLE receipts ADD COLUMN status_at TEXT;
ALTER TABLE receipts ADD COLUMN steps INTEGER NOT NULL DEFAULT 0;
ALTER TABLE receipts ADD COLUMN processed_at TEXT;
ALTER TABLE receipts ADD COLUMN completed_at TEXT;
ALTER TABLE receipts ADD COLUMN closed_at TEXT;
ALTER TABLE receipts ADD COLUMN updated_at TEXT;
ALTER TABLE receipts ADD COLUMN saves INTEGER NOT NULL DEFAULT 1;
-- The steps as JSON [{at, kind, status, officer}], written with each
-- event: the receipt's history without scanning the event log (which has
-- no ticket index, to keep the write path lean).
ALTER TABLE receipts ADD COLUMN history TEXT NOT NULL DEFAULT '[]';

-- Receipts from before: a complete file was received, an incomplete one
-- went back to the visitor at the counter.
UPDATE receipts SET status = CASE WHEN complete THEN 'diterima' ELSE 'dikembalikan' END,
    status_at = created_at, updated_at = created_at,
    closed_at = CASE WHEN complete THEN NULL ELSE created_at END,
    history = json_array(json_object('at', created_at, 'kind', 'receipt.created',
        'status', CASE WHEN complete THEN 'diterima' ELSE 'dikembalikan' END, 'officer', officer_id));

CREATE INDEX receipts_ticket ON receipts (ticket_id, created_at);
CREATE INDEX receipts_open ON receipts (status, due_at);
