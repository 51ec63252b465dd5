/* pg.c: the PostgreSQL driver (libpq). Portable SQL with ? placeholders is rewritten to $n
 * once per connection and prepared server-side under a name kept in a per-connection map, so
 * every statement is parsed once per connection; values are always sent as parameters, never
 * spliced. Results are fetched whole at the first step. Native SQLSTATEs map to our codes
 * (23505 -> conflict, lost connection -> unavailable, the connection re-opened on next use).
 * It does not do COPY, notifications or asynchronous queries. */
#include "core/compat.h"
#include <libpq-fe.h>
#include "core/err.h"
#include "db/db_int.h"

/* The write lock every transaction takes at BEGIN, like SQLite's BEGIN IMMEDIATE: writers run
 * one at a time, so code written for one writer (the audit chain's previous hash, check-then-
 * insert) stays correct, and two writers never deadlock. Readers never take it. */
#define PG_WRITE_LOCK "7020250811"

enum { PG_MAX_PARAMS = 65535 }; /* the protocol's limit */
enum { OID_INT8 = 20, OID_INT2 = 21, OID_INT4 = 23, OID_TEXT = 25, OID_BYTEA = 17 };

/* A statement prepared on the server: the SQL it came from and the parameter types. */
struct pg_prepared {
    char *sql; /* the portable text (key) */
    char *types;
    char name[16];
};

struct pg_conn {
    PGconn *h;
    int64_t changes;
    struct pg_prepared *prep;
    size_t nprep, capprep;
    int next_name;
    int64_t lock_timeout_ms;
};

struct pg_param {
    char *val; /* owned buffer, kept across runs */
    size_t cap;
    int len;
    bool null; /* SQL NULL (also before the first bind) */
    char type; /* 'i' int8, 't' text, 'b' bytea, '?' untyped NULL */
};

struct pg_stmt {
    struct pg_conn *c;
    const char *sql; /* borrowed: statements are static constants */
    int nparams;
    struct pg_param *p;
    /* execute()'s arguments and the type key, sized once for nparams */
    const char **vals;
    int *lens, *fmts;
    char *types;
    Oid *oids;
    PGresult *res;
    int nrows, cur;
    bool executed;
    unsigned char *blob; /* the last bytea column read, unescaped */
};

/* Counts the ? placeholders outside quotes, and writes the $n form into out (NULL: count). */
static int placeholders(const char *sql, char *out)
{
    int n = 0;
    char quote = 0;
    char *o = out;

    for (const char *s = sql; *s; s++) {
        if (quote) {
            if (*s == quote)
                quote = 0;
        } else if (*s == '\'' || *s == '"') {
            quote = *s;
        } else if (*s == '?') {
            n++;
            if (o)
                o += snprintf(o, 12, "$%d", n);
            continue;
        }
        if (o)
            *o++ = *s;
    }
    if (o)
        *o = '\0';
    return n;
}

static const char *state_of(const PGresult *r)
{
    const char *s = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    return s ? s : "";
}

static int map_error(struct pg_conn *c, const PGresult *r, struct err *err)
{
    const char *st = state_of(r);
    /* The primary message only: the DETAIL line of a unique violation carries the values
     * (an ID number), which must not reach the log. */
    const char *native = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;

    if (PQstatus(c->h) != CONNECTION_OK)
        err_set(err, E_UNAVAILABLE, "", "数据库连接中断，请稍后重试");
    else if (!strcmp(st, "23505"))
        err_set(err, E_CONFLICT, "", "记录已存在（唯一性冲突）");
    else if (!strcmp(st, "23503"))
        err_set(err, E_CONFLICT, "", "关联的记录不存在或仍被引用");
    else if (!strcmp(st, "23514") || !strcmp(st, "23502"))
        err_set(err, E_INVALID, "", "数据不符合约束");
    else if (!strcmp(st, "40001") || !strcmp(st, "40P01") || !strcmp(st, "55P03") ||
             !strcmp(st, "57014") || !strncmp(st, "08", 2) || !strncmp(st, "53", 2))
        err_set(err, E_UNAVAILABLE, "", "数据库繁忙，请稍后重试");
    else
        err_set(err, E_INTERNAL, "", "数据库内部错误");
    if (!native && PQstatus(c->h) != CONNECTION_OK)
        native = "connection lost";
    return err_detail(err, "pg %s: %.150s", st, native ? native : "");
}

static int exec_once(struct pg_conn *c, const char *script, struct err *err)
{
    PGresult *r = PQexec(c->h, script);
    ExecStatusType s = PQresultStatus(r);
    int rc = 0;

    if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK && s != PGRES_EMPTY_QUERY)
        rc = map_error(c, r, err);
    PQclear(r);
    return rc;
}

static int pg_revive(void *native, struct err *err);

