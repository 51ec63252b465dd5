/* server.c: libmicrohttpd glue. One epoll loop feeding a thread pool; per request an arena,
 * a bounded body, the route match, the dispatch and one access-log line. Requests outside
 * /api/ and /open311/ (http_is_api) go to the static file server. TLS is the reverse proxy's
 * job. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/cfg.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json.h"
#include "core/json_write.h"
#include "core/log.h"
#include "http/http_int.h"

#define TRUSTED_PROXIES_MAX 16

struct http_server {
    struct MHD_Daemon *d;
    struct app *app;
    const struct cfg *cfg;
    struct route_table routes;
    struct http_stats stats;
    int port;
    /* http.trusted_proxies in canonical text form (inet_ntop of inet_pton). */
    char trusted[TRUSTED_PROXIES_MAX][INET6_ADDRSTRLEN];
    int ntrusted;
};

struct req_ctx {
    bool started;    /* on_request has set up the rest */
    bool nul;        /* a NUL byte in the request line, a parameter or a header */
    const char *uri; /* the raw request target in MHD's buffer (uri_log), not unescaped */
    size_t uri_len;  /* its length up to the first NUL */
    struct arena arena;
    struct buf body;
    bool too_large;
    struct err route_err; /* why no route matched an /api/ request (matched before the body) */
    int64_t started_us;
    bool via_proxy; /* the socket peer is one of http.trusted_proxies */
    struct http_req req;
};

static uint64_t rid_prefix;
static atomic_ullong rid_counter;

