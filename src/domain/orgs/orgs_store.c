/* orgs_store.c: SQL of the orgs area: org rows and their materialized paths, change events,
 * the tenant-wide rows the as-of-date tree replays, terms, posts and rule rows, and the
 * aggregate queries behind advisories and statistics. No transactions are begun here. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/orgs/orgs_int.h"
#include "domain/orgpath.h"

#define ORG_COLS                                                                                   \
    "o.id, o.parent_id, o.path, o.depth, o.type, o.name, o.short_name, o.code, o.founded_on, "     \
    "o.dissolved_on, o.contact_name, o.contact_phone, o.address, o.area, "                         \
    "(SELECT count(*) FROM org k WHERE k.parent_id = o.id AND k.dissolved_on IS NULL), "           \
    "(SELECT count(*) FROM member m WHERE m.org_id = o.id AND m.status IN ('probationary', "       \
    "'full')), o.created_at, o.updated_at"

static const struct db_sql SQL_GET = {
    .name = "orgs.get",
    .sql = "SELECT " ORG_COLS " FROM org o WHERE o.id = ?",
};
static const struct db_sql SQL_ROW = {
    .name = "orgs.row",
    .sql = "SELECT id, tenant_id, parent_id, depth, path, type, name, short_name, founded_on, "
           "dissolved_on FROM org WHERE id = ?",
};
static const struct db_sql SQL_INSERT = {
    .name = "orgs.insert",
    .sql = "INSERT INTO org (tenant_id, parent_id, path, depth, type, name, short_name, code, "
           "founded_on, contact_name, contact_phone, address, area, created_at, updated_at) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
};
static const struct db_sql SQL_SET_PATH = {
    .name = "orgs.set_path",
    .sql = "UPDATE org SET path = ?, depth = ?, tenant_id = ? WHERE id = ?",
};
#define KEEP(col) col " = NULLIF(COALESCE(?, " col "), '')"
static const struct db_sql SQL_UPDATE = {
    .name = "orgs.update",
    .sql =
        "UPDATE org SET type = COALESCE(?, type), " KEEP("short_name") ", " KEEP("code") ", " KEEP("founded_on") ", " KEEP(
            "contact_name") ", " KEEP("contact_phone") ", " KEEP("address") ", " KEEP("area") ", "
                                                                                              "upda"
                                                                                              "ted_"
                                                                                              "at "
                                                                                              "= ? "
                                                                                              "WHER"
                                                                                              "E "
                                                                                              "id "
                                                                                              "= ?",
};
static const struct db_sql SQL_RENAME = {
    .name = "orgs.rename",
    .sql = "UPDATE org SET name = ?, short_name = COALESCE(?, short_name), updated_at = ? "
           "WHERE id = ?",
};
static const struct db_sql SQL_MOVE_SELF = {
    .name = "orgs.move_self",
    .sql = "UPDATE org SET parent_id = ?, updated_at = ? WHERE id = ?",
};
/* Rewrites the path prefix of a subtree: new_path || the rest after old_path. */
static const struct db_sql SQL_MOVE_ORGS = {
    .name = "orgs.move_orgs",
    .sql = "UPDATE org SET path = ? || substr(path, ?), depth = depth + ? "
           "WHERE path >= ? AND path < ?",
};
static const struct db_sql SQL_MOVE_MEMBERS = {
    .name = "orgs.move_members",
    .sql = "UPDATE member SET org_path = ? || substr(org_path, ?), updated_at = ? "
           "WHERE org_path >= ? AND org_path < ?",
};
static const struct db_sql SQL_DISSOLVE = {
    .name = "orgs.dissolve",
    .sql = "UPDATE org SET dissolved_on = ?, updated_at = ? WHERE id = ?",
};
static const struct db_sql SQL_SUBTREE_BUSY = {
    .name = "orgs.subtree_busy",
    .sql = "SELECT (SELECT count(*) FROM member WHERE org_path >= ? AND org_path < ? "
           "AND status IN ('probationary', 'full')), (SELECT count(*) FROM org WHERE path >= ? "
           "AND path < ? AND id <> ? AND dissolved_on IS NULL)",
};
static const struct db_sql SQL_EVENT_INSERT = {
    .name = "orgs.event_insert",
    .sql = "INSERT INTO org_event (tenant_id, org_id, kind, effective_on, doc_no, note, "
           "old_name, new_name, old_short_name, new_short_name, old_parent_id, new_parent_id, "
           "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
           "RETURNING id",
};
static const struct db_sql SQL_LAST_EVENT = {
    .name = "orgs.last_event",
    .sql = "SELECT max(effective_on) FROM org_event WHERE org_id = ?",
};
static const struct db_sql SQL_EVENTS = {
    .name = "orgs.events",
    .sql = "SELECT id, org_id, kind, effective_on, doc_no, note, old_name, new_name, "
           "old_parent_id, new_parent_id, created_at FROM org_event WHERE org_id = ? "
           "ORDER BY effective_on DESC, id DESC",
};
#define PAGE_WHERE                                                                                 \
    "o.path >= ? AND o.path < ? AND (? IS NULL OR o.type = ?) AND (? IS NULL OR o.name LIKE ? "    \
    "ESCAPE '\\' OR o.short_name LIKE ? ESCAPE '\\') AND (? = 1 OR o.dissolved_on IS NULL)"
