/* router_test.c: the route table without a server: a literal segment beats {x} whatever the
 * order of rows, captures are filled, ambiguous pairs and malformed patterns are refused
 * naming the rows, another method's path is E_METHOD and an unknown one E_NOT_FOUND. */
#include "tap.h"
#include "core/arena.h"
#include "domain/modules.h"
#include "http/http.h"

static int h_item(struct http_req *req, struct http_res *res, struct err *err)
{
    UNUSED(req);
    UNUSED(res);
    UNUSED(err);
    return 0;
}

static int h_export(struct http_req *req, struct http_res *res, struct err *err)
{
    UNUSED(req);
    UNUSED(res);
    UNUSED(err);
    return 0;
}

#define ROW(m, p, h)                                                                               \
    {                                                                                              \
        m, p, h, PERM_SESSION, SCOPE_NONE, "test", NULL, NULL, NULL                                \
    }

static const struct route ITEM_FIRST[] = {
    ROW(HTTP_GET, "/api/things/{id}", h_item),
    ROW(HTTP_GET, "/api/things/{id}/parts/{part}", h_item),
    ROW(HTTP_PATCH, "/api/things/{id}", h_item),
    { 0 },
};
static const struct route EXPORT_ROWS[] = {
    ROW(HTTP_GET, "/api/things/export", h_export),
    ROW(HTTP_GET, "/api/things/{id}/parts/all", h_export),
    { 0 },
};

static const struct module ITEMS = { .name = "items", .routes = ITEM_FIRST };
static const struct module EXPORTS = { .name = "exports", .routes = EXPORT_ROWS };

/* Matches m+path in a table built from mods; returns the handler or NULL, code the error. */
static http_handler_fn *match(const struct module *const *mods, size_t n, enum http_method m,
                              const char *path, struct http_req *req, enum err_code *code)
{
    struct route_table t;
    const struct route *r = NULL;
    struct err err = { 0 };

    *code = E_OK;
    if (router_init(&t, mods, n, &err) < 0) {
        *code = err.code;
        return NULL;
    }
    if (router_match(&t, m, path, req, &r, &err) < 0)
        *code = err.code;
    router_release(&t);
    return r ? r->handler : NULL;
}

static void test_literal_beats_capture_in_either_order(void)
{
    const struct module *const before[] = { &ITEMS, &EXPORTS };
    const struct module *const after[] = { &EXPORTS, &ITEMS };
    struct arena a;
    struct http_req req = { 0 };
    enum err_code code;

    arena_init(&a, 1024);
    req.arena = &a;
    CHECK(match(before, 2, HTTP_GET, "/api/things/export", &req, &code) == h_export);
    CHECK(match(after, 2, HTTP_GET, "/api/things/export", &req, &code) == h_export);
    CHECK_EQ(req.nparams, 0);
    CHECK(match(before, 2, HTTP_GET, "/api/things/42", &req, &code) == h_item);
    CHECK(match(after, 2, HTTP_GET, "/api/things/42", &req, &code) == h_item);
    CHECK_EQ(req.nparams, 1);
    CHECK_STR(req.params[0], "42");
    CHECK(match(before, 2, HTTP_GET, "/api/things/7/parts/all", &req, &code) == h_export);
    CHECK(match(after, 2, HTTP_GET, "/api/things/7/parts/all", &req, &code) == h_export);
    CHECK_EQ(req.nparams, 1);
    CHECK_STR(req.params[0], "7");
    CHECK(match(after, 2, HTTP_GET, "/api/things/7/parts/9", &req, &code) == h_item);
    CHECK_EQ(req.nparams, 2);
    CHECK_STR(req.params[1], "9");
    /* The literal is for GET only: PATCH on it reaches the capture row. */
    CHECK(match(after, 2, HTTP_PATCH, "/api/things/export", &req, &code) == h_item);
    arena_release(&a);
}

static void test_method_mismatch_and_not_found(void)
{
    const struct module *const mods[] = { &ITEMS, &EXPORTS };
    enum err_code code;

    CHECK(match(mods, 2, HTTP_DELETE, "/api/things/42", NULL, &code) == NULL);
    CHECK_EQ(code, E_METHOD);
    CHECK(match(mods, 2, HTTP_POST, "/api/things/export", NULL, &code) == NULL);
    CHECK_EQ(code, E_METHOD);
    CHECK(match(mods, 2, HTTP_GET, "/api/nothing", NULL, &code) == NULL);
    CHECK_EQ(code, E_NOT_FOUND);
    /* A capture never matches an empty segment, and a trailing slash is another path. */
    CHECK(match(mods, 2, HTTP_GET, "/api/things/", NULL, &code) == NULL);
    CHECK_EQ(code, E_NOT_FOUND);
    CHECK(match(mods, 2, HTTP_GET, "/api/things/42/", NULL, &code) == NULL);
    CHECK_EQ(code, E_NOT_FOUND);
    CHECK(match(mods, 2, HTTP_GET, "/api/things/42/parts", NULL, &code) == NULL);
    CHECK_EQ(code, E_NOT_FOUND);
}

/* Builds a table of two rows and returns the error router_init gave (E_OK when none). */
static enum err_code pair(const char *p1, enum http_method m2, const char *p2, char *msg,
                          size_t msg_len)
{
    const struct route rows[] = { ROW(HTTP_GET, p1, h_item), ROW(m2, p2, h_item), { 0 } };
    const struct module mod = { .name = "x", .routes = rows };
    const struct module *const mods[] = { &mod };
    struct route_table t;
    struct err err = { 0 };

    if (router_init(&t, mods, 1, &err) == 0) {
        CHECK(t.len == 2);
        router_release(&t);
        return E_OK;
    }
    CHECK(t.rows == NULL && t.len == 0);
    snprintf(msg, msg_len, "%s", err.msg);
    return err.code;
}

