/* orglife.h: the organizational-life area's service (组织生活: 三会一课, 主题党日, 组织生活会,
 * 民主评议, 谈心谈话), the only header other areas may include. Meetings of an org with their
 * agenda, minutes and attendance (the expected attendees computed from the roster on the
 * meeting date), and compliance against the versioned frequency rules of RULES.md §4.1. It
 * does not touch HTTP; SQL lives in orglife_*store.c. */
#pragma once

#include "core/compat.h"

struct app;
struct arena;
struct auth_actor;
struct change_counter;
struct demo_hook;
struct err;

/* The area's change counter (migration 0014_orglife): meetings and rules move it. */
extern const struct change_counter ORGLIFE_COUNTER;
extern const struct demo_hook ORGLIFE_DEMO;

/* Codes and zh-CN labels, NULL-terminated, in the order the UI lists them. */
extern const char *const MEETING_TYPES[], *const MEETING_TYPE_LABELS[];
extern const char *const MEETING_STATUSES[], *const MEETING_STATUS_LABELS[];
extern const char *const ATTEND_STATUSES[], *const ATTEND_STATUS_LABELS[];
extern const char *const RULE_PERIODS[], *const RULE_PERIOD_LABELS[];

struct meeting_agenda_item {
    char *title, *minutes;
};

/* A meeting as written: create takes it whole; update takes the merged whole (the adapter
 * lays a PATCH over the stored meeting). starts_at/ends_at "YYYY-MM-DD HH:MM" (China Standard
 * Time; a "T" between date and time is accepted); person ids 0 for none. */
struct meeting_in {
    int64_t org_id;
    char *type, *custom_type, *topic, *starts_at, *ends_at, *place, *status, *guests, *minutes,
        *decisions;
    bool online;
    int64_t host_person_id, recorder_person_id;
    struct meeting_agenda_item *agenda;
    int64_t nagenda;
};

struct meeting_view {
    int64_t id, org_id, host_person_id, recorder_person_id;
    char *org_name, *org_path, *type, *custom_type, *topic, *meets_on, *starts_at, *ends_at, *place,
        *status, *guests, *minutes, *decisions, *host_name, *recorder_name;
    char *my_status; /* meeting_list with a person: their attendance (NULL: not recorded) */
    bool online;
    int64_t expected_n, present_n, leave_n, absent_n, delivered_n, created_at, updated_at;
    struct meeting_agenda_item *agenda; /* meeting_get only */
    int64_t nagenda;
};

/* Validates, checks the org is alive on the meeting date and the host/recorder are its members
 * then, stores the meeting with its agenda and its expected attendees (RULES.md §4: the
 * branch's 正式 and 预备 members on the date; a 党小组's members for 党小组会; the committee in
 * office for 支委会; nobody for 谈心谈话). One transaction, audited. */
int meeting_create(struct app *app, const struct meeting_in *in, const struct auth_actor *actor,
                   int64_t *id_out, struct err *err);
/* Replaces the meeting with in (same checks; the org cannot change). A new date recomputes the
 * expected attendees, keeping what was recorded for those still expected. */
int meeting_update(struct app *app, int64_t id, const struct meeting_in *in,
                   const struct auth_actor *actor, struct err *err);
/* The meeting with its agenda; E_NOT_FOUND when there is none. */
int meeting_get(struct app *app, int64_t id, struct arena *a, struct meeting_view *out,
                struct err *err);
/* The stored meeting as a meeting_in (strings in a), for a PATCH to overwrite. */
void meeting_view_to_in(const struct meeting_view *v, struct meeting_in *out);

struct meeting_query {
    const char *org_path;                  /* subtree */
    const char *from, *to, *type, *status; /* NULL: any */
    int64_t person_id; /* non-zero: only meetings this person was expected at or recorded in */
    int64_t page, size;
};
int meeting_list(struct app *app, const struct meeting_query *q, struct arena *a,
                 struct meeting_view **out, int64_t *n_out, int64_t *total_out, struct err *err);

struct meeting_attendee {
    int64_t person_id;
    const char *name, *status, *reason; /* status NULL: not recorded yet */
    bool expected, leave_approved, probationary;
};
int meeting_attendees(struct app *app, int64_t meeting_id, struct arena *a,
                      struct meeting_attendee **out, int64_t *n_out, struct err *err);

/* Taking part in organizational life, for the "no 组织生活" condition of the 失联 ladder and
 * the 三不 view (RULES.md §10, LOST-R3..R6, LOST-SHILIAN-CLOCK): per current member (预备,
 * 正式) of the subtree at path who missed a held meeting they were expected at (缺席, or 请假
 * not approved) since they last took part (出席, 线上, 送学上门, or 请假 approved: an approved
 * absence stops the clock), that last date (NULL: never) and the first and the last such
 * miss. Members without a miss are not listed; attendance not recorded counts neither way.
 * Memory from a. */