static const struct db_sql SQL_PAGE = {
    .name = "orgs.page",
    .sql = "SELECT " ORG_COLS " FROM org o WHERE " PAGE_WHERE " ORDER BY o.path LIMIT ? OFFSET ?",
};
static const struct db_sql SQL_COUNT = {
    .name = "orgs.count",
    .sql = "SELECT count(*) FROM org o WHERE " PAGE_WHERE,
};
static const struct db_sql SQL_CHILDREN = {
    .name = "orgs.children",
    .sql = "SELECT " ORG_COLS " FROM org o WHERE o.parent_id = ? "
           "AND (? = 1 OR o.dissolved_on IS NULL) ORDER BY o.code, o.id",
};
static const struct db_sql SQL_NAMES = {
    .name = "orgs.names",
    .sql = "SELECT id, name, short_name, path FROM org WHERE path >= ? AND path < ? "
           "AND dissolved_on IS NULL ORDER BY id",
};
static const struct db_sql SQL_TENANT_ORGS = {
    .name = "orgs.tenant_orgs",
    .sql = "SELECT o.id, o.parent_id, o.type, o.name, o.short_name, o.founded_on, "
           "o.dissolved_on, 0 FROM org o WHERE o.tenant_id = ? ORDER BY o.id",
};
static const struct db_sql SQL_TENANT_ORGS_MEMBERS = {
    .name = "orgs.tenant_orgs_members",
    .sql = "SELECT o.id, o.parent_id, o.type, o.name, o.short_name, o.founded_on, "
           "o.dissolved_on, coalesce(c.n, 0) FROM org o LEFT JOIN (SELECT org_id, count(*) AS n "
           "FROM member WHERE tenant_id = ? AND status IN ('probationary', 'full') "
           "GROUP BY org_id) c ON c.org_id = o.id WHERE o.tenant_id = ? ORDER BY o.id",
};
static const struct db_sql SQL_EVENTS_AFTER = {
    .name = "orgs.events_after",
    .sql = "SELECT org_id, kind, old_name, old_short_name, old_parent_id FROM org_event "
           "WHERE tenant_id = ? AND effective_on > ? ORDER BY effective_on DESC, id DESC",
};
static const struct db_sql SQL_IN_COMMUNITY = {
    .name = "orgs.in_community",
    .sql = "SELECT EXISTS (SELECT 1 FROM org a WHERE a.type IN ('community_committee', "
           "'general_branch') AND a.path = substr(?, 1, length(a.path)))",
};
static const struct db_sql SQL_RULE = {
    .name = "orgs.rule",
    .sql = "SELECT id, term_years FROM org_rule WHERE org_type = ? AND in_community = ? "
           "AND valid_from <= ? AND valid_to > ? ORDER BY valid_from DESC LIMIT 1",
};
static const struct db_sql SQL_TERM_CLOSE = {
    .name = "orgs.term_close",
    .sql = "UPDATE org_term SET ended_on = ? WHERE org_id = ? AND ended_on IS NULL",
};
static const struct db_sql SQL_POSTS_CLOSE = {
    .name = "orgs.posts_close",
    .sql = "UPDATE org_post SET ended_on = ? WHERE org_id = ? AND ended_on IS NULL",
};
static const struct db_sql SQL_TERM_INSERT = {
    .name = "orgs.term_insert",
    .sql = "INSERT INTO org_term (tenant_id, org_id, elected_on, term_years, ends_on, rule_id, "
           "doc_no, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
};
static const struct db_sql SQL_POST_INSERT = {
    .name = "orgs.post_insert",
    .sql = "INSERT INTO org_post (term_id, org_id, member_id, post, started_on, created_at) "
           "VALUES (?, ?, ?, ?, ?, ?)",
};
static const struct db_sql SQL_MEMBER_PATH = {
    .name = "orgs.member_path",
    .sql = "SELECT org_path FROM member WHERE id = ? AND status IN ('probationary', 'full')",
};
static const struct db_sql SQL_TERMS = {
    .name = "orgs.terms",
    .sql = "SELECT id, org_id, elected_on, ends_on, doc_no, note, term_years, ended_on "
           "FROM org_term WHERE org_id = ? ORDER BY elected_on DESC, id DESC",
};
static const struct db_sql SQL_POSTS = {
    .name = "orgs.posts",
    .sql = "SELECT x.id, x.term_id, x.member_id, x.post, p.name, x.started_on, x.ended_on "
           "FROM org_post x JOIN member m ON m.id = x.member_id JOIN person p "
           "ON p.id = m.person_id WHERE x.org_id = ? ORDER BY x.term_id, x.id",
};
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
static const struct db_sql SQL_STAT_READ = {
    .name = "orgs.stat_read",
    .sql = "SELECT dim, key, n FROM member_stat WHERE org_id = ? AND n > 0",
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

static void read_view(struct db_stmt *st, struct arena *a, struct org_view *v)
{
    int k = 0;

    v->id = db_col_int(st, k++);
    v->parent_id = db_col_is_null(st, k) ? 0 : db_col_int(st, k);
    k++;
    v->path = db_col_dup(st, k++, a);
    v->depth = db_col_int(st, k++);
    v->type = db_col_dup(st, k++, a);
    v->name = db_col_dup(st, k++, a);
    v->short_name = db_col_dup(st, k++, a);
    v->code = db_col_dup(st, k++, a);
    v->founded_on = db_col_dup(st, k++, a);
    v->dissolved_on = db_col_dup(st, k++, a);
    v->contact_name = db_col_dup(st, k++, a);
    v->contact_phone = db_col_dup(st, k++, a);
    v->address = db_col_dup(st, k++, a);
    v->area = db_col_dup(st, k++, a);
    v->children = db_col_int(st, k++);
    v->members = db_col_int(st, k++);
    v->created_at = db_col_int(st, k++);
    v->updated_at = db_col_int(st, k++);
    v->type_label = org_type_label(v->type);
}

/* Runs a one-row statement; E_NOT_FOUND with msg when there is no row. */
static int step_one(struct db_stmt *st, const char *msg, struct err *err)
{
    int rc = db_step(st, err);

    if (rc == DB_DONE)
        return err_set(err, E_NOT_FOUND, "", "%s", msg);
    return rc == DB_ROW ? 0 : -1;
}

int org_store_get(struct db_conn *c, int64_t id, struct arena *a, struct org_view *out,
                  struct err *err)
{
    struct db_stmt *st = NULL;
    int rc;

    if (db_prepare(c, &SQL_GET, &st, err) < 0)
        return -1;
    db_bind_int(st, 1, id);
    rc = step_one(st, "党组织不存在", err);
    if (rc == 0)
        read_view(st, a, out);
    db_stmt_free(&st);
    return rc;
}

int org_store_row(struct db_conn *c, int64_t id, struct arena *a, struct org_row *out,
                  struct err *err)
{
    struct db_stmt *st = NULL;
    int rc;

    if (db_prepare(c, &SQL_ROW, &st, err) < 0)
        return -1;
    db_bind_int(st, 1, id);
    rc = step_one(st, "党组织不存在", err);
    if (rc == 0) {
        out->id = db_col_int(st, 0);
        out->tenant_id = db_col_int(st, 1);
        out->parent_id = db_col_is_null(st, 2) ? 0 : db_col_int(st, 2);
        out->depth = db_col_int(st, 3);
        out->path = db_col_dup(st, 4, a);
        out->type = db_col_dup(st, 5, a);
        out->name = db_col_dup(st, 6, a);
        out->short_name = db_col_dup(st, 7, a);
        out->founded_on = db_col_dup(st, 8, a);
        out->dissolved_on = db_col_dup(st, 9, a);
    }
    db_stmt_free(&st);
    return rc;
}

int org_store_insert(struct db_conn *c, const struct org_in *in, const struct org_row *parent,
                     int64_t now, int64_t *id_out, struct err *err)
{
    struct db_stmt *st = NULL;
    int rc, k = 1;

    if (db_prepare(c, &SQL_INSERT, &st, err) < 0)
        return -1;
    db_bind_int(st, k++, parent->tenant_id); /* a root's is set with its path */
    if (parent->id)
        db_bind_int(st, k++, parent->id);
    else
        db_bind_null(st, k++);
    /* A placeholder path until the id is known (org_store_set_path follows at once). */
    db_bind_text(st, k++, "pending");
    db_bind_int(st, k++, parent->depth + 1);
    db_bind_text(st, k++, in->type);
    db_bind_text(st, k++, in->name);
    db_bind_opt_text(st, k++, in->short_name);
    db_bind_opt_text(st, k++, in->code);
    db_bind_opt_text(st, k++, in->founded_on);
    db_bind_opt_text(st, k++, in->contact_name);
    db_bind_opt_text(st, k++, in->contact_phone);
    db_bind_opt_text(st, k++, in->address);
    db_bind_opt_text(st, k++, in->area);
    db_bind_int(st, k++, now);
    db_bind_int(st, k++, now);
    rc = db_run_id(&st, id_out, err);
    if (rc < 0 && err->code == E_CONFLICT)
        err_refine(err, "/code", "组织编码已被其他党组织使用");
    return rc;
}

int org_store_set_path(struct db_conn *c, int64_t id, const char *path, int64_t depth,
                       int64_t tenant_id, struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_SET_PATH, &st, err) < 0)
        return -1;
    db_bind_text(st, 1, path);
    db_bind_int(st, 2, depth);
    db_bind_int(st, 3, tenant_id);
    db_bind_int(st, 4, id);
    return db_run(&st, err);
}

