/* import_http.c: the Excel routes of the roster: POST /api/members/import (multipart upload,
 * parsed by http/multipart.c; the job runs in import_job.c), the import jobs (GET
 * /api/import-jobs/{id} and its errors.xlsx), GET /api/members/export and GET
 * /api/members/import-template. Imports run in the request by default; ?async=1 runs them on a
 * background thread and answers 202 with the job id, which the UI polls. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/cfg.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/audit/audit.h"
#include "domain/auth/auth.h"
#include "domain/auth/auth_guard.h"
#include "domain/members/members.h"
#include "domain/orgs/orgs.h"
#include "http/http.h"
#include "domain/modules.h"
#include "io/import_http.h"
#include "io/import_job.h"
#include "io/import_store.h"
#include "io/member_import.h"
#include "io/import_cli.h"

/* The org id at the end of a materialized path ("/1/12/407/" → 407). */
static int64_t path_last_id(const char *path)
{
    const char *end = path + strlen(path), *p;

    if (end > path && end[-1] == '/')
        end--;
    p = end;
    while (p > path && p[-1] != '/')
        p--;
    return strtoll(p, NULL, 10);
}

struct import_query {
    int64_t org;
    bool dry_run, skip_invalid, async;
};
static const struct field IMPORT_QUERY[] = {
    FIELD_ID(struct import_query, org, "org", "党组织", FIELD_OPTIONAL),
    FIELD_BOOL(struct import_query, dry_run, "dry_run", "仅校验", FIELD_OPTIONAL),
    FIELD_BOOL(struct import_query, skip_invalid, "skip_invalid", "跳过错误行", FIELD_OPTIONAL),
    FIELD_BOOL(struct import_query, async, "async", "后台导入", FIELD_OPTIONAL),
    FIELD_END,
};

/* Deep-copies the caller into a (grants and all), for a thread that outlives the request. */
static struct auth_user *user_copy(const struct auth_user *u, struct arena *a)
{
    struct auth_user *c = arena_alloc(a, sizeof(*c));

    *c = *u;
    c->username = u->username ? arena_strdup(a, u->username) : NULL;
    c->display_name = u->display_name ? arena_strdup(a, u->display_name) : NULL;
    c->csrf_token = NULL;
    c->grants = arena_alloc(a, (size_t)(u->ngrants ? u->ngrants : 1) * sizeof(*c->grants));
    for (int i = 0; i < u->ngrants; i++) {
        c->grants[i] = u->grants[i];
        c->grants[i].org_path =
            u->grants[i].org_path ? arena_strdup(a, u->grants[i].org_path) : NULL;
        c->grants[i].org_name =
            u->grants[i].org_name ? arena_strdup(a, u->grants[i].org_name) : NULL;
    }
    return c;
}

/* The async half of import_post: copies what the thread needs past the request into j. */
static int import_start(struct import_job *j, const struct http_upload *up,
                        const struct auth_actor *actor, struct err *err)
{
    struct auth_actor *ac;

    arena_init(&j->arena, 4096);
    j->opts.scope_path = arena_strdup(&j->arena, j->opts.scope_path);
    j->opts.user = user_copy(j->opts.user, &j->arena);
    ac = arena_alloc(&j->arena, sizeof(*ac));
    ac->user = j->opts.user;
    ac->source = arena_strdup(&j->arena, actor->source);
    ac->request_id = arena_strdup(&j->arena, actor->request_id);
    ac->client_ip = arena_strdup(&j->arena, actor->client_ip);
    j->opts.actor = ac;
    return import_job_start(j, up->data, up->len, err);
}

static int import_post(struct http_req *req, struct http_res *res, struct err *err)
{
    struct import_query in = { 0 };
    const char *scope;
    struct http_upload up = { 0 };
    struct auth_actor actor;
    struct import_job *j;
    int64_t job_id;
    json_t *out;

    if (http_query_decode(req, IMPORT_QUERY, &in, NULL, err) < 0 ||
        http_scope_path(req, in.org, &scope, err) < 0 || http_multipart_file(req, &up, err) < 0)
        return -1;
    if (up.len == 0)
        return err_set(err, E_INVALID, "/file", "上传的文件是空的");
    if (import_job_create(req->app->db, req->user->id, in.org ? in.org : path_last_id(scope),
                          up.filename, in.dry_run, in.skip_invalid, &job_id, err) < 0)
        return -1;
    http_actor(req, &actor);
    j = calloc(1, sizeof(*j));
    ASSERT(j);
    j->app = req->app;
    j->db = req->app->db;
    j->run = member_import;
    j->id = job_id;
    j->opts = (struct import_opts){
        .dry_run = in.dry_run,
        .skip_invalid = in.skip_invalid,
        .scope_path = scope,
        .default_org_id = in.org,
        .user = req->user,
        .lim = SHEET_LIMITS_DEFAULT,
    };
    j->opts.lim.max_rows = req->app->cfg->import_max_rows;
    if (in.async) {
        if (import_start(j, &up, &actor, err) < 0)
            return -1;
        http_res_json(res, 202,
                      json_pack("{s:I, s:s, s:s}", "job_id", (json_int_t)job_id, "state", "running",
                                "status_url",
                                arena_printf(req->arena, "/api/import-jobs/%" PRId64, job_id)));
        return 0;
    }
    j->data = (char *)(uintptr_t)up.data;
    j->len = up.len;
    j->opts.actor = &actor;
    out = import_job_run(j, req->arena, err);
    free(j);
    if (!out)
        return -1;
    http_res_json(res, 200, out);
    return 0;
}

