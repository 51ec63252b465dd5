/* demands_http.c: the demands area's HTTP adapter, its permissions and its module row (found
 * by tools/gen-modules.sh; tools/gen-perms.sh reads the PERM_ROW lines): grids (list, create,
 * workers, households), the category catalog, demands (intake, list, detail, actions,
 * handlers) and the statistics. A caller who holds a permission only as a 网格员 sees only
 * the grids they work and the demands there or dispatched to them (struct demands_scope).
 * The resident's phone and name are masked unless the caller may read residents' data at
 * the demand's org. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/cfg.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/seal.h"
#include "core/json.h"
#include "core/upload.h"
#include "domain/app.h"
#include "domain/auth/auth.h"
#include "domain/auth/auth_guard.h"
#include "domain/auth/perm.h"
#include "domain/cache/cache.h"
#include "domain/demands/demands.h"
#include "domain/modules.h"
#include "domain/orgpath.h"
#include "http/http.h"

/* Whether every grant that gives the caller this route's permission is a 网格员 grant. */
static bool grid_worker_only(const struct http_req *req)
{
    bool any = false;

    for (int i = 0; i < req->user->ngrants; i++) {
        const struct auth_grant *g = &req->user->grants[i];
        if (!role_has(g->role, (enum perm)req->route->perm))
            continue;
        if (g->role != ROLE_GRID_WORKER)
            return false;
        any = true;
    }
    return any;
}

/* The scope of a list (SCOPE_CALLER): the subtree of ?org= or the widest grant. */
static int list_scope(struct http_req *req, int64_t org, struct demands_scope *s, struct err *err)
{
    if (http_scope_path(req, org, &s->path, err) < 0)
        return -1;
    s->worker_id = grid_worker_only(req) ? req->user->id : 0;
    s->person_id = 0;
    return 0;
}

/* The scope of one record whose org the route checked already: everything, narrowed to the
 * caller's grids for a grid worker. */
static struct demands_scope record_scope(const struct http_req *req)
{
    return (struct demands_scope){ "/", grid_worker_only(req) ? req->user->id : 0, 0 };
}

/* Whether the caller may read residents' personal data at org_path. */
static bool may_reveal(const struct http_req *req, const char *org_path)
{
    for (int i = 0; i < req->user->ngrants; i++) {
        const struct auth_grant *g = &req->user->grants[i];
        if (role_has(g->role, PERM_RESIDENTS_READ) && orgpath_within(org_path, g->org_path))
            return true;
    }
    return false;
}

/* "13812345678" → "138****5678"; a name keeps its first character. */
static const char *mask_text(const char *s, bool phone, struct arena *a)
{
    size_t n;

    if (!s)
        return NULL;
    n = strlen(s);
    if (phone)
        return n >= 7 ? arena_printf(a, "%.3s****%s", s, s + n - 4) : "****";
    n = utf8_len(s) > 0 ? 1 : 0;
    while (n < strlen(s) && (s[n] & 0xC0) == 0x80)
        n++;
    return arena_printf(a, "%.*s**", (int)n, s);
}

/* ---- grids ---- */

struct org_q {
    int64_t org;
};
static const struct field ORG_Q[] = {
    FIELD_ID(struct org_q, org, "org", "党组织", FIELD_OPTIONAL),
    FIELD_END,
};

static json_t *grid_json(const struct grid_row *g)
{
    json_t *w = json_array();
    json_t *o;

    for (int64_t i = 0; i < g->nworkers; i++)
        json_array_append_new(w,
                              json_pack("{s:I, s:s}", "user_id", (json_int_t)g->workers[i].user_id,
                                        "name", g->workers[i].name));
    o = json_pack("{s:I, s:I, s:s, s:s, s:I, s:I, s:I, s:I, s:o}", "id", (json_int_t)g->id,
                  "org_id", (json_int_t)g->org_id, "org_name", g->org_name, "name", g->name,
                  "buildings", (json_int_t)g->buildings, "households", (json_int_t)g->households,
                  "residents", (json_int_t)g->residents, "open_demands",
                  (json_int_t)g->open_demands, "workers", w);
    json_object_set_new(o, "note", jstr(g->note));
    return o;
}

static int grids_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct org_q q = { 0 };
    struct demands_scope s;
    struct grid_row *g;
    int64_t n;
    json_t *arr;

    if (http_query_decode(req, ORG_Q, &q, NULL, err) < 0 || list_scope(req, q.org, &s, err) < 0 ||
        grids_list(req->app, &s, req->arena, &g, &n, err) < 0)
        return -1;
    arr = json_array();
    for (int64_t i = 0; i < n; i++)
        json_array_append_new(arr, grid_json(&g[i]));
    http_res_json(res, 200, json_pack("{s:o, s:b}", "items", arr, "own_grids_only", s.worker_id));
    return 0;
}

static const struct field GRID_IN[] = {
    FIELD_ID(struct grid_in, org_id, "org_id", "社区", FIELD_REQUIRED),
    FIELD_STR(struct grid_in, name, "name", "网格名称", FIELD_REQUIRED, 1, 40),
    FIELD_STR(struct grid_in, note, "note", "说明", FIELD_OPTIONAL, 0, 200),
    FIELD_END,
};

