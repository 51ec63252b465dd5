/* demands_store.c: the demands area's SQL, as named statements, and the mapping of rows to
 * structs in the caller's arena: grids, their workers, buildings and households; the category
 * catalog and rule rows; demands, their events and the statistics. Subtrees are path ranges
 * [path, orgpath_upper(path)); a grid worker's view adds "their grids or dispatched to them". */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/seal.h"
#include "db/db.h"
#include "domain/demands/demands_int.h"
#include "domain/orgpath.h"

/* ---- orgs and grids ---- */

static const struct db_sql SQL_ORG = {
    .name = "demands.org",
    .sql = "SELECT type, path, tenant_id FROM org WHERE id = ? AND dissolved_on IS NULL",
};

static void read_org(struct db_stmt *st, struct arena *a, void *row)
{
    *(struct demands_org *)row = (struct demands_org){
        .type = db_col_dup(st, 0, a),
        .path = db_col_dup(st, 1, a),
        .tenant_id = db_col_int(st, 2),
    };
}

int demands_store_org(struct db_conn *c, int64_t org_id, struct arena *a, struct demands_org *out,
                      struct err *err)
{
    return db_read_by_id(c, &SQL_ORG, org_id, read_org, a, out, "/org_id", "党组织不存在", err);
}

static const struct db_sql SQL_HOME = {
    .name = "demands.home",
    .sql = "SELECT h.grid_id, h.building_id, p.name FROM resident r JOIN household h ON h.id = "
           "r.household_id JOIN person p ON p.id = r.person_id WHERE r.person_id = ? AND "
           "h.grid_id IS NOT NULL",
};

static void read_home(struct db_stmt *st, struct arena *a, void *row)
{
    *(struct demands_home *)row = (struct demands_home){
        .grid_id = db_col_int(st, 0),
        .building_id = db_col_int(st, 1),
        .name = db_col_dup(st, 2, a),
    };
}

int demands_store_home(struct db_conn *c, int64_t person_id, struct arena *a,
                       struct demands_home *out, struct err *err)
{
    return db_read_by_id(c, &SQL_HOME, person_id, read_home, a, out, "",
                         "您还没有登记为本社区居民，请联系网格员代为登记诉求", err);
}

static const struct db_sql SQL_HOUSEHOLD_RECENT = {
    .name = "demands.household_recent",
    .sql = "SELECT COUNT(*) FROM demand d WHERE d.created_at >= ? AND d.reporter_person_id IN "
           "(SELECT r2.person_id FROM resident r1 JOIN resident r2 ON r2.household_id = "
           "r1.household_id WHERE r1.person_id = ?)",
};

int demands_store_household_recent(struct db_conn *c, int64_t person_id, int64_t since,
                                   int64_t *n_out, struct err *err)
{
    return db_read_one_args(c, &SQL_HOUSEHOLD_RECENT, DB_ARGS(DB_INT(since), DB_INT(person_id)),
                            db_read_int, NULL, n_out, "", "", err);
}

/* A grid's row with its counts; the filter binds path, upper, worker (twice) and id (twice). */
#define GRID_COLS                                                                                  \
    "SELECT g.id, g.org_id, o.name, g.name, g.note, "                                              \
    "(SELECT COUNT(*) FROM building b WHERE b.grid_id = g.id), "                                   \
    "(SELECT COUNT(*) FROM household h WHERE h.grid_id = g.id), "                                  \
    "(SELECT COUNT(*) FROM resident r JOIN household h ON h.id = r.household_id "                  \
    "WHERE h.grid_id = g.id), "                                                                    \
    "(SELECT COUNT(*) FROM demand d WHERE d.grid_id = g.id AND d.status NOT IN ('resolved', "      \
    "'closed')) FROM grid g JOIN org o ON o.id = g.org_id "                                        \
    "WHERE g.org_path >= ? AND g.org_path < ? AND (? = 0 OR g.id IN (SELECT w.grid_id FROM "       \
    "grid_worker w WHERE w.user_id = ?)) AND (? = 0 OR g.id = ?) "
static const struct db_sql SQL_GRIDS = {
    .name = "demands.grids",
    .sql = GRID_COLS "ORDER BY o.path, g.id",
};
static const struct db_sql SQL_GRID_WORKERS = {
    .name = "demands.grid_workers",
    .sql = "SELECT w.grid_id, w.user_id, u.display_name FROM grid_worker w "
           "JOIN grid g ON g.id = w.grid_id JOIN user_account u ON u.id = w.user_id "
           "WHERE g.org_path >= ? AND g.org_path < ? AND (? = 0 OR g.id = ?) "
           "ORDER BY w.grid_id, u.display_name, u.id",
};

static void read_grid(struct db_stmt *st, struct arena *a, void *row)
{
    *(struct grid_row *)row = (struct grid_row){
        .id = db_col_int(st, 0),
        .org_id = db_col_int(st, 1),
        .org_name = db_col_dup(st, 2, a),
        .name = db_col_dup(st, 3, a),
        .note = db_col_dup(st, 4, a),
        .buildings = db_col_int(st, 5),
        .households = db_col_int(st, 6),
        .residents = db_col_int(st, 7),
        .open_demands = db_col_int(st, 8),
    };
}

static void read_worker(struct db_stmt *st, struct arena *a, void *row)
{
    *(struct grid_worker_ref *)row = (struct grid_worker_ref){
        .grid_id = db_col_int(st, 0),
        .user_id = db_col_int(st, 1),
        .name = db_col_dup(st, 2, a),
    };
}

int demands_store_grids(struct db_conn *c, const struct demands_scope *s, int64_t id,
                        struct arena *a, struct grid_row **out, int64_t *n_out, struct err *err)
{
    char upper[ORG_PATH_MAX];
    struct grid_row *g;
    struct grid_worker_ref *w;
    int64_t n, nw, k = 0;

    orgpath_upper(s->path, upper);
    if (db_read_rows_args(c, &SQL_GRIDS,
                          DB_ARGS(DB_TEXT(s->path), DB_TEXT(upper), DB_INT(s->worker_id),
                                  DB_INT(s->worker_id), DB_INT(id), DB_INT(id)),
                          read_grid, sizeof(*g), a, &g, &n, err) < 0 ||
        db_read_rows_args(c, &SQL_GRID_WORKERS,
                          DB_ARGS(DB_TEXT(s->path), DB_TEXT(upper), DB_INT(id), DB_INT(id)),
                          read_worker, sizeof(*w), a, &w, &nw, err) < 0)
        return -1;
    /* Workers come ordered by grid id; hand each grid its run. */
    for (int64_t i = 0; i < n; i++) {
        int64_t j = 0;
        while (j < nw && w[j].grid_id != g[i].id)
            j++;
        k = j;
        while (k < nw && w[k].grid_id == g[i].id)
            k++;
        g[i].workers = j < nw ? &w[j] : NULL;
        g[i].nworkers = k - j;
    }
    *out = g;
    *n_out = n;
    return 0;
}

