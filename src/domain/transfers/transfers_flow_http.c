/* transfers_flow_http.c: the HTTP handlers of 流动党员: registration (the home org for an
 * outflow, the 流入地 for an inflow), the list of a subtree (registered there or of its
 * members), one card with its meetings at the destination, a meeting entered and the return
 * registered by either side. Decode, check the scope, call one service function, encode. */
#include "core/compat.h"
#include "core/err.h"
#include "core/json.h"
#include "domain/app.h"
#include "domain/auth/auth.h"
#include "domain/auth/auth_guard.h"
#include "domain/members/members.h"
#include "domain/transfers/transfers.h"
#include "domain/transfers/transfers_http_int.h"
#include "http/http.h"

static json_t *flow_json(const struct transfer_flow_view *f)
{
    json_t *o = json_pack(
        "{s:I, s:I, s:s, s:s, s:s, s:I, s:s, s:I, s:s, s:s, s:s, s:s, s:I, "
        "s:b}",
        "id", (json_int_t)f->id, "member_id", (json_int_t)f->member_id, "name", f->name,
        "direction", f->direction, "direction_label",
        enum_label(TRANSFER_FLOW_DIRECTIONS, TRANSFER_FLOW_DIRECTION_LABELS, f->direction),
        "org_id", (json_int_t)f->org_id, "org_name", f->org_name, "home_org_id",
        (json_int_t)f->home_org_id, "home_org_name", f->home_org_name, "place", f->place, "reason",
        f->reason, "starts_on", f->starts_on, "meetings", (json_int_t)f->meetings, "card_expired",
        f->card_expired);
    json_t *found = json_loads(f->findings ? f->findings : "[]", 0, NULL);

    json_object_set_new(o, "dest_org_id", f->dest_org_id ? jint(f->dest_org_id) : json_null());
    json_object_set_new(o, "dest_org_name", jstr(f->dest_org_name));
    json_object_set_new(o, "contact", jstr(f->contact));
    json_object_set_new(o, "ends_on", jstr(f->ends_on));
    json_object_set_new(o, "card_no", jstr(f->card_no));
    json_object_set_new(o, "card_valid_until", jstr(f->card_valid_until));
    json_object_set_new(o, "returned_on", jstr(f->returned_on));
    json_object_set_new(o, "findings", json_is_array(found) ? found : json_array());
    if (found && !json_is_array(found))
        json_decref(found);
    return o;
}

const struct field TRANSFER_FLOW_IN[] = {
    FIELD_ID(struct transfer_flow_in, member_id, "member_id", "党员", FIELD_REQUIRED),
    FIELD_ENUM(struct transfer_flow_in, direction, "direction", "流向", FIELD_REQUIRED,
               TRANSFER_FLOW_DIRECTIONS),
    FIELD_ID(struct transfer_flow_in, org_id, "org_id", "流入地党组织", FIELD_OPTIONAL),
    FIELD_ID(struct transfer_flow_in, dest_org_id, "dest_org_id", "流入地党组织（系统内）",
             FIELD_OPTIONAL),
    FIELD_STR(struct transfer_flow_in, dest_org_name, "dest_org_name", "流入地党组织",
              FIELD_OPTIONAL, 0, 100),
    FIELD_STR(struct transfer_flow_in, place, "place", "外出地点", FIELD_REQUIRED, 2, 100),
    FIELD_STR(struct transfer_flow_in, reason, "reason", "外出原因", FIELD_REQUIRED, 2, 100),
    FIELD_STR(struct transfer_flow_in, contact, "contact", "联系方式", FIELD_OPTIONAL, 0, 60),
    FIELD_DATE(struct transfer_flow_in, starts_on, "starts_on", "外出日期", FIELD_REQUIRED),
    FIELD_DATE(struct transfer_flow_in, ends_on, "ends_on", "预计返回日期", FIELD_OPTIONAL),
    FIELD_STR(struct transfer_flow_in, card_no, "card_no", "活动证编号", FIELD_OPTIONAL, 0, 40),
    FIELD_DATE(struct transfer_flow_in, card_valid_until, "card_valid_until", "活动证有效期至",
               FIELD_OPTIONAL),
    FIELD_END,
};