void http_security_headers(struct MHD_Response *r, bool api)
{
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(
        r, "Content-Security-Policy",
        api ? "default-src 'none'; frame-ancestors 'none'"
            : "default-src 'self'; script-src 'self'; style-src 'self' "
              "'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
              "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
}

void http_res_json(struct http_res *res, int status, json_t *body)
{
    ASSERT(body);
    if (res->json)
        json_decref(res->json);
    res->status = status;
    res->json = body;
}

void http_res_body(struct http_res *res, int status, const char *content_type, const char *body,
                   size_t len)
{
    if (res->json)
        json_decref(res->json);
    res->json = NULL;
    res->status = status;
    res->content_type = content_type;
    res->body = body;
    res->body_len = len;
}

void http_res_writer_begin(struct http_req *req, struct json_writer *w, struct buf *b)
{
    buf_init(b, req->arena, (size_t)req->cfg->http_res_max);
    json_write_init(w, b);
}

int http_res_writer_end(struct http_res *res, int status, struct buf *b, struct err *err)
{
    if (buf_failed(b))
        return err_set(err, E_LIMIT, "", "结果过大，请缩小查询范围");
    http_res_body(res, status, HTTP_JSON_TYPE, buf_cstr(b), b->len);
    return 0;
}

void http_res_header(struct http_res *res, const char *name, const char *value)
{
    ASSERT(res->nheaders < HTTP_MAX_HEADERS);
    res->headers[res->nheaders][0] = name;
    res->headers[res->nheaders][1] = value;
    res->nheaders++;
}

static const char *lookup(struct http_req *req, enum MHD_ValueKind kind, const char *name)
{
    return MHD_lookup_connection_value(req->conn, kind, name);
}

const char *http_query(struct http_req *req, const char *name)
{
    return lookup(req, MHD_GET_ARGUMENT_KIND, name);
}

const char *http_header(struct http_req *req, const char *name)
{
    return lookup(req, MHD_HEADER_KIND, name);
}

const char *http_cookie(struct http_req *req, const char *name)
{
    return lookup(req, MHD_COOKIE_KIND, name);
}

int http_body_decode(struct http_req *req, const struct field *spec, void *out,
                     uint64_t *present_out, struct err *err)
{
    return json_decode(req->body ? req->body : "", req->body_len, (int)req->cfg->http_json_depth,
                       spec, out, present_out, req->arena, err);
}

struct query_iter {
    struct http_req *req;
    const struct field *spec;
    void *out;
    uint64_t present, seen; /* seen: given, whether or not it decoded */
    struct err *err;
    bool failed;
};

/* Decodes one parameter; a bad one is recorded (err_field_add) and the rest still read, so
 * every bad parameter is reported at once. */
static enum MHD_Result query_each(void *cls, enum MHD_ValueKind kind, const char *key,
                                  const char *value)
{
    struct query_iter *it = cls;
    struct err one = { 0 };
    size_t i;

    UNUSED(kind);
    for (i = 0; it->spec[i].name; i++)
        if (strcmp(it->spec[i].name, key) == 0)
            break;
    if (!it->spec[i].name) {
        err_set(&one, E_INVALID, "", "不认识的查询参数：%s", key);
    } else if (!value || utf8_only_blank(value)) {
        return MHD_YES; /* "?q=", or a box left with a pasted space or U+3000: no filter */
    } else {
        it->seen |= 1ull << i;
        if (field_decode_text(&it->spec[i], value, it->out, it->req->arena, &one) == 0) {
            it->present |= 1ull << i;
            return MHD_YES;
        }
    }
    it->failed = true;
    err_field_add(it->err, it->req->arena, arena_printf(it->req->arena, "/%s", key), one.msg);
    return MHD_YES;
}

int http_query_decode(struct http_req *req, const struct field *spec, void *out,
                      uint64_t *present_out, struct err *err)
{
    struct query_iter it = { req, spec, out, 0, 0, err, false };

    MHD_get_connection_values(req->conn, MHD_GET_ARGUMENT_KIND, query_each, &it);
    for (size_t i = 0; spec[i].name; i++) {
        if ((spec[i].flags & FIELD_REQUIRED) && !(it.seen & (1ull << i))) {
            it.failed = true;
            err_field_add(err, req->arena, arena_printf(req->arena, "/%s", spec[i].name),
                          arena_printf(req->arena, "缺少查询参数%s", spec[i].label));
        }
    }
    if (it.failed)
        return -1;
    if (present_out)
        *present_out = it.present;
    return 0;
}

/* An id in a path is a canonical decimal: 1–18 digits without a sign, spaces or leading zero,
 * so /api/members/007 or /api/members/+7 is not another name for /api/members/7. */
int http_param_id(struct http_req *req, int i, int64_t *out, struct err *err)
{
    const char *s;
    size_t n;
    int64_t v;

    ASSERT(i < req->nparams);
    s = req->params[i];
    n = strlen(s);
    if (n == 0 || n > 18 || s[0] < '1' || s[0] > '9' || strspn(s, "0123456789") != n ||
        parse_i64(s, n, &v) < 0 || v <= 0)
        return err_set(err, E_NOT_FOUND, "", "记录不存在");
    *out = v;
    return 0;
}

static enum http_method method_of(const char *m)
{
    if (!strcmp(m, "GET") || !strcmp(m, "HEAD"))
        return HTTP_GET;
    if (!strcmp(m, "POST"))
        return HTTP_POST;
    if (!strcmp(m, "PUT"))
        return HTTP_PUT;
    if (!strcmp(m, "PATCH"))
        return HTTP_PATCH;
    if (!strcmp(m, "DELETE"))
        return HTTP_DELETE;
    return 0;
}

/* Writes the canonical text of the IPv4 or IPv6 address in s[0..n) (spaces around it
 * ignored) to out; -1 when it is not an address. */
static int addr_canon(const char *s, size_t n, char out[INET6_ADDRSTRLEN])
{
    char tmp[INET6_ADDRSTRLEN];
    unsigned char bin[sizeof(struct in6_addr)];

    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (n == 0 || n >= sizeof(tmp))
        return -1;
    memcpy(tmp, s, n);
    tmp[n] = '\0';
    if (inet_pton(AF_INET, tmp, bin) == 1)
        return inet_ntop(AF_INET, bin, out, INET6_ADDRSTRLEN) ? 0 : -1;
    if (inet_pton(AF_INET6, tmp, bin) == 1)
        return inet_ntop(AF_INET6, bin, out, INET6_ADDRSTRLEN) ? 0 : -1;
    return -1;
}

static bool is_trusted(const struct http_server *s, const char *addr)
{
    for (int i = 0; i < s->ntrusted; i++)
        if (strcmp(s->trusted[i], addr) == 0)
            return true;
    return false;
}

/* Parses http.trusted_proxies (comma-separated addresses; empty: none). */
static int trusted_parse(struct http_server *s, const char *list, struct err *err)
{
    const char *p = list;

    s->ntrusted = 0;
    while (*p) {
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        char addr[INET6_ADDRSTRLEN];
        bool blank = strspn(p, " \t") >= n;

        if (!blank) {
            if (addr_canon(p, n, addr) < 0)
                return err_set(err, E_INVALID, "http.trusted_proxies",
                               "配置项 http.trusted_proxies 中的地址无效：%.*s", (int)n, p);
            if (s->ntrusted == TRUSTED_PROXIES_MAX)
                return err_set(err, E_INVALID, "http.trusted_proxies",
                               "配置项 http.trusted_proxies 最多 %d 个地址", TRUSTED_PROXIES_MAX);
            memcpy(s->trusted[s->ntrusted++], addr, sizeof(addr));
        }
        p += n + (end ? 1 : 0);
    }
    return 0;
}

/* The client's address: the socket peer, unless the peer is a trusted reverse proxy. Then it
 * is the right-most X-Forwarded-For entry that is not itself a trusted proxy (each proxy
 * appends the address it received from, so entries further left are the client's own
 * claims), or X-Real-IP when there is no X-Forwarded-For. A header that is missing or holds
 * no usable address leaves the peer. Headers from untrusted peers are never read. */
static bool client_ip(const struct http_server *s, struct MHD_Connection *conn, char out[48])
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    const struct sockaddr *sa = ci ? ci->client_addr : NULL;
    const char *xff, *xri;
    char addr[INET6_ADDRSTRLEN];

    out[0] = '\0';
    if (sa && sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out, 48);
    else if (sa && sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, out, 48);
    if (!out[0] || !is_trusted(s, out))
        return false;
    xff = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Forwarded-For");
    if (xff) {
        size_t end = strlen(xff);
        while (end > 0) {
            size_t start = end;
            while (start > 0 && xff[start - 1] != ',')
                start--;
            if (addr_canon(xff + start, end - start, addr) < 0)
                return true; /* garbage: stop rather than skip to a client-written entry */
            if (!is_trusted(s, addr)) {
                snprintf(out, 48, "%s", addr);
                return true;
            }
            end = start ? start - 1 : 0;
        }
        return true;
    }
    xri = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Real-IP");
    if (xri && addr_canon(xri, strlen(xri), addr) == 0)
        snprintf(out, 48, "%s", addr);
    return true;
}

