/* funds_http.c: the Party-building funds area's HTTP adapter, its permissions and its module
 * row (found by tools/gen-modules.sh; tools/gen-perms.sh reads the PERM_ROW lines): plans
 * (create, submit, forward one or a street's all, review per activity, allocate), budgets,
 * the ledger and the rules. Handlers decode, check the scope and the level of the org tree
 * that may act (the street forwards, the district reviews), call one service function and
 * encode; amounts are integer fen in and out. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/cfg.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json.h"
#include "core/upload.h"
#include "domain/app.h"
#include "domain/auth/auth.h"
#include "domain/auth/auth_guard.h"
#include "domain/auth/perm.h"
#include "domain/cache/cache.h"
#include "domain/funds/funds.h"
#include "domain/funds/funds_http_int.h"
#include "domain/modules.h"
#include "domain/orgpath.h"
#include "http/http.h"

/* The largest amount accepted: 1 亿元 in fen. */
#define FEN_MAX 10000000000LL

static int64_t this_year(void)
{
    char today[11];

    clock_today(today);
    return strtoll(today, NULL, 10);
}

/* The caller must hold the route's permission at level_org (the street or district above the
 * record); a caller who may see the record but not act for that level gets 403 with msg. */
static int require_level(struct http_req *req, int64_t level_org, const char *msg, struct err *err)
{
    if (!level_org)
        return err_set(err, E_CONFLICT, "/org_id", "组织体系中缺少这一级（街道或区委组织部）：%s",
                       msg);
    if (http_require_org(req, level_org, err) == 0)
        return 0;
    if (err->code != E_NOT_FOUND)
        return -1;
    err_clear(err);
    return err_set(err, E_FORBIDDEN, "", "%s", msg);
}

/* ?org=&year= of the ledger, the variance report and the rules. */
struct ledger_q {
    int64_t org, year;
};
static const struct field LEDGER_Q[] = {
    FIELD_ID(struct ledger_q, org, "org", "党组织", FIELD_OPTIONAL),
    FIELD_INT(struct ledger_q, year, "year", "年度", FIELD_OPTIONAL, 2000, 2999),
    FIELD_END,
};

static json_t *activity_json(const struct funds_activity *v)
{
    json_t *lines = json_array(), *o, *spend, *photos;

    for (int64_t k = 0; k < v->nlines; k++)
        json_array_append_new(lines, json_pack("{s:s, s:s, s:I}", "category", v->lines[k].category,
                                               "category_label", v->lines[k].label, "amount_fen",
                                               (json_int_t)v->lines[k].amount_fen));
    o = json_pack("{s:I, s:I, s:s, s:s, s:I, s:I, s:o}", "id", (json_int_t)v->id, "seq",
                  (json_int_t)v->seq, "title", v->title, "date", v->held_on, "participants",
                  (json_int_t)v->participants, "requested_fen", (json_int_t)v->requested_fen,
                  "budget_lines", lines);
    json_object_set_new(o, "content", jstr(v->content));
    json_object_set_new(o, "street_comment", jstr(v->street_comment));
    json_object_set_new(o, "decision", jstr(v->decision));
    json_object_set_new(
        o, "decision_label",
        jstr(v->decision ? enum_label(FUNDS_DECISIONS, FUNDS_DECISION_LABELS, v->decision) : NULL));
    json_object_set_new(o, "approved_fen",
                        v->approved_fen >= 0 ? jint(v->approved_fen) : json_null());
    json_object_set_new(o, "reason", jstr(v->reason));
    json_object_set_new(o, "allocated_fen", jint(v->allocated_fen));
    json_object_set_new(o, "spent_fen", jint(v->spent_fen));
    json_object_set_new(o, "used_on", jstr(v->used_on));
    json_object_set_new(o, "used_participants",
                        v->used_participants >= 0 ? jint(v->used_participants) : json_null());
    json_object_set_new(o, "summary", jstr(v->summary));
    json_object_set_new(o, "check_result", jstr(v->check_result));
    json_object_set_new(o, "check_label",
                        jstr(v->check_result
                                 ? enum_label(FUNDS_CHECKS, FUNDS_CHECK_LABELS, v->check_result)
                                 : NULL));
    json_object_set_new(o, "check_reason", jstr(v->check_reason));
    spend = json_array();
    for (int64_t k = 0; k < v->nspending; k++) {
        json_t *x =
            json_pack("{s:s, s:s, s:I, s:s}", "category", v->spending[k].category, "category_label",
                      v->spending[k].label, "amount_fen", (json_int_t)v->spending[k].amount_fen,
                      "spent_on", v->spending[k].spent_on);
        json_object_set_new(x, "receipt_no", jstr(v->spending[k].receipt_no));
        json_array_append_new(spend, x);
    }
    json_object_set_new(o, "spending", spend);
    photos = json_array();
    for (int64_t k = 0; k < v->nphotos; k++)
        json_array_append_new(photos, jint(v->photo_ids[k]));
    json_object_set_new(o, "photo_ids", photos);
    return o;
}

static json_t *plan_json(const struct funds_plan *p)
{
    json_t *acts = json_array(), *o;
    int64_t req = 0, appr = 0;

    for (int64_t i = 0; i < p->nactivities; i++) {
        json_array_append_new(acts, activity_json(&p->activities[i]));
        req += p->activities[i].requested_fen;
        if (p->activities[i].approved_fen > 0)
            appr += p->activities[i].approved_fen;
    }
    o = json_pack("{s:I, s:I, s:s, s:I, s:I, s:s, s:s, s:I, s:I, s:o}", "id", (json_int_t)p->id,
                  "org_id", (json_int_t)p->org_id, "org_name", p->org_name, "year",
                  (json_int_t)p->year, "quarter", (json_int_t)p->quarter, "status", p->status,
                  "status_label", enum_label(FUNDS_STATUSES, FUNDS_STATUS_LABELS, p->status),
                  "requested_fen", (json_int_t)req, "approved_fen", (json_int_t)appr, "activities",
                  acts);
    json_object_set_new(o, "deadline", jstr(p->deadline));
    return o;
}

