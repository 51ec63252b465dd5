/* volunteer_http.c: the volunteer area's HTTP adapter for activities and sign-ups, the route
 * rows of the whole area, its permissions and its module row (found by tools/gen-modules.sh;
 * tools/gen-perms.sh reads the PERM_ROW lines). Signing up, self-logging hours and claiming
 * posts are open to any signed-in member or resident for themselves (volunteer_http_acting);
 * doing so for someone else, and everything an organizer does, needs volunteer.write at the
 * record's org. Handlers decode, check the scope, call one service function and encode. */
#include "core/compat.h"
#include "core/err.h"
#include "core/json.h"
#include "domain/app.h"
#include "domain/auth/auth.h"
#include "domain/auth/auth_guard.h"
#include "domain/auth/perm.h"
#include "domain/cache/cache.h"
#include "domain/modules.h"
#include "domain/volunteer/volunteer.h"
#include "domain/volunteer/volunteer_http_int.h"
#include "http/http.h"

/* Whether one path lies on the other's (an org above or below, or the same). */
static bool path_related(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);

    return la <= lb ? strncmp(a, b, la) == 0 : strncmp(a, b, lb) == 0;
}

int volunteer_http_acting(struct http_req *req, int64_t person_id, const char *target_path,
                          const char *not_found_msg, int64_t *person_out, bool *self_out,
                          struct err *err)
{
    int64_t own = req->user->person_id;

    if (!person_id || person_id == own) {
        struct volunteer_person p;
        if (!own)
            return err_set(err, E_INVALID, "/person_id",
                           "当前账号未关联党员或居民，请选择为哪一位志愿者登记");
        if (volunteer_person_get(req->app, own, req->arena, &p, err) < 0) {
            err_clear(err);
            return err_set(err, E_NOT_FOUND, "", "%s", not_found_msg);
        }
        if (!path_related(p.org_path, target_path))
            return err_set(err, E_NOT_FOUND, "", "%s", not_found_msg);
        *person_out = own;
        *self_out = true;
        return 0;
    }
    if (!auth_can(req->user, PERM_VOLUNTEER_WRITE, target_path))
        return err_set(err, E_NOT_FOUND, "", "%s", not_found_msg);
    /* The organizer acts for someone on the record's path or inside their own scope. */
    struct volunteer_person p;
    if (volunteer_person_get(req->app, person_id, req->arena, &p, err) < 0)
        return -1;
    if (!path_related(p.org_path, target_path) &&
        !auth_can(req->user, PERM_VOLUNTEER_WRITE, p.org_path))
        return err_set(err, E_NOT_FOUND, "/person_id", "没有这名党员或居民");
    *person_out = person_id;
    *self_out = false;
    return 0;
}

static json_t *activity_json(const struct volunteer_activity *v)
{
    json_t *o = json_pack(
        "{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:s, s:s}", "id", (json_int_t)v->id,
        "org_id", (json_int_t)v->org_id, "org_name", v->org_name, "title", v->title, "place",
        v->place, "starts_at", v->starts_at, "ends_at", v->ends_at, "capacity",
        (json_int_t)v->capacity, "taken", (json_int_t)v->taken, "waiting", (json_int_t)v->waiting,
        "status", v->status, "status_label", strcmp(v->status, "open") ? "已取消" : "报名中");

    json_object_set_new(o, "team_id", v->team_id ? jint(v->team_id) : json_null());
    json_object_set_new(o, "team_name", jstr(v->team_name));
    json_object_set_new(o, "skills", jstr(v->skills));
    json_object_set_new(o, "description", jstr(v->description));
    return o;
}

static json_t *signup_json(const struct volunteer_signup *s)
{
    return json_pack(
        "{s:I, s:I, s:s, s:s, s:s, s:b}", "id", (json_int_t)s->id, "person_id",
        (json_int_t)s->person_id, "name", s->name, "status", s->status, "status_label",
        enum_label(VOLUNTEER_SIGNUP_STATUSES, VOLUNTEER_SIGNUP_STATUS_LABELS, s->status),
        "checked_in", s->checkin_at != 0);
}