/* Splits an authority "host[:port]" or "[v6]:port" (n bytes at a) into its host and port;
 * port is def when absent. False when it is malformed. */
static bool authority_split(const char *a, size_t n, const char **host, size_t *host_len,
                            long *port, long def)
{
    const char *colon = NULL, *end = a + n;
    char *stop;

    if (n == 0)
        return false;
    if (*a == '[') {
        const char *close = memchr(a, ']', n);
        if (!close)
            return false;
        *host = a;
        *host_len = (size_t)(close - a) + 1;
        if (close + 1 < end && close[1] != ':')
            return false;
        colon = close + 1 < end ? close + 1 : NULL;
    } else {
        colon = memchr(a, ':', n);
        *host = a;
        *host_len = colon ? (size_t)(colon - a) : n;
    }
    *port = def;
    if (colon) {
        char digits[8];
        size_t dn = (size_t)(end - colon - 1);
        if (dn == 0 || dn >= sizeof(digits) || !isdigit((unsigned char)colon[1]))
            return false;
        memcpy(digits, colon + 1, dn);
        digits[dn] = '\0';
        *port = strtol(digits, &stop, 10);
        if (*stop || *port <= 0 || *port > 65535)
            return false;
    }
    return *host_len > 0;
}

/* Whether origin ("scheme://host[:port]", as browsers send it) names the host the request was
 * sent to (host, the Host header's "host[:port]"). Neither the scheme (TLS ends at the reverse
 * proxy) nor the port is compared: a proxy may pass Host without the port, and cookies are
 * shared across ports anyway. "null" and anything malformed are another site. */