static int grids_create(struct http_req *req, struct http_res *res, struct err *err)
{
    struct grid_in in = { 0 };
    struct auth_actor actor;
    int64_t id;

    if (http_body_decode(req, GRID_IN, &in, NULL, err) < 0 ||
        http_require_org(req, in.org_id, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (grid_create(req->app, &in, &actor, req->arena, &id, err) < 0)
        return -1;
    http_res_json(res, 201, json_pack("{s:I}", "id", (json_int_t)id));
    return 0;
}

/* The grid of path capture 0, its org checked against the route's permission; for a grid
 * worker, only a grid they work. */
static int grid_in_scope(struct http_req *req, int64_t *id_out, struct grid_row *g, struct err *err)
{
    struct demands_scope s = record_scope(req);
    int64_t org_id;

    if (http_param_id(req, 0, id_out, err) < 0 || grid_org(req->app, *id_out, &org_id, err) < 0 ||
        http_require_org(req, org_id, err) < 0)
        return -1;
    return grid_get(req->app, &s, *id_out, req->arena, g, err);
}

static const struct field WORKERS_ITEM[] = {
    FIELD_ID(struct grid_worker_item, user_id, "user_id", "网格员账号", FIELD_REQUIRED),
    FIELD_END,
};
static const struct field WORKERS_IN[] = {
    FIELD_ARRAY(struct grid_workers_in, workers, "workers", "网格员", FIELD_REQUIRED, 0, 20,
                WORKERS_ITEM),
    FIELD_END,
};

static int grid_workers_put(struct http_req *req, struct http_res *res, struct err *err)
{
    struct grid_workers_in in = { 0 };
    struct auth_actor actor;
    struct grid_row g;
    int64_t id;

    if (grid_in_scope(req, &id, &g, err) < 0 ||
        http_body_decode(req, WORKERS_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (grid_workers_set(req->app, id, &in, &actor, req->arena, err) < 0 ||
        grid_get(req->app, &(struct demands_scope){ "/", 0, 0 }, id, req->arena, &g, err) < 0)
        return -1;
    http_res_json(res, 200, grid_json(&g));
    return 0;
}

struct page_q {
    int64_t page, size;
};
static const struct field PAGE_Q[] = {
    HTTP_PAGE_FIELDS(struct page_q),
    FIELD_END,
};

static int grid_households_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct page_q q = { 0 };
    struct household_row *h;
    struct grid_row g;
    int64_t id, n, total;
    json_t *arr;

    if (grid_in_scope(req, &id, &g, err) < 0 || http_query_decode(req, PAGE_Q, &q, NULL, err) < 0)
        return -1;
    http_page_defaults(&q.page, &q.size);
    if (grid_households(req->app, id, q.page, q.size, req->arena, &h, &n, &total, err) < 0)
        return -1;
    arr = json_array();
    for (int64_t i = 0; i < n; i++) {
        json_t *o = json_pack("{s:I, s:I, s:s, s:I}", "id", (json_int_t)h[i].id, "grid_id",
                              (json_int_t)h[i].grid_id, "address", h[i].address, "residents",
                              (json_int_t)h[i].residents);
        json_object_set_new(o, "building_id",
                            h[i].building_id ? jint(h[i].building_id) : json_null());
        json_object_set_new(o, "building", jstr(h[i].building));
        json_object_set_new(o, "unit", jstr(h[i].unit));
        json_object_set_new(o, "room", jstr(h[i].room));
        json_object_set_new(o, "head_name", jstr(h[i].head_name));
        json_array_append_new(arr, o);
    }
    json_t *out = http_list_json(arr, total, q.page, q.size);
    json_object_set_new(out, "grid", grid_json(&g));
    http_res_json(res, 200, out);
    return 0;
}

static json_t *accounts_json(const struct account_ref *r, int64_t n)
{
    json_t *arr = json_array();

    for (int64_t i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("{s:I, s:s, s:s}", "user_id", (json_int_t)r[i].user_id,
                                             "name", r[i].name, "org_name",
                                             r[i].org_name ? r[i].org_name : ""));
    return arr;
}

static int worker_accounts_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct org_q q = { 0 };
    struct account_ref *r;
    const char *path;
    int64_t n;

    if (http_query_decode(req, ORG_Q, &q, NULL, err) < 0 ||
        http_scope_path(req, q.org, &path, err) < 0 ||
        grid_worker_accounts(req->app, path, req->arena, &r, &n, err) < 0)
        return -1;
    http_res_json(res, 200, json_pack("{s:o}", "items", accounts_json(r, n)));
    return 0;
}

/* ---- categories ---- */

static json_t *rule_json(const struct demand_rule_ref *r)
{
    if (!r->rule_id)
        return json_null();
    return json_pack("{s:s, s:I, s:s, s:s, s:s}", "id", r->rule_id, "hours", (json_int_t)r->hours,
                     "valid_from", r->valid_from, "confidence", r->confidence, "source", r->source);
}

static int categories_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct demand_category *c;
    struct demand_rule_ref *r;
    int64_t n, nr;
    json_t *arr, *rules;

    if (demand_categories(req->app, req->arena, &c, &n, &r, &nr, err) < 0)
        return -1;
    arr = json_array();
    for (int64_t i = 0; i < n; i++) {
        json_t *o = json_pack(
            "{s:s, s:s, s:s, s:s, s:I, s:b, s:o}", "code", c[i].code, "name", c[i].name,
            "default_handler", c[i].default_handler, "default_handler_label",
            enum_label(DEMAND_HANDLERS, DEMAND_HANDLER_LABELS, c[i].default_handler), "sort",
            (json_int_t)c[i].sort, "enabled", c[i].enabled, "rule", rule_json(&c[i].sla));
        json_object_set_new(o, "sla_hours", c[i].sla.rule_id ? jint(c[i].sla.hours) : json_null());
        json_array_append_new(arr, o);
    }
    rules = json_array();
    for (int64_t i = 0; i < nr; i++)
        json_array_append_new(rules, rule_json(&r[i]));
    http_res_json(res, 200, json_pack("{s:o, s:o}", "items", arr, "rules", rules));
    return 0;
}

/* In the order of demand_category_update's present bits (demands.c). */
static const struct field CATEGORY_IN[] = {
    FIELD_STR(struct demand_category_in, name, "name", "类别名称", FIELD_OPTIONAL, 1, 20),
    FIELD_ENUM(struct demand_category_in, default_handler, "default_handler", "默认承办",
               FIELD_OPTIONAL, DEMAND_HANDLERS),
    FIELD_INT(struct demand_category_in, sla_hours, "sla_hours", "办结时限（小时）", FIELD_OPTIONAL,
              1, 8760),
    FIELD_DATE(struct demand_category_in, valid_from, "valid_from", "时限生效日期", FIELD_OPTIONAL),
    FIELD_INT(struct demand_category_in, sort, "sort", "排序", FIELD_OPTIONAL, 0, 999),
    FIELD_BOOL(struct demand_category_in, enabled, "enabled", "启用", FIELD_OPTIONAL),
    FIELD_END,
};

static int category_patch(struct http_req *req, struct http_res *res, struct err *err)
{
    struct demand_category_in in = { 0 };
    struct auth_actor actor;
    uint64_t present = 0;

    if (http_body_decode(req, CATEGORY_IN, &in, &present, err) < 0)
        return -1;
    if (!present)
        return err_set(err, E_INVALID, "", "请至少修改一项");
    http_actor(req, &actor);
    if (demand_category_update(req->app, req->params[0], &in, present, &actor, req->arena, err) < 0)
        return -1;
    return categories_get(req, res, err);
}

/* ---- demands ---- */

static json_t *demand_json(const struct demand_row *d, bool reveal, struct arena *a)
{
    json_t *o = json_pack(
        "{s:I, s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:b, s:I, s:I, s:b}",
        "id", (json_int_t)d->id, "number", d->number ? d->number : "", "org_id",
        (json_int_t)d->org_id, "org_name", d->org_name, "category", d->category, "category_name",
        d->category_name, "description", d->description, "status", d->status, "status_label",
        enum_label(DEMAND_STATUSES, DEMAND_STATUS_LABELS, d->status), "status_class",
        demand_class_of(d->status), "channel", d->channel, "channel_label",
        enum_label(DEMAND_CHANNELS, DEMAND_CHANNEL_LABELS, d->channel), "consent", d->consent,
        "no_publish", d->no_publish, "reopen_count", (json_int_t)d->reopen_count, "supervise_level",
        (json_int_t)d->supervise_level, "overdue", d->overdue);

    json_object_set_new(o, "grid_id", d->grid_id ? jint(d->grid_id) : json_null());
    json_object_set_new(o, "grid_name", jstr(d->grid_name));
    json_object_set_new(o, "building_id", d->building_id ? jint(d->building_id) : json_null());
    json_object_set_new(o, "building_name", jstr(d->building_name));
    json_object_set_new(o, "address", jstr(d->address));
    json_object_set_new(o, "reporter_name",
                        jstr(reveal ? d->reporter_name : mask_text(d->reporter_name, false, a)));
    json_object_set_new(o, "reporter_phone",
                        jstr(reveal ? d->reporter_phone : mask_text(d->reporter_phone, true, a)));
    json_object_set_new(o, "consent_note", jstr(d->consent_note));
    json_object_set_new(o, "intake_by", jstr(d->intake_name));
    json_object_set_new(o, "handler_user_id",
                        d->handler_user_id ? jint(d->handler_user_id) : json_null());
    json_object_set_new(o, "handler_name", jstr(d->handler_name));
    json_object_set_new(o, "satisfaction", jstr(d->satisfaction));
    json_object_set_new(
        o, "satisfaction_label",
        d->satisfaction ? jstr(enum_label(DEMAND_ANSWERS, DEMAND_ANSWER_LABELS, d->satisfaction))
                        : json_null());
    json_object_set_new(o, "satisfaction_reason", jstr(d->satisfaction_reason));
    json_object_set_new(o, "created_at", jtime(d->created_at));
    json_object_set_new(o, "respond_due", jtime(d->respond_due));
    json_object_set_new(o, "first_response_at", jtime(d->first_response_at));
    json_object_set_new(o, "hop_due", jtime(d->hop_due));
    json_object_set_new(o, "due_at", jtime(d->due_at));
    json_object_set_new(o, "resolved_at", jtime(d->resolved_at));
    json_object_set_new(o, "closed_at", jtime(d->closed_at));
    json_object_set_new(o, "paused_at", jtime(d->paused_at));
    return o;
}

static const struct field DEMAND_IN[] = {
    FIELD_STR(struct demand_in, category, "category", "诉求类别", FIELD_REQUIRED | FIELD_ASCII, 1,
              40),
    FIELD_STR(struct demand_in, description, "description", "诉求内容", FIELD_REQUIRED, 1, 2000),
    FIELD_ID(struct demand_in, grid_id, "grid_id", "网格", FIELD_OPTIONAL),
    FIELD_ID(struct demand_in, building_id, "building_id", "楼栋", FIELD_OPTIONAL),
    FIELD_ID(struct demand_in, org_id, "org_id", "社区", FIELD_OPTIONAL),
    FIELD_STR(struct demand_in, address, "address", "诉求地址", FIELD_OPTIONAL, 0, 200),
    FIELD_ENUM(struct demand_in, channel, "channel", "登记方式", FIELD_OPTIONAL, DEMAND_CHANNELS),
    FIELD_STR(struct demand_in, reporter_name, "reporter_name", "诉求人姓名", FIELD_OPTIONAL, 0,
              40),
    FIELD_STR(struct demand_in, reporter_phone, "reporter_phone", "联系电话",
              FIELD_OPTIONAL | FIELD_ASCII, 0, 24),
    FIELD_BOOL(struct demand_in, consent, "consent", "本人同意记录联系方式", FIELD_OPTIONAL),
    FIELD_STR(struct demand_in, consent_note, "consent_note", "同意方式", FIELD_OPTIONAL, 0, 100),
    FIELD_BOOL(struct demand_in, no_publish, "no_publish", "不公开", FIELD_OPTIONAL),
    FIELD_END,
};

static int demands_create(struct http_req *req, struct http_res *res, struct err *err)
{
    struct demand_in in = { 0 };
    struct demands_scope s;
    struct auth_actor actor;
    const char *number;
    int64_t id, org_id = 0;

    if (http_body_decode(req, DEMAND_IN, &in, NULL, err) < 0)
        return -1;
    if (in.grid_id) {
        if (grid_org(req->app, in.grid_id, &org_id, err) < 0) {
            if (err->code == E_NOT_FOUND)
                snprintf(err->msg, sizeof(err->msg), "网格不存在或不在您负责的范围内");
            return -1;
        }
    } else if (in.org_id) {
        org_id = in.org_id;
    }
    if (org_id && http_require_org(req, org_id, err) < 0)
        return -1;
    s = record_scope(req);
    http_actor(req, &actor);
    if (demand_create(req->app, &s, &in, &actor, req->arena, &id, &number, err) < 0) {
        if (err->code == E_THROTTLED)
            http_res_header(res, "Retry-After", "3600");
        return -1;
    }
    http_res_json(res, 201,
                  json_pack("{s:I, s:s, s:s}", "id", (json_int_t)id, "number", number, "status",
                            "submitted"));
    return 0;
}

struct list_q {
    int64_t org, grid, handler, page, size;
    char *status, *category, *from, *to;
    bool overdue, mine;
};
static const struct field LIST_Q[] = {
    FIELD_ID(struct list_q, org, "org", "党组织", FIELD_OPTIONAL),
    FIELD_ID(struct list_q, grid, "grid", "网格", FIELD_OPTIONAL),
    FIELD_ENUM(struct list_q, status, "status", "状态", FIELD_OPTIONAL, DEMAND_STATUSES),
    FIELD_STR(struct list_q, category, "category", "类别", FIELD_OPTIONAL | FIELD_ASCII, 1, 40),
    FIELD_DATE(struct list_q, from, "from", "登记日期起", FIELD_OPTIONAL),
    FIELD_DATE(struct list_q, to, "to", "登记日期止", FIELD_OPTIONAL),
    FIELD_BOOL(struct list_q, overdue, "overdue", "只看超期", FIELD_OPTIONAL),
    FIELD_BOOL(struct list_q, mine, "mine", "只看派给我的", FIELD_OPTIONAL),
    HTTP_PAGE_FIELDS(struct list_q),
    FIELD_END,
};

static int demands_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct list_q q = { 0 };
    struct demands_scope s;
    struct demand_filter f;
    struct demand_row *d;
    int64_t n, total;
    json_t *arr;

    if (http_query_decode(req, LIST_Q, &q, NULL, err) < 0 || list_scope(req, q.org, &s, err) < 0)
        return -1;
    if (q.from && q.to && strcmp(q.from, q.to) > 0)
        return err_set(err, E_INVALID, "/to", "登记日期止不能早于登记日期起");
    http_page_defaults(&q.page, &q.size);
    f = (struct demand_filter){ .grid_id = q.grid,
                                .handler_user_id = q.mine ? req->user->id : 0,
                                .status = q.status,
                                .category = q.category,
                                .from = q.from,
                                .to = q.to,
                                .overdue = q.overdue,
                                .page = q.page,
                                .size = q.size };
    if (demands_list(req->app, &s, &f, req->arena, &d, &n, &total, err) < 0)
        return -1;
    arr = json_array();
    for (int64_t i = 0; i < n; i++)
        json_array_append_new(arr, demand_json(&d[i], false, req->arena));
    http_res_json(res, 200, http_list_json(arr, total, q.page, q.size));
    return 0;
}

