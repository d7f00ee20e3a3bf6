-- Registrations for sessions (DOMAIN.md §3): first come, first served. The id is the order in
-- which registrations were accepted, so the waitlist is the waitlisted rows in id order.
CREATE TABLE registrations (
    registration_id INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id      TEXT NOT NULL REFERENCES sessions (session_id),
    provider_number INTEGER NOT NULL REFERENCES providers (provider_number),
    status          TEXT NOT NULL CHECK (status IN ('registered', 'waitlisted', 'cancelled')),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
-- One live registration per provider and session; cancelled ones are history.
CREATE UNIQUE INDEX registrations_live ON registrations (session_id, provider_number)
    WHERE status <> 'cancelled';
CREATE INDEX registrations_session ON registrations (session_id, status, registration_id);
CREATE INDEX registrations_provider ON registrations (provider_number, status);
