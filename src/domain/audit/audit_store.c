/* audit_store.c: SQL for the audit chain: the last row, appending (one row, or a chunk of
 * rows per statement), paging by org subtree and walking every row in order for
 * verification. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/audit/audit_int.h"
#include "domain/orgpath.h"

#define AUDIT_COLS                                                                                 \
    "a.id, a.at, a.user_id, a.username, a.source, a.action, a.target_type, a.target_id, "          \
    "a.org_id, a.result, a.request_id, a.digest, a.prev_hash, a.hash"

static const struct db_sql SQL_LAST = {
    .name = "audit.last",
    .sql = "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1",
};
/* One row binds these columns in this order (bind_row); the chunk repeats the row. */
#define AUDIT_INSERT                                                                               \
    "INSERT INTO audit (id, at, user_id, username, source, action, target_type, "                  \
    "target_id, org_id, result, request_id, digest, prev_hash, hash) VALUES "
#define AUDIT_ROW "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define ROWS2(r)  r ", " r
#define ROWS4(r)  ROWS2(r) ", " ROWS2(r)
#define ROWS8(r)  ROWS4(r) ", " ROWS4(r)
#define ROWS16(r) ROWS8(r) ", " ROWS8(r)
#define ROWS32(r) ROWS16(r) ", " ROWS16(r)
static const struct db_sql SQL_INSERT = {
    .name = "audit.insert",
    .sql = AUDIT_INSERT AUDIT_ROW,
};
static const struct db_sql SQL_INSERT_CHUNK = {
    .name = "audit.insert_chunk",
    .sql = AUDIT_INSERT ROWS32(AUDIT_ROW),
};
_Static_assert(AUDIT_STORE_CHUNK == 32, "SQL_INSERT_CHUNK holds 32 rows");
static const struct db_sql SQL_WALK = {
    .name = "audit.walk",
    .sql = "SELECT " AUDIT_COLS " FROM audit a ORDER BY a.id",
};
/* The name of what a row is about, read now (a renamed org shows its current name); NULL
 * when the target is gone or has no name. */
#define AUDIT_TARGET_NAME                                                                          \
    "CASE a.target_type "                                                                          \
    "WHEN 'user' THEN (SELECT u.display_name || '（' || u.username || '）' FROM user_account u " \
    "WHERE u.id = a.target_id) "                                                                   \
    "WHEN 'member' THEN (SELECT p.name FROM member m JOIN person p ON p.id = m.person_id "         \
    "WHERE m.id = a.target_id) "                                                                   \
    "WHEN 'person' THEN (SELECT p.name FROM person p WHERE p.id = a.target_id) "                   \
    "WHEN 'org' THEN (SELECT t.name FROM org t WHERE t.id = a.target_id) "                         \
    "WHEN 'org_term' THEN (SELECT t.name FROM org_term ot JOIN org t ON t.id = ot.org_id "         \
    "WHERE ot.id = a.target_id) "                                                                  \
    "WHEN 'org_unit_link' THEN (SELECT l.unit_name FROM org_unit_link l WHERE l.id = "             \
    "a.target_id) "                                                                                \
    "END"
static const struct db_sql SQL_PAGE_ALL = {
    .name = "audit.page_all",
    .sql = "SELECT " AUDIT_COLS ", " AUDIT_TARGET_NAME " FROM audit a WHERE a.at >= ? AND "
           "a.at < ? ORDER BY a.id DESC LIMIT ? OFFSET ?",
};
static const struct db_sql SQL_COUNT_ALL = {
    .name = "audit.count_all",
    .sql = "SELECT COUNT(*) FROM audit a WHERE a.at >= ? AND a.at < ?",
};
static const struct db_sql SQL_PAGE_SCOPE = {
    .name = "audit.page_scope",
    .sql = "SELECT " AUDIT_COLS ", " AUDIT_TARGET_NAME " FROM audit a JOIN org o ON "
           "o.id = a.org_id WHERE o.path >= ? AND o.path < ? AND a.at >= ? AND a.at < ? "
           "ORDER BY a.id DESC LIMIT ? OFFSET ?",
};
static const struct db_sql SQL_COUNT_SCOPE = {
    .name = "audit.count_scope",
    .sql = "SELECT COUNT(*) FROM audit a JOIN org o ON o.id = a.org_id "
           "WHERE o.path >= ? AND o.path < ? AND a.at >= ? AND a.at < ?",
};

int audit_store_last(struct db_conn *c, int64_t *id_out, char hash_out[65], struct err *err)
{
    struct db_stmt *st = NULL;
    int rc;

    if (db_prepare(c, &SQL_LAST, &st, err) < 0)
        return -1;
    rc = db_step(st, err);
    if (rc == DB_ROW) {
        *id_out = db_col_int(st, 0);
        snprintf(hash_out, 65, "%s", db_col_text(st, 1));
    } else if (rc == DB_DONE) {
        *id_out = 0;
    }
    db_stmt_free(&st);
    return rc < 0 ? -1 : 0;
}

