/* cache.c: the answer cache: a direct-mapped table of slots (key hash → slot) under one
 * mutex, bounded in bytes. A new key evicts whatever shared its slot. Not an LRU on purpose:
 * the working set (first pages of each community's list, each org's dashboard) is small, and
 * every change to the roster makes all entries stale at once anyway. */
#include "core/compat.h"
#include "core/arena.h"
#include "domain/cache/cache.h"

#define CACHE_SLOTS 1024

struct cache_slot {
    char *key; /* NULL: empty */
    char *body;
    size_t len, size; /* size: key + body bytes, for the bound */
    int64_t gen;
};

struct cache {
    pthread_mutex_t lock;
    size_t max_bytes, bytes;
    int64_t hits, misses;
    struct cache_slot slots[CACHE_SLOTS];
};

struct cache *cache_new(size_t max_bytes)
{
    struct cache *c = calloc(1, sizeof(*c));

    ASSERT(c);
    pthread_mutex_init(&c->lock, NULL);
    c->max_bytes = max_bytes;
    return c;
}

static void slot_clear(struct cache *c, struct cache_slot *s)
{
    c->bytes -= s->size;
    free(s->key);
    free(s->body);
    memset(s, 0, sizeof(*s));
}

void cache_free(struct cache **cp)
{
    struct cache *c = *cp;

    if (!c)
        return;
    for (int i = 0; i < CACHE_SLOTS; i++)
        slot_clear(c, &c->slots[i]);
    pthread_mutex_destroy(&c->lock);
    free(c);
    *cp = NULL;
}

/* FNV-1a. */
static size_t slot_of(const char *key)
{
    uint64_t h = 14695981039346656037u;

    for (const unsigned char *p = (const unsigned char *)key; *p; p++)
        h = (h ^ *p) * 1099511628211u;
    return (size_t)(h % CACHE_SLOTS);
}

bool cache_get(struct cache *c, const char *key, int64_t gen, struct arena *a,
               const char **body_out, size_t *len_out)
{
    struct cache_slot *s;
    bool hit;

    if (!c)
        return false;
    s = &c->slots[slot_of(key)];
    pthread_mutex_lock(&c->lock);
    hit = s->key && s->gen == gen && !strcmp(s->key, key);
    if (hit) {
        char *copy = arena_alloc(a, s->len + 1);
        memcpy(copy, s->body, s->len);
        *body_out = copy;
        *len_out = s->len;
        c->hits++;
    } else
        c->misses++;
    pthread_mutex_unlock(&c->lock);
    return hit;
}

void cache_put(struct cache *c, const char *key, int64_t gen, const char *body, size_t len)
{
    size_t klen = strlen(key), size = klen + 1 + len;
    struct cache_slot *s;

    if (!c || size > c->max_bytes)
        return;
    s = &c->slots[slot_of(key)];
    pthread_mutex_lock(&c->lock);
    if (s->key && s->gen > gen) { /* a newer answer is there already */
        pthread_mutex_unlock(&c->lock);
        return;
    }
    slot_clear(c, s);
    if (c->bytes + size > c->max_bytes)
        for (int i = 0; i < CACHE_SLOTS; i++)
            if (c->slots[i].key && c->slots[i].gen < gen)
                slot_clear(c, &c->slots[i]);
    if (c->bytes + size <= c->max_bytes) {
        s->key = malloc(klen + 1);
        s->body = malloc(len ? len : 1);
        ASSERT(s->key && s->body);
        memcpy(s->key, key, klen + 1);
        memcpy(s->body, body, len);
        s->len = len;
        s->size = size;
        s->gen = gen;
        c->bytes += size;
    }
    pthread_mutex_unlock(&c->lock);
}

void cache_counts(struct cache *c, int64_t *hits_out, int64_t *misses_out)
{
    *hits_out = *misses_out = 0;
    if (!c)
        return;
    pthread_mutex_lock(&c->lock);
    *hits_out = c->hits;
    *misses_out = c->misses;
    pthread_mutex_unlock(&c->lock);
}
