/* json_nested_test.c: nested field specs (arrays of objects, embedded objects, inline specs)
 * and reporting every failing field at once: values, counts, paths such as
 * "/posts/2/member_id", zh-CN messages naming the item, the depth limit and the list's cap. */
#include "tap.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/json.h"

struct post_in {
    char *post;
    int64_t member_id;
};
struct place_in {
    char *city;
    int64_t zip;
};
struct team_in {
    char *name;
    struct place_in place;
    struct post_in *posts;
    int64_t nposts;
};
struct note_in {
    char *doc_no;
};
struct patch_in {
    struct team_in team;
    struct note_in note;
};

static const struct field POST[] = {
    FIELD_STR(struct post_in, post, "post", "职务", FIELD_REQUIRED, 1, 4),
    FIELD_ID(struct post_in, member_id, "member_id", "任职党员", FIELD_REQUIRED),
    FIELD_END,
};
static const struct field PLACE[] = {
    FIELD_STR(struct place_in, city, "city", "城市", FIELD_REQUIRED, 1, 10),
    FIELD_INT(struct place_in, zip, "zip", "邮编", FIELD_OPTIONAL, 100000, 999999),
    FIELD_END,
};
static const struct field TEAM[] = {
    FIELD_STR(struct team_in, name, "name", "名称", FIELD_REQUIRED, 1, 10),
    FIELD_OBJECT(struct team_in, place, "place", "地点", FIELD_OPTIONAL, PLACE),
    FIELD_ARRAY(struct team_in, posts, "posts", "班子职务", FIELD_OPTIONAL, 0, 100, POST),
    FIELD_END,
};
static const struct field NOTE[] = {
    FIELD_STR(struct note_in, doc_no, "doc_no", "文号", FIELD_OPTIONAL, 0, 10),
    FIELD_END,
};
static const struct field PATCH[] = {
    FIELD_INLINE(struct patch_in, team, TEAM),
    FIELD_INLINE(struct patch_in, note, NOTE),
    FIELD_END,
};

static struct arena ar = { NULL, 1024, 0 };

static int decode(const char *body, const struct field *spec, void *out, size_t size,
                  uint64_t *present, struct err *e)
{
    arena_release(&ar);
    memset(out, 0, size);
    err_clear(e);
    return json_decode(body, strlen(body), 4, spec, out, present, &ar, e);
}

static int count(const struct err *e)
{
    int n = 0;
    for (const struct err_field *f = e->fields; f; f = f->next)
        n++;
    return n;
}

/* The i-th entry of e's list (it must exist). */
static const struct err_field *nth(const struct err *e, int i)
{
    const struct err_field *f = e->fields;
    while (f && i-- > 0)
        f = f->next;
    ASSERT(f);
    return f;
}

static void test_arrays_and_objects_decode(void)
{
    struct team_in t;
    struct err e;

    CHECK_EQ(
        decode(
            "{\"name\":\"一支部\",\"place\":{\"city\":\" 北京 \",\"zip\":100000},"
            "\"posts\":[{\"post\":\"书记\",\"member_id\":7},{\"member_id\":8,\"post\":\"委员\"}]}",
            TEAM, &t, sizeof(t), NULL, &e),
        0);
    CHECK_STR(t.place.city, "北京");
    CHECK_EQ(t.place.zip, 100000);
    CHECK_EQ(t.nposts, 2);
    CHECK_STR(t.posts[0].post, "书记");
    CHECK_EQ(t.posts[1].member_id, 8);
    CHECK(e.fields == NULL);
    CHECK_EQ(decode("{\"name\":\"x\",\"posts\":[]}", TEAM, &t, sizeof(t), NULL, &e), 0);
    CHECK_EQ(t.nposts, 0);
    /* null would clear the list: refused, as for any field that is not FIELD_NULLABLE */
    CHECK_EQ(decode("{\"name\":\"x\",\"posts\":null}", TEAM, &t, sizeof(t), NULL, &e), -1);
    CHECK_STR(e.field, "/posts");
}

static void test_item_errors_carry_path_and_label(void)
{
    struct team_in t;
    struct err e;

    CHECK_EQ(decode("{\"name\":\"x\",\"posts\":[{\"post\":\"书记\"},{\"post\":1,\"member_id\":0},"
                    "\"x\",{\"post\":\"书记\",\"member_id\":1,\"age\":3}]}",
                    TEAM, &t, sizeof(t), NULL, &e),
             -1);
    CHECK_EQ(e.code, E_INVALID);
    CHECK_EQ(count(&e), 5);
    CHECK_STR(e.field, "/posts/0/member_id");
    CHECK_STR(e.msg, "班子职务第 1 项：任职党员不能为空");
    CHECK_STR(nth(&e, 1)->field, "/posts/1/post");
    CHECK_STR(nth(&e, 1)->msg, "班子职务第 2 项：职务应为文本");
    CHECK_STR(nth(&e, 2)->field, "/posts/1/member_id");
    CHECK_STR(nth(&e, 2)->msg, "班子职务第 2 项：任职党员应为正整数编号");
    CHECK_STR(nth(&e, 3)->field, "/posts/2");
    CHECK_STR(nth(&e, 3)->msg, "班子职务第 3 项应为对象");
    CHECK_STR(nth(&e, 4)->field, "/posts/3/age");
    CHECK_STR(nth(&e, 4)->msg, "班子职务第 4 项：不认识的字段：age");
}

