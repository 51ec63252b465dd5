/* projects_http.c: the 民生实事 area's HTTP adapter, its permissions and its module row (found
 * by tools/gen-modules.sh; tools/gen-perms.sh reads the PERM_ROW lines): needs, proposals,
 * budgets, selections with their 公示 and objections, projects with milestones, notes,
 * evaluations and 问责 records, the chain of one project and the public list (no login, no
 * personal data). Handlers decode, check the scope, call one service function and encode;
 * amounts are integer fen in and out. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json.h"
#include "core/cfg.h"
#include "core/upload.h"
#include "domain/app.h"
#include "domain/auth/auth.h"
#include "domain/auth/auth_guard.h"
#include "domain/auth/perm.h"
#include "domain/cache/cache.h"
#include "domain/modules.h"
#include "domain/orgpath.h"
#include "domain/projects/projects.h"
#include "http/http.h"

/* The largest amount accepted: 1 亿元 in fen. */
#define FEN_MAX 10000000000LL

static int64_t this_year(void)
{
    char today[11];

    clock_today(today);
    return strtoll(today, NULL, 10);
}

/* ---- JSON ---- */

static json_t *need_json(const struct proj_need *n, bool public)
{
    json_t *o = json_pack(
        "{s:I, s:I, s:s, s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)n->id, "org_id",
        (json_int_t)n->org_id, "org_name", n->org_name, "year", (json_int_t)n->year, "title",
        n->title, "source_kind", n->source_kind, "source_label",
        enum_label(PROJ_SOURCES, PROJ_SOURCE_LABELS, n->source_kind), "status", n->status);
    json_t *d = json_null();

    if (!public) {
        json_object_set_new(o, "description", jstr(n->description));
        json_object_set_new(o, "source_id", n->source_id ? jint(n->source_id) : json_null());
        json_object_set_new(o, "merged_into", n->merged_into ? jint(n->merged_into) : json_null());
        json_object_set_new(o, "merged_count", jint(n->nmerged));
        json_object_set_new(
            o, "status_label",
            jstr(enum_label(PROJ_NEED_STATUSES, PROJ_NEED_STATUS_LABELS, n->status)));
    }
    /* The demand's own number, category and status, read from its row; the public sees a
     * demand only when it is not marked do-not-publish, and never its text. */
    if (n->demand_id && (!public || !n->demand_no_publish)) {
        d = json_pack("{s:I, s:s?, s:s?}", "id", (json_int_t)n->demand_id, "number",
                      n->demand_number, "category", n->demand_category);
        if (!public)
            json_object_set_new(d, "status", jstr(n->demand_status));
    }
    json_object_set_new(o, "demand", d);
    return o;
}

static json_t *proposal_json(const struct proj_proposal *p)
{
    json_t *needs = json_array(), *o;

    for (int64_t i = 0; i < p->nneeds; i++)
        json_array_append_new(needs, jint(p->need_ids[i]));
    o = json_pack("{s:I, s:I, s:s, s:I, s:s, s:I, s:s, s:s, s:s, s:o}", "id", (json_int_t)p->id,
                  "org_id", (json_int_t)p->org_id, "org_name", p->org_name, "year",
                  (json_int_t)p->year, "title", p->title, "cost_fen", (json_int_t)p->cost_fen,
                  "body", p->body, "status", p->status, "status_label",
                  enum_label(PROJ_PROPOSAL_STATUSES, PROJ_PROPOSAL_STATUS_LABELS, p->status),
                  "need_ids", needs);
    json_object_set_new(o, "description", jstr(p->description));
    json_object_set_new(o, "body_org_id", p->body_org_id ? jint(p->body_org_id) : json_null());
    json_object_set_new(o, "feasibility_note", jstr(p->feasibility_note));
    json_object_set_new(o, "retire_reason", jstr(p->retire_reason));
    json_object_set_new(
        o, "retire_reason_label",
        jstr(p->retire_reason
                 ? enum_label(PROJ_RETIRE_REASONS, PROJ_RETIRE_REASON_LABELS, p->retire_reason)
                 : NULL));
    json_object_set_new(o, "retire_note", jstr(p->retire_note));
    json_object_set_new(o, "selected", json_boolean(p->selected));
    return o;
}

static json_t *selection_json(const struct proj_selection *s, bool public)
{
    json_t *items = json_array(), *objs = json_array(), *o;
    int64_t answered = 0;

    for (int64_t i = 0; i < s->nitems; i++)
        json_array_append_new(
            items, json_pack("{s:I, s:I, s:s, s:I}", "rank", (json_int_t)s->items[i].rank,
                             "proposal_id", (json_int_t)s->items[i].proposal_id, "title",
                             s->items[i].title, "cost_fen", (json_int_t)s->items[i].cost_fen));
    for (int64_t i = 0; i < s->nobjections; i++) {
        const struct proj_objection *x = &s->objections[i];
        answered += x->answer != NULL;
        if (public)
            continue;
        json_array_append_new(objs,
                              json_pack("{s:I, s:s, s:s, s:I, s:s?, s:I}", "id", (json_int_t)x->id,
                                        "content", x->content, "channel", x->channel, "created_at",
                                        (json_int_t)x->created_at, "answer", x->answer,
                                        "answered_at", (json_int_t)x->answered_at));
    }
    o = json_pack("{s:I, s:I, s:s, s:I, s:s, s:s, s:s, s:I, s:I, s:o, s:b, s:I, s:I}", "id",
                  (json_int_t)s->id, "org_id", (json_int_t)s->org_id, "org_name", s->org_name,
                  "year", (json_int_t)s->year, "basis", s->basis, "status", s->status,
                  "status_label",
                  enum_label(PROJ_SELECTION_STATUSES, PROJ_SELECTION_STATUS_LABELS, s->status),
                  "total_fen", (json_int_t)s->total_fen, "budget_fen", (json_int_t)s->budget_fen,
                  "items", items, "window_open", s->window_open, "objection_count",
                  (json_int_t)s->nobjections, "answered_count", (json_int_t)answered);
    json_object_set_new(o, "ballot_id", s->ballot_id ? jint(s->ballot_id) : json_null());
    json_object_set_new(o, "publicity_days",
                        s->publicity_days ? jint(s->publicity_days) : json_null());
    json_object_set_new(o, "publicity_from", jstr(s->publicity_from));
    json_object_set_new(o, "publicity_until", jstr(s->publicity_until));
    if (!public)
        json_object_set_new(o, "objections", objs);
    else
        json_decref(objs);
    return o;
}

static json_t *milestones_json(const struct proj_project *p)
{
    json_t *arr = json_array();

    for (int64_t i = 0; i < p->nmilestones; i++) {
        const struct proj_milestone *m = &p->milestones[i];
        json_array_append_new(arr,
                              json_pack("{s:I, s:s, s:s, s:I, s:s?}", "id", (json_int_t)m->id,
                                        "title", m->title, "planned_on", m->planned_on, "weight",
                                        (json_int_t)m->weight, "done_on", m->done_on));
    }
    return arr;
}

static json_t *project_json(const struct proj_project *p)
{
    return json_pack("{s:I, s:I, s:s, s:I, s:I, s:I, s:I, s:s, s:I, s:s, s:s, s:s, s:I, s:o}", "id",
                     (json_int_t)p->id, "org_id", (json_int_t)p->org_id, "org_name", p->org_name,
                     "year", (json_int_t)p->year, "selection_id", (json_int_t)p->selection_id,
                     "proposal_id", (json_int_t)p->proposal_id, "rank", (json_int_t)p->rank,
                     "title", p->title, "cost_fen", (json_int_t)p->cost_fen, "body", p->body,
                     "status", p->status, "status_label",
                     enum_label(PROJ_STATUSES, PROJ_STATUS_LABELS, p->status), "progress",
                     (json_int_t)p->progress, "milestones", milestones_json(p));
}