/* The demand of path capture 0, its org checked against the route's permission. */
static int demand_in_scope(struct http_req *req, int64_t *id_out, struct err *err)
{
    int64_t org_id;

    if (http_param_id(req, 0, id_out, err) < 0 || demand_org(req->app, *id_out, &org_id, err) < 0)
        return -1;
    return http_require_org(req, org_id, err);
}

static json_t *events_json(const struct demand_event *e, int64_t n)
{
    json_t *arr;

    arr = json_array();
    for (int64_t i = 0; i < n; i++) {
        json_t *x =
            json_pack("{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)e[i].id, "action", e[i].action,
                      "action_label", enum_label(DEMAND_ACTIONS, DEMAND_ACTION_LABELS, e[i].action),
                      "to_status", e[i].to_status, "to_label",
                      enum_label(DEMAND_STATUSES, DEMAND_STATUS_LABELS, e[i].to_status));
        json_object_set_new(x, "from_status", jstr(e[i].from_status));
        json_object_set_new(x, "actor", jstr(e[i].actor_name));
        json_object_set_new(x, "handler", jstr(e[i].handler_name));
        json_object_set_new(x, "note", jstr(e[i].note));
        json_object_set_new(x, "deadline", jtime(e[i].deadline));
        json_object_set_new(x, "rule_id", jstr(e[i].rule_id));
        json_object_set_new(x, "rule_hours", e[i].rule_id ? jint(e[i].rule_hours) : json_null());
        json_object_set_new(x, "at", jtime(e[i].at));
        json_array_append_new(arr, x);
    }
    return arr;
}