/* ---- plans ---- */

static const struct field LINE_IN[] = {
    FIELD_STR(struct funds_line_in, category, "category", "预算类别", FIELD_REQUIRED | FIELD_ASCII,
              1, 32),
    FIELD_INT(struct funds_line_in, amount_fen, "amount_fen", "金额（分）", FIELD_REQUIRED, 1,
              FEN_MAX),
    FIELD_END,
};
static const struct field ACTIVITY_IN[] = {
    FIELD_STR(struct funds_activity_in, title, "title", "活动名称", FIELD_REQUIRED, 2, 100),
    FIELD_STR(struct funds_activity_in, content, "content", "活动内容", FIELD_OPTIONAL, 0, 1000),
    FIELD_DATE(struct funds_activity_in, date, "date", "活动日期", FIELD_REQUIRED),
    FIELD_INT(struct funds_activity_in, participants, "participants", "预计参加人数",
              FIELD_OPTIONAL, 0, 100000),
    FIELD_ARRAY(struct funds_activity_in, budget_lines, "budget_lines", "预算明细", FIELD_REQUIRED,
                1, 20, LINE_IN),
    FIELD_END,
};
static const struct field PLAN_IN[] = {
    FIELD_ID(struct funds_plan_in, org_id, "org_id", "社区党组织", FIELD_REQUIRED),
    FIELD_INT(struct funds_plan_in, year, "year", "年度", FIELD_REQUIRED, 2000, 2999),
    FIELD_INT(struct funds_plan_in, quarter, "quarter", "季度", FIELD_REQUIRED, 1, 4),
    FIELD_ARRAY(struct funds_plan_in, activities, "activities", "活动", FIELD_REQUIRED, 1, 50,
                ACTIVITY_IN),
    FIELD_END,
};