static void test_shape_errors_of_arrays_and_objects(void)
{
    struct team_in t;
    struct err e;
    static const struct {
        const char *body, *field, *msg;
    } cases[] = {
        { "{\"name\":\"x\",\"posts\":{}}", "/posts", "班子职务应为数组" },
        { "{\"name\":\"x\",\"place\":[]}", "/place", "地点应为对象" },
        { "{\"name\":\"x\",\"place\":{}}", "/place/city", "地点：城市不能为空" },
        { "{\"name\":\"x\",\"place\":{\"city\":\"京\",\"zip\":1}}", "/place/zip",
          "地点：邮编应在 100000 到 999999 之间" },
    };

    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        CHECK_EQ(decode(cases[i].body, TEAM, &t, sizeof(t), NULL, &e), -1);
        CHECK_STR(e.field, cases[i].field);
        CHECK_STR(e.msg, cases[i].msg);
        CHECK_EQ(count(&e), 1);
    }
}

/* A body with more items than allowed fails on the array, not on each item. */
static void test_item_count_limits(void)
{
    static const struct field FEW[] = {
        FIELD_ARRAY(struct team_in, posts, "posts", "班子职务", FIELD_REQUIRED, 1, 2, POST),
        FIELD_END,
    };
    struct team_in t;
    struct err e;

    CHECK_EQ(decode("{\"posts\":[]}", FEW, &t, sizeof(t), NULL, &e), -1);
    CHECK_STR(e.msg, "班子职务至少 1 项");
    CHECK_EQ(decode("{\"posts\":[1,2,3]}", FEW, &t, sizeof(t), NULL, &e), -1);
    CHECK_STR(e.msg, "班子职务最多 2 项");
    CHECK_EQ(count(&e), 1);
    CHECK_EQ(decode("{}", FEW, &t, sizeof(t), NULL, &e), -1);
    CHECK_STR(e.field, "/posts");
    CHECK_STR(e.msg, "班子职务不能为空");
}

static void test_every_failing_field_at_once(void)
{
    struct team_in t;
    struct err e;
    char body[2048];
    size_t n;

    CHECK_EQ(decode("{\"place\":{\"zip\":\"1\"},\"extra\":1}", TEAM, &t, sizeof(t), NULL, &e), -1);
    CHECK_EQ(count(&e), 4); /* /place/zip, /place/city, /extra, /name */
    CHECK_STR(e.field, "/place/zip");
    CHECK_STR(nth(&e, 1)->field, "/place/city");
    CHECK_STR(nth(&e, 2)->field, "/extra");
    CHECK_STR(nth(&e, 3)->field, "/name");
    /* The list is capped; the first error is still the first. */
    n = (size_t)snprintf(body, sizeof(body), "{\"name\":\"x\",\"posts\":[");
    for (int i = 0; i < 80; i++)
        n += (size_t)snprintf(body + n, sizeof(body) - n, "%s1", i ? "," : "");
    snprintf(body + n, sizeof(body) - n, "]}");
    CHECK_EQ(decode(body, TEAM, &t, sizeof(t), NULL, &e), -1);
    CHECK_EQ(count(&e), ERR_FIELDS_MAX);
    CHECK_STR(e.field, "/posts/0");
    /* Structural failures come alone. */
    CHECK_EQ(
        decode("{\"name\":\"x\",\"posts\":[{\"post\":[[[1]]]}]}", TEAM, &t, sizeof(t), NULL, &e),
        -1);
    CHECK_EQ(e.code, E_LIMIT);
    CHECK(e.fields == NULL);
    /* A refined error is a single one again. */
    CHECK_EQ(decode("{}", PLACE, &t.place, sizeof(t.place), NULL, &e), -1);
    err_refine(&e, "/where", NULL);
    CHECK(e.fields == NULL);
}

static void test_inline_specs_share_one_level(void)
{
    struct patch_in p;
    struct err e;
    uint64_t present = 0;

    CHECK_EQ(
        decode("{\"doc_no\":\"京 1 号\",\"name\":\"一支部\"}", PATCH, &p, sizeof(p), &present, &e),
        0);
    CHECK_STR(p.team.name, "一支部");
    CHECK_STR(p.note.doc_no, "京 1 号");
    CHECK_EQ(present, 3);
    CHECK_EQ(decode("{\"doc_no\":\"x\"}", PATCH, &p, sizeof(p), &present, &e), -1);
    CHECK_STR(e.field, "/name"); /* required within the inline spec */
    CHECK_EQ(decode("{\"name\":\"x\",\"note\":\"y\",\"doc_no\":\"12345678901\"}", PATCH, &p,
                    sizeof(p), NULL, &e),
             -1);
    CHECK_EQ(count(&e), 2);
    CHECK_STR(e.field, "/note");
    CHECK_STR(nth(&e, 1)->msg, "文号不能超过 10 个字");
}

TAP_MAIN("core/json_nested", TEST(test_arrays_and_objects_decode),
         TEST(test_item_errors_carry_path_and_label), TEST(test_shape_errors_of_arrays_and_objects),
         TEST(test_item_count_limits), TEST(test_every_failing_field_at_once),
         TEST(test_inline_specs_share_one_level))