/* A script run outside a transaction (BEGIN among them) on a connection the server dropped runs
 * once more on a revived one: nothing of it was applied. */
static int pg_exec(void *native, const char *script, struct err *err)
{
    struct pg_conn *c = native;
    bool idle = PQtransactionStatus(c->h) == PQTRANS_IDLE;

    if (exec_once(c, script, err) == 0)
        return 0;
    if (!idle || PQstatus(c->h) == CONNECTION_OK)
        return -1;
    err_clear(err);
    if (pg_revive(c, err) < 0)
        return -1;
    return exec_once(c, script, err);
}

/* Session settings every connection runs with: UTC, UTF-8, bounded lock waits, quiet; no JIT
 * (it compiled a district's statistics query anew on every call: 565 ms of 1.7 s); and the
 * generic plan of each prepared statement, planned once: with the optional filters
 * (`? IS NULL OR …`) PostgreSQL otherwise planned the member page anew on every call, half its
 * time (member page 1.3-1.6x faster in alternating wrk runs). */
static int conn_setup(struct pg_conn *c, struct err *err)
{
    char sql[256];

    snprintf(sql, sizeof(sql),
             "SET TIME ZONE 'UTC'; SET client_encoding = 'UTF8'; SET lock_timeout = %" PRId64
             "; SET client_min_messages = warning; SET jit = off; "
             "SET plan_cache_mode = force_generic_plan",
             c->lock_timeout_ms);
    return exec_once(c, sql, err);
}

static int pg_open(const struct db_cfg *cfg, void **native_out, struct err *err)
{
    struct pg_conn *c = calloc(1, sizeof(*c));

    ASSERT(c);
    c->h = PQconnectdb(cfg->url ? cfg->url : "");
    if (PQstatus(c->h) != CONNECTION_OK) {
        const char *why = PQerrorMessage(c->h);
        err_set(err, E_UNAVAILABLE, "db.url",
                "无法连接 PostgreSQL 数据库，请检查 db.url 与数据库状态 / cannot connect to "
                "PostgreSQL: check db.url and that the server is up");
        /* libpq's message names host and user, never the password; one line for the log. */
        err_detail(err, "%.180s", why ? why : "");
        for (char *p = err->detail; *p; p++)
            if (*p == '\n' || *p == '\t')
                *p = ' ';
        PQfinish(c->h);
        free(c);
        return -1;
    }
    c->lock_timeout_ms = cfg->busy_timeout_ms;
    if (conn_setup(c, err) < 0) {
        PQfinish(c->h);
        free(c);
        return -1;
    }
    *native_out = c;
    return 0;
}

static void prepared_clear(struct pg_conn *c)
{
    for (size_t i = 0; i < c->nprep; i++) {
        free(c->prep[i].sql);
        free(c->prep[i].types);
    }
    c->nprep = 0;
}

static void pg_close(void *native)
{
    struct pg_conn *c = native;

    prepared_clear(c);
    free(c->prep);
    PQfinish(c->h);
    free(c);
}

/* A lost connection is re-opened before the connection is handed out again; statements are
 * prepared anew on first use. */
static int pg_revive(void *native, struct err *err)
{
    struct pg_conn *c = native;

    if (PQstatus(c->h) == CONNECTION_OK)
        return 0;
    prepared_clear(c);
    PQreset(c->h);
    if (PQstatus(c->h) != CONNECTION_OK)
        return err_set(err, E_UNAVAILABLE, "", "数据库连接中断，请稍后重试");
    return conn_setup(c, err);
}

static int pg_prepare(void *native, const char *sql, void **stmt_out, struct err *err)
{
    struct pg_stmt *st = calloc(1, sizeof(*st));

    UNUSED(err);
    ASSERT(st);
    st->c = native;
    st->sql = sql;
    st->nparams = placeholders(sql, NULL);
    ASSERT(st->nparams <= PG_MAX_PARAMS);
    if (st->nparams) {
        size_t n = (size_t)st->nparams;
        st->p = calloc(n, sizeof(*st->p));
        st->vals = calloc(n, sizeof(*st->vals));
        st->lens = calloc(n, sizeof(*st->lens));
        st->fmts = calloc(n, sizeof(*st->fmts));
        st->oids = calloc(n, sizeof(*st->oids));
        ASSERT(st->p && st->vals && st->lens && st->fmts && st->oids);
        for (int i = 0; i < st->nparams; i++)
            st->p[i] = (struct pg_param){ .null = true, .type = '?' };
    }
    st->types = calloc((size_t)st->nparams + 1, 1);
    ASSERT(st->types);
    *stmt_out = st;
    return 0;
}

static struct pg_param *param(struct pg_stmt *st, int idx)
{
    return idx >= 1 && idx <= st->nparams ? &st->p[idx - 1] : NULL;
}

