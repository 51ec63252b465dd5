/* demo_units.c: the units linked to the demo streets and communities (大党委成员单位,
 * 共建单位), drawn from a random stream of their own after the orgs are in, so the rest of the
 * demo stays the same whatever is drawn here. It reads the orgs back through demo_store.c
 * and creates no orgs or people. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "domain/demo/demo_int.h"

/* ---------------------------------------------------------------------------------------
 * Units linked to the streets and communities (大党委成员单位, 共建单位), drawn from their own
 * random stream so the rest of the demo stays the same whatever is drawn here.
 */

/* A day between from and to (inclusive), as YYYY-MM-DD. */
static void unit_day(struct rng *r, int64_t from, int64_t to, char out[11])
{
    demo_days_fmt(to > from ? from + demo_rng_below(r, (int)(to - from + 1)) : from, out);
}

static int unit_link(struct gen *g, struct rng *r, const struct demo_unit_org *o, const char *name,
                     const char *kind)
{
    char joined[11], left[11];
    int y, m, d;
    int64_t from = date_to_days(2016, 1, 1);

    if (date_parse(o->founded_on, &y, &m, &d) == 0 && date_to_days(y, m, d) > from)
        from = date_to_days(y, m, d);
    unit_day(r, from, g->today_days - 60, joined);
    /* About one link in twelve has ended: the unit withdrew or the co-building ran out. */
    if (demo_rng_chance(r, 80)) {
        ASSERT(date_parse(joined, &y, &m, &d) == 0);
        unit_day(r, date_to_days(y, m, d) + 180, g->today_days - 1, left);
        if (strcmp(left, joined) > 0)
            return demo_store_unit_insert(g->c, o->id, name, kind, joined, left, g->now, g->err);
    }
    return demo_store_unit_insert(g->c, o->id, name, kind, joined, NULL, g->now, g->err);
}

int demo_gen_units(struct gen *g, uint64_t seed)
{
    static const char *const kinds[] = { "科技", "商贸", "建设", "物流", "文化传媒" };
    struct demo_unit_org *orgs;
    struct arena a;
    struct rng r;
    char name[128];
    int64_t n;
    int rc = -1;

    arena_init(&a, 0);
    demo_rng_seed(&r, seed ^ 0x756e6974735eedULL);
    if (demo_store_unit_orgs(g->c, &a, &orgs, &n, g->err) < 0)
        goto out;
    for (int64_t i = 0; i < n; i++) {
        const struct demo_unit_org *o = &orgs[i];
        int pick[32], np = g->units.n < 32 ? g->units.n : 32;

        /* Distinct district units: a shuffled prefix of the list. */
        for (int k = 0; k < np; k++)
            pick[k] = k;
        for (int k = np - 1; k > 0; k--) {
            int j = demo_rng_below(&r, k + 1), t = pick[k];
            pick[k] = pick[j];
            pick[j] = t;
        }
        if (!strcmp(o->type, "street")) {
            /* The street 大党委: district units in the street, its police station, its
             * health centre. */
            int want = demo_rng_range(&r, 6, np < 10 ? np : 10);
            size_t stem = strlen(o->short_name);
            if (stem > strlen("街道党工委") &&
                !strcmp(o->short_name + stem - strlen("街道党工委"), "街道党工委"))
                stem -= strlen("街道党工委");
            demo_sfmt(name, sizeof(name), "江澜市公安局%s分局%.*s派出所", DEMO_DISTRICT, (int)stem,
                      o->short_name);
            if (unit_link(g, &r, o, name, "committee_member_unit") < 0)
                goto out;
            demo_sfmt(name, sizeof(name), "%.*s街道社区卫生服务中心", (int)stem, o->short_name);
            if (unit_link(g, &r, o, name, "committee_member_unit") < 0)
                goto out;
            for (int k = 0; k < want; k++) {
                demo_sfmt(name, sizeof(name), "%s区%s", DEMO_DISTRICT, g->units.w[pick[k]]);
                if (unit_link(g, &r, o, name, "committee_member_unit") < 0)
                    goto out;
            }
            continue;
        }
        /* A community: units based in it on its 大党委, companies and social organizations
         * co-building with it. */
        for (int k = 0, want = demo_rng_range(&r, 2, 4); k < want && k < np; k++) {
            demo_sfmt(name, sizeof(name), "%s区%s", DEMO_DISTRICT, g->units.w[pick[k]]);
            if (unit_link(g, &r, o, name, "committee_member_unit") < 0)
                goto out;
        }
        for (int k = 0, want = demo_rng_range(&r, 1, 3); k < want; k++) {
            const char *word = g->company.w[(demo_rng_below(&r, g->company.n) + k) % g->company.n];
            switch (k) {
            case 0:
                demo_sfmt(name, sizeof(name), "江澜%s%s有限公司", word,
                          kinds[demo_rng_below(&r, (int)ARRAY_LEN(kinds))]);
                break;
            case 1:
                demo_sfmt(name, sizeof(name), "%s律师事务所", word);
                break;
            default:
                demo_sfmt(name, sizeof(name), "%s社会工作服务中心", word);
                break;
            }
            if (unit_link(g, &r, o, name, "co_building") < 0)
                goto out;
        }
    }
    rc = 0;
out:
    arena_release(&a);
    return rc;
}
