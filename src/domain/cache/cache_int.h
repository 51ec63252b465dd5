/* cache_int.h: the counter registry as the cache's own store sees it. */
#pragma once

/* The registration index of the counter named name; -1 when none is. */
int cache_counter_index(const char *name);
/* How many counters are registered, and the name of the i-th. */
size_t cache_counters_len(void);
const char *cache_counter_name(size_t i);
