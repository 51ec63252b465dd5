/* dues_http.c: the Party dues area's HTTP adapter, its permissions and its module row (found
 * by tools/gen-modules.sh; tools/gen-perms.sh reads the PERM_ROW lines): the calculator, a
 * member's standard, payments (one, or a branch's month in one request), reversals, entries,
 * the ledger grid, arrears and the member's own dues. Handlers decode, check the scope, call
 * one service function and encode; amounts are integer fen in and out. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json.h"
#include "domain/app.h"
#include "domain/auth/auth.h"
#include "domain/auth/auth_guard.h"
#include "domain/auth/perm.h"
#include "domain/cache/cache.h"
#include "domain/dues/dues_http_int.h"
#include "domain/dues/dues_int.h"
#include "domain/modules.h"
#include "domain/orgpath.h"
#include "http/http.h"

/* The largest amount or base accepted: 1 亿元 in fen. */
#define FEN_MAX 10000000000LL

static json_t *rule_json(const struct dues_calc *k)
{
    json_t *o = json_pack("{s:s, s:s, s:s, s:I, s:s, s:s}", "id", k->rule_id, "version",
                          k->rule_set, "valid_from", k->valid_from, "rate_bp",
                          (json_int_t)k->rate_bp, "rounding", k->rounding, "rounding_label",
                          enum_label(DUES_ROUNDINGS, DUES_ROUNDING_LABELS, k->rounding));

    json_object_set_new(o, "bracket_upto_fen", k->upto_fen >= 0 ? jint(k->upto_fen) : json_null());
    return o;
}

struct std_q {
    char *category, *month;
    int64_t base_fen, org;
};
static const struct field STD_Q[] = {
    FIELD_ENUM(struct std_q, category, "category", "党员类别", FIELD_REQUIRED, DUES_CATEGORIES),
    FIELD_INT(struct std_q, base_fen, "base_fen", "计算基数（分）", FIELD_OPTIONAL, 0, FEN_MAX),
    FIELD_STR(struct std_q, month, "month", "月份", FIELD_OPTIONAL | FIELD_ASCII, 7, 7),
    FIELD_ID(struct std_q, org, "org", "党组织", FIELD_OPTIONAL),
    FIELD_END,
};

static int standard_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct std_q q = { 0 };
    struct dues_calc k;
    const char *path;
    char today[11];

    if (http_query_decode(req, STD_Q, &q, NULL, err) < 0 ||
        http_scope_path(req, q.org, &path, err) < 0)
        return -1;
    clock_today(today);
    today[7] = '\0';
    if (dues_standard_calc(req->app, path, q.category, q.base_fen, q.month ? q.month : today,
                           req->arena, &k, err) < 0)
        return -1;
    http_res_json(res, 200,
                  json_pack("{s:I, s:s, s:s, s:I, s:s, s:o}", "amount_fen",
                            (json_int_t)k.amount_fen, "category", q.category, "category_label",
                            enum_label(DUES_CATEGORIES, DUES_CATEGORY_LABELS, q.category),
                            "base_fen", (json_int_t)k.base_fen, "month", q.month ? q.month : today,
                            "rule", rule_json(&k)));
    return 0;
}

/* The member of a body, its org checked against the route's permission. */
static int member_in_scope(struct http_req *req, int64_t member_id, struct err *err)
{
    int64_t org_id;

    if (dues_member_org(req->app, member_id, req->arena, &org_id, NULL, err) < 0)
        return -1;
    return http_require_org(req, org_id, err);
}

static const struct field STANDARD_IN[] = {
    FIELD_ID(struct dues_standard_in, member_id, "member_id", "党员", FIELD_REQUIRED),
    FIELD_ENUM(struct dues_standard_in, category, "category", "党员类别", FIELD_REQUIRED,
               DUES_CATEGORIES),
    FIELD_INT(struct dues_standard_in, base_fen, "base_fen", "计算基数（分）", FIELD_OPTIONAL, 0,
              FEN_MAX),
    FIELD_STR(struct dues_standard_in, from_month, "from_month", "起始月份",
              FIELD_REQUIRED | FIELD_ASCII, 7, 7),
    FIELD_STR(struct dues_standard_in, note, "note", "备注", FIELD_OPTIONAL, 0, 200),
    FIELD_END,
};

