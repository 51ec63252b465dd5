/* dues_relief_http.c: the HTTP handlers of 少交 / 免交 (DUES-HARDSHIP): the applications of a
 * subtree, one recorded by the member's branch (dues.write at the member's org), and the
 * decision of the 上一级党委 (dues.write at the org above the member's). Decode, check the
 * scope, call one service function, encode. */
#include "core/compat.h"
#include "core/err.h"
#include "core/json.h"
#include "domain/app.h"
#include "domain/auth/auth.h"
#include "domain/auth/auth_guard.h"
#include "domain/dues/dues.h"
#include "domain/dues/dues_http_int.h"
#include "http/http.h"

static json_t *relief_json(struct http_req *req, const struct dues_relief *r)
{
    json_t *o = json_pack(
        "{s:I, s:I, s:s, s:I, s:s, s:I, s:s, s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id",
        (json_int_t)r->id, "member_id", (json_int_t)r->member_id, "name", r->name, "org_id",
        (json_int_t)r->org_id, "org_name", r->org_name, "approver_org_id",
        (json_int_t)r->approver_org_id, "kind", r->kind, "kind_label",
        enum_label(DUES_RELIEF_KINDS, DUES_RELIEF_KIND_LABELS, r->kind), "amount_fen",
        (json_int_t)r->amount_fen, "from_month", r->from_month, "to_month", r->to_month, "reason",
        r->reason, "applied_on", r->applied_on, "branch_agreed_on", r->branch_agreed_on, "status",
        r->status, "status_label",
        enum_label(DUES_RELIEF_STATUSES, DUES_RELIEF_STATUS_LABELS, r->status));

    json_object_set_new(o, "decided_on", jstr(r->decided_on));
    json_object_set_new(o, "decided_body", jstr(r->decided_body));
    json_object_set_new(o, "doc_no", jstr(r->doc_no));
    json_object_set_new(o, "decision_note", jstr(r->decision_note));
    json_object_set_new(o, "original_to_month", jstr(r->original_to_month));
    json_object_set_new(o, "ended_reason", jstr(r->ended_reason));
    /* Whether the caller is the deciding level (the page offers 审批, or 提前终止 then). */
    json_object_set_new(o, "can_decide",
                        json_boolean(!strcmp(r->status, "pending") &&
                                     auth_can(req->user, PERM_DUES_WRITE, r->approver_path)));
    json_object_set_new(o, "can_end",
                        json_boolean(!strcmp(r->status, "approved") &&
                                     strcmp(r->from_month, r->to_month) < 0 &&
                                     auth_can(req->user, PERM_DUES_WRITE, r->approver_path)));
    return o;
}

int dues_reliefs_http_list(struct http_req *req, struct http_res *res, struct err *err)
{
    struct org_q q = { 0 };
    struct dues_relief *r;
    const char *path;
    int64_t n;
    json_t *arr;

    if (http_query_decode(req, DUES_ORG_Q, &q, NULL, err) < 0 ||
        http_scope_path(req, q.org, &path, err) < 0 ||
        dues_reliefs(req->app, path, req->arena, &r, &n, err) < 0)
        return -1;
    arr = json_array();
    for (int64_t i = 0; i < n; i++)
        json_array_append_new(arr, relief_json(req, &r[i]));
    http_res_json(res, 200, json_pack("{s:o}", "items", arr));
    return 0;
}

const struct field DUES_RELIEF_IN[] = {
    FIELD_ID(struct dues_relief_in, member_id, "member_id", "党员", FIELD_REQUIRED),
    FIELD_ENUM(struct dues_relief_in, kind, "kind", "类型", FIELD_REQUIRED, DUES_RELIEF_KINDS),
    FIELD_INT(struct dues_relief_in, amount_fen, "amount_fen", "少交后每月交纳（分）",
              FIELD_OPTIONAL, 0, 100000000),
    FIELD_STR(struct dues_relief_in, from_month, "from_month", "起始月份",
              FIELD_REQUIRED | FIELD_ASCII, 7, 7),
    FIELD_STR(struct dues_relief_in, to_month, "to_month", "截止月份", FIELD_REQUIRED | FIELD_ASCII,
              7, 7),
    FIELD_STR(struct dues_relief_in, reason, "reason", "原因", FIELD_REQUIRED, 2, 200),
    FIELD_DATE(struct dues_relief_in, applied_on, "applied_on", "申请日期", FIELD_REQUIRED),
    FIELD_DATE(struct dues_relief_in, branch_agreed_on, "branch_agreed_on", "支部委员会同意日期",
               FIELD_REQUIRED),
    FIELD_END,
};

