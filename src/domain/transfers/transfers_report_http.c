/* transfers_report_http.c: the HTTP handlers of 在职党员到社区报到: the registrations seen from
 * a subtree (the community reported to or the workplace org: 双报到), a registration (of a
 * member of the tree by the member's side, of an outside person by the community), its services,
 * its yearly evaluation, its end, and the yearly summary (反馈表) readable by either side. Decode,
 * check the scope, call one service function, encode. */
#include "core/compat.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json.h"
#include "domain/app.h"
#include "domain/auth/auth.h"
#include "domain/auth/auth_guard.h"
#include "domain/members/members.h"
#include "domain/transfers/transfers.h"
#include "domain/transfers/transfers_http_int.h"
#include "http/http.h"

static int this_year(void)
{
    char today[11];

    clock_today(today);
    return (int)strtol(today, NULL, 10);
}

static json_t *report_json(const struct transfer_report_view *r, const char *path)
{
    json_t *o = json_pack("{s:I, s:I, s:s, s:I, s:s, s:s, s:s, s:I, s:I}", "id", (json_int_t)r->id,
                          "person_id", (json_int_t)r->person_id, "name", r->name, "community_id",
                          (json_int_t)r->community_id, "community_name", r->community_name,
                          "unit_org_name", r->unit_org_name, "reported_on", r->reported_on,
                          "services", (json_int_t)r->services, "minutes", (json_int_t)r->minutes);

    json_object_set_new(o, "member_id", r->member_id ? jint(r->member_id) : json_null());
    json_object_set_new(o, "unit_org_id", r->unit_org_id ? jint(r->unit_org_id) : json_null());
    json_object_set_new(o, "work_unit", jstr(r->work_unit));
    json_object_set_new(o, "skills", jstr(r->skills));
    json_object_set_new(o, "wishes", jstr(r->wishes));
    json_object_set_new(o, "ended_on", jstr(r->ended_on));
    json_object_set_new(o, "end_reason", jstr(r->end_reason));
    /* Which side the caller's subtree holds: the community reported to, or the workplace. */
    if (path)
        json_object_set_new(
            o, "side",
            json_string(!strncmp(r->community_path, path, strlen(path)) ? "community" : "unit"));
    return o;
}

struct reports_q {
    int64_t org, year;
};
const struct field TRANSFER_REPORTS_Q[] = {
    FIELD_ID(struct reports_q, org, "org", "党组织", FIELD_OPTIONAL),
    FIELD_INT(struct reports_q, year, "year", "年度", FIELD_OPTIONAL, 2000, 2100),
    FIELD_END,
};

int transfer_reports_http_list(struct http_req *req, struct http_res *res, struct err *err)
{
    struct reports_q q = { 0 };
    struct transfer_report_view *r;
    const char *path;
    int64_t n;
    int year;
    json_t *arr;

    if (http_query_decode(req, TRANSFER_REPORTS_Q, &q, NULL, err) < 0 ||
        http_scope_path(req, q.org, &path, err) < 0)
        return -1;
    year = q.year ? (int)q.year : this_year();
    if (transfer_reports_list(req->app, path, year, req->arena, &r, &n, err) < 0)
        return -1;
    arr = json_array();
    for (int64_t i = 0; i < n; i++)
        json_array_append_new(arr, report_json(&r[i], path));
    http_res_json(res, 200, json_pack("{s:i, s:o}", "year", year, "items", arr));
    return 0;
}

const struct field TRANSFER_REPORT_IN[] = {
    FIELD_ID(struct transfer_report_in, community_id, "community_id", "报到社区党组织",
             FIELD_REQUIRED),
    FIELD_ID(struct transfer_report_in, member_id, "member_id", "党员（本系统内）", FIELD_OPTIONAL),
    FIELD_STR(struct transfer_report_in, name, "name", "姓名", FIELD_OPTIONAL, 0, 30),
    FIELD_STR(struct transfer_report_in, gender, "gender", "性别", FIELD_OPTIONAL, 0, 2),
    FIELD_STR(struct transfer_report_in, phone, "phone", "手机号码", FIELD_OPTIONAL | FIELD_ASCII,
              0, 20),
    FIELD_STR(struct transfer_report_in, unit_org_name, "unit_org_name", "工作单位党组织",
              FIELD_OPTIONAL, 0, 100),
    FIELD_STR(struct transfer_report_in, work_unit, "work_unit", "工作单位", FIELD_OPTIONAL, 0,
              100),
    FIELD_STR(struct transfer_report_in, skills, "skills", "特长", FIELD_OPTIONAL, 0, 200),
    FIELD_STR(struct transfer_report_in, wishes, "wishes", "服务意向", FIELD_OPTIONAL, 0, 200),
    FIELD_DATE(struct transfer_report_in, reported_on, "reported_on", "报到日期", FIELD_OPTIONAL),
    FIELD_END,
};

