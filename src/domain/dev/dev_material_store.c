/* dev_material_store.c: SQL of an applicant's documents (migration 0019_dev_doc): insert,
 * list (without the bytes), read one (with them), delete, and the demo's cases. No rule is
 * checked here; the service (dev_material.c) owns the transaction. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/dev/dev_material.h"

static const struct db_sql SQL_INSERT = {
    .name = "dev_doc.insert",
    .sql = "INSERT INTO dev_document (applicant_id, step, kind, doc_date, number, note, file_name, "
           "file_kind, content_type, size, sha256, data, uploaded_by, uploaded_at) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
};
#define DOC_COLS                                                                                   \
    "t.id, t.applicant_id, COALESCE(t.step, 0), t.size, COALESCE(t.uploaded_by, 0), "              \
    "t.uploaded_at, t.kind, t.doc_date, t.number, t.note, t.file_name, t.file_kind, "              \
    "t.content_type, t.sha256, u.display_name"
#define DOC_FROM " FROM dev_document t LEFT JOIN user_account u ON u.id = t.uploaded_by "
/* Kinds in the order of DEV_DOC_KINDS (the order of the steps), then by date. */
#define DOC_ORDER                                                                                  \
    " ORDER BY CASE t.kind WHEN 'application' THEN 1 WHEN 'report' THEN 2 WHEN 'review' THEN 3 "   \
    "WHEN 'polreview' THEN 4 WHEN 'training' THEN 5 WHEN 'volunteer' THEN 6 "                      \
    "WHEN 'conversion' THEN 7 ELSE 8 END, t.doc_date, t.id"
static const struct db_sql SQL_LIST = {
    .name = "dev_doc.list",
    .sql = "SELECT " DOC_COLS DOC_FROM "WHERE t.applicant_id = ?" DOC_ORDER,
};
static const struct db_sql SQL_META = {
    .name = "dev_doc.meta",
    .sql = "SELECT " DOC_COLS DOC_FROM "WHERE t.applicant_id = ? AND t.id = ?",
};
static const struct db_sql SQL_GET = {
    .name = "dev_doc.get",
    .sql = "SELECT " DOC_COLS ", t.data" DOC_FROM "WHERE t.applicant_id = ? AND t.id = ?",
};
static const struct db_sql SQL_DELETE = {
    .name = "dev_doc.delete",
    .sql = "DELETE FROM dev_document WHERE applicant_id = ? AND id = ?",
};
static const struct db_sql SQL_DEMO_CASES = {
    .name = "dev_doc.demo_cases",
    .sql = "SELECT id FROM dev_applicant ORDER BY id LIMIT ?",
};

static void read_doc(struct db_stmt *st, struct arena *a, void *row)
{
    struct dev_doc_view *v = row;

    v->id = db_col_int(st, 0);
    v->applicant_id = db_col_int(st, 1);
    v->step = db_col_int(st, 2);
    v->size = db_col_int(st, 3);
    v->uploaded_by = db_col_int(st, 4);
    v->uploaded_at = db_col_int(st, 5);
    v->kind = db_col_dup(st, 6, a);
    v->doc_date = db_col_dup(st, 7, a);
    v->number = db_col_dup(st, 8, a);
    v->note = db_col_dup(st, 9, a);
    v->file_name = db_col_dup(st, 10, a);
    v->file_kind = db_col_dup(st, 11, a);
    v->content_type = db_col_dup(st, 12, a);
    v->sha256 = db_col_dup(st, 13, a);
    v->uploaded_by_name = db_col_dup(st, 14, a);
    v->data = NULL;
}

static void read_doc_data(struct db_stmt *st, struct arena *a, void *row)
{
    struct dev_doc_view *v = row;
    size_t len = 0;
    const void *p;
    char *copy;

    read_doc(st, a, row);
    p = db_col_blob(st, 15, &len);
    copy = arena_alloc(a, len ? len : 1);
    if (len)
        memcpy(copy, p, len);
    v->data = copy;
    v->size = (int64_t)len;
}

int dev_doc_store_insert(struct db_conn *c, const struct dev_doc_new *in, int64_t user_id,
                         int64_t now, int64_t *id_out, struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_INSERT, &st, err) < 0)
        return -1;
    db_bind_int(st, 1, in->applicant_id);
    db_bind_opt_id(st, 2, in->step);
    db_bind_text(st, 3, in->kind);
    db_bind_text(st, 4, in->doc_date);
    db_bind_opt_text(st, 5, in->number);
    db_bind_opt_text(st, 6, in->note);
    db_bind_text(st, 7, in->file_name);
    db_bind_text(st, 8, in->file_kind);
    db_bind_text(st, 9, in->content_type);
    db_bind_int(st, 10, (int64_t)in->len);
    db_bind_text(st, 11, in->sha256);
    db_bind_blob(st, 12, in->data, in->len);
    db_bind_opt_id(st, 13, user_id);
    db_bind_int(st, 14, now);
    return db_run_id(&st, id_out, err);
}

int dev_doc_store_list(struct db_conn *c, int64_t applicant_id, struct arena *a,
                       struct dev_doc_view **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_LIST, DB_ARGS(DB_INT(applicant_id)), read_doc, sizeof(**out),
                             a, out, n_out, err);
}

int dev_doc_store_get(struct db_conn *c, int64_t applicant_id, int64_t id, bool data,
                      struct arena *a, struct dev_doc_view *out, struct err *err)
{
    return db_read_one_args(c, data ? &SQL_GET : &SQL_META,
                            DB_ARGS(DB_INT(applicant_id), DB_INT(id)),
                            data ? read_doc_data : read_doc, a, out, "", "没有这份材料", err);
}

int dev_doc_store_delete(struct db_conn *c, int64_t applicant_id, int64_t id, struct err *err)
{
    return db_run_args(c, &SQL_DELETE, DB_ARGS(DB_INT(applicant_id), DB_INT(id)), err);
}

int dev_doc_store_demo_cases(struct db_conn *c, int64_t n, struct arena *a, int64_t **ids_out,
                             int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_DEMO_CASES, DB_ARGS(DB_INT(n)), db_read_int, sizeof(**ids_out),
                             a, ids_out, n_out, err);
}
