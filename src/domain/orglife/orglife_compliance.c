/* orglife_compliance.c: expected vs held meetings per branch-level org and required type over
 * a date range (RULES.md §4.2), with attendance and study rates, overdue and soon-due counts.
 * Meetings are counted by whole months from meeting_year (the months of from and to). The
 * frequency rules are rows (orglife_rule): for each period the rule in force on the first
 * day of its first month in the range applies, an override on the org or an ancestor winning
 * over the default (the deepest wins). A branch without a committee in office is exempt from
 * 支委会 (ORG-NO-COMMITTEE); 党小组会 are expected per group under the branch. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/orglife/orglife_int.h"

#define RANGE_MONTHS_MAX 36

struct inputs {
    struct orglife_rule_row *rules;
    struct orglife_branch_row *branches;
    struct orglife_held_row *held;
    int64_t nrules, nbranches, nheld;
    char today[11];
};

static int month_of(const char *date)
{
    int y, m, d;

    return date_parse(date, &y, &m, &d) < 0 ? 0 : y * 12 + (m - 1);
}

static void ymd(int y, int m, int d, char out[11])
{
    char buf[40];

    snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
    memcpy(out, buf, 10);
    out[10] = '\0';
}

/* Day `day` of month ym (0: its last day) as YYYY-MM-DD. */
static void month_day(int ym, int day, char out[11])
{
    int y = ym / 12, m = ym % 12 + 1;

    ymd(y, m, day ? day : date_days_in_month(y, m), out);
}

/* The first and last month of the period of kind containing ym. */
static void period_span(const char *kind, int ym, int *first, int *last)
{
    int span = !strcmp(kind, "year") ? 12 : !strcmp(kind, "quarter") ? 3 : 1;

    *first = ym - ym % span;
    *last = *first + span - 1;
}

static bool rule_fits(const struct orglife_rule_row *r, const struct orglife_branch_row *b,
                      const char *type, const char *day)
{
    char key[32];

    snprintf(key, sizeof(key), ",%s,", !strcmp(type, "group") ? "group" : b->type);
    return !strcmp(r->type, type) && strstr(r->org_types, key) && strcmp(r->valid_from, day) <= 0 &&
           strcmp(day, r->valid_to) < 0 &&
           (!r->org_id || (r->org_path && !strncmp(b->path, r->org_path, strlen(r->org_path))));
}

/* The rule for branch b and type on day: the deepest override, else the default. */
static const struct orglife_rule_row *rule_for(const struct inputs *in,
                                               const struct orglife_branch_row *b, const char *type,
                                               const char *day)
{
    const struct orglife_rule_row *best = NULL;

    for (int64_t i = 0; i < in->nrules; i++) {
        const struct orglife_rule_row *r = &in->rules[i];
        size_t depth = r->org_path ? strlen(r->org_path) : 0;

        if (rule_fits(r, b, type, day) &&
            (!best || depth > (best->org_path ? strlen(best->org_path) : 0) ||
             (depth == (best->org_path ? strlen(best->org_path) : 0) &&
              strcmp(r->valid_from, best->valid_from) >= 0)))
            best = r;
    }
    return best;
}

static int held_cmp(const void *x, const void *y)
{
    const struct orglife_held_row *a = x, *b = y;
    int c;

    if (a->org_id != b->org_id)
        return a->org_id < b->org_id ? -1 : 1;
    if ((c = strcmp(a->type, b->type)))
        return c;
    return a->year < b->year ? -1 : a->year > b->year;
}

/* The meeting_year row of org, type and year; NULL when none was held. */
static const struct orglife_held_row *held_row(const struct inputs *in, int64_t org_id,
                                               const char *type, int64_t year)
{
    struct orglife_held_row key = { .org_id = org_id, .type = type, .year = year };

    return bsearch(&key, in->held, (size_t)in->nheld, sizeof(key), held_cmp);
}

/* Held meetings of org and type in month ym. */
static int64_t held_at(const struct inputs *in, int64_t org_id, const char *type, int ym)
{
    const struct orglife_held_row *h = held_row(in, org_id, type, ym / 12);

    return h ? h->months[ym % 12] : 0;
}

