/* dev_read.c: what the member-development area reads: one applicant with the timeline, the
 * people named and the deadlines; the applicants of a subtree; the pipeline (per stage, overdue,
 * due within 30 days, forgotten 预备党员) and the rules in force on a date. Deadlines come from
 * dev_rules.c; nothing here is written. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/dev/dev_int.h"

int dev_rules_load(struct db_conn *c, const char *path, struct arena *a, struct dev_rule **out,
                   size_t *n_out, struct err *err)
{
    struct dev_rule *rules;
    struct dev_switch *sw;
    int64_t nr, nsw;

    if (dev_store_rules(c, a, &rules, &nr, err) < 0 || dev_store_switches(c, a, &sw, &nsw, err) < 0)
        return -1;
    *out = arena_alloc(a, (size_t)(nr + 1) * sizeof(**out));
    dev_rules_at(rules, (size_t)nr, sw, (size_t)nsw, path, *out, NULL);
    *n_out = (size_t)nr;
    return 0;
}

int dev_applicant_get(struct app *app, int64_t id, struct arena *a, struct dev_detail *out,
                      struct err *err)
{
    struct db_conn *c = NULL;
    struct dev_rule *rules;
    struct dev_case cs;
    size_t nr;
    char today[11];
    int rc = -1;

    memset(out, 0, sizeof(*out));
    clock_today(today);
    if (db_acquire(app->db, &c, err) < 0 || dev_store_applicant(c, id, a, &out->a, err) < 0 ||
        dev_store_steps(c, id, NULL, a, &out->steps, &out->nsteps, err) < 0 ||
        dev_store_people(c, id, a, &out->people, &out->npeople, err) < 0 ||
        dev_rules_load(c, out->a.org_path, a, &rules, &nr, err) < 0)
        goto out;
    dev_case_of(&out->a, out->steps, out->nsteps, a, &cs);
    out->nnext = dev_next_steps(&cs, out->next);
    out->deadlines = arena_alloc(a, 4 * sizeof(*out->deadlines));
    out->ndeadlines = dev_deadlines(rules, nr, &cs, today, a, out->deadlines);
    rc = 0;
out:
    db_release(app->db, &c);
    return rc;
}

int dev_my_applications(struct app *app, int64_t person_id, struct arena *a,
                        struct dev_detail **out, int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct dev_applicant_view *v;
    int64_t n;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = dev_store_applicants_of_person(c, person_id, a, &v, &n, err);
    db_release(app->db, &c);
    if (rc < 0)
        return -1;
    *out = n ? arena_alloc(a, (size_t)n * sizeof(**out)) : NULL;
    for (int64_t i = 0; i < n; i++) {
        if (dev_applicant_get(app, v[i].id, a, &(*out)[i], err) < 0)
            return -1;
        (*out)[i].npeople = 0; /* other people's names stay out */
    }
    *n_out = n;
    return 0;
}

int dev_applicants(struct app *app, const char *path, const char *status, struct arena *a,
                   struct dev_applicant_view **out, int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = dev_store_applicants(c, path, status, a, out, n_out, err);
    db_release(app->db, &c);
    return rc;
}

/* Appends an item to a list grown in a. */
static void push(struct dev_item **list, int64_t *n, const struct dev_applicant_view *v,
                 const struct dev_deadline *d, struct arena *a)
{
    struct dev_item *x = arena_alloc(a, (size_t)(*n + 1) * sizeof(*x));

    if (*n)
        memcpy(x, *list, (size_t)*n * sizeof(*x));
    x[*n] = (struct dev_item){ v->id,      v->org_id, v->name,   v->org_name,
                               d->rule_id, d->due_on, d->message };
    *list = x;
    ++*n;
}

int dev_pipeline_get(struct app *app, const char *path, struct arena *a, struct dev_pipeline *out,
                     struct err *err)
{
    struct db_conn *c = NULL;
    struct dev_applicant_view *v;
    struct dev_step_view *s;
    struct dev_rule *rules, *at;
    struct dev_switch *sw;
    int64_t nv, ns, nr, nsw, j = 0;
    char today[11];
    int rc = -1;

    memset(out, 0, sizeof(*out));
    clock_today(today);
    if (db_acquire(app->db, &c, err) < 0 ||
        dev_store_applicants(c, path, NULL, a, &v, &nv, err) < 0 ||
        dev_store_steps(c, 0, path, a, &s, &ns, err) < 0 ||
        dev_store_rules(c, a, &rules, &nr, err) < 0 || dev_store_switches(c, a, &sw, &nsw, err) < 0)
        goto out;
    at = arena_alloc(a, (size_t)(nr + 1) * sizeof(*at));
    /* Both lists are ordered by applicant id: walk them together. */
    for (int64_t i = 0; i < nv; i++) {
        struct dev_deadline d[4];
        struct dev_case cs;
        int64_t first;
        size_t nd;

        while (j < ns && s[j].applicant_id < v[i].id)
            j++;
        first = j;
        while (j < ns && s[j].applicant_id == v[i].id)
            j++;
        if (strcmp(v[i].status, "cancelled") && strcmp(v[i].status, "full"))
            out->stage_n[v[i].stage >= 1 && v[i].stage <= 5 ? v[i].stage : 1]++;
        dev_case_of(&v[i], s + first, j - first, a, &cs);
        /* Without switches every case sees the rows as shipped: no copy per case. */
        if (nsw)
            dev_rules_at(rules, (size_t)nr, sw, (size_t)nsw, v[i].org_path, at, NULL);
        nd = dev_deadlines(nsw ? at : rules, (size_t)nr, &cs, today, a, d);
        for (size_t k = 0; k < nd; k++) {
            if (d[k].forgotten)
                push(&out->forgotten, &out->nforgotten, &v[i], &d[k], a);
            else if (d[k].overdue)
                push(&out->overdue, &out->noverdue, &v[i], &d[k], a);
            else
                push(&out->due_soon, &out->ndue_soon, &v[i], &d[k], a);
        }
    }
    rc = 0;
out:
    db_release(app->db, &c);
    return rc;
}