struct orglife_absence {
    int64_t member_id, org_id;
    const char *name, *org_name, *last_took_part, *first_missed, *last_missed;
};
int orglife_absences(struct app *app, const char *path, struct arena *a,
                     struct orglife_absence **out, int64_t *n_out, struct err *err);

struct attendance_in {
    int64_t person_id;
    char *status, *reason;
    bool leave_approved;
};
/* Records attendance for the listed persons (others keep theirs). Each must be expected, or a
 * member of the org on the meeting date (recorded as not expected, e.g. at a 谈心谈话); a
 * person twice, 请假 without a reason, or anything but 请假 before the meeting starts, fails.
 * Once it has started, a planned meeting becomes held. One transaction, audited; the
 * meeting's counts follow. */
int meeting_attendance_set(struct app *app, int64_t meeting_id, const struct attendance_in *in,
                           int64_t n, const struct auth_actor *actor, struct err *err);

/* Compliance (RULES.md §4.2) of one branch-level org and one required type over [from, to]:
 * the rule in force for each period, chosen by the period's first day (an override on the org
 * or an ancestor wins over the default); periods overlapping the range and the org's life are
 * counted. expected = sum of min_count; held = held meetings (a 党小组会 counts for the
 * branch of its group, expected per group); overdue = meetings missing in periods ended before
 * today; due_soon = missing in periods ending within 30 days of today. Rates are -1 when no
 * attendance was recorded. */
struct orglife_compliance_item {
    int64_t org_id;
    const char *org_name, *org_path, *type, *rule_id, *period; /* rule_id, period: NULL in a sum */
    int64_t min_count, expected, held, overdue, due_soon;
    const char *next_due; /* last day of the first short period not ended; NULL: none */
    double attendance_rate, study_rate;
    /* branches counted (1 for one branch) and those with anything overdue; the attendance
     * sums the rates come from */
    int64_t branches, behind, present_sum, expected_sum, study_sum;
};
int orglife_compliance(struct app *app, const char *org_path, const char *from, const char *to,
                       struct arena *a, struct orglife_compliance_item **out, int64_t *n_out,
                       struct err *err);
/* The same summed per type and direct child of the org at org_path (the communities of a
 * street, the streets of a district; a branch directly below, or the org itself when it is a
 * branch, stands for itself), in the children's order: what a district or street reads before
 * drilling down. */
int orglife_compliance_by_child(struct app *app, const char *org_path, const char *from,
                                const char *to, struct arena *a,
                                struct orglife_compliance_item **out, int64_t *n_out,
                                struct err *err);

/* ---- the frequency rules as an org admin sees and sets them (orglife_rules.c) ---- */

/* One orglife_rule row: a default (org_id 0, from the national rule set) or a local override
 * for an org's subtree. */
struct orglife_rule_view {
    int64_t id, org_id, min_count, created_by;
    const char *rule_id, *rule_set, *type, *period, *org_types, *valid_from, *valid_to;
    const char *confidence, *source, *org_name;
};
/* The rules that apply below org on date on, one per required type (the deepest override of
 * the org or an ancestor, else the default), and every local row of the org, its ancestors
 * and its subtree, newest first. */
struct orglife_rules {
    struct orglife_rule_view *in_force, *local;
    int64_t nin_force, nlocal;
};
int orglife_rules_get(struct app *app, int64_t org_id, const char *on, struct arena *a,
                      struct orglife_rules *out, struct err *err);
/* A local override for org's subtree from valid_from (the first day of a month) on; an open
 * override of the org for that type ends where it begins. A frequency below a verified
 * default's (RULES.md §4.2: tighten, never loosen without a logged override) needs loosen,
 * and is audited as such. */
struct orglife_rule_in {
    int64_t org_id, min_count;
    char *type, *period, *valid_from, *source;
    bool loosen;
};
int orglife_rule_set(struct app *app, const struct orglife_rule_in *in,
                     const struct auth_actor *actor, int64_t *id_out, struct err *err);
/* Ends a local override on valid_to (the first day of a month after it began); the rules
 * above it apply again from then. */
int orglife_rule_end(struct app *app, int64_t id, const char *valid_to,
                     const struct auth_actor *actor, struct err *err);
/* The org a rule row belongs to (0: a default), for the route's scope check. */
int orglife_rule_org(struct app *app, int64_t id, int64_t *org_id_out, struct err *err);

/* 照搬照抄: pairs of near-identical minutes with a meeting of the subtree on either side, newest
 * first (at most 500). A pair is found when the later of the two was saved (orglife_copy.c);
 * the other meeting's org and topic are shown only when it is in the subtree too. */
