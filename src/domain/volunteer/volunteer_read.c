/* volunteer_read.c: the volunteer service's reads: single records, lists of a subtree, what is
 * open to a person, a person's yearly record, points under the rule rows and commendation
 * candidates with their evidence. Points are computed from verified records on every read
 * (no stored score to drift) and listed by name, never ranked. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/volunteer/volunteer_int.h"

/* Runs one store read on a connection of its own. */
#define WITH_CONN(call)                                                                            \
    do {                                                                                           \
        struct db_conn *c_ = NULL;                                                                 \
        int rc_;                                                                                   \
        if (db_acquire(app->db, &c_, err) < 0)                                                     \
            return -1;                                                                             \
        struct db_conn *c = c_;                                                                    \
        rc_ = (call);                                                                              \
        db_release(app->db, &c_);                                                                  \
        return rc_;                                                                                \
    } while (0)

static void year_range(int year, char from[24], char to[24])
{
    snprintf(from, 24, "%04d-01-01", year);
    snprintf(to, 24, "%04d-01-01", year + 1);
}

int volunteer_person_get(struct app *app, int64_t person_id, struct arena *a,
                         struct volunteer_person *out, struct err *err)
{
    WITH_CONN(volunteer_store_person(c, person_id, a, out, err));
}

int volunteer_activity_get(struct app *app, int64_t id, struct arena *a,
                           struct volunteer_activity *out, struct err *err)
{
    WITH_CONN(volunteer_store_activity(c, id, a, out, err));
}

int volunteer_signup_get(struct app *app, int64_t id, struct arena *a, struct volunteer_signup *out,
                         struct err *err)
{
    WITH_CONN(volunteer_store_signup(c, id, a, out, err));
}

int volunteer_hours_get(struct app *app, int64_t id, struct arena *a, struct volunteer_hours *out,
                        struct err *err)
{
    WITH_CONN(volunteer_store_hours(c, id, a, out, err));
}

int volunteer_post_get(struct app *app, int64_t id, struct arena *a, struct volunteer_post *out,
                       struct err *err)
{
    char today[11];

    clock_today(today);
    WITH_CONN(volunteer_store_post(c, id, today, a, out, err));
}

int volunteer_claim_get(struct app *app, int64_t id, struct arena *a, struct volunteer_claim *out,
                        struct err *err)
{
    WITH_CONN(volunteer_store_claim(c, id, a, out, err));
}

int volunteer_teams(struct app *app, const char *org_path, struct arena *a,
                    struct volunteer_team **out, int64_t *n_out, struct err *err)
{
    WITH_CONN(volunteer_store_teams(c, org_path, a, out, n_out, err));
}

int volunteer_activities(struct app *app, const char *org_path, int year, struct arena *a,
                         struct volunteer_activity **out, int64_t *n_out, struct err *err)
{
    char from[24] = "0000-01-01", to[24] = "9999-12-31";

    if (year)
        year_range(year, from, to);
    WITH_CONN(volunteer_store_activities(c, org_path, from, to, a, out, n_out, err));
}

int volunteer_activities_for(struct app *app, const struct volunteer_person *p, struct arena *a,
                             struct volunteer_activity **out, int64_t *n_out, struct err *err)
{
    int64_t today_min = (clock_now() + 8 * 3600) / 60 / 1440 * 1440;

    WITH_CONN(volunteer_store_activities_for(c, p, today_min, a, out, n_out, err));
}

int volunteer_roster(struct app *app, int64_t activity_id, struct arena *a,
                     struct volunteer_signup **out, int64_t *n_out, struct err *err)
{
    WITH_CONN(volunteer_store_roster(c, activity_id, a, out, n_out, err));
}

int volunteer_hours_list(struct app *app, const char *org_path, const char *status, int year,
                         struct arena *a, struct volunteer_hours **out, int64_t *n_out,
                         struct err *err)
{
    char from[24], to[24];

    year_range(year, from, to);
    WITH_CONN(volunteer_store_hours_list(c, org_path, status, from, to, a, out, n_out, err));
}

int volunteer_posts(struct app *app, const char *org_path, struct arena *a,
                    struct volunteer_post **out, int64_t *n_out, struct err *err)
{
    char today[11];

    clock_today(today);
    WITH_CONN(volunteer_store_posts(c, org_path, today, a, out, n_out, err));
}

int volunteer_posts_for(struct app *app, const struct volunteer_person *p, struct arena *a,
                        struct volunteer_post **out, int64_t *n_out, struct err *err)
{
    char today[11];

    clock_today(today);
    WITH_CONN(volunteer_store_posts_for(c, p->org_path, today, a, out, n_out, err));
}

int volunteer_record(struct app *app, int64_t person_id, int year, struct arena *a,
                     struct volunteer_record *out, struct err *err)
{
    struct db_conn *c = NULL;
    struct volunteer_record r = { .year = year };
    char from[24], to[24];
    bool found = false;
    int64_t last_activity = 0;
    int rc = -1;

