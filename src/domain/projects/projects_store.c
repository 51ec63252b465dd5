/* projects_store.c: the 民生实事 area's SQL, as named statements, and the mapping of rows to
 * structs in the caller's arena: community orgs, rule rows, needs (with the linked demand's
 * number, category and status read from the demand's own row), proposals, budgets,
 * selections with items and objections, projects with milestones, notes, evaluations and 问责
 * records. It checks no rule (projects.c does) and begins no transaction. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/projects/projects_int.h"

static const struct db_sql SQL_DEMO_DEMANDS = {
    .name = "projects.demo_demands",
    .sql = "SELECT id FROM demand WHERE org_path LIKE ? || '%' AND no_publish = 0 "
           "AND created_at < ? ORDER BY created_at DESC, id LIMIT ?",
};
static const struct db_sql SQL_ORG = {
    .name = "projects.org",
    .sql = "SELECT o.id, o.tenant_id, o.path, o.name, o.type, COALESCE(p.type, '') FROM org o "
           "LEFT JOIN org p ON p.id = o.parent_id WHERE o.id = ? AND o.dissolved_on IS NULL",
};
static const struct db_sql SQL_RULE = {
    .name = "projects.rule",
    .sql = "SELECT value FROM proj_rule WHERE rule_id = ? AND valid_from <= ? AND ? < valid_to "
           "ORDER BY valid_from DESC LIMIT 1",
};

static void read_org(struct db_stmt *st, struct arena *a, void *row)
{
    struct proj_org *o = row;
    const char *ptype;

    o->id = db_col_int(st, 0);
    o->tenant_id = db_col_int(st, 1);
    o->path = db_col_dup(st, 2, a);
    o->name = db_col_dup(st, 3, a);
    o->type = db_col_dup(st, 4, a);
    ptype = db_col_text(st, 5);
    o->community =
        (!strcmp(o->type, "community_committee") || !strcmp(o->type, "general_branch")) && ptype &&
        !strcmp(ptype, "street");
}

int projects_store_org(struct db_conn *c, int64_t id, struct arena *a, struct proj_org *out,
                       struct err *err)
{
    return db_read_by_id(c, &SQL_ORG, id, read_org, a, out, "/org_id", "党组织不存在", err);
}

int projects_store_rule(struct db_conn *c, const char *rule_id, const char *day, int64_t *out,
                        struct err *err)
{
    return db_read_one_args(c, &SQL_RULE, DB_ARGS(DB_TEXT(rule_id), DB_TEXT(day), DB_TEXT(day)),
                            db_read_int, NULL, out, "", "规则缺失", err);
}

/* ---- needs ---- */

static const struct db_sql SQL_NEED_INSERT = {
    .name = "projects.need_insert",
    .sql = "INSERT INTO proj_need (tenant_id, org_id, year, title, description, source_kind, "
           "source_id, demand_id, status, created_by, created_at, updated_at) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?) RETURNING id",
};
#define NEED_COLS                                                                                  \
    "n.id, n.org_id, n.year, COALESCE(n.source_id, 0), COALESCE(n.demand_id, 0), "                 \
    "COALESCE(n.merged_into, 0), n.created_at, o.name, n.title, n.description, n.source_kind, "    \
    "n.status, d.number, dc.name, d.status, COALESCE(d.no_publish, 0), "                           \
    "(SELECT COUNT(*) FROM proj_need m WHERE m.merged_into = n.id)"
#define NEED_FROM                                                                                  \
    " FROM proj_need n JOIN org o ON o.id = n.org_id LEFT JOIN demand d ON d.id = n.demand_id "    \
    "LEFT JOIN demand_category dc ON dc.code = d.category "
static const struct db_sql SQL_NEEDS = {
    .name = "projects.needs",
    .sql = "SELECT " NEED_COLS NEED_FROM "WHERE o.path LIKE ? || '%' AND (? = 0 OR n.year = ?) "
           "AND n.status = COALESCE(?, n.status) AND (? = 0 OR n.merged_into = ?) "
           "ORDER BY n.id DESC LIMIT 500",
};
static const struct db_sql SQL_NEED = {
    .name = "projects.need",
    .sql = "SELECT " NEED_COLS NEED_FROM "WHERE n.id = ?",
};
/* The merged need and every need merged into it point at the survivor. */
static const struct db_sql SQL_NEED_MERGE = {
    .name = "projects.need_merge",
    .sql = "UPDATE proj_need SET status = 'merged', merged_into = ?, updated_at = ? "
           "WHERE id = ? OR merged_into = ?",
};

static void read_need(struct db_stmt *st, struct arena *a, void *row)
{
    struct proj_need *n = row;

    n->id = db_col_int(st, 0);
    n->org_id = db_col_int(st, 1);
    n->year = db_col_int(st, 2);
    n->source_id = db_col_int(st, 3);
    n->demand_id = db_col_int(st, 4);
    n->merged_into = db_col_int(st, 5);
    n->created_at = db_col_int(st, 6);
    n->org_name = db_col_dup(st, 7, a);
    n->title = db_col_dup(st, 8, a);
    n->description = db_col_dup(st, 9, a);
    n->source_kind = db_col_dup(st, 10, a);
    n->status = db_col_dup(st, 11, a);
    n->demand_number = db_col_dup(st, 12, a);
    n->demand_category = db_col_dup(st, 13, a);
    n->demand_status = db_col_dup(st, 14, a);
    n->demand_no_publish = db_col_int(st, 15) != 0;
    n->nmerged = db_col_int(st, 16);
}