static json_t *summary_json(const struct proj_eval_summary *s)
{
    json_t *o = json_pack("{s:I, s:I, s:b}", "year", (json_int_t)s->year, "responses",
                          (json_int_t)s->responses, "published", s->published);

    if (s->published) {
        json_object_set_new(o, "satisfaction",
                            json_pack("{s:I, s:I, s:I}", "satisfied",
                                      (json_int_t)s->satisfaction[0], "basically",
                                      (json_int_t)s->satisfaction[1], "unsatisfied",
                                      (json_int_t)s->satisfaction[2]));
        json_object_set_new(o, "mean",
                            json_pack("{s:f, s:f, s:f}", "quality", s->mean_x100[0] / 100.0,
                                      "timeliness", s->mean_x100[1] / 100.0, "benefit",
                                      s->mean_x100[2] / 100.0));
    }
    return o;
}

static json_t *accounts_json(const struct proj_account *x, int64_t n, bool public)
{
    json_t *arr = json_array();

    for (int64_t i = 0; i < n; i++) {
        json_t *o = json_pack("{s:I, s:s, s:s, s:s?, s:s?}", "id", (json_int_t)x[i].id, "failure",
                              x[i].failure, "deadline", x[i].deadline, "outcome", x[i].outcome,
                              "closed_on", x[i].closed_on);
        if (!public)
            json_object_set_new(o, "responsible", jstr(x[i].responsible));
        json_array_append_new(arr, o);
    }
    return arr;
}

/* ---- needs ---- */

struct list_q {
    int64_t org, year;
    char *status;
};
static const struct field NEEDS_Q[] = {
    FIELD_ID(struct list_q, org, "org", "党组织", FIELD_OPTIONAL),
    FIELD_INT(struct list_q, year, "year", "年度", FIELD_OPTIONAL, 2000, 2999),
    FIELD_ENUM(struct list_q, status, "status", "状态", FIELD_OPTIONAL, PROJ_NEED_STATUSES),
    FIELD_END,
};
static const struct field NEED_IN[] = {
    FIELD_ID(struct proj_need_in, org_id, "org_id", "社区党组织", FIELD_REQUIRED),
    FIELD_INT(struct proj_need_in, year, "year", "年度", FIELD_REQUIRED, 2000, 2999),
    FIELD_STR(struct proj_need_in, title, "title", "需求", FIELD_REQUIRED, 2, 100),
    FIELD_STR(struct proj_need_in, description, "description", "说明", FIELD_OPTIONAL, 0, 2000),
    FIELD_ENUM(struct proj_need_in, source_kind, "source_kind", "来源", FIELD_REQUIRED,
               PROJ_SOURCES),
    FIELD_ID(struct proj_need_in, source_id, "source_id", "来源编号", FIELD_OPTIONAL),
    FIELD_END,
};

static int needs_list(struct http_req *req, struct http_res *res, struct err *err)
{
    struct list_q q = { 0 };
    struct proj_need *n;
    const char *path;
    int64_t cnt;
    json_t *arr;

    if (http_query_decode(req, NEEDS_Q, &q, NULL, err) < 0 ||
        http_scope_path(req, q.org, &path, err) < 0 ||
        proj_needs_list(req->app, path, q.year, q.status, req->arena, &n, &cnt, err) < 0)
        return -1;
    arr = json_array();
    for (int64_t i = 0; i < cnt; i++)
        json_array_append_new(arr, need_json(&n[i], false));
    http_res_json(res, 200, json_pack("{s:o, s:I}", "items", arr, "total", (json_int_t)cnt));
    return 0;
}

static int need_answer(struct http_req *req, struct http_res *res, int status, int64_t id,
                       struct err *err)
{
    struct proj_need n, *src;
    int64_t ns;
    json_t *o, *arr;

    if (proj_need_get(req->app, id, req->arena, &n, err) < 0 ||
        proj_need_sources(req->app, id, req->arena, &src, &ns, err) < 0)
        return -1;
    o = need_json(&n, false);
    arr = json_array();
    for (int64_t i = 0; i < ns; i++)
        json_array_append_new(arr, need_json(&src[i], false));
    json_object_set_new(o, "merged", arr);
    http_res_json(res, status, o);
    return 0;
}

