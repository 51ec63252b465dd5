/* funds_store.c: the funds area's SQL, as named statements, and the mapping of rows to structs
 * in the caller's arena: orgs with the levels above them, rule and category rows, budgets,
 * plans with activities and lines, allocations, spending and the ledger sums. It checks no
 * rule (funds.c and funds_rules.c do) and begins no transaction. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/funds/funds_int.h"

#define COMMUNITY_TYPES "('community_committee', 'general_branch')"

static const struct db_sql SQL_ORG = {
    .name = "funds.org",
    .sql = "SELECT o.id, o.tenant_id, o.path, o.type, o.name, COALESCE(p.id, 0), "
           "COALESCE(p.type, ''), COALESCE(g.id, 0), COALESCE(g.type, '') FROM org o "
           "LEFT JOIN org p ON p.id = o.parent_id LEFT JOIN org g ON g.id = p.parent_id "
           "WHERE o.id = ? AND o.dissolved_on IS NULL",
};
static const struct db_sql SQL_RULES = {
    .name = "funds.rules",
    .sql = "SELECT rule_id, rule_set, param, valid_from, valid_to, confidence, source "
           "FROM fund_rule ORDER BY rule_id, valid_from",
};
static const struct db_sql SQL_CATEGORIES = {
    .name = "funds.categories",
    .sql = "SELECT code, label FROM fund_category WHERE enabled = 1 ORDER BY sort, code",
};
static const struct db_sql SQL_PLAN_INSERT = {
    .name = "funds.plan_insert",
    .sql = "INSERT INTO fund_plan (tenant_id, org_id, org_path, year, quarter, status, deadline, "
           "created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?) "
           "RETURNING id",
};
static const struct db_sql SQL_ACTIVITY_INSERT = {
    .name = "funds.activity_insert",
    .sql = "INSERT INTO fund_activity (plan_id, seq, title, content, held_on, participants, "
           "requested_fen) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
};
static const struct db_sql SQL_LINE_INSERT = {
    .name = "funds.line_insert",
    .sql = "INSERT INTO fund_line (activity_id, seq, category, amount_fen) VALUES (?, ?, ?, ?)",
};
#define PLAN_COLS                                                                                  \
    "p.id, p.org_id, p.year, p.quarter, p.created_at, COALESCE(p.submitted_at, 0), "               \
    "COALESCE(p.forwarded_at, 0), COALESCE(p.reviewed_at, 0), o.name, p.status, p.deadline"
static const struct db_sql SQL_PLAN = {
    .name = "funds.plan",
    .sql = "SELECT " PLAN_COLS " FROM fund_plan p JOIN org o ON o.id = p.org_id WHERE p.id = ?",
};
static const struct db_sql SQL_PLANS = {
    .name = "funds.plans",
    .sql = "SELECT " PLAN_COLS " FROM fund_plan p JOIN org o ON o.id = p.org_id "
           "WHERE p.org_path LIKE ? || '%' AND p.year = ? AND p.quarter BETWEEN ? AND ? "
           "AND p.status = COALESCE(?, p.status) ORDER BY p.quarter, p.org_id LIMIT 500",
};
static const struct db_sql SQL_ACTIVITIES = {
    .name = "funds.activities",
    .sql = "SELECT a.id, a.plan_id, a.seq, a.participants, a.requested_fen, "
           "COALESCE(a.approved_fen, -1), a.title, a.content, a.held_on, a.street_comment, "
           "a.decision, a.reason, a.used_on, COALESCE(a.used_participants, -1), a.summary, "
           "a.check_result, a.check_reason, COALESCE((SELECT x.amount_fen FROM fund_allocation x "
           "WHERE x.activity_id = a.id), 0), COALESCE((SELECT SUM(s.amount_fen) FROM fund_spend s "
           "WHERE s.activity_id = a.id), 0) FROM fund_activity a WHERE a.plan_id = ? "
           "ORDER BY a.seq",
};
static const struct db_sql SQL_SPENDING = {
    .name = "funds.spending",
    .sql = "SELECT s.activity_id, s.amount_fen, s.category, c.label, s.spent_on, s.receipt_no "
           "FROM fund_spend s JOIN fund_activity a ON a.id = s.activity_id JOIN fund_category c "
           "ON c.code = s.category WHERE a.plan_id = ? ORDER BY a.seq, s.id",
};
static const struct db_sql SQL_PHOTO_IDS = {
    .name = "funds.photo_ids",
    .sql = "SELECT p.activity_id, p.id FROM fund_photo p JOIN fund_activity a ON "
           "a.id = p.activity_id WHERE a.plan_id = ? ORDER BY a.seq, p.id",
};
static const struct db_sql SQL_ACTIVITY_PLAN = {
    .name = "funds.activity_plan",
    .sql = "SELECT plan_id FROM fund_activity WHERE id = ?",
};
static const struct db_sql SQL_USE = {
    .name = "funds.use",
    .sql = "UPDATE fund_activity SET used_on = ?, used_participants = ?, summary = ?, "
           "used_by = ?, used_at = ? WHERE id = ? AND used_on IS NULL",
};
static const struct db_sql SQL_CHECK = {
    .name = "funds.check",
    .sql = "UPDATE fund_activity SET check_result = ?, check_reason = ?, checked_by = ?, "
           "checked_at = ? WHERE id = ?",
};
static const struct db_sql SQL_PHOTO_INSERT = {
    .name = "funds.photo_insert",
    .sql = "INSERT INTO fund_photo (activity_id, file_name, kind, content_type, size, "
           "stripped_bytes, data, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
           "RETURNING id",
};
static const struct db_sql SQL_PHOTO = {
    .name = "funds.photo",
    .sql = "SELECT id, activity_id, size, stripped_bytes, uploaded_at, file_name, kind, "
           "content_type, data FROM fund_photo WHERE id = ? AND activity_id = ?",
};
static const struct db_sql SQL_VARIANCE = {
    .name = "funds.variance",
    .sql = "SELECT a.id, p.org_id, p.quarter, x.amount_fen, COALESCE((SELECT SUM(s.amount_fen) "
           "FROM fund_spend s WHERE s.activity_id = a.id), 0), o.name, a.title, a.used_on, "
           "a.check_result, a.check_reason FROM fund_allocation x JOIN fund_activity a ON "
           "a.id = x.activity_id JOIN fund_plan p ON p.id = a.plan_id JOIN org o ON "
           "o.id = p.org_id WHERE x.org_path LIKE ? || '%' AND x.year = ? "
           "ORDER BY p.org_id, p.quarter, a.seq",
};

static const struct db_sql SQL_LINES = {
    .name = "funds.lines",
    .sql = "SELECT l.activity_id, l.amount_fen, l.category, c.label FROM fund_line l "
           "JOIN fund_activity a ON a.id = l.activity_id JOIN fund_category c ON "
           "c.code = l.category WHERE a.plan_id = ? ORDER BY a.seq, l.seq",
};
/* The step's time goes into the column of the status the plan leaves (SET sees the old row). */
static const struct db_sql SQL_PLAN_MOVE = {
    .name = "funds.plan_move",
    .sql = "UPDATE fund_plan SET status = ?, updated_at = ?, "
           "submitted_at = CASE WHEN status = 'draft' THEN ? ELSE submitted_at END, "
           "forwarded_at = CASE WHEN status = 'submitted' THEN ? ELSE forwarded_at END, "
           "forwarded_by = CASE WHEN status = 'submitted' THEN ? ELSE forwarded_by END, "
           "reviewed_at = CASE WHEN status = 'forwarded' THEN ? ELSE reviewed_at END "
           "WHERE id = ? AND status = ?",
};
static const struct db_sql SQL_COMMENT = {
    .name = "funds.comment",
    .sql = "UPDATE fund_activity SET street_comment = ? WHERE id = ?",
};
static const struct db_sql SQL_DECIDE = {
    .name = "funds.decide",
    .sql = "UPDATE fund_activity SET decision = ?, approved_fen = ?, reason = ?, decided_by = ?, "
           "decided_at = ? WHERE id = ?",
};
static const struct db_sql SQL_UNDECIDED = {
    .name = "funds.undecided",
    .sql = "SELECT COUNT(*) FROM fund_activity WHERE plan_id = ? AND decision IS NULL",
};
static const struct db_sql SQL_SUBMITTED = {
    .name = "funds.submitted",
    .sql = "SELECT id FROM fund_plan WHERE org_path LIKE ? || '%' AND year = ? AND quarter = ? "
           "AND status = 'submitted' ORDER BY id",
};
static const struct db_sql SQL_BUDGET = {
    .name = "funds.budget",
    .sql = "SELECT org_id, year, amount_fen, reserve_fen, source, rule_id, rule_set "
           "FROM fund_budget WHERE org_id = ? AND year = ?",
};
static const struct db_sql SQL_BUDGET_PUT = {
    .name = "funds.budget_put",
    .sql = "INSERT INTO fund_budget (tenant_id, org_id, org_path, year, amount_fen, reserve_fen, "
           "source, rule_id, rule_set, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
           "ON CONFLICT (org_id, year) DO UPDATE SET amount_fen = excluded.amount_fen, "
           "reserve_fen = excluded.reserve_fen, source = excluded.source, "
           "rule_id = excluded.rule_id, rule_set = excluded.rule_set, set_by = excluded.set_by, "
           "set_at = excluded.set_at",
};
static const struct db_sql SQL_ALLOCATED = {
    .name = "funds.allocated",
    .sql = "SELECT COALESCE(SUM(amount_fen), 0) FROM fund_allocation WHERE org_id = ? AND "
           "year = ?",
};
static const struct db_sql SQL_APPROVED = {
    .name = "funds.approved",
    .sql = "SELECT id, approved_fen FROM fund_activity WHERE plan_id = ? AND decision IN "
           "('approved', 'adjusted') AND approved_fen > 0 ORDER BY seq",
};
static const struct db_sql SQL_ALLOCATION_INSERT = {
    .name = "funds.allocation_insert",
    .sql = "INSERT INTO fund_allocation (tenant_id, org_id, org_path, year, quarter, plan_id, "
           "activity_id, amount_fen, override_reason, created_by, created_at) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
};
static const struct db_sql SQL_SPEND_INSERT = {
    .name = "funds.spend_insert",
    .sql = "INSERT INTO fund_spend (tenant_id, org_id, org_path, year, activity_id, category, "
           "amount_fen, spent_on, receipt_no, created_by, created_at) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
};
/* Every community (a 社区党委/党总支 whose parent is a street) at or under the path. */
static const struct db_sql SQL_LEDGER = {
    .name = "funds.ledger",
    .sql = "SELECT o.id, o.path, o.name, "
           "COALESCE((SELECT b.amount_fen FROM fund_budget b WHERE b.org_id = o.id "
           "AND b.year = ?), 0), "
           "COALESCE((SELECT b.reserve_fen FROM fund_budget b WHERE b.org_id = o.id "
           "AND b.year = ?), 0), "
           "COALESCE((SELECT SUM(x.amount_fen) FROM fund_allocation x WHERE x.org_id = o.id "
           "AND x.year = ?), 0), "
           "COALESCE((SELECT SUM(s.amount_fen) FROM fund_spend s WHERE s.org_id = o.id "
           "AND s.year = ?), 0) "
           "FROM org o JOIN org p ON p.id = o.parent_id WHERE o.path LIKE ? || '%' "
           "AND p.type = 'street' AND o.type IN " COMMUNITY_TYPES
           " AND o.dissolved_on IS NULL ORDER BY o.id",
};
/* A quarter's allocated activities per community: held, checked, participants. */
static const struct db_sql SQL_INCENTIVE = {
    .name = "funds.incentive",
    .sql = "SELECT o.id, o.name, COALESCE(s.planned, 0), COALESCE(s.held, 0), "
           "COALESCE(s.as_planned, 0), COALESCE(s.partly, 0), COALESCE(s.people, 0), "
           "COALESCE(b.amount_fen - b.reserve_fen, 0) FROM org o JOIN org p ON p.id = o.parent_id "
           "LEFT JOIN (SELECT x.org_id, COUNT(*) AS planned, "
           "SUM(CASE WHEN a.used_on IS NOT NULL THEN 1 ELSE 0 END) AS held, "
           "SUM(CASE WHEN a.check_result = 'as_planned' THEN 1 ELSE 0 END) AS as_planned, "
           "SUM(CASE WHEN a.check_result = 'partly' THEN 1 ELSE 0 END) AS partly, "
           "SUM(CASE WHEN a.used_on IS NOT NULL THEN a.used_participants ELSE 0 END) AS people "
           "FROM fund_allocation x JOIN fund_activity a ON a.id = x.activity_id "
           "WHERE x.org_path LIKE ? || '%' AND x.year = ? AND x.quarter = ? GROUP BY x.org_id) s "
           "ON s.org_id = o.id LEFT JOIN fund_budget b ON b.org_id = o.id AND b.year = ? "
           "WHERE o.path LIKE ? || '%' AND p.type = 'street' AND o.type IN " COMMUNITY_TYPES
           " AND o.dissolved_on IS NULL ORDER BY o.id",
};
static const struct db_sql SQL_RESERVES = {
    .name = "funds.reserves",
    .sql = "SELECT COALESCE(SUM(reserve_fen), 0) FROM fund_budget WHERE org_path LIKE ? || '%' "
           "AND year = ?",
};
/* What is left of the district pools above path for year: each district's reserves under it
 * less what it paid out (negative when a lowered reserve left a pool under its payouts). */