int transfer_flows_http_create(struct http_req *req, struct http_res *res, struct err *err)
{
    struct transfer_flow_in in = { 0 };
    struct member_view m;
    struct auth_actor actor;
    const char *findings = "[]";
    int64_t id;
    bool inflow;

    if (http_body_decode(req, TRANSFER_FLOW_IN, &in, NULL, err) < 0 ||
        member_get(req->app, in.member_id, req->arena, &m, err) < 0)
        return -1;
    inflow = !strcmp(in.direction, "in");
    /* The registering org: the home org for an outflow, the 流入地 for an inflow. */
    if (http_require_org(req, inflow && in.org_id ? in.org_id : m.org_id, err) < 0)
        return -1;
    if (inflow && !in.org_id)
        return err_set(err, E_INVALID, "/org_id", "请选择流入地党组织");
    http_actor(req, &actor);
    if (transfer_flow_create(req->app, &in, &actor, req->arena, &id, &findings, err) < 0)
        return -1;
    http_res_json(
        res, 201,
        json_pack("{s:I, s:o}", "id", (json_int_t)id, "findings", json_loads(findings, 0, NULL)));
    return 0;
}

struct flows_q {
    int64_t org;
};
const struct field TRANSFER_FLOWS_Q[] = {
    FIELD_ID(struct flows_q, org, "org", "党组织", FIELD_OPTIONAL),
    FIELD_END,
};

int transfer_flows_http_list(struct http_req *req, struct http_res *res, struct err *err)
{
    struct flows_q q = { 0 };
    struct transfer_flow_view *f;
    const char *path;
    int64_t n;
    json_t *arr;

    if (http_query_decode(req, TRANSFER_FLOWS_Q, &q, NULL, err) < 0 ||
        http_scope_path(req, q.org, &path, err) < 0 ||
        transfer_flows_list(req->app, path, req->arena, &f, &n, err) < 0)
        return -1;
    arr = json_array();
    for (int64_t i = 0; i < n; i++)
        json_array_append_new(arr, flow_json(&f[i]));
    http_res_json(res, 200, json_pack("{s:o}", "items", arr));
    return 0;
}

/* A flow the caller may act on: held at the registering org or the member's home org. */
static int flow_in_scope(struct http_req *req, int64_t *id_out, struct transfer_flow_view *f,
                         struct transfer_flow_meeting **m, int64_t *nm, struct err *err)
{
    struct err other = { 0 };

    if (http_param_id(req, 0, id_out, err) < 0 ||
        transfer_flow_get(req->app, *id_out, req->arena, f, m, nm, err) < 0)
        return -1;
    if (http_require_org(req, f->org_id, &other) == 0)
        return 0;
    return http_require_org(req, f->home_org_id, err);
}

int transfer_flows_http_get(struct http_req *req, struct http_res *res, struct err *err)
{
    struct transfer_flow_view f;
    struct transfer_flow_meeting *m;
    int64_t id, n;
    json_t *o, *arr;

    if (flow_in_scope(req, &id, &f, &m, &n, err) < 0)
        return -1;
    o = flow_json(&f);
    arr = json_array();
    for (int64_t i = 0; i < n; i++) {
        json_t *x = json_pack("{s:I, s:s, s:s}", "id", (json_int_t)m[i].id, "met_on", m[i].met_on,
                              "topic", m[i].topic);
        json_object_set_new(x, "dest_org_name", jstr(m[i].dest_org_name));
        json_object_set_new(x, "note", jstr(m[i].note));
        json_array_append_new(arr, x);
    }
    json_object_set_new(o, "meeting_records", arr);
    http_res_json(res, 200, o);
    return 0;
}

