/* dev_rules_test.c: the member-development rule engine without a database: each rule's
 * boundaries (DEV-AGE on the 18th birthday and the day before, DEV-OBJ-MIN at exactly 12
 * months and one day less, DEV-TALK, DEV-APPROVE at 3 and 6 months, DEV-EXTEND, DEV-TRAIN with
 * and without an override, DEV-CONTACTS, DEV-INTRO, DEV-POLREVIEW, DEV-PROB-END), month-end
 * clamping, step order and dates, and which row is in force on a date (an overlay row replaces
 * its baseline from its own date on, and only when enabled). */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "domain/dev/dev_int.h"
#include "tap.h"

static struct arena ar;

/* The baseline rows of migration 0017 the tests use, and an overlay. */
static struct dev_rule RULES[] = {
    { "DEV-AGE", "xize-2014", "block", "{\"years\": 18}", "1900-01-01", "9999-12-31", "secondary",
      "", true, 1 },
    { "DEV-TALK", "xize-2014", "overdue", "{\"months\": 1}", "1900-01-01", "9999-12-31",
      "secondary", "", true, 2 },
    { "DEV-OBJ-MIN", "xize-2014", "block", "{\"months\": 12}", "1900-01-01", "9999-12-31",
      "secondary", "", true, 3 },
    { "DEV-CONTACTS", "xize-2014", "block", "{\"min\": 1, \"max\": 2}", "1900-01-01", "9999-12-31",
      "secondary", "", true, 4 },
    { "DEV-INTRO", "xize-2014", "block", "{\"count\": 2}", "1900-01-01", "9999-12-31", "secondary",
      "", true, 5 },
    { "DEV-POLREVIEW", "xize-2014", "block", "{}", "1900-01-01", "9999-12-31", "secondary", "",
      true, 6 },
    { "DEV-TRAIN", "xize-2014", "block", "{\"days\": 3, \"hours\": 24}", "1900-01-01", "9999-12-31",
      "verified", "", true, 7 },
    { "DEV-APPROVE", "xize-2014", "overdue", "{\"months\": 3, \"max_months\": 6}", "1900-01-01",
      "9999-12-31", "secondary", "", true, 8 },
    { "DEV-PROB-END", "xize-2014", "computed", "{\"months\": 12}", "1900-01-01", "9999-12-31",
      "verified", "", true, 9 },
    { "DEV-EXTEND", "xize-2014", "block",
      "{\"min_months\": 6, \"max_months\": 12, \"max_count\": 1}", "1900-01-01", "9999-12-31",
      "secondary", "", true, 10 },
    { "DEV-CONV-APPROVE", "xize-2014", "overdue", "{\"months\": 3}", "1900-01-01", "9999-12-31",
      "secondary", "", true, 11 },
    { "DEV-STEP-ORDER", "xize-2014", "block", "{}", "1900-01-01", "9999-12-31", "secondary", "",
      true, 12 },
    { "DEV-STEP-DATE", "xize-2014", "block", "{}", "1900-01-01", "9999-12-31", "secondary", "",
      true, 13 },
    { "DEV-LEAVING", "xize-2014", "warn", "{\"months\": 3}", "1900-01-01", "9999-12-31",
      "secondary", "", true, 14 },
    { "DEV-VOTE", "xize-2014", "block", "{}", "1900-01-01", "9999-12-31", "secondary", "", true,
      15 },
    { "AUTH-APPROVE", "xize-2014", "block", "{}", "1900-01-01", "9999-12-31", "verified", "", true,
      16 },
    /* The 2026 overlay's DEV26-OATH, off as shipped, enabled by a test. */
    { "DEV26-OATH", "xize-2026.05", "remind", "{\"months\": 1}", "2026-05-18", "9999-12-31",
      "unverified", "", false, 90 },
    { "DEV-ACT-REVIEW", "xize-2014", "remind", "{\"months\": 6}", "1900-01-01", "9999-12-31",
      "secondary", "", true, 80 },
    /* A disabled overlay of DEV-TALK (2 months) from 2026-05-18, enabled by a test. */
    { "DEV-TALK", "xize-2026.05", "overdue", "{\"months\": 2}", "2026-05-18", "9999-12-31",
      "unverified", "", false, 17 },
};
#define NR (sizeof(RULES) / sizeof(RULES[0]))

