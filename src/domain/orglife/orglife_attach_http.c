/* orglife_attach_http.c: HTTP adapter and module row of a meeting's attachments and sign-in
 * link (found by tools/gen-modules.sh): upload (multipart, its own body ceiling), list,
 * download (always as an attachment, never rendered), delete; the cadre's sign-in link and its
 * QR code (SVG drawn here by core/qr.h); a member's view of a link and their own sign-in. It
 * reuses orglife's permissions and declares none. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/cfg.h"
#include "core/err.h"
#include "core/json.h"
#include "core/qr.h"
#include "domain/app.h"
#include "domain/auth/auth.h"
#include "domain/auth/auth_guard.h"
#include "domain/auth/perm.h"
#include "domain/modules.h"
#include "domain/orglife/orglife.h"
#include "domain/orglife/orglife_attach.h"
#include "http/http.h"

/* Loads the meeting of path parameter 0 and checks the caller may act on its org. */
static int meeting_load(struct http_req *req, struct meeting_view *m, struct err *err)
{
    int64_t id;

    if (http_param_id(req, 0, &id, err) < 0 || meeting_get(req->app, id, req->arena, m, err) < 0)
        return -1;
    return http_require_org(req, m->org_id, err);
}

static json_t *attach_json(const struct attach_view *v)
{
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:I, s:s, s:s?, s:I}", "id", (json_int_t)v->id,
                     "meeting_id", (json_int_t)v->meeting_id, "file_name", v->file_name, "kind",
                     v->kind, "kind_label", enum_label(ATTACH_KINDS, ATTACH_KIND_LABELS, v->kind),
                     "content_type", v->content_type, "size", (json_int_t)v->size, "sha256",
                     v->sha256, "uploaded_by_name", v->uploaded_by_name, "uploaded_at",
                     (json_int_t)v->uploaded_at);
}

static int respond_list(struct http_req *req, struct http_res *res, int64_t meeting_id, int status,
                        struct err *err)
{
    struct attach_view *v = NULL;
    int64_t n = 0;
    json_t *arr;

    if (attach_list(req->app, meeting_id, req->arena, &v, &n, err) < 0)
        return -1;
    arr = json_array();
    for (int64_t i = 0; i < n; i++)
        json_array_append_new(arr, attach_json(&v[i]));
    http_res_json(res, status, json_pack("{s:o}", "items", arr));
    return 0;
}

static int attach_upload(struct http_req *req, struct http_res *res, struct err *err)
{
    struct meeting_view m;
    struct http_upload up;
    struct auth_actor actor;
    struct attach_view v;
    int64_t id;

    if (meeting_load(req, &m, err) < 0)
        return -1;
    if (http_multipart_file(req, &up, err) < 0) {
        /* The parser's message names the importer's files; this route takes others. */
        err_refine(
            err, "/file",
            "请以 multipart/form-data 上传附件（表单字段 file：PDF、PNG、JPEG 或 Word .docx）");
        return -1;
    }
    http_actor(req, &actor);
    if (attach_add(req->app, m.id, up.filename, up.data, up.len, &actor, &id, err) < 0)
        return -1;
    if (attach_get(req->app, m.id, id, req->arena, &v, err) < 0)
        return -1;
    http_res_json(res, 201, attach_json(&v));
    return 0;
}

static int attach_index(struct http_req *req, struct http_res *res, struct err *err)
{
    struct meeting_view m;

    if (meeting_load(req, &m, err) < 0)
        return -1;
    return respond_list(req, res, m.id, 200, err);
}

/* The file as stored, under its own name (RFC 5987) and type, as an attachment; the API's
 * security headers (nosniff, a CSP of default-src 'none') keep a browser from rendering it. */
static int attach_download(struct http_req *req, struct http_res *res, struct err *err)
{
    struct meeting_view m;
    struct attach_view v;
    int64_t id;

    if (meeting_load(req, &m, err) < 0 || http_param_id(req, 1, &id, err) < 0 ||
        attach_get(req->app, m.id, id, req->arena, &v, err) < 0)
        return -1;
    http_res_file(req, res, v.content_type, v.data, (size_t)v.size,
                  arena_printf(req->arena, "attachment-%" PRId64 ".%s", v.id,
                               !strcmp(v.kind, "jpeg") ? "jpg" : v.kind),
                  v.file_name);
    return 0;
}

