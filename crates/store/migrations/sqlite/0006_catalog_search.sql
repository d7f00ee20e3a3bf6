-- Catalog text search (decision 0010). An FTS5 table holds each course's number, title and
-- description, kept in step with `courses` by triggers, so every path that writes courses
-- (imports, the vendor portal) updates it. `unicode61 remove_diacritics 2` folds case and
-- accents, so "nutricion" finds "nutrición". It does not split Chinese into words; the
-- search matches such terms as substrings of the title and description instead.
--
-- The table keeps its own copy of the text (not `content='courses'`): an external-content
-- index is keyed by rowid, and VACUUM may renumber the rowids of `courses`, whose key is text.
CREATE VIRTUAL TABLE course_search USING fts5(
    course_number,
    title,
    description,
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO course_search (course_number, title, description)
    SELECT course_number, title, description FROM courses;

CREATE TRIGGER courses_search_insert AFTER INSERT ON courses
BEGIN
    INSERT INTO course_search (course_number, title, description)
        VALUES (new.course_number, new.title, new.description);
END;

CREATE TRIGGER courses_search_update AFTER UPDATE ON courses
    WHEN old.course_number IS NOT new.course_number
      OR old.title IS NOT new.title
      OR old.description IS NOT new.description
BEGIN
    DELETE FROM course_search WHERE course_number = old.course_number;
    INSERT INTO course_search (course_number, title, description)
        VALUES (new.course_number, new.title, new.description);
END;

CREATE TRIGGER courses_search_delete AFTER DELETE ON courses
BEGIN
    DELETE FROM course_search WHERE course_number = old.course_number;
END;

