-- Courses vendors write in Pathways go through review (DOMAIN.md §3); courses from the
-- program's own files are approved already.
ALTER TABLE courses ADD COLUMN review_status TEXT NOT NULL DEFAULT 'approved'
    CHECK (review_status IN ('draft', 'submitted', 'sent-back', 'approved'));
ALTER TABLE courses ADD COLUMN review_comment TEXT;
CREATE INDEX courses_review ON courses (review_status);