int projects_store_need_insert(struct db_conn *c, const struct proj_org *o,
                               const struct proj_need_in *in, int64_t demand_id, int64_t by,
                               int64_t now, int64_t *id_out, struct err *err)
{
    return db_run_id_args(c, &SQL_NEED_INSERT,
                          DB_ARGS(DB_INT(o->tenant_id), DB_INT(o->id), DB_INT(in->year),
                                  DB_TEXT(in->title), DB_OPT_TEXT(in->description),
                                  DB_TEXT(in->source_kind), DB_OPT_ID(in->source_id),
                                  DB_OPT_ID(demand_id), DB_OPT_ID(by), DB_INT(now), DB_INT(now)),
                          id_out, err);
}

int projects_store_needs(struct db_conn *c, const char *path, int64_t year, const char *status,
                         int64_t merged_into, struct arena *a, struct proj_need **out,
                         int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_NEEDS,
                             DB_ARGS(DB_TEXT(path), DB_INT(year), DB_INT(year), DB_OPT_TEXT(status),
                                     DB_INT(merged_into), DB_INT(merged_into)),
                             read_need, sizeof(**out), a, out, n_out, err);
}

int projects_store_need(struct db_conn *c, int64_t id, struct arena *a, struct proj_need *out,
                        struct err *err)
{
    return db_read_by_id(c, &SQL_NEED, id, read_need, a, out, "/id", "需求不存在", err);
}

int projects_store_need_merge(struct db_conn *c, int64_t id, int64_t into, int64_t now,
                              struct err *err)
{
    return db_run_args(c, &SQL_NEED_MERGE,
                       DB_ARGS(DB_INT(into), DB_INT(now), DB_INT(id), DB_INT(id)), err);
}

/* ---- proposals ---- */

static const struct db_sql SQL_PROPOSAL_INSERT = {
    .name = "projects.proposal_insert",
    .sql = "INSERT INTO proj_proposal (tenant_id, org_id, year, title, description, cost_fen, "
           "body, body_org_id, status, created_by, created_at, updated_at) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?) RETURNING id",
};
static const struct db_sql SQL_PROPOSAL_NEED = {
    .name = "projects.proposal_need",
    .sql = "INSERT INTO proj_proposal_need (tenant_id, proposal_id, need_id) VALUES (?, ?, ?)",
};
#define PROPOSAL_COLS                                                                              \
    "p.id, p.org_id, p.year, p.cost_fen, COALESCE(p.body_org_id, 0), p.created_at, o.name, "       \
    "p.title, p.description, p.body, p.status, p.feasibility_note, p.retire_reason, "              \
    "p.retire_note, (SELECT COUNT(*) FROM proj_selection_item i WHERE i.proposal_id = p.id)"
static const struct db_sql SQL_PROPOSALS = {
    .name = "projects.proposals",
    .sql = "SELECT " PROPOSAL_COLS " FROM proj_proposal p JOIN org o ON o.id = p.org_id "
           "WHERE o.path LIKE ? || '%' AND (? = 0 OR p.year = ?) "
           "AND p.status = COALESCE(?, p.status) ORDER BY p.id DESC LIMIT 500",
};
static const struct db_sql SQL_PROPOSAL = {
    .name = "projects.proposal",
    .sql = "SELECT " PROPOSAL_COLS " FROM proj_proposal p JOIN org o ON o.id = p.org_id "
           "WHERE p.id = ?",
};
static const struct db_sql SQL_PROPOSAL_NEEDS = {
    .name = "projects.proposal_needs",
    .sql = "SELECT need_id FROM proj_proposal_need WHERE proposal_id = ? ORDER BY need_id",
};
static const struct db_sql SQL_PROPOSAL_SELECTED = {
    .name = "projects.proposal_selected",
    .sql = "SELECT COUNT(*) FROM proj_selection_item WHERE proposal_id = ?",
};
static const struct db_sql SQL_REVIEW = {
    .name = "projects.review",
    .sql = "UPDATE proj_proposal SET status = ?, cost_fen = ?, feasibility_note = ?, "
           "reviewed_by = ?, reviewed_at = ?, updated_at = ? WHERE id = ?",
};
static const struct db_sql SQL_RETIRE = {
    .name = "projects.retire",
    .sql = "UPDATE proj_proposal SET status = 'retired', retire_reason = ?, retire_note = ?, "
           "retired_by = ?, retired_at = ?, updated_at = ? WHERE id = ?",
};

