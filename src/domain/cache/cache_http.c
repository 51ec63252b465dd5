/* cache_http.c: the request side of the cache: change counters read once per request into
 * req->slot, and answers served from or stored in the app's cache. It decides nothing about
 * permissions (auth_guard.c), which reads the same counters. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/err.h"
#include "domain/app.h"
#include "domain/cache/cache_http.h"
#include "http/http.h"

int cache_http_generations(struct http_req *req, const struct generations **out, struct err *err)
{
    if (!req->slot) {
        struct generations *g = arena_alloc(req->arena, sizeof(*g));
        if (cache_generations(req->app, g, err) < 0)
            return -1;
        req->slot = g;
    }
    *out = req->slot;
    return 0;
}

int http_cache_answer(struct http_req *req, struct http_res *res,
                      const struct change_counter *counter, const char *key,
                      struct http_cache_slot *slot, struct err *err)
{
    const struct generations *g;
    const char *body;
    char today[11];
    size_t len;

    clock_today(today);
    slot->key = arena_printf(req->arena, "%s|%s", key, today);
    if (cache_http_generations(req, &g, err) < 0)
        return -1;
    slot->gen = generations_get(g, counter);
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
