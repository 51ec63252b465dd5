/* db_copy.c: copy-db, moving a whole installation between databases (a street's SQLite file
 * up to a city's PostgreSQL) without re-entering anything. Tables come from the source's
 * catalog and are copied parents first (foreign keys read from the catalog), rows in id order
 * (an org after its parent: by depth); values keep their kind. It does not merge into a
 * database that has data, and it does not copy indexes kept by triggers (the target's
 * triggers rebuild them) nor SQLite's full-text shadow tables. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "db/db_int.h"

static const struct db_sql SQL_TABLES = {
    .name = "copy.tables",
    .sql = "SELECT m.name FROM sqlite_master m WHERE m.type = 'table' AND m.name NOT LIKE "
           "'sqlite%' AND NOT EXISTS (SELECT 1 FROM sqlite_master v WHERE v.type = 'table' AND "
           "v.sql LIKE 'CREATE VIRTUAL TABLE%' AND (m.name = v.name OR substr(m.name, 1, "
           "length(v.name) + 1) = v.name || '_')) ORDER BY m.name",
    .pg = "SELECT table_name FROM information_schema.tables WHERE table_schema = "
          "current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name",
};
/* (child, parent) for every foreign key. */
static const struct db_sql SQL_FKEYS = {
    .name = "copy.fkeys",
    .sql = "SELECT m.name, f.\"table\" FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f "
           "WHERE m.type = 'table'",
    .pg = "SELECT c.conrelid::regclass::text, c.confrelid::regclass::text FROM pg_constraint c "
          "WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace",
};
/* Identity columns start past the copied ids (SQLite needs nothing). */
static const struct db_sql SQL_SYNC_IDENTITIES = {
    .name = "copy.sync_identities",
    .sql = "SELECT 0",
    .pg = "SELECT dj_sync_identities()",
};

/* Tables never copied: the migrations' own record, and counters the target's triggers keep
 * while the rows they count are copied. */
static bool skipped(const char *table)
{
    return strcmp(table, "schema_version") == 0 || strcmp(table, "member_stat") == 0;
}

struct table {
    const char *name;
    bool done;
};

struct copy {
    struct db_conn *src, *dst;
    struct arena a;
    struct table *tables;
    size_t ntables;
    char (*fk)[2][64];
    size_t nfk;
};

/* A statement built at run time: prepared for this use only (never cached, since its text
 * dies with the copy). */
static const struct db_sql *dyn_sql(struct copy *cp, const char *name, const char *text)
{
    struct db_sql *s = arena_alloc(&cp->a, sizeof(*s));
    *s = (struct db_sql){ .name = name, .sql = text, .pg = NULL, .uncached = true };
    return s;
}

static void quote_ident(struct buf *b, const char *s)
{
    buf_putc(b, '"');
    for (; *s; s++) {
        if (*s == '"')
            buf_putc(b, '"');
        buf_putc(b, *s);
    }
    buf_putc(b, '"');
}

static int read_catalog(struct copy *cp, struct err *err)
{
    struct db_stmt *st = NULL;
    int64_t cap = 0, fcap = 0, n = 0;
    int rc;

    if (db_prepare(cp->src, &SQL_TABLES, &st, err) < 0)
        return -1;
    while ((rc = db_step(st, err)) == DB_ROW) {
        if (skipped(db_col_text(st, 0)))
            continue;
        cp->tables = arena_grow(&cp->a, cp->tables, n, &cap, sizeof(*cp->tables));
        cp->tables[n++] = (struct table){ .name = db_col_dup(st, 0, &cp->a) };
    }
    db_stmt_free(&st);
    if (rc < 0)
        return -1;
    cp->ntables = (size_t)n;
    n = 0;
    if (db_prepare(cp->src, &SQL_FKEYS, &st, err) < 0)
        return -1;
    while ((rc = db_step(st, err)) == DB_ROW) {
        cp->fk = arena_grow(&cp->a, cp->fk, n, &fcap, sizeof(*cp->fk));
        snprintf(cp->fk[n][0], 64, "%s", db_col_text(st, 0));
        snprintf(cp->fk[n][1], 64, "%s", db_col_text(st, 1));
        n++;
    }
    db_stmt_free(&st);
    cp->nfk = (size_t)n;
    return rc < 0 ? -1 : 0;
}

