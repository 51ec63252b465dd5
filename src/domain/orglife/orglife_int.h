/* orglife_int.h: rows and store functions of the orglife area (orglife_store.c,
 * orglife_roll_store.c, orglife_rules_store.c, orglife_copy_store.c, orglife_demo_store.c) and
 * the copy check the service and demo share; seen by src/domain/orglife only. Store functions
 * take a connection and never begin or commit; the service owns the transaction. */
#pragma once

#include "domain/orglife/orglife.h"

struct db_conn;
struct demo_ctx;

/* The counts of attendance rows as columns e, p, l, a, d (expected, present or online, leave,
 * absent, delivered), for the UPDATE ... FROM that keeps a meeting's counts (SQL text shared
 * by the store files). */
#define ORGLIFE_ATTEND_SUMS                                                                        \
    "COALESCE(SUM(expected), 0) AS e, "                                                            \
    "COALESCE(SUM(CASE WHEN status IN ('present', 'online') THEN 1 ELSE 0 END), 0) AS p, "         \
    "COALESCE(SUM(CASE WHEN status = 'leave' THEN 1 ELSE 0 END), 0) AS l, "                        \
    "COALESCE(SUM(CASE WHEN status = 'absent' THEN 1 ELSE 0 END), 0) AS a, "                       \
    "COALESCE(SUM(CASE WHEN status = 'delivered' THEN 1 ELSE 0 END), 0) AS d"
#define ORGLIFE_COUNTS_SET                                                                         \
    "expected_n = s.e, present_n = s.p, leave_n = s.l, absent_n = s.a, delivered_n = s.d"

/* Now in China Standard Time as "YYYY-MM-DD HH:MM" (orglife.c). */
void orglife_now_cst(char out[17]);

/* The org a meeting belongs to, as the checks need it. */
struct orglife_org {
    int64_t id, tenant_id, parent_id;
    const char *path, *name, *type, *founded_on, *dissolved_on;
};
int orglife_store_org(struct db_conn *c, int64_t id, struct arena *a, struct orglife_org *out,
                      struct err *err);
/* Recounts compliance's meeting_year row for a meeting of type on meets_on at org (a group's
 * under its branch), after the meeting or its attendance changed (orglife.c). */
int orglife_year_touch(struct db_conn *c, const struct orglife_org *org, const char *type,
                       const char *meets_on, struct err *err);

int orglife_store_meeting_insert(struct db_conn *c, const struct orglife_org *org,
                                 const struct meeting_in *in, const char *meets_on, int64_t user_id,
                                 int64_t now, int64_t *id_out, struct err *err);
int orglife_store_meeting_update(struct db_conn *c, int64_t id, const struct meeting_in *in,
                                 const char *meets_on, int64_t now, struct err *err);
int orglife_store_agenda_replace(struct db_conn *c, int64_t id,
                                 const struct meeting_agenda_item *ag, int64_t n, struct err *err);
int orglife_store_meeting_get(struct db_conn *c, int64_t id, struct arena *a,
                              struct meeting_view *out, struct err *err);
int orglife_store_meeting_page(struct db_conn *c, const struct meeting_query *q, struct arena *a,
                               struct meeting_view **out, int64_t *n_out, int64_t *total_out,
                               struct err *err);

/* One person on a roll (orglife_roll_store.c). */
struct orglife_roll_row {
    int64_t person_id;
    const char *name, *status;
};
/* The expected attendees of a meeting of type at org on date (see meeting_create). */
int orglife_store_roll(struct db_conn *c, int64_t org_id, const char *type, const char *date,
                       struct arena *a, struct orglife_roll_row **out, int64_t *n_out,
                       struct err *err);
/* Whether person is a 正式 or 预备 member of org (for a 党小组: of the group) on date. */
int orglife_store_member_on(struct db_conn *c, int64_t org_id, bool group, int64_t person_id,
                            const char *date, bool *yes_out, struct err *err);
/* Marks the roll as the meeting's expected attendees: rows recorded for persons off the roll
 * stay (not expected), unrecorded ones go. */
int orglife_store_expected_set(struct db_conn *c, int64_t meeting_id,
                               const struct orglife_roll_row *roll, int64_t n, struct err *err);
