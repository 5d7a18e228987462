-- 0008: indexes for the counter's hot path. A ticket enters this index only
-- when it is called (counter_id set), so issuing pays nothing for it.
CREATE INDEX tickets_counter ON tickets (counter_id, called_at) WHERE counter_id IS NOT NULL;