static int param_set(struct pg_stmt *st, int idx, char type, const void *v, size_t len)
{
    struct pg_param *p = param(st, idx);

    if (!p || len > INT_MAX - 1)
        return -1;
    p->type = type;
    p->null = !v;
    if (!v)
        return 0;
    if (p->cap < len + 1) {
        free(p->val);
        p->cap = len + 1 < 32 ? 32 : len + 1;
        p->val = malloc(p->cap);
        ASSERT(p->val);
    }
    memcpy(p->val, v, len);
    p->val[len] = '\0';
    p->len = (int)len;
    return 0;
}

static int pg_bind_int(void *stmt, int idx, int64_t v)
{
    char s[24];
    int n = snprintf(s, sizeof(s), "%" PRId64, v);
    return param_set(stmt, idx, 'i', s, (size_t)n);
}

static int pg_bind_text(void *stmt, int idx, const char *s, size_t len)
{
    return param_set(stmt, idx, 't', s, len);
}

static int pg_bind_null(void *stmt, int idx, enum db_type t)
{
    return param_set(stmt, idx, t == DB_T_INT ? 'i' : t == DB_T_TEXT ? 't' : '?', NULL, 0);
}

static int pg_bind_blob(void *stmt, int idx, const void *p, size_t len)
{
    return param_set(stmt, idx, 'b', p ? p : "", len);
}

/* The server-side statement for this text and these parameter types, prepared on first use. */
static int prepared_find(struct pg_stmt *st, const struct pg_prepared **out, struct err *err)
{
    struct pg_conn *c = st->c;
    char *types = st->types;
    Oid *oids = st->oids;
    struct pg_prepared *pp;
    PGresult *r;
    char *text;

    for (int i = 0; i < st->nparams; i++)
        types[i] = st->p[i].type;
    types[st->nparams] = '\0';
    for (size_t i = 0; i < c->nprep; i++) {
        if (!strcmp(c->prep[i].types, types) && !strcmp(c->prep[i].sql, st->sql)) {
            *out = &c->prep[i];
            return 0;
        }
    }
    for (int i = 0; i < st->nparams; i++)
        oids[i] = types[i] == 'i'   ? OID_INT8
                  : types[i] == 't' ? OID_TEXT
                  : types[i] == 'b' ? OID_BYTEA
                                    : 0;
    text = malloc(strlen(st->sql) + (size_t)st->nparams * 6 + 1);
    ASSERT(text);
    placeholders(st->sql, text);
    if (c->nprep == c->capprep) {
        c->capprep = c->capprep ? c->capprep * 2 : 64;
        c->prep = realloc(c->prep, c->capprep * sizeof(*c->prep));
        ASSERT(c->prep);
    }
    pp = &c->prep[c->nprep];
    snprintf(pp->name, sizeof(pp->name), "s%d", ++c->next_name);
    r = PQprepare(c->h, pp->name, text, st->nparams, oids);
    free(text);
    if (PQresultStatus(r) != PGRES_COMMAND_OK) {
        map_error(c, r, err);
        PQclear(r);
        return -1;
    }
    PQclear(r);
    pp->sql = strdup(st->sql);
    pp->types = strdup(types);
    ASSERT(pp->sql && pp->types);
    c->nprep++;
    *out = pp;
    return 0;
}

/* A statement outside a transaction that failed because the server went away (a restart, a
 * failover), or lost a serialization or deadlock race, is run once more (on a fresh connection
 * after a loss): nothing of it was applied. Inside a transaction the caller's whole transaction
 * would have to run again, so the error is reported (503 unavailable). */
static bool retry_after_loss(struct pg_stmt *st, bool was_idle)
{
    struct err ignored = { 0 };
    const char *state = state_of(st->res);
    bool race = !strcmp(state, "40001") || !strcmp(state, "40P01");

    if (!was_idle || (PQstatus(st->c->h) == CONNECTION_OK && !race))
        return false;
    PQclear(st->res);
    st->res = NULL;
    return pg_revive(st->c, &ignored) == 0;
}

static int execute(struct pg_stmt *st, struct err *err)
{
    bool idle = PQtransactionStatus(st->c->h) == PQTRANS_IDLE;
    bool retried = false;
    const struct pg_prepared *pp;
    ExecStatusType s;
    const char *n;

again:
    if (prepared_find(st, &pp, err) < 0) {
        if (!retried && retry_after_loss(st, idle)) {
            retried = true;
            err_clear(err);
            goto again;
        }
        return -1;
    }
    for (int i = 0; i < st->nparams; i++) {
        st->vals[i] = st->p[i].null ? NULL : st->p[i].val;
        st->lens[i] = st->p[i].null ? 0 : st->p[i].len;
        st->fmts[i] = st->p[i].type == 'b';
    }
    st->res = PQexecPrepared(st->c->h, pp->name, st->nparams, st->vals, st->lens, st->fmts, 0);
    s = PQresultStatus(st->res);
    if (s != PGRES_TUPLES_OK && s != PGRES_COMMAND_OK) {
        if (!retried && retry_after_loss(st, idle)) {
            retried = true;
            goto again;
        }
        return map_error(st->c, st->res, err);
    }
    st->executed = true;
    st->nrows = PQntuples(st->res);
    st->cur = -1;
    n = PQcmdTuples(st->res);
    st->c->changes = n && *n ? strtoll(n, NULL, 10) : 0;
    return 0;
}

