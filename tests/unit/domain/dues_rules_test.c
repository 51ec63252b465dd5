/* dues_rules_test.c: the dues rule engine without a database: every bracket edge of every
 * category of dues-2008 (the rows of migration 0021, RULES.md §6.1; DUES-FLAT: the whole base
 * at the bracket's rate), the four rounding modes (DUES-ROUND), months, which version is in
 * force in a month (a test-only second version from 2030-01, and a disabled one), and the
 * warnings of a payment (DUES-BACKPAY past 6 months, DUES-EXTRA at 1000 元). */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "domain/dues/dues_int.h"
#include "tap.h"

static struct arena ar;

#define BR(id, cat, upto, bp)                                                                      \
    {                                                                                              \
        id, "dues-2008", cat, "{}", "computed", "2008-04", "9999-12", "secondary", "", upto, bp,   \
            -1, -1, true                                                                           \
    }
#define FX(id, cat, fen, max)                                                                      \
    {                                                                                              \
        id, "dues-2008", cat, "{}", "computed", "2008-04", "9999-12", "secondary", "", -1, -1,     \
            fen, max, true                                                                         \
    }
#define PARAM(id, p)                                                                               \
    {                                                                                              \
        id, "dues-2008", NULL, p, "warn", "2008-04", "9999-12", "secondary", "", -1, -1, -1, -1,   \
            true                                                                                   \
    }

/* The rows of migration 0021, then a test-only second version of the retired table from
 * 2030-01 (one bracket, 3%) and a disabled one from 2029-01. */
static struct dues_rule RULES[] = {
    BR("DUES-SALARY", "employed", 300000, 50),
    BR("DUES-SALARY", "employed", 500000, 100),
    BR("DUES-SALARY", "employed", 1000000, 150),
    BR("DUES-SALARY", "employed", -1, 200),
    BR("DUES-SELF", "self_employed", 300000, 50),
    BR("DUES-SELF", "self_employed", 500000, 100),
    BR("DUES-SELF", "self_employed", 1000000, 150),
    BR("DUES-SELF", "self_employed", -1, 200),
    BR("DUES-RETIRED", "retired", 500000, 50),
    BR("DUES-RETIRED", "retired", -1, 100),
    FX("DUES-FARMER", "farmer", 20, 100),
    FX("DUES-MIN", "student", 20, -1),
    FX("DUES-MIN", "unemployed", 20, -1),
    FX("DUES-MIN", "relief", 20, -1),
    PARAM("DUES-BACKPAY", "{\"months\": 6}"),
    PARAM("DUES-EXTRA", "{\"flag_fen\": 100000}"),
    PARAM("DUES-ARREARS", "{\"months\": 6}"),
    { "DUES-RETIRED", "test-2030", "retired", "{}", "computed", "2030-01", "9999-12", "local", "",
      -1, 300, -1, -1, true },
    { "DUES-RETIRED", "test-2029", "retired", "{}", "computed", "2029-01", "9999-12", "local", "",
      -1, 900, -1, -1, false },
};
#define NR (sizeof(RULES) / sizeof(RULES[0]))

/* The amount of category at base in month under half-up to the fen; -1 on error. */
static int64_t amount(const char *category, int64_t base, const char *month)
{
    struct dues_calc k;
    struct err e = { 0 };

    if (dues_rules_compute(RULES, NR, category, base, month, "half_fen", &k, &e) < 0)
        return -1;
    return k.amount_fen;
}

static const char *rule_of(const char *category, int64_t base, const char *month)
{
    struct dues_calc k;
    struct err e = { 0 };

    if (dues_rules_compute(RULES, NR, category, base, month, "half_fen", &k, &e) < 0)
        return "";
    return k.rule_set;
}