static int activities_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct volunteer_q q = { 0 };
    struct volunteer_activity *v;
    const char *path;
    int64_t n;
    json_t *arr;

    if (http_query_decode(req, VOLUNTEER_ORG_Q, &q, NULL, err) < 0 ||
        http_scope_path(req, q.org, &path, err) < 0 ||
        volunteer_activities(req->app, path, (int)q.year, req->arena, &v, &n, err) < 0)
        return -1;
    arr = json_array();
    for (int64_t i = 0; i < n; i++)
        json_array_append_new(arr, activity_json(&v[i]));
    http_res_json(res, 200, json_pack("{s:o, s:I}", "items", arr, "total", (json_int_t)n));
    return 0;
}

static const struct field ACTIVITY_IN[] = {
    FIELD_ID(struct volunteer_activity_in, org_id, "org_id", "组织单位", FIELD_REQUIRED),
    FIELD_ID(struct volunteer_activity_in, team_id, "team_id", "志愿服务队", FIELD_OPTIONAL),
    FIELD_STR(struct volunteer_activity_in, title, "title", "活动名称", FIELD_REQUIRED, 2, 60),
    FIELD_STR(struct volunteer_activity_in, place, "place", "地点", FIELD_REQUIRED, 2, 100),
    FIELD_STR(struct volunteer_activity_in, skills, "skills", "所需技能", FIELD_OPTIONAL, 0, 100),
    FIELD_STR(struct volunteer_activity_in, description, "description", "活动说明", FIELD_OPTIONAL,
              0, 1000),
    FIELD_STR(struct volunteer_activity_in, starts_at, "starts_at", "开始时间",
              FIELD_REQUIRED | FIELD_ASCII, 16, 19),
    FIELD_STR(struct volunteer_activity_in, ends_at, "ends_at", "结束时间",
              FIELD_REQUIRED | FIELD_ASCII, 16, 19),
    FIELD_INT(struct volunteer_activity_in, capacity, "capacity", "招募人数", FIELD_REQUIRED, 1,
              1000),
    FIELD_END,
};

