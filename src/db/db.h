/* db.h: the one storage interface domain code sees. A pool of connections (one per worker
 * thread), transactions, statements named by `struct db_sql` constants and cached per
 * connection, typed binds and columns. Drivers (sqlite now, pg later) sit behind it; no
 * driver type or native handle leaves src/db. Native errors arrive as our codes: unique
 * violation -> E_CONFLICT, busy or lost connection -> E_UNAVAILABLE. */
#pragma once

struct err;
struct arena;
struct db;
struct db_conn;
struct db_stmt;

/* A statement: portable SQL with ? placeholders, plus a dialect override where needed.
 * Statements are static constants; their address is the key of the per-connection cache. */
struct db_sql {
    const char *name; /* "orgs.subtree": used in slow-statement logs, never the values */
    const char *sql;
    const char *pg; /* PostgreSQL text when it differs; NULL otherwise */
    bool uncached;  /* built at run time (copy-db): prepared for one use, never cached */
};

/* The SQL dialect of a driver, for the few places that need more than a `pg` text (bulk
 * loads, copy-db). */
enum db_dialect { DB_DIALECT_SQLITE, DB_DIALECT_PG };

struct db_cfg {
    const char *driver; /* "sqlite" or "postgres" */
    const char *path;   /* database file (sqlite) */
    const char *url;    /* postgresql://user:password@host/db or a libpq key=value string */
    int64_t busy_timeout_ms;
    int64_t slow_ms;
    int pool_max; /* connections kept open at most */
    bool create;  /* create the file when missing (init, demo); otherwise it must exist */
};

enum { DB_ROW = 1, DB_DONE = 2 };

/* Opens the pool and checks one connection can be made. */
int db_open(const struct db_cfg *cfg, struct db **out, struct err *err);
void db_free(struct db **db);
const char *db_driver_name(const struct db *db);
enum db_dialect db_dialect(const struct db *db);

/* Takes a connection from the pool (waits when all are in use) and gives it back.
 * A connection returned inside an open transaction is rolled back. */
int db_acquire(struct db *db, struct db_conn **out, struct err *err);
void db_release(struct db *db, struct db_conn **c);

/* Transactions. begin takes the write lock at once (SQLite BEGIN IMMEDIATE), so two writers
 * never deadlock on lock upgrade. rollback never fails visibly. */
int db_tx_begin(struct db_conn *c, struct err *err);
int db_tx_commit(struct db_conn *c, struct err *err);
void db_tx_rollback(struct db_conn *c);

/* Prepares (or takes from the connection's cache) the statement for sql. */
int db_prepare(struct db_conn *c, const struct db_sql *sql, struct db_stmt **out, struct err *err);
/* Resets and returns the statement to the cache (or finalizes it); sets *st to NULL. */
void db_stmt_free(struct db_stmt **st);

/* Binds are 1-based. Failures are sticky and reported by the next db_step. */
void db_bind_int(struct db_stmt *st, int idx, int64_t v);
void db_bind_text(struct db_stmt *st, int idx, const char *s); /* NULL binds SQL NULL */
void db_bind_textn(struct db_stmt *st, int idx, const char *s, size_t len);
void db_bind_null(struct db_stmt *st, int idx);
void db_bind_blob(struct db_stmt *st, int idx, const void *p, size_t len);

/* Optional values: an id of 0 and NULL or "" text bind SQL NULL. */
void db_bind_opt_id(struct db_stmt *st, int idx, int64_t v);
void db_bind_opt_text(struct db_stmt *st, int idx, const char *s);

/* Returns DB_ROW, DB_DONE or -1. */
int db_step(struct db_stmt *st, struct err *err);
/* Steps a statement that returns no rows (or ignores them) to completion. */
int db_exec_stmt(struct db_stmt *st, struct err *err);

/* Runs a statement that returns no rows to completion and frees it. */
int db_run(struct db_stmt **st, struct err *err);
/* Steps an INSERT ... RETURNING id, reads the id and frees the statement. No row is an error. */
int db_run_id(struct db_stmt **st, int64_t *id_out, struct err *err);

/* Binds the n texts of v from parameter *k on, advancing *k: as db_bind_text, or (opt_) as
 * db_bind_opt_text, where NULL and "" bind SQL NULL. */
