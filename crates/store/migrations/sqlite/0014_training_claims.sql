-- Training-pay claims (DOMAIN.md §5): one course completion per claim, made under one recipient's
-- case, whose county sets the wage. The amount and its working are fixed when the claim is
-- accepted. A completion is claimed once: a second claim of it is refused while the first is
-- anything but denied, and the unique index makes two claims at the same moment impossible.
CREATE TABLE training_claims (
    claim_id            INTEGER PRIMARY KEY,
    provider_number     INTEGER NOT NULL,
    course_number       TEXT NOT NULL,
    trained_on          TEXT NOT NULL,
    week_start          TEXT NOT NULL,
    case_number         TEXT NOT NULL,
    county_code         INTEGER NOT NULL CHECK (county_code BETWEEN 1 AND 58),
    hundredths          INTEGER NOT NULL CHECK (hundredths > 0),
    overtime_hundredths INTEGER NOT NULL CHECK (overtime_hundredths BETWEEN 0 AND hundredths),
    rate_cents          INTEGER NOT NULL CHECK (rate_cents >= 0),
    amount_cents        INTEGER NOT NULL CHECK (amount_cents >= 0),
    policy_version      TEXT NOT NULL REFERENCES policy_versions (version),
    explanation         TEXT NOT NULL,
    state               TEXT NOT NULL DEFAULT 'submitted'
                        CHECK (state IN ('submitted', 'approved', 'denied', 'paid', 'rejected')),
    submitted_at        TEXT NOT NULL
);
CREATE UNIQUE INDEX training_claims_once
    ON training_claims (provider_number, course_number, trained_on) WHERE state <> 'denied';
CREATE INDEX training_claims_week ON training_claims (provider_number, week_start);
