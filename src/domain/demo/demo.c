/* demo.c: generates a fictional district for demos and load tests: streets, communities,
 * branches and Party groups sized by RULES.md §3 and §12, members with realistic categories,
 * ages and dates and their status history (RULES.md §2, §10), the households and residents
 * around them (DATA.md §0, §2, §4, §5), some with a former name, and the orgs' history of
 * renames, moves and mergers. The same seed, date and member count give the same rows. It
 * writes through demo_store.c only and reads back nothing but the orgs (for their units and
 * history); it does not create logins (the caller does). */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/idcard.h"
#include "db/db.h"
#include "domain/demo/demo.h"
#include "domain/demo/demo_int.h"
#include "domain/orgs/orgs.h"

enum {
    MEMBERS_MIN = 100,
    MEMBERS_MAX = 10000000,
    MEMBERS_PER_COMMUNITY = 375, /* 3000 members -> the default 8 communities */
    COMMUNITIES_PER_STREET = 12,
    BRANCH_TARGET = 22, /* national average members per 支部 (RULES.md §12) */
    BRANCH_MIN = 10,
    BRANCH_MAX = 50, /* ORG-SIZE */
    BUILDINGS_PER_GRID = 6,
    FAMILY_MAX = 8,
};

/* snprintf into a fixed buffer. Every buffer here is sized for the longest text the word
 * pools can make; the wrapper keeps GCC's truncation guesses about %s arguments quiet. */
__attribute__((format(printf, 3, 4))) static void sfmt(char *out, size_t size, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(out, size, fmt, ap);
    va_end(ap);
}

/* A bounded string builder for the per-person and per-household texts, which are written
 * millions of times on a large run: the same bytes as sfmt with "%s" and "%d", without the
 * format parsing. Output stops at the buffer's end, as snprintf's does. */
struct sb {
    char *p, *end; /* end: the byte kept for the terminating NUL */
};

static void sb_init(struct sb *b, char *out, size_t size)
{
    b->p = out;
    b->end = out + size - 1;
    *b->p = '\0';
}

static void sb_mem(struct sb *b, const char *s, size_t n)
{
    size_t room = (size_t)(b->end - b->p);

    if (n > room)
        n = room;
    memcpy(b->p, s, n);
    b->p += n;
    *b->p = '\0';
}

static void sb_str(struct sb *b, const char *s)
{
    sb_mem(b, s, strlen(s));
}

