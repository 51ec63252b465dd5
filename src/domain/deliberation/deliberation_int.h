/* deliberation_int.h: declarations only the deliberation folder sees: the pure rules
 * (deliberation_rules.c: composition, vote checks, ranking and the budget-constrained
 * selection) and the store functions (deliberation_store.c), which take a connection and never
 * begin or commit. */
#pragma once

#include "domain/deliberation/deliberation.h"

struct db_conn;

/* A composition or quorum rule on a date: num/den and where it comes from. */
struct delib_rule {
    const char *rule_id, *version, *confidence, *source;
    int64_t num, den;
};

/* ---- rules (no database, no clock) ---- */

/* The roster's composition against DELIB-PARTY-SHARE (party * den > roster * num) and
 * DELIB-RESIDENT-MIN (residents >= num): fills check's warnings (from a). */
void delib_rules_composition(const struct delib_rule *party, const struct delib_rule *resident,
                             struct delib_check *check, struct arena *a);
/* present * den >= roster * num, and a roster of at least one. */
bool delib_rules_quorum(const struct delib_rule *quorum, int64_t present, int64_t roster);
/* Checks one ballot paper against the ballot and its options: E_INVALID with the field path.
 * Fills value_out[i] (the points each option gets, indexed like opts). */
int delib_rules_vote(const struct delib_ballot *b, const struct delib_option *opts, int64_t nopts,
                     const struct delib_vote_in *v, int64_t *value_out, struct err *err);
/* Ranks the tally (value descending; ties by the option's place on the ballot) and selects:
 * with a budget, in rank order each option whose cost fits what is left; without, the first
 * `winners`. Fills r's tally ranks, selection, spent and explanation lines (from a). */
void delib_rules_select(struct delib_result *r, int64_t *pos, int64_t winners, struct arena *a);
/* "12.00 万元" for fen, into out. */
void delib_rules_wan(int64_t fen, char out[32]);

/* ---- store ---- */

int delib_store_rule(struct db_conn *c, const char *rule_id, const char *on, struct arena *a,
                     struct delib_rule *out, struct err *err);
int delib_store_org(struct db_conn *c, int64_t org_id, struct arena *a, int64_t *tenant_out,
                    const char **path_out, const char **type_out, struct err *err);
int delib_store_body_insert(struct db_conn *c, const struct delib_body_in *in, int64_t tenant,
                            int64_t by, int64_t now, int64_t *id_out, struct err *err);
int delib_store_bodies(struct db_conn *c, const char *path, const char *today, struct arena *a,
                       struct delib_body **out, int64_t *n_out, struct err *err);
int delib_store_body(struct db_conn *c, int64_t id, const char *today, struct arena *a,
                     struct delib_body *out, struct err *err);
/* A person of the tenant who is a member of the tree or a resident; E_NOT_FOUND otherwise. */
int delib_store_person_ok(struct db_conn *c, int64_t person_id, int64_t tenant, const char *path,
                          struct err *err);
int delib_store_held_since(struct db_conn *c, int64_t body_id, const char *on, struct arena *a,
                           const char **held_on_out, struct err *err);
int delib_store_seat_overlap(struct db_conn *c, int64_t body_id, int64_t person_id,
                             const char *from, bool *found_out, struct err *err);
int delib_store_roster(struct db_conn *c, int64_t body_id, const char *on, struct arena *a,
                       struct delib_seat **out, int64_t *n_out, struct err *err);
int delib_store_seat_current(struct db_conn *c, int64_t body_id, int64_t person_id, const char *on,
                             bool *found_out, struct err *err);
int delib_store_seat_insert(struct db_conn *c, int64_t body_id, const struct delib_seat_in *in,
                            int64_t *id_out, struct err *err);
int delib_store_seat(struct db_conn *c, int64_t id, struct arena *a, struct delib_seat *out,
                     struct err *err);
int delib_store_seat_end(struct db_conn *c, int64_t id, const char *left_on, struct err *err);
int delib_store_meeting_insert(struct db_conn *c, int64_t body_id,
                               const struct delib_meeting_in *in, int64_t by, int64_t now,
                               int64_t *id_out, struct err *err);
int delib_store_meeting(struct db_conn *c, int64_t id, struct arena *a, struct delib_meeting *out,
                        struct err *err);
int delib_store_meetings(struct db_conn *c, int64_t body_id, struct arena *a,
                         struct delib_meeting **out, int64_t *n_out, struct err *err);
int delib_store_meeting_status(struct db_conn *c, int64_t id, const char *status, int64_t roster,
                               struct err *err);
int delib_store_presence(struct db_conn *c, int64_t meeting_id, int64_t body_id, const char *on,
                         struct arena *a, struct delib_presence **out, int64_t *n_out,
                         struct err *err);
int delib_store_presence_set(struct db_conn *c, int64_t meeting_id, int64_t person_id,
                             const char *how, struct err *err);
int delib_store_presence_del(struct db_conn *c, int64_t meeting_id, int64_t person_id,
                             struct err *err);
int delib_store_ballot_insert(struct db_conn *c, int64_t meeting_id,
                              const struct delib_ballot_in *in, int64_t by, int64_t now,
                              int64_t *id_out, struct err *err);
int delib_store_options_insert(struct db_conn *c, int64_t ballot_id,
                               const struct delib_ballot_in *in, struct err *err);
int delib_store_options_delete(struct db_conn *c, int64_t ballot_id, struct err *err);
int delib_store_ballot(struct db_conn *c, int64_t id, struct arena *a, struct delib_ballot *out,
                       struct err *err);
int delib_store_options(struct db_conn *c, int64_t ballot_id, struct arena *a,
                        struct delib_option **out, int64_t *n_out, struct err *err);
int delib_store_ballots(struct db_conn *c, int64_t meeting_id, struct arena *a,
                        struct delib_ballot **out, int64_t *n_out, struct err *err);
int delib_store_ballot_status(struct db_conn *c, int64_t id, const char *from, const char *to,
                              struct err *err);
int delib_store_meeting_close_ballots(struct db_conn *c, int64_t meeting_id, struct err *err);
/* The voter row: E_CONFLICT when person_id voted already. */
int delib_store_voter_insert(struct db_conn *c, int64_t ballot_id, int64_t person_id, int64_t now,
                             struct err *err);
/* Adds one paper's points to an option's counters (and, for an open ballot, its choice row). */
int delib_store_option_add(struct db_conn *c, const char *method, int64_t option_id, int64_t value,
                           struct err *err);
int delib_store_choice_insert(struct db_conn *c, int64_t ballot_id, int64_t person_id,
                              int64_t option_id, int64_t value, struct err *err);
int delib_store_present_count(struct db_conn *c, int64_t meeting_id, int64_t body_id,
                              const char *on, int64_t *present_out, int64_t *roster_out,
                              struct err *err);
int delib_store_override(struct db_conn *c, int64_t ballot_id, const char *ids, const char *reason,
                         int64_t by, int64_t now, struct err *err);
int delib_store_my_ballots(struct db_conn *c, int64_t person_id, struct arena *a,
                           struct delib_my_ballot **out, int64_t *n_out, struct err *err);
/* The demo's representatives: Party members under org_id (party) or residents of org_id's
 * households who are not members, the first `limit`. */
int delib_store_demo_people(struct db_conn *c, int64_t org_id, bool party, int64_t limit,
                            struct arena *a, int64_t **out, int64_t *n_out, struct err *err);
