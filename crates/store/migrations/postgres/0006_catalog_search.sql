-- Catalog text search (decision 0010). A generated tsvector over each course's number, title
-- and description, indexed with GIN. Courses come in many languages, so no stemming: a copy of
-- the 'simple' configuration that also removes accents (the `unaccent` extension, part of
-- PostgreSQL's contrib and trusted since PostgreSQL 13), so "nutricion" finds "nutrición".
-- The parser does not split Chinese into words; the search matches such terms as
-- substrings of the title and description instead.
CREATE EXTENSION IF NOT EXISTS unaccent;

CREATE TEXT SEARCH CONFIGURATION pathways_search (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION pathways_search
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;

-- Hyphens become spaces first: the parser would read "GHS-101" as "ghs" and the number -101,
-- while the search splits what people type at hyphens (as SQLite's tokenizer does).
ALTER TABLE courses ADD COLUMN search_document tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('pathways_search'::regconfig, replace(course_number, '-', ' ')), 'A')
    || setweight(to_tsvector('pathways_search'::regconfig, replace(title, '-', ' ')), 'A')
    || setweight(to_tsvector('pathways_search'::regconfig, replace(description, '-', ' ')), 'C')
) STORED;

CREATE INDEX courses_search_document ON courses USING gin (search_document);

-- The list's filters and counts read a course's sessions that have not ended; this index
-- answers them without visiting the table (place, dates and seats included).
CREATE INDEX sessions_upcoming ON sessions (course_number, ends_at)
    INCLUDE (starts_at, capacity, location, session_id);

-- The list in title order, a page at a time, without sorting the whole catalog.
CREATE INDEX courses_by_title ON courses (title, course_number);
