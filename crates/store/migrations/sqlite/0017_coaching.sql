-- Coaching (DOMAIN.md §9): coaches, the hours they publish on the program's (Pacific) clock,
-- their time off, and appointments. A coach holds one live appointment per start time (the
-- unique index), whatever two requests do at once.
CREATE TABLE coaches (
    coach_id    INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    -- ';'-separated BCP 47 tags and topic codes.
    languages   TEXT NOT NULL,
    topics      TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE TABLE coach_hours (
    coach_id     INTEGER NOT NULL REFERENCES coaches (coach_id),
    weekday      INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6), -- 0 is Sunday
    start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute   INTEGER NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
    PRIMARY KEY (coach_id, weekday, start_minute),
    CHECK (start_minute < end_minute)
);
CREATE TABLE coach_time_off (
    coach_id  INTEGER NOT NULL REFERENCES coaches (coach_id),
    starts_at TEXT NOT NULL,
    ends_at   TEXT NOT NULL,
    CHECK (starts_at < ends_at)
);
CREATE INDEX coach_time_off_coach ON coach_time_off (coach_id, starts_at);
CREATE TABLE appointments (
    appointment_id  INTEGER PRIMARY KEY,
    coach_id        INTEGER NOT NULL REFERENCES coaches (coach_id),
    provider_number INTEGER NOT NULL,
    topic           TEXT NOT NULL
                    CHECK (topic IN ('catalog', 'payments', 'class-technology', 'other')),
    language        TEXT NOT NULL,
    starts_at       TEXT NOT NULL,
    length_minutes  INTEGER NOT NULL CHECK (length_minutes > 0),
    state           TEXT NOT NULL DEFAULT 'booked'
                    CHECK (state IN ('booked', 'cancelled', 'held', 'no-show')),
    booked_at       TEXT NOT NULL
);
CREATE UNIQUE INDEX appointments_slot ON appointments (coach_id, starts_at)
    WHERE state <> 'cancelled';
CREATE INDEX appointments_provider ON appointments (provider_number, starts_at);
CREATE INDEX appointments_time ON appointments (starts_at) WHERE state <> 'cancelled';

-- Help tickets (DOMAIN.md §9): opened by a provider or by someone not signed in (with a way to
-- reach them), routed when opened to the desk that answers them: a course's vendor, the
-- service desk or the program inbox.
CREATE TABLE tickets (
    ticket_id         INTEGER PRIMARY KEY,
    provider_number   INTEGER,
    contact_name      TEXT,
    contact           TEXT,
    language          TEXT NOT NULL,
    category          TEXT NOT NULL
                      CHECK (category IN ('course-registration', 'payments-and-claims', 'other')),
    course_number     TEXT,
    desk              TEXT NOT NULL CHECK (desk IN ('vendor', 'service-desk', 'program-inbox')),
    vendor_code       TEXT,
    subject           TEXT NOT NULL,
    status            TEXT NOT NULL DEFAULT 'open'
                      CHECK (status IN ('open', 'waiting-on-provider', 'resolved')),
    opened_at         TEXT NOT NULL,
    first_response_at TEXT,
    resolved_at       TEXT,
    CHECK (provider_number IS NOT NULL OR contact IS NOT NULL),
    CHECK ((desk = 'vendor') = (vendor_code IS NOT NULL))
);
CREATE INDEX tickets_desk ON tickets (desk, vendor_code, status, opened_at);
CREATE INDEX tickets_provider ON tickets (provider_number, opened_at);
CREATE TABLE ticket_messages (
    message_id INTEGER PRIMARY KEY,
    ticket_id  INTEGER NOT NULL REFERENCES tickets (ticket_id),
    from_staff INTEGER NOT NULL CHECK (from_staff IN (0, 1)),
    author     TEXT NOT NULL,
    body       TEXT NOT NULL,
    written_at TEXT NOT NULL
);
CREATE INDEX ticket_messages_ticket ON ticket_messages (ticket_id, message_id);