static void test_salary_edges(void)
{
    /* The brief's and RULES.md §6.2's examples, then every edge of both wage tables. */
    const char *cats[] = { "employed", "self_employed" };
    for (int i = 0; i < 2; i++) {
        const char *c = cats[i];
        CHECK_EQ(amount(c, 0, "2026-03"), 0);
        CHECK_EQ(amount(c, 1, "2026-03"), 0);         /* 0.005 fen rounds to 0 */
        CHECK_EQ(amount(c, 100, "2026-03"), 1);       /* 0.5 fen rounds half up */
        CHECK_EQ(amount(c, 300000, "2026-03"), 1500); /* 3000.00 元 → 15.00 元 (0.5%) */
        CHECK_EQ(amount(c, 300001, "2026-03"), 3000); /* 3000.01 元 → 30.00 元 (1%, flat) */
        CHECK_EQ(amount(c, 500000, "2026-03"), 5000);
        CHECK_EQ(amount(c, 500001, "2026-03"), 7500); /* 1.5% of 5000.01 = 75.00015 */
        CHECK_EQ(amount(c, 1000000, "2026-03"), 15000);
        CHECK_EQ(amount(c, 1000001, "2026-03"), 20000); /* 2% of 10000.01 = 200.0002 */
        CHECK_EQ(amount(c, 2345678, "2026-03"), 46914); /* 2% of 23456.78 = 469.1356 */
    }
    CHECK_STR(rule_of("employed", 300000, "2026-03"), "dues-2008");
}

static void test_retired_and_fixed(void)
{
    CHECK_EQ(amount("retired", 500000, "2026-03"), 2500);
    CHECK_EQ(amount("retired", 500001, "2026-03"), 5000);
    CHECK_EQ(amount("retired", 412345, "2026-03"), 2062); /* 2061.725 → 2062 */
    CHECK_EQ(amount("student", 0, "2026-03"), 20);
    CHECK_EQ(amount("student", 900000, "2026-03"), 20); /* a fixed amount ignores the base */
    CHECK_EQ(amount("unemployed", 0, "2026-03"), 20);
    CHECK_EQ(amount("relief", 0, "2026-03"), 20);
    CHECK_EQ(amount("farmer", 0, "2026-03"), 20);
    {
        struct dues_calc k;
        struct err e = { 0 };
        CHECK_EQ(dues_rules_compute(RULES, NR, "retired", 500001, "2026-03", "half_fen", &k, &e),
                 0);
        CHECK_STR(k.rule_id, "DUES-RETIRED");
        CHECK_EQ(k.rate_bp, 100);
        CHECK_EQ(k.upto_fen, -1);
        CHECK_EQ(dues_rules_compute(RULES, NR, "retired", 500000, "2026-03", "half_fen", &k, &e),
                 0);
        CHECK_EQ(k.upto_fen, 500000);
        CHECK_EQ(k.rate_bp, 50);
        CHECK_EQ(dues_rules_compute(RULES, NR, "student", 0, "2026-03", "half_fen", &k, &e), 0);
        CHECK_STR(k.rule_id, "DUES-MIN");
        CHECK_EQ(k.rate_bp, 0);
    }
}

static void test_rounding(void)
{
    /* 1.5% of 1234.57 元 = 18.51855 元 */
    CHECK_EQ(dues_round(123457, 150, "half_fen"), 1852);
    CHECK_EQ(dues_round(123457, 150, "up_fen"), 1852);
    CHECK_EQ(dues_round(123400, 150, "up_fen"), 1851);    /* 1851.0 exactly: no carry */
    CHECK_EQ(dues_round(123457, 150, "half_jiao"), 1850); /* 18.5 元 */
    CHECK_EQ(dues_round(123457, 150, "up_jiao"), 1860);
    CHECK_EQ(dues_round(300000, 50, "up_jiao"), 1500);
    CHECK_EQ(dues_round(100, 50, "half_fen"), 1);
    CHECK_EQ(dues_round(99, 50, "half_fen"), 0); /* 0.495 fen */
    CHECK_EQ(dues_round(100, 50, "bogus"), -1);
    /* The largest base the API takes (1 亿元) stays exact. */
    CHECK_EQ(dues_round(10000000000LL, 200, "half_fen"), 200000000);
}

