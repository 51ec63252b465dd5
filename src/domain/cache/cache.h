/* cache.h: answers derived from the roster and the org network (member list pages, dashboard
 * statistics), kept in memory until those tables change. Validity is exact, not timed: each
 * entry carries the value of the database's 'roster' generation counter (moved by triggers on
 * every change, see migration 0005) and is used only while the counter still has that value.
 * Keys must contain everything else the answer depends on (scope, filters, today's date);
 * handlers go through http_cache_answer (http/http.h), which adds the date. */
#pragma once

struct app;
struct arena;
struct err;
struct cache;

/* A cache holding at most max_bytes of keys and answers; max_bytes 0 disables it (every get
 * misses, every put is dropped). */
struct cache *cache_new(size_t max_bytes);
void cache_free(struct cache **c);

/* The database's change counters: 'roster' (migration 0005) for answers derived from the
 * roster and the org network, 'auth' (0007) for live sessions. */
struct generations {
    int64_t roster, auth;
};

/* Reads both counters (one statement). Read them before computing what is to be kept: it then
 * reflects those generations or newer ones, and an entry labelled older than its data is
 * merely never hit. */
int cache_generations(struct app *app, struct generations *out, struct err *err);

/* Copies the answer stored under key for generation gen into the arena. False on a miss, and
 * always when c is NULL. */
bool cache_get(struct cache *c, const char *key, int64_t gen, struct arena *a,
               const char **body_out, size_t *len_out);
/* Stores an answer computed at generation gen (copied). Entries of older generations are
 * dropped first when space runs out; an answer that still does not fit is not stored. */
void cache_put(struct cache *c, const char *key, int64_t gen, const char *body, size_t len);

/* Hits and misses since start, for /api/health. */
void cache_counts(struct cache *c, int64_t *hits_out, int64_t *misses_out);