static int attach_remove(struct http_req *req, struct http_res *res, struct err *err)
{
    struct meeting_view m;
    struct auth_actor actor;
    int64_t id;

    if (meeting_load(req, &m, err) < 0 || http_param_id(req, 1, &id, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (attach_delete(req->app, m.id, id, &actor, err) < 0)
        return -1;
    return respond_list(req, res, m.id, 200, err);
}

/* Uploads are files, bounded by orglife.attach_max_bytes (plus room for the multipart
 * framing) rather than http.body_max. */
static int64_t attach_body_max(const struct cfg *cfg)
{
    return cfg->orglife_attach_max_bytes + (64 << 10);
}

/* ---- sign-in ---- */

/* The link a phone opens: this server as the cadre reached it (the Host they used; https when
 * cookies are marked Secure), /signin/ and the token. A Host with anything but a host name,
 * an address and a port in it is not used. */
static const char *signin_url(struct http_req *req, const char *token)
{
    const char *host = http_header(req, "Host");
    bool ok = host && *host && strlen(host) <= 255;

    for (const char *p = host; ok && *p; p++)
        ok = isalnum((unsigned char)*p) || strchr(".-:[]", *p);
    return arena_printf(req->arena, "%s://%s/signin/%s",
                        req->cfg->http_secure_cookie ? "https" : "http", ok ? host : "localhost",
                        token);
}

static json_t *window_json(const struct signin_view *v)
{
    return json_pack("{s:I, s:s, s:s, s:s, s:s?, s:s?, s:s, s:s, s:s, s:b, s:s}", "meeting_id",
                     (json_int_t)v->meeting_id, "topic", v->topic, "org_name", v->org_name,
                     "starts_at", v->starts_at, "ends_at", v->ends_at, "place", v->place, "status",
                     v->status, "opens_at", v->opens_at, "closes_at", v->closes_at, "open", v->open,
                     "phase", v->phase);
}

static int respond_signin(struct http_req *req, struct http_res *res, int64_t meeting_id,
                          struct err *err)
{
    struct signin_view v;
    json_t *o;

    if (signin_get(req->app, meeting_id, req->arena, &v, err) < 0)
        return -1;
    o = window_json(&v);
    json_object_set_new(o, "token", v.token ? jstr(v.token) : json_null());
    json_object_set_new(o, "url", v.token ? jstr(signin_url(req, v.token)) : json_null());
    json_object_set_new(o, "created_at", v.token ? jint(v.created_at) : json_null());
    http_res_json(res, 200, o);
    return 0;
}

static int signin_show(struct http_req *req, struct http_res *res, struct err *err)
{
    struct meeting_view m;

    if (meeting_load(req, &m, err) < 0)
        return -1;
    return respond_signin(req, res, m.id, err);
}

static int signin_new(struct http_req *req, struct http_res *res, struct err *err)
{
    struct meeting_view m;
    struct auth_actor actor;

    if (meeting_load(req, &m, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (signin_renew(req->app, m.id, &actor, err) < 0)
        return -1;
    return respond_signin(req, res, m.id, err);
}

static int signin_qr(struct http_req *req, struct http_res *res, struct err *err)
{
    struct meeting_view m;
    struct signin_view v;
    const char *svg;

    if (meeting_load(req, &m, err) < 0 || signin_get(req->app, m.id, req->arena, &v, err) < 0)
        return -1;
    if (!v.token)
        return err_set(err, E_NOT_FOUND, "", "这次会议还没有签到码，请先生成");
    svg = qr_svg(signin_url(req, v.token), req->arena);
    if (!svg)
        return err_set(err, E_INTERNAL, "", "无法生成签到二维码");
    http_res_body(res, 200, "image/svg+xml", svg, strlen(svg));
    http_res_header(res, "Cache-Control", "no-store");
    return 0;
}

struct token_in {
    char *token;
};
static const struct field TOKEN_IN[] = {
    FIELD_STR(struct token_in, token, "token", "签到码", FIELD_REQUIRED | FIELD_ASCII, 1, 64),
    FIELD_END,
};

/* What the member sees on the link's page: the meeting, the window, whether they are expected
 * and how their attendance stands; nothing is written. */
static int my_signin_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct token_in q = { 0 };
    struct signin_view v;
    json_t *o;

    if (http_query_decode(req, TOKEN_IN, &q, NULL, err) < 0 ||
        signin_lookup(req->app, q.token, req->user->person_id, req->arena, &v, err) < 0)
        return -1;
    o = window_json(&v);
    json_object_set_new(o, "linked", json_boolean(req->user->person_id != 0));
    json_object_set_new(o, "expected", json_boolean(v.expected));
    json_object_set_new(o, "my_status", v.my_status ? jstr(v.my_status) : json_null());
    json_object_set_new(o, "my_status_label",
                        v.my_status
                            ? jstr(enum_label(ATTEND_STATUSES, ATTEND_STATUS_LABELS, v.my_status))
                            : json_null());
    http_res_json(res, 200, o);
    return 0;
}

static int my_signin_post(struct http_req *req, struct http_res *res, struct err *err)
{
    struct token_in in = { 0 };
    struct auth_actor actor;
    int64_t meeting_id = 0;
    bool already = false;

    if (http_body_decode(req, TOKEN_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (signin_mark(req->app, in.token, &actor, &meeting_id, &already, err) < 0)
        return -1;
    http_res_json(res, 200,
                  json_pack("{s:I, s:s, s:s, s:b}", "meeting_id", (json_int_t)meeting_id,
                            "my_status", "present", "my_status_label",
                            enum_label(ATTEND_STATUSES, ATTEND_STATUS_LABELS, "present"), "already",
                            already));
    return 0;
}

static const struct route ORGLIFE_ATTACH_ROUTES[] = {
    { HTTP_POST, "/api/meetings/{id}/attachments", attach_upload, PERM_ORGLIFE_WRITE, SCOPE_RECORD,
      "上传会议附件（PDF、PNG、JPEG、Word .docx，按文件内容识别类型）", attach_body_max, NULL,
      NULL },
    { HTTP_GET, "/api/meetings/{id}/attachments", attach_index, PERM_ORGLIFE_READ, SCOPE_RECORD,
      "会议附件列表", NULL, NULL, NULL },
    { HTTP_GET, "/api/meetings/{id}/attachments/{att}", attach_download, PERM_ORGLIFE_READ,
      SCOPE_RECORD, "下载会议附件（以附件形式下载，不在浏览器中打开）", NULL, NULL, NULL },
    { HTTP_DELETE, "/api/meetings/{id}/attachments/{att}", attach_remove, PERM_ORGLIFE_WRITE,
      SCOPE_RECORD, "删除会议附件", NULL, NULL, NULL },
    { HTTP_GET, "/api/meetings/{id}/signin", signin_show, PERM_ORGLIFE_READ, SCOPE_RECORD,
      "会议签到链接和签到时段", NULL, NULL, NULL },
    { HTTP_POST, "/api/meetings/{id}/signin", signin_new, PERM_ORGLIFE_WRITE, SCOPE_RECORD,
      "生成或更换会议签到链接（旧链接随即失效）", NULL, NULL, NULL },
    { HTTP_GET, "/api/meetings/{id}/signin-qr.svg", signin_qr, PERM_ORGLIFE_READ, SCOPE_RECORD,
      "会议签到二维码（SVG）", NULL, NULL, NULL },
    { HTTP_GET, "/api/me/signin", my_signin_get, PERM_SESSION, SCOPE_NONE,
      "签到链接对应的会议（本人是否应到、是否已登记）", NULL, TOKEN_IN, NULL },
    { HTTP_POST, "/api/me/signin", my_signin_post, PERM_SESSION, SCOPE_NONE,
      "本人签到（仅在会议前后的签到时段内，不采集位置）", NULL, NULL, TOKEN_IN },
    { 0 },
};

static const struct audit_action ORGLIFE_ATTACH_AUDIT[] = {
    { "meeting.attach", "上传会议附件", "meeting" },
    { "meeting.attach_delete", "删除会议附件", "meeting" },
    { "meeting.signin_link", "生成会议签到链接", "meeting" },
    { "meeting.signin", "本人签到", "meeting" },
    { NULL, NULL, NULL },
};

static const struct code_table ORGLIFE_ATTACH_CODES[] = {
    { "attach_kind", ATTACH_KINDS, ATTACH_KIND_LABELS },
    { NULL, NULL, NULL },
};

extern const struct module ORGLIFE_ATTACH_MODULE;
const struct module ORGLIFE_ATTACH_MODULE = {
    .name = "orglife_attach",
    .routes = ORGLIFE_ATTACH_ROUTES,
    .audit_actions = ORGLIFE_ATTACH_AUDIT,
    .codes = ORGLIFE_ATTACH_CODES,
};
