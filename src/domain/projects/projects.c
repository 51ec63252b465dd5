/* projects.c: the 民生实事 service: needs (a demand source checked through the demands area's
 * header, never copied), merges, proposals with review and retirement, budgets, the selection
 * of a year within its budget, the 公示 window (PROJ-PUBLICITY-DAYS), objections and their
 * answers, and adoption creating one project per selected proposal. Each write is one
 * transaction with its audit row. Projects' own records are in projects_work.c. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/auth/auth.h"
#include "domain/demands/demands.h"
#include "domain/projects/projects_int.h"

const char *const PROJ_SOURCES[] = { "demand",   "survey", "meeting", "unit",
                                     "resident", "other",  NULL };
const char *const PROJ_SOURCE_LABELS[] = { "群众诉求", "问卷调查", "议事会议", "驻区单位",
                                           "居民建议", "其他",     NULL };
const char *const PROJ_NEED_STATUSES[] = { "open", "merged", NULL };
const char *const PROJ_NEED_STATUS_LABELS[] = { "待处理", "已合并", NULL };
const char *const PROJ_PROPOSAL_STATUSES[] = { "pending", "feasible", "unfeasible", "retired",
                                               NULL };
const char *const PROJ_PROPOSAL_STATUS_LABELS[] = { "待审查", "可行", "不可行", "已撤回", NULL };
const char *const PROJ_RETIRE_REASONS[] = { "duplicated", "started", "unfeasible",
                                            "done",       "other",   NULL };
const char *const PROJ_RETIRE_REASON_LABELS[] = { "与其他建议重复", "已在实施", "无法实施",
                                                  "已经完成",       "其他",     NULL };
const char *const PROJ_SELECTION_STATUSES[] = { "draft", "publicity", "adopted", NULL };
const char *const PROJ_SELECTION_STATUS_LABELS[] = { "草稿", "公示中", "已确定", NULL };
const char *const PROJ_STATUSES[] = { "ongoing", "done", "stopped", NULL };
const char *const PROJ_STATUS_LABELS[] = { "实施中", "已完成", "已终止", NULL };
const char *const PROJ_SATISFACTIONS[] = { "satisfied", "basically", "unsatisfied", NULL };
const char *const PROJ_SATISFACTION_LABELS[] = { "满意", "基本满意", "不满意", NULL };
const char *const PROJ_VERDICTS[] = { "feasible", "unfeasible", NULL };

int projects_org_get(struct app *app, int64_t id, struct arena *a, struct proj_org *out,
                     struct err *err)
{
    struct db_conn *c = NULL;
    int rc = -1;

    if (db_acquire(app->db, &c, err) == 0)
        rc = projects_store_org(c, id, a, out, err);
    db_release(app->db, &c);
    return rc;
}

/* The community org of a new record (E_INVALID "/org_id" when it is not one). */
static int community_of(struct db_conn *c, int64_t id, struct arena *a, struct proj_org *o,
                        struct err *err)
{
    if (projects_store_org(c, id, a, o, err) < 0)
        return -1;
    if (!o->community)
        return err_set(err, E_INVALID, "/org_id",
                       "民生实事由社区党组织（街道下的社区党委或党总支）组织");
    return 0;
}

/* ---- needs ---- */

