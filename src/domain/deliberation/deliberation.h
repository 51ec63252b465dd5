/* deliberation.h: the deliberation area's service (议事协商), the only header other areas may
 * include: representative bodies and their rosters, composition rules as dated rows, meetings
 * with presence, ballots (approval, score, Borda; optional budget-constrained selection),
 * votes, results and an admin's override. Another area (projects) creates a ballot whose options
 * point at its records (ref_kind, ref_id) with deliberation_ballot_create() and reads the
 * outcome with deliberation_ballot_result(). No HTTP here; SQL lives in deliberation_store.c. */
#pragma once

#include "core/compat.h"

struct app;
struct arena;
struct auth_actor;
struct change_counter;
struct demo_hook;
struct err;

extern const struct change_counter DELIBERATION_COUNTER;
extern const struct demo_hook DELIBERATION_DEMO;

extern const char *const DELIB_BODY_KINDS[];       /* community_council, street_assembly */
extern const char *const DELIB_BODY_KIND_LABELS[]; /* 社区议事会, 街道协商议事会 */
extern const char *const DELIB_ROLES[];            /* npc_deputy ... unit_rep */
extern const char *const DELIB_ROLE_LABELS[];      /* 人大代表 ... 驻区单位代表 */
extern const char *const DELIB_METHODS[];          /* approval, score, borda */
extern const char *const DELIB_METHOD_LABELS[];
extern const char *const DELIB_BALLOT_STATUSES[]; /* draft, open, closed */
extern const char *const DELIB_BALLOT_STATUS_LABELS[];
extern const char *const DELIB_MEETING_STATUSES[]; /* planned, open, closed */
extern const char *const DELIB_MEETING_STATUS_LABELS[];

/* ---- bodies and rosters ---- */

struct delib_body_in {
    int64_t org_id;
    char *kind, *name;
};
struct delib_body {
    int64_t id, org_id, tenant_id, seats;
    const char *org_path, *org_name, *kind, *name;
};
struct delib_seat_in {
    int64_t person_id;
    char *role, *joined_on;
};
struct delib_seat {
    int64_t id, body_id, person_id;
    const char *name, *role, *joined_on, *left_on;
    bool party; /* a current Party member (full or probationary) */
};
/* What the composition rules say of a roster on a date: each failing rule as a zh-CN line
 * naming its rule ID ("DELIB-PARTY-SHARE：党员代表 3 名，占 3/7，未超过 1/2"). */
struct delib_check {
    int64_t roster, party, residents;
    const char **warnings;
    int64_t nwarnings;
};

int deliberation_body_create(struct app *app, const struct delib_body_in *in,
                             const struct auth_actor *actor, int64_t *id_out, struct err *err);
/* Bodies of the orgs under org_path. Rows come from a. */
int deliberation_bodies(struct app *app, const char *org_path, struct arena *a,
                        struct delib_body **out, int64_t *n_out, struct err *err);
/* One body (E_NOT_FOUND), its current roster on date (NULL: today) and the rules' answer. */
int deliberation_body_get(struct app *app, int64_t id, struct arena *a, struct delib_body *out,
                          struct err *err);
int deliberation_roster(struct app *app, int64_t body_id, const char *on, struct arena *a,
                        struct delib_seat **out, int64_t *n_out, struct delib_check *check_out,
                        struct err *err);
/* Puts a person (a member or resident of the body's tenant) on the roster; E_CONFLICT when they
 * hold a current seat. The answer's check lists the warnings of the roster as changed. */
int deliberation_seat_add(struct app *app, int64_t body_id, const struct delib_seat_in *in,
                          const struct auth_actor *actor, struct arena *a, int64_t *id_out,
                          struct delib_check *check_out, struct err *err);
/* Ends a seat on left_on (>= joined_on; E_CONFLICT when already ended). */
int deliberation_seat_end(struct app *app, int64_t seat_id, const char *left_on,
                          const struct auth_actor *actor, struct arena *a,
                          struct delib_check *check_out, struct err *err);
int deliberation_seat_body(struct app *app, int64_t seat_id, int64_t *body_out, struct err *err);

/* ---- meetings ---- */

struct delib_meeting_in {
    char *held_on, *place, *agenda;
};
struct delib_meeting {
    int64_t id, body_id, org_id, roster, present;
    const char *org_path, *body_name, *held_on, *place, *agenda, *status;
};
struct delib_presence {
    int64_t person_id;
    const char *name, *role, *how; /* how: onsite, online or NULL (absent) */
};
int deliberation_meeting_create(struct app *app, int64_t body_id, const struct delib_meeting_in *in,
                                const struct auth_actor *actor, int64_t *id_out, struct err *err);
int deliberation_meeting_get(struct app *app, int64_t id, struct arena *a,
                             struct delib_meeting *out, struct err *err);
int deliberation_meetings(struct app *app, int64_t body_id, struct arena *a,
                          struct delib_meeting **out, int64_t *n_out, struct err *err);
/* The roster on the meeting's date with each one's presence. */
int deliberation_presence(struct app *app, int64_t meeting_id, struct arena *a,
                          struct delib_presence **out, int64_t *n_out, struct err *err);