int org_store_update(struct db_conn *c, int64_t id, const struct org_in *in, int64_t now,
                     struct err *err)
{
    struct db_stmt *st = NULL;
    int rc, k = 1;

    if (db_prepare(c, &SQL_UPDATE, &st, err) < 0)
        return -1;
    db_bind_text(st, k++, in->type);
    db_bind_text(st, k++, in->short_name);
    db_bind_text(st, k++, in->code);
    db_bind_text(st, k++, in->founded_on);
    db_bind_text(st, k++, in->contact_name);
    db_bind_text(st, k++, in->contact_phone);
    db_bind_text(st, k++, in->address);
    db_bind_text(st, k++, in->area);
    db_bind_int(st, k++, now);
    db_bind_int(st, k++, id);
    rc = db_exec_stmt(st, err);
    db_stmt_free(&st);
    if (rc < 0 && err->code == E_CONFLICT) {
        err_refine(err, "/code", "组织编码已被其他党组织使用");
    }
    return rc;
}

int org_store_rename(struct db_conn *c, int64_t id, const char *name, const char *short_name,
                     int64_t now, struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_RENAME, &st, err) < 0)
        return -1;
    db_bind_text(st, 1, name);
    db_bind_text(st, 2, short_name);
    db_bind_int(st, 3, now);
    db_bind_int(st, 4, id);
    return db_run(&st, err);
}

