/* funds.h: the community Party-building funds service (社区党建经费, docs/funds.md): yearly
 * budgets, quarterly plans (draft -> submitted -> forwarded by the street -> reviewed per
 * activity by the district -> allocated), the ledger and the rules as rows. It checks business
 * rules and levels of the org tree; who may act at which org is the HTTP adapter's check
 * (route permission and scope). It does not touch HTTP, and SQL lives in funds_store.c. */
#pragma once

#include "core/compat.h"

struct app;
struct arena;
struct auth_actor;
struct change_counter;
struct demo_hook;
struct funds_plan;
struct funds_rule;
struct err;

/* Yuan with two decimals and its sign, for messages and sheets (amounts are fen). */
const char *funds_yuan(struct arena *a, int64_t fen);

/* The area's change counter (migration 0028_funds), moved by every write to its tables. */
extern const struct change_counter FUNDS_COUNTER;
/* The area's demo hook (funds_demo.c), listed in its module row. */
extern const struct demo_hook FUNDS_DEMO;

extern const char *const FUNDS_STATUSES[], *const FUNDS_STATUS_LABELS[];
extern const char *const FUNDS_DECISIONS[], *const FUNDS_DECISION_LABELS[];
/* The decisions a reviewer sends: approve, adjust, refuse. */
extern const char *const FUNDS_VERBS[];

/* An org and the levels above it: a community's street and district (0 when the org is not
 * at that level). */
struct funds_org {
    int64_t id, tenant_id, street_id, district_id;
    const char *path, *type, *name;
    bool community; /* a 社区党委/党总支 directly under a street */
};
int funds_org_get(struct app *app, int64_t org_id, struct arena *a, struct funds_org *out,
                  struct err *err);

/* ---- plans ---- */

struct funds_line_in {
    const char *category;
    int64_t amount_fen;
};
struct funds_activity_in {
    const char *title, *content, *date;
    int64_t participants;
    struct funds_line_in *budget_lines;
    int64_t nbudget_lines;
};
struct funds_plan_in {
    int64_t org_id, year, quarter;
    struct funds_activity_in *activities;
    int64_t nactivities;
};
/* A draft plan of a community for a quarter not past its FUND-DEADLINE, with its activities
 * (each dated inside the quarter) and budget lines (known categories). E_INVALID with the
 * field path; E_CONFLICT "/quarter" when the community already has that quarter's plan. */
int funds_plan_create(struct app *app, const struct funds_plan_in *in,
                      const struct auth_actor *actor, int64_t *id_out, struct err *err);
/* Draft -> submitted (before the deadline, with at least one activity). */
int funds_plan_submit(struct app *app, int64_t plan_id, const struct auth_actor *actor,
                      struct err *err);

struct funds_comment_in {
    int64_t activity_id;
    char *comment;
};
/* Submitted -> forwarded for every plan in ids (n of them), with the street's comments on
 * their activities, in one transaction. E_CONFLICT when one is not submitted; E_INVALID
 * "/comments/i/activity_id" for an activity of none of them. */
int funds_plans_forward(struct app *app, const int64_t *ids, int64_t n,
                        const struct funds_comment_in *comments, int64_t ncomments,
                        const struct auth_actor *actor, struct err *err);
/* The ids of the submitted plans of the communities under street_path for a quarter. */
int funds_plans_submitted(struct app *app, const char *street_path, int64_t year, int64_t quarter,
                          struct arena *a, int64_t **ids_out, int64_t *n_out, struct err *err);

struct funds_decision_in {
    int64_t activity_id, amount_fen;
    char *decision, *reason;
};
/* The district's decisions on activities of a forwarded (or partly reviewed) plan: approve
 * (the requested amount), adjust (amount_fen > 0 and a reason) or refuse (a reason). The plan
 * becomes reviewed once every activity is decided. */
int funds_plan_review(struct app *app, int64_t plan_id, const struct funds_decision_in *d,
                      int64_t n, const struct auth_actor *actor, struct err *err);
/* Reviewed -> allocated: one allocation per approved or adjusted activity. When their sum
 * exceeds the community's budget left for the year (budget - reserve - allocated),
 * E_CONFLICT "/override_reason" unless override_reason is given (it is then recorded with
 * every allocation). E_CONFLICT "/org_id" when the year has no budget. *total_out: the sum. */
int funds_plan_allocate(struct app *app, int64_t plan_id, const char *override_reason,
                        const struct auth_actor *actor, int64_t *total_out, struct err *err);

/* ---- budgets ---- */