/* v in decimal, zero-padded to at least width digits (v >= 0). */
static void sb_uint(struct sb *b, int64_t v, int width)
{
    char tmp[24];
    int n = 0;

    ASSERT(v >= 0);
    do {
        tmp[sizeof(tmp) - 1 - n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v > 0);
    while (n < width && n < (int)sizeof(tmp))
        tmp[sizeof(tmp) - 1 - n++] = '0';
    sb_mem(b, tmp + sizeof(tmp) - n, (size_t)n);
}

/* ---------------------------------------------------------------------------------------
 * Deterministic PRNG: splitmix64 seeds xoshiro256** (Blackman and Vigna, public domain
 * algorithms, written out here).
 */

struct rng {
    uint64_t s[4];
};

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static void rng_seed(struct rng *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t rng_next(struct rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

/* Uniform in [0, n) for 0 < n < 2^31 (multiply-shift; the bias is far below what matters). */
static int rng_below(struct rng *r, int n)
{
    return (int)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

static int rng_range(struct rng *r, int lo, int hi)
{
    return lo + rng_below(r, hi - lo + 1);
}

static bool rng_chance(struct rng *r, int per_mille)
{
    return rng_below(r, 1000) < per_mille;
}

static double rng_unit(struct rng *r)
{
    return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* Index drawn with probability w[i] / sum(w). */
static int rng_weighted(struct rng *r, const int *w, int n)
{
    int total = 0, x;

    for (int i = 0; i < n; i++)
        total += w[i];
    x = rng_below(r, total);
    for (int i = 0; i < n; i++) {
        if (x < w[i])
            return i;
        x -= w[i];
    }
    return n - 1;
}

/* The same draw as rng_weighted over weights whose running sums are cum[0..n-1] (cum[n-1] is
 * the total), without summing them again on every call. */
static int rng_weighted_cum(struct rng *r, const int *cum, int n)
{
    int x = rng_below(r, cum[n - 1]), lo = 0, hi = n - 1;

    /* The first i with x < cum[i]; rng_weighted's scan ends at the same i. */
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (x < cum[mid])
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

/* ---------------------------------------------------------------------------------------
 * Word pools parsed from demo_names.c.
 */

enum { WORDS_MAX = 48, WORD_BYTES = 32, POOL_MAX = 48 };

struct words {
    int n;
    char w[WORDS_MAX][WORD_BYTES];
};

struct gchar {
    char ch[4];
    char ini;
};

struct pool {
    int n;
    struct gchar c[POOL_MAX];
};

static void words_parse(const char *s, struct words *out)
{
    out->n = 0;
    while (*s) {
        size_t len;
        while (*s == ' ')
            s++;
        len = strcspn(s, " ");
        if (len == 0)
            break;
        ASSERT(out->n < WORDS_MAX && len < WORD_BYTES);
        memcpy(out->w[out->n], s, len);
        out->w[out->n][len] = '\0';
        out->n++;
        s += len;
    }
}

/* A pool string is "<3-byte UTF-8 character><initial>" repeated. */
static void pool_parse(const char *s, struct pool *out)
{
    out->n = 0;
    for (; *s; s += 4) {
        ASSERT(out->n < POOL_MAX && (unsigned char)s[0] >= 0xE0 && s[1] && s[2]);
        ASSERT(s[3] >= 'a' && s[3] <= 'z');
        memcpy(out->c[out->n].ch, s, 3);
        out->c[out->n].ch[3] = '\0';
        out->c[out->n].ini = s[3];
        out->n++;
    }
}

/* ---------------------------------------------------------------------------------------
 * A set of issued ID numbers (their first 17 digits as an integer), so every generated number
 * is unique without asking the database. Open addressing; 0 marks an empty slot (a demo
 * number starts with 99, so it is never 0).
 */

struct idset {
    uint64_t *slot;
    size_t cap, len; /* cap is a power of two */
};

static size_t idset_hash(uint64_t k, size_t cap)
{
    return (size_t)((k * 0x9E3779B97F4A7C15ull) >> 17) & (cap - 1);
}

static void idset_grow(struct idset *s)
{
    size_t ncap = s->cap ? s->cap * 2 : 1u << 16;
    uint64_t *ns = calloc(ncap, sizeof(*ns));

    ASSERT(ns);
    for (size_t i = 0; i < s->cap; i++) {
        if (s->slot[i]) {
            size_t h = idset_hash(s->slot[i], ncap);
            while (ns[h])
                h = (h + 1) & (ncap - 1);
            ns[h] = s->slot[i];
        }
    }
    free(s->slot);
    s->slot = ns;
    s->cap = ncap;
}

/* Adds k; returns false when it was already there. */
static bool idset_add(struct idset *s, uint64_t k)
{
    size_t h;

    if ((s->len + 1) * 2 > s->cap)
        idset_grow(s);
    h = idset_hash(k, s->cap);
    while (s->slot[h]) {
        if (s->slot[h] == k)
            return false;
        h = (h + 1) & (s->cap - 1);
    }
    s->slot[h] = k;
    s->len++;
    return true;
}

/* ---------------------------------------------------------------------------------------
 * Generation state.
 */

enum cat {
    CAT_COMMUNITY,
    CAT_MOBILE_OUT,
    CAT_IN_SERVICE,
    CAT_RETIRED,
    CAT_UNEMPLOYED,
    CAT_NEW_ORG,
    CAT_STUDENT,
    CAT_OTHER,
    CAT_N
};
static const char *const CAT_NAME[CAT_N] = {
    "community", "mobile_out", "in_service", "retired", "unemployed", "new_org", "student", "other",
};
/* A residential roster: many retirees and 社区党员, some in service, mobile, in 两新组织 or
 * without work, few students (per 1000). */
static const int CAT_WEIGHT[CAT_N] = { 240, 60, 110, 420, 60, 70, 20, 20 };

enum kind { KIND_RES, KIND_RETIRED, KIND_JOINT, KIND_MOBILE, KIND_N };

enum tag {
    TAG_HARDSHIP = 1u << 0,
    TAG_VETERAN = 1u << 1,
    TAG_VOLUNTEER = 1u << 2,
    TAG_WORKER = 1u << 3,
};

struct pgen {
    char name[32], ini[16], birth[11], id[19], phone[12];
    char gender[2]; /* "M" or "F" */
    int64_t birth_days;
    int by, age;
    int surname_bytes; /* the surname's length in name */
    const char *ethnicity, *education, *hukou;
};

struct mplan {
    struct pgen p;
    int cat, kind, branch, estate;
    bool probationary, secretary;
    int64_t joined_days, full_days;
    unsigned tags;
};

struct branch {
    int kind, estate, size, ordinal, ngroups;
    int64_t id;
    int secretary; /* member index */
    char path[96], name[160], short_name[96], code[24];
};

struct street {
    int64_t id, founded_days;
    char path[64], code[16];
    char abbr[4];  /* its first character, for document numbers ("青街党工〔2019〕3号") */
    char name[48]; /* "青枫街道" */
    char road[32]; /* its main road, "青枫路" */
};

struct estate {
    char name[32], road[32];
    int road_no, units, floors, rooms, grid_base;
    int64_t buildings;
    int nbranches, anchors, households;
};

struct gen {
    struct db_conn *c;
    struct rng rng;
    /* Streams of their own for the data added later (former names, status history, org
     * history), so that drawing them leaves every name, ID number and date drawn from rng
     * as it was. */
    struct rng r_former, r_event, r_org;
    struct err *err;
    int64_t now, today_days, tenant;
    int ty;
    int64_t next_org, next_person, next_member, next_household, next_resident;
    struct idset ids;
    struct pool given[2][DEMO_ERAS];   /* [0] male, [1] female */
    int surname_cum[128], eth_cum[32]; /* running sums of the weights */
    struct words street_a, street_b, comm_a, comm_b, comm_suffix, estate_words, estate_suffix,
        road_suffix, company, cities, counties, units, posts_service, posts_neworg;
    /* name sequences (see street_stem_next and comm_name_next) */
    int street_pos, comm_pos;
    int street_start, street_stride, comm_start, comm_stride;
    struct demo_result res;
    bool want_member, want_resident;
};

/* The community being generated. */
struct comm {
    int64_t id, founded_days;
    const struct street *street;
    bool big;     /* a 社区党委 (else a 社区党总支) */
    char abbr[4]; /* the first character of its name, for document numbers */
    int street_index, county;
    char path[64], name[64], road[32], street_name[48], street_road[32], hukou[128];
    char addr_prefix[96]; /* "澜川区青枫街道" */
    int m, nbranches, nestates;
    struct mplan *mem;
    struct branch *br;
    struct estate *est;
    bool is_demo_target;
};

/* ---------------------------------------------------------------------------------------
 * Calendar helpers on day numbers (days since 1970-01-01).
 */

static void days_fmt(int64_t days, char out[11])
{
    int y, m, d;

    date_from_days(days, &y, &m, &d);
    ASSERT(y >= 0 && y <= 9999);
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
}

/* The same calendar day n years later; 29 February becomes 1 March in common years, as
 * SQLite's date(x, '+n years') does. */
static int64_t days_add_years(int64_t days, int n)
{
    int y, m, d, dim;

    date_from_days(days, &y, &m, &d);
    dim = date_days_in_month(y + n, m);
    if (d > dim)
        return date_to_days(y + n, m, dim) + (d - dim);
    return date_to_days(y + n, m, d);
}

/* Completed years between birth and today. */
static int age_on(int64_t birth_days, int64_t today_days)
{
    int by, bm, bd, ty, tm, td, age;

    date_from_days(birth_days, &by, &bm, &bd);
    date_from_days(today_days, &ty, &tm, &td);
    age = ty - by;
    if (tm < bm || (tm == bm && td < bd))
        age--;
    return age;
}

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
static void make_name(struct gen *g, bool female, int by, char name[32], char ini[16],
                      int *surname_bytes_out)
{
    const struct pool *p = &g->given[female][name_era(by)];

    for (;;) {
        const struct demo_surname *sn =
            &DEMO_SURNAMES[rng_weighted_cum(&g->rng, g->surname_cum, (int)DEMO_SURNAMES_LEN)];
        int a = rng_below(&g->rng, p->n);
        struct sb nb, ib;

        sb_init(&nb, name, 32);
        sb_init(&ib, ini, 16);
        sb_str(&nb, sn->s);
        sb_str(&ib, sn->ini);
        sb_mem(&nb, p->c[a].ch, 3);
        sb_mem(&ib, &p->c[a].ini, 1);
        if (!rng_chance(&g->rng, SINGLE_PM[name_era(by)])) {
            int b = rng_below(&g->rng, p->n);
            /* Doubled characters (婷婷-style) only for some women's names. */
            if (b == a && !(female && rng_chance(&g->rng, 150)))
                b = (a + 1 + rng_below(&g->rng, p->n - 1)) % p->n;
            sb_mem(&nb, p->c[b].ch, 3);
            sb_mem(&ib, &p->c[b].ini, 1);
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
static void make_former_name(struct gen *g, const struct pgen *p, char out[32])
{
    struct rng *r = &g->r_former;
    const struct pool *pl = &g->given[p->gender[0] == 'F'][name_era(p->by)];

    for (int attempt = 0; attempt < 8; attempt++) {
        int a = rng_below(r, pl->n);
        struct sb b;

        sb_init(&b, out, 32);
        if (rng_chance(r, 120))
            sb_str(&b,
                   DEMO_SURNAMES[rng_weighted_cum(r, g->surname_cum, (int)DEMO_SURNAMES_LEN)].s);
        else
            sb_mem(&b, p->name, (size_t)p->surname_bytes);
        sb_mem(&b, pl->c[a].ch, 3);
        if (!rng_chance(r, SINGLE_PM[name_era(p->by)]))
            sb_mem(&b, pl->c[rng_below(r, pl->n)].ch, 3);
        if (strcmp(out, p->name) != 0 && !is_common_name(out))
            return;
    }
    out[0] = '\0';
}

/* Mobile prefixes that look most realistic (DATA.md §5): 13x, 15x but 154, 18x, 19x but 194. */
static void make_phone(struct gen *g, char out[12])
{
    static const short prefix[] = {
        130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 150, 151, 152,
        153, 155, 156, 157, 158, 159, 180, 181, 182, 183, 184, 185, 186,
        187, 188, 189, 190, 191, 192, 193, 195, 196, 197, 198, 199,
    };
    /* The number is drawn before the prefix: both used to be arguments of one call, whose
     * evaluation order C leaves open and GCC took right to left, so the same seed keeps
     * giving the same phone numbers. */
    int number = rng_below(&g->rng, 100000000);
    int pre = prefix[rng_below(&g->rng, (int)ARRAY_LEN(prefix))];
    struct sb b;

    sb_init(&b, out, 12);
    sb_uint(&b, pre, 0);
    sb_uint(&b, number, 8);
}

/* DEMO-ID: 99 + demo city + demo county, the real birth date, a sequence whose parity is the
 * gender, and the computed check character; unique across the run. */
static void make_id(struct gen *g, bool local, int county, bool female, int64_t birth_days,
                    char out[19])
{
    int y, m, d, city = 1;

    date_from_days(birth_days, &y, &m, &d);
    if (!local) {
        city = rng_range(&g->rng, 2, 20);
        county = rng_range(&g->rng, 1, 12);
    }
    for (int attempt = 0;; attempt++) {
        int seq = female ? 2 * rng_range(&g->rng, 1, 499) : 2 * rng_range(&g->rng, 0, 499) + 1;
        uint64_t key = ((((((uint64_t)99 * 100 + (uint64_t)city) * 100 + (uint64_t)county) * 10000 +
                          (uint64_t)y) *
                             100 +
                         (uint64_t)m) *
                            100 +
                        (uint64_t)d) *
                           1000 +
                       (uint64_t)seq;
        if (idset_add(&g->ids, key)) {
            struct sb b;

            sb_init(&b, out, 19);
            sb_mem(&b, "99", 2);
            sb_uint(&b, city, 2);
            sb_uint(&b, county, 2);
            sb_uint(&b, y, 4);
            sb_uint(&b, m, 2);
            sb_uint(&b, d, 2);
            sb_uint(&b, seq, 3);
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
        return DEMO_EDUCATION[rng_chance(&g->rng, 800) ? 2 : 3];
    return DEMO_EDUCATION[rng_weighted(
        &g->rng, member ? DEMO_EDU_MEMBER[band] : DEMO_EDU_RESIDENT[band], DEMO_EDU_LEVELS)];
}

/* Fills a person born birth_days ago with everything but the address. */
static void make_person(struct gen *g, const struct comm *cc, bool female, int64_t birth_days,
                        bool member, struct pgen *p)
{
    int m, d;
    bool local = rng_chance(&g->rng, 880);

    p->birth_days = birth_days;
    date_from_days(birth_days, &p->by, &m, &d);
    p->age = age_on(birth_days, g->today_days);
    p->gender[0] = female ? 'F' : 'M';
    p->gender[1] = '\0';
    days_fmt(birth_days, p->birth);
    make_name(g, female, p->by, p->name, p->ini, &p->surname_bytes);
    make_id(g, local, cc->county, female, birth_days, p->id);
    p->hukou = local ? cc->hukou : g->counties.w[rng_below(&g->rng, g->counties.n)];
    if (p->age < 14 || (p->age >= 85 && rng_chance(&g->rng, 400)))
        p->phone[0] = '\0';
    else
        make_phone(g, p->phone);
    p->ethnicity =
        DEMO_ETHNICITIES[rng_weighted_cum(&g->rng, g->eth_cum, (int)DEMO_ETHNICITIES_LEN)].s;
    p->education = pick_education(g, p->by, p->age, member);
}

/* A birth date for someone who is `age` years old today. */
static int64_t birth_for_age(struct gen *g, int age)
{
    int64_t latest = days_add_years(g->today_days, -age); /* turns `age` today */
    return latest - rng_below(&g->rng, 365);
}

/* Member age by category, skewed old for a residential roster. */
static int member_age(struct gen *g, int cat)
{
    double u = rng_unit(&g->rng);

    switch (cat) {
    case CAT_RETIRED:
        return 60 + (int)(35.0 * u * (0.5 + 0.5 * u)); /* mean about 74 */
    case CAT_COMMUNITY:
        return 30 + (int)(50.0 * u);
    case CAT_IN_SERVICE:
        return 24 + (int)(36.0 * u);
    case CAT_MOBILE_OUT:
        return 22 + (int)(34.0 * u);
    case CAT_NEW_ORG:
        return 22 + (int)(29.0 * u);
    case CAT_UNEMPLOYED:
        return 25 + (int)(35.0 * u);
    case CAT_STUDENT:
        return 19 + (int)(8.0 * u);
    default:
        return 20 + (int)(66.0 * u);
    }
}

/* Admission and 转正 dates: joined on or after the 18th birthday (DEV-AGE), 转正 one year
 * later plus a few days (DEV-PROB-END), both not after today. Probationary members joined
 * within the last year. */
static void member_dates(struct gen *g, struct mplan *mp)
{
    int64_t adult = days_add_years(mp->p.birth_days, 18);
    int64_t latest_full_join = g->today_days - 366 - 20;

    if (mp->probationary) {
        int64_t lo = adult > g->today_days - 364 ? adult : g->today_days - 364;
        mp->joined_days = lo + rng_below(&g->rng, (int)(g->today_days - lo + 1));
        mp->full_days = -1;
        return;
    }
    /* Join age 18 .. 45, mostly in the twenties. */
    {
        double u = rng_unit(&g->rng);
        int64_t j = days_add_years(adult, (int)(27.0 * u * u)) + rng_below(&g->rng, 365);
        /* Too young for that join age: any day between the 18th birthday and the latest
         * admission that is already 转正 today. */
        if (j > latest_full_join)
            j = adult + rng_below(&g->rng, (int)(latest_full_join - adult + 1));
        mp->joined_days = j;
        mp->full_days = days_add_years(j, 1) + rng_below(&g->rng, 15);
    }
}

/* ---------------------------------------------------------------------------------------
 * Name sequences: the k-th street or community name walks a permutation of the word
 * combinations, so names are unique, vary with the seed and need no lookup.
 */

static int gcd(int a, int b)
{
    while (b) {
        int t = a % b;
        a = b;
        b = t;
    }
    return a;
}

static int coprime_stride(struct gen *g, int n)
{
    int s = n / 3 + rng_below(&g->rng, n / 3 + 1);
    if (s < 1)
        s = 1;
    while (gcd(s, n) != 1)
        s++;
    return s;
}

static const char *const ROUND_PREFIX[] = { "", "东", "西", "南", "北", "中", "新", "上", "下" };

/* Next street stem ("青枫") into out; returns false when the combinations are used up. */
static bool street_stem_next(struct gen *g, char *out, size_t outsz)
{
    int n = g->street_a.n * g->street_b.n;

    while (g->street_pos < n * (int)ARRAY_LEN(ROUND_PREFIX)) {
        int k = g->street_pos++, round = k / n;
        int idx = (int)(((int64_t)(k % n) * g->street_stride + g->street_start) % n);
        const char *a = g->street_a.w[idx % g->street_a.n];
        const char *b = g->street_b.w[idx / g->street_a.n];
        if (strcmp(a, b) == 0)
            continue;
        sfmt(out, outsz, "%s%s%s", ROUND_PREFIX[round], a, b);
        return true;
    }
    return false;
}

/* Next community stem and suffix ("桂香" + "苑"). */
static bool comm_name_next(struct gen *g, char *stem, size_t stemsz, char *full, size_t fullsz)
{
    int n = g->comm_a.n * g->comm_b.n * g->comm_suffix.n;

    while (g->comm_pos < n * (int)ARRAY_LEN(ROUND_PREFIX)) {
        int k = g->comm_pos++, round = k / n;
        int idx = (int)(((int64_t)(k % n) * g->comm_stride + g->comm_start) % n);
        const char *a = g->comm_a.w[idx % g->comm_a.n];
        const char *b = g->comm_b.w[(idx / g->comm_a.n) % g->comm_b.n];
        const char *s = g->comm_suffix.w[idx / (g->comm_a.n * g->comm_b.n)];
        if (strcmp(a, b) == 0 || strstr(s, b) || strstr(s, a))
            continue;
        sfmt(stem, stemsz, "%s%s", a, b);
        sfmt(full, fullsz, "%s%s%s%s", ROUND_PREFIX[round], a, b, s);
        return true;
    }
    return false;
}

/* ---------------------------------------------------------------------------------------
 * Orgs.
 */

/* Chinese ordinal of i + 1 (一 .. 九十九) into out. */
static const char *ordinal(int i, char out[16])
{
    static const char *const digit[] = { "", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
    int n = i + 1;

    if (n < 10)
        sfmt(out, 16, "%s", digit[n]);
    else if (n < 100)
        sfmt(out, 16, "%s十%s", n >= 20 ? digit[n / 10] : "", digit[n % 10]);
    else
        sfmt(out, 16, "%d", n);
    return out;
}

/* Founding date between two years, not before `after` (the parent's founding day, or 0)
 * and not after today. Returns the day. */
static int64_t founded(struct gen *g, int from_year, int to_year, int64_t after, char out[11])
{
    int64_t lo = date_to_days(from_year, 1, 1), hi = date_to_days(to_year, 12, 31);
    int64_t d;

    if (lo <= after)
        lo = after + 1;
    if (hi < lo + 30)
        hi = lo + 365;
    if (hi > g->today_days)
        hi = g->today_days;
    if (lo > hi)
        lo = hi;
    d = lo + rng_below(&g->rng, (int)(hi - lo + 1));
    days_fmt(d, out);
    return d;
}

static int org_insert(struct gen *g, const struct demo_org_row *r)
{
    if (demo_store_org_insert(g->c, r, g->now, g->err) < 0)
        return -1;
    g->res.orgs++;
    return 0;
}

/* ---------------------------------------------------------------------------------------
 * One community: plan the roster and branches, insert the orgs, then the households with
 * their people.
 */

/* Splits n members into nb branch sizes, each within [BRANCH_MIN, BRANCH_MAX] when n allows,
 * uneven like real branches. */
static void split_sizes(struct gen *g, int n, int nb, int *sizes)
{
    for (int i = 0; i < nb; i++)
        sizes[i] = n / nb + (i < n % nb ? 1 : 0);
    for (int k = 0; k < nb; k++) {
        int i = rng_below(&g->rng, nb), j = rng_below(&g->rng, nb), room;
        if (i == j)
            continue;
        room = sizes[i] - BRANCH_MIN;
        if (BRANCH_MAX - sizes[j] < room)
            room = BRANCH_MAX - sizes[j];
        if (sizes[i] / 3 < room)
            room = sizes[i] / 3;
        if (room > 0) {
            int t = rng_below(&g->rng, room + 1);
            sizes[i] -= t;
            sizes[j] += t;
        }
    }
}

static int branch_count(int n)
{
    int nb = (n + BRANCH_TARGET / 2) / BRANCH_TARGET;
    if (nb < 1)
        nb = 1;
    while (n > nb * BRANCH_MAX)
        nb++;
    return nb;
}

/* Chooses the branch secretary: a full member aged 30-72 when there is one. */
static int pick_secretary(struct comm *cc, int b)
{
    int fallback = -1;

    for (int i = 0; i < cc->m; i++) {
        struct mplan *mp = &cc->mem[i];
        if (mp->branch != b)
            continue;
        if (fallback < 0)
            fallback = i;
        if (!mp->probationary && mp->p.age >= 30 && mp->p.age <= 72)
            return i;
    }
    return fallback;
}

static void work_unit(struct gen *g, const struct mplan *mp, char *unit, size_t unitsz,
                      const char **post)
{
    static const char *const kinds[] = { "科技", "商贸", "建设", "物流", "文化传媒" };
    static const char *const schools[] = { "江澜大学", "澜川职业技术学院", "江澜师范学院" };
    const char *word = g->company.w[rng_below(&g->rng, g->company.n)];

    unit[0] = '\0';
    *post = NULL;
    switch (mp->cat) {
    case CAT_IN_SERVICE:
        if (rng_chance(&g->rng, 650))
            sfmt(unit, unitsz, "%s区%s", DEMO_DISTRICT, g->units.w[rng_below(&g->rng, g->units.n)]);
        else
            sfmt(unit, unitsz, "江澜%s%s有限公司", word,
                 kinds[rng_below(&g->rng, (int)ARRAY_LEN(kinds))]);
        *post = g->posts_service.w[rng_below(&g->rng, g->posts_service.n)];
        break;
    case CAT_NEW_ORG:
        if (rng_chance(&g->rng, 150))
            sfmt(unit, unitsz, "%s律师事务所", word);
        else if (rng_chance(&g->rng, 150))
            sfmt(unit, unitsz, "%s社会工作服务中心", word);
        else
            sfmt(unit, unitsz, "%s%s%s有限公司", DEMO_DISTRICT, word,
                 kinds[rng_below(&g->rng, (int)ARRAY_LEN(kinds))]);
        *post = g->posts_neworg.w[rng_below(&g->rng, g->posts_neworg.n)];
        break;
    case CAT_MOBILE_OUT:
        sfmt(unit, unitsz, "%s%s%s有限公司", g->cities.w[rng_below(&g->rng, g->cities.n)], word,
             kinds[rng_below(&g->rng, (int)ARRAY_LEN(kinds))]);
        break;
    case CAT_STUDENT:
        sfmt(unit, unitsz, "%s", schools[rng_below(&g->rng, (int)ARRAY_LEN(schools))]);
        break;
    default:
        break;
    }
}

static void plan_roster(struct gen *g, struct comm *cc)
{
    int count[KIND_N] = { 0 };

    for (int i = 0; i < cc->m; i++) {
        struct mplan *mp = &cc->mem[i];
        mp->cat = rng_weighted(&g->rng, CAT_WEIGHT, CAT_N);
        switch (mp->cat) {
        case CAT_RETIRED: /* most retirees sit in 离退休支部, some in their 小区支部 */
            mp->kind = rng_chance(&g->rng, 700) ? KIND_RETIRED : KIND_RES;
            break;
        case CAT_MOBILE_OUT:
            mp->kind = KIND_MOBILE;
            break;
        case CAT_NEW_ORG:
            mp->kind = KIND_JOINT;
            break;
        default:
            mp->kind = KIND_RES;
        }
        count[mp->kind]++;
    }
    /* A kind too small for a branch of its own stays in the 小区支部. */
    for (int k = KIND_RETIRED; k < KIND_N; k++) {
        if (count[k] >= BRANCH_MIN)
            continue;
        for (int i = 0; i < cc->m; i++) {
            if (cc->mem[i].kind == k)
                cc->mem[i].kind = KIND_RES;
        }
        count[KIND_RES] += count[k];
        count[k] = 0;
    }

    for (int i = 0; i < cc->m; i++) {
        struct mplan *mp = &cc->mem[i];
        bool female = rng_chance(&g->rng, 400);
        int age = member_age(g, mp->cat);

        mp->probationary = mp->cat != CAT_RETIRED && age <= 45 && rng_chance(&g->rng, 70);
        if (!mp->probationary && age < 20)
            age = 20;
        make_person(g, cc, female, birth_for_age(g, age), true, &mp->p);
        member_dates(g, mp);
        if (!mp->probationary && days_add_years(mp->full_days, 50) <= g->today_days)
            mp->tags |= TAG_VETERAN;
        if (rng_chance(&g->rng, mp->cat == CAT_UNEMPLOYED ? 150 : mp->p.age >= 75 ? 80 : 40))
            mp->tags |= TAG_HARDSHIP;
        if (mp->p.age < 80 && rng_chance(&g->rng, 300))
            mp->tags |= TAG_VOLUNTEER;
    }
}

static void plan_branches(struct gen *g, struct comm *cc, struct arena *a)
{
    int count[KIND_N] = { 0 }, nb[KIND_N], total = 0, next[KIND_N], b = 0;
    int *sizes;

    for (int i = 0; i < cc->m; i++)
        count[cc->mem[i].kind]++;
    for (int k = 0; k < KIND_N; k++) {
        nb[k] = count[k] ? branch_count(count[k]) : 0;
        total += nb[k];
    }
    cc->nbranches = total;
    cc->br = arena_alloc(a, sizeof(*cc->br) * (size_t)(total > 0 ? total : 1));
    sizes = arena_alloc(a, sizeof(*sizes) * (size_t)(total > 0 ? total : 1));

    /* Order: 小区支部, 离退休支部, 联合支部, 流动党员支部. */
    for (int k = 0; k < KIND_N; k++) {
        next[k] = b;
        if (nb[k])
            split_sizes(g, count[k], nb[k], sizes + b);
        for (int j = 0; j < nb[k]; j++, b++) {
            cc->br[b].kind = k;
            cc->br[b].size = sizes[b];
            cc->br[b].estate = -1;
            cc->br[b].ordinal = j;
        }
    }

    /* Estates: one per one or two 小区支部 (at least one per community). */
    cc->nestates = nb[KIND_RES] > 0 ? (nb[KIND_RES] + 1) / 2 : 1;
    cc->est = arena_alloc(a, sizeof(*cc->est) * (size_t)cc->nestates);
    for (int j = 0; j < nb[KIND_RES]; j++) {
        struct branch *br = &cc->br[next[KIND_RES] + j];
        br->estate = j % cc->nestates;
        br->ordinal = j / cc->nestates;
        cc->est[br->estate].nbranches++;
    }

    /* Members fill their kind's branches in order (categories were drawn at random, so
     * the order is random too). The sizes of a kind add up to its count. */
    {
        int used[KIND_N] = { 0 };
        for (int i = 0; i < cc->m; i++) {
            struct mplan *mp = &cc->mem[i];
            int k = mp->kind;
            if (used[k] >= cc->br[next[k]].size) {
                next[k]++;
                used[k] = 0;
            }
            used[k]++;
            mp->branch = next[k];
            mp->estate = cc->br[next[k]].estate >= 0 ? cc->br[next[k]].estate
                                                     : rng_below(&g->rng, cc->nestates);
            cc->est[mp->estate].anchors++;
        }
    }
}

static void plan_estates(struct gen *g, struct comm *cc)
{
    static const int floors[] = { 6, 6, 7, 11, 18, 26 };
    int perm_n = g->estate_words.n * g->estate_suffix.n;
    int start = rng_below(&g->rng, perm_n), stride = coprime_stride(g, perm_n), grid = 0;

    for (int e = 0; e < cc->nestates; e++) {
        struct estate *es = &cc->est[e];
        int idx = (int)(((int64_t)e * stride + start) % perm_n), slots;
        double occupancy = 0.45 + 0.3 * rng_unit(&g->rng);

        sfmt(es->name, sizeof(es->name), "%s%s", g->estate_words.w[idx % g->estate_words.n],
             g->estate_suffix.w[idx / g->estate_words.n]);
        if (e % 2 == 0) {
            sfmt(es->road, sizeof(es->road), "%s", cc->road);
            es->road_no = 6 + 14 * (e / 2) + rng_below(&g->rng, 12);
        } else {
            sfmt(es->road, sizeof(es->road), "%s", cc->street_road);
            es->road_no = 101 + 14 * (e / 2) + rng_below(&g->rng, 12);
        }
        /* Non-member households: about 0.45 per member household, so residents come to
         * roughly 3.5 per member. */
        es->households =
            es->anchors + (int)((double)es->anchors * (0.38 + 0.14 * rng_unit(&g->rng)) + 0.5);
        if (es->households < 4)
            es->households = 4;
        es->units = rng_range(&g->rng, 2, 4);
        es->floors = floors[rng_below(&g->rng, (int)ARRAY_LEN(floors))];
        es->rooms = rng_range(&g->rng, 2, 4);
        slots = es->units * es->floors * es->rooms;
        es->buildings = (int64_t)((double)es->households / (slots * occupancy)) + 1;
        es->grid_base = grid;
        grid += (int)((es->buildings + BUILDINGS_PER_GRID - 1) / BUILDINGS_PER_GRID);
    }
}

static int insert_community_orgs(struct gen *g, struct comm *cc, const struct street *street,
                                 int comm_index, bool big)
{
    char code[24], founded_on[11], short_name[96], full[160], addr[160], area[64], ord[16];
    int64_t comm_founded, br_founded;
    struct demo_org_row r = { 0 };
    int ngrids = 0, contact = -1;

    for (int e = 0; e < cc->nestates; e++)
        ngrids = cc->est[e].grid_base +
                 (int)((cc->est[e].buildings + BUILDINGS_PER_GRID - 1) / BUILDINGS_PER_GRID);
    /* The community secretary: a full member of working age. */
    for (int i = 0; i < cc->m && contact < 0; i++) {
        const struct mplan *mp = &cc->mem[i];
        if (!mp->probationary && mp->p.age >= 30 && mp->p.age <= 58 &&
            (mp->cat == CAT_COMMUNITY || mp->cat == CAT_IN_SERVICE))
            contact = i;
    }
    if (contact < 0)
        contact = 0;
    cc->mem[contact].tags |= TAG_WORKER;

    cc->id = g->next_org++;
    sfmt(cc->path, sizeof(cc->path), "%s%" PRId64 "/", street->path, cc->id);
    sfmt(code, sizeof(code), "%s%03d", street->code, comm_index + 1);
    sfmt(short_name, sizeof(short_name), "%s%s", cc->name, big ? "党委" : "党总支");
    sfmt(full, sizeof(full), "中共%s%s", cc->name, big ? "委员会" : "总支部委员会");
    sfmt(addr, sizeof(addr), "%s%s%d号 社区党群服务中心", cc->addr_prefix, cc->road,
         rng_range(&g->rng, 1, 5));
    sfmt(area, sizeof(area), "第1至%d网格", ngrids);
    comm_founded = founded(g, 2000, 2012, street->founded_days, founded_on);
    cc->founded_days = comm_founded;
    r = (struct demo_org_row){
        .id = cc->id,
        .tenant_id = g->tenant,
        .parent_id = street->id,
        .path = cc->path,
        .depth = 2,
        .type = big ? "community_committee" : "general_branch",
        .name = full,
        .short_name = short_name,
        .code = code,
        .founded_on = founded_on,
        .contact_name = cc->mem[contact].p.name,
        .contact_phone = cc->mem[contact].p.phone,
        .address = addr,
        .area = area,
    };
    if (org_insert(g, &r) < 0)
        return -1;

    for (int b = 0; b < cc->nbranches; b++) {
        struct branch *br = &cc->br[b];
        const struct estate *es = br->estate >= 0 ? &cc->est[br->estate] : NULL;
        const char *type = "branch";
        int from = 2001, to = 2018, sec;

        sec = pick_secretary(cc, b);
        br->secretary = sec;
        if (sec >= 0) {
            cc->mem[sec].tags |= TAG_WORKER;
            cc->mem[sec].secretary = true;
        }
        switch (br->kind) {
        case KIND_RES:
            if (es->nbranches > 1)
                sfmt(br->short_name, sizeof(br->short_name), "%s第%s党支部", es->name,
                     ordinal(br->ordinal, ord));
            else
                sfmt(br->short_name, sizeof(br->short_name), "%s党支部", es->name);
            sfmt(addr, sizeof(addr), "%s%s%d号%s", cc->addr_prefix, es->road, es->road_no,
                 es->name);
            break;
        case KIND_RETIRED:
            sfmt(br->short_name, sizeof(br->short_name), "第%s离退休党支部",
                 ordinal(br->ordinal, ord));
            sfmt(addr, sizeof(addr), "%s%s 社区党群服务中心", cc->addr_prefix, cc->road);
            break;
        case KIND_JOINT:
            type = "joint_branch";
            from = 2010;
            to = 2022;
            if (br->ordinal)
                sfmt(br->short_name, sizeof(br->short_name), "两新组织第%s联合党支部",
                     ordinal(br->ordinal, ord));
            else
                sfmt(br->short_name, sizeof(br->short_name), "两新组织联合党支部");
            sfmt(addr, sizeof(addr), "%s%s%d号 %s商务楼", cc->addr_prefix, cc->road,
                 rng_range(&g->rng, 60, 99), g->company.w[rng_below(&g->rng, g->company.n)]);
            break;
        default:
            type = "mobile_branch";
            from = 2008;
            to = 2020;
            if (br->ordinal)
                sfmt(br->short_name, sizeof(br->short_name), "流动党员第%s党支部",
                     ordinal(br->ordinal, ord));
            else
                sfmt(br->short_name, sizeof(br->short_name), "流动党员党支部");
            sfmt(addr, sizeof(addr), "%s%s 社区党群服务中心", cc->addr_prefix, cc->road);
        }
        sfmt(br->name, sizeof(br->name), "%s%s", cc->name, br->short_name);
        br->id = g->next_org++;
        sfmt(br->path, sizeof(br->path), "%s%" PRId64 "/", cc->path, br->id);
        sfmt(br->code, sizeof(br->code), "%s%03d", code, b + 1);
        br_founded = founded(g, from, to, comm_founded, founded_on);
        r = (struct demo_org_row){
            .id = br->id,
            .tenant_id = g->tenant,
            .parent_id = cc->id,
            .path = br->path,
            .depth = 3,
            .type = type,
            .name = br->name,
            .short_name = br->short_name,
            .code = br->code,
            .founded_on = founded_on,
            .contact_name = sec >= 0 ? cc->mem[sec].p.name : NULL,
            .contact_phone = sec >= 0 ? cc->mem[sec].p.phone : NULL,
            .address = addr,
            .area = es ? es->name : NULL,
        };
        if (org_insert(g, &r) < 0)
            return -1;
        if (cc->is_demo_target && br->kind == KIND_RES && g->res.branch_org_id == 0)
            g->res.branch_org_id = br->id;

        /* 党小组 (ORG-GROUP) in the larger branches; members stay on the branch. */
        br->ngroups = br->size >= 30 ? 3 : br->size >= 20 && rng_chance(&g->rng, 500) ? 2 : 0;
        {
            int building = es ? rng_range(&g->rng, 1, (int)es->buildings) : 0, leader = -1;
            for (int k = 0; k < br->ngroups; k++) {
                char gname[192], gshort[64], gpath[128], gcode[32];
                int64_t gid = g->next_org++;

                if (es && es->buildings >= br->ngroups) {
                    sfmt(gshort, sizeof(gshort), "%d号楼党小组", building);
                    building = (int)(building % es->buildings) + 1;
                } else {
                    sfmt(gshort, sizeof(gshort), "第%s党小组", ordinal(k, ord));
                }
                /* The group leader: the next member of the branch after the last leader. */
                for (int i = leader + 1; i < cc->m; i++) {
                    if (cc->mem[i].branch == b && i != sec) {
                        leader = i;
                        break;
                    }
                }
                if (leader >= 0)
                    cc->mem[leader].tags |= TAG_WORKER;
                sfmt(gname, sizeof(gname), "%s%s", br->name, gshort);
                sfmt(gpath, sizeof(gpath), "%s%" PRId64 "/", br->path, gid);
                sfmt(gcode, sizeof(gcode), "%s%02d", br->code, k + 1);
                founded(g, 2005, 2024, br_founded, founded_on);
                r = (struct demo_org_row){
                    .id = gid,
                    .tenant_id = g->tenant,
                    .parent_id = br->id,
                    .path = gpath,
                    .depth = 4,
                    .type = "group",
                    .name = gname,
                    .short_name = gshort,
                    .code = gcode,
                    .founded_on = founded_on,
                    .contact_name = leader >= 0 ? cc->mem[leader].p.name : NULL,
                    .contact_phone = leader >= 0 ? cc->mem[leader].p.phone : NULL,
                    .address = addr,
                    .area = es ? es->name : NULL,
                };
                if (org_insert(g, &r) < 0)
                    return -1;
            }
        }
    }
    return 0;
}

/* One person of a household, with the relation to the head. */
struct fam {
    struct pgen p;
    const char *relation;
    struct mplan *mp; /* NULL for non-members */
};

static void add_relative(struct gen *g, const struct comm *cc, struct fam *f, int *n, int age,
                         bool female, const char *relation)
{
    if (*n >= FAMILY_MAX || age < 0 || age > 100)
        return;
    make_person(g, cc, female, birth_for_age(g, age), false, &f[*n].p);
    f[*n].relation = relation;
    f[*n].mp = NULL;
    (*n)++;
}

/* Builds a plausible family around a head aged `age` (already in f[0]). */
static void make_family(struct gen *g, const struct comm *cc, struct fam *f, int *n)
{
    int age = f[0].p.age, spouse_pm, kids = 0;
    bool female = f[0].p.gender[0] == 'F', spouse = false;

    spouse_pm = age < 22   ? 0
                : age < 30 ? 450
                : age < 60 ? 880
                : age < 75 ? 800
                : age < 85 ? 600
                           : 350;
    if (rng_chance(&g->rng, spouse_pm)) {
        int d = rng_range(&g->rng, 0, 4);
        add_relative(g, cc, f, n, female ? age + d : age - d, !female, "配偶");
        spouse = true;
        /* In many households the husband is registered as 户主. */
        if (female && rng_chance(&g->rng, 500)) {
            f[0].relation = "配偶";
            f[*n - 1].relation = "户主";
        }
    }
    if (age < 30) {
        if (spouse && rng_chance(&g->rng, 350))
            add_relative(g, cc, f, n, rng_range(&g->rng, 0, 5), rng_chance(&g->rng, 480), "子女");
    } else if (age < 60) {
        kids = rng_weighted(&g->rng, (const int[]){ 150, 550, 300 }, 3);
        for (int k = 0; k < kids; k++) {
            int ca = age - rng_range(&g->rng, 23, 35) - 2 * k;
            if (ca >= 0 && (ca < 25 || rng_chance(&g->rng, 400)))
                add_relative(g, cc, f, n, ca, rng_chance(&g->rng, 480), "子女");
        }
        if (rng_chance(&g->rng, 120))
            add_relative(g, cc, f, n, age + rng_range(&g->rng, 22, 32), rng_chance(&g->rng, 600),
                         "父母");
    } else if (rng_chance(&g->rng, 220)) {
        int ca = age - rng_range(&g->rng, 24, 34);
        add_relative(g, cc, f, n, ca, rng_chance(&g->rng, 480), "子女");
        if (ca >= 25 && rng_chance(&g->rng, 500))
            add_relative(g, cc, f, n, ca - rng_range(&g->rng, 23, 32), rng_chance(&g->rng, 480),
                         "其他");
    }
}

/* ---------------------------------------------------------------------------------------
 * Status history (member_event): every member's admission and, for a full member, 转正 on the
 * record's dates; for a few full members a later 停止党籍 (RULES.md LOST-SHILIAN), 恢复党籍 or
 * 除名 two years on (LOST-AFTER-STOP), an expulsion, or death. All of it is drawn from
 * g->r_event, and the member's status today is the last event's.
 */

enum { MEV_MAX = 4, DOC_BYTES = 64 };

struct mev {
    const char *kind, *old_value, *new_value, *note;
    int64_t day;
    char doc[DOC_BYTES]; /* "" when the record has none */
};

struct mhist {
    const char *status;
    int n;
    struct mev ev[MEV_MAX];
};

/* Losing contact, per 1000 full members under 70, by category: mostly those working away,
 * out of work or without a fixed tie to the community. */
static const int LOST_PM[CAT_N] = {
    [CAT_COMMUNITY] = 5,   [CAT_MOBILE_OUT] = 30, [CAT_IN_SERVICE] = 2, [CAT_RETIRED] = 2,
    [CAT_UNEMPLOYED] = 20, [CAT_NEW_ORG] = 8,     [CAT_STUDENT] = 0,    [CAT_OTHER] = 12,
};

static const char *const DEATH_NOTES[] = { "因病去世", "病故", "因病医治无效去世", "逝世" };

/* An invented document number "<abbr><issuer>〔<year of day>〕<n>号", e.g. "桂社党〔2019〕12号". */
static void doc_no(struct rng *r, const char *abbr, const char *issuer, int64_t day,
                   char out[DOC_BYTES])
{
    int y, m, d;
    struct sb b;

    date_from_days(day, &y, &m, &d);
    sb_init(&b, out, DOC_BYTES);
    sb_str(&b, abbr);
    sb_str(&b, issuer);
    sb_str(&b, "〔");
    sb_uint(&b, y, 4);
    sb_str(&b, "〕");
    sb_uint(&b, rng_range(r, 1, 48), 0);
    sb_str(&b, "号");
}

/* A day in [lo, hi] into *out; false when the window is empty. */
static bool day_in(struct rng *r, int64_t lo, int64_t hi, int64_t *out)
{
    if (lo > hi)
        return false;
    *out = lo + rng_below(r, (int)(hi - lo + 1));
    return true;
}

static int64_t max64(int64_t a, int64_t b)
{
    return a > b ? a : b;
}

static int64_t min64(int64_t a, int64_t b)
{
    return a < b ? a : b;
}

static struct mev *mev_add(struct mhist *h, const char *kind, int64_t day, const char *old_value,
                           const char *new_value, const char *note)
{
    struct mev *e;

    ASSERT(h->n < MEV_MAX);
    e = &h->ev[h->n++];
    *e = (struct mev){
        .kind = kind, .old_value = old_value, .new_value = new_value, .note = note, .day = day
    };
    h->status = new_value;
    return e;
}

/* The org whose decisions a branch's admissions, 转正 and 停止党籍 rest on: a 社区党委 is a
 * 基层党委 itself; a 社区党总支's branches go up to the street 党工委. Before that org was
 * founded the decision was another org's (the number is in the member's file), so the event
 * carries none. */
static void approval_doc(struct gen *g, const struct comm *cc, int64_t day, char out[DOC_BYTES])
{
    const char *abbr = cc->big ? cc->abbr : cc->street->abbr;
    int64_t since = cc->big ? cc->founded_days : cc->street->founded_days;

    if (day >= since)
        doc_no(&g->r_event, abbr, cc->big ? "社党" : "街党工", day, out);
    else
        out[0] = '\0';
}

/* District decisions: 恢复党籍 needs county-level approval (LOST-AFTER-STOP), an expulsion is
 * the district discipline commission's. */
static void district_doc(struct gen *g, const char *issuer, int64_t day, char out[DOC_BYTES])
{
    char abbr[4];

    memcpy(abbr, DEMO_DISTRICT, 3);
    abbr[3] = '\0';
    doc_no(&g->r_event, abbr, issuer, day, out);
}

/* The events of mp's record. keep: the member stays a current member whatever is drawn (a
 * secretary, a group leader or contact, the demo member login). */
static void plan_history(struct gen *g, const struct comm *cc, const struct mplan *mp, bool keep,
                         struct mhist *h)
{
    struct rng *r = &g->r_event;
    int64_t t = g->today_days, full = mp->full_days, d1, d2;
    int age = mp->p.age, pm;
    struct mev *e;

    h->n = 0;
    /* Routine entries carry short notes: there is one of each per member. */
    e = mev_add(h, "create", mp->joined_days, NULL, "probationary", "接收为预备党员");
    approval_doc(g, cc, e->day, e->doc);
    if (mp->probationary)
        return;
    e = mev_add(h, "status", full, "probationary", "full", "预备期满，按期转正");
    approval_doc(g, cc, e->day, e->doc);
    if (!keep)
        return;

    /* Death in the last three years (the roster keeps those records), mostly the oldest. */
    pm = age >= 90 ? 150 : age >= 80 ? 80 : age >= 70 ? 30 : age >= 60 ? 8 : 0;
    if (rng_chance(r, pm) && day_in(r, max64(full + 1, t - 3 * 365), t - 1, &d1)) {
        mev_add(h, "status", d1, "full", "deceased",
                DEATH_NOTES[rng_below(r, (int)ARRAY_LEN(DEATH_NOTES))]);
        return;
    }
    if (age >= 70)
        return;
    /* Lost contact: 停止党籍 at least a year after 转正; then either still suspended (for
     * less than two years), restored on a written application within two years, or struck
     * off as 自行脱党 once two years have passed. */
    if (rng_chance(r, LOST_PM[mp->cat])) {
        int path = rng_below(r, 100);
        int64_t lo = full + 365;

        if (path < 40) {
            if (day_in(r, max64(lo, t - 700), t - 30, &d1)) {
                e = mev_add(h, "status", d1, "full", "suspended",
                            "失去联系超过六个月，经多方寻找仍无法取得联系，停止党籍");
                approval_doc(g, cc, d1, e->doc);
            }
        } else if (path < 75) {
            if (day_in(r, max64(lo, t - 6 * 365), t - 120, &d1) &&
                day_in(r, d1 + 60, min64(d1 + 700, t - 1), &d2)) {
                e = mev_add(h, "status", d1, "full", "suspended",
                            "失去联系超过六个月，经多方寻找仍无法取得联系，停止党籍");
                approval_doc(g, cc, d1, e->doc);
                e = mev_add(h, "status", d2, "suspended", "full",
                            "本人与党组织取得联系并书面申请，经区委组织部批准恢复党籍");
                district_doc(g, "组", d2, e->doc);
            }
        } else if (day_in(r, max64(lo, t - 8 * 365), t - 761, &d1)) {
            e = mev_add(h, "status", d1, "full", "suspended",
                        "失去联系超过六个月，经多方寻找仍无法取得联系，停止党籍");
            approval_doc(g, cc, d1, e->doc);
            d2 = min64(d1 + 731 + rng_below(r, 60), t - 1);
            e = mev_add(h, "status", d2, "suspended", "left",
                        "停止党籍满两年仍无法取得联系，按自行脱党予以除名");
            approval_doc(g, cc, d2, e->doc);
        }
        return;
    }
    /* Expulsion for a grave breach of discipline: very rare. */
    if (rng_chance(r, 1) && day_in(r, max64(full + 365, t - 10 * 365), t - 30, &d1)) {
        e = mev_add(h, "status", d1, "full", "left", "因严重违纪受到开除党籍处分");
        district_doc(g, "纪", d1, e->doc);
    }
}

static int insert_member(struct gen *g, struct comm *cc, struct mplan *mp, int64_t person_id)
{
    static const struct {
        unsigned bit;
        const char *tag;
    } tags[] = {
        { TAG_HARDSHIP, "困难党员" },
        { TAG_VETERAN, "老党员" },
        { TAG_VOLUNTEER, "志愿者" },
        { TAG_WORKER, "党务工作者" },
    };
    const struct branch *br = &cc->br[mp->branch];
    char joined[11], full[11], unit[96];
    const char *post;
    struct demo_member_row r;
    struct mhist h;
    int64_t id = g->next_member++;
    /* The demo member login: the first full member of the demo branch who is not its
     * secretary. It stays a full member, as do the org workers (DEMO logins and 书记 posts
     * rely on them). */
    bool login = cc->is_demo_target && g->want_member && br->id == g->res.branch_org_id &&
                 !mp->probationary && !mp->secretary;
    bool ended;

    plan_history(g, cc, mp, !login && !mp->secretary && !(mp->tags & TAG_WORKER), &h);
    ended = !strcmp(h.status, "deceased") || !strcmp(h.status, "left");
    days_fmt(mp->joined_days, joined);
    if (!mp->probationary)
        days_fmt(mp->full_days, full);
    work_unit(g, mp, unit, sizeof(unit), &post);
    r = (struct demo_member_row){
        .id = id,
        .tenant_id = g->tenant,
        .person_id = person_id,
        .org_id = br->id,
        .org_path = br->path,
        .status = h.status,
        .category = CAT_NAME[mp->cat],
        .joined_on = joined,
        .full_member_on = mp->probationary ? NULL : full,
        .work_unit = unit[0] ? unit : NULL,
        .post = post,
    };
    if (demo_store_member_insert(g->c, &r, g->now, g->err) < 0)
        return -1;
    g->res.members++;
    for (int k = 0; k < h.n; k++) {
        char on[11];
        struct demo_member_event_row er = {
            .tenant_id = g->tenant,
            .member_id = id,
            .kind = h.ev[k].kind,
            .effective_on = on,
            .old_value = h.ev[k].old_value,
            .new_value = h.ev[k].new_value,
            .doc_no = h.ev[k].doc,
            .note = h.ev[k].note,
        };
        days_fmt(h.ev[k].day, on);
        if (demo_store_member_event_insert(g->c, &er, g->now, g->err) < 0)
            return -1;
    }
    for (size_t i = 0; i < ARRAY_LEN(tags); i++) {
        /* Someone who died or left is no longer listed as a volunteer or in hardship. */
        if (ended && (tags[i].bit & (TAG_VOLUNTEER | TAG_HARDSHIP)))
            continue;
        if ((mp->tags & tags[i].bit) &&
            demo_store_member_tag_insert(g->c, id, tags[i].tag, g->err) < 0)
            return -1;
    }
    if (login) {
        g->res.member_person_id = person_id;
        g->want_member = false;
    }
    return 0;
}

static int insert_household(struct gen *g, struct comm *cc, int e, int k, struct mplan *anchor)
{
    const struct estate *es = &cc->est[e];
    int slots = es->units * es->floors * es->rooms;
    int64_t cap = es->buildings * slots;
    int64_t slot = (int64_t)k * cap / es->households;
    int building = (int)(slot / slots) + 1, rem = (int)(slot % slots);
    int unit = rem / (es->floors * es->rooms) + 1, fr = rem % (es->floors * es->rooms);
    int room = (fr / es->rooms + 1) * 100 + fr % es->rooms + 1;
    int grid = es->grid_base + (building - 1) / BUILDINGS_PER_GRID + 1;
    char sgrid[24], sbuilding[24], sunit[24], sroom[16], addr[224];
    struct fam f[FAMILY_MAX];
    int n = 0;
    int64_t hid = g->next_household++, head_moved;
    struct demo_household_row h;
    struct sb b;

    sb_init(&b, sgrid, sizeof(sgrid));
    sb_str(&b, "第");
    sb_uint(&b, grid, 0);
    sb_str(&b, "网格");
    sb_init(&b, sbuilding, sizeof(sbuilding));
    sb_uint(&b, building, 0);
    sb_str(&b, "号楼");
    sb_init(&b, sunit, sizeof(sunit));
    sb_uint(&b, unit, 0);
    sb_str(&b, "单元");
    sb_init(&b, sroom, sizeof(sroom));
    sb_uint(&b, room, 0);
    sb_init(&b, addr, sizeof(addr)); /* 澜川区青枫街道青枫路6号阳光公寓3号楼2单元501室 */
    sb_str(&b, cc->addr_prefix);
    sb_str(&b, es->road);
    sb_uint(&b, es->road_no, 0);
    sb_str(&b, "号");
    sb_str(&b, es->name);
    sb_uint(&b, building, 0);
    sb_str(&b, "号楼");
    sb_uint(&b, unit, 0);
    sb_str(&b, "单元");
    sb_uint(&b, room, 0);
    sb_str(&b, "室");
    h = (struct demo_household_row){
        .id = hid,
        .tenant_id = g->tenant,
        .org_id = cc->id,
        .grid = sgrid,
        .building = sbuilding,
        .unit = sunit,
        .room = sroom,
        .address = addr,
    };
    if (demo_store_household_insert(g->c, &h, g->now, g->err) < 0)
        return -1;
    g->res.households++;

    if (anchor) {
        f[0].p = anchor->p;
        f[0].mp = anchor;
    } else {
        double u = rng_unit(&g->rng);
        int age = 22 + (int)(66.0 * u * (0.8 + 0.2 * u));
        make_person(g, cc, rng_chance(&g->rng, 500), birth_for_age(g, age), false, &f[0].p);
        f[0].mp = NULL;
    }
    f[0].relation = "户主";
    n = 1;
    make_family(g, cc, f, &n);

    /* Moved in as an adult, not before 1985; children born later arrived at birth. */
    {
        int64_t lo = days_add_years(f[0].p.birth_days, 20), d1985 = date_to_days(1985, 1, 1);
        if (lo < d1985)
            lo = d1985;
        if (lo > g->today_days)
            lo = g->today_days;
        head_moved = lo + rng_below(&g->rng, (int)(g->today_days - lo + 1));
    }

    for (int i = 0; i < n; i++) {
        int64_t pid = g->next_person++, moved = head_moved;
        char moved_on[11], former[32] = "";
        struct demo_person_row pr;
        struct demo_resident_row rr;
        /* 曾用名: more common among older people (per 1000, about 2.5 % overall). */
        int former_pm = f[i].p.age >= 60 ? 40 : f[i].p.age >= 40 ? 25 : f[i].p.age >= 18 ? 12 : 3;

        if (rng_chance(&g->r_former, former_pm))
            make_former_name(g, &f[i].p, former);
        pr = (struct demo_person_row){
            .id = pid,
            .tenant_id = g->tenant,
            .name = f[i].p.name,
            .former_name = former[0] ? former : NULL,
            .gender = f[i].p.gender,
            .ethnicity = f[i].p.ethnicity,
            .birth_date = f[i].p.birth,
            .id_number = f[i].p.id,
            .phone = f[i].p.phone[0] ? f[i].p.phone : NULL,
            .address = addr,
            .hukou = f[i].p.hukou,
            .education = f[i].p.education,
            .name_initials = f[i].p.ini,
        };

        if (demo_store_person_insert(g->c, &pr, g->now, g->err) < 0)
            return -1;
        g->res.persons++;
        if (f[i].mp && insert_member(g, cc, f[i].mp, pid) < 0)
            return -1;
        if (f[i].p.birth_days > moved)
            moved = f[i].p.birth_days;
        days_fmt(moved, moved_on);
        rr = (struct demo_resident_row){
            .id = g->next_resident++,
            .tenant_id = g->tenant,
            .person_id = pid,
            .household_id = hid,
            .relation = f[i].relation,
            .moved_in_on = moved_on,
        };
        if (demo_store_resident_insert(g->c, &rr, g->now, g->err) < 0)
            return -1;
        g->res.residents++;
        if (cc->is_demo_target && g->want_resident && !f[i].mp && f[i].p.age >= 18) {
            g->res.resident_person_id = pid;
            g->want_resident = false;
        }
    }
    return 0;
}

static int gen_community(struct gen *g, const struct street *street, int street_index,
                         int comm_index, int members, bool big, bool demo_target)
{
    struct arena a;
    struct comm cc;
    char stem[32], full[48];
    int rc = -1;

    memset(&cc, 0, sizeof(cc));
    arena_init(&a, 1u << 16);
    cc.m = members;
    cc.street = street;
    cc.big = big;
    cc.street_index = street_index;
    cc.county = street_index % 6 + 1;
    cc.is_demo_target = demo_target;
    if (!comm_name_next(g, stem, sizeof(stem), full, sizeof(full))) {
        err_set(g->err, E_INVALID, "/members", "演示数据规模过大，社区名称不够用");
        goto out;
    }
    sfmt(cc.name, sizeof(cc.name), "%s社区", full);
    memcpy(cc.abbr, full, 3); /* names are CJK: three bytes a character */
    cc.abbr[3] = '\0';
    sfmt(cc.road, sizeof(cc.road), "%s%s", stem,
         g->road_suffix.w[rng_below(&g->rng, g->road_suffix.n)]);
    sfmt(cc.street_name, sizeof(cc.street_name), "%s", street->name);
    sfmt(cc.street_road, sizeof(cc.street_road), "%s", street->road);
    sfmt(cc.addr_prefix, sizeof(cc.addr_prefix), "%s区%s", DEMO_DISTRICT, cc.street_name);
    sfmt(cc.hukou, sizeof(cc.hukou), "%s区%s%s", DEMO_DISTRICT, cc.street_name, cc.name);
    cc.mem = arena_alloc(&a, sizeof(*cc.mem) * (size_t)members);

    plan_roster(g, &cc);
    plan_branches(g, &cc, &a);
    plan_estates(g, &cc);
    if (insert_community_orgs(g, &cc, street, comm_index, big) < 0)
        goto out;
    if (demo_target)
        g->res.community_org_id = cc.id;

    /* Households estate by estate: member households and others mixed over the slots. */
    for (int e = 0; e < cc.nestates; e++) {
        struct estate *es = &cc.est[e];
        int *owner = arena_alloc(&a, sizeof(*owner) * (size_t)es->households), na = 0;

        for (int i = 0; i < cc.m; i++) {
            if (cc.mem[i].estate == e)
                owner[na++] = i;
        }
        for (int k = na; k < es->households; k++)
            owner[k] = -1;
        for (int k = es->households - 1; k > 0; k--) {
            int j = rng_below(&g->rng, k + 1), t = owner[k];
            owner[k] = owner[j];
            owner[j] = t;
        }
        for (int k = 0; k < es->households; k++) {
            if (insert_household(g, &cc, e, k, owner[k] >= 0 ? &cc.mem[owner[k]] : NULL) < 0)
                goto out;
        }
    }
    rc = 0;
out:
    arena_release(&a);
    return rc;
}

/* ---------------------------------------------------------------------------------------
 * The district and its streets.
 */

static void gen_init(struct gen *g, const struct demo_opts *o)
{
    char today[11];
    int m, d;

    rng_seed(&g->rng, o->seed);
    rng_seed(&g->r_former, o->seed ^ 0x666f726d65724eULL);
    rng_seed(&g->r_event, o->seed ^ 0x6d656d6265724eULL);
    rng_seed(&g->r_org, o->seed ^ 0x6f7267686973ULL);
    g->now = clock_now();
    clock_today(today);
    ASSERT(date_parse(today, &g->ty, &m, &d) == 0);
    g->today_days = date_to_days(g->ty, m, d);
    for (int e = 0; e < DEMO_ERAS; e++) {
        pool_parse(DEMO_GIVEN_M[e], &g->given[0][e]);
        pool_parse(DEMO_GIVEN_F[e], &g->given[1][e]);
    }
    ASSERT(DEMO_SURNAMES_LEN > 0 && DEMO_SURNAMES_LEN <= ARRAY_LEN(g->surname_cum));
    for (size_t i = 0; i < DEMO_SURNAMES_LEN; i++)
        g->surname_cum[i] = (i ? g->surname_cum[i - 1] : 0) + DEMO_SURNAMES[i].w;
    ASSERT(DEMO_ETHNICITIES_LEN > 0 && DEMO_ETHNICITIES_LEN <= ARRAY_LEN(g->eth_cum));
    for (size_t i = 0; i < DEMO_ETHNICITIES_LEN; i++)
        g->eth_cum[i] = (i ? g->eth_cum[i - 1] : 0) + DEMO_ETHNICITIES[i].w;
    words_parse(DEMO_STREET_A, &g->street_a);
    words_parse(DEMO_STREET_B, &g->street_b);
    words_parse(DEMO_COMM_A, &g->comm_a);
    words_parse(DEMO_COMM_B, &g->comm_b);
    words_parse(DEMO_COMM_SUFFIX, &g->comm_suffix);
    words_parse(DEMO_ESTATE_WORDS, &g->estate_words);
    words_parse(DEMO_ESTATE_SUFFIX, &g->estate_suffix);
    words_parse(DEMO_ROAD_SUFFIX, &g->road_suffix);
    words_parse(DEMO_COMPANY_WORDS, &g->company);
    words_parse(DEMO_OUT_CITIES, &g->cities);
    words_parse(DEMO_OTHER_COUNTIES, &g->counties);
    words_parse(DEMO_WORK_UNITS, &g->units);
    words_parse(DEMO_POSTS_SERVICE, &g->posts_service);
    words_parse(DEMO_POSTS_NEWORG, &g->posts_neworg);
    {
        int ns = g->street_a.n * g->street_b.n;
        int nc = g->comm_a.n * g->comm_b.n * g->comm_suffix.n;
        g->street_start = rng_below(&g->rng, ns);
        g->street_stride = coprime_stride(g, ns);
        g->comm_start = rng_below(&g->rng, nc);
        g->comm_stride = coprime_stride(g, nc);
    }
    g->next_org = g->next_person = g->next_member = g->next_household = g->next_resident = 1;
    g->want_member = g->want_resident = true;
}

/* Member counts per community: every fourth community is small (a 党总支 of 60-90 members),
 * the others vary around the mean; the counts add up to `members` exactly. */
static void community_sizes(struct gen *g, int64_t members, int n, int *out)
{
    double *w = calloc((size_t)n, sizeof(*w)), sum = 0;
    int64_t given = 0;

    ASSERT(w);
    for (int i = 0; i < n; i++) {
        w[i] = i % 4 == 3 ? 0.16 + 0.06 * rng_unit(&g->rng) : 0.8 + 0.7 * rng_unit(&g->rng);
        sum += w[i];
    }
    for (int i = 0; i < n; i++) {
        out[i] = (int)((double)members * w[i] / sum);
        given += out[i];
    }
    for (int i = 0; given < members; i = (i + 1) % n) {
        if (i % 4 != 3 || n < 4) {
            out[i]++;
            given++;
        }
    }
    free(w);
}

static int gen_district(struct gen *g, int64_t members)
{
    int ncomm, nstreet, *sizes = NULL, ci = 0, target = 0, rc = -1;
    struct street district, *streets = NULL;
    char founded_on[11], contact[32], ini[16], phone[12], addr[160], name[96], short_name[96];
    struct demo_org_row r;

    ncomm = (int)((members + MEMBERS_PER_COMMUNITY / 2) / MEMBERS_PER_COMMUNITY);
    if (members >= 3000 && ncomm < 8)
        ncomm = 8;
    if (ncomm < 1)
        ncomm = 1;
    nstreet = ncomm <= 15 ? 1 : (ncomm + COMMUNITIES_PER_STREET - 1) / COMMUNITIES_PER_STREET;
    sizes = calloc((size_t)ncomm, sizeof(*sizes));
    streets = calloc((size_t)nstreet, sizeof(*streets));
    ASSERT(sizes && streets);
    community_sizes(g, members, ncomm, sizes);
    /* The demo logins go to the first 社区党委 (or the first community of a tiny run). */
    while (target < ncomm && sizes[target] <= 100)
        target++;
    if (target == ncomm)
        target = 0;

    /* The root: the district organization department; its id is every row's tenant_id. */
    memset(&district, 0, sizeof(district));
    district.id = g->next_org++;
    g->tenant = district.id;
    sfmt(district.path, sizeof(district.path), "/%" PRId64 "/", district.id);
    sfmt(name, sizeof(name), "中共%s区委组织部", DEMO_DISTRICT);
    sfmt(short_name, sizeof(short_name), "%s区委组织部", DEMO_DISTRICT);
    sfmt(addr, sizeof(addr), "%s区%s大道1号", DEMO_DISTRICT, DEMO_DISTRICT);
    make_name(g, rng_chance(&g->rng, 400), 1975, contact, ini, NULL);
    make_phone(g, phone);
    r = (struct demo_org_row){
        .id = district.id,
        .tenant_id = g->tenant,
        .path = district.path,
        .depth = 0,
        .type = "district",
        .name = name,
        .short_name = short_name,
        .code = "D99",
        .founded_on = "1984-03-01",
        .contact_name = contact,
        .contact_phone = phone,
        .address = addr,
    };
    if (org_insert(g, &r) < 0)
        goto out;

    for (int s = 0; s < nstreet; s++) {
        struct street *st = &streets[s];
        char stem[32];

        if (!street_stem_next(g, stem, sizeof(stem))) {
            err_set(g->err, E_INVALID, "/members", "演示数据规模过大，街道名称不够用");
            goto out;
        }
        st->id = g->next_org++;
        memcpy(st->abbr, stem, 3);
        st->abbr[3] = '\0';
        sfmt(st->path, sizeof(st->path), "%s%" PRId64 "/", district.path, st->id);
        sfmt(st->code, sizeof(st->code), "D99%04d", s + 1);
        sfmt(st->name, sizeof(st->name), "%s街道", stem);
        sfmt(st->road, sizeof(st->road), "%s%s", stem, s % 2 ? "大道" : "路");
        sfmt(name, sizeof(name), "中共%s街道工作委员会", stem);
        sfmt(short_name, sizeof(short_name), "%s街道党工委", stem);
        sfmt(addr, sizeof(addr), "%s区%s%d号", DEMO_DISTRICT, st->road, rng_range(&g->rng, 1, 200));
        make_name(g, rng_chance(&g->rng, 400), 1972 + rng_below(&g->rng, 12), contact, ini, NULL);
        make_phone(g, phone);
        st->founded_days = founded(g, 1990, 2005, 0, founded_on);
        r = (struct demo_org_row){
            .id = st->id,
            .tenant_id = g->tenant,
            .parent_id = district.id,
            .path = st->path,
            .depth = 1,
            .type = "street",
            .name = name,
            .short_name = short_name,
            .code = st->code,
            .founded_on = founded_on,
            .contact_name = contact,
            .contact_phone = phone,
            .address = addr,
        };
        if (org_insert(g, &r) < 0)
            goto out;
    }

    /* Communities, spread evenly over the streets. */
    for (int s = 0; s < nstreet; s++) {
        int here = ncomm / nstreet + (s < ncomm % nstreet ? 1 : 0);
        for (int k = 0; k < here; k++, ci++) {
            if (ci == target)
                g->res.street_org_id = streets[s].id;
            if (gen_community(g, &streets[s], s, k, sizes[ci], sizes[ci] > 100, ci == target) < 0)
                goto out;
        }
    }
    rc = 0;
out:
    free(sizes);
    free(streets);
    return rc;
}

/* ---------------------------------------------------------------------------------------
 * Units linked to the streets and communities (大党委成员单位, 共建单位), drawn from their own
 * random stream so the rest of the demo stays the same whatever is drawn here.
 */

/* A day between from and to (inclusive), as YYYY-MM-DD. */
static void unit_day(struct rng *r, int64_t from, int64_t to, char out[11])
{
    days_fmt(to > from ? from + rng_below(r, (int)(to - from + 1)) : from, out);
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
    if (rng_chance(r, 80)) {
        ASSERT(date_parse(joined, &y, &m, &d) == 0);
        unit_day(r, date_to_days(y, m, d) + 180, g->today_days - 1, left);
        if (strcmp(left, joined) > 0)
            return demo_store_unit_insert(g->c, o->id, name, kind, joined, left, g->now, g->err);
    }
    return demo_store_unit_insert(g->c, o->id, name, kind, joined, NULL, g->now, g->err);
}

static int gen_units(struct gen *g, uint64_t seed)
{
    static const char *const kinds[] = { "科技", "商贸", "建设", "物流", "文化传媒" };
    struct demo_unit_org *orgs;
    struct arena a;
    struct rng r;
    char name[128];
    int64_t n;
    int rc = -1;

    arena_init(&a, 0);
    rng_seed(&r, seed ^ 0x756e6974735eedULL);
    if (demo_store_unit_orgs(g->c, &a, &orgs, &n, g->err) < 0)
        goto out;
    for (int64_t i = 0; i < n; i++) {
        const struct demo_unit_org *o = &orgs[i];
        int pick[32], np = g->units.n < 32 ? g->units.n : 32;

        /* Distinct district units: a shuffled prefix of the list. */
        for (int k = 0; k < np; k++)
            pick[k] = k;
        for (int k = np - 1; k > 0; k--) {
            int j = rng_below(&r, k + 1), t = pick[k];
            pick[k] = pick[j];
            pick[j] = t;
        }
        if (!strcmp(o->type, "street")) {
            /* The street 大党委: district units in the street, its police station, its
             * health centre. */
            int want = rng_range(&r, 6, np < 10 ? np : 10);
            size_t stem = strlen(o->short_name);
            if (stem > strlen("街道党工委") &&
                !strcmp(o->short_name + stem - strlen("街道党工委"), "街道党工委"))
                stem -= strlen("街道党工委");
            sfmt(name, sizeof(name), "江澜市公安局%s分局%.*s派出所", DEMO_DISTRICT, (int)stem,
                 o->short_name);
            if (unit_link(g, &r, o, name, "committee_member_unit") < 0)
                goto out;
            sfmt(name, sizeof(name), "%.*s街道社区卫生服务中心", (int)stem, o->short_name);
            if (unit_link(g, &r, o, name, "committee_member_unit") < 0)
                goto out;
            for (int k = 0; k < want; k++) {
                sfmt(name, sizeof(name), "%s区%s", DEMO_DISTRICT, g->units.w[pick[k]]);
                if (unit_link(g, &r, o, name, "committee_member_unit") < 0)
                    goto out;
            }
            continue;
        }
        /* A community: units based in it on its 大党委, companies and social organizations
         * co-building with it. */
        for (int k = 0, want = rng_range(&r, 2, 4); k < want && k < np; k++) {
            sfmt(name, sizeof(name), "%s区%s", DEMO_DISTRICT, g->units.w[pick[k]]);
            if (unit_link(g, &r, o, name, "committee_member_unit") < 0)
                goto out;
        }
        for (int k = 0, want = rng_range(&r, 1, 3); k < want; k++) {
            const char *word = g->company.w[(rng_below(&r, g->company.n) + k) % g->company.n];
            switch (k) {
            case 0:
                sfmt(name, sizeof(name), "江澜%s%s有限公司", word,
                     kinds[rng_below(&r, (int)ARRAY_LEN(kinds))]);
                break;
            case 1:
                sfmt(name, sizeof(name), "%s律师事务所", word);
                break;
            default:
                sfmt(name, sizeof(name), "%s社会工作服务中心", word);
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

/* ---------------------------------------------------------------------------------------
 * Org history (org_event): streets renamed when a town became a street (撤镇设街), communities
 * renamed when a village became a community (撤村建居) or merged (the merged-in community
 * dissolved, its branches moved over and renamed), a branch moved to the neighbouring
 * community when the boundary was redrawn, and 非公企业 joint branches renamed 两新组织. The
 * orgs stay as generated (today's tree); the events carry the names and parents they had
 * before (the as-of tree puts those back), and every name below a renamed org is renamed
 * with it on the same day under the same document. Drawn from g->r_org after every other
 * row, so nothing else moves; a merged-in community takes the next free org id.
 */

enum hscen { H_NONE, H_VILLAGE, H_MERGE, H_MOVE };

struct hist {
    struct gen *g;
    struct arena *a;
    const struct demo_hist_org *o;
    int64_t n;
    int64_t *day;         /* founding day of each org, -1 when unknown */
    bool *renamed;        /* renamed by this pass already: one rename per org */
    bool *keep;           /* never renamed or moved: the demo branch and its sibling, which the
                             logins and their users' first views rely on */
    const char *gone[16]; /* place names of the communities merged away in this street (a
                             street has at most 15 communities, each merges once) */
    int ngone;
};

static bool has_prefix(const char *s, const char *p)
{
    return strncmp(s, p, strlen(p)) == 0;
}

static bool has_suffix(const char *s, const char *x)
{
    size_t n = strlen(s), k = strlen(x);
    return n >= k && strcmp(s + n - k, x) == 0;
}

static bool is_community(const char *type)
{
    return !strcmp(type, "community_committee") || !strcmp(type, "general_branch");
}

/* The index just past i's subtree, for a community or below: the generator writes a
 * community's orgs one after another (not a street's: all streets come first). */
static int64_t hist_end(const struct hist *h, int64_t i)
{
    size_t n = strlen(h->o[i].path);
    int64_t j = i + 1;

    while (j < h->n && strncmp(h->o[j].path, h->o[i].path, n) == 0)
        j++;
    return j;
}

/* s with its leading pn (or "中共" pn) replaced by po, from h->a; NULL when s starts with
 * neither. */
static const char *swap_prefix(struct hist *h, const char *s, const char *pn, const char *po)
{
    if (has_prefix(s, "中共") && has_prefix(s + strlen("中共"), pn))
        return arena_printf(h->a, "中共%s%s", po, s + strlen("中共") + strlen(pn));
    if (has_prefix(s, pn))
        return arena_printf(h->a, "%s%s", po, s + strlen(pn));
    return NULL;
}

/* A community's place name ("桂香苑社区") from its short name ("桂香苑社区党委"). */
static bool place_of(const struct demo_hist_org *o, char out[64])
{
    size_t n = strlen(o->short_name);

    if (has_suffix(o->short_name, "党总支"))
        n -= strlen("党总支");
    else if (has_suffix(o->short_name, "党委"))
        n -= strlen("党委");
    else
        return false;
    if (n == 0 || n >= 64)
        return false;
    memcpy(out, o->short_name, n);
    out[n] = '\0';
    return true;
}

/* The stem of a place name: "东桂香苑社区" -> "东桂香" and its suffix "苑" (the longest
 * community suffix it ends with). */
static bool place_stem(const struct gen *g, const char *place, char stem[64], const char **suffix)
{
    size_t n = strlen(place), best = 0;

    if (!has_suffix(place, "社区") || n - strlen("社区") >= 64)
        return false;
    n -= strlen("社区");
    memcpy(stem, place, n);
    stem[n] = '\0';
    *suffix = NULL;
    for (int i = 0; i < g->comm_suffix.n; i++) {
        size_t k = strlen(g->comm_suffix.w[i]);
        if (k > best && k < n && has_suffix(stem, g->comm_suffix.w[i])) {
            best = k;
            *suffix = g->comm_suffix.w[i];
        }
    }
    if (!best)
        return false;
    stem[n - best] = '\0';
    return true;
}

static int hist_event(struct hist *h, int64_t org_id, const char *kind, int64_t day,
                      const char *doc, const char *note, const char *old_name, const char *new_name,
                      const char *old_short, const char *new_short, int64_t old_parent,
                      int64_t new_parent)
{
    char on[11];
    struct demo_org_event_row r = {
        .tenant_id = h->g->tenant,
        .org_id = org_id,
        .old_parent_id = old_parent,
        .new_parent_id = new_parent,
        .kind = kind,
        .effective_on = on,
        .doc_no = doc,
        .note = note,
        .old_name = old_name,
        .new_name = new_name,
        .old_short_name = old_short,
        .new_short_name = new_short,
    };

    days_fmt(day, on);
    return demo_store_org_event_insert(h->g->c, &r, h->g->now, h->g->err);
}

/* Renames on day every org in root's subtree founded before it whose name starts with pn (or
 * "中共" pn) to begin with po instead: the old names go into the events, today's stay.
 * root_short, when given, is root's old short name. */
static int rename_subtree(struct hist *h, int64_t root, int64_t day, const char *pn, const char *po,
                          const char *root_short, const char *doc, const char *note_root,
                          const char *note_rest)
{
    for (int64_t j = root, end = hist_end(h, root); j < end; j++) {
        const struct demo_hist_org *o = &h->o[j];
        const char *old_name, *old_short;

        if (h->renamed[j] || h->keep[j] || h->day[j] < 0 || h->day[j] >= day)
            continue;
        old_name = swap_prefix(h, o->name, pn, po);
        old_short = j == root && root_short ? root_short : swap_prefix(h, o->short_name, pn, po);
        if (!old_name && !old_short)
            continue;
        if (!old_name)
            old_name = o->name;
        if (!old_short)
            old_short = o->short_name;
        if (hist_event(h, o->id, "rename", day, doc, j == root ? note_root : note_rest, old_name,
                       o->name, old_short, strcmp(old_short, o->short_name) ? o->short_name : NULL,
                       0, 0) < 0)
            return -1;
        h->renamed[j] = true;
    }
    return 0;
}

/* Direct children of community c that are 小区支部 (a branch covering an estate), first or
 * last. */
static int64_t estate_branch(const struct hist *h, int64_t c, bool last)
{
    int64_t found = -1;

    for (int64_t j = c + 1, end = hist_end(h, c); j < end; j++) {
        if (h->o[j].parent_id == h->o[c].id && !strcmp(h->o[j].type, "branch") && h->o[j].area[0]) {
            found = j;
            if (!last)
                break;
        }
    }
    return found;
}

/* The last 小区支部 of c that may move and was founded after prev. */
static int64_t movable_branch(const struct hist *h, int64_t c, int64_t prev)
{
    for (int64_t j = hist_end(h, c) - 1; j > c; j--) {
        if (h->o[j].parent_id == h->o[c].id && !strcmp(h->o[j].type, "branch") && h->o[j].area[0] &&
            !h->keep[j] && h->day[j] > h->day[prev])
            return j;
    }
    return -1;
}

/* A merger needs an estate other than the first branch's, whose branches came with it. */
static bool can_merge(const struct hist *h, int64_t c)
{
    int64_t first = estate_branch(h, c, false), last = estate_branch(h, c, true);
    return first >= 0 && last >= 0 && strcmp(h->o[first].area, h->o[last].area) != 0 &&
           !h->keep[last];
}

static bool can_village(const struct hist *h, int64_t c)
{
    char place[64], stem[64];
    const char *suffix;
    return place_of(&h->o[c], place) && place_stem(h->g, place, stem, &suffix);
}

/* Does another community of the street (cm[0..nc-1], or one merged away) have this place
 * name? */
static bool place_taken(const struct hist *h, const int64_t *cm, int nc, const char *place)
{
    char p[64];

    for (int k = 0; k < h->ngone; k++) {
        if (!strcmp(h->gone[k], place))
            return true;
    }
    for (int k = 0; k < nc; k++) {
        if (place_of(&h->o[cm[k]], p) && !strcmp(p, place))
            return true;
    }
    return false;
}

/* 撤村建居: the community was a village's Party organization until a day in its first years. */
static int apply_village(struct hist *h, int64_t c, const char *sabbr)
{
    struct rng *r = &h->g->r_org;
    char place[64], stem[64], old[80], doc[DOC_BYTES];
    const char *suffix;
    int64_t d;

    if (!place_of(&h->o[c], place) || !place_stem(h->g, place, stem, &suffix) ||
        !day_in(r, h->day[c] + 365, min64(h->day[c] + 8 * 365, h->g->today_days - 30), &d))
        return 0;
    sfmt(old, sizeof(old), "%s村", stem);
    doc_no(r, sabbr, "街党工", d, doc);
    return rename_subtree(h, c, d, place, old, NULL, doc,
                          arena_printf(h->a, "撤村建居，%s党组织更名为%s党组织", old, place),
                          arena_printf(h->a, "随%s撤村建居更名", place));
}

/* A community merged into c on a day: named after c's estate whose branches it held, founded
 * after the street, dissolved on the merger day, its branches moved to c and renamed; c itself
 * took a new name at the merger about half the time. */
static int apply_merge(struct hist *h, int64_t s, int64_t c, const int64_t *cm, int nc,
                       const char *sabbr)
{
    struct gen *g = h->g;
    struct rng *r = &g->r_org;
    const struct demo_hist_org *st = &h->o[s], *cc = &h->o[c];
    int64_t last = estate_branch(h, c, true), first = INT64_MAX, m, dfound, id;
    char place[64], dplace[80], dname[128], dshort[96], path[96], founded_on[11], gone_on[11];
    char doc[DOC_BYTES];
    struct demo_org_row row;

    if (last < 0 || !place_of(cc, place))
        return 0;
    for (int64_t j = c + 1, end = hist_end(h, c); j < end; j++) {
        if (h->o[j].parent_id == cc->id && !strcmp(h->o[j].type, "branch") &&
            !strcmp(h->o[j].area, h->o[last].area) && h->day[j] >= 0 && h->day[j] < first)
            first = h->day[j];
    }
    /* Named after the estate, as communities often are ("星河小区" -> "星河社区"). */
    {
        const char *area = h->o[last].area;
        int n = (int)strlen(area);
        if (has_suffix(area, "小区") && n > (int)strlen("小区"))
            n -= (int)strlen("小区");
        sfmt(dplace, sizeof(dplace), "%.*s社区", n, area);
    }
    if (first == INT64_MAX || place_taken(h, cm, nc, dplace) ||
        !day_in(r, first + 365, g->today_days - 30, &m) ||
        !day_in(r, h->day[s] + 1, first - 1, &dfound))
        return 0;
    doc_no(r, sabbr, "街党工", m, doc);
    if (h->ngone < (int)ARRAY_LEN(h->gone))
        h->gone[h->ngone++] = arena_strdup(h->a, dplace);

    /* The merged-in community, as it was. */
    id = g->next_org++;
    sfmt(path, sizeof(path), "%s%" PRId64 "/", st->path, id);
    sfmt(dname, sizeof(dname), "中共%s总支部委员会", dplace);
    sfmt(dshort, sizeof(dshort), "%s党总支", dplace);
    days_fmt(dfound, founded_on);
    row = (struct demo_org_row){
        .id = id,
        .tenant_id = g->tenant,
        .parent_id = st->id,
        .path = path,
        .depth = st->depth + 1,
        .type = "general_branch",
        .name = dname,
        .short_name = dshort,
        .founded_on = founded_on,
    };
    if (org_insert(g, &row) < 0)
        return -1;

    /* Its branches move over, renamed after c, with their 党小组. */
    for (int64_t j = c + 1, end = hist_end(h, c); j < end; j++) {
        const struct demo_hist_org *b = &h->o[j];
        const char *old_name;
        if (b->parent_id != cc->id || strcmp(b->type, "branch") ||
            strcmp(b->area, h->o[last].area) || h->day[j] < 0 || h->day[j] >= m || h->keep[j])
            continue;
        old_name = swap_prefix(h, b->name, place, dplace);
        if (hist_event(
                h, b->id, "move", m, doc,
                arena_printf(h->a, "%s并入%s，%s划归%s党组织", dplace, place, b->short_name, place),
                old_name ? old_name : b->name, NULL, b->short_name, NULL, id, cc->id) < 0 ||
            rename_subtree(h, j, m, place, dplace, NULL, doc,
                           arena_printf(h->a, "随%s并入%s更名", dplace, place),
                           arena_printf(h->a, "随%s并入%s更名", dplace, place)) < 0)
            return -1;
    }

    /* c's own new name. */
    if (rng_chance(r, 500)) {
        char stem[64], old[80];
        const char *suffix, *alt = g->comm_suffix.w[rng_below(r, g->comm_suffix.n)];
        if (place_stem(g, place, stem, &suffix) && strcmp(alt, suffix) != 0) {
            sfmt(old, sizeof(old), "%s%s社区", stem, alt);
            if (!place_taken(h, cm, nc, old) && strcmp(old, dplace) != 0 &&
                rename_subtree(h, c, m, place, old, NULL, doc,
                               arena_printf(h->a, "%s与%s合并，更名为%s", old, dplace, place),
                               arena_printf(h->a, "随%s与%s合并更名", old, dplace)) < 0)
                return -1;
        }
    }

    days_fmt(m, gone_on);
    if (demo_store_org_dissolve(g->c, id, gone_on, g->err) < 0 ||
        hist_event(h, id, "dissolve", m, doc, arena_printf(h->a, "与%s合并，撤销%s", place, dshort),
                   dname, NULL, dshort, NULL, 0, 0) < 0)
        return -1;
    return 0;
}

/* 区划调整: c's last 小区支部 belonged to the neighbouring community prev until a day. */
static int apply_move(struct hist *h, int64_t c, int64_t prev, const char *sabbr)
{
    struct rng *r = &h->g->r_org;
    const struct demo_hist_org *cc = &h->o[c], *b;
    int64_t j = movable_branch(h, c, prev), m;
    char place[64], pplace[64], doc[DOC_BYTES];
    const char *old_name;

    if (j < 0 || !place_of(cc, place) || !place_of(&h->o[prev], pplace) ||
        !day_in(r, max64(h->day[j], h->day[prev]) + 365, h->g->today_days - 30, &m))
        return 0;
    b = &h->o[j];
    doc_no(r, sabbr, "街党工", m, doc);
    old_name = swap_prefix(h, b->name, place, pplace);
    if (hist_event(h, b->id, "move", m, doc,
                   arena_printf(h->a, "社区区划调整，%s由%s划归%s", b->short_name, pplace, place),
                   old_name ? old_name : b->name, NULL, b->short_name, NULL, h->o[prev].id,
                   cc->id) < 0)
        return -1;
    return rename_subtree(h, j, m, place, pplace, NULL, doc, "随社区区划调整更名",
                          "随社区区划调整更名");
}

/* 非公企业联合党支部 renamed 两新组织联合党支部 a few years after their founding. */
static int apply_joint(struct hist *h, int64_t c, const char *sabbr)
{
    struct rng *r = &h->g->r_org;
    const struct demo_hist_org *cc = &h->o[c];
    char place[64], cabbr[4], doc[DOC_BYTES];
    bool big = !strcmp(cc->type, "community_committee");

    if (!place_of(cc, place))
        return 0;
    memcpy(cabbr, place, 3);
    cabbr[3] = '\0';
    for (int64_t j = c + 1, end = hist_end(h, c); j < end; j++) {
        const struct demo_hist_org *b = &h->o[j];
        const char *old_short, *old_name;
        int64_t d;
        if (b->parent_id != cc->id || strcmp(b->type, "joint_branch") ||
            !has_prefix(b->short_name, "两新组织") || !rng_chance(r, 400) ||
            !day_in(r, h->day[j] + 180, min64(h->day[j] + 6 * 365, h->g->today_days - 30), &d))
            continue;
        old_short = arena_printf(h->a, "非公企业%s", b->short_name + strlen("两新组织"));
        old_name = arena_printf(h->a, "%s%s", place, old_short);
        doc_no(r, big ? cabbr : sabbr, big ? "社党" : "街党工", d, doc);
        if (rename_subtree(h, j, d, b->name, old_name, old_short, doc,
                           "非公企业联合党支部更名为两新组织联合党支部", "随所在支部更名") < 0)
            return -1;
    }
    return 0;
}

static bool place_changing(enum hscen s)
{
    return s == H_VILLAGE || s == H_MERGE;
}

/* One street: its own rename, then a scenario per community (at least one place change and
 * one move per street when any community allows it), then the joint branches. */
static int hist_street(struct hist *h, int64_t s)
{
    struct gen *g = h->g;
    struct rng *r = &g->r_org;
    const struct demo_hist_org *st = &h->o[s];
    int64_t *cm, d;
    enum hscen *sc;
    char stem[64], sabbr[4], dabbr[4], doc[DOC_BYTES];
    int nc = 0;
    bool changed = false, moved = false;
    size_t n = strlen(st->short_name);

    if (!has_suffix(st->short_name, "街道党工委") || n - strlen("街道党工委") >= sizeof(stem) ||
        n == strlen("街道党工委"))
        return 0;
    n -= strlen("街道党工委");
    memcpy(stem, st->short_name, n);
    stem[n] = '\0';
    memcpy(sabbr, stem, 3);
    sabbr[3] = '\0';
    memcpy(dabbr, DEMO_DISTRICT, 3);
    dabbr[3] = '\0';

    /* 撤镇设街: the first street always, others often. */
    if ((st->id == g->res.street_org_id || rng_chance(r, 400)) &&
        day_in(r, h->day[s] + 3 * 365, min64(h->day[s] + 12 * 365, g->today_days - 30), &d)) {
        doc_no(r, dabbr, "委", d, doc);
        if (hist_event(h, st->id, "rename", d, doc,
                       arena_printf(h->a, "撤镇设街道，%s镇党委更名为%s", stem, st->short_name),
                       arena_printf(h->a, "中共%s镇委员会", stem), st->name,
                       arena_printf(h->a, "%s镇党委", stem), st->short_name, 0, 0) < 0)
            return -1;
        h->renamed[s] = true;
    }

    /* Its communities, in id order. The streets come before all communities (a street's
     * subtree is not one run of ids, a community's is), so every org is looked at. */
    for (int64_t j = s + 1; j < h->n; j++)
        nc += h->o[j].parent_id == st->id && is_community(h->o[j].type);
    h->ngone = 0;
    cm = arena_alloc(h->a, sizeof(*cm) * (size_t)(nc ? nc : 1));
    sc = arena_alloc(h->a, sizeof(*sc) * (size_t)(nc ? nc : 1));
    nc = 0;
    for (int64_t j = s + 1; j < h->n; j++) {
        if (h->o[j].parent_id == st->id && is_community(h->o[j].type))
            cm[nc++] = j;
    }
    for (int k = 0; k < nc; k++) {
        bool target = h->o[cm[k]].id == g->res.community_org_id;
        int u = rng_below(r, 1000);
        sc[k] = H_NONE;
        if (!target && u < 100 && can_merge(h, cm[k]))
            sc[k] = H_MERGE;
        else if (!target && u >= 100 && u < 220 && can_village(h, cm[k]))
            sc[k] = H_VILLAGE;
        else if (u >= 220 && u < 370 && k > 0 && !place_changing(sc[k - 1]) &&
                 movable_branch(h, cm[k], cm[k - 1]) >= 0)
            sc[k] = H_MOVE;
        changed |= place_changing(sc[k]);
        moved |= sc[k] == H_MOVE;
    }
    /* A street whose draw had no merger, rename or move still shows one of each where it
     * can. */
    for (int k = 0; !changed && k < nc; k++) {
        if (h->o[cm[k]].id != g->res.community_org_id && sc[k] == H_NONE &&
            (k + 1 >= nc || sc[k + 1] != H_MOVE) && can_merge(h, cm[k])) {
            sc[k] = H_MERGE;
            changed = true;
        }
    }
    for (int k = 1; !moved && k < nc; k++) {
        if (sc[k] == H_NONE && !place_changing(sc[k - 1]) &&
            movable_branch(h, cm[k], cm[k - 1]) >= 0) {
            sc[k] = H_MOVE;
            moved = true;
        }
    }

    for (int k = 0; k < nc; k++) {
        int rc = 0;
        switch (sc[k]) {
        case H_VILLAGE:
            rc = apply_village(h, cm[k], sabbr);
            break;
        case H_MERGE:
            rc = apply_merge(h, s, cm[k], cm, nc, sabbr);
            break;
        case H_MOVE:
            rc = apply_move(h, cm[k], cm[k - 1], sabbr);
            break;
        default:
            break;
        }
        if (rc < 0 || (!place_changing(sc[k]) && apply_joint(h, cm[k], sabbr) < 0))
            return -1;
    }
    return 0;
}

static int gen_org_history(struct gen *g)
{
    struct arena a;
    struct demo_hist_org *o;
    struct hist h = { .g = g, .a = &a };
    int64_t n;
    int rc = -1;

    arena_init(&a, 1u << 16);
    if (demo_store_hist_orgs(g->c, &a, &o, &n, g->err) < 0)
        goto out;
    h.o = o;
    h.n = n;
    h.day = arena_alloc(&a, sizeof(*h.day) * (size_t)(n ? n : 1));
    h.renamed = arena_alloc(&a, sizeof(*h.renamed) * (size_t)(n ? n : 1));
    h.keep = arena_alloc(&a, sizeof(*h.keep) * (size_t)(n ? n : 1));
    for (int64_t i = 0; i < n; i++) {
        int y, m, d;
        h.day[i] = o[i].founded_on && date_parse(o[i].founded_on, &y, &m, &d) == 0
                       ? date_to_days(y, m, d)
                       : -1;
    }
    /* The demo community's first two branches (the demo branch among them) with their
     * 党小组 keep their names and places. */
    for (int64_t i = 0, kept = 0; i < n && kept < 2; i++) {
        if (o[i].parent_id == g->res.community_org_id && !strcmp(o[i].type, "branch")) {
            for (int64_t j = i, end = hist_end(&h, i); j < end; j++)
                h.keep[j] = true;
            kept++;
        }
    }
    for (int64_t i = 0; i < n; i++) {
        if (!strcmp(o[i].type, "street") && hist_street(&h, i) < 0)
            goto out;
    }
    rc = 0;
out:
    arena_release(&a);
    return rc;
}

int demo_generate(struct db *db, const struct demo_opts *o, struct demo_result *out,
                  struct err *err)
{
    struct db_conn *c = NULL;
    struct gen *g = NULL;
    int64_t existing = 0;
    char today[11];
    struct demo_bulk_schema schema;
    bool bulk = false;
    int rc = -1;

    if (o->members < MEMBERS_MIN || o->members > MEMBERS_MAX)
        return err_set(err, E_INVALID, "/members", "演示党员人数应在 %d 到 %d 之间", MEMBERS_MIN,
                       MEMBERS_MAX);
    demo_bulk_schema_init(&schema);
    g = calloc(1, sizeof(*g));
    ASSERT(g);
    g->err = err;
    gen_init(g, o);
    if (db_acquire(db, &c, err) < 0)
        goto out;
    g->c = c;
    if (demo_store_count_existing(c, &existing, err) < 0)
        goto out;
    if (existing > 0) {
        err_set(err, E_CONFLICT, "",
                "数据库中已有组织或人员数据，演示数据只能生成到新建的空数据库");
        goto out;
    }
    if (demo_store_bulk_begin(c, err) < 0)
        goto out;
    bulk = true;
    if (db_tx_begin(c, err) < 0)
        goto out;
    days_fmt(g->today_days, today);
    /* The rows go in without secondary indexes and triggers, which come back before the
     * set-based roster extras (they need the indexes) and the commit. */
    if (demo_store_bulk_schema_drop(c, &schema, err) < 0 || gen_district(g, o->members) < 0 ||
        gen_units(g, o->seed) < 0 || gen_org_history(g) < 0 ||
        demo_store_bulk_indexes_restore(c, &schema, err) < 0 ||
        demo_store_roster_extras(c, today, g->now, err) < 0 ||
        demo_store_bulk_triggers_restore(c, &schema, err) < 0 || org_stats_rebuild(c, err) < 0) {
        db_tx_rollback(c);
        goto out;
    }
    if (db_tx_commit(c, err) < 0)
        goto out;
    *out = g->res;
    rc = 0;
out:
    if (bulk)
        demo_store_bulk_end(c);
    db_release(db, &c);
    demo_bulk_schema_release(&schema);
    if (g)
        free(g->ids.slot);
    free(g);
    return rc;
}
