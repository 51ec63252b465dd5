/* router.c: the route table (flattened from the route lists it is handed at start-up), path
 * matching with {name} captures, the dispatch through the guard, the code → HTTP status table
 * and the error body shape. The narrowest matching pattern wins whatever the order of rows;
 * pairs of patterns no order could tell apart are refused at start-up. It does not know about
 * sockets (server.c feeds it) nor what a permission means (the guard does). */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/json.h"
#include "core/json_write.h"
#include "core/log.h"
#include "http/http.h"

int http_status_for(enum err_code c)
{
    static const int status[] = {
        [E_OK] = 200,        [E_INVALID] = 400,  [E_UNAUTHENTICATED] = 401, [E_FORBIDDEN] = 403,
        [E_NOT_FOUND] = 404, [E_CONFLICT] = 409, [E_LIMIT] = 413,           [E_UNAVAILABLE] = 503,
        [E_INTERNAL] = 500,  [E_METHOD] = 405,   [E_THROTTLED] = 429,
    };
    if ((unsigned)c < ARRAY_LEN(status) && status[c])
        return status[c];
    return 500;
}

const char *http_method_name(enum http_method m)
{
    switch (m) {
    case HTTP_GET:
        return "GET";
    case HTTP_POST:
        return "POST";
    case HTTP_PUT:
        return "PUT";
    case HTTP_PATCH:
        return "PATCH";
    case HTTP_DELETE:
        return "DELETE";
    }
    return "?";
}

static json_t *field_error_json(const char *field, const char *msg)
{
    return json_pack("{s:s, s:s}", "field", field, "message", msg);
}

/* An invalid answer's error.fields lists every bad input (the decoder's list, else the one
 * error's field), so a form can mark them all; error.field/message stay the first for older
 * clients. Other answers (403, 404, 409) keep their one field. A conflict refused by rules
 * (err_rule_add) lists their IDs in error.rules and one explanation each in error.details. */
json_t *http_error_json(const struct err *e, const char *request_id)
{
    const char *msg = e->msg[0] ? e->msg : "服务器内部错误";
    const char *field = e->fields ? e->fields->field : e->field;
    json_t *inner = json_pack("{s:s, s:s, s:s}", "code", err_code_name(e->code), "message", msg,
                              "request_id", request_id ? request_id : "");
    json_t *fields = json_array();

    ASSERT(inner && fields);
    for (const struct err_field *f = e->fields; f; f = f->next)
        json_array_append_new(fields, field_error_json(f->field, f->msg));
    if (field[0])
        json_object_set_new(inner, "field", jstr(field));
    if (field[0] && !e->fields)
        json_array_append_new(fields, field_error_json(field, msg));
    if (e->code == E_INVALID && json_array_size(fields))
        json_object_set_new(inner, "fields", fields);
    else
        json_decref(fields);
    if (e->rules) {
        json_t *rules = json_array(), *details = json_array();
        for (const struct err_rule *r = e->rules; r; r = r->next) {
            json_array_append_new(rules, jstr(r->rule));
            json_array_append_new(details, jstr(r->detail));
        }
        json_object_set_new(inner, "rules", rules);
        json_object_set_new(inner, "details", details);
    }
    return json_pack("{s:o}", "error", inner);
}

/* The segment after the '/' at *p: its start and length; *p moves to the next '/' or the end.
 * False when *p is not at a '/'. */
static bool segment_next(const char **p, const char **seg, size_t *len)
{
    const char *s, *end;

    if (**p != '/')
        return false;
    s = *p + 1;
    end = strchr(s, '/');
    *len = end ? (size_t)(end - s) : strlen(s);
    *seg = s;
    *p = s + *len;
    return true;
}

static bool segment_is_capture(const char *s, size_t len)
{
    return len >= 2 && s[0] == '{' && s[len - 1] == '}';
}

/* A pattern the matcher can hold: under an API prefix (http_is_api), no empty segment, each {name}
 * a whole segment, at most HTTP_MAX_PARAMS captures. */
static bool pattern_valid(const char *pat)
{
    const char *seg = NULL;
    size_t len = 0;
    int captures = 0;

    if (!http_is_api(pat))
        return false;
    while (*pat) {
        if (!segment_next(&pat, &seg, &len) || len == 0)
            return false;
        if (segment_is_capture(seg, len)) {
            if (len == 2 || memchr(seg + 1, '{', len - 2) || memchr(seg + 1, '}', len - 2))
                return false;
            captures++;
        } else if (memchr(seg, '{', len) || memchr(seg, '}', len)) {
            return false;
        }
    }
    return captures <= HTTP_MAX_PARAMS;
}

