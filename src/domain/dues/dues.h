/* dues.h: the Party dues (党费) area's service, the only header other areas may include:
 * standards by category and base (rule set dues-2008, RULES.md §6, as versioned rows), a
 * member's standard from a month on, the append-only ledger (payments, extra dues, reversals),
 * the branch ledger grid and arrears. Money is integer fen everywhere. It does not touch HTTP,
 * and SQL lives in dues_store.c. */
#pragma once

#include "core/compat.h"

struct app;
struct arena;
struct auth_actor;
struct change_counter;
struct demo_hook;
struct err;

/* The area's change counter (migration 0021_dues) and demo hook (dues_demo.c). */
extern const struct change_counter DUES_COUNTER;
extern const struct demo_hook DUES_DEMO;

/* Category codes (employed retired self_employed farmer student unemployed relief) and their
 * zh-CN labels; payment methods (cash transfer proxy); rounding modes (DUES-ROUND: half_fen
 * up_fen half_jiao up_jiao); entry kinds (payment extra reversal). NULL-terminated. */
extern const char *const DUES_CATEGORIES[], *const DUES_CATEGORY_LABELS[];
extern const char *const DUES_METHODS[], *const DUES_METHOD_LABELS[];
extern const char *const DUES_ROUNDINGS[], *const DUES_ROUNDING_LABELS[];
extern const char *const DUES_KINDS[], *const DUES_KIND_LABELS[];

/* A monthly amount and what computed it (stored with every standard and entry). */
struct dues_calc {
    int64_t amount_fen;
    int64_t base_fen;
    int64_t upto_fen; /* the bracket's inclusive upper bound; -1: none (top bracket, fixed) */
    int64_t rate_bp;  /* 0 for a fixed amount */
    const char *rule_id, *rule_set, *rounding, *valid_from;
};

/* A warning stored with an entry and shown: DUES-BACKPAY, DUES-EXTRA. */
struct dues_warning {
    const char *rule_id, *message;
};

/* The calculator: the monthly dues of category at base_fen in month (YYYY-MM) under the rows
 * in force that month and the rounding setting of the tenant of org_path. E_INVALID with the
 * field path for a bad month or an unknown category. Strings from a. */
int dues_standard_calc(struct app *app, const char *org_path, const char *category,
                       int64_t base_fen, const char *month, struct arena *a, struct dues_calc *out,
                       struct err *err);

/* The settings of a district or street, in force below it (DUES-ROUND, DUES-DEDUCT). */
struct dues_setting {
    int64_t org_id;                      /* the org whose row is in force; 0: the defaults */
    const char *rounding, *deduct_items; /* deduct_items: JSON list of names */
    int64_t updated_at;
};
int dues_settings_get(struct app *app, const char *org_path, struct arena *a,
                      struct dues_setting *out, struct err *err);
struct dues_deduct_in {
    char *name;
};
struct dues_settings_in {
    int64_t org_id;
    char *rounding;
    struct dues_deduct_in *deduct_items;
    int64_t ndeduct_items;
};
/* Sets the settings of in->org_id, which must be a district or street (E_INVALID "/org_id");
 * one transaction with its audit row. */
int dues_settings_set(struct app *app, const struct dues_settings_in *in,
                      const struct auth_actor *actor, struct arena *a, struct err *err);

/* Setting a member's standard from a month on (DUES-CHANGE). */
struct dues_standard_in {
    int64_t member_id;
    char *category, *from_month, *note;
    int64_t base_fen;
};
/* The member (by id) must exist: E_NOT_FOUND "/member_id"; *org_id_out (for the scope check)
 * and the member's name. */
int dues_member_org(struct app *app, int64_t member_id, struct arena *a, int64_t *org_id_out,
                    const char **name_out, struct err *err);
int dues_standard_set(struct app *app, const struct dues_standard_in *in,
                      const struct auth_actor *actor, struct arena *a, int64_t *id_out,
                      struct dues_calc *calc_out, struct err *err);

/* A payment of one member's month. extra: voluntary extra dues (DUES-EXTRA), kept apart and
 * never counted against the standard. */
