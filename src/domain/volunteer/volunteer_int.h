/* volunteer_int.h: declarations only the volunteer folder sees: the pure rule code
 * (volunteer_rules.c: times, the sign-up transition table, hours checks, points) and the store
 * functions (volunteer_store.c), which take a connection and never begin or commit. */
#pragma once

#include "domain/volunteer/volunteer.h"

struct db_conn;

/* ---- rules (volunteer_rules.c): no database, no clock ---- */

/* One row of volunteer_rule (RULES.md §13). A points row has action, points per unit (unit:
 * minutes for hours, records for post_record) and cap_per_year (-1: none); a parameter row
 * has value. Dates YYYY-MM-DD, valid_to inclusive. */
struct volunteer_rule {
    const char *rule_id, *version, *action, *valid_from, *valid_to, *confidence, *source;
    int64_t points, unit, cap_per_year, value;
    bool enabled;
};

/* "YYYY-MM-DD HH:MM" (a "T" for the blank, and ":SS" are accepted and dropped) into out and
 * minutes since 1970-01-01 00:00 of the same clock; -1 when it is not a real time. */
int volunteer_time_parse(const char *s, char out[17], int64_t *min_out);
/* The status a sign-up in status from (NULL: none yet) takes on action, from the one
 * transition table; NULL when the action is not allowed. */
const char *volunteer_transition(const char *from, const char *action);
/* Whether a status holds a seat (counts against capacity). */
bool volunteer_status_holds_seat(const char *status);
/* A record from start to end (minutes) is well formed: it ends after it starts and lasts at
 * most max_minutes (VOL-HOURS-MAX). E_INVALID at /end. */
int volunteer_hours_check(int64_t start_min, int64_t end_min, int64_t max_minutes, struct err *err);
/* The enabled rule rule_id (or, rule_id NULL, the points rule of action) in force on date. */
const struct volunteer_rule *volunteer_rule_at(const struct volunteer_rule *rules, size_t n,
                                               const char *rule_id, const char *action,
                                               const char *date);

/* A verified fact points are earned from: minutes of service, or one post record. */
struct volunteer_fact {
    int64_t person_id;
    const char *action, *on; /* "hours" | "post_record"; YYYY-MM-DD */
    int64_t qty;
    const char *name;
};
/* Points of the facts (sorted by person): each fact is counted under the rule in force on its
 * date, each rule row's units (qty / unit, rounded down) earn its points, and a rule's sum in
 * the year is capped at the cap of its latest row used. rows_out gets one row per person
 * (from a), in the facts' order. */
int volunteer_points_compute(const struct volunteer_rule *rules, size_t nr,
                             const struct volunteer_fact *facts, size_t nf, struct arena *a,
                             struct volunteer_points_row **rows_out, int64_t *n_out);

/* ---- store (volunteer_store.c) ---- */

int volunteer_store_rules(struct db_conn *c, struct arena *a, struct volunteer_rule **out,
                          size_t *n_out, struct err *err);
int volunteer_store_person(struct db_conn *c, int64_t person_id, struct arena *a,
                           struct volunteer_person *out, struct err *err);
int volunteer_store_org(struct db_conn *c, int64_t org_id, struct arena *a, int64_t *tenant_out,
                        const char **path_out, struct err *err);
int volunteer_store_team_insert(struct db_conn *c, const struct volunteer_team_in *in,
                                int64_t tenant_id, const char *org_path, int64_t by, int64_t now,
                                int64_t *id_out, struct err *err);
int volunteer_store_team_member(struct db_conn *c, int64_t team_id, int64_t person_id, int64_t now,
                                struct err *err);
int volunteer_store_team_org(struct db_conn *c, int64_t team_id, int64_t *org_id_out,
                             struct err *err);
int volunteer_store_teams(struct db_conn *c, const char *org_path, struct arena *a,
                          struct volunteer_team **out, int64_t *n_out, struct err *err);
int volunteer_store_activity_insert(struct db_conn *c, const struct volunteer_activity *v,
                                    int64_t by, int64_t now, int64_t *id_out, struct err *err);
int volunteer_store_activity(struct db_conn *c, int64_t id, struct arena *a,
                             struct volunteer_activity *out, struct err *err);
int volunteer_store_activities(struct db_conn *c, const char *org_path, const char *from,
                               const char *to, struct arena *a, struct volunteer_activity **out,
                               int64_t *n_out, struct err *err);
int volunteer_store_activities_for(struct db_conn *c, const struct volunteer_person *p,
                                   int64_t from_min, struct arena *a,
                                   struct volunteer_activity **out, int64_t *n_out,
                                   struct err *err);
int volunteer_store_seats(struct db_conn *c, int64_t activity_id, int64_t *taken_out,
                          struct err *err);
int volunteer_store_signup(struct db_conn *c, int64_t id, struct arena *a,
                           struct volunteer_signup *out, struct err *err);
int volunteer_store_signup_of(struct db_conn *c, int64_t activity_id, int64_t person_id,
                              struct arena *a, struct volunteer_signup *out, bool *found_out,
                              struct err *err);
int volunteer_store_signup_insert(struct db_conn *c, int64_t activity_id, int64_t person_id,
                                  const char *status, int64_t now, int64_t *id_out,
                                  struct err *err);
/* Sets the status (and checkin_at / checkout_at when > 0). */
/* A cancelled sign-up joined again: status set, check-in and check-out cleared. */
int volunteer_store_signup_rejoin(struct db_conn *c, int64_t id, const char *status, int64_t now,
                                  struct err *err);
