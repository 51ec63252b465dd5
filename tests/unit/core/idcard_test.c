/* idcard_test.c: unit tests for core/idcard: the GB 11643 check character (standard vectors
 * only there), normalization, the ID-LEN / ID-DATE / ID-CHECK / ID-PROV rules and the demo
 * fixtures of DATA.md §4.4. No other real-looking number is used (DEMO-ID-TESTVEC). */
#include "core/compat.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/idcard.h"
#include "tap.h"

/* Normalizes in; returns the result or "ERR: <message>" in a static buffer. */
static const char *norm(const char *in)
{
    static char res[256];
    char out[19];
    struct err e = { 0 };

    if (idcard_normalize(in, out, &e) < 0) {
        snprintf(res, sizeof(res), "ERR: %s", e.msg);
        return res;
    }
    snprintf(res, sizeof(res), "%s", out);
    return res;
}

/* Runs normalize on bad input and checks the error code, field and a message fragment. */
static void check_rejected(const char *in, const char *fragment)
{
    char out[19] = "untouched";
    struct err e = { 0 };

    CHECK_EQ(idcard_normalize(in, out, &e), -1);
    CHECK_EQ(e.code, E_INVALID);
    CHECK_STR(e.field, "/id_number");
    if (!strstr(e.msg, fragment)) {
        printf("#   input \"%s\": message \"%s\" lacks \"%s\"\n", in ? in : "(null)", e.msg,
               fragment);
        tap_failed_checks++;
    }
    CHECK_STR(out, "untouched");
}

/* A second, independent check-character computation: weight of position i is
 * 2^(18-i) mod 11, and check = (12 - S mod 11) mod 11 with 10 written as X. */
static char check_by_powers(const char *first17)
{
    int sum = 0, r;

    for (int i = 1; i <= 17; i++) {
        int w = 1;
        for (int k = 0; k < 18 - i; k++)
            w = w * 2 % 11;
        sum += (first17[i - 1] - '0') * w;
    }
    r = (12 - sum % 11) % 11;
    return r == 10 ? 'X' : (char)('0' + r);
}

static void pin_today(void)
{
    setenv("DANGJIAN_TEST_NOW", "2026-11-23", 1);
    clock_reload();
}

static void test_check_char_standard_vectors(void)
{
    /* GB 11643-1999 Appendix A: for the check-character function only. */
    CHECK_EQ(idcard_check_char("11010519491231002"), 'X');
    CHECK_EQ(idcard_check_char("44052418800101001"), '4');
    CHECK_EQ(idcard_check_char("1101051949123100A"), '\0');
}

static void test_demo_fixtures(void)
{
    static const struct {
        const char *id, *birth;
        char gender;
    } fx[] = {
        { "990101198001010014", "1980-01-01", 'M' }, { "990101197506150026", "1975-06-15", 'F' },
        { "990102200002290034", "2000-02-29", 'M' }, { "99010119850312007X", "1985-03-12", 'M' },
        { "990103196210010049", "1962-10-01", 'F' },
    };
    char birth[11];

    pin_today();
    for (size_t i = 0; i < ARRAY_LEN(fx); i++) {
        struct err e = { 0 };
        CHECK_STR(norm(fx[i].id), fx[i].id);
        CHECK_EQ(idcard_check_char(fx[i].id), fx[i].id[17]);
        CHECK_EQ(check_by_powers(fx[i].id), fx[i].id[17]);
        CHECK_EQ(idcard_birth_date(fx[i].id, birth), 0);
        CHECK_STR(birth, fx[i].birth);
        CHECK_EQ(idcard_gender(fx[i].id), fx[i].gender);
        CHECK_EQ(idcard_check_region(fx[i].id, true, &e), 0);
    }
}

static void test_wrong_check_char(void)
{
    pin_today();
    check_rejected("990101198001010015", "身份证号校验位错误：第18位应为 4");
}

static void test_lower_case_x(void)
{
    pin_today();
    CHECK_STR(norm("99010119850312007x"), "99010119850312007X");
}

static void test_full_width_and_spaces(void)
{
    pin_today();
    CHECK_STR(norm("９９０１０１１９８００１０１００１４"), "990101198001010014");
    CHECK_STR(norm("９９０１０１１９８５０３１２００７ｘ"), "99010119850312007X");
    CHECK_STR(norm("９９０１０１１９８５０３１２００７Ｘ"), "99010119850312007X");
    CHECK_STR(norm(" 990101\u30001980 0101\t0014 "), "990101198001010014");
    CHECK_STR(norm("990101 19800101 0014"), "990101198001010014");
}

