/* db.c: the driver-independent half of db.h: the connection pool, the per-connection
 * statement cache, sticky bind errors, slow-statement logging and transactions. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/log.h"
#include "db/db_int.h"

struct db {
    const struct db_driver *drv;
    struct db_cfg cfg;
    char path[512], url[1024], driver[16];
    pthread_mutex_t mu;
    pthread_cond_t cv;
    struct db_conn *free_list;
    int open_count;
};

static const struct db_driver *const DRIVERS[] = { &DB_DRIVER_SQLITE, &DB_DRIVER_PG,
                                                   &DB_DRIVER_FAKE };

static const struct db_driver *driver_find(const char *name)
{
    if (!name || !*name)
        return &DB_DRIVER_SQLITE;
    for (size_t i = 0; i < ARRAY_LEN(DRIVERS); i++)
        if (strcmp(name, DRIVERS[i]->name) == 0)
            return DRIVERS[i];
    return NULL;
}

static int conn_open(struct db *db, struct db_conn **out, struct err *err)
{
    struct db_conn *c = calloc(1, sizeof(*c));

    ASSERT(c);
    c->db = db;
    if (db->drv->open(&db->cfg, &c->native, err) < 0) {
        free(c);
        return -1;
    }
    *out = c;
    return 0;
}

static void conn_close(struct db_conn *c)
{
    for (size_t i = 0; i < c->ncache; i++)
        c->db->drv->finalize(c->cache[i].native);
    c->db->drv->close(c->native);
    free(c);
}

int db_open(const struct db_cfg *cfg, struct db **out, struct err *err)
{
    struct db *db;
    struct db_conn *c;

    if (!driver_find(cfg->driver))
        return err_set(err, E_INVALID, "db.driver", "不支持的数据库驱动：%s", cfg->driver);
    db = calloc(1, sizeof(*db));
    ASSERT(db);
    db->drv = driver_find(cfg->driver);
    db->cfg = *cfg;
    snprintf(db->path, sizeof(db->path), "%s", cfg->path ? cfg->path : "");
    snprintf(db->url, sizeof(db->url), "%s", cfg->url ? cfg->url : "");
    db->cfg.url = db->url;
    snprintf(db->driver, sizeof(db->driver), "%s", db->drv->name);
    db->cfg.path = db->path;
    db->cfg.driver = db->driver;
    if (db->cfg.pool_max <= 0)
        db->cfg.pool_max = 4;
    pthread_mutex_init(&db->mu, NULL);
    pthread_cond_init(&db->cv, NULL);
    if (conn_open(db, &c, err) < 0) {
        db_free(&db);
        return -1;
    }
    db->open_count = 1;
    db->free_list = c;
    *out = db;
    return 0;
}

void db_free(struct db **dbp)
{
    struct db *db = *dbp;

    if (!db)
        return;
    while (db->free_list) {
        struct db_conn *c = db->free_list;
        db->free_list = c->next_free;
        conn_close(c);
    }
    pthread_mutex_destroy(&db->mu);
    pthread_cond_destroy(&db->cv);
    free(db);
    *dbp = NULL;
}

const char *db_driver_name(const struct db *db)
{
    return db->drv->name;
}

enum db_dialect db_dialect(const struct db *db)
{
    return db->drv->dialect;
}

int db_acquire(struct db *db, struct db_conn **out, struct err *err)
{
    struct db_conn *c = NULL;
    bool open_new = false;

    pthread_mutex_lock(&db->mu);
    while (!db->free_list && db->open_count >= db->cfg.pool_max)
        pthread_cond_wait(&db->cv, &db->mu);
    if (db->free_list) {
        c = db->free_list;
        db->free_list = c->next_free;
    } else {
        db->open_count++;
        open_new = true;
    }
    pthread_mutex_unlock(&db->mu);
    if (open_new && conn_open(db, &c, err) < 0) {
        pthread_mutex_lock(&db->mu);
        db->open_count--;
        pthread_cond_signal(&db->cv);
        pthread_mutex_unlock(&db->mu);
        return -1;
    }
    c->next_free = NULL;
    if (c->db->drv->revive && c->db->drv->revive(c->native, err) < 0) {
        db_release(db, &c);
        return -1;
    }
    *out = c;
    return 0;
}

void db_release(struct db *db, struct db_conn **cp)
{
    struct db_conn *c = *cp;

    if (!c)
        return;
    if (c->in_tx)
        db_tx_rollback(c);
    pthread_mutex_lock(&db->mu);
    c->next_free = db->free_list;
    db->free_list = c;
    pthread_cond_signal(&db->cv);
    pthread_mutex_unlock(&db->mu);
    *cp = NULL;
}

static int exec_simple(struct db_conn *c, const char *sql, struct err *err)
{
    return c->db->drv->exec(c->native, sql, err);
}

int db_tx_begin(struct db_conn *c, struct err *err)
{
    ASSERT(!c->in_tx);
    if (exec_simple(c, c->db->drv->begin_sql, err) < 0) {
        struct err ignored = { 0 };
        exec_simple(c, "ROLLBACK", &ignored); /* BEGIN may have run before the lock failed */
        return -1;
    }
    c->in_tx = true;
    return 0;
}

