/* json_test.c: field-spec decoding: types, lengths, dates, enums, unknown keys, depth, the
 * zh-CN messages and field paths a client sees. */
#include "tap.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/json.h"

struct person_in {
    char *name;
    int64_t age;
    int64_t org_id;
    bool active;
    char *born;
    char *gender;
};

static const char *const GENDERS[] = { "M", "F", NULL };
static const struct field SPEC[] = {
    FIELD_STR(struct person_in, name, "name", "姓名", FIELD_REQUIRED, 1, 4),
    FIELD_INT(struct person_in, age, "age", "年龄", FIELD_OPTIONAL, 18, 120),
    FIELD_ID(struct person_in, org_id, "org_id", "所在党组织", FIELD_OPTIONAL),
    FIELD_BOOL(struct person_in, active, "active", "在册", FIELD_OPTIONAL),
    FIELD_DATE(struct person_in, born, "born", "出生日期", FIELD_OPTIONAL),
    FIELD_ENUM(struct person_in, gender, "gender", "性别", FIELD_OPTIONAL, GENDERS),
    FIELD_END,
};

/* Decoded strings live in this arena until the next decode. */
static struct arena decode_arena = { NULL, 1024, 0 };

static int decode(const char *body, struct person_in *out, uint64_t *present, struct err *e)
{
    arena_release(&decode_arena);
    memset(out, 0, sizeof(*out));
    err_clear(e);
    return json_decode(body, strlen(body), 8, SPEC, out, present, &decode_arena, e);
}

static void test_valid_input_decodes(void)
{
    struct person_in p;
    struct err e;
    uint64_t present = 0;

    CHECK_EQ(decode("{\"name\":\" 张三丰 \",\"age\":45,\"org_id\":7,\"active\":true,"
                    "\"born\":\"2000-02-29\",\"gender\":\"M\"}",
                    &p, &present, &e),
             0);
    CHECK_STR(p.name, "张三丰"); /* trimmed; 3 characters although 9 bytes */
    CHECK_EQ(p.age, 45);
    CHECK_EQ(p.org_id, 7);
    CHECK(p.active);
    CHECK_STR(p.born, "2000-02-29");
    CHECK_EQ(present, 0x3f);
}

static void test_errors_name_field_and_say_what_to_fix(void)
{
    struct person_in p;
    struct err e;
    static const struct {
        const char *body, *field, *msg;
        enum err_code code;
    } cases[] = {
        { "{}", "/name", "姓名不能为空", E_INVALID },
        { "{\"name\":\"  \"}", "/name", "姓名不能为空", E_INVALID },
        { "{\"name\":\"欧阳娜娜娜\"}", "/name", "姓名不能超过 4 个字", E_INVALID },
        { "{\"name\":1}", "/name", "姓名应为文本", E_INVALID },
        { "{\"name\":\"李\",\"age\":12}", "/age", "年龄应在 18 到 120 之间", E_INVALID },
        { "{\"name\":\"李\",\"age\":\"12\"}", "/age", "年龄应为整数", E_INVALID },
        { "{\"name\":\"李\",\"org_id\":0}", "/org_id", "所在党组织应为正整数编号", E_INVALID },
        { "{\"name\":\"李\",\"born\":\"1999-02-29\"}", "/born",
          "出生日期应为有效日期，格式 YYYY-MM-DD", E_INVALID },
        { "{\"name\":\"李\",\"gender\":\"X\"}", "/gender", "性别的取值无效：X", E_INVALID },
        { "{\"name\":\"李\",\"salary\":1}", "/salary", "不认识的字段：salary", E_INVALID },
        { "{\"name\":\"李\",\"name\":\"王\"}", "", NULL, E_INVALID },
        { "{\"name\":", "", NULL, E_INVALID },
        { "[1,2]", "", "请求内容应为 JSON 对象", E_INVALID },
        { "{\"name\":\"李\",\"a\":[[[[[[[[[1]]]]]]]]]}", "", "JSON 嵌套超过 8 层", E_LIMIT },
    };

    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        CHECK_EQ(decode(cases[i].body, &p, NULL, &e), -1);
        CHECK_EQ(e.code, cases[i].code);
        CHECK_STR(e.field, cases[i].field);
        if (cases[i].msg)
            CHECK_STR(e.msg, cases[i].msg);
    }
}

