/* audit_http.c: GET /api/audit — audit rows about orgs in the caller's scope, newest first.
 * Rows about no org (login attempts) are shown only to a platform admin at a root org. */
#include "core/compat.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json.h"
#include "domain/app.h"
#include "domain/audit/audit.h"
#include "domain/audit/audit_http.h"
#include "domain/auth/auth.h"
#include "domain/auth/auth_guard.h"
#include "http/http.h"
#include "domain/modules.h"

struct audit_q {
    int64_t org, page, size;
};
static const struct field AUDIT_Q[] = {
    FIELD_ID(struct audit_q, org, "org", "党组织", FIELD_OPTIONAL),
    HTTP_PAGE_FIELDS(struct audit_q),
    FIELD_END,
};

/* A platform admin: an admin grant at a root org ("/N/"). */
static bool platform_admin(const struct auth_user *u)
{
    for (int i = 0; i < u->ngrants; i++) {
        const char *p = u->grants[i].org_path;
        if (u->grants[i].role == ROLE_ADMIN && strchr(p + 1, '/') == p + strlen(p) - 1)
            return true;
    }
    return false;
}

static int audit_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct audit_q q = { 0 };
    struct audit_query aq;
    struct audit_row *rows;
    int64_t n, total;
    json_t *items;
    char at[21];

    if (http_query_decode(req, AUDIT_Q, &q, NULL, err) < 0)
        return -1;
    http_page_defaults(&q.page, &q.size);
    aq.page = q.page;
    aq.size = q.size;
    if (http_scope_path(req, q.org, &aq.org_path, err) < 0)
        return -1;
    if (!q.org && platform_admin(req->user))
        aq.org_path = NULL;
    if (audit_list(req->app->db, &aq, req->arena, &rows, &n, &total, err) < 0)
        return -1;
    items = json_array();
    for (int64_t i = 0; i < n; i++) {
        const struct audit_row *r = &rows[i];
        clock_fmt_utc(r->at, at);
        json_array_append_new(
            items, json_pack("{s:I, s:s, s:o, s:o, s:s, s:s, s:o, s:o, s:o, s:s, s:o, s:s}", "id",
                             (json_int_t)r->id, "at", at, "user_id",
                             r->e.user_id ? jint(r->e.user_id) : json_null(), "username",
                             jstr(r->e.username), "source", r->e.source, "action", r->e.action,
                             "target_type", jstr(r->e.target_type), "target_id",
                             r->e.target_id ? jint(r->e.target_id) : json_null(), "org_id",
                             r->e.org_id ? jint(r->e.org_id) : json_null(), "result", r->e.result,
                             "request_id", jstr(r->e.request_id), "hash", r->hash));
    }
    http_res_json(res, 200, http_list_json(items, total, q.page, q.size));
    return 0;
}

static const struct route AUDIT_ROUTES[] = {
    { HTTP_GET, "/api/audit", audit_get, PERM_AUDIT_READ, SCOPE_CALLER, "管辖范围内的审计记录",
      NULL, AUDIT_Q, NULL },
    { 0 },
};

static const struct perm_row AUDIT_PERMS[] = {
    PERM_ROW(PERM_AUDIT_READ, "audit.read", "查看审计日志", ROLES_MANAGERS),
    PERM_ROWS_END,
};

/* What an audit row is about (target_type). */
static const char *const TARGET_TYPES[] = { "user",          "member", "org", "org_term",
                                            "org_unit_link", "person", NULL };
static const char *const TARGET_TYPE_LABELS[] = { "账号",     "党员", "组织", "班子任期",
                                                  "成员单位", "人员", NULL };
static const struct code_table AUDIT_CODES[] = {
    { "audit_target_type", TARGET_TYPES, TARGET_TYPE_LABELS },
    { NULL, NULL, NULL },
};

const struct module AUDIT_MODULE = {
    .name = "audit",
    .routes = AUDIT_ROUTES,
    .perms = AUDIT_PERMS,
    .audit_actions = NULL,
    .codes = AUDIT_CODES,
};
