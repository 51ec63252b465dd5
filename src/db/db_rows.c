/* db_rows.c: conveniences over db.h that store and service code would otherwise repeat:
 * stepping a statement that should give one row, reading every row (or one page of a
 * filtered list) into an arena array, and ending a unit of work (commit on success, give the
 * connection and scratch arena back).
 * They hold no SQL and know no driver; everything goes through the public db.h calls. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"

void db_bind_texts(struct db_stmt *st, int *k, const char *const *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        db_bind_text(st, (*k)++, v[i]);
}

void db_bind_opt_texts(struct db_stmt *st, int *k, const char *const *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        db_bind_opt_text(st, (*k)++, v[i]);
}

int db_conflict_on(int rc, const char *field, const char *msg, struct err *err)
{
    if (rc < 0 && err->code == E_CONFLICT) {
        if (msg)
            err_refine(err, field, "%s", msg);
        else
            err_refine(err, field, NULL);
    }
    return rc;
}

int db_step_one(struct db_stmt *st, const char *field, const char *msg, struct err *err)
{
    int rc = db_step(st, err);

    if (rc == DB_DONE)
        return err_set(err, E_NOT_FOUND, field, "%s", msg);
    return rc == DB_ROW ? 0 : -1;
}

void db_read_text(struct db_stmt *st, struct arena *a, void *row)
{
    *(char **)row = db_col_dup(st, 0, a);
}

void db_read_int(struct db_stmt *st, struct arena *a, void *row)
{
    (void)a;
    *(int64_t *)row = db_col_int(st, 0);
}

int db_read_one(struct db_stmt **st, db_read_fn read, struct arena *a, void *row, const char *field,
                const char *msg, struct err *err)
{
    int rc = db_step_one(*st, field, msg, err);

    if (rc == 0)
        read(*st, a, row);
    db_stmt_free(st);
    return rc;
}

int db_read_opt(struct db_stmt **st, db_read_fn read, struct arena *a, void *row, bool *found_out,
                struct err *err)
{
    int rc = db_step(*st, err);

    if (rc == DB_ROW)
        read(*st, a, row);
    db_stmt_free(st);
    if (rc < 0)
        return -1;
    if (found_out)
        *found_out = rc == DB_ROW;
    return 0;
}

int db_read_by_id(struct db_conn *c, const struct db_sql *sql, int64_t id, db_read_fn read,
                  struct arena *a, void *row, const char *field, const char *msg, struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, sql, &st, err) < 0)
        return -1;
    db_bind_int(st, 1, id);
    return db_read_one(&st, read, a, row, field, msg, err);
}

int db_read_rows(struct db_stmt **st, db_read_fn read, size_t size, struct arena *a, void *rows_out,
                 int64_t *n_out, struct err *err)
{
    char *rows = NULL;
    void *p;
    int64_t n = 0, cap = 0;
    int rc;

    while ((rc = db_step(*st, err)) == DB_ROW) {
        rows = arena_grow(a, rows, n, &cap, size);
        read(*st, a, rows + (size_t)n * size);
        n++;
    }
    db_stmt_free(st);
    if (rc < 0)
        return -1;
    p = rows;
    memcpy(rows_out, &p, sizeof(p));
    *n_out = n;
    return 0;
}

void db_bind_args(struct db_stmt *st, int *k, struct db_args args)
{
    for (size_t i = 0; i < args.n; i++) {
        const struct db_arg *v = &args.v[i];

        if (v->bind_int)
            v->bind_int(st, (*k)++, v->i);
        else
            v->bind_text(st, (*k)++, v->s);
    }
}

int db_prepare_args(struct db_conn *c, const struct db_sql *sql, struct db_args args,
                    struct db_stmt **out, struct err *err)
{
    int k = 1;

    if (db_prepare(c, sql, out, err) < 0)
        return -1;
    db_bind_args(*out, &k, args);
    return 0;
}

int db_run_args(struct db_conn *c, const struct db_sql *sql, struct db_args args, struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare_args(c, sql, args, &st, err) < 0)
        return -1;
    return db_run(&st, err);
}

int db_run_id_args(struct db_conn *c, const struct db_sql *sql, struct db_args args,
                   int64_t *id_out, struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare_args(c, sql, args, &st, err) < 0)
        return -1;
    return db_run_id(&st, id_out, err);
}

int db_read_rows_args(struct db_conn *c, const struct db_sql *sql, struct db_args args,
                      db_read_fn read, size_t size, struct arena *a, void *rows_out, int64_t *n_out,
                      struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare_args(c, sql, args, &st, err) < 0)
        return -1;
    return db_read_rows(&st, read, size, a, rows_out, n_out, err);
}

int db_read_one_args(struct db_conn *c, const struct db_sql *sql, struct db_args args,
                     db_read_fn read, struct arena *a, void *row, const char *field,
                     const char *msg, struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare_args(c, sql, args, &st, err) < 0)
        return -1;
    return db_read_one(&st, read, a, row, field, msg, err);
}

int db_read_opt_args(struct db_conn *c, const struct db_sql *sql, struct db_args args,
                     db_read_fn read, struct arena *a, void *row, bool *found_out, struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare_args(c, sql, args, &st, err) < 0)
        return -1;
    return db_read_opt(&st, read, a, row, found_out, err);
}

/* Prepares sql and binds the page's filter to it; 0 or -1. */
static int page_prepare(struct db_conn *c, const struct db_page *p, const struct db_sql *sql,
                        struct db_stmt **st, int *k, struct err *err)
{
    *k = 1;
    if (db_prepare(c, sql, st, err) < 0)
        return -1;
    if (p->bind)
        p->bind(*st, k, p->arg);
    return 0;
}

int db_read_page(struct db_conn *c, const struct db_list *l, const struct db_page *p,
                 struct arena *a, void *rows_out, int64_t *n_out, int64_t *total_out,
                 struct err *err)
{
    struct db_stmt *st = NULL;
    int64_t total = 0, n = 0, offset = (p->page - 1) * p->per_page;
    char *rows;
    void *ptr;
    int rc, k;

    ASSERT(p->page >= 1 && p->per_page >= 0);
    if (page_prepare(c, p, l->count, &st, &k, err) < 0)
        return -1;
    rc = db_step(st, err);
    if (rc == DB_ROW)
        total = db_col_int(st, 0);
    db_stmt_free(&st);
    if (rc < 0)
        return -1;
    rows = arena_alloc(a, l->size * (size_t)p->per_page);
    if (total > offset && p->per_page > 0) {
        if (page_prepare(c, p, l->rows, &st, &k, err) < 0)
            return -1;
        db_bind_int(st, k++, p->per_page);
        db_bind_int(st, k, offset);
        while (n < p->per_page && (rc = db_step(st, err)) == DB_ROW)
            l->read(st, a, rows + (size_t)n++ * l->size);
        db_stmt_free(&st);
        if (rc < 0)
            return -1;
    }
    ptr = rows;
    memcpy(rows_out, &ptr, sizeof(ptr));
    *n_out = n;
    *total_out = total;
    return 0;
}

int db_run_by_id(struct db_conn *c, const struct db_sql *sql, int64_t id, struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, sql, &st, err) < 0)
        return -1;
    db_bind_int(st, 1, id);
    return db_run(&st, err);
}

int db_tx_finish(struct db *db, struct db_conn **c, struct arena *a, int rc, struct err *err)
{
    if (rc == 0 && db_tx_commit(*c, err) < 0)
        rc = -1;
    db_release(db, c);
    if (a)
        arena_release(a);
    return rc;
}
