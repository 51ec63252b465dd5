/* volunteer_work_http.c: the volunteer area's HTTP handlers for service hours (recorded,
 * self-logged, reviewed), a person's yearly record and certificate, points, commendation
 * candidates with their evidence, and the caller's own page (我的志愿服务). Route rows are in
 * volunteer_http.c. */
#include "core/compat.h"
#include "core/err.h"
#include "core/json.h"
#include "domain/app.h"
#include "domain/auth/auth.h"
#include "domain/auth/auth_guard.h"
#include "domain/auth/perm.h"
#include "domain/volunteer/volunteer.h"
#include "domain/volunteer/volunteer_http_int.h"
#include "http/http.h"

const struct field VOLUNTEER_ORG_Q[] = {
    FIELD_ID(struct volunteer_q, org, "org", "党组织", FIELD_OPTIONAL),
    FIELD_INT(struct volunteer_q, year, "year", "年度", FIELD_OPTIONAL, 2000, 2100),
    FIELD_END,
};
const struct field VOLUNTEER_HOURS_Q[] = {
    FIELD_ID(struct volunteer_q, org, "org", "党组织", FIELD_OPTIONAL),
    FIELD_INT(struct volunteer_q, year, "year", "年度", FIELD_OPTIONAL, 2000, 2100),
    FIELD_ENUM(struct volunteer_q, status, "status", "状态", FIELD_OPTIONAL,
               VOLUNTEER_HOURS_STATUSES),
    FIELD_END,
};
const struct field VOLUNTEER_YEAR_Q[] = {
    FIELD_INT(struct volunteer_q, year, "year", "年度", FIELD_OPTIONAL, 2000, 2100),
    FIELD_END,
};

json_t *volunteer_hours_json(const struct volunteer_hours *h)
{
    json_t *o = json_pack(
        "{s:I, s:I, s:s, s:s, s:s, s:I, s:s, s:s, s:s}", "id", (json_int_t)h->id, "person_id",
        (json_int_t)h->person_id, "name", h->name, "start", h->start_at, "end", h->end_at,
        "minutes", (json_int_t)h->minutes, "source", h->source, "status", h->status, "status_label",
        enum_label(VOLUNTEER_HOURS_STATUSES, VOLUNTEER_HOURS_STATUS_LABELS, h->status));

    json_object_set_new(o, "activity_id", h->activity_id ? jint(h->activity_id) : json_null());
    json_object_set_new(o, "post_id", h->post_id ? jint(h->post_id) : json_null());
    json_object_set_new(o, "what", jstr(h->what));
    json_object_set_new(o, "note", jstr(h->note));
    json_object_set_new(o, "review_note", jstr(h->review_note));
    return o;
}

static json_t *hours_array(const struct volunteer_hours *h, int64_t n)
{
    json_t *arr = json_array();

    for (int64_t i = 0; i < n; i++)
        json_array_append_new(arr, volunteer_hours_json(&h[i]));
    return arr;
}

const struct field VOLUNTEER_HOURS_IN[] = {
    FIELD_ID(struct volunteer_hours_in, person_id, "person_id", "志愿者", FIELD_OPTIONAL),
    FIELD_ID(struct volunteer_hours_in, activity_id, "activity_id", "活动", FIELD_OPTIONAL),
    FIELD_ID(struct volunteer_hours_in, post_id, "post_id", "公益岗位", FIELD_OPTIONAL),
    FIELD_STR(struct volunteer_hours_in, start, "start", "开始时间", FIELD_REQUIRED | FIELD_ASCII,
              16, 19),
    FIELD_STR(struct volunteer_hours_in, end, "end", "结束时间", FIELD_REQUIRED | FIELD_ASCII, 16,
              19),
    FIELD_STR(struct volunteer_hours_in, note, "note", "服务内容", FIELD_OPTIONAL, 0, 200),
    FIELD_END,
};