/* The AUDIT_ROW binds of r, from *k on. */
static void bind_row(struct db_stmt *st, int *k, const struct audit_row *r)
{
    db_bind_int(st, (*k)++, r->id);
    db_bind_int(st, (*k)++, r->at);
    db_bind_opt_id(st, (*k)++, r->e.user_id);
    db_bind_text(st, (*k)++, r->e.username);
    db_bind_text(st, (*k)++, r->e.source);
    db_bind_text(st, (*k)++, r->e.action);
    db_bind_text(st, (*k)++, r->e.target_type);
    db_bind_opt_id(st, (*k)++, r->e.target_id);
    db_bind_opt_id(st, (*k)++, r->e.org_id);
    db_bind_text(st, (*k)++, r->e.result);
    db_bind_text(st, (*k)++, r->e.request_id);
    db_bind_text(st, (*k)++, r->e.digest);
    db_bind_text(st, (*k)++, r->prev_hash);
    db_bind_text(st, (*k)++, r->hash);
}

int audit_store_insert(struct db_conn *c, const struct audit_row *r, struct err *err)
{
    struct db_stmt *st = NULL;
    int k = 1;

    if (db_prepare(c, &SQL_INSERT, &st, err) < 0)
        return -1;
    bind_row(st, &k, r);
    return db_run(&st, err);
}

int audit_store_insert_chunk(struct db_conn *c, const struct audit_row *r, struct err *err)
{
    struct db_stmt *st = NULL;
    int k = 1;

    if (db_prepare(c, &SQL_INSERT_CHUNK, &st, err) < 0)
        return -1;
    for (int i = 0; i < AUDIT_STORE_CHUNK; i++)
        bind_row(st, &k, &r[i]);
    return db_run(&st, err);
}

/* Reads the current row; text comes from a (NULL a: the row borrows the statement's text,
 * valid until the next step). */
static void read_row(struct db_stmt *st, struct arena *a, struct audit_row *r)
{
#define TXT(i) (a ? db_col_dup(st, i, a) : db_col_text(st, i))
    r->id = db_col_int(st, 0);
    r->at = db_col_int(st, 1);
    r->e.user_id = db_col_int(st, 2);
    r->e.username = TXT(3);
    r->e.source = TXT(4);
    r->e.action = TXT(5);
    r->e.target_type = TXT(6);
    r->e.target_id = db_col_int(st, 7);
    r->e.org_id = db_col_int(st, 8);
    r->e.result = TXT(9);
    r->e.request_id = TXT(10);
    r->e.digest = TXT(11);
#undef TXT
    snprintf(r->prev_hash, sizeof(r->prev_hash), "%s",
             db_col_text(st, 12) ? db_col_text(st, 12) : "");
    snprintf(r->hash, sizeof(r->hash), "%s", db_col_text(st, 13) ? db_col_text(st, 13) : "");
}

int audit_store_walk(struct db *db, int (*fn)(void *cls, const struct audit_row *r), void *cls,
                     struct err *err)
{
    struct db_conn *c = NULL;
    struct db_stmt *st = NULL;
    int rc = -1, step;

    if (db_acquire(db, &c, err) < 0)
        return -1;
    if (db_prepare(c, &SQL_WALK, &st, err) < 0)
        goto out;
    while ((step = db_step(st, err)) == DB_ROW) {
        struct audit_row r = { 0 };
        read_row(st, NULL, &r);
        if (fn(cls, &r))
            break;
    }
    rc = step < 0 ? -1 : 0;
out:
    db_stmt_free(&st);
    db_release(db, &c);
    return rc;
}

/* The filter of an audit page: rows in [from, to) at orgs of the subtree at path, or all. */
struct page_filter {
    const char *path; /* NULL: every org */
    char upper[ORG_PATH_MAX];
    int64_t from, to;
};

static void bind_filter(struct db_stmt *st, int *k, const void *arg)
{
    const struct page_filter *f = arg;

    if (f->path) {
        db_bind_text(st, (*k)++, f->path);
        db_bind_text(st, (*k)++, f->upper);
    }
    db_bind_int(st, (*k)++, f->from);
    db_bind_int(st, (*k)++, f->to);
}

/* A db_read_fn for a page row: the row and the name of its target (column 14). */
static void read_page_row(struct db_stmt *st, struct arena *a, void *row)
{
    struct audit_row *r = row;

    read_row(st, a, r);
    r->target_name = db_col_dup(st, 14, a);
}

/* Audit rows, of every org or of a subtree's. */
static const struct db_list PAGES[2] = {
    { &SQL_COUNT_ALL, &SQL_PAGE_ALL, read_page_row, sizeof(struct audit_row) },
    { &SQL_COUNT_SCOPE, &SQL_PAGE_SCOPE, read_page_row, sizeof(struct audit_row) },
};

int audit_store_page(struct db_conn *c, const struct audit_query *q, struct arena *a,
                     struct audit_row **rows_out, int64_t *n_out, int64_t *total_out,
                     struct err *err)
{
    struct page_filter f = { .path = q->org_path,
                             .from = q->from,
                             .to = q->to ? q->to : INT64_MAX };
    struct db_page p = { q->page, q->size, bind_filter, &f };

    if (q->org_path)
        orgpath_upper(q->org_path, f.upper);
    return db_read_page(c, &PAGES[q->org_path != NULL], &p, a, rows_out, n_out, total_out, err);
}
