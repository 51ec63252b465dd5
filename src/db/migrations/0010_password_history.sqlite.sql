-- 0010_password_history: the argon2id hashes of each account's recent passwords (the one in
-- use included), so a new password can be refused when it repeats one of the last
-- auth.password_history (docs/config.md). Rows beyond that many per account are deleted when a
-- password is set; the password itself is never stored.
CREATE TABLE password_history (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES user_account(id) ON DELETE CASCADE,
    password_hash TEXT NOT NULL,        -- argon2id string, as user_account.password_hash
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX password_history_user ON password_history(user_id, id);