int db_tx_commit(struct db_conn *c, struct err *err)
{
    ASSERT(c->in_tx);
    if (exec_simple(c, "COMMIT", err) < 0) {
        db_tx_rollback(c);
        return -1;
    }
    c->in_tx = false;
    return 0;
}

void db_tx_rollback(struct db_conn *c)
{
    struct err ignored = { 0 };

    if (!c->in_tx)
        return;
    exec_simple(c, "ROLLBACK", &ignored);
    c->in_tx = false;
}

static const char *sql_text(const struct db_conn *c, const struct db_sql *sql)
{
    if (sql->pg && c->db->drv->dialect == DB_DIALECT_PG)
        return sql->pg;
    return sql->sql;
}

int db_prepare(struct db_conn *c, const struct db_sql *sql, struct db_stmt **out, struct err *err)
{
    struct db_stmt *st = NULL;
    void *native;

    for (size_t i = 0; i < c->ncache && !sql->uncached; i++) {
        if (c->cache[i].sql == sql) {
            if (c->cache[i].busy)
                break; /* nested use of the same statement: prepare a private copy */
            st = &c->cache[i];
            st->busy = true;
            st->bind_failed = false;
            st->started_us = 0;
            *out = st;
            return 0;
        }
    }
    if (c->db->drv->prepare(c->native, sql_text(c, sql), &native, err) < 0)
        return err_detail(err, "statement %s", sql->name);
    if (c->ncache < DB_STMT_CACHE && !sql->uncached) {
        bool already = false;
        for (size_t i = 0; i < c->ncache; i++)
            already = already || c->cache[i].sql == sql;
        if (!already) {
            st = &c->cache[c->ncache++];
            st->cached = true;
        }
    }
    if (!st) {
        st = calloc(1, sizeof(*st));
        ASSERT(st);
        st->cached = false;
    }
    st->conn = c;
    st->sql = sql;
    st->native = native;
    st->busy = true;
    st->bind_failed = false;
    st->started_us = 0;
    *out = st;
    return 0;
}

void db_stmt_free(struct db_stmt **stp)
{
    struct db_stmt *st = *stp;

    if (!st)
        return;
    if (st->cached) {
        st->conn->db->drv->reset(st->native);
        st->busy = false;
    } else {
        st->conn->db->drv->finalize(st->native);
        free(st);
    }
    *stp = NULL;
}

void db_bind_int(struct db_stmt *st, int idx, int64_t v)
{
    if (st->conn->db->drv->bind_int(st->native, idx, v) < 0)
        st->bind_failed = true;
}

static void bind_null_typed(struct db_stmt *st, int idx, enum db_type t)
{
    if (st->conn->db->drv->bind_null(st->native, idx, t) < 0)
        st->bind_failed = true;
}

void db_bind_textn(struct db_stmt *st, int idx, const char *s, size_t len)
{
    if (!s) {
        bind_null_typed(st, idx, DB_T_TEXT);
        return;
    }
    if (st->conn->db->drv->bind_text(st->native, idx, s, len) < 0)
        st->bind_failed = true;
}

void db_bind_text(struct db_stmt *st, int idx, const char *s)
{
    db_bind_textn(st, idx, s, s ? strlen(s) : 0);
}

void db_bind_null(struct db_stmt *st, int idx)
{
    bind_null_typed(st, idx, DB_T_ANY);
}

void db_bind_blob(struct db_stmt *st, int idx, const void *p, size_t len)
{
    if (st->conn->db->drv->bind_blob(st->native, idx, p, len) < 0)
        st->bind_failed = true;
}

void db_bind_opt_id(struct db_stmt *st, int idx, int64_t v)
{
    if (v)
        db_bind_int(st, idx, v);
    else
        bind_null_typed(st, idx, DB_T_INT);
}

