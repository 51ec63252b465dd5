/* orgs_stats.c: RULES.md §3.1 advisories on an org (terms due, sizes out of range, ...) and
 * its subtree statistics (members by status, category, gender, age band ...), with the
 * stored counters rebuilt and verified. It changes no org. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/orgpath.h"
#include "domain/members/members.h"
#include "domain/orgs/orgs_int.h"

/* ---- advisories and statistics ---- */

static void advise(struct org_advisory **v, int64_t *n, int64_t *cap, struct arena *a,
                   int64_t org_id, const char *name, const char *code, const char *rule, char *msg)
{
    *v = arena_grow(a, *v, *n, cap, sizeof(**v));
    (*v)[*n] = (struct org_advisory){ org_id, name, code, rule, msg };
    (*n)++;
}

/* The advisories of the subtree at path. Terms are read up to horizon (today or later) in one
 * query: those already past their end are advised, and with expiring_out non-NULL the others
 * (ending between today and horizon) are counted for the dashboard, and the expired ones in
 * *expired_out. */
static int advisories_on(struct db_conn *c, const char *path, bool self_only, const char *horizon,
                         struct arena *a, struct org_advisory **out, int64_t *n_out,
                         int64_t *expiring_out, int64_t *expired_out, struct err *err)
{
    struct org_branch_size *b;
    struct org_term_due *t;
    struct member_overdue *pr;
    struct org_advisory *v = NULL;
    char upper[ORG_PATH_MAX], today[11];
    int64_t nb, nt, np, n = 0, cap = 0;

    clock_today(today);
    if (self_only) /* [path, path + "\x01") holds the org and none of its descendants */
        snprintf(upper, sizeof(upper), "%s\x01", path);
    else
        orgpath_upper(path, upper);
    if (org_store_branch_sizes(c, path, upper, a, &b, &nb, err) < 0 ||
        org_store_terms_ending(c, path, upper, horizon, a, &t, &nt, err) < 0 ||
        member_probation_overdue(c, path, upper, a, &pr, &np, err) < 0)
        return -1;
    for (int64_t i = 0; i < nb; i++) {
        if (b[i].full < 3)
            advise(&v, &n, &cap, a, b[i].id, b[i].name, "BRANCH-TOO-SMALL", "ORG-BRANCH",
                   arena_printf(a, "正式党员 %" PRId64 " 名，不足 3 名：可考虑组建联合党支部",
                                b[i].full));
        if (b[i].full >= 7 && !b[i].committee)
            advise(&v, &n, &cap, a, b[i].id, b[i].name, "BRANCH-NEEDS-COMMITTEE", "ORG-COMMITTEE",
                   arena_printf(
                       a, "正式党员 %" PRId64 " 名（≥ 7），应设立支部委员会，当前届次未登记委员",
                       b[i].full));
        if (b[i].active > 50)
            advise(&v, &n, &cap, a, b[i].id, b[i].name, "BRANCH-TOO-LARGE", "ORG-SIZE",
                   arena_printf(a, "党员 %" PRId64 " 名，超过 50 名：可考虑分设支部或成立党总支",
                                b[i].active));
    }
    /* DEV-PROB-END: one advisory per org, naming its 预备党员 whose 预备期 has ended (they
     * come grouped by org). */
    for (int64_t i = 0, j; i < np; i = j) {
        const char *names = "";
        for (j = i; j < np && pr[j].org_id == pr[i].org_id; j++)
            if (j - i < 5)
                names = arena_printf(a, "%s%s%s（%s 届满）", names, j > i ? "、" : "", pr[j].name,
                                     pr[j].ends_on);
        advise(&v, &n, &cap, a, pr[i].org_id, pr[i].org_name, "DEV-PROB-END", "DEV-PROB-END",
               arena_printf(a,
                            "预备党员 %" PRId64 " 名预备期已届满尚未转正：%s%s。请提交支部党员大会"
                            "讨论转正、延长预备期或取消预备党员资格",
                            j - i, names, j - i > 5 ? " 等" : ""));
    }
    if (expiring_out)
        *expiring_out = 0;
    if (expired_out)
        *expired_out = 0;
    for (int64_t i = 0; i < nt; i++) {
        if (strcmp(t[i].ends_on, today) < 0) {
            advise(&v, &n, &cap, a, t[i].org_id, t[i].org_name, "TERM-EXPIRED", "TERM-SHIFT",
                   arena_printf(a, "本届任期已于 %s 届满，应按期换届", t[i].ends_on));
            if (expired_out)
                (*expired_out)++;
        } else if (expiring_out)
            (*expiring_out)++;
    }
    *out = v;
    *n_out = n;
    return 0;
}