bool http_is_api(const char *path)
{
    return strncmp(path, "/api/", 5) == 0 || strcmp(path, "/api") == 0 ||
           strncmp(path, "/open311/", 9) == 0;
}

/* How two valid patterns relate: PAT_DISJOINT when no path matches both; PAT_A_NARROWER when
 * every path a matches also matches b (a has a literal wherever b has one, and more);
 * PAT_AMBIGUOUS when some path matches both and neither is narrower, which the table refuses. */
enum pat_relation { PAT_DISJOINT, PAT_A_NARROWER, PAT_B_NARROWER, PAT_AMBIGUOUS };

static enum pat_relation pattern_relation(const char *a, const char *b)
{
    bool a_in_b = true, b_in_a = true;
    const char *sa = NULL, *sb = NULL;
    size_t la = 0, lb = 0;

    while (*a && *b) {
        segment_next(&a, &sa, &la);
        segment_next(&b, &sb, &lb);
        bool ca = segment_is_capture(sa, la), cb = segment_is_capture(sb, lb);
        if (!ca && !cb && (la != lb || memcmp(sa, sb, la) != 0))
            return PAT_DISJOINT;
        if (ca && !cb)
            a_in_b = false;
        if (cb && !ca)
            b_in_a = false;
    }
    if (*a || *b)
        return PAT_DISJOINT; /* a capture matches one segment, so lengths must agree */
    if (a_in_b != b_in_a)
        return a_in_b ? PAT_A_NARROWER : PAT_B_NARROWER;
    return PAT_AMBIGUOUS;
}

/* Checks one row on its own and against the rows before it. */
static int route_check(const struct route *const *rows, size_t k, struct err *err)
{
    const struct route *r = rows[k];

    if (r->perm == 0)
        return err_set(err, E_INTERNAL, "", "路由 %s %s 未声明权限", http_method_name(r->method),
                       r->pattern);
    if (!pattern_valid(r->pattern))
        return err_set(err, E_INVALID, "",
                       "路由 %s %s 格式不对：须在 /api/ 下，段不为空，{名称} 占整段，至多 %d 个",
                       http_method_name(r->method), r->pattern, HTTP_MAX_PARAMS);
    for (size_t i = 0; i < k; i++) {
        if (rows[i]->method == r->method &&
            pattern_relation(rows[i]->pattern, r->pattern) == PAT_AMBIGUOUS)
            return err_set(err, E_INVALID, "", "路由 %s %s 与 %s %s 可匹配同一地址，无法区分",
                           http_method_name(rows[i]->method), rows[i]->pattern,
                           http_method_name(r->method), r->pattern);
    }
    return 0;
}

int router_init(struct route_table *t, const struct route *const *lists, size_t n,
                const struct http_guard *guard, struct err *err)
{
    size_t rows = 0;

    ASSERT(guard && guard->authorize && guard->perm_name && guard->scope_name && guard->answers);
    for (size_t m = 0; m < n; m++)
        for (const struct route *r = lists[m]; r && r->pattern; r++)
            rows++;
    t->rows = calloc(rows ? rows : 1, sizeof(*t->rows));
    ASSERT(t->rows);
    t->len = 0;
    t->guard = guard;
    for (size_t m = 0; m < n; m++) {
        for (const struct route *r = lists[m]; r && r->pattern; r++) {
            t->rows[t->len] = r;
            if (route_check(t->rows, t->len, err) < 0) {
                router_release(t);
                return -1;
            }
            t->len++;
        }
    }
    return 0;
}

void router_release(struct route_table *t)
{
    free(t->rows);
    t->rows = NULL;
    t->len = 0;
    t->guard = NULL;
}

/* Matches path against a valid pattern segment by segment; {x} matches one non-empty segment.
 * Counts the literal segments in *literals; fills req's captures when req is not NULL. */
