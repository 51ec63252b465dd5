/* system_http.c: GET /api/health — liveness, version, storage driver, schema version, the
 * count of errors by code and the cache's hits and misses (answers and org paths) since start.
 * It reveals no data and needs no session. */
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
        long long n = atomic_load(&req->app->errors[c]);
        if (n)
            json_object_set_new(errors, err_code_name((enum err_code)c), jint(n));
    }
    cache_counts(req->app->cache, &hits, &misses);
    body = json_pack("{s:s, s:s, s:s, s:i, s:I, s:o, s:{s:I, s:I}}", "status", "ok", "version",
                     DANGJIAN_VERSION, "db", db_driver_name(req->app->db), "schema_version",
                     version, "requests", (json_int_t)atomic_load(&req->app->requests), "errors",
                     errors, "cache", "hits", (json_int_t)hits, "misses", (json_int_t)misses);
    http_res_json(res, 200, body);
    return 0;
}

static const struct route SYSTEM_ROUTES[] = {
    { HTTP_GET, "/api/health", health_get, PERM_PUBLIC, SCOPE_NONE, "服务健康状态", NULL },
    { 0 },
};

const struct module SYSTEM_MODULE = {
    .name = "system",
    .routes = SYSTEM_ROUTES,
};
