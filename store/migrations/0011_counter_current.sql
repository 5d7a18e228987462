-- 0011: the ticket a counter is serving. CallNext and the counter screen
-- look for a counter's called or serving ticket; through tickets_counter
-- that walked every ticket the counter ever called (a year's 37,000 tickets
-- at one counter: 49 ms per look-up, inside the write transaction). This
-- index holds only the few tickets being called or served (33 µs).
CREATE INDEX tickets_counter_active ON tickets (counter_id, called_at) WHERE status IN ('called', 'serving');