static const struct db_sql SQL_GRID_ORG = {
    .name = "demands.grid_org",
    .sql = "SELECT org_id FROM grid WHERE id = ?",
};

int demands_store_grid_org(struct db_conn *c, int64_t grid_id, int64_t *org_id_out, struct err *err)
{
    return db_read_by_id(c, &SQL_GRID_ORG, grid_id, db_read_int, NULL, org_id_out, "/grid_id",
                         "网格不存在", err);
}

static const struct db_sql SQL_GRID_INSERT = {
    .name = "demands.grid_insert",
    .sql = "INSERT INTO grid (tenant_id, org_id, org_path, name, note, created_at) "
           "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
};

int demands_store_grid_insert(struct db_conn *c, int64_t tenant_id, const struct grid_in *in,
                              const char *org_path, int64_t now, int64_t *id_out, struct err *err)
{
    int rc = db_run_id_args(c, &SQL_GRID_INSERT,
                            DB_ARGS(DB_INT(tenant_id), DB_INT(in->org_id), DB_TEXT(org_path),
                                    DB_TEXT(in->name), DB_OPT_TEXT(in->note), DB_INT(now)),
                            id_out, err);
    return db_conflict_on(rc, "/name", "本社区已有同名网格", err);
}

static const struct db_sql SQL_WORKERS_CLEAR = {
    .name = "demands.workers_clear",
    .sql = "DELETE FROM grid_worker WHERE grid_id = ?",
};
static const struct db_sql SQL_WORKER_ADD = {
    .name = "demands.worker_add",
    .sql = "INSERT INTO grid_worker (grid_id, user_id, created_at) VALUES (?, ?, ?)",
};

int demands_store_workers_clear(struct db_conn *c, int64_t grid_id, struct err *err)
{
    return db_run_by_id(c, &SQL_WORKERS_CLEAR, grid_id, err);
}

int demands_store_worker_add(struct db_conn *c, int64_t grid_id, int64_t user_id, int64_t now,
                             struct err *err)
{
    int rc = db_run_args(c, &SQL_WORKER_ADD, DB_ARGS(DB_INT(grid_id), DB_INT(user_id), DB_INT(now)),
                         err);
    return db_conflict_on(rc, "/user_ids", "同一网格员列了两次", err);
}

static const struct db_sql SQL_WORKER_ELIGIBLE = {
    .name = "demands.worker_eligible",
    .sql = "SELECT COUNT(*) FROM user_grant ug JOIN org o ON o.id = ug.org_id "
           "JOIN user_account u ON u.id = ug.user_id WHERE ug.user_id = ? AND "
           "ug.role = 'grid_worker' AND u.status = 'active' "
           "AND substr(?, 1, length(o.path)) = o.path",
};

int demands_store_worker_eligible(struct db_conn *c, int64_t user_id, const char *path,
                                  bool *ok_out, struct err *err)
{
    int64_t n = 0;

    if (db_read_one_args(c, &SQL_WORKER_ELIGIBLE, DB_ARGS(DB_INT(user_id), DB_TEXT(path)),
                         db_read_int, NULL, &n, "", "", err) < 0)
        return -1;
    *ok_out = n > 0;
    return 0;
}

static const struct db_sql SQL_HOUSEHOLD_COUNT = {
    .name = "demands.households_count",
    .sql = "SELECT COUNT(*) FROM household h WHERE h.grid_id = ?",
};
static const struct db_sql SQL_HOUSEHOLD_PAGE = {
    .name = "demands.households_page",
    .sql = "SELECT h.id, h.grid_id, h.building_id, COALESCE(b.name, h.building), h.unit, h.room, "
           "h.address, (SELECT COUNT(*) FROM resident r WHERE r.household_id = h.id), "
           "(SELECT MIN(p.name) FROM resident r JOIN person p ON p.id = r.person_id "
           "WHERE r.household_id = h.id AND r.relation = '户主') "
           "FROM household h LEFT JOIN building b ON b.id = h.building_id WHERE h.grid_id = ? "
           "ORDER BY h.building_id, h.unit, length(h.room), h.room, h.id LIMIT ? OFFSET ?",
};

static void read_household(struct db_stmt *st, struct arena *a, void *row)
{
    *(struct household_row *)row = (struct household_row){
        .id = db_col_int(st, 0),
        .grid_id = db_col_int(st, 1),
        .building_id = db_col_int(st, 2),
        .building = db_col_dup(st, 3, a),
        .unit = db_col_dup(st, 4, a),
        .room = db_col_dup(st, 5, a),
        .address = db_col_dup(st, 6, a),
        .residents = db_col_int(st, 7),
        .head_name = db_col_dup(st, 8, a),
    };
}

static void bind_grid(struct db_stmt *st, int *k, const void *arg)
{
    db_bind_int(st, (*k)++, *(const int64_t *)arg);
}

int demands_store_households(struct db_conn *c, int64_t grid_id, int64_t page, int64_t size,
                             struct arena *a, struct household_row **out, int64_t *n_out,
                             int64_t *total_out, struct err *err)
{
    static const struct db_list L = { &SQL_HOUSEHOLD_COUNT, &SQL_HOUSEHOLD_PAGE, read_household,
                                      sizeof(struct household_row) };

    return db_read_page(c, &L, &(struct db_page){ page, size, bind_grid, &grid_id }, a, out, n_out,
                        total_out, err);
}

static void read_account(struct db_stmt *st, struct arena *a, void *row)
{
    *(struct account_ref *)row = (struct account_ref){
        .user_id = db_col_int(st, 0),
        .name = db_col_dup(st, 1, a),
        .org_name = db_col_dup(st, 2, a),
    };
}

/* Accounts of some roles with a grant at an org on path or above it, or inside its subtree. */
#define ACCOUNTS_SQL(roles)                                                                        \
    "SELECT u.id, u.display_name, MIN(o.name) FROM user_grant ug "                                 \
    "JOIN user_account u ON u.id = ug.user_id JOIN org o ON o.id = ug.org_id "                     \
    "WHERE u.status = 'active' AND ug.role IN " roles " AND (substr(?, 1, length(o.path)) = "      \
    "o.path OR (o.path >= ? AND o.path < ?)) GROUP BY u.id, u.display_name "                       \
    "ORDER BY u.display_name, u.id"
static const struct db_sql SQL_WORKER_ACCOUNTS = {
    .name = "demands.worker_accounts",
    .sql = ACCOUNTS_SQL("('grid_worker')"),
};
static const struct db_sql SQL_HANDLERS = {
    .name = "demands.handlers",
    .sql = ACCOUNTS_SQL("('grid_worker', 'org_admin', 'admin')"),
};

static int accounts(struct db_conn *c, const struct db_sql *sql, const char *path, struct arena *a,
                    struct account_ref **out, int64_t *n_out, struct err *err)
{
    char upper[ORG_PATH_MAX];