static void read_proposal(struct db_stmt *st, struct arena *a, void *row)
{
    struct proj_proposal *p = row;

    p->id = db_col_int(st, 0);
    p->org_id = db_col_int(st, 1);
    p->year = db_col_int(st, 2);
    p->cost_fen = db_col_int(st, 3);
    p->body_org_id = db_col_int(st, 4);
    p->created_at = db_col_int(st, 5);
    p->org_name = db_col_dup(st, 6, a);
    p->title = db_col_dup(st, 7, a);
    p->description = db_col_dup(st, 8, a);
    p->body = db_col_dup(st, 9, a);
    p->status = db_col_dup(st, 10, a);
    p->feasibility_note = db_col_dup(st, 11, a);
    p->retire_reason = db_col_dup(st, 12, a);
    p->retire_note = db_col_dup(st, 13, a);
    p->selected = db_col_int(st, 14) > 0;
}

int projects_store_proposal_insert(struct db_conn *c, const struct proj_org *o,
                                   const struct proj_proposal_in *in, int64_t by, int64_t now,
                                   int64_t *id_out, struct err *err)
{
    return db_run_id_args(
        c, &SQL_PROPOSAL_INSERT,
        DB_ARGS(DB_INT(o->tenant_id), DB_INT(o->id), DB_INT(in->year), DB_TEXT(in->title),
                DB_OPT_TEXT(in->description), DB_INT(in->cost_fen), DB_TEXT(in->body),
                DB_OPT_ID(in->body_org_id), DB_OPT_ID(by), DB_INT(now), DB_INT(now)),
        id_out, err);
}

int projects_store_proposal_need(struct db_conn *c, int64_t tenant_id, int64_t proposal_id,
                                 int64_t need_id, struct err *err)
{
    return db_run_args(c, &SQL_PROPOSAL_NEED,
                       DB_ARGS(DB_INT(tenant_id), DB_INT(proposal_id), DB_INT(need_id)), err);
}

int projects_store_proposals(struct db_conn *c, const char *path, int64_t year, const char *status,
                             struct arena *a, struct proj_proposal **out, int64_t *n_out,
                             struct err *err)
{
    return db_read_rows_args(
        c, &SQL_PROPOSALS, DB_ARGS(DB_TEXT(path), DB_INT(year), DB_INT(year), DB_OPT_TEXT(status)),
        read_proposal, sizeof(**out), a, out, n_out, err);
}

int projects_store_proposal(struct db_conn *c, int64_t id, struct arena *a,
                            struct proj_proposal *out, struct err *err)
{
    return db_read_by_id(c, &SQL_PROPOSAL, id, read_proposal, a, out, "/id", "项目建议不存在", err);
}

int projects_store_proposal_needs(struct db_conn *c, int64_t id, struct arena *a, int64_t **out,
                                  int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_PROPOSAL_NEEDS, DB_ARGS(DB_INT(id)), db_read_int,
                             sizeof(**out), a, out, n_out, err);
}

int projects_store_proposal_selected(struct db_conn *c, int64_t id, bool *out, struct err *err)
{
    int64_t n = 0;

    if (db_read_one_args(c, &SQL_PROPOSAL_SELECTED, DB_ARGS(DB_INT(id)), db_read_int, NULL, &n, "",
                         "", err) < 0)
        return -1;
    *out = n > 0;
    return 0;
}

int projects_store_review(struct db_conn *c, int64_t id, const char *status, int64_t cost_fen,
                          const char *note, int64_t by, int64_t now, struct err *err)
{
    return db_run_args(c, &SQL_REVIEW,
                       DB_ARGS(DB_TEXT(status), DB_INT(cost_fen), DB_OPT_TEXT(note), DB_OPT_ID(by),
                               DB_INT(now), DB_INT(now), DB_INT(id)),
                       err);
}

int projects_store_retire(struct db_conn *c, int64_t id, const char *reason, const char *note,
                          int64_t by, int64_t now, struct err *err)
{
    return db_run_args(c, &SQL_RETIRE,
                       DB_ARGS(DB_TEXT(reason), DB_OPT_TEXT(note), DB_OPT_ID(by), DB_INT(now),
                               DB_INT(now), DB_INT(id)),
                       err);
}

/* ---- budget ---- */

static const struct db_sql SQL_BUDGET_SET = {
    .name = "projects.budget_set",
    .sql = "INSERT INTO proj_budget (tenant_id, org_id, year, amount_fen, set_by, set_at) "
           "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (org_id, year) DO UPDATE SET "
           "amount_fen = excluded.amount_fen, set_by = excluded.set_by, set_at = excluded.set_at",
};
static const struct db_sql SQL_BUDGET = {
    .name = "projects.budget",
    .sql = "SELECT amount_fen FROM proj_budget WHERE org_id = ? AND year = ?",
};

int projects_store_budget_set(struct db_conn *c, const struct proj_org *o, int64_t year,
                              int64_t amount_fen, int64_t by, int64_t now, struct err *err)
{
    return db_run_args(c, &SQL_BUDGET_SET,
                       DB_ARGS(DB_INT(o->tenant_id), DB_INT(o->id), DB_INT(year),
                               DB_INT(amount_fen), DB_OPT_ID(by), DB_INT(now)),
                       err);
}

int projects_store_budget(struct db_conn *c, int64_t org_id, int64_t year, int64_t *out,
                          struct err *err)
{
    *out = -1;
    return db_read_opt_args(c, &SQL_BUDGET, DB_ARGS(DB_INT(org_id), DB_INT(year)), db_read_int,
                            NULL, out, NULL, err);
}

/* ---- selections ---- */

