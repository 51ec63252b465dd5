/* demo_store.c: SQL of the demo generator's rows: one emptiness check, one parameterized
 * INSERT per table and the set-based roster extras, each a named constant (the bulk-load
 * settings and schema steps are demo_bulk_store.c's). Functions bind a row, run the cached
 * statement and hand it back; they never begin or commit (demo.c owns the transaction) and
 * read back only the orgs, so a bulk load costs one statement execution per row. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/seal.h"
#include "db/db.h"
#include "domain/demo/demo_int.h"

static const struct db_sql SQL_COUNT_EXISTING = {
    .name = "demo.count_existing",
    .sql = "SELECT (SELECT count(*) FROM org) + (SELECT count(*) FROM person)"
           " + (SELECT count(*) FROM household)",
};

static const struct db_sql SQL_ORG_INSERT = {
    .name = "demo.org_insert",
    .sql = "INSERT INTO org (id, tenant_id, parent_id, path, depth, type, name, short_name, "
           "code, founded_on, contact_name, contact_phone, address, area, is_synthetic, "
           "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
};

static const struct db_sql SQL_PERSON_INSERT = {
    .name = "demo.person_insert",
    .sql = "INSERT INTO person (id, tenant_id, name, former_name, gender, ethnicity, birth_date, "
           "id_number, id_hash, phone, address, hukou, education, name_initials, is_synthetic, "
           "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
};

static const struct db_sql SQL_MEMBER_INSERT = {
    .name = "demo.member_insert",
    .sql = "INSERT INTO member (id, tenant_id, person_id, org_id, org_path, status, category, "
           "joined_on, full_member_on, work_unit, post, is_synthetic, created_at, updated_at) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
};

/* The status history and the org history (0003_roster), written row by row as org_event_add
 * and member_update write them, flagged synthetic. */
static const struct db_sql SQL_MEMBER_EVENT_INSERT = {
    .name = "demo.member_event_insert",
    .sql =
        "INSERT INTO member_event (tenant_id, member_id, kind, effective_on, old_value, "
        "new_value, doc_no, note, is_synthetic, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?)",
};
static const struct db_sql SQL_ORG_EVENT_INSERT = {
    .name = "demo.org_event_insert",
    .sql = "INSERT INTO org_event (tenant_id, org_id, kind, effective_on, doc_no, note, old_name, "
           "new_name, old_short_name, new_short_name, old_parent_id, new_parent_id, is_synthetic, "
           "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)",
};
static const struct db_sql SQL_ORG_DISSOLVE = {
    .name = "demo.org_dissolve",
    .sql = "UPDATE org SET dissolved_on = ? WHERE id = ?",
};
static const struct db_sql SQL_HIST_ORGS = {
    .name = "demo.hist_orgs",
    .sql = "SELECT id, coalesce(parent_id, 0), depth, path, type, name, coalesce(short_name, ''), "
           "coalesce(area, ''), founded_on FROM org ORDER BY id",
};

static const struct db_sql SQL_MEMBER_TAG_INSERT = {
    .name = "demo.member_tag_insert",
    .sql = "INSERT INTO member_tag (member_id, tag) VALUES (?, ?)",
};

static const struct db_sql SQL_HOUSEHOLD_INSERT = {
    .name = "demo.household_insert",
    .sql = "INSERT INTO household (id, tenant_id, org_id, grid, building, unit, room, address, "
           "is_synthetic, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?)",
};

static const struct db_sql SQL_RESIDENT_INSERT = {
    .name = "demo.resident_insert",
    .sql = "INSERT INTO resident (id, tenant_id, person_id, household_id, relation, "
           "moved_in_on, is_synthetic, created_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?)",
};

/* Bulk-load settings for the generator's connection, applied outside the transaction and
 * undone afterwards (SQLite only; PostgreSQL gets a harmless query):
 * - a 512 MiB page cache keeps the person indexes (random keys) in memory, so pages are not
 *   spilled and re-read inside the one big transaction;
 * - foreign keys off: the generator writes parents before children and never points at a
 *   row it did not write, and the unit test checks it; the checks cost a lookup per row;
 * - an in-memory rollback journal instead of WAL, so the new pages are written once rather
 *   than to the WAL and again at checkpoint. The database is new and empty, so the journal
 *   stays tiny; when another connection holds the file, SQLite keeps WAL and says so by
 *   returning "wal", which is fine;
 * - CHECK constraints not evaluated: SQLite builds a temporary b-tree for each IN (...) list
 *   of a CHECK on every row. The generator writes only its own constants into those columns
 *   (type, gender, status, category), and the unit test runs PRAGMA integrity_check, which
 *   checks them all. */