static const struct db_sql SQL_POOL_LEFT = {
    .name = "funds.pool_left",
    .sql = "SELECT COALESCE(MIN((SELECT COALESCE(SUM(b.reserve_fen), 0) FROM fund_budget b WHERE "
           "b.org_path LIKE d.path || '%' AND b.year = ?) - (SELECT COALESCE(SUM(r.amount_fen), 0) "
           "FROM fund_reward r WHERE r.org_id = d.id AND r.year = ?)), 0) FROM org d WHERE "
           "d.type = 'district' AND ? LIKE d.path || '%'",
};
static const struct db_sql SQL_SHARES = {
    .name = "funds.shares",
    .sql = "SELECT COALESCE(SUM(amount_fen), 0) FROM fund_reward WHERE kind = 'share' AND "
           "recipient_org_id = ? AND year = ?",
};
static const struct db_sql SQL_REWARD_PAID = {
    .name = "funds.reward_paid",
    .sql = "SELECT COALESCE(SUM(amount_fen), 0) FROM fund_reward WHERE org_id = ? AND year = ?",
};
static const struct db_sql SQL_MEMBER_UNDER = {
    .name = "funds.member_under",
    .sql = "SELECT COUNT(*) FROM member WHERE person_id = ? AND org_path LIKE ? || '%' AND "
           "status IN ('probationary', 'full')",
};
static const struct db_sql SQL_REWARD_INSERT = {
    .name = "funds.reward_insert",
    .sql = "INSERT INTO fund_reward (tenant_id, org_id, org_path, year, kind, recipient_org_id, "
           "person_id, title, amount_fen, awarded_on, evidence, created_by, created_at) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
};
static const struct db_sql SQL_REWARDS = {
    .name = "funds.rewards",
    .sql = "SELECT r.id, r.org_id, r.year, COALESCE(r.recipient_org_id, 0), "
           "COALESCE(r.person_id, 0), r.amount_fen, r.kind, r.title, r.awarded_on, r.evidence, "
           "COALESCE(p.name, o.name), (SELECT mo.name FROM member m JOIN org mo ON "
           "mo.id = m.org_id WHERE m.person_id = r.person_id ORDER BY m.id DESC LIMIT 1) "
           "FROM fund_reward r LEFT JOIN org o ON o.id = r.recipient_org_id "
           "LEFT JOIN person p ON p.id = r.person_id WHERE r.org_id = ? AND r.year = ? "
           "ORDER BY r.awarded_on, r.id",
};
static const struct db_sql SQL_CHILDREN = {
    .name = "funds.children",
    .sql = "SELECT id, path, name FROM org WHERE parent_id = ? AND dissolved_on IS NULL AND "
           "type IN ('street', 'community_committee', 'general_branch') ORDER BY id",
};

