/* import_job.c: runs one import as a job: in the request, or on a background thread that owns
 * copies of the file, scope and caller; keeps the live progress of running jobs (this process
 * only), records in the job row what each commit keeps, in the same transaction, and records
 * the job's end and result JSON. It parses no HTTP and decodes no rows (the area's importer). */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/json.h"
#include "core/log.h"
#include "io/import_job.h"
#include "io/import_store.h"
#include "io/import_engine.h"

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
                                           "member_id", (json_int_t)u->id, "name", u->name,
                                           "fields", f));
    }
    return a;
}

/* The committed rows as ranges of Excel row numbers: [[3, 514], [516, 1000]]. */
static json_t *ranges_json(const struct import_kept *k)
{
    json_t *a = json_array();

    for (int64_t i = 0; i < k->nranges; i++)
        json_array_append_new(
            a, json_pack("[I, I]", (json_int_t)k->ranges[i].first, (json_int_t)k->ranges[i].last));
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
    json_object_set_new(o, "committed_rows", ranges_json(&r->kept));
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

/* The job row as k keeps it: counts, and result JSON text with committed_rows (*text_out,
 * malloc'd, which v.result points to). */
static struct import_job_view kept_view(const struct import_job *j, const struct import_kept *k,
                                        int64_t total, char **text_out)
{
    json_t *o = json_pack("{s:o}", "committed_rows", ranges_json(k));
    char *text = json_dumps(o, JSON_COMPACT);

    ASSERT(text);
    json_decref(o);
    *text_out = text;
    return (struct import_job_view){
        .id = j->id,
        .result = text,
        .total = total > k->done ? total : k->done,
        .done = k->done,
        .accepted = k->rows,
        .rejected = k->rejected,
        .created = k->created,
        .updated = k->updated,
        .committed = k->rows > 0,
    };
}

/* import_opts.on_commit: the job row says what the chunk about to commit keeps, in the
 * chunk's own transaction, so it is true after a crash. */
static int job_commit(void *ctx, struct db_conn *c, const struct import_kept *k, int64_t total,
                      struct err *err)
{
    char *text;
    struct import_job_view v = kept_view(ctx, k, total, &text);
    int rc = import_job_progress(c, &v, err);

    free(text);
    return rc;
}

/* The whole import failed: the job row says so, and what earlier chunks committed. */
static void job_failed(struct import_job *j, const struct import_result *r, const struct err *err)
{
    char *text;
    struct import_job_view v = kept_view(j, &r->kept, r->rows, &text);
    struct err e2 = { 0 };

    v.state = "failed";
    v.message = err->msg;
    if (import_job_finish(j->db, &v, NULL, 0, &e2) < 0)
        log_error("import_job", "id=%" PRId64 " finish failed: %s", j->id, e2.detail);
    free(text);
}

/* Runs the import and records its end in the job row. Returns the result JSON (or NULL with
 * err set when the whole import failed). */
json_t *import_job_run(struct import_job *j, struct arena *a, struct err *err)
{
    struct import_result r;
    struct import_job_view v;
    char *xlsx = NULL, *text;
    size_t xlen = 0;
    json_t *out = NULL;

    j->opts.progress = on_progress;
    j->opts.progress_ctx = &j->id;
    j->opts.on_commit = job_commit;
    j->opts.commit_ctx = j;
    live_set(j->id, 0, 0, 0, 0);
    if (j->run(j->app, j->data, j->len, &j->opts, a, &r, err) < 0) {
        job_failed(j, &r, err);
        live_clear(j->id);
        return NULL;
    }
    if (r.nbad > 0 && import_errors_xlsx(&r, &xlsx, &xlen, err) < 0) {
        live_clear(j->id);
        return NULL;
    }
    out = result_json(&r, j->opts.dry_run, j->id);
    json_object_set_new(out, "error_file",
                        xlsx ? jstr(import_job_error_url(a, j->id)) : json_null());
    text = json_dumps(out, JSON_COMPACT);
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
        .result = arena_strdup(a, text),
    };
    free(text);
    if (import_job_finish(j->db, &v, xlsx, xlen, err) < 0) {
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

/* The async half of import_post: copies what the thread needs past the request. */
int import_job_start(struct import_job *j, const void *data, size_t len, struct err *err)
{
    pthread_t t;

    j->data = malloc(len);
    ASSERT(j->data);
    memcpy(j->data, data, len);
    j->len = len;
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
