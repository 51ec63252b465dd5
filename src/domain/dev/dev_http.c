/* dev_http.c: the member-development area's HTTP adapter, its permissions and its module row
 * (found by tools/gen-modules.sh; tools/gen-perms.sh reads the PERM_ROW lines): applications,
 * an applicant's timeline (and the signed-in person's own), recording a step (a refusal answers
 * 409 with error.rules and error.details), the pipeline of a subtree and the rules in force on a
 * date. Handlers decode, call one service function and encode; rules are checked in
 * dev_rules.c only. */
#include "core/compat.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/seal.h"
#include "core/json.h"
#include "domain/app.h"
#include "domain/auth/auth.h"
#include "domain/auth/auth_guard.h"
#include "domain/auth/perm.h"
#include "domain/cache/cache.h"
#include "domain/dev/dev_int.h"
#include "domain/modules.h"
#include "http/http.h"

static const struct field APPLICANT_NEW[] = {
    FIELD_STR(struct dev_applicant_in, name, "name", "姓名", FIELD_REQUIRED, 1, 40),
    FIELD_STR(struct dev_applicant_in, gender, "gender", "性别", 0, 1, 2),
    FIELD_DATE(struct dev_applicant_in, birth_date, "birth_date", "出生日期", 0),
    FIELD_STR(struct dev_applicant_in, id_number, "id_number", "身份证号",
              FIELD_REQUIRED | FIELD_ASCII, 1, 40),
    FIELD_ID(struct dev_applicant_in, org_id, "org_id", "受理党组织", FIELD_REQUIRED),
    FIELD_DATE(struct dev_applicant_in, applied_on, "applied_on", "递交入党申请书日期",
               FIELD_REQUIRED),
    FIELD_END,
};