static void read_org(struct db_stmt *st, struct arena *a, void *row)
{
    struct funds_org *o = row;
    const char *ptype = db_col_text(st, 6), *gtype = db_col_text(st, 8);

    o->id = db_col_int(st, 0);
    o->tenant_id = db_col_int(st, 1);
    o->path = db_col_dup(st, 2, a);
    o->type = db_col_dup(st, 3, a);
    o->name = db_col_dup(st, 4, a);
    o->community =
        (!strcmp(o->type, "community_committee") || !strcmp(o->type, "general_branch")) &&
        !strcmp(ptype, "street");
    if (o->community) {
        o->street_id = db_col_int(st, 5);
        o->district_id = !strcmp(gtype, "district") ? db_col_int(st, 7) : 0;
    } else if (!strcmp(o->type, "street")) {
        o->street_id = o->id;
        o->district_id = !strcmp(ptype, "district") ? db_col_int(st, 5) : 0;
    } else if (!strcmp(o->type, "district")) {
        o->district_id = o->id;
    }
}

int funds_store_org(struct db_conn *c, int64_t org_id, struct arena *a, struct funds_org *out,
                    struct err *err)
{
    return db_read_by_id(c, &SQL_ORG, org_id, read_org, a, out, "/org_id", "党组织不存在", err);
}

