-- 0030_notify: messages to people about their own affairs (issue 20: 受理 / 办结 / 请评价 to the
-- resident who raised a demand). A row is the message: in its recipient account's inbox
-- (user_id, read_at) and, when it has a phone (sealed at rest), handed to the sink once
-- (sent_at; attempts and last_error when the sink refused). An inbox-only message is sent when
-- written.
CREATE TABLE notification (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    user_id INTEGER REFERENCES user_account(id) ON DELETE CASCADE,
    phone TEXT,
    kind TEXT NOT NULL,
    ref_type TEXT,
    ref_id INTEGER,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    read_at INTEGER,
    sent_at INTEGER,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    CHECK (user_id IS NOT NULL OR phone IS NOT NULL)
) STRICT;
CREATE INDEX notification_user ON notification(user_id, id);
CREATE INDEX notification_unsent ON notification(id) WHERE sent_at IS NULL;
