/* router_test.c: the route table without a server or any domain area: a literal segment
 * beats {x} whatever the order of rows, captures are filled, ambiguous pairs, malformed
 * patterns and rows without a permission are refused naming the rows, another method's path is
 * E_METHOD and an unknown one E_NOT_FOUND; dispatch runs the guard it was handed before the
 * handler and turns either one's error into the error body and a count by code. */
#include "tap.h"
#include "core/arena.h"
#include "core/json.h"
#include "http/http.h"

/* A guard that refuses perm 2 and counts its calls; perm 1 passes. */
static int guard_calls;

static int t_authorize(struct http_req *req, struct http_res *res, struct err *err)
{
    UNUSED(res);
    guard_calls++;
    if (req->route->perm == 2)
        return err_set(err, E_FORBIDDEN, "", "refused");
    return 0;
}

static const char *t_perm_name(int perm)
{
    return perm == 1 ? "open" : "closed";
}

static const char *t_scope_name(int scope)
{
    return scope ? "scoped" : "none";
}

static unsigned t_answers(const struct route *r)
{
    return r->perm == 2 ? HTTP_GUARD_SESSION | HTTP_GUARD_REFUSE : 0;
}

static const struct http_guard GUARD = { t_authorize, t_perm_name, t_scope_name, t_answers };

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
        m, p, h, 1, 0, "test", NULL, NULL, NULL                                                    \
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

#define ITEMS   ITEM_FIRST
#define EXPORTS EXPORT_ROWS

