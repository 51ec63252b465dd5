-- 0013_totp: two-factor login (等保 level 3). A login's TOTP secret (RFC 6238), pending until the
-- first code confirms it (enabled_at), with the last time step accepted so a code is never
-- taken twice; and its ten one-time recovery codes, kept as SHA-256. Enabling, disabling or
-- resetting moves the 'auth' counter (0007), so live sessions see the change at once.
CREATE TABLE user_totp (
    user_id INTEGER PRIMARY KEY REFERENCES user_account(id) ON DELETE CASCADE,
    secret TEXT NOT NULL,               -- base32 (RFC 4648) of 20 random bytes
    enabled_at INTEGER,                 -- NULL while enrolment awaits its first code
    last_step INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE user_recovery_code (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES user_account(id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,            -- hex SHA-256 of the code as shown (xxxx-xxxx)
    used_at INTEGER
) STRICT;
CREATE INDEX user_recovery_code_user ON user_recovery_code(user_id);

CREATE TRIGGER generation_user_totp_i AFTER INSERT ON user_totp BEGIN
    UPDATE generation SET n = n + 1 WHERE id = 2;
END;
CREATE TRIGGER generation_user_totp_u AFTER UPDATE OF enabled_at, secret ON user_totp BEGIN
    UPDATE generation SET n = n + 1 WHERE id = 2;
END;
CREATE TRIGGER generation_user_totp_d AFTER DELETE ON user_totp BEGIN
    UPDATE generation SET n = n + 1 WHERE id = 2;
END;
