/* cache_test.c: the answer cache: a hit only for the same key and generation, newer answers
 * not overwritten by older ones, the byte bound kept, and a disabled cache that stores
 * nothing. */
#include "tap.h"
#include "core/arena.h"
#include "domain/cache/cache.h"

static void test_hit_needs_same_key_and_generation(void)
{
    struct cache *c = cache_new(1 << 20);
    struct arena a = { NULL, 0, 0 };
    const char *body;
    size_t len;
    int64_t hits, misses;

    cache_put(c, "stats|1|2026-11-23", 7, "{\"members\":3}", 13);
    CHECK(cache_get(c, "stats|1|2026-11-23", 7, &a, &body, &len));
    CHECK_EQ(len, 13);
    CHECK_STR(body, "{\"members\":3}");
    CHECK(!cache_get(c, "stats|1|2026-11-23", 8, &a, &body, &len)); /* the roster moved on */
    CHECK(!cache_get(c, "stats|1|2026-11-24", 7, &a, &body, &len)); /* another day */
    cache_counts(c, &hits, &misses);
    CHECK_EQ(hits, 1);
    CHECK_EQ(misses, 2);
    /* An answer computed at an older generation does not replace a newer one. */
    cache_put(c, "k", 9, "new", 3);
    cache_put(c, "k", 8, "old", 3);
    CHECK(cache_get(c, "k", 9, &a, &body, &len));
    CHECK_STR(body, "new");
    cache_free(&c);
    CHECK(c == NULL);
    arena_release(&a);
}

static void test_byte_bound_and_disabled_cache(void)
{
    struct cache *c = cache_new(64), *off = cache_new(0);
    struct arena a = { NULL, 0, 0 };
    char key[16], big[100] = { 0 };
    const char *body;
    size_t len;
    int stored = 0;

    for (int i = 0; i < 20; i++) {
        snprintf(key, sizeof(key), "k%d", i);
        cache_put(c, key, 1, "0123456789", 10);
    }
    for (int i = 0; i < 20; i++) {
        snprintf(key, sizeof(key), "k%d", i);
        stored += cache_get(c, key, 1, &a, &body, &len);
    }
    CHECK(stored > 0 && stored <= 64 / 13); /* each entry is key + NUL + 10 bytes */
    cache_put(c, "big", 1, big, sizeof(big));
    CHECK(!cache_get(c, "big", 1, &a, &body, &len));
    /* A newer generation evicts stale entries to make room. */
    cache_put(c, "fresh", 2, "0123456789012345678901234567890123456789", 40);
    CHECK(cache_get(c, "fresh", 2, &a, &body, &len));
    cache_put(off, "k", 1, "v", 1);
    CHECK(!cache_get(off, "k", 1, &a, &body, &len));
    CHECK(!cache_get(NULL, "k", 1, &a, &body, &len));
    cache_free(&c);
    cache_free(&off);
    arena_release(&a);
}

TAP_MAIN("domain/cache", TEST(test_hit_needs_same_key_and_generation),
         TEST(test_byte_bound_and_disabled_cache))
