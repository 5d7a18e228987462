-- 0025: office_bookings has one representation for both halves of issue 23
-- (0021 made the table; 0022's CREATE TABLE IF NOT EXISTS never ran).
-- checked_in_ticket_id is NULL until a check-in: the unique index covers
-- only tickets given, and an empty string from an early booking pull
-- would collide with the next. priority is the lane name, '' for none:
-- the early pull wrote the centre's yes/no flag as 0 or 1, and a booking
-- in the priority share checks in on the lane 'kelompok_prioritas'.
UPDATE office_bookings SET checked_in_ticket_id = NULL WHERE checked_in_ticket_id = '';
UPDATE office_bookings SET priority = '' WHERE priority IN ('0', 0);
UPDATE office_bookings SET priority = 'kelompok_prioritas' WHERE priority IN ('1', 1);
