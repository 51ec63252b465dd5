/* import_http.c: the Excel routes of the roster: POST /api/members/import (multipart upload,
 * parsed here with a small bounded parser), the import jobs (GET /api/import-jobs/{id} and
 * its errors.xlsx), GET /api/members/export and GET /api/members/import-template. Imports
 * run in the request by default; ?async=1 (or a file over import.async_bytes) runs them on a
 * background thread and answers 202 with the job id, which the UI polls. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/cfg.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json.h"
#include "core/log.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/audit/audit.h"
#include "domain/auth/auth.h"
#include "domain/members/members.h"
#include "domain/orgs/orgs.h"
#include "http/http.h"
#include "domain/modules.h"
#include "io/import_http.h"
#include "io/import_store.h"
#include "io/member_import.h"

#define XLSX_TYPE      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#define ERRORS_IN_JSON 1000
#define LIVE_JOBS      64

/* ---- live progress of running jobs (this process only; the job row has the final state) ---- */

static pthread_mutex_t live_mu = PTHREAD_MUTEX_INITIALIZER;
static struct live {
    int64_t id, done, total, accepted, rejected;
} live[LIVE_JOBS];

static void live_set(int64_t id, int64_t done, int64_t total, int64_t accepted, int64_t rejected)
{
    size_t free_slot = LIVE_JOBS;

    pthread_mutex_lock(&live_mu);
    for (size_t i = 0; i < LIVE_JOBS; i++) {
        if (live[i].id == id) {
            live[i] = (struct live){ id, done, total, accepted, rejected };
            pthread_mutex_unlock(&live_mu);
            return;
        }
        if (!live[i].id && free_slot == LIVE_JOBS)
            free_slot = i;
    }
    if (free_slot < LIVE_JOBS)
        live[free_slot] = (struct live){ id, done, total, accepted, rejected };
    pthread_mutex_unlock(&live_mu);
}

static void live_clear(int64_t id)
{
    pthread_mutex_lock(&live_mu);
    for (size_t i = 0; i < LIVE_JOBS; i++)
        if (live[i].id == id)
            live[i].id = 0;
    pthread_mutex_unlock(&live_mu);
}

static bool live_get(int64_t id, struct live *out)
{
    bool found = false;

    pthread_mutex_lock(&live_mu);
    for (size_t i = 0; i < LIVE_JOBS && !found; i++)
        if (live[i].id == id) {
            *out = live[i];
            found = true;
        }
    pthread_mutex_unlock(&live_mu);
    return found;
}

static void on_progress(void *ctx, int64_t done, int64_t total, int64_t accepted, int64_t rejected)
{
    int64_t id = *(const int64_t *)ctx;
    if (done % 100 == 0)
        live_set(id, done, total, accepted, rejected);
}

/* ---- multipart/form-data (RFC 7578), bounded by the body already read ---- */

struct upload {
    const char *data;
    size_t len;
    const char *filename;
};

static const char *find_mem(const char *hay, size_t n, const char *needle, size_t m)
{
    if (m == 0 || n < m)
        return NULL;
    for (const char *p = hay; p + m <= hay + n; p++) {
        p = memchr(p, needle[0], (size_t)(hay + n - p));
        if (!p || p + m > hay + n)
            return NULL;
        if (memcmp(p, needle, m) == 0)
            return p;
    }
    return NULL;
}

/* The value of param (boundary=, name=, filename=) in a header value; from a. */
static const char *header_param(const char *h, size_t n, const char *param, struct arena *a)
{
    size_t plen = strlen(param);

    for (const char *p = h; p + plen < h + n; p++) {
        if (strncasecmp(p, param, plen) != 0 || (p > h && isalnum((unsigned char)p[-1])))
            continue;
        p += plen;
        if (*p == '"') {
            const char *e = memchr(p + 1, '"', (size_t)(h + n - p - 1));
            return e ? arena_strndup(a, p + 1, (size_t)(e - p - 1)) : NULL;
        }
        size_t k = 0;
        while (p + k < h + n && p[k] != ';' && p[k] != ' ' && p[k] != '\r')
            k++;
        return arena_strndup(a, p, k);
    }
    return NULL;
}