/* The instance flag: this database holds the demo street (its orgs' events and terms and the
 * members' cards come from the areas' demo hooks). */
static const struct db_sql SQL_SETTING_DEMO = {
    .name = "demo.setting_demo",
    .sql = "INSERT INTO setting (key, value, updated_at) VALUES ('instance.demo', '1', ?) "
           "ON CONFLICT (key) DO UPDATE SET value = '1', updated_at = excluded.updated_at",
};

/* Runs a bound statement to completion and returns it to the cache. */
int demo_store_count_existing(struct db_conn *c, int64_t *rows_out, struct err *err)
{
    struct db_stmt *st = NULL;
    int rc = -1, step;

    if (db_prepare(c, &SQL_COUNT_EXISTING, &st, err) < 0)
        goto out;
    step = db_step(st, err);
    if (step < 0)
        goto out;
    *rows_out = step == DB_ROW ? db_col_int(st, 0) : 0;
    rc = 0;
out:
    db_stmt_free(&st);
    return rc;
}

int demo_store_org_insert(struct db_conn *c, const struct demo_org_row *r, int64_t now,
                          struct err *err)
{
    struct db_stmt *st = NULL;
    struct arena a;
    int rc;

    if (db_prepare(c, &SQL_ORG_INSERT, &st, err) < 0)
        return -1;
    arena_init(&a, 0);
    db_bind_int(st, 1, r->id);
    db_bind_int(st, 2, r->tenant_id);
    if (r->parent_id > 0)
        db_bind_int(st, 3, r->parent_id);
    else
        db_bind_null(st, 3);
    db_bind_text(st, 4, r->path);
    db_bind_int(st, 5, r->depth);
    db_bind_text(st, 6, r->type);
    db_bind_text(st, 7, r->name);
    db_bind_text(st, 8, r->short_name);
    db_bind_text(st, 9, r->code);
    db_bind_text(st, 10, r->founded_on);
    db_bind_text(st, 11, r->contact_name);
    db_bind_text(st, 12, seal_text(r->contact_phone, &a));
    db_bind_text(st, 13, r->address);
    db_bind_text(st, 14, r->area);
    db_bind_int(st, 15, now);
    db_bind_int(st, 16, now);
    rc = db_run(&st, err);
    arena_release(&a);
    return rc;
}

int demo_store_person_insert(struct db_conn *c, const struct demo_person_row *r, int64_t now,
                             struct err *err)
{
    struct db_stmt *st = NULL;
    char idx[SEAL_INDEX_CHARS + 1];
    struct arena a;
    int rc;

    if (db_prepare(c, &SQL_PERSON_INSERT, &st, err) < 0)
        return -1;
    arena_init(&a, 0);
    db_bind_int(st, 1, r->id);
    db_bind_int(st, 2, r->tenant_id);
    db_bind_text(st, 3, r->name);
    db_bind_text(st, 4, r->former_name);
    db_bind_text(st, 5, r->gender);
    db_bind_text(st, 6, r->ethnicity);
    db_bind_text(st, 7, r->birth_date);
    db_bind_text(st, 8, seal_text(r->id_number, &a));
    db_bind_text(st, 9, seal_index(r->id_number, idx));
    db_bind_text(st, 10, seal_text(r->phone, &a));
    db_bind_text(st, 11, r->address);
    db_bind_text(st, 12, r->hukou);
    db_bind_text(st, 13, r->education);
    db_bind_text(st, 14, r->name_initials);
    db_bind_int(st, 15, now);
    db_bind_int(st, 16, now);
    rc = db_run(&st, err);
    arena_release(&a);
    return rc;
}

int demo_store_member_insert(struct db_conn *c, const struct demo_member_row *r, int64_t now,
                             struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_MEMBER_INSERT, &st, err) < 0)
        return -1;
    db_bind_int(st, 1, r->id);
    db_bind_int(st, 2, r->tenant_id);
    db_bind_int(st, 3, r->person_id);
    db_bind_int(st, 4, r->org_id);
    db_bind_text(st, 5, r->org_path);
    db_bind_text(st, 6, r->status);
    db_bind_text(st, 7, r->category);
    db_bind_text(st, 8, r->joined_on);
    db_bind_text(st, 9, r->full_member_on);
    db_bind_text(st, 10, r->work_unit);
    db_bind_text(st, 11, r->post);
    db_bind_int(st, 12, now);
    db_bind_int(st, 13, now);
    return db_run(&st, err);
}