static struct dev_step_rec steps[30];
static struct dev_case cs;
static struct dev_facts facts;
static struct dev_finding *found;
static size_t nfound;

/* A case whose steps 1..last were recorded, step k on dates[k - 1]. */
static void case_with(const char *const *dates, int last)
{
    static bool ready;

    if (!ready)
        arena_init(&ar, 1 << 16), ready = true;
    memset(&cs, 0, sizeof(cs));
    memset(&facts, 0, sizeof(facts));
    for (int i = 0; i < last; i++)
        steps[i] = (struct dev_step_rec){ i + 1, dates[i], NULL, 0 };
    cs.birth_date = "1990-01-01";
    cs.applied_on = dates[0];
    cs.status = "candidate";
    cs.steps = steps;
    cs.nsteps = (size_t)last;
    facts.today = "2030-01-01";
    facts.approver_found = true;
}

/* Checks step k on date; returns the number of refusals. */
static size_t check(int64_t k, const char *date, struct dev_step_in *in)
{
    struct dev_step_in local = { 0 };

    if (!in)
        in = &local;
    in->step = k;
    in->date = (char *)(uintptr_t)date;
    return dev_rules_check(RULES, NR, &cs, in, &facts, &ar, &found, &nfound);
}

/* The result of rule id in the last check ("" when not checked). */
static const char *result_of(const char *id)
{
    for (size_t i = 0; i < nfound; i++)
        if (!strcmp(found[i].rule_id, id))
            return found[i].result;
    return "";
}

/* The message of rule id in the last check ("" when not checked). */
static const char *message_of(const char *id)
{
    for (size_t i = 0; i < nfound; i++)
        if (!strcmp(found[i].rule_id, id))
            return found[i].message;
    return "";
}

static const char *const D7[] = { "2024-01-10", "2024-01-20", "2024-03-10",
                                  "2024-03-11", "2024-03-12", "2024-09-01" };

static void test_age(void)
{
    static const char *const none[] = { "" };
    case_with(none, 0);
    cs.birth_date = "2008-03-15";
    cs.status = "applicant";
    CHECK_EQ(check(1, "2026-03-15", NULL), 0); /* the 18th birthday itself */
    CHECK_STR(result_of("DEV-AGE"), "pass");
    CHECK_EQ(check(1, "2026-03-14", NULL), 1); /* the day before */
    CHECK_STR(result_of("DEV-AGE"), "block");
    CHECK(strstr(message_of("DEV-AGE"), "2026-03-15") != NULL);
    /* Born on 29 February: 18 on 1 March of a common year, as the roster counts ages. */
    cs.birth_date = "2008-02-29";
    CHECK_EQ(check(1, "2026-03-01", NULL), 0);
    CHECK_EQ(check(1, "2026-02-28", NULL), 1);
    CHECK(strstr(message_of("DEV-AGE"), "2026-03-01") != NULL);
    CHECK_EQ(date_years_between(cs.birth_date, "2026-02-28"), 17);
}

static void test_obj_min(void)
{
    case_with(D7, 6);
    CHECK_EQ(check(7, "2025-03-10", NULL), 0); /* exactly 12 months after 积极分子 */
    CHECK_STR(result_of("DEV-OBJ-MIN"), "pass");
    CHECK_EQ(check(7, "2025-03-09", NULL), 1); /* one day less */
    CHECK_STR(result_of("DEV-OBJ-MIN"), "block");
    CHECK(strstr(message_of("DEV-OBJ-MIN"), "2024-03-10") != NULL);
    CHECK(strstr(message_of("DEV-OBJ-MIN"), "2025-03-09") != NULL);
}

