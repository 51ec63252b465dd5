/* http.h: requests, responses, route rows and the server. Handlers have one shape:
 * decode and validate input, call one service function, encode the answer. Everything a
 * handler allocates comes from req->arena and dies with the request. */
#pragma once

#include <jansson.h>
#include "core/err.h"
#include "domain/auth/perm.h"
#include "domain/cache/cache.h"

struct app;
struct arena;
struct cfg;
struct err;
struct field;
struct auth_user;
struct auth_actor;
struct buf;
struct json_writer;

enum http_method { HTTP_GET = 1, HTTP_POST, HTTP_PUT, HTTP_PATCH, HTTP_DELETE };

#define HTTP_MAX_PARAMS  4
#define HTTP_MAX_HEADERS 8
#define HTTP_JSON_TYPE   "application/json; charset=utf-8"
#define HTTP_XLSX_TYPE   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

struct route;

struct http_req {
    struct app *app;
    struct arena *arena;
    void *conn; /* the server's connection handle, for header and query lookup */
    enum http_method method;
    const char *path;
    const char *params[HTTP_MAX_PARAMS]; /* {name} captures of the route pattern, in order */
    int nparams;
    const char *body; /* NUL-terminated; NULL when there is none */
    size_t body_len;
    char request_id[17];
    char client_ip[48];
    const struct route *route;
    struct auth_user *user;  /* the signed-in caller; NULL on public routes */
    struct generations gens; /* the database's change counters, read once (http_generations) */
    bool gens_read;
};

struct http_res {
    int status;
    json_t *json;     /* owned: the body, dumped once; NULL for raw bodies */
    const char *body; /* raw body from the arena (exports), with content_type */
    size_t body_len;
    const char *content_type;
    const char *headers[HTTP_MAX_HEADERS][2];
    int nheaders;
};

typedef int http_handler_fn(struct http_req *req, struct http_res *res, struct err *err);

struct route {
    enum http_method method;
    const char *pattern; /* "/api/orgs/{id}" */
    http_handler_fn *handler;
    enum perm perm;
    enum scope_from scope;
    const char *summary; /* zh-CN, one line; also in docs/openapi.json (generated) */
    /* The request body ceiling for uploads, read from the configuration (import.max_bytes);
     * NULL for the default, http.body_max. A route with its own ceiling is a file upload and
     * takes multipart/form-data; every other route takes application/json (server.c refuses
     * any other Content-Type before the handler runs). */
    int64_t (*body_max)(const struct cfg *cfg);
    /* The field specs the handler decodes its query string and JSON body with (NULL when it
     * takes none); `dangjian openapi` documents the parameters and request body from them. */
    const struct field *query;
    const struct field *body;
};

/* Sets the JSON answer (steals the reference). */
void http_res_json(struct http_res *res, int status, json_t *body);
/* Sets a body that is already encoded (JSON text from a json_writer, an .xlsx file); body must
 * live as long as the request (arena or static). */
void http_res_body(struct http_res *res, int status, const char *content_type, const char *body,
                   size_t len);
/* Starts a JSON answer written with a json_writer into a buffer in the request arena. */
void http_res_writer_begin(struct http_req *req, struct json_writer *w, struct buf *b);
/* Ends it: sets the buffer as the JSON body; E_LIMIT when it outgrew http.res_max. */
int http_res_writer_end(struct http_res *res, int status, struct buf *b, struct err *err);
/* Answers derived from the roster, kept in the app's cache (domain/cache/cache.h). A handler
 * names the answer by a key holding everything it depends on but the roster and the day
 * (scope, filters, page); http_cache_answer then either answers from the cache (returns 1) or
 * returns 0 with the slot to fill, after computing, by http_res_writer_end_cached. */
struct http_cache_slot {
    const char *key; /* the handler's key with today's date appended */
    int64_t gen;     /* the roster generation read before computing */
};
int http_cache_answer(struct http_req *req, struct http_res *res, const char *key,
                      struct http_cache_slot *slot, struct err *err);
/* http_res_writer_end with status 200, then stores the answer in the slot. */
int http_res_writer_end_cached(struct http_req *req, struct http_res *res, struct buf *b,
                               const struct http_cache_slot *slot, struct err *err);
/* Adds a response header; name and value must live as long as the request (arena/static). */
void http_res_header(struct http_res *res, const char *name, const char *value);
/* attachment.c: answers 200 with an .xlsx file (p is copied) named ascii_name for old clients
 * and utf8_name ("党员名册.xlsx") for the rest. */
void http_res_xlsx(struct http_req *req, struct http_res *res, const void *p, size_t n,
                   const char *ascii_name, const char *utf8_name);

/* Request accessors; returned strings live as long as the request. NULL when absent. */
const char *http_query(struct http_req *req, const char *name);
const char *http_header(struct http_req *req, const char *name);
const char *http_cookie(struct http_req *req, const char *name);

/* Decodes the JSON body against spec (see core/json.h): every failing field is reported. */
int http_body_decode(struct http_req *req, const struct field *spec, void *out,
                     uint64_t *present_out, struct err *err);
