/* demands_escalate.c: the demands area's periodic work (a tick hook, run by `serve`): a demand
 * that is overdue (and not paused) goes to 督办 at the next level up from its community, one
 * level per lapse: the street when it first runs late, the district when it is still late
 * after the street's 督办 hop (DEM-HOP), and so on to the root. The step is an ordinary
 * "supervise" action by the system (audited as such) through the one transition table; the
 * note names the supervising org. Run again by a second server, it finds the demand no longer
 * overdue and leaves it. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/cfg.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/log.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/auth/auth.h"
#include "domain/demands/demands_int.h"
#include "domain/modules.h"

/* The id of the org `up` levels above the last one of path ("/1/2/3/", 1 → 2); 0 past the
 * root. */
static int64_t ancestor(const char *path, int64_t up)
{
    int64_t ids[64] = { 0 };
    int n = 0;

    for (const char *p = path; *p && n < 64; p++)
        if (*p != '/' && (p == path || p[-1] == '/')) /* a segment starts */
            ids[n++] = strtoll(p, NULL, 10);
    return up < n ? ids[n - 1 - up] : 0;
}

int demands_escalate(struct app *app, struct err *err)
{
    struct auth_actor system = { .user = NULL, .source = "tick:demands.escalate" };
    struct demand_overdue *d = NULL;
    struct db_conn *c = NULL;
    struct arena a;
    int64_t n = 0, done = 0;
    int rc = -1;

    if (!app->cfg->demands_auto_supervise)
        return 0;
    arena_init(&a, 0);
    if (db_acquire(app->db, &c, err) < 0)
        goto out;
    rc = demands_store_overdue(c, clock_now(), &a, &d, &n, err);
    db_release(app->db, &c);
    if (rc < 0)
        goto out;
    for (int64_t i = 0; i < n; i++) {
        int64_t by = ancestor(d[i].org_path, d[i].supervise_level + 1);
        const char *path, *name, *status;
        struct err e = { 0 };
        if (!by) /* the top org supervises it already */
            continue;
        if (demands_public_org(app, by, &a, &path, &name, &e) < 0) {
            log_warn("demand_escalate", "id=%lld error=\"%s\"", (long long)d[i].id, e.msg);
            continue;
        }
        struct demand_action_in in = {
            .action = arena_strdup(&a, "supervise"),
            .note = arena_printf(&a, "超期未办结，系统自动提交%s督办", name),
        };
        if (demand_act(app, &(struct demands_scope){ "/", 0, 0 }, d[i].id, &in, &system, &a,
                       &status, &e) == 0)
            done++;
        else if (e.code != E_CONFLICT) /* E_CONFLICT: acted on meanwhile */
            log_warn("demand_escalate", "id=%lld error=\"%s\"", (long long)d[i].id, e.msg);
    }
    if (done)
        log_info("demand_escalate", "supervised=%lld", (long long)done);
    rc = 0;
out:
    arena_release(&a);
    return rc;
}

const struct tick_hook DEMANDS_ESCALATE = { "demands.escalate", demands_escalate };