/* The photos of a demand (no bytes); an empty list when they cannot be read. */
static json_t *photos_json(struct app *app, int64_t id, struct arena *a)
{
    struct demand_photo *p;
    struct err e = { 0 };
    json_t *arr = json_array();
    int64_t n;

    if (demand_photos(app, id, a, &p, &n, &e) < 0)
        return arr;
    for (int64_t i = 0; i < n; i++) {
        json_t *o =
            json_pack("{s:I, s:s, s:s, s:I, s:I, s:o}", "id", (json_int_t)p[i].id, "file_name",
                      p[i].file_name, "content_type", p[i].content_type, "size",
                      (json_int_t)p[i].size, "stripped_bytes", (json_int_t)p[i].stripped_bytes,
                      "uploaded_at", jtime(p[i].uploaded_at));
        json_object_set_new(o, "uploaded_by", jstr(p[i].uploaded_by_name));
        json_array_append_new(arr, o);
    }
    return arr;
}

/* The 协办 of a demand, each flagged late when unanswered past its deadline; mine: the
 * caller's own unanswered one (the page offers 协办回复 then). */
static json_t *assists_json(const struct demand_assist *x, int64_t n, int64_t me, bool *mine)
{
    json_t *arr = json_array();
    int64_t now = clock_now();

    for (int64_t i = 0; i < n; i++) {
        json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:o, s:o, s:b}", "id", (json_int_t)x[i].id,
                              "user_id", (json_int_t)x[i].user_id, "name", x[i].name, "note",
                              x[i].note, "due_at", jtime(x[i].due_at), "asked_at",
                              jtime(x[i].asked_at), "late", !x[i].done_at && x[i].due_at < now);
        json_object_set_new(o, "asked_by", jstr(x[i].asked_by_name));
        json_object_set_new(o, "reply", jstr(x[i].reply));
        json_object_set_new(o, "done_at", jtime(x[i].done_at));
        json_array_append_new(arr, o);
        *mine = *mine || (x[i].user_id == me && !x[i].done_at);
    }
    return arr;
}

