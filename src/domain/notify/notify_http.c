/* notify_http.c: the notify area's HTTP adapter and module row: the signed-in caller's own
 * messages (我的消息) and marking them read. Anyone signed in reaches only their own; there is
 * nothing to scope but the session. The phone a message went to is sealed at rest. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/json.h"
#include "core/seal.h"
#include "domain/auth/auth.h"
#include "domain/auth/perm.h"
#include "domain/modules.h"
#include "domain/notify/notify.h"
#include "http/http.h"

struct page_q {
    int64_t page, size;
};
static const struct field PAGE_Q[] = {
    HTTP_PAGE_FIELDS(struct page_q),
    FIELD_END,
};

static int inbox_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct page_q q = { 0 };
    struct notify_row *r = NULL;
    int64_t n = 0, total = 0, unread = 0;
    json_t *items, *out;

    if (http_query_decode(req, PAGE_Q, &q, NULL, err) < 0)
        return -1;
    http_page_defaults(&q.page, &q.size);
    if (notify_inbox(req->app, req->user->id, q.page, q.size, req->arena, &r, &n, &total, &unread,
                     err) < 0)
        return -1;
    items = json_array();
    for (int64_t i = 0; i < n; i++) {
        json_t *o = json_pack("{s:I, s:s, s:s, s:o, s:o}", "id", (json_int_t)r[i].id, "kind",
                              r[i].kind, "body", r[i].body, "created_at", jtime(r[i].created_at),
                              "read_at", jtime(r[i].read_at));
        json_object_set_new(o, "ref_type", jstr(r[i].ref_type));
        json_object_set_new(o, "ref_id", r[i].ref_id ? jint(r[i].ref_id) : json_null());
        json_array_append_new(items, o);
    }
    out = http_list_json(items, total, q.page, q.size);
    json_object_set_new(out, "unread", jint(unread));
    http_res_json(res, 200, out);
    return 0;
}

struct read_in {
    int64_t id;
};
static const struct field READ_IN[] = {
    FIELD_ID(struct read_in, id, "id", "消息（不填为全部）", FIELD_OPTIONAL),
    FIELD_END,
};

static int inbox_read(struct http_req *req, struct http_res *res, struct err *err)
{
    struct read_in in = { 0 };

    if (http_body_decode(req, READ_IN, &in, NULL, err) < 0 ||
        notify_mark_read(req->app, req->user->id, in.id, err) < 0)
        return -1;
    http_res_json(res, 200, json_pack("{s:b}", "ok", true));
    return 0;
}

static const struct route NOTIFY_ROUTES[] = {
    { HTTP_GET, "/api/me/notifications", inbox_get, PERM_SESSION, SCOPE_NONE,
      "我的消息：发给本账号的通知（最新在前）与未读条数", NULL, PAGE_Q, NULL },
    { HTTP_POST, "/api/me/notifications/read", inbox_read, PERM_SESSION, SCOPE_NONE,
      "把本账号的一条或全部消息标为已读", NULL, NULL, READ_IN },
    { 0 },
};

static const struct sealed_column NOTIFY_SEALED[] = {
    { "notification", "phone", NULL },
    { NULL, NULL, NULL },
};

/* Messages to phones that wait (no sink at the time, or the sink refused) are tried again. */
static int deliver_tick(struct app *app, struct err *err)
{
    UNUSED(err);
    notify_deliver(app);
    return 0;
}
static const struct tick_hook DELIVER = { "notify.deliver", deliver_tick };
static const struct tick_hook *const NOTIFY_TICKS[] = { &DELIVER, NULL };

const struct module NOTIFY_MODULE = {
    .name = "notify",
    .routes = NOTIFY_ROUTES,
    .sealed = NOTIFY_SEALED,
    .ticks = NOTIFY_TICKS,
};
