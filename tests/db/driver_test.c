/* driver_test.c: storage-driver conformance through db.h only (run on SQLite; the PostgreSQL
 * driver will run the same cases): binds and columns, the statement cache, error mapping,
 * transactions, pool hand-back, migrations and backup. */
#include "tap.h"
#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"

static const struct db_sql SQL_T_CREATE = {
    .name = "t.create",
    .sql = "CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT UNIQUE, n INTEGER, "
           "p INTEGER REFERENCES org(id))",
};
static const struct db_sql SQL_T_INSERT = {
    .name = "t.insert",
    .sql = "INSERT INTO t (k, n, p) VALUES (?, ?, ?) RETURNING id",
};
static const struct db_sql SQL_T_GET = {
    .name = "t.get",
    .sql = "SELECT k, n FROM t WHERE id = ?",
};
static const struct db_sql SQL_T_COUNT = {
    .name = "t.count",
    .sql = "SELECT COUNT(*) FROM t",
};

static char dir[64];

static struct db *open_db(const char *name, int64_t busy_ms)
{
    char path[128];
    struct db *db = NULL;
    struct err e = { 0 };
    struct db_cfg cfg = { .driver = "sqlite",
                          .path = path,
                          .busy_timeout_ms = busy_ms,
                          .slow_ms = 0,
                          .pool_max = 3,
                          .create = true };

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    CHECK_EQ(db_open(&cfg, &db, &e), 0);
    CHECK_EQ(db_migrate(db, NULL, &e), 0);
    return db;
}

static int64_t count_rows(struct db_conn *c)
{
    struct db_stmt *st = NULL;
    struct err e = { 0 };
    int64_t n = -1;

    if (db_prepare(c, &SQL_T_COUNT, &st, &e) == 0 && db_step(st, &e) == DB_ROW)
        n = db_col_int(st, 0);
    db_stmt_free(&st);
    return n;
}

static int insert(struct db_conn *c, const char *k, int64_t n, int64_t p, int64_t *id,
                  struct err *e)
{
    struct db_stmt *st = NULL;
    int rc = -1;

    if (db_prepare(c, &SQL_T_INSERT, &st, e) < 0)
        return -1;
    db_bind_text(st, 1, k);
    db_bind_int(st, 2, n);
    if (p)
        db_bind_int(st, 3, p);
    else
        db_bind_null(st, 3);
    if (db_step(st, e) == DB_ROW) {
        *id = db_col_int(st, 0);
        rc = 0;
    }
    db_stmt_free(&st);
    return rc;
}

static void test_bind_step_columns_and_cache(void)
{
    struct db *db = open_db("a.db", 1000);
    struct db_conn *c = NULL;
    struct db_stmt *st = NULL, *st2 = NULL, *inner = NULL;
    struct err e = { 0 };
    struct arena a;
    int64_t id = 0, id2 = 0;

    arena_init(&a, 0);
    CHECK_EQ(db_acquire(db, &c, &e), 0);
    CHECK_EQ(db_exec_script(c, SQL_T_CREATE.sql, &e), 0);
    CHECK_EQ(insert(c, "党建", 42, 0, &id, &e), 0);
    CHECK_EQ(insert(c, "治理", -7, 0, &id2, &e), 0);
    CHECK_EQ(db_prepare(c, &SQL_T_GET, &st, &e), 0);
    db_bind_int(st, 1, id);
    CHECK_EQ(db_step(st, &e), DB_ROW);
    CHECK_STR(db_col_text(st, 0), "党建");
    CHECK_EQ(db_col_int(st, 1), 42);
    /* The same statement while the first is still in use gets a private copy. */
    CHECK_EQ(db_prepare(c, &SQL_T_GET, &inner, &e), 0);
    CHECK(inner != st);
    db_bind_int(inner, 1, id2);
    CHECK_EQ(db_step(inner, &e), DB_ROW);
    CHECK_STR(db_col_dup(inner, 0, &a), "治理");
    db_stmt_free(&inner);
    CHECK_EQ(db_step(st, &e), DB_DONE);
    db_stmt_free(&st);
    CHECK(st == NULL);
    /* Freed statements come back from the cache reset, with no stale bindings. */
    CHECK_EQ(db_prepare(c, &SQL_T_GET, &st2, &e), 0);
    CHECK_EQ(db_step(st2, &e), DB_DONE); /* id = NULL matches nothing */
    db_stmt_free(&st2);
    db_release(db, &c);
    CHECK(c == NULL);
    db_free(&db);
    arena_release(&a);
}

