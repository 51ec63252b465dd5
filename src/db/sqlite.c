/* sqlite.c: the SQLite driver. WAL journal, foreign keys on, a busy timeout, and native
 * result codes mapped to ours (unique -> conflict, busy/locked -> unavailable). One
 * connection belongs to one thread at a time (the pool hands it out). */
#include "core/compat.h"
#include <sqlite3.h>
#include "core/err.h"
#include "db/db_int.h"

static int map_error(sqlite3 *h, int rc, struct err *err)
{
    int ext = h ? sqlite3_extended_errcode(h) : rc;
    const char *native = h ? sqlite3_errmsg(h) : sqlite3_errstr(rc);

    switch (ext) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
        err_set(err, E_CONFLICT, "", "记录已存在（唯一性冲突）");
        break;
    case SQLITE_CONSTRAINT_FOREIGNKEY:
        err_set(err, E_CONFLICT, "", "关联的记录不存在或仍被引用");
        break;
    case SQLITE_CONSTRAINT_CHECK:
    case SQLITE_CONSTRAINT_NOTNULL:
        err_set(err, E_INVALID, "", "数据不符合约束");
        break;
    default:
        switch (rc & 0xff) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            err_set(err, E_UNAVAILABLE, "", "数据库繁忙，请稍后重试");
            break;
        case SQLITE_CANTOPEN:
            err_set(err, E_UNAVAILABLE, "", "无法打开数据库文件");
            break;
        case SQLITE_FULL:
        case SQLITE_IOERR:
            err_set(err, E_UNAVAILABLE, "", "数据库读写失败");
            break;
        default:
            err_set(err, E_INTERNAL, "", "数据库内部错误");
        }
    }
    return err_detail(err, "sqlite %d: %s", ext, native);
}

static int sq_exec(void *native, const char *script, struct err *err)
{
    sqlite3 *h = native;
    int rc = sqlite3_exec(h, script, NULL, NULL, NULL);
    return rc == SQLITE_OK ? 0 : map_error(h, rc, err);
}

static int sq_open(const struct db_cfg *cfg, void **native_out, struct err *err)
{
    sqlite3 *h = NULL;
    int flags =
        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (cfg->create ? SQLITE_OPEN_CREATE : 0);
    int rc = sqlite3_open_v2(cfg->path, &h, flags, NULL);

    if (rc != SQLITE_OK) {
        if (!cfg->create && rc == SQLITE_CANTOPEN) {
            sqlite3_close(h);
            err_set(err, E_UNAVAILABLE, "", "数据库文件 %s 不存在，请先运行 dangjian init --db %s",
                    cfg->path, cfg->path);
            return -1;
        }
        map_error(h, rc, err);
        sqlite3_close(h);
        return -1;
    }
    sqlite3_extended_result_codes(h, 1);
    sqlite3_busy_timeout(h, (int)cfg->busy_timeout_ms);
    if (sq_exec(h, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;",
                err) < 0) {
        sqlite3_close(h);
        return -1;
    }
    *native_out = h;
    return 0;
}

static void sq_close(void *native)
{
    sqlite3_close(native);
}

static int sq_prepare(void *native, const char *sql, void **stmt_out, struct err *err)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v3(native, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);

    if (rc != SQLITE_OK)
        return map_error(native, rc, err);
    *stmt_out = st;
    return 0;
}

static int sq_bind_int(void *st, int idx, int64_t v)
{
    return sqlite3_bind_int64(st, idx, v) == SQLITE_OK ? 0 : -1;
}

static int sq_bind_text(void *st, int idx, const char *s, size_t len)
{
    return sqlite3_bind_text(st, idx, s, (int)len, SQLITE_TRANSIENT) == SQLITE_OK ? 0 : -1;
}

static int sq_bind_null(void *st, int idx, enum db_type t)
{
    UNUSED(t);
    return sqlite3_bind_null(st, idx) == SQLITE_OK ? 0 : -1;
}

static int sq_bind_blob(void *st, int idx, const void *p, size_t len)
{
    return sqlite3_bind_blob(st, idx, p, (int)len, SQLITE_TRANSIENT) == SQLITE_OK ? 0 : -1;
}

static int sq_step(void *st, struct err *err)
{
    int rc = sqlite3_step(st);

    if (rc == SQLITE_ROW)
        return DB_ROW;
    if (rc == SQLITE_DONE)
        return DB_DONE;
    return map_error(sqlite3_db_handle(st), rc, err);
}

static int64_t sq_col_int(void *st, int col)
{
    return sqlite3_column_int64(st, col);
}

static const char *sq_col_text(void *st, int col)
{
    return (const char *)sqlite3_column_text(st, col);
}