static void test_month_end(void)
{
    static const char *const d[] = { "2024-01-10", "2024-01-20", "2024-01-31",
                                     "2024-02-01", "2024-02-02", "2024-06-01" };
    char out[11];

    date_add_months("2025-01-31", 1, out);
    CHECK_STR(out, "2025-02-28");
    /* 积极分子 on 2024-01-31: 12 months later is 2025-01-31; 2025-01-30 is one day short. */
    case_with(d, 6);
    CHECK_EQ(check(7, "2025-01-31", NULL), 0);
    CHECK_EQ(check(7, "2025-01-30", NULL), 1);
    /* DEV-TALK from 2025-01-31: due 2025-02-28 (clamped), 2025-03-01 is overdue. */
    static const char *const a[] = { "2025-01-31" };
    case_with(a, 1);
    cs.status = "applicant";
    CHECK_EQ(check(2, "2025-02-28", NULL), 0);
    CHECK_STR(result_of("DEV-TALK"), "pass");
    CHECK_EQ(check(2, "2025-03-01", NULL), 0); /* overdue does not refuse */
    CHECK_STR(result_of("DEV-TALK"), "overdue");
}

static void test_order_and_dates(void)
{
    case_with(D7, 6);
    CHECK_EQ(check(8, "2025-04-01", NULL), 1); /* 7 comes next (or 6 again) */
    CHECK_STR(result_of("DEV-STEP-ORDER"), "block");
    CHECK_EQ(check(6, "2024-12-01", NULL), 0); /* 考察 repeats */
    CHECK_EQ(check(7, "2024-08-31", NULL), 2); /* before step 6's date, and DEV-OBJ-MIN */
    CHECK_STR(result_of("DEV-STEP-DATE"), "block");
    CHECK_EQ(check(7, "2030-01-02", NULL), 1); /* after today */
    CHECK(strstr(message_of("DEV-STEP-DATE"), "2030-01-01") != NULL);
}

static void test_people(void)
{
    static struct dev_person_fact p[3] = { { 1, "甲", "full", false },
                                           { 2, "乙", "probationary", false },
                                           { 3, "丙", "full", true } };
    struct dev_step_in in = { 0 };

    case_with(D7, 4);
    facts.people = p;
    facts.npeople = 1;
    CHECK_EQ(check(5, "2024-03-12", &in), 0);
    facts.npeople = 0;
    CHECK_EQ(check(5, "2024-03-12", &in), 1); /* none */
    facts.npeople = 2;
    CHECK_EQ(check(5, "2024-03-12", &in), 1); /* a 预备党员 */
    CHECK_STR(result_of("DEV-CONTACTS"), "block");
    static const char *const d9[] = { "2024-01-10", "2024-01-20", "2024-03-10", "2024-03-11",
                                      "2024-03-12", "2024-09-01", "2025-03-10", "2025-03-11" };
    case_with(d9, 8);
    facts.people = p;
    facts.npeople = 1;
    CHECK_EQ(check(9, "2025-03-12", &in), 1); /* one introducer is not two */
    p[1].status = "full";
    facts.npeople = 2;
    CHECK_EQ(check(9, "2025-03-12", &in), 0);
    facts.people = p + 1;
    CHECK_EQ(check(9, "2025-03-12", &in), 1); /* the applicant as introducer */
    CHECK(strstr(message_of("DEV-INTRO"), "申请人本人") != NULL);
}