static int needs_create(struct http_req *req, struct http_res *res, struct err *err)
{
    struct proj_need_in in = { 0 };
    struct auth_actor actor;
    int64_t id;

    if (http_body_decode(req, NEED_IN, &in, NULL, err) < 0 ||
        http_require_org(req, in.org_id, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (proj_need_create(req->app, &in, &actor, &id, err) < 0)
        return -1;
    return need_answer(req, res, 201, id, err);
}

/* The need of the path's id, in the caller's scope. */
static int need_in_scope(struct http_req *req, struct proj_need *n, struct err *err)
{
    int64_t id;

    if (http_param_id(req, 0, &id, err) < 0 || proj_need_get(req->app, id, req->arena, n, err) < 0)
        return -1;
    return http_require_org(req, n->org_id, err);
}

static int need_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct proj_need n;

    if (need_in_scope(req, &n, err) < 0)
        return -1;
    return need_answer(req, res, 200, n.id, err);
}

struct merge_in {
    int64_t into;
};
static const struct field MERGE_IN[] = {
    FIELD_ID(struct merge_in, into, "into", "合并到的需求", FIELD_REQUIRED),
    FIELD_END,
};

static int need_merge(struct http_req *req, struct http_res *res, struct err *err)
{
    struct merge_in in = { 0 };
    struct proj_need n;
    struct auth_actor actor;

    if (need_in_scope(req, &n, err) < 0 || http_body_decode(req, MERGE_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (proj_need_merge(req->app, n.id, in.into, &actor, err) < 0)
        return -1;
    return need_answer(req, res, 200, in.into, err);
}

/* ---- proposals ---- */

static const struct field PROPOSALS_Q[] = {
    FIELD_ID(struct list_q, org, "org", "党组织", FIELD_OPTIONAL),
    FIELD_INT(struct list_q, year, "year", "年度", FIELD_OPTIONAL, 2000, 2999),
    FIELD_ENUM(struct list_q, status, "status", "状态", FIELD_OPTIONAL, PROJ_PROPOSAL_STATUSES),
    FIELD_END,
};
static const struct field NEED_REF[] = {
    FIELD_ID(struct proj_need_ref, need_id, "need_id", "需求", FIELD_REQUIRED),
    FIELD_END,
};
static const struct field PROPOSAL_IN[] = {
    FIELD_ID(struct proj_proposal_in, org_id, "org_id", "社区党组织", FIELD_REQUIRED),
    FIELD_INT(struct proj_proposal_in, year, "year", "年度", FIELD_REQUIRED, 2000, 2999),
    FIELD_STR(struct proj_proposal_in, title, "title", "项目名称", FIELD_REQUIRED, 2, 100),
    FIELD_STR(struct proj_proposal_in, description, "description", "项目内容", FIELD_OPTIONAL, 0,
              2000),
    FIELD_INT(struct proj_proposal_in, cost_fen, "cost_fen", "估算金额（分）", FIELD_REQUIRED, 0,
              FEN_MAX),
    FIELD_STR(struct proj_proposal_in, body, "body", "责任单位", FIELD_REQUIRED, 2, 100),
    FIELD_ID(struct proj_proposal_in, body_org_id, "body_org_id", "责任单位（党组织）",
             FIELD_OPTIONAL),
    FIELD_ARRAY(struct proj_proposal_in, needs, "needs", "依据的需求", FIELD_REQUIRED, 1, 50,
                NEED_REF),
    FIELD_END,
};

static int proposals_list(struct http_req *req, struct http_res *res, struct err *err)
{
    struct list_q q = { 0 };
    struct proj_proposal *p;
    const char *path;
    int64_t n;
    json_t *arr;

    if (http_query_decode(req, PROPOSALS_Q, &q, NULL, err) < 0 ||
        http_scope_path(req, q.org, &path, err) < 0 ||
        proj_proposals_list(req->app, path, q.year, q.status, req->arena, &p, &n, err) < 0)
        return -1;
    arr = json_array();
    for (int64_t i = 0; i < n; i++)
        json_array_append_new(arr, proposal_json(&p[i]));
    http_res_json(res, 200, json_pack("{s:o, s:I}", "items", arr, "total", (json_int_t)n));
    return 0;
}

static int proposal_answer(struct http_req *req, struct http_res *res, int status, int64_t id,
                           struct err *err)
{
    struct proj_proposal p;

    if (proj_proposal_get(req->app, id, req->arena, &p, err) < 0)
        return -1;
    http_res_json(res, status, proposal_json(&p));
    return 0;
}

static int proposals_create(struct http_req *req, struct http_res *res, struct err *err)
{
    struct proj_proposal_in in = { 0 };
    struct auth_actor actor;
    int64_t id;

    if (http_body_decode(req, PROPOSAL_IN, &in, NULL, err) < 0 ||
        http_require_org(req, in.org_id, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (proj_proposal_create(req->app, &in, &actor, &id, err) < 0)
        return -1;
    return proposal_answer(req, res, 201, id, err);
}

static int proposal_in_scope(struct http_req *req, struct proj_proposal *p, struct err *err)
{
    int64_t id;

    if (http_param_id(req, 0, &id, err) < 0 ||
        proj_proposal_get(req->app, id, req->arena, p, err) < 0)
        return -1;
    return http_require_org(req, p->org_id, err);
}

static int proposal_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct proj_proposal p;

    if (proposal_in_scope(req, &p, err) < 0)
        return -1;
    http_res_json(res, 200, proposal_json(&p));
    return 0;
}

struct review_in {
    char *verdict, *note;
    int64_t cost_fen;
};
static const struct field REVIEW_IN[] = {
    FIELD_ENUM(struct review_in, verdict, "verdict", "审查结论", FIELD_REQUIRED, PROJ_VERDICTS),
    FIELD_INT(struct review_in, cost_fen, "cost_fen", "核定金额（分）", FIELD_OPTIONAL, 0, FEN_MAX),
    FIELD_STR(struct review_in, note, "note", "说明", FIELD_OPTIONAL, 0, 1000),
    FIELD_END,
};

static int proposal_review(struct http_req *req, struct http_res *res, struct err *err)
{
    struct review_in in = { .cost_fen = -1 };
    struct proj_proposal p;
    struct auth_actor actor;

    if (proposal_in_scope(req, &p, err) < 0 || http_body_decode(req, REVIEW_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (proj_proposal_review(req->app, p.id, in.verdict, in.cost_fen, in.note, &actor, err) < 0)
        return -1;
    return proposal_answer(req, res, 200, p.id, err);
}

struct retire_in {
    char *reason, *note;
};
static const struct field RETIRE_IN[] = {
    FIELD_ENUM(struct retire_in, reason, "reason", "撤回原因", FIELD_REQUIRED, PROJ_RETIRE_REASONS),
    FIELD_STR(struct retire_in, note, "note", "说明", FIELD_OPTIONAL, 0, 1000),
    FIELD_END,
};

static int proposal_retire(struct http_req *req, struct http_res *res, struct err *err)
{
    struct retire_in in = { 0 };
    struct proj_proposal p;
    struct auth_actor actor;

    if (proposal_in_scope(req, &p, err) < 0 || http_body_decode(req, RETIRE_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (proj_proposal_retire(req->app, p.id, in.reason, in.note, &actor, err) < 0)
        return -1;
    return proposal_answer(req, res, 200, p.id, err);
}

/* ---- budget ---- */

struct budget_in {
    int64_t org_id, year, amount_fen;
};
static const struct field BUDGET_IN[] = {
    FIELD_ID(struct budget_in, org_id, "org_id", "社区党组织", FIELD_REQUIRED),
    FIELD_INT(struct budget_in, year, "year", "年度", FIELD_REQUIRED, 2000, 2999),
    FIELD_INT(struct budget_in, amount_fen, "amount_fen", "预算（分）", FIELD_REQUIRED, 0, FEN_MAX),
    FIELD_END,
};
static const struct field BUDGET_Q[] = {
    FIELD_ID(struct budget_in, org_id, "org", "社区党组织", FIELD_REQUIRED),
    FIELD_INT(struct budget_in, year, "year", "年度", FIELD_OPTIONAL, 2000, 2999),
    FIELD_END,
};

static int budget_answer(struct http_req *req, struct http_res *res, int64_t org, int64_t year,
                         struct err *err)
{
    int64_t amount;

    if (proj_budget_get(req->app, org, year, &amount, err) < 0)
        return -1;
    http_res_json(res, 200,
                  json_pack("{s:I, s:I, s:o}", "org_id", (json_int_t)org, "year", (json_int_t)year,
                            "amount_fen", amount >= 0 ? jint(amount) : json_null()));
    return 0;
}

static int budget_set(struct http_req *req, struct http_res *res, struct err *err)
{
    struct budget_in in = { 0 };
    struct auth_actor actor;

    if (http_body_decode(req, BUDGET_IN, &in, NULL, err) < 0 ||
        http_require_org(req, in.org_id, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (proj_budget_set(req->app, in.org_id, in.year, in.amount_fen, &actor, err) < 0)
        return -1;
    return budget_answer(req, res, in.org_id, in.year, err);
}

static int budget_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct budget_in q = { 0 };

    if (http_query_decode(req, BUDGET_Q, &q, NULL, err) < 0 ||
        http_require_org(req, q.org_id, err) < 0)
        return -1;
    return budget_answer(req, res, q.org_id, q.year ? q.year : this_year(), err);
}

/* ---- selections ---- */

static const struct field PROPOSAL_REF[] = {
    FIELD_ID(struct proj_proposal_ref, proposal_id, "proposal_id", "项目建议", FIELD_REQUIRED),
    FIELD_END,
};
static const struct field SELECTION_IN[] = {
    FIELD_ID(struct proj_selection_in, org_id, "org_id", "社区党组织", FIELD_REQUIRED),
    FIELD_INT(struct proj_selection_in, year, "year", "年度", FIELD_REQUIRED, 2000, 2999),
    FIELD_STR(struct proj_selection_in, basis, "basis", "确定依据", FIELD_REQUIRED, 2, 1000),
    FIELD_ARRAY(struct proj_selection_in, proposals, "proposals",
                "入选项目（按排序；依表决结果确定时不填）", FIELD_OPTIONAL, 1, 50, PROPOSAL_REF),
    FIELD_ID(struct proj_selection_in, ballot_id, "ballot_id", "据以确定清单的表决（议事协商）",
             FIELD_OPTIONAL),
    FIELD_END,
};
static const struct field SELECTIONS_Q[] = {
    FIELD_ID(struct list_q, org, "org", "党组织", FIELD_OPTIONAL),
    FIELD_INT(struct list_q, year, "year", "年度", FIELD_OPTIONAL, 2000, 2999),
    FIELD_END,
};

static int selections_list(struct http_req *req, struct http_res *res, struct err *err)
{
    struct list_q q = { 0 };
    struct proj_selection *s;
    const char *path;
    int64_t n;
    json_t *arr;

    if (http_query_decode(req, SELECTIONS_Q, &q, NULL, err) < 0 ||
        http_scope_path(req, q.org, &path, err) < 0 ||
        proj_selections_list(req->app, path, q.year, req->arena, &s, &n, err) < 0)
        return -1;
    arr = json_array();
    for (int64_t i = 0; i < n; i++)
        json_array_append_new(arr, selection_json(&s[i], false));
    http_res_json(res, 200, json_pack("{s:o, s:I}", "items", arr, "total", (json_int_t)n));
    return 0;
}

static int selection_answer(struct http_req *req, struct http_res *res, int status, int64_t id,
                            struct err *err)
{
    struct proj_selection s;

    if (proj_selection_get(req->app, id, req->arena, &s, err) < 0)
        return -1;
    http_res_json(res, status, selection_json(&s, false));
    return 0;
}

static int selections_create(struct http_req *req, struct http_res *res, struct err *err)
{
    struct proj_selection_in in = { 0 };
    struct auth_actor actor;
    int64_t id;

    if (http_body_decode(req, SELECTION_IN, &in, NULL, err) < 0 ||
        http_require_org(req, in.org_id, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (proj_selection_create(req->app, &in, &actor, &id, err) < 0)
        return -1;
    return selection_answer(req, res, 201, id, err);
}

static int selection_in_scope(struct http_req *req, struct proj_selection *s, struct err *err)
{
    int64_t id;

    if (http_param_id(req, 0, &id, err) < 0 ||
        proj_selection_get(req->app, id, req->arena, s, err) < 0)
        return -1;
    return http_require_org(req, s->org_id, err);
}

static int selection_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct proj_selection s;

    if (selection_in_scope(req, &s, err) < 0)
        return -1;
    http_res_json(res, 200, selection_json(&s, false));
    return 0;
}

static int selection_publish(struct http_req *req, struct http_res *res, struct err *err)
{
    struct proj_selection s;
    struct auth_actor actor;

    if (selection_in_scope(req, &s, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (proj_selection_publish(req->app, s.id, &actor, err) < 0)
        return -1;
    return selection_answer(req, res, 200, s.id, err);
}

static int selection_adopt(struct http_req *req, struct http_res *res, struct err *err)
{
    struct proj_selection s;
    struct auth_actor actor;

    if (selection_in_scope(req, &s, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (proj_selection_adopt(req->app, s.id, &actor, err) < 0)
        return -1;
    return selection_answer(req, res, 200, s.id, err);
}

struct objection_in {
    char *content;
};
static const struct field OBJECTION_IN[] = {
    FIELD_STR(struct objection_in, content, "content", "异议内容", FIELD_REQUIRED, 2, 2000),
    FIELD_END,
};

/* Whether the caller lives or serves in the community at path: a 居民's or 党员's grant at it
 * or inside it (a street's or district's account is not one of its residents: it would add a
 * voice to every community below it). */
static bool of_community(const struct auth_user *u, const char *path)
{
    for (int i = 0; i < u->ngrants; i++)
        if ((u->grants[i].role == ROLE_RESIDENT || u->grants[i].role == ROLE_MEMBER) &&
            orgpath_within(u->grants[i].org_path, path))
            return true;
    return false;
}

/* Any signed-in resident or member of the community objects in their own name; staff who may
 * manage the community's projects enter it on a resident's behalf (channel "staff"). Someone
 * else reads the selection as missing. */
static int objection_add(struct http_req *req, struct http_res *res, struct err *err)
{
    struct objection_in in = { 0 };
    struct proj_selection s;
    struct proj_org o;
    struct auth_actor actor;
    int64_t id, sid;
    const char *channel;

    if (http_body_decode(req, OBJECTION_IN, &in, NULL, err) < 0 ||
        http_param_id(req, 0, &sid, err) < 0 ||
        proj_selection_get(req->app, sid, req->arena, &s, err) < 0 ||
        projects_org_get(req->app, s.org_id, req->arena, &o, err) < 0)
        return -1;
    if (auth_can(req->user, PERM_PROJECTS_WRITE, o.path))
        channel = "staff";
    else if (of_community(req->user, o.path) && !strcmp(s.status, "publicity"))
        channel = "self";
    else
        return err_set(err, E_NOT_FOUND, "/id", "实事清单不存在");
    http_actor(req, &actor);
    if (proj_objection_add(req->app, s.id, in.content, channel, &actor, &id, err) < 0)
        return -1;
    http_res_json(res, 201, json_pack("{s:I, s:s}", "id", (json_int_t)id, "channel", channel));
    return 0;
}

struct answer_in {
    char *answer;
};
static const struct field ANSWER_IN[] = {
    FIELD_STR(struct answer_in, answer, "answer", "答复", FIELD_REQUIRED, 2, 2000),
    FIELD_END,
};

static int objection_answer(struct http_req *req, struct http_res *res, struct err *err)
{
    struct answer_in in = { 0 };
    struct proj_selection s;
    struct auth_actor actor;
    int64_t oid;

    if (selection_in_scope(req, &s, err) < 0 || http_param_id(req, 1, &oid, err) < 0 ||
        http_body_decode(req, ANSWER_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (proj_objection_answer(req->app, s.id, oid, in.answer, &actor, err) < 0)
        return -1;
    return selection_answer(req, res, 200, s.id, err);
}

/* ---- projects ---- */

static const struct field PROJECTS_Q[] = {
    FIELD_ID(struct list_q, org, "org", "党组织", FIELD_OPTIONAL),
    FIELD_INT(struct list_q, year, "year", "年度", FIELD_OPTIONAL, 2000, 2999),
    FIELD_END,
};

static int projects_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct list_q q = { 0 };
    struct proj_project *p;
    const char *path;
    int64_t n;
    json_t *arr;

    if (http_query_decode(req, PROJECTS_Q, &q, NULL, err) < 0 ||
        http_scope_path(req, q.org, &path, err) < 0 ||
        proj_projects_list(req->app, path, q.year, false, req->arena, &p, &n, err) < 0)
        return -1;
    arr = json_array();
    for (int64_t i = 0; i < n; i++)
        json_array_append_new(arr, project_json(&p[i]));
    http_res_json(res, 200, json_pack("{s:o, s:I}", "items", arr, "total", (json_int_t)n));
    return 0;
}

static int project_in_scope(struct http_req *req, struct proj_project *p, struct err *err)
{
    int64_t id;

    if (http_param_id(req, 0, &id, err) < 0 ||
        proj_project_get(req->app, id, req->arena, p, err) < 0)
        return -1;
    return http_require_org(req, p->org_id, err);
}

/* The photos of a project, without bytes: [{id, file_name, kind, uploaded_at}]. */
static int photos_json(struct http_req *req, int64_t project_id, json_t **out, struct err *err)
{
    struct proj_photo *ph;
    int64_t n;

    if (proj_photos(req->app, project_id, req->arena, &ph, &n, err) < 0)
        return -1;
    *out = json_array();
    for (int64_t i = 0; i < n; i++)
        json_array_append_new(*out, json_pack("{s:I, s:s, s:s, s:I}", "id", (json_int_t)ph[i].id,
                                              "file_name", ph[i].file_name, "kind", ph[i].kind,
                                              "uploaded_at", (json_int_t)ph[i].uploaded_at));
    return 0;
}

/* The project with its notes, evaluation summaries, 问责 records and photos. */
static int project_answer(struct http_req *req, struct http_res *res, int status, int64_t id,
                          struct err *err)
{
    struct proj_project p;
    struct proj_note *notes;
    struct proj_eval_summary *sum;
    struct proj_account *acc;
    int64_t nn, ns, na;
    json_t *o, *arr;

    if (proj_project_get(req->app, id, req->arena, &p, err) < 0 ||
        proj_notes(req->app, id, req->arena, &notes, &nn, err) < 0 ||
        proj_eval_summaries(req->app, id, req->arena, &sum, &ns, err) < 0 ||
        proj_accounts(req->app, id, req->arena, &acc, &na, err) < 0)
        return -1;
    o = project_json(&p);
    arr = json_array();
    for (int64_t i = 0; i < nn; i++)
        json_array_append_new(arr,
                              json_pack("{s:I, s:s, s:s?, s:I}", "id", (json_int_t)notes[i].id,
                                        "content", notes[i].content, "author", notes[i].author_name,
                                        "created_at", (json_int_t)notes[i].created_at));
    json_object_set_new(o, "notes", arr);
    arr = json_array();
    for (int64_t i = 0; i < ns; i++)
        json_array_append_new(arr, summary_json(&sum[i]));
    json_object_set_new(o, "evaluations", arr);
    json_object_set_new(o, "accountability", accounts_json(acc, na, false));
    if (photos_json(req, id, &arr, err) < 0) {
        json_decref(o);
        return -1;
    }
    json_object_set_new(o, "photos", arr);
    http_res_json(res, status, o);
    return 0;
}

static int project_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct proj_project p;

    if (project_in_scope(req, &p, err) < 0)
        return -1;
    return project_answer(req, res, 200, p.id, err);
}

static const struct field MILESTONE_IN[] = {
    FIELD_STR(struct proj_milestone_in, title, "title", "节点", FIELD_REQUIRED, 2, 100),
    FIELD_DATE(struct proj_milestone_in, planned_on, "planned_on", "计划日期", FIELD_REQUIRED),
    FIELD_INT(struct proj_milestone_in, weight, "weight", "权重", FIELD_REQUIRED, 1, 100),
    FIELD_DATE(struct proj_milestone_in, done_on, "done_on", "完成日期", FIELD_OPTIONAL),
    FIELD_END,
};

static int milestone_add(struct http_req *req, struct http_res *res, struct err *err)
{
    struct proj_milestone_in in = { 0 };
    struct proj_project p;
    struct auth_actor actor;
    int64_t id;

    if (project_in_scope(req, &p, err) < 0 ||
        http_body_decode(req, MILESTONE_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (proj_milestone_add(req->app, p.id, &in, &actor, &id, err) < 0)
        return -1;
    return project_answer(req, res, 201, p.id, err);
}

struct done_in {
    char *done_on;
};
static const struct field DONE_IN[] = {
    FIELD_DATE(struct done_in, done_on, "done_on", "完成日期", FIELD_OPTIONAL | FIELD_NULLABLE),
    FIELD_END,
};

static int milestone_done(struct http_req *req, struct http_res *res, struct err *err)
{
    struct done_in in = { 0 };
    struct proj_project p;
    struct auth_actor actor;
    int64_t mid;

    if (project_in_scope(req, &p, err) < 0 || http_param_id(req, 1, &mid, err) < 0 ||
        http_body_decode(req, DONE_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (proj_milestone_done(req->app, p.id, mid, in.done_on, &actor, err) < 0)
        return -1;
    return project_answer(req, res, 200, p.id, err);
}

struct status_in {
    char *status;
};
static const struct field STATUS_IN[] = {
    FIELD_ENUM(struct status_in, status, "status", "项目状态", FIELD_REQUIRED, PROJ_STATUSES),
    FIELD_END,
};

static int project_status(struct http_req *req, struct http_res *res, struct err *err)
{
    struct status_in in = { 0 };
    struct proj_project p;
    struct auth_actor actor;

    if (project_in_scope(req, &p, err) < 0 || http_body_decode(req, STATUS_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (proj_status_set(req->app, p.id, in.status, &actor, err) < 0)
        return -1;
    return project_answer(req, res, 200, p.id, err);
}

struct note_in {
    char *content;
};
static const struct field NOTE_IN[] = {
    FIELD_STR(struct note_in, content, "content", "监督意见", FIELD_REQUIRED, 2, 2000),
    FIELD_END,
};

static int note_add(struct http_req *req, struct http_res *res, struct err *err)
{
    struct note_in in = { 0 };
    struct proj_project p;
    struct auth_actor actor;
    int64_t id;

    if (project_in_scope(req, &p, err) < 0 || http_body_decode(req, NOTE_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (proj_note_add(req->app, p.id, in.content, &actor, &id, err) < 0)
        return -1;
    return project_answer(req, res, 201, p.id, err);
}

static const struct field ACCOUNT_IN[] = {
    FIELD_STR(struct proj_account_in, failure, "failure", "存在问题", FIELD_REQUIRED, 2, 2000),
    FIELD_STR(struct proj_account_in, responsible, "responsible", "责任单位或责任人",
              FIELD_REQUIRED, 2, 200),
    FIELD_DATE(struct proj_account_in, deadline, "deadline", "整改期限", FIELD_REQUIRED),
    FIELD_STR(struct proj_account_in, outcome, "outcome", "整改结果", FIELD_OPTIONAL, 0, 2000),
    FIELD_DATE(struct proj_account_in, closed_on, "closed_on", "办结日期", FIELD_OPTIONAL),
    FIELD_END,
};

static int account_add(struct http_req *req, struct http_res *res, struct err *err)
{
    struct proj_account_in in = { 0 };
    struct proj_project p;
    struct auth_actor actor;
    int64_t id;

    if (project_in_scope(req, &p, err) < 0 || http_body_decode(req, ACCOUNT_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (proj_account_add(req->app, p.id, &in, &actor, &id, err) < 0)
        return -1;
    return project_answer(req, res, 201, p.id, err);
}

struct close_in {
    char *outcome, *closed_on;
};
static const struct field CLOSE_IN[] = {
    FIELD_STR(struct close_in, outcome, "outcome", "整改结果", FIELD_REQUIRED, 2, 2000),
    FIELD_DATE(struct close_in, closed_on, "closed_on", "办结日期", FIELD_REQUIRED),
    FIELD_END,
};

static int account_close(struct http_req *req, struct http_res *res, struct err *err)
{
    struct close_in in = { 0 };
    struct proj_project p;
    struct auth_actor actor;
    int64_t aid;

    if (project_in_scope(req, &p, err) < 0 || http_param_id(req, 1, &aid, err) < 0 ||
        http_body_decode(req, CLOSE_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (proj_account_close(req->app, p.id, aid, in.outcome, in.closed_on, &actor, err) < 0)
        return -1;
    return project_answer(req, res, 200, p.id, err);
}

struct eval_body {
    int64_t year;
    struct proj_eval_in e;
};
static const struct field EVAL_FIELDS[] = {
    FIELD_INT(struct proj_eval_in, quality, "quality", "项目质量", FIELD_REQUIRED, 1, 5),
    FIELD_INT(struct proj_eval_in, timeliness, "timeliness", "进度按时", FIELD_REQUIRED, 1, 5),
    FIELD_INT(struct proj_eval_in, benefit, "benefit", "群众受益", FIELD_REQUIRED, 1, 5),
    FIELD_ENUM(struct proj_eval_in, satisfaction, "satisfaction", "总体评价", FIELD_REQUIRED,
               PROJ_SATISFACTIONS),
    FIELD_STR(struct proj_eval_in, comment, "comment", "意见建议", FIELD_OPTIONAL, 0, 1000),
    FIELD_END,
};
static const struct field EVAL_IN[] = {
    FIELD_INT(struct eval_body, year, "year", "评议年度", FIELD_OPTIONAL, 2000, 2999),
    FIELD_INLINE(struct eval_body, e, EVAL_FIELDS),
    FIELD_END,
};

/* A resident (or member) of the project's community evaluates it, once per account and year;
 * anyone else reads the project as missing. The body is checked first, the same for all. */
static int evaluate(struct http_req *req, struct http_res *res, struct err *err)
{
    struct eval_body in = { 0 };
    struct proj_project p;
    struct proj_org o;
    struct auth_actor actor;
    int64_t id;

    if (http_body_decode(req, EVAL_IN, &in, NULL, err) < 0 || http_param_id(req, 0, &id, err) < 0 ||
        proj_project_get(req->app, id, req->arena, &p, err) < 0 ||
        projects_org_get(req->app, p.org_id, req->arena, &o, err) < 0)
        return -1;
    if (!of_community(req->user, o.path))
        return err_set(err, E_NOT_FOUND, "/id", "项目不存在");
    http_actor(req, &actor);
    if (proj_evaluate(req->app, p.id, in.year ? in.year : this_year(), req->user->id, &in.e, &actor,
                      err) < 0)
        return -1;
    http_res_json(res, 201,
                  json_pack("{s:I, s:I}", "project_id", (json_int_t)p.id, "year",
                            (json_int_t)(in.year ? in.year : this_year())));
    return 0;
}

/* The community of a grant at path: the nearest community org on the path (itself or above);
 * 0 when none. */
static int64_t community_above(struct http_req *req, const char *path, struct err *err)
{
    int64_t ids[32], n = 0, found = 0;

    for (const char *s = path; *s && n < 32;) {
        char *end;
        int64_t id;
        if (*s == '/') {
            s++;
            continue;
        }
        id = strtoll(s, &end, 10);
        if (end == s)
            break;
        ids[n++] = id;
        s = end;
    }
    for (int64_t i = n - 1; i >= 0 && !found; i--) {
        struct proj_org o;
        if (projects_org_get(req->app, ids[i], req->arena, &o, err) < 0) {
            err_clear(err);
            continue;
        }
        if (o.community)
            found = o.id;
    }
    return found;
}

/* Projects a resident may evaluate: those of the communities of the caller's grants. */
static int evaluable(struct http_req *req, struct http_res *res, struct err *err)
{
    json_t *arr = json_array();
    int64_t seen[16], nseen = 0;

    for (int i = 0; i < req->user->ngrants && nseen < 16; i++) {
        struct proj_project *p;
        struct proj_org o;
        int64_t n, cid = community_above(req, req->user->grants[i].org_path, err);
        bool dup = false;
        for (int64_t k = 0; k < nseen; k++)
            dup |= seen[k] == cid;
        if (!cid || dup)
            continue;
        seen[nseen++] = cid;
        if (projects_org_get(req->app, cid, req->arena, &o, err) < 0 ||
            proj_projects_list(req->app, o.path, 0, true, req->arena, &p, &n, err) < 0) {
            json_decref(arr);
            return -1;
        }
        for (int64_t k = 0; k < n; k++)
            json_array_append_new(arr, project_json(&p[k]));
    }
    http_res_json(res, 200, json_pack("{s:o}", "items", arr));
    return 0;
}

/* Photos are files, bounded like a demand's photos plus room for the multipart framing. */
static int64_t photo_body_max(const struct cfg *cfg)
{
    return cfg->demands_photo_max_bytes + (64 << 10);
}

static int photo_upload(struct http_req *req, struct http_res *res, struct err *err)
{
    struct proj_project p;
    struct http_upload up;
    struct auth_actor actor;
    int64_t pid;

    if (project_in_scope(req, &p, err) < 0)
        return -1;
    if (http_multipart_file(req, &up, err) < 0) {
        err_refine(err, "/file", "请以 multipart/form-data 上传照片（表单字段 file：JPEG 或 PNG）");
        return -1;
    }
    http_actor(req, &actor);
    if (proj_photo_add(req->app, p.id, up.filename, up.data, up.len,
                       req->cfg->demands_photo_max_bytes, &actor, req->arena, &pid, err) < 0)
        return -1;
    return project_answer(req, res, 201, p.id, err);
}

static int photo_download(struct http_req *req, struct http_res *res, struct err *err)
{
    struct proj_project p;
    struct proj_photo ph;
    int64_t pid;

    if (project_in_scope(req, &p, err) < 0 || http_param_id(req, 1, &pid, err) < 0 ||
        proj_photo_get(req->app, p.id, pid, req->arena, &ph, err) < 0)
        return -1;
    http_res_file(req, res, ph.content_type, ph.data, (size_t)ph.size,
                  arena_printf(req->arena, "project-%" PRId64 ".%s", ph.id, upload_ext(ph.kind)),
                  ph.file_name);
    return 0;
}

/* ---- the chain ---- */

/* One project's chain: proposal, needs (with merged ones) and their demands, the selection
 * (ballot id, objections), milestones, evaluation summaries, 问责. public drops personal data
 * and free text residents wrote: objections' text, notes, the responsible person, demands
 * marked do-not-publish, and needs' descriptions. */
static int chain_json(struct http_req *req, const struct proj_project *p, bool public, json_t **out,
                      struct err *err)
{
    struct proj_proposal pr;
    struct proj_selection s;
    struct proj_eval_summary *sum;
    struct proj_account *acc;
    int64_t ns, na;
    json_t *o, *needs = json_array(), *demands = json_array(), *arr;

    if (proj_proposal_get(req->app, p->proposal_id, req->arena, &pr, err) < 0 ||
        proj_selection_get(req->app, p->selection_id, req->arena, &s, err) < 0 ||
        proj_eval_summaries(req->app, p->id, req->arena, &sum, &ns, err) < 0 ||
        proj_accounts(req->app, p->id, req->arena, &acc, &na, err) < 0)
        goto fail;
    for (int64_t i = 0; i < pr.nneeds; i++) {
        struct proj_need n, *src;
        int64_t nsrc;
        json_t *nj, *sj;
        if (proj_need_get(req->app, pr.need_ids[i], req->arena, &n, err) < 0 ||
            proj_need_sources(req->app, n.id, req->arena, &src, &nsrc, err) < 0)
            goto fail;
        nj = need_json(&n, public);
        sj = json_array();
        for (int64_t k = -1; k < nsrc; k++) {
            const struct proj_need *x = k < 0 ? &n : &src[k];
            if (k >= 0)
                json_array_append_new(sj, need_json(x, public));
            if (x->demand_id && (!public || !x->demand_no_publish))
                json_array_append_new(
                    demands, json_pack("{s:I, s:s?, s:s?, s:I}", "id", (json_int_t)x->demand_id,
                                       "number", x->demand_number, "category", x->demand_category,
                                       "need_id", (json_int_t)x->id));
        }
        json_object_set_new(nj, "merged", sj);
        json_array_append_new(needs, nj);
    }
    o = json_object();
    json_object_set_new(o, "project", project_json(p));
    arr = json_pack("{s:I, s:s, s:I, s:s}", "id", (json_int_t)pr.id, "title", pr.title, "cost_fen",
                    (json_int_t)pr.cost_fen, "body", pr.body);
    json_object_set_new(arr, "description", jstr(pr.description));
    json_object_set_new(arr, "feasibility_note", jstr(pr.feasibility_note));
    json_object_set_new(o, "proposal", arr);
    json_object_set_new(o, "needs", needs);
    json_object_set_new(o, "demands", demands);
    json_object_set_new(o, "selection", selection_json(&s, public));
    arr = json_array();
    for (int64_t i = 0; i < ns; i++)
        json_array_append_new(arr, summary_json(&sum[i]));
    json_object_set_new(o, "evaluations", arr);
    json_object_set_new(o, "accountability", accounts_json(acc, na, public));
    if (!public) {
        struct proj_note *notes;
        int64_t nn;
        if (proj_notes(req->app, p->id, req->arena, &notes, &nn, err) < 0) {
            json_decref(o);
            return -1;
        }
        arr = json_array();
        for (int64_t i = 0; i < nn; i++)
            json_array_append_new(arr, json_pack("{s:I, s:s, s:s?, s:I}", "id",
                                                 (json_int_t)notes[i].id, "content",
                                                 notes[i].content, "author", notes[i].author_name,
                                                 "created_at", (json_int_t)notes[i].created_at));
        json_object_set_new(o, "notes", arr);
    }
    *out = o;
    return 0;
fail:
    json_decref(needs);
    json_decref(demands);
    return -1;
}

static int project_chain(struct http_req *req, struct http_res *res, struct err *err)
{
    struct proj_project p;
    json_t *o;

    if (project_in_scope(req, &p, err) < 0 || chain_json(req, &p, false, &o, err) < 0)
        return -1;
    http_res_json(res, 200, o);
    return 0;
}

/* The public page: adopted projects (every project row is), each with its chain, without
 * personal data. ?org= narrows to one org's subtree, ?year= to one year. */
struct public_q {
    int64_t org, year, page, size;
};
static const struct field PUBLIC_Q[] = {
    FIELD_ID(struct public_q, org, "org", "党组织", FIELD_OPTIONAL),
    FIELD_INT(struct public_q, year, "year", "年度", FIELD_OPTIONAL, 2000, 2999),
    FIELD_INT(struct public_q, page, "page", "页码", FIELD_OPTIONAL, 1, 1000000),
    FIELD_INT(struct public_q, size, "size", "每页条数", FIELD_OPTIONAL, 1, 50),
    FIELD_END,
};

/* Anyone, no login: a page of adopted projects, each with its chain built for this page only
 * (a chain is a dozen reads). */
static int public_projects(struct http_req *req, struct http_res *res, struct err *err)
{
    struct public_q q = { 0 };
    struct proj_project *p;
    struct proj_org o;
    const char *path = "/";
    int64_t n, from;
    json_t *arr;

    if (http_query_decode(req, PUBLIC_Q, &q, NULL, err) < 0)
        return -1;
    if (q.org) {
        if (projects_org_get(req->app, q.org, req->arena, &o, err) < 0)
            return -1;
        path = o.path;
    }
    q.page = q.page ? q.page : 1;
    q.size = q.size ? q.size : 20;
    if (proj_projects_list(req->app, path, q.year, true, req->arena, &p, &n, err) < 0)
        return -1;
    arr = json_array();
    from = (q.page - 1) * q.size;
    for (int64_t i = from; i < n && i < from + q.size; i++) {
        json_t *c;
        if (chain_json(req, &p[i], true, &c, err) < 0) {
            json_decref(arr);
            return -1;
        }
        json_array_append_new(arr, c);
    }
    http_res_json(res, 200, http_list_json(arr, n, q.page, q.size));
    return 0;
}

static const struct route PROJECTS_ROUTES[] = {
    { HTTP_GET, "/api/needs", needs_list, PERM_PROJECTS_READ, SCOPE_CALLER,
      "民生实事需求池：管辖范围内的需求（可按年度、状态筛选）", NULL, NEEDS_Q, NULL },
    { HTTP_POST, "/api/needs", needs_create, PERM_PROJECTS_WRITE, SCOPE_RECORD,
      "登记一条需求（来源为群众诉求时关联诉求编号，不复制诉求内容）", NULL, NULL, NEED_IN },
    { HTTP_GET, "/api/needs/{id}", need_get, PERM_PROJECTS_READ, SCOPE_RECORD,
      "一条需求及合并到它的需求（全部来源）", NULL, NULL, NULL },
    { HTTP_POST, "/api/needs/{id}/merge", need_merge, PERM_PROJECTS_WRITE, SCOPE_RECORD,
      "把重复的需求合并到另一条（保留每个来源的关联）", NULL, NULL, MERGE_IN },
    { HTTP_GET, "/api/proposals", proposals_list, PERM_PROJECTS_READ, SCOPE_CALLER,
      "项目建议：管辖范围内的建议（可按年度、状态筛选）", NULL, PROPOSALS_Q, NULL },
    { HTTP_POST, "/api/proposals", proposals_create, PERM_PROJECTS_WRITE, SCOPE_RECORD,
      "提出项目建议：名称、内容、估算金额、责任单位和依据的需求", NULL, NULL, PROPOSAL_IN },
    { HTTP_GET, "/api/proposals/{id}", proposal_get, PERM_PROJECTS_READ, SCOPE_RECORD,
      "一条项目建议", NULL, NULL, NULL },
    { HTTP_POST, "/api/proposals/{id}/review", proposal_review, PERM_PROJECTS_WRITE, SCOPE_RECORD,
      "可行性审查：可行（可核定金额）或不可行（须说明理由）", NULL, NULL, REVIEW_IN },
    { HTTP_POST, "/api/proposals/{id}/retire", proposal_retire, PERM_PROJECTS_WRITE, SCOPE_RECORD,
      "撤回项目建议并说明原因", NULL, NULL, RETIRE_IN },
    { HTTP_GET, "/api/project-budgets", budget_get, PERM_PROJECTS_READ, SCOPE_RECORD,
      "社区某年度的民生实事预算", NULL, BUDGET_Q, NULL },
    { HTTP_POST, "/api/project-budgets", budget_set, PERM_PROJECTS_WRITE, SCOPE_RECORD,
      "设定社区某年度的民生实事预算（分）", NULL, NULL, BUDGET_IN },
    { HTTP_GET, "/api/selections", selections_list, PERM_PROJECTS_READ, SCOPE_CALLER,
      "实事清单：管辖范围内各社区各年度的清单、公示期和异议", NULL, SELECTIONS_Q, NULL },
    { HTTP_POST, "/api/selections", selections_create, PERM_PROJECTS_WRITE, SCOPE_RECORD,
      "确定年度实事清单（按排序列出可行的建议，合计不得超过年度预算）", NULL, NULL, SELECTION_IN },
    { HTTP_GET, "/api/selections/{id}", selection_get, PERM_PROJECTS_READ, SCOPE_RECORD,
      "一份实事清单及其异议和答复", NULL, NULL, NULL },
    { HTTP_POST, "/api/selections/{id}/publish", selection_publish, PERM_PROJECTS_WRITE,
      SCOPE_RECORD, "公示实事清单（公示天数见规则 PROJ-PUBLICITY-DAYS）", NULL, NULL, NULL },
    { HTTP_POST, "/api/selections/{id}/objections", objection_add, PERM_SESSION, SCOPE_NONE,
      "公示期内提出异议（本社区居民或党员本人，或工作人员代为登记）", NULL, NULL, OBJECTION_IN },
    { HTTP_POST, "/api/selections/{id}/objections/{objection_id}/answer", objection_answer,
      PERM_PROJECTS_WRITE, SCOPE_RECORD, "答复一条异议", NULL, NULL, ANSWER_IN },
    { HTTP_POST, "/api/selections/{id}/adopt", selection_adopt, PERM_PROJECTS_WRITE, SCOPE_RECORD,
      "公示期满且异议均已答复后确定清单，为每个入选建议建立项目（一个事务）", NULL, NULL, NULL },
    { HTTP_GET, "/api/projects", projects_get, PERM_PROJECTS_READ, SCOPE_CALLER,
      "民生实事项目：管辖范围内的项目及进度（按节点权重计算）", NULL, PROJECTS_Q, NULL },
    { HTTP_GET, "/api/projects/evaluable", evaluable, PERM_SESSION, SCOPE_NONE,
      "本人所在社区可以评议的项目", NULL, NULL, NULL },
    { HTTP_GET, "/api/projects/{id}", project_get, PERM_PROJECTS_READ, SCOPE_RECORD,
      "一个项目：节点、进度、监督意见、评议汇总和问责记录", NULL, NULL, NULL },
    { HTTP_GET, "/api/projects/{id}/chain", project_chain, PERM_PROJECTS_READ, SCOPE_RECORD,
      "项目全链条：建议、需求、诉求、清单与公示、异议答复、节点、评议、问责", NULL, NULL, NULL },
    { HTTP_POST, "/api/projects/{id}/milestones", milestone_add, PERM_PROJECTS_WRITE, SCOPE_RECORD,
      "添加项目节点（计划日期、权重）", NULL, NULL, MILESTONE_IN },
    { HTTP_POST, "/api/projects/{id}/milestones/{milestone_id}/done", milestone_done,
      PERM_PROJECTS_WRITE, SCOPE_RECORD, "登记或撤销节点完成日期", NULL, NULL, DONE_IN },
    { HTTP_POST, "/api/projects/{id}/status", project_status, PERM_PROJECTS_WRITE, SCOPE_RECORD,
      "变更项目状态：实施中、已完成、已终止", NULL, NULL, STATUS_IN },
    { HTTP_POST, "/api/projects/{id}/notes", note_add, PERM_PROJECTS_WRITE, SCOPE_RECORD,
      "记录代表或干部的监督意见", NULL, NULL, NOTE_IN },
    { HTTP_POST, "/api/projects/{id}/evaluations", evaluate, PERM_SESSION, SCOPE_NONE,
      "居民年度评议（每个账号每年一次）：三项评分和总体评价", NULL, NULL, EVAL_IN },
    { HTTP_POST, "/api/projects/{id}/accountability", account_add, PERM_PROJECTS_WRITE,
      SCOPE_RECORD, "登记问责记录：存在问题、责任单位或责任人、整改期限", NULL, NULL, ACCOUNT_IN },
    { HTTP_POST, "/api/projects/{id}/accountability/{account_id}/close", account_close,
      PERM_PROJECTS_WRITE, SCOPE_RECORD, "登记整改结果和办结日期", NULL, NULL, CLOSE_IN },
    { HTTP_POST, "/api/projects/{id}/photos", photo_upload, PERM_PROJECTS_WRITE, SCOPE_RECORD,
      "上传项目照片（JPEG、PNG；去除拍摄位置、相机等元数据后保存）", photo_body_max, NULL, NULL },
    { HTTP_GET, "/api/projects/{id}/photos/{photo_id}", photo_download, PERM_PROJECTS_READ,
      SCOPE_RECORD, "下载项目照片", NULL, NULL, NULL },
    { HTTP_GET, "/api/public/projects", public_projects, PERM_PUBLIC, SCOPE_NONE,
      "公开：已确定的民生实事项目及全链条（不含个人信息），分页", NULL, PUBLIC_Q, NULL },
    { 0 },
};

/* The area's permissions: code, zh-CN label, the roles holding it (their oracle is the
 * `policy` of tests/api/authz/projects.js). Residents object and evaluate with a session and
 * a community check in the handler, as the demands area's own intake does. */
static const struct perm_row PROJECTS_PERMS[] = {
    PERM_ROW(PERM_PROJECTS_READ, "projects.read", "查看民生实事（需求、建议、清单、项目）",
             ROLES_MANAGERS | ROLE_BIT(ROLE_BRANCH_SECRETARY) | ROLE_BIT(ROLE_BRANCH_COMMITTEE) |
                 ROLE_BIT(ROLE_GRID_WORKER)),
    PERM_ROW(PERM_PROJECTS_WRITE, "projects.write",
             "管理民生实事：需求、建议审查、清单公示、项目进展和问责", ROLES_MANAGERS),
    PERM_ROWS_END,
};

static const struct audit_action PROJECTS_AUDIT[] = {
    { "proj.need", "登记民生需求", "proj_need" },
    { "proj.need_merge", "合并民生需求", "proj_need" },
    { "proj.proposal", "提出项目建议", "proj_proposal" },
    { "proj.review", "审查项目建议", "proj_proposal" },
    { "proj.retire", "撤回项目建议", "proj_proposal" },
    { "proj.budget", "设定民生实事预算", "org" },
    { "proj.selection", "确定实事清单", "proj_selection" },
    { "proj.publish", "公示实事清单", "proj_selection" },
    { "proj.objection", "提出异议", "proj_selection" },
    { "proj.answer", "答复异议", "proj_selection" },
    { "proj.adopt", "确定实事项目", "proj_selection" },
    { "proj.milestone", "添加项目节点", "project" },
    { "proj.milestone_done", "登记节点完成", "project" },
    { "proj.status", "变更项目状态", "project" },
    { "proj.note", "记录监督意见", "project" },
    { "proj.evaluate", "居民评议项目", "project" },
    { "proj.account", "登记问责", "project" },
    { "proj.account_close", "问责办结", "project" },
    { "proj.photo", "上传项目照片", "project" },
    { NULL, NULL, NULL },
};

static const struct code_table PROJECTS_CODES[] = {
    { "proj_source", PROJ_SOURCES, PROJ_SOURCE_LABELS },
    { "proj_need_status", PROJ_NEED_STATUSES, PROJ_NEED_STATUS_LABELS },
    { "proj_proposal_status", PROJ_PROPOSAL_STATUSES, PROJ_PROPOSAL_STATUS_LABELS },
    { "proj_retire_reason", PROJ_RETIRE_REASONS, PROJ_RETIRE_REASON_LABELS },
    { "proj_selection_status", PROJ_SELECTION_STATUSES, PROJ_SELECTION_STATUS_LABELS },
    { "proj_status", PROJ_STATUSES, PROJ_STATUS_LABELS },
    { "proj_satisfaction", PROJ_SATISFACTIONS, PROJ_SATISFACTION_LABELS },
    { NULL, NULL, NULL },
};

const struct change_counter PROJECTS_COUNTER = { "projects", "民生实事" };
static const struct change_counter *const PROJECTS_COUNTERS[] = { &PROJECTS_COUNTER, NULL };
static const struct demo_hook *const PROJECTS_DEMOS[] = { &PROJECTS_DEMO, NULL };

extern const struct module PROJECTS_MODULE;
const struct module PROJECTS_MODULE = {
    .name = "projects",
    .routes = PROJECTS_ROUTES,
    .perms = PROJECTS_PERMS,
    .audit_actions = PROJECTS_AUDIT,
    .codes = PROJECTS_CODES,
    .counters = PROJECTS_COUNTERS,
    .demo = PROJECTS_DEMOS,
};
