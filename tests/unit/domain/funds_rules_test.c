/* funds_rules_test.c: the funds area's pure rule code without a database: which version of a
 * rule is in force on a date (the two FUND-BUDGET rows of migration 0026 and their edge), a
 * rule's integer parameters, each quarter's FUND-DEADLINE (and a rule lacking a quarter),
 * dates inside and outside a quarter, the ledger grouping of community rows into their
 * parent's children with the total equal to the children's sum, and the incentive suggestion
 * (FUND-INCENTIVE) worked by hand. */
#include "core/compat.h"
#include "core/err.h"
#include "domain/funds/funds_int.h"
#include "tap.h"

#define RULE(id, set, param, from, to)                                                             \
    {                                                                                              \
        id, set, param, from, to, "secondary", ""                                                  \
    }
static const struct funds_rule RULES[] = {
    RULE("FUND-BUDGET", "funds-2004", "{\"amount_fen\": 500000}", "2004-01-01", "2012-01-01"),
    RULE("FUND-BUDGET", "funds-2012", "{\"amount_fen\": 1000000}", "2012-01-01", "9999-12-31"),
    RULE("FUND-DEADLINE", "funds-2004",
         "{\"q1\": \"01-15\", \"q2\": \"04-15\", \"q3\": \"07-15\", \"q4\": \"10-15\"}",
         "2004-01-01", "9999-12-31"),
    RULE("FUND-DEADLINE", "test-2030", "{\"q1\": \"02-30\"}", "2030-01-01", "9999-12-31"),
    RULE("FUND-INCENTIVE", "funds-2004",
         "{\"held_bp\": 4000, \"evidence_bp\": 3000, \"participation_bp\": 3000, "
         "\"participants_per_activity\": 30, \"spread_bp\": 2000}",
         "2004-01-01", "9999-12-31"),
    RULE("FUND-INCENTIVE", "test-bad",
         "{\"held_bp\": 5000, \"evidence_bp\": 3000, "
         "\"participation_bp\": 3000, \"participants_per_activity\": 30, \"spread_bp\": 0}",
         "2030-01-01", "9999-12-31"),
};
#define NR ((int64_t)(sizeof(RULES) / sizeof(RULES[0])))

static void test_in_force(void)
{
    const struct funds_rule *r = funds_rule_in_force(RULES, NR, "FUND-BUDGET", "2011-12-31");

    CHECK_STR(r ? r->rule_set : NULL, "funds-2004");
    CHECK_EQ(funds_rule_int(r, "amount_fen", -1), 500000);
    r = funds_rule_in_force(RULES, NR, "FUND-BUDGET", "2012-01-01");
    CHECK_STR(r ? r->rule_set : NULL, "funds-2012");
    CHECK_EQ(funds_rule_int(r, "amount_fen", -1), 1000000);
    CHECK_EQ(funds_rule_int(r, "reserve_fen", -7), -7);
    CHECK_EQ(funds_rule_int(NULL, "amount_fen", -7), -7);
    CHECK(funds_rule_in_force(RULES, NR, "FUND-BUDGET", "2003-12-31") == NULL);
    CHECK(funds_rule_in_force(RULES, NR, "FUND-NONE", "2020-01-01") == NULL);
}

static void test_deadline(void)
{
    const struct funds_rule *r = funds_rule_in_force(RULES, NR, "FUND-DEADLINE", "2027-01-01");
    struct err e = { 0 };
    char out[11];

    CHECK_EQ(funds_deadline(r, 2027, 1, out, &e), 0);
    CHECK_STR(out, "2027-01-15");
    CHECK_EQ(funds_deadline(r, 2027, 4, out, &e), 0);
    CHECK_STR(out, "2027-10-15");
    CHECK_EQ(funds_deadline(r, 2027, 5, out, &e), -1);
    CHECK_EQ(e.code, E_INTERNAL);
    /* The 2030 test row has no q2 and a day that does not exist in q1. */
    r = funds_rule_in_force(RULES, NR, "FUND-DEADLINE", "2030-06-01");
    CHECK_STR(r ? r->rule_set : NULL, "test-2030");
    e = (struct err){ 0 };
    CHECK_EQ(funds_deadline(r, 2030, 2, out, &e), -1);
    e = (struct err){ 0 };
    CHECK_EQ(funds_deadline(r, 2030, 1, out, &e), -1);
    e = (struct err){ 0 };
    CHECK_EQ(funds_deadline(NULL, 2030, 1, out, &e), -1);
}

static void test_quarter(void)
{
    CHECK(funds_date_in_quarter("2027-01-01", 2027, 1));
    CHECK(funds_date_in_quarter("2027-03-31", 2027, 1));
    CHECK(!funds_date_in_quarter("2027-04-01", 2027, 1));
    CHECK(funds_date_in_quarter("2027-04-01", 2027, 2));
    CHECK(funds_date_in_quarter("2027-12-31", 2027, 4));
    CHECK(!funds_date_in_quarter("2026-12-31", 2027, 4));
    CHECK(!funds_date_in_quarter("2027-02-30", 2027, 1));
    CHECK(!funds_date_in_quarter(NULL, 2027, 1));
}

