/* dues_read.c: the dues service's reads: entries of a subtree or a member, the ledger grid of
 * a year (expected, paid, extra per member and month), arrears (DUES-ARREARS: flagged, never
 * acted on), 党费交至 and the signed-in member's own dues. Expected amounts come from the
 * standards in force each month, lowered by approved reliefs (DUES-HARDSHIP); sums net
 * reversals against the entries they reverse. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/dues/dues_int.h"

/* The run of rows of member id at *i in an array ordered by member id (advancing *i past
 * rows of smaller ids); *n_out its length. */
#define RUN_OF(arr, narr, i, id, n_out)                                                            \
    do {                                                                                           \
        while (*(i) < (narr) && (arr)[*(i)].member_id < (id))                                      \
            (*(i))++;                                                                              \
        *(n_out) = 0;                                                                              \
        while (*(i) + *(n_out) < (narr) && (arr)[*(i) + *(n_out)].member_id == (id))               \
            (*(n_out))++;                                                                          \
    } while (0)

/* The standard in force in month index mi among a member's standards (by from_month). */
static const struct dues_std_row *std_at(const struct dues_std_row *s, int64_t n, int mi)
{
    const struct dues_std_row *best = NULL;

    for (int64_t k = 0; k < n; k++)
        if (dues_month_index(s[k].from_month) <= mi)
            best = &s[k];
    return best;
}

/* One member's standards, approved reliefs (DUES-HARDSHIP) and monthly sums. */
struct member_months {
    const struct dues_std_row *s;
    int64_t ns;
    const struct dues_relief_row *r;
    int64_t nr;
    const struct dues_sum *sum;
    int64_t nsum;
};

/* Expected (the standard in force, lowered by an approved relief), paid and extra of months
 * [first, first + nm) of one member into cells. */
static void fill_cells(const struct member_months *mm, int first, int nm, struct dues_cell *cells)
{
    const struct dues_sum *sum = mm->sum;
    int64_t nsum = mm->nsum;

    for (int k = 0; k < nm; k++) {
        const struct dues_std_row *st = std_at(mm->s, mm->ns, first + k);
        int64_t expected = st ? dues_relief_amount(mm->r, mm->nr, first + k, st->amount_fen) : 0;
        cells[k] = (struct dues_cell){ expected, 0, 0 };
    }
    for (int64_t k = 0; k < nsum; k++) {
        int at = dues_month_index(sum[k].month) - first;
        if (at >= 0 && at < nm) {
            cells[at].paid_fen += sum[k].paid_fen;
            cells[at].extra_fen += sum[k].extra_fen;
        }
    }
}

/* One member's standards, approved reliefs and the sums of months [from, to]. */
static int member_months_load(struct db_conn *c, int64_t member_id, const char *from,
                              const char *to, struct arena *a, struct member_months *mm,
                              struct err *err)
{
    struct dues_std_row *s;
    struct dues_relief_row *r;
    struct dues_sum *sum;

    if (dues_store_standards(c, NULL, member_id, a, &s, &mm->ns, err) < 0 ||
        dues_store_relief_rows(c, NULL, member_id, a, &r, &mm->nr, err) < 0 ||
        dues_store_sums(c, NULL, member_id, from, to, a, &sum, &mm->nsum, err) < 0)
        return -1;
    mm->s = s;
    mm->r = r;
    mm->sum = sum;
    return 0;
}

static void row_fill(struct dues_row *r, const struct member_months *mm, int year)
{
    int last = year * 12 + 11;
    const struct dues_std_row *st = std_at(mm->s, mm->ns, last);

    fill_cells(mm, year * 12, 12, r->months);
    if (st) {
        r->category = st->category;
        r->base_fen = st->base_fen;
        r->amount_fen = st->amount_fen;
    }
}

void dues_row_totals(const struct dues_row *r, int year, int last_mi, int64_t tot[4])
{
    for (int k = 0; k < 12; k++) {
        const struct dues_cell *c = &r->months[k];
        tot[0] += c->expected_fen;
        tot[1] += c->paid_fen;
        tot[2] += c->extra_fen;
        if (year * 12 + k <= last_mi && c->paid_fen < c->expected_fen)
            tot[3] += c->expected_fen - c->paid_fen;
    }
}

