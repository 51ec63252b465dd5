/* members_test.c: member_normalize's rules without a database (a demo instance by config):
 * ID numbers (GB 11643 examples as check-digit vectors only, demo 99 IDs from DATA.md §4.4),
 * 15-digit conversion, birth date and gender against the ID, phone numbers, date order and
 * age at joining, status and category labels, tags; masking. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/cfg.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/idcard.h"
#include "domain/app.h"
#include "domain/members/members.h"
#include "tap.h"

static struct cfg cfg;
static struct app app;
static struct arena ar;

static char *s(const char *x)
{
    return x ? arena_strdup(&ar, x) : NULL;
}

/* Normalizes a member with the given ID number; returns the error field ("" when fine). */
static const char *norm(struct member_in *m)
{
    static struct err e;
    err_clear(&e);
    if (member_normalize(&app, m, &ar, &e) == 0)
        return "";
    return e.field;
}

static void test_check_digit_vectors(void)
{
    /* GB 11643-1999 Appendix A: check-digit vectors only (DEMO-ID-TESTVEC). */
    CHECK_EQ(idcard_check_char("11010519491231002"), 'X');
    CHECK_EQ(idcard_check_char("44052418800101001"), '4');
}

static void test_demo_ids(void)
{
    struct member_in m = { 0 };

    m.id_number = s("990101198001010014");
    CHECK_STR(norm(&m), "");
    CHECK_STR(m.birth_date, "1980-01-01");
    CHECK_STR(m.gender, "M");

    memset(&m, 0, sizeof(m));
    m.id_number = s("99010119850312007x");
    CHECK_STR(norm(&m), "");
    CHECK_STR(m.id_number, "99010119850312007X");

    memset(&m, 0, sizeof(m));
    m.id_number = s("990101198001010015"); /* check must be 4 */
    CHECK_STR(norm(&m), "/id_number");

    memset(&m, 0, sizeof(m));
    m.id_number = s("９９０１０１１９７５０６１５００２６"); /* full-width digits */
    CHECK_STR(norm(&m), "");
    CHECK_STR(m.id_number, "990101197506150026");
    CHECK_STR(m.gender, "F");

    /* A demo instance refuses real province codes (DEMO-ID-PROD). */
    memset(&m, 0, sizeof(m));
    m.id_number = s("11010519491231002X");
    CHECK_STR(norm(&m), "/id_number");
}

static void test_id15(void)
{
    struct member_in m = { 0 };
    char want[19] = "990101620101004";

    /* 15 digits: 6 address + YYMMDD + 3 sequence → 18 with "19" and a check digit. */
    m.id_number = s(want);
    CHECK_STR(norm(&m), "");
    CHECK_EQ(strlen(m.id_number), 18);
    CHECK(strncmp(m.id_number, "99010119620101004", 17) == 0);
    CHECK_STR(m.birth_date, "1962-01-01");
}

static void test_birth_gender_consistency(void)
{
    struct member_in m = { 0 };

    m.id_number = s("990103196210010049");
    m.birth_date = s("1962-10-02");
    CHECK_STR(norm(&m), "/birth_date");

    memset(&m, 0, sizeof(m));
    m.id_number = s("990103196210010049");
    m.gender = s("男"); /* the 17th digit 4 says female */
    CHECK_STR(norm(&m), "/gender");

    memset(&m, 0, sizeof(m));
    m.id_number = s("990103196210010049");
    m.gender = s("女");
    m.birth_date = s("1962-10-01");
    CHECK_STR(norm(&m), "");
    CHECK_STR(m.gender, "F");
}

static void test_phone(void)
{
    struct member_in m = { 0 };

    m.phone = s("138 1234-5678");
    CHECK_STR(norm(&m), "");
    CHECK_STR(m.phone, "13812345678");
    m.phone = s("+86 13812345678");
    CHECK_STR(norm(&m), "");
    CHECK_STR(m.phone, "13812345678");
    m.phone = s("12812345678"); /* second digit 2 */
    CHECK_STR(norm(&m), "/phone");
    m.phone = s("1381234567"); /* 10 digits */
    CHECK_STR(norm(&m), "/phone");
    m.phone = s("电话13812345678");
    CHECK_STR(norm(&m), "/phone");
}

static void test_dates(void)
{
    struct member_in m = { 0 };

    m.id_number = s("990101198001010014");
    m.joined_on = s("1997-06-30"); /* aged 17 */
    CHECK_STR(norm(&m), "/joined_on");
    m.joined_on = s("2001-07-01");
    m.full_member_on = s("2001-06-01"); /* before joining */
    CHECK_STR(norm(&m), "/full_member_on");
    m.full_member_on = s("2002-07-01");
    CHECK_STR(norm(&m), "");
    m.full_member_on = s("2999-01-01");
    CHECK_STR(norm(&m), "/full_member_on");
    m.full_member_on = s("2002-07-01");
    m.status = s("预备党员");
    CHECK_STR(norm(&m), "/full_member_on"); /* probationary members have no 转正 date */
    m.status = s("正式党员");
    m.category = s("离退休");
    CHECK_STR(norm(&m), "");
    CHECK_STR(m.status, "full");
    CHECK_STR(m.category, "retired");
    m.category = s("退休干部");
    CHECK_STR(norm(&m), "/category");
}

