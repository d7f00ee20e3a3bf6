-- Messages about one thing (a provider's place in a session) share a topic, so the ones not yet
-- sent can be withdrawn when the thing changes (a reminder for a class the person cancelled).
ALTER TABLE outbox ADD COLUMN topic TEXT;
CREATE INDEX outbox_topic ON outbox (topic) WHERE sent_at IS NULL;
