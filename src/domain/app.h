/* app.h: the long-lived state a server or CLI command runs with: configuration, the database
 * pool and counters. Built at start-up, freed at exit; request arenas never point into it
 * except read-only. */
#pragma once

#include <stdatomic.h>
#include "core/err.h"

struct auth_sessions;
struct cache;
struct cfg;
struct db;

struct app {
    const struct cfg *cfg;
    struct db *db;
    struct cache *cache;            /* answers derived from the roster; NULL in CLI commands */
    struct auth_sessions *sessions; /* live sessions in memory; NULL in CLI commands */
    int64_t started_at;
    atomic_llong requests;
    atomic_llong errors[E_THROTTLED + 1]; /* by error code, exposed at /api/health */
};