struct funds_budget_in {
    int64_t org_id, year, amount_fen, reserve_fen; /* amounts -1: the rule's default */
    char *source;
};
struct funds_budget {
    int64_t org_id, year, amount_fen, reserve_fen;
    const char *source, *rule_id, *rule_set;
};
/* Sets a community's budget for a year (FUND-BUDGET and FUND-RESERVE give what is not
 * given); E_INVALID "/reserve_fen" above the amount, E_CONFLICT "/amount_fen" below what is
 * already allocated plus the reserve. *out: the row as stored (strings from a). */
int funds_budget_set(struct app *app, const struct funds_budget_in *in,
                     const struct auth_actor *actor, struct arena *a, struct funds_budget *out,
                     struct err *err);

/* ---- use, evidence and the district's check ---- */

extern const char *const FUNDS_CHECKS[], *const FUNDS_CHECK_LABELS[];

struct funds_spend_in {
    const char *category, *spent_on, *receipt_no;
    int64_t amount_fen;
};
struct funds_use_in {
    const char *held_on, *summary;
    int64_t participants;
    struct funds_spend_in *spending;
    int64_t nspending;
};
/* The plan holding an activity, with every activity; *index_out the activity's place in it.
 * E_NOT_FOUND "/id". */
int funds_activity_plan(struct app *app, int64_t activity_id, struct arena *a,
                        struct funds_plan *plan_out, int64_t *index_out, struct err *err);
/* Records what happened at an activity of an allocated plan (E_CONFLICT "/id" for an activity
 * without an allocation or already recorded): the day held (not after today), participants,
 * a summary and the spending lines with their receipts. */
int funds_activity_use(struct app *app, int64_t activity_id, const struct funds_use_in *in,
                       const struct auth_actor *actor, struct err *err);
/* The district's check of a recorded activity: as_planned, partly or not (a reason for the
 * latter two, E_INVALID "/reason"); E_CONFLICT "/id" before the use is recorded. */
int funds_activity_check(struct app *app, int64_t activity_id, const char *result,
                         const char *reason, const struct auth_actor *actor, struct err *err);

struct funds_photo {
    int64_t id, activity_id, size, stripped_bytes, uploaded_at;
    const char *file_name, *kind, *content_type;
    const void *data;
};
/* Keeps an evidence photo of an activity of an allocated plan: JPEG or PNG read from the
 * bytes, at most max_bytes (E_LIMIT), metadata stripped (demand_photo_strip of the demands
 * area) before it is stored. */
int funds_photo_add(struct app *app, int64_t activity_id, const char *file_name, const void *data,
                    size_t n, int64_t max_bytes, const struct auth_actor *actor, struct arena *a,
                    int64_t *id_out, struct err *err);
/* One photo of the activity with its bytes; E_NOT_FOUND "/photo_id". */
int funds_photo_get(struct app *app, int64_t activity_id, int64_t photo_id, struct arena *a,
                    struct funds_photo *out, struct err *err);

/* A row of the variance report: an allocated activity, what was approved and spent. */
struct funds_variance_row {
    int64_t activity_id, org_id, quarter, approved_fen, spent_fen;
    const char *org_name, *title, *used_on, *check_result, *check_reason;
};
int funds_variance(struct app *app, const char *path, int64_t year, struct arena *a,
                   struct funds_variance_row **out, int64_t *n_out, struct err *err);

/* ---- the competitive incentive (FUND-INCENTIVE) ---- */

/* What a community did in a quarter, the inputs of its suggestion. */
struct funds_incentive_in {
    int64_t planned;      /* approved activities with money allocated */
    int64_t held;         /* of those, recorded as held */
    int64_t as_planned;   /* checked by the district: used as planned */
    int64_t partly;       /* checked: partly as planned (counts half) */
    int64_t participants; /* actual participants of the held activities */
    int64_t base_fen;     /* a quarter's share of the budget: (budget - reserve) / 4 */
};
/* The suggestion and every number behind it (basis points, 10000 = 100%). */
struct funds_incentive {
    int64_t held_bp, evidence_bp, participation_bp, score_bp, factor_bp, suggested_fen;
    int64_t w_held, w_evidence, w_participation, norm, spread_bp; /* the rule's weights */
};
/* One row of GET /api/funds/incentive. */
struct funds_incentive_row {
    int64_t org_id;
    const char *name;
    struct funds_incentive_in in;
    struct funds_incentive out;
};
/* The suggestion for the quarter after (year, quarter) of every community under path, by
 * the FUND-INCENTIVE row in force on the quarter's first day (*rule_out, from a). */
