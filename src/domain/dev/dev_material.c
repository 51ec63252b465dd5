/* dev_material.c: an applicant's documents (dev_material.h): upload checked by core/upload.h
 * and by the case (date, the 入党志愿书 number entered once, the count, the archive closed after
 * step 25), list, download, delete, and which documents the steps recorded call for. A missing
 * document is a reminder: RULES.md §2 blocks a step on recorded decisions (DEV-POLREVIEW reads
 * step 10), never on a file. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/cfg.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json.h"
#include "core/upload.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/audit/audit.h"
#include "domain/auth/auth.h"
#include "domain/dev/dev_int.h"
#include "domain/dev/dev_material.h"

const char *const DEV_DOC_KINDS[] = { "application", "report",   "review",
                                      "polreview",   "training", "volunteer",
                                      "conversion",  "other",    NULL };
const char *const DEV_DOC_KIND_LABELS[] = { "入党申请书", "思想汇报", "考察记录",
                                            "政审材料",   "培训证书", "入党志愿书",
                                            "转正申请书", "其他",     NULL };

/* RULES.md §2: the step that produces each kind, the step it should be on file before, and
 * whether step 25 files it into the 人事档案 (入党志愿书, 入党申请书, 政审材料, 转正申请书 and
 * the 培养考察材料: 思想汇报, 考察记录, the training certificate). */
static const struct dev_doc_need NEEDS[] = {
    { "application", 1, 2, true, 0, false },  { "report", 6, 7, true, 0, false },
    { "review", 6, 7, true, 0, false },       { "polreview", 10, 12, true, 0, false },
    { "training", 11, 12, true, 0, false },   { "volunteer", 14, 15, true, 0, false },
    { "conversion", 22, 23, true, 0, false },
};
#define NNEEDS (sizeof(NEEDS) / sizeof(NEEDS[0]))

static int64_t kind_step(const char *kind)
{
    for (size_t i = 0; i < NNEEDS; i++)
        if (!strcmp(NEEDS[i].kind, kind))
            return NEEDS[i].from;
    return 0;
}

size_t dev_doc_needs(int64_t last_step, const struct dev_doc_view *docs, int64_t n,
                     struct dev_doc_need out[DEV_DOC_NEEDS_MAX])
{
    for (size_t i = 0; i < NNEEDS; i++) {
        out[i] = NEEDS[i];
        for (int64_t k = 0; k < n; k++)
            out[i].have += !strcmp(docs[k].kind, NEEDS[i].kind);
        out[i].due = last_step >= NEEDS[i].from;
    }
    return NNEEDS;
}

const char *dev_doc_number(const struct dev_doc_view *docs, int64_t n)
{
    for (int64_t k = 0; k < n; k++)
        if (docs[k].number)
            return docs[k].number;
    return NULL;
}

/* The date step 25 (材料归档) was recorded on; NULL when it is not. */
static int archived_on(struct db_conn *c, int64_t applicant_id, struct arena *a,
                       const char **date_out, struct err *err)
{
    struct dev_step_view *s = NULL;
    int64_t n = 0;

    if (dev_store_steps(c, applicant_id, NULL, a, &s, &n, err) < 0)
        return -1;
    *date_out = NULL;
    for (int64_t i = 0; i < n; i++)
        if (s[i].step == 25 && !s[i].withdrawn_at)
            *date_out = s[i].done_on;
    return 0;
}

static int archive_closed(const char *archived, const char *verb, struct err *err)
{
    return err_set(err, E_CONFLICT, "",
                   "%s 已记录第25步 材料归档：归档后的材料不再%s；如需更正，请按档案管理规定办理",
                   archived, verb);
}

/* What in says, checked against today and the documents on file. */
static int doc_in_check(const struct dev_doc_in *in, const struct dev_doc_view *docs, int64_t n,
                        int64_t max_count, struct err *err)
{
    char today[11];
    const char *number = dev_doc_number(docs, n);

    clock_today(today);
    if (strcmp(in->date, today) > 0)
        return err_set(err, E_INVALID, "/date", "材料日期 %s 晚于今天（%s）", in->date, today);
    if (in->number && *in->number && strcmp(in->kind, "volunteer") != 0)
        return err_set(err, E_INVALID, "/number", "只有入党志愿书有编号");
    if (in->number && *in->number && number && strcmp(number, in->number) != 0)
        return err_set(err, E_CONFLICT, "/number",
                       "已登记入党志愿书编号 %s：一名申请人只有一份入党志愿书编号", number);
    if (n >= max_count)
        return err_set(err, E_CONFLICT, "/file",
                       "每名申请人最多 %" PRId64 " 份材料，请先删除不需要的材料", max_count);
    return 0;
}

