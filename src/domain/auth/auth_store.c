/* auth_store.c: SQL of the auth area: accounts, grants, sessions, throttling counters and the
 * org-path and ID-number look-ups the permission and password checks need. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/seal.h"
#include "db/db.h"
#include "domain/auth/auth_int.h"
#include "domain/orgpath.h"

#define USER_COLS                                                                                  \
    "id, username, display_name, password_hash, status, person_id, failed_logins, "                \
    "last_login_at, created_at, must_change_password"

static const struct db_sql SQL_USER_BY_NAME = {
    .name = "auth.user_by_name",
    .sql = "SELECT " USER_COLS " FROM user_account WHERE username = ?",
};
static const struct db_sql SQL_USER_BY_ID = {
    .name = "auth.user_by_id",
    .sql = "SELECT " USER_COLS " FROM user_account WHERE id = ?",
};
static const struct db_sql SQL_GRANTS = {
    .name = "auth.grants",
    .sql = "SELECT g.id, g.role, g.org_id, o.path, o.name FROM user_grant g "
           "JOIN org o ON o.id = g.org_id WHERE g.user_id = ? ORDER BY length(o.path), g.id",
};
static const struct db_sql SQL_USER_INSERT = {
    .name = "auth.user_insert",
    .sql = "INSERT INTO user_account (username, display_name, password_hash, person_id, "
           "must_change_password, password_changed_at, created_at, updated_at) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
};
static const struct db_sql SQL_USER_LOGIN_OK = {
    .name = "auth.user_login_ok",
    .sql = "UPDATE user_account SET failed_logins = 0, last_login_at = ? WHERE id = ?",
};
static const struct db_sql SQL_USER_LOGIN_FAILED = {
    .name = "auth.user_login_failed",
    .sql = "UPDATE user_account SET failed_logins = failed_logins + 1 WHERE id = ?",
};
static const struct db_sql SQL_USER_PASSWORD = {
    .name = "auth.user_password",
    .sql = "UPDATE user_account SET password_hash = ?, must_change_password = ?, "
           "password_changed_at = ?, updated_at = ? WHERE id = ?",
};
static const struct db_sql SQL_PASSWORD_HISTORY = {
    .name = "auth.password_history",
    .sql = "SELECT password_hash FROM password_history WHERE user_id = ? ORDER BY id DESC LIMIT ?",
};
static const struct db_sql SQL_PASSWORD_HISTORY_INSERT = {
    .name = "auth.password_history_insert",
    .sql = "INSERT INTO password_history (user_id, password_hash, created_at) VALUES (?, ?, ?)",
};
static const struct db_sql SQL_PASSWORD_HISTORY_PRUNE = {
    .name = "auth.password_history_prune",
    .sql = "DELETE FROM password_history WHERE user_id = ? AND id NOT IN "
           "(SELECT id FROM password_history WHERE user_id = ? ORDER BY id DESC LIMIT ?)",
};
static const struct db_sql SQL_USER_UPDATE = {
    .name = "auth.user_update",
    .sql = "UPDATE user_account SET display_name = COALESCE(?, display_name), "
           "status = COALESCE(?, status), updated_at = ? WHERE id = ?",
};
static const struct db_sql SQL_USER_PAGE_ALL = {
    .name = "auth.user_page_all",
    .sql = "SELECT " USER_COLS " FROM user_account ORDER BY id LIMIT ? OFFSET ?",
};
static const struct db_sql SQL_USER_COUNT_ALL = {
    .name = "auth.user_count_all",
    .sql = "SELECT COUNT(*) FROM user_account",
};
#define IN_SCOPE                                                                                   \
    "EXISTS (SELECT 1 FROM user_grant g JOIN org o ON o.id = g.org_id "                            \
    "WHERE g.user_id = user_account.id AND o.path >= ? AND o.path < ?)"
static const struct db_sql SQL_USER_PAGE_SCOPE = {
    .name = "auth.user_page_scope",
    .sql = "SELECT " USER_COLS " FROM user_account WHERE " IN_SCOPE " ORDER BY id LIMIT ? OFFSET ?",
};
static const struct db_sql SQL_USER_COUNT_SCOPE = {
    .name = "auth.user_count_scope",
    .sql = "SELECT COUNT(*) FROM user_account WHERE " IN_SCOPE,
};
static const struct db_sql SQL_GRANT_INSERT = {
    .name = "auth.grant_insert",
    .sql = "INSERT INTO user_grant (user_id, role, org_id, created_at) VALUES (?, ?, ?, ?) "
           "RETURNING id",
};
static const struct db_sql SQL_GRANT_DELETE = {
    .name = "auth.grant_delete",
    .sql = "DELETE FROM user_grant WHERE id = ? AND user_id = ?",
};
static const struct db_sql SQL_SESSION_INSERT = {
    .name = "auth.session_insert",
    .sql = "INSERT INTO session (token_hash, user_id, csrf_token, created_at, last_seen_at, "
           "expires_at, client_ip) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
};
static const struct db_sql SQL_SESSION_FIND = {
    .name = "auth.session_find",
    .sql = "SELECT id, user_id, last_seen_at, expires_at, csrf_token FROM session "
           "WHERE token_hash = ?",
};
static const struct db_sql SQL_SESSION_TOUCH = {
    .name = "auth.session_touch",
    .sql = "UPDATE session SET last_seen_at = ?, expires_at = ? WHERE id = ?",
};
static const struct db_sql SQL_SESSION_DELETE = {
    .name = "auth.session_delete",
    .sql = "DELETE FROM session WHERE id = ?",
};
static const struct db_sql SQL_SESSION_DELETE_USER = {
    .name = "auth.session_delete_user",
    .sql = "DELETE FROM session WHERE user_id = ?",
};
static const struct db_sql SQL_SESSION_DELETE_OTHERS = {
    .name = "auth.session_delete_others",
    .sql = "DELETE FROM session WHERE user_id = ? AND id <> ?",
};
static const struct db_sql SQL_THROTTLE_GET = {
    .name = "auth.throttle_get",
    .sql = "SELECT failures, last_failure_at, blocked_until FROM login_throttle WHERE key = ?",
};
static const struct db_sql SQL_THROTTLE_PUT = {
    .name = "auth.throttle_put",
    .sql = "INSERT INTO login_throttle (key, failures, last_failure_at, blocked_until) "
           "VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, "
           "last_failure_at = excluded.last_failure_at, blocked_until = excluded.blocked_until",
};
static const struct db_sql SQL_THROTTLE_CLEAR = {
    .name = "auth.throttle_clear",
    .sql = "DELETE FROM login_throttle WHERE key = ?",
};
static const struct db_sql SQL_SESSION_PURGE = {
    .name = "auth.session_purge",
    .sql = "DELETE FROM session WHERE expires_at <= ?",
};
static const struct db_sql SQL_THROTTLE_PURGE = {
    .name = "auth.throttle_purge",
    .sql = "DELETE FROM login_throttle WHERE last_failure_at < ?",
};
static const struct db_sql SQL_ORG_PATH = {
    .name = "auth.org_path",
    .sql = "SELECT path FROM org WHERE id = ?",
};
static const struct db_sql SQL_PERSON_ID_NUMBER = {
    .name = "auth.person_id_number",
    .sql = "SELECT id_number FROM person WHERE id = ?",
};
static void read_user(struct db_stmt *st, struct arena *a, void *row)
{
    struct user_row *u = row;

    u->id = db_col_int(st, 0);
    u->username = db_col_dup(st, 1, a);
    u->display_name = db_col_dup(st, 2, a);
    u->password_hash = db_col_dup(st, 3, a);
    u->status = db_col_dup(st, 4, a);
    u->person_id = db_col_int(st, 5);
    u->failed_logins = db_col_int(st, 6);
    u->last_login_at = db_col_int(st, 7);
    u->created_at = db_col_int(st, 8);
    u->must_change_password = db_col_int(st, 9) != 0;
}

int auth_store_user_by_name(struct db_conn *c, const char *username, struct arena *a,
                            struct user_row *out, struct err *err)
{
    return db_read_one_args(c, &SQL_USER_BY_NAME, DB_ARGS(DB_TEXT(username)), read_user, a, out, "",
                            "账号不存在", err);
}

int auth_store_user_by_id(struct db_conn *c, int64_t id, struct arena *a, struct user_row *out,
                          struct err *err)
{
    return db_read_by_id(c, &SQL_USER_BY_ID, id, read_user, a, out, "", "账号不存在", err);
}

int auth_store_grants(struct db_conn *c, int64_t user_id, struct arena *a, struct auth_grant **out,
                      int *n_out, struct err *err)
{
    struct db_stmt *st = NULL;
    struct auth_grant *g = NULL;
    int64_t n = 0, cap = 0;
    int rc;

    if (db_prepare(c, &SQL_GRANTS, &st, err) < 0)
        return -1;
    db_bind_int(st, 1, user_id);
    while ((rc = db_step(st, err)) == DB_ROW) {
        g = arena_grow(a, g, n, &cap, sizeof(*g));
        g[n].id = db_col_int(st, 0);
        if (role_parse(db_col_text(st, 1), &g[n].role) < 0)
            continue; /* the CHECK constraint makes this unreachable */
        g[n].org_id = db_col_int(st, 2);
        g[n].org_path = db_col_dup(st, 3, a);
        g[n].org_name = db_col_dup(st, 4, a);
        n++;
    }
    db_stmt_free(&st);
    if (rc < 0)
        return -1;
    *out = g;
    *n_out = (int)n;
    return 0;
}