struct orglife_copy_suspect {
    int64_t meeting_id, matches_meeting_id, passage_chars;
    const char *org_name, *topic, *meets_on, *type;
    const char *matches_org_name, *matches_topic, *matches_meets_on; /* NULL: outside */
    double similarity, containment;
    const char *passage; /* the longest shared passage as this meeting's minutes have it */
};
int orglife_copy_suspects(struct app *app, const char *org_path, struct arena *a,
                          struct orglife_copy_suspect **out, int64_t *n_out, struct err *err);

/* Runs the copy check again for every meeting with minutes dated in [from, to], oldest first
 * (so each pair is found from its later side, as when saved), COPY_BATCH meetings a transaction,
 * calling progress (may be NULL) once the meetings are listed (done 0) and after each batch:
 * after the thresholds changed, or minutes were loaded in bulk. *checked_out: meetings checked;
 * *pairs_out: pairs stored afterwards. */
int orglife_copy_recheck(struct app *app, const char *from, const char *to,
                         void (*progress)(int64_t done, int64_t total, void *arg), void *arg,
                         int64_t *checked_out, int64_t *pairs_out, struct err *err);

/* ---- votes inside a meeting (orglife_vote.c; RULES.md §2.4) ---- */

extern const char *const VOTE_KINDS[], *const VOTE_KIND_LABELS[];
extern const char *const VOTE_METHODS[], *const VOTE_METHOD_LABELS[];
extern const char *const VOTE_CHOICES[], *const VOTE_CHOICE_LABELS[];
extern const char *const VOTE_HOWS[], *const VOTE_HOW_LABELS[];
extern const char *const VOTE_RESULTS[], *const VOTE_RESULT_LABELS[];

struct vote_excluded_in {
    int64_t person_id;
    char *reason;
};
struct vote_in {
    char *subject, *kind, *method, *resolution;
    int64_t candidate_person_id;
    struct vote_excluded_in *excluded;
    int64_t nexcluded;
};
struct vote_voter {
    int64_t person_id;
    char *name, *how, *choice; /* choice NULL for a secret ballot */
};
struct vote_view {
    int64_t id, meeting_id, candidate_person_id, expected_n, present_n, written_n, yes_n, no_n,
        abstain_n, invalid_n, closed_at;
    char *subject, *kind, *method, *excluded, *result, *quorum_rule, *pass_rule, *resolution,
        *candidate_name;
    bool paper;
    struct vote_voter *voters;
    int64_t nvoters;
};
/* Opens a vote in a 支部党员大会 or 支委会: N is the meeting's expected 正式党员 on its date
 * (预备党员 have no vote, DEV-RIGHTS) less the excluded, each with a reason (VOTE-ELIGIBLE). */
int meeting_vote_open(struct app *app, int64_t meeting_id, const struct vote_in *in,
                      const struct auth_actor *actor, int64_t *id_out, struct err *err);
/* The meeting a vote belongs to; E_NOT_FOUND when there is no such vote. */
int meeting_vote_meeting(struct app *app, int64_t vote_id, int64_t *meeting_id_out,
                         struct err *err);
/* The meeting's votes with their voters. */
int meeting_votes(struct app *app, int64_t meeting_id, struct arena *a, struct vote_view **out,
                  int64_t *n_out, struct err *err);
struct ballot_in {
    int64_t person_id;
    char *choice, *how; /* how: present (at the meeting) or written (an opinion before it) */
};
/* Records one ballot: the voter must hold a vote, vote once, be recorded present (or, for a
 * written opinion, absent). A secret ballot is cast by the voter (self) and only adds to the
 * tallies. */
int meeting_vote_ballot(struct app *app, int64_t meeting_id, int64_t vote_id,
                        const struct ballot_in *in, bool self, const struct auth_actor *actor,
                        struct err *err);
/* Tallies of counted paper ballots of a secret vote (written opinions are added to them); no
 * more ballots than voting members present. */
struct tally_in {
    int64_t yes, no, abstain, invalid;
};
int meeting_vote_tally(struct app *app, int64_t meeting_id, int64_t vote_id,
                       const struct tally_in *in, const struct auth_actor *actor, struct err *err);
/* An open secret vote the person holds a vote in (GET /api/me/votes): present when recorded
 * 出席 or 线上 (a ballot needs it), voted when they cast theirs (never what they chose). */
struct vote_mine {
    int64_t id, meeting_id, org_id;
    char *subject, *kind, *topic, *starts_at, *org_name, *excluded;
    bool present, voted;
};
/* The person's open secret votes, newest meeting first; memory from a. */
int meeting_my_votes(struct app *app, int64_t person_id, struct arena *a, struct vote_mine **out,
                     int64_t *n_out, struct err *err);
/* Closes the vote and computes its result from the rules in force on the meeting date:
 * failed_quorum, passed or rejected. The meeting must have been held. */
int meeting_vote_close(struct app *app, int64_t meeting_id, int64_t vote_id,
                       const struct auth_actor *actor, struct err *err);