int transfer_reports_http_create(struct http_req *req, struct http_res *res, struct err *err)
{
    struct transfer_report_in in = { 0 };
    struct auth_actor actor;
    int64_t id;

    if (http_body_decode(req, TRANSFER_REPORT_IN, &in, NULL, err) < 0)
        return -1;
    /* A member of the tree is registered by whoever holds their org (the workplace, or a cadre
     * above it), to any community; a person from outside the tree by the community. */
    if (in.member_id) {
        struct member_view m;
        if (member_get(req->app, in.member_id, req->arena, &m, err) < 0 ||
            http_require_org(req, m.org_id, err) < 0)
            return -1;
    } else if (http_require_org(req, in.community_id, err) < 0) {
        return -1;
    }
    http_actor(req, &actor);
    if (transfer_report_create(req->app, &in, &actor, req->arena, &id, err) < 0)
        return -1;
    http_res_json(res, 201, json_pack("{s:I}", "id", (json_int_t)id));
    return 0;
}

/* The registration of the path's id, held by the caller at the community (write) or at
 * either side (read). */
static int report_in_scope(struct http_req *req, bool either_side, int year, int64_t *id_out,
                           struct transfer_report_view *r, struct err *err)
{
    struct err other = { 0 };

    if (http_param_id(req, 0, id_out, err) < 0 ||
        transfer_report_get(req->app, *id_out, year, req->arena, r, err) < 0)
        return -1;
    if (!either_side || !r->unit_org_id)
        return http_require_org(req, r->community_id, err);
    if (http_require_org(req, r->community_id, &other) == 0)
        return 0;
    return http_require_org(req, r->unit_org_id, err);
}

const struct field TRANSFER_SERVICE_IN[] = {
    FIELD_DATE(struct transfer_service, served_on, "served_on", "服务日期", FIELD_REQUIRED),
    FIELD_INT(struct transfer_service, minutes, "minutes", "服务时长（分钟）", FIELD_REQUIRED, 1,
              1440),
    FIELD_ENUM(struct transfer_service, kind, "kind", "服务类别", FIELD_REQUIRED,
               TRANSFER_SERVICE_KINDS),
    FIELD_STR(struct transfer_service, content, "content", "服务内容", FIELD_REQUIRED, 2, 200),
    FIELD_END,
};