int demo_store_member_event_insert(struct db_conn *c, const struct demo_member_event_row *r,
                                   int64_t now, struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_MEMBER_EVENT_INSERT, &st, err) < 0)
        return -1;
    db_bind_int(st, 1, r->tenant_id);
    db_bind_int(st, 2, r->member_id);
    db_bind_text(st, 3, r->kind);
    db_bind_text(st, 4, r->effective_on);
    db_bind_text(st, 5, r->old_value);
    db_bind_text(st, 6, r->new_value);
    db_bind_opt_text(st, 7, r->doc_no);
    db_bind_text(st, 8, r->note);
    db_bind_int(st, 9, now);
    return db_run(&st, err);
}

int demo_store_org_event_insert(struct db_conn *c, const struct demo_org_event_row *r, int64_t now,
                                struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_ORG_EVENT_INSERT, &st, err) < 0)
        return -1;
    db_bind_int(st, 1, r->tenant_id);
    db_bind_int(st, 2, r->org_id);
    db_bind_text(st, 3, r->kind);
    db_bind_text(st, 4, r->effective_on);
    db_bind_opt_text(st, 5, r->doc_no);
    db_bind_opt_text(st, 6, r->note);
    db_bind_text(st, 7, r->old_name);
    db_bind_text(st, 8, r->new_name);
    db_bind_text(st, 9, r->old_short_name);
    db_bind_text(st, 10, r->new_short_name);
    db_bind_opt_id(st, 11, r->old_parent_id);
    db_bind_opt_id(st, 12, r->new_parent_id);
    db_bind_int(st, 13, now);
    return db_run(&st, err);
}

int demo_store_org_dissolve(struct db_conn *c, int64_t id, const char *dissolved_on,
                            struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_ORG_DISSOLVE, &st, err) < 0)
        return -1;
    db_bind_text(st, 1, dissolved_on);
    db_bind_int(st, 2, id);
    return db_run(&st, err);
}

static void read_hist_orgs(struct db_stmt *st, struct arena *a, void *row)
{
    struct demo_hist_org *o = row;

    o->id = db_col_int(st, 0);
    o->parent_id = db_col_int(st, 1);
    o->depth = db_col_int(st, 2);
    o->path = db_col_dup(st, 3, a);
    o->type = db_col_dup(st, 4, a);
    o->name = db_col_dup(st, 5, a);
    o->short_name = db_col_dup(st, 6, a);
    o->area = db_col_dup(st, 7, a);
    o->founded_on = db_col_is_null(st, 8) ? NULL : db_col_dup(st, 8, a);
}

int demo_store_hist_orgs(struct db_conn *c, struct arena *a, struct demo_hist_org **out,
                         int64_t *n_out, struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_HIST_ORGS, &st, err) < 0)
        return -1;
    return db_read_rows(&st, read_hist_orgs, sizeof(**out), a, out, n_out, err);
}

int demo_store_member_tag_insert(struct db_conn *c, int64_t member_id, const char *tag,
                                 struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_MEMBER_TAG_INSERT, &st, err) < 0)
        return -1;
    db_bind_int(st, 1, member_id);
    db_bind_text(st, 2, tag);
    return db_run(&st, err);
}

int demo_store_household_insert(struct db_conn *c, const struct demo_household_row *r, int64_t now,
                                struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_HOUSEHOLD_INSERT, &st, err) < 0)
        return -1;
    db_bind_int(st, 1, r->id);
    db_bind_int(st, 2, r->tenant_id);
    db_bind_int(st, 3, r->org_id);
    db_bind_text(st, 4, r->grid);
    db_bind_text(st, 5, r->building);
    db_bind_text(st, 6, r->unit);
    db_bind_text(st, 7, r->room);
    db_bind_text(st, 8, r->address);
    db_bind_int(st, 9, now);
    return db_run(&st, err);
}

int demo_store_resident_insert(struct db_conn *c, const struct demo_resident_row *r, int64_t now,
                               struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_RESIDENT_INSERT, &st, err) < 0)
        return -1;
    db_bind_int(st, 1, r->id);
    db_bind_int(st, 2, r->tenant_id);
    db_bind_int(st, 3, r->person_id);
    db_bind_int(st, 4, r->household_id);
    db_bind_text(st, 5, r->relation);
    db_bind_text(st, 6, r->moved_in_on);
    db_bind_int(st, 7, now);
    return db_run(&st, err);
}

int demo_store_setting_demo(struct db_conn *c, int64_t now, struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_SETTING_DEMO, &st, err) < 0)
        return -1;
    db_bind_int(st, 1, now);
    return db_run(&st, err);
}
