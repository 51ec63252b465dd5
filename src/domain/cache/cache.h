/* cache.h: answers derived from the roster and the org network (member list pages, dashboard
 * statistics), kept in memory until those tables change, and the named change counters that
 * say when. Validity is exact, not timed: each entry carries the value of a change counter
 * (moved by triggers on every change, see migrations 0005 and 0007) and is used only while the
 * counter still has that value. Keys must contain everything else the answer depends on
 * (scope, filters, today's date); handlers go through http_cache_answer (cache_http.h). */
#pragma once

struct app;
struct arena;
struct err;
struct cache;

/* A cache holding at most max_bytes of keys and answers; max_bytes 0 disables it (every get
 * misses, every put is dropped). */
struct cache *cache_new(size_t max_bytes);
void cache_free(struct cache **c);

/* A change counter: a named row of the generation table that an area's triggers move on every
 * change to the tables it covers. The area that owns one exports it and lists it in its module
 * row (.counters); the composition root registers every module's at start-up. */
struct change_counter {
    const char *name;  /* the generation row's name: "roster"; unique */
    const char *label; /* zh-CN: what moves it */
};
#define CACHE_COUNTERS_MAX 16

/* Registers c (static; before any thread starts). E_INTERNAL when its name is registered
 * already or the registry is full. */
int cache_counter_register(const struct change_counter *c, struct err *err);
/* Forgets every registration (tests). */
void cache_counters_reset(void);

/* The registered counters' values as of one read. */
struct generations {
    int64_t n[CACHE_COUNTERS_MAX]; /* in registration order */
};
/* Reads every registered counter (one statement); E_INTERNAL when the database lacks one (a
 * migration missing). Read them before computing what is to be kept: it then reflects those
 * generations or newer ones, and an entry labelled older than its data is merely never hit. */
int cache_generations(struct app *app, struct generations *out, struct err *err);
/* The value of c in g; c must be registered (asserted). */
int64_t generations_get(const struct generations *g, const struct change_counter *c);

/* Copies the answer stored under key for generation gen into the arena. False on a miss, and
 * always when c is NULL. */
bool cache_get(struct cache *c, const char *key, int64_t gen, struct arena *a,
               const char **body_out, size_t *len_out);
/* Stores an answer computed at generation gen (copied). Entries of older generations are
 * dropped first when space runs out; an answer that still does not fit is not stored. */
void cache_put(struct cache *c, const char *key, int64_t gen, const char *body, size_t len);

/* Hits and misses since start, for /api/health. */
void cache_counts(struct cache *c, int64_t *hits_out, int64_t *misses_out);