static int multipart_file(struct http_req *req, struct upload *out, struct err *err)
{
    const char *ct = http_header(req, "Content-Type"), *boundary, *p, *end;
    char *delim;
    size_t dlen;

    if (!ct || strncasecmp(ct, "multipart/form-data", 19) != 0)
        return err_set(err, E_INVALID, "/file",
                       "请以 multipart/form-data 上传文件（表单字段 file，.xlsx 或 .csv）");
    boundary = header_param(ct, strlen(ct), "boundary=", req->arena);
    if (!boundary || !*boundary || strlen(boundary) > 200)
        return err_set(err, E_INVALID, "/file", "上传内容缺少 multipart 分隔符（boundary）");
    delim = arena_printf(req->arena, "--%s", boundary);
    dlen = strlen(delim);
    p = req->body;
    end = req->body ? req->body + req->body_len : NULL;
    while (p && (p = find_mem(p, (size_t)(end - p), delim, dlen)) != NULL) {
        const char *hdr = p + dlen, *hend, *body, *next;
        if (hdr + 2 > end || !memcmp(hdr, "--", 2))
            break;
        hend = find_mem(hdr, (size_t)(end - hdr), "\r\n\r\n", 4);
        if (!hend)
            break;
        body = hend + 4;
        next = find_mem(body, (size_t)(end - body), delim, dlen);
        if (!next)
            break;
        const char *name = header_param(hdr, (size_t)(hend - hdr), "name=", req->arena);
        if (name && !strcmp(name, "file")) {
            size_t n = (size_t)(next - body);
            if (n >= 2 && body[n - 2] == '\r' && body[n - 1] == '\n')
                n -= 2;
            out->data = body;
            out->len = n;
            out->filename = header_param(hdr, (size_t)(hend - hdr), "filename=", req->arena);
            return 0;
        }
        p = next;
    }
    return err_set(err, E_INVALID, "/file", "没有收到文件：请在表单字段 file 中上传 .xlsx 或 .csv");
}

/* ---- results as JSON ---- */

/* The rows that change a registered member: {row, member_id, name, fields:[labels]}. */
static json_t *updates_json(const struct import_result *r)
{
    json_t *a = json_array();

    for (int64_t i = 0; i < r->nupdates && i < ERRORS_IN_JSON; i++) {
        const struct import_update *u = &r->updates[i];
        json_t *f = json_array();
        for (size_t k = 0; k < u->nfields; k++)
            json_array_append_new(f, jstr(u->fields[k]));
        json_array_append_new(a, json_pack("{s:I, s:I, s:s, s:o}", "row", (json_int_t)u->row,
                                           "member_id", (json_int_t)u->member_id, "name", u->name,
                                           "fields", f));
    }
    return a;
}

static json_t *result_json(const struct import_result *r, bool dry_run, int64_t job_id)
{
    json_t *o = json_object(), *errs = json_array(), *ign = json_array();

    for (int64_t i = 0; i < r->nerrors && i < ERRORS_IN_JSON; i++)
        json_array_append_new(
            errs, json_pack("{s:I, s:s, s:s}", "row", (json_int_t)r->errors[i].row, "column",
                            r->errors[i].column, "message", r->errors[i].message));
    for (size_t i = 0; i < r->nignored; i++)
        json_array_append_new(ign, jstr(r->ignored_columns[i]));
    json_object_set_new(o, "accepted", jint(r->accepted));
    json_object_set_new(o, "rejected", jint(r->rejected));
    json_object_set_new(o, "created", jint(r->created));
    json_object_set_new(o, "updated", jint(r->updated));
    json_object_set_new(o, "unchanged", jint(r->unchanged));
    json_object_set_new(o, "updated_rows", updates_json(r));
    json_object_set_new(o, "updated_rows_total", jint(r->nupdates));
    json_object_set_new(o, "rows", jint(r->rows));
    json_object_set_new(o, "committed", json_boolean(r->committed));
    json_object_set_new(o, "dry_run", json_boolean(dry_run));
    json_object_set_new(o, "format", jstr(r->format));
    json_object_set_new(o, "encoding", jstr(r->encoding));
    json_object_set_new(o, "header_row", jint(r->header_row));
    json_object_set_new(o, "ignored_columns", ign);
    json_object_set_new(o, "errors", errs);
    json_object_set_new(o, "errors_total", jint(r->nerrors));
    json_object_set_new(o, "job_id", jint(job_id));
    json_object_set_new(o, "state", jstr("done"));
    return o;
}