/* Matches m+path in a table built from mods; returns the handler or NULL, code the error. */
static http_handler_fn *match(const struct route *const *mods, size_t n, enum http_method m,
                              const char *path, struct http_req *req, enum err_code *code)
{
    struct route_table t;
    const struct route *r = NULL;
    struct err err = { 0 };

    *code = E_OK;
    if (router_init(&t, mods, n, &GUARD, &err) < 0) {
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
    const struct route *const before[] = { ITEMS, EXPORTS };
    const struct route *const after[] = { EXPORTS, ITEMS };
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
    const struct route *const mods[] = { ITEMS, EXPORTS };
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
    const struct route *const mods[] = { rows };
    struct route_table t;
    struct err err = { 0 };

    if (router_init(&t, mods, 1, &GUARD, &err) == 0) {
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
    /* The Open311 read API's standard paths are the one other prefix the router serves. */
    CHECK_EQ(pair("/api/ok", HTTP_GET, "/open311/v2/requests/{id}", msg, sizeof(msg)), E_OK);
    CHECK_EQ(pair("/api/ok", HTTP_GET, "/open3110/x", msg, sizeof(msg)), E_INVALID);
    CHECK(http_is_api("/api/x") && http_is_api("/open311/v2/services.json"));
    CHECK(!http_is_api("/apix") && !http_is_api("/open311") && !http_is_api("/index.html"));
}

static void test_a_row_without_permission_is_refused(void)
{
    const struct route rows[] = {
        { HTTP_GET, "/api/open", h_item, 0, 0, "test", NULL, NULL, NULL },
        { 0 },
    };
    const struct route *const lists[] = { ITEMS, rows, NULL };
    struct route_table t;
    struct err err = { 0 };

    CHECK_EQ(router_init(&t, lists, 2, &GUARD, &err), -1);
    CHECK_EQ(err.code, E_INTERNAL);
    CHECK(strstr(err.msg, "GET /api/open") != NULL);
    CHECK(t.rows == NULL && t.len == 0);
    /* A NULL list (a module without routes) adds nothing. */
    err_clear(&err);
    CHECK_EQ(router_init(&t, lists + 2, 1, &GUARD, &err), 0);
    CHECK_EQ(t.len, 0);
    router_release(&t);
}

static int h_fail(struct http_req *req, struct http_res *res, struct err *err)
{
    UNUSED(req);
    UNUSED(res);
    return err_set(err, E_CONFLICT, "/name", "taken");
}

static int h_silent(struct http_req *req, struct http_res *res, struct err *err)
{
    UNUSED(req);
    UNUSED(res);
    UNUSED(err);
    return -1; /* a bug: failed without saying why */
}

static int h_ok(struct http_req *req, struct http_res *res, struct err *err)
{
    UNUSED(req);
    UNUSED(err);
    http_res_json(res, 200, json_pack("{s:b}", "ok", 1));
    return 0;
}

/* Dispatches GET path through a table of the rows below; returns the status. */
static int dispatch(const char *path, struct http_stats *stats, json_t **body_out)
{
    static const struct route rows[] = {
        { HTTP_GET, "/api/ok", h_ok, 1, 0, "ok", NULL, NULL, NULL },
        { HTTP_GET, "/api/closed", h_ok, 2, 0, "closed", NULL, NULL, NULL },
        { HTTP_GET, "/api/fail", h_fail, 1, 0, "fail", NULL, NULL, NULL },
        { HTTP_GET, "/api/silent", h_silent, 1, 0, "silent", NULL, NULL, NULL },
        { 0 },
    };
    const struct route *const lists[] = { rows };
    struct route_table t;
    struct http_req req = { 0 };
    struct http_res res = { 0 };
    struct arena a;
    struct err err = { 0 };

    arena_init(&a, 1024);
    req.arena = &a;
    req.stats = stats;
    snprintf(req.request_id, sizeof(req.request_id), "rid1");
    CHECK_EQ(router_init(&t, lists, 1, &GUARD, &err), 0);
    CHECK_EQ(router_match(&t, HTTP_GET, path, &req, &req.route, &err), 0);
    router_dispatch(&t, &req, &res);
    router_release(&t);
    arena_release(&a);
    *body_out = res.json;
    return res.status;
}

static void test_dispatch_runs_the_guard_then_the_handler(void)
{
    struct http_stats stats = { 0 };
    json_t *body = NULL;

    guard_calls = 0;
    CHECK_EQ(dispatch("/api/ok", &stats, &body), 200);
    CHECK(json_is_true(json_object_get(body, "ok")));
    json_decref(body);
    CHECK_EQ(guard_calls, 1);
    CHECK_EQ(dispatch("/api/closed", &stats, &body), 403);
    CHECK_STR(json_string_value(json_object_get(json_object_get(body, "error"), "code")),
              "forbidden");
    json_decref(body);
    CHECK_EQ(dispatch("/api/fail", &stats, &body), 409);
    CHECK_STR(json_string_value(json_object_get(json_object_get(body, "error"), "field")), "/name");
    CHECK_STR(json_string_value(json_object_get(json_object_get(body, "error"), "request_id")),
              "rid1");
    json_decref(body);
    CHECK_EQ(dispatch("/api/silent", &stats, &body), 500);
    json_decref(body);
    CHECK_EQ(guard_calls, 4);
    CHECK_EQ(atomic_load(&stats.errors[E_FORBIDDEN]), 1);
    CHECK_EQ(atomic_load(&stats.errors[E_CONFLICT]), 1);
    CHECK_EQ(atomic_load(&stats.errors[E_INTERNAL]), 1);
    CHECK_EQ(atomic_load(&stats.errors[E_OK]), 0);
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

/* A conflict refused by rules lists each rule and its explanation in order; the message is
 * the first; another error set first keeps the rules out (docs/errors.md). */
static void test_error_body_lists_every_rule(void)
{
    struct err e = { 0 };
    struct arena a;
    json_t *j, *inner;

    arena_init(&a, 512);
    err_rule_add(&e, &a, "DEV-OBJ-MIN", "确定发展对象（2025-03-09）须在2025-03-10或以后");
    err_rule_add(&e, &a, "DEV-STEP-DATE", "日期（2025-03-09）早于上一步骤的日期（2025-03-10）");
    CHECK_EQ(e.code, E_CONFLICT);
    j = http_error_json(&e, "r4");
    inner = json_object_get(j, "error");
    CHECK_STR(json_string_value(json_object_get(inner, "code")), "conflict");
    CHECK_STR(json_string_value(json_object_get(inner, "message")),
              "确定发展对象（2025-03-09）须在2025-03-10或以后");
    CHECK_EQ(json_array_size(json_object_get(inner, "rules")), 2);
    CHECK_STR(json_string_value(json_array_get(json_object_get(inner, "rules"), 1)),
              "DEV-STEP-DATE");
    CHECK_STR(json_string_value(json_array_get(json_object_get(inner, "details"), 1)),
              "日期（2025-03-09）早于上一步骤的日期（2025-03-10）");
    CHECK(!json_object_get(inner, "fields"));
    json_decref(j);
    err_clear(&e);
    err_set(&e, E_NOT_FOUND, "", "申请人不存在");
    err_rule_add(&e, &a, "DEV-AGE", "未满18周岁");
    CHECK_EQ(e.code, E_NOT_FOUND);
    j = http_error_json(&e, "r5");
    CHECK(!json_object_get(json_object_get(j, "error"), "rules"));
    json_decref(j);
    arena_release(&a);
}

TAP_MAIN("http/router", TEST(test_error_body_lists_every_field),
         TEST(test_error_body_lists_every_rule), TEST(test_literal_beats_capture_in_either_order),
         TEST(test_method_mismatch_and_not_found), TEST(test_ambiguous_pairs_are_refused),
         TEST(test_malformed_patterns_are_refused), TEST(test_a_row_without_permission_is_refused),
         TEST(test_dispatch_runs_the_guard_then_the_handler))
