/* demands_public.c: the demands area's public face, read by anyone without signing in: the
 * public board (公开栏: closed demands and the counts by community, grid and category) and the
 * Open311 GeoReport v2 read API. Only demands whose resident did not ask "do not publish"
 * appear; their text passes demand_redact with the names that could appear in it, and a
 * breakdown never shows a count under the board's minimum (demand_public_suppress). */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/demands/demands_int.h"

/* Redacts d's description and 办结 note with the names that appear in either. */
static int redact(struct db_conn *c, struct demand_public *d, struct arena *a, struct err *err)
{
    const char **names = NULL;
    int64_t n = 0;
    const char *text =
        arena_printf(a, "%s\n%s", d->summary ? d->summary : "", d->reply ? d->reply : "");
    const char **all;

    if (demands_store_public_names(c, d, text, a, &names, &n, err) < 0)
        return -1;
    all = arena_alloc(a, (size_t)(n + 1) * sizeof(*all));
    if (n)
        memcpy(all, names, (size_t)n * sizeof(*all));
    all[n++] = d->reporter_name; /* a name typed at intake, maybe of no person on record */
    d->summary = demand_redact(d->summary, all, (size_t)n, a);
    d->reply = demand_redact(d->reply, all, (size_t)n, a);
    d->reporter_name = NULL;
    d->reporter_person_id = 0;
    return 0;
}

int demands_public_list(struct app *app, const struct demand_public_filter *f, struct arena *a,
                        struct demand_public **out, int64_t *n_out, int64_t *total_out,
                        struct err *err)
{
    struct db_conn *c = NULL;
    int rc = -1;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    if (demands_store_public_page(c, f, a, out, n_out, total_out, err) < 0)
        goto out;
    for (int64_t i = 0; i < *n_out; i++)
        if (redact(c, &(*out)[i], a, err) < 0)
            goto out;
    rc = 0;
out:
    db_release(app->db, &c);
    return rc;
}

void demand_public_suppress(struct demand_public_count *c, int64_t n, int64_t min_count)
{
    int64_t hidden = 0, smallest = -1;

    for (int64_t i = 0; i < n; i++) {
        c[i].suppressed = c[i].total < min_count;
        hidden += c[i].suppressed;
    }
    if (hidden == 1 && n > 1) {
        for (int64_t i = 0; i < n; i++)
            if (!c[i].suppressed && (smallest < 0 || c[i].total < c[smallest].total))
                smallest = i;
        c[smallest].suppressed = true;
    }
    for (int64_t i = 0; i < n; i++) {
        c[i].rate_hidden = c[i].suppressed || c[i].visited < min_count;
        if (c[i].suppressed)
            c[i].total = 0;
        if (c[i].rate_hidden)
            c[i].visited = c[i].satisfied = 0;
    }
}

int demands_public_counts(struct app *app, const struct demand_public_filter *f,
                          enum demand_public_key key, int64_t min_count, struct arena *a,
                          struct demand_public_count **out, int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = demands_store_public_counts(c, f, key, a, out, n_out, err);
    db_release(app->db, &c);
    if (rc == 0)
        demand_public_suppress(*out, *n_out, min_count);
    return rc;
}

int demands_public_org(struct app *app, int64_t org_id, struct arena *a, const char **path_out,
                       const char **name_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = demands_store_public_org(c, org_id, a, path_out, name_out, err);
    db_release(app->db, &c);
    return rc;
}