static const char *error_file_url(struct arena *a, int64_t job_id)
{
    return arena_printf(a, "/api/import-jobs/%" PRId64 "/errors.xlsx", job_id);
}

/* ---- running one import (in the request, or on a thread) ---- */

struct job {
    struct app *app;
    int64_t id;
    char *data; /* heap copy when async */
    size_t len;
    struct import_opts opts;
    struct arena arena; /* everything the opts point to, when async */
};

/* Runs the import and records its end in the job row. Returns the result JSON (or NULL with
 * err set when the whole import failed). */
static json_t *job_run(struct job *j, struct arena *a, struct err *err)
{
    struct import_result r;
    struct import_job_view v = { .id = j->id };
    char *xlsx = NULL;
    size_t xlen = 0;
    json_t *out = NULL;
    struct err e2 = { 0 };

    j->opts.progress = on_progress;
    j->opts.progress_ctx = &j->id;
    live_set(j->id, 0, 0, 0, 0);
    if (member_import(j->app, j->data, j->len, &j->opts, a, &r, err) < 0) {
        v.state = "failed";
        v.message = err->msg;
        if (import_job_finish(j->app, &v, NULL, 0, &e2) < 0)
            log_error("import_job", "id=%" PRId64 " finish failed: %s", j->id, e2.detail);
        live_clear(j->id);
        return NULL;
    }
    if (r.nbad > 0 && member_import_errors_xlsx(&r, &xlsx, &xlen, err) < 0) {
        live_clear(j->id);
        return NULL;
    }
    out = result_json(&r, j->opts.dry_run, j->id);
    json_object_set_new(out, "error_file", xlsx ? jstr(error_file_url(a, j->id)) : json_null());
    v = (struct import_job_view){
        .id = j->id,
        .state = "done",
        .total = r.rows,
        .done = r.rows,
        .accepted = r.accepted,
        .rejected = r.rejected,
        .created = r.created,
        .updated = r.updated,
        .committed = r.committed,
    };
    {
        char *s = json_dumps(out, JSON_COMPACT);
        v.result = arena_strdup(a, s);
        free(s);
    }
    if (import_job_finish(j->app, &v, xlsx, xlen, err) < 0) {
        json_decref(out);
        out = NULL;
    }
    free(xlsx);
    live_clear(j->id);
    return out;
}

/* Background imports still running; the server waits for them before closing the database. */
static pthread_mutex_t jobs_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t jobs_cv = PTHREAD_COND_INITIALIZER;
static int jobs_running;

void import_jobs_drain(void)
{
    pthread_mutex_lock(&jobs_mu);
    while (jobs_running > 0)
        pthread_cond_wait(&jobs_cv, &jobs_mu);
    pthread_mutex_unlock(&jobs_mu);
}

static void *job_thread(void *arg)
{
    struct job *j = arg;
    struct arena a;
    struct err err = { 0 };
    json_t *res;

    arena_init(&a, 64 * 1024);
    res = job_run(j, &a, &err);
    if (res)
        json_decref(res);
    else
        log_warn("import_job", "id=%" PRId64 " code=%s detail=\"%s\"", j->id,
                 err_code_name(err.code), err.detail);
    arena_release(&a);
    arena_release(&j->arena);
    free(j->data);
    free(j);
    pthread_mutex_lock(&jobs_mu);
    jobs_running--;
    pthread_cond_broadcast(&jobs_cv);
    pthread_mutex_unlock(&jobs_mu);
    return NULL;
}

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