    orgpath_upper(path, upper);
    return db_read_rows_args(c, sql, DB_ARGS(DB_TEXT(path), DB_TEXT(path), DB_TEXT(upper)),
                             read_account, sizeof(**out), a, out, n_out, err);
}

int demands_store_worker_accounts(struct db_conn *c, const char *path, struct arena *a,
                                  struct account_ref **out, int64_t *n_out, struct err *err)
{
    return accounts(c, &SQL_WORKER_ACCOUNTS, path, a, out, n_out, err);
}

int demands_store_handlers(struct db_conn *c, const char *path, struct arena *a,
                           struct account_ref **out, int64_t *n_out, struct err *err)
{
    return accounts(c, &SQL_HANDLERS, path, a, out, n_out, err);
}

/* The rule of migration 0023, for households that have no grid yet. */
#define GRID_NAME_OF(h) "COALESCE(NULLIF(TRIM(" h ".grid), ''), '未划分网格')"
static const struct db_sql SQL_ATTACH_GRIDS = {
    .name = "demands.attach_grids",
    .sql = "INSERT INTO grid (tenant_id, org_id, org_path, name, created_at) "
           "SELECT MIN(h.tenant_id), h.org_id, o.path, " GRID_NAME_OF(
               "h") ", ? "
                    "FROM household h JOIN org o ON o.id = h.org_id WHERE h.grid_id IS NULL "
                    "AND NOT EXISTS (SELECT 1 FROM grid g WHERE g.org_id = h.org_id AND g.name "
                    "= " GRID_NAME_OF("h") ") GROUP BY h.org_id, o.path, " GRID_NAME_OF("h"),
};
static const struct db_sql SQL_ATTACH_HOUSEHOLDS = {
    .name = "demands.attach_households",
    .sql = "UPDATE household SET grid_id = (SELECT g.id FROM grid g WHERE g.org_id = "
           "household.org_id AND g.name = " GRID_NAME_OF("household") ") WHERE grid_id IS NULL",
};
static const struct db_sql SQL_ATTACH_BUILDINGS = {
    .name = "demands.attach_buildings",
    .sql = "INSERT INTO building (tenant_id, grid_id, name, created_at) "
           "SELECT MIN(h.tenant_id), h.grid_id, TRIM(h.building), ? FROM household h "
           "WHERE h.building_id IS NULL AND NULLIF(TRIM(h.building), '') IS NOT NULL "
           "AND NOT EXISTS (SELECT 1 FROM building b WHERE b.grid_id = h.grid_id AND b.name = "
           "TRIM(h.building)) GROUP BY h.grid_id, TRIM(h.building)",
};
static const struct db_sql SQL_ATTACH_HOUSEHOLD_BUILDINGS = {
    .name = "demands.attach_household_buildings",
    .sql = "UPDATE household SET building_id = (SELECT b.id FROM building b WHERE b.grid_id = "
           "household.grid_id AND b.name = TRIM(household.building)) WHERE building_id IS NULL "
           "AND NULLIF(TRIM(building), '') IS NOT NULL",
};

int demands_store_attach(struct db_conn *c, int64_t now, struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_run_args(c, &SQL_ATTACH_GRIDS, DB_ARGS(DB_INT(now)), err) < 0 ||
        db_prepare(c, &SQL_ATTACH_HOUSEHOLDS, &st, err) < 0 || db_run(&st, err) < 0 ||
        db_run_args(c, &SQL_ATTACH_BUILDINGS, DB_ARGS(DB_INT(now)), err) < 0 ||
        db_prepare(c, &SQL_ATTACH_HOUSEHOLD_BUILDINGS, &st, err) < 0 || db_run(&st, err) < 0) {
        db_stmt_free(&st);
        return -1;
    }
    return 0;
}

static const struct db_sql SQL_BUILDING_IN_GRID = {
    .name = "demands.building_in_grid",
    .sql = "SELECT COUNT(*) FROM building WHERE id = ? AND grid_id = ?",
};

int demands_store_building_in_grid(struct db_conn *c, int64_t building_id, int64_t grid_id,
                                   bool *ok_out, struct err *err)
{
    int64_t n = 0;

    if (db_read_one_args(c, &SQL_BUILDING_IN_GRID, DB_ARGS(DB_INT(building_id), DB_INT(grid_id)),
                         db_read_int, NULL, &n, "", "", err) < 0)
        return -1;
    *ok_out = n > 0;
    return 0;
}

/* ---- categories and rules ---- */

static const struct db_sql SQL_CATEGORIES = {
    .name = "demands.categories",
    .sql = "SELECT code, name, default_handler, sort, enabled FROM demand_category "
           "ORDER BY sort, code",
};

static void read_category(struct db_stmt *st, struct arena *a, void *row)
{
    *(struct demand_category *)row = (struct demand_category){
        .code = db_col_dup(st, 0, a),
        .name = db_col_dup(st, 1, a),
        .default_handler = db_col_dup(st, 2, a),
        .sort = db_col_int(st, 3),
        .enabled = db_col_int(st, 4) != 0,
    };
}

int demands_store_categories(struct db_conn *c, struct arena *a, struct demand_category **out,
                             int64_t *n_out, struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_CATEGORIES, &st, err) < 0)
        return -1;
    return db_read_rows(&st, read_category, sizeof(**out), a, out, n_out, err);
}

static const struct db_sql SQL_RULES = {
    .name = "demands.rules",
    .sql = "SELECT rule_id, category, hours, valid_from, confidence, source FROM demand_rule "
           "WHERE enabled = 1 AND valid_from <= ? ORDER BY rule_id, category, valid_from, id",
};

static void read_rule(struct db_stmt *st, struct arena *a, void *row)
{
    *(struct demand_rule_row *)row = (struct demand_rule_row){
        .rule_id = db_col_dup(st, 0, a),
        .category = db_col_dup(st, 1, a),
        .hours = db_col_int(st, 2),
        .valid_from = db_col_dup(st, 3, a),
        .confidence = db_col_dup(st, 4, a),
        .source = db_col_dup(st, 5, a),
    };
}

int demands_store_rules(struct db_conn *c, const char *day, struct arena *a,
                        struct demand_rule_row **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_RULES, DB_ARGS(DB_TEXT(day)), read_rule, sizeof(**out), a, out,
                             n_out, err);
}

static const struct db_sql SQL_CATEGORY_UPDATE = {
    .name = "demands.category_update",
    .sql = "UPDATE demand_category SET name = ?, default_handler = ?, sort = ?, enabled = ?, "
           "updated_by = ?, updated_at = ? WHERE code = ?",
};

int demands_store_category_update(struct db_conn *c, const char *code,
                                  const struct demand_category *v, int64_t by, int64_t now,
                                  struct err *err)
{
    int rc =
        db_run_args(c, &SQL_CATEGORY_UPDATE,
                    DB_ARGS(DB_TEXT(v->name), DB_TEXT(v->default_handler), DB_INT(v->sort),
                            DB_INT(v->enabled ? 1 : 0), DB_OPT_ID(by), DB_INT(now), DB_TEXT(code)),
                    err);
    return db_conflict_on(rc, "/name", "已有同名的诉求类别", err);
}