static void test_ambiguous_pairs_are_refused(void)
{
    char msg[200] = "";

    CHECK_EQ(pair("/api/a/{id}", HTTP_GET, "/api/a/{key}", msg, sizeof(msg)), E_INVALID);
    CHECK(strstr(msg, "GET /api/a/{id}") && strstr(msg, "GET /api/a/{key}"));
    CHECK_EQ(pair("/api/a/{x}/c", HTTP_GET, "/api/a/b/{y}", msg, sizeof(msg)), E_INVALID);
    CHECK(strstr(msg, "/api/a/{x}/c") && strstr(msg, "/api/a/b/{y}"));
    CHECK_EQ(pair("/api/a/b", HTTP_GET, "/api/a/b", msg, sizeof(msg)), E_INVALID);
    /* Narrower, disjoint, of another length or another method: fine. */
    CHECK_EQ(pair("/api/a/{x}", HTTP_GET, "/api/a/b", msg, sizeof(msg)), E_OK);
    CHECK_EQ(pair("/api/a/{x}/c", HTTP_GET, "/api/a/b/c", msg, sizeof(msg)), E_OK);
    CHECK_EQ(pair("/api/a/{x}/c", HTTP_GET, "/api/a/{y}/d", msg, sizeof(msg)), E_OK);
    CHECK_EQ(pair("/api/a/{x}", HTTP_GET, "/api/a/{x}/c", msg, sizeof(msg)), E_OK);
    CHECK_EQ(pair("/api/a/{x}", HTTP_PATCH, "/api/a/{y}", msg, sizeof(msg)), E_OK);
}

static void test_malformed_patterns_are_refused(void)
{
    char msg[200] = "";

    CHECK_EQ(pair("/api/ok", HTTP_GET, "/other/x", msg, sizeof(msg)), E_INVALID);
    CHECK(strstr(msg, "/other/x") != NULL);
    CHECK_EQ(pair("/api/ok", HTTP_GET, "/api/x/", msg, sizeof(msg)), E_INVALID);
    CHECK_EQ(pair("/api/ok", HTTP_GET, "/api//x", msg, sizeof(msg)), E_INVALID);
    CHECK_EQ(pair("/api/ok", HTTP_GET, "/api/x{id}", msg, sizeof(msg)), E_INVALID);
    CHECK_EQ(pair("/api/ok", HTTP_GET, "/api/{}", msg, sizeof(msg)), E_INVALID);
    CHECK_EQ(pair("/api/ok", HTTP_GET, "/api/{a}/{b}/{c}/{d}/{e}", msg, sizeof(msg)), E_INVALID);
    CHECK_EQ(pair("/api/ok", HTTP_GET, "/api/{a}/{b}/{c}/{d}", msg, sizeof(msg)), E_OK);
}

static void test_the_real_table_builds(void)
{
    struct route_table t;
    struct err err = { 0 };

    CHECK_EQ(router_init(&t, MODULES, MODULES_LEN, &err), 0);
    CHECK_STR(err.msg, "");
    CHECK(t.len > 30);
    router_release(&t);
}

/* error.fields lists every failing input; field/message stay the first (docs/errors.md). */
static void test_error_body_lists_every_field(void)
{
    struct err e = { 0 };
    struct arena a;
    json_t *j, *fields;
    char *text;

    arena_init(&a, 512);
    err_field_add(&e, &a, "/name", "姓名不能为空");
    err_field_add(&e, &a, "/posts/0/member_id", "班子职务第 1 项：任职党员不能为空");
    j = http_error_json(&e, "r1");
    fields = json_object_get(json_object_get(j, "error"), "fields");
    CHECK_EQ(json_array_size(fields), 2);
    CHECK_STR(json_string_value(json_object_get(json_array_get(fields, 1), "field")),
              "/posts/0/member_id");
    CHECK_STR(json_string_value(json_object_get(json_object_get(j, "error"), "field")), "/name");
    json_decref(j);
    err_clear(&e);
    err_set(&e, E_INVALID, "/code", "组织编码只能包含字母和数字");
    j = http_error_json(&e, "r2");
    text = json_dumps(j, JSON_SORT_KEYS | JSON_COMPACT);
    CHECK_STR(text, "{\"error\":{\"code\":\"invalid\",\"field\":\"/code\",\"fields\":[{\"field\":"
                    "\"/code\",\"message\":\"组织编码只能包含字母和数字\"}],\"message\":"
                    "\"组织编码只能包含字母和数字\",\"request_id\":\"r2\"}}");
    free(text);
    json_decref(j);
    err_clear(&e);
    err_set(&e, E_NOT_FOUND, "/org", "党组织不存在");
    j = http_error_json(&e, "r3");
    CHECK(!json_object_get(json_object_get(j, "error"), "fields"));
    json_decref(j);
    arena_release(&a);
}

TAP_MAIN("http/router", TEST(test_error_body_lists_every_field),
         TEST(test_literal_beats_capture_in_either_order), TEST(test_method_mismatch_and_not_found),
         TEST(test_ambiguous_pairs_are_refused), TEST(test_malformed_patterns_are_refused),
         TEST(test_the_real_table_builds))