static int standards_create(struct http_req *req, struct http_res *res, struct err *err)
{
    struct dues_standard_in in = { 0 };
    struct auth_actor actor;
    struct dues_calc k;
    int64_t id;

    if (http_body_decode(req, STANDARD_IN, &in, NULL, err) < 0 ||
        member_in_scope(req, in.member_id, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (dues_standard_set(req->app, &in, &actor, req->arena, &id, &k, err) < 0)
        return -1;
    http_res_json(res, 201,
                  json_pack("{s:I, s:I, s:o}", "id", (json_int_t)id, "amount_fen",
                            (json_int_t)k.amount_fen, "rule", rule_json(&k)));
    return 0;
}

#define PAY_FIELDS(T, req)                                                                         \
    FIELD_INT(T, amount_fen, "amount_fen", "金额（分）", FIELD_REQUIRED, 1, FEN_MAX),              \
        FIELD_ENUM(T, method, "method", "交纳方式", req, DUES_METHODS),                            \
        FIELD_STR(T, paid_by, "paid_by", "代缴人", FIELD_OPTIONAL, 0, 40),                         \
        FIELD_STR(T, receipt_no, "receipt_no", "收据编号", FIELD_OPTIONAL | FIELD_ASCII, 0, 40),   \
        FIELD_DATE(T, paid_on, "paid_on", "交纳日期", FIELD_OPTIONAL),                             \
        FIELD_BOOL(T, extra, "extra", "自愿多交", FIELD_OPTIONAL),                                 \
        FIELD_STR(T, note, "note", "备注", FIELD_OPTIONAL, 0, 200)
static const struct field PAY_IN[] = {
    FIELD_ID(struct dues_pay_in, member_id, "member_id", "党员", FIELD_REQUIRED),
    FIELD_STR(struct dues_pay_in, month, "month", "月份", FIELD_REQUIRED | FIELD_ASCII, 7, 7),
    PAY_FIELDS(struct dues_pay_in, FIELD_REQUIRED),
    FIELD_END,
};

static json_t *warnings_out(const struct dues_warning *w, int64_t n)
{
    json_t *arr = json_array();

    for (int64_t i = 0; i < n; i++)
        json_array_append_new(
            arr, json_pack("{s:s, s:s}", "rule", w[i].rule_id, "message", w[i].message));
    return arr;
}

static int payments_create(struct http_req *req, struct http_res *res, struct err *err)
{
    struct dues_pay_in in = { 0 };
    struct auth_actor actor;
    struct dues_warning *w;
    int64_t id, nw;

    if (http_body_decode(req, PAY_IN, &in, NULL, err) < 0 ||
        member_in_scope(req, in.member_id, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (dues_pay(req->app, &in, &actor, req->arena, &id, &w, &nw, err) < 0)
        return -1;
    http_res_json(res, 201,
                  json_pack("{s:I, s:o}", "id", (json_int_t)id, "warnings", warnings_out(w, nw)));
    return 0;
}

static const struct field BATCH_ITEM[] = {
    FIELD_ID(struct dues_pay_in, member_id, "member_id", "党员", FIELD_REQUIRED),
    PAY_FIELDS(struct dues_pay_in, FIELD_OPTIONAL),
    FIELD_END,
};
static const struct field BATCH_IN[] = {
    FIELD_ID(struct dues_batch_in, org_id, "org_id", "党组织", FIELD_REQUIRED),
    FIELD_STR(struct dues_batch_in, month, "month", "月份", FIELD_REQUIRED | FIELD_ASCII, 7, 7),
    FIELD_DATE(struct dues_batch_in, paid_on, "paid_on", "交纳日期", FIELD_OPTIONAL),
    FIELD_ENUM(struct dues_batch_in, method, "method", "交纳方式", FIELD_OPTIONAL, DUES_METHODS),
    FIELD_ARRAY(struct dues_batch_in, items, "items", "交纳明细", FIELD_REQUIRED, 1, 500,
                BATCH_ITEM),
    FIELD_END,
};

static int payments_batch(struct http_req *req, struct http_res *res, struct err *err)
{
    struct dues_batch_in in = { 0 };
    struct auth_actor actor;
    const char *path;
    int64_t *ids, nwarn;
    json_t *arr;

    if (http_body_decode(req, BATCH_IN, &in, NULL, err) < 0 ||
        http_require_org(req, in.org_id, err) < 0 ||
        http_scope_path(req, in.org_id, &path, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (dues_pay_batch(req->app, path, &in, &actor, req->arena, &ids, &nwarn, err) < 0)
        return -1;
    arr = json_array();
    for (int64_t i = 0; i < in.nitems; i++)
        json_array_append_new(arr, jint(ids[i]));
    http_res_json(res, 201,
                  json_pack("{s:I, s:o, s:I}", "count", (json_int_t)in.nitems, "ids", arr,
                            "warnings", (json_int_t)nwarn));
    return 0;
}

struct reverse_in {
    char *reason;
};
static const struct field REVERSE_IN[] = {
    FIELD_STR(struct reverse_in, reason, "reason", "冲正原因", FIELD_REQUIRED, 2, 200),
    FIELD_END,
};

static int payments_reverse(struct http_req *req, struct http_res *res, struct err *err)
{
    struct reverse_in in = { 0 };
    struct auth_actor actor;
    struct dues_entry e;
    int64_t id, rid;

    if (http_param_id(req, 0, &id, err) < 0 ||
        dues_entry_get(req->app, id, req->arena, &e, err) < 0 ||
        http_require_org(req, e.org_id, err) < 0 ||
        http_body_decode(req, REVERSE_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (dues_reverse(req->app, id, in.reason, &actor, req->arena, &rid, err) < 0)
        return -1;
    http_res_json(res, 201,
                  json_pack("{s:I, s:I, s:I}", "id", (json_int_t)rid, "reverses_id", (json_int_t)id,
                            "amount_fen", (json_int_t)-e.amount_fen));
    return 0;
}

static json_t *entry_json(const struct dues_entry *e)
{
    json_t *w = json_loads(e->warnings ? e->warnings : "[]", 0, NULL);
    json_t *o = json_pack("{s:I, s:I, s:s, s:I, s:s, s:s, s:s, s:s, s:I}", "id", (json_int_t)e->id,
                          "member_id", (json_int_t)e->member_id, "name", e->member_name, "org_id",
                          (json_int_t)e->org_id, "month", e->month, "kind", e->kind, "kind_label",
                          enum_label(DUES_KINDS, DUES_KIND_LABELS, e->kind), "paid_on", e->paid_on,
                          "amount_fen", (json_int_t)e->amount_fen);

    json_object_set_new(o, "method", jstr(e->method));
    json_object_set_new(
        o, "method_label",
        jstr(e->method ? enum_label(DUES_METHODS, DUES_METHOD_LABELS, e->method) : NULL));
    json_object_set_new(o, "paid_by", jstr(e->paid_by));
    json_object_set_new(o, "receipt_no", jstr(e->receipt_no));
    json_object_set_new(o, "reason", jstr(e->reason));
    json_object_set_new(o, "reverses_id", e->reverses_id ? jint(e->reverses_id) : json_null());
    json_object_set_new(o, "reversed_by", e->reversed_by ? jint(e->reversed_by) : json_null());
    json_object_set_new(o, "expected_fen", e->rule_id ? jint(e->expected_fen) : json_null());
    json_object_set_new(o, "base_fen", e->rule_id ? jint(e->base_fen) : json_null());
    json_object_set_new(o, "rate_bp", e->rule_id ? jint(e->rate_bp) : json_null());
    json_object_set_new(o, "rounding", jstr(e->rounding));
    json_object_set_new(o, "rule", jstr(e->rule_id));
    json_object_set_new(o, "rule_set", jstr(e->rule_set));
    json_object_set_new(o, "warnings", w ? w : json_array());
    return o;
}

static json_t *entries_json(const struct dues_entry *e, int64_t n)
{
    json_t *arr = json_array();

    for (int64_t i = 0; i < n; i++)
        json_array_append_new(arr, entry_json(&e[i]));
    return arr;
}

const struct field DUES_PERIOD_Q[] = {
    FIELD_ID(struct period_q, org, "org", "党组织", FIELD_OPTIONAL),
    FIELD_INT(struct period_q, year, "year", "年度", FIELD_OPTIONAL, 2000, 2100),
    FIELD_END,
};
static const struct field PAYMENTS_Q[] = {
    FIELD_ID(struct period_q, org, "org", "党组织", FIELD_OPTIONAL),
    FIELD_INT(struct period_q, year, "year", "年度", FIELD_OPTIONAL, 2000, 2100),
    FIELD_STR(struct period_q, month, "month", "月份", FIELD_OPTIONAL | FIELD_ASCII, 7, 7),
    HTTP_PAGE_FIELDS(struct period_q),
    FIELD_END,
};

static int payments_list(struct http_req *req, struct http_res *res, struct err *err)
{
    struct period_q q = { 0 };
    struct dues_entry *e;
    const char *path, *period;
    int64_t n, total;

    if (http_query_decode(req, PAYMENTS_Q, &q, NULL, err) < 0 ||
        http_scope_path(req, q.org, &path, err) < 0)
        return -1;
    if (q.month && dues_month_index(q.month) < 0)
        return err_set(err, E_INVALID, "/month", "月份须为“年-月”格式，例如 2026-03");
    http_page_defaults(&q.page, &q.size);
    period = q.month ? q.month : arena_printf(req->arena, "%04d", dues_year_or_now(q.year));
    if (dues_entries(req->app, path, period, q.page, q.size, req->arena, &e, &n, &total, err) < 0)
        return -1;
    http_res_json(res, 200, http_list_json(entries_json(e, n), total, q.page, q.size));
    return 0;
}

/* A ledger row: its 12 months and totals (outstanding counts the months already due), added
 * into tot as well. */
static json_t *row_json(const struct dues_row *r, int year, int last_mi, int64_t tot[4],
                        struct arena *a)
{
    json_t *months = json_array(), *o;
    int64_t t[4] = { 0 };

    for (int k = 0; k < 12; k++) {
        const struct dues_cell *c = &r->months[k];
        json_array_append_new(months, json_pack("{s:s, s:I, s:I, s:I}", "month",
                                                arena_printf(a, "%04d-%02d", year, k + 1),
                                                "expected_fen", (json_int_t)c->expected_fen,
                                                "paid_fen", (json_int_t)c->paid_fen, "extra_fen",
                                                (json_int_t)c->extra_fen));
    }
    dues_row_totals(r, year, last_mi, t);
    o = json_pack("{s:I, s:s, s:I, s:o, s:I, s:I, s:I, s:I}", "member_id", (json_int_t)r->member_id,
                  "name", r->name, "org_id", (json_int_t)r->org_id, "months", months,
                  "expected_fen", (json_int_t)t[0], "paid_fen", (json_int_t)t[1], "extra_fen",
                  (json_int_t)t[2], "outstanding_fen", (json_int_t)t[3]);
    json_object_set_new(o, "org_name", jstr(r->org_name));
    json_object_set_new(o, "category", jstr(r->category));
    json_object_set_new(
        o, "category_label",
        jstr(r->category ? enum_label(DUES_CATEGORIES, DUES_CATEGORY_LABELS, r->category) : NULL));
    json_object_set_new(o, "base_fen", r->category ? jint(r->base_fen) : json_null());
    json_object_set_new(o, "amount_fen", r->category ? jint(r->amount_fen) : json_null());
    for (int k = 0; k < 4; k++)
        tot[k] += t[k];
    return o;
}

static int ledger_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct period_q q = { 0 };
    struct dues_row *rows;
    const char *path;
    int64_t n, tot[4] = { 0 };
    int year, last_mi = dues_last_due_month();
    json_t *arr;

    if (http_query_decode(req, DUES_PERIOD_Q, &q, NULL, err) < 0 ||
        http_scope_path(req, q.org, &path, err) < 0)
        return -1;
    year = dues_year_or_now(q.year);
    if (dues_ledger(req->app, path, year, req->arena, &rows, &n, err) < 0)
        return -1;
    arr = json_array();
    for (int64_t i = 0; i < n; i++)
        json_array_append_new(arr, row_json(&rows[i], year, last_mi, tot, req->arena));
    http_res_json(res, 200,
                  json_pack("{s:i, s:o, s:I, s:{s:I, s:I, s:I, s:I}}", "year", year, "items", arr,
                            "total", (json_int_t)n, "totals", "expected_fen", (json_int_t)tot[0],
                            "paid_fen", (json_int_t)tot[1], "extra_fen", (json_int_t)tot[2],
                            "outstanding_fen", (json_int_t)tot[3]));
    return 0;
}

static int arrears_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct org_q q = { 0 };
    struct dues_arrear *it;
    const char *path, *rule;
    int64_t n;
    json_t *arr;

    if (http_query_decode(req, DUES_ORG_Q, &q, NULL, err) < 0 ||
        http_scope_path(req, q.org, &path, err) < 0 ||
        dues_arrears(req->app, path, req->arena, &it, &n, &rule, err) < 0)
        return -1;
    arr = json_array();
    for (int64_t i = 0; i < n; i++)
        json_array_append_new(
            arr, json_pack("{s:I, s:s, s:I, s:s, s:I, s:s, s:I, s:I, s:b}", "member_id",
                           (json_int_t)it[i].member_id, "name", it[i].name, "org_id",
                           (json_int_t)it[i].org_id, "org_name", it[i].org_name, "months_unpaid",
                           (json_int_t)it[i].months_unpaid, "since", it[i].since, "consecutive",
                           (json_int_t)it[i].consecutive, "owed_fen", (json_int_t)it[i].owed_fen,
                           "flagged", it[i].flagged));
    http_res_json(res, 200,
                  json_pack("{s:s, s:o, s:I}", "rule", rule, "items", arr, "total", (json_int_t)n));
    return 0;
}

struct year_q {
    int64_t year;
};
static const struct field YEAR_Q[] = {
    FIELD_INT(struct year_q, year, "year", "年度", FIELD_OPTIONAL, 2000, 2100),
    FIELD_END,
};

static int my_dues(struct http_req *req, struct http_res *res, struct err *err)
{
    struct year_q q = { 0 };
    struct auth_actor actor;
    struct dues_row row;
    struct dues_entry *e;
    int64_t n, tot[4] = { 0 };
    int year;
    json_t *o;

    if (http_query_decode(req, YEAR_Q, &q, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    year = dues_year_or_now(q.year);
    if (!actor.user->person_id) {
        http_res_json(res, 200, json_pack("{s:i, s:n}", "year", year, "member"));
        return 0;
    }
    if (dues_mine(req->app, actor.user->person_id, year, req->arena, &row, &e, &n, err) < 0) {
        if (err->code != E_NOT_FOUND)
            return -1;
        err_clear(err);
        http_res_json(res, 200, json_pack("{s:i, s:n}", "year", year, "member"));
        return 0;
    }
    o = row_json(&row, year, dues_last_due_month(), tot, req->arena);
    json_object_set_new(o, "entries", entries_json(e, n));
    http_res_json(res, 200, json_pack("{s:i, s:o}", "year", year, "member", o));
    return 0;
}

static json_t *sum_json(const struct dues_sum_row *r)
{
    return json_pack("{s:I, s:s, s:I, s:I, s:I, s:I, s:I, s:I}", "org_id", (json_int_t)r->org_id,
                     "name", r->name, "members", (json_int_t)r->members, "members_owing",
                     (json_int_t)r->members_owing, "expected_fen", (json_int_t)r->expected_fen,
                     "paid_fen", (json_int_t)r->paid_fen, "due_fen", (json_int_t)r->due_fen,
                     "outstanding_fen", (json_int_t)r->outstanding_fen);
}

static int summary_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct period_q q = { 0 };
    struct dues_sum_row *rows, total;
    const char *path;
    int64_t n;
    int year;
    json_t *arr;

    if (http_query_decode(req, DUES_PERIOD_Q, &q, NULL, err) < 0 ||
        http_scope_path(req, q.org, &path, err) < 0)
        return -1;
    year = dues_year_or_now(q.year);
    if (dues_summary(req->app, orgpath_last_id(path), path, year, req->arena, &rows, &n, &total,
                     err) < 0)
        return -1;
    arr = json_array();
    for (int64_t i = 0; i < n; i++)
        json_array_append_new(arr, sum_json(&rows[i]));
    http_res_json(
        res, 200,
        json_pack("{s:i, s:o, s:o}", "year", year, "items", arr, "total", sum_json(&total)));
    return 0;
}

struct member_q {
    int64_t member_id;
};
static const struct field MEMBER_Q[] = {
    FIELD_ID(struct member_q, member_id, "member_id", "党员", FIELD_REQUIRED),
    FIELD_END,
};

static int paid_to_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct member_q q = { 0 };
    const char *to;

    if (http_query_decode(req, MEMBER_Q, &q, NULL, err) < 0 ||
        member_in_scope(req, q.member_id, err) < 0 ||
        dues_paid_to(req->app, q.member_id, req->arena, &to, err) < 0)
        return -1;
    http_res_json(
        res, 200,
        json_pack("{s:I, s:o}", "member_id", (json_int_t)q.member_id, "paid_to", jstr(to)));
    return 0;
}

static const struct route DUES_ROUTES[] = {
    { HTTP_GET, "/api/dues/standard", standard_get, PERM_DUES_READ, SCOPE_CALLER,
      "党费计算器：类别和计算基数（分）在某月应交的党费及所用规则", NULL, STD_Q, NULL },
    { HTTP_POST, "/api/dues/standards", standards_create, PERM_DUES_WRITE, SCOPE_RECORD,
      "核定或变更党员的党费标准（自某月起，DUES-CHANGE）", NULL, NULL, STANDARD_IN },
    { HTTP_POST, "/api/dues/payments", payments_create, PERM_DUES_WRITE, SCOPE_RECORD,
      "登记一名党员某月的党费（补交超过6个月提示 DUES-BACKPAY）", NULL, NULL, PAY_IN },
    { HTTP_POST, "/api/dues/payments/batch", payments_batch, PERM_DUES_WRITE, SCOPE_RECORD,
      "一次登记一个支部某月的党费（一个事务，任一项不合格则全部不登记）", NULL, NULL, BATCH_IN },
    { HTTP_POST, "/api/dues/payments/{id}/reverse", payments_reverse, PERM_DUES_WRITE, SCOPE_RECORD,
      "冲正一笔党费记录（新增一条冲正记录，原记录不改）", NULL, NULL, REVERSE_IN },
    { HTTP_GET, "/api/dues/payments", payments_list, PERM_DUES_READ, SCOPE_CALLER,
      "党费交纳记录（某月或某年，管辖范围内，分页；收据清单）", NULL, PAYMENTS_Q, NULL },
    { HTTP_GET, "/api/dues/ledger", ledger_get, PERM_DUES_READ, SCOPE_CALLER,
      "党费台账：每名党员每月应交、已交、未交", NULL, DUES_PERIOD_Q, NULL },
    { HTTP_GET, "/api/dues/ledger.xlsx", dues_ledger_xlsx, PERM_DUES_READ, SCOPE_CALLER,
      "导出支部党费台账（xlsx：每人一行，每月一列，合计）", NULL, DUES_PERIOD_Q, NULL },
    { HTTP_GET, "/api/dues/summary", summary_get, PERM_DUES_READ, SCOPE_CALLER,
      "党费汇总：某组织各下级组织一年的应交、已交、截至上月应交和欠交", NULL, DUES_PERIOD_Q, NULL },
    { HTTP_GET, "/api/dues/arrears", arrears_get, PERM_DUES_READ, SCOPE_CALLER,
      "欠缴党费的党员（连续6个月提示 DUES-ARREARS，由组织研究决定）", NULL, DUES_ORG_Q, NULL },
    { HTTP_GET, "/api/dues/paid-to", paid_to_get, PERM_DUES_READ, SCOPE_RECORD,
      "党员党费交至哪个月（按台账逐月交清，用于介绍信）", NULL, MEMBER_Q, NULL },
    { HTTP_GET, "/api/dues/reliefs", dues_reliefs_http_list, PERM_DUES_READ, SCOPE_CALLER,
      "少交、免交党费的申请和审批（DUES-HARDSHIP），待审批的在前", NULL, DUES_ORG_Q, NULL },
    { HTTP_POST, "/api/dues/reliefs", dues_reliefs_http_create, PERM_DUES_WRITE, SCOPE_RECORD,
      "登记党员少交或免交党费的申请（经党支部委员会同意，报上一级党委审批）", NULL, NULL,
      DUES_RELIEF_IN },
    { HTTP_POST, "/api/dues/reliefs/{id}/decide", dues_reliefs_http_decide, PERM_DUES_WRITE,
      SCOPE_RECORD, "上一级党委审批少交或免交党费（批准后按批准的数额计算应交）", NULL, NULL,
      DUES_RELIEF_DECIDE_IN },
    { HTTP_POST, "/api/dues/reliefs/{id}/end", dues_reliefs_http_end, PERM_DUES_WRITE, SCOPE_RECORD,
      "提前终止已批准的少交或免交（如收入已恢复），由原审批党组织办理", NULL, NULL,
      DUES_RELIEF_END_IN },
    { HTTP_GET, "/api/dues/settings", dues_settings_http_get, PERM_DUES_READ, SCOPE_CALLER,
      "某组织施行的党费设置：舍入方式（DUES-ROUND）和计算基数扣除项目（DUES-DEDUCT）", NULL,
      DUES_ORG_Q, NULL },
    { HTTP_PUT, "/api/dues/settings", dues_settings_http_put, PERM_DUES_SETTINGS, SCOPE_RECORD,
      "设置区或街道的党费舍入方式和扣除项目（下级组织沿用）", NULL, NULL, DUES_SETTINGS_IN },
    { HTTP_GET, "/api/me/dues", my_dues, PERM_SESSION, SCOPE_NONE,
      "我的党费：本人的标准、每月应交已交和交纳记录", NULL, YEAR_Q, NULL },
    { 0 },
};

/* The area's permissions: code, zh-CN label, the roles holding it (their oracle is the
 * `policy` of tests/api/authz/dues.js). The branch committee keeps the dues (组织委员). */
static const struct perm_row DUES_PERMS[] = {
    PERM_ROW(PERM_DUES_READ, "dues.read", "查看党费台账",
             ROLES_MANAGERS | ROLE_BIT(ROLE_BRANCH_SECRETARY) | ROLE_BIT(ROLE_BRANCH_COMMITTEE)),
    PERM_ROW(PERM_DUES_WRITE, "dues.write", "登记党费、核定标准、冲正",
             ROLES_MANAGERS | ROLE_BIT(ROLE_BRANCH_SECRETARY) | ROLE_BIT(ROLE_BRANCH_COMMITTEE)),
    PERM_ROW(PERM_DUES_SETTINGS, "dues.settings", "设置党费舍入方式和扣除项目", ROLES_MANAGERS),
    PERM_ROWS_END,
};

static const struct audit_action DUES_AUDIT[] = {
    { "dues.standard", "核定党费标准", "member" },
    { "dues.pay", "登记党费", "dues_entry" },
    { "dues.reverse", "冲正党费记录", "dues_entry" },
    { "dues.export", "导出党费台账", NULL },
    { "dues.settings", "设置党费舍入方式", "org" },
    { "dues.relief", "登记少交或免交党费申请", "member" },
    { "dues.relief_decide", "审批少交或免交党费", "member" },
    { "dues.relief_end", "提前终止少交或免交党费", "member" },
    { NULL, NULL, NULL },
};

static const struct code_table DUES_CODES[] = {
    { "dues_category", DUES_CATEGORIES, DUES_CATEGORY_LABELS },
    { "dues_method", DUES_METHODS, DUES_METHOD_LABELS },
    { "dues_rounding", DUES_ROUNDINGS, DUES_ROUNDING_LABELS },
    { "dues_kind", DUES_KINDS, DUES_KIND_LABELS },
    { "dues_relief_kind", DUES_RELIEF_KINDS, DUES_RELIEF_KIND_LABELS },
    { "dues_relief_status", DUES_RELIEF_STATUSES, DUES_RELIEF_STATUS_LABELS },
    { NULL, NULL, NULL },
};

const struct change_counter DUES_COUNTER = { "dues", "党费" };
static const struct change_counter *const DUES_COUNTERS[] = { &DUES_COUNTER, NULL };
static const struct demo_hook *const DUES_DEMOS[] = { &DUES_DEMO, NULL };

extern const struct module DUES_MODULE;
const struct module DUES_MODULE = {
    .name = "dues",
    .routes = DUES_ROUTES,
    .perms = DUES_PERMS,
    .audit_actions = DUES_AUDIT,
    .codes = DUES_CODES,
    .counters = DUES_COUNTERS,
    .demo = DUES_DEMOS,
};
