-- Catalog text search (decision 0010). An FTS5 table holds each course's number, title and
-- description, kept in step with `courses` by triggers, so every path that writes courses
-- (imports, the vendor portal) updates it. `unicode61 remove_diacritics 2` folds case and
-- accents, so "nutricion" finds "nutrición". It does not split Chinese into words; the
-- search matches such terms as substrings of the title and description instead.
--
-- The index's rowids are the ids of `course_search_keys`, which names each row's course: the
-- search joins through it without reading the indexed text back, and a change finds its row
-- by key. (The rowids of `courses` itself cannot serve: its key is text, so VACUUM may
-- renumber them.)
CREATE TABLE course_search_keys (
    id            INTEGER PRIMARY KEY,
    course_number TEXT NOT NULL UNIQUE
);

CREATE VIRTUAL TABLE course_search USING fts5(
    course_number,
    title,
    description,
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO course_search_keys (course_number) SELECT course_number FROM courses;
INSERT INTO course_search (rowid, course_number, title, description)
    SELECT k.id, c.course_number, c.title, c.description
    FROM courses c JOIN course_search_keys k ON k.course_number = c.course_number;

CREATE TRIGGER courses_search_insert AFTER INSERT ON courses
BEGIN
    INSERT INTO course_search_keys (course_number) VALUES (new.course_number);
    INSERT INTO course_search (rowid, course_number, title, description)
        VALUES ((SELECT id FROM course_search_keys WHERE course_number = new.course_number),
                new.course_number, new.title, new.description);
END;

CREATE TRIGGER courses_search_update AFTER UPDATE ON courses
    WHEN old.course_number IS NOT new.course_number
      OR old.title IS NOT new.title
      OR old.description IS NOT new.description
BEGIN
    UPDATE course_search_keys SET course_number = new.course_number
        WHERE course_number = old.course_number;
    UPDATE course_search
        SET course_number = new.course_number, title = new.title, description = new.description
        WHERE rowid = (SELECT id FROM course_search_keys WHERE course_number = new.course_number);
END;

CREATE TRIGGER courses_search_delete AFTER DELETE ON courses
BEGIN
    DELETE FROM course_search
        WHERE rowid = (SELECT id FROM course_search_keys WHERE course_number = old.course_number);
    DELETE FROM course_search_keys WHERE course_number = old.course_number;
END;

-- The list's filters and counts read a course's sessions that have not ended; this index
-- answers them without visiting the table (place, dates, and the session whose registered
-- seats are counted).
CREATE INDEX sessions_upcoming
    ON sessions (course_number, ends_at, starts_at, capacity, location, session_id);

-- The list in title order, a page at a time, without sorting the whole catalog; and each
-- course a search finds checked against the filters without reading its text.
CREATE INDEX courses_by_title
    ON courses (title, course_number, published_on, retired_on, pathway, modality);
CREATE INDEX courses_catalog
    ON courses (course_number, pathway, modality, published_on, retired_on, registration_url);