int auth_store_user_insert(struct db_conn *c, const struct user_new *in, const char *hash,
                           int64_t now, int64_t *id_out, struct err *err)
{
    int rc = db_run_id_args(c, &SQL_USER_INSERT,
                            DB_ARGS(DB_TEXT(in->username), DB_TEXT(in->display_name), DB_TEXT(hash),
                                    DB_OPT_ID(in->person_id), DB_INT(in->must_change_password),
                                    DB_INT(now), DB_INT(now), DB_INT(now)),
                            id_out, err);

    if (rc < 0 && err->code == E_CONFLICT)
        err_refine(err, "/username", "用户名 %s 已被使用", in->username);
    return rc;
}

int auth_store_user_login(struct db_conn *c, int64_t id, bool ok, int64_t now, struct err *err)
{
    if (ok)
        return db_run_args(c, &SQL_USER_LOGIN_OK, DB_ARGS(DB_INT(now), DB_INT(id)), err);
    return db_run_by_id(c, &SQL_USER_LOGIN_FAILED, id, err);
}

int auth_store_user_password(struct db_conn *c, int64_t id, const char *hash, bool must_change,
                             int64_t now, struct err *err)
{
    return db_run_args(
        c, &SQL_USER_PASSWORD,
        DB_ARGS(DB_TEXT(hash), DB_INT(must_change), DB_INT(now), DB_INT(now), DB_INT(id)), err);
}

