-- 0022: appointments (janji temu) booked at the centre, pulled by the
-- office every few minutes. office_bookings is the office's list of them
-- (the kiosk checks visitors in against it, also when the centre cannot be
-- reached); migration 0021 of the visitor's side may have made it already,
-- with the same columns. booking_pulled keeps each booking's state as the
-- centre last said it, so a check-in or a no-show the office recorded
-- since is known and pushed up; booking_pull holds the cursor.
CREATE TABLE IF NOT EXISTS office_bookings (
    code                 TEXT PRIMARY KEY,
    office_code          TEXT NOT NULL,
    service_id           TEXT NOT NULL,
    slot_start           TEXT NOT NULL,
    slot_end             TEXT NOT NULL,
    name                 TEXT NOT NULL DEFAULT '',
    phone_masked         TEXT NOT NULL DEFAULT '',
    satker               TEXT NOT NULL DEFAULT '',
    priority             INTEGER NOT NULL DEFAULT 0,
    status               TEXT NOT NULL DEFAULT 'booked'
                         CHECK (status IN ('booked', 'checked_in', 'cancelled', 'no_show')),
    checked_in_ticket_id TEXT NOT NULL DEFAULT '',
    updated_at           TEXT NOT NULL
);
CREATE TABLE booking_pulled (
    code      TEXT PRIMARY KEY,
    status    TEXT NOT NULL,
    ticket_id TEXT NOT NULL DEFAULT '',
    seq       INTEGER NOT NULL
);
CREATE TABLE booking_pull (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    cursor     INTEGER NOT NULL DEFAULT 0,
    pulled_at  TEXT NOT NULL DEFAULT '',
    last_error TEXT NOT NULL DEFAULT ''
);
INSERT INTO booking_pull (id) VALUES (1);
