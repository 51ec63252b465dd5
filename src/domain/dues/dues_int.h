/* dues_int.h: declarations only the dues folder sees: the rule engine (dues_rules.c, pure: no
 * database, no clock) and the store functions (dues_store.c), which take a connection and
 * never begin or commit. */
#pragma once

#include "domain/dues/dues.h"

struct db_conn;

/* ---- the rule engine (dues_rules.c) ---- */

/* One row of dues_rule (RULES.md §13). A bracket row: category, upto_fen (-1: no bound),
 * rate_bp; a fixed row: category, amount_fen (max_fen -1 unless members may choose more); a
 * parameter row: no category, param JSON ({"months": 6}). Months are YYYY-MM. */
struct dues_rule {
    const char *rule_id, *rule_set, *category, *param, *severity, *valid_from, *valid_to,
        *confidence, *source;
    int64_t upto_fen, rate_bp, amount_fen, max_fen;
    bool enabled;
};

/* Parses YYYY-MM (a real month, year 1900-9999) into months since year 0 (y * 12 + m - 1);
 * -1 when it is not one. */
int dues_month_index(const char *s);
/* The month of an index as YYYY-MM. */
void dues_month_fmt(int idx, char out[8]);
/* fen times basis points, rounded by mode (DUES-ROUND, a code of DUES_ROUNDINGS); -1 for an
 * unknown mode. Exact integer arithmetic: base_fen <= 10^12. */
int64_t dues_round(int64_t base_fen, int64_t rate_bp, const char *mode);
/* The monthly amount of category at base_fen in month (YYYY-MM): among the enabled rows of the
 * category in force that month, those with the latest valid_from form the bracket table; the
 * bracket is the one with the smallest upto_fen >= base (the whole base at its rate,
 * DUES-FLAT), or the fixed amount. E_INVALID "/month", "/category"; E_NOT_FOUND "/category"
 * when no row is in force. out's strings point into rules. */
int dues_rules_compute(const struct dues_rule *rules, size_t n, const char *category,
                       int64_t base_fen, const char *month, const char *rounding,
                       struct dues_calc *out, struct err *err);
/* The parameter rule rule_id in force in month (latest valid_from), or NULL. */
const struct dues_rule *dues_rule_in_force(const struct dues_rule *rules, size_t n,
                                           const char *rule_id, const char *month);
/* The integer key of a rule's param JSON, def when absent (or r NULL). */
int64_t dues_rule_param(const struct dues_rule *r, const char *key, int64_t def);
/* The warnings of a payment of amount_fen for month paid in paid_month (both YYYY-MM):
 * DUES-BACKPAY when month is more than the rule's months before, DUES-EXTRA when an extra
 * payment reaches its flag amount. Writes at most 2 into w (messages from a); returns how
 * many. */
size_t dues_rules_warnings(const struct dues_rule *rules, size_t n, const char *month,
                           const char *paid_month, int64_t amount_fen, bool extra, struct arena *a,
                           struct dues_warning w[2]);

/* The warnings as stored with an entry: JSON [{rule, message}] (from a). */
const char *dues_warnings_json(const struct dues_warning *w, size_t n, struct arena *a);

/* ---- the store (dues_store.c) ---- */

int dues_store_rules(struct db_conn *c, struct arena *a, struct dues_rule **out, size_t *n_out,
                     struct err *err);
/* The setting in force at org_path: the row of the nearest org at or above it, else the
 * defaults (org_id 0). dues_store_rounding gives only its rounding mode. */
int dues_store_setting(struct db_conn *c, const char *org_path, struct arena *a,
                       struct dues_setting *out, struct err *err);
int dues_store_rounding(struct db_conn *c, const char *org_path, struct arena *a,
                        const char **mode_out, struct err *err);
/* Writes (or replaces) the setting of org_id. */
int dues_store_setting_put(struct db_conn *c, int64_t org_id, const char *rounding,
                           const char *deduct_items, int64_t by, int64_t now, struct err *err);
int dues_store_org_type(struct db_conn *c, int64_t org_id, struct arena *a, const char **type_out,
                        struct err *err);
struct dues_member_ref {
    int64_t id, tenant_id, org_id;
    const char *org_path, *name, *status, *org_name; /* org_name: lists only */
};
int dues_store_member(struct db_conn *c, int64_t id, struct arena *a, struct dues_member_ref *out,
                      struct err *err);
int dues_store_member_of_person(struct db_conn *c, int64_t person_id, struct arena *a,
                                struct dues_member_ref *out, struct err *err);
int dues_store_standard_insert(struct db_conn *c, const struct dues_member_ref *m,
                               const struct dues_standard_in *in, const struct dues_calc *k,
                               int64_t by, int64_t now, int64_t *id_out, struct err *err);
