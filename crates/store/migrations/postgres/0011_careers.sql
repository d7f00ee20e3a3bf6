-- Healthcare careers a provider can grow into (DOMAIN.md §3): public pages the program writes
-- in English and, when it can, in Spanish and Traditional Chinese, each naming the pathways
-- that lead there.
CREATE TABLE careers (
    slug          TEXT PRIMARY KEY,
    display_order BIGINT NOT NULL CHECK (display_order BETWEEN 0 AND 999),
    published     BOOLEAN NOT NULL
);
CREATE INDEX careers_order ON careers (published, display_order, slug);

-- A career's words in one language; English is always there (the store writes it with the
-- career), the other languages only when written.
CREATE TABLE career_texts (
    slug           TEXT NOT NULL REFERENCES careers (slug) ON DELETE CASCADE,
    language       TEXT NOT NULL CHECK (language IN ('en', 'es', 'zh-Hant')),
    name           TEXT NOT NULL,
    summary        TEXT NOT NULL,
    requirements   TEXT NOT NULL,
    training_time  TEXT NOT NULL,
    learn_more_url TEXT,
    PRIMARY KEY (slug, language)
);

CREATE TABLE career_pathways (
    slug    TEXT NOT NULL REFERENCES careers (slug) ON DELETE CASCADE,
    pathway TEXT NOT NULL CHECK (pathway IN ('GHS', 'AED', 'CIB', 'CPC', 'THC')),
    PRIMARY KEY (slug, pathway)
);