static int demand_detail(struct http_req *req, struct http_res *res, struct err *err)
{
    struct demands_scope s = record_scope(req);
    struct demand_event *e;
    struct demand_assist *x;
    struct demand_row d;
    int64_t id, n, nx;
    bool mine = false;
    json_t *o;

    if (demand_in_scope(req, &id, err) < 0 ||
        demand_get(req->app, &s, id, req->arena, &d, &e, &n, err) < 0 ||
        demand_assists(req->app, id, req->arena, &x, &nx, err) < 0)
        return -1;
    o = demand_json(&d, may_reveal(req, d.org_path), req->arena);
    json_object_set_new(o, "events", events_json(e, n));
    json_object_set_new(o, "photos", photos_json(req->app, id, req->arena));
    json_object_set_new(o, "assists", assists_json(x, nx, req->user->id, &mine));
    json_object_set_new(o, "my_assist_open", json_boolean(mine));
    http_res_json(res, 200, o);
    return 0;
}

static int demand_handlers_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct demands_scope s = record_scope(req);
    struct account_ref *r;
    struct demand_row d;
    struct demand_event *e;
    int64_t id, n, ne;

    if (demand_in_scope(req, &id, err) < 0 ||
        demand_get(req->app, &s, id, req->arena, &d, &e, &ne, err) < 0 ||
        demand_handlers(req->app, id, req->arena, &r, &n, err) < 0)
        return -1;
    http_res_json(res, 200, json_pack("{s:o}", "items", accounts_json(r, n)));
    return 0;
}

static const struct field ACTION_IN[] = {
    FIELD_ENUM(struct demand_action_in, action, "action", "操作", FIELD_REQUIRED, DEMAND_ACTIONS),
    FIELD_ID(struct demand_action_in, handler_user_id, "handler_user_id", "承办人", FIELD_OPTIONAL),
    FIELD_STR(struct demand_action_in, note, "note", "说明", FIELD_OPTIONAL, 0, 1000),
    FIELD_ENUM(struct demand_action_in, answer, "answer", "回访结果", FIELD_OPTIONAL,
               DEMAND_ANSWERS),
    FIELD_END,
};

static int demand_action(struct http_req *req, struct http_res *res, struct err *err)
{
    struct demands_scope s = record_scope(req);
    struct demand_action_in in = { 0 };
    struct auth_actor actor;
    const char *status;
    int64_t id;

    if (demand_in_scope(req, &id, err) < 0 || http_body_decode(req, ACTION_IN, &in, NULL, err) < 0)
        return -1;
    if (strcmp(in.action, "intake") == 0)
        return err_set(err, E_INVALID, "/action", "登记诉求请用 POST /api/demands");
    http_actor(req, &actor);
    if (demand_act(req->app, &s, id, &in, &actor, req->arena, &status, err) < 0)
        return -1;
    http_res_json(res, 200,
                  json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)id, "status", status,
                            "status_label",
                            enum_label(DEMAND_STATUSES, DEMAND_STATUS_LABELS, status),
                            "status_class", demand_class_of(status)));
    return 0;
}

/* ---- photos ---- */

/* Keeps the uploaded photo of demand id within scope s and answers the demand's photos. */
static int photo_save(struct http_req *req, struct http_res *res, const struct demands_scope *s,
                      int64_t id, struct err *err)
{
    struct http_upload up;
    struct auth_actor actor;
    int64_t pid;

    if (http_multipart_file(req, &up, err) < 0) {
        err_refine(err, "/file", "请以 multipart/form-data 上传照片（表单字段 file：JPEG 或 PNG）");
        return -1;
    }
    http_actor(req, &actor);
    if (demand_photo_add(req->app, s, id, up.filename, up.data, up.len, &actor, req->arena, &pid,
                         err) < 0)
        return -1;
    http_res_json(res, 201,
                  json_pack("{s:I, s:o}", "id", (json_int_t)pid, "photos",
                            photos_json(req->app, id, req->arena)));
    return 0;
}

static int photo_upload(struct http_req *req, struct http_res *res, struct err *err)
{
    struct demands_scope s = record_scope(req);
    int64_t id;

    return demand_in_scope(req, &id, err) < 0 ? -1 : photo_save(req, res, &s, id, err);
}

static int photo_download(struct http_req *req, struct http_res *res, struct err *err)
{
    struct demands_scope s = record_scope(req);
    struct demand_event *e;
    struct demand_row d;
    struct demand_photo p;
    int64_t id, pid, n;

    if (demand_in_scope(req, &id, err) < 0 || http_param_id(req, 1, &pid, err) < 0 ||
        demand_get(req->app, &s, id, req->arena, &d, &e, &n, err) < 0 ||
        demand_photo_get(req->app, id, pid, req->arena, &p, err) < 0)
        return -1;
    http_res_file(req, res, p.content_type, p.data, (size_t)p.size,
                  arena_printf(req->arena, "photo-%" PRId64 ".%s", p.id, upload_ext(p.kind)),
                  p.file_name);
    return 0;
}

