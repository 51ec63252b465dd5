/* cache_counters.c: the registry of named change counters (cache.h). Filled once at start-up by
 * the composition root from the module rows, read-only afterwards; it does not read the
 * database (cache_store.c does). */
#include "core/compat.h"
#include "core/err.h"
#include "domain/cache/cache.h"
#include "domain/cache/cache_int.h"

static const struct change_counter *registered[CACHE_COUNTERS_MAX];
static size_t nregistered;

int cache_counter_register(const struct change_counter *c, struct err *err)
{
    for (size_t i = 0; i < nregistered; i++)
        if (registered[i] == c || strcmp(registered[i]->name, c->name) == 0)
            return err_set(err, E_INTERNAL, "", "数据版本计数 %s 重复登记", c->name);
    if (nregistered == CACHE_COUNTERS_MAX)
        return err_set(err, E_INTERNAL, "", "数据版本计数超过 %d 个", CACHE_COUNTERS_MAX);
    registered[nregistered++] = c;
    return 0;
}

void cache_counters_reset(void)
{
    nregistered = 0;
}

int cache_counter_index(const char *name)
{
    for (size_t i = 0; i < nregistered; i++)
        if (strcmp(registered[i]->name, name) == 0)
            return (int)i;
    return -1;
}

size_t cache_counters_len(void)
{
    return nregistered;
}

const char *cache_counter_name(size_t i)
{
    ASSERT(i < nregistered);
    return registered[i]->name;
}

int64_t generations_get(const struct generations *g, const struct change_counter *c)
{
    for (size_t i = 0; i < nregistered; i++)
        if (registered[i] == c)
            return g->n[i];
    ASSERT(!"change counter not registered");
    return 0;
}
