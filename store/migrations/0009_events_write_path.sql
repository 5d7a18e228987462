-- 0009: the ticket write path pays one page per index on every event.
-- Nothing on a hot path looks events up by ticket (screens and reports read
-- the tickets table, the sync and the LAN stream read by seq), so the index
-- on events.ticket_id goes: issuing a ticket writes three pages, not four.
DROP INDEX IF EXISTS events_ticket;
