-- 0018: the head of each waiting lane, read without a scan. Call-next read
-- every waiting ticket of the counter's services (37 ms at 5,000 waiting)
-- although the ordering rule only ever calls the oldest ticket of the
-- priority lane or of the normal lane. Keyed by service and lane, in
-- arrival order, the head of a lane is one seek; the index holds only
-- waiting tickets, so a call or a finish drops a ticket from it.
CREATE INDEX tickets_waiting ON tickets (office_code, business_date, service_id, (priority <> ''), queued_at, number)
    WHERE status = 'waiting';
