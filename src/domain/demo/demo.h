/* demo.h: the demo street generator. Fills an empty, migrated database with a fictional
 * district, street(s), communities, branches and Party groups, with members (and their status
 * history), households and residents, and the orgs' change history (all is_synthetic = 1, ID
 * numbers with the demo prefix 99, DATA.md §0). It never touches a database that already
 * holds orgs, persons or households. */
#pragma once

struct db;
struct err;

struct demo_opts {
    int64_t members; /* 100 .. 10,000,000; the CLI default is 3000 */
    uint64_t seed;   /* same seed, same date and same members: the same data */
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