static bool origin_matches(const char *origin, const char *host)
{
    const char *sep = strstr(origin, "://"), *oh, *hh;
    size_t ohn, hhn;
    long oport, hport, def;

    if (!sep || !host)
        return false;
    if ((size_t)(sep - origin) == 4 && strncasecmp(origin, "http", 4) == 0)
        def = 80;
    else if ((size_t)(sep - origin) == 5 && strncasecmp(origin, "https", 5) == 0)
        def = 443;
    else
        return false;
    if (strchr(sep + 3, '/') ||
        !authority_split(sep + 3, strlen(sep + 3), &oh, &ohn, &oport, def) ||
        !authority_split(host, strlen(host), &hh, &hhn, &hport, def))
        return false;
    return ohn == hhn && strncasecmp(oh, hh, ohn) == 0;
}

/* What every matched /api/ request must pass before authorization and the handler (issue 15,
 * login CSRF): a state-changing request (anything but GET/HEAD) is refused when the browser
 * says it comes from another site (Sec-Fetch-Site: cross-site). A browser that says
 * same-origin (or none: typed by the user) is believed; otherwise the Origin must name the
 * request's Host (behind a trusted proxy, its X-Forwarded-Host when set). Clients that send
 * neither header (curl, scripts) are not affected. The body's Content-Type is checked after
 * authorization, in router_dispatch. */
static int request_guard(struct req_ctx *ctx, struct err *err)
{
    struct http_req *req = &ctx->req;
    const char *site, *origin, *host, *fwd;

    if (req->method == HTTP_GET)
        return 0;
    site = http_header(req, "Sec-Fetch-Site");
    if (site && strcasecmp(site, "cross-site") == 0)
        return err_set(err, E_FORBIDDEN, "", "拒绝来自其他网站的请求，请在本系统页面中操作");
    if (site && (strcasecmp(site, "same-origin") == 0 || strcasecmp(site, "none") == 0))
        return 0;
    origin = http_header(req, "Origin");
    if (origin) {
        host = http_header(req, "Host");
        fwd = ctx->via_proxy ? http_header(req, "X-Forwarded-Host") : NULL;
        if (fwd && *fwd)
            host = strrchr(fwd, ',') ? strrchr(fwd, ',') + 1 : fwd;
        while (host && *host == ' ')
            host++;
        if (!origin_matches(origin, host))
            return err_set(err, E_FORBIDDEN, "", "拒绝来自其他网站的请求，请在本系统页面中操作");
    }
    return 0;
}

/* Turns a handler's result into a MHD response. Returns the body size for the access log. */
static struct MHD_Response *make_response(struct http_res *res, size_t *bytes)
{
    struct MHD_Response *r;

    if (res->json) {
        char *s = json_dumps(res->json, JSON_COMPACT | JSON_REAL_PRECISION(17));
        ASSERT(s);
        *bytes = strlen(s);
        r = MHD_create_response_from_buffer(*bytes, s, MHD_RESPMEM_MUST_FREE);
        MHD_add_response_header(r, "Content-Type", HTTP_JSON_TYPE);
    } else {
        /* Raw bodies live in the request arena, which on_completed releases only after the
         * response has been sent: MHD may send straight from it. */
        *bytes = res->body_len;
        r = MHD_create_response_from_buffer(res->body_len, (void *)(uintptr_t)res->body,
                                            MHD_RESPMEM_PERSISTENT);
        MHD_add_response_header(r, "Content-Type",
                                res->content_type ? res->content_type : "application/octet-stream");
    }
    for (int i = 0; i < res->nheaders; i++)
        MHD_add_response_header(r, res->headers[i][0], res->headers[i][1]);
    MHD_add_response_header(r, "Cache-Control", "no-store");
    http_security_headers(r, true);
    return r;
}

static void set_error(struct http_res *res, struct err *e, const char *rid)
{
    http_res_json(res, http_status_for(e->code), http_error_json(e, rid));
}

