/* demo_rand.c: the demo generator's small tools: bounded string formatting, the seeded PRNG
 * (splitmix64 + xoshiro256**), word pools parsed from demo_names.c, the set of issued ID
 * numbers, calendar arithmetic on day numbers and invented document numbers. No database
 * access and no knowledge of orgs or people. */
#include "core/compat.h"
#include "core/clock.h"
#include "domain/demo/demo_int.h"

/* snprintf into a fixed buffer. Every buffer here is sized for the longest text the word
 * pools can make; the wrapper keeps GCC's truncation guesses about %s arguments quiet. */
__attribute__((format(printf, 3, 4))) void demo_sfmt(char *out, size_t size, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(out, size, fmt, ap);
    va_end(ap);
}

void demo_sb_init(struct sb *b, char *out, size_t size)
{
    b->p = out;
    b->end = out + size - 1;
    *b->p = '\0';
}

void demo_sb_mem(struct sb *b, const char *s, size_t n)
{
    size_t room = (size_t)(b->end - b->p);

    if (n > room)
        n = room;
    memcpy(b->p, s, n);
    b->p += n;
    *b->p = '\0';
}

void demo_sb_str(struct sb *b, const char *s)
{
    demo_sb_mem(b, s, strlen(s));
}

/* v in decimal, zero-padded to at least width digits (v >= 0). */
void demo_sb_uint(struct sb *b, int64_t v, int width)
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
    demo_sb_mem(b, tmp + sizeof(tmp) - n, (size_t)n);
}

/* ---------------------------------------------------------------------------------------
 * Deterministic PRNG: splitmix64 seeds xoshiro256** (Blackman and Vigna, public domain
 * algorithms, written out here).
 */

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

void demo_rng_seed(struct rng *r, uint64_t seed)
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
int demo_rng_below(struct rng *r, int n)
{
    return (int)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

int demo_rng_range(struct rng *r, int lo, int hi)
{
    return lo + demo_rng_below(r, hi - lo + 1);
}

bool demo_rng_chance(struct rng *r, int per_mille)
{
    return demo_rng_below(r, 1000) < per_mille;
}

double demo_rng_unit(struct rng *r)
{
    return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* Index drawn with probability w[i] / sum(w). */
int demo_rng_weighted(struct rng *r, const int *w, int n)
{
    int total = 0, x;

    for (int i = 0; i < n; i++)
        total += w[i];
    x = demo_rng_below(r, total);
    for (int i = 0; i < n; i++) {
        if (x < w[i])
            return i;
        x -= w[i];
    }
    return n - 1;
}

/* The same draw as rng_weighted over weights whose running sums are cum[0..n-1] (cum[n-1] is
 * the total), without summing them again on every call. */
int demo_rng_weighted_cum(struct rng *r, const int *cum, int n)
{
    int x = demo_rng_below(r, cum[n - 1]), lo = 0, hi = n - 1;

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

void demo_words_parse(const char *s, struct words *out)
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
void demo_pool_parse(const char *s, struct pool *out)
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
bool demo_idset_add(struct idset *s, uint64_t k)
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
 * Calendar helpers on day numbers (days since 1970-01-01).
 */

void demo_days_fmt(int64_t days, char out[11])
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
int64_t demo_days_add_years(int64_t days, int n)
{
    int y, m, d, dim;

    date_from_days(days, &y, &m, &d);
    dim = date_days_in_month(y + n, m);
    if (d > dim)
        return date_to_days(y + n, m, dim) + (d - dim);
    return date_to_days(y + n, m, d);
}

/* Completed years between birth and today. */
int demo_age_on(int64_t birth_days, int64_t today_days)
{
    int by, bm, bd, ty, tm, td, age;

    date_from_days(birth_days, &by, &bm, &bd);
    date_from_days(today_days, &ty, &tm, &td);
    age = ty - by;
    if (tm < bm || (tm == bm && td < bd))
        age--;
    return age;
}

/* An invented document number "<abbr><issuer>〔<year of day>〕<n>号", e.g. "桂社党〔2019〕12号". */
void demo_doc_no(struct rng *r, const char *abbr, const char *issuer, int64_t day,
                 char out[DOC_BYTES])
{
    int y, m, d;
    struct sb b;

    date_from_days(day, &y, &m, &d);
    demo_sb_init(&b, out, DOC_BYTES);
    demo_sb_str(&b, abbr);
    demo_sb_str(&b, issuer);
    demo_sb_str(&b, "〔");
    demo_sb_uint(&b, y, 4);
    demo_sb_str(&b, "〕");
    demo_sb_uint(&b, demo_rng_range(r, 1, 48), 0);
    demo_sb_str(&b, "号");
}

/* A day in [lo, hi] into *out; false when the window is empty. */
bool demo_day_in(struct rng *r, int64_t lo, int64_t hi, int64_t *out)
{
    if (lo > hi)
        return false;
    *out = lo + demo_rng_below(r, (int)(hi - lo + 1));
    return true;
}

int64_t demo_max64(int64_t a, int64_t b)
{
    return a > b ? a : b;
}

int64_t demo_min64(int64_t a, int64_t b)
{
    return a < b ? a : b;
}