static const struct db_sql SQL_RULE_INSERT = {
    .name = "demands.rule_insert",
    .sql = "INSERT INTO demand_rule (rule_id, category, hours, valid_from, confidence, source, "
           "set_by, created_at) VALUES ('DEM-SLA', ?, ?, ?, 'local', '管理员调整的办结时限', ?, ?)",
};

int demands_store_rule_insert(struct db_conn *c, const char *category, int64_t hours,
                              const char *valid_from, int64_t by, int64_t now, struct err *err)
{
    int rc = db_run_args(
        c, &SQL_RULE_INSERT,
        DB_ARGS(DB_TEXT(category), DB_INT(hours), DB_TEXT(valid_from), DB_OPT_ID(by), DB_INT(now)),
        err);
    return db_conflict_on(rc, "/valid_from", "该类别在这一天已有一条办结时限，请换一个生效日期",
                          err);
}

/* ---- demands ---- */

static const struct db_sql SQL_INSERT = {
    .name = "demands.insert",
    .sql = "INSERT INTO demand (tenant_id, org_id, org_path, grid_id, building_id, address, "
           "category, description, status, channel, reporter_name, reporter_phone, consent, "
           "consent_note, no_publish, intake_by, respond_due, due_at, created_at, updated_at, "
           "reporter_person_id) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'submitted', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
           "RETURNING id",
};

int demands_store_insert(struct db_conn *c, const struct demand_new *d, int64_t *id_out,
                         struct err *err)
{
    struct arena a;
    arena_init(&a, 0);
    /* The reporter's phone is sealed at rest (core/seal.h). */
    int rc = db_run_id_args(
        c, &SQL_INSERT,
        DB_ARGS(DB_INT(d->tenant_id), DB_INT(d->org_id), DB_TEXT(d->org_path),
                DB_OPT_ID(d->grid_id), DB_OPT_ID(d->building_id), DB_OPT_TEXT(d->address),
                DB_TEXT(d->category), DB_TEXT(d->description), DB_TEXT(d->channel),
                DB_OPT_TEXT(d->reporter_name), DB_OPT_TEXT(seal_text(d->reporter_phone, &a)),
                DB_INT(d->consent ? 1 : 0), DB_OPT_TEXT(d->consent_note),
                DB_INT(d->no_publish ? 1 : 0), DB_OPT_ID(d->intake_by), DB_INT(d->respond_due),
                DB_INT(d->due_at), DB_INT(d->now), DB_INT(d->now),
                DB_OPT_ID(d->reporter_person_id)),
        id_out, err);
    arena_release(&a);
    return rc;
}

static const struct db_sql SQL_SET_NUMBER = {
    .name = "demands.set_number",
    .sql = "UPDATE demand SET number = ? WHERE id = ?",
};

int demands_store_set_number(struct db_conn *c, int64_t id, const char *number, struct err *err)
{
    return db_run_args(c, &SQL_SET_NUMBER, DB_ARGS(DB_TEXT(number), DB_INT(id)), err);
}

static const struct db_sql SQL_EVENT = {
    .name = "demands.event",
    .sql = "INSERT INTO demand_event (demand_id, action, from_status, to_status, actor_user_id, "
           "handler_user_id, note, deadline, rule_id, rule_hours, at) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
};

int demands_store_event(struct db_conn *c, const struct demand_event_in *e, struct err *err)
{
    return db_run_args(c, &SQL_EVENT,
                       DB_ARGS(DB_INT(e->demand_id), DB_TEXT(e->action), DB_TEXT(e->from_status),
                               DB_TEXT(e->to_status), DB_OPT_ID(e->actor_user_id),
                               DB_OPT_ID(e->handler_user_id), DB_OPT_TEXT(e->note),
                               DB_OPT_ID(e->deadline), DB_TEXT(e->rule_id),
                               DB_OPT_ID(e->rule_hours), DB_INT(e->at)),
                       err);
}

static const struct db_sql SQL_UPDATE = {
    .name = "demands.update",
    .sql = "UPDATE demand SET status = ?, handler_user_id = ?, hop_due = ?, due_at = ?, "
           "first_response_at = ?, resolved_at = ?, closed_at = ?, reopen_count = ?, "
           "supervise_level = ?, satisfaction = ?, satisfaction_reason = ?, paused_at = ?, "
           "updated_at = ? WHERE id = ?",
};

int demands_store_update(struct db_conn *c, int64_t id, const struct demand_state *s,
                         struct err *err)
{
    return db_run_args(
        c, &SQL_UPDATE,
        DB_ARGS(DB_TEXT(s->status), DB_OPT_ID(s->handler_user_id), DB_OPT_ID(s->hop_due),
                DB_INT(s->due_at), DB_OPT_ID(s->first_response_at), DB_OPT_ID(s->resolved_at),
                DB_OPT_ID(s->closed_at), DB_INT(s->reopen_count), DB_INT(s->supervise_level),
                DB_TEXT(s->satisfaction), DB_TEXT(s->satisfaction_reason), DB_OPT_ID(s->paused_at),
                DB_INT(s->updated_at), DB_INT(id)),
        err);
}

#define DEMAND_COLS                                                                                \
    "SELECT d.id, d.org_id, d.grid_id, d.building_id, d.intake_by, d.handler_user_id, d.number, "  \
    "o.name, g.name, b.name, d.address, d.category, c.name, d.description, d.status, d.channel, "  \
    "d.reporter_name, d.reporter_phone, d.consent_note, iu.display_name, hu.display_name, "        \
    "d.satisfaction, d.satisfaction_reason, d.consent, d.no_publish, d.respond_due, d.hop_due, "   \
    "d.due_at, d.first_response_at, d.resolved_at, d.closed_at, d.reopen_count, "                  \
    "d.supervise_level, d.created_at, d.updated_at, d.org_path, d.paused_at FROM demand d "        \
    "JOIN org o ON o.id "                                                                          \
    "= d.org_id "                                                                                  \
    "JOIN demand_category c ON c.code = d.category LEFT JOIN grid g ON g.id = d.grid_id "          \
    "LEFT JOIN building b ON b.id = d.building_id "                                                \
    "LEFT JOIN user_account iu ON iu.id = d.intake_by "                                            \
    "LEFT JOIN user_account hu ON hu.id = d.handler_user_id "
/* Whether account ? was asked to help (协办) with d. */
#define ASSISTED_BY                                                                                \
    "EXISTS (SELECT 1 FROM demand_assist x WHERE x.demand_id = d.id AND x.user_id = ?)"
/* The scope: path, upper, worker (four times), person (twice): demands_scope_args. A grid
 * worker sees their grids' demands, those dispatched to them and those they help with. */