void db_bind_texts(struct db_stmt *st, int *k, const char *const *v, size_t n);
void db_bind_opt_texts(struct db_stmt *st, int *k, const char *const *v, size_t n);

/* For a statement's result rc: when it failed on a unique violation (E_CONFLICT), names field
 * and, when msg is not NULL, replaces the message with msg (err_refine). Returns rc, so
 * `return db_conflict_on(db_run(&st, err), "/code", NULL, err);` reads as one step. */
int db_conflict_on(int rc, const char *field, const char *msg, struct err *err);

/* Steps a statement that should give one row: 0 when it is on the row (read its columns,
 * then free it), else -1 with E_NOT_FOUND (field, msg) when there is none or the step's error.
 * msg is shown as is, not as a format. */
int db_step_one(struct db_stmt *st, const char *field, const char *msg, struct err *err);
/* Reads one row's columns into row (size bytes, zero-filled), copying text into a. */
typedef void (*db_read_fn)(struct db_stmt *st, struct arena *a, void *row);
/* A db_read_fn for a row of one text column: row is the address of a const char * (NULL
 * stays NULL). */
void db_read_text(struct db_stmt *st, struct arena *a, void *row);
/* A db_read_fn for a row of one integer column: row is the address of an int64_t. */
void db_read_int(struct db_stmt *st, struct arena *a, void *row);
/* Steps *st to the end, reading each row with read into an array of size-byte elements grown
 * in a, then frees *st. On success *(T **)rows_out is the array (NULL when there is no row)
 * and *n_out its length; rows_out is the address of the caller's T * variable. On failure
 * the outputs are untouched. */
int db_read_rows(struct db_stmt **st, db_read_fn read, size_t size, struct arena *a, void *rows_out,
                 int64_t *n_out, struct err *err);
/* Steps *st once and reads the row it should give into row with read, then frees *st; with
 * no row, E_NOT_FOUND (field, msg) and row untouched. */
int db_read_one(struct db_stmt **st, db_read_fn read, struct arena *a, void *row, const char *field,
                const char *msg, struct err *err);
/* Steps *st once and reads the row, when there is one, into row with read, then frees *st.
 * No row is not an error: row is left as it was. *found_out (may be NULL) says whether there
 * was a row. */
int db_read_opt(struct db_stmt **st, db_read_fn read, struct arena *a, void *row, bool *found_out,
                struct err *err);
/* Prepares sql, binds id as parameter 1 and reads the one row it gives into row with read;
 * with no row, E_NOT_FOUND (field, msg) and row untouched. */
int db_read_by_id(struct db_conn *c, const struct db_sql *sql, int64_t id, db_read_fn read,
                  struct arena *a, void *row, const char *field, const char *msg, struct err *err);

/* A statement's parameters given as a value list, for the calls below that prepare, bind and
 * run in one step: `db_read_rows_args(c, &SQL_NAMES, DB_ARGS(DB_TEXT(path), DB_TEXT(upper)),
 * read_name, sizeof(**out), a, out, n_out, err)`. The list is a compound literal living as
 * long as the enclosing block; its text is borrowed, not copied. DB_ARGS needs at least one
 * value: a statement without parameters uses db_prepare and the calls above. */
struct db_arg {
    /* How to bind it: one of the two is set (db_bind_int or db_bind_opt_id for integers,
     * db_bind_text or db_bind_opt_text for text). */
    void (*bind_int)(struct db_stmt *st, int idx, int64_t v);
    void (*bind_text)(struct db_stmt *st, int idx, const char *s);
    int64_t i;
    const char *s;
};
struct db_args {
    const struct db_arg *v;
    size_t n;
};
#define DB_INT(x)      ((struct db_arg){ .bind_int = db_bind_int, .i = (x) })
#define DB_OPT_ID(x)   ((struct db_arg){ .bind_int = db_bind_opt_id, .i = (x) })    /* 0: NULL */
#define DB_TEXT(x)     ((struct db_arg){ .bind_text = db_bind_text, .s = (x) })     /* NULL: NULL */
#define DB_OPT_TEXT(x) ((struct db_arg){ .bind_text = db_bind_opt_text, .s = (x) }) /* "": NULL */
/* The parameters 1, 2, ... of a statement, in order. */
#define DB_ARGS(...)                                                                               \
    ((struct db_args){ (const struct db_arg[]){ __VA_ARGS__ },                                     \
                       sizeof((const struct db_arg[]){ __VA_ARGS__ }) / sizeof(struct db_arg) })