/* Photos are files, bounded by demands.photo_max_bytes plus room for the multipart framing. */
static int64_t photo_body_max(const struct cfg *cfg)
{
    return cfg->demands_photo_max_bytes + (64 << 10);
}

/* ---- a 居民's own demands ---- */

static const struct field OWN_IN[] = {
    FIELD_STR(struct demand_in, category, "category", "诉求类别", FIELD_REQUIRED | FIELD_ASCII, 1,
              40),
    FIELD_STR(struct demand_in, description, "description", "诉求内容", FIELD_REQUIRED, 1, 2000),
    FIELD_STR(struct demand_in, reporter_phone, "reporter_phone", "联系电话",
              FIELD_OPTIONAL | FIELD_ASCII, 0, 24),
    FIELD_BOOL(struct demand_in, no_publish, "no_publish", "不公开", FIELD_OPTIONAL),
    FIELD_END,
};

/* The caller's person, or E_INVALID for an account without one. */
static int own_person(struct http_req *req, int64_t *out, struct err *err)
{
    if (!req->user->person_id)
        return err_set(err, E_INVALID, "", "账号未关联居民身份，请联系社区");
    *out = req->user->person_id;
    return 0;
}

static int my_demands_create(struct http_req *req, struct http_res *res, struct err *err)
{
    struct demand_in in = { 0 };
    struct auth_actor actor;
    const char *number;
    int64_t id, person = 0;

    if (http_body_decode(req, OWN_IN, &in, NULL, err) < 0 || own_person(req, &person, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (demand_submit_own(req->app, person, &in, &actor, req->arena, &id, &number, err) < 0) {
        if (err->code == E_THROTTLED)
            http_res_header(res, "Retry-After", "3600");
        return -1;
    }
    http_res_json(res, 201,
                  json_pack("{s:I, s:s, s:s}", "id", (json_int_t)id, "number", number, "status",
                            "submitted"));
    return 0;
}

static int my_demands_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct page_q q = { 0 };
    struct demand_filter f = { 0 };
    struct demands_scope s = { "/", 0, 0 };
    struct demand_row *d;
    int64_t n, total;
    json_t *arr;

    if (http_query_decode(req, PAGE_Q, &q, NULL, err) < 0)
        return -1;
    http_page_defaults(&q.page, &q.size);
    if (!req->user->person_id) {
        http_res_json(res, 200, http_list_json(json_array(), 0, q.page, q.size));
        return 0;
    }
    s.person_id = req->user->person_id;
    f.page = q.page;
    f.size = q.size;
    if (demands_list(req->app, &s, &f, req->arena, &d, &n, &total, err) < 0)
        return -1;
    arr = json_array();
    for (int64_t i = 0; i < n; i++) {
        struct demand_event *e;
        struct demand_row one;
        int64_t ne;
        json_t *o;

        if (demand_get(req->app, &s, d[i].id, req->arena, &one, &e, &ne, err) < 0) {
            json_decref(arr);
            return -1;
        }
        o = demand_json(&one, true, req->arena);
        json_object_set_new(o, "events", events_json(e, ne));
        json_object_set_new(o, "photos", photos_json(req->app, one.id, req->arena));
        json_array_append_new(arr, o);
    }
    http_res_json(res, 200, http_list_json(arr, total, q.page, q.size));
    return 0;
}

/* The caller's own demand of path capture 0 (another's is E_NOT_FOUND). These routes need
 * only a session: what makes a caller a 居民 is their person living in a registered
 * household (demand_submit_own), whatever roles the account holds. */
static int own_scope(struct http_req *req, int64_t *id_out, struct demands_scope *s,
                     struct err *err)
{
    *s = (struct demands_scope){ "/", 0, 0 };
    return http_param_id(req, 0, id_out, err) < 0 ? -1 : own_person(req, &s->person_id, err);
}

struct visit_in {
    char *answer, *note;
};
/* A resident's own photo of their demand (before it is 已结案). */
static int my_photo_upload(struct http_req *req, struct http_res *res, struct err *err)
{
    struct demands_scope s;
    int64_t id;

    return own_scope(req, &id, &s, err) < 0 ? -1 : photo_save(req, res, &s, id, err);
}

static const struct field VISIT_IN[] = {
    FIELD_ENUM(struct visit_in, answer, "answer", "评价", FIELD_REQUIRED, DEMAND_ANSWERS),
    FIELD_STR(struct visit_in, note, "note", "意见", FIELD_OPTIONAL, 0, 1000),
    FIELD_END,
};

static int my_demand_visit(struct http_req *req, struct http_res *res, struct err *err)
{
    struct demands_scope s;
    struct visit_in in = { 0 };
    struct auth_actor actor;
    const char *status;
    int64_t id;

    if (http_body_decode(req, VISIT_IN, &in, NULL, err) < 0 || own_scope(req, &id, &s, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (demand_act(req->app, &s, id,
                   &(struct demand_action_in){ .action = arena_strdup(req->arena, "visit"),
                                               .answer = in.answer,
                                               .note = in.note },
                   &actor, req->arena, &status, err) < 0)
        return -1;
    http_res_json(res, 200,
                  json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)id, "status", status,
                            "status_label",
                            enum_label(DEMAND_STATUSES, DEMAND_STATUS_LABELS, status),
                            "status_class", demand_class_of(status)));
    return 0;
}

/* ---- statistics ---- */

struct metrics_q {
    int64_t org;
    char *from, *to;
};
static const struct field METRICS_Q[] = {
    FIELD_ID(struct metrics_q, org, "org", "党组织", FIELD_OPTIONAL),
    FIELD_DATE(struct metrics_q, from, "from", "登记日期起", FIELD_OPTIONAL),
    FIELD_DATE(struct metrics_q, to, "to", "登记日期止", FIELD_OPTIONAL),
    FIELD_END,
};

/* A rate as a share in [0, 1] rounded to 4 places, null when nothing was counted. */
static json_t *rate(int64_t num, int64_t den)
{
    if (den <= 0)
        return json_null();
    return json_real((double)((num * 10000 + den / 2) / den) / 10000.0);
}

static json_t *stat_json(const struct demand_stat *s)
{
    json_t *o = json_pack(
        "{s:I, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:o, s:o, s:o}", "id", (json_int_t)s->id,
        "name", s->name ? s->name : "", "total", (json_int_t)s->total, "responded_in_time",
        (json_int_t)s->responded_in_time, "resolved", (json_int_t)s->resolved, "visited",
        (json_int_t)s->visited, "satisfied", (json_int_t)s->satisfied, "overdue",
        (json_int_t)s->overdue, "closed", (json_int_t)s->closed, "response_rate",
        rate(s->responded_in_time, s->total), "resolve_rate", rate(s->resolved, s->total),
        "satisfaction_rate", rate(s->satisfied, s->visited));

    json_object_set_new(o, "avg_close_hours",
                        s->closed ? json_real((double)((s->close_seconds * 10 + s->closed * 1800) /
                                                       (s->closed * 3600)) /
                                              10.0)
                                  : json_null());
    return o;
}

static int metrics_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct metrics_q q = { 0 };
    struct demands_scope s;
    struct demand_stats st;
    json_t *out, *ga, *oa, *ca;

    if (http_query_decode(req, METRICS_Q, &q, NULL, err) < 0 || list_scope(req, q.org, &s, err) < 0)
        return -1;
    if (q.from && q.to && strcmp(q.from, q.to) > 0)
        return err_set(err, E_INVALID, "/to", "登记日期止不能早于登记日期起");
    if (demand_stats(req->app, &s, q.from, q.to, req->arena, &st, err) < 0)
        return -1;
    out = stat_json(&st.total);
    ga = json_array();
    for (int64_t i = 0; i < st.ngrids; i++)
        json_array_append_new(ga, stat_json(&st.grids[i]));
    oa = json_array();
    for (int64_t i = 0; i < st.norgs; i++)
        json_array_append_new(oa, stat_json(&st.orgs[i]));
    ca = json_array();
    for (int64_t i = 0; i < st.ncategories; i++)
        json_array_append_new(ca, stat_json(&st.categories[i]));
    json_object_set_new(out, "categories", ca);
    ca = json_array();
    for (int64_t i = 0; i < st.nmonths; i++)
        json_array_append_new(ca, stat_json(&st.months[i]));
    json_object_set_new(out, "months", ca);
    json_object_set_new(out, "org_id", jint(orgpath_last_id(s.path)));
    json_object_set_new(out, "from", jstr(q.from));
    json_object_set_new(out, "to", jstr(q.to));
    json_object_set_new(out, "grids", ga);
    json_object_set_new(out, "orgs", oa);
    json_object_set_new(
        out, "definitions",
        json_pack("{s:s, s:s, s:s, s:s, s:s}", "response_rate",
                  "响应率 = 在响应时限（DEM-RESPOND）内首次响应（受理、办结等）的诉求数 ÷ "
                  "期间登记的诉求数",
                  "resolve_rate", "解决率 = 已办结待回访和已结案的诉求数 ÷ 期间登记的诉求数",
                  "satisfaction_rate",
                  "满意率 = 最近一次回访为满意或基本满意的诉求数 ÷ 有回访结果的诉求数",
                  "avg_close_hours", "平均结案时长 = 已结案诉求从登记到结案的小时数的平均值",
                  "overdue", "超期 = 办理中的诉求已过办结时限、当前环节时限或未响应已过响应时限"));
    http_res_json(res, 200, out);
    return 0;
}

