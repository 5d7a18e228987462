-- 0021: the visitor's side (issue 23). office_bookings is the office's copy
-- of the appointments (janji temu) made at the centre: the booking sync
-- fills it, the kiosk checks visitors in against it, so an office cut off
-- from the centre still checks in everyone it already knew. Slots are UTC
-- RFC 3339 like every other time here.
CREATE TABLE office_bookings (
    code                 TEXT PRIMARY KEY CHECK (length(code) BETWEEN 4 AND 32),
    office_code          TEXT NOT NULL,
    service_id           TEXT NOT NULL,
    slot_start           TEXT NOT NULL,
    slot_end             TEXT NOT NULL,
    name                 TEXT NOT NULL DEFAULT '',
    phone_masked         TEXT NOT NULL DEFAULT '',
    satker               TEXT NOT NULL DEFAULT '',
    priority             TEXT NOT NULL DEFAULT '',
    status               TEXT NOT NULL DEFAULT 'booked'
                         CHECK (status IN ('booked', 'checked_in', 'cancelled', 'no_show')),
    checked_in_ticket_id TEXT,
    updated_at           TEXT NOT NULL
);
-- Call-next looks for booked visitors waiting: only the checked-in rows,
-- a handful a day, are in this index.
CREATE INDEX office_bookings_checked_in ON office_bookings (office_code, slot_start)
    WHERE status = 'checked_in';
CREATE UNIQUE INDEX office_bookings_ticket ON office_bookings (checked_in_ticket_id)
    WHERE checked_in_ticket_id IS NOT NULL;

-- The key that signs the phone links printed on ticket stubs (/t/<code>):
-- the link is the ticket's date and number with an HMAC of it, so a visitor
-- cannot guess another's, and issuing a ticket writes nothing more. Its own
-- table, not a setting: settings travel to the centre on sync, and no API
-- reads this.
CREATE TABLE local_keys (
    name TEXT PRIMARY KEY,
    key  TEXT NOT NULL
);
INSERT INTO local_keys (name, key) VALUES ('phone_link', lower(hex(randomblob(32))));