static int activity_create(struct http_req *req, struct http_res *res, struct err *err)
{
    struct volunteer_activity_in in = { 0 };
    struct auth_actor actor;
    int64_t id;

    if (http_body_decode(req, ACTIVITY_IN, &in, NULL, err) < 0 ||
        http_require_org(req, in.org_id, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (volunteer_activity_create(req->app, &in, &actor, &id, err) < 0)
        return -1;
    http_res_json(res, 201, json_pack("{s:I}", "id", (json_int_t)id));
    return 0;
}

static int activity_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct volunteer_activity v;
    struct volunteer_signup *s;
    int64_t id, n;
    json_t *o, *arr;

    if (http_param_id(req, 0, &id, err) < 0 ||
        volunteer_activity_get(req->app, id, req->arena, &v, err) < 0 ||
        http_require_org(req, v.org_id, err) < 0 ||
        volunteer_roster(req->app, id, req->arena, &s, &n, err) < 0)
        return -1;
    arr = json_array();
    for (int64_t i = 0; i < n; i++)
        json_array_append_new(arr, signup_json(&s[i]));
    o = activity_json(&v);
    json_object_set_new(o, "signups", arr);
    http_res_json(res, 200, o);
    return 0;
}

struct signup_in {
    int64_t person_id;
};
static const struct field SIGNUP_IN[] = {
    FIELD_ID(struct signup_in, person_id, "person_id", "志愿者", FIELD_OPTIONAL),
    FIELD_END,
};

static int signup_create(struct http_req *req, struct http_res *res, struct err *err)
{
    struct signup_in in = { 0 };
    struct volunteer_activity v;
    struct auth_actor actor;
    const char *status;
    int64_t aid, person, id;
    bool self;

    if (http_param_id(req, 0, &aid, err) < 0 ||
        http_body_decode(req, SIGNUP_IN, &in, NULL, err) < 0 ||
        volunteer_activity_get(req->app, aid, req->arena, &v, err) < 0 ||
        volunteer_http_acting(req, in.person_id, v.org_path, "没有这项志愿服务活动", &person, &self,
                              err) < 0)
        return -1;
    http_actor(req, &actor);
    if (volunteer_signup(req->app, aid, person, &actor, req->arena, &id, &status, err) < 0)
        return -1;
    http_res_json(
        res, 201,
        json_pack("{s:I, s:I, s:s, s:s}", "id", (json_int_t)id, "person_id", (json_int_t)person,
                  "status", status, "status_label",
                  enum_label(VOLUNTEER_SIGNUP_STATUSES, VOLUNTEER_SIGNUP_STATUS_LABELS, status)));
    return 0;
}

struct move_in {
    char *action;
};
static const struct field MOVE_IN[] = {
    FIELD_ENUM(struct move_in, action, "action", "操作", FIELD_REQUIRED, VOLUNTEER_ACTIONS),
    FIELD_END,
};

static int signup_move(struct http_req *req, struct http_res *res, struct err *err)
{
    struct move_in in = { 0 };
    struct volunteer_signup s;
    struct volunteer_activity v;
    struct auth_actor actor;
    const char *status;
    int64_t id;
    bool own;

    if (http_param_id(req, 0, &id, err) < 0 || http_body_decode(req, MOVE_IN, &in, NULL, err) < 0 ||
        volunteer_signup_get(req->app, id, req->arena, &s, err) < 0 ||
        volunteer_activity_get(req->app, s.activity_id, req->arena, &v, err) < 0)
        return -1;
    /* A volunteer may cancel their own sign-up; the roster is the organizer's. */
    own = req->user->person_id && req->user->person_id == s.person_id;
    if (!auth_can(req->user, PERM_VOLUNTEER_WRITE, v.org_path)) {
        if (!own)
            return err_set(err, E_NOT_FOUND, "", "没有这条报名记录");
        if (strcmp(in.action, "cancel") != 0)
            return err_set(err, E_FORBIDDEN, "/action", "签到、签退和缺席由活动组织者登记");
    }
    http_actor(req, &actor);
    if (volunteer_signup_move(req->app, id, in.action, &actor, req->arena, &status, err) < 0)
        return -1;
    http_res_json(
        res, 200,
        json_pack("{s:I, s:s, s:s}", "id", (json_int_t)id, "status", status, "status_label",
                  enum_label(VOLUNTEER_SIGNUP_STATUSES, VOLUNTEER_SIGNUP_STATUS_LABELS, status)));
    return 0;
}

static const struct route VOLUNTEER_ROUTES[] = {
    { HTTP_GET, "/api/volunteer/teams", volunteer_http_teams, PERM_VOLUNTEER_READ, SCOPE_CALLER,
      "志愿服务队（队长、队员人数），管辖范围内", NULL, VOLUNTEER_ORG_Q, NULL },
    { HTTP_POST, "/api/volunteer/teams", volunteer_http_team_create, PERM_VOLUNTEER_WRITE,
      SCOPE_RECORD, "组建志愿服务队（队长和队员为党员或居民）", NULL, NULL, VOLUNTEER_TEAM_IN },
    { HTTP_GET, "/api/volunteer/activities", activities_get, PERM_VOLUNTEER_READ, SCOPE_CALLER,
      "志愿服务活动（某年或全部），管辖范围内", NULL, VOLUNTEER_ORG_Q, NULL },
    { HTTP_POST, "/api/volunteer/activities", activity_create, PERM_VOLUNTEER_WRITE, SCOPE_RECORD,
      "发布志愿服务活动（时间、地点、所需技能、招募人数）", NULL, NULL, ACTIVITY_IN },
    { HTTP_GET, "/api/volunteer/activities/{id}", activity_get, PERM_VOLUNTEER_READ, SCOPE_RECORD,
      "一项活动及其报名名单（签到用）", NULL, NULL, NULL },
    { HTTP_POST, "/api/volunteer/activities/{id}/signups", signup_create, PERM_SESSION, SCOPE_NONE,
      "报名活动：本人，或组织者代为报名；满员进入候补，有人取消时自动递补", NULL, NULL, SIGNUP_IN },
    { HTTP_POST, "/api/volunteer/signups/{id}/actions", signup_move, PERM_SESSION, SCOPE_NONE,
      "报名状态变更：确认、签到、签退（记录时长）、缺席、取消（本人可取消自己的报名）", NULL, NULL,
      MOVE_IN },
    { HTTP_POST, "/api/volunteer/hours", volunteer_http_hours_create, PERM_SESSION, SCOPE_NONE,
      "登记服务时长：组织者登记即为核实，本人登记待组织者审核；时间重叠返回 409", NULL, NULL,
      VOLUNTEER_HOURS_IN },
    { HTTP_GET, "/api/volunteer/hours", volunteer_http_hours_list, PERM_VOLUNTEER_READ,
      SCOPE_CALLER, "服务时长记录（可按状态筛选待审核），管辖范围内", NULL, VOLUNTEER_HOURS_Q,
      NULL },
    { HTTP_POST, "/api/volunteer/hours/{id}/review", volunteer_http_hours_review,
      PERM_VOLUNTEER_WRITE, SCOPE_RECORD, "审核本人登记的服务时长：通过或不通过", NULL, NULL,
      VOLUNTEER_REVIEW_IN },
    { HTTP_GET, "/api/volunteer/posts", volunteer_http_posts, PERM_VOLUNTEER_READ, SCOPE_CALLER,
      "公益岗位（设岗定责），管辖范围内", NULL, VOLUNTEER_ORG_Q, NULL },
    { HTTP_POST, "/api/volunteer/posts", volunteer_http_post_create, PERM_VOLUNTEER_WRITE,
      SCOPE_RECORD, "设置公益岗位：类别、职责和期限", NULL, NULL, VOLUNTEER_POST_IN },
    { HTTP_POST, "/api/volunteer/posts/{id}/claims", volunteer_http_claim_create, PERM_SESSION,
      SCOPE_NONE, "认领公益岗位（同一岗位同一期间只能认领一次）", NULL, NULL, VOLUNTEER_CLAIM_IN },
    { HTTP_POST, "/api/volunteer/claims/{id}/records", volunteer_http_record_create, PERM_SESSION,
      SCOPE_NONE, "填写岗位履职记录卡和服务对象反馈", NULL, NULL, VOLUNTEER_RECORD_IN },
    { HTTP_GET, "/api/volunteer/people/{id}/record", volunteer_http_record, PERM_VOLUNTEER_READ,
      SCOPE_RECORD, "一人一年的志愿服务记录：时长、活动、岗位履职和证明编号", NULL,
      VOLUNTEER_YEAR_Q, NULL },
    { HTTP_POST, "/api/volunteer/people/{id}/certificate", volunteer_http_certificate,
      PERM_VOLUNTEER_WRITE, SCOPE_RECORD, "出具年度志愿服务证明（编号，重复出具返回原编号）", NULL,
      NULL, VOLUNTEER_CERT_IN },
    { HTTP_GET, "/api/points", volunteer_http_points, PERM_VOLUNTEER_READ, SCOPE_CALLER,
      "积分：由经核实的服务时长和岗位履职记录按积分规则计算（按姓名排列，不排名）", NULL,
      VOLUNTEER_ORG_Q, NULL },
    { HTTP_GET, "/api/volunteer/export.xlsx", volunteer_http_export, PERM_VOLUNTEER_READ,
      SCOPE_CALLER, "导出年度志愿服务时长和积分（xlsx：每人一行，按姓名，合计）", NULL,
      VOLUNTEER_ORG_Q, NULL },
    { HTTP_GET, "/api/volunteer/commendations", volunteer_http_commendations, PERM_VOLUNTEER_READ,
      SCOPE_CALLER, "年度表彰候选人及其依据（由组织研究决定）", NULL, VOLUNTEER_ORG_Q, NULL },
    { HTTP_GET, "/api/me/volunteer", volunteer_http_me, PERM_SESSION, SCOPE_NONE,
      "我的志愿服务：可报名的活动、可认领的岗位和本年服务记录", NULL, VOLUNTEER_YEAR_Q, NULL },
    { 0 },
};

/* The area's permissions: code, zh-CN label, the roles holding it (their oracle is the
 * `policy` of tests/api/authz/volunteer.js). Signing up oneself needs no permission. */
static const struct perm_row VOLUNTEER_PERMS[] = {
    PERM_ROW(PERM_VOLUNTEER_READ, "volunteer.read", "查看志愿服务、服务记录和积分",
             ROLES_MANAGERS | ROLE_BIT(ROLE_BRANCH_SECRETARY) | ROLE_BIT(ROLE_BRANCH_COMMITTEE) |
                 ROLE_BIT(ROLE_GRID_WORKER)),
    PERM_ROW(PERM_VOLUNTEER_WRITE, "volunteer.write",
             "组织志愿服务：发布活动、签到、核实时长、设岗",
             ROLES_MANAGERS | ROLE_BIT(ROLE_BRANCH_SECRETARY) | ROLE_BIT(ROLE_BRANCH_COMMITTEE)),
    PERM_ROWS_END,
};

static const struct audit_action VOLUNTEER_AUDIT[] = {
    { "volunteer.team", "组建志愿服务队", "volunteer_team" },
    { "volunteer.activity", "发布志愿服务活动", "volunteer_activity" },
    { "volunteer.signup", "报名志愿服务活动", "volunteer_signup" },
    { "volunteer.move", "变更报名状态", "volunteer_signup" },
    { "volunteer.hours", "登记服务时长", "volunteer_hours" },
    { "volunteer.review", "审核服务时长", "volunteer_hours" },
    { "volunteer.post", "设置公益岗位", "volunteer_post" },
    { "volunteer.claim", "认领公益岗位", "volunteer_claim" },
    { "volunteer.record", "填写岗位履职记录", "volunteer_post_record" },
    { "volunteer.certificate", "出具志愿服务证明", "person" },
    { "volunteer.export", "导出志愿服务时长和积分", NULL },
    { NULL, NULL, NULL },
};

static const struct code_table VOLUNTEER_CODES[] = {
    { "volunteer_signup_status", VOLUNTEER_SIGNUP_STATUSES, VOLUNTEER_SIGNUP_STATUS_LABELS },
    { "volunteer_action", VOLUNTEER_ACTIONS, VOLUNTEER_ACTION_LABELS },
    { "volunteer_hours_status", VOLUNTEER_HOURS_STATUSES, VOLUNTEER_HOURS_STATUS_LABELS },
    { "volunteer_post_kind", VOLUNTEER_POST_KINDS, VOLUNTEER_POST_KIND_LABELS },
    { "volunteer_satisfaction", VOLUNTEER_SATISFACTIONS, VOLUNTEER_SATISFACTION_LABELS },
    { NULL, NULL, NULL },
};

const struct change_counter VOLUNTEER_COUNTER = { "volunteer", "志愿服务" };
static const struct change_counter *const VOLUNTEER_COUNTERS[] = { &VOLUNTEER_COUNTER, NULL };
static const struct demo_hook *const VOLUNTEER_DEMOS[] = { &VOLUNTEER_DEMO, NULL };

extern const struct module VOLUNTEER_MODULE;
const struct module VOLUNTEER_MODULE = {
    .name = "volunteer",
    .routes = VOLUNTEER_ROUTES,
    .perms = VOLUNTEER_PERMS,
    .audit_actions = VOLUNTEER_AUDIT,
    .codes = VOLUNTEER_CODES,
    .counters = VOLUNTEER_COUNTERS,
    .demo = VOLUNTEER_DEMOS,
};
