/* orglife_http.c: the organizational-life area's HTTP adapter, its permissions and its module
 * row (found by tools/gen-modules.sh): meetings (list, create, read, PATCH), attendance (read,
 * PUT), the caller's own meetings, and compliance of a subtree over a date range. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/buf.h"
#include "core/json.h"
#include "core/json_write.h"
#include "domain/app.h"
#include "domain/auth/auth.h"
#include "domain/auth/auth_guard.h"
#include "domain/auth/perm.h"
#include "domain/cache/cache.h"
#include "domain/cache/cache_http.h"
#include "domain/modules.h"
#include "domain/orglife/orglife.h"
#include "domain/orglife/orglife_cli.h"
#include "http/http.h"

static const struct field AGENDA_IN[] = {
    FIELD_STR(struct meeting_agenda_item, title, "title", "议题", FIELD_REQUIRED, 1, 200),
    FIELD_STR(struct meeting_agenda_item, minutes, "minutes", "议题记录", FIELD_OPTIONAL, 0, 5000),
    FIELD_END,
};
/* The meeting's fields; REQ is FIELD_REQUIRED for a new meeting and FIELD_OPTIONAL for a PATCH
 * (which lays what it gives over the stored meeting). */
#define MEETING_FIELDS(REQ)                                                                        \
    FIELD_ID(struct meeting_in, org_id, "org_id", "党组织", REQ),                                  \
        FIELD_ENUM(struct meeting_in, type, "type", "会议类型", REQ, MEETING_TYPES),               \
        FIELD_STR(struct meeting_in, custom_type, "custom_type", "会议类型名称", FIELD_NULLABLE,   \
                  1, 20),                                                                          \
        FIELD_STR(struct meeting_in, topic, "topic", "会议主题", REQ, 2, 100),                     \
        FIELD_STR(struct meeting_in, starts_at, "starts_at", "开始时间", REQ | FIELD_ASCII, 16,    \
                  19),                                                                             \
        FIELD_STR(struct meeting_in, ends_at, "ends_at", "结束时间", FIELD_NULLABLE | FIELD_ASCII, \
                  16, 19),                                                                         \
        FIELD_STR(struct meeting_in, place, "place", "地点", FIELD_NULLABLE, 0, 100),              \
        FIELD_BOOL(struct meeting_in, online, "online", "线上会议", FIELD_OPTIONAL),               \
        FIELD_ID(struct meeting_in, host_person_id, "host_person_id", "主持人", FIELD_NULLABLE),   \
        FIELD_ID(struct meeting_in, recorder_person_id, "recorder_person_id", "记录人",            \
                 FIELD_NULLABLE),                                                                  \
        FIELD_ENUM(struct meeting_in, status, "status", "会议状态", FIELD_OPTIONAL,                \
                   MEETING_STATUSES),                                                              \
        FIELD_STR(struct meeting_in, guests, "guests", "列席人员", FIELD_NULLABLE, 0, 500),        \
        FIELD_STR(struct meeting_in, minutes, "minutes", "会议记录", FIELD_NULLABLE, 0, 20000),    \
        FIELD_STR(struct meeting_in, decisions, "decisions", "会议决定", FIELD_NULLABLE, 0, 5000), \
        FIELD_ARRAY(struct meeting_in, agenda, "agenda", "议题", FIELD_OPTIONAL, 0, 20, AGENDA_IN)
static const struct field MEETING_NEW[] = { MEETING_FIELDS(FIELD_REQUIRED), FIELD_END };
static const struct field MEETING_PATCH[] = { MEETING_FIELDS(FIELD_OPTIONAL), FIELD_END };

static json_t *agenda_json(const struct meeting_view *v)
{
    json_t *arr = json_array();

    for (int64_t i = 0; i < v->nagenda; i++)
        json_array_append_new(arr, json_pack("{s:s, s:s?}", "title", v->agenda[i].title, "minutes",
                                             v->agenda[i].minutes));
    return arr;
}

