/* orglife_rules_store.c: what compliance reads: the frequency rules in force over a range
 * (defaults and subtree overrides), the branch-level orgs of a subtree alive in it, and the
 * held meetings counted per org, type and month from the meetings' own counts. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/orglife/orglife_int.h"

static const struct db_sql SQL_RULES = {
    .name = "orglife.rules",
    .sql = "SELECT r.org_id, r.rule_id, r.type, r.period, r.org_types, r.valid_from, r.valid_to, "
           "o.path, r.min_count FROM orglife_rule r LEFT JOIN org o ON o.id = r.org_id "
           "WHERE r.valid_from <= ? AND r.valid_to > ? ORDER BY r.valid_from, r.id",
};
static const struct db_sql SQL_BRANCHES = {
    .name = "orglife.branches",
    .sql = "SELECT o.id, (SELECT COUNT(*) FROM org g WHERE g.parent_id = o.id AND g.type = 'group' "
           "AND g.dissolved_on IS NULL), o.name, o.path, o.type, o.founded_on, o.dissolved_on, "
           "(SELECT COUNT(*) FROM org_post p WHERE p.org_id = o.id AND p.ended_on IS NULL) >= 3 "
           "FROM org o WHERE o.path LIKE ? || '%' AND o.type IN ('branch', 'joint_branch', "
           "'mobile_branch', 'general_branch') AND (o.founded_on IS NULL OR o.founded_on <= ?) "
           "AND (o.dissolved_on IS NULL OR o.dissolved_on >= ?) ORDER BY o.path",
    .pg = "SELECT o.id, (SELECT COUNT(*) FROM org g WHERE g.parent_id = o.id AND g.type = 'group' "
          "AND g.dissolved_on IS NULL), o.name, o.path, o.type, o.founded_on, o.dissolved_on, "
          "((SELECT COUNT(*) FROM org_post p WHERE p.org_id = o.id AND p.ended_on IS NULL) >= 3)"
          "::int FROM org o WHERE o.path LIKE ? || '%' AND o.type IN ('branch', 'joint_branch', "
          "'mobile_branch', 'general_branch') AND (o.founded_on IS NULL OR o.founded_on <= ?) "
          "AND (o.dissolved_on IS NULL OR o.dissolved_on >= ?) ORDER BY o.path",
};
#define RECORDED    "(m.present_n + m.leave_n + m.absent_n + m.delivered_n > 0)"
#define MONTH_N(mm) "SUM(CASE WHEN substr(m.meets_on, 6, 2) = '" mm "' THEN 1 ELSE 0 END), "
/* meeting_year's columns from the held meetings WHERE filter selects (a group's count for its
 * branch). */
#define YEAR_SELECT(filter)                                                                        \
    "SELECT CASE WHEN o.type = 'group' THEN o.parent_id ELSE m.org_id END, m.type, "               \
    "CAST(substr(m.meets_on, 1, 4) AS INTEGER), " MONTH_N("01") MONTH_N("02") MONTH_N(             \
        "03") MONTH_N("04") MONTH_N("05") MONTH_N("06") MONTH_N("07") MONTH_N("08") MONTH_N("09")  \
        MONTH_N("10") MONTH_N("11") MONTH_N(                                                       \
            "12") "SUM(CASE WHEN " RECORDED " THEN m.expected_n ELSE 0 END), SUM(m.present_n), "   \
                  "SUM(m.present_n + m.delivered_n) FROM meeting m JOIN org o ON o.id = m.org_id " \
                  "WHERE m.status = 'held' AND " filter " GROUP BY 1, 2, 3"
#define YEAR_COLS                                                                                  \
    "org_id, type, year, m01, m02, m03, m04, m05, m06, m07, m08, m09, m10, m11, m12, "             \
    "expected_sum, present_sum, study_sum"