int auth_store_password_history(struct db_conn *c, int64_t user_id, int64_t limit, struct arena *a,
                                const char ***out, int *n_out, struct err *err)
{
    int64_t n;

    if (db_read_rows_args(c, &SQL_PASSWORD_HISTORY, DB_ARGS(DB_INT(user_id), DB_INT(limit)),
                          db_read_text, sizeof(**out), a, out, &n, err) < 0)
        return -1;
    *n_out = (int)n;
    return 0;
}

int auth_store_password_history_add(struct db_conn *c, int64_t user_id, const char *hash,
                                    int64_t now, int64_t keep, struct err *err)
{
    if (keep > 0 && db_run_args(c, &SQL_PASSWORD_HISTORY_INSERT,
                                DB_ARGS(DB_INT(user_id), DB_TEXT(hash), DB_INT(now)), err) < 0)
        return -1;
    return db_run_args(c, &SQL_PASSWORD_HISTORY_PRUNE,
                       DB_ARGS(DB_INT(user_id), DB_INT(user_id), DB_INT(keep)), err);
}

int auth_store_user_update(struct db_conn *c, int64_t id, const char *display_name,
                           const char *status, int64_t now, struct err *err)
{
    return db_run_args(c, &SQL_USER_UPDATE,
                       DB_ARGS(DB_TEXT(display_name), DB_TEXT(status), DB_INT(now), DB_INT(id)),
                       err);
}