/* null clears a value: refused for a field that cannot be empty, optional or not (a PATCH of
 * {"name": null} must not answer 200 and change nothing). */
static void test_null_refused_unless_nullable(void)
{
    struct person_in p;
    struct err e;
    uint64_t present = 0;

    CHECK_EQ(decode("{\"name\":\"李\",\"age\":null}", &p, &present, &e), -1);
    CHECK_STR(e.field, "/age");
    CHECK_STR(e.msg, "年龄不能为空");
    CHECK_EQ(decode("{\"name\":null}", &p, &present, &e), -1);
    CHECK_STR(e.msg, "姓名不能为空");
}

static void test_text_decoding_for_queries(void)
{
    struct person_in p = { 0 };
    struct err e = { 0 };
    struct arena a;

    arena_init(&a, 512);
    CHECK_EQ(field_decode_text(&SPEC[1], "30", &p, &a, &e), 0);
    CHECK_EQ(p.age, 30);
    CHECK_EQ(field_decode_text(&SPEC[1], "30x", &p, &a, &e), -1);
    CHECK_STR(e.field, "/age");
    err_clear(&e);
    CHECK_EQ(field_decode_text(&SPEC[3], "1", &p, &a, &e), 0);
    CHECK(p.active);
    /* a query parameter of bytes that are not UTF-8 (?name=%ff%fe) is refused, not searched */
    CHECK_EQ(field_decode_text(&SPEC[0], "\xff\xfe", &p, &a, &e), -1);
    CHECK_STR(e.field, "/name");
    err_clear(&e);
    /* also for a number, before the normalizers walk it (a cut-off sequence at the end read past
     * the string's end: found by tests/fuzz/params_fuzz.c) */
    CHECK_EQ(field_decode_text(&SPEC[1], "ber\xff\xff\xff\xef", &p, &a, &e), -1);
    CHECK_STR(e.field, "/age");
    err_clear(&e);
    arena_release(&a);
}

static int norm(const char *body, const struct field *spec, struct person_in *p, struct arena *a,
                struct err *e)
{
    return json_decode(body, strlen(body), 4, spec, p, NULL, a, e);
}

/* What people type with a Chinese input method or paste from Word and Excel: digits and
 * letters are folded everywhere, punctuation only where the value is ASCII by nature, and
 * passwords are only trimmed. */
static void test_typed_text_is_normalized_before_checks(void)
{
    static const struct field NORM[] = {
        FIELD_STR(struct person_in, name, "name", "姓名", FIELD_OPTIONAL, 0, 40),
        FIELD_STR(struct person_in, gender, "id", "身份证号", FIELD_ASCII, 0, 40),
        FIELD_DATE(struct person_in, born, "born", "出生日期", FIELD_OPTIONAL),
        FIELD_INT(struct person_in, age, "age", "年龄", FIELD_OPTIONAL, 18, 120),
        FIELD_END,
    };
    static const struct field SECRET[] = {
        FIELD_STR(struct person_in, name, "pw", "密码", FIELD_VERBATIM, 0, 40),
        FIELD_END,
    };
    struct person_in p = { 0 };
    struct err e = { 0 };
    struct arena a;

    arena_init(&a, 512);
    /* NBSP and U+3000 around, U+3000 inside (kept: a spacer in names); full-width letters,
     * digits and parentheses. */
    CHECK_EQ(norm("{\"name\":\"\\u00a0王\\u3000ＡＢ１２（社区）\\u3000\"}", NORM, &p, &a, &e), 0);
    CHECK_STR(p.name, "王　AB12（社区）"); /* an ideographic space inside */
    CHECK_EQ(norm("{\"id\":\"１１０１０５\\u3000－（Ｘ）\"}", NORM, &p, &a, &e), 0);
    CHECK_STR(p.gender, "110105 -(X)");
    CHECK_EQ(norm("{\"born\":\"２０００－０２－２９\"}", NORM, &p, &a, &e), 0);
    CHECK_STR(p.born, "2000-02-29");
    CHECK_EQ(field_decode_text(&NORM[3], "\xe3\x80\x80３０ ", &p, &a, &e), 0);
    CHECK_EQ(p.age, 30);
    CHECK_EQ(field_decode_text(&NORM[0], "\xc2\xa0ＡＢ，", &p, &a, &e), 0);
    CHECK_STR(p.name, "AB，");
    CHECK_EQ(field_decode_text(&SECRET[0], " ｐａｓｓ１ ", &p, &a, &e), 0);
    CHECK_STR(p.name, "ｐａｓｓ１");
    arena_release(&a);
}