int dues_reliefs_http_create(struct http_req *req, struct http_res *res, struct err *err)
{
    struct dues_relief_in in = { 0 };
    struct auth_actor actor;
    int64_t org_id, id;

    if (http_body_decode(req, DUES_RELIEF_IN, &in, NULL, err) < 0 ||
        dues_member_org(req->app, in.member_id, req->arena, &org_id, NULL, err) < 0 ||
        http_require_org(req, org_id, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (dues_relief_apply(req->app, &in, &actor, &id, err) < 0)
        return -1;
    http_res_json(res, 201, json_pack("{s:I, s:s}", "id", (json_int_t)id, "status", "pending"));
    return 0;
}

struct decide_in {
    bool approve;
    char *decided_on, *body, *doc_no, *note;
};
const struct field DUES_RELIEF_DECIDE_IN[] = {
    FIELD_BOOL(struct decide_in, approve, "approve", "是否批准", FIELD_REQUIRED),
    FIELD_DATE(struct decide_in, decided_on, "decided_on", "审批日期", FIELD_OPTIONAL),
    FIELD_STR(struct decide_in, body, "body", "审批党组织", FIELD_REQUIRED, 2, 60),
    FIELD_STR(struct decide_in, doc_no, "doc_no", "文号", FIELD_OPTIONAL, 0, 60),
    FIELD_STR(struct decide_in, note, "note", "意见", FIELD_OPTIONAL, 0, 200),
    FIELD_END,
};

int dues_reliefs_http_decide(struct http_req *req, struct http_res *res, struct err *err)
{
    struct decide_in in = { 0 };
    struct dues_relief r;
    struct auth_actor actor;
    int64_t id;

    if (http_param_id(req, 0, &id, err) < 0 ||
        dues_relief_get(req->app, id, req->arena, &r, err) < 0)
        return -1;
    /* The 上一级党委 decides: the org above the member's (a branch's own secretary may not). */
    if (http_require_org(req, r.approver_org_id, err) < 0 ||
        http_body_decode(req, DUES_RELIEF_DECIDE_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (dues_relief_decide(req->app, id, in.approve, in.decided_on, in.body, in.doc_no, in.note,
                           &actor, err) < 0 ||
        dues_relief_get(req->app, id, req->arena, &r, err) < 0)
        return -1;
    http_res_json(res, 200, relief_json(req, &r));
    return 0;
}

struct end_in {
    char *to_month, *reason;
};
const struct field DUES_RELIEF_END_IN[] = {
    FIELD_STR(struct end_in, to_month, "to_month", "新的截止月份", FIELD_REQUIRED | FIELD_ASCII, 7,
              7),
    FIELD_STR(struct end_in, reason, "reason", "提前终止原因", FIELD_REQUIRED, 2, 200),
    FIELD_END,
};

int dues_reliefs_http_end(struct http_req *req, struct http_res *res, struct err *err)
{
    struct end_in in = { 0 };
    struct dues_relief r;
    struct auth_actor actor;
    int64_t id;

    if (http_param_id(req, 0, &id, err) < 0 ||
        dues_relief_get(req->app, id, req->arena, &r, err) < 0 ||
        http_require_org(req, r.approver_org_id, err) < 0 ||
        http_body_decode(req, DUES_RELIEF_END_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (dues_relief_end(req->app, id, in.to_month, in.reason, &actor, err) < 0 ||
        dues_relief_get(req->app, id, req->arena, &r, err) < 0)
        return -1;
    http_res_json(res, 200, relief_json(req, &r));
    return 0;
}