static int import_post(struct http_req *req, struct http_res *res, struct err *err)
{
    struct import_query in = { 0 };
    const char *scope;
    struct upload up = { 0 };
    struct auth_actor actor;
    struct job *j;
    int64_t job_id;
    json_t *out;

    if (http_query_decode(req, IMPORT_QUERY, &in, NULL, err) < 0 ||
        http_scope_path(req, in.org, &scope, err) < 0 || multipart_file(req, &up, err) < 0)
        return -1;
    if (up.len == 0)
        return err_set(err, E_INVALID, "/file", "上传的文件是空的");
    if (import_job_create(req->app, req->user->id, in.org ? in.org : path_last_id(scope),
                          up.filename, in.dry_run, in.skip_invalid, &job_id, err) < 0)
        return -1;
    http_actor(req, &actor);
    j = calloc(1, sizeof(*j));
    ASSERT(j);
    j->app = req->app;
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
        pthread_t t;
        struct auth_actor *ac;
        arena_init(&j->arena, 4096);
        j->data = malloc(up.len);
        ASSERT(j->data);
        memcpy(j->data, up.data, up.len);
        j->len = up.len;
        j->opts.scope_path = arena_strdup(&j->arena, scope);
        j->opts.user = user_copy(req->user, &j->arena);
        ac = arena_alloc(&j->arena, sizeof(*ac));
        ac->user = j->opts.user;
        ac->source = arena_strdup(&j->arena, actor.source);
        ac->request_id = arena_strdup(&j->arena, actor.request_id);
        ac->client_ip = arena_strdup(&j->arena, actor.client_ip);
        j->opts.actor = ac;
        live_set(job_id, 0, 0, 0, 0);
        pthread_mutex_lock(&jobs_mu);
        jobs_running++;
        pthread_mutex_unlock(&jobs_mu);
        if (pthread_create(&t, NULL, job_thread, j) != 0) {
            pthread_mutex_lock(&jobs_mu);
            jobs_running--;
            pthread_mutex_unlock(&jobs_mu);
            arena_release(&j->arena);
            free(j->data);
            free(j);
            live_clear(job_id);
            return err_set(err, E_UNAVAILABLE, "", "服务器繁忙，无法启动后台导入");
        }
        pthread_detach(t);
        http_res_json(res, 202,
                      json_pack("{s:I, s:s, s:s}", "job_id", (json_int_t)job_id, "state", "running",
                                "status_url",
                                arena_printf(req->arena, "/api/import-jobs/%" PRId64, job_id)));
        return 0;
    }
    j->data = (char *)(uintptr_t)up.data;
    j->len = up.len;
    j->opts.actor = &actor;
    out = job_run(j, req->arena, err);
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

    if (http_param_id(req, 0, &id, err) < 0 || import_job_get(req->app, id, req->arena, v, err) < 0)
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
    struct live l;
    json_t *o;

    if (job_load(req, &v, err) < 0)
        return -1;
    o = json_object();
    if (!strcmp(v.state, "running") && live_get(v.id, &l)) {
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
                        v.has_error_file ? jstr(error_file_url(req->arena, v.id)) : json_null());
    if (v.result) {
        json_t *r = json_loads(v.result, 0, NULL);
        json_t *errs = r ? json_object_get(r, "errors") : NULL;
        json_t *upd = r ? json_object_get(r, "updated_rows") : NULL;
        json_t *same = r ? json_object_get(r, "unchanged") : NULL;
        json_object_set_new(o, "errors", errs ? json_incref(errs) : json_array());
        json_object_set_new(o, "updated_rows", upd ? json_incref(upd) : json_array());
        json_object_set_new(o, "unchanged", same ? json_incref(same) : jint(0));
        if (r)
            json_decref(r);
    } else {
        json_object_set_new(o, "errors", json_array());
        json_object_set_new(o, "updated_rows", json_array());
        json_object_set_new(o, "unchanged", jint(0));
    }
    http_res_json(res, 200, o);
    return 0;
}

/* attachment; filename="ascii"; filename*=UTF-8''percent-encoded (RFC 6266 / 5987). */
static const char *disposition(struct arena *a, const char *ascii, const char *utf8)
{
    struct buf b;

    buf_init(&b, a, 1024);
    buf_printf(&b, "attachment; filename=\"%s\"; filename*=UTF-8''", ascii);
    for (const unsigned char *p = (const unsigned char *)utf8; *p; p++) {
        if (isalnum(*p) || strchr("-._~", *p))
            buf_putc(&b, (char)*p);
        else
            buf_printf(&b, "%%%02X", *p);
    }
    return buf_cstr(&b);
}

