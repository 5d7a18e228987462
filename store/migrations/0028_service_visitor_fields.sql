-- 0028: data minimisation (UU 27/2022 ps. 16(2)b): each service says which
-- visitor fields its registration asks, as a comma-separated list of
-- name, satker, nik, phone, email. The default asks what a front office
-- needs to hand a file back (name, satker, phone); NIK/NIP and email only
-- where an admin says the service needs them.
ALTER TABLE services ADD COLUMN visitor_fields TEXT NOT NULL DEFAULT 'name,satker,phone';