#define DEMAND_SCOPE                                                                               \
    "d.org_path >= ? AND d.org_path < ? AND (? = 0 OR d.grid_id IN (SELECT w.grid_id FROM "        \
    "grid_worker w WHERE w.user_id = ?) OR d.handler_user_id = ? OR " ASSISTED_BY ") AND (? = 0 "  \
    "OR d.reporter_person_id = ?) "
#define DEMAND_SCOPE_ARGS(s, upper)                                                                \
    DB_TEXT((s)->path), DB_TEXT(upper), DB_INT((s)->worker_id), DB_INT((s)->worker_id),            \
        DB_INT((s)->worker_id), DB_INT((s)->worker_id), DB_INT((s)->person_id),                    \
        DB_INT((s)->person_id)

static void read_demand(struct db_stmt *st, struct arena *a, void *row)
{
    struct demand_row *d = row;
    int k = 0;

    d->id = db_col_int(st, k++);
    d->org_id = db_col_int(st, k++);
    d->grid_id = db_col_int(st, k++);
    d->building_id = db_col_int(st, k++);
    d->intake_by = db_col_int(st, k++);
    d->handler_user_id = db_col_int(st, k++);
    d->number = db_col_dup(st, k++, a);
    d->org_name = db_col_dup(st, k++, a);
    d->grid_name = db_col_dup(st, k++, a);
    d->building_name = db_col_dup(st, k++, a);
    d->address = db_col_dup(st, k++, a);
    d->category = db_col_dup(st, k++, a);
    d->category_name = db_col_dup(st, k++, a);
    d->description = db_col_dup(st, k++, a);
    d->status = db_col_dup(st, k++, a);
    d->channel = db_col_dup(st, k++, a);
    d->reporter_name = db_col_dup(st, k++, a);
    d->reporter_phone = db_col_unseal(st, k++, a);
    d->consent_note = db_col_dup(st, k++, a);
    d->intake_name = db_col_dup(st, k++, a);
    d->handler_name = db_col_dup(st, k++, a);
    d->satisfaction = db_col_dup(st, k++, a);
    d->satisfaction_reason = db_col_dup(st, k++, a);
    d->consent = db_col_int(st, k++) != 0;
    d->no_publish = db_col_int(st, k++) != 0;
    d->respond_due = db_col_int(st, k++);
    d->hop_due = db_col_int(st, k++);
    d->due_at = db_col_int(st, k++);
    d->first_response_at = db_col_int(st, k++);
    d->resolved_at = db_col_int(st, k++);
    d->closed_at = db_col_int(st, k++);
    d->reopen_count = db_col_int(st, k++);
    d->supervise_level = db_col_int(st, k++);
    d->created_at = db_col_int(st, k++);
    d->updated_at = db_col_int(st, k++);
    d->org_path = db_col_dup(st, k++, a);
    d->paused_at = db_col_int(st, k++);
}

static const struct db_sql SQL_GET = {
    .name = "demands.get",
    .sql = DEMAND_COLS "WHERE d.id = ? AND " DEMAND_SCOPE,
};

int demands_store_get(struct db_conn *c, const struct demands_scope *s, int64_t id, struct arena *a,
                      struct demand_row *out, struct err *err)
{
    char upper[ORG_PATH_MAX];

    orgpath_upper(s->path, upper);
    return db_read_one_args(c, &SQL_GET, DB_ARGS(DB_INT(id), DEMAND_SCOPE_ARGS(s, upper)),
                            read_demand, a, out, "/id", "诉求不存在", err);
}

static const struct db_sql SQL_REPORTER_ACCOUNTS = {
    .name = "demands.reporter_accounts",
    .sql = "SELECT u.id FROM demand d JOIN user_account u ON u.person_id = d.reporter_person_id "
           "WHERE d.id = ? AND u.status = 'active' ORDER BY u.id LIMIT 4",
};

int demands_store_reporter_accounts(struct db_conn *c, int64_t id, struct arena *a, int64_t **out,
                                    int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_REPORTER_ACCOUNTS, DB_ARGS(DB_INT(id)), db_read_int,
                             sizeof(int64_t), a, out, n_out, err);
}

static const struct db_sql SQL_INTAKE_RECENT = {
    .name = "demands.intake_recent",
    .sql = "SELECT COUNT(*) FROM demand WHERE created_at >= ? AND (intake_by = ? OR address = ?)",
};

int demands_store_intake_recent(struct db_conn *c, int64_t user_id, const char *address,
                                int64_t since, int64_t *n_out, struct err *err)
{
    return db_read_one_args(c, &SQL_INTAKE_RECENT,
                            DB_ARGS(DB_INT(since), DB_INT(user_id), DB_TEXT(address)), db_read_int,
                            NULL, n_out, "", "", err);
}

static const struct db_sql SQL_WORKER_HANDLES = {
    .name = "demands.worker_handles",
    .sql = "SELECT COUNT(*) FROM demand d WHERE d.id = ? AND (d.handler_user_id = ? OR d.grid_id "
           "IN (SELECT w.grid_id FROM grid_worker w WHERE w.user_id = ?))",
};

int demands_store_worker_handles(struct db_conn *c, int64_t id, int64_t worker_id, bool *out,
                                 struct err *err)
{
    int64_t n = 0;

    if (db_read_one_args(c, &SQL_WORKER_HANDLES,
                         DB_ARGS(DB_INT(id), DB_INT(worker_id), DB_INT(worker_id)), db_read_int,
                         NULL, &n, "", "", err) < 0)
        return -1;
    *out = n > 0;
    return 0;
}

static const struct db_sql SQL_ORG_OF = {
    .name = "demands.org_of",
    .sql = "SELECT org_id FROM demand WHERE id = ?",
};

int demands_store_org_of(struct db_conn *c, int64_t id, int64_t *org_id_out, struct err *err)
{
    return db_read_by_id(c, &SQL_ORG_OF, id, db_read_int, NULL, org_id_out, "/id", "诉求不存在",
                         err);
}

static const struct db_sql SQL_EVENTS = {
    .name = "demands.events",
    .sql = "SELECT e.id, e.actor_user_id, e.handler_user_id, e.deadline, e.rule_hours, e.at, "
           "e.action, e.from_status, e.to_status, au.display_name, hu.display_name, e.note, "
           "e.rule_id FROM demand_event e LEFT JOIN user_account au ON au.id = e.actor_user_id "
           "LEFT JOIN user_account hu ON hu.id = e.handler_user_id WHERE e.demand_id = ? "
           "ORDER BY e.id",
};

static void read_event(struct db_stmt *st, struct arena *a, void *row)
{
    *(struct demand_event *)row = (struct demand_event){
        .id = db_col_int(st, 0),
        .actor_user_id = db_col_int(st, 1),
        .handler_user_id = db_col_int(st, 2),
        .deadline = db_col_int(st, 3),
        .rule_hours = db_col_int(st, 4),
        .at = db_col_int(st, 5),
        .action = db_col_dup(st, 6, a),
        .from_status = db_col_dup(st, 7, a),
        .to_status = db_col_dup(st, 8, a),
        .actor_name = db_col_dup(st, 9, a),
        .handler_name = db_col_dup(st, 10, a),
        .note = db_col_dup(st, 11, a),
        .rule_id = db_col_dup(st, 12, a),
    };
}