struct meeting_in {
    char *met_on, *topic, *note;
};
const struct field TRANSFER_FLOW_MEETING_IN[] = {
    FIELD_DATE(struct meeting_in, met_on, "met_on", "参加日期", FIELD_REQUIRED),
    FIELD_STR(struct meeting_in, topic, "topic", "组织生活内容", FIELD_REQUIRED, 2, 100),
    FIELD_STR(struct meeting_in, note, "note", "备注", FIELD_OPTIONAL, 0, 200),
    FIELD_END,
};

int transfer_flows_http_meeting(struct http_req *req, struct http_res *res, struct err *err)
{
    struct transfer_flow_view f;
    struct meeting_in in = { 0 };
    struct auth_actor actor;
    int64_t id, mid;

    if (flow_in_scope(req, &id, &f, NULL, NULL, err) < 0 ||
        http_body_decode(req, TRANSFER_FLOW_MEETING_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (transfer_flow_meeting_add(req->app, id, in.met_on, in.topic, in.note, &actor, &mid, err) <
        0)
        return -1;
    http_res_json(res, 201,
                  json_pack("{s:I, s:I}", "id", (json_int_t)mid, "flow_id", (json_int_t)id));
    return 0;
}

struct return_in {
    char *returned_on;
};
const struct field TRANSFER_FLOW_RETURN_IN[] = {
    FIELD_DATE(struct return_in, returned_on, "returned_on", "返回日期", FIELD_OPTIONAL),
    FIELD_END,
};

int transfer_flows_http_return(struct http_req *req, struct http_res *res, struct err *err)
{
    struct transfer_flow_view f;
    struct return_in in = { 0 };
    struct auth_actor actor;
    int64_t id;

    if (flow_in_scope(req, &id, &f, NULL, NULL, err) < 0 ||
        http_body_decode(req, TRANSFER_FLOW_RETURN_IN, &in, NULL, err) < 0)
        return -1;
    http_actor(req, &actor);
    if (transfer_flow_return(req->app, id, in.returned_on, &actor, err) < 0 ||
        transfer_flow_get(req->app, id, req->arena, &f, NULL, NULL, err) < 0)
        return -1;
    http_res_json(res, 200, flow_json(&f));
    return 0;
}

struct records_q {
    int64_t person;
    char *from, *to;
};
const struct field TRANSFER_FLOW_RECORDS_Q[] = {
    FIELD_ID(struct records_q, person, "person", "党员", FIELD_REQUIRED),
    FIELD_DATE(struct records_q, from, "from", "起始日期", FIELD_REQUIRED),
    FIELD_DATE(struct records_q, to, "to", "截止日期", FIELD_REQUIRED),
    FIELD_END,
};

/* For the 民主评议 of a member (keyed by person, as the round's subjects are): the caller reads
 * at the member's org. */
int transfer_flows_http_records(struct http_req *req, struct http_res *res, struct err *err)
{
    struct records_q q = { 0 };
    struct member_view m;
    struct transfer_flow_record *r;
    int64_t n;
    json_t *arr;

    if (http_query_decode(req, TRANSFER_FLOW_RECORDS_Q, &q, NULL, err) < 0)
        return -1;
    if (strcmp(q.to, q.from) < 0)
        return err_set(err, E_INVALID, "/to", "截止日期不能早于起始日期");
    if (member_of_person(req->app, q.person, req->arena, &m, err) < 0 ||
        http_require_org(req, m.org_id, err) < 0 ||
        transfer_flow_records(req->app, m.id, q.from, q.to, req->arena, &r, &n, err) < 0)
        return -1;
    arr = json_array();
    for (int64_t i = 0; i < n; i++) {
        json_t *o =
            json_pack("{s:I, s:s, s:s, s:s}", "flow_id", (json_int_t)r[i].flow_id, "direction",
                      r[i].direction, "met_on", r[i].met_on, "topic", r[i].topic);
        json_object_set_new(o, "dest_org_name", jstr(r[i].dest_org_name));
        json_object_set_new(o, "note", jstr(r[i].note));
        json_array_append_new(arr, o);
    }
    http_res_json(res, 200, json_pack("{s:I, s:o}", "member_id", (json_int_t)m.id, "items", arr));
    return 0;
}
