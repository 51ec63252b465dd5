/* migrate.c: forward-only migrations embedded at build time (build/gen/migrations.c from
 * src/db/migrations/), recorded in schema_version. For each version the driver-specific file
 * (NNNN_x.sqlite.sql) wins over the portable one (NNNN_x.sql). */
#include "core/compat.h"
#include "core/clock.h"
#include "core/err.h"
#include "db/db_int.h"

static const struct db_sql SQL_VERSION_TABLE = {
    .name = "migrate.version_table",
    .sql = "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
           "name TEXT NOT NULL, applied_at INTEGER NOT NULL)",
};
static const struct db_sql SQL_VERSION_MAX = {
    .name = "migrate.version_max",
    .sql = "SELECT COALESCE(MAX(version), 0) FROM schema_version",
};
static const struct db_sql SQL_VERSION_TABLE_EXISTS = {
    .name = "migrate.version_exists",
    .sql = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'",
    .pg = "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'schema_version'",
};
static const struct db_sql SQL_VERSION_ADD = {
    .name = "migrate.version_add",
    .sql = "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
};

int db_schema_latest(void)
{
    int v = 0;
    for (size_t i = 0; i < MIGRATIONS_LEN; i++)
        if (MIGRATIONS[i].version > v)
            v = MIGRATIONS[i].version;
    return v;
}

int db_migration_version(const char *name)
{
    for (size_t i = 0; i < MIGRATIONS_LEN; i++)
        if (!strcmp(MIGRATIONS[i].name, name))
            return MIGRATIONS[i].version;
    return 0;
}

static int read_int(struct db_conn *c, const struct db_sql *sql, int64_t *out, struct err *err)
{
    struct db_stmt *st = NULL;
    int rc = -1;

    if (db_prepare(c, sql, &st, err) < 0)
        return -1;
    if (db_step(st, err) == DB_ROW) {
        *out = db_col_int(st, 0);
        rc = 0;
    }
    db_stmt_free(&st);
    return rc;
}

static int conn_version(struct db_conn *c, int *out, struct err *err)
{
    int64_t exists = 0, v = 0;

    if (read_int(c, &SQL_VERSION_TABLE_EXISTS, &exists, err) < 0)
        return -1;
    if (exists && read_int(c, &SQL_VERSION_MAX, &v, err) < 0)
        return -1;
    *out = (int)v;
    return 0;
}

int db_schema_version(struct db *db, int *version_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(db, &c, err) < 0)
        return -1;
    rc = conn_version(c, version_out, err);
    db_release(db, &c);
    return rc;
}

/* The migration to run for version v on this driver: a driver-specific file wins. */
static const struct migration *pick(int v, const char *driver)
{
    const struct migration *portable = NULL;

    for (size_t i = 0; i < MIGRATIONS_LEN; i++) {
        if (MIGRATIONS[i].version != v)
            continue;
        if (MIGRATIONS[i].driver && strcmp(MIGRATIONS[i].driver, driver) == 0)
            return &MIGRATIONS[i];
        if (!MIGRATIONS[i].driver)
            portable = &MIGRATIONS[i];
    }
    return portable;
}

static int apply_one(struct db_conn *c, const struct migration *m, struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_tx_begin(c, err) < 0)
        return -1;
    if (db_exec_script(c, m->sql, err) < 0) {
        err_detail(err, "migration %04d_%s", m->version, m->name);
        goto fail;
    }
    if (db_prepare(c, &SQL_VERSION_ADD, &st, err) < 0)
        goto fail;
    db_bind_int(st, 1, m->version);
    db_bind_text(st, 2, m->name);
    db_bind_int(st, 3, clock_now());
    if (db_exec_stmt(st, err) < 0)
        goto fail;
    db_stmt_free(&st);
    return db_tx_commit(c, err);
fail:
    db_stmt_free(&st);
    db_tx_rollback(c);
    return -1;
}

int db_migrate(struct db *db, int *applied_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct db_stmt *st = NULL;
    int cur = 0, latest = db_schema_latest(), applied = 0, rc = -1;

    if (db_acquire(db, &c, err) < 0)
        return -1;
    if (db_prepare(c, &SQL_VERSION_TABLE, &st, err) < 0 || db_exec_stmt(st, err) < 0)
        goto out;
    db_stmt_free(&st);
    if (conn_version(c, &cur, err) < 0)
        goto out;
    if (cur > latest) {
        err_set(err, E_CONFLICT, "", "数据库结构版本 %d 比本程序支持的版本 %d 新，请升级 dangjian",
                cur, latest);
        goto out;
    }
    for (int v = cur + 1; v <= latest; v++) {
        const struct migration *m = pick(v, db_dialect(db) == DB_DIALECT_PG ? "pg" : "sqlite");
        if (!m) {
            err_set(err, E_INTERNAL, "", "缺少第 %d 号数据库迁移", v);
            goto out;
        }
        if (apply_one(c, m, err) < 0)
            goto out;
        applied++;
    }
    if (applied_out)
        *applied_out = applied;
    rc = 0;
out:
    db_stmt_free(&st);
    db_release(db, &c);
    return rc;
}

int db_schema_check(struct db *db, struct err *err)
{
    int cur = 0, latest = db_schema_latest();

    if (db_schema_version(db, &cur, err) < 0)
        return -1;
    if (cur > latest)
        return err_set(err, E_CONFLICT, "",
                       "数据库结构版本 %d 比本程序支持的版本 %d 新，拒绝启动；请升级 dangjian", cur,
                       latest);
    if (cur < latest)
        return err_set(err, E_CONFLICT, "",
                       "数据库结构版本 %d 落后于 %d，请先运行 dangjian migrate --db <文件>", cur,
                       latest);
    return 0;
}