int org_store_move(struct db_conn *c, int64_t id, int64_t new_parent, const char *old_path,
                   const char *new_path, int64_t depth_delta, int64_t now, struct err *err)
{
    struct db_stmt *st = NULL;
    char upper[ORG_PATH_MAX];
    size_t n = strlen(old_path);
    int rc;

    ASSERT(n > 1 && n < sizeof(upper));
    memcpy(upper, old_path, n + 1);
    upper[n - 1] = '0';
    if (db_prepare(c, &SQL_MOVE_SELF, &st, err) < 0)
        return -1;
    db_bind_int(st, 1, new_parent);
    db_bind_int(st, 2, now);
    db_bind_int(st, 3, id);
    rc = db_exec_stmt(st, err);
    db_stmt_free(&st);
    if (rc < 0 || db_prepare(c, &SQL_MOVE_ORGS, &st, err) < 0)
        return -1;
    db_bind_text(st, 1, new_path);
    db_bind_int(st, 2, (int64_t)n + 1);
    db_bind_int(st, 3, depth_delta);
    db_bind_text(st, 4, old_path);
    db_bind_text(st, 5, upper);
    rc = db_exec_stmt(st, err);
    db_stmt_free(&st);
    if (rc < 0 || db_prepare(c, &SQL_MOVE_MEMBERS, &st, err) < 0)
        return -1;
    db_bind_text(st, 1, new_path);
    db_bind_int(st, 2, (int64_t)n + 1);
    db_bind_int(st, 3, now);
    db_bind_text(st, 4, old_path);
    db_bind_text(st, 5, upper);
    return db_run(&st, err);
}

int org_store_dissolve(struct db_conn *c, int64_t id, const char *on, int64_t now, struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_DISSOLVE, &st, err) < 0)
        return -1;
    db_bind_text(st, 1, on);
    db_bind_int(st, 2, now);
    db_bind_int(st, 3, id);
    return db_run(&st, err);
}

int org_store_subtree_busy(struct db_conn *c, const char *path, int64_t self, int64_t *members_out,
                           int64_t *orgs_out, struct err *err)
{
    struct db_stmt *st = NULL;
    char upper[ORG_PATH_MAX];
    size_t n = strlen(path);
    int rc;

    ASSERT(n > 1 && n < sizeof(upper));
    memcpy(upper, path, n + 1);
    upper[n - 1] = '0';
    if (db_prepare(c, &SQL_SUBTREE_BUSY, &st, err) < 0)
        return -1;
    db_bind_text(st, 1, path);
    db_bind_text(st, 2, upper);
    db_bind_text(st, 3, path);
    db_bind_text(st, 4, upper);
    db_bind_int(st, 5, self);
    rc = step_one(st, "党组织不存在", err);
    if (rc == 0) {
        *members_out = db_col_int(st, 0);
        *orgs_out = db_col_int(st, 1);
    }
    db_stmt_free(&st);
    return rc;
}

int org_store_event_insert(struct db_conn *c, int64_t tenant_id, int64_t org_id,
                           const struct org_event_in *in, const char *old_name,
                           const char *old_short, int64_t old_parent, int64_t user_id, int64_t now,
                           int64_t *id_out, struct err *err)
{
    struct db_stmt *st = NULL;
    int64_t id;
    int k = 1;

    if (db_prepare(c, &SQL_EVENT_INSERT, &st, err) < 0)
        return -1;
    db_bind_int(st, k++, tenant_id);
    db_bind_int(st, k++, org_id);
    db_bind_text(st, k++, in->kind);
    db_bind_text(st, k++, in->effective_on);
    db_bind_opt_text(st, k++, in->doc_no);
    db_bind_opt_text(st, k++, in->note);
    db_bind_text(st, k++, old_name);
    db_bind_opt_text(st, k++, in->new_name);
    db_bind_text(st, k++, old_short);
    db_bind_opt_text(st, k++, in->new_short_name);
    db_bind_opt_id(st, k++, old_parent);
    db_bind_opt_id(st, k++, in->new_parent_id);
    db_bind_opt_id(st, k++, user_id);
    db_bind_int(st, k++, now);
    if (db_run_id(&st, &id, err) < 0)
        return -1;
    if (id_out)
        *id_out = id;
    return 0;
}

