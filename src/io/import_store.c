/* import_store.c: SQL for import_job. Plain statements with ? placeholders; each job
 * function takes its own connection and, for writes, its own short transaction. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/seal.h"
#include "db/db.h"
#include "io/import_store.h"

static const struct db_sql SQL_JOB_INSERT = {
    .name = "import.job_insert",
    .sql = "INSERT INTO import_job (user_id, org_id, filename, state, dry_run, skip_invalid, "
           "created_at) VALUES (?, ?, ?, 'running', ?, ?, ?) RETURNING id",
};
static const struct db_sql SQL_JOB_FINISH = {
    .name = "import.job_finish",
    .sql = "UPDATE import_job SET state = ?, total = ?, done = ?, accepted = ?, rejected = ?, "
           "created = ?, updated = ?, committed = ?, message = ?, result = ?, error_file = ?, "
           "finished_at = ? WHERE id = ?",
};
static const struct db_sql SQL_JOB_GET = {
    .name = "import.job_get",
    .sql = "SELECT id, user_id, org_id, filename, state, dry_run, skip_invalid, total, done, "
           "accepted, rejected, created, updated, committed, message, result, "
           "error_file IS NOT NULL, created_at, finished_at FROM import_job WHERE id = ?",
};
static const struct db_sql SQL_JOB_PROGRESS = {
    .name = "import.job_progress",
    .sql = "UPDATE import_job SET total = ?, done = ?, accepted = ?, rejected = ?, created = ?, "
           "updated = ?, result = ?, committed = 1 WHERE id = ?",
};
/* What was kept is in the row already (import_job_progress commits with each chunk): the
 * message says so, with the counts of a skip-invalid job that committed some chunks. */
static const struct db_sql SQL_JOBS_ABANDON = {
    .name = "import.jobs_abandon",
    .sql =
        "UPDATE import_job SET state = 'failed', finished_at = ?, message = CASE "
        "WHEN committed = 1 THEN ? || CAST(accepted AS TEXT) || ? || CAST(created AS TEXT) || ? || "
        "CAST(updated AS TEXT) || ? "
        "ELSE ? END WHERE state = 'running'",
};
static const struct db_sql SQL_JOB_FILE = {
    .name = "import.job_file",
    .sql = "SELECT error_file FROM import_job WHERE id = ? AND error_file IS NOT NULL",
};

int import_job_create(struct db *db, int64_t user_id, int64_t org_id, const char *filename,
                      bool dry_run, bool skip_invalid, int64_t *id_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc = -1;

    if (db_acquire(db, &c, err) < 0 || db_tx_begin(c, err) < 0)
        goto out;
    rc = db_run_id_args(c, &SQL_JOB_INSERT,
                        DB_ARGS(DB_OPT_ID(user_id), DB_INT(org_id), DB_TEXT(filename),
                                DB_INT(dry_run), DB_INT(skip_invalid), DB_INT(clock_now())),
                        id_out, err);
out:
    return db_tx_finish(db, &c, NULL, rc, err);
}

int import_jobs_abandon(struct db *db, int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc = -1;

    if (db_acquire(db, &c, err) < 0 ||
        db_run_args(
            c, &SQL_JOBS_ABANDON,
            DB_ARGS(DB_INT(clock_now()), DB_TEXT("导入在服务停止时中断。中断前已提交 "),
                    DB_TEXT(" 行（新增 "), DB_TEXT("，更新 "),
                    DB_TEXT("），已提交的行号见任务的 committed_rows；其余行没有写入。"
                            "请重新导入同一文件完成导入（按身份证号匹配，已导入的行不会"
                            "重复登记）。"),
                    DB_TEXT("导入在服务停止时中断，没有写入任何数据。请重新导入同一文件。")),
            err) < 0)
        goto out;
    *n_out = db_changes(c);
    rc = 0;
out:
    db_release(db, &c);
    return rc;
}

/* Binds the counts of v (total, done, accepted, rejected, created, updated) from place at. */
static void bind_counts(struct db_stmt *st, int at, const struct import_job_view *v)
{
    db_bind_int(st, at, v->total);
    db_bind_int(st, at + 1, v->done);
    db_bind_int(st, at + 2, v->accepted);
    db_bind_int(st, at + 3, v->rejected);
    db_bind_int(st, at + 4, v->created);
    db_bind_int(st, at + 5, v->updated);
}

