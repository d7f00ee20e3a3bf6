-- The coach's desk and the help desk's console (DOMAIN.md §9): a coach signs in to their own coach
-- record, keeps private notes on appointments and follow-up tasks for after them.
ALTER TABLE coaches ADD COLUMN account_id INTEGER REFERENCES accounts (account_id);
CREATE UNIQUE INDEX coaches_account ON coaches (account_id);
-- The coach's video meeting link, sent with each confirmation (https only, checked by the app).
ALTER TABLE coaches ADD COLUMN meeting_link TEXT;
CREATE INDEX appointments_coach ON appointments (coach_id, starts_at);

CREATE TABLE appointment_notes (
    note_id        INTEGER PRIMARY KEY,
    appointment_id INTEGER NOT NULL REFERENCES appointments (appointment_id),
    body           TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
    written_at     TEXT NOT NULL
);
CREATE INDEX appointment_notes_appointment ON appointment_notes (appointment_id, note_id);

CREATE TABLE coach_follow_ups (
    follow_up_id   INTEGER PRIMARY KEY,
    appointment_id INTEGER NOT NULL REFERENCES appointments (appointment_id),
    task           TEXT NOT NULL CHECK (length(task) BETWEEN 1 AND 500),
    due_on         TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    done_at        TEXT
);
CREATE INDEX coach_follow_ups_appointment ON coach_follow_ups (appointment_id);

-- Help tickets: the desk member who took a ticket, and files sent with a message (their type
-- and size checked before they are kept).
ALTER TABLE tickets ADD COLUMN assigned_account INTEGER REFERENCES accounts (account_id);
CREATE TABLE ticket_attachments (
    attachment_id INTEGER PRIMARY KEY,
    message_id    INTEGER NOT NULL REFERENCES ticket_messages (message_id),
    file_name     TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 100),
    media_type    TEXT NOT NULL
                  CHECK (media_type IN ('application/pdf', 'image/png', 'image/jpeg')),
    size_bytes    INTEGER NOT NULL CHECK (size_bytes BETWEEN 1 AND 2097152),
    content       BLOB NOT NULL
);
CREATE INDEX ticket_attachments_message ON ticket_attachments (message_id);
