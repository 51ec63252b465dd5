/* demo_people.c: invented people for the demo: names (never one of the most common ten),
 * former names, mobile numbers, demo ID numbers unique across the run, education by era, and
 * birth dates for an age. It draws from the generator's streams and writes nothing; members,
 * households and their rows are demo_members.c's and demo_households.c's. */
#include "core/compat.h"
#include "core/clock.h"
#include "core/idcard.h"
#include "domain/demo/demo_int.h"

/* ---------------------------------------------------------------------------------------
 * People.
 */

static bool is_common_name(const char *name)
{
    for (size_t i = 0; i < DEMO_COMMON_NAMES_LEN; i++) {
        if (strcmp(name, DEMO_COMMON_NAMES[i]) == 0)
            return true;
    }
    return false;
}

static int name_era(int by)
{
    return by < 1950 ? 0 : by < 1970 ? 1 : by < 1990 ? 2 : by < 2005 ? 3 : 4;
}

/* Share of one-character given names by era (per 1000). */
static const int SINGLE_PM[DEMO_ERAS] = { 200, 300, 400, 300, 100 };

/* A name for someone born in year by; *surname_bytes_out (when not NULL) gets the length of
 * the surname in it. */
void demo_make_name(struct gen *g, bool female, int by, char name[32], char ini[16],
                    int *surname_bytes_out)
{
    const struct pool *p = &g->given[female][name_era(by)];

    for (;;) {
        const struct demo_surname *sn =
            &DEMO_SURNAMES[demo_rng_weighted_cum(&g->rng, g->surname_cum, (int)DEMO_SURNAMES_LEN)];
        int a = demo_rng_below(&g->rng, p->n);
        struct sb nb, ib;

        demo_sb_init(&nb, name, 32);
        demo_sb_init(&ib, ini, 16);
        demo_sb_str(&nb, sn->s);
        demo_sb_str(&ib, sn->ini);
        demo_sb_mem(&nb, p->c[a].ch, 3);
        demo_sb_mem(&ib, &p->c[a].ini, 1);
        if (!demo_rng_chance(&g->rng, SINGLE_PM[name_era(by)])) {
            int b = demo_rng_below(&g->rng, p->n);
            /* Doubled characters (婷婷-style) only for some women's names. */
            if (b == a && !(female && demo_rng_chance(&g->rng, 150)))
                b = (a + 1 + demo_rng_below(&g->rng, p->n - 1)) % p->n;
            demo_sb_mem(&nb, p->c[b].ch, 3);
            demo_sb_mem(&ib, &p->c[b].ini, 1);
        }
        if (!is_common_name(name)) {
            if (surname_bytes_out)
                *surname_bytes_out = (int)strlen(sn->s);
            return;
        }
    }
}

/* A 曾用名 (a field of the member record, ANCHORS.md; the caller gives one to about 2-3 % of
 * people, more of the old than the young): usually the same surname with another given name
 * of the same era and gender (a childhood name given up, a name changed at school or at
 * registration), sometimes another surname too (taken from a stepfather or the mother).
 * Drawn from g->r_former; out is "" when no different name came up. */
void demo_make_former_name(struct gen *g, const struct pgen *p, char out[32])
{
    struct rng *r = &g->r_former;
    const struct pool *pl = &g->given[p->gender[0] == 'F'][name_era(p->by)];

    for (int attempt = 0; attempt < 8; attempt++) {
        int a = demo_rng_below(r, pl->n);
        struct sb b;

        demo_sb_init(&b, out, 32);
        if (demo_rng_chance(r, 120))
            demo_sb_str(
                &b,
                DEMO_SURNAMES[demo_rng_weighted_cum(r, g->surname_cum, (int)DEMO_SURNAMES_LEN)].s);
        else
            demo_sb_mem(&b, p->name, (size_t)p->surname_bytes);
        demo_sb_mem(&b, pl->c[a].ch, 3);
        if (!demo_rng_chance(r, SINGLE_PM[name_era(p->by)]))
            demo_sb_mem(&b, pl->c[demo_rng_below(r, pl->n)].ch, 3);
        if (strcmp(out, p->name) != 0 && !is_common_name(out))
            return;
    }
    out[0] = '\0';
}