static enum MHD_Result handle_api(struct http_server *s, struct MHD_Connection *conn,
                                  struct req_ctx *ctx, const char *method)
{
    struct http_req *req = &ctx->req;
    struct http_res res = { 0 };
    struct err err = { 0 };
    struct MHD_Response *r;
    const char *label = "-";
    size_t bytes = 0;
    enum MHD_Result ret;

    if (ctx->nul) {
        err_set(&err, E_INVALID, "", "请求中含有空字符（NUL），已拒绝");
    } else if (ctx->too_large) {
        err_set(&err, E_LIMIT, "", "请求内容超过 %zu 字节上限", ctx->body.max);
    } else if (req->method == 0) {
        err_set(&err, E_METHOD, "", "不支持的请求方法 %s", method);
    } else if (ctx->route_err.code != E_OK) {
        err = ctx->route_err;
    } else {
        label = req->route->pattern;
        if (ctx->body.len) {
            req->body = buf_cstr(&ctx->body);
            req->body_len = ctx->body.len;
        }
        if (request_guard(ctx, &err) == 0)
            router_dispatch(&s->routes, req, &res);
    }
    if (err.code != E_OK) {
        atomic_fetch_add(&s->stats.errors[err.code], 1);
        set_error(&res, &err, req->request_id);
    }
    r = make_response(&res, &bytes);
    if (res.json)
        json_decref(res.json);
    if (res.status == 405)
        MHD_add_response_header(r, "Allow", "GET, POST, PATCH, DELETE");
    MHD_add_response_header(r, "X-Request-Id", req->request_id);
    ret = MHD_queue_response(conn, (unsigned)res.status, r);
    MHD_destroy_response(r);
    log_info("access", "rid=%s method=%s route=%s status=%d bytes=%zu dur_ms=%.2f", req->request_id,
             method, label, res.status, bytes,
             (double)(clock_mono_us() - ctx->started_us) / 1000.0);
    return ret;
}

static enum MHD_Result handle_static(struct http_server *s, struct MHD_Connection *conn,
                                     struct req_ctx *ctx, const char *method)
{
    struct MHD_Response *r = NULL;
    int status = 404;
    enum MHD_Result ret;

    if (ctx->nul)
        status = 400;
    else if (ctx->req.method == HTTP_GET)
        r = static_response(s->cfg->http_web_root, conn, ctx->req.path, &status);
    else
        status = 405;
    if (!r) {
        struct err err = { 0 };
        struct http_res res = { 0 };
        size_t bytes;
        err_set(&err,
                status == 400   ? E_INVALID
                : status == 405 ? E_METHOD
                                : E_NOT_FOUND,
                "",
                status == 400   ? "请求中含有空字符（NUL），已拒绝"
                : status == 405 ? "静态文件只支持 GET"
                                : "页面不存在");
        set_error(&res, &err, ctx->req.request_id);
        r = make_response(&res, &bytes);
        json_decref(res.json);
        MHD_add_response_header(r, "X-Request-Id", ctx->req.request_id);
        status = res.status;
    }
    ret = MHD_queue_response(conn, (unsigned)status, r);
    MHD_destroy_response(r);
    log_info("access", "rid=%s method=%s route=static status=%d dur_ms=%.2f", ctx->req.request_id,
             method, status, (double)(clock_mono_us() - ctx->started_us) / 1000.0);
    return ret;
}

/* Matches an /api/ request's route once, before its body arrives, and returns its body
 * ceiling: the route's own (file uploads) or http.body_max. */
static int64_t route_and_ceiling(struct http_server *s, struct req_ctx *ctx, const char *url)
{
    struct http_req *req = &ctx->req;

    if (http_is_api(url) && req->method &&
        router_match(&s->routes, req->method, req->path, req, &req->route, &ctx->route_err) == 0 &&
        req->route->body_max)
        return req->route->body_max(s->cfg);
    return s->cfg->http_body_max;
}