static void test_polreview_train(void)
{
    static const char *const d[] = { "2024-01-10", "2024-01-20", "2024-03-10", "2024-03-11",
                                     "2024-03-12", "2024-09-01", "2025-03-10", "2025-03-11",
                                     "2025-03-12", "2025-03-13", "2025-03-20" };
    struct dev_step_in in = { 0 };

    case_with(d, 10);
    in.training_days = 2, in.training_hours = 23;
    CHECK_EQ(check(11, "2025-03-20", &in), 1);
    CHECK_STR(result_of("DEV-TRAIN"), "block");
    in.training_hours = 24;
    CHECK_EQ(check(11, "2025-03-20", &in), 0);
    in.training_days = 3, in.training_hours = 0;
    CHECK_EQ(check(11, "2025-03-20", &in), 0);
    in.training_days = 1, in.override_reason = (char *)(uintptr_t) "边远地区，已补课";
    facts.may_override = false;
    CHECK_EQ(check(11, "2025-03-20", &in), 1); /* a reason alone is not an override */
    facts.may_override = true;
    CHECK_EQ(check(11, "2025-03-20", &in), 0);
    CHECK_STR(result_of("DEV-TRAIN"), "overridden");
    /* Step 12 needs step 10 passed. */
    case_with(d, 11);
    steps[9].decision = "failed";
    CHECK_EQ(check(12, "2025-03-21", NULL), 1);
    CHECK_STR(result_of("DEV-POLREVIEW"), "block");
    steps[9].decision = "passed";
    CHECK_EQ(check(12, "2025-03-21", NULL), 0);
}

static const char *const D17[] = { "2024-01-10", "2024-01-20", "2024-03-10", "2024-03-11",
                                   "2024-03-12", "2024-09-01", "2025-03-10", "2025-03-11",
                                   "2025-03-12", "2025-03-13", "2025-03-20", "2025-03-21",
                                   "2025-03-22", "2025-03-23", "2025-03-31", "2025-04-01" };

static void test_approve(void)
{
    struct dev_step_in in = { 0 };

    in.decision = (char *)(uintptr_t) "approved";
    case_with(D17, 16);
    CHECK_EQ(check(17, "2025-06-30", &in), 0); /* 3 months after 2025-03-31, clamped */
    CHECK_STR(result_of("DEV-APPROVE"), "pass");
    CHECK_STR(result_of("DEV-PROB-END"), "computed");
    for (size_t i = 0; i < nfound; i++)
        if (!strcmp(found[i].rule_id, "DEV-PROB-END"))
            CHECK_STR(found[i].value, "2026-03-31");
    CHECK_EQ(check(17, "2025-07-01", &in), 0);
    CHECK_STR(result_of("DEV-APPROVE"), "overdue");
    CHECK_EQ(check(17, "2025-09-30", &in), 0); /* the 6-month limit itself */
    CHECK_EQ(check(17, "2025-10-01", &in), 1);
    CHECK_STR(result_of("DEV-APPROVE"), "block");
    facts.approver_found = false;
    CHECK_EQ(check(17, "2025-06-30", &in), 1); /* no approving committee above the case */
    CHECK_STR(result_of("AUTH-APPROVE"), "block");
}