/* Marks a roster member present on site (present) or not; E_NOT_FOUND off the roster. */
int deliberation_presence_set(struct app *app, int64_t meeting_id, int64_t person_id, bool present,
                              const struct auth_actor *actor, struct err *err);
/* Opens the meeting: E_CONFLICT listing every failing composition rule (on the meeting's date)
 * when the roster breaks one; closed closes it (and its open ballots). */
int deliberation_meeting_move(struct app *app, int64_t id, const char *action,
                              const struct auth_actor *actor, struct arena *a, struct err *err);

/* ---- ballots ---- */

struct delib_option_in {
    char *title, *ref_kind;
    int64_t cost_fen, ref_id; /* 0: none (a budget ballot needs every cost) */
};
struct delib_ballot_in {
    char *title, *method;
    int64_t max_choices, max_score, winners, budget_fen; /* budget_fen 0: no budget */
    bool secret;
    struct delib_option_in *options;
    int64_t noptions;
};
struct delib_option {
    int64_t id, pos, cost_fen, ref_id; /* cost_fen -1, ref_id 0: none */
    const char *title, *ref_kind;
    int64_t approvals, score_sum, borda_points;
};
struct delib_ballot {
    int64_t id, meeting_id, body_id, org_id, max_choices, max_score, winners, budget_fen, voters;
    bool secret;
    const char *org_path, *title, *method, *status, *held_on;
    const char *override_ids, *override_reason;
    int64_t override_by, override_at;
};
/* Creates a draft ballot in a meeting with its options (2-100). E_INVALID with the field path
 * (/options/2/cost_fen: a budget ballot needs every cost). The HTTP route and other areas call
 * this. */
int deliberation_ballot_create(struct app *app, int64_t meeting_id,
                               const struct delib_ballot_in *in, const struct auth_actor *actor,
                               int64_t *id_out, struct err *err);
/* Replaces a draft ballot's options; E_CONFLICT once voting opened (the options are frozen). */
int deliberation_ballot_options_set(struct app *app, int64_t ballot_id,
                                    const struct delib_ballot_in *in,
                                    const struct auth_actor *actor, struct err *err);
int deliberation_ballot_get(struct app *app, int64_t id, struct arena *a, struct delib_ballot *out,
                            struct delib_option **opts_out, int64_t *nopts_out, struct err *err);
int deliberation_ballots(struct app *app, int64_t meeting_id, struct arena *a,
                         struct delib_ballot **out, int64_t *n_out, struct err *err);
/* draft → open (the meeting must be open), open → closed. */
int deliberation_ballot_move(struct app *app, int64_t id, const char *action,
                             const struct auth_actor *actor, struct err *err);

/* One ballot paper: approval, the option ids chosen (1..k); borda, option ids in rank order
 * (1..k, or all); score, option ids with their scores. */
struct delib_choice_in {
    int64_t option_id, score;
};
struct delib_vote_in {
    struct delib_choice_in *choices;
    int64_t nchoices;
};
/* Records person_id's vote: E_CONFLICT when they voted already, E_INVALID (nothing written)
 * when the ballot is not open, they are not on the roster, an option is not on the ballot,
 * there are more than k approvals, a score is out of range or the ranking is malformed. A
 * representative who votes counts as present (online). */
int deliberation_vote(struct app *app, int64_t ballot_id, int64_t person_id,
                      const struct delib_vote_in *in, const struct auth_actor *actor,
                      struct err *err);

/* ---- results ---- */

struct delib_tally {
    int64_t option_id, ref_id, cost_fen, value, rank; /* value: the method's tally */
    const char *title, *ref_kind;
    bool selected;
};
struct delib_result {
    int64_t ballot_id, present, roster, voters, budget_fen, spent_fen;
    bool quorum_met, overridden;
    const char *method, *status, *override_reason, *tie_rule;
    struct delib_tally *tally; /* in rank order */
    int64_t ntally;
    int64_t *selected_refs; /* the selected options' ref_id in rank order (0: none) */
    int64_t *selected_ids;  /* the selected options' ids in rank order */
    int64_t nselected;
    const char **lines; /* the explanation, one zh-CN line each */
    int64_t nlines;
};
/* The ballot's result: quorum (present / roster on the meeting's date against DELIB-QUORUM),
 * the tally in rank order, the selection (none when quorum is not met) with one explanation
 * line per option, or an admin's override. Everything comes from a. */
int deliberation_ballot_result(struct app *app, int64_t ballot_id, struct arena *a,
                               struct delib_result *out, struct err *err);
/* An admin's override of the selection (option ids of the ballot, a reason); audited. */
int deliberation_ballot_override(struct app *app, int64_t ballot_id, const int64_t *option_ids,
                                 int64_t n, const char *reason, const struct auth_actor *actor,
                                 struct err *err);

/* Ballots open now whose meeting's roster holds person_id, for the voting page. */
struct delib_my_ballot {
    int64_t id, meeting_id;
    const char *title, *method, *body_name, *held_on;
    bool voted;
};
int deliberation_my_ballots(struct app *app, int64_t person_id, struct arena *a,
                            struct delib_my_ballot **out, int64_t *n_out, struct err *err);