int orglife_store_attendees(struct db_conn *c, int64_t meeting_id, struct arena *a,
                            struct meeting_attendee **out, int64_t *n_out, struct err *err);
int orglife_store_absences(struct db_conn *c, const char *path, struct arena *a,
                           struct orglife_absence **out, int64_t *n_out, struct err *err);
int orglife_store_attend(struct db_conn *c, int64_t meeting_id, const struct attendance_in *in,
                         int64_t user_id, int64_t now, struct err *err);
/* Recounts the meeting's expected_n, present_n, ... from its attendance rows; with held, a
 * planned meeting becomes held. */
int orglife_store_counts(struct db_conn *c, int64_t meeting_id, bool held, struct err *err);

/* Compliance inputs (orglife_rules_store.c). */
struct orglife_rule_row {
    int64_t org_id; /* 0: default */
    const char *rule_id, *type, *period, *org_types, *valid_from, *valid_to, *org_path;
    int64_t min_count;
};
struct orglife_branch_row {
    int64_t id, groups;
    const char *name, *path, *type, *founded_on, *dissolved_on;
    bool committee; /* a committee in office (ORG-NO-COMMITTEE exempts from LIFE-ZHIWEI) */
};
/* Held meetings of a branch-level org and type in a year, per month (meeting_year). */
struct orglife_held_row {
    int64_t org_id, year, months[12], expected_sum, present_sum, study_sum;
    const char *type;
};
int orglife_store_rules(struct db_conn *c, const char *from, const char *to, struct arena *a,
                        struct orglife_rule_row **out, int64_t *n_out, struct err *err);
int orglife_store_branches(struct db_conn *c, const char *path, const char *from, const char *to,
                           struct arena *a, struct orglife_branch_row **out, int64_t *n_out,
                           struct err *err);
/* The meeting_year rows of the subtree for years y0..y1. */
int orglife_store_held(struct db_conn *c, const char *path, int64_t y0, int64_t y1, struct arena *a,
                       struct orglife_held_row **out, int64_t *n_out, struct err *err);
/* The org at path itself and its direct children, in path order (compliance by child). */
struct orglife_child_row {
    int64_t id;
    const char *name, *path;
};
int orglife_store_children(struct db_conn *c, const char *path, struct arena *a,
                           struct orglife_child_row **out, int64_t *n_out, struct err *err);
/* Recounts the meeting_year row of a branch-level org, type and year from its meetings. */
int orglife_store_year_refresh(struct db_conn *c, int64_t org_id, const char *type, int64_t year,
                               struct err *err);
/* Recounts every meeting_year row (the demo's bulk load). */
int orglife_store_years_rebuild(struct db_conn *c, struct err *err);

/* The rules page's rows (orglife_rules_local_store.c): a rule with its org's path (NULL for a
 * default). */
struct orglife_rule_local {
    struct orglife_rule_view v;
    const char *org_path;
};
/* The rows in force on date on for the org at path: defaults and the overrides of the org and
 * its ancestors, in id order. */
int orglife_store_rules_on(struct db_conn *c, const char *path, const char *on, struct arena *a,
                           struct orglife_rule_local **out, int64_t *n_out, struct err *err);
/* The local rows of the org at path, its ancestors and its subtree, newest first (500 at most). */
int orglife_store_rules_local(struct db_conn *c, const char *path, struct arena *a,
                              struct orglife_rule_local **out, int64_t *n_out, struct err *err);
int orglife_store_rule_get(struct db_conn *c, int64_t id, struct arena *a,
                           struct orglife_rule_local *out, struct err *err);
/* Inserts in as a local row with base's rule ID and org types, after ending the org's rows of
 * that type still in force on in->valid_from there; a row of the org and type starting on or
 * after it is a conflict. */
int orglife_store_rule_insert(struct db_conn *c, const struct orglife_rule_in *in,
                              const struct orglife_rule_view *base, int64_t user_id, int64_t now,
                              int64_t *id_out, struct err *err);
int orglife_store_rule_end(struct db_conn *c, int64_t id, const char *valid_to, struct err *err);

/* Copy detection (orglife_copy.c): the thresholds from the configuration (NULL: the defaults
 * of core/textsim.h), and the check run when a meeting's minutes are saved: its signature and
 * band keys replace the old ones, pairs it was in are dropped, and the meetings sharing a band
 * key are compared exactly; near-identical ones are stored as pairs (meeting_copy). */
