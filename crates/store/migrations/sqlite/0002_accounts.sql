-- People and their access (issue 3): accounts, sessions, sign-in throttling, one-time codes,
-- vendor API tokens, the append-only audit log and the outbox. Times are UTC, whole seconds.

CREATE TABLE accounts (
    account_id      INTEGER PRIMARY KEY AUTOINCREMENT,
    role            TEXT NOT NULL CHECK (role IN ('provider', 'vendor-staff', 'coach',
                        'service-desk', 'county-staff', 'program-admin')),
    email           TEXT UNIQUE CHECK (email = lower(email)),
    provider_number INTEGER UNIQUE REFERENCES providers (provider_number),
    vendor_code     TEXT REFERENCES vendors (vendor_code),
    county_code     INTEGER CHECK (county_code BETWEEN 1 AND 58),
    display_name    TEXT NOT NULL,
    password_hash   TEXT,
    language        TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    disabled        INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    -- A role's ties: a provider is one provider, vendor staff one vendor, county staff one county.
    CHECK ((role = 'provider') = (provider_number IS NOT NULL)),
    CHECK ((role = 'vendor-staff') = (vendor_code IS NOT NULL)),
    CHECK ((role = 'county-staff') = (county_code IS NOT NULL)),
    CHECK (role = 'provider' OR email IS NOT NULL)
);

CREATE TABLE web_sessions (
    token_hash   BLOB PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts (account_id),
    csrf_token   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at   TEXT NOT NULL
);
CREATE INDEX web_sessions_account ON web_sessions (account_id);

-- Failed sign-ins by subject: 'account:<id>' or 'address:<hash of the address>'.
CREATE TABLE sign_in_failures (
    subject   TEXT NOT NULL,
    failed_at TEXT NOT NULL
);
CREATE INDEX sign_in_failures_subject ON sign_in_failures (subject, failed_at);

CREATE TABLE one_time_codes (
    challenge       TEXT PRIMARY KEY,
    purpose         TEXT NOT NULL CHECK (purpose IN ('register', 'reset-password')),
    provider_number INTEGER,
    account_id      INTEGER REFERENCES accounts (account_id),
    code_hash       BLOB NOT NULL,
    created_at      TEXT NOT NULL,
    expires_at      TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    used_at         TEXT
);

CREATE TABLE api_tokens (
    token_id     INTEGER PRIMARY KEY AUTOINCREMENT,
    vendor_code  TEXT NOT NULL REFERENCES vendors (vendor_code),
    name         TEXT NOT NULL,
    token_hash   BLOB NOT NULL UNIQUE,
    prefix       TEXT NOT NULL,
    created_by   INTEGER NOT NULL REFERENCES accounts (account_id),
    created_at   TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at   TEXT
);
CREATE INDEX api_tokens_vendor ON api_tokens (vendor_code);

-- Every change to program data and to access: append-only, enforced below.
CREATE TABLE audit_log (
    audit_id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at               TEXT NOT NULL,
    actor_account_id INTEGER,
    actor_label      TEXT NOT NULL,
    action           TEXT NOT NULL,
    record_type      TEXT NOT NULL,
    record_key       TEXT NOT NULL,
    before_value     TEXT,                   -- JSON
    after_value      TEXT                    -- JSON
);
CREATE INDEX audit_log_record ON audit_log (record_type, record_key, audit_id);
CREATE INDEX audit_log_actor ON audit_log (actor_account_id, audit_id);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
-- INSERT OR REPLACE deletes the row it collides with without firing delete triggers (unless
-- recursive_triggers is on), so an insert may not take an id that is in use.
CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
WHEN EXISTS (SELECT 1 FROM audit_log WHERE audit_id = NEW.audit_id)
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TABLE outbox (
    message_id    INTEGER PRIMARY KEY AUTOINCREMENT,
    channel       TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    recipient     TEXT NOT NULL,
    language      TEXT NOT NULL,
    purpose       TEXT NOT NULL,
    subject       TEXT NOT NULL,
    body          TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    due_at        TEXT NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT,
    leased_until  TEXT,
    sent_at       TEXT
);
CREATE INDEX outbox_due ON outbox (due_at) WHERE sent_at IS NULL;
CREATE INDEX outbox_recipient ON outbox (recipient, message_id);
