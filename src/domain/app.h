/* app.h: the long-lived state a server or CLI command runs with: configuration, the database
 * pool, the answer cache and live sessions (the server keeps its own request counters,
 * http/http.h). Built at start-up, freed at exit; request arenas never point into it except
 * read-only. */
#pragma once

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
};
