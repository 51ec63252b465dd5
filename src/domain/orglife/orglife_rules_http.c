/* orglife_rules_http.c: routes of the frequency rules page and their module row (found by
 * tools/gen-modules.sh): the rules in force below an org and the local rows around it (GET
 * /api/orglife/rules), a local override for an org's subtree (POST), and its end (PATCH). Who
 * may set local rules is its own permission, orglife.rules, held by the managers. */
#include "core/compat.h"
#include "core/err.h"
#include "core/json.h"
#include "domain/app.h"
#include "domain/auth/auth.h"
#include "domain/auth/auth_guard.h"
#include "domain/auth/perm.h"
#include "domain/modules.h"
#include "domain/orglife/orglife.h"
#include "http/http.h"

static json_t *rule_json(const struct orglife_rule_view *r)
{
    json_t *o = json_pack(
        "{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)r->id,
        "rule_id", r->rule_id, "rule_set", r->rule_set, "type", r->type, "type_label",
        enum_label(MEETING_TYPES, MEETING_TYPE_LABELS, r->type), "period", r->period,
        "period_label", enum_label(RULE_PERIODS, RULE_PERIOD_LABELS, r->period), "min_count",
        (json_int_t)r->min_count, "valid_from", r->valid_from, "valid_to", r->valid_to,
        "confidence", r->confidence, "source", r->source);

    json_object_set_new(o, "org_id", r->org_id ? jint(r->org_id) : json_null());
    json_object_set_new(o, "org_name", jstr(r->org_name));
    return o;
}

static int respond_rules(struct http_req *req, struct http_res *res, int64_t org_id, const char *on,
                         int status, struct err *err)
{
    struct orglife_rules r;
    json_t *in_force, *local;

    if (orglife_rules_get(req->app, org_id, on, req->arena, &r, err) < 0)
        return -1;
    in_force = json_array();
    local = json_array();
    for (int64_t i = 0; i < r.nin_force; i++)
        json_array_append_new(in_force, rule_json(&r.in_force[i]));
    for (int64_t i = 0; i < r.nlocal; i++)
        json_array_append_new(local, rule_json(&r.local[i]));
    http_res_json(res, status,
                  json_pack("{s:I, s:o, s:o}", "org_id", (json_int_t)org_id, "in_force", in_force,
                            "local", local));
    return 0;
}

struct rules_q {
    int64_t org;
    char *on;
};
static const struct field RULES_Q[] = {
    FIELD_ID(struct rules_q, org, "org", "党组织", FIELD_REQUIRED),
    FIELD_DATE(struct rules_q, on, "on", "日期", FIELD_OPTIONAL),
    FIELD_END,
};

static int rules_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct rules_q q = { 0 };

    if (http_query_decode(req, RULES_Q, &q, NULL, err) < 0 || http_require_org(req, q.org, err) < 0)
        return -1;
    return respond_rules(req, res, q.org, q.on, 200, err);
}

static const struct field RULE_IN[] = {
    FIELD_ID(struct orglife_rule_in, org_id, "org_id", "党组织", FIELD_REQUIRED),
    FIELD_ENUM(struct orglife_rule_in, type, "type", "会议类型", FIELD_REQUIRED, MEETING_TYPES),
    FIELD_ENUM(struct orglife_rule_in, period, "period", "周期", FIELD_REQUIRED, RULE_PERIODS),
    FIELD_INT(struct orglife_rule_in, min_count, "min_count", "每周期至少召开次数", FIELD_REQUIRED,
              0, 100),
    FIELD_DATE(struct orglife_rule_in, valid_from, "valid_from", "生效日期", FIELD_REQUIRED),
    FIELD_STR(struct orglife_rule_in, source, "source", "依据（文件名称、文号或会议决定）",
              FIELD_REQUIRED, 2, 200),
    FIELD_BOOL(struct orglife_rule_in, loosen, "loosen", "确认放宽", FIELD_OPTIONAL),
    FIELD_END,
};

static int rules_create(struct http_req *req, struct http_res *res, struct err *err)
{
    struct orglife_rule_in in = { 0 };
    struct auth_actor actor;
    int64_t id;

    if (http_body_decode(req, RULE_IN, &in, NULL, err) < 0 ||
        http_require_org(req, in.org_id, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (orglife_rule_set(req->app, &in, &actor, &id, err) < 0)
        return -1;
    return respond_rules(req, res, in.org_id, NULL, 201, err);
}

struct rule_end_in {
    char *valid_to;
};
static const struct field RULE_END_IN[] = {
    FIELD_DATE(struct rule_end_in, valid_to, "valid_to", "结束日期（当日起不再适用）",
               FIELD_REQUIRED),
    FIELD_END,
};

static int rules_end(struct http_req *req, struct http_res *res, struct err *err)
{
    struct rule_end_in in = { 0 };
    struct auth_actor actor;
    int64_t id, org_id;

    if (http_param_id(req, 0, &id, err) < 0 || orglife_rule_org(req->app, id, &org_id, err) < 0)
        return -1;
    if (!org_id)
        return err_set(err, E_CONFLICT, "", "统一规定的规则不能结束；可为本组织设定地方规则");
    if (http_require_org(req, org_id, err) < 0 ||
        http_body_decode(req, RULE_END_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (orglife_rule_end(req->app, id, in.valid_to, &actor, err) < 0)
        return -1;
    return respond_rules(req, res, org_id, NULL, 200, err);
}

static const struct route RULE_ROUTES[] = {
    { HTTP_GET, "/api/orglife/rules", rules_get, PERM_ORGLIFE_READ, SCOPE_RECORD,
      "组织生活频次规则：某日对本组织下各支部适用的规则，及上下级设定的地方规则", NULL, RULES_Q,
      NULL },
    { HTTP_POST, "/api/orglife/rules", rules_create, PERM_ORGLIFE_RULES, SCOPE_RECORD,
      "为本组织及下级设定地方规则（可从严；放宽须确认并记入审计）", NULL, NULL, RULE_IN },
    { HTTP_PATCH, "/api/orglife/rules/{id}", rules_end, PERM_ORGLIFE_RULES, SCOPE_RECORD,
      "结束一条地方规则（此后适用上级或统一规定）", NULL, NULL, RULE_END_IN },
    { 0 },
};

static const struct perm_row RULE_PERMS[] = {
    PERM_ROW(PERM_ORGLIFE_RULES, "orglife.rules", "设定组织生活规则", ROLES_MANAGERS),
    PERM_ROWS_END,
};

static const struct audit_action RULE_AUDIT[] = {
    { "orglife.rule_set", "设定组织生活规则", "orglife_rule" },
    { "orglife.rule_loosen", "放宽组织生活规则", "orglife_rule" },
    { "orglife.rule_end", "结束组织生活规则", "orglife_rule" },
    { NULL, NULL, NULL },
};

extern const struct module ORGLIFE_RULES_MODULE;
const struct module ORGLIFE_RULES_MODULE = {
    .name = "orglife_rules",
    .routes = RULE_ROUTES,
    .perms = RULE_PERMS,
    .audit_actions = RULE_AUDIT,
};