int proj_need_create(struct app *app, const struct proj_need_in *in, const struct auth_actor *actor,
                     int64_t *id_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct proj_org o;
    int64_t id, demand_id = 0;
    int rc = -1;

    arena_init(&a, 1u << 13);
    if (!strcmp(in->source_kind, "demand")) {
        struct demand_row d;
        struct demand_event *ev;
        int64_t nev;
        if (!in->source_id) {
            err_set(err, E_INVALID, "/source_id", "来源为群众诉求时须填写诉求编号（source_id）");
            goto out;
        }
        /* The demand is read through its own area, in the org's subtree, before our
         * transaction begins (it takes its own connection). */
        if (projects_org_get(app, in->org_id, &a, &o, err) < 0)
            goto out;
        if (demand_get(app, &(struct demands_scope){ .path = o.path }, in->source_id, &a, &d, &ev,
                       &nev, err) < 0) {
            if (err->code == E_NOT_FOUND) {
                err_clear(err);
                err_set(err, E_INVALID, "/source_id", "诉求不存在或不属于该社区");
            }
            goto out;
        }
        demand_id = d.id;
    }
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        community_of(c, in->org_id, &a, &o, err) < 0 ||
        projects_store_need_insert(c, &o, in, demand_id, auth_actor_user_id(actor), clock_now(),
                                   &id, err) < 0 ||
        auth_audit_change(c, actor, "proj.need", "proj_need", id, o.id,
                          json_pack("{s:I, s:s, s:I}", "year", (json_int_t)in->year, "source_kind",
                                    in->source_kind, "demand_id", (json_int_t)demand_id),
                          err) < 0)
        goto out;
    *id_out = id;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int proj_needs_list(struct app *app, const char *path, int64_t year, const char *status,
                    struct arena *a, struct proj_need **out, int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc = -1;

    if (db_acquire(app->db, &c, err) == 0)
        rc = projects_store_needs(c, path, year, status, 0, a, out, n_out, err);
    db_release(app->db, &c);
    return rc;
}

int proj_need_get(struct app *app, int64_t id, struct arena *a, struct proj_need *out,
                  struct err *err)
{
    struct db_conn *c = NULL;
    int rc = -1;

    if (db_acquire(app->db, &c, err) == 0)
        rc = projects_store_need(c, id, a, out, err);
    db_release(app->db, &c);
    return rc;
}

int proj_need_sources(struct app *app, int64_t id, struct arena *a, struct proj_need **out,
                      int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc = -1;

    if (db_acquire(app->db, &c, err) == 0)
        rc = projects_store_needs(c, "/", 0, NULL, id, a, out, n_out, err);
    db_release(app->db, &c);
    return rc;
}

