/* notify_store.c: the SQL of the notify area: the message rows (notification), the queue of
 * messages to phones still to hand to the sink, and an account's inbox. The phone is sealed at
 * rest (core/seal.h). */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/seal.h"
#include "db/db.h"
#include "domain/notify/notify_int.h"

static const struct db_sql SQL_INSERT = {
    .name = "notify.insert",
    .sql = "INSERT INTO notification (tenant_id, user_id, phone, kind, ref_type, ref_id, body, "
           "created_at, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
};

int notify_store_insert(struct db_conn *c, const struct notify_msg *m, int64_t now, struct err *err)
{
    struct arena a;
    int rc;

    arena_init(&a, 0);
    /* A message for the inbox only is delivered by being written. */
    rc = db_run_args(c, &SQL_INSERT,
                     DB_ARGS(DB_INT(m->tenant_id), DB_OPT_ID(m->user_id),
                             DB_OPT_TEXT(seal_text(m->phone, &a)), DB_TEXT(m->kind),
                             DB_OPT_TEXT(m->ref_type), DB_OPT_ID(m->ref_id), DB_TEXT(m->body),
                             DB_INT(now), DB_OPT_ID(m->phone ? 0 : now)),
                     err);
    arena_release(&a);
    return rc;
}

static const struct db_sql SQL_PENDING = {
    .name = "notify.pending",
    .sql = "SELECT id, phone, body FROM notification WHERE sent_at IS NULL AND phone IS NOT NULL "
           "AND attempts < 5 ORDER BY id LIMIT 100",
};

static void read_pending(struct db_stmt *st, struct arena *a, void *row)
{
    *(struct notify_pending *)row = (struct notify_pending){
        .id = db_col_int(st, 0),
        .phone = db_col_unseal(st, 1, a),
        .body = db_col_dup(st, 2, a),
    };
}

int notify_store_pending(struct db_conn *c, struct arena *a, struct notify_pending **out,
                         int64_t *n_out, struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_PENDING, &st, err) < 0)
        return -1;
    return db_read_rows(&st, read_pending, sizeof(struct notify_pending), a, out, n_out, err);
}

static const struct db_sql SQL_CLAIM = {
    .name = "notify.claim",
    .sql = "UPDATE notification SET sent_at = ?, attempts = attempts + 1, last_error = NULL "
           "WHERE id = ? AND sent_at IS NULL",
};

int notify_store_claim(struct db_conn *c, int64_t id, int64_t now, bool *taken_out, struct err *err)
{
    if (db_run_args(c, &SQL_CLAIM, DB_ARGS(DB_INT(now), DB_INT(id)), err) < 0)
        return -1;
    *taken_out = db_changes(c) == 1;
    return 0;
}

static const struct db_sql SQL_UNCLAIM = {
    .name = "notify.unclaim",
    .sql = "UPDATE notification SET sent_at = NULL, last_error = ? WHERE id = ?",
};

int notify_store_unclaim(struct db_conn *c, int64_t id, const char *error, struct err *err)
{
    return db_run_args(c, &SQL_UNCLAIM, DB_ARGS(DB_TEXT(error), DB_INT(id)), err);
}

static const struct db_sql SQL_INBOX_COUNT = {
    .name = "notify.inbox_count",
    .sql = "SELECT COUNT(*) FROM notification WHERE user_id = ?",
};
static const struct db_sql SQL_INBOX_PAGE = {
    .name = "notify.inbox_page",
    .sql = "SELECT id, ref_id, created_at, read_at, kind, ref_type, body FROM notification "
           "WHERE user_id = ? ORDER BY id DESC LIMIT ? OFFSET ?",
};

static void read_row(struct db_stmt *st, struct arena *a, void *row)
{
    *(struct notify_row *)row = (struct notify_row){
        .id = db_col_int(st, 0),
        .ref_id = db_col_int(st, 1),
        .created_at = db_col_int(st, 2),
        .read_at = db_col_int(st, 3),
        .kind = db_col_dup(st, 4, a),
        .ref_type = db_col_dup(st, 5, a),
        .body = db_col_dup(st, 6, a),
    };
}

static void bind_user(struct db_stmt *st, int *k, const void *arg)
{
    db_bind_int(st, (*k)++, *(const int64_t *)arg);
}

int notify_store_inbox(struct db_conn *c, int64_t user_id, int64_t page, int64_t size,
                       struct arena *a, struct notify_row **out, int64_t *n_out, int64_t *total_out,
                       struct err *err)
{
    static const struct db_list L = { &SQL_INBOX_COUNT, &SQL_INBOX_PAGE, read_row,
                                      sizeof(struct notify_row) };

    return db_read_page(c, &L, &(struct db_page){ page, size, bind_user, &user_id }, a, out, n_out,
                        total_out, err);
}

static const struct db_sql SQL_UNREAD = {
    .name = "notify.unread",
    .sql = "SELECT COUNT(*) FROM notification WHERE user_id = ? AND read_at IS NULL",
};

int notify_store_unread(struct db_conn *c, int64_t user_id, int64_t *n_out, struct err *err)
{
    return db_read_one_args(c, &SQL_UNREAD, DB_ARGS(DB_INT(user_id)), db_read_int, NULL, n_out, "",
                            "", err);
}

static const struct db_sql SQL_READ = {
    .name = "notify.read",
    .sql = "UPDATE notification SET read_at = ? WHERE user_id = ? AND read_at IS NULL "
           "AND (? = 0 OR id = ?)",
};

int notify_store_read(struct db_conn *c, int64_t user_id, int64_t id, int64_t now, struct err *err)
{
    return db_run_args(c, &SQL_READ, DB_ARGS(DB_INT(now), DB_INT(user_id), DB_INT(id), DB_INT(id)),
                       err);
}
