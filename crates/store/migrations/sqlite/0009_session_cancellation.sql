-- A vendor can call a session off (DOMAIN.md §3): it leaves the catalog, every place on it ends
-- and each person is told. The row stays, since attendance and the audit log point at it.
ALTER TABLE sessions ADD COLUMN cancelled_at TEXT;
ALTER TABLE sessions ADD COLUMN cancel_reason TEXT;

-- A place that ended because its session was called off, as against one the provider gave up:
-- "My classes" keeps showing the first kind, with the vendor's reason, until the class date.
ALTER TABLE registrations ADD COLUMN ended_by_session INTEGER NOT NULL DEFAULT 0
    CHECK (ended_by_session IN (0, 1));

-- The catalog reads only sessions that are on; the index keeps answering its filters and counts
-- without visiting the table.
DROP INDEX sessions_upcoming;
CREATE INDEX sessions_upcoming
    ON sessions (course_number, ends_at, starts_at, capacity, location, session_id)
    WHERE cancelled_at IS NULL;