static int applicants_create(struct http_req *req, struct http_res *res, struct err *err)
{
    struct dev_applicant_in in = { 0 };
    struct auth_actor actor;
    int64_t id;

    if (http_body_decode(req, APPLICANT_NEW, &in, NULL, err) < 0 ||
        http_require_org(req, in.org_id, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (dev_applicant_create(req->app, &in, &actor, req->arena, &id, err) < 0)
        return -1;
    http_res_json(res, 201, json_pack("{s:I}", "id", (json_int_t)id));
    return 0;
}

static json_t *applicant_json(const struct dev_applicant_view *v)
{
    json_t *o = json_pack(
        "{s:I, s:s, s:s, s:s, s:I, s:s, s:s, s:I, s:s, s:I, s:s, s:s, s:s, s:I}", "id",
        (json_int_t)v->id, "name", v->name, "gender", v->gender, "birth_date", v->birth_date,
        "org_id", (json_int_t)v->org_id, "org_name", v->org_name, "applied_on", v->applied_on,
        "stage", (json_int_t)v->stage, "stage_label", DEV_STAGE_LABELS[v->stage], "last_step",
        (json_int_t)v->last_step, "last_step_name", dev_step_name(v->last_step), "status",
        v->status, "status_label", enum_label(DEV_STATUSES, DEV_STATUS_LABELS, v->status),
        "extensions", (json_int_t)v->extensions);

    json_object_set_new(o, "member_id", v->member_id ? jint(v->member_id) : json_null());
    json_object_set_new(o, "joined_on", jstr(v->joined_on));
    json_object_set_new(o, "probation_ends_on", jstr(v->probation_ends_on));
    return o;
}

struct list_q {
    int64_t org;
    char *status;
};
static const struct field LIST_Q[] = {
    FIELD_ID(struct list_q, org, "org", "党组织", FIELD_OPTIONAL),
    FIELD_ENUM(struct list_q, status, "status", "发展阶段状态", FIELD_OPTIONAL, DEV_STATUSES),
    FIELD_END,
};

static int applicants_list(struct http_req *req, struct http_res *res, struct err *err)
{
    struct list_q q = { 0 };
    struct dev_applicant_view *v;
    const char *path;
    int64_t n;
    json_t *arr;

    if (http_query_decode(req, LIST_Q, &q, NULL, err) < 0 ||
        http_scope_path(req, q.org, &path, err) < 0 ||
        dev_applicants(req->app, path, q.status, req->arena, &v, &n, err) < 0)
        return -1;
    arr = json_array();
    for (int64_t i = 0; i < n; i++)
        json_array_append_new(arr, applicant_json(&v[i]));
    http_res_json(res, 200, json_pack("{s:o, s:I}", "items", arr, "total", (json_int_t)n));
    return 0;
}

static json_t *step_json(const struct dev_step_view *s, const struct dev_detail *d)
{
    json_t *people = json_array(), *findings = json_loads(s->findings, 0, NULL);
    json_t *o = json_pack("{s:I, s:I, s:s, s:I, s:s, s:I}", "id", (json_int_t)s->id, "step",
                          (json_int_t)s->step, "name", dev_step_name(s->step), "stage",
                          (json_int_t)dev_step_stage(s->step), "date", s->done_on, "org_id",
                          (json_int_t)s->org_id);

    for (int64_t i = 0; i < d->npeople; i++)
        if (d->people[i].step_id == s->id)
            json_array_append_new(people, json_pack("{s:I, s:s, s:s}", "member_id",
                                                    (json_int_t)d->people[i].member_id, "name",
                                                    d->people[i].name, "role", d->people[i].role));
    json_object_set_new(o, "body", jstr(s->body));
    json_object_set_new(o, "decision", jstr(s->decision));
    json_object_set_new(
        o, "decision_label",
        jstr(s->decision ? enum_label(DEV_DECISIONS, DEV_DECISION_LABELS, s->decision) : NULL));
    json_object_set_new(o, "vote_id", s->vote_id ? jint(s->vote_id) : json_null());
    json_object_set_new(o, "meeting_id", s->meeting_id ? jint(s->meeting_id) : json_null());
    json_object_set_new(o, "training_days",
                        s->training_days ? jint(s->training_days) : json_null());
    json_object_set_new(o, "training_hours",
                        s->training_hours ? jint(s->training_hours) : json_null());
    json_object_set_new(o, "extend_months",
                        s->extend_months ? jint(s->extend_months) : json_null());
    json_object_set_new(o, "override_reason", jstr(s->override_reason));
    json_object_set_new(o, "note", jstr(s->note));
    json_object_set_new(o, "people", people);
    json_object_set_new(o, "findings", findings ? findings : json_array());
    json_object_set_new(o, "withdrawn",
                        s->withdrawn_at ? json_pack("{s:I, s:s}", "at", (json_int_t)s->withdrawn_at,
                                                    "reason", s->withdraw_reason)
                                        : json_null());
    return o;
}

/* An ID number as the roster shows it by default: the first 6 and last 4 characters. */
static const char *masked_id(const char *id, char out[19])
{
    if (!id || strlen(id) != 18)
        return id;
    snprintf(out, 19, "%.6s********%.4s", id, id + 14);
    return out;
}

static json_t *detail_json(const struct dev_detail *d)
{
    char buf[19];
    json_t *o = applicant_json(&d->a), *steps = json_array(), *next = json_array(),
           *deadlines = json_array();

    for (int64_t i = 0; i < d->nsteps; i++)
        json_array_append_new(steps, step_json(&d->steps[i], d));
    for (size_t i = 0; i < d->nnext; i++)
        json_array_append_new(next, json_pack("{s:I, s:s}", "step", (json_int_t)d->next[i], "name",
                                              dev_step_name(d->next[i])));
    for (size_t i = 0; i < d->ndeadlines; i++)
        json_array_append_new(
            deadlines,
            json_pack("{s:s, s:s, s:s, s:b, s:b}", "rule", d->deadlines[i].rule_id, "due_on",
                      d->deadlines[i].due_on, "message", d->deadlines[i].message, "overdue",
                      d->deadlines[i].overdue, "forgotten", d->deadlines[i].forgotten));
    /* Masked as the roster shows it by default (first 6 and last 4 characters). */
    json_object_set_new(o, "id_number", jstr(masked_id(d->a.id_number, buf)));
    json_object_set_new(o, "steps", steps);
    json_object_set_new(o, "next_steps", next);
    json_object_set_new(o, "deadlines", deadlines);
    return o;
}

/* The applicant of the path, its org checked against the route's permission. */
static int applicant_of(struct http_req *req, struct dev_detail *d, struct err *err)
{
    int64_t id;

    if (http_param_id(req, 0, &id, err) < 0 ||
        dev_applicant_get(req->app, id, req->arena, d, err) < 0)
        return -1;
    return http_require_org(req, d->a.org_id, err);
}

static int applicants_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct dev_detail d;

    if (applicant_of(req, &d, err) < 0)
        return -1;
    http_res_json(res, 200, detail_json(&d));
    return 0;
}

static const struct field PERSON_IN[] = {
    FIELD_ID(struct dev_person_in, member_id, "member_id", "党员", FIELD_REQUIRED),
    FIELD_END,
};
static const struct field STEP_IN[] = {
    FIELD_INT(struct dev_step_in, step, "step", "步骤", FIELD_REQUIRED, 2, 25),
    FIELD_DATE(struct dev_step_in, date, "date", "日期", FIELD_REQUIRED),
    FIELD_STR(struct dev_step_in, body, "body", "负责机构或人员", FIELD_OPTIONAL, 0, 100),
    FIELD_ENUM(struct dev_step_in, decision, "decision", "决定", FIELD_OPTIONAL, DEV_DECISIONS),
    FIELD_ID(struct dev_step_in, vote_id, "vote_id", "支部党员大会表决", FIELD_OPTIONAL),
    FIELD_ARRAY(struct dev_step_in, people, "people", "培养联系人或入党介绍人", FIELD_OPTIONAL, 0,
                10, PERSON_IN),
    FIELD_INT(struct dev_step_in, training_days, "training_days", "培训天数", FIELD_OPTIONAL, 0,
              366),
    FIELD_INT(struct dev_step_in, training_hours, "training_hours", "培训学时", FIELD_OPTIONAL, 0,
              2000),
    FIELD_STR(struct dev_step_in, override_reason, "override_reason", "特殊情况理由",
              FIELD_OPTIONAL, 4, 500),
    FIELD_INT(struct dev_step_in, extend_months, "extend_months", "延长预备期月数", FIELD_OPTIONAL,
              1, 24),
    FIELD_DATE(struct dev_step_in, leaving_on, "leaving_on", "预计离开本单位日期", FIELD_OPTIONAL),
    FIELD_STR(struct dev_step_in, note, "note", "备注", FIELD_OPTIONAL, 0, 2000),
    FIELD_END,
};

static int steps_create(struct http_req *req, struct http_res *res, struct err *err)
{
    struct dev_detail d;
    struct dev_step_in in = { 0 };
    struct auth_actor actor;
    const char *findings;
    json_t *f;
    int64_t id;

    if (applicant_of(req, &d, err) < 0 || http_body_decode(req, STEP_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (dev_step_record(req->app, d.a.id, &in, &actor, req->arena, &id, &findings, err) < 0)
        return -1;
    f = json_loads(findings, 0, NULL);
    http_res_json(res, 201,
                  json_pack("{s:I, s:I, s:o}", "id", (json_int_t)id, "step", (json_int_t)in.step,
                            "findings", f ? f : json_array()));
    return 0;
}

struct withdraw_in {
    char *reason;
};
static const struct field WITHDRAW_IN[] = {
    FIELD_STR(struct withdraw_in, reason, "reason", "撤回原因", FIELD_REQUIRED, 2, 200),
    FIELD_END,
};

static int steps_withdraw(struct http_req *req, struct http_res *res, struct err *err)
{
    struct dev_detail d;
    struct withdraw_in in = { 0 };
    struct auth_actor actor;
    int64_t step_id;

    if (applicant_of(req, &d, err) < 0 || http_param_id(req, 1, &step_id, err) < 0 ||
        http_body_decode(req, WITHDRAW_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (dev_step_withdraw(req->app, d.a.id, step_id, in.reason, &actor, err) < 0 ||
        dev_applicant_get(req->app, d.a.id, req->arena, &d, err) < 0)
        return -1;
    http_res_json(res, 200, detail_json(&d));
    return 0;
}

/* The applications of the person signed in (a resident, say): the timeline and deadlines,
 * without the names of the people the steps named. */
static int my_applications(struct http_req *req, struct http_res *res, struct err *err)
{
    struct auth_actor actor;
    struct dev_detail *d;
    int64_t n = 0;
    json_t *arr = json_array();

    http_actor(req, &actor);
    if (actor.user->person_id &&
        dev_my_applications(req->app, actor.user->person_id, req->arena, &d, &n, err) < 0) {
        json_decref(arr);
        return -1;
    }
    for (int64_t i = 0; i < n; i++)
        json_array_append_new(arr, detail_json(&d[i]));
    http_res_json(res, 200, json_pack("{s:o}", "items", arr));
    return 0;
}

struct org_q {
    int64_t org;
};
static const struct field ORG_Q[] = {
    FIELD_ID(struct org_q, org, "org", "党组织", FIELD_OPTIONAL),
    FIELD_END,
};

static json_t *items_json(const struct dev_item *it, int64_t n)
{
    json_t *arr = json_array();

    for (int64_t i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("{s:I, s:s, s:I, s:s, s:s, s:s, s:s}", "applicant_id",
                                             (json_int_t)it[i].applicant_id, "name", it[i].name,
                                             "org_id", (json_int_t)it[i].org_id, "org_name",
                                             it[i].org_name, "rule", it[i].rule_id, "due_on",
                                             it[i].due_on, "message", it[i].message));
    return arr;
}

static int pipeline_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct org_q q = { 0 };
    struct dev_pipeline p;
    const char *path;
    json_t *stages;

    if (http_query_decode(req, ORG_Q, &q, NULL, err) < 0 ||
        http_scope_path(req, q.org, &path, err) < 0 ||
        dev_pipeline_get(req->app, path, req->arena, &p, err) < 0)
        return -1;
    stages = json_array();
    for (int k = 1; k <= 5; k++)
        json_array_append_new(stages,
                              json_pack("{s:i, s:s, s:I}", "stage", k, "name", DEV_STAGE_LABELS[k],
                                        "count", (json_int_t)p.stage_n[k]));
    http_res_json(res, 200,
                  json_pack("{s:o, s:o, s:o, s:o}", "stages", stages, "overdue",
                            items_json(p.overdue, p.noverdue), "due_soon",
                            items_json(p.due_soon, p.ndue_soon), "forgotten_probation",
                            items_json(p.forgotten, p.nforgotten)));
    return 0;
}

struct rules_q {
    char *date;
    int64_t org;
};
static const struct field RULES_Q[] = {
    FIELD_DATE(struct rules_q, date, "date", "日期", FIELD_OPTIONAL),
    FIELD_ID(struct rules_q, org, "org", "党组织", FIELD_OPTIONAL),
    FIELD_END,
};

static json_t *rule_json(const struct dev_rule *r)
{
    json_t *param = json_loads(r->param, 0, NULL), *steps = json_array();
    int64_t at[25];
    size_t nat = dev_rule_steps(r->rule_id, at);

    for (size_t k = 0; k < nat; k++)
        json_array_append_new(steps, jint(at[k]));
    return json_pack("{s:I, s:s, s:s, s:s, s:o, s:s, s:s, s:s, s:s, s:o, s:b}", "id",
                     (json_int_t)r->id, "rule", r->rule_id, "version", r->rule_set, "severity",
                     r->severity, "param", param ? param : json_object(), "valid_from",
                     r->valid_from, "valid_to", r->valid_to, "confidence", r->confidence, "source",
                     r->source, "steps", steps, "enabled", r->enabled);
}

/* The rules at an org on a date: those in force, and the switchable overlay rows with their
 * state there and who switched them. */
static int respond_rules(struct http_req *req, struct http_res *res, const char *path,
                         const char *date, int status, struct err *err)
{
    struct dev_rules_at r;
    json_t *in_force = json_array(), *switchable = json_array();

    if (dev_rules_get(req->app, path, date, req->arena, &r, err) < 0) {
        json_decref(in_force);
        json_decref(switchable);
        return -1;
    }
    for (int64_t i = 0; i < r.nin_force; i++)
        json_array_append_new(in_force, rule_json(r.in_force[i]));
    for (int64_t i = 0; i < r.nswitchable; i++) {
        json_t *o = rule_json(r.switchable[i]);
        const struct dev_switch *by = r.switched_by[i];
        json_object_set_new(o, "checked", json_boolean(dev_rule_checked(r.switchable[i]->rule_id)));
        json_object_set_new(o, "switch",
                            by ? json_pack("{s:I, s:s, s:s, s:I}", "org_id", (json_int_t)by->org_id,
                                           "org_name", by->org_name, "note", by->note, "set_at",
                                           (json_int_t)by->set_at)
                               : json_null());
        json_array_append_new(switchable, o);
    }
    http_res_json(
        res, status,
        json_pack("{s:s, s:o, s:o}", "date", date, "items", in_force, "switchable", switchable));
    return 0;
}

static int rules_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct rules_q q = { 0 };
    const char *path;
    char today[11];

    if (http_query_decode(req, RULES_Q, &q, NULL, err) < 0 ||
        http_scope_path(req, q.org, &path, err) < 0)
        return -1;
    clock_today(today);
    return respond_rules(req, res, path, q.date ? q.date : today, 200, err);
}

struct switch_in {
    int64_t org_id, rule_row;
    bool enabled;
    char *note;
};
static const struct field SWITCH_IN[] = {
    FIELD_ID(struct switch_in, org_id, "org_id", "党组织", FIELD_REQUIRED),
    FIELD_ID(struct switch_in, rule_row, "rule_row", "规则", FIELD_REQUIRED),
    FIELD_BOOL(struct switch_in, enabled, "enabled", "启用", FIELD_REQUIRED),
    FIELD_STR(struct switch_in, note, "note", "确认依据（街道党工委的会议或文件）", FIELD_REQUIRED,
              4, 200),
    FIELD_END,
};

static int switches_create(struct http_req *req, struct http_res *res, struct err *err)
{
    struct switch_in in = { 0 };
    struct auth_actor actor;
    const char *path;
    char today[11];

    if (http_body_decode(req, SWITCH_IN, &in, NULL, err) < 0 ||
        http_require_org(req, in.org_id, err) < 0 ||
        http_scope_path(req, in.org_id, &path, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (dev_rule_switch_set(req->app, in.org_id, in.rule_row, in.enabled, in.note, &actor, err) < 0)
        return -1;
    clock_today(today);
    return respond_rules(req, res, path, today, 201, err);
}

static const struct route DEV_ROUTES[] = {
    { HTTP_POST, "/api/dev/applicants", applicants_create, PERM_DEV_WRITE, SCOPE_RECORD,
      "登记入党申请（第1步；DEV-AGE 等规则检查）", NULL, NULL, APPLICANT_NEW },
    { HTTP_GET, "/api/dev/applicants", applicants_list, PERM_DEV_READ, SCOPE_CALLER,
      "入党申请人列表（管辖范围内，可按状态筛选）", NULL, LIST_Q, NULL },
    { HTTP_GET, "/api/dev/applicants/{id}", applicants_get, PERM_DEV_READ, SCOPE_RECORD,
      "申请人详情：步骤时间线、规则检查结果、下一步与期限", NULL, NULL, NULL },
    { HTTP_POST, "/api/dev/applicants/{id}/steps", steps_create, PERM_DEV_WRITE, SCOPE_RECORD,
      "记录发展步骤（规则拒绝时 409，列出规则编号与说明）", NULL, NULL, STEP_IN },
    { HTTP_POST, "/api/dev/applicants/{id}/steps/{step_id}/withdraw", steps_withdraw,
      PERM_DEV_WRITE, SCOPE_RECORD, "撤回误记的最后一步（写明原因；已变更党员名册的步骤除外）",
      NULL, NULL, WITHDRAW_IN },
    { HTTP_GET, "/api/me/dev", my_applications, PERM_SESSION, SCOPE_NONE,
      "我的入党申请：本人的发展步骤与期限", NULL, NULL, NULL },
    { HTTP_GET, "/api/dev/pipeline", pipeline_get, PERM_DEV_READ, SCOPE_CALLER,
      "发展党员工作台：各阶段人数、逾期、30天内到期、预备期满未转正", NULL, ORG_Q, NULL },
    { HTTP_GET, "/api/dev/rules", rules_get, PERM_DEV_READ, SCOPE_CALLER,
      "某日对本组织施行的发展党员规则及参数，及可由街道党工委确认启用的规则", NULL, RULES_Q, NULL },
    { HTTP_POST, "/api/dev/rule-switches", switches_create, PERM_DEV_RULES, SCOPE_RECORD,
      "为本组织及下级启用或停用一条待确认的规则（须写明确认依据）", NULL, NULL, SWITCH_IN },
    { 0 },
};

/* The area's permissions: code, zh-CN label, the roles holding it (their oracle is the
 * `policy` of tests/api/authz/dev.js). dev.approve is checked by the service at the approving
 * committee above the case's org (AUTH-APPROVE), not by a route. */
static const struct perm_row DEV_PERMS[] = {
    PERM_ROW(PERM_DEV_READ, "dev.read", "查看发展党员",
             ROLES_MANAGERS | ROLE_BIT(ROLE_BRANCH_SECRETARY) | ROLE_BIT(ROLE_BRANCH_COMMITTEE)),
    PERM_ROW(PERM_DEV_WRITE, "dev.write", "记录发展党员步骤",
             ROLES_MANAGERS | ROLE_BIT(ROLE_BRANCH_SECRETARY)),
    PERM_ROW(PERM_DEV_APPROVE, "dev.approve", "预审、审批预备党员和转正（上级党委）",
             ROLES_MANAGERS),
    PERM_ROW(PERM_DEV_RULES, "dev.rules", "启用或停用待确认的发展党员规则", ROLES_MANAGERS),
    PERM_ROWS_END,
};

static const struct audit_action DEV_AUDIT[] = {
    { "dev.apply", "登记入党申请", "dev_applicant" },
    { "dev.step", "记录发展步骤", "dev_applicant" },
    { "dev.withdraw", "撤回发展步骤", "dev_applicant" },
    { "dev.rule_switch", "启用或停用发展党员规则", "dev_rule" },
    { NULL, NULL, NULL },
};

static const struct code_table DEV_CODES[] = {
    { "dev_status", DEV_STATUSES, DEV_STATUS_LABELS },
    { "dev_decision", DEV_DECISIONS, DEV_DECISION_LABELS },
    { NULL, NULL, NULL },
};

const struct change_counter DEV_COUNTER = { "dev", "发展党员" };
static const struct change_counter *const DEV_COUNTERS[] = { &DEV_COUNTER, NULL };
static const struct demo_hook *const DEV_DEMOS[] = { &DEV_DEMO, NULL };

/* The applicant's ID number, sealed at rest (dev_store.c). */
static const struct sealed_column DEV_SEALED[] = {
    { "dev_applicant", "id_number", "id_hash" },
    { NULL, NULL, NULL },
};

extern const struct module DEV_MODULE;
const struct module DEV_MODULE = {
    .name = "dev",
    .sealed = DEV_SEALED,
    .routes = DEV_ROUTES,
    .perms = DEV_PERMS,
    .audit_actions = DEV_AUDIT,
    .codes = DEV_CODES,
    .counters = DEV_COUNTERS,
    .demo = DEV_DEMOS,
};
