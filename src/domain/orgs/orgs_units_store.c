/* orgs_units_store.c: SQL of org_unit_link (migration 0003): the units linked to an org as
 * 大党委成员单位 or 共建单位, with the dates they joined and left. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/orgs/orgs_int.h"

#define UNIT_COLS "id, org_id, unit_name, kind, joined_on, left_on, created_at"

static const struct db_sql SQL_LIST = {
    .name = "orgs.units",
    .sql = "SELECT " UNIT_COLS " FROM org_unit_link WHERE org_id = ? "
           "ORDER BY left_on IS NOT NULL, kind, joined_on, id",
};
static const struct db_sql SQL_GET = {
    .name = "orgs.unit_get",
    .sql = "SELECT " UNIT_COLS " FROM org_unit_link WHERE id = ? AND org_id = ?",
};
static const struct db_sql SQL_ACTIVE_SAME = {
    .name = "orgs.unit_active_same",
    .sql = "SELECT EXISTS (SELECT 1 FROM org_unit_link WHERE org_id = ? AND kind = ? "
           "AND unit_name = ? AND left_on IS NULL)",
};
static const struct db_sql SQL_INSERT = {
    .name = "orgs.unit_insert",
    .sql = "INSERT INTO org_unit_link (org_id, unit_name, kind, joined_on, created_at) "
           "VALUES (?, ?, ?, ?, ?) RETURNING id",
};
static const struct db_sql SQL_DEMO_ORGS = {
    .name = "orgs.unit_demo_orgs",
    .sql = "SELECT id, type, short_name, founded_on FROM org WHERE type IN ('street', "
           "'community_committee', 'general_branch') ORDER BY id",
};
static const struct db_sql SQL_LEAVE = {
    .name = "orgs.unit_leave",
    .sql = "UPDATE org_unit_link SET left_on = ? WHERE id = ?",
};

static void read_unit(struct db_stmt *st, struct arena *a, void *row)
{
    struct org_unit_view *u = row;

    u->id = db_col_int(st, 0);
    u->org_id = db_col_int(st, 1);
    u->unit_name = db_col_dup(st, 2, a);
    u->kind = db_col_dup(st, 3, a);
    u->joined_on = db_col_is_null(st, 4) ? NULL : db_col_dup(st, 4, a);
    u->left_on = db_col_is_null(st, 5) ? NULL : db_col_dup(st, 5, a);
    u->created_at = db_col_int(st, 6);
}

int org_store_units(struct db_conn *c, int64_t org_id, struct arena *a, struct org_unit_view **out,
                    int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_LIST, DB_ARGS(DB_INT(org_id)), read_unit, sizeof(**out), a,
                             out, n_out, err);
}

int org_store_unit_get(struct db_conn *c, int64_t org_id, int64_t id, struct arena *a,
                       struct org_unit_view *out, struct err *err)
{
    return db_read_one_args(c, &SQL_GET, DB_ARGS(DB_INT(id), DB_INT(org_id)), read_unit, a, out, "",
                            "该单位不在本组织的成员单位中", err);
}

int org_store_unit_active(struct db_conn *c, int64_t org_id, const char *kind, const char *name,
                          bool *out, struct err *err)
{
    int64_t same = 0;

    if (db_read_opt_args(c, &SQL_ACTIVE_SAME, DB_ARGS(DB_INT(org_id), DB_TEXT(kind), DB_TEXT(name)),
                         db_read_int, NULL, &same, NULL, err) < 0)
        return -1;
    *out = same != 0;
    return 0;
}

int org_store_unit_insert(struct db_conn *c, int64_t org_id, const struct org_unit_in *in,
                          int64_t now, int64_t *id_out, struct err *err)
{
    return db_run_id_args(c, &SQL_INSERT,
                          DB_ARGS(DB_INT(org_id), DB_TEXT(in->unit_name), DB_TEXT(in->kind),
                                  DB_TEXT(in->joined_on), DB_INT(now)),
                          id_out, err);
}

int org_store_unit_leave(struct db_conn *c, int64_t id, const char *left_on, struct err *err)
{
    return db_run_args(c, &SQL_LEAVE, DB_ARGS(DB_TEXT(left_on), DB_INT(id)), err);
}

static void read_demo_org(struct db_stmt *st, struct arena *a, void *row)
{
    struct org_unit_demo_org *r = row;

    r->id = db_col_int(st, 0);
    r->type = db_col_dup(st, 1, a);
    r->short_name = db_col_is_null(st, 2) ? "" : db_col_dup(st, 2, a);
    r->founded_on = db_col_dup(st, 3, a);
}

int org_store_unit_demo_orgs(struct db_conn *c, struct arena *a, struct org_unit_demo_org **out,
                             int64_t *n_out, struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_DEMO_ORGS, &st, err) < 0)
        return -1;
    return db_read_rows(&st, read_demo_org, sizeof(**out), a, out, n_out, err);
}