struct cfg;
struct orglife_copy_rule {
    double jaccard, containment;
    size_t passage_chars;
};
void orglife_copy_rule_of(const struct cfg *cfg, struct orglife_copy_rule *out);
int orglife_copy_check(struct db_conn *c, int64_t meeting_id, const char *minutes,
                       const struct orglife_copy_rule *rule, struct arena *a, struct err *err);
/* orglife_copy_check for each meeting of ids[0..n) with its stored minutes, on c. */
int orglife_copy_check_ids(struct db_conn *c, const int64_t *ids, int64_t n,
                           const struct orglife_copy_rule *rule, struct err *err);

/* Their SQL (orglife_copy_store.c). */
struct orglife_copy_row {
    int64_t meeting_id, matches_meeting_id, passage_chars, a_start, a_end, b_start, b_end;
    double similarity, containment;
};
int orglife_store_sig_clear(struct db_conn *c, int64_t meeting_id, struct err *err);
int orglife_store_sig_put(struct db_conn *c, int64_t meeting_id, const uint8_t *sig, size_t len,
                          const uint64_t *bands, size_t nbands, int64_t now, struct err *err);
/* Other meetings with minutes sharing a band key, most shared keys first (at most max). */
int orglife_store_candidates(struct db_conn *c, int64_t meeting_id, const uint64_t *bands,
                             size_t nbands, int64_t max, struct arena *a, int64_t **out,
                             int64_t *n_out, struct err *err);
int orglife_store_minutes(struct db_conn *c, int64_t meeting_id, struct arena *a, const char **out,
                          struct err *err);
int orglife_store_copy_put(struct db_conn *c, const struct orglife_copy_row *r, int64_t now,
                           struct err *err);
/* The meetings with minutes dated in [from, to], oldest first; the number of stored pairs. */
int orglife_store_with_minutes(struct db_conn *c, const char *from, const char *to, struct arena *a,
                               int64_t **out, int64_t *n_out, struct err *err);
int orglife_store_copy_count(struct db_conn *c, int64_t *n_out, struct err *err);
/* Pairs with either meeting under path; the other side's path says whether it is in scope. */
struct orglife_copy_view {
    struct orglife_copy_suspect s;
    const char *minutes, *matches_path;
    int64_t a_start, a_end;
};
int orglife_store_copies(struct db_conn *c, const char *path, struct arena *a,
                         struct orglife_copy_view **out, int64_t *n_out, struct err *err);
/* The demo's meetings with minutes on or after since, in id order. */
int orglife_demo_store_recent(struct db_conn *c, const char *since, struct arena *a, int64_t **out,
                              int64_t *n_out, struct err *err);

/* Votes (orglife_vote_store.c). */
int orglife_store_vote_insert(struct db_conn *c, int64_t tenant_id, int64_t meeting_id,
                              const struct vote_in *in, int64_t expected_n, const char *excluded,
                              int64_t user_id, int64_t now, int64_t *id_out, struct err *err);
/* The vote of the meeting (E_NOT_FOUND when it is another meeting's), without voters. */
int orglife_store_vote(struct db_conn *c, int64_t meeting_id, int64_t vote_id, struct arena *a,
                       struct vote_view *out, struct err *err);
int orglife_store_vote_meeting(struct db_conn *c, int64_t vote_id, int64_t *meeting_id_out,
                               struct err *err);
int orglife_store_votes(struct db_conn *c, int64_t meeting_id, struct arena *a,
                        struct vote_view **out, int64_t *n_out, struct err *err);
int orglife_store_voters(struct db_conn *c, int64_t vote_id, struct arena *a,
                         struct vote_voter **out, int64_t *n_out, struct err *err);
/* Adds the voter and one to the tally of choice (and written_n for a written opinion); choice
 * is stored with the voter only when keep_choice. E_CONFLICT when the person voted already. */
int orglife_store_ballot(struct db_conn *c, int64_t vote_id, const struct ballot_in *in,
                         bool keep_choice, struct err *err);
int orglife_store_tally(struct db_conn *c, int64_t vote_id, const int64_t counts[4],
                        struct err *err);