static const struct db_sql SQL_T_NULLS = {
    .name = "t.nulls",
    .sql = "SELECT count(*) FROM t WHERE k IS NULL AND p IS NULL",
};

static void test_optional_binds_and_run_helpers(void)
{
    struct db *db = open_db("g.db", 1000);
    struct db_conn *c = NULL;
    struct db_stmt *st = NULL;
    struct err e = { 0 };
    int64_t id = 0;

    CHECK_EQ(db_acquire(db, &c, &e), 0);
    CHECK_EQ(db_exec_script(c, SQL_T_CREATE.sql, &e), 0);
    /* "" and 0 bind NULL; db_run_id returns the RETURNING id and frees the statement. */
    CHECK_EQ(db_prepare(c, &SQL_T_INSERT, &st, &e), 0);
    db_bind_opt_text(st, 1, "");
    db_bind_int(st, 2, 1);
    db_bind_opt_id(st, 3, 0);
    CHECK_EQ(db_run_id(&st, &id, &e), 0);
    CHECK(st == NULL);
    CHECK(id > 0);
    CHECK_EQ(db_prepare(c, &SQL_T_NULLS, &st, &e), 0);
    CHECK_EQ(db_step(st, &e), DB_ROW);
    CHECK_EQ(db_col_int(st, 0), 1);
    db_stmt_free(&st);
    /* db_run reports the statement's error and still frees it. */
    CHECK_EQ(db_prepare(c, &SQL_T_INSERT, &st, &e), 0);
    db_bind_text(st, 1, "x");
    db_bind_int(st, 2, 1);
    db_bind_opt_id(st, 3, 999); /* no such org: foreign key */
    CHECK_EQ(db_run(&st, &e), -1);
    CHECK(st == NULL);
    CHECK_EQ(e.code, E_CONFLICT);
    db_release(db, &c);
    db_free(&db);
}

static void test_native_errors_map_to_codes(void)
{
    struct db *db = open_db("b.db", 1000);
    struct db_conn *c = NULL;
    struct err e = { 0 };
    int64_t id;

    CHECK_EQ(db_acquire(db, &c, &e), 0);
    CHECK_EQ(db_exec_script(c, SQL_T_CREATE.sql, &e), 0);
    CHECK_EQ(insert(c, "k", 1, 0, &id, &e), 0);
    CHECK_EQ(insert(c, "k", 2, 0, &id, &e), -1);
    CHECK_EQ(e.code, E_CONFLICT);
    CHECK(strstr(e.detail, "t.insert") != NULL || strstr(e.detail, "sqlite") != NULL);
    err_clear(&e);
    CHECK_EQ(insert(c, "fk", 3, 999, &id, &e), -1); /* foreign keys are on */
    CHECK_EQ(e.code, E_CONFLICT);
    err_clear(&e);
    CHECK_EQ(db_exec_script(c, "SELECT * FROM no_such_table", &e), -1);
    CHECK_EQ(e.code, E_INTERNAL);
    db_release(db, &c);
    db_free(&db);
}

static void test_busy_writer_is_unavailable(void)
{
    struct db *db = open_db("c.db", 50);
    struct db_conn *c1 = NULL, *c2 = NULL;
    struct err e = { 0 };

    CHECK_EQ(db_acquire(db, &c1, &e), 0);
    CHECK_EQ(db_acquire(db, &c2, &e), 0);
    CHECK_EQ(db_exec_script(c1, SQL_T_CREATE.sql, &e), 0);
    CHECK_EQ(db_tx_begin(c1, &e), 0);
    CHECK_EQ(db_tx_begin(c2, &e), -1);
    CHECK_EQ(e.code, E_UNAVAILABLE);
    db_tx_rollback(c1);
    db_release(db, &c2);
    db_release(db, &c1);
    db_free(&db);
}

