/* auth_password_test.c: the password rules of auth_password_check: length, three of four
 * character classes or a 16-character passphrase, the shipped list of common passwords (also
 * behind digits, symbols and look-alike characters), the username and ID-number rules. The
 * history rule needs a database and is tested through the API (tests/api/auth.test.js). */
#include "tap.h"
#include "core/err.h"
#include "domain/auth/auth.h"

static bool ok(const char *pw)
{
    struct err e = { 0 };
    return auth_password_check(pw, "t_user", NULL, &e) == 0;
}

/* The refusal's message, so a test can tell which rule refused. */
static const char *why(const char *pw)
{
    static struct err e;
    memset(&e, 0, sizeof(e));
    if (auth_password_check(pw, "t_user", NULL, &e) == 0)
        return "";
    CHECK_EQ(e.code, E_INVALID);
    CHECK_STR(e.field, "/new_password");
    return e.msg;
}

static void test_length(void)
{
    CHECK(!ok("Ab1-xyz"));
    CHECK(strstr(why("Ab1-xyz"), "10"));
    CHECK(ok("Demo-Passw0rd"));
}

static void test_three_of_four_classes(void)
{
    CHECK(!ok("aaaaaaaaaa"));
    CHECK(!ok("1234567890"));
    CHECK(!ok("abcdefghij12")); /* lower + digit: two classes */
    CHECK(!ok("password12"));
    CHECK(!ok("ABCDEFGH-KL")); /* upper + other */
    CHECK(strstr(why("huoguo-chengdu"), "三类"));
    CHECK(ok("Huoguo-chengdu"));   /* lower, upper, other */
    CHECK(ok("huoguo-chengdu-7")); /* lower, other, digit */
    CHECK(ok("HUOGUO7chengdu"));   /* upper, digit, lower */
    CHECK(!ok("红旗飘飘-2026年")); /* other (CJK and -) and digit: two classes */
    CHECK(ok("我家门前有两棵树，一棵是枣树，还有一棵也是枣树")); /* ... but 16 characters make a
                                                                    passphrase */
    /* A passphrase of 16 characters or more needs no classes. */
    CHECK(ok("chengdu huoguo mala tang"));
    CHECK(ok("mingtianxiawusandianjian"));
    CHECK(!ok("chengdu huoguo")); /* 14: too short for a passphrase */
}

static void test_common_passwords(void)
{
    const char *common[] = {
        "Password12!",  "Password123",   "P@ssw0rd2024!", "Passw0rd!!",   "Qwerty12345",
        "qwertyuiop1A", "1Qaz@wsx3edc",  "1Qaz2wsx3edc",  "Woaini1314!",  "Woaini520520",
        "Zhongguo2024", "Dangjian@2026", "Admin123456",   "Admin@123456", "Iloveyou520!",
        "Abc123456789", "Aa1234567890",  "12345678Aa",    "Zxcvbnm12345", "!QAZ2wsx3edc",
        "123456789Abc", "Asdfghjkl123",  "Welcome2024!",  "Letmein12345", "Dragon123456",
        "Dj@12345678", /* "@123456" looks like a123456, but the run 12345678 is guessable too */
    };
    for (size_t i = 0; i < sizeof(common) / sizeof(common[0]); i++) {
        const char *m = why(common[i]);
        if (!strstr(m, "常见"))
            printf("#   %s accepted or refused for another reason: \"%s\"\n", common[i], m);
        CHECK(strstr(m, "常见"));
    }
    /* A long passphrase made of one common word repeated is no passphrase. */
    CHECK(!ok("passwordpassword"));
    CHECK(!ok("1234567890123456"));
    CHECK(!ok("aaaaaaaaaaaaaaaaaaaa"));
    /* Words that merely contain a common one are fine when the rest is not guessable. */
    CHECK(ok("Dangjian-yuanLiu-73"));
}

static void test_username_and_id_number(void)
{
    struct err e = { 0 };

    CHECK(!ok("xx-T_User-2026"));
    CHECK_EQ(auth_password_check("Abc-110105-xyz", "t_user", "11010519491231002X", &e), -1);
    memset(&e, 0, sizeof(e));
    CHECK_EQ(auth_password_check("11010519491231002X", "t_user", NULL, &e), -1);
}

TAP_MAIN("auth_password", TEST(test_length), TEST(test_three_of_four_classes),
         TEST(test_common_passwords), TEST(test_username_and_id_number))