static bool pattern_match(const char *pat, const char *path, struct http_req *req, int *literals)
{
    int nparams = 0;
    const char *params[HTTP_MAX_PARAMS];
    const char *sp = NULL, *sq = NULL;
    size_t lp = 0, lq = 0;

    *literals = 0;
    while (*pat) {
        segment_next(&pat, &sp, &lp);
        if (!segment_next(&path, &sq, &lq))
            return false;
        if (segment_is_capture(sp, lp)) {
            if (lq == 0)
                return false;
            ASSERT(nparams < HTTP_MAX_PARAMS); /* router_init refuses more */
            params[nparams++] = req ? arena_strndup(req->arena, sq, lq) : NULL;
        } else if (lp != lq || memcmp(sp, sq, lp) != 0) {
            return false;
        } else {
            (*literals)++;
        }
    }
    if (*path)
        return false;
    if (req) {
        memcpy(req->params, params, sizeof(params[0]) * (size_t)nparams);
        req->nparams = nparams;
    }
    return true;
}

/* The matching rows for one method form a chain (router_init refused the rest), so the one
 * with the most literal segments is the narrowest: a literal beats {x} whatever the order. */
int router_match(const struct route_table *t, enum http_method m, const char *path,
                 struct http_req *req, const struct route **out, struct err *err)
{
    const struct route *best = NULL;
    int best_literals = -1, literals;

    for (size_t i = 0; i < t->len; i++) {
        const struct route *r = t->rows[i];
        if (r->method == m && pattern_match(r->pattern, path, NULL, &literals) &&
            literals > best_literals) {
            best = r;
            best_literals = literals;
        }
    }
    if (best) {
        pattern_match(best->pattern, path, req, &literals);
        *out = best;
        return 0;
    }
    for (size_t i = 0; i < t->len; i++)
        if (pattern_match(t->rows[i]->pattern, path, NULL, &literals))
            return err_set(err, E_METHOD, "", "该地址不支持 %s 方法", http_method_name(m));
    return err_set(err, E_NOT_FOUND, "", "接口不存在：%s", path);
}

/* A JSON route's body must be declared application/json (parameters such as "; charset=utf-8"
 * allowed), so a plain HTML form on another site, which can send only text/plain, urlencoded
 * or multipart bodies, cannot post JSON (issue 15, login CSRF). Upload routes (a route with its
 * own body_max, http.h) take multipart/form-data, which their handler checks with its own
 * message. An empty body needs no type. */
static int body_type_check(struct http_req *req, struct err *err)
{
    const char *ct;
    static const char want[] = "application/json";

    if (req->body_len == 0 || req->route->body_max)
        return 0;
    ct = http_header(req, "Content-Type");
    if (ct && strncasecmp(ct, want, sizeof(want) - 1) == 0) {
        for (ct += sizeof(want) - 1; *ct == ' ' || *ct == '\t'; ct++)
            ;
        if (*ct == '\0' || *ct == ';')
            return 0;
    }
    return err_set(err, E_INVALID, "",
                   "请求内容须为 JSON，请设置请求头 Content-Type: application/json");
}

void router_dispatch(const struct route_table *t, struct http_req *req, struct http_res *res)
{
    struct err err = { 0 };

    if (t->guard->authorize(req, res, &err) == 0 && body_type_check(req, &err) == 0 &&
        req->route->handler(req, res, &err) == 0)
        return;
    if (err.code == E_OK)
        err_set(&err, E_INTERNAL, "", "服务器内部错误");
    if (res->json) {
        json_decref(res->json);
        res->json = NULL;
    }
    res->body = NULL;
    http_res_json(res, http_status_for(err.code), http_error_json(&err, req->request_id));
    atomic_fetch_add(&req->stats->errors[err.code], 1);
    if (err.code == E_INTERNAL || err.code == E_UNAVAILABLE)
        log_error("request_error", "rid=%s route=%s code=%s detail=\"%s\"", req->request_id,
                  req->route->pattern, err_code_name(err.code), err.detail);
}

void http_page_defaults(int64_t *page, int64_t *size)
{
    if (*page <= 0)
        *page = 1;
    if (*size <= 0)
        *size = 20;
}

json_t *http_list_json(json_t *items, int64_t total, int64_t page, int64_t size)
{
    return json_pack("{s:o, s:I, s:I, s:I}", "items", items, "total", (json_int_t)total, "page",
                     (json_int_t)page, "size", (json_int_t)size);
}

void http_list_write_begin(struct json_writer *w)
{
    json_write_object_begin(w);
    json_write_key(w, "items");
    json_write_array_begin(w);
}

void http_list_write_end(struct json_writer *w, int64_t total, int64_t page, int64_t size)
{
    json_write_array_end(w);
    json_write_kint(w, "total", total);
    json_write_kint(w, "page", page);
    json_write_kint(w, "size", size);
    json_write_object_end(w);
}
