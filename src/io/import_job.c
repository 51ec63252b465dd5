/* import_job.c: runs one roster import as a job: in the request, or on a background thread
 * that owns copies of the file, scope and caller; keeps the live progress of running jobs
 * (this process only) and records each job's end and result JSON in its row. It parses no
 * HTTP and decodes no rows (member_import.c does). */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/json.h"
#include "core/log.h"
#include "domain/auth/auth.h"
#include "io/import_job.h"
#include "io/import_store.h"
#include "io/member_import.h"

#define ERRORS_IN_JSON 1000
#define LIVE_JOBS      64

/* ---- live progress of running jobs (this process only; the job row has the final state) ---- */

static pthread_mutex_t live_mu = PTHREAD_MUTEX_INITIALIZER;
static struct import_job_live live[LIVE_JOBS];

static void live_set(int64_t id, int64_t done, int64_t total, int64_t accepted, int64_t rejected)
{
    size_t free_slot = LIVE_JOBS;

    pthread_mutex_lock(&live_mu);
    for (size_t i = 0; i < LIVE_JOBS; i++) {
        if (live[i].id == id) {
            live[i] = (struct import_job_live){ id, done, total, accepted, rejected };
            pthread_mutex_unlock(&live_mu);
            return;
        }
        if (!live[i].id && free_slot == LIVE_JOBS)
            free_slot = i;
    }
    if (free_slot < LIVE_JOBS)
        live[free_slot] = (struct import_job_live){ id, done, total, accepted, rejected };
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

bool import_job_live_get(int64_t id, struct import_job_live *out)
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

const char *import_job_error_url(struct arena *a, int64_t job_id)
{
    return arena_printf(a, "/api/import-jobs/%" PRId64 "/errors.xlsx", job_id);
}

/* ---- running one import (in the request, or on a thread) ---- */

/* Runs the import and records its end in the job row. Returns the result JSON (or NULL with
 * err set when the whole import failed). */
json_t *import_job_run(struct import_job *j, struct arena *a, struct err *err)
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
    json_object_set_new(out, "error_file",
                        xlsx ? jstr(import_job_error_url(a, j->id)) : json_null());
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
    struct import_job *j = arg;
    struct arena a;
    struct err err = { 0 };
    json_t *res;

    arena_init(&a, 64 * 1024);
    res = import_job_run(j, &a, &err);
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

/* The async half of import_post: copies what the thread needs past the request. */
int import_job_start(struct import_job *j, const void *data, size_t len,
                     const struct auth_actor *actor, struct err *err)
{
    pthread_t t;
    struct auth_actor *ac;

    arena_init(&j->arena, 4096);
    j->data = malloc(len);
    ASSERT(j->data);
    memcpy(j->data, data, len);
    j->len = len;
    j->opts.scope_path = arena_strdup(&j->arena, j->opts.scope_path);
    j->opts.user = user_copy(j->opts.user, &j->arena);
    ac = arena_alloc(&j->arena, sizeof(*ac));
    ac->user = j->opts.user;
    ac->source = arena_strdup(&j->arena, actor->source);
    ac->request_id = arena_strdup(&j->arena, actor->request_id);
    ac->client_ip = arena_strdup(&j->arena, actor->client_ip);
    j->opts.actor = ac;
    live_set(j->id, 0, 0, 0, 0);
    pthread_mutex_lock(&jobs_mu);
    jobs_running++;
    pthread_mutex_unlock(&jobs_mu);
    if (pthread_create(&t, NULL, job_thread, j) != 0) {
        int64_t job_id = j->id;
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
    return 0;
}
