/* router.c: the route table (flattened from MODULES[] at start-up), path matching with {name}
 * captures, the permission check, the code → HTTP status table and the error body shape.
 * It does not know about sockets; server.c feeds it requests. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json.h"
#include "core/json_write.h"
#include "core/log.h"
#include "domain/app.h"
#include "domain/cache/cache.h"
#include "domain/modules.h"
#include "http/http.h"

int http_status_for(enum err_code c)
{
    static const int status[] = {
        [E_OK] = 200,        [E_INVALID] = 400,  [E_UNAUTHENTICATED] = 401, [E_FORBIDDEN] = 403,
        [E_NOT_FOUND] = 404, [E_CONFLICT] = 409, [E_LIMIT] = 413,           [E_UNAVAILABLE] = 503,
        [E_INTERNAL] = 500,  [E_METHOD] = 405,   [E_THROTTLED] = 429,
    };
    if ((unsigned)c < ARRAY_LEN(status) && status[c])
        return status[c];
    return 500;
}

const char *http_method_name(enum http_method m)
{
    switch (m) {
    case HTTP_GET:
        return "GET";
    case HTTP_POST:
        return "POST";
    case HTTP_PUT:
        return "PUT";
    case HTTP_PATCH:
        return "PATCH";
    case HTTP_DELETE:
        return "DELETE";
    }
    return "?";
}

json_t *http_error_json(const struct err *e, const char *request_id)
{
    json_t *inner = json_pack("{s:s, s:s, s:s}", "code", err_code_name(e->code), "message",
                              e->msg[0] ? e->msg : "服务器内部错误", "request_id",
                              request_id ? request_id : "");
    ASSERT(inner);
    if (e->field[0])
        json_object_set_new(inner, "field", jstr(e->field));
    return json_pack("{s:o}", "error", inner);
}

int router_init(struct route_table *t, struct err *err)
{
    size_t n = 0, k = 0;

    for (size_t m = 0; m < MODULES_LEN; m++)
        for (const struct route *r = MODULES[m].routes; r->pattern; r++)
            n++;
    t->rows = calloc(n ? n : 1, sizeof(*t->rows));
    ASSERT(t->rows);
    for (size_t m = 0; m < MODULES_LEN; m++) {
        for (const struct route *r = MODULES[m].routes; r->pattern; r++) {
            if (r->perm == PERM_NONE || strncmp(r->pattern, "/api/", 5) != 0) {
                router_release(t);
                return err_set(err, E_INTERNAL, "", "路由 %s %s 未声明权限或不在 /api/ 下",
                               http_method_name(r->method), r->pattern);
            }
            t->rows[k++] = r;
        }
    }
    t->len = k;
    return 0;
}

void router_release(struct route_table *t)
{
    free(t->rows);
    t->rows = NULL;
    t->len = 0;
}

/* Matches path against pattern segment by segment; {x} matches one non-empty segment. */
static bool pattern_match(const char *pat, const char *path, struct http_req *req)
{
    int nparams = 0;
    const char *params[HTTP_MAX_PARAMS];

    while (*pat && *path) {
        if (*pat == '{') {
            const char *end = strchr(path, '/');
            size_t len = end ? (size_t)(end - path) : strlen(path);
            if (len == 0 || nparams == HTTP_MAX_PARAMS)
                return false;
            params[nparams++] = req ? arena_strndup(req->arena, path, len) : NULL;
            path += len;
            pat = strchr(pat, '}');
            ASSERT(pat);
            pat++;
            continue;
        }
        if (*pat != *path)
            return false;
        pat++;
        path++;
    }
    if (*pat || *path)
        return false;
    if (req) {
        memcpy(req->params, params, sizeof(params[0]) * (size_t)nparams);
        req->nparams = nparams;
    }
    return true;
}

int router_match(const struct route_table *t, enum http_method m, const char *path,
                 struct http_req *req, const struct route **out, struct err *err)
{
    bool path_known = false;

    for (size_t i = 0; i < t->len; i++) {
        const struct route *r = t->rows[i];
        if (r->method != m) {
            path_known = path_known || pattern_match(r->pattern, path, NULL);
            continue;
        }
        if (pattern_match(r->pattern, path, req)) {
            *out = r;
            return 0;
        }
    }
    if (path_known)
        return err_set(err, E_METHOD, "", "该地址不支持 %s 方法", http_method_name(m));
    return err_set(err, E_NOT_FOUND, "", "接口不存在：%s", path);
}

void router_dispatch(struct http_req *req, struct http_res *res)
{
    struct err err = { 0 };

    if (http_authorize(req, res, &err) == 0 && req->route->handler(req, res, &err) == 0)
        return;
    if (err.code == E_OK)
        err_set(&err, E_INTERNAL, "", "服务器内部错误");
    if (res->json) {
        json_decref(res->json);
        res->json = NULL;
    }
    res->body = NULL;
    http_res_json(res, http_status_for(err.code), http_error_json(&err, req->request_id));
    atomic_fetch_add(&req->app->errors[err.code], 1);
    if (err.code == E_INTERNAL || err.code == E_UNAVAILABLE)
        log_error("request_error", "rid=%s route=%s code=%s detail=\"%s\"", req->request_id,
                  req->route->pattern, err_code_name(err.code), err.detail);
}

void http_page_defaults(int64_t *page, int64_t *size)
{
    if (*page <= 0)
        *page = 1;
    if (*size <= 0)
        *size = 20;
}

json_t *http_list_json(json_t *items, int64_t total, int64_t page, int64_t size)
{
    return json_pack("{s:o, s:I, s:I, s:I}", "items", items, "total", (json_int_t)total, "page",
                     (json_int_t)page, "size", (json_int_t)size);
}

void http_list_write_begin(struct json_writer *w)
{
    json_write_object_begin(w);
    json_write_key(w, "items");
    json_write_array_begin(w);
}

void http_list_write_end(struct json_writer *w, int64_t total, int64_t page, int64_t size)
{
    json_write_array_end(w);
    json_write_kint(w, "total", total);
    json_write_kint(w, "page", page);
    json_write_kint(w, "size", size);
    json_write_object_end(w);
}

int http_cache_answer(struct http_req *req, struct http_res *res, const char *key,
                      struct http_cache_slot *slot, struct err *err)
{
    const struct generations *g;
    const char *body;
    char today[11];
    size_t len;

    clock_today(today);
    slot->key = arena_printf(req->arena, "%s|%s", key, today);
    if (http_generations(req, &g, err) < 0)
        return -1;
    slot->gen = g->roster;
    if (!cache_get(req->app->cache, slot->key, slot->gen, req->arena, &body, &len))
        return 0;
    http_res_body(res, 200, HTTP_JSON_TYPE, body, len);
    return 1;
}

int http_res_writer_end_cached(struct http_req *req, struct http_res *res, struct buf *b,
                               const struct http_cache_slot *slot, struct err *err)
{
    if (http_res_writer_end(res, 200, b, err) < 0)
        return -1;
    cache_put(req->app->cache, slot->key, slot->gen, b->p, b->len);
    return 0;
}
