/* audit_test.c: audit_create_digest, the importer's tree-free "member.create" digest, gives
 * the digest audit_change_digest(NULL, after) gives for the same object: keys in any order,
 * null and integer members, and every character jansson escapes (quotes, backslashes, C0
 * controls) or leaves alone (slash, DEL, CJK). */
#include "tap.h"
#include "core/json.h"
#include "domain/audit/audit.h"

/* The reference: the object built with jansson and dumped by audit_change_digest. */
static void reference(const struct audit_field *f, size_t n, char out[65])
{
    json_t *o = json_object();

    for (size_t i = 0; i < n; i++)
        json_object_set_new(o, f[i].key,
                            f[i].is_int ? jint(f[i].num)
                            : f[i].text ? jstr(f[i].text)
                                        : json_null());
    audit_change_digest(NULL, o, out);
}

static void check_same(const struct audit_field *f, size_t n)
{
    char got[65], want[65];

    audit_create_digest(f, n, got);
    reference(f, n, want);
    CHECK_STR(got, want);
}

static void test_member_like_object(void)
{
    /* The member record's keys, deliberately not sorted. */
    const struct audit_field f[] = {
        { "name", "张三", 0, false },
        { "former_name", NULL, 0, false },
        { "gender", "M", 0, false },
        { "ethnicity", "汉族", 0, false },
        { "birth_date", "1985-03-12", 0, false },
        { "id_number", "11010519850312001X", 0, false },
        { "phone", "13800138000", 0, false },
        { "address", "北京市/朝阳区 \"东\"楼\\3单元", 0, false },
        { "hukou", NULL, 0, false },
        { "education", "本科", 0, false },
        { "org_id", NULL, 4711, true },
        { "status", "full", 0, false },
        { "category", "community", 0, false },
        { "joined_on", "2008-07-01", 0, false },
        { "full_member_on", "2009-07-01", 0, false },
        { "work_unit", "示例单位", 0, false },
        { "post", NULL, 0, false },
        { "tags", "志愿者,楼栋长", 0, false },
    };
    check_same(f, ARRAY_LEN(f));
    check_same(f, 1);
    check_same(f + 10, 1); /* a lone integer */
}

static void test_escapes(void)
{
    static const char *const texts[] = {
        "",
        "\"",
        "\\",
        "/",
        "a\nb\rc\td\be\ff",
        "\x01\x02\x1f end",
        "\x7f DEL is not escaped",
        "混合 \"引号\" 与 \\反斜杠\\ 和\t制表",
        "\xF0\x9F\x98\x80 outside the BMP",
    };
    for (size_t i = 0; i < ARRAY_LEN(texts); i++) {
        const struct audit_field f[] = {
            { "b", texts[i], 0, false },
            { "a", NULL, 0, false },
            { "c", NULL, -5, true },
        };
        check_same(f, ARRAY_LEN(f));
    }
}

static void test_empty_object(void)
{
    check_same(NULL, 0);
}

TAP_MAIN("domain/audit", TEST(test_member_like_object), TEST(test_escapes), TEST(test_empty_object))
