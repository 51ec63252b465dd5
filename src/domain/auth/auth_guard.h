/* auth_guard.h: the auth area's guard: the check the router runs before every handler
 * (AUTH_GUARD, handed to router_init by the composition root) and the scope helpers handlers
 * call. Route rows carry an enum perm and an enum scope_from (perm.h) as http/'s plain ints. */
#pragma once

#include "domain/auth/perm.h"

struct auth_actor;
struct change_counter;
struct err;
struct http_guard;
struct http_req;

/* Session cookie, CSRF on writes, forced password change, permission, path-org scope. Sets
 * req->user, and the cookie again when the session's expiry slid. */
extern const struct http_guard AUTH_GUARD;
/* The 'auth' change counter (migration 0007): moved by every change that can end or narrow a
 * signed-in session. */
extern const struct change_counter AUTH_COUNTER;

/* Checks the caller holds the route's permission at org_id (SCOPE_RECORD routes). A missing
 * org and an org outside the scope both read as E_NOT_FOUND, so ids reveal nothing. */
int http_require_org(struct http_req *req, int64_t org_id, struct err *err);
/* The subtree a SCOPE_CALLER list covers: org_id when given (and in scope), else the widest
 * grant carrying the route's permission. */
int http_scope_path(struct http_req *req, int64_t org_id, const char **path_out, struct err *err);
/* Who is acting, for audit rows. */
void http_actor(struct http_req *req, struct auth_actor *out);
/* For a public route that answers signed-in callers differently (GET /api/session): sets
 * req->user to the cookie's session, or NULL when there is none or it has ended (no error);
 * fails only when the session cannot be read (database). */
struct http_res;
int http_session_optional(struct http_req *req, struct http_res *res, struct err *err);
/* The session cookie carrying token for max_age seconds (0 ends it); from req->arena. */
const char *http_session_cookie(struct http_req *req, const char *token, int64_t max_age);
