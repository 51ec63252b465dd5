/* demo_kit.h: what the areas' demo hooks share with the demo street generator: its
 * deterministic random streams, the invented word lists for names, the fictional district's
 * name and small text helpers (demo_rand.c, demo_names.c). It writes nothing; each hook
 * inserts through its own area's store. */
#pragma once

/* The fictional district, e.g. "澜川", and space-separated word lists for demo_words_parse. */
extern const char DEMO_DISTRICT[];
extern const char *const DEMO_COMPANY_WORDS; /* invented company name stems */
extern const char *const DEMO_WORK_UNITS;    /* public-sector employers (district-prefixed) */

/* Deterministic PRNG state. A hook seeds a stream of its own from demo_ctx.seed, so the rest
 * of the demo stays the same whatever it draws. */
struct rng {
    uint64_t s[4];
};
void demo_rng_seed(struct rng *r, uint64_t seed);
int demo_rng_below(struct rng *r, int n);          /* 0 .. n-1 */
int demo_rng_range(struct rng *r, int lo, int hi); /* lo .. hi */
bool demo_rng_chance(struct rng *r, int per_mille);

enum { WORDS_MAX = 48, WORD_BYTES = 32, POOL_MAX = 48 };
struct words {
    int n;
    char w[WORDS_MAX][WORD_BYTES];
};
/* Parses a space-separated word list (at most WORDS_MAX words). */
void demo_words_parse(const char *s, struct words *out);

/* snprintf into a fixed buffer; every buffer is sized for the longest text the word pools can
 * make (the wrapper keeps GCC's truncation guesses about %s arguments quiet). */
__attribute__((format(printf, 3, 4))) void demo_sfmt(char *out, size_t size, const char *fmt, ...);
/* A day number (days since 1970-01-01) as YYYY-MM-DD. */
void demo_days_fmt(int64_t days, char out[11]);
