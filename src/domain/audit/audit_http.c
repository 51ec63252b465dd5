/* audit_http.c: GET /api/audit — audit rows about orgs in the caller's scope, newest first,
 * each with its source and target in words (source_label, target_name) — and GET
 * /api/audit/export, the same rows for a date range as an .xlsx for an auditor (itself
 * audited). Rows about no org (login attempts) are shown only to a platform admin at a root
 * org. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json.h"
#include "domain/app.h"
#include "domain/audit/audit.h"
#include "domain/audit/audit_http.h"
#include "domain/auth/auth.h"
#include "domain/auth/auth_guard.h"
#include "domain/orgpath.h"
#include "http/http.h"
#include "domain/modules.h"
#include "io/xlsx_write.h"
#include "domain/audit/audit_cli.h"

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
    struct audit_query aq = { 0 };
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

/* What an audit row is about (target_type). */
static const char *const TARGET_TYPES[] = { "user",          "member", "org", "org_term",
                                            "org_unit_link", "person", NULL };
static const char *const TARGET_TYPE_LABELS[] = { "账号",     "党员", "组织", "班子任期",
                                                  "成员单位", "人员", NULL };
/* ---------- export ---------- */

enum { EXPORT_MAX = 100000, EXPORT_PAGE = 1000 };

struct export_q {
    int64_t org;
    char *from, *to;
};
static const struct field EXPORT_Q[] = {
    FIELD_ID(struct export_q, org, "org", "党组织", FIELD_OPTIONAL),
    FIELD_DATE(struct export_q, from, "from", "起始日期", FIELD_OPTIONAL),
    FIELD_DATE(struct export_q, to, "to", "截止日期", FIELD_OPTIONAL),
    FIELD_END,
};

/* Seconds at 00:00 Beijing time of date (YYYY-MM-DD, already checked), plus days. */
static int64_t beijing_midnight(const char *date, int days)
{
    int y, m, d;

    date_parse(date, &y, &m, &d);
    return (date_to_days(y, m, d) + days) * 86400 - 8 * 3600;
}

static const char *action_label(const char *code)
{
    for (size_t i = 0; i < MODULES_LEN; i++)
        for (const struct audit_action *a = MODULES[i]->audit_actions; a && a->code; a++)
            if (!strcmp(a->code, code))
                return a->label;
    return code;
}

static const char *result_label(const char *r)
{
    return !strcmp(r, "ok")       ? "成功"
           : !strcmp(r, "failed") ? "失败"
           : !strcmp(r, "denied") ? "已拒绝"
                                  : r;
}

static void export_row(struct xw *w, const struct audit_row *r, struct arena *a)
{
    time_t t = (time_t)(r->at + 8 * 3600);
    struct tm tm;
    char at[24];
    const char *cells[9];

    gmtime_r(&t, &tm);
    strftime(at, sizeof(at), "%Y-%m-%d %H:%M:%S", &tm);
    cells[0] = at;
    cells[1] = r->e.username ? r->e.username : "";
    cells[2] = action_label(r->e.action);
    cells[3] = !r->e.target_type ? ""
               : r->target_name
                   ? arena_printf(a, "%s %s",
                                  enum_label(TARGET_TYPES, TARGET_TYPE_LABELS, r->e.target_type),
                                  r->target_name)
                   : arena_printf(a, "%s #%" PRId64,
                                  enum_label(TARGET_TYPES, TARGET_TYPE_LABELS, r->e.target_type),
                                  r->e.target_id);
    cells[4] = r->e.org_id ? arena_printf(a, "%" PRId64, r->e.org_id) : "";
    cells[5] = result_label(r->e.result);
    cells[6] = source_label(r->e.source, a);
    cells[7] = r->e.request_id ? r->e.request_id : "";
    cells[8] = r->hash;
    xw_row(w, cells, 9);
}