    year_range(year, from, to);
    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    if (volunteer_store_person(c, person_id, a, &r.person, err) < 0 ||
        volunteer_store_hours_of(c, person_id, from, to, a, &r.hours, &r.nhours, err) < 0 ||
        volunteer_store_claims_of(c, person_id, from, to, a, &r.claims, &r.nclaims, err) < 0 ||
        volunteer_store_records(c, person_id, NULL, from, to, a, &r.records, &r.nrecords, err) <
            0 ||
        volunteer_store_certificate(c, person_id, year, a, &r.cert_number, &r.cert_minutes,
                                    &r.cert_issued_at, &found, err) < 0)
        goto out;
    if (!found)
        r.cert_number = NULL;
    for (int64_t i = 0; i < r.nhours; i++) {
        const struct volunteer_hours *h = &r.hours[i];
        if (!strcmp(h->status, "verified"))
            r.verified_minutes += h->minutes;
        else if (!strcmp(h->status, "pending"))
            r.pending_minutes += h->minutes;
        if (h->activity_id && h->activity_id != last_activity && strcmp(h->status, "refused")) {
            r.activities++;
            last_activity = h->activity_id;
        }
    }
    *out = r;
    rc = 0;
out:
    db_release(app->db, &c);
    return rc;
}

/* The facts and the points of the subtree's year on one connection. */
static int points_on(struct db_conn *c, const char *org_path, int year, struct arena *a,
                     struct volunteer_rule **rules, size_t *nr, struct volunteer_points_row **rows,
                     int64_t *n, struct err *err)
{
    struct volunteer_fact *facts;
    int64_t nf;
    char from[24], to[24];

    year_range(year, from, to);
    if (volunteer_store_rules(c, a, rules, nr, err) < 0 ||
        volunteer_store_facts(c, org_path, from, to, a, &facts, &nf, err) < 0)
        return -1;
    return volunteer_points_compute(*rules, *nr, facts, (size_t)nf, a, rows, n);
}

int volunteer_points(struct app *app, const char *org_path, int year, struct arena *a,
                     struct volunteer_points_row **out, int64_t *n_out, struct err *err)
{
    struct volunteer_rule *rules;
    size_t nr;

    WITH_CONN(points_on(c, org_path, year, a, &rules, &nr, out, n_out, err));
}

int volunteer_candidates(struct app *app, const char *org_path, int year, struct arena *a,
                         struct volunteer_candidate **out, int64_t *n_out, int64_t *threshold_out,
                         struct err *err)
{
    struct db_conn *c = NULL;
    struct volunteer_rule *rules;
    const struct volunteer_rule *th;
    struct volunteer_points_row *rows;
    struct volunteer_candidate *cand;
    char from[24], to[24], end[24];
    size_t nr;
    int64_t n, k = 0;
    int rc = -1;

    year_range(year, from, to);
    snprintf(end, sizeof(end), "%04d-12-31", year);
    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    if (points_on(c, org_path, year, a, &rules, &nr, &rows, &n, err) < 0)
        goto out;
    th = volunteer_rule_at(rules, nr, "VOL-COMMEND-HOURS", NULL, end);
    *threshold_out = th ? th->value : 0;
    cand = arena_alloc(a, sizeof(*cand) * (size_t)(n ? n : 1));
    for (int64_t i = 0; i < n; i++) {
        struct volunteer_candidate *cd = &cand[k];
        int64_t minutes = 0;
        for (int t = 0; t < rows[i].nitems; t++)
            if (!strcmp(rows[i].items[t].action, "hours"))
                minutes = rows[i].items[t].qty;
        if (!th || minutes < th->value)
            continue;
        *cd = (struct volunteer_candidate){ .verified_minutes = minutes, .points = rows[i].total };
        /* Someone no longer a current member or resident is no candidate (and no failure). */
        if (volunteer_store_person(c, rows[i].person_id, a, &cd->person, err) < 0) {
            if (err->code != E_NOT_FOUND)
                goto out;
            err_clear(err);
            continue;
        }
        if (volunteer_store_hours_of(c, rows[i].person_id, from, to, a, &cd->hours, &cd->nhours,
                                     err) < 0 ||
            volunteer_store_records(c, rows[i].person_id, NULL, from, to, a, &cd->post_records,
                                    &cd->npost_records, err) < 0)
            goto out;
        for (int64_t j = 0; j < cd->nhours; j++)
            if (cd->hours[j].activity_id && !strcmp(cd->hours[j].status, "verified"))
                cd->activities++;
        cd->records = cd->npost_records;
        k++;
    }
    *out = cand;
    *n_out = k;
    rc = 0;
out:
    db_release(app->db, &c);
    return rc;
}