/* The first callback of a request (MHD_OPTION_URI_LOG_CALLBACK), with the request target as
 * received, before MHD decodes it: creates the request's context (MHD hands it to on_request
 * and on_completed) and notes a NUL written as %00, which decoding would turn into the end of
 * the path ("/index.html%00.js" would serve index.html). */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
    struct req_ctx *ctx = calloc(1, sizeof(*ctx));

    UNUSED(cls);
    UNUSED(conn);
    ASSERT(ctx);
    ctx->started_us = clock_mono_us();
    ctx->uri = uri;
    ctx->uri_len = uri ? strlen(uri) : 0;
    ctx->nul = uri && strstr(uri, "%00") != NULL;
    return ctx;
}

struct nul_scan {
    bool crlf; /* the request line ended with CR LF (MHD wrote "\0\0" over it) */
    bool nul;
};

/* MHD 0.9.75 measures header values with strlen, so a NUL inside one cuts it short: the value
 * then ends at that NUL and the text it hid follows. A CR LF line end becomes "\0\0" in
 * MHD's buffer, so after an intact value comes one more NUL; anything else there is hidden
 * text (checked only when the request line ended with CR LF, as every real client sends, so a
 * bare-LF line end is not mistaken for one). Decoded query parameters keep their real
 * length, so a %00 in one shows as a length longer than the string. */
static enum MHD_Result nul_each(void *cls, enum MHD_ValueKind kind, const char *key,
                                size_t key_size, const char *value, size_t value_size)
{
    struct nul_scan *scan = cls;

    if ((key && strlen(key) != key_size) || (value && strlen(value) != value_size) ||
        (kind == MHD_HEADER_KIND && scan->crlf && value && value[value_size + 1] != '\0'))
        scan->nul = true;
    return scan->nul ? MHD_NO : MHD_YES;
}

/* Whether the request holds a NUL byte that MHD's C strings would silently cut at: in a
 * header value (when it hides text after it) or a decoded query parameter, or anywhere in the
 * request target. MHD 0.9.75 parses the request line in place: the target runs up to the
 * space before the HTTP version, which it overwrites with the NUL that ends the target, so a
 * target whose string ends before that space holds a NUL. */