static const struct db_sql SQL_HELD = {
    .name = "orglife.held",
    .sql = "SELECT y.org_id, y.type, y.year, y.m01, y.m02, y.m03, y.m04, y.m05, y.m06, y.m07, "
           "y.m08, y.m09, y.m10, y.m11, y.m12, y.expected_sum, y.present_sum, y.study_sum "
           "FROM meeting_year y JOIN org o ON o.id = y.org_id WHERE o.path LIKE ? || '%' "
           "AND y.year >= ? AND y.year <= ?",
};
static const struct db_sql SQL_YEAR_DELETE = {
    .name = "orglife.year_delete",
    .sql = "DELETE FROM meeting_year WHERE org_id = ? AND type = ? AND year = ?",
};
/* ?org ×2, ?type, ?first day, ?last day of the year. */
static const struct db_sql SQL_YEAR_INSERT = {
    .name = "orglife.year_insert",
    .sql = "INSERT INTO meeting_year (" YEAR_COLS ") " YEAR_SELECT(
        "(m.org_id = ? OR (o.parent_id = ? AND o.type = 'group')) AND m.type = ? AND "
        "m.meets_on >= ? AND m.meets_on <= ?"),
};
static const struct db_sql SQL_YEARS_DELETE = {
    .name = "orglife.years_delete",
    .sql = "DELETE FROM meeting_year",
};
static const struct db_sql SQL_YEARS_INSERT = {
    .name = "orglife.years_insert",
    .sql = "INSERT INTO meeting_year (" YEAR_COLS ") " YEAR_SELECT("1 = 1"),
};

static void read_rule(struct db_stmt *st, struct arena *a, void *row)
{
    struct orglife_rule_row *r = row;

    r->org_id = db_col_int(st, 0);
    r->rule_id = db_col_dup(st, 1, a);
    r->type = db_col_dup(st, 2, a);
    r->period = db_col_dup(st, 3, a);
    r->org_types = db_col_dup(st, 4, a);
    r->valid_from = db_col_dup(st, 5, a);
    r->valid_to = db_col_dup(st, 6, a);
    r->org_path = db_col_dup(st, 7, a);
    r->min_count = db_col_int(st, 8);
}

int orglife_store_rules(struct db_conn *c, const char *from, const char *to, struct arena *a,
                        struct orglife_rule_row **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_RULES, DB_ARGS(DB_TEXT(to), DB_TEXT(from)), read_rule,
                             sizeof(**out), a, out, n_out, err);
}

static void read_branch(struct db_stmt *st, struct arena *a, void *row)
{
    struct orglife_branch_row *b = row;

    b->id = db_col_int(st, 0);
    b->groups = db_col_int(st, 1);
    b->name = db_col_dup(st, 2, a);
    b->path = db_col_dup(st, 3, a);
    b->type = db_col_dup(st, 4, a);
    b->founded_on = db_col_dup(st, 5, a);
    b->dissolved_on = db_col_dup(st, 6, a);
    b->committee = db_col_int(st, 7) != 0;
}

int orglife_store_branches(struct db_conn *c, const char *path, const char *from, const char *to,
                           struct arena *a, struct orglife_branch_row **out, int64_t *n_out,
                           struct err *err)
{
    return db_read_rows_args(c, &SQL_BRANCHES, DB_ARGS(DB_TEXT(path), DB_TEXT(to), DB_TEXT(from)),
                             read_branch, sizeof(**out), a, out, n_out, err);
}

static void read_held(struct db_stmt *st, struct arena *a, void *row)
{
    struct orglife_held_row *h = row;

    h->org_id = db_col_int(st, 0);
    h->type = db_col_dup(st, 1, a);
    h->year = db_col_int(st, 2);
    for (int k = 0; k < 12; k++)
        h->months[k] = db_col_int(st, 3 + k);
    h->expected_sum = db_col_int(st, 15);
    h->present_sum = db_col_int(st, 16);
    h->study_sum = db_col_int(st, 17);
}

int orglife_store_held(struct db_conn *c, const char *path, int64_t y0, int64_t y1, struct arena *a,
                       struct orglife_held_row **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_HELD, DB_ARGS(DB_TEXT(path), DB_INT(y0), DB_INT(y1)),
                             read_held, sizeof(**out), a, out, n_out, err);
}

int orglife_store_year_refresh(struct db_conn *c, int64_t org_id, const char *type, int64_t year,
                               struct err *err)
{
    char first[16], last[16];

    snprintf(first, sizeof(first), "%04d-01-01", (int)year);
    snprintf(last, sizeof(last), "%04d-12-31", (int)year);
    return db_run_args(c, &SQL_YEAR_DELETE, DB_ARGS(DB_INT(org_id), DB_TEXT(type), DB_INT(year)),
                       err) < 0
               ? -1
               : db_run_args(c, &SQL_YEAR_INSERT,
                             DB_ARGS(DB_INT(org_id), DB_INT(org_id), DB_TEXT(type), DB_TEXT(first),
                                     DB_TEXT(last)),
                             err);
}

int orglife_store_years_rebuild(struct db_conn *c, struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_YEARS_DELETE, &st, err) < 0 || db_run(&st, err) < 0 ||
        db_prepare(c, &SQL_YEARS_INSERT, &st, err) < 0)
        return -1;
    return db_run(&st, err);
}