int demands_store_events(struct db_conn *c, int64_t id, struct arena *a, struct demand_event **out,
                         int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_EVENTS, DB_ARGS(DB_INT(id)), read_event, sizeof(**out), a, out,
                             n_out, err);
}

#define OPEN_STATES "('submitted', 'accepted', 'dispatched', 'reopened', 'supervised')"
/* Overdue at ? (bound three times): open and past a deadline. */
#define OVERDUE_AT                                                                                 \
    "(d.status IN " OPEN_STATES " AND d.paused_at IS NULL AND (d.due_at < ? OR d.hop_due < ? OR "  \
    "(d.first_response_at IS NULL AND d.respond_due < ?)))"
#define DEMAND_FILTER                                                                              \
    "WHERE " DEMAND_SCOPE                                                                          \
    "AND (? = 0 OR d.grid_id = ?) AND (? = 0 OR d.handler_user_id = ? OR " ASSISTED_BY ") "        \
    "AND (? IS NULL OR d.status = ?) AND (? IS NULL OR d.category = ?) "                           \
    "AND d.created_at >= ? AND d.created_at < ? AND (? = 0 OR " OVERDUE_AT ") "
static const struct db_sql SQL_ASSIST_INSERT = {
    .name = "demands.assist_insert",
    .sql = "INSERT INTO demand_assist (demand_id, user_id, note, due_at, asked_by, asked_at) "
           "VALUES (?, ?, ?, ?, ?, ?)",
};

int demands_store_assist_insert(struct db_conn *c, const struct demand_assist *x, struct err *err)
{
    return db_run_args(c, &SQL_ASSIST_INSERT,
                       DB_ARGS(DB_INT(x->demand_id), DB_INT(x->user_id), DB_TEXT(x->note),
                               DB_INT(x->due_at), DB_OPT_ID(x->asked_by), DB_INT(x->asked_at)),
                       err);
}

static const struct db_sql SQL_ASSIST_REPLY = {
    .name = "demands.assist_reply",
    .sql = "UPDATE demand_assist SET reply = ?, done_at = ? WHERE demand_id = ? AND user_id = ? "
           "AND done_at IS NULL",
};

int demands_store_assist_reply(struct db_conn *c, int64_t demand_id, int64_t user_id,
                               const char *reply, int64_t now, bool *found_out, struct err *err)
{
    if (db_run_args(c, &SQL_ASSIST_REPLY,
                    DB_ARGS(DB_TEXT(reply), DB_INT(now), DB_INT(demand_id), DB_INT(user_id)),
                    err) < 0)
        return -1;
    *found_out = db_changes(c) > 0;
    return 0;
}

static const struct db_sql SQL_ASSISTS = {
    .name = "demands.assists",
    .sql = "SELECT x.id, x.demand_id, x.user_id, x.due_at, x.asked_by, x.asked_at, x.done_at, "
           "x.note, x.reply, u.display_name, a.display_name FROM demand_assist x "
           "JOIN user_account u ON u.id = x.user_id LEFT JOIN user_account a ON a.id = x.asked_by "
           "WHERE x.demand_id = ? ORDER BY x.id",
};

static void read_assist(struct db_stmt *st, struct arena *a, void *row)
{
    *(struct demand_assist *)row = (struct demand_assist){
        .id = db_col_int(st, 0),
        .demand_id = db_col_int(st, 1),
        .user_id = db_col_int(st, 2),
        .due_at = db_col_int(st, 3),
        .asked_by = db_col_int(st, 4),
        .asked_at = db_col_int(st, 5),
        .done_at = db_col_int(st, 6),
        .note = db_col_dup(st, 7, a),
        .reply = db_col_dup(st, 8, a),
        .name = db_col_dup(st, 9, a),
        .asked_by_name = db_col_dup(st, 10, a),
    };
}

int demands_store_assists(struct db_conn *c, int64_t demand_id, struct arena *a,
                          struct demand_assist **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_ASSISTS, DB_ARGS(DB_INT(demand_id)), read_assist,
                             sizeof(struct demand_assist), a, out, n_out, err);
}

/* Late for the next 督办: overdue and never supervised, or under 督办 and past its hop (the
 * whole deadline stays past, so it must not count again); and not supervised by the top org
 * yet (levels above a community: the slashes of its path less 2), so those at the top never
 * crowd out newer ones. */
static const struct db_sql SQL_OVERDUE = {
    .name = "demands.overdue",
    .sql = "SELECT d.id, d.supervise_level, d.org_path FROM demand d WHERE " OVERDUE_AT
           "AND (d.supervise_level = 0 OR d.hop_due < ?) AND d.supervise_level < "
           "length(d.org_path) - length(replace(d.org_path, '/', '')) - 2 ORDER BY d.id LIMIT 200",
};

static void read_overdue(struct db_stmt *st, struct arena *a, void *row)
{
    *(struct demand_overdue *)row = (struct demand_overdue){
        .id = db_col_int(st, 0),
        .supervise_level = db_col_int(st, 1),
        .org_path = db_col_dup(st, 2, a),
    };
}

int demands_store_overdue(struct db_conn *c, int64_t now, struct arena *a,
                          struct demand_overdue **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_OVERDUE,
                             DB_ARGS(DB_INT(now), DB_INT(now), DB_INT(now), DB_INT(now)),
                             read_overdue, sizeof(struct demand_overdue), a, out, n_out, err);
}

static const struct db_sql SQL_COUNT = {
    .name = "demands.count",
    .sql = "SELECT COUNT(*) FROM demand d " DEMAND_FILTER,
};
static const struct db_sql SQL_PAGE = {
    .name = "demands.page",
    .sql = DEMAND_COLS DEMAND_FILTER "ORDER BY d.created_at DESC, d.id DESC LIMIT ? OFFSET ?",
};

struct page_arg {
    const struct demands_scope *s;
    const struct demand_filter *f;
    const char *upper;
    int64_t from_at, to_at, now;
};

static void bind_filter(struct db_stmt *st, int *k, const void *arg)
{
    const struct page_arg *p = arg;

    db_bind_args(st, k,
                 DB_ARGS(DEMAND_SCOPE_ARGS(p->s, p->upper), DB_INT(p->f->grid_id),
                         DB_INT(p->f->grid_id), DB_INT(p->f->handler_user_id),
                         DB_INT(p->f->handler_user_id), DB_INT(p->f->handler_user_id),
                         DB_TEXT(p->f->status), DB_TEXT(p->f->status), DB_TEXT(p->f->category),
                         DB_TEXT(p->f->category), DB_INT(p->from_at), DB_INT(p->to_at),
                         DB_INT(p->f->overdue ? 1 : 0), DB_INT(p->now), DB_INT(p->now),
                         DB_INT(p->now)));
}

