/* deliberation_rules_test.c: the deliberation area's pure rules without a database: the
 * composition rules at their edges (exactly half is not more than half), quorum at 2/3, each
 * kind of bad ballot paper, the points a paper gives under approval, score and Borda, and the
 * ranking with the tie rule and the budget-constrained selection worked by hand, line by line. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "domain/deliberation/deliberation_int.h"
#include "tap.h"

static const struct delib_rule PARTY = { "DELIB-PARTY-SHARE", "v", "secondary", "种子", 1, 2 };
static const struct delib_rule RESIDENT = { "DELIB-RESIDENT-MIN", "v", "unverified", "示例", 3, 1 };
static const struct delib_rule QUORUM = { "DELIB-QUORUM", "v", "unverified", "示例", 2, 3 };

static void test_composition(void)
{
    struct arena a;
    struct delib_check ck = { .roster = 8, .party = 4, .residents = 3 };

    arena_init(&a, 1024);
    delib_rules_composition(&PARTY, &RESIDENT, &ck, &a);
    CHECK_EQ(ck.nwarnings, 1); /* 4 of 8 is half, not more */
    CHECK(strstr(ck.warnings[0], "DELIB-PARTY-SHARE：党员代表 4 名，占名册 8 名的 4/8") != NULL);
    ck = (struct delib_check){ .roster = 9, .party = 5, .residents = 2 };
    delib_rules_composition(&PARTY, &RESIDENT, &ck, &a);
    CHECK_EQ(ck.nwarnings, 1);
    CHECK(strstr(ck.warnings[0], "DELIB-RESIDENT-MIN：居民代表 2 名，少于 3 名") != NULL);
    ck = (struct delib_check){ .roster = 9, .party = 5, .residents = 3 };
    delib_rules_composition(&PARTY, &RESIDENT, &ck, &a);
    CHECK_EQ(ck.nwarnings, 0);
    ck = (struct delib_check){ .roster = 0 };
    delib_rules_composition(&PARTY, &RESIDENT, &ck, &a);
    CHECK_EQ(ck.nwarnings, 2);
    arena_release(&a);
}

static void test_quorum(void)
{
    CHECK(delib_rules_quorum(&QUORUM, 6, 9));  /* 18 >= 18 */
    CHECK(!delib_rules_quorum(&QUORUM, 5, 8)); /* 15 < 16 */
    CHECK(delib_rules_quorum(&QUORUM, 6, 8));
    CHECK(!delib_rules_quorum(&QUORUM, 0, 0)); /* an empty roster decides nothing */
}

static const struct delib_option OPTS[] = {
    { .id = 11, .pos = 1 }, { .id = 12, .pos = 2 }, { .id = 13, .pos = 3 }, { .id = 14, .pos = 4 }
};

static int paper(const char *method, int64_t k, int64_t max, struct delib_choice_in *c, int64_t n,
                 int64_t *v, struct err *e)
{
    struct delib_ballot b = { .method = method, .max_choices = k, .max_score = max };

    *e = (struct err){ 0 };
    return delib_rules_vote(&b, OPTS, 4, &(struct delib_vote_in){ c, n }, v, e);
}