static json_t *meeting_json(const struct meeting_view *v, bool full)
{
    json_t *o = json_pack(
        "{s:I, s:I, s:s, s:s, s:s, s:s?, s:s, s:s, s:s, s:s?, s:s?, s:b, s:o?, s:s?, s:o?, s:s?, "
        "s:s, s:s, s:I, s:I, s:I, s:I, s:I}",
        "id", (json_int_t)v->id, "org_id", (json_int_t)v->org_id, "org_name", v->org_name, "type",
        v->type, "type_label", enum_label(MEETING_TYPES, MEETING_TYPE_LABELS, v->type),
        "custom_type", v->custom_type, "topic", v->topic, "meets_on", v->meets_on, "starts_at",
        v->starts_at, "ends_at", v->ends_at, "place", v->place, "online", v->online,
        "host_person_id", v->host_person_id ? jint(v->host_person_id) : NULL, "host_name",
        v->host_name, "recorder_person_id",
        v->recorder_person_id ? jint(v->recorder_person_id) : NULL, "recorder_name",
        v->recorder_name, "status", v->status, "status_label",
        enum_label(MEETING_STATUSES, MEETING_STATUS_LABELS, v->status), "expected_n",
        (json_int_t)v->expected_n, "present_n", (json_int_t)v->present_n, "leave_n",
        (json_int_t)v->leave_n, "absent_n", (json_int_t)v->absent_n, "delivered_n",
        (json_int_t)v->delivered_n);

    if (v->my_status) {
        json_object_set_new(o, "my_status", jstr(v->my_status));
        json_object_set_new(o, "my_status_label",
                            jstr(enum_label(ATTEND_STATUSES, ATTEND_STATUS_LABELS, v->my_status)));
    }
    if (full) {
        json_object_set_new(o, "guests", jstr(v->guests));
        json_object_set_new(o, "minutes", jstr(v->minutes));
        json_object_set_new(o, "decisions", jstr(v->decisions));
        json_object_set_new(o, "agenda", agenda_json(v));
        json_object_set_new(o, "created_at", jint(v->created_at));
        json_object_set_new(o, "updated_at", jint(v->updated_at));
    }
    return o;
}

/* Loads the meeting and checks the caller may act on its org. */
static int meeting_load(struct http_req *req, struct meeting_view *v, struct err *err)
{
    int64_t id;

    if (http_param_id(req, 0, &id, err) < 0 || meeting_get(req->app, id, req->arena, v, err) < 0)
        return -1;
    return http_require_org(req, v->org_id, err);
}

static int meetings_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct meeting_view v;

    if (meeting_load(req, &v, err) < 0)
        return -1;
    http_res_json(res, 200, meeting_json(&v, true));
    return 0;
}

static int respond_meeting(struct http_req *req, struct http_res *res, int64_t id, int status,
                           struct err *err)
{
    struct meeting_view v;

    if (meeting_get(req->app, id, req->arena, &v, err) < 0)
        return -1;
    http_res_json(res, status, meeting_json(&v, true));
    return 0;
}

static int meetings_create(struct http_req *req, struct http_res *res, struct err *err)
{
    struct meeting_in in = { 0 };
    struct auth_actor actor;
    int64_t id;

    if (http_body_decode(req, MEETING_NEW, &in, NULL, err) < 0)
        return -1;
    if (http_require_org(req, in.org_id, err) < 0) {
        err_refine(err, "/org_id", NULL);
        return -1;
    }
    http_actor(req, &actor);
    if (meeting_create(req->app, &in, &actor, &id, err) < 0)
        return -1;
    return respond_meeting(req, res, id, 201, err);
}

