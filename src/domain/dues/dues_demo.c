/* dues_demo.c: the dues area's demo hook: a standard for every current member of the demo
 * street from a year ago (a raise for some four months ago, DUES-CHANGE), priced by the rule
 * engine, and a year of monthly collections up to last month, set-based (one statement a
 * month): late payers, two unpaid months for a few, back-payments of months 10 and 11 months
 * old made last month (stored with their DUES-BACKPAY warning), one reversal with its
 * re-entry, one voluntary extra payment, and one member of the demo branch unpaid for the last
 * 6 months (DUES-ARREARS). The current month is left to collect. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "domain/demo/demo.h"
#include "domain/dues/dues_demo.h"

/* A modulus no member id is a multiple of in a demo street (no skip). */
#define NO_SKIP 1000000007

/* The day dd of month mi as YYYY-MM-DD, not after today. */
static const char *day_of(int mi, const char *dd, const char *today, struct arena *a)
{
    char m[8];
    const char *d;

    dues_month_fmt(mi, m);
    d = arena_printf(a, "%s-%s", m, dd);
    return strcmp(d, today) > 0 ? today : d;
}

static int price(const struct demo_ctx *ctx, const struct dues_rule *rules, size_t nr,
                 const char *month, const char *mode, struct arena *a, struct err *err)
{
    struct dues_demo_pair *p;
    int64_t n;

    if (dues_demo_store_pairs(ctx->c, a, &p, &n, err) < 0)
        return -1;
    for (int64_t i = 0; i < n; i++) {
        struct dues_calc k;
        if (dues_rules_compute(rules, nr, p[i].category, p[i].base_fen, month, mode, &k, err) < 0 ||
            dues_demo_store_price(ctx->c, &p[i], &k, err) < 0)
            return -1;
    }
    return 0;
}

/* Member b's payment of month is reversed (a wrong receipt number) and entered again; and b
 * pays 200 元 of voluntary extra dues last month. */
static int reversal(const struct demo_ctx *ctx, int64_t b, const char *month, const char *last,
                    struct arena *a, struct err *err)
{
    struct dues_member_ref m;
    struct dues_std_row std;
    struct dues_entry e;
    bool found = false;
    int64_t old, id;

    if (dues_store_member(ctx->c, b, a, &m, err) < 0 ||
        dues_demo_store_entry_of(ctx->c, b, month, &old, err) < 0 ||
        dues_store_standard_at(ctx->c, b, month, a, &std, &found, err) < 0)
        return -1;
    if (!found)
        return err_set(err, E_INTERNAL, "", "demo: member %" PRId64 " has no standard", b);
    e = (struct dues_entry){ .month = month,
                             .kind = "reversal",
                             .amount_fen = -std.amount_fen,
                             .method = "cash",
                             .reverses_id = old,
                             .paid_on = day_of(dues_month_index(month) + 1, "03", ctx->today, a),
                             .reason = "收据编号登记错误，冲正后重新登记" };
    if (dues_store_entry_insert(ctx->c, &m, &e, NULL, 0, ctx->now, &id, err) < 0)
        return -1;
    e = (struct dues_entry){ .month = month,
                             .kind = "payment",
                             .amount_fen = std.amount_fen,
                             .method = "cash",
                             .paid_on = e.paid_on,
                             .receipt_no = arena_printf(a, "DF%s-%" PRId64 "R", month, b) };
    if (dues_store_entry_insert(ctx->c, &m, &e, &std, 0, ctx->now, &id, err) < 0)
        return -1;
    e = (struct dues_entry){ .month = last,
                             .kind = "extra",
                             .amount_fen = 20000,
                             .method = "transfer",
                             .reason = "自愿多交",
                             .paid_on = day_of(dues_month_index(last), "01", ctx->today, a) };
    return dues_store_entry_insert(ctx->c, &m, &e, NULL, 0, ctx->now, &id, err);
}

/* Last year's collections month by month (j months ago), with the back-payments. */
static int collect(const struct demo_ctx *ctx, const struct dues_rule *rules, size_t nr, int cur,
                   int64_t arrears, struct arena *a, struct err *err)
{
    char last[8];

    dues_month_fmt(cur - 1, last);
    for (int j = 12; j >= 1; j--) {
        char month[8];
        struct dues_demo_month m = { .only_mod = 1, .now = ctx->now, .warnings = "[]" };

        dues_month_fmt(cur - j, month);
        m.month = month;
        m.receipt_prefix = arena_printf(a, "DF%s", month);
        m.paid_on = day_of(cur - j, "05", ctx->today, a);
        m.late_paid_on = day_of(cur - j + 1, "12", ctx->today, a);
        m.skip_mod = j <= 2 ? 97 : j == 10 || j == 11 ? 89 : NO_SKIP;
        m.skip[0] = j <= 6 ? arrears : 0; /* 6 months in arrears */
        if (dues_demo_store_collect(ctx->c, &m, err) < 0)
            return -1;
        if (j == 10 || j == 11) {
            /* Back-paid last month, with the warning the engine gives. */
            struct dues_warning w[2];
            size_t nw = dues_rules_warnings(rules, nr, month, last, 0, false, a, w);
            m.skip_mod = NO_SKIP;
            m.only_mod = 89;
            m.receipt_prefix = arena_printf(a, "BJ%s", month);
            m.paid_on = m.late_paid_on = day_of(cur - 1, "20", ctx->today, a);
            m.warnings = dues_warnings_json(w, nw, a);
            if (dues_demo_store_collect(ctx->c, &m, err) < 0)
                return -1;
        }
    }
    return 0;
}

static int dues_demo_run(const struct demo_ctx *ctx, struct err *err)
{
    struct arena a;
    struct dues_rule *rules;
    int64_t *ab, nab;
    size_t nr;
    char now_m[8], from[8], change[8], last[8];
    const char *mode;
    int cur, rc = -1;

    arena_init(&a, 1 << 16);
    memcpy(now_m, ctx->today, 7);
    now_m[7] = '\0';
    cur = dues_month_index(now_m);
    dues_month_fmt(cur - 12, from);
    dues_month_fmt(cur - 4, change);
    dues_month_fmt(cur - 1, last);
    if (dues_demo_store_pick(ctx->c, ctx->street->branch_org_id, ctx->street->member_person_id, &a,
                             &ab, &nab, err) < 0 ||
        dues_store_rules(ctx->c, &a, &rules, &nr, err) < 0 ||
        dues_store_rounding(ctx->c, "", &a, &mode, err) < 0 ||
        dues_demo_store_standards(ctx->c, ctx->street->street_org_id, from, change, ctx->now, err) <
            0 ||
        price(ctx, rules, nr, from, mode, &a, err) < 0 ||
        collect(ctx, rules, nr, cur, nab > 0 ? ab[0] : 0, &a, err) < 0)
        goto out;
    if (nab > 1) {
        char month[8];
        dues_month_fmt(cur - 3, month);
        if (reversal(ctx, ab[1], month, last, &a, err) < 0)
            goto out;
    }
    rc = 0;
out:
    arena_release(&a);
    return rc;
}

const struct demo_hook DUES_DEMO = { "dues", DEMO_PHASE_DONE, dues_demo_run };
