-- Incentive claims go through review and payroll as training-pay claims do (DOMAIN.md §6, §7):
-- each has a number, a state and a decision, and an approved one a payment number from the
-- same sequence, so a payroll batch stays a range of payment numbers. SQLite cannot add a key
-- column, so the table is rebuilt; each claim keeps its row, numbered in the order made, with
-- its provider's county (for county staff's queue and payroll's file).
CREATE TABLE incentive_claims_numbered (
    claim_id        INTEGER PRIMARY KEY,
    provider_number INTEGER NOT NULL,
    kind            TEXT NOT NULL
                    CHECK (kind IN ('pathway', 'specialized-1-month', 'specialized-6-months')),
    claim_key       TEXT NOT NULL,
    pathway         TEXT NOT NULL CHECK (pathway IN ('GHS', 'AED', 'CIB', 'CPC', 'THC')),
    qualified_on    TEXT NOT NULL,
    amount_cents    INTEGER NOT NULL CHECK (amount_cents >= 0),
    policy_version  TEXT NOT NULL REFERENCES policy_versions (version),
    claimed_at      TEXT NOT NULL,
    county_code     INTEGER NOT NULL CHECK (county_code BETWEEN 1 AND 58),
    state           TEXT NOT NULL DEFAULT 'submitted'
                    CHECK (state IN ('submitted', 'approved', 'denied', 'paid', 'rejected')),
    decided_at      TEXT,
    decided_by      TEXT,
    denial_rule     TEXT,
    denial_note     TEXT,
    payment_id      INTEGER,
    payroll_reason  TEXT,
    UNIQUE (provider_number, kind, claim_key),
    CHECK ((kind = 'pathway' AND claim_key = pathway) OR (kind <> 'pathway' AND claim_key = ''))
);
-- A claim whose provider the providers file lacks fails the NOT NULL county: the migration
-- stops rather than drop an accepted claim.
INSERT INTO incentive_claims_numbered (provider_number, kind, claim_key, pathway, qualified_on,
    amount_cents, policy_version, claimed_at, county_code)
SELECT c.provider_number, c.kind, c.claim_key, c.pathway, c.qualified_on, c.amount_cents,
    c.policy_version, c.claimed_at,
    (SELECT p.county_code FROM providers p WHERE p.provider_number = c.provider_number)
FROM incentive_claims c ORDER BY c.claimed_at, c.provider_number, c.kind, c.claim_key;
DROP TABLE incentive_claims;
ALTER TABLE incentive_claims_numbered RENAME TO incentive_claims;
CREATE INDEX incentive_claims_state ON incentive_claims (state, claim_id);
CREATE UNIQUE INDEX incentive_claims_payment ON incentive_claims (payment_id)
    WHERE payment_id IS NOT NULL;

-- An overpayment found after payroll paid (DOMAIN.md §7): recorded against the paid payment,
-- never deleted, and recovered from the provider's future pay by a deduction line in the next
-- payroll batch, numbered from the same sequence as payments (`payment_id`). Payroll's word on
-- the deduction: recovered, or returned with a reason (then it can be sent again under a new
-- number). Made before `payments` is rebuilt: its reference follows the name.
CREATE TABLE recoveries (
    recovery_id         INTEGER PRIMARY KEY,
    overpaid_payment_id INTEGER NOT NULL REFERENCES payments (payment_id),
    provider_number     INTEGER NOT NULL,
    county_code         INTEGER NOT NULL CHECK (county_code BETWEEN 1 AND 58),
    amount_cents        INTEGER NOT NULL CHECK (amount_cents > 0),
    reason              TEXT NOT NULL,
    recorded_at         TEXT NOT NULL,
    recorded_by         TEXT NOT NULL,
    state               TEXT NOT NULL DEFAULT 'recorded'
                        CHECK (state IN ('recorded', 'recovered', 'returned')),
    payment_id          INTEGER,
    payroll_reason      TEXT
);
CREATE UNIQUE INDEX recoveries_payment ON recoveries (payment_id) WHERE payment_id IS NOT NULL;
CREATE INDEX recoveries_provider ON recoveries (provider_number, recovery_id);
CREATE INDEX recoveries_overpaid ON recoveries (overpaid_payment_id);

-- Payroll's word on a payment is of a training claim, an incentive claim or a recovery, and
-- keeps the line as exported (an incentive or a recovery has no case, hours or rate; a
-- recovery's amount is what it takes back).
CREATE TABLE payments_of_claims (
    payment_id         INTEGER PRIMARY KEY,
    training_claim_id  INTEGER REFERENCES training_claims (claim_id),
    incentive_claim_id INTEGER REFERENCES incentive_claims (claim_id),
    recovery_id        INTEGER REFERENCES recoveries (recovery_id),
    batch_id           INTEGER NOT NULL REFERENCES payroll_batches (batch_id),
    provider_number    INTEGER NOT NULL,
    kind               TEXT NOT NULL,
    case_number        TEXT,
    county_code        INTEGER NOT NULL,
    hundredths         INTEGER,
    rate_cents         INTEGER,
    amount_cents       INTEGER NOT NULL,
    status             TEXT NOT NULL CHECK (status IN ('paid', 'rejected')),
    reason             TEXT,
    confirmed_at       TEXT NOT NULL,
    CHECK ((training_claim_id IS NOT NULL) + (incentive_claim_id IS NOT NULL)
           + (recovery_id IS NOT NULL) = 1),
    CHECK ((status = 'rejected') = (reason IS NOT NULL))
);
INSERT INTO payments_of_claims (payment_id, training_claim_id, batch_id, provider_number, kind,
    case_number, county_code, hundredths, rate_cents, amount_cents, status, reason, confirmed_at)
SELECT p.payment_id, p.training_claim_id, p.batch_id, tc.provider_number, 'training',
    p.case_number, p.county_code, p.hundredths, p.rate_cents, p.amount_cents, p.status,
    p.reason, p.confirmed_at
FROM payments p JOIN training_claims tc ON tc.claim_id = p.training_claim_id;
DROP TABLE payments;
ALTER TABLE payments_of_claims RENAME TO payments;
CREATE INDEX payments_claim ON payments (training_claim_id, payment_id);
CREATE INDEX payments_incentive_claim ON payments (incentive_claim_id, payment_id);

CREATE INDEX payments_recovery ON payments (recovery_id, payment_id);
-- What a batch's recoveries take back, apart from what it pays.
ALTER TABLE payroll_batches ADD COLUMN recovered_cents INTEGER NOT NULL DEFAULT 0
    CHECK (recovered_cents >= 0);
