/* dev_material_http.c: HTTP adapter and module row of an applicant's documents (found by
 * tools/gen-modules.sh; this file sorts after dev_http.c, so its demo hook runs after the
 * applicants are made): upload (multipart, the file's facts in the query, its own body
 * ceiling), list with what the steps recorded call for, download (always as an attachment,
 * never rendered), delete, and the signed-in applicant's own list. It reuses the area's
 * permissions (dev.read, dev.write) and declares none. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/cfg.h"
#include "core/err.h"
#include "core/json.h"
#include "core/upload.h"
#include "domain/app.h"
#include "domain/auth/auth.h"
#include "domain/auth/auth_guard.h"
#include "domain/auth/perm.h"
#include "domain/dev/dev_int.h"
#include "domain/dev/dev_material.h"
#include "domain/modules.h"
#include "http/http.h"

/* The applicant of path parameter 0, its org checked against the route's permission. */
static int applicant_load(struct http_req *req, struct dev_detail *d, struct err *err)
{
    int64_t id;

    if (http_param_id(req, 0, &id, err) < 0 ||
        dev_applicant_get(req->app, id, req->arena, d, err) < 0)
        return -1;
    return http_require_org(req, d->a.org_id, err);
}

/* A document as the cadre sees it; mine: as the applicant sees their own (no note, no
 * uploader). */
static json_t *doc_json(const struct dev_doc_view *v, bool mine)
{
    json_t *o = json_pack(
        "{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:I}", "id", (json_int_t)v->id, "applicant_id",
        (json_int_t)v->applicant_id, "kind", v->kind, "kind_label",
        enum_label(DEV_DOC_KINDS, DEV_DOC_KIND_LABELS, v->kind), "date", v->doc_date, "file_name",
        v->file_name, "file_kind", v->file_kind, "file_kind_label",
        enum_label(UPLOAD_KINDS, UPLOAD_KIND_LABELS, v->file_kind), "size", (json_int_t)v->size);

    json_object_set_new(o, "step", v->step ? jint(v->step) : json_null());
    json_object_set_new(o, "step_name", v->step ? jstr(dev_step_name(v->step)) : json_null());
    json_object_set_new(o, "number", jstr(v->number));
    if (mine)
        return o;
    json_object_set_new(o, "note", jstr(v->note));
    json_object_set_new(o, "content_type", jstr(v->content_type));
    json_object_set_new(o, "sha256", jstr(v->sha256));
    json_object_set_new(o, "uploaded_by_name", jstr(v->uploaded_by_name));
    json_object_set_new(o, "uploaded_at", jint(v->uploaded_at));
    return o;
}

/* The highest step recorded and standing (a repeated 6 or an extension's 21-23 do not lower
 * it; a withdrawn step counts for nothing). */
static int64_t max_step(const struct dev_detail *d)
{
    int64_t m = 0;

    for (int64_t i = 0; i < d->nsteps; i++)
        if (!d->steps[i].withdrawn_at && d->steps[i].step > m)
            m = d->steps[i].step;
    return m;
}

static int respond_list(struct http_req *req, struct http_res *res, const struct dev_detail *d,
                        int status, struct err *err)
{
    struct dev_doc_view *v = NULL;
    struct dev_doc_need need[DEV_DOC_NEEDS_MAX];
    int64_t n = 0;
    size_t nn;
    json_t *items, *needs, *steps;

    if (dev_doc_list(req->app, d->a.id, req->arena, &v, &n, err) < 0)
        return -1;
    items = json_array();
    needs = json_array();
    steps = json_array();
    for (int64_t i = 0; i < n; i++)
        json_array_append_new(items, doc_json(&v[i], false));
    nn = dev_doc_needs(max_step(d), v, n, need);
    for (size_t i = 0; i < nn; i++)
        json_array_append_new(
            needs,
            json_pack("{s:s, s:s, s:I, s:s, s:I, s:s, s:b, s:I, s:b}", "kind", need[i].kind,
                      "kind_label", enum_label(DEV_DOC_KINDS, DEV_DOC_KIND_LABELS, need[i].kind),
                      "from", (json_int_t)need[i].from, "from_name", dev_step_name(need[i].from),
                      "before", (json_int_t)need[i].before, "before_name",
                      dev_step_name(need[i].before), "archived", need[i].archived, "have",
                      (json_int_t)need[i].have, "due", need[i].due));
    /* The 25 steps' names and stages, for the printable forms (every step has a row there). */
    for (int64_t k = 1; k <= 25; k++)
        json_array_append_new(steps,
                              json_pack("{s:I, s:s, s:I}", "step", (json_int_t)k, "name",
                                        dev_step_name(k), "stage", (json_int_t)dev_step_stage(k)));
    http_res_json(res, status,
                  json_pack("{s:o, s:o, s:o, s:o}", "items", items, "needs", needs,
                            "volunteer_number", jstr(dev_doc_number(v, n)), "steps", steps));
    return 0;
}

static const struct field DOC_Q[] = {
    FIELD_ENUM(struct dev_doc_in, kind, "kind", "材料类别", FIELD_REQUIRED, DEV_DOC_KINDS),
    FIELD_DATE(struct dev_doc_in, date, "date", "材料日期", FIELD_REQUIRED),
    FIELD_INT(struct dev_doc_in, step, "step", "所属步骤", FIELD_OPTIONAL, 1, 25),
    FIELD_STR(struct dev_doc_in, number, "number", "入党志愿书编号", FIELD_OPTIONAL, 0, 40),
    FIELD_STR(struct dev_doc_in, note, "note", "备注", FIELD_OPTIONAL, 0, 500),
    FIELD_END,
};