static bool has_nul(struct req_ctx *ctx, struct MHD_Connection *conn, const char *version)
{
    struct nul_scan scan = { false, ctx->nul };
    size_t vlen = version ? strlen(version) : 0;

    if (!scan.nul && ctx->uri && vlen && version > ctx->uri) {
        size_t span = (size_t)(version - ctx->uri) - 1;
        scan.nul = span > ctx->uri_len && span <= (size_t)ctx->req.cfg->http_header_max;
    }
    scan.crlf = vlen && version[vlen + 1] == '\0';
    if (!scan.nul)
        MHD_get_connection_values_n(conn, MHD_HEADER_KIND | MHD_GET_ARGUMENT_KIND, nul_each, &scan);
    return scan.nul;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
    struct http_server *s = cls;
    struct req_ctx *ctx = *con_cls;

    ASSERT(ctx); /* made by on_uri */
    if (!ctx->started) {
        const char *cl;
        int64_t n;

        ctx->started = true;
        arena_init(&ctx->arena, 8192);
        ctx->req.app = s->app;
        ctx->req.cfg = s->cfg;
        ctx->req.stats = &s->stats;
        ctx->req.arena = &ctx->arena;
        ctx->req.conn = conn;
        ctx->req.method = method_of(method);
        ctx->req.path = arena_strdup(&ctx->arena, url);
        buf_init(&ctx->body, &ctx->arena, (size_t)route_and_ceiling(s, ctx, url));
        snprintf(ctx->req.request_id, sizeof(ctx->req.request_id), "%08" PRIx64 "%08llx",
                 rid_prefix, (unsigned long long)(atomic_fetch_add(&rid_counter, 1) & 0xffffffffu));
        ctx->via_proxy = client_ip(s, conn, ctx->req.client_ip);
        ctx->nul = has_nul(ctx, conn, version);
        cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
        if (cl && parse_i64(cl, strlen(cl), &n) == 0 && n > (int64_t)ctx->body.max)
            ctx->too_large = true;
        atomic_fetch_add(&s->stats.requests, 1);
        *con_cls = ctx;
        return MHD_YES; /* the response is queued on a later call, keeping keep-alive */
    }
    if (*upload_data_size) {
        if (!ctx->too_large) {
            buf_append(&ctx->body, upload_data, *upload_data_size);
            ctx->too_large = buf_failed(&ctx->body);
        }
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (http_is_api(url))
        return handle_api(s, conn, ctx, method);
    return handle_static(s, conn, ctx, method);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    struct req_ctx *ctx = *con_cls;

    UNUSED(cls);
    UNUSED(conn);
    UNUSED(toe);
    if (!ctx)
        return;
    if (ctx->started)
        arena_release(&ctx->arena);
    free(ctx);
    *con_cls = NULL;
}

static void on_panic(void *cls, const char *file, unsigned int line, const char *reason)
{
    UNUSED(cls);
    fprintf(stderr, "libmicrohttpd panic at %s:%u: %s\n", file, line, reason ? reason : "");
    abort();
}

int http_server_start(const struct http_server_opts *o, struct http_server **out, struct err *err)
{
    const struct cfg *cfg = o->cfg;
    struct http_server *s = calloc(1, sizeof(*s));
    struct sockaddr_storage ss = { 0 };
    unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG;
    long threads = cfg->http_threads ? cfg->http_threads : sysconf(_SC_NPROCESSORS_ONLN);
    const union MHD_DaemonInfo *di;
    uint32_t seed;

    ASSERT(s);
    s->app = o->app;
    s->cfg = cfg;
    if (trusted_parse(s, cfg->http_trusted_proxies, err) < 0) {
        free(s);
        return -1;
    }
    if (router_init(&s->routes, o->routes, o->nroutes, o->guard, err) < 0) {
        free(s);
        return -1;
    }
    if (strchr(cfg->http_host, ':')) {
        struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)&ss;
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((uint16_t)cfg->http_port);
        if (inet_pton(AF_INET6, cfg->http_host, &a6->sin6_addr) != 1)
            goto bad_host;
        flags |= MHD_USE_IPv6;
    } else {
        struct sockaddr_in *a4 = (struct sockaddr_in *)&ss;
        a4->sin_family = AF_INET;
        a4->sin_port = htons((uint16_t)cfg->http_port);
        if (inet_pton(AF_INET, cfg->http_host, &a4->sin_addr) != 1)
            goto bad_host;
    }
    seed = (uint32_t)(clock_mono_us() ^ (uint64_t)getpid() << 16);
    rid_prefix = seed;
    MHD_set_panic_func(on_panic, NULL);
    s->d = MHD_start_daemon(
        flags, (uint16_t)cfg->http_port, NULL, NULL, on_request, s, MHD_OPTION_SOCK_ADDR,
        (struct sockaddr *)&ss, MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(threads > 0 ? threads : 1),
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)cfg->http_timeout_s,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)cfg->http_header_max,
        MHD_OPTION_CONNECTION_LIMIT, 4096u, MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
        MHD_OPTION_URI_LOG_CALLBACK, on_uri, s, MHD_OPTION_END);
    if (!s->d) {
        router_release(&s->routes);
        free(s);
        err_set(err, E_UNAVAILABLE, "", "无法在 %s:%" PRId64 " 上监听（端口被占用或地址无效）",
                cfg->http_host, cfg->http_port);
        return err_detail(err, "MHD_start_daemon failed: %s", strerror(errno));
    }
    di = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
    s->port = di ? di->port : (int)cfg->http_port;
    *out = s;
    return 0;
bad_host:
    router_release(&s->routes);
    free(s);
    return err_set(err, E_INVALID, "http.host", "监听地址无效：%s", cfg->http_host);
}

int http_server_port(const struct http_server *s)
{
    return s->port;
}

void http_server_stop(struct http_server **sp)
{
    struct http_server *s = *sp;

    if (!s)
        return;
    MHD_stop_daemon(s->d);
    router_release(&s->routes);
    free(s);
    *sp = NULL;
}
