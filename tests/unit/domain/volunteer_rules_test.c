/* volunteer_rules_test.c: the volunteer area's pure rules without a database: service times
 * (formats, real dates, minutes), the sign-up transition table (every listed move, and moves
 * it refuses), the hours checks (end after start, at most VOL-HOURS-MAX), which rule row is in
 * force on a date, and points: units summed before dividing, yearly caps, a second version
 * from mid-year, a disabled row, and facts no rule covers earning nothing. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "domain/volunteer/volunteer_int.h"
#include "tap.h"

static struct arena ar;

/* The rows of migration 0025, then a test-only second version of the hours rule from
 * 2026-07-01 (2 points an hour, cap 30) and a disabled one from 2026-03-01. */
static struct volunteer_rule RULES[] = {
    { "VOL-PTS-HOUR", "vol-local-2026", "hours", "2000-01-01", "9999-12-31", "unverified", "", 1,
      60, 40, 0, true },
    { "VOL-PTS-POST", "vol-local-2026", "post_record", "2000-01-01", "9999-12-31", "unverified", "",
      2, 1, 24, 0, true },
    { "VOL-HOURS-MAX", "vol-local-2026", NULL, "2000-01-01", "9999-12-31", "local", "", 0, 1, -1,
      1440, true },
    { "VOL-PTS-HOUR", "test-2026.07", "hours", "2026-07-01", "9999-12-31", "local", "", 2, 60, 30,
      0, true },
    { "VOL-PTS-HOUR", "test-off", "hours", "2026-03-01", "9999-12-31", "local", "", 100, 60, -1, 0,
      false },
};
#define NR (sizeof(RULES) / sizeof(RULES[0]))

static void test_times(void)
{
    char out[17];
    int64_t m = 0, m2 = 0;

    CHECK_EQ(volunteer_time_parse("2026-03-01 09:30", out, &m), 0);
    CHECK_STR(out, "2026-03-01 09:30");
    CHECK_EQ(volunteer_time_parse("2026-03-01T10:30:59", out, &m2), 0);
    CHECK_STR(out, "2026-03-01 10:30");
    CHECK_EQ(m2 - m, 60);
    CHECK_EQ(volunteer_time_parse("2026-02-28 23:59", out, &m2), 0);
    CHECK_EQ(m - m2, 9 * 60 + 31);
    CHECK_EQ(volunteer_time_parse("2026-02-29 09:00", out, &m), -1);
    CHECK_EQ(volunteer_time_parse("2026-03-01 24:00", out, &m), -1);
    CHECK_EQ(volunteer_time_parse("2026-03-01 09:60", out, &m), -1);
    CHECK_EQ(volunteer_time_parse("2026-03-01 9:00", out, &m), -1);
    CHECK_EQ(volunteer_time_parse("2026-03-01", out, &m), -1);
    CHECK_EQ(volunteer_time_parse(NULL, out, &m), -1);
}

static void test_transitions(void)
{
    CHECK_STR(volunteer_transition(NULL, "join"), "signed");
    CHECK_STR(volunteer_transition(NULL, "wait"), "waitlist");
    CHECK_STR(volunteer_transition("waitlist", "promote"), "signed");
    CHECK_STR(volunteer_transition("signed", "checkin"), "confirmed");
    CHECK_STR(volunteer_transition("confirmed", "checkout"), "completed");
    CHECK_STR(volunteer_transition("confirmed", "absent"), "absent");
    CHECK_STR(volunteer_transition("cancelled", "join"), "signed");
    CHECK(volunteer_transition("signed", "checkout") == NULL);
    CHECK(volunteer_transition("waitlist", "checkin") == NULL);
    CHECK(volunteer_transition("completed", "cancel") == NULL);
    CHECK(volunteer_transition("absent", "checkin") == NULL);
    CHECK(volunteer_transition("signed", "join") == NULL);
    CHECK(volunteer_transition(NULL, "promote") == NULL);
    CHECK(volunteer_status_holds_seat("completed"));
    CHECK(!volunteer_status_holds_seat("waitlist"));
    CHECK(!volunteer_status_holds_seat("absent"));
}

