/* demands_public_http.c: the routes anyone may call without signing in, and their module row:
 * the public board (GET /api/public/demands: closed demands, redacted, with counts by
 * community, grid and category under the k-minimum suppressed) and the Open311 GeoReport v2
 * read API at its standard paths (/open311/v2/services.json, requests.json and
 * requests/{id}.json), our states mapped to open/closed (a demand not yet taken up is not
 * published), the same redacted public data, the community as the address. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/cfg.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json.h"
#include "domain/app.h"
#include "domain/auth/perm.h"
#include "domain/demands/demands.h"
#include "domain/modules.h"
#include "http/http.h"

/* ---- the public board ---- */

struct board_q {
    int64_t org, page, size;
    char *category, *from, *to;
};
static const struct field BOARD_Q[] = {
    FIELD_ID(struct board_q, org, "org", "社区或街道", FIELD_OPTIONAL),
    FIELD_STR(struct board_q, category, "category", "类别", FIELD_OPTIONAL | FIELD_ASCII, 1, 40),
    FIELD_DATE(struct board_q, from, "from", "登记日期起", FIELD_OPTIONAL),
    FIELD_DATE(struct board_q, to, "to", "登记日期止", FIELD_OPTIONAL),
    FIELD_INT(struct board_q, page, "page", "页码", FIELD_OPTIONAL, 1, 1000000),
    FIELD_INT(struct board_q, size, "size", "每页条数", FIELD_OPTIONAL, 1, 50),
    FIELD_END,
};

static json_t *board_item(const struct demand_public *d)
{
    json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o}", "number", d->number,
                          "category", d->category, "category_name", d->category_name, "org_name",
                          d->org_name, "summary", jstr(d->summary), "reply", jstr(d->reply),
                          "created_at", jtime(d->created_at), "closed_at", jtime(d->closed_at));

    json_object_set_new(o, "close_days",
                        d->closed_at ? jint((d->closed_at - d->created_at + 86399) / 86400)
                                     : json_null());
    return o;
}

/* A breakdown cell: hidden numbers are null, never a number that could be mistaken for one. */
static json_t *count_json(const struct demand_public_count *c)
{
    json_t *o = json_pack("{s:I, s:s, s:s, s:b}", "id", (json_int_t)c->id, "code", c->code, "name",
                          c->name, "suppressed", c->suppressed);

    json_object_set_new(o, "total", c->suppressed ? json_null() : jint(c->total));
    json_object_set_new(
        o, "satisfaction_rate",
        c->rate_hidden
            ? json_null()
            : json_real((double)((c->satisfied * 1000 + c->visited / 2) / c->visited) / 1000.0));
    return o;
}

static int counts_json(struct http_req *req, const struct demand_public_filter *f,
                       enum demand_public_key key, json_t **out, struct err *err)
{
    struct demand_public_count *c = NULL;
    int64_t n = 0;

    if (demands_public_counts(req->app, f, key, req->cfg->demands_public_min_count, req->arena, &c,
                              &n, err) < 0)
        return -1;
    *out = json_array();
    for (int64_t i = 0; i < n; i++)
        json_array_append_new(*out, count_json(&c[i]));
    return 0;
}

static int board_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct board_q q = { 0 };
    struct demand_public_filter f = { .path = "/", .statuses = ",closed," };
    struct demand_public *d = NULL;
    const char *org_name = NULL;
    int64_t n = 0, total = 0;
    char today[11], from[11];
    json_t *items, *out, *orgs, *grids, *cats;

    if (http_query_decode(req, BOARD_Q, &q, NULL, err) < 0)
        return -1;
    if (q.from && q.to && strcmp(q.from, q.to) > 0)
        return err_set(err, E_INVALID, "/to", "登记日期止不能早于登记日期起");
    if (q.org && demands_public_org(req->app, q.org, req->arena, &f.path, &org_name, err) < 0)
        return -1;
    clock_today(today);
    date_add_months(today, -12, from); /* a year unless asked otherwise */
    f.from_at = demands_day_start(q.from ? q.from : from, 0);
    f.to_at = q.to ? demands_day_start(q.to, 0) + 86400 : INT64_MAX;
    f.category = q.category;
    f.page = q.page ? q.page : 1;
    f.size = q.size ? q.size : 20;
    if (demands_public_list(req->app, &f, req->arena, &d, &n, &total, err) < 0 ||
        counts_json(req, &f, DEMAND_BY_ORG, &orgs, err) < 0 ||
        counts_json(req, &f, DEMAND_BY_GRID, &grids, err) < 0 ||
        counts_json(req, &f, DEMAND_BY_CATEGORY, &cats, err) < 0)
        return -1;
    items = json_array();
    for (int64_t i = 0; i < n; i++)
        json_array_append_new(items, board_item(&d[i]));
    out = http_list_json(items, total, f.page, f.size);
    json_object_set_new(out, "org",
                        q.org ? json_pack("{s:I, s:s}", "id", (json_int_t)q.org, "name", org_name)
                              : json_null());
    json_object_set_new(out, "from", jstr(q.from ? q.from : from));
    json_object_set_new(out, "to", jstr(q.to));
    json_object_set_new(out, "min_count", jint(req->cfg->demands_public_min_count));
    json_object_set_new(out, "by_org", orgs);
    json_object_set_new(out, "by_grid", grids);
    json_object_set_new(out, "by_category", cats);
    http_res_json(res, 200, out);
    return 0;
}

