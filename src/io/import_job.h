/* import_job.h: one roster import run as a job (import_job.c): in the request or on a
 * background thread, with live progress and the end recorded in the job row (import_store.h).
 * Used by the import routes (import_http.c) and the server's shutdown. */
#pragma once

#include "core/arena.h"
#include "core/json.h"
#include "io/member_import.h"

struct app;
struct auth_actor;
struct err;

struct import_job {
    struct app *app;
    int64_t id; /* the job row (import_job_create) */
    char *data; /* heap copy when async */
    size_t len;
    struct import_opts opts;
    struct arena arena; /* everything the opts point to, when async */
};

/* Runs the import and records its end in the job row. Returns the result JSON (from a's
 * request; the caller owns the reference), or NULL with err set when the whole import failed. */
json_t *import_job_run(struct import_job *j, struct arena *a, struct err *err);
/* Starts j (calloc'd, opts filled with the request's scope and user) on a thread of its own,
 * after copying data, the scope, the user and actor, which need not outlive the call. The
 * thread frees j. On failure j is freed too, and err is E_UNAVAILABLE. */
int import_job_start(struct import_job *j, const void *data, size_t len,
                     const struct auth_actor *actor, struct err *err);

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