static int meetings_patch(struct http_req *req, struct http_res *res, struct err *err)
{
    struct meeting_view v;
    struct meeting_in in;
    struct auth_actor actor;

    if (meeting_load(req, &v, err) < 0)
        return -1;
    meeting_view_to_in(&v, &in);
    if (http_body_decode(req, MEETING_PATCH, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (meeting_update(req->app, v.id, &in, &actor, err) < 0)
        return -1;
    return respond_meeting(req, res, v.id, 200, err);
}

struct list_q {
    int64_t org, page, size;
    char *from, *to, *type, *status;
};
static const struct field LIST_Q[] = {
    FIELD_ID(struct list_q, org, "org", "党组织", FIELD_OPTIONAL),
    FIELD_DATE(struct list_q, from, "from", "开始日期", FIELD_OPTIONAL),
    FIELD_DATE(struct list_q, to, "to", "结束日期", FIELD_OPTIONAL),
    FIELD_ENUM(struct list_q, type, "type", "会议类型", FIELD_OPTIONAL, MEETING_TYPES),
    FIELD_ENUM(struct list_q, status, "status", "会议状态", FIELD_OPTIONAL, MEETING_STATUSES),
    HTTP_PAGE_FIELDS(struct list_q),
    FIELD_END,
};

static int respond_page(struct http_res *res, struct http_req *req, struct meeting_query *mq,
                        struct err *err)
{
    struct meeting_view *items;
    int64_t n, total;
    json_t *arr;

    if (meeting_list(req->app, mq, req->arena, &items, &n, &total, err) < 0)
        return -1;
    arr = json_array();
    for (int64_t i = 0; i < n; i++)
        json_array_append_new(arr, meeting_json(&items[i], false));
    http_res_json(res, 200, http_list_json(arr, total, mq->page, mq->size));
    return 0;
}

static int meetings_list(struct http_req *req, struct http_res *res, struct err *err)
{
    struct list_q q = { 0 };
    struct meeting_query mq;

    if (http_query_decode(req, LIST_Q, &q, NULL, err) < 0)
        return -1;
    http_page_defaults(&q.page, &q.size);
    mq = (struct meeting_query){ .from = q.from,
                                 .to = q.to,
                                 .type = q.type,
                                 .status = q.status,
                                 .page = q.page,
                                 .size = q.size };
    if (http_scope_path(req, q.org, &mq.org_path, err) < 0)
        return -1;
    return respond_page(res, req, &mq, err);
}

/* 我的会议: the meetings the caller (as a person on the roll) was expected at or recorded in,
 * wherever they are. */
static int my_meetings(struct http_req *req, struct http_res *res, struct err *err)
{
    struct list_q q = { 0 };
    struct meeting_query mq;
    struct auth_actor actor;

    if (http_query_decode(req, LIST_Q, &q, NULL, err) < 0)
        return -1;
    http_page_defaults(&q.page, &q.size);
    http_actor(req, &actor);
    mq = (struct meeting_query){ .org_path = "/",
                                 .from = q.from,
                                 .to = q.to,
                                 .type = q.type,
                                 .status = q.status,
                                 .page = q.page,
                                 .size = q.size,
                                 .person_id = actor.user->person_id };
    if (!mq.person_id) {
        http_res_json(res, 200, http_list_json(json_array(), 0, q.page, q.size));
        return 0;
    }
    return respond_page(res, req, &mq, err);
}

static int respond_attendance(struct http_req *req, struct http_res *res, int64_t id,
                              struct err *err)
{
    struct meeting_attendee *v;
    int64_t n;
    json_t *arr;

    if (meeting_attendees(req->app, id, req->arena, &v, &n, err) < 0)
        return -1;
    arr = json_array();
    for (int64_t i = 0; i < n; i++)
        json_array_append_new(
            arr,
            json_pack("{s:I, s:s, s:b, s:b, s:s?, s:s?, s:s?, s:b}", "person_id",
                      (json_int_t)v[i].person_id, "name", v[i].name, "expected", v[i].expected,
                      "probationary", v[i].probationary, "status", v[i].status, "status_label",
                      v[i].status ? enum_label(ATTEND_STATUSES, ATTEND_STATUS_LABELS, v[i].status)
                                  : NULL,
                      "reason", v[i].reason, "leave_approved", v[i].leave_approved));
    http_res_json(res, 200, json_pack("{s:o}", "items", arr));
    return 0;
}

static int attendance_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct meeting_view v;

    if (meeting_load(req, &v, err) < 0)
        return -1;
    return respond_attendance(req, res, v.id, err);
}

struct attendance_body {
    struct attendance_in *items;
    int64_t nitems;
};
static const struct field ATTEND_ITEM[] = {
    FIELD_ID(struct attendance_in, person_id, "person_id", "人员", FIELD_REQUIRED),
    FIELD_ENUM(struct attendance_in, status, "status", "出席情况", FIELD_REQUIRED, ATTEND_STATUSES),
    FIELD_STR(struct attendance_in, reason, "reason", "事由", FIELD_NULLABLE, 0, 200),
    FIELD_BOOL(struct attendance_in, leave_approved, "leave_approved", "请假已批准",
               FIELD_OPTIONAL),
    FIELD_END,
};
static const struct field ATTEND_BODY[] = {
    FIELD_ARRAY(struct attendance_body, items, "items", "出席登记", FIELD_REQUIRED, 1, 500,
                ATTEND_ITEM),
    FIELD_END,
};

/* The body is {"items": [...]} or, as the contract writes it, the bare array: that is read
 * as the object around it (error paths then start with /items). */
static int attendance_decode(struct http_req *req, struct attendance_body *in, struct err *err)
{
    const char *p = req->body ? req->body : "";

    while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
        p++;
    if (*p == '[') {
        req->body = arena_printf(req->arena, "{\"items\":%s}", req->body);
        req->body_len = strlen(req->body);
    }
    return http_body_decode(req, ATTEND_BODY, in, NULL, err);
}

static int attendance_put(struct http_req *req, struct http_res *res, struct err *err)
{
    struct attendance_body in = { 0 };
    struct meeting_view v;
    struct auth_actor actor;

    if (meeting_load(req, &v, err) < 0 || attendance_decode(req, &in, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (meeting_attendance_set(req->app, v.id, in.items, in.nitems, &actor, err) < 0)
        return -1;
    return respond_attendance(req, res, v.id, err);
}

struct compliance_q {
    int64_t org;
    char *from, *to, *by;
};
static const char *const COMPLIANCE_BY[] = { "branch", "child", NULL };
static const struct field COMPLIANCE_Q[] = {
    FIELD_ID(struct compliance_q, org, "org", "党组织", FIELD_OPTIONAL),
    FIELD_DATE(struct compliance_q, from, "from", "开始日期", FIELD_REQUIRED),
    FIELD_DATE(struct compliance_q, to, "to", "结束日期", FIELD_REQUIRED),
    FIELD_ENUM(struct compliance_q, by, "by", "汇总方式", FIELD_OPTIONAL, COMPLIANCE_BY),
    FIELD_END,
};

static json_t *rate_json(double r)
{
    return r < 0 ? json_null() : json_real((double)(int64_t)(r * 1000 + 0.5) / 1000);
}

static void write_rate(struct json_writer *w, const char *key, double r)
{
    json_write_key(w, key);
    if (r < 0)
        json_write_null(w);
    else
        json_write_milli(w, (int64_t)(r * 1000 + 0.5));
}

static void write_item(struct json_writer *w, const struct orglife_compliance_item *it)
{
    json_write_object_begin(w);
    json_write_kint(w, "org_id", it->org_id);
    json_write_kstr(w, "org_name", it->org_name);
    json_write_kstr(w, "type", it->type);
    json_write_kstr(w, "type_label", enum_label(MEETING_TYPES, MEETING_TYPE_LABELS, it->type));
    json_write_kstr(w, "rule_id", it->rule_id);
    json_write_kstr(w, "period", it->period);
    json_write_kint(w, "min_count", it->min_count);
    json_write_kint(w, "expected", it->expected);
    json_write_kint(w, "held", it->held);
    json_write_kint(w, "overdue", it->overdue);
    json_write_kint(w, "due_soon", it->due_soon);
    json_write_kstr(w, "next_due", it->next_due);
    json_write_kint(w, "branches", it->branches);
    json_write_kint(w, "behind", it->behind);
    write_rate(w, "attendance_rate", it->attendance_rate);
    write_rate(w, "study_rate", it->study_rate);
    json_write_object_end(w);
}

/* Compliance per branch, or summed per child org (by=child); cached until a meeting, a rule or
 * the org network changes (they all move the orglife counter), or the day does. */
static int compliance_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct compliance_q q = { 0 };
    struct orglife_compliance_item *it;
    struct http_cache_slot slot;
    struct json_writer w;
    const char *path;
    bool by_child;
    struct buf b;
    int64_t n;
    int rc;

    if (http_query_decode(req, COMPLIANCE_Q, &q, NULL, err) < 0 ||
        http_scope_path(req, q.org, &path, err) < 0)
        return -1;
    by_child = q.by && !strcmp(q.by, "child");
    rc = http_cache_answer(
        req, res, &ORGLIFE_COUNTER,
        arena_printf(req->arena, "compliance|%s|%s|%s|%d", path, q.from, q.to, by_child), &slot,
        err);
    if (rc != 0)
        return rc < 0 ? -1 : 0;
    if ((by_child ? orglife_compliance_by_child : orglife_compliance)(req->app, path, q.from, q.to,
                                                                      req->arena, &it, &n, err) < 0)
        return -1;
    http_res_writer_begin(req, &w, &b);
    json_write_object_begin(&w);
    json_write_key(&w, "items");
    json_write_array_begin(&w);
    for (int64_t i = 0; i < n; i++)
        write_item(&w, &it[i]);
    json_write_array_end(&w);
    json_write_kstr(&w, "from", q.from);
    json_write_kstr(&w, "to", q.to);
    json_write_object_end(&w);
    return http_res_writer_end_cached(req, res, &b, &slot, err);
}

struct suspects_q {
    int64_t org;
};
static const struct field SUSPECTS_Q[] = {
    FIELD_ID(struct suspects_q, org, "org", "党组织", FIELD_OPTIONAL),
    FIELD_END,
};

static int copy_suspects_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct suspects_q q = { 0 };
    struct orglife_copy_suspect *it;
    const char *path;
    int64_t n;
    json_t *arr;

    if (http_query_decode(req, SUSPECTS_Q, &q, NULL, err) < 0 ||
        http_scope_path(req, q.org, &path, err) < 0 ||
        orglife_copy_suspects(req->app, path, req->arena, &it, &n, err) < 0)
        return -1;
    arr = json_array();
    for (int64_t i = 0; i < n; i++) {
        json_t *o =
            json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s?, s:s?, s:s?, s:I, s:s?}", "meeting_id",
                      (json_int_t)it[i].meeting_id, "matches_meeting_id",
                      (json_int_t)it[i].matches_meeting_id, "org_name", it[i].org_name, "topic",
                      it[i].topic, "meets_on", it[i].meets_on, "type_label",
                      enum_label(MEETING_TYPES, MEETING_TYPE_LABELS, it[i].type),
                      "matches_org_name", it[i].matches_org_name, "matches_topic",
                      it[i].matches_topic, "matches_meets_on", it[i].matches_meets_on,
                      "passage_chars", (json_int_t)it[i].passage_chars, "passage", it[i].passage);
        json_object_set_new(o, "similarity", rate_json(it[i].similarity));
        json_object_set_new(o, "containment", rate_json(it[i].containment));
        json_array_append_new(arr, o);
    }
    http_res_json(res, 200, json_pack("{s:o}", "items", arr));
    return 0;
}