int org_advisories(struct app *app, const char *path, bool self_only, struct arena *a,
                   struct org_advisory **out, int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    char today[11];
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    clock_today(today);
    rc = advisories_on(c, path, self_only, today, a, out, n_out, NULL, NULL, err);
    db_release(app->db, &c);
    return rc;
}

/* Adds k to key's count in the breakdown v (a handful of keys: a linear search). */
static void tally(struct org_count **v, int64_t *n, int64_t *cap, struct arena *a, const char *key,
                  int64_t k)
{
    for (int64_t i = 0; i < *n; i++) {
        if (!strcmp((*v)[i].key, key)) {
            (*v)[i].n += k;
            return;
        }
    }
    *v = arena_grow(a, *v, *n, cap, sizeof(**v));
    (*v)[(*n)++] = (struct org_count){ key, key, k };
}

static int by_key(const void *x, const void *y)
{
    return strcmp(((const struct org_count *)x)->key, ((const struct org_count *)y)->key);
}

/* Most common first, then by key. */
static int by_count(const void *x, const void *y)
{
    const struct org_count *a = x, *b = y;
    return a->n != b->n ? (a->n < b->n ? 1 : -1) : strcmp(a->key, b->key);
}

static void sort_counts(struct org_count *v, int64_t n, int (*cmp)(const void *, const void *))
{
    if (n > 1) /* an empty breakdown has no array at all */
        qsort(v, (size_t)n, sizeof(*v), cmp);
}

/* The dashboard's breakdowns from the subtree counters: status over every member; the totals
 * and the other breakdowns over active members (预备 and 正式) only, as the counters are. */
static void tally_stats(const struct org_stat_row *r, int64_t n, const char *since, struct arena *a,
                        struct org_stats *s)
{
    int64_t cap[6] = { 0 };

    for (int64_t i = 0; i < n; i++) {
        const char *d = r[i].dim, *k = r[i].key;

        if (!strcmp(d, "status")) {
            if (strcmp(k, "probationary") && strcmp(k, "full")) {
                tally(&s->departures, &s->n_departures, &cap[5], a, k, r[i].n);
                continue;
            }
            tally(&s->by_status, &s->n_status, &cap[0], a, k, r[i].n);
            s->members += r[i].n;
            if (!strcmp(k, "probationary"))
                s->probationary += r[i].n;
        } else if (!strcmp(d, "category")) {
            tally(&s->by_category, &s->n_category, &cap[1], a, k, r[i].n);
        } else if (!strcmp(d, "gender")) {
            tally(&s->by_gender, &s->n_gender, &cap[2], a, k, r[i].n);
        } else if (!strcmp(d, "age")) {
            tally(&s->by_age, &s->n_age, &cap[3], a, k, r[i].n);
        } else if (!strcmp(d, "education")) {
            tally(&s->by_education, &s->n_education, &cap[4], a, k, r[i].n);
        } else if (!strcmp(d, "joined") && *k && strncmp(k, since, 4) >= 0) {
            s->new_this_year += r[i].n;
        }
    }
    sort_counts(s->by_status, s->n_status, by_key);
    sort_counts(s->departures, s->n_departures, by_key);
    sort_counts(s->by_category, s->n_category, by_key);
    sort_counts(s->by_gender, s->n_gender, by_key);
    sort_counts(s->by_age, s->n_age, by_key);
    sort_counts(s->by_education, s->n_education, by_count);
}