int dues_last_due_month(void)
{
    char today[11];

    clock_today(today);
    today[7] = '\0';
    return dues_month_index(today) - 1;
}

int dues_year_or_now(int64_t year)
{
    char today[11];

    if (year)
        return (int)year;
    clock_today(today);
    return (today[0] - '0') * 1000 + (today[1] - '0') * 100 + (today[2] - '0') * 10 +
           (today[3] - '0');
}

int dues_entries(struct app *app, const char *path, const char *period, int64_t page, int64_t size,
                 struct arena *a, struct dues_entry **out, int64_t *n_out, int64_t *total_out,
                 struct err *err)
{
    struct db_conn *c = NULL;
    const char *from = period, *to = period;
    int rc;

    if (strlen(period) == 4) {
        from = arena_printf(a, "%s-01", period);
        to = arena_printf(a, "%s-12", period);
    }
    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = dues_store_entries_page(c, path, from, to, page, size, a, out, n_out, total_out, err);
    db_release(app->db, &c);
    return rc;
}

int dues_ledger(struct app *app, const char *path, int year, struct arena *a,
                struct dues_row **rows_out, int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct dues_member_ref *m;
    struct dues_std_row *s;
    struct dues_relief_row *rl;
    struct dues_sum *sum;
    struct dues_row *rows;
    int64_t nm, ns, nrl, nsum, is = 0, irl = 0, isum = 0;
    int rc = -1;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    if (dues_store_members(c, path, a, &m, &nm, err) < 0 ||
        dues_store_standards(c, path, 0, a, &s, &ns, err) < 0 ||
        dues_store_relief_rows(c, path, 0, a, &rl, &nrl, err) < 0 ||
        dues_store_sums(c, path, 0, arena_printf(a, "%04d-01", year),
                        arena_printf(a, "%04d-12", year), a, &sum, &nsum, err) < 0)
        goto out;
    rows = arena_alloc(a, (size_t)(nm + 1) * sizeof(*rows));
    for (int64_t i = 0; i < nm; i++) {
        int64_t k, l, q;
        struct member_months mm;
        rows[i] = (struct dues_row){ .member_id = m[i].id,
                                     .org_id = m[i].org_id,
                                     .name = m[i].name,
                                     .org_name = m[i].org_name,
                                     .org_path = m[i].org_path };
        RUN_OF(s, ns, &is, m[i].id, &k);
        RUN_OF(rl, nrl, &irl, m[i].id, &q);
        RUN_OF(sum, nsum, &isum, m[i].id, &l);
        mm = (struct member_months){ s + is, k, rl + irl, q, sum + isum, l };
        row_fill(&rows[i], &mm, year);
    }
    *rows_out = rows;
    *n_out = nm;
    rc = 0;
out:
    db_release(app->db, &c);
    return rc;
}