static void read_rule(struct db_stmt *st, struct arena *a, void *row)
{
    struct funds_rule *r = row;

    r->rule_id = db_col_dup(st, 0, a);
    r->rule_set = db_col_dup(st, 1, a);
    r->param = db_col_dup(st, 2, a);
    r->valid_from = db_col_dup(st, 3, a);
    r->valid_to = db_col_dup(st, 4, a);
    r->confidence = db_col_dup(st, 5, a);
    r->source = db_col_dup(st, 6, a);
}

int funds_store_rules(struct db_conn *c, struct arena *a, struct funds_rule **out, int64_t *n_out,
                      struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_RULES, &st, err) < 0)
        return -1;
    return db_read_rows(&st, read_rule, sizeof(**out), a, out, n_out, err);
}

static void read_category(struct db_stmt *st, struct arena *a, void *row)
{
    struct funds_category *k = row;

    k->code = db_col_dup(st, 0, a);
    k->label = db_col_dup(st, 1, a);
}

int funds_store_categories(struct db_conn *c, struct arena *a, struct funds_category **out,
                           int64_t *n_out, struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_CATEGORIES, &st, err) < 0)
        return -1;
    return db_read_rows(&st, read_category, sizeof(**out), a, out, n_out, err);
}

int funds_store_plan_insert(struct db_conn *c, const struct funds_org *o,
                            const struct funds_plan_in *in, const char *deadline, int64_t by,
                            int64_t now, int64_t *id_out, struct err *err)
{
    int rc = db_run_id_args(c, &SQL_PLAN_INSERT,
                            DB_ARGS(DB_INT(o->tenant_id), DB_INT(o->id), DB_TEXT(o->path),
                                    DB_INT(in->year), DB_INT(in->quarter), DB_TEXT(deadline),
                                    DB_OPT_ID(by), DB_INT(now), DB_INT(now)),
                            id_out, err);

    return db_conflict_on(rc, "/quarter", "该社区本季度已有经费计划，请在原计划上修改", err);
}

int funds_store_activity_insert(struct db_conn *c, int64_t plan_id, int64_t seq,
                                const struct funds_activity_in *in, int64_t requested_fen,
                                int64_t *id_out, struct err *err)
{
    return db_run_id_args(c, &SQL_ACTIVITY_INSERT,
                          DB_ARGS(DB_INT(plan_id), DB_INT(seq), DB_TEXT(in->title),
                                  DB_OPT_TEXT(in->content ? in->content : ""), DB_TEXT(in->date),
                                  DB_INT(in->participants), DB_INT(requested_fen)),
                          id_out, err);
}

int funds_store_line_insert(struct db_conn *c, int64_t activity_id, int64_t seq,
                            const char *category, int64_t amount_fen, struct err *err)
{
    return db_run_args(
        c, &SQL_LINE_INSERT,
        DB_ARGS(DB_INT(activity_id), DB_INT(seq), DB_TEXT(category), DB_INT(amount_fen)), err);
}

static void read_plan(struct db_stmt *st, struct arena *a, void *row)
{
    struct funds_plan *p = row;

    p->id = db_col_int(st, 0);
    p->org_id = db_col_int(st, 1);
    p->year = db_col_int(st, 2);
    p->quarter = db_col_int(st, 3);
    p->created_at = db_col_int(st, 4);
    p->submitted_at = db_col_int(st, 5);
    p->forwarded_at = db_col_int(st, 6);
    p->reviewed_at = db_col_int(st, 7);
    p->org_name = db_col_dup(st, 8, a);
    p->status = db_col_dup(st, 9, a);
    p->deadline = db_col_dup(st, 10, a);
}