static int audit_export(struct http_req *req, struct http_res *res, struct err *err)
{
    static const char *const HEADERS[] = { "时间（北京时间）", "账号", "操作", "对象",
                                           "组织编号",         "结果", "来源", "请求编号",
                                           "本行哈希" };
    static const double WIDTHS[] = { 20, 14, 18, 16, 10, 8, 28, 20, 66 };
    struct export_q q = { 0 };
    struct audit_query aq = { .page = 1, .size = EXPORT_PAGE };
    struct audit_row *rows;
    struct auth_actor actor;
    struct audit_entry e;
    struct xw *w = NULL;
    int64_t n, total, done = 0;
    char *data;
    size_t len;

    if (http_query_decode(req, EXPORT_Q, &q, NULL, err) < 0 ||
        http_scope_path(req, q.org, &aq.org_path, err) < 0)
        return -1;
    if (!q.org && platform_admin(req->user))
        aq.org_path = NULL;
    aq.from = q.from ? beijing_midnight(q.from, 0) : 0;
    aq.to = q.to ? beijing_midnight(q.to, 1) : 0;
    if (q.from && q.to && aq.to <= aq.from)
        return err_set(err, E_INVALID, "/to", "截止日期不能早于起始日期");
    do {
        if (audit_list(req->app->db, &aq, req->arena, &rows, &n, &total, err) < 0)
            goto fail;
        if (total > EXPORT_MAX) {
            err_set(err, E_LIMIT, "/from",
                    "共 %" PRId64 " 条审计记录，超过单次导出上限 %d 条，请缩小日期范围", total,
                    EXPORT_MAX);
            goto fail;
        }
        if (!w && (xw_open(&w, "审计日志", err) < 0))
            goto fail;
        if (done == 0) {
            xw_title(w,
                     arena_printf(req->arena, "审计日志（%s 至 %s，共 %" PRId64 " 条）",
                                  q.from ? q.from : "最早", q.to ? q.to : "今天", total),
                     9);
            xw_header(w, HEADERS, WIDTHS, NULL, 9);
        }
        for (int64_t i = 0; i < n; i++)
            export_row(w, &rows[i], req->arena);
        done += n;
        aq.page++;
    } while (n == EXPORT_PAGE && done < total);
    http_actor(req, &actor);
    /* about the org whose rows were exported, so those who may read them see the export */
    e = auth_audit_entry(&actor, "audit.export", NULL, 0, orgpath_last_id(aq.org_path));
    if (xw_finish(&w, &data, &len, err) < 0 || audit_record(req->app->db, &e, err) < 0)
        goto fail;
    http_res_xlsx(req, res, data, len, "audit-log.xlsx", "审计日志.xlsx");
    free(data);
    return 0;
fail:
    xw_discard(&w);
    return -1;
}

static const struct route AUDIT_ROUTES[] = {
    { HTTP_GET, "/api/audit", audit_get, PERM_AUDIT_READ, SCOPE_CALLER, "管辖范围内的审计记录",
      NULL, AUDIT_Q, NULL },
    { HTTP_GET, "/api/audit/export", audit_export, PERM_AUDIT_READ, SCOPE_CALLER,
      "导出审计记录（Excel）", NULL, EXPORT_Q, NULL },
    { 0 },
};

static const struct perm_row AUDIT_PERMS[] = {
    PERM_ROW(PERM_AUDIT_READ, "audit.read", "查看审计日志", ROLES_MANAGERS),
    PERM_ROWS_END,
};

static const struct audit_action AUDIT_ACTIONS[] = {
    { "audit.export", "导出审计记录", NULL },
    { NULL, NULL, NULL },
};

static const struct code_table AUDIT_CODES[] = {
    { "audit_target_type", TARGET_TYPES, TARGET_TYPE_LABELS },
    { NULL, NULL, NULL },
};

const struct module AUDIT_MODULE = {
    .name = "audit",
    .routes = AUDIT_ROUTES,
    .perms = AUDIT_PERMS,
    .audit_actions = AUDIT_ACTIONS,
    .codes = AUDIT_CODES,
    .commands = AUDIT_COMMANDS,
};