void db_bind_opt_text(struct db_stmt *st, int idx, const char *s)
{
    db_bind_text(st, idx, s && *s ? s : NULL);
}

int db_step(struct db_stmt *st, struct err *err)
{
    int rc;
    int64_t t0 = clock_mono_us(), dt;

    if (st->bind_failed) {
        err_set(err, E_INTERNAL, "", "数据库参数绑定失败");
        return err_detail(err, "bind failed in %s", st->sql->name);
    }
    rc = st->conn->db->drv->step(st->native, err);
    dt = clock_mono_us() - t0;
    st->started_us += dt;
    if (rc != DB_ROW && st->started_us / 1000 >= st->conn->db->cfg.slow_ms &&
        st->conn->db->cfg.slow_ms > 0)
        log_warn("db_slow", "stmt=%s dur_ms=%" PRId64, st->sql->name, st->started_us / 1000);
    if (rc < 0)
        err_detail(err, "statement %s", st->sql->name);
    return rc;
}

int db_exec_stmt(struct db_stmt *st, struct err *err)
{
    int rc;

    while ((rc = db_step(st, err)) == DB_ROW)
        ;
    return rc < 0 ? -1 : 0;
}

int db_run(struct db_stmt **st, struct err *err)
{
    int rc = db_exec_stmt(*st, err);

    db_stmt_free(st);
    return rc;
}

int db_run_id(struct db_stmt **st, int64_t *id_out, struct err *err)
{
    int rc = db_step(*st, err);

    if (rc == DB_ROW)
        *id_out = db_col_int(*st, 0);
    else if (rc == DB_DONE)
        err_set(err, E_INTERNAL, "", "保存失败：没有返回编号");
    db_stmt_free(st);
    return rc == DB_ROW ? 0 : -1;
}

int64_t db_col_int(struct db_stmt *st, int col)
{
    return st->conn->db->drv->col_int(st->native, col);
}

const char *db_col_text(struct db_stmt *st, int col)
{
    return st->conn->db->drv->col_text(st->native, col);
}

bool db_col_is_null(struct db_stmt *st, int col)
{
    return st->conn->db->drv->col_is_null(st->native, col);
}

const void *db_col_blob(struct db_stmt *st, int col, size_t *len_out)
{
    return st->conn->db->drv->col_blob(st->native, col, len_out);
}

int db_col_count(struct db_stmt *st)
{
    return st->conn->db->drv->col_count(st->native);
}

const char *db_col_name(struct db_stmt *st, int col)
{
    return st->conn->db->drv->col_name(st->native, col);
}

enum db_col_kind db_col_kind(struct db_stmt *st, int col)
{
    return st->conn->db->drv->col_kind(st->native, col);
}

char *db_col_dup(struct db_stmt *st, int col, struct arena *a)
{
    const char *s = db_col_text(st, col);
    return s ? arena_strdup(a, s) : NULL;
}

int64_t db_changes(struct db_conn *c)
{
    return c->db->drv->changes(c->native);
}

static int bulk(struct db_conn *c, enum db_bulk_phase phase, unsigned flags, int64_t cache_kib,
                struct err *err)
{
    return c->db->drv->bulk ? c->db->drv->bulk(c->native, phase, flags, cache_kib, err) : 0;
}

int db_bulk_begin(struct db_conn *c, unsigned flags, int64_t cache_kib, struct err *err)
{
    if (bulk(c, DB_BULK_BEGIN, flags, cache_kib, err) < 0) {
        db_bulk_end(c);
        return -1;
    }
    return 0;
}

int db_bulk_cache(struct db_conn *c, int64_t cache_kib, struct err *err)
{
    return bulk(c, DB_BULK_RESIZE, 0, cache_kib, err);
}

void db_bulk_end(struct db_conn *c)
{
    struct err ignored = { 0 };
    bulk(c, DB_BULK_END, 0, 0, &ignored);
}

int db_exec_script(struct db_conn *c, const char *script, struct err *err)
{
    return exec_simple(c, script, err);
}

int db_backup(struct db *db, const char *to, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (!db->drv->backup)
        return err_set(err, E_INVALID, "", "驱动 %s 不支持在线备份", db->drv->name);
    if (db_acquire(db, &c, err) < 0)
        return -1;
    rc = db->drv->backup(c->native, to, err);
    db_release(db, &c);
    return rc;
}
