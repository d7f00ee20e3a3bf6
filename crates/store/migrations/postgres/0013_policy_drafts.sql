-- A policy version is either published (in effect from its date) or a draft a program admin is
-- still preparing and replaying (`pathways policy diff`) before it takes effect. Versions that
-- existed before drafts were all in effect.
ALTER TABLE policy_versions ADD COLUMN state TEXT NOT NULL DEFAULT 'published'
    CHECK (state IN ('draft', 'published'));