int demands_store_page(struct db_conn *c, const struct demands_scope *s,
                       const struct demand_filter *f, int64_t from_at, int64_t to_at, int64_t now,
                       struct arena *a, struct demand_row **out, int64_t *n_out, int64_t *total_out,
                       struct err *err)
{
    static const struct db_list L = { &SQL_COUNT, &SQL_PAGE, read_demand,
                                      sizeof(struct demand_row) };
    char upper[ORG_PATH_MAX];
    struct page_arg p = { s, f, upper, from_at, to_at, now };

    orgpath_upper(s->path, upper);
    return db_read_page(c, &L, &(struct db_page){ f->page, f->size, bind_filter, &p }, a, out,
                        n_out, total_out, err);
}

/* ---- statistics ---- */

#define STAT_SUMS                                                                                  \
    "COUNT(d.id), "                                                                                \
    "CAST(COALESCE(SUM(CASE WHEN d.first_response_at <= d.respond_due THEN 1 ELSE 0 END), 0) "     \
    "AS BIGINT), "                                                                                 \
    "CAST(COALESCE(SUM(CASE WHEN d.status IN ('resolved', 'closed') THEN 1 ELSE 0 END), 0) AS "    \
    "BIGINT), "                                                                                    \
    "CAST(COALESCE(SUM(CASE WHEN d.satisfaction IS NOT NULL THEN 1 ELSE 0 END), 0) AS BIGINT), "   \
    "CAST(COALESCE(SUM(CASE WHEN d.satisfaction IN ('satisfied', 'basically') THEN 1 ELSE 0 "      \
    "END), 0) AS BIGINT), "                                                                        \
    "CAST(COALESCE(SUM(CASE WHEN " OVERDUE_AT " THEN 1 ELSE 0 END), 0) AS BIGINT), "               \
    "CAST(COALESCE(SUM(CASE WHEN d.status = 'closed' THEN 1 ELSE 0 END), 0) AS BIGINT), "          \
    "CAST(COALESCE(SUM(CASE WHEN d.status = 'closed' THEN d.closed_at - d.created_at ELSE 0 "      \
    "END), 0) AS BIGINT) "
#define STAT_WHERE "AND d.created_at >= ? AND d.created_at < ? "
static const struct db_sql SQL_STAT_TOTAL = {
    .name = "demands.stat_total",
    .sql = "SELECT 0, '', " STAT_SUMS "FROM demand d WHERE " DEMAND_SCOPE STAT_WHERE,
};
static const struct db_sql SQL_STAT_GRIDS = {
    .name = "demands.stat_grids",
    .sql = "SELECT g.id, o.name || ' ' || g.name, " STAT_SUMS
           "FROM demand d JOIN grid g ON g.id = d.grid_id JOIN org o ON o.id = g.org_id "
           "WHERE " DEMAND_SCOPE STAT_WHERE "GROUP BY g.id, o.name, g.name, o.path "
           "ORDER BY o.path, g.id",
};
static const struct db_sql SQL_STAT_ORGS = {
    .name = "demands.stat_orgs",
    .sql = "SELECT o.id, o.name, " STAT_SUMS
           "FROM org o JOIN demand d ON d.org_path LIKE o.path || '%' WHERE o.parent_id = ? "
           "AND " DEMAND_SCOPE STAT_WHERE "GROUP BY o.id, o.name, o.path ORDER BY o.path",
};

static const struct db_sql SQL_STAT_CATEGORIES = {
    .name = "demands.stat_categories",
    .sql =
        "SELECT c.sort, c.name, " STAT_SUMS
        "FROM demand d JOIN demand_category c ON c.code = d.category "
        "WHERE " DEMAND_SCOPE STAT_WHERE "GROUP BY c.code, c.sort, c.name ORDER BY c.sort, c.code",
};

/* Per month of intake in Beijing time: id 202612, name "2026-12". */
static const struct db_sql SQL_STAT_MONTHS = {
    .name = "demands.stat_months",
    .sql = "SELECT CAST(strftime('%Y%m', d.created_at + 28800, 'unixepoch') AS INTEGER), "
           "strftime('%Y-%m', d.created_at + 28800, 'unixepoch'), " STAT_SUMS
           "FROM demand d WHERE " DEMAND_SCOPE STAT_WHERE "GROUP BY 1, 2 ORDER BY 1",
    .pg = "SELECT CAST(to_char(to_timestamp(d.created_at + 28800) AT TIME ZONE 'UTC', 'YYYYMM') "
          "AS BIGINT), to_char(to_timestamp(d.created_at + 28800) AT TIME ZONE 'UTC', "
          "'YYYY-MM'), " STAT_SUMS "FROM demand d WHERE " DEMAND_SCOPE STAT_WHERE
          "GROUP BY 1, 2 ORDER BY 1",
};

static void read_stat(struct db_stmt *st, struct arena *a, void *row)
{
    *(struct demand_stat *)row = (struct demand_stat){
        .id = db_col_int(st, 0),
        .name = db_col_dup(st, 1, a),
        .total = db_col_int(st, 2),
        .responded_in_time = db_col_int(st, 3),
        .resolved = db_col_int(st, 4),
        .visited = db_col_int(st, 5),
        .satisfied = db_col_int(st, 6),
        .overdue = db_col_int(st, 7),
        .closed = db_col_int(st, 8),
        .close_seconds = db_col_int(st, 9),
    };
}

int demands_store_stats(struct db_conn *c, const struct demands_scope *s, int mode, int64_t root_id,
                        int64_t from_at, int64_t to_at, int64_t now, struct arena *a,
                        struct demand_stat **out, int64_t *n_out, struct err *err)
{
    static const struct db_sql *const SQLS[] = { &SQL_STAT_TOTAL, &SQL_STAT_GRIDS, &SQL_STAT_ORGS,
                                                 &SQL_STAT_CATEGORIES, &SQL_STAT_MONTHS };
    char upper[ORG_PATH_MAX];
    struct db_stmt *st = NULL;
    int k = 1;

    orgpath_upper(s->path, upper);
    if (db_prepare(c, SQLS[mode], &st, err) < 0)
        return -1;
    db_bind_args(st, &k, DB_ARGS(DB_INT(now), DB_INT(now), DB_INT(now)));
    if (mode == 2)
        db_bind_int(st, k++, root_id);
    db_bind_args(st, &k, DB_ARGS(DEMAND_SCOPE_ARGS(s, upper), DB_INT(from_at), DB_INT(to_at)));
    return db_read_rows(&st, read_stat, sizeof(**out), a, out, n_out, err);
}

/* ---- the demo ---- */

static const struct db_sql SQL_DEMO_MARK = {
    .name = "demands.demo_mark",
    .sql = "UPDATE demand SET is_synthetic = 1 WHERE is_synthetic = 0",
};