static const struct db_sql SQL_SELECTION_INSERT = {
    .name = "projects.selection_insert",
    .sql = "INSERT INTO proj_selection (tenant_id, org_id, year, basis, status, total_fen, "
           "budget_fen, created_by, created_at, ballot_id) "
           "VALUES (?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?) RETURNING id",
};
static const struct db_sql SQL_SELECTION_ITEM = {
    .name = "projects.selection_item",
    .sql = "INSERT INTO proj_selection_item (tenant_id, selection_id, rank, proposal_id, "
           "cost_fen) VALUES (?, ?, ?, ?, ?)",
};
static const struct db_sql SQL_SELECTION = {
    .name = "projects.selection",
    .sql = "SELECT s.id, s.org_id, s.year, COALESCE(s.ballot_id, 0), s.total_fen, s.budget_fen, "
           "COALESCE(s.publicity_days, 0), s.created_at, COALESCE(s.adopted_at, 0), o.name, "
           "s.basis, s.status, s.publicity_from, s.publicity_until FROM proj_selection s "
           "JOIN org o ON o.id = s.org_id WHERE s.id = ?",
};
static const struct db_sql SQL_SELECTION_ITEMS = {
    .name = "projects.selection_items",
    .sql = "SELECT i.rank, i.proposal_id, i.cost_fen, p.title FROM proj_selection_item i "
           "JOIN proj_proposal p ON p.id = i.proposal_id WHERE i.selection_id = ? ORDER BY i.rank",
};
static const struct db_sql SQL_OBJECTIONS = {
    .name = "projects.objections",
    .sql = "SELECT id, selection_id, submitted_by, created_at, COALESCE(answered_by, 0), "
           "COALESCE(answered_at, 0), content, channel, answer FROM proj_objection "
           "WHERE selection_id = ? ORDER BY id",
};
static const struct db_sql SQL_SELECTIONS = {
    .name = "projects.selections",
    .sql = "SELECT s.id FROM proj_selection s JOIN org o ON o.id = s.org_id "
           "WHERE o.path LIKE ? || '%' AND (? = 0 OR s.year = ?) ORDER BY s.year DESC, s.id "
           "LIMIT 200",
};
static const struct db_sql SQL_PUBLISH = {
    .name = "projects.publish",
    .sql = "UPDATE proj_selection SET status = 'publicity', publicity_days = ?, "
           "publicity_from = ?, publicity_until = ?, published_by = ?, published_at = ? "
           "WHERE id = ? AND status = 'draft'",
};
static const struct db_sql SQL_OBJECTION_INSERT = {
    .name = "projects.objection_insert",
    .sql = "INSERT INTO proj_objection (tenant_id, selection_id, content, channel, submitted_by, "
           "created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
};
static const struct db_sql SQL_OBJECTION_ANSWER = {
    .name = "projects.objection_answer",
    .sql = "UPDATE proj_objection SET answer = ?, answered_by = ?, answered_at = ? "
           "WHERE selection_id = ? AND id = ? AND answer IS NULL RETURNING id",
};
static const struct db_sql SQL_ADOPT = {
    .name = "projects.adopt",
    .sql = "UPDATE proj_selection SET status = 'adopted', adopted_by = ?, adopted_at = ? "
           "WHERE id = ? AND status = 'publicity'",
};
static const struct db_sql SQL_PROJECT_INSERT = {
    .name = "projects.project_insert",
    .sql = "INSERT INTO project (tenant_id, org_id, year, selection_id, proposal_id, rank, "
           "status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'ongoing', ?, ?)",
};

static void read_selection(struct db_stmt *st, struct arena *a, void *row)
{
    struct proj_selection *s = row;

    s->id = db_col_int(st, 0);
    s->org_id = db_col_int(st, 1);
    s->year = db_col_int(st, 2);
    s->ballot_id = db_col_int(st, 3);
    s->total_fen = db_col_int(st, 4);
    s->budget_fen = db_col_int(st, 5);
    s->publicity_days = db_col_int(st, 6);
    s->created_at = db_col_int(st, 7);
    s->adopted_at = db_col_int(st, 8);
    s->org_name = db_col_dup(st, 9, a);
    s->basis = db_col_dup(st, 10, a);
    s->status = db_col_dup(st, 11, a);
    s->publicity_from = db_col_dup(st, 12, a);
    s->publicity_until = db_col_dup(st, 13, a);
}

static void read_item(struct db_stmt *st, struct arena *a, void *row)
{
    struct proj_selection_item *i = row;

    i->rank = db_col_int(st, 0);
    i->proposal_id = db_col_int(st, 1);
    i->cost_fen = db_col_int(st, 2);
    i->title = db_col_dup(st, 3, a);
}

static void read_objection(struct db_stmt *st, struct arena *a, void *row)
{
    struct proj_objection *o = row;

    o->id = db_col_int(st, 0);
    o->selection_id = db_col_int(st, 1);
    o->submitted_by = db_col_int(st, 2);
    o->created_at = db_col_int(st, 3);
    o->answered_by = db_col_int(st, 4);
    o->answered_at = db_col_int(st, 5);
    o->content = db_col_dup(st, 6, a);
    o->channel = db_col_dup(st, 7, a);
    o->answer = db_col_dup(st, 8, a);
}