static void test_tags(void)
{
    struct member_in m = { 0 };

    m.tags = s("志愿者，老党员、志愿者, 困难党员");
    CHECK_STR(norm(&m), "");
    CHECK_STR(m.tags, "志愿者,老党员,困难党员");
    m.tags = s("这是一个远远超过二十个字的非常非常非常长的标签名称啊");
    CHECK_STR(norm(&m), "/tags");
}

static void test_mask(void)
{
    struct member_view v = { 0 };

    v.id_number = "990101198001010014";
    v.phone = "13812345678";
    v.address = "澜川区宁田街道盛香路9号宏福公寓1号楼1单元101室";
    member_mask(&v, 0, &ar);
    CHECK_STR(v.id_number, "990101********0014");
    CHECK_STR(v.phone, "138****5678");
    CHECK_STR(v.address, "澜川区宁田街道盛香路****");

    v.id_number = "990101198001010014";
    v.phone = "13812345678";
    member_mask(&v, MEMBER_REVEAL_PHONE, &ar);
    CHECK_STR(v.phone, "13812345678");
    CHECK_STR(v.id_number, "990101********0014");
}

/* Person names (issue 14 item 7): what is kept, what is folded, what is refused. */
static const char *name_of(const char *in, const char **field_out)
{
    static struct err e;
    char *n = s(in);
    err_clear(&e);
    *field_out = member_name_normalize(&n, "/name", "姓名", &ar, &e) == 0 ? "" : e.field;
    return n;
}

static void test_names(void)
{
    const char *f;

    CHECK_STR(name_of("张三", &f), "张三");
    CHECK_STR(f, "");
    /* Middle-dot look-alikes (katakana, bullet, hyphenation point, full stop) become U+00B7. */
    CHECK_STR(name_of("阿依古丽・买买提", &f), "阿依古丽\xc2\xb7买买提");
    CHECK_STR(name_of("阿依古丽•买买提", &f), "阿依古丽\xc2\xb7买买提");
    CHECK_STR(name_of("阿依古丽 ‧ 买买提", &f), "阿依古丽\xc2\xb7买买提");
    CHECK_STR(name_of("阿依古丽.买买提", &f), "阿依古丽\xc2\xb7买买提");
    /* Spaces: trimmed, collapsed; ideographic and no-break spaces; full-width letters. */
    CHECK_STR(name_of("\xe3\x80\x80John\xc2\xa0\xc2\xa0Smith ", &f), "John Smith");
    CHECK_STR(name_of("Ｊｏｈｎ", &f), "John");
    CHECK_STR(name_of("〇一", &f), "〇一");
    /* Refused. */
    name_of("<img src=x onerror=alert(1)>", &f);
    CHECK_STR(f, "/name");
    name_of("张三3", &f);
    CHECK_STR(f, "/name");
    name_of("·张三", &f);
    CHECK_STR(f, "/name");
    name_of("张三·", &f);
    CHECK_STR(f, "/name");
    name_of("张··三", &f);
    CHECK_STR(f, "/name");
    name_of("   ", &f);
    CHECK_STR(f, "/name");
    name_of("甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸", &f);
    CHECK_STR(f, "");
    name_of("甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸子",
            &f);
    CHECK_STR(f, "/name");
}

/* 学历: the one list and its aliases (issue 14 item 3). */
static void test_education(void)
{
    struct member_in m = { 0 };

    CHECK_STR(member_education_code("本科"), "大学本科");
    CHECK_STR(member_education_code("大专"), "大学专科");
    CHECK_STR(member_education_code("硕士研究生"), "研究生");
    CHECK_STR(member_education_code("小学"), "小学及以下");
    CHECK_STR(member_education_code("大学本科"), "大学本科");
    CHECK(member_education_code("幼儿园") == NULL);
    for (size_t i = 0; MEMBER_EDUCATIONS[i]; i++)
        CHECK_STR(member_education_code(MEMBER_EDUCATIONS[i]), MEMBER_EDUCATIONS[i]);
    m.education = s("本科");
    CHECK_STR(norm(&m), "");
    CHECK_STR(m.education, "大学本科");
    m.education = s("博士后");
    CHECK_STR(norm(&m), "/education");
}

static void setup(void)
{
    struct err e = { 0 };
    setenv("DANGJIAN_TEST_NOW", "2026-11-23", 1);
    clock_reload();
    cfg_load(&cfg, NULL, &e);
    cfg.id_demo_prefix = true;
    app.cfg = &cfg;
    arena_init(&ar, 0);
}

static void test_setup(void)
{
    setup();
    CHECK(app.cfg != NULL);
}

TAP_MAIN("members", TEST(test_setup), TEST(test_check_digit_vectors), TEST(test_demo_ids),
         TEST(test_id15), TEST(test_birth_gender_consistency), TEST(test_phone), TEST(test_dates),
         TEST(test_tags), TEST(test_mask), TEST(test_names), TEST(test_education))