/* ---- jobs ---- */

static int job_load(struct http_req *req, struct import_job_view *v, struct err *err)
{
    int64_t id;

    if (http_param_id(req, 0, &id, err) < 0 ||
        import_job_get(req->app->db, id, req->arena, v, err) < 0)
        return -1;
    if (http_require_org(req, v->org_id, err) < 0) {
        err_clear(err);
        return err_set(err, E_NOT_FOUND, "", "导入任务不存在");
    }
    return 0;
}

static int job_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct import_job_view v;
    struct import_job_live l;
    json_t *o;

    if (job_load(req, &v, err) < 0)
        return -1;
    o = json_object();
    if (!strcmp(v.state, "running") && import_job_live_get(v.id, &l)) {
        v.done = l.done;
        v.total = l.total;
        v.accepted = l.accepted;
        v.rejected = l.rejected;
    }
    json_object_set_new(o, "id", jint(v.id));
    json_object_set_new(o, "state", jstr(v.state));
    json_object_set_new(o, "filename", jstr(v.filename));
    json_object_set_new(o, "org_id", jint(v.org_id));
    json_object_set_new(o, "dry_run", json_boolean(v.dry_run));
    json_object_set_new(o, "skip_invalid", json_boolean(v.skip_invalid));
    json_object_set_new(o, "total", jint(v.total));
    json_object_set_new(o, "done", jint(v.done));
    json_object_set_new(o, "accepted", jint(v.accepted));
    json_object_set_new(o, "rejected", jint(v.rejected));
    json_object_set_new(o, "created", jint(v.created));
    json_object_set_new(o, "updated", jint(v.updated));
    json_object_set_new(o, "committed", json_boolean(v.committed));
    json_object_set_new(o, "message", jstr(v.message));
    json_object_set_new(o, "created_at", jint(v.created_at));
    json_object_set_new(o, "finished_at", v.finished_at ? jint(v.finished_at) : json_null());
    json_object_set_new(o, "error_file",
                        v.has_error_file ? jstr(import_job_error_url(req->arena, v.id))
                                         : json_null());
    if (v.result) {
        json_t *r = json_loads(v.result, 0, NULL);
        json_t *errs = r ? json_object_get(r, "errors") : NULL;
        json_t *upd = r ? json_object_get(r, "updated_rows") : NULL;
        json_t *same = r ? json_object_get(r, "unchanged") : NULL;
        json_t *kept = r ? json_object_get(r, "committed_rows") : NULL;
        json_object_set_new(o, "committed_rows", kept ? json_incref(kept) : json_array());
        json_object_set_new(o, "errors", errs ? json_incref(errs) : json_array());
        json_object_set_new(o, "updated_rows", upd ? json_incref(upd) : json_array());
        json_object_set_new(o, "unchanged", same ? json_incref(same) : jint(0));
        if (r)
            json_decref(r);
    } else {
        json_object_set_new(o, "committed_rows", json_array());
        json_object_set_new(o, "errors", json_array());
        json_object_set_new(o, "updated_rows", json_array());
        json_object_set_new(o, "unchanged", jint(0));
    }
    http_res_json(res, 200, o);
    return 0;
}

static int job_errors(struct http_req *req, struct http_res *res, struct err *err)
{
    struct import_job_view v;
    const void *p;
    size_t n;

    if (job_load(req, &v, err) < 0 ||
        import_job_error_file(req->app->db, v.id, req->arena, &p, &n, err) < 0)
        return -1;
    http_res_xlsx(req, res, p, n, arena_printf(req->arena, "import-%" PRId64 "-errors.xlsx", v.id),
                  arena_printf(req->arena, "导入错误-%" PRId64 ".xlsx", v.id));
    return 0;
}

/* ---- export and template ---- */

struct export_query {
    int64_t org;
    struct member_filter f;
    char *reveal;
};
static const struct field EXPORT_QUERY[] = {
    FIELD_ID(struct export_query, org, "org", "党组织", FIELD_OPTIONAL),
    MEMBER_FILTER_FIELDS(struct export_query, f),
    FIELD_STR(struct export_query, reveal, "reveal", "显示完整信息", FIELD_ASCII, 1, 40),
    FIELD_END,
};