/* ---- Open311 GeoReport v2 ---- */

static int services_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct demand_category *c = NULL;
    struct demand_rule_ref *rules = NULL;
    int64_t n = 0, nrules = 0;
    json_t *arr;

    if (demand_categories(req->app, req->arena, &c, &n, &rules, &nrules, err) < 0)
        return -1;
    arr = json_array();
    for (int64_t i = 0; i < n; i++)
        if (c[i].enabled)
            json_array_append_new(arr,
                                  json_pack("{s:s, s:s, s:s, s:b, s:s, s:s, s:s}", "service_code",
                                            c[i].code, "service_name", c[i].name, "description",
                                            arena_printf(req->arena, "%s：%lld 小时内办结",
                                                         c[i].name, (long long)c[i].sla.hours),
                                            "metadata", false, "type", "realtime", "keywords", "",
                                            "group", "群众诉求"));
    http_res_json(res, 200, arr);
    return 0;
}

struct requests_q {
    char *service_request_id, *service_code, *start_date, *end_date, *status, *jurisdiction_id;
};
static const struct field REQUESTS_Q[] = {
    FIELD_STR(struct requests_q, service_request_id, "service_request_id", "诉求编号（逗号分隔）",
              FIELD_OPTIONAL | FIELD_ASCII, 1, 400),
    FIELD_STR(struct requests_q, service_code, "service_code", "类别", FIELD_OPTIONAL | FIELD_ASCII,
              1, 40),
    FIELD_STR(struct requests_q, start_date, "start_date", "登记时间起（W3C 时间）",
              FIELD_OPTIONAL | FIELD_ASCII, 10, 30),
    FIELD_STR(struct requests_q, end_date, "end_date", "登记时间止（W3C 时间）",
              FIELD_OPTIONAL | FIELD_ASCII, 10, 30),
    FIELD_STR(struct requests_q, status, "status", "open 或 closed（逗号分隔）",
              FIELD_OPTIONAL | FIELD_ASCII, 4, 11),
    FIELD_STR(struct requests_q, jurisdiction_id, "jurisdiction_id", "辖区（本系统只有一个）",
              FIELD_OPTIONAL | FIELD_ASCII, 1, 100),
    FIELD_END,
};

/* A W3C date-time (2026-01-31, 2026-01-31T08:00:00Z, ...+08:00) as epoch seconds; a time
 * without a zone is Beijing time. */
static int w3c_time(const char *s, const char *field, int64_t *out, struct err *err)
{
    char day[11];
    int y, m, d, hh = 0, mm = 0, ss = 0, oh = 8, om = 0, used = 0;
    const char *p = s + 10;

    snprintf(day, sizeof(day), "%s", s);
    if (strlen(s) < 10 || date_parse(day, &y, &m, &d) < 0)
        goto bad;
    if (*p == 'T') {
        if (sscanf(p, "T%2d:%2d%n", &hh, &mm, &used) != 2 || hh > 23 || mm > 59)
            goto bad;
        p += used;
        if (*p == ':' && (sscanf(p, ":%2d%n", &ss, &used) != 1 || ss > 59))
            goto bad;
        if (*p == ':')
            p += used;
        if (*p == 'Z') {
            oh = 0;
            p++;
        } else if (*p == '+' || *p == '-') {
            int sign = *p == '-' ? -1 : 1;
            if (sscanf(p + 1, "%2d:%2d%n", &oh, &om, &used) != 2 || oh > 14 || om > 59)
                goto bad;
            oh *= sign;
            om *= sign;
            p += 1 + used;
        }
    }
    if (*p)
        goto bad;
    *out = date_to_days(y, m, d) * 86400 + hh * 3600 + mm * 60 + ss - oh * 3600 - om * 60;
    return 0;
bad:
    return err_set(err, E_INVALID, field, "时间格式应为 2026-01-31 或 2026-01-31T08:00:00+08:00");
}

static const char *open311_status(const char *status)
{
    return strcmp(demand_class_of(status), "open") == 0 ? "open" : "closed";
}

static json_t *request_json(const struct demand_public *d)
{
    return json_pack(
        "{s:s, s:s, s:o, s:s, s:s, s:o, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
        "service_request_id", d->number, "status", open311_status(d->status), "status_notes",
        jstr(d->reply), "service_name", d->category_name, "service_code", d->category,
        "description", jstr(d->summary), "agency_responsible", d->org_name, "service_notice",
        json_null(), "requested_datetime", jtime(d->created_at), "updated_datetime",
        jtime(d->updated_at), "expected_datetime", jtime(d->due_at), "address", jstr(d->org_name),
        "address_id", json_null(), "zipcode", json_null(), "lat", json_null(), "long", json_null(),
        "media_url", json_null(), "token", json_null());
}