static const struct route DEMANDS_ROUTES[] = {
    { HTTP_GET, "/api/grids", grids_get, PERM_GRIDS_READ, SCOPE_CALLER,
      "网格：管辖范围内的网格及网格员、楼栋、户数（网格员只看自己负责的网格）", NULL, ORG_Q, NULL },
    { HTTP_POST, "/api/grids", grids_create, PERM_GRIDS_WRITE, SCOPE_RECORD, "在社区下新建网格",
      NULL, NULL, GRID_IN },
    { HTTP_PUT, "/api/grids/{id}/workers", grid_workers_put, PERM_GRIDS_WRITE, SCOPE_RECORD,
      "设置网格的网格员（整体替换）", NULL, NULL, WORKERS_IN },
    { HTTP_GET, "/api/grids/{id}/households", grid_households_get, PERM_GRIDS_READ, SCOPE_RECORD,
      "网格内的户（按楼栋、单元、房号）", NULL, PAGE_Q, NULL },
    { HTTP_GET, "/api/grids/worker-accounts", worker_accounts_get, PERM_GRIDS_WRITE, SCOPE_CALLER,
      "可负责网格的网格员账号", NULL, ORG_Q, NULL },
    { HTTP_GET, "/api/demands/categories", categories_get, PERM_SESSION, SCOPE_NONE,
      "诉求类别及施行中的时限规则（DEM-SLA、DEM-RESPOND、DEM-HOP、DEM-VISIT）", NULL, NULL, NULL },
    { HTTP_PATCH, "/api/demands/categories/{code}", category_patch, PERM_DEMANDS_ADMIN, SCOPE_NONE,
      "修改诉求类别；调整办结时限即新增一条自某日起施行的规则", NULL, NULL, CATEGORY_IN },
    { HTTP_GET, "/api/demands", demands_get, PERM_DEMANDS_READ, SCOPE_CALLER,
      "诉求列表（按网格、状态、类别、登记日期、超期筛选）", NULL, LIST_Q, NULL },
    { HTTP_POST, "/api/demands", demands_create, PERM_DEMANDS_INTAKE, SCOPE_RECORD,
      "代居民登记诉求（记录本人同意）", NULL, NULL, DEMAND_IN },
    { HTTP_GET, "/api/demands/metrics", metrics_get, PERM_DEMANDS_READ, SCOPE_CALLER,
      "诉求统计：响应率、解决率、满意率、平均结案时长、超期数，按网格、下级组织和类别", NULL,
      METRICS_Q, NULL },
    { HTTP_GET, "/api/demands/{id}", demand_detail, PERM_DEMANDS_READ, SCOPE_RECORD,
      "诉求详情及办理经过", NULL, NULL, NULL },
    { HTTP_GET, "/api/demands/{id}/handlers", demand_handlers_get, PERM_DEMANDS_HANDLE,
      SCOPE_RECORD, "可派单、转办的承办人", NULL, NULL, NULL },
    { HTTP_POST, "/api/demands/{id}/actions", demand_action, PERM_DEMANDS_HANDLE, SCOPE_RECORD,
      "办理诉求：受理、派单、转办、退单、办结、回访、督办（状态不允许时 409）", NULL, NULL,
      ACTION_IN },
    { HTTP_POST, "/api/demands/{id}/photos", photo_upload, PERM_DEMANDS_HANDLE, SCOPE_RECORD,
      "上传诉求照片（JPEG、PNG；去除拍摄位置、相机等元数据后保存）", photo_body_max, NULL, NULL },
    { HTTP_GET, "/api/demands/{id}/photos/{photo_id}", photo_download, PERM_DEMANDS_READ,
      SCOPE_RECORD, "下载诉求照片", NULL, NULL, NULL },
    { HTTP_POST, "/api/me/demands", my_demands_create, PERM_SESSION, SCOPE_NONE,
      "居民本人提交诉求（按本人登记的住址定位网格）", NULL, NULL, OWN_IN },
    { HTTP_GET, "/api/me/demands", my_demands_get, PERM_SESSION, SCOPE_NONE,
      "我的诉求（含办理经过）", NULL, PAGE_Q, NULL },
    { HTTP_POST, "/api/me/demands/{id}/photos", my_photo_upload, PERM_SESSION, SCOPE_NONE,
      "居民为自己的诉求补充照片（JPEG 或 PNG，去除位置等信息后保存；已结案的不能再补充）",
      photo_body_max, NULL, NULL },
    { HTTP_POST, "/api/me/demands/{id}/visit", my_demand_visit, PERM_SESSION, SCOPE_NONE,
      "居民本人评价已办结的诉求：满意、基本满意、不满意", NULL, NULL, VISIT_IN },
    { 0 },
};