/* The next table whose parents (other than itself) are all copied; NULL when none is left. */
static struct table *next_table(struct copy *cp)
{
    for (size_t i = 0; i < cp->ntables; i++) {
        struct table *t = &cp->tables[i];
        bool ready = !t->done;

        for (size_t k = 0; ready && k < cp->nfk; k++) {
            if (strcmp(cp->fk[k][0], t->name) || !strcmp(cp->fk[k][1], t->name))
                continue;
            for (size_t j = 0; j < cp->ntables; j++)
                if (!strcmp(cp->tables[j].name, cp->fk[k][1]) && !cp->tables[j].done)
                    ready = false;
        }
        if (ready)
            return t;
    }
    return NULL;
}

static int count_rows(struct copy *cp, struct db_conn *c, const char *table, int64_t *n_out,
                      struct err *err)
{
    struct db_stmt *st = NULL;
    struct buf b;
    int rc;

    buf_init(&b, &cp->a, 1024);
    buf_puts(&b, "SELECT count(*) FROM ");
    quote_ident(&b, table);
    if (db_prepare(c, dyn_sql(cp, "copy.count", buf_cstr(&b)), &st, err) < 0)
        return -1;
    rc = db_step(st, err);
    if (rc == DB_ROW)
        *n_out = db_col_int(st, 0);
    db_stmt_free(&st);
    return rc == DB_ROW ? 0 : -1;
}

/* SELECT * in id order (depth first where the table has one) and the matching INSERT. */
static void build_sql(struct db_stmt *src, const char *table, struct buf *ins)
{
    int ncol = db_col_count(src);

    buf_puts(ins, "INSERT INTO ");
    quote_ident(ins, table);
    buf_puts(ins, " (");
    for (int i = 0; i < ncol; i++) {
        if (i)
            buf_puts(ins, ", ");
        quote_ident(ins, db_col_name(src, i));
    }
    buf_puts(ins, ") VALUES (");
    for (int i = 0; i < ncol; i++)
        buf_puts(ins, i ? ", ?" : "?");
    /* Rows a target trigger already wrote (name search terms) are the same rows. */
    buf_puts(ins, ") ON CONFLICT DO NOTHING");
}

static void bind_value(struct db_stmt *ins, int k, struct db_stmt *src, int col)
{
    size_t len;
    const void *p;

    switch (db_col_kind(src, col)) {
    case DB_COL_NULL:
        db_bind_null(ins, k);
        break;
    case DB_COL_INT:
        db_bind_int(ins, k, db_col_int(src, col));
        break;
    case DB_COL_BLOB:
        p = db_col_blob(src, col, &len);
        db_bind_blob(ins, k, p, len);
        break;
    default:
        db_bind_text(ins, k, db_col_text(src, col));
    }
}

static int has_depth(struct copy *cp, const char *table, bool *out, struct err *err)
{
    struct db_stmt *st = NULL;
    struct buf b;
    int rc;

    buf_init(&b, &cp->a, 1024);
    buf_puts(&b, "SELECT * FROM ");
    quote_ident(&b, table);
    buf_puts(&b, " WHERE 1 = 0");
    if (db_prepare(cp->src, dyn_sql(cp, "copy.columns", buf_cstr(&b)), &st, err) < 0)
        return -1;
    rc = db_step(st, err);
    *out = false;
    for (int i = 0; rc >= 0 && i < db_col_count(st); i++)
        *out = *out || !strcmp(db_col_name(st, i), "depth");
    db_stmt_free(&st);
    return rc < 0 ? -1 : 0;
}