int volunteer_store_signup_set(struct db_conn *c, int64_t id, const char *status,
                               int64_t checkin_at, int64_t checkout_at, int64_t now,
                               struct err *err);
int volunteer_store_signup_event(struct db_conn *c, int64_t signup_id, const char *action,
                                 const char *from, const char *to, int64_t by, int64_t now,
                                 struct err *err);
/* The first sign-up on the activity's waitlist; found false when there is none. */
int volunteer_store_first_waiting(struct db_conn *c, int64_t activity_id, int64_t *id_out,
                                  bool *found_out, struct err *err);
int volunteer_store_roster(struct db_conn *c, int64_t activity_id, struct arena *a,
                           struct volunteer_signup **out, int64_t *n_out, struct err *err);
/* The person's non-refused record overlapping [start, end) other than except_id; found false
 * when none. */
int volunteer_store_overlap(struct db_conn *c, int64_t person_id, int64_t start_min,
                            int64_t end_min, int64_t except_id, struct arena *a,
                            struct volunteer_hours *out, bool *found_out, struct err *err);
int volunteer_store_hours_insert(struct db_conn *c, const struct volunteer_hours *h,
                                 int64_t tenant_id, const char *org_path, int64_t start_min,
                                 int64_t end_min, int64_t by, int64_t now, int64_t *id_out,
                                 struct err *err);
int volunteer_store_hours(struct db_conn *c, int64_t id, struct arena *a,
                          struct volunteer_hours *out, struct err *err);
int volunteer_store_hours_review(struct db_conn *c, int64_t id, const char *status,
                                 const char *note, int64_t by, int64_t now, struct err *err);
int volunteer_store_hours_list(struct db_conn *c, const char *org_path, const char *status,
                               const char *from, const char *to, struct arena *a,
                               struct volunteer_hours **out, int64_t *n_out, struct err *err);
int volunteer_store_hours_of(struct db_conn *c, int64_t person_id, const char *from, const char *to,
                             struct arena *a, struct volunteer_hours **out, int64_t *n_out,
                             struct err *err);
int volunteer_store_post_insert(struct db_conn *c, const struct volunteer_post_in *in,
                                int64_t tenant_id, const char *org_path, int64_t by, int64_t now,
                                int64_t *id_out, struct err *err);
int volunteer_store_post(struct db_conn *c, int64_t id, const char *today, struct arena *a,
                         struct volunteer_post *out, struct err *err);
int volunteer_store_posts(struct db_conn *c, const char *org_path, const char *today,
                          struct arena *a, struct volunteer_post **out, int64_t *n_out,
                          struct err *err);
int volunteer_store_posts_for(struct db_conn *c, const char *person_path, const char *today,
                              struct arena *a, struct volunteer_post **out, int64_t *n_out,
                              struct err *err);
/* Another claim of the post overlapping [from, to]; found false when none. */
int volunteer_store_claim_overlap(struct db_conn *c, int64_t post_id, const char *from,
                                  const char *to, struct arena *a, struct volunteer_claim *out,
                                  bool *found_out, struct err *err);
/* The person's claim of the post covering date; found false when none. */
int volunteer_store_claim_on(struct db_conn *c, int64_t post_id, int64_t person_id,
                             const char *date, bool *found_out, struct err *err);
int volunteer_store_claim_insert(struct db_conn *c, int64_t post_id, int64_t person_id,
                                 const char *from, const char *to, int64_t by, int64_t now,
                                 int64_t *id_out, struct err *err);
int volunteer_store_claim(struct db_conn *c, int64_t id, struct arena *a,
                          struct volunteer_claim *out, struct err *err);
int volunteer_store_claims_of(struct db_conn *c, int64_t person_id, const char *from,
                              const char *to, struct arena *a, struct volunteer_claim **out,
                              int64_t *n_out, struct err *err);
int volunteer_store_record_insert(struct db_conn *c, int64_t claim_id,
                                  const struct volunteer_record_in *in, bool confirmed, int64_t by,
                                  int64_t now, int64_t *id_out, struct err *err);
/* Post records of a person (person_id > 0) or of the subtree's posts, in [from, to]. */
int volunteer_store_records(struct db_conn *c, int64_t person_id, const char *org_path,
                            const char *from, const char *to, struct arena *a,
                            struct volunteer_post_record **out, int64_t *n_out, struct err *err);
/* Verified facts of the subtree's year for points, sorted by person and date. */
int volunteer_store_facts(struct db_conn *c, const char *org_path, const char *from, const char *to,
                          struct arena *a, struct volunteer_fact **out, int64_t *n_out,
                          struct err *err);
int volunteer_store_certificate(struct db_conn *c, int64_t person_id, int year, struct arena *a,
                                const char **number_out, int64_t *minutes_out, int64_t *issued_out,
                                bool *found_out, struct err *err);
int volunteer_store_certificate_insert(struct db_conn *c, int64_t tenant_id, int64_t person_id,
                                       int year, int64_t minutes, int64_t by, int64_t now,
                                       struct arena *a, const char **number_out, struct err *err);
/* The demo hook's reads: up to limit full members' person ids of the subtree, and the first
 * post of an org (-1 on error). */
int volunteer_store_demo_people(struct db_conn *c, const char *org_path, int64_t limit,
                                struct arena *a, int64_t **out, int64_t *n_out, struct err *err);
int64_t volunteer_store_demo_first_post(struct db_conn *c, int64_t org_id, struct err *err);
