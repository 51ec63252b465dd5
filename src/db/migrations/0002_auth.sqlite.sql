-- 0002_auth: logins, grants (role × org scope), sessions, login throttling and the
-- tamper-evident audit chain. A grant's scope is the org and its whole subtree.

CREATE TABLE user_account (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,      -- stored lower-case
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,        -- argon2id string (libsodium crypto_pwhash_str)
    person_id INTEGER REFERENCES person(id),
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
    must_change_password INTEGER NOT NULL DEFAULT 1,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    last_login_at INTEGER,
    password_changed_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE user_grant (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES user_account(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('admin', 'org_admin', 'branch_secretary',
        'branch_committee', 'grid_worker', 'member', 'resident', 'unit_liaison')),
    org_id INTEGER NOT NULL REFERENCES org(id),
    created_at INTEGER NOT NULL,
    UNIQUE (user_id, role, org_id)
) STRICT;
CREATE INDEX user_grant_org ON user_grant(org_id);

CREATE TABLE session (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,    -- SHA-256 of the cookie token; the token is never stored
    user_id INTEGER NOT NULL REFERENCES user_account(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    client_ip TEXT
) STRICT;
CREATE INDEX session_user ON session(user_id);

-- Failed logins per key ('user:<name>' or 'ip:<address>'), for back-off; the key exists for
-- unknown usernames too, so throttling does not reveal which usernames exist.
CREATE TABLE login_throttle (
    key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    last_failure_at INTEGER NOT NULL,
    blocked_until INTEGER NOT NULL
) STRICT;

-- Append-only. hash = SHA-256(prev_hash || the row's fields); `dangjian audit verify` walks it.
CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    user_id INTEGER,
    username TEXT,
    source TEXT NOT NULL,               -- route pattern or CLI command
    action TEXT NOT NULL,               -- "user.create", "member.reveal", ...
    target_type TEXT,
    target_id INTEGER,
    org_id INTEGER,
    result TEXT NOT NULL,               -- ok, failed, denied
    request_id TEXT,
    digest TEXT,                        -- SHA-256 of the before/after data, hex
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
) STRICT;
CREATE INDEX audit_org ON audit(org_id, id);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'audit rows are append-only');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'audit rows are append-only');
END;
