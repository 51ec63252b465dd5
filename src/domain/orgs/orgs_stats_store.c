/* orgs_stats_store.c: SQL behind the advisories and statistics of the orgs area: branch
 * sizes and committees, terms ending, the subtree counters (member_stat) read, rebuilt and
 * recounted, org counts by type. No transactions are begun here; nothing here writes an org. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/orgs/orgs_int.h"
#include "domain/orgpath.h"

#define BRANCH_TYPES "('branch', 'joint_branch', 'mobile_branch')"
/* Members of the branch's subtree (the branch and its 党小组) by status, from its counters. */
#define BRANCH_MEMBERS(statuses)                                                                   \
    "coalesce((SELECT sum(s.n) FROM member_stat s WHERE s.org_id = o.id AND s.dim = 'status' "     \
    "AND s.key IN " statuses "), 0)"
#define BRANCH_FULL   BRANCH_MEMBERS("('full')")
#define BRANCH_ACTIVE BRANCH_MEMBERS("('probationary', 'full')")
/* A correlated lookup per branch (LIMIT 1), not EXISTS: PostgreSQL turns EXISTS into a hash of
 * every open term's posts in the database, whatever the subtree (62 ms for a street). */
#define BRANCH_HAS_COMMITTEE                                                                       \
    "coalesce((SELECT 1 FROM org_term t JOIN org_post x ON x.term_id = t.id WHERE t.org_id = "     \
    "o.id "                                                                                        \
    "AND t.ended_on IS NULL AND x.ended_on IS NULL AND x.post LIKE '%委员' LIMIT 1), 0)"
static const struct db_sql SQL_BRANCH_SIZES = {
    .name = "orgs.branch_sizes",
    .sql = "SELECT o.id, o.name, " BRANCH_FULL ", " BRANCH_ACTIVE ", " BRANCH_HAS_COMMITTEE
           " FROM org o WHERE o.path >= ? AND o.path < ? AND o.type IN " BRANCH_TYPES
           " AND o.dissolved_on IS NULL ORDER BY o.path",
};
static const struct db_sql SQL_TERMS_ENDING = {
    .name = "orgs.terms_ending",
    .sql = "SELECT o.id, o.name, t.ends_on FROM org_term t JOIN org o ON o.id = t.org_id "
           "WHERE o.path >= ? AND o.path < ? AND t.ended_on IS NULL AND t.ends_on < ? "
           "AND o.dissolved_on IS NULL ORDER BY t.ends_on, o.id",
};
/* The subtree counters of one org (migration 0009: kept by triggers in every writing
 * transaction), instead of a scan of the subtree's members. */
/* Birth dates are counted by day, so the bands hold on any day; the bands are summed here
 * (eight rows instead of one per birthday: ~29k for a city). Binds: six bounds, newest first. */
static const struct db_sql SQL_STAT_READ = {
    .name = "orgs.stat_read",
    .sql = "SELECT CASE WHEN dim = 'birth' THEN 'age' ELSE dim END, CASE WHEN dim <> 'birth' "
           "THEN key WHEN key = '' THEN 'unknown' WHEN key > ? THEN 'a0' WHEN key > ? THEN 'a1' "
           "WHEN key > ? THEN 'a2' WHEN key > ? THEN 'a3' WHEN key > ? THEN 'a4' WHEN key > ? "
           "THEN 'a5' ELSE 'a6' END, sum(n) FROM member_stat WHERE org_id = ? AND n > 0 "
           "GROUP BY 1, 2",
};
/* Rebuilding the counters from the members, and recounting them to compare (stats verify):
 * rows where the stored count differs from the recount. */
static const struct db_sql SQL_STAT_CLEAR = {
    .name = "orgs.stat_clear",
    .sql = "DELETE FROM member_stat",
};
static const struct db_sql SQL_STAT_REBUILD = {
    .name = "orgs.stat_rebuild",
    .sql = "INSERT INTO member_stat (org_id, dim, key, n) SELECT org_id, dim, key, count(*) "
           "FROM member_fact WHERE true GROUP BY 1, 2, 3",
};
static const struct db_sql SQL_STAT_DIFF = {
    .name = "orgs.stat_diff",
    .sql = "SELECT org_id, dim, key, sum(a), sum(b) FROM (SELECT org_id, dim, key, 1 AS a, 0 AS b "
           "FROM member_fact UNION ALL SELECT org_id, dim, key, 0, n FROM member_stat) x "
           "GROUP BY 1, 2, 3 HAVING sum(a) <> sum(b) ORDER BY 1, 2, 3 LIMIT ?",
};
static const struct db_sql SQL_COUNT_ORG_TYPE = {
    .name = "orgs.count_org_type",
    .sql = "SELECT o.type, count(*) FROM org o WHERE o.path >= ? AND o.path < ? "
           "AND o.dissolved_on IS NULL GROUP BY 1 ORDER BY 1",
};

