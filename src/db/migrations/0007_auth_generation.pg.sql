-- 0007_auth_generation: a second counter, 'auth', moved by every change that can end or
-- narrow a signed-in session, whoever makes it (server, CLI, a manual SQL fix): an account
-- renamed, disabled, deleted or given a new password, a grant added, changed or removed, a
-- session deleted (logout, "end all sessions") and an org moved or renamed (grants carry its
-- path and name). The server keeps live sessions in memory and uses one only while this
-- counter has not moved, so every request reads one row instead of the session, account and
-- grants. Sliding a session's expiry (last_seen_at, expires_at) and login bookkeeping
-- (failed_logins, last_login_at) do not move it.
INSERT INTO generation (id, name, n) VALUES (2, 'auth', 1);

CREATE FUNCTION dj_bump_auth() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE generation SET n = n + 1 WHERE id = 2;
    RETURN NULL;
END $$;
CREATE TRIGGER generation_user_account_u AFTER UPDATE OF username, display_name, password_hash,
    person_id, status, must_change_password ON user_account
    FOR EACH STATEMENT EXECUTE FUNCTION dj_bump_auth();
CREATE TRIGGER generation_user_account_d AFTER DELETE ON user_account
    FOR EACH STATEMENT EXECUTE FUNCTION dj_bump_auth();
CREATE TRIGGER generation_user_grant AFTER INSERT OR UPDATE OR DELETE ON user_grant
    FOR EACH STATEMENT EXECUTE FUNCTION dj_bump_auth();
CREATE TRIGGER generation_session AFTER UPDATE OF token_hash, user_id, csrf_token ON session
    FOR EACH STATEMENT EXECUTE FUNCTION dj_bump_auth();
CREATE TRIGGER generation_session_d AFTER DELETE ON session
    FOR EACH STATEMENT EXECUTE FUNCTION dj_bump_auth();
CREATE TRIGGER generation_org_path AFTER UPDATE OF path, name ON org
    FOR EACH STATEMENT EXECUTE FUNCTION dj_bump_auth();