/* Our states as Open311 statuses. A demand nobody has taken up yet (待受理) is not published:
 * staff have not read it. */
#define OPEN311_OPEN   ",accepted,dispatched,reopened,supervised,"
#define OPEN311_CLOSED ",resolved,closed,"
#define OPEN311_ANY    ",accepted,dispatched,reopened,supervised,resolved,closed,"

/* The Open311 statuses as our states: "open", "closed" or both. */
static int statuses_of(const char *s, const char **out, struct err *err)
{
    bool open = false, closed = false;

    for (const char *p = s; p && *p;) {
        size_t n = strcspn(p, ",");
        if (n == 4 && strncmp(p, "open", 4) == 0)
            open = true;
        else if (n == 6 && strncmp(p, "closed", 6) == 0)
            closed = true;
        else
            return err_set(err, E_INVALID, "/status", "状态只能是 open 或 closed");
        p += n + (p[n] == ',');
    }
    *out = open == closed ? OPEN311_ANY : open ? OPEN311_OPEN : OPEN311_CLOSED;
    return 0;
}

/* The filter's demands, or those of a comma list of numbers, as GeoReport requests; one: a
 * single number asked by path, E_NOT_FOUND when it is not published. */
static int requests_reply(struct http_req *req, struct http_res *res,
                          struct demand_public_filter *f, const char *ids, bool one,
                          struct err *err)
{
    json_t *arr = json_array();

    f->page = 1;
    f->size = 1000; /* the GeoReport v2 ceiling */
    for (const char *p = ids;;) {
        struct demand_public *d = NULL;
        int64_t n = 0, total = 0;
        size_t len = ids ? strcspn(p, ",") : 0;
        if (ids)
            f->number = arena_strndup(req->arena, p, len);
        if (demands_public_list(req->app, f, req->arena, &d, &n, &total, err) < 0) {
            json_decref(arr);
            return -1;
        }
        for (int64_t i = 0; i < n; i++)
            json_array_append_new(arr, request_json(&d[i]));
        if (!ids || !p[len])
            break;
        p += len + 1;
    }
    if (one && json_array_size(arr) == 0) {
        json_decref(arr);
        return err_set(err, E_NOT_FOUND, "", "诉求不存在或未公开");
    }
    http_res_json(res, 200, arr);
    return 0;
}

static int requests_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct requests_q q = { 0 };
    struct demand_public_filter f = { .path = "/", .to_at = INT64_MAX };

    if (http_query_decode(req, REQUESTS_Q, &q, NULL, err) < 0 ||
        statuses_of(q.status, &f.statuses, err) < 0 ||
        (q.start_date && w3c_time(q.start_date, "/start_date", &f.from_at, err) < 0) ||
        (q.end_date && w3c_time(q.end_date, "/end_date", &f.to_at, err) < 0))
        return -1;
    if (!q.service_request_id && !q.start_date)
        f.from_at = (q.end_date ? f.to_at : clock_now()) - 90 * 86400; /* the spec's default */
    f.category = q.service_code;
    return requests_reply(req, res, &f, q.service_request_id, false, err);
}

/* GET /open311/v2/requests/{id}.json: the capture holds the number with its ".json". */
static int request_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct demand_public_filter f = { .path = "/", .statuses = OPEN311_ANY, .to_at = INT64_MAX };
    const char *s = req->params[0];
    size_t n = strlen(s);

    if (n <= 5 || strcmp(s + n - 5, ".json") != 0)
        return err_set(err, E_NOT_FOUND, "", "只提供 JSON 格式（.json）");
    return requests_reply(req, res, &f, arena_strndup(req->arena, s, n - 5), true, err);
}

static const struct route DEMANDS_PUBLIC_ROUTES[] = {
    { HTTP_GET, "/api/public/demands", board_get, PERM_PUBLIC, SCOPE_NONE,
      "诉求公开栏：已结案诉求（去除个人信息）与分社区、网格、类别的件数", NULL, BOARD_Q, NULL },
    { HTTP_GET, "/open311/v2/services.json", services_get, PERM_PUBLIC, SCOPE_NONE,
      "Open311 GeoReport v2：诉求类别", NULL, NULL, NULL },
    { HTTP_GET, "/open311/v2/requests.json", requests_get, PERM_PUBLIC, SCOPE_NONE,
      "Open311 GeoReport v2：公开的诉求", NULL, REQUESTS_Q, NULL },
    { HTTP_GET, "/open311/v2/requests/{id}", request_get, PERM_PUBLIC, SCOPE_NONE,
      "Open311 GeoReport v2：一件公开的诉求（路径以 .json 结尾）", NULL, NULL, NULL },
    { 0 },
};

const struct module DEMANDS_PUBLIC_MODULE = {
    .name = "demands_public",
    .routes = DEMANDS_PUBLIC_ROUTES,
};