/* One audit row for a revealing export of a subtree (the rows themselves are not listed). */
static int export_reveal_audit(struct http_req *req, int64_t org_id, unsigned bits, struct err *err)
{
    struct db_conn *c = NULL;
    struct auth_actor actor;
    char digest[65], what[32];
    int rc = -1;

    http_actor(req, &actor);
    snprintf(what, sizeof(what), "reveal=%u", bits);
    audit_digest(what, strlen(what), digest);
    struct audit_entry e = {
        .user_id = req->user->id,
        .username = req->user->username,
        .source = actor.source,
        .action = "member.export_reveal",
        .target_type = "org",
        .target_id = org_id,
        .org_id = org_id,
        .result = "ok",
        .request_id = req->request_id,
        .digest = digest,
    };
    if (db_acquire(req->app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        audit_append(c, &e, err) < 0)
        goto out;
    rc = db_tx_commit(c, err);
out:
    db_release(req->app->db, &c);
    return rc;
}

static int export_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct export_query in = { 0 };
    struct member_query q = { 0 };
    unsigned reveal = 0;
    bool demo = false;
    char *data = NULL, today[11], ymd[9];
    size_t len;
    int64_t count;

    if (http_query_decode(req, EXPORT_QUERY, &in, NULL, err) < 0 ||
        http_scope_path(req, in.org, &q.org_path, err) < 0 ||
        member_reveal_parse(in.reveal, &reveal, err) < 0)
        return -1;
    if (reveal && !auth_can(req->user, PERM_MEMBERS_REVEAL_PII, q.org_path))
        return err_set(err, E_FORBIDDEN, "/reveal", "您没有查看完整个人信息的权限（%s）",
                       perm_label(PERM_MEMBERS_REVEAL_PII));
    if (reveal && export_reveal_audit(req, path_last_id(q.org_path), reveal, err) < 0)
        return -1;
    q.f = in.f;
    if (member_demo_instance(req->app, &demo, err) < 0 ||
        member_export_xlsx(req->app, &q, reveal, demo, &data, &len, &count, err) < 0)
        return -1;
    clock_today(today);
    snprintf(ymd, sizeof(ymd), "%.4s%.2s%.2s", today, today + 5, today + 8);
    http_res_xlsx(req, res, data, len, arena_printf(req->arena, "members-%s.xlsx", ymd),
                  arena_printf(req->arena, "党员名册-%s.xlsx", ymd));
    free(data);
    return 0;
}

struct template_query {
    int64_t org;
};
static const struct field TEMPLATE_QUERY[] = {
    FIELD_ID(struct template_query, org, "org", "党组织", FIELD_OPTIONAL),
    FIELD_END,
};

static int template_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct template_query in = { 0 };
    struct org_view org;
    const char *scope;
    char *data;
    size_t len;

    /* The example row names the org asked for (or the caller's own), so the template
     * imports cleanly as downloaded. */
    if (http_query_decode(req, TEMPLATE_QUERY, &in, NULL, err) < 0 ||
        http_scope_path(req, in.org, &scope, err) < 0 ||
        org_get(req->app, in.org ? in.org : path_last_id(scope), req->arena, &org, err) < 0 ||
        member_import_template_xlsx(org.name, &data, &len, err) < 0)
        return -1;
    http_res_xlsx(req, res, data, len, "members-import-template.xlsx", "党员名册导入模板.xlsx");
    free(data);
    return 0;
}

/* Registered before the members module's routes so these fixed paths win over
 * /api/members/{id}. */
/* Uploads are files, bounded by import.max_bytes rather than http.body_max. */
static int64_t import_body_max(const struct cfg *cfg)
{
    return cfg->import_max_bytes;
}

static const struct route IMPORT_ROUTES[] = {
    { HTTP_POST, "/api/members/import", import_post, PERM_MEMBERS_WRITE, SCOPE_CALLER,
      "从 Excel（.xlsx）或 CSV 导入党员名册（?dry_run=1 仅校验，?skip_invalid=1 跳过错误行）",
      import_body_max, IMPORT_QUERY, NULL },
    { HTTP_GET, "/api/members/export", export_get, PERM_MEMBERS_READ, SCOPE_CALLER,
      "导出党员名册为 Excel（筛选条件同列表，个人信息脱敏）", NULL, EXPORT_QUERY, NULL },
    { HTTP_GET, "/api/members/import-template", template_get, PERM_MEMBERS_WRITE, SCOPE_CALLER,
      "下载党员名册导入模板（.xlsx）", NULL, TEMPLATE_QUERY, NULL },
    { HTTP_GET, "/api/import-jobs/{id}", job_get, PERM_MEMBERS_WRITE, SCOPE_RECORD,
      "导入任务的进度与结果", NULL, NULL, NULL },
    { HTTP_GET, "/api/import-jobs/{id}/errors.xlsx", job_errors, PERM_MEMBERS_WRITE, SCOPE_RECORD,
      "下载导入任务的错误行（.xlsx，含错误原因）", NULL, NULL, NULL },
    { 0 },
};

static const struct audit_action IMPORT_AUDIT[] = {
    { "member.export_reveal", "导出党员完整个人信息", "org" },
    { NULL, NULL, NULL },
};

const struct module IMPORT_MODULE = {
    .name = "import",
    .routes = IMPORT_ROUTES,
    .perms = NULL,
    .audit_actions = IMPORT_AUDIT,
    .codes = NULL,
    .commands = IMPORT_COMMANDS,
};