/* The filter of a users page: accounts with a grant in the subtree at path, or all. */
struct scope_filter {
    const char *path; /* NULL: all */
    char upper[ORG_PATH_MAX];
};

static void bind_scope(struct db_stmt *st, int *k, const void *arg)
{
    const struct scope_filter *f = arg;

    if (f->path) {
        db_bind_text(st, (*k)++, f->path);
        db_bind_text(st, (*k)++, f->upper);
    }
}

/* Accounts, all or those with a grant in a subtree. */
static const struct db_list USERS[2] = {
    { &SQL_USER_COUNT_ALL, &SQL_USER_PAGE_ALL, read_user, sizeof(struct user_row) },
    { &SQL_USER_COUNT_SCOPE, &SQL_USER_PAGE_SCOPE, read_user, sizeof(struct user_row) },
};

int auth_store_user_page(struct db_conn *c, const struct user_query *q, struct arena *a,
                         struct user_row **out, int64_t *n_out, int64_t *total_out, struct err *err)
{
    struct scope_filter f = { .path = q->org_path };
    struct db_page p = { q->page, q->size, bind_scope, &f };

    if (q->org_path)
        orgpath_upper(q->org_path, f.upper);
    return db_read_page(c, &USERS[q->org_path != NULL], &p, a, out, n_out, total_out, err);
}

int auth_store_grant_insert(struct db_conn *c, int64_t user_id, const char *role, int64_t org_id,
                            int64_t now, int64_t *id_out, struct err *err)
{
    int rc = db_run_id_args(c, &SQL_GRANT_INSERT,
                            DB_ARGS(DB_INT(user_id), DB_TEXT(role), DB_INT(org_id), DB_INT(now)),
                            id_out, err);

    return db_conflict_on(rc, "/role", "该账号在此组织已有这个角色", err);
}

int auth_store_grant_delete(struct db_conn *c, int64_t user_id, int64_t grant_id, struct err *err)
{
    if (db_run_args(c, &SQL_GRANT_DELETE, DB_ARGS(DB_INT(grant_id), DB_INT(user_id)), err) < 0)
        return -1;
    if (db_changes(c) == 0)
        return err_set(err, E_NOT_FOUND, "", "授权不存在");
    return 0;
}

int auth_store_session_insert(struct db_conn *c, const char *token_hash, int64_t user_id,
                              const char *csrf, int64_t now, int64_t expires, const char *ip,
                              int64_t *id_out, struct err *err)
{
    return db_run_id_args(c, &SQL_SESSION_INSERT,
                          DB_ARGS(DB_TEXT(token_hash), DB_INT(user_id), DB_TEXT(csrf), DB_INT(now),
                                  DB_INT(now), DB_INT(expires), DB_TEXT(ip)),
                          id_out, err);
}

static void read_session(struct db_stmt *st, struct arena *a, void *row)
{
    *(struct session_row *)row = (struct session_row){
        .id = db_col_int(st, 0),
        .user_id = db_col_int(st, 1),
        .last_seen_at = db_col_int(st, 2),
        .expires_at = db_col_int(st, 3),
        .csrf_token = db_col_dup(st, 4, a),
    };
}