static void test_fifteen_digits(void)
{
    /* A legacy demo number: address 990101, born (19)80-01-01, sequence 001 (male). */
    const char *old = "990101800101001";
    char expect[19];
    char out[19];
    struct err e = { 0 };

    pin_today();
    snprintf(expect, sizeof(expect), "99010119800101001");
    expect[17] = check_by_powers(expect);
    expect[18] = '\0';
    CHECK_EQ(expect[17], '4');
    CHECK_EQ(idcard_normalize(old, out, &e), 0);
    CHECK_STR(out, expect);
    CHECK_EQ(idcard_gender(out), 'M');
    check_rejected("99010180010100X", "15 位旧身份证号只含数字");
    check_rejected("990101801301001", "不是有效日期");
}

static void test_leap_day(void)
{
    char bad[19];

    pin_today();
    CHECK_STR(norm("990102200002290034"), "990102200002290034");
    snprintf(bad, sizeof(bad), "99010219990229003");
    bad[17] = check_by_powers(bad);
    bad[18] = '\0';
    check_rejected(bad, "出生日期 1999-02-29 不是有效日期");
}

static void test_future_birth_date(void)
{
    char id[19];

    pin_today();
    snprintf(id, sizeof(id), "99010120261124002");
    id[17] = check_by_powers(id);
    id[18] = '\0';
    check_rejected(id, "出生日期 2026-11-24 晚于今天");

    snprintf(id, sizeof(id), "99010120261123002");
    id[17] = check_by_powers(id);
    id[18] = '\0';
    CHECK_STR(norm(id), id);
}

static void test_excel_damage(void)
{
    pin_today();
    check_rejected("1.10105E+17", "身份证号被 Excel 转成了科学计数法，请把该列设为文本后重新填写");
    check_rejected("9.90101E+17", "身份证号被 Excel 转成了科学计数法，请把该列设为文本后重新填写");
    check_rejected("9.90101e17", "科学计数法");
    check_rejected("990101198001010000", "Excel 截断");
}

static void test_length_and_charset(void)
{
    pin_today();
    check_rejected(NULL, "请填写身份证号");
    check_rejected("  ", "请填写身份证号");
    check_rejected("99010119800101001", "当前为 17 位");
    check_rejected("9901011980010100144", "当前为 19 位");
    check_rejected("99010119800101001a", "请删除“a”");
    check_rejected("99010119800101001号", "请删除“号”");
    check_rejected("9901011980010100X4", "第17位应为数字");
    check_rejected("9901011980010100149901011980010100149901011980010100", "身份证号太长");
}

static void test_region_rule(void)
{
    /* Production-mode inputs are prefixes padded with zeros: nobody's number. */
    static const char *const prod_ok[] = {
        "110000000000000000", "150000000000000000", "210000000000000000", "370000000000000000",
        "460000000000000000", "540000000000000000", "650000000000000000", "710000000000000000",
        "810000000000000000", "820000000000000000", "830000000000000000",
    };
    static const char *const prod_bad[] = {
        "100000000000000000", "160000000000000000", "240000000000000000", "470000000000000000",
        "550000000000000000", "700000000000000000", "840000000000000000", "910000000000000000",
    };
    struct err e = { 0 };

    for (size_t i = 0; i < ARRAY_LEN(prod_ok); i++) {
        err_clear(&e);
        CHECK_EQ(idcard_check_region(prod_ok[i], false, &e), 0);
        err_clear(&e);
        CHECK_EQ(idcard_check_region(prod_ok[i], true, &e), -1);
        CHECK(strstr(e.msg, "演示实例只接受以 99 开头") != NULL);
    }
    for (size_t i = 0; i < ARRAY_LEN(prod_bad); i++) {
        err_clear(&e);
        CHECK_EQ(idcard_check_region(prod_bad[i], false, &e), -1);
        CHECK(strstr(e.msg, "不是有效的省级行政区划代码") != NULL);
        CHECK_STR(e.field, "/id_number");
    }
    err_clear(&e);
    CHECK_EQ(idcard_check_region("990101198001010014", false, &e), -1);
    CHECK(strstr(e.msg, "以 99 开头的是演示身份证号") != NULL);
    err_clear(&e);
    CHECK_EQ(idcard_check_region("990101198001010014", true, &e), 0);
    CHECK_EQ(e.code, E_OK);
}

static void test_birth_date_and_gender(void)
{
    char birth[11] = "untouched";

    CHECK_EQ(idcard_birth_date("990101199913450014", birth), -1);
    CHECK_STR(birth, "untouched");
    CHECK_EQ(idcard_birth_date("990101197506150026", birth), 0);
    CHECK_STR(birth, "1975-06-15");
    CHECK_EQ(idcard_gender("990101197506150026"), 'F');
    CHECK_EQ(idcard_gender("990101198001010014"), 'M');
}

TAP_MAIN("core/idcard", TEST(test_check_char_standard_vectors), TEST(test_demo_fixtures),
         TEST(test_wrong_check_char), TEST(test_lower_case_x), TEST(test_full_width_and_spaces),
         TEST(test_fifteen_digits), TEST(test_leap_day), TEST(test_future_birth_date),
         TEST(test_excel_damage), TEST(test_length_and_charset), TEST(test_region_rule),
         TEST(test_birth_date_and_gender))