static int plans_create(struct http_req *req, struct http_res *res, struct err *err)
{
    struct funds_plan_in in = { 0 };
    struct funds_plan p;
    struct auth_actor actor;
    int64_t id;

    if (http_body_decode(req, PLAN_IN, &in, NULL, err) < 0 ||
        http_require_org(req, in.org_id, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (funds_plan_create(req->app, &in, &actor, &id, err) < 0 ||
        funds_plan_get(req->app, id, req->arena, &p, err) < 0)
        return -1;
    http_res_json(res, 201, plan_json(&p));
    return 0;
}

/* The plan of the path's id, in the caller's scope. */
static int plan_in_scope(struct http_req *req, struct funds_plan *p, struct err *err)
{
    int64_t id;

    if (http_param_id(req, 0, &id, err) < 0 || funds_plan_get(req->app, id, req->arena, p, err) < 0)
        return -1;
    return http_require_org(req, p->org_id, err);
}

static int plan_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct funds_plan p;

    if (plan_in_scope(req, &p, err) < 0)
        return -1;
    http_res_json(res, 200, plan_json(&p));
    return 0;
}

/* Answers the plan as it is now. */
static int plan_answer(struct http_req *req, struct http_res *res, int64_t id, struct err *err)
{
    struct funds_plan p;

    if (funds_plan_get(req->app, id, req->arena, &p, err) < 0)
        return -1;
    http_res_json(res, 200, plan_json(&p));
    return 0;
}

static int plan_submit(struct http_req *req, struct http_res *res, struct err *err)
{
    struct funds_plan p;
    struct auth_actor actor;

    if (plan_in_scope(req, &p, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (funds_plan_submit(req->app, p.id, &actor, err) < 0)
        return -1;
    return plan_answer(req, res, p.id, err);
}

struct forward_in {
    int64_t org_id, year, quarter;
    struct funds_comment_in *comments;
    int64_t ncomments;
};
static const struct field COMMENT_IN[] = {
    FIELD_ID(struct funds_comment_in, activity_id, "activity_id", "活动", FIELD_REQUIRED),
    FIELD_STR(struct funds_comment_in, comment, "comment", "街道意见", FIELD_REQUIRED, 1, 500),
    FIELD_END,
};
static const struct field FORWARD_ONE_IN[] = {
    FIELD_ARRAY(struct forward_in, comments, "comments", "街道意见", FIELD_OPTIONAL, 0, 200,
                COMMENT_IN),
    FIELD_END,
};
static const char MSG_STREET[] = "只有所属街道党工委可以汇总报送社区的活动计划";
static const char MSG_DISTRICT[] = "只有区委组织部可以审核活动计划、分配经费和设定预算";

static int plan_forward(struct http_req *req, struct http_res *res, struct err *err)
{
    struct forward_in in = { 0 };
    struct funds_plan p;
    struct funds_org o;
    struct auth_actor actor;

    if (plan_in_scope(req, &p, err) < 0 ||
        http_body_decode(req, FORWARD_ONE_IN, &in, NULL, err) < 0 ||
        funds_org_get(req->app, p.org_id, req->arena, &o, err) < 0 ||
        require_level(req, o.street_id, MSG_STREET, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (funds_plans_forward(req->app, &p.id, 1, in.comments, in.ncomments, &actor, err) < 0)
        return -1;
    return plan_answer(req, res, p.id, err);
}

static const struct field FORWARD_IN[] = {
    FIELD_ID(struct forward_in, org_id, "org_id", "街道党工委", FIELD_REQUIRED),
    FIELD_INT(struct forward_in, year, "year", "年度", FIELD_REQUIRED, 2000, 2999),
    FIELD_INT(struct forward_in, quarter, "quarter", "季度", FIELD_REQUIRED, 1, 4),
    FIELD_ARRAY(struct forward_in, comments, "comments", "街道意见", FIELD_OPTIONAL, 0, 500,
                COMMENT_IN),
    FIELD_END,
};

/* The street's one action: every submitted plan of its communities for the quarter. */
static int street_forward(struct http_req *req, struct http_res *res, struct err *err)
{
    struct forward_in in = { 0 };
    struct funds_org o;
    struct auth_actor actor;
    int64_t *ids, n;
    json_t *arr;

    if (http_body_decode(req, FORWARD_IN, &in, NULL, err) < 0 ||
        http_require_org(req, in.org_id, err) < 0 ||
        funds_org_get(req->app, in.org_id, req->arena, &o, err) < 0)
        return -1;
    if (strcmp(o.type, "street"))
        return err_set(err, E_INVALID, "/org_id", "请选择街道党工委：由街道汇总报送所属社区的计划");
    if (funds_plans_submitted(req->app, o.path, in.year, in.quarter, req->arena, &ids, &n, err) < 0)
        return -1;
    if (!n)
        return err_set(err, E_INVALID, "/quarter",
                       "%s %" PRId64 "年第%" PRId64 "季度没有待报送的社区计划", o.name, in.year,
                       in.quarter);
    http_actor(req, &actor);
    if (funds_plans_forward(req->app, ids, n, in.comments, in.ncomments, &actor, err) < 0)
        return -1;
    arr = json_array();
    for (int64_t i = 0; i < n; i++)
        json_array_append_new(arr, jint(ids[i]));
    http_res_json(res, 200, json_pack("{s:I, s:o}", "forwarded", (json_int_t)n, "plan_ids", arr));
    return 0;
}

struct review_in {
    struct funds_decision_in *decisions;
    int64_t ndecisions;
};
static const struct field DECISION_IN[] = {
    FIELD_ID(struct funds_decision_in, activity_id, "activity_id", "活动", FIELD_REQUIRED),
    FIELD_ENUM(struct funds_decision_in, decision, "decision", "审核决定", FIELD_REQUIRED,
               FUNDS_VERBS),
    FIELD_INT(struct funds_decision_in, amount_fen, "amount_fen", "调整后金额（分）",
              FIELD_OPTIONAL, 0, FEN_MAX),
    FIELD_STR(struct funds_decision_in, reason, "reason", "理由", FIELD_OPTIONAL, 0, 500),
    FIELD_END,
};
static const struct field REVIEW_IN[] = {
    FIELD_ARRAY(struct review_in, decisions, "decisions", "审核决定", FIELD_REQUIRED, 1, 200,
                DECISION_IN),
    FIELD_END,
};

static int plan_review(struct http_req *req, struct http_res *res, struct err *err)
{
    struct review_in in = { 0 };
    struct funds_plan p;
    struct funds_org o;
    struct auth_actor actor;

    if (plan_in_scope(req, &p, err) < 0 || http_body_decode(req, REVIEW_IN, &in, NULL, err) < 0 ||
        funds_org_get(req->app, p.org_id, req->arena, &o, err) < 0 ||
        require_level(req, o.district_id, MSG_DISTRICT, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (funds_plan_review(req->app, p.id, in.decisions, in.ndecisions, &actor, err) < 0)
        return -1;
    return plan_answer(req, res, p.id, err);
}

struct allocate_in {
    char *override_reason;
};
static const struct field ALLOCATE_IN[] = {
    FIELD_STR(struct allocate_in, override_reason, "override_reason", "超预算说明", FIELD_OPTIONAL,
              2, 500),
    FIELD_END,
};

static int plan_allocate(struct http_req *req, struct http_res *res, struct err *err)
{
    struct allocate_in in = { 0 };
    struct funds_plan p;
    struct funds_org o;
    struct auth_actor actor;
    int64_t total;

    if (plan_in_scope(req, &p, err) < 0 || http_body_decode(req, ALLOCATE_IN, &in, NULL, err) < 0 ||
        funds_org_get(req->app, p.org_id, req->arena, &o, err) < 0 ||
        require_level(req, o.district_id, MSG_DISTRICT, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (funds_plan_allocate(req->app, p.id, in.override_reason, &actor, &total, err) < 0 ||
        funds_plan_get(req->app, p.id, req->arena, &p, err) < 0)
        return -1;
    http_res_json(
        res, 200,
        json_pack("{s:I, s:o}", "allocated_fen", (json_int_t)total, "plan", plan_json(&p)));
    return 0;
}

struct plans_q {
    int64_t org, year, quarter;
    char *status;
};
static const struct field PLANS_Q[] = {
    FIELD_ID(struct plans_q, org, "org", "党组织", FIELD_OPTIONAL),
    FIELD_INT(struct plans_q, year, "year", "年度", FIELD_OPTIONAL, 2000, 2999),
    FIELD_INT(struct plans_q, quarter, "quarter", "季度", FIELD_OPTIONAL, 1, 4),
    FIELD_ENUM(struct plans_q, status, "status", "状态", FIELD_OPTIONAL, FUNDS_STATUSES),
    FIELD_END,
};

static int plans_list(struct http_req *req, struct http_res *res, struct err *err)
{
    struct plans_q q = { 0 };
    struct funds_plan *p;
    const char *path;
    int64_t n;
    json_t *arr;

    if (http_query_decode(req, PLANS_Q, &q, NULL, err) < 0 ||
        http_scope_path(req, q.org, &path, err) < 0)
        return -1;
    if (!q.year)
        q.year = this_year();
    if (funds_plans_list(req->app, path, q.year, q.quarter, q.status, req->arena, &p, &n, err) < 0)
        return -1;
    arr = json_array();
    for (int64_t i = 0; i < n; i++)
        json_array_append_new(arr, plan_json(&p[i]));
    http_res_json(res, 200,
                  json_pack("{s:I, s:o, s:I}", "year", (json_int_t)q.year, "items", arr, "total",
                            (json_int_t)n));
    return 0;
}

/* ---- use, evidence, check, variance ---- */

/* The plan holding the path's activity, in the caller's scope; *v the activity. */
static int activity_in_scope(struct http_req *req, struct funds_plan *p,
                             const struct funds_activity **v, struct err *err)
{
    int64_t id, k;

    if (http_param_id(req, 0, &id, err) < 0 ||
        funds_activity_plan(req->app, id, req->arena, p, &k, err) < 0 ||
        http_require_org(req, p->org_id, err) < 0)
        return -1;
    *v = &p->activities[k];
    return 0;
}

static int activity_answer(struct http_req *req, struct http_res *res, int status, int64_t id,
                           struct err *err)
{
    struct funds_plan p;
    int64_t k;

    if (funds_activity_plan(req->app, id, req->arena, &p, &k, err) < 0)
        return -1;
    http_res_json(res, status, activity_json(&p.activities[k]));
    return 0;
}

static const struct field SPEND_IN[] = {
    FIELD_STR(struct funds_spend_in, category, "category", "支出类别", FIELD_REQUIRED | FIELD_ASCII,
              1, 32),
    FIELD_INT(struct funds_spend_in, amount_fen, "amount_fen", "金额（分）", FIELD_REQUIRED, 1,
              FEN_MAX),
    FIELD_DATE(struct funds_spend_in, spent_on, "spent_on", "支出日期", FIELD_REQUIRED),
    FIELD_STR(struct funds_spend_in, receipt_no, "receipt_no", "收据编号",
              FIELD_OPTIONAL | FIELD_ASCII, 0, 40),
    FIELD_END,
};
static const struct field USE_IN[] = {
    FIELD_DATE(struct funds_use_in, held_on, "held_on", "实际开展日期", FIELD_REQUIRED),
    FIELD_INT(struct funds_use_in, participants, "participants", "实际参加人数", FIELD_REQUIRED, 0,
              100000),
    FIELD_STR(struct funds_use_in, summary, "summary", "活动小结", FIELD_REQUIRED, 2, 2000),
    FIELD_ARRAY(struct funds_use_in, spending, "spending", "支出明细", FIELD_REQUIRED, 1, 50,
                SPEND_IN),
    FIELD_END,
};

static int activity_use(struct http_req *req, struct http_res *res, struct err *err)
{
    struct funds_use_in in = { 0 };
    struct funds_plan p;
    const struct funds_activity *v;
    struct auth_actor actor;

    if (activity_in_scope(req, &p, &v, err) < 0 ||
        http_body_decode(req, USE_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (funds_activity_use(req->app, v->id, &in, &actor, err) < 0)
        return -1;
    return activity_answer(req, res, 200, v->id, err);
}

/* Photos are files, bounded like a demand's photos plus room for the multipart framing. */
static int64_t photo_body_max(const struct cfg *cfg)
{
    return cfg->demands_photo_max_bytes + (64 << 10);
}

static int photo_upload(struct http_req *req, struct http_res *res, struct err *err)
{
    struct funds_plan p;
    const struct funds_activity *v;
    struct http_upload up;
    struct auth_actor actor;
    int64_t pid;

    if (activity_in_scope(req, &p, &v, err) < 0)
        return -1;
    if (http_multipart_file(req, &up, err) < 0) {
        err_refine(err, "/file", "请以 multipart/form-data 上传照片（表单字段 file：JPEG 或 PNG）");
        return -1;
    }
    http_actor(req, &actor);
    if (funds_photo_add(req->app, v->id, up.filename, up.data, up.len,
                        req->cfg->demands_photo_max_bytes, &actor, req->arena, &pid, err) < 0)
        return -1;
    return activity_answer(req, res, 201, v->id, err);
}

static int photo_download(struct http_req *req, struct http_res *res, struct err *err)
{
    struct funds_plan p;
    const struct funds_activity *v;
    struct funds_photo ph;
    int64_t pid;

    if (activity_in_scope(req, &p, &v, err) < 0 || http_param_id(req, 1, &pid, err) < 0 ||
        funds_photo_get(req->app, v->id, pid, req->arena, &ph, err) < 0)
        return -1;
    http_res_file(req, res, ph.content_type, ph.data, (size_t)ph.size,
                  arena_printf(req->arena, "evidence-%" PRId64 ".%s", ph.id, upload_ext(ph.kind)),
                  ph.file_name);
    return 0;
}

struct check_in {
    char *result, *reason;
};
static const struct field CHECK_IN[] = {
    FIELD_ENUM(struct check_in, result, "result", "核查结论", FIELD_REQUIRED, FUNDS_CHECKS),
    FIELD_STR(struct check_in, reason, "reason", "理由", FIELD_OPTIONAL, 0, 500),
    FIELD_END,
};

static int activity_check(struct http_req *req, struct http_res *res, struct err *err)
{
    struct check_in in = { 0 };
    struct funds_plan p;
    const struct funds_activity *v;
    struct funds_org o;
    struct auth_actor actor;

    if (activity_in_scope(req, &p, &v, err) < 0 ||
        http_body_decode(req, CHECK_IN, &in, NULL, err) < 0 ||
        funds_org_get(req->app, p.org_id, req->arena, &o, err) < 0 ||
        require_level(req, o.district_id, MSG_DISTRICT, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (funds_activity_check(req->app, v->id, in.result, in.reason, &actor, err) < 0)
        return -1;
    return activity_answer(req, res, 200, v->id, err);
}

static int variance_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct ledger_q q = { 0 };
    struct funds_variance_row *r;
    const char *path;
    int64_t n, appr = 0, spent = 0;
    json_t *arr;

    if (http_query_decode(req, LEDGER_Q, &q, NULL, err) < 0 ||
        http_scope_path(req, q.org, &path, err) < 0)
        return -1;
    if (!q.year)
        q.year = this_year();
    if (funds_variance(req->app, path, q.year, req->arena, &r, &n, err) < 0)
        return -1;
    arr = json_array();
    for (int64_t i = 0; i < n; i++) {
        json_t *o = json_pack("{s:I, s:I, s:s, s:I, s:s, s:I, s:I, s:I}", "activity_id",
                              (json_int_t)r[i].activity_id, "org_id", (json_int_t)r[i].org_id,
                              "org_name", r[i].org_name, "quarter", (json_int_t)r[i].quarter,
                              "title", r[i].title, "approved_fen", (json_int_t)r[i].approved_fen,
                              "spent_fen", (json_int_t)r[i].spent_fen, "variance_fen",
                              (json_int_t)(r[i].spent_fen - r[i].approved_fen));
        json_object_set_new(o, "used_on", jstr(r[i].used_on));
        json_object_set_new(o, "check_result", jstr(r[i].check_result));
        json_object_set_new(
            o, "check_label",
            jstr(r[i].check_result ? enum_label(FUNDS_CHECKS, FUNDS_CHECK_LABELS, r[i].check_result)
                                   : NULL));
        json_object_set_new(o, "check_reason", jstr(r[i].check_reason));
        json_array_append_new(arr, o);
        appr += r[i].approved_fen;
        spent += r[i].spent_fen;
    }
    http_res_json(res, 200,
                  json_pack("{s:I, s:o, s:{s:I, s:I, s:I}}", "year", (json_int_t)q.year, "items",
                            arr, "total", "approved_fen", (json_int_t)appr, "spent_fen",
                            (json_int_t)spent, "variance_fen", (json_int_t)(spent - appr)));
    return 0;
}

const struct field FUNDS_PERIOD_Q[] = {
    FIELD_ID(struct funds_period_q, org, "org", "党组织", FIELD_OPTIONAL),
    FIELD_INT(struct funds_period_q, year, "year", "年度", FIELD_OPTIONAL, 2000, 2999),
    FIELD_INT(struct funds_period_q, quarter, "quarter", "季度", FIELD_OPTIONAL, 1, 4),
    FIELD_END,
};

/* Percent with two decimals of basis points, for the explanation ("62.50%"). */
static const char *pct(struct arena *a, int64_t v)
{
    return arena_printf(a, "%" PRId64 ".%02" PRId64 "%%", v / 100, v % 100);
}

static json_t *incentive_json(const struct funds_incentive_row *r, struct arena *a)
{
    const struct funds_incentive_in *in = &r->in;
    const struct funds_incentive *k = &r->out;
    const char *why = arena_printf(
        a,
        "开展 %" PRId64 "/%" PRId64 " 项 %s×权重 %s + 凭证核查 %s×%s + 参与 %" PRId64
        " 人次（每项标准 %" PRId64 " 人）%s×%s = 得分 %s；系数 %s，建议 = 季度基数 %" PRId64
        ".%02" PRId64 " 元 × %s",
        in->held, in->planned, pct(a, k->held_bp), pct(a, k->w_held), pct(a, k->evidence_bp),
        pct(a, k->w_evidence), in->participants, k->norm, pct(a, k->participation_bp),
        pct(a, k->w_participation), pct(a, k->score_bp), pct(a, k->factor_bp), in->base_fen / 100,
        in->base_fen % 100, pct(a, k->factor_bp));
    json_t *o = json_pack(
        "{s:I, s:s, s:{s:I, s:I, s:I, s:I, s:I, s:I, s:n}, s:{s:I, s:I, s:I, s:I, s:I}, "
        "s:{s:I, s:I, s:I}, s:I, s:I, s:I, s:s}",
        "org_id", (json_int_t)r->org_id, "name", r->name, "inputs", "planned",
        (json_int_t)in->planned, "held", (json_int_t)in->held, "as_planned",
        (json_int_t)in->as_planned, "partly", (json_int_t)in->partly, "participants",
        (json_int_t)in->participants, "base_fen", (json_int_t)in->base_fen, "satisfaction",
        "weights", "held_bp", (json_int_t)k->w_held, "evidence_bp", (json_int_t)k->w_evidence,
        "participation_bp", (json_int_t)k->w_participation, "participants_per_activity",
        (json_int_t)k->norm, "spread_bp", (json_int_t)k->spread_bp, "ratios", "held_bp",
        (json_int_t)k->held_bp, "evidence_bp", (json_int_t)k->evidence_bp, "participation_bp",
        (json_int_t)k->participation_bp, "score_bp", (json_int_t)k->score_bp, "factor_bp",
        (json_int_t)k->factor_bp, "suggested_fen", (json_int_t)k->suggested_fen, "explain", why);
    return o;
}

static int incentive_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct funds_period_q q = { 0 };
    struct funds_incentive_row *rows;
    const struct funds_rule *rule = NULL;
    const char *path;
    int64_t n;
    json_t *arr, *rj;
    char today[11];

    if (http_query_decode(req, FUNDS_PERIOD_Q, &q, NULL, err) < 0 ||
        http_scope_path(req, q.org, &path, err) < 0)
        return -1;
    clock_today(today);
    if (!q.year)
        q.year = this_year();
    if (!q.quarter)
        q.quarter = (strtoll(today + 5, NULL, 10) - 1) / 3 + 1;
    if (funds_incentive_list(req->app, path, q.year, q.quarter, req->arena, &rule, &rows, &n, err) <
        0)
        return -1;
    arr = json_array();
    for (int64_t i = 0; i < n; i++)
        json_array_append_new(arr, incentive_json(&rows[i], req->arena));
    rj = rule ? json_pack("{s:s, s:s, s:s, s:s}", "id", rule->rule_id, "version", rule->rule_set,
                          "valid_from", rule->valid_from, "source", rule->source)
              : json_null();
    http_res_json(res, 200,
                  json_pack("{s:I, s:I, s:I, s:I, s:o, s:o}", "year", (json_int_t)q.year, "quarter",
                            (json_int_t)q.quarter, "for_year",
                            (json_int_t)(q.quarter == 4 ? q.year + 1 : q.year), "for_quarter",
                            (json_int_t)(q.quarter == 4 ? 1 : q.quarter + 1), "rule", rj, "items",
                            arr));
    return 0;
}

/* ---- budgets, ledger, rules ---- */

static const struct field BUDGET_IN[] = {
    FIELD_ID(struct funds_budget_in, org_id, "org_id", "社区党组织", FIELD_REQUIRED),
    FIELD_INT(struct funds_budget_in, year, "year", "年度", FIELD_REQUIRED, 2000, 2999),
    FIELD_INT(struct funds_budget_in, amount_fen, "amount_fen", "预算总额（分）", FIELD_OPTIONAL, 0,
              FEN_MAX),
    FIELD_INT(struct funds_budget_in, reserve_fen, "reserve_fen", "预留奖励基金（分）",
              FIELD_OPTIONAL, 0, FEN_MAX),
    FIELD_STR(struct funds_budget_in, source, "source", "经费来源", FIELD_OPTIONAL, 0, 100),
    FIELD_END,
};

static json_t *budget_json(const struct funds_budget *b)
{
    return json_pack("{s:I, s:I, s:I, s:I, s:s, s:s, s:s}", "org_id", (json_int_t)b->org_id, "year",
                     (json_int_t)b->year, "amount_fen", (json_int_t)b->amount_fen, "reserve_fen",
                     (json_int_t)b->reserve_fen, "source", b->source, "rule", b->rule_id,
                     "rule_set", b->rule_set);
}

static int budget_put(struct http_req *req, struct http_res *res, struct err *err)
{
    struct funds_budget_in in = { .amount_fen = -1, .reserve_fen = -1 };
    struct funds_budget b;
    struct funds_org o;
    struct auth_actor actor;

    if (http_body_decode(req, BUDGET_IN, &in, NULL, err) < 0 ||
        http_require_org(req, in.org_id, err) < 0 ||
        funds_org_get(req->app, in.org_id, req->arena, &o, err) < 0)
        return -1;
    if (!o.community)
        return err_set(err, E_INVALID, "/org_id", "党建经费预算按社区设定，请选择社区党组织");
    if (in.amount_fen >= 0 && in.reserve_fen > in.amount_fen)
        return err_set(err, E_INVALID, "/reserve_fen", "预留奖励基金不能超过预算总额");
    if (require_level(req, o.district_id, MSG_DISTRICT, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (funds_budget_set(req->app, &in, &actor, req->arena, &b, err) < 0)
        return -1;
    http_res_json(res, 200, budget_json(&b));
    return 0;
}

static json_t *ledger_json(const struct funds_ledger_row *r)
{
    return json_pack("{s:I, s:s, s:I, s:I, s:I, s:I, s:I}", "org_id", (json_int_t)r->org_id, "name",
                     r->name, "budget_fen", (json_int_t)r->budget_fen, "reserve_fen",
                     (json_int_t)r->reserve_fen, "allocated_fen", (json_int_t)r->allocated_fen,
                     "spent_fen", (json_int_t)r->spent_fen, "remaining_fen",
                     (json_int_t)r->remaining_fen);
}

/* Which level of the funds cycle an org is: the page shows what that level does. */
static const char *org_level(const struct funds_org *o)
{
    if (o->community)
        return "community";
    if (!strcmp(o->type, "street") || !strcmp(o->type, "district"))
        return o->type;
    return "other";
}

static int ledger_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct ledger_q q = { 0 };
    struct funds_org o;
    struct funds_ledger_row total, *rows;
    const char *path;
    int64_t n;
    json_t *arr;

    if (http_query_decode(req, LEDGER_Q, &q, NULL, err) < 0 ||
        http_scope_path(req, q.org, &path, err) < 0)
        return -1;
    if (!q.year)
        q.year = this_year();
    if (funds_org_get(req->app, orgpath_last_id(path), req->arena, &o, err) < 0 ||
        funds_ledger(req->app, path, q.year, req->arena, &total, &rows, &n, err) < 0)
        return -1;
    arr = json_array();
    for (int64_t i = 0; i < n; i++)
        json_array_append_new(arr, ledger_json(&rows[i]));
    http_res_json(res, 200,
                  json_pack("{s:I, s:s, s:o, s:o}", "year", (json_int_t)q.year, "level",
                            org_level(&o), "total", ledger_json(&total), "items", arr));
    return 0;
}

/* ---- the reward fund ---- */

static const struct field REWARD_IN[] = {
    FIELD_ID(struct funds_reward_in, org_id, "org_id", "支出单位（区委组织部或社区）",
             FIELD_REQUIRED),
    FIELD_INT(struct funds_reward_in, year, "year", "年度", FIELD_REQUIRED, 2000, 2999),
    FIELD_ENUM(struct funds_reward_in, kind, "kind", "类别", FIELD_REQUIRED, FUNDS_REWARD_KINDS),
    FIELD_ID(struct funds_reward_in, recipient_org_id, "recipient_org_id", "受表彰或受领的党组织",
             FIELD_OPTIONAL),
    FIELD_ID(struct funds_reward_in, person_id, "person_id", "受表彰的党员", FIELD_OPTIONAL),
    FIELD_STR(struct funds_reward_in, title, "title", "表彰名称", FIELD_REQUIRED, 2, 50),
    FIELD_INT(struct funds_reward_in, amount_fen, "amount_fen", "金额（分）", FIELD_REQUIRED, 1,
              FEN_MAX),
    FIELD_DATE(struct funds_reward_in, awarded_on, "awarded_on", "表彰日期", FIELD_REQUIRED),
    FIELD_STR(struct funds_reward_in, evidence, "evidence", "事迹与依据", FIELD_OPTIONAL, 0, 1000),
    FIELD_END,
};

static int rewards_post(struct http_req *req, struct http_res *res, struct err *err)
{
    struct funds_reward_in in = { 0 };
    struct auth_actor actor;
    int64_t id;

    /* The payer is the org acting: the district's cadre for the district's pool. */
    if (http_body_decode(req, REWARD_IN, &in, NULL, err) < 0 ||
        http_require_org(req, in.org_id, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (funds_reward_add(req->app, &in, &actor, &id, err) < 0)
        return -1;
    http_res_json(res, 201, json_pack("{s:I}", "id", (json_int_t)id));
    return 0;
}

static int rewards_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct ledger_q q = { 0 };
    struct funds_reward *r;
    struct funds_org o;
    const char *path;
    int64_t n, pool, paid;
    json_t *arr;

    if (http_query_decode(req, LEDGER_Q, &q, NULL, err) < 0 ||
        http_scope_path(req, q.org, &path, err) < 0)
        return -1;
    if (!q.year)
        q.year = this_year();
    if (funds_org_get(req->app, orgpath_last_id(path), req->arena, &o, err) < 0 ||
        funds_rewards(req->app, o.id, q.year, req->arena, &pool, &paid, &r, &n, err) < 0)
        return -1;
    arr = json_array();
    for (int64_t i = 0; i < n; i++) {
        json_t *x = json_pack("{s:I, s:s, s:s, s:s, s:I, s:s}", "id", (json_int_t)r[i].id, "kind",
                              r[i].kind, "kind_label",
                              enum_label(FUNDS_REWARD_KINDS, FUNDS_REWARD_KIND_LABELS, r[i].kind),
                              "title", r[i].title, "amount_fen", (json_int_t)r[i].amount_fen,
                              "awarded_on", r[i].awarded_on);
        json_object_set_new(x, "recipient_org_id",
                            r[i].recipient_org_id ? jint(r[i].recipient_org_id) : json_null());
        json_object_set_new(x, "person_id", r[i].person_id ? jint(r[i].person_id) : json_null());
        json_object_set_new(x, "recipient_name", jstr(r[i].recipient_name));
        json_object_set_new(x, "recipient_org_name", jstr(r[i].recipient_org_name));
        json_object_set_new(x, "evidence", jstr(r[i].evidence));
        json_array_append_new(arr, x);
    }
    http_res_json(res, 200,
                  json_pack("{s:I, s:s, s:s, s:I, s:I, s:I, s:I, s:o}", "org_id", (json_int_t)o.id,
                            "org_name", o.name, "level", org_level(&o), "year", (json_int_t)q.year,
                            "pool_fen", (json_int_t)pool, "paid_fen", (json_int_t)paid, "left_fen",
                            (json_int_t)(pool - paid), "items", arr));
    return 0;
}

/* The rules are the same everywhere; ?org= is checked like a list's so a caller asks only
 * within the scope. */
static int rules_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct ledger_q q = { 0 };
    const char *path;
    struct funds_rule *r;
    struct funds_category *k;
    int64_t nr, nk;
    json_t *rules = json_array(), *cats = json_array();

    if (http_query_decode(req, LEDGER_Q, &q, NULL, err) < 0 ||
        http_scope_path(req, q.org, &path, err) < 0 ||
        funds_rules_list(req->app, req->arena, &r, &nr, &k, &nk, err) < 0) {
        json_decref(rules);
        json_decref(cats);
        return -1;
    }
    for (int64_t i = 0; i < nr; i++) {
        json_t *param = json_loads(r[i].param, 0, NULL);
        json_array_append_new(
            rules, json_pack("{s:s, s:s, s:o, s:s, s:s, s:s, s:s}", "id", r[i].rule_id, "version",
                             r[i].rule_set, "param", param ? param : json_object(), "valid_from",
                             r[i].valid_from, "valid_to", r[i].valid_to, "confidence",
                             r[i].confidence, "source", r[i].source));
    }
    for (int64_t i = 0; i < nk; i++)
        json_array_append_new(cats,
                              json_pack("{s:s, s:s}", "code", k[i].code, "label", k[i].label));
    http_res_json(res, 200, json_pack("{s:o, s:o}", "rules", rules, "categories", cats));
    return 0;
}

static const struct route FUNDS_ROUTES[] = {
    { HTTP_GET, "/api/funds/rules", rules_get, PERM_FUNDS_READ, SCOPE_CALLER,
      "党建经费规则（预算、奖励基金、报送截止日期、激励权重）和预算类别", NULL, LEDGER_Q, NULL },
    { HTTP_GET, "/api/funds/plans", plans_list, PERM_FUNDS_READ, SCOPE_CALLER,
      "某组织下各社区某年（某季度）的活动计划及每项活动（街道汇总、区审核看板）", NULL, PLANS_Q,
      NULL },
    { HTTP_POST, "/api/funds/plans", plans_create, PERM_FUNDS_WRITE, SCOPE_RECORD,
      "社区填报某季度的活动计划（草稿：活动、日期、人数、预算明细）", NULL, NULL, PLAN_IN },
    { HTTP_GET, "/api/funds/plans/{id}", plan_get, PERM_FUNDS_READ, SCOPE_RECORD,
      "一份活动计划及其活动、预算明细、街道意见和审核决定", NULL, NULL, NULL },
    { HTTP_POST, "/api/funds/plans/{id}/submit", plan_submit, PERM_FUNDS_WRITE, SCOPE_RECORD,
      "社区把草稿计划提交街道（报送截止日期前，FUND-DEADLINE）", NULL, NULL, NULL },
    { HTTP_POST, "/api/funds/plans/{id}/forward", plan_forward, PERM_FUNDS_WRITE, SCOPE_RECORD,
      "街道把一份社区计划报送区委组织部（可附每项活动的意见）", NULL, NULL, FORWARD_ONE_IN },
    { HTTP_POST, "/api/funds/forward", street_forward, PERM_FUNDS_WRITE, SCOPE_RECORD,
      "街道一次报送所属各社区某季度已提交的全部计划（一个事务）", NULL, NULL, FORWARD_IN },
    { HTTP_POST, "/api/funds/plans/{id}/review", plan_review, PERM_FUNDS_REVIEW, SCOPE_RECORD,
      "区委组织部逐项审核活动：同意、调整金额（须说明理由）或不同意（须说明理由）", NULL, NULL,
      REVIEW_IN },
    { HTTP_POST, "/api/funds/plans/{id}/allocate", plan_allocate, PERM_FUNDS_REVIEW, SCOPE_RECORD,
      "按审核结果分配经费（超出剩余预算须填写超预算说明）", NULL, NULL, ALLOCATE_IN },
    { HTTP_POST, "/api/funds/activities/{id}/use", activity_use, PERM_FUNDS_WRITE, SCOPE_RECORD,
      "社区登记已分配经费活动的开展情况：日期、人数、小结和支出明细（附收据编号）", NULL, NULL,
      USE_IN },
    { HTTP_POST, "/api/funds/activities/{id}/photos", photo_upload, PERM_FUNDS_WRITE, SCOPE_RECORD,
      "上传活动凭证照片（JPEG、PNG；去除拍摄位置、相机等元数据后保存）", photo_body_max, NULL,
      NULL },
    { HTTP_GET, "/api/funds/activities/{id}/photos/{photo_id}", photo_download, PERM_FUNDS_READ,
      SCOPE_RECORD, "下载活动凭证照片", NULL, NULL, NULL },
    { HTTP_POST, "/api/funds/activities/{id}/check", activity_check, PERM_FUNDS_REVIEW,
      SCOPE_RECORD,
      "区委组织部核查活动经费是否按计划使用（按计划、部分、未按计划，后两者须说明理由）", NULL,
      NULL, CHECK_IN },
    { HTTP_GET, "/api/funds/variance", variance_get, PERM_FUNDS_READ, SCOPE_CALLER,
      "经费使用差异表：每项已分配活动的核定金额、实际支出、差额和核查结论", NULL, LEDGER_Q, NULL },
    { HTTP_GET, "/api/funds/incentive", incentive_get, PERM_FUNDS_READ, SCOPE_CALLER,
      "竞争激励：按某季度活动开展、凭证核查和参与情况（FUND-INCENTIVE）建议各社区下一季度的经费，"
      "列出每项输入和权重；最终金额由人决定",
      NULL, FUNDS_PERIOD_Q, NULL },
    { HTTP_GET, "/api/funds/review.xlsx", funds_review_xlsx, PERM_FUNDS_READ, SCOPE_CALLER,
      "导出季度活动计划审核表（xlsx：每项活动一行，申请和核定金额为数字，合计）", NULL,
      FUNDS_PERIOD_Q, NULL },
    { HTTP_GET, "/api/funds/rewards", rewards_get, PERM_FUNDS_READ, SCOPE_CALLER,
      "奖励基金：区委组织部（各社区预留之和）或社区（下拨所得）某年的总额、已支出、余额和支出明细",
      NULL, LEDGER_Q, NULL },
    { HTTP_POST, "/api/funds/rewards", rewards_post, PERM_FUNDS_WRITE, SCOPE_RECORD,
      "从奖励基金支出：区委组织部七一表彰先进党组织和优秀党员、下拨社区；社区表彰党员（不超过余额"
      "）",
      NULL, NULL, REWARD_IN },
    { HTTP_PUT, "/api/funds/budgets", budget_put, PERM_FUNDS_REVIEW, SCOPE_RECORD,
      "设定社区年度党建经费预算和预留奖励基金（FUND-BUDGET、FUND-RESERVE）", NULL, NULL,
      BUDGET_IN },
    { HTTP_GET, "/api/funds/ledger", ledger_get, PERM_FUNDS_READ, SCOPE_CALLER,
      "经费台账：本组织及各下级组织的预算、预留、已分配、已使用、剩余（各行之和等于合计）", NULL,
      LEDGER_Q, NULL },
    { 0 },
};

/* The area's permissions: code, zh-CN label, the roles holding it (their oracle is the
 * `policy` of tests/api/authz/funds.js). Which level acts (the community writes, the street
 * forwards, the district reviews) is checked on the org tree by the handlers. */
static const struct perm_row FUNDS_PERMS[] = {
    PERM_ROW(PERM_FUNDS_READ, "funds.read", "查看党建经费计划和台账", ROLES_MANAGERS),
    PERM_ROW(PERM_FUNDS_WRITE, "funds.write", "填报、提交和报送党建经费活动计划", ROLES_MANAGERS),
    PERM_ROW(PERM_FUNDS_REVIEW, "funds.review", "审核活动计划、分配经费、设定预算（区委组织部）",
             ROLES_MANAGERS),
    PERM_ROWS_END,
};

static const struct audit_action FUNDS_AUDIT[] = {
    { "funds.plan", "填报党建经费活动计划", "fund_plan" },
    { "funds.submit", "提交党建经费活动计划", "fund_plan" },
    { "funds.forward", "街道报送党建经费活动计划", "fund_plan" },
    { "funds.review", "审核党建经费活动", "fund_plan" },
    { "funds.allocate", "分配党建经费", "fund_plan" },
    { "funds.budget", "设定社区党建经费预算", "org" },
    { "funds.use", "登记活动经费使用情况", "fund_activity" },
    { "funds.photo", "上传活动凭证照片", "fund_activity" },
    { "funds.check", "核查活动经费使用", "fund_activity" },
    { "funds.export", "导出党建经费审核表", NULL },
    { "funds.reward", "奖励基金支出", "fund_reward" },
    { NULL, NULL, NULL },
};

static const struct code_table FUNDS_CODES[] = {
    { "funds_status", FUNDS_STATUSES, FUNDS_STATUS_LABELS },
    { "funds_decision", FUNDS_DECISIONS, FUNDS_DECISION_LABELS },
    { "funds_check", FUNDS_CHECKS, FUNDS_CHECK_LABELS },
    { "funds_reward_kind", FUNDS_REWARD_KINDS, FUNDS_REWARD_KIND_LABELS },
    { NULL, NULL, NULL },
};

const struct change_counter FUNDS_COUNTER = { "funds", "党建经费" };
static const struct change_counter *const FUNDS_COUNTERS[] = { &FUNDS_COUNTER, NULL };
static const struct demo_hook *const FUNDS_DEMOS[] = { &FUNDS_DEMO, NULL };

extern const struct module FUNDS_MODULE;
const struct module FUNDS_MODULE = {
    .name = "funds",
    .routes = FUNDS_ROUTES,
    .perms = FUNDS_PERMS,
    .audit_actions = FUNDS_AUDIT,
    .codes = FUNDS_CODES,
    .counters = FUNDS_COUNTERS,
    .demo = FUNDS_DEMOS,
};
