/* fake.c: the fault-injection driver for tests: SQLite underneath, except that the n-th run of
 * a statement whose SQL contains a given text fails as a lost connection would (E_UNAVAILABLE).
 * Set by DANGJIAN_FAKE_FAIL="TEXT@N" (N from 1; TEXT@N* fails that run and every later one;
 * TEXT@N! blocks that run for good, a process for a test to kill mid-write) and chosen by
 * db.driver = fake. It lets tests prove that a failure half-way through a change
 * leaves nothing behind. Never use it for data you keep. */
#include "core/compat.h"
#include <stdatomic.h>
#include "core/err.h"
#include "db/db_int.h"

struct fake_stmt {
    void *native; /* the SQLite statement */
    bool watched; /* its SQL contains the text */
    bool started;
};

static char fail_text[256];
static long fail_at;
static bool fail_after;
static bool fail_stall;
static atomic_long seen;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load_spec(void)
{
    const char *spec = getenv("DANGJIAN_FAKE_FAIL"), *at;
    char *end;

    if (!spec || !(at = strrchr(spec, '@')))
        return;
    snprintf(fail_text, sizeof(fail_text), "%.*s", (int)(at - spec), spec);
    fail_at = strtol(at + 1, &end, 10);
    fail_after = *end == '*';
    fail_stall = *end == '!';
}

static int fk_open(const struct db_cfg *cfg, void **native_out, struct err *err)
{
    pthread_once(&once, load_spec);
    return DB_DRIVER_SQLITE.open(cfg, native_out, err);
}

static int fk_prepare(void *native, const char *sql, void **stmt_out, struct err *err)
{
    struct fake_stmt *st = calloc(1, sizeof(*st));

    ASSERT(st);
    if (DB_DRIVER_SQLITE.prepare(native, sql, &st->native, err) < 0) {
        free(st);
        return -1;
    }
    st->watched = fail_text[0] && strstr(sql, fail_text) != NULL;
    *stmt_out = st;
    return 0;
}

#define NATIVE(s) (((struct fake_stmt *)(s))->native)

static int fk_bind_int(void *st, int idx, int64_t v)
{
    return DB_DRIVER_SQLITE.bind_int(NATIVE(st), idx, v);
}

static int fk_bind_text(void *st, int idx, const char *s, size_t len)
{
    return DB_DRIVER_SQLITE.bind_text(NATIVE(st), idx, s, len);
}

static int fk_bind_null(void *st, int idx, enum db_type t)
{
    return DB_DRIVER_SQLITE.bind_null(NATIVE(st), idx, t);
}

static int fk_bind_blob(void *st, int idx, const void *p, size_t len)
{
    return DB_DRIVER_SQLITE.bind_blob(NATIVE(st), idx, p, len);
}

/* The first step of a run counts it; the chosen run fails before SQLite sees it. */
static int fk_step(void *stmt, struct err *err)
{
    struct fake_stmt *st = stmt;

    if (st->watched && !st->started) {
        long n = atomic_fetch_add(&seen, 1) + 1;
        st->started = true;
        while (n == fail_at && fail_stall)
            sleep(60); /* until the test kills the process */
        if (n == fail_at || (fail_after && n > fail_at)) {
            err_set(err, E_UNAVAILABLE, "", "数据库连接中断，请稍后重试");
            return err_detail(err, "fake: injected failure %ld of \"%s\"", n, fail_text);
        }
    }
    return DB_DRIVER_SQLITE.step(st->native, err);
}

static int64_t fk_col_int(void *st, int col)
{
    return DB_DRIVER_SQLITE.col_int(NATIVE(st), col);
}

static const char *fk_col_text(void *st, int col)
{
    return DB_DRIVER_SQLITE.col_text(NATIVE(st), col);
}

static bool fk_col_is_null(void *st, int col)
{
    return DB_DRIVER_SQLITE.col_is_null(NATIVE(st), col);
}

static const void *fk_col_blob(void *st, int col, size_t *len_out)
{
    return DB_DRIVER_SQLITE.col_blob(NATIVE(st), col, len_out);
}

static int fk_col_count(void *st)
{
    return DB_DRIVER_SQLITE.col_count(NATIVE(st));
}

static const char *fk_col_name(void *st, int col)
{
    return DB_DRIVER_SQLITE.col_name(NATIVE(st), col);
}

static enum db_col_kind fk_col_kind(void *st, int col)
{
    return DB_DRIVER_SQLITE.col_kind(NATIVE(st), col);
}

static void fk_reset(void *stmt)
{
    struct fake_stmt *st = stmt;
    st->started = false;
    DB_DRIVER_SQLITE.reset(st->native);
}

static void fk_finalize(void *stmt)
{
    struct fake_stmt *st = stmt;
    DB_DRIVER_SQLITE.finalize(st->native);
    free(st);
}

/* The connection is SQLite's own. */
static void fk_close(void *native)
{
    DB_DRIVER_SQLITE.close(native);
}

static int64_t fk_changes(void *native)
{
    return DB_DRIVER_SQLITE.changes(native);
}

static int fk_exec(void *native, const char *script, struct err *err)
{
    return DB_DRIVER_SQLITE.exec(native, script, err);
}

static int fk_bulk(void *native, enum db_bulk_phase phase, unsigned flags, int64_t cache_kib,
                   struct err *err)
{
    return DB_DRIVER_SQLITE.bulk(native, phase, flags, cache_kib, err);
}

const struct db_driver DB_DRIVER_FAKE = {
    .name = "fake",
    .dialect = DB_DIALECT_SQLITE,
    .open = fk_open,
    .close = fk_close,
    .prepare = fk_prepare,
    .bind_int = fk_bind_int,
    .bind_text = fk_bind_text,
    .bind_null = fk_bind_null,
    .bind_blob = fk_bind_blob,
    .step = fk_step,
    .col_int = fk_col_int,
    .col_text = fk_col_text,
    .col_is_null = fk_col_is_null,
    .col_blob = fk_col_blob,
    .col_count = fk_col_count,
    .col_name = fk_col_name,
    .col_kind = fk_col_kind,
    .reset = fk_reset,
    .finalize = fk_finalize,
    .changes = fk_changes,
    .exec = fk_exec,
    .bulk = fk_bulk,
    .begin_sql = "BEGIN IMMEDIATE",
};