int org_store_last_event_date(struct db_conn *c, int64_t org_id, struct arena *a, const char **out,
                              struct err *err)
{
    struct db_stmt *st = NULL;
    int rc;

    if (db_prepare(c, &SQL_LAST_EVENT, &st, err) < 0)
        return -1;
    db_bind_int(st, 1, org_id);
    rc = db_step(st, err);
    *out = rc == DB_ROW ? db_col_dup(st, 0, a) : NULL;
    db_stmt_free(&st);
    return rc < 0 ? -1 : 0;
}

int org_store_events(struct db_conn *c, int64_t org_id, struct arena *a,
                     struct org_event_view **out, int64_t *n_out, struct err *err)
{
    struct db_stmt *st = NULL;
    struct org_event_view *rows = NULL;
    int64_t n = 0, cap = 0;
    int rc;

    if (db_prepare(c, &SQL_EVENTS, &st, err) < 0)
        return -1;
    db_bind_int(st, 1, org_id);
    while ((rc = db_step(st, err)) == DB_ROW) {
        struct org_event_view *e;
        rows = arena_grow(a, rows, n, &cap, sizeof(*rows));
        e = &rows[n++];
        e->id = db_col_int(st, 0);
        e->org_id = db_col_int(st, 1);
        e->kind = db_col_dup(st, 2, a);
        e->effective_on = db_col_dup(st, 3, a);
        e->doc_no = db_col_dup(st, 4, a);
        e->note = db_col_dup(st, 5, a);
        e->old_name = db_col_dup(st, 6, a);
        e->new_name = db_col_dup(st, 7, a);
        e->old_parent_id = db_col_is_null(st, 8) ? 0 : db_col_int(st, 8);
        e->new_parent_id = db_col_is_null(st, 9) ? 0 : db_col_int(st, 9);
        e->created_at = db_col_int(st, 10);
    }
    db_stmt_free(&st);
    if (rc < 0)
        return -1;
    *out = rows;
    *n_out = n;
    return 0;
}

int org_store_page(struct db_conn *c, const struct org_query *q, const char *upper,
                   const char *like, struct arena *a, struct org_view **out, int64_t *n_out,
                   int64_t *total_out, struct err *err)
{
    struct db_stmt *st = NULL;
    struct org_view *rows = arena_alloc(a, sizeof(*rows) * (size_t)q->size);
    int64_t n = 0, total = 0;
    int rc;

    for (int pass = 0; pass < 2; pass++) {
        int k = 1;
        if (db_prepare(c, pass ? &SQL_PAGE : &SQL_COUNT, &st, err) < 0)
            return -1;
        db_bind_text(st, k++, q->path);
        db_bind_text(st, k++, upper);
        db_bind_text(st, k++, q->type);
        db_bind_text(st, k++, q->type);
        db_bind_text(st, k++, like);
        db_bind_text(st, k++, like);
        db_bind_text(st, k++, like);
        db_bind_int(st, k++, q->include_dissolved ? 1 : 0);
        if (pass) {
            db_bind_int(st, k++, q->size);
            db_bind_int(st, k++, (q->page - 1) * q->size);
            while ((rc = db_step(st, err)) == DB_ROW && n < q->size)
                read_view(st, a, &rows[n++]);
        } else {
            rc = db_step(st, err);
            if (rc == DB_ROW)
                total = db_col_int(st, 0);
        }
        db_stmt_free(&st);
        if (rc < 0)
            return -1;
    }
    *out = rows;
    *n_out = n;
    *total_out = total;
    return 0;
}

int org_store_children(struct db_conn *c, int64_t id, bool include_dissolved, struct arena *a,
                       struct org_view **out, int64_t *n_out, struct err *err)
{
    struct db_stmt *st = NULL;
    struct org_view *rows = NULL;
    int64_t n = 0, cap = 0;
    int rc;

    if (db_prepare(c, &SQL_CHILDREN, &st, err) < 0)
        return -1;
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, include_dissolved ? 1 : 0);
    while ((rc = db_step(st, err)) == DB_ROW) {
        rows = arena_grow(a, rows, n, &cap, sizeof(*rows));
        read_view(st, a, &rows[n++]);
    }
    db_stmt_free(&st);
    if (rc < 0)
        return -1;
    *out = rows;
    *n_out = n;
    return 0;
}

int org_store_names(struct db_conn *c, const char *path, const char *upper, struct arena *a,
                    struct org_name **out, int64_t *n_out, struct err *err)
{
    struct db_stmt *st = NULL;
    struct org_name *rows = NULL;
    int64_t n = 0, cap = 0;
    int rc;