static int copy_rows(struct copy *cp, const char *table, int64_t *rows_out, struct err *err)
{
    struct db_stmt *src = NULL, *ins = NULL, *del = NULL;
    const struct db_sql *ins_sql = NULL;
    struct buf sel, ins_text, del_text;
    int64_t rows = 0;
    bool depth;
    int rc;

    if (has_depth(cp, table, &depth, err) < 0)
        return -1;
    buf_init(&sel, &cp->a, 1024);
    buf_init(&ins_text, &cp->a, 1 << 16);
    buf_init(&del_text, &cp->a, 1024);
    buf_puts(&sel, "SELECT * FROM ");
    quote_ident(&sel, table);
    buf_puts(&sel, depth ? " ORDER BY depth, 1" : " ORDER BY 1");
    buf_puts(&del_text, "DELETE FROM ");
    quote_ident(&del_text, table);
    /* Rows the target's migrations wrote (rule rows, counters) give way to the source's. */
    if (db_prepare(cp->dst, dyn_sql(cp, "copy.clear", buf_cstr(&del_text)), &del, err) < 0 ||
        db_run(&del, err) < 0)
        return -1;
    if (db_prepare(cp->src, dyn_sql(cp, "copy.read", buf_cstr(&sel)), &src, err) < 0)
        return -1;
    while ((rc = db_step(src, err)) == DB_ROW) {
        if (!ins_sql) {
            build_sql(src, table, &ins_text);
            if (buf_failed(&ins_text)) {
                err_set(err, E_INTERNAL, "", "表 %s 的列过多", table);
                rc = -1;
                break;
            }
            ins_sql = dyn_sql(cp, "copy.insert", buf_cstr(&ins_text));
        }
        if (db_prepare(cp->dst, ins_sql, &ins, err) < 0) {
            rc = -1;
            break;
        }
        for (int i = 0; i < db_col_count(src); i++)
            bind_value(ins, i + 1, src, i);
        if (db_run(&ins, err) < 0) {
            err_detail(err, "table %s row %" PRId64, table, rows + 1);
            rc = -1;
            break;
        }
        rows++;
    }
    db_stmt_free(&src);
    if (rc < 0)
        return -1;
    *rows_out = rows;
    return 0;
}

static int copy_table(struct copy *cp, const char *table, int64_t *rows_out, struct err *err)
{
    int64_t want = 0, got = 0;

    if (db_tx_begin(cp->dst, err) < 0)
        return -1;
    if (copy_rows(cp, table, rows_out, err) < 0 || count_rows(cp, cp->src, table, &want, err) < 0 ||
        count_rows(cp, cp->dst, table, &got, err) < 0) {
        db_tx_rollback(cp->dst);
        return -1;
    }
    if (want != got) {
        db_tx_rollback(cp->dst);
        return err_set(err, E_CONFLICT, "",
                       "复制表 %s 后行数不符：源 %" PRId64 " 行，目标 %" PRId64 " 行", table, want,
                       got);
    }
    return db_tx_commit(cp->dst, err);
}

static int copy_all(struct copy *cp, void (*progress)(const char *, int64_t), struct err *err)
{
    struct table *t;
    struct db_stmt *st = NULL;
    int64_t rows;

    if (read_catalog(cp, err) < 0)
        return -1;
    while ((t = next_table(cp))) {
        if (copy_table(cp, t->name, &rows, err) < 0)
            return err_detail(err, "table %s", t->name);
        t->done = true;
        if (progress)
            progress(t->name, rows);
    }
    for (size_t i = 0; i < cp->ntables; i++)
        if (!cp->tables[i].done)
            return err_set(err, E_INTERNAL, "", "表 %s 的外键关系成环，无法排定复制顺序",
                           cp->tables[i].name);
    if (db_prepare(cp->dst, &SQL_SYNC_IDENTITIES, &st, err) < 0)
        return -1;
    return db_run(&st, err);
}

int db_copy(struct db *from, struct db *to, void (*progress)(const char *table, int64_t rows),
            struct err *err)
{
    struct copy cp = { 0 };
    int version = 0, rc = -1;

    if (db_schema_check(from, err) < 0)
        return -1;
    if (db_schema_version(to, &version, err) < 0)
        return -1;
    if (version != 0)
        return err_set(err, E_CONFLICT, "to",
                       "目标数据库不是空的（表结构版本 %d）；copy-db 只写入空数据库", version);
    if (db_migrate(to, NULL, err) < 0)
        return -1;
    arena_init(&cp.a, 0);
    if (db_acquire(from, &cp.src, err) == 0 && db_acquire(to, &cp.dst, err) == 0)
        rc = copy_all(&cp, progress, err);
    db_release(to, &cp.dst);
    db_release(from, &cp.src);
    arena_release(&cp.a);
    return rc;
}