static void test_vote(void)
{
    int64_t v[4];
    struct err e;

    CHECK_EQ(paper("approval", 2, 0, (struct delib_choice_in[]){ { 12, 0 }, { 14, 0 } }, 2, v, &e),
             0);
    CHECK(v[0] == 0 && v[1] == 1 && v[2] == 0 && v[3] == 1);
    CHECK_EQ(paper("approval", 2, 0, (struct delib_choice_in[]){ { 11, 0 }, { 12, 0 }, { 13, 0 } },
                   3, v, &e),
             -1);
    CHECK_STR(e.field, "/choices");
    CHECK_EQ(paper("approval", 2, 0, (struct delib_choice_in[]){ { 99, 0 } }, 1, v, &e), -1);
    CHECK_STR(e.field, "/choices/0/option_id");
    CHECK_EQ(paper("approval", 2, 0, (struct delib_choice_in[]){ { 11, 0 }, { 11, 0 } }, 2, v, &e),
             -1);
    CHECK_STR(e.field, "/choices/1/option_id");
    CHECK_EQ(paper("approval", 2, 0, NULL, 0, v, &e), -1);
    /* Score 0..5: the given scores, others 0. */
    CHECK_EQ(paper("score", 4, 5, (struct delib_choice_in[]){ { 13, 5 }, { 11, 0 } }, 2, v, &e), 0);
    CHECK(v[0] == 0 && v[2] == 5 && v[1] == 0);
    CHECK_EQ(paper("score", 4, 5, (struct delib_choice_in[]){ { 13, 6 } }, 1, v, &e), -1);
    CHECK_STR(e.field, "/choices/0/score");
    /* Borda over 4 options: 3, 2, 1, 0 by place; a top-2 ballot must rank exactly 2. */
    CHECK_EQ(paper("borda", 4, 0,
                   (struct delib_choice_in[]){ { 14, 0 }, { 12, 0 }, { 11, 0 }, { 13, 0 } }, 4, v,
                   &e),
             0);
    CHECK(v[3] == 3 && v[1] == 2 && v[0] == 1 && v[2] == 0);
    CHECK_EQ(paper("borda", 2, 0, (struct delib_choice_in[]){ { 14, 0 }, { 12, 0 } }, 2, v, &e), 0);
    CHECK(v[3] == 3 && v[1] == 2 && v[0] == 0);
    CHECK_EQ(paper("borda", 2, 0, (struct delib_choice_in[]){ { 14, 0 } }, 1, v, &e), -1);
    CHECK(strstr(e.msg, "排序不完整") != NULL);
}

static void test_select(void)
{
    struct arena a;
    struct delib_tally t[] = {
        { .option_id = 1, .ref_id = 101, .cost_fen = 3000000, .value = 1, .title = "适老扶手" },
        { .option_id = 2, .ref_id = 102, .cost_fen = 10000000, .value = 3, .title = "口袋公园" },
        { .option_id = 3, .ref_id = 103, .cost_fen = 7000000, .value = 3, .title = "充电车棚" },
        { .option_id = 4, .ref_id = 104, .cost_fen = 12000000, .value = 4, .title = "加装电梯" },
    };
    int64_t pos[] = { 4, 2, 3, 1 };
    struct delib_result r = {
        .method = "approval", .budget_fen = 20000000, .quorum_met = true, .tally = t, .ntally = 4
    };
    char w[32];

    arena_init(&a, 4096);
    delib_rules_select(&r, pos, 0, &a);
    CHECK_EQ(t[0].option_id, 4);
    CHECK_EQ(t[1].option_id, 2); /* 3 and 3: 口袋公园 stands second on the ballot */
    CHECK_EQ(t[2].option_id, 3);
    CHECK_EQ(t[3].option_id, 1);
    CHECK_EQ(r.nselected, 2);
    CHECK_EQ(r.selected_refs[0], 104);
    CHECK_EQ(r.selected_refs[1], 103);
    CHECK_EQ(r.spent_fen, 19000000);
    CHECK_EQ(r.nlines, 4);
    CHECK_STR(r.lines[1], "第2名 口袋公园（3 票）需 10.00 万元，剩余预算 8.00 万元，不足，跳过");
    CHECK_STR(r.lines[3], "第4名 适老扶手（1 票）需 3.00 万元，剩余预算 1.00 万元，不足，跳过");
    /* Without a budget: the first `winners`. Without quorum: nothing, and no lines. */
    struct delib_result q = { .method = "score", .quorum_met = true, .tally = t, .ntally = 4 };
    delib_rules_select(&q, pos, 3, &a);
    CHECK_EQ(q.nselected, 3);
    CHECK_STR(q.lines[3], "第4名 适老扶手（1 分），名额已满，未入选");
    struct delib_result n = { .method = "borda", .quorum_met = false, .tally = t, .ntally = 4 };
    delib_rules_select(&n, pos, 3, &a);
    CHECK_EQ(n.nselected, 0);
    CHECK_EQ(n.nlines, 0);
    delib_rules_wan(125000, w);
    CHECK_STR(w, "0.13 万元");
    delib_rules_wan(123450000, w);
    CHECK_STR(w, "123.45 万元");
    arena_release(&a);
}

TAP_MAIN("deliberation_rules", TEST(test_composition), TEST(test_quorum), TEST(test_vote),
         TEST(test_select))