int funds_store_plan(struct db_conn *c, int64_t id, struct arena *a, struct funds_plan *out,
                     struct err *err)
{
    return db_read_by_id(c, &SQL_PLAN, id, read_plan, a, out, "/id", "经费计划不存在", err);
}

int funds_store_plans(struct db_conn *c, const char *path, int64_t year, int64_t quarter,
                      const char *status, struct arena *a, struct funds_plan **out, int64_t *n_out,
                      struct err *err)
{
    return db_read_rows_args(c, &SQL_PLANS,
                             DB_ARGS(DB_TEXT(path), DB_INT(year), DB_INT(quarter ? quarter : 1),
                                     DB_INT(quarter ? quarter : 4), DB_TEXT(status)),
                             read_plan, sizeof(**out), a, out, n_out, err);
}

static void read_activity(struct db_stmt *st, struct arena *a, void *row)
{
    struct funds_activity *v = row;

    v->id = db_col_int(st, 0);
    v->plan_id = db_col_int(st, 1);
    v->seq = db_col_int(st, 2);
    v->participants = db_col_int(st, 3);
    v->requested_fen = db_col_int(st, 4);
    v->approved_fen = db_col_int(st, 5);
    v->title = db_col_dup(st, 6, a);
    v->content = db_col_dup(st, 7, a);
    v->held_on = db_col_dup(st, 8, a);
    v->street_comment = db_col_dup(st, 9, a);
    v->decision = db_col_dup(st, 10, a);
    v->reason = db_col_dup(st, 11, a);
    v->used_on = db_col_dup(st, 12, a);
    v->used_participants = db_col_int(st, 13);
    v->summary = db_col_dup(st, 14, a);
    v->check_result = db_col_dup(st, 15, a);
    v->check_reason = db_col_dup(st, 16, a);
    v->allocated_fen = db_col_int(st, 17);
    v->spent_fen = db_col_int(st, 18);
}

static void read_spend(struct db_stmt *st, struct arena *a, void *row)
{
    struct funds_spend *s = row;

    s->activity_id = db_col_int(st, 0);
    s->amount_fen = db_col_int(st, 1);
    s->category = db_col_dup(st, 2, a);
    s->label = db_col_dup(st, 3, a);
    s->spent_on = db_col_dup(st, 4, a);
    s->receipt_no = db_col_dup(st, 5, a);
}

struct photo_ref {
    int64_t activity_id, id;
};
static void read_photo_ref(struct db_stmt *st, struct arena *a, void *row)
{
    struct photo_ref *r = row;

    UNUSED(a);
    r->activity_id = db_col_int(st, 0);
    r->id = db_col_int(st, 1);
}

static void read_line(struct db_stmt *st, struct arena *a, void *row)
{
    struct funds_line *l = row;

    l->activity_id = db_col_int(st, 0);
    l->amount_fen = db_col_int(st, 1);
    l->category = db_col_dup(st, 2, a);
    l->label = db_col_dup(st, 3, a);
}

int funds_store_plan_activities(struct db_conn *c, struct funds_plan *p, struct arena *a,
                                struct err *err)
{
    struct funds_line *lines;
    struct funds_spend *spend;
    struct photo_ref *photos;
    int64_t nlines, nspend, nphotos, k = 0, m = 0, q = 0;

    if (db_read_rows_args(c, &SQL_ACTIVITIES, DB_ARGS(DB_INT(p->id)), read_activity,
                          sizeof(*p->activities), a, &p->activities, &p->nactivities, err) < 0 ||
        db_read_rows_args(c, &SQL_LINES, DB_ARGS(DB_INT(p->id)), read_line, sizeof(*lines), a,
                          &lines, &nlines, err) < 0 ||
        db_read_rows_args(c, &SQL_SPENDING, DB_ARGS(DB_INT(p->id)), read_spend, sizeof(*spend), a,
                          &spend, &nspend, err) < 0 ||
        db_read_rows_args(c, &SQL_PHOTO_IDS, DB_ARGS(DB_INT(p->id)), read_photo_ref,
                          sizeof(*photos), a, &photos, &nphotos, err) < 0)
        return -1;
    /* Each list comes in activity order, so an activity's rows are one run of its array. */
    for (int64_t i = 0; i < p->nactivities; i++) {
        struct funds_activity *v = &p->activities[i];
        v->lines = lines + k;
        while (k < nlines && lines[k].activity_id == v->id) {
            v->nlines++;
            k++;
        }
        v->spending = spend + m;
        while (m < nspend && spend[m].activity_id == v->id) {
            v->nspending++;
            m++;
        }
        v->photo_ids = arena_alloc(a, sizeof(int64_t) * (size_t)(nphotos ? nphotos : 1));
        while (q < nphotos && photos[q].activity_id == v->id)
            v->photo_ids[v->nphotos++] = photos[q++].id;
    }
    return 0;
}

int funds_store_activity_plan_id(struct db_conn *c, int64_t activity_id, int64_t *plan_id_out,
                                 struct err *err)
{
    return db_read_by_id(c, &SQL_ACTIVITY_PLAN, activity_id, db_read_int, NULL, plan_id_out, "/id",
                         "活动不存在", err);
}

