/* projects_test.c: the 民生实事 area's pure rules without a database: the progress roll-up of
 * weighted milestones (done weight over all weight, rounded down; none: 0; a cleared done date
 * no longer counts) and the evaluation summary (counts per satisfaction, means per rubric item
 * in hundredths rounded half up, nothing broken down under PROJ_EVAL_MIN_GROUP responses). */
#include "core/compat.h"
#include "domain/projects/projects.h"
#include "tap.h"

static void test_progress(void)
{
    struct proj_milestone m[] = {
        { .weight = 2, .done_on = "2026-03-05" },
        { .weight = 5, .done_on = NULL },
        { .weight = 3, .done_on = "2026-09-02" },
    };

    CHECK_EQ(proj_progress(NULL, 0), 0);
    CHECK_EQ(proj_progress(m, 3), 50); /* (2 + 3) / 10 */
    m[0].done_on = "";                 /* cleared */
    CHECK_EQ(proj_progress(m, 3), 30);
    m[1].done_on = "2026-06-20";
    CHECK_EQ(proj_progress(m, 3), 80);
    m[0].done_on = "2026-03-05";
    CHECK_EQ(proj_progress(m, 3), 100);
    /* Rounded down: 1 of 3 equal weights is 33. */
    struct proj_milestone t[] = { { .weight = 1, .done_on = "2026-01-01" },
                                  { .weight = 1 },
                                  { .weight = 1 } };
    CHECK_EQ(proj_progress(t, 3), 33);
    t[1].done_on = "2026-01-02";
    CHECK_EQ(proj_progress(t, 3), 66);
}

static void test_evaluation(void)
{
    struct proj_eval_row e[] = {
        { 5, 4, 5, "satisfied" }, { 3, 2, 4, "basically" },   { 4, 3, 3, "unsatisfied" },
        { 5, 5, 2, "satisfied" }, { 1, 2, 1, "unsatisfied" }, { 5, 5, 5, "satisfied" },
    };
    struct proj_eval_summary s;

    /* Two responses: counted, nothing broken down. */
    proj_eval_summarize(e, 2, 2026, &s);
    CHECK_EQ(s.year, 2026);
    CHECK_EQ(s.responses, 2);
    CHECK(!s.published);
    CHECK_EQ(s.satisfaction[0] + s.satisfaction[1] + s.satisfaction[2], 0);
    CHECK_EQ(s.mean_x100[0] + s.mean_x100[1] + s.mean_x100[2], 0);
    /* Three: (5+3+4)/3 = 4.00, (4+2+3)/3 = 3.00, (5+4+3)/3 = 4.00; one of each. */
    proj_eval_summarize(e, 3, 2026, &s);
    CHECK(s.published);
    CHECK_EQ(s.mean_x100[0], 400);
    CHECK_EQ(s.mean_x100[1], 300);
    CHECK_EQ(s.mean_x100[2], 400);
    CHECK_EQ(s.satisfaction[0], 1);
    CHECK_EQ(s.satisfaction[1], 1);
    CHECK_EQ(s.satisfaction[2], 1);
    /* Six: quality 23/6 = 3.833 -> 3.83, timeliness 21/6 = 3.50, benefit 20/6 = 3.333 -> 3.33;
     * 3 satisfied, 1 basically, 2 unsatisfied. */
    proj_eval_summarize(e, 6, 2025, &s);
    CHECK_EQ(s.mean_x100[0], 383);
    CHECK_EQ(s.mean_x100[1], 350);
    CHECK_EQ(s.mean_x100[2], 333);
    CHECK_EQ(s.satisfaction[0], 3);
    CHECK_EQ(s.satisfaction[1], 1);
    CHECK_EQ(s.satisfaction[2], 2);
    /* Half up: (5+4+5)/3 = 4.667 -> 4.67. */
    struct proj_eval_row h[] = { { 5, 1, 1, "satisfied" },
                                 { 4, 1, 1, "satisfied" },
                                 { 5, 1, 1, "satisfied" } };
    proj_eval_summarize(h, 3, 2026, &s);
    CHECK_EQ(s.mean_x100[0], 467);
    CHECK_EQ(s.mean_x100[1], 100);
}

TAP_MAIN("projects", TEST(test_progress), TEST(test_evaluation))
