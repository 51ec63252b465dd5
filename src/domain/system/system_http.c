/* system_http.c: GET /api/health — liveness, version, storage driver, schema version, the
 * count of errors by code and the cache's hits and misses (answers and org paths) since start;
 * it reveals no data and needs no session. GET /api/meta — every module's code/label tables,
 * permission labels and audit-action labels, for the web app; static, needs a session. */
#include "core/compat.h"
#include "core/err.h"
#include "core/json.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/cache/cache.h"
#include "domain/modules.h"
#include "domain/system/system.h"
#include "http/http.h"

static int health_get(struct http_req *req, struct http_res *res, struct err *err)
{
    int version = 0;
    int64_t hits, misses;
    json_t *body, *errors;

    if (db_schema_version(req->app->db, &version, err) < 0)
        return -1;
    errors = json_object();
    for (int c = E_INVALID; c <= E_THROTTLED; c++) {
        long long n = atomic_load(&req->stats->errors[c]);
        if (n)
            json_object_set_new(errors, err_code_name((enum err_code)c), jint(n));
    }
    cache_counts(req->app->cache, &hits, &misses);
    body = json_pack("{s:s, s:s, s:s, s:i, s:I, s:o, s:{s:I, s:I}}", "status", "ok", "version",
                     DANGJIAN_VERSION, "db", db_driver_name(req->app->db), "schema_version",
                     version, "requests", (json_int_t)atomic_load(&req->stats->requests), "errors",
                     errors, "cache", "hits", (json_int_t)hits, "misses", (json_int_t)misses);
    http_res_json(res, 200, body);
    return 0;
}

/* Adds one module's tables to the three parts of the meta answer. */
static void meta_add_module(const struct module *m, json_t *codes, json_t *perms, json_t *actions)
{
    for (const struct perm_row *p = m->perms; p && p->code; p++)
        json_array_append_new(perms, json_pack("{s:s, s:s, s:s}", "code", p->code, "label",
                                               p->label, "module", m->name));
    for (const struct audit_action *a = m->audit_actions; a && a->code; a++)
        json_array_append_new(
            actions,
            json_pack("{s:s, s:s, s:o, s:s}", "code", a->code, "label", a->label, "target_type",
                      a->target_type ? jstr(a->target_type) : json_null(), "module", m->name));
    for (const struct code_table *t = m->codes; t && t->name; t++) {
        json_t *rows = json_array();
        for (size_t i = 0; t->codes[i]; i++)
            json_array_append_new(
                rows, json_pack("{s:s, s:s}", "code", t->codes[i], "label", t->labels[i]));
        json_object_set_new(codes, t->name, rows);
    }
}

static int meta_get(struct http_req *req, struct http_res *res, struct err *err)
{
    json_t *codes = json_object(), *perms = json_array(), *actions = json_array();

    UNUSED(req);
    UNUSED(err);
    for (size_t i = 0; i < MODULES_LEN; i++)
        meta_add_module(MODULES[i], codes, perms, actions);
    http_res_json(res, 200,
                  json_pack("{s:o, s:o, s:o}", "codes", codes, "permissions", perms,
                            "audit_actions", actions));
    return 0;
}

static const struct route SYSTEM_ROUTES[] = {
    { HTTP_GET, "/api/health", health_get, PERM_PUBLIC, SCOPE_NONE, "服务健康状态", NULL, NULL,
      NULL },
    { HTTP_GET, "/api/meta", meta_get, PERM_SESSION, SCOPE_NONE,
      "各模块的代码与名称：代码表、权限名称、审计操作名称", NULL, NULL, NULL },
    { 0 },
};

const struct module SYSTEM_MODULE = {
    .name = "system",
    .routes = SYSTEM_ROUTES,
};
