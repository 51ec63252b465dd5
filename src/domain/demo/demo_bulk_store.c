/* demo_bulk_store.c: SQL of the demo generator's bulk load: connection settings for the
 * load, and the secondary indexes and triggers of the filled tables dropped and created again
 * from the schema's own text, with the FTS index and search terms rebuilt in one pass. It
 * inserts no demo rows (demo_store.c does). */
#include "core/compat.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/demo/demo_int.h"

/* Bulk mode on a fresh database (SQLite): the secondary indexes and the triggers of the tables
 * the generator fills are read from the schema itself (so no DDL is repeated here), dropped
 * for the load and created again from that text before the commit. Unique constraints stay:
 * they are part of the tables. The trigger-kept FTS index is rebuilt in one pass, and the
 * generation counter, which the triggers would have moved once per row, moves once. All of it
 * runs inside the generator's transaction, so a failure rolls the schema back with the rows.
 * PostgreSQL reads the same from its catalog. */
#define BULK_TABLES                                                                                \
    "('org', 'person', 'member', 'member_tag', 'member_event', 'household', 'resident', "          \
    "'org_term', 'org_post', 'person_term')"
/* (type, the DROP statement, the CREATE statement) of each secondary index and trigger, and on
 * PostgreSQL of each foreign key (SQLite switches them off instead), re-added and so checked in
 * one pass with the indexes. */
static const struct db_sql SQL_BULK_SCHEMA = {
    .name = "demo.bulk_schema",
    .sql = "SELECT type, 'DROP ' || upper(type) || ' \"' || replace(name, '\"', '\"\"') || '\"', "
           "sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL "
           "AND tbl_name IN " BULK_TABLES " ORDER BY rowid",
    .pg =
        "SELECT 'index', 'DROP INDEX ' || quote_ident(i.relname), pg_get_indexdef(x.indexrelid) "
        "FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t "
        "ON t.oid = x.indrelid WHERE t.relname IN " BULK_TABLES " AND t.relnamespace = "
        "current_schema()::regnamespace AND NOT EXISTS (SELECT 1 FROM pg_constraint k "
        "WHERE k.conindid = x.indexrelid) UNION ALL "
        "SELECT 'index', 'ALTER TABLE ' || quote_ident(t.relname) || ' DROP CONSTRAINT ' || "
        "quote_ident(k.conname), 'ALTER TABLE ' || quote_ident(t.relname) || ' ADD CONSTRAINT ' "
        "|| quote_ident(k.conname) || ' ' || pg_get_constraintdef(k.oid) FROM pg_constraint k "
        "JOIN pg_class t ON t.oid = k.conrelid WHERE k.contype = 'f' AND t.relname IN " BULK_TABLES
        " AND t.relnamespace = current_schema()::regnamespace UNION ALL "
        "SELECT 'trigger', 'DROP TRIGGER ' || quote_ident(g.tgname) || ' ON ' || "
        "quote_ident(t.relname), pg_get_triggerdef(g.oid) FROM pg_trigger g JOIN pg_class t "
        "ON t.oid = g.tgrelid WHERE NOT g.tgisinternal AND t.relname IN " BULK_TABLES
        " AND t.relnamespace = current_schema()::regnamespace",
};
static const struct db_sql SQL_BULK_FTS_REBUILD = {
    .name = "demo.bulk_fts_rebuild",
    .sql = "INSERT INTO person_fts (person_fts) VALUES ('rebuild')",
    .pg = "SELECT 1",
};
/* The name search terms, as migration 0006's backfill makes them (its triggers were off during
 * the load); sorted so the index is written in order. */
static const struct db_sql SQL_BULK_TERMS_BIGRAM = {
    .name = "demo.bulk_terms_bigram",
    .sql = "INSERT OR IGNORE INTO person_term (term, person_id) SELECT 'b:' || substr(p.name, "
           "n.k, 2), p.id FROM person p JOIN name_position n ON n.k < length(p.name) ORDER BY 1, 2",
    .pg = "INSERT INTO person_term (term, person_id) SELECT DISTINCT 'b:' || substr(p.name, n.k, "
          "2), p.id FROM person p JOIN name_position n ON n.k < length(p.name) "
          "ON CONFLICT DO NOTHING",
};
static const struct db_sql SQL_BULK_TERMS_INITIALS = {
    .name = "demo.bulk_terms_initials",
    .sql = "INSERT OR IGNORE INTO person_term (term, person_id) SELECT 'i:' || "
           "substr(p.name_initials, n.k, instr(substr(p.name_initials, n.k) || ' ', ' ') - 1), "
           "p.id FROM person p JOIN name_position n ON n.k <= length(p.name_initials) AND (n.k = "
           "1 OR substr(p.name_initials, n.k - 1, 1) = ' ') AND substr(p.name_initials, n.k, 1) "
           "<> ' ' ORDER BY 1, 2",
    .pg =
        "INSERT INTO person_term (term, person_id) SELECT DISTINCT 'i:' || w, p.id FROM person p, "
        "unnest(string_to_array(p.name_initials, ' ')) w WHERE w <> '' ON CONFLICT DO NOTHING",
};
static const struct db_sql SQL_BULK_GENERATION = {
    .name = "demo.bulk_generation",
    .sql = "UPDATE generation SET n = n + 1 WHERE name = 'roster'",
};
/* The generator writes its own ids; PostgreSQL's identity columns then start past them (SQLite
 * takes max(rowid) + 1 by itself). */
