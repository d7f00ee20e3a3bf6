-- Claim review and payroll (DOMAIN.md §5, §7). A decision on a claim records who made it and
-- when; a denial names the rule that failed (a rule code, or 'other' with the reviewer's note).
ALTER TABLE training_claims ADD COLUMN decided_at TEXT;
ALTER TABLE training_claims ADD COLUMN decided_by TEXT;
ALTER TABLE training_claims ADD COLUMN denial_rule TEXT;
ALTER TABLE training_claims ADD COLUMN denial_note TEXT;
CREATE INDEX training_claims_state ON training_claims (state, claim_id);

-- A payroll batch collects approved claims for one pay period. It is written whole, in one
-- transaction with its payments, so a crash leaves no batch or a complete one; its count and
-- total are fixed then, and every export of it writes the same file.
CREATE TABLE payroll_batches (
    batch_id      INTEGER PRIMARY KEY,
    pay_period    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    payment_count INTEGER NOT NULL CHECK (payment_count > 0),
    total_cents   INTEGER NOT NULL CHECK (total_cents >= 0),
    exported_at   TEXT
);

-- One payment per approved claim. A claim has at most one payment that payroll has not
-- rejected (the unique index), so no claim is paid twice whatever runs at once; a rejected
-- payment stays, with its reason, and the claim goes back for correction.
CREATE TABLE payments (
    payment_id        INTEGER PRIMARY KEY,
    batch_id          INTEGER NOT NULL REFERENCES payroll_batches (batch_id),
    training_claim_id INTEGER NOT NULL REFERENCES training_claims (claim_id),
    status            TEXT NOT NULL DEFAULT 'pending'
                      CHECK (status IN ('pending', 'paid', 'rejected')),
    reason            TEXT,
    confirmed_at      TEXT,
    CHECK ((status = 'rejected') = (reason IS NOT NULL))
);
CREATE UNIQUE INDEX payments_once ON payments (training_claim_id) WHERE status <> 'rejected';
CREATE INDEX payments_batch ON payments (batch_id, payment_id);
