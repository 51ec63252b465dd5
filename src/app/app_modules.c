/* app_modules.c: the composition root's wiring (app_modules.h). It only collects what the
 * module rows declare and hands it on; what a permission, counter, route or demo hook means is
 * decided by the auth area, the cache, the router and the demo generator. */
#include "core/compat.h"
#include "core/err.h"
#include "core/log.h"
#include "domain/app.h"
#include "domain/auth/auth_guard.h"
#include "domain/auth/perm.h"
#include "domain/cache/cache.h"
#include "domain/demo/demo.h"
#include "domain/modules.h"
#include "http/http.h"
#include "app/app_modules.h"

#define MODULES_MAX 64

static const struct route *route_lists[MODULES_MAX];
static const struct perm_row *perm_lists[MODULES_MAX];

int app_modules_init(struct err *err)
{
    ASSERT(MODULES_LEN <= MODULES_MAX);
    for (size_t i = 0; i < MODULES_LEN; i++)
        perm_lists[i] = MODULES[i]->perms;
    if (perm_table_init(perm_lists, MODULES_LEN, err) < 0)
        return -1;
    cache_counters_reset();
    for (size_t i = 0; i < MODULES_LEN; i++)
        for (const struct change_counter *const *c = MODULES[i]->counters; c && *c; c++)
            if (cache_counter_register(*c, err) < 0)
                return -1;
    return 0;
}

static size_t routes_collect(void)
{
    ASSERT(MODULES_LEN <= MODULES_MAX);
    for (size_t i = 0; i < MODULES_LEN; i++)
        route_lists[i] = MODULES[i]->routes;
    return MODULES_LEN;
}

void app_server_opts(struct app *app, struct http_server_opts *o)
{
    o->cfg = app->cfg;
    o->app = app;
    o->nroutes = routes_collect();
    o->routes = route_lists;
    o->guard = &AUTH_GUARD;
}

int app_routes_init(struct route_table *t, struct err *err)
{
    size_t n = routes_collect();

    return router_init(t, route_lists, n, &AUTH_GUARD, err);
}

void app_ticks_run(struct app *app)
{
    for (size_t i = 0; i < MODULES_LEN; i++)
        for (const struct tick_hook *const *t = MODULES[i]->ticks; t && *t; t++) {
            struct err err = { 0 };
            if ((*t)->run(app, &err) < 0)
                log_warn("tick_failed", "hook=%s code=%s error=\"%s\" detail=\"%s\"", (*t)->name,
                         err_code_name(err.code), err.msg, err.detail);
        }
}

size_t app_demo_hooks(const struct demo_hook **out, size_t max)
{
    size_t n = 0;

    for (int phase = DEMO_PHASE_ROWS; phase <= DEMO_PHASE_DONE; phase++)
        for (size_t i = 0; i < MODULES_LEN; i++)
            for (const struct demo_hook *const *h = MODULES[i]->demo; h && *h; h++)
                if ((int)(*h)->phase == phase) {
                    ASSERT(n < max);
                    out[n++] = *h;
                }
    return n;
}