/* A standard row (the one in force in a month, or listed). */
struct dues_std_row {
    int64_t id, member_id, base_fen, amount_fen, upto_fen, rate_bp;
    const char *from_month, *category, *rule_id, *rule_set, *rounding;
};
/* The standard of member in force in month; found false when none. */
int dues_store_standard_at(struct db_conn *c, int64_t member_id, const char *month, struct arena *a,
                           struct dues_std_row *out, bool *found_out, struct err *err);
/* The net non-extra amount recorded for member's month. */
int dues_store_month_paid(struct db_conn *c, int64_t member_id, const char *month,
                          int64_t *paid_out, struct err *err);
/* Inserts an entry; e's snapshot fields come from std (may be NULL). */
int dues_store_entry_insert(struct db_conn *c, const struct dues_member_ref *m,
                            const struct dues_entry *e, const struct dues_std_row *std, int64_t by,
                            int64_t now, int64_t *id_out, struct err *err);
int dues_store_entry(struct db_conn *c, int64_t id, struct arena *a, struct dues_entry *out,
                     struct err *err);
/* The entries of one member in [from, to], or one page of the subtree's (by month, org,
 * member) with the total. */
int dues_store_entries(struct db_conn *c, int64_t member_id, const char *from_month,
                       const char *to_month, struct arena *a, struct dues_entry **out,
                       int64_t *n_out, struct err *err);
int dues_store_entries_page(struct db_conn *c, const char *path, const char *from_month,
                            const char *to_month, int64_t page, int64_t size, struct arena *a,
                            struct dues_entry **out, int64_t *n_out, int64_t *total_out,
                            struct err *err);
/* The current members (预备, 正式) of the subtree, by org then name: id, org, names. */
int dues_store_members(struct db_conn *c, const char *path, struct arena *a,
                       struct dues_member_ref **out, int64_t *n_out, struct err *err);
/* Every standard of the subtree's members (member_id > 0: of that member only), by member and
 * from_month. */
int dues_store_standards(struct db_conn *c, const char *path, int64_t member_id, struct arena *a,
                         struct dues_std_row **out, int64_t *n_out, struct err *err);
/* Sums per member and month in [from, to] of the subtree's current members (or one member),
 * wherever the entries were booked: paid (payments and their reversals) and extra (extra and
 * theirs). */
struct dues_sum {
    int64_t member_id, paid_fen, extra_fen;
    const char *month;
};
int dues_store_sums(struct db_conn *c, const char *path, int64_t member_id, const char *from,
                    const char *to, struct arena *a, struct dues_sum **out, int64_t *n_out,
                    struct err *err);

/* ---- 少交 / 免交 (dues_relief_store.c) ---- */

/* An approved relief as the month arithmetic reads it (ordered by member, from_month). */
struct dues_relief_row {
    int64_t member_id, amount_fen;
    int from, to; /* month indexes, inclusive */
};
/* What month index mi expects of a standard amount under the member's approved reliefs. */
int64_t dues_relief_amount(const struct dues_relief_row *r, int64_t n, int mi, int64_t amount);
/* The approved reliefs of the subtree's members (path) or of one member (path NULL). */
int dues_store_relief_rows(struct db_conn *c, const char *path, int64_t member_id, struct arena *a,
                           struct dues_relief_row **out, int64_t *n_out, struct err *err);
/* The org that decides a relief of member_id: the nearest committee above the member's org
 * (0: none). */
int dues_store_relief_approver(struct db_conn *c, int64_t member_id, int64_t *id_out,
                               struct err *err);
int dues_store_relief_insert(struct db_conn *c, const struct dues_member_ref *m,
                             const struct dues_relief_in *in, int64_t approver, int64_t by,
                             int64_t now, int64_t *id_out, struct err *err);
/* The id of a relief of member not refused whose months meet [from, to] (0: none). */
int dues_store_relief_overlap(struct db_conn *c, int64_t member_id, const char *from,
                              const char *to, int64_t *id_out, struct err *err);
/* The reliefs of the subtree (path) or one (id, path NULL), with names and orgs. */
int dues_store_reliefs(struct db_conn *c, const char *path, int64_t id, struct arena *a,
                       struct dues_relief **out, int64_t *n_out, struct err *err);
/* Decides a pending relief (E_CONFLICT "/status" when it is not pending). */
int dues_store_relief_decide(struct db_conn *c, int64_t id, const char *status,
                             const char *decided_on, const char *body, const char *doc_no,
                             const char *note, int64_t by, int64_t at, struct err *err);
/* Ends an approved relief at to_month (E_CONFLICT "/status" when it is not approved). */
int dues_store_relief_end(struct db_conn *c, int64_t id, const char *to_month, const char *reason,
                          int64_t by, int64_t at, struct err *err);
