/* orgs_units_demo.c: the org units' demo hook (ORG_UNITS_DEMO, in the org_units module row):
 * the units linked to the demo streets and communities (大党委成员单位, 共建单位), drawn from a
 * random stream of their own after the orgs are in, so the rest of the demo stays the same
 * whatever is drawn here. It reads the orgs back through the area's store and creates no orgs
 * or people. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "domain/demo/demo.h"
#include "domain/demo/demo_kit.h"
#include "domain/orgs/orgs_int.h"

/* The stream and word lists of one run of the hook. */
struct units_gen {
    const struct demo_ctx *ctx;
    struct rng r;
    struct words units, company;
};

/* A day between from and to (inclusive), as YYYY-MM-DD. */
static void unit_day(struct rng *r, int64_t from, int64_t to, char out[11])
{
    demo_days_fmt(to > from ? from + demo_rng_below(r, (int)(to - from + 1)) : from, out);
}

static int unit_link(struct units_gen *u, const struct org_unit_demo_org *o, char *name,
                     const char *kind, struct err *err)
{
    char joined[11], left[11], kind_buf[32];
    struct org_unit_in in = { name, kind_buf, joined };
    int y, m, d;
    int64_t from = date_to_days(2016, 1, 1), today = u->ctx->today_days, id;

    snprintf(kind_buf, sizeof(kind_buf), "%s", kind);
    if (date_parse(o->founded_on, &y, &m, &d) == 0 && date_to_days(y, m, d) > from)
        from = date_to_days(y, m, d);
    unit_day(&u->r, from, today - 60, joined);
    if (org_store_unit_insert(u->ctx->c, o->id, &in, u->ctx->now, &id, err) < 0)
        return -1;
    /* About one link in twelve has ended: the unit withdrew or the co-building ran out. */
    if (demo_rng_chance(&u->r, 80)) {
        ASSERT(date_parse(joined, &y, &m, &d) == 0);
        unit_day(&u->r, date_to_days(y, m, d) + 180, today - 1, left);
        if (strcmp(left, joined) > 0)
            return org_store_unit_leave(u->ctx->c, id, left, err);
    }
    return 0;
}

/* The street 大党委: district units in the street, its police station, its health centre. */
static int street_units(struct units_gen *u, const struct org_unit_demo_org *o, const int *pick,
                        int np, struct err *err)
{
    int want = demo_rng_range(&u->r, 6, np < 10 ? np : 10);
    size_t stem = strlen(o->short_name);
    char name[128];

    if (stem > strlen("街道党工委") &&
        !strcmp(o->short_name + stem - strlen("街道党工委"), "街道党工委"))
        stem -= strlen("街道党工委");
    demo_sfmt(name, sizeof(name), "江澜市公安局%s分局%.*s派出所", DEMO_DISTRICT, (int)stem,
              o->short_name);
    if (unit_link(u, o, name, "committee_member_unit", err) < 0)
        return -1;
    demo_sfmt(name, sizeof(name), "%.*s街道社区卫生服务中心", (int)stem, o->short_name);
    if (unit_link(u, o, name, "committee_member_unit", err) < 0)
        return -1;
    for (int k = 0; k < want; k++) {
        demo_sfmt(name, sizeof(name), "%s区%s", DEMO_DISTRICT, u->units.w[pick[k]]);
        if (unit_link(u, o, name, "committee_member_unit", err) < 0)
            return -1;
    }
    return 0;
}

/* A community: units based in it on its 大党委, companies and social organizations
 * co-building with it. */
static int community_units(struct units_gen *u, const struct org_unit_demo_org *o, const int *pick,
                           int np, struct err *err)
{
    static const char *const kinds[] = { "科技", "商贸", "建设", "物流", "文化传媒" };
    char name[128];

    for (int k = 0, want = demo_rng_range(&u->r, 2, 4); k < want && k < np; k++) {
        demo_sfmt(name, sizeof(name), "%s区%s", DEMO_DISTRICT, u->units.w[pick[k]]);
        if (unit_link(u, o, name, "committee_member_unit", err) < 0)
            return -1;
    }
    for (int k = 0, want = demo_rng_range(&u->r, 1, 3); k < want; k++) {
        const char *word = u->company.w[(demo_rng_below(&u->r, u->company.n) + k) % u->company.n];
        switch (k) {
        case 0:
            demo_sfmt(name, sizeof(name), "江澜%s%s有限公司", word,
                      kinds[demo_rng_below(&u->r, (int)ARRAY_LEN(kinds))]);
            break;
        case 1:
            demo_sfmt(name, sizeof(name), "%s律师事务所", word);
            break;
        default:
            demo_sfmt(name, sizeof(name), "%s社会工作服务中心", word);
            break;
        }
        if (unit_link(u, o, name, "co_building", err) < 0)
            return -1;
    }
    return 0;
}

static int org_units_demo_run(const struct demo_ctx *ctx, struct err *err)
{
    struct org_unit_demo_org *orgs;
    struct units_gen u = { .ctx = ctx };
    struct arena a;
    int64_t n;
    int rc = -1;

    arena_init(&a, 0);
    demo_rng_seed(&u.r, ctx->seed ^ 0x756e6974735eedULL);
    demo_words_parse(DEMO_WORK_UNITS, &u.units);
    demo_words_parse(DEMO_COMPANY_WORDS, &u.company);
    if (org_store_unit_demo_orgs(ctx->c, &a, &orgs, &n, err) < 0)
        goto out;
    for (int64_t i = 0; i < n; i++) {
        int pick[32], np = u.units.n < 32 ? u.units.n : 32;

        /* Distinct district units: a shuffled prefix of the list. */
        for (int k = 0; k < np; k++)
            pick[k] = k;
        for (int k = np - 1; k > 0; k--) {
            int j = demo_rng_below(&u.r, k + 1), t = pick[k];
            pick[k] = pick[j];
            pick[j] = t;
        }
        if ((!strcmp(orgs[i].type, "street") ? street_units(&u, &orgs[i], pick, np, err)
                                             : community_units(&u, &orgs[i], pick, np, err)) < 0)
            goto out;
    }
    rc = 0;
out:
    arena_release(&a);
    return rc;
}

const struct demo_hook ORG_UNITS_DEMO = { "org_units", DEMO_PHASE_ROWS, org_units_demo_run };