int volunteer_http_hours_create(struct http_req *req, struct http_res *res, struct err *err)
{
    struct volunteer_hours_in in = { 0 };
    struct auth_actor actor;
    const char *path;
    int64_t id;
    bool self;

    if (http_body_decode(req, VOLUNTEER_HOURS_IN, &in, NULL, err) < 0)
        return -1;
    if (!in.activity_id == !in.post_id)
        return err_set(err, E_INVALID, "/activity_id", "请填写活动或公益岗位（二选一）");
    if (in.activity_id) {
        struct volunteer_activity v;
        if (volunteer_activity_get(req->app, in.activity_id, req->arena, &v, err) < 0) {
            snprintf(err->field, sizeof(err->field), "/activity_id");
            return -1;
        }
        path = v.org_path;
    } else {
        struct volunteer_post p;
        if (volunteer_post_get(req->app, in.post_id, req->arena, &p, err) < 0) {
            snprintf(err->field, sizeof(err->field), "/post_id");
            return -1;
        }
        path = p.org_path;
    }
    if (volunteer_http_acting(req, in.person_id, path, "没有这项活动或岗位", &in.person_id, &self,
                              err) < 0)
        return -1;
    http_actor(req, &actor);
    if (volunteer_hours_log(req->app, &in, self, &actor, req->arena, &id, err) < 0)
        return -1;
    http_res_json(
        res, 201,
        json_pack("{s:I, s:s}", "id", (json_int_t)id, "status", self ? "pending" : "verified"));
    return 0;
}

int volunteer_http_hours_list(struct http_req *req, struct http_res *res, struct err *err)
{
    struct volunteer_q q = { 0 };
    struct volunteer_hours *h;
    const char *path;
    int64_t n;

    if (http_query_decode(req, VOLUNTEER_HOURS_Q, &q, NULL, err) < 0 ||
        http_scope_path(req, q.org, &path, err) < 0 ||
        volunteer_hours_list(req->app, path, q.status, volunteer_year_or_now(q.year), req->arena,
                             &h, &n, err) < 0)
        return -1;
    http_res_json(res, 200,
                  json_pack("{s:o, s:I}", "items", hours_array(h, n), "total", (json_int_t)n));
    return 0;
}

struct review_in {
    char *decision, *note;
};
const struct field VOLUNTEER_REVIEW_IN[] = {
    FIELD_ENUM(struct review_in, decision, "decision", "审核结果", FIELD_REQUIRED,
               VOLUNTEER_DECISIONS),
    FIELD_STR(struct review_in, note, "note", "审核意见", FIELD_OPTIONAL, 0, 200),
    FIELD_END,
};