int dues_arrears(struct app *app, const char *path, struct arena *a, struct dues_arrear **out,
                 int64_t *n_out, const char **rule_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct dues_member_ref *m;
    struct dues_std_row *s;
    struct dues_relief_row *rl;
    struct dues_sum *sum;
    struct dues_rule *rules;
    struct dues_arrear *items;
    char today[11], month[8], last[8];
    int64_t nm, ns, nrl, nsum, is = 0, irl = 0, isum = 0, n = 0, limit;
    size_t nr;
    int lastmi, rc = -1;

    clock_today(today);
    memcpy(month, today, 7);
    month[7] = '\0';
    lastmi = dues_month_index(month) - 1; /* the current month is not due yet */
    dues_month_fmt(lastmi, last);
    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    if (dues_store_rules(c, a, &rules, &nr, err) < 0 ||
        dues_store_members(c, path, a, &m, &nm, err) < 0 ||
        dues_store_standards(c, path, 0, a, &s, &ns, err) < 0 ||
        dues_store_relief_rows(c, path, 0, a, &rl, &nrl, err) < 0 ||
        dues_store_sums(c, path, 0, "0000-00", last, a, &sum, &nsum, err) < 0)
        goto out;
    {
        const struct dues_rule *r = dues_rule_in_force(rules, nr, "DUES-ARREARS", month);
        limit = dues_rule_param(r, "months", 6);
        *rule_out = r ? r->rule_id : "DUES-ARREARS";
    }
    items = arena_alloc(a, (size_t)(nm + 1) * sizeof(*items));
    for (int64_t i = 0; i < nm; i++) {
        int64_t k, l, q, unpaid = 0, run = 0, owed = 0;
        int first, since = -1, span;
        struct dues_cell *cells;
        struct member_months mm;

        RUN_OF(s, ns, &is, m[i].id, &k);
        RUN_OF(rl, nrl, &irl, m[i].id, &q);
        RUN_OF(sum, nsum, &isum, m[i].id, &l);
        mm = (struct member_months){ s + is, k, rl + irl, q, sum + isum, l };
        if (!k || (first = dues_month_index(s[is].from_month)) > lastmi)
            continue;
        span = lastmi - first + 1;
        cells = arena_alloc(a, (size_t)span * sizeof(*cells));
        fill_cells(&mm, first, span, cells);
        for (int j = 0; j < span; j++) {
            bool due = cells[j].paid_fen < cells[j].expected_fen;
            if (due) {
                unpaid++;
                owed += cells[j].expected_fen - cells[j].paid_fen;
                if (since < 0)
                    since = first + j;
            }
            run = due ? run + 1 : 0;
        }
        if (!unpaid)
            continue;
        items[n] = (struct dues_arrear){ .member_id = m[i].id,
                                         .org_id = m[i].org_id,
                                         .months_unpaid = unpaid,
                                         .consecutive = run,
                                         .owed_fen = owed,
                                         .name = m[i].name,
                                         .org_name = m[i].org_name,
                                         .flagged = run >= limit };
        {
            char *m8 = arena_alloc(a, 8);
            dues_month_fmt(since, m8);
            items[n].since = m8;
        }
        n++;
    }
    *out = items;
    *n_out = n;
    rc = 0;
out:
    db_release(app->db, &c);
    return rc;
}

int dues_paid_to(struct app *app, int64_t member_id, struct arena *a, const char **out,
                 struct err *err)
{
    struct db_conn *c = NULL;
    struct member_months mm;
    struct dues_cell *cells;
    char today[11], month[8];
    int64_t org_id;
    int first = -1, cur, j = 0, rc = -1;

    *out = NULL;
    clock_today(today);
    memcpy(month, today, 7);
    month[7] = '\0';
    cur = dues_month_index(month);
    if (dues_member_org(app, member_id, a, &org_id, NULL, err) < 0 ||
        db_acquire(app->db, &c, err) < 0)
        return -1;
    if (member_months_load(c, member_id, "0000-00", month, a, &mm, err) < 0)
        goto out;
    for (int64_t k = 0; k < mm.ns; k++)
        if (first < 0 || dues_month_index(mm.s[k].from_month) < first)
            first = dues_month_index(mm.s[k].from_month);
    rc = 0;
    if (first < 0 || first > cur)
        goto out;
    cells = arena_alloc(a, (size_t)(cur - first + 1) * sizeof(*cells));
    fill_cells(&mm, first, cur - first + 1, cells);
    while (j <= cur - first && cells[j].paid_fen >= cells[j].expected_fen)
        j++;
    if (j > 0) {
        char *m = arena_alloc(a, 8);
        dues_month_fmt(first + j - 1, m);
        *out = m;
    }
out:
    db_release(app->db, &c);
    return rc;
}

int dues_mine(struct app *app, int64_t person_id, int year, struct arena *a, struct dues_row *out,
              struct dues_entry **entries_out, int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct dues_member_ref m;
    struct member_months mm;
    int rc = -1;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    if (dues_store_member_of_person(c, person_id, a, &m, err) < 0 ||
        member_months_load(c, m.id, arena_printf(a, "%04d-01", year),
                           arena_printf(a, "%04d-12", year), a, &mm, err) < 0 ||
        dues_store_entries(c, m.id, arena_printf(a, "%04d-01", year),
                           arena_printf(a, "%04d-12", year), a, entries_out, n_out, err) < 0)
        goto out;
    *out = (struct dues_row){ .member_id = m.id, .org_id = m.org_id, .name = m.name };
    row_fill(out, &mm, year);
    rc = 0;
out:
    db_release(app->db, &c);
    return rc;
}
