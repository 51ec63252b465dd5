/* dues_settings_http.c: the dues settings over HTTP: the rounding mode (DUES-ROUND) and the
 * deduction items (DUES-DEDUCT) in force at an org (its own row or the nearest above), and
 * setting them for a district or street. The rounding applies to standards set afterwards;
 * stored standards and entries keep the mode they were computed with. */
#include "core/compat.h"
#include "core/err.h"
#include "core/json.h"
#include "domain/app.h"
#include "domain/auth/auth.h"
#include "domain/auth/auth_guard.h"
#include "domain/dues/dues.h"
#include "domain/dues/dues_http_int.h"
#include "http/http.h"

const struct field DUES_ORG_Q[] = {
    FIELD_ID(struct org_q, org, "org", "党组织", FIELD_OPTIONAL),
    FIELD_END,
};

static const struct field DEDUCT_IN[] = {
    FIELD_STR(struct dues_deduct_in, name, "name", "扣除项目", FIELD_REQUIRED, 1, 40),
    FIELD_END,
};
const struct field DUES_SETTINGS_IN[] = {
    FIELD_ID(struct dues_settings_in, org_id, "org_id", "党组织（区或街道）", FIELD_REQUIRED),
    FIELD_ENUM(struct dues_settings_in, rounding, "rounding", "舍入方式", FIELD_REQUIRED,
               DUES_ROUNDINGS),
    FIELD_ARRAY(struct dues_settings_in, deduct_items, "deduct_items", "扣除项目", FIELD_REQUIRED,
                0, 20, DEDUCT_IN),
    FIELD_END,
};

/* Answers the settings in force at the org of path. */
static int settings_answer(struct http_req *req, struct http_res *res, const char *path,
                           struct err *err)
{
    struct dues_setting s;
    json_t *items, *o;

    if (dues_settings_get(req->app, path, req->arena, &s, err) < 0)
        return -1;
    items = json_loads(s.deduct_items, 0, NULL);
    o = json_pack("{s:s, s:s, s:o}", "rounding", s.rounding, "rounding_label",
                  enum_label(DUES_ROUNDINGS, DUES_ROUNDING_LABELS, s.rounding), "deduct_items",
                  items ? items : json_array());
    json_object_set_new(o, "org_id", s.org_id ? jint(s.org_id) : json_null());
    json_object_set_new(o, "updated_at", s.org_id ? jint(s.updated_at) : json_null());
    http_res_json(res, 200, o);
    return 0;
}

int dues_settings_http_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct org_q q = { 0 };
    const char *path;

    if (http_query_decode(req, DUES_ORG_Q, &q, NULL, err) < 0 ||
        http_scope_path(req, q.org, &path, err) < 0)
        return -1;
    return settings_answer(req, res, path, err);
}

int dues_settings_http_put(struct http_req *req, struct http_res *res, struct err *err)
{
    struct dues_settings_in in = { 0 };
    struct auth_actor actor;
    const char *path;

    if (http_body_decode(req, DUES_SETTINGS_IN, &in, NULL, err) < 0 ||
        http_require_org(req, in.org_id, err) < 0 ||
        http_scope_path(req, in.org_id, &path, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (dues_settings_set(req->app, &in, &actor, req->arena, err) < 0)
        return -1;
    return settings_answer(req, res, path, err);
}