    if (db_prepare(c, &SQL_NAMES, &st, err) < 0)
        return -1;
    db_bind_text(st, 1, path);
    db_bind_text(st, 2, upper);
    while ((rc = db_step(st, err)) == DB_ROW) {
        rows = arena_grow(a, rows, n, &cap, sizeof(*rows));
        rows[n].id = db_col_int(st, 0);
        rows[n].name = db_col_dup(st, 1, a);
        rows[n].short_name = db_col_is_null(st, 2) ? NULL : db_col_dup(st, 2, a);
        rows[n].path = db_col_dup(st, 3, a);
        n++;
    }
    db_stmt_free(&st);
    if (rc < 0)
        return -1;
    *out = rows;
    *n_out = n;
    return 0;
}

int org_store_tenant_orgs(struct db_conn *c, int64_t tenant_id, bool with_members, struct arena *a,
                          struct org_tree_row **out, int64_t *n_out, struct err *err)
{
    struct db_stmt *st = NULL;
    struct org_tree_row *rows = NULL;
    int64_t n = 0, cap = 0;
    int rc;

    if (db_prepare(c, with_members ? &SQL_TENANT_ORGS_MEMBERS : &SQL_TENANT_ORGS, &st, err) < 0)
        return -1;
    db_bind_int(st, 1, tenant_id);
    if (with_members)
        db_bind_int(st, 2, tenant_id);
    while ((rc = db_step(st, err)) == DB_ROW) {
        struct org_tree_row *r;
        rows = arena_grow(a, rows, n, &cap, sizeof(*rows));
        r = &rows[n++];
        r->id = db_col_int(st, 0);
        r->parent_id = db_col_is_null(st, 1) ? 0 : db_col_int(st, 1);
        r->type = db_col_dup(st, 2, a);
        r->name = db_col_dup(st, 3, a);
        r->short_name = db_col_dup(st, 4, a);
        r->founded_on = db_col_dup(st, 5, a);
        r->dissolved_on = db_col_dup(st, 6, a);
        r->members = db_col_int(st, 7);
    }
    db_stmt_free(&st);
    if (rc < 0)
        return -1;
    *out = rows;
    *n_out = n;
    return 0;
}

int org_store_events_after(struct db_conn *c, int64_t tenant_id, const char *date, struct arena *a,
                           struct org_undo **out, int64_t *n_out, struct err *err)
{
    struct db_stmt *st = NULL;
    struct org_undo *rows = NULL;
    int64_t n = 0, cap = 0;
    int rc;

    if (db_prepare(c, &SQL_EVENTS_AFTER, &st, err) < 0)
        return -1;
    db_bind_int(st, 1, tenant_id);
    db_bind_text(st, 2, date);
    while ((rc = db_step(st, err)) == DB_ROW) {
        struct org_undo *u;
        rows = arena_grow(a, rows, n, &cap, sizeof(*rows));
        u = &rows[n++];
        u->org_id = db_col_int(st, 0);
        u->kind = db_col_dup(st, 1, a);
        u->old_name = db_col_dup(st, 2, a);
        u->old_short_name = db_col_dup(st, 3, a);
        u->old_parent_id = db_col_is_null(st, 4) ? 0 : db_col_int(st, 4);
    }
    db_stmt_free(&st);
    if (rc < 0)
        return -1;
    *out = rows;
    *n_out = n;
    return 0;
}

int org_store_in_community(struct db_conn *c, const char *path, bool *out, struct err *err)
{
    struct db_stmt *st = NULL;
    int rc;

    if (db_prepare(c, &SQL_IN_COMMUNITY, &st, err) < 0)
        return -1;
    db_bind_text(st, 1, path);
    rc = step_one(st, "党组织不存在", err);
    if (rc == 0)
        *out = db_col_int(st, 0) != 0;
    db_stmt_free(&st);
    return rc;
}

int org_store_rule(struct db_conn *c, const char *type, bool in_community, const char *on,
                   int64_t *rule_id_out, int64_t *years_out, struct err *err)
{
    struct db_stmt *st = NULL;
    int rc;

    if (db_prepare(c, &SQL_RULE, &st, err) < 0)
        return -1;
    db_bind_text(st, 1, type);
    db_bind_int(st, 2, in_community ? 1 : 0);
    db_bind_text(st, 3, on);
    db_bind_text(st, 4, on);
    rc = step_one(st, "没有适用的任期规则", err);
    if (rc == 0) {
        *rule_id_out = db_col_int(st, 0);
        *years_out = db_col_int(st, 1);
    }
    db_stmt_free(&st);
    return rc;
}

int org_store_term_close(struct db_conn *c, int64_t org_id, const char *on, struct err *err)
{
    const struct db_sql *steps[] = { &SQL_TERM_CLOSE, &SQL_POSTS_CLOSE };
    struct db_stmt *st = NULL;

    for (size_t i = 0; i < ARRAY_LEN(steps); i++) {
        int rc;
        if (db_prepare(c, steps[i], &st, err) < 0)
            return -1;
        db_bind_text(st, 1, on);
        db_bind_int(st, 2, org_id);
        rc = db_exec_stmt(st, err);
        db_stmt_free(&st);
        if (rc < 0)
            return -1;
    }
    return 0;
}

