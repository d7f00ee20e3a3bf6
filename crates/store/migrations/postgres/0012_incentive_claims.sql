-- Incentives a provider has claimed (DOMAIN.md §6). Each is claimed once: a pathway incentive
-- once per pathway (claim_key is its pathway code), each specialized-care incentive once in all
-- (claim_key is empty). The claim's review and payment arrive with the claims issue; the rules
-- engine reads this table to tell earned-and-claimed from earned-and-waiting.
CREATE TABLE incentive_claims (
    provider_number BIGINT NOT NULL,
    kind            TEXT NOT NULL
                    CHECK (kind IN ('pathway', 'specialized-1-month', 'specialized-6-months')),
    claim_key       TEXT NOT NULL,
    pathway         TEXT NOT NULL CHECK (pathway IN ('GHS', 'AED', 'CIB', 'CPC', 'THC')),
    qualified_on    DATE NOT NULL,
    amount_cents    BIGINT NOT NULL CHECK (amount_cents >= 0),
    policy_version  TEXT NOT NULL REFERENCES policy_versions (version),
    claimed_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (provider_number, kind, claim_key),
    CHECK ((kind = 'pathway' AND claim_key = pathway) OR (kind <> 'pathway' AND claim_key = ''))
);