struct dues_pay_in {
    int64_t member_id;
    char *month, *method, *paid_by, *receipt_no, *paid_on, *note;
    int64_t amount_fen;
    bool extra;
};
/* Records one payment (one transaction, with its audit row). Refuses (nothing written): a
 * month after the current one (E_INVALID /month), a member without a standard that month or
 * an amount that would overpay the month when not extra (E_CONFLICT /amount_fen), 代缴
 * without the payer (E_INVALID /paid_by). The warnings (DUES-BACKPAY, DUES-EXTRA) are stored
 * with the entry and returned (from a). */
int dues_pay(struct app *app, const struct dues_pay_in *in, const struct auth_actor *actor,
             struct arena *a, int64_t *id_out, struct dues_warning **w_out, int64_t *nw_out,
             struct err *err);
/* A whole branch's month in one request and one transaction: every item is a payment of month
 * by a member of the subtree org_path (another member: E_NOT_FOUND "/items/i/member_id");
 * the first refusal rolls all back, its path naming the item. ids_out[i] for item i. */
struct dues_batch_in {
    int64_t org_id;
    char *month, *paid_on, *method;
    struct dues_pay_in *items;
    int64_t nitems;
};
int dues_pay_batch(struct app *app, const char *org_path, struct dues_batch_in *in,
                   const struct auth_actor *actor, struct arena *a, int64_t **ids_out,
                   int64_t *nwarn_out, struct err *err);

/* An entry as read back. */
struct dues_entry {
    int64_t id, member_id, org_id, amount_fen, reverses_id, reversed_by, expected_fen, base_fen,
        rate_bp, created_at;
    const char *member_name, *month, *kind, *method, *paid_by, *receipt_no, *paid_on, *reason,
        *rule_id, *rule_set, *rounding, *warnings;
};
int dues_entry_get(struct app *app, int64_t id, struct arena *a, struct dues_entry *out,
                   struct err *err);
/* Reverses entry id with a new entry of the negated amount (reason required). A reversal
 * cannot be reversed, nor an entry twice: E_CONFLICT "/id". */
int dues_reverse(struct app *app, int64_t id, const char *reason, const struct auth_actor *actor,
                 struct arena *a, int64_t *id_out, struct err *err);
/* One page (page from 1, size 1-200) of the entries of the subtree in a period (a month
 * YYYY-MM or a year YYYY), by month, org, member, id; with the total. */
int dues_entries(struct app *app, const char *path, const char *period, int64_t page, int64_t size,
                 struct arena *a, struct dues_entry **out, int64_t *n_out, int64_t *total_out,
                 struct err *err);

/* The ledger grid of a year: per member of the subtree (current members: 预备 and 正式), per
 * month, the expected amount (0 without a standard), paid (net of reversals) and extra. */
struct dues_cell {
    int64_t expected_fen, paid_fen, extra_fen;
};
struct dues_row {
    int64_t member_id, org_id;
    const char *name, *org_name, *org_path, *category;
    int64_t base_fen, amount_fen; /* the standard in force in the last month shown; 0: none */
    struct dues_cell months[12];
};
int dues_ledger(struct app *app, const char *path, int year, struct arena *a,
                struct dues_row **rows_out, int64_t *n_out, struct err *err);
/* A row's year added into tot: [0] expected, [1] paid, [2] extra, [3] outstanding (unpaid
 * part of the months up to the month index last_mi, those already due). */
void dues_row_totals(const struct dues_row *r, int year, int last_mi, int64_t tot[4]);
/* year, or this year when 0. */
int dues_year_or_now(int64_t year);
/* The index (dues_month_index) of the last month already due: the one before this month. */
int dues_last_due_month(void);

/* The summary of a year for an org subtree, per direct child org (and the org itself for
 * members placed at it): members, the year's expected and paid, what was due up to last month
 * and is outstanding, and how many members owe. */
struct dues_sum_row {
    int64_t org_id; /* the org itself for its own members */
    const char *name;
    int64_t members, members_owing, expected_fen, paid_fen, due_fen, outstanding_fen;
};
int dues_summary(struct app *app, int64_t org_id, const char *path, int year, struct arena *a,
                 struct dues_sum_row **out, int64_t *n_out, struct dues_sum_row *total_out,
                 struct err *err);