/* Binds args to parameters *k, *k + 1, ... of st, advancing *k. */
void db_bind_args(struct db_stmt *st, int *k, struct db_args args);
/* Prepares sql and binds args from parameter 1 on. */
int db_prepare_args(struct db_conn *c, const struct db_sql *sql, struct db_args args,
                    struct db_stmt **out, struct err *err);
/* db_prepare_args, then as db_run, db_run_id, db_read_rows, db_read_one and db_read_opt: one
 * call for a store function that only binds its parameters and runs or reads. */
int db_run_args(struct db_conn *c, const struct db_sql *sql, struct db_args args, struct err *err);
int db_run_id_args(struct db_conn *c, const struct db_sql *sql, struct db_args args,
                   int64_t *id_out, struct err *err);
int db_read_rows_args(struct db_conn *c, const struct db_sql *sql, struct db_args args,
                      db_read_fn read, size_t size, struct arena *a, void *rows_out, int64_t *n_out,
                      struct err *err);
int db_read_one_args(struct db_conn *c, const struct db_sql *sql, struct db_args args,
                     db_read_fn read, struct arena *a, void *row, const char *field,
                     const char *msg, struct err *err);
int db_read_opt_args(struct db_conn *c, const struct db_sql *sql, struct db_args args,
                     db_read_fn read, struct arena *a, void *row, bool *found_out, struct err *err);

/* Binds the parameters a statement takes from arg, from parameter *k on, advancing *k. */
typedef void (*db_bind_fn)(struct db_stmt *st, int *k, const void *arg);
/* A filtered list that is read a page at a time (db_read_page), usually a static constant
 * beside its SQL: a statement counting the filter's rows and one listing them, which take the
 * same parameters (the listing then LIMIT and OFFSET), and how to read one listed row. */
struct db_list {
    const struct db_sql *count; /* SELECT count(*) ... WHERE filter */
    const struct db_sql *rows;  /* SELECT ... WHERE filter ORDER BY ... LIMIT ? OFFSET ? */
    db_read_fn read;
    size_t size; /* bytes of one row */
};
/* Which page of a db_list to read, and the filter: bind (NULL when the statements take no
 * parameters before LIMIT) binds it from arg to either statement. */
struct db_page {
    int64_t page;     /* 1-based */
    int64_t per_page; /* >= 0 */
    db_bind_fn bind;
    const void *arg;
};
/* Counts the filter's rows into *total_out and reads page p->page of l into an array of at
 * most p->per_page elements of l->size bytes in a: *(T **)rows_out (never NULL) and *n_out.
 * The listing is not run when the page starts past the last row. On failure the outputs are
 * untouched. The users, audit, orgs and members lists read through it. */
int db_read_page(struct db_conn *c, const struct db_list *l, const struct db_page *p,
                 struct arena *a, void *rows_out, int64_t *n_out, int64_t *total_out,
                 struct err *err);

/* Prepares sql, binds id as parameter 1 and runs it to completion (a DELETE or UPDATE by one
 * id). */
int db_run_by_id(struct db_conn *c, const struct db_sql *sql, int64_t id, struct err *err);

/* Ends a service call that holds a connection (and, when rc is 0, an open transaction) and
 * maybe a scratch arena: when rc is 0 commits (a failed commit sets err and makes rc -1), then
 * releases the connection (rolling back a transaction still open) and a when it is not NULL.
 * Returns rc. The usual tail is `rc = 0; out: return db_tx_finish(app->db, &c, &a, rc, err);`. */
int db_tx_finish(struct db *db, struct db_conn **c, struct arena *a, int rc, struct err *err);