static void test_versions(void)
{
    /* Before 2030-01 the 2008 table; from 2030-01 the test version; the disabled 2029 row is
     * never used; before 2008-04 nothing is in force. */
    CHECK_EQ(amount("retired", 600000, "2029-12"), 6000);
    CHECK_STR(rule_of("retired", 600000, "2029-06"), "dues-2008");
    CHECK_EQ(amount("retired", 600000, "2030-01"), 18000);
    CHECK_STR(rule_of("retired", 600000, "2030-01"), "test-2030");
    CHECK_EQ(amount("retired", 100000, "2030-01"), 3000);  /* one bracket in the new version */
    CHECK_EQ(amount("employed", 300000, "2030-01"), 1500); /* other categories unchanged */
    CHECK_EQ(amount("retired", 600000, "2008-03"), -1);
    {
        struct dues_calc k;
        struct err e = { 0 };
        CHECK_EQ(dues_rules_compute(RULES, NR, "retired", 1, "2008-03", "half_fen", &k, &e), -1);
        CHECK_EQ(e.code, E_NOT_FOUND);
        err_clear(&e);
        CHECK_EQ(dues_rules_compute(RULES, NR, "soldier", 1, "2026-03", "half_fen", &k, &e), -1);
        CHECK_STR(e.field, "/category");
        err_clear(&e);
        CHECK_EQ(dues_rules_compute(RULES, NR, "employed", 1, "2026-13", "half_fen", &k, &e), -1);
        CHECK_STR(e.field, "/month");
    }
}

static void test_months(void)
{
    char out[8];

    CHECK_EQ(dues_month_index("2026-01"), 2026 * 12);
    CHECK_EQ(dues_month_index("2026-12"), 2026 * 12 + 11);
    CHECK_EQ(dues_month_index("2026-00"), -1);
    CHECK_EQ(dues_month_index("2026-13"), -1);
    CHECK_EQ(dues_month_index("2026-1"), -1);
    CHECK_EQ(dues_month_index("2026/01"), -1);
    CHECK_EQ(dues_month_index("202６-01"), -1);
    CHECK_EQ(dues_month_index(NULL), -1);
    dues_month_fmt(2026 * 12 - 1, out);
    CHECK_STR(out, "2025-12");
}

static void test_warnings(void)
{
    struct dues_warning w[2];

    arena_init(&ar, 1 << 14);
    /* Paid in 2026-09: 2026-03 is 6 months back (no warning), 2026-02 is 7 (DUES-BACKPAY). */
    CHECK_EQ(dues_rules_warnings(RULES, NR, "2026-03", "2026-09", 1500, false, &ar, w), 0);
    CHECK_EQ(dues_rules_warnings(RULES, NR, "2026-02", "2026-09", 1500, false, &ar, w), 1);
    CHECK_STR(w[0].rule_id, "DUES-BACKPAY");
    /* Extra dues: 999.99 元 no flag, 1000 元 flagged; an ordinary payment never. */
    CHECK_EQ(dues_rules_warnings(RULES, NR, "2026-09", "2026-09", 99999, true, &ar, w), 0);
    CHECK_EQ(dues_rules_warnings(RULES, NR, "2026-09", "2026-09", 100000, true, &ar, w), 1);
    CHECK_STR(w[0].rule_id, "DUES-EXTRA");
    CHECK_EQ(dues_rules_warnings(RULES, NR, "2026-09", "2026-09", 100000, false, &ar, w), 0);
    CHECK_EQ(dues_rules_warnings(RULES, NR, "2025-01", "2026-09", 200000, true, &ar, w), 2);
    CHECK_EQ(dues_rule_param(dues_rule_in_force(RULES, NR, "DUES-ARREARS", "2026-09"), "months", 0),
             6);
    arena_release(&ar);
}

TAP_MAIN("dues_rules", TEST(test_salary_edges), TEST(test_retired_and_fixed), TEST(test_rounding),
         TEST(test_versions), TEST(test_months), TEST(test_warnings))
