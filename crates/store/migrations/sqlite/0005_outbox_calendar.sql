-- A message may carry a calendar file (RFC 5545 text): sessions a provider holds come with
-- one, so the class lands in their phone's calendar.
ALTER TABLE outbox ADD COLUMN calendar TEXT;