/* The area's permissions: code, zh-CN label, the roles holding it (their oracle is the
 * `policy` of tests/api/authz/demands.js). The catalog is the platform's, so only the
 * platform admin edits it. */
static const struct perm_row DEMANDS_PERMS[] = {
    PERM_ROW(PERM_GRIDS_READ, "grids.read", "查看网格和户",
             ROLES_MANAGERS | ROLE_BIT(ROLE_GRID_WORKER)),
    PERM_ROW(PERM_GRIDS_WRITE, "grids.write", "管理网格和网格员", ROLES_MANAGERS),
    PERM_ROW(PERM_DEMANDS_READ, "demands.read", "查看群众诉求",
             ROLES_MANAGERS | ROLE_BIT(ROLE_GRID_WORKER)),
    PERM_ROW(PERM_DEMANDS_INTAKE, "demands.intake", "代居民登记诉求",
             ROLES_MANAGERS | ROLE_BIT(ROLE_GRID_WORKER)),
    PERM_ROW(PERM_DEMANDS_HANDLE, "demands.handle", "受理、派单、办结、回访诉求",
             ROLES_MANAGERS | ROLE_BIT(ROLE_GRID_WORKER)),
    PERM_ROW(PERM_DEMANDS_ADMIN, "demands.admin", "管理诉求类别和办结时限", ROLE_BIT(ROLE_ADMIN)),
    PERM_ROWS_END,
};

static const struct audit_action DEMANDS_AUDIT[] = {
    { "grid.create", "新建网格", "grid" },
    { "grid.workers", "设置网格员", "grid" },
    { "demand.category", "修改诉求类别", "demand_category" },
    { "demand.create", "登记诉求", "demand" },
    { "demand.act", "办理诉求", "demand" },
    { "demand.photo", "上传诉求照片", "demand" },
    { NULL, NULL, NULL },
};

static const struct code_table DEMANDS_CODES[] = {
    { "demand_status", DEMAND_STATUSES, DEMAND_STATUS_LABELS },
    { "demand_action", DEMAND_ACTIONS, DEMAND_ACTION_LABELS },
    { "demand_channel", DEMAND_CHANNELS, DEMAND_CHANNEL_LABELS },
    { "demand_answer", DEMAND_ANSWERS, DEMAND_ANSWER_LABELS },
    { "demand_handler", DEMAND_HANDLERS, DEMAND_HANDLER_LABELS },
    { "demand_class", DEMAND_CLASSES, DEMAND_CLASS_LABELS },
    { NULL, NULL, NULL },
};

const struct change_counter DEMANDS_COUNTER = { "demands", "网格与群众诉求" };
static const struct change_counter *const DEMANDS_COUNTERS[] = { &DEMANDS_COUNTER, NULL };
static const struct demo_hook *const DEMANDS_DEMOS[] = { &DEMANDS_DEMO, NULL };
static const struct tick_hook *const DEMANDS_TICKS[] = { &DEMANDS_ESCALATE, NULL };

extern const struct module DEMANDS_MODULE;
/* The reporter's phone, sealed at rest (demands_store.c). */
static const struct sealed_column DEMANDS_SEALED[] = {
    { "demand", "reporter_phone", NULL },
    { NULL, NULL, NULL },
};

const struct module DEMANDS_MODULE = {
    .name = "demands",
    .sealed = DEMANDS_SEALED,
    .routes = DEMANDS_ROUTES,
    .perms = DEMANDS_PERMS,
    .audit_actions = DEMANDS_AUDIT,
    .codes = DEMANDS_CODES,
    .counters = DEMANDS_COUNTERS,
    .demo = DEMANDS_DEMOS,
    .ticks = DEMANDS_TICKS,
};