/* Decodes query parameters against spec; unknown parameters fail. Every bad or missing
 * parameter is reported at once (err->fields), like a body's fields. */
int http_query_decode(struct http_req *req, const struct field *spec, void *out,
                      uint64_t *present_out, struct err *err);
/* Path capture i as a positive id; a non-number is E_NOT_FOUND. */
int http_param_id(struct http_req *req, int i, int64_t *out, struct err *err);

const char *http_method_name(enum http_method m);
/* The HTTP status for an error code (one table, router.c). */
int http_status_for(enum err_code c);
/* The error body {"error":{code,message,field,request_id}}. */
json_t *http_error_json(const struct err *e, const char *request_id);

/* List paging in query strings: ?page= (from 1) &size= (1–200, default 20). Put
 * `int64_t page, size;` in the query struct and these rows in its spec; http_page_defaults
 * fills what was not given. */
#define HTTP_PAGE_FIELDS(T)                                                                        \
    FIELD_INT(T, page, "page", "页码", FIELD_OPTIONAL, 1, 1000000),                                \
        FIELD_INT(T, size, "size", "每页条数", FIELD_OPTIONAL, 1, 200)
void http_page_defaults(int64_t *page, int64_t *size);
/* {items, total, page, size}; steals items. */
json_t *http_list_json(json_t *items, int64_t total, int64_t page, int64_t size);
/* The same shape written with a json_writer: begin opens {"items":[ for the caller's items,
 * end closes the array and adds total, page and size. */
void http_list_write_begin(struct json_writer *w);
void http_list_write_end(struct json_writer *w, int64_t total, int64_t page, int64_t size);

/* ---- authorization helpers for handlers (authz.c) ---- */

/* Checks the caller holds the route's permission at org_id (SCOPE_RECORD routes). A missing
 * org and an org outside the scope both read as E_NOT_FOUND, so ids reveal nothing. */
int http_require_org(struct http_req *req, int64_t org_id, struct err *err);
/* The subtree a SCOPE_CALLER list covers: org_id when given (and in scope), else the widest
 * grant carrying the route's permission. */
int http_scope_path(struct http_req *req, int64_t org_id, const char **path_out, struct err *err);
/* Who is acting, for audit rows. */
void http_actor(struct http_req *req, struct auth_actor *out);
/* Runs the route's permission check: session cookie, CSRF on writes, forced password
 * change, permission, path-org scope. Sets req->user, and the cookie again on res when the
 * session's expiry slid. */
int http_authorize(struct http_req *req, struct http_res *res, struct err *err);
/* For a public route that answers signed-in callers differently (GET /api/session): sets
 * req->user to the cookie's session, or NULL when there is none or it has ended (no error);
 * fails only when the session cannot be read (database). */
int http_session_optional(struct http_req *req, struct http_res *res, struct err *err);
/* The session cookie carrying token for max_age seconds (0 ends it). */
const char *http_session_cookie(struct http_req *req, const char *token, int64_t max_age);
/* The database's change counters as of this request: read on first use, then the same for
 * the rest of the request. */
int http_generations(struct http_req *req, const struct generations **out, struct err *err);

/* The route table, flattened from every module at start-up. */
struct route_table {
    const struct route **rows;
    size_t len;
};
struct module;
/* Builds the table from the modules' route rows (kept by pointer: they must outlive it). Fails
 * with E_INVALID, naming the rows, on a malformed pattern or on two rows of one method that
 * can match the same path where neither is narrower (/a/{x} and /a/{y}; /a/{x}/c and
 * /a/b/{y}); /a/b and /a/{x} are fine, the literal wins. A row without a permission is
 * E_INTERNAL. Leaves t empty on failure. */
int router_init(struct route_table *t, const struct module *const *modules, size_t nmodules,
                struct err *err);
void router_release(struct route_table *t);
/* Finds the narrowest route for method+path and fills req's captures (req may be NULL).
 * E_METHOD when only other methods match the path, else E_NOT_FOUND. */
int router_match(const struct route_table *t, enum http_method m, const char *path,
                 struct http_req *req, const struct route **out, struct err *err);
/* Runs a matched request through permission check, handler and error encoding. */
void router_dispatch(struct http_req *req, struct http_res *res);

/* The server: listens, serves /api/ through the router and everything else from web_root. */
struct http_server;
int http_server_start(struct app *app, struct http_server **out, struct err *err);
int http_server_port(const struct http_server *s);
void http_server_stop(struct http_server **s);

/* multipart.c: the part named "file" of a multipart/form-data body (RFC 7578). data and len
 * point into req->body; filename (NULL when not given) is from req->arena. E_INVALID "/file"
 * when the body is not multipart or has no such part. */
struct http_upload {
    const char *data;
    size_t len;
    const char *filename;
};
int http_multipart_file(struct http_req *req, struct http_upload *out, struct err *err);
/* The same over a Content-Type value and a body (len bytes; body may be NULL when len is 0). */
int http_multipart_find(const char *content_type, const char *body, size_t len, struct arena *a,
                        struct http_upload *out, struct err *err);