static const struct route ORGLIFE_ROUTES[] = {
    { HTTP_GET, "/api/meetings", meetings_list, PERM_ORGLIFE_READ, SCOPE_CALLER,
      "组织生活会议列表（按组织、日期、类型、状态筛选）", NULL, LIST_Q, NULL },
    { HTTP_POST, "/api/meetings", meetings_create, PERM_ORGLIFE_WRITE, SCOPE_RECORD,
      "新建会议（应到人员按会议当日名册自动生成）", NULL, NULL, MEETING_NEW },
    { HTTP_GET, "/api/meetings/{id}", meetings_get, PERM_ORGLIFE_READ, SCOPE_RECORD,
      "会议详情（含议题与记录）", NULL, NULL, NULL },
    { HTTP_PATCH, "/api/meetings/{id}", meetings_patch, PERM_ORGLIFE_WRITE, SCOPE_RECORD,
      "修改会议（改期时重算应到人员）", NULL, NULL, MEETING_PATCH },
    { HTTP_GET, "/api/meetings/{id}/attendance", attendance_get, PERM_ORGLIFE_READ, SCOPE_RECORD,
      "会议出席情况（应到、实到、请假、缺席、送学上门）", NULL, NULL, NULL },
    { HTTP_PUT, "/api/meetings/{id}/attendance", attendance_put, PERM_ORGLIFE_WRITE, SCOPE_RECORD,
      "登记出席情况", NULL, NULL, ATTEND_BODY },
    { HTTP_GET, "/api/me/meetings", my_meetings, PERM_SESSION, SCOPE_NONE, "我参加的会议", NULL,
      LIST_Q, NULL },
    { HTTP_GET, "/api/orglife/compliance", compliance_get, PERM_ORGLIFE_READ, SCOPE_CALLER,
      "组织生活落实情况（应开、已开、参会率、逾期；by=child 按下级组织汇总）", NULL, COMPLIANCE_Q,
      NULL },
    { HTTP_GET, "/api/orglife/copy-suspects", copy_suspects_get, PERM_ORGLIFE_READ, SCOPE_CALLER,
      "疑似照搬照抄的会议记录（附相同段落）", NULL, SUSPECTS_Q, NULL },
    { 0 },
};

