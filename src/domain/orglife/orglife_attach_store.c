/* orglife_attach_store.c: SQL of a meeting's attachments and sign-in link (migration
 * 0016_orglife_attach): attachments (insert, count, list, read with bytes, delete), the token
 * (read, replace, find) and a member's own sign-in on the attendance row. No rule is checked
 * here; the service (orglife_attach.c) owns the transaction. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/orglife/orglife_attach_int.h"

static const struct db_sql SQL_INSERT = {
    .name = "attach.insert",
    .sql = "INSERT INTO meeting_attachment (meeting_id, file_name, kind, content_type, size, "
           "sha256, data, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
           "RETURNING id",
};
static const struct db_sql SQL_COUNT = {
    .name = "attach.count",
    .sql = "SELECT COUNT(*) FROM meeting_attachment WHERE meeting_id = ?",
};
#define ATTACH_COLS                                                                                \
    "t.id, t.meeting_id, t.size, COALESCE(t.uploaded_by, 0), t.uploaded_at, t.file_name, t.kind, " \
    "t.content_type, t.sha256, u.display_name"
static const struct db_sql SQL_LIST = {
    .name = "attach.list",
    .sql = "SELECT " ATTACH_COLS " FROM meeting_attachment t LEFT JOIN user_account u "
           "ON u.id = t.uploaded_by WHERE t.meeting_id = ? ORDER BY t.id",
};
static const struct db_sql SQL_META = {
    .name = "attach.meta",
    .sql = "SELECT " ATTACH_COLS " FROM meeting_attachment t LEFT JOIN user_account u "
           "ON u.id = t.uploaded_by WHERE t.meeting_id = ? AND t.id = ?",
};
static const struct db_sql SQL_GET = {
    .name = "attach.get",
    .sql = "SELECT " ATTACH_COLS ", t.data FROM meeting_attachment t LEFT JOIN user_account u "
           "ON u.id = t.uploaded_by WHERE t.meeting_id = ? AND t.id = ?",
};
static const struct db_sql SQL_DELETE = {
    .name = "attach.delete",
    .sql = "DELETE FROM meeting_attachment WHERE meeting_id = ? AND id = ?",
};
static const struct db_sql SQL_TOKEN = {
    .name = "attach.signin_token",
    .sql = "SELECT token, created_at FROM meeting_signin WHERE meeting_id = ?",
};
static const struct db_sql SQL_TOKEN_PUT = {
    .name = "attach.signin_put",
    .sql = "INSERT INTO meeting_signin (meeting_id, token, created_by, created_at) "
           "VALUES (?, ?, ?, ?) ON CONFLICT (meeting_id) DO UPDATE SET token = excluded.token, "
           "created_by = excluded.created_by, created_at = excluded.created_at",
};
static const struct db_sql SQL_TOKEN_FIND = {
    .name = "attach.signin_find",
    .sql = "SELECT meeting_id FROM meeting_signin WHERE token = ?",
};
static const struct db_sql SQL_ATTENDEE = {
    .name = "attach.signin_attendee",
    .sql = "SELECT expected, status FROM meeting_attendance WHERE meeting_id = ? AND "
           "person_id = ?",
};
/* An expected attendee with nothing recorded becomes 出席; a row the recorder wrote in the
 * meantime stays as it is (the conflict branch then changes no row). A person on the roll of
 * the meeting date without a row yet (the roster changed after the meeting was planned) gets
 * one, as expected. */
static const struct db_sql SQL_SIGNIN = {
    .name = "attach.signin_mark",
    .sql = "INSERT INTO meeting_attendance (meeting_id, person_id, expected, status, recorded_by, "
           "recorded_at, signed_in_at) VALUES (?, ?, 1, 'present', ?, ?, ?) "
           "ON CONFLICT (meeting_id, person_id) DO UPDATE SET status = 'present', reason = NULL, "
           "recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at, "
           "signed_in_at = excluded.signed_in_at WHERE meeting_attendance.status IS NULL",
};

static void read_attach(struct db_stmt *st, struct arena *a, void *row)
{
    struct attach_view *v = row;

    v->id = db_col_int(st, 0);
    v->meeting_id = db_col_int(st, 1);
    v->size = db_col_int(st, 2);
    v->uploaded_by = db_col_int(st, 3);
    v->uploaded_at = db_col_int(st, 4);
    v->file_name = db_col_dup(st, 5, a);
    v->kind = db_col_dup(st, 6, a);
    v->content_type = db_col_dup(st, 7, a);
    v->sha256 = db_col_dup(st, 8, a);
    v->uploaded_by_name = db_col_dup(st, 9, a);
}