int funds_store_use(struct db_conn *c, int64_t activity_id, const struct funds_use_in *in,
                    int64_t by, int64_t now, struct err *err)
{
    if (db_run_args(c, &SQL_USE,
                    DB_ARGS(DB_TEXT(in->held_on), DB_INT(in->participants),
                            DB_OPT_TEXT(in->summary ? in->summary : ""), DB_OPT_ID(by), DB_INT(now),
                            DB_INT(activity_id)),
                    err) < 0)
        return -1;
    if (db_changes(c) != 1)
        return err_set(err, E_CONFLICT, "/id", "该活动已登记使用情况");
    return 0;
}

int funds_store_check(struct db_conn *c, int64_t activity_id, const char *result,
                      const char *reason, int64_t by, int64_t now, struct err *err)
{
    return db_run_args(c, &SQL_CHECK,
                       DB_ARGS(DB_TEXT(result), DB_OPT_TEXT(reason ? reason : ""), DB_OPT_ID(by),
                               DB_INT(now), DB_INT(activity_id)),
                       err);
}

int funds_store_photo_insert(struct db_conn *c, const struct funds_photo *p, int64_t by,
                             int64_t *id_out, struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_PHOTO_INSERT, &st, err) < 0)
        return -1;
    db_bind_int(st, 1, p->activity_id);
    db_bind_text(st, 2, p->file_name);
    db_bind_text(st, 3, p->kind);
    db_bind_text(st, 4, p->content_type);
    db_bind_int(st, 5, p->size);
    db_bind_int(st, 6, p->stripped_bytes);
    db_bind_blob(st, 7, p->data, (size_t)p->size);
    db_bind_opt_id(st, 8, by);
    db_bind_int(st, 9, p->uploaded_at);
    return db_run_id(&st, id_out, err);
}

static void read_photo(struct db_stmt *st, struct arena *a, void *row)
{
    struct funds_photo *p = row;
    size_t n = 0;
    const void *data = db_col_blob(st, 8, &n);
    void *copy = arena_alloc(a, n ? n : 1);

    p->id = db_col_int(st, 0);
    p->activity_id = db_col_int(st, 1);
    p->stripped_bytes = db_col_int(st, 3);
    p->uploaded_at = db_col_int(st, 4);
    p->file_name = db_col_dup(st, 5, a);
    p->kind = db_col_dup(st, 6, a);
    p->content_type = db_col_dup(st, 7, a);
    if (n)
        memcpy(copy, data, n);
    p->data = copy;
    p->size = (int64_t)n;
}

int funds_store_photo(struct db_conn *c, int64_t activity_id, int64_t photo_id, struct arena *a,
                      struct funds_photo *out, struct err *err)
{
    return db_read_one_args(c, &SQL_PHOTO, DB_ARGS(DB_INT(photo_id), DB_INT(activity_id)),
                            read_photo, a, out, "/photo_id", "照片不存在", err);
}

static void read_variance(struct db_stmt *st, struct arena *a, void *row)
{
    struct funds_variance_row *r = row;

    r->activity_id = db_col_int(st, 0);
    r->org_id = db_col_int(st, 1);
    r->quarter = db_col_int(st, 2);
    r->approved_fen = db_col_int(st, 3);
    r->spent_fen = db_col_int(st, 4);
    r->org_name = db_col_dup(st, 5, a);
    r->title = db_col_dup(st, 6, a);
    r->used_on = db_col_dup(st, 7, a);
    r->check_result = db_col_dup(st, 8, a);
    r->check_reason = db_col_dup(st, 9, a);
}

int funds_store_variance(struct db_conn *c, const char *path, int64_t year, struct arena *a,
                         struct funds_variance_row **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_VARIANCE, DB_ARGS(DB_TEXT(path), DB_INT(year)), read_variance,
                             sizeof(**out), a, out, n_out, err);
}

int funds_store_plan_move(struct db_conn *c, int64_t id, const char *from, const char *to,
                          int64_t by, int64_t now, const char *msg, struct err *err)
{
    if (db_run_args(c, &SQL_PLAN_MOVE,
                    DB_ARGS(DB_TEXT(to), DB_INT(now), DB_INT(now), DB_INT(now), DB_OPT_ID(by),
                            DB_INT(now), DB_INT(id), DB_TEXT(from)),
                    err) < 0)
        return -1;
    if (db_changes(c) != 1)
        return err_set(err, E_CONFLICT, "/status", "%s", msg);
    return 0;
}

int funds_store_comment(struct db_conn *c, int64_t activity_id, const char *comment,
                        struct err *err)
{
    return db_run_args(c, &SQL_COMMENT, DB_ARGS(DB_OPT_TEXT(comment), DB_INT(activity_id)), err);
}

int funds_store_decide(struct db_conn *c, int64_t activity_id, const char *decision,
                       int64_t approved_fen, const char *reason, int64_t by, int64_t now,
                       struct err *err)
{
    return db_run_args(c, &SQL_DECIDE,
                       DB_ARGS(DB_TEXT(decision), DB_INT(approved_fen),
                               DB_OPT_TEXT(reason ? reason : ""), DB_OPT_ID(by), DB_INT(now),
                               DB_INT(activity_id)),
                       err);
}

