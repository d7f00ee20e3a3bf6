-- Program data of DOMAIN.md §2–4 and §8. Money in cents, hours in hundredths, so comparisons
-- and sums are exact.

CREATE TABLE policy_versions (
    version        TEXT PRIMARY KEY,
    effective_from DATE NOT NULL UNIQUE,
    body           TEXT NOT NULL,            -- the whole PolicyVersion as JSON
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE vendors (
    vendor_code TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    email       TEXT NOT NULL,
    phone       TEXT NOT NULL,
    website     TEXT NOT NULL
);

CREATE TABLE wage_rates (
    county_code       BIGINT NOT NULL CHECK (county_code BETWEEN 1 AND 58),
    effective_from    DATE NOT NULL,
    hourly_rate_cents BIGINT NOT NULL CHECK (hourly_rate_cents >= 0),
    PRIMARY KEY (county_code, effective_from)
);

CREATE TABLE courses (
    course_number     TEXT PRIMARY KEY,
    vendor_code       TEXT NOT NULL REFERENCES vendors (vendor_code),
    pathway           TEXT NOT NULL CHECK (pathway IN ('GHS', 'AED', 'CIB', 'CPC', 'THC')),
    title             TEXT NOT NULL,
    credit_hundredths BIGINT NOT NULL CHECK (credit_hundredths > 0),
    modality          TEXT NOT NULL CHECK (modality IN ('online-instructor', 'self-paced', 'in-person')),
    languages         TEXT NOT NULL,         -- ';'-separated, as in the file
    published_on      DATE,
    retired_on        DATE,
    registration_url  TEXT,
    description       TEXT NOT NULL
);
CREATE INDEX courses_vendor ON courses (vendor_code);

CREATE TABLE course_languages (
    course_number TEXT NOT NULL REFERENCES courses (course_number) ON DELETE CASCADE,
    language      TEXT NOT NULL,
    PRIMARY KEY (course_number, language)
);
CREATE INDEX course_languages_language ON course_languages (language);

CREATE TABLE sessions (
    session_id    TEXT PRIMARY KEY,
    course_number TEXT NOT NULL REFERENCES courses (course_number),
    starts_at     TIMESTAMP NOT NULL,        -- program (Pacific) local time
    ends_at       TIMESTAMP NOT NULL,
    location      TEXT,                      -- NULL: online
    capacity      BIGINT CHECK (capacity IS NULL OR capacity >= 0),
    CHECK (ends_at >= starts_at)
);
CREATE INDEX sessions_course ON sessions (course_number, starts_at);

CREATE TABLE providers (
    provider_number   BIGINT PRIMARY KEY,
    first_name        TEXT NOT NULL,
    last_name         TEXT NOT NULL,
    county_code       BIGINT NOT NULL CHECK (county_code BETWEEN 1 AND 58),
    enrollment_status TEXT NOT NULL CHECK (enrollment_status IN ('complete', 'pending', 'terminated')),
    enrolled_on       DATE,
    last_paid_on      DATE,
    language          TEXT NOT NULL,
    phone             TEXT,
    email             TEXT
);
CREATE INDEX providers_county ON providers (county_code);

CREATE TABLE recipients (
    case_number TEXT PRIMARY KEY,
    county_code BIGINT NOT NULL CHECK (county_code BETWEEN 1 AND 58),
    needs       TEXT NOT NULL
);

-- Feeds from payroll may name a provider or case before its own file arrives, so these tables
-- carry no foreign keys; the rules treat an unknown party as not matching.
CREATE TABLE assignments (
    provider_number BIGINT NOT NULL,
    case_number     TEXT NOT NULL,
    start_date      DATE NOT NULL,
    end_date        DATE,
    PRIMARY KEY (provider_number, case_number, start_date),
    CHECK (end_date IS NULL OR end_date >= start_date)
);

CREATE TABLE work_hours (
    provider_number BIGINT NOT NULL,
    case_number     TEXT NOT NULL,
    week_start      DATE NOT NULL,
    hundredths      BIGINT NOT NULL CHECK (hundredths >= 0),
    PRIMARY KEY (provider_number, case_number, week_start)
);

-- At most one verified and one held record per provider, course and day: a differing report
-- for a verified key is held as a duplicate beside it, for the vendor to correct. The key leads
-- with the date: vendors report in date order, so imports append instead of scattering pages,
-- and verification reads a chunk's few days.
CREATE TABLE attendance (
    provider_number    BIGINT NOT NULL,
    course_number      TEXT NOT NULL,
    attended_on        DATE NOT NULL,
    status             TEXT NOT NULL CHECK (status IN ('verified', 'held')),
    session_id         TEXT,
    minutes            BIGINT NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
    completed          BOOLEAN NOT NULL,
    certificate_number TEXT,
    vendor_code        TEXT NOT NULL,
    hold_reason        TEXT,
    policy_version     TEXT,
    recorded_at        TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (attended_on, provider_number, course_number, status),
    CHECK ((status = 'held') = (hold_reason IS NOT NULL))
);
CREATE INDEX attendance_held ON attendance (vendor_code, hold_reason) WHERE status = 'held';

-- Key fingerprints of the rows an import has read so far, to find a key repeated within one
-- file without holding the file's keys in memory. Emptied before and after every import;
-- imports run one at a time. Scratch data: unlogged.
CREATE UNLOGGED TABLE import_keys (
    fingerprint BIGINT PRIMARY KEY,
    line        BIGINT NOT NULL
);