static const struct db_sql SQL_BULK_IDENTITIES = {
    .name = "demo.bulk_identities",
    .sql = "SELECT 0",
    .pg = "SELECT dj_sync_identities()",
};

static int exec_one(struct db_conn *c, const struct db_sql *sql, struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, sql, &st, err) < 0)
        return -1;
    return db_run(&st, err);
}

/* The load's page cache: 512 MiB; index builds sort in small runs merged afterwards (a single
 * in-memory sort of millions of rows is about twice as slow, from cache misses). */
enum { BULK_CACHE_KIB = 524288, BULK_SORT_CACHE_KIB = 2000 };

int demo_store_bulk_begin(struct db_conn *c, struct err *err)
{
    return db_bulk_begin(c, DB_BULK_UNCHECKED, BULK_CACHE_KIB, err);
}

void demo_store_bulk_end(struct db_conn *c)
{
    db_bulk_end(c);
}

enum { BULK_DDL_MAX = 1u << 20 };

void demo_bulk_schema_init(struct demo_bulk_schema *s)
{
    buf_init(&s->indexes, NULL, BULK_DDL_MAX);
    buf_init(&s->triggers, NULL, BULK_DDL_MAX);
}

void demo_bulk_schema_release(struct demo_bulk_schema *s)
{
    buf_release(&s->indexes);
    buf_release(&s->triggers);
}

int demo_store_bulk_schema_drop(struct db_conn *c, struct demo_bulk_schema *s, struct err *err)
{
    struct db_stmt *st = NULL;
    struct buf drop;
    int rc = -1, step;

    buf_init(&drop, NULL, BULK_DDL_MAX);
    if (db_prepare(c, &SQL_BULK_SCHEMA, &st, err) < 0)
        goto out;
    while ((step = db_step(st, err)) == DB_ROW) {
        bool index = strcmp(db_col_text(st, 0), "index") == 0;
        struct buf *keep = index ? &s->indexes : &s->triggers;

        buf_puts(&drop, db_col_text(st, 1));
        buf_puts(&drop, ";\n");
        buf_puts(keep, db_col_text(st, 2));
        buf_puts(keep, ";\n");
    }
    if (step < 0)
        goto out;
    db_stmt_free(&st);
    if (buf_failed(&drop) || buf_failed(&s->indexes) || buf_failed(&s->triggers)) {
        err_set(err, E_INTERNAL, "", "数据库结构过大");
        goto out;
    }
    if (drop.len > 0 && db_exec_script(c, buf_cstr(&drop), err) < 0)
        goto out;
    rc = 0;
out:
    db_stmt_free(&st);
    buf_release(&drop);
    return rc;
}

int demo_store_bulk_indexes_restore(struct db_conn *c, const struct demo_bulk_schema *s,
                                    struct err *err)
{
    /* The FTS rebuild first: it reads person through any index that covers the name, and
     * person_name would hand it the rows in name order, and FTS5 flushes its pending terms to
     * a new segment whenever a rowid is lower than the one before (four times slower). */
    if (exec_one(c, &SQL_BULK_FTS_REBUILD, err) < 0 ||
        db_bulk_cache(c, BULK_SORT_CACHE_KIB, err) < 0 ||
        exec_one(c, &SQL_BULK_TERMS_BIGRAM, err) < 0 ||
        exec_one(c, &SQL_BULK_TERMS_INITIALS, err) < 0)
        return -1;
    if (s->indexes.len > 0 && db_exec_script(c, buf_cstr(&s->indexes), err) < 0)
        return -1;
    return db_bulk_cache(c, BULK_CACHE_KIB, err);
}

int demo_store_bulk_triggers_restore(struct db_conn *c, const struct demo_bulk_schema *s,
                                     struct err *err)
{
    if (s->triggers.len > 0 && db_exec_script(c, buf_cstr(&s->triggers), err) < 0)
        return -1;
    if (exec_one(c, &SQL_BULK_IDENTITIES, err) < 0)
        return -1;
    return exec_one(c, &SQL_BULK_GENERATION, err);
}