static bool sq_col_is_null(void *st, int col)
{
    return sqlite3_column_type(st, col) == SQLITE_NULL;
}

static const void *sq_col_blob(void *st, int col, size_t *len_out)
{
    const void *p = sqlite3_column_blob(st, col);
    *len_out = (size_t)sqlite3_column_bytes(st, col);
    return p;
}

static int sq_col_count(void *st)
{
    return sqlite3_column_count(st);
}

static const char *sq_col_name(void *st, int col)
{
    return sqlite3_column_name(st, col);
}

static enum db_col_kind sq_col_kind(void *st, int col)
{
    switch (sqlite3_column_type(st, col)) {
    case SQLITE_INTEGER:
        return DB_COL_INT;
    case SQLITE_BLOB:
        return DB_COL_BLOB;
    case SQLITE_NULL:
        return DB_COL_NULL;
    default:
        return DB_COL_TEXT;
    }
}

static void sq_reset(void *st)
{
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
}

static void sq_finalize(void *st)
{
    sqlite3_finalize(st);
}

static int64_t sq_changes(void *native)
{
    return sqlite3_changes64(native);
}

static int sq_backup(void *native, const char *to, struct err *err)
{
    sqlite3 *dst = NULL;
    sqlite3_backup *bk;
    int rc = sqlite3_open_v2(to, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);

    if (rc != SQLITE_OK) {
        err_set(err, E_INVALID, "", "无法创建备份文件 %s", to);
        err_detail(err, "sqlite %d: %s", rc, sqlite3_errmsg(dst));
        sqlite3_close(dst);
        return -1;
    }
    bk = sqlite3_backup_init(dst, "main", native, "main");
    if (!bk) {
        map_error(dst, sqlite3_errcode(dst), err);
        sqlite3_close(dst);
        return -1;
    }
    /* Copy in steps so writers are only paused briefly; retry while they hold the lock. */
    do {
        rc = sqlite3_backup_step(bk, 1024);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
            sqlite3_sleep(50);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(bk);
    if (rc != SQLITE_DONE) {
        map_error(dst, rc, err);
        sqlite3_close(dst);
        return -1;
    }
    sqlite3_close(dst);
    return 0;
}

/* PRAGMA takes no parameters; the values are our own integers. The defaults at the end are
 * those sq_open sets (and SQLite's). Each end setting is attempted even when another fails. */
static int sq_bulk(void *native, enum db_bulk_phase phase, unsigned flags, int64_t cache_kib,
                   struct err *err)
{
    char sql[256];

    if (phase == DB_BULK_END) {
        struct err ignored = { 0 };
        sq_exec(native, "PRAGMA journal_mode = WAL", &ignored);
        sq_exec(native, "PRAGMA foreign_keys = ON", &ignored);
        sq_exec(native, "PRAGMA ignore_check_constraints = OFF", &ignored);
        sq_exec(native, "PRAGMA temp_store = DEFAULT", &ignored);
        return sq_exec(native, "PRAGMA cache_size = -2000", err);
    }
    snprintf(sql, sizeof(sql), "PRAGMA cache_size = -%" PRId64, cache_kib);
    if (sq_exec(native, sql, err) < 0)
        return -1;
    if (phase == DB_BULK_RESIZE)
        return 0;
    if (sq_exec(native, "PRAGMA temp_store = MEMORY", err) < 0)
        return -1;
    if (!(flags & DB_BULK_UNCHECKED))
        return 0;
    if (sq_exec(native, "PRAGMA foreign_keys = OFF", err) < 0 ||
        sq_exec(native, "PRAGMA journal_mode = MEMORY", err) < 0)
        return -1;
    return sq_exec(native, "PRAGMA ignore_check_constraints = ON", err);
}

const struct db_driver DB_DRIVER_SQLITE = {
    .name = "sqlite",
    .dialect = DB_DIALECT_SQLITE,
    .open = sq_open,
    .close = sq_close,
    .prepare = sq_prepare,
    .bind_int = sq_bind_int,
    .bind_text = sq_bind_text,
    .bind_null = sq_bind_null,
    .bind_blob = sq_bind_blob,
    .step = sq_step,
    .col_int = sq_col_int,
    .col_text = sq_col_text,
    .col_is_null = sq_col_is_null,
    .col_blob = sq_col_blob,
    .col_count = sq_col_count,
    .col_name = sq_col_name,
    .col_kind = sq_col_kind,
    .reset = sq_reset,
    .finalize = sq_finalize,
    .changes = sq_changes,
    .exec = sq_exec,
    .backup = sq_backup,
    .bulk = sq_bulk,
    .begin_sql = "BEGIN IMMEDIATE",
};
