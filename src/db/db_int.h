/* db_int.h: the driver vtable and the generic wrappers around native handles.
 * Included only by the files in src/db. */
#pragma once

#include "db/db.h"

/* The steps of a bulk load (db_bulk_begin, db_bulk_cache, db_bulk_end). */
enum db_bulk_phase { DB_BULK_BEGIN, DB_BULK_RESIZE, DB_BULK_END };

/* What a NULL stands for, for drivers whose parameters are typed (PostgreSQL). */
enum db_type { DB_T_ANY, DB_T_INT, DB_T_TEXT };

struct db_driver {
    const char *name; /* "sqlite", "postgres": db.driver and /api/health */
    enum db_dialect dialect;
    int (*open)(const struct db_cfg *cfg, void **native_out, struct err *err);
    void (*close)(void *native);
    /* Re-opens a connection the server dropped before it is handed out again; NULL when a
     * connection cannot be lost (an embedded file). */
    int (*revive)(void *native, struct err *err);
    int (*prepare)(void *native, const char *sql, void **stmt_out, struct err *err);
    int (*bind_int)(void *stmt, int idx, int64_t v);
    int (*bind_text)(void *stmt, int idx, const char *s, size_t len);
    int (*bind_null)(void *stmt, int idx, enum db_type t);
    int (*bind_blob)(void *stmt, int idx, const void *p, size_t len);
    int (*step)(void *stmt, struct err *err); /* DB_ROW, DB_DONE or -1 */
    int64_t (*col_int)(void *stmt, int col);
    const char *(*col_text)(void *stmt, int col);
    bool (*col_is_null)(void *stmt, int col);
    const void *(*col_blob)(void *stmt, int col, size_t *len_out);
    int (*col_count)(void *stmt);
    const char *(*col_name)(void *stmt, int col);
    enum db_col_kind (*col_kind)(void *stmt, int col);
    void (*reset)(void *stmt);
    void (*finalize)(void *stmt);
    int64_t (*changes)(void *native);
    int (*exec)(void *native, const char *script, struct err *err);
    int (*backup)(void *native, const char *to, struct err *err);
    /* Bulk-load settings (db_bulk_*); NULL: nothing to tune. */
    int (*bulk)(void *native, enum db_bulk_phase phase, unsigned flags, int64_t cache_kib,
                struct err *err);
    const char *begin_sql; /* takes the write lock: "BEGIN IMMEDIATE" */
};

extern const struct db_driver DB_DRIVER_SQLITE;
extern const struct db_driver DB_DRIVER_PG;
extern const struct db_driver DB_DRIVER_FAKE; /* fault injection for tests (fake.c) */

#define DB_STMT_CACHE 64

struct db_stmt {
    struct db_conn *conn;
    const struct db_sql *sql;
    void *native;
    bool cached, busy;
    bool bind_failed;
    int64_t started_us;
};

struct db_conn {
    struct db *db;
    void *native;
    bool in_tx;
    struct db_stmt cache[DB_STMT_CACHE]; /* slot i holds one prepared statement */
    size_t ncache;
    struct db_conn *next_free;
};

/* One migration embedded at build time from src/db/migrations/NNNN_name[.driver].sql. */
struct migration {
    int version;
    const char *name;
    const char *driver; /* NULL: portable */
    const char *sql;
};
extern const struct migration MIGRATIONS[];
extern const size_t MIGRATIONS_LEN;