/* Arrears (DUES-ARREARS): members of the subtree with unpaid months (paid < expected) among
 * the months before the current one since their first standard; consecutive counts the
 * unpaid months ending with last month; flagged when it reaches the rule's months. The
 * software flags, people decide: nothing changes anyone's status. */
struct dues_arrear {
    int64_t member_id, org_id, months_unpaid, consecutive, owed_fen;
    const char *name, *org_name, *since;
    bool flagged;
};
int dues_arrears(struct app *app, const char *path, struct arena *a, struct dues_arrear **out,
                 int64_t *n_out, const char **rule_out, struct err *err);

/* 党费交至 (XFER-DUES, the transfer letter): the last month up to which member_id's dues are
 * paid in full, month after month from their first standard (reversals netted, extra dues not
 * counting), at most this month; *out NULL when they have no standard or owe their first
 * month. E_NOT_FOUND "/member_id" for no such member. */
int dues_paid_to(struct app *app, int64_t member_id, struct arena *a, const char **out,
                 struct err *err);
/* 少交 / 免交 (DUES-HARDSHIP, RULES.md §6.3): the member applies, the 党支部委员会 agrees (both
 * recorded by the branch), the 上一级党委 approves or refuses. Only an approved relief changes
 * what its months expect (the reduced amount, or nothing), in the ledger, arrears, 党费交至
 * and the overpayment check. */
extern const char *const DUES_RELIEF_KINDS[], *const DUES_RELIEF_KIND_LABELS[];
extern const char *const DUES_RELIEF_STATUSES[], *const DUES_RELIEF_STATUS_LABELS[];
struct dues_relief_in {
    int64_t member_id, amount_fen;
    char *kind, *from_month, *to_month, *reason, *applied_on, *branch_agreed_on;
};
struct dues_relief {
    int64_t id, member_id, org_id, approver_org_id, amount_fen;
    const char *name, *org_name, *kind, *from_month, *to_month, *reason, *applied_on,
        *branch_agreed_on, *status, *decided_on, *decided_body, *doc_no, *decision_note,
        *approver_path, *original_to_month, *ended_reason;
};
/* Records an application with the branch committee's agreement. Refused (nothing written):
 * E_INVALID "/from_month", "/to_month" (a bad month, or the end before the start),
 * "/applied_on" in the future, "/branch_agreed_on" before the application or in the future,
 * "/amount_fen" for a reduced amount not between 0 and the standard in force in from_month;
 * E_CONFLICT "/member_id" for a member without a standard then or no longer 预备 or 正式,
 * "/from_month" when it overlaps another relief of the member not refused. Audited
 * ("dues.relief"). */
int dues_relief_apply(struct app *app, const struct dues_relief_in *in,
                      const struct auth_actor *actor, int64_t *id_out, struct err *err);
int dues_relief_get(struct app *app, int64_t id, struct arena *a, struct dues_relief *out,
                    struct err *err);
/* The reliefs of members of the subtree at path, pending first, then newest. */
int dues_reliefs(struct app *app, const char *path, struct arena *a, struct dues_relief **out,
                 int64_t *n_out, struct err *err);
/* The upper committee's decision: decided_on between the branch's agreement and today
 * (E_INVALID "/decided_on"); E_CONFLICT "/status" when decided already. Audited
 * ("dues.relief_decide"). The caller checks the actor may write at approver_org_id (the org
 * above the member's when the application was recorded). */
int dues_relief_decide(struct app *app, int64_t id, bool approve, const char *decided_on,
                       const char *body, const char *doc_no, const char *note,
                       const struct auth_actor *actor, struct err *err);
/* Ends an approved relief early (income recovered): to_month from from_month to the month
 * before the one now last (E_INVALID "/to_month"), with the reason; E_CONFLICT "/status" when
 * it is not approved. Audited ("dues.relief_end"). The caller checks the actor may write at
 * approver_org_id. */
int dues_relief_end(struct app *app, int64_t id, const char *to_month, const char *reason,
                    const struct auth_actor *actor, struct err *err);
/* The dues of the person signed in: their member record's standard, this year's ledger row
 * and entries. E_NOT_FOUND when the person is not a member. */
int dues_mine(struct app *app, int64_t person_id, int year, struct arena *a, struct dues_row *out,
              struct dues_entry **entries_out, int64_t *n_out, struct err *err);