int funds_incentive_list(struct app *app, const char *path, int64_t year, int64_t quarter,
                         struct arena *a, const struct funds_rule **rule_out,
                         struct funds_incentive_row **out, int64_t *n_out, struct err *err);

/* ---- the reward fund and 七一 commendations ---- */

extern const char *const FUNDS_REWARD_KINDS[], *const FUNDS_REWARD_KIND_LABELS[];

struct funds_reward_in {
    int64_t org_id, year, recipient_org_id, person_id, amount_fen;
    const char *kind, *title, *awarded_on, *evidence;
};
/* A payout from the reward fund of org_id (the payer) for a year. The district pays 七一
 * commendations of branches ('branch', recipient_org_id under it) and members ('member', a
 * current member under it by person_id) and sends shares to communities ('share'); a community
 * pays its own members' commendations ('member') from the shares sent to it. The pool is the
 * reserves held back under the district, or the shares a community received; E_CONFLICT
 * "/amount_fen" over what is left; E_INVALID for a payer that is neither, a kind it may not
 * pay or a recipient outside it. */
int funds_reward_add(struct app *app, const struct funds_reward_in *in,
                     const struct auth_actor *actor, int64_t *id_out, struct err *err);

struct funds_reward {
    int64_t id, org_id, year, recipient_org_id, person_id, amount_fen;
    const char *kind, *title, *awarded_on, *evidence, *recipient_name, *recipient_org_name;
};
/* The pool, what was paid and the payouts of org_id for a year (a district or community). */
int funds_rewards(struct app *app, int64_t org_id, int64_t year, struct arena *a, int64_t *pool_out,
                  int64_t *paid_out, struct funds_reward **out, int64_t *n_out, struct err *err);

/* ---- reads ---- */

struct funds_line {
    int64_t activity_id, amount_fen;
    const char *category, *label;
};
struct funds_spend {
    int64_t activity_id, amount_fen;
    const char *category, *label, *spent_on, *receipt_no;
};
struct funds_activity {
    int64_t id, plan_id, seq, participants, requested_fen, approved_fen; /* approved -1: none */
    const char *title, *content, *held_on, *street_comment, *decision, *reason;
    struct funds_line *lines;
    int64_t nlines;
    /* Use and check: used_on NULL until the community records it; used_participants -1. */
    const char *used_on, *summary, *check_result, *check_reason;
    int64_t used_participants, allocated_fen, spent_fen;
    struct funds_spend *spending;
    int64_t nspending;
    int64_t *photo_ids;
    int64_t nphotos;
};
struct funds_plan {
    int64_t id, org_id, year, quarter, created_at, submitted_at, forwarded_at, reviewed_at;
    const char *org_name, *status, *deadline;
    struct funds_activity *activities;
    int64_t nactivities;
};
/* One plan with its activities and lines; E_NOT_FOUND "/id". */
int funds_plan_get(struct app *app, int64_t id, struct arena *a, struct funds_plan *out,
                   struct err *err);
/* The plans under path for a year (quarter 0: all; status NULL: any), with activities. */
int funds_plans_list(struct app *app, const char *path, int64_t year, int64_t quarter,
                     const char *status, struct arena *a, struct funds_plan **out, int64_t *n_out,
                     struct err *err);

/* A ledger row: an org's budget, reward reserve, allocated, spent and remaining (budget -
 * reserve - allocated) for a year, summed over the communities at or under it. */
struct funds_ledger_row {
    int64_t org_id, budget_fen, reserve_fen, allocated_fen, spent_fen, remaining_fen;
    const char *org_path, *name;
};
/* The ledger of org_path for year: *total_out the org's own row, *items_out one row per child
 * org holding communities (a street's communities, a district's streets; the community itself
 * when org_path is one), whose sums equal the total. */
int funds_ledger(struct app *app, const char *org_path, int64_t year, struct arena *a,
                 struct funds_ledger_row *total_out, struct funds_ledger_row **items_out,
                 int64_t *n_out, struct err *err);

/* The rule rows and the budget-line categories. */
struct funds_rule {
    const char *rule_id, *rule_set, *param, *valid_from, *valid_to, *confidence, *source;
};
struct funds_category {
    const char *code, *label;
};
int funds_rules_list(struct app *app, struct arena *a, struct funds_rule **rules_out,
                     int64_t *nrules_out, struct funds_category **cats_out, int64_t *ncats_out,
                     struct err *err);
