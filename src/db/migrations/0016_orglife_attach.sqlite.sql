-- 0016_orglife_attach: a meeting's attachments and its sign-in link. Forward-only.
-- meeting_attachment: files kept with a meeting (签到表 scans, photos, 会议材料): PDF, PNG,
-- JPEG or Word .docx, the kind decided from the bytes when uploaded, never from the name; the
-- bytes live in the row (a few MB each, orglife.attach_max_bytes) with their SHA-256.
-- meeting_signin: the meeting's sign-in token (a random opaque value the cadre can replace; the
-- link and its QR code are shown to the cadre again, so it is kept as is). It only lets a member
-- signed in with their own account mark themselves 出席 inside the time window around the
-- meeting; nothing about where they are is asked or kept.
-- meeting_attendance.signed_in_at: when the member signed in themselves (NULL: recorded by the
-- recorder, or not at all).
CREATE TABLE meeting_attachment (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('pdf', 'png', 'jpeg', 'docx')),
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL CHECK (size > 0),
    sha256 TEXT NOT NULL,
    data BLOB NOT NULL,
    uploaded_by INTEGER,
    uploaded_at INTEGER NOT NULL
) STRICT;
CREATE INDEX meeting_attachment_meeting ON meeting_attachment(meeting_id);

CREATE TABLE meeting_signin (
    meeting_id INTEGER PRIMARY KEY REFERENCES meeting(id) ON DELETE CASCADE,
    token TEXT NOT NULL UNIQUE,
    created_by INTEGER,
    created_at INTEGER NOT NULL
) STRICT;

ALTER TABLE meeting_attendance ADD COLUMN signed_in_at INTEGER;
