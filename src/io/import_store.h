/* import_store.h: the import_job table (migration 0004): create a job, record what it has
 * committed, record its end, read it back. Each call but import_job_progress is its own short
 * transaction on a connection from the pool; import_job_progress runs inside the importer's. */
#pragma once

struct db;
struct arena;
struct db_conn;
struct err;

struct import_job_view {
    int64_t id, user_id, org_id;
    const char *filename, *state, *message, *result; /* result: JSON text or NULL */
    bool dry_run, skip_invalid, committed, has_error_file;
    int64_t total, done, accepted, rejected, created, updated;
    int64_t created_at, finished_at;
};

int import_job_create(struct db *db, int64_t user_id, int64_t org_id, const char *filename,
                      bool dry_run, bool skip_invalid, int64_t *id_out, struct err *err);
/* Marks every job still 'running' as failed, with a message that says what was kept. Run
 * by `serve` before it takes requests: jobs run only inside a server process (the CLI import
 * keeps no job), so at start any running job belongs to a server that stopped mid-import. */
int import_jobs_abandon(struct db *db, int64_t *n_out, struct err *err);
/* What running job v->id has committed so far, on c inside the transaction that commits it
 * (import_opts.on_commit): v's counts, and v->result (JSON with committed_rows). */
int import_job_progress(struct db_conn *c, const struct import_job_view *v, struct err *err);
/* Final state: "done" or "failed"; result JSON and error workbook may be NULL. */
int import_job_finish(struct db *db, const struct import_job_view *v, const void *error_file,
                      size_t error_file_len, struct err *err);
/* E_NOT_FOUND when missing. Memory from a. */
int import_job_get(struct db *db, int64_t id, struct arena *a, struct import_job_view *out,
                   struct err *err);
/* The error workbook (E_NOT_FOUND when the job has none). Memory from a. */
int import_job_error_file(struct db *db, int64_t id, struct arena *a, const void **p_out,
                          size_t *len_out, struct err *err);