int transfer_reports_http_service(struct http_req *req, struct http_res *res, struct err *err)
{
    struct transfer_service in = { 0 };
    struct transfer_report_view r;
    struct auth_actor actor;
    int64_t id, sid;

    if (report_in_scope(req, false, this_year(), &id, &r, err) < 0 ||
        http_body_decode(req, TRANSFER_SERVICE_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (transfer_report_service_add(req->app, id, &in, &actor, &sid, err) < 0)
        return -1;
    http_res_json(res, 201,
                  json_pack("{s:I, s:I}", "id", (json_int_t)sid, "report_id", (json_int_t)id));
    return 0;
}

struct review_in {
    int64_t year;
    char *grade, *comment;
};
const struct field TRANSFER_REVIEW_IN[] = {
    FIELD_INT(struct review_in, year, "year", "评价年度", FIELD_REQUIRED, 2000, 2100),
    FIELD_ENUM(struct review_in, grade, "grade", "评价等次", FIELD_REQUIRED,
               TRANSFER_REVIEW_GRADES),
    FIELD_STR(struct review_in, comment, "comment", "评价意见", FIELD_REQUIRED, 2, 300),
    FIELD_END,
};

int transfer_reports_http_review(struct http_req *req, struct http_res *res, struct err *err)
{
    struct review_in in = { 0 };
    struct transfer_report_view r;
    struct auth_actor actor;
    int64_t id;

    if (report_in_scope(req, false, this_year(), &id, &r, err) < 0 ||
        http_body_decode(req, TRANSFER_REVIEW_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (transfer_report_review(req->app, id, (int)in.year, in.grade, in.comment, &actor, err) < 0)
        return -1;
    http_res_json(res, 200,
                  json_pack("{s:I, s:I, s:s}", "id", (json_int_t)id, "year", (json_int_t)in.year,
                            "grade", in.grade));
    return 0;
}

struct end_in {
    char *ended_on, *reason;
};
const struct field TRANSFER_REPORT_END_IN[] = {
    FIELD_DATE(struct end_in, ended_on, "ended_on", "停止报到日期", FIELD_OPTIONAL),
    FIELD_STR(struct end_in, reason, "reason", "原因", FIELD_REQUIRED, 2, 100),
    FIELD_END,
};

int transfer_reports_http_end(struct http_req *req, struct http_res *res, struct err *err)
{
    struct end_in in = { 0 };
    struct transfer_report_view r;
    struct auth_actor actor;
    int64_t id;

    if (report_in_scope(req, false, this_year(), &id, &r, err) < 0 ||
        http_body_decode(req, TRANSFER_REPORT_END_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (transfer_report_end(req->app, id, in.ended_on, in.reason, &actor, err) < 0 ||
        transfer_report_get(req->app, id, this_year(), req->arena, &r, err) < 0)
        return -1;
    http_res_json(res, 200, report_json(&r, NULL));
    return 0;
}

struct summary_q {
    int64_t year;
};
const struct field TRANSFER_SUMMARY_Q[] = {
    FIELD_INT(struct summary_q, year, "year", "年度", FIELD_OPTIONAL, 2000, 2100),
    FIELD_END,
};

/* Services as JSON, their minutes added into *minutes. */
static json_t *services_json(const struct transfer_service *v, int64_t n, int64_t *minutes)
{
    json_t *arr = json_array();

    for (int64_t i = 0; i < n; i++) {
        *minutes += v[i].minutes;
        json_array_append_new(arr,
                              json_pack("{s:I, s:s, s:I, s:s, s:s, s:s}", "id", (json_int_t)v[i].id,
                                        "served_on", v[i].served_on, "minutes",
                                        (json_int_t)v[i].minutes, "kind", v[i].kind, "kind_label",
                                        strcmp(v[i].kind, "volunteer")
                                            ? enum_label(TRANSFER_SERVICE_KINDS,
                                                         TRANSFER_SERVICE_KIND_LABELS, v[i].kind)
                                            : "志愿服务",
                                        "content", v[i].content ? v[i].content : ""));
    }
    return arr;
}

int transfer_reports_http_summary(struct http_req *req, struct http_res *res, struct err *err)
{
    struct summary_q q = { 0 };
    struct transfer_report_view r;
    struct transfer_report_summary s;
    int64_t id, minutes = 0;
    int year;
    json_t *o, *arr;

    if (http_query_decode(req, TRANSFER_SUMMARY_Q, &q, NULL, err) < 0)
        return -1;
    year = q.year ? (int)q.year : this_year();
    if (report_in_scope(req, true, year, &id, &r, err) < 0 ||
        transfer_report_summary(req->app, id, year, req->arena, &s, err) < 0)
        return -1;
    arr = services_json(s.services, s.nservices, &minutes);
    o = report_json(&s.r, NULL);
    json_object_set_new(o, "year", json_integer(year));
    json_object_set_new(o, "items", arr);
    json_object_set_new(o, "total_minutes", json_integer(minutes));
    minutes = 0;
    json_object_set_new(o, "volunteer_items", services_json(s.vservices, s.nvservices, &minutes));
    json_object_set_new(o, "volunteer_minutes", json_integer(minutes));
    json_object_set_new(o, "grade", jstr(s.grade));
    json_object_set_new(
        o, "grade_label",
        s.grade ? jstr(enum_label(TRANSFER_REVIEW_GRADES, TRANSFER_REVIEW_GRADE_LABELS, s.grade))
                : json_null());
    json_object_set_new(o, "comment", jstr(s.comment));
    http_res_json(res, 200, o);
    return 0;
}