static void xlsx_body(struct http_req *req, struct http_res *res, const void *p, size_t n,
                      const char *ascii, const char *utf8)
{
    char *copy = arena_alloc(req->arena, n ? n : 1);

    memcpy(copy, p, n);
    http_res_body(res, 200, XLSX_TYPE, copy, n);
    http_res_header(res, "Content-Disposition", disposition(req->arena, ascii, utf8));
}

static int job_errors(struct http_req *req, struct http_res *res, struct err *err)
{
    struct import_job_view v;
    const void *p;
    size_t n;

    if (job_load(req, &v, err) < 0 ||
        import_job_error_file(req->app, v.id, req->arena, &p, &n, err) < 0)
        return -1;
    xlsx_body(req, res, p, n, arena_printf(req->arena, "import-%" PRId64 "-errors.xlsx", v.id),
              arena_printf(req->arena, "导入错误-%" PRId64 ".xlsx", v.id));
    return 0;
}

/* ---- export and template ---- */

struct export_query {
    int64_t org;
    char *q, *category, *status, *tag, *sort, *reveal;
    int64_t age_min, age_max;
};
static const struct field EXPORT_QUERY[] = {
    FIELD_ID(struct export_query, org, "org", "党组织", FIELD_OPTIONAL),
    FIELD_STR(struct export_query, q, "q", "搜索词", FIELD_OPTIONAL, 0, 50),
    FIELD_ENUM(struct export_query, category, "category", "党员类别", FIELD_OPTIONAL,
               MEMBER_CATEGORIES),
    FIELD_ENUM(struct export_query, status, "status", "党员状态", FIELD_OPTIONAL,
               MEMBER_STATUS_FILTERS),
    FIELD_STR(struct export_query, tag, "tag", "标签", FIELD_OPTIONAL, 1, 20),
    FIELD_INT(struct export_query, age_min, "age_min", "最小年龄", FIELD_OPTIONAL, 0, 150),
    FIELD_INT(struct export_query, age_max, "age_max", "最大年龄", FIELD_OPTIONAL, 0, 150),
    FIELD_STR(struct export_query, sort, "sort", "排序", FIELD_OPTIONAL, 1, 20),
    FIELD_STR(struct export_query, reveal, "reveal", "显示完整信息", FIELD_OPTIONAL, 1, 40),
    FIELD_END,
};

/* Parses "id_number,phone,address" into MEMBER_REVEAL_* bits. */
static int reveal_bits(const char *s, unsigned *out, struct err *err)
{
    *out = 0;
    while (s && *s) {
        const char *e = strchr(s, ',');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        if (n == 9 && !strncmp(s, "id_number", n))
            *out |= MEMBER_REVEAL_ID;
        else if (n == 5 && !strncmp(s, "phone", n))
            *out |= MEMBER_REVEAL_PHONE;
        else if (n == 7 && !strncmp(s, "address", n))
            *out |= MEMBER_REVEAL_ADDRESS;
        else
            return err_set(err, E_INVALID, "/reveal", "reveal 只能是 id_number、phone、address");
        s = e ? e + 1 : s + n;
    }
    return 0;
}

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
        reveal_bits(in.reveal, &reveal, err) < 0)
        return -1;
    if (reveal && !auth_can(req->user, PERM_MEMBERS_REVEAL_PII, q.org_path))
        return err_set(err, E_FORBIDDEN, "/reveal", "您没有查看完整个人信息的权限（%s）",
                       perm_name(PERM_MEMBERS_REVEAL_PII));
    if (reveal && export_reveal_audit(req, path_last_id(q.org_path), reveal, err) < 0)
        return -1;
    q.q = in.q;
    q.category = in.category;
    q.status = in.status;
    q.tag = in.tag;
    q.age_min = in.age_min;
    q.age_max = in.age_max;
    q.sort = in.sort;
    if (member_demo_instance(req->app, &demo, err) < 0 ||
        member_export_xlsx(req->app, &q, reveal, demo, &data, &len, &count, err) < 0)
        return -1;
    clock_today(today);
    snprintf(ymd, sizeof(ymd), "%.4s%.2s%.2s", today, today + 5, today + 8);
    xlsx_body(req, res, data, len, arena_printf(req->arena, "members-%s.xlsx", ymd),
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
    xlsx_body(req, res, data, len, "members-import-template.xlsx", "党员名册导入模板.xlsx");
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
};