/* Columns are 0-based; valid until the next step. NULL text reads as NULL. */
int64_t db_col_int(struct db_stmt *st, int col);
const char *db_col_text(struct db_stmt *st, int col);
bool db_col_is_null(struct db_stmt *st, int col);
const void *db_col_blob(struct db_stmt *st, int col, size_t *len_out);
/* The result's shape, valid after the first db_step (for copy-db, which reads any table). */
enum db_col_kind { DB_COL_NULL, DB_COL_INT, DB_COL_TEXT, DB_COL_BLOB };
int db_col_count(struct db_stmt *st);
const char *db_col_name(struct db_stmt *st, int col);
/* The kind of the current row's value in col (a NULL reads as DB_COL_NULL). */
enum db_col_kind db_col_kind(struct db_stmt *st, int col);
/* Copies text into a (NULL stays NULL). */
char *db_col_dup(struct db_stmt *st, int col, struct arena *a);

/* Rows changed by the last INSERT/UPDATE/DELETE on this connection. */
int64_t db_changes(struct db_conn *c);

/* Bulk loading on one connection: a page cache of cache_kib and in-memory temporary storage;
 * with DB_BULK_UNCHECKED also no foreign-key or CHECK enforcement and an in-memory journal, only
 * for a database being filled from empty (the demo generator). db_bulk_cache resizes the cache
 * during the load; db_bulk_end puts the connection's defaults back and cannot fail visibly.
 * Drivers with nothing to tune per connection (PostgreSQL) do nothing. */
enum { DB_BULK_UNCHECKED = 1u << 0 };
int db_bulk_begin(struct db_conn *c, unsigned flags, int64_t cache_kib, struct err *err);
int db_bulk_cache(struct db_conn *c, int64_t cache_kib, struct err *err);
void db_bulk_end(struct db_conn *c);

/* Runs a multi-statement script with no parameters: DDL only (migrations, and the demo
 * generator re-running index and trigger DDL it saved from the schema). */
int db_exec_script(struct db_conn *c, const char *script, struct err *err);

/* Copies every row of every table of from into to, which must be empty (schema version 0):
 * migrates to, copies tables parents first in one transaction each, moves identity counters
 * past the copied ids and checks each table's row count. progress (may be NULL) is called
 * after each table. Indexes kept by triggers (name search terms) are rebuilt by them. */
int db_copy(struct db *from, struct db *to, void (*progress)(const char *table, int64_t rows),
            struct err *err);

/* Online backup of the whole database into a new file `to` (SQLite backup API). */
int db_backup(struct db *db, const char *to, struct err *err);

/* Migrations: the schema this binary knows, and what the database has. */
int db_schema_latest(void);
int db_schema_version(struct db *db, int *version_out, struct err *err);
/* The version of the migration named name ("seal" for NNNN_seal.*.sql); 0 when there is none. */
int db_migration_version(const char *name);
/* Applies every migration newer than the database's, each in its own transaction. Refuses a
 * database whose schema is newer than this binary knows. applied_out may be NULL. */
int db_migrate(struct db *db, int *applied_out, struct err *err);
/* Fails with a clear message unless the database is exactly at db_schema_latest(). */
int db_schema_check(struct db *db, struct err *err);

/* Sealed personal data (db_seal.c; core/seal.h). db_seal_state: whether the schema has the
 * seal_check table (*ready_out) and the check value of the key the database was sealed with
 * (check: 33 bytes; "" when none yet). db_seal_apply, in one transaction: seals every value
 * of cols still plain under the process key — or, with master, opens every value under the
 * process key and re-seals it under master (which becomes the process key) — refreshes the
 * blind indexes of what it wrote and stores the process key's check value; *n_out counts
 * the values written. */
struct sealed_column;
int db_seal_state(struct db *db, bool *ready_out, char *check, struct err *err);
int db_seal_apply(struct db *db, const struct sealed_column *const *cols, size_t ncols,
                  const unsigned char *master, int64_t *n_out, struct err *err);
/* After a pass sealed plain values: rewrites the SQLite file without the pages that held them
 * (VACUUM, then the WAL truncated); on PostgreSQL logs the VACUUM FULL an operator runs. */
int db_seal_scrub(struct db *db, struct err *err);
/* db_col_dup of a sealed column, opened (a value that does not open reads "??" and is
 * logged). */
const char *db_col_unseal(struct db_stmt *st, int col, struct arena *a);
