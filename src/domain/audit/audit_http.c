/* audit_http.c: GET /api/audit — audit rows about orgs in the caller's scope, newest first,
 * each with its source and target in words (source_label, target_name). Rows about no org
 * (login attempts) are shown only to a platform admin at a root org. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json.h"
#include "domain/app.h"
#include "domain/audit/audit.h"
#include "domain/audit/audit_http.h"
#include "domain/auth/auth.h"
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

/* The commands that write audit rows from the command line (source "cli:..."), in words. */
static const struct {
    const char *source, *label;
} CLI_SOURCES[] = {
    { "cli:demo", "命令行：生成演示数据" },    { "cli:import members", "命令行：导入党员" },
    { "cli:org add", "命令行：新建党组织" },   { "cli:user add", "命令行：新建账号" },
    { "cli:user passwd", "命令行：重置密码" },
};

/* A row's source in words: the summary of the route ("POST /api/session" → 网页：登录) or the
 * command; the source itself when nothing names it. Returns memory from a or static text. */
static const char *source_label(const char *source, struct arena *a)
{
    for (size_t i = 0; i < sizeof(CLI_SOURCES) / sizeof(CLI_SOURCES[0]); i++)
        if (!strcmp(source, CLI_SOURCES[i].source))
            return CLI_SOURCES[i].label;
    for (size_t i = 0; i < MODULES_LEN; i++) {
        for (const struct route *r = MODULES[i]->routes; r && r->pattern; r++) {
            const char *m = http_method_name(r->method);
            size_t n = strlen(m);
            if (!strncmp(source, m, n) && source[n] == ' ' && !strcmp(source + n + 1, r->pattern))
                return arena_printf(a, "网页：%s", r->summary);
        }
    }
    return source;
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
            items,
            json_pack("{s:I, s:s, s:o, s:o, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:s, s:o, s:s}",
                      "id", (json_int_t)r->id, "at", at, "user_id",
                      r->e.user_id ? jint(r->e.user_id) : json_null(), "username",
                      jstr(r->e.username), "source", r->e.source, "source_label",
                      source_label(r->e.source, req->arena), "action", r->e.action, "target_type",
                      jstr(r->e.target_type), "target_id",
                      r->e.target_id ? jint(r->e.target_id) : json_null(), "target_name",
                      jstr(r->target_name), "org_id", r->e.org_id ? jint(r->e.org_id) : json_null(),
                      "result", r->e.result, "request_id", jstr(r->e.request_id), "hash", r->hash));
    }
    http_res_json(res, 200, http_list_json(items, total, q.page, q.size));
    return 0;
}

static const struct route AUDIT_ROUTES[] = {
    { HTTP_GET, "/api/audit", audit_get, PERM_AUDIT_READ, SCOPE_CALLER, "管辖范围内的审计记录",
      NULL, AUDIT_Q, NULL },
    { 0 },
};

static const enum perm AUDIT_PERMS[] = { PERM_AUDIT_READ, PERM_NONE };

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