int projects_store_selection_insert(struct db_conn *c, const struct proj_org *o,
                                    const struct proj_selection_in *in, int64_t total_fen,
                                    int64_t budget_fen, int64_t by, int64_t now, int64_t *id_out,
                                    struct err *err)
{
    return db_conflict_on(
        db_run_id_args(c, &SQL_SELECTION_INSERT,
                       DB_ARGS(DB_INT(o->tenant_id), DB_INT(o->id), DB_INT(in->year),
                               DB_TEXT(in->basis), DB_INT(total_fen), DB_INT(budget_fen),
                               DB_OPT_ID(by), DB_INT(now), DB_OPT_ID(in->ballot_id)),
                       id_out, err),
        "/year", "该社区这一年度已有实事清单", err);
}

int projects_store_selection_item(struct db_conn *c, int64_t tenant_id, int64_t selection_id,
                                  int64_t rank, int64_t proposal_id, int64_t cost_fen,
                                  struct err *err)
{
    return db_run_args(c, &SQL_SELECTION_ITEM,
                       DB_ARGS(DB_INT(tenant_id), DB_INT(selection_id), DB_INT(rank),
                               DB_INT(proposal_id), DB_INT(cost_fen)),
                       err);
}

int projects_store_selection(struct db_conn *c, int64_t id, struct arena *a,
                             struct proj_selection *out, struct err *err)
{
    struct proj_selection s = { 0 };

    if (db_read_by_id(c, &SQL_SELECTION, id, read_selection, a, &s, "/id", "实事清单不存在", err) <
            0 ||
        db_read_rows_args(c, &SQL_SELECTION_ITEMS, DB_ARGS(DB_INT(id)), read_item, sizeof(*s.items),
                          a, &s.items, &s.nitems, err) < 0 ||
        db_read_rows_args(c, &SQL_OBJECTIONS, DB_ARGS(DB_INT(id)), read_objection,
                          sizeof(*s.objections), a, &s.objections, &s.nobjections, err) < 0)
        return -1;
    *out = s;
    return 0;
}

int projects_store_selections(struct db_conn *c, const char *path, int64_t year, struct arena *a,
                              int64_t **ids_out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_SELECTIONS, DB_ARGS(DB_TEXT(path), DB_INT(year), DB_INT(year)),
                             db_read_int, sizeof(**ids_out), a, ids_out, n_out, err);
}

int projects_store_publish(struct db_conn *c, int64_t id, int64_t days, const char *from,
                           const char *until, int64_t by, int64_t now, struct err *err)
{
    return db_run_args(c, &SQL_PUBLISH,
                       DB_ARGS(DB_INT(days), DB_TEXT(from), DB_TEXT(until), DB_OPT_ID(by),
                               DB_INT(now), DB_INT(id)),
                       err);
}

int projects_store_objection_insert(struct db_conn *c, int64_t tenant_id, int64_t selection_id,
                                    const char *content, const char *channel, int64_t by,
                                    int64_t now, int64_t *id_out, struct err *err)
{
    return db_run_id_args(c, &SQL_OBJECTION_INSERT,
                          DB_ARGS(DB_INT(tenant_id), DB_INT(selection_id), DB_TEXT(content),
                                  DB_TEXT(channel), DB_INT(by), DB_INT(now)),
                          id_out, err);
}

int projects_store_objection_answer(struct db_conn *c, int64_t selection_id, int64_t id,
                                    const char *answer, int64_t by, int64_t now, bool *done_out,
                                    struct err *err)
{
    int64_t got = 0;

    if (db_read_opt_args(
            c, &SQL_OBJECTION_ANSWER,
            DB_ARGS(DB_TEXT(answer), DB_OPT_ID(by), DB_INT(now), DB_INT(selection_id), DB_INT(id)),
            db_read_int, NULL, &got, done_out, err) < 0)
        return -1;
    return 0;
}

int projects_store_adopt(struct db_conn *c, int64_t id, int64_t by, int64_t now, struct err *err)
{
    return db_run_args(c, &SQL_ADOPT, DB_ARGS(DB_OPT_ID(by), DB_INT(now), DB_INT(id)), err);
}

int projects_store_project_insert(struct db_conn *c, const struct proj_selection *s,
                                  int64_t tenant_id, const struct proj_selection_item *it,
                                  int64_t now, struct err *err)
{
    return db_run_args(c, &SQL_PROJECT_INSERT,
                       DB_ARGS(DB_INT(tenant_id), DB_INT(s->org_id), DB_INT(s->year), DB_INT(s->id),
                               DB_INT(it->proposal_id), DB_INT(it->rank), DB_INT(now), DB_INT(now)),
                       err);
}

/* ---- projects ---- */

#define PROJECT_COLS                                                                               \
    "j.id, j.org_id, j.year, j.selection_id, j.proposal_id, j.rank, p.cost_fen, j.created_at, "    \
    "o.name, p.title, p.body, j.status"
