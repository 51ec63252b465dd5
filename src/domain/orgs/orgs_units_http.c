/* orgs_units_http.c: routes of the units linked to an org (大党委成员单位, 共建单位): list,
 * link one, record its withdrawal. The org in the path carries the scope. */
#include "core/compat.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/json.h"
#include "core/json_write.h"
#include "domain/auth/auth.h"
#include "domain/auth/auth_guard.h"
#include "domain/orgs/orgs.h"
#include "domain/orgs/orgs_http.h"
#include "http/http.h"
#include "domain/modules.h"

static void write_unit(struct json_writer *w, const struct org_unit_view *u)
{
    json_write_object_begin(w);
    json_write_kint(w, "id", u->id);
    json_write_kint(w, "org_id", u->org_id);
    json_write_kstr(w, "unit_name", u->unit_name);
    json_write_kstr(w, "kind", u->kind);
    json_write_kstr(w, "kind_label", u->kind_label);
    json_write_kstr(w, "joined_on", u->joined_on);
    json_write_kstr(w, "left_on", u->left_on);
    json_write_kint(w, "created_at", u->created_at);
    json_write_object_end(w);
}

/* Answers with the org's links (current first), as after every change. */
static int units_res(struct http_req *req, struct http_res *res, int64_t org_id, int status,
                     struct err *err)
{
    struct org_unit_view *u;
    struct json_writer w;
    struct buf b;
    int64_t n;

    if (org_units(req->app, org_id, req->arena, &u, &n, err) < 0)
        return -1;
    http_res_writer_begin(req, &w, &b);
    http_list_write_begin(&w);
    for (int64_t i = 0; i < n; i++)
        write_unit(&w, &u[i]);
    http_list_write_end(&w, n, 1, n);
    return http_res_writer_end(res, status, &b, err);
}

static int units_list(struct http_req *req, struct http_res *res, struct err *err)
{
    int64_t id;

    if (http_param_id(req, 0, &id, err) < 0)
        return -1;
    return units_res(req, res, id, 200, err);
}

static const struct field UNIT_IN[] = {
    FIELD_STR(struct org_unit_in, unit_name, "unit_name", "单位名称", FIELD_REQUIRED, 2, 100),
    FIELD_ENUM(struct org_unit_in, kind, "kind", "类型", FIELD_REQUIRED, ORG_UNIT_KINDS),
    FIELD_DATE(struct org_unit_in, joined_on, "joined_on", "加入日期", FIELD_OPTIONAL),
    FIELD_END,
};

static int units_add(struct http_req *req, struct http_res *res, struct err *err)
{
    struct org_unit_in in = { 0 };
    struct auth_actor actor;
    int64_t id, link;

    if (http_param_id(req, 0, &id, err) < 0 || http_body_decode(req, UNIT_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (org_unit_add(req->app, id, &in, &actor, &link, err) < 0)
        return -1;
    return units_res(req, res, id, 201, err);
}

struct leave_in {
    char *left_on;
};
static const struct field LEAVE_IN[] = {
    FIELD_DATE(struct leave_in, left_on, "left_on", "退出日期", FIELD_REQUIRED),
    FIELD_END,
};

static int units_leave(struct http_req *req, struct http_res *res, struct err *err)
{
    struct leave_in in = { 0 };
    struct auth_actor actor;
    int64_t id, link;

    if (http_param_id(req, 0, &id, err) < 0 || http_param_id(req, 1, &link, err) < 0 ||
        http_body_decode(req, LEAVE_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (org_unit_leave(req->app, id, link, in.left_on, &actor, err) < 0)
        return -1;
    return units_res(req, res, id, 200, err);
}

static const struct route ORG_UNITS_ROUTES[] = {
    { HTTP_GET, "/api/orgs/{id}/units", units_list, PERM_ORGS_READ, SCOPE_PATH_ORG,
      "大党委成员单位与共建单位（含已退出的）", NULL, NULL, NULL },
    { HTTP_POST, "/api/orgs/{id}/units", units_add, PERM_ORGS_WRITE, SCOPE_PATH_ORG,
      "登记成员单位或共建单位", NULL, NULL, UNIT_IN },
    { HTTP_PATCH, "/api/orgs/{id}/units/{unit}", units_leave, PERM_ORGS_WRITE, SCOPE_PATH_ORG,
      "登记单位退出（保留记录）", NULL, NULL, LEAVE_IN },
    { 0 },
};

static const struct audit_action ORG_UNITS_AUDIT[] = {
    { "org.unit_add", "增加成员单位", "org_unit_link" },
    { "org.unit_leave", "成员单位退出", "org_unit_link" },
    { NULL, NULL, NULL },
};

static const struct code_table ORG_UNITS_CODES[] = {
    { "org_unit_kind", ORG_UNIT_KINDS, ORG_UNIT_KIND_LABELS },
    { NULL, NULL, NULL },
};

static const struct demo_hook *const ORG_UNITS_DEMOS[] = { &ORG_UNITS_DEMO, NULL };

const struct module ORG_UNITS_MODULE = {
    .name = "org_units",
    .routes = ORG_UNITS_ROUTES,
    .perms = NULL,
    .audit_actions = ORG_UNITS_AUDIT,
    .codes = ORG_UNITS_CODES,
    .demo = ORG_UNITS_DEMOS,
};