#define ROW(id, path, b, r, al, sp)                                                                \
    {                                                                                              \
        id, b, r, al, sp, (b) - (r) - (al), path, ""                                               \
    }
static void test_ledger_group(void)
{
    /* District /1/ with streets /1/2/ and /1/20/ (a prefix trap: /1/2/ must not take /1/20/'s
     * communities). */
    const struct funds_ledger_row comm[] = {
        ROW(3, "/1/2/3/", 1000000, 150000, 110000, 50000),
        ROW(4, "/1/2/4/", 300000, 100000, 250000, 0),
        ROW(21, "/1/20/21/", 1000000, 150000, 0, 0),
        ROW(99, "/1/77/99/", 5, 0, 0, 0),
    };
    struct funds_ledger_row items[] = { ROW(2, "/1/2/", 0, 0, 0, 0),
                                        ROW(20, "/1/20/", 0, 0, 0, 0) };
    struct funds_ledger_row total = { 0 };
    int64_t missed = -1;

    funds_ledger_group("/1/", comm, 4, items, 2, &total, &missed);
    CHECK_EQ(items[0].budget_fen, 1300000);
    CHECK_EQ(items[0].allocated_fen, 360000);
    CHECK_EQ(items[0].remaining_fen, 1300000 - 250000 - 360000);
    CHECK_EQ(items[0].spent_fen, 50000);
    CHECK_EQ(items[1].budget_fen, 1000000);
    CHECK_EQ(items[1].reserve_fen, 150000);
    CHECK_EQ(total.budget_fen, 2300005);
    CHECK_EQ(missed, 1);
    /* A community's own ledger: its one row is itself. */
    struct funds_ledger_row self[] = { ROW(3, "/1/2/3/", 0, 0, 0, 0) };
    total = (struct funds_ledger_row){ 0 };
    funds_ledger_group("/1/2/3/", comm, 1, self, 1, &total, &missed);
    CHECK_EQ(self[0].remaining_fen, 740000);
    CHECK_EQ(total.remaining_fen, 740000);
    CHECK_EQ(missed, 0);
}

/* Worked by hand, every step rounded down (docs/funds.md):
 * 2 of 3 held: 20000 / 3 = 6666; evidence (2 x 1 + 1) / (2 x 3) = 5000; participation
 * 50 / (2 x 30) = 8333; score (4000 x 6666 + 3000 x 5000 + 3000 x 8333) / 10000 = 6666;
 * factor 8000 + 4000 x 6666 / 10000 = 10666; 212500 x 10666 / 10000 = 226652. */
static void test_incentive(void)
{
    const struct funds_rule *r = funds_rule_in_force(RULES, NR, "FUND-INCENTIVE", "2027-01-01");
    struct funds_incentive k;
    struct err e = { 0 };

    CHECK_EQ(
        funds_incentive_compute(r, &(struct funds_incentive_in){ 3, 2, 1, 1, 50, 212500 }, &k, &e),
        0);
    CHECK_EQ(k.held_bp, 6666);
    CHECK_EQ(k.evidence_bp, 5000);
    CHECK_EQ(k.participation_bp, 8333);
    CHECK_EQ(k.score_bp, 6666);
    CHECK_EQ(k.factor_bp, 10666);
    CHECK_EQ(k.suggested_fen, 226652);
    CHECK_EQ(k.w_held + k.w_evidence + k.w_participation, 10000);
    /* Everything done, more people than the norm (capped): 120% of the base. */
    funds_incentive_compute(r, &(struct funds_incentive_in){ 2, 2, 2, 0, 100, 100000 }, &k, &e);
    CHECK_EQ(k.participation_bp, 10000);
    CHECK_EQ(k.score_bp, 10000);
    CHECK_EQ(k.suggested_fen, 120000);
    /* Nothing planned: nothing suggested; planned but nothing done: 80%. */
    funds_incentive_compute(r, &(struct funds_incentive_in){ 0, 0, 0, 0, 0, 100000 }, &k, &e);
    CHECK_EQ(k.suggested_fen, 0);
    funds_incentive_compute(r, &(struct funds_incentive_in){ 2, 0, 0, 0, 0, 100000 }, &k, &e);
    CHECK_EQ(k.score_bp, 0);
    CHECK_EQ(k.suggested_fen, 80000);
    /* Weights not adding up to 10000, or no rule: refused. */
    CHECK_EQ(funds_incentive_compute(funds_rule_in_force(RULES, NR, "FUND-INCENTIVE", "2030-06-01"),
                                     &(struct funds_incentive_in){ 1, 1, 1, 0, 1, 1 }, &k, &e),
             -1);
    CHECK_EQ(e.code, E_INTERNAL);
    e = (struct err){ 0 };
    CHECK_EQ(
        funds_incentive_compute(NULL, &(struct funds_incentive_in){ 1, 1, 1, 0, 1, 1 }, &k, &e),
        -1);
}

TAP_MAIN("funds_rules", TEST(test_in_force), TEST(test_deadline), TEST(test_quarter),
         TEST(test_ledger_group), TEST(test_incentive))
