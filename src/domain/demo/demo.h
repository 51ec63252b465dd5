/* demo.h: the demo street generator. Fills an empty, migrated database with a fictional
 * district, street(s), communities, branches and Party groups, with members (and their status
 * history), households and residents, and the orgs' change history (all is_synthetic = 1, ID
 * numbers with the demo prefix 99, DATA.md §0); then runs the demo hooks the areas contribute
 * through their module rows, in phase order. It never touches a database that already holds
 * orgs, persons or households. */
#pragma once

struct db;
struct db_conn;
struct err;
struct demo_result;

/* When a hook runs, inside the generator's one transaction. */
enum demo_phase {
    DEMO_PHASE_ROWS = 1, /* after the street's orgs, people, members and households, before its
                          * org history; bulk mode: secondary indexes and triggers are off */
    DEMO_PHASE_INDEXED,  /* indexes back, triggers still off: set-based inserts */
    DEMO_PHASE_DONE,     /* indexes and triggers back: derived tables (statistics) */
};

/* What a hook gets: the connection (in the transaction; never begin or commit), the run's
 * seed (draw from a stream of the hook's own, seeded from it, so the rest of the demo stays
 * the same whatever a hook draws), today and the street made so far. */
struct demo_ctx {
    struct db_conn *c;
    uint64_t seed;
    const char *today;  /* YYYY-MM-DD (clock_today) */
    int64_t today_days; /* the same as days since 1970-01-01 */
    int64_t now;        /* epoch seconds, for created_at */
    const struct demo_result *street;
};

/* One area's demo hook: gives the demo street a believable year of the area's data. Areas
 * list theirs in their module row (.demo, ending with NULL); the composition root
 * hands them over in phase order, then module order (app_demo_hooks). */
struct demo_hook {
    const char *name; /* "orgs.stats" */
    enum demo_phase phase;
    int (*run)(const struct demo_ctx *ctx, struct err *err);
};

struct demo_opts {
    int64_t members;                      /* 100 .. 10,000,000; the CLI default is 3000 */
    uint64_t seed;                        /* same seed, same date and same members: the same data */
    const struct demo_hook *const *hooks; /* in the order to run them; may be NULL */
    size_t nhooks;
};

struct demo_result {
    int64_t orgs, persons, members, households, residents;
    int64_t street_org_id, community_org_id, branch_org_id; /* a realistic org of each level,
                                                              for demo logins */
    int64_t member_person_id;   /* a full member of branch_org_id (the demo member login) */
    int64_t resident_person_id; /* an adult resident (non-member) of community_org_id */
};

/* Fills an empty, migrated database with a fictional street in one transaction. Dates are
 * relative to clock_today(). Errors: E_INVALID ("/members") for a member count out of range,
 * E_CONFLICT when the database already holds data, storage errors as db.h maps them. On
 * failure nothing is written and *out is untouched. */
int demo_generate(struct db *db, const struct demo_opts *o, struct demo_result *out,
                  struct err *err);