int auth_store_session_find(struct db_conn *c, const char *token_hash, struct arena *a,
                            struct session_row *out, struct err *err)
{
    bool found;

    if (db_read_opt_args(c, &SQL_SESSION_FIND, DB_ARGS(DB_TEXT(token_hash)), read_session, a, out,
                         &found, err) < 0)
        return -1;
    if (!found)
        return err_set(err, E_UNAUTHENTICATED, "", "登录已失效，请重新登录");
    return 0;
}

int auth_store_session_touch(struct db_conn *c, int64_t id, int64_t now, int64_t expires,
                             struct err *err)
{
    return db_run_args(c, &SQL_SESSION_TOUCH, DB_ARGS(DB_INT(now), DB_INT(expires), DB_INT(id)),
                       err);
}

int auth_store_session_delete(struct db_conn *c, int64_t id, struct err *err)
{
    return db_run_by_id(c, &SQL_SESSION_DELETE, id, err);
}

int auth_store_session_delete_user(struct db_conn *c, int64_t user_id, struct err *err)
{
    return db_run_by_id(c, &SQL_SESSION_DELETE_USER, user_id, err);
}

int auth_store_session_delete_others(struct db_conn *c, int64_t user_id, int64_t keep_id,
                                     struct err *err)
{
    return db_run_args(c, &SQL_SESSION_DELETE_OTHERS, DB_ARGS(DB_INT(user_id), DB_INT(keep_id)),
                       err);
}

static void read_throttle(struct db_stmt *st, struct arena *a, void *row)
{
    struct throttle_row *t = row;

    (void)a;
    t->failures = db_col_int(st, 0);
    t->last_failure_at = db_col_int(st, 1);
    t->blocked_until = db_col_int(st, 2);
}

int auth_store_throttle_get(struct db_conn *c, const char *key, struct throttle_row *out,
                            struct err *err)
{
    memset(out, 0, sizeof(*out));
    return db_read_opt_args(c, &SQL_THROTTLE_GET, DB_ARGS(DB_TEXT(key)), read_throttle, NULL, out,
                            NULL, err);
}

int auth_store_throttle_put(struct db_conn *c, const char *key, const struct throttle_row *t,
                            struct err *err)
{
    return db_run_args(c, &SQL_THROTTLE_PUT,
                       DB_ARGS(DB_TEXT(key), DB_INT(t->failures), DB_INT(t->last_failure_at),
                               DB_INT(t->blocked_until)),
                       err);
}

int auth_store_throttle_clear(struct db_conn *c, const char *key, struct err *err)
{
    return db_run_args(c, &SQL_THROTTLE_CLEAR, DB_ARGS(DB_TEXT(key)), err);
}

int auth_store_purge(struct db_conn *c, int64_t now, int64_t throttle_before, struct err *err)
{
    if (db_run_args(c, &SQL_SESSION_PURGE, DB_ARGS(DB_INT(now)), err) < 0)
        return -1;
    return db_run_args(c, &SQL_THROTTLE_PURGE, DB_ARGS(DB_INT(throttle_before)), err);
}

int auth_store_org_path(struct db_conn *c, int64_t org_id, struct arena *a, const char **out,
                        struct err *err)
{
    if (db_read_by_id(c, &SQL_ORG_PATH, org_id, db_read_text, a, out, "", "记录不存在", err) < 0) {
        if (err->code == E_NOT_FOUND)
            err_refine(err, NULL, "党组织不存在");
        return -1;
    }
    return 0;
}

int auth_store_person_id_number(struct db_conn *c, int64_t person_id, struct arena *a,
                                const char **out, struct err *err)
{
    if (db_read_by_id(c, &SQL_PERSON_ID_NUMBER, person_id, db_read_text, a, out, "", "记录不存在",
                      err) < 0 ||
        seal_open(*out, a, out, err) < 0)
        return -1;
    return 0;
}