/* The rule of measure ("quorum", "pass") for a kind of vote in force on date. */
struct orglife_vote_rule {
    const char *rule_id, *base;
    int64_t num, den;
    bool strict;
};
int orglife_store_vote_rule(struct db_conn *c, const char *kind, const char *measure,
                            const char *date, struct arena *a, struct orglife_vote_rule *out,
                            struct err *err);
int orglife_store_vote_close(struct db_conn *c, int64_t vote_id, int64_t present_n,
                             const char *result, const char *quorum_rule, const char *pass_rule,
                             int64_t now, struct err *err);
/* The open secret votes (no paper tallies) of meetings not cancelled where person is an
 * expected attendee, newest meeting first, at most 50; whether they are a voter is left to the
 * service (the roll on the meeting date and the vote's excluded). */
int orglife_store_my_votes(struct db_conn *c, int64_t person_id, struct arena *a,
                           struct vote_mine **out, int64_t *n_out, struct err *err);

/* The vote services' work on c inside the caller's transaction (orglife_vote.c): the
 * meeting_vote_* functions run them in a transaction of their own; the demo runs them in its
 * load with actor NULL (no audit row of each). a holds what they read. */
int orglife_vote_open(struct db_conn *c, int64_t meeting_id, const struct vote_in *in,
                      const struct auth_actor *actor, struct arena *a, int64_t *id_out,
                      struct err *err);
int orglife_vote_ballot(struct db_conn *c, int64_t meeting_id, int64_t vote_id,
                        const struct ballot_in *in, bool self, const struct auth_actor *actor,
                        struct arena *a, struct err *err);
int orglife_vote_tally(struct db_conn *c, int64_t meeting_id, int64_t vote_id,
                       const struct tally_in *in, const struct auth_actor *actor, struct arena *a,
                       struct err *err);
int orglife_vote_close(struct db_conn *c, int64_t meeting_id, int64_t vote_id,
                       const struct auth_actor *actor, struct arena *a, struct err *err);

/* Demo (orglife_demo_store.c): the street's live branch-level orgs and groups with their
 * 书记 (0: none), meetings marked is_synthetic, their attendance drawn from the roster as it is
 * now, and the counts of every demo meeting in one pass. */
struct orglife_demo_org {
    int64_t id, tenant_id, parent_id, secretary, committee_member;
    const char *path, *type, *name, *founded_on;
    bool committee;
};
int orglife_demo_store_orgs(struct db_conn *c, struct arena *a, struct orglife_demo_org **out,
                            int64_t *n_out, struct err *err);
struct orglife_demo_meeting {
    const char *type, *topic, *meets_on, *starts_at, *ends_at, *place, *status, *minutes;
    int64_t host_person_id, recorder_person_id;
};
int orglife_demo_store_meeting(struct db_conn *c, const struct orglife_demo_org *org,
                               const struct orglife_demo_meeting *in, int64_t now, int64_t *id_out,
                               struct err *err);
/* The expected attendees of a demo meeting; for a held one their attendance: about 85 in 100
 * 出席, the rest 请假, 缺席 or 送学上门, drawn from salt. */
int orglife_demo_store_attend(struct db_conn *c, int64_t meeting_id, int64_t org_id,
                              const char *type, const char *meets_on, bool planned, int64_t salt,
                              int64_t now, struct err *err);
int orglife_demo_store_counts(struct db_conn *c, struct err *err);
int orglife_demo_store_drifting(struct db_conn *c, int64_t branch, int64_t login_person,
                                const char *since, struct err *err);
/* The org's two latest held 支部党员大会, newest first (the votes demo). */
int orglife_demo_store_congresses(struct db_conn *c, int64_t org_id, struct arena *a, int64_t **out,
                                  int64_t *n_out, struct err *err);
/* The votes demo (orglife_vote_demo.c): in the demo branch's latest held 支部党员大会 a 举手表决
 * that passed, in the one before a 无记名投票 that failed quorum (most voters away, on leave);
 * the results computed by closing, as a cadre's would be. Runs before the meeting counts of
 * the year are rebuilt (it changes one meeting's attendance). */
int orglife_vote_demo(const struct demo_ctx *ctx, struct err *err);
