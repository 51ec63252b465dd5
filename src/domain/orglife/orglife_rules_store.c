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
#define RECORDED "(m.present_n + m.leave_n + m.absent_n + m.delivered_n > 0)"
static const struct db_sql SQL_HELD = {
    .name = "orglife.held",
    .sql = "SELECT CASE WHEN o.type = 'group' THEN o.parent_id ELSE m.org_id END, m.type, "
           "substr(m.meets_on, 1, 7), COUNT(*), SUM(CASE WHEN " RECORDED " THEN m.expected_n "
           "ELSE 0 END), SUM(m.present_n), SUM(m.present_n + m.delivered_n) FROM meeting m "
           "JOIN org o ON o.id = m.org_id WHERE m.org_path LIKE ? || '%' AND m.status = 'held' "
           "AND m.meets_on >= ? AND m.meets_on <= ? GROUP BY 1, 2, 3",
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
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_RULES, &st, err) < 0)
        return -1;
    db_bind_text(st, 1, to);
    db_bind_text(st, 2, from);
    return db_read_rows(&st, read_rule, sizeof(**out), a, out, n_out, err);
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
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_BRANCHES, &st, err) < 0)
        return -1;
    db_bind_text(st, 1, path);
    db_bind_text(st, 2, to);
    db_bind_text(st, 3, from);
    return db_read_rows(&st, read_branch, sizeof(**out), a, out, n_out, err);
}

static void read_held(struct db_stmt *st, struct arena *a, void *row)
{
    struct orglife_held_row *h = row;

    h->org_id = db_col_int(st, 0);
    h->type = db_col_dup(st, 1, a);
    h->month = db_col_dup(st, 2, a);
    h->held = db_col_int(st, 3);
    h->expected_sum = db_col_int(st, 4);
    h->present_sum = db_col_int(st, 5);
    h->study_sum = db_col_int(st, 6);
}

int orglife_store_held(struct db_conn *c, const char *path, const char *from, const char *to,
                       struct arena *a, struct orglife_held_row **out, int64_t *n_out,
                       struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_HELD, &st, err) < 0)
        return -1;
    db_bind_text(st, 1, path);
    db_bind_text(st, 2, from);
    db_bind_text(st, 3, to);
    return db_read_rows(&st, read_held, sizeof(**out), a, out, n_out, err);
}
