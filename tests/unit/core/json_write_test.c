/* json_write_test.c: the streaming JSON writer: commas and nesting, escapes, invalid UTF-8
 * replaced, and output that jansson parses back to the same values. */
#include "tap.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/json.h"
#include "core/json_write.h"

static void test_nesting_and_commas(void)
{
    struct arena a = { NULL, 0, 0 };
    struct json_writer w;
    struct buf b;

    buf_init(&b, &a, 4096);
    json_write_init(&w, &b);
    json_write_object_begin(&w);
    json_write_kint(&w, "n", -42);
    json_write_key(&w, "items");
    json_write_array_begin(&w);
    json_write_int(&w, 1);
    json_write_object_begin(&w);
    json_write_object_end(&w);
    json_write_array_begin(&w);
    json_write_array_end(&w);
    json_write_null(&w);
    json_write_bool(&w, true);
    json_write_array_end(&w);
    json_write_kstr(&w, "none", NULL);
    json_write_object_end(&w);
    CHECK(!buf_failed(&b));
    CHECK_STR(buf_cstr(&b), "{\"n\":-42,\"items\":[1,{},[],null,true],\"none\":null}");
    arena_release(&a);
}

static void test_strings_escaped_and_parse_back(void)
{
    struct arena a = { NULL, 0, 0 };
    struct json_writer w;
    struct buf b;
    json_t *v;
    json_error_t je;
    const char *s = "党员 \"引号\" \\ 换行\n\t\x01 end";

    buf_init(&b, &a, 4096);
    json_write_init(&w, &b);
    json_write_str(&w, s);
    CHECK_STR(buf_cstr(&b), "\"党员 \\\"引号\\\" \\\\ 换行\\n\\t\\u0001 end\"");
    v = json_loads(buf_cstr(&b), JSON_DECODE_ANY, &je);
    CHECK(v && json_is_string(v));
    if (v)
        CHECK_STR(json_string_value(v), s);
    json_decref(v);
    arena_release(&a);
}

static void test_invalid_utf8_replaced(void)
{
    struct arena a = { NULL, 0, 0 };
    struct json_writer w;
    struct buf b;
    json_t *v;
    json_error_t je;

    buf_init(&b, &a, 4096);
    json_write_init(&w, &b);
    /* A lone continuation byte, a truncated 3-byte sequence, an overlong '/', a surrogate. */
    json_write_str(&w, "a\x80"
                       "b\xe5\x85"
                       "c\xc0\xaf"
                       "d\xed\xa0\x80");
    v = json_loads(buf_cstr(&b), JSON_DECODE_ANY, &je);
    CHECK(v != NULL);
    CHECK(strstr(buf_cstr(&b), "a\\ufffdb") != NULL);
    json_decref(v);
    arena_release(&a);
}

static void test_ceiling_is_reported(void)
{
    struct arena a = { NULL, 0, 0 };
    struct json_writer w;
    struct buf b;

    buf_init(&b, &a, 16);
    json_write_init(&w, &b);
    json_write_array_begin(&w);
    for (int i = 0; i < 10; i++)
        json_write_str(&w, "党建");
    json_write_array_end(&w);
    CHECK(buf_failed(&b));
    arena_release(&a);
}

TAP_MAIN("core/json_write", TEST(test_nesting_and_commas),
         TEST(test_strings_escaped_and_parse_back), TEST(test_invalid_utf8_replaced),
         TEST(test_ceiling_is_reported))
