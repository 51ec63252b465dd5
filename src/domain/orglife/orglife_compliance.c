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

/* A rule row ready for the loop over months: its dates as YYYYMMDD numbers, the months in
 * one of its periods, the depth of its override (0: the default). */
struct rule_x {
    const struct orglife_rule_row *r;
    int from, to, span;
    size_t depth;
};

struct inputs {
    struct rule_x *rules;
    struct orglife_branch_row *branches;
    struct orglife_held_row *held;
    int64_t nrules, nbranches, nheld;
    int today, soon; /* YYYYMMDD: today, and 30 days on */
};

static int month_of(const char *date)
{
    int y, m, d;

    return date_parse(date, &y, &m, &d) < 0 ? 0 : y * 12 + (m - 1);
}

/* YYYY-MM-DD as the number YYYYMMDD (9999-12-31 stays the largest); 0 when not a date. */
static int day_num(const char *date)
{
    int y, m, d;

    return date_parse(date, &y, &m, &d) < 0 ? 0 : y * 10000 + m * 100 + d;
}

/* Day d of month ym (0: its last day) as YYYYMMDD. */
static int month_day(int ym, int d)
{
    int y = ym / 12, m = ym % 12 + 1;

    return y * 10000 + m * 100 + (d ? d : date_days_in_month(y, m));
}

static void prepare_rules(struct inputs *in, const struct orglife_rule_row *rows, int64_t n,
                          struct arena *a)
{
    in->rules = arena_alloc(a, sizeof(*in->rules) * (size_t)(n + 1));
    in->nrules = n;
    for (int64_t i = 0; i < n; i++)
        in->rules[i] = (struct rule_x){
            .r = &rows[i],
            .from = day_num(rows[i].valid_from),
            .to = day_num(rows[i].valid_to),
            .span = !strcmp(rows[i].period, "year")      ? 12
                    : !strcmp(rows[i].period, "quarter") ? 3
                                                         : 1,
            .depth = rows[i].org_id && rows[i].org_path ? strlen(rows[i].org_path) : 0,
        };
}

/* The rules of type that can apply to branch b at all (org type, subtree), into out. */
static int64_t rules_for_branch(const struct inputs *in, const struct orglife_branch_row *b,
                                const char *type, const struct rule_x **out, int64_t max)
{
    char key[32];
    int64_t n = 0;

    snprintf(key, sizeof(key), ",%s,", !strcmp(type, "group") ? "group" : b->type);
    for (int64_t i = 0; i < in->nrules && n < max; i++) {
        const struct orglife_rule_row *r = in->rules[i].r;

        if (!strcmp(r->type, type) && strstr(r->org_types, key) &&
            (!r->org_id || (r->org_path && !strncmp(b->path, r->org_path, in->rules[i].depth))))
            out[n++] = &in->rules[i];
    }
    return n;
}

/* The rule in force on day among the shortlist: the deepest override, else the default; the
 * later version between two of one depth. */
