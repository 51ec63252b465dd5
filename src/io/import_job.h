/* import_job.h: one import run as a job (import_job.c): in the request or on a background
 * thread, with live progress, what each commit keeps recorded in the job row in the same
 * transaction, and the end recorded there too (import_store.h). It runs any area's importer
 * (run); used by the import routes (import_http.c) and the server's shutdown. */
#pragma once

#include "core/arena.h"
#include "core/json.h"
#include "io/import_engine.h"

struct app;
struct db;
struct err;

/* An area's importer (member_import …): import_engine_run with its table and callbacks. */
typedef int import_run_fn(struct app *app, const void *data, size_t len,
                          const struct import_opts *o, struct arena *a, struct import_result *out,
                          struct err *err);

struct import_job {
    struct app *app;
    struct db *db;
    import_run_fn *run;
    int64_t id; /* the job row (import_job_create) */
    char *data; /* heap copy when async */
    size_t len;
    struct import_opts opts;
    struct arena arena; /* everything the opts point to, when async (initialized by the caller) */
};

/* Runs the import and records its end in the job row. Returns the result JSON (from a's
 * request; the caller owns the reference), or NULL with err set when the whole import failed. */
json_t *import_job_run(struct import_job *j, struct arena *a, struct err *err);
/* Starts j (calloc'd; what its opts point to copied into j->arena by the caller) on a thread
 * of its own, after copying data, which need not outlive the call. The thread frees j. On
 * failure j is freed too, and err is E_UNAVAILABLE. */
int import_job_start(struct import_job *j, const void *data, size_t len, struct err *err);

/* A running job's progress as last reported (every 100 rows); false when not running here. */
struct import_job_live {
    int64_t id, done, total, accepted, rejected;
};
bool import_job_live_get(int64_t id, struct import_job_live *out);
/* The URL of a job's error workbook, from a. */
const char *import_job_error_url(struct arena *a, int64_t job_id);

/* Waits until every background import has finished (the server calls it at shutdown, after
 * it stopped taking requests and before it closes the database). */
void import_jobs_drain(void);