int demands_store_demo_mark(struct db_conn *c, struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_DEMO_MARK, &st, err) < 0)
        return -1;
    return db_run(&st, err);
}

#define WORKER_GRIDS "(SELECT w.grid_id FROM grid_worker w WHERE w.user_id = ?)"
static const struct db_sql SQL_DEMO_WORKER = {
    .name = "demands.demo_worker",
    .sql = "INSERT INTO grid_worker (grid_id, user_id, created_at) SELECT g.id, ?, ? FROM grid g "
           "WHERE g.org_id = ? AND g.id IN (SELECT g2.id FROM grid g2 WHERE g2.org_id = ? "
           "ORDER BY g2.id LIMIT 2)",
};
static const struct db_sql SQL_DEMO_HANDLER = {
    .name = "demands.demo_handler",
    .sql = "UPDATE demand SET handler_user_id = ? WHERE grid_id IN " WORKER_GRIDS
           " AND EXISTS (SELECT 1 FROM demand_event e WHERE e.demand_id = demand.id "
           "AND e.action = 'dispatch')",
};
static const struct db_sql SQL_DEMO_WORKER_INTAKE = {
    .name = "demands.demo_worker_intake",
    .sql = "UPDATE demand SET intake_by = ? WHERE grid_id IN " WORKER_GRIDS,
};
static const struct db_sql SQL_DEMO_HOPS = {
    .name = "demands.demo_hops",
    .sql = "UPDATE demand_event SET handler_user_id = ? WHERE action IN ('dispatch', 'transfer') "
           "AND demand_id IN (SELECT d.id FROM demand d WHERE d.grid_id IN " WORKER_GRIDS ")",
};
static const struct db_sql SQL_DEMO_CLOSERS = {
    .name = "demands.demo_closers",
    .sql = "UPDATE demand_event SET actor_user_id = ? WHERE action IN ('intake', 'close') "
           "AND demand_id IN (SELECT d.id FROM demand d WHERE d.grid_id IN " WORKER_GRIDS ")",
};
static const struct db_sql SQL_DEMO_CADRE = {
    .name = "demands.demo_cadre",
    .sql = "UPDATE demand_event SET actor_user_id = ? WHERE actor_user_id IS NULL AND demand_id "
           "IN (SELECT d.id FROM demand d WHERE d.org_id = ?)",
};
static const struct db_sql SQL_DEMO_INTAKE = {
    .name = "demands.demo_intake",
    .sql = "UPDATE demand SET intake_by = ? WHERE intake_by IS NULL AND org_id = ?",
};

int demands_store_demo_logins(struct db_conn *c, int64_t community_org_id, int64_t worker_id,
                              int64_t cadre_id, struct err *err)
{
    return db_run_args(c, &SQL_DEMO_WORKER,
                       DB_ARGS(DB_INT(worker_id), DB_INT(0), DB_INT(community_org_id),
                               DB_INT(community_org_id)),
                       err) < 0 ||
                   db_run_args(c, &SQL_DEMO_HANDLER, DB_ARGS(DB_INT(worker_id), DB_INT(worker_id)),
                               err) < 0 ||
                   db_run_args(c, &SQL_DEMO_WORKER_INTAKE,
                               DB_ARGS(DB_INT(worker_id), DB_INT(worker_id)), err) < 0 ||
                   db_run_args(c, &SQL_DEMO_HOPS, DB_ARGS(DB_INT(worker_id), DB_INT(worker_id)),
                               err) < 0 ||
                   db_run_args(c, &SQL_DEMO_CLOSERS, DB_ARGS(DB_INT(worker_id), DB_INT(worker_id)),
                               err) < 0 ||
                   db_run_args(c, &SQL_DEMO_CADRE,
                               DB_ARGS(DB_INT(cadre_id), DB_INT(community_org_id)), err) < 0 ||
                   db_run_args(c, &SQL_DEMO_INTAKE,
                               DB_ARGS(DB_INT(cadre_id), DB_INT(community_org_id)), err) < 0
               ? -1
               : 0;
}

/* ---- photos ---- */

static const struct db_sql SQL_PHOTO_INSERT = {
    .name = "demands.photo_insert",
    .sql = "INSERT INTO demand_photo (demand_id, file_name, kind, content_type, size, "
           "stripped_bytes, data, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
           "RETURNING id",
};

int demands_store_photo_insert(struct db_conn *c, const struct demand_photo *p, int64_t *id_out,
                               struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_PHOTO_INSERT, &st, err) < 0)
        return -1;
    db_bind_int(st, 1, p->demand_id);
    db_bind_text(st, 2, p->file_name);
    db_bind_text(st, 3, p->kind);
    db_bind_text(st, 4, p->content_type);
    db_bind_int(st, 5, p->size);
    db_bind_int(st, 6, p->stripped_bytes);
    db_bind_blob(st, 7, p->data, (size_t)p->size);
    db_bind_opt_id(st, 8, p->uploaded_by);
    db_bind_int(st, 9, p->uploaded_at);
    return db_run_id(&st, id_out, err);
}

static const struct db_sql SQL_PHOTOS = {
    .name = "demands.photos",
    .sql = "SELECT p.id, p.demand_id, p.size, p.stripped_bytes, p.uploaded_by, p.uploaded_at, "
           "p.file_name, p.kind, p.content_type, u.display_name, "
           "CASE WHEN ? = 0 THEN NULL ELSE p.data END FROM demand_photo p "
           "LEFT JOIN user_account u ON u.id = p.uploaded_by WHERE p.demand_id = ? "
           "AND (? = 0 OR p.id = ?) ORDER BY p.id",
};

static void read_photo(struct db_stmt *st, struct arena *a, void *row)
{
    struct demand_photo *p = row;
    size_t len = 0;
    const void *b;

    *p = (struct demand_photo){
        .id = db_col_int(st, 0),
        .demand_id = db_col_int(st, 1),
        .size = db_col_int(st, 2),
        .stripped_bytes = db_col_int(st, 3),
        .uploaded_by = db_col_int(st, 4),
        .uploaded_at = db_col_int(st, 5),
        .file_name = db_col_dup(st, 6, a),
        .kind = db_col_dup(st, 7, a),
        .content_type = db_col_dup(st, 8, a),
        .uploaded_by_name = db_col_dup(st, 9, a),
    };
    if (!db_col_is_null(st, 10) && (b = db_col_blob(st, 10, &len)) != NULL) {
        void *copy = arena_alloc(a, len ? len : 1);
        memcpy(copy, b, len);
        p->data = copy;
    }
}

int demands_store_photos(struct db_conn *c, int64_t demand_id, int64_t photo_id, struct arena *a,
                         struct demand_photo **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(
        c, &SQL_PHOTOS,
        DB_ARGS(DB_INT(photo_id), DB_INT(demand_id), DB_INT(photo_id), DB_INT(photo_id)),
        read_photo, sizeof(**out), a, out, n_out, err);
}
