/* dev_material.h: an applicant's documents (发展党员材料, RULES.md §2; migration 0019_dev_doc):
 * 入党申请书, 思想汇报, 考察记录, 政审材料, 培训证书, 入党志愿书 (with its number), 转正申请书
 * and others, each a file checked by core/upload.h and kept in the row, as orglife keeps a
 * meeting's attachments; and which documents the steps recorded so far call for (a reminder,
 * never a block: RULES.md blocks on the step-10 decision, not on a file). Seen by the dev folder
 * only (the files are named dev_material* so the module row, and its demo hook, come after
 * dev_http.c's). No HTTP here; SQL lives in dev_material_store.c. */
#pragma once

#include "core/compat.h"

struct app;
struct arena;
struct auth_actor;
struct db_conn;
struct demo_hook;
struct err;

/* Document kinds and their zh-CN labels, NULL-terminated, same order. */
extern const char *const DEV_DOC_KINDS[], *const DEV_DOC_KIND_LABELS[];
/* The demo hook (dev_material_demo.c), listed in the module row after DEV_DEMO's. */
extern const struct demo_hook DEV_DOC_DEMO;

/* What an upload says about the file: kind (DEV_DOC_KINDS), the date it bears, the step it
 * belongs to (0: the kind's own step, DEV_DOC_NEEDS), the 入党志愿书 number (kind volunteer
 * only), a note. */
struct dev_doc_in {
    char *kind, *date, *number, *note;
    int64_t step;
};

struct dev_doc_view {
    int64_t id, applicant_id, step, size, uploaded_by, uploaded_at;
    const char *kind, *doc_date, *number, *note, *file_name, *file_kind, *content_type, *sha256,
        *uploaded_by_name;
    const void *data; /* dev_doc_get only */
};

/* A document the case calls for: kind, the step that produces it (from), the step it should
 * be on file before (before; 0: only for the archive), whether it goes into the 人事档案 at step
 * 25, and how many of that kind are on file. due: the case has reached from. */
struct dev_doc_need {
    const char *kind;
    int64_t from, before;
    bool archived;
    int64_t have;
    bool due;
};
#define DEV_DOC_NEEDS_MAX 8

/* Keeps a file with the applicant: the file checked by upload_check (dev.document_max_bytes,
 * E_LIMIT; kind from the bytes, name), the date not after today, number only with kind
 * volunteer and the same as a number recorded already (E_CONFLICT /number), at most
 * dev.document_max_count documents, and not once step 25 (材料归档) is recorded (E_CONFLICT:
 * the archive is closed). One transaction, audited ("dev.document_add"). The caller checked
 * the actor may write at the applicant's org. */
int dev_doc_add(struct app *app, int64_t applicant_id, const struct dev_doc_in *in,
                const char *file_name, const void *p, size_t n, const struct auth_actor *actor,
                int64_t *id_out, struct err *err);
/* The applicant's documents by kind order then date, without their bytes. */
int dev_doc_list(struct app *app, int64_t applicant_id, struct arena *a, struct dev_doc_view **out,
                 int64_t *n_out, struct err *err);
/* One document of the applicant with its bytes (from a); E_NOT_FOUND when it is another's. */
int dev_doc_get(struct app *app, int64_t applicant_id, int64_t id, struct arena *a,
                struct dev_doc_view *out, struct err *err);
/* Deletes it (E_NOT_FOUND when not the applicant's; E_CONFLICT after step 25). Audited with
 * its name and digest ("dev.document_delete"). */
int dev_doc_delete(struct app *app, int64_t applicant_id, int64_t id,
                   const struct auth_actor *actor, struct err *err);
/* The documents the case calls for (into out, DEV_DOC_NEEDS_MAX), counted against the docs
 * on file; last_step: the highest step recorded. Pure. */
size_t dev_doc_needs(int64_t last_step, const struct dev_doc_view *docs, int64_t n,
                     struct dev_doc_need out[DEV_DOC_NEEDS_MAX]);
/* The 入党志愿书 number on file (NULL: none). */
const char *dev_doc_number(const struct dev_doc_view *docs, int64_t n);

/* ---- the store (dev_material_store.c): a connection, never begin or commit ---- */

struct dev_doc_new {
    int64_t applicant_id, step;
    const char *kind, *doc_date, *number, *note, *file_name, *file_kind, *content_type, *sha256;
    const void *data;
    size_t len;
};
int dev_doc_store_insert(struct db_conn *c, const struct dev_doc_new *in, int64_t user_id,
                         int64_t now, int64_t *id_out, struct err *err);
int dev_doc_store_list(struct db_conn *c, int64_t applicant_id, struct arena *a,
                       struct dev_doc_view **out, int64_t *n_out, struct err *err);
/* One document of the applicant (with its bytes when data); E_NOT_FOUND otherwise. */
int dev_doc_store_get(struct db_conn *c, int64_t applicant_id, int64_t id, bool data,
                      struct arena *a, struct dev_doc_view *out, struct err *err);
int dev_doc_store_delete(struct db_conn *c, int64_t applicant_id, int64_t id, struct err *err);
/* Demo: the ids of the demo's applicants (ID numbers with the demo prefix 99), by id, at most
 * n. */
int dev_doc_store_demo_cases(struct db_conn *c, int64_t n, struct arena *a, int64_t **ids_out,
                             int64_t *n_out, struct err *err);