int volunteer_http_hours_review(struct http_req *req, struct http_res *res, struct err *err)
{
    struct review_in in = { 0 };
    struct volunteer_hours h;
    struct auth_actor actor;
    int64_t id;

    if (http_param_id(req, 0, &id, err) < 0 ||
        volunteer_hours_get(req->app, id, req->arena, &h, err) < 0 ||
        http_require_org(req, h.org_id, err) < 0 ||
        http_body_decode(req, VOLUNTEER_REVIEW_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (volunteer_hours_review(req->app, id, in.decision, in.note, &actor, req->arena, err) < 0 ||
        volunteer_hours_get(req->app, id, req->arena, &h, err) < 0)
        return -1;
    http_res_json(res, 200, volunteer_hours_json(&h));
    return 0;
}

static json_t *records_array(const struct volunteer_post_record *r, int64_t n)
{
    json_t *arr = json_array();

    for (int64_t i = 0; i < n; i++) {
        json_t *o =
            json_pack("{s:I, s:I, s:s, s:s, s:s, s:b}", "id", (json_int_t)r[i].id, "claim_id",
                      (json_int_t)r[i].claim_id, "post_name", r[i].post_name, "done_on",
                      r[i].done_on, "content", r[i].content, "confirmed", r[i].confirmed);
        json_object_set_new(o, "served", jstr(r[i].served));
        json_object_set_new(o, "feedback", jstr(r[i].feedback));
        json_object_set_new(o, "satisfaction", jstr(r[i].satisfaction));
        json_object_set_new(o, "satisfaction_label",
                            jstr(r[i].satisfaction
                                     ? enum_label(VOLUNTEER_SATISFACTIONS,
                                                  VOLUNTEER_SATISFACTION_LABELS, r[i].satisfaction)
                                     : NULL));
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *record_json(const struct volunteer_record *r)
{
    json_t *claims = json_array(), *o;

    for (int64_t i = 0; i < r->nclaims; i++)
        json_array_append_new(
            claims,
            json_pack(
                "{s:I, s:I, s:s, s:s, s:s, s:s, s:I}", "id", (json_int_t)r->claims[i].id, "post_id",
                (json_int_t)r->claims[i].post_id, "post_name", r->claims[i].post_name, "kind_label",
                enum_label(VOLUNTEER_POST_KINDS, VOLUNTEER_POST_KIND_LABELS, r->claims[i].kind),
                "from_on", r->claims[i].from_on, "to_on", r->claims[i].to_on, "records",
                (json_int_t)r->claims[i].records));
    o = json_pack("{s:{s:I, s:s}, s:i, s:I, s:I, s:I, s:o, s:o, s:o}", "person", "id",
                  (json_int_t)r->person.id, "name", r->person.name, "year", r->year,
                  "verified_minutes", (json_int_t)r->verified_minutes, "pending_minutes",
                  (json_int_t)r->pending_minutes, "activities", (json_int_t)r->activities, "hours",
                  hours_array(r->hours, r->nhours), "claims", claims, "post_records",
                  records_array(r->records, r->nrecords));
    json_object_set_new(o, "certificate",
                        r->cert_number ? json_pack("{s:s, s:I, s:I}", "number", r->cert_number,
                                                   "minutes", (json_int_t)r->cert_minutes,
                                                   "issued_at", (json_int_t)r->cert_issued_at)
                                       : json_null());
    return o;
}

int volunteer_http_record(struct http_req *req, struct http_res *res, struct err *err)
{
    struct volunteer_q q = { 0 };
    struct volunteer_record r;
    struct volunteer_person p;
    int64_t id;

    if (http_param_id(req, 0, &id, err) < 0 ||
        volunteer_person_get(req->app, id, req->arena, &p, err) < 0 ||
        http_require_org(req, p.org_id, err) < 0 ||
        http_query_decode(req, VOLUNTEER_YEAR_Q, &q, NULL, err) < 0 ||
        volunteer_record(req->app, id, volunteer_year_or_now(q.year), req->arena, &r, err) < 0)
        return -1;
    http_res_json(res, 200, record_json(&r));
    return 0;
}

struct cert_in {
    int64_t year;
};
const struct field VOLUNTEER_CERT_IN[] = {
    FIELD_INT(struct cert_in, year, "year", "年度", FIELD_REQUIRED, 2000, 2100),
    FIELD_END,
};

int volunteer_http_certificate(struct http_req *req, struct http_res *res, struct err *err)
{
    struct cert_in in = { 0 };
    struct volunteer_person p;
    struct auth_actor actor;
    const char *number;
    bool created;
    int64_t id;

    if (http_param_id(req, 0, &id, err) < 0 ||
        volunteer_person_get(req->app, id, req->arena, &p, err) < 0 ||
        http_require_org(req, p.org_id, err) < 0 ||
        http_body_decode(req, VOLUNTEER_CERT_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (volunteer_certificate_issue(req->app, id, (int)in.year, &actor, req->arena, &number,
                                    &created, err) < 0)
        return -1;
    http_res_json(res, created ? 201 : 200,
                  json_pack("{s:s, s:I, s:I}", "number", number, "year", (json_int_t)in.year,
                            "person_id", (json_int_t)id));
    return 0;
}

static json_t *points_row_json(const struct volunteer_points_row *r)
{
    json_t *items = json_array();

    for (int i = 0; i < r->nitems; i++) {
        const struct volunteer_points_item *it = &r->items[i];
        json_t *o = json_pack("{s:s, s:s, s:s, s:I, s:I, s:I}", "rule", it->rule_id, "version",
                              it->version, "action", it->action, "qty", (json_int_t)it->qty, "raw",
                              (json_int_t)it->raw, "points", (json_int_t)it->points);
        json_object_set_new(o, "cap", it->cap >= 0 ? jint(it->cap) : json_null());
        json_array_append_new(items, o);
    }
    return json_pack("{s:I, s:s, s:I, s:o}", "person_id", (json_int_t)r->person_id, "name", r->name,
                     "total", (json_int_t)r->total, "items", items);
}

int volunteer_http_points(struct http_req *req, struct http_res *res, struct err *err)
{
    struct volunteer_q q = { 0 };
    struct volunteer_points_row *rows;
    const char *path;
    int64_t n;
    int year;
    json_t *arr;

    if (http_query_decode(req, VOLUNTEER_ORG_Q, &q, NULL, err) < 0 ||
        http_scope_path(req, q.org, &path, err) < 0)
        return -1;
    year = volunteer_year_or_now(q.year);
    if (volunteer_points(req->app, path, year, req->arena, &rows, &n, err) < 0)
        return -1;
    arr = json_array();
    for (int64_t i = 0; i < n; i++)
        json_array_append_new(arr, points_row_json(&rows[i]));
    /* ranked: false. A public ranking is off unless a community turns it on (RULES.md
     * PTS-NO-FORCE); the switch is not built, so the list is by name. */
    http_res_json(res, 200,
                  json_pack("{s:i, s:b, s:s, s:o, s:I}", "year", year, "ranked", 0, "order", "name",
                            "items", arr, "total", (json_int_t)n));
    return 0;
}

int volunteer_http_commendations(struct http_req *req, struct http_res *res, struct err *err)
{
    struct volunteer_q q = { 0 };
    struct volunteer_candidate *c;
    const char *path;
    int64_t n, threshold;
    int year;
    json_t *arr;

    if (http_query_decode(req, VOLUNTEER_ORG_Q, &q, NULL, err) < 0 ||
        http_scope_path(req, q.org, &path, err) < 0)
        return -1;
    year = volunteer_year_or_now(q.year);
    if (volunteer_candidates(req->app, path, year, req->arena, &c, &n, &threshold, err) < 0)
        return -1;
    arr = json_array();
    for (int64_t i = 0; i < n; i++)
        json_array_append_new(
            arr,
            json_pack("{s:I, s:s, s:I, s:I, s:I, s:I, s:{s:o, s:o}}", "person_id",
                      (json_int_t)c[i].person.id, "name", c[i].person.name, "verified_minutes",
                      (json_int_t)c[i].verified_minutes, "activities", (json_int_t)c[i].activities,
                      "post_records", (json_int_t)c[i].records, "points", (json_int_t)c[i].points,
                      "evidence", "hours", hours_array(c[i].hours, c[i].nhours), "post_records",
                      records_array(c[i].post_records, c[i].npost_records)));
    http_res_json(res, 200,
                  json_pack("{s:i, s:s, s:I, s:s, s:o, s:I}", "year", year, "rule",
                            "VOL-COMMEND-HOURS", "threshold_minutes", (json_int_t)threshold, "note",
                            "系统只列出候选人及依据，是否表彰由组织研究决定", "items", arr, "total",
                            (json_int_t)n));
    return 0;
}

int volunteer_http_me(struct http_req *req, struct http_res *res, struct err *err)
{
    struct volunteer_q q = { 0 };
    struct volunteer_person p;
    struct volunteer_activity *v;
    struct volunteer_post *posts;
    struct volunteer_record r;
    int64_t n, np;
    int year;
    json_t *acts, *parr;

    if (http_query_decode(req, VOLUNTEER_YEAR_Q, &q, NULL, err) < 0)
        return -1;
    year = volunteer_year_or_now(q.year);
    if (!req->user->person_id ||
        volunteer_person_get(req->app, req->user->person_id, req->arena, &p, err) < 0) {
        err_clear(err);
        http_res_json(res, 200, json_pack("{s:i, s:n}", "year", year, "person"));
        return 0;
    }
    if (volunteer_activities_for(req->app, &p, req->arena, &v, &n, err) < 0 ||
        volunteer_posts_for(req->app, &p, req->arena, &posts, &np, err) < 0 ||
        volunteer_record(req->app, p.id, year, req->arena, &r, err) < 0)
        return -1;
    acts = json_array();
    for (int64_t i = 0; i < n; i++) {
        json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:I}", "id",
                              (json_int_t)v[i].id, "org_name", v[i].org_name, "title", v[i].title,
                              "place", v[i].place, "starts_at", v[i].starts_at, "ends_at",
                              v[i].ends_at, "capacity", (json_int_t)v[i].capacity, "taken",
                              (json_int_t)v[i].taken, "waiting", (json_int_t)v[i].waiting);
        json_object_set_new(o, "skills", jstr(v[i].skills));
        json_object_set_new(o, "my_signup_id",
                            v[i].my_signup_id ? jint(v[i].my_signup_id) : json_null());
        json_object_set_new(o, "my_status", jstr(v[i].my_status));
        json_object_set_new(o, "my_status_label",
                            jstr(v[i].my_status
                                     ? enum_label(VOLUNTEER_SIGNUP_STATUSES,
                                                  VOLUNTEER_SIGNUP_STATUS_LABELS, v[i].my_status)
                                     : NULL));
        json_array_append_new(acts, o);
    }
    parr = json_array();
    for (int64_t i = 0; i < np; i++) {
        json_t *o = json_pack(
            "{s:I, s:s, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)posts[i].id, "org_name",
            posts[i].org_name, "name", posts[i].name, "kind_label",
            enum_label(VOLUNTEER_POST_KINDS, VOLUNTEER_POST_KIND_LABELS, posts[i].kind), "duties",
            posts[i].duties, "starts_on", posts[i].starts_on, "ends_on", posts[i].ends_on);
        json_object_set_new(o, "holder", jstr(posts[i].holder));
        json_array_append_new(parr, o);
    }
    http_res_json(res, 200,
                  json_pack("{s:i, s:{s:I, s:s}, s:o, s:o, s:o}", "year", year, "person", "id",
                            (json_int_t)p.id, "name", p.name, "activities", acts, "posts", parr,
                            "record", record_json(&r)));
    return 0;
}
