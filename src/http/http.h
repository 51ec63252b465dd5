/* http.h: requests, responses, route rows and the server. Handlers have one shape:
 * decode and validate input, call one service function, encode the answer. Everything a
 * handler allocates comes from req->arena and dies with the request. */
#pragma once

#include <jansson.h>
#include "core/err.h"

struct app;
struct arena;
struct cfg;
struct err;
struct field;
struct auth_user;
struct buf;
struct json_writer;

enum http_method { HTTP_GET = 1, HTTP_POST, HTTP_PUT, HTTP_PATCH, HTTP_DELETE };

#define HTTP_MAX_PARAMS  4
#define HTTP_MAX_HEADERS 8
#define HTTP_JSON_TYPE   "application/json; charset=utf-8"
#define HTTP_XLSX_TYPE   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

struct route;
struct http_stats;

struct http_req {
    struct app *app; /* opaque to http/: the composition root's, handed to handlers */
    const struct cfg *cfg;
    struct http_stats *stats; /* the server's counters (read by GET /api/health) */
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
    struct auth_user *user; /* the signed-in caller, set by the guard; NULL on public routes */
    void *slot; /* the guard's per-request state (opaque to http/; NULL until it sets it) */
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
    /* The permission and scope source, opaque to http/: the guard (struct http_guard) gives
     * them meaning; areas write them as enum perm and enum scope_from values
     * (domain/auth/perm.h). perm 0 means "not declared", which router_init refuses. */
    int perm;
    int scope;
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
/* Adds a response header; name and value must live as long as the request (arena/static). */
void http_res_header(struct http_res *res, const char *name, const char *value);
/* attachment.c: answers 200 with an .xlsx file (p is copied) named ascii_name for old clients
 * and utf8_name ("党员名册.xlsx") for the rest. */
void http_res_xlsx(struct http_req *req, struct http_res *res, const void *p, size_t n,
                   const char *ascii_name, const char *utf8_name);
/* The same for any stored file of content_type, always as an attachment (never inline). */
void http_res_file(struct http_req *req, struct http_res *res, const char *content_type,
                   const void *p, size_t n, const char *ascii_name, const char *utf8_name);

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

/* ---- the server's counters, the guard and the route table ---- */

/* Requests and errors by code since start, exposed at GET /api/health. */
struct http_stats {
    atomic_llong requests;
    atomic_llong errors[E_THROTTLED + 1];
};

/* What a route can answer because of the guard, for the OpenAPI error list (openapi.c). */
#define HTTP_GUARD_SESSION (1u << 0) /* needs a session: 401, and a security requirement */
#define HTTP_GUARD_REFUSE  (1u << 1) /* may refuse the caller: 403 */
#define HTTP_GUARD_SCOPED  (1u << 2) /* looks up an org or record in scope: 404 */

/* The authorization the composition root hands the router (src/app/); the auth area's guard
 * (domain/auth/auth_guard.h) is the one in use. http/ knows a route's perm and scope only as
 * numbers and asks the guard for everything else. */
struct http_guard {
    /* Runs before every handler: may set req->user and req->slot, and headers on res. */
    int (*authorize)(struct http_req *req, struct http_res *res, struct err *err);
    const char *(*perm_name)(int perm);         /* "members.read", for `dangjian routes`, OpenAPI */
    const char *(*scope_name)(int scope);       /* "caller", ... */
    unsigned (*answers)(const struct route *r); /* HTTP_GUARD_* bits */
};

/* The route table, flattened from every module at start-up. */
struct route_table {
    const struct route **rows;
    size_t len;
    const struct http_guard *guard;
};
/* Whether a path is served by the router rather than from web_root: /api/... and the Open311
 * GeoReport read API, /open311/... (its standard paths). */
bool http_is_api(const char *path);
/* Builds the table from n lists of route rows, each ending with a row whose pattern is NULL
 * (kept by pointer, like guard: they must outlive it). Fails
 * with E_INVALID, naming the rows, on a malformed pattern or on two rows of one method that
 * can match the same path where neither is narrower (/a/{x} and /a/{y}; /a/{x}/c and
 * /a/b/{y}); /a/b and /a/{x} are fine, the literal wins. A row without a permission is
 * E_INTERNAL. Leaves t empty on failure. */
int router_init(struct route_table *t, const struct route *const *lists, size_t n,
                const struct http_guard *guard, struct err *err);
void router_release(struct route_table *t);
/* Finds the narrowest route for method+path and fills req's captures (req may be NULL).
 * E_METHOD when only other methods match the path, else E_NOT_FOUND. */
int router_match(const struct route_table *t, enum http_method m, const char *path,
                 struct http_req *req, const struct route **out, struct err *err);
/* Runs a matched request through the guard, the handler and error encoding. */
void router_dispatch(const struct route_table *t, struct http_req *req, struct http_res *res);

/* The server: listens, serves /api/ and /open311/ through the router and everything else from
 * web_root. */
struct http_server_opts {
    const struct cfg *cfg;
    struct app *app;                   /* opaque: handed to handlers as req->app */
    const struct route *const *routes; /* route lists for router_init */
    size_t nroutes;
    const struct http_guard *guard;
};
struct http_server;
int http_server_start(const struct http_server_opts *o, struct http_server **out, struct err *err);
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