int org_store_term_insert(struct db_conn *c, int64_t tenant_id, int64_t org_id,
                          const struct org_term_in *in, int64_t years, const char *ends_on,
                          int64_t rule_id, int64_t now, int64_t *id_out, struct err *err)
{
    struct db_stmt *st = NULL;
    int rc, k = 1;

    if (db_prepare(c, &SQL_TERM_INSERT, &st, err) < 0)
        return -1;
    db_bind_int(st, k++, tenant_id);
    db_bind_int(st, k++, org_id);
    db_bind_text(st, k++, in->elected_on);
    db_bind_int(st, k++, years);
    db_bind_text(st, k++, ends_on);
    db_bind_int(st, k++, rule_id);
    db_bind_opt_text(st, k++, in->doc_no);
    db_bind_opt_text(st, k++, in->note);
    db_bind_int(st, k++, now);
    rc = step_one(st, "保存任期失败", err);
    if (rc == 0)
        *id_out = db_col_int(st, 0);
    db_stmt_free(&st);
    return rc;
}

int org_store_post_insert(struct db_conn *c, int64_t term_id, int64_t org_id, int64_t member_id,
                          const char *post, const char *started_on, int64_t now, struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_POST_INSERT, &st, err) < 0)
        return -1;
    db_bind_int(st, 1, term_id);
    db_bind_int(st, 2, org_id);
    db_bind_int(st, 3, member_id);
    db_bind_text(st, 4, post);
    db_bind_text(st, 5, started_on);
    db_bind_int(st, 6, now);
    return db_run(&st, err);
}

int org_store_member_path(struct db_conn *c, int64_t member_id, struct arena *a, const char **out,
                          struct err *err)
{
    struct db_stmt *st = NULL;
    int rc;

    if (db_prepare(c, &SQL_MEMBER_PATH, &st, err) < 0)
        return -1;
    db_bind_int(st, 1, member_id);
    rc = step_one(st, "党员不存在", err);
    if (rc == 0)
        *out = db_col_dup(st, 0, a);
    db_stmt_free(&st);
    return rc;
}

int org_store_terms(struct db_conn *c, int64_t org_id, struct arena *a, struct org_term_view **out,
                    int64_t *n_out, struct err *err)
{
    struct db_stmt *st = NULL;
    struct org_term_view *rows = NULL;
    int64_t n = 0, cap = 0;
    int rc;

    if (db_prepare(c, &SQL_TERMS, &st, err) < 0)
        return -1;
    db_bind_int(st, 1, org_id);
    while ((rc = db_step(st, err)) == DB_ROW) {
        struct org_term_view *t;
        rows = arena_grow(a, rows, n, &cap, sizeof(*rows));
        t = &rows[n++];
        memset(t, 0, sizeof(*t));
        t->id = db_col_int(st, 0);
        t->org_id = db_col_int(st, 1);
        t->elected_on = db_col_dup(st, 2, a);
        t->ends_on = db_col_dup(st, 3, a);
        t->doc_no = db_col_dup(st, 4, a);
        t->note = db_col_dup(st, 5, a);
        t->years = db_col_int(st, 6);
        t->current = db_col_is_null(st, 7);
    }
    db_stmt_free(&st);
    if (rc < 0 || db_prepare(c, &SQL_POSTS, &st, err) < 0)
        return -1;
    db_bind_int(st, 1, org_id);
    while ((rc = db_step(st, err)) == DB_ROW) {
        int64_t term = db_col_int(st, 1);
        for (int64_t i = 0; i < n; i++) {
            struct org_term_view *t = &rows[i];
            struct org_post_view *p;
            int64_t cap_p = t->nposts ? t->nposts : 0;
            if (t->id != term)
                continue;
            /* Posts per term are few: grow one by one. */
            p = arena_alloc(a, sizeof(*p) * (size_t)(cap_p + 1));
            if (t->nposts)
                memcpy(p, t->posts, sizeof(*p) * (size_t)t->nposts);
            t->posts = p;
            p = &t->posts[t->nposts++];
            p->id = db_col_int(st, 0);
            p->term_id = term;
            p->member_id = db_col_int(st, 2);
            p->post = db_col_dup(st, 3, a);
            p->person_name = db_col_dup(st, 4, a);
            p->started_on = db_col_dup(st, 5, a);
            p->ended_on = db_col_dup(st, 6, a);
            break;
        }
    }
    db_stmt_free(&st);
    if (rc < 0)
        return -1;
    *out = rows;
    *n_out = n;
    return 0;
}

int org_store_branch_sizes(struct db_conn *c, const char *path, const char *upper, struct arena *a,
                           struct org_branch_size **out, int64_t *n_out, struct err *err)
{
    struct db_stmt *st = NULL;
    struct org_branch_size *rows = NULL;
    int64_t n = 0, cap = 0;
    int rc;

