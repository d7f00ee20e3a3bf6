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