static const struct db_sql SQL_PROJECTS = {
    .name = "projects.projects",
    .sql = "SELECT " PROJECT_COLS " FROM project j JOIN proj_proposal p ON p.id = j.proposal_id "
           "JOIN org o ON o.id = j.org_id WHERE o.path LIKE ? || '%' AND (? = 0 OR j.year = ?) "
           "ORDER BY j.year DESC, j.org_id, j.rank LIMIT 500",
};
static const struct db_sql SQL_PROJECT = {
    .name = "projects.project",
    .sql = "SELECT " PROJECT_COLS " FROM project j JOIN proj_proposal p ON p.id = j.proposal_id "
           "JOIN org o ON o.id = j.org_id WHERE j.id = ?",
};
static const struct db_sql SQL_MILESTONES = {
    .name = "projects.milestones",
    .sql = "SELECT id, project_id, weight, title, planned_on, done_on FROM proj_milestone "
           "WHERE project_id = ? ORDER BY planned_on, id",
};
static const struct db_sql SQL_MILESTONE_INSERT = {
    .name = "projects.milestone_insert",
    .sql = "INSERT INTO proj_milestone (tenant_id, project_id, title, planned_on, weight, done_on, "
           "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
};
static const struct db_sql SQL_MILESTONE_DONE = {
    .name = "projects.milestone_done",
    .sql = "UPDATE proj_milestone SET done_on = ? WHERE project_id = ? AND id = ? RETURNING id",
};
static const struct db_sql SQL_STATUS = {
    .name = "projects.status",
    .sql = "UPDATE project SET status = ?, updated_at = ? WHERE id = ?",
};
static const struct db_sql SQL_NOTE_INSERT = {
    .name = "projects.note_insert",
    .sql = "INSERT INTO proj_note (tenant_id, project_id, content, author_id, created_at) "
           "VALUES (?, ?, ?, ?, ?) RETURNING id",
};
static const struct db_sql SQL_NOTES = {
    .name = "projects.notes",
    .sql = "SELECT n.id, n.author_id, n.created_at, n.content, u.display_name FROM proj_note n "
           "LEFT JOIN user_account u ON u.id = n.author_id WHERE n.project_id = ? ORDER BY n.id",
};
static const struct db_sql SQL_EVAL_INSERT = {
    .name = "projects.eval_insert",
    .sql = "INSERT INTO proj_evaluation (tenant_id, project_id, year, user_id, quality, "
           "timeliness, benefit, satisfaction, comment, created_at) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
};
static const struct db_sql SQL_EVALS = {
    .name = "projects.evals",
    .sql = "SELECT year, quality, timeliness, benefit, satisfaction FROM proj_evaluation "
           "WHERE project_id = ? ORDER BY year, id",
};
static const struct db_sql SQL_ACCOUNT_INSERT = {
    .name = "projects.account_insert",
    .sql = "INSERT INTO proj_accountability (tenant_id, project_id, failure, responsible, "
           "deadline, outcome, closed_on, created_by, created_at, updated_at) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
};
static const struct db_sql SQL_ACCOUNT_CLOSE = {
    .name = "projects.account_close",
    .sql = "UPDATE proj_accountability SET outcome = ?, closed_on = ?, updated_at = ? "
           "WHERE project_id = ? AND id = ? RETURNING id",
};
static const struct db_sql SQL_ACCOUNTS = {
    .name = "projects.accounts",
    .sql = "SELECT id, project_id, created_at, failure, responsible, deadline, outcome, closed_on "
           "FROM proj_accountability WHERE project_id = ? ORDER BY id",
};

static void read_project(struct db_stmt *st, struct arena *a, void *row)
{
    struct proj_project *p = row;

    p->id = db_col_int(st, 0);
    p->org_id = db_col_int(st, 1);
    p->year = db_col_int(st, 2);
    p->selection_id = db_col_int(st, 3);
    p->proposal_id = db_col_int(st, 4);
    p->rank = db_col_int(st, 5);
    p->cost_fen = db_col_int(st, 6);
    p->created_at = db_col_int(st, 7);
    p->org_name = db_col_dup(st, 8, a);
    p->title = db_col_dup(st, 9, a);
    p->body = db_col_dup(st, 10, a);
    p->status = db_col_dup(st, 11, a);
}

static void read_milestone(struct db_stmt *st, struct arena *a, void *row)
{
    struct proj_milestone *m = row;

    m->id = db_col_int(st, 0);
    m->project_id = db_col_int(st, 1);
    m->weight = db_col_int(st, 2);
    m->title = db_col_dup(st, 3, a);
    m->planned_on = db_col_dup(st, 4, a);
    m->done_on = db_col_dup(st, 5, a);
}

static void read_note(struct db_stmt *st, struct arena *a, void *row)
{
    struct proj_note *n = row;

    n->id = db_col_int(st, 0);
    n->author_id = db_col_int(st, 1);
    n->created_at = db_col_int(st, 2);
    n->content = db_col_dup(st, 3, a);
    n->author_name = db_col_dup(st, 4, a);
}

struct eval_read {
    int64_t year;
    struct proj_eval_row r;
};

static void read_eval(struct db_stmt *st, struct arena *a, void *row)
{
    struct eval_read *e = row;

    e->year = db_col_int(st, 0);
    e->r.quality = db_col_int(st, 1);
    e->r.timeliness = db_col_int(st, 2);
    e->r.benefit = db_col_int(st, 3);
    e->r.satisfaction = db_col_dup(st, 4, a);
}