static const struct perm_row ORGLIFE_PERMS[] = {
    PERM_ROW(PERM_ORGLIFE_READ, "orglife.read", "查看组织生活",
             ROLES_MANAGERS | ROLE_BIT(ROLE_BRANCH_SECRETARY) | ROLE_BIT(ROLE_BRANCH_COMMITTEE)),
    PERM_ROW(PERM_ORGLIFE_WRITE, "orglife.write", "记录组织生活",
             ROLES_MANAGERS | ROLE_BIT(ROLE_BRANCH_SECRETARY) | ROLE_BIT(ROLE_BRANCH_COMMITTEE)),
    PERM_ROWS_END,
};

static const struct audit_action ORGLIFE_AUDIT[] = {
    { "meeting.create", "新建会议", "meeting" },
    { "meeting.update", "修改会议", "meeting" },
    { "meeting.attendance", "登记出席", "meeting" },
    { NULL, NULL, NULL },
};

static const struct code_table ORGLIFE_CODES[] = {
    { "meeting_type", MEETING_TYPES, MEETING_TYPE_LABELS },
    { "meeting_status", MEETING_STATUSES, MEETING_STATUS_LABELS },
    { "attend_status", ATTEND_STATUSES, ATTEND_STATUS_LABELS },
    { "rule_period", RULE_PERIODS, RULE_PERIOD_LABELS },
    { NULL, NULL, NULL },
};

const struct change_counter ORGLIFE_COUNTER = { "orglife", "组织生活" };
static const struct change_counter *const ORGLIFE_COUNTERS[] = { &ORGLIFE_COUNTER, NULL };
static const struct demo_hook *const ORGLIFE_DEMOS[] = { &ORGLIFE_DEMO, NULL };

extern const struct module ORGLIFE_MODULE;
const struct module ORGLIFE_MODULE = {
    .name = "orglife",
    .routes = ORGLIFE_ROUTES,
    .perms = ORGLIFE_PERMS,
    .audit_actions = ORGLIFE_AUDIT,
    .codes = ORGLIFE_CODES,
    .counters = ORGLIFE_COUNTERS,
    .demo = ORGLIFE_DEMOS,
    .commands = ORGLIFE_COMMANDS,
};