static void label_counts(struct org_count *v, int64_t n, const char *kind)
{
    static const char *const AGE_KEYS[] = { "a0", "a1", "a2", "a3", "a4", "a5", "a6", "unknown" };
    static const char *const AGE_LABELS[] = { "30岁及以下", "31–40岁", "41–50岁",    "51–60岁",
                                              "61–70岁",    "71–80岁", "81岁及以上", "未知" };
    for (int64_t i = 0; i < n; i++) {
        if (!strcmp(kind, "category")) {
            v[i].label = member_category_label(v[i].key);
        } else if (!strcmp(kind, "status")) {
            /* A member who died left the roll: 去世, as the dashboard says it. */
            v[i].label = !strcmp(v[i].key, "deceased") ? "去世" : member_status_label(v[i].key);
        } else if (!strcmp(kind, "gender")) {
            v[i].label = !strcmp(v[i].key, "M") ? "男" : "女";
        } else if (!strcmp(kind, "age")) {
            for (size_t j = 0; j < ARRAY_LEN(AGE_KEYS); j++)
                if (!strcmp(v[i].key, AGE_KEYS[j]))
                    v[i].label = AGE_LABELS[j];
        } else if (!strcmp(kind, "org_type")) {
            v[i].label = org_type_label(v[i].key);
        } else if (!strcmp(kind, "education") && !*v[i].key) {
            v[i].label = "未填写";
        }
    }
}

int org_stats(struct app *app, int64_t org_id, const char *path, struct arena *a,
              struct org_stats *out, struct err *err)
{
    struct db_conn *c = NULL;
    struct org_advisory *adv;
    char upper[ORG_PATH_MAX], today[11], since[11], horizon[11], bounds[6][11];
    const char *bp[6];
    struct org_stat_row *rows;
    int64_t nadv, nrows;
    int rc = -1;

    memset(out, 0, sizeof(*out));
    clock_today(today);
    snprintf(since, sizeof(since), "%.4s-01-01", today);
    date_add_months(today, 6, horizon);
    for (int i = 0; i < 6; i++) {
        /* Born after today minus (31 + 10 i) years = aged 30 + 10 i or less. */
        date_add_months(today, -12 * (31 + 10 * i), bounds[i]);
        bp[i] = bounds[i];
    }
    orgpath_upper(path, upper);
    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    if (org_store_stat_read(c, org_id, bp, a, &rows, &nrows, err) < 0 ||
        org_store_type_counts(c, path, upper, a, &out->orgs_by_type, &out->n_orgs_by_type, err) <
            0 ||
        advisories_on(c, path, false, horizon, a, &adv, &nadv, &out->terms_expiring,
                      &out->terms_expired, err) < 0)
        goto out;
    out->terms_due = out->terms_expiring + out->terms_expired;
    tally_stats(rows, nrows, since, a, out);
    label_counts(out->by_category, out->n_category, "category");
    label_counts(out->by_status, out->n_status, "status");
    label_counts(out->departures, out->n_departures, "status");
    label_counts(out->by_gender, out->n_gender, "gender");
    label_counts(out->by_age, out->n_age, "age");
    label_counts(out->by_education, out->n_education, "education");
    label_counts(out->orgs_by_type, out->n_orgs_by_type, "org_type");
    out->advisories = nadv;
    rc = 0;
out:
    db_release(app->db, &c);
    return rc;
}

int org_stats_rebuild(struct db_conn *c, struct err *err)
{
    return org_store_stat_rebuild(c, err);
}

int org_stats_verify(struct app *app, int64_t limit, struct arena *a, struct org_stat_diff **out,
                     int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = org_store_stat_diff(c, limit, a, out, n_out, err);
    db_release(app->db, &c);
    return rc;
}
