-- People and their access (issue 3): accounts, sessions, sign-in throttling, one-time codes,
-- vendor API tokens, the append-only audit log and the outbox.

CREATE TABLE accounts (
    account_id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    role            TEXT NOT NULL CHECK (role IN ('provider', 'vendor-staff', 'coach',
                        'service-desk', 'county-staff', 'program-admin')),
    email           TEXT UNIQUE CHECK (email = lower(email)),
    provider_number BIGINT UNIQUE REFERENCES providers (provider_number),
    vendor_code     TEXT REFERENCES vendors (vendor_code),
    county_code     BIGINT CHECK (county_code BETWEEN 1 AND 58),
    display_name    TEXT NOT NULL,
    password_hash   TEXT,
    language        TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    disabled        BIGINT NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    -- A role's ties: a provider is one provider, vendor staff one vendor, county staff one county.
    CHECK ((role = 'provider') = (provider_number IS NOT NULL)),
    CHECK ((role = 'vendor-staff') = (vendor_code IS NOT NULL)),
    CHECK ((role = 'county-staff') = (county_code IS NOT NULL)),
    CHECK (role = 'provider' OR email IS NOT NULL)
);

CREATE TABLE web_sessions (
    token_hash   BYTEA PRIMARY KEY,
    account_id   BIGINT NOT NULL REFERENCES accounts (account_id),
    csrf_token   TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    last_seen_at TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX web_sessions_account ON web_sessions (account_id);

-- Failed sign-ins by subject: 'account:<id>' or 'address:<hash of the address>'.
CREATE TABLE sign_in_failures (
    subject   TEXT NOT NULL,
    failed_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX sign_in_failures_subject ON sign_in_failures (subject, failed_at);

CREATE TABLE one_time_codes (
    challenge       TEXT PRIMARY KEY,
    purpose         TEXT NOT NULL CHECK (purpose IN ('register', 'reset-password')),
    provider_number BIGINT,
    account_id      BIGINT REFERENCES accounts (account_id),
    code_hash       BYTEA NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    expires_at      TIMESTAMPTZ NOT NULL,
    attempts        BIGINT NOT NULL DEFAULT 0,
    used_at         TIMESTAMPTZ
);

CREATE TABLE api_tokens (
    token_id     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    vendor_code  TEXT NOT NULL REFERENCES vendors (vendor_code),
    name         TEXT NOT NULL,
    token_hash   BYTEA NOT NULL UNIQUE,
    prefix       TEXT NOT NULL,
    created_by   BIGINT NOT NULL REFERENCES accounts (account_id),
    created_at   TIMESTAMPTZ NOT NULL,
    last_used_at TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ
);
CREATE INDEX api_tokens_vendor ON api_tokens (vendor_code);

-- Every change to program data and to access: append-only, enforced below.
CREATE TABLE audit_log (
    audit_id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at               TIMESTAMPTZ NOT NULL,
    actor_account_id BIGINT,
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

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

CREATE TABLE outbox (
    message_id    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    channel       TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    recipient     TEXT NOT NULL,
    language      TEXT NOT NULL,
    purpose       TEXT NOT NULL,
    subject       TEXT NOT NULL,
    body          TEXT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    due_at        TIMESTAMPTZ NOT NULL,
    attempts      BIGINT NOT NULL DEFAULT 0,
    last_error    TEXT,
    leased_until  TIMESTAMPTZ,
    sent_at       TIMESTAMPTZ
);
CREATE INDEX outbox_due ON outbox (due_at) WHERE sent_at IS NULL;
CREATE INDEX outbox_recipient ON outbox (recipient, message_id);
