/* funds_read.c: the funds service's reads: an org with the levels above it, plans with their
 * activities and lines, the ledger of an org (its own row and one per child, whose sums equal
 * it) and the rule rows with the categories. Nothing here writes. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/funds/funds_int.h"
#include "domain/orgpath.h"

int funds_org_get(struct app *app, int64_t org_id, struct arena *a, struct funds_org *out,
                  struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = funds_store_org(c, org_id, a, out, err);
    db_release(app->db, &c);
    return rc;
}

int funds_plan_get(struct app *app, int64_t id, struct arena *a, struct funds_plan *out,
                   struct err *err)
{
    struct db_conn *c = NULL;
    struct funds_plan p;
    int rc = -1;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    if (funds_store_plan(c, id, a, &p, err) < 0 || funds_store_plan_activities(c, &p, a, err) < 0)
        goto out;
    *out = p;
    rc = 0;
out:
    db_release(app->db, &c);
    return rc;
}

int funds_plans_list(struct app *app, const char *path, int64_t year, int64_t quarter,
                     const char *status, struct arena *a, struct funds_plan **out, int64_t *n_out,
                     struct err *err)
{
    struct db_conn *c = NULL;
    struct funds_plan *p;
    int64_t n;
    int rc = -1;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    if (funds_store_plans(c, path, year, quarter, status, a, &p, &n, err) < 0)
        goto out;
    for (int64_t i = 0; i < n; i++)
        if (funds_store_plan_activities(c, &p[i], a, err) < 0)
            goto out;
    *out = p;
    *n_out = n;
    rc = 0;
out:
    db_release(app->db, &c);
    return rc;
}

int funds_ledger(struct app *app, const char *org_path, int64_t year, struct arena *a,
                 struct funds_ledger_row *total_out, struct funds_ledger_row **items_out,
                 int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct funds_ledger_row *comm, *kids, total = { 0 };
    struct funds_org o;
    int64_t ncomm, nkids, missed = 0;
    int rc = -1;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    if (funds_store_org(c, orgpath_last_id(org_path), a, &o, err) < 0 ||
        funds_store_ledger(c, org_path, year, a, &comm, &ncomm, err) < 0)
        goto out;
    if (o.community) {
        /* A community's only row is its own. */
        kids = arena_alloc(a, sizeof(*kids));
        memset(kids, 0, sizeof(*kids));
        kids->org_id = o.id;
        kids->org_path = o.path;
        kids->name = o.name;
        nkids = 1;
    } else if (funds_store_children(c, o.id, a, &kids, &nkids, err) < 0) {
        goto out;
    }
    total.org_id = o.id;
    total.org_path = o.path;
    total.name = o.name;
    funds_ledger_group(org_path, comm, ncomm, kids, nkids, &total, &missed);
    if (missed) {
        /* A community under a branch-level org cannot happen in the tree's type rules. */
        err_set(err, E_INTERNAL, "", "台账中有 %" PRId64 " 个社区不在任何下级组织之下", missed);
        goto out;
    }
    *total_out = total;
    *items_out = kids;
    *n_out = nkids;
    rc = 0;
out:
    db_release(app->db, &c);
    return rc;
}

int funds_rules_list(struct app *app, struct arena *a, struct funds_rule **rules_out,
                     int64_t *nrules_out, struct funds_category **cats_out, int64_t *ncats_out,
                     struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = funds_store_rules(c, a, rules_out, nrules_out, err) < 0 ||
                 funds_store_categories(c, a, cats_out, ncats_out, err) < 0
             ? -1
             : 0;
    db_release(app->db, &c);
    return rc;
}

int funds_incentive_list(struct app *app, const char *path, int64_t year, int64_t quarter,
                         struct arena *a, const struct funds_rule **rule_out,
                         struct funds_incentive_row **out, int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct funds_rule *rules;
    const struct funds_rule *r;
    struct funds_incentive_row *rows;
    int64_t nrules, n;
    char day[11];
    int rc = -1;

    snprintf(day, sizeof(day), "%04d-%02d-01", (int)year, (int)(quarter - 1) * 3 + 1);
    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    if (funds_store_rules(c, a, &rules, &nrules, err) < 0 ||
        funds_store_incentive(c, path, year, quarter, a, &rows, &n, err) < 0)
        goto out;
    r = funds_rule_in_force(rules, nrules, "FUND-INCENTIVE", day);
    for (int64_t i = 0; i < n; i++)
        if (funds_incentive_compute(r, &rows[i].in, &rows[i].out, err) < 0)
            goto out;
    *rule_out = r;
    *out = rows;
    *n_out = n;
    rc = 0;
out:
    db_release(app->db, &c);
    return rc;
}