static void test_rollback_and_release_inside_tx(void)
{
    struct db *db = open_db("d.db", 1000);
    struct db_conn *c = NULL;
    struct err e = { 0 };
    int64_t id;

    CHECK_EQ(db_acquire(db, &c, &e), 0);
    CHECK_EQ(db_exec_script(c, SQL_T_CREATE.sql, &e), 0);
    CHECK_EQ(db_tx_begin(c, &e), 0);
    CHECK_EQ(insert(c, "gone", 1, 0, &id, &e), 0);
    db_tx_rollback(c);
    CHECK_EQ(count_rows(c), 0);
    CHECK_EQ(db_tx_begin(c, &e), 0);
    CHECK_EQ(insert(c, "also gone", 1, 0, &id, &e), 0);
    db_release(db, &c); /* released inside a transaction: rolled back */
    CHECK_EQ(db_acquire(db, &c, &e), 0);
    CHECK_EQ(count_rows(c), 0);
    CHECK_EQ(db_tx_begin(c, &e), 0);
    CHECK_EQ(insert(c, "kept", 1, 0, &id, &e), 0);
    CHECK_EQ(db_tx_commit(c, &e), 0);
    CHECK_EQ(count_rows(c), 1);
    db_release(db, &c);
    db_free(&db);
}

static void test_migrations_and_schema_check(void)
{
    struct db *db = open_db("e.db", 1000);
    struct db_conn *c = NULL;
    struct err e = { 0 };
    int v = 0, applied = -1;

    CHECK_EQ(db_schema_version(db, &v, &e), 0);
    CHECK_EQ(v, db_schema_latest());
    CHECK_EQ(db_migrate(db, &applied, &e), 0);
    CHECK_EQ(applied, 0);
    CHECK_EQ(db_schema_check(db, &e), 0);
    CHECK_EQ(db_acquire(db, &c, &e), 0);
    CHECK_EQ(db_exec_script(c, "INSERT INTO schema_version VALUES (9999, 'future', 0)", &e), 0);
    db_release(db, &c);
    CHECK_EQ(db_schema_check(db, &e), -1);
    CHECK(strstr(e.msg, "拒绝启动") != NULL);
    err_clear(&e);
    CHECK_EQ(db_migrate(db, NULL, &e), -1);
    CHECK_EQ(e.code, E_CONFLICT);
    db_free(&db);
}

static void test_open_missing_without_create_fails(void)
{
    char path[128];
    struct db *db = NULL;
    struct err e = { 0 };
    struct db_cfg cfg = { .driver = "sqlite", .path = path, .busy_timeout_ms = 10, .pool_max = 1 };

    snprintf(path, sizeof(path), "%s/missing.db", dir);
    CHECK_EQ(db_open(&cfg, &db, &e), -1);
    CHECK_EQ(e.code, E_UNAVAILABLE);
    CHECK(db == NULL);
    cfg.driver = "oracle";
    err_clear(&e);
    CHECK_EQ(db_open(&cfg, &db, &e), -1);
    CHECK_EQ(e.code, E_INVALID);
}

static void test_backup_copies_committed_data(void)
{
    struct db *db = open_db("f.db", 1000), *copy = NULL;
    struct db_conn *c = NULL;
    struct err e = { 0 };
    char to[128];
    int64_t id;
    struct db_cfg cfg = { .driver = "sqlite", .path = to, .busy_timeout_ms = 100, .pool_max = 1 };

    CHECK_EQ(db_acquire(db, &c, &e), 0);
    CHECK_EQ(db_exec_script(c, SQL_T_CREATE.sql, &e), 0);
    CHECK_EQ(insert(c, "x", 1, 0, &id, &e), 0);
    CHECK_EQ(insert(c, "y", 2, 0, &id, &e), 0);
    db_release(db, &c);
    snprintf(to, sizeof(to), "%s/f-copy.db", dir);
    CHECK_EQ(db_backup(db, to, &e), 0);
    CHECK_EQ(db_open(&cfg, &copy, &e), 0);
    CHECK_EQ(db_acquire(copy, &c, &e), 0);
    CHECK_EQ(count_rows(c), 2);
    db_release(copy, &c);
    db_free(&copy);
    db_free(&db);
}

static void setup(void)
{
    snprintf(dir, sizeof(dir), "/tmp/dangjian-dbtest-XXXXXX");
    ASSERT(mkdtemp(dir) != NULL);
}

static void teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
    if (system(cmd) != 0)
        printf("# could not remove %s\n", dir);
}

TAP_MAIN("db/sqlite", TEST(setup), TEST(test_bind_step_columns_and_cache),
         TEST(test_optional_binds_and_run_helpers), TEST(test_native_errors_map_to_codes),
         TEST(test_busy_writer_is_unavailable), TEST(test_rollback_and_release_inside_tx),
         TEST(test_migrations_and_schema_check), TEST(test_open_missing_without_create_fails),
         TEST(test_backup_copies_committed_data), TEST(teardown))