int dev_doc_add(struct app *app, int64_t applicant_id, const struct dev_doc_in *in,
                const char *file_name, const void *p, size_t n, const struct auth_actor *actor,
                int64_t *id_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct dev_applicant_view v;
    struct dev_doc_view *docs = NULL;
    struct dev_doc_new row = { 0 };
    struct upload_file f;
    struct audit_entry e;
    const char *archived;
    char sha[65], digest[65];
    int64_t ndocs = 0, id = 0;
    struct arena a;
    int rc = -1;

    arena_init(&a, 4096);
    if (upload_check(file_name, p, n, app->cfg->dev_document_max_bytes, "材料", &a, &f, err) < 0)
        goto out;
    audit_digest(p, n, sha);
    row = (struct dev_doc_new){ applicant_id,
                                in->step ? in->step : kind_step(in->kind),
                                in->kind,
                                in->date,
                                in->number,
                                in->note,
                                f.file_name,
                                f.kind,
                                f.content_type,
                                sha,
                                p,
                                n };
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        dev_store_applicant(c, applicant_id, &a, &v, err) < 0 ||
        archived_on(c, applicant_id, &a, &archived, err) < 0 ||
        dev_doc_store_list(c, applicant_id, &a, &docs, &ndocs, err) < 0 ||
        doc_in_check(in, docs, ndocs, app->cfg->dev_document_max_count, err) < 0)
        goto out;
    if (archived) {
        archive_closed(archived, "增加", err);
        goto out;
    }
    if (dev_doc_store_insert(c, &row, auth_actor_user_id(actor), clock_now(), &id, err) < 0)
        goto out;
    e = auth_audit_entry(actor, "dev.document_add", "dev_applicant", applicant_id, v.org_id);
    audit_change_digest(NULL,
                        json_pack("{s:I, s:s, s:s, s:s, s:I, s:s}", "id", (json_int_t)id, "kind",
                                  in->kind, "date", in->date, "file_name", f.file_name, "size",
                                  (json_int_t)n, "sha256", sha),
                        digest);
    e.digest = digest;
    if (audit_append(c, &e, err) < 0)
        goto out;
    *id_out = id;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int dev_doc_list(struct app *app, int64_t applicant_id, struct arena *a, struct dev_doc_view **out,
                 int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = dev_doc_store_list(c, applicant_id, a, out, n_out, err);
    db_release(app->db, &c);
    return rc;
}

int dev_doc_get(struct app *app, int64_t applicant_id, int64_t id, struct arena *a,
                struct dev_doc_view *out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = dev_doc_store_get(c, applicant_id, id, true, a, out, err);
    db_release(app->db, &c);
    return rc;
}

int dev_doc_delete(struct app *app, int64_t applicant_id, int64_t id,
                   const struct auth_actor *actor, struct err *err)
{
    struct db_conn *c = NULL;
    struct dev_applicant_view v;
    struct dev_doc_view d;
    struct audit_entry e;
    const char *archived;
    char digest[65];
    struct arena a;
    int rc = -1;

    arena_init(&a, 4096);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        dev_store_applicant(c, applicant_id, &a, &v, err) < 0 ||
        dev_doc_store_get(c, applicant_id, id, false, &a, &d, err) < 0 ||
        archived_on(c, applicant_id, &a, &archived, err) < 0)
        goto out;
    if (archived) {
        archive_closed(archived, "删除", err);
        goto out;
    }
    if (dev_doc_store_delete(c, applicant_id, id, err) < 0)
        goto out;
    e = auth_audit_entry(actor, "dev.document_delete", "dev_applicant", applicant_id, v.org_id);
    audit_change_digest(json_pack("{s:I, s:s, s:s, s:s, s:I, s:s}", "id", (json_int_t)id, "kind",
                                  d.kind, "date", d.doc_date, "file_name", d.file_name, "size",
                                  (json_int_t)d.size, "sha256", d.sha256),
                        NULL, digest);
    e.digest = digest;
    if (audit_append(c, &e, err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}