int import_job_progress(struct db_conn *c, const struct import_job_view *v, struct err *err)
{
    struct db_stmt *st = NULL;
    int rc = -1;

    if (db_prepare(c, &SQL_JOB_PROGRESS, &st, err) < 0)
        goto out;
    bind_counts(st, 1, v);
    db_bind_text(st, 7, v->result);
    db_bind_int(st, 8, v->id);
    rc = db_exec_stmt(st, err);
out:
    db_stmt_free(&st);
    return rc;
}

int import_job_finish(struct db *db, const struct import_job_view *v, const void *error_file,
                      size_t error_file_len, struct err *err)
{
    struct db_conn *c = NULL;
    struct db_stmt *st = NULL;
    struct arena a;
    int rc = -1;

    arena_init(&a, 0);
    if (db_acquire(db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        db_prepare(c, &SQL_JOB_FINISH, &st, err) < 0)
        goto out;
    db_bind_text(st, 1, v->state);
    bind_counts(st, 2, v);
    db_bind_int(st, 8, v->committed);
    db_bind_text(st, 9, v->message);
    db_bind_text(st, 10, v->result);
    /* The rejected rows carry ID and phone numbers: the workbook is sealed (core/seal.h). */
    if (error_file) {
        size_t n = 0;
        const void *sealed = seal_bytes(error_file, error_file_len, &a, &n);
        db_bind_blob(st, 11, sealed, n);
    } else
        db_bind_null(st, 11);
    db_bind_int(st, 12, clock_now());
    db_bind_int(st, 13, v->id);
    rc = db_run(&st, err);
out:
    db_stmt_free(&st);
    return db_tx_finish(db, &c, &a, rc, err);
}

static void read_job(struct db_stmt *st, struct arena *a, void *row)
{
    *(struct import_job_view *)row = (struct import_job_view){
        .id = db_col_int(st, 0),
        .user_id = db_col_int(st, 1),
        .org_id = db_col_int(st, 2),
        .filename = db_col_dup(st, 3, a),
        .state = db_col_dup(st, 4, a),
        .dry_run = db_col_int(st, 5) != 0,
        .skip_invalid = db_col_int(st, 6) != 0,
        .total = db_col_int(st, 7),
        .done = db_col_int(st, 8),
        .accepted = db_col_int(st, 9),
        .rejected = db_col_int(st, 10),
        .created = db_col_int(st, 11),
        .updated = db_col_int(st, 12),
        .committed = db_col_int(st, 13) != 0,
        .message = db_col_dup(st, 14, a),
        .result = db_col_dup(st, 15, a),
        .has_error_file = db_col_int(st, 16) != 0,
        .created_at = db_col_int(st, 17),
        .finished_at = db_col_int(st, 18),
    };
}

int import_job_get(struct db *db, int64_t id, struct arena *a, struct import_job_view *out,
                   struct err *err)
{
    struct db_conn *c = NULL;
    int rc = -1;

    if (db_acquire(db, &c, err) == 0)
        rc = db_read_by_id(c, &SQL_JOB_GET, id, read_job, a, out, "", "导入任务不存在", err);
    db_release(db, &c);
    return rc;
}

/* An error workbook, copied into the caller's arena. */
struct error_file {
    const void *p;
    size_t len;
};

static void read_error_file(struct db_stmt *st, struct arena *a, void *row)
{
    struct error_file *f = row;
    const void *p = db_col_blob(st, 0, &f->len);
    void *copy = arena_alloc(a, f->len ? f->len : 1);

    memcpy(copy, p, f->len);
    f->p = copy;
}

int import_job_error_file(struct db *db, int64_t id, struct arena *a, const void **p_out,
                          size_t *len_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct error_file f = { 0 };
    int rc = -1;

    if (db_acquire(db, &c, err) == 0)
        rc = db_read_by_id(c, &SQL_JOB_FILE, id, read_error_file, a, &f, "",
                           "该导入任务没有错误文件", err);
    db_release(db, &c);
    if (rc == 0 && seal_open_bytes(f.p, f.len, a, p_out, len_out, err) < 0)
        return err_refine(
            err, "", "这份错误文件在更换密钥之前生成，已无法打开：请重新导入以得到新的错误文件");
    return rc;
}
