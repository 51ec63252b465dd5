/* auth_guard.c: the auth area's guard, the permission check the composition root hands the
 * router (AUTH_GUARD) to run before every handler, and the scope helpers handlers use.
 * Sessions come from the HttpOnly cookie; every non-GET also needs the session's CSRF token in
 * X-CSRF-Token (compared in constant time). A signed-in request first reads the change
 * counters (one statement); while they stand still its session and the paths of the orgs it
 * names come from memory. */
#include "core/compat.h"
#include <sodium.h>
#include "core/arena.h"
#include "core/cfg.h"
#include "core/err.h"
#include "domain/app.h"
#include "domain/auth/auth.h"
#include "domain/auth/auth_guard.h"
#include "domain/cache/cache_http.h"
#include "domain/orgs/orgs.h"
#include "http/http.h"

const struct change_counter AUTH_COUNTER = {
    "auth", "账号、授权与会话（改名、停用、改密码、授权变更、退出登录、组织改名或移动）"
};

static bool same_secret(const char *a, const char *b)
{
    size_t n = a ? strlen(a) : 0;
    return a && b && n == strlen(b) && n > 0 && sodium_memcmp(a, b, n) == 0;
}

const char *http_session_cookie(struct http_req *req, const char *token, int64_t max_age)
{
    return arena_printf(req->arena,
                        "dj_session=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%" PRId64 "%s",
                        token, max_age, req->cfg->http_secure_cookie ? "; Secure" : "");
}

/* An org's path, kept in the answer cache while the roster (which holds the org network)
 * stands still. */
static int org_path(struct http_req *req, int64_t org_id, const char **path_out, struct err *err)
{
    const struct generations *g;
    const char *key = arena_printf(req->arena, "orgpath|%" PRId64, org_id);
    int64_t gen;
    size_t len;

    if (cache_http_generations(req, &g, err) < 0)
        return -1;
    gen = generations_get(g, &ORGS_ROSTER);
    if (cache_get(req->app->cache, key, gen, req->arena, path_out, &len))
        return 0;
    if (auth_org_path(req->app, org_id, req->arena, path_out, err) < 0)
        return -1;
    cache_put(req->app->cache, key, gen, *path_out, strlen(*path_out));
    return 0;
}

/* Sets req->user to the session of the cookie token, renewing the cookie when it is due. */
static int load_session(struct http_req *req, struct http_res *res, const char *token,
                        struct err *err)
{
    const struct generations *g;

    if (cache_http_generations(req, &g, err) < 0 ||
        auth_session_load(req->app, token, generations_get(g, &AUTH_COUNTER), req->arena,
                          &req->user, err) < 0)
        return -1;
    if (req->user->session_renewed)
        http_res_header(res, "Set-Cookie",
                        http_session_cookie(req, token, req->cfg->session_ttl_s));
    return 0;
}

int http_session_optional(struct http_req *req, struct http_res *res, struct err *err)
{
    const char *token = http_cookie(req, "dj_session");

    req->user = NULL;
    if (!token || load_session(req, res, token, err) == 0)
        return 0;
    if (err->code != E_UNAUTHENTICATED)
        return -1;
    err_clear(err);
    req->user = NULL;
    return 0;
}

static int guard_authorize(struct http_req *req, struct http_res *res, struct err *err)
{
    const struct route *r = req->route;
    const char *token, *path;
    int64_t org_id;

    if (r->perm == PERM_PUBLIC)
        return 0;
    token = http_cookie(req, "dj_session");
    if (!token)
        return err_set(err, E_UNAUTHENTICATED, "", "请先登录");
    if (load_session(req, res, token, err) < 0)
        return -1;
    if (req->method != HTTP_GET &&
        !same_secret(http_header(req, "X-CSRF-Token"), req->user->csrf_token))
        return err_set(err, E_FORBIDDEN, "", "安全令牌（CSRF）无效，请刷新页面后重试");
    if (r->perm == PERM_SESSION)
        return 0;
    if (req->user->must_change_password)
        return err_set(err, E_FORBIDDEN, "", "请先修改初始密码");
    if (!auth_can_any(req->user, (enum perm)r->perm))
        return err_set(err, E_FORBIDDEN, "", "您没有此项权限（%s）",
                       perm_label((enum perm)r->perm));
    if (r->scope != SCOPE_PATH_ORG)
        return 0;
    if (http_param_id(req, 0, &org_id, err) < 0 || org_path(req, org_id, &path, err) < 0)
        return -1;
    if (!auth_can(req->user, (enum perm)r->perm, path))
        return err_set(err, E_NOT_FOUND, "", "党组织不存在");
    return 0;
}

int http_require_org(struct http_req *req, int64_t org_id, struct err *err)
{
    const char *path;

    if (org_path(req, org_id, &path, err) < 0)
        return -1;
    if (!auth_can(req->user, (enum perm)req->route->perm, path))
        return err_set(err, E_NOT_FOUND, "", "记录不存在");
    return 0;
}

int http_scope_path(struct http_req *req, int64_t org_id, const char **path_out, struct err *err)
{
    if (org_id) {
        if (org_path(req, org_id, path_out, err) < 0 ||
            !auth_can(req->user, (enum perm)req->route->perm, *path_out)) {
            err_clear(err);
            return err_set(err, E_NOT_FOUND, "/org", "党组织不存在或不在您的管辖范围");
        }
        return 0;
    }
    *path_out = auth_scope_root(req->user, (enum perm)req->route->perm);
    if (!*path_out)
        return err_set(err, E_FORBIDDEN, "", "您没有此项权限（%s）",
                       perm_label((enum perm)req->route->perm));
    return 0;
}

void http_actor(struct http_req *req, struct auth_actor *out)
{
    out->user = req->user;
    out->source = arena_printf(req->arena, "%s %s", http_method_name(req->route->method),
                               req->route->pattern);
    out->request_id = req->request_id;
    out->client_ip = req->client_ip;
}

static const char *guard_perm_name(int perm)
{
    return perm_name((enum perm)perm);
}

static const char *guard_scope_name(int scope)
{
    static const char *const names[] = {
        [SCOPE_NONE] = "none",
        [SCOPE_CALLER] = "caller",
        [SCOPE_PATH_ORG] = "path_org",
        [SCOPE_RECORD] = "record",
    };
    ASSERT((unsigned)scope < ARRAY_LEN(names) && names[scope]);
    return names[scope];
}

/* A public route answers no guard error; a session route refuses only writes without the
 * CSRF token; every other route may refuse the caller; a scoped one may hide the org. */
static unsigned guard_answers(const struct route *r)
{
    unsigned bits = 0;

    if (r->perm != PERM_PUBLIC)
        bits |= HTTP_GUARD_SESSION;
    if (r->perm != PERM_PUBLIC && (r->perm != PERM_SESSION || r->method != HTTP_GET))
        bits |= HTTP_GUARD_REFUSE;
    if (r->scope != SCOPE_NONE)
        bits |= HTTP_GUARD_SCOPED;
    return bits;
}

const struct http_guard AUTH_GUARD = {
    .authorize = guard_authorize,
    .perm_name = guard_perm_name,
    .scope_name = guard_scope_name,
    .answers = guard_answers,
};
