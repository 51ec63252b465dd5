/* auth_totp_store.c: the rows of two-factor login (migration 0013): a login's TOTP secret,
 * pending or enabled, with the last time step taken; its recovery codes as SHA-256. Used by
 * auth_totp.c only. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/auth/auth_int.h"

static const struct db_sql SQL_GET = {
    .name = "auth.totp_get",
    .sql = "SELECT secret, enabled_at, last_step FROM user_totp WHERE user_id = ?",
};
static const struct db_sql SQL_PUT_PENDING = {
    .name = "auth.totp_put_pending",
    .sql = "INSERT INTO user_totp (user_id, secret, enabled_at, last_step, created_at) "
           "VALUES (?, ?, NULL, 0, ?) ON CONFLICT (user_id) DO UPDATE SET secret = "
           "excluded.secret, created_at = excluded.created_at WHERE user_totp.enabled_at IS NULL",
};
static const struct db_sql SQL_ENABLE = {
    .name = "auth.totp_enable",
    .sql = "UPDATE user_totp SET enabled_at = ?, last_step = ? WHERE user_id = ?",
};
static const struct db_sql SQL_STEP = {
    .name = "auth.totp_step",
    .sql = "UPDATE user_totp SET last_step = ? WHERE user_id = ? AND last_step < ?",
};
static const struct db_sql SQL_DELETE = {
    .name = "auth.totp_delete",
    .sql = "DELETE FROM user_totp WHERE user_id = ?",
};
static const struct db_sql SQL_CODES_DELETE = {
    .name = "auth.totp_codes_delete",
    .sql = "DELETE FROM user_recovery_code WHERE user_id = ?",
};
static const struct db_sql SQL_CODE_INSERT = {
    .name = "auth.totp_code_insert",
    .sql = "INSERT INTO user_recovery_code (user_id, code_hash) VALUES (?, ?)",
};
static const struct db_sql SQL_CODE_USE = {
    .name = "auth.totp_code_use",
    .sql = "UPDATE user_recovery_code SET used_at = ? WHERE user_id = ? AND code_hash = ? AND "
           "used_at IS NULL",
};
static const struct db_sql SQL_CODES_LEFT = {
    .name = "auth.totp_codes_left",
    .sql = "SELECT count(*) FROM user_recovery_code WHERE user_id = ? AND used_at IS NULL",
};

static void read_totp(struct db_stmt *st, struct arena *a, void *row)
{
    struct totp_row *t = row;

    t->secret = arena_strdup(a, db_col_text(st, 0));
    t->enabled = !db_col_is_null(st, 1);
    t->last_step = db_col_int(st, 2);
}

int auth_store_totp_get(struct db_conn *c, int64_t user_id, struct arena *a, struct totp_row *out,
                        bool *found, struct err *err)
{
    memset(out, 0, sizeof(*out));
    *found = false;
    return db_read_opt_args(c, &SQL_GET, DB_ARGS(DB_INT(user_id)), read_totp, a, out, found, err);
}

int auth_store_totp_pending(struct db_conn *c, int64_t user_id, const char *secret, int64_t now,
                            struct err *err)
{
    return db_run_args(c, &SQL_PUT_PENDING, DB_ARGS(DB_INT(user_id), DB_TEXT(secret), DB_INT(now)),
                       err);
}

int auth_store_totp_enable(struct db_conn *c, int64_t user_id, int64_t now, int64_t step,
                           struct err *err)
{
    return db_run_args(c, &SQL_ENABLE, DB_ARGS(DB_INT(now), DB_INT(step), DB_INT(user_id)), err);
}

int auth_store_totp_step(struct db_conn *c, int64_t user_id, int64_t step, struct err *err)
{
    return db_run_args(c, &SQL_STEP, DB_ARGS(DB_INT(step), DB_INT(user_id), DB_INT(step)), err);
}

int auth_store_totp_delete(struct db_conn *c, int64_t user_id, struct err *err)
{
    if (db_run_by_id(c, &SQL_DELETE, user_id, err) < 0)
        return -1;
    return db_run_by_id(c, &SQL_CODES_DELETE, user_id, err);
}

int auth_store_codes_replace(struct db_conn *c, int64_t user_id, const char *const *hashes, int n,
                             struct err *err)
{
    if (db_run_by_id(c, &SQL_CODES_DELETE, user_id, err) < 0)
        return -1;
    for (int i = 0; i < n; i++)
        if (db_run_args(c, &SQL_CODE_INSERT, DB_ARGS(DB_INT(user_id), DB_TEXT(hashes[i])), err) < 0)
            return -1;
    return 0;
}

int auth_store_code_use(struct db_conn *c, int64_t user_id, const char *hash, int64_t now,
                        bool *used, struct err *err)
{
    *used = false;
    if (db_run_args(c, &SQL_CODE_USE, DB_ARGS(DB_INT(now), DB_INT(user_id), DB_TEXT(hash)), err) <
        0)
        return -1;
    *used = db_changes(c) == 1;
    return 0;
}

int auth_store_codes_left(struct db_conn *c, int64_t user_id, int64_t *out, struct err *err)
{
    *out = 0;
    return db_read_opt_args(c, &SQL_CODES_LEFT, DB_ARGS(DB_INT(user_id)), db_read_int, NULL, out,
                            NULL, err);
}