int funds_store_undecided(struct db_conn *c, int64_t plan_id, int64_t *n_out, struct err *err)
{
    return db_read_one_args(c, &SQL_UNDECIDED, DB_ARGS(DB_INT(plan_id)), db_read_int, NULL, n_out,
                            "/id", "经费计划不存在", err);
}

int funds_store_submitted(struct db_conn *c, const char *path, int64_t year, int64_t quarter,
                          struct arena *a, int64_t **ids_out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_SUBMITTED,
                             DB_ARGS(DB_TEXT(path), DB_INT(year), DB_INT(quarter)), db_read_int,
                             sizeof(**ids_out), a, ids_out, n_out, err);
}

static void read_budget(struct db_stmt *st, struct arena *a, void *row)
{
    struct funds_budget *b = row;

    b->org_id = db_col_int(st, 0);
    b->year = db_col_int(st, 1);
    b->amount_fen = db_col_int(st, 2);
    b->reserve_fen = db_col_int(st, 3);
    b->source = db_col_dup(st, 4, a);
    b->rule_id = db_col_dup(st, 5, a);
    b->rule_set = db_col_dup(st, 6, a);
}

int funds_store_budget(struct db_conn *c, int64_t org_id, int64_t year, struct arena *a,
                       struct funds_budget *out, bool *found_out, struct err *err)
{
    return db_read_opt_args(c, &SQL_BUDGET, DB_ARGS(DB_INT(org_id), DB_INT(year)), read_budget, a,
                            out, found_out, err);
}

int funds_store_budget_put(struct db_conn *c, const struct funds_org *o,
                           const struct funds_budget *b, int64_t by, int64_t now, struct err *err)
{
    return db_run_args(c, &SQL_BUDGET_PUT,
                       DB_ARGS(DB_INT(o->tenant_id), DB_INT(o->id), DB_TEXT(o->path),
                               DB_INT(b->year), DB_INT(b->amount_fen), DB_INT(b->reserve_fen),
                               DB_TEXT(b->source), DB_TEXT(b->rule_id), DB_TEXT(b->rule_set),
                               DB_OPT_ID(by), DB_INT(now)),
                       err);
}

int funds_store_allocated(struct db_conn *c, int64_t org_id, int64_t year, int64_t *sum_out,
                          struct err *err)
{
    return db_read_one_args(c, &SQL_ALLOCATED, DB_ARGS(DB_INT(org_id), DB_INT(year)), db_read_int,
                            NULL, sum_out, "/org_id", "党组织不存在", err);
}

static void read_alloc(struct db_stmt *st, struct arena *a, void *row)
{
    struct funds_alloc_row *r = row;

    UNUSED(a);
    r->activity_id = db_col_int(st, 0);
    r->amount_fen = db_col_int(st, 1);
}

int funds_store_approved(struct db_conn *c, int64_t plan_id, struct arena *a,
                         struct funds_alloc_row **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_APPROVED, DB_ARGS(DB_INT(plan_id)), read_alloc, sizeof(**out),
                             a, out, n_out, err);
}

int funds_store_allocation_insert(struct db_conn *c, const struct funds_plan *p,
                                  const char *org_path, int64_t tenant_id,
                                  const struct funds_alloc_row *r, const char *override_reason,
                                  int64_t by, int64_t now, struct err *err)
{
    return db_run_args(
        c, &SQL_ALLOCATION_INSERT,
        DB_ARGS(DB_INT(tenant_id), DB_INT(p->org_id), DB_TEXT(org_path), DB_INT(p->year),
                DB_INT(p->quarter), DB_INT(p->id), DB_INT(r->activity_id), DB_INT(r->amount_fen),
                DB_OPT_TEXT(override_reason ? override_reason : ""), DB_OPT_ID(by), DB_INT(now)),
        err);
}

int funds_store_spend_insert(struct db_conn *c, const struct funds_plan *p, const char *org_path,
                             int64_t tenant_id, int64_t activity_id, const char *category,
                             int64_t amount_fen, const char *spent_on, const char *receipt_no,
                             int64_t by, int64_t now, struct err *err)
{
    return db_run_args(
        c, &SQL_SPEND_INSERT,
        DB_ARGS(DB_INT(tenant_id), DB_INT(p->org_id), DB_TEXT(org_path), DB_INT(p->year),
                DB_INT(activity_id), DB_TEXT(category), DB_INT(amount_fen), DB_TEXT(spent_on),
                DB_OPT_TEXT(receipt_no ? receipt_no : ""), DB_OPT_ID(by), DB_INT(now)),
        err);
}

static void read_ledger(struct db_stmt *st, struct arena *a, void *row)
{
    struct funds_ledger_row *r = row;

    r->org_id = db_col_int(st, 0);
    r->org_path = db_col_dup(st, 1, a);
    r->name = db_col_dup(st, 2, a);
    r->budget_fen = db_col_int(st, 3);
    r->reserve_fen = db_col_int(st, 4);
    r->allocated_fen = db_col_int(st, 5);
    r->spent_fen = db_col_int(st, 6);
    r->remaining_fen = r->budget_fen - r->reserve_fen - r->allocated_fen;
}