/* Mobile prefixes that look most realistic (DATA.md §5): 13x, 15x but 154, 18x, 19x but 194. */
void demo_make_phone(struct gen *g, char out[12])
{
    static const short prefix[] = {
        130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 150, 151, 152,
        153, 155, 156, 157, 158, 159, 180, 181, 182, 183, 184, 185, 186,
        187, 188, 189, 190, 191, 192, 193, 195, 196, 197, 198, 199,
    };
    /* The number is drawn before the prefix: both used to be arguments of one call, whose
     * evaluation order C leaves open and GCC took right to left, so the same seed keeps
     * giving the same phone numbers. */
    int number = demo_rng_below(&g->rng, 100000000);
    int pre = prefix[demo_rng_below(&g->rng, (int)ARRAY_LEN(prefix))];
    struct sb b;

    demo_sb_init(&b, out, 12);
    demo_sb_uint(&b, pre, 0);
    demo_sb_uint(&b, number, 8);
}

/* DEMO-ID: 99 + demo city + demo county, the real birth date, a sequence whose parity is the
 * gender, and the computed check character; unique across the run. */
static void make_id(struct gen *g, bool local, int county, bool female, int64_t birth_days,
                    char out[19])
{
    int y, m, d, city = 1;

    date_from_days(birth_days, &y, &m, &d);
    if (!local) {
        city = demo_rng_range(&g->rng, 2, 20);
        county = demo_rng_range(&g->rng, 1, 12);
    }
    for (int attempt = 0;; attempt++) {
        int seq =
            female ? 2 * demo_rng_range(&g->rng, 1, 499) : 2 * demo_rng_range(&g->rng, 0, 499) + 1;
        uint64_t key = ((((((uint64_t)99 * 100 + (uint64_t)city) * 100 + (uint64_t)county) * 10000 +
                          (uint64_t)y) *
                             100 +
                         (uint64_t)m) *
                            100 +
                        (uint64_t)d) *
                           1000 +
                       (uint64_t)seq;
        if (demo_idset_add(&g->ids, key)) {
            struct sb b;

            demo_sb_init(&b, out, 19);
            demo_sb_mem(&b, "99", 2);
            demo_sb_uint(&b, city, 2);
            demo_sb_uint(&b, county, 2);
            demo_sb_uint(&b, y, 4);
            demo_sb_uint(&b, m, 2);
            demo_sb_uint(&b, d, 2);
            demo_sb_uint(&b, seq, 3);
            out[17] = idcard_check_char(out);
            out[18] = '\0';
            return;
        }
        if (attempt > 32) /* this day is crowded in this county: move to the next one */
            county = county % 99 + 1;
    }
}

static const char *pick_education(struct gen *g, int by, int age, bool member)
{
    int band = by < 1950 ? 0 : by < 1965 ? 1 : by < 1980 ? 2 : 3;

    if (age < 6)
        return NULL;
    if (age < 12)
        return DEMO_EDUCATION[0];
    if (age < 15)
        return DEMO_EDUCATION[1];
    if (age < 18)
        return DEMO_EDUCATION[demo_rng_chance(&g->rng, 800) ? 2 : 3];
    return DEMO_EDUCATION[demo_rng_weighted(
        &g->rng, member ? DEMO_EDU_MEMBER[band] : DEMO_EDU_RESIDENT[band], DEMO_EDU_LEVELS)];
}

/* Fills a person born birth_days ago with everything but the address. */
void demo_make_person(struct gen *g, const struct comm *cc, bool female, int64_t birth_days,
                      bool member, struct pgen *p)
{
    int m, d;
    bool local = demo_rng_chance(&g->rng, 880);

    p->birth_days = birth_days;
    date_from_days(birth_days, &p->by, &m, &d);
    p->age = demo_age_on(birth_days, g->today_days);
    p->gender[0] = female ? 'F' : 'M';
    p->gender[1] = '\0';
    demo_days_fmt(birth_days, p->birth);
    demo_make_name(g, female, p->by, p->name, p->ini, &p->surname_bytes);
    make_id(g, local, cc->county, female, birth_days, p->id);
    p->hukou = local ? cc->hukou : g->counties.w[demo_rng_below(&g->rng, g->counties.n)];
    if (p->age < 14 || (p->age >= 85 && demo_rng_chance(&g->rng, 400)))
        p->phone[0] = '\0';
    else
        demo_make_phone(g, p->phone);
    p->ethnicity =
        DEMO_ETHNICITIES[demo_rng_weighted_cum(&g->rng, g->eth_cum, (int)DEMO_ETHNICITIES_LEN)].s;
    p->education = pick_education(g, p->by, p->age, member);
}

/* A birth date for someone who is `age` years old today. */
int64_t demo_birth_for_age(struct gen *g, int age)
{
    int64_t latest = demo_days_add_years(g->today_days, -age); /* turns `age` today */
    return latest - demo_rng_below(&g->rng, 365);
}