/* One branch and type over months [m0, m1]; false when no rule applies in any period. */
static bool item_fill(const struct inputs *in, const struct orglife_branch_row *b, const char *type,
                      int m0, int m1, struct arena *a, struct orglife_compliance_item *it)
{
    int64_t present = 0, expected_att = 0, study = 0;
    int founded = b->founded_on ? month_of(b->founded_on) : 0;
    int dissolved = b->dissolved_on ? month_of(b->dissolved_on) : INT_MAX;
    int64_t mult = !strcmp(type, "group") ? b->groups : 1;
    bool any = false;

    if (!mult || (!strcmp(type, "committee") && !b->committee))
        return false;
    *it = (struct orglife_compliance_item){
        .org_id = b->id, .org_name = b->name, .org_path = b->path, .type = type
    };
    for (int ym = m0; ym <= m1;) {
        char day[11], end[11];
        const struct orglife_rule_row *r;
        int first, last;
        int64_t need, got = 0;

        month_day(ym, 1, day);
        r = rule_for(in, b, type, day);
        if (!r) {
            ym++;
            continue;
        }
        period_span(r->period, ym, &first, &last);
        for (int k = ym; k <= last && k <= m1; k++)
            got += held_at(in, b->id, type, k);
        if (last >= founded && first <= dissolved) {
            need = r->min_count * mult;
            any = true;
            it->rule_id = r->rule_id;
            it->period = r->period;
            it->min_count = r->min_count;
            it->expected += need;
            month_day(last, 0, end);
            if (got < need && strcmp(end, in->today) < 0)
                it->overdue += need - got;
            else if (got < need) {
                char soon[11];
                int y, m, d;

                date_parse(in->today, &y, &m, &d);
                date_from_days(date_to_days(y, m, d) + 30, &y, &m, &d);
                ymd(y, m, d, soon);
                if (strcmp(end, soon) <= 0)
                    it->due_soon += need - got;
                if (!it->next_due)
                    it->next_due = arena_strdup(a, end);
            }
        }
        it->held += got;
        ym = last + 1;
    }
    for (int y = m0 / 12; y <= m1 / 12; y++) {
        const struct orglife_held_row *h = held_row(in, b->id, type, y);
        if (h) {
            present += h->present_sum;
            study += h->study_sum;
            expected_att += h->expected_sum;
        }
    }
    it->attendance_rate = expected_att ? (double)present / (double)expected_att : -1;
    it->study_rate = expected_att ? (double)study / (double)expected_att : -1;
    return any;
}

int orglife_compliance(struct app *app, const char *org_path, const char *from, const char *to,
                       struct arena *a, struct orglife_compliance_item **out, int64_t *n_out,
                       struct err *err)
{
    struct db_conn *c = NULL;
    struct inputs in = { 0 };
    struct orglife_compliance_item *items;
    int m0 = month_of(from), m1 = month_of(to);
    int64_t n = 0;
    size_t ntypes = 0;

    if (strcmp(to, from) < 0)
        return err_set(err, E_INVALID, "/to", "结束日期不能早于开始日期");
    if (m1 - m0 >= RANGE_MONTHS_MAX)
        return err_set(err, E_INVALID, "/to", "统计区间不能超过 %d 个月", RANGE_MONTHS_MAX);
    clock_today(in.today);
    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    if (orglife_store_rules(c, from, to, a, &in.rules, &in.nrules, err) < 0 ||
        orglife_store_branches(c, org_path, from, to, a, &in.branches, &in.nbranches, err) < 0 ||
        orglife_store_held(c, org_path, m0 / 12, m1 / 12, a, &in.held, &in.nheld, err) < 0) {
        db_release(app->db, &c);
        return -1;
    }
    db_release(app->db, &c);
    if (in.nheld)
        qsort(in.held, (size_t)in.nheld, sizeof(*in.held), held_cmp);
    while (MEETING_TYPES[ntypes])
        ntypes++;
    items = arena_alloc(a, sizeof(*items) * ((size_t)in.nbranches * ntypes + 1));
    for (int64_t i = 0; i < in.nbranches; i++)
        for (const char *const *t = MEETING_TYPES; *t; t++)
            if (item_fill(&in, &in.branches[i], *t, m0, m1, a, &items[n]))
                n++;
    *out = items;
    *n_out = n;
    return 0;
}