static void test_extend_and_conv(void)
{
    static const char *d[23];
    struct dev_step_in in = { 0 };

    for (int i = 0; i < 16; i++)
        d[i] = D17[i];
    for (int i = 16; i < 22; i++)
        d[i] = "2026-03-31";
    case_with(d, 22);
    cs.status = "probationary";
    facts.vote_found = facts.vote_same_org = true;
    facts.vote_kind = "full_member", facts.vote_result = "passed", facts.vote_date = "2026-04-01";
    in.vote_id = 9;
    in.decision = (char *)(uintptr_t) "extend";
    in.extend_months = 6;
    CHECK_EQ(check(23, "2026-04-01", &in), 0);
    CHECK_STR(result_of("DEV-EXTEND"), "pass");
    in.extend_months = 5;
    CHECK_EQ(check(23, "2026-04-01", &in), 1);
    in.extend_months = 13;
    CHECK_EQ(check(23, "2026-04-01", &in), 1);
    in.extend_months = 12;
    cs.extensions = 1; /* only once */
    CHECK_EQ(check(23, "2026-04-01", &in), 1);
    CHECK_STR(result_of("DEV-EXTEND"), "block");
    facts.vote_result = "rejected";
    cs.extensions = 0;
    CHECK_EQ(check(23, "2026-04-01", &in), 1); /* the 支部大会 did not pass it */
    CHECK_STR(result_of("DEV-VOTE"), "block");
    facts.vote_result = "passed", facts.vote_date = "2026-04-02";
    CHECK_EQ(check(23, "2026-04-01", &in), 1); /* the step's date is not the meeting's */
    facts.vote_date = "2026-04-01", facts.vote_used_by = "林晓岚";
    CHECK_EQ(check(23, "2026-04-01", &in), 1); /* VOTE-ONE-BY-ONE: another case's vote */
    CHECK(strstr(message_of("DEV-VOTE"), "林晓岚") != NULL);
    facts.vote_used_by = NULL;
    /* 转正 (or an extension) is discussed once the 预备期 is over: its last day is enough. */
    facts.vote_date = "2026-03-31";
    cs.probation_ends_on = "2026-04-01";
    CHECK_EQ(check(23, "2026-03-31", &in), 1);
    CHECK_STR(result_of("DEV-PROB-END"), "block");
    CHECK(strstr(message_of("DEV-PROB-END"), "2026-04-01") != NULL);
    facts.vote_date = "2026-04-01";
    CHECK_EQ(check(23, "2026-04-01", &in), 0);
    CHECK_STR(result_of("DEV-PROB-END"), "pass");
    in.decision = (char *)(uintptr_t) "cancel"; /* 取消预备党员资格 may come before */
    in.extend_months = 0;
    facts.vote_date = "2026-03-31";
    CHECK_EQ(check(23, "2026-03-31", &in), 0);
    CHECK_STR(result_of("DEV-PROB-END"), "");
    /* 转正 approval: 3 months after the 支部大会. */
    d[22] = "2026-04-01";
    case_with(d, 23);
    cs.status = "probationary";
    steps[22].decision = "on_time";
    in = (struct dev_step_in){ 0 };
    in.decision = (char *)(uintptr_t) "approved";
    CHECK_EQ(check(24, "2026-07-01", &in), 0);
    CHECK_STR(result_of("DEV-CONV-APPROVE"), "pass");
    CHECK_EQ(check(24, "2026-07-02", &in), 0);
    CHECK_STR(result_of("DEV-CONV-APPROVE"), "overdue");
}

static void test_rule_sets(void)
{
    const struct dev_rule *r = dev_rule_in_force(RULES, NR, "DEV-TALK", "2026-06-01");

    CHECK_STR(r->rule_set, "xize-2014"); /* the overlay is off */
    RULES[NR - 1].enabled = true;
    r = dev_rule_in_force(RULES, NR, "DEV-TALK", "2026-05-18");
    CHECK_STR(r->rule_set, "xize-2026.05");
    CHECK_EQ(dev_rule_param(r, "months", 0), 2);
    r = dev_rule_in_force(RULES, NR, "DEV-TALK", "2026-05-17"); /* the day before it applies */
    CHECK_STR(r->rule_set, "xize-2014");
    /* A step is checked by the row in force on its own date. */
    static const char *const a[] = { "2026-05-01" };
    case_with(a, 1);
    cs.status = "applicant";
    CHECK_EQ(check(2, "2026-06-15", NULL), 0);
    CHECK_STR(result_of("DEV-TALK"), "pass"); /* 2 months under the overlay */
    RULES[NR - 1].enabled = false;
    CHECK_EQ(check(2, "2026-06-15", NULL), 0);
    CHECK_STR(result_of("DEV-TALK"), "overdue"); /* 1 month under the baseline */
    CHECK(dev_rule_in_force(RULES, NR, "NO-SUCH", "2026-01-01") == NULL);
}

