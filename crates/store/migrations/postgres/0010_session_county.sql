-- The county of an in-person session's place (decision 0013), so the catalog can find
-- courses with a class in a county. The sessions file has only a free-text place, so the
-- county is worked out from its ZIP code by the domain (`county_of_location`) whenever a
-- session is written. NULL: online, or a place whose county cannot be told.
ALTER TABLE sessions ADD COLUMN county_code BIGINT CHECK (county_code BETWEEN 1 AND 58);

-- A search for a county probes each course's sessions in that county that have not ended
-- (dates and seats included, as `sessions_upcoming` does for the other filters); like it,
-- only sessions that are on (migration 0009).
CREATE INDEX sessions_county ON sessions (county_code, course_number, ends_at)
    INCLUDE (starts_at, capacity, session_id)
    WHERE county_code IS NOT NULL AND cancelled_at IS NULL;

-- Work SQL cannot do, left for the program to do once after migrating (`Store::migrate`
-- does it and removes the row). Sessions stored before this migration get their county.
CREATE TABLE pending_backfills (
    name TEXT PRIMARY KEY
);
INSERT INTO pending_backfills (name) VALUES ('sessions.county_code');