static void read_account(struct db_stmt *st, struct arena *a, void *row)
{
    struct proj_account *x = row;

    x->id = db_col_int(st, 0);
    x->project_id = db_col_int(st, 1);
    x->created_at = db_col_int(st, 2);
    x->failure = db_col_dup(st, 3, a);
    x->responsible = db_col_dup(st, 4, a);
    x->deadline = db_col_dup(st, 5, a);
    x->outcome = db_col_dup(st, 6, a);
    x->closed_on = db_col_dup(st, 7, a);
}

int projects_store_projects(struct db_conn *c, const char *path, int64_t year, bool adopted_only,
                            struct arena *a, struct proj_project **out, int64_t *n_out,
                            struct err *err)
{
    UNUSED(adopted_only); /* every project row comes from an adopted selection */
    return db_read_rows_args(c, &SQL_PROJECTS, DB_ARGS(DB_TEXT(path), DB_INT(year), DB_INT(year)),
                             read_project, sizeof(**out), a, out, n_out, err);
}

int projects_store_project(struct db_conn *c, int64_t id, struct arena *a, struct proj_project *out,
                           struct err *err)
{
    return db_read_by_id(c, &SQL_PROJECT, id, read_project, a, out, "/id", "项目不存在", err);
}

int projects_store_milestones(struct db_conn *c, int64_t project_id, struct arena *a,
                              struct proj_milestone **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_MILESTONES, DB_ARGS(DB_INT(project_id)), read_milestone,
                             sizeof(**out), a, out, n_out, err);
}

int projects_store_milestone_insert(struct db_conn *c, int64_t tenant_id, int64_t project_id,
                                    const struct proj_milestone_in *in, int64_t by, int64_t now,
                                    int64_t *id_out, struct err *err)
{
    return db_run_id_args(c, &SQL_MILESTONE_INSERT,
                          DB_ARGS(DB_INT(tenant_id), DB_INT(project_id), DB_TEXT(in->title),
                                  DB_TEXT(in->planned_on), DB_INT(in->weight),
                                  DB_OPT_TEXT(in->done_on), DB_OPT_ID(by), DB_INT(now)),
                          id_out, err);
}

int projects_store_milestone_done(struct db_conn *c, int64_t project_id, int64_t id,
                                  const char *done_on, bool *found_out, struct err *err)
{
    int64_t got;

    return db_read_opt_args(c, &SQL_MILESTONE_DONE,
                            DB_ARGS(DB_OPT_TEXT(done_on), DB_INT(project_id), DB_INT(id)),
                            db_read_int, NULL, &got, found_out, err);
}

int projects_store_status(struct db_conn *c, int64_t id, const char *status, int64_t now,
                          struct err *err)
{
    return db_run_args(c, &SQL_STATUS, DB_ARGS(DB_TEXT(status), DB_INT(now), DB_INT(id)), err);
}

int projects_store_note_insert(struct db_conn *c, int64_t tenant_id, int64_t project_id,
                               const char *content, int64_t by, int64_t now, int64_t *id_out,
                               struct err *err)
{
    return db_run_id_args(c, &SQL_NOTE_INSERT,
                          DB_ARGS(DB_INT(tenant_id), DB_INT(project_id), DB_TEXT(content),
                                  DB_OPT_ID(by), DB_INT(now)),
                          id_out, err);
}

int projects_store_notes(struct db_conn *c, int64_t project_id, struct arena *a,
                         struct proj_note **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_NOTES, DB_ARGS(DB_INT(project_id)), read_note, sizeof(**out),
                             a, out, n_out, err);
}

int projects_store_eval_insert(struct db_conn *c, int64_t tenant_id, int64_t project_id,
                               int64_t year, int64_t user_id, const struct proj_eval_in *in,
                               int64_t now, struct err *err)
{
    return db_conflict_on(
        db_run_args(c, &SQL_EVAL_INSERT,
                    DB_ARGS(DB_INT(tenant_id), DB_INT(project_id), DB_INT(year), DB_OPT_ID(user_id),
                            DB_INT(in->quality), DB_INT(in->timeliness), DB_INT(in->benefit),
                            DB_TEXT(in->satisfaction), DB_OPT_TEXT(in->comment), DB_INT(now)),
                    err),
        "/year", "您已评议过这个项目的这一年度，每个账号只能评议一次", err);
}

int projects_store_evals(struct db_conn *c, int64_t project_id, struct arena *a,
                         struct proj_eval_row **rows_out, int64_t **years_out, int64_t *n_out,
                         struct err *err)
{
    struct eval_read *e;
    struct proj_eval_row *rows;
    int64_t n, *years;

    if (db_read_rows_args(c, &SQL_EVALS, DB_ARGS(DB_INT(project_id)), read_eval, sizeof(*e), a, &e,
                          &n, err) < 0)
        return -1;
    rows = arena_alloc(a, sizeof(*rows) * (size_t)(n + 1));
    years = arena_alloc(a, sizeof(*years) * (size_t)(n + 1));
    for (int64_t i = 0; i < n; i++) {
        rows[i] = e[i].r;
        years[i] = e[i].year;
    }
    *rows_out = rows;
    *years_out = years;
    *n_out = n;
    return 0;
}