static int pg_step(void *stmt, struct err *err)
{
    struct pg_stmt *st = stmt;

    if (!st->executed && execute(st, err) < 0)
        return -1;
    if (st->cur + 1 >= st->nrows) {
        st->cur = st->nrows;
        return DB_DONE;
    }
    st->cur++;
    return DB_ROW;
}

static bool pg_col_is_null(void *stmt, int col)
{
    struct pg_stmt *st = stmt;
    return PQgetisnull(st->res, st->cur, col);
}

static const char *pg_col_text(void *stmt, int col)
{
    struct pg_stmt *st = stmt;

    if (PQgetisnull(st->res, st->cur, col))
        return NULL;
    return PQgetvalue(st->res, st->cur, col);
}

/* Integers arrive as decimal text; a boolean expression as t/f (SQLite gives 1/0). */
static int64_t pg_col_int(void *stmt, int col)
{
    const char *s = pg_col_text(stmt, col);

    if (!s)
        return 0;
    if (s[0] == 't' && !s[1])
        return 1;
    if (s[0] == 'f' && !s[1])
        return 0;
    return strtoll(s, NULL, 10);
}

static const void *pg_col_blob(void *stmt, int col, size_t *len_out)
{
    struct pg_stmt *st = stmt;
    const char *s = pg_col_text(stmt, col);

    *len_out = 0;
    if (!s)
        return NULL;
    if (st->blob)
        PQfreemem(st->blob);
    st->blob = PQunescapeBytea((const unsigned char *)s, len_out);
    return st->blob;
}

static int pg_col_count(void *stmt)
{
    return PQnfields(((struct pg_stmt *)stmt)->res);
}

static const char *pg_col_name(void *stmt, int col)
{
    return PQfname(((struct pg_stmt *)stmt)->res, col);
}

static enum db_col_kind pg_col_kind(void *stmt, int col)
{
    struct pg_stmt *st = stmt;
    Oid t = PQftype(st->res, col);

    if (PQgetisnull(st->res, st->cur, col))
        return DB_COL_NULL;
    if (t == OID_INT8 || t == OID_INT4 || t == OID_INT2)
        return DB_COL_INT;
    return t == OID_BYTEA ? DB_COL_BLOB : DB_COL_TEXT;
}

static void pg_reset(void *stmt)
{
    struct pg_stmt *st = stmt;

    PQclear(st->res);
    st->res = NULL;
    st->executed = false;
    st->nrows = 0;
    st->cur = -1;
    if (st->blob)
        PQfreemem(st->blob);
    st->blob = NULL;
    for (int i = 0; i < st->nparams; i++) {
        st->p[i].null = true;
        st->p[i].type = '?';
    }
}

static void pg_finalize(void *stmt)
{
    struct pg_stmt *st = stmt;

    pg_reset(st);
    for (int i = 0; i < st->nparams; i++)
        free(st->p[i].val);
    free(st->p);
    free(st->vals);
    free(st->lens);
    free(st->fmts);
    free(st->oids);
    free(st->types);
    free(st);
}

static int64_t pg_changes(void *native)
{
    return ((struct pg_conn *)native)->changes;
}

const struct db_driver DB_DRIVER_PG = {
    .name = "postgres",
    .dialect = DB_DIALECT_PG,
    .open = pg_open,
    .close = pg_close,
    .revive = pg_revive,
    .prepare = pg_prepare,
    .bind_int = pg_bind_int,
    .bind_text = pg_bind_text,
    .bind_null = pg_bind_null,
    .bind_blob = pg_bind_blob,
    .step = pg_step,
    .col_int = pg_col_int,
    .col_text = pg_col_text,
    .col_is_null = pg_col_is_null,
    .col_blob = pg_col_blob,
    .col_count = pg_col_count,
    .col_name = pg_col_name,
    .col_kind = pg_col_kind,
    .reset = pg_reset,
    .finalize = pg_finalize,
    .changes = pg_changes,
    .exec = pg_exec,
    .backup = NULL,
    .begin_sql = "BEGIN; SELECT pg_advisory_xact_lock(" PG_WRITE_LOCK ")",
};