int proj_need_merge(struct app *app, int64_t id, int64_t into, const struct auth_actor *actor,
                    struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct proj_need n, s;
    int rc = -1;

    arena_init(&a, 1u << 12);
    if (id == into) {
        err_set(err, E_INVALID, "/into", "不能把需求合并到它自己");
        goto out;
    }
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        projects_store_need(c, id, &a, &n, err) < 0)
        goto out;
    if (projects_store_need(c, into, &a, &s, err) < 0) {
        err_refine(err, "/into", "要合并到的需求不存在");
        goto out;
    }
    if (s.org_id != n.org_id) {
        err_set(err, E_INVALID, "/into", "只能合并同一社区的需求");
        goto out;
    }
    if (strcmp(n.status, "open") || strcmp(s.status, "open")) {
        err_set(err, E_CONFLICT, "/into", "已合并的需求不能再合并");
        goto out;
    }
    if (projects_store_need_merge(c, id, into, clock_now(), err) < 0 ||
        auth_audit_change(c, actor, "proj.need_merge", "proj_need", id, n.org_id,
                          json_pack("{s:I}", "into", (json_int_t)into), err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

/* ---- proposals ---- */

int proj_proposal_create(struct app *app, const struct proj_proposal_in *in,
                         const struct auth_actor *actor, int64_t *id_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct proj_org o;
    int64_t id;
    int rc = -1;

    arena_init(&a, 1u << 13);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        community_of(c, in->org_id, &a, &o, err) < 0)
        goto out;
    if (in->body_org_id) {
        struct proj_org b;
        if (projects_store_org(c, in->body_org_id, &a, &b, err) < 0) {
            err_refine(err, "/body_org_id", "责任单位（党组织）不存在");
            goto out;
        }
    }
    for (int64_t i = 0; i < in->nneeds; i++) {
        struct proj_need n;
        const char *path = arena_printf(&a, "/needs/%" PRId64 "/need_id", i);
        for (int64_t k = 0; k < i; k++)
            if (in->needs[k].need_id == in->needs[i].need_id)
                err_set(err, E_INVALID, path, "第%" PRId64 "项需求重复", i + 1);
        if (projects_store_need(c, in->needs[i].need_id, &a, &n, err) < 0) {
            if (err->code != E_NOT_FOUND)
                goto out;
            err_clear(err);
            err_set(err, E_INVALID, path, "第%" PRId64 "项需求不存在", i + 1);
            continue;
        }
        if (n.org_id != o.id || n.year != in->year)
            err_set(err, E_INVALID, path, "第%" PRId64 "项需求不属于该社区的这一年度", i + 1);
        else if (strcmp(n.status, "open"))
            err_set(err, E_INVALID, path, "第%" PRId64 "项需求已合并到需求 %" PRId64 "，请引用后者",
                    i + 1, n.merged_into);
    }
    if (err->code)
        goto out;
    if (projects_store_proposal_insert(c, &o, in, auth_actor_user_id(actor), clock_now(), &id,
                                       err) < 0)
        goto out;
    for (int64_t i = 0; i < in->nneeds; i++)
        if (projects_store_proposal_need(c, o.tenant_id, id, in->needs[i].need_id, err) < 0)
            goto out;
    if (auth_audit_change(c, actor, "proj.proposal", "proj_proposal", id, o.id,
                          json_pack("{s:I, s:I, s:I}", "year", (json_int_t)in->year, "cost_fen",
                                    (json_int_t)in->cost_fen, "needs", (json_int_t)in->nneeds),
                          err) < 0)
        goto out;
    *id_out = id;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

static int proposal_load(struct db_conn *c, int64_t id, struct arena *a, struct proj_proposal *p,
                         struct err *err)
{
    return projects_store_proposal(c, id, a, p, err) < 0 ||
                   projects_store_proposal_needs(c, id, a, &p->need_ids, &p->nneeds, err) < 0
               ? -1
               : 0;
}

int proj_proposals_list(struct app *app, const char *path, int64_t year, const char *status,
                        struct arena *a, struct proj_proposal **out, int64_t *n_out,
                        struct err *err)
{
    struct db_conn *c = NULL;
    struct proj_proposal *p = NULL;
    int64_t n = 0;
    int rc = -1;

    if (db_acquire(app->db, &c, err) < 0 ||
        projects_store_proposals(c, path, year, status, a, &p, &n, err) < 0)
        goto out;
    for (int64_t i = 0; i < n; i++)
        if (projects_store_proposal_needs(c, p[i].id, a, &p[i].need_ids, &p[i].nneeds, err) < 0)
            goto out;
    *out = p;
    *n_out = n;
    rc = 0;
out:
    db_release(app->db, &c);
    return rc;
}

int proj_proposal_get(struct app *app, int64_t id, struct arena *a, struct proj_proposal *out,
                      struct err *err)
{
    struct db_conn *c = NULL;
    int rc = -1;

    if (db_acquire(app->db, &c, err) == 0)
        rc = proposal_load(c, id, a, out, err);
    db_release(app->db, &c);
    return rc;
}

/* The proposal, still open to review or retirement: not retired, in no selection. */
static int proposal_open(struct db_conn *c, int64_t id, struct arena *a, struct proj_proposal *p,
                         struct err *err)
{
    bool selected;

    if (projects_store_proposal(c, id, a, p, err) < 0 ||
        projects_store_proposal_selected(c, id, &selected, err) < 0)
        return -1;
    if (!strcmp(p->status, "retired"))
        return err_set(err, E_CONFLICT, "", "项目建议已撤回");
    if (selected)
        return err_set(err, E_CONFLICT, "", "项目建议已列入实事清单，不能再审查或撤回");
    return 0;
}

int proj_proposal_review(struct app *app, int64_t id, const char *verdict, int64_t cost_fen,
                         const char *note, const struct auth_actor *actor, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct proj_proposal p;
    bool feasible = !strcmp(verdict, "feasible");
    int rc = -1;

    arena_init(&a, 1u << 12);
    if (!feasible && (!note || !*note)) {
        err_set(err, E_INVALID, "/note", "认定不可行时须说明理由");
        goto out;
    }
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        proposal_open(c, id, &a, &p, err) < 0)
        goto out;
    if (cost_fen < 0)
        cost_fen = p.cost_fen;
    if (projects_store_review(c, id, feasible ? "feasible" : "unfeasible", cost_fen, note,
                              auth_actor_user_id(actor), clock_now(), err) < 0 ||
        auth_audit_change(
            c, actor, "proj.review", "proj_proposal", id, p.org_id,
            json_pack("{s:s, s:I}", "verdict", verdict, "cost_fen", (json_int_t)cost_fen), err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int proj_proposal_retire(struct app *app, int64_t id, const char *reason, const char *note,
                         const struct auth_actor *actor, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct proj_proposal p;
    int rc = -1;

    arena_init(&a, 1u << 12);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        proposal_open(c, id, &a, &p, err) < 0 ||
        projects_store_retire(c, id, reason, note, auth_actor_user_id(actor), clock_now(), err) <
            0 ||
        auth_audit_change(c, actor, "proj.retire", "proj_proposal", id, p.org_id,
                          json_pack("{s:s}", "reason", reason), err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

/* ---- budget ---- */

int proj_budget_set(struct app *app, int64_t org_id, int64_t year, int64_t amount_fen,
                    const struct auth_actor *actor, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct proj_org o;
    int rc = -1;

    arena_init(&a, 1u << 12);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        community_of(c, org_id, &a, &o, err) < 0 ||
        projects_store_budget_set(c, &o, year, amount_fen, auth_actor_user_id(actor), clock_now(),
                                  err) < 0 ||
        auth_audit_change(
            c, actor, "proj.budget", "org", o.id, o.id,
            json_pack("{s:I, s:I}", "year", (json_int_t)year, "amount_fen", (json_int_t)amount_fen),
            err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int proj_budget_get(struct app *app, int64_t org_id, int64_t year, int64_t *amount_out,
                    struct err *err)
{
    struct db_conn *c = NULL;
    int rc = -1;

    if (db_acquire(app->db, &c, err) == 0)
        rc = projects_store_budget(c, org_id, year, amount_out, err);
    db_release(app->db, &c);
    return rc;
}

/* ---- selection ---- */

static const char *yuan(struct arena *a, int64_t fen)
{
    return arena_printf(a, "%" PRId64 ".%02" PRId64, fen / 100, fen % 100);
}

int proj_selection_create(struct app *app, const struct proj_selection_in *in_,
                          const struct auth_actor *actor, int64_t *id_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct proj_org o;
    struct proj_selection_in sel = *in_;
    const struct proj_selection_in *in = &sel;
    int64_t budget, total = 0, id;
    int64_t *costs = NULL;
    int rc = -1;

    arena_init(&a, 1u << 13);
    /* From a ballot: its result is read before this transaction takes a connection. */
    if (sel.ballot_id && proj_selection_from_ballot(app, &sel, &a, err) < 0)
        goto out;
    if (!sel.nproposals) {
        err_set(err, E_INVALID, "/proposals", "请按排序列出入选项目，或选择据以确定清单的表决");
        goto out;
    }
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        community_of(c, in->org_id, &a, &o, err) < 0 ||
        projects_store_budget(c, o.id, in->year, &budget, err) < 0)
        goto out;
    if (budget < 0) {
        err_set(err, E_INVALID, "/year", "%s %" PRId64 "年度尚未设定民生实事预算", o.name,
                in->year);
        goto out;
    }
    costs = arena_alloc(&a, sizeof(*costs) * (size_t)in->nproposals);
    for (int64_t i = 0; i < in->nproposals; i++) {
        struct proj_proposal p;
        bool selected;
        const char *path = arena_printf(&a, "/proposals/%" PRId64 "/proposal_id", i);
        for (int64_t k = 0; k < i; k++)
            if (in->proposals[k].proposal_id == in->proposals[i].proposal_id)
                err_set(err, E_INVALID, path, "第%" PRId64 "项建议重复", i + 1);
        if (projects_store_proposal(c, in->proposals[i].proposal_id, &a, &p, err) < 0) {
            if (err->code != E_NOT_FOUND)
                goto out;
            err_clear(err);
            err_set(err, E_INVALID, path, "第%" PRId64 "项建议不存在", i + 1);
            continue;
        }
        if (projects_store_proposal_selected(c, p.id, &selected, err) < 0)
            goto out;
        if (p.org_id != o.id || p.year != in->year)
            err_set(err, E_INVALID, path, "第%" PRId64 "项建议不属于该社区的这一年度", i + 1);
        else if (strcmp(p.status, "feasible"))
            err_set(err, E_INVALID, path, "第%" PRId64 "项建议“%s”未经可行性审查认定可行", i + 1,
                    p.title);
        else if (selected)
            err_set(err, E_INVALID, path, "第%" PRId64 "项建议已列入另一份实事清单", i + 1);
        costs[i] = p.cost_fen;
        total += p.cost_fen;
    }
    if (err->code)
        goto out;
    if (total > budget) {
        err_set(err, E_INVALID, "/proposals",
                "所选项目估算合计 %s 元，超出%" PRId64 "年度预算 %s 元（超出 %s 元），请调整清单",
                yuan(&a, total), in->year, yuan(&a, budget), yuan(&a, total - budget));
        goto out;
    }
    if (projects_store_selection_insert(c, &o, in, total, budget, auth_actor_user_id(actor),
                                        clock_now(), &id, err) < 0)
        goto out;
    for (int64_t i = 0; i < in->nproposals; i++)
        if (projects_store_selection_item(c, o.tenant_id, id, i + 1, in->proposals[i].proposal_id,
                                          costs[i], err) < 0)
            goto out;
    if (auth_audit_change(c, actor, "proj.selection", "proj_selection", id, o.id,
                          json_pack("{s:I, s:I, s:I, s:I}", "year", (json_int_t)in->year,
                                    "proposals", (json_int_t)in->nproposals, "total_fen",
                                    (json_int_t)total, "budget_fen", (json_int_t)budget),
                          err) < 0)
        goto out;
    *id_out = id;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

static void window_state(struct proj_selection *s)
{
    char today[11];

    clock_today(today);
    s->window_open = !strcmp(s->status, "publicity") && s->publicity_from && s->publicity_until &&
                     strcmp(today, s->publicity_from) >= 0 &&
                     strcmp(today, s->publicity_until) <= 0;
}

int proj_selection_get(struct app *app, int64_t id, struct arena *a, struct proj_selection *out,
                       struct err *err)
{
    struct db_conn *c = NULL;
    int rc = -1;

    if (db_acquire(app->db, &c, err) == 0 &&
        (rc = projects_store_selection(c, id, a, out, err)) == 0)
        window_state(out);
    db_release(app->db, &c);
    return rc;
}

int proj_selections_list(struct app *app, const char *path, int64_t year, struct arena *a,
                         struct proj_selection **out, int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    int64_t *ids, n;
    struct proj_selection *s;
    int rc = -1;

    if (db_acquire(app->db, &c, err) < 0 ||
        projects_store_selections(c, path, year, a, &ids, &n, err) < 0)
        goto out;
    s = arena_alloc(a, sizeof(*s) * (size_t)(n + 1));
    for (int64_t i = 0; i < n; i++) {
        if (projects_store_selection(c, ids[i], a, &s[i], err) < 0)
            goto out;
        window_state(&s[i]);
    }
    *out = s;
    *n_out = n;
    rc = 0;
out:
    db_release(app->db, &c);
    return rc;
}

int proj_selection_publish(struct app *app, int64_t id, const struct auth_actor *actor,
                           struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct proj_selection s;
    int64_t days;
    char today[11], until[11];
    int y, m, d;
    int rc = -1;

    arena_init(&a, 1u << 13);
    clock_today(today);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        projects_store_selection(c, id, &a, &s, err) < 0)
        goto out;
    if (strcmp(s.status, "draft")) {
        err_set(err, E_CONFLICT, "/status", "实事清单已公示过");
        goto out;
    }
    if (projects_store_rule(c, "PROJ-PUBLICITY-DAYS", today, &days, err) < 0)
        goto out;
    date_parse(today, &y, &m, &d);
    date_from_days(date_to_days(y, m, d) + days - 1, &y, &m, &d);
    snprintf(until, sizeof(until), "%04d-%02d-%02d", y, m, d);
    if (projects_store_publish(c, id, days, today, until, auth_actor_user_id(actor), clock_now(),
                               err) < 0 ||
        auth_audit_change(
            c, actor, "proj.publish", "proj_selection", id, s.org_id,
            json_pack("{s:s, s:s, s:I}", "from", today, "until", until, "days", (json_int_t)days),
            err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int proj_objection_add(struct app *app, int64_t selection_id, const char *content,
                       const char *channel, const struct auth_actor *actor, int64_t *id_out,
                       struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct proj_selection s;
    struct proj_org o;
    int64_t id;
    int rc = -1;

    arena_init(&a, 1u << 13);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        projects_store_selection(c, selection_id, &a, &s, err) < 0 ||
        projects_store_org(c, s.org_id, &a, &o, err) < 0)
        goto out;
    window_state(&s);
    if (!s.window_open) {
        if (!strcmp(s.status, "draft"))
            err_set(err, E_CONFLICT, "", "实事清单尚未公示，暂不受理异议");
        else
            err_set(err, E_CONFLICT, "", "公示期已结束（%s 至 %s），不再受理异议", s.publicity_from,
                    s.publicity_until);
        goto out;
    }
    if (projects_store_objection_insert(c, o.tenant_id, selection_id, content, channel,
                                        auth_actor_user_id(actor), clock_now(), &id, err) < 0 ||
        auth_audit_change(
            c, actor, "proj.objection", "proj_selection", selection_id, s.org_id,
            json_pack("{s:I, s:s}", "objection_id", (json_int_t)id, "channel", channel), err) < 0)
        goto out;
    *id_out = id;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int proj_objection_answer(struct app *app, int64_t selection_id, int64_t objection_id,
                          const char *answer, const struct auth_actor *actor, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct proj_selection s;
    bool done = false;
    int rc = -1;

    arena_init(&a, 1u << 13);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        projects_store_selection(c, selection_id, &a, &s, err) < 0)
        goto out;
    if (!strcmp(s.status, "adopted")) {
        err_set(err, E_CONFLICT, "", "实事清单已确定");
        goto out;
    }
    if (projects_store_objection_answer(c, selection_id, objection_id, answer,
                                        auth_actor_user_id(actor), clock_now(), &done, err) < 0)
        goto out;
    if (!done) {
        bool known = false;
        for (int64_t i = 0; i < s.nobjections; i++)
            known |= s.objections[i].id == objection_id;
        err_set(err, known ? E_CONFLICT : E_NOT_FOUND, "/objection_id",
                known ? "这条异议已有答复" : "异议不存在");
        goto out;
    }
    if (auth_audit_change(c, actor, "proj.answer", "proj_selection", selection_id, s.org_id,
                          json_pack("{s:I}", "objection_id", (json_int_t)objection_id), err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int proj_selection_adopt(struct app *app, int64_t id, const struct auth_actor *actor,
                         struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct proj_selection s;
    struct proj_org o;
    int64_t open = 0;
    int rc = -1;

    arena_init(&a, 1u << 13);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        projects_store_selection(c, id, &a, &s, err) < 0 ||
        projects_store_org(c, s.org_id, &a, &o, err) < 0)
        goto out;
    window_state(&s);
    if (!strcmp(s.status, "draft")) {
        err_set(err, E_CONFLICT, "/status", "实事清单须先公示");
        goto out;
    }
    if (!strcmp(s.status, "adopted")) {
        err_set(err, E_CONFLICT, "/status", "实事清单已确定");
        goto out;
    }
    if (s.window_open) {
        err_set(err, E_CONFLICT, "/status", "公示期至 %s 结束，期满后才能确定", s.publicity_until);
        goto out;
    }
    for (int64_t i = 0; i < s.nobjections; i++)
        open += !s.objections[i].answer;
    if (open) {
        err_set(err, E_CONFLICT, "/objections", "还有 %" PRId64 " 条异议未答复，全部答复后才能确定",
                open);
        goto out;
    }
    if (projects_store_adopt(c, id, auth_actor_user_id(actor), clock_now(), err) < 0)
        goto out;
    for (int64_t i = 0; i < s.nitems; i++)
        if (projects_store_project_insert(c, &s, o.tenant_id, &s.items[i], clock_now(), err) < 0)
            goto out;
    if (auth_audit_change(c, actor, "proj.adopt", "proj_selection", id, s.org_id,
                          json_pack("{s:I}", "projects", (json_int_t)s.nitems), err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}