static void read_attach_data(struct db_stmt *st, struct arena *a, void *row)
{
    struct attach_view *v = row;
    size_t len = 0;
    const void *p;
    char *copy;

    read_attach(st, a, row);
    p = db_col_blob(st, 10, &len);
    copy = arena_alloc(a, len ? len : 1);
    if (len)
        memcpy(copy, p, len);
    v->data = copy;
    v->size = (int64_t)len;
}

int attach_store_insert(struct db_conn *c, int64_t meeting_id, const struct attach_new *in,
                        int64_t user_id, int64_t now, int64_t *id_out, struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_INSERT, &st, err) < 0)
        return -1;
    db_bind_int(st, 1, meeting_id);
    db_bind_text(st, 2, in->file_name);
    db_bind_text(st, 3, in->kind);
    db_bind_text(st, 4, in->content_type);
    db_bind_int(st, 5, (int64_t)in->len);
    db_bind_text(st, 6, in->sha256);
    db_bind_blob(st, 7, in->data, in->len);
    db_bind_opt_id(st, 8, user_id);
    db_bind_int(st, 9, now);
    return db_run_id(&st, id_out, err);
}

int attach_store_count(struct db_conn *c, int64_t meeting_id, int64_t *n_out, struct err *err)
{
    return db_read_by_id(c, &SQL_COUNT, meeting_id, db_read_int, NULL, n_out, "", NULL, err);
}

int attach_store_list(struct db_conn *c, int64_t meeting_id, struct arena *a,
                      struct attach_view **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_LIST, DB_ARGS(DB_INT(meeting_id)), read_attach, sizeof(**out),
                             a, out, n_out, err);
}

int attach_store_get(struct db_conn *c, int64_t meeting_id, int64_t id, bool data, struct arena *a,
                     struct attach_view *out, struct err *err)
{
    return db_read_one_args(c, data ? &SQL_GET : &SQL_META, DB_ARGS(DB_INT(meeting_id), DB_INT(id)),
                            data ? read_attach_data : read_attach, a, out, "", "没有这个附件", err);
}

int attach_store_delete(struct db_conn *c, int64_t meeting_id, int64_t id, struct err *err)
{
    return db_run_args(c, &SQL_DELETE, DB_ARGS(DB_INT(meeting_id), DB_INT(id)), err);
}

struct token_row {
    const char *token;
    int64_t created_at;
};
static void read_token(struct db_stmt *st, struct arena *a, void *row)
{
    struct token_row *t = row;

    t->token = db_col_dup(st, 0, a);
    t->created_at = db_col_int(st, 1);
}

int attach_store_token(struct db_conn *c, int64_t meeting_id, struct arena *a,
                       const char **token_out, int64_t *created_out, struct err *err)
{
    struct token_row t = { NULL, 0 };

    if (db_read_opt_args(c, &SQL_TOKEN, DB_ARGS(DB_INT(meeting_id)), read_token, a, &t, NULL, err) <
        0)
        return -1;
    *token_out = t.token;
    *created_out = t.created_at;
    return 0;
}

int attach_store_token_put(struct db_conn *c, int64_t meeting_id, const char *token,
                           int64_t user_id, int64_t now, struct err *err)
{
    return db_run_args(c, &SQL_TOKEN_PUT,
                       DB_ARGS(DB_INT(meeting_id), DB_TEXT(token), DB_OPT_ID(user_id), DB_INT(now)),
                       err);
}

int attach_store_token_find(struct db_conn *c, const char *token, int64_t *meeting_id_out,
                            bool *found_out, struct err *err)
{
    return db_read_opt_args(c, &SQL_TOKEN_FIND, DB_ARGS(DB_TEXT(token)), db_read_int, NULL,
                            meeting_id_out, found_out, err);
}

struct attendee_row {
    int64_t expected;
    const char *status;
};
static void read_attendee(struct db_stmt *st, struct arena *a, void *row)
{
    struct attendee_row *r = row;

    r->expected = db_col_int(st, 0);
    r->status = db_col_dup(st, 1, a);
}

int attach_store_attendee(struct db_conn *c, int64_t meeting_id, int64_t person_id, struct arena *a,
                          bool *expected_out, const char **status_out, struct err *err)
{
    struct attendee_row r = { 0, NULL };

    if (db_read_opt_args(c, &SQL_ATTENDEE, DB_ARGS(DB_INT(meeting_id), DB_INT(person_id)),
                         read_attendee, a, &r, NULL, err) < 0)
        return -1;
    *expected_out = r.expected != 0;
    *status_out = r.status;
    return 0;
}

int attach_store_signin(struct db_conn *c, int64_t meeting_id, int64_t person_id, int64_t user_id,
                        int64_t now, struct err *err)
{
    return db_run_args(c, &SQL_SIGNIN,
                       DB_ARGS(DB_INT(meeting_id), DB_INT(person_id), DB_OPT_ID(user_id),
                               DB_INT(now), DB_INT(now)),
                       err);
}