static void test_hours_check(void)
{
    struct err e = { 0 };

    CHECK_EQ(volunteer_hours_check(100, 100 + 1440, 1440, &e), 0);
    CHECK_EQ(volunteer_hours_check(100, 100 + 1441, 1440, &e), -1);
    CHECK_STR(e.field, "/end");
    e = (struct err){ 0 };
    CHECK_EQ(volunteer_hours_check(100, 100, 1440, &e), -1);
    CHECK_STR(e.msg, "结束时间须晚于开始时间");
    CHECK_STR(volunteer_rule_at(RULES, NR, "VOL-HOURS-MAX", NULL, "2026-05-01")->rule_id,
              "VOL-HOURS-MAX");
    /* The disabled row from 2026-03 never applies; the second version does from 2026-07-01. */
    CHECK_STR(volunteer_rule_at(RULES, NR, NULL, "hours", "2026-06-30")->version, "vol-local-2026");
    CHECK_STR(volunteer_rule_at(RULES, NR, NULL, "hours", "2026-07-01")->version, "test-2026.07");
    CHECK(volunteer_rule_at(RULES, NR, NULL, "meeting", "2026-07-01") == NULL);
}

static void test_points(void)
{
    struct volunteer_points_row *rows;
    int64_t n;
    const struct volunteer_fact F[] = {
        /* Person 1: 30 + 30 + 45 minutes before July (1 hour 45: 1 point) with a post record
         * between each (as the store orders them, by date): the minutes are summed across. */
        { 1, "hours", "2026-01-10", 30, "甲" },
        { 1, "post_record", "2026-01-11", 1, "甲" },
        { 1, "hours", "2026-02-10", 30, "甲" },
        { 1, "post_record", "2026-02-11", 1, "甲" },
        { 1, "hours", "2026-03-10", 45, "甲" },
        /* Person 2: 50 hours before July (cap 40) and 20 hours after (2 points an hour; the
         * rule's cap is then the newer row's, 30). */
        { 2, "hours", "2026-05-01", 50 * 60, "乙" },
        { 2, "hours", "2026-08-01", 20 * 60, "乙" },
        /* Person 3: only a fact no rule covers. */
        { 3, "meeting", "2026-08-01", 1, "丙" },
    };

    arena_init(&ar, 1 << 14);
    CHECK_EQ(volunteer_points_compute(RULES, NR, F, sizeof(F) / sizeof(F[0]), &ar, &rows, &n), 0);
    CHECK_EQ(n, 3);
    CHECK_EQ(rows[0].person_id, 1);
    CHECK_EQ(rows[0].nitems, 2);
    CHECK_STR(rows[0].items[0].rule_id, "VOL-PTS-HOUR");
    CHECK_EQ(rows[0].items[0].qty, 105);
    CHECK_EQ(rows[0].items[0].points, 1);
    CHECK_STR(rows[0].items[1].rule_id, "VOL-PTS-POST");
    CHECK_EQ(rows[0].items[1].points, 4);
    CHECK_EQ(rows[0].total, 5);
    CHECK_EQ(rows[1].items[0].raw, 50 + 40);
    CHECK_EQ(rows[1].items[0].cap, 30);
    CHECK_EQ(rows[1].items[0].points, 30);
    CHECK_STR(rows[1].items[0].version, "test-2026.07");
    CHECK_EQ(rows[1].total, 30);
    CHECK_EQ(rows[2].nitems, 0);
    CHECK_EQ(rows[2].total, 0);
    CHECK_EQ(volunteer_points_compute(RULES, NR, F, 0, &ar, &rows, &n), 0);
    CHECK_EQ(n, 0);
    arena_release(&ar);
}

TAP_MAIN("volunteer_rules", TEST(test_times), TEST(test_transitions), TEST(test_hours_check),
         TEST(test_points))
