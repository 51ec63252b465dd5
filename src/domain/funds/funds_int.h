/* funds_int.h: declarations only the funds folder sees: the rule code (funds_rules.c, pure: no
 * database, no clock) and the store functions (funds_store.c), which take a connection and
 * never begin or commit. */
#pragma once

#include "domain/funds/funds.h"

struct db_conn;

/* ---- rules (funds_rules.c) ---- */

/* The row of rule_id in force on date (YYYY-MM-DD): valid_from <= date < valid_to, the latest
 * valid_from; NULL when none is. */
const struct funds_rule *funds_rule_in_force(const struct funds_rule *rules, int64_t n,
                                             const char *rule_id, const char *date);
/* The integer key of a rule's param JSON; def when absent (or r NULL). */
int64_t funds_rule_int(const struct funds_rule *r, const char *key, int64_t def);
/* The last day (YYYY-MM-DD) to submit the plan of quarter (1-4) of year under FUND-DEADLINE
 * ({"q1": "MM-DD", ...}); E_INTERNAL when the rule has no valid day for the quarter. */
int funds_deadline(const struct funds_rule *r, int64_t year, int64_t quarter, char out[11],
                   struct err *err);
/* Whether date (YYYY-MM-DD) lies in quarter (1-4) of year. */
bool funds_date_in_quarter(const char *date, int64_t year, int64_t quarter);
/* Adds community rows into the ledger rows of org_path's children: the child is the first
 * org on a community's path below org_path (the community itself when its path is org_path).
 * items (n) are the children, each with org_path set and sums zero; total gets every row.
 * A community under no listed child is still counted in total and returned in *missed_out. */
void funds_ledger_group(const char *org_path, const struct funds_ledger_row *comm, int64_t ncomm,
                        struct funds_ledger_row *items, int64_t n, struct funds_ledger_row *total,
                        int64_t *missed_out);

/* The incentive of one community under rule r (FUND-INCENTIVE; E_INTERNAL when r is NULL or
 * its weights do not add up to 10000): held = held / planned, evidence = (2 x as_planned +
 * partly) / (2 x planned), participation = participants / (held x norm) capped at 100%, each
 * in basis points rounded down; score = the weighted sum; factor = 10000 - spread + 2 x
 * spread x score / 10000; suggested = base x factor / 10000 rounded down to the fen, and 0
 * when nothing was planned. */
int funds_incentive_compute(const struct funds_rule *r, const struct funds_incentive_in *in,
                            struct funds_incentive *out, struct err *err);

/* ---- store (funds_store.c) ---- */

struct funds_alloc_row {
    int64_t activity_id, amount_fen;
};

int funds_store_org(struct db_conn *c, int64_t org_id, struct arena *a, struct funds_org *out,
                    struct err *err);
int funds_store_rules(struct db_conn *c, struct arena *a, struct funds_rule **out, int64_t *n_out,
                      struct err *err);
int funds_store_categories(struct db_conn *c, struct arena *a, struct funds_category **out,
                           int64_t *n_out, struct err *err);
int funds_store_plan_insert(struct db_conn *c, const struct funds_org *o,
                            const struct funds_plan_in *in, const char *deadline, int64_t by,
                            int64_t now, int64_t *id_out, struct err *err);
int funds_store_activity_insert(struct db_conn *c, int64_t plan_id, int64_t seq,
                                const struct funds_activity_in *in, int64_t requested_fen,
                                int64_t *id_out, struct err *err);
int funds_store_line_insert(struct db_conn *c, int64_t activity_id, int64_t seq,
                            const char *category, int64_t amount_fen, struct err *err);
/* A plan without its activities; E_NOT_FOUND "/id". */
int funds_store_plan(struct db_conn *c, int64_t id, struct arena *a, struct funds_plan *out,
                     struct err *err);
int funds_store_plans(struct db_conn *c, const char *path, int64_t year, int64_t quarter,
                      const char *status, struct arena *a, struct funds_plan **out, int64_t *n_out,
                      struct err *err);
/* Fills p->activities with their lines. */
int funds_store_plan_activities(struct db_conn *c, struct funds_plan *p, struct arena *a,
                                struct err *err);
/* Moves a plan from status `from` to `to`, stamping the step's time (and forwarded_by);
 * E_CONFLICT "/status" with msg when it is not in `from`. */
int funds_store_plan_move(struct db_conn *c, int64_t id, const char *from, const char *to,
                          int64_t by, int64_t now, const char *msg, struct err *err);
int funds_store_comment(struct db_conn *c, int64_t activity_id, const char *comment,
                        struct err *err);