int funds_store_ledger(struct db_conn *c, const char *path, int64_t year, struct arena *a,
                       struct funds_ledger_row **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(
        c, &SQL_LEDGER,
        DB_ARGS(DB_INT(year), DB_INT(year), DB_INT(year), DB_INT(year), DB_TEXT(path)), read_ledger,
        sizeof(**out), a, out, n_out, err);
}

static void read_child(struct db_stmt *st, struct arena *a, void *row)
{
    struct funds_ledger_row *r = row;

    r->org_id = db_col_int(st, 0);
    r->org_path = db_col_dup(st, 1, a);
    r->name = db_col_dup(st, 2, a);
}

int funds_store_children(struct db_conn *c, int64_t org_id, struct arena *a,
                         struct funds_ledger_row **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_CHILDREN, DB_ARGS(DB_INT(org_id)), read_child, sizeof(**out),
                             a, out, n_out, err);
}

static void read_incentive(struct db_stmt *st, struct arena *a, void *row)
{
    struct funds_incentive_row *r = row;

    r->org_id = db_col_int(st, 0);
    r->name = db_col_dup(st, 1, a);
    r->in.planned = db_col_int(st, 2);
    r->in.held = db_col_int(st, 3);
    r->in.as_planned = db_col_int(st, 4);
    r->in.partly = db_col_int(st, 5);
    r->in.participants = db_col_int(st, 6);
    r->in.base_fen = db_col_int(st, 7) / 4;
}

int funds_store_incentive(struct db_conn *c, const char *path, int64_t year, int64_t quarter,
                          struct arena *a, struct funds_incentive_row **out, int64_t *n_out,
                          struct err *err)
{
    return db_read_rows_args(
        c, &SQL_INCENTIVE,
        DB_ARGS(DB_TEXT(path), DB_INT(year), DB_INT(quarter), DB_INT(year), DB_TEXT(path)),
        read_incentive, sizeof(**out), a, out, n_out, err);
}

static int sum_args(struct db_conn *c, const struct db_sql *sql, struct db_args args,
                    int64_t *sum_out, struct err *err)
{
    return db_read_one_args(c, sql, args, db_read_int, NULL, sum_out, "", "", err);
}

int funds_store_reserves(struct db_conn *c, const char *path, int64_t year, int64_t *sum_out,
                         struct err *err)
{
    return sum_args(c, &SQL_RESERVES, DB_ARGS(DB_TEXT(path), DB_INT(year)), sum_out, err);
}

int funds_store_pool_left(struct db_conn *c, const char *path, int64_t year, int64_t *left_out,
                          struct err *err)
{
    return sum_args(c, &SQL_POOL_LEFT, DB_ARGS(DB_INT(year), DB_INT(year), DB_TEXT(path)), left_out,
                    err);
}

int funds_store_shares(struct db_conn *c, int64_t org_id, int64_t year, int64_t *sum_out,
                       struct err *err)
{
    return sum_args(c, &SQL_SHARES, DB_ARGS(DB_INT(org_id), DB_INT(year)), sum_out, err);
}

int funds_store_reward_paid(struct db_conn *c, int64_t org_id, int64_t year, int64_t *sum_out,
                            struct err *err)
{
    return sum_args(c, &SQL_REWARD_PAID, DB_ARGS(DB_INT(org_id), DB_INT(year)), sum_out, err);
}

int funds_store_member_under(struct db_conn *c, int64_t person_id, const char *path, int64_t *n_out,
                             struct err *err)
{
    return sum_args(c, &SQL_MEMBER_UNDER, DB_ARGS(DB_INT(person_id), DB_TEXT(path)), n_out, err);
}

int funds_store_reward_insert(struct db_conn *c, const struct funds_org *payer,
                              const struct funds_reward_in *in, int64_t by, int64_t now,
                              int64_t *id_out, struct err *err)
{
    return db_run_id_args(
        c, &SQL_REWARD_INSERT,
        DB_ARGS(DB_INT(payer->tenant_id), DB_INT(payer->id), DB_TEXT(payer->path), DB_INT(in->year),
                DB_TEXT(in->kind), DB_OPT_ID(in->recipient_org_id), DB_OPT_ID(in->person_id),
                DB_TEXT(in->title), DB_INT(in->amount_fen), DB_TEXT(in->awarded_on),
                DB_OPT_TEXT(in->evidence ? in->evidence : ""), DB_OPT_ID(by), DB_INT(now)),
        id_out, err);
}

static void read_reward(struct db_stmt *st, struct arena *a, void *row)
{
    struct funds_reward *r = row;

    r->id = db_col_int(st, 0);
    r->org_id = db_col_int(st, 1);
    r->year = db_col_int(st, 2);
    r->recipient_org_id = db_col_int(st, 3);
    r->person_id = db_col_int(st, 4);
    r->amount_fen = db_col_int(st, 5);
    r->kind = db_col_dup(st, 6, a);
    r->title = db_col_dup(st, 7, a);
    r->awarded_on = db_col_dup(st, 8, a);
    r->evidence = db_col_dup(st, 9, a);
    r->recipient_name = db_col_dup(st, 10, a);
    r->recipient_org_name = db_col_dup(st, 11, a);
}

int funds_store_rewards(struct db_conn *c, int64_t org_id, int64_t year, struct arena *a,
                        struct funds_reward **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_REWARDS, DB_ARGS(DB_INT(org_id), DB_INT(year)), read_reward,
                             sizeof(**out), a, out, n_out, err);
}
