/* db_seal.c: the database side of sealed personal data (core/seal.h): the check value that
 * ties a database to its key, the pass that seals what is still plain in the sealed columns
 * (a database from before sealing, or rows a migration or a raw copy wrote), and key rotation,
 * which re-seals every value under a new key. Each runs in one transaction. The columns come
 * from the module rows (app/app_seal.c); their names are identifiers of the code, never input. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/log.h"
#include "core/seal.h"
#include "db/db_int.h"

static const struct db_sql SQL_CHECK_GET = {
    .name = "seal.check_get",
    .sql = "SELECT check_value FROM seal_check WHERE id = 1",
};
static const struct db_sql SQL_CHECK_SET = {
    .name = "seal.check_set",
    .sql = "INSERT INTO seal_check (id, check_value, updated_at) VALUES (1, ?, ?) "
           "ON CONFLICT (id) DO UPDATE SET check_value = excluded.check_value, "
           "updated_at = excluded.updated_at",
};

int db_seal_state(struct db *db, bool *ready_out, char *check, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    const char *v = NULL;
    int version = 0, rc = -1;

    check[0] = '\0';
    *ready_out = false;
    if (db_schema_version(db, &version, err) < 0)
        return -1;
    /* The seal_check table and the blind-index columns arrive with migration NNNN_seal. */
    if (version < db_migration_version("seal"))
        return 0;
    *ready_out = true;
    arena_init(&a, 0);
    if (db_acquire(db, &c, err) < 0)
        goto out;
    struct db_stmt *st = NULL;
    if (db_prepare(c, &SQL_CHECK_GET, &st, err) < 0 ||
        db_read_opt(&st, db_read_text, &a, &v, NULL, err) < 0)
        goto out;
    if (v)
        snprintf(check, SEAL_CHECK_CHARS + 1, "%s", v);
    rc = 0;
out:
    db_release(db, &c);
    arena_release(&a);
    return rc;
}

struct sealed_row {
    int64_t id;
    const char *value;
};

static void read_row(struct db_stmt *st, struct arena *a, void *row)
{
    struct sealed_row *r = row;
    r->id = db_col_int(st, 0);
    r->value = db_col_dup(st, 1, a);
}

static const struct db_sql *dyn(struct arena *a, const char *name, const char *text)
{
    struct db_sql *s = arena_alloc(a, sizeof(*s));
    *s = (struct db_sql){ .name = name, .sql = text, .uncached = true };
    return s;
}

/* The rows of one sealed column, read and opened under the process key. */
struct column_rows {
    const struct sealed_column *col;
    struct sealed_row *rows;
    int64_t n;
};

/* Reads the values of one column that need (re-)sealing, opened: with all, every value;
 * otherwise those still plain or without their blind index. */
static int read_column(struct db_conn *c, const struct sealed_column *col, bool all,
                       struct arena *a, struct column_rows *out, struct err *err)
{
    struct db_stmt *st = NULL;
    /* Not yet sealed, or sealed without its blind index (a column added back). */
    const char *todo =
        all          ? ""
        : col->index ? arena_printf(a, " AND (substr(%s, 1, 3) <> '" SEAL_PREFIX "' OR %s IS NULL)",
                                    col->value, col->index)
                     : arena_printf(a, " AND substr(%s, 1, 3) <> '" SEAL_PREFIX "'", col->value);
    const char *select =
        arena_printf(a, "SELECT id, %s FROM %s WHERE %s IS NOT NULL AND %s <> ''%s", col->value,
                     col->table, col->value, col->value, todo);

    out->col = col;
    if (db_prepare(c, dyn(a, "seal.scan", select), &st, err) < 0 ||
        db_read_rows(&st, read_row, sizeof(*out->rows), a, &out->rows, &out->n, err) < 0)
        return -1;
    for (int64_t i = 0; i < out->n; i++)
        if (seal_open(out->rows[i].value, a, &out->rows[i].value, err) < 0)
            return err_detail(err, "%s.%s id %lld", col->table, col->value,
                              (long long)out->rows[i].id);
    return 0;
}

/* Writes the rows back sealed under the process key, with their blind index. */
static int write_column(struct db_conn *c, const struct column_rows *r, struct arena *a,
                        struct err *err)
{
    const struct sealed_column *col = r->col;
    const char *update =
        col->index ? arena_printf(a, "UPDATE %s SET %s = ?, %s = ? WHERE id = ?", col->table,
                                  col->value, col->index)
                   : arena_printf(a, "UPDATE %s SET %s = ? WHERE id = ?", col->table, col->value);

    for (int64_t i = 0; i < r->n; i++) {
        char idx[SEAL_INDEX_CHARS + 1];
        struct db_stmt *st = NULL;
        int k = 1;
        if (db_prepare(c, dyn(a, "seal.update", update), &st, err) < 0)
            return -1;
        db_bind_text(st, k++, seal_text(r->rows[i].value, a));
        if (col->index)
            db_bind_text(st, k++, seal_index(r->rows[i].value, idx));
        db_bind_int(st, k, r->rows[i].id);
        if (db_run(&st, err) < 0)
            return err_detail(err, "%s.%s id %lld", col->table, col->value,
                              (long long)r->rows[i].id);
    }
    return 0;
}

int db_seal_apply(struct db *db, const struct sealed_column *const *cols, size_t ncols,
                  const unsigned char *master, int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    char check[SEAL_CHECK_CHARS + 1];
    int rc = -1;

    *n_out = 0;
    arena_init(&a, 0);
    struct column_rows *read = arena_alloc(&a, (ncols ? ncols : 1) * sizeof(*read));
    if (db_acquire(db, &c, err) < 0 || db_tx_begin(c, err) < 0)
        goto out;
    /* Every column is opened under the old key before the new one is used. */
    for (size_t i = 0; i < ncols; i++)
        if (read_column(c, cols[i], master != NULL, &a, &read[i], err) < 0)
            goto out;
    if (master)
        seal_key_use(master);
    for (size_t i = 0; i < ncols; i++) {
        if (write_column(c, &read[i], &a, err) < 0)
            goto out;
        *n_out += read[i].n;
    }
    /* The check value is written once, and again when a rotation changed the key. */
    const char *had = NULL;
    struct db_stmt *st = NULL;
    if (db_prepare(c, &SQL_CHECK_GET, &st, err) < 0 ||
        db_read_opt(&st, db_read_text, &a, &had, NULL, err) < 0)
        goto out;
    seal_check_value(check);
    if ((!had || strcmp(had, check) != 0) &&
        db_run_args(c, &SQL_CHECK_SET, DB_ARGS(DB_TEXT(check), DB_INT(clock_now())), err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(db, &c, &a, rc, err);
}

const char *db_col_unseal(struct db_stmt *st, int col, struct arena *a)
{
    return seal_open_or_mark(db_col_dup(st, col, a), a);
}

int db_seal_scrub(struct db *db, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_dialect(db) != DB_DIALECT_SQLITE) {
        log_warn("seal_scrub", "msg=\"run VACUUM FULL person, org, dev_applicant once: dead rows "
                               "may still hold the plain numbers\"");
        return 0;
    }
    if (db_acquire(db, &c, err) < 0)
        return -1;
    rc = db_exec_script(c, "VACUUM; PRAGMA wal_checkpoint(TRUNCATE);", err);
    db_release(db, &c);
    return rc;
}