int funds_store_decide(struct db_conn *c, int64_t activity_id, const char *decision,
                       int64_t approved_fen, const char *reason, int64_t by, int64_t now,
                       struct err *err);
int funds_store_undecided(struct db_conn *c, int64_t plan_id, int64_t *n_out, struct err *err);
int funds_store_submitted(struct db_conn *c, const char *path, int64_t year, int64_t quarter,
                          struct arena *a, int64_t **ids_out, int64_t *n_out, struct err *err);
int funds_store_budget(struct db_conn *c, int64_t org_id, int64_t year, struct arena *a,
                       struct funds_budget *out, bool *found_out, struct err *err);
int funds_store_budget_put(struct db_conn *c, const struct funds_org *o,
                           const struct funds_budget *b, int64_t by, int64_t now, struct err *err);
int funds_store_allocated(struct db_conn *c, int64_t org_id, int64_t year, int64_t *sum_out,
                          struct err *err);
/* The approved amounts (> 0) of a plan's activities. */
int funds_store_approved(struct db_conn *c, int64_t plan_id, struct arena *a,
                         struct funds_alloc_row **out, int64_t *n_out, struct err *err);
int funds_store_allocation_insert(struct db_conn *c, const struct funds_plan *p,
                                  const char *org_path, int64_t tenant_id,
                                  const struct funds_alloc_row *r, const char *override_reason,
                                  int64_t by, int64_t now, struct err *err);
int funds_store_spend_insert(struct db_conn *c, const struct funds_plan *p, const char *org_path,
                             int64_t tenant_id, int64_t activity_id, const char *category,
                             int64_t amount_fen, const char *spent_on, const char *receipt_no,
                             int64_t by, int64_t now, struct err *err);
int funds_store_activity_plan_id(struct db_conn *c, int64_t activity_id, int64_t *plan_id_out,
                                 struct err *err);
int funds_store_use(struct db_conn *c, int64_t activity_id, const struct funds_use_in *in,
                    int64_t by, int64_t now, struct err *err);
int funds_store_check(struct db_conn *c, int64_t activity_id, const char *result,
                      const char *reason, int64_t by, int64_t now, struct err *err);
int funds_store_photo_insert(struct db_conn *c, const struct funds_photo *p, int64_t by,
                             int64_t *id_out, struct err *err);
int funds_store_photo(struct db_conn *c, int64_t activity_id, int64_t photo_id, struct arena *a,
                      struct funds_photo *out, struct err *err);
/* Every community under path with its incentive inputs for the quarter (base_fen from the
 * year's budget). */
int funds_store_incentive(struct db_conn *c, const char *path, int64_t year, int64_t quarter,
                          struct arena *a, struct funds_incentive_row **out, int64_t *n_out,
                          struct err *err);
/* The district's pool: the reserves of the year's budgets under path. */
int funds_store_reserves(struct db_conn *c, const char *path, int64_t year, int64_t *sum_out,
                         struct err *err);
/* The least a district pool above path has left for year (reserves less payouts). */
int funds_store_pool_left(struct db_conn *c, const char *path, int64_t year, int64_t *left_out,
                          struct err *err);
/* The shares the district sent to a community for a year. */
int funds_store_shares(struct db_conn *c, int64_t org_id, int64_t year, int64_t *sum_out,
                       struct err *err);
/* What org_id paid from its reward fund for a year. */
int funds_store_reward_paid(struct db_conn *c, int64_t org_id, int64_t year, int64_t *sum_out,
                            struct err *err);
/* Whether person_id is a current member under path (1) or not (0). */
int funds_store_member_under(struct db_conn *c, int64_t person_id, const char *path, int64_t *n_out,
                             struct err *err);
int funds_store_reward_insert(struct db_conn *c, const struct funds_org *payer,
                              const struct funds_reward_in *in, int64_t by, int64_t now,
                              int64_t *id_out, struct err *err);
int funds_store_rewards(struct db_conn *c, int64_t org_id, int64_t year, struct arena *a,
                        struct funds_reward **out, int64_t *n_out, struct err *err);
int funds_store_variance(struct db_conn *c, const char *path, int64_t year, struct arena *a,
                         struct funds_variance_row **out, int64_t *n_out, struct err *err);
/* Every community at or under path with its sums for year (org_path, name set). */
int funds_store_ledger(struct db_conn *c, const char *path, int64_t year, struct arena *a,
                       struct funds_ledger_row **out, int64_t *n_out, struct err *err);
/* The child orgs of org_id of the street and community levels (org_path, name set). */
int funds_store_children(struct db_conn *c, int64_t org_id, struct arena *a,
                         struct funds_ledger_row **out, int64_t *n_out, struct err *err);