static int doc_upload(struct http_req *req, struct http_res *res, struct err *err)
{
    struct dev_detail d;
    struct dev_doc_in in = { 0 };
    struct http_upload up;
    struct auth_actor actor;
    struct dev_doc_view v;
    int64_t id;

    if (applicant_load(req, &d, err) < 0 || http_query_decode(req, DOC_Q, &in, NULL, err) < 0)
        return -1;
    if (http_multipart_file(req, &up, err) < 0) {
        /* The parser's message names the importer's files; this route takes others. */
        err_refine(
            err, "/file",
            "请以 multipart/form-data 上传材料（表单字段 file：PDF、PNG、JPEG 或 Word .docx）");
        return -1;
    }
    http_actor(req, &actor);
    if (dev_doc_add(req->app, d.a.id, &in, up.filename, up.data, up.len, &actor, &id, err) < 0 ||
        dev_doc_get(req->app, d.a.id, id, req->arena, &v, err) < 0)
        return -1;
    http_res_json(res, 201, doc_json(&v, false));
    return 0;
}

static int doc_index(struct http_req *req, struct http_res *res, struct err *err)
{
    struct dev_detail d;

    if (applicant_load(req, &d, err) < 0)
        return -1;
    return respond_list(req, res, &d, 200, err);
}

/* The file as stored, under its own name (RFC 5987) and type, as an attachment. */
static int doc_download(struct http_req *req, struct http_res *res, struct err *err)
{
    struct dev_detail d;
    struct dev_doc_view v;
    int64_t id;

    if (applicant_load(req, &d, err) < 0 || http_param_id(req, 1, &id, err) < 0 ||
        dev_doc_get(req->app, d.a.id, id, req->arena, &v, err) < 0)
        return -1;
    http_res_file(
        req, res, v.content_type, v.data, (size_t)v.size,
        arena_printf(req->arena, "document-%" PRId64 ".%s", v.id, upload_ext(v.file_kind)),
        v.file_name);
    return 0;
}

static int doc_remove(struct http_req *req, struct http_res *res, struct err *err)
{
    struct dev_detail d;
    struct auth_actor actor;
    int64_t id;

    if (applicant_load(req, &d, err) < 0 || http_param_id(req, 1, &id, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (dev_doc_delete(req->app, d.a.id, id, &actor, err) < 0)
        return -1;
    return respond_list(req, res, &d, 200, err);
}

/* The documents of the signed-in person's own applications: kind, date, file name, size; not
 * the cadres' notes nor who uploaded them, and no download (the originals are with the
 * branch). */
static int my_documents(struct http_req *req, struct http_res *res, struct err *err)
{
    struct dev_detail *d = NULL;
    int64_t n = 0, person = req->user->person_id;
    json_t *arr = json_array();

    if (person && dev_my_applications(req->app, person, req->arena, &d, &n, err) < 0)
        goto fail;
    for (int64_t i = 0; i < n; i++) {
        struct dev_doc_view *v = NULL;
        int64_t k = 0;

        if (dev_doc_list(req->app, d[i].a.id, req->arena, &v, &k, err) < 0)
            goto fail;
        for (int64_t j = 0; j < k; j++)
            json_array_append_new(arr, doc_json(&v[j], true));
    }
    http_res_json(res, 200, json_pack("{s:o}", "items", arr));
    return 0;
fail:
    json_decref(arr);
    return -1;
}

/* Uploads are files, bounded by dev.document_max_bytes (plus room for the multipart framing)
 * rather than http.body_max. */
static int64_t doc_body_max(const struct cfg *cfg)
{
    return cfg->dev_document_max_bytes + (64 << 10);
}

static const struct route DEV_DOC_ROUTES[] = {
    { HTTP_POST, "/api/dev/applicants/{id}/documents", doc_upload, PERM_DEV_WRITE, SCOPE_RECORD,
      "上传申请人的材料（入党申请书、思想汇报等；PDF、PNG、JPEG、Word .docx，按文件内容识别）",
      doc_body_max, DOC_Q, NULL },
    { HTTP_GET, "/api/dev/applicants/{id}/documents", doc_index, PERM_DEV_READ, SCOPE_RECORD,
      "申请人的材料和已记录步骤应有的材料", NULL, NULL, NULL },
    { HTTP_GET, "/api/dev/applicants/{id}/documents/{doc}", doc_download, PERM_DEV_READ,
      SCOPE_RECORD, "下载申请人的材料（以附件形式下载，不在浏览器中打开）", NULL, NULL, NULL },
    { HTTP_DELETE, "/api/dev/applicants/{id}/documents/{doc}", doc_remove, PERM_DEV_WRITE,
      SCOPE_RECORD, "删除申请人的材料（材料归档后不能删除）", NULL, NULL, NULL },
    { HTTP_GET, "/api/me/dev/documents", my_documents, PERM_SESSION, SCOPE_NONE,
      "我的入党申请材料（类别、日期、文件名）", NULL, NULL, NULL },
    { 0 },
};

static const struct audit_action DEV_DOC_AUDIT[] = {
    { "dev.document_add", "上传发展党员材料", "dev_applicant" },
    { "dev.document_delete", "删除发展党员材料", "dev_applicant" },
    { NULL, NULL, NULL },
};

static const struct code_table DEV_DOC_CODES[] = {
    { "dev_doc_kind", DEV_DOC_KINDS, DEV_DOC_KIND_LABELS },
    { NULL, NULL, NULL },
};

static const struct demo_hook *const DEV_DOC_DEMOS[] = { &DEV_DOC_DEMO, NULL };

extern const struct module DEV_DOC_MODULE;
const struct module DEV_DOC_MODULE = {
    .name = "dev_doc",
    .routes = DEV_DOC_ROUTES,
    .audit_actions = DEV_DOC_AUDIT,
    .codes = DEV_DOC_CODES,
    .demo = DEV_DOC_DEMOS,
};