static void read_branch_sizes(struct db_stmt *st, struct arena *a, void *row)
{
    struct org_branch_size *b = row;

    b->id = db_col_int(st, 0);
    b->name = db_col_dup(st, 1, a);
    b->full = db_col_int(st, 2);
    b->active = db_col_int(st, 3);
    b->committee = db_col_int(st, 4) != 0;
}

int org_store_branch_sizes(struct db_conn *c, const char *path, const char *upper, struct arena *a,
                           struct org_branch_size **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_BRANCH_SIZES, DB_ARGS(DB_TEXT(path), DB_TEXT(upper)),
                             read_branch_sizes, sizeof(**out), a, out, n_out, err);
}

static void read_terms_ending(struct db_stmt *st, struct arena *a, void *row)
{
    struct org_term_due *r = row;

    r->org_id = db_col_int(st, 0);
    r->org_name = db_col_dup(st, 1, a);
    r->ends_on = db_col_dup(st, 2, a);
}

int org_store_terms_ending(struct db_conn *c, const char *path, const char *upper,
                           const char *before, struct arena *a, struct org_term_due **out,
                           int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_TERMS_ENDING,
                             DB_ARGS(DB_TEXT(path), DB_TEXT(upper), DB_TEXT(before)),
                             read_terms_ending, sizeof(**out), a, out, n_out, err);
}

static void read_stat_read(struct db_stmt *st, struct arena *a, void *row)
{
    struct org_stat_row *r = row;

    r->dim = db_col_dup(st, 0, a);
    r->key = db_col_dup(st, 1, a);
    r->n = db_col_int(st, 2);
}

int org_store_stat_read(struct db_conn *c, int64_t org_id, const char *const bounds[6],
                        struct arena *a, struct org_stat_row **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_STAT_READ,
                             DB_ARGS(DB_TEXT(bounds[0]), DB_TEXT(bounds[1]), DB_TEXT(bounds[2]),
                                     DB_TEXT(bounds[3]), DB_TEXT(bounds[4]), DB_TEXT(bounds[5]),
                                     DB_INT(org_id)),
                             read_stat_read, sizeof(**out), a, out, n_out, err);
}

int org_store_stat_rebuild(struct db_conn *c, struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_STAT_CLEAR, &st, err) < 0 || db_run(&st, err) < 0 ||
        db_prepare(c, &SQL_STAT_REBUILD, &st, err) < 0)
        return -1;
    return db_run(&st, err);
}

static void read_stat_diff(struct db_stmt *st, struct arena *a, void *row)
{
    struct org_stat_diff *r = row;

    r->org_id = db_col_int(st, 0);
    r->dim = db_col_dup(st, 1, a);
    r->key = db_col_dup(st, 2, a);
    r->recount = db_col_int(st, 3);
    r->stored = db_col_int(st, 4);
}

int org_store_stat_diff(struct db_conn *c, int64_t limit, struct arena *a,
                        struct org_stat_diff **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_STAT_DIFF, DB_ARGS(DB_INT(limit)), read_stat_diff,
                             sizeof(**out), a, out, n_out, err);
}

static void read_type_counts(struct db_stmt *st, struct arena *a, void *row)
{
    struct org_count *r = row;

    r->key = db_col_dup(st, 0, a);
    r->label = r->key;
    r->n = db_col_int(st, 1);
}

int org_store_type_counts(struct db_conn *c, const char *path, const char *upper, struct arena *a,
                          struct org_count **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_COUNT_ORG_TYPE, DB_ARGS(DB_TEXT(path), DB_TEXT(upper)),
                             read_type_counts, sizeof(**out), a, out, n_out, err);
}