int projects_store_account_insert(struct db_conn *c, int64_t tenant_id, int64_t project_id,
                                  const struct proj_account_in *in, int64_t by, int64_t now,
                                  int64_t *id_out, struct err *err)
{
    return db_run_id_args(c, &SQL_ACCOUNT_INSERT,
                          DB_ARGS(DB_INT(tenant_id), DB_INT(project_id), DB_TEXT(in->failure),
                                  DB_TEXT(in->responsible), DB_TEXT(in->deadline),
                                  DB_OPT_TEXT(in->outcome), DB_OPT_TEXT(in->closed_on),
                                  DB_OPT_ID(by), DB_INT(now), DB_INT(now)),
                          id_out, err);
}

int projects_store_account_close(struct db_conn *c, int64_t project_id, int64_t id,
                                 const char *outcome, const char *closed_on, int64_t now,
                                 bool *found_out, struct err *err)
{
    int64_t got;

    return db_read_opt_args(c, &SQL_ACCOUNT_CLOSE,
                            DB_ARGS(DB_TEXT(outcome), DB_OPT_TEXT(closed_on), DB_INT(now),
                                    DB_INT(project_id), DB_INT(id)),
                            db_read_int, NULL, &got, found_out, err);
}

int projects_store_accounts(struct db_conn *c, int64_t project_id, struct arena *a,
                            struct proj_account **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_ACCOUNTS, DB_ARGS(DB_INT(project_id)), read_account,
                             sizeof(**out), a, out, n_out, err);
}

int projects_store_demo_demands(struct db_conn *c, const char *path, int64_t before, int64_t n,
                                struct arena *a, int64_t **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_DEMO_DEMANDS,
                             DB_ARGS(DB_TEXT(path), DB_INT(before), DB_INT(n)), db_read_int,
                             sizeof(**out), a, out, n_out, err);
}

/* ---- photos ---- */

static const struct db_sql SQL_PHOTO_INSERT = {
    .name = "projects.photo_insert",
    .sql = "INSERT INTO proj_photo (tenant_id, project_id, file_name, kind, content_type, size, "
           "stripped_bytes, data, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
           "RETURNING id",
};
static const struct db_sql SQL_PHOTOS = {
    .name = "projects.photos",
    .sql = "SELECT id, project_id, size, stripped_bytes, uploaded_at, file_name, kind, "
           "content_type FROM proj_photo WHERE project_id = ? ORDER BY id",
};
static const struct db_sql SQL_PHOTO = {
    .name = "projects.photo",
    .sql = "SELECT id, project_id, size, stripped_bytes, uploaded_at, file_name, kind, "
           "content_type, data FROM proj_photo WHERE project_id = ? AND id = ?",
};

int projects_store_photo_insert(struct db_conn *c, int64_t tenant_id, const struct proj_photo *p,
                                int64_t by, int64_t *id_out, struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_PHOTO_INSERT, &st, err) < 0)
        return -1;
    db_bind_int(st, 1, tenant_id);
    db_bind_int(st, 2, p->project_id);
    db_bind_text(st, 3, p->file_name);
    db_bind_text(st, 4, p->kind);
    db_bind_text(st, 5, p->content_type);
    db_bind_int(st, 6, p->size);
    db_bind_int(st, 7, p->stripped_bytes);
    db_bind_blob(st, 8, p->data, (size_t)p->size);
    db_bind_opt_id(st, 9, by);
    db_bind_int(st, 10, p->uploaded_at);
    return db_run_id(&st, id_out, err);
}

static void read_photo_meta(struct db_stmt *st, struct arena *a, void *row)
{
    struct proj_photo *p = row;

    p->id = db_col_int(st, 0);
    p->project_id = db_col_int(st, 1);
    p->size = db_col_int(st, 2);
    p->stripped_bytes = db_col_int(st, 3);
    p->uploaded_at = db_col_int(st, 4);
    p->file_name = db_col_dup(st, 5, a);
    p->kind = db_col_dup(st, 6, a);
    p->content_type = db_col_dup(st, 7, a);
}

static void read_photo(struct db_stmt *st, struct arena *a, void *row)
{
    struct proj_photo *p = row;
    size_t n = 0;
    const void *data = db_col_blob(st, 8, &n);
    void *copy = arena_alloc(a, n ? n : 1);

    read_photo_meta(st, a, row);
    if (n)
        memcpy(copy, data, n);
    p->data = copy;
    p->size = (int64_t)n;
}

int projects_store_photos(struct db_conn *c, int64_t project_id, struct arena *a,
                          struct proj_photo **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_PHOTOS, DB_ARGS(DB_INT(project_id)), read_photo_meta,
                             sizeof(**out), a, out, n_out, err);
}

int projects_store_photo(struct db_conn *c, int64_t project_id, int64_t id, struct arena *a,
                         struct proj_photo *out, struct err *err)
{
    return db_read_one_args(c, &SQL_PHOTO, DB_ARGS(DB_INT(project_id), DB_INT(id)), read_photo, a,
                            out, "/photo_id", "照片不存在", err);
}
