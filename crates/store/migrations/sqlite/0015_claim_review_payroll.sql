-- Claim review and payroll (DOMAIN.md §5, §7). A decision on a claim records who made it and
-- when; a denial names the rule that failed (a rule code, or 'other' with the reviewer's note).
ALTER TABLE training_claims ADD COLUMN decided_at TEXT;
ALTER TABLE training_claims ADD COLUMN decided_by TEXT;
ALTER TABLE training_claims ADD COLUMN denial_rule TEXT;
ALTER TABLE training_claims ADD COLUMN denial_note TEXT;
-- The payment an approved claim is paid under, numbered in the order claims are approved, so
-- a payroll batch is a range of payment numbers: creating one writes one row, and a number is
-- in one range only. A claim holds one payment number at a time (the unique index).
ALTER TABLE training_claims ADD COLUMN payment_id INTEGER;
-- Why payroll rejected the claim's last payment (the claim then goes back for correction).
ALTER TABLE training_claims ADD COLUMN payroll_reason TEXT;
CREATE INDEX training_claims_state ON training_claims (state, claim_id);
CREATE UNIQUE INDEX training_claims_payment ON training_claims (payment_id)
    WHERE payment_id IS NOT NULL;

-- A payroll batch: the payments numbered after the previous batch's last, up to its own last,
-- for one pay period. Its count and total are fixed when it is made, and every export of it
-- writes the same file.
CREATE TABLE payroll_batches (
    batch_id         INTEGER PRIMARY KEY,
    pay_period       TEXT NOT NULL,
    first_payment_id INTEGER NOT NULL,
    last_payment_id  INTEGER NOT NULL UNIQUE,
    payment_count    INTEGER NOT NULL CHECK (payment_count > 0),
    total_cents      INTEGER NOT NULL CHECK (total_cents >= 0),
    created_at       TEXT NOT NULL,
    created_by       TEXT NOT NULL,
    exported_at      TEXT,
    CHECK (first_payment_id <= last_payment_id)
);

-- Payroll's word on each payment (its confirmation file), with the line as it was exported:
-- a rejected claim may be corrected and paid under a new number, and its batch's file still
-- shows the rejected line.
CREATE TABLE payments (
    payment_id        INTEGER PRIMARY KEY,
    training_claim_id INTEGER NOT NULL REFERENCES training_claims (claim_id),
    batch_id          INTEGER NOT NULL REFERENCES payroll_batches (batch_id),
    case_number       TEXT NOT NULL,
    county_code       INTEGER NOT NULL,
    hundredths        INTEGER NOT NULL,
    rate_cents        INTEGER NOT NULL,
    amount_cents      INTEGER NOT NULL,
    status            TEXT NOT NULL CHECK (status IN ('paid', 'rejected')),
    reason            TEXT,
    confirmed_at      TEXT NOT NULL,
    CHECK ((status = 'rejected') = (reason IS NOT NULL))
);
CREATE INDEX payments_claim ON payments (training_claim_id, payment_id);

-- Certificates of completion (DOMAIN.md §4): a number is issued the first time a provider's
-- completion of a course is given a certificate, drawn at random so numbers cannot be guessed;
-- anyone can check a number on the public page, which shows what the certificate shows.
CREATE TABLE certificates (
    certificate_number TEXT PRIMARY KEY,
    provider_number    INTEGER NOT NULL,
    course_number      TEXT NOT NULL,
    issued_at          TEXT NOT NULL,
    UNIQUE (provider_number, course_number)
);
