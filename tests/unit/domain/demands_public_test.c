/* demands_public_test.c: what the public board does without a database: redaction of a
 * resident's words (given names, a surname before a form of address, phone and ID numbers
 * however written, door numbers; dates, amounts and building numbers kept; full-width digits
 * folded first) and the k-minimum suppression of a breakdown (a lone small cell hides the next
 * smallest too; a rate from too few answers is hidden; hidden numbers are zeroed). */
#include "core/compat.h"
#include "core/arena.h"
#include "domain/demands/demands_int.h"
#include "tap.h"

static struct arena ar;

static const char *redact(const char *text, const char *const *names, size_t n)
{
    return demand_redact(text, names, n, &ar);
}

static void test_names(void)
{
    static const char *const NAMES[] = { "王小明", "王小", "李华", "A", NULL };

    arena_init(&ar, 1 << 14);
    CHECK_STR(redact("王小明说李华家漏水，王小也知道", NAMES, 4), "某某说某某家漏水，某某也知道");
    CHECK_STR(redact("楼上张先生和刘阿姨吵架，物业师傅来过", NAMES, 0),
              "楼上某先生和某阿姨吵架，物业师傅来过");
    CHECK_STR(redact("A栋", NAMES, 4), "A栋"); /* one character is not a name */
    CHECK_STR(redact("没有姓名", NAMES, 5), "没有姓名");
    CHECK(redact(NULL, NAMES, 4) == NULL);
    arena_release(&ar);
}

static void test_numbers(void)
{
    arena_init(&ar, 1 << 14);
    CHECK_STR(redact("电话13812345678", NULL, 0), "电话***");
    CHECK_STR(redact("电话 138-1234-5678 或 010 12345678", NULL, 0), "电话 *** 或 ***");
    CHECK_STR(redact("电话１３８１２３４５６７８", NULL, 0), "电话***"); /* full width */
    CHECK_STR(redact("身份证99010119800101123x号", NULL, 0), "身份证***号");
    CHECK_STR(redact("3号楼2单元401室漏水", NULL, 0), "3号楼2单元***室漏水");
    CHECK_STR(redact("3号楼2单元1202", NULL, 0), "3号楼2单元***");
    CHECK_STR(redact("住3-2-401", NULL, 0), "住***");
    CHECK_STR(redact("幸福路88号门前，15号院里", NULL, 0), "幸福路***号门前，15号院里");
    CHECK_STR(redact("12月5号起停水3天，涉及120户", NULL, 0), "12月5号起停水3天，涉及***户");
    CHECK_STR(redact("2026年维修费2000元", NULL, 0), "2026年维修费2000元");
    CHECK_STR(redact("5号楼1203漏水，3栋502也是", NULL, 0), "5号楼***漏水，3栋***也是");
    CHECK_STR(redact("请加微信：wangfang88 或 QQ 12345，邮件 wf.x@qq.com", NULL, 0),
              "请加微信：*** 或 QQ ***，邮件 ***");
    CHECK_STR(redact("C座电梯和B2车库", NULL, 0), "C座电梯和B2车库");
    arena_release(&ar);
}

static void test_suppress(void)
{
    struct demand_public_count c[] = {
        { .id = 1, .total = 12, .visited = 10, .satisfied = 9 },
        { .id = 2, .total = 3, .visited = 3, .satisfied = 3 },
        { .id = 3, .total = 7, .visited = 4, .satisfied = 4 },
        { .id = 4, .total = 9, .visited = 9, .satisfied = 8 },
    };
    struct demand_public_count two[] = {
        { .id = 1, .total = 2, .visited = 2 },
        { .id = 2, .total = 4, .visited = 1 },
        { .id = 3, .total = 30, .visited = 20, .satisfied = 19 },
    };
    struct demand_public_count alone[] = { { .id = 1, .total = 3, .visited = 3 } };

    demand_public_suppress(c, 4, 5);
    CHECK(!c[0].suppressed && !c[0].rate_hidden && c[0].total == 12 && c[0].satisfied == 9);
    CHECK(c[1].suppressed && c[1].rate_hidden && c[1].total == 0 && c[1].visited == 0);
    /* 2 alone would be total − the rest: the smallest other (7) goes too */
    CHECK(c[2].suppressed && c[2].total == 0);
    CHECK(!c[3].suppressed && c[3].total == 9 && !c[3].rate_hidden);
    demand_public_suppress(two, 3, 5);
    CHECK(two[0].suppressed && two[1].suppressed && !two[2].suppressed);
    CHECK_EQ(two[2].total, 30);
    demand_public_suppress(alone, 1, 5);
    CHECK(alone[0].suppressed && alone[0].total == 0);
    struct demand_public_count few_answers[] = {
        { .id = 1, .total = 9, .visited = 4, .satisfied = 4 }
    };
    demand_public_suppress(few_answers, 1, 5);
    CHECK(!few_answers[0].suppressed && few_answers[0].rate_hidden);
    CHECK_EQ(few_answers[0].total, 9);
    CHECK_EQ(few_answers[0].satisfied, 0);
}

TAP_MAIN("demands_public", TEST(test_names), TEST(test_numbers), TEST(test_suppress))