    if (db_prepare(c, &SQL_BRANCH_SIZES, &st, err) < 0)
        return -1;
    db_bind_text(st, 1, path);
    db_bind_text(st, 2, upper);
    while ((rc = db_step(st, err)) == DB_ROW) {
        struct org_branch_size *b;
        rows = arena_grow(a, rows, n, &cap, sizeof(*rows));
        b = &rows[n++];
        b->id = db_col_int(st, 0);
        b->name = db_col_dup(st, 1, a);
        b->full = db_col_int(st, 2);
        b->active = db_col_int(st, 3);
        b->committee = db_col_int(st, 4) != 0;
    }
    db_stmt_free(&st);
    if (rc < 0)
        return -1;
    *out = rows;
    *n_out = n;
    return 0;
}

int org_store_terms_ending(struct db_conn *c, const char *path, const char *upper,
                           const char *before, struct arena *a, struct org_term_due **out,
                           int64_t *n_out, struct err *err)
{
    struct db_stmt *st = NULL;
    struct org_term_due *rows = NULL;
    int64_t n = 0, cap = 0;
    int rc;

    if (db_prepare(c, &SQL_TERMS_ENDING, &st, err) < 0)
        return -1;
    db_bind_text(st, 1, path);
    db_bind_text(st, 2, upper);
    db_bind_text(st, 3, before);
    while ((rc = db_step(st, err)) == DB_ROW) {
        rows = arena_grow(a, rows, n, &cap, sizeof(*rows));
        rows[n].org_id = db_col_int(st, 0);
        rows[n].org_name = db_col_dup(st, 1, a);
        rows[n].ends_on = db_col_dup(st, 2, a);
        n++;
    }
    db_stmt_free(&st);
    if (rc < 0)
        return -1;
    *out = rows;
    *n_out = n;
    return 0;
}

int org_store_stat_read(struct db_conn *c, int64_t org_id, struct arena *a,
                        struct org_stat_row **out, int64_t *n_out, struct err *err)
{
    struct db_stmt *st = NULL;
    struct org_stat_row *rows = NULL;
    int64_t n = 0, cap = 0;
    int rc;

    if (db_prepare(c, &SQL_STAT_READ, &st, err) < 0)
        return -1;
    db_bind_int(st, 1, org_id);
    while ((rc = db_step(st, err)) == DB_ROW) {
        rows = arena_grow(a, rows, n, &cap, sizeof(*rows));
        rows[n].dim = db_col_dup(st, 0, a);
        rows[n].key = db_col_dup(st, 1, a);
        rows[n].n = db_col_int(st, 2);
        n++;
    }
    db_stmt_free(&st);
    if (rc < 0)
        return -1;
    *out = rows;
    *n_out = n;
    return 0;
}

int org_store_stat_rebuild(struct db_conn *c, struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_STAT_CLEAR, &st, err) < 0 || db_run(&st, err) < 0 ||
        db_prepare(c, &SQL_STAT_REBUILD, &st, err) < 0)
        return -1;
    return db_run(&st, err);
}

int org_store_stat_diff(struct db_conn *c, int64_t limit, struct arena *a,
                        struct org_stat_diff **out, int64_t *n_out, struct err *err)
{
    struct db_stmt *st = NULL;
    struct org_stat_diff *rows = NULL;
    int64_t n = 0, cap = 0;
    int rc;

    if (db_prepare(c, &SQL_STAT_DIFF, &st, err) < 0)
        return -1;
    db_bind_int(st, 1, limit);
    while ((rc = db_step(st, err)) == DB_ROW) {
        rows = arena_grow(a, rows, n, &cap, sizeof(*rows));
        rows[n].org_id = db_col_int(st, 0);
        rows[n].dim = db_col_dup(st, 1, a);
        rows[n].key = db_col_dup(st, 2, a);
        rows[n].recount = db_col_int(st, 3);
        rows[n].stored = db_col_int(st, 4);
        n++;
    }
    db_stmt_free(&st);
    if (rc < 0)
        return -1;
    *out = rows;
    *n_out = n;
    return 0;
}

int org_store_type_counts(struct db_conn *c, const char *path, const char *upper, struct arena *a,
                          struct org_count **out, int64_t *n_out, struct err *err)
{
    struct db_stmt *st = NULL;
    struct org_count *rows = NULL;
    int64_t n = 0, cap = 0;
    int rc;

    if (db_prepare(c, &SQL_COUNT_ORG_TYPE, &st, err) < 0)
        return -1;
    db_bind_text(st, 1, path);
    db_bind_text(st, 2, upper);
    while ((rc = db_step(st, err)) == DB_ROW) {
        rows = arena_grow(a, rows, n, &cap, sizeof(*rows));
        rows[n].key = db_col_dup(st, 0, a);
        rows[n].label = rows[n].key;
        rows[n].n = db_col_int(st, 1);
        n++;
    }
    db_stmt_free(&st);
    if (rc < 0)
        return -1;
    *out = rows;
    *n_out = n;
    return 0;
}