/* Characters that make two names look alike or reorder what is shown: zero-width ones are
 * dropped, direction overrides, private-use characters, controls and stray combining marks are
 * refused with the field's label (issue 15 defect 8). */
static void test_hidden_characters(void)
{
    static const struct {
        const char *body, *name, *msg;
    } cases[] = {
        { "{\"name\":\"张\\u200b三\"}", "张三", NULL },
        { "{\"name\":\"\\u2009张三\\u202f\"}", "张三", NULL }, /* thin spaces from Word, trimmed */
        { "{\"name\":\"\\ufeff张三\\u2060\"}", "张三", NULL },
        { "{\"name\":\"Je\\u0301\"}", "Je\xcc\x81", NULL }, /* é as e + accent: fine */
        { "{\"name\":\"张\\u202e三\"}", NULL, "姓名含有改变文字方向的隐藏字符" },
        { "{\"name\":\"张\\u2066三\"}", NULL, "姓名含有改变文字方向的隐藏字符" },
        { "{\"name\":\"张\\ue000\"}", NULL, "姓名含有无法显示的字符" },
        { "{\"name\":\"张\\u0001\"}", NULL, "姓名含有控制字符" },
        { "{\"name\":\"\\u0301张\"}", NULL, "姓名含有无法单独显示的附加符号" },
        { "{\"name\":\"a\\u0301\\u0301\\u0301\"}", NULL, "姓名含有无法单独显示的附加符号" },
    };
    struct person_in p;
    struct err e;

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int rc = decode(cases[i].body, &p, NULL, &e);
        if (cases[i].name) {
            CHECK_EQ(rc, 0);
            CHECK_STR(p.name, cases[i].name);
        } else {
            CHECK_EQ(rc, -1);
            CHECK_STR(e.field, "/name");
            CHECK(strncmp(e.msg, cases[i].msg, strlen(cases[i].msg)) == 0);
        }
    }
}

/* A number the parser cannot hold still names its field (issue 15 defect 7). */
static void test_number_overflow_names_the_field(void)
{
    struct person_in p;
    struct err e;

    CHECK_EQ(decode("{\"name\":\"李\", \"age\" : 1e309}", &p, NULL, &e), -1);
    CHECK_STR(e.field, "/age");
    CHECK_STR(e.msg, "年龄超出可表示的数值范围");
    CHECK_EQ(decode("{\"org_id\":9223372036854775808}", &p, NULL, &e), -1);
    CHECK_STR(e.field, "/org_id");
    CHECK_EQ(decode("[99999999999999999999]", &p, NULL, &e), -1);
    CHECK_STR(e.field, "");
}

static void test_depth_scanner_ignores_brackets_in_strings(void)
{
    arena_release(&decode_arena);
    const char *s = "{\"a\":\"[[[[[[[[[[\"}";
    CHECK(json_depth_ok(s, strlen(s), 2));
    CHECK(!json_depth_ok("[[[", 3, 2));
}

TAP_MAIN("core/json", TEST(test_valid_input_decodes),
         TEST(test_errors_name_field_and_say_what_to_fix), TEST(test_null_refused_unless_nullable),
         TEST(test_text_decoding_for_queries), TEST(test_typed_text_is_normalized_before_checks),
         TEST(test_hidden_characters), TEST(test_number_overflow_names_the_field),
         TEST(test_depth_scanner_ignores_brackets_in_strings))