/* An org's switch of the overlay holds for its subtree, the deepest wins; baseline rows are
 * never switched. */
static void test_switches(void)
{
    struct dev_rule at[NR];
    const struct dev_switch *by[NR];
    const struct dev_rule *overlay = &RULES[NR - 1], *talk = NULL;
    struct dev_switch sw[] = {
        { overlay->id, 2, 0, "/1/2/", "街道", "党工委会议确认", true },
        { overlay->id, 7, 0, "/1/2/7/", "社区", "社区暂不执行", false },
        { RULES[0].id, 2, 0, "/1/2/", "街道", "不应生效", false },
    };

    for (size_t i = 0; i < NR; i++)
        if (!strcmp(RULES[i].rule_id, "DEV-AGE"))
            talk = &RULES[i];
    CHECK(dev_rule_switchable(overlay) && !dev_rule_switchable(talk));
    dev_rules_at(RULES, NR, sw, 3, "/1/2/9/", at, by);
    CHECK(at[NR - 1].enabled && by[NR - 1] == &sw[0]);
    CHECK(at[0].enabled && by[0] == NULL); /* a baseline row stays as shipped */
    CHECK_STR(dev_rule_in_force(at, NR, "DEV-TALK", "2026-06-01")->rule_set, "xize-2026.05");
    dev_rules_at(RULES, NR, sw, 3, "/1/2/7/30/", at, by);
    CHECK(!at[NR - 1].enabled && by[NR - 1] == &sw[1]);
    dev_rules_at(RULES, NR, sw, 3, "/1/3/", at, by); /* another street: as shipped (off) */
    CHECK(!at[NR - 1].enabled && by[NR - 1] == NULL);
    CHECK(!RULES[NR - 1].enabled); /* the rows themselves are not touched */
}

/* DEV26-OATH (remind): the oath within a month of the approval, once switched on. */
static void test_oath(void)
{
    struct dev_deadline d[4];
    struct dev_rule *oath = &RULES[NR - 3];
    struct dev_step_in in = { 0 };

    case_with(D17, 16);
    steps[16] = (struct dev_step_rec){ 17, "2026-06-01", "approved", 0 };
    steps[17] = (struct dev_step_rec){ 18, "2026-06-02", NULL, 0 };
    steps[18] = (struct dev_step_rec){ 19, "2026-06-03", NULL, 0 };
    cs.nsteps = 19;
    cs.status = "probationary";
    cs.probation_ends_on = "2027-05-31";
    CHECK_EQ(dev_deadlines(RULES, NR, &cs, "2026-06-20", &ar, d), 0); /* off as shipped */
    oath->enabled = true;
    CHECK_EQ(dev_deadlines(RULES, NR, &cs, "2026-06-20", &ar, d), 1);
    CHECK_STR(d[0].rule_id, "DEV26-OATH");
    CHECK_STR(d[0].due_on, "2026-07-01");
    CHECK_EQ(check(20, "2026-07-01", &in), 0);
    CHECK_STR(result_of("DEV26-OATH"), "pass");
    CHECK_EQ(check(20, "2026-07-02", &in), 0); /* late: a reminder, never a refusal */
    CHECK_STR(result_of("DEV26-OATH"), "remind");
    oath->enabled = false;
}

/* DEV-ACT-REVIEW (remind): an activist's 考察 every 6 months, from becoming one, then from the
 * last 考察. */