static const struct rule_x *rule_on(const struct rule_x *const *list, int64_t n, int day)
{
    const struct rule_x *best = NULL;

    for (int64_t i = 0; i < n; i++)
        if (list[i]->from <= day && day < list[i]->to &&
            (!best || list[i]->depth > best->depth ||
             (list[i]->depth == best->depth && list[i]->from >= best->from)))
            best = list[i];
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
    const struct rule_x *list[16];
    int64_t nlist, present = 0, expected_att = 0, study = 0;
    int founded = b->founded_on ? month_of(b->founded_on) : 0;
    int dissolved = b->dissolved_on ? month_of(b->dissolved_on) : INT_MAX;
    int64_t mult = !strcmp(type, "group") ? b->groups : 1;
    bool any = false;

    if (!mult || (!strcmp(type, "committee") && !b->committee) ||
        !(nlist = rules_for_branch(in, b, type, list, (int64_t)ARRAY_LEN(list))))
        return false;
    *it = (struct orglife_compliance_item){
        .org_id = b->id, .org_name = b->name, .org_path = b->path, .type = type
    };
    for (int ym = m0; ym <= m1;) {
        const struct rule_x *r = rule_on(list, nlist, month_day(ym, 1));
        int first, last, end;
        int64_t need, got = 0;

        if (!r) {
            ym++;
            continue;
        }
        first = ym - ym % r->span;
        last = first + r->span - 1;
        for (int k = ym; k <= last && k <= m1; k++)
            got += held_at(in, b->id, type, k);
        if (last >= founded && first <= dissolved) {
            need = r->r->min_count * mult;
            any = true;
            it->rule_id = r->r->rule_id;
            it->period = r->r->period;
            it->min_count = r->r->min_count;
            it->expected += need;
            end = month_day(last, 0);
            if (got < need && end < in->today)
                it->overdue += need - got;
            else if (got < need) {
                if (end <= in->soon)
                    it->due_soon += need - got;
                if (!it->next_due)
                    it->next_due =
                        arena_printf(a, "%04d-%02d-%02d", end / 10000, end / 100 % 100, end % 100);
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
    it->branches = 1;
    it->behind = it->overdue > 0;
    it->present_sum = present;
    it->study_sum = study;
    it->expected_sum = expected_att;
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
    struct orglife_rule_row *rules;
    int m0 = month_of(from), m1 = month_of(to);
    int64_t n = 0, nrules;
    size_t ntypes = 0;
    char today[11];
    int y, m, d;

    if (strcmp(to, from) < 0)
        return err_set(err, E_INVALID, "/to", "结束日期不能早于开始日期");
    if (m1 - m0 >= RANGE_MONTHS_MAX)
        return err_set(err, E_INVALID, "/to", "统计区间不能超过 %d 个月", RANGE_MONTHS_MAX);
    clock_today(today);
    date_parse(today, &y, &m, &d);
    in.today = y * 10000 + m * 100 + d;
    date_from_days(date_to_days(y, m, d) + 30, &y, &m, &d);
    in.soon = y * 10000 + m * 100 + d;
    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    if (orglife_store_rules(c, from, to, a, &rules, &nrules, err) < 0 ||
        orglife_store_branches(c, org_path, from, to, a, &in.branches, &in.nbranches, err) < 0 ||
        orglife_store_held(c, org_path, m0 / 12, m1 / 12, a, &in.held, &in.nheld, err) < 0) {
        db_release(app->db, &c);
        return -1;
    }
    db_release(app->db, &c);
    prepare_rules(&in, rules, nrules, a);
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

/* The id of the child of the org at root under which path lies (the org itself for root). */
static int64_t child_of(const char *root, const char *path, int64_t self)
{
    size_t n = strlen(root);

    return strlen(path) > n ? strtoll(path + n, NULL, 10) : self;
}

/* Adds branch item b into the sum s. */
static void item_add(struct orglife_compliance_item *s, const struct orglife_compliance_item *b)
{
    s->expected += b->expected;
    s->held += b->held;
    s->overdue += b->overdue;
    s->due_soon += b->due_soon;
    s->branches += b->branches;
    s->behind += b->behind;
    s->present_sum += b->present_sum;
    s->study_sum += b->study_sum;
    s->expected_sum += b->expected_sum;
}

static int64_t index_of_kid(const struct orglife_child_row *kids, int64_t n, int64_t id)
{
    for (int64_t k = 0; k < n; k++)
        if (kids[k].id == id)
            return k;
    return -1;
}

static int64_t index_of_type(const char *type)
{
    for (int64_t t = 0; MEETING_TYPES[t]; t++)
        if (!strcmp(MEETING_TYPES[t], type))
            return t;
    return -1;
}

int orglife_compliance_by_child(struct app *app, const char *org_path, const char *from,
                                const char *to, struct arena *a,
                                struct orglife_compliance_item **out, int64_t *n_out,
                                struct err *err)
{
    struct orglife_compliance_item *items, *grid, *sums;
    struct orglife_child_row *kids;
    struct db_conn *c = NULL;
    int64_t n, nkids, ntypes = index_of_type("custom") + 1, nsums = 0;
    int rc;

    if (orglife_compliance(app, org_path, from, to, a, &items, &n, err) < 0 ||
        db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = orglife_store_children(c, org_path, a, &kids, &nkids, err);
    db_release(app->db, &c);
    if (rc < 0)
        return -1;
    if (!nkids) {
        *out = NULL;
        *n_out = 0;
        return 0;
    }
    /* grid[kid * ntypes + type]: each branch item added to its child's cell, in one pass */
    grid = arena_alloc(a, sizeof(*grid) * (size_t)(nkids * ntypes + 1));
    memset(grid, 0, sizeof(*grid) * (size_t)(nkids * ntypes + 1));
    for (int64_t i = 0; i < n; i++) {
        int64_t k = index_of_kid(kids, nkids, child_of(org_path, items[i].org_path, kids[0].id));
        int64_t t = index_of_type(items[i].type);

        if (k >= 0 && t >= 0)
            item_add(&grid[k * ntypes + t], &items[i]);
    }
    sums = arena_alloc(a, sizeof(*sums) * (size_t)(nkids * ntypes + 1));
    for (int64_t k = 0; k < nkids; k++)
        for (int64_t t = 0; t < ntypes; t++) {
            struct orglife_compliance_item *s = &grid[k * ntypes + t];

            if (!s->branches)
                continue;
            s->org_id = kids[k].id;
            s->org_name = kids[k].name;
            s->org_path = kids[k].path;
            s->type = MEETING_TYPES[t];
            s->attendance_rate =
                s->expected_sum ? (double)s->present_sum / (double)s->expected_sum : -1;
            s->study_rate = s->expected_sum ? (double)s->study_sum / (double)s->expected_sum : -1;
            sums[nsums++] = *s;
        }
    *out = sums;
    *n_out = nsums;
    return 0;
}