static void test_act_review(void)
{
    struct dev_deadline d[4];
    static const char *const a[] = { "2025-01-02", "2025-01-05", "2025-01-10", "2025-01-11",
                                     "2025-01-12" };

    case_with(a, 5);
    cs.status = "activist";
    CHECK_EQ(dev_deadlines(RULES, NR, &cs, "2025-06-20", &ar, d), 1);
    CHECK_STR(d[0].rule_id, "DEV-ACT-REVIEW");
    CHECK_STR(d[0].due_on, "2025-07-10");
    CHECK(!d[0].overdue);
    CHECK_EQ(check(6, "2025-07-10", NULL), 0);
    CHECK_STR(result_of("DEV-ACT-REVIEW"), "pass");
    CHECK_EQ(check(6, "2025-07-11", NULL), 0); /* late: a reminder, never a refusal */
    CHECK_STR(result_of("DEV-ACT-REVIEW"), "remind");
    steps[5] = (struct dev_step_rec){ 6, "2025-07-01", NULL, 0 };
    cs.nsteps = 6;
    CHECK_EQ(dev_deadlines(RULES, NR, &cs, "2025-12-15", &ar, d), 1);
    CHECK_STR(d[0].due_on, "2026-01-01"); /* from the last 考察 */
    CHECK_EQ(dev_deadlines(RULES, NR, &cs, "2026-01-02", &ar, d), 1);
    CHECK(d[0].overdue);
}

static void test_deadlines(void)
{
    struct dev_deadline d[4];
    static const char *const a[] = { "2025-01-31" };

    case_with(a, 1);
    cs.status = "applicant";
    CHECK_EQ(dev_deadlines(RULES, NR, &cs, "2025-02-28", &ar, d), 1);
    CHECK(!d[0].overdue);
    CHECK_STR(d[0].due_on, "2025-02-28");
    CHECK_EQ(dev_deadlines(RULES, NR, &cs, "2025-03-01", &ar, d), 1);
    CHECK(d[0].overdue);
    CHECK_EQ(dev_deadlines(RULES, NR, &cs, "2024-12-01", &ar, d), 0); /* more than 30 days off */
    /* The row in force today decides, as it would check the talk recorded today: applied
     * 2026-05-01 under the baseline, on 2026-06-10 the enabled overlay gives 2 months. */
    static const char *const b[] = { "2026-05-01" };
    case_with(b, 1);
    cs.status = "applicant";
    CHECK_EQ(dev_deadlines(RULES, NR, &cs, "2026-06-10", &ar, d), 1);
    CHECK(d[0].overdue); /* baseline: due 2026-06-01 */
    RULES[NR - 1].enabled = true;
    CHECK_EQ(dev_deadlines(RULES, NR, &cs, "2026-06-10", &ar, d), 1);
    CHECK(!d[0].overdue);
    CHECK_STR(d[0].due_on, "2026-07-01");
    CHECK_EQ(check(2, "2026-06-10", NULL), 0);
    CHECK_STR(result_of("DEV-TALK"), "pass"); /* the step check agrees */
    RULES[NR - 1].enabled = false;
    /* A 预备党员 past the 预备期 end without a 转正 decision is forgotten. */
    case_with(D17, 16);
    steps[16] = (struct dev_step_rec){ 17, "2025-04-02", "approved", 0 };
    steps[17] = (struct dev_step_rec){ 18, "2025-04-03", NULL, 0 };
    cs.nsteps = 18;
    cs.status = "probationary";
    cs.probation_ends_on = "2026-03-31";
    CHECK_EQ(dev_deadlines(RULES, NR, &cs, "2026-04-01", &ar, d), 1);
    CHECK(d[0].forgotten);
    CHECK_STR(d[0].rule_id, "DEV-PROB-END");
    CHECK_EQ(dev_deadlines(RULES, NR, &cs, "2026-03-31", &ar, d), 1);
    CHECK(!d[0].forgotten && !d[0].overdue);
}

TAP_MAIN("dev_rules", TEST(test_age), TEST(test_obj_min), TEST(test_month_end),
         TEST(test_order_and_dates), TEST(test_people), TEST(test_polreview_train),
         TEST(test_approve), TEST(test_extend_and_conv), TEST(test_rule_sets), TEST(test_switches),
         TEST(test_oath), TEST(test_act_review), TEST(test_deadlines))
